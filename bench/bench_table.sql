CREATE TABLE bench
(
    id UInt64,
    event_date Date,
    ts DateTime('UTC'),
    user_id UInt32,
    price Float64,
    qty Int32,
    symbol String,
    note String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(event_date)
ORDER BY (symbol, ts)
