/*
 * Values as text, byte-exact with ClickHouse: one writer per type that knows
 * each style's quoting and escaping (composite values print their elements
 * in the quoted style, JSON prints JSON all the way down, CSV flattens
 * tuples), and the parsers CAST and the input formats use, with ClickHouse's
 * acceptance rules, wrap-around and error messages.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/mem.h"
#include "types/datetime.h"
#include "types/float_text.h"
#include "types/serialize.h"

/* ---- small writers ------------------------------------------------------ */

static const char digit_pairs[201] = "00010203040506070809"
                                     "10111213141516171819"
                                     "20212223242526272829"
                                     "30313233343536373839"
                                     "40414243444546474849"
                                     "50515253545556575859"
                                     "60616263646566676869"
                                     "70717273747576777879"
                                     "80818283848586878889"
                                     "90919293949596979899";

/* Room for n more bytes; returns where they go. Callers advance b->len and
 * terminate with end_write. */
static inline char *begin_write(floe_buf *b, size_t n)
{
    if (b->len + n + 1 > b->cap)
        floe_buf_reserve(b, n);
    return b->data + b->len;
}

static inline void end_write(floe_buf *b, char *end)
{
    b->len = (size_t)(end - b->data);
    b->data[b->len] = '\0';
}

/* Writes v's decimal digits ending at end (exclusive); returns the start. */
static inline char *u64_digits_back(char *end, uint64_t v)
{
    while (v >= 100) {
        uint64_t q = v / 100;
        end -= 2;
        memcpy(end, digit_pairs + 2 * (v - q * 100), 2);
        v = q;
    }
    if (v >= 10) {
        end -= 2;
        memcpy(end, digit_pairs + 2 * v, 2);
    } else {
        *--end = (char)('0' + v);
    }
    return end;
}

static char *u128_digits_back(char *end, unsigned __int128 v)
{
    /* Peel 19-digit chunks so the inner loop stays 64-bit. */
    const uint64_t e19 = 10000000000000000000ull;
    while (v > UINT64_MAX) {
        uint64_t chunk = (uint64_t)(v % e19);
        v /= e19;
        char *start = u64_digits_back(end, chunk);
        while (end - start < 19)
            *--start = '0';
        end = start;
    }
    return u64_digits_back(end, (uint64_t)v);
}

static void put_u64(floe_buf *b, uint64_t v)
{
    char tmp[24];
    char *s = u64_digits_back(tmp + sizeof tmp, v);
    size_t n = (size_t)(tmp + sizeof tmp - s);
    char *p = begin_write(b, n);
    memcpy(p, s, n);
    end_write(b, p + n);
}

static void put_i64(floe_buf *b, int64_t v)
{
    char tmp[24];
    char *s = u64_digits_back(tmp + sizeof tmp, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
    if (v < 0)
        *--s = '-';
    size_t n = (size_t)(tmp + sizeof tmp - s);
    char *p = begin_write(b, n);
    memcpy(p, s, n);
    end_write(b, p + n);
}

static inline void put_2(char *p, int v)
{
    memcpy(p, digit_pairs + 2 * v, 2);
}

/* "YYYY-MM-DD" at p (10 bytes). Columns of times often repeat a day: the
 * last one is remembered per thread. */
static void fmt_date(char *p, int32_t day)
{
    static __thread int32_t memo_day = INT32_MIN;
    static __thread char memo[10];
    if (day == memo_day) {
        memcpy(p, memo, 10);
        return;
    }
    int y, m, d;
    floe_civil_from_days(&y, &m, &d, day);
    if (y < 0 || y > 9999)
        y = 0;
    put_2(p, y / 100);
    put_2(p + 2, y % 100);
    p[4] = '-';
    put_2(p + 5, m);
    p[7] = '-';
    put_2(p + 8, d);
    memcpy(memo, p, 10);
    memo_day = day;
}

/* "YYYY-MM-DD hh:mm:ss" at p (19 bytes). */
static void fmt_datetime(char *p, const floe_tz *tz, int64_t t)
{
    int32_t day;
    int32_t s = floe_tz_time_of_day(tz, t, &day);
    fmt_date(p, day);
    p[10] = ' ';
    put_2(p + 11, s / 3600);
    p[13] = ':';
    put_2(p + 14, s / 60 % 60);
    p[16] = ':';
    put_2(p + 17, s % 60);
}

static const floe_tz *zone_of(const floe_type *t, const floe_text_options *o)
{
    /* A per-thread memo: formats print whole columns in one zone. Compared
     * by content, as the caller's string may not outlive the call. */
    static __thread const floe_tz *memo_tz;
    const char *name = t->tz ? t->tz : (o ? o->session_tz : NULL);
    if (!name || !*name)
        return floe_tz_utc();
    if (memo_tz && strcmp(floe_tz_name(memo_tz), name) == 0)
        return memo_tz;
    const floe_tz *tz;
    if (floe_tz_get(&tz, name) < 0) {
        floe_error_clear();
        return floe_tz_utc();
    }
    memo_tz = tz;
    return tz;
}

/* ---- strings in each style ---------------------------------------------- */

/* Bytes TSV and quoted strings escape: \b \f \n \r \t \0 \\ \'. */
static const char tsv_escape[256] = {
    [0] = '0',    ['\b'] = 'b', ['\f'] = 'f',  ['\n'] = 'n',
    ['\r'] = 'r', ['\t'] = 't', ['\\'] = '\\', ['\''] = '\'',
};

static void put_escaped(floe_buf *b, const char *s, size_t n)
{
    char *p = begin_write(b, 2 * n);
    size_t i = 0;
    while (i < n) {
        /* Copy the run that needs no escaping in one go. */
        size_t j = i;
        while (j < n && !tsv_escape[(unsigned char)s[j]])
            j++;
        memcpy(p, s + i, j - i);
        p += j - i;
        if (j == n)
            break;
        *p++ = '\\';
        *p++ = tsv_escape[(unsigned char)s[j]];
        i = j + 1;
    }
    end_write(b, p);
}

static void put_csv_string(floe_buf *b, const char *s, size_t n)
{
    char *p = begin_write(b, 2 * n + 2);
    *p++ = '"';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            *p++ = '"';
        *p++ = s[i];
    }
    *p++ = '"';
    end_write(b, p);
}

/* Bytes JSON strings escape (or, for 0xE2, may: U+2028 and U+2029). */
static const uint8_t json_special[256] = {
    [0 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, ['/'] = 1, [0xE2] = 1,
};

static void put_json_string(floe_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    char *p = begin_write(b, 6 * n + 2);
    *p++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!json_special[c]) {
            *p++ = (char)c;
            continue;
        }
        switch (c) {
        case '"':
            *p++ = '\\';
            *p++ = '"';
            break;
        case '\\':
            *p++ = '\\';
            *p++ = '\\';
            break;
        case '/':
            *p++ = '\\';
            *p++ = '/';
            break;
        case '\b':
            *p++ = '\\';
            *p++ = 'b';
            break;
        case '\f':
            *p++ = '\\';
            *p++ = 'f';
            break;
        case '\n':
            *p++ = '\\';
            *p++ = 'n';
            break;
        case '\r':
            *p++ = '\\';
            *p++ = 'r';
            break;
        case '\t':
            *p++ = '\\';
            *p++ = 't';
            break;
        case 0xE2:
            /* U+2028 and U+2029 break JavaScript parsers: escaped. */
            if (i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
                memcpy(p, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
                p += 6;
                i += 2;
                break;
            }
            *p++ = (char)c;
            break;
        default:
            if (c < 0x20) {
                memcpy(p, "\\u00", 4);
                p[4] = hex[c >> 4];
                p[5] = hex[c & 15];
                p += 6;
            } else {
                *p++ = (char)c;
            }
        }
    }
    *p++ = '"';
    end_write(b, p);
}

static void put_string(floe_buf *b, const char *s, size_t n, floe_text_style style)
{
    switch (style) {
    case FLOE_TEXT_PLAIN:
        floe_buf_append(b, s, n);
        break;
    case FLOE_TEXT_TSV:
        put_escaped(b, s, n);
        break;
    case FLOE_TEXT_CSV:
        put_csv_string(b, s, n);
        break;
    case FLOE_TEXT_JSON:
        put_json_string(b, s, n);
        break;
    case FLOE_TEXT_QUOTED:
        floe_buf_putc(b, '\'');
        put_escaped(b, s, n);
        floe_buf_putc(b, '\'');
        break;
    }
}

/* Text that never needs escaping (dates, UUIDs, numbers) in the quotes the
 * style puts around non-numeric values. */
static void put_quoted_plain(floe_buf *b, const char *s, size_t n, floe_text_style style)
{
    char q = style == FLOE_TEXT_CSV || style == FLOE_TEXT_JSON ? '"'
             : style == FLOE_TEXT_QUOTED                       ? '\''
                                                               : 0;
    char *p = begin_write(b, n + 2);
    if (q)
        *p++ = q;
    memcpy(p, s, n);
    p += n;
    if (q)
        *p++ = q;
    end_write(b, p);
}

/* ---- numbers -------------------------------------------------------------- */

static const uint64_t pow10_u64[20] = {1ull,
                                       10ull,
                                       100ull,
                                       1000ull,
                                       10000ull,
                                       100000ull,
                                       1000000ull,
                                       10000000ull,
                                       100000000ull,
                                       1000000000ull,
                                       10000000000ull,
                                       100000000000ull,
                                       1000000000000ull,
                                       10000000000000ull,
                                       100000000000000ull,
                                       1000000000000000ull,
                                       10000000000000000ull,
                                       100000000000000000ull,
                                       1000000000000000000ull,
                                       10000000000000000000ull};

static unsigned __int128 pow10_u128(int s)
{
    unsigned __int128 r = 1;
    while (s-- > 0)
        r *= 10;
    return r;
}

/* A decimal: scale digits after the point, trailing zeros dropped unless
 * keep_zeros (output_format_decimal_trailing_zeros). */
static size_t fmt_decimal(char *out, __int128 v, int scale, bool keep_zeros)
{
    char tmp[48];
    char *end = tmp + sizeof tmp;
    unsigned __int128 a =
        v < 0 ? (unsigned __int128)0 - (unsigned __int128)v : (unsigned __int128)v;
    unsigned __int128 div = pow10_u128(scale);
    unsigned __int128 ip = scale ? a / div : a;
    unsigned __int128 fp = scale ? a % div : 0;
    char *p = end;
    if (fp || (keep_zeros && scale)) {
        int digits = scale;
        while (!keep_zeros && fp % 10 == 0) {
            fp /= 10;
            digits--;
        }
        char *s = u128_digits_back(p, fp);
        while (p - s < digits)
            *--s = '0';
        p = s;
        *--p = '.';
    }
    p = u128_digits_back(p, ip);
    if (v < 0)
        *--p = '-';
    size_t n = (size_t)(end - p);
    memcpy(out, p, n);
    return n;
}

/* ---- the writer ----------------------------------------------------------- */

static void write_value(floe_buf *b, const floe_column *c, size_t row, floe_text_style style,
                        const floe_text_options *o);

static void put_null(floe_buf *b, floe_text_style style)
{
    switch (style) {
    case FLOE_TEXT_JSON:
        floe_buf_append(b, "null", 4);
        break;
    case FLOE_TEXT_QUOTED:
        floe_buf_append(b, "NULL", 4);
        break;
    default:
        floe_buf_append(b, "\\N", 2);
        break;
    }
}

static const char *enum_name(const floe_type *t, int v)
{
    size_t lo = 0, hi = t->n_enums;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->enums[mid].value < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < t->n_enums && t->enums[lo].value == v)
        return t->enums[lo].name;
    return NULL;
}

static void put_int_json(floe_buf *b, bool quote, bool neg, int64_t v)
{
    if (quote)
        floe_buf_putc(b, '"');
    if (neg)
        put_i64(b, v);
    else
        put_u64(b, (uint64_t)v);
    if (quote)
        floe_buf_putc(b, '"');
}

static void write_array(floe_buf *b, const floe_column *c, size_t row, floe_text_style style,
                        const floe_text_options *o)
{
    uint64_t from = row ? c->offsets[row - 1] : 0, to = c->offsets[row];
    floe_text_style inner = style == FLOE_TEXT_JSON ? FLOE_TEXT_JSON : FLOE_TEXT_QUOTED;
    if (style == FLOE_TEXT_CSV) {
        /* The array's text, as one CSV field: written in place, then quoted
         * with its '"' doubled (moving bytes back to front). */
        size_t start = b->len;
        write_array(b, c, row, FLOE_TEXT_PLAIN, o);
        size_t n = b->len - start, quotes = 0;
        for (size_t i = start; i < b->len; i++)
            quotes += b->data[i] == '"';
        floe_buf_reserve(b, quotes + 2);
        char *src = b->data + start;
        char *dst = src + n + quotes + 1;
        *dst = '"';
        for (size_t i = n; i-- > 0;) {
            *--dst = src[i];
            if (src[i] == '"')
                *--dst = '"';
        }
        src[0] = '"';
        end_write(b, b->data + start + n + quotes + 2);
        return;
    }
    floe_buf_putc(b, '[');
    for (uint64_t i = from; i < to; i++) {
        if (i > from)
            floe_buf_putc(b, ',');
        write_value(b, c->children[0], (size_t)i, inner, o);
    }
    floe_buf_putc(b, ']');
}

static void write_tuple(floe_buf *b, const floe_column *c, size_t row, floe_text_style style,
                        const floe_text_options *o)
{
    const floe_type *t = floe_type_base(c->type);
    if (style == FLOE_TEXT_CSV) {
        for (size_t k = 0; k < c->n_children; k++) {
            if (k)
                floe_buf_putc(b, ',');
            write_value(b, c->children[k], row, FLOE_TEXT_CSV, o);
        }
        return;
    }
    if (style == FLOE_TEXT_JSON) {
        bool named = t->elem_names && t->n_elems && t->elem_names[0];
        floe_buf_putc(b, named ? '{' : '[');
        for (size_t k = 0; k < c->n_children; k++) {
            if (k)
                floe_buf_putc(b, ',');
            if (named) {
                const char *nm = t->elem_names[k] ? t->elem_names[k] : "";
                put_json_string(b, nm, strlen(nm));
                floe_buf_putc(b, ':');
            }
            write_value(b, c->children[k], row, FLOE_TEXT_JSON, o);
        }
        floe_buf_putc(b, named ? '}' : ']');
        return;
    }
    floe_buf_putc(b, '(');
    for (size_t k = 0; k < c->n_children; k++) {
        if (k)
            floe_buf_putc(b, ',');
        write_value(b, c->children[k], row, FLOE_TEXT_QUOTED, o);
    }
    floe_buf_putc(b, ')');
}

static void write_value(floe_buf *b, const floe_column *c, size_t row, floe_text_style style,
                        const floe_text_options *o)
{
    if (floe_column_is_null(c, row)) {
        put_null(b, style);
        return;
    }
    const floe_type *t = floe_type_base(c->type);
    const uint8_t *v = t->width ? floe_column_fixed_at(c, row) : NULL;
    bool json = style == FLOE_TEXT_JSON;
    bool q64 = json && o->json_quote_64bit_integers;
    char tmp[64];
    size_t n;
    switch (t->id) {
    case FLOE_TYPE_NOTHING:
        put_null(b, style);
        return;
    case FLOE_TYPE_UINT8:
        put_u64(b, *v);
        return;
    case FLOE_TYPE_UINT16: {
        uint16_t x;
        memcpy(&x, v, 2);
        put_u64(b, x);
        return;
    }
    case FLOE_TYPE_UINT32: {
        uint32_t x;
        memcpy(&x, v, 4);
        put_u64(b, x);
        return;
    }
    case FLOE_TYPE_UINT64: {
        uint64_t x;
        memcpy(&x, v, 8);
        put_int_json(b, q64, false, (int64_t)x);
        return;
    }
    case FLOE_TYPE_INT8:
        put_i64(b, (int8_t)*v);
        return;
    case FLOE_TYPE_INT16: {
        int16_t x;
        memcpy(&x, v, 2);
        put_i64(b, x);
        return;
    }
    case FLOE_TYPE_INT32: {
        int32_t x;
        memcpy(&x, v, 4);
        put_i64(b, x);
        return;
    }
    case FLOE_TYPE_INT64: {
        int64_t x;
        memcpy(&x, v, 8);
        put_int_json(b, q64, true, x);
        return;
    }
    case FLOE_TYPE_FLOAT32:
    case FLOE_TYPE_FLOAT64: {
        double d;
        if (t->id == FLOE_TYPE_FLOAT32) {
            float f;
            memcpy(&f, v, 4);
            d = f;
            n = floe_float32_format(tmp, f);
        } else {
            memcpy(&d, v, 8);
            n = floe_float64_format(tmp, d);
        }
        if (json && (d != d || d - d != 0)) {
            if (o->json_quote_denormals)
                put_quoted_plain(b, tmp, n, FLOE_TEXT_JSON);
            else
                floe_buf_append(b, "null", 4);
            return;
        }
        floe_buf_append(b, tmp, n);
        return;
    }
    case FLOE_TYPE_BOOL:
        if (*v)
            floe_buf_append(b, "true", 4);
        else
            floe_buf_append(b, "false", 5);
        return;
    case FLOE_TYPE_STRING: {
        size_t len;
        const char *s = floe_column_string_at(c, row, &len);
        put_string(b, s, len, style);
        return;
    }
    case FLOE_TYPE_FIXEDSTRING:
        put_string(b, (const char *)v, t->n, style);
        return;
    case FLOE_TYPE_DATE: {
        uint16_t x;
        memcpy(&x, v, 2);
        fmt_date(tmp, x);
        put_quoted_plain(b, tmp, 10, style);
        return;
    }
    case FLOE_TYPE_DATE32: {
        int32_t x;
        memcpy(&x, v, 4);
        fmt_date(tmp, x);
        put_quoted_plain(b, tmp, 10, style);
        return;
    }
    case FLOE_TYPE_DATETIME: {
        uint32_t x;
        memcpy(&x, v, 4);
        fmt_datetime(tmp, zone_of(t, o), x);
        put_quoted_plain(b, tmp, 19, style);
        return;
    }
    case FLOE_TYPE_DATETIME64: {
        int64_t x;
        memcpy(&x, v, 8);
        int p = t->precision;
        int64_t scale = (int64_t)pow10_u64[p];
        int64_t whole = x / scale, frac = x % scale;
        if (frac < 0) {
            whole--;
            frac += scale;
        }
        fmt_datetime(tmp, zone_of(t, o), whole);
        n = 19;
        if (p > 0) {
            tmp[n++] = '.';
            char *s = u64_digits_back(tmp + n + p, (uint64_t)frac);
            while (s > tmp + n)
                *--s = '0';
            n += (size_t)p;
        }
        put_quoted_plain(b, tmp, n, style);
        return;
    }
    case FLOE_TYPE_UUID: {
        static const char hex[] = "0123456789abcdef";
        uint64_t hi, lo;
        memcpy(&hi, v, 8);
        memcpy(&lo, v + 8, 8);
        char *p = tmp;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20)
                *p++ = '-';
            uint64_t w = i < 16 ? hi : lo;
            *p++ = hex[(w >> (60 - 4 * (i % 16))) & 15];
        }
        put_quoted_plain(b, tmp, 36, style);
        return;
    }
    case FLOE_TYPE_DECIMAL32:
    case FLOE_TYPE_DECIMAL64:
    case FLOE_TYPE_DECIMAL128: {
        __int128 x;
        if (t->id == FLOE_TYPE_DECIMAL32) {
            int32_t y;
            memcpy(&y, v, 4);
            x = y;
        } else if (t->id == FLOE_TYPE_DECIMAL64) {
            int64_t y;
            memcpy(&y, v, 8);
            x = y;
        } else {
            memcpy(&x, v, 16);
        }
        n = fmt_decimal(tmp, x, t->scale, o->decimal_trailing_zeros);
        if (json && o->json_quote_decimals)
            put_quoted_plain(b, tmp, n, FLOE_TEXT_JSON);
        else
            floe_buf_append(b, tmp, n);
        return;
    }
    case FLOE_TYPE_ENUM8:
    case FLOE_TYPE_ENUM16: {
        int x;
        if (t->id == FLOE_TYPE_ENUM8) {
            x = (int8_t)*v;
        } else {
            int16_t y;
            memcpy(&y, v, 2);
            x = y;
        }
        const char *name = enum_name(t, x);
        if (name)
            put_string(b, name, strlen(name), style);
        else
            put_i64(b, x);
        return;
    }
    case FLOE_TYPE_ARRAY:
        write_array(b, c, row, style, o);
        return;
    case FLOE_TYPE_TUPLE:
        write_tuple(b, c, row, style, o);
        return;
    case FLOE_TYPE_NULLABLE:
    case FLOE_TYPE_LOWCARDINALITY:
        break; /* floe_type_base never returns these */
    }
}

void floe_text_write(floe_buf *out, const floe_column *c, size_t row, floe_text_style style,
                     const floe_text_options *opts)
{
    static const floe_text_options defaults = FLOE_TEXT_OPTIONS_INIT;
    write_value(out, c, row, style, opts ? opts : &defaults);
}

/* ---- parsing ---------------------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The message ClickHouse's CAST gives for text after a valid prefix, or for
 * a value that does not start right. note adds the OrZero/OrNull hint the
 * numeric conversions carry. */
static int syntax_error(const floe_type *t, const char *p, size_t len, size_t at, bool note)
{
    char hint[160] = "";
    if (note)
        snprintf(hint, sizeof hint,
                 ". Note: there are to%sOrZero and to%sOrNull functions, which returns zero/NULL "
                 "instead of throwing exception",
                 t->name, t->name);
    if (at == 0)
        return floe_error(FLOE_ERR_CANNOT_PARSE_TEXT,
                          "Cannot parse string '%.*s' as %s: syntax error at begin of string%s",
                          (int)len, p, t->name, hint);
    return floe_error(FLOE_ERR_CANNOT_PARSE_TEXT,
                      "Cannot parse string '%.*s' as %s: syntax error at position %zu (parsed "
                      "just '%.*s')%s",
                      (int)len, p, t->name, at, (int)at, p, hint);
}

/* Integers wrap modulo 2^64 and then to the type's width, as ClickHouse's
 * readIntText does. */
static int parse_int(const floe_type *t, uint64_t *out, const char *p, size_t len, bool is_signed)
{
    if (len == 0)
        return floe_error(FLOE_ERR_ATTEMPT_TO_READ_AFTER_EOF,
                          "Attempt to read after eof: Cannot parse %s from String, because value "
                          "is too short",
                          t->name);
    size_t i = 0;
    bool neg = false;
    if (p[0] == '-' || p[0] == '+') {
        neg = p[0] == '-';
        if (neg && !is_signed)
            return floe_error(FLOE_ERR_CANNOT_PARSE_NUMBER,
                              "Unsigned type must not contain '-' symbol: Cannot parse %s from "
                              "String",
                              t->name);
        i++;
        if (i < len && (p[i] == '-' || p[i] == '+'))
            return floe_error(FLOE_ERR_CANNOT_PARSE_NUMBER,
                              "Cannot parse number with multiple sign (+/-) characters: Cannot "
                              "parse %s from String",
                              t->name);
    }
    size_t start = i;
    uint64_t v = 0;
    while (i < len && is_digit(p[i]))
        v = v * 10 + (uint64_t)(p[i++] - '0');
    if (i == start)
        return syntax_error(t, p, len, 0, true);
    if (i != len)
        return syntax_error(t, p, len, i, true);
    *out = neg ? 0 - v : v;
    return 0;
}

static int parse_bool(const floe_type *t, uint8_t *out, const char *p, size_t len)
{
    if (len == 0)
        return floe_error(FLOE_ERR_CANNOT_PARSE_BOOL, "Expected boolean value but get EOF");
    static const char *const yes[] = {"true", "t", "y", "yes", "on", "enable", "enabled", "1"};
    static const char *const no[] = {"false", "f", "n", "no", "off", "disable", "disabled", "0"};
    for (int k = 0; k < 8; k++) {
        if (strlen(yes[k]) == len && strncasecmp(p, yes[k], len) == 0) {
            *out = 1;
            return 0;
        }
        if (strlen(no[k]) == len && strncasecmp(p, no[k], len) == 0) {
            *out = 0;
            return 0;
        }
    }
    return floe_error(FLOE_ERR_CANNOT_PARSE_BOOL,
                      "Cannot parse boolean value here: '%.*s', should be 'true' or 'false' "
                      "controlled by setting bool_true_representation and "
                      "bool_false_representation or one of "
                      "True/False/T/F/Y/N/Yes/No/On/Off/Enable/Disable/Enabled/Disabled/1/0",
                      (int)len, p);
}

static int parse_float(const floe_type *t, double *d, float *f, const char *p, size_t len)
{
    size_t n =
        t->id == FLOE_TYPE_FLOAT32 ? floe_float32_scan(f, p, len) : floe_float64_scan(d, p, len);
    if (n == 0)
        return floe_error(FLOE_ERR_CANNOT_PARSE_NUMBER,
                          "Cannot read floating point value here: %.*s: Cannot parse %s from "
                          "String",
                          (int)len, p, t->name);
    if (n != len)
        return syntax_error(t, p, len, n, true);
    return 0;
}

/* Decimal text: [+-]digits[.digits][e[+-]digits]. Digits past the scale are
 * dropped (truncation, as ClickHouse does); too many integer digits for the
 * precision is ARGUMENT_OUT_OF_BOUND. */
static int parse_decimal(const floe_type *t, __int128 *out, const char *p, size_t len)
{
    if (len == 0)
        return floe_error(FLOE_ERR_ATTEMPT_TO_READ_AFTER_EOF, "Attempt to read after eof");
    size_t i = 0;
    bool neg = false;
    if (p[0] == '-' || p[0] == '+') {
        neg = p[0] == '-';
        i++;
    }
    unsigned __int128 x = 0;
    int digits = 0;   /* significant digits kept in x */
    int exponent = 0; /* value = x * 10^exponent */
    bool any = false;
    /* At most precision significant digits: more in the integer part is
     * an error, more in the fraction are dropped. */
    int max_digits = t->precision;
    while (i < len && is_digit(p[i])) {
        any = true;
        if (x || p[i] != '0') {
            if (digits >= max_digits)
                return floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND,
                                  "Too many digits (%d > %d) in decimal value", digits + 1,
                                  max_digits);
            x = x * 10 + (unsigned)(p[i] - '0');
            digits++;
        }
        i++;
    }
    if (i < len && p[i] == '.') {
        i++;
        while (i < len && is_digit(p[i])) {
            any = true;
            if (digits < max_digits) {
                x = x * 10 + (unsigned)(p[i] - '0');
                if (x)
                    digits++;
                exponent--;
            }
            i++;
        }
    }
    if (!any) {
        /* A lone sign reads as zero, as ClickHouse's readDecimalText has it. */
        if (i == len && i == 1) {
            *out = 0;
            return 0;
        }
        return syntax_error(t, p, len, 0, false);
    }
    if (i < len && (p[i] == 'e' || p[i] == 'E')) {
        size_t j = i + 1;
        bool eneg = false;
        if (j < len && (p[j] == '-' || p[j] == '+')) {
            eneg = p[j] == '-';
            j++;
        }
        if (j >= len || !is_digit(p[j]))
            return floe_error(FLOE_ERR_CANNOT_PARSE_NUMBER,
                              "Cannot parse exponent while reading decimal");
        int e = 0;
        while (j < len && is_digit(p[j])) {
            if (e < 10000)
                e = e * 10 + (p[j] - '0');
            j++;
        }
        exponent += eneg ? -e : e;
        i = j;
    }
    if (i != len)
        return syntax_error(t, p, len, i, false);
    int precision = t->precision, scale = t->scale;
    if (digits + exponent > precision - scale) {
        char num[48];
        char *s = u128_digits_back(num + sizeof num - 1, x);
        num[sizeof num - 1] = '\0';
        return floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND,
                          "Decimal value is too big: %d digits were read: '%s'e%d. Expected to "
                          "read decimal with scale %d and precision %d",
                          digits, s, exponent, scale, precision);
    }
    int shift = exponent + scale;
    if (shift < 0)
        x = -shift > 38 ? 0 : x / pow10_u128(-shift);
    else
        x *= pow10_u128(shift);
    *out = neg ? -(__int128)x : (__int128)x;
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* ClickHouse reads 32 characters, or 36 when the ninth is a dash; what
 * follows them is the caller's syntax error. */
static int parse_uuid(const floe_type *t, uint64_t *hi, uint64_t *lo, const char *p, size_t len)
{
    size_t n = len >= 32 && p[8] == '-' ? 36 : 32;
    if (len < n)
        return floe_error(FLOE_ERR_CANNOT_PARSE_UUID,
                          "Cannot parse uuid %.*s: Cannot parse UUID from String", (int)len, p);
    uint64_t w[2] = {0, 0};
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        if (n == 36 && (i == 8 || i == 13 || i == 18 || i == 23)) {
            if (p[i] != '-')
                goto bad;
            continue;
        }
        int h = hexval(p[i]);
        if (h < 0)
            goto bad;
        w[k / 16] = (w[k / 16] << 4) | (uint64_t)h;
        k++;
    }
    if (len > n)
        return syntax_error(t, p, len, n, false);
    *hi = w[0];
    *lo = w[1];
    return 0;
bad:
    if (n == 32)
        return floe_error(FLOE_ERR_CANNOT_PARSE_UUID,
                          "Cannot parse UUID from String: invalid format, expected 32 hexadecimal "
                          "digits: Cannot parse UUID from String");
    return floe_error(FLOE_ERR_CANNOT_PARSE_UUID,
                      "Cannot parse UUID from String: invalid format, expected 32 or 36 "
                      "hexadecimal digits with dashes at positions 8, 13, 18, 23: Cannot parse "
                      "UUID from String");
}

static int two_or_one_digit(const char *p, size_t len, size_t *i, int *out)
{
    if (*i >= len || !is_digit(p[*i]))
        return -1;
    int v = p[(*i)++] - '0';
    if (*i < len && is_digit(p[*i]))
        v = v * 10 + (p[(*i)++] - '0');
    *out = v;
    return 0;
}

/* ClickHouse's readDateText: YYYY-MM-DD, with one-digit month and day
 * allowed and any non-digit separators, or YYYYMMDD. Sets *end past it. */
static bool scan_date(const char *p, size_t len, size_t *end, int *y, int *m, int *d)
{
    if (len < 8)
        return false;
    for (int k = 0; k < 4; k++)
        if (!is_digit(p[k]))
            return false;
    *y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    size_t i = 4;
    if (is_digit(p[4])) {
        for (int k = 4; k < 8; k++)
            if (!is_digit(p[k]))
                return false;
        *m = (p[4] - '0') * 10 + (p[5] - '0');
        *d = (p[6] - '0') * 10 + (p[7] - '0');
        *end = 8;
        return true;
    }
    i = 5;
    if (two_or_one_digit(p, len, &i, m) < 0)
        return false;
    if (i >= len || is_digit(p[i]))
        return false;
    i++;
    if (two_or_one_digit(p, len, &i, d) < 0)
        return false;
    *end = i;
    return true;
}

/* The day number ClickHouse's makeDayNum gives, or def for an impossible
 * month or day or a year before 1900. */
static int32_t make_day(int y, int m, int d, int32_t def)
{
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
        return def;
    if (y > 2299)
        return FLOE_DATE32_MAX_DAY;
    return floe_days_from_civil(y, m, 1) + d - 1;
}

static int parse_date(const floe_type *t, int32_t *out, const char *p, size_t len)
{
    int y, m, d;
    size_t end;
    if (!scan_date(p, len, &end, &y, &m, &d)) {
        if (len < 10)
            return floe_error(FLOE_ERR_CANNOT_PARSE_DATE,
                              "Cannot parse date: value is too short: Cannot parse %s from String",
                              t->name);
        return floe_error(FLOE_ERR_CANNOT_PARSE_DATE,
                          "Cannot parse date here: %.10s: Cannot parse %s from String", p, t->name);
    }
    /* A date-time parses as its date when the whole rest is a time. */
    if (end < len && (p[end] == ' ' || p[end] == 'T')) {
        size_t i = end + 1;
        int h, mi, s;
        if (two_or_one_digit(p, len, &i, &h) == 0 && i < len && p[i] == ':' && (++i, 1) &&
            two_or_one_digit(p, len, &i, &mi) == 0 && i < len && p[i] == ':' && (++i, 1) &&
            two_or_one_digit(p, len, &i, &s) == 0) {
            if (i < len && p[i] == '.') {
                i++;
                while (i < len && is_digit(p[i]))
                    i++;
            }
            if (i == len)
                end = i;
        }
    }
    if (end != len)
        return syntax_error(t, p, len, end, false);
    bool d32 = t->id == FLOE_TYPE_DATE32;
    int32_t day = make_day(y, m, d, d32 ? FLOE_DATE32_MIN_DAY : 0);
    if (d32) {
        if (day < FLOE_DATE32_MIN_DAY)
            day = FLOE_DATE32_MIN_DAY;
        if (day > FLOE_DATE32_MAX_DAY)
            day = FLOE_DATE32_MAX_DAY;
    } else {
        if (day < 0)
            day = 0;
        if (day > FLOE_DATE_MAX_DAY)
            day = FLOE_DATE_MAX_DAY;
    }
    *out = day;
    return 0;
}

static int datetime_error(const floe_type *t, const char *why)
{
    return floe_error(FLOE_ERR_CANNOT_PARSE_DATETIME,
                      "Cannot read DateTime: %s: Cannot parse %s from String", why, t->name);
}

static bool digits_at(const char *p, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!is_digit(p[i]))
            return false;
    return true;
}

/* Date-time text as CAST reads it with cast_string_to_date_time_mode =
 * best_effort (chDB's default): "YYYY-MM-DD[ hh:mm:ss[.fraction]]" takes a
 * fast path, everything else goes through floe_datetime_best_effort. *secs
 * is the instant, *frac the fraction scaled to 10^scale. */
static int parse_datetime_text(const floe_type *t, int64_t *secs, int64_t *frac, int scale,
                               const char *p, size_t len, const floe_tz *tz)
{
    *frac = 0;
    if (len >= 10 && p[4] == '-' && p[7] == '-' && digits_at(p, 0, 4) && digits_at(p, 5, 7) &&
        digits_at(p, 8, 10)) {
        int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
        int m = (p[5] - '0') * 10 + (p[6] - '0'), d = (p[8] - '0') * 10 + (p[9] - '0');
        bool ok = y != 0 && floe_civil_valid(y, m, d);
        int32_t sod = 0;
        size_t end = 10;
        if (ok && len >= 19 && p[10] == ' ' && p[13] == ':' && p[16] == ':' &&
            digits_at(p, 11, 13) && digits_at(p, 14, 16) && digits_at(p, 17, 19)) {
            sod = ((p[11] - '0') * 10 + (p[12] - '0')) * 3600 +
                  ((p[14] - '0') * 10 + (p[15] - '0')) * 60 + (p[17] - '0') * 10 + (p[18] - '0');
            end = 19;
            if (len > 19 && p[19] == '.' && len > 20 && digits_at(p, 20, len)) {
                int k = 0;
                for (size_t i = 20; i < len && k < scale; i++, k++)
                    *frac = *frac * 10 + (p[i] - '0');
                for (; k < scale; k++)
                    *frac *= 10;
                end = len;
            }
        }
        if (ok && end == len) {
            *secs = floe_tz_make(tz, floe_days_from_civil(y, m, d), sod);
            return 0;
        }
        *frac = 0;
    }
    floe_datetime_text dt;
    size_t used = 0;
    char why[160];
    if (floe_datetime_best_effort(&dt, &used, p, len, tz, false, t->id == FLOE_TYPE_DATETIME64, why,
                                  sizeof why) < 0)
        return datetime_error(t, why);
    if (used != len)
        return syntax_error(t, p, len, used, false);
    *secs = dt.seconds;
    if (dt.fraction_digits > scale)
        *frac = dt.fraction / (int64_t)pow10_u64[dt.fraction_digits - scale];
    else
        *frac = dt.fraction * (int64_t)pow10_u64[scale - dt.fraction_digits];
    return 0;
}

/* Levenshtein distance, ignoring ASCII case (ClickHouse's NamePrompter). */
static size_t edit_distance(const char *a, size_t m, const char *b, size_t n)
{
    size_t stack[65];
    size_t *row = n < 65 ? stack : floe_malloc((n + 1) * sizeof *row);
    for (size_t i = 0; i <= n; i++)
        row[i] = i;
    for (size_t j = 1; j <= m; j++) {
        row[0] = j;
        size_t prev = j - 1;
        for (size_t i = 1; i <= n; i++) {
            size_t old = row[i];
            size_t sub =
                prev + (tolower((unsigned char)a[j - 1]) != tolower((unsigned char)b[i - 1]));
            size_t ins = (row[i - 1] < row[i] ? row[i - 1] : row[i]) + 1;
            row[i] = sub < ins ? sub : ins;
            prev = old;
        }
    }
    size_t d = row[n];
    if (row != stack)
        floe_free(row);
    return d;
}

/* The one enum name ClickHouse suggests for a misspelt one (its
 * NamePrompter<1>: the closest within a third of the length, first on
 * ties), or NULL. */
static const char *enum_hint(const floe_type *t, const char *p, size_t len)
{
    const char *best = NULL;
    size_t best_d = 0;
    size_t mistake = (len + 2) / 3;
    for (size_t k = 0; k < t->n_enums; k++) {
        const char *nm = t->enums[k].name;
        size_t nl = strlen(nm);
        size_t min_d = nl > len ? nl - len : len - nl;
        if (min_d > 0 && len / min_d < 3)
            continue;
        if (nl > len + mistake || nl + mistake < len)
            continue;
        size_t d = edit_distance(nm, nl, p, len);
        if (d <= mistake && (!best || d < best_d)) {
            best = nm;
            best_d = d;
        }
    }
    return best;
}

static int find_enum(const floe_type *t, int16_t *out, const char *p, size_t len)
{
    for (size_t k = 0; k < t->n_enums; k++)
        if (strlen(t->enums[k].name) == len && memcmp(t->enums[k].name, p, len) == 0) {
            *out = t->enums[k].value;
            return 0;
        }
    /* A number names the element with that value. */
    if (len > 0 && len < 8) {
        size_t i = p[0] == '-' ? 1 : 0;
        long v = 0;
        bool ok = i < len;
        for (; i < len; i++) {
            if (!is_digit(p[i])) {
                ok = false;
                break;
            }
            v = v * 10 + (p[i] - '0');
        }
        if (p[0] == '-')
            v = -v;
        if (ok && enum_name(t, (int)v)) {
            *out = (int16_t)v;
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

/* Sets c back to rows rows (or fewer), dropping whatever was appended to
 * it or to its children after them. */
static void truncate_column(floe_column *c, size_t rows)
{
    const floe_type *t = floe_type_base(c->type);
    if (c->rows > rows)
        c->rows = rows;
    rows = c->rows;
    if (t->id == FLOE_TYPE_STRING) {
        c->data_len = rows ? c->offsets[rows - 1] : 0;
    } else if (t->id == FLOE_TYPE_ARRAY) {
        truncate_column(c->children[0], rows ? c->offsets[rows - 1] : 0);
    } else if (t->id == FLOE_TYPE_TUPLE) {
        for (size_t k = 0; k < c->n_children; k++)
            truncate_column(c->children[k], rows);
    } else {
        c->data_len = rows * t->width;
    }
}

static int parse_scalar(floe_column *c, const char *p, size_t len, const floe_text_options *o);

/* The quoted-style reader used for elements of arrays and tuples. */
typedef struct qreader {
    const char *p;
    size_t len, pos;
} qreader;

static void q_skip_ws(qreader *r)
{
    while (r->pos < r->len && (r->p[r->pos] == ' ' || r->p[r->pos] == '\t' ||
                               r->p[r->pos] == '\n' || r->p[r->pos] == '\r'))
        r->pos++;
}

static int q_expect(qreader *r, char ch)
{
    q_skip_ws(r);
    if (r->pos < r->len && r->p[r->pos] == ch) {
        r->pos++;
        return 0;
    }
    if (r->pos >= r->len)
        return floe_error(FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                          "Cannot parse input: expected '%c' at end of stream", ch);
    return floe_error(FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                      "Cannot parse input: expected '%c' before: '%.*s'", ch,
                      (int)(r->len - r->pos), r->p + r->pos);
}

/* A '...' string with backslash escapes, unescaped into out. */
static int q_string(qreader *r, floe_buf *out)
{
    if (r->pos >= r->len || r->p[r->pos] != '\'') {
        if (r->pos >= r->len)
            return floe_error(FLOE_ERR_CANNOT_PARSE_QUOTED_STRING,
                              "Cannot parse quoted string: expected opening quote ''', got "
                              "end of stream");
        return floe_error(FLOE_ERR_CANNOT_PARSE_QUOTED_STRING,
                          "Cannot parse quoted string: expected opening quote ''', got '%c'",
                          r->p[r->pos]);
    }
    r->pos++;
    while (r->pos < r->len) {
        char ch = r->p[r->pos++];
        if (ch == '\'') {
            /* '' inside quotes is one quote */
            if (r->pos < r->len && r->p[r->pos] == '\'') {
                floe_buf_putc(out, '\'');
                r->pos++;
                continue;
            }
            return 0;
        }
        if (ch == '\\' && r->pos < r->len) {
            char e = r->p[r->pos++];
            switch (e) {
            case 'b':
                ch = '\b';
                break;
            case 'f':
                ch = '\f';
                break;
            case 'n':
                ch = '\n';
                break;
            case 'r':
                ch = '\r';
                break;
            case 't':
                ch = '\t';
                break;
            case '0':
                ch = '\0';
                break;
            case 'a':
                ch = '\a';
                break;
            case 'v':
                ch = '\v';
                break;
            case 'x':
                if (r->pos + 2 <= r->len && hexval(r->p[r->pos]) >= 0 &&
                    hexval(r->p[r->pos + 1]) >= 0) {
                    ch = (char)(hexval(r->p[r->pos]) * 16 + hexval(r->p[r->pos + 1]));
                    r->pos += 2;
                } else {
                    ch = 'x';
                }
                break;
            default:
                ch = e;
            }
        }
        floe_buf_putc(out, ch);
    }
    return floe_error(FLOE_ERR_CANNOT_PARSE_QUOTED_STRING,
                      "Cannot parse quoted string: expected closing quote");
}

static int q_value(floe_column *c, qreader *r, const floe_text_options *o);

/* An unquoted Bool inside an array or tuple: the words true and false (any
 * case); anything else reads nothing and leaves the judging to the caller. */
static int q_bool_word(floe_column *c, qreader *r)
{
    if (r->pos >= r->len || ((r->p[r->pos] | 0x20) != 't' && (r->p[r->pos] | 0x20) != 'f')) {
        floe_column_push_default(c);
        return 0;
    }
    const char *word = (r->p[r->pos] | 0x20) == 't' ? "true" : "false";
    for (size_t k = 0; word[k]; k++, r->pos++)
        if (r->pos >= r->len || (r->p[r->pos] | 0x20) != word[k])
            return floe_error(FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                              "Cannot parse input: expected '%s' before: '%.*s'", word,
                              (int)(r->len - r->pos), r->p + r->pos);
    uint8_t v = word[0] == 't';
    floe_column_push_fixed(c, &v);
    return 0;
}

/* How much of p a number of type t takes inside an array or tuple, or -1
 * for types that are not read as a number prefix. */
static size_t number_extent(const floe_type *t, const char *p, size_t len)
{
    size_t i = 0;
    switch (t->id) {
    case FLOE_TYPE_INT8:
    case FLOE_TYPE_INT16:
    case FLOE_TYPE_INT32:
    case FLOE_TYPE_INT64:
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_UINT16:
    case FLOE_TYPE_UINT32:
    case FLOE_TYPE_UINT64: {
        bool sgn = t->id >= FLOE_TYPE_INT8;
        if (i < len && (p[i] == '+' || (sgn && p[i] == '-')))
            i++;
        size_t d = i;
        while (i < len && is_digit(p[i]))
            i++;
        return i == d ? 0 : i;
    }
    case FLOE_TYPE_FLOAT32:
    case FLOE_TYPE_FLOAT64: {
        double d;
        size_t n = floe_float64_scan(&d, p, len);
        return n ? n : (size_t)-1;
    }
    case FLOE_TYPE_DECIMAL32:
    case FLOE_TYPE_DECIMAL64:
    case FLOE_TYPE_DECIMAL128: {
        if (i < len && (p[i] == '+' || p[i] == '-'))
            i++;
        size_t d = i;
        while (i < len && is_digit(p[i]))
            i++;
        if (i < len && p[i] == '.') {
            i++;
            while (i < len && is_digit(p[i]))
                i++;
        }
        if (i == d)
            return (size_t)-1;
        if (i < len && (p[i] == 'e' || p[i] == 'E')) {
            size_t j = i + 1;
            if (j < len && (p[j] == '+' || p[j] == '-'))
                j++;
            if (j < len && is_digit(p[j])) {
                while (j < len && is_digit(p[j]))
                    j++;
                i = j;
            }
        }
        return i;
    }
    default:
        return (size_t)-1;
    }
}

static int q_array(floe_column *c, qreader *r, const floe_text_options *o)
{
    if (q_expect(r, '[') < 0)
        return -1;
    floe_column *child = c->children[0];
    q_skip_ws(r);
    if (r->pos < r->len && r->p[r->pos] == ']') {
        r->pos++;
    } else {
        for (;;) {
            if (q_value(child, r, o) < 0)
                return -1;
            q_skip_ws(r);
            if (r->pos < r->len && r->p[r->pos] == ',') {
                r->pos++;
                continue;
            }
            if (r->pos < r->len && r->p[r->pos] != ']')
                return floe_error(FLOE_ERR_CANNOT_READ_ARRAY_FROM_TEXT,
                                  "Cannot read array from text, expected comma or end of array, "
                                  "found '%c'",
                                  r->p[r->pos]);
            if (q_expect(r, ']') < 0)
                return -1;
            break;
        }
    }
    floe_column_reserve(c, 1, 0);
    c->offsets[c->rows] = child->rows;
    if (c->nulls)
        c->nulls[c->rows] = 0;
    c->rows++;
    return 0;
}

static int q_tuple(floe_column *c, qreader *r, const floe_text_options *o)
{
    if (q_expect(r, '(') < 0)
        return -1;
    for (size_t k = 0; k < c->n_children; k++) {
        if (k && q_expect(r, ',') < 0)
            return -1;
        if (q_value(c->children[k], r, o) < 0)
            return -1;
    }
    if (q_expect(r, ')') < 0)
        return -1;
    floe_column_reserve(c, 1, 0);
    if (c->nulls)
        c->nulls[c->rows] = 0;
    c->rows++;
    return 0;
}

static int q_value(floe_column *c, qreader *r, const floe_text_options *o)
{
    q_skip_ws(r);
    const floe_type *t = floe_type_base(c->type);
    if (r->pos + 4 <= r->len && strncasecmp(r->p + r->pos, "NULL", 4) == 0 &&
        (r->pos + 4 == r->len || strchr(",]) \t\n\r", r->p[r->pos + 4]))) {
        /* NULL where the element cannot be NULL reads as its default. */
        r->pos += 4;
        if (floe_type_is_nullable(c->type))
            floe_column_push_null(c);
        else
            floe_column_push_default(c);
        return 0;
    }
    if (t->id == FLOE_TYPE_ARRAY)
        return q_array(c, r, o);
    if (t->id == FLOE_TYPE_TUPLE)
        return q_tuple(c, r, o);
    bool quoted = r->pos < r->len && r->p[r->pos] == '\'';
    if (!quoted && (t->id == FLOE_TYPE_DATE || t->id == FLOE_TYPE_DATE32))
        return floe_error(FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                          "Cannot parse input: expected '\\'' before: '%.*s'",
                          (int)(r->len - r->pos), r->p + r->pos);
    if (!quoted && (t->id == FLOE_TYPE_DATETIME || t->id == FLOE_TYPE_DATETIME64)) {
        /* Unquoted, a date-time is a unix timestamp in whole seconds. */
        size_t start = r->pos;
        while (r->pos < r->len && is_digit(r->p[r->pos]))
            r->pos++;
        if (r->pos == start) {
            floe_column_push_default(c);
            return 0;
        }
        return parse_scalar(c, r->p + start, r->pos - start, o);
    }
    if (!quoted && t->id == FLOE_TYPE_BOOL)
        return q_bool_word(c, r);
    if (quoted || t->id == FLOE_TYPE_STRING || t->id == FLOE_TYPE_FIXEDSTRING ||
        t->id == FLOE_TYPE_UUID || t->id == FLOE_TYPE_ENUM8 || t->id == FLOE_TYPE_ENUM16) {
        /* One scratch buffer per thread: an element that is a string never
         * parses another quoted element before it is pushed. */
        static __thread floe_buf scratch;
        floe_buf_clear(&scratch);
        if (q_string(r, &scratch) < 0)
            return -1;
        return parse_scalar(c, scratch.data ? scratch.data : "", scratch.len, o);
    }
    size_t start = r->pos;
    size_t n = number_extent(t, r->p + start, r->len - start);
    if (n != (size_t)-1) {
        /* A number reads as far as it goes; the array or tuple then judges
         * what follows. No digits at all reads as 0, as ClickHouse's
         * readers do inside arrays. */
        r->pos += n;
        if (n == 0) {
            floe_column_push_default(c);
            return 0;
        }
        return parse_scalar(c, r->p + start, n, o);
    }
    while (r->pos < r->len && r->p[r->pos] != ',' && r->p[r->pos] != ']' && r->p[r->pos] != ')' &&
           r->p[r->pos] != ' ' && r->p[r->pos] != '\t' && r->p[r->pos] != '\n')
        r->pos++;
    return parse_scalar(c, r->p + start, r->pos - start, o);
}

static int parse_scalar(floe_column *c, const char *p, size_t len, const floe_text_options *o)
{
    const floe_type *t = floe_type_base(c->type);
    uint8_t val[16];
    switch (t->id) {
    case FLOE_TYPE_NOTHING:
        return floe_error(FLOE_ERR_CANNOT_PARSE_TEXT, "Cannot parse a value of type Nothing");
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_UINT16:
    case FLOE_TYPE_UINT32:
    case FLOE_TYPE_UINT64:
    case FLOE_TYPE_INT8:
    case FLOE_TYPE_INT16:
    case FLOE_TYPE_INT32:
    case FLOE_TYPE_INT64: {
        uint64_t v = 0;
        bool sgn = t->id >= FLOE_TYPE_INT8;
        if (parse_int(t, &v, p, len, sgn) < 0)
            return -1;
        /* Little-endian: the low bytes are the narrower value. */
        memcpy(val, &v, 8);
        break;
    }
    case FLOE_TYPE_FLOAT32:
    case FLOE_TYPE_FLOAT64: {
        double d = 0;
        float f = 0;
        if (parse_float(t, &d, &f, p, len) < 0)
            return -1;
        if (t->id == FLOE_TYPE_FLOAT32)
            memcpy(val, &f, 4);
        else
            memcpy(val, &d, 8);
        break;
    }
    case FLOE_TYPE_BOOL:
        if (parse_bool(t, val, p, len) < 0)
            return -1;
        break;
    case FLOE_TYPE_STRING:
        floe_column_push_string(c, p, len);
        return 0;
    case FLOE_TYPE_FIXEDSTRING:
        if (len > t->n)
            return floe_error(FLOE_ERR_TOO_LARGE_STRING_SIZE, "String too long for type %s",
                              t->name);
        floe_column_push_string(c, p, len);
        return 0;
    case FLOE_TYPE_DATE:
    case FLOE_TYPE_DATE32: {
        int32_t day = 0;
        if (parse_date(t, &day, p, len) < 0)
            return -1;
        if (t->id == FLOE_TYPE_DATE) {
            uint16_t d16 = (uint16_t)day;
            memcpy(val, &d16, 2);
        } else {
            memcpy(val, &day, 4);
        }
        break;
    }
    case FLOE_TYPE_DATETIME: {
        int64_t secs, frac;
        if (parse_datetime_text(t, &secs, &frac, 0, p, len, zone_of(t, o)) < 0)
            return -1;
        if (secs < 0)
            secs = 0;
        if (secs > FLOE_DATETIME_MAX)
            secs = FLOE_DATETIME_MAX;
        uint32_t v = (uint32_t)secs;
        memcpy(val, &v, 4);
        break;
    }
    case FLOE_TYPE_DATETIME64: {
        int64_t secs, frac;
        if (parse_datetime_text(t, &secs, &frac, t->precision, p, len, zone_of(t, o)) < 0)
            return -1;
        int64_t v = secs * (int64_t)pow10_u64[t->precision] + frac;
        memcpy(val, &v, 8);
        break;
    }
    case FLOE_TYPE_UUID: {
        uint64_t hi = 0, lo = 0;
        if (parse_uuid(t, &hi, &lo, p, len) < 0)
            return -1;
        memcpy(val, &hi, 8);
        memcpy(val + 8, &lo, 8);
        break;
    }
    case FLOE_TYPE_DECIMAL32:
    case FLOE_TYPE_DECIMAL64:
    case FLOE_TYPE_DECIMAL128: {
        __int128 x = 0;
        if (parse_decimal(t, &x, p, len) < 0)
            return -1;
        if (t->id == FLOE_TYPE_DECIMAL32) {
            int32_t y = (int32_t)x;
            memcpy(val, &y, 4);
        } else if (t->id == FLOE_TYPE_DECIMAL64) {
            int64_t y = (int64_t)x;
            memcpy(val, &y, 8);
        } else {
            memcpy(val, &x, 16);
        }
        break;
    }
    case FLOE_TYPE_ENUM8:
    case FLOE_TYPE_ENUM16: {
        int16_t v = 0;
        if (find_enum(t, &v, p, len) < 0)
            return -1;
        if (t->id == FLOE_TYPE_ENUM8) {
            int8_t v8 = (int8_t)v;
            memcpy(val, &v8, 1);
        } else {
            memcpy(val, &v, 2);
        }
        break;
    }
    case FLOE_TYPE_ARRAY:
    case FLOE_TYPE_TUPLE: {
        bool arr = t->id == FLOE_TYPE_ARRAY;
        if (arr && (len == 0 || p[0] != '['))
            return floe_error(FLOE_ERR_CANNOT_READ_ARRAY_FROM_TEXT,
                              "Array does not start with '[' character");
        if (!arr && (len == 0 || p[0] != '('))
            return floe_error(FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                              "Cannot parse input: expected '(' before: '%.*s'", (int)len, p);
        qreader r = {p, len, 0};
        size_t rows = c->rows;
        int rc = arr ? q_array(c, &r, o) : q_tuple(c, &r, o);
        if (rc == 0 && r.pos != r.len) {
            truncate_column(c, rows);
            return floe_error(FLOE_ERR_UNEXPECTED_DATA_AFTER_PARSED_VALUE,
                              "Unexpected data '%.*s' after parsed %s value '%.*s'",
                              (int)(len - r.pos), p + r.pos, arr ? "Array" : "Tuple", (int)r.pos,
                              p);
        }
        if (rc < 0)
            truncate_column(c, rows);
        return rc;
    }
    case FLOE_TYPE_NULLABLE:
    case FLOE_TYPE_LOWCARDINALITY:
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Unexpected wrapper type");
    }
    floe_column_push_fixed(c, val);
    return 0;
}

int floe_text_parse(floe_column *c, const char *p, size_t len, const floe_text_options *opts)
{
    static const floe_text_options defaults = FLOE_TEXT_OPTIONS_INIT;
    return parse_scalar(c, p, len, opts ? opts : &defaults);
}
