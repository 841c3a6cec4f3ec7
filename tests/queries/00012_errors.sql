SELECT foo(1); -- { serverError UNKNOWN_FUNCTION }
SELECT x FROM numbers(1); -- { serverError UNKNOWN_IDENTIFIER }
SELECT * FROM nosuch; -- { serverError UNKNOWN_TABLE }
SELECT * FROM nodb.t; -- { serverError UNKNOWN_DATABASE }
SELECT (1; -- { clientError SYNTAX_ERROR }
SELECT 1 +; -- { clientError SYNTAX_ERROR }
SELEC 1; -- { clientError SYNTAX_ERROR }
SET no_such_setting = 1; -- { serverError UNKNOWN_SETTING }
SELECT 1 FORMAT NoSuchFormat; -- { serverError UNKNOWN_FORMAT }
SELECT 'ok';
