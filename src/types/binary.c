/*
 * Binary streams of column values (see binary.h). Fixed-width values are a
 * single memcpy each way; strings go value by value with VarUInt lengths.
 */
#include <string.h>

#include "base/error.h"
#include "base/varint.h"
#include "types/binary.h"

bool floe_binary_supported(const floe_type *t)
{
    if (t->id == FLOE_TYPE_LOWCARDINALITY)
        return false;
    const floe_type *b = floe_type_base(t);
    return b->id != FLOE_TYPE_TUPLE && b->id != FLOE_TYPE_ARRAY && b->id != FLOE_TYPE_NOTHING;
}

void floe_binary_write_values(floe_buf *out, const floe_column *c, size_t from, size_t n)
{
    const floe_type *b = floe_type_base(c->type);
    if (b->id == FLOE_TYPE_STRING) {
        uint64_t start = from ? c->offsets[from - 1] : 0;
        uint64_t end = n ? c->offsets[from + n - 1] : start;
        floe_buf_reserve(out, (end - start) + n * 2);
        for (size_t i = from; i < from + n; i++) {
            size_t len;
            const char *p = floe_column_string_at(c, i, &len);
            if (out->len + len + 10 > out->cap)
                floe_buf_reserve(out, len + 10);
            out->len += floe_uleb128_encode((unsigned char *)out->data + out->len, len);
            if (len)
                memcpy(out->data + out->len, p, len);
            out->len += len;
        }
        out->data[out->len] = '\0';
        return;
    }
    floe_buf_append(out, c->data + from * b->width, n * b->width);
}

void floe_binary_write_nulls(floe_buf *out, const floe_column *c, size_t from, size_t n)
{
    if (c->nulls) {
        floe_buf_append(out, c->nulls + from, n);
        return;
    }
    floe_buf_reserve(out, n);
    memset(out->data + out->len, 0, n);
    out->len += n;
    out->data[out->len] = '\0';
}

int floe_binary_read_values(floe_column *c, const char *p, size_t len, size_t rows, size_t *used)
{
    const floe_type *b = floe_type_base(c->type);
    if (b->id == FLOE_TYPE_STRING) {
        const char *s = p, *end = p + len;
        floe_column_reserve(c, rows, len < rows * 16 ? len : rows * 16);
        size_t i = 0;
        for (; i < rows && s < end; i++) {
            uint64_t l = 0;
            if (floe_uleb128_read(&l, &s, end) < 0)
                break;
            if (l > (uint64_t)(end - s)) {
                s = NULL;
                break;
            }
            floe_column_push_string(c, s, (size_t)l);
            s += l;
        }
        if (!s)
            return floe_error(FLOE_ERR_CANNOT_READ_ALL_DATA,
                              "Cannot read all data. Bytes read: %zu. String expected", len);
        *used = (size_t)(s - p);
        return 0;
    }
    size_t w = b->width;
    size_t have = len / w;
    if (have > rows)
        have = rows;
    floe_column_reserve(c, have, 0);
    if (have) /* p may be NULL when there is nothing to read */
        memcpy(c->data + c->data_len, p, have * w);
    c->data_len += have * w;
    if (c->nulls)
        memset(c->nulls + c->rows, 0, have);
    c->rows += have;
    *used = have * w;
    return 0;
}

int floe_binary_read_nulls(floe_column *c, size_t first_row, const char *p, size_t len,
                           size_t rows)
{
    if (!c->nulls)
        return 0;
    if (len < rows || first_row + rows > c->rows)
        return floe_error(FLOE_ERR_CANNOT_READ_ALL_DATA,
                          "Cannot read all data. Null map has %zu bytes, %zu expected", len, rows);
    memcpy(c->nulls + first_row, p, rows);
    return 0;
}
