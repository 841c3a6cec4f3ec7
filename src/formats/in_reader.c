/*
 * The input formats' refillable reader and target-column helpers (see
 * in_reader.h): bytes come from a floe_source in 64 KiB reads, rows go into
 * a block of the INSERT's columns, and errors carry ClickHouse's wording and
 * the row number.
 */
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "formats/in_reader.h"

void floe_rd_init(floe_rd *r, floe_source src)
{
    memset(r, 0, sizeof *r);
    r->src = src;
    r->cap = FLOE_RD_BUF;
    r->buf = floe_malloc(r->cap);
}

void floe_rd_free(floe_rd *r)
{
    floe_free(r->buf);
    r->buf = NULL;
}

bool floe_rd_refill(floe_rd *r)
{
    if (r->pos < r->end)
        return true;
    if (r->eof || r->failed)
        return false;
    size_t got = 0;
    if (r->src.read(r->src.ctx, r->buf, r->cap, &got) < 0) {
        r->failed = true;
        return false;
    }
    if (got == 0) {
        /* pos and end stay: the last bytes read remain quotable. */
        r->eof = true;
        return false;
    }
    r->pos = 0;
    r->end = got;
    r->refills++;
    return true;
}

void floe_rd_skip_bom(floe_rd *r)
{
    /* Only looked for within the first read (a source that hands out fewer
     * than three bytes at once keeps its mark). */
    if (floe_rd_peek(r) == 0xEF && r->end - r->pos >= 3 &&
        memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0)
        r->pos += 3;
}

int floe_rd_skip_ws(floe_rd *r)
{
    for (;;) {
        int c = floe_rd_peek(r);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            r->pos++;
        else
            return c;
    }
}

static void put_escaped_char(floe_buf *out, char c)
{
    switch (c) {
    case '\t':
        floe_buf_puts(out, "\\t");
        break;
    case '\n':
        floe_buf_puts(out, "\\n");
        break;
    case '\r':
        floe_buf_puts(out, "\\r");
        break;
    case '\\':
        floe_buf_puts(out, "\\\\");
        break;
    case '\'':
        floe_buf_puts(out, "\\'");
        break;
    case '\0':
        floe_buf_puts(out, "\\0");
        break;
    case '\b':
        floe_buf_puts(out, "\\b");
        break;
    case '\f':
        floe_buf_puts(out, "\\f");
        break;
    default:
        floe_buf_putc(out, c);
    }
}

void floe_rd_excerpt(floe_rd *r, floe_buf *out)
{
    /* ClickHouse shows up to 160 bytes of what is left in its buffer. */
    floe_rd_peek(r);
    size_t n = r->end - r->pos;
    if (n > 160)
        n = 160;
    floe_buf_putc(out, '\'');
    for (size_t i = 0; i < n; i++)
        put_escaped_char(out, r->buf[r->pos + i]);
    floe_buf_putc(out, '\'');
}

int floe_rd_expected(floe_rd *r, const char *what, uint64_t row)
{
    return floe_rd_expected_after(r, what, "", 0, row);
}

int floe_rd_expected_after(floe_rd *r, const char *what, const char *p, size_t n, uint64_t row)
{
    if (r->failed)
        return -1;
    floe_buf m = FLOE_BUF_INIT;
    floe_buf_puts(&m, "Cannot parse input: expected '");
    for (const char *q = what; *q; q++)
        put_escaped_char(&m, *q);
    floe_buf_putc(&m, '\'');
    if (n == 0 && floe_rd_peek(r) < 0) {
        floe_buf_puts(&m, " at end of stream");
    } else {
        floe_buf_puts(&m, " before: '");
        size_t shown = n < 160 ? n : 160;
        for (size_t i = 0; i < shown; i++)
            put_escaped_char(&m, p[i]);
        floe_rd_peek(r);
        size_t more = r->end - r->pos;
        if (more > 160 - shown)
            more = 160 - shown;
        for (size_t i = 0; i < more; i++)
            put_escaped_char(&m, r->buf[r->pos + i]);
        floe_buf_putc(&m, '\'');
    }
    floe_error(FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED, "%s: (at row %llu)", m.data,
               (unsigned long long)row);
    floe_buf_free(&m);
    return -1;
}

int floe_rd_at_row(uint64_t row)
{
    int code = floe_error_code();
    char *msg = floe_strdup(floe_error_message());
    floe_error(code ? code : FLOE_ERR_CANNOT_PARSE_TEXT, "%s: (at row %llu)", msg,
               (unsigned long long)row);
    floe_free(msg);
    return -1;
}

void floe_rd_target_init(floe_rd_target *t, size_t n_cols, const char *const *names,
                         const floe_type *const *types, const floe_format_settings *s)
{
    memset(t, 0, sizeof *t);
    t->n_cols = n_cols;
    t->names = names;
    t->types = types;
    t->s = s;
    t->seen = floe_calloc(n_cols ? n_cols : 1, 1);
}

void floe_rd_target_free(floe_rd_target *t)
{
    floe_block_free(t->block);
    t->block = NULL;
    floe_free(t->seen);
    t->seen = NULL;
}

void floe_rd_target_new_block(floe_rd_target *t)
{
    floe_block_free(t->block);
    t->block = floe_block_new();
    for (size_t i = 0; i < t->n_cols; i++)
        floe_block_add(t->block, t->names[i], floe_column_new(t->types[i]));
    memset(t->seen, 0, t->n_cols ? t->n_cols : 1);
}

int floe_rd_target_find(const floe_rd_target *t, const char *name, size_t len)
{
    for (size_t i = 0; i < t->n_cols; i++)
        if (strlen(t->names[i]) == len && memcmp(t->names[i], name, len) == 0)
            return (int)i;
    return -1;
}

void floe_rd_push_default(floe_column *c)
{
    if (floe_type_is_nullable(c->type))
        floe_column_push_null(c);
    else
        floe_column_push_default(c);
}

void floe_rd_target_finish_row(floe_rd_target *t)
{
    for (size_t i = 0; i < t->n_cols; i++) {
        if (!t->seen[i])
            floe_rd_push_default(t->block->cols[i]);
        t->seen[i] = 0;
    }
    t->block->rows++;
}

int floe_rd_parse_value(floe_rd_target *t, size_t col, floe_column *c, const char *p, size_t n)
{
    return floe_text_parse(c, p, n, &t->s->text);
}

floe_block *floe_rd_target_take(floe_rd_target *t)
{
    floe_block *b = t->block;
    t->block = NULL;
    if (b && b->rows == 0) {
        floe_block_free(b);
        return NULL;
    }
    return b;
}
