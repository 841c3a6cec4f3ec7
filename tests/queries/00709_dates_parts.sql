SELECT toYear(d), toMonth(d), toDayOfMonth(d), toYYYYMM(d), toYYYYMMDD(d), toMonday(d), toStartOfMonth(d) FROM (SELECT toDate('2021-03-17') AS d);
SELECT toYear(t), toMonth(t), toDayOfMonth(t), toStartOfDay(t), toStartOfHour(t), toUnixTimestamp(t), toYYYYMM(t) FROM (SELECT toDateTime('2021-03-17 13:45:12', 'UTC') AS t);
SELECT toMonday(toDate('2021-01-03')), toMonday(toDate('2021-01-04')), toStartOfMonth(toDate('2020-02-29')), toYYYYMMDD(toDate('1970-01-01'));
SELECT toStartOfHour(toDateTime('2021-03-28 02:30:00', 'Europe/Berlin')), toStartOfDay(toDateTime('2021-06-01 23:59:59', 'Asia/Tokyo')), toUnixTimestamp(toDateTime('2021-06-01 00:00:00', 'Asia/Tokyo'));
