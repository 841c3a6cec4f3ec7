CREATE TABLE t (a Int32, b String) ENGINE = Memory;
INSERT INTO t FORMAT Values (1, 'v');
SELECT * FROM t ORDER BY a;
INSERT INTO t FORMAT CSVWithNames
"a","b"
7,"csvn"
