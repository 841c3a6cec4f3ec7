CREATE TABLE t (id UInt64, s String) ENGINE = MergeTree ORDER BY id;
INSERT INTO t SELECT number, toString(number) FROM numbers(1000000);
SELECT count(), sum(id) FROM t WHERE id >= 1000 AND id < 2000 SETTINGS max_rows_to_read = 8192;
SELECT count() FROM t WHERE id IN (5, 500000, 999999) SETTINGS max_rows_to_read = 24576;
SELECT count() FROM t WHERE id > 999990 SETTINGS max_rows_to_read = 8192;
SELECT s FROM t WHERE id = 123456 SETTINGS max_rows_to_read = 8192;
SELECT count() FROM t WHERE s = '77' SETTINGS max_rows_to_read = 8192; -- { serverError TOO_MANY_ROWS }
SELECT count() FROM t WHERE 500 > id SETTINGS max_rows_to_read = 8192;
