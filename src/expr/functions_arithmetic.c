/*
 * Arithmetic: plus, minus, multiply, divide, intDiv, intDivOrZero, modulo,
 * negate, abs, with ClickHouse's result types (floe_arith_result_type),
 * Date/DateTime +- integers, Decimal arithmetic at ClickHouse's scales.
 * Each exec loads both operands into one computing kind (a switch per call)
 * and runs one tight loop for the operator.
 */
#include <math.h>

#include "expr/functions_impl.h"

typedef enum arith_op {
    OP_PLUS,
    OP_MINUS,
    OP_MUL,
    OP_DIV,
    OP_INTDIV,
    OP_INTDIV_OR_ZERO,
    OP_MOD,
} arith_op;

static const char *const op_names[] = {"plus",   "minus",        "multiply", "divide",
                                       "intDiv", "intDivOrZero", "modulo"};
static const char op_chars[] = {'+', '-', '*', '/', 'd', 'd', '%'};

static bool is_date_like(const floe_type *t)
{
    return floe_type_is_date_or_time(t);
}

static int illegal_pair(arith_op op, const floe_type *a, const floe_type *b)
{
    return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                      "Illegal types %s and %s of arguments of function %s", a->name, b->name,
                      op_names[op]);
}

static int arith_resolve(arith_op op, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(op_names[op], args, 2) < 0)
        return -1;
    const floe_type *a = floe_fn_arg_base(args, 0), *b = floe_fn_arg_base(args, 1);
    bool da = is_date_like(a), db = is_date_like(b);
    if (da || db) {
        bool na = floe_fn_is_plain_number(a), nb = floe_fn_is_plain_number(b);
        if (op == OP_PLUS && da && nb) {
            *ret = a;
            return 0;
        }
        if (op == OP_PLUS && db && na) {
            *ret = b;
            return 0;
        }
        if (op == OP_MINUS && da && nb) {
            *ret = a;
            return 0;
        }
        if (op == OP_MINUS && db && na)
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Wrong order of arguments for function minus: argument of type "
                              "Interval cannot be first");
        if (op == OP_MINUS && da && db && a->id == b->id) {
            if (a->id == FLOE_TYPE_DATETIME64) {
                if (a->precision != b->precision)
                    return illegal_pair(op, a, b);
                *ret = floe_type_decimal(18, a->precision);
            } else {
                *ret = floe_type_get(FLOE_TYPE_INT32);
            }
            return 0;
        }
        return illegal_pair(op, a, b);
    }
    if (op == OP_INTDIV_OR_ZERO) {
        if (floe_type_is_decimal(a) || floe_type_is_decimal(b))
            return illegal_pair(op, a, b);
        if (floe_arith_result_type(ret, 'd', a, b) < 0)
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal types %s and %s of arguments of function %s", a->name,
                              b->name, op_names[op]);
        return 0;
    }
    if (op == OP_MOD && (floe_type_is_decimal(a) || floe_type_is_decimal(b)))
        return illegal_pair(op, a, b);
    return floe_arith_result_type(ret, op_chars[op], a, b);
}

static int div_zero(void)
{
    return floe_error(FLOE_ERR_ILLEGAL_DIVISION, "Division by zero");
}

/* Loads operand c as kind k: a direct pointer when possible, else into
 * *tmp (allocated). */
static const void *load_operand(const floe_column *c, floe_fn_kind k, size_t rows, void **tmp)
{
    const void *p = floe_fn_direct(c, k);
    if (p)
        return p;
    *tmp = floe_malloc(rows * floe_fn_kind_size(k) + 1);
    floe_fn_load(*tmp, k, c, rows);
    return *tmp;
}

/* r[i] = x[i] OP y[i] in kind T; integer + - * wrap (computed unsigned). */
#define BIN_LOOP(T, EXPR)                                                                          \
    do {                                                                                           \
        const T *x = px, *y = py;                                                                  \
        T *r = pr;                                                                                 \
        for (size_t i = 0; i < rows; i++)                                                          \
            r[i] = (EXPR);                                                                         \
    } while (0)

static int zero_check_i(const void *py, floe_fn_kind k, size_t rows)
{
    size_t z = 0;
    if (k == FLOE_FN_I128) {
        const __int128 *y = py;
        for (size_t i = 0; i < rows; i++)
            z |= y[i] == 0;
    } else if (k == FLOE_FN_F64) {
        const double *y = py;
        for (size_t i = 0; i < rows; i++)
            z |= y[i] == 0;
    } else {
        const uint64_t *y = py;
        for (size_t i = 0; i < rows; i++)
            z |= y[i] == 0;
    }
    return z ? div_zero() : 0;
}

/* ClickHouse's % applies C++'s usual arithmetic conversions to the
 * operands: both promoted to at least int, and an unsigned operand of at
 * least the signed one's rank makes the operation unsigned
 * (UInt64 % Int64(-7) divides by 2^64 - 7). The kind to compute in. */
static floe_fn_kind c_modulo_kind(const floe_type *a, const floe_type *b, bool *u32)
{
    *u32 = false;
    unsigned ra = a->width < 4 ? 4 : a->width, rb = b->width < 4 ? 4 : b->width;
    bool ua = !floe_type_is_signed(a) && a->width >= 4,
         ub = !floe_type_is_signed(b) && b->width >= 4;
    unsigned r = ra > rb ? ra : rb;
    bool is_unsigned;
    if (ua == ub)
        is_unsigned = ua;
    else
        is_unsigned = ua ? ra >= rb : rb >= ra;
    if (is_unsigned) {
        *u32 = r == 4; /* operands wrap to 32 bits first */
        return FLOE_FN_U64;
    }
    return FLOE_FN_I64;
}

/* r[i] = x[i] OP s for a constant s (kind k; s points to its value). */
static int scalar_op(arith_op op, floe_fn_kind k, const void *px, const void *ps, void *pr,
                     size_t rows)
{
    if (k == FLOE_FN_F64) {
        const double *x = px;
        double sv, *r = pr;
        memcpy(&sv, ps, 8);
        switch (op) {
        case OP_PLUS:
            for (size_t i = 0; i < rows; i++)
                r[i] = x[i] + sv;
            return 0;
        case OP_MINUS:
            for (size_t i = 0; i < rows; i++)
                r[i] = x[i] - sv;
            return 0;
        case OP_MUL:
            for (size_t i = 0; i < rows; i++)
                r[i] = x[i] * sv;
            return 0;
        case OP_DIV:
            for (size_t i = 0; i < rows; i++)
                r[i] = x[i] / sv;
            return 0;
        case OP_MOD:
            for (size_t i = 0; i < rows; i++)
                r[i] = fmod(x[i], sv);
            return 0;
        case OP_INTDIV:
        case OP_INTDIV_OR_ZERO:
            if (sv == 0 && op == OP_INTDIV)
                return div_zero();
            for (size_t i = 0; i < rows; i++)
                r[i] = sv == 0 ? 0 : trunc(x[i] / sv);
            return 0;
        }
        return 0;
    }
    const uint64_t *x = px;
    uint64_t sv, *r = pr;
    memcpy(&sv, ps, 8);
    switch (op) {
    case OP_PLUS:
        for (size_t i = 0; i < rows; i++)
            r[i] = x[i] + sv;
        return 0;
    case OP_MINUS:
        for (size_t i = 0; i < rows; i++)
            r[i] = x[i] - sv;
        return 0;
    case OP_MUL:
        for (size_t i = 0; i < rows; i++)
            r[i] = x[i] * sv;
        return 0;
    case OP_DIV: /* computed in F64 */
        return 0;
    case OP_INTDIV:
    case OP_INTDIV_OR_ZERO:
    case OP_MOD:
        break;
    }
    if (sv == 0) {
        if (op != OP_INTDIV_OR_ZERO)
            return div_zero();
        memset(r, 0, rows * 8);
        return 0;
    }
    if (k == FLOE_FN_U64) {
        floe_fn_fastdiv f = floe_fn_fastdiv_make(sv);
        if (op == OP_MOD)
            for (size_t i = 0; i < rows; i++)
                r[i] = x[i] - floe_fn_fastdiv_q(x[i], &f) * sv;
        else
            for (size_t i = 0; i < rows; i++)
                r[i] = floe_fn_fastdiv_q(x[i], &f);
        return 0;
    }
    /* signed: divide magnitudes, then C's truncating signs */
    int64_t s = (int64_t)sv;
    const int64_t *xs = px;
    int64_t *rs = pr;
    if (s == -1) {
        if (op == OP_MOD) {
            memset(rs, 0, rows * 8);
            return 0;
        }
        if (op == OP_INTDIV)
            for (size_t i = 0; i < rows; i++)
                if (xs[i] == INT64_MIN)
                    return floe_error(FLOE_ERR_ILLEGAL_DIVISION,
                                      "Division of minimal signed number by minus one");
        for (size_t i = 0; i < rows; i++)
            rs[i] = (int64_t)(0 - (uint64_t)xs[i]);
        return 0;
    }
    uint64_t as = s < 0 ? 0 - (uint64_t)s : (uint64_t)s;
    floe_fn_fastdiv f = floe_fn_fastdiv_make(as);
    for (size_t i = 0; i < rows; i++) {
        uint64_t ax = xs[i] < 0 ? 0 - (uint64_t)xs[i] : (uint64_t)xs[i];
        uint64_t q = floe_fn_fastdiv_q(ax, &f);
        if (op == OP_MOD) {
            uint64_t rem = ax - q * as;
            rs[i] = xs[i] < 0 ? (int64_t)(0 - rem) : (int64_t)rem;
        } else {
            rs[i] = ((xs[i] < 0) != (s < 0)) ? (int64_t)(0 - q) : (int64_t)q;
        }
    }
    return 0;
}

/* Integer-valued operations over plain numbers. */
static int numeric_exec(arith_op op, floe_column *out, floe_column *const *args, size_t rows)
{
    const floe_type *ta = floe_type_base(args[0]->type), *tb = floe_type_base(args[1]->type);
    const floe_type *tr = floe_type_base(out->type);
    floe_fn_kind k;
    bool mod_u32 = false;
    bool fl = floe_type_is_float(ta) || floe_type_is_float(tb);
    if (op == OP_DIV || (fl && (op == OP_INTDIV || op == OP_INTDIV_OR_ZERO || op == OP_MOD)))
        k = FLOE_FN_F64;
    else if (floe_type_is_float(tr))
        k = FLOE_FN_F64;
    else if (op == OP_PLUS || op == OP_MINUS || op == OP_MUL)
        k = floe_type_is_signed(tr) ? FLOE_FN_I64 : FLOE_FN_U64;
    else if (op == OP_MOD)
        k = c_modulo_kind(ta, tb, &mod_u32);
    else {
        bool sa = floe_type_is_signed(ta), sb = floe_type_is_signed(tb);
        if (!sa && !sb)
            k = FLOE_FN_U64;
        else if ((ta->id == FLOE_TYPE_UINT64 && sb) || (tb->id == FLOE_TYPE_UINT64 && sa))
            k = FLOE_FN_I128;
        else
            k = FLOE_FN_I64;
    }
    void *ta_tmp = NULL, *tb_tmp = NULL, *tr_tmp = NULL;
    int rc = 0;
    const void *px = load_operand(args[0], k, rows, &ta_tmp);
    /* a constant right operand (the evaluator expands constants) runs the
     * scalar loops, and divides by a multiply */
    bool scalar = rows > 1 && k != FLOE_FN_I128 && !mod_u32 && floe_fn_is_constant(args[1], rows);
    uint64_t scalar_v[2] = {0, 0};
    const void *py = NULL;
    if (scalar)
        floe_fn_load(scalar_v, k, args[1], 1);
    else
        py = load_operand(args[1], k, rows, &tb_tmp);
    if (mod_u32) {
        uint64_t *x = ta_tmp ? ta_tmp : floe_malloc(rows * 8 + 1);
        uint64_t *y = tb_tmp ? tb_tmp : floe_malloc(rows * 8 + 1);
        for (size_t i = 0; i < rows; i++) {
            x[i] = (uint32_t)((const uint64_t *)px)[i];
            y[i] = (uint32_t)((const uint64_t *)py)[i];
        }
        px = ta_tmp = x;
        py = tb_tmp = y;
    }
    void *pr;
    /* Integer division results are stored via a conversion pass (floats
     * truncated toward zero); others compute straight into out when the
     * kind matches its C type. */
    bool direct = (k == FLOE_FN_U64 && tr->id == FLOE_TYPE_UINT64) ||
                  (k == FLOE_FN_I64 && tr->id == FLOE_TYPE_INT64) ||
                  (k == FLOE_FN_F64 && tr->id == FLOE_TYPE_FLOAT64);
    if (direct)
        pr = floe_fn_out_fixed(out, rows);
    else
        pr = tr_tmp = floe_malloc(rows * floe_fn_kind_size(k) + 1);

    if (scalar) {
        if ((rc = scalar_op(op, k, px, scalar_v, pr, rows)) < 0)
            goto done;
        goto stored;
    }
    switch (op) {
    case OP_PLUS:
        if (k == FLOE_FN_F64)
            BIN_LOOP(double, x[i] + y[i]);
        else
            BIN_LOOP(uint64_t, x[i] + y[i]);
        break;
    case OP_MINUS:
        if (k == FLOE_FN_F64)
            BIN_LOOP(double, x[i] - y[i]);
        else
            BIN_LOOP(uint64_t, x[i] - y[i]);
        break;
    case OP_MUL:
        if (k == FLOE_FN_F64)
            BIN_LOOP(double, x[i] * y[i]);
        else
            BIN_LOOP(uint64_t, x[i] * y[i]);
        break;
    case OP_DIV:
        BIN_LOOP(double, x[i] / y[i]);
        break;
    case OP_INTDIV:
    case OP_MOD:
        if (op == OP_INTDIV || k != FLOE_FN_F64) {
            if ((rc = zero_check_i(py, k, rows)) < 0)
                goto done;
        }
        if (k == FLOE_FN_F64) {
            if (op == OP_MOD)
                BIN_LOOP(double, fmod(x[i], y[i]));
            else
                BIN_LOOP(double, trunc(x[i] / y[i]));
        } else if (k == FLOE_FN_U64) {
            if (op == OP_MOD)
                BIN_LOOP(uint64_t, x[i] % y[i]);
            else
                BIN_LOOP(uint64_t, x[i] / y[i]);
        } else if (k == FLOE_FN_I64) {
            const int64_t *x = px, *y = py;
            for (size_t i = 0; i < rows; i++)
                if (y[i] == -1 && x[i] == INT64_MIN && op == OP_INTDIV) {
                    rc = floe_error(FLOE_ERR_ILLEGAL_DIVISION,
                                    "Division of minimal signed number by minus one");
                    goto done;
                }
            if (op == OP_MOD)
                BIN_LOOP(int64_t, y[i] == -1 ? 0 : x[i] % y[i]);
            else
                BIN_LOOP(int64_t, y[i] == -1 ? (int64_t)(0 - (uint64_t)x[i]) : x[i] / y[i]);
        } else {
            if (op == OP_MOD)
                BIN_LOOP(__int128, x[i] % y[i]);
            else
                BIN_LOOP(__int128, x[i] / y[i]);
        }
        break;
    case OP_INTDIV_OR_ZERO:
        if (k == FLOE_FN_F64)
            BIN_LOOP(double, y[i] == 0 ? 0 : trunc(x[i] / y[i]));
        else if (k == FLOE_FN_U64)
            BIN_LOOP(uint64_t, y[i] == 0 ? 0 : x[i] / y[i]);
        else if (k == FLOE_FN_I64)
            BIN_LOOP(int64_t, y[i] == 0    ? 0
                              : y[i] == -1 ? (int64_t)(0 - (uint64_t)x[i])
                                           : x[i] / y[i]);
        else
            BIN_LOOP(__int128, y[i] == 0 ? 0 : x[i] / y[i]);
        break;
    }
stored:
    if (!direct) {
        if (k == FLOE_FN_F64 && floe_type_is_integer(tr)) {
            /* intDiv over floats: the quotient is an integer-valued double */
            double *r = tr_tmp;
            int64_t *ri = tr_tmp;
            for (size_t i = 0; i < rows; i++)
                ri[i] = (int64_t)r[i];
            floe_fn_store(out, tr_tmp, FLOE_FN_I64, rows);
        } else {
            floe_fn_store(out, tr_tmp, k, rows);
        }
    }
done:
    floe_free(ta_tmp);
    floe_free(tb_tmp);
    floe_free(tr_tmp);
    return rc;
}

/* Loads a decimal or integer operand as __int128 at scale `to_scale`. */
static __int128 *load_decimal(const floe_column *c, unsigned to_scale, size_t rows)
{
    const floe_type *t = floe_type_base(c->type);
    unsigned s = floe_type_is_decimal(t) ? t->scale : 0;
    __int128 *v = floe_malloc(rows * sizeof *v + 1);
    floe_fn_load(v, FLOE_FN_I128, c, rows);
    if (to_scale > s) {
        __int128 m = floe_fn_pow10_i128(to_scale - s);
        for (size_t i = 0; i < rows; i++)
            v[i] *= m;
    }
    return v;
}

static int decimal_overflow(void)
{
    return floe_error(FLOE_ERR_DECIMAL_OVERFLOW, "Decimal math overflow");
}

static int decimal_exec(arith_op op, floe_column *out, floe_column *const *args, size_t rows)
{
    const floe_type *ta = floe_type_base(args[0]->type), *tb = floe_type_base(args[1]->type);
    const floe_type *tr = floe_type_base(out->type);
    if (floe_type_is_float(tr)) {
        /* Decimal with a float: both as Float64 */
        double *x = floe_malloc(rows * 8 + 1), *y = floe_malloc(rows * 8 + 1);
        floe_fn_load(x, FLOE_FN_F64, args[0], rows);
        floe_fn_load(y, FLOE_FN_F64, args[1], rows);
        if (floe_type_is_decimal(ta)) {
            double m = (double)floe_fn_pow10_i128(ta->scale);
            for (size_t i = 0; i < rows; i++)
                x[i] /= m;
        }
        if (floe_type_is_decimal(tb)) {
            double m = (double)floe_fn_pow10_i128(tb->scale);
            for (size_t i = 0; i < rows; i++)
                y[i] /= m;
        }
        double *r = floe_fn_out_fixed(out, rows);
        for (size_t i = 0; i < rows; i++)
            r[i] = op == OP_PLUS    ? x[i] + y[i]
                   : op == OP_MINUS ? x[i] - y[i]
                   : op == OP_MUL   ? x[i] * y[i]
                                    : x[i] / y[i];
        floe_free(x);
        floe_free(y);
        return 0;
    }
    int rc = 0;
    unsigned sa = floe_type_is_decimal(ta) ? ta->scale : 0;
    unsigned sb = floe_type_is_decimal(tb) ? tb->scale : 0;
    __int128 *x = NULL, *y = NULL, *r = floe_malloc(rows * sizeof *r + 1);
    switch (op) {
    case OP_PLUS:
    case OP_MINUS: {
        unsigned s = tr->scale;
        x = load_decimal(args[0], s, rows);
        y = load_decimal(args[1], s, rows);
        if (op == OP_PLUS)
            for (size_t i = 0; i < rows; i++)
                r[i] = x[i] + y[i];
        else
            for (size_t i = 0; i < rows; i++)
                r[i] = x[i] - y[i];
        break;
    }
    case OP_MUL:
        x = load_decimal(args[0], sa, rows);
        y = load_decimal(args[1], sb, rows);
        for (size_t i = 0; i < rows; i++)
            if (__builtin_mul_overflow(x[i], y[i], &r[i])) {
                rc = decimal_overflow();
                goto done;
            }
        break;
    case OP_DIV:
    case OP_INTDIV: {
        /* Decimal(sa)/Decimal(sb) at scale sa: x * 10^sb / y; with an
         * integer dividend the result has the divisor's scale. */
        x = load_decimal(args[0], sa, rows);
        y = load_decimal(args[1], sb, rows);
        if ((rc = zero_check_i(y, FLOE_FN_I128, rows)) < 0)
            goto done;
        unsigned extra = op == OP_INTDIV ? sb : (sa == 0 ? 2 * sb : sb);
        if (op == OP_INTDIV)
            extra = sb;
        __int128 m = floe_fn_pow10_i128(extra);
        for (size_t i = 0; i < rows; i++) {
            __int128 num;
            if (__builtin_mul_overflow(x[i], m, &num)) {
                rc = decimal_overflow();
                goto done;
            }
            r[i] = num / y[i];
        }
        if (op == OP_INTDIV) {
            __int128 d = floe_fn_pow10_i128(sa);
            for (size_t i = 0; i < rows; i++)
                r[i] /= d;
        }
        break;
    }
    default:
        rc = illegal_pair(op, ta, tb);
        goto done;
    }
    /* The result must fit its layout (ClickHouse checks the native width). */
    if (tr->id == FLOE_TYPE_DECIMAL32 || tr->id == FLOE_TYPE_INT32) {
        for (size_t i = 0; i < rows; i++)
            if (r[i] > INT32_MAX || r[i] < INT32_MIN) {
                rc = decimal_overflow();
                goto done;
            }
    } else if (tr->id == FLOE_TYPE_DECIMAL64 || tr->id == FLOE_TYPE_INT64) {
        for (size_t i = 0; i < rows; i++)
            if (r[i] > INT64_MAX || r[i] < INT64_MIN) {
                rc = decimal_overflow();
                goto done;
            }
    }
    floe_fn_store(out, r, FLOE_FN_I128, rows);
done:
    floe_free(x);
    floe_free(y);
    floe_free(r);
    return rc;
}

/* Date/DateTime +- number, and date - date. */
static int date_exec(arith_op op, floe_column *out, floe_column *const *args, size_t rows)
{
    const floe_type *ta = floe_type_base(args[0]->type), *tb = floe_type_base(args[1]->type);
    bool a_is_date = is_date_like(ta);
    const floe_column *dc = a_is_date ? args[0] : args[1];
    const floe_column *nc = a_is_date ? args[1] : args[0];
    const floe_type *dt = floe_type_base(dc->type);
    int64_t *d = floe_malloc(rows * 8 + 1), *n = floe_malloc(rows * 8 + 1);
    floe_fn_load(d, FLOE_FN_I64, dc, rows);
    if (is_date_like(ta) && is_date_like(tb)) {
        floe_fn_load(n, FLOE_FN_I64, nc, rows);
        for (size_t i = 0; i < rows; i++)
            d[i] = (int64_t)((uint64_t)d[i] - (uint64_t)n[i]);
        floe_fn_store(out, d, FLOE_FN_I64, rows); /* Int32, or DateTime64's Decimal64 ticks */
        goto done;
    }
    /* floats are truncated toward zero, as ClickHouse converts them */
    floe_fn_load(n, FLOE_FN_I64, nc, rows);
    if (dt->id == FLOE_TYPE_DATETIME64) {
        int64_t m = (int64_t)floe_fn_pow10_i128(dt->precision);
        for (size_t i = 0; i < rows; i++)
            n[i] = (int64_t)((uint64_t)n[i] * (uint64_t)m);
    }
    if (op == OP_PLUS)
        for (size_t i = 0; i < rows; i++)
            d[i] = (int64_t)((uint64_t)d[i] + (uint64_t)n[i]);
    else
        for (size_t i = 0; i < rows; i++)
            d[i] = (int64_t)((uint64_t)d[i] - (uint64_t)n[i]);
    floe_fn_store(out, d, FLOE_FN_I64, rows);
done:
    floe_free(d);
    floe_free(n);
    return 0;
}

static int arith_exec(arith_op op, floe_column *out, floe_column *const *args, size_t rows)
{
    const floe_type *ta = floe_type_base(args[0]->type), *tb = floe_type_base(args[1]->type);
    if (is_date_like(ta) || is_date_like(tb))
        return date_exec(op, out, args, rows);
    if (floe_type_is_decimal(ta) || floe_type_is_decimal(tb))
        return decimal_exec(op, out, args, rows);
    return numeric_exec(op, out, args, rows);
}

#define ARITH_FUNC(NAME, OP)                                                                       \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        return arith_resolve(OP, ret, args);                                                       \
    }                                                                                              \
    static int NAME##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,      \
                           const floe_func_ctx *ctx)                                               \
    {                                                                                              \
        return arith_exec(OP, out, args, rows);                                                    \
    }                                                                                              \
    static const floe_scalar_func NAME##_func = {#NAME, FLOE_FUNC_DEFAULT_NULLS, NAME##_resolve,   \
                                                 NAME##_exec};

ARITH_FUNC(plus, OP_PLUS)
ARITH_FUNC(minus, OP_MINUS)
ARITH_FUNC(multiply, OP_MUL)
ARITH_FUNC(divide, OP_DIV)
ARITH_FUNC(intDiv, OP_INTDIV)
ARITH_FUNC(intDivOrZero, OP_INTDIV_OR_ZERO)
ARITH_FUNC(modulo, OP_MOD)

/* ---- unary: negate, abs ---- */

static int unary_resolve(const char *name, bool is_abs, const floe_type **ret,
                         const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 1) < 0)
        return -1;
    const floe_type *a = floe_fn_arg_base(args, 0);
    if (floe_type_is_decimal(a)) {
        *ret = a;
        return 0;
    }
    if (!floe_fn_is_plain_number(a))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument of function %s", a->name, name);
    unsigned sz = a->id == FLOE_TYPE_BOOL ? 1 : a->width;
    bool sg = floe_type_is_signed(a);
    floe_type_id id;
    if (floe_type_is_float(a))
        id = a->id;
    else {
        if (!is_abs && !sg && sz < 8)
            sz *= 2;
        bool res_signed = !is_abs;
        static const floe_type_id u[] = {FLOE_TYPE_UINT8, FLOE_TYPE_UINT16, FLOE_TYPE_UINT32,
                                         FLOE_TYPE_UINT64};
        static const floe_type_id s[] = {FLOE_TYPE_INT8, FLOE_TYPE_INT16, FLOE_TYPE_INT32,
                                         FLOE_TYPE_INT64};
        int k = sz <= 1 ? 0 : sz <= 2 ? 1 : sz <= 4 ? 2 : 3;
        id = res_signed ? s[k] : u[k];
    }
    *ret = floe_type_get(id);
    return 0;
}

static int unary_exec(bool is_abs, floe_column *out, floe_column *const *args, size_t rows)
{
    const floe_type *ta = floe_type_base(args[0]->type);
    floe_fn_kind k = floe_type_is_float(ta)     ? FLOE_FN_F64
                     : floe_type_is_decimal(ta) ? FLOE_FN_I128
                                                : FLOE_FN_I64;
    void *tmp = floe_malloc(rows * floe_fn_kind_size(k) + 1);
    floe_fn_load(tmp, k, args[0], rows);
    if (k == FLOE_FN_F64) {
        double *v = tmp;
        if (is_abs)
            for (size_t i = 0; i < rows; i++)
                v[i] = fabs(v[i]);
        else
            for (size_t i = 0; i < rows; i++)
                v[i] = -v[i];
    } else if (k == FLOE_FN_I128) {
        __int128 *v = tmp;
        for (size_t i = 0; i < rows; i++)
            v[i] = is_abs ? (v[i] < 0 ? -v[i] : v[i]) : -v[i];
    } else {
        int64_t *v = tmp;
        /* computed as unsigned so INT64_MIN wraps as in ClickHouse */
        if (is_abs)
            for (size_t i = 0; i < rows; i++)
                v[i] = v[i] < 0 ? (int64_t)(0 - (uint64_t)v[i]) : v[i];
        else
            for (size_t i = 0; i < rows; i++)
                v[i] = (int64_t)(0 - (uint64_t)v[i]);
        /* UInt64 loaded as I64: abs must not change it */
        if (is_abs && ta->id == FLOE_TYPE_UINT64)
            floe_fn_load(tmp, FLOE_FN_I64, args[0], rows);
    }
    floe_fn_store(out, tmp, k, rows);
    floe_free(tmp);
    return 0;
}

static int negate_resolve(const floe_type **ret, const floe_func_args *args,
                          const floe_func_ctx *ctx)
{
    return unary_resolve("negate", false, ret, args);
}
static int negate_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                       const floe_func_ctx *ctx)
{
    return unary_exec(false, out, args, rows);
}
static int abs_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    return unary_resolve("abs", true, ret, args);
}
static int abs_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                    const floe_func_ctx *ctx)
{
    return unary_exec(true, out, args, rows);
}

static const floe_scalar_func negate_func = {"negate", FLOE_FUNC_DEFAULT_NULLS, negate_resolve,
                                             negate_exec};
static const floe_scalar_func abs_func = {
    "abs", FLOE_FUNC_DEFAULT_NULLS | FLOE_FUNC_CASE_INSENSITIVE, abs_resolve, abs_exec};

void floe_register_arithmetic(void)
{
    floe_func_register(&plus_func);
    floe_func_register(&minus_func);
    floe_func_register(&multiply_func);
    floe_func_register(&divide_func);
    floe_func_register(&intDiv_func);
    floe_func_register(&intDivOrZero_func);
    floe_func_register(&modulo_func);
    floe_func_register(&negate_func);
    floe_func_register(&abs_func);
}
