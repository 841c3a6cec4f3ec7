/*
 * Conversions between types (CAST, toT(), accurateCast) and the least
 * common supertype rules, as ClickHouse defines them.
 */
#ifndef FLOE_TYPES_CAST_H
#define FLOE_TYPES_CAST_H

#include "types/column.h"
#include "types/type.h"

typedef enum floe_cast_mode {
    FLOE_CAST_THROW,   /* CAST / toT: a bad value fails (CANNOT_PARSE_*, ...) */
    FLOE_CAST_OR_ZERO, /* toTOrZero: a bad value becomes the default */
    FLOE_CAST_OR_NULL, /* toTOrNull: a bad value becomes NULL (to must be Nullable) */
} floe_cast_mode;

/* Converts src to type `to` into a new column *out (caller frees).
 * Numbers convert as C casts do with ClickHouse's wrap-around for integers;
 * strings are parsed as floe_text_parse does; NULL into a non-Nullable type
 * fails (CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN). session_tz may be NULL (UTC). */
int floe_cast_column(floe_column **out, const floe_column *src, const floe_type *to,
                     floe_cast_mode mode, const char *session_tz);

/* The least supertype of n types (if, multiIf, UNION ALL, IN, arrays of
 * literals); NO_COMMON_TYPE with ClickHouse's message when there is none. */
int floe_common_type(const floe_type **ret, const floe_type *const *types, size_t n);

#endif
