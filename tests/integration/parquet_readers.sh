#!/usr/bin/env bash
# Parquet interoperability: builds floe's Parquet writer and reader with a
# small driver (parquet_gen.c), writes every type (NULLs, empty strings,
# extremes, NaN/inf, arrays, tuples), 0/1/many rows and row groups, every
# codec, and compares what DuckDB, arrow-rs (parquet-wasm) and ClickHouse
# (chDB) read from it with what they read from ClickHouse's own Parquet file
# of the same query; then reads floe's, ClickHouse's and DuckDB's (v1 and v2)
# files with floe's reader and compares with ClickHouse byte for byte.
# Usage: tests/integration/parquet_readers.sh [case]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# ctest passes FLOE_BIN: its build tree already holds the layers' objects;
# run by hand, the driver gets a build tree of its own per checkout
if [ -n "${FLOE_BIN:-}" ] && [ -d "$(dirname "$FLOE_BIN")/CMakeFiles/floe_parquet.dir" ]; then
    build=$(cd "$(dirname "$FLOE_BIN")" && pwd)
else
    build=${FLOE_PARQUET_BUILD:-/tmp/floe-parquet-readers-$(printf '%s' "$root" | md5sum | cut -c1-8)}
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
work=$(mktemp -d /tmp/floe-parquet-readers.XXXXXX)
trap 'rm -rf "$work"' EXIT

layers="base hash compress types parquet"
targets=""
for l in $layers; do targets="$targets floe_$l"; done
cmake --build "$build" --target $targets -j"$(nproc)" >/dev/null
objs=""
for l in $layers; do objs="$objs $(find "$build/CMakeFiles/floe_$l.dir" -name '*.o' | sort | tr '\n' ' ')"; done
version=$(sed -n 's/^set(FLOE_VERSION "\(.*\)")/\1/p' "$root/CMakeLists.txt")
cc -O2 -D_GNU_SOURCE -I"$root/src" "$here/parquet_gen.c" $objs \
    $(pkg-config --libs libzstd liblz4 zlib libbrotlienc libbrotlidec) -lsnappy -lpthread -lm \
    -o "$build/parquet_gen"

if [ ! -d "$here/node_modules/parquet-wasm" ] || [ ! -d "$here/node_modules/chdb" ] ||
    [ ! -d "$here/node_modules/@duckdb/node-api" ] || [ ! -d "$here/node_modules/apache-arrow" ]; then
    (cd "$here" && npm install --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null)
fi
FLOE_VERSION="$version" node "$here/parquet_check.mjs" "$build/parquet_gen" "$work" "${1:-}"
