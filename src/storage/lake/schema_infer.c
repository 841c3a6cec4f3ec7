/*
 * Schema inference for text files, following ClickHouse's rules
 * (Formats/SchemaInferenceUtils.cpp, EscapingRuleUtils.cpp): each field is
 * given a type (CSV, TSV and JSON each read fields their own way), the
 * types of a column over rows are merged, and the result is made Nullable
 * at the leaves. Unresolvable CSV/TSV columns fall back to String.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/mem.h"
#include "storage/lake/file_int.h"
#include "types/datetime.h"

/* An inferred type before it becomes a floe_type. NOTHING is a NULL value;
 * a NULL pointer means "no information" (an empty CSV field). Object
 * tuples (from JSON objects) have names; n may be 0 for {}. */
typedef enum it_kind {
    IT_NOTHING,
    IT_BOOL,
    IT_INT64,
    IT_UINT64,
    IT_FLOAT64,
    IT_STRING,
    IT_DATE,
    IT_DATETIME,
    IT_DATETIME64,
    IT_ARRAY,
    IT_TUPLE,
    IT_MAP,
} it_kind;

typedef struct itype itype;
struct itype {
    it_kind kind;
    bool neg; /* INT64: a negative value was seen */
    size_t n;
    itype **elems;      /* ARRAY: 1; TUPLE: n; MAP: 2 (key, value) */
    const char **names; /* TUPLE from a JSON object */
};

typedef enum rule { RULE_CSV, RULE_TSV, RULE_QUOTED, RULE_JSON } rule;

typedef struct infer {
    floe_arena *a;
    const floe_file_options *o;
    rule r;
    int depth;
    int in_array;     /* merging the elements of one JSON array */
    bool failed_hard; /* JSON: a value that cannot be typed (error set) */
} infer;

static itype *it_new(infer *in, it_kind k)
{
    itype *t = floe_arena_alloc(in->a, sizeof *t);
    t->kind = k;
    return t;
}

static bool it_equal(const itype *x, const itype *y)
{
    if (x->kind != y->kind || x->n != y->n)
        return false;
    for (size_t i = 0; i < x->n; i++) {
        if ((x->names == NULL) != (y->names == NULL))
            return false;
        if (x->names && strcmp(x->names[i], y->names[i]) != 0)
            return false;
        if (!it_equal(x->elems[i], y->elems[i]))
            return false;
    }
    if (x->kind == IT_ARRAY)
        return it_equal(x->elems[0], y->elems[0]);
    return true;
}

static bool is_num(it_kind k)
{
    return k == IT_INT64 || k == IT_UINT64 || k == IT_FLOAT64;
}

static bool is_dt(it_kind k)
{
    return k == IT_DATE || k == IT_DATETIME || k == IT_DATETIME64;
}

/*
 * The common type of x and y, or NULL when there is none. Simple types:
 * integers and floats give Float64, Int64 and UInt64 give Float64 as well,
 * Date with DateTime gives DateTime, any with DateTime64 gives DateTime64;
 * JSON also turns Bool with numbers into the number and numbers, Bool and
 * dates with String into String. Arrays merge their elements, object
 * tuples the union of their keys (first appearance order).
 */
static itype *merge(infer *in, itype *x, itype *y)
{
    if (!x)
        return y;
    if (!y)
        return x;
    if (x->kind == IT_INT64 && y->kind == IT_INT64)
        return x->neg || !y->neg ? x : y;
    if (it_equal(x, y))
        return x;
    if (x->kind == IT_NOTHING)
        return y;
    if (y->kind == IT_NOTHING)
        return x;
    it_kind a = x->kind, b = y->kind;
    if ((a == IT_INT64 && b == IT_UINT64) || (a == IT_UINT64 && b == IT_INT64)) {
        /* UInt64, unless JSON saw a negative value */
        const itype *si = a == IT_INT64 ? x : y;
        if (in->r == RULE_JSON && si->neg)
            return NULL;
        return a == IT_UINT64 ? x : y;
    }
    if (is_num(a) && is_num(b))
        return it_new(in, IT_FLOAT64);
    if (is_dt(a) && is_dt(b)) {
        if (a == IT_DATETIME64 || b == IT_DATETIME64)
            return it_new(in, IT_DATETIME64);
        return it_new(in, IT_DATETIME);
    }
    if (in->r == RULE_JSON) {
        if ((a == IT_BOOL && is_num(b)) || (b == IT_BOOL && is_num(a)))
            return is_num(a) ? x : y;
        bool xs = a == IT_STRING, ys = b == IT_STRING;
        /* inside one array numbers and strings stay apart (Array(Dynamic)) */
        bool nums = !in->in_array;
        bool xsimple = (nums && is_num(a)) || is_dt(a) || a == IT_BOOL;
        bool ysimple = (nums && is_num(b)) || is_dt(b) || b == IT_BOOL;
        if ((xs && (ysimple || ys)) || (ys && xsimple))
            return it_new(in, IT_STRING);
    }
    if (a == IT_ARRAY && b == IT_ARRAY) {
        itype *e = merge(in, x->elems[0], y->elems[0]);
        if (!e)
            return NULL;
        itype *r = it_new(in, IT_ARRAY);
        r->elems = floe_arena_alloc(in->a, sizeof *r->elems);
        r->elems[0] = e;
        return r;
    }
    if (a == IT_TUPLE && b == IT_TUPLE && x->names && y->names) {
        itype *r = it_new(in, IT_TUPLE);
        size_t cap = x->n + y->n + 1;
        r->elems = floe_arena_alloc(in->a, cap * sizeof *r->elems);
        r->names = floe_arena_alloc(in->a, cap * sizeof *r->names);
        for (size_t i = 0; i < x->n; i++) {
            r->names[r->n] = x->names[i];
            r->elems[r->n++] = x->elems[i];
        }
        for (size_t j = 0; j < y->n; j++) {
            size_t i = 0;
            while (i < r->n && strcmp(r->names[i], y->names[j]) != 0)
                i++;
            if (i == r->n) {
                r->names[r->n] = y->names[j];
                r->elems[r->n++] = y->elems[j];
            } else {
                itype *e = merge(in, r->elems[i], y->elems[j]);
                if (!e)
                    return NULL;
                r->elems[i] = e;
            }
        }
        return r;
    }
    if (a == IT_TUPLE && b == IT_TUPLE && !x->names && !y->names && x->n == y->n) {
        itype *r = it_new(in, IT_TUPLE);
        r->n = x->n;
        r->elems = floe_arena_alloc(in->a, (x->n + 1) * sizeof *r->elems);
        for (size_t i = 0; i < x->n; i++)
            if (!(r->elems[i] = merge(in, x->elems[i], y->elems[i])))
                return NULL;
        return r;
    }
    if (a == IT_MAP && b == IT_MAP) {
        itype *k = merge(in, x->elems[0], y->elems[0]);
        itype *v = merge(in, x->elems[1], y->elems[1]);
        if (!k || !v)
            return NULL;
        itype *r = it_new(in, IT_MAP);
        r->n = 0;
        r->elems = floe_arena_alloc(in->a, 2 * sizeof *r->elems);
        r->elems[0] = k;
        r->elems[1] = v;
        return r;
    }
    return NULL;
}

/* ---- scalar text: numbers, dates ---- */

static bool all_digits(const char *p, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return false;
    return true;
}

/* Integer: [+-]digits. Int64 when it fits, UInt64 when non-negative and
 * fits, else Float64 (ClickHouse reads too-large integers as floats). */
static itype *int_type(infer *in, const char *p, size_t n)
{
    bool neg = false;
    size_t i = 0;
    if (i < n && (p[i] == '+' || p[i] == '-'))
        neg = p[i++] == '-';
    if (!all_digits(p + i, n - i))
        return NULL;
    unsigned __int128 v = 0;
    bool big = false;
    for (; i < n; i++) {
        v = v * 10 + (unsigned)(p[i] - '0');
        if (v > ((unsigned __int128)1 << 64)) {
            big = true;
            break;
        }
    }
    if (big)
        return it_new(in, IT_FLOAT64);
    if (neg) {
        if (v > ((unsigned __int128)1 << 63))
            return it_new(in, IT_FLOAT64);
        itype *t = it_new(in, IT_INT64);
        t->neg = true;
        return t;
    }
    if (v <= (unsigned __int128)INT64_MAX)
        return it_new(in, IT_INT64);
    if (v <= (unsigned __int128)UINT64_MAX)
        return it_new(in, IT_UINT64);
    return it_new(in, IT_FLOAT64);
}

/* Float: [+-] digits [. digits] with at least one digit, an exponent when
 * allowed; inf/nan words when allowed. */
static bool float_text(const char *p, size_t n, bool exponent, bool words)
{
    size_t i = 0;
    if (i < n && (p[i] == '+' || p[i] == '-'))
        i++;
    if (words) {
        const char *w[] = {"inf", "infinity", "nan"};
        for (int k = 0; k < 3; k++)
            if (n - i == strlen(w[k]) && strncasecmp(p + i, w[k], n - i) == 0)
                return true;
    }
    size_t digits = 0;
    while (i < n && p[i] >= '0' && p[i] <= '9') {
        i++;
        digits++;
    }
    if (i < n && p[i] == '.') {
        i++;
        while (i < n && p[i] >= '0' && p[i] <= '9') {
            i++;
            digits++;
        }
    }
    if (!digits)
        return false;
    if (exponent && i < n && (p[i] == 'e' || p[i] == 'E')) {
        i++;
        if (i < n && (p[i] == '+' || p[i] == '-'))
            i++;
        if (!all_digits(p + i, n - i))
            return false;
        return true;
    }
    return i == n;
}

static itype *number_type(infer *in, const char *p, size_t n, bool exponent, bool words)
{
    itype *t = int_type(in, p, n);
    if (t && !in->o->try_infer_integers)
        t->kind = IT_FLOAT64;
    if (t)
        return t;
    if (float_text(p, n, exponent, words))
        return it_new(in, IT_FLOAT64);
    return NULL;
}

static int digits_at(const char *p, size_t n, size_t *i, int min, int max)
{
    int v = 0, k = 0;
    while (*i < n && k < max && p[*i] >= '0' && p[*i] <= '9') {
        v = v * 10 + (p[*i] - '0');
        (*i)++;
        k++;
    }
    return k >= min ? v : -1;
}

/* YYYY-M-D or YYYY/M/D (readDateText checks the month and a day up to
 * 31, not the month's length). */
static bool date_part(const char *p, size_t n, size_t *i)
{
    int y = digits_at(p, n, i, 4, 4);
    if (y < 0 || *i >= n || (p[*i] != '-' && p[*i] != '/'))
        return false;
    char sep = p[(*i)++];
    int m = digits_at(p, n, i, 1, 2);
    if (m < 1 || m > 12 || *i >= n || p[*i] != sep)
        return false;
    (*i)++;
    int d = digits_at(p, n, i, 1, 2);
    return d >= 1 && d <= 31;
}

/*
 * Date, DateTime or DateTime64(9) for text that is not a plain number:
 * YYYY-MM-DD; YYYY-MM-DD[ T]hh:mm[:ss][.frac][Z|±hh[:mm]]; DD/MM/YYYY
 * (best effort reads it as a DateTime). A subset of ClickHouse's best
 * effort parser: the forms files hold in practice.
 */
static itype *date_type_raw(infer *in, const char *p, size_t n)
{
    if (n < 8 || float_text(p, n, true, true))
        return NULL;
    size_t i = 0;
    if (date_part(p, n, &i)) {
        if (i == n)
            return it_new(in, IT_DATE);
        if (p[i] != ' ' && p[i] != 'T')
            return NULL;
        i++;
        /* best effort takes one or two digits and out-of-range hours */
        if (digits_at(p, n, &i, 1, 2) < 0 || i >= n || p[i] != ':')
            return NULL;
        i++;
        if (digits_at(p, n, &i, 1, 2) < 0)
            return NULL;
        if (i < n && p[i] == ':') {
            i++;
            if (digits_at(p, n, &i, 1, 2) < 0)
                return NULL;
        }
        bool frac = false;
        if (i < n && p[i] == '.') {
            i++;
            if (digits_at(p, n, &i, 1, 9) < 0)
                return NULL;
            frac = true;
        }
        if (i < n && p[i] == 'Z')
            i++;
        else if (i < n && (p[i] == '+' || p[i] == '-')) {
            i++;
            if (digits_at(p, n, &i, 2, 2) < 0)
                return NULL;
            if (i < n && p[i] == ':')
                i++;
            if (i < n && digits_at(p, n, &i, 2, 2) < 0)
                return NULL;
        }
        if (i != n)
            return NULL;
        return it_new(in, frac ? IT_DATETIME64 : IT_DATETIME);
    }
    /* DD/MM/YYYY, DD.MM.YYYY, DD-MM-YYYY */
    i = 0;
    int d = digits_at(p, n, &i, 1, 2);
    if (d < 0 || i >= n || (p[i] != '/' && p[i] != '.' && p[i] != '-'))
        return NULL;
    char sep = p[i++];
    int m = digits_at(p, n, &i, 1, 2);
    if (m < 0 || i >= n || p[i] != sep)
        return NULL;
    i++;
    int y = digits_at(p, n, &i, 4, 4);
    if (y < 0 || i != n || !floe_civil_valid(y, m, d))
        return NULL;
    return it_new(in, IT_DATETIME);
}

/* date_type_raw under input_format_try_infer_dates/_datetimes: without
 * dates a date reads as a DateTime, without datetimes not at all. */
static itype *date_type(infer *in, const char *p, size_t n)
{
    const floe_file_options *o = in->o;
    if (!o->try_infer_dates && !o->try_infer_datetimes)
        return NULL;
    itype *t = date_type_raw(in, p, n);
    if (!t)
        return NULL;
    if (t->kind == IT_DATE && !o->try_infer_dates)
        t->kind = IT_DATETIME;
    else if (t->kind != IT_DATE && !o->try_infer_datetimes)
        return NULL;
    return t;
}

/* ---- one value in Quoted or JSON syntax (arrays, tuples, maps, ...) ---- */

static void skip_ws(const char *p, size_t n, size_t *i)
{
    while (*i < n && (p[*i] == ' ' || p[*i] == '\t' || p[*i] == '\n' || p[*i] == '\r'))
        (*i)++;
}

/* Reads a quoted string ('..' with \ escapes and '' for Quoted, ".." for
 * JSON) into the arena; NULL when malformed. */
static char *read_string(infer *in, const char *p, size_t n, size_t *i, size_t *len)
{
    char q = p[*i];
    floe_buf b = FLOE_BUF_INIT;
    (*i)++;
    while (*i < n) {
        char c = p[*i];
        if (c == '\\' && *i + 1 < n) {
            char e = p[*i + 1];
            *i += 2;
            switch (e) {
            case 'n':
                floe_buf_putc(&b, '\n');
                break;
            case 't':
                floe_buf_putc(&b, '\t');
                break;
            case 'r':
                floe_buf_putc(&b, '\r');
                break;
            case 'b':
                floe_buf_putc(&b, '\b');
                break;
            case 'f':
                floe_buf_putc(&b, '\f');
                break;
            case '0':
                floe_buf_putc(&b, '\0');
                break;
            case 'u':
                /* \uXXXX: the text only matters for date detection */
                *i += (*i + 4 <= n) ? 4 : 0;
                floe_buf_putc(&b, '?');
                break;
            default:
                floe_buf_putc(&b, e);
            }
            continue;
        }
        if (c == q) {
            if (q == '\'' && *i + 1 < n && p[*i + 1] == '\'') {
                floe_buf_putc(&b, '\'');
                *i += 2;
                continue;
            }
            (*i)++;
            char *s = floe_arena_strndup(in->a, b.data ? b.data : "", b.len);
            *len = b.len;
            floe_buf_free(&b);
            return s;
        }
        floe_buf_putc(&b, c);
        (*i)++;
    }
    floe_buf_free(&b);
    return NULL;
}

static itype *value_type(infer *in, const char *p, size_t n, size_t *i);

static itype *seq_type(infer *in, const char *p, size_t n, size_t *i, char close, bool tuple)
{
    (*i)++;
    skip_ws(p, n, i);
    itype **items = NULL;
    size_t k = 0, cap = 0;
    bool bad = false;
    while (*i < n && p[*i] != close) {
        if (k > 0) {
            if (p[*i] != ',') {
                floe_free(items);
                return NULL;
            }
            (*i)++;
            skip_ws(p, n, i);
        }
        itype *t = value_type(in, p, n, i);
        if (in->failed_hard) {
            floe_free(items);
            return NULL;
        }
        if (!t)
            bad = true;
        FLOE_GROW(items, cap, k + 1);
        items[k++] = t;
        skip_ws(p, n, i);
        if (bad)
            break;
    }
    if (bad || *i >= n) {
        floe_free(items);
        return NULL;
    }
    (*i)++;
    itype *r = NULL;
    if (tuple) {
        if (k > 0) {
            r = it_new(in, IT_TUPLE);
            r->n = k;
            r->elems = floe_arena_memdup(in->a, items, k * sizeof *items);
        }
    } else {
        itype *e = k ? NULL : it_new(in, IT_NOTHING);
        in->in_array++;
        for (size_t j = 0; j < k; j++) {
            e = j ? merge(in, e, items[j]) : items[j];
            if (!e)
                break;
        }
        in->in_array--;
        if (e) {
            r = it_new(in, IT_ARRAY);
            r->elems = floe_arena_alloc(in->a, sizeof *r->elems);
            r->elems[0] = e;
        } else if (in->r == RULE_JSON) {
            floe_free(items);
            in->failed_hard = true;
            floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                       "JSON arrays of values with no common type (Array(Dynamic)) are not "
                       "supported yet");
            return NULL;
        }
    }
    floe_free(items);
    return r;
}

static itype *object_type(infer *in, const char *p, size_t n, size_t *i)
{
    (*i)++;
    skip_ws(p, n, i);
    itype *r = it_new(in, in->r == RULE_JSON ? IT_TUPLE : IT_MAP);
    size_t cap = 0;
    itype *key = NULL, *val = NULL;
    while (*i < n && p[*i] != '}') {
        if (r->n > 0 || key) {
            if (p[*i] != ',')
                return NULL;
            (*i)++;
            skip_ws(p, n, i);
        }
        const char *name = NULL;
        itype *kt;
        if (in->r == RULE_JSON) {
            size_t len;
            if (*i >= n || p[*i] != '"' || !(name = read_string(in, p, n, i, &len)))
                return NULL;
            kt = it_new(in, IT_STRING);
        } else {
            kt = value_type(in, p, n, i);
            if (!kt)
                return NULL;
        }
        skip_ws(p, n, i);
        if (*i >= n || p[*i] != ':')
            return NULL;
        (*i)++;
        skip_ws(p, n, i);
        itype *vt = value_type(in, p, n, i);
        if (!vt)
            return NULL;
        skip_ws(p, n, i);
        if (in->r == RULE_JSON) {
            size_t j = 0;
            while (j < r->n && strcmp(r->names[j], name) != 0)
                j++;
            if (j == r->n) {
                if (r->n + 1 > cap) {
                    size_t nc = cap ? cap * 2 : 4;
                    itype **ne = floe_arena_alloc(in->a, nc * sizeof *ne);
                    const char **nn = floe_arena_alloc(in->a, nc * sizeof *nn);
                    if (r->n) {
                        memcpy(ne, r->elems, r->n * sizeof *ne);
                        memcpy(nn, r->names, r->n * sizeof *nn);
                    }
                    r->elems = ne;
                    r->names = nn;
                    cap = nc;
                }
                r->names[r->n] = name;
                r->elems[r->n++] = vt;
            } else {
                r->elems[j] = vt; /* a repeated key: the last value wins */
            }
        } else {
            key = key ? merge(in, key, kt) : kt;
            val = val ? merge(in, val, vt) : vt;
            if (!key || !val)
                return NULL;
        }
    }
    if (*i >= n)
        return NULL;
    (*i)++;
    if (in->r == RULE_JSON) {
        if (!r->names)
            r->names = floe_arena_alloc(in->a, sizeof *r->names);
        return r;
    }
    r->elems = floe_arena_alloc(in->a, 2 * sizeof *r->elems);
    r->elems[0] = key ? key : it_new(in, IT_NOTHING);
    r->elems[1] = val ? val : it_new(in, IT_NOTHING);
    return r;
}

/* The end of a bare token (number, true, null) in a value. */
static size_t token_end(const char *p, size_t n, size_t i)
{
    while (i < n && p[i] != ',' && p[i] != ']' && p[i] != ')' && p[i] != '}' && p[i] != ':' &&
           p[i] != ' ' && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
        i++;
    return i;
}

static itype *value_type(infer *in, const char *p, size_t n, size_t *i)
{
    if (++in->depth > 1000) {
        in->failed_hard = true;
        floe_error(FLOE_ERR_TOO_DEEP_RECURSION,
                   "Maximum parse depth (1000) exceeded. Consider rising max_parser_depth "
                   "setting.");
        return NULL;
    }
    itype *r = NULL;
    skip_ws(p, n, i);
    if (*i >= n)
        goto done;
    char c = p[*i];
    bool json = in->r == RULE_JSON;
    if (c == '[') {
        r = seq_type(in, p, n, i, ']', false);
    } else if (c == '(' && !json) {
        r = seq_type(in, p, n, i, ')', true);
    } else if (c == '{') {
        r = object_type(in, p, n, i);
    } else if (c == (json ? '"' : '\'')) {
        size_t len;
        char *s = read_string(in, p, n, i, &len);
        if (s) {
            r = date_type(in, s, len);
            if (!r)
                r = it_new(in, IT_STRING);
        }
    } else {
        size_t e = token_end(p, n, *i);
        const char *t = p + *i;
        size_t len = e - *i;
        if ((len == 4 && strncasecmp(t, "true", 4) == 0) ||
            (len == 5 && strncasecmp(t, "false", 5) == 0))
            r = it_new(in, IT_BOOL);
        else if (len == 4 && strncasecmp(t, "null", 4) == 0)
            r = it_new(in, IT_NOTHING);
        else if (len == 3 && strncasecmp(t, "nan", 3) == 0)
            r = it_new(in, IT_FLOAT64);
        else
            r = number_type(in, t, len, json || in->o->try_infer_exponent_floats, false);
        if (r)
            *i = e;
    }
done:
    in->depth--;
    return r;
}

/* A whole field in Quoted syntax (TSV values, CSV values in quotes): the
 * value must use up the field. */
static itype *single_field(infer *in, const char *p, size_t n)
{
    rule saved = in->r;
    in->r = RULE_QUOTED;
    size_t i = 0;
    itype *t = value_type(in, p, n, &i);
    in->r = saved;
    skip_ws(p, n, &i);
    return i == n ? t : NULL;
}

static bool contains_kind(const itype *t, it_kind k)
{
    if (!t)
        return false;
    if (t->kind == k)
        return true;
    size_t m = t->kind == IT_ARRAY ? 1 : t->kind == IT_MAP ? 2 : t->n;
    for (size_t i = 0; i < m; i++)
        if (contains_kind(t->elems[i], k))
            return true;
    return false;
}

/* CSV field (quotes kept, unquoted ones already trimmed). */
static itype *csv_field(infer *in, const char *p, size_t n, bool quoted)
{
    if (!in->o->csv_best_effort)
        return it_new(in, IT_STRING);
    if (n == 0 && !quoted)
        return NULL;
    if (!quoted && n == 2 && p[0] == '\\' && p[1] == 'N')
        return it_new(in, IT_NOTHING);
    if (!quoted &&
        ((n == 4 && memcmp(p, "true", 4) == 0) || (n == 5 && memcmp(p, "false", 5) == 0)))
        return it_new(in, IT_BOOL);
    if (quoted) {
        itype *t = date_type(in, p, n);
        if (t)
            return t;
        t = single_field(in, p, n);
        if (!t || is_num(t->kind) || t->kind == IT_BOOL || t->kind == IT_TUPLE)
            return it_new(in, IT_STRING);
        return t;
    }
    itype *t = number_type(in, p, n, in->o->try_infer_exponent_floats, true);
    if (t)
        return t;
    t = date_type(in, p, n);
    return t ? t : it_new(in, IT_STRING);
}

/* TSV field, escaped as it is in the file. */
static itype *tsv_field(infer *in, const char *p, size_t n)
{
    if (!in->o->tsv_best_effort)
        return it_new(in, IT_STRING);
    if (n == 0)
        return NULL;
    if (n == 2 && p[0] == '\\' && p[1] == 'N')
        return it_new(in, IT_NOTHING);
    if ((n == 4 && memcmp(p, "true", 4) == 0) || (n == 5 && memcmp(p, "false", 5) == 0))
        return it_new(in, IT_BOOL);
    itype *t = date_type(in, p, n);
    if (t)
        return t;
    /* TSV does not read numbers with a leading zero */
    if (p[0] == '0' && n != 1)
        return it_new(in, IT_STRING);
    t = single_field(in, p, n);
    return t ? t : it_new(in, IT_STRING);
}

/* ---- from inferred types to floe types ---- */

/* A leaf type, Nullable unless schema_inference_make_columns_nullable = 0. */
static const floe_type *leaf(bool nullable, const floe_type *t)
{
    return nullable ? floe_type_nullable(t) : t;
}

static int to_type(const floe_type **out, const itype *t, bool nullable)
{
    switch (t->kind) {
    case IT_NOTHING:
    case IT_STRING:
        *out = leaf(nullable, floe_type_get(FLOE_TYPE_STRING));
        return 0;
    case IT_BOOL:
        *out = leaf(nullable, floe_type_get(FLOE_TYPE_BOOL));
        return 0;
    case IT_INT64:
        *out = leaf(nullable, floe_type_get(FLOE_TYPE_INT64));
        return 0;
    case IT_UINT64:
        *out = leaf(nullable, floe_type_get(FLOE_TYPE_UINT64));
        return 0;
    case IT_FLOAT64:
        *out = leaf(nullable, floe_type_get(FLOE_TYPE_FLOAT64));
        return 0;
    case IT_DATE:
        *out = leaf(nullable, floe_type_get(FLOE_TYPE_DATE));
        return 0;
    case IT_DATETIME:
        *out = leaf(nullable, floe_type_datetime(NULL));
        return 0;
    case IT_DATETIME64:
        *out = leaf(nullable, floe_type_datetime64(9, NULL));
        return 0;
    case IT_ARRAY: {
        const floe_type *e;
        if (to_type(&e, t->elems[0], nullable) < 0)
            return -1;
        *out = floe_type_array(e);
        return 0;
    }
    case IT_TUPLE: {
        if (t->n == 0) {
            *out = leaf(nullable, floe_type_get(FLOE_TYPE_STRING));
            return 0;
        }
        const floe_type **e = floe_malloc(t->n * sizeof *e);
        for (size_t i = 0; i < t->n; i++)
            if (to_type(&e[i], t->elems[i], nullable) < 0) {
                floe_free(e);
                return -1;
            }
        *out = floe_type_tuple(e, t->names, t->n);
        floe_free(e);
        return 0;
    }
    case IT_MAP:
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Map types are not supported yet (schema inference found a map)");
    }
    return floe_error(FLOE_ERR_LOGICAL_ERROR, "Unknown inferred type");
}

/* The name ClickHouse gives an inferred type before Nullable is added
 * (for messages). */
static void it_name(floe_buf *b, const itype *t)
{
    static const char *const simple[] = {"Nullable(Nothing)", "Bool",   "Int64", "UInt64",
                                         "Float64",           "String", "Date",  "DateTime",
                                         "DateTime64(9)"};
    switch (t->kind) {
    case IT_ARRAY:
        floe_buf_puts(b, "Array(");
        it_name(b, t->elems[0]);
        floe_buf_putc(b, ')');
        return;
    case IT_MAP:
        floe_buf_puts(b, "Map(");
        it_name(b, t->elems[0]);
        floe_buf_puts(b, ", ");
        it_name(b, t->elems[1]);
        floe_buf_putc(b, ')');
        return;
    case IT_TUPLE:
        floe_buf_puts(b, "Tuple(");
        for (size_t i = 0; i < t->n; i++) {
            if (i)
                floe_buf_puts(b, ", ");
            if (t->names)
                floe_buf_printf(b, "%s ", t->names[i]);
            it_name(b, t->elems[i]);
        }
        floe_buf_putc(b, ')');
        return;
    default:
        floe_buf_puts(b, simple[t->kind]);
    }
}

/* ---- formats ---- */

typedef struct column_set {
    const char **names;
    itype **types;
    size_t n, cap;
} column_set;

static size_t col_add(column_set *cs, floe_arena *a, const char *name)
{
    if (cs->n == cs->cap) {
        size_t nc = cs->cap ? cs->cap * 2 : 8;
        const char **nn = floe_arena_alloc(a, nc * sizeof *nn);
        itype **nt = floe_arena_alloc(a, nc * sizeof *nt);
        if (cs->n) {
            memcpy(nn, cs->names, cs->n * sizeof *nn);
            memcpy(nt, cs->types, cs->n * sizeof *nt);
        }
        cs->names = nn;
        cs->types = nt;
        cs->cap = nc;
    }
    cs->names[cs->n] = name;
    cs->types[cs->n] = NULL;
    return cs->n++;
}

static int cannot_extract(const char *format, const char *why)
{
    return floe_error(FLOE_ERR_CANNOT_EXTRACT_TABLE_STRUCTURE,
                      "The table structure cannot be extracted from a %s format file. Error:\n%s.\n"
                      "You can specify the structure manually",
                      format, why);
}

/* Splits one CSV record at *pos into fields (arena copies, quotes kept for
 * the classifier via quoted[]). Returns false at the end of data. */
static bool csv_record(floe_arena *a, const char *p, size_t n, size_t *pos, char delim,
                       char ***fields, bool **quoted, size_t *nf)
{
    size_t i = *pos;
    if (i >= n)
        return false;
    size_t cap = 0;
    *nf = 0;
    *fields = NULL;
    *quoted = NULL;
    for (;;) {
        /* one field */
        while (i < n && (p[i] == ' ' || p[i] == '\t') && p[i] != delim)
            i++;
        floe_buf b = FLOE_BUF_INIT;
        bool q = false;
        if (i < n && p[i] == '"') {
            q = true;
            i++;
            while (i < n) {
                if (p[i] == '"') {
                    if (i + 1 < n && p[i + 1] == '"') {
                        floe_buf_putc(&b, '"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                floe_buf_putc(&b, p[i++]);
            }
            while (i < n && (p[i] == ' ' || p[i] == '\t') && p[i] != delim)
                i++;
        } else {
            size_t s = i;
            while (i < n && p[i] != delim && p[i] != '\n' && p[i] != '\r')
                i++;
            size_t e = i;
            while (e > s && (p[e - 1] == ' ' || p[e - 1] == '\t'))
                e--;
            floe_buf_append(&b, p + s, e - s);
        }
        if (*nf == cap) {
            size_t nc = cap ? cap * 2 : 16;
            char **nfld = floe_arena_alloc(a, nc * sizeof *nfld);
            bool *nq = floe_arena_alloc(a, nc * sizeof *nq);
            if (*nf) {
                memcpy(nfld, *fields, *nf * sizeof *nfld);
                memcpy(nq, *quoted, *nf * sizeof *nq);
            }
            *fields = nfld;
            *quoted = nq;
            cap = nc;
        }
        (*fields)[*nf] = floe_arena_strndup(a, b.data ? b.data : "", b.len);
        (*quoted)[(*nf)++] = q;
        floe_buf_free(&b);
        if (i < n && p[i] == delim) {
            i++;
            continue;
        }
        break;
    }
    if (i < n && p[i] == '\r')
        i++;
    if (i < n && p[i] == '\n')
        i++;
    *pos = i;
    return true;
}

/* One TSV record: fields as they are in the file (escapes kept). */
static bool tsv_record(floe_arena *a, const char *p, size_t n, size_t *pos, char ***fields,
                       size_t *nf)
{
    size_t i = *pos;
    if (i >= n)
        return false;
    size_t e = i;
    while (e < n && p[e] != '\n')
        e++;
    size_t end = e;
    if (end > i && p[end - 1] == '\r')
        end--;
    size_t cnt = 1;
    for (size_t k = i; k < end; k++)
        cnt += p[k] == '\t';
    *fields = floe_arena_alloc(a, cnt * sizeof **fields);
    *nf = 0;
    size_t s = i;
    for (size_t k = i;; k++) {
        if (k == end || p[k] == '\t') {
            (*fields)[(*nf)++] = floe_arena_strndup(a, p + s, k - s);
            s = k + 1;
            if (k == end)
                break;
        }
    }
    *pos = e < n ? e + 1 : e;
    return true;
}

/* TSV unescaping for header names. */
static char *tsv_unescape(floe_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *o = floe_arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            char e = s[++i];
            o[k++] = e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == '0' ? '\0' : e;
        } else {
            o[k++] = s[i];
        }
    }
    o[k] = '\0';
    return o;
}

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool read_record(floe_arena *a, const char *data, size_t len, size_t *pos, bool csv,
                        char delim, char ***f, bool **q, size_t *nf)
{
    if (csv)
        return csv_record(a, data, len, pos, delim, f, q, nf);
    *q = NULL;
    return tsv_record(a, data, len, pos, f, nf);
}

static itype *field_type(infer *in, bool csv, const char *f, bool quoted)
{
    return csv ? csv_field(in, f, strlen(f), quoted) : tsv_field(in, f, strlen(f));
}

/* Names from a header row: unescaped (TSV), unique. */
static int set_names(column_set *cs, const char *format, char **f, size_t nf, bool csv,
                     floe_arena *a)
{
    for (size_t i = 0; i < nf; i++) {
        const char *nm = csv ? f[i] : tsv_unescape(a, f[i]);
        for (size_t j = 0; j < i; j++)
            if (strcmp(cs->names[j], nm) == 0) {
                char why[300];
                snprintf(why, sizeof why,
                         "Duplicate column name found while schema inference: \"%.200s\"", nm);
                return cannot_extract(format, why);
            }
        if (i < cs->n)
            cs->names[i] = nm;
        else
            col_add(cs, a, nm);
    }
    return 0;
}

/* The types row of a ...WithNamesAndTypes header; false (error cleared)
 * when some field is not a type name. */
static bool parse_types(const floe_type ***out, char **f, size_t nf, bool csv, floe_arena *a)
{
    const floe_type **tv = floe_arena_alloc(a, (nf + 1) * sizeof *tv);
    for (size_t i = 0; i < nf; i++) {
        const char *tn = csv ? f[i] : tsv_unescape(a, f[i]);
        if (!*tn || floe_type_parse(&tv[i], tn, strlen(tn)) < 0) {
            floe_error_clear();
            return false;
        }
    }
    *out = tv;
    return true;
}

/*
 * CSV and TSV. Without a header format the first row is taken as column
 * names when, as ClickHouse detects it (input_format_{csv,tsv}_detect_header),
 * all its fields are strings and the next row gives some column another
 * type; a second row of type names makes it a names-and-types header.
 */
static int infer_delimited(column_set *cs, infer *in, const char *format, const char *data,
                           size_t len, const floe_file_options *opts, bool csv, bool names,
                           bool types, floe_arena *a, const floe_type ***fixed, int *detected)
{
    size_t pos = 0, rows = 0;
    char delim = opts->format.csv_delimiter ? opts->format.csv_delimiter : ',';
    char **f;
    bool *q = NULL;
    size_t nf;
    size_t n_cols = 0;
    char **first = NULL; /* a header candidate */
    size_t n_first = 0;
    bool header = false;
    if (names) {
        if (!read_record(a, data, len, &pos, csv, delim, &f, &q, &nf))
            return cannot_extract(format, "Cannot read the table structure: the file is empty");
        if (set_names(cs, format, f, nf, csv, a) < 0)
            return -1;
        n_cols = nf;
        if (types) {
            if (!read_record(a, data, len, &pos, csv, delim, &f, &q, &nf) || nf != n_cols)
                return cannot_extract(format, "Cannot read the row with types");
            for (size_t i = 0; i < nf; i++) {
                const char *tn = csv ? f[i] : tsv_unescape(a, f[i]);
                const floe_type *t;
                if (floe_type_parse(&t, tn, strlen(tn)) < 0)
                    return -1;
            }
            parse_types(fixed, f, nf, csv, a);
            return 0;
        }
    }
    while (rows < opts->infer_max_rows) {
        if (!read_record(a, data, len, &pos, csv, delim, &f, &q, &nf))
            break;
        /* an empty last line is the file's final newline */
        if (nf == 1 && f[0][0] == '\0' && (!q || !q[0]) && pos >= len)
            break;
        if (n_cols == 0 && cs->n == 0) {
            for (size_t i = 0; i < nf; i++) {
                char nm[32];
                snprintf(nm, sizeof nm, "c%zu", i + 1);
                col_add(cs, a, floe_arena_strdup(a, nm));
            }
            n_cols = nf;
            if (!names && (csv ? opts->csv_detect_header : opts->tsv_detect_header)) {
                bool all_strings = true;
                for (size_t i = 0; i < nf && all_strings; i++) {
                    itype *t = field_type(in, csv, f[i], q && q[i]);
                    all_strings = t && t->kind == IT_STRING;
                }
                if (all_strings) {
                    /* decided once the rows below are seen */
                    first = f;
                    n_first = nf;
                    size_t save = pos;
                    char **f2;
                    bool *q2;
                    size_t nf2;
                    if (read_record(a, data, len, &pos, csv, delim, &f2, &q2, &nf2) && nf2 == nf &&
                        parse_types(fixed, f2, nf2, csv, a)) {
                        *detected = 2;
                        return set_names(cs, format, first, n_first, csv, a);
                    }
                    *fixed = NULL;
                    pos = save;
                    continue;
                }
            }
        }
        if (nf != n_cols) {
            char why[160];
            snprintf(why, sizeof why,
                     "Number of columns in row %zu (%zu) differs from the first row (%zu)",
                     rows + 1 + (first != NULL), nf, n_cols);
            return cannot_extract(format, why);
        }
        for (size_t i = 0; i < nf; i++) {
            itype *t = field_type(in, csv, f[i], q && q[i]);
            /* the row after a candidate header decides: another type there */
            if (first && rows == 0 && t && t->kind != IT_STRING && t->kind != IT_NOTHING)
                header = true;
            if (!t)
                continue;
            itype *m = merge(in, cs->types[i], t);
            cs->types[i] = m ? m : it_new(in, IT_STRING);
        }
        rows++;
    }
    if (cs->n == 0)
        return cannot_extract(format, "Cannot read the table structure: the file is empty");
    if (first) {
        if (header) {
            *detected = 1;
            return set_names(cs, format, first, n_first, csv, a);
        }
        /* the first row is data: strings */
        for (size_t i = 0; i < cs->n; i++)
            cs->types[i] = it_new(in, IT_STRING);
    }
    return 0;
}

static int infer_json_each_row(column_set *cs, infer *in, const char *format, const char *data,
                               size_t len, const floe_file_options *opts, floe_arena *a)
{
    size_t i = 0, rows = 0;
    skip_ws(data, len, &i);
    if (i < len && data[i] == '[')
        i++;
    while (rows < opts->infer_max_rows) {
        skip_ws(data, len, &i);
        if (i < len && data[i] == ',') {
            i++;
            skip_ws(data, len, &i);
        }
        if (i >= len || data[i] == ']')
            break;
        if (data[i] != '{') {
            char why[200];
            snprintf(why, sizeof why, "Cannot parse JSON object here: %.*s",
                     (int)(len - i < 40 ? len - i : 40), data + i);
            return cannot_extract(format, why);
        }
        itype *obj = value_type(in, data, len, &i);
        if (in->failed_hard)
            return -1;
        if (!obj || obj->kind != IT_TUPLE)
            return cannot_extract(format, "Cannot parse a JSON object");
        for (size_t k = 0; k < obj->n; k++) {
            size_t c = 0;
            while (c < cs->n && strcmp(cs->names[c], obj->names[k]) != 0)
                c++;
            if (c == cs->n)
                col_add(cs, a, obj->names[k]);
            itype *m = merge(in, cs->types[c], obj->elems[k]);
            if (!m) {
                floe_buf cur = FLOE_BUF_INIT, prev = FLOE_BUF_INIT;
                it_name(&cur, obj->elems[k]);
                it_name(&prev, cs->types[c]);
                floe_buf why = FLOE_BUF_INIT;
                floe_buf_printf(&why,
                                "Automatically defined type %s for column '%s' in row %zu "
                                "differs from type defined by previous rows: %s. You can "
                                "specify the type for this column using setting "
                                "schema_inference_hints",
                                cur.data, obj->names[k], rows, prev.data);
                cannot_extract(format, why.data);
                floe_buf_free(&cur);
                floe_buf_free(&prev);
                floe_buf_free(&why);
                return -1;
            }
            cs->types[c] = m;
        }
        rows++;
    }
    if (cs->n == 0)
        return cannot_extract(format, "Cannot read the table structure: the file is empty");
    return 0;
}

/* The variant of a CSV/TSV format that reads header rows: 1 names, 2 names
 * and types. */
static const char *with_header(const char *format, int rows)
{
    static const char *const map[][3] = {
        {"CSV", "CSVWithNames", "CSVWithNamesAndTypes"},
        {"TSV", "TSVWithNames", "TSVWithNamesAndTypes"},
        {"TabSeparated", "TabSeparatedWithNames", "TabSeparatedWithNamesAndTypes"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], format) == 0)
            return map[i][rows];
    return format;
}

int floe_file_infer_schema(size_t *n, const char ***names, const floe_type ***types,
                           const char **read_format, const char *format, const char *data,
                           size_t len, bool complete, const floe_file_options *opts_in,
                           floe_arena *a)
{
    floe_file_options defaults;
    const floe_file_options *opts = opts_in;
    if (!opts) {
        floe_file_options_init(&defaults);
        opts = &defaults;
    }
    if (!complete) {
        /* the byte limit cut the data: drop the incomplete last line */
        while (len > 0 && data[len - 1] != '\n')
            len--;
    }
    infer in = {a, opts, RULE_CSV, 0, 0, false};
    column_set cs = {0};
    const floe_type **fixed = NULL;
    int rc;
    bool csv = starts(format, "CSV");
    bool tsv = starts(format, "TSV") || starts(format, "TabSeparated") || starts(format, "Raw");
    bool json = strcmp(format, "JSONEachRow") == 0 || strcmp(format, "JSONLines") == 0 ||
                strcmp(format, "NDJSON") == 0 || strcmp(format, "JSONL") == 0;
    if (csv || tsv) {
        const char *suffix = format + strcspn(format, "W");
        bool names_row = strncmp(suffix, "WithNames", 9) == 0;
        bool types_row = strcmp(suffix, "WithNamesAndTypes") == 0;
        in.r = csv ? RULE_CSV : RULE_TSV;
        int header = 0;
        rc = infer_delimited(&cs, &in, format, data, len, opts, csv, names_row, types_row, a,
                             &fixed, &header);
        if (read_format)
            *read_format = header ? with_header(format, header) : format;
    } else if (json) {
        in.r = RULE_JSON;
        rc = infer_json_each_row(&cs, &in, format, data, len, opts, a);
        if (read_format)
            *read_format = format;
    } else if (strcmp(format, "Parquet") == 0) {
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Parquet schemas come from the whole file (floe_file_infer_from_paths), "
                          "not from a text prefix");
    } else {
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Schema inference for format %s is not supported yet: give the "
                          "structure argument",
                          format);
    }
    if (rc < 0)
        return -1;
    const floe_type **tv = floe_arena_alloc(a, (cs.n + 1) * sizeof *tv);
    for (size_t i = 0; i < cs.n; i++) {
        if (fixed) {
            tv[i] = fixed[i];
            continue;
        }
        itype *t = cs.types[i];
        /* CSV/TSV: a column with no full type (all NULL, [] only) is String */
        if (!t || (!json && contains_kind(t, IT_NOTHING)))
            t = it_new(&in, IT_STRING);
        if (to_type(&tv[i], t, opts->make_nullable != 0) < 0)
            return -1;
    }
    *n = cs.n;
    *names = cs.names;
    *types = tv;
    return 0;
}

const char *floe_file_read_format(const char *format, const char *data, size_t len, size_t n_cols,
                                  const char *const *names, const floe_type *const *types,
                                  const floe_file_options *opts)
{
    bool csv = strcmp(format, "CSV") == 0;
    if (with_header(format, 1) == format ||
        !(csv ? opts->csv_detect_header : opts->tsv_detect_header))
        return format;
    floe_arena a = FLOE_ARENA_INIT;
    char delim = opts->format.csv_delimiter ? opts->format.csv_delimiter : ',';
    size_t pos = 0, nf;
    char **f;
    bool *q;
    int rows = 0;
    if (read_record(&a, data, len, &pos, csv, delim, &f, &q, &nf) && nf == n_cols) {
        bool same = true;
        for (size_t i = 0; i < nf && same; i++)
            same = strcmp(csv ? f[i] : tsv_unescape(&a, f[i]), names[i]) == 0;
        if (same) {
            rows = 1;
            if (read_record(&a, data, len, &pos, csv, delim, &f, &q, &nf) && nf == n_cols) {
                bool typed = true;
                for (size_t i = 0; i < nf && typed; i++)
                    typed = strcmp(csv ? f[i] : tsv_unescape(&a, f[i]), types[i]->name) == 0;
                if (typed)
                    rows = 2;
            }
        }
    }
    floe_arena_free(&a);
    return rows ? with_header(format, rows) : format;
}

const floe_type *floe_file_infer_value_type(const char *text, size_t len)
{
    floe_file_options o;
    floe_file_options_init(&o);
    floe_arena a = FLOE_ARENA_INIT;
    infer in = {&a, &o, RULE_TSV, 0, 0, false};
    itype *t = tsv_field(&in, text, len);
    const floe_type *r = NULL;
    if (t && t->kind != IT_STRING && t->kind != IT_NOTHING && to_type(&r, t, false) < 0) {
        floe_error_clear();
        r = NULL;
    }
    floe_arena_free(&a);
    return r ? r : floe_type_lowcardinality(floe_type_get(FLOE_TYPE_STRING));
}
