CREATE DATABASE x;
USE x;
CREATE TABLE t (a UInt8) ENGINE = Memory;
SHOW TABLES;
USE default;
SHOW TABLES FROM x;
USE nosuch; -- { serverError UNKNOWN_DATABASE }
SET max_block_size = 3;
SELECT number FROM numbers(5);
SET union_default_mode = 'ALL';
SELECT 1 UNION SELECT 1;
SET no_such_setting = 1; -- { serverError UNKNOWN_SETTING }
SET max_block_size = 'abc'; -- { serverError CANNOT_PARSE_INPUT_ASSERTION_FAILED }
