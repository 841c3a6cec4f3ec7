CREATE TABLE t (a UInt8, b String DEFAULT 'dflt', c UInt32 DEFAULT a * 2, d Nullable(Int8)) ENGINE = Memory;
INSERT INTO t (a) VALUES (1);
INSERT INTO t (a, b) VALUES (2, 'given');
SELECT * FROM t ORDER BY a;
