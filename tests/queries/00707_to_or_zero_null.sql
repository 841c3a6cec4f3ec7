SELECT toUInt8OrZero('abc'), toUInt8OrZero('12'), toInt32OrZero('-5'), toFloat64OrZero('x'), toDateOrZero('bad'), toDateTimeOrZero('bad');
SELECT toUInt8OrNull('abc'), toUInt8OrNull('12'), toInt32OrNull(''), toFloat64OrNull('1e3'), toDateOrNull('2020-13-01'), toDateOrNull('2020-12-01');
SELECT toTypeName(toUInt8OrNull('1')), toTypeName(toUInt8OrZero('1')), toDecimal32OrNull('1.5', 2), toDecimal32OrZero('x', 2);
