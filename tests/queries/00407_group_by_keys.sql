SELECT number % 3 AS k, count() FROM numbers(10) GROUP BY k ORDER BY k;
SELECT number % 2 AS a, number % 3 AS b, count(), sum(number) FROM numbers(12) GROUP BY a, b ORDER BY a, b;
SELECT toString(number % 3) AS s, max(number) FROM numbers(10) GROUP BY s ORDER BY s;
SELECT number % 4, count() FROM numbers(10) GROUP BY number % 4 ORDER BY number % 4;
SELECT number % 3, count() FROM numbers(10) GROUP BY 1 ORDER BY 1 DESC;
