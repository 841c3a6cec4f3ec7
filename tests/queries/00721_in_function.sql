SELECT in(1, (1, 2)), notIn(1, (1, 2)), 3 IN (1, 2), 3 NOT IN (1, 2);
SELECT number, number IN (0, 2, 4) AS even FROM numbers(5);
SELECT toNullable(1) IN (1, 2), toTypeName(toNullable(1) IN (1, 2)), NULL NOT IN (1, 2);
