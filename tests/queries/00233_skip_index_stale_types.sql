-- A part whose skip-index files were written before its column changed type
-- (here attached back after MODIFY COLUMN; a part a pending mutation has not
-- rewritten yet is the same) must not have them read as the new type: each
-- answer equals the one without indices. ClickHouse 26.7 fails these queries
-- with CANNOT_READ_ALL_DATA (it reads the old index as the new type), so this
-- reference is floe's own (floe local --testmode), checked against the
-- use_skip_indexes = 0 lines beside each query.
CREATE TABLE t (k UInt32, a UInt32, INDEX ia a TYPE minmax GRANULARITY 1, INDEX ib (a, k) TYPE set(8) GRANULARITY 2) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 4, min_bytes_for_wide_part = 0;
INSERT INTO t SELECT number, number * 1000 + 7 FROM numbers(40);
ALTER TABLE t DETACH PART 'all_1_1_0';
ALTER TABLE t MODIFY COLUMN a UInt64;
ALTER TABLE t ATTACH PART 'all_1_1_0';
SELECT count(), sum(k) FROM t WHERE a = 20007;
SELECT count(), sum(k) FROM t WHERE a = 20007 SETTINGS use_skip_indexes = 0;
SELECT count(), sum(k) FROM t WHERE a > 20007 AND a < 30000;
SELECT count(), sum(k) FROM t WHERE a > 20007 AND a < 30000 SETTINGS use_skip_indexes = 0;
SELECT count(), sum(k) FROM t WHERE a IN (7, 39007, 12345);
SELECT count(), sum(k) FROM t WHERE a IN (7, 39007, 12345) SETTINGS use_skip_indexes = 0;
-- once the part is written again with the table's types its index is used
OPTIMIZE TABLE t FINAL;
SELECT count(), sum(k) FROM t WHERE a IN (7, 39007, 12345) SETTINGS max_rows_to_read = 8;
