SELECT CAST(1 AS String), CAST('42' AS UInt8), CAST(3.7 AS Int32), 5::String;
SELECT toUInt8OrZero('x'), toUInt8OrNull('x'), toInt32OrZero('12');
SELECT toDecimal32(1.5, 3), toDecimal64('2.25', 2), CAST(1.25 AS Decimal(10, 1));
SELECT toString(toDate('2020-01-01')), CAST('2020-01-01' AS Date) + 1;
SELECT toUInt8('300'), toUInt8OrNull('300'), toInt32('abc'); -- { serverError CANNOT_PARSE_TEXT }
