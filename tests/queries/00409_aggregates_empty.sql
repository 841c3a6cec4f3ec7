SELECT count(), sum(number), min(number), max(number), any(number) FROM numbers(0);
SELECT avg(number) FROM numbers(0);
SELECT uniqExact(number), countIf(number > 1), sumIf(number, number > 1) FROM numbers(0);
SELECT number % 2 AS k, count() FROM numbers(0) GROUP BY k;
SELECT sum(toNullable(number)) FROM numbers(0);
