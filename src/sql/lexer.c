/*
 * SQL lexer. Follows ClickHouse's Lexer.cpp token by token: the parser's
 * error positions are token starts, so the token boundaries must agree
 * (numbers glued to letters become identifiers, `x.1.1` is x . 1 . 1, `#`
 * opens a comment only before a space or `!`, block comments nest).
 */
#include "sql/lexer.h"

#include <string.h>

void floe_lexer_init(floe_lexer *lx, const char *text, size_t len, size_t max_query_size)
{
    lx->text = text;
    lx->len = len;
    lx->pos = 0;
    lx->max_pos = max_query_size;
    lx->prev_type = FLOE_TK_EOF;
}

static bool is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* `_` inside a number (1_000): not at the start of a block and followed by a digit. */
static bool is_separator(const floe_lexer *lx, size_t p, bool start_of_block, bool hex)
{
    if (start_of_block || lx->text[p] != '_' || p + 1 >= lx->len)
        return false;
    char n = lx->text[p + 1];
    return hex ? is_hex(n) : is_digit(n);
}

/* Length of a Unicode whitespace sequence (UTF-8) at p, 0 if none. */
static size_t utf8_space(const floe_lexer *lx, size_t p)
{
    const unsigned char *s = (const unsigned char *)lx->text + p;
    size_t left = lx->len - p;
    if (left >= 2 && s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0))
        return 2;
    if (left >= 3 && s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80)
        return 3;
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
        ((s[2] >= 0x80 && s[2] <= 0x8A) || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
        return 3;
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F)
        return 3;
    if (left >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    return 0;
}

static floe_token_type quoted(floe_lexer *lx, char q, floe_token_type ok, floe_token_type err)
{
    size_t p = lx->pos + 1;
    for (;;) {
        while (p < lx->len && lx->text[p] != q && lx->text[p] != '\\')
            p++;
        if (p >= lx->len) {
            lx->pos = lx->len;
            return err;
        }
        if (lx->text[p] == q) {
            p++;
            if (p < lx->len && lx->text[p] == q) {
                p++;
                continue;
            }
            lx->pos = p;
            return ok;
        }
        p++; /* backslash */
        if (p >= lx->len) {
            lx->pos = lx->len;
            return err;
        }
        p++;
    }
}

static floe_token_type number(floe_lexer *lx)
{
    const char *t = lx->text;
    size_t n = lx->len, p = lx->pos, begin = lx->pos;
    if (lx->prev_type == FLOE_TK_DOT) {
        p++;
        while (p < n && (is_digit(t[p]) || is_separator(lx, p, false, false)))
            p++;
    } else {
        bool start = false, hex = false;
        if (p + 2 < n && t[p] == '0' &&
            (t[p + 1] == 'x' || t[p + 1] == 'X' || t[p + 1] == 'b' || t[p + 1] == 'B')) {
            bool valid = false;
            if (t[p + 1] == 'x' || t[p + 1] == 'X') {
                if (is_hex(t[p + 2]))
                    hex = valid = true;
            } else if (t[p + 2] == '0' || t[p + 2] == '1') {
                valid = true;
            }
            if (valid) {
                p += 2;
                start = true;
            } else {
                p++;
            }
        } else {
            p++;
        }
        while (p < n &&
               ((hex ? is_hex(t[p]) : is_digit(t[p])) || is_separator(lx, p, start, hex))) {
            p++;
            start = false;
        }
        if (p < n && t[p] == '.') {
            start = true;
            p++;
            while (p < n &&
                   ((hex ? is_hex(t[p]) : is_digit(t[p])) || is_separator(lx, p, start, hex))) {
                p++;
                start = false;
            }
        }
        if (p + 1 < n && (hex ? (t[p] == 'p' || t[p] == 'P') : (t[p] == 'e' || t[p] == 'E'))) {
            start = true;
            p++;
            if (p + 1 < n && (t[p] == '-' || t[p] == '+'))
                p++;
            while (p < n && (is_digit(t[p]) || is_separator(lx, p, start, false))) {
                p++;
                start = false;
            }
        }
    }
    if (p < n && is_word(t[p])) {
        while (p < n && is_word(t[p]))
            p++;
        lx->pos = p;
        for (size_t i = begin; i < p; i++)
            if (!is_word(t[i]) && t[i] != '$')
                return FLOE_TK_ERR_WRONG_NUMBER;
        return FLOE_TK_BAREWORD;
    }
    lx->pos = p;
    return FLOE_TK_NUMBER;
}

/* One token, possibly insignificant (whitespace/comment -> returns -1). */
static int next_raw(floe_lexer *lx, floe_token_type *type)
{
    const char *t = lx->text;
    size_t n = lx->len, p = lx->pos;
    char c = t[p];
    if (is_space(c)) {
        while (p < n && is_space(t[p]))
            p++;
        lx->pos = p;
        return -1;
    }
    if (is_digit(c)) {
        *type = number(lx);
        return 0;
    }
    switch (c) {
    case '\'':
        *type = quoted(lx, '\'', FLOE_TK_STRING, FLOE_TK_ERR_SINGLE_QUOTE);
        return 0;
    case '"':
        *type = quoted(lx, '"', FLOE_TK_QUOTED_IDENT, FLOE_TK_ERR_DOUBLE_QUOTE);
        return 0;
    case '`':
        *type = quoted(lx, '`', FLOE_TK_QUOTED_IDENT, FLOE_TK_ERR_BACK_QUOTE);
        return 0;
    case '(':
        *type = FLOE_TK_LPAREN;
        break;
    case ')':
        *type = FLOE_TK_RPAREN;
        break;
    case '[':
        *type = FLOE_TK_LBRACKET;
        break;
    case ']':
        *type = FLOE_TK_RBRACKET;
        break;
    case '{':
        *type = FLOE_TK_LBRACE;
        break;
    case '}':
        *type = FLOE_TK_RBRACE;
        break;
    case ',':
        *type = FLOE_TK_COMMA;
        break;
    case ';':
        *type = FLOE_TK_SEMICOLON;
        break;
    case '.': {
        floe_token_type pt = lx->prev_type;
        if (p > 0 &&
            (!(p + 1 < n && is_digit(t[p + 1])) || pt == FLOE_TK_RPAREN || pt == FLOE_TK_RBRACKET ||
             pt == FLOE_TK_BAREWORD || pt == FLOE_TK_QUOTED_IDENT || pt == FLOE_TK_NUMBER)) {
            *type = FLOE_TK_DOT;
            break;
        }
        bool start = true;
        p++;
        while (p < n && (is_digit(t[p]) || is_separator(lx, p, start, false))) {
            p++;
            start = false;
        }
        if (p + 1 < n && (t[p] == 'e' || t[p] == 'E')) {
            start = true;
            p++;
            if (p + 1 < n && (t[p] == '-' || t[p] == '+'))
                p++;
            while (p < n && (is_digit(t[p]) || is_separator(lx, p, start, false))) {
                p++;
                start = false;
            }
        }
        lx->pos = p;
        *type = FLOE_TK_NUMBER;
        return 0;
    }
    case '+':
        *type = FLOE_TK_PLUS;
        break;
    case '-':
        if (p + 1 < n && t[p + 1] == '>') {
            lx->pos = p + 2;
            *type = FLOE_TK_ARROW;
            return 0;
        }
        if (p + 1 < n && t[p + 1] == '-') {
            while (p < n && t[p] != '\n')
                p++;
            lx->pos = p;
            return -1;
        }
        *type = FLOE_TK_MINUS;
        break;
    case '*':
        *type = FLOE_TK_ASTERISK;
        break;
    case '/':
        if (p + 1 < n && t[p + 1] == '/') {
            while (p < n && t[p] != '\n')
                p++;
            lx->pos = p;
            return -1;
        }
        if (p + 1 < n && t[p + 1] == '*') {
            size_t depth = 1;
            p += 2;
            while (p + 2 <= n) {
                if (t[p] == '/' && t[p + 1] == '*') {
                    p += 2;
                    depth++;
                } else if (t[p] == '*' && t[p + 1] == '/') {
                    p += 2;
                    if (--depth == 0) {
                        lx->pos = p;
                        return -1;
                    }
                } else {
                    p++;
                }
            }
            lx->pos = n;
            *type = FLOE_TK_ERR_COMMENT;
            return 0;
        }
        *type = FLOE_TK_SLASH;
        break;
    case '#':
        if (p + 1 < n && (t[p + 1] == ' ' || t[p + 1] == '!')) {
            while (p < n && t[p] != '\n')
                p++;
            lx->pos = p;
            return -1;
        }
        *type = FLOE_TK_ERR;
        break;
    case '%':
        *type = FLOE_TK_PERCENT;
        break;
    case '=':
        lx->pos = p + 1 + (p + 1 < n && t[p + 1] == '=');
        *type = FLOE_TK_EQUALS;
        return 0;
    case '!':
        if (p + 1 < n && t[p + 1] == '=') {
            lx->pos = p + 2;
            *type = FLOE_TK_NOT_EQUALS;
            return 0;
        }
        *type = FLOE_TK_ERR_EXCLAMATION;
        break;
    case '<':
        if (p + 2 < n && t[p + 1] == '=' && t[p + 2] == '>') {
            lx->pos = p + 3;
            *type = FLOE_TK_SPACESHIP;
            return 0;
        }
        if (p + 1 < n && (t[p + 1] == '=' || t[p + 1] == '>')) {
            lx->pos = p + 2;
            *type = t[p + 1] == '=' ? FLOE_TK_LESS_OR_EQUALS : FLOE_TK_NOT_EQUALS;
            return 0;
        }
        *type = FLOE_TK_LESS;
        break;
    case '>':
        if (p + 1 < n && t[p + 1] == '=') {
            lx->pos = p + 2;
            *type = FLOE_TK_GREATER_OR_EQUALS;
            return 0;
        }
        *type = FLOE_TK_GREATER;
        break;
    case '?':
        *type = FLOE_TK_QUESTION;
        break;
    case ':':
        if (p + 1 < n && t[p + 1] == ':') {
            lx->pos = p + 2;
            *type = FLOE_TK_DOUBLE_COLON;
            return 0;
        }
        *type = FLOE_TK_COLON;
        break;
    case '|':
        if (p + 1 < n && t[p + 1] == '|') {
            lx->pos = p + 2;
            *type = FLOE_TK_CONCAT;
            return 0;
        }
        *type = FLOE_TK_PIPE;
        break;
    case '@':
        if (p + 1 < n && t[p + 1] == '@') {
            lx->pos = p + 2;
            *type = FLOE_TK_DOUBLE_AT;
            return 0;
        }
        *type = FLOE_TK_AT;
        break;
    case '^':
        *type = FLOE_TK_CARET;
        break;
    default:
        if (c == '$') {
            /* $tag$ ... $tag$ */
            const char *close = memchr(t + p + 1, '$', n - p - 1);
            if (close) {
                size_t tag = (size_t)(close - (t + p)) + 1;
                for (size_t q = p + tag; q + tag <= n; q++) {
                    if (memcmp(t + q, t + p, tag) == 0) {
                        lx->pos = q + tag;
                        *type = FLOE_TK_HEREDOC;
                        return 0;
                    }
                }
            }
            if (p + 1 == n || !is_word(t[p + 1])) {
                *type = FLOE_TK_DOLLAR;
                break;
            }
        }
        if (p + 2 < n && t[p + 1] == '\'' && (c == 'x' || c == 'X' || c == 'b' || c == 'B')) {
            bool hex = c == 'x' || c == 'X';
            size_t q = p + 2;
            while (q < n && (hex ? is_hex(t[q]) : (t[q] == '0' || t[q] == '1')))
                q++;
            if (q >= n || t[q] != '\'') {
                lx->pos = n;
                *type = FLOE_TK_ERR_SINGLE_QUOTE;
                return 0;
            }
            lx->pos = q + 1;
            *type = FLOE_TK_STRING;
            return 0;
        }
        if (is_word(c) || c == '$') {
            p++;
            while (p < n && (is_word(t[p]) || t[p] == '$'))
                p++;
            lx->pos = p;
            *type = FLOE_TK_BAREWORD;
            return 0;
        }
        {
            size_t sp = utf8_space(lx, p);
            if (sp) {
                p += sp;
                while (p < n && (sp = utf8_space(lx, p)) != 0)
                    p += sp;
                lx->pos = p;
                return -1;
            }
        }
        *type = FLOE_TK_ERR;
        break;
    }
    lx->pos = p + 1;
    return 0;
}

floe_token floe_lexer_next(floe_lexer *lx)
{
    floe_token tok;
    for (;;) {
        if (lx->pos >= lx->len) {
            tok.type = FLOE_TK_EOF;
            tok.begin = tok.end = (uint32_t)lx->len;
            break;
        }
        size_t begin = lx->pos;
        floe_token_type type;
        int r = next_raw(lx, &type);
        if (lx->max_pos && lx->pos > lx->max_pos) {
            tok.type = FLOE_TK_ERR_MAX_QUERY_SIZE;
            tok.begin = (uint32_t)begin;
            tok.end = (uint32_t)lx->pos;
            break;
        }
        if (r < 0)
            continue;
        tok.type = type;
        tok.begin = (uint32_t)begin;
        tok.end = (uint32_t)lx->pos;
        break;
    }
    lx->prev_type = tok.type;
    return tok;
}

const char *floe_token_error_text(floe_token_type t)
{
    switch (t) {
    case FLOE_TK_ERR_SINGLE_QUOTE:
        return "Single quoted string is not closed";
    case FLOE_TK_ERR_DOUBLE_QUOTE:
        return "Double quoted string is not closed";
    case FLOE_TK_ERR_BACK_QUOTE:
        return "Back quoted string is not closed";
    case FLOE_TK_ERR_COMMENT:
        return "Multiline comment is not closed";
    case FLOE_TK_ERR_EXCLAMATION:
        return "Exclamation mark can only occur in != operator";
    case FLOE_TK_ERR_WRONG_NUMBER:
        return "Wrong number";
    case FLOE_TK_ERR_MAX_QUERY_SIZE:
        return "Max query size exceeded";
    default:
        return "Unrecognized token";
    }
}

const char *floe_token_type_name(floe_token_type t)
{
    static const char *const names[] = {
        "EOF",
        "BareWord",
        "Number",
        "String",
        "QuotedIdent",
        "HereDoc",
        "LParen",
        "RParen",
        "LBracket",
        "RBracket",
        "LBrace",
        "RBrace",
        "Comma",
        "Semicolon",
        "Dot",
        "Asterisk",
        "Plus",
        "Minus",
        "Slash",
        "Percent",
        "Arrow",
        "Question",
        "Colon",
        "DoubleColon",
        "Equals",
        "NotEquals",
        "Less",
        "Greater",
        "LessOrEquals",
        "GreaterOrEquals",
        "Spaceship",
        "Concat",
        "Caret",
        "At",
        "DoubleAt",
        "Dollar",
        "Pipe",
        "ErrSingleQuote",
        "ErrDoubleQuote",
        "ErrBackQuote",
        "ErrComment",
        "ErrExclamation",
        "ErrWrongNumber",
        "ErrMaxQuerySize",
        "Err",
    };
    if ((size_t)t < sizeof names / sizeof names[0])
        return names[t];
    return "?";
}
