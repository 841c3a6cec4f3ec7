#!/usr/bin/env bash
# floe's main job on the embedded default: `floe local` on a data directory
# (./floe-data): a table, rows inserted, a query, and the result written as
# Parquet and read back.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
data=${FLOE_DEMO_PATH:-./floe-data}
rm -rf "$data" /tmp/floe-demo.parquet
./build/floe local --path "$data" --output-format PrettyCompact -q "
CREATE TABLE trades (id UInt64, day Date, symbol String, price Float64, qty Int32) ENGINE = Memory;
INSERT INTO trades SELECT number, toDate('2026-11-01') + number % 30, ['AAPL', 'MSFT', 'NVDA'][number % 3 + 1], 100 + number % 97 / 4, toInt32(number % 50) FROM numbers(100000);
SELECT symbol, count() AS trades, round(avg(price), 2) AS avg_price, sum(qty) AS volume FROM trades GROUP BY symbol ORDER BY symbol;
SELECT * FROM trades ORDER BY id LIMIT 3 INTO OUTFILE '/tmp/floe-demo.parquet' FORMAT Parquet;
"
ls -l /tmp/floe-demo.parquet
