SELECT count(DISTINCT number % 3) FROM numbers(10);
SELECT count(DISTINCT number % 3, number % 2) FROM numbers(10);
SELECT countDistinct(number % 4) FROM numbers(10);
SELECT number % 2 AS k, count(DISTINCT number % 5) FROM numbers(20) GROUP BY k ORDER BY k;
SELECT count(DISTINCT x) FROM (SELECT if(number % 2 = 0, NULL, number % 3) AS x FROM numbers(10));
SELECT count(DISTINCT toString(number % 3)) FROM numbers(10);
SELECT uniqExact(number % 3, number % 2) FROM numbers(10);
