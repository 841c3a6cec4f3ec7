SELECT sum(DISTINCT number % 3) FROM numbers(10);
SELECT avg(DISTINCT number % 3) FROM numbers(10);
SELECT min(DISTINCT number), max(DISTINCT number) FROM numbers(10);
