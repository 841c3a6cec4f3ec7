-- Schema inference for CSV, TSV and JSONEachRow files.
INSERT INTO FUNCTION file('01004/a.csv', 'RawBLOB', 's String') VALUES ('1,2.5,abc,2020-01-01,2020-01-01 10:00:00,true,\\N,"x",\n2,3,def,2020-01-02,2020-01-02 00:00:00,false,\\N,"y",5\n');
DESCRIBE file('01004/a.csv');
SELECT * FROM file('01004/a.csv');
INSERT INTO FUNCTION file('01004/b.csv', 'RawBLOB', 's String') VALUES ('"1","2020-01-01","[1,2]",0123,-inf,1e5\n"2","2020-01-02","[3]",5,7,8\n');
DESCRIBE file('01004/b.csv');
SELECT * FROM file('01004/b.csv');
INSERT INTO FUNCTION file('01004/c.tsv', 'RawBLOB', 's String') VALUES ('0123\t[1,2]\t(1,\'a\')\t2020-01-01 10:00:00.5\tnan\t1e3\n');
DESCRIBE file('01004/c.tsv');
SELECT * FROM file('01004/c.tsv');
INSERT INTO FUNCTION file('01004/d.csv', 'RawBLOB', 's String') VALUES ('x,y\n1,\n,b\n');
DESCRIBE file('01004/d.csv', 'CSVWithNames');
SELECT * FROM file('01004/d.csv', 'CSVWithNames');
INSERT INTO FUNCTION file('01004/e.tsv', 'RawBLOB', 's String') VALUES ('a\tb\nUInt16\tArray(String)\n7\t[\'q\']\n');
DESCRIBE file('01004/e.tsv', 'TSVWithNamesAndTypes');
SELECT * FROM file('01004/e.tsv', 'TSVWithNamesAndTypes');
INSERT INTO FUNCTION file('01004/f.ndjson', 'RawBLOB', 's String') VALUES ('{"a":1,"b":"x","c":true,"d":[]}\n{"a":1.5,"e":"2020-01-01 00:00:01","d":[1],"c":null}\n');
DESCRIBE file('01004/f.ndjson');
SELECT * FROM file('01004/f.ndjson');
INSERT INTO FUNCTION file('01004/g.ndjson', 'RawBLOB', 's String') VALUES ('{"a":[1]}\n{"a":"x"}\n');
DESCRIBE file('01004/g.ndjson'); -- { serverError CANNOT_EXTRACT_TABLE_STRUCTURE }
INSERT INTO FUNCTION file('01004/empty.csv', 'RawBLOB', 's String') SELECT '' WHERE 0;
SELECT * FROM file('01004/empty.csv'); -- { serverError CANNOT_EXTRACT_TABLE_STRUCTURE }
INSERT INTO FUNCTION file('01004/h.csv', 'RawBLOB', 's String') VALUES ('id,name\n1,ann\n2,bob\n');
DESCRIBE file('01004/h.csv');
SELECT * FROM file('01004/h.csv') ORDER BY id;
INSERT INTO FUNCTION file('01004/ht.tsv', 'RawBLOB', 's String') VALUES ('k\tv\nUInt8\tString\n3\tx\n');
DESCRIBE file('01004/ht.tsv');
SELECT * FROM file('01004/ht.tsv');
INSERT INTO FUNCTION file('01004/noext', 'RawBLOB', 's String') VALUES ('{"q":1}\n{"q":2}\n');
SELECT sum(q) FROM file('01004/noext');
INSERT INTO FUNCTION file('01004/noext2', 'RawBLOB', 's String') VALUES ('5\tfive\n');
SELECT * FROM file('01004/noext2');
SELECT * FROM file('01004/missing_noext'); -- { serverError CANNOT_STAT }
