SELECT (1, 2) = (1, 2), (1, 2) < (1, 3), (2, 'a') > (1, 'z'), (1, 'b') <= (1, 'a'), (1, 2) != (1, 2), (1, 2.5) >= (1, 2);
SELECT number, (number % 3, number) < (1, 5) FROM numbers(8);
SELECT count() FROM numbers(100) WHERE (intDiv(number, 10), number % 10) = (3, 4);
SELECT ((1, 2), 'x') = ((1, 2), 'x');
SELECT (1, 2) = (1, 2, 3); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
