-- A mutation whose values do not convert: it fails (UNFINISHED,
-- latest_failed_part / latest_fail_error_code_name), the part is untouched
-- and the table stays readable, KILL MUTATION removes it.
CREATE TABLE f (k UInt32, s String, n UInt32) ENGINE = MergeTree ORDER BY k;
INSERT INTO f VALUES (1, '10', 0), (2, 'abc', 0);
ALTER TABLE f UPDATE n = toUInt32(s) WHERE 1; -- { serverError UNFINISHED }
SELECT mutation_id, command, is_done, parts_to_do_names, parts_to_do, latest_failed_part, latest_fail_error_code_name FROM system.mutations WHERE table = 'f';
SELECT name, active FROM system.parts WHERE table = 'f' ORDER BY name;
SELECT * FROM f ORDER BY k;
KILL MUTATION WHERE table = 'f' FORMAT TSVWithNames;
KILL MUTATION WHERE table = 'nope' FORMAT TSVWithNames;
SELECT count() FROM system.mutations WHERE table = 'f';
ALTER TABLE f UPDATE s = 'x' WHERE k = 1;
SELECT * FROM f ORDER BY k;
SELECT name FROM system.parts WHERE table = 'f' AND active;
SELECT mutation_id, command, is_done FROM system.mutations WHERE table = 'f' ORDER BY mutation_id;
