#!/usr/bin/env bash
# Mutations survive a crash: `floe local` is SIGKILLed while an
# ALTER TABLE ... UPDATE (mutations_sync = 1) is rewriting parts, three
# times. After each kill the table must load with every row, the queued
# mutation must still be listed in system.mutations, and once the next
# statement that waits for mutations has run, every queued mutation must
# have been applied exactly once (v went up by one per queued mutation in
# every row, whether its part was rewritten before the kill or after) with
# each active part named for the last mutation.
# Usage: tests/integration/mutation_kill.sh [path/to/floe]
set -u
here=$(cd "$(dirname "$0")" && pwd)
floe="${1:-${FLOE_BIN:-$here/../../build/floe}}"
work=$(mktemp -d "${TMPDIR:-/tmp}/floe-mutkill.XXXXXX")
trap 'rm -rf "$work"' EXIT
data="$work/data"
tdir="$data/data/default/t"
passed=0
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
rows=6000000
"$floe" local --path "$data" -q "CREATE TABLE t (id UInt64, p UInt8, v Int64, s String) ENGINE = MergeTree PARTITION BY p ORDER BY id; INSERT INTO t SELECT number, number % 4, number, toString(number) FROM numbers($rows)" || exit 1
base=$("$floe" local --path "$data" -q "SELECT sum(v) FROM t")
queued=0
for round in 1 2 3; do
    delay=$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.3f", 0.3 + rand() * 1.2 }')
    "$floe" local --path "$data" -q "ALTER TABLE t UPDATE v = v + 1 WHERE 1" &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    files=$(ls "$tdir" | grep -c '^mutation_[0-9]*\.txt$')
    queued=$files
    count=$("$floe" local --path "$data" -q "SELECT count() FROM t" 2>&1)
    [ "$count" = "$rows" ] || fail "round $round: count $count after the kill, expected $rows"
    listed=$("$floe" local --path "$data" -q "SELECT count() FROM system.mutations WHERE table = 't'" 2>&1)
    [ "$listed" = "$queued" ] || fail "round $round: system.mutations lists $listed, $queued files"
    passed=$((passed + 1))
done
# a statement that waits (mutations_sync = 1) finishes every earlier mutation
"$floe" local --path "$data" -q "ALTER TABLE t DELETE WHERE id >= $rows" || fail "the waiting ALTER failed"
last=$(ls "$tdir" | sed -n 's/^mutation_\([0-9]*\)\.txt$/\1/p' | sort -n | tail -1)
got=$("$floe" local --path "$data" -q "SELECT count(), sum(v) FROM t; SELECT countIf(NOT is_done) FROM system.mutations WHERE table = 't'; SELECT DISTINCT splitByChar('_', name)[5] FROM system.parts WHERE table = 't' AND active")
want=$(printf '%s\t%s\n0\n%s' "$rows" "$((base + queued * rows))" "$last")
if [ "$got" = "$want" ]; then passed=$((passed + 1)); else fail "after restart: got [$got], expected [$want] ($queued mutations queued)"; fi
[ "$queued" -ge 1 ] || fail "no kill came after a mutation was queued"
ls "$tdir" | grep -q '^tmp' && fail "temporary directories left after restart"
# a mutation queued without waiting (mutations_sync = 0) is finished by the
# background thread of a later process
"$floe" local --path "$data" -q "ALTER TABLE t UPDATE v = v - 1 WHERE id < 10 SETTINGS mutations_sync = 0" || fail "async ALTER failed"
pending=$("$floe" local --path "$data" -q "SELECT parts_to_do > 0 FROM system.mutations WHERE table = 't' ORDER BY create_time DESC, mutation_id DESC LIMIT 1")
"$floe" local --path "$data" -q "ALTER TABLE t DELETE WHERE id >= $rows" || fail "the second waiting ALTER failed"
got=$("$floe" local --path "$data" -q "SELECT sum(v) FROM t")
[ "$got" = "$((base + queued * rows - 10))" ] && passed=$((passed + 1)) || fail "async mutation: sum $got (pending before: $pending)"
# finished_mutations_to_keep: only the newest finished mutations stay
# (floe trims when a mutation finishes; ClickHouse in its cleanup thread)
"$floe" local --path "$data" -q "CREATE TABLE k (a UInt32, v UInt32) ENGINE = MergeTree ORDER BY a SETTINGS finished_mutations_to_keep = 2; INSERT INTO k VALUES (1, 1); ALTER TABLE k UPDATE v = v + 1 WHERE 1; ALTER TABLE k UPDATE v = v + 1 WHERE 1; ALTER TABLE k UPDATE v = v + 1 WHERE 1; ALTER TABLE k UPDATE v = v + 1 WHERE 1" || fail "finished_mutations_to_keep table"
got=$("$floe" local --path "$data" -q "SELECT groupArray(mutation_id) FROM system.mutations WHERE table = 'k'; SELECT v FROM k")
files=$(ls "$data/data/default/k" | grep -c '^mutation_')
[ "$got" = "$(printf "['mutation_4.txt','mutation_5.txt']\n5")" ] && [ "$files" = 2 ] && passed=$((passed + 1)) || fail "finished_mutations_to_keep: [$got], $files files"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
