-- FREEZE / UNFREEZE, MOVE TO DISK|VOLUME, FETCH, REWRITE PARTS, CLEAR COLUMN IN PARTITION
CREATE TABLE t (d Date, id UInt64, s String DEFAULT 'dflt', n UInt32, k Nullable(Int8)) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id;
INSERT INTO t VALUES ('2020-01-05', 1, 'a', 4, 1), ('2020-01-06', 2, 'b', 5, NULL);
INSERT INTO t VALUES ('2020-02-06', 3, 'c', 6, 3);
INSERT INTO t VALUES ('2020-03-06', 4, 'd', 7, 4);
ALTER TABLE t FREEZE;
ALTER TABLE t FREEZE PARTITION 202001;
ALTER TABLE t FREEZE PARTITION 202001 WITH NAME 'bk1';
ALTER TABLE t FREEZE WITH NAME 'bk2';
ALTER TABLE t FREEZE PARTITION 202009;
ALTER TABLE t FREEZE PARTITION ALL; -- { serverError SUPPORT_IS_DISABLED }
ALTER TABLE t UNFREEZE PARTITION 202001 WITH NAME 'bk2';
ALTER TABLE t UNFREEZE WITH NAME 'bk2';
ALTER TABLE t UNFREEZE WITH NAME 'nonexistent';
SELECT count() FROM t;
-- one disk, `default`, in the default policy
ALTER TABLE t MOVE PARTITION 202001 TO DISK 'default'; -- { serverError UNKNOWN_DISK }
ALTER TABLE t MOVE PARTITION 202001 TO DISK 'nodisk'; -- { serverError UNKNOWN_DISK }
ALTER TABLE t MOVE PARTITION 202001 TO VOLUME 'default'; -- { serverError UNKNOWN_DISK }
ALTER TABLE t MOVE PARTITION 202001 TO VOLUME 'novol'; -- { serverError UNKNOWN_VOLUME }
ALTER TABLE t MOVE PART '202001_1_1_0' TO DISK 'default'; -- { serverError UNKNOWN_DISK }
ALTER TABLE t MOVE PART '202001_9_9_0' TO DISK 'default'; -- { serverError NO_SUCH_DATA_PART }
ALTER TABLE t MOVE PARTITION 202009 TO DISK 'default'; -- { serverError UNKNOWN_DISK }
ALTER TABLE t MOVE PARTITION ALL TO DISK 'default'; -- { serverError SUPPORT_IS_DISABLED }
-- FETCH needs replication
ALTER TABLE t FETCH PARTITION 202001 FROM '/clickhouse/tables/x'; -- { serverError NOT_IMPLEMENTED }
ALTER TABLE t FETCH PART '202001_1_1_0' FROM '/clickhouse/tables/x'; -- { serverError NOT_IMPLEMENTED }
-- REWRITE PARTS: a mutation; every part takes its version
ALTER TABLE t REWRITE PARTS SETTINGS mutations_sync = 1;
SELECT 'rewrite', name, rows FROM system.parts WHERE table = 't' AND active ORDER BY name;
ALTER TABLE t REWRITE PARTS IN PARTITION 202001 SETTINGS mutations_sync = 1;
SELECT 'rewrite 202001', name FROM system.parts WHERE table = 't' AND active ORDER BY name;
SELECT * FROM t ORDER BY id;
-- CLEAR COLUMN: the DEFAULT expression, or the type's default
ALTER TABLE t CLEAR COLUMN s IN PARTITION 202001 SETTINGS mutations_sync = 1;
SELECT 'clear s', name FROM system.parts WHERE table = 't' AND active ORDER BY name;
ALTER TABLE t CLEAR COLUMN n IN PARTITION 202002 SETTINGS mutations_sync = 1;
ALTER TABLE t CLEAR COLUMN k IN PARTITION 202001 SETTINGS mutations_sync = 1;
SELECT * FROM t ORDER BY id;
SELECT 'clear n', name FROM system.parts WHERE table = 't' AND active ORDER BY name;
ALTER TABLE t CLEAR COLUMN id IN PARTITION 202001; -- { serverError ALTER_OF_COLUMN_IS_FORBIDDEN }
ALTER TABLE t CLEAR COLUMN d IN PARTITION 202001; -- { serverError ALTER_OF_COLUMN_IS_FORBIDDEN }
ALTER TABLE t CLEAR COLUMN zz IN PARTITION 202001; -- { serverError NOT_FOUND_COLUMN_IN_BLOCK }
ALTER TABLE t CLEAR COLUMN IF EXISTS zz IN PARTITION 202001;
INSERT INTO t (d, id, n) VALUES ('2020-01-07', 5, 8);
SELECT 'insert', name FROM system.parts WHERE table = 't' AND active ORDER BY name;
SELECT * FROM t ORDER BY id;
-- PARTITION ALL is refused by the mutations, with their own wording
ALTER TABLE t REWRITE PARTS IN PARTITION ALL; -- { serverError SUPPORT_IS_DISABLED }
ALTER TABLE t CLEAR COLUMN s IN PARTITION ALL; -- { serverError SUPPORT_IS_DISABLED }
ALTER TABLE t FETCH PARTITION ALL FROM 'x'; -- { serverError SUPPORT_IS_DISABLED }
ALTER TABLE t UNFREEZE PARTITION ALL WITH NAME 'x'; -- { serverError SUPPORT_IS_DISABLED }
-- CLEAR INDEX: a mutation (no index data to clear here)
CREATE TABLE ti (d Date, a UInt8, INDEX ia a TYPE minmax GRANULARITY 1) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY tuple();
INSERT INTO ti VALUES ('2020-01-01', 1);
INSERT INTO ti VALUES ('2020-02-01', 2);
ALTER TABLE ti CLEAR INDEX ia IN PARTITION 202001 SETTINGS mutations_sync = 1;
SELECT 'clear index', name FROM system.parts WHERE table = 'ti' AND active ORDER BY name;
ALTER TABLE ti CLEAR INDEX IF EXISTS nosuch IN PARTITION 202001 SETTINGS mutations_sync = 1;
SELECT 'clear index', name FROM system.parts WHERE table = 'ti' AND active ORDER BY name;
SELECT * FROM ti ORDER BY a;
-- the rewrites are mutations, listed as ClickHouse lists them
SELECT table, command, is_done, parts_to_do FROM system.mutations WHERE table IN ('t', 'ti') ORDER BY table, mutation_id;
