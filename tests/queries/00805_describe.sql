CREATE TABLE t (a UInt8, b Nullable(String), c DateTime('UTC') DEFAULT now(), d Decimal(9, 2) COMMENT 'money', e LowCardinality(String), f Array(Int32), g FixedString(3), h Enum8('a' = 1, 'b' = 2), i UUID, j Date32, k DateTime64(3, 'Asia/Tokyo'), l Float32 MATERIALIZED 1) ENGINE = Memory;
DESCRIBE TABLE t;
DESC t;
DESCRIBE numbers(3);
DESCRIBE (SELECT 1 AS x, 'a' AS y);
DESCRIBE TABLE t FORMAT TSVWithNames;
DESCRIBE nosuch; -- { serverError UNKNOWN_TABLE }
