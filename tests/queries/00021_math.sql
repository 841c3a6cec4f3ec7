SELECT abs(-3), round(2.567, 2), intDiv(7, 2), 7 % 3, greatest(1, 5, 3), least(4, 2, 8);
SELECT floor(1.5), ceil(1.2), sqrt(16), pow(2, 10);
SELECT intDiv(1, 0); -- { serverError ILLEGAL_DIVISION }
