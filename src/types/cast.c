/*
 * CAST between types, with ClickHouse's semantics for every pair floe has:
 * integer wrap-around, x86 float-to-integer truncation, Decimal rescaling
 * with overflow checks, the date and time rules of toDate / toDateTime /
 * toDateTime64, Enum names and values, and text both ways. Numbers convert
 * in whole-column loops through a wide intermediate (int64, uint64, float,
 * double or int128), never by per-value dispatch.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/mem.h"
#include "types/cast.h"
#include "types/datetime.h"
#include "types/float_text.h"
#include "types/serialize.h"

/* ---- the conversion context ---- */

typedef struct cast_ctx {
    const floe_type *fb, *tb; /* source and target base types */
    const floe_type *to;      /* the full target type */
    floe_cast_mode mode;
    const char *session_tz;
    const uint8_t *skip; /* source rows that are NULL: converted quietly */
    uint8_t *bad;        /* OR modes: rows that failed; NULL in THROW mode */
} cast_ctx;

/*
 * A row that cannot be converted: quietly zero for a NULL source row, a bad
 * row in OR modes, an error otherwise. Used inside the loops as
 *   if (cond) { ROW_FAIL(i, floe_error(...)); v = 0; }
 */
#define ROW_FAIL(ctx, i, err_expr)                                                                 \
    do {                                                                                           \
        if (!((ctx)->skip && (ctx)->skip[i])) {                                                    \
            if (!(ctx)->bad)                                                                       \
                return (err_expr);                                                                 \
            (ctx)->bad[i] = 1;                                                                     \
        }                                                                                          \
    } while (0)

static const floe_tz *zone_of(const floe_type *t, const char *session_tz)
{
    const floe_tz *z;
    const char *name = t->tz ? t->tz : session_tz;
    if (name == NULL || floe_tz_get(&z, name) < 0) {
        floe_error_clear();
        return floe_tz_utc();
    }
    return z;
}

static int not_supported(const cast_ctx *ctx)
{
    return floe_error(FLOE_ERR_CANNOT_CONVERT_TYPE, "Conversion from %s to %s is not supported",
                      ctx->fb->name, ctx->tb->name);
}

/* A fixed-width result column of type t with rows rows, data uninitialised. */
static floe_column *new_fixed(const floe_type *t, size_t rows)
{
    floe_column *c = floe_column_new(t);
    floe_column_reserve(c, rows, 0);
    c->rows = rows;
    c->data_len = rows * t->width;
    return c;
}

static const __int128 pow10_i128[39] = {
    (__int128)1,
    (__int128)10,
    (__int128)100,
    (__int128)1000,
    (__int128)10000,
    (__int128)100000,
    (__int128)1000000,
    (__int128)10000000,
    (__int128)100000000,
    (__int128)1000000000,
    (__int128)10000000000LL,
    (__int128)100000000000LL,
    (__int128)1000000000000LL,
    (__int128)10000000000000LL,
    (__int128)100000000000000LL,
    (__int128)1000000000000000LL,
    (__int128)10000000000000000LL,
    (__int128)100000000000000000LL,
    (__int128)1000000000000000000LL,
    (__int128)1000000000000000000LL * 10,
    (__int128)1000000000000000000LL * 100,
    (__int128)1000000000000000000LL * 1000,
    (__int128)1000000000000000000LL * 10000,
    (__int128)1000000000000000000LL * 100000,
    (__int128)1000000000000000000LL * 1000000,
    (__int128)1000000000000000000LL * 10000000,
    (__int128)1000000000000000000LL * 100000000,
    (__int128)1000000000000000000LL * 1000000000,
    (__int128)1000000000000000000LL * 10000000000LL,
    (__int128)1000000000000000000LL * 100000000000LL,
    (__int128)1000000000000000000LL * 1000000000000LL,
    (__int128)1000000000000000000LL * 10000000000000LL,
    (__int128)1000000000000000000LL * 100000000000000LL,
    (__int128)1000000000000000000LL * 1000000000000000LL,
    (__int128)1000000000000000000LL * 10000000000000000LL,
    (__int128)1000000000000000000LL * 100000000000000000LL,
    (__int128)1000000000000000000LL * 1000000000000000000LL,
    (__int128)1000000000000000000LL * 1000000000000000000LL * 10,
    (__int128)1000000000000000000LL * 1000000000000000000LL * 100,
};

static int64_t pow10_i64(int k)
{
    return (int64_t)pow10_i128[k];
}

static void i128_text(char *out, size_t size, __int128 v)
{
    char tmp[48];
    size_t n = 0;
    unsigned __int128 u =
        v < 0 ? (unsigned __int128)0 - (unsigned __int128)v : (unsigned __int128)v;
    do {
        tmp[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    size_t k = 0;
    if (v < 0 && k + 1 < size)
        out[k++] = '-';
    while (n && k + 1 < size)
        out[k++] = tmp[--n];
    out[k] = '\0';
}

/* ---- numbers: loading into a wide intermediate ---- */

typedef enum wide_kind { W_I64, W_U64, W_F32, W_F64, W_DEC } wide_kind;

/* A column's values widened: int64 (signed integers, Date32, Enum), uint64
 * (unsigned integers, Bool, Date, DateTime), float/double (pointing into the
 * source), or int128 for Decimal and DateTime64 (scale in `scale`). */
typedef struct wide {
    wide_kind kind;
    const void *data;
    void *owned;
    int scale;
} wide;

#define WIDEN(TS, TD)                                                                              \
    do {                                                                                           \
        const TS *s_ = (const TS *)(const void *)src->data;                                        \
        TD *d_ = floe_malloc((n ? n : 1) * sizeof(TD));                                            \
        for (size_t i_ = 0; i_ < n; i_++)                                                          \
            d_[i_] = (TD)s_[i_];                                                                   \
        w->owned = d_;                                                                             \
        w->data = d_;                                                                              \
    } while (0)

static bool wide_load(wide *w, const floe_column *src, const floe_type *fb)
{
    size_t n = src->rows;
    memset(w, 0, sizeof *w);
    switch (fb->id) {
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_BOOL:
        w->kind = W_U64;
        WIDEN(uint8_t, uint64_t);
        return true;
    case FLOE_TYPE_UINT16:
    case FLOE_TYPE_DATE:
        w->kind = W_U64;
        WIDEN(uint16_t, uint64_t);
        return true;
    case FLOE_TYPE_UINT32:
    case FLOE_TYPE_DATETIME:
        w->kind = W_U64;
        WIDEN(uint32_t, uint64_t);
        return true;
    case FLOE_TYPE_UINT64:
        w->kind = W_U64;
        w->data = src->data;
        return true;
    case FLOE_TYPE_INT8:
    case FLOE_TYPE_ENUM8:
        w->kind = W_I64;
        WIDEN(int8_t, int64_t);
        return true;
    case FLOE_TYPE_INT16:
    case FLOE_TYPE_ENUM16:
        w->kind = W_I64;
        WIDEN(int16_t, int64_t);
        return true;
    case FLOE_TYPE_INT32:
    case FLOE_TYPE_DATE32:
        w->kind = W_I64;
        WIDEN(int32_t, int64_t);
        return true;
    case FLOE_TYPE_INT64:
        w->kind = W_I64;
        w->data = src->data;
        return true;
    case FLOE_TYPE_FLOAT32:
        w->kind = W_F32;
        w->data = src->data;
        return true;
    case FLOE_TYPE_FLOAT64:
        w->kind = W_F64;
        w->data = src->data;
        return true;
    case FLOE_TYPE_DECIMAL32:
        w->kind = W_DEC;
        w->scale = fb->scale;
        WIDEN(int32_t, __int128);
        return true;
    case FLOE_TYPE_DECIMAL64:
        w->kind = W_DEC;
        w->scale = fb->scale;
        WIDEN(int64_t, __int128);
        return true;
    case FLOE_TYPE_DATETIME64:
        w->kind = W_DEC;
        w->scale = fb->precision;
        WIDEN(int64_t, __int128);
        return true;
    case FLOE_TYPE_DECIMAL128:
        w->kind = W_DEC;
        w->scale = fb->scale;
        w->data = src->data;
        return true;
    default:
        return false;
    }
}

static void wide_free(wide *w)
{
    floe_free(w->owned);
}

/* Narrowing store of 64-bit patterns into a 1/2/4/8-byte column. */
static void store_bits(floe_column *dst, const uint64_t *r, size_t n)
{
    switch (dst->type->width) {
    case 1: {
        uint8_t *d = dst->data;
        for (size_t i = 0; i < n; i++)
            d[i] = (uint8_t)r[i];
        break;
    }
    case 2: {
        uint16_t *d = FLOE_COL_DATA(dst, uint16_t);
        for (size_t i = 0; i < n; i++)
            d[i] = (uint16_t)r[i];
        break;
    }
    case 4: {
        uint32_t *d = FLOE_COL_DATA(dst, uint32_t);
        for (size_t i = 0; i < n; i++)
            d[i] = (uint32_t)r[i];
        break;
    }
    default:
        memcpy(dst->data, r, n * 8);
        break;
    }
}

/* x86's cvttsd2si: out-of-range and NaN give the "integer indefinite"
 * value, which is what ClickHouse's static_cast compiles to. */
static inline int32_t cvt32(double x)
{
    return (x > -2147483649.0 && x < 2147483648.0) ? (int32_t)x : INT32_MIN;
}

static inline int64_t cvt64(double x)
{
    return (x >= -9223372036854775808.0 && x < 9223372036854775808.0) ? (int64_t)x : INT64_MIN;
}

static inline int64_t cvt64f(float x)
{
    return (x >= -9223372036854775808.0f && x < 9223372036854775808.0f) ? (int64_t)x : INT64_MIN;
}

/* The range of a target integer type, for checked conversions. */
static void int_range(floe_type_id id, __int128 *lo, __int128 *hi)
{
    switch (id) {
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_BOOL:
        *lo = 0, *hi = UINT8_MAX;
        break;
    case FLOE_TYPE_UINT16:
    case FLOE_TYPE_DATE:
        *lo = 0, *hi = UINT16_MAX;
        break;
    case FLOE_TYPE_UINT32:
    case FLOE_TYPE_DATETIME:
        *lo = 0, *hi = UINT32_MAX;
        break;
    case FLOE_TYPE_UINT64:
        *lo = 0, *hi = UINT64_MAX;
        break;
    case FLOE_TYPE_INT8:
    case FLOE_TYPE_ENUM8:
        *lo = INT8_MIN, *hi = INT8_MAX;
        break;
    case FLOE_TYPE_INT16:
    case FLOE_TYPE_ENUM16:
        *lo = INT16_MIN, *hi = INT16_MAX;
        break;
    case FLOE_TYPE_INT32:
    case FLOE_TYPE_DATE32:
    case FLOE_TYPE_DECIMAL32:
        *lo = INT32_MIN, *hi = INT32_MAX;
        break;
    case FLOE_TYPE_INT64:
    case FLOE_TYPE_DECIMAL64:
    case FLOE_TYPE_DATETIME64:
        *lo = INT64_MIN, *hi = INT64_MAX;
        break;
    default: {
        unsigned __int128 m = ~(unsigned __int128)0 >> 1;
        *hi = (__int128)m;
        *lo = -*hi - 1;
    }
    }
}

/* ---- numbers into integers, Bool and floats ---- */

static int to_integer(floe_column *dst, const wide *w, size_t n, cast_ctx *ctx)
{
    floe_type_id to = ctx->tb->id;
    if (w->kind == W_I64 || w->kind == W_U64) {
        /* two's complement: narrowing is the wrap-around C casts do */
        store_bits(dst, w->data, n);
        return 0;
    }
    uint64_t *r = floe_malloc((n ? n : 1) * sizeof *r);
    int ret = -1;
    switch (w->kind) {
    case W_I64:
    case W_U64:
        break;
    case W_F32:
    case W_F64: {
        const float *f = w->data;
        const double *d = w->data;
        bool is32 = w->kind == W_F32;
        for (size_t i = 0; i < n; i++) {
            double x = is32 ? (double)f[i] : d[i];
            if (!isfinite(x)) {
                ROW_FAIL(ctx, i,
                         (floe_free(r), floe_error(FLOE_ERR_CANNOT_CONVERT_TYPE,
                                                   "Unexpected inf or nan to integer conversion")));
                r[i] = 0;
                continue;
            }
            switch (to) {
            case FLOE_TYPE_UINT32:
            case FLOE_TYPE_INT64:
                r[i] = (uint64_t)(is32 ? cvt64f(f[i]) : cvt64(x));
                break;
            case FLOE_TYPE_UINT64: {
                /* clang's double -> uint64 sequence on x86-64 */
                int64_t a = is32 ? cvt64f(f[i]) : cvt64(x);
                int64_t b =
                    is32 ? cvt64f(f[i] - 9223372036854775808.0f) : cvt64(x - 9223372036854775808.0);
                r[i] = (uint64_t)(a | (b & (a >> 63)));
                break;
            }
            default:
                r[i] = (uint64_t)(int64_t)cvt32(x);
                break;
            }
        }
        break;
    }
    case W_DEC: {
        const __int128 *v = w->data;
        __int128 div = pow10_i128[w->scale], lo, hi;
        int_range(to, &lo, &hi);
        for (size_t i = 0; i < n; i++) {
            __int128 q = v[i] / div;
            if (q < lo || q > hi) {
                ROW_FAIL(ctx, i,
                         (floe_free(r), floe_error(FLOE_ERR_DECIMAL_OVERFLOW, "Convert overflow")));
                q = 0;
            }
            r[i] = (uint64_t)q;
        }
        break;
    }
    }
    store_bits(dst, r, n);
    ret = 0;
    floe_free(r);
    return ret;
}

static void to_bool(floe_column *dst, const wide *w, size_t n)
{
    uint8_t *d = dst->data;
    switch (w->kind) {
    case W_I64:
    case W_U64: {
        const uint64_t *v = w->data;
        for (size_t i = 0; i < n; i++)
            d[i] = v[i] != 0;
        break;
    }
    case W_F32: {
        const float *v = w->data;
        for (size_t i = 0; i < n; i++)
            d[i] = v[i] != 0; /* NaN is true */
        break;
    }
    case W_F64: {
        const double *v = w->data;
        for (size_t i = 0; i < n; i++)
            d[i] = v[i] != 0;
        break;
    }
    case W_DEC: {
        const __int128 *v = w->data;
        for (size_t i = 0; i < n; i++)
            d[i] = v[i] != 0;
        break;
    }
    }
}

#define TO_FLOAT(T)                                                                                \
    do {                                                                                           \
        T *d = FLOE_COL_DATA(dst, T);                                                              \
        switch (w->kind) {                                                                         \
        case W_I64: {                                                                              \
            const int64_t *v = w->data;                                                            \
            for (size_t i = 0; i < n; i++)                                                         \
                d[i] = (T)v[i];                                                                    \
            break;                                                                                 \
        }                                                                                          \
        case W_U64: {                                                                              \
            const uint64_t *v = w->data;                                                           \
            for (size_t i = 0; i < n; i++)                                                         \
                d[i] = (T)v[i];                                                                    \
            break;                                                                                 \
        }                                                                                          \
        case W_F32: {                                                                              \
            const float *v = w->data;                                                              \
            for (size_t i = 0; i < n; i++)                                                         \
                d[i] = (T)v[i];                                                                    \
            break;                                                                                 \
        }                                                                                          \
        case W_F64: {                                                                              \
            const double *v = w->data;                                                             \
            for (size_t i = 0; i < n; i++)                                                         \
                d[i] = (T)v[i];                                                                    \
            break;                                                                                 \
        }                                                                                          \
        case W_DEC: {                                                                              \
            const __int128 *v = w->data;                                                           \
            T div = (T)pow10_i128[w->scale];                                                       \
            for (size_t i = 0; i < n; i++)                                                         \
                d[i] = (T)v[i] / div;                                                              \
            break;                                                                                 \
        }                                                                                          \
        }                                                                                          \
    } while (0)

static void to_float(floe_column *dst, const wide *w, size_t n, bool is32)
{
    if (is32)
        TO_FLOAT(float);
    else
        TO_FLOAT(double);
}

/* ---- numbers into Decimal ---- */

static void store_i128(floe_column *dst, const __int128 *r, size_t n)
{
    switch (dst->type->width) {
    case 4: {
        int32_t *d = FLOE_COL_DATA(dst, int32_t);
        for (size_t i = 0; i < n; i++)
            d[i] = (int32_t)r[i];
        break;
    }
    case 8: {
        int64_t *d = FLOE_COL_DATA(dst, int64_t);
        for (size_t i = 0; i < n; i++)
            d[i] = (int64_t)r[i];
        break;
    }
    default:
        memcpy(dst->data, r, n * 16);
        break;
    }
}

/*
 * Rescales decimal values from scale `from` to `to` (dropping digits toward
 * zero) and checks the result against [lo, hi]. The multiplication happens
 * in the wider of the two native types, as ClickHouse's convertDecimals
 * does: checked up to 64 bits, wrapping at 128. `dt64` (a DateTime64
 * target) words the overflow as ClickHouse does there, printing the wrapped
 * product where its message does.
 */
static int rescale(__int128 *r, const __int128 *v, size_t n, int from, int to, __int128 lo,
                   __int128 hi, int native_bytes, bool dt64, cast_ctx *ctx)
{
    __int128 mul = to > from ? pow10_i128[to - from] : 1;
    for (size_t i = 0; i < n; i++) {
        __int128 x = v[i];
        if (to > from) {
            if (native_bytes > 8) {
                x = (__int128)((unsigned __int128)x * (unsigned __int128)mul);
            } else {
                int64_t p;
                if (__builtin_mul_overflow((int64_t)x, (int64_t)mul, &p) ||
                    (native_bytes <= 4 && (p < INT32_MIN || p > INT32_MAX))) {
                    long long wrapped = (long long)(int64_t)((uint64_t)(int64_t)x * (uint64_t)mul);
                    ROW_FAIL(ctx, i,
                             dt64 ? floe_error(FLOE_ERR_DECIMAL_OVERFLOW,
                                               "DateTime64 convert overflow while multiplying "
                                               "%lld by scale %lld",
                                               (long long)x, wrapped)
                                  : floe_error(FLOE_ERR_DECIMAL_OVERFLOW,
                                               "Decimal convert overflow while multiplying %lld "
                                               "by scale %lld",
                                               (long long)x, (long long)mul));
                    r[i] = 0;
                    continue;
                }
                x = p;
            }
        } else if (to < from) {
            x /= pow10_i128[from - to];
        }
        if (x < lo || x > hi) {
            char xs[48], ls[48], hs[48];
            i128_text(xs, sizeof xs, x);
            i128_text(ls, sizeof ls, lo);
            i128_text(hs, sizeof hs, hi);
            ROW_FAIL(ctx, i,
                     floe_error(FLOE_ERR_DECIMAL_OVERFLOW,
                                "%s convert overflow: %s is not in range (%s, %s)",
                                dt64 ? "DateTime64" : "Decimal", xs, ls, hs));
            x = 0;
        }
        r[i] = x;
    }
    return 0;
}

/*
 * A double into Int128 as ClickHouse's wide integers do it: whole multiples
 * of 2^64 - 1 counted in long double, then the remainder. It is not exact
 * past 2^64 (1e20 becomes 100000000000000000003), and ClickHouse's Decimal128
 * values carry that error, so floe reproduces it.
 */
static __int128 wide_from_double(double rhs)
{
    if ((rhs > 0 && rhs < (double)INT64_MAX) || (rhs < 0 && rhs > (double)INT64_MIN))
        return (int64_t)rhs;
    long double r = rhs < 0 ? -(long double)rhs : (long double)rhs;
    const uint64_t max_u = UINT64_MAX;
    uint64_t count = (uint64_t)(r / (long double)max_u);
    unsigned __int128 self = (unsigned __int128)count * max_u;
    long double to_diff = (long double)count;
    to_diff *= (long double)max_u;
    self += (uint64_t)(r - to_diff);
    return rhs < 0 ? -(__int128)self : (__int128)self;
}

static int to_decimal(floe_column *dst, const wide *w, size_t n, cast_ctx *ctx)
{
    const floe_type *tb = ctx->tb;
    int scale = tb->scale;
    __int128 lo, hi;
    int_range(tb->id, &lo, &hi);
    __int128 mul = pow10_i128[scale];
    __int128 *r = floe_malloc((n ? n : 1) * sizeof *r);
    int ret = -1;
    if ((w->kind == W_I64 || w->kind == W_U64) && tb->id != FLOE_TYPE_DECIMAL128) {
        /* integers into Decimal32/64: checked multiplication in 64 bits */
        bool is_signed = w->kind == W_I64;
        int64_t m = (int64_t)mul, l = (int64_t)lo, h = (int64_t)hi;
        const int64_t *sv = w->data;
        const uint64_t *uv = w->data;
        int32_t *d32 = FLOE_COL_DATA(dst, int32_t);
        int64_t *d64 = FLOE_COL_DATA(dst, int64_t);
        bool is32 = tb->id == FLOE_TYPE_DECIMAL32;
        floe_free(r);
        for (size_t i = 0; i < n; i++) {
            int64_t x;
            if ((!is_signed && uv[i] > (uint64_t)INT64_MAX) ||
                __builtin_mul_overflow(is_signed ? sv[i] : (int64_t)uv[i], m, &x) || x < l ||
                x > h) {
                ROW_FAIL(ctx, i, floe_error(FLOE_ERR_DECIMAL_OVERFLOW, "Decimal convert overflow"));
                x = 0;
            }
            if (is32)
                d32[i] = (int32_t)x;
            else
                d64[i] = x;
        }
        return 0;
    }
    switch (w->kind) {
    case W_I64:
    case W_U64: {
        bool is_signed = w->kind == W_I64;
        const int64_t *sv = w->data;
        const uint64_t *uv = w->data;
        for (size_t i = 0; i < n; i++) {
            __int128 x = is_signed ? (__int128)sv[i] : (__int128)uv[i];
            if (tb->id == FLOE_TYPE_DECIMAL128) {
                /* ClickHouse multiplies Decimal128 without a check: it wraps */
                r[i] = (__int128)((unsigned __int128)x * (unsigned __int128)mul);
                continue;
            }
            if (__builtin_mul_overflow(x, mul, &x) || x < lo || x > hi) {
                ROW_FAIL(ctx, i,
                         (floe_free(r),
                          floe_error(FLOE_ERR_DECIMAL_OVERFLOW, "Decimal convert overflow")));
                x = 0;
            }
            r[i] = x;
        }
        break;
    }
    case W_F32:
    case W_F64: {
        const float *f = w->data;
        const double *d = w->data;
        for (size_t i = 0; i < n; i++) {
            double out;
            bool finite;
            if (w->kind == W_F32) {
                /* in float, as ClickHouse multiplies in the source type */
                float o = f[i] * (float)mul;
                finite = isfinite(f[i]);
                out = o;
            } else {
                finite = isfinite(d[i]);
                out = d[i] * (double)mul;
            }
            if (!finite) {
                ROW_FAIL(ctx, i,
                         (floe_free(r), floe_error(FLOE_ERR_DECIMAL_OVERFLOW,
                                                   "Decimal convert overflow. Cannot convert "
                                                   "infinity or NaN to decimal")));
                r[i] = 0;
                continue;
            }
            if (out <= (double)lo || out >= (double)hi) {
                ROW_FAIL(ctx, i,
                         (floe_free(r), floe_error(FLOE_ERR_DECIMAL_OVERFLOW,
                                                   "Decimal convert overflow. Float is out of "
                                                   "Decimal range")));
                r[i] = 0;
                continue;
            }
            if (tb->id != FLOE_TYPE_DECIMAL128)
                r[i] = (__int128)out;
            else if (w->kind == W_F64)
                r[i] = wide_from_double(out);
            else /* Float32 into Int128 saturates at 2^63 */
                r[i] = out >= 9223372036854775808.0    ? (__int128)1 << 63
                       : out <= -9223372036854775808.0 ? -((__int128)1 << 63)
                                                       : (__int128)(int64_t)out;
        }
        break;
    }
    case W_DEC:
        if (rescale(r, w->data, n, w->scale, scale, lo, hi,
                    ctx->fb->width > tb->width ? (int)ctx->fb->width : (int)tb->width, false,
                    ctx) < 0) {
            floe_free(r);
            return -1;
        }
        break;
    }
    store_i128(dst, r, n);
    ret = 0;
    floe_free(r);
    return ret;
}

/* ---- numbers and dates into dates and times ---- */

#define DT64_MIN_SECONDS   (-62167219200LL) /* 0000-01-01 00:00:00 */
#define DT64_MAX_SECONDS   253402300799LL   /* 9999-12-31 23:59:59 */
#define DT64_MAX_TIMESTAMP 10413791999LL    /* 2299-12-31 23:59:59, toDate32's limit */

static int illegal_column(const cast_ctx *ctx, const char *func)
{
    const char *col = ctx->fb->id == FLOE_TYPE_DECIMAL32   ? "Decimal32"
                      : ctx->fb->id == FLOE_TYPE_DECIMAL64 ? "Decimal64"
                                                           : "Decimal128";
    return floe_error(FLOE_ERR_ILLEGAL_COLUMN, "Illegal column %s of first argument of function %s",
                      col, func);
}

/* Whole seconds of DateTime64 ticks, rounded down (toDateTime and toDate
 * take the floor; rescaling and toInt64 go toward zero). */
static inline int64_t dt64_seconds(__int128 ticks, int precision)
{
    __int128 d = pow10_i128[precision];
    __int128 q = ticks / d;
    if (ticks % d < 0)
        q--;
    return (int64_t)q;
}

static int to_date(floe_column *dst, const wide *w, size_t n, cast_ctx *ctx)
{
    const floe_type *fb = ctx->fb;
    bool is32 = ctx->tb->id == FLOE_TYPE_DATE32;
    if (floe_type_is_decimal(fb))
        return illegal_column(ctx, is32 ? "toDate32" : "toDate");
    const floe_tz *zone = zone_of(fb, ctx->session_tz);
    const floe_tz *session = zone_of(ctx->tb, ctx->session_tz);
    int32_t *r = floe_malloc((n ? n : 1) * sizeof *r);
    if (fb->id == FLOE_TYPE_ENUM8 || fb->id == FLOE_TYPE_ENUM16) {
        /* an Enum's value converts as a plain number, wrapping */
        const int64_t *v = w->data;
        for (size_t i = 0; i < n; i++)
            r[i] = (int32_t)v[i];
    } else if (fb->id == FLOE_TYPE_DATETIME) {
        const uint64_t *v = w->data;
        for (size_t i = 0; i < n; i++)
            r[i] = floe_tz_day(zone, (int64_t)v[i]);
    } else if (fb->id == FLOE_TYPE_DATETIME64) {
        const __int128 *v = w->data;
        /* toDate truncates the seconds toward zero, toDate32 floors them */
        for (size_t i = 0; i < n; i++)
            r[i] = floe_tz_day(zone, is32 ? dt64_seconds(v[i], fb->precision)
                                          : (int64_t)(v[i] / pow10_i128[fb->precision]));
    } else if (fb->id == FLOE_TYPE_DATE || fb->id == FLOE_TYPE_DATE32) {
        const void *v = w->data;
        for (size_t i = 0; i < n; i++)
            r[i] = fb->id == FLOE_TYPE_DATE ? (int32_t)((const uint64_t *)v)[i]
                                            : (int32_t)((const int64_t *)v)[i];
    } else if (w->kind == W_F32 || w->kind == W_F64) {
        /* a number of days, or past the type's last day a timestamp */
        for (size_t i = 0; i < n; i++) {
            double x = w->kind == W_F32 ? (double)((const float *)w->data)[i]
                                        : ((const double *)w->data)[i];
            if (is32) {
                if (!(x >= (double)FLOE_DATE32_MIN_DAY))
                    r[i] = FLOE_DATE32_MIN_DAY; /* NaN too */
                else if (x <= (double)FLOE_DATE32_MAX_DAY)
                    r[i] = (int32_t)x;
                else
                    r[i] = floe_tz_day(session, x > (double)DT64_MAX_TIMESTAMP ? DT64_MAX_TIMESTAMP
                                                                               : (int64_t)x);
            } else {
                if (!(x >= 0))
                    r[i] = 0;
                else if (x <= (double)FLOE_DATE_MAX_DAY)
                    r[i] = (int32_t)x;
                else
                    r[i] = floe_tz_day(session, x > (double)FLOE_DATETIME_MAX ? FLOE_DATETIME_MAX
                                                                              : (int64_t)x);
            }
        }
    } else if (w->kind == W_I64) {
        const int64_t *v = w->data;
        for (size_t i = 0; i < n; i++) {
            int64_t x = v[i];
            if (is32)
                r[i] = x < FLOE_DATE32_MIN_DAY ? FLOE_DATE32_MIN_DAY
                       : x <= FLOE_DATE32_MAX_DAY
                           ? (int32_t)x
                           : floe_tz_day(session, x > DT64_MAX_TIMESTAMP ? DT64_MAX_TIMESTAMP : x);
            else
                r[i] = x < 0 ? 0
                       : x <= FLOE_DATE_MAX_DAY
                           ? (int32_t)x
                           : floe_tz_day(session, x > FLOE_DATETIME_MAX ? FLOE_DATETIME_MAX : x);
        }
    } else {
        const uint64_t *v = w->data;
        for (size_t i = 0; i < n; i++) {
            uint64_t x = v[i];
            if (is32) {
                /* toDate32 reads a large unsigned value as a signed timestamp */
                int64_t t = (int64_t)x;
                r[i] = x <= FLOE_DATE32_MAX_DAY
                           ? (int32_t)x
                           : floe_tz_day(session, t > DT64_MAX_TIMESTAMP ? DT64_MAX_TIMESTAMP : t);
            } else {
                /* toDate takes time_t(x): a huge value is negative */
                int64_t t = (int64_t)x;
                r[i] = x <= FLOE_DATE_MAX_DAY
                           ? (int32_t)x
                           : floe_tz_day(session, t > FLOE_DATETIME_MAX ? FLOE_DATETIME_MAX : t);
            }
        }
    }
    if (is32) {
        memcpy(dst->data, r, n * 4);
    } else {
        uint16_t *d = FLOE_COL_DATA(dst, uint16_t);
        for (size_t i = 0; i < n; i++)
            d[i] = (uint16_t)r[i]; /* Date32 and DateTime64 days wrap, as in ClickHouse */
    }
    floe_free(r);
    return 0;
}

static int to_datetime(floe_column *dst, const wide *w, size_t n, cast_ctx *ctx)
{
    const floe_type *fb = ctx->fb;
    if (floe_type_is_decimal(fb))
        return illegal_column(ctx, "toDateTime");
    uint32_t *d = FLOE_COL_DATA(dst, uint32_t);
    if (fb->id == FLOE_TYPE_DATE || fb->id == FLOE_TYPE_DATE32) {
        const floe_tz *zone = zone_of(ctx->tb, ctx->session_tz);
        for (size_t i = 0; i < n; i++) {
            int32_t day = fb->id == FLOE_TYPE_DATE ? (int32_t)((const uint64_t *)w->data)[i]
                                                   : (int32_t)((const int64_t *)w->data)[i];
            d[i] = (uint32_t)floe_tz_day_start(zone, day);
        }
    } else if (fb->id == FLOE_TYPE_DATETIME64) {
        const __int128 *v = w->data;
        for (size_t i = 0; i < n; i++)
            d[i] = (uint32_t)dt64_seconds(v[i], fb->precision);
    } else if (fb->id == FLOE_TYPE_ENUM8 || fb->id == FLOE_TYPE_ENUM16) {
        const int64_t *v = w->data;
        for (size_t i = 0; i < n; i++)
            d[i] = (uint32_t)v[i];
    } else if (w->kind == W_I64) {
        const int64_t *v = w->data;
        for (size_t i = 0; i < n; i++)
            d[i] = v[i] < 0 ? 0 : v[i] > FLOE_DATETIME_MAX ? UINT32_MAX : (uint32_t)v[i];
    } else if (w->kind == W_U64) {
        const uint64_t *v = w->data;
        for (size_t i = 0; i < n; i++)
            d[i] = v[i] > (uint64_t)FLOE_DATETIME_MAX ? UINT32_MAX : (uint32_t)v[i];
    } else {
        for (size_t i = 0; i < n; i++) {
            double x = w->kind == W_F32 ? (double)((const float *)w->data)[i]
                                        : ((const double *)w->data)[i];
            d[i] = !(x > 0) ? 0 : x > (double)FLOE_DATETIME_MAX ? UINT32_MAX : (uint32_t)x;
        }
    }
    return 0;
}

static int to_datetime64(floe_column *dst, const wide *w, size_t n, cast_ctx *ctx)
{
    const floe_type *fb = ctx->fb;
    if (fb->id == FLOE_TYPE_ENUM8 || fb->id == FLOE_TYPE_ENUM16)
        return not_supported(ctx);
    int p = ctx->tb->precision;
    int64_t mul = pow10_i64(p);
    int64_t hi = DT64_MAX_SECONDS < INT64_MAX / mul ? DT64_MAX_SECONDS : INT64_MAX / mul;
    int64_t lo = DT64_MIN_SECONDS > INT64_MIN / mul ? DT64_MIN_SECONDS : INT64_MIN / mul;
    int64_t *d = FLOE_COL_DATA(dst, int64_t);
    if (fb->id == FLOE_TYPE_DATE || fb->id == FLOE_TYPE_DATE32) {
        const floe_tz *zone = zone_of(ctx->tb, ctx->session_tz);
        for (size_t i = 0; i < n; i++) {
            int32_t day = fb->id == FLOE_TYPE_DATE ? (int32_t)((const uint64_t *)w->data)[i]
                                                   : (int32_t)((const int64_t *)w->data)[i];
            d[i] = floe_tz_day_start(zone, day) * mul;
        }
        return 0;
    }
    if (fb->id == FLOE_TYPE_DATETIME) {
        const uint64_t *v = w->data;
        for (size_t i = 0; i < n; i++)
            d[i] = (int64_t)v[i] * mul;
        return 0;
    }
    switch (w->kind) {
    case W_I64: {
        const int64_t *v = w->data;
        for (size_t i = 0; i < n; i++)
            d[i] = (v[i] < lo ? lo : v[i] > hi ? hi : v[i]) * mul;
        break;
    }
    case W_U64: {
        const uint64_t *v = w->data;
        for (size_t i = 0; i < n; i++)
            d[i] = (v[i] > (uint64_t)hi ? hi : (int64_t)v[i]) * mul;
        break;
    }
    case W_F32:
    case W_F64:
        for (size_t i = 0; i < n; i++) {
            double x = w->kind == W_F32 ? (double)((const float *)w->data)[i]
                                        : ((const double *)w->data)[i];
            if (!isfinite(x)) {
                ROW_FAIL(ctx, i,
                         floe_error(FLOE_ERR_DECIMAL_OVERFLOW,
                                    "DateTime64 convert overflow. Cannot convert infinity or NaN "
                                    "to decimal"));
                d[i] = 0;
                continue;
            }
            if (x > (double)hi)
                d[i] = hi * mul;
            else if (x < (double)lo)
                d[i] = lo * mul;
            else
                d[i] = w->kind == W_F32 ? (int64_t)((float)x * (float)mul) /* in float */
                                        : (int64_t)(x * (double)mul);
        }
        break;
    case W_DEC: {
        __int128 *r = floe_malloc((n ? n : 1) * sizeof *r);
        if (rescale(r, w->data, n, w->scale, p, INT64_MIN, INT64_MAX,
                    ctx->fb->width > 8 ? (int)ctx->fb->width : 8, true, ctx) < 0) {
            floe_free(r);
            return -1;
        }
        for (size_t i = 0; i < n; i++)
            d[i] = (int64_t)r[i];
        floe_free(r);
        break;
    }
    }
    return 0;
}

/* ---- Enum ---- */

static bool enum_has(const floe_type *t, int64_t v, const char **name)
{
    for (size_t k = 0; k < t->n_enums; k++)
        if (t->enums[k].value == v) {
            if (name)
                *name = t->enums[k].name;
            return true;
        }
    return false;
}

static int to_enum(floe_column *dst, const wide *w, size_t n, cast_ctx *ctx)
{
    const floe_type *fb = ctx->fb, *tb = ctx->tb;
    bool from_enum = fb->id == FLOE_TYPE_ENUM8 || fb->id == FLOE_TYPE_ENUM16;
    if (from_enum) {
        /* elements present in both must keep their values */
        for (size_t k = 0; k < fb->n_enums; k++)
            for (size_t j = 0; j < tb->n_enums; j++)
                if (strcmp(fb->enums[k].name, tb->enums[j].name) == 0 &&
                    fb->enums[k].value != tb->enums[j].value)
                    return floe_error(FLOE_ERR_CANNOT_CONVERT_TYPE,
                                      "Enum conversion changes value for element '%s' from %d "
                                      "to %d",
                                      fb->enums[k].name, fb->enums[k].value, tb->enums[j].value);
    } else if (!(floe_type_is_integer(fb) || floe_type_is_float(fb) || fb->id == FLOE_TYPE_BOOL)) {
        return not_supported(ctx);
    }
    int64_t lo = tb->id == FLOE_TYPE_ENUM8 ? INT8_MIN : INT16_MIN;
    int64_t hi = tb->id == FLOE_TYPE_ENUM8 ? INT8_MAX : INT16_MAX;
    uint64_t *r = floe_malloc((n ? n : 1) * sizeof *r);
    int ret = -1;
    for (size_t i = 0; i < n; i++) {
        int64_t v;
        char text[64];
        bool in_range;
        switch (w->kind) {
        case W_I64:
            v = ((const int64_t *)w->data)[i];
            in_range = v >= lo && v <= hi;
            snprintf(text, sizeof text, "%lld", (long long)v);
            break;
        case W_U64: {
            uint64_t u = ((const uint64_t *)w->data)[i];
            v = (int64_t)u;
            in_range = u <= (uint64_t)hi;
            snprintf(text, sizeof text, "%llu", (unsigned long long)u);
            break;
        }
        default: {
            /* NaN passes the range check and becomes 0, as in ClickHouse */
            double x = w->kind == W_F32 ? (double)((const float *)w->data)[i]
                                        : ((const double *)w->data)[i];
            in_range = !(x > (double)hi || x < (double)lo);
            v = tb->id == FLOE_TYPE_ENUM8 ? (int8_t)cvt32(x) : (int16_t)cvt32(x);
            size_t tl = w->kind == W_F32 ? floe_float32_format(text, (float)x)
                                         : floe_float64_format(text, x);
            text[tl] = '\0';
            break;
        }
        }
        if (!in_range) {
            ROW_FAIL(ctx, i,
                     (floe_free(r), floe_error(FLOE_ERR_CANNOT_CONVERT_TYPE,
                                               "Value %s cannot be converted to enum type", text)));
            r[i] = (uint64_t)tb->enums[0].value;
            continue;
        }
        if (!enum_has(tb, v, NULL)) {
            /* Enum to Enum wraps the error once more, as ClickHouse does */
            ROW_FAIL(ctx, i,
                     (floe_free(r),
                      from_enum ? floe_error(FLOE_ERR_UNKNOWN_ELEMENT_OF_ENUM,
                                             "Code: 691. DB::Exception: Unexpected value %lld in "
                                             "enum. (UNKNOWN_ELEMENT_OF_ENUM) (version 26.7.2.1)",
                                             (long long)v)
                                : floe_error(FLOE_ERR_UNKNOWN_ELEMENT_OF_ENUM,
                                             "Unexpected value %lld in enum", (long long)v)));
            r[i] = (uint64_t)tb->enums[0].value;
            continue;
        }
        r[i] = (uint64_t)v;
    }
    store_bits(dst, r, n);
    ret = 0;
    floe_free(r);
    return ret;
}

/* ---- the numeric family ---- */

static bool is_number_like(const floe_type *t)
{
    return floe_type_is_numeric(t) || floe_type_is_date_or_time(t) || t->id == FLOE_TYPE_ENUM8 ||
           t->id == FLOE_TYPE_ENUM16;
}

/*
 * OR modes (toTOrZero, accurateCastOrNull): a number that does not fit its
 * target exactly is a bad row instead of wrapping. Marks bad rows before
 * the conversion; cast_numeric zeroes them after it.
 */
static void mark_inexact(const wide *w, size_t n, cast_ctx *ctx)
{
    floe_type_id to = ctx->tb->id;
    bool to_int = floe_type_is_integer(ctx->tb) || to == FLOE_TYPE_DATETIME;
    bool to_float = to == FLOE_TYPE_FLOAT32 || to == FLOE_TYPE_FLOAT64;
    if (!to_int && !to_float)
        return;
    if (to_int && w->kind == W_DEC)
        return; /* checked by the conversion itself */
    __int128 lo, hi;
    int_range(to, &lo, &hi);
    double dlo = (double)lo, dhi_excl = (double)hi + 1.0;
    for (size_t i = 0; i < n; i++) {
        if (ctx->skip && ctx->skip[i])
            continue;
        bool ok = true;
        switch (w->kind) {
        case W_I64:
        case W_U64: {
            __int128 v = w->kind == W_I64 ? (__int128)((const int64_t *)w->data)[i]
                                          : (__int128)((const uint64_t *)w->data)[i];
            if (to_int) {
                ok = v >= lo && v <= hi;
            } else {
                /* exactly representable: the float converts back to v */
                long double f =
                    to == FLOE_TYPE_FLOAT32 ? (long double)(float)v : (long double)(double)v;
                ok = f == (long double)v;
            }
            break;
        }
        case W_F32:
        case W_F64: {
            double x = w->kind == W_F32 ? (double)((const float *)w->data)[i]
                                        : ((const double *)w->data)[i];
            if (to_int)
                ok = isfinite(x) && x == trunc(x) && x >= dlo && x < dhi_excl;
            else if (to == FLOE_TYPE_FLOAT32)
                ok = !isfinite(x) || (double)(float)x == x;
            break;
        }
        case W_DEC:
            break; /* Decimal to float is never refused */
        }
        if (!ok)
            ctx->bad[i] = 1;
    }
}

static int cast_numeric(floe_column **out, const floe_column *src, cast_ctx *ctx)
{
    const floe_type *fb = ctx->fb, *tb = ctx->tb;
    size_t n = src->rows;
    wide w;
    if (!wide_load(&w, src, fb))
        return not_supported(ctx);
    if ((floe_type_is_decimal(tb) && (fb->id == FLOE_TYPE_DATE || fb->id == FLOE_TYPE_DATE32 ||
                                      fb->id == FLOE_TYPE_DATETIME))) {
        wide_free(&w);
        return floe_error(FLOE_ERR_ILLEGAL_COLUMN,
                          "Illegal column %s of first argument of function CAST",
                          fb->id == FLOE_TYPE_DATE     ? "UInt16"
                          : fb->id == FLOE_TYPE_DATE32 ? "Int32"
                                                       : "UInt32");
    }
    if (floe_type_is_decimal(tb) && (fb->id == FLOE_TYPE_ENUM8 || fb->id == FLOE_TYPE_ENUM16)) {
        wide_free(&w);
        return not_supported(ctx);
    }
    if (ctx->bad)
        mark_inexact(&w, n, ctx);
    floe_column *dst = new_fixed(tb, n);
    int rc;
    switch (tb->id) {
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_UINT16:
    case FLOE_TYPE_UINT32:
    case FLOE_TYPE_UINT64:
    case FLOE_TYPE_INT8:
    case FLOE_TYPE_INT16:
    case FLOE_TYPE_INT32:
    case FLOE_TYPE_INT64:
        rc = to_integer(dst, &w, n, ctx);
        break;
    case FLOE_TYPE_BOOL:
        to_bool(dst, &w, n);
        rc = 0;
        break;
    case FLOE_TYPE_FLOAT32:
    case FLOE_TYPE_FLOAT64:
        to_float(dst, &w, n, tb->id == FLOE_TYPE_FLOAT32);
        rc = 0;
        break;
    case FLOE_TYPE_DECIMAL32:
    case FLOE_TYPE_DECIMAL64:
    case FLOE_TYPE_DECIMAL128:
        rc = to_decimal(dst, &w, n, ctx);
        break;
    case FLOE_TYPE_DATE:
    case FLOE_TYPE_DATE32:
        rc = to_date(dst, &w, n, ctx);
        break;
    case FLOE_TYPE_DATETIME:
        rc = to_datetime(dst, &w, n, ctx);
        break;
    case FLOE_TYPE_DATETIME64:
        rc = to_datetime64(dst, &w, n, ctx);
        break;
    case FLOE_TYPE_ENUM8:
    case FLOE_TYPE_ENUM16:
        rc = to_enum(dst, &w, n, ctx);
        break;
    default:
        rc = not_supported(ctx);
        break;
    }
    wide_free(&w);
    if (rc < 0) {
        floe_column_free(dst);
        return -1;
    }
    if (ctx->bad) {
        /* the type's default: zero, or an Enum's first value */
        size_t wd = tb->width;
        int16_t first = tb->n_enums ? tb->enums[0].value : 0;
        int8_t first8 = (int8_t)first;
        for (size_t i = 0; i < n; i++)
            if (ctx->bad[i]) {
                if (tb->n_enums)
                    memcpy(dst->data + i * wd, wd == 1 ? (const void *)&first8 : &first, wd);
                else
                    memset(dst->data + i * wd, 0, wd);
            }
    }
    *out = dst;
    return 0;
}

/* ---- text ---- */

/* Any type to String: the value as toString prints it. */
static int cast_to_string(floe_column **out, const floe_column *src, cast_ctx *ctx)
{
    const floe_type *fb = ctx->fb;
    size_t n = src->rows;
    floe_column *dst = floe_column_new(ctx->tb);
    if (fb->id == FLOE_TYPE_STRING) {
        floe_column_append_range(dst, src, 0, n);
        *out = dst;
        return 0;
    }
    if (fb->id == FLOE_TYPE_FIXEDSTRING) {
        /* trailing zero bytes are padding and are dropped */
        size_t w = fb->width;
        floe_column_reserve(dst, n, n * w);
        for (size_t i = 0; i < n; i++) {
            const char *p = (const char *)src->data + i * w;
            size_t len = w;
            while (len && p[len - 1] == '\0')
                len--;
            floe_column_push_string(dst, p, len);
        }
        *out = dst;
        return 0;
    }
    floe_text_options opts = FLOE_TEXT_OPTIONS_INIT;
    opts.session_tz = ctx->session_tz;
    floe_buf b = FLOE_BUF_INIT;
    floe_column_reserve(dst, n, n * 8);
    for (size_t i = 0; i < n; i++) {
        if (ctx->skip && ctx->skip[i]) {
            floe_column_push_string(dst, "", 0);
            continue;
        }
        floe_buf_clear(&b);
        floe_text_write(&b, src, i, FLOE_TEXT_PLAIN, &opts);
        floe_column_push_string(dst, b.data ? b.data : "", b.len);
    }
    floe_buf_free(&b);
    *out = dst;
    return 0;
}

/* In OR modes an integer must also fit its type (toUInt8OrZero('300') is
 * 0, where CAST wraps). */
static bool int_text_fits(const floe_type *t, const char *p, size_t len)
{
    size_t i = 0;
    bool neg = false;
    if (i < len && (p[i] == '-' || p[i] == '+'))
        neg = p[i++] == '-';
    unsigned __int128 v = 0;
    for (; i < len; i++) {
        if (p[i] < '0' || p[i] > '9')
            return true; /* not a plain number: the parser has judged it */
        v = v * 10 + (unsigned)(p[i] - '0');
        if (v > ((unsigned __int128)1 << 65))
            return false;
    }
    __int128 lo, hi;
    int_range(t->id, &lo, &hi);
    __int128 x = neg ? -(__int128)v : (__int128)v;
    return x >= lo && x <= hi;
}

/* NamePrompter<1>: the closest enum name, for "maybe you meant". */
static const char *enum_hint(const floe_type *t, const char *name, size_t len)
{
    const char *best = NULL;
    size_t best_d = 0;
    size_t mistake = (len + 2) / 3;
    for (size_t k = 0; k < t->n_enums; k++) {
        const char *cand = t->enums[k].name;
        size_t cl = strlen(cand);
        size_t min_d = cl > len ? cl - len : len - cl;
        if ((min_d > 0 && len / min_d < 3) || !(cl <= len + mistake && cl + mistake >= len))
            continue;
        size_t row[256];
        if (cl >= 256)
            continue;
        for (size_t i = 0; i <= cl; i++)
            row[i] = i;
        for (size_t j = 1; j <= len; j++) {
            size_t prev = row[0];
            row[0] = j;
            for (size_t i = 1; i <= cl; i++) {
                size_t old = row[i];
                size_t sub = prev + (tolower((unsigned char)name[j - 1]) !=
                                     tolower((unsigned char)cand[i - 1]));
                size_t ins = (row[i - 1] < row[i] ? row[i - 1] : row[i]) + 1;
                row[i] = sub < ins ? sub : ins;
                prev = old;
            }
        }
        if (row[cl] <= mistake && (!best || row[cl] < best_d)) {
            best = cand;
            best_d = row[cl];
        }
    }
    return best;
}

/* An Enum's value by name (what CAST('a' AS Enum8(...)) reads). */
static int enum_by_name(int16_t *v_out, const floe_type *t, const char *p, size_t len)
{
    for (size_t k = 0; k < t->n_enums; k++)
        if (strlen(t->enums[k].name) == len && memcmp(t->enums[k].name, p, len) == 0) {
            *v_out = t->enums[k].value;
            return 0;
        }
    /* a number that is one of the values stands for it */
    size_t i = (len && (p[0] == '-' || p[0] == '+')) ? 1 : 0;
    if (i < len && len - i < 7) {
        bool digits = true;
        long v = 0;
        for (size_t k = i; k < len; k++) {
            digits = digits && p[k] >= '0' && p[k] <= '9';
            v = v * 10 + (p[k] - '0');
        }
        if (digits && p[0] == '-')
            v = -v;
        for (size_t k = 0; digits && k < t->n_enums; k++)
            if (t->enums[k].value == v) {
                *v_out = t->enums[k].value;
                return 0;
            }
    }
    const char *hint = enum_hint(t, p, len);
    if (hint)
        return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_OF_ENUM,
                          "Unknown element '%.*s' for enum, maybe you meant: ['%s']", (int)len, p,
                          hint);
    return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_OF_ENUM, "Unknown element '%.*s' for enum", (int)len,
                      p);
}

/* String or FixedString to any type, through the text parser. */
static int cast_from_string(floe_column **out, const floe_column *src, cast_ctx *ctx)
{
    const floe_type *fb = ctx->fb, *tb = ctx->tb;
    size_t n = src->rows;
    floe_column *dst = floe_column_new(tb);
    floe_text_options opts = FLOE_TEXT_OPTIONS_INIT;
    opts.session_tz = ctx->session_tz;
    bool check_int = ctx->bad && floe_type_is_integer(tb);
    floe_column_reserve(dst, n, tb->id == FLOE_TYPE_STRING ? src->data_len : 0);
    for (size_t i = 0; i < n; i++) {
        const char *p;
        size_t len;
        if (fb->id == FLOE_TYPE_STRING) {
            p = floe_column_string_at(src, i, &len);
        } else {
            p = (const char *)src->data + i * fb->width;
            len = fb->width;
            while (len && p[len - 1] == '\0')
                len--;
        }
        if (ctx->skip && ctx->skip[i]) {
            floe_column_push_default(dst);
            continue;
        }
        if (tb->id == FLOE_TYPE_FIXEDSTRING && len > tb->width) {
            if (!ctx->bad) {
                floe_column_free(dst);
                return floe_error(FLOE_ERR_TOO_LARGE_STRING_SIZE, "String too long for type %s",
                                  tb->name);
            }
            ctx->bad[i] = 1;
            floe_column_push_default(dst);
            continue;
        }
        if (tb->id == FLOE_TYPE_FIXEDSTRING) {
            floe_column_push_string(dst, p, len);
            continue;
        }
        if (tb->id == FLOE_TYPE_ENUM8 || tb->id == FLOE_TYPE_ENUM16) {
            int16_t v;
            if (enum_by_name(&v, tb, p, len) < 0) {
                if (!ctx->bad) {
                    floe_column_free(dst);
                    return -1;
                }
                floe_error_clear();
                ctx->bad[i] = 1;
                v = tb->enums[0].value;
            }
            int8_t v8 = (int8_t)v;
            floe_column_push_fixed(dst, tb->id == FLOE_TYPE_ENUM8 ? (const void *)&v8 : &v);
            continue;
        }
        if ((check_int && !int_text_fits(tb, p, len)) || floe_text_parse(dst, p, len, &opts) < 0) {
            if (!ctx->bad) {
                floe_column_free(dst);
                return -1;
            }
            floe_error_clear();
            ctx->bad[i] = 1;
            floe_column_push_default(dst);
        }
    }
    *out = dst;
    return 0;
}

/* ---- composite types ---- */

static int cast_array(floe_column **out, const floe_column *src, cast_ctx *ctx)
{
    floe_column *child;
    if (floe_cast_column(&child, src->children[0], ctx->tb->inner, ctx->mode, ctx->session_tz) < 0)
        return -1;
    size_t n = src->rows;
    floe_column *dst = floe_column_new(ctx->tb);
    floe_column_reserve(dst, n, 0);
    if (n)
        memcpy(dst->offsets, src->offsets, n * sizeof *dst->offsets);
    dst->rows = n;
    floe_column_free(dst->children[0]);
    dst->children[0] = child;
    *out = dst;
    return 0;
}

static int cast_tuple(floe_column **out, const floe_column *src, cast_ctx *ctx)
{
    const floe_type *tb = ctx->tb;
    size_t n = src->rows;
    floe_column *dst = floe_column_new(tb);
    floe_column_reserve(dst, n, 0);
    for (size_t k = 0; k < tb->n_elems; k++) {
        floe_column *child;
        if (floe_cast_column(&child, src->children[k], tb->elems[k], ctx->mode, ctx->session_tz) <
            0) {
            floe_column_free(dst);
            return -1;
        }
        floe_column_free(dst->children[k]);
        dst->children[k] = child;
    }
    dst->rows = n;
    *out = dst;
    return 0;
}

/* Converts src's values (base layout) into a new column of type ctx->tb. */
static int cast_base(floe_column **out, const floe_column *src, cast_ctx *ctx)
{
    const floe_type *fb = ctx->fb, *tb = ctx->tb;
    if (fb == tb) {
        floe_column *dst = floe_column_new(tb);
        floe_column_append_range(dst, src, 0, src->rows);
        *out = dst;
        return 0;
    }
    if (tb->id == FLOE_TYPE_STRING)
        return cast_to_string(out, src, ctx);
    if (fb->id == FLOE_TYPE_STRING || fb->id == FLOE_TYPE_FIXEDSTRING)
        return cast_from_string(out, src, ctx);
    if (tb->id == FLOE_TYPE_FIXEDSTRING) {
        if (fb->id != FLOE_TYPE_ENUM8 && fb->id != FLOE_TYPE_ENUM16)
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                              "CAST AS FixedString is only implemented for types String and "
                              "FixedString");
        /* an Enum goes through its names */
        cast_ctx via = *ctx;
        via.tb = floe_type_get(FLOE_TYPE_STRING);
        floe_column *names;
        if (cast_to_string(&names, src, &via) < 0)
            return -1;
        via.fb = via.tb;
        via.tb = tb;
        int rc = cast_from_string(out, names, &via);
        floe_column_free(names);
        return rc;
    }
    if (tb->id == FLOE_TYPE_UUID || fb->id == FLOE_TYPE_UUID) {
        if (is_number_like(tb) || is_number_like(fb))
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                              "Conversion between numeric types and UUID is not supported. "
                              "Probably the passed UUID is unquoted");
        return not_supported(ctx);
    }
    if (tb->id == FLOE_TYPE_ARRAY) {
        if (fb->id != FLOE_TYPE_ARRAY)
            return floe_error(FLOE_ERR_TYPE_MISMATCH,
                              "CAST AS Array can only be performed between same-dimensional "
                              "Array, Map or String types");
        int df = 0, dt = 0;
        for (const floe_type *x = fb; x->id == FLOE_TYPE_ARRAY; x = floe_type_base(x->inner))
            df++;
        for (const floe_type *x = tb; x->id == FLOE_TYPE_ARRAY; x = floe_type_base(x->inner))
            dt++;
        if (df != dt)
            return floe_error(FLOE_ERR_TYPE_MISMATCH,
                              "CAST AS Array can only be performed between same-dimensional "
                              "array types");
        return cast_array(out, src, ctx);
    }
    if (tb->id == FLOE_TYPE_TUPLE) {
        if (fb->id != FLOE_TYPE_TUPLE)
            return floe_error(FLOE_ERR_TYPE_MISMATCH,
                              "CAST AS Tuple can only be performed between tuple types or from "
                              "String.\nLeft type: %s, right type: %s",
                              fb->name, tb->name);
        if (fb->n_elems != tb->n_elems)
            return floe_error(FLOE_ERR_TYPE_MISMATCH,
                              "CAST AS Tuple can only be performed between tuple types with the "
                              "same number of elements or from String.\nLeft type: %s, right "
                              "type: %s",
                              fb->name, tb->name);
        return cast_tuple(out, src, ctx);
    }
    if (is_number_like(fb) && is_number_like(tb))
        return cast_numeric(out, src, ctx);
    return not_supported(ctx);
}

int floe_cast_column(floe_column **out, const floe_column *src, const floe_type *to,
                     floe_cast_mode mode, const char *session_tz)
{
    *out = NULL;
    const floe_type *fb = floe_type_base(src->type), *tb = floe_type_base(to);
    bool to_null = floe_type_is_nullable(to);
    size_t n = src->rows;
    if (mode == FLOE_CAST_OR_NULL && !to_null)
        mode = FLOE_CAST_OR_ZERO;

    if (fb->id == FLOE_TYPE_NOTHING) {
        /* only NULLs: NULL, or in OR_ZERO mode the default */
        /* Nullable(Nothing) is NULL; bare Nothing (the elements of an empty
         * array literal) has no rows at all */
        if (!to_null && mode == FLOE_CAST_THROW && floe_type_is_nullable(src->type))
            return floe_error(FLOE_ERR_CANNOT_CONVERT_TYPE,
                              "Cannot convert NULL to a non-nullable type");
        floe_column *c = floe_column_new(to);
        floe_column_reserve(c, n, 0);
        for (size_t i = 0; i < n; i++) {
            if (to_null)
                floe_column_push_null(c);
            else
                floe_column_push_default(c);
        }
        *out = c;
        return 0;
    }
    if (tb->id == FLOE_TYPE_NOTHING)
        return floe_error(FLOE_ERR_CANNOT_CONVERT_TYPE,
                          "Conversion from %s to Nothing is not supported", fb->name);
    if (src->nulls && !to_null && mode == FLOE_CAST_THROW) {
        for (size_t i = 0; i < n; i++)
            if (src->nulls[i])
                return floe_error(FLOE_ERR_CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN,
                                  "Cannot convert NULL value to non-Nullable type");
    }

    cast_ctx ctx = {fb, tb, to, mode, session_tz, src->nulls, NULL};
    /* Text that does not parse into a Nullable type is NULL, not an error. */
    if (mode == FLOE_CAST_THROW && to_null &&
        (fb->id == FLOE_TYPE_STRING || fb->id == FLOE_TYPE_FIXEDSTRING) &&
        tb->id != FLOE_TYPE_STRING && tb->id != FLOE_TYPE_FIXEDSTRING)
        ctx.mode = FLOE_CAST_OR_NULL;
    if (ctx.mode != FLOE_CAST_THROW)
        ctx.bad = floe_calloc(n ? n : 1, 1);

    floe_column *c;
    if (cast_base(&c, src, &ctx) < 0) {
        floe_free(ctx.bad);
        return -1;
    }
    c->type = to;
    if (to_null) {
        c->nulls = floe_malloc(c->cap ? c->cap : 1);
        for (size_t i = 0; i < n; i++)
            c->nulls[i] =
                (src->nulls && src->nulls[i]) || (ctx.mode == FLOE_CAST_OR_NULL && ctx.bad[i]);
    }
    floe_free(ctx.bad);
    *out = c;
    return 0;
}

/* ---- the least common supertype (getLeastSupertype) ---- */

static int no_supertype(const floe_type *const *types, size_t n, const char *why)
{
    floe_buf b = FLOE_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            floe_buf_puts(&b, ", ");
        floe_buf_puts(&b, types[i]->name);
    }
    floe_error(FLOE_ERR_NO_COMMON_TYPE, "There is no supertype for types %s %s",
               b.data ? b.data : "", why);
    floe_buf_free(&b);
    return -1;
}

/* The TypeIndex name ClickHouse's numeric rules print. */
static const char *type_index_name(const floe_type *t)
{
    switch (t->id) {
    case FLOE_TYPE_BOOL:
        return "UInt8";
    case FLOE_TYPE_FIXEDSTRING:
        return "FixedString";
    case FLOE_TYPE_DATETIME:
        return "DateTime";
    case FLOE_TYPE_DATETIME64:
        return "DateTime64";
    case FLOE_TYPE_DECIMAL32:
        return "Decimal32";
    case FLOE_TYPE_DECIMAL64:
        return "Decimal64";
    case FLOE_TYPE_DECIMAL128:
        return "Decimal128";
    case FLOE_TYPE_ENUM8:
        return "Enum8";
    case FLOE_TYPE_ENUM16:
        return "Enum16";
    case FLOE_TYPE_NULLABLE:
        return "Nullable";
    case FLOE_TYPE_LOWCARDINALITY:
        return "LowCardinality";
    case FLOE_TYPE_TUPLE:
        return "Tuple";
    case FLOE_TYPE_ARRAY:
        return "Array";
    default:
        return t->name;
    }
}

/* ClickHouse's TypeIndex of a type that reaches the numeric rules. */
static int type_index(const floe_type *t)
{
    switch (t->id) {
    case FLOE_TYPE_NOTHING:
        return 0;
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_BOOL:
        return 1;
    case FLOE_TYPE_UINT16:
        return 2;
    case FLOE_TYPE_UINT32:
        return 3;
    case FLOE_TYPE_UINT64:
        return 4;
    case FLOE_TYPE_INT8:
        return 7;
    case FLOE_TYPE_INT16:
        return 8;
    case FLOE_TYPE_INT32:
        return 9;
    case FLOE_TYPE_INT64:
        return 10;
    case FLOE_TYPE_FLOAT32:
        return 14;
    case FLOE_TYPE_FLOAT64:
        return 15;
    case FLOE_TYPE_DATE:
        return 16;
    case FLOE_TYPE_DATE32:
        return 17;
    case FLOE_TYPE_DATETIME:
        return 18;
    case FLOE_TYPE_DATETIME64:
        return 19;
    case FLOE_TYPE_STRING:
        return 22;
    case FLOE_TYPE_FIXEDSTRING:
        return 23;
    case FLOE_TYPE_ENUM8:
        return 24;
    case FLOE_TYPE_ENUM16:
        return 25;
    case FLOE_TYPE_DECIMAL32:
        return 26;
    case FLOE_TYPE_DECIMAL64:
        return 27;
    case FLOE_TYPE_DECIMAL128:
        return 28;
    case FLOE_TYPE_UUID:
        return 30;
    case FLOE_TYPE_ARRAY:
        return 31;
    case FLOE_TYPE_TUPLE:
        return 32;
    case FLOE_TYPE_NULLABLE:
        return 35;
    default:
        return 38; /* LowCardinality */
    }
}

static size_t next_prime(size_t n)
{
    for (;; n++) {
        bool prime = n >= 2;
        for (size_t d = 2; prime && d * d <= n; d++)
            prime = n % d != 0;
        if (prime)
            return n;
    }
}

/*
 * The numeric rules name the types from a std::unordered_set<TypeIndex>,
 * in its iteration order. This replays libc++'s hash table (identity hash,
 * buckets by mask or modulo, new nodes at the front of their bucket's group,
 * rehash on growth) over the same insertions to print them in that order.
 */
typedef struct index_set {
    int node[64]; /* iteration order */
    size_t n;
    size_t bc;
} index_set;

static size_t set_bucket(const index_set *s, int h)
{
    size_t bc = s->bc;
    return (bc & (bc - 1)) == 0 ? ((size_t)h & (bc - 1)) : (size_t)h % bc;
}

static void set_rehash(index_set *s, size_t want)
{
    if (want == 1)
        want = 2;
    else if (want & (want - 1))
        want = next_prime(want);
    if (want <= s->bc)
        return;
    s->bc = want;
    /* libc++'s __do_rehash: walk the list, splicing each node to the start
     * of its bucket's group when that bucket was seen before */
    int out[64];
    long head[64]; /* bucket -> index of the node before its group, -2 unseen */
    size_t k = 0;
    for (size_t b = 0; b < 64; b++)
        head[b] = -2;
    for (size_t i = 0; i < s->n; i++) {
        int x = s->node[i];
        size_t b = set_bucket(s, x);
        if (k == 0) {
            out[k++] = x;
            head[b] = -1;
            continue;
        }
        if (b == set_bucket(s, out[k - 1])) {
            out[k++] = x;
        } else if (head[b] == -2) {
            head[b] = (long)k - 1;
            out[k++] = x;
        } else {
            size_t pos = (size_t)(head[b] + 1);
            memmove(out + pos + 1, out + pos, (k - pos) * sizeof *out);
            out[pos] = x;
            k++;
            for (size_t c = 0; c < 64; c++)
                if (c != b && head[c] >= (long)pos)
                    head[c]++;
        }
    }
    memcpy(s->node, out, k * sizeof *out);
}

static void set_insert(index_set *s, int x)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->node[i] == x)
            return;
    if (s->n >= 60)
        return;
    if (s->bc == 0 || s->n + 1 > s->bc) {
        bool pow2 = s->bc > 2 && (s->bc & (s->bc - 1)) == 0;
        size_t want = 2 * s->bc + (pow2 ? 0 : 1);
        set_rehash(s, want > s->n + 1 ? want : s->n + 1);
    }
    size_t b = set_bucket(s, x), pos = 0;
    for (size_t i = 0; i < s->n; i++)
        if (set_bucket(s, s->node[i]) == b) {
            pos = i; /* the start of the bucket's group */
            break;
        }
    memmove(s->node + pos + 1, s->node + pos, (s->n - pos) * sizeof *s->node);
    s->node[pos] = x;
    s->n++;
}

static int no_numeric_supertype(const floe_type *const *types, size_t n, const char *why)
{
    index_set set = {.n = 0, .bc = 0};
    const char *name_of[64] = {0};
    for (size_t i = 0; i < n; i++) {
        int x = type_index(types[i]);
        name_of[x] = type_index_name(types[i]);
        set_insert(&set, x);
    }
    floe_buf b = FLOE_BUF_INIT;
    for (size_t i = 0; i < set.n; i++) {
        if (i)
            floe_buf_puts(&b, ", ");
        floe_buf_puts(&b, name_of[set.node[i]]);
    }
    floe_error(FLOE_ERR_NO_COMMON_TYPE, "There is no supertype for types %s %s",
               b.data ? b.data : "", why);
    floe_buf_free(&b);
    return -1;
}

static int common_of(const floe_type **ret, const floe_type *const *types, size_t n);

/* Applies common_of to a derived list (freed here). */
static int common_of_list(const floe_type **ret, const floe_type **list, size_t n)
{
    int rc = common_of(ret, list, n);
    floe_free(list);
    return rc;
}

/* leastDecimalPrecisionFor: the digits an integer type needs. */
static int int_digits(const floe_type *t)
{
    switch (t->id) {
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_INT8:
    case FLOE_TYPE_BOOL:
        return 3;
    case FLOE_TYPE_UINT16:
    case FLOE_TYPE_INT16:
        return 5;
    case FLOE_TYPE_UINT32:
    case FLOE_TYPE_INT32:
        return 10;
    case FLOE_TYPE_INT64:
        return 19;
    case FLOE_TYPE_UINT64:
        return 20;
    default:
        return 0;
    }
}

static int common_numeric(const floe_type **ret, const floe_type *const *types, size_t n)
{
    int max_signed = 0, max_unsigned = 0, max_mantissa = 0;
    bool all_numbers = true;
    for (size_t i = 0; i < n; i++) {
        switch (types[i]->id) {
        case FLOE_TYPE_UINT8:
        case FLOE_TYPE_BOOL:
            max_unsigned = max_unsigned > 8 ? max_unsigned : 8;
            break;
        case FLOE_TYPE_UINT16:
            max_unsigned = max_unsigned > 16 ? max_unsigned : 16;
            break;
        case FLOE_TYPE_UINT32:
            max_unsigned = max_unsigned > 32 ? max_unsigned : 32;
            break;
        case FLOE_TYPE_UINT64:
            max_unsigned = 64;
            break;
        case FLOE_TYPE_INT8:
        case FLOE_TYPE_ENUM8:
            max_signed = max_signed > 8 ? max_signed : 8;
            break;
        case FLOE_TYPE_INT16:
        case FLOE_TYPE_ENUM16:
            max_signed = max_signed > 16 ? max_signed : 16;
            break;
        case FLOE_TYPE_INT32:
            max_signed = max_signed > 32 ? max_signed : 32;
            break;
        case FLOE_TYPE_INT64:
            max_signed = 64;
            break;
        case FLOE_TYPE_FLOAT32:
            max_mantissa = max_mantissa > 24 ? max_mantissa : 24;
            break;
        case FLOE_TYPE_FLOAT64:
            max_mantissa = 53;
            break;
        default:
            all_numbers = false;
        }
    }
    if (!(max_signed || max_unsigned || max_mantissa) || !all_numbers)
        return no_numeric_supertype(types, n,
                                    "because some of them are numbers and some of them "
                                    "are not");
    int width = max_signed > max_unsigned ? max_signed : max_unsigned;
    if (max_signed && max_unsigned >= max_signed)
        width++;
    if (max_signed && width > 64) /* checked before the floating point rule */
        return no_numeric_supertype(types, n,
                                    "because some of them are signed integers and some are "
                                    "unsigned integers, but there is no signed integer type, "
                                    "that can exactly represent all required unsigned integer "
                                    "values");
    if (max_mantissa) {
        int bits = width > max_mantissa ? width : max_mantissa;
        if (bits <= 24) {
            *ret = floe_type_get(FLOE_TYPE_FLOAT32);
            return 0;
        }
        if (bits <= 53) {
            *ret = floe_type_get(FLOE_TYPE_FLOAT64);
            return 0;
        }
        return no_numeric_supertype(types, n,
                                    " because some of them are integers and some are floating "
                                    "point, but there is no floating point type, that can exactly "
                                    "represent all required integers");
    }
    static const floe_type_id sid[] = {FLOE_TYPE_INT8, FLOE_TYPE_INT16, FLOE_TYPE_INT32,
                                       FLOE_TYPE_INT64};
    static const floe_type_id uid[] = {FLOE_TYPE_UINT8, FLOE_TYPE_UINT16, FLOE_TYPE_UINT32,
                                       FLOE_TYPE_UINT64};
    int k = width <= 8 ? 0 : width <= 16 ? 1 : width <= 32 ? 2 : width <= 64 ? 3 : 4;
    if (max_signed) {
        if (k == 4)
            return no_numeric_supertype(types, n,
                                        "because some of them are signed integers and some are "
                                        "unsigned integers, but there is no signed integer type, "
                                        "that can exactly represent all required unsigned "
                                        "integer values");
        *ret = floe_type_get(sid[k]);
        return 0;
    }
    *ret = floe_type_get(uid[k]);
    return 0;
}

static int common_of(const floe_type **ret, const floe_type *const *types, size_t n)
{
    if (n == 0) {
        *ret = floe_type_get(FLOE_TYPE_NOTHING);
        return 0;
    }
    bool all_same = true;
    for (size_t i = 1; i < n; i++)
        all_same = all_same && types[i] == types[0];
    if (all_same) {
        *ret = types[0];
        return 0;
    }

    /* bare Nothing goes with anything */
    size_t nothing = 0;
    for (size_t i = 0; i < n; i++)
        nothing += types[i]->id == FLOE_TYPE_NOTHING;
    if (nothing) {
        const floe_type **rest = floe_malloc(n * sizeof *rest);
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (types[i]->id != FLOE_TYPE_NOTHING)
                rest[k++] = types[i];
        return common_of_list(ret, rest, k);
    }

    /* Arrays only with Arrays: the common type of the elements */
    size_t arrays = 0;
    for (size_t i = 0; i < n; i++)
        arrays += types[i]->id == FLOE_TYPE_ARRAY;
    if (arrays) {
        if (arrays != n)
            return no_supertype(types, n,
                                "because some of them are Array and some of them are not");
        const floe_type **inner = floe_malloc(n * sizeof *inner);
        for (size_t i = 0; i < n; i++)
            inner[i] = types[i]->inner;
        const floe_type *e;
        if (common_of_list(&e, inner, n) < 0)
            return -1;
        *ret = floe_type_array(e);
        return 0;
    }

    /* LowCardinality survives only when every type has it */
    size_t lc = 0;
    for (size_t i = 0; i < n; i++)
        lc += types[i]->id == FLOE_TYPE_LOWCARDINALITY;
    if (lc) {
        const floe_type **inner = floe_malloc(n * sizeof *inner);
        for (size_t i = 0; i < n; i++)
            inner[i] = types[i]->id == FLOE_TYPE_LOWCARDINALITY ? types[i]->inner : types[i];
        const floe_type *e;
        if (common_of_list(&e, inner, n) < 0)
            return -1;
        *ret = lc == n ? floe_type_lowcardinality(e) : e;
        return 0;
    }

    /* Nullable: the common type of the insides, made Nullable */
    size_t nullable = 0;
    for (size_t i = 0; i < n; i++)
        nullable += types[i]->id == FLOE_TYPE_NULLABLE;
    if (nullable) {
        const floe_type **inner = floe_malloc(n * sizeof *inner);
        for (size_t i = 0; i < n; i++)
            inner[i] = floe_type_strip_nullable(types[i]);
        const floe_type *e;
        if (common_of_list(&e, inner, n) < 0)
            return -1;
        *ret = floe_type_nullable(e);
        return 0;
    }

    /* Tuples of one size, element by element; names kept when all agree */
    size_t tuples = 0;
    for (size_t i = 0; i < n; i++)
        tuples += types[i]->id == FLOE_TYPE_TUPLE;
    if (tuples) {
        if (tuples != n)
            return no_supertype(types, n,
                                "because some of them are Tuple and some of them are not");
        size_t k = types[0]->n_elems;
        for (size_t i = 1; i < n; i++)
            if (types[i]->n_elems != k)
                return no_supertype(types, n, "because Tuples have different sizes");
        /* unnamed tuples carry NULL names */
        bool same_names = k > 0;
        for (size_t i = 0; i < n && same_names; i++)
            for (size_t j = 0; j < k && same_names; j++) {
                const char *a = types[i]->elem_names ? types[i]->elem_names[j] : NULL;
                const char *b = types[0]->elem_names ? types[0]->elem_names[j] : NULL;
                if (!a || !b || strcmp(a, b) != 0)
                    same_names = false;
            }
        const floe_type **elems = floe_malloc((k ? k : 1) * sizeof *elems);
        const floe_type **col = floe_malloc(n * sizeof *col);
        for (size_t j = 0; j < k; j++) {
            for (size_t i = 0; i < n; i++)
                col[i] = types[i]->elems[j];
            if (common_of(&elems[j], col, n) < 0) {
                floe_free(elems);
                floe_free(col);
                return -1;
            }
        }
        *ret = floe_type_tuple(elems, same_names ? types[0]->elem_names : NULL, k);
        floe_free(elems);
        floe_free(col);
        return 0;
    }

    /* String and FixedString (and Enum with them) become String */
    size_t strings = 0, enums = 0;
    for (size_t i = 0; i < n; i++) {
        strings += floe_type_is_string(types[i]);
        enums += types[i]->id == FLOE_TYPE_ENUM8 || types[i]->id == FLOE_TYPE_ENUM16;
    }
    if (strings) {
        if (strings + enums != n)
            return no_supertype(types, n,
                                "because some of them are String/FixedString/Enum and some of "
                                "them are not");
        *ret = floe_type_get(FLOE_TYPE_STRING);
        return 0;
    }

    /* Date, Date32, DateTime, DateTime64 among themselves */
    size_t dates = 0;
    bool have_date32 = false, have_datetime = false;
    const floe_type *first_datetime = NULL, *max_dt64 = NULL;
    for (size_t i = 0; i < n; i++) {
        const floe_type *t = types[i];
        if (!floe_type_is_date_or_time(t))
            continue;
        dates++;
        if (t->id == FLOE_TYPE_DATE32)
            have_date32 = true;
        if (t->id == FLOE_TYPE_DATETIME) {
            have_datetime = true;
            if (!first_datetime)
                first_datetime = t;
        }
        if (t->id == FLOE_TYPE_DATETIME64 && (!max_dt64 || t->precision > max_dt64->precision))
            max_dt64 = t;
    }
    if (dates) {
        if (dates != n)
            return no_supertype(types, n,
                                "because some of them are Date/Date32/DateTime/DateTime64/Time/"
                                "Time64 and some of them are not");
        if (max_dt64)
            *ret = floe_type_datetime64(max_dt64->precision, max_dt64->tz);
        else if (have_datetime && have_date32)
            *ret = floe_type_datetime64(0, NULL);
        else if (have_datetime)
            *ret = first_datetime;
        else if (have_date32)
            *ret = floe_type_get(FLOE_TYPE_DATE32);
        else
            *ret = floe_type_get(FLOE_TYPE_DATE);
        return 0;
    }

    /* Decimals with integers: the widest storage the digits need */
    size_t decimals = 0;
    int max_scale = 0, max_int = 0;
    bool have128 = false, have64 = false;
    for (size_t i = 0; i < n; i++) {
        const floe_type *t = types[i];
        if (floe_type_is_decimal(t)) {
            decimals++;
            max_scale = t->scale > max_scale ? t->scale : max_scale;
            have128 = have128 || t->id == FLOE_TYPE_DECIMAL128;
            have64 = have64 || t->id == FLOE_TYPE_DECIMAL64;
        }
    }
    if (decimals) {
        for (size_t i = 0; i < n; i++) {
            const floe_type *t = types[i];
            if (floe_type_is_decimal(t))
                continue;
            int d = int_digits(t);
            if (d == 0)
                return no_supertype(types, n,
                                    "because some of them have no lossless conversion to Decimal");
            max_int = d > max_int ? d : max_int;
        }
        int precision = max_scale + max_int;
        if (precision > 38)
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                              "The common type of these Decimals is Decimal256, which is not "
                              "supported");
        if (have128 || precision > 18)
            *ret = floe_type_decimal(38, (uint8_t)max_scale);
        else if (have64 || precision > 9)
            *ret = floe_type_decimal(18, (uint8_t)max_scale);
        else
            *ret = floe_type_decimal(9, (uint8_t)max_scale);
        return 0;
    }

    return common_numeric(ret, types, n);
}

int floe_common_type(const floe_type **ret, const floe_type *const *types, size_t n)
{
    return common_of(ret, types, n);
}
