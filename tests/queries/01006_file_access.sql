-- Reference written by hand: clickhouse-local and chDB let file() reach any
-- path, while floe (like clickhouse-server) keeps file() and File inside
-- the data directory's user_files/ (DATABASE_ACCESS_DENIED, message
-- "File `X` is not inside `Y`", checked against ClickHouse's StorageFile.cpp).
-- The values below were checked with chref where ClickHouse has them.
INSERT INTO FUNCTION file('01006/in.csv') SELECT 1, 'a';
SELECT * FROM file('01006/../01006/in.csv');
SELECT * FROM file('./01006//in.csv');
SELECT * FROM file('../x.csv', 'CSV', 'a String'); -- { serverError DATABASE_ACCESS_DENIED }
SELECT * FROM file('01006/../../x.csv', 'CSV', 'a String'); -- { serverError DATABASE_ACCESS_DENIED }
SELECT * FROM file('/etc/passwd', 'CSV', 'a String'); -- { serverError DATABASE_ACCESS_DENIED }
SELECT * FROM file('/etc/*', 'CSV', 'a String'); -- { serverError DATABASE_ACCESS_DENIED }
DESCRIBE file('../x.csv'); -- { serverError DATABASE_ACCESS_DENIED }
INSERT INTO FUNCTION file('../escape.csv') SELECT 1; -- { serverError DATABASE_ACCESS_DENIED }
INSERT INTO FUNCTION file('/tmp/escape.csv') SELECT 1; -- { serverError DATABASE_ACCESS_DENIED }
CREATE TABLE f_out (a UInt8) ENGINE = File(CSV, '../escape.csv'); -- { serverError DATABASE_ACCESS_DENIED }
SELECT 'ok';
