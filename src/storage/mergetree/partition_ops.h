/*
 * Partition and part operations on a MergeTree table, the engine side of
 * ALTER TABLE ... PARTITION: detaching, dropping and attaching parts,
 * sharing parts between tables by hard links (ATTACH/REPLACE PARTITION
 * FROM, MOVE PARTITION TO TABLE), FREEZE backups under shadow/, rewriting
 * parts, and the detached/ directory as system.detached_parts shows it.
 * Every change to the part set happens under the table's mutex in one step.
 */
#ifndef FLOE_STORAGE_MERGETREE_PARTITION_OPS_H
#define FLOE_STORAGE_MERGETREE_PARTITION_OPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "storage/table.h"

/* What a PARTITION or PART clause names, resolved by the caller: every
 * partition (all), one partition ID, or one part by name. */
typedef struct floe_part_selector {
    bool all;
    const char *partition_id; /* when !all and part_name == NULL */
    const char *part_name;    /* PART 'name' */
} floe_part_selector;

/* The partition ID a PARTITION clause names (ID 'x' checked, an expression
 * evaluated and converted to the key's types as ClickHouse converts
 * partition values). Errors: INVALID_PARTITION_VALUE, TYPE_MISMATCH,
 * ARGUMENT_OUT_OF_BOUND, CANNOT_PARSE_*. */
int floe_mt_partition_id(floe_table *t, const floe_ast *partition, char *out, size_t size);
/* DETACH (detach: hard-link clones into detached/, keeping their names) or
 * DROP PARTITION|PART: the parts become outdated and leave the disk once no
 * query reads them. Errors: NO_SUCH_DATA_PART, BAD_DATA_PART_NAME. */
int floe_mt_drop_parts(floe_table *t, const floe_part_selector *sel, bool detach);
/* DROP DETACHED PARTITION|PART. Errors: BAD_DATA_PART_NAME,
 * INCORRECT_FILE_NAME. */
int floe_mt_drop_detached(floe_table *t, const floe_part_selector *sel);
/* ATTACH PARTITION|PART from detached/: verifies each part's checksums,
 * then adds it with a fresh block number. */
int floe_mt_attach_detached(floe_table *t, const floe_part_selector *sel);
/* Checks that parts of src can be shared with dst (structure, sorting,
 * partition and primary key). Errors: INCOMPATIBLE_COLUMNS, BAD_ARGUMENTS. */
int floe_mt_check_compatible(floe_table *dst, floe_table *src);
/* ATTACH PARTITION FROM src (replace false) or REPLACE PARTITION FROM src:
 * hard-linked copies of src's parts get new block numbers in dst; with
 * replace, dst's parts of the partition are swapped out in the same step.
 * allow_empty: allow_replace_partition_from_empty_source. A part on a disk
 * dst's storage policy lacks is copied to dst's first volume (ATTACH) or
 * refused with BAD_ARGUMENTS (REPLACE), as in ClickHouse. */
int floe_mt_replace_from(floe_table *dst, floe_table *src, const floe_part_selector *sel,
                         bool replace, bool allow_empty);
/* MOVE PARTITION TO TABLE dst: as ATTACH FROM, then the parts leave src.
 * Errors: UNKNOWN_POLICY when dst's policy lacks a disk of src's. */
int floe_mt_move_to_table(floe_table *src, floe_table *dst, const floe_part_selector *sel);
/* MOVE PARTITION|PART TO DISK|VOLUME (moves.c): each part is copied to the
 * disk (a volume's first) under moving/, renamed into place and swapped for
 * the old copy in one step; the old copy leaves once no query reads it.
 * Errors as ClickHouse's: UNKNOWN_DISK (not in the table's policy, or every
 * part already there), UNKNOWN_VOLUME, NO_SUCH_DATA_PART,
 * BAD_DATA_PART_NAME. */
int floe_mt_move_to_disk(floe_table *t, const floe_part_selector *sel, const char *disk,
                         const char *volume);
/* FREEZE [PARTITION p] [WITH NAME n] (sel NULL: every part): hard links
 * under root/shadow/<N|n>/<table's path under root>/<part>/, files made
 * read-only; root/shadow/increment.txt counts the freezes. */
int floe_mt_freeze(floe_table *t, const char *root, const floe_part_selector *sel,
                   const char *with_name);
/* UNFREEZE [PARTITION p] WITH NAME n: removes what FREEZE left there. */
int floe_mt_unfreeze(floe_table *t, const char *root, const floe_part_selector *sel,
                     const char *with_name);
/* FORGET PARTITION: CANNOT_FORGET_PARTITION while the partition has parts,
 * else NOT_IMPLEMENTED (only replicated tables keep partition metadata). */
int floe_mt_forget_partition(floe_table *t, const char *partition_id);
/* REWRITE PARTS [IN PARTITION p] (clear_col < 0) or CLEAR COLUMN c IN
 * PARTITION p (clear_col: the table column reset to its default): rewrites
 * the selected parts at once as a mutation (command: its text for
 * mutation_<N>.txt and system.mutations, as mutations.h takes it); the
 * other parts take the new version N by hard links, as in ClickHouse. */
int floe_mt_rewrite_parts(floe_table *t, const floe_part_selector *sel, int clear_col,
                          const char *command);
/* MATERIALIZE INDEX name (materialize: the selected parts get the index
 * built anew) or CLEAR INDEX / DROP INDEX name (they lose its files), as a
 * mutation like floe_mt_rewrite_parts: every part is hard-linked under the
 * new version, only the index's files change. */
int floe_mt_index_parts(floe_table *t, const floe_part_selector *sel, const char *name,
                        bool materialize, const char *command);
/* clear_col for a mutation that changes no data (every part linked under
 * the new version). */
#define FLOE_MT_LINK_ONLY (-2)

/* One entry of detached/, as system.detached_parts shows it. */
typedef struct floe_detached_part {
    char *name;
    char *path;
    char *home;       /* the table's directory on the disk path is on */
    const char *disk; /* that disk's name (owned by the configuration) */
    bool valid;       /* the name (after any reason prefix) is a part name */
    char reason[32];
    char partition_id[128];
    int64_t min_block, max_block;
    uint32_t level;
    uint64_t bytes_on_disk;
    time_t modification_time;
} floe_detached_part;

/* The table's detached parts sorted by name; free with
 * floe_mt_detached_free. */
int floe_mt_detached_list(floe_table *t, floe_detached_part **out, size_t *n);
void floe_mt_detached_free(floe_detached_part *d, size_t n);

#endif
