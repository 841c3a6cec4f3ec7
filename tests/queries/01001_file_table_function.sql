-- file(): writing and reading files under user_files, formats by extension,
-- globs, virtual columns, given structures, errors.
INSERT INTO FUNCTION file('01001/a.csv') SELECT number, toString(number * 10) FROM numbers(3);
INSERT INTO FUNCTION file('01001/b.csv') SELECT 7, 'seven';
INSERT INTO FUNCTION file('01001/c.tsv') SELECT 8 AS n, 'eight' AS s;
SELECT * FROM file('01001/a.csv');
SELECT * FROM file('01001/*.csv') ORDER BY c1;
SELECT c1, _file FROM file('01001/{a,b}.csv') ORDER BY c1;
SELECT _file, count() FROM file('01001/*.csv') GROUP BY _file ORDER BY _file;
SELECT toTypeName(_size), toTypeName(_time) FROM file('01001/b.csv');
SELECT _size FROM file('01001/b.csv');
SELECT * FROM file('01001/c.tsv');
SELECT s, n FROM file('01001/a.csv', 'CSV', 'n UInt8, s String') WHERE n > 0 ORDER BY n DESC;
SELECT sum(n) FROM file('01001/a.csv', CSV, 'n UInt8, s String');
SELECT s FROM file('01001/?.csv', 'CSV', 'n UInt8, s String') ORDER BY s;
DESCRIBE file('01001/a.csv');
DESCRIBE file('01001/a.csv', 'CSV', 'x Int32, y Nullable(String)');
INSERT INTO FUNCTION file('01001/d.jsonl', 'RawBLOB', 's String') VALUES ('{"id":0,"arr":[0,1],"d":"2024-01-01"}\n{"id":1,"arr":[1,2],"d":"2024-01-02"}\n');
SELECT * FROM file('01001/d.jsonl');
DESCRIBE file('01001/d.jsonl');
SELECT * FROM file('01001/nope.csv', 'CSV', 'a String'); -- { serverError FILE_DOESNT_EXIST }
SELECT * FROM file('01001/nope.csv'); -- { serverError CANNOT_STAT }
SELECT * FROM file('01001/nope*.csv'); -- { serverError CANNOT_EXTRACT_TABLE_STRUCTURE }
SELECT count() FROM file('01001/nope*.csv', 'CSV', 'a String');
SELECT * FROM file('01001/a.csv', 'NoSuchFormat'); -- { serverError UNKNOWN_FORMAT }
SELECT * FROM file('01001/a.csv', 'CSV', 'a UInt8', 'rar'); -- { serverError NOT_IMPLEMENTED }
