SELECT 1 = 1, 1 != 2, 1 < 2, 2 <= 2, 3 > 2, 3 >= 4, 1 == 1, 1 <> 1;
SELECT 'a' < 'b', 'abc' = 'abc', 'B' < 'a', '' < 'a';
SELECT toUInt8(200) > toInt8(-1), -1 < toUInt64(1), 1 = 1.0, nan = nan, nan != nan, inf > 1e308;
SELECT NULL = 1, NULL = NULL, toNullable(1) = 1, isNull(NULL = NULL);
SELECT toDate('2020-01-01') < toDate('2020-01-02'), toDate('2020-01-01') = '2020-01-01', toDateTime('2020-01-01 00:00:00', 'UTC') > toDate('2019-12-31');
SELECT equals(1, 1), notEquals(1, 2), less(1, 2), greater(1, 2), lessOrEquals(2, 2), greaterOrEquals(1, 2);
