SELECT number % 3 AS a, number FROM numbers(9) ORDER BY a, number DESC;
SELECT number % 3 AS a, number FROM numbers(9) ORDER BY a DESC, number ASC;
SELECT number FROM numbers(10) ORDER BY number % 4, number;
SELECT toString(number) AS s FROM numbers(12) ORDER BY s;
SELECT number FROM numbers(10) ORDER BY -number LIMIT 3;
SELECT number, number % 2 FROM numbers(6) ORDER BY 2, 1 DESC;
