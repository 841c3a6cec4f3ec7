CREATE TABLE t (a Int32, b String, c Nullable(Float64)) ENGINE = Memory;
INSERT INTO t VALUES (1, 'a', 1.5);
INSERT INTO t VALUES (2, 'b', NULL), (3, 'c\'d', -0.5);
INSERT INTO t (a, b) VALUES (4, 'e');
INSERT INTO t (b, a) VALUES ('f', 5);
INSERT INTO t VALUES (1 + 5, concat('g', 'h'), 2 * 3);
INSERT INTO t VALUES (-7, '', inf), (8, 'x', nan);
SELECT * FROM t ORDER BY a;
