SELECT number % 3 AS k, count() FROM numbers(10) GROUP BY ALL ORDER BY k;
SELECT number % 3, number % 2, sum(number) FROM numbers(10) GROUP BY ALL ORDER BY 1, 2;
SELECT count() FROM numbers(10) GROUP BY ALL;
SELECT toString(number % 2) AS s, max(number) + 1 FROM numbers(10) GROUP BY ALL ORDER BY s;
