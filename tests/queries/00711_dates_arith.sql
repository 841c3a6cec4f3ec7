SELECT toDate('2020-01-01') + 1, toDate('2020-01-01') - 1, toDate('2020-03-01') - toDate('2020-02-01'), toDateTime('2020-01-01 00:00:00', 'UTC') + 3600, toDateTime('2020-01-01 00:00:00', 'UTC') - 1;
SELECT toTypeName(toDate('2020-01-01') + 1), toTypeName(toDateTime('2020-01-01 00:00:00', 'UTC') + 1), toDate32('1900-01-01') + 1, toDate('2149-06-06') + 1;
SELECT toDate('2020-01-31') + number FROM numbers(3);
