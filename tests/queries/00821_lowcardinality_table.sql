CREATE TABLE t (s LowCardinality(String), n LowCardinality(Nullable(String))) ENGINE = Memory;
INSERT INTO t VALUES ('a', NULL), ('b', 'x'), ('a', 'y');
SELECT * FROM t ORDER BY s, n;
SELECT s, count() FROM t GROUP BY s ORDER BY s;
DESCRIBE t;
SELECT * FROM t ORDER BY s, n FORMAT TSVWithNamesAndTypes;
