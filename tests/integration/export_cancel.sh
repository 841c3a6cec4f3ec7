#!/usr/bin/env bash
# Controlling running exports, local destination: max_exports_bandwidth_for_server
# slows all exports down to its rate (and counts it in system.events),
# background_export_pool_size sets how many run at once, KILL EXPORT cancels
# queued and running exports (TEST only lists them, SYNC waits), Ctrl-C on
# `floe local` cancels what it waits for; a cancelled export leaves nothing
# behind and running it again succeeds (read back with DuckDB).
set -u
here=$(cd "$(dirname "$0")" && pwd)
floe="${1:-${FLOE_BIN:-$here/../../build/floe}}"
[ -d "$here/node_modules/@duckdb/node-api" ] ||
    (cd "$here" && npm install --no-audit --no-fund --loglevel=error >/dev/null) || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/floe-export-cancel.XXXXXX")
trap 'rm -rf "$work"' EXIT
data="$work/floe"
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
expect() { if [ "$2" == "$3" ]; then ok; else bad "$1: want [$2] got [$3]"; fi; }
q() { "$floe" local --path "$data" -q "$1"; }
duck() {
    node -e "
const duckdb = require('$here/node_modules/@duckdb/node-api');
(async () => {
  const c = await (await duckdb.DuckDBInstance.create(':memory:')).connect();
  const r = await c.runAndReadAll(process.argv[1]);
  console.log(r.getRows().map((x) => x.join('\t')).join('\n'));
})().catch((e) => { console.error(String(e)); process.exit(1); });" "$1"
}
S="SETTINGS allow_experimental_export_merge_tree_part = 1"
lake="$data/user_files/lake"
files() { find "$lake" -type f 2>/dev/null | wc -l; }

# four parts of 500,000 UInt64s (4 MB uncompressed each), two partitions
q "CREATE TABLE t (id UInt64) ENGINE = MergeTree PARTITION BY id % 2 ORDER BY id;
   INSERT INTO t SELECT number FROM numbers(1000000);
   INSERT INTO t SELECT number + 1000000 FROM numbers(1000000);
   CREATE TABLE lake (id UInt64) ENGINE = File(Parquet, 'lake') PARTITION BY id % 2" || bad "setup"
expect "four parts" "4" "$(q "SELECT count() FROM system.parts WHERE table = 't' AND active")"

# the bandwidth cap: 4 MB at 2 MB/s takes two seconds or more
part=$(q "SELECT name FROM system.parts WHERE table = 't' AND active ORDER BY name LIMIT 1")
start=$(date +%s%N)
out=$(q "ALTER TABLE t EXPORT PART '$part' TO TABLE lake $S, max_exports_bandwidth_for_server = 2000000;
         SELECT 'wait'" 2>&1)
ms=$((($(date +%s%N) - start) / 1000000))
expect "throttled export runs" "wait" "$out"
if [ "$ms" -ge 1800 ]; then ok; else bad "4 MB at 2 MB/s took only $ms ms"; fi
expect "throttled export is whole" "500000" \
    "$(duck "SELECT count(*) FROM read_parquet('$lake/**/*.parquet')")"
out=$(q "ALTER TABLE t EXPORT PART '$part' TO TABLE lake $S, max_exports_bandwidth_for_server = 2000000,
             export_merge_tree_part_overwrite_file_if_exists = 1;
         SELECT sleep(1);
         SELECT event, value >= 1000000 FROM system.events WHERE event = 'ExportsThrottlerBytes';
         SELECT event, value > 0 FROM system.events WHERE event = 'ExportsThrottlerSleepMicroseconds'")
expect "throttler counters" "0
ExportsThrottlerBytes	1
ExportsThrottlerSleepMicroseconds	1" "$out"
rm -rf "$lake"

# the pool size: with 3 workers three of the four exports run at once
out=$(q "SET allow_experimental_export_merge_tree_part = 1, max_exports_bandwidth_for_server = 2000000,
             background_export_pool_size = 3;
         ALTER TABLE t EXPORT PARTITION ALL TO TABLE lake;
         SELECT sleep(1);
         SELECT value FROM system.metrics WHERE metric = 'Export';
         SELECT count() FROM system.exports WHERE rows_read > 0 AND memory_usage > 0 AND peak_memory_usage >= memory_usage;
         KILL EXPORT WHERE 1 TEST;
         SELECT value FROM system.metrics WHERE metric = 'Export';
         KILL EXPORT WHERE 1 SYNC;
         SELECT value FROM system.metrics WHERE metric = 'Export'" 2>/dev/null)
expect "three run at once (each reading, its memory counted), TEST cancels nothing, SYNC waits for all" "0
3
3
cant_cancel
cant_cancel
cant_cancel
cant_cancel
3
finished
finished
finished
finished
0" "$(echo "$out" | cut -f1)"
expect "pool: nothing left at the destination" "0" "$(files)"

# KILL EXPORT: queued exports leave the queue at once, a running one is told
# to stop (SYNC waits until it has cleaned up); nothing is left behind
out=$(q "SET allow_experimental_export_merge_tree_part = 1, max_exports_bandwidth_for_server = 2000000,
             background_export_pool_size = 1;
         ALTER TABLE t EXPORT PARTITION ALL TO TABLE lake;
         SELECT sleep(1);
         SELECT count() FROM system.exports;
         KILL EXPORT WHERE source_table = 't' SYNC;
         SELECT count() FROM system.exports;
         SELECT event, value FROM system.events WHERE event = 'PartsExportCancelled'" 2>&1)
expect "kill: one running, the rest queued and cancelled" "0
1
finished	default	t
finished	default	t
finished	default	t
finished	default	t
0
PartsExportCancelled	4" "$(echo "$out" | grep -v '^floe: export' | cut -f1-3)"
expect "kill: the running export reports its cancellation on stderr" "1" \
    "$(echo "$out" | grep -c 'was cancelled. (QUERY_WAS_CANCELLED)')"
expect "kill: nothing left at the destination" "0" "$(files)"
expect "kill: no match prints nothing" "" "$(q "KILL EXPORT WHERE part_name = 'nope'")"
expect "kill: bad condition" "Code: 47" \
    "$(q "KILL EXPORT WHERE nope = 1" 2>&1 | cut -c1-8)"

# Ctrl-C while floe local waits for its exports: they stop and clean up
"$floe" local --path "$data" -q "ALTER TABLE t EXPORT PARTITION ALL TO TABLE lake $S,
    max_exports_bandwidth_for_server = 2000000" 2>"$work/err" &
pid=$!
sleep 1.5
start=$(date +%s%N)
kill -INT "$pid"
wait "$pid"
ms=$((($(date +%s%N) - start) / 1000000))
if [ "$ms" -lt 1500 ]; then ok; else bad "Ctrl-C took $ms ms to stop the exports"; fi
expect "Ctrl-C: every export cancelled" "4" "$(grep -c 'was cancelled' "$work/err")"
expect "Ctrl-C: nothing left at the destination" "0" "$(files)"

# and running the statement again succeeds
q "ALTER TABLE t EXPORT PARTITION ALL TO TABLE lake $S" || bad "export again"
expect "retry: four files" "4" "$(find "$lake" -name '*.parquet' | wc -l)"
expect "retry: every row" "2000000	1999999000000" \
    "$(duck "SELECT count(*), sum(id) FROM read_parquet('$lake/**/*.parquet')")"

# system.part_log has a row for every export that ended, cancelled or not
expect "part_log: exports that finished" "6" \
    "$(q "SELECT count() FROM system.part_log WHERE event_type = 'ExportPart' AND error = 0 AND exception = '' AND peak_memory_usage > 0 AND size_in_bytes > 0")"
expect "part_log: exports that were cancelled" "12" \
    "$(q "SELECT count() FROM system.part_log WHERE event_type = 'ExportPart' AND error = 394 AND exception LIKE '%was cancelled%'")"

# settings floe does not implement are refused, not ignored
expect "max_rows_per_file refused" "Code: 48" \
    "$(q "ALTER TABLE t EXPORT PART '$part' TO TABLE lake $S, export_merge_tree_part_max_rows_per_file = 10" 2>&1 | cut -c1-8)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
