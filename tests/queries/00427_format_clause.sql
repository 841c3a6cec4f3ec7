SELECT 1 AS a, 'x' AS b FORMAT CSV;
SELECT number FROM numbers(3) FORMAT JSONEachRow;
SELECT number, toString(number) FROM numbers(2) FORMAT TSVWithNames;
SELECT 1 FORMAT Null;
SELECT 1 FORMAT TabSeparated;
