-- LowCardinality(String) and LowCardinality(FixedString) columns in MergeTree
-- tables (floe stores them as their inner type): partition IDs, merges,
-- mutations and types as ClickHouse shows them.
CREATE TABLE t (id UInt32, s LowCardinality(String), f LowCardinality(FixedString(2)), n UInt16) ENGINE = MergeTree PARTITION BY s ORDER BY (s, id);
INSERT INTO t SELECT number, ['a','b','c'][number % 3 + 1], 'xy', number % 5 FROM numbers(10);
SELECT s, count(), sum(n), toTypeName(s), any(f) FROM t GROUP BY s ORDER BY s;
SELECT * FROM t WHERE s = 'b' ORDER BY id;
SELECT name, partition FROM system.parts WHERE table = 't' ORDER BY name;
OPTIMIZE TABLE t FINAL;
SELECT count(), uniqExact(s) FROM t;
ALTER TABLE t UPDATE n = 9 WHERE id = 1;
SELECT n, s FROM t WHERE id = 1;
SELECT name, type FROM system.columns WHERE table = 't';
