/*
 * ClickHouse's binary serialisation of column values: the bytes of a
 * column's stream in a part's .bin file (after decompression), in
 * partition.dat and in RowBinary. Fixed-width values are little-endian as in
 * memory (UUID: high half first, as floe keeps it); String is a VarUInt
 * length and the bytes; FixedString its n bytes. A Nullable column has two
 * streams: the null map (one byte per row) and the values, NULL rows holding
 * the type's default.
 */
#ifndef FLOE_TYPES_BINARY_H
#define FLOE_TYPES_BINARY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "types/column.h"

/* True when floe can write and read this type's binary streams (not yet
 * Array, Tuple, LowCardinality on disk). */
bool floe_binary_supported(const floe_type *t);

/* Appends the values stream of rows [from, from + n) of c. */
void floe_binary_write_values(floe_buf *out, const floe_column *c, size_t from, size_t n);
/* Appends the null-map stream (Nullable columns; zeros when c has no map). */
void floe_binary_write_nulls(floe_buf *out, const floe_column *c, size_t from, size_t n);

/* Reads up to rows values from p[0..len) into c (appending), setting *used to
 * the bytes consumed. For Nullable columns this reads the values stream and
 * marks the rows non-NULL: apply the null map with floe_binary_read_nulls
 * afterwards. Error: CANNOT_READ_ALL_DATA when len runs out mid-value. */
int floe_binary_read_values(floe_column *c, const char *p, size_t len, size_t rows, size_t *used);
/* Sets the null map of rows [first_row, first_row + rows) of c from p. */
int floe_binary_read_nulls(floe_column *c, size_t first_row, const char *p, size_t len,
                           size_t rows);

#endif
