SELECT foo(1); -- { serverError UNKNOWN_FUNCTION }
SELECT number FROM numbers(3) WHERE nosuchfn(number); -- { serverError UNKNOWN_FUNCTION }
SELECT nosuchagg(number) FROM numbers(3); -- { serverError UNKNOWN_FUNCTION }
SELECT toStrin(1); -- { serverError UNKNOWN_FUNCTION }
SELECT 'ok';
