SELECT toTypeName(toUInt8(1) + toUInt8(1)), toTypeName(toInt8(1) + toUInt8(1)), toTypeName(toInt32(1) + toUInt32(1)), toTypeName(toUInt64(1) + toInt64(1)), toTypeName(1 / 2), toTypeName(toFloat32(1) + 1);
SELECT toTypeName(toUInt8(1) * toUInt16(1)), toTypeName(toInt16(1) - toInt16(1)), toTypeName(toUInt32(1) - toUInt32(1)), toTypeName(toFloat32(1) * toFloat32(2));
SELECT 255 + 1, toUInt8(255) + toUInt8(1), toInt8(127) + toInt8(1), toUInt64(18446744073709551615) + 1, 0 - toUInt8(1);
