SELECT if(number > 1, 'big', 'small') FROM numbers(3);
SELECT multiIf(number = 0, 'zero', number = 1, 'one', 'many') FROM numbers(3);
SELECT CASE WHEN number = 0 THEN 'z' ELSE 'nz' END FROM numbers(2);
SELECT isNull(NULL), isNotNull(1), coalesce(NULL, 2), ifNull(NULL, 3), nullIf(1, 1), toNullable(5);
SELECT 1 + NULL, NULL AND 0, NULL OR 1;
SELECT toTypeName(toNullable(1) + 1), toTypeName(if(number > 0, 1, -1)) FROM numbers(1);
