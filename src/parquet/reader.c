/*
 * The Parquet reader: schema to floe types (ClickHouse's inference), then
 * per column chunk: page headers, decompression, definition levels,
 * dictionary / PLAIN / RLE / DELTA_BINARY_PACKED values, and conversion of
 * physical values into the column's layout. Works on a file in memory.
 */
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/mem.h"
#include "compress/codec.h"
#include "parquet/encoding.h"
#include "parquet/meta.h"
#include "parquet/reader.h"

enum {
    P_BOOLEAN = 0,
    P_INT32 = 1,
    P_INT64 = 2,
    P_INT96 = 3,
    P_FLOAT = 4,
    P_DOUBLE = 5,
    P_BYTE_ARRAY = 6,
    P_FLBA = 7,
};
enum {
    E_PLAIN = 0,
    E_PLAIN_DICTIONARY = 2,
    E_RLE = 3,
    E_DELTA_BINARY_PACKED = 5,
    E_DELTA_LENGTH_BYTE_ARRAY = 6,
    E_DELTA_BYTE_ARRAY = 7,
    E_RLE_DICTIONARY = 8,
    E_BYTE_STREAM_SPLIT = 9,
};

/* A leaf column of the file. type/base describe its values (the element
 * type for an Array's leaf). A leaf belongs to top-level column top, as
 * that column itself, its Tuple element elem, and/or as an Array's element
 * (repeated). Levels: max_def/max_rep as the schema gives them; list_def is
 * the definition level from which an Array element exists. */
typedef struct rd_col {
    char *name;
    const floe_type *type;
    const floe_type *base;
    int phys;
    uint32_t width; /* bytes of one physical value (fixed-width types) */
    bool optional;  /* the leaf itself is OPTIONAL */
    bool repeated;
    uint8_t max_def, max_rep, list_def;
    size_t top;
    int elem;
} rd_col;

typedef struct rd_top {
    char *name;
    const floe_type *type;
} rd_top;

/*
 * The dictionary of the chunk being read, as physical values: fixed-width
 * ones back to back in data, byte arrays as data with ends[i] the end of
 * entry i.
 */
struct floe_parquet_reader {
    const uint8_t *data;
    size_t len;
    floe_parquet_meta *meta;
    rd_col *cols; /* leaves */
    size_t n_cols;
    rd_top *tops;
    size_t n_tops;
    floe_buf page;
    floe_buf dict;
    uint64_t *dict_ends;
    size_t dict_n, dict_ends_cap;
    bool has_dict;
    uint32_t *idx, *levels, *reps, *elem_levels;
    size_t idx_cap, levels_cap, reps_cap, elem_levels_cap;
    floe_buf vals;
    uint64_t *ends;
    size_t ends_cap;
    int32_t *lens, *prefixes;
    size_t lens_cap, prefixes_cap;
    uint64_t budget, spent; /* see charge(); spent <= budget */
};

/* A row group may decode to at most max(1 GiB, 1024 x the file's size):
 * the counts in a file (rows, values per page, run lengths, dictionary
 * references) are only claims, and a few bytes of RLE or a compressed page
 * can claim terabytes. Only freak files come near the ratio (one constant
 * column of a hundred million rows and nothing else). */
#define RD_BUDGET_FLOOR (1ull << 30)
#define RD_BUDGET_RATIO 1024u
/* ClickHouse's largest FixedString. */
#define RD_MAX_FIXEDSTRING 0xFFFFFFu

static int not_impl(const char *what, const rd_col *c)
{
    return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                      "Reading %s (column '%s') from Parquet is not "
                      "implemented",
                      what, c->name);
}

static int bad(const char *what)
{
    return floe_error(FLOE_ERR_INCORRECT_DATA, "Malformed Parquet file: %s", what);
}

/* Counts bytes the row group being read will take (values, pages
 * decompressed) before they are allocated; scratch (a page's levels and
 * indices, reused by the next page) must fit without being kept. */
static int charge(floe_parquet_reader *r, uint64_t bytes, bool keep)
{
    if (bytes > r->budget - r->spent)
        return floe_error(FLOE_ERR_INCORRECT_DATA,
                          "Malformed Parquet file: a row group decodes to more than %llu bytes "
                          "(the limit for a file of %zu bytes)",
                          (unsigned long long)r->budget, r->len);
    if (keep)
        r->spent += bytes;
    return 0;
}

/* The floe type ClickHouse infers for a leaf. */
static int infer(rd_col *c, const floe_parquet_schema_elem *e)
{
    const floe_type *t = NULL;
    int lg = e->logical, cv = e->converted;
    bool dec = lg == 5 || cv == 5;
    int prec = lg == 5 ? e->dec_precision : e->precision;
    int scale = lg == 5 ? e->dec_scale : e->scale;
    if (dec && (prec < 1 || prec > 38 || scale < 0 || scale > prec))
        return not_impl("a decimal of this precision", c);
    int unit = lg == 8 || lg == 7    ? e->time_unit
               : cv == 9 || cv == 7  ? 1
               : cv == 10 || cv == 8 ? 2
                                     : 0;
    c->phys = e->type;
    switch (e->type) {
    case P_BOOLEAN:
        t = floe_type_get(FLOE_TYPE_BOOL);
        c->width = 1;
        break;
    case P_INT32: {
        c->width = 4;
        int bits = lg == 10 ? e->int_bits : cv >= 11 && cv <= 18 ? 8 << ((cv - 11) % 4) : 32;
        bool sgn = lg == 10 ? e->int_signed : !(cv >= 11 && cv <= 14);
        if (dec)
            t = floe_type_decimal((uint8_t)prec, (uint8_t)scale);
        else if (lg == 6 || cv == 6)
            t = floe_type_get(FLOE_TYPE_DATE32);
        else if (unit)
            t = floe_type_datetime64(3, "UTC");
        else if (bits == 8)
            t = floe_type_get(sgn ? FLOE_TYPE_INT8 : FLOE_TYPE_UINT8);
        else if (bits == 16)
            t = floe_type_get(sgn ? FLOE_TYPE_INT16 : FLOE_TYPE_UINT16);
        else
            t = floe_type_get(sgn ? FLOE_TYPE_INT32 : FLOE_TYPE_UINT32);
        break;
    }
    case P_INT64: {
        c->width = 8;
        bool sgn = lg == 10 ? e->int_signed : cv != 14;
        if (dec)
            t = floe_type_decimal((uint8_t)prec, (uint8_t)scale);
        else if (unit)
            t = floe_type_datetime64(unit == 1 ? 3 : unit == 2 ? 6 : 9, "UTC");
        else
            t = floe_type_get(sgn ? FLOE_TYPE_INT64 : FLOE_TYPE_UINT64);
        break;
    }
    case P_INT96:
        c->width = 12;
        t = floe_type_datetime64(9, "UTC");
        break;
    case P_FLOAT:
        c->width = 4;
        t = floe_type_get(FLOE_TYPE_FLOAT32);
        break;
    case P_DOUBLE:
        c->width = 8;
        t = floe_type_get(FLOE_TYPE_FLOAT64);
        break;
    case P_BYTE_ARRAY:
        if (dec)
            return not_impl("a decimal stored as BYTE_ARRAY", c);
        t = floe_type_get(FLOE_TYPE_STRING);
        break;
    case P_FLBA:
        if (e->type_length <= 0)
            return bad("FIXED_LEN_BYTE_ARRAY without a length");
        if ((uint32_t)e->type_length > RD_MAX_FIXEDSTRING)
            return bad("FIXED_LEN_BYTE_ARRAY longer than 16 MiB");
        c->width = (uint32_t)e->type_length;
        if (dec) {
            if (e->type_length > 16)
                return not_impl("a decimal wider than 16 bytes", c);
            t = floe_type_decimal((uint8_t)prec, (uint8_t)scale);
        } else if (lg == 14 && e->type_length == 16) {
            t = floe_type_get(FLOE_TYPE_UUID);
        } else if (lg == 15) {
            return not_impl("FLOAT16", c);
        } else {
            t = floe_type_fixedstring((uint32_t)e->type_length);
        }
        break;
    default:
        return bad("unknown physical type");
    }
    c->base = t;
    c->optional = e->repetition == 1;
    c->type = c->optional ? floe_type_nullable(t) : t;
    return 0;
}

static bool is_list(const floe_parquet_schema_elem *e)
{
    return e->num_children > 0 && (e->logical == 3 || e->converted == 3);
}

/* One field at schema[*pos] (a leaf or a LIST group) of top-level column
 * top (Tuple element elem, or -1): adds its leaf and sets *type to the
 * floe type of the field. */
static int add_field(floe_parquet_reader *r, size_t *pos, size_t top, int elem, uint8_t base_def,
                     const floe_type **type)
{
    const floe_parquet_meta *m = r->meta;
    if (*pos >= m->n_schema)
        return bad("schema ends early");
    const floe_parquet_schema_elem *e = &m->schema[*pos];
    if (!e->name.p)
        return bad("schema element without a name");
    rd_col *c = &r->cols[r->n_cols++];
    c->name = floe_strndup((const char *)e->name.p, e->name.n);
    c->top = top;
    c->elem = elem;
    if (!is_list(e)) {
        if (e->num_children > 0 || e->repetition == 2)
            return not_impl("a nested or repeated field", c);
        if (infer(c, e) < 0)
            return -1;
        c->max_def = (uint8_t)(base_def + c->optional);
        *type = c->type;
        (*pos)++;
        return 0;
    }
    /* LIST: optional or required group, a repeated group "list" with one
     * child (three levels), or directly a repeated leaf (two levels). */
    uint8_t outer = e->repetition == 1;
    if (e->num_children != 1 || *pos + 1 >= m->n_schema)
        return not_impl("this LIST layout", c);
    const floe_parquet_schema_elem *g = &m->schema[*pos + 1];
    const floe_parquet_schema_elem *leaf = g;
    size_t used = 2;
    if (g->repetition != 2)
        return not_impl("this LIST layout", c);
    if (g->num_children > 0) {
        if (g->num_children != 1 || *pos + 2 >= m->n_schema)
            return not_impl("this LIST layout", c);
        leaf = &m->schema[*pos + 2];
        used = 3;
        if (leaf->num_children > 0 || leaf->repetition == 2)
            return not_impl("nested lists", c);
    }
    if (infer(c, leaf) < 0)
        return -1;
    if (leaf == g) {
        c->optional = false;
        c->type = c->base;
    }
    c->repeated = true;
    c->max_rep = 1;
    c->list_def = (uint8_t)(base_def + outer + 1);
    c->max_def = (uint8_t)(c->list_def + c->optional);
    *type = floe_type_array(c->type);
    *pos += used;
    return 0;
}

int floe_parquet_reader_open(floe_parquet_reader **out, const void *data, size_t len)
{
    floe_parquet_reader *r = floe_calloc(1, sizeof *r);
    *out = r;
    r->data = data;
    r->len = len;
    r->budget =
        len > RD_BUDGET_FLOOR / RD_BUDGET_RATIO ? (uint64_t)len * RD_BUDGET_RATIO : RD_BUDGET_FLOOR;
    if (floe_parquet_meta_from_file(&r->meta, data, len) < 0)
        return -1;
    const floe_parquet_meta *m = r->meta;
    if (m->n_schema == 0 || m->schema[0].num_children < 0)
        return bad("empty schema");
    size_t n_top = (size_t)m->schema[0].num_children;
    if (n_top > m->n_schema)
        return bad("schema child count");
    r->tops = floe_calloc(n_top ? n_top : 1, sizeof *r->tops);
    r->cols = floe_calloc(m->n_schema, sizeof *r->cols);
    size_t pos = 1;
    for (size_t i = 0; i < n_top; i++) {
        if (pos >= m->n_schema)
            return bad("schema ends early");
        const floe_parquet_schema_elem *e = &m->schema[pos];
        if (!e->name.p)
            return bad("schema element without a name");
        rd_top *t = &r->tops[r->n_tops++];
        t->name = floe_strndup((const char *)e->name.p, e->name.n);
        if (e->num_children > 0 && !is_list(e)) {
            /* A Tuple: a group of leaves and lists. An OPTIONAL group adds a
             * definition level; a NULL one reads as its elements' NULLs or
             * defaults, as ClickHouse reads it. */
            if (e->logical == 2 || e->converted == 1 || e->converted == 2)
                return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                                  "Reading Parquet column '%s' (a map) is not implemented",
                                  t->name);
            uint8_t gdef = e->repetition == 1;
            size_t n_el = (size_t)e->num_children;
            if (n_el > m->n_schema - pos - 1)
                return bad("schema child count");
            const floe_type **el = floe_calloc(n_el, sizeof *el);
            char **en = floe_calloc(n_el, sizeof *en);
            pos++;
            int rc = 0;
            for (size_t k = 0; k < n_el && rc == 0; k++) {
                rc = add_field(r, &pos, i, (int)k, gdef, &el[k]);
                if (rc == 0)
                    en[k] = r->cols[r->n_cols - 1].name;
            }
            if (rc == 0)
                t->type = floe_type_tuple(el, (const char *const *)en, n_el);
            floe_free(el);
            floe_free(en);
            if (rc < 0)
                return -1;
            continue;
        }
        if (add_field(r, &pos, i, -1, 0, &t->type) < 0)
            return -1;
    }
    for (size_t g = 0; g < m->n_row_groups; g++)
        if (m->row_groups[g].n_columns != r->n_cols)
            return bad("row group column count differs from the schema");
    return 0;
}

size_t floe_parquet_reader_n_columns(const floe_parquet_reader *r)
{
    return r->n_tops;
}

const char *floe_parquet_reader_column_name(const floe_parquet_reader *r, size_t i)
{
    return r->tops[i].name;
}

const floe_type *floe_parquet_reader_column_type(const floe_parquet_reader *r, size_t i)
{
    return r->tops[i].type;
}

size_t floe_parquet_reader_n_row_groups(const floe_parquet_reader *r)
{
    return r->meta ? r->meta->n_row_groups : 0;
}

uint64_t floe_parquet_reader_n_rows(const floe_parquet_reader *r)
{
    return r->meta ? (uint64_t)r->meta->num_rows : 0;
}

void floe_parquet_reader_free(floe_parquet_reader *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_cols; i++)
        floe_free(r->cols[i].name);
    floe_free(r->cols);
    for (size_t i = 0; i < r->n_tops; i++)
        floe_free(r->tops[i].name);
    floe_free(r->tops);
    floe_free(r->reps);
    floe_free(r->elem_levels);
    floe_parquet_meta_free(r->meta);
    floe_buf_free(&r->page);
    floe_buf_free(&r->dict);
    floe_free(r->dict_ends);
    floe_free(r->idx);
    floe_free(r->levels);
    floe_buf_free(&r->vals);
    floe_free(r->ends);
    floe_free(r->lens);
    floe_free(r->prefixes);
    floe_free(r);
}

/* --- pages --- */

static int codec_of(int parquet_codec, floe_codec *c)
{
    floe_codec_method m;
    switch (parquet_codec) {
    case 0:
        m = FLOE_CODEC_NONE;
        break;
    case 1:
        m = FLOE_CODEC_SNAPPY;
        break;
    case 2:
        m = FLOE_CODEC_GZIP;
        break;
    case 4:
        m = FLOE_CODEC_BROTLI;
        break;
    case 5: /* the deprecated LZ4: Hadoop framing, or a raw block */
        m = FLOE_CODEC_LZ4_HADOOP;
        break;
    case 6:
        m = FLOE_CODEC_ZSTD;
        break;
    case 7:
        m = FLOE_CODEC_LZ4;
        break;
    default:
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Parquet compression codec %d is not supported",
                          parquet_codec);
    }
    *c = floe_codec_make(m, FLOE_CODEC_DEFAULT_LEVEL);
    return 0;
}

/* Decodes n PLAIN byte arrays from p into r->vals / r->ends. */
static int plain_bytes(floe_parquet_reader *r, const uint8_t *p, size_t len, size_t n)
{
    floe_buf_clear(&r->vals);
    if (n > len / 4)
        return bad("truncated BYTE_ARRAY value");
    if (n > r->ends_cap)
        FLOE_GROW(r->ends, r->ends_cap, n);
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        if (len - pos < 4)
            return bad("truncated BYTE_ARRAY value");
        uint32_t l;
        memcpy(&l, p + pos, 4);
        pos += 4;
        if (len - pos < l)
            return bad("truncated BYTE_ARRAY value");
        floe_buf_append(&r->vals, p + pos, l);
        pos += l;
        r->ends[i] = r->vals.len;
    }
    return 0;
}

/* DELTA_LENGTH_BYTE_ARRAY (lengths, then the bytes back to back) and
 * DELTA_BYTE_ARRAY (prefix lengths shared with the previous value, then the
 * suffixes as DELTA_LENGTH_BYTE_ARRAY) into r->vals / r->ends. */
static int delta_bytes(floe_parquet_reader *r, bool incremental, const uint8_t *p, size_t len,
                       size_t n)
{
    floe_buf_clear(&r->vals);
    if (n > r->ends_cap)
        FLOE_GROW(r->ends, r->ends_cap, n);
    if (n > r->lens_cap)
        FLOE_GROW(r->lens, r->lens_cap, n);
    size_t used = 0;
    if (incremental) {
        if (n > r->prefixes_cap)
            FLOE_GROW(r->prefixes, r->prefixes_cap, n);
        if (floe_parquet_delta_decode(r->prefixes, n, 4, p, len, &used) < 0)
            return -1;
        p += used;
        len -= used;
    }
    if (floe_parquet_delta_decode(r->lens, n, 4, p, len, &used) < 0)
        return -1;
    p += used;
    len -= used;
    /* Shared prefixes copy bytes already out: count them before they grow
     * r->vals (a prefix can repeat a long value for every entry). */
    uint64_t prefixed = 0, prev_len = 0, suffixes = 0;
    for (size_t i = 0; incremental && i < n; i++) {
        int32_t l = r->lens[i], pre = r->prefixes[i];
        if (l < 0 || pre < 0 || (uint64_t)pre > prev_len || (uint64_t)l > len - suffixes)
            return bad("DELTA byte array lengths");
        prefixed += (uint64_t)pre;
        suffixes += (uint64_t)l;
        prev_len = (uint64_t)pre + (uint64_t)l;
    }
    if (charge(r, prefixed, true) < 0)
        return -1;
    uint64_t prev_start = 0;
    prev_len = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t l = r->lens[i];
        int32_t pre = incremental ? r->prefixes[i] : 0;
        if (l < 0 || pre < 0 || (uint64_t)pre > prev_len || (size_t)l > len)
            return bad("DELTA byte array lengths");
        uint64_t start = r->vals.len;
        if (pre) {
            floe_buf_reserve(&r->vals, (size_t)pre);
            memcpy(r->vals.data + r->vals.len, r->vals.data + prev_start, (size_t)pre);
            r->vals.len += (size_t)pre;
        }
        floe_buf_append(&r->vals, p, (size_t)l);
        p += l;
        len -= (size_t)l;
        r->ends[i] = r->vals.len;
        prev_start = start;
        prev_len = r->vals.len - start;
    }
    return 0;
}

static int read_dict_page(floe_parquet_reader *r, const rd_col *c, const uint8_t *p, size_t len,
                          size_t n)
{
    floe_buf_clear(&r->dict);
    r->dict_n = n;
    r->has_dict = true;
    if (c->phys == P_BYTE_ARRAY) {
        if (plain_bytes(r, p, len, n) < 0)
            return -1;
        floe_buf_append(&r->dict, r->vals.data, r->vals.len);
        if (n > r->dict_ends_cap)
            FLOE_GROW(r->dict_ends, r->dict_ends_cap, n);
        if (n)
            memcpy(r->dict_ends, r->ends, n * sizeof *r->ends);
        return 0;
    }
    if (c->phys == P_BOOLEAN)
        return bad("dictionary page for BOOLEAN");
    if ((uint64_t)n * c->width > len)
        return bad("truncated dictionary page");
    floe_buf_append(&r->dict, p, n * c->width);
    return 0;
}

/* Decodes nn non-NULL values of a data page into r->vals (fixed width, or
 * bytes with r->ends). */
static int read_values(floe_parquet_reader *r, const rd_col *c, int enc, const uint8_t *p,
                       size_t len, size_t nn)
{
    floe_buf_clear(&r->vals);
    if (enc == E_PLAIN_DICTIONARY || enc == E_RLE_DICTIONARY) {
        if (!r->has_dict)
            return bad("dictionary-encoded page without a dictionary");
        if (len < 1)
            return bad("empty dictionary-encoded page");
        int bw = p[0];
        if (bw > 32)
            return bad("dictionary index bit width");
        if (nn > r->idx_cap)
            FLOE_GROW(r->idx, r->idx_cap, nn);
        if (nn && floe_parquet_rle_decode(r->idx, nn, p + 1, len - 1, bw, NULL) < 0)
            return -1;
        for (size_t i = 0; i < nn; i++)
            if (r->idx[i] >= r->dict_n)
                return bad("dictionary index out of range");
        if (c->phys == P_BYTE_ARRAY) {
            uint64_t total = 0;
            for (size_t i = 0; i < nn; i++) {
                uint32_t k = r->idx[i];
                total += r->dict_ends[k] - (k ? r->dict_ends[k - 1] : 0);
            }
            if (charge(r, total, true) < 0)
                return -1;
            if (nn > r->ends_cap)
                FLOE_GROW(r->ends, r->ends_cap, nn);
            for (size_t i = 0; i < nn; i++) {
                uint32_t k = r->idx[i];
                uint64_t st = k ? r->dict_ends[k - 1] : 0;
                floe_buf_append(&r->vals, r->dict.data + st, (size_t)(r->dict_ends[k] - st));
                r->ends[i] = r->vals.len;
            }
            return 0;
        }
        size_t w = c->width;
        floe_buf_reserve(&r->vals, nn * w);
        for (size_t i = 0; i < nn; i++)
            memcpy(r->vals.data + i * w, r->dict.data + (size_t)r->idx[i] * w, w);
        r->vals.len = nn * w;
        return 0;
    }
    if (c->phys == P_BOOLEAN) {
        floe_buf_reserve(&r->vals, nn);
        uint8_t *dst = (uint8_t *)r->vals.data;
        if (enc == E_PLAIN) {
            if ((nn + 7) / 8 > len)
                return bad("truncated BOOLEAN page");
            for (size_t i = 0; i < nn; i++)
                dst[i] = (p[i / 8] >> (i % 8)) & 1;
        } else if (enc == E_RLE) {
            if (len < 4)
                return bad("truncated BOOLEAN page");
            uint32_t l;
            memcpy(&l, p, 4);
            if (l > len - 4)
                return bad("truncated BOOLEAN page");
            if (nn > r->idx_cap)
                FLOE_GROW(r->idx, r->idx_cap, nn);
            if (nn && floe_parquet_rle_decode(r->idx, nn, p + 4, l, 1, NULL) < 0)
                return -1;
            for (size_t i = 0; i < nn; i++)
                dst[i] = (uint8_t)r->idx[i];
        } else {
            return not_impl("this BOOLEAN encoding", c);
        }
        r->vals.len = nn;
        return 0;
    }
    if (c->phys == P_BYTE_ARRAY) {
        if (enc == E_PLAIN)
            return plain_bytes(r, p, len, nn);
        if (enc == E_DELTA_LENGTH_BYTE_ARRAY || enc == E_DELTA_BYTE_ARRAY)
            return delta_bytes(r, enc == E_DELTA_BYTE_ARRAY, p, len, nn);
        return not_impl("this BYTE_ARRAY encoding", c);
    }
    size_t w = c->width;
    floe_buf_reserve(&r->vals, nn * w);
    if (enc == E_PLAIN) {
        if ((uint64_t)nn * w > len)
            return bad("truncated PLAIN page");
        memcpy(r->vals.data, p, nn * w);
    } else if (enc == E_DELTA_BINARY_PACKED && (c->phys == P_INT32 || c->phys == P_INT64)) {
        if (floe_parquet_delta_decode(r->vals.data, nn, (int)w, p, len, NULL) < 0)
            return -1;
    } else if (enc == E_BYTE_STREAM_SPLIT) {
        /* byte k of value i is at p[k * nn + i] */
        if ((uint64_t)nn * w > len)
            return bad("truncated BYTE_STREAM_SPLIT page");
        uint8_t *dst = (uint8_t *)r->vals.data;
        for (size_t k = 0; k < w; k++)
            for (size_t i = 0; i < nn; i++)
                dst[i * w + k] = p[k * nn + i];
    } else {
        return not_impl("this encoding", c);
    }
    r->vals.len = nn * w;
    return 0;
}

/* Appends the page's rows to col: NULL rows get the default value. */
static void scatter(floe_parquet_reader *r, const rd_col *c, floe_column *col, size_t n,
                    const uint32_t *levels)
{
    const floe_type *b = c->base;
    size_t w = b->width;
    if (n == 0)
        return; /* an empty page: col may have no buffer yet */
    if (b->id == FLOE_TYPE_STRING) {
        size_t total = r->vals.len;
        floe_column_reserve(col, n, total);
        size_t j = 0;
        uint64_t base = col->data_len;
        for (size_t i = 0; i < n; i++) {
            size_t row = col->rows + i;
            if (levels && !levels[i]) {
                col->offsets[row] = base;
                if (col->nulls)
                    col->nulls[row] = 1;
                continue;
            }
            if (col->nulls)
                col->nulls[row] = 0;
            base = col->data_len + r->ends[j];
            col->offsets[row] = base;
            j++;
        }
        if (total)
            memcpy(col->data + col->data_len, r->vals.data, total);
        col->data_len += total;
        col->rows += n;
        return;
    }
    floe_column_reserve(col, n, 0);
    uint8_t *dst = col->data + col->data_len;
    const uint8_t *src = (const uint8_t *)r->vals.data;
    size_t pw = c->width;
    for (size_t i = 0; i < n; i++, dst += w) {
        if (levels && !levels[i]) {
            memset(dst, 0, w);
            if (col->nulls)
                col->nulls[col->rows + i] = 1;
            continue;
        }
        if (col->nulls)
            col->nulls[col->rows + i] = 0;
        switch (c->phys) {
        case P_INT32:
        case P_INT64:
        case P_FLOAT:
        case P_DOUBLE:
            if (w > pw) {
                /* sign-extend a narrow stored value (decimal, TIME) */
                int64_t v = pw == 4 ? (int64_t) * (const int32_t *)(const void *)src
                                    : *(const int64_t *)(const void *)src;
                uint8_t fill = v < 0 ? 0xff : 0;
                memset(dst, fill, w);
                memcpy(dst, &v, w < 8 ? w : 8);
            } else {
                memcpy(dst, src, w); /* little-endian truncation to the narrower type */
            }
            break;
        case P_BOOLEAN:
            dst[0] = src[0];
            break;
        case P_INT96: {
            uint64_t nanos;
            uint32_t jd;
            memcpy(&nanos, src, 8);
            memcpy(&jd, src + 8, 4);
            int64_t v = ((int64_t)jd - 2440588) * 86400000000000LL + (int64_t)nanos;
            memcpy(dst, &v, 8);
            break;
        }
        case P_FLBA:
            if (b->id == FLOE_TYPE_UUID) {
                for (int k = 0; k < 8; k++) {
                    dst[k] = src[7 - k];
                    dst[8 + k] = src[15 - k];
                }
            } else if (floe_type_is_decimal(b)) {
                /* big-endian two's complement of pw bytes -> little-endian w bytes */
                uint8_t fill = (src[0] & 0x80) ? 0xff : 0;
                memset(dst, fill, w);
                for (size_t k = 0; k < pw && k < w; k++)
                    dst[k] = src[pw - 1 - k];
            } else {
                memcpy(dst, src, w);
            }
            break;
        }
        src += pw;
    }
    col->data_len += n * w;
    col->rows += n;
}

static int decode_levels(floe_parquet_reader *r, uint32_t **dst, size_t *cap, size_t n,
                         const uint8_t *p, size_t len, int width)
{
    if (n > *cap)
        FLOE_GROW(*dst, *cap, n);
    if (n && floe_parquet_rle_decode(*dst, n, p, len, width, NULL) < 0)
        return -1;
    return 0;
}

/* v1 levels: each present section is a 4-byte length and RLE data. */
static int v1_levels(floe_parquet_reader *r, uint32_t **dst, size_t *cap, size_t n,
                     const uint8_t **p, size_t *len, int width)
{
    if (*len < 4)
        return bad("truncated levels");
    uint32_t l;
    memcpy(&l, *p, 4);
    if (l > *len - 4)
        return bad("truncated levels");
    if (decode_levels(r, dst, cap, n, *p + 4, l, width) < 0)
        return -1;
    *p += 4 + l;
    *len -= 4 + l;
    return 0;
}

/* State of an Array being rebuilt across the pages of a chunk. */
typedef struct rd_list_state {
    bool started;   /* a row is open */
    uint64_t elems; /* elements appended to the child so far */
} rd_list_state;

static void close_row(floe_column *arr, rd_list_state *st)
{
    floe_column_reserve(arr, 1, 0);
    arr->offsets[arr->rows++] = st->elems;
}

/* Appends one page's n entries (levels decoded, values in r->vals). */
static int apply_page(floe_parquet_reader *r, const rd_col *c, floe_column *col, size_t n,
                      rd_list_state *st)
{
    if (!c->repeated) {
        if (!c->max_def) {
            scatter(r, c, col, n, NULL);
            return 0;
        }
        if (n > r->elem_levels_cap)
            FLOE_GROW(r->elem_levels, r->elem_levels_cap, n);
        for (size_t k = 0; k < n; k++) {
            if (r->levels[k] > c->max_def)
                return bad("level out of range");
            r->elem_levels[k] = r->levels[k] == c->max_def;
        }
        scatter(r, c, col, n, r->elem_levels);
        return 0;
    }
    /* col is the Array; its child takes the elements. */
    floe_column *child = col->children[0];
    size_t ne = 0;
    if (n > r->elem_levels_cap)
        FLOE_GROW(r->elem_levels, r->elem_levels_cap, n);
    /* First the elements (for the child), then the row boundaries. */
    for (size_t k = 0; k < n; k++) {
        uint32_t d = r->levels[k];
        if (d > c->max_def || r->reps[k] > 1)
            return bad("level out of range");
        if (r->reps[k] == 0 && st->started)
            close_row(col, st);
        if (r->reps[k] != 0 && !st->started)
            return bad("repeated value before its row");
        st->started = true;
        if (d >= c->list_def) {
            r->elem_levels[ne++] = d == c->max_def;
            st->elems++;
        }
    }
    scatter(r, c, child, ne, c->optional ? r->elem_levels : NULL);
    return 0;
}

static int read_chunk(floe_parquet_reader *r, const rd_col *c, const floe_parquet_column_meta *cm,
                      floe_column *col, int64_t rows)
{
    floe_codec codec;
    if (codec_of(cm->codec, &codec) < 0)
        return -1;
    int64_t start =
        cm->dictionary_page_offset >= 0 && cm->dictionary_page_offset < cm->data_page_offset
            ? cm->dictionary_page_offset
            : cm->data_page_offset;
    if (start < 4 || cm->total_compressed < 0 || (uint64_t)start > r->len ||
        (uint64_t)cm->total_compressed > r->len - (uint64_t)start)
        return bad("column chunk outside the file");
    const uint8_t *p = r->data + start, *end = p + cm->total_compressed;
    r->has_dict = false;
    int64_t total = c->repeated ? cm->num_values : rows; /* level entries */
    if (total < 0)
        return bad("negative value count");
    int dw = floe_parquet_bit_width(c->max_def);
    rd_list_state st = {false, 0};
    int64_t got = 0;
    while (got < total) {
        if (p >= end)
            return bad("column chunk ends before its rows");
        floe_parquet_page_header h;
        size_t used;
        if (floe_parquet_page_header_parse(&h, p, (size_t)(end - p), &used) < 0)
            return -1;
        p += used;
        if ((size_t)(end - p) < (size_t)h.compressed_size)
            return bad("page outside its column chunk");
        const uint8_t *body = p;
        p += h.compressed_size;
        if (h.type != 0 && h.type != 2 && h.type != 3)
            continue; /* index pages */
        size_t n = (size_t)h.num_values;
        if (h.type != 2 && (int64_t)n > total - got)
            return bad("more values than rows");
        /* the values with their offsets and NULL map stay; levels, indices
         * and value ends are the page's scratch */
        if (h.type != 2 && (charge(r, (uint64_t)n * (c->base->width + 9), true) < 0 ||
                            charge(r, (uint64_t)n * 24, false) < 0))
            return -1;
        const uint8_t *vals;
        size_t vlen;
        if (h.type == 0 || h.type == 2) {
            /* v1 data page or dictionary page: everything is compressed */
            vals = body;
            vlen = (size_t)h.uncompressed_size;
            if (codec.method != FLOE_CODEC_NONE) {
                if (charge(r, vlen, true) < 0)
                    return -1;
                floe_buf_clear(&r->page);
                floe_buf_reserve(&r->page, vlen);
                if (floe_codec_decompress(&codec, r->page.data, vlen, body,
                                          (size_t)h.compressed_size) < 0)
                    return -1;
                vals = (const uint8_t *)r->page.data;
            } else if (h.uncompressed_size != h.compressed_size) {
                return bad("uncompressed page sizes differ");
            }
            if (h.type == 2) {
                if (read_dict_page(r, c, vals, vlen, n) < 0)
                    return -1;
                continue;
            }
            if (c->max_rep && v1_levels(r, &r->reps, &r->reps_cap, n, &vals, &vlen, 1) < 0)
                return -1;
            if (c->max_def && v1_levels(r, &r->levels, &r->levels_cap, n, &vals, &vlen, dw) < 0)
                return -1;
        } else {
            size_t rl = (size_t)h.rep_levels_len, dl = (size_t)h.def_levels_len;
            if (rl + dl > (size_t)h.compressed_size || (size_t)h.uncompressed_size < rl + dl)
                return bad("DATA_PAGE_V2 sizes");
            if (c->max_rep && decode_levels(r, &r->reps, &r->reps_cap, n, body, rl, 1) < 0)
                return -1;
            if (c->max_def &&
                decode_levels(r, &r->levels, &r->levels_cap, n, body + rl, dl, dw) < 0)
                return -1;
            vals = body + rl + dl;
            vlen = (size_t)h.compressed_size - rl - dl;
            if (codec.method != FLOE_CODEC_NONE && h.is_compressed) {
                size_t ulen = (size_t)h.uncompressed_size - rl - dl;
                if (charge(r, ulen, true) < 0)
                    return -1;
                floe_buf_clear(&r->page);
                floe_buf_reserve(&r->page, ulen);
                if (floe_codec_decompress(&codec, r->page.data, ulen, vals, vlen) < 0)
                    return -1;
                vals = (const uint8_t *)r->page.data;
                vlen = ulen;
            }
        }
        size_t nn = n;
        if (c->max_def) {
            nn = 0;
            for (size_t i = 0; i < n; i++)
                nn += r->levels[i] == c->max_def;
        }
        if (read_values(r, c, h.encoding, vals, vlen, nn) < 0)
            return -1;
        if (apply_page(r, c, col, n, &st) < 0)
            return -1;
        got += (int64_t)n;
    }
    if (c->repeated) {
        if (st.started)
            close_row(col, &st);
        if ((int64_t)col->rows != rows)
            return bad("list rows differ from the row group's");
    }
    return 0;
}

int floe_parquet_reader_read_row_group(floe_parquet_reader *r, size_t g, floe_block **out)
{
    *out = NULL;
    if (g >= floe_parquet_reader_n_row_groups(r))
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Parquet row group %zu does not exist", g);
    const floe_parquet_row_group *rg = &r->meta->row_groups[g];
    if (rg->num_rows < 0)
        return bad("negative row count");
    r->spent = 0;
    if (charge(r, (uint64_t)rg->num_rows, true) < 0) /* rows even without columns */
        return -1;
    floe_block *b = floe_block_new();
    for (size_t i = 0; i < r->n_tops; i++) {
        floe_column *col = floe_column_new(r->tops[i].type);
        if (floe_type_base(r->tops[i].type)->id == FLOE_TYPE_TUPLE) {
            floe_column_reserve(col, (size_t)rg->num_rows, 0);
            col->rows = (size_t)rg->num_rows;
        }
        floe_block_add(b, r->tops[i].name, col);
    }
    for (size_t i = 0; i < r->n_cols; i++) {
        const rd_col *c = &r->cols[i];
        floe_column *col = b->cols[c->top];
        if (c->elem >= 0)
            col = col->children[c->elem];
        if (rg->columns[i].type != c->phys) {
            floe_block_free(b);
            return bad("column chunk type differs from the schema");
        }
        if (read_chunk(r, c, &rg->columns[i], col, rg->num_rows) < 0) {
            floe_error_prefix("While reading column '%s' of a Parquet file", c->name);
            floe_block_free(b);
            return -1;
        }
    }
    b->rows = (size_t)rg->num_rows;
    *out = b;
    return 0;
}
