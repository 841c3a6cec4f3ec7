/*
 * What lake_common.c (arguments, stores, listing, downloads, writing) hands
 * to lake_table.c (the engines and table functions). Private to
 * src/storage/lake/.
 */
#ifndef FLOE_STORAGE_LAKE_LAKE_INT_H
#define FLOE_STORAGE_LAKE_LAKE_INT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "expr/expr.h"
#include "storage/lake/file_int.h"
#include "storage/lake/lake_common.h"

/* Arguments after positional / key = value / named collection resolution.
 * Strings live in the arena given to floe_lake_parse_args. */
typedef struct floe_lake_args {
    bool azure;
    const char *url, *filename;
    const char *access_key_id, *secret_access_key, *session_token;
    bool no_sign;
    const char *connection_string, *container, *blob_path, *account_name, *account_key;
    const char *format, *compression, *structure, *partition_strategy;
    int pcols_in_file; /* -1 unset */
} floe_lake_args;

typedef struct floe_lake_tmp_dir {
    atomic_int refs;
    char *path;
} floe_lake_tmp_dir;

/* Conjuncts of WHERE over partition columns only, compiled. */
typedef struct floe_lake_pruner {
    size_t n_cols;
    const char **names;
    const floe_type **types;
    floe_scope sc;
    floe_expr **preds;
    size_t n_preds;
    floe_exec_ctx *ctx;
} floe_lake_pruner;

typedef struct floe_lake_list_ctx {
    const char *pattern;
    floe_lake_pruner *pr;
    char **keys;
    int64_t *mtimes;
    size_t n, cap;
} floe_lake_list_ctx;

/* An object being written: output format over a store writer; with a
 * compression method, over a compressing sink into an unlinked temporary
 * file that finish uploads (the codecs write to file descriptors). */
typedef struct floe_lake_obj_writer {
    floe_objstore_writer *w;
    floe_output_format *out;
    floe_file_codec *codec;
    int fd;
} floe_lake_obj_writer;

/* A known format name, or "auto". */
bool floe_lake_is_format(const char *s);
/* DIR from a table's DIR/data/<db>/<table> (floe_free it), or NULL. */
char *floe_lake_data_root(const char *data_dir);
/* The engine's or table function's arguments (function: structure is
 * positional). data_path: for named collections. Strings in a. */
int floe_lake_parse_args(floe_lake_args *la, floe_ast *const *args, size_t n, bool azure,
                         bool function, const char *data_path, floe_arena *a);
/* Opens the store and splits the path into root and pattern (partitioned:
 * PARTITION BY given, which picks the strategy). */
int floe_lake_open_target(floe_lake_target *out, const floe_lake_args *la, bool partitioned);
/* *, **, ?, {a,b}, {N..M} against a key. */
bool floe_lake_glob_match(const char *p, const char *s);

/* A private download directory, removed with its last reference. */
int floe_lake_tmp_dir_new(floe_lake_tmp_dir **out);
void floe_lake_tmp_dir_unref(floe_lake_tmp_dir *t);
/* inner's blocks, with td kept alive and _path (relation column path_col
 * among cols) shown as display_root + key. Takes inner over. */
floe_op *floe_lake_wrap(floe_op *inner, floe_lake_tmp_dir *td, const size_t *cols, size_t path_col,
                        const char *display_root);

/* The value of key in rel's <key>=<value> directories (deepest wins). */
bool floe_lake_hive_value(const char *rel, const char *key, const char **v, size_t *len);
/* Compiles the conjuncts of where over the n partition columns; free
 * pr->sc with floe_scope_free. */
void floe_lake_pruner_init(floe_lake_pruner *pr, size_t n, const char **names,
                           const floe_type **types, const floe_ast *where, floe_exec_ctx *ctx);
void floe_lake_list_push(floe_lake_list_ctx *lc, const floe_objstore_entry *e);
/* Lists lt's objects (glob, pruning), downloads up to limit of them into td
 * and returns their local paths, in key order. */
int floe_lake_fetch(char ***paths, size_t *n_paths, floe_lake_target *lt, floe_lake_pruner *pr,
                    floe_lake_tmp_dir *td, size_t limit);

/* ClickHouse's generateSnowflakeID: ms << 22 | machine << 12 | sequence. */
uint64_t floe_lake_snowflake_id(void);
/* BAD_ARGUMENTS when key exists (ClickHouse's message for S3). */
int floe_lake_check_absent(floe_objstore *s, const char *key);
/* Format (and compression from the hint or the key's name) over a writer
 * of key with flags (FLOE_OBJSTORE_NO_OVERWRITE). */
int floe_lake_obj_open(floe_lake_obj_writer *ow, floe_objstore *s, const char *key, unsigned flags,
                       const char *format, const char *compression, size_t n,
                       const char *const *names, const floe_type *const *types);
int floe_lake_obj_finish(floe_lake_obj_writer *ow);
void floe_lake_obj_abort(floe_lake_obj_writer *ow);
/* A format to write and a known compression method. */
int floe_lake_check_writable(const floe_lake_target *lt);

#endif
