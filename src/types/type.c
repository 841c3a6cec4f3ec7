/*
 * Interned data types and their ClickHouse names. Every constructor spells
 * the canonical name first and looks it up in one process-wide table (a
 * mutex around a chained hash of name -> type), so equal types are the same
 * pointer. Types are never freed. floe_type_parse reads ClickHouse's
 * type-name grammar, aliases included, and builds types through the same
 * constructors.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/mem.h"
#include "types/type.h"

/* ---- simple types: static, no table needed ---- */

#define SIMPLE(ID, NAME, W)                                                                        \
    {                                                                                              \
        .id = ID, .name = NAME, .width = W                                                         \
    }
static const floe_type simple_types[] = {
    /* Nothing has no values; one byte per row lets a Nullable(Nothing)
     * column keep the fixed-width layout every other scalar has. */
    SIMPLE(FLOE_TYPE_NOTHING, "Nothing", 1),   SIMPLE(FLOE_TYPE_UINT8, "UInt8", 1),
    SIMPLE(FLOE_TYPE_UINT16, "UInt16", 2),     SIMPLE(FLOE_TYPE_UINT32, "UInt32", 4),
    SIMPLE(FLOE_TYPE_UINT64, "UInt64", 8),     SIMPLE(FLOE_TYPE_INT8, "Int8", 1),
    SIMPLE(FLOE_TYPE_INT16, "Int16", 2),       SIMPLE(FLOE_TYPE_INT32, "Int32", 4),
    SIMPLE(FLOE_TYPE_INT64, "Int64", 8),       SIMPLE(FLOE_TYPE_FLOAT32, "Float32", 4),
    SIMPLE(FLOE_TYPE_FLOAT64, "Float64", 8),   SIMPLE(FLOE_TYPE_BOOL, "Bool", 1),
    SIMPLE(FLOE_TYPE_STRING, "String", 0),     SIMPLE(FLOE_TYPE_FIXEDSTRING, NULL, 0),
    SIMPLE(FLOE_TYPE_DATE, "Date", 2),         SIMPLE(FLOE_TYPE_DATE32, "Date32", 4),
    SIMPLE(FLOE_TYPE_DATETIME, "DateTime", 4), SIMPLE(FLOE_TYPE_DATETIME64, NULL, 0),
    SIMPLE(FLOE_TYPE_UUID, "UUID", 16),
};
#undef SIMPLE

const floe_type *floe_type_get(floe_type_id id)
{
    if ((size_t)id >= sizeof simple_types / sizeof simple_types[0])
        return NULL;
    if (simple_types[id].name == NULL)
        return NULL;
    return &simple_types[id];
}

/* ---- the intern table ---- */

typedef struct intern_entry {
    struct intern_entry *next;
    uint64_t hash;
    floe_type *type;
} intern_entry;

static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;
static intern_entry **intern_buckets;
static size_t intern_nbuckets;
static size_t intern_count;

static uint64_t name_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static void intern_rehash(void)
{
    size_t nb = intern_nbuckets ? intern_nbuckets * 2 : 256;
    intern_entry **b = floe_calloc(nb, sizeof *b);
    for (size_t i = 0; i < intern_nbuckets; i++) {
        intern_entry *e = intern_buckets[i];
        while (e) {
            intern_entry *next = e->next;
            size_t k = e->hash & (nb - 1);
            e->next = b[k];
            b[k] = e;
            e = next;
        }
    }
    floe_free(intern_buckets);
    intern_buckets = b;
    intern_nbuckets = nb;
}

/*
 * Returns the interned type named name->data, or interns proto (a filled-in
 * template whose name, elems, elem_names and enums are not yet owned: they
 * are copied here) under that name. Call with the lock not held.
 */
static const floe_type *intern(const floe_buf *name, const floe_type *proto)
{
    uint64_t h = name_hash(name->data, name->len);
    const floe_type *ret = NULL;
    pthread_mutex_lock(&intern_lock);
    if (intern_nbuckets) {
        for (intern_entry *e = intern_buckets[h & (intern_nbuckets - 1)]; e; e = e->next)
            if (e->hash == h && strcmp(e->type->name, name->data) == 0) {
                ret = e->type;
                goto done;
            }
    }
    if (intern_count + 1 > intern_nbuckets)
        intern_rehash();

    floe_type *t = floe_malloc(sizeof *t);
    *t = *proto;
    t->name = floe_strndup(name->data, name->len);
    if (proto->tz)
        t->tz = floe_strdup(proto->tz);
    if (proto->n_elems) {
        const floe_type **elems = floe_malloc(proto->n_elems * sizeof *elems);
        const char **names = floe_malloc(proto->n_elems * sizeof *names);
        for (size_t i = 0; i < proto->n_elems; i++) {
            elems[i] = proto->elems[i];
            names[i] = proto->elem_names && proto->elem_names[i] ? floe_strdup(proto->elem_names[i])
                                                                 : NULL;
        }
        t->elems = elems;
        t->elem_names = names;
    } else {
        t->elems = NULL;
        t->elem_names = NULL;
    }
    if (proto->n_enums) {
        floe_enum_value *ev = floe_malloc(proto->n_enums * sizeof *ev);
        for (size_t i = 0; i < proto->n_enums; i++) {
            ev[i].name = floe_strdup(proto->enums[i].name);
            ev[i].value = proto->enums[i].value;
        }
        t->enums = ev;
    } else {
        t->enums = NULL;
    }

    intern_entry *e = floe_malloc(sizeof *e);
    e->hash = h;
    e->type = t;
    size_t k = h & (intern_nbuckets - 1);
    e->next = intern_buckets[k];
    intern_buckets[k] = e;
    intern_count++;
    ret = t;
done:
    pthread_mutex_unlock(&intern_lock);
    return ret;
}

/* ---- spelling names as ClickHouse does ---- */

/* quoteString: single quotes, backslash escapes for quote, backslash and
 * control characters (writeAnyQuotedString). */
static void put_quoted(floe_buf *b, const char *s)
{
    floe_buf_putc(b, '\'');
    for (; *s; s++) {
        switch (*s) {
        case '\'':
            floe_buf_puts(b, "\\'");
            break;
        case '\\':
            floe_buf_puts(b, "\\\\");
            break;
        case '\b':
            floe_buf_puts(b, "\\b");
            break;
        case '\f':
            floe_buf_puts(b, "\\f");
            break;
        case '\n':
            floe_buf_puts(b, "\\n");
            break;
        case '\r':
            floe_buf_puts(b, "\\r");
            break;
        case '\t':
            floe_buf_puts(b, "\\t");
            break;
        case '\0':
            floe_buf_puts(b, "\\0");
            break;
        default:
            floe_buf_putc(b, *s);
        }
    }
    floe_buf_putc(b, '\'');
}

/* backQuoteIfNeed: a plain identifier stays bare, anything else is quoted
 * with backticks. */
static void put_ident(floe_buf *b, const char *s)
{
    bool plain = *s && (isalpha((unsigned char)*s) || *s == '_');
    for (const char *p = s; plain && *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_')
            plain = false;
    if (plain) {
        floe_buf_puts(b, s);
        return;
    }
    floe_buf_putc(b, '`');
    for (; *s; s++) {
        if (*s == '`')
            floe_buf_puts(b, "\\`");
        else if (*s == '\\')
            floe_buf_puts(b, "\\\\");
        else
            floe_buf_putc(b, *s);
    }
    floe_buf_putc(b, '`');
}

static const floe_type *finish(floe_buf *name, const floe_type *proto)
{
    const floe_type *t = intern(name, proto);
    floe_buf_free(name);
    return t;
}

const floe_type *floe_type_fixedstring(uint32_t n)
{
    floe_buf name = FLOE_BUF_INIT;
    floe_buf_printf(&name, "FixedString(%u)", n);
    floe_type proto = {.id = FLOE_TYPE_FIXEDSTRING, .width = n, .n = n};
    return finish(&name, &proto);
}

const floe_type *floe_type_datetime(const char *tz)
{
    if (tz == NULL || *tz == '\0')
        return &simple_types[FLOE_TYPE_DATETIME];
    floe_buf name = FLOE_BUF_INIT;
    floe_buf_puts(&name, "DateTime(");
    put_quoted(&name, tz);
    floe_buf_putc(&name, ')');
    floe_type proto = {.id = FLOE_TYPE_DATETIME, .width = 4, .tz = tz};
    return finish(&name, &proto);
}

const floe_type *floe_type_datetime64(uint8_t precision, const char *tz)
{
    if (tz && *tz == '\0')
        tz = NULL;
    floe_buf name = FLOE_BUF_INIT;
    floe_buf_printf(&name, "DateTime64(%u", precision);
    if (tz) {
        floe_buf_puts(&name, ", ");
        put_quoted(&name, tz);
    }
    floe_buf_putc(&name, ')');
    floe_type proto = {.id = FLOE_TYPE_DATETIME64, .width = 8, .precision = precision, .tz = tz};
    return finish(&name, &proto);
}

const floe_type *floe_type_decimal(uint8_t precision, uint8_t scale)
{
    floe_type proto = {.precision = precision, .scale = scale};
    if (precision == 0 || precision > 38 || scale > precision)
        return NULL;
    if (precision <= 9) {
        proto.id = FLOE_TYPE_DECIMAL32;
        proto.width = 4;
    } else if (precision <= 18) {
        proto.id = FLOE_TYPE_DECIMAL64;
        proto.width = 8;
    } else {
        proto.id = FLOE_TYPE_DECIMAL128;
        proto.width = 16;
    }
    floe_buf name = FLOE_BUF_INIT;
    floe_buf_printf(&name, "Decimal(%u, %u)", precision, scale);
    return finish(&name, &proto);
}

static int enum_cmp(const void *a, const void *b)
{
    const floe_enum_value *x = a, *y = b;
    return (x->value > y->value) - (x->value < y->value);
}

const floe_type *floe_type_enum(floe_type_id id, const floe_enum_value *values, size_t n)
{
    if (id != FLOE_TYPE_ENUM8 && id != FLOE_TYPE_ENUM16)
        return NULL;
    floe_enum_value *sorted = floe_malloc((n ? n : 1) * sizeof *sorted);
    if (n)
        memcpy(sorted, values, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, enum_cmp);

    floe_buf name = FLOE_BUF_INIT;
    floe_buf_puts(&name, id == FLOE_TYPE_ENUM8 ? "Enum8(" : "Enum16(");
    for (size_t i = 0; i < n; i++) {
        if (i)
            floe_buf_puts(&name, ", ");
        put_quoted(&name, sorted[i].name);
        floe_buf_printf(&name, " = %d", sorted[i].value);
    }
    floe_buf_putc(&name, ')');
    floe_type proto = {
        .id = id, .width = id == FLOE_TYPE_ENUM8 ? 1 : 2, .enums = sorted, .n_enums = n};
    const floe_type *t = finish(&name, &proto);
    floe_free(sorted);
    return t;
}

/*
 * Nullable(t). Already-Nullable types come back as they are. For a type that
 * cannot sit inside Nullable the result follows ClickHouse's
 * makeNullableOrLowCardinalityNullable / makeNullableSafe: LowCardinality(X)
 * becomes LowCardinality(Nullable(X)); Array comes back unchanged. (The
 * parser refuses the spelled-out forms itself.)
 */
const floe_type *floe_type_nullable(const floe_type *t)
{
    if (floe_type_is_nullable(t))
        return t;
    if (t->id == FLOE_TYPE_LOWCARDINALITY)
        return floe_type_lowcardinality(floe_type_nullable(t->inner));
    if (t->id == FLOE_TYPE_ARRAY)
        return t;
    floe_buf name = FLOE_BUF_INIT;
    floe_buf_printf(&name, "Nullable(%s)", t->name);
    floe_type proto = {.id = FLOE_TYPE_NULLABLE, .width = t->width, .inner = t};
    return finish(&name, &proto);
}

const floe_type *floe_type_lowcardinality(const floe_type *t)
{
    if (t->id == FLOE_TYPE_LOWCARDINALITY)
        return t;
    floe_buf name = FLOE_BUF_INIT;
    floe_buf_printf(&name, "LowCardinality(%s)", t->name);
    floe_type proto = {.id = FLOE_TYPE_LOWCARDINALITY, .width = t->width, .inner = t};
    return finish(&name, &proto);
}

const floe_type *floe_type_array(const floe_type *elem)
{
    floe_buf name = FLOE_BUF_INIT;
    floe_buf_printf(&name, "Array(%s)", elem->name);
    floe_type proto = {.id = FLOE_TYPE_ARRAY, .width = 0, .inner = elem};
    return finish(&name, &proto);
}

const floe_type *floe_type_tuple(const floe_type *const *elems, const char *const *names, size_t n)
{
    bool named = names != NULL && n > 0;
    for (size_t i = 0; named && i < n; i++)
        if (names[i] == NULL)
            named = false;
    floe_buf name = FLOE_BUF_INIT;
    floe_buf_puts(&name, "Tuple(");
    for (size_t i = 0; i < n; i++) {
        if (i)
            floe_buf_puts(&name, ", ");
        if (named) {
            put_ident(&name, names[i]);
            floe_buf_putc(&name, ' ');
        }
        floe_buf_puts(&name, elems[i]->name);
    }
    floe_buf_putc(&name, ')');
    floe_type proto = {.id = FLOE_TYPE_TUPLE,
                       .width = 0,
                       .elems = (const floe_type **)elems,
                       .elem_names = named ? (const char **)names : NULL,
                       .n_elems = n};
    return finish(&name, &proto);
}

/* ---- predicates ---- */

const floe_type *floe_type_base(const floe_type *t)
{
    while (t->id == FLOE_TYPE_NULLABLE || t->id == FLOE_TYPE_LOWCARDINALITY)
        t = t->inner;
    return t;
}

const floe_type *floe_type_strip_nullable(const floe_type *t)
{
    return t->id == FLOE_TYPE_NULLABLE ? t->inner : t;
}

bool floe_type_is_integer(const floe_type *t)
{
    return t->id >= FLOE_TYPE_UINT8 && t->id <= FLOE_TYPE_INT64;
}

bool floe_type_is_signed(const floe_type *t)
{
    switch (t->id) {
    case FLOE_TYPE_INT8:
    case FLOE_TYPE_INT16:
    case FLOE_TYPE_INT32:
    case FLOE_TYPE_INT64:
    case FLOE_TYPE_FLOAT32:
    case FLOE_TYPE_FLOAT64:
    case FLOE_TYPE_DECIMAL32:
    case FLOE_TYPE_DECIMAL64:
    case FLOE_TYPE_DECIMAL128:
    case FLOE_TYPE_DATE32:
    case FLOE_TYPE_DATETIME64:
    case FLOE_TYPE_ENUM8:
    case FLOE_TYPE_ENUM16:
        return true;
    default:
        return false;
    }
}

bool floe_type_is_float(const floe_type *t)
{
    return t->id == FLOE_TYPE_FLOAT32 || t->id == FLOE_TYPE_FLOAT64;
}

bool floe_type_is_decimal(const floe_type *t)
{
    return t->id == FLOE_TYPE_DECIMAL32 || t->id == FLOE_TYPE_DECIMAL64 ||
           t->id == FLOE_TYPE_DECIMAL128;
}

bool floe_type_is_numeric(const floe_type *t)
{
    return floe_type_is_integer(t) || floe_type_is_float(t) || floe_type_is_decimal(t) ||
           t->id == FLOE_TYPE_BOOL;
}

bool floe_type_is_string(const floe_type *t)
{
    return t->id == FLOE_TYPE_STRING || t->id == FLOE_TYPE_FIXEDSTRING;
}

bool floe_type_is_date_or_time(const floe_type *t)
{
    return t->id == FLOE_TYPE_DATE || t->id == FLOE_TYPE_DATE32 || t->id == FLOE_TYPE_DATETIME ||
           t->id == FLOE_TYPE_DATETIME64;
}
