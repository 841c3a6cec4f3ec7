/*
 * Comparison: equals, notEquals, less, greater, lessOrEquals,
 * greaterOrEquals. Numbers compare by value across signedness and
 * int/float (through __int128 or long double where a 64-bit kind would
 * round); Decimals at a common scale; strings bytewise; a string against a
 * date, number, UUID or Enum is first converted to the other side's type, as
 * ClickHouse converts constant strings. The result is UInt8. Also
 * isNotDistinctFrom (<=>), where NULL equals NULL.
 */
#include <stdio.h>

#include "expr/functions_impl.h"
#include "types/cast.h"

typedef enum cmp_op { CMP_EQ, CMP_NE, CMP_LT, CMP_GT, CMP_LE, CMP_GE } cmp_op;

static const char *const cmp_names[] = {"equals",  "notEquals",    "less",
                                        "greater", "lessOrEquals", "greaterOrEquals"};

typedef enum cmp_class {
    CL_NUMBER,
    CL_DECIMAL,
    CL_STRING,
    CL_DATE,
    CL_UUID,
    CL_ENUM,
    CL_OTHER
} cmp_class;

static cmp_class class_of(const floe_type *t)
{
    if (floe_fn_is_plain_number(t))
        return CL_NUMBER;
    if (floe_type_is_decimal(t))
        return CL_DECIMAL;
    if (floe_type_is_string(t))
        return CL_STRING;
    if (floe_type_is_date_or_time(t))
        return CL_DATE;
    if (t->id == FLOE_TYPE_UUID)
        return CL_UUID;
    if (t->id == FLOE_TYPE_ENUM8 || t->id == FLOE_TYPE_ENUM16)
        return CL_ENUM;
    return CL_OTHER;
}

static int illegal(cmp_op op, const floe_type *a, const floe_type *b)
{
    return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                      "Illegal types of arguments (`%s`, `%s`) of function `%s`", a->name, b->name,
                      cmp_names[op]);
}

static bool compatible(cmp_class ca, cmp_class cb)
{
    bool numa = ca == CL_NUMBER || ca == CL_DECIMAL, numb = cb == CL_NUMBER || cb == CL_DECIMAL;
    if (numa && numb)
        return true;
    if (ca == cb && ca != CL_OTHER)
        return true;
    if (ca == CL_STRING || cb == CL_STRING)
        return ca != CL_OTHER && cb != CL_OTHER;
    if ((ca == CL_ENUM && numb) || (cb == CL_ENUM && numa))
        return true;
    return false;
}

/* Can a and b be compared? Tuples: the same arity, elements comparable
 * pairwise (NULLs inside tuples are not supported). */
static bool comparable(const floe_type *a, const floe_type *b)
{
    if (a->id == FLOE_TYPE_TUPLE || b->id == FLOE_TYPE_TUPLE) {
        if (a->id != b->id || a->n_elems != b->n_elems)
            return false;
        for (size_t i = 0; i < a->n_elems; i++)
            if (a->elems[i] != floe_type_base(a->elems[i]) ||
                b->elems[i] != floe_type_base(b->elems[i]) ||
                !comparable(a->elems[i], b->elems[i]))
                return false;
        return true;
    }
    return compatible(class_of(a), class_of(b));
}

static int cmp_resolve(cmp_op op, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(cmp_names[op], args, 2) < 0)
        return -1;
    const floe_type *a = floe_fn_arg_base(args, 0), *b = floe_fn_arg_base(args, 1);
    if (!comparable(a, b))
        return illegal(op, a, b);
    *ret = floe_type_get(FLOE_TYPE_UINT8);
    return 0;
}

/* Writes r[i] = cmp(x[i], y[i]) for arrays of T. */
#define CMP_ARRAYS(T, xs, ys)                                                                      \
    do {                                                                                           \
        const T *cx_ = (const T *)(xs), *cy_ = (const T *)(ys);                                    \
        switch (op) {                                                                              \
        case CMP_EQ:                                                                               \
            for (size_t i = 0; i < rows; i++)                                                      \
                r[i] = cx_[i] == cy_[i];                                                           \
            break;                                                                                 \
        case CMP_NE:                                                                               \
            for (size_t i = 0; i < rows; i++)                                                      \
                r[i] = cx_[i] != cy_[i];                                                           \
            break;                                                                                 \
        case CMP_LT:                                                                               \
            for (size_t i = 0; i < rows; i++)                                                      \
                r[i] = cx_[i] < cy_[i];                                                            \
            break;                                                                                 \
        case CMP_GT:                                                                               \
            for (size_t i = 0; i < rows; i++)                                                      \
                r[i] = cx_[i] > cy_[i];                                                            \
            break;                                                                                 \
        case CMP_LE:                                                                               \
            for (size_t i = 0; i < rows; i++)                                                      \
                r[i] = cx_[i] <= cy_[i];                                                           \
            break;                                                                                 \
        case CMP_GE:                                                                               \
            for (size_t i = 0; i < rows; i++)                                                      \
                r[i] = cx_[i] >= cy_[i];                                                           \
            break;                                                                                 \
        }                                                                                          \
    } while (0)

/* From a three-way result c[i] (-1, 0, 1) to the operator's truth. */
static void from_three_way(uint8_t *r, const int8_t *c, cmp_op op, size_t rows)
{
    for (size_t i = 0; i < rows; i++) {
        int8_t v = c[i];
        switch (op) {
        case CMP_EQ:
            r[i] = v == 0;
            break;
        case CMP_NE:
            r[i] = v != 0;
            break;
        case CMP_LT:
            r[i] = v < 0;
            break;
        case CMP_GT:
            r[i] = v > 0;
            break;
        case CMP_LE:
            r[i] = v <= 0;
            break;
        case CMP_GE:
            r[i] = v >= 0;
            break;
        }
    }
}

static int cmp_kind(floe_fn_kind k, cmp_op op, uint8_t *r, const floe_column *a,
                    const floe_column *b, size_t rows)
{
    size_t sz = floe_fn_kind_size(k);
    void *ta = NULL, *tb = NULL;
    const void *pa = floe_fn_direct(a, k), *pb = floe_fn_direct(b, k);
    if (!pa) {
        ta = floe_malloc(rows * sz + 1);
        floe_fn_load(ta, k, a, rows);
        pa = ta;
    }
    if (!pb) {
        tb = floe_malloc(rows * sz + 1);
        floe_fn_load(tb, k, b, rows);
        pb = tb;
    }
    switch (k) {
    case FLOE_FN_U64:
        CMP_ARRAYS(uint64_t, pa, pb);
        break;
    case FLOE_FN_I64:
        CMP_ARRAYS(int64_t, pa, pb);
        break;
    case FLOE_FN_F64:
        CMP_ARRAYS(double, pa, pb);
        break;
    case FLOE_FN_I128:
        CMP_ARRAYS(__int128, pa, pb);
        break;
    case FLOE_FN_LD:
        CMP_ARRAYS(long double, pa, pb);
        break;
    }
    floe_free(ta);
    floe_free(tb);
    return 0;
}

/* r[i] = a[i] OP s, with s row 0 of the constant column c, both in kind k
 * (U64, I64 or F64); a is read in its own type. */
static int cmp_scalar(floe_fn_kind k, cmp_op op, uint8_t *r, const floe_column *a,
                      const floe_column *c, size_t rows)
{
    floe_type_id id = floe_type_base(a->type)->id;
#define SCALAR_LOOP(T, K, S)                                                                       \
    do {                                                                                           \
        const T *x = (const T *)(const void *)a->data;                                             \
        switch (op) {                                                                              \
        case CMP_EQ:                                                                               \
            for (size_t i = 0; i < rows; i++)                                                      \
                r[i] = (K)x[i] == S;                                                               \
            break;                                                                                 \
        case CMP_NE:                                                                               \
            for (size_t i = 0; i < rows; i++)                                                      \
                r[i] = (K)x[i] != S;                                                               \
            break;                                                                                 \
        case CMP_LT:                                                                               \
            for (size_t i = 0; i < rows; i++)                                                      \
                r[i] = (K)x[i] < S;                                                                \
            break;                                                                                 \
        case CMP_GT:                                                                               \
            for (size_t i = 0; i < rows; i++)                                                      \
                r[i] = (K)x[i] > S;                                                                \
            break;                                                                                 \
        case CMP_LE:                                                                               \
            for (size_t i = 0; i < rows; i++)                                                      \
                r[i] = (K)x[i] <= S;                                                               \
            break;                                                                                 \
        case CMP_GE:                                                                               \
            for (size_t i = 0; i < rows; i++)                                                      \
                r[i] = (K)x[i] >= S;                                                               \
            break;                                                                                 \
        }                                                                                          \
    } while (0)
    if (k == FLOE_FN_U64) {
        uint64_t s;
        floe_fn_load(&s, FLOE_FN_U64, c, 1);
#define U_LOOP(T) SCALAR_LOOP(T, uint64_t, s)
        FLOE_FN_SWITCH_SRC(id, U_LOOP)
#undef U_LOOP
    } else if (k == FLOE_FN_I64) {
        int64_t s;
        floe_fn_load(&s, FLOE_FN_I64, c, 1);
#define I_LOOP(T) SCALAR_LOOP(T, int64_t, s)
        FLOE_FN_SWITCH_SRC(id, I_LOOP)
#undef I_LOOP
    } else {
        double s;
        floe_fn_load(&s, FLOE_FN_F64, c, 1);
#define F_LOOP(T) SCALAR_LOOP(T, double, s)
        FLOE_FN_SWITCH_SRC(id, F_LOOP)
#undef F_LOOP
    }
#undef SCALAR_LOOP
    return 0;
}

static int cmp_numbers(cmp_op op, uint8_t *r, const floe_column *a, const floe_column *b,
                       size_t rows)
{
    const floe_type *ta = floe_type_base(a->type), *tb = floe_type_base(b->type);
    bool fa = floe_type_is_float(ta), fb = floe_type_is_float(tb);
    floe_fn_kind k;
    if (fa && fb)
        k = FLOE_FN_F64;
    else if (fa || fb)
        k = FLOE_FN_LD;
    else if (!floe_type_is_signed(ta) && !floe_type_is_signed(tb))
        k = FLOE_FN_U64;
    else if (ta->id == FLOE_TYPE_UINT64 || tb->id == FLOE_TYPE_UINT64)
        k = FLOE_FN_I128;
    else
        k = FLOE_FN_I64;
    if (k != FLOE_FN_I128 && k != FLOE_FN_LD && rows > 1) {
        /* a constant side (the evaluator expands constants): compare the
         * other column in its own type against one value */
        if (floe_fn_is_constant(b, rows))
            return cmp_scalar(k, op, r, a, b, rows);
        if (floe_fn_is_constant(a, rows)) {
            static const cmp_op flipped[] = {CMP_EQ, CMP_NE, CMP_GT, CMP_LT, CMP_GE, CMP_LE};
            return cmp_scalar(k, flipped[op], r, b, a, rows);
        }
        if (ta->id == tb->id && ta->id != FLOE_TYPE_BOOL) {
#define SAME_T(T) CMP_ARRAYS(T, a->data, b->data)
            FLOE_FN_SWITCH_SRC(ta->id, SAME_T)
#undef SAME_T
            return 0;
        }
    }
    return cmp_kind(k, op, r, a, b, rows);
}

/* Decimal against a decimal or integer: both at the larger scale. */
static int cmp_decimals(cmp_op op, uint8_t *r, const floe_column *a, const floe_column *b,
                        size_t rows)
{
    const floe_type *ta = floe_type_base(a->type), *tb = floe_type_base(b->type);
    if (floe_type_is_float(ta) || floe_type_is_float(tb)) {
        long double *x = floe_malloc(rows * sizeof *x + 1), *y = floe_malloc(rows * sizeof *y + 1);
        floe_fn_load(x, FLOE_FN_LD, a, rows);
        floe_fn_load(y, FLOE_FN_LD, b, rows);
        if (floe_type_is_decimal(ta)) {
            long double m = (long double)floe_fn_pow10_i128(ta->scale);
            for (size_t i = 0; i < rows; i++)
                x[i] /= m;
        }
        if (floe_type_is_decimal(tb)) {
            long double m = (long double)floe_fn_pow10_i128(tb->scale);
            for (size_t i = 0; i < rows; i++)
                y[i] /= m;
        }
        /* compare as doubles, as ClickHouse converts the decimal to Float64 */
        double *dx = (double *)x, *dy = (double *)y;
        for (size_t i = 0; i < rows; i++)
            dx[i] = (double)x[i];
        for (size_t i = 0; i < rows; i++)
            dy[i] = (double)y[i];
        CMP_ARRAYS(double, dx, dy);
        floe_free(x);
        floe_free(y);
        return 0;
    }
    unsigned sa = floe_type_is_decimal(ta) ? ta->scale : 0;
    unsigned sb = floe_type_is_decimal(tb) ? tb->scale : 0;
    unsigned s = sa > sb ? sa : sb;
    __int128 *x = floe_malloc(rows * 16 + 1), *y = floe_malloc(rows * 16 + 1);
    floe_fn_load(x, FLOE_FN_I128, a, rows);
    floe_fn_load(y, FLOE_FN_I128, b, rows);
    if (s > sa) {
        __int128 m = floe_fn_pow10_i128(s - sa);
        for (size_t i = 0; i < rows; i++)
            x[i] *= m;
    }
    if (s > sb) {
        __int128 m = floe_fn_pow10_i128(s - sb);
        for (size_t i = 0; i < rows; i++)
            y[i] *= m;
    }
    CMP_ARRAYS(__int128, x, y);
    floe_free(x);
    floe_free(y);
    return 0;
}

static inline int bytes_cmp(const char *a, size_t la, const char *b, size_t lb)
{
    size_t n = la < lb ? la : lb;
    int c = n ? memcmp(a, b, n) : 0;
    if (c)
        return c < 0 ? -1 : 1;
    return la < lb ? -1 : la > lb ? 1 : 0;
}

/* As if the shorter side were padded with zero bytes (FixedString vs String). */
static inline int padded_cmp(const char *a, size_t la, const char *b, size_t lb)
{
    size_t n = la < lb ? la : lb;
    int c = n ? memcmp(a, b, n) : 0;
    if (c)
        return c < 0 ? -1 : 1;
    for (size_t i = n; i < la; i++)
        if (a[i])
            return 1;
    for (size_t i = n; i < lb; i++)
        if (b[i])
            return -1;
    return 0;
}

static const char *str_at(const floe_column *c, const floe_type *t, size_t i, size_t *len)
{
    if (t->id == FLOE_TYPE_FIXEDSTRING) {
        *len = t->n;
        return (const char *)c->data + i * t->n;
    }
    return floe_column_string_at(c, i, len);
}

static int cmp_strings(cmp_op op, uint8_t *r, const floe_column *a, const floe_column *b,
                       size_t rows)
{
    const floe_type *ta = floe_type_base(a->type), *tb = floe_type_base(b->type);
    bool padded = ta->id != tb->id;
    if (op == CMP_EQ || op == CMP_NE) {
        uint8_t want = op == CMP_EQ;
        for (size_t i = 0; i < rows; i++) {
            size_t la, lb;
            const char *pa = str_at(a, ta, i, &la), *pb = str_at(b, tb, i, &lb);
            bool eq;
            if (padded)
                eq = padded_cmp(pa, la, pb, lb) == 0;
            else
                eq = la == lb && (la == 0 || memcmp(pa, pb, la) == 0);
            r[i] = eq == want;
        }
        return 0;
    }
    int8_t *c = floe_malloc(rows + 1);
    for (size_t i = 0; i < rows; i++) {
        size_t la, lb;
        const char *pa = str_at(a, ta, i, &la), *pb = str_at(b, tb, i, &lb);
        c[i] = (int8_t)(padded ? padded_cmp(pa, la, pb, lb) : bytes_cmp(pa, la, pb, lb));
    }
    from_three_way(r, c, op, rows);
    floe_free(c);
    return 0;
}

static int cmp_uuids(cmp_op op, uint8_t *r, const floe_column *a, const floe_column *b, size_t rows)
{
    const uint64_t *x = (const uint64_t *)(const void *)a->data;
    const uint64_t *y = (const uint64_t *)(const void *)b->data;
    int8_t *c = floe_malloc(rows + 1);
    for (size_t i = 0; i < rows; i++) {
        /* ClickHouse orders UUIDs as UInt128 whose upper word is the
         * second stored half (the last 16 hex digits) */
        uint64_t xh = x[2 * i + 1], xl = x[2 * i], yh = y[2 * i + 1], yl = y[2 * i];
        c[i] = (int8_t)(xh != yh ? (xh < yh ? -1 : 1) : xl != yl ? (xl < yl ? -1 : 1) : 0);
    }
    from_three_way(r, c, op, rows);
    floe_free(c);
    return 0;
}

/* Converts a string column to type t for comparing; a number type reports
 * a value that does not parse as ClickHouse does (TYPE_MISMATCH). */
static int convert_string(floe_column **out, const floe_column *s, const floe_type *t,
                          const floe_func_ctx *ctx)
{
    if (!floe_fn_is_plain_number(t) && !floe_type_is_decimal(t)) {
        const char *tz = ctx ? ctx->session_tz : NULL;
        if (floe_cast_column(out, s, t, FLOE_CAST_THROW, tz) == 0)
            return 0;
        /* ClickHouse names the value: "<parse error>: while converting 'x'
         * to Date" (the cast's own "Cannot parse T from String" tail is
         * not part of it). Find the row that failed. */
        for (size_t i = 0; i < s->rows; i++) {
            floe_column *one = floe_column_slice(s, i, 1), *r = NULL;
            int rc = floe_cast_column(&r, one, t, FLOE_CAST_THROW, tz);
            floe_column_free(one);
            floe_column_free(r);
            if (rc == 0)
                continue;
            char msg[512];
            snprintf(msg, sizeof msg, "%s", floe_error_message());
            char *tail = strstr(msg, ": Cannot parse ");
            if (tail)
                *tail = 0;
            size_t len;
            const char *p = str_at(s, floe_type_base(s->type), i, &len);
            return floe_error(floe_error_code(), "%s: while converting '%.*s' to %s", msg, (int)len,
                              p, t->name);
        }
        return -1;
    }
    floe_column *tmp = NULL;
    if (floe_cast_column(&tmp, s, floe_type_nullable(t), FLOE_CAST_OR_NULL,
                         ctx ? ctx->session_tz : NULL) < 0)
        return -1;
    for (size_t i = 0; i < tmp->rows; i++)
        if (floe_column_is_null(tmp, i)) {
            size_t len;
            const char *p = str_at(s, floe_type_base(s->type), i, &len);
            int rc = floe_error(FLOE_ERR_TYPE_MISMATCH, "Cannot convert string '%.*s' to type %s",
                                (int)len, p, t->name);
            floe_column_free(tmp);
            return rc;
        }
    int rc = floe_cast_column(out, tmp, t, FLOE_CAST_THROW, NULL);
    floe_column_free(tmp);
    return rc;
}

static int cmp_dates(cmp_op op, uint8_t *r, const floe_column *a, const floe_column *b, size_t rows,
                     const floe_func_ctx *ctx)
{
    const floe_type *ta = floe_type_base(a->type), *tb = floe_type_base(b->type);
    floe_column *conv = NULL;
    int rc = 0;
    if (ta->id != tb->id || (ta->id == FLOE_TYPE_DATETIME64 && ta->precision != tb->precision)) {
        /* Date vs Date32 compare as day numbers; otherwise the coarser side
         * converts to the finer type (Date -> DateTime -> DateTime64). */
        bool days = (ta->id == FLOE_TYPE_DATE || ta->id == FLOE_TYPE_DATE32) &&
                    (tb->id == FLOE_TYPE_DATE || tb->id == FLOE_TYPE_DATE32);
        if (!days) {
            static const int rank[] = {[FLOE_TYPE_DATE] = 0,
                                       [FLOE_TYPE_DATE32] = 0,
                                       [FLOE_TYPE_DATETIME] = 1,
                                       [FLOE_TYPE_DATETIME64] = 2};
            int ra = rank[ta->id] * 100 + (ta->id == FLOE_TYPE_DATETIME64 ? ta->precision : 0);
            int rb = rank[tb->id] * 100 + (tb->id == FLOE_TYPE_DATETIME64 ? tb->precision : 0);
            const char *tz = ctx ? ctx->session_tz : NULL;
            if (ra < rb) {
                if ((rc = floe_cast_column(&conv, a, tb, FLOE_CAST_THROW, tz)) < 0)
                    return rc;
                a = conv;
            } else {
                if ((rc = floe_cast_column(&conv, b, ta, FLOE_CAST_THROW, tz)) < 0)
                    return rc;
                b = conv;
            }
        }
    }
    rc = cmp_kind(FLOE_FN_I64, op, r, a, b, rows);
    floe_column_free(conv);
    return rc;
}

static int cmp_exec(cmp_op op, floe_column *out, floe_column *const *args, size_t rows,
                    const floe_func_ctx *ctx);

/* Tuples compare element by element: the first unequal pair decides. */
static int cmp_tuples(cmp_op op, floe_column *out, floe_column *const *args, size_t rows,
                      const floe_func_ctx *ctx)
{
    const floe_column *a = args[0], *b = args[1];
    int8_t *c = floe_calloc(rows + 1, 1); /* three-way so far; 0 while equal */
    const floe_type *u8 = floe_type_get(FLOE_TYPE_UINT8);
    int rc = 0;
    for (size_t e = 0; e < a->n_children && rc == 0; e++) {
        floe_column *pair[2] = {a->children[e], b->children[e]};
        floe_column *eq = floe_column_new(u8), *lt = floe_column_new(u8);
        if ((rc = cmp_exec(CMP_EQ, eq, pair, rows, ctx)) == 0 &&
            (rc = cmp_exec(CMP_LT, lt, pair, rows, ctx)) == 0)
            for (size_t r = 0; r < rows; r++)
                if (c[r] == 0 && !eq->data[r])
                    c[r] = lt->data[r] ? -1 : 1;
        floe_column_free(eq);
        floe_column_free(lt);
    }
    if (rc == 0)
        from_three_way(floe_fn_out_fixed(out, rows), c, op, rows);
    floe_free(c);
    return rc;
}

static int cmp_exec(cmp_op op, floe_column *out, floe_column *const *args, size_t rows,
                    const floe_func_ctx *ctx)
{
    const floe_column *a = args[0], *b = args[1];
    if (floe_type_base(a->type)->id == FLOE_TYPE_TUPLE)
        return cmp_tuples(op, out, args, rows, ctx);
    const floe_type *ta = floe_type_base(a->type), *tb = floe_type_base(b->type);
    cmp_class ca = class_of(ta), cb = class_of(tb);
    floe_column *conv = NULL;
    int rc = 0;
    uint8_t *r = floe_fn_out_fixed(out, rows);
    if (ca == CL_STRING && cb != CL_STRING) {
        if ((rc = convert_string(&conv, a, tb, ctx)) < 0)
            goto done;
        a = conv;
        ta = tb;
        ca = cb;
    } else if (cb == CL_STRING && ca != CL_STRING) {
        if ((rc = convert_string(&conv, b, ta, ctx)) < 0)
            goto done;
        b = conv;
        tb = ta;
        cb = ca;
    }
    if (ca == CL_ENUM)
        ca = CL_NUMBER;
    if (cb == CL_ENUM)
        cb = CL_NUMBER;
    if (ca == CL_DECIMAL || cb == CL_DECIMAL)
        rc = cmp_decimals(op, r, a, b, rows);
    else if (ca == CL_NUMBER)
        rc = cmp_numbers(op, r, a, b, rows);
    else if (ca == CL_STRING)
        rc = cmp_strings(op, r, a, b, rows);
    else if (ca == CL_DATE)
        rc = cmp_dates(op, r, a, b, rows, ctx);
    else if (ca == CL_UUID)
        rc = cmp_uuids(op, r, a, b, rows);
    else
        rc = illegal(op, ta, tb);
done:
    floe_column_free(conv);
    return rc;
}

#define CMP_FUNC(NAME, OP)                                                                         \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        return cmp_resolve(OP, ret, args);                                                         \
    }                                                                                              \
    static int NAME##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,      \
                           const floe_func_ctx *ctx)                                               \
    {                                                                                              \
        return cmp_exec(OP, out, args, rows, ctx);                                                 \
    }                                                                                              \
    static const floe_scalar_func NAME##_func = {#NAME, FLOE_FUNC_DEFAULT_NULLS, NAME##_resolve,   \
                                                 NAME##_exec};

CMP_FUNC(equals, CMP_EQ)
CMP_FUNC(notEquals, CMP_NE)
CMP_FUNC(less, CMP_LT)
CMP_FUNC(greater, CMP_GT)
CMP_FUNC(lessOrEquals, CMP_LE)
CMP_FUNC(greaterOrEquals, CMP_GE)

/* ---- isNotDistinctFrom (a <=> b): equality where NULL equals NULL ---- */

static int notdistinct_resolve(const floe_type **ret, const floe_func_args *args,
                               const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("isNotDistinctFrom", args, 2) < 0)
        return -1;
    const floe_type *a = floe_fn_arg_base(args, 0), *b = floe_fn_arg_base(args, 1);
    if (a->id != FLOE_TYPE_NOTHING && b->id != FLOE_TYPE_NOTHING &&
        !compatible(class_of(a), class_of(b)))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal types of arguments (`%s`, `%s`) of function `isNotDistinctFrom`",
                          a->name, b->name);
    *ret = floe_type_get(FLOE_TYPE_UINT8);
    return 0;
}

static int notdistinct_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                            const floe_func_ctx *ctx)
{
    const floe_column *a = args[0], *b = args[1];
    bool na = floe_type_base(a->type)->id == FLOE_TYPE_NOTHING;
    bool nb = floe_type_base(b->type)->id == FLOE_TYPE_NOTHING;
    uint8_t *r;
    if (na || nb) {
        r = floe_fn_out_fixed(out, rows);
        for (size_t i = 0; i < rows; i++)
            r[i] = (na || floe_column_is_null(a, i)) && (nb || floe_column_is_null(b, i));
        return 0;
    }
    floe_column av = *a, bv = *b;
    av.type = floe_type_strip_nullable(a->type);
    av.nulls = NULL;
    bv.type = floe_type_strip_nullable(b->type);
    bv.nulls = NULL;
    floe_column *pair[2] = {&av, &bv};
    if (cmp_exec(CMP_EQ, out, pair, rows, ctx) < 0)
        return -1;
    r = out->data;
    for (size_t i = 0; i < rows; i++) {
        bool xa = floe_column_is_null(a, i), xb = floe_column_is_null(b, i);
        if (xa || xb)
            r[i] = xa && xb;
    }
    return 0;
}

static const floe_scalar_func notdistinct_func = {"isNotDistinctFrom", 0, notdistinct_resolve,
                                                  notdistinct_exec};

void floe_register_comparison(void)
{
    floe_func_register(&notdistinct_func);
    floe_func_register(&equals_func);
    floe_func_register(&notEquals_func);
    floe_func_register(&less_func);
    floe_func_register(&greater_func);
    floe_func_register(&lessOrEquals_func);
    floe_func_register(&greaterOrEquals_func);
}
