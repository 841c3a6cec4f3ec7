-- DETACH / DROP / ATTACH PARTITION|PART, DROP DETACHED, FORGET, system.detached_parts
CREATE TABLE t (d Date, id UInt64, s String) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id;
SYSTEM STOP MERGES t;
INSERT INTO t VALUES ('2020-01-05', 1, 'a');
INSERT INTO t VALUES ('2020-01-06', 2, 'b');
INSERT INTO t VALUES ('2020-02-06', 3, 'c');
INSERT INTO t VALUES ('2020-03-01', 4, 'd');
SELECT 'start', name FROM system.parts WHERE table = 't' AND active ORDER BY name;
ALTER TABLE t DETACH PARTITION 202001;
SELECT 'detached', name FROM system.parts WHERE table = 't' AND active ORDER BY name;
SELECT database, table, partition_id, name, disk, reason, min_block_number, max_block_number, level FROM system.detached_parts ORDER BY name;
SELECT count(), sum(id) FROM t;
-- attached parts get fresh block numbers, in partition and block order
ALTER TABLE t ATTACH PARTITION 202001;
SELECT 'attached', name FROM system.parts WHERE table = 't' AND active ORDER BY name;
SELECT * FROM t ORDER BY id;
SELECT count() FROM system.detached_parts;
ALTER TABLE t DETACH PART '202001_5_5_0';
SELECT 'detach part', name FROM system.parts WHERE table = 't' AND active ORDER BY name;
ALTER TABLE t ATTACH PART '202001_5_5_0';
SELECT 'attach part', name FROM system.parts WHERE table = 't' AND active ORDER BY name;
-- errors
ALTER TABLE t DETACH PART '202001_5_5_0'; -- { serverError NO_SUCH_DATA_PART }
ALTER TABLE t DROP PART '202009_1_1_0'; -- { serverError NO_SUCH_DATA_PART }
ALTER TABLE t DROP PART 'xx'; -- { serverError BAD_DATA_PART_NAME }
ALTER TABLE t ATTACH PART '202001_5_5_0'; -- { serverError BAD_DATA_PART_NAME }
ALTER TABLE t ATTACH PART 'broken_202001_5_5_0'; -- { serverError BAD_DATA_PART_NAME }
ALTER TABLE t ATTACH PART '../x'; -- { serverError BAD_DATA_PART_NAME }
-- an unknown partition is no error
ALTER TABLE t DROP PARTITION 202009;
ALTER TABLE t DETACH PARTITION 202009;
ALTER TABLE t ATTACH PARTITION 202009;
-- PARTITION ALL
ALTER TABLE t DETACH PARTITION ALL;
SELECT 'all detached', name, partition_id FROM system.detached_parts ORDER BY name;
SELECT count() FROM t;
ALTER TABLE t ATTACH PARTITION ALL;
SELECT 'all attached', name FROM system.parts WHERE table = 't' AND active ORDER BY name;
SELECT * FROM t ORDER BY id;
-- DROP: the parts leave at once
ALTER TABLE t DROP PARTITION 202002;
SELECT 'dropped', name, active FROM system.parts WHERE table = 't' ORDER BY name;
ALTER TABLE t DROP PART '202003_11_11_0';
SELECT 'dropped part', name, active FROM system.parts WHERE table = 't' ORDER BY name;
INSERT INTO t VALUES ('2020-04-01', 5, 'e');
SELECT 'insert after drop', name FROM system.parts WHERE table = 't' AND active ORDER BY name;
-- DROP DETACHED needs allow_drop_detached
ALTER TABLE t DETACH PART '202004_12_12_0';
ALTER TABLE t DETACH PARTITION 202001;
ALTER TABLE t DROP DETACHED PART '202004_12_12_0'; -- { serverError SUPPORT_IS_DISABLED }
SET allow_drop_detached = 1;
ALTER TABLE t DROP DETACHED PART '202004_12_12_0';
ALTER TABLE t DROP DETACHED PART '202004_12_12_0'; -- { serverError BAD_DATA_PART_NAME }
ALTER TABLE t DROP DETACHED PART '../x'; -- { serverError INCORRECT_FILE_NAME }
ALTER TABLE t DROP DETACHED PART 'attaching_202001_1_1_0'; -- { serverError BAD_DATA_PART_NAME }
SELECT 'before drop detached', name FROM system.detached_parts ORDER BY name;
ALTER TABLE t DROP DETACHED PARTITION 202001;
SELECT 'after drop detached', count() FROM system.detached_parts;
ALTER TABLE t DROP DETACHED PARTITION ALL;
-- FORGET PARTITION
ALTER TABLE t FORGET PARTITION 202009; -- { serverError NOT_IMPLEMENTED }
INSERT INTO t VALUES ('2020-05-01', 6, 'f');
ALTER TABLE t FORGET PARTITION 202005; -- { serverError CANNOT_FORGET_PARTITION }
ALTER TABLE t FORGET PARTITION ALL; -- { serverError SUPPORT_IS_DISABLED }
-- a merged part comes back with level 0
SYSTEM START MERGES t;
INSERT INTO t VALUES ('2020-05-02', 7, 'g');
OPTIMIZE TABLE t PARTITION 202005 FINAL;
SYSTEM STOP MERGES t;
SELECT 'merged', name FROM system.parts WHERE table = 't' AND active ORDER BY name;
ALTER TABLE t DETACH PART '202005_13_14_1';
SELECT 'detached merged', name, level FROM system.detached_parts ORDER BY name;
ALTER TABLE t ATTACH PART '202005_13_14_1';
SELECT 'attached merged', name FROM system.parts WHERE table = 't' AND active ORDER BY name;
SELECT * FROM t ORDER BY id;
-- engines without partitions
CREATE TABLE m (d Date, id UInt64) ENGINE = Memory;
ALTER TABLE m DETACH PARTITION 1; -- { serverError NOT_IMPLEMENTED }
ALTER TABLE m DROP PARTITION 1; -- { serverError NOT_IMPLEMENTED }
ALTER TABLE m ATTACH PART 'all_1_1_0'; -- { serverError NOT_IMPLEMENTED }
