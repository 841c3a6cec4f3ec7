SELECT 7 / 2, 7 % 3, -7 % 3, 7 % -3, intDiv(7, 2), intDiv(-7, 2), modulo(10, 4), 1 / 0, -1 / 0, 0 / 0;
SELECT 1.5 * 2, 0.1 + 0.2, 3 - 5, -(-3), negate(5), 2 * 3 + 4, 2 * (3 + 4);
SELECT intDiv(1, 0); -- { serverError ILLEGAL_DIVISION }
SELECT 1 % 0; -- { serverError ILLEGAL_DIVISION }
SELECT toDecimal32(1.5, 2) + toDecimal32(2.25, 2), toDecimal64(10, 3) / 4, toDecimal32(3, 1) * toDecimal32(2, 2);
