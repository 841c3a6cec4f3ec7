/*
 * Scalar values: literals, settings, partition values, min/max statistics.
 * Used at the edges, never in inner loops. A value's bytes live as long as
 * whoever made it says (usually the statement's arena).
 */
#ifndef FLOE_TYPES_VALUE_H
#define FLOE_TYPES_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "types/column.h"
#include "types/type.h"

/* The field of the union in use follows floe_type_base(type):
 * unsigned integers, Bool, Date, DateTime -> u; signed integers, Date32,
 * DateTime64, Enum, Decimal32/64 -> i; floats -> f; Decimal128 -> i128;
 * String, FixedString -> s; UUID -> u128 (high half in the upper 64 bits). */
typedef struct floe_value {
    const floe_type *type;
    bool is_null;
    union {
        uint64_t u;
        int64_t i;
        double f;
        __int128 i128;
        unsigned __int128 u128;
        struct {
            const char *ptr;
            size_t len;
        } s;
    } v;
} floe_value;

/* Appends v to c (c's type must equal v's, or be Nullable of it). */
void floe_value_push(floe_column *c, const floe_value *v);
/* Reads row `row` of c into out; strings point into c. */
void floe_value_from_column(floe_value *out, const floe_column *c, size_t row);

#endif
