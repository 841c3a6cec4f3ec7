SELECT x FROM numbers(1); -- { serverError UNKNOWN_IDENTIFIER }
SELECT number FROM numbers(3) WHERE y > 1; -- { serverError UNKNOWN_IDENTIFIER }
SELECT number FROM numbers(3) ORDER BY z; -- { serverError UNKNOWN_IDENTIFIER }
SELECT count() FROM numbers(3) GROUP BY w; -- { serverError UNKNOWN_IDENTIFIER }
SELECT t.number FROM numbers(3) AS u; -- { serverError UNKNOWN_IDENTIFIER }
CREATE TABLE t (a UInt8) ENGINE = Memory;
SELECT b FROM t; -- { serverError UNKNOWN_IDENTIFIER }
SELECT sum(b) FROM t; -- { serverError UNKNOWN_IDENTIFIER }
SELECT 'ok';
