SELECT x, count() FROM (SELECT if(number % 4 = 0, NULL, number % 3) AS x FROM numbers(20)) GROUP BY x ORDER BY x;
SELECT x, count() FROM (SELECT if(number % 4 = 0, NULL, number % 3) AS x FROM numbers(20)) GROUP BY x ORDER BY x NULLS FIRST;
SELECT sum(x), count(x), count(), avg(x) FROM (SELECT if(number % 4 = 0, NULL, number) AS x FROM numbers(20));
