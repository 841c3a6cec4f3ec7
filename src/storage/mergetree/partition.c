/*
 * Partition keys and IDs (see partition.h). The ID rules follow the values'
 * ClickHouse Field types: unsigned integers, Date, DateTime and Bool are
 * UInt64 fields, signed integers, Date32 and Enums Int64 fields — those print;
 * anything else (floats, strings, decimals, UUID, DateTime64, NULL) is hashed
 * with the field's type tag, as LegacyFieldVisitorHash does.
 */
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "base/varint.h"
#include "hash/siphash.h"
#include "storage/mergetree/partition.h"
#include "types/binary.h"
#include "types/datetime.h"
#include "types/serialize.h"

enum field_type {
    FIELD_NULL = 0,
    FIELD_UINT64 = 1,
    FIELD_INT64 = 2,
    FIELD_FLOAT64 = 3,
    FIELD_UINT128 = 4,
    FIELD_STRING = 16,
    FIELD_DECIMAL32 = 19,
    FIELD_DECIMAL64 = 20,
    FIELD_DECIMAL128 = 21,
};

static void collect_columns(const floe_ast *e, size_t n_cols, const char *const *names, bool *used)
{
    if (!e)
        return;
    if (e->kind == FLOE_AST_IDENT) {
        const char *name = e->u.ident.parts[e->u.ident.n_parts - 1];
        for (size_t i = 0; i < n_cols; i++)
            if (strcmp(names[i], name) == 0)
                used[i] = true;
    } else if (e->kind == FLOE_AST_FUNC) {
        for (size_t i = 0; i < e->u.func.n_args; i++)
            collect_columns(e->u.func.args[i], n_cols, names, used);
    }
}

int floe_partition_key_init(floe_partition_key *k, const floe_ast *partition_by, size_t n_cols,
                            const char *const *names, const floe_type *const *types, floe_arena *a,
                            const floe_func_ctx *fctx)
{
    memset(k, 0, sizeof *k);
    if (!partition_by)
        return 0;
    const floe_ast *const *elems = &partition_by;
    size_t n = 1;
    if (partition_by->kind == FLOE_AST_FUNC && strcmp(partition_by->u.func.name, "tuple") == 0) {
        elems = (const floe_ast *const *)partition_by->u.func.args;
        n = partition_by->u.func.n_args;
    }
    if (n == 0)
        return 0;
    k->n = n;
    k->exprs = floe_arena_alloc(a, n * sizeof *k->exprs);
    k->types = floe_arena_alloc(a, n * sizeof *k->types);
    floe_scope sc = {0};
    sc.n_cols = n_cols;
    sc.names = names;
    sc.types = types;
    sc.fctx = fctx;
    sc.arena = a;
    sc.clause = "PARTITION BY";
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        floe_expr *e;
        k->exprs[i] = elems[i];
        if (floe_ast_has_aggregate(elems[i])) {
            rc = floe_error(FLOE_ERR_ILLEGAL_AGGREGATION,
                            "Aggregate functions are not allowed in the partition key");
            break;
        }
        if ((rc = floe_expr_compile(&e, &sc, elems[i])) == 0)
            k->types[i] = e->type;
    }
    floe_scope_free(&sc);
    if (rc < 0)
        return -1;
    bool *used = floe_calloc(n_cols + 1, sizeof *used);
    for (size_t i = 0; i < n; i++)
        collect_columns(elems[i], n_cols, names, used);
    k->minmax_cols = floe_arena_alloc(a, (n_cols + 1) * sizeof *k->minmax_cols);
    for (size_t i = 0; i < n_cols; i++)
        if (used[i])
            k->minmax_cols[k->n_minmax++] = i;
    floe_free(used);
    return 0;
}

int floe_partition_key_eval(floe_column ***out, const floe_partition_key *k, const floe_block *b,
                            size_t n_cols, const char *const *names, const floe_type *const *types,
                            floe_arena *a, const floe_func_ctx *fctx)
{
    floe_column **cols = floe_calloc(k->n + 1, sizeof *cols);
    floe_scope sc = {0};
    sc.n_cols = n_cols;
    sc.names = names;
    sc.types = types;
    sc.fctx = fctx;
    sc.arena = a;
    int rc = 0;
    for (size_t i = 0; i < k->n && rc == 0; i++) {
        floe_expr *e;
        bool owned;
        floe_column *c;
        if ((rc = floe_expr_compile(&e, &sc, k->exprs[i])) < 0)
            break;
        if ((rc = floe_expr_eval(&c, &owned, e, b, fctx)) < 0)
            break;
        cols[i] = owned ? c : floe_column_clone(c);
    }
    floe_scope_free(&sc);
    if (rc < 0) {
        for (size_t i = 0; i < k->n; i++)
            floe_column_free(cols[i]);
        floe_free(cols);
        return -1;
    }
    *out = cols;
    return 0;
}

/* The Field type of a value of type t (after Nullable is stripped). */
static int field_type(const floe_type *t)
{
    switch (floe_type_base(t)->id) {
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_UINT16:
    case FLOE_TYPE_UINT32:
    case FLOE_TYPE_UINT64:
    case FLOE_TYPE_BOOL:
    case FLOE_TYPE_DATE:
    case FLOE_TYPE_DATETIME:
        return FIELD_UINT64;
    case FLOE_TYPE_INT8:
    case FLOE_TYPE_INT16:
    case FLOE_TYPE_INT32:
    case FLOE_TYPE_INT64:
    case FLOE_TYPE_DATE32:
    case FLOE_TYPE_ENUM8:
    case FLOE_TYPE_ENUM16:
        return FIELD_INT64;
    case FLOE_TYPE_FLOAT32:
    case FLOE_TYPE_FLOAT64:
        return FIELD_FLOAT64;
    case FLOE_TYPE_UUID:
        return FIELD_UINT128;
    case FLOE_TYPE_DECIMAL32:
        return FIELD_DECIMAL32;
    case FLOE_TYPE_DECIMAL64:
    case FLOE_TYPE_DATETIME64:
        return FIELD_DECIMAL64;
    case FLOE_TYPE_DECIMAL128:
        return FIELD_DECIMAL128;
    default:
        return FIELD_STRING;
    }
}

static uint64_t as_u64(const floe_column *c, size_t row)
{
    const uint8_t *p = floe_column_fixed_at(c, row);
    switch (floe_type_base(c->type)->width) {
    case 1:
        return p[0];
    case 2: {
        uint16_t v;
        memcpy(&v, p, 2);
        return v;
    }
    case 4: {
        uint32_t v;
        memcpy(&v, p, 4);
        return v;
    }
    default: {
        uint64_t v;
        memcpy(&v, p, 8);
        return v;
    }
    }
}

static int64_t as_i64(const floe_column *c, size_t row)
{
    const uint8_t *p = floe_column_fixed_at(c, row);
    switch (floe_type_base(c->type)->width) {
    case 1:
        return (int8_t)p[0];
    case 2: {
        int16_t v;
        memcpy(&v, p, 2);
        return v;
    }
    case 4: {
        int32_t v;
        memcpy(&v, p, 4);
        return v;
    }
    default: {
        int64_t v;
        memcpy(&v, p, 8);
        return v;
    }
    }
}

static void hash_value(floe_siphash *h, const floe_column *c, size_t row)
{
    if (floe_column_is_null(c, row)) {
        floe_siphash_update_u8(h, FIELD_NULL);
        return;
    }
    int ft = field_type(c->type);
    const floe_type *b = floe_type_base(c->type);
    floe_siphash_update_u8(h, (uint8_t)ft);
    switch (ft) {
    case FIELD_UINT64:
        floe_siphash_update_u64(h, as_u64(c, row));
        break;
    case FIELD_INT64:
        floe_siphash_update_u64(h, (uint64_t)as_i64(c, row));
        break;
    case FIELD_FLOAT64: {
        double v;
        if (b->id == FLOE_TYPE_FLOAT32) {
            float f;
            memcpy(&f, floe_column_fixed_at(c, row), 4);
            v = f;
        } else {
            memcpy(&v, floe_column_fixed_at(c, row), 8);
        }
        floe_siphash_update(h, &v, 8);
        break;
    }
    case FIELD_UINT128: {
        /* UUID as the UInt128 it is underneath: low half first */
        uint64_t halves[2];
        memcpy(halves, floe_column_fixed_at(c, row), 16);
        uint64_t le[2] = {halves[1], halves[0]};
        floe_siphash_update(h, le, 16);
        break;
    }
    case FIELD_DECIMAL32:
    case FIELD_DECIMAL64:
    case FIELD_DECIMAL128:
        floe_siphash_update(h, floe_column_fixed_at(c, row), b->width);
        break;
    default: {
        size_t len;
        const char *p;
        if (b->id == FLOE_TYPE_FIXEDSTRING) {
            p = (const char *)floe_column_fixed_at(c, row);
            len = b->width;
        } else {
            p = floe_column_string_at(c, row, &len);
        }
        floe_siphash_update_u64(h, len);
        floe_siphash_update(h, p, len);
    }
    }
}

void floe_partition_id(char *out, size_t size, const floe_partition_key *k,
                       floe_column *const *vals, size_t row)
{
    if (k->n == 0) {
        snprintf(out, size, "all");
        return;
    }
    bool integral = true;
    for (size_t i = 0; i < k->n; i++) {
        int ft = field_type(vals[i]->type);
        if (floe_column_is_null(vals[i], row) || (ft != FIELD_UINT64 && ft != FIELD_INT64))
            integral = false;
    }
    if (integral) {
        size_t pos = 0;
        out[0] = '\0';
        for (size_t i = 0; i < k->n && pos < size; i++) {
            const floe_column *c = vals[i];
            if (i)
                pos += (size_t)snprintf(out + pos, size - pos, "-");
            if (floe_type_base(c->type)->id == FLOE_TYPE_DATE) {
                int y, m, d;
                floe_civil_from_days(&y, &m, &d, (int32_t)as_u64(c, row));
                pos += (size_t)snprintf(out + pos, size - pos, "%04d%02d%02d", y, m, d);
            } else if (field_type(c->type) == FIELD_UINT64) {
                pos += (size_t)snprintf(out + pos, size - pos, "%llu",
                                        (unsigned long long)as_u64(c, row));
            } else {
                pos += (size_t)snprintf(out + pos, size - pos, "%lld", (long long)as_i64(c, row));
            }
        }
        return;
    }
    floe_siphash h;
    floe_siphash_init(&h, 0, 0);
    for (size_t i = 0; i < k->n; i++)
        hash_value(&h, vals[i], row);
    floe_uint128 r = floe_siphash_final128(&h);
    unsigned char b[16];
    floe_uint128_store(b, r);
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 16 && (size_t)(2 * i + 2) < size; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[32] = '\0';
}

void floe_partition_serialize(floe_buf *out, const floe_partition_key *k, floe_column *const *vals,
                              size_t row)
{
    for (size_t i = 0; i < k->n; i++) {
        const floe_column *c = vals[i];
        if (floe_type_is_nullable(c->type)) {
            uint8_t isnull = floe_column_is_null(c, row);
            floe_buf_putc(out, (char)isnull);
            if (isnull)
                continue;
        }
        floe_binary_write_values(out, c, row, 1);
    }
}

void floe_partition_text(floe_buf *out, const floe_partition_key *k, floe_column *const *vals,
                         size_t row)
{
    floe_text_options to = FLOE_TEXT_OPTIONS_INIT;
    if (k->n == 0) {
        floe_buf_puts(out, "tuple()");
        return;
    }
    if (k->n == 1) {
        floe_text_write(out, vals[0], row, FLOE_TEXT_PLAIN, &to);
        return;
    }
    floe_buf_putc(out, '(');
    for (size_t i = 0; i < k->n; i++) {
        if (i)
            floe_buf_putc(out, ',');
        floe_text_write(out, vals[i], row, FLOE_TEXT_QUOTED, &to);
    }
    floe_buf_putc(out, ')');
}

int floe_partition_parse(floe_column ***out, const floe_partition_key *k, const char *p, size_t len)
{
    floe_column **cols = floe_calloc(k->n + 1, sizeof *cols);
    size_t pos = 0;
    for (size_t i = 0; i < k->n; i++) {
        cols[i] = floe_column_new(k->types[i]);
        if (floe_type_is_nullable(k->types[i])) {
            if (pos >= len)
                goto bad;
            if (p[pos++]) {
                floe_column_push_null(cols[i]);
                continue;
            }
        }
        size_t used = 0;
        if (floe_binary_read_values(cols[i], p + pos, len - pos, 1, &used) < 0 ||
            cols[i]->rows != 1)
            goto bad;
        pos += used;
    }
    *out = cols;
    return 0;
bad:
    for (size_t i = 0; i < k->n; i++)
        floe_column_free(cols[i]);
    floe_free(cols);
    return floe_error(FLOE_ERR_CORRUPTED_DATA, "Cannot read partition.dat: truncated");
}
