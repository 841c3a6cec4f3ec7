SELECT toTypeName(count()), toTypeName(sum(number)), toTypeName(avg(number)), toTypeName(min(number)), toTypeName(uniqExact(number)) FROM numbers(3);
SELECT toTypeName(sum(toInt32(number))), toTypeName(sum(toUInt16(number))), toTypeName(sum(toFloat64(number))) FROM numbers(3);
SELECT toTypeName(sum(toNullable(number))), toTypeName(min(toNullable(number))), toTypeName(count(toNullable(number))) FROM numbers(3);
