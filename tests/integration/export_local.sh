#!/usr/bin/env bash
# EXPORT PART to local File(Parquet) tables, read back by DuckDB and chDB;
# see export_local.mjs.
set -u
here=$(cd "$(dirname "$0")" && pwd)
floe="${1:-${FLOE_BIN:-$here/../../build/floe}}"
if [ ! -d "$here/node_modules/chdb" ] || [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
    (cd "$here" && npm install --no-audit --no-fund --loglevel=error >/dev/null) || exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/floe-export.XXXXXX")
trap 'rm -rf "$work"' EXIT
node "$here/export_local.mjs" "$floe" "$work"
