CREATE TABLE t (d Date, id UInt64) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id;
INSERT INTO t SELECT toDate('2020-01-01') + number % 90, number FROM numbers(9000);
SELECT count() FROM t WHERE d >= '2020-03-01' SETTINGS max_rows_to_read = 3000;
SELECT count() FROM t WHERE toYYYYMM(d) = 202002 SETTINGS max_rows_to_read = 2900;
SELECT count() FROM t WHERE d = '2020-01-05' SETTINGS max_rows_to_read = 3100;
SELECT count() FROM t WHERE d IN ('2020-01-05', '2020-02-05') SETTINGS max_rows_to_read = 6000;
SELECT count() FROM t WHERE d < '2020-02-01' AND id > 100 SETTINGS max_rows_to_read = 3100;
SELECT count() FROM t WHERE id > 100 SETTINGS max_rows_to_read = 3000; -- { serverError TOO_MANY_ROWS }
SELECT count() FROM t WHERE _partition_id = '202001';
SELECT count() FROM t WHERE d > '2030-01-01' SETTINGS max_rows_to_read = 1;
