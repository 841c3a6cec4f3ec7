/*
 * Math: round, floor, ceil, trunc (with an optional scale: floats round
 * half to even through x * 10^s as ClickHouse does, integers and Decimals
 * half away from zero), greatest and least, and the Float64 functions sqrt,
 * cbrt, exp, exp2, log, log2, log10, sin, cos, tan, pow, plus sign,
 * isNaN/isFinite/isInfinite, pi, e, rand, rand64 and generateUUIDv4.
 */
#include <math.h>
#include <time.h>

#include "expr/functions_impl.h"
#include "types/cast.h"

typedef enum round_mode { R_ROUND, R_FLOOR, R_CEIL, R_TRUNC } round_mode;

static const char *const round_names[] = {"round", "floor", "ceil", "trunc"};

static int round_resolve_m(round_mode mode, const floe_type **ret, const floe_func_args *args)
{
    const char *name = round_names[mode];
    if (args->n < 1 || args->n > 2)
        return floe_fn_err_arg_count(name, 1, 1, args->n);
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (!floe_type_is_numeric(t))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "A value of illegal type was provided as 1st argument 'x' to function "
                          "'%s'. Expected: A number to round, got: %s",
                          name, t->name);
    if (args->n == 2 && !floe_type_is_integer(floe_fn_arg_base(args, 1)))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "A value of illegal type was provided as 2nd argument 'N' to function "
                          "'%s'. Expected: The number of decimal places to round to, got: %s",
                          name, floe_fn_arg_base(args, 1)->name);
    *ret = t->id == FLOE_TYPE_BOOL ? floe_type_get(FLOE_TYPE_UINT8) : t;
    return 0;
}

static double round_f(double x, round_mode m)
{
    switch (m) {
    case R_ROUND:
        return nearbyint(x);
    case R_FLOOR:
        return floor(x);
    case R_CEIL:
        return ceil(x);
    case R_TRUNC:
        return trunc(x);
    }
    return x;
}

static float round_f32(float x, round_mode m)
{
    switch (m) {
    case R_ROUND:
        return nearbyintf(x);
    case R_FLOOR:
        return floorf(x);
    case R_CEIL:
        return ceilf(x);
    case R_TRUNC:
        return truncf(x);
    }
    return x;
}

/* Rounds integer v to a multiple of m (m > 1) by mode; round is half away
 * from zero. */
static __int128 round_int(__int128 v, __int128 m, round_mode mode)
{
    __int128 q = v / m, r = v % m;
    if (r == 0)
        return v;
    switch (mode) {
    case R_ROUND:
        if ((r < 0 ? -r : r) * 2 >= m)
            q += v < 0 ? -1 : 1;
        break;
    case R_FLOOR:
        if (v < 0)
            q -= 1;
        break;
    case R_CEIL:
        if (v > 0)
            q += 1;
        break;
    case R_TRUNC:
        break;
    }
    return q * m;
}

static int round_exec_m(round_mode mode, floe_column *out, floe_column *const *args, size_t n,
                        size_t rows)
{
    const floe_type *t = floe_type_base(args[0]->type);
    int64_t *scales = NULL;
    int64_t s0 = 0;
    bool uniform = true;
    if (n == 2) {
        scales = floe_malloc(rows * 8 + 1);
        floe_fn_load(scales, FLOE_FN_I64, args[1], rows);
        s0 = rows ? scales[0] : 0;
        for (size_t i = 1; i < rows; i++)
            uniform &= scales[i] == s0;
    }
    if (floe_type_is_float(t)) {
        if (t->id == FLOE_TYPE_FLOAT32) {
            const float *x = (const float *)(const void *)args[0]->data;
            float *r = floe_fn_out_fixed(out, rows);
            for (size_t i = 0; i < rows; i++) {
                int64_t s = scales ? scales[i] : 0;
                if (s == 0)
                    r[i] = round_f32(x[i], mode);
                else if (s > 0) {
                    float p = (float)pow(10, (double)s);
                    r[i] = round_f32(x[i] * p, mode) / p;
                } else {
                    float p = (float)pow(10, (double)-s);
                    r[i] = round_f32(x[i] / p, mode) * p;
                }
            }
        } else {
            const double *x = (const double *)(const void *)args[0]->data;
            double *r = floe_fn_out_fixed(out, rows);
            if (uniform && s0 == 0) {
                for (size_t i = 0; i < rows; i++)
                    r[i] = round_f(x[i], mode);
            } else {
                for (size_t i = 0; i < rows; i++) {
                    int64_t s = scales ? scales[i] : 0;
                    if (s > 0) {
                        double p = pow(10, (double)s);
                        r[i] = round_f(x[i] * p, mode) / p;
                    } else {
                        double p = pow(10, (double)-s);
                        r[i] = round_f(x[i] / p, mode) * p;
                    }
                }
            }
        }
        floe_free(scales);
        return 0;
    }
    /* integers and Decimals: as __int128 at the value's own scale */
    unsigned vs = floe_type_is_decimal(t) ? t->scale : 0;
    __int128 *v = floe_malloc(rows * sizeof *v + 1);
    floe_fn_load(v, FLOE_FN_I128, args[0], rows);
    for (size_t i = 0; i < rows; i++) {
        int64_t s = scales ? scales[i] : 0;
        int64_t drop = (int64_t)vs - s; /* decimal digits to clear */
        if (drop <= 0)
            continue;
        if (drop > 38) {
            v[i] = 0;
            continue;
        }
        v[i] = round_int(v[i], floe_fn_pow10_i128((unsigned)drop), mode);
    }
    floe_fn_store(out, v, FLOE_FN_I128, rows);
    floe_free(v);
    floe_free(scales);
    return 0;
}

#define ROUND_FUNC(NAME, MODE)                                                                     \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        return round_resolve_m(MODE, ret, args);                                                   \
    }                                                                                              \
    static int NAME##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,      \
                           const floe_func_ctx *ctx)                                               \
    {                                                                                              \
        return round_exec_m(MODE, out, args, n, rows);                                             \
    }

ROUND_FUNC(round, R_ROUND)
ROUND_FUNC(floor, R_FLOOR)
ROUND_FUNC(ceil, R_CEIL)
ROUND_FUNC(trunc, R_TRUNC)

/* ---- greatest, least ---- */

static unsigned nsize(const floe_type *t)
{
    return t->id == FLOE_TYPE_BOOL ? 1 : t->width;
}

static const floe_type *int_type(bool sg, unsigned size)
{
    static const floe_type_id u[] = {FLOE_TYPE_UINT8, FLOE_TYPE_UINT16, FLOE_TYPE_UINT32,
                                     FLOE_TYPE_UINT64};
    static const floe_type_id s[] = {FLOE_TYPE_INT8, FLOE_TYPE_INT16, FLOE_TYPE_INT32,
                                     FLOE_TYPE_INT64};
    int k = size <= 1 ? 0 : size <= 2 ? 1 : size <= 4 ? 2 : 3;
    return floe_type_get(sg ? s[k] : u[k]);
}

/* NumberTraits' ResultOfIf for two plain numbers, with least/greatest's
 * special case for 64-bit integers of different signedness. */
static int minmax_pair_type(const floe_type **ret, const floe_type *a, const floe_type *b,
                            bool is_greatest)
{
    if (a == b) {
        *ret = a;
        return 0;
    }
    bool fa = floe_type_is_float(a), fb = floe_type_is_float(b);
    bool sa = floe_type_is_signed(a), sb = floe_type_is_signed(b);
    unsigned za = nsize(a), zb = nsize(b);
    if (!fa && !fb && za == 8 && zb == 8 && sa != sb) {
        *ret = int_type(!is_greatest, 8);
        return 0;
    }
    bool has_float = fa || fb, has_int = !fa || !fb, has_signed = sa || sb,
         has_unsigned = !sa || !sb;
    unsigned max_u = (sa ? 0 : za) > (sb ? 0 : zb) ? (sa ? 0 : za) : (sb ? 0 : zb);
    unsigned max_s = (sa ? za : 0) > (sb ? zb : 0) ? (sa ? za : 0) : (sb ? zb : 0);
    unsigned max_i = (fa ? 0 : za) > (fb ? 0 : zb) ? (fa ? 0 : za) : (fb ? 0 : zb);
    unsigned max_f = (fa ? za : 0) > (fb ? zb : 0) ? (fa ? za : 0) : (fb ? zb : 0);
    unsigned mx = za > zb ? za : zb;
    unsigned size =
        ((has_float && has_int && max_i >= max_f) || (has_signed && has_unsigned && max_u >= max_s))
            ? mx * 2
            : mx;
    if (size > 8)
        return floe_error(FLOE_ERR_NO_COMMON_TYPE,
                          "There is no supertype for types %s, %s because some of them are "
                          "signed integers and some are unsigned integers, but there is no signed "
                          "integer type, that can exactly represent all required unsigned integer "
                          "values",
                          a->name, b->name);
    if (has_float)
        *ret = floe_type_get(size >= 8 ? FLOE_TYPE_FLOAT64 : FLOE_TYPE_FLOAT32);
    else
        *ret = int_type(has_signed, size);
    return 0;
}

static int minmax_resolve_m(bool is_greatest, const floe_type **ret, const floe_func_args *args)
{
    const char *name = is_greatest ? "greatest" : "least";
    if (args->n < 1)
        return floe_error(FLOE_FN_ERR_TOO_FEW_ARGUMENTS,
                          "Number of arguments for function %s doesn't match: passed 0, should be "
                          "at least 1",
                          name);
    const floe_type **ts = floe_malloc(args->n * sizeof *ts);
    size_t k = 0;
    bool all_nullable = true, all_plain = true;
    for (size_t i = 0; i < args->n; i++) {
        const floe_type *t = args->types[i];
        if (floe_type_base(t)->id == FLOE_TYPE_NOTHING)
            continue;
        all_nullable &= floe_type_is_nullable(t);
        ts[k] = floe_type_strip_nullable(t);
        all_plain &= floe_fn_is_plain_number(floe_type_base(ts[k]));
        k++;
    }
    int rc = 0;
    const floe_type *r;
    if (k == 0) {
        *ret = floe_type_nullable(floe_type_get(FLOE_TYPE_NOTHING));
        goto done;
    }
    if (all_plain) {
        r = floe_type_base(ts[0]);
        if (r->id == FLOE_TYPE_BOOL && k > 1)
            r = floe_type_get(FLOE_TYPE_UINT8);
        for (size_t i = 1; i < k && rc == 0; i++) {
            const floe_type *b = floe_type_base(ts[i]);
            if (b->id == FLOE_TYPE_BOOL)
                b = floe_type_get(FLOE_TYPE_UINT8);
            rc = minmax_pair_type(&r, r, b, is_greatest);
        }
        /* no such type: ClickHouse reports getLeastSupertype's error */
        if (rc < 0 && floe_common_type(&r, ts, k) == 0)
            rc = floe_error(FLOE_ERR_NO_COMMON_TYPE,
                            "There is no supertype for the arguments of "
                            "function %s",
                            name);
    } else {
        rc = floe_common_type(&r, ts, k);
    }
    if (rc == 0)
        *ret = all_nullable && args->n > 0 ? floe_type_nullable(r) : r;
done:
    floe_free(ts);
    return rc;
}

static int minmax_exec_m(bool is_greatest, floe_column *out, floe_column *const *args, size_t n,
                         size_t rows, const floe_func_ctx *ctx)
{
    if (floe_type_base(out->type)->id == FLOE_TYPE_NOTHING) {
        for (size_t i = 0; i < rows; i++)
            floe_column_push_null(out);
        return 0;
    }
    const floe_type *NR = floe_type_nullable(floe_type_strip_nullable(out->type));
    floe_column **c = floe_calloc(n + 1, sizeof *c);
    size_t nc = 0;
    int rc = 0;
    for (size_t k = 0; k < n; k++) {
        if (floe_type_base(args[k]->type)->id == FLOE_TYPE_NOTHING)
            continue;
        if ((rc = floe_cast_column(&c[nc], args[k], NR, FLOE_CAST_THROW,
                                   ctx ? ctx->session_tz : NULL)) < 0)
            goto done;
        nc++;
    }
    int dir = is_greatest ? 1 : -1;
    bool out_nullable = floe_type_is_nullable(out->type);
    for (size_t i = 0; i < rows; i++) {
        size_t best = nc;
        for (size_t k = 0; k < nc; k++) {
            if (floe_column_is_null(c[k], i))
                continue;
            if (best == nc || floe_column_compare(c[k], i, c[best], i, true) * dir > 0)
                best = k;
        }
        if (best == nc) {
            if (out_nullable)
                floe_column_push_null(out);
            else
                floe_column_push_default(out);
        } else if (out_nullable) {
            floe_column_push_from(out, c[best], i);
        } else {
            floe_column v = *c[best];
            v.type = floe_type_strip_nullable(v.type);
            v.nulls = NULL;
            floe_column_push_from(out, &v, i);
        }
    }
done:
    for (size_t k = 0; k < nc; k++)
        floe_column_free(c[k]);
    floe_free(c);
    return rc;
}

static int greatest_resolve(const floe_type **ret, const floe_func_args *args,
                            const floe_func_ctx *ctx)
{
    return minmax_resolve_m(true, ret, args);
}
static int greatest_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                         const floe_func_ctx *ctx)
{
    return minmax_exec_m(true, out, args, n, rows, ctx);
}
static int least_resolve(const floe_type **ret, const floe_func_args *args,
                         const floe_func_ctx *ctx)
{
    return minmax_resolve_m(false, ret, args);
}
static int least_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                      const floe_func_ctx *ctx)
{
    return minmax_exec_m(false, out, args, n, rows, ctx);
}

/* ---- Float64 functions ---- */

typedef enum math_fn {
    M_SQRT,
    M_CBRT,
    M_EXP,
    M_EXP2,
    M_LOG,
    M_LOG2,
    M_LOG10,
    M_SIN,
    M_COS,
    M_TAN,
} math_fn;

static const char *const math_names[] = {"sqrt", "cbrt",  "exp", "exp2", "log",
                                         "log2", "log10", "sin", "cos",  "tan"};

/* Loads a numeric column (Decimals by value) as doubles. */
static double *load_doubles(const floe_column *c, size_t rows)
{
    const floe_type *t = floe_type_base(c->type);
    double *x = floe_malloc(rows * 8 + 1);
    floe_fn_load(x, FLOE_FN_F64, c, rows);
    if (floe_type_is_decimal(t)) {
        double m = (double)floe_fn_pow10_i128(t->scale);
        for (size_t i = 0; i < rows; i++)
            x[i] /= m;
    }
    return x;
}

static int math_resolve_m(math_fn f, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(math_names[f], args, 1) < 0)
        return -1;
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (!floe_type_is_numeric(t))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument of function %s", t->name, math_names[f]);
    *ret = floe_type_get(FLOE_TYPE_FLOAT64);
    return 0;
}

static int math_exec_m(math_fn f, floe_column *out, floe_column *const *args, size_t rows)
{
    double *x = load_doubles(args[0], rows);
    double *r = floe_fn_out_fixed(out, rows);
#define MAP(EXPR)                                                                                  \
    for (size_t i = 0; i < rows; i++)                                                              \
        r[i] = EXPR(x[i]);                                                                         \
    break;
    switch (f) {
    case M_SQRT:
        MAP(sqrt)
    case M_CBRT:
        MAP(cbrt)
    case M_EXP:
        MAP(exp)
    case M_EXP2:
        MAP(exp2)
    case M_LOG:
        MAP(log)
    case M_LOG2:
        MAP(log2)
    case M_LOG10:
        MAP(log10)
    case M_SIN:
        MAP(sin)
    case M_COS:
        MAP(cos)
    case M_TAN:
        MAP(tan)
    }
#undef MAP
    floe_free(x);
    return 0;
}

#define MATH_FUNC(NAME, F)                                                                         \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        return math_resolve_m(F, ret, args);                                                       \
    }                                                                                              \
    static int NAME##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,      \
                           const floe_func_ctx *ctx)                                               \
    {                                                                                              \
        return math_exec_m(F, out, args, rows);                                                    \
    }

MATH_FUNC(sqrt, M_SQRT)
MATH_FUNC(cbrt, M_CBRT)
MATH_FUNC(exp, M_EXP)
MATH_FUNC(exp2, M_EXP2)
MATH_FUNC(log, M_LOG)
MATH_FUNC(log2, M_LOG2)
MATH_FUNC(log10, M_LOG10)
MATH_FUNC(sin, M_SIN)
MATH_FUNC(cos, M_COS)
MATH_FUNC(tan, M_TAN)

static int pow_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("pow", args, 2) < 0)
        return -1;
    for (size_t i = 0; i < 2; i++)
        if (!floe_type_is_numeric(floe_fn_arg_base(args, i)))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type %s of argument of function pow",
                              floe_fn_arg_base(args, i)->name);
    *ret = floe_type_get(FLOE_TYPE_FLOAT64);
    return 0;
}

static int pow_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                    const floe_func_ctx *ctx)
{
    double *x = load_doubles(args[0], rows), *y = load_doubles(args[1], rows);
    double *r = floe_fn_out_fixed(out, rows);
    for (size_t i = 0; i < rows; i++)
        r[i] = pow(x[i], y[i]);
    floe_free(x);
    floe_free(y);
    return 0;
}

static int sign_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("sign", args, 1) < 0)
        return -1;
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (!floe_type_is_numeric(t))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument of function sign", t->name);
    *ret = floe_type_get(FLOE_TYPE_INT8);
    return 0;
}

static int sign_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                     const floe_func_ctx *ctx)
{
    const floe_type *t = floe_type_base(args[0]->type);
    int8_t *r = floe_fn_out_fixed(out, rows);
    if (floe_type_is_float(t)) {
        double *x = floe_malloc(rows * 8 + 1);
        floe_fn_load(x, FLOE_FN_F64, args[0], rows);
        for (size_t i = 0; i < rows; i++)
            r[i] = (int8_t)((x[i] > 0) - (x[i] < 0));
        floe_free(x);
    } else {
        __int128 *x = floe_malloc(rows * 16 + 1);
        floe_fn_load(x, FLOE_FN_I128, args[0], rows);
        for (size_t i = 0; i < rows; i++)
            r[i] = (int8_t)((x[i] > 0) - (x[i] < 0));
        floe_free(x);
    }
    return 0;
}

/* ---- isNaN, isFinite, isInfinite ---- */

typedef enum fp_class { FP_IS_NAN, FP_IS_FINITE, FP_IS_INF } fp_class;

static int fpclass_resolve_m(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 1) < 0)
        return -1;
    if (!floe_fn_is_plain_number(floe_fn_arg_base(args, 0)))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Argument for function %s must be a number", name);
    *ret = floe_type_get(FLOE_TYPE_UINT8);
    return 0;
}

static int fpclass_exec_m(fp_class k, floe_column *out, floe_column *const *args, size_t rows)
{
    double *x = floe_malloc(rows * 8 + 1);
    floe_fn_load(x, FLOE_FN_F64, args[0], rows);
    uint8_t *r = floe_fn_out_fixed(out, rows);
    for (size_t i = 0; i < rows; i++)
        r[i] = k == FP_IS_NAN      ? isnan(x[i]) != 0
               : k == FP_IS_FINITE ? isfinite(x[i]) != 0
                                   : isinf(x[i]) != 0;
    floe_free(x);
    return 0;
}

#define FPCLASS_FUNC(NAME, K)                                                                      \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        return fpclass_resolve_m(#NAME, ret, args);                                                \
    }                                                                                              \
    static int NAME##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,      \
                           const floe_func_ctx *ctx)                                               \
    {                                                                                              \
        return fpclass_exec_m(K, out, args, rows);                                                 \
    }
FPCLASS_FUNC(isNaN, FP_IS_NAN)
FPCLASS_FUNC(isFinite, FP_IS_FINITE)
FPCLASS_FUNC(isInfinite, FP_IS_INF)

/* ---- constants: pi(), e() ---- */

static int const_resolve_m(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 0) < 0)
        return -1;
    *ret = floe_type_get(FLOE_TYPE_FLOAT64);
    return 0;
}

static int fill_double(floe_column *out, size_t rows, double v)
{
    double *r = floe_fn_out_fixed(out, rows);
    for (size_t i = 0; i < rows; i++)
        r[i] = v;
    return 0;
}

static int pi_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    return const_resolve_m("pi", ret, args);
}
static int pi_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                   const floe_func_ctx *ctx)
{
    return fill_double(out, rows, M_PI);
}
static int e_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    return const_resolve_m("e", ret, args);
}
static int e_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                  const floe_func_ctx *ctx)
{
    return fill_double(out, rows, M_E);
}

/* ---- rand(), rand64(): pseudo-random numbers (any arguments are only
 * there to tell calls apart, as in ClickHouse) ---- */

static uint64_t rand_next(void)
{
    static _Thread_local uint64_t state;
    if (!state) {
        uint64_t seed = (uint64_t)(uintptr_t)&state;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        state = seed ^ ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^ 0x9E3779B97F4A7C15ULL;
    }
    /* splitmix64 */
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int rand_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    *ret = floe_type_get(FLOE_TYPE_UINT32);
    return 0;
}
static int rand_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                     const floe_func_ctx *ctx)
{
    uint32_t *r = floe_fn_out_fixed(out, rows);
    for (size_t i = 0; i < rows; i++)
        r[i] = (uint32_t)rand_next();
    return 0;
}
static int rand64_resolve(const floe_type **ret, const floe_func_args *args,
                          const floe_func_ctx *ctx)
{
    *ret = floe_type_get(FLOE_TYPE_UINT64);
    return 0;
}
static int rand64_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                       const floe_func_ctx *ctx)
{
    uint64_t *r = floe_fn_out_fixed(out, rows);
    for (size_t i = 0; i < rows; i++)
        r[i] = rand_next();
    return 0;
}

/* generateUUIDv4(): random bits with the version (4) and variant (10)
 * fields set; stored as floe's UUID layout (text-order high half first). */
static int uuid4_resolve(const floe_type **ret, const floe_func_args *args,
                         const floe_func_ctx *ctx)
{
    *ret = floe_type_get(FLOE_TYPE_UUID);
    return 0;
}

static int uuid4_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                      const floe_func_ctx *ctx)
{
    uint64_t *o = floe_fn_out_fixed(out, rows);
    for (size_t i = 0; i < rows; i++) {
        uint64_t hi = rand_next(), lo = rand_next();
        hi = (hi & ~0xF000ULL) | 0x4000ULL;                        /* version 4 */
        lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL; /* variant 10 */
        o[2 * i] = hi;
        o[2 * i + 1] = lo;
    }
    return 0;
}

#define CI FLOE_FUNC_CASE_INSENSITIVE
#define DN FLOE_FUNC_DEFAULT_NULLS
#define ND FLOE_FUNC_NONDETERMINISTIC

static const floe_scalar_func funcs[] = {
    {"round", DN | CI, round_resolve, round_exec},
    {"floor", DN | CI, floor_resolve, floor_exec},
    {"ceil", DN | CI, ceil_resolve, ceil_exec},
    {"ceiling", DN | CI, ceil_resolve, ceil_exec},
    {"trunc", DN | CI, trunc_resolve, trunc_exec},
    {"truncate", DN | CI, trunc_resolve, trunc_exec},
    {"greatest", CI, greatest_resolve, greatest_exec},
    {"least", CI, least_resolve, least_exec},
    {"sqrt", DN | CI, sqrt_resolve, sqrt_exec},
    {"cbrt", DN, cbrt_resolve, cbrt_exec},
    {"exp", DN | CI, exp_resolve, exp_exec},
    {"exp2", DN, exp2_resolve, exp2_exec},
    {"log", DN | CI, log_resolve, log_exec},
    {"ln", DN | CI, log_resolve, log_exec},
    {"log2", DN | CI, log2_resolve, log2_exec},
    {"log10", DN | CI, log10_resolve, log10_exec},
    {"sin", DN | CI, sin_resolve, sin_exec},
    {"cos", DN | CI, cos_resolve, cos_exec},
    {"tan", DN | CI, tan_resolve, tan_exec},
    {"pow", DN | CI, pow_resolve, pow_exec},
    {"power", DN | CI, pow_resolve, pow_exec},
    {"sign", DN | CI, sign_resolve, sign_exec},
    {"isNaN", DN, isNaN_resolve, isNaN_exec},
    {"isFinite", DN, isFinite_resolve, isFinite_exec},
    {"isInfinite", DN, isInfinite_resolve, isInfinite_exec},
    {"pi", CI, pi_resolve, pi_exec},
    {"e", 0, e_resolve, e_exec},
    {"rand", ND | CI, rand_resolve, rand_exec},
    {"rand32", ND, rand_resolve, rand_exec},
    {"rand64", ND, rand64_resolve, rand64_exec},
    {"generateUUIDv4", ND, uuid4_resolve, uuid4_exec},
};

void floe_register_math(void)
{
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++)
        floe_func_register(&funcs[i]);
}
