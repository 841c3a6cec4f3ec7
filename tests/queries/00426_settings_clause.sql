SELECT number FROM numbers(5) SETTINGS max_block_size = 2;
SELECT count() FROM numbers(100) SETTINGS max_block_size = 7;
SELECT number FROM numbers(3) FORMAT TSV SETTINGS max_block_size = 1;
SELECT count() FROM numbers(100) SETTINGS max_rows_to_read = 10; -- { serverError TOO_MANY_ROWS }
