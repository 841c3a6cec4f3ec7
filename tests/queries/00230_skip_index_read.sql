-- Data-skipping indices (minmax, set): built on insert and merge, used to skip
-- granules (max_rows_to_read proves it), and the settings that steer them.
CREATE TABLE t (k UInt32, a UInt32, s String, n Nullable(Int32), INDEX ia a TYPE minmax GRANULARITY 2, INDEX is s TYPE set(10) GRANULARITY 1, INDEX inn (n, a * 2) TYPE minmax GRANULARITY 1) ENGINE=MergeTree ORDER BY k SETTINGS index_granularity=100;
INSERT INTO t SELECT number, (number * 7919) % 1000 + if(number >= 500 and number < 600, 5000, 0), 'v' || toString(intDiv(number, 100)), if(number % 100 = 0 AND number < 500, NULL, number) FROM numbers(1000);
SELECT count(), sum(k) FROM t WHERE a >= 5000 SETTINGS max_rows_to_read = 200;
SELECT count(), sum(k) FROM t WHERE a >= 5000 SETTINGS max_rows_to_read = 200, use_skip_indexes = 0; -- { serverError TOO_MANY_ROWS }
SELECT count(), sum(k) FROM t WHERE s = 'v3' SETTINGS max_rows_to_read = 100;
SELECT count(), sum(k) FROM t WHERE s IN ('v3', 'v7') SETTINGS max_rows_to_read = 200;
SELECT count() FROM t WHERE s = 'zz' SETTINGS max_rows_to_read = 1;
SELECT count() FROM t WHERE n > 950 SETTINGS max_rows_to_read = 600;
SELECT count() FROM t WHERE a * 2 = 10016 SETTINGS max_rows_to_read = 200, force_data_skipping_indices = 'inn';
SELECT count() FROM t WHERE a >= 5000 SETTINGS force_data_skipping_indices = '`ia`, is'; -- { serverError INDEX_NOT_USED }
SELECT count() FROM t WHERE a >= 5000 AND s = 'v5' SETTINGS force_data_skipping_indices = '`ia`, is', max_rows_to_read = 100;
SELECT count() FROM t WHERE a >= 5000 SETTINGS ignore_data_skipping_indices = 'ia', max_rows_to_read = 200; -- { serverError TOO_MANY_ROWS }
SELECT count() FROM t WHERE a >= 5000 SETTINGS force_data_skipping_indices = ''; -- { serverError CANNOT_PARSE_TEXT }
SELECT count() FROM t WHERE a >= 5000 SETTINGS ignore_data_skipping_indices = 'ia', force_data_skipping_indices = 'ia'; -- { serverError INDEX_NOT_USED }
SELECT count() FROM t WHERE n IS NULL;
SELECT count() FROM t WHERE n != 5;
SELECT count() FROM t WHERE 5000 <= a;
OPTIMIZE TABLE t FINAL;
INSERT INTO t SELECT number + 1000, 7, 'w', number FROM numbers(300);
SELECT count(), sum(k) FROM t WHERE s = 'w' SETTINGS max_rows_to_read = 300;
OPTIMIZE TABLE t FINAL;
SELECT count(), sum(k) FROM t WHERE s = 'w' SETTINGS max_rows_to_read = 300;
SELECT count(), sum(k) FROM t WHERE a >= 5000 SETTINGS max_rows_to_read = 200;
