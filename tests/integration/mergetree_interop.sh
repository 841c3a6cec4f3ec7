#!/usr/bin/env bash
# MergeTree parts exchanged with ClickHouse (chDB) in both directions; see
# mergetree_interop.mjs.
set -u
here=$(cd "$(dirname "$0")" && pwd)
floe="${1:-${FLOE_BIN:-$here/../../build/floe}}"
if [ ! -d "$here/node_modules/chdb" ]; then
    (cd "$here" && npm install --no-audit --no-fund --loglevel=error >/dev/null) || exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/floe-interop.XXXXXX")
trap 'rm -rf "$work"' EXIT
node "$here/mergetree_interop.mjs" "$floe" "$work"
