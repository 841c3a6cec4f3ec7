/*
 * The catalog: databases and their tables, loaded from and persisted to the
 * data directory's metadata/ (one ATTACH statement per file, rewritten
 * atomically). Lookups hand out referenced tables, so a DROP never frees a
 * table a running statement still reads.
 */
#ifndef FLOE_CATALOG_CATALOG_H
#define FLOE_CATALOG_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "storage/mergetree/disks.h"
#include "storage/table.h"

typedef struct floe_catalog floe_catalog;

/* Loads (or initialises) the catalog of the data directory path: creates
 * metadata/, data/ and the `default` database when missing, then attaches
 * every database and table found. storage (taken, even on failure; NULL:
 * the default disk and policy only) is the directory's disks and storage
 * policies. */
int floe_catalog_open(floe_catalog **out, const char *path, floe_storage_config *storage);
/* The disks and storage policies tables live on. Owned by c. */
const floe_storage_config *floe_catalog_storage(const floe_catalog *c);
void floe_catalog_free(floe_catalog *c);

/* *out gets a reference (floe_table_unref). Errors: UNKNOWN_DATABASE,
 * UNKNOWN_TABLE with ClickHouse's messages. */
int floe_catalog_get_table(floe_table **out, floe_catalog *c, const char *db, const char *name);
bool floe_catalog_has_database(floe_catalog *c, const char *db);
/* True when the database is one floe provides (system, information_schema). */
bool floe_catalog_is_builtin_database(const char *db);

int floe_catalog_create_database(floe_catalog *c, const char *name, bool if_not_exists);
int floe_catalog_drop_database(floe_catalog *c, const char *name, bool if_exists);
/* Creates the table described by create (a CREATE TABLE statement) in db;
 * the catalog keeps its own copy of the statement. */
int floe_catalog_create_table(floe_catalog *c, const floe_ast *create, const char *db);
/* The engine's own table system.<name> (such as part_log), loaded from its
 * metadata or created from create_text (a CREATE TABLE statement) the
 * first time; referenced into *out. */
int floe_catalog_system_table(floe_table **out, floe_catalog *c, const char *name,
                              const char *create_text);
int floe_catalog_drop_table(floe_catalog *c, const char *db, const char *name, bool if_exists);
int floe_catalog_rename_table(floe_catalog *c, const char *db, const char *name,
                              const char *to_db, const char *to_name);
/* Replaces the definition of MergeTree table db.name by new_create (a
 * CREATE TABLE statement, copied): rewrites the metadata file atomically and
 * publishes a new table object that has taken over the old one's parts,
 * block counter and mutations. *out gets a reference to the new object.
 * Errors: UNKNOWN_DATABASE, UNKNOWN_TABLE, NOT_IMPLEMENTED (other engines),
 * the new definition's own (UNKNOWN_TYPE, ...). */
int floe_catalog_alter_table(floe_table **out, floe_catalog *c, const char *db, const char *name,
                             const floe_ast *new_create);

/* Names, sorted; the caller frees the array and each name with floe_free. */
int floe_catalog_list_databases(floe_catalog *c, char ***names, size_t *n);
int floe_catalog_list_tables(floe_catalog *c, const char *db, char ***names, size_t *n);

#endif
