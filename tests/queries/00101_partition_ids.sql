CREATE TABLE p_int (k UInt32, v UInt8) ENGINE = MergeTree PARTITION BY k ORDER BY v;
INSERT INTO p_int VALUES (1, 1), (20, 2), (300, 3);
SELECT DISTINCT _partition_id FROM p_int ORDER BY 1;
CREATE TABLE p_neg (k Int16, v UInt8) ENGINE = MergeTree PARTITION BY k ORDER BY v;
INSERT INTO p_neg VALUES (-5, 1), (7, 2);
SELECT DISTINCT _partition_id FROM p_neg ORDER BY 1;
CREATE TABLE p_date (d Date, v UInt8) ENGINE = MergeTree PARTITION BY d ORDER BY v;
INSERT INTO p_date VALUES ('2020-11-21', 1), ('2019-01-01', 2);
SELECT DISTINCT _partition_id FROM p_date ORDER BY 1;
CREATE TABLE p_str (s String, v UInt8) ENGINE = MergeTree PARTITION BY s ORDER BY v;
INSERT INTO p_str VALUES ('abc', 1), ('', 2), ('hello world', 3);
SELECT DISTINCT _partition_id, s FROM p_str ORDER BY 2;
CREATE TABLE p_mod (id UInt64, v UInt8) ENGINE = MergeTree PARTITION BY id % 3 ORDER BY v;
INSERT INTO p_mod SELECT number, number FROM numbers(7);
SELECT _partition_id, count() FROM p_mod GROUP BY 1 ORDER BY 1;
CREATE TABLE p_tuple (d Date, e String, v UInt8) ENGINE = MergeTree PARTITION BY (toMonday(d), e) ORDER BY v;
INSERT INTO p_tuple VALUES ('2020-01-08', 'click', 1), ('2020-01-08', 'view', 2), ('2020-01-15', 'click', 3);
SELECT DISTINCT _partition_id FROM p_tuple ORDER BY 1;
CREATE TABLE p_ints (a UInt8, b Int8, v UInt8) ENGINE = MergeTree PARTITION BY (a, b) ORDER BY v;
INSERT INTO p_ints VALUES (1, -1, 1), (2, 3, 2);
SELECT DISTINCT _partition_id FROM p_ints ORDER BY 1;
CREATE TABLE p_dt (ts DateTime('UTC'), v UInt8) ENGINE = MergeTree PARTITION BY toDate(ts) ORDER BY v;
INSERT INTO p_dt VALUES ('2021-03-04 05:06:07', 1);
SELECT DISTINCT _partition_id FROM p_dt ORDER BY 1;
CREATE TABLE p_f (f Float64, v UInt8) ENGINE = MergeTree PARTITION BY f ORDER BY v; -- { serverError BAD_ARGUMENTS }
INSERT INTO p_f VALUES (1.5, 1), (-2, 2); -- { serverError UNKNOWN_TABLE }
SELECT DISTINCT _partition_id, f FROM p_f ORDER BY 2; -- { serverError UNKNOWN_TABLE }
CREATE TABLE p_raw_dt (ts DateTime('UTC'), v UInt8) ENGINE = MergeTree PARTITION BY ts ORDER BY v;
INSERT INTO p_raw_dt VALUES ('2021-03-04 05:06:07', 1);
SELECT DISTINCT _partition_id FROM p_raw_dt;
CREATE TABLE p_yyyymm (d Date, v UInt8) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY v;
INSERT INTO p_yyyymm VALUES ('2019-01-25', 1), ('2019-02-01', 2);
SELECT DISTINCT _partition_id FROM p_yyyymm ORDER BY 1;
