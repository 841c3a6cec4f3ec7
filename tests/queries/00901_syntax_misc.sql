SELEC 1; -- { clientError SYNTAX_ERROR }
SELECT 1 +; -- { clientError SYNTAX_ERROR }
SELECT FROM numbers(1); -- { clientError SYNTAX_ERROR }
SELECT 1 FROM; -- { clientError SYNTAX_ERROR }
SELECT * FROM numbers(1) WHERE; -- { clientError SYNTAX_ERROR }
SELECT 1 2; -- { clientError SYNTAX_ERROR }
SELECT number FROM numbers(3) ORDER; -- { clientError SYNTAX_ERROR }
SELECT number FROM numbers(3) LIMIT; -- { clientError SYNTAX_ERROR }
INSERT INTO; -- { clientError SYNTAX_ERROR }
SELECT 'ok';
