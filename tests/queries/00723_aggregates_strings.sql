SELECT any(s), min(s), max(s), uniqExact(s), count(DISTINCT s) FROM (SELECT toString(number % 4) AS s FROM numbers(10));
SELECT min(d), max(d), any(d) FROM (SELECT toDate('2020-01-01') + number AS d FROM numbers(10));
SELECT avg(x), sum(x), min(x), max(x) FROM (SELECT toFloat64(number) / 4 AS x FROM numbers(10));
SELECT avg(toInt64(-1)), sum(toInt64(-5)), max(-1), min(-1.5) FROM numbers(3);
