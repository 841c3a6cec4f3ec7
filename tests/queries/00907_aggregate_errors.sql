SELECT number FROM numbers(3) GROUP BY number % 2; -- { serverError NOT_AN_AGGREGATE }
SELECT number, count() FROM numbers(3); -- { serverError NOT_AN_AGGREGATE }
SELECT count() FROM numbers(3) WHERE count() > 1; -- { serverError ILLEGAL_AGGREGATION }
SELECT sum(count()) FROM numbers(3); -- { serverError ILLEGAL_AGGREGATION }
SELECT count() FROM numbers(3) GROUP BY count(); -- { serverError ILLEGAL_AGGREGATION }
SELECT 'ok';
