SELECT number, toString(number * 2) FROM numbers(10);
SELECT count(), sum(number) FROM numbers(1000000);
SELECT number FROM numbers(5, 3);
SELECT number FROM numbers(0, 10, 3);
SELECT zero FROM zeros(2);
