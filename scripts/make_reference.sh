#!/usr/bin/env bash
# Developer tool: writes tests/queries/NAME.reference from what ClickHouse
# (chDB, through the team's chref tool) prints for NAME.sql. Statements marked
# `-- { serverError X }` must fail there too; their error text is not kept.
# Usage: scripts/make_reference.sh tests/queries/00001_x.sql [...]
set -euo pipefail
chref=${CHREF:-$(dirname "$0")/../../shared/tools/chref}
for sql in "$@"; do
    ref="${sql%.sql}.reference"
    dir=$(mktemp -d)
    "$chref" --path "$dir" < "$sql" > "$ref" 2> "$dir.err" || true
    if [ -s "$dir.err" ]; then
        echo "== $sql: errors from ClickHouse (expected ones are fine):"
        cat "$dir.err"
    fi
    rm -rf "$dir" "$dir.err"
done
