SELECT 1 AND 0, 1 OR 0, NOT 1, NOT 0, 1 AND 1 AND 1, 0 OR 0 OR 1, xor(1, 0), xor(1, 1);
SELECT NULL AND 0, NULL AND 1, NULL OR 1, NULL OR 0, NOT NULL;
SELECT and(1, 2, 3), or(0, 0, 5), toTypeName(1 AND 1), toTypeName(NULL AND 1);
SELECT number FROM numbers(10) WHERE number > 2 AND NOT number > 6 OR number = 9;
