/*
 * The File table engine: a table whose rows are one file in a row or
 * Parquet format, DIR/data/<db>/<table>/data.<Format> (ClickHouse's name),
 * or a file under user_files named by File(format, 'path'). Scans read it
 * through file()'s reader; each INSERT appends through file()'s sink, so a
 * failed INSERT leaves the file as it was.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/fs.h"
#include "base/mem.h"
#include "storage/lake/file_int.h"

/* Invariant: exactly one of data_path (the table's own file) and
 * user_path (File(format, 'path'), maybe with globs) is set. */
typedef struct file_table {
    pthread_mutex_t mu; /* serialises inserts and truncates */
    char *format;
    char *compression; /* hint, NULL for auto */
    char *data_path;
    char *data_dir;
    char *user_files;
    char *user_path;
    /* PARTITION BY (a floe extension: EXPORT PART writes such tables):
     * every file below data_dir is read, key columns from its hive path */
    bool partitioned;
    bool *from_path; /* n_cols */
} file_table;

static int engine_arg(const char **out, const floe_ast *e)
{
    if (e->kind == FLOE_AST_LITERAL && !e->u.lit.value.is_null &&
        floe_type_base(e->u.lit.value.type)->id == FLOE_TYPE_STRING) {
        *out = e->u.lit.value.v.s.ptr;
        return 0;
    }
    if (e->kind == FLOE_AST_IDENT && e->u.ident.n_parts == 1) {
        *out = e->u.ident.parts[0];
        return 0;
    }
    return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                      "Storage File requires literal arguments: name of used format, source "
                      "and compression_method");
}

/* The files a scan reads now. */
static int table_paths(char ***paths, size_t *n, file_table *ft)
{
    if (ft->partitioned) {
        struct stat st;
        if (stat(ft->data_dir, &st) < 0) {
            *n = 0;
            *paths = floe_calloc(1, sizeof **paths);
            return 0;
        }
        bool globs;
        if (floe_file_expand(paths, n, &globs, ft->data_dir, "**") < 0)
            return -1;
        /* temporary files of writers in progress are hidden */
        size_t k = 0;
        for (size_t i = 0; i < *n; i++) {
            const char *base = strrchr((*paths)[i], '/');
            if (base && base[1] == '.')
                floe_free((*paths)[i]);
            else
                (*paths)[k++] = (*paths)[i];
        }
        *n = k;
        return 0;
    }
    if (ft->data_path) {
        /* the reader reports FILE_DOESNT_EXIST before the first INSERT, as
         * ClickHouse does */
        *n = 1;
        *paths = floe_calloc(2, sizeof **paths);
        (*paths)[0] = floe_strdup(ft->data_path);
        return 0;
    }
    bool globs;
    if (floe_file_expand(paths, n, &globs, ft->user_files, ft->user_path) < 0)
        return -1;
    /* a single named file that is not there yet: an empty table */
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        struct stat st;
        if (stat((*paths)[i], &st) == 0)
            (*paths)[k++] = (*paths)[i];
        else
            floe_free((*paths)[i]);
    }
    *n = k;
    return 0;
}

static int ft_scan(floe_table *t, floe_op **out, const size_t *cols, size_t n,
                   const floe_ast *where, floe_exec_ctx *ctx)
{
    file_table *ft = t->impl;
    char **paths = NULL;
    size_t n_paths = 0;
    if (table_paths(&paths, &n_paths, ft) < 0)
        return -1;
    struct stat st;
    if (!ft->partitioned && ft->data_path && stat(ft->data_path, &st) < 0) {
        floe_free(paths[0]);
        floe_free(paths);
        return floe_error(FLOE_ERR_FILE_DOESNT_EXIST, "File %s doesn't exist", ft->data_path);
    }
    const char **names = floe_arena_alloc(ctx->arena, (t->n_cols + 1) * sizeof *names);
    const floe_type **types = floe_arena_alloc(ctx->arena, (t->n_cols + 1) * sizeof *types);
    for (size_t i = 0; i < t->n_cols; i++) {
        names[i] = t->cols[i].name;
        types[i] = t->cols[i].type;
    }
    floe_file_options opts;
    floe_file_options_init(&opts);
    opts.skip_empty_files = true; /* TRUNCATE leaves an empty file */
    floe_relation *r;
    char *root = ft->partitioned ? realpath(ft->data_dir, NULL) : NULL;
    int rc = floe_file_relation_new(&r, paths, n_paths, ft->format, ft->compression, t->n_cols, 0,
                                    names, types, ft->from_path, root, t->name, &opts, ctx);
    free(root);
    if (rc < 0)
        return -1;
    rc = r->scan(r, out, cols, n, where, ctx);
    r->release(r);
    return rc;
}

static int ft_insert(floe_table *t, const floe_block *b)
{
    file_table *ft = t->impl;
    if (ft->partitioned)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "INSERT into File table %s.%s with PARTITION BY is not supported yet "
                          "(EXPORT PART writes such tables)",
                          t->db, t->name);
    const char *target = ft->data_path;
    char **paths = NULL;
    size_t n_paths = 0;
    int rc = -1;
    if (!target) {
        bool globs;
        if (floe_file_expand(&paths, &n_paths, &globs, ft->user_files, ft->user_path) < 0)
            return -1;
        if (globs || n_paths != 1) {
            floe_error(FLOE_ERR_INCORRECT_FILE_NAME,
                       "Cannot insert into table %s.%s: its path %s names no single file", t->db,
                       t->name, ft->user_path);
            goto done;
        }
        target = paths[0];
    }
    const char *compression;
    if (floe_file_compression(&compression, target, ft->compression) < 0)
        goto done;
    const char **names = floe_malloc((t->n_cols + 1) * sizeof *names);
    const floe_type **types = floe_malloc((t->n_cols + 1) * sizeof *types);
    for (size_t i = 0; i < t->n_cols; i++) {
        names[i] = t->cols[i].name;
        types[i] = t->cols[i].type;
    }
    floe_file_options opts;
    floe_file_options_init(&opts);
    floe_file_sink *s = NULL;
    pthread_mutex_lock(&ft->mu);
    rc = floe_file_sink_begin(&s, target, ft->format, compression, t->n_cols, names, types, &opts,
                              NULL);
    if (rc == 0)
        rc = floe_file_sink_write(s, b);
    if (rc == 0)
        rc = floe_file_sink_finish(s);
    floe_file_sink_free(s);
    pthread_mutex_unlock(&ft->mu);
    floe_free(names);
    floe_free(types);
done:
    for (size_t i = 0; i < n_paths; i++)
        floe_free(paths[i]);
    floe_free(paths);
    return rc;
}

static int ft_truncate(floe_table *t)
{
    file_table *ft = t->impl;
    char **paths = NULL;
    size_t n = 0;
    if (table_paths(&paths, &n, ft) < 0)
        return -1;
    int rc = 0;
    pthread_mutex_lock(&ft->mu);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0 && truncate(paths[i], 0) < 0 && errno != ENOENT)
            rc = floe_error(FLOE_ERR_CANNOT_TRUNCATE_FILE, "Cannot truncate file %s: %s", paths[i],
                            strerror(errno));
        floe_free(paths[i]);
    }
    pthread_mutex_unlock(&ft->mu);
    floe_free(paths);
    return rc;
}

static int ft_drop(floe_table *t)
{
    file_table *ft = t->impl;
    /* a file under user_files is the user's: DROP leaves it */
    if (!ft->data_path)
        return 0;
    if (ft->partitioned)
        return floe_fs_remove_tree(ft->data_dir);
    if (unlink(ft->data_path) < 0 && errno != ENOENT)
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot remove file %s: %s", ft->data_path,
                          strerror(errno));
    if (rmdir(ft->data_dir) < 0 && errno != ENOENT && errno != ENOTEMPTY)
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot remove directory %s: %s", ft->data_dir,
                          strerror(errno));
    return 0;
}

static void ft_free(floe_table *t)
{
    file_table *ft = t->impl;
    if (!ft)
        return;
    pthread_mutex_destroy(&ft->mu);
    floe_free(ft->format);
    floe_free(ft->compression);
    floe_free(ft->data_path);
    floe_free(ft->data_dir);
    floe_free(ft->user_files);
    floe_free(ft->user_path);
    floe_free(ft->from_path);
    floe_free(ft);
    t->impl = NULL;
}

static const floe_table_ops file_ops = {ft_scan, ft_insert, ft_truncate, ft_drop, ft_free};

/* DIR from DIR/data/<db>/<table>. */
static char *root_of(const char *data_dir)
{
    char *p = floe_strdup(data_dir);
    for (int k = 0; k < 3; k++) {
        char *s = strrchr(p, '/');
        if (!s) {
            floe_free(p);
            return NULL;
        }
        *s = '\0';
    }
    return p;
}

int floe_file_engine_init(floe_table *t, const floe_ast *engine)
{
    size_t n = engine ? engine->u.func.n_args : 0;
    if (n < 1 || n > 3)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Storage File requires from 1 to 3 arguments: name of used format, "
                          "source and compression_method");
    const char *format = NULL, *path = NULL, *compression = NULL;
    if (engine_arg(&format, engine->u.func.args[0]) < 0)
        return -1;
    if (n > 1 && engine_arg(&path, engine->u.func.args[1]) < 0)
        return -1;
    if (n > 2 && engine_arg(&compression, engine->u.func.args[2]) < 0)
        return -1;
    if (!floe_input_format_exists(format) && !floe_output_format_exists(format))
        return floe_error(FLOE_ERR_UNKNOWN_FORMAT, "Unknown format %s", format);
    if (compression) {
        const char *m;
        if (floe_file_compression(&m, "", compression) < 0)
            return -1;
    }
    if (!t->data_dir)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Table %s has no data directory for File",
                          t->name);
    file_table *ft = floe_calloc(1, sizeof *ft);
    pthread_mutex_init(&ft->mu, NULL);
    ft->format = floe_strdup(format);
    ft->compression = compression ? floe_strdup(compression) : NULL;
    if (path) {
        char *root = root_of(t->data_dir);
        if (!root) {
            t->impl = ft;
            ft_free(t);
            return floe_error(FLOE_ERR_LOGICAL_ERROR, "Unexpected data directory %s", t->data_dir);
        }
        floe_buf b = FLOE_BUF_INIT;
        floe_buf_printf(&b, "%s/user_files", root);
        floe_free(root);
        ft->user_files = floe_buf_detach(&b, NULL);
        ft->user_path = floe_strdup(path);
        /* confinement is checked now, so a bad path fails CREATE */
        char **paths = NULL;
        size_t np = 0;
        bool globs;
        int rc = floe_file_expand(&paths, &np, &globs, ft->user_files, path);
        for (size_t i = 0; i < np; i++)
            floe_free(paths[i]);
        floe_free(paths);
        if (rc < 0) {
            t->impl = ft;
            ft_free(t);
            return -1;
        }
    } else {
        floe_buf b = FLOE_BUF_INIT;
        floe_buf_printf(&b, "%s/data.%s", t->data_dir, format);
        ft->data_path = floe_buf_detach(&b, NULL);
        ft->data_dir = floe_strdup(t->data_dir);
        const floe_ast *pb = t->create->u.create_table.partition_by;
        if (pb) {
            /* key columns named plainly live in the path, not the files */
            ft->partitioned = true;
            ft->from_path = floe_calloc(t->n_cols + 1, sizeof *ft->from_path);
            const floe_ast *const *keys = &pb;
            size_t nk = 1;
            if (pb->kind == FLOE_AST_FUNC && strcmp(pb->u.func.name, "tuple") == 0) {
                keys = (const floe_ast *const *)pb->u.func.args;
                nk = pb->u.func.n_args;
            }
            for (size_t k = 0; k < nk; k++)
                if (keys[k]->kind == FLOE_AST_IDENT) {
                    int c = floe_table_find_column(t, keys[k]->u.ident.parts[0]);
                    if (c >= 0)
                        ft->from_path[c] = true;
                }
        }
    }
    t->impl = ft;
    t->ops = &file_ops;
    /* _path, _file, _size, _time, as the table function has them */
    const floe_type **vt = floe_arena_alloc(&t->arena, FLOE_FILE_N_VIRTUAL * sizeof *vt);
    for (int v = 0; v < FLOE_FILE_N_VIRTUAL; v++)
        vt[v] = floe_file_virtual_type(v);
    t->n_virtual = FLOE_FILE_N_VIRTUAL;
    t->virtual_names = floe_file_virtual_names;
    t->virtual_types = vt;
    return 0;
}
