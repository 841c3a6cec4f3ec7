SELECT countIf(number % 2 = 0), sumIf(number, number % 2 = 0), minIf(number, number > 3), maxIf(number, number < 7) FROM numbers(10);
SELECT number % 3 AS k, countIf(number > 4), sumIf(number, number > 4) FROM numbers(10) GROUP BY k ORDER BY k;
SELECT minIf(number, number > 100), maxIf(number, number > 100), sumIf(number, number > 100), countIf(number > 100) FROM numbers(10);
