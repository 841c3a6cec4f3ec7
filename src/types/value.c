/*
 * Scalar values in and out of columns: the one place that maps the
 * floe_value union onto each fixed-width layout. Used at the edges
 * (literals, partition values, statistics), so it dispatches per value.
 */
#include <string.h>

#include "types/value.h"

void floe_value_push(floe_column *c, const floe_value *v)
{
    if (v->is_null) {
        floe_column_push_null(c);
        return;
    }
    const floe_type *b = floe_type_base(c->type);
    union {
        uint8_t u8;
        uint16_t u16;
        uint32_t u32;
        uint64_t u64;
        float f32;
        double f64;
        __int128 i128;
        uint64_t halves[2];
    } buf;
    switch (b->id) {
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_BOOL:
        buf.u8 = (uint8_t)v->v.u;
        break;
    case FLOE_TYPE_INT8:
    case FLOE_TYPE_ENUM8:
        buf.u8 = (uint8_t)v->v.i;
        break;
    case FLOE_TYPE_UINT16:
    case FLOE_TYPE_DATE:
        buf.u16 = (uint16_t)v->v.u;
        break;
    case FLOE_TYPE_INT16:
    case FLOE_TYPE_ENUM16:
        buf.u16 = (uint16_t)v->v.i;
        break;
    case FLOE_TYPE_UINT32:
    case FLOE_TYPE_DATETIME:
        buf.u32 = (uint32_t)v->v.u;
        break;
    case FLOE_TYPE_INT32:
    case FLOE_TYPE_DATE32:
    case FLOE_TYPE_DECIMAL32:
        buf.u32 = (uint32_t)v->v.i;
        break;
    case FLOE_TYPE_UINT64:
        buf.u64 = v->v.u;
        break;
    case FLOE_TYPE_INT64:
    case FLOE_TYPE_DATETIME64:
    case FLOE_TYPE_DECIMAL64:
        buf.u64 = (uint64_t)v->v.i;
        break;
    case FLOE_TYPE_FLOAT32:
        buf.f32 = (float)v->v.f;
        break;
    case FLOE_TYPE_FLOAT64:
        buf.f64 = v->v.f;
        break;
    case FLOE_TYPE_DECIMAL128:
        buf.i128 = v->v.i128;
        break;
    case FLOE_TYPE_UUID:
        /* ClickHouse's UUID: the high 64 bits first, each half native-endian */
        buf.halves[0] = (uint64_t)(v->v.u128 >> 64);
        buf.halves[1] = (uint64_t)v->v.u128;
        break;
    case FLOE_TYPE_STRING:
    case FLOE_TYPE_FIXEDSTRING:
        floe_column_push_string(c, v->v.s.ptr, v->v.s.len);
        return;
    default:
        /* Nothing, Array and Tuple have no scalar form: a value of those
         * types can only be NULL or the default. */
        floe_column_push_default(c);
        return;
    }
    floe_column_push_fixed(c, &buf);
}

void floe_value_from_column(floe_value *out, const floe_column *c, size_t row)
{
    memset(out, 0, sizeof *out);
    out->type = c->type;
    if (floe_column_is_null(c, row)) {
        out->is_null = true;
        return;
    }
    const floe_type *b = floe_type_base(c->type);
    const uint8_t *p = b->width ? c->data + row * b->width : NULL;
    switch (b->id) {
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_BOOL:
        out->v.u = *p;
        break;
    case FLOE_TYPE_INT8:
    case FLOE_TYPE_ENUM8:
        out->v.i = (int8_t)*p;
        break;
    case FLOE_TYPE_UINT16:
    case FLOE_TYPE_DATE: {
        uint16_t x;
        memcpy(&x, p, 2);
        out->v.u = x;
        break;
    }
    case FLOE_TYPE_INT16:
    case FLOE_TYPE_ENUM16: {
        int16_t x;
        memcpy(&x, p, 2);
        out->v.i = x;
        break;
    }
    case FLOE_TYPE_UINT32:
    case FLOE_TYPE_DATETIME: {
        uint32_t x;
        memcpy(&x, p, 4);
        out->v.u = x;
        break;
    }
    case FLOE_TYPE_INT32:
    case FLOE_TYPE_DATE32:
    case FLOE_TYPE_DECIMAL32: {
        int32_t x;
        memcpy(&x, p, 4);
        out->v.i = x;
        break;
    }
    case FLOE_TYPE_UINT64:
        memcpy(&out->v.u, p, 8);
        break;
    case FLOE_TYPE_INT64:
    case FLOE_TYPE_DATETIME64:
    case FLOE_TYPE_DECIMAL64:
        memcpy(&out->v.i, p, 8);
        break;
    case FLOE_TYPE_FLOAT32: {
        float x;
        memcpy(&x, p, 4);
        out->v.f = x;
        break;
    }
    case FLOE_TYPE_FLOAT64:
        memcpy(&out->v.f, p, 8);
        break;
    case FLOE_TYPE_DECIMAL128:
        memcpy(&out->v.i128, p, 16);
        break;
    case FLOE_TYPE_UUID: {
        uint64_t h[2];
        memcpy(h, p, 16);
        out->v.u128 = ((unsigned __int128)h[0] << 64) | h[1];
        break;
    }
    case FLOE_TYPE_STRING:
        out->v.s.ptr = floe_column_string_at(c, row, &out->v.s.len);
        break;
    case FLOE_TYPE_FIXEDSTRING:
        out->v.s.ptr = (const char *)p;
        out->v.s.len = b->width;
        break;
    default:
        break;
    }
}
