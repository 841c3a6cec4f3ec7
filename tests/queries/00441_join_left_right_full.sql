SELECT * FROM numbers(3) AS a LEFT JOIN numbers(2) AS b USING number;
SELECT * FROM (SELECT number AS x, 'l' AS s FROM numbers(3)) AS a LEFT JOIN (SELECT number AS y, 'r' AS s FROM numbers(2)) AS b ON a.x = b.y ORDER BY x;
SELECT x, y, s FROM (SELECT number AS x FROM numbers(3)) AS a LEFT JOIN (SELECT number AS y, 'r' AS s, toNullable(1) AS n FROM numbers(2)) AS b ON a.x = b.y ORDER BY x;
SELECT * FROM numbers(3) AS a RIGHT JOIN (SELECT number + 1 AS number FROM numbers(3)) AS b USING number ORDER BY number;
SELECT * FROM (SELECT number AS k, number * 10 AS v FROM numbers(4)) AS a FULL JOIN (SELECT number + 2 AS k2, 'x' AS w FROM numbers(4)) AS b ON a.k = b.k2 ORDER BY k, k2;
