-- Hive-style directories (use_hive_partitioning = 1): <key>=<value> path
-- segments become columns, visible when the structure is inferred, virtual
-- when it is given.
INSERT INTO FUNCTION file('01007/y=2020/m=1/d.csv') SELECT 1, 'a';
INSERT INTO FUNCTION file('01007/y=2021/m=2/d.csv') SELECT 2, 'b';
INSERT INTO FUNCTION file('01007/y=2021/m=3/d.csv') SELECT 3, 'c';
SELECT * FROM file('01007/**/*.csv') ORDER BY c1;
DESCRIBE file('01007/**/*.csv');
SELECT y, sum(c1) FROM file('01007/**/*.csv') GROUP BY y ORDER BY y;
SELECT * FROM file('01007/**/*.csv', 'CSV', 'a UInt8, b String') ORDER BY a;
SELECT a, y, m FROM file('01007/**/*.csv', 'CSV', 'a UInt8, b String') ORDER BY a;
SELECT count() FROM file('01007/y=2021/*/*.csv') WHERE m = 3;
INSERT INTO FUNCTION file('01007b/k=x/d=2020-01-02/f.csv') SELECT 1;
SELECT *, toTypeName(d) FROM file('01007b/**/*.csv');
SELECT count() FROM file('01007/**/*.csv') SETTINGS use_hive_partitioning = 0;
