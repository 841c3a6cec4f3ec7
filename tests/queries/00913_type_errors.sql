SELECT CAST('a' AS Int32); -- { serverError CANNOT_PARSE_TEXT }
SELECT CAST(1 AS Nosuch); -- { serverError UNKNOWN_TYPE }
SELECT CAST(300 AS Enum8('a' = 1)); -- { serverError CANNOT_CONVERT_TYPE }
SELECT CAST('b' AS Enum8('a' = 1)); -- { serverError UNKNOWN_ELEMENT_OF_ENUM }
SELECT toFixedString('abc', 2); -- { serverError TOO_LARGE_STRING_SIZE }
SELECT toDecimal32(1e10, 2); -- { serverError DECIMAL_OVERFLOW }
SELECT 'ok';
