-- max_partitions_per_insert_block reaches MergeTree inserts (100 by default).
CREATE TABLE many (id UInt32) ENGINE = MergeTree PARTITION BY id ORDER BY id;
INSERT INTO many SELECT number FROM numbers(150); -- { serverError TOO_MANY_PARTS }
SELECT count() FROM many;
SET max_partitions_per_insert_block = 200;
INSERT INTO many SELECT number FROM numbers(150);
SELECT count(), uniqExact(_partition_id) FROM many;
SET max_partitions_per_insert_block = 10, throw_on_max_partitions_per_insert_block = 0;
INSERT INTO many SELECT number + 1000 FROM numbers(20);
SELECT count() FROM many;
