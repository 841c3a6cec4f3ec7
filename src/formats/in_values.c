/*
 * Values input: the rows after INSERT ... VALUES, "(1, 'a'), (2, 'b')", with
 * literals only: numbers (signed, decimal, exponent), 'strings' with
 * backslash escapes and '' doubling, NULL, true/false, [arrays] and
 * (tuples). Anything else (an expression, a function call) fails with
 * SYNTAX_ERROR "Cannot parse expression of type T here: ..." so the engine
 * can evaluate the row itself.
 */
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/mem.h"
#include "formats/in_reader.h"

/* value_pos/value_refills: where the value being read began, so an error
 * can quote the whole expression when it is still in the buffer. */
typedef struct values_in {
    floe_rd rd;
    size_t value_pos;
    uint64_t value_refills;
    floe_rd_target t;
    floe_buf str;
    uint64_t row;
} values_in;

static int expression_error(values_in *x, const floe_type *t)
{
    floe_buf m = FLOE_BUF_INIT;
    floe_rd *r = &x->rd;
    floe_rd_peek(r);
    size_t from = r->refills == x->value_refills && x->value_pos <= r->pos ? x->value_pos : r->pos;
    size_t n = r->end - from;
    if (n > 160)
        n = 160;
    floe_buf_append(&m, r->buf + from, n);
    floe_error(FLOE_ERR_SYNTAX_ERROR, "Cannot parse expression of type %s here: %s", t->name,
               m.data ? m.data : "");
    floe_buf_free(&m);
    return -1;
}

static bool is_word_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.';
}

/* A quoted string: '...' with backslash escapes and '' for a quote. */
static int read_quoted(values_in *x, floe_buf *out)
{
    floe_rd *r = &x->rd;
    floe_buf_clear(out);
    r->pos++;
    for (;;) {
        if (r->pos == r->end && !floe_rd_refill(r)) {
            if (r->failed)
                return -1;
            return floe_error(FLOE_ERR_CANNOT_PARSE_QUOTED_STRING,
                              "Cannot parse quoted string: expected closing quote: (at row %llu)",
                              (unsigned long long)x->row);
        }
        const char *p = r->buf + r->pos, *e = r->buf + r->end, *q = p;
        while (q < e && *q != '\'' && *q != '\\')
            q++;
        floe_buf_append(out, p, (size_t)(q - p));
        r->pos += (size_t)(q - p);
        if (q == e)
            continue;
        r->pos++;
        if (*q == '\'') {
            if (floe_rd_peek(r) == '\'') {
                r->pos++;
                floe_buf_putc(out, '\'');
                continue;
            }
            return 0;
        }
        int c = floe_rd_peek(r);
        if (c < 0)
            continue;
        r->pos++;
        switch (c) {
        case 'b':
            floe_buf_putc(out, '\b');
            break;
        case 'f':
            floe_buf_putc(out, '\f');
            break;
        case 'n':
            floe_buf_putc(out, '\n');
            break;
        case 'r':
            floe_buf_putc(out, '\r');
            break;
        case 't':
            floe_buf_putc(out, '\t');
            break;
        case '0':
            floe_buf_putc(out, '\0');
            break;
        case 'a':
            floe_buf_putc(out, '\a');
            break;
        case 'v':
            floe_buf_putc(out, '\v');
            break;
        case 'x': {
            int v = 0, k = 0;
            for (; k < 2; k++) {
                int h = floe_rd_peek(r);
                int d = (h >= '0' && h <= '9')   ? h - '0'
                        : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                        : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                                 : -1;
                if (d < 0)
                    break;
                r->pos++;
                v = v * 16 + d;
            }
            if (k == 0)
                floe_buf_append(out, "\\x", 2);
            else
                floe_buf_putc(out, (char)v);
            break;
        }
        default:
            floe_buf_putc(out, (char)c);
            break;
        }
    }
}

static void finish_nested_row(floe_column *c, bool is_array)
{
    floe_column_reserve(c, 1, 0);
    if (is_array)
        c->offsets[c->rows] = c->children[0]->rows;
    if (c->nulls)
        c->nulls[c->rows] = 0;
    c->rows++;
}

static int parse_text(values_in *x, floe_column *c, const char *p, size_t n)
{
    if (floe_type_base(c->type)->id == FLOE_TYPE_STRING) {
        floe_column_push_string(c, p, n);
        return 0;
    }
    if (floe_text_parse(c, p, n, &x->t.s->text) < 0)
        return floe_rd_at_row(x->row);
    return 0;
}

/* One literal into c; after it the next byte must end the value. */
static int read_literal(values_in *x, floe_column *c, int depth)
{
    floe_rd *r = &x->rd;
    const floe_type *b = floe_type_base(c->type);
    int ch = floe_rd_skip_ws(r);
    if (depth > 1000)
        return expression_error(x, c->type);
    if (ch == '\'') {
        if (read_quoted(x, &x->str) < 0)
            return -1;
        return parse_text(x, c, x->str.data ? x->str.data : "", x->str.len);
    }
    if ((ch == '[' && b->id == FLOE_TYPE_ARRAY) || (ch == '(' && b->id == FLOE_TYPE_TUPLE)) {
        char close = ch == '[' ? ']' : ')';
        r->pos++;
        size_t k = 0;
        if (floe_rd_skip_ws(r) == close) {
            r->pos++;
        } else {
            for (;;) {
                floe_column *child;
                if (b->id == FLOE_TYPE_TUPLE) {
                    if (k >= b->n_elems)
                        return expression_error(x, c->type);
                    child = c->children[k];
                } else {
                    child = c->children[0];
                }
                if (read_literal(x, child, depth + 1) < 0)
                    return -1;
                k++;
                int c2 = floe_rd_skip_ws(r);
                if (c2 == ',') {
                    r->pos++;
                    continue;
                }
                if (c2 == close) {
                    r->pos++;
                    break;
                }
                return expression_error(x, child->type);
            }
        }
        if (b->id == FLOE_TYPE_TUPLE && k != b->n_elems)
            return expression_error(x, c->type);
        finish_nested_row(c, b->id == FLOE_TYPE_ARRAY);
        return 0;
    }
    /* A number or a word (NULL, true, false, inf, nan). */
    floe_buf_clear(&x->str);
    if (ch == '-' || ch == '+') {
        floe_buf_putc(&x->str, (char)ch);
        r->pos++;
        ch = floe_rd_peek(r);
    }
    if (ch < 0 || !is_word_char(ch))
        return expression_error(x, c->type);
    for (;;) {
        ch = floe_rd_peek(r);
        if (is_word_char(ch)) {
            floe_buf_putc(&x->str, (char)ch);
            r->pos++;
        } else if ((ch == '-' || ch == '+') && x->str.len &&
                   (x->str.data[x->str.len - 1] == 'e' || x->str.data[x->str.len - 1] == 'E')) {
            /* The sign of an exponent (1e-3), not an operator: only after
             * digits and an e. */
            bool digits = false;
            for (size_t i = 0; i + 1 < x->str.len; i++)
                if (x->str.data[i] >= '0' && x->str.data[i] <= '9')
                    digits = true;
            if (!digits)
                break;
            floe_buf_putc(&x->str, (char)ch);
            r->pos++;
        } else {
            break;
        }
    }
    const char *w = x->str.data;
    size_t n = x->str.len;
    if (n == 4 && strncasecmp(w, "NULL", 4) == 0) {
        floe_rd_push_default(c);
        return 0;
    }
    bool numeric = (w[0] >= '0' && w[0] <= '9') || w[0] == '-' || w[0] == '+' || w[0] == '.';
    bool word_ok = (n == 4 && strncasecmp(w, "true", 4) == 0) ||
                   (n == 5 && strncasecmp(w, "false", 5) == 0) ||
                   strncasecmp(w + (w[0] == '-' || w[0] == '+'), "inf", 3) == 0 ||
                   strncasecmp(w + (w[0] == '-' || w[0] == '+'), "nan", 3) == 0;
    if (!numeric && !word_ok)
        return expression_error(x, c->type);
    int next = floe_rd_skip_ws(r);
    if (next == '(' || next == '+' || next == '-' || next == '*' || next == '/' || next == '%' ||
        next == '=' || next == '<' || next == '>' || next == ':')
        return expression_error(x, c->type);
    if (b->id == FLOE_TYPE_STRING) {
        /* A number given for a String column reads as its text. */
        floe_column_push_string(c, w, n);
        return 0;
    }
    return parse_text(x, c, w, n);
}

static int values_start(void **state, size_t n_cols, const char *const *names,
                        const floe_type *const *types, const floe_format_settings *s,
                        floe_source src)
{
    values_in *x = floe_calloc(1, sizeof *x);
    floe_rd_init(&x->rd, src);
    floe_rd_target_init(&x->t, n_cols, names, types, s);
    *state = x;
    return 0;
}

static int values_read(void *state, floe_block **out, size_t max_rows)
{
    values_in *x = state;
    floe_rd *r = &x->rd;
    floe_rd_target *t = &x->t;
    *out = NULL;
    floe_rd_target_new_block(t);
    while (t->block->rows < max_rows) {
        int c = floe_rd_skip_ws(r);
        if (x->row > 0 && c == ',') {
            r->pos++;
            c = floe_rd_skip_ws(r);
        }
        if (c == ';') {
            r->pos++;
            c = floe_rd_skip_ws(r);
            if (c >= 0)
                return floe_error(FLOE_ERR_SYNTAX_ERROR,
                                  "Cannot parse input: data after the end of VALUES: (at row %llu)",
                                  (unsigned long long)x->row);
        }
        if (c < 0) {
            if (r->failed)
                return -1;
            break;
        }
        if (c != '(') {
            /* ClickHouse counts the rows read so far here. */
            floe_rd_expected(r, "(", x->row + 1);
            char *msg = floe_strdup(floe_error_message());
            char *at = strstr(msg, ": (at row");
            if (at)
                *at = '\0';
            floe_error(FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED, "%s:  at row %llu", msg,
                       (unsigned long long)x->row);
            floe_free(msg);
            return -1;
        }
        x->row++;
        r->pos++;
        for (size_t i = 0; i < t->n_cols; i++) {
            floe_rd_skip_ws(r);
            x->value_pos = r->pos;
            x->value_refills = r->refills;
            if (read_literal(x, t->block->cols[i], 0) < 0)
                return -1;
            t->seen[i] = 1;
            int d = floe_rd_skip_ws(r);
            if (i + 1 < t->n_cols) {
                if (d != ',')
                    return expression_error(x, t->types[i]);
            } else if (d != ')') {
                if (d == ',')
                    return floe_rd_expected(r, ")", x->row);
                return expression_error(x, t->types[i]);
            }
            r->pos++;
        }
        if (t->n_cols == 0) {
            if (floe_rd_skip_ws(r) != ')')
                return floe_rd_expected(r, ")", x->row);
            r->pos++;
        }
        floe_rd_target_finish_row(t);
    }
    *out = floe_rd_target_take(t);
    return 0;
}

static void values_free(void *state)
{
    values_in *x = state;
    floe_rd_free(&x->rd);
    floe_rd_target_free(&x->t);
    floe_buf_free(&x->str);
    floe_free(x);
}

const floe_input_vtable floe_values_input_vtable = {"Values", values_start, values_read,
                                                    values_free};
