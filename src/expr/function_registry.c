/*
 * The function registry behind function.h: every scalar and aggregate
 * function registers here once (floe_functions_init calls each file's
 * registrar), and the evaluator looks them up by name. Also the helpers the
 * function files share (functions_impl.h) and ClickHouse's arithmetic
 * result-type rules (DataTypes/NumberTraits.h).
 */
#include <pthread.h>
#include <stdio.h>
#include <strings.h>

#include "expr/functions_impl.h"

/* ---- registry ---- */

static const floe_scalar_func **scalars;
static size_t n_scalars, cap_scalars;
static const floe_agg_func **aggs;
static size_t n_aggs, cap_aggs;

void floe_func_register(const floe_scalar_func *f)
{
    FLOE_GROW(scalars, cap_scalars, n_scalars + 1);
    scalars[n_scalars++] = f;
}

void floe_agg_register(const floe_agg_func *f)
{
    FLOE_GROW(aggs, cap_aggs, n_aggs + 1);
    aggs[n_aggs++] = f;
}

static bool name_matches(const char *registered, unsigned flags, const char *name)
{
    if (flags & FLOE_FUNC_CASE_INSENSITIVE)
        return strcasecmp(registered, name) == 0;
    return strcmp(registered, name) == 0;
}

const floe_scalar_func *floe_func_find(const char *name)
{
    floe_functions_init();
    for (size_t i = 0; i < n_scalars; i++)
        if (name_matches(scalars[i]->name, scalars[i]->flags, name))
            return scalars[i];
    return NULL;
}

const floe_agg_func *floe_agg_find(const char *name)
{
    floe_functions_init();
    for (size_t i = 0; i < n_aggs; i++)
        if (name_matches(aggs[i]->name, aggs[i]->flags, name))
            return aggs[i];
    return NULL;
}

bool floe_func_is_aggregate(const char *name)
{
    return floe_agg_find(name) != NULL;
}

static void register_all(void)
{
    floe_register_arithmetic();
    floe_register_comparison();
    floe_register_logical();
    floe_register_conditional();
    floe_register_conversion();
    floe_register_datetime();
    floe_register_string();
    floe_register_hash();
    floe_register_math();
    floe_register_tuple_null();
    floe_register_bit();
    floe_register_array();
    floe_register_regex();
    floe_register_string_more();
    floe_register_aggregates();
    floe_register_agg_uniq();
    floe_register_agg_collect();
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

void floe_functions_init(void)
{
    pthread_once(&init_once, register_all);
}

/* ---- argument checks ---- */

int floe_fn_err_argc(const char *name, size_t passed, const char *should)
{
    return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                      "Number of arguments for function %s doesn't match: passed %zu, should be %s",
                      name, passed, should);
}

int floe_fn_check_argc(const char *name, const floe_func_args *args, size_t n)
{
    if (args->n == n)
        return 0;
    char buf[24];
    snprintf(buf, sizeof buf, "%zu", n);
    return floe_fn_err_argc(name, args->n, buf);
}

int floe_fn_check_argc_range(const char *name, const floe_func_args *args, size_t lo, size_t hi,
                             const char *should)
{
    if (args->n >= lo && args->n <= hi)
        return 0;
    return floe_fn_err_argc(name, args->n, should);
}

int floe_fn_err_arg_type(const char *name, const floe_type *t, size_t argno)
{
    return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                      "Illegal type %s of argument %zu of function %s", t->name, argno, name);
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

int floe_fn_err_arg_count(const char *name, size_t expected, size_t optional, size_t got)
{
    if (optional)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "An incorrect number of arguments was specified for function '%s'. "
                          "Expected %zu mandatory argument%s and %zu optional argument%s, got %zu "
                          "argument%s",
                          name, expected, plural(expected), optional, plural(optional), got,
                          plural(got));
    return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                      "An incorrect number of arguments was specified for function '%s'. Expected "
                      "%zu argument%s, got %zu argument%s",
                      name, expected, plural(expected), got, plural(got));
}

/* ---- numeric kinds and loaders ---- */

size_t floe_fn_kind_size(floe_fn_kind k)
{
    switch (k) {
    case FLOE_FN_U64:
    case FLOE_FN_I64:
    case FLOE_FN_F64:
        return 8;
    case FLOE_FN_I128:
        return 16;
    case FLOE_FN_LD:
        return sizeof(long double);
    }
    return 8;
}

bool floe_fn_is_plain_number(const floe_type *t)
{
    return floe_type_is_integer(t) || floe_type_is_float(t) || t->id == FLOE_TYPE_BOOL;
}

floe_fn_kind floe_fn_kind_of(const floe_type *t)
{
    switch (t->id) {
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_UINT16:
    case FLOE_TYPE_UINT32:
    case FLOE_TYPE_UINT64:
    case FLOE_TYPE_BOOL:
    case FLOE_TYPE_DATE:
    case FLOE_TYPE_DATETIME:
        return FLOE_FN_U64;
    case FLOE_TYPE_FLOAT32:
    case FLOE_TYPE_FLOAT64:
        return FLOE_FN_F64;
    case FLOE_TYPE_DECIMAL128:
        return FLOE_FN_I128;
    default:
        return FLOE_FN_I64;
    }
}

#define FLOE_FN_SWITCH_KIND(k, BODY)                                                               \
    switch (k) {                                                                                   \
    case FLOE_FN_U64:                                                                              \
        BODY(uint64_t);                                                                            \
        break;                                                                                     \
    case FLOE_FN_I64:                                                                              \
        BODY(int64_t);                                                                             \
        break;                                                                                     \
    case FLOE_FN_F64:                                                                              \
        BODY(double);                                                                              \
        break;                                                                                     \
    case FLOE_FN_I128:                                                                             \
        BODY(__int128);                                                                            \
        break;                                                                                     \
    case FLOE_FN_LD:                                                                               \
        BODY(long double);                                                                         \
        break;                                                                                     \
    }

void floe_fn_load(void *dst, floe_fn_kind k, const floe_column *c, size_t n)
{
    floe_type_id id = floe_type_base(c->type)->id;
#define LOAD_FROM(S)                                                                               \
    do {                                                                                           \
        const S *s = (const S *)(const void *)c->data;                                             \
        for (size_t i = 0; i < n; i++)                                                             \
            d[i] = (D)s[i];                                                                        \
    } while (0)
#define LOAD_TO(DT)                                                                                \
    do {                                                                                           \
        typedef DT D;                                                                              \
        D *d = dst;                                                                                \
        FLOE_FN_SWITCH_SRC(id, LOAD_FROM)                                                          \
    } while (0)
    FLOE_FN_SWITCH_KIND(k, LOAD_TO)
#undef LOAD_TO
#undef LOAD_FROM
}

void floe_fn_truth(uint8_t *r, const floe_column *c, size_t rows)
{
    floe_type_id id = floe_type_base(c->type)->id;
    if (id == FLOE_TYPE_NOTHING) {
        memset(r, 0, rows);
        return;
    }
#define TRUTH(S)                                                                                   \
    do {                                                                                           \
        const S *s = (const S *)(const void *)c->data;                                             \
        for (size_t i = 0; i < rows; i++)                                                          \
            r[i] = s[i] != 0;                                                                      \
    } while (0)
    FLOE_FN_SWITCH_SRC(id, TRUTH)
#undef TRUTH
}

void *floe_fn_out_fixed(floe_column *out, size_t rows)
{
    floe_column_reserve(out, rows, 0);
    out->rows = rows;
    out->data_len = rows * out->type->width;
    if (out->nulls)
        memset(out->nulls, 0, rows);
    return out->data;
}

uint8_t *floe_fn_out_nulls(floe_column *out)
{
    return out->nulls;
}

void floe_fn_store(floe_column *out, const void *src, floe_fn_kind k, size_t n)
{
    floe_type_id id = floe_type_base(out->type)->id;
    void *dst = floe_fn_out_fixed(out, n);
#define STORE_TO(DT)                                                                               \
    do {                                                                                           \
        DT *d = dst;                                                                               \
        for (size_t i = 0; i < n; i++)                                                             \
            d[i] = (DT)s[i];                                                                       \
    } while (0)
#define STORE_FROM(ST)                                                                             \
    do {                                                                                           \
        const ST *s = src;                                                                         \
        if (id == FLOE_TYPE_BOOL) {                                                                \
            uint8_t *d = dst;                                                                      \
            for (size_t i = 0; i < n; i++)                                                         \
                d[i] = s[i] != 0;                                                                  \
        } else {                                                                                   \
            FLOE_FN_SWITCH_SRC(id, STORE_TO)                                                       \
        }                                                                                          \
    } while (0)
    FLOE_FN_SWITCH_KIND(k, STORE_FROM)
#undef STORE_FROM
#undef STORE_TO
}

const void *floe_fn_direct(const floe_column *c, floe_fn_kind k)
{
    floe_type_id id = floe_type_base(c->type)->id;
    switch (k) {
    case FLOE_FN_U64:
        return id == FLOE_TYPE_UINT64 ? c->data : NULL;
    case FLOE_FN_I64:
        return id == FLOE_TYPE_INT64 ? c->data : NULL;
    case FLOE_FN_F64:
        return id == FLOE_TYPE_FLOAT64 ? c->data : NULL;
    case FLOE_FN_I128:
        return id == FLOE_TYPE_DECIMAL128 ? c->data : NULL;
    case FLOE_FN_LD:
        return NULL;
    }
    return NULL;
}

bool floe_fn_is_constant(const floe_column *c, size_t rows)
{
    const floe_type *t = floe_type_base(c->type);
    if (rows < 2)
        return true;
    if (!t->width || t->id == FLOE_TYPE_TUPLE || t->id == FLOE_TYPE_ARRAY || c->nulls)
        return false;
    size_t w = t->width;
    /* in chunks, so a column that differs early costs little */
#define SAME(T)                                                                                    \
    do {                                                                                           \
        const T *v = (const T *)(const void *)c->data;                                             \
        const T v0 = v[0];                                                                         \
        for (size_t from = 1; from < rows; from += 1024) {                                         \
            size_t to = rows - from < 1024 ? rows : from + 1024;                                   \
            T d0 = 0, d1 = 0, d2 = 0, d3 = 0;                                                      \
            size_t i = from;                                                                       \
            for (; i + 4 <= to; i += 4) {                                                          \
                d0 |= (T)(v[i] ^ v0);                                                              \
                d1 |= (T)(v[i + 1] ^ v0);                                                          \
                d2 |= (T)(v[i + 2] ^ v0);                                                          \
                d3 |= (T)(v[i + 3] ^ v0);                                                          \
            }                                                                                      \
            for (; i < to; i++)                                                                    \
                d0 |= (T)(v[i] ^ v0);                                                              \
            if (d0 | d1 | d2 | d3)                                                                 \
                return false;                                                                      \
        }                                                                                          \
        return true;                                                                               \
    } while (0)
    switch (w) {
    case 1:
        SAME(uint8_t);
    case 2:
        SAME(uint16_t);
    case 4:
        SAME(uint32_t);
    case 8:
        SAME(uint64_t);
    }
#undef SAME
    for (size_t i = 1; i < rows; i++)
        if (memcmp(c->data + i * w, c->data, w) != 0)
            return false;
    return true;
}

floe_fn_fastdiv floe_fn_fastdiv_make(uint64_t d)
{
    floe_fn_fastdiv f = {0, d, 0, 0};
    if ((d & (d - 1)) == 0) {
        f.pow2 = 1;
        f.shift = __builtin_ctzll(d);
        return f;
    }
    int l = 64 - __builtin_clzll(d - 1); /* ceil(log2(d)) */
    uint64_t two_l_minus_d = l == 64 ? 0 - d : (1ULL << l) - d;
    f.m = (uint64_t)((((unsigned __int128)two_l_minus_d) << 64) / d) + 1;
    f.shift = l - 1;
    return f;
}

/* ---- string output ---- */

void floe_fn_str_begin(floe_column *out, size_t rows, size_t bytes_hint)
{
    floe_column_reserve(out, rows, bytes_hint);
}

void floe_fn_str_add(floe_column *out, const void *p, size_t n)
{
    if (out->data_len + n > out->data_cap) {
        size_t cap = out->data_cap ? out->data_cap : 64;
        while (cap < out->data_len + n)
            cap *= 2;
        out->data = floe_realloc(out->data, cap);
        out->data_cap = cap;
    }
    if (n)
        memcpy(out->data + out->data_len, p, n);
    out->data_len += n;
}

void floe_fn_str_end(floe_column *out)
{
    if (out->rows >= out->cap)
        floe_column_reserve(out, 1, 0);
    out->offsets[out->rows] = out->data_len;
    if (out->nulls)
        out->nulls[out->rows] = 0;
    out->rows++;
}

/* ---- constants ---- */

const char *floe_fn_const_string(const floe_func_args *a, size_t i, size_t *len)
{
    if (i >= a->n || !a->consts || !a->consts[i])
        return NULL;
    const floe_column *c = a->consts[i];
    if (c->rows < 1 || floe_column_is_null(c, 0))
        return NULL;
    const floe_type *b = floe_type_base(c->type);
    if (b->id == FLOE_TYPE_STRING)
        return floe_column_string_at(c, 0, len);
    if (b->id == FLOE_TYPE_FIXEDSTRING) {
        *len = b->n;
        return (const char *)c->data;
    }
    return NULL;
}

bool floe_fn_const_int(const floe_func_args *a, size_t i, int64_t *out)
{
    if (i >= a->n || !a->consts || !a->consts[i])
        return false;
    const floe_column *c = a->consts[i];
    if (c->rows < 1 || floe_column_is_null(c, 0))
        return false;
    const floe_type *b = floe_type_base(c->type);
    if (!floe_type_is_integer(b) && b->id != FLOE_TYPE_BOOL)
        return false;
    floe_fn_load(out, FLOE_FN_I64, c, 1);
    return true;
}

__int128 floe_fn_pow10_i128(unsigned s)
{
    __int128 r = 1;
    while (s--)
        r *= 10;
    return r;
}

/* ---- arithmetic result types (NumberTraits.h) ---- */

static unsigned num_size(const floe_type *t)
{
    return t->id == FLOE_TYPE_BOOL ? 1 : t->width;
}

static const floe_type *construct(bool is_signed, bool is_float, unsigned size)
{
    if (is_float)
        return floe_type_get(size >= 8 ? FLOE_TYPE_FLOAT64 : FLOE_TYPE_FLOAT32);
    static const floe_type_id u[] = {FLOE_TYPE_UINT8, FLOE_TYPE_UINT16, FLOE_TYPE_UINT32,
                                     FLOE_TYPE_UINT64};
    static const floe_type_id s[] = {FLOE_TYPE_INT8, FLOE_TYPE_INT16, FLOE_TYPE_INT32,
                                     FLOE_TYPE_INT64};
    int k = size <= 1 ? 0 : size <= 2 ? 1 : size <= 4 ? 2 : 3;
    return floe_type_get(is_signed ? s[k] : u[k]);
}

static unsigned next_size(unsigned s)
{
    return s < 8 ? s * 2 : s;
}

static const char *op_name(char op)
{
    switch (op) {
    case '+':
        return "plus";
    case '-':
        return "minus";
    case '*':
        return "multiply";
    case '/':
        return "divide";
    case 'd':
        return "intDiv";
    case '%':
        return "modulo";
    }
    return "?";
}

int floe_arith_result_type(const floe_type **ret, char op, const floe_type *a, const floe_type *b)
{
    a = floe_type_base(a);
    b = floe_type_base(b);
    bool da = floe_type_is_decimal(a), db = floe_type_is_decimal(b);
    if (da || db) {
        /* Decimal with Decimal: the wider layout at its maximal precision;
         * scale max (+ -), sum (*), the dividend's (/). Decimal with an
         * integer keeps the decimal's type; with a float gives Float64. */
        if ((da && floe_type_is_float(b)) || (db && floe_type_is_float(a))) {
            if (op == 'd' || op == '%')
                goto illegal;
            *ret = floe_type_get(FLOE_TYPE_FLOAT64);
            return 0;
        }
        if ((!da && !floe_fn_is_plain_number(a)) || (!db && !floe_fn_is_plain_number(b)))
            goto illegal;
        if (op == '/' && da && db && a->scale < b->scale)
            return floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND,
                              "Decimal result's scale is less than argument's one");
        const floe_type *w = !db ? a : !da ? b : (a->width >= b->width ? a : b);
        unsigned prec = w->id == FLOE_TYPE_DECIMAL32 ? 9 : w->id == FLOE_TYPE_DECIMAL64 ? 18 : 38;
        unsigned sa = da ? a->scale : 0, sb = db ? b->scale : 0;
        unsigned scale;
        switch (op) {
        case '+':
        case '-':
            scale = sa > sb ? sa : sb;
            break;
        case '*':
            scale = sa + sb;
            break;
        case '/':
            scale = da ? sa : sb;
            break;
        case 'd':
            /* intDiv(Decimal, x): a signed integer the width of the dividend */
            *ret = construct(true, false, da ? a->width : 8);
            return 0;
        default:
            goto illegal;
        }
        if (scale > prec)
            return floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND,
                              "Scale %u is out of bounds (max scale: %u)", scale, prec);
        *ret = floe_type_decimal((uint8_t)prec, (uint8_t)scale);
        return 0;
    }
    if (!floe_fn_is_plain_number(a) || !floe_fn_is_plain_number(b))
        goto illegal;
    bool sg = floe_type_is_signed(a) || floe_type_is_signed(b);
    bool fl = floe_type_is_float(a) || floe_type_is_float(b);
    unsigned sza = num_size(a), szb = num_size(b), mx = sza > szb ? sza : szb;
    switch (op) {
    case '+':
    case '*':
        *ret = construct(sg, fl, next_size(mx));
        return 0;
    case '-':
        *ret = construct(true, fl, next_size(mx));
        return 0;
    case '/':
        *ret = floe_type_get(FLOE_TYPE_FLOAT64);
        return 0;
    case 'd':
        *ret = construct(sg, false, sza);
        return 0;
    case '%':
        if (fl) {
            *ret = floe_type_get(FLOE_TYPE_FLOAT64);
            return 0;
        }
        *ret =
            construct(floe_type_is_signed(a), false, floe_type_is_signed(a) ? next_size(szb) : szb);
        return 0;
    }
illegal:
    return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                      "Illegal types %s and %s of arguments of function %s", a->name, b->name,
                      op_name(op));
}
