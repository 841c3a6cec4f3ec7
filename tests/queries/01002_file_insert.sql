-- INSERT INTO FUNCTION file(): appending, formats that cannot append,
-- engine_file_truncate_on_insert, engine_file_allow_create_multiple_files,
-- casts to the given structure, column lists, compression.
INSERT INTO FUNCTION file('01002/a.csv', 'CSV', 'a UInt8, b String') VALUES (1, 'a');
INSERT INTO FUNCTION file('01002/a.csv') VALUES (2, 'b');
INSERT INTO FUNCTION file('01002/a.csv', 'CSV', 'a UInt8, b String') SELECT 300, 5;
INSERT INTO FUNCTION file('01002/a.csv', 'CSV', 'a UInt8, b String') SELECT 3; -- { serverError NUMBER_OF_COLUMNS_DOESNT_MATCH }
SELECT * FROM file('01002/a.csv', 'CSV', 'a UInt8, b String');
INSERT INTO FUNCTION file('01002/h.csv', 'CSVWithNames') SELECT 1 AS x, 'p' AS y;
INSERT INTO FUNCTION file('01002/h.csv', 'CSVWithNames') SELECT 2 AS x, 'q' AS y;
SELECT * FROM file('01002/h.csv', 'CSVWithNames');
SELECT * FROM file('01002/h.csv', 'TSV', 'line String');
SET engine_file_truncate_on_insert = 1;
INSERT INTO FUNCTION file('01002/a.csv') SELECT 9, 'z';
SET engine_file_truncate_on_insert = 0;
SELECT * FROM file('01002/a.csv');
INSERT INTO FUNCTION file('01002/z.csv.gz') SELECT number FROM numbers(3);
INSERT INTO FUNCTION file('01002/z.csv.gz') SELECT 100;
SELECT * FROM file('01002/z.csv.gz');
INSERT INTO FUNCTION file('01002/z.tsv', 'TSV', 'n UInt64', 'zstd') SELECT number FROM numbers(2);
SELECT * FROM file('01002/z.tsv', 'TSV', 'n UInt64', 'zstd');
INSERT INTO FUNCTION file('01002/new.csv') VALUES (1); -- { serverError CANNOT_STAT }
