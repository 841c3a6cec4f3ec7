/*
 * system.part_log: a MergeTree table in the `system` database with a row
 * for every part created, merged, mutated, removed, moved or exported
 * (ClickHouse's columns). Rows are kept in memory until the log is flushed:
 * by SYSTEM FLUSH LOGS, before system.part_log is read, and when the data
 * directory is closed.
 */
#ifndef FLOE_OPS_PART_LOG_H
#define FLOE_OPS_PART_LOG_H

#include <stdbool.h>

#include "catalog/catalog.h"
#include "storage/mergetree/part_events.h"

/* Starts collecting the storage layer's part events. */
void floe_part_log_start(void);
/* Records an event the ops layer produces itself (an export). */
void floe_part_log_add(const floe_part_event *e);
/* Writes the collected rows into system.part_log; the table is created on
 * first use, and with create even when there is nothing to write. */
int floe_part_log_flush(floe_catalog *cat, bool create);

#endif
