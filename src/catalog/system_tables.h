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

typedef struct floe_system_env {
    floe_catalog *catalog;
    const floe_settings *settings; /* the statement's, for system.settings */
    const char *data_path;         /* the data directory, for system.disks */
} floe_system_env;

/* Opens system.<name>. Error: UNKNOWN_TABLE. */
int floe_system_table_open(floe_relation **out, const floe_system_env *env, const char *name,
                           floe_exec_ctx *ctx);

#endif
