/*
 * floe's public embedding API: open a data directory, run SQL statements in a
 * session, receive results as formatted bytes or as blocks, read the error of
 * a failed call, cancel a running statement, close. `floe local`, the server
 * and the tests use only this (plus the internal headers of lower layers).
 *
 * Errors: every function returning int returns 0 on success and a negative
 * value on failure; the failure's ClickHouse code, name and message are then
 * available from floe_last_error_* on the same thread until its next call.
 */
#ifndef FLOE_H
#define FLOE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct floe_db floe_db;
typedef struct floe_session floe_session;
typedef struct floe_block floe_block; /* see src/types/column.h */

/* Opens (creating if needed) the data directory at path; NULL makes a
 * temporary directory that floe_close removes. Loads databases and tables
 * from its metadata. *out is freed by floe_close. */
int floe_open(floe_db **out, const char *path);

/* How a data directory is opened. The configuration is ClickHouse's XML
 * (<clickhouse><storage_configuration><disks>... <policies>...); floe reads
 * its disks and storage policies and ignores what it does not know. */
typedef struct floe_open_options {
    const char *config_file; /* a configuration file, or NULL */
    const char *config_xml;  /* the configuration as text (when no config_file), or NULL */
} floe_open_options;

#define FLOE_OPEN_OPTIONS_INIT {0}

/* floe_open with options (NULL: the defaults). A configuration that cannot
 * be read fails the open: FILE_DOESNT_EXIST, BAD_ARGUMENTS (not XML),
 * UNKNOWN_ELEMENT_IN_CONFIG, NO_ELEMENTS_IN_CONFIG, UNKNOWN_DISK; a table
 * whose storage policy the configuration lacks fails it with
 * UNKNOWN_POLICY. */
int floe_open_with(floe_db **out, const char *path, const floe_open_options *opts);
/* Waits for background work this process queued, then releases everything. */
void floe_close(floe_db *db);
/* The data directory in use (absolute). Owned by db. */
const char *floe_db_path(const floe_db *db);

/* A session: the current database, settings changed by SET, and the
 * statement running in it. Sessions are independent; one session runs one
 * statement at a time. Freed by floe_session_free (before floe_close). */
int floe_session_new(floe_session **out, floe_db *db);
void floe_session_free(floe_session *s);
/* Changes a setting for the session as SET would (UNKNOWN_SETTING, ...). */
int floe_session_set(floe_session *s, const char *name, const char *value);
/* The session's current database. Owned by s. */
const char *floe_session_database(const floe_session *s);

/* Where a statement's results and input go. Any callback may be NULL. */
typedef struct floe_exec_options {
    /* Formatted result bytes, in order. Return 0, or <0 to stop the statement. */
    int (*output)(void *ctx, const void *data, size_t len);
    void *output_ctx;
    /* Result blocks before formatting (names/types are in the block). When
     * set, output is not used for SELECT results. */
    int (*on_block)(void *ctx, const floe_block *block);
    void *block_ctx;
    /* Data for INSERT ... FORMAT X without inline data (stdin). read stores
     * up to len bytes and their count in *got; 0 bytes means the end. */
    int (*input)(void *ctx, void *buf, size_t len, size_t *got);
    void *input_ctx;
    /* Format of results without a FORMAT clause; NULL means TabSeparated. */
    const char *default_format;
    /* True when stdout is a terminal (Pretty formats may use colour). */
    bool output_is_terminal;
} floe_exec_options;

#define FLOE_EXEC_OPTIONS_INIT {0}

/* What the last statement did, for the REPL's summary line. */
typedef struct floe_exec_stats {
    uint64_t rows_read;
    uint64_t bytes_read;
    uint64_t result_rows;
    double elapsed; /* seconds */
} floe_exec_stats;

/* Runs the first statement in sql[0..len) and sets *consumed to the bytes it
 * used (including its ';' and inline INSERT data), so a caller loops over a
 * script; a part holding only whitespace/comments consumes to the end and
 * runs nothing. multi_statement tells the parser that more statements may
 * follow (it changes where inline FORMAT data ends). stats may be NULL. */
int floe_exec(floe_session *s, const char *sql, size_t len, size_t *consumed, bool multi_statement,
              const floe_exec_options *opts, floe_exec_stats *stats);

/* Asks the statement running in s to stop: it fails with QUERY_WAS_CANCELLED
 * (394) at its next check. Safe from another thread or a signal handler. */
void floe_session_cancel(floe_session *s);

/* Asks every queued and running export to stop and remove what it wrote
 * (floe_close then returns as soon as they have). Safe from a signal
 * handler. */
void floe_cancel_exports(void);

/* The last failure on this thread. */
int floe_last_error_code(void);
const char *floe_last_error_name(void);
const char *floe_last_error_message(void);
/* "Code: N. DB::Exception: message. (NAME)" into out (NUL-terminated). */
void floe_last_error_format(char *out, size_t size);

const char *floe_version(void);

#ifdef __cplusplus
}
#endif

#endif
