-- Lightweight DELETE FROM: queued as UPDATE _row_exists = 0 WHERE ...; the
-- deleted rows are gone for SELECT (floe removes them in the rewrite where
-- ClickHouse masks them, so system.parts rows are not compared).
CREATE TABLE d (k UInt32, p UInt8, s String) ENGINE = MergeTree PARTITION BY p ORDER BY k;
INSERT INTO d VALUES (1, 1, 'a'), (2, 1, 'b'), (3, 2, 'c'), (4, 2, 'd');
DELETE FROM d WHERE k = 2;
SELECT * FROM d ORDER BY k;
DELETE FROM d IN PARTITION 2 WHERE k > 3;
SELECT * FROM d ORDER BY k;
SELECT name FROM system.parts WHERE table = 'd' AND active ORDER BY name;
SELECT mutation_id, command, is_done FROM system.mutations WHERE table = 'd' ORDER BY mutation_id;
DELETE FROM d WHERE nope = 1; -- { serverError UNKNOWN_IDENTIFIER }
INSERT INTO d VALUES (5, 1, 'e');
DELETE FROM d WHERE s IN ('a', 'e');
SELECT * FROM d ORDER BY k;
SELECT count() FROM d;
