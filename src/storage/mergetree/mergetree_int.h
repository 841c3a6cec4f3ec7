/*
 * The MergeTree engine's internals, shared by the files of
 * src/storage/mergetree/ (the engine, partition operations, mutations,
 * exports' part readers). Not for other layers: they use mergetree.h.
 *
 * Invariant: parts[] holds every part the table knows (active and
 * outdated), each with one reference owned by the list; it and next_block
 * change only under mu. A name is active at most once; a moved part's old
 * copy (another disk, same name) stays outdated until no query reads it.
 */
#ifndef FLOE_STORAGE_MERGETREE_MERGETREE_INT_H
#define FLOE_STORAGE_MERGETREE_MERGETREE_INT_H

#include <pthread.h>
#include <stdatomic.h>

#include "storage/mergetree/disks.h"
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
    /* moves.c: the storage policy (SETTINGS storage_policy) and the table's
     * directory on each of its disks, volume by volume: disk_dirs[0] takes
     * new parts; the `default` disk's is dir. A part is on the disk whose
     * directory holds it. */
    const floe_storage_policy *policy;
    size_t n_disks;
    const floe_disk **disks;
    char **disk_dirs;
    floe_storage_config *own_storage; /* when the table was given none */
    atomic_uint next_disk;            /* round robin over a volume's disks */
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
/* floe_mt_write_part_v into the table directory dir (one of its disks'). */
int floe_mt_write_part_in(floe_mt *m, floe_part **out, const char *dir, floe_block *b,
                          floe_column *const *key_vals, const char *partition_id,
                          int64_t min_block, int64_t max_block, uint32_t level, int64_t mutation,
                          const char *tmp_prefix);
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
/* ---- disks (moves.c) ---- */

/* Sets up m's disks for the storage policy policy_name (NULL: default);
 * with make_dirs (again, after the rest of the definition is checked), the
 * directory of new parts is created. Errors: UNKNOWN_POLICY. */
int floe_mt_disks_init(floe_mt *m, const char *policy_name, bool make_dirs);
void floe_mt_disks_free(floe_mt *m);
/* Removes the table's directories on its disks other than dir (DROP). */
void floe_mt_disks_drop(floe_mt *m);
/* m takes over o's disk directories (ALTER's new table object). */
void floe_mt_disks_adopt(floe_mt *m, floe_mt *o);
/* The directory new parts (inserts) are written in: on a disk of the first
 * volume (round robin, or the one with the most free space for
 * load_balancing least_used), made when missing. */
const char *floe_mt_new_part_dir(floe_mt *m);
/* Index in m->disks of the disk of volume v the next part goes to. */
int floe_mt_volume_disk(floe_mt *m, const floe_volume *v);
/* The directory a merge of parts[0..n) writes in: the disk of the first
 * source part on the furthest volume (a merge never brings data back to a
 * hotter volume, as in ClickHouse). */
const char *floe_mt_merge_dir(floe_mt *m, floe_part *const *parts, size_t n);
/* Index in m->disks of the disk part p is on (-1: none of them). */
int floe_mt_part_disk(const floe_mt *m, const floe_part *p);
/* The table's directory on the disk p is on (dir when unknown). */
const char *floe_mt_part_home(const floe_mt *m, const floe_part *p);
/* The table's directory on disk d, NULL when d is not in its policy. */
const char *floe_mt_disk_dir(const floe_mt *m, const floe_disk *d);
/* Reserves the active parts sel names (waits for running merges, marks them
 * merging, references them) and gives them back (partition_ops.c). */
struct floe_part_selector;
void floe_mt_reserve_parts(floe_mt *m, const struct floe_part_selector *sel, floe_part ***out,
                           size_t *n);
void floe_mt_release_parts(floe_mt *m, floe_part **parts, size_t n, bool outdate);

/* qsort comparator of floe_part * by partition, then min block. */
int floe_mt_part_cmp(const void *x, const void *y);

#endif
