SELECT number % 3 AS k, count(), sum(number), min(number), max(number) FROM numbers(10) GROUP BY k ORDER BY k;
SELECT number % 2 AS k, avg(number) FROM numbers(10) GROUP BY k ORDER BY k;
SELECT count() FROM numbers(10) WHERE number > 100;
SELECT number % 3 AS k, count() AS c FROM numbers(10) GROUP BY k HAVING c > 3 ORDER BY k;
SELECT count(DISTINCT number % 4), uniqExact(number % 5) FROM numbers(100);
SELECT countIf(number > 5), sumIf(number, number > 5) FROM numbers(10);
SELECT number FROM numbers(3) GROUP BY number % 2; -- { serverError NOT_AN_AGGREGATE }
SELECT count() FROM numbers(3) WHERE count() > 1; -- { serverError ILLEGAL_AGGREGATION }
