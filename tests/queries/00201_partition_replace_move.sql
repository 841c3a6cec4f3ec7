-- ATTACH PARTITION ... FROM, REPLACE PARTITION ... FROM, MOVE PARTITION ... TO TABLE
CREATE TABLE src (d Date, id UInt64, s String) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id;
CREATE TABLE dst (d Date, id UInt64, s String) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id;
SYSTEM STOP MERGES src;
SYSTEM STOP MERGES dst;
INSERT INTO src VALUES ('2020-01-05', 1, 'a');
INSERT INTO src VALUES ('2020-01-06', 2, 'b');
INSERT INTO src VALUES ('2020-02-06', 3, 'c');
INSERT INTO dst VALUES ('2020-01-07', 10, 'x');
INSERT INTO dst VALUES ('2020-03-07', 11, 'y');
ALTER TABLE dst ATTACH PARTITION 202001 FROM src;
SELECT 'attach from', name FROM system.parts WHERE table = 'dst' AND active ORDER BY name;
SELECT 'src kept', name FROM system.parts WHERE table = 'src' AND active ORDER BY name;
SELECT * FROM dst ORDER BY id;
-- REPLACE takes one block number for the dropped range, then one per part
ALTER TABLE dst REPLACE PARTITION 202001 FROM src;
SELECT 'replace', name FROM system.parts WHERE table = 'dst' AND active ORDER BY name;
SELECT * FROM dst ORDER BY id;
ALTER TABLE dst REPLACE PARTITION ID '202001' FROM src;
SELECT 'replace again', name FROM system.parts WHERE table = 'dst' AND active ORDER BY name;
ALTER TABLE src MOVE PARTITION 202002 TO TABLE dst;
SELECT 'move dst', name FROM system.parts WHERE table = 'dst' AND active ORDER BY name;
SELECT 'move src', count() FROM src WHERE toYYYYMM(d) = 202002;
SELECT * FROM dst ORDER BY id;
INSERT INTO dst VALUES ('2020-04-01', 12, 'z');
SELECT 'insert', name FROM system.parts WHERE table = 'dst' AND active ORDER BY name;
-- PARTITION ALL only for ATTACH. (ClickHouse's MOVE leaves an empty part covering
-- the moved range in the source, which ATTACH ALL FROM then copies; floe drops the
-- moved parts instead: rows > 0 leaves that difference out.)
CREATE TABLE dst2 AS dst;
SYSTEM STOP MERGES dst2;
ALTER TABLE dst2 ATTACH PARTITION ALL FROM src;
SELECT 'attach all', name FROM system.parts WHERE table = 'dst2' AND active AND rows > 0 ORDER BY name;
SELECT * FROM dst2 ORDER BY id;
ALTER TABLE dst REPLACE PARTITION ALL FROM src; -- { serverError SUPPORT_IS_DISABLED }
ALTER TABLE src MOVE PARTITION ALL TO TABLE dst; -- { serverError SUPPORT_IS_DISABLED }
-- an empty source partition
ALTER TABLE dst ATTACH PARTITION 202009 FROM src;
ALTER TABLE dst REPLACE PARTITION 202009 FROM src; -- { serverError BAD_ARGUMENTS }
ALTER TABLE dst REPLACE PARTITION 202004 FROM src SETTINGS allow_replace_partition_from_empty_source = 1;
SELECT 'replace from empty', name FROM system.parts WHERE table = 'dst' AND active ORDER BY name;
-- structure checks
CREATE TABLE cols (d Date, id UInt64, s String, x UInt8) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id;
ALTER TABLE cols ATTACH PARTITION 202001 FROM src; -- { serverError INCOMPATIBLE_COLUMNS }
CREATE TABLE col_order (d Date, s String, id UInt64) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id;
ALTER TABLE col_order ATTACH PARTITION 202001 FROM src; -- { serverError INCOMPATIBLE_COLUMNS }
CREATE TABLE col_type (d Date, id UInt32, s String) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id;
ALTER TABLE col_type REPLACE PARTITION 202001 FROM src; -- { serverError INCOMPATIBLE_COLUMNS }
CREATE TABLE ord (d Date, id UInt64, s String) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY (id, s);
ALTER TABLE ord ATTACH PARTITION 202001 FROM src; -- { serverError BAD_ARGUMENTS }
CREATE TABLE pkey (d Date, id UInt64, s String) ENGINE = MergeTree PARTITION BY toYYYYMMDD(d) ORDER BY id;
ALTER TABLE pkey ATTACH PARTITION ID '202001' FROM src; -- { serverError BAD_ARGUMENTS }
ALTER TABLE src MOVE PARTITION 202001 TO TABLE ord; -- { serverError BAD_ARGUMENTS }
ALTER TABLE src MOVE PARTITION 202001 TO TABLE cols; -- { serverError INCOMPATIBLE_COLUMNS }
CREATE TABLE mem (d Date, id UInt64, s String) ENGINE = Memory;
ALTER TABLE src MOVE PARTITION 202001 TO TABLE mem; -- { serverError NOT_IMPLEMENTED }
ALTER TABLE src ATTACH PARTITION 202001 FROM mem; -- { serverError NOT_IMPLEMENTED }
ALTER TABLE mem ATTACH PARTITION 202001 FROM src; -- { serverError NOT_IMPLEMENTED }
ALTER TABLE dst ATTACH PARTITION 202001 FROM nosuch; -- { serverError UNKNOWN_TABLE }
ALTER TABLE src MOVE PARTITION 202001 TO TABLE nosuch; -- { serverError UNKNOWN_TABLE }
-- a table from itself
ALTER TABLE src ATTACH PARTITION 202001 FROM src;
SELECT 'self', name FROM system.parts WHERE table = 'src' AND active AND rows > 0 ORDER BY name;
SELECT count(), sum(id) FROM src;
-- after all that, every table reads back
SELECT 'dst', * FROM dst ORDER BY id;
SELECT 'src', * FROM src ORDER BY id;
-- primary key and data-skipping indices: the destination needs the source's
CREATE TABLE pk1 (d Date, a UInt8) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY a PRIMARY KEY a;
CREATE TABLE pk2 (d Date, a UInt8) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY a PRIMARY KEY tuple();
INSERT INTO pk1 VALUES ('2020-01-01', 1);
ALTER TABLE pk2 ATTACH PARTITION 202001 FROM pk1; -- { serverError BAD_ARGUMENTS }
CREATE TABLE ix (d Date, a UInt8, INDEX ia a TYPE minmax GRANULARITY 1) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY tuple();
CREATE TABLE ix_none (d Date, a UInt8) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY tuple();
CREATE TABLE ix_more (d Date, a UInt8, INDEX ia a TYPE minmax GRANULARITY 1, INDEX ib a TYPE set(10) GRANULARITY 1) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY tuple();
CREATE TABLE ix_other (d Date, a UInt8, INDEX ia a TYPE set(3) GRANULARITY 1) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY tuple();
INSERT INTO ix VALUES ('2020-01-01', 1);
INSERT INTO ix_none VALUES ('2020-01-01', 2);
ALTER TABLE ix_none ATTACH PARTITION 202001 FROM ix; -- { serverError BAD_ARGUMENTS }
ALTER TABLE ix_other ATTACH PARTITION 202001 FROM ix; -- { serverError BAD_ARGUMENTS }
ALTER TABLE ix_more ATTACH PARTITION 202001 FROM ix;
ALTER TABLE ix ATTACH PARTITION 202001 FROM ix_none;
ALTER TABLE ix_none MOVE PARTITION 202001 TO TABLE ix_more;
SELECT 'ix_more', * FROM ix_more ORDER BY a;
SELECT 'ix', * FROM ix ORDER BY a;
SELECT 'ix_none', count() FROM ix_none;
