SELECT DISTINCT ON (number % 3) number FROM numbers(10);
SELECT DISTINCT ON (number % 2) number, number * 10 FROM numbers(10) ORDER BY number DESC;
