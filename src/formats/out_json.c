/*
 * JSON output formats: JSONEachRow, JSONCompactEachRow (WithNames,
 * WithNamesAndTypes), their Strings forms, and the whole-result
 * JSON, JSONCompact, JSONStrings and JSONCompactStrings with their "meta",
 * "data", "rows", "rows_before_limit_at_least" and "statistics" sections.
 * Values go through floe_text_write; this file lays out objects, arrays and
 * the indentation JSON uses for tuples and nested arrays.
 */
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "formats/format_util.h"

typedef enum json_kind {
    J_EACH_ROW,
    J_COMPACT_EACH_ROW,
    J_JSON,
    J_COMPACT,
} json_kind;

/* keys[i] holds column i's name as a JSON string ("n"). scratch is a
 * one-row String column used to JSON-escape the text of a value
 * (JSONStrings). */
typedef struct json_out {
    json_kind kind;
    bool strings; /* every value as the JSON string of its text (JSONStrings...) */
    floe_buf out;
    floe_sink sink;
    size_t n_cols;
    const floe_type *const *types;
    const floe_format_settings *s;
    floe_buf *keys;
    floe_column *scratch;
    floe_buf text;
    uint64_t rows;
    /* JSON and JSONCompact always send valid UTF-8: invalid bytes become
     * U+FFFD, one for each run (ClickHouse's WriteBufferValidUTF8). */
    bool validate;
    bool just_replaced;
    floe_buf fixed;
} json_out;

static bool is_whole_result(json_kind k)
{
    return k == J_JSON || k == J_COMPACT;
}

/* Appends p[0..n) as a JSON string, escaped by the value serialiser. */
static void put_json_string(json_out *j, floe_buf *out, const char *p, size_t n)
{
    floe_column_clear(j->scratch);
    floe_column_push_string(j->scratch, p, n);
    floe_text_write(out, j->scratch, 0, FLOE_TEXT_JSON, &j->s->text);
}

static void write_value(json_out *j, const floe_column *c, size_t row, int indent)
{
    if (j->strings) {
        /* The value's plain text as a JSON string; NULL reads as Pretty's. */
        floe_buf_clear(&j->text);
        if (floe_column_is_null(c, row))
            floe_buf_puts(&j->text, "ᴺᵁᴸᴸ");
        else
            floe_text_write(&j->text, c, row, FLOE_TEXT_PLAIN, &j->s->text);
        put_json_string(j, &j->out, j->text.data ? j->text.data : "", j->text.len);
    } else if (j->kind == J_JSON) {
        floe_fmt_json_pretty(&j->out, c, row, (size_t)indent, '\t', (size_t)indent, &j->s->text);
    } else {
        floe_text_write(&j->out, c, row, FLOE_TEXT_JSON, &j->s->text);
    }
}

/* Whether p[0..n) is a legal UTF-8 sequence as Poco's isLegal decides. */
static bool utf8_legal(const unsigned char *p, size_t n)
{
    unsigned char a;
    switch (n) {
    case 4:
        if (p[3] < 0x80 || p[3] > 0xBF)
            return false;
        /* fall through */
    case 3:
        if (p[2] < 0x80 || p[2] > 0xBF)
            return false;
        /* fall through */
    case 2:
        a = p[1];
        if (a > 0xBF)
            return false;
        switch (p[0]) {
        case 0xE0:
            if (a < 0xA0)
                return false;
            break;
        case 0xED:
            if (a > 0x9F)
                return false;
            break;
        case 0xF0:
            if (a < 0x90)
                return false;
            break;
        case 0xF4:
            if (a > 0x8F)
                return false;
            break;
        default:
            if (a < 0x80)
                return false;
        }
        /* fall through */
    case 1:
        if (p[0] >= 0x80 && p[0] < 0xC2)
            return false;
        break;
    default:
        return false;
    }
    return p[0] <= 0xF4;
}

static size_t utf8_seq_len(unsigned char c)
{
    if (c < 0xC0)
        return 1;
    if (c < 0xE0)
        return 2;
    if (c < 0xF0)
        return 3;
    if (c < 0xF8)
        return 4;
    return 5;
}

/* Sends out's bytes to the sink (all of them when force, else once there is
 * a chunk's worth), replacing invalid UTF-8 when the format validates. The
 * buffer always ends at a row or structure boundary, which is ASCII, so no
 * sequence is split between two calls. */
static int json_flush(json_out *j, bool force)
{
    floe_buf *o = &j->out;
    if (o->len == 0 || (!force && o->len < FLOE_FMT_FLUSH_BYTES))
        return 0;
    if (!j->validate)
        return floe_fmt_flush(o, &j->sink, true);
    const unsigned char *p = (const unsigned char *)o->data, *end = p + o->len;
    const unsigned char *valid = p;
    floe_buf_clear(&j->fixed);
    bool changed = false;
    while (p < end) {
        if (*p < 0x80) {
            p++;
            continue;
        }
        size_t len = utf8_seq_len(*p);
        if (len <= 4 && p + len <= end && utf8_legal(p, len)) {
            p += len;
            continue;
        }
        changed = true;
        if (p > valid) {
            floe_buf_append(&j->fixed, valid, (size_t)(p - valid));
            j->just_replaced = false;
        }
        if (!j->just_replaced)
            floe_buf_puts(&j->fixed, "\xEF\xBF\xBD");
        j->just_replaced = true;
        p++;
        valid = p;
    }
    if (!changed) {
        /* A run of replacements ends at the first valid byte. */
        if (o->len)
            j->just_replaced = false;
        return floe_fmt_flush(o, &j->sink, true);
    }
    if (p > valid) {
        floe_buf_append(&j->fixed, valid, (size_t)(p - valid));
        j->just_replaced = false;
    }
    floe_buf_clear(o);
    return floe_sink_write(&j->sink, j->fixed.data, j->fixed.len);
}

static int json_start(void **state, json_kind kind, bool strings, int header, size_t n_cols,
                      const char *const *names, const floe_type *const *types,
                      const floe_format_settings *s, floe_sink sink)
{
    json_out *j = floe_calloc(1, sizeof *j);
    j->kind = kind;
    j->strings = strings;
    j->validate = is_whole_result(kind);
    j->sink = sink;
    j->n_cols = n_cols;
    j->types = types;
    j->s = s;
    j->scratch = floe_column_new(floe_type_get(FLOE_TYPE_STRING));
    j->keys = floe_calloc(n_cols ? n_cols : 1, sizeof *j->keys);
    for (size_t i = 0; i < n_cols; i++)
        put_json_string(j, &j->keys[i], names[i], strlen(names[i]));
    for (int h = 1; h <= header; h++) {
        /* JSONCompact...EachRowWithNames[AndTypes]: the names (and types)
         * as the first rows. */
        floe_buf_putc(&j->out, '[');
        for (size_t i = 0; i < n_cols; i++) {
            if (i)
                floe_buf_puts(&j->out, ", ");
            if (h == 1)
                floe_buf_append(&j->out, j->keys[i].data, j->keys[i].len);
            else
                put_json_string(j, &j->out, types[i]->name, strlen(types[i]->name));
        }
        floe_buf_puts(&j->out, "]\n");
    }
    if (is_whole_result(kind)) {
        floe_buf *o = &j->out;
        floe_buf_puts(o, "{\n\t\"meta\":\n\t[\n");
        for (size_t i = 0; i < n_cols; i++) {
            floe_buf_puts(o, "\t\t{\n\t\t\t\"name\": ");
            floe_buf_append(o, j->keys[i].data, j->keys[i].len);
            floe_buf_puts(o, ",\n\t\t\t\"type\": ");
            put_json_string(j, o, types[i]->name, strlen(types[i]->name));
            floe_buf_puts(o, i + 1 < n_cols ? "\n\t\t},\n" : "\n\t\t}\n");
        }
        floe_buf_puts(o, "\t],\n\n\t\"data\":\n\t[\n");
    }
    *state = j;
    return 0;
}

static int json_write(void *state, const floe_block *b)
{
    json_out *j = state;
    floe_buf *o = &j->out;
    size_t n = j->n_cols;
    for (size_t r = 0; r < b->rows; r++) {
        switch (j->kind) {
        case J_EACH_ROW:
            floe_buf_putc(o, '{');
            for (size_t c = 0; c < n; c++) {
                if (c)
                    floe_buf_putc(o, ',');
                floe_buf_append(o, j->keys[c].data, j->keys[c].len);
                floe_buf_putc(o, ':');
                write_value(j, b->cols[c], r, 0);
            }
            floe_buf_puts(o, "}\n");
            break;
        case J_COMPACT_EACH_ROW:
            floe_buf_putc(o, '[');
            for (size_t c = 0; c < n; c++) {
                if (c)
                    floe_buf_puts(o, ", ");
                write_value(j, b->cols[c], r, 0);
            }
            floe_buf_puts(o, "]\n");
            break;
        case J_JSON:
            if (j->rows)
                floe_buf_puts(o, ",\n");
            floe_buf_puts(o, "\t\t{\n");
            for (size_t c = 0; c < n; c++) {
                if (c)
                    floe_buf_puts(o, ",\n");
                floe_buf_puts(o, "\t\t\t");
                floe_buf_append(o, j->keys[c].data, j->keys[c].len);
                floe_buf_puts(o, ": ");
                write_value(j, b->cols[c], r, 3);
            }
            floe_buf_puts(o, "\n\t\t}");
            break;
        case J_COMPACT:
            if (j->rows)
                floe_buf_puts(o, ",\n");
            floe_buf_puts(o, "\t\t[");
            for (size_t c = 0; c < n; c++) {
                if (c)
                    floe_buf_puts(o, ", ");
                write_value(j, b->cols[c], r, 3);
            }
            floe_buf_putc(o, ']');
            break;
        }
        j->rows++;
        if (o->len >= FLOE_FMT_FLUSH_BYTES && json_flush(j, false) < 0)
            return -1;
    }
    return 0;
}

static int json_finish(void *state, const floe_query_stats *st)
{
    json_out *j = state;
    floe_buf *o = &j->out;
    if (is_whole_result(j->kind)) {
        floe_buf_puts(o, "\n\t],\n\n\t\"rows\": ");
        floe_buf_u64(o, j->rows);
        if (st->has_rows_before_limit) {
            floe_buf_puts(o, ",\n\n\t\"rows_before_limit_at_least\": ");
            floe_buf_u64(o, st->rows_before_limit);
        }
        if (j->s->write_statistics) {
            floe_buf_puts(o, ",\n\n\t\"statistics\":\n\t{\n\t\t\"elapsed\": ");
            floe_fmt_put_double(o, st->elapsed);
            floe_buf_puts(o, ",\n\t\t\"rows_read\": ");
            floe_buf_u64(o, st->rows_read);
            floe_buf_puts(o, ",\n\t\t\"bytes_read\": ");
            floe_buf_u64(o, st->bytes_read);
            floe_buf_puts(o, "\n\t}");
        }
        floe_buf_puts(o, "\n}\n");
    }
    return json_flush(j, true);
}

static void json_free(void *state)
{
    json_out *j = state;
    for (size_t i = 0; i < j->n_cols; i++)
        floe_buf_free(&j->keys[i]);
    floe_free(j->keys);
    floe_column_free(j->scratch);
    floe_buf_free(&j->text);
    floe_buf_free(&j->fixed);
    floe_buf_free(&j->out);
    floe_free(j);
}

#define JSON_FORMAT(ident, cname, kind, strings, header)                                           \
    static int start_##ident(void **state, size_t n_cols, const char *const *names,                \
                             const floe_type *const *types, const floe_format_settings *s,         \
                             floe_sink sink)                                                       \
    {                                                                                              \
        return json_start(state, kind, strings, header, n_cols, names, types, s, sink);            \
    }                                                                                              \
    const floe_output_vtable floe_##ident##_output_vtable = {cname, start_##ident, json_write,     \
                                                             json_finish, json_free};

JSON_FORMAT(json_each_row, "JSONEachRow", J_EACH_ROW, false, 0)
JSON_FORMAT(json_strings_each_row, "JSONStringsEachRow", J_EACH_ROW, true, 0)
JSON_FORMAT(json_compact_each_row, "JSONCompactEachRow", J_COMPACT_EACH_ROW, false, 0)
JSON_FORMAT(json_compact_each_row_names, "JSONCompactEachRowWithNames", J_COMPACT_EACH_ROW, false,
            1)
JSON_FORMAT(json_compact_each_row_names_types, "JSONCompactEachRowWithNamesAndTypes",
            J_COMPACT_EACH_ROW, false, 2)
JSON_FORMAT(json_compact_strings_each_row, "JSONCompactStringsEachRow", J_COMPACT_EACH_ROW, true, 0)
JSON_FORMAT(json_compact_strings_each_row_names, "JSONCompactStringsEachRowWithNames",
            J_COMPACT_EACH_ROW, true, 1)
JSON_FORMAT(json_compact_strings_each_row_names_types, "JSONCompactStringsEachRowWithNamesAndTypes",
            J_COMPACT_EACH_ROW, true, 2)
JSON_FORMAT(json, "JSON", J_JSON, false, 0)
JSON_FORMAT(json_compact, "JSONCompact", J_COMPACT, false, 0)
JSON_FORMAT(json_strings, "JSONStrings", J_JSON, true, 0)
JSON_FORMAT(json_compact_strings, "JSONCompactStrings", J_COMPACT, true, 0)
