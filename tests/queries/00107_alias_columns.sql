-- ALIAS columns: computed when read, never stored in parts, hidden from
-- SELECT *, refused as INSERT targets; MATERIALIZED ones are stored.
CREATE TABLE t (a UInt32, b UInt64 ALIAS a * 2, s String ALIAS concat('x', toString(a)), c String MATERIALIZED toString(a)) ENGINE = MergeTree ORDER BY a;
INSERT INTO t VALUES (1), (2);
INSERT INTO t (a) VALUES (3);
SELECT * FROM t ORDER BY a;
SELECT a, b, s, c FROM t ORDER BY a;
SELECT sum(b) FROM t WHERE b > 2;
SELECT s, count() FROM t GROUP BY s ORDER BY s;
DESCRIBE TABLE t;
SELECT name, default_kind, default_expression FROM system.columns WHERE table = 't' ORDER BY position;
OPTIMIZE TABLE t FINAL;
SELECT a, b FROM t ORDER BY a;
INSERT INTO t (a, b) VALUES (4, 5); -- { serverError NO_SUCH_COLUMN_IN_TABLE }
CREATE TABLE m (a UInt32, b UInt64 ALIAS a + 1) ENGINE = Memory;
INSERT INTO m VALUES (7);
SELECT *, b FROM m;
