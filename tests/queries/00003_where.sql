SELECT number FROM numbers(10) WHERE number > 5;
SELECT number FROM numbers(10) WHERE number % 2 = 0 AND number < 7;
SELECT number FROM numbers(10) WHERE number IN (1, 3, 5, 100);
SELECT number FROM numbers(10) WHERE number NOT IN (1, 3, 5);
SELECT number FROM numbers(10) WHERE number BETWEEN 2 AND 4;
SELECT number + 1 AS number FROM numbers(3) WHERE number > 1;
SELECT number FROM numbers(10) WHERE 0;
