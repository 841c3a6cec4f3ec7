SELECT reverseUTF8('абв'), reverseUTF8('abc'), reverseUTF8(''), reverseUTF8('a€😀b');
SELECT reverseUTF8(toString(number)) FROM numbers(12, 3);
SELECT toTypeName(now64()), toTypeName(now64(6)), length(toString(now64(6)));
-- now64 carries the fraction of the second; string literals keep NUL bytes
SELECT toUnixTimestamp64Micro(now64(6)) % 1000000 != 0;
SELECT length('a\0b'), length('\0'), 'a\0b' = concat('a', '\0', 'b');
