SELECT (1; -- { clientError SYNTAX_ERROR }
SELECT 1); -- { clientError SYNTAX_ERROR }
SELECT ((1 + 2) * 3; -- { clientError SYNTAX_ERROR }
SELECT f(1, 2; -- { clientError SYNTAX_ERROR }
SELECT [1, 2; -- { clientError SYNTAX_ERROR }
SELECT (1, 2)); -- { clientError SYNTAX_ERROR }
SELECT 'ok';
