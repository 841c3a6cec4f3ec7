#!/usr/bin/env bash
# Background merges seen while they run: six parts of 2,000,000 rows merge
# into all_1_6_1 while the same process asks system.merges (several looks,
# as the merge takes a while); afterwards system.part_log has the merge, and
# a statement leaving many part_log rows writes them itself.
set -u
here=$(cd "$(dirname "$0")" && pwd)
floe="${1:-${FLOE_BIN:-$here/../../build/floe}}"
work=$(mktemp -d "${TMPDIR:-/tmp}/floe-merges.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
expect() { if [ "$2" == "$3" ]; then ok; else bad "$1: want [$2] got [$3]"; fi; }
q() { "$floe" local --path "$work/d" -q "$1"; }

looks=""
for _ in $(seq 30); do
    looks="$looks SELECT num_parts, result_part_name, length(source_part_names), progress <= 1, partition_id FROM system.merges; SELECT sleep(0.1) FORMAT Null;"
done
out=$(q "CREATE TABLE t (id UInt64, s String) ENGINE = MergeTree ORDER BY id;
         SYSTEM STOP MERGES t;
         INSERT INTO t SELECT number, toString(number) FROM numbers(2000000);
         INSERT INTO t SELECT number, toString(number) FROM numbers(2000000);
         INSERT INTO t SELECT number, toString(number) FROM numbers(2000000);
         SELECT count() FROM system.parts WHERE table = 't' AND active;
         SYSTEM START MERGES t;
         $looks")
expect "six parts before the merge" "6" "$(echo "$out" | head -1)"
expect "system.merges showed the merge while it ran" "6	all_1_6_1	6	1	all" \
    "$(echo "$out" | grep -m1 'all_1_6_1')"
q "OPTIMIZE TABLE t FINAL" || bad "optimize"
expect "merged" "6000000" "$(q "SELECT count() FROM t")"
expect "part_log has the merge" "1" \
    "$(q "SELECT count() FROM system.part_log WHERE event_type = 'MergeParts' AND part_name = 'all_1_6_1' AND read_rows = 6000000")"
expect "part_log has the six new parts" "6" \
    "$(q "SELECT count() FROM system.part_log WHERE event_type = 'NewPart' AND table = 't'")"

# a statement that leaves many part_log rows waiting (over 1024) writes them
# at its end: system.part_log has parts before anything reads it
out=$("$floe" local --path "$work/many" -q "
    CREATE TABLE many (id UInt32) ENGINE = MergeTree PARTITION BY id ORDER BY id;
    SELECT count() FROM system.parts WHERE database = 'system' AND table = 'part_log';
    SET max_partitions_per_insert_block = 2000;
    INSERT INTO many SELECT number FROM numbers(1100);
    SELECT count() > 0 FROM system.parts WHERE database = 'system' AND table = 'part_log';
    SELECT count() FROM system.part_log WHERE table = 'many' AND event_type = 'NewPart'")
expect "part_log written after a statement with many events" "0
1
1100" "$out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
