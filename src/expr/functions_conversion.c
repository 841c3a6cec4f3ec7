/*
 * Type conversion: CAST(x, 'T'), toT(x) for the numeric, date, string, UUID
 * and Bool types with their OrZero/OrNull forms, toDecimalNN(x, S),
 * toDateTime(x[, tz]), toDateTime64(x, p[, tz]), toFixedString(s, N) and
 * toTypeName. Result types come from the function and its constant
 * arguments; the values are converted by floe_cast_column (types/cast.h).
 */
#include <stdio.h>

#include "expr/functions_impl.h"
#include "types/cast.h"
#include "types/datetime.h"

/* What a conversion function produces. */
typedef enum conv_target {
    T_SIMPLE,     /* floe_type_get(id) */
    T_DECIMAL,    /* Decimal(P, S) with S the second argument */
    T_DATETIME,   /* DateTime([tz]) */
    T_DATETIME64, /* DateTime64(p[, tz]) */
} conv_target;

typedef struct conv_desc {
    const char *name;
    conv_target target;
    floe_type_id id;   /* T_SIMPLE */
    uint8_t precision; /* T_DECIMAL: 9, 18, 38 */
    floe_cast_mode mode;
} conv_desc;

/* A constant string argument naming a time zone, checked to exist. */
static int tz_arg(const char **tz, const char *fname, const floe_func_args *args, size_t i)
{
    size_t len;
    const char *p = floe_fn_const_string(args, i, &len);
    if (!p)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of %zu argument of function %s. Expected const String",
                          args->types[i]->name, i + 1, fname);
    char *name = floe_strndup(p, len);
    const floe_tz *z;
    int rc = floe_tz_get(&z, name);
    if (rc == 0)
        *tz = floe_tz_name(z);
    floe_free(name);
    return rc;
}

static int conv_resolve(const conv_desc *d, const floe_type **ret, const floe_func_args *args)
{
    const floe_type *t = NULL;
    switch (d->target) {
    case T_SIMPLE:
        if (args->n != 1)
            return floe_fn_err_arg_count(d->name, 1, 0, args->n);
        t = floe_type_get(d->id);
        break;
    case T_DECIMAL: {
        if (args->n != 2)
            return floe_fn_err_arg_count(d->name, 2, 0, args->n);
        int64_t s;
        if (!floe_fn_const_int(args, 1, &s))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type %s of argument of function %s. Expected const Integer",
                              args->types[1]->name, d->name);
        if (s < 0 || s > d->precision)
            return floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND,
                              "Decimal scale %lld is out of bounds (max scale: %u)", (long long)s,
                              d->precision);
        t = floe_type_decimal(d->precision, (uint8_t)s);
        break;
    }
    case T_DATETIME: {
        if (args->n < 1 || args->n > 2)
            return floe_fn_err_arg_count(d->name, 1, 1, args->n);
        const char *tz = NULL;
        if (args->n == 2 && tz_arg(&tz, d->name, args, 1) < 0)
            return -1;
        t = floe_type_datetime(tz);
        break;
    }
    case T_DATETIME64: {
        if (args->n < 2 || args->n > 3)
            return floe_fn_err_arg_count(d->name, 2, 1, args->n);
        int64_t p;
        if (!floe_fn_const_int(args, 1, &p))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type %s of argument of function %s. Expected const Integer",
                              args->types[1]->name, d->name);
        if (p < 0 || p > 9)
            return floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND,
                              "Scale %lld is out of bounds (max scale: 9)", (long long)p);
        const char *tz = NULL;
        if (args->n == 3 && tz_arg(&tz, d->name, args, 2) < 0)
            return -1;
        t = floe_type_datetime64((uint8_t)p, tz);
        break;
    }
    }
    *ret = d->mode == FLOE_CAST_OR_NULL ? floe_type_nullable(t) : t;
    return 0;
}

/* Moves the converted column's arrays into out (same type). */
static void adopt(floe_column *out, floe_column *c)
{
    floe_column tmp = *out;
    *out = *c;
    out->type = tmp.type;
    *c = tmp;
    floe_column_free(c);
}

static int conv_exec(const conv_desc *d, floe_column *out, floe_column *const *args, size_t rows,
                     const floe_func_ctx *ctx)
{
    floe_column *c = NULL;
    /* A column of the right type already: copy it. */
    if (floe_type_base(args[0]->type) == floe_type_base(out->type) &&
        floe_type_is_nullable(args[0]->type) == floe_type_is_nullable(out->type)) {
        floe_column_append_range(out, args[0], 0, rows);
        return 0;
    }
    if (floe_cast_column(&c, args[0], out->type, d->mode, ctx ? ctx->session_tz : NULL) < 0)
        return -1;
    adopt(out, c);
    return 0;
}

#define CONV(FN, TARGET, ID, PREC, MODE)                                                           \
    static const conv_desc FN##_desc = {#FN, TARGET, ID, PREC, MODE};                              \
    static int FN##_resolve(const floe_type **ret, const floe_func_args *args,                     \
                            const floe_func_ctx *ctx)                                              \
    {                                                                                              \
        return conv_resolve(&FN##_desc, ret, args);                                                \
    }                                                                                              \
    static int FN##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,        \
                         const floe_func_ctx *ctx)                                                 \
    {                                                                                              \
        return conv_exec(&FN##_desc, out, args, rows, ctx);                                        \
    }                                                                                              \
    static const floe_scalar_func FN##_func = {                                                    \
        #FN, (MODE) == FLOE_CAST_OR_NULL ? 0u : (unsigned)FLOE_FUNC_DEFAULT_NULLS, FN##_resolve,   \
        FN##_exec};

#define CONV3(BASE, TARGET, ID, PREC)                                                              \
    CONV(BASE, TARGET, ID, PREC, FLOE_CAST_THROW)                                                  \
    CONV(BASE##OrZero, TARGET, ID, PREC, FLOE_CAST_OR_ZERO)                                        \
    CONV(BASE##OrNull, TARGET, ID, PREC, FLOE_CAST_OR_NULL)

CONV3(toUInt8, T_SIMPLE, FLOE_TYPE_UINT8, 0)
CONV3(toUInt16, T_SIMPLE, FLOE_TYPE_UINT16, 0)
CONV3(toUInt32, T_SIMPLE, FLOE_TYPE_UINT32, 0)
CONV3(toUInt64, T_SIMPLE, FLOE_TYPE_UINT64, 0)
CONV3(toInt8, T_SIMPLE, FLOE_TYPE_INT8, 0)
CONV3(toInt16, T_SIMPLE, FLOE_TYPE_INT16, 0)
CONV3(toInt32, T_SIMPLE, FLOE_TYPE_INT32, 0)
CONV3(toInt64, T_SIMPLE, FLOE_TYPE_INT64, 0)
CONV3(toFloat32, T_SIMPLE, FLOE_TYPE_FLOAT32, 0)
CONV3(toFloat64, T_SIMPLE, FLOE_TYPE_FLOAT64, 0)
CONV3(toDate, T_SIMPLE, FLOE_TYPE_DATE, 0)
CONV3(toDate32, T_SIMPLE, FLOE_TYPE_DATE32, 0)
CONV3(toUUID, T_SIMPLE, FLOE_TYPE_UUID, 0)
CONV3(toDateTime, T_DATETIME, 0, 0)
CONV3(toDateTime64, T_DATETIME64, 0, 0)
CONV3(toDecimal32, T_DECIMAL, 0, 9)
CONV3(toDecimal64, T_DECIMAL, 0, 18)
CONV3(toDecimal128, T_DECIMAL, 0, 38)
CONV(toBool, T_SIMPLE, FLOE_TYPE_BOOL, 0, FLOE_CAST_THROW)
CONV(toString, T_SIMPLE, FLOE_TYPE_STRING, 0, FLOE_CAST_THROW)

/* toString(t, 'zone') prints a DateTime or DateTime64 in another zone. */
static int toString_tz_resolve(const floe_type **ret, const floe_func_args *args,
                               const floe_func_ctx *ctx)
{
    const floe_type *t = args->n ? floe_fn_arg_base(args, 0) : NULL;
    if (args->n == 2 && (t->id == FLOE_TYPE_DATETIME || t->id == FLOE_TYPE_DATETIME64)) {
        const char *tz;
        if (tz_arg(&tz, "toString", args, 1) < 0)
            return -1;
        *ret = floe_type_get(FLOE_TYPE_STRING);
        return 0;
    }
    return toString_resolve(ret, args, ctx);
}

static int toString_tz_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                            const floe_func_ctx *ctx)
{
    if (n < 2)
        return toString_exec(out, args, n, rows, ctx);
    size_t len;
    char zone[256];
    const char *p = floe_column_string_at(args[1], 0, &len);
    if (len >= sizeof zone)
        len = sizeof zone - 1;
    memcpy(zone, p, len);
    zone[len] = 0;
    /* the same instants, typed with the requested zone */
    const floe_type *t = floe_type_base(args[0]->type);
    floe_column view = *args[0];
    view.type = t->id == FLOE_TYPE_DATETIME ? floe_type_datetime(zone)
                                            : floe_type_datetime64(t->precision, zone);
    floe_column *c = NULL;
    if (floe_cast_column(&c, &view, out->type, FLOE_CAST_THROW, NULL) < 0)
        return -1;
    adopt(out, c);
    return 0;
}

/* ---- CAST(x, 'T') ---- */

static int cast_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("CAST", args, 2) < 0)
        return -1;
    size_t len;
    const char *p = floe_fn_const_string(args, 1, &len);
    if (!p)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Second argument to CAST must be a constant string describing type");
    return floe_type_parse(ret, p, len);
}

static int cast_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                     const floe_func_ctx *ctx)
{
    if (args[0]->type == out->type) {
        floe_column_append_range(out, args[0], 0, rows);
        return 0;
    }
    floe_column *c = NULL;
    if (floe_cast_column(&c, args[0], out->type, FLOE_CAST_THROW, ctx ? ctx->session_tz : NULL) < 0)
        return -1;
    adopt(out, c);
    return 0;
}

/* ---- toFixedString(s, N) ---- */

static int tofixed_resolve(const floe_type **ret, const floe_func_args *args,
                           const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("toFixedString", args, 2) < 0)
        return -1;
    int64_t n;
    if (!floe_fn_const_int(args, 1, &n))
        return floe_error(FLOE_ERR_ILLEGAL_COLUMN,
                          "Second argument for function toFixedString must be constant");
    if (n <= 0)
        return floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND, "FixedString length must be positive");
    const floe_type *a = floe_fn_arg_base(args, 0);
    if (!floe_type_is_string(a))
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Unexpected column for function toFixedString: %s", a->name);
    *ret = floe_type_fixedstring((uint32_t)n);
    return 0;
}

static int tofixed_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                        const floe_func_ctx *ctx)
{
    const floe_type *rt = floe_type_base(out->type), *at = floe_type_base(args[0]->type);
    size_t w = rt->n;
    uint8_t *r = floe_fn_out_fixed(out, rows);
    memset(r, 0, rows * w);
    for (size_t i = 0; i < rows; i++) {
        size_t len;
        const char *p;
        if (at->id == FLOE_TYPE_FIXEDSTRING) {
            len = at->n;
            p = (const char *)args[0]->data + i * at->n;
            while (len > w && p[len - 1] == 0)
                len--;
        } else {
            p = floe_column_string_at(args[0], i, &len);
        }
        if (len > w)
            return floe_error(FLOE_ERR_TOO_LARGE_STRING_SIZE, "String too long for type %s",
                              rt->name);
        memcpy(r + i * w, p, len);
    }
    return 0;
}

/* ---- toLowCardinality: the same values, typed LowCardinality(T) ---- */

static int tolc_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("toLowCardinality", args, 1) < 0)
        return -1;
    const floe_type *t = args->types[0];
    *ret = t->id == FLOE_TYPE_LOWCARDINALITY ? t : floe_type_lowcardinality(t);
    return 0;
}

static int tolc_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                     const floe_func_ctx *ctx)
{
    floe_column_append_range(out, args[0], 0, rows);
    return 0;
}

/* ---- toTypeName ---- */

static int typename_resolve(const floe_type **ret, const floe_func_args *args,
                            const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("toTypeName", args, 1) < 0)
        return -1;
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static int typename_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                         const floe_func_ctx *ctx)
{
    const char *name = args[0]->type->name;
    size_t len = strlen(name);
    floe_fn_str_begin(out, rows, rows * len);
    for (size_t i = 0; i < rows; i++)
        floe_fn_str_push(out, name, len);
    return 0;
}

static const floe_scalar_func cast_func = {"CAST", FLOE_FUNC_CASE_INSENSITIVE, cast_resolve,
                                           cast_exec};
static const floe_scalar_func cast2_func = {"_CAST", 0, cast_resolve, cast_exec};
static const floe_scalar_func tofixed_func = {"toFixedString", FLOE_FUNC_DEFAULT_NULLS,
                                              tofixed_resolve, tofixed_exec};
static const floe_scalar_func typename_func = {"toTypeName", 0, typename_resolve, typename_exec};

#define REG3(BASE)                                                                                 \
    floe_func_register(&BASE##_func);                                                              \
    floe_func_register(&BASE##OrZero_func);                                                        \
    floe_func_register(&BASE##OrNull_func);

void floe_register_conversion(void)
{
    REG3(toUInt8)
    REG3(toUInt16)
    REG3(toUInt32)
    REG3(toUInt64)
    REG3(toInt8)
    REG3(toInt16)
    REG3(toInt32)
    REG3(toInt64)
    REG3(toFloat32)
    REG3(toFloat64)
    REG3(toDate)
    REG3(toDate32)
    REG3(toUUID)
    REG3(toDateTime)
    REG3(toDateTime64)
    REG3(toDecimal32)
    REG3(toDecimal64)
    REG3(toDecimal128)
    floe_func_register(&toBool_func);
    static const floe_scalar_func toString_tz_func = {"toString", FLOE_FUNC_DEFAULT_NULLS,
                                                      toString_tz_resolve, toString_tz_exec};
    (void)toString_func; /* the one-argument form, reached through toString_tz_* */
    floe_func_register(&toString_tz_func);
    floe_func_register(&cast_func);
    floe_func_register(&cast2_func);
    floe_func_register(&tofixed_func);
    floe_func_register(&typename_func);
    static const floe_scalar_func tolc_func = {"toLowCardinality", 0, tolc_resolve, tolc_exec};
    floe_func_register(&tolc_func);
}
