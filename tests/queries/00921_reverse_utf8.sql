SELECT reverseUTF8('абв'), reverseUTF8('abc'), reverseUTF8(''), reverseUTF8('a€😀b');
SELECT reverseUTF8(toString(number)) FROM numbers(12, 3);
SELECT toTypeName(now64()), toTypeName(now64(6)), length(toString(now64(6)));
