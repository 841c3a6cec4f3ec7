/*
 * More string functions: left/right (and their UTF-8 forms),
 * concatWithSeparator, arrayStringConcat, base64Encode/base64Decode and the
 * human-readable number formats formatReadableSize,
 * formatReadableDecimalSize and formatReadableQuantity.
 */
#include <math.h>
#include <stdio.h>

#include "expr/functions_impl.h"
#include "types/cast.h"

static const char *str_row(const floe_column *c, size_t i, size_t *len)
{
    const floe_type *t = floe_type_base(c->type);
    if (t->id == FLOE_TYPE_FIXEDSTRING) {
        *len = t->n;
        return (const char *)c->data + i * t->n;
    }
    return floe_column_string_at(c, i, len);
}

/* Byte offset of the k-th UTF-8 character. */
static size_t utf8_off(const char *p, size_t n, size_t k)
{
    size_t i = 0;
    while (i < n && k > 0) {
        i++;
        while (i < n && ((uint8_t)p[i] & 0xC0) == 0x80)
            i++;
        k--;
    }
    return i;
}

static size_t utf8_count(const char *p, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((uint8_t)p[i] & 0xC0) != 0x80;
    return k;
}

/* ---- left, right ---- */

static int leftright_resolve_m(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 2) < 0)
        return -1;
    if (!floe_type_is_string(floe_fn_arg_base(args, 0)))
        return floe_fn_err_arg_type(name, floe_fn_arg_base(args, 0), 1);
    if (!floe_type_is_integer(floe_fn_arg_base(args, 1)))
        return floe_fn_err_arg_type(name, floe_fn_arg_base(args, 1), 2);
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

/* left keeps the first n units (n < 0: all but the last -n); right the
 * last n (n < 0: all but the first -n). Units are bytes or characters. */
static int leftright_exec_m(bool right, bool utf8, floe_column *out, floe_column *const *args,
                            size_t rows)
{
    int64_t *k = floe_malloc(rows * 8 + 1);
    floe_fn_load(k, FLOE_FN_I64, args[1], rows);
    floe_fn_str_begin(out, rows, args[0]->data_len);
    for (size_t i = 0; i < rows; i++) {
        size_t len;
        const char *p = str_row(args[0], i, &len);
        int64_t units = utf8 ? (int64_t)utf8_count(p, len) : (int64_t)len;
        int64_t n = k[i], from, to;
        if (!right) {
            from = 0;
            to = n >= 0 ? (n < units ? n : units) : (units + n > 0 ? units + n : 0);
        } else {
            to = units;
            from = n >= 0 ? (n < units ? units - n : 0) : (-n < units ? -n : units);
        }
        size_t bf = utf8 ? utf8_off(p, len, (size_t)from) : (size_t)from;
        size_t bt = utf8 ? utf8_off(p, len, (size_t)to) : (size_t)to;
        floe_fn_str_push(out, p + bf, bt - bf);
    }
    floe_free(k);
    return 0;
}

#define LR_FUNC(NAME, RIGHT, UTF8)                                                                 \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        return leftright_resolve_m(#NAME, ret, args);                                              \
    }                                                                                              \
    static int NAME##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,      \
                           const floe_func_ctx *ctx)                                               \
    {                                                                                              \
        return leftright_exec_m(RIGHT, UTF8, out, args, rows);                                     \
    }
LR_FUNC(left, false, false)
LR_FUNC(right, true, false)
LR_FUNC(leftUTF8, false, true)
LR_FUNC(rightUTF8, true, true)

/* ---- concatWithSeparator(sep, a, b, ...) ---- */

static int cws_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    if (args->n < 1)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Number of arguments for function concatWithSeparator doesn't match: "
                          "passed 0, should be at least 1");
    if (!floe_type_is_string(floe_fn_arg_base(args, 0)))
        return floe_fn_err_arg_type("concatWithSeparator", floe_fn_arg_base(args, 0), 1);
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static int cws_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                    const floe_func_ctx *ctx)
{
    floe_column **conv = floe_calloc(n + 1, sizeof *conv);
    const floe_column **src = floe_calloc(n + 1, sizeof *src);
    int rc = 0;
    for (size_t k = 1; k < n; k++) {
        src[k] = args[k];
        if (!floe_type_is_string(floe_type_base(args[k]->type))) {
            if ((rc = floe_cast_column(&conv[k], args[k], floe_type_get(FLOE_TYPE_STRING),
                                       FLOE_CAST_THROW, ctx ? ctx->session_tz : NULL)) < 0)
                goto done;
            src[k] = conv[k];
        }
    }
    floe_fn_str_begin(out, rows, 0);
    for (size_t i = 0; i < rows; i++) {
        size_t sl;
        const char *sep = str_row(args[0], i, &sl);
        for (size_t k = 1; k < n; k++) {
            size_t len;
            const char *p = str_row(src[k], i, &len);
            if (k > 1)
                floe_fn_str_add(out, sep, sl);
            floe_fn_str_add(out, p, len);
        }
        floe_fn_str_end(out);
    }
done:
    for (size_t k = 0; k < n; k++)
        floe_column_free(conv[k]);
    floe_free(conv);
    floe_free(src);
    return rc;
}

/* ---- arrayStringConcat(arr[, sep]) ---- */

static int asc_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc_range("arrayStringConcat", args, 1, 2, "1 or 2") < 0)
        return -1;
    const floe_type *a = floe_fn_arg_base(args, 0);
    if (a->id != FLOE_TYPE_ARRAY)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "First argument for function arrayStringConcat must be an array");
    if (args->n == 2 && !floe_type_is_string(floe_fn_arg_base(args, 1)))
        return floe_fn_err_arg_type("arrayStringConcat", floe_fn_arg_base(args, 1), 2);
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static int asc_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                    const floe_func_ctx *ctx)
{
    const floe_column *a = args[0], *child = a->children[0];
    floe_column *conv = NULL;
    if (!floe_type_is_string(floe_type_base(child->type))) {
        if (floe_cast_column(&conv, child, floe_type_get(FLOE_TYPE_STRING), FLOE_CAST_THROW,
                             ctx ? ctx->session_tz : NULL) < 0)
            return -1;
        child = conv;
    }
    floe_fn_str_begin(out, rows, child->data_len);
    for (size_t i = 0; i < rows; i++) {
        size_t sl = 0;
        const char *sep = n == 2 ? str_row(args[1], i, &sl) : "";
        uint64_t from = i ? a->offsets[i - 1] : 0, to = a->offsets[i];
        for (uint64_t j = from; j < to; j++) {
            size_t len;
            const char *p = str_row(child, (size_t)j, &len);
            if (j > from)
                floe_fn_str_add(out, sep, sl);
            floe_fn_str_add(out, p, len);
        }
        floe_fn_str_end(out);
    }
    floe_column_free(conv);
    return 0;
}

/* ---- base64Encode, base64Decode ---- */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64_resolve_m(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 1) < 0)
        return -1;
    if (!floe_type_is_string(floe_fn_arg_base(args, 0)))
        return floe_error(FLOE_ERR_ILLEGAL_COLUMN,
                          "Illegal column %s of first argument of "
                          "function %s",
                          floe_fn_arg_base(args, 0)->name, name);
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static int b64enc_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                       const floe_func_ctx *ctx)
{
    floe_fn_str_begin(out, rows, args[0]->data_len * 4 / 3 + rows * 4);
    for (size_t i = 0; i < rows; i++) {
        size_t len;
        const uint8_t *p = (const uint8_t *)str_row(args[0], i, &len);
        for (size_t k = 0; k < len; k += 3) {
            uint32_t v = (uint32_t)p[k] << 16;
            if (k + 1 < len)
                v |= (uint32_t)p[k + 1] << 8;
            if (k + 2 < len)
                v |= p[k + 2];
            char q[4] = {b64[v >> 18], b64[(v >> 12) & 63], k + 1 < len ? b64[(v >> 6) & 63] : '=',
                         k + 2 < len ? b64[v & 63] : '='};
            floe_fn_str_add(out, q, 4);
        }
        floe_fn_str_end(out);
    }
    return 0;
}

static int b64val(char c)
{
    const char *f = c ? strchr(b64, c) : NULL;
    return f ? (int)(f - b64) : -1;
}

static int b64dec_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                       const floe_func_ctx *ctx)
{
    floe_fn_str_begin(out, rows, args[0]->data_len);
    for (size_t i = 0; i < rows; i++) {
        size_t len;
        const char *p = str_row(args[0], i, &len);
        uint32_t acc = 0;
        int bits = 0;
        for (size_t k = 0; k < len; k++) {
            if (p[k] == '=')
                break;
            int v = b64val(p[k]);
            if (v < 0) {
                return floe_error(FLOE_ERR_INCORRECT_DATA,
                                  "Invalid base64Decode value (%.*s), cannot be decoded", (int)len,
                                  p);
            }
            acc = acc << 6 | (uint32_t)v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                uint8_t b = (uint8_t)(acc >> bits);
                floe_fn_str_add(out, &b, 1);
            }
        }
        floe_fn_str_end(out);
    }
    return 0;
}

static int base64Encode_resolve(const floe_type **ret, const floe_func_args *args,
                                const floe_func_ctx *ctx)
{
    return b64_resolve_m("base64Encode", ret, args);
}
static int base64Decode_resolve(const floe_type **ret, const floe_func_args *args,
                                const floe_func_ctx *ctx)
{
    return b64_resolve_m("base64Decode", ret, args);
}

/* ---- formatReadableSize, formatReadableDecimalSize, formatReadableQuantity ---- */

typedef enum readable { RD_SIZE, RD_DECIMAL_SIZE, RD_QUANTITY } readable;

static int readable_resolve_m(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 1) < 0)
        return -1;
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (!floe_type_is_numeric(t))
        return floe_error(
            FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
            "A value of illegal type was provided as 1st argument 'value' to function "
            "'%s'. Expected: Number, got: %s",
            name, t->name);
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static int readable_exec_m(readable kind, floe_column *out, floe_column *const *args, size_t rows)
{
    static const char *const bin[] = {" B",   " KiB", " MiB", " GiB", " TiB",
                                      " PiB", " EiB", " ZiB", " YiB"};
    static const char *const dec[] = {" B", " KB", " MB", " GB", " TB", " PB", " EB", " ZB", " YB"};
    static const char *const qty[] = {"",           " thousand",    " million",     " billion",
                                      " trillion",  " quadrillion", " quintillion", " sextillion",
                                      " septillion"};
    const floe_type *t = floe_type_base(args[0]->type);
    double *x = floe_malloc(rows * 8 + 1);
    floe_fn_load(x, FLOE_FN_F64, args[0], rows);
    if (floe_type_is_decimal(t)) {
        double m = (double)floe_fn_pow10_i128(t->scale);
        for (size_t i = 0; i < rows; i++)
            x[i] /= m;
    }
    double base = kind == RD_SIZE ? 1024 : 1000;
    const char *const *units = kind == RD_SIZE ? bin : kind == RD_DECIMAL_SIZE ? dec : qty;
    floe_fn_str_begin(out, rows, rows * 12);
    for (size_t i = 0; i < rows; i++) {
        double v = x[i];
        int u = 0;
        while ((v >= base || v <= -base) && u < 8) {
            v /= base;
            u++;
        }
        char buf[64];
        int len = snprintf(buf, sizeof buf, "%.2f%s", v, units[u]);
        floe_fn_str_push(out, buf, (size_t)len);
    }
    floe_free(x);
    return 0;
}

#define RD_FUNC(NAME, KIND)                                                                        \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        return readable_resolve_m(#NAME, ret, args);                                               \
    }                                                                                              \
    static int NAME##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,      \
                           const floe_func_ctx *ctx)                                               \
    {                                                                                              \
        return readable_exec_m(KIND, out, args, rows);                                             \
    }
RD_FUNC(formatReadableSize, RD_SIZE)
RD_FUNC(formatReadableDecimalSize, RD_DECIMAL_SIZE)
RD_FUNC(formatReadableQuantity, RD_QUANTITY)

#define DN FLOE_FUNC_DEFAULT_NULLS
#define CI FLOE_FUNC_CASE_INSENSITIVE

static const floe_scalar_func funcs[] = {
    {"left", DN | CI, left_resolve, left_exec},
    {"right", DN | CI, right_resolve, right_exec},
    {"leftUTF8", DN, leftUTF8_resolve, leftUTF8_exec},
    {"rightUTF8", DN, rightUTF8_resolve, rightUTF8_exec},
    {"concatWithSeparator", DN | CI, cws_resolve, cws_exec},
    {"concat_ws", DN | CI, cws_resolve, cws_exec},
    {"arrayStringConcat", DN, asc_resolve, asc_exec},
    {"base64Encode", DN | CI, base64Encode_resolve, b64enc_exec},
    {"TO_BASE64", DN | CI, base64Encode_resolve, b64enc_exec},
    {"base64Decode", DN | CI, base64Decode_resolve, b64dec_exec},
    {"FROM_BASE64", DN | CI, base64Decode_resolve, b64dec_exec},
    {"formatReadableSize", DN | CI, formatReadableSize_resolve, formatReadableSize_exec},
    {"FORMAT_BYTES", DN | CI, formatReadableSize_resolve, formatReadableSize_exec},
    {"formatReadableDecimalSize", DN, formatReadableDecimalSize_resolve,
     formatReadableDecimalSize_exec},
    {"formatReadableQuantity", DN, formatReadableQuantity_resolve, formatReadableQuantity_exec},
};

void floe_register_string_more(void)
{
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++)
        floe_func_register(&funcs[i]);
}
