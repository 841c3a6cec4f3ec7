/*
 * What the files of src/storage/lake/ share about local files: parsed
 * file() arguments, an open file with its decompressing source, and the
 * relation and sink constructors the File engine reuses. Private.
 */
#ifndef FLOE_STORAGE_LAKE_FILE_INT_H
#define FLOE_STORAGE_LAKE_FILE_INT_H

#include <stdint.h>
#include <time.h>

#include "storage/lake/file.h"
#include "storage/lake/file_codec.h"

/* file(path, format, structure, compression); "auto" and absent are NULL.
 * Strings live in the statement's arena. */
typedef struct floe_file_args {
    const char *path;
    const char *format;
    const char *structure;
    const char *compression;
} floe_file_args;

int floe_file_args_parse(floe_file_args *fa, const floe_ast *fn, floe_exec_ctx *ctx);
/* 'a UInt8, b String' into names and types (in a). */
int floe_file_parse_structure(size_t *n, const char ***names, const floe_type ***types,
                              const char *structure, floe_arena *a);
/* The format to use: the given one, the first file name's, or (no telling
 * name) detected from the first non-empty file's bytes; checked to exist as
 * an input (input) or output format. */
int floe_file_resolve_format(const char **out, const char *format, char *const *paths,
                             size_t n_paths, const char *path_arg, const char *compression_hint,
                             bool input);
/* Infers the schema from the first non-empty file of paths. */
int floe_file_infer_from_paths(size_t *n, const char ***names, const floe_type ***types,
                               const char **read_format, char *const *paths, size_t n_paths,
                               const char *format, const char *compression_hint,
                               const floe_file_options *opts, floe_arena *a);
/* CANNOT_EXTRACT_TABLE_STRUCTURE for a path that matches no file (format:
 * the one given as argument, or NULL). */
int floe_file_no_files(const char *format);

/* An open file: src reads its (decompressed) bytes. */
typedef struct floe_file_reader {
    int fd;
    floe_source src;
    floe_file_codec *codec;
    uint64_t size;
    time_t mtime;
} floe_file_reader;

/* Errors: FILE_DOESNT_EXIST "File X doesn't exist", CANNOT_OPEN_FILE. */
int floe_file_reader_open(floe_file_reader *r, const char *path, const char *compression);
void floe_file_reader_close(floe_file_reader *r);

/* The virtual columns after a file relation's visible ones: _path,
 * _file (LowCardinality(String)), _size (Nullable(UInt64)), _time
 * (Nullable(DateTime)). */
#define FLOE_FILE_N_VIRTUAL 4
extern const char *const floe_file_virtual_names[FLOE_FILE_N_VIRTUAL];
const floe_type *floe_file_virtual_type(int v);

/* A relation reading paths (taken over: floe_free'd with the relation).
 * names/types list n_cols visible then n_hidden hidden data columns (the
 * hidden ones come after the virtual columns); from_path (NULL: none)
 * marks those whose value is the file's <name>=<value> directory below
 * hive_root rather than a field of the file. */
int floe_file_relation_new(floe_relation **out, char **paths, size_t n_paths, const char *format,
                           const char *compression, size_t n_cols, size_t n_hidden,
                           const char *const *names, const floe_type *const *types,
                           const bool *from_path, const char *hive_root, const char *qual,
                           const floe_file_options *opts, floe_exec_ctx *ctx);

/* The type of a hive partition value as ClickHouse infers it: Int64,
 * Float64, Date, DateTime, Bool, ... (not Nullable), strings
 * LowCardinality(String). */
const floe_type *floe_file_infer_value_type(const char *text, size_t len);

/* A sink writing to target (no path checks: the caller made them). */
int floe_file_sink_begin(floe_file_sink **out, const char *target, const char *format,
                         const char *compression, size_t n_cols, const char *const *names,
                         const floe_type *const *types, const floe_file_options *opts,
                         const char *session_tz);

#endif
