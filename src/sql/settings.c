/*
 * The settings registry (settings_list.h, generated from ClickHouse's
 * system.settings) and per-session values with ClickHouse's conversions
 * and error messages for SET / SETTINGS.
 */
#include "sql/settings.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/error.h"
#include "base/mem.h"
#include "types/float_text.h"
#include "types/type.h"

typedef struct raw_setting {
    const char *name, *type, *default_text, *description, *alias_for;
} raw_setting;

static const raw_setting raw[] = {
#define FLOE_SETTING(n, t, d, desc, alias) {n, t, d, desc, alias},
#include "sql/settings_list.h"
#undef FLOE_SETTING
};

#define N_SETTINGS (sizeof raw / sizeof raw[0])

static floe_setting_info infos[N_SETTINGS];
static pthread_once_t infos_once = PTHREAD_ONCE_INIT;

static floe_setting_kind kind_of(const char *type)
{
    if (!strcmp(type, "Bool"))
        return FLOE_SETTING_BOOL;
    if (!strcmp(type, "UInt64") || !strcmp(type, "NonZeroUInt64") ||
        !strcmp(type, "Milliseconds") || !strcmp(type, "MaxThreads") || !strcmp(type, "UInt64Auto"))
        return FLOE_SETTING_U64;
    if (!strcmp(type, "Int64") || !strcmp(type, "Int32"))
        return FLOE_SETTING_I64;
    if (!strcmp(type, "Float"))
        return FLOE_SETTING_F32;
    if (!strcmp(type, "Double") || !strcmp(type, "Seconds"))
        return FLOE_SETTING_F64;
    return FLOE_SETTING_STRING;
}

static void init_infos(void)
{
    for (size_t k = 0; k < N_SETTINGS; k++) {
        infos[k].name = raw[k].name;
        infos[k].type = raw[k].type;
        infos[k].default_text = raw[k].default_text;
        infos[k].description = raw[k].description;
        infos[k].alias_for = raw[k].alias_for;
        infos[k].kind = kind_of(raw[k].type);
    }
}

size_t floe_settings_count(void)
{
    return N_SETTINGS;
}

const floe_setting_info *floe_settings_info(size_t index)
{
    pthread_once(&infos_once, init_infos);
    return index < N_SETTINGS ? &infos[index] : NULL;
}

static long lookup(const char *name)
{
    size_t lo = 0, hi = N_SETTINGS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(raw[mid].name, name);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static size_t levenshtein(const char *a, const char *b)
{
    size_t m = strlen(a), n = strlen(b);
    size_t stack[128];
    size_t *row = n + 1 <= 128 ? stack : floe_malloc((n + 1) * sizeof *row);
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

int floe_settings_find(size_t *index, const char *name)
{
    long k = lookup(name);
    if (k >= 0) {
        if (raw[k].alias_for[0]) {
            long t = lookup(raw[k].alias_for);
            if (t >= 0)
                k = t;
        }
        *index = (size_t)k;
        return 0;
    }
    /* ClickHouse's NamePrompter<1>: the closest name within (len + 2) / 3 edits */
    size_t len = strlen(name), best = (size_t)-1, best_d = (size_t)-1;
    size_t mistake = (len + 2) / 3;
    for (size_t i = 0; i < N_SETTINGS; i++) {
        size_t pl = strlen(raw[i].name);
        size_t min_d = pl > len ? pl - len : len - pl;
        if (min_d > 0 && len / min_d < 3)
            continue;
        if (pl <= len + mistake && pl + mistake >= len) {
            size_t d = levenshtein(raw[i].name, name);
            if (d <= mistake && d < best_d) {
                best_d = d;
                best = i;
            }
        }
    }
    if (best != (size_t)-1)
        return floe_error(FLOE_ERR_UNKNOWN_SETTING, "Unknown setting '%s': Maybe you meant ['%s']",
                          name, raw[best].name);
    return floe_error(FLOE_ERR_UNKNOWN_SETTING, "Unknown setting '%s'", name);
}

/* ---- values ---- */

typedef struct slot {
    union {
        uint64_t u;
        int64_t i;
        double f;
        bool b;
    } v;
    char *s; /* STRING kind; owned */
    bool changed;
} slot;

struct floe_settings {
    slot *slots; /* N_SETTINGS */
};

static uint64_t cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (uint64_t)n : 1;
}

/* Parses text into slot for setting k; on error returns -1 with the slot untouched. */
static int parse_text(slot *out, size_t k, const char *text);

static void set_default(slot *sl, size_t k)
{
    floe_free(sl->s);
    memset(sl, 0, sizeof *sl);
    const char *d = raw[k].default_text;
    if (!strcmp(raw[k].type, "MaxThreads") || !strcmp(raw[k].type, "UInt64Auto")) {
        if (!strncmp(d, "auto", 4)) {
            sl->v.u = 0;
            return;
        }
    }
    if (parse_text(sl, k, d) < 0) {
        /* a default ClickHouse prints in a form we do not parse: keep text */
        floe_error_clear();
        sl->s = floe_strdup(d);
    }
}

floe_settings *floe_settings_new(void)
{
    floe_settings *s = floe_malloc(sizeof *s);
    s->slots = floe_calloc(N_SETTINGS, sizeof(slot));
    for (size_t k = 0; k < N_SETTINGS; k++)
        set_default(&s->slots[k], k);
    return s;
}

floe_settings *floe_settings_copy(const floe_settings *src)
{
    floe_settings *s = floe_malloc(sizeof *s);
    s->slots = floe_malloc(N_SETTINGS * sizeof(slot));
    memcpy(s->slots, src->slots, N_SETTINGS * sizeof(slot));
    for (size_t k = 0; k < N_SETTINGS; k++)
        if (s->slots[k].s)
            s->slots[k].s = floe_strdup(s->slots[k].s);
    return s;
}

void floe_settings_free(floe_settings *s)
{
    if (!s)
        return;
    for (size_t k = 0; k < N_SETTINGS; k++)
        floe_free(s->slots[k].s);
    floe_free(s->slots);
    floe_free(s);
}

static const char *needs_word(floe_setting_kind kind)
{
    switch (kind) {
    case FLOE_SETTING_U64:
        return "unsigned long";
    case FLOE_SETTING_I64:
        return "long";
    case FLOE_SETTING_F32:
        return "float";
    case FLOE_SETTING_F64:
        return "double";
    case FLOE_SETTING_BOOL:
        return "bool";
    default:
        return "String";
    }
}

static int check_type_rules(slot *sl, size_t k)
{
    const char *t = raw[k].type;
    if (!strcmp(t, "NonZeroUInt64") && sl->v.u == 0)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "A setting's value has to be greater than 0");
    if (!strcmp(t, "Char") && (!sl->s || strlen(sl->s) != 1))
        return floe_error(FLOE_ERR_SIZE_OF_FIXED_STRING_DOESNT_MATCH,
                          "A setting's value string has to be an exactly one character long");
    return 0;
}

/* Unsigned with ClickHouse's size suffixes (10G, 1Gi, 64KiB). */
static int parse_u64_text(uint64_t *out, const char *text)
{
    const char *p = text;
    while (*p == ' ')
        p++;
    if (!isdigit((unsigned char)*p))
        return floe_error(FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                          "Cannot parse input: expected 'eof' before: '%s'", p);
    errno = 0;
    char *end;
    unsigned long long v = strtoull(p, &end, 10);
    if (errno == ERANGE)
        return floe_error(FLOE_ERR_CANNOT_PARSE_NUMBER, "Cannot parse number %s", text);
    uint64_t mult = 1;
    static const char units[] = "KMGTPE";
    const char *u = *end ? strchr(units, toupper((unsigned char)*end)) : NULL;
    if (u) {
        const char *q = end + 1;
        uint64_t base = 1000;
        if (*q == 'i') {
            base = 1024;
            q++;
        }
        if (*q == 'B')
            q++;
        if (*q == '\0') {
            for (const char *x = units; x <= u; x++)
                mult *= base;
            end = (char *)q;
        }
    }
    if (*end)
        return floe_error(FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                          "Cannot parse input: expected 'eof' before: '%s'", end);
    *out = (uint64_t)v * mult;
    return 0;
}

static int parse_text(slot *out, size_t k, const char *text)
{
    slot sl = {0};
    floe_setting_kind kind = kind_of(raw[k].type);
    switch (kind) {
    case FLOE_SETTING_U64:
        if ((!strcmp(raw[k].type, "MaxThreads") || !strcmp(raw[k].type, "UInt64Auto")) &&
            !strcasecmp(text, "auto")) {
            sl.v.u = 0;
            break;
        }
        if (parse_u64_text(&sl.v.u, text) < 0)
            return -1;
        break;
    case FLOE_SETTING_I64: {
        const char *p = text;
        bool neg = *p == '-';
        if (neg || *p == '+')
            p++;
        uint64_t u;
        if (parse_u64_text(&u, p) < 0)
            return -1;
        sl.v.i = neg ? -(int64_t)u : (int64_t)u;
        break;
    }
    case FLOE_SETTING_F32:
    case FLOE_SETTING_F64: {
        double d;
        size_t n = floe_float64_scan(&d, text, strlen(text));
        if (n == 0 || n != strlen(text))
            return floe_error(FLOE_ERR_CANNOT_PARSE_NUMBER,
                              "Cannot read floating point value here: %s", text);
        sl.v.f = kind == FLOE_SETTING_F32 ? (double)(float)d : d;
        break;
    }
    case FLOE_SETTING_BOOL:
        if (!strcasecmp(text, "true") || !strcmp(text, "1"))
            sl.v.b = true;
        else if (!strcasecmp(text, "false") || !strcmp(text, "0"))
            sl.v.b = false;
        else
            return floe_error(FLOE_ERR_CANNOT_PARSE_BOOL, "Cannot parse bool from string '%s'",
                              text);
        break;
    case FLOE_SETTING_STRING:
        sl.s = floe_strdup(text);
        break;
    }
    if (check_type_rules(&sl, k) < 0) {
        floe_free(sl.s);
        return -1;
    }
    floe_free(out->s);
    *out = sl;
    return 0;
}

static int index_of(size_t *k, const char *name)
{
    return floe_settings_find(k, name);
}

int floe_settings_set(floe_settings *s, const char *name, const char *text)
{
    size_t k;
    if (index_of(&k, name) < 0)
        return -1;
    if (parse_text(&s->slots[k], k, text) < 0)
        return -1;
    s->slots[k].changed = true;
    return 0;
}

static const char *value_type_name(const floe_value *v)
{
    const floe_type *t = floe_type_base(v->type);
    if (t->id == FLOE_TYPE_BOOL)
        return "Bool";
    if (floe_type_is_float(t))
        return "Float64";
    if (floe_type_is_integer(t))
        return floe_type_is_signed(t) ? "Int64" : "UInt64";
    return t->name;
}

int floe_settings_set_value(floe_settings *s, const char *name, const floe_value *v)
{
    size_t k;
    if (index_of(&k, name) < 0)
        return -1;
    floe_setting_kind kind = kind_of(raw[k].type);
    if (v->is_null || !v->type || floe_type_base(v->type)->id == FLOE_TYPE_NOTHING)
        return floe_error(FLOE_ERR_CANNOT_CONVERT_TYPE,
                          "Invalid value NULL of the setting, which needs %s", needs_word(kind));
    const floe_type *t = floe_type_base(v->type);
    if (floe_type_is_string(t)) {
        char *text = floe_strndup(v->v.s.ptr, v->v.s.len);
        int rc = floe_settings_set(s, name, text);
        floe_free(text);
        return rc;
    }
    slot sl = {0};
    bool is_bool = t->id == FLOE_TYPE_BOOL;
    bool is_float = floe_type_is_float(t);
    bool is_signed = floe_type_is_signed(t);
    if (kind == FLOE_SETTING_STRING)
        return floe_error(FLOE_ERR_BAD_GET, "Bad get: has %s, requested String",
                          value_type_name(v));
    char vtext[64];
    if (is_float)
        snprintf(vtext, sizeof vtext, "%g", v->v.f);
    else if (is_signed)
        snprintf(vtext, sizeof vtext, "%lld", (long long)v->v.i);
    else
        snprintf(vtext, sizeof vtext, "%llu", (unsigned long long)v->v.u);
    switch (kind) {
    case FLOE_SETTING_U64:
        if (is_float) {
            if (!(v->v.f >= 0 && v->v.f < 18446744073709551616.0))
                return floe_error(FLOE_ERR_CANNOT_CONVERT_TYPE,
                                  "Cannot convert out of range floating point value to integer "
                                  "type");
            sl.v.u = (uint64_t)v->v.f;
        } else if (is_signed && !is_bool && v->v.i < 0) {
            return floe_error(FLOE_ERR_CANNOT_CONVERT_TYPE,
                              "Field value %s is out of range of unsigned long type", vtext);
        } else {
            sl.v.u = v->v.u;
        }
        break;
    case FLOE_SETTING_I64:
        if (is_float)
            sl.v.i = (int64_t)v->v.f;
        else if (!is_signed && !is_bool && v->v.u > INT64_MAX)
            return floe_error(FLOE_ERR_CANNOT_CONVERT_TYPE,
                              "Field value %s is out of range of long type", vtext);
        else
            sl.v.i = v->v.i;
        break;
    case FLOE_SETTING_F32:
    case FLOE_SETTING_F64: {
        double d = is_float ? v->v.f : is_signed ? (double)v->v.i : (double)v->v.u;
        sl.v.f = kind == FLOE_SETTING_F32 ? (double)(float)d : d;
        break;
    }
    case FLOE_SETTING_BOOL:
        if (is_float) {
            if (v->v.f != 0 && v->v.f != 1)
                return floe_error(FLOE_ERR_CANNOT_CONVERT_TYPE,
                                  "Cannot convert out of range floating point value to integer "
                                  "type");
            sl.v.b = v->v.f == 1;
        } else if (is_signed && !is_bool ? (v->v.i < 0 || v->v.i > 1) : v->v.u > 1) {
            return floe_error(FLOE_ERR_CANNOT_CONVERT_TYPE,
                              "Field value %s is out of range of bool type", vtext);
        } else {
            sl.v.b = v->v.u != 0;
        }
        break;
    case FLOE_SETTING_STRING:
        break;
    }
    if (check_type_rules(&sl, k) < 0)
        return -1;
    floe_free(s->slots[k].s);
    s->slots[k] = sl;
    s->slots[k].changed = true;
    return 0;
}

int floe_settings_apply(floe_settings *s, const floe_ast_setting *items, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const floe_ast *e = items[k].value;
        int rc;
        if (e && e->kind == FLOE_AST_IDENT && e->u.ident.n_parts == 1 &&
            !strcasecmp(e->u.ident.parts[0], "DEFAULT")) {
            rc = floe_settings_reset(s, items[k].name);
        } else if (e && e->kind == FLOE_AST_LITERAL) {
            rc = floe_settings_set_value(s, items[k].name, &e->u.lit.value);
        } else if (e && e->kind == FLOE_AST_FUNC && e->u.func.is_operator &&
                   !strcmp(e->u.func.name, "negate") && e->u.func.n_args == 1 &&
                   e->u.func.args[0]->kind == FLOE_AST_LITERAL) {
            floe_value v = e->u.func.args[0]->u.lit.value;
            const floe_type *t = v.type ? floe_type_base(v.type) : NULL;
            if (t && floe_type_is_float(t)) {
                v.v.f = -v.v.f;
            } else if (t && floe_type_is_integer(t)) {
                int64_t x = floe_type_is_signed(t) ? -v.v.i : -(int64_t)v.v.u;
                v.type = floe_type_get(FLOE_TYPE_INT64);
                v.v.i = x;
            }
            rc = floe_settings_set_value(s, items[k].name, &v);
        } else if (e) {
            /* arrays, tuples, maps: their SQL text */
            floe_buf b = FLOE_BUF_INIT;
            floe_ast_format(&b, e, true);
            rc = floe_settings_set(s, items[k].name, b.data ? b.data : "");
            floe_buf_free(&b);
        } else {
            rc = floe_error(FLOE_ERR_BAD_ARGUMENTS, "No value for setting '%s'", items[k].name);
        }
        if (rc < 0)
            return rc;
    }
    return 0;
}

int floe_settings_reset(floe_settings *s, const char *name)
{
    size_t k;
    if (index_of(&k, name) < 0)
        return -1;
    set_default(&s->slots[k], k);
    return 0;
}

static size_t must_find(const char *name)
{
    size_t k;
    if (floe_settings_find(&k, name) < 0) {
        fprintf(stderr, "floe: unknown setting '%s' read by code\n", name);
        abort();
    }
    return k;
}

uint64_t floe_settings_u64(const floe_settings *s, const char *name)
{
    size_t k = must_find(name);
    const slot *sl = &s->slots[k];
    switch (kind_of(raw[k].type)) {
    case FLOE_SETTING_U64:
        if (sl->v.u == 0 && !strcmp(raw[k].type, "MaxThreads"))
            return cpu_count();
        return sl->v.u;
    case FLOE_SETTING_I64:
        return (uint64_t)sl->v.i;
    case FLOE_SETTING_F32:
    case FLOE_SETTING_F64:
        return sl->v.f > 0 ? (uint64_t)sl->v.f : 0;
    case FLOE_SETTING_BOOL:
        return sl->v.b;
    case FLOE_SETTING_STRING:
        return sl->s ? strtoull(sl->s, NULL, 10) : 0;
    }
    return 0;
}

int64_t floe_settings_i64(const floe_settings *s, const char *name)
{
    size_t k = must_find(name);
    if (kind_of(raw[k].type) == FLOE_SETTING_I64)
        return s->slots[k].v.i;
    if (kind_of(raw[k].type) == FLOE_SETTING_F32 || kind_of(raw[k].type) == FLOE_SETTING_F64)
        return (int64_t)s->slots[k].v.f;
    return (int64_t)floe_settings_u64(s, name);
}

double floe_settings_f64(const floe_settings *s, const char *name)
{
    size_t k = must_find(name);
    switch (kind_of(raw[k].type)) {
    case FLOE_SETTING_F32:
    case FLOE_SETTING_F64:
        return s->slots[k].v.f;
    case FLOE_SETTING_I64:
        return (double)s->slots[k].v.i;
    case FLOE_SETTING_STRING:
        return s->slots[k].s ? strtod(s->slots[k].s, NULL) : 0;
    default:
        return (double)floe_settings_u64(s, name);
    }
}

bool floe_settings_bool(const floe_settings *s, const char *name)
{
    size_t k = must_find(name);
    if (kind_of(raw[k].type) == FLOE_SETTING_BOOL)
        return s->slots[k].v.b;
    if (kind_of(raw[k].type) == FLOE_SETTING_STRING)
        return s->slots[k].s && (!strcasecmp(s->slots[k].s, "true") || !strcmp(s->slots[k].s, "1"));
    return floe_settings_f64(s, name) != 0;
}

const char *floe_settings_str(const floe_settings *s, const char *name)
{
    size_t k = must_find(name);
    if (s->slots[k].s)
        return s->slots[k].s;
    return raw[k].default_text;
}

bool floe_settings_changed(const floe_settings *s, const char *name)
{
    return s->slots[must_find(name)].changed;
}

bool floe_settings_changed_at(const floe_settings *s, size_t index)
{
    return index < N_SETTINGS && s->slots[index].changed;
}

void floe_settings_value_text(floe_buf *out, const floe_settings *s, size_t k)
{
    const slot *sl = &s->slots[k];
    if (!sl->changed && strncmp(raw[k].default_text, "auto(", 5) != 0) {
        floe_buf_puts(out, raw[k].default_text);
        return;
    }
    switch (kind_of(raw[k].type)) {
    case FLOE_SETTING_U64:
        if (sl->v.u == 0 && strncmp(raw[k].default_text, "auto(", 5) == 0) {
            /* auto(N): N is this machine's number of cores */
            floe_buf_printf(out, "auto(%llu)", (unsigned long long)cpu_count());
            return;
        }
        floe_buf_u64(out, sl->v.u);
        break;
    case FLOE_SETTING_I64:
        floe_buf_i64(out, sl->v.i);
        break;
    case FLOE_SETTING_F32:
        floe_buf_float32(out, (float)sl->v.f);
        break;
    case FLOE_SETTING_F64:
        floe_buf_float64(out, sl->v.f);
        break;
    case FLOE_SETTING_BOOL:
        floe_buf_puts(out, sl->v.b ? "1" : "0");
        break;
    case FLOE_SETTING_STRING:
        floe_buf_puts(out, sl->s ? sl->s : "");
        break;
    }
}
