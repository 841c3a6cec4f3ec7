SELECT tuple(1, 'a'), (1, 2, 3), toTypeName((1, 'a')), tupleElement((1, 'a'), 2), (1, 'a').1, ((1, 2), 3).1.2;
SELECT tuple(number, toString(number)) FROM numbers(2);
SELECT (1, NULL);
SELECT (1, 'x') FORMAT JSONEachRow;
