/*
 * JSONEachRow input: one JSON object per row (whitespace or commas between
 * them, or all inside one [ ] array), keys mapped to the INSERT's columns;
 * missing keys get defaults and unknown keys are skipped when
 * input_format_skip_unknown_fields is on (ClickHouse 26.7's default).
 * JSONCompactEachRow rows are arrays of the columns in order (or in the
 * order of its header row). Arrays and tuples fill their nested columns;
 * scalars go to floe_text_parse.
 */
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "formats/in_reader.h"

/* started: the first byte was looked at (it decides array mode);
 * finished: the closing ] of array mode was read. */
typedef struct json_in {
    floe_rd rd;
    floe_rd_target t;
    floe_buf key;
    floe_buf str;
    floe_buf raw;
    uint64_t row;
    bool started, array_mode, finished;
    /* JSONCompactEachRow: rows are arrays; map[i] is the target column of
     * element i (-1 skips it), from the header row when there is one. */
    bool compact;
    int header; /* 0 none, 1 names, 2 names and types */
    bool header_done;
    int *map;
    size_t n_fields;
} json_in;

static int eof_error(json_in *x)
{
    if (x->rd.failed)
        return -1;
    return floe_error(FLOE_ERR_CANNOT_READ_ALL_DATA,
                      "Unexpected end of stream while parsing JSONEachRow format: (at row %llu)",
                      (unsigned long long)x->row);
}

/* An unexpected byte c where `what` should be: end of input or a syntax
 * error. */
static int unexpected(json_in *x, int c, const char *what)
{
    if (c < 0)
        return eof_error(x);
    return floe_rd_expected(&x->rd, what, x->row);
}

static int expect_char(json_in *x, char c)
{
    int got = floe_rd_skip_ws(&x->rd);
    if (got < 0)
        return eof_error(x);
    if (got != (unsigned char)c) {
        char s[2] = {c, 0};
        return floe_rd_expected(&x->rd, s, x->row);
    }
    x->rd.pos++;
    return 0;
}

static void put_utf8(floe_buf *b, uint32_t cp)
{
    if (cp < 0x80) {
        floe_buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        floe_buf_putc(b, (char)(0xC0 | (cp >> 6)));
        floe_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        floe_buf_putc(b, (char)(0xE0 | (cp >> 12)));
        floe_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        floe_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else {
        floe_buf_putc(b, (char)(0xF0 | (cp >> 18)));
        floe_buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
        floe_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        floe_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    }
}

static int read_hex4(json_in *x, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int c = floe_rd_peek(&x->rd);
        int h = (c >= '0' && c <= '9')   ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                         : -1;
        if (h < 0)
            return floe_error(FLOE_ERR_CANNOT_PARSE_ESCAPE_SEQUENCE,
                              "Cannot parse escape sequence: (at row %llu)",
                              (unsigned long long)x->row);
        x->rd.pos++;
        v = v * 16 + (uint32_t)h;
    }
    *out = v;
    return 0;
}

/* Reads a JSON string (the opening quote is next) into out, unescaped; a
 * copy of the raw bytes goes to raw when given. */
static int read_string(json_in *x, floe_buf *out, floe_buf *raw)
{
    floe_rd *r = &x->rd;
    floe_buf_clear(out);
    r->pos++;
    if (raw)
        floe_buf_putc(raw, '"');
    for (;;) {
        if (r->pos == r->end && !floe_rd_refill(r))
            return eof_error(x);
        const char *p = r->buf + r->pos, *e = r->buf + r->end, *q = p;
        while (q < e && *q != '"' && *q != '\\')
            q++;
        floe_buf_append(out, p, (size_t)(q - p));
        if (raw)
            floe_buf_append(raw, p, (size_t)(q - p));
        r->pos += (size_t)(q - p);
        if (q == e)
            continue;
        r->pos++;
        if (*q == '"') {
            if (raw)
                floe_buf_putc(raw, '"');
            return 0;
        }
        int c = floe_rd_peek(r);
        if (c < 0)
            return eof_error(x);
        r->pos++;
        if (raw) {
            floe_buf_putc(raw, '\\');
            floe_buf_putc(raw, (char)c);
        }
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
        case 'u': {
            uint32_t cp;
            size_t before = raw ? raw->len : 0;
            if (read_hex4(x, &cp) < 0)
                return -1;
            if (cp >= 0xD800 && cp <= 0xDBFF && floe_rd_peek(r) == '\\') {
                r->pos++;
                if (floe_rd_peek(r) == 'u') {
                    r->pos++;
                    uint32_t lo;
                    if (read_hex4(x, &lo) < 0)
                        return -1;
                    if (lo >= 0xDC00 && lo <= 0xDFFF)
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
            }
            (void)before;
            put_utf8(out, cp);
            break;
        }
        default:
            floe_buf_putc(out, (char)c);
            break;
        }
    }
}

/* A bare token: number, true, false, null. */
static void read_token(json_in *x, floe_buf *out)
{
    floe_rd *r = &x->rd;
    floe_buf_clear(out);
    for (;;) {
        int c = floe_rd_peek(r);
        if (c < 0 || c == ',' || c == ']' || c == '}' || c == ':' || c == ' ' || c == '\t' ||
            c == '\n' || c == '\r' || c == '"' || c == '[' || c == '{')
            break;
        floe_buf_putc(out, (char)c);
        r->pos++;
    }
}

/* Skips one JSON value, copying its text to raw when given. */
static int skip_value(json_in *x, floe_buf *raw, int depth)
{
    floe_rd *r = &x->rd;
    int c = floe_rd_skip_ws(r);
    if (depth > 1000)
        return floe_error(FLOE_ERR_INCORRECT_DATA, "JSON is nested too deeply: (at row %llu)",
                          (unsigned long long)x->row);
    if (c == '"')
        return read_string(x, &x->str, raw);
    if (c == '[' || c == '{') {
        char close = c == '[' ? ']' : '}';
        r->pos++;
        if (raw)
            floe_buf_putc(raw, (char)c);
        c = floe_rd_skip_ws(r);
        if (c == close) {
            r->pos++;
            if (raw)
                floe_buf_putc(raw, close);
            return 0;
        }
        for (;;) {
            if (close == '}') {
                int k = floe_rd_skip_ws(r);
                if (k != '"')
                    return unexpected(x, k, "\"");
                if (read_string(x, &x->str, raw) < 0 || expect_char(x, ':') < 0)
                    return -1;
                if (raw)
                    floe_buf_putc(raw, ':');
            }
            if (skip_value(x, raw, depth + 1) < 0)
                return -1;
            c = floe_rd_skip_ws(r);
            if (c == ',') {
                r->pos++;
                if (raw)
                    floe_buf_putc(raw, ',');
                continue;
            }
            if (c == close) {
                r->pos++;
                if (raw)
                    floe_buf_putc(raw, close);
                return 0;
            }
            char s[2] = {close, 0};
            return unexpected(x, c, s);
        }
    }
    if (c < 0)
        return eof_error(x);
    floe_buf tok = FLOE_BUF_INIT;
    read_token(x, &tok);
    int rc = 0;
    if (tok.len == 0)
        rc = floe_error(FLOE_ERR_INCORRECT_DATA,
                        "Cannot parse JSON value: unexpected character: (at row %llu)",
                        (unsigned long long)x->row);
    else if (raw)
        floe_buf_append(raw, tok.data, tok.len);
    floe_buf_free(&tok);
    return rc;
}

static int parse_scalar(json_in *x, floe_column *c, const char *p, size_t n)
{
    const floe_type *b = floe_type_base(c->type);
    if (b->id == FLOE_TYPE_STRING) {
        floe_column_push_string(c, p, n);
        return 0;
    }
    if (floe_text_parse(c, p, n, &x->t.s->text) < 0)
        return floe_rd_at_row(x->row);
    return 0;
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

/* Reads one JSON value into column c. */
static int read_value(json_in *x, floe_column *c, int depth)
{
    floe_rd *r = &x->rd;
    const floe_type *b = floe_type_base(c->type);
    int ch = floe_rd_skip_ws(r);
    if (depth > 1000)
        return floe_error(FLOE_ERR_INCORRECT_DATA, "JSON is nested too deeply: (at row %llu)",
                          (unsigned long long)x->row);
    if (ch == '"') {
        if (read_string(x, &x->str, NULL) < 0)
            return -1;
        return parse_scalar(x, c, x->str.data ? x->str.data : "", x->str.len);
    }
    if ((ch == '[' || ch == '{') && b->id == FLOE_TYPE_STRING) {
        /* Objects and arrays read into a String column as their JSON text. */
        floe_buf_clear(&x->raw);
        if (skip_value(x, &x->raw, depth) < 0)
            return -1;
        floe_column_push_string(c, x->raw.data ? x->raw.data : "", x->raw.len);
        return 0;
    }
    if (ch == '[' && (b->id == FLOE_TYPE_ARRAY || b->id == FLOE_TYPE_TUPLE)) {
        r->pos++;
        size_t k = 0;
        int c2 = floe_rd_skip_ws(r);
        if (c2 == ']') {
            r->pos++;
        } else {
            for (;;) {
                if (b->id == FLOE_TYPE_TUPLE) {
                    if (k >= b->n_elems)
                        return floe_rd_expected(r, "]", x->row);
                    if (read_value(x, c->children[k], depth + 1) < 0)
                        return -1;
                } else if (read_value(x, c->children[0], depth + 1) < 0) {
                    return -1;
                }
                k++;
                c2 = floe_rd_skip_ws(r);
                if (c2 == ',') {
                    r->pos++;
                    continue;
                }
                if (c2 == ']') {
                    r->pos++;
                    break;
                }
                return unexpected(x, c2, ",");
            }
        }
        if (b->id == FLOE_TYPE_TUPLE && k != b->n_elems)
            return floe_error(FLOE_ERR_INCORRECT_DATA,
                              "Cannot parse tuple: expected %zu elements, got %zu: (at row %llu)",
                              b->n_elems, k, (unsigned long long)x->row);
        finish_nested_row(c, b->id == FLOE_TYPE_ARRAY);
        return 0;
    }
    if (ch == '{' && b->id == FLOE_TYPE_TUPLE && b->elem_names) {
        r->pos++;
        uint8_t *set = floe_calloc(b->n_elems ? b->n_elems : 1, 1);
        int rc = -1;
        int c2 = floe_rd_skip_ws(r);
        if (c2 == '}') {
            r->pos++;
        } else {
            for (;;) {
                if (floe_rd_skip_ws(r) != '"') {
                    floe_rd_expected(r, "\"", x->row);
                    goto tuple_done;
                }
                floe_buf name = FLOE_BUF_INIT;
                if (read_string(x, &name, NULL) < 0 || expect_char(x, ':') < 0) {
                    floe_buf_free(&name);
                    goto tuple_done;
                }
                size_t k = 0;
                for (; k < b->n_elems; k++)
                    if (b->elem_names[k] && strlen(b->elem_names[k]) == name.len &&
                        memcmp(b->elem_names[k], name.data, name.len) == 0)
                        break;
                floe_buf_free(&name);
                if (k < b->n_elems && !set[k]) {
                    if (read_value(x, c->children[k], depth + 1) < 0)
                        goto tuple_done;
                    set[k] = 1;
                } else if (skip_value(x, NULL, depth + 1) < 0) {
                    goto tuple_done;
                }
                c2 = floe_rd_skip_ws(r);
                if (c2 == ',') {
                    r->pos++;
                    continue;
                }
                if (c2 == '}') {
                    r->pos++;
                    break;
                }
                floe_rd_expected(r, ",", x->row);
                goto tuple_done;
            }
        }
        for (size_t k = 0; k < b->n_elems; k++)
            if (!set[k])
                floe_rd_push_default(c->children[k]);
        finish_nested_row(c, false);
        rc = 0;
    tuple_done:
        floe_free(set);
        return rc;
    }
    if (ch == '[' || ch == '{')
        return floe_error(FLOE_ERR_INCORRECT_DATA, "Cannot read %s from JSON %s: (at row %llu)",
                          c->type->name, ch == '[' ? "array" : "object",
                          (unsigned long long)x->row);
    floe_buf_clear(&x->str);
    read_token(x, &x->str);
    if (x->str.len == 0) {
        if (ch < 0)
            return floe_rd_expected(r, "value", x->row);
        return floe_error(FLOE_ERR_INCORRECT_DATA,
                          "Cannot parse JSON value: unexpected character '%c': (at row %llu)", ch,
                          (unsigned long long)x->row);
    }
    if (x->str.len == 4 && memcmp(x->str.data, "null", 4) == 0) {
        floe_rd_push_default(c);
        return 0;
    }
    return parse_scalar(x, c, x->str.data, x->str.len);
}

static int read_object(json_in *x)
{
    floe_rd *r = &x->rd;
    floe_rd_target *t = &x->t;
    r->pos++; /* { */
    int c = floe_rd_skip_ws(r);
    if (c == '}') {
        r->pos++;
        return 0;
    }
    int guess = 0;
    for (;;) {
        int q = floe_rd_skip_ws(r);
        if (q != '"')
            return unexpected(x, q, "\"");
        if (read_string(x, &x->key, NULL) < 0 || expect_char(x, ':') < 0)
            return -1;
        const char *k = x->key.data ? x->key.data : "";
        int col = -1;
        /* Keys usually come in column order: try the next column first. */
        if (guess < (int)t->n_cols && strlen(t->names[guess]) == x->key.len &&
            memcmp(t->names[guess], k, x->key.len) == 0)
            col = guess;
        else
            col = floe_rd_target_find(t, k, x->key.len);
        if (col >= 0 && t->seen[col]) {
            /* A repeated key: ClickHouse keeps the first value. */
            if (skip_value(x, NULL, 0) < 0)
                return -1;
        } else if (col < 0) {
            if (!t->s->input_skip_unknown_fields)
                return floe_error(FLOE_ERR_INCORRECT_DATA,
                                  "Unknown field found while parsing JSONEachRow format: %s: (at "
                                  "row %llu)",
                                  k, (unsigned long long)x->row);
            if (skip_value(x, NULL, 0) < 0)
                return -1;
        } else {
            if (read_value(x, t->block->cols[col], 0) < 0)
                return -1;
            t->seen[col] = 1;
            guess = col + 1;
        }
        c = floe_rd_skip_ws(r);
        if (c == ',') {
            r->pos++;
            continue;
        }
        if (c == '}') {
            r->pos++;
            return 0;
        }
        return unexpected(x, c, ",");
    }
}

/* One JSONCompactEachRow row: [v1, v2, ...] positional through map. */
static int read_compact_row(json_in *x)
{
    floe_rd *r = &x->rd;
    r->pos++; /* [ */
    size_t i = 0;
    int c = floe_rd_skip_ws(r);
    if (c == ']' && x->n_fields == 0) {
        r->pos++;
        return 0;
    }
    for (;;) {
        if (i >= x->n_fields)
            return floe_rd_expected(r, "]", x->row);
        int col = x->map[i];
        if (col < 0) {
            if (skip_value(x, NULL, 0) < 0)
                return -1;
        } else {
            if (read_value(x, x->t.block->cols[col], 0) < 0)
                return -1;
            x->t.seen[col] = 1;
        }
        i++;
        c = floe_rd_skip_ws(r);
        if (c == ',' && i < x->n_fields) {
            r->pos++;
            continue;
        }
        if (c == ']' && i == x->n_fields) {
            r->pos++;
            return 0;
        }
        return unexpected(x, c, i < x->n_fields ? "," : "]");
    }
}

/* The header rows of JSONCompactEachRowWithNames[AndTypes]. */
static int read_compact_header(json_in *x)
{
    floe_rd *r = &x->rd;
    x->header_done = true;
    floe_rd_skip_bom(r);
    int c = floe_rd_skip_ws(r);
    if (c < 0)
        return r->failed ? -1 : 0;
    if (c != '[')
        return floe_rd_expected(r, "[", 1);
    r->pos++;
    size_t cap = 0;
    x->n_fields = 0;
    uint8_t *used = floe_calloc(x->t.n_cols ? x->t.n_cols : 1, 1);
    int rc = -1;
    c = floe_rd_skip_ws(r);
    while (c != ']') {
        if (c != '"') {
            unexpected(x, c, "\"");
            goto done;
        }
        if (read_string(x, &x->key, NULL) < 0)
            goto done;
        const char *name = x->key.data ? x->key.data : "";
        int col = floe_rd_target_find(&x->t, name, x->key.len);
        if (col < 0 && !x->t.s->input_skip_unknown_fields) {
            floe_error(FLOE_ERR_INCORRECT_DATA,
                       "Unknown field found in format header: '%s' at position %zu\nSet the "
                       "'input_format_skip_unknown_fields' parameter explicitly to ignore and "
                       "proceed: (while reading header)",
                       name, x->n_fields);
            goto done;
        }
        if (col >= 0 && used[col])
            col = -1;
        if (col >= 0)
            used[col] = 1;
        FLOE_GROW(x->map, cap, x->n_fields + 1);
        x->map[x->n_fields++] = col;
        c = floe_rd_skip_ws(r);
        if (c == ',') {
            r->pos++;
            c = floe_rd_skip_ws(r);
        } else if (c != ']') {
            unexpected(x, c, ",");
            goto done;
        }
    }
    r->pos++;
    if (x->header >= 2) {
        if (expect_char(x, '[') < 0)
            goto done;
        for (size_t i = 0; i < x->n_fields; i++) {
            if (i && expect_char(x, ',') < 0)
                goto done;
            c = floe_rd_skip_ws(r);
            if (c != '"') {
                unexpected(x, c, "\"");
                goto done;
            }
            if (read_string(x, &x->key, NULL) < 0)
                goto done;
            int col = x->map[i];
            if (col < 0)
                continue;
            const char *tn = x->t.types[col]->name;
            if (strlen(tn) != x->key.len || memcmp(tn, x->key.data, x->key.len) != 0) {
                floe_error(FLOE_ERR_INCORRECT_DATA,
                           "Type of '%s' must be %s, not %s: (while reading header)",
                           x->t.names[col], tn, x->key.data ? x->key.data : "");
                goto done;
            }
        }
        if (expect_char(x, ']') < 0)
            goto done;
    }
    rc = 0;
done:
    floe_free(used);
    return rc;
}

static int json_start_common(void **state, bool compact, int header, size_t n_cols,
                             const char *const *names, const floe_type *const *types,
                             const floe_format_settings *s, floe_source src)
{
    json_in *x = floe_calloc(1, sizeof *x);
    floe_rd_init(&x->rd, src);
    floe_rd_target_init(&x->t, n_cols, names, types, s);
    x->compact = compact;
    x->header = header;
    x->n_fields = n_cols;
    x->map = floe_calloc(n_cols ? n_cols : 1, sizeof *x->map);
    for (size_t i = 0; i < n_cols; i++)
        x->map[i] = (int)i;
    *state = x;
    return 0;
}

static int compact_read(void *state, floe_block **out, size_t max_rows)
{
    json_in *x = state;
    floe_rd *r = &x->rd;
    *out = NULL;
    if (x->header && !x->header_done && read_compact_header(x) < 0)
        return -1;
    if (!x->started) {
        x->started = true;
        floe_rd_skip_bom(r);
    }
    floe_rd_target_new_block(&x->t);
    while (x->t.block->rows < max_rows) {
        int c = floe_rd_skip_ws(r);
        if (c < 0) {
            if (r->failed)
                return -1;
            break;
        }
        x->row++;
        if (c != '[')
            return floe_rd_expected(r, "[", x->row);
        if (read_compact_row(x) < 0)
            return -1;
        floe_rd_target_finish_row(&x->t);
    }
    *out = floe_rd_target_take(&x->t);
    return 0;
}

static int json_in_read(void *state, floe_block **out, size_t max_rows)
{
    json_in *x = state;
    floe_rd *r = &x->rd;
    *out = NULL;
    floe_rd_target_new_block(&x->t);
    while (!x->finished && x->t.block->rows < max_rows) {
        int c = floe_rd_skip_ws(r);
        if (r->failed)
            return -1;
        if (!x->started) {
            x->started = true;
            floe_rd_skip_bom(r);
            c = floe_rd_skip_ws(r);
            if (c == '[') {
                x->array_mode = true;
                r->pos++;
                c = floe_rd_skip_ws(r);
            }
        }
        if (x->row > 0 && c == ',') {
            r->pos++;
            c = floe_rd_skip_ws(r);
        }
        if (x->array_mode && c == ']') {
            r->pos++;
            x->finished = true;
            break;
        }
        if (c < 0) {
            if (r->failed)
                return -1;
            if (x->array_mode)
                return floe_rd_expected(r, "]", x->row + 1);
            break;
        }
        x->row++;
        if (c != '{')
            return floe_rd_expected(r, "{", x->row);
        if (read_object(x) < 0)
            return -1;
        floe_rd_target_finish_row(&x->t);
    }
    *out = floe_rd_target_take(&x->t);
    return 0;
}

static void json_in_free(void *state)
{
    json_in *x = state;
    floe_rd_free(&x->rd);
    floe_rd_target_free(&x->t);
    floe_buf_free(&x->key);
    floe_buf_free(&x->str);
    floe_buf_free(&x->raw);
    floe_free(x->map);
    floe_free(x);
}

#define JSON_INPUT(ident, cname, read, compact, header)                                            \
    static int start_##ident(void **state, size_t n_cols, const char *const *names,                \
                             const floe_type *const *types, const floe_format_settings *s,         \
                             floe_source src)                                                      \
    {                                                                                              \
        return json_start_common(state, compact, header, n_cols, names, types, s, src);            \
    }                                                                                              \
    const floe_input_vtable floe_##ident##_input_vtable = {cname, start_##ident, read,             \
                                                           json_in_free};

JSON_INPUT(json_each_row, "JSONEachRow", json_in_read, false, 0)
JSON_INPUT(json_compact_each_row, "JSONCompactEachRow", compact_read, true, 0)
JSON_INPUT(json_compact_each_row_names, "JSONCompactEachRowWithNames", compact_read, true, 1)
JSON_INPUT(json_compact_each_row_names_types, "JSONCompactEachRowWithNamesAndTypes", compact_read,
           true, 2)
