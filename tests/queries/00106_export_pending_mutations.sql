-- An exported part has the table's current schema and its pending
-- mutations applied while it is read: 100000 rows, DELETE of id % 3 = 0
-- leaves 66666; the UPDATE changes ids 1, 5 and 7; w is an added column
-- filled from its DEFAULT. (floe's own reference: EXPORT PART is not in
-- ClickHouse 26.7; the numbers follow from the statements.)
CREATE TABLE t (id UInt64, p UInt8, v String) ENGINE = MergeTree PARTITION BY p ORDER BY id;
INSERT INTO t SELECT number, number % 2, toString(number) FROM numbers(100000);
-- background mutations stop with merges: the two below stay pending
SYSTEM STOP MERGES t;
ALTER TABLE t ADD COLUMN w UInt64 DEFAULT id * 2;
ALTER TABLE t UPDATE v = 'changed' WHERE p = 1 AND id < 10 SETTINGS mutations_sync = 0;
ALTER TABLE t DELETE WHERE id % 3 = 0 SETTINGS mutations_sync = 0;
SELECT command, is_done FROM system.mutations WHERE table = 't' ORDER BY mutation_id;
SELECT name FROM system.parts WHERE table = 't' AND active ORDER BY name;
CREATE TABLE d (id UInt64, p UInt8, v String, w UInt64) ENGINE = File(Parquet, 'out') PARTITION BY p;
ALTER TABLE t EXPORT PARTITION ALL TO TABLE d SETTINGS allow_experimental_export_merge_tree_part = 1;
SELECT sleep(3);
SELECT count(), countIf(v = 'changed'), sum(w) = sum(id) * 2, groupArray(id) FILTER (WHERE v = 'changed')
FROM file('out/**/*.parquet');
SELECT count() FROM file('out/**/*.parquet') WHERE id % 3 = 0;
-- the table itself is unchanged until the mutations run
SELECT count(), countIf(v = 'changed') FROM t;
SYSTEM START MERGES t;
OPTIMIZE TABLE t FINAL;
SELECT count(), countIf(v = 'changed'), sum(w) = sum(id) * 2 FROM t;
