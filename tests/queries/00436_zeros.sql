SELECT * FROM zeros(3);
SELECT zero, toTypeName(zero) FROM zeros(2);
SELECT count() FROM zeros(100000);
