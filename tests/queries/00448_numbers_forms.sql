SELECT number FROM numbers() LIMIT 3;
SELECT number FROM numbers(3, 4);
SELECT number FROM numbers(1, 10, 3);
SELECT number FROM numbers(2, 3, 5);
SELECT sum(number) FROM numbers(10, 100, 7);
SELECT * FROM numbers(toUInt8(3));
SELECT * FROM numbers(1 + 2);
SELECT number FROM system.numbers LIMIT 2;
SELECT number FROM numbers(1, 2, 0); -- { serverError BAD_ARGUMENTS }
SELECT number FROM numbers('a'); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT number FROM numbers(1, 2, 3, 4); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
SELECT count() FROM (SELECT zero FROM zeros() LIMIT 5);
SELECT zero FROM zeros(1, 2); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
