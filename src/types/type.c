/*
 * Interned data types and their ClickHouse names. Every constructor spells
 * the canonical name first and looks it up in one process-wide table (a
 * mutex around a chained hash of name -> type), so equal types are the same
 * pointer. Types are never freed. floe_type_parse reads ClickHouse's
 * type-name grammar, aliases included, and builds types through the same
 * constructors.
 */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/mem.h"
#include "types/datetime.h"
#include "types/type.h"

/* ---- simple types: static, no table needed ---- */

#define SIMPLE(ID, NAME, W)                                                                        \
    {                                                                                              \
        .id = ID, .name = NAME, .width = W                                                         \
    }
static const floe_type simple_types[] = {
    /* Nothing has no values, so its columns hold no data at all. */
    SIMPLE(FLOE_TYPE_NOTHING, "Nothing", 0),   SIMPLE(FLOE_TYPE_UINT8, "UInt8", 1),
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

/* ---- parsing type names ---- */

/*
 * The families and aliases ClickHouse registers, in the order
 * system.data_type_families lists them: that order decides which names the
 * "Maybe you meant" hint of an unknown type offers (NamePrompter keeps the
 * two closest, earlier entries winning ties).
 */
typedef struct family_name {
    const char *name;
    bool ci; /* matched case-insensitively */
} family_name;

static const family_name ch_families[] = {
    {"JSON", true},
    {"Dynamic", false},
    {"Geometry", false},
    {"Polygon", false},
    {"Ring", false},
    {"Point", false},
    {"SimpleAggregateFunction", false},
    {"IntervalYear", false},
    {"IntervalMonth", false},
    {"IntervalWeek", false},
    {"IntervalDay", false},
    {"Int64", false},
    {"IntervalMicrosecond", false},
    {"MultiLineString", false},
    {"IntervalNanosecond", false},
    {"Nested", false},
    {"LowCardinality", false},
    {"Decimal", true},
    {"AggregateFunction", false},
    {"IPv6", false},
    {"Variant", false},
    {"IPv4", false},
    {"UUID", false},
    {"UInt32", false},
    {"DateTime", true},
    {"Nullable", false},
    {"Nothing", false},
    {"QBit", false},
    {"Tuple", false},
    {"IntervalMinute", false},
    {"FixedString", false},
    {"String", false},
    {"Enum", true},
    {"IntervalMillisecond", false},
    {"Time64", true},
    {"DateTime64", true},
    {"IntervalQuarter", false},
    {"Date", true},
    {"Int16", false},
    {"Decimal128", true},
    {"Array", false},
    {"DateTime32", true},
    {"Date32", true},
    {"UInt256", false},
    {"Int8", false},
    {"Decimal64", true},
    {"Int256", false},
    {"Bool", true},
    {"Int128", false},
    {"IntervalHour", false},
    {"Float64", false},
    {"Enum8", false},
    {"UInt64", false},
    {"Float32", false},
    {"BFloat16", false},
    {"Enum16", false},
    {"MultiPolygon", false},
    {"LineString", false},
    {"UInt128", false},
    {"UInt16", false},
    {"Map", false},
    {"UInt8", false},
    {"Decimal256", true},
    {"IntervalSecond", false},
    {"Int32", false},
    {"Time", true},
    {"Decimal32", true},
};

typedef struct alias_name {
    const char *name;
    const char *target;
} alias_name;

static const alias_name ch_aliases[] = {
    {"GEOMETRY", "Geometry"},
    {"bool", "Bool"},
    {"BINARY", "FixedString"},
    {"INET6", "IPv6"},
    {"NATIONAL CHAR VARYING", "String"},
    {"BINARY VARYING", "String"},
    {"NCHAR LARGE OBJECT", "String"},
    {"NATIONAL CHARACTER VARYING", "String"},
    {"NATIONAL CHARACTER LARGE OBJECT", "String"},
    {"NATIONAL CHAR", "String"},
    {"CHAR LARGE OBJECT", "String"},
    {"CHARACTER VARYING", "String"},
    {"NATIONAL CHARACTER", "String"},
    {"LONGBLOB", "String"},
    {"CHAR VARYING", "String"},
    {"MEDIUMBLOB", "String"},
    {"INET4", "IPv4"},
    {"CLOB", "String"},
    {"INTEGER", "Int32"},
    {"LONGTEXT", "String"},
    {"MEDIUMTEXT", "String"},
    {"SMALLINT", "Int16"},
    {"TINYTEXT", "String"},
    {"NVARCHAR", "String"},
    {"TINYBLOB", "String"},
    {"CHARACTER", "String"},
    {"ENUM", "Enum"},
    {"CHAR", "String"},
    {"SMALLINT UNSIGNED", "UInt16"},
    {"SIGNED", "Int64"},
    {"TIMESTAMP", "DateTime"},
    {"BIT", "UInt64"},
    {"FIXED", "Decimal"},
    {"BYTE", "Int8"},
    {"VARCHAR", "String"},
    {"DEC", "Decimal"},
    {"CHARACTER LARGE OBJECT", "String"},
    {"DOUBLE PRECISION", "Float64"},
    {"DOUBLE", "Float64"},
    {"SINGLE", "Float32"},
    {"INTEGER SIGNED", "Int32"},
    {"REAL", "Float32"},
    {"TINYINT", "Int8"},
    {"BIGINT", "Int64"},
    {"FLOAT", "Float32"},
    {"SET", "UInt64"},
    {"BIGINT UNSIGNED", "UInt64"},
    {"YEAR", "UInt16"},
    {"INT1", "Int8"},
    {"BLOB", "String"},
    {"VARCHAR2", "String"},
    {"INT1 UNSIGNED", "UInt8"},
    {"INTEGER UNSIGNED", "UInt32"},
    {"TEXT", "String"},
    {"TINYINT UNSIGNED", "UInt8"},
    {"NCHAR", "String"},
    {"UNSIGNED", "UInt64"},
    {"NCHAR VARYING", "String"},
    {"INT SIGNED", "Int32"},
    {"BIGINT SIGNED", "Int64"},
    {"BINARY LARGE OBJECT", "String"},
    {"SMALLINT SIGNED", "Int16"},
    {"MEDIUMINT", "Int32"},
    {"MEDIUMINT UNSIGNED", "UInt32"},
    {"VARBINARY", "String"},
    {"NUMERIC", "Decimal"},
    {"BYTEA", "String"},
    {"INT", "Int32"},
    {"MEDIUMINT SIGNED", "Int32"},
    {"boolean", "Bool"},
    {"INT1 SIGNED", "Int8"},
    {"INT UNSIGNED", "UInt32"},
    {"TINYINT SIGNED", "Int8"},
};

/* What floe builds for each family it supports (by ClickHouse's canonical
 * family name); a family of ClickHouse's missing here is NOT_IMPLEMENTED. */
typedef enum fam_kind {
    FK_INT,
    FK_FLOAT,
    FK_STRING,
    FK_FIXEDSTRING,
    FK_NOARGS,
    FK_DECIMAL,
    FK_DECIMAL_N,
    FK_DATETIME,
    FK_DATETIME32,
    FK_DATETIME64,
    FK_ENUM,
    FK_NULLABLE,
    FK_LOWCARD,
    FK_ARRAY,
    FK_TUPLE,
} fam_kind;

typedef struct fam_info {
    const char *name;
    fam_kind kind;
    floe_type_id id;
    uint8_t max_precision; /* Decimal32/64/128 */
} fam_info;

static const fam_info fam_infos[] = {
    {"UInt8", FK_INT, FLOE_TYPE_UINT8, 0},
    {"UInt16", FK_INT, FLOE_TYPE_UINT16, 0},
    {"UInt32", FK_INT, FLOE_TYPE_UINT32, 0},
    {"UInt64", FK_INT, FLOE_TYPE_UINT64, 0},
    {"Int8", FK_INT, FLOE_TYPE_INT8, 0},
    {"Int16", FK_INT, FLOE_TYPE_INT16, 0},
    {"Int32", FK_INT, FLOE_TYPE_INT32, 0},
    {"Int64", FK_INT, FLOE_TYPE_INT64, 0},
    {"Float32", FK_FLOAT, FLOE_TYPE_FLOAT32, 0},
    {"Float64", FK_FLOAT, FLOE_TYPE_FLOAT64, 0},
    {"String", FK_STRING, FLOE_TYPE_STRING, 0},
    {"FixedString", FK_FIXEDSTRING, FLOE_TYPE_FIXEDSTRING, 0},
    {"Bool", FK_NOARGS, FLOE_TYPE_BOOL, 0},
    {"Date", FK_NOARGS, FLOE_TYPE_DATE, 0},
    {"Date32", FK_NOARGS, FLOE_TYPE_DATE32, 0},
    {"UUID", FK_NOARGS, FLOE_TYPE_UUID, 0},
    {"Nothing", FK_NOARGS, FLOE_TYPE_NOTHING, 0},
    {"Decimal", FK_DECIMAL, FLOE_TYPE_DECIMAL128, 0},
    {"Decimal32", FK_DECIMAL_N, FLOE_TYPE_DECIMAL32, 9},
    {"Decimal64", FK_DECIMAL_N, FLOE_TYPE_DECIMAL64, 18},
    {"Decimal128", FK_DECIMAL_N, FLOE_TYPE_DECIMAL128, 38},
    {"DateTime", FK_DATETIME, FLOE_TYPE_DATETIME, 0},
    {"DateTime32", FK_DATETIME32, FLOE_TYPE_DATETIME, 0},
    {"DateTime64", FK_DATETIME64, FLOE_TYPE_DATETIME64, 0},
    {"Enum", FK_ENUM, FLOE_TYPE_NOTHING, 0},
    {"Enum8", FK_ENUM, FLOE_TYPE_ENUM8, 0},
    {"Enum16", FK_ENUM, FLOE_TYPE_ENUM16, 0},
    {"Nullable", FK_NULLABLE, FLOE_TYPE_NULLABLE, 0},
    {"LowCardinality", FK_LOWCARD, FLOE_TYPE_LOWCARDINALITY, 0},
    {"Array", FK_ARRAY, FLOE_TYPE_ARRAY, 0},
    {"Tuple", FK_TUPLE, FLOE_TYPE_TUPLE, 0},
};

/*
 * The parse is two passes, as ClickHouse's is: the text becomes a small tree
 * (so every syntax error is found first), then the tree becomes types, outer
 * family first, arguments next.
 */
typedef enum node_kind {
    N_TYPE,   /* name, optional args */
    N_PAIR,   /* Tuple element "name Type": name, child */
    N_STRING, /* 'literal': str */
    N_NUMBER, /* numeric literal */
    N_EQUALS, /* literal = literal (Enum elements): child = left, right */
} node_kind;

typedef struct tnode tnode;
struct tnode {
    node_kind kind;
    const char *name; /* N_TYPE: family as spelled (suffix words upper-cased); N_PAIR: element */
    const char *str;  /* N_STRING value (may hold NUL bytes: str_len) */
    size_t str_len;
    bool int_name; /* N_TYPE: an integer family name that took no SIGNED/UNSIGNED */
    bool has_args;
    tnode **args;
    size_t n_args;
    tnode *child, *right;
    /* N_NUMBER */
    bool num_float;
    bool num_neg;
    uint64_t num_abs;
    double num_f;
};

typedef struct tparser {
    const char *s;
    size_t len;
    size_t pos;
    floe_arena arena;
} tparser;

static bool is_word(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

static void skip_ws(tparser *ps)
{
    while (ps->pos < ps->len && isspace((unsigned char)ps->s[ps->pos]))
        ps->pos++;
}

static char peek(tparser *ps)
{
    skip_ws(ps);
    return ps->pos < ps->len ? ps->s[ps->pos] : '\0';
}

/* Length of the lexical token starting at `at`, for error messages. */
static size_t token_len(const tparser *ps, size_t at)
{
    const char *s = ps->s;
    size_t i = at;
    if (i >= ps->len)
        return 0;
    char c = s[i];
    if (is_word(c) || c == '$') {
        while (i < ps->len && (is_word(s[i]) || s[i] == '$'))
            i++;
        /* a number with a fraction or exponent is one token */
        if (isdigit((unsigned char)c) && i < ps->len && s[i] == '.') {
            i++;
            while (i < ps->len && is_word(s[i]))
                i++;
        }
        return i - at;
    }
    if (c == '\'' || c == '`' || c == '"') {
        for (i++; i < ps->len && s[i] != c; i++)
            if (s[i] == '\\' && i + 1 < ps->len)
                i++;
        return (i < ps->len ? i + 1 : i) - at;
    }
    return 1;
}

static int syntax_error(tparser *ps, size_t at, const char *expected)
{
    if (at >= ps->len)
        return floe_error(FLOE_ERR_SYNTAX_ERROR,
                          "Syntax error (data type): failed at position %zu (end of query): . "
                          "Expected %s",
                          at + 1, expected);
    size_t tl = token_len(ps, at);
    return floe_error(FLOE_ERR_SYNTAX_ERROR,
                      "Syntax error (data type): failed at position %zu (%.*s): %.*s. Expected %s",
                      at + 1, (int)tl, ps->s + at, (int)(ps->len - at), ps->s + at, expected);
}

/* ClickHouse checks bracket balance before parsing; an unmatched bracket is
 * reported at the first one left open (or the stray closing one). */
static int check_brackets(tparser *ps)
{
    size_t depth = 0, first_open = 0;
    const char *s = ps->s;
    for (size_t i = 0; i < ps->len; i++) {
        char c = s[i];
        if (c == '\'' || c == '`' || c == '"') {
            for (i++; i < ps->len && s[i] != c; i++)
                if (s[i] == '\\' && i + 1 < ps->len)
                    i++;
            continue;
        }
        if (c == '(') {
            if (depth == 0)
                first_open = i;
            depth++;
        } else if (c == ')') {
            if (depth == 0) {
                return floe_error(FLOE_ERR_SYNTAX_ERROR,
                                  "Syntax error (data type): failed at position %zu ()): %.*s. "
                                  "Unmatched parentheses: )",
                                  i + 1, (int)(ps->len - i), s + i);
            }
            depth--;
        }
    }
    if (depth) {
        char opens[64];
        size_t k = depth < sizeof opens - 1 ? depth : sizeof opens - 1;
        memset(opens, '(', k);
        opens[k] = '\0';
        return floe_error(FLOE_ERR_SYNTAX_ERROR,
                          "Syntax error (data type): failed at position %zu ((): %.*s. Unmatched "
                          "parentheses: %s",
                          first_open + 1, (int)(ps->len - first_open), s + first_open, opens);
    }
    return 0;
}

/* An identifier: bare word, `quoted` or "quoted". Returns false (pos
 * unchanged) when none starts here. */
static bool lex_ident(tparser *ps, const char **out)
{
    skip_ws(ps);
    size_t at = ps->pos;
    const char *s = ps->s;
    if (at >= ps->len)
        return false;
    char c = s[at];
    if (c == '`' || c == '"') {
        floe_buf b = FLOE_BUF_INIT;
        size_t i = at + 1;
        for (; i < ps->len; i++) {
            if (s[i] == c) {
                if (i + 1 < ps->len && s[i + 1] == c) {
                    i++; /* a doubled quote stands for itself */
                } else {
                    break;
                }
            } else if (s[i] == '\\' && i + 1 < ps->len) {
                i++;
            }
            floe_buf_putc(&b, s[i]);
        }
        if (i >= ps->len) {
            floe_buf_free(&b);
            return false;
        }
        ps->pos = i + 1;
        *out = floe_arena_strndup(&ps->arena, b.data ? b.data : "", b.len);
        floe_buf_free(&b);
        return true;
    }
    if (!(isalpha((unsigned char)c) || c == '_'))
        return false;
    size_t i = at;
    while (i < ps->len && (is_word(s[i]) || s[i] == '$'))
        i++;
    ps->pos = i;
    *out = floe_arena_strndup(&ps->arena, s + at, i - at);
    return true;
}

/* Matches the space-separated keyword words (case-insensitive, whole
 * words); pos is unchanged when they do not all match. */
static bool match_keyword(tparser *ps, const char *words)
{
    size_t save = ps->pos;
    const char *w = words;
    while (*w) {
        size_t wl = strcspn(w, " ");
        skip_ws(ps);
        if (ps->pos + wl > ps->len || strncasecmp(ps->s + ps->pos, w, wl) != 0 ||
            (ps->pos + wl < ps->len && is_word(ps->s[ps->pos + wl]))) {
            ps->pos = save;
            return false;
        }
        ps->pos += wl;
        w += wl;
        while (*w == ' ')
            w++;
    }
    return true;
}

static bool is_integer_name(const char *upper)
{
    static const char *const names[] = {
        "INT8",      "INT16",  "INT32",   "INT64",   "INT128",  "INT256",  "UINT8",
        "UINT16",    "UINT32", "UINT64",  "UINT128", "UINT256", "TINYINT", "SMALLINT",
        "MEDIUMINT", "INT",    "INTEGER", "BIGINT",  "INT1",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(upper, names[i]) == 0)
            return true;
    return false;
}

static tnode *new_node(tparser *ps, node_kind kind)
{
    tnode *n = floe_arena_alloc(&ps->arena, sizeof *n);
    n->kind = kind;
    return n;
}

static int parse_type_node(tparser *ps, tnode **out);

/* A single-quoted string literal: backslash escapes and '' doubling. */
static int parse_string(tparser *ps, tnode **out)
{
    const char *s = ps->s;
    size_t at = ps->pos;
    floe_buf b = FLOE_BUF_INIT;
    size_t i = at + 1;
    for (;;) {
        if (i >= ps->len) {
            floe_buf_free(&b);
            return syntax_error(ps, at, "string literal");
        }
        char c = s[i];
        if (c == '\'') {
            if (i + 1 < ps->len && s[i + 1] == '\'') {
                floe_buf_putc(&b, '\'');
                i += 2;
                continue;
            }
            i++;
            break;
        }
        if (c == '\\' && i + 1 < ps->len) {
            char e = s[i + 1];
            char r;
            switch (e) {
            case 'n':
                r = '\n';
                break;
            case 't':
                r = '\t';
                break;
            case 'r':
                r = '\r';
                break;
            case 'b':
                r = '\b';
                break;
            case 'f':
                r = '\f';
                break;
            case '0':
                r = '\0';
                break;
            case 'a':
                r = '\a';
                break;
            case 'v':
                r = '\v';
                break;
            case 'e':
                r = 27;
                break;
            default:
                r = e;
            }
            floe_buf_putc(&b, r);
            i += 2;
            continue;
        }
        floe_buf_putc(&b, c);
        i++;
    }
    tnode *n = new_node(ps, N_STRING);
    n->str = floe_arena_memdup(&ps->arena, b.data ? b.data : "", b.len + 1);
    n->str_len = b.len;
    floe_buf_free(&b);
    ps->pos = i;
    *out = n;
    return 0;
}

/* A numeric literal with an optional sign. */
static bool parse_number(tparser *ps, tnode **out)
{
    const char *s = ps->s;
    size_t i = ps->pos;
    bool neg = false;
    if (i < ps->len && (s[i] == '-' || s[i] == '+')) {
        neg = s[i] == '-';
        i++;
        while (i < ps->len && isspace((unsigned char)s[i]))
            i++;
    }
    size_t start = i;
    while (i < ps->len && isdigit((unsigned char)s[i]))
        i++;
    bool is_float = false;
    if (i < ps->len && s[i] == '.') {
        is_float = true;
        i++;
        while (i < ps->len && isdigit((unsigned char)s[i]))
            i++;
    }
    if (i == start || (i == start + 1 && s[start] == '.'))
        return false;
    if (i < ps->len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < ps->len && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j < ps->len && isdigit((unsigned char)s[j])) {
            is_float = true;
            i = j;
            while (i < ps->len && isdigit((unsigned char)s[i]))
                i++;
        }
    }
    tnode *n = new_node(ps, N_NUMBER);
    char buf[128];
    size_t nl = i - start < sizeof buf - 1 ? i - start : sizeof buf - 1;
    memcpy(buf, s + start, nl);
    buf[nl] = '\0';
    n->num_neg = neg;
    if (!is_float) {
        errno = 0;
        unsigned long long v = strtoull(buf, NULL, 10);
        if (errno == ERANGE)
            is_float = true;
        n->num_abs = v;
    }
    n->num_float = is_float;
    n->num_f = strtod(buf, NULL) * (neg ? -1 : 1);
    ps->pos = i;
    *out = n;
    return true;
}

/* One argument in a type's parentheses. In a Tuple an argument may be
 * "name Type"; elsewhere a type, a literal or literal = literal. */
static int parse_arg(tparser *ps, bool in_tuple, tnode **out)
{
    char c = peek(ps);
    size_t at = ps->pos;
    if (in_tuple) {
        const char *name;
        size_t save = ps->pos;
        if (lex_ident(ps, &name)) {
            tnode *t;
            char nc = peek(ps);
            if (nc && nc != ',' && nc != ')' && nc != '(' && parse_type_node(ps, &t) == 0) {
                tnode *n = new_node(ps, N_PAIR);
                n->name = name;
                n->child = t;
                *out = n;
                return 0;
            }
            floe_error_clear();
            ps->pos = save;
        }
        if (parse_type_node(ps, out) == 0)
            return 0;
        return syntax_error(ps, at, "one of: identifier, data type, name and type pair");
    }
    tnode *lit = NULL;
    if (c == '\'') {
        if (parse_string(ps, &lit) < 0)
            return -1;
    } else if (isdigit((unsigned char)c) || c == '-' || c == '+' || c == '.') {
        if (!parse_number(ps, &lit))
            return syntax_error(ps, at, "one of: literal, number, string literal, data type");
    }
    if (lit) {
        if (peek(ps) == '=') {
            ps->pos++;
            tnode *rhs = NULL;
            char r = peek(ps);
            size_t rat = ps->pos;
            if (r == '\'') {
                if (parse_string(ps, &rhs) < 0)
                    return -1;
            } else if (!(isdigit((unsigned char)r) || r == '-' || r == '+' || r == '.') ||
                       !parse_number(ps, &rhs)) {
                return syntax_error(ps, rat,
                                    "one of: number for enum element value, literal, NULL, NULL, "
                                    "number, Bool, TRUE, FALSE, string literal");
            }
            tnode *eq = new_node(ps, N_EQUALS);
            eq->child = lit;
            eq->right = rhs;
            *out = eq;
            return 0;
        }
        *out = lit;
        return 0;
    }
    if (parse_type_node(ps, out) == 0)
        return 0;
    if (floe_error_code() == FLOE_ERR_SYNTAX_ERROR && ps->pos != at)
        return -1;
    return syntax_error(ps, at,
                        "one of: list, delimited by binary operators, literal, NULL, NULL, "
                        "number, Bool, TRUE, FALSE, string literal, data type, identifier");
}

static int parse_type_node(tparser *ps, tnode **out)
{
    const char *name;
    size_t at = (skip_ws(ps), ps->pos);
    if (!lex_ident(ps, &name))
        return syntax_error(ps, at, "one of: data type, identifier");

    char upper[64];
    size_t nl = strlen(name);
    bool fits = nl < sizeof upper;
    for (size_t i = 0; fits && i <= nl; i++)
        upper[i] = (char)toupper((unsigned char)name[i]);
    if (!fits)
        upper[0] = '\0';

    const char *suffix = NULL;
    bool int_name = false;
    if (strcmp(upper, "NATIONAL") == 0) {
        static const char *const sfx[] = {"CHARACTER LARGE OBJECT", "CHARACTER VARYING",
                                          "CHAR VARYING", "CHARACTER", "CHAR"};
        for (size_t i = 0; !suffix && i < 5; i++)
            if (match_keyword(ps, sfx[i]))
                suffix = sfx[i];
    } else if (strcmp(upper, "BINARY") == 0 || strcmp(upper, "CHARACTER") == 0 ||
               strcmp(upper, "CHAR") == 0 || strcmp(upper, "NCHAR") == 0) {
        if (match_keyword(ps, "LARGE OBJECT"))
            suffix = "LARGE OBJECT";
        else if (match_keyword(ps, "VARYING"))
            suffix = "VARYING";
    } else if (strcmp(upper, "DOUBLE") == 0) {
        if (match_keyword(ps, "PRECISION"))
            suffix = "PRECISION";
    } else if (is_integer_name(upper)) {
        /* MySQL's display width INT(11) and SIGNED / UNSIGNED */
        if (match_keyword(ps, "SIGNED"))
            suffix = "SIGNED";
        else if (match_keyword(ps, "UNSIGNED"))
            suffix = "UNSIGNED";
        else if (peek(ps) == '(') {
            size_t save = ps->pos;
            ps->pos++;
            skip_ws(ps);
            while (ps->pos < ps->len && isdigit((unsigned char)ps->s[ps->pos]))
                ps->pos++;
            if (peek(ps) != ')') {
                size_t bad = ps->pos;
                ps->pos = save;
                return syntax_error(ps, bad, "one of: SIGNED, UNSIGNED");
            }
            ps->pos++;
            if (match_keyword(ps, "SIGNED"))
                suffix = "SIGNED";
            else if (match_keyword(ps, "UNSIGNED"))
                suffix = "UNSIGNED";
        }
        int_name = suffix == NULL;
    }
    tnode *n = new_node(ps, N_TYPE);
    if (suffix) {
        size_t len = strlen(upper) + 1 + strlen(suffix);
        char *full = floe_arena_alloc(&ps->arena, len + 1);
        snprintf(full, len + 1, "%s %s", upper, suffix);
        n->name = full;
    } else {
        n->name = name;
    }
    n->int_name = int_name;

    if (peek(ps) == '(') {
        bool in_tuple = strcmp(n->name, "Tuple") == 0;
        ps->pos++;
        n->has_args = true;
        size_t cap = 0;
        while (peek(ps) != ')') {
            tnode *a;
            if (parse_arg(ps, in_tuple, &a) < 0)
                return -1;
            if (n->n_args == cap) {
                size_t ncap = cap ? cap * 2 : 4;
                tnode **na = floe_arena_alloc(&ps->arena, ncap * sizeof *na);
                if (cap)
                    memcpy(na, n->args, cap * sizeof *na);
                n->args = na;
                cap = ncap;
            }
            n->args[n->n_args++] = a;
            char c = peek(ps);
            if (c == ',') {
                ps->pos++;
                continue;
            }
            if (c != ')') {
                bool int_last =
                    a->kind == N_TYPE ? a->int_name : (a->kind == N_PAIR && a->child->int_name);
                return syntax_error(ps, ps->pos,
                                    int_last ? "one of: SIGNED, UNSIGNED"
                                             : "one of: list, delimited by binary operators, "
                                               "literal, NULL, NULL, number, Bool, TRUE, FALSE, "
                                               "string literal, data type, identifier");
            }
        }
        ps->pos++;
    }
    *out = n;
    return 0;
}

/* ---- from the tree to types ---- */

static size_t levenshtein_ci(const char *a, const char *b)
{
    size_t m = strlen(a), n = strlen(b);
    size_t row[128];
    if (n >= 128)
        return (size_t)-1;
    for (size_t i = 0; i <= n; i++)
        row[i] = i;
    for (size_t j = 1; j <= m; j++) {
        size_t prev = row[0];
        row[0] = j;
        for (size_t i = 1; i <= n; i++) {
            size_t old = row[i];
            size_t sub =
                prev + (tolower((unsigned char)a[j - 1]) != tolower((unsigned char)b[i - 1]));
            size_t ins = (row[i - 1] < row[i] ? row[i - 1] : row[i]) + 1;
            row[i] = sub < ins ? sub : ins;
            prev = old;
        }
    }
    return row[n];
}

/* "Unknown data type family: X" with NamePrompter's two closest names. */
static int unknown_family(const char *name)
{
    const char *best[2] = {NULL, NULL};
    size_t best_d[2] = {0, 0};
    size_t nb = 0;
    size_t nf = sizeof ch_families / sizeof ch_families[0];
    size_t na = sizeof ch_aliases / sizeof ch_aliases[0];
    size_t len = strlen(name);
    size_t mistake = (len + 2) / 3;
    for (size_t k = 0; k < nf + na; k++) {
        const char *cand = k < nf ? ch_families[k].name : ch_aliases[k - nf].name;
        size_t cl = strlen(cand);
        size_t min_d = cl > len ? cl - len : len - cl;
        if (min_d > 0 && len / min_d < 3)
            continue;
        if (!(cl <= len + mistake && cl + mistake >= len))
            continue;
        size_t d = levenshtein_ci(cand, name);
        if (d > mistake)
            continue;
        /* keep the two smallest (distance, index) pairs */
        if (nb < 2) {
            best[nb] = cand;
            best_d[nb] = d;
            nb++;
        } else if (d < best_d[1]) {
            best[1] = cand;
            best_d[1] = d;
        }
        if (nb == 2 && best_d[1] < best_d[0]) {
            const char *t = best[0];
            best[0] = best[1];
            best[1] = t;
            size_t td = best_d[0];
            best_d[0] = best_d[1];
            best_d[1] = td;
        }
    }
    if (nb == 0)
        return floe_error(FLOE_ERR_UNKNOWN_TYPE, "Unknown data type family: %s", name);
    if (nb == 1)
        return floe_error(FLOE_ERR_UNKNOWN_TYPE,
                          "Unknown data type family: %s. Maybe you meant: ['%s']", name, best[0]);
    return floe_error(FLOE_ERR_UNKNOWN_TYPE,
                      "Unknown data type family: %s. Maybe you meant: ['%s','%s']", name, best[0],
                      best[1]);
}

/* DataTypeFactory's lookup: alias (exact, then case-insensitive), then
 * family (exact, then case-insensitive where registered so). */
static int resolve_family(const fam_info **out, const char *name)
{
    const char *target = name;
    size_t na = sizeof ch_aliases / sizeof ch_aliases[0];
    size_t nf = sizeof ch_families / sizeof ch_families[0];
    bool found = false;
    for (size_t i = 0; i < na && !found; i++)
        if (strcmp(ch_aliases[i].name, name) == 0) {
            target = ch_aliases[i].target;
            found = true;
        }
    for (size_t i = 0; i < na && !found; i++)
        if (strcasecmp(ch_aliases[i].name, name) == 0) {
            target = ch_aliases[i].target;
            found = true;
        }
    const char *canon = NULL;
    for (size_t i = 0; i < nf && !canon; i++)
        if (strcmp(ch_families[i].name, target) == 0)
            canon = ch_families[i].name;
    for (size_t i = 0; i < nf && !canon; i++)
        if (ch_families[i].ci && strcasecmp(ch_families[i].name, target) == 0)
            canon = ch_families[i].name;
    /* Enum8 and Enum16 go through the parser's Enum path, which accepts any case. */
    if (!canon && (strcasecmp(target, "Enum8") == 0 || strcasecmp(target, "Enum16") == 0))
        canon = target[4] == '8' ? "Enum8" : "Enum16";
    if (!canon)
        return unknown_family(name);
    for (size_t i = 0; i < sizeof fam_infos / sizeof fam_infos[0]; i++)
        if (strcmp(fam_infos[i].name, canon) == 0) {
            *out = &fam_infos[i];
            return 0;
        }
    return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Data type %s is not supported", canon);
}

/* Field type names as ClickHouse's literals report them. */
static const char *literal_type_name(const tnode *a)
{
    if (a->kind == N_STRING)
        return "String";
    if (a->kind == N_NUMBER)
        return a->num_float ? "Float64" : a->num_neg ? "Int64" : "UInt64";
    return "AST";
}

static bool lit_uint(const tnode *a, uint64_t *v)
{
    if (a->kind != N_NUMBER || a->num_float || (a->num_neg && a->num_abs != 0))
        return false;
    *v = a->num_abs;
    return true;
}

static bool lit_int(const tnode *a, int64_t *v)
{
    if (a->kind != N_NUMBER || a->num_float)
        return false;
    if (a->num_neg) {
        if (a->num_abs > (uint64_t)INT64_MAX + 1)
            return false;
        *v = (int64_t)(0 - a->num_abs);
    } else {
        if (a->num_abs > (uint64_t)INT64_MAX)
            return false;
        *v = (int64_t)a->num_abs;
    }
    return true;
}

/* ASTLiteral::getID() text: Literal_UInt64_1, Literal_'a'. */
static int unexpected_ast(const tnode *a)
{
    if (a->kind == N_STRING)
        return floe_error(FLOE_ERR_UNEXPECTED_AST_STRUCTURE,
                          "Unexpected AST element for data type: Literal_'%s'", a->str);
    if (a->kind == N_NUMBER && !a->num_float)
        return floe_error(FLOE_ERR_UNEXPECTED_AST_STRUCTURE,
                          "Unexpected AST element for data type: Literal_%s_%s%llu",
                          a->num_neg ? "Int64" : "UInt64", a->num_neg ? "-" : "",
                          (unsigned long long)a->num_abs);
    if (a->kind == N_NUMBER)
        return floe_error(FLOE_ERR_UNEXPECTED_AST_STRUCTURE,
                          "Unexpected AST element for data type: Literal_Float64_%g", a->num_f);
    return floe_error(FLOE_ERR_UNEXPECTED_AST_STRUCTURE, "Unexpected AST element for data type");
}

static int check_zone(const tnode *a, const char **tz)
{
    const floe_tz *zone;
    if (floe_tz_get(&zone, a->str) < 0)
        return -1; /* BAD_ARGUMENTS "Cannot load time zone X" */
    *tz = a->str;
    return 0;
}

static int build(const floe_type **out, const tnode *n);

static int build_datetime64(const floe_type **out, const tnode *n)
{
    if (!n->has_args || n->n_args == 0) {
        *out = floe_type_datetime64(3, NULL);
        return 0;
    }
    if (n->n_args > 2)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "DateTime64 data type can optionally have two argument - scale and "
                          "time zone name");
    uint64_t scale;
    if (!lit_uint(n->args[0], &scale))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Parameter #0 'scale' for DateTime64 has wrong type: %s, expected "
                          "UInt64 literal",
                          literal_type_name(n->args[0]));
    if (scale > 9)
        return floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND,
                          "Scale %llu is too large for DateTime64. Maximum is up to nanoseconds "
                          "(9)",
                          (unsigned long long)scale);
    const char *tz = NULL;
    if (n->n_args == 2 && n->args[1]->kind == N_STRING && check_zone(n->args[1], &tz) < 0)
        return -1;
    *out = floe_type_datetime64((uint8_t)scale, tz);
    return 0;
}

static int build_enum(const floe_type **out, const tnode *n, floe_type_id want)
{
    if (!n->has_args || n->n_args == 0)
        return floe_error(FLOE_ERR_EMPTY_DATA_PASSED, "Enum data type cannot be empty");
    static const char form[] = "Elements of Enum data type must be of form: 'name' = number or "
                               "'name', where name is string literal and number is an integer";
    /* autoAssignNumberForEnum: bare names count up from the first value
     * (or 1); either all elements after the first are bare or none is. */
    int64_t start = 1;
    size_t assigned = 0;
    for (size_t i = 0; i < n->n_args; i++) {
        const tnode *a = n->args[i];
        if (a->kind == N_STRING) {
            assigned += i > 0;
        } else if (a->kind == N_EQUALS) {
            if (i == 0) {
                int64_t v;
                if (!lit_int(a->right, &v))
                    return floe_error(FLOE_ERR_UNEXPECTED_AST_STRUCTURE, "%s", form);
                start = v;
            }
        } else {
            return floe_error(FLOE_ERR_UNEXPECTED_AST_STRUCTURE, "%s", form);
        }
    }
    if (assigned != 0 && assigned != n->n_args - 1)
        return floe_error(FLOE_ERR_UNEXPECTED_AST_STRUCTURE, "All %c%s", 'e', form + 1);

    int ret = -1;
    floe_enum_value *vals = floe_malloc(n->n_args * sizeof *vals);
    int64_t *wide = floe_malloc(n->n_args * sizeof *wide);
    size_t auto_k = 0;
    bool fits8 = true;
    for (size_t i = 0; i < n->n_args; i++) {
        const tnode *a = n->args[i];
        if (a->kind == N_STRING) {
            vals[i].name = a->str;
            wide[i] = start + (int64_t)(i > 0 ? ++auto_k : 0);
        } else {
            if (a->child->kind != N_STRING || !lit_int(a->right, &wide[i])) {
                floe_error(FLOE_ERR_UNEXPECTED_AST_STRUCTURE, "%s", form);
                goto done;
            }
            vals[i].name = a->child->str;
        }
        if (wide[i] < -128 || wide[i] > 127)
            fits8 = false;
    }
    floe_type_id id = want != FLOE_TYPE_NOTHING ? want : fits8 ? FLOE_TYPE_ENUM8 : FLOE_TYPE_ENUM16;
    int64_t lo = id == FLOE_TYPE_ENUM8 ? -128 : -32768, hi = id == FLOE_TYPE_ENUM8 ? 127 : 32767;
    for (size_t i = 0; i < n->n_args; i++) {
        if (wide[i] < lo || wide[i] > hi) {
            floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND,
                       "Value %lld for element '%s' exceeds range of %s", (long long)wide[i],
                       vals[i].name, id == FLOE_TYPE_ENUM8 ? "Enum8" : "Enum16");
            goto done;
        }
        vals[i].value = (int16_t)wide[i];
    }
    /* EnumValues: names, then values, must be unique, checked in value order */
    floe_enum_value *sorted = floe_malloc(n->n_args * sizeof *sorted);
    memcpy(sorted, vals, n->n_args * sizeof *sorted);
    qsort(sorted, n->n_args, sizeof *sorted, enum_cmp);
    for (size_t i = 0; i < n->n_args; i++) {
        for (size_t j = 0; j < i; j++) {
            if (strcmp(sorted[j].name, sorted[i].name) == 0) {
                floe_error(FLOE_ERR_SYNTAX_ERROR, "Duplicate names in enum: '%s' = %d and %d",
                           sorted[i].name, sorted[j].value, sorted[i].value);
                floe_free(sorted);
                goto done;
            }
            if (sorted[j].value == sorted[i].value) {
                floe_error(FLOE_ERR_SYNTAX_ERROR, "Duplicate values in enum: '%s' = %d and '%s'",
                           sorted[i].name, sorted[i].value, sorted[j].name);
                floe_free(sorted);
                goto done;
            }
        }
    }
    floe_free(sorted);
    *out = floe_type_enum(id, vals, n->n_args);
    ret = 0;
done:
    floe_free(vals);
    floe_free(wide);
    return ret;
}

static int build_decimal(const floe_type **out, const tnode *n, const fam_info *f)
{
    uint64_t precision = 10;
    int64_t scale = 0;
    if (f->kind == FK_DECIMAL) {
        size_t na = n->has_args ? n->n_args : 0;
        if (na > 2)
            return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                              "Decimal data type family must have precision and optional scale "
                              "arguments");
        if (na >= 1 && !lit_uint(n->args[0], &precision))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Decimal argument precision is invalid");
        if (na == 2 && !lit_int(n->args[1], &scale))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Decimal argument scale is invalid");
    } else {
        if (!n->has_args || n->n_args != 1)
            return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                              "Decimal32 | Decimal64 | Decimal128 | Decimal256 data type family "
                              "must have exactly one arguments: scale");
        if (!lit_int(n->args[0], &scale))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Decimal32 | Decimal64 | Decimal128 | Decimal256 data type family "
                              "must have a one number as its argument");
        precision = f->max_precision;
    }
    if (precision < 1 || precision > 76)
        return floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND,
                          "Wrong precision: it must be between 1 and 76, got %llu",
                          (unsigned long long)precision);
    if (scale < 0 || (uint64_t)scale > precision)
        return floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND,
                          "Negative scales and scales larger than precision are not supported");
    if (precision > 38)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Decimal(%llu, %lld) needs Decimal256, which is not supported",
                          (unsigned long long)precision, (long long)scale);
    *out = floe_type_decimal((uint8_t)precision, (uint8_t)scale);
    return 0;
}

static int build_one_inner(const floe_type **out, const tnode *n, const char *msg)
{
    if (!n->has_args || n->n_args != 1)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "%s", msg);
    const tnode *a = n->args[0];
    if (a->kind != N_TYPE)
        return unexpected_ast(a);
    return build(out, a);
}

static bool can_be_inside_lowcardinality(const floe_type *t)
{
    t = floe_type_strip_nullable(t);
    return floe_type_is_integer(t) || floe_type_is_float(t) || t->id == FLOE_TYPE_BOOL ||
           t->id == FLOE_TYPE_STRING || t->id == FLOE_TYPE_FIXEDSTRING || t->id == FLOE_TYPE_DATE ||
           t->id == FLOE_TYPE_DATE32 || t->id == FLOE_TYPE_DATETIME || t->id == FLOE_TYPE_UUID;
}

static int build_tuple(const floe_type **out, const tnode *n)
{
    size_t k = n->has_args ? n->n_args : 0;
    const floe_type **elems = floe_malloc((k ? k : 1) * sizeof *elems);
    const char **names = floe_malloc((k ? k : 1) * sizeof *names);
    size_t named = 0;
    int ret = -1;
    for (size_t i = 0; i < k; i++) {
        const tnode *a = n->args[i];
        const tnode *t = a->kind == N_PAIR ? a->child : a;
        names[i] = a->kind == N_PAIR ? a->name : NULL;
        named += a->kind == N_PAIR;
        if (t->kind != N_TYPE) {
            unexpected_ast(t);
            goto done;
        }
        if (build(&elems[i], t) < 0)
            goto done;
    }
    if (named && named != k) {
        floe_error(FLOE_ERR_BAD_ARGUMENTS,
                   "Names are specified not for all elements of Tuple type");
        goto done;
    }
    for (size_t i = 0; named && i < k; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(names[i], names[j]) == 0) {
                floe_error(FLOE_ERR_DUPLICATE_COLUMN,
                           "Names of tuple elements must be unique. Duplicate name: %s", names[i]);
                goto done;
            }
    *out = floe_type_tuple(elems, named ? names : NULL, k);
    ret = 0;
done:
    floe_free(elems);
    floe_free(names);
    return ret;
}

static int build(const floe_type **out, const tnode *n)
{
    const fam_info *f = NULL;
    if (resolve_family(&f, n->name) < 0)
        return -1;
    size_t na = n->has_args ? n->n_args : 0;
    uint64_t u;
    switch (f->kind) {
    case FK_INT:
        if (na > 1)
            return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                              "%s data type family must not have more than one argument - "
                              "display width",
                              f->name);
        *out = floe_type_get(f->id);
        return 0;
    case FK_FLOAT:
        if (na > 2)
            return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                              "%s data type family must not have more than two arguments - total "
                              "number of digits and number of digits following the decimal point",
                              f->name);
        *out = floe_type_get(f->id);
        return 0;
    case FK_STRING:
        if (na > 1)
            return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                              "String data type family mustn't have more than one argument - "
                              "size in characters");
        if (na == 1 && !lit_uint(n->args[0], &u))
            return floe_error(FLOE_ERR_UNEXPECTED_AST_STRUCTURE,
                              "String data type family may have only a number (positive integer) "
                              "as its argument");
        *out = floe_type_get(FLOE_TYPE_STRING);
        return 0;
    case FK_FIXEDSTRING:
        if (na != 1)
            return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                              "FixedString data type family must have exactly one argument - size "
                              "in bytes");
        if (!lit_uint(n->args[0], &u) || u == 0)
            return floe_error(FLOE_ERR_UNEXPECTED_AST_STRUCTURE,
                              "FixedString data type family must have a number (positive integer) "
                              "as its argument");
        if (u > 0xFFFFFF)
            return floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND, "FixedString size is too large");
        *out = floe_type_fixedstring((uint32_t)u);
        return 0;
    case FK_NOARGS:
        if (na > 0)
            return floe_error(FLOE_ERR_DATA_TYPE_CANNOT_HAVE_ARGUMENTS,
                              "Data type %s cannot have arguments", f->name);
        *out = floe_type_get(f->id);
        return 0;
    case FK_DECIMAL:
    case FK_DECIMAL_N:
        return build_decimal(out, n, f);
    case FK_DATETIME:
        /* DateTime(p[, 'tz']) with a non-zero precision is DateTime64 */
        if (na >= 1 && lit_uint(n->args[0], &u) && u > 0)
            return build_datetime64(out, n);
        /* fall through */
    case FK_DATETIME32: {
        const char *tz = NULL;
        size_t k = na >= 1 && n->args[0]->kind == N_NUMBER ? 1 : 0;
        if (k < na && n->args[k]->kind == N_STRING && check_zone(n->args[k], &tz) < 0)
            return -1;
        *out = floe_type_datetime(tz);
        return 0;
    }
    case FK_DATETIME64:
        return build_datetime64(out, n);
    case FK_ENUM:
        return build_enum(out, n, f->id);
    case FK_NULLABLE: {
        const floe_type *inner;
        if (build_one_inner(&inner, n,
                            "Nullable data type family must have exactly one argument - nested "
                            "type") < 0)
            return -1;
        if (inner->id == FLOE_TYPE_NULLABLE || inner->id == FLOE_TYPE_ARRAY ||
            inner->id == FLOE_TYPE_LOWCARDINALITY)
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Nested type %s cannot be inside Nullable type", inner->name);
        *out = floe_type_nullable(inner);
        return 0;
    }
    case FK_LOWCARD: {
        const floe_type *inner;
        if (build_one_inner(&inner, n,
                            "LowCardinality data type family must have single argument - type of "
                            "elements") < 0)
            return -1;
        if (!can_be_inside_lowcardinality(inner))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "DataTypeLowCardinality is supported only for numbers, strings, Date "
                              "or DateTime, but got %s",
                              inner->name);
        *out = floe_type_lowcardinality(inner);
        return 0;
    }
    case FK_ARRAY: {
        const floe_type *inner;
        if (build_one_inner(&inner, n,
                            "Array data type family must have exactly one argument - type of "
                            "elements") < 0)
            return -1;
        *out = floe_type_array(inner);
        return 0;
    }
    case FK_TUPLE:
        return build_tuple(out, n);
    }
    return floe_error(FLOE_ERR_LOGICAL_ERROR, "unhandled data type family %s", f->name);
}

int floe_type_parse(const floe_type **out, const char *name, size_t len)
{
    tparser ps = {.s = name, .len = len, .pos = 0, .arena = FLOE_ARENA_INIT};
    tnode *root;
    int ret = -1;
    skip_ws(&ps);
    if (ps.pos == len)
        return floe_error(FLOE_ERR_SYNTAX_ERROR, "Empty query");
    if (check_brackets(&ps) < 0)
        goto done;
    if (parse_type_node(&ps, &root) < 0)
        goto done;
    if (peek(&ps) != '\0') {
        syntax_error(&ps, ps.pos,
                     root->int_name ? "one of: SIGNED, UNSIGNED, end of query" : "end of query");
        goto done;
    }
    ret = build(out, root);
done:
    floe_arena_free(&ps.arena);
    return ret;
}
