/*
 * What the S3 and AzureBlobStorage engines and the s3() / azureBlobStorage()
 * table functions share: their arguments (positional, key = value, or a
 * named collection), opening the object store, listing the objects under a
 * root with hive partition pruning, reading them through file()'s formats,
 * writing new objects named as ClickHouse names them, and masking secrets
 * in SHOW CREATE TABLE. Also the destination description EXPORT uses for
 * S3, AzureBlobStorage and File tables (floe_lake_resolve_table).
 */
#ifndef FLOE_STORAGE_LAKE_LAKE_COMMON_H
#define FLOE_STORAGE_LAKE_LAKE_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "exec/op.h"
#include "objstore/objstore.h"
#include "sql/ast.h"
#include "storage/table.h"

typedef enum floe_lake_partition_strategy {
    FLOE_LAKE_PARTITION_NONE = 0,     /* no PARTITION BY */
    FLOE_LAKE_PARTITION_WILDCARD = 1, /* {_partition_id} in the path */
    FLOE_LAKE_PARTITION_HIVE = 2,     /* <root>/<key>=<value>/.../<id>.<ext> */
} floe_lake_partition_strategy;

/*
 * Where a lake table's objects live. store's root is the directory part of
 * the table's path; pattern is the rest (a key, maybe with globs or
 * {_partition_id}); for the hive strategy pattern is "" and every object
 * under the root belongs to the table.
 *
 * Everything is owned by the target (floe_lake_target_free).
 */
typedef struct floe_lake_target {
    floe_objstore *store;
    char *pattern;
    char *format;      /* as given: "Parquet", "CSV", ... */
    char *compression; /* NULL: none / from the name */
    floe_lake_partition_strategy strategy;
    bool partition_columns_in_data_file;
    char *display_root; /* "bucket/dir/" or "container/dir/": what _path shows before a key */
} floe_lake_target;

/*
 * The destination of an EXPORT into table t (S3, AzureBlobStorage, or File
 * with PARTITION BY): the store (for File, a local store at the table's
 * directory), the root inside it, format and strategy. An export writes
 * <root><key>=<value>/.../<name>.parquet through floe_objstore_open_writer
 * (with FLOE_OBJSTORE_NO_OVERWRITE unless overwriting), which aborts cleanly.
 * *root is "" or ends with '/'; it is owned by out (floe_free it; the store
 * with floe_objstore_free). Errors: NOT_IMPLEMENTED for other engines and
 * strategies, what floe_objstore_open reports, NAMED_COLLECTION_DOESNT_EXIST.
 */
typedef struct floe_lake_destination {
    floe_objstore *store;
    char *root;
    char *format;
    floe_lake_partition_strategy strategy;
    bool partition_columns_in_data_file;
} floe_lake_destination;
int floe_lake_resolve_destination(floe_lake_destination *out, const floe_table *t);
void floe_lake_destination_free(floe_lake_destination *d);

/* The target of an S3 / AzureBlobStorage table (its engine clause and
 * PARTITION BY). data_path: the data directory, for named collections. */
int floe_lake_table_target(floe_lake_target *out, const floe_table *t);
void floe_lake_target_free(floe_lake_target *t);

/* The engine clause of a CREATE with secrets replaced by '[HIDDEN]'
 * (secret_access_key, account_key, AccountKey= in connection strings), a
 * copy in a; engines other than S3 / AzureBlobStorage are returned as
 * they are. For SHOW CREATE TABLE and system tables. */
floe_ast *floe_lake_masked_engine(const floe_ast *engine, floe_arena *a);

/* s3(...) and azureBlobStorage(...) in FROM. data_path: the data directory
 * (named collections). The relation reads objects downloaded when it is
 * made; they are removed when the relation and its scans are gone. */
int floe_lake_table_function(floe_relation **out, const floe_ast *fn, const char *data_path,
                             floe_exec_ctx *ctx);

/* INSERT INTO FUNCTION s3(...) / azureBlobStorage(...): the columns are
 * the structure argument, else names/types (the SELECT's). */
typedef struct floe_lake_sink floe_lake_sink;
/* s3_ / azure_truncate_on_insert and _create_new_file_on_insert: an
 * existing object is replaced, or the new one is named data.1.csv,
 * data.2.csv, ... (a number before the first dot of the name); with
 * neither, an existing object fails with BAD_ARGUMENTS. */
typedef struct floe_lake_sink_options {
    bool truncate_on_insert;
    bool create_new_file_on_insert;
} floe_lake_sink_options;

/* opts may be NULL (both off). */
int floe_lake_sink_open(floe_lake_sink **out, const floe_ast *fn, const char *data_path, size_t n,
                        const char *const *names, const floe_type *const *types,
                        const floe_lake_sink_options *opts, floe_exec_ctx *ctx);
void floe_lake_sink_columns(const floe_lake_sink *s, size_t *n, const char *const **names,
                            const floe_type *const **types);
int floe_lake_sink_write(floe_lake_sink *s, const floe_block *b);
int floe_lake_sink_finish(floe_lake_sink *s);
void floe_lake_sink_free(floe_lake_sink *s);

/* Named collections live in the catalog layer, below storage: it hands
 * its lookup over at start-up (floe_open). The function fills n key/value
 * pairs and whether each may be overridden by a key = value argument
 * (floe_malloc'd; the caller frees each string and the three arrays) or
 * fails with NAMED_COLLECTION_DOESNT_EXIST. */
typedef int (*floe_lake_collection_fn)(size_t *n, char ***keys, char ***values, bool **overridable,
                                       const char *data_path, const char *name);
void floe_lake_set_collection_lookup(floe_lake_collection_fn fn);

/* The engines (s3_engine.c, azure_engine.c). */
int floe_s3_engine_init(floe_table *t, const floe_ast *engine);
int floe_azure_engine_init(floe_table *t, const floe_ast *engine);
/* Shared by both engines: t->impl set to a lake table over the target. */
int floe_lake_engine_init(floe_table *t, bool azure);

#endif
