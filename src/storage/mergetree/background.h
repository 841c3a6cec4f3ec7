/*
 * Background work for MergeTree tables: one thread that, while any table is
 * registered, merges small parts (a size-tiered choice in the spirit of
 * ClickHouse's simple merge selector) and removes outdated parts after
 * old_parts_lifetime. Merges can be stopped globally or per table (SYSTEM
 * STOP MERGES).
 */
#ifndef FLOE_STORAGE_MERGETREE_BACKGROUND_H
#define FLOE_STORAGE_MERGETREE_BACKGROUND_H

#include <stdbool.h>

#include "storage/table.h"

/* A table's background step: one merge if one is due, old-part cleanup.
 * Returns 1 when it did a merge (the thread then looks again at once). */
typedef int (*floe_bg_step_fn)(floe_table *t);

void floe_bg_register(floe_table *t, floe_bg_step_fn step);
/* Called from the table's free: after it returns the thread never touches t. */
void floe_bg_unregister(floe_table *t);
/* SYSTEM STOP/START MERGES: t NULL for every table. */
void floe_bg_set_merges(floe_table *t, bool enabled);
bool floe_bg_merges_enabled(const floe_table *t);
/* Stops the thread and waits for it (floe_close). Registering again
 * restarts it. */
void floe_bg_shutdown(void);

#endif
