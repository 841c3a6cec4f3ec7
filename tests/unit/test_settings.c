// FLOE_UNIT_DEPS: base types sql
/*
 * Settings registry and values: names, types and defaults as ClickHouse's
 * system.settings has them, conversions and error messages of SET /
 * SETTINGS checked against chref.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "sql/parser.h"
#include "sql/settings.h"
#include "types/type.h"

static void expect_error(int rc, const char *msg)
{
    assert_int_equal(rc, -1);
    char buf[512];
    floe_error_format(buf, sizeof buf);
    assert_string_equal(buf, msg);
}

static void test_registry(void **state)
{
    (void)state;
    assert_true(floe_settings_count() > 1500);
    size_t k;
    assert_int_equal(floe_settings_find(&k, "max_block_size"), 0);
    const floe_setting_info *i = floe_settings_info(k);
    assert_string_equal(i->name, "max_block_size");
    assert_string_equal(i->type, "NonZeroUInt64");
    assert_string_equal(i->default_text, "65409");
    assert_int_equal(i->kind, FLOE_SETTING_U64);
    assert_int_equal(floe_settings_find(&k, "log_queries"), 0);
    assert_int_equal(floe_settings_info(k)->kind, FLOE_SETTING_BOOL);
    assert_int_equal(floe_settings_find(&k, "totals_auto_threshold"), 0);
    assert_int_equal(floe_settings_info(k)->kind, FLOE_SETTING_F32);
    assert_int_equal(floe_settings_find(&k, "format_csv_delimiter"), 0);
    assert_string_equal(floe_settings_info(k)->default_text, ",");
    /* sorted */
    for (size_t n = 1; n < floe_settings_count(); n++)
        assert_true(strcmp(floe_settings_info(n - 1)->name, floe_settings_info(n)->name) < 0);
    /* an alias resolves to its target */
    assert_int_equal(floe_settings_find(&k, "max_insert_block_size_rows"), 0);
    assert_string_equal(floe_settings_info(k)->name, "max_insert_block_size");
}

static void test_unknown(void **state)
{
    (void)state;
    size_t k;
    expect_error(floe_settings_find(&k, "foo_bar"),
                 "Code: 115. DB::Exception: Unknown setting 'foo_bar'. (UNKNOWN_SETTING)");
    expect_error(floe_settings_find(&k, "readonly_x"),
                 "Code: 115. DB::Exception: Unknown setting 'readonly_x': Maybe you meant "
                 "['readonly']. (UNKNOWN_SETTING)");
    expect_error(floe_settings_find(&k, "max_threds"),
                 "Code: 115. DB::Exception: Unknown setting 'max_threds': Maybe you meant "
                 "['max_threads']. (UNKNOWN_SETTING)");
}

static void test_defaults_and_set(void **state)
{
    (void)state;
    floe_settings *s = floe_settings_new();
    assert_int_equal(floe_settings_u64(s, "max_block_size"), 65409);
    assert_true(floe_settings_bool(s, "log_queries"));
    assert_false(floe_settings_changed(s, "max_block_size"));
    assert_true(floe_settings_f64(s, "totals_auto_threshold") == 0.5);
    assert_string_equal(floe_settings_str(s, "format_csv_delimiter"), ",");
    assert_int_equal(floe_settings_u64(s, "max_parser_depth"), 1000);

    /* values from chref: SELECT getSetting(...) SETTINGS ... */
    assert_int_equal(floe_settings_set(s, "max_threads", "8"), 0);
    assert_int_equal(floe_settings_u64(s, "max_threads"), 8);
    assert_true(floe_settings_changed(s, "max_threads"));
    assert_int_equal(floe_settings_set(s, "max_memory_usage", "10G"), 0);
    assert_int_equal(floe_settings_u64(s, "max_memory_usage"), 10000000000ULL);
    assert_int_equal(floe_settings_set(s, "max_memory_usage", "1Gi"), 0);
    assert_int_equal(floe_settings_u64(s, "max_memory_usage"), 1073741824ULL);
    assert_int_equal(floe_settings_set(s, "totals_auto_threshold", "0.3"), 0);
    /* Float settings are stored as Float32: 0.30000001192092896 */
    assert_true(floe_settings_f64(s, "totals_auto_threshold") == (double)0.3f);
    assert_int_equal(floe_settings_set(s, "log_queries", "false"), 0);
    assert_false(floe_settings_bool(s, "log_queries"));
    assert_int_equal(floe_settings_set(s, "max_execution_time", "2"), 0);
    assert_true(floe_settings_f64(s, "max_execution_time") == 2.0);

    floe_buf b = FLOE_BUF_INIT;
    size_t k;
    floe_settings_find(&k, "max_memory_usage");
    floe_settings_value_text(&b, s, k);
    assert_string_equal(b.data, "1073741824");
    assert_true(floe_settings_changed_at(s, k));
    floe_buf_clear(&b);
    floe_settings_find(&k, "max_block_size");
    floe_settings_value_text(&b, s, k);
    assert_string_equal(b.data, "65409");
    floe_buf_clear(&b);
    floe_settings_reset(s, "max_threads");
    floe_settings_find(&k, "max_threads");
    floe_settings_value_text(&b, s, k);
    char want[64];
    snprintf(want, sizeof want, "auto(%llu)",
             (unsigned long long)floe_settings_u64(s, "max_threads"));
    assert_string_equal(b.data, want);
    assert_true(floe_settings_u64(s, "max_threads") >= 1);
    floe_settings_set(s, "max_threads", "8");
    floe_buf_free(&b);

    /* copies are independent */
    floe_settings *c = floe_settings_copy(s);
    assert_int_equal(floe_settings_set(c, "max_threads", "3"), 0);
    assert_int_equal(floe_settings_u64(s, "max_threads"), 8);
    assert_int_equal(floe_settings_u64(c, "max_threads"), 3);
    assert_int_equal(floe_settings_reset(c, "max_threads"), 0);
    assert_false(floe_settings_changed(c, "max_threads"));
    floe_settings_free(c);
    floe_settings_free(s);
}

static void test_errors(void **state)
{
    (void)state;
    floe_settings *s = floe_settings_new();
    expect_error(floe_settings_set(s, "max_block_size", "1e3"),
                 "Code: 27. DB::Exception: Cannot parse input: expected 'eof' before: 'e3'. "
                 "(CANNOT_PARSE_INPUT_ASSERTION_FAILED)");
    expect_error(floe_settings_set(s, "max_threads", "abc"),
                 "Code: 27. DB::Exception: Cannot parse input: expected 'eof' before: 'abc'. "
                 "(CANNOT_PARSE_INPUT_ASSERTION_FAILED)");
    expect_error(floe_settings_set(s, "log_queries", "yes"),
                 "Code: 467. DB::Exception: Cannot parse bool from string 'yes'. "
                 "(CANNOT_PARSE_BOOL)");
    expect_error(floe_settings_set(s, "totals_auto_threshold", "abc"),
                 "Code: 72. DB::Exception: Cannot read floating point value here: abc. "
                 "(CANNOT_PARSE_NUMBER)");
    expect_error(floe_settings_set(s, "format_csv_delimiter", "ab"),
                 "Code: 19. DB::Exception: A setting's value string has to be an exactly one "
                 "character long. (SIZE_OF_FIXED_STRING_DOESNT_MATCH)");
    expect_error(floe_settings_set(s, "max_block_size", "0"),
                 "Code: 36. DB::Exception: A setting's value has to be greater than 0. "
                 "(BAD_ARGUMENTS)");
    expect_error(floe_settings_set(s, "nope_nope_nope", "1"),
                 "Code: 115. DB::Exception: Unknown setting 'nope_nope_nope'. (UNKNOWN_SETTING)");
    /* a failed set leaves the value alone */
    assert_int_equal(floe_settings_u64(s, "max_block_size"), 65409);
    assert_false(floe_settings_changed(s, "max_block_size"));
    floe_settings_free(s);
}

/* SETTINGS clauses straight from the parser. */
static int apply_sql(floe_settings *s, const char *sql)
{
    floe_arena a = FLOE_ARENA_INIT;
    floe_ast *st;
    size_t used;
    int rc = floe_sql_parse(&st, &used, &a, sql, strlen(sql), NULL);
    if (rc == 0)
        rc = floe_settings_apply(s, st->u.set.settings, st->u.set.n_settings);
    floe_arena_free(&a);
    return rc;
}

static void test_apply_literals(void **state)
{
    (void)state;
    floe_settings *s = floe_settings_new();
    assert_int_equal(
        apply_sql(s, "SET max_threads = 8.7, log_queries = true, max_block_size = 100"), 0);
    assert_int_equal(floe_settings_u64(s, "max_threads"), 8);
    assert_true(floe_settings_bool(s, "log_queries"));
    assert_int_equal(floe_settings_u64(s, "max_block_size"), 100);
    assert_int_equal(apply_sql(s, "SET max_execution_time = 1.5, max_threads = '4'"), 0);
    assert_true(floe_settings_f64(s, "max_execution_time") == 1.5);
    assert_int_equal(floe_settings_u64(s, "max_threads"), 4);
    assert_int_equal(apply_sql(s, "SET max_block_size = DEFAULT"), 0);
    assert_false(floe_settings_changed(s, "max_block_size"));
    assert_int_equal(apply_sql(s, "SET session_timezone = 'UTC'"), 0);
    assert_string_equal(floe_settings_str(s, "session_timezone"), "UTC");

    expect_error(apply_sql(s, "SET max_threads = -1"),
                 "Code: 70. DB::Exception: Field value -1 is out of range of unsigned long type. "
                 "(CANNOT_CONVERT_TYPE)");
    expect_error(apply_sql(s, "SET optimize_skip_unused_shards_nesting = -5"),
                 "Code: 70. DB::Exception: Field value -5 is out of range of unsigned long type. "
                 "(CANNOT_CONVERT_TYPE)");
    expect_error(apply_sql(s, "SET log_queries = 2"),
                 "Code: 70. DB::Exception: Field value 2 is out of range of bool type. "
                 "(CANNOT_CONVERT_TYPE)");
    expect_error(apply_sql(s, "SET log_queries = -1"),
                 "Code: 70. DB::Exception: Field value -1 is out of range of bool type. "
                 "(CANNOT_CONVERT_TYPE)");
    expect_error(apply_sql(s, "SET log_queries = 1.5"),
                 "Code: 70. DB::Exception: Cannot convert out of range floating point value to "
                 "integer type. (CANNOT_CONVERT_TYPE)");
    expect_error(apply_sql(s, "SET session_timezone = 1"),
                 "Code: 170. DB::Exception: Bad get: has UInt64, requested String. (BAD_GET)");
    expect_error(apply_sql(s, "SET max_block_size = NULL"),
                 "Code: 70. DB::Exception: Invalid value NULL of the setting, which needs "
                 "unsigned long. (CANNOT_CONVERT_TYPE)");
    expect_error(apply_sql(s, "SET log_queries = NULL"),
                 "Code: 70. DB::Exception: Invalid value NULL of the setting, which needs bool. "
                 "(CANNOT_CONVERT_TYPE)");
    expect_error(apply_sql(s, "SET max_block_size = 0"),
                 "Code: 36. DB::Exception: A setting's value has to be greater than 0. "
                 "(BAD_ARGUMENTS)");
    expect_error(apply_sql(s, "SET foo_bar = 1"),
                 "Code: 115. DB::Exception: Unknown setting 'foo_bar'. (UNKNOWN_SETTING)");
    floe_settings_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry),         cmocka_unit_test(test_unknown),
        cmocka_unit_test(test_defaults_and_set), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_apply_literals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
