/*
 * The little SQL scanning the command line does on its own: where a
 * statement that failed to parse ends, which comment trails which statement,
 * whether typed text is inside an open quote, and ClickHouse's test hints
 * (`-- { serverError N }`) in comments. It follows ClickHouse's lexer for
 * whitespace, comments, quotes and heredocs, and nothing more.
 */
#include <ctype.h>
#include <string.h>

#include "cli/cli.h"
#include "base/error.h"

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static bool is_word_char(char ch)
{
    return isalnum((unsigned char)ch) || ch == '_';
}

/* End of a quoted token opened by q at p[pos]: backslash escapes and a
 * doubled quote stay inside. */
static size_t quoted_end(const char *p, size_t len, size_t pos, char q, bool *unterminated)
{
    size_t i = pos + 1;
    while (i < len) {
        if (p[i] == '\\') {
            i += 2;
            continue;
        }
        if (p[i] == q) {
            if (i + 1 < len && p[i + 1] == q) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i++;
    }
    if (unterminated)
        *unterminated = true;
    return len;
}

/* A heredoc `$tag$ ... $tag$` (tag possibly empty) starting at p[pos], or 0
 * when p[pos] does not open one. */
static size_t heredoc_end(const char *p, size_t len, size_t pos, bool *unterminated)
{
    size_t i = pos + 1;
    while (i < len && is_word_char(p[i]))
        i++;
    if (i >= len || p[i] != '$')
        return 0;
    size_t tag_len = i + 1 - pos;
    for (size_t j = i + 1; j + tag_len <= len; j++)
        if (p[j] == '$' && memcmp(p + j, p + pos, tag_len) == 0)
            return j + tag_len;
    if (unterminated)
        *unterminated = true;
    return len;
}

int floe_cli_token(const char *p, size_t len, size_t pos, size_t *end, bool *unterminated)
{
    if (unterminated)
        *unterminated = false;
    if (pos >= len) {
        *end = len;
        return FLOE_CLI_TOK_END;
    }
    char ch = p[pos];
    if (is_space(ch)) {
        size_t i = pos + 1;
        while (i < len && is_space(p[i]))
            i++;
        *end = i;
        return FLOE_CLI_TOK_SPACE;
    }
    if (ch == ';') {
        *end = pos + 1;
        return FLOE_CLI_TOK_SEMICOLON;
    }
    if ((ch == '-' && pos + 1 < len && p[pos + 1] == '-') ||
        (ch == '#' && pos + 1 < len && (p[pos + 1] == ' ' || p[pos + 1] == '!'))) {
        const char *nl = memchr(p + pos, '\n', len - pos);
        *end = nl ? (size_t)(nl - p) : len;
        return FLOE_CLI_TOK_COMMENT;
    }
    if (ch == '/' && pos + 1 < len && p[pos + 1] == '*') {
        /* ClickHouse allows nested block comments. */
        size_t i = pos + 2;
        int depth = 1;
        while (i < len && depth > 0) {
            if (p[i] == '/' && i + 1 < len && p[i + 1] == '*') {
                depth++;
                i += 2;
            } else if (p[i] == '*' && i + 1 < len && p[i + 1] == '/') {
                depth--;
                i += 2;
            } else {
                i++;
            }
        }
        if (depth > 0 && unterminated)
            *unterminated = true;
        *end = i < len ? i : len;
        return FLOE_CLI_TOK_COMMENT;
    }
    if (ch == '\'' || ch == '"' || ch == '`') {
        *end = quoted_end(p, len, pos, ch, unterminated);
        return FLOE_CLI_TOK_OTHER;
    }
    if (ch == '$') {
        size_t e = heredoc_end(p, len, pos, unterminated);
        if (e) {
            *end = e;
            return FLOE_CLI_TOK_OTHER;
        }
    }
    if (is_word_char(ch)) {
        size_t i = pos + 1;
        while (i < len && is_word_char(p[i]))
            i++;
        *end = i;
        return FLOE_CLI_TOK_OTHER;
    }
    *end = pos + 1;
    return FLOE_CLI_TOK_OTHER;
}

size_t floe_cli_skip_insignificant(const char *p, size_t len, size_t pos)
{
    while (pos < len) {
        size_t end;
        int kind = floe_cli_token(p, len, pos, &end, NULL);
        if (kind != FLOE_CLI_TOK_SPACE && kind != FLOE_CLI_TOK_COMMENT)
            return pos;
        pos = end;
    }
    return len;
}

size_t floe_cli_next_semicolon(const char *p, size_t len, size_t pos)
{
    while (pos < len) {
        size_t end;
        int kind = floe_cli_token(p, len, pos, &end, NULL);
        if (kind == FLOE_CLI_TOK_SEMICOLON)
            return end;
        pos = end;
    }
    return len;
}

size_t floe_cli_adjust_end(const char *p, size_t len, size_t end)
{
    for (;;) {
        size_t next = floe_cli_skip_insignificant(p, len, end);
        if (next < len && p[next] == ';')
            end = next + 1;
        else
            break;
    }
    /* Take the rest of the line when the next statement starts on a later
     * line. Unlike a plain search for '\n', a newline inside a block
     * comment does not count: the cut must fall between tokens. */
    size_t pos = end;
    while (pos < len) {
        size_t tok_end;
        int kind = floe_cli_token(p, len, pos, &tok_end, NULL);
        if (kind == FLOE_CLI_TOK_SPACE) {
            const char *nl = memchr(p + pos, '\n', tok_end - pos);
            if (nl)
                return (size_t)(nl - p);
        } else if (kind != FLOE_CLI_TOK_COMMENT) {
            return end;
        }
        pos = tok_end;
    }
    return len;
}

bool floe_cli_is_open(const char *p, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        size_t end;
        bool open = false;
        int kind = floe_cli_token(p, len, pos, &end, &open);
        if (open)
            return true;
        (void)kind;
        pos = end;
    }
    return false;
}

int floe_cli_errcode_by_name(const char *name, size_t len)
{
    static const struct {
        int code;
        const char *name;
    } codes[] = {
#define FLOE_CLI_ERRCODE_ROW(num, nm) {num, #nm},
        FLOE_ERRCODES(FLOE_CLI_ERRCODE_ROW)
#undef FLOE_CLI_ERRCODE_ROW
    };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (strlen(codes[i].name) == len && memcmp(codes[i].name, name, len) == 0)
            return codes[i].code;
    return 0;
}

void floe_cli_hint_codes(floe_buf *b, const int *codes, int n)
{
    if (n == 0) {
        floe_buf_puts(b, "0");
        return;
    }
    if (n == 1) {
        floe_buf_i64(b, codes[0]);
        return;
    }
    floe_buf_putc(b, '[');
    for (int i = 0; i < n; i++) {
        if (i)
            floe_buf_puts(b, ", ");
        floe_buf_i64(b, codes[i]);
    }
    floe_buf_putc(b, ']');
}

/* A word of a hint: letters, digits, underscores. */
static size_t hint_word(const char *p, size_t len, size_t pos)
{
    while (pos < len && is_word_char(p[pos]))
        pos++;
    return pos;
}

static size_t hint_skip_space(const char *p, size_t len, size_t pos)
{
    while (pos < len && is_space(p[pos]))
        pos++;
    return pos;
}

/* Parses the text between '{' and '}' of one comment (TestHint::parse). */
static void hint_parse_braces(floe_cli_hint *h, const char *p, size_t len, bool leading)
{
    size_t pos = 0;
    for (;;) {
        pos = hint_skip_space(p, len, pos);
        if (pos >= len)
            return;
        size_t end = hint_word(p, len, pos);
        if (end == pos) {
            pos++;
            continue;
        }
        size_t wl = end - pos;
        const char *w = p + pos;
        pos = end;
        if (wl == 4 && memcmp(w, "echo", 4) == 0) {
            h->echo = 1;
        } else if (wl == 6 && memcmp(w, "echoOn", 6) == 0) {
            h->echo = 1;
        } else if (wl == 7 && memcmp(w, "echoOff", 7) == 0) {
            h->echo = 0;
        } else if (!leading && ((wl == 11 && memcmp(w, "serverError", 11) == 0) ||
                                (wl == 11 && memcmp(w, "clientError", 11) == 0))) {
            bool server = w[0] == 's';
            int *codes = server ? h->server : h->client;
            int n = 0;
            /* Everything after this is a comma-separated list of codes. */
            for (;;) {
                pos = hint_skip_space(p, len, pos);
                if (pos >= len)
                    break;
                size_t e = hint_word(p, len, pos);
                if (e == pos)
                    break;
                int code;
                if (isdigit((unsigned char)p[pos])) {
                    code = 0;
                    for (size_t i = pos; i < e && isdigit((unsigned char)p[i]); i++)
                        code = code * 10 + (p[i] - '0');
                } else {
                    code = floe_cli_errcode_by_name(p + pos, e - pos);
                }
                if (n < FLOE_CLI_MAX_HINT_CODES)
                    codes[n++] = code;
                pos = hint_skip_space(p, len, e);
                if (pos >= len || p[pos] != ',')
                    break;
                pos++;
            }
            if (server)
                h->nserver = n;
            else
                h->nclient = n;
            return;
        }
    }
}

void floe_cli_hint_parse(floe_cli_hint *out, const char *p, size_t len)
{
    memset(out, 0, sizeof *out);
    out->echo = -1;
    bool leading = true;
    size_t pos = 0;
    while (pos < len) {
        size_t end;
        int kind = floe_cli_token(p, len, pos, &end, NULL);
        if (kind == FLOE_CLI_TOK_COMMENT) {
            const char *open = memchr(p + pos, '{', end - pos);
            if (open) {
                const char *close = memchr(open, '}', (size_t)(p + end - open));
                if (close)
                    hint_parse_braces(out, open + 1, (size_t)(close - open - 1), leading);
            }
        } else if (kind != FLOE_CLI_TOK_SPACE) {
            leading = false;
        }
        pos = end;
    }
}
