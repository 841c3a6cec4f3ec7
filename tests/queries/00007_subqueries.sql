SELECT x * 2 FROM (SELECT number AS x FROM numbers(3));
SELECT number FROM numbers(10) WHERE number IN (SELECT number * 3 FROM numbers(3));
SELECT (SELECT max(number) FROM numbers(5)) + 1;
WITH 10 AS ten SELECT number + ten FROM numbers(2);
WITH t AS (SELECT number AS n FROM numbers(4)) SELECT sum(n) FROM t;
