SELECT number * 2 AS x FROM numbers(10) WHERE x > 10;
SELECT number AS n, n * n AS sq FROM numbers(6) WHERE sq BETWEEN 4 AND 20;
SELECT toString(number) AS s FROM numbers(12) WHERE length(s) = 2;
