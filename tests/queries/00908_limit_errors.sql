SELECT number FROM numbers(3) LIMIT 'a'; -- { serverError INVALID_LIMIT_EXPRESSION }
SELECT number FROM numbers(3) LIMIT number; -- { serverError INVALID_LIMIT_EXPRESSION }
SELECT number FROM numbers(3) LIMIT 1.5; -- { serverError INVALID_LIMIT_EXPRESSION }
SELECT 'ok';
