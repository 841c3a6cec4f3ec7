-- ENGINE = File(format [, path]): appending inserts, TRUNCATE, Parquet's
-- single write, a file under user_files, argument errors.
CREATE TABLE f_csv (a UInt8, s String) ENGINE = File(CSV);
SELECT count() FROM f_csv; -- { serverError FILE_DOESNT_EXIST }
TRUNCATE TABLE f_csv;
INSERT INTO f_csv VALUES (1, 'x');
INSERT INTO f_csv VALUES (2, 'y'), (3, 'z');
SELECT * FROM f_csv ORDER BY a;
TRUNCATE TABLE f_csv;
SELECT count() FROM f_csv;
INSERT INTO f_csv VALUES (4, 'w');
SELECT * FROM f_csv;
SELECT a, _file, _size FROM f_csv;
CREATE TABLE f_names (a UInt8) ENGINE = File(CSVWithNames);
INSERT INTO f_names VALUES (1);
INSERT INTO f_names VALUES (2);
SELECT * FROM f_names ORDER BY a;
CREATE TABLE f_path (a UInt8) ENGINE = File('TSV', '01003/q.tsv');
INSERT INTO f_path VALUES (5);
INSERT INTO f_path VALUES (6);
SELECT * FROM f_path ORDER BY a;
SELECT _file, count() FROM f_path GROUP BY _file;
SELECT * FROM file('01003/q.tsv', 'TSV', 'a UInt8') ORDER BY a;
DROP TABLE f_path;
SELECT * FROM file('01003/q.tsv', 'TSV', 'a UInt8') ORDER BY a;
CREATE TABLE f_bad (a UInt8) ENGINE = File(NoSuchFormat); -- { serverError UNKNOWN_FORMAT }
CREATE TABLE f_bad (a UInt8) ENGINE = File(); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
DROP TABLE f_csv;
DROP TABLE f_names;
