#!/usr/bin/env bash
# Inserting the benchmark table (bench/README.md) from a TSV file into a
# MergeTree table: floe and ClickHouse (chDB) in one run; rows/s and peak
# memory (max RSS) of each.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
rows=${FLOE_BENCH_ROWS:-10000000}
dir=${FLOE_BENCH_DIR:-/tmp/floe-bench}
floe=${FLOE_BIN:-$root/build/floe}
mkdir -p "$dir"
[ -x "$floe" ] || "$root/scripts/build.sh"
[ -d "$root/tests/integration/node_modules/chdb" ] ||
    (cd "$root/tests/integration" && npm install --no-audit --no-fund --loglevel=error >/dev/null)

tsv="$dir/bench_$rows.tsv"
if [ ! -s "$tsv" ]; then
    echo "writing $tsv with ClickHouse ..."
    rm -rf "$dir/gen"
    node "$here/chdb_run.mjs" "$dir/gen" "INSERT INTO FUNCTION file('$tsv', TSV)
        SELECT number, toDate('2024-01-01') + intDiv(number, 100000),
        toDateTime('2024-01-01 00:00:00', 'UTC') + number, toUInt32(intHash32(number) % 1000000),
        round(10 + (intHash32(number + 1) % 100000) / 100, 2), toInt32(intHash32(number + 2) % 1000) - 500,
        ['AAPL','MSFT','GOOG','AMZN','NVDA','META','TSLA','ORCL'][number % 8 + 1],
        concat('order-', toString(intHash32(number + 3) % 100000)) FROM numbers($rows)"
    rm -rf "$dir/gen"
fi
create=$(tr '\n' ' ' < "$here/bench_table.sql")
measure() { # label, command... ; prints "seconds maxrss_kb"
    local out
    out=$( { /usr/bin/time -f "%e %M" "$@" > /dev/null; } 2>&1 | tail -1)
    echo "$out"
}
rm -rf "$dir/floe" "$dir/ch"
floe_res=$(measure bash -c "'$floe' local --path '$dir/floe' -q \"$create; INSERT INTO bench FORMAT TSV\" < '$tsv'")
ch_res=$(measure node "$here/chdb_run.mjs" "$dir/ch" "$create; INSERT INTO bench SELECT * FROM file('$tsv', TSV, 'id UInt64, event_date Date, ts DateTime(''UTC''), user_id UInt32, price Float64, qty Int32, symbol String, note String')")
floe_count=$("$floe" local --path "$dir/floe" -q "SELECT count() FROM bench")
ch_count=$(node "$here/chdb_run.mjs" "$dir/ch" "SELECT count() FROM bench")
printf '%-22s %10s %14s %12s %10s\n' system rows seconds rows/s peak_MiB
for sys in floe ClickHouse; do
    if [ $sys = floe ]; then r=$floe_res; c=$floe_count; else r=$ch_res; c=$ch_count; fi
    set -- $r
    awk -v s="$sys" -v n="$c" -v t="$1" -v m="$2" \
        'BEGIN { printf "%-22s %10d %14.2f %12.0f %10.1f\n", s, n, t, n / t, m / 1024 }'
done
set -- $floe_res; ft=$1
set -- $ch_res; ct=$1
awk -v a="$ft" -v b="$ct" 'BEGIN { printf "floe / ClickHouse speed: %.2fx\n", b / a }'
