-- Parquet through file() and File: written whole, never appended to.
INSERT INTO FUNCTION file('01005/p.parquet') SELECT 1 AS x;
INSERT INTO FUNCTION file('01005/p.parquet') SELECT 2 AS x; -- { serverError CANNOT_APPEND_TO_FILE }
SET engine_file_allow_create_multiple_files = 1;
INSERT INTO FUNCTION file('01005/p.parquet') SELECT 3 AS x;
SET engine_file_allow_create_multiple_files = 0;
SELECT _file FROM file('01005/*.parquet', 'Parquet', 'x UInt8') ORDER BY _file;
SELECT * FROM file('01005/p.parquet', 'Parquet', 'x UInt8');
DESCRIBE file('01005/p.parquet');
INSERT INTO FUNCTION file('01005/q.parquet') SELECT number AS n, toString(number) AS s, if(number = 1, NULL, number) AS z FROM numbers(3);
DESCRIBE file('01005/q.parquet');
SELECT * FROM file('01005/q.parquet');
CREATE TABLE f_pq (a UInt8) ENGINE = File(Parquet);
INSERT INTO f_pq VALUES (1);
INSERT INTO f_pq VALUES (2); -- { serverError CANNOT_APPEND_TO_FILE }
SELECT * FROM f_pq;
DROP TABLE f_pq;
