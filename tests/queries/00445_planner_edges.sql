SELECT (SELECT 1, 2 WHERE 0);
SELECT (SELECT 'a' WHERE 0);
SELECT DISTINCT number % 3 FROM numbers(10) ORDER BY number;
SELECT number % 3 AS k, count() FROM numbers(10) GROUP BY k ORDER BY number; -- { serverError NOT_AN_AGGREGATE }
SELECT count() FROM numbers(10) ORDER BY number; -- { serverError NOT_AN_AGGREGATE }
SELECT number FROM numbers(5) ORDER BY number LIMIT 2 BY number % 2 LIMIT 3 OFFSET 1;
SELECT number FROM numbers(10) LIMIT 2 BY number % 3, number % 2;
SELECT * FROM (SELECT 1 AS a, 2 AS b) ORDER BY a LIMIT 0 BY b;
SELECT number FROM numbers(10) ORDER BY number DESC LIMIT 1 OFFSET 2 BY number % 3;
WITH x AS (SELECT 1 AS a) SELECT * FROM x AS y;
WITH x AS (SELECT 1 AS a) SELECT y.a FROM x AS y;
WITH x AS (SELECT 1 AS a) SELECT x.a FROM x;
SELECT number FROM numbers(3) WHERE number IN (SELECT number FROM numbers(2) WHERE number IN (SELECT 1));
SELECT sum(number) FROM numbers(10) WHERE number IN (SELECT number FROM numbers(10) ORDER BY number DESC LIMIT 3);
SELECT number FROM numbers(20) ORDER BY number DESC LIMIT 3 WITH TIES SETTINGS max_block_size = 2;
SELECT number % 5 AS k FROM numbers(100) ORDER BY k LIMIT 1 WITH TIES SETTINGS max_block_size = 7;
SELECT count() FROM numbers(100) ORDER BY number LIMIT 10 BY number % 7 SETTINGS max_block_size = 3; -- { serverError NOT_AN_AGGREGATE }
SELECT count() FROM (SELECT number FROM numbers(100) ORDER BY number LIMIT 3 BY number % 7 SETTINGS max_block_size = 3);
