SELECT toTypeName(1), toTypeName(256), toTypeName(-1), toTypeName(1.5), toTypeName('a'), toTypeName(NULL), toTypeName(true);
SELECT toTypeName(65536), toTypeName(4294967296), toTypeName(-129), toTypeName(-32769);
SELECT 0.1 + 0.2, 1e20, 1e21, 1 / 3, -0., 1 / 0, -1 / 0, 0 / 0;
SELECT toUInt8(255), toInt8(-128), toUInt64(18446744073709551615), toInt64(-9223372036854775808);
SELECT toFloat32(0.1), toFloat64(0.1), toFloat32(1) / 3;
SELECT true, false, NOT true;
