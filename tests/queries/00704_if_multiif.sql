SELECT if(number > 1, 'big', 'small') FROM numbers(3);
SELECT if(1, 2, 3), if(0, 2, 3), if(NULL, 2, 3), toTypeName(if(1, toUInt8(1), toInt8(-1))), toTypeName(if(1, 1, NULL));
SELECT multiIf(number = 0, 'zero', number = 1, 'one', 'many') FROM numbers(4);
SELECT number > 1 ? 'y' : 'n' FROM numbers(3);
SELECT CASE WHEN number = 0 THEN 'a' WHEN number = 1 THEN 'b' ELSE 'c' END FROM numbers(3);
SELECT CASE number WHEN 0 THEN 'a' WHEN 2 THEN 'c' END FROM numbers(3);
SELECT if(number % 2 = 0, number, NULL) FROM numbers(4);
