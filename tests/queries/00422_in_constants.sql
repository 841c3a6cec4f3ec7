SELECT number IN (1, 3, 5) FROM numbers(6);
SELECT number NOT IN (1, 3, 5) FROM numbers(6);
SELECT 'b' IN ('a', 'b'), 'c' IN ('a', 'b'), 1 IN (1), 2 IN 1;
SELECT NULL IN (1, 2), 1 IN (NULL, 1), toNullable(2) IN (1, 2);
SELECT 1.0 IN (1, 2), 300 IN (44, 300), -1 IN (255);
SELECT toDate('2020-01-01') IN ('2020-01-01', '2021-01-01');
