// FLOE_UNIT_DEPS: base
/*
 * The command line's own SQL scanning (src/cli/script.c): tokens, where a
 * statement and its trailing comment end (ClickHouse's adjustQueryEnd), open
 * quotes for the REPL, and --testmode hints as ClickHouse's TestHint reads
 * them. script.c is compiled into this test: the CLI is not a layer library.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/cli/script.c"

static size_t adjust(const char *sql, const char *after)
{
    const char *at = strstr(sql, after);
    assert_non_null(at);
    return floe_cli_adjust_end(sql, strlen(sql), (size_t)(at - sql) + strlen(after));
}

static void test_tokens(void **state)
{
    (void)state;
    const char *s = "SELECT 'a;b' /* c; */ -- d;\n;";
    size_t len = strlen(s), end;
    assert_int_equal(floe_cli_token(s, len, 0, &end, NULL), FLOE_CLI_TOK_OTHER);
    assert_int_equal(end, 6);
    assert_int_equal(floe_cli_token(s, len, 6, &end, NULL), FLOE_CLI_TOK_SPACE);
    assert_int_equal(floe_cli_token(s, len, 7, &end, NULL), FLOE_CLI_TOK_OTHER);
    assert_int_equal(end, 12); /* 'a;b' */
    assert_int_equal(floe_cli_token(s, len, 13, &end, NULL), FLOE_CLI_TOK_COMMENT);
    assert_int_equal(end, 21);
    assert_int_equal(floe_cli_token(s, len, 22, &end, NULL), FLOE_CLI_TOK_COMMENT);
    assert_int_equal(s[end], '\n');
    assert_int_equal(floe_cli_next_semicolon(s, len, 0), len);
    /* Escapes and doubled quotes stay inside strings; nested block comments. */
    const char *t = "'it''s \\' ;' /* a /* b */ ; */ `x;` $$ ; $$ $tag$ ; $tag$ ;";
    assert_int_equal(floe_cli_next_semicolon(t, strlen(t), 0), strlen(t));
    assert_int_equal(floe_cli_skip_insignificant(" -- a\n /* b */ x", 16, 0), 15);
    assert_int_equal(floe_cli_skip_insignificant(" -- a\n /* b */ ", 15, 0), 15);
}

static void test_adjust_end(void **state)
{
    (void)state;
    /* A same-line comment belongs to the statement before it. */
    const char *s1 = "SELECT x; -- { serverError 47 }\nSELECT 2;";
    assert_int_equal(adjust(s1, "SELECT x;"), strlen("SELECT x; -- { serverError 47 }"));
    /* Several statements on one line: nothing is taken. */
    const char *s2 = "SELECT 1; SELECT 2; -- c\n";
    assert_int_equal(adjust(s2, "SELECT 1;"), strlen("SELECT 1;"));
    /* Further semicolons are taken, then the comment. */
    const char *s3 = "SELECT 1;; ; -- c\nSELECT 2";
    assert_int_equal(adjust(s3, "SELECT 1;"), strlen("SELECT 1;; ; -- c"));
    /* End of text. */
    const char *s4 = "SELECT 1; -- c";
    assert_int_equal(adjust(s4, "SELECT 1;"), strlen(s4));
    /* The next line's comment is the next statement's. */
    const char *s5 = "SELECT 1;\n-- { echoOn }\nSELECT 2";
    assert_int_equal(adjust(s5, "SELECT 1;"), strlen("SELECT 1;"));
    /* A newline inside a block comment is not a place to cut. */
    const char *s6 = "SELECT 1; /* a\nb */ SELECT 2";
    assert_int_equal(adjust(s6, "SELECT 1;"), strlen("SELECT 1;"));
}

static void test_is_open(void **state)
{
    (void)state;
    assert_true(floe_cli_is_open("SELECT 'a", 9));
    assert_false(floe_cli_is_open("SELECT 'a'", 10));
    assert_true(floe_cli_is_open("SELECT /* x", 11));
    assert_false(floe_cli_is_open("SELECT 1 -- x", 13));
    assert_true(floe_cli_is_open("SELECT `a", 9));
    assert_false(floe_cli_is_open("SELECT 'a\\'b'", 13));
}

static void test_hints(void **state)
{
    (void)state;
    floe_cli_hint h;
    const char *q1 = "SELECT x; -- { serverError 60, UNKNOWN_IDENTIFIER }";
    floe_cli_hint_parse(&h, q1, strlen(q1));
    assert_int_equal(h.nserver, 2);
    assert_int_equal(h.server[0], 60);
    assert_int_equal(h.server[1], 47);
    assert_int_equal(h.nclient, 0);
    assert_int_equal(h.echo, -1);

    const char *q2 = "SELEC 1; -- { clientError SYNTAX_ERROR }";
    floe_cli_hint_parse(&h, q2, strlen(q2));
    assert_int_equal(h.nclient, 1);
    assert_int_equal(h.client[0], 62);

    /* Before the ';', in a block comment. */
    const char *q3 = "SELECT x /* {serverError 47} */ ;";
    floe_cli_hint_parse(&h, q3, strlen(q3));
    assert_int_equal(h.nserver, 1);
    assert_int_equal(h.server[0], 47);

    /* Error hints in leading comments are ignored, echo hints are not. */
    const char *q4 = "-- { serverError 60 }\n-- { echoOn }\nSELECT x;";
    floe_cli_hint_parse(&h, q4, strlen(q4));
    assert_int_equal(h.nserver, 0);
    assert_int_equal(h.echo, 1);
    const char *q5 = "-- { echoOff }\nSELECT 1;";
    floe_cli_hint_parse(&h, q5, strlen(q5));
    assert_int_equal(h.echo, 0);

    /* Braces inside a string are not a hint. */
    const char *q6 = "SELECT '-- { serverError 60 }';";
    floe_cli_hint_parse(&h, q6, strlen(q6));
    assert_int_equal(h.nserver, 0);

    /* An unknown name is code 0, as ClickHouse's getErrorCodeByName. */
    const char *q7 = "SELECT 1; -- { serverError NO_SUCH_ERROR_NAME_AT_ALL }";
    floe_cli_hint_parse(&h, q7, strlen(q7));
    assert_int_equal(h.nserver, 1);
    assert_int_equal(h.server[0], 0);
}

static void test_hint_codes_text(void **state)
{
    (void)state;
    floe_buf b = FLOE_BUF_INIT;
    int one[] = {60};
    int two[] = {60, 81};
    floe_cli_hint_codes(&b, one, 1);
    assert_string_equal(b.data, "60");
    floe_buf_clear(&b);
    floe_cli_hint_codes(&b, two, 2);
    assert_string_equal(b.data, "[60, 81]");
    floe_buf_free(&b);
    assert_int_equal(floe_cli_errcode_by_name("UNKNOWN_TABLE", 13), 60);
    assert_int_equal(floe_cli_errcode_by_name("UNKNOWN_TABL", 12), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens),          cmocka_unit_test(test_adjust_end),
        cmocka_unit_test(test_is_open),         cmocka_unit_test(test_hints),
        cmocka_unit_test(test_hint_codes_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
