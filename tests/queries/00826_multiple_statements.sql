SELECT 1; SELECT 2;
SELECT 'a';SELECT 'b'
;
SELECT 3 -- comment
;
/* block comment */ SELECT 4;
