-- Mutations: UPDATE / DELETE [IN PARTITION] WHERE, column rewrites, part
-- names <pid>_<min>_<max>_<level>_<N>, system.mutations, refusals. (No
-- SYSTEM STOP MERGES: it stops mutations in ClickHouse; every partition
-- gets one part, so nothing merges.)
CREATE TABLE m (k UInt32, p UInt8, s String, v Int64) ENGINE = MergeTree PARTITION BY p ORDER BY k;
INSERT INTO m VALUES (1, 1, 'a', 10), (2, 2, 'b', 20), (3, 1, 'c', 30);
INSERT INTO m VALUES (4, 3, 'd', 40), (5, 4, 'e', 50);
ALTER TABLE m UPDATE v = v * 2, s = concat(s, s) WHERE k % 2 = 1;
SELECT * FROM m ORDER BY k;
SELECT name FROM system.parts WHERE database = 'default' AND table = 'm' AND active ORDER BY name;
ALTER TABLE m DELETE WHERE k = 2;
SELECT * FROM m ORDER BY k;
SELECT name FROM system.parts WHERE database = 'default' AND table = 'm' AND active ORDER BY name;
INSERT INTO m VALUES (6, 5, 'f', 60);
ALTER TABLE m UPDATE v = 0 IN PARTITION 1 WHERE v > 20;
SELECT * FROM m ORDER BY k;
SELECT name FROM system.parts WHERE database = 'default' AND table = 'm' AND active ORDER BY name;
ALTER TABLE m DELETE IN PARTITION 3 WHERE k > 0;
SELECT * FROM m ORDER BY k;
ALTER TABLE m UPDATE k = 1 WHERE 1; -- { serverError CANNOT_UPDATE_COLUMN }
ALTER TABLE m UPDATE p = 1 WHERE 1; -- { serverError CANNOT_UPDATE_COLUMN }
ALTER TABLE m UPDATE nope = 1 WHERE 1; -- { serverError NO_SUCH_COLUMN_IN_TABLE }
ALTER TABLE m MODIFY COLUMN v String;
SELECT k, v, toTypeName(v) FROM m ORDER BY k;
ALTER TABLE m DROP COLUMN s;
SELECT * FROM m ORDER BY k;
SELECT name FROM system.parts WHERE database = 'default' AND table = 'm' AND active ORDER BY name;
ALTER TABLE m ADD COLUMN w UInt64 DEFAULT k + 1000;
ALTER TABLE m MATERIALIZE COLUMN w;
ALTER TABLE m UPDATE w = w + 1 WHERE k = 1;
SELECT * FROM m ORDER BY k;
ALTER TABLE m CLEAR COLUMN v;
SELECT * FROM m ORDER BY k;
ALTER TABLE m UPDATE w = 1 WHERE nope = 1; -- { serverError UNKNOWN_IDENTIFIER }
ALTER TABLE m DELETE WHERE nope(k); -- { serverError UNKNOWN_FUNCTION }
SELECT mutation_id, command, block_numbers.partition_id, block_numbers.number, parts_to_do_names, parts_to_do, is_done, is_killed, latest_failed_part, latest_fail_reason FROM system.mutations WHERE database = 'default' AND table = 'm' ORDER BY mutation_id;
