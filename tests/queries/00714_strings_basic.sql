SELECT length('hello'), length(''), lengthUTF8('héllo'), length('héllo'), empty(''), empty('a'), notEmpty(''), notEmpty('a');
SELECT concat('a', 'b', 'c'), concat('a', 1, 1.5), 'a' || 'b', lower('HeLLo'), upper('HeLLo'), reverse('abc'), repeat('ab', 3), repeat('x', 0);
SELECT substring('hello', 2), substring('hello', 2, 3), substring('hello', -3), substring('hello', 0), substring('hello', 10), substr('hello', 1, 1), mid('hello', 2, 2);
SELECT lower('ÀÉ'), upper('àé'), lowerUTF8('ÀÉ'), upperUTF8('àé');
