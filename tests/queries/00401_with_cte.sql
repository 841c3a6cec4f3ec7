WITH t AS (SELECT number AS n FROM numbers(4)) SELECT sum(n) FROM t;
WITH t AS (SELECT number AS n FROM numbers(10)), u AS (SELECT n FROM t WHERE n % 2 = 0) SELECT n FROM u ORDER BY n DESC;
WITH t AS (SELECT number AS n FROM numbers(5)) SELECT n FROM t WHERE n IN (SELECT n FROM t WHERE n > 2) ORDER BY n;
