/*
 * EXPORT PART / EXPORT PARTITION: MergeTree parts written as Parquet files
 * into the directory of a destination table (hive-style partition
 * directories), in the background, with nothing partial ever visible.
 */
#ifndef FLOE_OPS_EXPORT_H
#define FLOE_OPS_EXPORT_H

#include "catalog/system_tables.h"
#include "ops/internal.h"

/* The ALTER command (EXPORT PART, EXPORT PARTITION) on source table t. */
int floe_ops_alter_export(floe_stmt *st, floe_table *t, const floe_ast *cmd);
/* Waits until every queued export has finished (floe_close). */
void floe_ops_export_wait_all(void);
/* Makes every queued and running export stop and clean up; safe to call
 * from a signal handler. */
void floe_ops_export_cancel_all(void);
/* KILL EXPORT WHERE cond [SYNC|ASYNC|TEST]: cond is over system.exports'
 * names (source_database, source_table, destination_database,
 * destination_table, part_name, destination_file_path). */
int floe_ops_kill_export(floe_stmt *st, const floe_ast *stmt);

/* A running export, as system.exports shows it. */
typedef floe_system_export_row floe_export_status;

/* A copy of the running exports (caller frees the array). */
floe_export_status *floe_ops_exports_list(size_t *n);

/* Counters for system.events. */
typedef struct floe_export_counters {
    uint64_t exports, failures, duplicated, total_ms, cancelled;
    uint64_t throttler_bytes, throttler_sleep_us;
    int64_t running;
} floe_export_counters;
void floe_ops_export_counters(floe_export_counters *out);
/* Registers system.exports, system.events and system.metrics rows. */
void floe_ops_export_register_system(void);

#endif
