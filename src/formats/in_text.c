/*
 * Delimited input formats: TabSeparated (escaped fields, \N for NULL), its
 * Raw form, CSV (quoted fields with "" doubling, trimmed unquoted fields) and
 * their WithNames / WithNamesAndTypes forms, whose header maps file columns
 * to the INSERT's columns. Fields are cut and unescaped here; the value in
 * each is parsed by floe_text_parse.
 */
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "formats/in_reader.h"

typedef enum text_in_kind { F_TSV, F_TSV_RAW, F_CSV } text_in_kind;

/* A field of headerless CSV that is an element of a tuple column (CSV
 * writes tuples as separate columns): the path of child indices from the
 * column down to the element, and how many enclosing tuples this field
 * completes (it is their last element). depth 0: the field is the column. */
#define LEAF_MAX_DEPTH 8
typedef struct field_leaf {
    uint8_t depth;
    uint8_t finishes;
    uint8_t path[LEAF_MAX_DEPTH];
} field_leaf;

/* map[i] is the target column of the row's i-th field (-1: skipped);
 * n_fields is how many fields a row has (the header's count, or n_cols). */
typedef struct text_in {
    text_in_kind kind;
    int header; /* 0 none, 1 names, 2 names and types */
    bool header_done;
    char delim;
    floe_rd rd;
    floe_rd_target t;
    size_t n_fields;
    int *map;
    field_leaf *leaves; /* headerless CSV with tuples: where each field goes */
    floe_buf field;
    bool field_null;
    bool field_quoted;
    bool cur_last; /* the field being stored is the row's last */
    bool ends_cr;  /* the TSV field's last byte was a bare \r */
    uint64_t row;
} text_in;

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads one TSV field up to (not including) the tab or line feed. Only
 * strings are unescaped: arrays, tuples and other values are written in TSV
 * in their quoted text form, which floe_text_parse reads as it is. */
static int tsv_field(text_in *x, bool unescape)
{
    floe_rd *r = &x->rd;
    floe_buf_clear(&x->field);
    x->field_null = false;
    x->field_quoted = false;
    bool maybe_null = false;
    bool raw = x->kind == F_TSV_RAW || !unescape;
    x->ends_cr = false;
    for (;;) {
        if (r->pos == r->end && !floe_rd_refill(r))
            break;
        const char *p = r->buf + r->pos, *e = r->buf + r->end, *q = p;
        while (q < e && *q != '\t' && *q != '\n' && (raw || *q != '\\'))
            q++;
        if (q > p) {
            floe_buf_append(&x->field, p, (size_t)(q - p));
            r->pos += (size_t)(q - p);
            x->ends_cr = q[-1] == '\r';
        }
        if (q == e)
            continue;
        if (*q != '\\')
            break;
        r->pos++;
        x->ends_cr = false;
        int c = floe_rd_peek(r);
        if (c < 0) {
            floe_buf_putc(&x->field, '\\');
            break;
        }
        r->pos++;
        char out;
        switch (c) {
        case 'b':
            out = '\b';
            break;
        case 'f':
            out = '\f';
            break;
        case 'n':
            out = '\n';
            break;
        case 'r':
            out = '\r';
            break;
        case 't':
            out = '\t';
            break;
        case '0':
            out = '\0';
            break;
        case 'a':
            out = '\a';
            break;
        case 'v':
            out = '\v';
            break;
        case 'x': {
            int h1 = hexval(floe_rd_peek(r));
            if (h1 < 0) {
                floe_buf_append(&x->field, "\\x", 2);
                continue;
            }
            r->pos++;
            int h2 = hexval(floe_rd_peek(r));
            if (h2 < 0) {
                out = (char)h1;
                break;
            }
            r->pos++;
            out = (char)(h1 * 16 + h2);
            break;
        }
        case 'N':
            if (x->field.len == 0 && !maybe_null) {
                maybe_null = true;
                continue;
            }
            out = 'N';
            break;
        default:
            out = (char)c;
            break;
        }
        floe_buf_putc(&x->field, out);
    }
    if (r->failed)
        return -1;
    if (maybe_null) {
        if (x->field.len == 0) {
            x->field_null = true;
        } else {
            /* "\N" followed by more text is not NULL: keep the text. */
            floe_buf rest = x->field;
            floe_buf fixed = FLOE_BUF_INIT;
            floe_buf_putc(&fixed, 'N');
            floe_buf_append(&fixed, rest.data, rest.len);
            floe_buf_free(&x->field);
            x->field = fixed;
        }
    } else if (raw && x->field.len == 2 && memcmp(x->field.data, "\\N", 2) == 0) {
        x->field_null = true;
    }
    return 0;
}

static bool csv_trim_char(const text_in *x, int c)
{
    return (c == ' ' && x->delim != ' ') || (c == '\t' && x->delim != '\t');
}

/* Reads one CSV field: "quoted" with "" for a quote, or bare up to the
 * delimiter or end of line, trimmed of spaces and tabs. */
static int csv_field(text_in *x)
{
    floe_rd *r = &x->rd;
    floe_buf_clear(&x->field);
    x->field_null = false;
    x->field_quoted = false;
    int c;
    while (csv_trim_char(x, c = floe_rd_peek(r)))
        r->pos++;
    if (c == '"') {
        x->field_quoted = true;
        r->pos++;
        for (;;) {
            if (r->pos == r->end && !floe_rd_refill(r)) {
                if (r->failed)
                    return -1;
                return floe_rd_expected(r, "\"", x->row);
            }
            const char *p = r->buf + r->pos, *e = r->buf + r->end;
            const char *q = memchr(p, '"', (size_t)(e - p));
            if (!q) {
                floe_buf_append(&x->field, p, (size_t)(e - p));
                r->pos = r->end;
                continue;
            }
            floe_buf_append(&x->field, p, (size_t)(q - p));
            r->pos += (size_t)(q - p) + 1;
            if (floe_rd_peek(r) == '"') {
                floe_buf_putc(&x->field, '"');
                r->pos++;
                continue;
            }
            break;
        }
        while (csv_trim_char(x, floe_rd_peek(r)))
            r->pos++;
        return r->failed ? -1 : 0;
    }
    for (;;) {
        if (r->pos == r->end && !floe_rd_refill(r))
            break;
        const char *p = r->buf + r->pos, *e = r->buf + r->end, *q = p;
        while (q < e && *q != x->delim && *q != '\n' && *q != '\r')
            q++;
        floe_buf_append(&x->field, p, (size_t)(q - p));
        r->pos += (size_t)(q - p);
        if (q < e)
            break;
    }
    if (r->failed)
        return -1;
    while (x->field.len && csv_trim_char(x, x->field.data[x->field.len - 1]))
        x->field.len--;
    if (x->field.data)
        x->field.data[x->field.len] = '\0';
    if (x->field.len == 2 && memcmp(x->field.data, "\\N", 2) == 0)
        x->field_null = true;
    return 0;
}

static bool is_text_type(const floe_type *t)
{
    floe_type_id id = floe_type_base(t)->id;
    return id == FLOE_TYPE_STRING || id == FLOE_TYPE_FIXEDSTRING || id == FLOE_TYPE_ENUM8 ||
           id == FLOE_TYPE_ENUM16;
}

/* Reads field i of a row (i < 0: a header field, always text). */
static int read_field(text_in *x, long i)
{
    if (x->kind == F_CSV)
        return csv_field(x);
    bool unescape = i < 0 || x->map[i] < 0 || is_text_type(x->t.types[x->map[i]]);
    return tsv_field(x, unescape);
}

/* Consumes what follows field i: the delimiter, or the end of the line. */
static int field_end(text_in *x, size_t i, size_t n)
{
    floe_rd *r = &x->rd;
    int c = floe_rd_peek(r);
    if (r->failed)
        return -1;
    if (i + 1 < n) {
        if (c != x->delim) {
            char d[2] = {x->delim, 0};
            return floe_rd_expected(r, d, x->row);
        }
        r->pos++;
        return 0;
    }
    if (c < 0)
        return 0;
    if (x->kind == F_CSV) {
        if (c == '\r') {
            r->pos++;
            if (floe_rd_peek(r) == '\n')
                r->pos++;
            return 0;
        }
        if (c == '\n') {
            r->pos++;
            return 0;
        }
        return floe_error(FLOE_ERR_INCORRECT_DATA, "Expected end of line: (at row %llu)",
                          (unsigned long long)x->row);
    }
    if (c != '\n')
        return floe_rd_expected(r, "\n", x->row);
    r->pos++;
    return 0;
}

/* For a number type, how much of p ClickHouse's number reader accepts;
 * (size_t)-1 for other types. */
static size_t number_prefix(const floe_type *b, const char *p, size_t n)
{
    bool is_float = b->id == FLOE_TYPE_FLOAT32 || b->id == FLOE_TYPE_FLOAT64 ||
                    b->id == FLOE_TYPE_DECIMAL32 || b->id == FLOE_TYPE_DECIMAL64 ||
                    b->id == FLOE_TYPE_DECIMAL128;
    if (!is_float && !floe_type_is_integer(b))
        return (size_t)-1;
    size_t i = 0;
    if (i < n && (p[i] == '-' || p[i] == '+'))
        i++;
    size_t digits_from = i;
    while (i < n && p[i] >= '0' && p[i] <= '9')
        i++;
    if (is_float && i < n && p[i] == '.') {
        i++;
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++;
    }
    if (i == digits_from)
        return 0;
    if (is_float && i < n && (p[i] == 'e' || p[i] == 'E')) {
        size_t j = i + 1;
        if (j < n && (p[j] == '-' || p[j] == '+'))
            j++;
        if (j < n && p[j] >= '0' && p[j] <= '9') {
            while (j < n && p[j] >= '0' && p[j] <= '9')
                j++;
            i = j;
        }
    }
    return i == n ? (size_t)-1 : i;
}

static void finish_tuple_row(floe_column *c)
{
    floe_column_reserve(c, 1, 0);
    if (c->nulls)
        c->nulls[c->rows] = 0;
    c->rows++;
}

static int store_value(text_in *x, int col, floe_column *c);

static int store_field(text_in *x, size_t i)
{
    int col = x->map[i];
    if (col < 0)
        return 0;
    floe_column *c = x->t.block->cols[col];
    if (!x->leaves || x->leaves[i].depth == 0)
        return store_value(x, col, c);
    const field_leaf *lf = &x->leaves[i];
    floe_column *chain[LEAF_MAX_DEPTH + 1];
    chain[0] = c;
    for (uint8_t d = 0; d < lf->depth; d++)
        chain[d + 1] = chain[d]->children[lf->path[d]];
    if (store_value(x, col, chain[lf->depth]) < 0)
        return -1;
    for (uint8_t f = 1; f <= lf->finishes; f++)
        finish_tuple_row(chain[lf->depth - f]);
    return 0;
}

static int store_value(text_in *x, int col, floe_column *c)
{
    const floe_format_settings *s = x->t.s;
    const floe_type *b = floe_type_base(c->type);
    x->t.seen[col] = 1;
    if (x->field_null) {
        floe_rd_push_default(c);
        return 0;
    }
    if (x->field.len == 0 && !x->field_quoted && (x->kind == F_CSV || b->id != FLOE_TYPE_STRING)) {
        /* An empty bare field is the default (NULL for Nullable) in CSV. */
        if (x->kind == F_CSV ? s->csv_empty_as_default : s->tsv_empty_as_default) {
            floe_rd_push_default(c);
            return 0;
        }
        if (x->kind != F_CSV && b->id != FLOE_TYPE_FIXEDSTRING) {
            /* An empty TSV field reads as the type's zero value. */
            floe_column_push_default(c);
            return 0;
        }
    }
    if (b->id == FLOE_TYPE_STRING) {
        floe_column_push_string(c, x->field.data ? x->field.data : "", x->field.len);
        return 0;
    }
    if (floe_rd_parse_value(&x->t, (size_t)col, c, x->field.data ? x->field.data : "",
                            x->field.len) < 0) {
        size_t ok = number_prefix(b, x->field.data, x->field.len);
        if (ok == (size_t)-1)
            return floe_rd_at_row(x->row);
        /* ClickHouse reads a number as far as it goes and then expects the
         * delimiter: say so, quoting from where the number stopped. */
        char d[2] = {x->cur_last ? '\n' : x->delim, 0};
        return floe_rd_expected_after(&x->rd, d, x->field.data + ok, x->field.len - ok, x->row);
    }
    return 0;
}

/* A TSV line ending in \r\n: ClickHouse refuses it with this advice. */
static int crlf_error(text_in *x, const char *where)
{
    return floe_error(FLOE_ERR_INCORRECT_DATA,
                      "\nYou have carriage return (\\r, 0x0D, ASCII 13) at end of first row.\n"
                      "It's like your input data has DOS/Windows style line separators, that are "
                      "illegal in TabSeparated format. You must transform your file to Unix "
                      "format.\nBut if you really need carriage return at end of string value of "
                      "last column, you need to escape it as \\r\nor else enable setting "
                      "'input_format_tsv_crlf_end_of_line': %s",
                      where);
}

static int read_header(text_in *x)
{
    floe_rd *r = &x->rd;
    x->header_done = true;
    floe_rd_skip_bom(r);
    if (floe_rd_peek(r) < 0)
        return r->failed ? -1 : 0;
    /* Names: every field of the first line. */
    size_t cap = 0;
    x->n_fields = 0;
    floe_free(x->map);
    x->map = NULL;
    uint8_t *used = floe_calloc(x->t.n_cols ? x->t.n_cols : 1, 1);
    int rc = -1;
    for (;;) {
        if (read_field(x, -1) < 0)
            goto done;
        if (x->kind != F_CSV && x->ends_cr && floe_rd_peek(r) != '\t') {
            crlf_error(x, "(while reading header)");
            goto done;
        }
        FLOE_GROW(x->map, cap, x->n_fields + 1);
        const char *name = x->field.data ? x->field.data : "";
        int col = floe_rd_target_find(&x->t, name, x->field.len);
        if (col < 0 && !x->t.s->input_skip_unknown_fields) {
            floe_error(FLOE_ERR_INCORRECT_DATA,
                       "Unknown field found in format header: '%s' at position %zu\nSet the "
                       "'input_format_skip_unknown_fields' parameter explicitly to ignore and "
                       "proceed: (while reading header)",
                       name, x->n_fields);
            goto done;
        }
        if (col >= 0 && used[col]) {
            floe_error(FLOE_ERR_INCORRECT_DATA,
                       "Duplicate field found while parsing format header: %s: (while reading "
                       "header)",
                       name);
            goto done;
        }
        if (col >= 0)
            used[col] = 1;
        x->map[x->n_fields++] = col;
        int c = floe_rd_peek(r);
        if (c == x->delim) {
            r->pos++;
            continue;
        }
        if (c == '\r' && x->kind == F_CSV) {
            r->pos++;
            c = floe_rd_peek(r);
        }
        if (c == '\n')
            r->pos++;
        else if (c >= 0) {
            floe_rd_expected(r, "\n", 1);
            goto done;
        }
        break;
    }
    if (x->header >= 2) {
        for (size_t i = 0; i < x->n_fields; i++) {
            if (read_field(x, -1) < 0 || field_end(x, i, x->n_fields) < 0)
                goto done;
            int col = x->map[i];
            if (col < 0)
                continue;
            const char *tn = x->t.types[col]->name;
            if (strlen(tn) != x->field.len || memcmp(tn, x->field.data, x->field.len) != 0) {
                floe_error(FLOE_ERR_INCORRECT_DATA,
                           "Type of '%s' must be %s, not %s: (while reading header)",
                           x->t.names[col], tn, x->field.data ? x->field.data : "");
                goto done;
            }
        }
    }
    rc = 0;
done:
    floe_free(used);
    return rc;
}

/* Lays out the fields of a tuple column for headerless CSV, depth first. */
static void add_leaves(text_in *x, int col, const floe_type *t, uint8_t *path, uint8_t depth,
                       size_t *cap)
{
    const floe_type *b = floe_type_base(t);
    if (b->id == FLOE_TYPE_TUPLE && b->n_elems && depth < LEAF_MAX_DEPTH) {
        for (size_t k = 0; k < b->n_elems; k++) {
            path[depth] = (uint8_t)k;
            add_leaves(x, col, b->elems[k], path, (uint8_t)(depth + 1), cap);
        }
        x->leaves[x->n_fields - 1].finishes++;
        return;
    }
    size_t lcap = *cap;
    FLOE_GROW(x->map, *cap, x->n_fields + 1);
    if (*cap != lcap || !x->leaves) {
        x->leaves = floe_realloc(x->leaves, *cap * sizeof *x->leaves);
    }
    field_leaf *lf = &x->leaves[x->n_fields];
    memset(lf, 0, sizeof *lf);
    lf->depth = depth;
    memcpy(lf->path, path, depth);
    x->map[x->n_fields++] = col;
}

static int text_in_start(void **state, text_in_kind kind, int header, size_t n_cols,
                         const char *const *names, const floe_type *const *types,
                         const floe_format_settings *s, floe_source src)
{
    text_in *x = floe_calloc(1, sizeof *x);
    x->kind = kind;
    x->header = header;
    x->delim = kind == F_CSV ? (s->csv_delimiter ? s->csv_delimiter : ',') : '\t';
    floe_rd_init(&x->rd, src);
    floe_rd_target_init(&x->t, n_cols, names, types, s);
    x->n_fields = n_cols;
    x->map = floe_calloc(n_cols ? n_cols : 1, sizeof *x->map);
    for (size_t i = 0; i < n_cols; i++)
        x->map[i] = (int)i;
    if (kind == F_CSV && !header) {
        bool has_tuple = false;
        for (size_t i = 0; i < n_cols; i++)
            if (floe_type_base(types[i])->id == FLOE_TYPE_TUPLE)
                has_tuple = true;
        if (has_tuple) {
            size_t cap = 0;
            uint8_t path[LEAF_MAX_DEPTH];
            x->n_fields = 0;
            for (size_t i = 0; i < n_cols; i++)
                add_leaves(x, (int)i, types[i], path, 0, &cap);
        }
    }
    *state = x;
    return 0;
}

static int text_in_read(void *state, floe_block **out, size_t max_rows)
{
    text_in *x = state;
    *out = NULL;
    if (x->header && !x->header_done && read_header(x) < 0)
        return -1;
    floe_rd_target_new_block(&x->t);
    while (x->t.block->rows < max_rows) {
        if (floe_rd_peek(&x->rd) < 0) {
            if (x->rd.failed)
                return -1;
            break;
        }
        x->row++;
        for (size_t i = 0; i < x->n_fields; i++) {
            x->cur_last = i + 1 == x->n_fields;
            if (read_field(x, (long)i) < 0)
                return -1;
            if (x->cur_last && x->kind != F_CSV && x->ends_cr) {
                char where[48];
                snprintf(where, sizeof where, "(at row %llu)", (unsigned long long)x->row);
                return crlf_error(x, where);
            }
            if (store_field(x, i) < 0 || field_end(x, i, x->n_fields) < 0)
                return -1;
        }
        floe_rd_target_finish_row(&x->t);
    }
    *out = floe_rd_target_take(&x->t);
    return 0;
}

static void text_in_free(void *state)
{
    text_in *x = state;
    floe_rd_free(&x->rd);
    floe_rd_target_free(&x->t);
    floe_free(x->map);
    floe_free(x->leaves);
    floe_buf_free(&x->field);
    floe_free(x);
}

#define TEXT_INPUT(ident, cname, kind, header)                                                     \
    static int start_##ident(void **state, size_t n_cols, const char *const *names,                \
                             const floe_type *const *types, const floe_format_settings *s,         \
                             floe_source src)                                                      \
    {                                                                                              \
        return text_in_start(state, kind, header, n_cols, names, types, s, src);                   \
    }                                                                                              \
    const floe_input_vtable floe_##ident##_input_vtable = {cname, start_##ident, text_in_read,     \
                                                           text_in_free};

TEXT_INPUT(tsv, "TabSeparated", F_TSV, 0)
TEXT_INPUT(tsv_names, "TabSeparatedWithNames", F_TSV, 1)
TEXT_INPUT(tsv_names_types, "TabSeparatedWithNamesAndTypes", F_TSV, 2)
TEXT_INPUT(tsv_raw, "TabSeparatedRaw", F_TSV_RAW, 0)
TEXT_INPUT(tsv_raw_names, "TabSeparatedRawWithNames", F_TSV_RAW, 1)
TEXT_INPUT(tsv_raw_names_types, "TabSeparatedRawWithNamesAndTypes", F_TSV_RAW, 2)
TEXT_INPUT(csv, "CSV", F_CSV, 0)
TEXT_INPUT(csv_names, "CSVWithNames", F_CSV, 1)
TEXT_INPUT(csv_names_types, "CSVWithNamesAndTypes", F_CSV, 2)
