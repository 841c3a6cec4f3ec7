SELECT 1 FORMAT NoSuchFormat; -- { serverError UNKNOWN_FORMAT }
SET no_such_setting = 1; -- { serverError UNKNOWN_SETTING }
SELECT 1 SETTINGS no_such_setting = 1; -- { serverError UNKNOWN_SETTING }
SELECT 1 SETTINGS max_block_size = 'x'; -- { serverError CANNOT_PARSE_INPUT_ASSERTION_FAILED }
SELECT 'ok';
