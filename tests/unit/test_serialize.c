// FLOE_UNIT_DEPS: base types
/*
 * Values as text: every type written in every style (TSVRaw, TSV, CSV,
 * JSONEachRow, Values) and parsed back, the JSON quoting settings, NULLs,
 * ClickHouse's parse forms, wrap-around and error codes and messages. Every
 * expected string comes from chref (hex(formatRowNoNewline(FORMAT, CAST(text,
 * type))) and SELECT CAST(...) / toT(...)).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "types/column.h"
#include "types/serialize.h"
#include "types/type.h"

typedef struct bytes {
    const char *p;
    size_t n;
} bytes;
#define S(lit)                                                                                     \
    {                                                                                              \
        lit, sizeof(lit) - 1                                                                       \
    }

typedef struct style_case {
    const char *type;
    const char *text;
    bytes out[5]; /* PLAIN, TSV, CSV, JSON, QUOTED */
} style_case;

static const floe_text_style styles[5] = {FLOE_TEXT_PLAIN, FLOE_TEXT_TSV, FLOE_TEXT_CSV,
                                          FLOE_TEXT_JSON, FLOE_TEXT_QUOTED};

/* Generated from chref with output_format_json_quote_64bit_integers=0 (the
 * 26.7 default). */
static const style_case style_cases[] = {
    {"UInt8", "255", {S("255"), S("255"), S("255"), S("255"), S("255")}},
    {"UInt16", "65535", {S("65535"), S("65535"), S("65535"), S("65535"), S("65535")}},
    {"UInt32",
     "4294967295",
     {S("4294967295"), S("4294967295"), S("4294967295"), S("4294967295"), S("4294967295")}},
    {"UInt64",
     "18446744073709551615",
     {S("18446744073709551615"), S("18446744073709551615"), S("18446744073709551615"),
      S("18446744073709551615"), S("18446744073709551615")}},
    {"Int8", "-128", {S("-128"), S("-128"), S("-128"), S("-128"), S("-128")}},
    {"Int16", "-32768", {S("-32768"), S("-32768"), S("-32768"), S("-32768"), S("-32768")}},
    {"Int32",
     "-2147483648",
     {S("-2147483648"), S("-2147483648"), S("-2147483648"), S("-2147483648"), S("-2147483648")}},
    {"Int64",
     "-9223372036854775808",
     {S("-9223372036854775808"), S("-9223372036854775808"), S("-9223372036854775808"),
      S("-9223372036854775808"), S("-9223372036854775808")}},
    {"Float64", "0.1", {S("0.1"), S("0.1"), S("0.1"), S("0.1"), S("0.1")}},
    {"Float64", "1e21", {S("1e21"), S("1e21"), S("1e21"), S("1e21"), S("1e21")}},
    {"Float64",
     "1e20",
     {S("100000000000000000000"), S("100000000000000000000"), S("100000000000000000000"),
      S("100000000000000000000"), S("100000000000000000000")}},
    {"Float64", "-1.5e-7", {S("-1.5e-7"), S("-1.5e-7"), S("-1.5e-7"), S("-1.5e-7"), S("-1.5e-7")}},
    {"Float64", "0.0001", {S("0.0001"), S("0.0001"), S("0.0001"), S("0.0001"), S("0.0001")}},
    {"Float64", "inf", {S("inf"), S("inf"), S("inf"), S("null"), S("inf")}},
    {"Float64", "-inf", {S("-inf"), S("-inf"), S("-inf"), S("null"), S("-inf")}},
    {"Float64", "nan", {S("nan"), S("nan"), S("nan"), S("null"), S("nan")}},
    {"Float64", "-0", {S("-0"), S("-0"), S("-0"), S("-0"), S("-0")}},
    {"Float64",
     "123456789.123",
     {S("123456789.123"), S("123456789.123"), S("123456789.123"), S("123456789.123"),
      S("123456789.123")}},
    {"Float64", "1e-7", {S("1e-7"), S("1e-7"), S("1e-7"), S("1e-7"), S("1e-7")}},
    {"Float64",
     "0.000001",
     {S("0.000001"), S("0.000001"), S("0.000001"), S("0.000001"), S("0.000001")}},
    {"Float64", "5e-324", {S("5e-324"), S("5e-324"), S("5e-324"), S("5e-324"), S("5e-324")}},
    {"Float64",
     "1.7976931348623157e308",
     {S("1.7976931348623157e308"), S("1.7976931348623157e308"), S("1.7976931348623157e308"),
      S("1.7976931348623157e308"), S("1.7976931348623157e308")}},
    {"Float32", "0.1", {S("0.1"), S("0.1"), S("0.1"), S("0.1"), S("0.1")}},
    {"Float32",
     "3.4028235e38",
     {S("3.4028235e38"), S("3.4028235e38"), S("3.4028235e38"), S("3.4028235e38"),
      S("3.4028235e38")}},
    {"Float32", "1e-45", {S("1e-45"), S("1e-45"), S("1e-45"), S("1e-45"), S("1e-45")}},
    {"Float32",
     "16777217",
     {S("16777216"), S("16777216"), S("16777216"), S("16777216"), S("16777216")}},
    {"Float32",
     "0.33333334",
     {S("0.33333334"), S("0.33333334"), S("0.33333334"), S("0.33333334"), S("0.33333334")}},
    {"Bool", "true", {S("true"), S("true"), S("true"), S("true"), S("true")}},
    {"Bool", "false", {S("false"), S("false"), S("false"), S("false"), S("false")}},
    {"Bool", "yes", {S("true"), S("true"), S("true"), S("true"), S("true")}},
    {"Bool", "0", {S("false"), S("false"), S("false"), S("false"), S("false")}},
    {"String", "plain", {S("plain"), S("plain"), S("\"plain\""), S("\"plain\""), S("'plain'")}},
    {"String",
     "a\x09"
     "b\x0a"
     "c\\d\x08"
     "e\x0c"
     "f\x0d"
     "g'h\"i/j\x01"
     "k\x7f"
     "l,m",
     {S("a\x09"
        "b\x0a"
        "c\\d\x08"
        "e\x0c"
        "f\x0d"
        "g'h\"i/j\x01"
        "k\x7f"
        "l,m"),
      S("a\\tb\\nc\\\\d\\be\\ff\\rg\\'h\"i/j\x01"
        "k\x7f"
        "l,m"),
      S("\"a\x09"
        "b\x0a"
        "c\\d\x08"
        "e\x0c"
        "f\x0d"
        "g'h\"\"i/j\x01"
        "k\x7f"
        "l,m\""),
      S("\"a\\tb\\nc\\\\d\\be\\ff\\rg'h\\\"i\\/j\\u0001k\x7f"
        "l,m\""),
      S("'a\\tb\\nc\\\\d\\be\\ff\\rg\\'h\"i/j\x01"
        "k\x7f"
        "l,m'")}},
    {"String",
     "\xe2"
     "\x82"
     "\xac"
     " \xe2"
     "\x80"
     "\xa8"
     "x\xe2"
     "\x80"
     "\xa9"
     "",
     {S("\xe2"
        "\x82"
        "\xac"
        " \xe2"
        "\x80"
        "\xa8"
        "x\xe2"
        "\x80"
        "\xa9"
        ""),
      S("\xe2"
        "\x82"
        "\xac"
        " \xe2"
        "\x80"
        "\xa8"
        "x\xe2"
        "\x80"
        "\xa9"
        ""),
      S("\"\xe2"
        "\x82"
        "\xac"
        " \xe2"
        "\x80"
        "\xa8"
        "x\xe2"
        "\x80"
        "\xa9"
        "\""),
      S("\"\xe2"
        "\x82"
        "\xac"
        " \\u2028x\\u2029\""),
      S("'\xe2"
        "\x82"
        "\xac"
        " \xe2"
        "\x80"
        "\xa8"
        "x\xe2"
        "\x80"
        "\xa9"
        "'")}},
    {"String", "", {S(""), S(""), S("\"\""), S("\"\""), S("''")}},
    {"FixedString(4)",
     "ab",
     {S("ab\x00"
        "\x00"
        ""),
      S("ab\\0\\0"),
      S("\"ab\x00"
        "\x00"
        "\""),
      S("\"ab\\u0000\\u0000\""), S("'ab\\0\\0'")}},
    {"Date",
     "2020-01-02",
     {S("2020-01-02"), S("2020-01-02"), S("\"2020-01-02\""), S("\"2020-01-02\""),
      S("'2020-01-02'")}},
    {"Date",
     "2149-06-06",
     {S("2149-06-06"), S("2149-06-06"), S("\"2149-06-06\""), S("\"2149-06-06\""),
      S("'2149-06-06'")}},
    {"Date",
     "1970-01-01",
     {S("1970-01-01"), S("1970-01-01"), S("\"1970-01-01\""), S("\"1970-01-01\""),
      S("'1970-01-01'")}},
    {"Date32",
     "1900-01-01",
     {S("1900-01-01"), S("1900-01-01"), S("\"1900-01-01\""), S("\"1900-01-01\""),
      S("'1900-01-01'")}},
    {"Date32",
     "2299-12-31",
     {S("2299-12-31"), S("2299-12-31"), S("\"2299-12-31\""), S("\"2299-12-31\""),
      S("'2299-12-31'")}},
    {"Date32",
     "1969-12-31",
     {S("1969-12-31"), S("1969-12-31"), S("\"1969-12-31\""), S("\"1969-12-31\""),
      S("'1969-12-31'")}},
    {"DateTime('UTC')",
     "2020-01-02 03:04:05",
     {S("2020-01-02 03:04:05"), S("2020-01-02 03:04:05"), S("\"2020-01-02 03:04:05\""),
      S("\"2020-01-02 03:04:05\""), S("'2020-01-02 03:04:05'")}},
    {"DateTime('Europe/Berlin')",
     "2021-03-28 02:30:00",
     {S("2021-03-28 01:30:00"), S("2021-03-28 01:30:00"), S("\"2021-03-28 01:30:00\""),
      S("\"2021-03-28 01:30:00\""), S("'2021-03-28 01:30:00'")}},
    {"DateTime('Europe/Berlin')",
     "2021-10-31 02:30:00",
     {S("2021-10-31 02:30:00"), S("2021-10-31 02:30:00"), S("\"2021-10-31 02:30:00\""),
      S("\"2021-10-31 02:30:00\""), S("'2021-10-31 02:30:00'")}},
    {"DateTime('Asia/Kolkata')",
     "2020-06-01 12:00:00",
     {S("2020-06-01 12:00:00"), S("2020-06-01 12:00:00"), S("\"2020-06-01 12:00:00\""),
      S("\"2020-06-01 12:00:00\""), S("'2020-06-01 12:00:00'")}},
    {"DateTime('America/New_York')",
     "2106-02-07 06:28:15",
     {S("2106-02-07 01:28:15"), S("2106-02-07 01:28:15"), S("\"2106-02-07 01:28:15\""),
      S("\"2106-02-07 01:28:15\""), S("'2106-02-07 01:28:15'")}},
    {"DateTime64(3, 'UTC')",
     "2020-01-02 03:04:05.123",
     {S("2020-01-02 03:04:05.123"), S("2020-01-02 03:04:05.123"), S("\"2020-01-02 03:04:05.123\""),
      S("\"2020-01-02 03:04:05.123\""), S("'2020-01-02 03:04:05.123'")}},
    {"DateTime64(6, 'UTC')",
     "1950-06-01 00:00:00.5",
     {S("1950-06-01 00:00:00.500000"), S("1950-06-01 00:00:00.500000"),
      S("\"1950-06-01 00:00:00.500000\""), S("\"1950-06-01 00:00:00.500000\""),
      S("'1950-06-01 00:00:00.500000'")}},
    {"DateTime64(0, 'UTC')",
     "2200-01-01 00:00:00",
     {S("2200-01-01 00:00:00"), S("2200-01-01 00:00:00"), S("\"2200-01-01 00:00:00\""),
      S("\"2200-01-01 00:00:00\""), S("'2200-01-01 00:00:00'")}},
    {"DateTime64(1, 'UTC')",
     "1969-12-31 23:59:58.5",
     {S("1969-12-31 23:59:58.5"), S("1969-12-31 23:59:58.5"), S("\"1969-12-31 23:59:58.5\""),
      S("\"1969-12-31 23:59:58.5\""), S("'1969-12-31 23:59:58.5'")}},
    {"DateTime64(9, 'Asia/Kathmandu')",
     "2020-01-01 00:00:00.123456789",
     {S("2020-01-01 00:00:00.123456789"), S("2020-01-01 00:00:00.123456789"),
      S("\"2020-01-01 00:00:00.123456789\""), S("\"2020-01-01 00:00:00.123456789\""),
      S("'2020-01-01 00:00:00.123456789'")}},
    {"UUID",
     "61f0c404-5cb3-11e7-907b-a6006ad3dba0",
     {S("61f0c404-5cb3-11e7-907b-a6006ad3dba0"), S("61f0c404-5cb3-11e7-907b-a6006ad3dba0"),
      S("\"61f0c404-5cb3-11e7-907b-a6006ad3dba0\""), S("\"61f0c404-5cb3-11e7-907b-a6006ad3dba0\""),
      S("'61f0c404-5cb3-11e7-907b-a6006ad3dba0'")}},
    {"UUID",
     "00000000-0000-0000-0000-000000000000",
     {S("00000000-0000-0000-0000-000000000000"), S("00000000-0000-0000-0000-000000000000"),
      S("\"00000000-0000-0000-0000-000000000000\""), S("\"00000000-0000-0000-0000-000000000000\""),
      S("'00000000-0000-0000-0000-000000000000'")}},
    {"Decimal(9, 3)", "1.5", {S("1.5"), S("1.5"), S("1.5"), S("1.5"), S("1.5")}},
    {"Decimal(18, 4)",
     "-0.0001",
     {S("-0.0001"), S("-0.0001"), S("-0.0001"), S("-0.0001"), S("-0.0001")}},
    {"Decimal(38, 10)",
     "12345678901234567890.0123456789",
     {S("12345678901234567890.0123456789"), S("12345678901234567890.0123456789"),
      S("12345678901234567890.0123456789"), S("12345678901234567890.0123456789"),
      S("12345678901234567890.0123456789")}},
    {"Decimal(9, 2)", "100", {S("100"), S("100"), S("100"), S("100"), S("100")}},
    {"Decimal(9, 2)", "0", {S("0"), S("0"), S("0"), S("0"), S("0")}},
    {"Decimal(38, 0)",
     "-99999999999999999999999999999999999999",
     {S("-99999999999999999999999999999999999999"), S("-99999999999999999999999999999999999999"),
      S("-99999999999999999999999999999999999999"), S("-99999999999999999999999999999999999999"),
      S("-99999999999999999999999999999999999999")}},
    {"Enum8('a' = 1, 'b\\'q' = 2)", "a", {S("a"), S("a"), S("\"a\""), S("\"a\""), S("'a'")}},
    {"Enum8('a' = 1, 'b\\'q' = 2)",
     "b'q",
     {S("b'q"), S("b\\'q"), S("\"b'q\""), S("\"b'q\""), S("'b\\'q'")}},
    {"Enum16('x' = -300)", "x", {S("x"), S("x"), S("\"x\""), S("\"x\""), S("'x'")}},
    {"Array(Int32)",
     "[1,2,3]",
     {S("[1,2,3]"), S("[1,2,3]"), S("\"[1,2,3]\""), S("[1,2,3]"), S("[1,2,3]")}},
    {"Array(String)",
     "['a','b\\'c\\td']",
     {S("['a','b\\'c\\td']"), S("['a','b\\'c\\td']"), S("\"['a','b\\'c\\td']\""),
      S("[\"a\",\"b'c\\td\"]"), S("['a','b\\'c\\td']")}},
    {"Array(Nullable(Int32))",
     "[NULL,1]",
     {S("[NULL,1]"), S("[NULL,1]"), S("\"[NULL,1]\""), S("[null,1]"), S("[NULL,1]")}},
    {"Array(Int32)", "[]", {S("[]"), S("[]"), S("\"[]\""), S("[]"), S("[]")}},
    {"Tuple(Int32, String)",
     "(1,'x\"y')",
     {S("(1,'x\"y')"), S("(1,'x\"y')"), S("1,\"x\"\"y\""), S("[1,\"x\\\"y\"]"), S("(1,'x\"y')")}},
    {"Tuple(a Int32, b String)",
     "(1,'x')",
     {S("(1,'x')"), S("(1,'x')"), S("1,\"x\""), S("{\"a\":1,\"b\":\"x\"}"), S("(1,'x')")}},
    {"Array(Array(UInt8))",
     "[[1],[]]",
     {S("[[1],[]]"), S("[[1],[]]"), S("\"[[1],[]]\""), S("[[1],[]]"), S("[[1],[]]")}},
    {"Array(Tuple(Int32, String))",
     "[(1,'a')]",
     {S("[(1,'a')]"), S("[(1,'a')]"), S("\"[(1,'a')]\""), S("[[1,\"a\"]]"), S("[(1,'a')]")}},
    {"LowCardinality(String)", "lc", {S("lc"), S("lc"), S("\"lc\""), S("\"lc\""), S("'lc'")}},
    {"Array(DateTime('UTC'))",
     "['2020-01-02 03:04:05']",
     {S("['2020-01-02 03:04:05']"), S("['2020-01-02 03:04:05']"), S("\"['2020-01-02 03:04:05']\""),
      S("[\"2020-01-02 03:04:05\"]"), S("['2020-01-02 03:04:05']")}},
    {"Array(Float64)",
     "[1.5,inf,nan]",
     {S("[1.5,inf,nan]"), S("[1.5,inf,nan]"), S("\"[1.5,inf,nan]\""), S("[1.5,null,null]"),
      S("[1.5,inf,nan]")}},
    {"Array(Decimal(9, 2))",
     "[1.5,-2]",
     {S("[1.5,-2]"), S("[1.5,-2]"), S("\"[1.5,-2]\""), S("[1.5,-2]"), S("[1.5,-2]")}},
    {"Tuple(Int32, Tuple(String, Nullable(Int32)))",
     "(1,('q',NULL))",
     {S("(1,('q',NULL))"), S("(1,('q',NULL))"), S("1,\"q\",\\N"), S("[1,[\"q\",null]]"),
      S("(1,('q',NULL))")}},
    {"Array(UInt64)",
     "[1,18446744073709551615]",
     {S("[1,18446744073709551615]"), S("[1,18446744073709551615]"),
      S("\"[1,18446744073709551615]\""), S("[1,18446744073709551615]"),
      S("[1,18446744073709551615]")}},
    {"Array(Bool)",
     "[true,false]",
     {S("[true,false]"), S("[true,false]"), S("\"[true,false]\""), S("[true,false]"),
      S("[true,false]")}},
    {"Array(UUID)",
     "['61f0c404-5cb3-11e7-907b-a6006ad3dba0']",
     {S("['61f0c404-5cb3-11e7-907b-a6006ad3dba0']"), S("['61f0c404-5cb3-11e7-907b-a6006ad3dba0']"),
      S("\"['61f0c404-5cb3-11e7-907b-a6006ad3dba0']\""),
      S("[\"61f0c404-5cb3-11e7-907b-a6006ad3dba0\"]"),
      S("['61f0c404-5cb3-11e7-907b-a6006ad3dba0']")}},
    {"Array(Date)",
     "['2020-01-02']",
     {S("['2020-01-02']"), S("['2020-01-02']"), S("\"['2020-01-02']\""), S("[\"2020-01-02\"]"),
      S("['2020-01-02']")}},
    {"Nullable(String)", "x", {S("x"), S("x"), S("\"x\""), S("\"x\""), S("'x'")}},
    {"LowCardinality(Nullable(String))", "y", {S("y"), S("y"), S("\"y\""), S("\"y\""), S("'y'")}},
};

static const floe_type *type_of(const char *name)
{
    const floe_type *t = NULL;
    int rc = floe_type_parse(&t, name, strlen(name));
    if (rc != 0)
        fail_msg("type %s: %s", name, floe_error_message());
    return t;
}

static floe_text_options opts_default(void)
{
    floe_text_options o = FLOE_TEXT_OPTIONS_INIT;
    o.json_quote_64bit_integers = false;
    return o;
}

static void assert_bytes(const char *what, const floe_buf *b, bytes want)
{
    if (b->len != want.n || memcmp(b->data, want.p, want.n) != 0)
        fail_msg("%s: got [%.*s] (%zu bytes), want [%.*s] (%zu bytes)", what, (int)b->len, b->data,
                 b->len, (int)want.n, want.p, want.n);
}

static void test_write_styles(void **state)
{
    (void)state;
    floe_text_options o = opts_default();
    for (size_t i = 0; i < sizeof style_cases / sizeof style_cases[0]; i++) {
        const style_case *sc = &style_cases[i];
        floe_column *c = floe_column_new(type_of(sc->type));
        if (floe_text_parse(c, sc->text, strlen(sc->text), &o) != 0)
            fail_msg("parse %s as %s: %s", sc->text, sc->type, floe_error_message());
        assert_int_equal(c->rows, 1);
        for (int s = 0; s < 5; s++) {
            floe_buf b = FLOE_BUF_INIT;
            floe_text_write(&b, c, 0, styles[s], &o);
            char what[160];
            snprintf(what, sizeof what, "%s '%s' style %d", sc->type, sc->text, s);
            assert_bytes(what, &b, sc->out[s]);
            floe_buf_free(&b);
        }
        floe_column_free(c);
    }
}

/* One value written in one style. */
static void check_write(const char *type, const char *text, floe_text_style style,
                        const floe_text_options *o, bytes want)
{
    floe_column *c = floe_column_new(type_of(type));
    if (floe_text_parse(c, text, strlen(text), o) != 0)
        fail_msg("parse %s as %s: %s", text, type, floe_error_message());
    floe_buf b = FLOE_BUF_INIT;
    floe_text_write(&b, c, c->rows - 1, style, o);
    char what[160];
    snprintf(what, sizeof what, "%s '%s'", type, text);
    assert_bytes(what, &b, want);
    floe_buf_free(&b);
    floe_column_free(c);
}

/* chref: SELECT toUInt64(1) a, toInt64(-2) b, toUInt32(6) f, [toUInt64(7)] g,
 * (toInt64(8), 'x') h, toDecimal64(1.5, 2) i, inf j, nan k, -inf l,
 * toFloat32(inf) m FORMAT JSONEachRow SETTINGS
 * output_format_json_quote_64bit_integers=1, output_format_json_quote_denormals=1,
 * output_format_json_quote_decimals=1
 * -> {"a":"1","b":"-2","f":6,"g":["7"],"h":["8","x"],"i":"1.5","j":"inf",
 *     "k":"nan","l":"-inf","m":"inf"} */
static void test_json_options(void **state)
{
    (void)state;
    floe_text_options o = opts_default();
    o.json_quote_64bit_integers = true;
    o.json_quote_denormals = true;
    o.json_quote_decimals = true;
    check_write("UInt64", "1", FLOE_TEXT_JSON, &o, (bytes)S("\"1\""));
    check_write("Int64", "-2", FLOE_TEXT_JSON, &o, (bytes)S("\"-2\""));
    check_write("UInt32", "6", FLOE_TEXT_JSON, &o, (bytes)S("6"));
    check_write("Array(UInt64)", "[7]", FLOE_TEXT_JSON, &o, (bytes)S("[\"7\"]"));
    check_write("Tuple(Int64, String)", "(8,'x')", FLOE_TEXT_JSON, &o, (bytes)S("[\"8\",\"x\"]"));
    check_write("Decimal(18, 2)", "1.5", FLOE_TEXT_JSON, &o, (bytes)S("\"1.5\""));
    check_write("Float64", "inf", FLOE_TEXT_JSON, &o, (bytes)S("\"inf\""));
    check_write("Float64", "nan", FLOE_TEXT_JSON, &o, (bytes)S("\"nan\""));
    check_write("Float64", "-inf", FLOE_TEXT_JSON, &o, (bytes)S("\"-inf\""));
    check_write("Float32", "inf", FLOE_TEXT_JSON, &o, (bytes)S("\"inf\""));
    /* The settings change only JSON. */
    check_write("UInt64", "1", FLOE_TEXT_CSV, &o, (bytes)S("1"));
    check_write("Decimal(18, 2)", "1.5", FLOE_TEXT_TSV, &o, (bytes)S("1.5"));
}

/* chref: SELECT toDecimal32(1.5, 3), toDecimal32(0, 3), toDecimal32(-0.5, 3),
 * toDecimal32(100, 2), toDecimal64(5, 0), [toDecimal32(1.5, 3)] SETTINGS
 * output_format_decimal_trailing_zeros=1 -> 1.500 0.000 -0.500 100.00 5 [1.500] */
static void test_decimal_zeros(void **state)
{
    (void)state;
    floe_text_options o = opts_default();
    o.decimal_trailing_zeros = true;
    check_write("Decimal(9, 3)", "1.5", FLOE_TEXT_TSV, &o, (bytes)S("1.500"));
    check_write("Decimal(9, 3)", "0", FLOE_TEXT_TSV, &o, (bytes)S("0.000"));
    check_write("Decimal(9, 3)", "-0.5", FLOE_TEXT_TSV, &o, (bytes)S("-0.500"));
    check_write("Decimal(9, 2)", "100", FLOE_TEXT_TSV, &o, (bytes)S("100.00"));
    check_write("Decimal(18, 0)", "5", FLOE_TEXT_TSV, &o, (bytes)S("5"));
    check_write("Array(Decimal(9, 3))", "[1.5]", FLOE_TEXT_TSV, &o, (bytes)S("[1.500]"));
    o.json_quote_decimals = true;
    check_write("Decimal(9, 3)", "1.5", FLOE_TEXT_JSON, &o, (bytes)S("\"1.500\""));
}

/* chref: NULL::Nullable(Int32) in TSVRaw, TSV, CSV -> \N; JSONEachRow -> null;
 * Values -> NULL; inside arrays [NULL,1] / [null,1]. */
static void test_nulls(void **state)
{
    (void)state;
    floe_text_options o = opts_default();
    floe_column *c = floe_column_new(type_of("Nullable(Int32)"));
    floe_column_push_null(c);
    static const bytes want[5] = {S("\\N"), S("\\N"), S("\\N"), S("null"), S("NULL")};
    for (int s = 0; s < 5; s++) {
        floe_buf b = FLOE_BUF_INIT;
        floe_text_write(&b, c, 0, styles[s], &o);
        assert_bytes("NULL", &b, want[s]);
        floe_buf_free(&b);
    }
    floe_column_free(c);

    /* chref: SELECT ['a','b"'] FORMAT CSV -> "['a','b""']" */
    check_write("Array(String)", "['a','b\"']", FLOE_TEXT_CSV, &o, (bytes)S("\"['a','b\"\"']\""));
    check_write("Array(String)", "['\"\"','\"']", FLOE_TEXT_CSV, &o,
                (bytes)S("\"['\"\"\"\"','\"\"']\""));
    /* CSV flattens tuples: (1, [1,2], ('q', NULL)) -> 1,"[1,2]","q",\N */
    check_write("Tuple(Int32, Array(Int32), Tuple(String, Nullable(Int32)))",
                "(1,[1,2],('q',NULL))", FLOE_TEXT_CSV, &o, (bytes)S("1,\"[1,2]\",\"q\",\\N"));
}

/* chref: SELECT toString(toDateTime(1577934245)) SETTINGS
 * session_timezone='Asia/Kolkata' -> 2020-01-02 08:34:05; a zone in the type
 * wins over the session's. */
static void test_session_zone(void **state)
{
    (void)state;
    floe_text_options o = opts_default();
    o.session_tz = "Asia/Kolkata";
    check_write("DateTime", "1577934245", FLOE_TEXT_PLAIN, &o, (bytes)S("2020-01-02 08:34:05"));
    check_write("DateTime('UTC')", "1577934245", FLOE_TEXT_PLAIN, &o,
                (bytes)S("2020-01-02 03:04:05"));
    /* Parsing a local time uses the zone too: 08:34:05 in Kolkata. */
    check_write("DateTime('UTC')", "2020-01-02 08:34:05+05:30", FLOE_TEXT_PLAIN, &o,
                (bytes)S("2020-01-02 03:04:05"));
    o.session_tz = NULL;
    check_write("DateTime", "1577934245", FLOE_TEXT_PLAIN, &o, (bytes)S("2020-01-02 03:04:05"));
}

typedef struct parse_case {
    const char *type;
    const char *text;
    const char *want; /* the value as toString prints it */
} parse_case;

/* chref: SELECT CAST(text AS type) (toUInt8('300') etc.). Integers wrap;
 * dates outside the range clamp or fall back to the default. */
static const parse_case parse_cases[] = {
    {"UInt8", "300", "44"},
    {"UInt64", "18446744073709551616", "0"},
    {"Int64", "-9223372036854775809", "9223372036854775807"},
    {"Int16", "-32769", "32767"},
    {"Int32", "4294967297", "1"},
    {"Int64", "99999999999999999999", "7766279631452241919"},
    {"UInt16", "65536", "0"},
    {"Int32", "+1", "1"},
    {"Int32", "00012", "12"},
    {"Float64", "1.5", "1.5"},
    {"Float64", "1e3", "1000"},
    {"Float64", "+inf", "inf"},
    {"Float64", "INF", "inf"},
    {"Float64", "infinity", "inf"},
    {"Float64", "-nan", "nan"},
    {"Float64", ".5", "0.5"},
    {"Float64", "5.", "5"},
    {"Float64", "-.5", "-0.5"},
    {"Float64", "1E5", "100000"},
    {"Float64", "1e+5", "100000"},
    {"Float64", "1.5e400", "inf"},
    {"Float64", "1e-400", "0"},
    {"Float64", "00012", "12"},
    {"Float32", "16777217", "16777216"},
    {"Bool", "true", "true"},
    {"Bool", "1", "true"},
    {"Bool", "yes", "true"},
    {"Bool", "FALSE", "false"},
    {"Bool", "on", "true"},
    {"Bool", "t", "true"},
    {"Bool", "Y", "true"},
    {"Bool", "enable", "true"},
    {"Date", "2020-01-02", "2020-01-02"},
    {"Date", "2020-1-2", "2020-01-02"},
    {"Date", "20200102", "2020-01-02"},
    {"Date", "2020/01/02", "2020-01-02"},
    {"Date", "2020-01-02 03:04:05", "2020-01-02"},
    {"Date", "2020-01-02T03:04:05", "2020-01-02"},
    {"Date", "2020-01-02 03:04:05.123", "2020-01-02"},
    {"Date32", "20200102", "2020-01-02"},
    {"DateTime('UTC')", "2020-01-02 03:04:05.123+03:00", "2020-01-02 00:04:05"},
    {"DateTime('UTC')", "2020-01-02T03:04:05.5Z", "2020-01-02 03:04:05"},
    {"DateTime64(6, 'UTC')", "2020-01-02T03:04:05.123456Z", "2020-01-02 03:04:05.123456"},
    {"DateTime('Europe/Berlin')", "1577934245", "2020-01-02 04:04:05"},
    {"DateTime('UTC')", "2020-01-02 03:04:05 +0300", "2020-01-02 00:04:05"},
    {"DateTime('UTC')", "2020-01-02 3:04:05", "2020-01-02 03:04:05"},
    {"DateTime('Europe/Berlin')", "2020-01-02 03:04:05 UTC", "2020-01-02 04:04:05"},
    {"Date", "2020-13-01", "1970-01-01"},
    {"Date", "2020-02-30", "2020-03-01"},
    {"Date", "1969-12-31", "1970-01-01"},
    {"Date", "2150-01-01", "2149-06-06"},
    {"Date", "1900-01-01", "1970-01-01"},
    {"Date", "0000-00-00", "1970-01-01"},
    {"Date32", "2020-13-01", "1900-01-01"},
    {"Date32", "1969-12-31", "1969-12-31"},
    {"Date32", "2150-01-01", "2150-01-01"},
    {"Date32", "0000-00-00", "1900-01-01"},
    {"DateTime('UTC')", "2020-01-02 03:04:05", "2020-01-02 03:04:05"},
    {"DateTime('UTC')", "2020-01-02", "2020-01-02 00:00:00"},
    {"DateTime('UTC')", "2020-01-02T03:04:05", "2020-01-02 03:04:05"},
    {"DateTime('UTC')", "2020-01-02T03:04:05Z", "2020-01-02 03:04:05"},
    {"DateTime('UTC')", "2020-01-02 03:04:05.123", "2020-01-02 03:04:05"},
    {"DateTime('UTC')", "1577934245", "2020-01-02 03:04:05"},
    {"DateTime('UTC')", "2020-01-02 03:04", "2020-01-02 03:04:00"},
    {"DateTime('UTC')", "2020-1-2 3:4:5", "2020-01-02 03:04:05"},
    {"DateTime('UTC')", "20200102030405", "2020-01-02 03:04:05"},
    {"DateTime('UTC')", "2020/01/02 03:04:05", "2020-01-02 03:04:05"},
    {"DateTime('UTC')", "1969-12-31 23:59:59", "1970-01-01 00:00:00"},
    {"DateTime('UTC')", "2106-02-07 06:28:15", "2106-02-07 06:28:15"},
    {"DateTime('UTC')", "2106-02-07 06:28:16", "2106-02-07 06:28:15"},
    {"DateTime('UTC')", "2200-01-01 00:00:00", "2106-02-07 06:28:15"},
    {"DateTime('UTC')", "2020-01-02 03:04:05+01:00", "2020-01-02 02:04:05"},
    {"DateTime('UTC')", "2020-01-02 25:00:00", "2020-01-03 01:00:00"},
    {"DateTime('UTC')", "2020-01-02 03:04:05 ", "2020-01-02 03:04:05"},
    {"DateTime('UTC')", " 2020-01-02 03:04:05", "2020-01-02 03:04:05"},
    {"DateTime('Europe/Berlin')", "2021-03-28 02:30:00", "2021-03-28 01:30:00"},
    {"DateTime('Europe/Berlin')", "2021-03-28 03:00:00", "2021-03-28 03:00:00"},
    /* parseDateTimeBestEffort's forms (chDB casts with cast_string_to_date_time_mode =
     * best_effort) */
    {"DateTime('UTC')", "Tue, 02 Jan 2020 03:04:05 GMT", "2020-01-02 03:04:05"},
    {"DateTime64(3, 'Europe/Berlin')", "Sat, 18 Aug 2018 07:22:16 GMT", "2018-08-18 09:22:16.000"},
    {"DateTime('UTC')", "02 Jan 2020 03:04:05", "2020-01-02 03:04:05"},
    {"DateTime('UTC')", "Jan 2 2020 03:04:05", "2020-01-02 03:04:05"},
    {"DateTime('UTC')", "Jan 02, 2020", "2020-01-02 00:00:00"},
    {"DateTime('UTC')", "2 January 2020", "2020-01-02 00:00:00"},
    {"DateTime('UTC')", "02/01/2020 03:04:05", "2020-01-02 03:04:05"},
    {"DateTime('UTC')", "12/31/2020", "2020-12-31 00:00:00"},
    {"DateTime('UTC')", "31-12-2020", "2020-12-31 00:00:00"},
    {"DateTime('UTC')", "02.01.2020", "2020-01-02 00:00:00"},
    {"DateTime('UTC')", "2020.01.02", "2020-01-02 00:00:00"},
    {"DateTime('UTC')", "01/02/70", "1970-02-01 00:00:00"},
    {"DateTime('UTC')", "2020-01", "2020-01-01 00:00:00"},
    {"DateTime('UTC')", "202001", "2020-01-01 00:00:00"},
    {"DateTime('UTC')", "2020-01-02 03:04:05 PM", "2020-01-02 15:04:05"},
    {"DateTime('UTC')", "2020-01-02 12:04:05 AM", "2020-01-02 00:04:05"},
    {"DateTime('UTC')", "2020-01-02T03:04:05+0530", "2020-01-01 21:34:05"},
    {"DateTime('UTC')", "2020-01-02T03:04:05.123-08", "2020-01-02 11:04:05"},
    {"DateTime('UTC')", "2020-01-02 03:04:05 MSK", "2020-01-02 00:04:05"},
    {"DateTime('UTC')", "20200102T030405", "2020-01-02 03:04:05"},
    {"DateTime('UTC')", "2020-01-02 03:04:05Z+01", "2020-01-02 02:04:05"},
    {"DateTime('UTC')", "March 3 2021", "2021-03-03 00:00:00"},
    {"DateTime('UTC')", "2020-01-02,03:04:05", "2020-01-02 03:04:05"},
    {"DateTime('UTC')", "Wednesday, 01 January 2020 10:00:00", "2020-01-01 10:00:00"},
    {"DateTime64(3, 'Europe/Berlin')", "1577934245123", "2020-01-02 04:04:05.123"},
    {"DateTime64(3, 'UTC')", "2020-01-02 03:04:05.123456", "2020-01-02 03:04:05.123"},
    {"DateTime64(3, 'UTC')", "1577934245", "2020-01-02 03:04:05.000"},
    {"DateTime64(3, 'UTC')", "1577934245.5", "2020-01-02 03:04:05.500"},
    {"DateTime64(3, 'UTC')", "1969-12-31 23:59:59", "1969-12-31 23:59:59.000"},
    {"DateTime64(3, 'UTC')", "2200-01-01 00:00:00", "2200-01-01 00:00:00.000"},
    {"Decimal(10, 2)", "1.2345", "1.23"},
    {"Decimal(10, 2)", "1.2355", "1.23"},
    {"Decimal(10, 2)", "-1.2399", "-1.23"},
    {"Decimal(9, 2)", "1e2", "100"},
    {"Decimal(9, 2)", ".5", "0.5"},
    {"Decimal(9, 2)", "5.", "5"},
    {"Decimal(9, 2)", "+1.5", "1.5"},
    {"Decimal(9, 2)", "1234567.89", "1234567.89"},
    {"Decimal(9, 2)", "1e-1", "0.1"},
    {"Decimal(9, 2)", "1.23456789012", "1.23"},
    {"Decimal(9, 2)", "-0.001", "0"},
    {"Decimal(9, 2)", "00001.5", "1.5"},
    {"Decimal(9, 2)", "9999999.999", "9999999.99"},
    {"Decimal(9, 2)", "0.000000000000000000000000000000000000000001", "0"},
    {"Decimal(9, 2)", "-", "0"},
    {"Decimal(9, 0)", "1.", "1"},
    {"Decimal(18, 2)", "1234567890.5", "1234567890.5"},
    {"Decimal(38, 2)", "0.12345678901234567890123456789012345678901", "0.12"},
    {"Decimal(9, 2)", "0.12345678901234567890123456789012345678901", "0.12"},
    {"UUID", "61F0C404-5CB3-11E7-907B-A6006AD3DBA0", "61f0c404-5cb3-11e7-907b-a6006ad3dba0"},
    {"UUID", "61f0c4045cb311e7907ba6006ad3dba0", "61f0c404-5cb3-11e7-907b-a6006ad3dba0"},
    {"Enum8('a' = 1, 'b' = 2)", "b", "b"},
    {"Enum8('a' = 1, 'b' = 2)", "2", "b"},
    {"Array(Int32)", "[1, 2 ,3]", "[1,2,3]"},
    {"Array(Nullable(String))", "['a\\tb', NULL]", "['a\\tb',NULL]"},
    {"Tuple(Int32, String)", "(1, 'x')", "(1,'x')"},
    {"Array(Array(UInt8))", "[[1],[]]", "[[1],[]]"},
    {"Array(Int32)", "[]", "[]"},
    {"Array(Int32)", "[NULL]", "[0]"},
    {"Array(String)", "[NULL]", "['']"},
    {"Array(Nullable(Int32))", "[null]", "[NULL]"},
    {"Tuple(Int32, Int32)", "(NULL,1)", "(0,1)"},
    {"Array(Array(Int32))", "[[1] ,[2]]", "[[1],[2]]"},
    {"Array(Array(Int32))", "[ [1]]", "[[1]]"},
    {"Array(String)", "['a' ,'b']", "['a','b']"},
    {"Array(Float64)", "[1e3]", "[1000]"},
    {"Array(DateTime('UTC'))", "[1577934245]", "['2020-01-02 03:04:05']"},
    {"Array(Bool)", "['yes']", "[true]"},
    {"Array(Bool)", "[True,FALSE]", "[true,false]"},
    {"Array(Date)", "['2020-01-02','2021-02-03']", "['2020-01-02','2021-02-03']"},
    {"Array(Nullable(Float64))", "[1,NULL,nan]", "[1,NULL,nan]"},
    {"Tuple(String, Array(UInt8))", "('x',[1,2])", "('x',[1,2])"},
    {"Array(Decimal(9, 2))", "[1.555,2e1]", "[1.55,20]"},
    {"Decimal(9, 2)", "1.555e-1", "0.15"},
    {"Enum16('x' = -300, 'y' = 300)", "-300", "x"},
    {"Int32", "-0", "0"},
    {"Date32", "2000-02-29", "2000-02-29"},
    {"DateTime('UTC')", "4294967296", "2106-02-07 06:28:15"},
    {"DateTime64(6, 'UTC')", "1577934245.123456789", "2020-01-02 03:04:05.123456"},
};

static void test_parse_values(void **state)
{
    (void)state;
    floe_text_options o = opts_default();
    for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        const parse_case *pc = &parse_cases[i];
        bytes want = {pc->want, strlen(pc->want)};
        check_write(pc->type, pc->text, FLOE_TEXT_PLAIN, &o, want);
    }
}

typedef struct error_case {
    const char *type;
    const char *text;
    int code;
    const char *message; /* ClickHouse's, without the ": In scope ..." suffix */
} error_case;

/* chref: SELECT toT('text') / CAST('text' AS T). */
static const error_case error_cases[] = {
    {"Int32", "abc", 6,
     "Cannot parse string 'abc' as Int32: syntax error at begin of string. Note: there are "
     "toInt32OrZero and toInt32OrNull functions, which returns zero/NULL instead of throwing "
     "exception"},
    {"Int32", "1 ", 6,
     "Cannot parse string '1 ' as Int32: syntax error at position 1 (parsed just '1'). Note: "
     "there are toInt32OrZero and toInt32OrNull functions, which returns zero/NULL instead of "
     "throwing exception"},
    {"Int32", " 1", 6,
     "Cannot parse string ' 1' as Int32: syntax error at begin of string. Note: there are "
     "toInt32OrZero and toInt32OrNull functions, which returns zero/NULL instead of throwing "
     "exception"},
    {"Int8", "1.5", 6,
     "Cannot parse string '1.5' as Int8: syntax error at position 1 (parsed just '1'). Note: "
     "there are toInt8OrZero and toInt8OrNull functions, which returns zero/NULL instead of "
     "throwing exception"},
    {"UInt8", "-1", 72,
     "Unsigned type must not contain '-' symbol: Cannot parse UInt8 from String"},
    {"UInt32", "-", 72,
     "Unsigned type must not contain '-' symbol: Cannot parse UInt32 from String"},
    {"Int32", "", 32,
     "Attempt to read after eof: Cannot parse Int32 from String, because value is too short"},
    {"Float64", "abc", 72,
     "Cannot read floating point value here: abc: Cannot parse Float64 from String"},
    {"Float64", "", 72,
     "Cannot read floating point value here: : Cannot parse Float64 from String"},
    {"Float64", "1e5.5", 6,
     "Cannot parse string '1e5.5' as Float64: syntax error at position 3 (parsed just '1e5'). "
     "Note: there are toFloat64OrZero and toFloat64OrNull functions, which returns zero/NULL "
     "instead of throwing exception"},
    {"Float64", "0x10", 6,
     "Cannot parse string '0x10' as Float64: syntax error at position 1 (parsed just '0'). "
     "Note: there are toFloat64OrZero and toFloat64OrNull functions, which returns zero/NULL "
     "instead of throwing exception"},
    {"Float64", "infin", 6,
     "Cannot parse string 'infin' as Float64: syntax error at position 3 (parsed just 'inf'). "
     "Note: there are toFloat64OrZero and toFloat64OrNull functions, which returns zero/NULL "
     "instead of throwing exception"},
    {"Float64", "1e+", 6,
     "Cannot parse string '1e+' as Float64: syntax error at position 1 (parsed just '1'). "
     "Note: there are toFloat64OrZero and toFloat64OrNull functions, which returns zero/NULL "
     "instead of throwing exception"},
    {"Date", "2020-01-02x", 6,
     "Cannot parse string '2020-01-02x' as Date: syntax error at position 10 (parsed just "
     "'2020-01-02')"},
    {"Date", "12345", 38, "Cannot parse date: value is too short: Cannot parse Date from String"},
    {"Date", "1577934245", 6,
     "Cannot parse string '1577934245' as Date: syntax error at position 8 (parsed just "
     "'15779342')"},
    {"Date", "2020-01-02T03:04:05Z", 6,
     "Cannot parse string '2020-01-02T03:04:05Z' as Date: syntax error at position 10 (parsed "
     "just '2020-01-02')"},
    {"Date", "2020-01-02 ", 6,
     "Cannot parse string '2020-01-02 ' as Date: syntax error at position 10 (parsed just "
     "'2020-01-02')"},
    {"DateTime64(3, 'UTC')", "-1", 41,
     "Cannot read DateTime: neither Date nor Time was parsed successfully: Cannot parse "
     "DateTime64(3, 'UTC') from String"},
    {"Date32", "abc", 38, "Cannot parse date: value is too short: Cannot parse Date32 from String"},
    {"DateTime('UTC')", "x", 41,
     "Cannot read DateTime: unexpected alphabetical character: Cannot parse DateTime('UTC') "
     "from String"},
    {"DateTime('UTC')", "123", 41,
     "Cannot read DateTime: unexpected number of decimal digits: 3: Cannot parse "
     "DateTime('UTC') from String"},
    {"DateTime('UTC')", "2020-02-30 00:00:00", 41,
     "Cannot read DateTime: unexpected date: 2020-2-30: Cannot parse DateTime('UTC') from "
     "String"},
    {"DateTime('UTC')", "Married 2020", 41,
     "Cannot read DateTime: unexpected word: Cannot parse DateTime('UTC') from String"},
    {"DateTime('UTC')", "2020-W01", 41,
     "Cannot read DateTime: unexpected number of decimal digits after year: 0: Cannot parse "
     "DateTime('UTC') from String"},
    {"DateTime('UTC')", "2020-01-02 03h04m05s", 41,
     "Cannot read DateTime: unexpected alphabetical character: Cannot parse DateTime('UTC') "
     "from String"},
    {"DateTime('UTC')", "1577934245.123456", 6,
     "Cannot parse string '1577934245.123456' as DateTime('UTC'): syntax error at position 10 "
     "(parsed just '1577934245')"},
    {"DateTime('UTC')", "2020-01-02 03:04:05;", 6,
     "Cannot parse string '2020-01-02 03:04:05;' as DateTime('UTC'): syntax error at position "
     "19 (parsed just '2020-01-02 03:04:05')"},
    {"DateTime('UTC')", "2020-13-01 00:00:00", 41,
     "Cannot read DateTime: unexpected date: 2020-13-1: Cannot parse DateTime('UTC') from "
     "String"},
    {"Decimal(9, 2)", "123456789", 69,
     "Decimal value is too big: 9 digits were read: '123456789'e0. Expected to read decimal "
     "with scale 2 and precision 9"},
    {"Decimal(9, 2)", "12345678.9", 69,
     "Decimal value is too big: 9 digits were read: '123456789'e-1. Expected to read decimal "
     "with scale 2 and precision 9"},
    {"Decimal(9, 2)", "1e10", 69,
     "Decimal value is too big: 1 digits were read: '1'e10. Expected to read decimal with scale "
     "2 and precision 9"},
    {"Decimal(38, 36)", "123.45", 69,
     "Decimal value is too big: 5 digits were read: '12345'e-2. Expected to read decimal with "
     "scale 36 and precision 38"},
    {"Decimal(9, 2)", "1234567890", 69, "Too many digits (10 > 9) in decimal value"},
    {"Decimal(9, 2)", "1234567890.5", 69, "Too many digits (10 > 9) in decimal value"},
    {"Decimal(18, 2)", "123456789012345678901234567890123456789", 69,
     "Too many digits (19 > 18) in decimal value"},
    {"Decimal(38, 2)", "123456789012345678901234567890123456789", 69,
     "Too many digits (39 > 38) in decimal value"},
    {"Decimal(38, 2)", "99999999999999999999999999999999999999.999", 69,
     "Decimal value is too big: 38 digits were read: '99999999999999999999999999999999999999'e0. "
     "Expected to read decimal with scale 2 and precision 38"},
    {"Decimal(9, 2)", "abc", 6,
     "Cannot parse string 'abc' as Decimal(9, 2): syntax error at begin of string"},
    {"Decimal(9, 2)", "inf", 6,
     "Cannot parse string 'inf' as Decimal(9, 2): syntax error at begin of string"},
    {"Decimal(9, 2)", "1.5x", 6,
     "Cannot parse string '1.5x' as Decimal(9, 2): syntax error at position 3 (parsed just "
     "'1.5')"},
    {"Decimal(9, 2)", "", 32, "Attempt to read after eof"},
    {"UUID", "61f0c404-5cb3-11e7-907b-a6006ad3dba", 376,
     "Cannot parse uuid 61f0c404-5cb3-11e7-907b-a6006ad3dba: Cannot parse UUID from String"},
    {"UUID", "zzf0c404-5cb3-11e7-907b-a6006ad3dba0", 376,
     "Cannot parse UUID from String: invalid format, expected 32 or 36 hexadecimal digits "
     "with dashes at positions 8, 13, 18, 23: Cannot parse UUID from String"},
    {"UUID", "{61f0c404-5cb3-11e7-907b-a6006ad3dba0}", 376,
     "Cannot parse UUID from String: invalid format, expected 32 hexadecimal digits: Cannot "
     "parse UUID from String"},
    {"Bool", "2", 467,
     "Cannot parse boolean value here: '2', should be 'true' or 'false' controlled by setting "
     "bool_true_representation and bool_false_representation or one of "
     "True/False/T/F/Y/N/Yes/No/On/Off/Enable/Disable/Enabled/Disabled/1/0"},
    {"FixedString(2)", "abc", 131, "String too long for type FixedString(2)"},
    {"Array(Int32)", "[1,2", 27, "Cannot parse input: expected ']' at end of stream"},
    {"Array(Date)", "[2020-01-02]", 27, "Cannot parse input: expected '\\'' before: '2020-01-02]'"},
    {"Array(DateTime('UTC'))", "[2020-01-02 00:00:00]", 130,
     "Cannot read array from text, expected comma or end of array, found '-'"},
    {"Array(Bool)", "[t]", 27, "Cannot parse input: expected 'true' before: ']'"},
    {"Array(Bool)", "[1,0]", 130,
     "Cannot read array from text, expected comma or end of array, found '1'"},
    {"Array(Enum8('a' = 1, 'b' = 2))", "['a',2]", 26,
     "Cannot parse quoted string: expected opening quote ''', got '2'"},
    {"Array(UUID)", "[61f0c404-5cb3-11e7-907b-a6006ad3dba0]", 26,
     "Cannot parse quoted string: expected opening quote ''', got '6'"},
    {"Int32", "--1", 72,
     "Cannot parse number with multiple sign (+/-) characters: Cannot parse Int32 from String"},
    {"Bool", "", 467, "Expected boolean value but get EOF"},
    {"Decimal(9, 2)", "1e", 72, "Cannot parse exponent while reading decimal"},
    {"UUID", "61f0c404-5cb3-11e7-907b-a6006ad3dba0 ", 6,
     "Cannot parse string '61f0c404-5cb3-11e7-907b-a6006ad3dba0 ' as UUID: syntax error at "
     "position 36 (parsed just '61f0c404-5cb3-11e7-907b-a6006ad3dba0')"},
    {"Array(Int32)", " [1]", 130, "Array does not start with '[' character"},
    {"Array(Int32)", "[1] ", 632, "Unexpected data ' ' after parsed Array value '[1]'"},
    {"Array(Int32)", "[1.5]", 130,
     "Cannot read array from text, expected comma or end of array, found '.'"},
    {"Array(Int32)", "[1 2]", 130,
     "Cannot read array from text, expected comma or end of array, found '2'"},
    {"Array(Int32)", "[abc]", 130,
     "Cannot read array from text, expected comma or end of array, found 'a'"},
    {"Array(UInt8)", "[-1]", 130,
     "Cannot read array from text, expected comma or end of array, found '-'"},
    {"Array(Tuple(Int32, String))", "[(1,'a')]x", 632,
     "Unexpected data 'x' after parsed Array value '[(1,'a')]'"},
    {"Tuple(Int32, Int32)", "(1,2", 27, "Cannot parse input: expected ')' at end of stream"},
    {"Tuple(Int32, Int32)", "(1)", 27, "Cannot parse input: expected ',' before: ')'"},
    {"Tuple(Int32, Int32)", " (1,2)", 27, "Cannot parse input: expected '(' before: ' (1,2)'"},
    {"Tuple(Int32, Int32)", "(1,2)x", 632, "Unexpected data 'x' after parsed Tuple value '(1,2)'"},
    {"Array(String)", "[\"a\"]", 26,
     "Cannot parse quoted string: expected opening quote ''', got '\"'"},
};

static void test_parse_errors(void **state)
{
    (void)state;
    floe_text_options o = opts_default();
    for (size_t i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++) {
        const error_case *ec = &error_cases[i];
        floe_column *c = floe_column_new(type_of(ec->type));
        floe_error_clear();
        int rc = floe_text_parse(c, ec->text, strlen(ec->text), &o);
        if (rc == 0)
            fail_msg("%s '%s' parsed", ec->type, ec->text);
        assert_int_equal(c->rows, 0);
        if (floe_error_code() != ec->code || strcmp(floe_error_message(), ec->message) != 0)
            fail_msg("%s '%s': got %d [%s], want %d [%s]", ec->type, ec->text, floe_error_code(),
                     floe_error_message(), ec->code, ec->message);
        floe_column_free(c);
    }
    /* chref: CAST('c' AS Enum8('a' = 1, 'b' = 2)) and the other misspellings. */
    static const struct {
        const char *type, *text, *message;
    } enums[] = {
        {"Enum8('a' = 1, 'b' = 2)", "c", "Unknown element 'c' for enum, maybe you meant: ['a']"},
        {"Enum8('a' = 1, 'b' = 2)", "3", "Unknown element '3' for enum, maybe you meant: ['a']"},
        {"Enum8('hallo' = 1, 'help' = 2, 'world' = 3)", "hello",
         "Unknown element 'hello' for enum, maybe you meant: ['hallo']"},
        {"Enum8('hallo' = 1, 'help' = 2, 'world' = 3)", "zzzzzz",
         "Unknown element 'zzzzzz' for enum"},
        {"Enum8('hallo' = 1, 'help' = 2, 'world' = 3)", "Help",
         "Unknown element 'Help' for enum, maybe you meant: ['help']"},
        {"Enum8('hallo' = 1, 'help' = 2, 'world' = 3)", "hel",
         "Unknown element 'hel' for enum, maybe you meant: ['help']"},
    };
    for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++) {
        floe_column *c = floe_column_new(type_of(enums[i].type));
        assert_int_not_equal(floe_text_parse(c, enums[i].text, strlen(enums[i].text), &o), 0);
        assert_int_equal(floe_error_code(), 691);
        assert_string_equal(floe_error_message(), enums[i].message);
        floe_column_free(c);
    }
}

/* A failed element leaves an array column and its children as they were. */
static void test_parse_rollback(void **state)
{
    (void)state;
    floe_text_options o = opts_default();
    floe_column *c = floe_column_new(type_of("Array(Tuple(Int32, String))"));
    assert_int_equal(floe_text_parse(c, "[(1,'a')]", 9, &o), 0);
    const char *bad = "[(2,'b'),(x,'c')]";
    assert_int_not_equal(floe_text_parse(c, bad, strlen(bad), &o), 0);
    assert_int_equal(c->rows, 1);
    assert_int_equal(c->children[0]->rows, 1);
    assert_int_equal(c->children[0]->children[0]->rows, 1);
    assert_int_equal(c->children[0]->children[1]->rows, 1);
    assert_int_equal(floe_text_parse(c, "[(3,'d')]", 9, &o), 0);
    floe_buf b = FLOE_BUF_INIT;
    floe_text_write(&b, c, 1, FLOE_TEXT_PLAIN, &o);
    assert_string_equal(b.data, "[(3,'d')]");
    floe_buf_free(&b);
    floe_column_free(c);
}

/* Many rows into one buffer: the writer appends and keeps the terminator. */
static void test_many_rows(void **state)
{
    (void)state;
    floe_text_options o = opts_default();
    floe_column *c = floe_column_new(type_of("String"));
    for (int i = 0; i < 1000; i++) {
        char s[32];
        int n = snprintf(s, sizeof s, "v\t%d", i);
        floe_column_push_string(c, s, (size_t)n);
    }
    floe_buf b = FLOE_BUF_INIT;
    for (size_t i = 0; i < c->rows; i++) {
        floe_text_write(&b, c, i, FLOE_TEXT_TSV, &o);
        floe_buf_putc(&b, '\n');
    }
    assert_int_equal(strlen(b.data), b.len);
    assert_true(strncmp(b.data, "v\\t0\nv\\t1\n", 10) == 0);
    assert_true(b.len > 6 && strcmp(b.data + b.len - 7, "v\\t999\n") == 0);
    floe_buf_free(&b);
    floe_column_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_styles), cmocka_unit_test(test_decimal_zeros),
        cmocka_unit_test(test_json_options), cmocka_unit_test(test_nulls),
        cmocka_unit_test(test_session_zone), cmocka_unit_test(test_parse_values),
        cmocka_unit_test(test_parse_errors), cmocka_unit_test(test_parse_rollback),
        cmocka_unit_test(test_many_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
