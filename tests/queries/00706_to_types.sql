SELECT toUInt8(300), toInt8(200), toUInt16(-1), toInt32('42'), toUInt64('18446744073709551615'), toFloat32('1.5'), toFloat64('inf');
SELECT toInt64(1.9), toInt64(-1.9), toUInt32(1e9), toString(1.0), toString(toFloat32(0.1)), toString(-0.);
SELECT toDecimal32('1.234', 2), toDecimal64(-1.5, 1), toDecimal128(1, 20), toDate(18000), toDateTime(0, 'UTC'), toUUID('00000000-0000-0000-0000-000000000001');
SELECT toInt32('abc'); -- { serverError CANNOT_PARSE_TEXT }
SELECT toUInt8('1a'); -- { serverError CANNOT_PARSE_TEXT }
