CREATE TABLE t (a UInt32, b UInt32 DEFAULT a * 2, c String MATERIALIZED toString(a + b), d String DEFAULT 'none') ENGINE = Memory;
INSERT INTO t (a) VALUES (1), (2);
INSERT INTO t (a, b, d) VALUES (3, 4, 'x');
SELECT a, b, c, d FROM t ORDER BY a;
SELECT * FROM t ORDER BY a;
INSERT INTO t (a, c) VALUES (1, 'x'); -- { serverError ILLEGAL_COLUMN }
