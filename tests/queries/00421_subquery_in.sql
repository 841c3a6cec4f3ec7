SELECT number FROM numbers(10) WHERE number IN (SELECT number * 2 FROM numbers(5));
SELECT number FROM numbers(10) WHERE number NOT IN (SELECT number * 2 FROM numbers(5));
SELECT number IN (SELECT 3), number IN (SELECT 100) FROM numbers(4);
SELECT 'a' IN (SELECT toString(number) FROM numbers(3)), '1' IN (SELECT toString(number) FROM numbers(3));
SELECT count() FROM numbers(100) WHERE number IN (SELECT number FROM numbers(100) WHERE number % 7 = 0);
