-- system.part_log: a real MergeTree table in the system database with a row
-- per part event. chDB has no part_log, so this reference is floe's own
-- (event names and columns are ClickHouse's; ExportPart is floe's).
CREATE TABLE t (d Date, x UInt64, v UInt64) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY x;
INSERT INTO t VALUES ('2020-01-01', 1, 1);
INSERT INTO t VALUES ('2020-01-02', 2, 2), ('2020-02-01', 3, 3);
OPTIMIZE TABLE t PARTITION 202001 FINAL;
ALTER TABLE t UPDATE v = v + 10 WHERE x = 1;
CREATE TABLE lake (d Date, x UInt64, v UInt64) ENGINE = File(Parquet, 'lake') PARTITION BY toYYYYMM(d);
ALTER TABLE t EXPORT PARTITION 202001 TO TABLE lake SETTINGS allow_experimental_export_merge_tree_part = 1;
SELECT sleep(3);
SYSTEM FLUSH LOGS;
SELECT event_type, database, table, part_name, partition_id, partition, rows, read_rows, error,
       exception, event_date = toDate(event_time),
       toDateTime(event_time_microseconds) = event_time
FROM system.part_log ORDER BY event_type, part_name;
SELECT countIf(size_in_bytes > 0), countIf(path_on_disk LIKE '%/lake/toYYYYMM(d)=202001/%.parquet')
FROM system.part_log WHERE event_type = 'ExportPart';
SELECT toTypeName(event_type), toTypeName(event_time_microseconds), toTypeName(error)
FROM system.part_log LIMIT 1;
SELECT count() > 0 FROM system.parts WHERE database = 'system' AND table = 'part_log' AND active;
-- the system database takes no user tables
CREATE TABLE system.mine (x UInt8) ENGINE = Memory; -- { serverError DATABASE_ACCESS_DENIED }
-- MOVE PARTITION TO TABLE: MovePart rows for the destination's parts
CREATE TABLE a (p UInt8, x UInt64) ENGINE = MergeTree PARTITION BY p ORDER BY x;
CREATE TABLE b AS a;
INSERT INTO a VALUES (1, 1), (2, 2);
ALTER TABLE a MOVE PARTITION 1 TO TABLE b;
SELECT event_type, table, part_name, rows FROM system.part_log WHERE table IN ('a', 'b') AND event_type != 'RemovePart' ORDER BY event_type, table, part_name;
