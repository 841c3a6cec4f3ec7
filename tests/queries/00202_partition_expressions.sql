-- Every way to name a partition: value, string, tuple(), (a, b), ID, ALL, expressions
CREATE TABLE t (d Date, id UInt64, s String) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id;
CREATE TABLE t2 (d Date, e String, v UInt8) ENGINE = MergeTree PARTITION BY (toMonday(d), e) ORDER BY v;
CREATE TABLE t3 (v UInt8) ENGINE = MergeTree ORDER BY v;
CREATE TABLE t4 (d Date, v UInt8) ENGINE = MergeTree PARTITION BY d ORDER BY v;
CREATE TABLE t5 (s String, v UInt8) ENGINE = MergeTree PARTITION BY s ORDER BY v;
CREATE TABLE t6 (a UInt8, b Int8, v UInt8) ENGINE = MergeTree PARTITION BY (a, b) ORDER BY v;
SYSTEM STOP MERGES;
INSERT INTO t VALUES ('2019-01-25', 1, 'a'), ('2019-02-25', 2, 'b');
INSERT INTO t2 VALUES ('2020-01-08', 'click', 1), ('2020-01-08', 'view', 2);
INSERT INTO t3 VALUES (1);
INSERT INTO t4 VALUES ('2020-11-21', 1), ('2020-11-22', 2);
INSERT INTO t5 VALUES ('hello', 1), ('world', 2);
INSERT INTO t6 VALUES (1, -1, 1), (2, 3, 2);
ALTER TABLE t DETACH PARTITION tuple(toYYYYMM(toDate('2019-01-25')));
ALTER TABLE t ATTACH PARTITION ID '201901';
ALTER TABLE t DETACH PARTITION (201901);
ALTER TABLE t ATTACH PARTITION '201901';
SELECT 't', name FROM system.detached_parts ORDER BY name;
ALTER TABLE t ATTACH PARTITION ALL;
SELECT 't', name FROM system.parts WHERE table = 't' AND active ORDER BY name;
ALTER TABLE t DETACH PARTITION (201901, 1); -- { serverError INVALID_PARTITION_VALUE }
ALTER TABLE t DETACH PARTITION tuple(); -- { serverError INVALID_PARTITION_VALUE }
ALTER TABLE t DETACH PARTITION 'abc'; -- { serverError TYPE_MISMATCH }
ALTER TABLE t DETACH PARTITION 99999999999; -- { serverError ARGUMENT_OUT_OF_BOUND }
ALTER TABLE t DETACH PARTITION -1; -- { serverError ARGUMENT_OUT_OF_BOUND }
ALTER TABLE t DETACH PARTITION ID '201901_1'; -- { serverError INVALID_PARTITION_VALUE }
ALTER TABLE t DETACH PARTITION ID 'nosuch';
-- composite keys
ALTER TABLE t2 DETACH PARTITION ('2020-01-06', 'click');
SELECT 't2', partition_id, name FROM system.detached_parts ORDER BY name;
ALTER TABLE t2 ATTACH PARTITION tuple('2020-01-06', 'click');
ALTER TABLE t2 DETACH PARTITION tuple(toMonday(toDate('2020-01-08')), 'view');
ALTER TABLE t2 ATTACH PARTITION ALL;
SELECT 't2', name, partition FROM system.parts WHERE table = 't2' AND active ORDER BY name;
ALTER TABLE t2 DETACH PARTITION '2020-01-06'; -- { serverError INVALID_PARTITION_VALUE }
ALTER TABLE t2 DETACH PARTITION ('2020-01-06'); -- { serverError INVALID_PARTITION_VALUE }
ALTER TABLE t2 DETACH PARTITION ('2020-01-06', 'click', 1); -- { serverError INVALID_PARTITION_VALUE }
-- no partition key: tuple() or ID 'all'
ALTER TABLE t3 DETACH PARTITION tuple();
ALTER TABLE t3 ATTACH PARTITION ID 'all';
ALTER TABLE t3 DETACH PARTITION 1; -- { serverError INVALID_PARTITION_VALUE }
SELECT 't3', name FROM system.parts WHERE table = 't3' AND active ORDER BY name;
-- a Date key by its text, a String key, several integers
ALTER TABLE t4 DROP PARTITION '2020-11-21';
ALTER TABLE t4 DROP PARTITION tuple(toDate('2020-11-22'));
SELECT 't4', name FROM system.parts WHERE table = 't4' AND active ORDER BY name;
ALTER TABLE t4 DROP PARTITION 'garbage'; -- { serverError CANNOT_PARSE_DATE }
ALTER TABLE t5 DETACH PARTITION 'hello';
SELECT 't5', name FROM system.detached_parts WHERE table = 't5' ORDER BY name;
ALTER TABLE t5 ATTACH PARTITION tuple(concat('hel', 'lo'));
SELECT 't5', name, partition FROM system.parts WHERE table = 't5' AND active ORDER BY name;
ALTER TABLE t6 DROP PARTITION (1, -1);
SELECT 't6', name, partition FROM system.parts WHERE table = 't6' AND active ORDER BY name;
ALTER TABLE t6 DETACH PARTITION (2, 3);
SELECT 't6', name, partition_id FROM system.detached_parts WHERE table = 't6';
ALTER TABLE t6 ATTACH PARTITION tuple(2, 3);
ALTER TABLE t6 DROP PARTITION (2, 300); -- { serverError ARGUMENT_OUT_OF_BOUND }
ALTER TABLE t6 DROP PARTITION (-2, 3); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT 't6', name, partition FROM system.parts WHERE table = 't6' AND active ORDER BY name;
