CREATE TABLE t (a UInt64, b String) ENGINE = Memory;
INSERT INTO t SELECT number, toString(number * 10) FROM numbers(5);
INSERT INTO t (b, a) SELECT 'x', 100;
INSERT INTO t SELECT * FROM t WHERE a < 2;
SELECT * FROM t ORDER BY a, b;
INSERT INTO t SELECT 1; -- { serverError NUMBER_OF_COLUMNS_DOESNT_MATCH }
