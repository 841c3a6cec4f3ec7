-- Several column commands in one ALTER: a bad one (unknown or duplicate name,
-- transitive rename) fails the statement before any of them changes the table.
CREATE TABLE t (k UInt32, s String) ENGINE = MergeTree ORDER BY k;
INSERT INTO t VALUES (1, 'a');
ALTER TABLE t ADD COLUMN x UInt8, DROP COLUMN nope; -- { serverError NOT_FOUND_COLUMN_IN_BLOCK }
ALTER TABLE t ADD COLUMN x UInt8, ADD COLUMN x UInt8; -- { serverError DUPLICATE_COLUMN }
ALTER TABLE t RENAME COLUMN s TO s2, RENAME COLUMN s2 TO s3; -- { serverError NOT_IMPLEMENTED }
ALTER TABLE t ADD COLUMN x UInt8, RENAME COLUMN s TO k; -- { serverError DUPLICATE_COLUMN }
ALTER TABLE t ADD COLUMN x UInt8, MODIFY COLUMN nope String; -- { serverError NOT_FOUND_COLUMN_IN_BLOCK }
ALTER TABLE t ADD COLUMN x UInt8, COMMENT COLUMN nope 'c'; -- { serverError NOT_FOUND_COLUMN_IN_BLOCK }
ALTER TABLE t ADD COLUMN x UInt8, RENAME COLUMN nope TO z; -- { serverError NOT_FOUND_COLUMN_IN_BLOCK }
SELECT name, type FROM system.columns WHERE table = 't' ORDER BY position;
ALTER TABLE t ADD COLUMN y UInt8, MODIFY COLUMN y String, RENAME COLUMN s TO s2, DROP COLUMN IF EXISTS nope, ADD COLUMN IF NOT EXISTS k UInt8;
SELECT name, type FROM system.columns WHERE table = 't' ORDER BY position;
SELECT * FROM t;
