/*
 * Aggregates that keep every value: groupArray, and the median family
 * (median/quantile interpolate between neighbours as ClickHouse's reservoir
 * sampler does below its 8192-value capacity; medianExact/quantileExact
 * pick the element at floor(level * n)). The state owns one column of the
 * non-NULL values seen. Only the level 0.5 is supported: result() receives
 * no parameters through function.h.
 */
#include <math.h>
#include <stdlib.h>

#include "expr/functions_impl.h"

typedef struct collect_state {
    floe_column *vals; /* created on first add, of the argument's type without Nullable */
} collect_state;

static void collect_init(void *st, const floe_func_args *args)
{
    ((collect_state *)st)->vals = NULL;
}

static void collect_destroy(void *st)
{
    collect_state *s = st;
    floe_column_free(s->vals);
    s->vals = NULL;
}

/* Rows where the value (and the -If condition, when cond) allow it. */
static void collect_rows(collect_state *single, char **places, size_t off, const floe_column *c,
                         const floe_column *cond, size_t rows)
{
    floe_column v = *c;
    v.type = floe_type_strip_nullable(c->type);
    v.nulls = NULL;
    uint8_t *m = NULL;
    if (cond) {
        m = floe_malloc(rows + 1);
        floe_fn_truth(m, cond, rows);
    }
    for (size_t i = 0; i < rows; i++) {
        if (floe_column_is_null(c, i) || (m && (!m[i] || floe_column_is_null(cond, i))))
            continue;
        collect_state *s = single ? single : (collect_state *)(void *)(places[i] + off);
        if (!s->vals)
            s->vals = floe_column_new(v.type);
        floe_column_push_from(s->vals, &v, i);
    }
    floe_free(m);
}

static void collect_merge(void *dst, const void *src, const floe_func_args *types)
{
    collect_state *d = dst;
    const collect_state *s = src;
    if (!s->vals || !s->vals->rows)
        return;
    if (!d->vals)
        d->vals = floe_column_new(s->vals->type);
    floe_column_append_range(d->vals, s->vals, 0, s->vals->rows);
}

static int if_cond_check(const floe_func_args *args)
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
    return 0;
}

/* ---- groupArray ---- */

static int groupArray_resolve(const floe_type **ret, const floe_func_args *args,
                              const floe_column *params, size_t n_params)
{
    if (n_params)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "groupArray with a size limit is not supported");
    if (args->n != 1)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Aggregate function groupArray requires single argument");
    if (floe_fn_arg_base(args, 0)->id == FLOE_TYPE_NOTHING) { /* a bare NULL: NULL */
        *ret = args->types[0];
        return 0;
    }
    *ret = floe_type_array(floe_type_strip_nullable(args->types[0]));
    return 0;
}

static int groupArray_result(floe_column *out, void *st, const floe_func_args *types)
{
    collect_state *s = st;
    if (floe_type_base(out->type)->id == FLOE_TYPE_NOTHING) {
        floe_column_push_null(out);
        return 0;
    }
    if (s->vals && s->vals->rows)
        floe_column_append_range(out->children[0], s->vals, 0, s->vals->rows);
    floe_column_reserve(out, 1, 0);
    out->offsets[out->rows] = out->children[0]->rows;
    if (out->nulls)
        out->nulls[out->rows] = 0;
    out->rows++;
    return 0;
}

/* ---- median, quantile, medianExact, quantileExact ---- */

static bool quantile_type_ok(const floe_type *t)
{
    return floe_type_is_numeric(t) || floe_type_is_date_or_time(t);
}

/* The interpolating forms return Float64 for numbers, the argument's type
 * for dates, times and Decimals; the exact forms return the argument's type. */
static int quantile_resolve_m(const char *name, bool exact, const floe_type **ret,
                              const floe_func_args *args, const floe_column *params,
                              size_t n_params)
{
    if (n_params > 1)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "%s with several levels is not supported",
                          name);
    if (n_params == 1) {
        double level = 0;
        floe_fn_load(&level, FLOE_FN_F64, params, 1);
        if (level != 0.5)
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                              "%s with a level other than 0.5 is not supported", name);
    }
    if (args->n != 1)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Aggregate function %s requires single argument", name);
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (t->id == FLOE_TYPE_NOTHING) { /* a bare NULL: NULL */
        *ret = args->types[0];
        return 0;
    }
    /* median is quantile underneath, and its messages say so */
    if (!quantile_type_ok(t))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument for aggregate function %s", t->name,
                          exact ? "quantileExact" : "quantile");
    const floe_type *r;
    if (exact || floe_type_is_decimal(t) || floe_type_is_date_or_time(t))
        r = t;
    else
        r = floe_type_get(FLOE_TYPE_FLOAT64);
    *ret = floe_type_is_nullable(args->types[0]) ? floe_type_nullable(r) : r;
    return 0;
}

typedef struct keyed {
    long double key;
    size_t row;
} keyed;

static int keyed_cmp(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* The values sorted, as exact keys (long double holds every 64-bit
 * integer), with their rows. */
static keyed *sorted_values(const floe_column *vals)
{
    size_t n = vals->rows;
    long double *k = floe_malloc(n * sizeof *k + 1);
    floe_fn_load(k, FLOE_FN_LD, vals, n);
    keyed *s = floe_malloc(n * sizeof *s + 1);
    for (size_t i = 0; i < n; i++) {
        s[i].key = k[i];
        s[i].row = i;
    }
    floe_free(k);
    qsort(s, n, sizeof *s, keyed_cmp);
    return s;
}

static int quantile_result_m(bool exact, floe_column *out, void *st, const floe_func_args *types)
{
    collect_state *s = st;
    const floe_type *t = floe_fn_arg_base(types, 0), *rt = floe_type_base(out->type);
    size_t n = s->vals ? s->vals->rows : 0;
    if (n == 0) {
        if (floe_type_is_nullable(out->type)) {
            floe_column_push_null(out);
        } else if (rt->id == FLOE_TYPE_FLOAT64 && !exact) {
            double nan = NAN;
            floe_column_push_fixed(out, &nan);
        } else {
            floe_column_push_default(out);
        }
        return 0;
    }
    keyed *k = sorted_values(s->vals);
    if (exact) {
        size_t pos = (size_t)(0.5 * (double)n);
        if (pos >= n)
            pos = n - 1;
        floe_column v = *s->vals;
        if (floe_type_is_nullable(out->type)) {
            floe_column *one = floe_column_new(out->type);
            floe_column_push_from(one, &v, k[pos].row);
            floe_column_append_range(out, one, 0, 1);
            floe_column_free(one);
        } else {
            floe_column_push_from(out, &v, k[pos].row);
        }
        floe_free(k);
        return 0;
    }
    /* interpolated: index 0.5 * (n - 1) between its neighbours */
    double index = 0.5 * (double)(n - 1);
    size_t left = (size_t)index;
    long double a = k[left].key, b = left + 1 < n ? k[left + 1].key : a;
    long double r = a + (long double)(index - (double)left) * (b - a);
    floe_free(k);
    if (rt->id == FLOE_TYPE_FLOAT64) {
        double d = (double)r;
        floe_column_push_fixed(out, &d);
    } else {
        /* Decimals, dates and times: the raw value, truncated */
        (void)t;
        __int128 raw = (__int128)r;
        uint8_t buf[16];
        floe_column *one = floe_column_new(rt);
        floe_fn_store(one, &raw, FLOE_FN_I128, 1);
        memcpy(buf, one->data, rt->width);
        floe_column_free(one);
        floe_column_push_fixed(out, buf);
    }
    return 0;
}

/* ---- entries ---- */

#define COLLECT_ENTRY(NAME, RESOLVE, RESULT)                                                       \
    static void NAME##_add(char **places, size_t off, floe_column *const *args, size_t rows,       \
                           const floe_func_args *types)                                            \
    {                                                                                              \
        collect_rows(NULL, places, off, args[0], NULL, rows);                                      \
    }                                                                                              \
    static void NAME##_single(void *st, floe_column *const *args, size_t rows,                     \
                              const floe_func_args *types)                                         \
    {                                                                                              \
        collect_rows(st, NULL, 0, args[0], NULL, rows);                                            \
    }                                                                                              \
    static void NAME##If_add(char **places, size_t off, floe_column *const *args, size_t rows,     \
                             const floe_func_args *types)                                          \
    {                                                                                              \
        collect_rows(NULL, places, off, args[0], args[types->n - 1], rows);                        \
    }                                                                                              \
    static void NAME##If_single(void *st, floe_column *const *args, size_t rows,                   \
                                const floe_func_args *types)                                       \
    {                                                                                              \
        collect_rows(st, NULL, 0, args[0], args[types->n - 1], rows);                              \
    }                                                                                              \
    static int NAME##If_resolve(const floe_type **ret, const floe_func_args *args,                 \
                                const floe_column *params, size_t n_params)                        \
    {                                                                                              \
        if (if_cond_check(args) < 0)                                                               \
            return -1;                                                                             \
        floe_func_args b = {args->n ? args->n - 1 : 0, args->types, args->consts};                 \
        return RESOLVE(ret, &b, params, n_params);                                                 \
    }                                                                                              \
    static const floe_agg_func NAME##_agg = {                                                      \
        #NAME,          0,          RESOLVE,       sizeof(collect_state), _Alignof(collect_state), \
        collect_init,   NAME##_add, NAME##_single, collect_merge,         RESULT,                  \
        collect_destroy};                                                                          \
    static const floe_agg_func NAME##If_agg = {#NAME "If",                                         \
                                               0,                                                  \
                                               NAME##If_resolve,                                   \
                                               sizeof(collect_state),                              \
                                               _Alignof(collect_state),                            \
                                               collect_init,                                       \
                                               NAME##If_add,                                       \
                                               NAME##If_single,                                    \
                                               collect_merge,                                      \
                                               RESULT,                                             \
                                               collect_destroy};

static int median_resolve(const floe_type **ret, const floe_func_args *args,
                          const floe_column *params, size_t n_params)
{
    return quantile_resolve_m("median", false, ret, args, params, n_params);
}
static int quantile_resolve(const floe_type **ret, const floe_func_args *args,
                            const floe_column *params, size_t n_params)
{
    return quantile_resolve_m("quantile", false, ret, args, params, n_params);
}
static int medianExact_resolve(const floe_type **ret, const floe_func_args *args,
                               const floe_column *params, size_t n_params)
{
    return quantile_resolve_m("medianExact", true, ret, args, params, n_params);
}
static int quantileExact_resolve(const floe_type **ret, const floe_func_args *args,
                                 const floe_column *params, size_t n_params)
{
    return quantile_resolve_m("quantileExact", true, ret, args, params, n_params);
}
static int interp_result(floe_column *out, void *st, const floe_func_args *types)
{
    return quantile_result_m(false, out, st, types);
}
static int exact_result(floe_column *out, void *st, const floe_func_args *types)
{
    return quantile_result_m(true, out, st, types);
}

COLLECT_ENTRY(groupArray, groupArray_resolve, groupArray_result)
COLLECT_ENTRY(median, median_resolve, interp_result)
COLLECT_ENTRY(quantile, quantile_resolve, interp_result)
COLLECT_ENTRY(medianExact, medianExact_resolve, exact_result)
COLLECT_ENTRY(quantileExact, quantileExact_resolve, exact_result)

void floe_register_agg_collect(void)
{
    const floe_agg_func *all[] = {&groupArray_agg,     &groupArrayIf_agg,  &median_agg,
                                  &medianIf_agg,       &quantile_agg,      &quantileIf_agg,
                                  &medianExact_agg,    &medianExactIf_agg, &quantileExact_agg,
                                  &quantileExactIf_agg};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        floe_agg_register(all[i]);
}
