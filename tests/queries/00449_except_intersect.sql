SELECT number % 3 FROM numbers(10) EXCEPT ALL SELECT 1;
SELECT number % 3 FROM numbers(10) INTERSECT ALL SELECT number FROM numbers(2);
SELECT number % 3 FROM numbers(10) EXCEPT DISTINCT SELECT 1;
SELECT number % 3 FROM numbers(6) INTERSECT DISTINCT SELECT number FROM numbers(2);
SELECT number % 3 FROM numbers(10) EXCEPT ALL SELECT number % 2 FROM numbers(4);
SELECT number % 3 FROM numbers(10) INTERSECT ALL SELECT number % 2 FROM numbers(5);
SELECT number, toString(number) FROM numbers(5) EXCEPT DISTINCT SELECT number * 2, toString(number * 2) FROM numbers(5);
SELECT toUInt8(number) FROM numbers(4) INTERSECT DISTINCT SELECT toInt64(number) - 1 FROM numbers(4);
SELECT count() FROM (SELECT number FROM numbers(100) EXCEPT ALL SELECT number FROM numbers(50));
SELECT 1 EXCEPT ALL SELECT 1, 2; -- { serverError INTERSECT_OR_EXCEPT_RESULT_STRUCTURES_MISMATCH }
