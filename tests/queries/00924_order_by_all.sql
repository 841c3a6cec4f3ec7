-- ORDER BY ALL sorts by every SELECT expression (it crashed: the parser's item has no expression).
SELECT number, number % 3 AS b FROM numbers(5) ORDER BY all;
SELECT number % 3 AS b, number FROM numbers(5) ORDER BY ALL DESC;
SELECT number % 2, count() FROM numbers(10) GROUP BY ALL ORDER BY ALL;
SELECT toNullable(if(number = 2, NULL, number)) AS x FROM numbers(4) ORDER BY ALL NULLS FIRST;
SELECT * FROM (SELECT 2 AS a, 'x' AS s UNION ALL SELECT 1, 'y') ORDER BY ALL;
