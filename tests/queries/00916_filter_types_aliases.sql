SELECT 1 AS a, 2 AS a; -- { serverError MULTIPLE_EXPRESSIONS_FOR_ALIAS }
SELECT 1 AS a, 1 AS a;
SELECT number AS n, number AS n FROM numbers(2);
SELECT number FROM numbers(3) WHERE 'a'; -- { serverError ILLEGAL_TYPE_OF_COLUMN_FOR_FILTER }
SELECT number FROM numbers(3) WHERE toString(number); -- { serverError ILLEGAL_TYPE_OF_COLUMN_FOR_FILTER }
SELECT number FROM numbers(3) WHERE toDate(number); -- { serverError ILLEGAL_TYPE_OF_COLUMN_FOR_FILTER }
SELECT number FROM numbers(3) WHERE toDecimal32(number, 2); -- { serverError ILLEGAL_TYPE_OF_COLUMN_FOR_FILTER }
SELECT number FROM numbers(3) HAVING 'a'; -- { serverError ILLEGAL_TYPE_OF_COLUMN_FOR_FILTER }
SELECT number % 2 AS k FROM numbers(3) GROUP BY k HAVING toString(k); -- { serverError ILLEGAL_TYPE_OF_COLUMN_FOR_FILTER }
SELECT number FROM numbers(3) WHERE toNullable(number);
SELECT number FROM numbers(3) WHERE 1.5;
SELECT number FROM numbers(4) WHERE number - 1.;
SELECT number FROM numbers(3) WHERE -0.;
SELECT number FROM numbers(3) WHERE nan;
SELECT number FROM numbers(3) WHERE toFloat32(number) - 1;
SELECT number FROM numbers(3) WHERE NULL;
SELECT number FROM numbers(3) WHERE number > 0 = 1;
SELECT number FROM numbers(3) WHERE toBool(number);
