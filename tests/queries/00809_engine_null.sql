CREATE TABLE t (x UInt8, s String) ENGINE = Null;
INSERT INTO t VALUES (1, 'a'), (2, 'b');
INSERT INTO t SELECT number, toString(number) FROM numbers(100);
SELECT * FROM t;
SELECT count() FROM t;
