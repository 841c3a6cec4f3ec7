CREATE TABLE t (a UInt8 DEFAULT 1 COMMENT 'x', b String, c Nullable(Decimal(10, 2)), d DateTime('UTC')) ENGINE = Memory;
DESCRIBE TABLE t;
SHOW CREATE TABLE t;
DESCRIBE (SELECT 1 AS x, 'a' AS y);
