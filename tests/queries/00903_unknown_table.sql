SELECT * FROM nosuch; -- { serverError UNKNOWN_TABLE }
SELECT * FROM default.nosuch; -- { serverError UNKNOWN_TABLE }
SELECT * FROM nodb.t; -- { serverError UNKNOWN_DATABASE }
INSERT INTO nosuch VALUES (1); -- { serverError UNKNOWN_TABLE }
DROP TABLE nosuch; -- { serverError UNKNOWN_TABLE }
TRUNCATE TABLE nosuch; -- { serverError UNKNOWN_TABLE }
RENAME TABLE nosuch TO x; -- { serverError UNKNOWN_TABLE }
SELECT number FROM numbers(3) WHERE number IN (SELECT x FROM nosuch); -- { serverError UNKNOWN_TABLE }
SELECT * FROM nosuchfunction(1); -- { serverError UNKNOWN_FUNCTION }
SELECT 'ok';
