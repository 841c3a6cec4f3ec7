/*
 * What the MergeTree engine shows to the layers below it (system tables,
 * partition operations, exports) beyond the generic table interface.
 */
#ifndef FLOE_STORAGE_MERGETREE_MERGETREE_H
#define FLOE_STORAGE_MERGETREE_MERGETREE_H

#include <stdbool.h>
#include <stddef.h>

#include "storage/mergetree/disks.h"
#include "storage/mergetree/part.h"
#include "storage/mergetree/skip_index.h"
#include "storage/table.h"

/* True when t is a MergeTree table. */
bool floe_mergetree_is(const floe_table *t);
/* The table's parts (active ones, and outdated ones too when asked), each
 * referenced: unref each and free the array. Sorted by partition and block. */
floe_part **floe_mergetree_parts(floe_table *t, size_t *n, bool with_outdated);
/* The name of the disk part p of t is on (system.parts.disk_name). */
const char *floe_mergetree_part_disk_name(floe_table *t, const floe_part *p);
/* t's storage policy's name. */
const char *floe_mergetree_storage_policy(floe_table *t);
/* t's directory on each disk of its policy (volume by volume) in *dirs,
 * the disks in *disks (may be NULL); owned by t. Returns their count. */
size_t floe_mergetree_disk_dirs(floe_table *t, const char *const **dirs,
                                const floe_disk *const **disks);
/* The partition key, for reading partition values. */
const floe_partition_key *floe_mergetree_partition_key(const floe_table *t);

/* The table's data-skipping indices (owned by the table). */
const floe_skip_def *floe_mergetree_skip_indices(const floe_table *t, size_t *n);
/* What each index takes in the active parts, as system.data_skipping_indices
 * shows it: its data files compressed and uncompressed, and its marks.
 * sizes gets three numbers per index of floe_mergetree_skip_indices, in
 * its order (zeroed first). */
void floe_mergetree_skip_sizes(floe_table *t, uint64_t (*sizes)[3]);

/* A merge in flight, as system.merges shows it. */
typedef struct floe_merge_status {
    char *database, *table, *result_part_name, *result_part_path, *partition_id, *partition;
    char **source_part_names, **source_part_paths;
    size_t num_parts;
    double elapsed, progress;
    uint64_t total_size_bytes_compressed, total_size_bytes_uncompressed, total_size_marks;
    uint64_t rows_read, bytes_read_uncompressed;
} floe_merge_status;
/* The merges running in this process now (a malloc'd array). */
floe_merge_status *floe_mergetree_merges(size_t *n);
void floe_merge_statuses_free(floe_merge_status *v, size_t n);

#endif
