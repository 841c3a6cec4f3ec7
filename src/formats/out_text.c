/*
 * Delimited row output formats: TabSeparated (and its Raw, WithNames and
 * WithNamesAndTypes forms), CSV (same forms), Values, Markdown, RawBLOB and
 * Null. This file writes only the structure (delimiters, header lines, row
 * brackets); every value goes through floe_text_write in the family's style.
 */
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "formats/format_util.h"

typedef enum text_kind {
    K_TSV,
    K_TSV_RAW,
    K_CSV,
    K_VALUES,
    K_MARKDOWN,
    K_RAWBLOB,
    K_NULL,
} text_kind;

/* State of one delimited output. rows counts rows written so far (Values
 * puts a comma before every row but the first, across blocks). */
typedef struct text_out {
    text_kind kind;
    floe_buf out;
    floe_sink sink;
    size_t n_cols;
    const floe_format_settings *s;
    floe_text_style style;
    char delim;
    uint64_t rows;
} text_out;

static void write_header_line(text_out *t, floe_column *c)
{
    for (size_t i = 0; i < c->rows; i++) {
        if (i)
            floe_buf_putc(&t->out, t->delim);
        if (t->kind == K_TSV_RAW) {
            size_t len;
            const char *p = floe_column_string_at(c, i, &len);
            floe_buf_append(&t->out, p, len);
        } else {
            floe_text_write(&t->out, c, i, t->style, &t->s->text);
        }
    }
    floe_buf_putc(&t->out, '\n');
}

/* Header names and types of one column. CSV writes a tuple as separate
 * columns, so its header names the leaves: "t.1", "nt.b.c" with the leaf
 * types (output_format_csv_header_serialize_tuple_into_separate_columns). */
static void add_header_leaves(floe_column *names, floe_column *types, floe_buf *path,
                              const floe_type *t, bool flatten)
{
    const floe_type *b = floe_type_base(t);
    if (flatten && b->id == FLOE_TYPE_TUPLE && b->n_elems) {
        size_t len = path->len;
        for (size_t k = 0; k < b->n_elems; k++) {
            path->len = len;
            if (b->elem_names && b->elem_names[k])
                floe_buf_printf(path, ".%s", b->elem_names[k]);
            else
                floe_buf_printf(path, ".%zu", k + 1);
            add_header_leaves(names, types, path, b->elems[k], flatten);
        }
        path->len = len;
        path->data[len] = '\0';
        return;
    }
    floe_column_push_string(names, path->data, path->len);
    floe_column_push_string(types, t->name, strlen(t->name));
}

static int text_start(void **state, text_kind kind, int header, size_t n_cols,
                      const char *const *names, const floe_type *const *types,
                      const floe_format_settings *s, floe_sink sink)
{
    text_out *t = floe_calloc(1, sizeof *t);
    t->kind = kind;
    t->sink = sink;
    t->n_cols = n_cols;
    t->s = s;
    t->delim = '\t';
    switch (kind) {
    case K_TSV:
    case K_MARKDOWN:
        t->style = FLOE_TEXT_TSV;
        break;
    case K_TSV_RAW:
    case K_RAWBLOB:
    case K_NULL:
        t->style = FLOE_TEXT_PLAIN;
        break;
    case K_CSV:
        t->style = FLOE_TEXT_CSV;
        t->delim = s->csv_delimiter ? s->csv_delimiter : ',';
        break;
    case K_VALUES:
        t->style = FLOE_TEXT_QUOTED;
        break;
    }
    if (header >= 1) {
        floe_column *names_col = floe_column_new(floe_type_get(FLOE_TYPE_STRING));
        floe_column *types_col = floe_column_new(floe_type_get(FLOE_TYPE_STRING));
        floe_buf path = FLOE_BUF_INIT;
        for (size_t i = 0; i < n_cols; i++) {
            floe_buf_clear(&path);
            floe_buf_puts(&path, names[i]);
            add_header_leaves(names_col, types_col, &path, types[i], kind == K_CSV);
        }
        floe_buf_free(&path);
        write_header_line(t, names_col);
        if (header >= 2)
            write_header_line(t, types_col);
        floe_column_free(names_col);
        floe_column_free(types_col);
    }
    if (kind == K_MARKDOWN) {
        /* Names go in as they are; the second line sets each column's
         * alignment the way Pretty aligns it. */
        floe_buf_putc(&t->out, '|');
        for (size_t i = 0; i < n_cols; i++) {
            floe_buf_putc(&t->out, ' ');
            floe_buf_puts(&t->out, names[i]);
            floe_buf_puts(&t->out, " |");
        }
        floe_buf_puts(&t->out, "\n|");
        for (size_t i = 0; i < n_cols; i++)
            floe_buf_puts(&t->out, floe_fmt_align_right(types[i]) ? "-:|" : ":-|");
        floe_buf_putc(&t->out, '\n');
    }
    *state = t;
    return 0;
}

static void write_rawblob_value(text_out *t, const floe_column *c, size_t row)
{
    const floe_type *b = floe_type_base(c->type);
    if (floe_column_is_null(c, row))
        return;
    if (b->id == FLOE_TYPE_STRING) {
        size_t len;
        const char *p = floe_column_string_at(c, row, &len);
        floe_buf_append(&t->out, p, len);
    } else if (b->width) {
        floe_buf_append(&t->out, floe_column_fixed_at(c, row), b->width);
    } else {
        floe_text_write(&t->out, c, row, FLOE_TEXT_PLAIN, &t->s->text);
    }
}

static int text_write(void *state, const floe_block *b)
{
    text_out *t = state;
    const floe_text_options *o = &t->s->text;
    size_t n = t->n_cols;
    if (t->kind == K_NULL)
        return 0;
    for (size_t r = 0; r < b->rows; r++) {
        switch (t->kind) {
        case K_TSV:
        case K_CSV:
            for (size_t c = 0; c < n; c++) {
                if (c)
                    floe_buf_putc(&t->out, t->delim);
                floe_text_write(&t->out, b->cols[c], r, t->style, o);
            }
            floe_buf_putc(&t->out, '\n');
            break;
        case K_TSV_RAW:
            /* Raw values are toString()'s text; NULL stays \N as in TSV. */
            for (size_t c = 0; c < n; c++) {
                if (c)
                    floe_buf_putc(&t->out, t->delim);
                if (floe_column_is_null(b->cols[c], r))
                    floe_buf_append(&t->out, "\\N", 2);
                else
                    floe_text_write(&t->out, b->cols[c], r, t->style, o);
            }
            floe_buf_putc(&t->out, '\n');
            break;
        case K_VALUES:
            if (t->rows)
                floe_buf_putc(&t->out, ',');
            floe_buf_putc(&t->out, '(');
            for (size_t c = 0; c < n; c++) {
                if (c)
                    floe_buf_putc(&t->out, ',');
                floe_text_write(&t->out, b->cols[c], r, t->style, o);
            }
            floe_buf_putc(&t->out, ')');
            break;
        case K_MARKDOWN:
            floe_buf_putc(&t->out, '|');
            for (size_t c = 0; c < n; c++) {
                floe_buf_putc(&t->out, ' ');
                floe_text_write(&t->out, b->cols[c], r, t->style, o);
                floe_buf_puts(&t->out, " |");
            }
            floe_buf_putc(&t->out, '\n');
            break;
        case K_RAWBLOB:
            for (size_t c = 0; c < n; c++)
                write_rawblob_value(t, b->cols[c], r);
            break;
        case K_NULL:
            break;
        }
        t->rows++;
        if (t->out.len >= FLOE_FMT_FLUSH_BYTES && floe_fmt_flush(&t->out, &t->sink, false) < 0)
            return -1;
    }
    return 0;
}

static int text_finish(void *state, const floe_query_stats *stats)
{
    text_out *t = state;
    return floe_fmt_flush(&t->out, &t->sink, true);
}

static void text_free(void *state)
{
    text_out *t = state;
    floe_buf_free(&t->out);
    floe_free(t);
}

#define TEXT_FORMAT(ident, cname, kind, header)                                                    \
    static int start_##ident(void **state, size_t n_cols, const char *const *names,                \
                             const floe_type *const *types, const floe_format_settings *s,         \
                             floe_sink sink)                                                       \
    {                                                                                              \
        return text_start(state, kind, header, n_cols, names, types, s, sink);                     \
    }                                                                                              \
    const floe_output_vtable floe_##ident##_output_vtable = {cname, start_##ident, text_write,     \
                                                             text_finish, text_free};

TEXT_FORMAT(tsv, "TabSeparated", K_TSV, 0)
TEXT_FORMAT(tsv_names, "TabSeparatedWithNames", K_TSV, 1)
TEXT_FORMAT(tsv_names_types, "TabSeparatedWithNamesAndTypes", K_TSV, 2)
TEXT_FORMAT(tsv_raw, "TabSeparatedRaw", K_TSV_RAW, 0)
TEXT_FORMAT(tsv_raw_names, "TabSeparatedRawWithNames", K_TSV_RAW, 1)
TEXT_FORMAT(tsv_raw_names_types, "TabSeparatedRawWithNamesAndTypes", K_TSV_RAW, 2)
TEXT_FORMAT(csv, "CSV", K_CSV, 0)
TEXT_FORMAT(csv_names, "CSVWithNames", K_CSV, 1)
TEXT_FORMAT(csv_names_types, "CSVWithNamesAndTypes", K_CSV, 2)
TEXT_FORMAT(values, "Values", K_VALUES, 0)
TEXT_FORMAT(markdown, "Markdown", K_MARKDOWN, 0)
TEXT_FORMAT(rawblob, "RawBLOB", K_RAWBLOB, 0)
TEXT_FORMAT(null, "Null", K_NULL, 0)
