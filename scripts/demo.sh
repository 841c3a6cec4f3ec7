#!/usr/bin/env bash
# floe's main job on the embedded default, `floe local` on a data directory
# (./floe-data): a partitioned MergeTree table, rows inserted, parts exported
# as Parquet into a local hive-partitioned directory (File(Parquet) table),
# the files listed, and the export read back.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
data=${FLOE_DEMO_PATH:-./floe-data}
rm -rf "$data"
floe=./build/floe
"$floe" local --path "$data" --output-format PrettyCompact -q "
CREATE TABLE trades (id UInt64, day Date, symbol String, price Float64, qty Int32)
ENGINE = MergeTree PARTITION BY toYYYYMM(day) ORDER BY (symbol, id);
INSERT INTO trades SELECT number, toDate('2026-09-01') + number % 60,
    concat('SYM', toString(number % 5)), 100 + number % 97 / 4, toInt32(number % 50)
FROM numbers(1000000);
SELECT partition, name, rows FROM system.parts WHERE table = 'trades' AND active ORDER BY name;
CREATE TABLE trades_lake (id UInt64, day Date, symbol String, price Float64, qty Int32)
ENGINE = File(Parquet) PARTITION BY toYYYYMM(day);
ALTER TABLE trades EXPORT PARTITION ALL TO TABLE trades_lake
SETTINGS allow_experimental_export_merge_tree_part = 1;
"
echo "Parquet files written by EXPORT PARTITION:"
find "$data/data/default/trades_lake" -name '*.parquet' | sort
"$floe" local --path "$data" --output-format PrettyCompact -q "
SELECT symbol, count() AS trades, round(avg(price), 2) AS avg_price, sum(qty) AS volume
FROM trades_lake GROUP BY symbol ORDER BY symbol"
