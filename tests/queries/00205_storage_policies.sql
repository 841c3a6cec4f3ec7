-- Disks and storage policies without a configuration: the `default` disk and policy
SELECT * FROM system.storage_policies;
SELECT policy_name, volume_name, volume_priority, disks, volume_type, load_balancing FROM system.storage_policies WHERE policy_name = 'default';
SELECT name, type, keep_free_space, is_remote, is_read_only, is_broken, endsWith(path, '/'), total_space > 0, free_space <= total_space, unreserved_space = free_space FROM system.disks;
SELECT count() FROM system.disks;
-- SETTINGS storage_policy
CREATE TABLE bad (a Int32) ENGINE = MergeTree ORDER BY a SETTINGS storage_policy = 'nonexistent'; -- { serverError UNKNOWN_POLICY }
EXISTS TABLE bad;
CREATE TABLE t (d Date, id UInt64) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id SETTINGS storage_policy = 'default';
CREATE TABLE u (d Date, id UInt64) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id;
INSERT INTO t VALUES ('2020-01-05', 1), ('2020-02-06', 2);
INSERT INTO t VALUES ('2020-01-07', 3);
SELECT name, storage_policy FROM system.tables WHERE database = currentDatabase() AND name IN ('t', 'u') ORDER BY name;
SELECT name, disk_name, endsWith(path, concat('/', name, '/')) FROM system.parts WHERE database = currentDatabase() AND table = 't' ORDER BY name;
-- MOVE on the single disk: every error ClickHouse gives
ALTER TABLE t MOVE PART '202001_1_1_0' TO DISK 'nodisk'; -- { serverError UNKNOWN_DISK }
ALTER TABLE t MOVE PART '202001_1_1_0' TO VOLUME 'novolume'; -- { serverError UNKNOWN_VOLUME }
ALTER TABLE t MOVE PART '202001_1_1_0' TO DISK 'default'; -- { serverError UNKNOWN_DISK }
ALTER TABLE t MOVE PART '202001_1_1_0' TO VOLUME 'default'; -- { serverError UNKNOWN_DISK }
ALTER TABLE t MOVE PART '202001_7_7_0' TO DISK 'default'; -- { serverError NO_SUCH_DATA_PART }
ALTER TABLE t MOVE PART '202001_7_7_0' TO DISK 'nodisk'; -- { serverError NO_SUCH_DATA_PART }
ALTER TABLE t MOVE PART 'not_a_part' TO DISK 'default'; -- { serverError BAD_DATA_PART_NAME }
ALTER TABLE t MOVE PARTITION 202001 TO DISK 'default'; -- { serverError UNKNOWN_DISK }
ALTER TABLE t MOVE PARTITION 202001 TO VOLUME 'default'; -- { serverError UNKNOWN_DISK }
ALTER TABLE t MOVE PARTITION 202001 TO DISK 'nodisk'; -- { serverError UNKNOWN_DISK }
ALTER TABLE t MOVE PARTITION 202001 TO VOLUME 'novolume'; -- { serverError UNKNOWN_VOLUME }
ALTER TABLE t MOVE PARTITION 202009 TO DISK 'default'; -- { serverError UNKNOWN_DISK }
ALTER TABLE t MOVE PARTITION 202009 TO VOLUME 'default'; -- { serverError NO_SUCH_DATA_PART }
ALTER TABLE t MOVE PARTITION 202009 TO VOLUME 'novolume'; -- { serverError UNKNOWN_VOLUME }
ALTER TABLE t MOVE PARTITION ID '202002' TO DISK 'default'; -- { serverError UNKNOWN_DISK }
-- the same policy: parts move between tables
ALTER TABLE t MOVE PARTITION 202002 TO TABLE u;
SELECT 't', name, disk_name FROM system.parts WHERE database = currentDatabase() AND table = 't' AND active AND rows > 0 ORDER BY name;
SELECT 'u', name, disk_name FROM system.parts WHERE database = currentDatabase() AND table = 'u' AND active ORDER BY name;
ALTER TABLE t DETACH PART '202001_1_1_0';
SELECT name, disk FROM system.detached_parts WHERE database = currentDatabase() AND table = 't';
ALTER TABLE t ATTACH PART '202001_1_1_0';
SELECT name, disk_name FROM system.parts WHERE database = currentDatabase() AND table = 't' AND active ORDER BY name;
SELECT * FROM t ORDER BY id;
DROP TABLE t;
DROP TABLE u;
