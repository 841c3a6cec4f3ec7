/*
 * system.part_log: a MergeTree table in the `system` database with a row
 * for every part created, merged, mutated, removed, moved or exported
 * (ClickHouse's columns). Rows are kept in memory until the log is flushed:
 * by SYSTEM FLUSH LOGS, before system.part_log is read, after a statement
 * once many are waiting, and when the data directory is closed. Exports
 * report their rows through floe_part_event_emit like the storage layer.
 */
#ifndef FLOE_OPS_PART_LOG_H
#define FLOE_OPS_PART_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/catalog.h"
#include "storage/mergetree/part_events.h"

/* Starts collecting the storage layer's part events. */
void floe_part_log_start(void);
/* How many rows wait to be written. */
size_t floe_part_log_pending(void);
/* Writes the collected rows into system.part_log; the table is created on
 * first use, and with create even when there is nothing to write. */
int floe_part_log_flush(floe_catalog *cat, bool create);

#endif
