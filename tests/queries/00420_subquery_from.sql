SELECT * FROM (SELECT number AS n, n * 2 AS d FROM numbers(5)) WHERE n > 1 ORDER BY d DESC;
SELECT n FROM (SELECT number AS n FROM (SELECT number FROM numbers(10)) WHERE number > 5) ORDER BY n;
SELECT sum(c) FROM (SELECT number % 3 AS k, count() AS c FROM numbers(10) GROUP BY k);
SELECT t.n FROM (SELECT number AS n FROM numbers(3)) AS t ORDER BY t.n;
SELECT count() FROM (SELECT 1);
