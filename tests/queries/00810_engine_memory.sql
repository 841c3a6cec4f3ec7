CREATE TABLE t (x UInt64, s String) ENGINE = Memory;
INSERT INTO t SELECT number, toString(number) FROM numbers(100000);
SELECT count(), sum(x), max(s) FROM t;
INSERT INTO t VALUES (1, 'dup');
SELECT count() FROM t WHERE x = 1;
SELECT * FROM t WHERE s = 'dup';
