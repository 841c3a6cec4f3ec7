SELECT toString(123), toString(-1), toString(1.5), toString(toDate('2020-01-01')), toString(toDateTime('2020-01-01 00:00:00', 'UTC')), toString(true), toString(NULL), toString(toDecimal32(1.5, 3));
SELECT toTypeName(1), toTypeName(-1), toTypeName(1.5), toTypeName('a'), toTypeName(NULL), toTypeName(true), toTypeName([1, 2]), toTypeName((1, 'a')), toTypeName(toDate('2020-01-01'));
SELECT toTypeName(now()), toTypeName(today()), toTypeName(toNullable(1)), toTypeName(toFixedString('a', 3)), toTypeName(toDateTime64('2020-01-01', 3));
