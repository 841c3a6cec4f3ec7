/*
 * Thrift compact protocol encoder and decoder (apache/thrift
 * doc/specs/thrift-compact-protocol.md): field headers carry the id delta
 * and the type in one byte, integers are zigzag varints, bools live in the
 * field header. Parquet's metadata is written and read through this file.
 */
#include <string.h>

#include "base/error.h"
#include "parquet/thrift.h"

void floe_thrift_put_varint(floe_buf *b, uint64_t v)
{
    uint8_t tmp[10];
    size_t n = 0;
    while (v >= 0x80) {
        tmp[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    tmp[n++] = (uint8_t)v;
    floe_buf_append(b, tmp, n);
}

void floe_thrift_writer_init(floe_thrift_writer *w, floe_buf *out)
{
    w->out = out;
    w->depth = 0;
    w->last_id[0] = 0;
}

static void field_header(floe_thrift_writer *w, int16_t id, int type)
{
    int16_t last = w->last_id[w->depth];
    if (id > last && id - last <= 15) {
        floe_buf_putc(w->out, (char)(((id - last) << 4) | type));
    } else {
        floe_buf_putc(w->out, (char)type);
        floe_thrift_put_varint(w->out, floe_zigzag64(id));
    }
    w->last_id[w->depth] = id;
}

void floe_thrift_field_bool(floe_thrift_writer *w, int16_t id, bool v)
{
    field_header(w, id, v ? FLOE_THRIFT_BOOL_TRUE : FLOE_THRIFT_BOOL_FALSE);
}

void floe_thrift_field_i8(floe_thrift_writer *w, int16_t id, int8_t v)
{
    field_header(w, id, FLOE_THRIFT_I8);
    floe_buf_putc(w->out, (char)v);
}

void floe_thrift_field_i16(floe_thrift_writer *w, int16_t id, int16_t v)
{
    field_header(w, id, FLOE_THRIFT_I16);
    floe_thrift_put_varint(w->out, floe_zigzag64(v));
}

void floe_thrift_field_i32(floe_thrift_writer *w, int16_t id, int32_t v)
{
    field_header(w, id, FLOE_THRIFT_I32);
    floe_thrift_put_varint(w->out, floe_zigzag64(v));
}

void floe_thrift_field_i64(floe_thrift_writer *w, int16_t id, int64_t v)
{
    field_header(w, id, FLOE_THRIFT_I64);
    floe_thrift_put_varint(w->out, floe_zigzag64(v));
}

void floe_thrift_field_double(floe_thrift_writer *w, int16_t id, double v)
{
    field_header(w, id, FLOE_THRIFT_DOUBLE);
    uint64_t bits;
    memcpy(&bits, &v, 8);
    uint8_t le[8];
    for (int i = 0; i < 8; i++)
        le[i] = (uint8_t)(bits >> (8 * i));
    floe_buf_append(w->out, le, 8);
}

void floe_thrift_field_binary(floe_thrift_writer *w, int16_t id, const void *p, size_t n)
{
    field_header(w, id, FLOE_THRIFT_BINARY);
    floe_thrift_write_binary(w, p, n);
}

void floe_thrift_field_string(floe_thrift_writer *w, int16_t id, const char *s)
{
    floe_thrift_field_binary(w, id, s, strlen(s));
}

void floe_thrift_struct_begin(floe_thrift_writer *w)
{
    if (w->depth + 1 >= FLOE_THRIFT_MAX_DEPTH)
        return; /* Parquet never nests this deep; keep writing at this level */
    w->last_id[++w->depth] = 0;
}

void floe_thrift_field_struct_begin(floe_thrift_writer *w, int16_t id)
{
    field_header(w, id, FLOE_THRIFT_STRUCT);
    floe_thrift_struct_begin(w);
}

void floe_thrift_struct_end(floe_thrift_writer *w)
{
    floe_buf_putc(w->out, FLOE_THRIFT_STOP);
    if (w->depth > 0)
        w->depth--;
}

void floe_thrift_field_list_begin(floe_thrift_writer *w, int16_t id, int elem_type, uint32_t n)
{
    field_header(w, id, FLOE_THRIFT_LIST);
    if (elem_type == FLOE_THRIFT_BOOL_FALSE)
        elem_type = FLOE_THRIFT_BOOL_TRUE;
    if (n < 15) {
        floe_buf_putc(w->out, (char)((n << 4) | (uint32_t)elem_type));
    } else {
        floe_buf_putc(w->out, (char)(0xf0 | elem_type));
        floe_thrift_put_varint(w->out, n);
    }
}

void floe_thrift_write_bool(floe_thrift_writer *w, bool v)
{
    floe_buf_putc(w->out, v ? 1 : 0);
}

void floe_thrift_write_i32(floe_thrift_writer *w, int32_t v)
{
    floe_thrift_put_varint(w->out, floe_zigzag64(v));
}

void floe_thrift_write_i64(floe_thrift_writer *w, int64_t v)
{
    floe_thrift_put_varint(w->out, floe_zigzag64(v));
}

void floe_thrift_write_binary(floe_thrift_writer *w, const void *p, size_t n)
{
    floe_thrift_put_varint(w->out, n);
    floe_buf_append(w->out, p, n);
}

/* --- decoder --- */

static int truncated(void)
{
    return floe_error(FLOE_ERR_INCORRECT_DATA, "Parquet metadata is truncated or malformed");
}

void floe_thrift_reader_init(floe_thrift_reader *r, const void *p, size_t n)
{
    r->p = p;
    r->end = r->p + n;
    r->depth = 0;
    r->last_id[0] = 0;
    r->bool_value = false;
}

int floe_thrift_read_varint(floe_thrift_reader *r, uint64_t *v)
{
    uint64_t x = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->p >= r->end)
            return truncated();
        uint8_t b = *r->p++;
        x |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *v = x;
            return 0;
        }
    }
    return truncated();
}

int floe_thrift_read_struct_begin(floe_thrift_reader *r)
{
    if (r->depth + 1 >= FLOE_THRIFT_MAX_DEPTH)
        return floe_error(FLOE_ERR_INCORRECT_DATA, "Parquet metadata is nested too deeply");
    r->last_id[++r->depth] = 0;
    return 0;
}

int floe_thrift_read_field(floe_thrift_reader *r, int16_t *id, int *type)
{
    if (r->p >= r->end)
        return truncated();
    uint8_t b = *r->p++;
    int t = b & 0x0f;
    if (t == FLOE_THRIFT_STOP) {
        *type = FLOE_THRIFT_STOP;
        *id = 0;
        if (r->depth > 0)
            r->depth--;
        return 0;
    }
    int delta = b >> 4;
    int16_t fid;
    if (delta) {
        fid = (int16_t)(r->last_id[r->depth] + delta);
    } else {
        uint64_t z;
        if (floe_thrift_read_varint(r, &z) < 0)
            return -1;
        fid = (int16_t)floe_unzigzag64(z);
    }
    r->last_id[r->depth] = fid;
    if (t == FLOE_THRIFT_BOOL_TRUE || t == FLOE_THRIFT_BOOL_FALSE) {
        r->bool_value = t == FLOE_THRIFT_BOOL_TRUE;
        t = FLOE_THRIFT_BOOL_TRUE;
    }
    if (t > FLOE_THRIFT_STRUCT)
        return floe_error(FLOE_ERR_INCORRECT_DATA, "Unknown Thrift type %d in Parquet metadata", t);
    *id = fid;
    *type = t;
    return 0;
}

int floe_thrift_read_bool(floe_thrift_reader *r, bool *v)
{
    if (r->p >= r->end)
        return truncated();
    *v = *r->p++ == 1;
    return 0;
}

int floe_thrift_read_i8(floe_thrift_reader *r, int8_t *v)
{
    if (r->p >= r->end)
        return truncated();
    *v = (int8_t)*r->p++;
    return 0;
}

int floe_thrift_read_i64(floe_thrift_reader *r, int64_t *v)
{
    uint64_t z;
    if (floe_thrift_read_varint(r, &z) < 0)
        return -1;
    *v = floe_unzigzag64(z);
    return 0;
}

int floe_thrift_read_i32(floe_thrift_reader *r, int32_t *v)
{
    int64_t x;
    if (floe_thrift_read_i64(r, &x) < 0)
        return -1;
    if (x < INT32_MIN || x > INT32_MAX)
        return truncated();
    *v = (int32_t)x;
    return 0;
}

int floe_thrift_read_i16(floe_thrift_reader *r, int16_t *v)
{
    int64_t x;
    if (floe_thrift_read_i64(r, &x) < 0)
        return -1;
    if (x < INT16_MIN || x > INT16_MAX)
        return truncated();
    *v = (int16_t)x;
    return 0;
}

int floe_thrift_read_double(floe_thrift_reader *r, double *v)
{
    if (r->end - r->p < 8)
        return truncated();
    uint64_t bits = 0;
    for (int i = 0; i < 8; i++)
        bits |= (uint64_t)r->p[i] << (8 * i);
    r->p += 8;
    memcpy(v, &bits, 8);
    return 0;
}

int floe_thrift_read_binary(floe_thrift_reader *r, const uint8_t **p, size_t *n)
{
    uint64_t len;
    if (floe_thrift_read_varint(r, &len) < 0)
        return -1;
    if (len > (uint64_t)(r->end - r->p))
        return truncated();
    *p = r->p;
    *n = (size_t)len;
    r->p += len;
    return 0;
}

int floe_thrift_read_list_begin(floe_thrift_reader *r, int *elem_type, uint32_t *n)
{
    if (r->p >= r->end)
        return truncated();
    uint8_t b = *r->p++;
    uint64_t size = b >> 4;
    if (size == 15 && floe_thrift_read_varint(r, &size) < 0)
        return -1;
    if (size > (uint64_t)(r->end - r->p)) /* every element takes at least one byte */
        return truncated();
    int t = b & 0x0f;
    if (t == FLOE_THRIFT_BOOL_FALSE)
        t = FLOE_THRIFT_BOOL_TRUE;
    *elem_type = t;
    *n = (uint32_t)size;
    return 0;
}

/* Lists and maps nest like structs and count toward the same depth, so
 * skipping a value recurses a bounded number of times. */
static int nest_begin(floe_thrift_reader *r)
{
    if (r->depth + 1 >= FLOE_THRIFT_MAX_DEPTH)
        return floe_error(FLOE_ERR_INCORRECT_DATA, "Parquet metadata is nested too deeply");
    r->depth++;
    return 0;
}

int floe_thrift_skip(floe_thrift_reader *r, int type)
{
    uint64_t u;
    const uint8_t *p;
    size_t n;
    switch (type) {
    case FLOE_THRIFT_BOOL_TRUE:
    case FLOE_THRIFT_BOOL_FALSE:
        return 0; /* a field's bool lives in its header; list elements use read_bool */
    case FLOE_THRIFT_I8:
        if (r->p >= r->end)
            return truncated();
        r->p++;
        return 0;
    case FLOE_THRIFT_I16:
    case FLOE_THRIFT_I32:
    case FLOE_THRIFT_I64:
        return floe_thrift_read_varint(r, &u);
    case FLOE_THRIFT_DOUBLE:
        if (r->end - r->p < 8)
            return truncated();
        r->p += 8;
        return 0;
    case FLOE_THRIFT_BINARY:
        return floe_thrift_read_binary(r, &p, &n);
    case FLOE_THRIFT_LIST:
    case FLOE_THRIFT_SET: {
        int et;
        uint32_t cnt;
        if (floe_thrift_read_list_begin(r, &et, &cnt) < 0 || nest_begin(r) < 0)
            return -1;
        for (uint32_t i = 0; i < cnt; i++) {
            int rc = et == FLOE_THRIFT_BOOL_TRUE ? (r->p < r->end ? (r->p++, 0) : truncated())
                                                 : floe_thrift_skip(r, et);
            if (rc < 0)
                return -1;
        }
        r->depth--;
        return 0;
    }
    case FLOE_THRIFT_MAP: {
        uint64_t cnt;
        if (floe_thrift_read_varint(r, &cnt) < 0)
            return -1;
        if (cnt == 0)
            return 0;
        if (r->p >= r->end || cnt > (uint64_t)(r->end - r->p))
            return truncated();
        if (nest_begin(r) < 0)
            return -1;
        uint8_t kv = *r->p++;
        int kt = kv >> 4, vt = kv & 0x0f;
        for (uint64_t i = 0; i < cnt; i++) {
            for (int k = 0; k < 2; k++) {
                int t = k ? vt : kt;
                int rc = (t == FLOE_THRIFT_BOOL_TRUE || t == FLOE_THRIFT_BOOL_FALSE)
                             ? (r->p < r->end ? (r->p++, 0) : truncated())
                             : floe_thrift_skip(r, t);
                if (rc < 0)
                    return -1;
            }
        }
        r->depth--;
        return 0;
    }
    case FLOE_THRIFT_STRUCT: {
        if (floe_thrift_read_struct_begin(r) < 0)
            return -1;
        for (;;) {
            int16_t id;
            int t;
            if (floe_thrift_read_field(r, &id, &t) < 0)
                return -1;
            if (t == FLOE_THRIFT_STOP)
                return 0;
            if (floe_thrift_skip(r, t) < 0)
                return -1;
        }
    }
    default:
        return floe_error(FLOE_ERR_INCORRECT_DATA, "Unknown Thrift type %d in Parquet metadata",
                          type);
    }
}
