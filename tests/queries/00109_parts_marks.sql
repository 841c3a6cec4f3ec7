-- system.parts.marks and system.tables.total_marks count the final mark of
-- adaptive-granularity parts, as ClickHouse does.
CREATE TABLE t (k UInt32) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 128;
INSERT INTO t SELECT number FROM numbers(1000);
INSERT INTO t SELECT number FROM numbers(100);
SELECT name, marks, rows FROM system.parts WHERE table = 't' ORDER BY name;
SELECT total_marks, total_rows FROM system.tables WHERE name = 't';
