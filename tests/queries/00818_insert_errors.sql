CREATE TABLE t (a UInt8, b String) ENGINE = Memory;
INSERT INTO t (nosuch) VALUES (1); -- { serverError NO_SUCH_COLUMN_IN_TABLE }
INSERT INTO nosuch VALUES (1); -- { serverError UNKNOWN_TABLE }
INSERT INTO t VALUES (NULL, 'a');
INSERT INTO t FORMAT NoSuchFormat 1; -- { serverError UNKNOWN_FORMAT }
SELECT count() FROM t;
