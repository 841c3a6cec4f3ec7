SELECT 1 + 'a'; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT length(1); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT toYear('abc'); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT upper(1); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT sum('a'); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT abs('a'); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT if(1, 2); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
SELECT repeat('a', 'b'); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT 'a' LIKE 1; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT 'ok';
