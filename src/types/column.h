/*
 * Columns: one typed, contiguous array per column; code loops over arrays,
 * never over boxed values. Blocks are named columns of equal length.
 */
#ifndef FLOE_TYPES_COLUMN_H
#define FLOE_TYPES_COLUMN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "types/type.h"

/*
 * Layout by floe_type_base(type) (Nullable and LowCardinality add nothing but
 * the null map):
 *   fixed width (width > 0): data holds rows * width bytes, value i at
 *     data + i * width.
 *   String: data holds the bytes of all values back to back (no terminators);
 *     offsets[i] is the end of value i, its start is offsets[i-1] (0 for i=0).
 *     data_len == offsets[rows-1].
 *   Array: offsets as for String, counting elements of children[0].
 *   Tuple: children[k] is element k, each with rows rows; data unused.
 *   Nullable: nulls[i] is 1 where row i is NULL (its data slot then holds
 *     the type's default: 0 or the empty string).
 * Invariants: rows <= cap; offsets and nulls have cap entries when present;
 * data_len <= data_cap. A column owns all its arrays and children.
 */
typedef struct floe_column floe_column;
struct floe_column {
    const floe_type *type;
    size_t rows;
    size_t cap;
    uint8_t *data;
    size_t data_len; /* bytes used in data (String/Array: chars; fixed: rows * width) */
    size_t data_cap;
    uint64_t *offsets;
    uint8_t *nulls;
    floe_column **children;
    size_t n_children;
};

/* An empty column of type t; free with floe_column_free. */
floe_column *floe_column_new(const floe_type *t);
void floe_column_free(floe_column *c);
/* Makes room for rows more rows (and, for strings, string_bytes more bytes). */
void floe_column_reserve(floe_column *c, size_t rows, size_t string_bytes);
/* Removes all rows, keeping the memory. */
void floe_column_clear(floe_column *c);

/* Appending one value. _fixed copies type->width bytes from v; _string
 * appends bytes (String) or pads to n (FixedString; longer is the caller's
 * error to check first); _null appends NULL (Nullable) and _default appends
 * the type's default (0, "", empty array, default tuple; not NULL). */
void floe_column_push_fixed(floe_column *c, const void *v);
void floe_column_push_string(floe_column *c, const char *p, size_t n);
void floe_column_push_null(floe_column *c);
void floe_column_push_default(floe_column *c);
/* Marks the row just pushed through the inner layout as non-NULL: a push on
 * a Nullable column through _fixed or _string does this itself. */

/* Appends row `row` of src (same type) to dst. */
void floe_column_push_from(floe_column *dst, const floe_column *src, size_t row);
/* Appends rows [from, from + n) of src (same type) to dst. */
void floe_column_append_range(floe_column *dst, const floe_column *src, size_t from, size_t n);

/* New columns built from c: rows where mask[i] != 0; rows in the order of
 * perm (n entries, each < c->rows); rows [from, from + n); n copies of row. */
floe_column *floe_column_filter(const floe_column *c, const uint8_t *mask);
floe_column *floe_column_permute(const floe_column *c, const size_t *perm, size_t n);
floe_column *floe_column_slice(const floe_column *c, size_t from, size_t n);
floe_column *floe_column_replicate_row(const floe_column *c, size_t row, size_t n);
floe_column *floe_column_clone(const floe_column *c);

/* Value access. */
static inline bool floe_column_is_null(const floe_column *c, size_t row)
{
    return c->nulls && c->nulls[row];
}
static inline const uint8_t *floe_column_fixed_at(const floe_column *c, size_t row)
{
    return c->data + row * c->type->width;
}
static inline const char *floe_column_string_at(const floe_column *c, size_t row, size_t *len)
{
    uint64_t start = row ? c->offsets[row - 1] : 0;
    *len = (size_t)(c->offsets[row] - start);
    return (const char *)c->data + start;
}
/* True when row `row` of c is a floating-point NaN (false for other types). */
bool floe_column_is_nan(const floe_column *c, size_t row);
/* Typed array views for fixed-width columns. */
#define FLOE_COL_DATA(c, T) ((T *)(void *)(c)->data)

/* Compares row a of x with row b of y (same type): <0, 0, >0. NULLs compare
 * by nulls_last: as greater than everything (nulls_last) or smaller. NaN
 * sorts as ClickHouse sorts it (after all numbers when nulls_last). */
int floe_column_compare(const floe_column *x, size_t a, const floe_column *y, size_t b,
                        bool nulls_last);
/* Sorts perm[0..n) (row numbers) by the key columns, ascending, NULLs last,
 * stably: the ordering of floe_column_compare, with the type dispatch done
 * once per key instead of once per comparison. */
void floe_column_sort_perm(size_t *perm, size_t n, floe_column *const *keys, size_t n_keys);

/* Bytes held, for memory accounting and statistics. */
size_t floe_column_bytes(const floe_column *c);

/* A block: named columns of equal length. Owns its columns and names. */
typedef struct floe_block {
    size_t n_cols;
    size_t rows;
    floe_column **cols;
    char **names;
} floe_block;

floe_block *floe_block_new(void);
/* Adds column c (taking ownership) under name (copied). */
void floe_block_add(floe_block *b, const char *name, floe_column *c);
void floe_block_free(floe_block *b);
/* Index of the column named name, or -1. */
int floe_block_find(const floe_block *b, const char *name);

#endif
