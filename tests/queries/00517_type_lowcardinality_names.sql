SELECT toTypeName(a), toTypeName(b), toTypeName(c), toTypeName(d) FROM (SELECT toLowCardinality('abc') AS a, CAST('x' AS LowCardinality(String)) AS b, CAST(NULL AS LowCardinality(Nullable(String))) AS c, CAST('' AS LowCardinality(String)) AS d);
SELECT toTypeName(CAST(1 AS LowCardinality(String))), toTypeName(toLowCardinality('a'));
CREATE TABLE t (s LowCardinality(String), n LowCardinality(Nullable(String))) ENGINE = Memory;
INSERT INTO t VALUES ('a', NULL), ('b', 'x');
SELECT toTypeName(s), toTypeName(n), s, upper(s), length(s), n, isNull(n) FROM t ORDER BY s;
