SELECT * FROM numbers(3) AS a, numbers(2) AS b;
SELECT * FROM numbers(2) AS a CROSS JOIN numbers(2) AS b ORDER BY a.number DESC, b.number;
SELECT * FROM (SELECT toUInt8(number) AS x FROM numbers(3)) AS a JOIN (SELECT toInt64(number) AS x FROM numbers(3)) AS b USING x;
SELECT * FROM numbers(3) AS a, numbers(2) AS b, numbers(2) AS c WHERE a.number = c.number ORDER BY 1, 2, 3;
