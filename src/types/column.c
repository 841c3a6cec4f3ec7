/*
 * Columns and blocks: allocation, appending, and the row-selection
 * operations (filter, permute, slice) every operator is built from. The
 * layout rules are in column.h; everything here dispatches on the layout
 * once per call, never per value.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "types/column.h"

typedef enum layout { L_FIXED, L_STRING, L_ARRAY, L_TUPLE, L_NOTHING } layout;

static layout layout_of(const floe_type *t)
{
    const floe_type *b = floe_type_base(t);
    switch (b->id) {
    case FLOE_TYPE_STRING:
        return L_STRING;
    case FLOE_TYPE_ARRAY:
        return L_ARRAY;
    case FLOE_TYPE_TUPLE:
        return L_TUPLE;
    case FLOE_TYPE_NOTHING:
        return L_NOTHING;
    default:
        return L_FIXED;
    }
}

floe_column *floe_column_new(const floe_type *t)
{
    floe_column *c = floe_calloc(1, sizeof *c);
    c->type = t;
    const floe_type *b = floe_type_base(t);
    if (b->id == FLOE_TYPE_TUPLE) {
        c->n_children = b->n_elems;
        c->children = floe_calloc(b->n_elems ? b->n_elems : 1, sizeof *c->children);
        for (size_t i = 0; i < b->n_elems; i++)
            c->children[i] = floe_column_new(b->elems[i]);
    } else if (b->id == FLOE_TYPE_ARRAY) {
        c->n_children = 1;
        c->children = floe_calloc(1, sizeof *c->children);
        c->children[0] = floe_column_new(b->inner);
    }
    return c;
}

void floe_column_free(floe_column *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_children; i++)
        floe_column_free(c->children[i]);
    floe_free(c->children);
    floe_free(c->data);
    floe_free(c->offsets);
    floe_free(c->nulls);
    floe_free(c);
}

static void grow_data(floe_column *c, size_t need)
{
    if (need <= c->data_cap)
        return;
    size_t cap = c->data_cap ? c->data_cap : 64;
    while (cap < need)
        cap *= 2;
    c->data = floe_realloc(c->data, cap);
    c->data_cap = cap;
}

void floe_column_reserve(floe_column *c, size_t rows, size_t string_bytes)
{
    size_t need = c->rows + rows;
    layout l = layout_of(c->type);
    if (need > c->cap) {
        size_t cap = c->cap ? c->cap : 16;
        while (cap < need)
            cap *= 2;
        if (l == L_STRING || l == L_ARRAY)
            c->offsets = floe_realloc(c->offsets, cap * sizeof *c->offsets);
        if (floe_type_is_nullable(c->type))
            c->nulls = floe_realloc(c->nulls, cap);
        c->cap = cap;
    }
    if (l == L_FIXED)
        grow_data(c, need * c->type->width);
    else if (l == L_STRING)
        grow_data(c, c->data_len + string_bytes + 1); /* never NULL: rows of "" point into it */
}

void floe_column_clear(floe_column *c)
{
    c->rows = 0;
    c->data_len = 0;
    for (size_t i = 0; i < c->n_children; i++)
        floe_column_clear(c->children[i]);
}

static inline void mark_null(floe_column *c, uint8_t v)
{
    if (c->nulls)
        c->nulls[c->rows] = v;
}

void floe_column_push_fixed(floe_column *c, const void *v)
{
    floe_column_reserve(c, 1, 0);
    size_t w = c->type->width;
    memcpy(c->data + c->data_len, v, w);
    c->data_len += w;
    mark_null(c, 0);
    c->rows++;
}

void floe_column_push_string(floe_column *c, const char *p, size_t n)
{
    const floe_type *b = floe_type_base(c->type);
    if (b->id == FLOE_TYPE_FIXEDSTRING) {
        floe_column_reserve(c, 1, 0);
        size_t w = c->type->width;
        size_t k = n < w ? n : w;
        memcpy(c->data + c->data_len, p, k);
        memset(c->data + c->data_len + k, 0, w - k);
        c->data_len += w;
    } else {
        floe_column_reserve(c, 1, n);
        if (n)
            memcpy(c->data + c->data_len, p, n);
        c->data_len += n;
        c->offsets[c->rows] = c->data_len;
    }
    mark_null(c, 0);
    c->rows++;
}

static void push_default_inner(floe_column *c)
{
    switch (layout_of(c->type)) {
    case L_FIXED: {
        floe_column_reserve(c, 1, 0);
        uint8_t *at = c->data + c->data_len;
        memset(at, 0, c->type->width);
        /* ClickHouse's defaults that are not zero: Date32 is 1900-01-01,
         * an Enum its smallest value */
        const floe_type *b = floe_type_base(c->type);
        if (b->id == FLOE_TYPE_DATE32) {
            int32_t v = -25567;
            memcpy(at, &v, 4);
        } else if ((b->id == FLOE_TYPE_ENUM8 || b->id == FLOE_TYPE_ENUM16) && b->n_enums) {
            int16_t v = b->enums[0].value;
            if (b->id == FLOE_TYPE_ENUM8) {
                int8_t v8 = (int8_t)v;
                memcpy(at, &v8, 1);
            } else {
                memcpy(at, &v, 2);
            }
        }
        c->data_len += c->type->width;
        break;
    }
    case L_STRING:
    case L_ARRAY:
        floe_column_reserve(c, 1, 0);
        c->offsets[c->rows] = c->data_len;
        if (layout_of(c->type) == L_ARRAY)
            c->offsets[c->rows] = c->rows ? c->offsets[c->rows - 1] : 0;
        break;
    case L_TUPLE:
        floe_column_reserve(c, 1, 0);
        for (size_t i = 0; i < c->n_children; i++)
            floe_column_push_default(c->children[i]);
        break;
    case L_NOTHING:
        floe_column_reserve(c, 1, 0);
        break;
    }
}

void floe_column_push_default(floe_column *c)
{
    push_default_inner(c);
    mark_null(c, 0);
    c->rows++;
}

void floe_column_push_null(floe_column *c)
{
    push_default_inner(c);
    mark_null(c, 1);
    c->rows++;
}

void floe_column_append_range(floe_column *dst, const floe_column *src, size_t from, size_t n)
{
    if (!n)
        return;
    layout l = layout_of(dst->type);
    if (l == L_STRING) {
        uint64_t start = from ? src->offsets[from - 1] : 0;
        uint64_t end = src->offsets[from + n - 1];
        floe_column_reserve(dst, n, end - start);
        if (end > start)
            memcpy(dst->data + dst->data_len, src->data + start, end - start);
        uint64_t shift = dst->data_len - start;
        for (size_t i = 0; i < n; i++)
            dst->offsets[dst->rows + i] = src->offsets[from + i] + shift;
        dst->data_len += end - start;
    } else if (l == L_FIXED) {
        size_t w = dst->type->width;
        floe_column_reserve(dst, n, 0);
        memcpy(dst->data + dst->data_len, src->data + from * w, n * w);
        dst->data_len += n * w;
    } else if (l == L_ARRAY) {
        uint64_t start = from ? src->offsets[from - 1] : 0;
        uint64_t end = src->offsets[from + n - 1];
        floe_column_reserve(dst, n, 0);
        uint64_t base = dst->rows ? dst->offsets[dst->rows - 1] : 0;
        for (size_t i = 0; i < n; i++)
            dst->offsets[dst->rows + i] = src->offsets[from + i] - start + base;
        floe_column_append_range(dst->children[0], src->children[0], start, end - start);
    } else {
        floe_column_reserve(dst, n, 0);
        for (size_t k = 0; k < dst->n_children; k++)
            floe_column_append_range(dst->children[k], src->children[k], from, n);
    }
    if (dst->nulls) {
        if (src->nulls)
            memcpy(dst->nulls + dst->rows, src->nulls + from, n);
        else
            memset(dst->nulls + dst->rows, 0, n);
    }
    dst->rows += n;
}

void floe_column_push_from(floe_column *dst, const floe_column *src, size_t row)
{
    floe_column_append_range(dst, src, row, 1);
}

floe_column *floe_column_filter(const floe_column *c, const uint8_t *mask)
{
    floe_column *r = floe_column_new(c->type);
    size_t keep = 0;
    for (size_t i = 0; i < c->rows; i++)
        keep += mask[i] != 0;
    layout l = layout_of(c->type);
    if (l == L_FIXED) {
        size_t w = c->type->width;
        /* the branchless loop below stores every row at the next free slot
         * before deciding to keep it: one spare slot past the kept rows */
        floe_column_reserve(r, keep + 1, 0);
        uint8_t *out = r->data;
        switch (w) {
#define FILTER_W(W, T)                                                                             \
    case W: {                                                                                      \
        const T *in = (const T *)(const void *)c->data;                                            \
        T *o = (T *)(void *)out;                                                                   \
        size_t j = 0;                                                                              \
        for (size_t i = 0; i < c->rows; i++) {                                                     \
            o[j] = in[i];                                                                          \
            j += mask[i] != 0;                                                                     \
        }                                                                                          \
        break;                                                                                     \
    }
            FILTER_W(1, uint8_t)
            FILTER_W(2, uint16_t)
            FILTER_W(4, uint32_t)
            FILTER_W(8, uint64_t)
#undef FILTER_W
        default: {
            size_t j = 0;
            for (size_t i = 0; i < c->rows; i++)
                if (mask[i])
                    memcpy(out + (j++) * w, c->data + i * w, w);
        }
        }
        r->data_len = keep * w;
        if (r->nulls) {
            size_t j = 0;
            for (size_t i = 0; i < c->rows; i++)
                if (mask[i])
                    r->nulls[j++] = c->nulls ? c->nulls[i] : 0;
        }
        r->rows = keep;
        return r;
    }
    floe_column_reserve(r, keep, 0);
    for (size_t i = 0; i < c->rows;) {
        if (!mask[i]) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < c->rows && mask[j])
            j++;
        floe_column_append_range(r, c, i, j - i);
        i = j;
    }
    return r;
}

floe_column *floe_column_permute(const floe_column *c, const size_t *perm, size_t n)
{
    floe_column *r = floe_column_new(c->type);
    layout l = layout_of(c->type);
    if (l == L_FIXED) {
        size_t w = c->type->width;
        floe_column_reserve(r, n, 0);
        switch (w) {
#define PERM_W(W, T)                                                                               \
    case W: {                                                                                      \
        const T *in = (const T *)(const void *)c->data;                                            \
        T *o = (T *)(void *)r->data;                                                               \
        for (size_t i = 0; i < n; i++)                                                             \
            o[i] = in[perm[i]];                                                                    \
        break;                                                                                     \
    }
            PERM_W(1, uint8_t)
            PERM_W(2, uint16_t)
            PERM_W(4, uint32_t)
            PERM_W(8, uint64_t)
#undef PERM_W
        default:
            for (size_t i = 0; i < n; i++)
                memcpy(r->data + i * w, c->data + perm[i] * w, w);
        }
        r->data_len = n * w;
        if (r->nulls)
            for (size_t i = 0; i < n; i++)
                r->nulls[i] = c->nulls ? c->nulls[perm[i]] : 0;
        r->rows = n;
        return r;
    }
    if (l == L_STRING) {
        size_t bytes = 0;
        for (size_t i = 0; i < n; i++) {
            size_t len;
            floe_column_string_at(c, perm[i], &len);
            bytes += len;
        }
        floe_column_reserve(r, n, bytes);
        for (size_t i = 0; i < n; i++) {
            size_t len;
            const char *p = floe_column_string_at(c, perm[i], &len);
            if (len)
                memcpy(r->data + r->data_len, p, len);
            r->data_len += len;
            r->offsets[i] = r->data_len;
        }
        if (r->nulls)
            for (size_t i = 0; i < n; i++)
                r->nulls[i] = c->nulls ? c->nulls[perm[i]] : 0;
        r->rows = n;
        return r;
    }
    for (size_t i = 0; i < n; i++)
        floe_column_append_range(r, c, perm[i], 1);
    return r;
}

floe_column *floe_column_slice(const floe_column *c, size_t from, size_t n)
{
    floe_column *r = floe_column_new(c->type);
    floe_column_append_range(r, c, from, n);
    return r;
}

floe_column *floe_column_replicate_row(const floe_column *c, size_t row, size_t n)
{
    floe_column *r = floe_column_new(c->type);
    layout l = layout_of(c->type);
    if (l == L_FIXED) {
        size_t w = c->type->width;
        floe_column_reserve(r, n, 0);
        const uint8_t *v = c->data + row * w;
        if (w == 8) {
            uint64_t x;
            memcpy(&x, v, 8);
            uint64_t *o = (uint64_t *)(void *)r->data;
            for (size_t i = 0; i < n; i++)
                o[i] = x;
        } else if (w == 1) {
            if (n)
                memset(r->data, v[0], n);
        } else {
            for (size_t i = 0; i < n; i++)
                memcpy(r->data + i * w, v, w);
        }
        r->data_len = n * w;
        if (r->nulls)
            memset(r->nulls, c->nulls ? c->nulls[row] : 0, n);
        r->rows = n;
        return r;
    }
    if (l == L_STRING) {
        size_t len;
        const char *p = floe_column_string_at(c, row, &len);
        floe_column_reserve(r, n, len * n);
        for (size_t i = 0; i < n; i++) {
            if (len)
                memcpy(r->data + r->data_len, p, len);
            r->data_len += len;
            r->offsets[i] = r->data_len;
        }
        if (r->nulls)
            memset(r->nulls, c->nulls ? c->nulls[row] : 0, n);
        r->rows = n;
        return r;
    }
    for (size_t i = 0; i < n; i++)
        floe_column_append_range(r, c, row, 1);
    return r;
}

floe_column *floe_column_clone(const floe_column *c)
{
    return floe_column_slice(c, 0, c->rows);
}

static int cmp_fixed(const floe_type *b, const uint8_t *x, const uint8_t *y)
{
    switch (b->id) {
#define CMP_T(ID, T)                                                                               \
    case ID: {                                                                                     \
        T a, c;                                                                                    \
        memcpy(&a, x, sizeof a);                                                                   \
        memcpy(&c, y, sizeof c);                                                                   \
        return (a > c) - (a < c);                                                                  \
    }
        CMP_T(FLOE_TYPE_UINT8, uint8_t)
        CMP_T(FLOE_TYPE_BOOL, uint8_t)
        CMP_T(FLOE_TYPE_UINT16, uint16_t)
        CMP_T(FLOE_TYPE_DATE, uint16_t)
        CMP_T(FLOE_TYPE_UINT32, uint32_t)
        CMP_T(FLOE_TYPE_DATETIME, uint32_t)
        CMP_T(FLOE_TYPE_UINT64, uint64_t)
        CMP_T(FLOE_TYPE_INT8, int8_t)
        CMP_T(FLOE_TYPE_ENUM8, int8_t)
        CMP_T(FLOE_TYPE_INT16, int16_t)
        CMP_T(FLOE_TYPE_ENUM16, int16_t)
        CMP_T(FLOE_TYPE_INT32, int32_t)
        CMP_T(FLOE_TYPE_DATE32, int32_t)
        CMP_T(FLOE_TYPE_DECIMAL32, int32_t)
        CMP_T(FLOE_TYPE_INT64, int64_t)
        CMP_T(FLOE_TYPE_DATETIME64, int64_t)
        CMP_T(FLOE_TYPE_DECIMAL64, int64_t)
        CMP_T(FLOE_TYPE_DECIMAL128, __int128)
#undef CMP_T
    case FLOE_TYPE_FLOAT32:
    case FLOE_TYPE_FLOAT64: {
        double a, c;
        if (b->id == FLOE_TYPE_FLOAT32) {
            float fa, fc;
            memcpy(&fa, x, 4);
            memcpy(&fc, y, 4);
            a = fa;
            c = fc;
        } else {
            memcpy(&a, x, 8);
            memcpy(&c, y, 8);
        }
        int na = isnan(a), nc = isnan(c);
        if (na || nc)
            return na - nc; /* NaN after every number */
        return (a > c) - (a < c);
    }
    case FLOE_TYPE_UUID: {
        /* two uint64 halves, high half first */
        uint64_t a[2], c[2];
        memcpy(a, x, 16);
        memcpy(c, y, 16);
        if (a[0] != c[0])
            return a[0] > c[0] ? 1 : -1;
        return (a[1] > c[1]) - (a[1] < c[1]);
    }
    default:
        return memcmp(x, y, b->width);
    }
}

bool floe_column_is_nan(const floe_column *c, size_t row)
{
    const floe_type *b = floe_type_base(c->type);
    if (b->id == FLOE_TYPE_FLOAT32)
        return isnan(FLOE_COL_DATA(c, float)[row]);
    if (b->id == FLOE_TYPE_FLOAT64)
        return isnan(FLOE_COL_DATA(c, double)[row]);
    return false;
}

int floe_column_compare(const floe_column *x, size_t a, const floe_column *y, size_t b,
                        bool nulls_last)
{
    bool xn = floe_column_is_null(x, a), yn = floe_column_is_null(y, b);
    if (xn || yn) {
        if (xn && yn)
            return 0;
        return (xn ? 1 : -1) * (nulls_last ? 1 : -1);
    }
    const floe_type *t = floe_type_base(x->type);
    switch (layout_of(x->type)) {
    case L_FIXED:
        return cmp_fixed(t, floe_column_fixed_at(x, a), floe_column_fixed_at(y, b));
    case L_STRING: {
        size_t la, lb;
        const char *pa = floe_column_string_at(x, a, &la);
        const char *pb = floe_column_string_at(y, b, &lb);
        int r = memcmp(pa, pb, la < lb ? la : lb);
        if (r)
            return r < 0 ? -1 : 1;
        return (la > lb) - (la < lb);
    }
    case L_TUPLE:
        for (size_t k = 0; k < x->n_children; k++) {
            int r = floe_column_compare(x->children[k], a, y->children[k], b, nulls_last);
            if (r)
                return r;
        }
        return 0;
    case L_ARRAY: {
        uint64_t sa = a ? x->offsets[a - 1] : 0, ea = x->offsets[a];
        uint64_t sb = b ? y->offsets[b - 1] : 0, eb = y->offsets[b];
        for (; sa < ea && sb < eb; sa++, sb++) {
            int r = floe_column_compare(x->children[0], sa, y->children[0], sb, nulls_last);
            if (r)
                return r;
        }
        return (sa < ea) - (sb < eb);
    }
    case L_NOTHING:
        return 0;
    }
    return 0;
}

size_t floe_column_bytes(const floe_column *c)
{
    size_t n = c->data_len;
    if (c->offsets)
        n += c->rows * sizeof *c->offsets;
    if (c->nulls)
        n += c->rows;
    for (size_t i = 0; i < c->n_children; i++)
        n += floe_column_bytes(c->children[i]);
    return n;
}

floe_block *floe_block_new(void)
{
    return floe_calloc(1, sizeof(floe_block));
}

void floe_block_add(floe_block *b, const char *name, floe_column *c)
{
    b->cols = floe_realloc(b->cols, (b->n_cols + 1) * sizeof *b->cols);
    b->names = floe_realloc(b->names, (b->n_cols + 1) * sizeof *b->names);
    b->cols[b->n_cols] = c;
    b->names[b->n_cols] = floe_strdup(name);
    b->n_cols++;
    b->rows = c->rows;
}

void floe_block_free(floe_block *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n_cols; i++) {
        floe_column_free(b->cols[i]);
        floe_free(b->names[i]);
    }
    floe_free(b->cols);
    floe_free(b->names);
    floe_free(b);
}

int floe_block_find(const floe_block *b, const char *name)
{
    for (size_t i = 0; i < b->n_cols; i++)
        if (strcmp(b->names[i], name) == 0)
            return (int)i;
    return -1;
}

/* ---- sorting rows by key columns ---- */

typedef enum key_kind {
    K_U8, K_U16, K_U32, K_U64, K_I8, K_I16, K_I32, K_I64, K_I128, K_F32, K_F64, K_STR,
    K_BYTES, K_GENERIC
} key_kind;

typedef struct sort_key {
    const floe_column *c;
    key_kind kind;
    const uint8_t *data;
    const uint64_t *offsets;
    const uint8_t *nulls;
    size_t width;
} sort_key;

typedef struct sort_keys {
    sort_key *k;
    size_t n;
} sort_keys;

static key_kind kind_of(const floe_type *t)
{
    switch (floe_type_base(t)->id) {
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_BOOL:
        return K_U8;
    case FLOE_TYPE_UINT16:
    case FLOE_TYPE_DATE:
        return K_U16;
    case FLOE_TYPE_UINT32:
    case FLOE_TYPE_DATETIME:
        return K_U32;
    case FLOE_TYPE_UINT64:
        return K_U64;
    case FLOE_TYPE_INT8:
    case FLOE_TYPE_ENUM8:
        return K_I8;
    case FLOE_TYPE_INT16:
    case FLOE_TYPE_ENUM16:
        return K_I16;
    case FLOE_TYPE_INT32:
    case FLOE_TYPE_DATE32:
    case FLOE_TYPE_DECIMAL32:
        return K_I32;
    case FLOE_TYPE_INT64:
    case FLOE_TYPE_DATETIME64:
    case FLOE_TYPE_DECIMAL64:
        return K_I64;
    case FLOE_TYPE_DECIMAL128:
        return K_I128;
    case FLOE_TYPE_FLOAT32:
        return K_F32;
    case FLOE_TYPE_FLOAT64:
        return K_F64;
    case FLOE_TYPE_STRING:
        return K_STR;
    case FLOE_TYPE_FIXEDSTRING:
        return K_BYTES;
    default:
        return K_GENERIC;
    }
}

#define CMP_NUM(T)                                                                                     do {                                                                                                   T x, y;                                                                                            memcpy(&x, k->data + a * sizeof(T), sizeof(T));                                                    memcpy(&y, k->data + b * sizeof(T), sizeof(T));                                                    r = (x > y) - (x < y);                                                                         } while (0)

static int key_cmp(const sort_key *k, size_t a, size_t b)
{
    if (k->nulls) {
        int na = k->nulls[a], nb = k->nulls[b];
        if (na || nb)
            return na - nb;
    }
    int r = 0;
    switch (k->kind) {
    case K_U8:
        CMP_NUM(uint8_t);
        break;
    case K_U16:
        CMP_NUM(uint16_t);
        break;
    case K_U32:
        CMP_NUM(uint32_t);
        break;
    case K_U64:
        CMP_NUM(uint64_t);
        break;
    case K_I8:
        CMP_NUM(int8_t);
        break;
    case K_I16:
        CMP_NUM(int16_t);
        break;
    case K_I32:
        CMP_NUM(int32_t);
        break;
    case K_I64:
        CMP_NUM(int64_t);
        break;
    case K_I128:
        CMP_NUM(__int128);
        break;
    case K_STR: {
        uint64_t sa = a ? k->offsets[a - 1] : 0, ea = k->offsets[a];
        uint64_t sb = b ? k->offsets[b - 1] : 0, eb = k->offsets[b];
        size_t la = (size_t)(ea - sa), lb = (size_t)(eb - sb);
        int m = memcmp(k->data + sa, k->data + sb, la < lb ? la : lb);
        r = m ? (m < 0 ? -1 : 1) : (la > lb) - (la < lb);
        break;
    }
    case K_BYTES: {
        int m = memcmp(k->data + a * k->width, k->data + b * k->width, k->width);
        r = (m > 0) - (m < 0);
        break;
    }
    default:
        /* floats (NaN order) and composite types */
        r = floe_column_compare(k->c, a, k->c, b, true);
    }
    return r;
}

static int perm_cmp(const void *x, const void *y, void *ctx)
{
    const sort_keys *ks = ctx;
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    for (size_t i = 0; i < ks->n; i++) {
        int r = key_cmp(&ks->k[i], a, b);
        if (r)
            return r;
    }
    return (a > b) - (a < b);
}

void floe_column_sort_perm(size_t *perm, size_t n, floe_column *const *keys, size_t n_keys)
{
    sort_keys ks;
    ks.n = n_keys;
    ks.k = floe_calloc(n_keys ? n_keys : 1, sizeof *ks.k);
    for (size_t i = 0; i < n_keys; i++) {
        const floe_column *c = keys[i];
        ks.k[i].c = c;
        ks.k[i].kind = kind_of(c->type);
        ks.k[i].data = c->data;
        ks.k[i].offsets = c->offsets;
        ks.k[i].nulls = c->nulls;
        ks.k[i].width = floe_type_base(c->type)->width;
    }
    /* already in order (common: inserts in key order) costs one pass */
    bool sorted = true;
    for (size_t i = 1; i < n && sorted; i++)
        sorted = perm_cmp(&perm[i - 1], &perm[i], &ks) <= 0;
    if (!sorted)
        qsort_r(perm, n, sizeof *perm, perm_cmp, &ks);
    floe_free(ks.k);
}
