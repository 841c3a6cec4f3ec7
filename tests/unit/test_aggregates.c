// FLOE_UNIT_DEPS: base hash types expr sql
/*
 * Aggregate functions through the registry: resolve, init, add_single (the
 * no-GROUP-BY path), add over per-row places (GROUP BY), merge of partial
 * states, result. Expected types and values come from chref
 * (`SELECT toTypeName(f(CAST(t.1 AS T))), f(...) FROM (SELECT
 * arrayJoin([...]) AS t)`); the float sums over numbers() check that the
 * summation order matches ClickHouse's bit for bit.
 */
#include <math.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/mem.h"
#include "expr/function.h"
#include "types/column.h"
#include "types/serialize.h"
#include "types/type.h"

typedef struct agg_arg {
    const char *type;
    const char *values; /* '|'-separated; \N is NULL */
} agg_arg;

typedef struct acase {
    const char *fn;
    size_t n;    /* arguments */
    size_t rows; /* rows fed */
    agg_arg args[3];
    const char *type;  /* expected result type; NULL when an error is expected */
    const char *value; /* expected TSV text, or the error message */
    int code;
} acase;

static const acase cases[] = {
    {"count", 0, 3, {}, "UInt64", "3", 0},
    {"count", 1, 3, {{"Nullable(UInt64)", "1|\\N|3"}}, "UInt64", "2", 0},
    {"count", 1, 3, {{"UInt64", "1|2|3"}}, "UInt64", "3", 0},
    {"sum", 1, 3, {{"UInt64", "1|2|3"}}, "UInt64", "6", 0},
    {"sum", 1, 3, {{"Int8", "-100|-100|-100"}}, "Int64", "-300", 0},
    {"sum", 1, 3, {{"Bool", "true|true|false"}}, "UInt64", "2", 0},
    {"sum", 1, 3, {{"Nullable(UInt8)", "1|\\N|2"}}, "Nullable(UInt64)", "3", 0},
    {"sum", 1, 2, {{"Nullable(UInt8)", "\\N|\\N"}}, "Nullable(UInt64)", "\\N", 0},
    {"sum",
     1,
     40,
     {{"Float64",
       "0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0."
       "1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1|0.1"}},
     "Float64",
     "4.000000000000001",
     0},
    {"sum", 1, 3, {{"Float32", "0.1|0.2|0.3"}}, "Float64", "0.6000000163912773", 0},
    {"sum", 1, 3, {{"Decimal(9, 2)", "1.25|2.50|-0.05"}}, "Decimal(38, 2)", "3.7", 0},
    {"sum", 1, 2, {{"Decimal(18, 3)", "1.125|2"}}, "Decimal(38, 3)", "3.125", 0},
    {"sum",
     1,
     1,
     {{"String", "a"}},
     NULL,
     "Illegal type String of argument for aggregate function sum",
     43},
    {"sum", 1, 2, {{"UInt64", "18446744073709551615|2"}}, "UInt64", "1", 0},
    {"avg", 1, 3, {{"UInt64", "1|2|4"}}, "Float64", "2.3333333333333335", 0},
    {"avg", 1, 2, {{"Int32", "-1|-2"}}, "Float64", "-1.5", 0},
    {"avg", 1, 3, {{"Nullable(Float64)", "1.5|\\N|2.5"}}, "Nullable(Float64)", "2", 0},
    {"avg", 1, 2, {{"Decimal(9, 2)", "1.25|2.50"}}, "Float64", "1.875", 0},
    {"avg",
     1,
     1,
     {{"String", "a"}},
     NULL,
     "Illegal type String of argument for aggregate function avg",
     43},
    {"min", 1, 3, {{"Int32", "3|-1|2"}}, "Int32", "-1", 0},
    {"max", 1, 3, {{"UInt64", "3|18446744073709551615|2"}}, "UInt64", "18446744073709551615", 0},
    {"min", 1, 3, {{"String", "b|a|c"}}, "String", "a", 0},
    {"max", 1, 3, {{"String", "b|abc|ab"}}, "String", "b", 0},
    {"min", 1, 3, {{"Nullable(Float64)", "\\N|2.5|1.5"}}, "Nullable(Float64)", "1.5", 0},
    {"max", 1, 3, {{"Date", "2020-01-01|2021-06-01|2019-01-01"}}, "Date", "2021-06-01", 0},
    {"min", 1, 2, {{"Decimal(18, 2)", "1.5|-2.25"}}, "Decimal(18, 2)", "-2.25", 0},
    {"max",
     1,
     2,
     {{"UUID", "00000000-0000-0001-0000-000000000000|00000000-0000-0000-ffff-000000000000"}},
     "UUID",
     "00000000-0000-0000-ffff-000000000000",
     0},
    {"min", 1, 2, {{"FixedString(2)", "b|a"}}, "FixedString(2)", "a\\0", 0},
    {"max", 1, 2, {{"Nullable(String)", "\\N|\\N"}}, "Nullable(String)", "\\N", 0},
    {"min", 1, 3, {{"Float64", "-0.5|2|-1e300"}}, "Float64", "-1e300", 0},
    {"any", 1, 2, {{"UInt8", "5|6"}}, "UInt8", "5", 0},
    {"any", 1, 3, {{"Nullable(UInt8)", "\\N|6|7"}}, "Nullable(UInt8)", "6", 0},
    {"anyLast", 1, 3, {{"String", "x|y|z"}}, "String", "z", 0},
    {"anyLast", 1, 3, {{"Nullable(UInt8)", "5|6|\\N"}}, "Nullable(UInt8)", "6", 0},
    {"uniqExact", 1, 6, {{"UInt64", "1|2|1|3|0|0"}}, "UInt64", "4", 0},
    {"uniqExact", 1, 4, {{"String", "a|b|a|"}}, "UInt64", "3", 0},
    {"uniqExact", 1, 4, {{"Nullable(UInt8)", "1|\\N|1|2"}}, "UInt64", "2", 0},
    {"uniqExact", 2, 4, {{"UInt8", "1|1|2|2"}, {"String", "a|b|a|a"}}, "UInt64", "3", 0},
    {"uniqExact", 1, 3, {{"Float64", "0.5|0.5|1"}}, "UInt64", "2", 0},
    {"countIf", 1, 3, {{"UInt8", "1|0|1"}}, "UInt64", "2", 0},
    {"sumIf", 2, 3, {{"UInt64", "1|2|3"}, {"UInt8", "1|0|1"}}, "UInt64", "4", 0},
    {"avgIf", 2, 3, {{"Float64", "1|2|4"}, {"UInt8", "0|1|1"}}, "Float64", "3", 0},
    {"minIf", 2, 3, {{"Int32", "3|-1|2"}, {"UInt8", "1|0|1"}}, "Int32", "2", 0},
    {"maxIf", 2, 3, {{"String", "a|z|m"}, {"UInt8", "1|0|1"}}, "String", "m", 0},
    {"sumIf",
     2,
     1,
     {{"UInt64", "1"}, {"String", "a"}},
     NULL,
     "Illegal type String of last argument for aggregate function with If suffix",
     43},
    {"sumIf",
     1,
     1,
     {{"UInt64", "1"}},
     NULL,
     "Illegal type UInt64 of last argument for aggregate function with If suffix",
     43},
    {"uniqExactIf", 2, 4, {{"UInt8", "1|2|3|3"}, {"UInt8", "1|1|0|1"}}, "UInt64", "3", 0},
    {"anyIf", 2, 3, {{"UInt8", "1|2|3"}, {"UInt8", "0|1|1"}}, "UInt8", "2", 0},
    {"argMin", 2, 3, {{"String", "a|b|c"}, {"Int32", "3|1|2"}}, "String", "b", 0},
    {"argMax", 2, 3, {{"String", "a|b|c"}, {"Int32", "3|1|2"}}, "String", "a", 0},
    {"argMin", 2, 3, {{"Int32", "3|1|2"}, {"String", "b|a|c"}}, "Int32", "1", 0},
    {"argMin",
     2,
     4,
     {{"Nullable(String)", "a|\\N|c|d"}, {"Nullable(Int32)", "3|1|\\N|2"}},
     "Nullable(String)",
     "d",
     0},
    {"argMaxIf",
     3,
     3,
     {{"UInt8", "1|2|3"}, {"UInt8", "5|9|7"}, {"UInt8", "1|0|1"}},
     "UInt8",
     "3",
     0},
    {"argMin",
     1,
     1,
     {{"UInt8", "1"}},
     NULL,
     "Aggregate function argMin requires two arguments",
     42},
    {"sumDistinct", 1, 4, {{"UInt64", "1|2|1|3"}}, "UInt64", "6", 0},
    {"avgDistinct", 1, 3, {{"Float64", "1|1|4"}}, "Float64", "2.5", 0},
    {"countDistinct", 1, 3, {{"String", "a|b|a"}}, "UInt64", "2", 0},
    {"sumDistinct", 1, 4, {{"Nullable(UInt8)", "1|\\N|1|2"}}, "Nullable(UInt64)", "3", 0},
    {"maxDistinct", 1, 3, {{"String", "b|a|b"}}, "String", "b", 0},
    {"sumDistinct", 1, 3, {{"Decimal(9, 2)", "1.5|1.50|2"}}, "Decimal(38, 2)", "3.5", 0},
    {"uniq", 1, 5, {{"UInt64", "1|2|1|3|0"}}, "UInt64", "4", 0},
    {"uniq", 1, 3, {{"String", "a|b|a"}}, "UInt64", "2", 0},
    {"uniq", 1, 4, {{"Nullable(Int8)", "-1|\\N|-1|2"}}, "UInt64", "2", 0},
    {"uniq", 1, 3, {{"Float64", "0|-0|1.5"}}, "UInt64", "3", 0},
    {"uniqIf", 2, 3, {{"UInt8", "1|2|3"}, {"UInt8", "1|0|1"}}, "UInt64", "2", 0},
    {"groupArray", 1, 3, {{"UInt64", "3|1|2"}}, "Array(UInt64)", "[3,1,2]", 0},
    {"groupArray", 1, 3, {{"Nullable(String)", "a|\\N|c"}}, "Array(String)", "['a','c']", 0},
    {"groupArrayIf", 2, 3, {{"UInt8", "1|2|3"}, {"UInt8", "1|0|1"}}, "Array(UInt8)", "[1,3]", 0},
    {"median", 1, 4, {{"UInt64", "1|5|2|8"}}, "Float64", "3.5", 0},
    {"median", 1, 3, {{"Int32", "-3|7|1"}}, "Float64", "1", 0},
    {"median", 1, 4, {{"Decimal(9, 2)", "0|1|2|3"}}, "Decimal(9, 2)", "1.5", 0},
    {"median",
     1,
     4,
     {{"Date", "2020-01-01|2020-01-02|2020-01-03|2020-01-04"}},
     "Date",
     "2020-01-02",
     0},
    {"median", 1, 3, {{"Nullable(Float64)", "\\N|2.5|0.5"}}, "Nullable(Float64)", "1.5", 0},
    {"medianExact", 1, 4, {{"UInt64", "1|5|2|8"}}, "UInt64", "5", 0},
    {"quantileExact", 1, 3, {{"Int8", "-1|-5|3"}}, "Int8", "-1", 0},
    {"median",
     1,
     1,
     {{"String", "a"}},
     NULL,
     "Illegal type String of argument for aggregate function quantile",
     43},
    {"sum", 1, 2, {{"Nullable(Nothing)", "\\N|\\N"}}, "Nullable(Nothing)", "\\N", 0},
    {"count", 1, 2, {{"Nullable(Nothing)", "\\N|\\N"}}, "UInt64", "0", 0},
    {"min", 1, 1, {{"Nullable(Nothing)", "\\N"}}, "Nullable(Nothing)", "\\N", 0},
    {"groupArray", 1, 1, {{"Nullable(Nothing)", "\\N"}}, "Nullable(Nothing)", "\\N", 0},
    {"uniq", 1, 1, {{"Nullable(Nothing)", "\\N"}}, "UInt64", "0", 0},
    {"avg", 1, 1, {{"Nullable(Nothing)", "\\N"}}, "Nullable(Nothing)", "\\N", 0},
    {"varPop", 1, 5, {{"Int32", "1|2|3|4|10"}}, "Float64", "10", 0},
    {"varSamp", 1, 5, {{"Int32", "1|2|3|4|10"}}, "Float64", "12.5", 0},
    {"stddevPop", 1, 5, {{"Int32", "1|2|3|4|10"}}, "Float64", "3.1622776601683795", 0},
    {"stddevSamp", 1, 5, {{"Int32", "1|2|3|4|10"}}, "Float64", "3.5355339059327378", 0},
    {"varSamp", 1, 1, {{"Float64", "5"}}, "Float64", "nan", 0},
    {"varPop", 1, 4, {{"Decimal(9, 2)", "0|1|2|3"}}, "Float64", "1.25", 0},
    {"varPop", 1, 3, {{"Nullable(UInt8)", "1|\\N|3"}}, "Nullable(Float64)", "1", 0},
    {"stddevSampIf",
     2,
     3,
     {{"Float64", "1|2|4"}, {"UInt8", "1|0|1"}},
     "Float64",
     "2.1213203435596424",
     0},
    {"varPop",
     1,
     1,
     {{"String", "a"}},
     NULL,
     "Illegal type String of argument for aggregate function varPop",
     43},
    {"sum",
     2,
     1,
     {{"UInt64", "1"}, {"UInt64", "1"}},
     NULL,
     "Aggregate function sum requires single argument",
     42},
    {"count",
     2,
     1,
     {{"UInt8", "1"}, {"UInt8", "1"}},
     NULL,
     "Aggregate function count requires zero or one argument",
     42},
    {"min", 0, 3, {}, NULL, "Aggregate function min requires single argument", 42},
};

static const floe_type *type_of(const char *name)
{
    const floe_type *t;
    if (floe_type_parse(&t, name, strlen(name)) < 0)
        fail_msg("bad type %s", name);
    return t;
}

static floe_column *make_col(const agg_arg *a, size_t rows)
{
    floe_column *c = floe_column_new(type_of(a->type));
    floe_text_options o = FLOE_TEXT_OPTIONS_INIT;
    const char *p = a->values;
    for (size_t i = 0; i < rows; i++) {
        const char *e = strchr(p, '|');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == 2 && memcmp(p, "\\N", 2) == 0)
            floe_column_push_null(c);
        else if (floe_text_parse(c, p, len, &o) < 0)
            fail_msg("parse '%.*s' as %s", (int)len, p, a->type);
        p = e ? e + 1 : p + len;
    }
    return c;
}

static char *result_text(const floe_agg_func *fn, const floe_type *ret, void *st,
                         const floe_func_args *fa)
{
    floe_column *out = floe_column_new(ret);
    assert_int_equal(fn->result(out, st, fa), 0);
    assert_int_equal(out->rows, 1);
    floe_buf b = FLOE_BUF_INIT;
    floe_text_options o = FLOE_TEXT_OPTIONS_INIT;
    floe_text_write(&b, out, 0, FLOE_TEXT_TSV, &o);
    floe_column_free(out);
    char *s = floe_strdup(b.data ? b.data : "");
    floe_buf_free(&b);
    return s;
}

static void *new_state(const floe_agg_func *fn, const floe_func_args *fa)
{
    void *st =
        aligned_alloc(fn->state_align < 8 ? 8 : fn->state_align, (fn->state_size + 15) / 16 * 16);
    fn->init(st, fa);
    return st;
}

static void free_state(const floe_agg_func *fn, void *st)
{
    if (fn->destroy)
        fn->destroy(st);
    free(st);
}

static int failures;

static void check_case(const acase *c)
{
    const floe_agg_func *fn = floe_agg_find(c->fn);
    if (!fn) {
        print_error("no aggregate %s\n", c->fn);
        failures++;
        return;
    }
    floe_column *cols[3] = {NULL, NULL, NULL};
    const floe_type *types[3];
    for (size_t i = 0; i < c->n; i++) {
        cols[i] = make_col(&c->args[i], c->rows);
        types[i] = cols[i]->type;
    }
    const floe_column *consts[3] = {NULL, NULL, NULL};
    floe_func_args fa = {c->n, types, consts};
    const floe_type *ret;
    floe_error_clear();
    int rc = fn->resolve(&ret, &fa, NULL, 0);
    if (c->code) {
        if (rc == 0 || floe_error_code() != c->code || strcmp(floe_error_message(), c->value)) {
            print_error("%s: expected error %d '%s', got %d '%s'\n", c->fn, c->code, c->value,
                        floe_error_code(), floe_error_message());
            failures++;
        }
        goto done;
    }
    if (rc < 0) {
        print_error("%s: unexpected error '%s'\n", c->fn, floe_error_message());
        failures++;
        goto done;
    }
    if (strcmp(ret->name, c->type)) {
        print_error("%s: type %s, expected %s\n", c->fn, ret->name, c->type);
        failures++;
        goto done;
    }
    /* 1: everything through add_single */
    void *st = new_state(fn, &fa);
    fn->add_single(st, cols, c->rows, &fa);
    char *v1 = result_text(fn, ret, st, &fa);
    free_state(fn, st);
    /* 2: each row into its own state through add, then merged in order */
    size_t n = c->rows;
    char **places = floe_malloc((n ? n : 1) * sizeof *places);
    for (size_t i = 0; i < n; i++)
        places[i] = new_state(fn, &fa);
    fn->add(places, 0, cols, n, &fa);
    void *acc = new_state(fn, &fa);
    for (size_t i = 0; i < n; i++) {
        fn->merge(acc, places[i], &fa);
        free_state(fn, places[i]);
    }
    char *v2 = result_text(fn, ret, acc, &fa);
    free_state(fn, acc);
    floe_free(places);
    /* Float sums merged row by row round differently from the unrolled
     * add_single that ClickHouse's single-state path matches. */
    bool v2_ok = strcmp(v2, c->value) == 0 || (floe_type_base(ret)->id == FLOE_TYPE_FLOAT64 &&
                                               fabs(strtod(v2, NULL) - strtod(c->value, NULL)) <=
                                                   1e-12 * fabs(strtod(c->value, NULL)));
    if (strcmp(v1, c->value) || !v2_ok) {
        print_error("%s: add_single '%s', add+merge '%s', expected '%s'\n", c->fn, v1, v2,
                    c->value);
        failures++;
    }
    floe_free(v1);
    floe_free(v2);
done:
    for (size_t i = 0; i < c->n; i++)
        floe_column_free(cols[i]);
}

static void test_cases(void **state)
{
    failures = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(&cases[i]);
    assert_int_equal(failures, 0);
}

/* GROUP BY number % 3 over numbers(10) with one slot per group, places
 * pointing into it at an offset (chref: sum 18/12/15, avg 4.5/4/5,
 * uniqExact 4/3/3, max 9/7/8). */
static void test_group_by(void **state)
{
    const floe_type *u64 = floe_type_get(FLOE_TYPE_UINT64);
    floe_column *c = floe_column_new(u64);
    for (uint64_t i = 0; i < 10; i++)
        floe_column_push_fixed(c, &i);
    const floe_type *types[1] = {u64};
    floe_func_args fa = {1, types, NULL};
    static const char *names[] = {"sum", "avg", "uniqExact", "max"};
    static const char *expect[4][3] = {
        {"18", "12", "15"}, {"4.5", "4", "5"}, {"4", "3", "3"}, {"9", "7", "8"}};
    for (int f = 0; f < 4; f++) {
        const floe_agg_func *fn = floe_agg_find(names[f]);
        const floe_type *ret;
        assert_int_equal(fn->resolve(&ret, &fa, NULL, 0), 0);
        size_t off = 16;
        char *slots[3];
        for (int g = 0; g < 3; g++) {
            slots[g] = aligned_alloc(16, (off + fn->state_size + 15) / 16 * 16);
            fn->init(slots[g] + off, &fa);
        }
        char *places[10];
        for (int i = 0; i < 10; i++)
            places[i] = slots[i % 3];
        fn->add(places, off, &c, 10, &fa);
        for (int g = 0; g < 3; g++) {
            char *v = result_text(fn, ret, slots[g] + off, &fa);
            if (strcmp(v, expect[f][g]) != 0)
                fail_msg("%s group %d: %s, expected %s", names[f], g, v, expect[f][g]);
            floe_free(v);
            if (fn->destroy)
                fn->destroy(slots[g] + off);
            free(slots[g]);
        }
    }
    floe_column_free(c);
}

/* sum/avg over numbers(200000) fed in ClickHouse's 65409-row blocks:
 * chref gives 6666633333.333333 for sum(number / 3), 2857128571.428571 for
 * sum(toFloat32(number) / 7), 33333.166666666664 for avg(number / 3),
 * 19999900000 for sum(number) and 10000000000 for sumIf(number, number % 2). */
static void test_numbers_sums(void **state)
{
    const size_t total = 200000, block = 65409;
    const floe_type *f64 = floe_type_get(FLOE_TYPE_FLOAT64);
    const floe_type *u64 = floe_type_get(FLOE_TYPE_UINT64), *u8 = floe_type_get(FLOE_TYPE_UINT8);
    struct {
        const char *fn;
        int kind; /* 0: number / 3 as Float64, 1: Float32 number / 7, 2: number, 3: number, cond */
        const char *expect;
    } runs[] = {{"sum", 0, "6666633333.333333"},
                {"sum", 1, "2857128571.428571"},
                {"avg", 0, "33333.166666666664"},
                {"sum", 2, "19999900000"},
                {"sumIf", 3, "10000000000"}};
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
        const floe_agg_func *fn = floe_agg_find(runs[r].fn);
        const floe_type *vt = runs[r].kind <= 1 ? f64 : u64;
        const floe_type *types[2] = {vt, u8};
        floe_func_args fa = {runs[r].kind == 3 ? 2 : 1, types, NULL};
        const floe_type *ret;
        assert_int_equal(fn->resolve(&ret, &fa, NULL, 0), 0);
        void *st = new_state(fn, &fa);
        for (size_t from = 0; from < total; from += block) {
            size_t n = total - from < block ? total - from : block;
            floe_column *cols[2] = {floe_column_new(vt), floe_column_new(u8)};
            for (size_t i = 0; i < n; i++) {
                uint64_t x = from + i;
                if (runs[r].kind == 0) {
                    double d = (double)x / 3;
                    floe_column_push_fixed(cols[0], &d);
                } else if (runs[r].kind == 1) {
                    double d = (double)(float)x / 7; /* toFloat32(number) / 7 is Float64 */
                    floe_column_push_fixed(cols[0], &d);
                } else {
                    floe_column_push_fixed(cols[0], &x);
                }
                uint8_t m = x % 2;
                floe_column_push_fixed(cols[1], &m);
            }
            fn->add_single(st, cols, n, &fa);
            floe_column_free(cols[0]);
            floe_column_free(cols[1]);
        }
        char *v = result_text(fn, ret, st, &fa);
        if (strcmp(v, runs[r].expect) != 0)
            fail_msg("%s run %zu: %s, expected %s", runs[r].fn, r, v, runs[r].expect);
        floe_free(v);
        free_state(fn, st);
    }
}

/* uniq's estimate past 65536 distinct values, fed in 65409-row blocks
 * and also merged from two halves (chref: uniq(number) FROM numbers(1000000)
 * = 1001943, uniq(toFloat64(number) / 3) FROM numbers(200000) = 200696,
 * uniq(toFixedString(toString(number), 8)) FROM numbers(200000) = 200618). */
static void test_uniq_estimate(void **state)
{
    const floe_agg_func *fn = floe_agg_find("uniq");
    struct {
        const char *type;
        size_t total;
        const char *expect;
    } runs[] = {{"UInt64", 1000000, "1001943"},
                {"Float64", 200000, "200696"},
                {"FixedString(8)", 200000, "200618"}};
    for (size_t r = 0; r < 3; r++) {
        const floe_type *t = type_of(runs[r].type);
        const floe_type *types[1] = {t};
        floe_func_args fa = {1, types, NULL};
        const floe_type *ret;
        assert_int_equal(fn->resolve(&ret, &fa, NULL, 0), 0);
        void *whole = new_state(fn, &fa), *half[2] = {new_state(fn, &fa), new_state(fn, &fa)};
        for (size_t from = 0; from < runs[r].total; from += 65409) {
            size_t n = runs[r].total - from < 65409 ? runs[r].total - from : 65409;
            floe_column *c = floe_column_new(t);
            for (size_t i = 0; i < n; i++) {
                uint64_t x = from + i;
                if (r == 0) {
                    floe_column_push_fixed(c, &x);
                } else if (r == 1) {
                    double d = (double)x / 3;
                    floe_column_push_fixed(c, &d);
                } else {
                    char buf[24];
                    int len = snprintf(buf, sizeof buf, "%llu", (unsigned long long)x);
                    floe_column_push_string(c, buf, (size_t)len);
                }
            }
            fn->add_single(whole, &c, n, &fa);
            fn->add_single(half[from * 2 < runs[r].total ? 0 : 1], &c, n, &fa);
            floe_column_free(c);
        }
        fn->merge(half[1], half[0], &fa);
        char *v1 = result_text(fn, ret, whole, &fa), *v2 = result_text(fn, ret, half[1], &fa);
        if (strcmp(v1, runs[r].expect) || strcmp(v2, runs[r].expect))
            fail_msg("uniq %s: %s / merged %s, expected %s", runs[r].type, v1, v2, runs[r].expect);
        floe_free(v1);
        floe_free(v2);
        free_state(fn, whole);
        free_state(fn, half[0]);
        free_state(fn, half[1]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_group_by),
        cmocka_unit_test(test_numbers_sums),
        cmocka_unit_test(test_uniq_estimate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
