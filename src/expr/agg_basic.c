/*
 * The basic aggregate functions: count, sum, avg, min, max, any, anyLast,
 * and their -If forms (countIf, sumIf, ...). Every kernel takes an optional
 * row mask (1 = use the row) built from the NULL maps and the -If
 * condition, so one body serves the plain and the -If function. add_single
 * loops over plain arrays (sum of UInt64 is a 4-accumulator loop; float sums
 * use ClickHouse's 16 partial sums so results match bit for bit).
 */
#include <math.h>

#include "expr/functions_impl.h"

/* ---- masks ---- */

/* The value arguments are args[0..nv); cond (may be NULL) is the -If
 * condition. Returns NULL when every row counts, else a 0/1 array to free. */
static uint8_t *make_mask(floe_column *const *args, size_t nv, const floe_column *cond, size_t rows)
{
    bool need = cond != NULL;
    for (size_t k = 0; k < nv; k++)
        need |= args[k]->nulls != NULL;
    if (!need)
        return NULL;
    uint8_t *m = floe_malloc(rows + 1);
    if (cond) {
        floe_fn_truth(m, cond, rows);
        if (cond->nulls)
            for (size_t i = 0; i < rows; i++)
                m[i] &= (uint8_t)!cond->nulls[i];
    } else {
        memset(m, 1, rows);
    }
    for (size_t k = 0; k < nv; k++)
        if (args[k]->nulls)
            for (size_t i = 0; i < rows; i++)
                m[i] &= (uint8_t)!args[k]->nulls[i];
    return m;
}

/* Argument checks shared by the -If forms: the condition is the last
 * argument; the rest go to the base function's resolve. */
static int if_split(floe_func_args *base, const floe_func_args *args)
{
    if (args->n == 0)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Incorrect number of arguments for aggregate function with If suffix");
    {
        const floe_type *c = floe_type_base(args->types[args->n - 1]);
        if (c->id != FLOE_TYPE_UINT8 && c->id != FLOE_TYPE_BOOL && c->id != FLOE_TYPE_NOTHING)
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type %s of last argument for aggregate function with If "
                              "suffix",
                              c->name);
    }
    base->n = args->n ? args->n - 1 : 0;
    base->types = args->types;
    base->consts = args->consts;
    return 0;
}

/* A bare NULL argument: ClickHouse's -Null wrapper returns NULL of type
 * Nullable(Nothing) (count and the uniq family count nothing instead). */
static bool bare_null_arg(const floe_type **ret, const floe_func_args *args)
{
    for (size_t i = 0; i < args->n; i++)
        if (floe_type_base(args->types[i])->id == FLOE_TYPE_NOTHING) {
            *ret = floe_type_nullable(floe_type_get(FLOE_TYPE_NOTHING));
            return true;
        }
    return false;
}

static int single_arg(const char *name, const floe_func_args *args)
{
    if (args->n != 1)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Aggregate function %s requires single argument", name);
    return 0;
}

/* Generates the plain and -If entries of a function whose kernels are
 * NAME_add_m(places, off, args, rows, types, mask) and NAME_single_m(state,
 * args, rows, types, mask); NV is the number of value arguments (-1: all of
 * the plain function's arguments). */
#define AGG_ENTRIES(NAME, STATE, FLAGS)                                                            \
    static void NAME##_add(char **places, size_t off, floe_column *const *args, size_t rows,       \
                           const floe_func_args *types)                                            \
    {                                                                                              \
        uint8_t *m = make_mask(args, types->n, NULL, rows);                                        \
        NAME##_add_m(places, off, args, rows, types, m);                                           \
        floe_free(m);                                                                              \
    }                                                                                              \
    static void NAME##_single(void *st, floe_column *const *args, size_t rows,                     \
                              const floe_func_args *types)                                         \
    {                                                                                              \
        uint8_t *m = make_mask(args, types->n, NULL, rows);                                        \
        NAME##_single_m(st, args, rows, types, m);                                                 \
        floe_free(m);                                                                              \
    }                                                                                              \
    static void NAME##If_add(char **places, size_t off, floe_column *const *args, size_t rows,     \
                             const floe_func_args *types)                                          \
    {                                                                                              \
        uint8_t *m = make_mask(args, types->n - 1, args[types->n - 1], rows);                      \
        NAME##_add_m(places, off, args, rows, types, m);                                           \
        floe_free(m);                                                                              \
    }                                                                                              \
    static void NAME##If_single(void *st, floe_column *const *args, size_t rows,                   \
                                const floe_func_args *types)                                       \
    {                                                                                              \
        uint8_t *m = make_mask(args, types->n - 1, args[types->n - 1], rows);                      \
        NAME##_single_m(st, args, rows, types, m);                                                 \
        floe_free(m);                                                                              \
    }                                                                                              \
    static int NAME##If_resolve(const floe_type **ret, const floe_func_args *args,                 \
                                const floe_column *params, size_t n_params)                        \
    {                                                                                              \
        floe_func_args b = {0, NULL, NULL};                                                        \
        if (if_split(&b, args) < 0)                                                                \
            return -1;                                                                             \
        return NAME##_resolve(ret, &b, params, n_params);                                          \
    }                                                                                              \
    static const floe_agg_func NAME##_agg = {                                                      \
        #NAME,      FLAGS,         NAME##_resolve, sizeof(STATE), _Alignof(STATE), NAME##_init,    \
        NAME##_add, NAME##_single, NAME##_merge,   NAME##_result, NAME##_destroy};                 \
    static const floe_agg_func NAME##If_agg = {#NAME "If",    FLAGS,           NAME##If_resolve,   \
                                               sizeof(STATE), _Alignof(STATE), NAME##_init,        \
                                               NAME##If_add,  NAME##If_single, NAME##_merge,       \
                                               NAME##_result, NAME##_destroy};

/* ---- count ---- */

typedef struct count_state {
    uint64_t n;
} count_state;

static int count_resolve(const floe_type **ret, const floe_func_args *args,
                         const floe_column *params, size_t n_params)
{
    if (args->n > 1)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Aggregate function count requires zero or one argument");
    *ret = floe_type_get(FLOE_TYPE_UINT64);
    return 0;
}

static void count_init(void *st, const floe_func_args *args)
{
    memset(st, 0, sizeof(count_state));
}

static void count_add_m(char **places, size_t off, floe_column *const *args, size_t rows,
                        const floe_func_args *types, const uint8_t *m)
{
    for (size_t i = 0; i < rows; i++)
        ((count_state *)(void *)(places[i] + off))->n += m ? m[i] : 1;
}

static void count_single_m(void *st, floe_column *const *args, size_t rows,
                           const floe_func_args *types, const uint8_t *m)
{
    uint64_t n = 0;
    if (m)
        for (size_t i = 0; i < rows; i++)
            n += m[i];
    else
        n = rows;
    ((count_state *)st)->n += n;
}

static void count_merge(void *dst, const void *src, const floe_func_args *types)
{
    ((count_state *)dst)->n += ((const count_state *)src)->n;
}

static int count_result(floe_column *out, void *st, const floe_func_args *types)
{
    floe_column_push_fixed(out, &((count_state *)st)->n);
    return 0;
}

static void count_destroy(void *st) {}

AGG_ENTRIES(count, count_state, FLOE_FUNC_CASE_INSENSITIVE)

/* ---- sum and avg ---- */

typedef struct sum_state {
    union {
        uint64_t u;
        int64_t i;
        double f;
        __int128 d;
    } v;
    uint64_t count; /* rows added (avg's denominator; sum's "has a value") */
} sum_state;

static floe_fn_kind sum_kind(const floe_type *t)
{
    if (floe_type_is_float(t))
        return FLOE_FN_F64;
    if (floe_type_is_decimal(t))
        return FLOE_FN_I128;
    return floe_type_is_signed(t) ? FLOE_FN_I64 : FLOE_FN_U64;
}

static bool summable(const floe_type *t)
{
    return floe_type_is_numeric(t);
}

static int sum_resolve(const floe_type **ret, const floe_func_args *args, const floe_column *params,
                       size_t n_params)
{
    if (single_arg("sum", args) < 0)
        return -1;
    if (bare_null_arg(ret, args))
        return 0;
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (!summable(t))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument for aggregate function sum", t->name);
    const floe_type *r;
    switch (sum_kind(t)) {
    case FLOE_FN_F64:
        r = floe_type_get(FLOE_TYPE_FLOAT64);
        break;
    case FLOE_FN_I128:
        r = floe_type_decimal(38, t->scale);
        break;
    case FLOE_FN_I64:
        r = floe_type_get(FLOE_TYPE_INT64);
        break;
    default:
        r = floe_type_get(FLOE_TYPE_UINT64);
    }
    *ret = floe_type_is_nullable(args->types[0]) ? floe_type_nullable(r) : r;
    return 0;
}

static void sum_init(void *st, const floe_func_args *args)
{
    memset(st, 0, sizeof(sum_state));
}

/* ClickHouse's float summation: 16 partial sums over full chunks of 16,
 * folded in order, then the tail summed on its own and added. */
#define FLOAT_SUM(S)                                                                               \
    do {                                                                                           \
        const S *p = (const S *)(const void *)c->data;                                             \
        double part[16] = {0};                                                                     \
        size_t full = rows / 16 * 16, i = 0;                                                       \
        if (m) {                                                                                   \
            for (; i < full; i += 16)                                                              \
                for (size_t j = 0; j < 16; j++)                                                    \
                    part[j] += m[i + j] ? (double)p[i + j] : 0.0;                                  \
        } else {                                                                                   \
            for (; i < full; i += 16)                                                              \
                for (size_t j = 0; j < 16; j++)                                                    \
                    part[j] += (double)p[i + j];                                                   \
        }                                                                                          \
        for (size_t j = 0; j < 16; j++)                                                            \
            s->v.f += part[j];                                                                     \
        double tail = 0;                                                                           \
        for (; i < rows; i++)                                                                      \
            if (!m || m[i])                                                                        \
                tail += (double)p[i];                                                              \
        s->v.f += tail;                                                                            \
    } while (0)

/* Integer sums: four accumulators, masked by multiplication. */
#define INT_SUM(S, ACC, FIELD)                                                                     \
    do {                                                                                           \
        const S *p = (const S *)(const void *)c->data;                                             \
        ACC a0 = 0, a1 = 0, a2 = 0, a3 = 0;                                                        \
        size_t i = 0, full = rows / 4 * 4;                                                         \
        if (m) {                                                                                   \
            for (; i < full; i += 4) {                                                             \
                a0 += (ACC)p[i] * (ACC)m[i];                                                       \
                a1 += (ACC)p[i + 1] * (ACC)m[i + 1];                                               \
                a2 += (ACC)p[i + 2] * (ACC)m[i + 2];                                               \
                a3 += (ACC)p[i + 3] * (ACC)m[i + 3];                                               \
            }                                                                                      \
            for (; i < rows; i++)                                                                  \
                a0 += (ACC)p[i] * (ACC)m[i];                                                       \
        } else {                                                                                   \
            for (; i < full; i += 4) {                                                             \
                a0 += (ACC)p[i];                                                                   \
                a1 += (ACC)p[i + 1];                                                               \
                a2 += (ACC)p[i + 2];                                                               \
                a3 += (ACC)p[i + 3];                                                               \
            }                                                                                      \
            for (; i < rows; i++)                                                                  \
                a0 += (ACC)p[i];                                                                   \
        }                                                                                          \
        s->v.FIELD = (ACC)(s->v.FIELD + a0 + a1 + a2 + a3);                                        \
    } while (0)

static void sum_single_m(void *st, floe_column *const *args, size_t rows,
                         const floe_func_args *types, const uint8_t *m)
{
    sum_state *s = st;
    const floe_column *c = args[0];
    const floe_type *t = floe_type_base(c->type);
    uint64_t n = rows;
    if (m) {
        n = 0;
        for (size_t i = 0; i < rows; i++)
            n += m[i];
    }
    s->count += n;
    /* unsigned accumulators for signed values: two's complement wraps as
     * ClickHouse's sum does, without undefined overflow */
    switch (t->id) {
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_BOOL:
        INT_SUM(uint8_t, uint64_t, u);
        break;
    case FLOE_TYPE_UINT16:
        INT_SUM(uint16_t, uint64_t, u);
        break;
    case FLOE_TYPE_UINT32:
        INT_SUM(uint32_t, uint64_t, u);
        break;
    case FLOE_TYPE_UINT64:
        INT_SUM(uint64_t, uint64_t, u);
        break;
    case FLOE_TYPE_INT8:
        INT_SUM(int8_t, uint64_t, u);
        break;
    case FLOE_TYPE_INT16:
        INT_SUM(int16_t, uint64_t, u);
        break;
    case FLOE_TYPE_INT32:
    case FLOE_TYPE_DECIMAL32:
        if (t->id == FLOE_TYPE_DECIMAL32) {
            const int32_t *p = (const int32_t *)(const void *)c->data;
            for (size_t i = 0; i < rows; i++)
                s->v.d += m ? (__int128)p[i] * m[i] : p[i];
        } else {
            INT_SUM(int32_t, uint64_t, u);
        }
        break;
    case FLOE_TYPE_INT64:
        INT_SUM(int64_t, uint64_t, u);
        break;
    case FLOE_TYPE_DECIMAL64: {
        const int64_t *p = (const int64_t *)(const void *)c->data;
        for (size_t i = 0; i < rows; i++)
            s->v.d += m ? (__int128)p[i] * m[i] : p[i];
        break;
    }
    case FLOE_TYPE_DECIMAL128: {
        const __int128 *p = (const __int128 *)(const void *)c->data;
        for (size_t i = 0; i < rows; i++)
            s->v.d += m ? p[i] * m[i] : p[i];
        break;
    }
    case FLOE_TYPE_FLOAT32:
        FLOAT_SUM(float);
        break;
    case FLOE_TYPE_FLOAT64:
        FLOAT_SUM(double);
        break;
    default:
        break;
    }
}

static void sum_add_m(char **places, size_t off, floe_column *const *args, size_t rows,
                      const floe_func_args *types, const uint8_t *m)
{
    const floe_column *c = args[0];
    const floe_type *t = floe_type_base(c->type);
#define SUM_ROWS(S)                                                                                \
    do {                                                                                           \
        const S *p = (const S *)(const void *)c->data;                                             \
        for (size_t i = 0; i < rows; i++) {                                                        \
            if (m && !m[i])                                                                        \
                continue;                                                                          \
            sum_state *s = (sum_state *)(void *)(places[i] + off);                                 \
            s->count++;                                                                            \
            ADD_ONE(p[i]);                                                                         \
        }                                                                                          \
    } while (0)
    switch (sum_kind(t)) {
    case FLOE_FN_F64:
#define ADD_ONE(x) s->v.f += (double)(x)
        FLOE_FN_SWITCH_SRC(t->id, SUM_ROWS)
#undef ADD_ONE
        break;
    case FLOE_FN_I128:
#define ADD_ONE(x) s->v.d += (__int128)(x)
        FLOE_FN_SWITCH_SRC(t->id, SUM_ROWS)
#undef ADD_ONE
        break;
    default:
#define ADD_ONE(x) s->v.u += (uint64_t)(x)
        FLOE_FN_SWITCH_SRC(t->id, SUM_ROWS)
#undef ADD_ONE
        break;
    }
#undef SUM_ROWS
}

static void sum_merge_kind(sum_state *d, const sum_state *s, floe_fn_kind k)
{
    d->count += s->count;
    switch (k) {
    case FLOE_FN_F64:
        d->v.f += s->v.f;
        break;
    case FLOE_FN_I128:
        d->v.d += s->v.d;
        break;
    default:
        d->v.u += s->v.u;
    }
}

static void sum_merge(void *dst, const void *src, const floe_func_args *types)
{
    sum_merge_kind(dst, src, sum_kind(floe_fn_arg_base(types, 0)));
}

static int sum_result(floe_column *out, void *st, const floe_func_args *types)
{
    sum_state *s = st;
    if (s->count == 0 && floe_type_is_nullable(out->type)) {
        floe_column_push_null(out);
        return 0;
    }
    const floe_type *t = floe_fn_arg_base(types, 0);
    if (floe_type_base(out->type)->id == FLOE_TYPE_NOTHING) {
        floe_column_push_null(out);
        return 0;
    }
    if (sum_kind(t) == FLOE_FN_I128)
        floe_column_push_fixed(out, &s->v.d);
    else
        floe_column_push_fixed(out, &s->v.u);
    return 0;
}

static void sum_destroy(void *st) {}

AGG_ENTRIES(sum, sum_state, FLOE_FUNC_CASE_INSENSITIVE)

static int avg_resolve(const floe_type **ret, const floe_func_args *args, const floe_column *params,
                       size_t n_params)
{
    if (single_arg("avg", args) < 0)
        return -1;
    if (bare_null_arg(ret, args))
        return 0;
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (!summable(t))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument for aggregate function avg", t->name);
    const floe_type *r = floe_type_get(FLOE_TYPE_FLOAT64);
    *ret = floe_type_is_nullable(args->types[0]) ? floe_type_nullable(r) : r;
    return 0;
}

#define avg_init     sum_init
#define avg_add_m    sum_add_m
#define avg_single_m sum_single_m
#define avg_merge    sum_merge
#define avg_destroy  sum_destroy

static int avg_result(floe_column *out, void *st, const floe_func_args *types)
{
    sum_state *s = st;
    if (s->count == 0 && floe_type_is_nullable(out->type)) {
        floe_column_push_null(out);
        return 0;
    }
    const floe_type *t = floe_fn_arg_base(types, 0);
    double num;
    switch (sum_kind(t)) {
    case FLOE_FN_F64:
        num = s->v.f;
        break;
    case FLOE_FN_I128:
        num = (double)s->v.d / (double)floe_fn_pow10_i128(t->scale);
        break;
    case FLOE_FN_I64:
        num = (double)s->v.i;
        break;
    default:
        num = (double)s->v.u;
    }
    double r = num / (double)s->count;
    floe_column_push_fixed(out, &r);
    return 0;
}

AGG_ENTRIES(avg, sum_state, FLOE_FUNC_CASE_INSENSITIVE)

/* ---- min, max, any, anyLast ---- */

/* A kept value: `small` holds fixed-width values up to 16 bytes; strings
 * (String, FixedString) live in str (owned); other types (Tuple, Array,
 * wide FixedString) in a one-row column (owned). */
typedef struct value_state {
    union {
        uint8_t small[16];
        __int128 align;
        struct {
            char *p;
            size_t len;
        } str;
        floe_column *col;
    } v;
    uint8_t has;
} value_state;

typedef enum vmode { VM_SMALL, VM_STR, VM_COL } vmode;

static vmode vmode_of(const floe_type *t)
{
    if (t->id == FLOE_TYPE_STRING || t->id == FLOE_TYPE_FIXEDSTRING)
        return VM_STR;
    if (t->width > 0 && t->width <= 16 && t->id != FLOE_TYPE_TUPLE && t->id != FLOE_TYPE_ARRAY &&
        t->id != FLOE_TYPE_NOTHING)
        return VM_SMALL;
    return VM_COL;
}

static void value_init(void *st, const floe_func_args *args)
{
    memset(st, 0, sizeof(value_state));
}

static void value_destroy_m(value_state *s, vmode m)
{
    if (!s->has)
        return;
    if (m == VM_STR)
        floe_free(s->v.str.p);
    else if (m == VM_COL)
        floe_column_free(s->v.col);
    s->has = 0;
}

/* destroy has no types: the mode is found from what the state holds, so
 * strings and columns are tagged by has = 2 and 3. */
static void value_destroy(void *st)
{
    value_state *s = st;
    if (s->has == 2)
        floe_free(s->v.str.p);
    else if (s->has == 3)
        floe_column_free(s->v.col);
    s->has = 0;
}

static void value_set(value_state *s, const floe_column *c, size_t row, vmode m)
{
    const floe_type *t = floe_type_base(c->type);
    switch (m) {
    case VM_SMALL:
        memcpy(s->v.small, c->data + row * t->width, t->width);
        s->has = 1;
        break;
    case VM_STR: {
        size_t len;
        const char *p;
        if (t->id == FLOE_TYPE_FIXEDSTRING) {
            len = t->n;
            p = (const char *)c->data + row * t->n;
        } else {
            p = floe_column_string_at(c, row, &len);
        }
        if (s->has == 2)
            floe_free(s->v.str.p);
        s->v.str.p = floe_malloc(len + 1);
        memcpy(s->v.str.p, p, len);
        s->v.str.len = len;
        s->has = 2;
        break;
    }
    case VM_COL:
        if (s->has == 3)
            floe_column_free(s->v.col);
        s->v.col = floe_column_slice(c, row, 1);
        s->has = 3;
        break;
    }
}

static void value_copy(value_state *d, const value_state *s, vmode m)
{
    if (!s->has)
        return;
    value_destroy_m(d, m);
    *d = *s;
    if (s->has == 2) {
        d->v.str.p = floe_malloc(s->v.str.len + 1);
        memcpy(d->v.str.p, s->v.str.p, s->v.str.len);
    } else if (s->has == 3) {
        d->v.col = floe_column_clone(s->v.col);
    }
}

static int value_result(floe_column *out, void *st, const floe_func_args *types)
{
    value_state *s = st;
    if (!s->has) {
        if (floe_type_is_nullable(out->type))
            floe_column_push_null(out);
        else
            floe_column_push_default(out);
        return 0;
    }
    if (s->has == 1)
        floe_column_push_fixed(out, s->v.small);
    else if (s->has == 2)
        floe_column_push_string(out, s->v.str.p, s->v.str.len);
    else
        floe_column_append_range(out, s->v.col, 0, 1);
    return 0;
}

static int value_resolve(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (single_arg(name, args) < 0)
        return -1;
    if (bare_null_arg(ret, args))
        return 0;
    *ret = args->types[0];
    /* the state keeps values by their layout; LowCardinality adds nothing */
    if (args->types[0]->id == FLOE_TYPE_LOWCARDINALITY)
        *ret = args->types[0]->inner;
    return 0;
}

/* Three-way comparison of row `row` of c with the kept value. */
static int value_cmp(const value_state *s, const floe_column *c, size_t row, vmode m)
{
    const floe_type *t = floe_type_base(c->type);
    if (m == VM_STR) {
        size_t len;
        const char *p;
        if (t->id == FLOE_TYPE_FIXEDSTRING) {
            len = t->n;
            p = (const char *)c->data + row * t->n;
        } else {
            p = floe_column_string_at(c, row, &len);
        }
        size_t n = len < s->v.str.len ? len : s->v.str.len;
        int r = n ? memcmp(p, s->v.str.p, n) : 0;
        if (r)
            return r;
        return len < s->v.str.len ? -1 : len > s->v.str.len ? 1 : 0;
    }
    if (m == VM_COL) {
        floe_column *x = (floe_column *)c;
        return floe_column_compare(x, row, s->v.col, 0, true);
    }
    if (t->id == FLOE_TYPE_UUID) {
        uint64_t a[2], b[2];
        memcpy(a, c->data + row * 16, 16);
        memcpy(b, s->v.small, 16);
        /* as UInt128 with the second stored half as the upper word */
        if (a[1] != b[1])
            return a[1] < b[1] ? -1 : 1;
        return a[0] < b[0] ? -1 : a[0] > b[0];
    }
#define CMP_SMALL(T)                                                                               \
    do {                                                                                           \
        T x = ((const T *)(const void *)c->data)[row], y;                                          \
        memcpy(&y, s->v.small, sizeof y);                                                          \
        return x < y ? -1 : x > y ? 1 : 0;                                                         \
    } while (0)
    FLOE_FN_SWITCH_SRC(t->id, CMP_SMALL)
#undef CMP_SMALL
    return memcmp(c->data + row * t->width, s->v.small, t->width);
}

/* Typed min/max over a fixed-width column into one state. */
#define MINMAX_SINGLE(T, BETTER)                                                                   \
    do {                                                                                           \
        const T *p = (const T *)(const void *)c->data;                                             \
        size_t i = 0;                                                                              \
        T best;                                                                                    \
        if (s->has)                                                                                \
            memcpy(&best, s->v.small, sizeof best);                                                \
        else {                                                                                     \
            while (i < rows && m && !m[i])                                                         \
                i++;                                                                               \
            if (i == rows)                                                                         \
                return;                                                                            \
            best = p[i++];                                                                         \
        }                                                                                          \
        if (m) {                                                                                   \
            for (; i < rows; i++)                                                                  \
                if (m[i] && BETTER(p[i], best))                                                    \
                    best = p[i];                                                                   \
        } else {                                                                                   \
            for (; i < rows; i++)                                                                  \
                best = BETTER(p[i], best) ? p[i] : best;                                           \
        }                                                                                          \
        memcpy(s->v.small, &best, sizeof best);                                                    \
        s->has = 1;                                                                                \
    } while (0)

#define LESS(a, b)    ((a) < (b))
#define GREATER(a, b) ((a) > (b))

static void minmax_single(value_state *s, const floe_column *c, size_t rows, const uint8_t *m,
                          int dir)
{
    const floe_type *t = floe_type_base(c->type);
    vmode vm = vmode_of(t);
    if (vm == VM_SMALL && t->id != FLOE_TYPE_UUID) {
#define MIN_T(T) MINMAX_SINGLE(T, LESS)
#define MAX_T(T) MINMAX_SINGLE(T, GREATER)
        if (dir < 0) {
            FLOE_FN_SWITCH_SRC(t->id, MIN_T)
        } else {
            FLOE_FN_SWITCH_SRC(t->id, MAX_T)
        }
#undef MIN_T
#undef MAX_T
        return;
    }
    for (size_t i = 0; i < rows; i++) {
        if (m && !m[i])
            continue;
        if (!s->has || value_cmp(s, c, i, vm) * dir > 0)
            value_set(s, c, i, vm);
    }
}

static void minmax_add(char **places, size_t off, const floe_column *c, size_t rows,
                       const uint8_t *m, int dir)
{
    const floe_type *t = floe_type_base(c->type);
    vmode vm = vmode_of(t);
    if (vm == VM_SMALL && t->id != FLOE_TYPE_UUID) {
        /* typed per-row compare against each group's kept value */
#define MM_ADD(T)                                                                                  \
    do {                                                                                           \
        const T *x = (const T *)(const void *)c->data;                                             \
        for (size_t i = 0; i < rows; i++) {                                                        \
            if (m && !m[i])                                                                        \
                continue;                                                                          \
            value_state *s = (value_state *)(void *)(places[i] + off);                             \
            T cur;                                                                                 \
            memcpy(&cur, s->v.small, sizeof cur);                                                  \
            if (!s->has || (dir < 0 ? x[i] < cur : x[i] > cur)) {                                  \
                memcpy(s->v.small, &x[i], sizeof x[i]);                                            \
                s->has = 1;                                                                        \
            }                                                                                      \
        }                                                                                          \
    } while (0)
        FLOE_FN_SWITCH_SRC(t->id, MM_ADD)
#undef MM_ADD
        return;
    }
    for (size_t i = 0; i < rows; i++) {
        if (m && !m[i])
            continue;
        value_state *s = (value_state *)(void *)(places[i] + off);
        if (!s->has || value_cmp(s, c, i, vm) * dir > 0)
            value_set(s, c, i, vm);
    }
}

/* Merge: src's value against dst's, through a one-row view of src. */
static void minmax_merge(void *dst, const void *src, const floe_func_args *types, int dir)
{
    value_state *d = dst;
    const value_state *s = src;
    if (!s->has)
        return;
    const floe_type *t = floe_fn_arg_base(types, 0);
    vmode vm = vmode_of(t);
    if (!d->has) {
        value_copy(d, s, vm);
        return;
    }
    /* a one-row column holding src's value */
    floe_column *c = floe_column_new(t);
    if (s->has == 1)
        floe_column_push_fixed(c, s->v.small);
    else if (s->has == 2)
        floe_column_push_string(c, s->v.str.p, s->v.str.len);
    else
        floe_column_append_range(c, s->v.col, 0, 1);
    if (value_cmp(d, c, 0, vm) * dir > 0)
        value_set(d, c, 0, vm);
    floe_column_free(c);
}

#define MINMAX_FUNCS(NAME, DIR)                                                                    \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_column *params, size_t n_params)                          \
    {                                                                                              \
        return value_resolve(#NAME, ret, args);                                                    \
    }                                                                                              \
    static void NAME##_add_m(char **places, size_t off, floe_column *const *args, size_t rows,     \
                             const floe_func_args *types, const uint8_t *m)                        \
    {                                                                                              \
        minmax_add(places, off, args[0], rows, m, DIR);                                            \
    }                                                                                              \
    static void NAME##_single_m(void *st, floe_column *const *args, size_t rows,                   \
                                const floe_func_args *types, const uint8_t *m)                     \
    {                                                                                              \
        minmax_single(st, args[0], rows, m, DIR);                                                  \
    }                                                                                              \
    static void NAME##_merge(void *dst, const void *src, const floe_func_args *types)              \
    {                                                                                              \
        minmax_merge(dst, src, types, DIR);                                                        \
    }
#define min_init    value_init
#define max_init    value_init
#define min_result  value_result
#define max_result  value_result
#define min_destroy value_destroy
#define max_destroy value_destroy

MINMAX_FUNCS(min, -1)
MINMAX_FUNCS(max, 1)
AGG_ENTRIES(min, value_state, FLOE_FUNC_CASE_INSENSITIVE)
AGG_ENTRIES(max, value_state, FLOE_FUNC_CASE_INSENSITIVE)

/* any keeps the first row seen, anyLast the last. */
static int any_resolve(const floe_type **ret, const floe_func_args *args, const floe_column *params,
                       size_t n_params)
{
    return value_resolve("any", ret, args);
}
static int anyLast_resolve(const floe_type **ret, const floe_func_args *args,
                           const floe_column *params, size_t n_params)
{
    return value_resolve("anyLast", ret, args);
}

static void any_add_m(char **places, size_t off, floe_column *const *args, size_t rows,
                      const floe_func_args *types, const uint8_t *m)
{
    vmode vm = vmode_of(floe_type_base(args[0]->type));
    for (size_t i = 0; i < rows; i++) {
        value_state *s = (value_state *)(void *)(places[i] + off);
        if (!s->has && (!m || m[i]))
            value_set(s, args[0], i, vm);
    }
}

static void any_single_m(void *st, floe_column *const *args, size_t rows,
                         const floe_func_args *types, const uint8_t *m)
{
    value_state *s = st;
    if (s->has)
        return;
    for (size_t i = 0; i < rows; i++)
        if (!m || m[i]) {
            value_set(s, args[0], i, vmode_of(floe_type_base(args[0]->type)));
            return;
        }
}

static void anyLast_add_m(char **places, size_t off, floe_column *const *args, size_t rows,
                          const floe_func_args *types, const uint8_t *m)
{
    vmode vm = vmode_of(floe_type_base(args[0]->type));
    for (size_t i = 0; i < rows; i++)
        if (!m || m[i])
            value_set((value_state *)(void *)(places[i] + off), args[0], i, vm);
}

static void anyLast_single_m(void *st, floe_column *const *args, size_t rows,
                             const floe_func_args *types, const uint8_t *m)
{
    for (size_t i = rows; i-- > 0;)
        if (!m || m[i]) {
            value_set(st, args[0], i, vmode_of(floe_type_base(args[0]->type)));
            return;
        }
}

static void any_merge(void *dst, const void *src, const floe_func_args *types)
{
    value_state *d = dst;
    if (!d->has)
        value_copy(d, src, vmode_of(floe_fn_arg_base(types, 0)));
}

static void anyLast_merge(void *dst, const void *src, const floe_func_args *types)
{
    value_copy(dst, src, vmode_of(floe_fn_arg_base(types, 0)));
}

#define any_init        value_init
#define anyLast_init    value_init
#define any_result      value_result
#define anyLast_result  value_result
#define any_destroy     value_destroy
#define anyLast_destroy value_destroy

AGG_ENTRIES(any, value_state, 0)
AGG_ENTRIES(anyLast, value_state, 0)

/* ---- argMin, argMax: the value at the extreme key ---- */

typedef struct arg_state {
    value_state val;
    value_state key;
} arg_state;

static int argext_resolve(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (args->n != 2)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Aggregate function %s requires two arguments", name);
    if (bare_null_arg(ret, args))
        return 0;
    *ret = args->types[0]->id == FLOE_TYPE_LOWCARDINALITY ? args->types[0]->inner : args->types[0];
    return 0;
}

static void arg_init(void *st, const floe_func_args *args)
{
    memset(st, 0, sizeof(arg_state));
}

static void arg_destroy(void *st)
{
    arg_state *s = st;
    value_destroy(&s->val);
    value_destroy(&s->key);
}

/* Row i replaces the kept pair when its key is better; `ties` also lets an
 * equal key replace it (ClickHouse's batch path keeps the last of equal
 * keys, its row-at-a-time path the first). */
static void arg_consider(arg_state *s, floe_column *const *args, size_t i, int dir, bool ties)
{
    vmode km = vmode_of(floe_type_base(args[1]->type));
    int c = s->key.has ? value_cmp(&s->key, args[1], i, km) * dir : 1;
    if (c > 0 || (ties && c == 0)) {
        value_set(&s->key, args[1], i, km);
        value_set(&s->val, args[0], i, vmode_of(floe_type_base(args[0]->type)));
    }
}

static void arg_add(char **places, size_t off, floe_column *const *args, size_t rows,
                    const uint8_t *m, int dir)
{
    for (size_t i = 0; i < rows; i++)
        if (!m || m[i])
            arg_consider((arg_state *)(void *)(places[i] + off), args, i, dir, false);
}

static void arg_single(void *st, floe_column *const *args, size_t rows, const uint8_t *m, int dir)
{
    for (size_t i = 0; i < rows; i++)
        if (!m || m[i])
            arg_consider(st, args, i, dir, true);
}

static void arg_merge_m(void *dst, const void *src, const floe_func_args *types, int dir)
{
    arg_state *d = dst;
    const arg_state *s = src;
    if (!s->key.has)
        return;
    const floe_type *kt = floe_fn_arg_base(types, 1), *vt = floe_fn_arg_base(types, 0);
    vmode km = vmode_of(kt), vm = vmode_of(vt);
    bool better = !d->key.has;
    if (!better) {
        floe_column *c = floe_column_new(kt);
        if (s->key.has == 1)
            floe_column_push_fixed(c, s->key.v.small);
        else if (s->key.has == 2)
            floe_column_push_string(c, s->key.v.str.p, s->key.v.str.len);
        else
            floe_column_append_range(c, s->key.v.col, 0, 1);
        better = value_cmp(&d->key, c, 0, km) * dir > 0;
        floe_column_free(c);
    }
    if (better) {
        value_copy(&d->key, &s->key, km);
        value_copy(&d->val, &s->val, vm);
    }
}

static int arg_result(floe_column *out, void *st, const floe_func_args *types)
{
    return value_result(out, &((arg_state *)st)->val, types);
}

#define ARGEXT_FUNCS(NAME, DIR)                                                                    \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_column *params, size_t n_params)                          \
    {                                                                                              \
        return argext_resolve(#NAME, ret, args);                                                   \
    }                                                                                              \
    static void NAME##_add_m(char **places, size_t off, floe_column *const *args, size_t rows,     \
                             const floe_func_args *types, const uint8_t *m)                        \
    {                                                                                              \
        arg_add(places, off, args, rows, m, DIR);                                                  \
    }                                                                                              \
    static void NAME##_single_m(void *st, floe_column *const *args, size_t rows,                   \
                                const floe_func_args *types, const uint8_t *m)                     \
    {                                                                                              \
        arg_single(st, args, rows, m, DIR);                                                        \
    }                                                                                              \
    static void NAME##_merge(void *dst, const void *src, const floe_func_args *types)              \
    {                                                                                              \
        arg_merge_m(dst, src, types, DIR);                                                         \
    }
#define argMin_init    arg_init
#define argMax_init    arg_init
#define argMin_result  arg_result
#define argMax_result  arg_result
#define argMin_destroy arg_destroy
#define argMax_destroy arg_destroy

ARGEXT_FUNCS(argMin, -1)
ARGEXT_FUNCS(argMax, 1)
AGG_ENTRIES(argMin, arg_state, 0)
AGG_ENTRIES(argMax, arg_state, 0)

/* ---- varPop, varSamp, stddevPop, stddevSamp ----
 * ClickHouse's default (not the *Stable) forms: raw moments count, sum x,
 * sum x^2 in Float64, then (m2 - m1^2 / m0) / (m0 or m0 - 1), clipped at
 * 0; a sample of fewer than two values is NaN. The sums are added row by
 * row; ClickHouse 26.7 adds a block in several lanes, so over many rows the
 * last digits can differ. */

typedef struct moments_state {
    double m0, m1, m2;
} moments_state;

static int moments_resolve_m(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (single_arg(name, args) < 0)
        return -1;
    if (bare_null_arg(ret, args))
        return 0;
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (!floe_type_is_numeric(t))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument for aggregate function %s", t->name, name);
    const floe_type *r = floe_type_get(FLOE_TYPE_FLOAT64);
    *ret = floe_type_is_nullable(args->types[0]) ? floe_type_nullable(r) : r;
    return 0;
}

static void moments_init(void *st, const floe_func_args *args)
{
    memset(st, 0, sizeof(moments_state));
}

static void moments_destroy(void *st) {}

/* The argument as Float64 values (Decimals by value). */
static double *moments_values(const floe_column *c, size_t rows)
{
    const floe_type *t = floe_type_base(c->type);
    double *x = floe_malloc(rows * 8 + 1);
    if (t->id == FLOE_TYPE_NOTHING) {
        memset(x, 0, rows * 8);
        return x;
    }
    floe_fn_load(x, FLOE_FN_F64, c, rows);
    if (floe_type_is_decimal(t)) {
        double m = (double)floe_fn_pow10_i128(t->scale);
        for (size_t i = 0; i < rows; i++)
            x[i] /= m;
    }
    return x;
}

static void moments_add_m(char **places, size_t off, floe_column *const *args, size_t rows,
                          const floe_func_args *types, const uint8_t *m)
{
    double *x = moments_values(args[0], rows);
    for (size_t i = 0; i < rows; i++) {
        if (m && !m[i])
            continue;
        moments_state *s = (moments_state *)(void *)(places[i] + off);
        s->m0 += 1;
        s->m1 += x[i];
        s->m2 += x[i] * x[i];
    }
    floe_free(x);
}

static void moments_single_m(void *st, floe_column *const *args, size_t rows,
                             const floe_func_args *types, const uint8_t *m)
{
    moments_state *s = st;
    double *x = moments_values(args[0], rows);
    for (size_t i = 0; i < rows; i++) {
        if (m && !m[i])
            continue;
        s->m0 += 1;
        s->m1 += x[i];
        s->m2 += x[i] * x[i];
    }
    floe_free(x);
}

static void moments_merge(void *dst, const void *src, const floe_func_args *types)
{
    moments_state *d = dst;
    const moments_state *s = src;
    d->m0 += s->m0;
    d->m1 += s->m1;
    d->m2 += s->m2;
}

static int moments_result_m(bool sample, bool root, floe_column *out, void *st)
{
    moments_state *s = st;
    if (floe_type_base(out->type)->id == FLOE_TYPE_NOTHING ||
        (s->m0 == 0 && floe_type_is_nullable(out->type))) {
        floe_column_push_null(out);
        return 0;
    }
    double r;
    if (s->m0 == 0 || (sample && s->m0 <= 1))
        r = NAN;
    else
        r = fmax(0, (s->m2 - s->m1 * s->m1 / s->m0) / (sample ? s->m0 - 1 : s->m0));
    if (root)
        r = sqrt(r);
    floe_column_push_fixed(out, &r);
    return 0;
}

#define MOMENTS_FUNCS(NAME, SAMPLE, ROOT)                                                          \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_column *params, size_t n_params)                          \
    {                                                                                              \
        return moments_resolve_m(#NAME, ret, args);                                                \
    }                                                                                              \
    static int NAME##_result(floe_column *out, void *st, const floe_func_args *types)              \
    {                                                                                              \
        return moments_result_m(SAMPLE, ROOT, out, st);                                            \
    }
#define varPop_init         moments_init
#define varSamp_init        moments_init
#define stddevPop_init      moments_init
#define stddevSamp_init     moments_init
#define varPop_add_m        moments_add_m
#define varSamp_add_m       moments_add_m
#define stddevPop_add_m     moments_add_m
#define stddevSamp_add_m    moments_add_m
#define varPop_single_m     moments_single_m
#define varSamp_single_m    moments_single_m
#define stddevPop_single_m  moments_single_m
#define stddevSamp_single_m moments_single_m
#define varPop_merge        moments_merge
#define varSamp_merge       moments_merge
#define stddevPop_merge     moments_merge
#define stddevSamp_merge    moments_merge
#define varPop_destroy      moments_destroy
#define varSamp_destroy     moments_destroy
#define stddevPop_destroy   moments_destroy
#define stddevSamp_destroy  moments_destroy

MOMENTS_FUNCS(varPop, false, false)
MOMENTS_FUNCS(varSamp, true, false)
MOMENTS_FUNCS(stddevPop, false, true)
MOMENTS_FUNCS(stddevSamp, true, true)
AGG_ENTRIES(varPop, moments_state, 0)
AGG_ENTRIES(varSamp, moments_state, 0)
AGG_ENTRIES(stddevPop, moments_state, 0)
AGG_ENTRIES(stddevSamp, moments_state, 0)

/* SQL-standard spellings, case-insensitive as in ClickHouse. */
static floe_agg_func alias_of(const floe_agg_func *f, const char *name)
{
    floe_agg_func a = *f;
    a.name = name;
    a.flags |= FLOE_FUNC_CASE_INSENSITIVE;
    return a;
}

void floe_register_aggregates(void)
{
    static floe_agg_func aliases[4];
    aliases[0] = alias_of(&varPop_agg, "VAR_POP");
    aliases[1] = alias_of(&varSamp_agg, "VAR_SAMP");
    aliases[2] = alias_of(&stddevPop_agg, "STDDEV_POP");
    aliases[3] = alias_of(&stddevSamp_agg, "STDDEV_SAMP");
    for (int i = 0; i < 4; i++)
        floe_agg_register(&aliases[i]);
    floe_agg_register(&varPop_agg);
    floe_agg_register(&varPopIf_agg);
    floe_agg_register(&varSamp_agg);
    floe_agg_register(&varSampIf_agg);
    floe_agg_register(&stddevPop_agg);
    floe_agg_register(&stddevPopIf_agg);
    floe_agg_register(&stddevSamp_agg);
    floe_agg_register(&stddevSampIf_agg);
    static const floe_agg_func *const all[] = {
        &count_agg,   &countIf_agg,   &sum_agg,    &sumIf_agg,    &avg_agg,    &avgIf_agg,
        &min_agg,     &minIf_agg,     &max_agg,    &maxIf_agg,    &any_agg,    &anyIf_agg,
        &anyLast_agg, &anyLastIf_agg, &argMin_agg, &argMinIf_agg, &argMax_agg, &argMaxIf_agg,
    };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        floe_agg_register(all[i]);
}
