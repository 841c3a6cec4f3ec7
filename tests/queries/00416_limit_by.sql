SELECT number % 3 AS k, number FROM numbers(10) ORDER BY k, number LIMIT 2 BY k;
SELECT number % 3 AS k, number FROM numbers(10) ORDER BY k, number LIMIT 1 OFFSET 1 BY k;
SELECT number % 3 AS k, number FROM numbers(10) ORDER BY k, number DESC LIMIT 2 BY k LIMIT 3;
SELECT number % 2 AS a, number % 3 AS b, number FROM numbers(20) ORDER BY a, b, number LIMIT 1 BY a, b;
SELECT number FROM numbers(10) ORDER BY number LIMIT 2 BY number % 4;
