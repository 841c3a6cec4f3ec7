/*
 * Data-skipping indices: `INDEX name expr TYPE minmax | set(N) GRANULARITY g`
 * in a MergeTree table's definition. Each index granule summarises g data
 * granules; a part stores the summaries of an index in
 * skp_idx_<name>.idx2 (minmax) or skp_idx_<name>.idx (set), a stream of
 * ClickHouse compressed blocks, with one .mrk2 mark per index granule, as
 * ClickHouse writes them, so parts keep moving between the two.
 *
 * Granule formats (decompressed), per element of the index expression:
 *   minmax (version 2): min then max, each in the type's binary form; for a
 *     Nullable element a null flag byte first (min NULL: the granule holds
 *     only NULLs; max NULL: it holds some).
 *   set (version 1): UInt64 row count, then each element's column of the
 *     distinct rows as a part's stream holds it (null map first for a
 *     Nullable element). A count of 0 means more than N distinct rows: the
 *     granule says nothing.
 * Other index types (bloom_filter, ngrambf_v1, ...) are kept in the
 * definition but not built, as a ClickHouse index that was never
 * materialised: reads do not use them.
 */
#ifndef FLOE_STORAGE_MERGETREE_SKIP_INDEX_H
#define FLOE_STORAGE_MERGETREE_SKIP_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "sql/ast.h"
#include "types/column.h"

typedef enum floe_skip_kind {
    FLOE_SKIP_MINMAX,
    FLOE_SKIP_SET,
    FLOE_SKIP_UNBUILT, /* a known type floe does not build */
} floe_skip_kind;

/* One index of a table's definition. */
typedef struct floe_skip_def {
    const char *name;
    floe_skip_kind kind;
    const char *type_name; /* minmax, set, bloom_filter, ... */
    const char *type_full; /* as written: set(100) */
    const char *expr_text; /* the expression, formatted */
    const floe_ast **elems; /* the expression's elements (a tuple's items) */
    size_t n_elems;
    const floe_type **types; /* per element */
    uint64_t granularity;
    uint64_t max_rows; /* set: 0 is unlimited */
} floe_skip_def;

/* Checks and reads the INDEX_DEF ast (types filled in by the caller) into
 * d, allocating in arena. Errors as ClickHouse's: INCORRECT_QUERY for an
 * unknown type or bad arguments. */
int floe_skip_def_init(floe_skip_def *d, const floe_ast *def, floe_arena *arena);

/* An index evaluated over the rows of a part being written. */
typedef struct floe_part_skip_index {
    const floe_skip_def *def;
    floe_column **cols; /* per element, the part's rows in order */
} floe_part_skip_index;

/* Appends one index granule of rows [from, from + n) of in to out. */
void floe_skip_granule_write(floe_buf *out, const floe_part_skip_index *in, size_t from,
                             size_t n);
/* Appends the file name of index `name`'s stream with extension ext:
 * skp_idx_<escaped name><ext> (ext "" for the stem marks share). */
void floe_skip_file_name(floe_buf *out, const char *name, const char *ext);
/* The data file's extension for a kind: ".idx2" or ".idx". */
const char *floe_skip_extension(floe_skip_kind kind);

/* A part's index, read back: per index granule either min/max rows per
 * element (minmax) or the set's rows (set). */
typedef struct floe_skip_data {
    const floe_skip_def *def;
    size_t n_granules;
    /* minmax: per element a column of 2 * n_granules rows (min, max of
     * granule g at rows 2g, 2g+1), in the element's type made Nullable */
    floe_column **minmax;
    /* set: per granule and element the distinct rows (NULL granule entry:
     * unknown, too many rows); sets[g * n_elems + e] */
    floe_column **sets;
    bool *set_known;
} floe_skip_data;

/* Reads index d of the part in dir; *out NULL when the part does not have
 * it (written before the index existed, or cleared). Errors: the file's
 * (CORRUPTED_DATA, CHECKSUM_DOESNT_MATCH, CANNOT_READ_ALL_DATA). */
int floe_skip_data_load(floe_skip_data **out, const char *dir, const floe_skip_def *d);
void floe_skip_data_free(floe_skip_data *s);

#endif
