#!/usr/bin/env bash
# Exports under stress, local destination: floe is SIGKILLed in the middle of
# an export (nothing but a hidden temporary file may remain, no .parquet at
# all or a whole one; running the statement again succeeds and sweeps the
# leftovers), and many parts of several tables are exported at once (every
# file whole, every row there). Files are read back with DuckDB.
set -u
here=$(cd "$(dirname "$0")" && pwd)
floe="${1:-${FLOE_BIN:-$here/../../build/floe}}"
[ -d "$here/node_modules/@duckdb/node-api" ] ||
    (cd "$here" && npm install --no-audit --no-fund --loglevel=error >/dev/null) || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/floe-export-kill.XXXXXX")
trap 'rm -rf "$work"' EXIT
data="$work/floe"
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
expect() { if [ "$2" == "$3" ]; then ok; else bad "$1: want [$2] got [$3]"; fi; }
q() { "$floe" local --path "$data" -q "$1"; }
duck() {
    node -e "
const duckdb = require('$here/node_modules/@duckdb/node-api');
(async () => {
  const c = await (await duckdb.DuckDBInstance.create(':memory:')).connect();
  const r = await c.runAndReadAll(process.argv[1]);
  console.log(r.getRows().map((x) => x.join('\t')).join('\n'));
})().catch((e) => { console.error(String(e)); process.exit(1); });" "$1"
}
S="SETTINGS allow_experimental_export_merge_tree_part = 1"

q "CREATE TABLE big (id UInt64, s String, f Float64) ENGINE = MergeTree ORDER BY id;
   INSERT INTO big SELECT number, repeat(toString(number), 8), number / 3 FROM numbers(3000000);
   OPTIMIZE TABLE big FINAL;
   CREATE TABLE lake (id UInt64, s String, f Float64) ENGINE = File(Parquet)" || bad "setup"
part=$(q "SELECT name FROM system.parts WHERE table = 'big' AND active")
dir="$data/data/default/lake"
for round in 1 2 3; do
    rm -rf "$dir"/* "$dir"/.tmp_* 2>/dev/null
    "$floe" local --path "$data" -q "ALTER TABLE big EXPORT PART '$part' TO TABLE lake $S, output_format_parquet_compression_method = 'gzip'" 2>/dev/null &
    pid=$!
    sleep "0.$((2 + round * 2))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    n=$(find "$dir" -name '*.parquet' 2>/dev/null | wc -l)
    if [ "$n" = 0 ]; then
        ok
    elif [ "$n" = 1 ]; then
        expect "round $round: a file that is there is whole" "3000000" \
            "$(duck "SELECT count(*) FROM read_parquet('$dir/*.parquet')")"
    else
        bad "round $round: $n files"
    fi
    q "ALTER TABLE big EXPORT PART '$part' TO TABLE lake $S, export_merge_tree_part_overwrite_file_if_exists = 1" ||
        bad "round $round: export again"
    expect "round $round: one file after the retry" "1" "$(find "$dir" -name '*.parquet' | wc -l)"
    expect "round $round: temporary files swept" "0" "$(find "$dir" -name '.tmp_*' | wc -l)"
    expect "round $round: all rows" "3000000	4499998500000" \
        "$(duck "SELECT count(*), sum(id) FROM read_parquet('$dir/*.parquet')")"
done

# many exports at once: three tables of six partitions
setup=""
for t in a b c; do
    setup="$setup CREATE TABLE src_$t (id UInt64, p UInt8, s String) ENGINE = MergeTree PARTITION BY p ORDER BY id;
        INSERT INTO src_$t SELECT number, number % 6, toString(number) FROM numbers(600000);
        CREATE TABLE dst_$t (id UInt64, p UInt8, s String) ENGINE = File(Parquet) PARTITION BY p;"
done
q "$setup" || bad "setup of the concurrent exports"
q "ALTER TABLE src_a EXPORT PARTITION ALL TO TABLE dst_a $S;
   ALTER TABLE src_b EXPORT PARTITION ALL TO TABLE dst_b $S;
   ALTER TABLE src_c EXPORT PARTITION ALL TO TABLE dst_c $S" || bad "concurrent exports"
for t in a b c; do
    expect "table $t: six files" "6" "$(find "$data/data/default/dst_$t" -name '*.parquet' | wc -l)"
    expect "table $t: rows" "600000	179999700000	6" \
        "$(duck "SELECT count(*), sum(id), count(DISTINCT p) FROM read_parquet('$data/data/default/dst_$t/**/*.parquet', hive_partitioning = true)")"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
