CREATE TABLE t (a Nullable(UInt8), s Nullable(String), d Nullable(Date)) ENGINE = Memory;
INSERT INTO t VALUES (1, 'a', '2020-01-01'), (NULL, NULL, NULL), (3, '', NULL);
SELECT * FROM t ORDER BY a;
SELECT * FROM t ORDER BY a FORMAT JSONEachRow;
SELECT * FROM t ORDER BY a FORMAT CSV;
SELECT count(a), count(s), count(d), count() FROM t;
SELECT * FROM t WHERE a IS NULL;
