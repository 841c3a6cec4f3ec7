SELECT number, toString(number * 2) FROM numbers(10);
