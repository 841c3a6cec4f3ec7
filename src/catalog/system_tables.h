/*
 * The `system` database: tables that describe the server (databases,
 * tables, columns, parts, settings, disks, ...), built when a query opens
 * them, with ClickHouse's column names and types.
 */
#ifndef FLOE_CATALOG_SYSTEM_TABLES_H
#define FLOE_CATALOG_SYSTEM_TABLES_H

#include "catalog/catalog.h"
#include "exec/op.h"
#include "sql/settings.h"

#include <stddef.h>
#include <stdint.h>

typedef struct floe_system_env {
    floe_catalog *catalog;
    const floe_settings *settings; /* the statement's, for system.settings */
    const char *data_path;         /* the data directory, for system.disks */
} floe_system_env;

/* Rows the layers above provide (they register a provider at start-up):
 * running exports for system.exports, counters for system.events and
 * gauges for system.metrics. */
typedef struct floe_system_export_row {
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
} floe_system_export_row;

typedef struct floe_system_counter {
    const char *name;
    int64_t value;
    const char *description;
} floe_system_counter;

typedef struct floe_system_providers {
    /* a malloc'd array the caller frees */
    floe_system_export_row *(*exports)(size_t *n);
    /* fill up to max counters; return how many */
    size_t (*events)(floe_system_counter *out, size_t max);
    size_t (*metrics)(floe_system_counter *out, size_t max);
} floe_system_providers;

void floe_system_set_providers(const floe_system_providers *p);

/* Opens system.<name>. Error: UNKNOWN_TABLE. */
int floe_system_table_open(floe_relation **out, const floe_system_env *env, const char *name,
                           floe_exec_ctx *ctx);

#endif
