/*
 * What the statement runners in src/ops/ share: the database and session
 * objects behind include/floe.h, and the per-statement context.
 */
#ifndef FLOE_OPS_INTERNAL_H
#define FLOE_OPS_INTERNAL_H

#include <stdbool.h>

#include "floe.h"
#include "base/arena.h"
#include "catalog/catalog.h"
#include "exec/op.h"
#include "formats/format.h"
#include "sql/ast.h"
#include "sql/settings.h"
#include "storage/lake/file.h"

struct floe_db {
    char *path;
    bool temporary;
    floe_catalog *catalog;
    floe_settings *defaults; /* the configuration's settings: every session starts from them */
};

struct floe_session {
    floe_db *db;
    char *database;
    floe_settings *settings;
    volatile int cancel;
};

/* One statement being run. */
typedef struct floe_stmt {
    floe_session *session;
    const floe_exec_options *opts;
    floe_arena arena;
    floe_settings *settings; /* the session's plus the statement's SETTINGS */
    floe_exec_ctx ctx;
    const char *sql; /* the statement's text (inline data offsets are relative to it) */
    size_t sql_len;
    uint64_t result_rows;
    double started;
} floe_stmt;

/* Result output: writes the blocks of op in the statement's format. */
int floe_ops_output(floe_stmt *st, floe_op *op, const floe_ast *stmt);
/* Output of one ready block (SHOW, DESCRIBE, EXISTS). */
int floe_ops_output_block(floe_stmt *st, floe_block *b, const floe_ast *stmt);

/*
 * The structure lock, one for all tables (coarse, simple): statements hold
 * it shared while they run; what swaps a table object (a column ALTER's
 * new definition, DROP, RENAME, TRUNCATE) holds it exclusively, so it
 * waits for running statements and new ones wait for it (writers go
 * first). Column ALTERs take it only to publish the new definition, not
 * while their mutation runs.
 */
void floe_ops_structure_lock(bool exclusive);
/* Evaluates where over the rows of b (its columns named names, of types
 * types): *mask (freed by the caller) gets a byte per row, 1 where the
 * condition holds (NULL does not). */
int floe_ops_where_mask(uint8_t **mask, const floe_ast *where, const floe_block *b,
                        const char *const *names, const floe_type *const *types);
void floe_ops_structure_unlock(void);
int floe_ops_insert(floe_stmt *st, const floe_ast *stmt);
void floe_ops_format_settings(floe_format_settings *fs, const floe_stmt *st);
/* Settings for the file() table function and File engine. */
void floe_ops_file_options(floe_file_options *o, const floe_stmt *st);
/* DIR/user_files, the root of file() paths. */
void floe_ops_user_files(char *out, size_t size, const floe_stmt *st);

#endif
