SELECT 'hello' LIKE 'h%', 'hello' LIKE '%l_o', 'hello' LIKE 'H%', 'hello' ILIKE 'H%', 'hello' NOT LIKE '%z%', 'hello' NOT ILIKE 'HEL%';
SELECT 'a%b' LIKE 'a\\%b', 'axb' LIKE 'a\\%b', 'a_b' LIKE 'a\\_b', '' LIKE '', '' LIKE '%', 'abc' LIKE 'abc', 'abc' LIKE 'ab';
SELECT like('abc', '%b%'), ilike('ABC', '%b%'), notLike('abc', 'a%'), 'line1\nline2' LIKE 'line1%line2';
SELECT number FROM numbers(30) WHERE toString(number) LIKE '1%';
