#!/usr/bin/env bash
# Crash safety of MergeTree inserts: `floe local` is SIGKILLed at random
# moments of large INSERTs, 20 times. After each kill the table must load,
# every visible part must pass its checksums (a broken part would be moved
# to detached/), no temporary directory may be visible as a part, and the
# row count must be the sum of the inserts that completed (an INSERT of up to
# min_insert_block_size_rows rows is one part: all of it or none).
set -u
here=$(cd "$(dirname "$0")" && pwd)
floe="${1:-${FLOE_BIN:-$here/../../build/floe}}"
work=$(mktemp -d "${TMPDIR:-/tmp}/floe-crash.XXXXXX")
trap 'rm -rf "$work"' EXIT
data="$work/data"
passed=0
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
rows=400000
"$floe" local --path "$data" -q "CREATE TABLE t (id UInt64, s String, f Float64) ENGINE = MergeTree ORDER BY id; SYSTEM STOP MERGES" || exit 1
expected=0
for i in $(seq 1 20); do
    # a kill somewhere between 5 ms and 400 ms into the insert
    delay=$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.3f", 0.005 + rand() * 0.395 }')
    "$floe" local --path "$data" -q "INSERT INTO t SELECT number + $i * 1000000, toString(number), number / 3 FROM numbers($rows)" &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    count=$("$floe" local --path "$data" -q "SELECT count() FROM t" 2>&1)
    if [ "$count" = "$expected" ]; then
        :
    elif [ "$count" = "$((expected + rows))" ]; then
        expected=$((expected + rows))
    else
        fail "round $i: count $count, expected $expected or $((expected + rows))"
        continue
    fi
    if ls "$data/data/default/t/detached" 2>/dev/null | grep -q broken; then
        fail "round $i: a part was found broken: $(ls "$data/data/default/t/detached")"
        continue
    fi
    sum=$("$floe" local --path "$data" -q "SELECT count(), uniqExact(id) FROM t" 2>&1)
    if [ "$sum" != "$expected	$expected" ]; then
        fail "round $i: rows and distinct ids differ: $sum (expected $expected)"
        continue
    fi
    passed=$((passed + 1))
done
# a completed insert after all the kills, and a restart
"$floe" local --path "$data" -q "INSERT INTO t SELECT number + 99000000, 'x', 0 FROM numbers(10)" || fail "final insert"
count=$("$floe" local --path "$data" -q "SELECT count() FROM t")
if [ "$count" = "$((expected + 10))" ]; then passed=$((passed + 1)); else fail "final count $count"; fi
ls "$data/data/default/t" | grep -q '^tmp' && fail "temporary directories left after restart"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
