SELECT * FROM numbers(3) AS a JOIN numbers(2) AS b ON a.number = b.number;
SELECT number FROM numbers(3) AS a JOIN numbers(2) AS b ON a.number = b.number;
SELECT a.number, b.number FROM numbers(3) AS a INNER JOIN numbers(2) AS b ON a.number = b.number;
SELECT * FROM (SELECT number AS x FROM numbers(4)) t1 JOIN (SELECT number AS x FROM numbers(4)) t2 ON t1.x = t2.x AND t1.x > 1;
SELECT * FROM numbers(3) AS a JOIN numbers(3) AS b ON a.number = b.number + 1 ORDER BY a.number;
SELECT count() FROM numbers(1000) AS a JOIN numbers(1000) AS b ON a.number = b.number;
SELECT a.k, count(), sum(b.v) FROM (SELECT number % 3 AS k FROM numbers(9)) AS a JOIN (SELECT number % 3 AS k, number AS v FROM numbers(6)) AS b ON a.k = b.k GROUP BY a.k ORDER BY a.k;
