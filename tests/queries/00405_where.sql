SELECT number FROM numbers(20) WHERE number % 3 = 0 AND number > 5;
SELECT number FROM numbers(10) WHERE number < 3 OR number > 7;
SELECT number FROM numbers(10) WHERE NOT (number BETWEEN 2 AND 8);
SELECT number FROM numbers(10) WHERE number != 5 AND number <> 6 AND number >= 4 AND number <= 8;
SELECT number FROM numbers(5) WHERE 1;
SELECT number FROM numbers(5) WHERE 0;
SELECT number FROM numbers(5) WHERE NULL;
SELECT number FROM numbers(5) WHERE toNullable(number) > 2;
