SELECT x FROM (SELECT y AS x FROM (SELECT number AS y FROM numbers(5) WHERE number IN (SELECT number FROM numbers(4) WHERE number > 1))) ORDER BY x DESC;
SELECT (SELECT (SELECT 42));
SELECT number FROM numbers(10) WHERE number IN (SELECT number FROM numbers(10) WHERE number IN (SELECT number * 3 FROM numbers(3)));
