SELECT DISTINCT x FROM (SELECT if(number % 3 = 0, NULL, number % 2) AS x FROM numbers(10)) ORDER BY x;
SELECT DISTINCT x FROM (SELECT if(number % 3 = 0, NULL, number % 2) AS x FROM numbers(10)) ORDER BY x NULLS FIRST;
