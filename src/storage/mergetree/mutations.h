/*
 * Mutations of MergeTree tables: ALTER ... UPDATE / DELETE and the part
 * rewrites column changes need (DROP COLUMN, a MODIFY COLUMN type change,
 * MATERIALIZE COLUMN). A mutation is a command with a version N taken from
 * the table's block counter, stored as mutation_<N>.txt in ClickHouse's
 * format; it applies, in version order, to every part whose data version
 * (mutation version, else min block) is below N, rewriting it as
 * <pid>_<min>_<max>_<level>_<N>. Parts are rewritten whole into
 * tmp_mut_<name>/ and renamed into place, so a failed rewrite leaves the old
 * part untouched and records latest_fail_reason.
 *
 * Where they run: the MergeTree background thread picks pending mutations
 * (before merges), and a statement with mutations_sync > 0 runs them in its
 * own thread until its mutation is done; one runner at a time per table.
 */
#ifndef FLOE_STORAGE_MERGETREE_MUTATIONS_H
#define FLOE_STORAGE_MERGETREE_MUTATIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "storage/table.h"
#include "types/column.h"

typedef struct floe_mt floe_mt;
typedef struct floe_part floe_part;

/* ---- for readers that must see a part as its pending mutations leave it
 * (exports) ---- */

/* The mutations part p has not taken yet (queued, not killed, for its
 * partition), parsed on their own: *out is NULL when there are none.
 * NOT_IMPLEMENTED when one of them renames a column (the part's files
 * still carry the old name). */
typedef struct floe_mt_pending floe_mt_pending;
int floe_mt_pending_get(floe_mt_pending **out, floe_mt *m, const floe_part *p);
/* Applies them, in order, to b: rows of p with every table column, named
 * as the table names them (DELETE may drop rows). */
int floe_mt_pending_apply(const floe_mt_pending *pm, floe_mt *m, floe_block *b);
void floe_mt_pending_free(floe_mt_pending *pm);

/* ---- for the engine (mergetree.c) ---- */

/* Loads mutation_*.txt of the table's directory (raising the block counter
 * past them) and sets up m->mut. */
int floe_mt_mutations_open(floe_mt *m);
void floe_mt_mutations_free(floe_mt *m);
/* Background step: rewrites one part for the oldest pending mutation.
 * Returns 1 when it did (or tried) work, 0 when nothing is pending. */
int floe_mt_mutations_step(floe_mt *m);
/* Runs pending mutations until none has work left (or one fails: its
 * error stays on the mutation). OPTIMIZE calls it before merging. */
void floe_mt_mutations_settle(floe_mt *m);
/* Column table_col of part p, which lacks it, from the column's DEFAULT or
 * MATERIALIZED expression evaluated over the part's other columns. */
int floe_mt_read_default(floe_column **out, floe_mt *m, const floe_part *p, size_t table_col);
/* The same for granules [first, first + n_granules) (rows rows) of the part:
 * what a scan reads at once. */
int floe_mt_read_default_range(floe_column **out, floe_mt *m, const floe_part *p, size_t table_col,
                               size_t first, size_t n_granules, size_t rows);

/* ---- for ALTER and the catalog ---- */

/* new_t (a MergeTree table just built from the altered definition over an
 * empty scratch directory) takes over old's parts, block counter and
 * mutations, and old's data directory; old stops merging and mutating.
 * Waits for merges and mutation steps running on old. */
int floe_mergetree_adopt(floe_table *new_t, floe_table *old);

/* Queues a mutation: command is ClickHouse's text of the commands without
 * the brackets ("UPDATE v = v + 1 WHERE k = 1", "DROP COLUMN s");
 * partition_id limits it to one partition (NULL: all). Writes
 * mutation_<N>.txt; *version = N. */
int floe_mergetree_mutate(int64_t *version, floe_table *t, const char *command,
                          const char *partition_id);
/* Runs pending mutations up to and including version in this thread until
 * it is done. Errors: UNFINISHED (the part that failed and why), or the
 * mutation was killed. */
int floe_mergetree_mutation_wait(floe_table *t, int64_t version);

/* One row of system.mutations. */
typedef struct floe_mutation_info {
    char mutation_id[64]; /* mutation_<N>.txt */
    char *command;        /* "(UPDATE ...)" */
    time_t create_time;
    char *partition_id; /* "" for all */
    int64_t number;
    char **parts_to_do;
    size_t n_parts_to_do;
    bool is_done;
    bool is_killed;
    char *latest_failed_part;
    time_t latest_fail_time;
    char *latest_fail_reason;
    char *latest_fail_error_code_name;
} floe_mutation_info;

/* The table's mutations in version order; free with floe_mutation_infos_free. */
int floe_mergetree_mutations(floe_mutation_info **out, size_t *n, floe_table *t);
void floe_mutation_infos_free(floe_mutation_info *v, size_t n);
/* KILL MUTATION: stops mutation_id (its file is removed; parts already
 * rewritten stay). Returns 1 when it was found, 0 when not. */
int floe_mergetree_kill_mutation(floe_table *t, const char *mutation_id);

#endif
