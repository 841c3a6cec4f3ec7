CREATE TABLE t (x UInt64) ENGINE = Memory;
INSERT INTO t VALUES (1), (2);
SELECT number IN t, number IN default.t, number NOT IN t FROM numbers(3);
WITH s AS (SELECT 2) SELECT number IN s FROM numbers(3);
SELECT number FROM numbers(5) WHERE number IN t ORDER BY number;
CREATE TABLE pairs (a UInt8, b String) ENGINE = Memory;
INSERT INTO pairs VALUES (1, 'x'), (2, 'y');
SELECT (number, toString(number)) IN pairs, (number, 'x') IN pairs FROM numbers(3);
SELECT number FROM numbers(3) WHERE number IN nosuch; -- { serverError UNKNOWN_IDENTIFIER }
