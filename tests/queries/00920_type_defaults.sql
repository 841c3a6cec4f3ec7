-- Values of columns an INSERT leaves out: the type's default, which is not
-- zero for Date32 (1900-01-01) and Enum (its smallest value).
CREATE TABLE t (a UInt8, d Date32, e Enum8('x' = 1, 'y' = 2), e16 Enum16('p' = -5, 'q' = 300), n Nullable(Date32), dt Date, s String) ENGINE = Memory;
INSERT INTO t (a) VALUES (1);
SELECT * FROM t;
SELECT toInt32(d), CAST(e, 'Int8'), CAST(e16, 'Int16') FROM t;
CREATE TABLE m (a UInt8, d Date32, e Enum8('b' = 3, 'a' = 2)) ENGINE = MergeTree ORDER BY a;
INSERT INTO m (a) VALUES (1);
SELECT * FROM m;
