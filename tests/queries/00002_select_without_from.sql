SELECT 1;
SELECT 1, 2, 'abc', -1, 1.5, NULL;
SELECT 1 + 1, 2 * 3, 10 / 4, 7 % 3, -(5);
SELECT 'a' AS x, x;
SELECT 1 AS a, a + 1 AS b, b * 2;
