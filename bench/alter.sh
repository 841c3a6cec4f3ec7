#!/usr/bin/env bash
# Column changes on the benchmark table (bench/README.md's columns, 10
# million rows by default, one part per month): ADD COLUMN must return in
# milliseconds without touching a part file (modification times compared
# before and after), and a type change (qty Int32 -> Int64, a rewrite of
# every part as mutation) must complete and read back the same values.
# Prints the times; exits 1 when a check fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
rows=${FLOE_BENCH_ROWS:-10000000}
dir=${FLOE_BENCH_DIR:-/tmp/floe-bench}/alter
floe=${FLOE_BIN:-$root/build/floe}
rm -rf "$dir"
mkdir -p "$dir"
ms() { echo $(($(date +%s%N) / 1000000)); }
echo "loading $rows rows (not timed) ..."
"$floe" local --path "$dir/db" -q "$(cat "$here/bench_table.sql");
INSERT INTO bench SELECT number, toDate('2024-01-01') + intDiv(number, $rows / 360 + 1),
    toDateTime('2024-01-01 00:00:00', 'UTC') + number, number % 100000, (number % 10000) / 100,
    toInt32(number % 2000) - 1000, concat('S', toString(number % 500)), repeat('n', number % 7)
FROM numbers($rows)
SETTINGS max_partitions_per_insert_block = 0"
tdir="$dir/db/data/default/bench"
before=$(find "$tdir" -path '*/[0-9]*_*/*' -type f -printf '%p %T@\n' | sort)
sum_before=$("$floe" local --path "$dir/db" -q "SELECT count(), sum(qty), sum(price) FROM bench")
status=0
t0=$(ms)
stmt=$("$floe" local -t --path "$dir/db" -q "ALTER TABLE bench ADD COLUMN extra UInt16 DEFAULT 7" 2>&1)
t1=$(ms)
after=$(find "$tdir" -path '*/[0-9]*_*/*' -type f -printf '%p %T@\n' | sort)
echo "ADD COLUMN: statement ${stmt}s; $((t1 - t0)) ms with process start and table load"
if [ "$before" != "$after" ]; then
    echo "FAIL: ADD COLUMN touched part files"
    status=1
fi
got=$("$floe" local --path "$dir/db" -q "SELECT count(), sum(extra) FROM bench")
if [ "$got" != "$rows	$((rows * 7))" ]; then
    echo "FAIL: the added column reads [$got]"
    status=1
fi
stmt=$("$floe" local -t --path "$dir/db" -q "ALTER TABLE bench MODIFY COLUMN qty Int64" 2>&1)
echo "MODIFY COLUMN qty Int32 -> Int64 (rewrites every part, mutations_sync = 1): ${stmt}s"
sum_after=$("$floe" local --path "$dir/db" -q "SELECT count(), sum(qty), sum(price) FROM bench")
type=$("$floe" local --path "$dir/db" -q "SELECT DISTINCT toTypeName(qty) FROM bench; SELECT countIf(NOT is_done) FROM system.mutations; SELECT count() FROM system.parts WHERE table = 'bench' AND active AND length(splitByChar('_', name)) != 5")
if [ "$sum_before" != "$sum_after" ] || [ "$type" != "$(printf 'Int64\n0\n0')" ]; then
    echo "FAIL: after the type change: [$sum_after] [$type], before [$sum_before]"
    status=1
fi
echo "rows: $rows, parts: $("$floe" local --path "$dir/db" -q "SELECT count() FROM system.parts WHERE table = 'bench' AND active")"
exit $status
