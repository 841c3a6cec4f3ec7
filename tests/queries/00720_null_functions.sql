SELECT isNull(NULL), isNull(1), isNotNull(NULL), isNotNull(1), NULL IS NULL, 1 IS NOT NULL;
SELECT coalesce(NULL, 1, 2), coalesce(NULL, NULL), coalesce(toNullable(3), 1), ifNull(NULL, 5), ifNull(1, 5), nullIf(1, 1), nullIf(1, 2), toNullable(5);
SELECT toTypeName(coalesce(NULL, 1)), toTypeName(ifNull(toNullable(1), 2)), toTypeName(nullIf(1, 1)), toTypeName(toNullable(5)), toTypeName(toNullable(NULL));
SELECT coalesce(x, 0), ifNull(x, 7), isNull(x) FROM (SELECT if(number % 2 = 0, NULL, number) AS x FROM numbers(4));
SELECT assumeNotNull(toNullable(1)), toTypeName(assumeNotNull(toNullable(1)));
