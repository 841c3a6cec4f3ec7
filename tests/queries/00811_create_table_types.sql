CREATE TABLE t (a UInt8, b UInt16, c UInt32, d UInt64, e Int8, f Int16, g Int32, h Int64, i Float32, j Float64, k Bool, l String, n Date, p DateTime, q DateTime('Asia/Tokyo'), r DateTime64(3), s DateTime64(6, 'UTC'), u UUID, v Decimal(9, 2), w Decimal(18, 4), x Decimal(38, 10), aa Nullable(Int32), bb LowCardinality(String), cc Decimal32(3), dd Decimal64(2), ee Decimal128(5)) ENGINE = Memory;
DESCRIBE t;
INSERT INTO t (a) VALUES (1);
SELECT * FROM t FORMAT Vertical;
