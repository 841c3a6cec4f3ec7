SELECT 1;
SELECT 1, 2, 'abc', NULL, 1.5, -1;
SELECT * FROM system.one;
SELECT dummy FROM system.one;
SELECT 1 WHERE 0;
SELECT count() WHERE 1;
