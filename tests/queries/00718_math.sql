SELECT abs(-5), abs(5), abs(-1.5), abs(toInt8(-128)), toTypeName(abs(toInt8(-1)));
SELECT round(1.5), round(2.5), round(-1.5), round(1.2345, 2), round(1234.5, -2), round(toDecimal32(1.25, 2), 1), round(5);
SELECT greatest(1, 2, 3), least(1, 2, 3), greatest(1.5, 2), least('a', 'b'), greatest(toDate('2020-01-01'), toDate('2021-01-01')), toTypeName(greatest(toUInt8(1), toInt16(2)));
SELECT intDiv(10, 3), intDiv(-10, 3), modulo(10, 3), modulo(-10, 3), 10 % 3.5, intDiv(10.5, 3);
