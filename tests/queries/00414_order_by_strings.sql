CREATE TABLE t (s String) ENGINE = Memory;
INSERT INTO t VALUES ('b'), ('a'), (''), ('B'), ('ab'), ('aa'), ('é'), ('z');
SELECT s FROM t ORDER BY s;
SELECT s FROM t ORDER BY s DESC;
SELECT s FROM t ORDER BY length(s), s;
