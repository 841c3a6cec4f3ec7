SELECT cityHash64('abc'), sipHash64('abc'), intHash32(42), intHash64(42);
SELECT cityHash64(''), sipHash64(''), cityHash64(repeat('x', 100));
