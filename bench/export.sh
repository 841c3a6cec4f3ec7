#!/usr/bin/env bash
# Exporting the benchmark part (bench/README.md: the 10-million-row table as
# one MergeTree part) to Parquet in a local directory: floe's EXPORT PART
# against ClickHouse (chDB) writing the same table to a Parquet file with
# INSERT INTO FUNCTION file(...) SELECT * FROM it, in one run. Prints rows/s,
# output size and peak memory (max RSS) of each. The source tables are built
# first (not timed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
rows=${FLOE_BENCH_ROWS:-10000000}
dir=${FLOE_BENCH_DIR:-/tmp/floe-bench}
floe=${FLOE_BIN:-$root/build/floe}
codec=${FLOE_BENCH_CODEC:-zstd}
mkdir -p "$dir"
[ -x "$floe" ] || "$root/scripts/build.sh"
[ -d "$root/tests/integration/node_modules/chdb" ] ||
    (cd "$root/tests/integration" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
tsv="$dir/bench_$rows.tsv"
[ -s "$tsv" ] || FLOE_BENCH_ROWS=$rows FLOE_BENCH_DIR=$dir FLOE_BIN=$floe "$here/insert.sh" >/dev/null
cols="id UInt64, event_date Date, ts DateTime('UTC'), user_id UInt32, price Float64, qty Int32, symbol String, note String"
create="CREATE TABLE bench ($cols) ENGINE = MergeTree ORDER BY (symbol, ts)"

echo "loading $rows rows into both systems (not timed) ..."
rm -rf "$dir/fx" "$dir/cx" "$dir/ch_out.parquet"
"$floe" local --path "$dir/fx" -q "$create; INSERT INTO bench FORMAT TSV" < "$tsv"
"$floe" local --path "$dir/fx" -q "OPTIMIZE TABLE bench FINAL; CREATE TABLE lake ($cols) ENGINE = File(Parquet)"
part=$("$floe" local --path "$dir/fx" -q "SELECT name FROM system.parts WHERE table = 'bench' AND active")
node "$here/chdb_run.mjs" "$dir/cx" "$create; INSERT INTO bench SELECT * FROM file('$tsv', TSV, '${cols//\'/\\\'}'); OPTIMIZE TABLE bench FINAL"

measure() { { /usr/bin/time -f "%e %M" "$@" > /dev/null; } 2>&1 | tail -1; }
floe_res=$(measure "$floe" local --path "$dir/fx" -q "ALTER TABLE bench EXPORT PART '$part' TO TABLE lake
    SETTINGS allow_experimental_export_merge_tree_part = 1, output_format_parquet_compression_method = '$codec'")
ch_res=$(measure node "$here/chdb_run.mjs" "$dir/cx" "INSERT INTO FUNCTION file('$dir/ch_out.parquet', Parquet)
    SELECT * FROM bench SETTINGS output_format_parquet_compression_method = '$codec'")
floe_file=$(find "$dir/fx/data/default/lake" -name '*.parquet' | head -1)
floe_size=$(stat -c %s "$floe_file")
ch_size=$(stat -c %s "$dir/ch_out.parquet")
printf '%-12s %10s %10s %12s %10s %10s\n' system rows seconds rows/s MB peak_MiB
set -- $floe_res
awk -v n="$rows" -v t="$1" -v m="$2" -v sz="$floe_size" 'BEGIN { printf "%-12s %10d %10.2f %12.0f %10.1f %10.1f\n", "floe", n, t, n / t, sz / 1e6, m / 1024 }'
ft=$1
set -- $ch_res
awk -v n="$rows" -v t="$1" -v m="$2" -v sz="$ch_size" 'BEGIN { printf "%-12s %10d %10.2f %12.0f %10.1f %10.1f\n", "ClickHouse", n, t, n / t, sz / 1e6, m / 1024 }'
awk -v a="$ft" -v b="$1" 'BEGIN { printf "floe / ClickHouse speed: %.2fx (process times, startup included on both sides)\n", b / a }'
