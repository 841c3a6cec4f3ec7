-- A type change whose values do not convert: the mutation fails (UNFINISHED,
-- latest_failed_part / latest_fail_error_code_name), the part is untouched,
-- KILL MUTATION removes it, and a MODIFY back to the old type recovers.
CREATE TABLE f (k UInt32, s String) ENGINE = MergeTree ORDER BY k;
INSERT INTO f VALUES (1, '10'), (2, 'abc');
ALTER TABLE f MODIFY COLUMN s UInt32; -- { serverError UNFINISHED }
SELECT mutation_id, command, is_done, parts_to_do_names, parts_to_do, latest_failed_part, latest_fail_error_code_name FROM system.mutations WHERE table = 'f';
SELECT name, active FROM system.parts WHERE table = 'f' ORDER BY name;
KILL MUTATION WHERE table = 'f' FORMAT TSVWithNames;
KILL MUTATION WHERE table = 'nope' FORMAT TSVWithNames;
SELECT count() FROM system.mutations WHERE table = 'f';
SELECT * FROM f; -- { serverError CANNOT_PARSE_TEXT }
ALTER TABLE f MODIFY COLUMN s String;
SELECT * FROM f ORDER BY k;
ALTER TABLE f UPDATE s = 'x' WHERE k = 1;
SELECT * FROM f ORDER BY k;
SELECT name FROM system.parts WHERE table = 'f' AND active;
SELECT mutation_id, command, is_done FROM system.mutations WHERE table = 'f' ORDER BY mutation_id;
