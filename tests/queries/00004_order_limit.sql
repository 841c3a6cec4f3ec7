SELECT number FROM numbers(10) ORDER BY number DESC;
SELECT number FROM numbers(10) ORDER BY number DESC LIMIT 3;
SELECT number FROM numbers(10) ORDER BY number LIMIT 3 OFFSET 2;
SELECT number FROM numbers(10) ORDER BY number LIMIT 2, 3;
SELECT number % 3 AS k, number FROM numbers(9) ORDER BY k, number DESC;
SELECT number FROM numbers(10) ORDER BY number % 4, number;
SELECT number, number % 3 FROM numbers(6) ORDER BY 2, 1 DESC;
