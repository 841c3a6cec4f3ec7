WITH 5 AS five SELECT number + five FROM numbers(3);
WITH 'abc' AS s, length(s) AS l SELECT s, l, l * 2;
WITH number * 2 AS d SELECT d, d + 1 FROM numbers(4) WHERE d > 2;
WITH (SELECT max(number) FROM numbers(10)) AS m SELECT m, m + 1;
