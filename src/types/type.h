/*
 * Data types. A floe_type is immutable and interned: every distinct type
 * exists once for the life of the process, so types compare by pointer and
 * are never freed. Names and parsing follow ClickHouse exactly
 * ("Nullable(Decimal(10, 2))", "DateTime64(3, 'UTC')", "Enum8('a' = 1)").
 */
#ifndef FLOE_TYPES_TYPE_H
#define FLOE_TYPES_TYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum floe_type_id {
    FLOE_TYPE_NOTHING = 0, /* the type of a bare NULL is Nullable(Nothing) */
    FLOE_TYPE_UINT8,
    FLOE_TYPE_UINT16,
    FLOE_TYPE_UINT32,
    FLOE_TYPE_UINT64,
    FLOE_TYPE_INT8,
    FLOE_TYPE_INT16,
    FLOE_TYPE_INT32,
    FLOE_TYPE_INT64,
    FLOE_TYPE_FLOAT32,
    FLOE_TYPE_FLOAT64,
    FLOE_TYPE_BOOL,        /* 1 byte, 0 or 1, prints true/false */
    FLOE_TYPE_STRING,      /* offsets + bytes */
    FLOE_TYPE_FIXEDSTRING, /* n bytes per value, zero padded */
    FLOE_TYPE_DATE,        /* uint16 days since 1970-01-01 */
    FLOE_TYPE_DATE32,      /* int32 days since 1970-01-01 */
    FLOE_TYPE_DATETIME,    /* uint32 seconds since the epoch; tz optional */
    FLOE_TYPE_DATETIME64,  /* int64 ticks of 10^-precision s; tz optional */
    FLOE_TYPE_UUID,        /* 16 bytes: two uint64, high half first (ClickHouse's layout) */
    FLOE_TYPE_DECIMAL32,   /* int32 scaled by 10^scale */
    FLOE_TYPE_DECIMAL64,   /* int64 */
    FLOE_TYPE_DECIMAL128,  /* __int128 */
    FLOE_TYPE_ENUM8,       /* int8 value; names in enums */
    FLOE_TYPE_ENUM16,      /* int16 value */
    FLOE_TYPE_NULLABLE,    /* inner's layout plus a null map */
    FLOE_TYPE_LOWCARDINALITY, /* inner's layout (String or Nullable(String)) */
    FLOE_TYPE_TUPLE,       /* children columns, one per element */
    FLOE_TYPE_ARRAY,       /* offsets + one child column */
} floe_type_id;

typedef struct floe_enum_value {
    const char *name;
    int16_t value;
} floe_enum_value;

typedef struct floe_type floe_type;

/*
 * Invariants: name is the canonical ClickHouse spelling and unique per type;
 * inner is set exactly for NULLABLE, LOWCARDINALITY and ARRAY; elems for
 * TUPLE (elem_names[i] NULL for unnamed elements); enums sorted by value.
 */
struct floe_type {
    floe_type_id id;
    const char *name;
    uint32_t width;     /* bytes per value in a fixed-width column; 0 for String, Tuple, Array */
    uint32_t n;         /* FixedString(n) */
    uint8_t precision;  /* Decimal P; DateTime64 precision */
    uint8_t scale;      /* Decimal S */
    const char *tz;     /* DateTime/DateTime64 explicit zone, NULL if none */
    const floe_type *inner;
    const floe_type **elems;
    const char **elem_names;
    size_t n_elems;
    const floe_enum_value *enums;
    size_t n_enums;
};

/* The type for a simple id (integers, floats, Bool, String, Date, Date32,
 * DateTime without zone, UUID, Nothing). */
const floe_type *floe_type_get(floe_type_id id);
const floe_type *floe_type_fixedstring(uint32_t n);
const floe_type *floe_type_datetime(const char *tz);                /* tz may be NULL */
const floe_type *floe_type_datetime64(uint8_t precision, const char *tz);
/* Decimal(P, S): Decimal32 for P <= 9, Decimal64 for P <= 18, Decimal128 for P <= 38. */
const floe_type *floe_type_decimal(uint8_t precision, uint8_t scale);
const floe_type *floe_type_enum(floe_type_id id, const floe_enum_value *values, size_t n);
/* Nullable(t); returns t itself when t is already Nullable. */
const floe_type *floe_type_nullable(const floe_type *t);
const floe_type *floe_type_lowcardinality(const floe_type *t);
const floe_type *floe_type_array(const floe_type *elem);
const floe_type *floe_type_tuple(const floe_type *const *elems, const char *const *names, size_t n);

/* Parses a ClickHouse type name, case rules and aliases as ClickHouse has
 * them (INT, BIGINT, VARCHAR, TEXT, DOUBLE, ...). Error: UNKNOWN_TYPE, or
 * SYNTAX_ERROR for a malformed name. */
int floe_type_parse(const floe_type **out, const char *name, size_t len);

/* Strips Nullable and LowCardinality: the type whose layout the data has. */
const floe_type *floe_type_base(const floe_type *t);
/* Strips Nullable only. */
const floe_type *floe_type_strip_nullable(const floe_type *t);

static inline bool floe_type_is_nullable(const floe_type *t)
{
    return t->id == FLOE_TYPE_NULLABLE ||
           (t->id == FLOE_TYPE_LOWCARDINALITY && t->inner->id == FLOE_TYPE_NULLABLE);
}
bool floe_type_is_integer(const floe_type *t); /* UInt*, Int* (not Bool, not Enum) */
bool floe_type_is_signed(const floe_type *t);
bool floe_type_is_float(const floe_type *t);
bool floe_type_is_decimal(const floe_type *t);
bool floe_type_is_numeric(const floe_type *t); /* integer, float, decimal, Bool */
bool floe_type_is_string(const floe_type *t);  /* String or FixedString (after floe_type_base) */
bool floe_type_is_date_or_time(const floe_type *t);

#endif
