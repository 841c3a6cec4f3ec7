SELECT CAST(1 AS String), CAST('123' AS UInt32), CAST(1.7 AS Int32), CAST(-1.7 AS Int32), CAST('2020-01-02' AS Date), CAST(1 AS Nullable(UInt8));
SELECT 1::String, '5'::Int64 + 1, '1.5'::Float64, 300::UInt8;
SELECT CAST('abc' AS UInt8); -- { serverError CANNOT_PARSE_TEXT }
SELECT CAST(NULL AS UInt8); -- { serverError CANNOT_CONVERT_TYPE }
SELECT CAST(1.5 AS Decimal(5, 2)), CAST('x' AS Enum8('x' = 1)), CAST('2020-01-02 03:04:05' AS DateTime('UTC'));
SELECT CAST(1 AS NoSuchType); -- { serverError UNKNOWN_TYPE }
