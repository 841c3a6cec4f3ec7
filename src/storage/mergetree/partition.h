/*
 * Partition keys: evaluating PARTITION BY over a block, the partition ID of
 * a row (ClickHouse's MergeTreePartition::getID: the values joined by '-'
 * when all are integers, a Date as YYYYMMDD, else the SipHash128 of the
 * values in hex, "all" without a key), partition.dat and the minmax index.
 */
#ifndef FLOE_STORAGE_MERGETREE_PARTITION_H
#define FLOE_STORAGE_MERGETREE_PARTITION_H

#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "expr/expr.h"
#include "types/column.h"

/*
 * A compiled partition key over the table's columns. n == 0 means no key.
 * minmax_cols are the table columns the key reads (their min and max per
 * part go to minmax_<col>.idx), in the order ClickHouse lists them.
 */
typedef struct floe_partition_key {
    size_t n;
    const floe_ast **exprs;
    const floe_type **types;
    size_t n_minmax;
    size_t *minmax_cols; /* indices into the table's columns */
} floe_partition_key;

/* Builds the key from a PARTITION BY expression (NULL or tuple() for none),
 * type-checking it against the table's columns. Allocations in a. */
int floe_partition_key_init(floe_partition_key *k, const floe_ast *partition_by, size_t n_cols,
                            const char *const *names, const floe_type *const *types, floe_arena *a,
                            const floe_func_ctx *fctx);
/* Evaluates the key over b (a block of every table column, table order):
 * out[i] is element i's column (the caller frees each and the array). */
int floe_partition_key_eval(floe_column ***out, const floe_partition_key *k, const floe_block *b,
                            size_t n_cols, const char *const *names, const floe_type *const *types,
                            floe_arena *a, const floe_func_ctx *fctx);
/* The partition ID of row `row` of the key columns vals (size >= 64). */
void floe_partition_id(char *out, size_t size, const floe_partition_key *k,
                       floe_column *const *vals, size_t row);
/* partition.dat: each key value in binary. */
void floe_partition_serialize(floe_buf *out, const floe_partition_key *k, floe_column *const *vals,
                              size_t row);
/* The partition as system.parts shows it: the value's text, a tuple's text
 * for several, "tuple()" without a key. */
void floe_partition_text(floe_buf *out, const floe_partition_key *k, floe_column *const *vals,
                         size_t row);
/* Reads partition.dat back into one-row columns (*out array of k->n). */
int floe_partition_parse(floe_column ***out, const floe_partition_key *k, const char *p,
                         size_t len);

#endif
