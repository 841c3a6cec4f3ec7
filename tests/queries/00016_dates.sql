SELECT toDate('2020-01-05'), toDate32('1950-06-01'), toDateTime('2020-01-05 10:11:12', 'UTC');
SELECT toYear(toDate('2020-01-05')), toMonth(toDate('2020-01-05')), toDayOfMonth(toDate('2020-01-05'));
SELECT toYYYYMM(toDate('2020-01-05')), toYYYYMMDD(toDate('2020-01-05')), toMonday(toDate('2020-01-05'));
SELECT toStartOfMonth(toDate('2020-02-15')), toDate('2020-01-05') + 30, toDate('2020-03-01') - 1;
SELECT toDateTime64('2020-01-05 10:11:12.345', 3, 'UTC'), toUnixTimestamp(toDateTime('2020-01-01 00:00:00', 'UTC'));
SELECT formatDateTime(toDateTime('2020-01-05 10:11:12', 'UTC'), '%Y/%m/%d %H:%i:%S');
SELECT toDateTime('2020-01-05 10:11:12', 'Asia/Tokyo'), toStartOfDay(toDateTime('2020-01-05 10:11:12', 'UTC'));
