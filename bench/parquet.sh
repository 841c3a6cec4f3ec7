#!/usr/bin/env bash
# Parquet writing benchmark on the benchmark table of bench/README.md (10 M
# rows by default): each system writes its whole table to one Parquet file
# with ZSTD, in one run.
#   floe:       its MergeTree table, SELECT * ... INTO OUTFILE ... FORMAT Parquet,
#               with max_threads = 1 and 2 (process time: start-up included)
#   ClickHouse: its MergeTree table (chDB), the same statement, max_threads = 1
#   DuckDB:     a table loaded from a Parquet file of the same rows,
#               COPY ... (FORMAT parquet, COMPRESSION zstd), threads = 1
# The peers' times are of the statement alone. Loading the tables is not
# timed. Then floe's writer alone (parquet_gen, the rows decoded before the
# clock starts) on one thread and on two, which must write identical bytes.
# Prints rows/s, MB/s written, file size and peak memory (max RSS; the
# peers' include their runtime, and DuckDB's its in-memory table), and the
# ratios the targets are stated in.
# Usage: bench/parquet.sh   (FLOE_BENCH_ROWS, FLOE_BENCH_DIR, FLOE_BIN as in bench/README.md)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
rows=${FLOE_BENCH_ROWS:-10000000}
dir=${FLOE_BENCH_DIR:-/tmp/floe-bench}
floe=${FLOE_BIN:-$root/build/floe}
mkdir -p "$dir"
[ -x "$floe" ] || "$root/scripts/build.sh"
[ -d "$root/tests/integration/node_modules/chdb" ] && [ -d "$root/tests/integration/node_modules/@duckdb/node-api" ] ||
    (cd "$root/tests/integration" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
tsv="$dir/bench_$rows.tsv"
[ -s "$tsv" ] || FLOE_BENCH_ROWS=$rows FLOE_BENCH_DIR=$dir FLOE_BIN=$floe "$here/insert.sh" >/dev/null
cols="id UInt64, event_date Date, ts DateTime('UTC'), user_id UInt32, price Float64, qty Int32, symbol String, note String"
create=$(tr '\n' ' ' < "$here/bench_table.sql")
out="$dir/pq_out"
rm -rf "$dir/pq_floe" "$dir/pq_ch" "$out"
mkdir -p "$out"

echo "loading $rows rows into floe, ClickHouse and DuckDB's source file (not timed) ..."
"$floe" local --path "$dir/pq_floe" -q "$create; INSERT INTO bench FORMAT TSV" < "$tsv"
"$floe" local --path "$dir/pq_floe" -q "OPTIMIZE TABLE bench FINAL"
node "$here/chdb_run.mjs" "$dir/pq_ch" "$create; INSERT INTO bench SELECT * FROM file('$tsv', TSV, '${cols//\'/\\\'}');
    OPTIMIZE TABLE bench FINAL;
    SELECT * FROM bench INTO OUTFILE '$out/duck_src.parquet' TRUNCATE FORMAT Parquet SETTINGS max_threads = 1;
    SELECT * FROM bench INTO OUTFILE '$out/rows.bin' TRUNCATE FORMAT RowBinaryWithNamesAndTypes SETTINGS max_threads = 1"

measure() { { /usr/bin/time -f "%e %M" "$@" > "$out/stdout"; } 2>&1 | tail -1; }
floe1=$(measure "$floe" local --path "$dir/pq_floe" -q "SELECT * FROM bench INTO OUTFILE '$out/floe1.parquet' TRUNCATE
    FORMAT Parquet SETTINGS max_threads = 1, output_format_parquet_compression_method = 'zstd'")
floe2=$(measure "$floe" local --path "$dir/pq_floe" -q "SELECT * FROM bench INTO OUTFILE '$out/floe2.parquet' TRUNCATE
    FORMAT Parquet SETTINGS max_threads = 2, output_format_parquet_compression_method = 'zstd'")
ch=$(measure node "$here/parquet_peers.mjs" clickhouse "$dir/pq_ch" "$out/ch.parquet")
ch_secs=$(cat "$out/stdout")
duck=$(measure node "$here/parquet_peers.mjs" duckdb "$out/duck_src.parquet" "$out/duck.parquet")
duck_secs=$(cat "$out/stdout")
counts=$(node "$here/parquet_peers.mjs" count "$out/floe1.parquet" "$out/floe2.parquet" "$out/ch.parquet" "$out/duck.parquet" | tr '\n' ' ')

line() { # name seconds maxrss_kb file
    awk -v s="$1" -v n="$rows" -v t="$2" -v m="$3" -v sz="$(stat -c %s "$4")" 'BEGIN {
        printf "%-18s %8.2f %10.2f %9.1f %10.1f %10.1f\n", s, t, n / t / 1e6, sz / t / 1e6, sz / 1e6, m / 1024 }'
}
echo
echo "table -> one Parquet file (ZSTD), $rows rows; rows read back by DuckDB: $counts"
printf '%-18s %8s %10s %9s %10s %10s\n' system seconds "M rows/s" "MB/s" "file MB" "peak MiB"
set -- $floe1; f1=$1; line "floe, 1 thread" "$1" "$2" "$out/floe1.parquet"
set -- $floe2; f2=$1; line "floe, 2 threads" "$1" "$2" "$out/floe2.parquet"
set -- $ch; line "ClickHouse" "$ch_secs" "$2" "$out/ch.parquet"
set -- $duck; line "DuckDB" "$duck_secs" "$2" "$out/duck.parquet"
awk -v f1="$f1" -v f2="$f2" -v c="$ch_secs" -v d="$duck_secs" -v n="$rows" \
    -v fs="$(stat -c %s "$out/floe1.parquet")" -v ds="$(stat -c %s "$out/duck.parquet")" 'BEGIN {
    printf "floe 1 thread: %.2f M rows/s (target 5.5), %.2fx ClickHouse (target 3x), %.2fx DuckDB (target 2x)\n", n / f1 / 1e6, c / f1, d / f1
    printf "floe 2 threads: %.2fx its 1-thread speed (target 1.8x)\n", f1 / f2
    printf "floe file / DuckDB file: %.2f (target <= 1)\n", fs / ds }'
cmp -s "$out/floe1.parquet" "$out/floe2.parquet" || echo "note: floe wrote other bytes with 2 threads than with 1"

# The writer alone: parquet_gen from floe's own layers, rows decoded first.
build=${FLOE_PARQUET_BUILD:-/tmp/floe-parquet-bench-$(printf '%s' "$root" | md5sum | cut -c1-8)}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
layers="base hash compress types parquet"
targets=""
for l in $layers; do targets="$targets floe_$l"; done
cmake --build "$build" --target $targets -j"$(nproc)" >/dev/null
objs=""
for l in $layers; do objs="$objs $(find "$build/CMakeFiles/floe_$l.dir" -name '*.o' | sort | tr '\n' ' ')"; done
cc -O2 -D_GNU_SOURCE -I"$root/src" "$root/tests/integration/parquet_gen.c" $objs \
    $(pkg-config --libs libzstd liblz4 zlib libbrotlienc libbrotlidec) -lsnappy -lpthread -lm \
    -o "$build/parquet_gen"
w1=$("$build/parquet_gen" -T -M -t 1 "$out/gen1.parquet" < "$out/rows.bin" 2>&1)
w2=$("$build/parquet_gen" -T -M -t 2 "$out/gen2.parquet" < "$out/rows.bin" 2>&1)
echo
echo "the writer alone (rows decoded before the clock):"
echo "  1 thread:  $w1"
echo "  2 threads: $w2"
s1=$(echo "$w1" | sed -n 's/writer: \([0-9.]*\) s wall.*/\1/p')
s2=$(echo "$w2" | sed -n 's/writer: \([0-9.]*\) s wall.*/\1/p')
awk -v n="$rows" -v a="$s1" -v b="$s2" 'BEGIN {
    printf "  %.2f M rows/s on 1 thread, %.2f M on 2 (%.2fx)\n", n / a / 1e6, n / b / 1e6, a / b }'
cmp -s "$out/gen1.parquet" "$out/gen2.parquet" && echo "  identical bytes with 1 and 2 threads" ||
    echo "  DIFFERENT bytes with 1 and 2 threads"
