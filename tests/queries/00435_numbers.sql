SELECT number FROM numbers(5);
SELECT number FROM numbers(5, 3);
SELECT count(), sum(number) FROM numbers(1000000);
SELECT count() FROM numbers(0);
SELECT toTypeName(number) FROM numbers(1);
SELECT * FROM numbers(2);
SELECT number FROM numbers(10) WHERE number > 7;
