// FLOE_UNIT_DEPS: base types
/*
 * CAST and common supertypes. Every expected value and error comes from
 * chref (ClickHouse 26.7): CAST(CAST('v', 'From'), 'To') for the cast table,
 * toTypeName([a, b]) with use_variant_as_common_type = 0 for supertypes, and
 * toTOrZero / toTOrNull for the OR modes.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/mem.h"
#include "types/cast.h"
#include "types/column.h"
#include "types/serialize.h"
#include "types/type.h"

static const floe_type *T(const char *name)
{
    const floe_type *t = NULL;
    if (floe_type_parse(&t, name, strlen(name)) != 0)
        fail_msg("parse '%s': %s", name, floe_error_message());
    return t;
}

/* A column of type `type` from '|'-separated text values ("NULL" is NULL). */
static floe_column *column_of(const char *type, const char *values)
{
    floe_column *c = floe_column_new(T(type));
    const char *p = values;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == 4 && memcmp(p, "NULL", 4) == 0)
            floe_column_push_null(c);
        else if (floe_text_parse(c, p, len, NULL) != 0)
            fail_msg("source value '%.*s' of %s: %s", (int)len, p, type, floe_error_message());
        if (!bar)
            break;
        p = bar + 1;
    }
    return c;
}

/* The rows as TSV fields joined by tabs (caller frees). */
static char *render(const floe_column *c)
{
    floe_buf b = FLOE_BUF_INIT;
    for (size_t i = 0; i < c->rows; i++) {
        if (i)
            floe_buf_putc(&b, '\t');
        floe_text_write(&b, c, i, FLOE_TEXT_TSV, NULL);
    }
    floe_buf_putc(&b, '\0');
    return floe_buf_detach(&b, NULL);
}

static const struct cast_case {
    const char *from;
    const char *values;
    const char *to;
    int code; /* 0: success, expect is the TSV of the rows */
    const char *expect;
} cast_cases[] = {
    {"UInt8", "1", "Tuple(a Int32, b Nullable(String))", 53,
     "CAST AS Tuple can only be performed between tuple types or from String."},
    {"Int32", "300|-1|-129|65536", "UInt8", 0, "44\t255\t127\t0"},
    {"Int32", "-1", "UInt64", 0, "18446744073709551615"},
    {"Float64", "1.9|-1.9|-1.5|1e20|3e9|300.7|-0.5", "Int32", 0,
     "1\t-1\t-1\t-2147483648\t-2147483648\t300\t0"},
    {"Float64", "1.9|-1.5|300.7|-129.5", "UInt8", 0, "1\t255\t44\t127"},
    {"Float64", "-129.5|1e10", "Int8", 0, "127\t0"},
    {"Float64", "1e10", "Int16", 0, "0"},
    {"Float64", "-0.5|-3e9|5e9", "UInt32", 0, "0\t1294967296\t705032704"},
    {"Float64", "1e20|1e19|-1|2e19", "UInt64", 0,
     "9223372036854775808\t10000000000000000000\t18446744073709551615\t9223372036854775808"},
    {"Float64", "1e19|9.3e18|-9.3e18", "Int64", 0,
     "-9223372036854775808\t-9223372036854775808\t-9223372036854775808"},
    {"Float64", "nan", "Int32", 70, "Unexpected inf or nan to integer conversion"},
    {"Float64", "inf", "Int64", 70, "Unexpected inf or nan to integer conversion"},
    {"Float32", "1.5|-1.5|3e9", "Int32", 0, "1\t-1\t-2147483648"},
    {"Float64", "1e300|1.1", "Float32", 0, "inf\t1.1"},
    {"Float32", "1.1", "Float64", 0, "1.100000023841858"},
    {"UInt64", "18446744073709551615", "Float32", 0, "18446744000000000000"},
    {"Int64", "9007199254740993", "Float64", 0, "9007199254740992"},
    {"Int64", "2|0|-1", "Bool", 0, "true\tfalse\ttrue"},
    {"Float64", "0.5|nan|0", "Bool", 0, "true\ttrue\tfalse"},
    {"Bool", "true|false", "Int32", 0, "1\t0"},
    {"Bool", "true", "Float64", 0, "1"},
    {"Bool", "true|false", "String", 0, "true\tfalse"},
    {"Decimal(9,2)", "1.55|-1.55", "Decimal(9,1)", 0, "1.5\t-1.5"},
    {"Float64", "1.555|-1.555|0.29", "Decimal(9,2)", 0, "1.55\t-1.55\t0.28"},
    {"Float32", "0.29", "Decimal(9,2)", 0, "0.29"},
    {"Decimal(18,1)", "2.5|-2.5", "Int32", 0, "2\t-2"},
    {"Decimal(18,1)", "2.5", "Float64", 0, "2.5"},
    {"Decimal(9,1)", "1.5", "Decimal(18,5)", 0, "1.5"},
    {"Int32", "12345", "Decimal(3,0)", 0, "12345"},
    {"Decimal(18,0)", "123456789012", "Decimal(9,0)", 407,
     "Decimal convert overflow: 123456789012 is not in range (-2147483648, 2147483647)"},
    {"Float64", "1e10", "Decimal(9,0)", 407,
     "Decimal convert overflow. Float is out of Decimal range"},
    {"UInt32", "3000000000", "Decimal(9,0)", 407, "Decimal convert overflow"},
    {"Decimal(9,2)", "9.99", "Decimal(9,8)", 0, "9.99"},
    {"Float64", "nan", "Decimal(9,2)", 407,
     "Decimal convert overflow. Cannot convert infinity or NaN to decimal"},
    {"Decimal(18,1)", "12345678.9", "Decimal(9,3)", 407,
     "Decimal convert overflow: 12345678900 is not in range (-2147483648, 2147483647)"},
    {"Int64", "1000000000000000000", "Decimal(18,2)", 407, "Decimal convert overflow"},
    {"UInt64", "18446744073709551615", "Decimal(38,2)", 0, "18446744073709551615"},
    {"Int64", "1000000000000000000", "Decimal(38,25)", 0,
     "12208329438137.4201810411402627569942528"},
    {"Int64", "2147483647", "Decimal(9,0)", 0, "2147483647"},
    {"Float64", "2147483647|2147483646", "Decimal(9,0)", 407,
     "Decimal convert overflow. Float is out of Decimal range"},
    {"Decimal(9,0)", "300|-1", "UInt8", 407, "Convert overflow"},
    {"Decimal(18,0)", "10000000000", "Int32", 407, "Convert overflow"},
    {"Decimal(9,1)", "2.5", "Float32", 0, "2.5"},
    {"Decimal(9,1)", "1.5|0.5|0", "Bool", 0, "true\ttrue\tfalse"},
    {"Bool", "true", "Decimal(9,2)", 0, "1"},
    {"UInt32", "100000|65535|65536|12345|4294967296", "Date", 0,
     "1970-01-02\t2149-06-06\t1970-01-01\t2003-10-20\t1970-01-01"},
    {"Int32", "-1", "Date", 0, "1970-01-01"},
    {"Int64", "4294967296", "Date", 0, "2106-02-07"},
    {"Float64", "1e5|12.7|nan", "Date", 0, "1970-01-02\t1970-01-13\t1970-01-01"},
    {"UInt32", "100000", "Date32", 0, "2243-10-17"},
    {"Int32", "-100|-5|200000|-30000|-1000000", "Date32", 0,
     "1969-09-23\t1969-12-27\t1970-01-03\t1900-01-01\t1900-01-01"},
    {"UInt64", "18446744073709551615", "Date32", 0, "1969-12-31"},
    {"UInt64", "18446744073709551615", "Date", 0, "2149-06-06"},
    {"UInt64", "18446744073709551615", "DateTime", 0, "2106-02-07 06:28:15"},
    {"Int64", "-9000000000|-1|5000000000", "DateTime", 0,
     "1970-01-01 00:00:00\t1970-01-01 00:00:00\t2106-02-07 06:28:15"},
    {"Float64", "1.5|-1.5|nan", "DateTime", 0,
     "1970-01-01 00:00:01\t1970-01-01 00:00:00\t1970-01-01 00:00:00"},
    {"Date", "2020-01-01", "DateTime", 0, "2020-01-01 00:00:00"},
    {"Date", "2020-01-01", "DateTime('Asia/Tokyo')", 0, "2020-01-01 00:00:00"},
    {"DateTime('UTC')", "2020-01-01 23:00:00", "Date", 0, "2020-01-01"},
    {"DateTime('Asia/Tokyo')", "2020-01-01 23:00:00", "Date", 0, "2020-01-01"},
    {"DateTime64(3, 'UTC')", "2020-01-01 00:00:00.123", "DateTime", 0, "2020-01-01 00:00:00"},
    {"DateTime64(1, 'UTC')", "1960-01-01 00:00:00.9", "DateTime", 0, "2096-02-06 06:28:16"},
    {"Int32", "1", "DateTime64(3)", 0, "1970-01-01 00:00:01.000"},
    {"Float64", "1.5|-1.5|1e20", "DateTime64(3)", 0,
     "1970-01-01 00:00:01.500\t1969-12-31 23:59:58.500\t9999-12-31 23:59:59.000"},
    {"Date", "2020-01-01", "DateTime64(3, 'UTC')", 0, "2020-01-01 00:00:00.000"},
    {"DateTime('UTC')", "2020-01-01 00:00:00", "DateTime64(6)", 0, "2020-01-01 00:00:00.000000"},
    {"DateTime64(6, 'UTC')", "2020-01-01 00:00:00.123456", "DateTime64(3, 'UTC')", 0,
     "2020-01-01 00:00:00.123"},
    {"DateTime64(3, 'UTC')", "1969-12-31 23:59:59.999", "DateTime64(0, 'UTC')", 0,
     "1970-01-01 00:00:00"},
    {"DateTime64(3, 'UTC')", "2020-01-01 00:00:00.5", "Int64", 0, "1577836800"},
    {"DateTime64(3, 'UTC')", "2020-01-01 00:00:00.5", "Float64", 0, "1577836800.5"},
    {"DateTime64(3, 'UTC')", "2020-01-01 00:00:00.5", "UInt8", 407, "Convert overflow"},
    {"DateTime64(3, 'UTC')", "2020-01-01 00:00:00.5", "Decimal(18,3)", 0, "1577836800.5"},
    {"DateTime64(3, 'UTC')", "2020-01-01 00:00:00.5", "Date", 0, "2020-01-01"},
    {"DateTime64(3, 'UTC')", "2020-01-01 00:00:00.5", "DateTime64(9)", 0,
     "2020-01-01 00:00:00.500000000"},
    {"DateTime64(3, 'UTC')", "2299-01-01 00:00:00.5", "DateTime64(9)", 407,
     "DateTime64 convert overflow while multiplying 10382256000500 by scale -8064488073209551616"},
    {"Date", "2020-01-01", "Int32", 0, "18262"},
    {"Date", "2020-01-01", "Float64", 0, "18262"},
    {"DateTime64(0, 'UTC')", "1900-01-01 00:00:00", "Date", 0, "2079-06-07"},
    {"Date32", "1900-01-01|2200-01-01", "Date", 0, "2079-06-07\t2020-07-27"},
    {"Date", "2020-01-01", "Date32", 0, "2020-01-01"},
    {"Date32", "1900-01-01|2200-01-01", "DateTime", 0, "2036-02-07 06:28:16\t2063-11-24 17:31:44"},
    {"Date32", "1900-01-01", "DateTime64(3)", 0, "1900-01-01 00:00:00.000"},
    {"DateTime('UTC')", "2020-01-01 00:00:00", "Date32", 0, "2020-01-01"},
    {"Int64", "9223372036854775807|-100000000000000000|1000000000000000", "DateTime64(3)", 0,
     "9999-12-31 23:59:59.000\t0000-01-01 00:00:00.000\t9999-12-31 23:59:59.000"},
    {"Int64", "-1", "DateTime64(3)", 0, "1969-12-31 23:59:59.000"},
    {"Int64", "10000000000", "DateTime64(9)", 0, "2262-04-11 23:47:16.000000000"},
    {"Float64", "nan", "DateTime64(3)", 407,
     "DateTime64 convert overflow. Cannot convert infinity or NaN to decimal"},
    {"Decimal(18,1)", "1.5", "DateTime64(3)", 0, "1970-01-01 00:00:01.500"},
    {"Decimal(9,1)", "10.5", "Date", 44,
     "Illegal column Decimal32 of first argument of function toDate"},
    {"Decimal(9,1)", "10.5", "DateTime", 44,
     "Illegal column Decimal32 of first argument of function toDateTime"},
    {"String", "a", "Enum8('a'=1,'b'=2)", 0, "a"},
    {"String", "c", "Enum8('a'=1,'b'=2)", 691,
     "Unknown element 'c' for enum, maybe you meant: ['a']"},
    {"Int32", "2", "Enum8('a'=1,'b'=2)", 0, "b"},
    {"Int32", "3", "Enum8('a'=1,'b'=2)", 691, "Unexpected value 3 in enum"},
    {"Int32", "300", "Enum8('a'=1,'b'=2)", 70, "Value 300 cannot be converted to enum type"},
    {"Float64", "2.5", "Enum8('a'=1,'b'=2)", 0, "b"},
    {"Enum8('a'=1,'b'=2)", "b", "Int32", 0, "2"},
    {"Enum8('a'=1,'b'=2)", "b", "String", 0, "b"},
    {"Enum8('a'=1,'b'=2)", "b", "Enum16('b'=5,'a'=1)", 70,
     "Enum conversion changes value for element 'b' from 2 to 5"},
    {"Enum8('a'=1,'b'=2)", "b", "Enum8('a'=1)", 691,
     "Code: 691. DB::Exception: Unexpected value 2 in enum. (UNKNOWN_ELEMENT_OF_ENUM) (version "
     "26.7.2.1)"},
    {"Enum8('a'=1,'b'=2)", "a", "Enum16('c'=3,'a'=1)", 0, "a"},
    {"Decimal(9,0)", "2", "Enum8('a'=1,'b'=2)", 70,
     "Conversion from Decimal(9, 0) to Enum8('a' = 1, 'b' = 2) is not supported"},
    {"Enum8('a'=1,'b'=2)", "b", "Float64", 0, "2"},
    {"Enum8('a'=1,'b'=2)", "b", "Date", 0, "1970-01-03"},
    {"Enum8('a'=1,'b'=2)", "b", "Decimal(9,1)", 70,
     "Conversion from Enum8('a' = 1, 'b' = 2) to Decimal(9, 1) is not supported"},
    {"Enum8('a'=1,'b'=2)", "b", "FixedString(1)", 0, "b"},
    {"FixedString(1)", "b", "Enum8('a'=1,'b'=2)", 0, "b"},
    {"Date", "2020-01-01", "Enum16('a'=18262)", 70,
     "Conversion from Date to Enum16('a' = 18262) is not supported"},
    {"Date", "2020-01-01", "Decimal(9,1)", 44,
     "Illegal column UInt16 of first argument of function CAST"},
    {"DateTime('UTC')", "2020-01-01 00:00:00", "Decimal(18,1)", 44,
     "Illegal column UInt32 of first argument of function CAST"},
    {"String", "abc", "FixedString(2)", 131, "String too long for type FixedString(2)"},
    {"String", "ab", "FixedString(4)", 0, "ab\\0\\0"},
    {"FixedString(2)", "ab", "FixedString(4)", 0, "ab\\0\\0"},
    {"FixedString(3)", "abc", "FixedString(2)", 131, "String too long for type FixedString(2)"},
    {"FixedString(4)", "ab", "String", 0, "ab"},
    {"String", "61f0c404-5cb3-11e7-907b-a6006ad3dba0", "UUID", 0,
     "61f0c404-5cb3-11e7-907b-a6006ad3dba0"},
    {"String", "xyz", "UUID", 376, "Cannot parse uuid xyz: Cannot parse UUID from String"},
    {"UUID", "61f0c404-5cb3-11e7-907b-a6006ad3dba0", "String", 0,
     "61f0c404-5cb3-11e7-907b-a6006ad3dba0"},
    {"UUID", "61f0c404-5cb3-11e7-907b-a6006ad3dba0", "UInt8", 48,
     "Conversion between numeric types and UUID is not supported. Probably the passed UUID is "
     "unquoted"},
    {"UInt8", "1", "UUID", 48,
     "Conversion between numeric types and UUID is not supported. Probably the passed UUID is "
     "unquoted"},
    {"UUID", "61f0c404-5cb3-11e7-907b-a6006ad3dba0", "FixedString(36)", 48,
     "CAST AS FixedString is only implemented for types String and FixedString"},
    {"UInt8", "12", "FixedString(3)", 48,
     "CAST AS FixedString is only implemented for types String and FixedString"},
    {"Nullable(String)", "NULL", "Int32", 349, "Cannot convert NULL value to non-Nullable type"},
    {"Nullable(String)", "5|NULL", "Nullable(Int32)", 0, "5\t\\N"},
    {"Nullable(Nothing)", "NULL", "Int8", 70, "Cannot convert NULL to a non-nullable type"},
    {"Nullable(Nothing)", "NULL", "Nullable(Int8)", 0, "\\N"},
    {"String", "300|+5|99999999999999999999", "UInt8", 0, "44\t5\t255"},
    {"String", "-1", "UInt8", 72,
     "Unsigned type must not contain '-' symbol: Cannot parse UInt8 from String"},
    {"String", "-1", "Nullable(UInt8)", 0, "\\N"},
    {"String", "1.5", "Int32", 6,
     "Cannot parse string '1.5' as Int32: syntax error at position 1 (parsed just '1'). Note: "
     "there are toInt32OrZero and toInt32OrNull functions, which returns zero/NULL instead of "
     "throwing exception"},
    {"String", " 1", "Int32", 6,
     "Cannot parse string ' 1' as Int32: syntax error at begin of string. Note: there are "
     "toInt32OrZero and toInt32OrNull functions, which returns zero/NULL instead of throwing "
     "exception"},
    {"String", "abc", "Int32", 6,
     "Cannot parse string 'abc' as Int32: syntax error at begin of string. Note: there are "
     "toInt32OrZero and toInt32OrNull functions, which returns zero/NULL instead of throwing "
     "exception"},
    {"String", "", "Int32", 32,
     "Attempt to read after eof: Cannot parse Int32 from String, because value is too short"},
    {"String", "1e3", "Int32", 6,
     "Cannot parse string '1e3' as Int32: syntax error at position 1 (parsed just '1'). Note: "
     "there are toInt32OrZero and toInt32OrNull functions, which returns zero/NULL instead of "
     "throwing exception"},
    {"String", "99999999999999999999", "Int64", 0, "7766279631452241919"},
    {"String", "18446744073709551616", "UInt64", 0, "0"},
    {"String", "abc", "Float64", 72,
     "Cannot read floating point value here: abc: Cannot parse Float64 from String"},
    {"String", "1.5x", "Float64", 6,
     "Cannot parse string '1.5x' as Float64: syntax error at position 3 (parsed just '1.5'). Note: "
     "there are toFloat64OrZero and toFloat64OrNull functions, which returns zero/NULL instead of "
     "throwing exception"},
    {"String", "1e400", "Float64", 0, "inf"},
    {"String", "true|1|yes", "Bool", 0, "true\ttrue\ttrue"},
    {"String", "abc", "Bool", 467,
     "Cannot parse boolean value here: 'abc', should be 'true' or 'false' controlled by setting "
     "bool_true_representation and bool_false_representation or one of "
     "True/False/T/F/Y/N/Yes/No/On/Off/Enable/Disable/Enabled/Disabled/1/0"},
    {"String", "2020-01-01", "Date", 0, "2020-01-01"},
    {"String", "x", "Date", 38,
     "Cannot parse date: value is too short: Cannot parse Date from String"},
    {"String", "x", "DateTime", 41,
     "Cannot read DateTime: unexpected alphabetical character: Cannot parse DateTime from String"},
    {"String", "5|5.555", "Decimal(9,2)", 0, "5\t5.55"},
    {"String", "abc", "Decimal(9,2)", 6,
     "Cannot parse string 'abc' as Decimal(9, 2): syntax error at begin of string"},
    {"String", "a", "Nothing", 70, "Conversion from String to Nothing is not supported"},
    {"UInt8", "1", "Nothing", 70, "Conversion from UInt8 to Nothing is not supported"},
    {"Int8", "-1", "UInt16", 0, "65535"},
    {"Int8", "-1", "Float32", 0, "-1"},
    {"UInt64", "18446744073709551615", "Int8", 0, "-1"},
    {"Array(Int32)", "[1,2]", "Array(String)", 0, "['1','2']"},
    {"String", "[1,2]", "Array(UInt8)", 0, "[1,2]"},
    {"Tuple(Int32, String)", "(1,'a')", "Tuple(String, String)", 0, "('1','a')"},
    {"Tuple(Int32, String)", "(1,'a')", "Tuple(a UInt8, b String)", 0, "(1,'a')"},
    {"Tuple(UInt8, String)", "(1,'a')", "Tuple(UInt8)", 53,
     "CAST AS Tuple can only be performed between tuple types with the same number of elements or "
     "from String."},
    {"Array(Nullable(Int32))", "[1,NULL]", "Array(Int8)", 349,
     "Cannot convert NULL value to non-Nullable type"},
    {"Array(Int32)", "[1,2]", "String", 0, "[1,2]"},
    {"Tuple(Int32,Int32)", "(1,2)", "String", 0, "(1,2)"},
    {"UInt8", "1", "Array(UInt8)", 53,
     "CAST AS Array can only be performed between same-dimensional Array, Map or String types"},
    {"Date", "2020-01-01", "String", 0, "2020-01-01"},
    {"Float64", "0.1|1e21|-0|nan", "String", 0, "0.1\t1e21\t-0\tnan"},
    {"LowCardinality(String)", "a", "UInt8", 6,
     "Cannot parse string 'a' as UInt8: syntax error at begin of string. Note: there are "
     "toUInt8OrZero and toUInt8OrNull functions, which returns zero/NULL instead of throwing "
     "exception"},
    {"LowCardinality(String)", "5", "Nullable(UInt8)", 0, "5"},
    {"String", "7", "LowCardinality(Nullable(String))", 0, "7"},
    {"Float64", "1.5", "Date32", 0, "1970-01-02"},
    {"Date", "2020-01-01", "Bool", 0, "true"},
    {"DateTime64(1, 'UTC')", "1969-12-31 23:59:59.5", "Date", 0, "1970-01-01"},
    {"DateTime64(1, 'UTC')", "1969-12-31 23:59:59.5", "Int64", 0, "0"},
    {"DateTime64(1, 'UTC')", "1969-12-31 23:59:59.5", "Float64", 0, "-0.5"},
    {"DateTime64(1, 'UTC')", "1969-12-31 23:59:59.5", "Date32", 0, "1969-12-31"},
    {"DateTime64(1, 'UTC')", "1969-12-31 23:59:59.5", "DateTime64(0, 'UTC')", 0,
     "1970-01-01 00:00:00"},
    {"Float64", "nan|-1e10|1e10", "Date32", 0, "1900-01-01\t1900-01-01\t2286-11-20"},
    {"Float32", "1.5|1e10", "Date", 0, "1970-01-02\t2106-02-07"},
    {"FixedString(2)", "5", "Int32", 0, "5"},
    {"FixedString(3)", "a", "String", 0, "a"},
    {"Enum8('a'=1,'b'=2)", "a|b", "FixedString(3)", 0, "a\\0\\0\tb\\0\\0"},
    {"Enum16('x'=1000)", "x", "String", 0, "x"},
    {"Bool", "true|false", "String", 0, "true\tfalse"},
    {"Decimal(9,2)", "1.5|-0.01", "String", 0, "1.5\t-0.01"},
    {"Decimal(38,10)", "-12345678901234567890.0123456789", "String", 0,
     "-12345678901234567890.0123456789"},
    {"Int64", "-9223372036854775808", "String", 0, "-9223372036854775808"},
    {"UInt64", "18446744073709551615", "String", 0, "18446744073709551615"},
    {"Float32", "0.1|1e-7", "String", 0, "0.1\t1e-7"},
    {"Date32", "1900-01-01", "String", 0, "1900-01-01"},
    {"DateTime('Asia/Tokyo')", "2020-01-01 09:00:00", "String", 0, "2020-01-01 09:00:00"},
    {"DateTime64(3, 'UTC')", "2020-01-01 00:00:00.123", "String", 0, "2020-01-01 00:00:00.123"},
    {"UUID", "61f0c404-5cb3-11e7-907b-a6006ad3dba0", "UUID", 0,
     "61f0c404-5cb3-11e7-907b-a6006ad3dba0"},
    {"String", "(1,'a')", "Tuple(Int8, String)", 0, "(1,'a')"},
    {"String", "[[1],[2,3]]", "Array(Array(Int64))", 0, "[[1],[2,3]]"},
    {"Array(Array(Int32))", "[[1],[2,3]]", "Array(Array(String))", 0, "[['1'],['2','3']]"},
    {"Array(String)", "['1','x']", "Array(Int32)", 6,
     "Cannot parse string 'x' as Int32: syntax error at begin of string. Note: there are "
     "toInt32OrZero and toInt32OrNull functions, which returns zero/NULL instead of throwing "
     "exception"},
    {"Array(Int32)", "[1,2]", "Array(Array(Int32))", 53,
     "CAST AS Array can only be performed between same-dimensional array types"},
    {"Int32", "1577836800", "DateTime('Asia/Tokyo')", 0, "2020-01-01 09:00:00"},
    {"Int32", "1577836800", "DateTime64(3, 'Asia/Tokyo')", 0, "2020-01-01 09:00:00.000"},
    {"Date", "2020-01-01", "DateTime64(3, 'Asia/Tokyo')", 0, "2020-01-01 00:00:00.000"},
    {"DateTime('Asia/Tokyo')", "2020-01-01 00:00:00", "DateTime('UTC')", 0, "2019-12-31 15:00:00"},
    {"DateTime('Asia/Tokyo')", "2020-01-01 00:00:00", "DateTime64(3, 'UTC')", 0,
     "2019-12-31 15:00:00.000"},
    {"DateTime64(3, 'Asia/Tokyo')", "2020-01-01 00:00:00.000", "Date", 0, "2020-01-01"},
    {"Date", "2149-06-06", "DateTime", 0, "2013-04-29 17:31:44"},
    {"Date", "2020-01-01", "Date32", 0, "2020-01-01"},
    {"Decimal(9,2)", "1.5", "Decimal(9,2)", 0, "1.5"},
    {"Decimal(9,2)", "-1.5", "Decimal(38,20)", 0, "-1.5"},
    {"Decimal(38,0)", "99999999999999999999999999999999999999", "Decimal(38,2)", 0,
     "1318113592927845595621363844787218676.76"},
    {"Decimal(38,0)", "99999999999999999999999999999999999999", "Float64", 0, "1e38"},
    {"Decimal(38,0)", "-99999999999999999999999999999999999999", "Int64", 407, "Convert overflow"},
    {"Decimal(18,4)", "-1.9999", "Int8", 0, "-1"},
    {"Float32", "1.7", "Decimal(9,1)", 0, "1.7"},
    {"Float64", "-0.001", "Decimal(9,2)", 0, "0"},
    {"Float64", "123456789.5", "Decimal(9,0)", 0, "123456789"},
    {"UInt8", "200", "Int8", 0, "-56"},
    {"Int8", "-100", "UInt64", 0, "18446744073709551516"},
    {"UInt32", "4294967295", "Float32", 0, "4294967300"},
    {"Int32", "-1", "Float64", 0, "-1"},
    {"Bool", "true", "Date", 0, "1970-01-02"},
    {"Bool", "true", "DateTime", 0, "1970-01-01 00:00:01"},
    {"Bool", "true", "Enum8('a'=1)", 0, "a"},
    {"Enum8('a'=1,'b'=2)", "b", "Bool", 0, "true"},
    {"Enum8('a'=-1)", "a", "UInt8", 0, "255"},
    {"Enum8('a'=-1)", "a", "DateTime", 0, "2106-02-07 06:28:15"},
    {"Enum8('a'=-1)", "a", "DateTime64(3)", 70,
     "Conversion from Enum8('a' = -1) to DateTime64(3) is not supported"},
    {"UInt16", "65535", "Enum16('a'=1)", 70, "Value 65535 cannot be converted to enum type"},
    {"Int16", "-32768", "Enum16('a'=-32768)", 0, "a"},
    {"Float64", "1e100", "Enum8('a'=1)", 70, "Value 1e100 cannot be converted to enum type"},
    {"Float64", "nan", "Enum8('a'=1)", 691, "Unexpected value 0 in enum"},
    {"String", "a", "Enum16('a'=1000,'b'=-5)", 0, "a"},
    {"String", "B", "Enum8('a'=1,'b'=2)", 691,
     "Unknown element 'B' for enum, maybe you meant: ['b']"},
    {"String", "", "Enum8('a'=1,'b'=2)", 691, "Unknown element '' for enum"},
    {"String", "abcdefgh", "Enum8('abcdefgx'=1,'zzz'=2)", 691,
     "Unknown element 'abcdefgh' for enum, maybe you meant: ['abcdefgx']"},
    {"String", "1", "Enum8('a'=1,'b'=2)", 0, "a"},
    {"Tuple(Int32, String)", "(1,'a')", "String", 0, "(1,\\'a\\')"},
    {"Tuple(a Int32, b String)", "(1,'a')", "String", 0, "(1,\\'a\\')"},
    {"String", "1", "Nullable(Nothing)", 70, "Conversion from String to Nothing is not supported"},
    {"String", "5", "Enum8('a'=1)", 691, "Unknown element '5' for enum, maybe you meant: ['a']"},
    {"String", "-1", "Enum8('a'=1,'b'=-1)", 0, "b"},
    {"String", " 1", "Enum8('a'=1)", 691, "Unknown element ' 1' for enum"},
    {"String", "300", "Enum8('a'=1)", 691, "Unknown element '300' for enum"},
    {"Enum8('a'=-1)", "a", "Date", 0, "2149-06-06"},
    {"Enum8('a'=-1)", "a", "Date32", 0, "1969-12-31"},
    {"Decimal(18,0)", "100000000000000000", "Decimal(18,2)", 407,
     "Decimal convert overflow while multiplying 100000000000000000 by scale 100"},
    {"Decimal(38,0)", "1000000000000000000000000000000", "Decimal(18,2)", 407,
     "Decimal convert overflow: 100000000000000000000000000000000 is not in range "
     "(-9223372036854775808, 9223372036854775807)"},
    {"Decimal(9,0)", "100000000", "Decimal(9,2)", 407,
     "Decimal convert overflow while multiplying 100000000 by scale 100"},
    {"Decimal(9,0)", "100000000", "Decimal(18,12)", 407,
     "Decimal convert overflow while multiplying 100000000 by scale 1000000000000"},
    {"Decimal(18,0)", "900000000000000000", "Decimal(38,30)", 0,
     "119148813.496116168123537116931047817216"},
    {"Float32", "1e30", "Enum8('a'=1)", 70, "Value 1e30 cannot be converted to enum type"},
    {"Float64", "127.5|-128.5", "Enum8('a'=1)", 70, "Value 127.5 cannot be converted to enum type"},
    {"DateTime64(1, 'UTC')", "1969-12-31 12:00:00.5|1969-12-30 00:00:00.5", "Date", 0,
     "2149-06-06\t2149-06-05"},
    {"DateTime64(1, 'UTC')", "1969-12-31 12:00:00.5|1969-12-30 00:00:00.5", "Date32", 0,
     "1969-12-31\t1969-12-30"},
    {"DateTime64(1, 'UTC')", "1969-12-31 23:59:59.5", "DateTime", 0, "2106-02-07 06:28:15"},
    {"Decimal(18,1)", "-1.5", "DateTime64(3)", 0, "1969-12-31 23:59:58.500"},
    {"Decimal(38,1)", "1e30", "DateTime64(3)", 407,
     "DateTime64 convert overflow: 1000000000000000000000000000000000 is not in range "
     "(-9223372036854775808, 9223372036854775807)"},
    {"UInt8", "0|255|17", "UInt16", 0, "0\t255\t17"},
    {"UInt8", "0|255|17", "UInt32", 0, "0\t255\t17"},
    {"UInt8", "0|255|17", "Int8", 0, "0\t-1\t17"},
    {"UInt8", "0|255|17", "Int32", 0, "0\t255\t17"},
    {"UInt8", "0|255|17", "Int64", 0, "0\t255\t17"},
    {"UInt8", "0|255|17", "Float64", 0, "0\t255\t17"},
    {"UInt8", "0|255|17", "Bool", 0, "false\ttrue\ttrue"},
    {"UInt8", "0|255|17", "Decimal(9,3)", 0, "0\t255\t17"},
    {"UInt8", "0|255|17", "Decimal(18,6)", 0, "0\t255\t17"},
    {"UInt8", "0|255|17", "Decimal(38,10)", 0, "0\t255\t17"},
    {"UInt8", "0|255|17", "Date32", 0, "1970-01-01\t1970-09-13\t1970-01-18"},
    {"UInt8", "0|255|17", "DateTime('UTC')", 0,
     "1970-01-01 00:00:00\t1970-01-01 00:04:15\t1970-01-01 00:00:17"},
    {"UInt16", "65535|300", "UInt64", 0, "65535\t300"},
    {"UInt16", "65535|300", "Int16", 0, "-1\t300"},
    {"UInt16", "65535|300", "Int64", 0, "65535\t300"},
    {"UInt16", "65535|300", "Float32", 0, "65535\t300"},
    {"UInt16", "65535|300", "Float64", 0, "65535\t300"},
    {"UInt16", "65535|300", "Bool", 0, "true\ttrue"},
    {"UInt16", "65535|300", "Decimal(18,6)", 0, "65535\t300"},
    {"UInt16", "65535|300", "Date32", 0, "2149-06-06\t1970-10-28"},
    {"UInt16", "65535|300", "DateTime64(3, 'UTC')", 0,
     "1970-01-01 18:12:15.000\t1970-01-01 00:05:00.000"},
    {"UInt32", "4294967295|100000", "UInt8", 0, "255\t160"},
    {"UInt32", "4294967295|100000", "UInt16", 0, "65535\t34464"},
    {"UInt32", "4294967295|100000", "Int8", 0, "-1\t-96"},
    {"UInt32", "4294967295|100000", "Int16", 0, "-1\t-31072"},
    {"UInt32", "4294967295|100000", "Float32", 0, "4294967300\t100000"},
    {"UInt32", "4294967295|100000", "Decimal(9,3)", 407, "Decimal convert overflow"},
    {"UInt32", "4294967295|100000", "DateTime('UTC')", 0,
     "2106-02-07 06:28:15\t1970-01-02 03:46:40"},
    {"UInt64", "18446744073709551615|9223372036854775808|12345678901", "UInt8", 0, "255\t0\t53"},
    {"UInt64", "18446744073709551615|9223372036854775808|12345678901", "UInt16", 0,
     "65535\t0\t7221"},
    {"UInt64", "18446744073709551615|9223372036854775808|12345678901", "Int8", 0, "-1\t0\t53"},
    {"UInt64", "18446744073709551615|9223372036854775808|12345678901", "Int32", 0,
     "-1\t0\t-539222987"},
    {"UInt64", "18446744073709551615|9223372036854775808|12345678901", "Decimal(9,3)", 407,
     "Decimal convert overflow"},
    {"Int8", "-128|127|-1", "UInt32", 0, "4294967168\t127\t4294967295"},
    {"Int8", "-128|127|-1", "Float32", 0, "-128\t127\t-1"},
    {"Int8", "-128|127|-1", "Float64", 0, "-128\t127\t-1"},
    {"Int8", "-128|127|-1", "Decimal(9,3)", 0, "-128\t127\t-1"},
    {"Int8", "-128|127|-1", "Decimal(38,10)", 0, "-128\t127\t-1"},
    {"Int8", "-128|127|-1", "Date", 0, "1970-01-01\t1970-05-08\t1970-01-01"},
    {"Int8", "-128|127|-1", "Date32", 0, "1969-08-26\t1970-05-08\t1969-12-31"},
    {"Int8", "-128|127|-1", "DateTime64(3, 'UTC')", 0,
     "1969-12-31 23:57:52.000\t1970-01-01 00:02:07.000\t1969-12-31 23:59:59.000"},
    {"Int16", "-32768|32767", "UInt8", 0, "0\t255"},
    {"Int16", "-32768|32767", "UInt16", 0, "32768\t32767"},
    {"Int16", "-32768|32767", "UInt64", 0, "18446744073709518848\t32767"},
    {"Int16", "-32768|32767", "Int8", 0, "0\t-1"},
    {"Int16", "-32768|32767", "Bool", 0, "true\ttrue"},
    {"Int16", "-32768|32767", "Decimal(9,3)", 0, "-32768\t32767"},
    {"Int16", "-32768|32767", "Decimal(18,6)", 0, "-32768\t32767"},
    {"Int16", "-32768|32767", "Date32", 0, "1900-01-01\t2059-09-18"},
    {"Int16", "-32768|32767", "DateTime('UTC')", 0, "1970-01-01 00:00:00\t1970-01-01 09:06:07"},
    {"Int16", "-32768|32767", "DateTime64(3, 'UTC')", 0,
     "1969-12-31 14:53:52.000\t1970-01-01 09:06:07.000"},
    {"Int32", "-2147483648|2147483647|-100000", "UInt8", 0, "0\t255\t96"},
    {"Int32", "-2147483648|2147483647|-100000", "UInt64", 0,
     "18446744071562067968\t2147483647\t18446744073709451616"},
    {"Int32", "-2147483648|2147483647|-100000", "Int8", 0, "0\t-1\t96"},
    {"Int32", "-2147483648|2147483647|-100000", "Int16", 0, "0\t-1\t31072"},
    {"Int32", "-2147483648|2147483647|-100000", "Int64", 0, "-2147483648\t2147483647\t-100000"},
    {"Int32", "-2147483648|2147483647|-100000", "Date", 0, "1970-01-01\t2038-01-19\t1970-01-01"},
    {"Int64", "-9223372036854775808|9223372036854775807|-5000000000", "UInt16", 0,
     "0\t65535\t3584"},
    {"Int64", "-9223372036854775808|9223372036854775807|-5000000000", "UInt32", 0,
     "0\t4294967295\t3589934592"},
    {"Int64", "-9223372036854775808|9223372036854775807|-5000000000", "UInt64", 0,
     "9223372036854775808\t9223372036854775807\t18446744068709551616"},
    {"Int64", "-9223372036854775808|9223372036854775807|-5000000000", "Int16", 0, "0\t-1\t3584"},
    {"Int64", "-9223372036854775808|9223372036854775807|-5000000000", "Int32", 0,
     "0\t-1\t-705032704"},
    {"Int64", "-9223372036854775808|9223372036854775807|-5000000000", "Float32", 0,
     "-9223372000000000000\t9223372000000000000\t-5000000000"},
    {"Int64", "-9223372036854775808|9223372036854775807|-5000000000", "Float64", 0,
     "-9223372036854776000\t9223372036854776000\t-5000000000"},
    {"Int64", "-9223372036854775808|9223372036854775807|-5000000000", "Bool", 0,
     "true\ttrue\ttrue"},
    {"Int64", "-9223372036854775808|9223372036854775807|-5000000000", "Decimal(9,3)", 407,
     "Decimal convert overflow"},
    {"Int64", "-9223372036854775808|9223372036854775807|-5000000000", "Decimal(18,6)", 407,
     "Decimal convert overflow"},
    {"Int64", "-9223372036854775808|9223372036854775807|-5000000000", "Decimal(38,10)", 0,
     "-9223372036854775808\t9223372036854775807\t-5000000000"},
    {"Int64", "-9223372036854775808|9223372036854775807|-5000000000", "Date", 0,
     "1970-01-01\t2106-02-07\t1970-01-01"},
    {"Int64", "-9223372036854775808|9223372036854775807|-5000000000", "Date32", 0,
     "1900-01-01\t2299-12-31\t1900-01-01"},
    {"Int64", "-9223372036854775808|9223372036854775807|-5000000000", "DateTime('UTC')", 0,
     "1970-01-01 00:00:00\t2106-02-07 06:28:15\t1970-01-01 00:00:00"},
    {"Float32", "1.5|-2.75|3e9|-0.001|16777217", "UInt16", 0, "1\t65534\t0\t0\t0"},
    {"Float32", "1.5|-2.75|3e9|-0.001|16777217", "UInt32", 0,
     "1\t4294967294\t3000000000\t0\t16777216"},
    {"Float32", "1.5|-2.75|3e9|-0.001|16777217", "UInt64", 0,
     "1\t18446744073709551614\t3000000000\t0\t16777216"},
    {"Float32", "1.5|-2.75|3e9|-0.001|16777217", "Int8", 0, "1\t-2\t0\t0\t0"},
    {"Float32", "1.5|-2.75|3e9|-0.001|16777217", "Int16", 0, "1\t-2\t0\t0\t0"},
    {"Float32", "1.5|-2.75|3e9|-0.001|16777217", "Decimal(9,3)", 407,
     "Decimal convert overflow. Float is out of Decimal range"},
    {"Float32", "1.5|-2.75|3e9|-0.001|16777217", "Decimal(18,6)", 0,
     "1.5\t-2.75\t3000000028.082176\t-0.001\t16777216"},
    {"Float32", "1.5|-2.75|3e9|-0.001|16777217", "Decimal(38,10)", 0,
     "1.5000000512\t-2.7499999232\t922337203.6854775808\t-0.001\t16777216"},
    {"Float32", "1.5|-2.75|3e9|-0.001|16777217", "Date", 0,
     "1970-01-02\t1970-01-01\t2065-01-24\t1970-01-01\t1970-07-14"},
    {"Float32", "1.5|-2.75|3e9|-0.001|16777217", "DateTime('UTC')", 0,
     "1970-01-01 00:00:01\t1970-01-01 00:00:00\t2065-01-24 05:20:00\t1970-01-01 "
     "00:00:00\t1970-07-14 04:20:16"},
    {"Float32", "1.5|-2.75|3e9|-0.001|16777217", "DateTime64(3, 'UTC')", 0,
     "1970-01-01 00:00:01.500\t1969-12-31 23:59:57.250\t2065-01-24 05:20:53.248\t1969-12-31 "
     "23:59:59.999\t1970-07-14 04:20:16.000"},
    {"Float64", "1e15|-1e15|0.125|-123456.789|4294967296.5", "UInt32", 0,
     "2764472320\t1530494976\t0\t4294843840\t0"},
    {"Float64", "1e15|-1e15|0.125|-123456.789|4294967296.5", "Int8", 0, "0\t0\t0\t-64\t0"},
    {"Float64", "1e15|-1e15|0.125|-123456.789|4294967296.5", "Bool", 0,
     "true\ttrue\ttrue\ttrue\ttrue"},
    {"Float64", "1e15|-1e15|0.125|-123456.789|4294967296.5", "Decimal(9,3)", 407,
     "Decimal convert overflow. Float is out of Decimal range"},
    {"Float64", "1e15|-1e15|0.125|-123456.789|4294967296.5", "Decimal(18,6)", 407,
     "Decimal convert overflow. Float is out of Decimal range"},
    {"Float64", "1e15|-1e15|0.125|-123456.789|4294967296.5", "DateTime('UTC')", 0,
     "2106-02-07 06:28:15\t1970-01-01 00:00:00\t1970-01-01 00:00:00\t1970-01-01 "
     "00:00:00\t2106-02-07 06:28:15"},
    {"Float64", "1e15|-1e15|0.125|-123456.789|4294967296.5", "DateTime64(3, 'UTC')", 0,
     "9999-12-31 23:59:59.000\t0000-01-01 00:00:00.000\t1970-01-01 00:00:00.125\t1969-12-30 "
     "13:42:23.211\t2106-02-07 06:28:16.500"},
    {"Bool", "true|false", "Int32", 0, "1\t0"},
    {"Bool", "true|false", "Float32", 0, "1\t0"},
    {"Bool", "true|false", "Float64", 0, "1\t0"},
    {"Bool", "true|false", "Decimal(9,3)", 0, "1\t0"},
    {"Bool", "true|false", "Decimal(18,6)", 0, "1\t0"},
    {"Bool", "true|false", "Decimal(38,10)", 0, "1\t0"},
    {"Bool", "true|false", "DateTime('UTC')", 0, "1970-01-01 00:00:01\t1970-01-01 00:00:00"},
    {"Decimal(9,3)", "-999999.999|1.5|0.001", "UInt32", 407, "Convert overflow"},
    {"Decimal(9,3)", "-999999.999|1.5|0.001", "UInt64", 407, "Convert overflow"},
    {"Decimal(9,3)", "-999999.999|1.5|0.001", "Int8", 407, "Convert overflow"},
    {"Decimal(9,3)", "-999999.999|1.5|0.001", "Int16", 407, "Convert overflow"},
    {"Decimal(9,3)", "-999999.999|1.5|0.001", "Int32", 0, "-999999\t1\t0"},
    {"Decimal(9,3)", "-999999.999|1.5|0.001", "Date", 44,
     "Illegal column Decimal32 of first argument of function toDate"},
    {"Decimal(18,6)", "123456789012.345678|-0.000001", "UInt32", 407, "Convert overflow"},
    {"Decimal(18,6)", "123456789012.345678|-0.000001", "Int8", 407, "Convert overflow"},
    {"Decimal(18,6)", "123456789012.345678|-0.000001", "Int64", 0, "123456789012\t0"},
    {"Decimal(18,6)", "123456789012.345678|-0.000001", "Float32", 0, "123456790000\t-0.000001"},
    {"Decimal(18,6)", "123456789012.345678|-0.000001", "Decimal(9,3)", 407,
     "Decimal convert overflow: 123456789012345 is not in range (-2147483648, 2147483647)"},
    {"Decimal(18,6)", "123456789012.345678|-0.000001", "Decimal(38,10)", 0,
     "123456789012.345678\t-0.000001"},
    {"Decimal(18,6)", "123456789012.345678|-0.000001", "Date", 44,
     "Illegal column Decimal64 of first argument of function toDate"},
    {"Decimal(18,6)", "123456789012.345678|-0.000001", "DateTime64(3, 'UTC')", 0,
     "5882-03-11 00:30:12.345\t1970-01-01 00:00:00.000"},
    {"Decimal(38,10)", "-1234567890123456789012.0123456789|5", "UInt64", 407, "Convert overflow"},
    {"Decimal(38,10)", "-1234567890123456789012.0123456789|5", "Int16", 407, "Convert overflow"},
    {"Decimal(38,10)", "-1234567890123456789012.0123456789|5", "Int32", 407, "Convert overflow"},
    {"Decimal(38,10)", "-1234567890123456789012.0123456789|5", "Decimal(9,3)", 407,
     "Decimal convert overflow: -1234567890123456789012012 is not in range (-2147483648, "
     "2147483647)"},
    {"Decimal(38,10)", "-1234567890123456789012.0123456789|5", "Date32", 44,
     "Illegal column Decimal128 of first argument of function toDate32"},
    {"Decimal(38,10)", "-1234567890123456789012.0123456789|5", "DateTime('UTC')", 44,
     "Illegal column Decimal128 of first argument of function toDateTime"},
    {"Decimal(38,10)", "-1234567890123456789012.0123456789|5", "DateTime64(3, 'UTC')", 407,
     "DateTime64 convert overflow: -1234567890123456789012012 is not in range "
     "(-9223372036854775808, 9223372036854775807)"},
    {"Date", "2020-02-29|1970-01-01|2149-06-06", "UInt8", 0, "145\t0\t255"},
    {"Date", "2020-02-29|1970-01-01|2149-06-06", "UInt32", 0, "18321\t0\t65535"},
    {"Date", "2020-02-29|1970-01-01|2149-06-06", "UInt64", 0, "18321\t0\t65535"},
    {"Date", "2020-02-29|1970-01-01|2149-06-06", "Int8", 0, "-111\t0\t-1"},
    {"Date", "2020-02-29|1970-01-01|2149-06-06", "Int32", 0, "18321\t0\t65535"},
    {"Date", "2020-02-29|1970-01-01|2149-06-06", "Bool", 0, "true\tfalse\ttrue"},
    {"Date", "2020-02-29|1970-01-01|2149-06-06", "DateTime('UTC')", 0,
     "2020-02-29 00:00:00\t1970-01-01 00:00:00\t2013-04-29 17:31:44"},
    {"Date", "2020-02-29|1970-01-01|2149-06-06", "DateTime64(3, 'UTC')", 0,
     "2020-02-29 00:00:00.000\t1970-01-01 00:00:00.000\t2149-06-06 00:00:00.000"},
    {"Date32", "1900-01-01|2299-12-31|1969-12-31", "UInt8", 0, "33\t209\t255"},
    {"Date32", "1900-01-01|2299-12-31|1969-12-31", "UInt16", 0, "39969\t54993\t65535"},
    {"Date32", "1900-01-01|2299-12-31|1969-12-31", "UInt64", 0,
     "18446744073709526049\t120529\t18446744073709551615"},
    {"Date32", "1900-01-01|2299-12-31|1969-12-31", "Int64", 0, "-25567\t120529\t-1"},
    {"Date32", "1900-01-01|2299-12-31|1969-12-31", "Decimal(9,3)", 44,
     "Illegal column Int32 of first argument of function CAST"},
    {"Date32", "1900-01-01|2299-12-31|1969-12-31", "Decimal(38,10)", 44,
     "Illegal column Int32 of first argument of function CAST"},
    {"Date32", "1900-01-01|2299-12-31|1969-12-31", "Date", 0, "2079-06-07\t2120-07-26\t2149-06-06"},
    {"DateTime('UTC')", "2020-01-01 12:34:56|2106-02-07 06:28:15", "UInt64", 0,
     "1577882096\t4294967295"},
    {"DateTime('UTC')", "2020-01-01 12:34:56|2106-02-07 06:28:15", "Date32", 0,
     "2020-01-01\t2106-02-07"},
    {"DateTime64(3, 'UTC')",
     "1969-12-31 23:59:59.999|2020-06-01 00:00:00.001|1900-01-01 00:00:00.000", "UInt32", 407,
     "Convert overflow"},
    {"DateTime64(3, 'UTC')",
     "1969-12-31 23:59:59.999|2020-06-01 00:00:00.001|1900-01-01 00:00:00.000", "UInt64", 407,
     "Convert overflow"},
    {"DateTime64(3, 'UTC')",
     "1969-12-31 23:59:59.999|2020-06-01 00:00:00.001|1900-01-01 00:00:00.000", "Int8", 407,
     "Convert overflow"},
    {"DateTime64(3, 'UTC')",
     "1969-12-31 23:59:59.999|2020-06-01 00:00:00.001|1900-01-01 00:00:00.000", "Int16", 407,
     "Convert overflow"},
    {"DateTime64(3, 'UTC')",
     "1969-12-31 23:59:59.999|2020-06-01 00:00:00.001|1900-01-01 00:00:00.000", "Int32", 407,
     "Convert overflow"},
    {"DateTime64(3, 'UTC')",
     "1969-12-31 23:59:59.999|2020-06-01 00:00:00.001|1900-01-01 00:00:00.000", "Int64", 0,
     "0\t1590969600\t-2208988800"},
    {"DateTime64(3, 'UTC')",
     "1969-12-31 23:59:59.999|2020-06-01 00:00:00.001|1900-01-01 00:00:00.000", "Decimal(9,3)", 407,
     "Decimal convert overflow: 1590969600001 is not in range (-2147483648, 2147483647)"},
    {"DateTime64(3, 'UTC')",
     "1969-12-31 23:59:59.999|2020-06-01 00:00:00.001|1900-01-01 00:00:00.000", "Date", 0,
     "1970-01-01\t2020-06-01\t2079-06-07"},
    {"Float64", "1e20|1.5e30|-1e20|1e19|9.3e18", "Decimal(38,0)", 0,
     "100000000000000000003\t1499999999999999889145572693192\t-"
     "100000000000000000003\t10000000000000000000\t9300000000000000000"},
    {"Float32", "1e20|1e19|-1e19|1e18", "Decimal(38,0)", 0,
     "9223372036854775808\t9223372036854775808\t-9223372036854775808\t999999984306749440"},
    {"Float32", "1e10|-3e9", "Decimal(38,10)", 0, "922337203.6854775808\t-922337203.6854775808"},
};

static void test_cast_table(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof cast_cases / sizeof cast_cases[0]; i++) {
        const struct cast_case *k = &cast_cases[i];
        floe_column *src = column_of(k->from, k->values);
        floe_column *out = NULL;
        floe_error_clear();
        int rc = floe_cast_column(&out, src, T(k->to), FLOE_CAST_THROW, NULL);
        if (k->code == 0) {
            char *got = rc == 0 ? render(out) : NULL;
            if (rc != 0 || strcmp(got, k->expect) != 0) {
                print_error("CAST(%s '%s' AS %s): want '%s', got '%s'\n", k->from, k->values, k->to,
                            k->expect, rc ? floe_error_message() : got);
                failures++;
            } else if (out->type != T(k->to) || out->rows != src->rows) {
                print_error("CAST(%s AS %s): wrong result type or rows\n", k->from, k->to);
                failures++;
            }
            floe_free(got);
        } else {
            /* ClickHouse's multi-line messages are compared on their first line */
            const char *msg = floe_error_message();
            const char *nl = strchr(msg, '\n');
            size_t len = nl ? (size_t)(nl - msg) : strlen(msg);
            if (rc == 0 || floe_error_code() != k->code || len != strlen(k->expect) ||
                memcmp(msg, k->expect, len) != 0) {
                print_error("CAST(%s '%s' AS %s): want error %d '%s', got %d '%s'\n", k->from,
                            k->values, k->to, k->code, k->expect, floe_error_code(),
                            rc ? msg : "success");
                failures++;
            }
            assert_null(out);
        }
        floe_column_free(out);
        floe_column_free(src);
    }
    assert_int_equal(failures, 0);
}

static void expect_rows(const char *from, const char *values, const char *to, floe_cast_mode mode,
                        const char *want)
{
    floe_column *src = column_of(from, values);
    floe_column *out;
    if (floe_cast_column(&out, src, T(to), mode, NULL) != 0)
        fail_msg("%s -> %s: %s", from, to, floe_error_message());
    char *got = render(out);
    if (strcmp(got, want) != 0)
        fail_msg("%s '%s' -> %s (mode %d): want '%s', got '%s'", from, values, to, (int)mode, want,
                 got);
    floe_free(got);
    floe_column_free(out);
    floe_column_free(src);
}

/* toTOrZero / toTOrNull */
static void test_or_modes(void **state)
{
    (void)state;
    expect_rows("String", "abc", "Int32", FLOE_CAST_OR_ZERO, "0");
    expect_rows("String", "abc", "Nullable(Int32)", FLOE_CAST_OR_NULL, "\\N");
    expect_rows("String", "300", "UInt8", FLOE_CAST_OR_ZERO, "0");
    expect_rows("String", "-1", "Nullable(UInt8)", FLOE_CAST_OR_NULL, "\\N");
    expect_rows("String", "-128|128", "Nullable(Int8)", FLOE_CAST_OR_NULL, "-128\t\\N");
    expect_rows("String", "18446744073709551616", "UInt64", FLOE_CAST_OR_ZERO, "0");
    expect_rows("String", "18446744073709551615", "Nullable(UInt64)", FLOE_CAST_OR_NULL,
                "18446744073709551615");
    expect_rows("String", "-9223372036854775808|9223372036854775808", "Nullable(Int64)",
                FLOE_CAST_OR_NULL, "-9223372036854775808\t\\N");
    expect_rows("String", "99999999999999999999", "Int64", FLOE_CAST_OR_ZERO, "0");
    expect_rows("String", "-129", "Int8", FLOE_CAST_OR_ZERO, "0");
    expect_rows("String", "65535", "Nullable(UInt16)", FLOE_CAST_OR_NULL, "65535");
    expect_rows("String", "", "Nullable(Int32)", FLOE_CAST_OR_NULL, "\\N");
    expect_rows("String", "1e400", "Float32", FLOE_CAST_OR_ZERO, "inf");
    expect_rows("String", "1.5x", "Nullable(Float64)", FLOE_CAST_OR_NULL, "\\N");
    expect_rows("String", "abc", "Decimal(18, 3)", FLOE_CAST_OR_ZERO, "0");
    expect_rows("String", "x", "Date", FLOE_CAST_OR_ZERO, "1970-01-01");
    expect_rows("String", "x", "Nullable(Date)", FLOE_CAST_OR_NULL, "\\N");
    expect_rows("String", "x", "UUID", FLOE_CAST_OR_ZERO, "00000000-0000-0000-0000-000000000000");
    expect_rows("String", "2020-01-01 00:00:00", "Nullable(DateTime('UTC'))", FLOE_CAST_OR_NULL,
                "2020-01-01 00:00:00");
    /* OR_NULL into a non-Nullable type behaves as OR_ZERO */
    expect_rows("String", "abc|7", "Int32", FLOE_CAST_OR_NULL, "0\t7");
    /* numbers too: a value that does not fit is zero / NULL, not an error */
    expect_rows("Float64", "nan|2", "Nullable(Int32)", FLOE_CAST_OR_NULL, "\\N\t2");
    expect_rows("Decimal(9, 0)", "300|3", "UInt8", FLOE_CAST_OR_ZERO, "0\t3");
    /* accurateCastOrNull: numbers that do not fit exactly */
    expect_rows("Int32", "300|-1|255", "Nullable(UInt8)", FLOE_CAST_OR_NULL, "\\N\t\\N\t255");
    expect_rows("Float64", "1.5|255|-0.5|1e20", "Nullable(UInt8)", FLOE_CAST_OR_NULL,
                "\\N\t255\t\\N\t\\N");
    expect_rows("Float64", "1e20|nan", "Nullable(Int64)", FLOE_CAST_OR_NULL, "\\N\t\\N");
    expect_rows("Float64", "1e300|0.5", "Nullable(Float32)", FLOE_CAST_OR_NULL, "\\N\t0.5");
    expect_rows("Int32", "16777217|16777216", "Nullable(Float32)", FLOE_CAST_OR_NULL,
                "\\N\t16777216");
    expect_rows("Int64", "-1|5000000000|7", "Nullable(DateTime('UTC'))", FLOE_CAST_OR_NULL,
                "\\N\t\\N\t1970-01-01 00:00:07");
    expect_rows("UInt64", "18446744073709551615", "Nullable(Int64)", FLOE_CAST_OR_NULL, "\\N");
    expect_rows("Int32", "-1", "Nullable(UInt64)", FLOE_CAST_OR_NULL, "\\N");
    expect_rows("Int32", "100000|70000", "Nullable(Date)", FLOE_CAST_OR_NULL,
                "1970-01-02\t1970-01-01");
    expect_rows("Float64", "1.5|1e10", "Nullable(Decimal(9, 0))", FLOE_CAST_OR_NULL, "1\t\\N");
}

static void test_nullable(void **state)
{
    (void)state;
    /* NULLs pass through into Nullable types untouched by conversion */
    expect_rows("Nullable(Int32)", "1|NULL|-3", "Nullable(Int64)", FLOE_CAST_THROW, "1\t\\N\t-3");
    expect_rows("Nullable(String)", "x|NULL", "Nullable(String)", FLOE_CAST_THROW, "x\t\\N");
    expect_rows("Nullable(Int32)", "1|2", "UInt8", FLOE_CAST_THROW, "1\t2");
    expect_rows("Int32", "1|2", "Nullable(UInt8)", FLOE_CAST_THROW, "1\t2");
    /* a NULL row does not fail even where its default would not convert */
    expect_rows("Nullable(String)", "NULL|5", "Nullable(Int32)", FLOE_CAST_THROW, "\\N\t5");
    /* text that does not parse into a Nullable type is NULL (CAST('-1', 'Nullable(UInt8)')) */
    expect_rows("String", "-1|7", "Nullable(UInt8)", FLOE_CAST_THROW, "\\N\t7");
    /* NULL into a non-Nullable type: zero in OR_ZERO mode */
    expect_rows("Nullable(Int32)", "NULL|4", "Int32", FLOE_CAST_OR_ZERO, "0\t4");
    /* Nothing: NULLs */
    expect_rows("Nullable(Nothing)", "NULL|NULL", "Nullable(String)", FLOE_CAST_THROW, "\\N\t\\N");
    expect_rows("Nullable(Nothing)", "NULL", "Array(Int8)", FLOE_CAST_OR_ZERO, "[]");
    /* CAST([] AS Array(UInt8)): the empty array's elements are bare Nothing */
    expect_rows("Array(Nothing)", "[]|[]", "Array(UInt8)", FLOE_CAST_THROW, "[]\t[]");
    expect_rows("Array(Nothing)", "[]", "Array(Nullable(String))", FLOE_CAST_THROW, "[]");
    /* LowCardinality is transparent */
    expect_rows("LowCardinality(String)", "a|bb", "String", FLOE_CAST_THROW, "a\tbb");
    expect_rows("String", "a|bb", "LowCardinality(String)", FLOE_CAST_THROW, "a\tbb");
    expect_rows("LowCardinality(Nullable(String))", "1|NULL", "Nullable(Int8)", FLOE_CAST_THROW,
                "1\t\\N");
    /* inside arrays and tuples */
    expect_rows("Array(Nullable(Int32))", "[1,NULL]|[]", "Array(Nullable(String))", FLOE_CAST_THROW,
                "['1',NULL]\t[]");
    expect_rows("Tuple(Int32, Nullable(String))", "(1,NULL)", "Tuple(a Int64, b Nullable(String))",
                FLOE_CAST_THROW, "(1,NULL)");
}

/* Whole columns, checked against C's own conversions (the loops are
 * vectorised per type pair, so every width pair is run once). */
static void test_wide_columns(void **state)
{
    (void)state;
    enum { N = 5000 };
    floe_column *src = floe_column_new(T("Int64"));
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < N; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int64_t v = (int64_t)x >> (i % 60);
        floe_column_push_fixed(src, &v);
    }
    const int64_t *sv = FLOE_COL_DATA(src, int64_t);
    static const char *const targets[] = {"UInt8", "UInt16", "UInt32", "UInt64",
                                          "Int8",  "Int16",  "Int32",  "Float64"};
    for (size_t k = 0; k < 8; k++) {
        floe_column *out;
        assert_int_equal(floe_cast_column(&out, src, T(targets[k]), FLOE_CAST_THROW, NULL), 0);
        assert_int_equal(out->rows, N);
        for (int i = 0; i < N; i++) {
            int64_t v = sv[i];
            bool ok;
            switch (k) {
            case 0:
                ok = out->data[i] == (uint8_t)v;
                break;
            case 1:
                ok = FLOE_COL_DATA(out, uint16_t)[i] == (uint16_t)v;
                break;
            case 2:
                ok = FLOE_COL_DATA(out, uint32_t)[i] == (uint32_t)v;
                break;
            case 3:
                ok = FLOE_COL_DATA(out, uint64_t)[i] == (uint64_t)v;
                break;
            case 4:
                ok = FLOE_COL_DATA(out, int8_t)[i] == (int8_t)v;
                break;
            case 5:
                ok = FLOE_COL_DATA(out, int16_t)[i] == (int16_t)v;
                break;
            case 6:
                ok = FLOE_COL_DATA(out, int32_t)[i] == (int32_t)v;
                break;
            default:
                ok = FLOE_COL_DATA(out, double)[i] == (double)v;
                break;
            }
            if (!ok)
                fail_msg("row %d value %lld to %s", i, (long long)v, targets[k]);
        }
        floe_column_free(out);
    }
    /* and back: Float64 -> Int32 -> Int64 of in-range values is truncation */
    floe_column *f = floe_column_new(T("Float64"));
    for (int i = 0; i < N; i++) {
        double d = (i - N / 2) * 1234.567;
        floe_column_push_fixed(f, &d);
    }
    floe_column *i32;
    assert_int_equal(floe_cast_column(&i32, f, T("Int32"), FLOE_CAST_THROW, NULL), 0);
    for (int i = 0; i < N; i++)
        assert_int_equal(FLOE_COL_DATA(i32, int32_t)[i], (int32_t)((i - N / 2) * 1234.567));
    floe_column *str;
    assert_int_equal(floe_cast_column(&str, i32, T("String"), FLOE_CAST_THROW, NULL), 0);
    floe_column *back;
    assert_int_equal(floe_cast_column(&back, str, T("Int32"), FLOE_CAST_THROW, NULL), 0);
    assert_memory_equal(back->data, i32->data, (size_t)N * 4);
    floe_column_free(back);
    floe_column_free(str);
    floe_column_free(i32);
    floe_column_free(f);
    floe_column_free(src);
}

/* Date and time conversions that depend on the session zone. */
static void test_session_zone(void **state)
{
    (void)state;
    floe_column *src = column_of("Date", "2020-01-01");
    floe_column *out;
    assert_int_equal(floe_cast_column(&out, src, T("DateTime"), FLOE_CAST_THROW, "Asia/Tokyo"), 0);
    /* toUInt32(CAST(toDate('2020-01-01') AS DateTime)) with session_timezone Asia/Tokyo */
    assert_int_equal(FLOE_COL_DATA(out, uint32_t)[0], 1577804400u);
    floe_column_free(out);
    floe_column_free(src);
    src = column_of("UInt32", "1577836800");
    assert_int_equal(floe_cast_column(&out, src, T("Date"), FLOE_CAST_THROW, "Asia/Tokyo"), 0);
    assert_int_equal(FLOE_COL_DATA(out, uint16_t)[0], 18262); /* 2020-01-01 */
    floe_column_free(out);
    floe_column_free(src);
}

/* name lists; expected common type, or the NO_COMMON_TYPE message */
static const struct common_case {
    const char *types[8];
    const char *expect;
    int code;
} common_cases[] = {
    {{"UInt8", "Int8"}, "Int16", 0},
    {{"UInt16", "Int8"}, "Int32", 0},
    {{"UInt32", "Int8"}, "Int64", 0},
    {{"UInt32", "Int64"}, "Int64", 0},
    {{"UInt8", "UInt64"}, "UInt64", 0},
    {{"UInt8", "Int16"}, "Int16", 0},
    {{"Int8", "UInt32"}, "Int64", 0},
    {{"UInt64", "Int64"},
     "There is no supertype for types Int64, UInt64 because some of them are signed integers and "
     "some are unsigned integers, but there is no signed integer type, that can exactly represent "
     "all required unsigned integer values",
     386},
    {{"UInt64", "Int32"},
     "There is no supertype for types Int32, UInt64 because some of them are signed integers and "
     "some are unsigned integers, but there is no signed integer type, that can exactly represent "
     "all required unsigned integer values",
     386},
    {{"UInt64", "Int16", "UInt8"},
     "There is no supertype for types UInt8, Int16, UInt64 because some of them are signed "
     "integers and some are unsigned integers, but there is no signed integer type, that can "
     "exactly represent all required unsigned integer values",
     386},
    {{"Nullable(UInt64)", "Int64"},
     "There is no supertype for types Int64, UInt64 because some of them are signed integers and "
     "some are unsigned integers, but there is no signed integer type, that can exactly represent "
     "all required unsigned integer values",
     386},
    /* the numeric rules list types in std::unordered_set order */
    {{"UInt64", "Int8", "Float32"},
     "There is no supertype for types Int8, Float32, UInt64 because some of them are signed "
     "integers and some are unsigned integers, but there is no signed integer type, that can "
     "exactly represent all required unsigned integer values",
     386},
    {{"Enum8('a' = 1)", "UInt64", "Int64"},
     "There is no supertype for types Int64, UInt64, Enum8 because some of them are signed "
     "integers and some are unsigned integers, but there is no signed integer type, that can "
     "exactly represent all required unsigned integer values",
     386},
    {{"UInt64", "Int8", "Int16", "Int32", "Float32"},
     "There is no supertype for types Int16, Int8, Float32, Int32, UInt64 because some of them "
     "are signed integers and some are unsigned integers, but there is no signed integer type, "
     "that can exactly represent all required unsigned integer values",
     386},
    {{"Float64", "UInt32", "Int64", "UInt8", "UInt16", "Int8"},
     "There is no supertype for types Int8, UInt16, UInt8, UInt32, Int64, Float64  because some "
     "of them are integers and some are floating point, but there is no floating point type, "
     "that can exactly represent all required integers",
     386},
    {{"Int8", "UUID", "UInt16", "Float32", "UInt64"},
     "There is no supertype for types UInt64, Float32, UUID, UInt16, Int8 because some of them "
     "are numbers and some of them are not",
     386},
    {{"Enum16('a' = 1)", "UInt64", "Int8", "UInt32", "Int16", "Int64", "Float64"},
     "There is no supertype for types Int64, Int16, Enum16, UInt32, Int8, Float64, UInt64 "
     "because some of them are signed integers and some are unsigned integers, but there is no "
     "signed integer type, that can exactly represent all required unsigned integer values",
     386},
    {{"Int8", "Float32"}, "Float32", 0},
    {{"Int16", "Float32"}, "Float32", 0},
    {{"UInt16", "Float32"}, "Float32", 0},
    {{"Int32", "Float32"}, "Float64", 0},
    {{"Float32", "Float64"}, "Float64", 0},
    {{"Int64", "Float64"},
     "There is no supertype for types Float64, Int64  because some of them are integers and some "
     "are floating point, but there is no floating point type, that can exactly represent all "
     "required integers",
     386},
    {{"Int64", "Float32"},
     "There is no supertype for types Float32, Int64  because some of them are integers and some "
     "are floating point, but there is no floating point type, that can exactly represent all "
     "required integers",
     386},
    {{"UInt8", "Bool"}, "UInt8", 0},
    {{"Bool", "Bool"}, "Bool", 0},
    {{"Bool", "Int8"}, "Int16", 0},
    {{"Bool", "Float32"}, "Float32", 0},
    {{"Bool", "UInt64"}, "UInt64", 0},
    {{"String", "FixedString(1)"}, "String", 0},
    {{"FixedString(1)", "FixedString(2)"}, "String", 0},
    {{"FixedString(1)", "FixedString(1)"}, "FixedString(1)", 0},
    {{"String", "UInt8"},
     "There is no supertype for types String, UInt8 because some of them are "
     "String/FixedString/Enum and some of them are not",
     386},
    {{"Bool", "String"},
     "There is no supertype for types Bool, String because some of them are "
     "String/FixedString/Enum and some of them are not",
     386},
    {{"UUID", "String"},
     "There is no supertype for types UUID, String because some of them are "
     "String/FixedString/Enum and some of them are not",
     386},
    {{"UUID", "UInt8"},
     "There is no supertype for types UInt8, UUID because some of them are numbers and some of "
     "them are not",
     386},
    {{"UInt8", "UUID"},
     "There is no supertype for types UUID, UInt8 because some of them are numbers and some of "
     "them are not",
     386},
    {{"Date", "DateTime"}, "DateTime", 0},
    {{"Date", "Date32"}, "Date32", 0},
    {{"Date32", "DateTime"}, "DateTime64(0)", 0},
    {{"Date", "DateTime64(3)"}, "DateTime64(3)", 0},
    {{"DateTime", "DateTime64(3)"}, "DateTime64(3)", 0},
    {{"DateTime64(6)", "DateTime64(3)"}, "DateTime64(6)", 0},
    {{"DateTime('UTC')", "DateTime('Asia/Tokyo')"}, "DateTime('UTC')", 0},
    {{"DateTime('UTC')", "DateTime"}, "DateTime('UTC')", 0},
    {{"DateTime", "DateTime('UTC')"}, "DateTime", 0},
    {{"DateTime('UTC')", "DateTime('Asia/Tokyo')", "DateTime"}, "DateTime('UTC')", 0},
    {{"DateTime64(3, 'UTC')", "DateTime64(6, 'Asia/Tokyo')"}, "DateTime64(6, 'Asia/Tokyo')", 0},
    {{"DateTime64(3, 'Asia/Tokyo')", "DateTime64(3)"}, "DateTime64(3, 'Asia/Tokyo')", 0},
    {{"DateTime('Asia/Tokyo')", "DateTime64(3)"}, "DateTime64(3)", 0},
    {{"Date", "DateTime('Asia/Tokyo')"}, "DateTime('Asia/Tokyo')", 0},
    {{"DateTime('Asia/Tokyo')", "Date"}, "DateTime('Asia/Tokyo')", 0},
    {{"Date32", "DateTime64(3, 'Asia/Tokyo')"}, "DateTime64(3, 'Asia/Tokyo')", 0},
    {{"Date32", "DateTime('Asia/Tokyo')", "DateTime('UTC')"}, "DateTime64(0)", 0},
    {{"Date", "UInt8"},
     "There is no supertype for types Date, UInt8 because some of them are "
     "Date/Date32/DateTime/DateTime64/Time/Time64 and some of them are not",
     386},
    {{"Decimal(9, 2)", "Date"},
     "There is no supertype for types Decimal(9, 2), Date because some of them are "
     "Date/Date32/DateTime/DateTime64/Time/Time64 and some of them are not",
     386},
    {{"Decimal(9, 2)", "Decimal(9, 3)"}, "Decimal(9, 3)", 0},
    {{"Decimal(9, 2)", "Decimal(18, 3)"}, "Decimal(18, 3)", 0},
    {{"Decimal(9, 2)", "Int8"}, "Decimal(9, 2)", 0},
    {{"Decimal(9, 2)", "Int32"}, "Decimal(18, 2)", 0},
    {{"Decimal(9, 2)", "UInt32"}, "Decimal(18, 2)", 0},
    {{"Decimal(9, 2)", "Int64"}, "Decimal(38, 2)", 0},
    {{"Decimal(18, 2)", "UInt64"}, "Decimal(38, 2)", 0},
    {{"Decimal(18, 17)", "Int64"}, "Decimal(38, 17)", 0},
    {{"Decimal(9, 2)", "Bool"}, "Decimal(9, 2)", 0},
    {{"Decimal(38, 30)", "Decimal(38, 10)"}, "Decimal(38, 30)", 0},
    {{"Decimal(9, 2)", "Float64"},
     "There is no supertype for types Decimal(9, 2), Float64 because some of them have no "
     "lossless conversion to Decimal",
     386},
    {{"Decimal(9, 2)", "Decimal(9, 2)", "Float64"},
     "There is no supertype for types Decimal(9, 2), Decimal(9, 2), Float64 because some of them "
     "have no lossless conversion to Decimal",
     386},
    {{"Decimal(9, 2)", "UUID"},
     "There is no supertype for types Decimal(9, 2), UUID because some of them have no lossless "
     "conversion to Decimal",
     386},
    {{"Nullable(Nothing)", "UInt8"}, "Nullable(UInt8)", 0},
    {{"Nullable(Nothing)", "Nullable(Nothing)"}, "Nullable(Nothing)", 0},
    {{"Nullable(UInt8)", "UInt8"}, "Nullable(UInt8)", 0},
    {{"Nullable(Int8)", "UInt8"}, "Nullable(Int16)", 0},
    {{"Nothing", "UInt8"}, "UInt8", 0},
    {{"Array(UInt8)", "Array(Int8)"}, "Array(Int16)", 0},
    {{"Array(Nothing)", "Array(UInt8)"}, "Array(UInt8)", 0},
    {{"Array(Nullable(Nothing))", "Array(UInt8)"}, "Array(Nullable(UInt8))", 0},
    {{"Array(UInt8)", "UInt8"},
     "There is no supertype for types Array(UInt8), UInt8 because some of them are Array and some "
     "of them are not",
     386},
    {{"Nullable(Nothing)", "Array(UInt8)"},
     "There is no supertype for types Nullable(Nothing), Array(UInt8) because some of them are "
     "Array and some of them are not",
     386},
    {{"Tuple(UInt8, String)", "Tuple(Int8, String)"}, "Tuple(Int16, String)", 0},
    {{"Tuple(a UInt8, b String)", "Tuple(a Int8, b String)"}, "Tuple(a Int16, b String)", 0},
    {{"Tuple(a UInt8, b String)", "Tuple(x Int8, b String)"}, "Tuple(Int16, String)", 0},
    {{"Tuple(a UInt8, b String)", "Tuple(UInt8, String)"}, "Tuple(UInt8, String)", 0},
    {{"Nullable(Nothing)", "Tuple(UInt8, UInt8)"}, "Nullable(Tuple(UInt8, UInt8))", 0},
    {{"Tuple(UInt8, String)", "Tuple(UInt8, String, UInt8)"},
     "There is no supertype for types Tuple(UInt8, String), Tuple(UInt8, String, UInt8) because "
     "Tuples have different sizes",
     386},
    {{"UInt8", "Tuple(UInt8, UInt8)"},
     "There is no supertype for types UInt8, Tuple(UInt8, UInt8) because some of them are Tuple "
     "and some of them are not",
     386},
    {{"Tuple(UInt8, String)", "Tuple(UInt8, UInt8)"},
     "There is no supertype for types String, UInt8 because some of them are "
     "String/FixedString/Enum and some of them are not",
     386},
    {{"Enum8('a' = 1)", "String"}, "String", 0},
    {{"Enum8('a' = 1)", "Enum8('a' = 1)"}, "Enum8('a' = 1)", 0},
    {{"Enum8('a' = 1)", "Enum8('a' = 1, 'b' = 2)"}, "Int8", 0},
    {{"Enum8('a' = 1)", "Enum16('a' = 1)"}, "Int16", 0},
    {{"Enum8('a' = 1)", "UInt8"}, "Int16", 0},
    {{"LowCardinality(String)", "String"}, "String", 0},
    {{"LowCardinality(String)", "LowCardinality(String)"}, "LowCardinality(String)", 0},
    {{"LowCardinality(String)", "Nullable(Nothing)"}, "Nullable(String)", 0},
    {{"LowCardinality(Nullable(String))", "String"}, "Nullable(String)", 0},
    {{"LowCardinality(String)", "UInt8"},
     "There is no supertype for types String, UInt8 because some of them are "
     "String/FixedString/Enum and some of them are not",
     386},
};

static void test_common_types(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof common_cases / sizeof common_cases[0]; i++) {
        const struct common_case *c = &common_cases[i];
        const floe_type *types[8];
        size_t n = 0;
        while (n < 8 && c->types[n])
            types[n] = T(c->types[n]), n++;
        const floe_type *got = NULL;
        floe_error_clear();
        int rc = floe_common_type(&got, types, n);
        if (c->code == 0) {
            if (rc != 0 || got != T(c->expect)) {
                print_error("common(%s, %s): want %s, got %s\n", c->types[0], c->types[1],
                            c->expect, rc ? floe_error_message() : got->name);
                failures++;
            }
        } else if (rc == 0 || floe_error_code() != c->code ||
                   strcmp(floe_error_message(), c->expect) != 0) {
            print_error("common(%s, %s): want '%s', got '%s'\n", c->types[0], c->types[1],
                        c->expect, rc ? floe_error_message() : got->name);
            failures++;
        }
    }
    /* one type is itself; none is Nothing */
    const floe_type *one = T("Decimal(10, 2)"), *got;
    assert_int_equal(floe_common_type(&got, &one, 1), 0);
    assert_ptr_equal(got, one);
    assert_int_equal(floe_common_type(&got, NULL, 0), 0);
    assert_ptr_equal(got, T("Nothing"));
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cast_table),   cmocka_unit_test(test_or_modes),
        cmocka_unit_test(test_nullable),     cmocka_unit_test(test_wide_columns),
        cmocka_unit_test(test_session_zone), cmocka_unit_test(test_common_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
