/*
 * Named collections: CREATE / ALTER / DROP NAMED COLLECTION, kept as one
 * SQL file per collection in DIR/named_collections/<name>.sql (as
 * ClickHouse keeps its SQL-defined ones), and a lookup the lake engines and
 * table functions use to read a collection's keys and values.
 *
 * Values are secrets: nothing here prints them. system.named_collections
 * shows every value as '[HIDDEN]', as ClickHouse does with its default
 * display_secrets_in_show_and_select = 0.
 */
#ifndef FLOE_CATALOG_NAMED_COLLECTIONS_H
#define FLOE_CATALOG_NAMED_COLLECTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sql/ast.h"

/* One collection. keys are sorted and unique; overridable[i] is -1
 * (unspecified), 0 (NOT OVERRIDABLE) or 1 (OVERRIDABLE). Everything is
 * owned by the collection (floe_named_collection_free). */
typedef struct floe_named_collection {
    char *name;
    bool if_not_exists; /* the CREATE said IF NOT EXISTS (shown in create_query) */
    size_t n;
    char **keys;
    char **values;
    int8_t *overridable;
} floe_named_collection;

/* Reads collection name of the data directory data_path. Error:
 * NAMED_COLLECTION_DOESNT_EXIST. */
int floe_named_collection_get(floe_named_collection **out, const char *data_path, const char *name);
/* The value of key, or NULL (owned by c). */
const char *floe_named_collection_value(const floe_named_collection *c, const char *key);
void floe_named_collection_free(floe_named_collection *c);

/* The same as n key/value pairs and whether each can be overridden
 * (NOT OVERRIDABLE: no; unspecified: allow_named_collection_override_by_default,
 * 1) (floe_malloc'd: the caller frees each string and the three arrays);
 * the shape floe_lake_set_collection_lookup takes. */
int floe_named_collection_kv(size_t *n, char ***keys, char ***values, bool **overridable,
                             const char *data_path, const char *name);

/* Every collection, sorted by name; the caller frees each and the array. */
int floe_named_collection_list(floe_named_collection ***out, size_t *n, const char *data_path);

/* The statements (FLOE_AST_CREATE_NAMED_COLLECTION,
 * FLOE_AST_ALTER_NAMED_COLLECTION, and FLOE_AST_DROP of
 * FLOE_OBJECT_NAMED_COLLECTION). Errors: NAMED_COLLECTION_ALREADY_EXISTS,
 * NAMED_COLLECTION_DOESNT_EXIST, BAD_ARGUMENTS (ALTER ... DELETE of a
 * missing key). */
int floe_named_collection_create(const char *data_path, const floe_ast *stmt);
int floe_named_collection_alter(const char *data_path, const floe_ast *stmt);
/* DROP refuses a collection that S3 / AzureBlobStorage tables of cat name
 * (NAMED_COLLECTION_IS_USED, as check_named_collection_dependencies = 1
 * does in ClickHouse); cat may be NULL (no check). */
struct floe_catalog;
int floe_named_collection_drop(const char *data_path, struct floe_catalog *cat, const char *name,
                               bool if_exists);

/* create_query as system.named_collections shows it: keys sorted, every
 * value '[HIDDEN]'. Appends to out. */
void floe_named_collection_masked_query(floe_buf *out, const floe_named_collection *c);

#endif
