// FLOE_UNIT_DEPS: base types sql
/*
 * The lexer's token boundaries, which decide syntax error positions: numbers
 * glued to words, x.1.1, comments (#, --, nested block comments), quoted
 * strings with escapes, heredocs, operators, and error tokens.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sql/lexer.h"

/* Lexes text and renders "Type:text Type:text ...". */
static void lex(char *out, size_t size, const char *text)
{
    floe_lexer lx;
    floe_lexer_init(&lx, text, strlen(text), 0);
    size_t o = 0;
    out[0] = '\0';
    for (;;) {
        floe_token t = floe_lexer_next(&lx);
        if (t.type == FLOE_TK_EOF)
            break;
        int n = snprintf(out + o, size - o, "%s%s:%.*s", o ? " " : "", floe_token_type_name(t.type),
                         (int)(t.end - t.begin), text + t.begin);
        o += (size_t)n;
        if (o >= size)
            break;
    }
}

#define LEX(text, expected)                                                                        \
    do {                                                                                           \
        char buf_[1024];                                                                           \
        lex(buf_, sizeof buf_, text);                                                              \
        assert_string_equal(buf_, expected);                                                       \
    } while (0)

static void test_basic(void **state)
{
    (void)state;
    LEX("SELECT a, b FROM t;", "BareWord:SELECT BareWord:a Comma:, BareWord:b BareWord:FROM "
                               "BareWord:t Semicolon:;");
    LEX("a+b-c*d/e%f", "BareWord:a Plus:+ BareWord:b Minus:- BareWord:c Asterisk:* BareWord:d "
                       "Slash:/ BareWord:e Percent:% BareWord:f");
    LEX("a = b == c != d <> e < f <= g > h >= i <=> j",
        "BareWord:a Equals:= BareWord:b Equals:== BareWord:c NotEquals:!= BareWord:d NotEquals:<> "
        "BareWord:e Less:< BareWord:f LessOrEquals:<= BareWord:g Greater:> BareWord:h "
        "GreaterOrEquals:>= BareWord:i Spaceship:<=> BareWord:j");
    LEX("x -> x || y :: T ? 1 : 2",
        "BareWord:x Arrow:-> BareWord:x Concat:|| BareWord:y "
        "DoubleColon::: BareWord:T Question:? Number:1 Colon:: Number:2");
    LEX("f(x)[1]{a}", "BareWord:f LParen:( BareWord:x RParen:) LBracket:[ Number:1 RBracket:] "
                      "LBrace:{ BareWord:a RBrace:}");
}

static void test_numbers(void **state)
{
    (void)state;
    LEX(".5 1 1.5 1e10 1E-3 1.5e+7 0x1F 0b101 1_000 0x1p3", "Number:.5 Number:1 Number:1.5 "
                                                            "Number:1e10 Number:1E-3 Number:1.5e+7 "
                                                            "Number:0x1F Number:0b101 Number:1_000 "
                                                            "Number:0x1p3");
    /* after a number, `.5` is a dot and 5 (as in ClickHouse's lexer) */
    LEX("1 .5", "Number:1 Dot:. Number:5");
    LEX("(.5)", "LParen:( Number:.5 RParen:)");
    /* chained tuple access: x . 1 . 1, not x . 1.1 */
    LEX("x.1.1", "BareWord:x Dot:. Number:1 Dot:. Number:1");
    LEX("t.a.b", "BareWord:t Dot:. BareWord:a Dot:. BareWord:b");
    /* digits glued to letters make an identifier */
    LEX("1a 0x 1e", "BareWord:1a BareWord:0x BareWord:1e");
    LEX("1.5a", "ErrWrongNumber:1.5a");
}

static void test_strings(void **state)
{
    (void)state;
    LEX("'a''b' 'c\\'d' \"q\" `b``c`", "String:'a''b' String:'c\\'d' QuotedIdent:\"q\" "
                                       "QuotedIdent:`b``c`");
    LEX("x'41' b'0101' X'4A'", "String:x'41' String:b'0101' String:X'4A'");
    LEX("$$a b$$ $tag$x$$y$tag$", "HereDoc:$$a b$$ HereDoc:$tag$x$$y$tag$");
    LEX("'abc", "ErrSingleQuote:'abc");
    LEX("`abc", "ErrBackQuote:`abc");
    LEX("\"abc", "ErrDoubleQuote:\"abc");
    LEX("'a\\", "ErrSingleQuote:'a\\");
}

static void test_comments(void **state)
{
    (void)state;
    LEX("a -- comment\nb", "BareWord:a BareWord:b");
    LEX("a // comment\nb", "BareWord:a BareWord:b");
    LEX("a # comment\nb", "BareWord:a BareWord:b");
    LEX("#!/bin/floe\na", "BareWord:a");
    LEX("a /* x /* nested */ y */ b", "BareWord:a BareWord:b");
    LEX("a /* open", "BareWord:a ErrComment:/* open");
    LEX("#a", "Err:# BareWord:a");
    LEX("a ! b", "BareWord:a ErrExclamation:! BareWord:b");
    LEX("$ $x", "Dollar:$ BareWord:$x");
    /* Unicode spaces are whitespace */
    LEX("a\xC2\xA0"
        "b",
        "BareWord:a BareWord:b");
}

static void test_max_query_size(void **state)
{
    (void)state;
    floe_lexer lx;
    const char *q = "SELECT 1 SETTINGS max_query_size=10";
    floe_lexer_init(&lx, q, strlen(q), 10);
    assert_int_equal(floe_lexer_next(&lx).type, FLOE_TK_BAREWORD);
    assert_int_equal(floe_lexer_next(&lx).type, FLOE_TK_NUMBER);
    floe_token t = floe_lexer_next(&lx);
    assert_int_equal(t.type, FLOE_TK_ERR_MAX_QUERY_SIZE);
    assert_int_equal(t.begin, 9);
    assert_string_equal(floe_token_error_text(FLOE_TK_ERR_SINGLE_QUOTE),
                        "Single quoted string is not closed");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),          cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_strings),        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_max_query_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
