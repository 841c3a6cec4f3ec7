-- ADD / DROP / CLEAR / MATERIALIZE INDEX, their mutations, and the checks.
CREATE TABLE t (a UInt32, b String, INDEX i a TYPE minmax GRANULARITY 1) ENGINE=MergeTree ORDER BY tuple() SETTINGS index_granularity=2;
INSERT INTO t SELECT number, toString(number) FROM numbers(10);
ALTER TABLE t ADD INDEX i b TYPE set(2); -- { serverError ILLEGAL_COLUMN }
ALTER TABLE t ADD INDEX IF NOT EXISTS i b TYPE set(2);
ALTER TABLE t DROP INDEX j; -- { serverError BAD_ARGUMENTS }
ALTER TABLE t DROP INDEX IF EXISTS j;
ALTER TABLE t CLEAR INDEX j;
ALTER TABLE t MATERIALIZE INDEX j;
SELECT count() FROM t WHERE a = 3 SETTINGS force_data_skipping_indices='j'; -- { serverError INDEX_NOT_USED }
SELECT count() FROM t WHERE b = '3' SETTINGS force_data_skipping_indices='i'; -- { serverError INDEX_NOT_USED }
SELECT count() FROM t WHERE a = 3 SETTINGS force_data_skipping_indices='i', max_rows_to_read=2;
SELECT count() FROM t WHERE a = 3 SETTINGS force_data_skipping_indices=''; -- { serverError CANNOT_PARSE_TEXT }
ALTER TABLE t ADD INDEX k b TYPE set(2) AFTER i;
ALTER TABLE t ADD INDEX k0 b TYPE set(2) FIRST;
ALTER TABLE t ADD INDEX k1 b TYPE set(2) AFTER zz; -- { serverError BAD_ARGUMENTS }
SHOW CREATE TABLE t;


ALTER TABLE t MATERIALIZE INDEX k;
SELECT name FROM system.parts WHERE table='t' and active;
SELECT mutation_id, command, is_done FROM system.mutations WHERE table='t';
ALTER TABLE t CLEAR INDEX k;
ALTER TABLE t DROP INDEX k;
SELECT command FROM system.mutations WHERE table='t';
SELECT name FROM system.parts WHERE table='t' and active;
ALTER TABLE t ADD INDEX x c TYPE minmax; -- { serverError UNKNOWN_IDENTIFIER }
ALTER TABLE t ADD INDEX x a TYPE foo; -- { serverError INCORRECT_QUERY }
ALTER TABLE t ADD INDEX x a TYPE set; -- { serverError INCORRECT_QUERY }
ALTER TABLE t ADD INDEX x a TYPE minmax(1); 
ALTER TABLE t ADD INDEX x a TYPE set(1,2); -- { serverError ILLEGAL_COLUMN }
ALTER TABLE t ADD INDEX y a TYPE minmax GRANULARITY 0; -- { serverError BAD_ARGUMENTS }
SELECT count() FROM t WHERE b = '3' SETTINGS force_data_skipping_indices='k0';
ALTER TABLE t MATERIALIZE INDEX k0;
SELECT count() FROM t WHERE b = '3' SETTINGS force_data_skipping_indices='k0', max_rows_to_read=2;
ALTER TABLE t CLEAR INDEX k0;
SELECT count() FROM t WHERE b = '3' SETTINGS max_rows_to_read=2; -- { serverError TOO_MANY_ROWS }
ALTER TABLE t MATERIALIZE INDEX k0;
SELECT count() FROM t WHERE b = '3' SETTINGS max_rows_to_read=2;
ALTER TABLE t DROP INDEX k0;
SELECT count() FROM t WHERE b = '3' SETTINGS max_rows_to_read=2; -- { serverError TOO_MANY_ROWS }
SELECT name FROM system.parts WHERE table='t' and active;
SHOW CREATE TABLE t;
SELECT name, type, type_full, expr, creation, granularity, data_compressed_bytes > 0, marks_bytes > 0 FROM system.data_skipping_indices WHERE table = 't' ORDER BY name;
