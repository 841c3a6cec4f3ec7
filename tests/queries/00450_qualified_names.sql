SELECT a.number, b.number FROM numbers(3) AS a INNER JOIN numbers(2) AS b ON a.number = b.number FORMAT TSVWithNames;
SELECT a.number FROM numbers(1) AS a FORMAT TSVWithNames;
CREATE TABLE t (x UInt8) ENGINE = Memory;
INSERT INTO t VALUES (1);
SELECT t.x, default.t.x FROM t FORMAT TSVWithNames;
SELECT b.number FROM numbers(1) AS a, numbers(1) AS b FORMAT TSVWithNames;
SELECT b.number, a.number FROM numbers(1) AS a, numbers(1) AS b FORMAT TSVWithNames;
SELECT y.a FROM (SELECT 1 AS a) AS y FORMAT TSVWithNames;
SELECT t.x AS renamed FROM t FORMAT TSVWithNames;
SELECT numbers.number FROM numbers(1); -- { serverError UNKNOWN_IDENTIFIER }
