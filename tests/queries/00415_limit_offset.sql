SELECT number FROM numbers(10) LIMIT 3;
SELECT number FROM numbers(10) LIMIT 3 OFFSET 4;
SELECT number FROM numbers(10) LIMIT 4, 3;
SELECT number FROM numbers(10) ORDER BY number DESC LIMIT 2 OFFSET 1;
SELECT number FROM numbers(10) LIMIT 0;
SELECT number FROM numbers(10) LIMIT 100 OFFSET 8;
SELECT number FROM numbers(10) OFFSET 7;
SELECT number FROM numbers(10) ORDER BY number OFFSET 2 ROWS FETCH FIRST 3 ROWS ONLY;
SELECT number FROM numbers(10) LIMIT 1 + 1;
