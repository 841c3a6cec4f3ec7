CREATE TABLE t (i Int32, u UInt64, f Float64, s String, d Date, dt DateTime('UTC'), n Nullable(Int16), dec Decimal(10, 3), e Enum8('x' = 1, 'y' = 2), b Bool) ENGINE = Memory;
INSERT INTO t VALUES (-1, 18446744073709551615, 1.5, 'a\tb"c\'d', '2020-01-01', '2020-01-01 10:00:00', NULL, -1.5, 'x', true), (2, 0, nan, '', '1970-01-01', '1970-01-01 00:00:00', 7, 0.001, 'y', false), (300, 42, -inf, 'héllo,world\n2', '2149-06-06', '2106-02-07 06:28:15', -32768, 1234567.891, 'x', true);
SELECT * FROM t ORDER BY i FORMAT TSVWithNames;
SELECT number, number * 2 AS x FROM numbers(3) WHERE number > 10 FORMAT TSVWithNames;
