SELECT toDate('2020-02-29'), toDate32('1950-05-05'), toDateTime('2020-02-29 23:59:59', 'UTC'), toDateTime64('2020-02-29 23:59:59.999', 3, 'UTC');
SELECT toDate(toDateTime('2020-01-01 23:00:00', 'UTC')), toDateTime(toDate('2020-01-01'), 'UTC'), toDate32(toDate('2020-01-01')), toDateTime64(toDateTime('2020-01-01 00:00:00', 'UTC'), 3, 'UTC');
SELECT toDate(1), toDate32(-1), toDateTime(1600000000, 'UTC'), toDateTime64(1600000000.123, 3, 'UTC');
