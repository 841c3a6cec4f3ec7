/*
 * Regular-expression functions: match (and the REGEXP operator),
 * replaceRegexpOne, replaceRegexpAll and extract. ClickHouse uses RE2; floe
 * compiles the pattern with the C library's POSIX regcomp after rewriting
 * RE2's common shorthands (\d, \s, \w, (?:, (?i)). Whether a string matches
 * is the same for such patterns; where RE2's leftmost-first choice differs
 * from POSIX's leftmost-longest, the matched text can differ. A pattern
 * that is the same on every row is compiled once.
 */
#include <regex.h>

#include "base/buf.h"
#include "expr/functions_impl.h"

/* Row i of a String or FixedString column. */
static const char *str_row(const floe_column *c, size_t i, size_t *len)
{
    const floe_type *t = floe_type_base(c->type);
    if (t->id == FLOE_TYPE_FIXEDSTRING) {
        *len = t->n;
        return (const char *)c->data + i * t->n;
    }
    return floe_column_string_at(c, i, len);
}

static bool same_all_rows(const floe_column *c, size_t rows)
{
    size_t l0;
    const char *p0 = str_row(c, 0, &l0);
    for (size_t i = 1; i < rows; i++) {
        size_t l;
        const char *p = str_row(c, i, &l);
        if (l != l0 || (l && memcmp(p, p0, l) != 0))
            return false;
    }
    return true;
}

static int need_strings(const char *name, const floe_func_args *args, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!floe_type_is_string(floe_fn_arg_base(args, i)))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type %s of argument of function %s",
                              floe_fn_arg_base(args, i)->name, name);
    return 0;
}

/* Rewrites RE2 syntax (ClickHouse's) into POSIX ERE for regcomp: \d \D \s
 * \S \w \W classes, (?: groups, a leading (?i) flag; lazy quantifiers
 * become greedy, which does not change whether there is a match. */
static char *re2_to_ere(const char *p, size_t n, int *flags)
{
    floe_buf b = FLOE_BUF_INIT;
    bool in_class = false;
    size_t i = 0;
    if (n >= 4 && memcmp(p, "(?i)", 4) == 0) {
        *flags |= REG_ICASE;
        i = 4;
    }
    for (; i < n; i++) {
        char c = p[i];
        if (c == '\\' && i + 1 < n) {
            char d = p[++i];
            const char *cls = NULL, *in = NULL;
            switch (d) {
            case 'd':
                cls = "[0-9]", in = "0-9";
                break;
            case 'D':
                cls = "[^0-9]";
                break;
            case 's':
                cls = "[[:space:]]", in = "[:space:]";
                break;
            case 'S':
                cls = "[^[:space:]]";
                break;
            case 'w':
                cls = "[[:alnum:]_]", in = "[:alnum:]_";
                break;
            case 'W':
                cls = "[^[:alnum:]_]";
                break;
            }
            if (in_class) {
                if (in)
                    floe_buf_puts(&b, in);
                else if (d == '\\')
                    floe_buf_putc(&b, '\\');
                else
                    floe_buf_putc(&b, d);
            } else if (cls) {
                floe_buf_puts(&b, cls);
            } else if (d == 'n' || d == 't') {
                floe_buf_putc(&b, d == 'n' ? '\n' : '\t');
            } else {
                floe_buf_putc(&b, '\\');
                floe_buf_putc(&b, d);
            }
            continue;
        }
        if (in_class) {
            if (c == ']')
                in_class = false;
            floe_buf_putc(&b, c);
            continue;
        }
        if (c == '[') {
            in_class = true;
            floe_buf_putc(&b, c);
            if (i + 1 < n && p[i + 1] == '^')
                floe_buf_putc(&b, p[++i]);
            if (i + 1 < n && p[i + 1] == ']')
                floe_buf_putc(&b, p[++i]);
            continue;
        }
        if (c == '(' && i + 2 < n && p[i + 1] == '?' && p[i + 2] == ':') {
            floe_buf_putc(&b, '(');
            i += 2;
            continue;
        }
        if ((c == '?') && i > 0 &&
            (p[i - 1] == '*' || p[i - 1] == '+' || p[i - 1] == '?' || p[i - 1] == '}'))
            continue; /* lazy quantifier */
        floe_buf_putc(&b, c);
    }
    size_t len;
    char *s = floe_buf_detach(&b, &len);
    return s ? s : floe_strdup("");
}

static int regex_compile(regex_t *re, const char *p, size_t n, bool nosub)
{
    int flags = REG_EXTENDED | (nosub ? REG_NOSUB : 0);
    char *ere = re2_to_ere(p, n, &flags);
    int rc = regcomp(re, ere, flags);
    floe_free(ere);
    if (rc != 0) {
        char msg[256];
        regerror(rc, re, msg, sizeof msg);
        /* the error text is the POSIX library's, not RE2's */
        return floe_error(FLOE_ERR_CANNOT_COMPILE_REGEXP,
                          "OptimizedRegularExpression: cannot compile re2: %.*s, error: %s. Look "
                          "at https://github.com/google/re2/wiki/Syntax for reference. Please note "
                          "that if you specify regex as an SQL string literal, the slashes have to "
                          "be additionally escaped. For example, to match an opening brace, write "
                          "'\\(' -- the first slash is for SQL and the second one is for regex",
                          (int)n, p, msg);
    }
    return 0;
}

/* The compiled pattern for row i: recompiled only when the pattern
 * column is not constant. */
typedef struct row_regex {
    regex_t re;
    bool compiled, constant, nosub;
} row_regex;

static int row_regex_get(row_regex *rr, const floe_column *pat, size_t i)
{
    if (rr->compiled && (rr->constant || i == 0))
        return 0;
    if (rr->compiled)
        regfree(&rr->re);
    rr->compiled = false;
    size_t pl;
    const char *pp = str_row(pat, i, &pl);
    if (regex_compile(&rr->re, pp, pl, rr->nosub) < 0)
        return -1;
    rr->compiled = true;
    return 0;
}

static void row_regex_free(row_regex *rr)
{
    if (rr->compiled)
        regfree(&rr->re);
}

/* A terminated copy of a value for regexec (a NUL inside ends it). */
static const char *terminated(char **buf, size_t *cap, const char *p, size_t n)
{
    FLOE_GROW(*buf, *cap, n + 1);
    if (n)
        memcpy(*buf, p, n);
    (*buf)[n] = 0;
    return *buf;
}

/* ---- match ---- */

static int match_resolve(const floe_type **ret, const floe_func_args *args,
                         const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("match", args, 2) < 0 || need_strings("match", args, 2) < 0)
        return -1;
    size_t len;
    const char *p = floe_fn_const_string(args, 1, &len);
    if (p) {
        regex_t re;
        if (regex_compile(&re, p, len, true) < 0)
            return -1;
        regfree(&re);
    }
    *ret = floe_type_get(FLOE_TYPE_UINT8);
    return 0;
}

static int match_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                      const floe_func_ctx *ctx)
{
    uint8_t *o = floe_fn_out_fixed(out, rows);
    if (rows == 0)
        return 0;
    row_regex rr = {.constant = same_all_rows(args[1], rows), .nosub = true};
    char *buf = NULL;
    size_t cap = 0;
    int rc = 0;
    for (size_t i = 0; i < rows; i++) {
        if ((rc = row_regex_get(&rr, args[1], i)) < 0)
            break;
        size_t hl;
        const char *h = str_row(args[0], i, &hl);
        o[i] = regexec(&rr.re, terminated(&buf, &cap, h, hl), 0, NULL, 0) == 0;
    }
    row_regex_free(&rr);
    floe_free(buf);
    return rc;
}

/* ---- replaceRegexpOne, replaceRegexpAll ---- */

/* Appends the replacement with \0..\9 substituted by the groups of m. */
static void append_replacement(floe_column *out, const char *h, const regmatch_t *m,
                               const char *rep, size_t rl)
{
    for (size_t k = 0; k < rl; k++) {
        if (rep[k] == '\\' && k + 1 < rl && rep[k + 1] >= '0' && rep[k + 1] <= '9') {
            int g = rep[++k] - '0';
            if (m[g].rm_so >= 0)
                floe_fn_str_add(out, h + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
        } else if (rep[k] == '\\' && k + 1 < rl && rep[k + 1] == '\\') {
            floe_fn_str_add(out, "\\", 1);
            k++;
        } else {
            floe_fn_str_add(out, rep + k, 1);
        }
    }
}

static int replace_resolve_m(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 3) < 0 || need_strings(name, args, 3) < 0)
        return -1;
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static int replace_exec_m(bool all, floe_column *out, floe_column *const *args, size_t rows)
{
    floe_fn_str_begin(out, rows, args[0]->data_len);
    if (rows == 0)
        return 0;
    row_regex rr = {.constant = same_all_rows(args[1], rows)};
    char *buf = NULL;
    size_t cap = 0;
    int rc = 0;
    for (size_t i = 0; i < rows; i++) {
        if ((rc = row_regex_get(&rr, args[1], i)) < 0)
            break;
        size_t hl, rl;
        const char *raw = str_row(args[0], i, &hl);
        const char *h = terminated(&buf, &cap, raw, hl);
        const char *rep = str_row(args[2], i, &rl);
        size_t pos = 0;
        regmatch_t m[10];
        while (pos <= hl && regexec(&rr.re, h + pos, 10, m, pos ? REG_NOTBOL : 0) == 0) {
            if (m[0].rm_eo == m[0].rm_so)
                break; /* an empty match replaces nothing, as ClickHouse's */
            /* offsets relative to h */
            for (int g = 0; g < 10; g++)
                if (m[g].rm_so >= 0) {
                    m[g].rm_so += (regoff_t)pos;
                    m[g].rm_eo += (regoff_t)pos;
                }
            floe_fn_str_add(out, h + pos, (size_t)m[0].rm_so - pos);
            append_replacement(out, h, m, rep, rl);
            pos = (size_t)m[0].rm_eo;
            if (!all)
                break;
        }
        floe_fn_str_add(out, h + pos, hl - pos);
        floe_fn_str_end(out);
    }
    row_regex_free(&rr);
    floe_free(buf);
    return rc;
}

static int replaceRegexpOne_resolve(const floe_type **ret, const floe_func_args *args,
                                    const floe_func_ctx *ctx)
{
    return replace_resolve_m("replaceRegexpOne", ret, args);
}
static int replaceRegexpOne_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                                 const floe_func_ctx *ctx)
{
    return replace_exec_m(false, out, args, rows);
}
static int replaceRegexpAll_resolve(const floe_type **ret, const floe_func_args *args,
                                    const floe_func_ctx *ctx)
{
    return replace_resolve_m("replaceRegexpAll", ret, args);
}
static int replaceRegexpAll_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                                 const floe_func_ctx *ctx)
{
    return replace_exec_m(true, out, args, rows);
}

/* ---- extract(haystack, pattern): the first group, else the whole match ---- */

static int extract_resolve(const floe_type **ret, const floe_func_args *args,
                           const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("extract", args, 2) < 0 || need_strings("extract", args, 2) < 0)
        return -1;
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static int extract_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                        const floe_func_ctx *ctx)
{
    floe_fn_str_begin(out, rows, 0);
    if (rows == 0)
        return 0;
    row_regex rr = {.constant = same_all_rows(args[1], rows)};
    char *buf = NULL;
    size_t cap = 0;
    int rc = 0;
    for (size_t i = 0; i < rows; i++) {
        if ((rc = row_regex_get(&rr, args[1], i)) < 0)
            break;
        size_t hl;
        const char *raw = str_row(args[0], i, &hl);
        const char *h = terminated(&buf, &cap, raw, hl);
        regmatch_t m[2];
        if (regexec(&rr.re, h, 2, m, 0) != 0) {
            floe_fn_str_end(out);
            continue;
        }
        int g = rr.re.re_nsub >= 1 ? 1 : 0;
        if (m[g].rm_so >= 0)
            floe_fn_str_add(out, h + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
        floe_fn_str_end(out);
    }
    row_regex_free(&rr);
    floe_free(buf);
    return rc;
}

#define DN FLOE_FUNC_DEFAULT_NULLS
#define CI FLOE_FUNC_CASE_INSENSITIVE

static const floe_scalar_func funcs[] = {
    {"match", DN, match_resolve, match_exec},
    {"REGEXP_MATCHES", DN | CI, match_resolve, match_exec},
    {"replaceRegexpOne", DN, replaceRegexpOne_resolve, replaceRegexpOne_exec},
    {"replaceRegexpAll", DN, replaceRegexpAll_resolve, replaceRegexpAll_exec},
    {"REGEXP_REPLACE", DN | CI, replaceRegexpAll_resolve, replaceRegexpAll_exec},
    {"extract", DN, extract_resolve, extract_exec},
};

void floe_register_regex(void)
{
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++)
        floe_func_register(&funcs[i]);
}
