#!/usr/bin/env bash
# Exporting the benchmark part (bench/README.md: the 10-million-row table as
# one MergeTree part) to Parquet, in a local directory and in S3 (an s3rver
# on a loopback port): floe's EXPORT PART against ClickHouse (chDB) writing
# the same table with INSERT INTO FUNCTION file(...) / s3(...) SELECT * FROM
# it, in one run. Prints rows/s, output size and peak memory (max RSS) of
# each. The source tables are built first (not timed).
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

# the same into S3: s3rver keeps objects as files, so sizes are read there
[ -d "$root/tests/integration/node_modules/s3rver" ] ||
    (cd "$root/tests/integration" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
rm -rf "$dir/s3" && mkdir -p "$dir/s3"
node --openssl-legacy-provider "$root/tests/integration/node_modules/s3rver/bin/s3rver.js" \
    -d "$dir/s3" -a 127.0.0.1 -p "$port" -s >/dev/null 2>&1 &
s3pid=$!
trap 'kill $s3pid 2>/dev/null' EXIT
for _ in $(seq 50); do curl -s "http://127.0.0.1:$port" >/dev/null && break; sleep 0.1; done
ep="http://127.0.0.1:$port"
curl -fs -X PUT "$ep/bkt" >/dev/null
"$floe" local --path "$dir/fx" -q "DROP TABLE IF EXISTS lake_s3;
    CREATE TABLE lake_s3 ($cols) ENGINE = S3('$ep/bkt/floe/', 'S3RVER', 'S3RVER', 'Parquet')"
floe_res=$(measure "$floe" local --path "$dir/fx" -q "ALTER TABLE bench EXPORT PART '$part' TO TABLE lake_s3
    SETTINGS allow_experimental_export_merge_tree_part = 1, output_format_parquet_compression_method = '$codec'")
ch_res=$(measure node "$here/chdb_run.mjs" "$dir/cx" "INSERT INTO FUNCTION s3('$ep/bkt/ch/out.parquet', 'S3RVER', 'S3RVER', Parquet)
    SELECT * FROM bench SETTINGS output_format_parquet_compression_method = '$codec'")
floe_size=$(find "$dir/s3/bkt/floe" -name '*._S3rver_object' -exec stat -c %s {} + | head -1)
ch_size=$(find "$dir/s3/bkt/ch" -name '*._S3rver_object' -exec stat -c %s {} + | head -1)
echo "to S3 (s3rver on loopback):"
set -- $floe_res
awk -v n="$rows" -v t="$1" -v m="$2" -v sz="${floe_size:-0}" 'BEGIN { printf "%-12s %10d %10.2f %12.0f %10.1f %10.1f\n", "floe", n, t, n / t, sz / 1e6, m / 1024 }'
ft=$1
set -- $ch_res
awk -v n="$rows" -v t="$1" -v m="$2" -v sz="${ch_size:-0}" 'BEGIN { printf "%-12s %10d %10.2f %12.0f %10.1f %10.1f\n", "ClickHouse", n, t, n / t, sz / 1e6, m / 1024 }'
awk -v a="$ft" -v b="$1" 'BEGIN { printf "floe / ClickHouse speed to S3: %.2fx\n", b / a }'
