SELECT (SELECT 1);
SELECT (SELECT max(number) FROM numbers(10)) + 1;
SELECT number FROM numbers(10) WHERE number > (SELECT avg(number) FROM numbers(10));
SELECT (SELECT 1, 2);
SELECT (SELECT max(number), min(number) FROM numbers(10));
SELECT (SELECT number FROM numbers(0));
SELECT (SELECT number FROM numbers(2)); -- { serverError INCORRECT_RESULT_OF_SCALAR_SUBQUERY }
