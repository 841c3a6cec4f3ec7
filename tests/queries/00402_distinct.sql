SELECT DISTINCT number % 3 FROM numbers(10) ORDER BY 1;
SELECT DISTINCT number % 2 AS a, number % 3 AS b FROM numbers(12) ORDER BY a, b;
SELECT DISTINCT toString(number % 4) AS s FROM numbers(20) ORDER BY s DESC;
SELECT count() FROM (SELECT DISTINCT number % 7 FROM numbers(1000));
SELECT DISTINCT number % 3 AS k FROM numbers(10) ORDER BY number % 3 DESC;
