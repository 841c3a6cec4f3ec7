SELECT count(), sum(c) FROM (SELECT number % 10000 AS k, count() AS c FROM numbers(100000) GROUP BY k);
SELECT k, c FROM (SELECT number % 1000 AS k, count() AS c FROM numbers(100000) GROUP BY k) ORDER BY k DESC LIMIT 3;
SELECT count() FROM (SELECT DISTINCT number % 5000 FROM numbers(100000));
