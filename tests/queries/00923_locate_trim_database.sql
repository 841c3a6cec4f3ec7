SELECT locate('abcb', 'b'), locate('b', 'abcb'), locate('b', 'abcb', 3), position('abcb', 'b');
SELECT trimBoth('xxaxx', 'x'), trimLeft('xxaxx', 'x'), trimRight('xxaxx', 'x'), trim(BOTH 'x' FROM 'xxaxx'), trim(LEADING 'xy' FROM 'xyxa'), trim(TRAILING 'ab' FROM 'cabba');
SELECT trimBoth('  a  '), trim('  b '), trimBoth(toString(number), '1') FROM numbers(10, 3);
SELECT trimBoth('a', 1); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT currentDatabase(), database(), DATABASE();
CREATE DATABASE d2;
USE d2;
SELECT currentDatabase(), count() FROM numbers(3) WHERE currentDatabase() = 'd2';
