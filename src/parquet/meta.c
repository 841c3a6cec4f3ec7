/*
 * Parsing Parquet's Thrift metadata: the footer's FileMetaData, page
 * headers and the page index (ColumnIndex, OffsetIndex). Fields floe does
 * not use are skipped, so files from newer writers still parse. Used by the
 * reader and by the tests that check what the writer wrote.
 */
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "parquet/meta.h"
#include "parquet/thrift.h"

/* The loop over one struct's fields: FIELD_LOOP opens it and binds id and
 * ty; a `default:` case skips what the caller does not handle. */
#define FIELD_LOOP(r)                                                                              \
    if (floe_thrift_read_struct_begin(r) < 0)                                                      \
        return -1;                                                                                 \
    for (;;) {                                                                                     \
        int16_t id;                                                                                \
        int ty;                                                                                    \
        if (floe_thrift_read_field(r, &id, &ty) < 0)                                               \
            return -1;                                                                             \
        if (ty == FLOE_THRIFT_STOP)                                                                \
            break;                                                                                 \
        switch (id)
#define FIELD_LOOP_END }

#define SKIP                                                                                       \
    default:                                                                                       \
        if (floe_thrift_skip(r, ty) < 0)                                                           \
            return -1;                                                                             \
        break

static int bad_type(void)
{
    return floe_error(FLOE_ERR_INCORRECT_DATA, "Unexpected Thrift type in Parquet metadata");
}

static int rd_int(floe_thrift_reader *r, int ty, int64_t *v)
{
    if (ty == FLOE_THRIFT_I8) {
        int8_t x;
        if (floe_thrift_read_i8(r, &x) < 0)
            return -1;
        *v = x;
        return 0;
    }
    if (ty != FLOE_THRIFT_I16 && ty != FLOE_THRIFT_I32 && ty != FLOE_THRIFT_I64)
        return bad_type();
    return floe_thrift_read_i64(r, v);
}

static int rd_i32(floe_thrift_reader *r, int ty, int *v)
{
    int64_t x;
    if (rd_int(r, ty, &x) < 0)
        return -1;
    if (x < INT32_MIN || x > INT32_MAX)
        return bad_type();
    *v = (int)x;
    return 0;
}

static int rd_bin(floe_thrift_reader *r, int ty, floe_parquet_bytes *b)
{
    if (ty != FLOE_THRIFT_BINARY)
        return bad_type();
    return floe_thrift_read_binary(r, &b->p, &b->n);
}

static int rd_bool(floe_thrift_reader *r, int ty, bool *v)
{
    if (ty != FLOE_THRIFT_BOOL_TRUE)
        return bad_type();
    *v = r->bool_value;
    return 0;
}

static int rd_list(floe_thrift_reader *r, int ty, int want, uint32_t *n)
{
    int et;
    if (ty != FLOE_THRIFT_LIST || floe_thrift_read_list_begin(r, &et, n) < 0)
        return ty != FLOE_THRIFT_LIST ? bad_type() : -1;
    if (et != want)
        return bad_type();
    return 0;
}

/* TimeUnit: the id of the set member. */
static int parse_time_unit(floe_thrift_reader *r, int *unit)
{
    FIELD_LOOP(r)
    {
    case 1:
    case 2:
    case 3:
        *unit = id;
        if (floe_thrift_skip(r, ty) < 0)
            return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

static int parse_logical_member(floe_thrift_reader *r, floe_parquet_schema_elem *e)
{
    FIELD_LOOP(r)
    {
    case 1:
        if (e->logical == 5) {
            if (rd_i32(r, ty, &e->dec_scale) < 0)
                return -1;
        } else if (e->logical == 10) {
            if (rd_i32(r, ty, &e->int_bits) < 0)
                return -1;
        } else if (e->logical == 7 || e->logical == 8) {
            if (rd_bool(r, ty, &e->utc) < 0)
                return -1;
        } else if (floe_thrift_skip(r, ty) < 0) {
            return -1;
        }
        break;
    case 2:
        if (e->logical == 5) {
            if (rd_i32(r, ty, &e->dec_precision) < 0)
                return -1;
        } else if (e->logical == 10) {
            if (rd_bool(r, ty, &e->int_signed) < 0)
                return -1;
        } else if ((e->logical == 7 || e->logical == 8) && ty == FLOE_THRIFT_STRUCT) {
            if (parse_time_unit(r, &e->time_unit) < 0)
                return -1;
        } else if (floe_thrift_skip(r, ty) < 0) {
            return -1;
        }
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

static int parse_logical(floe_thrift_reader *r, floe_parquet_schema_elem *e)
{
    FIELD_LOOP(r)
    {
    default:
        if (ty != FLOE_THRIFT_STRUCT) {
            if (floe_thrift_skip(r, ty) < 0)
                return -1;
            break;
        }
        e->logical = id;
        if (parse_logical_member(r, e) < 0)
            return -1;
        break;
    }
    FIELD_LOOP_END
    return 0;
}

static int parse_schema_elem(floe_thrift_reader *r, floe_parquet_schema_elem *e)
{
    e->type = -1;
    e->type_length = -1;
    e->repetition = -1;
    e->num_children = -1;
    e->converted = -1;
    FIELD_LOOP(r)
    {
    case 1:
        if (rd_i32(r, ty, &e->type) < 0)
            return -1;
        break;
    case 2:
        if (rd_i32(r, ty, &e->type_length) < 0)
            return -1;
        break;
    case 3:
        if (rd_i32(r, ty, &e->repetition) < 0)
            return -1;
        break;
    case 4:
        if (rd_bin(r, ty, &e->name) < 0)
            return -1;
        break;
    case 5:
        if (rd_i32(r, ty, &e->num_children) < 0)
            return -1;
        break;
    case 6:
        if (rd_i32(r, ty, &e->converted) < 0)
            return -1;
        break;
    case 7:
        if (rd_i32(r, ty, &e->scale) < 0)
            return -1;
        break;
    case 8:
        if (rd_i32(r, ty, &e->precision) < 0)
            return -1;
        break;
    case 10:
        if (ty != FLOE_THRIFT_STRUCT)
            return bad_type();
        if (parse_logical(r, e) < 0)
            return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

static int parse_statistics(floe_thrift_reader *r, floe_parquet_statistics *s)
{
    FIELD_LOOP(r)
    {
    case 1:
        if (rd_bin(r, ty, &s->max) < 0)
            return -1;
        break;
    case 2:
        if (rd_bin(r, ty, &s->min) < 0)
            return -1;
        break;
    case 3:
        if (rd_int(r, ty, &s->null_count) < 0)
            return -1;
        s->has_null_count = true;
        break;
    case 5:
        if (rd_bin(r, ty, &s->max_value) < 0)
            return -1;
        break;
    case 6:
        if (rd_bin(r, ty, &s->min_value) < 0)
            return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

static int parse_column_meta(floe_thrift_reader *r, floe_parquet_column_meta *c)
{
    uint32_t n;
    FIELD_LOOP(r)
    {
    case 1:
        if (rd_i32(r, ty, &c->type) < 0)
            return -1;
        break;
    case 2:
        if (rd_list(r, ty, FLOE_THRIFT_I32, &n) < 0)
            return -1;
        for (uint32_t i = 0; i < n; i++) {
            int64_t e;
            if (floe_thrift_read_i64(r, &e) < 0)
                return -1;
            if (c->n_encodings < 16)
                c->encodings[c->n_encodings++] = (int)e;
        }
        break;
    case 3:
        if (rd_list(r, ty, FLOE_THRIFT_BINARY, &n) < 0)
            return -1;
        for (uint32_t i = 0; i < n; i++) {
            floe_parquet_bytes b;
            if (floe_thrift_read_binary(r, &b.p, &b.n) < 0)
                return -1;
            if (i == 0)
                c->path = b;
        }
        c->n_path = (int)n;
        break;
    case 4:
        if (rd_i32(r, ty, &c->codec) < 0)
            return -1;
        break;
    case 5:
        if (rd_int(r, ty, &c->num_values) < 0)
            return -1;
        break;
    case 6:
        if (rd_int(r, ty, &c->total_uncompressed) < 0)
            return -1;
        break;
    case 7:
        if (rd_int(r, ty, &c->total_compressed) < 0)
            return -1;
        break;
    case 9:
        if (rd_int(r, ty, &c->data_page_offset) < 0)
            return -1;
        break;
    case 11:
        if (rd_int(r, ty, &c->dictionary_page_offset) < 0)
            return -1;
        break;
    case 12:
        if (ty != FLOE_THRIFT_STRUCT)
            return bad_type();
        if (parse_statistics(r, &c->stats) < 0)
            return -1;
        c->has_statistics = true;
        break;
    case 14:
        if (rd_int(r, ty, &c->bloom_filter_offset) < 0)
            return -1;
        break;
    case 15:
        if (rd_i32(r, ty, &c->bloom_filter_length) < 0)
            return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

static int parse_column_chunk(floe_thrift_reader *r, floe_parquet_column_meta *c)
{
    c->dictionary_page_offset = -1;
    c->offset_index_offset = c->column_index_offset = -1;
    c->bloom_filter_offset = -1;
    FIELD_LOOP(r)
    {
    case 3:
        if (ty != FLOE_THRIFT_STRUCT)
            return bad_type();
        if (parse_column_meta(r, c) < 0)
            return -1;
        break;
    case 4:
        if (rd_int(r, ty, &c->offset_index_offset) < 0)
            return -1;
        break;
    case 5:
        if (rd_i32(r, ty, &c->offset_index_length) < 0)
            return -1;
        break;
    case 6:
        if (rd_int(r, ty, &c->column_index_offset) < 0)
            return -1;
        break;
    case 7:
        if (rd_i32(r, ty, &c->column_index_length) < 0)
            return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

static int parse_sorting(floe_thrift_reader *r, floe_parquet_sorting *s)
{
    FIELD_LOOP(r)
    {
    case 1:
        if (rd_i32(r, ty, &s->column) < 0)
            return -1;
        break;
    case 2:
        if (rd_bool(r, ty, &s->descending) < 0)
            return -1;
        break;
    case 3:
        if (rd_bool(r, ty, &s->nulls_first) < 0)
            return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

static int parse_row_group(floe_thrift_reader *r, floe_parquet_row_group *g)
{
    uint32_t n;
    g->file_offset = g->total_compressed_size = -1;
    g->ordinal = -1;
    FIELD_LOOP(r)
    {
    case 1:
        if (rd_list(r, ty, FLOE_THRIFT_STRUCT, &n) < 0 || g->columns)
            return g->columns ? bad_type() : -1;
        g->columns = floe_calloc(n ? n : 1, sizeof *g->columns);
        g->n_columns = n;
        for (uint32_t i = 0; i < n; i++)
            if (parse_column_chunk(r, &g->columns[i]) < 0)
                return -1;
        break;
    case 2:
        if (rd_int(r, ty, &g->total_byte_size) < 0)
            return -1;
        break;
    case 3:
        if (rd_int(r, ty, &g->num_rows) < 0)
            return -1;
        break;
    case 4:
        if (rd_list(r, ty, FLOE_THRIFT_STRUCT, &n) < 0 || g->sorting)
            return g->sorting ? bad_type() : -1;
        g->sorting = floe_calloc(n ? n : 1, sizeof *g->sorting);
        g->n_sorting = n;
        for (uint32_t i = 0; i < n; i++)
            if (parse_sorting(r, &g->sorting[i]) < 0)
                return -1;
        break;
    case 5:
        if (rd_int(r, ty, &g->file_offset) < 0)
            return -1;
        break;
    case 6:
        if (rd_int(r, ty, &g->total_compressed_size) < 0)
            return -1;
        break;
    case 7:
        if (rd_i32(r, ty, &g->ordinal) < 0)
            return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

static int parse_kv(floe_thrift_reader *r, floe_parquet_key_value *kv)
{
    FIELD_LOOP(r)
    {
    case 1:
        if (rd_bin(r, ty, &kv->key) < 0)
            return -1;
        break;
    case 2:
        if (rd_bin(r, ty, &kv->value) < 0)
            return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

static int parse_file_meta(floe_thrift_reader *r, floe_parquet_meta *m)
{
    uint32_t n;
    FIELD_LOOP(r)
    {
    case 1:
        if (rd_i32(r, ty, &m->version) < 0)
            return -1;
        break;
    case 2:
        if (rd_list(r, ty, FLOE_THRIFT_STRUCT, &n) < 0 || m->schema)
            return m->schema ? bad_type() : -1;
        m->schema = floe_calloc(n ? n : 1, sizeof *m->schema);
        m->n_schema = n;
        for (uint32_t i = 0; i < n; i++)
            if (parse_schema_elem(r, &m->schema[i]) < 0)
                return -1;
        break;
    case 3:
        if (rd_int(r, ty, &m->num_rows) < 0)
            return -1;
        break;
    case 4:
        if (rd_list(r, ty, FLOE_THRIFT_STRUCT, &n) < 0 || m->row_groups)
            return m->row_groups ? bad_type() : -1;
        m->row_groups = floe_calloc(n ? n : 1, sizeof *m->row_groups);
        m->n_row_groups = n;
        for (uint32_t i = 0; i < n; i++)
            if (parse_row_group(r, &m->row_groups[i]) < 0)
                return -1;
        break;
    case 5:
        if (rd_list(r, ty, FLOE_THRIFT_STRUCT, &n) < 0 || m->kv)
            return m->kv ? bad_type() : -1;
        m->kv = floe_calloc(n ? n : 1, sizeof *m->kv);
        m->n_kv = n;
        for (uint32_t i = 0; i < n; i++)
            if (parse_kv(r, &m->kv[i]) < 0)
                return -1;
        break;
    case 6:
        if (rd_bin(r, ty, &m->created_by) < 0)
            return -1;
        break;
    case 7:
        if (rd_list(r, ty, FLOE_THRIFT_STRUCT, &n) < 0)
            return -1;
        for (uint32_t i = 0; i < n; i++)
            if (floe_thrift_skip(r, FLOE_THRIFT_STRUCT) < 0)
                return -1;
        m->n_column_orders = (int)n;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

int floe_parquet_meta_parse(floe_parquet_meta **out, const void *footer, size_t len)
{
    floe_parquet_meta *m = floe_calloc(1, sizeof *m);
    *out = m;
    m->footer = floe_malloc(len ? len : 1);
    memcpy(m->footer, footer, len);
    m->footer_len = len;
    floe_thrift_reader r;
    floe_thrift_reader_init(&r, m->footer, len);
    if (parse_file_meta(&r, m) < 0)
        return floe_error_prefix("Cannot parse Parquet file metadata");
    return 0;
}

int floe_parquet_meta_from_file(floe_parquet_meta **out, const void *file, size_t len)
{
    const uint8_t *f = file;
    *out = NULL;
    if (len < 12 || memcmp(f, "PAR1", 4) != 0 || memcmp(f + len - 4, "PAR1", 4) != 0)
        return floe_error(FLOE_ERR_INCORRECT_DATA, "Not a Parquet file (no PAR1 magic)");
    uint32_t flen = (uint32_t)f[len - 8] | (uint32_t)f[len - 7] << 8 | (uint32_t)f[len - 6] << 16 |
                    (uint32_t)f[len - 5] << 24;
    if (flen > len - 12)
        return floe_error(FLOE_ERR_INCORRECT_DATA, "Parquet footer length %u is out of range",
                          flen);
    return floe_parquet_meta_parse(out, f + len - 8 - flen, flen);
}

void floe_parquet_meta_free(floe_parquet_meta *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_row_groups; i++) {
        floe_free(m->row_groups[i].columns);
        floe_free(m->row_groups[i].sorting);
    }
    floe_free(m->row_groups);
    floe_free(m->schema);
    floe_free(m->kv);
    floe_free(m->footer);
    floe_free(m);
}

static int parse_data_page_header(floe_thrift_reader *r, floe_parquet_page_header *h)
{
    FIELD_LOOP(r)
    {
    case 1:
        if (rd_i32(r, ty, &h->num_values) < 0)
            return -1;
        break;
    case 2:
        if (rd_i32(r, ty, &h->encoding) < 0)
            return -1;
        break;
    case 3:
        if (rd_i32(r, ty, &h->def_encoding) < 0)
            return -1;
        break;
    case 4:
        if (rd_i32(r, ty, &h->rep_encoding) < 0)
            return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

static int parse_dict_page_header(floe_thrift_reader *r, floe_parquet_page_header *h)
{
    FIELD_LOOP(r)
    {
    case 1:
        if (rd_i32(r, ty, &h->num_values) < 0)
            return -1;
        break;
    case 2:
        if (rd_i32(r, ty, &h->encoding) < 0)
            return -1;
        break;
    case 3:
        if (rd_bool(r, ty, &h->is_sorted) < 0)
            return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

static int parse_data_page_header_v2(floe_thrift_reader *r, floe_parquet_page_header *h)
{
    FIELD_LOOP(r)
    {
    case 1:
        if (rd_i32(r, ty, &h->num_values) < 0)
            return -1;
        break;
    case 2:
        if (rd_i32(r, ty, &h->num_nulls) < 0)
            return -1;
        break;
    case 3:
        if (rd_i32(r, ty, &h->num_rows) < 0)
            return -1;
        break;
    case 4:
        if (rd_i32(r, ty, &h->encoding) < 0)
            return -1;
        break;
    case 5:
        if (rd_i32(r, ty, &h->def_levels_len) < 0)
            return -1;
        break;
    case 6:
        if (rd_i32(r, ty, &h->rep_levels_len) < 0)
            return -1;
        break;
    case 7:
        if (rd_bool(r, ty, &h->is_compressed) < 0)
            return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

static int parse_page_header(floe_thrift_reader *r, floe_parquet_page_header *h)
{
    FIELD_LOOP(r)
    {
    case 1:
        if (rd_i32(r, ty, &h->type) < 0)
            return -1;
        break;
    case 2:
        if (rd_i32(r, ty, &h->uncompressed_size) < 0)
            return -1;
        break;
    case 3:
        if (rd_i32(r, ty, &h->compressed_size) < 0)
            return -1;
        break;
    case 4:
        if (rd_i32(r, ty, &h->crc) < 0)
            return -1;
        h->has_crc = true;
        break;
    case 5:
        if (ty != FLOE_THRIFT_STRUCT)
            return bad_type();
        if (parse_data_page_header(r, h) < 0)
            return -1;
        break;
    case 7:
        if (ty != FLOE_THRIFT_STRUCT)
            return bad_type();
        if (parse_dict_page_header(r, h) < 0)
            return -1;
        break;
    case 8:
        if (ty != FLOE_THRIFT_STRUCT)
            return bad_type();
        if (parse_data_page_header_v2(r, h) < 0)
            return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

int floe_parquet_page_header_parse(floe_parquet_page_header *h, const uint8_t *p, size_t len,
                                   size_t *used)
{
    memset(h, 0, sizeof *h);
    h->type = -1;
    h->is_compressed = true;
    floe_thrift_reader r;
    floe_thrift_reader_init(&r, p, len);
    if (parse_page_header(&r, h) < 0)
        return floe_error_prefix("Cannot parse Parquet page header");
    if (h->uncompressed_size < 0 || h->compressed_size < 0 || h->num_values < 0 ||
        h->num_nulls < 0 || h->def_levels_len < 0 || h->rep_levels_len < 0)
        return floe_error(FLOE_ERR_INCORRECT_DATA, "Negative size in Parquet page header");
    *used = (size_t)(r.p - p);
    return 0;
}

static int parse_location(floe_thrift_reader *r, floe_parquet_page_location *l)
{
    FIELD_LOOP(r)
    {
    case 1:
        if (rd_int(r, ty, &l->offset) < 0)
            return -1;
        break;
    case 2: {
        int v = 0;
        if (rd_i32(r, ty, &v) < 0)
            return -1;
        l->compressed_page_size = v;
        break;
    }
    case 3:
        if (rd_int(r, ty, &l->first_row_index) < 0)
            return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

static int parse_offset_index(floe_thrift_reader *r, floe_parquet_page_index *pi)
{
    uint32_t n;
    FIELD_LOOP(r)
    {
    case 1:
        if (rd_list(r, ty, FLOE_THRIFT_STRUCT, &n) < 0 || pi->locations)
            return pi->locations ? bad_type() : -1;
        pi->locations = floe_calloc(n ? n : 1, sizeof *pi->locations);
        pi->n_locations = n;
        for (uint32_t i = 0; i < n; i++)
            if (parse_location(r, &pi->locations[i]) < 0)
                return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

int floe_parquet_offset_index_parse(floe_parquet_page_index *pi, const uint8_t *p, size_t len)
{
    floe_thrift_reader r;
    floe_thrift_reader_init(&r, p, len);
    if (parse_offset_index(&r, pi) < 0)
        return floe_error_prefix("Cannot parse Parquet offset index");
    return 0;
}

/* The ColumnIndex lists must all have one entry per page. */
static int check_pages(floe_parquet_page_index *pi, uint32_t n)
{
    if (pi->n_pages && pi->n_pages != n)
        return floe_error(FLOE_ERR_INCORRECT_DATA, "Parquet column index lists differ in length");
    pi->n_pages = n;
    return 0;
}

static int parse_column_index(floe_thrift_reader *r, floe_parquet_page_index *pi)
{
    uint32_t n;
    FIELD_LOOP(r)
    {
    case 1:
        if (rd_list(r, ty, FLOE_THRIFT_BOOL_TRUE, &n) < 0 || pi->null_pages ||
            check_pages(pi, n) < 0)
            return pi->null_pages ? bad_type() : -1;
        pi->null_pages = floe_calloc(n ? n : 1, sizeof *pi->null_pages);
        for (uint32_t i = 0; i < n; i++)
            if (floe_thrift_read_bool(r, &pi->null_pages[i]) < 0)
                return -1;
        break;
    case 2:
    case 3: {
        floe_parquet_bytes **dst = id == 2 ? &pi->min_values : &pi->max_values;
        if (rd_list(r, ty, FLOE_THRIFT_BINARY, &n) < 0 || *dst || check_pages(pi, n) < 0)
            return *dst ? bad_type() : -1;
        *dst = floe_calloc(n ? n : 1, sizeof **dst);
        for (uint32_t i = 0; i < n; i++)
            if (floe_thrift_read_binary(r, &(*dst)[i].p, &(*dst)[i].n) < 0)
                return -1;
        break;
    }
    case 4:
        if (rd_i32(r, ty, &pi->boundary_order) < 0)
            return -1;
        break;
    case 5:
        if (rd_list(r, ty, FLOE_THRIFT_I64, &n) < 0 || pi->null_counts || check_pages(pi, n) < 0)
            return pi->null_counts ? bad_type() : -1;
        pi->null_counts = floe_calloc(n ? n : 1, sizeof *pi->null_counts);
        for (uint32_t i = 0; i < n; i++)
            if (floe_thrift_read_i64(r, &pi->null_counts[i]) < 0)
                return -1;
        break;
        SKIP;
    }
    FIELD_LOOP_END
    return 0;
}

int floe_parquet_column_index_parse(floe_parquet_page_index *pi, const uint8_t *p, size_t len)
{
    floe_thrift_reader r;
    floe_thrift_reader_init(&r, p, len);
    if (parse_column_index(&r, pi) < 0)
        return floe_error_prefix("Cannot parse Parquet column index");
    return 0;
}

void floe_parquet_page_index_free(floe_parquet_page_index *pi)
{
    floe_free(pi->locations);
    floe_free(pi->null_pages);
    floe_free(pi->min_values);
    floe_free(pi->max_values);
    floe_free(pi->null_counts);
    memset(pi, 0, sizeof *pi);
}
