CREATE TABLE t (a UInt8, b String) ENGINE = Memory;
INSERT INTO t FORMAT CSV 1,"x"
;
INSERT INTO t FORMAT CSV 2,"y,z"
;
INSERT INTO t FORMAT TSV 3	w
;
INSERT INTO t FORMAT JSONEachRow {"a": 4, "b": "j"}
;
INSERT INTO t VALUES (6, concat('a', 'b')), (7, toString(1 + 1));
SELECT * FROM t ORDER BY a;
