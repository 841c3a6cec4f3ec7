/*
 * The MergeTree engine's internals, shared by the files of
 * src/storage/mergetree/ (the engine, partition operations, mutations,
 * exports' part readers). Not for other layers: they use mergetree.h.
 *
 * Invariant: parts[] holds every part the table knows (active and
 * outdated), each with one reference owned by the list; it and next_block
 * change only under mu.
 */
#ifndef FLOE_STORAGE_MERGETREE_MERGETREE_INT_H
#define FLOE_STORAGE_MERGETREE_MERGETREE_INT_H

#include <pthread.h>

#include "storage/mergetree/part.h"
#include "storage/mergetree/part_writer.h"
#include "storage/mergetree/partition.h"
#include "storage/mergetree/skip_index.h"
#include "storage/table.h"

typedef struct floe_mt {
    pthread_mutex_t mu;
    floe_table *t; /* not referenced: the table owns this */
    char *dir;
    floe_arena arena; /* keys and names */
    const char **names;
    const floe_type **types;
    floe_partition_key pkey;
    size_t n_sort;
    const floe_ast **sort_exprs;
    size_t n_primary;
    const floe_ast **primary_exprs;
    floe_part_write_options wopts;
    /* primary.idx: the types of its columns, and which table column the
     * first one is (-1 when it is an expression): granule pruning uses it */
    const floe_type **primary_types;
    int pk_first_col;
    floe_codec *codecs;
    /* data-skipping indices of the definition, in its order */
    floe_skip_def *skip;
    size_t n_skip;
    uint64_t old_parts_lifetime;
    floe_part **parts;
    size_t n_parts, cap_parts;
    int64_t next_block;
    /* mutations.c: queued and finished mutations (NULL until loaded) */
    struct floe_mt_mutations *mut;
    /* set (under mu) when an ALTER handed the parts to a new table object:
     * this one no longer merges or mutates */
    bool retired;
} floe_mt;

/* The table's MergeTree state (t must be a MergeTree table). */
static inline floe_mt *floe_mt_of(floe_table *t)
{
    return t->impl;
}

/* Evaluates exprs over b (every table column); out[i] owned by the caller
 * (free with floe_mt_free_cols). */
int floe_mt_eval_exprs(floe_column ***out, floe_mt *m, const floe_ast *const *exprs, size_t n,
                       const floe_block *b);
void floe_mt_free_cols(floe_column **cols, size_t n);
/* The table's built data-skipping indices evaluated over b (sorted as the
 * part will be): *out gets *n of them, for floe_part_write_options.skip;
 * free with floe_mt_skip_free. */
int floe_mt_skip_eval(floe_part_skip_index **out, size_t *n, floe_mt *m, const floe_block *b);
void floe_mt_skip_free(floe_part_skip_index *v, size_t n);
/* One index d evaluated over b into *out (free out->cols with
 * floe_mt_free_cols). */
int floe_mt_skip_eval_one(floe_part_skip_index *out, floe_mt *m, const floe_skip_def *d,
                          const floe_block *b);
/* Sorts by the sorting key and writes b as part <partition_id>_<min>_<max>_<level>
 * (through <tmp_prefix><name>), loads it into *out (not yet in the list). */
int floe_mt_write_part(floe_mt *m, floe_part **out, floe_block *b, floe_column *const *key_vals,
                       const char *partition_id, int64_t min_block, int64_t max_block,
                       uint32_t level, const char *tmp_prefix);
/* floe_mt_write_part with a mutation version in the name
 * (<pid>_<min>_<max>_<level>_<mutation>; 0: none). */
int floe_mt_write_part_v(floe_mt *m, floe_part **out, floe_block *b, floe_column *const *key_vals,
                         const char *partition_id, int64_t min_block, int64_t max_block,
                         uint32_t level, int64_t mutation, const char *tmp_prefix);
/* Reads table column table_col of part p as the table's current type
 * (defaults for a column the part lacks). */
int floe_mt_read_column(floe_column **out, floe_mt *m, const floe_part *p, size_t table_col);
/* Under mu: adds p (taking its reference) to the list. */
void floe_mt_add_part(floe_mt *m, floe_part *p);
/* Under mu: drops outdated parts nobody reads (all: regardless of age). */
void floe_mt_cleanup_outdated(floe_mt *m, bool all);
/* Referenced parts (active, and outdated when asked), sorted by partition
 * and block; unref each and free the array. Takes mu. */
floe_part **floe_mt_snapshot(floe_mt *m, size_t *n, bool with_outdated);
/* Under mu: the active parts of a partition in block order (not referenced);
 * *busy when one of them is being merged. out must hold n_parts entries. */
size_t floe_mt_partition_parts(floe_mt *m, const char *partition_id, floe_part **out, bool *busy);
/* Merges parts sel[0..n) (referenced, marked merging, one partition, block
 * order) into one part; releases them. */
int floe_mt_merge_parts(floe_mt *m, floe_part **sel, size_t n);
/* Opens a streaming reader per requested column (table column indices,
 * n_cols + i for virtual column i): NULL where the part lacks the column or
 * it is virtual. */
int floe_mt_open_readers(floe_part_reader **readers, floe_mt *m, const floe_part *p,
                         const size_t *cols, size_t n);
/* Reads granules [first, first + count) of part p as the table's current
 * columns cols (names and types as the caller wants them): missing columns
 * from their DEFAULT or the type's default, changed types cast, virtual
 * columns made. *bytes (may be NULL) gets the block's size. */
int floe_mt_read_batch(floe_block **out, uint64_t *bytes, floe_mt *m, const floe_part *p,
                       size_t part_index, floe_part_reader *const *readers, const size_t *cols,
                       const char *const *names, const floe_type *const *types, size_t n,
                       size_t first, size_t count);
/* qsort comparator of floe_part * by partition, then min block. */
int floe_mt_part_cmp(const void *x, const void *y);

#endif
