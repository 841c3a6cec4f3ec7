SELECT count(), sum(number), min(number), max(number), avg(number), any(number) FROM numbers(10);
SELECT uniqExact(number % 3), countIf(number > 5), sumIf(number, number > 5), minIf(number, number > 5), maxIf(number, number < 5) FROM numbers(10);
SELECT sum(toInt8(number)), toTypeName(sum(toInt8(number))), sum(toFloat32(number)), toTypeName(sum(toFloat32(number))) FROM numbers(10);
SELECT sum(toDecimal32(number, 2)), toTypeName(sum(toDecimal32(number, 2))), avg(toDecimal32(number, 2)) FROM numbers(10);
SELECT min(toString(number)), max(toString(number)) FROM numbers(12);
SELECT min(toDate('2020-01-01') + number), max(toDateTime('2020-01-01 00:00:00', 'UTC') + number) FROM numbers(5);
SELECT count(*), count(number), count(NULL) FROM numbers(5);
