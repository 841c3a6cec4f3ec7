CREATE TABLE t (a UInt32, b String, c Nullable(Float64)) ENGINE = Memory;
INSERT INTO t VALUES (1, 'one', 1.5), (2, 'two', NULL), (3, 'three', -0.25);
SELECT * FROM t ORDER BY a;
SELECT b, c FROM t WHERE a >= 2 ORDER BY a;
INSERT INTO t (a, b) VALUES (4, 'four');
SELECT a, b, c FROM t ORDER BY a;
SELECT count(), sum(a) FROM t;
INSERT INTO t SELECT number + 10, toString(number), number / 2 FROM numbers(3);
SELECT * FROM t ORDER BY a;
TRUNCATE TABLE t;
SELECT count() FROM t;
DROP TABLE t;
SELECT * FROM t; -- { serverError UNKNOWN_TABLE }
