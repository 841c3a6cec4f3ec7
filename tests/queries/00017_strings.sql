SELECT length('hello'), lengthUTF8('héllo'), empty(''), notEmpty('a');
SELECT concat('a', 'b', 'c'), substring('hello', 2, 3), lower('ABC'), upper('abc'), reverse('abc');
SELECT repeat('ab', 3), trim('  x  '), position('hello', 'l'), startsWith('hello', 'he'), endsWith('hello', 'lo');
SELECT 'hello' LIKE 'h%o', 'hello' LIKE 'h_', 'Hello' ILIKE 'h%', replaceAll('a.b.c', '.', '-');
SELECT 'a' || 'b', concat('x', 1, 2.5);
