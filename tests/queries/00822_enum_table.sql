CREATE TABLE t (e Enum8('a' = 1, 'b' = 2, 'c' = -3), e16 Enum16('big' = 1000)) ENGINE = Memory;
INSERT INTO t VALUES ('a', 'big'), ('c', 1000), (2, 'big');
SELECT e, toInt8(e), e16 FROM t ORDER BY e;
SELECT * FROM t WHERE e = 'c';
SELECT e, count() FROM t GROUP BY e ORDER BY e;
SELECT * FROM t ORDER BY e FORMAT JSONEachRow;
