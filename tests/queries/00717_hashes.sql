SELECT cityHash64('hello'), cityHash64(''), cityHash64(1), cityHash64('a', 'b'), cityHash64(toUInt8(1)), cityHash64(1.5);
SELECT sipHash64('hello'), sipHash64(''), sipHash64(1), sipHash64('a', 'b');
SELECT intHash32(0), intHash32(1), intHash32(18446744073709551615), intHash64(0), intHash64(1), intHash64(18446744073709551615);
SELECT cityHash64(number), sipHash64(toString(number)), intHash32(number), intHash64(number) FROM numbers(3);
SELECT cityHash64(toDate('2020-01-01')), cityHash64(NULL), cityHash64(toNullable('a')), cityHash64(-1);
