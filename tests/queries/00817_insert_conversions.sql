CREATE TABLE t (a UInt8, d Date, dt DateTime('UTC'), dec Decimal(5, 2), e Enum8('x' = 1, 'y' = 2), f Float32) ENGINE = Memory;
INSERT INTO t VALUES (1, '2020-01-01', '2020-01-01 10:00:00', 1.234, 'x', 0.1);
INSERT INTO t VALUES (2, 18000, 1600000000, '2.5', 2, 1e10);
SELECT * FROM t ORDER BY a;
INSERT INTO t VALUES (300, '2020-01-01', 0, 0, 'x', 0);
INSERT INTO t VALUES ('abc', '2020-01-01', 0, 0, 'x', 0); -- { serverError CANNOT_PARSE_TEXT }
INSERT INTO t VALUES (1, '2020-01-01', 0, 0, 'z', 0); -- { serverError UNKNOWN_ELEMENT_OF_ENUM }
SELECT count() FROM t;
