-- A type change whose values do not all convert is refused before anything
-- changes: floe converts every part's values first. The table keeps its
-- type, its data and no mutation. (ClickHouse instead queues a mutation
-- that fails and leaves the table unreadable until the type is changed
-- back; floe's own reference.)
CREATE TABLE f (k UInt32, s String) ENGINE = MergeTree ORDER BY k;
INSERT INTO f VALUES (1, '10'), (2, 'abc');
INSERT INTO f VALUES (3, '30');
ALTER TABLE f MODIFY COLUMN s UInt32; -- { serverError CANNOT_PARSE_TEXT }
SELECT count() FROM system.mutations WHERE table = 'f';
SELECT name, type FROM system.columns WHERE table = 'f' ORDER BY position;
SELECT * FROM f ORDER BY k;
SELECT name FROM system.parts WHERE table = 'f' AND active ORDER BY name;
ALTER TABLE f UPDATE s = '20' WHERE k = 2;
ALTER TABLE f MODIFY COLUMN s UInt32;
SELECT name, type FROM system.columns WHERE table = 'f' ORDER BY position;
SELECT k, s, toTypeName(s) FROM f ORDER BY k;
