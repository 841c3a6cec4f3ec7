/*
 * EXPORT PART / EXPORT PARTITION: MergeTree parts written as Parquet files
 * into the directory of a destination table (hive-style partition
 * directories), in the background, with nothing partial ever visible.
 */
#ifndef FLOE_OPS_EXPORT_H
#define FLOE_OPS_EXPORT_H

#include "ops/internal.h"

/* The ALTER command (EXPORT PART, EXPORT PARTITION) on source table t. */
int floe_ops_alter_export(floe_stmt *st, floe_table *t, const floe_ast *cmd);
/* Waits until every queued export has finished (floe_close). */
void floe_ops_export_wait_all(void);

/* A running export, as system.exports shows it. */
typedef struct floe_export_status {
    char source_database[128], source_table[128];
    char destination_database[128], destination_table[128];
    char part_name[160];
    char destination_file_path[1024];
    int64_t create_time;
    double elapsed;
    uint64_t rows_read, total_rows_to_read;
    uint64_t total_size_bytes_compressed, total_size_bytes_uncompressed;
    uint64_t bytes_read_uncompressed;
    uint64_t memory_usage, peak_memory_usage;
} floe_export_status;

/* A copy of the running exports (caller frees the array). */
floe_export_status *floe_ops_exports_list(size_t *n);

/* Counters for system.events. */
typedef struct floe_export_counters {
    uint64_t exports, failures, duplicated, total_ms;
    int64_t running;
} floe_export_counters;
void floe_ops_export_counters(floe_export_counters *out);

#endif
