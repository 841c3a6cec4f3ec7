SELECT number % 5 AS k, count() AS c FROM numbers(23) GROUP BY k HAVING c > 4 ORDER BY k;
SELECT number % 5 AS k, sum(number) FROM numbers(23) GROUP BY k HAVING sum(number) > 45 ORDER BY k;
SELECT number % 5 AS k FROM numbers(23) GROUP BY k HAVING k IN (1, 3) ORDER BY k;
SELECT count() FROM numbers(10) HAVING count() > 5;
SELECT count() FROM numbers(10) HAVING count() > 50;
SELECT number FROM numbers(5) HAVING number > 2;
