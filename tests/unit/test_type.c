// FLOE_UNIT_DEPS: base types
/*
 * Data types: interning, canonical names and widths, ClickHouse's type-name
 * grammar (every expected name and error taken from chref, ClickHouse 26.7:
 * SELECT toTypeName(defaultValueOfTypeName('...'))), thread-safe interning,
 * and scalar values in and out of columns.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "types/column.h"
#include "types/type.h"
#include "types/value.h"

static const floe_type *parse_ok(const char *name)
{
    const floe_type *t = NULL;
    int rc = floe_type_parse(&t, name, strlen(name));
    if (rc != 0)
        fail_msg("parse '%s': %s", name, floe_error_message());
    return t;
}

static void test_simple_types(void **state)
{
    (void)state;
    static const struct {
        floe_type_id id;
        const char *name;
        uint32_t width;
    } cases[] = {
        {FLOE_TYPE_NOTHING, "Nothing", 0}, {FLOE_TYPE_UINT8, "UInt8", 1},
        {FLOE_TYPE_UINT16, "UInt16", 2},   {FLOE_TYPE_UINT32, "UInt32", 4},
        {FLOE_TYPE_UINT64, "UInt64", 8},   {FLOE_TYPE_INT8, "Int8", 1},
        {FLOE_TYPE_INT16, "Int16", 2},     {FLOE_TYPE_INT32, "Int32", 4},
        {FLOE_TYPE_INT64, "Int64", 8},     {FLOE_TYPE_FLOAT32, "Float32", 4},
        {FLOE_TYPE_FLOAT64, "Float64", 8}, {FLOE_TYPE_BOOL, "Bool", 1},
        {FLOE_TYPE_STRING, "String", 0},   {FLOE_TYPE_DATE, "Date", 2},
        {FLOE_TYPE_DATE32, "Date32", 4},   {FLOE_TYPE_DATETIME, "DateTime", 4},
        {FLOE_TYPE_UUID, "UUID", 16},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const floe_type *t = floe_type_get(cases[i].id);
        assert_non_null(t);
        assert_string_equal(t->name, cases[i].name);
        assert_int_equal(t->width, cases[i].width);
        assert_ptr_equal(parse_ok(cases[i].name), t);
    }
    /* ids that need parameters have no plain form */
    assert_null(floe_type_get(FLOE_TYPE_FIXEDSTRING));
    assert_null(floe_type_get(FLOE_TYPE_DATETIME64));
    assert_null(floe_type_get(FLOE_TYPE_ARRAY));
}

static void test_constructors(void **state)
{
    (void)state;
    const floe_type *s = floe_type_get(FLOE_TYPE_STRING);
    const floe_type *u8 = floe_type_get(FLOE_TYPE_UINT8);

    const floe_type *ns = floe_type_nullable(s);
    assert_string_equal(ns->name, "Nullable(String)");
    assert_int_equal(ns->id, FLOE_TYPE_NULLABLE);
    assert_ptr_equal(ns->inner, s);
    assert_ptr_equal(floe_type_nullable(ns), ns);
    assert_ptr_equal(floe_type_nullable(s), ns);

    assert_string_equal(floe_type_datetime("UTC")->name, "DateTime('UTC')");
    assert_string_equal(floe_type_datetime("UTC")->tz, "UTC");
    assert_ptr_equal(floe_type_datetime(NULL), floe_type_get(FLOE_TYPE_DATETIME));
    assert_string_equal(floe_type_datetime64(3, NULL)->name, "DateTime64(3)");
    assert_string_equal(floe_type_datetime64(3, "Asia/Tokyo")->name, "DateTime64(3, 'Asia/Tokyo')");
    assert_int_equal(floe_type_datetime64(3, NULL)->width, 8);
    assert_int_equal(floe_type_datetime64(6, NULL)->precision, 6);

    const floe_type *d = floe_type_decimal(10, 2);
    assert_string_equal(d->name, "Decimal(10, 2)");
    assert_int_equal(d->id, FLOE_TYPE_DECIMAL64);
    assert_int_equal(d->width, 8);
    assert_int_equal(d->precision, 10);
    assert_int_equal(d->scale, 2);
    assert_int_equal(floe_type_decimal(9, 0)->id, FLOE_TYPE_DECIMAL32);
    assert_int_equal(floe_type_decimal(9, 0)->width, 4);
    assert_int_equal(floe_type_decimal(19, 0)->id, FLOE_TYPE_DECIMAL128);
    assert_int_equal(floe_type_decimal(38, 38)->width, 16);
    assert_null(floe_type_decimal(0, 0));
    assert_null(floe_type_decimal(39, 0));
    assert_null(floe_type_decimal(5, 6));

    floe_enum_value ev[] = {{"b", 2}, {"a", 1}};
    const floe_type *e = floe_type_enum(FLOE_TYPE_ENUM8, ev, 2);
    assert_string_equal(e->name, "Enum8('a' = 1, 'b' = 2)");
    assert_int_equal(e->width, 1);
    assert_int_equal(e->n_enums, 2);
    assert_string_equal(e->enums[0].name, "a"); /* sorted by value */
    assert_int_equal(e->enums[1].value, 2);
    assert_int_equal(floe_type_enum(FLOE_TYPE_ENUM16, ev, 2)->width, 2);
    floe_enum_value q[] = {{"it's", 1}, {"a\\b", -3}};
    assert_string_equal(floe_type_enum(FLOE_TYPE_ENUM8, q, 2)->name,
                        "Enum8('a\\\\b' = -3, 'it\\'s' = 1)");

    const floe_type *el[] = {u8, s};
    const char *nm[] = {"a", "b"};
    const floe_type *t1 = floe_type_tuple(el, NULL, 2);
    const floe_type *t2 = floe_type_tuple(el, nm, 2);
    assert_string_equal(t1->name, "Tuple(UInt8, String)");
    assert_string_equal(t2->name, "Tuple(a UInt8, b String)");
    assert_null(t1->elem_names[0]); /* unnamed elements have NULL names */
    assert_string_equal(t2->elem_names[1], "b");
    assert_int_equal(t2->n_elems, 2);
    assert_int_equal(t2->width, 0);
    assert_ptr_equal(t2->elems[0], u8);
    const char *odd[] = {"a b", "c`d"};
    assert_string_equal(floe_type_tuple(el, odd, 2)->name, "Tuple(`a b` UInt8, `c\\`d` String)");
    assert_string_equal(floe_type_tuple(NULL, NULL, 0)->name, "Tuple()");

    assert_string_equal(floe_type_lowcardinality(s)->name, "LowCardinality(String)");
    assert_string_equal(floe_type_fixedstring(4)->name, "FixedString(4)");
    assert_int_equal(floe_type_fixedstring(4)->width, 4);
    assert_int_equal(floe_type_fixedstring(4)->n, 4);
    assert_string_equal(floe_type_array(u8)->name, "Array(UInt8)");
    assert_int_equal(floe_type_array(u8)->width, 0);
    assert_string_equal(floe_type_nullable(floe_type_get(FLOE_TYPE_NOTHING))->name,
                        "Nullable(Nothing)");

    /* Nullable and LowCardinality keep the inner layout's width */
    assert_int_equal(floe_type_nullable(floe_type_get(FLOE_TYPE_INT64))->width, 8);
    assert_int_equal(floe_type_lowcardinality(floe_type_nullable(s))->width, 0);
    /* Nullable of LowCardinality moves inside; of Array is refused quietly */
    assert_string_equal(floe_type_nullable(floe_type_lowcardinality(s))->name,
                        "LowCardinality(Nullable(String))");
    assert_ptr_equal(floe_type_nullable(floe_type_array(u8)), floe_type_array(u8));
}

static void test_interning(void **state)
{
    (void)state;
    assert_ptr_equal(parse_ok("Nullable(Decimal(10, 2))"),
                     floe_type_nullable(floe_type_decimal(10, 2)));
    assert_ptr_equal(parse_ok("DECIMAL(10,2)"), floe_type_decimal(10, 2));
    assert_ptr_equal(parse_ok("Tuple(a UInt8, b String)"), parse_ok("Tuple(a UInt8,b String)"));
    assert_ptr_not_equal(parse_ok("Tuple(a UInt8, b String)"), parse_ok("Tuple(UInt8, String)"));
    assert_ptr_equal(parse_ok("DateTime64(3,'UTC')"), floe_type_datetime64(3, "UTC"));
    assert_ptr_equal(parse_ok("Enum('b' = 2, 'a' = 1)"), parse_ok("Enum8('a' = 1, 'b' = 2)"));
    for (uint32_t n = 1; n < 3000; n++)
        assert_int_equal(floe_type_fixedstring(n)->n, n);
    assert_ptr_equal(floe_type_fixedstring(77), parse_ok("FixedString(77)"));
}

struct intern_arg {
    const floe_type *got[400];
};

static void *intern_worker(void *p)
{
    struct intern_arg *a = p;
    for (int i = 0; i < 400; i++) {
        char name[64];
        snprintf(name, sizeof name, "Array(Nullable(FixedString(%d)))", 5000 + i);
        const floe_type *t;
        if (floe_type_parse(&t, name, strlen(name)) != 0)
            t = NULL;
        a->got[i] = t;
    }
    return NULL;
}

static void test_interning_threads(void **state)
{
    (void)state;
    enum { N = 8 };
    pthread_t th[N];
    static struct intern_arg args[N];
    for (int k = 0; k < N; k++)
        assert_int_equal(pthread_create(&th[k], NULL, intern_worker, &args[k]), 0);
    for (int k = 0; k < N; k++)
        pthread_join(th[k], NULL);
    for (int i = 0; i < 400; i++) {
        assert_non_null(args[0].got[i]);
        for (int k = 1; k < N; k++)
            assert_ptr_equal(args[k].got[i], args[0].got[i]);
    }
}

static void test_base_and_predicates(void **state)
{
    (void)state;
    const floe_type *lcn = parse_ok("LowCardinality(Nullable(String))");
    assert_ptr_equal(floe_type_base(lcn), floe_type_get(FLOE_TYPE_STRING));
    assert_true(floe_type_is_nullable(lcn));
    assert_ptr_equal(floe_type_strip_nullable(lcn), lcn);
    const floe_type *ni = parse_ok("Nullable(Int32)");
    assert_ptr_equal(floe_type_strip_nullable(ni), floe_type_get(FLOE_TYPE_INT32));
    assert_ptr_equal(floe_type_base(ni), floe_type_get(FLOE_TYPE_INT32));
    assert_false(floe_type_is_nullable(floe_type_get(FLOE_TYPE_INT32)));

    assert_true(floe_type_is_integer(parse_ok("UInt64")));
    assert_true(floe_type_is_integer(parse_ok("Int8")));
    assert_false(floe_type_is_integer(parse_ok("Bool")));
    assert_false(floe_type_is_integer(parse_ok("Enum8('a' = 1)")));
    assert_true(floe_type_is_signed(parse_ok("Int16")));
    assert_false(floe_type_is_signed(parse_ok("UInt16")));
    assert_true(floe_type_is_float(parse_ok("Float32")));
    assert_true(floe_type_is_decimal(parse_ok("Decimal(38, 3)")));
    assert_true(floe_type_is_numeric(parse_ok("Bool")));
    assert_true(floe_type_is_numeric(parse_ok("Decimal32(3)")));
    assert_false(floe_type_is_numeric(parse_ok("Date")));
    assert_true(floe_type_is_string(parse_ok("FixedString(3)")));
    assert_false(floe_type_is_string(parse_ok("UUID")));
    assert_true(floe_type_is_date_or_time(parse_ok("DateTime64(3)")));
    assert_true(floe_type_is_date_or_time(parse_ok("Date32")));
    assert_false(floe_type_is_date_or_time(parse_ok("Int32")));
}

/* name as given; expected canonical name, or error code and message */
static const struct parse_case {
    const char *input;
    int code;
    const char *expect;
} parse_cases[] = {
    {"INT", 0, "Int32"},
    {"int", 0, "Int32"},
    {"INTEGER", 0, "Int32"},
    {"BIGINT", 0, "Int64"},
    {"TINYINT", 0, "Int8"},
    {"SMALLINT", 0, "Int16"},
    {"MEDIUMINT", 0, "Int32"},
    {"INT1", 0, "Int8"},
    {"INT2", 50, "Unknown data type family: INT2. Maybe you meant: ['Int8','Int32']"},
    {"INT8", 50, "Unknown data type family: INT8. Maybe you meant: ['Int8','UInt8']"},
    {"INT64", 50, "Unknown data type family: INT64. Maybe you meant: ['Int64','UInt64']"},
    {"UINT8", 50, "Unknown data type family: UINT8. Maybe you meant: ['UInt8','Int8']"},
    {"uint8", 50, "Unknown data type family: uint8. Maybe you meant: ['UInt8','Int8']"},
    {"UInt8", 0, "UInt8"},
    {"int8", 50, "Unknown data type family: int8. Maybe you meant: ['Int8','UInt8']"},
    {"UINT64", 50, "Unknown data type family: UINT64. Maybe you meant: ['UInt64','Int64']"},
    {"INT UNSIGNED", 0, "UInt32"},
    {"int unsigned", 0, "UInt32"},
    {"BIGINT UNSIGNED", 0, "UInt64"},
    {"TINYINT SIGNED", 0, "Int8"},
    {"SIGNED", 0, "Int64"},
    {"UNSIGNED", 0, "UInt64"},
    {"YEAR", 0, "UInt16"},
    {"BIT", 0, "UInt64"},
    {"SET", 0, "UInt64"},
    {"BYTE", 0, "Int8"},
    {"FLOAT", 0, "Float32"},
    {"REAL", 0, "Float32"},
    {"SINGLE", 0, "Float32"},
    {"DOUBLE", 0, "Float64"},
    {"DOUBLE PRECISION", 0, "Float64"},
    {"double precision", 0, "Float64"},
    {"float64", 50, "Unknown data type family: float64. Maybe you meant: ['Float64','Float32']"},
    {"FLOAT32", 50, "Unknown data type family: FLOAT32. Maybe you meant: ['Float32','Float64']"},
    {"VARCHAR", 0, "String"},
    {"VARCHAR(255)", 0, "String"},
    {"TEXT", 0, "String"},
    {"CHAR", 0, "String"},
    {"CHAR(10)", 0, "String"},
    {"BLOB", 0, "String"},
    {"BYTEA", 0, "String"},
    {"NCHAR", 0, "String"},
    {"NVARCHAR", 0, "String"},
    {"VARCHAR2", 0, "String"},
    {"TINYTEXT", 0, "String"},
    {"LONGBLOB", 0, "String"},
    {"CHARACTER", 0, "String"},
    {"CHAR VARYING", 0, "String"},
    {"CHARACTER VARYING", 0, "String"},
    {"NATIONAL CHAR", 0, "String"},
    {"NATIONAL CHARACTER VARYING", 0, "String"},
    {"BINARY", 42, "FixedString data type family must have exactly one argument - size in bytes"},
    {"VARBINARY", 0, "String"},
    {"BINARY VARYING", 0, "String"},
    {"BINARY LARGE OBJECT", 0, "String"},
    {"CHARACTER LARGE OBJECT", 0, "String"},
    {"string", 50, "Unknown data type family: string. Maybe you meant: ['String','Ring']"},
    {"STRING", 50, "Unknown data type family: STRING. Maybe you meant: ['String','Ring']"},
    {"BOOLEAN", 0, "Bool"},
    {"BOOL", 0, "Bool"},
    {"bool", 0, "Bool"},
    {"Boolean", 0, "Bool"},
    {"DECIMAL", 0, "Decimal(10, 0)"},
    {"DECIMAL(10,2)", 0, "Decimal(10, 2)"},
    {"decimal(10, 2)", 0, "Decimal(10, 2)"},
    {"DEC(10,2)", 0, "Decimal(10, 2)"},
    {"NUMERIC(10,2)", 0, "Decimal(10, 2)"},
    {"FIXED(10,2)", 0, "Decimal(10, 2)"},
    {"Decimal32(2)", 0, "Decimal(9, 2)"},
    {"Decimal64(4)", 0, "Decimal(18, 4)"},
    {"Decimal128(10)", 0, "Decimal(38, 10)"},
    {"DECIMAL32(2)", 0, "Decimal(9, 2)"},
    {"Decimal(5)", 0, "Decimal(5, 0)"},
    {"DATE", 0, "Date"},
    {"date", 0, "Date"},
    {"DATE32", 0, "Date32"},
    {"DATETIME", 0, "DateTime"},
    {"TIMESTAMP", 0, "DateTime"},
    {"timestamp", 0, "DateTime"},
    {"DATETIME64(3)", 0, "DateTime64(3)"},
    {"datetime64(3, 'UTC')", 0, "DateTime64(3, 'UTC')"},
    {"DateTime64", 0, "DateTime64(3)"},
    {"DateTime64(3,'UTC')", 0, "DateTime64(3, 'UTC')"},
    {"DateTime('UTC')", 0, "DateTime('UTC')"},
    {"DATETIME('UTC')", 0, "DateTime('UTC')"},
    {"TIMESTAMP(3)", 0, "DateTime64(3)"},
    {"uuid", 50, "Unknown data type family: uuid. Maybe you meant: ['UUID']"},
    {"UUID", 0, "UUID"},
    {"FIXEDSTRING(4)", 50,
     "Unknown data type family: FIXEDSTRING. Maybe you meant: ['FixedString','LineString']"},
    {"nullable(Int8)", 50, "Unknown data type family: nullable. Maybe you meant: ['Nullable']"},
    {"lowcardinality(String)", 50,
     "Unknown data type family: lowcardinality. Maybe you meant: ['LowCardinality']"},
    {"array(int)", 50, "Unknown data type family: array. Maybe you meant: ['Array']"},
    {"tuple(int, text)", 50, "Unknown data type family: tuple. Maybe you meant: ['Tuple']"},
    {"TUPLE(a INT, b TEXT)", 62,
     "Syntax error (data type): failed at position 9 (INT): INT, b TEXT). Expected one of: list, "
     "delimited by binary operators, literal, NULL, NULL, number, Bool, TRUE, FALSE, string "
     "literal, data type, identifier"},
    {"Tuple(a Int, b Nullable(String))", 0, "Tuple(a Int32, b Nullable(String))"},
    {"enum8('a'=1)", 0, "Enum8('a' = 1)"},
    {"ENUM('a'=1)", 0, "Enum8('a' = 1)"},
    {"Enum('a'=1,'b'=200)", 0, "Enum16('a' = 1, 'b' = 200)"},
    {"Enum('a'=-200)", 0, "Enum16('a' = -200)"},
    {"Enum('a'=1,'b')", 0, "Enum8('a' = 1, 'b' = 2)"},
    {"Enum('a','b')", 0, "Enum8('a' = 1, 'b' = 2)"},
    {"Enum('a'=40000)", 69, "Value 40000 for element 'a' exceeds range of Enum16"},
    {"Enum8('a'=1,'a'=2)", 62, "Duplicate names in enum: 'a' = 1 and 2"},
    {"Enum8('a'=1,'b'=1)", 62, "Duplicate values in enum: 'b' = 1 and 'a'"},
    {"nothing", 50, "Unknown data type family: nothing. Maybe you meant: ['Nothing','String']"},
    {"Nullable(Nothing)", 0, "Nullable(Nothing)"},
    {"DateTime64(10)", 69,
     "Scale 10 is too large for DateTime64. Maximum is up to nanoseconds (9)"},
    {"DateTime64(9)", 0, "DateTime64(9)"},
    {"FixedString(0)", 223,
     "FixedString data type family must have a number (positive integer) as its argument"},
    {"Int8(3)", 0, "Int8"},
    {"String(3)", 0, "String"},
    {"Decimal(9,2)", 0, "Decimal(9, 2)"},
    {"Decimal(19)", 0, "Decimal(19, 0)"},
    {"Decimal32(10)", 69, "Negative scales and scales larger than precision are not supported"},
    {"Decimal32(9)", 0, "Decimal(9, 9)"},
    {"  Int8  ", 0, "Int8"},
    {"Nullable( Int8 )", 0, "Nullable(Int8)"},
    {"Array(Array(Nullable(String)))", 0, "Array(Array(Nullable(String)))"},
    {"LowCardinality(Nullable(FixedString(3)))", 0, "LowCardinality(Nullable(FixedString(3)))"},
    {"LowCardinality(UUID)", 0, "LowCardinality(UUID)"},
    {"DateTime('Europe/Moscow')", 0, "DateTime('Europe/Moscow')"},
    {"DateTime('Foo/Bar')", 36, "Cannot load time zone Foo/Bar"},
    {"DateTime64(3,'Foo/Bar')", 36, "Cannot load time zone Foo/Bar"},
    {"DateTime64(3, 'UTC', 5)", 42,
     "DateTime64 data type can optionally have two argument - scale and time zone name"},
    {"Nullable(Int8", 62,
     "Syntax error (data type): failed at position 9 ((): (Int8. Unmatched parentheses: ("},
    {"Nullable()", 42, "Nullable data type family must have exactly one argument - nested type"},
    {"Array()", 42, "Array data type family must have exactly one argument - type of elements"},
    {"Array(Int8, Int8)", 42,
     "Array data type family must have exactly one argument - type of elements"},
    {"Tuple(Int8,)", 0, "Tuple(Int8)"},
    {"Decimal(10,2,3)", 42,
     "Decimal data type family must have precision and optional scale arguments"},
    {"FixedString('a')", 223,
     "FixedString data type family must have a number (positive integer) as its argument"},
    {"Enum8()", 92, "Enum data type cannot be empty"},
    {"Enum8('a'=1)x", 62,
     "Syntax error (data type): failed at position 13 (x): x. Expected end of query"},
    {"Enum8('a'=200)", 69, "Value 200 for element 'a' exceeds range of Enum8"},
    {"Enum16('a'=1)", 0, "Enum16('a' = 1)"},
    {"FixedString()", 42,
     "FixedString data type family must have exactly one argument - size in bytes"},
    {"Enum8('a'=1, 2)", 223,
     "Elements of Enum data type must be of form: 'name' = number or 'name', where name is string "
     "literal and number is an integer"},
    {"DateTime(1)", 0, "DateTime64(1)"},
    {"DateTime('UTC','x')", 0, "DateTime('UTC')"},
    {"Decimal('a')", 43, "Decimal argument precision is invalid"},
    {"Decimal(10,'a')", 43, "Decimal argument scale is invalid"},
    {"Tuple(a Int8, a String)", 15, "Names of tuple elements must be unique. Duplicate name: a"},
    {"Tuple(DOUBLE PRECISION)", 50, "Unknown data type family: PRECISION"},
    {"Tuple(a DOUBLE PRECISION)", 0, "Tuple(a Float64)"},
    {"Tuple(INT UNSIGNED)", 0, "Tuple(INT UInt64)"},
    {"BINARY(4)", 0, "FixedString(4)"},
    {"Int8(3,4)", 62,
     "Syntax error (data type): failed at position 7 (,): ,4). Expected one of: SIGNED, UNSIGNED"},
    {"Float32(3,4,5)", 42,
     "Float32 data type family must not have more than two arguments - total number of digits and "
     "number of digits following the decimal point"},
    {"Decimal(38,38)", 0, "Decimal(38, 38)"},
    {"Decimal(0)", 69, "Wrong precision: it must be between 1 and 76, got 0"},
    {"Decimal128(39)", 69, "Negative scales and scales larger than precision are not supported"},
    {"DateTime64('UTC')", 43,
     "Parameter #0 'scale' for DateTime64 has wrong type: String, expected UInt64 literal"},
    {"DateTime64(-1)", 43,
     "Parameter #0 'scale' for DateTime64 has wrong type: Int64, expected UInt64 literal"},
    {"Enum8('a'=1,'b'=2,'c')", 223,
     "All elements of Enum data type must be of form: 'name' = number or 'name', where name is "
     "string literal and number is an integer"},
    {"Enum8('a'=-129)", 69, "Value -129 for element 'a' exceeds range of Enum8"},
    {"Enum16('x'=-32768)", 0, "Enum16('x' = -32768)"},
    {"Enum('a'=127,'b')", 0, "Enum16('a' = 127, 'b' = 128)"},
    {"Enum8('a'=1,", 62,
     "Syntax error (data type): failed at position 6 ((): ('a'=1,. Unmatched parentheses: ("},
    {"Nullable(Nullable(Int8))", 43, "Nested type Nullable(Int8) cannot be inside Nullable type"},
    {"LowCardinality(LowCardinality(String))", 43,
     "DataTypeLowCardinality is supported only for numbers, strings, Date or DateTime, but got "
     "LowCardinality(String)"},
    {"Array(Nothing)", 0, "Array(Nothing)"},
    {"Nullable(Tuple(a Int8))", 0, "Nullable(Tuple(a Int8))"},
    {"Tuple(`a b` Int8, `c``d` String)", 0, "Tuple(`a b` Int8, `c\\`d` String)"},
    {"Tuple(1 Int8)", 62,
     "Syntax error (data type): failed at position 7 (1): 1 Int8). Expected one of: identifier, "
     "data type, name and type pair"},
    {"DATETIME(3)", 0, "DateTime64(3)"},
    {"INT(11) UNSIGNED", 0, "UInt32"},
    {"INT UNSIGNED(11)", 0, "UInt32"},
    {"Tuple(a Int8, Nullable(Int8))", 36, "Names are specified not for all elements of Tuple type"},
    {"DOUBLE(10,2)", 0, "Float64"},
    {"Date(3)", 378, "Data type Date cannot have arguments"},
    {"UUID(1)", 378, "Data type UUID cannot have arguments"},
    {"Bool(1)", 378, "Data type Bool cannot have arguments"},
    {"Nothing(1)", 378, "Data type Nothing cannot have arguments"},
    {"DateTime32", 0, "DateTime"},
    {"DateTime32('UTC')", 0, "DateTime('UTC')"},
    {"Nullable(Int8, Int8)", 42,
     "Nullable data type family must have exactly one argument - nested type"},
    {"String(1,2)", 42,
     "String data type family mustn't have more than one argument - size in characters"},
    {"FixedString(2,3)", 42,
     "FixedString data type family must have exactly one argument - size in bytes"},
    {"LowCardinality()", 42,
     "LowCardinality data type family must have single argument - type of elements"},
    {"Decimal32(2,3)", 42,
     "Decimal32 | Decimal64 | Decimal128 | Decimal256 data type family must have exactly one "
     "arguments: scale"},
    {"Decimal32()", 42,
     "Decimal32 | Decimal64 | Decimal128 | Decimal256 data type family must have exactly one "
     "arguments: scale"},
    {"Tuple(a Int8, b)", 50, "Unknown data type family: b"},
    {"Nullable", 42, "Nullable data type family must have exactly one argument - nested type"},
    {"Array", 42, "Array data type family must have exactly one argument - type of elements"},
    {"Tuple", 0, "Tuple()"},
    {"Decimal", 0, "Decimal(10, 0)"},
    {"Decimal32", 42,
     "Decimal32 | Decimal64 | Decimal128 | Decimal256 data type family must have exactly one "
     "arguments: scale"},
    {"DateTime64(3, 1)", 0, "DateTime64(3)"},
    {"DateTime(3, 'UTC')", 0, "DateTime64(3, 'UTC')"},
    {"Decimal(10, -1)", 69, "Negative scales and scales larger than precision are not supported"},
    {"Decimal(-1)", 43, "Decimal argument precision is invalid"},
    {"Enum8('a'=1.5)", 223,
     "Elements of Enum data type must be of form: 'name' = number or 'name', where name is string "
     "literal and number is an integer"},
    {"Enum8(1=1)", 223,
     "Elements of Enum data type must be of form: 'name' = number or 'name', where name is string "
     "literal and number is an integer"},
    {"Array(Array(Int8", 62,
     "Syntax error (data type): failed at position 6 ((): (Array(Int8. Unmatched parentheses: (("},
    {"Array(Int8))", 62,
     "Syntax error (data type): failed at position 12 ()): ). Unmatched parentheses: )"},
    {"Tuple(a Int8, b String", 62,
     "Syntax error (data type): failed at position 6 ((): (a Int8, b String. Unmatched "
     "parentheses: ("},
    {"Int8 Int8", 62,
     "Syntax error (data type): failed at position 6 (Int8): Int8. Expected one of: SIGNED, "
     "UNSIGNED, end of query"},
    {"Nullable(Int8) x", 62,
     "Syntax error (data type): failed at position 16 (x): x. Expected end of query"},
    {"Array(", 62,
     "Syntax error (data type): failed at position 6 ((): (. Unmatched parentheses: ("},
    {"Tuple(a)", 50, "Unknown data type family: a"},
    {"(Int8)", 62,
     "Syntax error (data type): failed at position 1 ((): (Int8). Expected one of: data type, "
     "identifier"},
    {"Tuple(a Int8 Int8)", 62,
     "Syntax error (data type): failed at position 14 (Int8): Int8). Expected one of: SIGNED, "
     "UNSIGNED"},
    {"Enum8('a' = )", 62,
     "Syntax error (data type): failed at position 13 ()): ). Expected one of: number for enum "
     "element value, literal, NULL, NULL, number, Bool, TRUE, FALSE, string literal"},
    {"Decimal(10,)", 0, "Decimal(10, 0)"},
    {"Nullable(INT UNSIGNED)", 0, "Nullable(UInt32)"},
    {"Array(a Int8)", 62,
     "Syntax error (data type): failed at position 9 (Int8): Int8). Expected one of: list, "
     "delimited by binary operators, literal, NULL, NULL, number, Bool, TRUE, FALSE, string "
     "literal, data type, identifier"},
    {"Array(DOUBLE PRECISION)", 0, "Array(Float64)"},
    {"Tuple(a INT UNSIGNED)", 0, "Tuple(a UInt32)"},
    {"Foo x", 62, "Syntax error (data type): failed at position 5 (x): x. Expected end of query"},
    {"Foo(1", 62,
     "Syntax error (data type): failed at position 4 ((): (1. Unmatched parentheses: ("},
    {"Foo", 50, "Unknown data type family: Foo"},
    {"Decimal(10.5, 2)", 43, "Decimal argument precision is invalid"},
    {"Enum8('a' = 1, 'b' = -1)", 0, "Enum8('b' = -1, 'a' = 1)"},
    {"FixedString(-1)", 223,
     "FixedString data type family must have a number (positive integer) as its argument"},
    {"FixedString(1.5)", 223,
     "FixedString data type family must have a number (positive integer) as its argument"},
    {"String(0)", 0, "String"},
    {"Nullable(1)", 223, "Unexpected AST element for data type: Literal_UInt64_1"},
    {"Array('a')", 223, "Unexpected AST element for data type: Literal_'a'"},
    {"Tuple(1)", 62,
     "Syntax error (data type): failed at position 7 (1): 1). Expected one of: identifier, data "
     "type, name and type pair"},
    {"Tuple('a')", 62,
     "Syntax error (data type): failed at position 7 ('a'): 'a'). Expected one of: identifier, "
     "data type, name and type pair"},
    {"Date()", 0, "Date"},
    {"Int8()", 0, "Int8"},
    {"Tuple(Int8, a String)", 36, "Names are specified not for all elements of Tuple type"},
    {"LowCardinality(DateTime64(3))", 43,
     "DataTypeLowCardinality is supported only for numbers, strings, Date or DateTime, but got "
     "DateTime64(3)"},
    {"LowCardinality(Decimal(9,2))", 43,
     "DataTypeLowCardinality is supported only for numbers, strings, Date or DateTime, but got "
     "Decimal(9, 2)"},
    {"LowCardinality(Nothing)", 43,
     "DataTypeLowCardinality is supported only for numbers, strings, Date or DateTime, but got "
     "Nothing"},
    {"LowCardinality(Bool)", 0, "LowCardinality(Bool)"},
    {"Int8 UNSIGNED", 50,
     "Unknown data type family: INT8 UNSIGNED. Maybe you meant: ['INT1 UNSIGNED','INT UNSIGNED']"},
    {"String('a')", 223,
     "String data type family may have only a number (positive integer) as its argument"},
    {"String(-1)", 223,
     "String data type family may have only a number (positive integer) as its argument"},
    {"DateTime(0)", 0, "DateTime"},
    {"DateTime64(3.5)", 43,
     "Parameter #0 'scale' for DateTime64 has wrong type: Float64, expected UInt64 literal"},
    {"Decimal64(-1)", 69, "Negative scales and scales larger than precision are not supported"},
    {"Decimal64('a')", 43,
     "Decimal32 | Decimal64 | Decimal128 | Decimal256 data type family must have a one number as "
     "its argument"},
    {"FixedString(100000000)", 69, "FixedString size is too large"},
    {"Enum8('x''y' = 1)", 0, "Enum8('x\\'y' = 1)"},
    {"Tuple(`1x` Int8)", 0, "Tuple(`1x` Int8)"},
    {"Nullable(LowCardinality(String))", 43,
     "Nested type LowCardinality(String) cannot be inside Nullable type"},
    {"Nullable(Array(Int8))", 43, "Nested type Array(Int8) cannot be inside Nullable type"},
    {"Nullable(Nothing)", 0, "Nullable(Nothing)"},
    {"Decimal(77,2)", 69, "Wrong precision: it must be between 1 and 76, got 77"},
    {"Datetime", 0, "DateTime"},
    {"Lowcardinality(String)", 50,
     "Unknown data type family: Lowcardinality. Maybe you meant: ['LowCardinality']"},
    {"Uuid", 50, "Unknown data type family: Uuid. Maybe you meant: ['UUID']"},
    {"Enum16('a' = 1000, 'b' = -1000)", 0, "Enum16('b' = -1000, 'a' = 1000)"},
    {"Array(Tuple(a Nullable(Int8), b LowCardinality(String)))", 0,
     "Array(Tuple(a Nullable(Int8), b LowCardinality(String)))"},
    {"Tuple(a Tuple(b Int8, c Array(String)), d Enum8('x' = 1))", 0,
     "Tuple(a Tuple(b Int8, c Array(String)), d Enum8('x' = 1))"},
};

static void test_parse_table(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        const struct parse_case *c = &parse_cases[i];
        const floe_type *t = NULL;
        floe_error_clear();
        int rc = floe_type_parse(&t, c->input, strlen(c->input));
        if (c->code == 0) {
            if (rc != 0 || strcmp(t->name, c->expect) != 0) {
                print_error("parse '%s': want %s, got %s\n", c->input, c->expect,
                            rc ? floe_error_message() : t->name);
                failures++;
            } else if (parse_ok(c->expect) != t) {
                print_error("'%s' does not intern to '%s'\n", c->input, c->expect);
                failures++;
            }
        } else if (rc == 0 || floe_error_code() != c->code ||
                   strcmp(floe_error_message(), c->expect) != 0) {
            print_error("parse '%s': want error %d %s, got %s (%d %s)\n", c->input, c->code,
                        c->expect, rc ? "error" : t->name, floe_error_code(), floe_error_message());
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* Every canonical name parses back to itself. */
static void test_round_trip(void **state)
{
    (void)state;
    static const char *const names[] = {
        "Nothing",
        "Nullable(Nothing)",
        "UInt8",
        "Int64",
        "Float32",
        "Bool",
        "String",
        "FixedString(16)",
        "Date",
        "Date32",
        "DateTime",
        "DateTime('UTC')",
        "DateTime('Europe/Moscow')",
        "DateTime64(3)",
        "DateTime64(9, 'Asia/Tokyo')",
        "UUID",
        "Decimal(9, 2)",
        "Decimal(18, 0)",
        "Decimal(38, 38)",
        "Enum8('a' = 1, 'b' = 2)",
        "Enum8('a' = -128, 'b' = 127)",
        "Enum16('x' = -32768, 'y' = 1000)",
        "Enum8('it\\'s' = 1)",
        "Nullable(String)",
        "LowCardinality(String)",
        "LowCardinality(Nullable(FixedString(3)))",
        "Array(UInt8)",
        "Array(Array(Nullable(String)))",
        "Tuple()",
        "Tuple(UInt8, String)",
        "Tuple(a UInt8, b String)",
        "Tuple(`a b` Int8, `c\\`d` String)",
        "Nullable(Tuple(a Int8))",
        "Array(Tuple(a Nullable(Int8), b LowCardinality(String)))",
        "Tuple(a Tuple(b Int8, c Array(String)), d Enum8('x' = 1))",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_string_equal(parse_ok(names[i])->name, names[i]);
}

/* The name is p[0..len): nothing past len is read. */
static void test_parse_length(void **state)
{
    (void)state;
    const floe_type *t;
    const char text[] = "Nullable(Int8)garbage";
    assert_int_equal(floe_type_parse(&t, text, 14), 0);
    assert_string_equal(t->name, "Nullable(Int8)");
    char buf[8];
    memcpy(buf, "UInt16xx", 8); /* not terminated */
    assert_int_equal(floe_type_parse(&t, buf, 6), 0);
    assert_string_equal(t->name, "UInt16");
    assert_int_equal(floe_type_parse(&t, "Int8", 0), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_SYNTAX_ERROR);
    assert_string_equal(floe_error_message(), "Empty query");
    /* an enum name holding quotes and escapes survives the round trip */
    const floe_type *e = parse_ok("Enum8('a\\'b' = 1, 'c\\\\d' = 2, 'e''f' = 3)");
    assert_string_equal(e->enums[0].name, "a'b");
    assert_string_equal(e->enums[1].name, "c\\d");
    assert_string_equal(e->enums[2].name, "e'f");
    assert_ptr_equal(parse_ok(e->name), e);
}

static void test_value_round_trip(void **state)
{
    (void)state;
    static const char *const types[] = {
        "UInt8",
        "UInt16",
        "UInt32",
        "UInt64",
        "Int8",
        "Int16",
        "Int32",
        "Int64",
        "Float32",
        "Float64",
        "Bool",
        "Date",
        "Date32",
        "DateTime",
        "DateTime64(3)",
        "Decimal(9, 2)",
        "Decimal(18, 4)",
        "Decimal(38, 10)",
        "Enum8('a' = -1, 'b' = 5)",
        "Enum16('a' = 300)",
        "UUID",
        "String",
        "FixedString(4)",
    };
    for (size_t k = 0; k < sizeof types / sizeof types[0]; k++) {
        const floe_type *t = parse_ok(types[k]);
        const floe_type *nt = floe_type_nullable(t);
        floe_column *c = floe_column_new(nt);
        floe_value v = {.type = t};
        switch (t->id) {
        case FLOE_TYPE_UINT8:
        case FLOE_TYPE_BOOL:
            v.v.u = 1;
            break;
        case FLOE_TYPE_UINT16:
        case FLOE_TYPE_DATE:
            v.v.u = 65535;
            break;
        case FLOE_TYPE_UINT32:
        case FLOE_TYPE_DATETIME:
            v.v.u = 4294967295u;
            break;
        case FLOE_TYPE_UINT64:
            v.v.u = UINT64_MAX;
            break;
        case FLOE_TYPE_FLOAT32:
            v.v.f = 0.5;
            break;
        case FLOE_TYPE_FLOAT64:
            v.v.f = -1e300;
            break;
        case FLOE_TYPE_DECIMAL128:
            v.v.i128 = -((__int128)1 << 100);
            break;
        case FLOE_TYPE_UUID:
            v.v.u128 = ((unsigned __int128)0x0102030405060708ULL << 64) | 0x1112131415161718ULL;
            break;
        case FLOE_TYPE_STRING:
            v.v.s.ptr = "hello";
            v.v.s.len = 5;
            break;
        case FLOE_TYPE_FIXEDSTRING:
            v.v.s.ptr = "abcd";
            v.v.s.len = 4;
            break;
        case FLOE_TYPE_ENUM16:
            v.v.i = 300;
            break;
        case FLOE_TYPE_ENUM8:
            v.v.i = -1;
            break;
        default:
            v.v.i = -5;
            break;
        }
        floe_value null = {.type = t, .is_null = true};
        floe_value_push(c, &v);
        floe_value_push(c, &null);
        assert_int_equal(c->rows, 2);
        floe_value back;
        floe_value_from_column(&back, c, 0);
        assert_false(back.is_null);
        assert_ptr_equal(back.type, nt);
        if (t->id == FLOE_TYPE_STRING || t->id == FLOE_TYPE_FIXEDSTRING) {
            assert_int_equal(back.v.s.len, v.v.s.len);
            assert_memory_equal(back.v.s.ptr, v.v.s.ptr, v.v.s.len);
        } else if (t->id == FLOE_TYPE_FLOAT32 || t->id == FLOE_TYPE_FLOAT64) {
            assert_true(back.v.f == v.v.f);
        } else {
            assert_memory_equal(&back.v, &v.v, sizeof v.v);
        }
        floe_value_from_column(&back, c, 1);
        assert_true(back.is_null);
        floe_column_free(c);
    }
    /* the UUID layout: high half first */
    floe_column *c = floe_column_new(parse_ok("UUID"));
    floe_value u = {.type = c->type};
    u.v.u128 = ((unsigned __int128)1 << 64) | 2;
    floe_value_push(c, &u);
    uint64_t halves[2];
    memcpy(halves, c->data, 16);
    assert_int_equal(halves[0], 1);
    assert_int_equal(halves[1], 2);
    floe_column_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_types),        cmocka_unit_test(test_constructors),
        cmocka_unit_test(test_interning),           cmocka_unit_test(test_interning_threads),
        cmocka_unit_test(test_base_and_predicates), cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_round_trip),          cmocka_unit_test(test_parse_length),
        cmocka_unit_test(test_value_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
