SELECT count(), sum(number) FROM numbers(100000000);
SELECT number FROM numbers(1000000000) LIMIT 3;
SELECT max(number) FROM numbers(10000000);
