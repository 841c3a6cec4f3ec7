/*
 * Tables as the catalog and the statements see them: a definition (columns
 * with their defaults, the engine clause) and an engine behind one
 * interface. Engines: Memory and Null here; MergeTree and the lake engines
 * plug in the same way.
 */
#ifndef FLOE_STORAGE_TABLE_H
#define FLOE_STORAGE_TABLE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "exec/op.h"
#include "sql/ast.h"
#include "types/column.h"

typedef struct floe_table_column {
    const char *name;
    const floe_type *type;
    floe_column_default_kind default_kind;
    const floe_ast *default_expr; /* NULL when none */
    const char *comment;          /* NULL when none */
} floe_table_column;

typedef struct floe_table floe_table;

/* Statement settings an INSERT passes down to the engine. */
typedef struct floe_insert_settings {
    uint64_t max_partitions_per_insert_block; /* 100; 0 = no limit */
    bool throw_on_max_partitions_per_insert_block;
} floe_insert_settings;

typedef struct floe_table_ops {
    /* Opens a scan of the given columns (indices into the table's columns). */
    int (*scan)(floe_table *t, floe_op **out, const size_t *cols, size_t n, const floe_ast *where,
                floe_exec_ctx *ctx);
    /* Appends a block holding every stored column in table order. */
    int (*insert)(floe_table *t, const floe_block *b);
    int (*truncate)(floe_table *t);
    /* Removes the table's data from disk (DROP TABLE). */
    int (*drop)(floe_table *t);
    void (*free)(floe_table *t);
    /* OPTIMIZE TABLE [PARTITION ID partition_id] [FINAL]; NULL: the engine
     * has nothing to merge (the statement succeeds, as in ClickHouse). */
    int (*optimize)(floe_table *t, const char *partition_id, bool final);
    /* The partition ID a PARTITION clause names (a PARTITION node: ALL is
     * the caller's business; ID 'x' is checked; an expression is evaluated
     * and converted to the key's types). NULL: the engine has no partitions. */
    int (*partition_id)(floe_table *t, const floe_ast *partition, char *out, size_t size);
    /* insert with the statement's settings; NULL: insert is used */
    int (*insert_with)(floe_table *t, const floe_block *b, const floe_insert_settings *s);
} floe_table_ops;

/*
 * A table. The definition (cols, create) is immutable once the table is
 * published in the catalog; ALTER replaces the whole table object. refs
 * counts holders (the catalog holds one); the last floe_table_unref frees.
 */
struct floe_table {
    char *db;
    char *name;
    size_t n_cols;
    floe_table_column *cols;
    const char *engine; /* "Memory", "MergeTree", ... */
    floe_ast *create;   /* the CREATE TABLE statement, db filled in */
    floe_arena arena;   /* owns cols, create and everything they point to */
    const floe_table_ops *ops;
    void *impl;
    atomic_int refs;
    char *data_dir; /* DIR/data/<db>/<table> (floe_table_create's data_dir), NULL if none */
    /* the data directory's disks and policies (storage/mergetree/disks.h),
     * owned by the catalog; NULL: the default disk (data_dir) only */
    const struct floe_storage_config *storage;
    /* Virtual columns the engine provides (_part, _partition_id, ...): a scan
     * asks for them with indices n_cols + i. Set by the engine's init. */
    size_t n_virtual;
    const char *const *virtual_names;
    const floe_type **virtual_types;
};

/* Creates the table a CREATE TABLE statement describes (db already set in
 * it), copying what it needs. data_dir is the table's data directory (for
 * engines that keep data on disk). Errors: UNKNOWN_STORAGE, UNKNOWN_TYPE,
 * BAD_ARGUMENTS, ... */
int floe_table_create(floe_table **out, const floe_ast *create, const char *db,
                      const char *data_dir);
/* floe_table_create with the data directory's disks and storage policies
 * (kept by the caller for the table's life). Errors: also UNKNOWN_POLICY. */
int floe_table_create_in(floe_table **out, const floe_ast *create, const char *db,
                         const char *data_dir, const struct floe_storage_config *storage);
void floe_table_ref(floe_table *t);
void floe_table_unref(floe_table *t);
/* Index of column name, or -1. */
int floe_table_find_column(const floe_table *t, const char *name);

/* A relation over the table for SELECT (holds a reference until released). */
floe_relation *floe_table_relation(floe_table *t, floe_exec_ctx *ctx);

/* Engine constructors, called by floe_table_create. */
int floe_memory_engine_init(floe_table *t, const floe_ast *engine);
int floe_null_engine_init(floe_table *t, const floe_ast *engine);
int floe_mergetree_engine_init(floe_table *t, const floe_ast *engine);
/* File(format [, path [, compression]]): src/storage/lake/file_engine.c */
int floe_file_engine_init(floe_table *t, const floe_ast *engine);

#endif
