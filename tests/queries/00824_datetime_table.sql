CREATE TABLE t (d Date, d32 Date32, dt DateTime('UTC'), dtz DateTime('Asia/Tokyo'), dt64 DateTime64(3, 'UTC')) ENGINE = Memory;
INSERT INTO t VALUES ('2020-01-01', '1900-01-01', '2020-01-01 00:00:00', '2020-01-01 09:00:00', '2020-01-01 00:00:00.123'), ('2149-06-06', '2299-12-31', '2106-02-07 06:28:15', '1970-01-01 09:00:00', '1900-01-01 00:00:00');
SELECT * FROM t ORDER BY d;
SELECT toUnixTimestamp(dt), toUnixTimestamp(dtz) FROM t ORDER BY d;
SELECT * FROM t ORDER BY d FORMAT JSONEachRow;
