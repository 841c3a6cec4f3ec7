/*
 * String functions: length, lengthUTF8, empty, notEmpty, concat, substring,
 * lower/upper (ASCII and UTF-8), reverse, repeat, trim*, LIKE and ILIKE,
 * position*, startsWith, endsWith, replaceAll, replaceOne, leftPad,
 * rightPad, hex and unhex. String and FixedString arguments are read
 * through one accessor; a LIKE pattern that is the same on every row is compiled once per call.
 */
#include <locale.h>
#include <pthread.h>
#include <wctype.h>

#include "base/buf.h"
#include "expr/functions_impl.h"
#include "types/cast.h"

/* ---- reading and writing strings ---- */

typedef struct sreader {
    const floe_column *c;
    uint32_t fixed; /* FixedString(n): n; String: 0 */
} sreader;

static sreader sr_make(const floe_column *c)
{
    const floe_type *t = floe_type_base(c->type);
    sreader r = {c, t->id == FLOE_TYPE_FIXEDSTRING ? t->n : 0};
    return r;
}

static inline const char *sr_get(const sreader *r, size_t i, size_t *len)
{
    if (r->fixed) {
        *len = r->fixed;
        return (const char *)r->c->data + i * r->fixed;
    }
    return floe_column_string_at(r->c, i, len);
}

/* Appends a value to a String or FixedString result. */
static inline void emit(floe_column *out, bool fixed, const char *p, size_t n)
{
    if (fixed)
        floe_column_push_string(out, p, n);
    else
        floe_fn_str_push(out, p, n);
}

static bool is_str(const floe_type *t)
{
    return floe_type_is_string(t);
}

static int need_string(const char *fname, const floe_func_args *args, size_t i)
{
    const floe_type *t = floe_fn_arg_base(args, i);
    if (is_str(t))
        return 0;
    return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                      "Illegal type %s of argument of function %s", t->name, fname);
}

static int need_string_n(const char *fname, const floe_func_args *args, size_t i)
{
    const floe_type *t = floe_fn_arg_base(args, i);
    if (is_str(t))
        return 0;
    return floe_fn_err_arg_type(fname, t, i + 1);
}

/* ---- length, lengthUTF8, empty, notEmpty ---- */

static int len_resolve_m(const char *name, const floe_type *rt, const floe_type **ret,
                         const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 1) < 0)
        return -1;
    /* arrays count elements through the same offsets (not lengthUTF8) */
    bool array_ok = floe_fn_arg_base(args, 0)->id == FLOE_TYPE_ARRAY && strcmp(name, "lengthUTF8");
    if (!array_ok && need_string(name, args, 0) < 0)
        return -1;
    *ret = rt;
    return 0;
}

static size_t utf8_len(const char *p, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((uint8_t)p[i] & 0xC0) != 0x80;
    return k;
}

static int length_resolve(const floe_type **ret, const floe_func_args *args,
                          const floe_func_ctx *ctx)
{
    return len_resolve_m("length", floe_type_get(FLOE_TYPE_UINT64), ret, args);
}
static int lengthUTF8_resolve(const floe_type **ret, const floe_func_args *args,
                              const floe_func_ctx *ctx)
{
    return len_resolve_m("lengthUTF8", floe_type_get(FLOE_TYPE_UINT64), ret, args);
}
static int empty_resolve(const floe_type **ret, const floe_func_args *args,
                         const floe_func_ctx *ctx)
{
    return len_resolve_m("empty", floe_type_get(FLOE_TYPE_UINT8), ret, args);
}
static int notEmpty_resolve(const floe_type **ret, const floe_func_args *args,
                            const floe_func_ctx *ctx)
{
    return len_resolve_m("notEmpty", floe_type_get(FLOE_TYPE_UINT8), ret, args);
}

static int length_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                       const floe_func_ctx *ctx)
{
    sreader r = sr_make(args[0]);
    uint64_t *o = floe_fn_out_fixed(out, rows);
    if (r.fixed) {
        for (size_t i = 0; i < rows; i++)
            o[i] = r.fixed;
        return 0;
    }
    const uint64_t *off = args[0]->offsets;
    for (size_t i = 0; i < rows; i++)
        o[i] = off[i] - (i ? off[i - 1] : 0);
    return 0;
}

static int lengthUTF8_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                           const floe_func_ctx *ctx)
{
    sreader r = sr_make(args[0]);
    uint64_t *o = floe_fn_out_fixed(out, rows);
    for (size_t i = 0; i < rows; i++) {
        size_t len;
        const char *p = sr_get(&r, i, &len);
        o[i] = utf8_len(p, len);
    }
    return 0;
}

static int empty_exec_m(bool want_empty, floe_column *out, floe_column *const *args, size_t rows)
{
    sreader r = sr_make(args[0]);
    uint8_t *o = floe_fn_out_fixed(out, rows);
    if (floe_type_base(args[0]->type)->id == FLOE_TYPE_ARRAY) {
        const uint64_t *off = args[0]->offsets;
        for (size_t i = 0; i < rows; i++)
            o[i] = (off[i] == (i ? off[i - 1] : 0)) == want_empty;
        return 0;
    }
    for (size_t i = 0; i < rows; i++) {
        size_t len;
        const char *p = sr_get(&r, i, &len);
        bool e = len == 0;
        if (r.fixed) { /* a FixedString is empty when all its bytes are zero */
            e = true;
            for (size_t k = 0; k < len && e; k++)
                e = p[k] == 0;
        }
        o[i] = e == want_empty;
    }
    return 0;
}

static int empty_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                      const floe_func_ctx *ctx)
{
    return empty_exec_m(true, out, args, rows);
}
static int notEmpty_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                         const floe_func_ctx *ctx)
{
    return empty_exec_m(false, out, args, rows);
}

/* ---- concat ---- */

static int concat_resolve(const floe_type **ret, const floe_func_args *args,
                          const floe_func_ctx *ctx)
{
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static int concat_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                       const floe_func_ctx *ctx)
{
    floe_column **conv = floe_calloc(n + 1, sizeof *conv);
    sreader *rd = floe_malloc((n + 1) * sizeof *rd);
    size_t bytes = 0;
    int rc = 0;
    for (size_t k = 0; k < n; k++) {
        const floe_column *c = args[k];
        if (!is_str(floe_type_base(c->type))) {
            if ((rc = floe_cast_column(&conv[k], c, floe_type_get(FLOE_TYPE_STRING),
                                       FLOE_CAST_THROW, ctx ? ctx->session_tz : NULL)) < 0)
                goto done;
            c = conv[k];
        }
        rd[k] = sr_make(c);
        bytes += rd[k].fixed ? rd[k].fixed * rows : c->data_len;
    }
    floe_fn_str_begin(out, rows, bytes);
    for (size_t i = 0; i < rows; i++) {
        for (size_t k = 0; k < n; k++) {
            size_t len;
            const char *p = sr_get(&rd[k], i, &len);
            floe_fn_str_add(out, p, len);
        }
        floe_fn_str_end(out);
    }
done:
    for (size_t k = 0; k < n; k++)
        floe_column_free(conv[k]);
    floe_free(conv);
    floe_free(rd);
    return rc;
}

/* ---- substring ---- */

static int substring_resolve(const floe_type **ret, const floe_func_args *args,
                             const floe_func_ctx *ctx)
{
    if (args->n < 2 || args->n > 3)
        return floe_fn_err_argc("substring", args->n, "2 or 3");
    if (need_string_n("substring", args, 0) < 0)
        return -1;
    for (size_t i = 1; i < args->n; i++)
        if (!floe_type_is_integer(floe_fn_arg_base(args, i)))
            return floe_fn_err_arg_type("substring", floe_fn_arg_base(args, i), i + 1);
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

/* The [from, to) slice of a len-unit value by ClickHouse's rules: offset
 * 1-based from the left, negative from the right, 0 empty; a negative
 * length stops that many units before the end. */
static void slice_bounds(int64_t *from, int64_t *to, int64_t len, int64_t off, bool has_len,
                         int64_t l)
{
    if (off == 0) {
        *from = *to = 0;
        return;
    }
    int64_t s = off > 0 ? off - 1 : len + off;
    int64_t e;
    if (!has_len)
        e = len;
    else if (l >= 0)
        e = s + l;
    else
        e = len + l;
    if (s < 0)
        s = 0;
    if (e > len)
        e = len;
    if (s > len)
        s = len;
    if (e < s)
        e = s;
    *from = s;
    *to = e;
}

/* Byte offset of the k-th UTF-8 character (k <= number of chars). */
static size_t utf8_offset(const char *p, size_t n, int64_t k)
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

static int substring_exec_m(bool utf8, floe_column *out, floe_column *const *args, size_t n,
                            size_t rows)
{
    sreader r = sr_make(args[0]);
    int64_t *off = floe_malloc(rows * 8 + 1), *len = NULL;
    floe_fn_load(off, FLOE_FN_I64, args[1], rows);
    if (n == 3) {
        len = floe_malloc(rows * 8 + 1);
        floe_fn_load(len, FLOE_FN_I64, args[2], rows);
    }
    floe_fn_str_begin(out, rows, r.fixed ? r.fixed * rows : args[0]->data_len);
    for (size_t i = 0; i < rows; i++) {
        size_t sl;
        const char *p = sr_get(&r, i, &sl);
        int64_t units = utf8 ? (int64_t)utf8_len(p, sl) : (int64_t)sl;
        int64_t a, b;
        slice_bounds(&a, &b, units, off[i], len != NULL, len ? len[i] : 0);
        if (utf8) {
            size_t ba = utf8_offset(p, sl, a), bb = utf8_offset(p, sl, b);
            floe_fn_str_push(out, p + ba, bb - ba);
        } else {
            floe_fn_str_push(out, p + a, (size_t)(b - a));
        }
    }
    floe_free(off);
    floe_free(len);
    return 0;
}

static int substring_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                          const floe_func_ctx *ctx)
{
    return substring_exec_m(false, out, args, n, rows);
}
static int substringUTF8_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                              const floe_func_ctx *ctx)
{
    return substring_exec_m(true, out, args, n, rows);
}

/* ---- lower, upper, reverse (String in, same type out) ---- */

static int same_string_resolve(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 1) < 0 || need_string(name, args, 0) < 0)
        return -1;
    *ret = floe_fn_arg_base(args, 0);
    return 0;
}

typedef enum case_op { C_LOWER, C_UPPER } case_op;

static int ascii_case_exec(case_op op, floe_column *out, floe_column *const *args, size_t rows)
{
    sreader r = sr_make(args[0]);
    if (r.fixed) {
        uint8_t *o = floe_fn_out_fixed(out, rows);
        memcpy(o, args[0]->data, rows * r.fixed);
    } else {
        floe_column_append_range(out, args[0], 0, rows);
    }
    uint8_t *p = out->data;
    size_t n = r.fixed ? rows * r.fixed : out->data_len;
    if (op == C_LOWER)
        for (size_t i = 0; i < n; i++)
            p[i] = (uint8_t)(p[i] - 'A' < 26u ? p[i] + 32 : p[i]);
    else
        for (size_t i = 0; i < n; i++)
            p[i] = (uint8_t)(p[i] - 'a' < 26u ? p[i] - 32 : p[i]);
    return 0;
}

static locale_t utf8_loc;

static void utf8_locale_init(void)
{
    utf8_loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

/* A UTF-8 ctype locale for towlower_l/towupper_l (the process locale is
 * left alone); NULL when the system has none (then only ASCII changes). */
static locale_t utf8_locale(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, utf8_locale_init);
    return utf8_loc;
}

/* Decodes one UTF-8 sequence at p (n bytes left); *len gets its length
 * (1 for an invalid byte, which is kept as is). */
static uint32_t utf8_decode(const uint8_t *p, size_t n, size_t *len)
{
    uint8_t c = p[0];
    if (c < 0x80) {
        *len = 1;
        return c;
    }
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (!need || need > n) {
        *len = 1;
        return 0xFFFFFFFF;
    }
    uint32_t v = c & (0x3F >> (need - 1));
    for (size_t i = 1; i < need; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *len = 1;
            return 0xFFFFFFFF;
        }
        v = v << 6 | (p[i] & 0x3F);
    }
    *len = need;
    return v;
}

static size_t utf8_encode(uint8_t *o, uint32_t v)
{
    if (v < 0x80) {
        o[0] = (uint8_t)v;
        return 1;
    }
    if (v < 0x800) {
        o[0] = (uint8_t)(0xC0 | v >> 6);
        o[1] = (uint8_t)(0x80 | (v & 0x3F));
        return 2;
    }
    if (v < 0x10000) {
        o[0] = (uint8_t)(0xE0 | v >> 12);
        o[1] = (uint8_t)(0x80 | ((v >> 6) & 0x3F));
        o[2] = (uint8_t)(0x80 | (v & 0x3F));
        return 3;
    }
    o[0] = (uint8_t)(0xF0 | v >> 18);
    o[1] = (uint8_t)(0x80 | ((v >> 12) & 0x3F));
    o[2] = (uint8_t)(0x80 | ((v >> 6) & 0x3F));
    o[3] = (uint8_t)(0x80 | (v & 0x3F));
    return 4;
}

/* Unicode's unconditional special casings that change the length (ICU,
 * which ClickHouse uses, applies them): the replacement, else NULL. */
static const char *special_case(uint32_t ch, case_op op)
{
    if (op == C_UPPER) {
        switch (ch) {
        case 0xDF:
            return "SS";
        case 0xFB00:
            return "FF";
        case 0xFB01:
            return "FI";
        case 0xFB02:
            return "FL";
        case 0xFB03:
            return "FFI";
        case 0xFB04:
            return "FFL";
        case 0xFB05:
        case 0xFB06:
            return "ST";
        case 0x149:
            return "\xCA\xBCN";
        }
    } else if (ch == 0x130) {
        return "i\xCC\x87";
    }
    return NULL;
}

static int utf8_case_exec(case_op op, floe_column *out, floe_column *const *args, size_t rows)
{
    sreader r = sr_make(args[0]);
    locale_t loc = utf8_locale();
    uint8_t *buf = NULL;
    size_t cap = 0;
    bool fixed = r.fixed != 0;
    if (!fixed)
        floe_fn_str_begin(out, rows, args[0]->data_len);
    for (size_t i = 0; i < rows; i++) {
        size_t len;
        const uint8_t *p = (const uint8_t *)sr_get(&r, i, &len);
        FLOE_GROW(buf, cap, len * 2 + 8);
        size_t o = 0;
        for (size_t k = 0; k < len;) {
            size_t cl;
            uint32_t ch = utf8_decode(p + k, len - k, &cl);
            if (ch == 0xFFFFFFFF || ch < 0x80 || !loc) {
                for (size_t j = 0; j < cl; j++) {
                    uint8_t b = p[k + j];
                    if (op == C_LOWER)
                        b = (uint8_t)(b - 'A' < 26u ? b + 32 : b);
                    else
                        b = (uint8_t)(b - 'a' < 26u ? b - 32 : b);
                    buf[o++] = b;
                }
            } else {
                const char *special = special_case(ch, op);
                if (special) {
                    size_t sl = strlen(special);
                    FLOE_GROW(buf, cap, o + sl + (len - k) * 2 + 8);
                    memcpy(buf + o, special, sl);
                    o += sl;
                } else {
                    uint32_t m = (uint32_t)(op == C_LOWER ? towlower_l((wint_t)ch, loc)
                                                          : towupper_l((wint_t)ch, loc));
                    FLOE_GROW(buf, cap, o + 4 + (len - k) * 2 + 8);
                    o += utf8_encode(buf + o, m);
                }
            }
            k += cl;
        }
        emit(out, fixed, (const char *)buf, o);
    }
    floe_free(buf);
    return 0;
}

static int reverse_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                        const floe_func_ctx *ctx)
{
    sreader r = sr_make(args[0]);
    bool fixed = r.fixed != 0;
    if (!fixed)
        floe_fn_str_begin(out, rows, args[0]->data_len);
    char *buf = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < rows; i++) {
        size_t len;
        const char *p = sr_get(&r, i, &len);
        FLOE_GROW(buf, cap, len + 1);
        for (size_t k = 0; k < len; k++)
            buf[k] = p[len - 1 - k];
        emit(out, fixed, buf, len);
    }
    floe_free(buf);
    return 0;
}

/* reverseUTF8: the code points in reverse order (a byte that starts no
 * valid sequence counts as one, as in ClickHouse). */
static int reverseUTF8_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                            const floe_func_ctx *ctx)
{
    sreader r = sr_make(args[0]);
    bool fixed = r.fixed != 0;
    if (!fixed)
        floe_fn_str_begin(out, rows, args[0]->data_len);
    char *buf = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < rows; i++) {
        size_t len;
        const char *p = sr_get(&r, i, &len);
        FLOE_GROW(buf, cap, len + 1);
        size_t k = 0;
        while (k < len) {
            unsigned char c = (unsigned char)p[k];
            size_t l = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (k + l > len)
                l = len - k;
            memcpy(buf + (len - k - l), p + k, l);
            k += l;
        }
        emit(out, fixed, buf, len);
    }
    floe_free(buf);
    return 0;
}

#define STR1_RESOLVE(NAME)                                                                         \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        return same_string_resolve(#NAME, ret, args);                                              \
    }
STR1_RESOLVE(lower)
STR1_RESOLVE(upper)
STR1_RESOLVE(lowerUTF8)
STR1_RESOLVE(upperUTF8)
STR1_RESOLVE(reverse)

static int lower_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                      const floe_func_ctx *ctx)
{
    return ascii_case_exec(C_LOWER, out, args, rows);
}
static int upper_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                      const floe_func_ctx *ctx)
{
    return ascii_case_exec(C_UPPER, out, args, rows);
}
static int lowerUTF8_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                          const floe_func_ctx *ctx)
{
    return utf8_case_exec(C_LOWER, out, args, rows);
}
static int upperUTF8_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                          const floe_func_ctx *ctx)
{
    return utf8_case_exec(C_UPPER, out, args, rows);
}

/* ---- repeat ---- */

static int repeat_resolve(const floe_type **ret, const floe_func_args *args,
                          const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("repeat", args, 2) < 0 || need_string_n("repeat", args, 0) < 0)
        return -1;
    if (!floe_type_is_integer(floe_fn_arg_base(args, 1)))
        return floe_fn_err_arg_type("repeat", floe_fn_arg_base(args, 1), 2);
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static int repeat_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                       const floe_func_ctx *ctx)
{
    sreader r = sr_make(args[0]);
    int64_t *k = floe_malloc(rows * 8 + 1);
    floe_fn_load(k, FLOE_FN_I64, args[1], rows);
    floe_fn_str_begin(out, rows, 0);
    int rc = 0;
    for (size_t i = 0; i < rows; i++) {
        size_t len;
        const char *p = sr_get(&r, i, &len);
        if (k[i] > 1000000) {
            rc =
                floe_error(FLOE_ERR_TOO_LARGE_STRING_SIZE,
                           "Too many times to repeat (%lld), maximum is: 1000000", (long long)k[i]);
            break;
        }
        for (int64_t j = 0; j < k[i]; j++)
            floe_fn_str_add(out, p, len);
        floe_fn_str_end(out);
    }
    floe_free(k);
    return rc;
}

/* ---- trim ---- */

typedef enum trim_side { T_BOTH, T_LEFT, T_RIGHT } trim_side;

/* Trims spaces, or with a second (constant) argument the bytes it holds. */
static int trim_exec_m(trim_side side, floe_column *out, floe_column *const *args, size_t n,
                       size_t rows)
{
    bool set[256] = {false};
    if (n > 1 && rows) {
        sreader cr = sr_make(args[1]);
        size_t cl;
        const char *cp = sr_get(&cr, 0, &cl);
        for (size_t k = 0; k < cl; k++)
            set[(unsigned char)cp[k]] = true;
    } else {
        set[' '] = true;
    }
    sreader r = sr_make(args[0]);
    floe_fn_str_begin(out, rows, r.fixed ? r.fixed * rows : args[0]->data_len);
    for (size_t i = 0; i < rows; i++) {
        size_t len;
        const char *p = sr_get(&r, i, &len);
        size_t a = 0, b = len;
        if (side != T_RIGHT)
            while (a < b && set[(unsigned char)p[a]])
                a++;
        if (side != T_LEFT)
            while (b > a && set[(unsigned char)p[b - 1]])
                b--;
        floe_fn_str_push(out, p + a, b - a);
    }
    return 0;
}

#define TRIM_FUNC(NAME, SIDE)                                                                      \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        if (floe_fn_check_argc_range(#NAME, args, 1, 2, "1 or 2") < 0 ||                          \
            need_string(#NAME, args, 0) < 0 || (args->n == 2 && need_string(#NAME, args, 1) < 0))  \
            return -1;                                                                             \
        if (args->n == 2 && (!args->consts || !args->consts[1]))                                   \
            return floe_error(FLOE_ERR_ILLEGAL_COLUMN,                                             \
                              "The characters to trim for function %s must be constant", #NAME);   \
        *ret = floe_type_get(FLOE_TYPE_STRING);                                                    \
        return 0;                                                                                  \
    }                                                                                              \
    static int NAME##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,      \
                           const floe_func_ctx *ctx)                                               \
    {                                                                                              \
        return trim_exec_m(SIDE, out, args, n, rows);                                              \
    }
TRIM_FUNC(trimBoth, T_BOTH)
TRIM_FUNC(trimLeft, T_LEFT)
TRIM_FUNC(trimRight, T_RIGHT)

/* ---- LIKE ---- */

/* A compiled pattern: a sequence of tokens. */
typedef enum tok_kind { TK_LIT, TK_ONE, TK_ANY } tok_kind;
typedef struct like_tok {
    tok_kind kind;
    size_t off, len; /* TK_LIT: bytes in lit */
} like_tok;
typedef struct like_pat {
    like_tok *toks;
    size_t n;
    char *lit;
    /* fast shapes */
    bool only_lit; /* no wildcards: equality */
    bool contains; /* %lit% */
    bool prefix;   /* lit% */
    bool suffix;   /* %lit */
    size_t lit_len;
} like_pat;

static void to_lower_ascii(char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (char)((uint8_t)p[i] - 'A' < 26u ? p[i] + 32 : p[i]);
}

static void like_compile(like_pat *lp, const char *p, size_t n, bool ci)
{
    memset(lp, 0, sizeof *lp);
    lp->toks = floe_malloc((n + 1) * sizeof *lp->toks);
    lp->lit = floe_malloc(n + 1);
    size_t lit = 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '%' || c == '_') {
            if (c == '%' && lp->n && lp->toks[lp->n - 1].kind == TK_ANY)
                continue;
            lp->toks[lp->n++] = (like_tok){c == '%' ? TK_ANY : TK_ONE, 0, 0};
            continue;
        }
        if (c == '\\' && i + 1 < n)
            c = p[++i];
        if (!lp->n || lp->toks[lp->n - 1].kind != TK_LIT)
            lp->toks[lp->n++] = (like_tok){TK_LIT, lit, 0};
        lp->lit[lit++] = c;
        lp->toks[lp->n - 1].len++;
    }
    if (ci)
        to_lower_ascii(lp->lit, lit);
    bool has_one = false;
    size_t nlit = 0;
    for (size_t i = 0; i < lp->n; i++) {
        has_one |= lp->toks[i].kind == TK_ONE;
        nlit += lp->toks[i].kind == TK_LIT;
    }
    lp->lit_len = lit;
    if (!has_one && nlit <= 1) {
        bool first_any = lp->n && lp->toks[0].kind == TK_ANY;
        bool last_any = lp->n && lp->toks[lp->n - 1].kind == TK_ANY;
        size_t core = lp->n - first_any - (last_any && lp->n > 1 ? 1 : 0);
        if (lp->n == 0 || (nlit == 1 && lp->n == 1))
            lp->only_lit = true;
        else if (core <= 1) {
            if (first_any && last_any)
                lp->contains = true;
            else if (first_any)
                lp->suffix = true;
            else if (last_any)
                lp->prefix = true;
        }
    }
}

static void like_free(like_pat *lp)
{
    floe_free(lp->toks);
    floe_free(lp->lit);
}

/* Length of the UTF-8 character at s[i] (1 for a stray byte). */
static inline size_t char_len(const uint8_t *s, size_t i, size_t n)
{
    uint8_t c = s[i];
    size_t l = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return i + l <= n ? l : 1;
}

/* Token matching with backtracking to the last %. s is already lowered for
 * ILIKE. */
static bool like_match_toks(const like_pat *lp, const uint8_t *s, size_t n)
{
    size_t ti = 0, si = 0, star_t = (size_t)-1, star_s = 0;
    while (true) {
        if (ti < lp->n) {
            const like_tok *t = &lp->toks[ti];
            if (t->kind == TK_ANY) {
                star_t = ti++;
                star_s = si;
                continue;
            }
            if (t->kind == TK_ONE && si < n) {
                si += char_len(s, si, n);
                ti++;
                continue;
            }
            if (t->kind == TK_LIT && si + t->len <= n &&
                memcmp(s + si, lp->lit + t->off, t->len) == 0) {
                si += t->len;
                ti++;
                continue;
            }
        } else if (si == n) {
            return true;
        }
        if (star_t == (size_t)-1 || star_s >= n)
            return false;
        star_s += char_len(s, star_s, n);
        si = star_s;
        ti = star_t + 1;
    }
}

static bool like_match(const like_pat *lp, const char *p, size_t n)
{
    const uint8_t *s = (const uint8_t *)p;
    if (lp->only_lit)
        return n == lp->lit_len && (n == 0 || memcmp(s, lp->lit, n) == 0);
    if (lp->contains)
        return lp->lit_len == 0 || memmem(s, n, lp->lit, lp->lit_len) != NULL;
    if (lp->prefix)
        return n >= lp->lit_len && memcmp(s, lp->lit, lp->lit_len) == 0;
    if (lp->suffix)
        return n >= lp->lit_len && memcmp(s + n - lp->lit_len, lp->lit, lp->lit_len) == 0;
    return like_match_toks(lp, s, n);
}

static int like_resolve_m(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 2) < 0)
        return -1;
    for (size_t i = 0; i < 2; i++)
        if (need_string(name, args, i) < 0)
            return -1;
    *ret = floe_type_get(FLOE_TYPE_UINT8);
    return 0;
}

/* True when every row of c holds the same bytes. */
static bool same_on_all_rows(const sreader *r, size_t rows)
{
    size_t l0;
    const char *p0 = sr_get(r, 0, &l0);
    for (size_t i = 1; i < rows; i++) {
        size_t l;
        const char *p = sr_get(r, i, &l);
        if (l != l0 || (l && p != p0 && memcmp(p, p0, l) != 0))
            return false;
    }
    return true;
}

static int like_exec_m(bool negate, bool ci, floe_column *out, floe_column *const *args,
                       size_t rows)
{
    sreader hs = sr_make(args[0]), ps = sr_make(args[1]);
    uint8_t *o = floe_fn_out_fixed(out, rows);
    if (rows == 0)
        return 0;
    char *low = NULL;
    size_t low_cap = 0;
    bool constant = same_on_all_rows(&ps, rows);
    like_pat lp;
    if (constant) {
        size_t pl;
        const char *pp = sr_get(&ps, 0, &pl);
        like_compile(&lp, pp, pl, ci);
    }
    for (size_t i = 0; i < rows; i++) {
        size_t hl;
        const char *h = sr_get(&hs, i, &hl);
        if (!constant) {
            size_t pl;
            const char *pp = sr_get(&ps, i, &pl);
            like_compile(&lp, pp, pl, ci);
        }
        if (ci) {
            FLOE_GROW(low, low_cap, hl + 1);
            memcpy(low, h, hl);
            to_lower_ascii(low, hl);
            h = low;
        }
        o[i] = (uint8_t)(like_match(&lp, h, hl) != negate);
        if (!constant)
            like_free(&lp);
    }
    if (constant)
        like_free(&lp);
    floe_free(low);
    return 0;
}

#define LIKE_FUNC(NAME, NEG, CI)                                                                   \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        return like_resolve_m(#NAME, ret, args);                                                   \
    }                                                                                              \
    static int NAME##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,      \
                           const floe_func_ctx *ctx)                                               \
    {                                                                                              \
        return like_exec_m(NEG, CI, out, args, rows);                                              \
    }
LIKE_FUNC(like, false, false)
LIKE_FUNC(notLike, true, false)
LIKE_FUNC(ilike, false, true)
LIKE_FUNC(notILike, true, true)

/* ---- position, startsWith, endsWith ---- */

typedef enum pos_mode { P_BYTES, P_CI, P_UTF8 } pos_mode;

static int position_resolve_m(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (args->n < 2 || args->n > 3)
        return floe_fn_err_argc(name, args->n, "2 or 3");
    for (size_t i = 0; i < 2; i++)
        if (!is_str(floe_fn_arg_base(args, i)))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type %s of argument of function %s",
                              floe_fn_arg_base(args, i)->name, name);
    if (args->n == 3 && !floe_type_is_integer(floe_fn_arg_base(args, 2)))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument of function %s",
                          floe_fn_arg_base(args, 2)->name, name);
    *ret = floe_type_get(FLOE_TYPE_UINT64);
    return 0;
}

static int position_exec_m(pos_mode mode, floe_column *out, floe_column *const *args, size_t n,
                           size_t rows)
{
    sreader hs = sr_make(args[0]), ns = sr_make(args[1]);
    uint64_t *o = floe_fn_out_fixed(out, rows);
    int64_t *start = NULL;
    if (n == 3) {
        start = floe_malloc(rows * 8 + 1);
        floe_fn_load(start, FLOE_FN_I64, args[2], rows);
    }
    char *hb = NULL, *nb = NULL;
    size_t hc = 0, nc = 0;
    for (size_t i = 0; i < rows; i++) {
        size_t hl, nl;
        const char *h = sr_get(&hs, i, &hl), *nd = sr_get(&ns, i, &nl);
        if (mode == P_CI) {
            FLOE_GROW(hb, hc, hl + 1);
            FLOE_GROW(nb, nc, nl + 1);
            memcpy(hb, h, hl);
            memcpy(nb, nd, nl);
            to_lower_ascii(hb, hl);
            to_lower_ascii(nb, nl);
            h = hb;
            nd = nb;
        }
        /* start_pos in characters (bytes except for UTF8), 1-based */
        size_t from = 0;
        if (start) {
            int64_t s = start[i];
            if (s < 1) {
                o[i] = 0;
                if (s == 0 && nl == 0)
                    o[i] = 0;
                continue;
            }
            from = mode == P_UTF8 ? utf8_offset(h, hl, s - 1) : (size_t)(s - 1);
            if (from > hl) {
                o[i] = 0;
                continue;
            }
        }
        const char *f = nl == 0 ? h + from : memmem(h + from, hl - from, nd, nl);
        if (!f)
            o[i] = 0;
        else if (mode == P_UTF8)
            o[i] = utf8_len(h, (size_t)(f - h)) + 1;
        else
            o[i] = (uint64_t)(f - h) + 1;
    }
    floe_free(hb);
    floe_free(nb);
    floe_free(start);
    return 0;
}

#define POS_FUNC(NAME, MODE)                                                                       \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        return position_resolve_m(#NAME, ret, args);                                               \
    }                                                                                              \
    static int NAME##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,      \
                           const floe_func_ctx *ctx)                                               \
    {                                                                                              \
        return position_exec_m(MODE, out, args, n, rows);                                          \
    }
POS_FUNC(position, P_BYTES)
POS_FUNC(positionCaseInsensitive, P_CI)
POS_FUNC(positionUTF8, P_UTF8)

/* locate(needle, haystack[, start]): position with the first two swapped
 * (ClickHouse's order since 24.3). */
static int locate_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                       const floe_func_ctx *ctx)
{
    floe_column *swapped[3] = {args[1], args[0], n == 3 ? args[2] : NULL};
    return position_exec_m(P_BYTES, out, swapped, n, rows);
}

static int affix_resolve(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 2) < 0)
        return -1;
    for (size_t i = 0; i < 2; i++)
        if (!is_str(floe_fn_arg_base(args, i)))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type %s of argument of function %s",
                              floe_fn_arg_base(args, i)->name, name);
    *ret = floe_type_get(FLOE_TYPE_UINT8);
    return 0;
}

static int affix_exec(bool ends, floe_column *out, floe_column *const *args, size_t rows)
{
    sreader hs = sr_make(args[0]), ps = sr_make(args[1]);
    uint8_t *o = floe_fn_out_fixed(out, rows);
    for (size_t i = 0; i < rows; i++) {
        size_t hl, pl;
        const char *h = sr_get(&hs, i, &hl), *p = sr_get(&ps, i, &pl);
        o[i] = pl <= hl && (pl == 0 || memcmp(ends ? h + hl - pl : h, p, pl) == 0);
    }
    return 0;
}

static int startsWith_resolve(const floe_type **ret, const floe_func_args *args,
                              const floe_func_ctx *ctx)
{
    return affix_resolve("startsWith", ret, args);
}
static int startsWith_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                           const floe_func_ctx *ctx)
{
    return affix_exec(false, out, args, rows);
}
static int endsWith_resolve(const floe_type **ret, const floe_func_args *args,
                            const floe_func_ctx *ctx)
{
    return affix_resolve("endsWith", ret, args);
}
static int endsWith_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                         const floe_func_ctx *ctx)
{
    return affix_exec(true, out, args, rows);
}

/* ---- replaceAll, replaceOne ---- */

static int replace_resolve_m(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 3) < 0)
        return -1;
    for (size_t i = 0; i < 3; i++)
        if (!is_str(floe_fn_arg_base(args, i)))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type %s of argument of function %s",
                              floe_fn_arg_base(args, i)->name, name);
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static int replace_exec_m(bool all, floe_column *out, floe_column *const *args, size_t rows)
{
    sreader hs = sr_make(args[0]), ns = sr_make(args[1]), rs = sr_make(args[2]);
    floe_fn_str_begin(out, rows, hs.fixed ? hs.fixed * rows : args[0]->data_len);
    for (size_t i = 0; i < rows; i++) {
        size_t hl, nl, rl;
        const char *h = sr_get(&hs, i, &hl), *nd = sr_get(&ns, i, &nl), *rp = sr_get(&rs, i, &rl);
        if (nl == 0) {
            floe_fn_str_push(out, h, hl);
            continue;
        }
        size_t pos = 0;
        while (pos <= hl) {
            const char *f = memmem(h + pos, hl - pos, nd, nl);
            if (!f)
                break;
            floe_fn_str_add(out, h + pos, (size_t)(f - (h + pos)));
            floe_fn_str_add(out, rp, rl);
            pos = (size_t)(f - h) + nl;
            if (!all)
                break;
        }
        floe_fn_str_add(out, h + pos, hl - pos);
        floe_fn_str_end(out);
    }
    return 0;
}

static int replaceAll_resolve(const floe_type **ret, const floe_func_args *args,
                              const floe_func_ctx *ctx)
{
    return replace_resolve_m("replaceAll", ret, args);
}
static int replaceAll_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                           const floe_func_ctx *ctx)
{
    return replace_exec_m(true, out, args, rows);
}
static int replaceOne_resolve(const floe_type **ret, const floe_func_args *args,
                              const floe_func_ctx *ctx)
{
    return replace_resolve_m("replaceOne", ret, args);
}
static int replaceOne_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                           const floe_func_ctx *ctx)
{
    return replace_exec_m(false, out, args, rows);
}

/* ---- leftPad, rightPad ---- */

static int pad_resolve_m(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (args->n < 2 || args->n > 3)
        return floe_fn_err_arg_count(name, 2, 1, args->n);
    if (!is_str(floe_fn_arg_base(args, 0)))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type of argument of function %s", name);
    if (!floe_type_is_integer(floe_fn_arg_base(args, 1)))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type of argument of function %s", name);
    if (args->n == 3 && !is_str(floe_fn_arg_base(args, 2)))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type of argument of function %s", name);
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static int pad_exec_m(bool left, floe_column *out, floe_column *const *args, size_t n, size_t rows)
{
    sreader s = sr_make(args[0]);
    sreader ps = n == 3 ? sr_make(args[2]) : s;
    int64_t *len = floe_malloc(rows * 8 + 1);
    floe_fn_load(len, FLOE_FN_I64, args[1], rows);
    floe_fn_str_begin(out, rows, 0);
    for (size_t i = 0; i < rows; i++) {
        size_t sl, pl = 1;
        const char *p = sr_get(&s, i, &sl), *pad = " ";
        if (n == 3)
            pad = sr_get(&ps, i, &pl);
        size_t want = len[i] < 0 ? 0 : (size_t)len[i];
        if (sl >= want) {
            floe_fn_str_push(out, p, want);
            continue;
        }
        size_t fill = want - sl;
        if (!left)
            floe_fn_str_add(out, p, sl);
        if (pl)
            for (size_t k = 0; k < fill; k++)
                floe_fn_str_add(out, pad + k % pl, 1);
        if (left)
            floe_fn_str_add(out, p, sl);
        floe_fn_str_end(out);
    }
    floe_free(len);
    return 0;
}

static int leftPad_resolve(const floe_type **ret, const floe_func_args *args,
                           const floe_func_ctx *ctx)
{
    return pad_resolve_m("leftPad", ret, args);
}
static int leftPad_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                        const floe_func_ctx *ctx)
{
    return pad_exec_m(true, out, args, n, rows);
}
static int rightPad_resolve(const floe_type **ret, const floe_func_args *args,
                            const floe_func_ctx *ctx)
{
    return pad_resolve_m("rightPad", ret, args);
}
static int rightPad_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                         const floe_func_ctx *ctx)
{
    return pad_exec_m(false, out, args, n, rows);
}

/* ---- hex, unhex ---- */

static int hex_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("hex", args, 1) < 0)
        return -1;
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (!is_str(t) && !floe_type_is_numeric(t) && !floe_type_is_date_or_time(t) &&
        t->id != FLOE_TYPE_UUID)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument of function hex", t->name);
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static const char hex_digits[] = "0123456789ABCDEF";

static void hex_bytes(floe_column *out, const uint8_t *p, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        char two[2] = {hex_digits[p[k] >> 4], hex_digits[p[k] & 15]};
        floe_fn_str_add(out, two, 2);
    }
}

/* Integers (and Date, DateTime, Enum) print big-endian without leading
 * zero bytes; floats, Decimals and UUIDs print their bytes in memory order;
 * strings their bytes. */
static int hex_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                    const floe_func_ctx *ctx)
{
    const floe_type *t = floe_type_base(args[0]->type);
    sreader r = sr_make(args[0]);
    bool as_int = floe_type_is_integer(t) || t->id == FLOE_TYPE_BOOL || t->id == FLOE_TYPE_DATE ||
                  t->id == FLOE_TYPE_DATE32 || t->id == FLOE_TYPE_DATETIME ||
                  t->id == FLOE_TYPE_ENUM8 || t->id == FLOE_TYPE_ENUM16;
    floe_fn_str_begin(out, rows, rows * 4);
    for (size_t i = 0; i < rows; i++) {
        if (t->id == FLOE_TYPE_STRING || t->id == FLOE_TYPE_FIXEDSTRING) {
            size_t len;
            const uint8_t *p = (const uint8_t *)sr_get(&r, i, &len);
            hex_bytes(out, p, len);
        } else if (as_int) {
            uint64_t v = 0;
            memcpy(&v, args[0]->data + i * t->width, t->width);
            uint8_t be[8];
            int k = 0;
            for (int b = (int)t->width - 1; b >= 0; b--) {
                uint8_t byte = (uint8_t)(v >> (8 * b));
                if (k == 0 && byte == 0 && b > 0)
                    continue;
                be[k++] = byte;
            }
            hex_bytes(out, be, (size_t)k);
        } else if (t->id == FLOE_TYPE_UUID) {
            /* text order: each stored half big-endian, high half first */
            uint64_t h[2];
            uint8_t be[16];
            memcpy(h, args[0]->data + i * 16, 16);
            for (int k = 0; k < 16; k++)
                be[k] = (uint8_t)(h[k / 8] >> (8 * (7 - k % 8)));
            hex_bytes(out, be, 16);
        } else {
            hex_bytes(out, args[0]->data + i * t->width, t->width);
        }
        floe_fn_str_end(out);
    }
    return 0;
}

static int unhex_resolve(const floe_type **ret, const floe_func_args *args,
                         const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("unhex", args, 1) < 0 || need_string("unhex", args, 0) < 0)
        return -1;
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static uint8_t unhex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return (uint8_t)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (uint8_t)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (uint8_t)(c - 'A' + 10);
    return 0;
}

/* An odd number of digits: the first digit alone makes the first byte. */
static int unhex_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                      const floe_func_ctx *ctx)
{
    sreader r = sr_make(args[0]);
    floe_fn_str_begin(out, rows, 0);
    for (size_t i = 0; i < rows; i++) {
        size_t len;
        const char *p = sr_get(&r, i, &len);
        size_t k = 0;
        if (len % 2) {
            uint8_t b = unhex_digit(p[0]);
            floe_fn_str_add(out, &b, 1);
            k = 1;
        }
        for (; k + 1 < len + 1 && k < len; k += 2) {
            uint8_t b = (uint8_t)(unhex_digit(p[k]) << 4 | unhex_digit(p[k + 1]));
            floe_fn_str_add(out, &b, 1);
        }
        floe_fn_str_end(out);
    }
    return 0;
}

#define CI FLOE_FUNC_CASE_INSENSITIVE
#define DN FLOE_FUNC_DEFAULT_NULLS

static const floe_scalar_func funcs[] = {
    {"length", DN | CI, length_resolve, length_exec},
    {"octet_length", DN | CI, length_resolve, length_exec},
    {"lengthUTF8", DN, lengthUTF8_resolve, lengthUTF8_exec},
    {"char_length", DN | CI, lengthUTF8_resolve, lengthUTF8_exec},
    {"character_length", DN | CI, lengthUTF8_resolve, lengthUTF8_exec},
    {"empty", DN, empty_resolve, empty_exec},
    {"notEmpty", DN, notEmpty_resolve, notEmpty_exec},
    {"concat", DN | CI, concat_resolve, concat_exec},
    {"substring", DN | CI, substring_resolve, substring_exec},
    {"substr", DN | CI, substring_resolve, substring_exec},
    {"mid", DN | CI, substring_resolve, substring_exec},
    {"substringUTF8", DN, substring_resolve, substringUTF8_exec},
    {"lower", DN | CI, lower_resolve, lower_exec},
    {"lcase", DN | CI, lower_resolve, lower_exec},
    {"upper", DN | CI, upper_resolve, upper_exec},
    {"ucase", DN | CI, upper_resolve, upper_exec},
    {"lowerUTF8", DN, lowerUTF8_resolve, lowerUTF8_exec},
    {"upperUTF8", DN, upperUTF8_resolve, upperUTF8_exec},
    {"reverse", DN | CI, reverse_resolve, reverse_exec},
    {"reverseUTF8", DN, reverse_resolve, reverseUTF8_exec},
    {"repeat", DN | CI, repeat_resolve, repeat_exec},
    {"trimBoth", DN, trimBoth_resolve, trimBoth_exec},
    {"trim", DN | CI, trimBoth_resolve, trimBoth_exec},
    {"trimLeft", DN, trimLeft_resolve, trimLeft_exec},
    {"ltrim", DN | CI, trimLeft_resolve, trimLeft_exec},
    {"trimRight", DN, trimRight_resolve, trimRight_exec},
    {"rtrim", DN | CI, trimRight_resolve, trimRight_exec},
    {"like", DN, like_resolve, like_exec},
    {"notLike", DN, notLike_resolve, notLike_exec},
    {"ilike", DN, ilike_resolve, ilike_exec},
    {"notILike", DN, notILike_resolve, notILike_exec},
    {"position", DN | CI, position_resolve, position_exec},
    {"locate", DN | CI, position_resolve, locate_exec},
    {"positionCaseInsensitive", DN, positionCaseInsensitive_resolve, positionCaseInsensitive_exec},
    {"positionUTF8", DN, positionUTF8_resolve, positionUTF8_exec},
    {"startsWith", DN, startsWith_resolve, startsWith_exec},
    {"endsWith", DN, endsWith_resolve, endsWith_exec},
    {"replaceAll", DN, replaceAll_resolve, replaceAll_exec},
    {"replace", DN | CI, replaceAll_resolve, replaceAll_exec},
    {"replaceOne", DN, replaceOne_resolve, replaceOne_exec},
    {"leftPad", DN, leftPad_resolve, leftPad_exec},
    {"lpad", DN | CI, leftPad_resolve, leftPad_exec},
    {"rightPad", DN, rightPad_resolve, rightPad_exec},
    {"rpad", DN | CI, rightPad_resolve, rightPad_exec},
    {"hex", DN | CI, hex_resolve, hex_exec},
    {"unhex", DN | CI, unhex_resolve, unhex_exec},
};

void floe_register_string(void)
{
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++)
        floe_func_register(&funcs[i]);
}
