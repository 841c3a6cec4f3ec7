#!/usr/bin/env bash
# Runs one SQL test through `floe local` in a fresh data directory and
# compares what it prints (stdout and stderr) with the .reference file byte
# for byte, printing the diff on a mismatch. Statements annotated
# `-- { serverError NAME }` must fail with that error (--testmode).
set -u
floe=$(readlink -f "$1")
sql=$(readlink -f "$2")
ref="${sql%.sql}.reference"
dir=$(mktemp -d "${TMPDIR:-/tmp}/floe-qt.XXXXXX")
trap 'rm -rf "$dir"' EXIT
out="$dir/.out"
(cd "$dir" && "$floe" local --path "$dir/data" --testmode --queries-file "$sql" >"$out" 2>&1)
rc=$?
if [ ! -f "$ref" ]; then
    echo "missing reference file $ref; output was:"
    cat "$out"
    exit 1
fi
if ! cmp -s "$out" "$ref"; then
    echo "output differs from $ref (exit status $rc):"
    diff -u "$ref" "$out" | head -100
    exit 1
fi
if [ $rc -ne 0 ]; then
    echo "floe local exited with status $rc"
    exit 1
fi
exit 0
