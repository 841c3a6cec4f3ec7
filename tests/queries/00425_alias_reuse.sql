SELECT number AS a, a + 1 AS b, b * 2 FROM numbers(3);
SELECT number + 1 AS number FROM numbers(3);
SELECT 1 AS x, x + x AS y, y * y;
SELECT number AS n FROM numbers(10) WHERE n % 2 = 0 ORDER BY n DESC LIMIT 2;
SELECT number % 3 AS k, count() AS c, c * 10 AS c10 FROM numbers(10) GROUP BY k ORDER BY c10, k;
SELECT b, a + 1 AS b FROM (SELECT 1 AS a);
