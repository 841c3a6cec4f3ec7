/*
 * Local files as tables: the file() table function (SELECT, DESCRIBE and
 * INSERT INTO FUNCTION) and the File(format [, path [, compression]])
 * table engine. Paths live under the data directory's user_files/ and may
 * not leave it; globs (*, ?, **, {a,b}, {1..3}) select several files, read
 * one after another in sorted order. Without a structure argument the
 * columns are inferred from the data as ClickHouse infers them.
 */
#ifndef FLOE_STORAGE_LAKE_FILE_H
#define FLOE_STORAGE_LAKE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "exec/op.h"
#include "formats/format.h"
#include "sql/ast.h"
#include "storage/table.h"

/* What the statement runner passes down from the statement's settings
 * (ClickHouse's names and 26.7 defaults in comments). */
typedef struct floe_file_options {
    floe_format_settings format;      /* input and output format settings */
    bool truncate_on_insert;          /* engine_file_truncate_on_insert, 0 */
    bool allow_create_multiple_files; /* engine_file_allow_create_multiple_files, 0 */
    bool skip_empty_files;            /* engine_file_skip_empty_files, 0 */
    bool empty_if_not_exists;         /* engine_file_empty_if_not_exists, 0 */
    bool use_hive_partitioning;       /* use_hive_partitioning, 1 */
    uint64_t infer_max_rows;  /* input_format_max_rows_to_read_for_schema_inference, 25000 */
    uint64_t infer_max_bytes; /* input_format_max_bytes_to_read_for_schema_inference, 32 MiB */
    /* schema inference (input_format_ prefix omitted unless shown) */
    unsigned make_nullable;         /* schema_inference_make_columns_nullable, 3 (0: none) */
    bool csv_detect_header;         /* csv_detect_header, 1 */
    bool tsv_detect_header;         /* tsv_detect_header, 1 */
    bool csv_best_effort;           /* csv_use_best_effort_in_schema_inference, 1 */
    bool tsv_best_effort;           /* tsv_use_best_effort_in_schema_inference, 1 */
    bool try_infer_integers;        /* try_infer_integers, 1 */
    bool try_infer_dates;           /* try_infer_dates, 1 */
    bool try_infer_datetimes;       /* try_infer_datetimes, 1 */
    bool try_infer_exponent_floats; /* try_infer_exponent_floats, 0 */
} floe_file_options;

/* Fills o with the defaults above (and floe_format_settings_init). */
void floe_file_options_init(floe_file_options *o);

/*
 * file(path [, format [, structure [, compression]]]) for FROM and DESCRIBE.
 * The relation's visible columns are the structure (given or inferred);
 * past n_visible come the virtual columns _path, _file
 * (LowCardinality(String)), _size (Nullable(UInt64)) and _time
 * (Nullable(DateTime)). opts may be NULL (defaults). The relation is the
 * caller's (release it); files are opened when a scan reads them.
 * Errors: DATABASE_ACCESS_DENIED (path outside user_files),
 * FILE_DOESNT_EXIST, CANNOT_STAT, CANNOT_EXTRACT_TABLE_STRUCTURE,
 * UNKNOWN_FORMAT, CANNOT_DETECT_FORMAT, NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
 * BAD_ARGUMENTS, NOT_IMPLEMENTED (inference for formats other than CSV, TSV,
 * JSONEachRow and Parquet; Map types; compression other than gzip, zstd).
 */
int floe_file_table_function(floe_relation **out, const floe_ast *fn, const char *user_files_dir,
                             const floe_file_options *opts, floe_exec_ctx *ctx);

/*
 * INSERT INTO FUNCTION file(path [, format [, structure [, compression]]]).
 * The rows go to a temporary file beside the target, renamed over it by
 * floe_file_sink_finish: a failed INSERT leaves the old file as it was.
 * Appending (CSV, TSV, JSONEachRow, Values, ... when the file exists and
 * truncate_on_insert is off) copies the old bytes into the temporary file
 * first. Formats that cannot append (Parquet, JSON, Native, ...) fail with
 * CANNOT_APPEND_TO_FILE unless truncate_on_insert or
 * allow_create_multiple_files (then name.1.ext, name.2.ext, ...) is set.
 */
typedef struct floe_file_sink floe_file_sink;

/*
 * Opens the sink. The columns it takes are the structure argument when
 * given; else src_names/src_types (the SELECT's columns, n_src of them)
 * when not NULL; else the columns inferred from the existing file
 * (INSERT ... VALUES with no structure). Missing parent directories are
 * created. Free with floe_file_sink_free.
 */
int floe_file_sink_open(floe_file_sink **out, const floe_ast *fn, const char *user_files_dir,
                        size_t n_src, const char *const *src_names,
                        const floe_type *const *src_types, const floe_file_options *opts,
                        floe_exec_ctx *ctx);
/* The columns write expects, in order (valid while the sink lives). */
void floe_file_sink_columns(const floe_file_sink *s, size_t *n, const char *const **names,
                            const floe_type *const **types);
/* Writes a block of those columns (by position; other types are cast as
 * CAST does). Error: NUMBER_OF_COLUMNS_DOESNT_MATCH. */
int floe_file_sink_write(floe_file_sink *s, const floe_block *b);
/* Ends the format, fsyncs and renames the file into place. */
int floe_file_sink_finish(floe_file_sink *s);
/* Frees the sink; before finish, removes the temporary file. */
void floe_file_sink_free(floe_file_sink *s);

/*
 * ENGINE = File(format [, path [, compression]]). Without a path the data
 * is DIR/data/<db>/<table>/data.<format> (ClickHouse's name, the format
 * name as written); a path is relative to user_files. Needs t->data_dir.
 */
int floe_file_engine_init(floe_table *t, const floe_ast *engine);

/* ---- pieces, exposed for the unit tests ---- */

/*
 * Expands path (relative to root, or absolute inside it) into the sorted
 * list of existing regular files it names: globs expand, a directory
 * lists the files in it, a plain path is returned whether or not it
 * exists. *paths and each string are the caller's (floe_free).
 * *has_globs tells whether the path had globs or was a directory.
 * Error: DATABASE_ACCESS_DENIED "File `X` is not inside `ROOT`" (also for
 * a symlink whose target lies outside).
 */
int floe_file_expand(char ***paths, size_t *n, bool *has_globs, const char *root, const char *path);
/* Whether name (one path segment) matches glob (*, ?, {a,b}, {1..3}). */
bool floe_file_glob_match(const char *glob, const char *name);
/* ClickHouse's format for a file name by its extension (after stripping a
 * compression extension), or NULL. */
const char *floe_file_format_from_name(const char *path);
/* The compression method for path: "gzip", "zstd", ... from the hint
 * ("auto" or NULL: from the extension; "none"), or NULL for none.
 * Error: NOT_IMPLEMENTED "Unknown compression method 'x'. ..." (ClickHouse's
 * code for it). */
int floe_file_compression(const char **out, const char *path, const char *hint);

/*
 * Schema inference from the first bytes of a file (at most
 * opts->infer_max_rows rows; `complete` false means data was cut at the
 * byte limit, so its last line is dropped). Names and types go into a.
 * Formats: CSV, TSV (and Raw), their WithNames and WithNamesAndTypes
 * variants, JSONEachRow and its aliases (Parquet's schema is read from the
 * whole file by the table function instead). *read_format (when not
 * NULL) is the format that reads the data as inferred: format itself, or
 * its WithNames / WithNamesAndTypes variant when a header row was detected.
 * Errors:
 * CANNOT_EXTRACT_TABLE_STRUCTURE, NOT_IMPLEMENTED (other formats, Map).
 */
int floe_file_infer_schema(size_t *n, const char ***names, const floe_type ***types,
                           const char **read_format, const char *format, const char *data,
                           size_t len, bool complete, const floe_file_options *opts, floe_arena *a);

/* The format to read a file with given columns: a plain CSV/TSV format's
 * WithNames (WithNamesAndTypes) variant when the file's first row is the
 * column names (and the second their types), as ClickHouse skips such
 * rows with input_format_{csv,tsv}_detect_header; else format. data holds
 * the file's first bytes. */
const char *floe_file_read_format(const char *format, const char *data, size_t len, size_t n_cols,
                                  const char *const *names, const floe_type *const *types,
                                  const floe_file_options *opts);

#endif
