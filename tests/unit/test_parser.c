// FLOE_UNIT_DEPS: base types sql
/*
 * The SQL parser: every statement form with its fields checked, operator
 * precedence and desugaring (through the column names ClickHouse gives),
 * literal types, syntax error messages and positions, INSERT inline data
 * boundaries, and AST formatting. Expected values come from chref
 * (ClickHouse 26.7): column names from FORMAT JSON meta, formatting from
 * formatQuery / formatQuerySingleLine / SHOW CREATE TABLE, errors from the
 * error text (the "Expected one of" list is floe's own and not compared).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "sql/parser.h"
#include "types/type.h"

static floe_arena arena;

static int setup(void **state)
{
    (void)state;
    arena = (floe_arena)FLOE_ARENA_INIT;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    floe_arena_free(&arena);
    return 0;
}

static floe_ast *parse(const char *sql)
{
    floe_ast *st = NULL;
    size_t used = 0;
    int rc = floe_sql_parse(&st, &used, &arena, sql, strlen(sql), NULL);
    if (rc != 0) {
        char buf[2048];
        floe_error_format(buf, sizeof buf);
        fail_msg("parse failed: %s\n  query: %s", buf, sql);
    }
    assert_non_null(st);
    return st;
}

static const char *errmsg(const char *sql)
{
    static char buf[4096];
    floe_ast *st = NULL;
    size_t used = 0;
    if (floe_sql_parse(&st, &used, &arena, sql, strlen(sql), NULL) == 0)
        fail_msg("parse should fail: %s", sql);
    floe_error_format(buf, sizeof buf);
    return buf;
}

static const char *colname(const floe_ast *e)
{
    static floe_buf b = FLOE_BUF_INIT;
    floe_buf_clear(&b);
    floe_ast_column_name(&b, e);
    return b.data ? b.data : "";
}

static const char *fmt(const floe_ast *e, bool one_line)
{
    static floe_buf b = FLOE_BUF_INIT;
    floe_buf_clear(&b);
    floe_ast_format(&b, e, one_line);
    return b.data ? b.data : "";
}

/* The expression of `SELECT <expr>`. */
static floe_ast *expr(const char *text)
{
    char *q = malloc(strlen(text) + 8);
    strcpy(q, "SELECT ");
    strcat(q, text);
    floe_ast *st = parse(q);
    free(q);
    assert_int_equal(st->kind, FLOE_AST_SELECT);
    assert_int_equal(st->u.select.n_exprs, 1);
    return st->u.select.exprs[0];
}

/* ---- column names ---- */

static const struct {
    const char *expr, *name;
} colnames[] = {
    {"number", "number"},
    {"number + 1", "plus(number, 1)"},
    {"number * 2", "multiply(number, 2)"},
    {"toString(number*2)", "toString(multiply(number, 2))"},
    {"'abc'", "'abc'"},
    {"1", "1"},
    {"-1", "-1"},
    {"1.5", "1.5"},
    {"NULL", "NULL"},
    {"(1, 2)", "(1, 2)"},
    {"CAST(number AS String)", "CAST(number, 'String')"},
    {"[1,2]", "[1, 2]"},
    {"-number", "negate(number)"},
    {"NOT 1", "not(1)"},
    {"1 = 2", "equals(1, 2)"},
    {"'a' || 'b'", "concat('a', 'b')"},
    {"number::String", "CAST(number, 'String')"},
    {"number IN (1,2)", "in(number, (1, 2))"},
    {"number BETWEEN 1 AND 2", "and(greaterOrEquals(number, 1), lessOrEquals(number, 2))"},
    {"1e3", "1000."},
    {"0xff", "255"},
    {"-0", "0"},
    {"1.0", "1."},
    {"0.1", "0.1"},
    {"1e100", "1e100"},
    {"-1.5", "-1.5"},
    {"inf", "inf"},
    {"-inf", "-inf"},
    {"nan", "nan"},
    {"true", "true"},
    {"'a\\'b'", "'a\\'b'"},
    {"'a\\nb'", "'a\\nb'"},
    {"x'41'", "'A'"},
    {"$$hi$$", "'hi'"},
    {"[]", "[]"},
    {"()", "()"},
    {"tuple()", "()"},
    {"(1)", "1"},
    {"((1,2))", "(1, 2)"},
    {"CASE WHEN 1 THEN 2 ELSE 3 END", "multiIf(1, 2, 3)"},
    {"CASE number WHEN 1 THEN 2 END", "caseWithExpression(number, 1, 2, NULL)"},
    {"1 ? 2 : 3", "if(1, 2, 3)"},
    {"INTERVAL 1 DAY", "toIntervalDay(1)"},
    {"EXTRACT(YEAR FROM today())", "toYear(today())"},
    {"date '2020-01-01'", "toDate('2020-01-01')"},
    {"timestamp '2020-01-01 00:00:00'", "toDateTime('2020-01-01 00:00:00')"},
    {"number IS NULL", "isNull(number)"},
    {"number NOT IN (1)", "notIn(number, 1)"},
    {"[1,2][1]", "arrayElement([1, 2], 1)"},
    {"(1,2).1", "tupleElement((1, 2), 1)"},
    {"arrayMap(x -> x + 1, [1])", "arrayMap(lambda(tuple(x), plus(x, 1)), [1])"},
    {"number % 2", "modulo(number, 2)"},
    {"intDiv(number, 2)", "intDiv(number, 2)"},
    {"number DIV 2", "intDiv(number, 2)"},
    {"1 <=> 2", "isNotDistinctFrom(1, 2)"},
    {"010", "10"},
    {"1_000", "1000"},
    {"0b101", "5"},
    {"1e-3", "0.001"},
    {"123456789012345678901234567890", "1.2345678901234568e29"},
    {"-9223372036854775809", "-9223372036854776000."},
    {"18446744073709551615", "18446744073709551615"},
    {"100000000000000000000.5", "100000000000000000000."},
    {"0.1e1", "1."},
    {"1.5e300", "1.5e300"},
    {"tuple(1, 2)", "(1, 2)"},
    {"array(1, 2)", "[1, 2]"},
    {"(1, number)", "(1, number)"},
    {"[number]", "[number]"},
    {"(1, -1)", "(1, -1)"},
    {"[1, NULL]", "[1, NULL]"},
    {"[(1,2)]", "[(1, 2)]"},
    {"((1, 2), 3)", "((1, 2), 3)"},
    {"[[1]]", "[[1]]"},
    {"(1, 'a')", "(1, 'a')"},
    {"[1, number]", "[1, number]"},
    {"1 + 2 * 3", "plus(1, multiply(2, 3))"},
    {"(1 + 2) * 3", "multiply(plus(1, 2), 3)"},
    {"-number * 2", "multiply(negate(number), 2)"},
    {"NOT 1 AND 0", "and(not(1), 0)"},
    {"1 OR 0 AND 1", "or(1, and(0, 1))"},
    {"1 AND 1 AND 0", "and(1, 1, 0)"},
    {"1 < 2 = 1", "equals(less(1, 2), 1)"},
    {"number = 1 IS NULL", "isNull(equals(number, 1))"},
    {"-(1)", "negate(1)"},
    {"- 1", "-1"},
    {"-1::String", "CAST('-1', 'String')"},
    {"1::Int8", "CAST('1', 'Int8')"},
    {"'a' || 'b' || 'c'", "concat('a', 'b', 'c')"},
    {"-inf::String", "CAST(-inf, 'String')"},
    {"number NOT BETWEEN 1 AND 2", "or(less(number, 1), greater(number, 2))"},
    {"'a' NOT LIKE 'b'", "notLike('a', 'b')"},
    {"'a' ILIKE 'b'", "ilike('a', 'b')"},
    {"'a' NOT ILIKE 'b'", "notILike('a', 'b')"},
    {"number IS NOT NULL", "isNotNull(number)"},
    {"number GLOBAL IN (1,2)", "globalIn(number, (1, 2))"},
    {"number GLOBAL NOT IN (1)", "globalNotIn(number, 1)"},
    {"0x1p3", "8."},
    {"1e21", "1e21"},
    {"1e20", "100000000000000000000."},
    {"1e-6", "0.000001"},
    {"1e-7", "1e-7"},
    {"123.456", "123.456"},
    {"0.30000000000000004", "0.30000000000000004"},
    {"5e-324", "5e-324"},
    {"toDate('2020-01-01') - INTERVAL 1 MONTH", "minus(toDate('2020-01-01'), toIntervalMonth(1))"},
    {"tuple(1)", "(1)"},
    {"(1,)", "(1)"},
    {"array()", "[]"},
    {"[1,2]::Array(UInt8)", "CAST('[1,2]', 'Array(UInt8)')"},
    {"(1,2)::Tuple(UInt8,UInt8)", "CAST('(1,2)', 'Tuple(UInt8, UInt8)')"},
    {"'a'::String", "CAST('a', 'String')"},
    {"EXTRACT(DAY FROM today())", "toDayOfMonth(today())"},
    {"EXTRACT(MONTH FROM today())", "toMonth(today())"},
    {"EXTRACT(SECOND FROM now())", "toSecond(now())"},
    {"INTERVAL '1 day'", "toIntervalDay(1)"},
    {"INTERVAL '2' HOUR", "toIntervalHour('2')"},
    {"infinity", "inf"},
    {"-nan", "nan"},
    {"NULL::Nullable(UInt8)", "CAST(NULL, 'Nullable(UInt8)')"},
    {"CAST(1, 'UInt8')", "CAST(1, 'UInt8')"},
    {"CAST(1 AS Nullable(UInt8))", "CAST(1, 'Nullable(UInt8)')"},
    {"number > 1 ? 'a' : 'b'", "if(greater(number, 1), 'a', 'b')"},
    {"(number+1 AS k)*2", "multiply(k, 2)"},
    {"`number`", "number"},
    {"'a\\tb\\\\c'", "'a\\tb\\\\c'"},
    {"-(-1)", "negate(-1)"},
    {"1 - -1", "minus(1, -1)"},
    {"1-1", "minus(1, 1)"},
    {"true AND false", "and(true, false)"},
    {"NOT true", "not(true)"},
    {"[1.5, 2]", "[1.5, 2.]"},
    {"(1.0, 'x')", "(1., 'x')"},
    {"0.5::Float32", "CAST('0.5', 'Float32')"},
    {"[] ::Array(UInt8)", "CAST('[]', 'Array(UInt8)')"},
    {"map('a', 1)", "map('a', 1)"},
    {"arrayMap((x, y) -> x + y, [1], [2])", "arrayMap(lambda(tuple(x, y), plus(x, y)), [1], [2])"},
    {"(number AS m)", "m"},
    {"1 IN (SELECT 1)", "in(1, _subquery_1)"},
    {"(SELECT 1)", "_subquery_2"},
};

static void test_column_names(void **state)
{
    (void)state;
    /* all in one SELECT, as chref saw them (subqueries are numbered in order) */
    floe_buf q = FLOE_BUF_INIT;
    size_t n = sizeof colnames / sizeof colnames[0];
    floe_buf_puts(&q, "SELECT ");
    for (size_t k = 0; k < n; k++) {
        if (k)
            floe_buf_puts(&q, ", ");
        floe_buf_puts(&q, colnames[k].expr);
    }
    floe_buf_puts(&q, " FROM numbers(1)");
    floe_ast *st = parse(q.data);
    assert_int_equal(st->u.select.n_exprs, n);
    unsigned sub = 0;
    floe_buf b = FLOE_BUF_INIT;
    for (size_t k = 0; k < n; k++) {
        floe_buf_clear(&b);
        /* an aliased column is named by its alias (the subquery counter still counts) */
        floe_ast_column_name_n(&b, st->u.select.exprs[k], &sub);
        if (st->u.select.exprs[k]->alias) {
            floe_buf_clear(&b);
            floe_buf_puts(&b, st->u.select.exprs[k]->alias);
        }
        if (strcmp(b.data, colnames[k].name) != 0)
            fail_msg("column name of %s: got %s, want %s", colnames[k].expr, b.data,
                     colnames[k].name);
    }
    floe_buf_free(&b);
    floe_buf_free(&q);
}

/* A resolver that knows `t` is a table: its names drop the qualifier. */
static size_t table_t(void *arg, const floe_ast *ident)
{
    (void)arg;
    return ident->u.ident.n_parts > 1 && strcmp(ident->u.ident.parts[0], "t") == 0;
}

static void test_column_name_qualifiers(void **state)
{
    (void)state;
    /* chref: SELECT t.number, t.number + 1 FROM numbers(1) AS t names the
     * columns number and plus(number, 1) */
    floe_ast *st = parse("SELECT t.number, t.number + 1, u.x FROM numbers(1) AS t");
    floe_buf b = FLOE_BUF_INIT;
    floe_ast_column_name_ex(&b, st->u.select.exprs[0], NULL, table_t, NULL);
    assert_string_equal(b.data, "number");
    floe_buf_clear(&b);
    floe_ast_column_name_ex(&b, st->u.select.exprs[1], NULL, table_t, NULL);
    assert_string_equal(b.data, "plus(number, 1)");
    floe_buf_clear(&b);
    floe_ast_column_name_ex(&b, st->u.select.exprs[2], NULL, table_t, NULL);
    assert_string_equal(b.data, "u.x");
    floe_buf_free(&b);
    assert_string_equal(colname(st->u.select.exprs[0]), "t.number");
}

/* ---- literal types (toTypeName from chref) ---- */

static void test_literal_types(void **state)
{
    (void)state;
    static const struct {
        const char *lit, *type;
    } cases[] = {
        {"1", "UInt8"},
        {"-1", "Int8"},
        {"300", "UInt16"},
        {"-129", "Int16"},
        {"1.5", "Float64"},
        {"NULL", "Nullable(Nothing)"},
        {"true", "Bool"},
        {"0xff", "UInt8"},
        {"1e3", "Float64"},
        {"-0", "UInt8"},
        {"18446744073709551615", "UInt64"},
        {"-9223372036854775808", "Int64"},
        {"0b101", "UInt8"},
        {"inf", "Float64"},
        {"-nan", "Float64"},
        {"65535", "UInt16"},
        {"65536", "UInt32"},
        {"4294967295", "UInt32"},
        {"4294967296", "UInt64"},
        {"-32768", "Int16"},
        {"-32769", "Int32"},
        {"-2147483648", "Int32"},
        {"-2147483649", "Int64"},
        {"'abc'", "String"},
        {"18446744073709551616", "Float64"},
        {"false", "Bool"},
        {"-1.5", "Float64"},
        {"0x1p3", "Float64"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        floe_ast *e = expr(cases[k].lit);
        if (e->kind != FLOE_AST_LITERAL)
            fail_msg("%s is not one literal", cases[k].lit);
        if (strcmp(e->u.lit.value.type->name, cases[k].type) != 0)
            fail_msg("type of %s: got %s, want %s", cases[k].lit, e->u.lit.value.type->name,
                     cases[k].type);
    }
    floe_ast *e = expr("-128");
    assert_int_equal(e->u.lit.value.v.i, -128);
    e = expr("0x1F");
    assert_int_equal(e->u.lit.value.v.u, 31);
    e = expr("1_000_000");
    assert_int_equal(e->u.lit.value.v.u, 1000000);
    e = expr("'a\\nb\\x41\\'c'''");
    assert_int_equal(e->u.lit.value.v.s.len, 7);
    assert_memory_equal(e->u.lit.value.v.s.ptr, "a\nbA'c'", 7);
    e = expr("'100\\%'"); /* unknown escapes keep their backslash */
    assert_string_equal(e->u.lit.value.v.s.ptr, "100\\%");
    e = expr("NULL");
    assert_true(e->u.lit.value.is_null);
    e = expr("TRUE");
    assert_int_equal(e->u.lit.value.v.u, 1);
    e = expr("x'4142'");
    assert_string_equal(e->u.lit.value.v.s.ptr, "AB");
    e = expr("$tag$it's$tag$");
    assert_string_equal(e->u.lit.value.v.s.ptr, "it's");
}

/* ---- desugaring and precedence ---- */

static void test_operators(void **state)
{
    (void)state;
    floe_ast *e = expr("a AND b AND c OR d");
    assert_string_equal(e->u.func.name, "or");
    assert_true(e->u.func.is_operator);
    assert_int_equal(e->u.func.n_args, 2);
    assert_string_equal(e->u.func.args[0]->u.func.name, "and");
    assert_int_equal(e->u.func.args[0]->u.func.n_args, 3);

    e = expr("count(DISTINCT x)");
    assert_string_equal(e->u.func.name, "countDistinct");
    assert_true(e->u.func.distinct);
    assert_false(e->u.func.is_operator);

    e = expr("quantile(0.5)(x)");
    assert_string_equal(e->u.func.name, "quantile");
    assert_int_equal(e->u.func.n_params, 1);
    assert_int_equal(e->u.func.n_args, 1);

    e = expr("count(*)");
    assert_int_equal(e->u.func.n_args, 0);

    e = expr("x -> x + 1");
    assert_int_equal(e->kind, FLOE_AST_LAMBDA);
    assert_int_equal(e->u.lambda.n_params, 1);
    assert_string_equal(e->u.lambda.params[0], "x");

    e = expr("t.c");
    assert_int_equal(e->kind, FLOE_AST_IDENT);
    assert_int_equal(e->u.ident.n_parts, 2);
    assert_string_equal(e->u.ident.parts[0], "t");
    assert_string_equal(e->u.ident.parts[1], "c");

    e = expr("`my col`.\"x\"");
    assert_int_equal(e->u.ident.n_parts, 2);
    assert_string_equal(e->u.ident.parts[0], "my col");

    e = expr("t.*");
    assert_int_equal(e->kind, FLOE_AST_ASTERISK);
    assert_int_equal(e->u.asterisk.n_qualifier, 1);
    assert_string_equal(e->u.asterisk.qualifier[0], "t");

    e = expr("* EXCEPT (a, b)");
    assert_int_equal(e->u.asterisk.n_except, 2);

    e = expr("COLUMNS('^a')");
    assert_string_equal(e->u.asterisk.columns_regex, "^a");

    e = expr("x IN (SELECT 1)");
    assert_string_equal(e->u.func.name, "in");
    assert_int_equal(e->u.func.args[1]->kind, FLOE_AST_SUBQUERY);

    e = expr("{p:UInt8}");
    assert_int_equal(e->kind, FLOE_AST_QUERY_PARAM);
    assert_string_equal(e->u.param.name, "p");
    assert_string_equal(e->u.param.type, "UInt8");

    e = expr("sum(x) FILTER (WHERE y)");
    assert_string_equal(e->u.func.name, "sumIf");
    assert_int_equal(e->u.func.n_args, 2);

    e = expr("row_number() OVER (PARTITION BY a ORDER BY b DESC)");
    assert_non_null(e->u.func.over);
    assert_int_equal(e->u.func.over->u.select.n_group_by, 1);
    assert_int_equal(e->u.func.over->u.select.n_order_by, 1);

    /* a column called interval; INTERVAL with a bracketed value (chref names) */
    floe_ast *st0 = parse("SELECT interval, INTERVAL (1 + 1) MINUTE FROM t");
    assert_string_equal(colname(st0->u.select.exprs[0]), "interval");
    assert_string_equal(colname(st0->u.select.exprs[1]), "toIntervalMinute(plus(1, 1))");
    /* function forms the parser rewrites (names from chref) */
    static const struct {
        const char *expr, *name;
    } special[] = {
        {"substring('hello' FROM 2 FOR 3)", "substring('hello', 2, 3)"},
        {"SUBSTRING('abc', 1)", "substring('abc', 1)"},
        {"position('l' IN 'hello')", "position('hello', 'l')"},
        {"trim(BOTH 'h' FROM 'hah')", "trimBoth('hah', 'h')"},
        {"trim(LEADING ' ' FROM ' x')", "trimLeft(' x', ' ')"},
        {"trim(TRAILING 'x' FROM 'ax')", "trimRight('ax', 'x')"},
        {"trim('  x  ')", "trimBoth('  x  ')"},
        {"ltrim(' x')", "trimLeft(' x')"},
        {"DATE_ADD(DAY, 1, today())", "plus(today(), toIntervalDay(1))"},
        {"TIMESTAMP_SUB(HOUR, 1, now())", "minus(now(), toIntervalHour(1))"},
        {"TIMESTAMPADD(MINUTE, 5, now())", "plus(now(), toIntervalMinute(5))"},
        {"dateAdd(today(), INTERVAL 1 DAY)", "plus(today(), toIntervalDay(1))"},
        {"DATE_DIFF(DAY, today(), today())", "dateDiff('day', today(), today())"},
        {"1 IS DISTINCT FROM 2", "isDistinctFrom(1, 2)"},
        {"1 IS TRUE", "isNotDistinctFrom(1, true)"},
        {"0 IS NOT FALSE", "isDistinctFrom(0, false)"},
        {"NULL IS UNKNOWN", "isNull(NULL)"},
        {"'a' REGEXP 'b'", "match('a', 'b')"},
        {"now() AT TIME ZONE 'UTC'", "toTimeZone(now(), 'UTC')"},
        {"COUNT()", "COUNT()"},
        /* array literals unify their numbers in names (not in formatting) */
        {"[[1.5], [2]]", "[[1.5], [2.]]"},
        {"[1., 2.5, -3]", "[1., 2.5, -3.]"},
        {"[[1], [2]]", "[[1], [2]]"},
        {"'a\\x01b'", "'a\x01"
                      "b'"}, /* control characters stay raw */
        {"'\\a\\v'", "'\a\v'"},
        {"abs(-1)", "abs(-1)"},
        {"toUInt8(-0)", "toUInt8(0)"},
        {"lcase('A')", "lcase('A')"},
    };
    for (size_t k = 0; k < sizeof special / sizeof special[0]; k++)
        assert_string_equal(colname(expr(special[k].expr)), special[k].name);

    e = expr("+1");
    assert_int_equal(e->kind, FLOE_AST_LITERAL);

    e = expr("1 + 2 AS three");
    assert_string_equal(e->alias, "three");
    assert_int_equal(e->pos, 7);
    assert_int_equal(e->end, 12);

    /* positions cover the text of the expression */
    floe_ast *st = parse("SELECT  plus(a ,  1)  FROM t");
    assert_int_equal(st->u.select.exprs[0]->pos, 8);
    assert_int_equal(st->u.select.exprs[0]->end, 20);
}

/* ---- formatting ---- */

static const struct {
    const char *sql, *formatted;
} one_line[] = {
    {"SELECT a + b * c, (a + b) * c, -a * b, NOT a AND b, a AND b AND c, a OR b AND c",
     "SELECT a + (b * c), (a + b) * c, (-a) * b, (NOT a) AND b, a AND b AND c, a OR (b AND c)"},
    {"SELECT arrayMap(x -> x + 1, y), a = 1 IS NULL, a BETWEEN 1 AND 2, a NOT BETWEEN 1 AND 2",
     "SELECT arrayMap(x -> (x + 1), y), (a = 1) IS NULL, (a >= 1) AND (a <= 2), (a < 1) OR (a > "
     "2)"},
    {"SELECT a[1], t.1, (1,2).1, a::String, CAST(a AS String), CASE WHEN a THEN b END",
     "SELECT a[1], t.1, (1, 2).1, CAST(a, 'String'), CAST(a, 'String'), multiIf(a, b, NULL)"},
    {"SELECT CASE a WHEN 1 THEN 2 ELSE 3 END, a ? b : c, -1, - a, a LIKE b, a NOT IN (1,2)",
     "SELECT caseWithExpression(a, 1, 2, 3), if(a, b, c), -1, -a, a LIKE b, a NOT IN (1, 2)"},
    {"SELECT a IN (SELECT 1), count(DISTINCT x), quantile(0.5)(x), (1, a), [a, 1], tuple(a)",
     "SELECT a IN (SELECT 1), countDistinct(x), quantile(0.5)(x), (1, a), [a, 1], tuple(a)"},
    {"SELECT INTERVAL 1 DAY, date '2020-01-01', a || b || c, a IS NOT NULL, -(-1), 1 - -1",
     "SELECT toIntervalDay(1), toDate('2020-01-01'), concat(a, b, c), a IS NOT NULL, -(-1), 1 - "
     "-1"},
    {"SELECT a % b, a DIV b, a <=> b, a != b, x.y.z, t.*, * EXCEPT (a)",
     "SELECT a % b, intDiv(a, b), a <=> b, a != b, x.y.z, t.*, * EXCEPT a"},
    {"SELECT NOT x.y, NOT f(x), NOT (a = b), NOT NOT a, - f(x), -(a+b), -x.y, NOT 1, -1.5, NOT -1",
     "SELECT NOT x.y, NOT f(x), NOT (a = b), NOT (NOT a), -f(x), -(a + b), -x.y, NOT 1, -1.5, NOT "
     "-1"},
    {"SELECT a.b.1, f(x)[1], (a+b)[1], (a+b).1, 1.0, 1e10, 0.1, -0, 1000000000000000000000, NULL, "
     "true",
     "SELECT a.b.1, f(x)[1], (a + b)[1], (a + b).1, 1., 10000000000., 0.1, 0, 1e21, NULL, true"},
    {"SELECT a AS b, (a + 1 AS c) * 2, 'it''s', 'a\\\\b'",
     "SELECT a AS b, (a + 1 AS c) * 2, 'it\\'s', 'a\\\\b'"},
    {"SELECT a, count() AS c FROM db.t AS x FINAL LEFT JOIN u USING (a) PREWHERE a WHERE b = 1 AND "
     "c GROUP BY a WITH TOTALS HAVING c > 1 ORDER BY a ASC NULLS FIRST, b DESC LIMIT 1, 10 "
     "SETTINGS max_threads = 1",
     "SELECT a, count() AS c FROM db.t AS x FINAL LEFT JOIN u USING (a) PREWHERE a WHERE (b = 1) "
     "AND c GROUP BY a WITH TOTALS HAVING c > 1 ORDER BY a ASC NULLS FIRST, b DESC LIMIT 1, 10 "
     "SETTINGS max_threads = 1"},
    {"SELECT 1 UNION ALL SELECT 2 UNION DISTINCT SELECT 3",
     "SELECT 1 UNION ALL SELECT 2 UNION DISTINCT SELECT 3"},
    {"SELECT x FROM t ARRAY JOIN arr AS x WHERE x > 1 ORDER BY x LIMIT 5",
     "SELECT x FROM t ARRAY JOIN arr AS x WHERE x > 1 ORDER BY x ASC LIMIT 5"},
    {"SELECT * FROM t1 INNER JOIN t2 ON t1.a = t2.a CROSS JOIN t3",
     "SELECT * FROM t1 INNER JOIN t2 ON t1.a = t2.a CROSS JOIN t3"},
    {"SELECT * FROM (SELECT 1 AS a) AS s, numbers(10) AS n",
     "SELECT * FROM (SELECT 1 AS a) AS s, numbers(10) AS n"},
    {"WITH 1 AS x, y AS (SELECT 2) SELECT x, count() FROM y GROUP BY x ORDER BY x DESC LIMIT 2 BY "
     "x",
     "WITH 1 AS x, y AS (SELECT 2) SELECT x, count() FROM y GROUP BY x ORDER BY x DESC LIMIT 2 BY "
     "x"},
    {"SELECT DISTINCT a FROM t LIMIT 10 OFFSET 5", "SELECT DISTINCT a FROM t LIMIT 5, 10"},
    {"SELECT sum(x) OVER (PARTITION BY y ORDER BY z DESC) FROM t",
     "SELECT sum(x) OVER (PARTITION BY y ORDER BY z DESC) FROM t"},
    {"CREATE TABLE db.t (a UInt32 COMMENT 'c' CODEC(ZSTD) TTL now(), b Nullable(UInt8) NOT NULL, c "
     "Tuple(x UInt8, y String), PROJECTION p (SELECT a ORDER BY a), CONSTRAINT c1 CHECK a > 1, "
     "INDEX i a TYPE minmax) ENGINE = MergeTree() ORDER BY a SETTINGS x = 1",
     "CREATE TABLE db.t (`a` UInt32 COMMENT 'c' CODEC(ZSTD) TTL now(), `b` Nullable(UInt8) NOT "
     "NULL, `c` Tuple(x UInt8, y String), INDEX i a TYPE minmax GRANULARITY 1, CONSTRAINT c1 CHECK "
     "a > 1, PROJECTION p (SELECT a ORDER BY a)) ENGINE = MergeTree ORDER BY a SETTINGS x = 1"},
    {"CREATE DATABASE IF NOT EXISTS d ENGINE = Atomic COMMENT 'x'",
     "CREATE DATABASE IF NOT EXISTS d ENGINE = Atomic COMMENT 'x'"},
    {"CREATE TABLE t (x UInt8) ENGINE = Memory", "CREATE TABLE t (`x` UInt8) ENGINE = Memory"},
    {"CREATE TABLE IF NOT EXISTS t AS other", "CREATE TABLE IF NOT EXISTS t AS other"},
    {"CREATE TABLE t AS numbers(10)", "CREATE TABLE t AS numbers(10)"},
    {"CREATE TABLE t ENGINE=Memory AS SELECT 1", "CREATE TABLE t ENGINE = Memory AS SELECT 1"},
    {"CREATE TEMPORARY TABLE t (x UInt8)", "CREATE TEMPORARY TABLE t (`x` UInt8)"},
    {"CREATE OR REPLACE TABLE t (x UInt8) ENGINE=Log",
     "CREATE OR REPLACE TABLE t (`x` UInt8) ENGINE = Log"},
    {"DROP TABLE IF EXISTS db.t SYNC", "DROP TABLE IF EXISTS db.t SYNC"},
    {"DROP DATABASE d", "DROP DATABASE d"},
    {"TRUNCATE TABLE IF EXISTS t", "TRUNCATE TABLE IF EXISTS t"},
    {"RENAME TABLE a TO b, db.c TO db.d", "RENAME TABLE a TO b, db.c TO db.d"},
    {"EXCHANGE TABLES a AND b", "EXCHANGE TABLES a AND b"},
    {"USE db", "USE db"},
    {"SET a = 1, b = 'x'", "SET a = 1, b = 'x'"},
    {"ALTER TABLE t ADD COLUMN x UInt8 DEFAULT 1, DROP COLUMN y, MODIFY COLUMN z String, RENAME "
     "COLUMN a TO b",
     "ALTER TABLE t (ADD COLUMN `x` UInt8 DEFAULT 1), (DROP COLUMN y), (MODIFY COLUMN `z` String), "
     "(RENAME COLUMN a TO b)"},
    {"ALTER TABLE t DROP PARTITION 2020, DETACH PART 'all_1_1_0', ATTACH PARTITION ID 'x' FROM t2, "
     "REPLACE PARTITION tuple() FROM db.t3",
     "ALTER TABLE t (DROP PARTITION 2020), (DETACH PART 'all_1_1_0'), (ATTACH PARTITION ID 'x' "
     "FROM t2), (REPLACE PARTITION tuple() FROM db.t3)"},
    {"ALTER TABLE t MOVE PARTITION 1 TO TABLE t2, FREEZE PARTITION 1 WITH NAME 'b', UPDATE a = 1, "
     "b = 2 WHERE c, DELETE IN PARTITION 1 WHERE x",
     "ALTER TABLE t (MOVE PARTITION 1 TO TABLE t2), (FREEZE PARTITION 1 WITH NAME 'b'), (UPDATE  a "
     "= 1, b = 2 WHERE c), (DELETE IN PARTITION 1 WHERE x)"},
    {"ALTER TABLE t MODIFY ORDER BY (a, b), ADD INDEX i a TYPE minmax GRANULARITY 2, MODIFY TTL d "
     "+ INTERVAL 1 DAY",
     "ALTER TABLE t (MODIFY ORDER BY (a, b)), (ADD INDEX i a TYPE minmax GRANULARITY 2), (MODIFY "
     "TTL d + toIntervalDay(1))"},
    {"OPTIMIZE TABLE t PARTITION 2020 FINAL DEDUPLICATE",
     "OPTIMIZE TABLE t PARTITION 2020 FINAL DEDUPLICATE"},
    {"INSERT INTO db.t (a, b) SELECT 1, 2", "INSERT INTO db.t (a, b) SELECT 1, 2"},
    {"SELECT count(*), sum(x) OVER (PARTITION BY y ORDER BY z ASC), max(x) OVER w FROM t WINDOW w "
     "AS (PARTITION BY y)",
     "SELECT count(*), sum(x) OVER (PARTITION BY y ORDER BY z ASC), max(x) OVER w FROM t WINDOW w "
     "AS (PARTITION BY y)"},
    {"SELECT * FROM (SELECT a FROM t WHERE a IN (SELECT b FROM u)) AS s WHERE exists(SELECT 1)",
     "SELECT * FROM (SELECT a FROM t WHERE a IN (SELECT b FROM u)) AS s WHERE exists((SELECT 1))"},
    {"SELECT x FROM t WHERE x GLOBAL NOT IN (1, 2, 3) AND y NOT LIKE '%a%' AND z ILIKE 'b'",
     "SELECT x FROM t WHERE (x GLOBAL NOT IN (1, 2, 3)) AND (y NOT LIKE '%a%') AND (z ILIKE 'b')"},
    {"SELECT CASE WHEN x > 1 THEN 'a' WHEN x > 2 THEN 'b' ELSE 'c' END AS r FROM t",
     "SELECT multiIf(x > 1, 'a', x > 2, 'b', 'c') AS r FROM t"},
    {"SELECT t.1, t.2.3, arr[1][2], map['k'], tuple(1, 2).1 FROM t",
     "SELECT t.1, (t.2).3, (arr[1])[2], map['k'], tuple(1, 2).1 FROM t"},
    {"SELECT number FROM numbers(10) WHERE number % 2 = 0 ORDER BY number DESC LIMIT 3 OFFSET 1",
     "SELECT number FROM numbers(10) WHERE (number % 2) = 0 ORDER BY number DESC LIMIT 1, 3"},
    {"SELECT a, b FROM t ORDER BY a WITH FILL FROM 1 TO 10 STEP 1, b DESC",
     "SELECT a, b FROM t ORDER BY a ASC WITH FILL FROM 1 TO 10 STEP 1, b DESC"},
    {"SELECT toStartOfInterval(d, INTERVAL 1 HOUR), dateDiff('day', a, b) FROM t",
     "SELECT toStartOfInterval(d, toIntervalHour(1)), dateDiff('day', a, b) FROM t"},
    {"SELECT 1 AS x, x + 1 AS y, -x AS z, NOT x AS w",
     "SELECT 1 AS x, x + 1 AS y, -x AS z, NOT x AS w"},
    {"SELECT DISTINCT ON (a) a, b FROM t", "SELECT a, b FROM t LIMIT 1 BY a"},
    {"SELECT a FROM t1 ANY LEFT JOIN t2 ON t1.id = t2.id AND t1.x = t2.x",
     "SELECT a FROM t1 ANY LEFT JOIN t2 ON (t1.id = t2.id) AND (t1.x = t2.x)"},
    {"SELECT a FROM t LIMIT 5 BY a LIMIT 10", "SELECT a FROM t LIMIT 5 BY a LIMIT 10"},
    {"SELECT [1, 2, 3] AS arr, [[1], [2]], ['a', 'b'], (1, 'a', [1])",
     "SELECT [1, 2, 3] AS arr, [[1], [2]], ['a', 'b'], (1, 'a', [1])"},
    {"SELECT 'it''s', 'back\\\\slash', 'tab\\there', 'nl\\nx'",
     "SELECT 'it\\'s', 'back\\\\slash', 'tab\\there', 'nl\\nx'"},
    {"SELECT a IS NULL, b IS NOT NULL, c <=> d, e != f, g <> h",
     "SELECT a IS NULL, b IS NOT NULL, c <=> d, e != f, g != h"},
    {"SELECT quantiles(0.5, 0.9)(x), uniqExact(x, y), countIf(x > 1) FROM t",
     "SELECT quantiles(0.5, 0.9)(x), uniqExact(x, y), countIf(x > 1) FROM t"},
    {"SELECT * EXCEPT (a, b) FROM t", "SELECT * EXCEPT (a, b) FROM t"},
    {"SELECT t.* FROM t", "SELECT t.* FROM t"},
    {"SELECT x FROM t SAMPLE 0.1", "SELECT x FROM t SAMPLE 1 / 10"},
    {"SELECT * FROM t PREWHERE a = 1 WHERE b = 2", "SELECT * FROM t PREWHERE a = 1 WHERE b = 2"},
    {"SELECT x FROM t GROUP BY x WITH ROLLUP", "SELECT x FROM t GROUP BY x WITH ROLLUP"},
    {"SELECT x FROM t GROUP BY x WITH CUBE WITH TOTALS",
     "SELECT x FROM t GROUP BY x WITH CUBE WITH TOTALS"},
    {"SELECT x, count() FROM t GROUP BY x HAVING count() > 1",
     "SELECT x, count() FROM t GROUP BY x HAVING count() > 1"},
    {"SELECT 1 SETTINGS max_threads = 1, max_block_size = 100",
     "SELECT 1 SETTINGS max_threads = 1, max_block_size = 100"},
    {"EXPLAIN SELECT 1", "EXPLAIN SELECT 1"},
    {"INSERT INTO t VALUES", "INSERT INTO t FORMAT Values"},
    {"INSERT INTO db.t (a) FORMAT CSV", "INSERT INTO db.t (a) FORMAT CSV"},
    {"SELECT -1, - 1, -(1), - -1, 1 - 1, 1 - -1, -a, -(a + b), -f(x)",
     "SELECT -1, -1, -(1), -(-1), 1 - 1, 1 - -1, -a, -(a + b), -f(x)"},
    {"SELECT 1.5, 1., 100., 1e100, -0.5, 0.1e-10, 1e-7",
     "SELECT 1.5, 1., 100., 1e100, -0.5, 1e-11, 1e-7"},
    {"SELECT f(x AS y, z), g(DISTINCT a)", "SELECT f(x AS y, z), gDistinct(a)"},
    {"SELECT if(a, b, c), multiIf(a, b, c, d, e)", "SELECT if(a, b, c), multiIf(a, b, c, d, e)"},
    {"DESCRIBE TABLE db.t", "DESCRIBE TABLE db.t"},
    {"DESC numbers(3)", "DESCRIBE TABLE numbers(3)"},
    {"EXISTS TABLE db.t", "EXISTS TABLE db.t"},
    {"SHOW CREATE TABLE db.t", "SHOW CREATE TABLE db.t"},
    {"SHOW TABLES FROM db LIKE 'a%' LIMIT 3", "SHOW TABLES FROM db LIKE 'a%' LIMIT 3"},
    {"SHOW DATABASES", "SHOW DATABASES"},
    {"DELETE FROM db.t WHERE x = 1", "DELETE FROM db.t WHERE x = 1"},
    {"SYSTEM STOP MERGES db.t", "SYSTEM STOP MERGES db.t"},
    {"KILL MUTATION WHERE mutation_id = 'm' SYNC", "KILL MUTATION WHERE mutation_id = 'm' SYNC"},
    {"CHECK TABLE db.t", "CHECK TABLE db.t"},
    {"DROP TABLE t", "DROP TABLE t"},
    {"DETACH TABLE t PERMANENTLY", "DETACH TABLE t PERMANENTLY"},
    {"OPTIMIZE TABLE t FINAL", "OPTIMIZE TABLE t FINAL"},
    {"INSERT INTO t SELECT 1", "INSERT INTO t SELECT 1"},
    {"CREATE TABLE t (x UInt8 DEFAULT 1, INDEX i x TYPE set(0) GRANULARITY 2) ENGINE = MergeTree "
     "ORDER BY x",
     "CREATE TABLE t (`x` UInt8 DEFAULT 1, INDEX i x TYPE set(0) GRANULARITY 2) ENGINE = MergeTree "
     "ORDER BY x"},
    {"ALTER TABLE t MODIFY COLUMN x REMOVE DEFAULT, CLEAR COLUMN y IN PARTITION 1, MATERIALIZE "
     "INDEX i",
     "ALTER TABLE t (MODIFY COLUMN `x` REMOVE DEFAULT), (CLEAR COLUMN y IN PARTITION 1), "
     "(MATERIALIZE INDEX i)"},
    {"ALTER TABLE t ADD PROJECTION p (SELECT x ORDER BY y), DROP PROJECTION p, RESET SETTING a",
     "ALTER TABLE t (ADD PROJECTION p (SELECT x ORDER BY y)), (DROP PROJECTION p), (RESET SETTING  "
     "a)"},
    {"ALTER TABLE t FETCH PARTITION 1 FROM '/p', APPLY DELETED MASK, REWRITE PARTS",
     "ALTER TABLE t (FETCH PARTITION 1 FROM '/p'), (APPLY DELETED MASK), (REWRITE PARTS)"},
    {"ALTER TABLE t DROP DETACHED PARTITION 1, FORGET PARTITION 2, UNFREEZE WITH NAME 'x'",
     "ALTER TABLE t (DROP DETACHED PARTITION 1), (FORGET PARTITION 2), (UNFREEZE WITH NAME 'x')"},
};

static void test_format_one_line(void **state)
{
    (void)state;
    assert_string_equal(fmt(parse("SELECT 1 IS DISTINCT FROM 2, 1 IS TRUE, 0 IS NOT FALSE, NULL "
                                  "IS UNKNOWN, 'a' REGEXP 'b', now() AT TIME ZONE 'UTC'"),
                            true),
                        "SELECT 1 IS DISTINCT FROM 2, 1 <=> true, 0 IS DISTINCT FROM false, NULL "
                        "IS NULL, match('a', 'b'), toTimeZone(now(), 'UTC')");
    /* chref: a lambda after the first SELECT item is bracketed */
    assert_string_equal(fmt(parse("SELECT x -> x * 2, (x, y) -> x + y"), true),
                        "SELECT x -> (x * 2), ((x, y) -> (x + y))");
    assert_string_equal(fmt(parse("SELECT a, b AS c, x -> 1 AS l"), true),
                        "SELECT a, b AS c, (x -> 1) AS l");
    floe_ast *a = parse("SELECT [[1.5], [2]], [1., 2.5, -3]");
    assert_string_equal(fmt(a, true), "SELECT [[1.5], [2]], [1., 2.5, -3]");
    for (size_t k = 0; k < sizeof one_line / sizeof one_line[0]; k++) {
        floe_ast *st = parse(one_line[k].sql);
        const char *got = fmt(st, true);
        if (strcmp(got, one_line[k].formatted) != 0)
            fail_msg("format of %s:\n  got  %s\n  want %s", one_line[k].sql, got,
                     one_line[k].formatted);
    }
}

static const char sc1_ref[] = "CREATE TABLE default.t1\n"
                              "(\n"
                              "    `a` UInt32,\n"
                              "    `b` String DEFAULT 'x' COMMENT 'the b',\n"
                              "    `c` Float64 CODEC(Delta(8), ZSTD(3)),\n"
                              "    `d` Date MATERIALIZED today(),\n"
                              "    `e` UInt64 ALIAS a + 1,\n"
                              "    `f` Nullable(String),\n"
                              "    `g` DateTime64(3, 'UTC') EPHEMERAL,\n"
                              "    `h` Array(Tuple(\n"
                              "        a UInt8,\n"
                              "        b String)) TTL d + toIntervalDay(1),\n"
                              "    INDEX i1 a * 2 TYPE minmax GRANULARITY 3,\n"
                              "    INDEX i2 b TYPE bloom_filter(0.01) GRANULARITY 1\n"
                              ")\n"
                              "ENGINE = MergeTree\n"
                              "PARTITION BY toYYYYMM(d)\n"
                              "PRIMARY KEY a\n"
                              "ORDER BY (a, b)\n"
                              "SAMPLE BY a\n"
                              "TTL d + toIntervalMonth(1)\n"
                              "SETTINGS index_granularity = 8192, min_bytes_for_wide_part = 0\n"
                              "COMMENT 'tbl'";

static const char sc2_ref[] = "CREATE TABLE default.t2\n"
                              "(\n"
                              "    `x` Int32,\n"
                              "    `y` Enum8('a' = 1, 'b' = 2),\n"
                              "    `z` LowCardinality(String),\n"
                              "    `w` Decimal(10, 2),\n"
                              "    `m` Map(String, UInt64)\n"
                              ")\n"
                              "ENGINE = MergeTree\n"
                              "ORDER BY tuple()\n"
                              "SETTINGS index_granularity = 8192";

static const char sc3_ref[] = "CREATE TABLE db.t\n"
                              "(\n"
                              "    `a` UInt32 COMMENT 'c' CODEC(ZSTD) TTL now(),\n"
                              "    `b` UInt8 NULL,\n"
                              "    `c` Tuple(\n"
                              "        x UInt8,\n"
                              "        y String),\n"
                              "    INDEX i a TYPE minmax GRANULARITY 1,\n"
                              "    CONSTRAINT c1 CHECK a > 1,\n"
                              "    PROJECTION p\n"
                              "    (\n"
                              "        SELECT a\n"
                              "        ORDER BY a\n"
                              "    )\n"
                              ")\n"
                              "ENGINE = MergeTree\n"
                              "ORDER BY a\n"
                              "SETTINGS x = 1";

static const char sc4_ref[] = "CREATE VIEW v\n"
                              "AS SELECT\n"
                              "    a,\n"
                              "    b\n"
                              "FROM t\n"
                              "WHERE a > 1\n"
                              "GROUP BY a\n"
                              "ORDER BY b DESC\n"
                              "LIMIT 10";

static const char sc5_ref[] = "SELECT\n"
                              "    a,\n"
                              "    count() AS c\n"
                              "FROM db.t AS x\n"
                              "FINAL\n"
                              "LEFT JOIN u USING (a)\n"
                              "PREWHERE a\n"
                              "WHERE (b = 1) AND c\n"
                              "GROUP BY a\n"
                              "    WITH TOTALS\n"
                              "HAVING c > 1\n"
                              "ORDER BY\n"
                              "    a ASC NULLS FIRST,\n"
                              "    b DESC\n"
                              "LIMIT 1, 10\n"
                              "SETTINGS max_threads = 1\n"
                              "UNION ALL\n"
                              "SELECT 1";

static const char sc6_ref[] = "ALTER TABLE t\n"
                              "    (DROP COLUMN y),\n"
                              "    (DELETE WHERE 1)";

static void check_multi(const char *sql, const char *want)
{
    floe_ast *st = parse(sql);
    const char *got = fmt(st, false);
    if (strcmp(got, want) != 0)
        fail_msg("format of %s:\n--- got\n%s\n--- want\n%s", sql, got, want);
}

static void test_show_create(void **state)
{
    (void)state;
    /* SHOW CREATE TABLE output, the table written as the executor stores it
     * (database set, canonical types, engine settings filled in) */
    check_multi(
        "CREATE TABLE default.t1 (a UInt32, b String DEFAULT 'x' COMMENT 'the b', c Float64 "
        "CODEC(Delta(8), ZSTD(3)), d Date MATERIALIZED today(), e UInt64 ALIAS a + 1, f "
        "Nullable(String), g DateTime64(3, 'UTC') EPHEMERAL, h Array(Tuple(a UInt8, b "
        "String)) TTL d + INTERVAL 1 DAY, INDEX i1 a * 2 TYPE minmax GRANULARITY 3, INDEX i2 "
        "b TYPE bloom_filter(0.01) GRANULARITY 1) ENGINE = MergeTree PARTITION BY "
        "toYYYYMM(d) ORDER BY (a, b) PRIMARY KEY a SAMPLE BY a TTL d + toIntervalMonth(1) "
        "SETTINGS index_granularity = 8192, min_bytes_for_wide_part = 0 COMMENT 'tbl'",
        sc1_ref);
    check_multi("CREATE TABLE default.t2 (x Int32, y Enum8('a' = 1, 'b' = 2), z "
                "LowCardinality(String), w Decimal(10, 2), m Map(String, UInt64)) ENGINE=MergeTree "
                "ORDER BY tuple() SETTINGS index_granularity = 8192",
                sc2_ref);
    check_multi("CREATE TABLE db.t (a UInt32 COMMENT 'c' CODEC(ZSTD) TTL now(), b UInt8 NULL, c "
                "Tuple(x UInt8, y String), PROJECTION p (SELECT a ORDER BY a), CONSTRAINT c1 CHECK "
                "a > 1, INDEX i a TYPE minmax) ENGINE = MergeTree() ORDER BY a SETTINGS x = 1",
                sc3_ref);
    check_multi(
        "CREATE VIEW v AS SELECT a, b FROM t WHERE a > 1 GROUP BY a ORDER BY b DESC LIMIT 10",
        sc4_ref);
    check_multi(
        "SELECT a, count() AS c FROM db.t AS x FINAL LEFT JOIN u USING (a) PREWHERE a WHERE "
        "b = 1 AND c GROUP BY a WITH TOTALS HAVING c > 1 ORDER BY a ASC NULLS FIRST, b DESC "
        "LIMIT 1, 10 SETTINGS max_threads = 1 UNION ALL SELECT 1",
        sc5_ref);
    check_multi("ALTER TABLE t DROP COLUMN y, DELETE WHERE 1", sc6_ref);
    /* chref: SHOW CREATE TABLE of ENGINE=Memory and of CREATE ... AS SELECT */
    check_multi("CREATE TABLE default.t3 (`x` UInt8) ENGINE = Memory",
                "CREATE TABLE default.t3\n(\n    `x` UInt8\n)\nENGINE = Memory");
    check_multi("CREATE DATABASE default", "CREATE DATABASE default");
    /* defaults and type layouts (chref SHOW CREATE TABLE) */
    check_multi(
        "CREATE TABLE default.t7 (a Int32, b Int32 DEFAULT -1, c String DEFAULT 'x\\ty', d "
        "Array(UInt8) DEFAULT [1, 2], e Tuple(UInt8, String) DEFAULT (1, 'a'), f Date DEFAULT "
        "toDate('2020-01-01'), g Int64 DEFAULT (a * 2) + 1, h String DEFAULT if(a > 1, 'x', 'y'), "
        "i UInt8 DEFAULT CAST(1 AS UInt8), j String ALIAS a || 'x', k UInt8 MATERIALIZED a IN (1, "
        "2), l Array(Int32) DEFAULT arrayMap(x -> x + 1, [a]), m Float64 DEFAULT 1.5e10, n "
        "Nullable(Int32) DEFAULT NULL, o Bool DEFAULT true, p DateTime DEFAULT now() - INTERVAL 1 "
        "HOUR, q Float64 DEFAULT -a, r UInt8 DEFAULT NOT a, s String DEFAULT a::String, t Int32 "
        "DEFAULT a BETWEEN 1 AND 2, u UInt64 DEFAULT 18446744073709551615, v Float64 DEFAULT 0.1 + "
        "0.2, w Int8 DEFAULT -(-1), x Map(String, UInt8) DEFAULT map('a', 1), y String DEFAULT "
        "$$he$$, z UInt8 DEFAULT a = 1 AND b = 2 OR c = 'x') ENGINE = MergeTree ORDER BY (a, "
        "intHash32(b)) PARTITION BY (toYYYYMM(f), a % 4) SETTINGS index_granularity = 8192",
        "CREATE TABLE default.t7\n"
        "(\n"
        "    `a` Int32,\n"
        "    `b` Int32 DEFAULT -1,\n"
        "    `c` String DEFAULT 'x\\ty',\n"
        "    `d` Array(UInt8) DEFAULT [1, 2],\n"
        "    `e` Tuple(\n"
        "        UInt8,\n"
        "        String) DEFAULT (1, 'a'),\n"
        "    `f` Date DEFAULT toDate('2020-01-01'),\n"
        "    `g` Int64 DEFAULT (a * 2) + 1,\n"
        "    `h` String DEFAULT if(a > 1, 'x', 'y'),\n"
        "    `i` UInt8 DEFAULT CAST(1, 'UInt8'),\n"
        "    `j` String ALIAS concat(a, 'x'),\n"
        "    `k` UInt8 MATERIALIZED a IN (1, 2),\n"
        "    `l` Array(Int32) DEFAULT arrayMap(x -> (x + 1), [a]),\n"
        "    `m` Float64 DEFAULT 15000000000.,\n"
        "    `n` Nullable(Int32) DEFAULT NULL,\n"
        "    `o` Bool DEFAULT true,\n"
        "    `p` DateTime DEFAULT now() - toIntervalHour(1),\n"
        "    `q` Float64 DEFAULT -a,\n"
        "    `r` UInt8 DEFAULT NOT a,\n"
        "    `s` String DEFAULT CAST(a, 'String'),\n"
        "    `t` Int32 DEFAULT (a >= 1) AND (a <= 2),\n"
        "    `u` UInt64 DEFAULT 18446744073709551615,\n"
        "    `v` Float64 DEFAULT 0.1 + 0.2,\n"
        "    `w` Int8 DEFAULT -(-1),\n"
        "    `x` Map(String, UInt8) DEFAULT map('a', 1),\n"
        "    `y` String DEFAULT 'he',\n"
        "    `z` UInt8 DEFAULT ((a = 1) AND (b = 2)) OR (c = 'x')\n"
        ")\n"
        "ENGINE = MergeTree\n"
        "PARTITION BY (toYYYYMM(f), a % 4)\n"
        "ORDER BY (a, intHash32(b))\n"
        "SETTINGS index_granularity = 8192");
    check_multi(
        "CREATE TABLE default.t8 (x Tuple(a Tuple(b UInt8, c String), d Array(Tuple(UInt8))), y "
        "Tuple(), z LowCardinality(Nullable(String))) ENGINE = Memory",
        "CREATE TABLE default.t8\n"
        "(\n"
        "    `x` Tuple(\n"
        "        a Tuple(\n"
        "            b UInt8,\n"
        "            c String),\n"
        "        d Array(Tuple(UInt8))),\n"
        "    `y` Tuple,\n"
        "    `z` LowCardinality(Nullable(String))\n"
        ")\n"
        "ENGINE = Memory");
    check_multi("CREATE TABLE default.t9 (x Tuple(a UInt8), y Array(Tuple(UInt8, UInt8)), z "
                "Map(String, Tuple(UInt8, UInt8))) ENGINE = Memory",
                "CREATE TABLE default.t9\n"
                "(\n"
                "    `x` Tuple(a UInt8),\n"
                "    `y` Array(Tuple(\n"
                "        UInt8,\n"
                "        UInt8)),\n"
                "    `z` Map(String, Tuple(\n"
                "        UInt8,\n"
                "        UInt8))\n"
                ")\n"
                "ENGINE = Memory");
}

/* ---- syntax errors ---- */

static const struct {
    const char *sql, *error;
} errors[] = {
    {"SELECT (1", "Code: 62. DB::Exception: Syntax error: failed at position 8 ((): (1. Unmatched "
                  "parentheses: (. (SYNTAX_ERROR)"},
    {"SELECT 1 +",
     "Code: 62. DB::Exception: Syntax error: failed at position 11 (end of query): ."},
    {"SELECT 'abc", "Code: 62. DB::Exception: Single quoted string is not closed: Syntax error: "
                    "failed at position 8 ('abc): 'abc. . (SYNTAX_ERROR)"},
    {"SELECT 1 FROM",
     "Code: 62. DB::Exception: Syntax error: failed at position 14 (end of query): ."},
    {"SELECT a b c", "Code: 62. DB::Exception: Syntax error: failed at position 12 (c): c."},
    {"SELECT 1,\n 2 3",
     "Code: 62. DB::Exception: Syntax error: failed at position 14 (3) (line 2, col 4): 3."},
    {"SELECT * FROM t WHERE",
     "Code: 62. DB::Exception: Syntax error: failed at position 22 (end of query): ."},
    {"CREATE TABLE t (x)", "Code: 62. DB::Exception: Syntax error: failed at position 18 ()): )."},
    {"SELECT 1 )", "Code: 62. DB::Exception: Syntax error: failed at position 10 ()): ). Unmatched "
                   "parentheses: ). (SYNTAX_ERROR)"},
    {"SELECT [1, 2", "Code: 62. DB::Exception: Syntax error: failed at position 8 ([): [1, 2. "
                     "Unmatched parentheses: [. (SYNTAX_ERROR)"},
    {"SELECT 1 2", "Code: 62. DB::Exception: Syntax error: failed at position 10 (2): 2."},
    {"SELECT `abc", "Code: 62. DB::Exception: Back quoted string is not closed: Syntax error: "
                    "failed at position 8 (`abc): `abc. . (SYNTAX_ERROR)"},
    {"SELECT /* x", "Code: 62. DB::Exception: Multiline comment is not closed: Syntax error: "
                    "failed at position 8 (/* x): /* x. . (SYNTAX_ERROR)"},
    {"SELECT \n1 +", "Code: 62. DB::Exception: Syntax error: failed at position 12 (end of query) "
                     "(line 2, col 4): ."},
    {"SELECT 1 \n+", "Code: 62. DB::Exception: Syntax error: failed at position 12 (end of query) "
                     "(line 2, col 2): ."},
    {"SELECT 1 FROM t LIMIT",
     "Code: 62. DB::Exception: Syntax error: failed at position 22 (end of query): ."},
    {"SELECT $$", "Code: 62. DB::Exception: Syntax error: failed at position 8 ($): $$."},
    {"SELECT ?", "Code: 62. DB::Exception: Syntax error: failed at position 8 (?): ?."},
    {"SELECT \"abc", "Code: 62. DB::Exception: Double quoted string is not closed: Syntax error: "
                     "failed at position 8 (\"abc): \"abc. . (SYNTAX_ERROR)"},
    {"SELECT 1 !", "Code: 62. DB::Exception: Exclamation mark can only occur in != operator: "
                   "Syntax error: failed at position 10 (!): !. . (SYNTAX_ERROR)"},
    {"SELECT f(1, 2", "Code: 62. DB::Exception: Syntax error: failed at position 9 ((): (1, 2. "
                      "Unmatched parentheses: (. (SYNTAX_ERROR)"},
    {"SELECT x FROM t GROUP",
     "Code: 62. DB::Exception: Syntax error: failed at position 22 (end of query): ."},
    {"SELECT x FROM t ORDER BY",
     "Code: 62. DB::Exception: Syntax error: failed at position 25 (end of query): ."},
    {"SELECT 1 UNION ALL",
     "Code: 62. DB::Exception: Syntax error: failed at position 19 (end of query): ."},
    {"INSERT INTO t (a, b", "Code: 62. DB::Exception: Syntax error: failed at position 15 ((): (a, "
                            "b. Unmatched parentheses: (. (SYNTAX_ERROR)"},
    {"CREATE TABLE t (x UInt8) ENGINE = MergeTree ORDER",
     "Code: 62. DB::Exception: Syntax error: failed at position 50 (end of query): ."},
    {"ALTER TABLE t DROP PARTITION",
     "Code: 62. DB::Exception: Syntax error: failed at position 29 (end of query): ."},
    {"SELECT CASE WHEN 1 THEN 2",
     "Code: 62. DB::Exception: Syntax error: failed at position 26 (end of query): ."},
    {"SELECT 1 FROM t WHERE x = 1 AND AND y = 2 "
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "Code: 62. DB::Exception: Syntax error: failed at position 37 (y): y = 2 "
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa..."},
    {"SELECT 1 FROM t SETTINGS",
     "Code: 62. DB::Exception: Syntax error: failed at position 25 (end of query): ."},
    {"SELECT x::",
     "Code: 62. DB::Exception: Syntax error: failed at position 11 (end of query): ."},
    {"SELECT 1 IN",
     "Code: 62. DB::Exception: Syntax error: failed at position 12 (end of query): ."},
};

static void test_syntax_errors(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof errors / sizeof errors[0]; k++) {
        const char *got = errmsg(errors[k].sql);
        char cut[4096];
        snprintf(cut, sizeof cut, "%s", got);
        size_t wl = strlen(errors[k].error);
        bool full = wl >= 14 && strcmp(errors[k].error + wl - 14, "(SYNTAX_ERROR)") == 0;
        if (!full) {
            char *x = strstr(cut, " Expected ");
            if (x)
                *x = '\0';
        }
        if (strcmp(cut, errors[k].error) != 0)
            fail_msg("error of %s:\n  got  %s\n  want %s", errors[k].sql, got, errors[k].error);
    }
}

static void test_limits(void **state)
{
    (void)state;
    /* max_parser_depth: chref parses SELECT with 197 nested brackets and
     * fails with 198 */
    floe_buf q = FLOE_BUF_INIT;
    for (int n = 197; n <= 198; n++) {
        floe_buf_clear(&q);
        floe_buf_puts(&q, "SELECT ");
        for (int k = 0; k < n; k++)
            floe_buf_putc(&q, '(');
        floe_buf_putc(&q, '1');
        for (int k = 0; k < n; k++)
            floe_buf_putc(&q, ')');
        if (n == 197)
            parse(q.data);
        else
            assert_string_equal(errmsg(q.data),
                                "Code: 306. DB::Exception: Maximum parse depth (1000) exceeded. "
                                "Consider rising max_parser_depth parameter. "
                                "(TOO_DEEP_RECURSION)");
    }
    /* nested function calls and arrays are limited later (max_ast_depth) */
    floe_buf_clear(&q);
    floe_buf_puts(&q, "SELECT ");
    for (int k = 0; k < 1000; k++)
        floe_buf_puts(&q, "abs(");
    floe_buf_putc(&q, '1');
    for (int k = 0; k < 1000; k++)
        floe_buf_putc(&q, ')');
    parse(q.data);
    /* but the parser's own recursion is bounded whatever the settings */
    floe_buf_clear(&q);
    floe_buf_puts(&q, "SELECT ");
    for (int k = 0; k < 10000; k++)
        floe_buf_puts(&q, "abs(");
    errmsg(q.data);
    assert_int_equal(floe_error_code(), FLOE_ERR_TOO_DEEP_RECURSION);
    floe_buf_free(&q);

    /* max_query_size (chref: SELECT 1 SETTINGS max_query_size=10) */
    floe_parse_options o = FLOE_PARSE_OPTIONS_INIT;
    o.max_query_size = 10;
    floe_ast *st;
    size_t used;
    const char *s = "SELECT 1 SETTINGS max_query_size=10";
    assert_int_equal(floe_sql_parse(&st, &used, &arena, s, strlen(s), &o), -1);
    char buf[512];
    floe_error_format(buf, sizeof buf);
    assert_string_equal(buf, "Code: 62. DB::Exception: Max query size exceeded (can be increased "
                             "with the `max_query_size` setting): Syntax error: failed at position "
                             "10 (SETTINGS): SETTINGS. . (SYNTAX_ERROR)");
}

/* ---- SELECT ---- */

static void test_select_clauses(void **state)
{
    (void)state;
    floe_ast *s = parse("WITH 1 AS one, cte AS (SELECT 2) SELECT DISTINCT a, b AS bb, c cc "
                        "FROM db.t AS x FINAL SAMPLE 0.1 PREWHERE p WHERE w GROUP BY a, b WITH "
                        "ROLLUP WITH TOTALS HAVING h ORDER BY a DESC NULLS FIRST, b ASC COLLATE "
                        "'en', c WITH FILL FROM 1 TO 10 STEP 2 LIMIT 2 BY a LIMIT 5, 10 SETTINGS "
                        "max_threads = 2 FORMAT TSV");
    assert_int_equal(s->kind, FLOE_AST_SELECT);
    assert_int_equal(s->u.select.n_with, 2);
    assert_string_equal(s->u.select.with[0]->alias, "one");
    assert_int_equal(s->u.select.with[1]->kind, FLOE_AST_SUBQUERY);
    assert_string_equal(s->u.select.with[1]->alias, "cte");
    assert_true(s->u.select.distinct);
    assert_int_equal(s->u.select.n_exprs, 3);
    assert_string_equal(s->u.select.exprs[1]->alias, "bb");
    assert_string_equal(s->u.select.exprs[2]->alias, "cc");
    floe_ast *t = s->u.select.from;
    assert_int_equal(t->kind, FLOE_AST_TABLE);
    assert_string_equal(t->u.table.db, "db");
    assert_string_equal(t->u.table.name, "t");
    assert_string_equal(t->alias, "x");
    assert_true(t->u.table.final);
    assert_non_null(s->u.select.sample);
    assert_non_null(s->u.select.prewhere);
    assert_non_null(s->u.select.where);
    assert_int_equal(s->u.select.n_group_by, 2);
    assert_true(s->u.select.with_rollup);
    assert_true(s->u.select.with_totals);
    assert_non_null(s->u.select.having);
    assert_int_equal(s->u.select.n_order_by, 3);
    floe_ast *o = s->u.select.order_by[0];
    assert_true(o->u.order.desc);
    assert_int_equal(o->u.order.nulls_first, 1);
    o = s->u.select.order_by[1];
    assert_false(o->u.order.desc);
    assert_int_equal(o->u.order.nulls_first, -1);
    assert_string_equal(o->u.order.collate, "en");
    o = s->u.select.order_by[2];
    assert_true(o->u.order.with_fill);
    assert_non_null(o->u.order.fill_from);
    assert_non_null(o->u.order.fill_to);
    assert_non_null(o->u.order.fill_step);
    assert_int_equal(s->u.select.n_limit_by, 1);
    assert_int_equal(s->u.select.limit_by_length->u.lit.value.v.u, 2);
    assert_int_equal(s->u.select.limit->u.lit.value.v.u, 10);
    assert_int_equal(s->u.select.offset->u.lit.value.v.u, 5);
    assert_int_equal(s->u.select.n_settings, 1);
    assert_string_equal(s->u.select.settings[0].name, "max_threads");
    assert_non_null(s->output);
    assert_string_equal(s->output->format, "TSV");

    /* keywords of other clauses are fine bare aliases (chref) */
    s = parse("SELECT 1 comment, 2 default, 3 ttl, 4 desc, 5 key, 6 partition FROM t ORDER BY "
              "desc DESC");
    assert_string_equal(s->u.select.exprs[0]->alias, "comment");
    assert_string_equal(s->u.select.exprs[3]->alias, "desc");
    assert_string_equal(s->u.select.exprs[5]->alias, "partition");
    assert_true(s->u.select.order_by[0]->u.order.desc);
    s = parse("SELECT 1 LIMIT 10 OFFSET 20");
    assert_int_equal(s->u.select.limit->u.lit.value.v.u, 10);
    assert_int_equal(s->u.select.offset->u.lit.value.v.u, 20);
    s = parse("SELECT 1 OFFSET 5 ROWS FETCH FIRST 3 ROWS ONLY");
    assert_int_equal(s->u.select.limit->u.lit.value.v.u, 3);
    assert_int_equal(s->u.select.offset->u.lit.value.v.u, 5);
    s = parse("SELECT * FROM numbers(10) INTO OUTFILE 'f.tsv' FORMAT CSV SETTINGS a = 1");
    assert_int_equal(s->u.select.from->kind, FLOE_AST_FUNC);
    assert_string_equal(s->u.select.from->u.func.name, "numbers");
    assert_string_equal(s->output->outfile, "f.tsv");
    assert_string_equal(s->output->format, "CSV");
    assert_int_equal(s->output->n_settings, 1);
    s = parse("SELECT a FROM t GROUP BY ALL ORDER BY ALL DESC");
    assert_true(s->u.select.group_by_all);
    assert_true(s->u.select.order_by_all);
    s = parse("SELECT a FROM t GROUP BY GROUPING SETS ((a), (a, b), ())");
    assert_true(s->u.select.grouping_sets);
    assert_int_equal(s->u.select.n_group_by, 3);
    s = parse("SELECT a FROM t GROUP BY CUBE(a, b)");
    assert_true(s->u.select.with_cube);
    s = parse("SELECT * FROM (SELECT 1) AS sub");
    assert_int_equal(s->u.select.from->kind, FLOE_AST_SUBQUERY);
    assert_string_equal(s->u.select.from->alias, "sub");
}

static void test_joins_and_unions(void **state)
{
    (void)state;
    floe_ast *s = parse("SELECT * FROM a LEFT ANY JOIN b ON a.x = b.x GLOBAL INNER JOIN c USING "
                        "(x, y), d ARRAY JOIN arr AS e");
    floe_ast *j = s->u.select.from;
    assert_int_equal(j->kind, FLOE_AST_JOIN);
    assert_int_equal(j->u.join.kind, FLOE_JOIN_ARRAY);
    assert_int_equal(j->u.join.n_using, 1);
    j = j->u.join.left;
    assert_true(j->u.join.comma);
    assert_int_equal(j->u.join.kind, FLOE_JOIN_CROSS);
    j = j->u.join.left;
    assert_int_equal(j->u.join.kind, FLOE_JOIN_INNER);
    assert_true(j->u.join.global);
    assert_int_equal(j->u.join.n_using, 2);
    j = j->u.join.left;
    assert_int_equal(j->u.join.kind, FLOE_JOIN_LEFT);
    assert_int_equal(j->u.join.strictness, FLOE_JOIN_ANY);
    assert_non_null(j->u.join.on);
    assert_string_equal(j->u.join.left->u.table.name, "a");

    s = parse("SELECT 1 UNION ALL SELECT 2 UNION SELECT 3 EXCEPT SELECT 4 ORDER BY 1 LIMIT 1");
    assert_int_equal(s->kind, FLOE_AST_UNION);
    assert_int_equal(s->u.union_.n_items, 4);
    assert_int_equal(s->u.union_.modes[0], FLOE_UNION_ALL);
    assert_int_equal(s->u.union_.modes[1], FLOE_UNION_UNSPECIFIED);
    assert_int_equal(s->u.union_.modes[2], FLOE_UNION_EXCEPT_DISTINCT);
    /* ORDER BY / LIMIT belong to the last SELECT, as in ClickHouse */
    assert_int_equal(s->u.union_.items[3]->u.select.n_order_by, 1);
    s = parse("(SELECT 1) UNION DISTINCT (SELECT 2 UNION ALL SELECT 3)");
    assert_int_equal(s->u.union_.n_items, 2);
    assert_int_equal(s->u.union_.modes[0], FLOE_UNION_DISTINCT);
    assert_int_equal(s->u.union_.items[1]->kind, FLOE_AST_SUBQUERY);
    assert_int_equal(s->u.union_.items[1]->u.subquery.query->kind, FLOE_AST_UNION);
    s = parse("(SELECT 1)");
    assert_int_equal(s->kind, FLOE_AST_SELECT);
}

/* ---- DDL ---- */

static void test_create_table(void **state)
{
    (void)state;
    floe_ast *c =
        parse("CREATE TABLE IF NOT EXISTS db.t (a UInt32 DEFAULT 1 COMMENT 'ca', b "
              "Nullable(String) MATERIALIZED toString(a) CODEC(ZSTD(1), LZ4), c "
              "DateTime64(3, 'UTC') ALIAS now(), d UInt8 EPHEMERAL, e Array(UInt8) TTL "
              "now() + INTERVAL 1 DAY, INDEX i a * 2 TYPE set(100) GRANULARITY 4) ENGINE = "
              "MergeTree() PARTITION BY toYYYYMM(c) PRIMARY KEY a ORDER BY (a, b) SAMPLE "
              "BY a TTL c + INTERVAL 1 MONTH SETTINGS index_granularity = 1024 COMMENT "
              "'tc'");
    assert_int_equal(c->kind, FLOE_AST_CREATE_TABLE);
    assert_true(c->u.create_table.if_not_exists);
    assert_string_equal(c->u.create_table.db, "db");
    assert_string_equal(c->u.create_table.name, "t");
    assert_int_equal(c->u.create_table.n_columns, 5);
    floe_ast *col = c->u.create_table.columns[0];
    assert_string_equal(col->u.column.name, "a");
    assert_string_equal(col->u.column.type, "UInt32");
    assert_int_equal(col->u.column.default_kind, FLOE_COLUMN_DEFAULT);
    assert_string_equal(col->u.column.comment, "ca");
    col = c->u.create_table.columns[1];
    assert_string_equal(col->u.column.type, "Nullable(String)");
    assert_int_equal(col->u.column.default_kind, FLOE_COLUMN_MATERIALIZED);
    assert_int_equal(col->u.column.n_codec, 2);
    assert_string_equal(col->u.column.codec[0]->u.func.name, "ZSTD");
    assert_string_equal(col->u.column.codec[1]->u.func.name, "LZ4");
    col = c->u.create_table.columns[2];
    assert_string_equal(col->u.column.type, "DateTime64(3, 'UTC')");
    assert_int_equal(col->u.column.default_kind, FLOE_COLUMN_ALIAS);
    col = c->u.create_table.columns[3];
    assert_int_equal(col->u.column.default_kind, FLOE_COLUMN_EPHEMERAL);
    assert_null(col->u.column.default_expr);
    col = c->u.create_table.columns[4];
    assert_non_null(col->u.column.ttl);
    assert_int_equal(c->u.create_table.n_indexes, 1);
    floe_ast *ix = c->u.create_table.indexes[0];
    assert_string_equal(ix->u.index.name, "i");
    assert_string_equal(ix->u.index.type->u.func.name, "set");
    assert_int_equal(ix->u.index.granularity, 4);
    assert_string_equal(c->u.create_table.engine->u.func.name, "MergeTree");
    assert_non_null(c->u.create_table.partition_by);
    assert_non_null(c->u.create_table.primary_key);
    assert_string_equal(colname(c->u.create_table.order_by), "(a, b)");
    assert_non_null(c->u.create_table.sample_by);
    assert_int_equal(c->u.create_table.n_ttl, 1);
    assert_int_equal(c->u.create_table.n_settings, 1);
    assert_string_equal(c->u.create_table.comment, "tc");

    c = parse("CREATE OR REPLACE TEMPORARY TABLE t (x int)");
    assert_true(c->u.create_table.or_replace);
    assert_true(c->u.create_table.temporary);
    assert_null(c->u.create_table.db);
    assert_string_equal(c->u.create_table.columns[0]->u.column.type, "int");
    assert_null(c->u.create_table.engine);

    c = parse("CREATE TABLE t2 AS db.t1 ENGINE = Memory");
    assert_string_equal(c->u.create_table.as_table.db, "db");
    assert_string_equal(c->u.create_table.as_table.name, "t1");
    assert_string_equal(c->u.create_table.engine->u.func.name, "Memory");
    assert_true(c->u.create_table.engine->u.func.no_empty_args);
    c = parse("CREATE TABLE t3 AS numbers(10)");
    assert_string_equal(c->u.create_table.as_function->u.func.name, "numbers");
    c = parse("CREATE TABLE t4 ENGINE = MergeTree ORDER BY x AS SELECT 1 AS x");
    assert_int_equal(c->u.create_table.as_select->kind, FLOE_AST_SELECT);
    c = parse("CREATE TABLE t5 ENGINE = MergeTree ORDER BY x EMPTY AS SELECT 1 AS x");
    assert_true(c->u.create_table.empty_as);
    c = parse("CREATE TABLE t6 (x UInt8, y Tuple(a UInt8, b String), PROJECTION p (SELECT x ORDER "
              "BY y), CONSTRAINT c CHECK x > 0, PRIMARY KEY (x)) ENGINE = MergeTree");
    assert_int_equal(c->u.create_table.n_projections, 1);
    assert_int_equal(c->u.create_table.n_constraints, 1);
    assert_non_null(c->u.create_table.primary_key_in_columns);
    assert_string_equal(c->u.create_table.columns[1]->u.column.type, "Tuple(a UInt8, b String)");
    /* columns may be called index, projection, type, comment */
    c = parse("CREATE TABLE t7 (index UInt8 DEFAULT 1, projection Tuple(a UInt8), INDEX i index "
              "TYPE minmax, type String, comment String COMMENT 'c') ENGINE = Memory");
    assert_int_equal(c->u.create_table.n_columns, 4);
    assert_string_equal(c->u.create_table.columns[0]->u.column.name, "index");
    assert_string_equal(c->u.create_table.columns[1]->u.column.name, "projection");
    assert_int_equal(c->u.create_table.n_indexes, 1);
    assert_int_equal(c->u.create_table.n_projections, 0);
    c = parse("CREATE VIEW v AS SELECT 1");
    assert_true(c->u.create_table.is_view);
    c = parse("CREATE MATERIALIZED VIEW mv TO dst AS SELECT 1");
    assert_true(c->u.create_table.is_materialized_view);
    assert_string_equal(c->u.create_table.to_table.name, "dst");
    c = parse("ATTACH TABLE t (x UInt8) ENGINE = Memory");
    assert_int_equal(c->kind, FLOE_AST_CREATE_TABLE);
    assert_true(c->u.create_table.attach);
    c = parse("ATTACH TABLE db.t");
    assert_int_equal(c->kind, FLOE_AST_ATTACH);
    assert_string_equal(c->u.attach.db, "db");

    c = parse("CREATE DATABASE IF NOT EXISTS d ENGINE = Atomic COMMENT 'x'");
    assert_int_equal(c->kind, FLOE_AST_CREATE_DATABASE);
    assert_true(c->u.create_database.if_not_exists);
    assert_string_equal(c->u.create_database.name, "d");
    assert_string_equal(c->u.create_database.engine->u.func.name, "Atomic");
    assert_string_equal(c->u.create_database.comment, "x");
}

static void test_drop_rename_misc(void **state)
{
    (void)state;
    floe_ast *e = parse("DROP TABLE IF EXISTS db.t SYNC");
    assert_int_equal(e->kind, FLOE_AST_DROP);
    assert_int_equal(e->u.drop.what, FLOE_OBJECT_TABLE);
    assert_true(e->u.drop.if_exists);
    assert_true(e->u.drop.sync);
    assert_string_equal(e->u.drop.db, "db");
    assert_string_equal(e->u.drop.name, "t");
    e = parse("DROP TABLE IF EXISTS a, db.b SYNC");
    assert_int_equal(e->u.drop.n_names, 2);
    assert_string_equal(e->u.drop.name, "a");
    assert_string_equal(e->u.drop.names[1].db, "db");
    assert_string_equal(fmt(e, true), "DROP TABLE IF EXISTS a, db.b SYNC"); /* chref */
    e = parse("DROP DATABASE d");
    assert_int_equal(e->u.drop.what, FLOE_OBJECT_DATABASE);
    assert_string_equal(e->u.drop.name, "d");
    e = parse("DROP VIEW v");
    assert_int_equal(e->u.drop.what, FLOE_OBJECT_VIEW);
    e = parse("DETACH TABLE t PERMANENTLY");
    assert_true(e->u.drop.detach);
    assert_true(e->u.drop.permanently);
    e = parse("DROP NAMED COLLECTION IF EXISTS nc");
    assert_int_equal(e->u.drop.what, FLOE_OBJECT_NAMED_COLLECTION);
    assert_string_equal(e->u.drop.name, "nc");

    e = parse("RENAME TABLE a TO b, db.c TO db2.d");
    assert_int_equal(e->kind, FLOE_AST_RENAME);
    assert_int_equal(e->u.rename.n, 2);
    assert_string_equal(e->u.rename.from[1].db, "db");
    assert_string_equal(e->u.rename.to[1].db, "db2");
    assert_string_equal(e->u.rename.to[1].name, "d");
    e = parse("EXCHANGE TABLES a AND b");
    assert_true(e->u.rename.exchange);
    assert_int_equal(e->u.rename.n, 1);

    e = parse("TRUNCATE TABLE IF EXISTS db.t");
    assert_int_equal(e->kind, FLOE_AST_TRUNCATE);
    assert_true(e->u.truncate.if_exists);
    e = parse("TRUNCATE t");
    assert_string_equal(e->u.truncate.name, "t");

    e = parse("EXISTS TABLE db.t");
    assert_int_equal(e->kind, FLOE_AST_EXISTS);
    assert_int_equal(e->u.exists.what, FLOE_OBJECT_TABLE);
    e = parse("EXISTS t");
    assert_int_equal(e->u.exists.what, FLOE_OBJECT_NONE);

    e = parse("DESCRIBE TABLE db.t");
    assert_int_equal(e->kind, FLOE_AST_DESCRIBE);
    assert_int_equal(e->u.describe.target->kind, FLOE_AST_TABLE);
    e = parse("DESC numbers(3)");
    assert_int_equal(e->u.describe.target->kind, FLOE_AST_FUNC);
    e = parse("DESC (SELECT 1)");
    assert_int_equal(e->u.describe.target->kind, FLOE_AST_SUBQUERY);

    e = parse("SHOW CREATE TABLE db.t");
    assert_int_equal(e->kind, FLOE_AST_SHOW_CREATE);
    assert_int_equal(e->u.show_create.what, FLOE_OBJECT_TABLE);
    e = parse("SHOW CREATE DATABASE d");
    assert_int_equal(e->u.show_create.what, FLOE_OBJECT_DATABASE);
    assert_string_equal(e->u.show_create.name, "d");
    e = parse("SHOW CREATE t");
    assert_int_equal(e->u.show_create.what, FLOE_OBJECT_NONE);
    e = parse("SHOW TABLES FROM db NOT LIKE 'a%' LIMIT 3");
    assert_int_equal(e->kind, FLOE_AST_SHOW_TABLES);
    assert_string_equal(e->u.show.db, "db");
    assert_string_equal(e->u.show.like, "a%");
    assert_true(e->u.show.not_like);
    assert_non_null(e->u.show.limit);
    e = parse("SHOW DATABASES ILIKE '%x'");
    assert_int_equal(e->kind, FLOE_AST_SHOW_DATABASES);
    assert_true(e->u.show.ilike);
    e = parse("SHOW PARTITIONS FROM db.t");
    assert_int_equal(e->kind, FLOE_AST_SHOW_PARTITIONS);
    assert_string_equal(e->u.show_partitions.name, "t");
    e = parse("SHOW PROCESSLIST");
    assert_int_equal(e->kind, FLOE_AST_SHOW_OTHER);
    assert_string_equal(e->u.show_other.words[0], "PROCESSLIST");
    e = parse("SHOW TABLES FORMAT JSON");
    assert_string_equal(e->output->format, "JSON");

    e = parse("USE db");
    assert_int_equal(e->kind, FLOE_AST_USE);
    assert_string_equal(e->u.use.db, "db");
    e = parse("SET a = 1, b = 'x', c = -2, d = true");
    assert_int_equal(e->kind, FLOE_AST_SET);
    assert_int_equal(e->u.set.n_settings, 4);
    assert_string_equal(e->u.set.settings[2].name, "c");
    assert_int_equal(e->u.set.settings[2].value->u.lit.value.v.i, -2);

    e = parse("OPTIMIZE TABLE db.t PARTITION 2020 FINAL DEDUPLICATE BY a, b");
    assert_int_equal(e->kind, FLOE_AST_OPTIMIZE);
    assert_non_null(e->u.optimize.partition);
    assert_true(e->u.optimize.final);
    assert_true(e->u.optimize.deduplicate);
    assert_int_equal(e->u.optimize.n_deduplicate_by, 2);

    e = parse("SYSTEM STOP MERGES db.t");
    assert_int_equal(e->kind, FLOE_AST_SYSTEM);
    assert_int_equal(e->u.system.n_words, 2);
    assert_string_equal(e->u.system.words[0], "STOP");
    assert_string_equal(e->u.system.words[1], "MERGES");
    assert_string_equal(e->u.system.db, "db");
    assert_string_equal(e->u.system.name, "t");
    e = parse("SYSTEM start merges");
    assert_string_equal(e->u.system.words[0], "START");
    assert_null(e->u.system.name);
    e = parse("SYSTEM STOP MERGES t");
    assert_string_equal(e->u.system.name, "t");
    e = parse("SYSTEM DROP MARK CACHE");
    assert_int_equal(e->u.system.n_words, 3);

    e = parse("KILL MUTATION WHERE mutation_id = 'm' SYNC");
    assert_int_equal(e->kind, FLOE_AST_KILL);
    assert_string_equal(e->u.kill.what, "MUTATION");
    assert_int_equal(e->u.kill.mode, 1);
    e = parse("KILL MUTATION WHERE 1 TEST");
    assert_int_equal(e->u.kill.mode, 3);

    e = parse("CREATE NAMED COLLECTION IF NOT EXISTS nc AS url = 'http://x' NOT OVERRIDABLE, "
              "port = 80 OVERRIDABLE, user = 'u'");
    assert_int_equal(e->kind, FLOE_AST_CREATE_NAMED_COLLECTION);
    assert_true(e->u.named_collection.if_not_exists);
    assert_int_equal(e->u.named_collection.n_items, 3);
    assert_int_equal(e->u.named_collection.overridable[0], 0);
    assert_int_equal(e->u.named_collection.overridable[1], 1);
    assert_int_equal(e->u.named_collection.overridable[2], -1);
    e = parse("ALTER NAMED COLLECTION nc SET port = 81 DELETE user, url");
    assert_int_equal(e->kind, FLOE_AST_ALTER_NAMED_COLLECTION);
    assert_int_equal(e->u.named_collection.n_items, 1);
    assert_int_equal(e->u.named_collection.n_delete_keys, 2);

    e = parse("COPY trades TO 'trades_export' WITH FORMAT PARQUET PARTITION_BY DAY "
              "COMPRESSION_CODEC ZSTD COMPRESSION_LEVEL 3");
    assert_int_equal(e->kind, FLOE_AST_COPY);
    assert_string_equal(e->u.copy.source->u.table.name, "trades");
    assert_string_equal(e->u.copy.dest, "trades_export");
    assert_int_equal(e->u.copy.n_options, 4);
    assert_string_equal(e->u.copy.options[0].name, "FORMAT");
    assert_string_equal(e->u.copy.options[0].value->u.ident.parts[0], "PARQUET");
    assert_string_equal(e->u.copy.options[3].name, "COMPRESSION_LEVEL");
    assert_int_equal(e->u.copy.options[3].value->u.lit.value.v.u, 3);
    e = parse("COPY t TO 'd' WITH FORMAT PARQUET STATISTICS_ENABLED false SIZE_LIMIT '1GB'");
    assert_int_equal(e->u.copy.n_options, 3);
    assert_int_equal(e->u.copy.options[1].value->kind, FLOE_AST_LITERAL);
    assert_string_equal(e->u.copy.options[1].value->u.lit.value.type->name, "Bool");
    assert_string_equal(e->u.copy.options[2].value->u.lit.value.v.s.ptr, "1GB");
    e = parse("COPY (SELECT * FROM t WHERE x > 1) TO 'out' WITH FORMAT PARQUET");
    assert_int_equal(e->u.copy.source->kind, FLOE_AST_SUBQUERY);

    e = parse("CHECK TABLE db.t PARTITION 1");
    assert_int_equal(e->kind, FLOE_AST_CHECK);
    assert_non_null(e->u.check.partition);
    e = parse("EXPLAIN SYNTAX SELECT 1");
    assert_int_equal(e->kind, FLOE_AST_EXPLAIN);
    assert_string_equal(e->u.explain.what, "SYNTAX");
    assert_int_equal(e->u.explain.stmt->kind, FLOE_AST_SELECT);
    e = parse("EXPLAIN SELECT 1 FORMAT TSV");
    assert_string_equal(e->output->format, "TSV");
    assert_null(e->u.explain.stmt->output);
    e = parse("EXPLAIN header = 1 SELECT 1");
    assert_string_equal(e->u.explain.what, "PLAN");
    assert_int_equal(e->u.explain.n_settings, 1);
    e = parse("EXPLAIN AST ALTER TABLE t DELETE WHERE 1");
    assert_int_equal(e->u.explain.stmt->kind, FLOE_AST_ALTER);

    e = parse("DELETE FROM db.t WHERE x = 1 SETTINGS mutations_sync = 2");
    assert_int_equal(e->kind, FLOE_AST_DELETE);
    assert_string_equal(e->u.delete_.db, "db");
    assert_non_null(e->u.delete_.where);
    assert_int_equal(e->u.delete_.n_settings, 1);
    e = parse("DELETE FROM t IN PARTITION 2020 WHERE 1");
    assert_non_null(e->u.delete_.partition);
}

static floe_ast *alter1(const char *sql)
{
    floe_ast *e = parse(sql);
    assert_int_equal(e->kind, FLOE_AST_ALTER);
    assert_int_equal(e->u.alter.n_cmds, 1);
    return e->u.alter.cmds[0];
}

static void test_alter(void **state)
{
    (void)state;
    floe_ast *e = parse("ALTER TABLE db.t ADD COLUMN IF NOT EXISTS x UInt8 DEFAULT 1 AFTER y, "
                        "DROP COLUMN IF EXISTS z, MODIFY COLUMN w String FIRST SETTINGS "
                        "mutations_sync = 2");
    assert_string_equal(e->u.alter.db, "db");
    assert_int_equal(e->u.alter.n_cmds, 3);
    assert_int_equal(e->u.alter.n_settings, 1);
    floe_ast *c = e->u.alter.cmds[0];
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_ADD_COLUMN);
    assert_true(c->u.alter_cmd.if_not_exists);
    assert_string_equal(c->u.alter_cmd.column->u.column.name, "x");
    assert_string_equal(c->u.alter_cmd.after, "y");
    c = e->u.alter.cmds[1];
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_DROP_COLUMN);
    assert_true(c->u.alter_cmd.if_exists);
    assert_string_equal(c->u.alter_cmd.name, "z");
    c = e->u.alter.cmds[2];
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_MODIFY_COLUMN);
    assert_true(c->u.alter_cmd.first);

    /* Nested elements are compound column names (ClickHouse's 00030_alter_table) */
    c = alter1("ALTER TABLE alter_test ADD COLUMN AddedNested1.C Array(String) AFTER "
               "AddedNested1.B");
    assert_string_equal(c->u.alter_cmd.column->u.column.name, "AddedNested1.C");
    assert_string_equal(c->u.alter_cmd.after, "AddedNested1.B");
    c = alter1("ALTER TABLE t DROP COLUMN NestedColumn.A");
    assert_string_equal(c->u.alter_cmd.name, "NestedColumn.A");
    c = alter1("ALTER TABLE t UPDATE n.a = [1] WHERE 1");
    assert_string_equal(c->u.alter_cmd.assignments[0].name, "n.a");
    /* chref formatQuerySingleLine */
    e = parse("ALTER TABLE alter_test ADD COLUMN AddedNested1.C Array(String) AFTER "
              "AddedNested1.B, MODIFY COLUMN x UInt8 FIRST");
    assert_string_equal(fmt(e, true), "ALTER TABLE alter_test (ADD COLUMN `AddedNested1.C` "
                                      "Array(String) AFTER AddedNested1.B), (MODIFY COLUMN `x` "
                                      "UInt8 FIRST )");
    c = alter1("ALTER TABLE t MODIFY COLUMN x REMOVE DEFAULT");
    assert_string_equal(c->u.alter_cmd.remove_property, "DEFAULT");
    c = alter1("ALTER TABLE t MODIFY COLUMN x COMMENT 'only comment'");
    assert_null(c->u.alter_cmd.column->u.column.type);
    assert_string_equal(c->u.alter_cmd.column->u.column.comment, "only comment");
    c = alter1("ALTER TABLE t RENAME COLUMN a TO b");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_RENAME_COLUMN);
    assert_string_equal(c->u.alter_cmd.new_name, "b");
    c = alter1("ALTER TABLE t COMMENT COLUMN a 'hello'");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_COMMENT_COLUMN);
    assert_string_equal(c->u.alter_cmd.comment, "hello");
    c = alter1("ALTER TABLE t CLEAR COLUMN a IN PARTITION 202001");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_CLEAR_COLUMN);
    assert_int_equal(c->u.alter_cmd.partition->u.partition.kind, FLOE_PARTITION_EXPR);
    c = alter1("ALTER TABLE t MATERIALIZE COLUMN a");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_MATERIALIZE_COLUMN);
    c = alter1("ALTER TABLE t ADD INDEX i a TYPE minmax GRANULARITY 2");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_ADD_INDEX);
    assert_int_equal(c->u.alter_cmd.index->u.index.granularity, 2);
    c = alter1("ALTER TABLE t DROP INDEX i");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_DROP_INDEX);
    c = alter1("ALTER TABLE t CLEAR INDEX i IN PARTITION 1");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_CLEAR_INDEX);
    assert_non_null(c->u.alter_cmd.partition);
    c = alter1("ALTER TABLE t MATERIALIZE INDEX i");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_MATERIALIZE_INDEX);
    c = alter1("ALTER TABLE t MODIFY ORDER BY (a, b)");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_MODIFY_ORDER_BY);
    c = alter1("ALTER TABLE t MODIFY SETTING a = 1, b = 2");
    assert_int_equal(c->u.alter_cmd.n_settings, 2);
    c = alter1("ALTER TABLE t RESET SETTING a, b");
    assert_int_equal(c->u.alter_cmd.n_reset_names, 2);
    c = alter1("ALTER TABLE t MODIFY TTL d + INTERVAL 1 DAY");
    assert_int_equal(c->u.alter_cmd.n_exprs, 1);
    c = alter1("ALTER TABLE t REMOVE TTL");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_REMOVE_TTL);
    c = alter1("ALTER TABLE t UPDATE a = a + 1, b = 'x' IN PARTITION ID 'all' WHERE c > 1");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_UPDATE);
    assert_int_equal(c->u.alter_cmd.n_assignments, 2);
    assert_int_equal(c->u.alter_cmd.partition->u.partition.kind, FLOE_PARTITION_ID);
    assert_string_equal(c->u.alter_cmd.partition->u.partition.name, "all");
    assert_non_null(c->u.alter_cmd.expr);
    c = alter1("ALTER TABLE t DELETE WHERE x = 1");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_DELETE);
    c = alter1("ALTER TABLE t DETACH PARTITION tuple()");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_DETACH_PARTITION);
    c = alter1("ALTER TABLE t DETACH PART 'all_1_1_0'");
    assert_int_equal(c->u.alter_cmd.partition->u.partition.kind, FLOE_PARTITION_PART);
    assert_string_equal(c->u.alter_cmd.partition->u.partition.name, "all_1_1_0");
    c = alter1("ALTER TABLE t DROP PARTITION ALL");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_DROP_PARTITION);
    assert_int_equal(c->u.alter_cmd.partition->u.partition.kind, FLOE_PARTITION_ALL);
    c = alter1("ALTER TABLE t DROP PARTITION (2020, 'a')");
    assert_string_equal(colname(c->u.alter_cmd.partition->u.partition.expr), "(2020, 'a')");
    c = alter1("ALTER TABLE t DROP DETACHED PART 'p'");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_DROP_DETACHED_PARTITION);
    c = alter1("ALTER TABLE t ATTACH PARTITION 1 FROM db.src");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_ATTACH_PARTITION);
    assert_string_equal(c->u.alter_cmd.from_table.db, "db");
    assert_string_equal(c->u.alter_cmd.from_table.name, "src");
    c = alter1("ALTER TABLE t ATTACH PART 'all_2_2_0'");
    assert_null(c->u.alter_cmd.from_table.name);
    c = alter1("ALTER TABLE t FORGET PARTITION '2020'");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_FORGET_PARTITION);
    c = alter1("ALTER TABLE t REPLACE PARTITION 1 FROM src");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_REPLACE_PARTITION);
    assert_string_equal(c->u.alter_cmd.from_table.name, "src");
    c = alter1("ALTER TABLE t MOVE PARTITION 1 TO TABLE db.dst");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_MOVE_PARTITION);
    assert_string_equal(c->u.alter_cmd.to_table.name, "dst");
    c = alter1("ALTER TABLE t MOVE PART 'p' TO DISK 'd1'");
    assert_string_equal(c->u.alter_cmd.to_disk, "d1");
    c = alter1("ALTER TABLE t MOVE PARTITION 1 TO VOLUME 'v'");
    assert_string_equal(c->u.alter_cmd.to_volume, "v");
    c = alter1("ALTER TABLE t FREEZE");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_FREEZE);
    assert_null(c->u.alter_cmd.partition);
    c = alter1("ALTER TABLE t FREEZE PARTITION 1 WITH NAME 'bk'");
    assert_string_equal(c->u.alter_cmd.with_name, "bk");
    c = alter1("ALTER TABLE t UNFREEZE WITH NAME 'bk'");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_UNFREEZE);
    c = alter1("ALTER TABLE t FETCH PARTITION 1 FROM '/clickhouse/t'");
    assert_string_equal(c->u.alter_cmd.from_path, "/clickhouse/t");
    c = alter1("ALTER TABLE t REWRITE PARTS IN PARTITION 1");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_REWRITE_PARTS);
    assert_non_null(c->u.alter_cmd.partition);
    c = alter1("ALTER TABLE t EXPORT PART 'all_1_1_0' TO TABLE db.s3t");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_EXPORT_PART);
    assert_string_equal(c->u.alter_cmd.to_table.name, "s3t");
    c = alter1("ALTER TABLE t EXPORT PARTITION 2020 TO TABLE s3t");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_EXPORT_PARTITION);
    c = alter1("ALTER TABLE t CONVERT PARTITION '2020-01' TO parquet");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_CONVERT_PARTITION);
    assert_string_equal(c->u.alter_cmd.convert_format, "PARQUET");
    c = alter1("ALTER TABLE t APPLY DELETED MASK IN PARTITION 1");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_APPLY_DELETED_MASK);
    c = alter1("ALTER TABLE t MODIFY COMMENT 'new'");
    assert_int_equal(c->u.alter_cmd.type, FLOE_ALTER_MODIFY_COMMENT);
}

/* ---- INSERT and scripts ---- */

static void test_insert(void **state)
{
    (void)state;
    const char *q = "INSERT INTO db.t (a, b) VALUES (1, 'x;y'), (2, ';');";
    floe_ast *st;
    size_t used;
    assert_int_equal(floe_sql_parse(&st, &used, &arena, q, strlen(q), NULL), 0);
    assert_int_equal(st->kind, FLOE_AST_INSERT);
    assert_string_equal(st->u.insert.db, "db");
    assert_string_equal(st->u.insert.name, "t");
    assert_int_equal(st->u.insert.n_columns, 2);
    assert_string_equal(st->u.insert.format, "Values");
    assert_true(st->u.insert.has_data);
    assert_int_equal(st->u.insert.data_pos, strstr(q, "VALUES") - q + 7);
    assert_int_equal(st->u.insert.data_end - st->u.insert.data_pos, strlen("(1, 'x;y'), (2, ';')"));
    assert_memory_equal(q + st->u.insert.data_pos, "(1, 'x;y'), (2, ';')",
                        st->u.insert.data_end - st->u.insert.data_pos);
    assert_int_equal(used, strlen(q));

    q = "INSERT INTO t FORMAT TSV\n1\ta\n2\tb\n";
    assert_int_equal(floe_sql_parse(&st, &used, &arena, q, strlen(q), NULL), 0);
    assert_string_equal(st->u.insert.format, "TSV");
    assert_int_equal(st->u.insert.data_pos, 25);
    assert_int_equal(st->u.insert.data_end, strlen(q));
    assert_int_equal(used, strlen(q));

    q = "INSERT INTO t FORMAT CSV 1,2";
    assert_int_equal(floe_sql_parse(&st, &used, &arena, q, strlen(q), NULL), 0);
    assert_string_equal(q + st->u.insert.data_pos, "1,2");

    /* multi-statement scripts: data on the FORMAT line ends with the line */
    floe_parse_options o = FLOE_PARSE_OPTIONS_INIT;
    o.multi_statement = true;
    q = "INSERT INTO t FORMAT CSV 1,2\n;\nSELECT count() FROM t";
    assert_int_equal(floe_sql_parse(&st, &used, &arena, q, strlen(q), &o), 0);
    assert_int_equal(st->u.insert.data_end - st->u.insert.data_pos, 3);
    assert_memory_equal(q + st->u.insert.data_pos, "1,2", 3);
    assert_int_equal(q[used], '\n');
    /* data after the FORMAT line runs to the first empty line (chref: two
     * rows inserted, then the SELECT runs) */
    q = "INSERT INTO t FORMAT CSV\n1,2\n3,4\n\nSELECT count() FROM t";
    assert_int_equal(floe_sql_parse(&st, &used, &arena, q, strlen(q), &o), 0);
    assert_int_equal(st->u.insert.data_end - st->u.insert.data_pos, 8);
    assert_memory_equal(q + st->u.insert.data_pos, "1,2\n3,4\n", 8);
    assert_int_equal(floe_sql_parse(&st, &used, &arena, q + used, strlen(q) - used, &o), 0);
    assert_int_equal(st->kind, FLOE_AST_SELECT);
    /* one query: the rest of the input is data */
    q = "INSERT INTO t FORMAT CSV 1,2\n3,4\n";
    assert_int_equal(floe_sql_parse(&st, &used, &arena, q, strlen(q), NULL), 0);
    assert_int_equal(st->u.insert.data_end, strlen(q));

    q = "INSERT INTO TABLE t SELECT * FROM s";
    st = parse(q);
    assert_int_equal(st->u.insert.select->kind, FLOE_AST_SELECT);
    assert_false(st->u.insert.has_data);
    q = "INSERT INTO t SELECT * FROM input('x UInt8') FORMAT CSV 1\n2\n";
    st = parse(q);
    assert_non_null(st->u.insert.select);
    assert_string_equal(st->u.insert.format, "CSV");
    assert_string_equal(q + st->u.insert.data_pos, "1\n2\n");
    q = "INSERT INTO t SETTINGS async_insert = 1 VALUES (1)";
    st = parse(q);
    assert_int_equal(st->u.insert.n_settings, 1);
    q = "INSERT INTO FUNCTION file('x.csv', 'CSV') (a) VALUES (1)";
    st = parse(q);
    assert_non_null(st->u.insert.function);
    assert_string_equal(st->u.insert.function->u.func.name, "file");
    assert_null(st->u.insert.name);
    q = "INSERT INTO t (*) FROM INFILE 'data.csv' FORMAT CSV";
    st = parse(q);
    assert_string_equal(st->u.insert.infile, "data.csv");
    assert_string_equal(st->u.insert.format, "CSV");
    /* lexically broken inline data is not an error */
    q = "INSERT INTO t FORMAT TSV\n'unclosed\n";
    st = parse(q);
    assert_string_equal(q + st->u.insert.data_pos, "'unclosed\n");
}

static void test_multi_statement(void **state)
{
    (void)state;
    const char *script = "  -- comment\nSELECT 1; SELECT 'a;b' ;\nINSERT INTO t VALUES (1);SHOW "
                         "TABLES ; ; ";
    size_t pos = 0, n = strlen(script);
    const floe_ast_kind kinds[] = {FLOE_AST_SELECT, FLOE_AST_SELECT, FLOE_AST_INSERT,
                                   FLOE_AST_SHOW_TABLES};
    size_t found = 0;
    while (pos < n) {
        floe_ast *st;
        size_t used;
        assert_int_equal(floe_sql_parse(&st, &used, &arena, script + pos, n - pos, NULL), 0);
        assert_true(used > 0);
        if (st) {
            assert_true(found < 4);
            assert_int_equal(st->kind, kinds[found]);
            found++;
        }
        pos += used;
    }
    assert_int_equal(found, 4);

    size_t len;
    assert_int_equal(floe_sql_split(&len, "SELECT ';'; SELECT 2", 20, NULL), 0);
    assert_int_equal(len, 11);
    assert_int_equal(floe_sql_split(&len, "SELECT 2", 8, NULL), 0);
    assert_int_equal(len, 8);
    const char *ins = "INSERT INTO t VALUES (';'); SELECT 1";
    assert_int_equal(floe_sql_split(&len, ins, strlen(ins), NULL), 0);
    assert_int_equal(len, 27);

    floe_ast *st;
    size_t used;
    assert_int_equal(floe_sql_parse(&st, &used, &arena, "  /* c */ ; ", 12, NULL), 0);
    assert_null(st);
    assert_int_equal(used, 11);

    floe_ast *e;
    assert_int_equal(floe_sql_parse_expr(&e, &arena, "toYYYYMM(d) AS p", 16), 0);
    assert_string_equal(colname(e), "toYYYYMM(d)");
    assert_string_equal(e->alias, "p");
    assert_int_equal(floe_sql_parse_expr(&e, &arena, "a +", 3), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_column_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_column_name_qualifiers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_literal_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_operators, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format_one_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_show_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_syntax_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_select_clauses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_joins_and_unions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drop_rename_misc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_insert, setup, teardown),
        cmocka_unit_test_setup_teardown(test_multi_statement, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
