SELECT (1, 2) IN ((1, 2), (3, 4)), (1, 3) IN ((1, 2), (3, 4));
SELECT (number, number + 1) IN ((1, 2), (3, 4)) FROM numbers(5);
SELECT (number, number + 1) IN (SELECT number, number + 1 FROM numbers(3)) FROM numbers(5);
SELECT (1, 'a') IN ((1, 'a'), (2, 'b')), (2, 'a') IN ((1, 'a'), (2, 'b'));
SELECT (1, 2) IN (1, 2);
