#!/usr/bin/env bash
# Parquet writer benchmark: N rows (default 10 M) of (UInt64, Date, DateTime,
# UInt32, Float64, Int32, String, String) made by ClickHouse (chDB), written
# with ZSTD by floe's writer on one thread and on two (max_threads = 2), by
# ClickHouse (from the same RowBinary file) and by DuckDB (from a Parquet
# file of the same rows), one thread each; prints each one's time and
# rows/s, floe's CPU time and peak memory, the file sizes and the ratios.
# floe's input is parsed into blocks before its clock starts (-M), so that
# its second thread cannot hide work behind the parsing.
# Usage: bench/parquet.sh [rows] [extra parquet_gen flags...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
here=$root/tests/integration # the Parquet test driver and the npm peers live there
build=${FLOE_PARQUET_BUILD:-/tmp/floe-parquet-bench-$(printf '%s' "$root" | md5sum | cut -c1-8)}
rows=${1:-10000000}
shift || true
work=$(mktemp -d /tmp/floe-parquet-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
layers="base hash compress types parquet"
targets=""
for l in $layers; do targets="$targets floe_$l"; done
cmake --build "$build" --target $targets -j"$(nproc)" >/dev/null
objs=""
for l in $layers; do objs="$objs $(find "$build/CMakeFiles/floe_$l.dir" -name '*.o' | sort | tr '\n' ' ')"; done
cc -O2 -D_GNU_SOURCE -I"$root/src" "$here/parquet_gen.c" $objs \
    $(pkg-config --libs libzstd liblz4 zlib libbrotlienc libbrotlidec) -lsnappy -lpthread -lm \
    -o "$build/parquet_gen"
if [ ! -d "$here/node_modules/chdb" ] || [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
    (cd "$here" && npm install --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null)
fi

query="SELECT number AS id, toDate(18000 + intDiv(number, 100000)) AS d,
  toDateTime(1600000000 + number * 3, 'UTC') AS t, toUInt32(cityHash64(number) % 1000000) AS u,
  cityHash64(number, 1) / 1e15 AS f, toInt32(number % 10000) - 5000 AS i,
  concat('user_', toString(cityHash64(number, 2) % 50000)) AS s1,
  lower(hex(cityHash64(number, 3))) AS s2
FROM numbers($rows)"
cd "$here"
QUERY="$query" WORK="$work" node --input-type=module -e "
import { query } from 'chdb';
import { DuckDBInstance } from '@duckdb/node-api';
const w = process.env.WORK;
query(process.env.QUERY + \" INTO OUTFILE '\" + w + \"/in.bin' TRUNCATE FORMAT RowBinaryWithNamesAndTypes\", 'TSV');
query(process.env.QUERY + \" INTO OUTFILE '\" + w + \"/src.parquet' TRUNCATE FORMAT Parquet\", 'TSV');
let t0 = Date.now();
query(\"SELECT * FROM file('\" + w + \"/in.bin', RowBinaryWithNamesAndTypes) INTO OUTFILE '\" + w + \"/ch.parquet' TRUNCATE FORMAT Parquet SETTINGS max_threads = 1, output_format_parquet_compression_method = 'zstd'\", 'TSV');
console.log('clickhouse: ' + ((Date.now() - t0) / 1000).toFixed(3) + ' s (read + write, 1 thread)');
const duck = await (await DuckDBInstance.create(':memory:')).connect();
await duck.run(\"SET threads = 1\");
t0 = Date.now();
await duck.run(\"COPY (SELECT * FROM '\" + w + \"/src.parquet') TO '\" + w + \"/duck.parquet' (FORMAT parquet, COMPRESSION zstd)\");
console.log('duckdb: ' + ((Date.now() - t0) / 1000).toFixed(3) + ' s (read + write, 1 thread)');
" | tee "$work/peers.txt"
out=$("$build/parquet_gen" -T -M -t 1 "$@" "$work/floe.parquet" < "$work/in.bin" 2>&1)
echo "floe (1 thread) $out"
out2=$("$build/parquet_gen" -T -M -t 2 "$@" "$work/floe2.parquet" < "$work/in.bin" 2>&1)
echo "floe (2 threads) $out2"
cmp -s "$work/floe.parquet" "$work/floe2.parquet" || echo "floe: 2 threads wrote other bytes than 1"
secs=$(echo "$out" | sed -n 's/writer: \([0-9.]*\) s wall.*/\1/p')
secs2=$(echo "$out2" | sed -n 's/writer: \([0-9.]*\) s wall.*/\1/p')
ch=$(sed -n 's/^clickhouse: \([0-9.]*\) s.*/\1/p' "$work/peers.txt")
duck=$(sed -n 's/^duckdb: \([0-9.]*\) s.*/\1/p' "$work/peers.txt")
awk -v r="$rows" -v f="$secs" -v f2="$secs2" -v c="$ch" -v d="$duck" 'BEGIN {
    printf "rows/s (M):  floe %.2f (2 threads %.2f, %.2fx)   ClickHouse %.2f   DuckDB %.2f\n", r / f / 1e6, r / f2 / 1e6, f / f2, r / c / 1e6, r / d / 1e6
    printf "floe vs ClickHouse %.2fx, vs DuckDB %.2fx (the peers time reading their input too)\n", c / f, d / f }'
for f in floe duck ch; do printf '%-6s %12d bytes\n' "$f" "$(stat -c %s "$work/$f.parquet")"; done
