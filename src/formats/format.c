/*
 * The format registry: ClickHouse's format names (matched case-insensitively,
 * as ClickHouse 26 does, with its aliases) to the vtables of the format files,
 * the default format settings, and the helpers the row formats share
 * (format_util.h). Parquet's vtables come from parquet_format.c (declared in
 * format_impl.h).
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/mem.h"
#include "formats/format_util.h"
#include "types/float_text.h"


void floe_format_settings_init(floe_format_settings *s)
{
    memset(s, 0, sizeof *s);
    floe_text_options t = FLOE_TEXT_OPTIONS_INIT;
    s->text = t;
    /* ClickHouse 26.7 prints 64-bit integers in JSON unquoted by default. */
    s->text.json_quote_64bit_integers = false;
    s->pretty_max_rows = 1000;
    s->pretty_max_column_pad_width = 250;
    s->pretty_max_value_width = 10000;
    s->pretty_color = false;
    s->csv_delimiter = ',';
    s->input_skip_unknown_fields = true;
    s->write_statistics = true;
    s->parquet_compression = "zstd";
    s->parquet_compression_level = 3;
    s->parquet_row_group_rows = 1000000;
    s->parquet_row_group_bytes = 512u << 20;
    s->max_threads = 1;
    s->pretty_row_numbers = true;
    s->pretty_squash_consecutive_ms = 50;
    s->pretty_squash_max_wait_ms = 1000;
    s->pretty_number_tip_threshold = 1000000;
    s->pretty_footer_names = true;
    s->pretty_footer_names_min_rows = 50;
    s->pretty_fallback_to_vertical = true;
    s->pretty_name_cut_to = 24;
    s->pretty_name_min_chars_to_cut = 4;
    s->pretty_multiline_fields = true;
    s->csv_empty_as_default = true;
    s->tsv_empty_as_default = false;
}

/* ---- registry ---- */

typedef struct out_entry {
    const char *name;
    const floe_output_vtable *vt;
} out_entry;

typedef struct in_entry {
    const char *name;
    const floe_input_vtable *vt;
} in_entry;

static const out_entry out_formats[] = {
    {"TabSeparated", &floe_tsv_output_vtable},
    {"TSV", &floe_tsv_output_vtable},
    {"TabSeparatedWithNames", &floe_tsv_names_output_vtable},
    {"TSVWithNames", &floe_tsv_names_output_vtable},
    {"TabSeparatedWithNamesAndTypes", &floe_tsv_names_types_output_vtable},
    {"TSVWithNamesAndTypes", &floe_tsv_names_types_output_vtable},
    {"TabSeparatedRaw", &floe_tsv_raw_output_vtable},
    {"TSVRaw", &floe_tsv_raw_output_vtable},
    {"Raw", &floe_tsv_raw_output_vtable},
    {"TabSeparatedRawWithNames", &floe_tsv_raw_names_output_vtable},
    {"TSVRawWithNames", &floe_tsv_raw_names_output_vtable},
    {"RawWithNames", &floe_tsv_raw_names_output_vtable},
    {"TabSeparatedRawWithNamesAndTypes", &floe_tsv_raw_names_types_output_vtable},
    {"TSVRawWithNamesAndTypes", &floe_tsv_raw_names_types_output_vtable},
    {"RawWithNamesAndTypes", &floe_tsv_raw_names_types_output_vtable},
    {"CSV", &floe_csv_output_vtable},
    {"CSVWithNames", &floe_csv_names_output_vtable},
    {"CSVWithNamesAndTypes", &floe_csv_names_types_output_vtable},
    {"Values", &floe_values_output_vtable},
    {"Null", &floe_null_output_vtable},
    {"RawBLOB", &floe_rawblob_output_vtable},
    {"Markdown", &floe_markdown_output_vtable},
    {"MD", &floe_markdown_output_vtable},
    {"JSONEachRow", &floe_json_each_row_output_vtable},
    {"JSONLines", &floe_json_each_row_output_vtable},
    {"NDJSON", &floe_json_each_row_output_vtable},
    {"JSONL", &floe_json_each_row_output_vtable},
    {"JSONCompactEachRow", &floe_json_compact_each_row_output_vtable},
    {"JSONStringsEachRow", &floe_json_strings_each_row_output_vtable},
    {"JSONCompactEachRowWithNames", &floe_json_compact_each_row_names_output_vtable},
    {"JSONCompactEachRowWithNamesAndTypes", &floe_json_compact_each_row_names_types_output_vtable},
    {"JSONCompactStringsEachRow", &floe_json_compact_strings_each_row_output_vtable},
    {"JSONCompactStringsEachRowWithNames", &floe_json_compact_strings_each_row_names_output_vtable},
    {"JSONCompactStringsEachRowWithNamesAndTypes",
     &floe_json_compact_strings_each_row_names_types_output_vtable},
    {"JSON", &floe_json_output_vtable},
    {"JSONCompact", &floe_json_compact_output_vtable},
    {"JSONStrings", &floe_json_strings_output_vtable},
    {"JSONCompactStrings", &floe_json_compact_strings_output_vtable},
    {"Pretty", &floe_pretty_output_vtable},
    {"PrettyCompact", &floe_pretty_compact_output_vtable},
    {"PrettySpace", &floe_pretty_space_output_vtable},
    {"PrettyMonoBlock", &floe_pretty_mono_output_vtable},
    {"PrettyCompactMonoBlock", &floe_pretty_compact_mono_output_vtable},
    {"PrettySpaceMonoBlock", &floe_pretty_space_mono_output_vtable},
    {"PrettyNoEscapes", &floe_pretty_no_escapes_output_vtable},
    {"PrettyCompactNoEscapes", &floe_pretty_compact_no_escapes_output_vtable},
    {"PrettySpaceNoEscapes", &floe_pretty_space_no_escapes_output_vtable},
    {"Vertical", &floe_vertical_output_vtable},
    {"Parquet", &floe_parquet_output_vtable},
};

static const in_entry in_formats[] = {
    {"TabSeparated", &floe_tsv_input_vtable},
    {"TSV", &floe_tsv_input_vtable},
    {"TabSeparatedWithNames", &floe_tsv_names_input_vtable},
    {"TSVWithNames", &floe_tsv_names_input_vtable},
    {"TabSeparatedWithNamesAndTypes", &floe_tsv_names_types_input_vtable},
    {"TSVWithNamesAndTypes", &floe_tsv_names_types_input_vtable},
    {"TabSeparatedRaw", &floe_tsv_raw_input_vtable},
    {"TSVRaw", &floe_tsv_raw_input_vtable},
    {"Raw", &floe_tsv_raw_input_vtable},
    {"TabSeparatedRawWithNames", &floe_tsv_raw_names_input_vtable},
    {"TSVRawWithNames", &floe_tsv_raw_names_input_vtable},
    {"RawWithNames", &floe_tsv_raw_names_input_vtable},
    {"TabSeparatedRawWithNamesAndTypes", &floe_tsv_raw_names_types_input_vtable},
    {"TSVRawWithNamesAndTypes", &floe_tsv_raw_names_types_input_vtable},
    {"RawWithNamesAndTypes", &floe_tsv_raw_names_types_input_vtable},
    {"CSV", &floe_csv_input_vtable},
    {"CSVWithNames", &floe_csv_names_input_vtable},
    {"CSVWithNamesAndTypes", &floe_csv_names_types_input_vtable},
    {"Values", &floe_values_input_vtable},
    {"RawBLOB", &floe_rawblob_input_vtable},
    {"JSONEachRow", &floe_json_each_row_input_vtable},
    {"JSONLines", &floe_json_each_row_input_vtable},
    {"NDJSON", &floe_json_each_row_input_vtable},
    {"JSONL", &floe_json_each_row_input_vtable},
    {"JSONCompactEachRow", &floe_json_compact_each_row_input_vtable},
    {"JSONCompactEachRowWithNames", &floe_json_compact_each_row_names_input_vtable},
    {"JSONCompactEachRowWithNamesAndTypes", &floe_json_compact_each_row_names_types_input_vtable},
    {"Parquet", &floe_parquet_input_vtable},
};

#define N_OUT (sizeof out_formats / sizeof out_formats[0])
#define N_IN  (sizeof in_formats / sizeof in_formats[0])

static const floe_output_vtable *find_output(const char *name)
{
    for (size_t i = 0; i < N_OUT; i++)
        if (out_formats[i].vt && strcasecmp(out_formats[i].name, name) == 0)
            return out_formats[i].vt;
    return NULL;
}

static const floe_input_vtable *find_input(const char *name)
{
    for (size_t i = 0; i < N_IN; i++)
        if (in_formats[i].vt && strcasecmp(in_formats[i].name, name) == 0)
            return in_formats[i].vt;
    return NULL;
}

/* ---- output ---- */

/* Owns copies of names; types are interned and need no copy. */
struct floe_output_format {
    const floe_output_vtable *vt;
    void *state;
    size_t n_cols;
    char **names;
    const floe_type **types;
    floe_format_settings settings;
    floe_block view; /* the block reordered to the creation order */
};

bool floe_output_format_exists(const char *format_name)
{
    return find_output(format_name) != NULL;
}

int floe_output_format_new(floe_output_format **out, const char *format_name, size_t n_cols,
                           const char *const *names, const floe_type *const *types,
                           const floe_format_settings *settings, floe_sink sink)
{
    *out = NULL;
    const floe_output_vtable *vt = find_output(format_name);
    if (!vt)
        return floe_error(FLOE_ERR_UNKNOWN_FORMAT, "Unknown format %s", format_name);
    floe_output_format *f = floe_calloc(1, sizeof *f);
    f->vt = vt;
    f->n_cols = n_cols;
    f->names = floe_calloc(n_cols ? n_cols : 1, sizeof *f->names);
    f->types = floe_calloc(n_cols ? n_cols : 1, sizeof *f->types);
    for (size_t i = 0; i < n_cols; i++) {
        f->names[i] = floe_strdup(names[i]);
        f->types[i] = types[i];
    }
    if (settings)
        f->settings = *settings;
    else
        floe_format_settings_init(&f->settings);
    f->view.cols = floe_calloc(n_cols ? n_cols : 1, sizeof *f->view.cols);
    f->view.names = f->names;
    f->view.n_cols = n_cols;
    if (vt->start(&f->state, n_cols, (const char *const *)f->names, f->types, &f->settings, sink) <
        0) {
        f->state = NULL;
        floe_output_format_free(f);
        return -1;
    }
    *out = f;
    return 0;
}

int floe_output_format_write(floe_output_format *f, const floe_block *b)
{
    if (b->n_cols != f->n_cols)
        return floe_error(FLOE_ERR_LOGICAL_ERROR,
                          "Block with %zu columns given to an output format of %zu columns",
                          b->n_cols, f->n_cols);
    /* Columns are taken in the order given: the caller's block has the
     * result's columns in order, whatever their names. */
    for (size_t i = 0; i < f->n_cols; i++)
        f->view.cols[i] = b->cols[i];
    f->view.rows = b->rows;
    return f->vt->write(f->state, &f->view);
}

int floe_output_format_finish(floe_output_format *f, const floe_query_stats *stats)
{
    floe_query_stats none = {0};
    return f->vt->finish(f->state, stats ? stats : &none);
}

void floe_output_format_free(floe_output_format *f)
{
    if (!f)
        return;
    if (f->state)
        f->vt->free(f->state);
    for (size_t i = 0; i < f->n_cols; i++)
        floe_free(f->names[i]);
    floe_free(f->names);
    floe_free(f->types);
    floe_free(f->view.cols);
    floe_free(f);
}

/* ---- input ---- */

struct floe_input_format {
    const floe_input_vtable *vt;
    void *state;
    size_t n_cols;
    char **names;
    const floe_type **types;
    floe_format_settings settings;
};

bool floe_input_format_exists(const char *format_name)
{
    return find_input(format_name) != NULL;
}

int floe_input_format_new(floe_input_format **out, const char *format_name, size_t n_cols,
                          const char *const *names, const floe_type *const *types,
                          const floe_format_settings *settings, floe_source src)
{
    *out = NULL;
    const floe_input_vtable *vt = find_input(format_name);
    if (!vt)
        return floe_error(FLOE_ERR_UNKNOWN_FORMAT, "Unknown format %s", format_name);
    floe_input_format *f = floe_calloc(1, sizeof *f);
    f->vt = vt;
    f->n_cols = n_cols;
    f->names = floe_calloc(n_cols ? n_cols : 1, sizeof *f->names);
    f->types = floe_calloc(n_cols ? n_cols : 1, sizeof *f->types);
    for (size_t i = 0; i < n_cols; i++) {
        f->names[i] = floe_strdup(names[i]);
        f->types[i] = types[i];
    }
    if (settings)
        f->settings = *settings;
    else
        floe_format_settings_init(&f->settings);
    if (vt->start(&f->state, n_cols, (const char *const *)f->names, f->types, &f->settings, src) <
        0) {
        f->state = NULL;
        floe_input_format_free(f);
        return -1;
    }
    *out = f;
    return 0;
}

int floe_input_format_read(floe_input_format *f, floe_block **out, size_t max_rows)
{
    *out = NULL;
    return f->vt->read(f->state, out, max_rows ? max_rows : 65409);
}

void floe_input_format_free(floe_input_format *f)
{
    if (!f)
        return;
    if (f->state)
        f->vt->free(f->state);
    for (size_t i = 0; i < f->n_cols; i++)
        floe_free(f->names[i]);
    floe_free(f->names);
    floe_free(f->types);
    floe_free(f);
}

/* ---- helpers for the format files ---- */

int floe_fmt_flush(floe_buf *out, const floe_sink *sink, bool force)
{
    if (out->len == 0 || (!force && out->len < FLOE_FMT_FLUSH_BYTES))
        return 0;
    int rc = floe_sink_write(sink, out->data, out->len);
    floe_buf_clear(out);
    return rc;
}

floe_column *floe_fmt_string_column(const char *const *s, size_t n)
{
    floe_column *c = floe_column_new(floe_type_get(FLOE_TYPE_STRING));
    for (size_t i = 0; i < n; i++)
        floe_column_push_string(c, s[i], strlen(s[i]));
    return c;
}

floe_column *floe_fmt_type_name_column(const floe_type *const *types, size_t n)
{
    floe_column *c = floe_column_new(floe_type_get(FLOE_TYPE_STRING));
    for (size_t i = 0; i < n; i++)
        floe_column_push_string(c, types[i]->name, strlen(types[i]->name));
    return c;
}

/* Code points that take two columns (East Asian Wide and Fullwidth, emoji)
 * and that take none (combining marks, zero-width format characters). */
typedef struct cp_range {
    uint32_t lo, hi;
} cp_range;

/* Emoji are not here: ClickHouse's width table gives the characters that
 * became wide in Unicode 9 a width of 1. */
static const cp_range wide_ranges[] = {
    {0x1100, 0x115F},   {0x2329, 0x232A},   {0x2E80, 0x303E},   {0x3041, 0x33FF},
    {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},
    {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1B000, 0x1B001}, {0x1F200, 0x1F202},
    {0x1F210, 0x1F23A}, {0x1F240, 0x1F248}, {0x1F250, 0x1F251}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};

static const cp_range zero_ranges[] = {
    {0x0300, 0x036F},   {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5},   {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC},   {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0900, 0x0902},
    {0x093A, 0x093A},   {0x093C, 0x093C}, {0x0941, 0x0948}, {0x094D, 0x094D}, {0x0951, 0x0957},
    {0x0E31, 0x0E31},   {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
    {0x200B, 0x200F},   {0x2028, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0x302A, 0x302D},
    {0x3099, 0x309A},   {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0001, 0xE007F},
    {0xE0100, 0xE01EF},
};

static bool in_ranges(const cp_range *r, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp > r[mid].hi)
            lo = mid + 1;
        else if (cp < r[mid].lo)
            hi = mid;
        else
            return true;
    }
    return false;
}

static size_t cp_width(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 0;
    if (cp < 0x300)
        return 1;
    if (in_ranges(zero_ranges, sizeof zero_ranges / sizeof zero_ranges[0], cp))
        return 0;
    if (in_ranges(wide_ranges, sizeof wide_ranges / sizeof wide_ranges[0], cp))
        return 2;
    return 1;
}

/* Decodes one UTF-8 sequence at p (n > 0 bytes left). Returns its length, or
 * 0 for an invalid sequence (which has no width). */
static size_t utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    unsigned char c = p[0];
    size_t len;
    uint32_t v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3F);
    }
    *cp = v;
    return len;
}

/* One walk for both questions: the width of p (limit == SIZE_MAX) or the
 * bytes that fit in limit columns. */
static size_t width_walk(const char *s, size_t n, size_t prefix, size_t limit, bool want_bytes)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t width = 0;
    bool in_escape = false;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x20 && c <= 0x7E) {
            if (!in_escape) {
                if (want_bytes && width + 1 > limit)
                    return i;
                width++;
            } else if (c >= 0x40 && c <= 0x7E && i > 0 && p[i - 1] != 0x1B) {
                in_escape = false;
            }
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = utf8_decode(p + i, n - i, &cp);
        if (len == 0) {
            i++;
            continue;
        }
        size_t next = width;
        if (cp == 0x1B)
            in_escape = true;
        else if (cp == '\t')
            next += 8 - (prefix + width) % 8;
        else
            next += cp_width(cp);
        if (want_bytes && next > limit)
            return i;
        width = next;
        i += len;
    }
    return want_bytes ? n : width;
}

size_t floe_fmt_display_width(const char *p, size_t n, size_t prefix)
{
    return width_walk(p, n, prefix, (size_t)-1, false);
}

size_t floe_fmt_bytes_before_width(const char *p, size_t n, size_t prefix, size_t limit)
{
    return width_walk(p, n, prefix, limit, true);
}

void floe_fmt_put_double(floe_buf *out, double v)
{
    floe_buf_float64(out, v);
}

bool floe_fmt_tuple_is_named(const floe_type *t)
{
    t = floe_type_base(t);
    if (t->id != FLOE_TYPE_TUPLE || !t->n_elems || !t->elem_names)
        return false;
    for (size_t i = 0; i < t->n_elems; i++)
        if (!t->elem_names[i])
            return false;
    return true;
}

static bool is_nested(const floe_type *t)
{
    t = floe_type_base(t);
    return t->id == FLOE_TYPE_ARRAY || t->id == FLOE_TYPE_TUPLE;
}

static void put_units(floe_buf *out, char unit, size_t n)
{
    for (size_t i = 0; i < n; i++)
        floe_buf_putc(out, unit);
}

void floe_fmt_json_pretty(floe_buf *out, const floe_column *c, size_t row, size_t indent, char unit,
                          size_t top_close, const floe_text_options *o)
{
    const floe_type *b = floe_type_base(c->type);
    if (b->id == FLOE_TYPE_TUPLE && b->n_elems) {
        bool named = floe_fmt_tuple_is_named(b);
        floe_column *key = NULL;
        if (named) {
            key = floe_column_new(floe_type_get(FLOE_TYPE_STRING));
            for (size_t k = 0; k < b->n_elems; k++)
                floe_column_push_string(key, b->elem_names[k], strlen(b->elem_names[k]));
        }
        floe_buf_puts(out, named ? "{\n" : "[\n");
        for (size_t k = 0; k < b->n_elems; k++) {
            if (k)
                floe_buf_puts(out, ",\n");
            put_units(out, unit, indent + 1);
            if (named) {
                floe_text_write(out, key, k, FLOE_TEXT_JSON, o);
                floe_buf_puts(out, ": ");
            }
            floe_fmt_json_pretty(out, c->children[k], row, indent + 1, unit, indent + 1, o);
        }
        floe_buf_putc(out, '\n');
        put_units(out, unit, top_close);
        floe_buf_putc(out, named ? '}' : ']');
        floe_column_free(key);
        return;
    }
    if (b->id == FLOE_TYPE_ARRAY && is_nested(b->inner)) {
        uint64_t from = row ? c->offsets[row - 1] : 0, to = c->offsets[row];
        if (from == to) {
            floe_buf_puts(out, "[]");
            return;
        }
        floe_buf_puts(out, "[\n");
        for (uint64_t i = from; i < to; i++) {
            if (i != from)
                floe_buf_puts(out, ",\n");
            put_units(out, unit, indent + 1);
            floe_fmt_json_pretty(out, c->children[0], (size_t)i, indent + 1, unit, indent + 1, o);
        }
        floe_buf_putc(out, '\n');
        put_units(out, unit, top_close);
        floe_buf_putc(out, ']');
        return;
    }
    floe_text_write(out, c, row, FLOE_TEXT_JSON, o);
}

bool floe_fmt_is_number(const floe_type *t)
{
    t = floe_type_base(t);
    switch (t->id) {
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_UINT16:
    case FLOE_TYPE_UINT32:
    case FLOE_TYPE_UINT64:
    case FLOE_TYPE_INT8:
    case FLOE_TYPE_INT16:
    case FLOE_TYPE_INT32:
    case FLOE_TYPE_INT64:
    case FLOE_TYPE_FLOAT32:
    case FLOE_TYPE_FLOAT64:
    case FLOE_TYPE_DECIMAL32:
    case FLOE_TYPE_DECIMAL64:
    case FLOE_TYPE_DECIMAL128:
        return true;
    default:
        return false;
    }
}

bool floe_fmt_align_right(const floe_type *t)
{
    if (floe_fmt_is_number(t))
        return true;
    switch (floe_type_base(t)->id) {
    case FLOE_TYPE_DATE:
    case FLOE_TYPE_DATE32:
    case FLOE_TYPE_DATETIME:
    case FLOE_TYPE_DATETIME64:
        return true;
    default:
        return false;
    }
}

double floe_fmt_number_at(const floe_column *c, size_t row)
{
    const floe_type *t = floe_type_base(c->type);
    const uint8_t *p = c->data + row * t->width;
    double scale = pow(10.0, t->scale);
    switch (t->id) {
    case FLOE_TYPE_UINT8:
        return *(const uint8_t *)p;
    case FLOE_TYPE_UINT16:
        return *(const uint16_t *)(const void *)p;
    case FLOE_TYPE_UINT32:
        return *(const uint32_t *)(const void *)p;
    case FLOE_TYPE_UINT64:
        return (double)*(const uint64_t *)(const void *)p;
    case FLOE_TYPE_INT8:
        return *(const int8_t *)p;
    case FLOE_TYPE_INT16:
        return *(const int16_t *)(const void *)p;
    case FLOE_TYPE_INT32:
        return *(const int32_t *)(const void *)p;
    case FLOE_TYPE_INT64:
        return (double)*(const int64_t *)(const void *)p;
    case FLOE_TYPE_FLOAT32:
        return *(const float *)(const void *)p;
    case FLOE_TYPE_FLOAT64:
        return *(const double *)(const void *)p;
    case FLOE_TYPE_DECIMAL32:
        return *(const int32_t *)(const void *)p / scale;
    case FLOE_TYPE_DECIMAL64:
        return (double)*(const int64_t *)(const void *)p / scale;
    case FLOE_TYPE_DECIMAL128: {
        __int128 v;
        memcpy(&v, p, sizeof v);
        return (double)v / scale;
    }
    default:
        return 0;
    }
}
