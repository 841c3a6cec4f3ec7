/*
 * The S3 and AzureBlobStorage table engines (SELECT with hive pruning,
 * INSERT into new objects named as ClickHouse names them, TRUNCATE), the
 * s3() / azureBlobStorage() table functions and INSERT INTO FUNCTION, over
 * the store, listing and writing helpers of lake_common.c.
 */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/mem.h"
#include "storage/lake/lake_int.h"
#include "types/serialize.h"

/* ---- the engine ---- */

/* Invariant: part_cols lists the PARTITION BY columns (plain names) in key
 * order; in_path[c] says table column c lives in the hive path, not in the
 * objects. */
typedef struct lake_table {
    floe_lake_target target;
    size_t n_part;
    size_t *part_cols;
    bool *in_path;
    pthread_mutex_t mu;
} lake_table;

static int lt_scan(floe_table *t, floe_op **out, const size_t *cols, size_t n,
                   const floe_ast *where, floe_exec_ctx *ctx)
{
    lake_table *lt = t->impl;
    const char **names = floe_arena_alloc(ctx->arena, (t->n_cols + 1) * sizeof *names);
    const floe_type **types = floe_arena_alloc(ctx->arena, (t->n_cols + 1) * sizeof *types);
    for (size_t i = 0; i < t->n_cols; i++) {
        names[i] = t->cols[i].name;
        types[i] = t->cols[i].type;
    }
    floe_lake_pruner pr;
    bool hive = lt->target.strategy == FLOE_LAKE_PARTITION_HIVE;
    const char **pn = floe_arena_alloc(ctx->arena, (lt->n_part + 1) * sizeof *pn);
    const floe_type **pt = floe_arena_alloc(ctx->arena, (lt->n_part + 1) * sizeof *pt);
    for (size_t i = 0; i < lt->n_part; i++) {
        pn[i] = names[lt->part_cols[i]];
        pt[i] = types[lt->part_cols[i]];
    }
    floe_lake_tmp_dir *td;
    if (floe_lake_tmp_dir_new(&td) < 0)
        return -1;
    floe_lake_pruner_init(&pr, hive ? lt->n_part : 0, pn, pt, where, ctx);
    char **paths = NULL;
    size_t n_paths = 0;
    int rc = floe_lake_fetch(&paths, &n_paths, &lt->target, &pr, td, SIZE_MAX);
    floe_scope_free(&pr.sc);
    if (rc < 0)
        goto done;
    rc = -1;
    const char *format = lt->target.format;
    if (!format && floe_file_resolve_format(&format, NULL, paths, n_paths, lt->target.pattern,
                                            lt->target.compression, true) < 0)
        goto done;
    floe_file_options opts;
    floe_file_options_init(&opts);
    opts.skip_empty_files = true;
    floe_relation *r;
    if (floe_file_relation_new(&r, paths, n_paths, format, lt->target.compression, t->n_cols, 0,
                               names, types, hive ? lt->in_path : NULL, td->path, t->name, &opts,
                               ctx) < 0)
        goto done;
    paths = NULL;
    floe_op *inner;
    rc = r->scan(r, &inner, cols, n, where, ctx);
    r->release(r);
    if (rc == 0)
        *out = floe_lake_wrap(inner, td, cols, t->n_cols, lt->target.display_root);
done:
    if (paths) {
        for (size_t i = 0; i < n_paths; i++)
            floe_free(paths[i]);
        floe_free(paths);
    }
    floe_lake_tmp_dir_unref(td);
    return rc;
}

/* Writes rows (mask NULL: all) of b's columns not in the path to key. */
static int write_rows(floe_table *t, lake_table *lt, const char *key, const floe_block *b,
                      const uint8_t *mask)
{
    const char **names = floe_malloc((t->n_cols + 1) * sizeof *names);
    const floe_type **types = floe_malloc((t->n_cols + 1) * sizeof *types);
    floe_block *w = floe_block_new();
    size_t k = 0, rows = b->rows;
    for (size_t c = 0; c < t->n_cols; c++) {
        if (lt->in_path && lt->in_path[c])
            continue;
        names[k] = t->cols[c].name;
        types[k++] = t->cols[c].type;
        floe_column *col =
            mask ? floe_column_filter(b->cols[c], mask) : floe_column_clone(b->cols[c]);
        rows = col->rows;
        floe_block_add(w, t->cols[c].name, col);
    }
    w->rows = mask ? rows : b->rows;
    floe_lake_obj_writer ow;
    int rc = floe_lake_obj_open(&ow, lt->target.store, key, FLOE_OBJSTORE_NO_OVERWRITE,
                                lt->target.format, lt->target.compression, k, names, types);
    if (rc == 0 && (rc = floe_output_format_write(ow.out, w)) < 0)
        floe_lake_obj_abort(&ow);
    else if (rc == 0)
        rc = floe_lake_obj_finish(&ow);
    floe_block_free(w);
    floe_free(names);
    floe_free(types);
    return rc;
}

static void lower_ext(floe_buf *out, const char *format)
{
    for (const char *p = format; *p; p++)
        floe_buf_putc(out, (char)tolower((unsigned char)*p));
}

/* qsort has no context argument: the paths rows are sorted by, kept per
 * thread so concurrent INSERTs do not share it. */
static _Thread_local char *const *sort_dirs;

static int cmp_dir_rows(const void *a, const void *b)
{
    return strcmp(sort_dirs[*(const size_t *)a], sort_dirs[*(const size_t *)b]);
}

static int lt_insert(floe_table *t, const floe_block *b)
{
    lake_table *lt = t->impl;
    if (b->rows == 0)
        return 0;
    if (floe_lake_check_writable(&lt->target) < 0)
        return -1;
    floe_lake_target *tg = &lt->target;
    if (tg->strategy == FLOE_LAKE_PARTITION_NONE) {
        if (strpbrk(tg->pattern, "*?{") || !tg->pattern[0])
            return floe_error(FLOE_ERR_DATABASE_ACCESS_DENIED,
                              "S3 key '%s' contains globs, so the table is in readonly mode",
                              tg->pattern);
        if (floe_lake_check_absent(tg->store, tg->pattern) < 0)
            return -1;
        return write_rows(t, lt, tg->pattern, b, NULL);
    }
    /* one object per distinct partition value */
    floe_text_options to = FLOE_TEXT_OPTIONS_INIT;
    char **dirs = floe_calloc(b->rows + 1, sizeof *dirs);
    for (size_t r = 0; r < b->rows; r++) {
        floe_buf d = FLOE_BUF_INIT;
        for (size_t i = 0; i < lt->n_part; i++) {
            size_t c = lt->part_cols[i];
            floe_buf v = FLOE_BUF_INIT;
            floe_text_write(&v, b->cols[c], r, FLOE_TEXT_PLAIN, &to);
            if (tg->strategy == FLOE_LAKE_PARTITION_HIVE) {
                /* ClickHouse (26.7) writes names and values unescaped:
                 * k=a b/, k=c/d/ (which reads back as 'c'), k=g%h/ */
                floe_buf_puts(&d, t->cols[c].name);
                floe_buf_putc(&d, '=');
                floe_buf_append(&d, v.data ? v.data : "", v.len);
                floe_buf_putc(&d, '/');
            } else {
                if (i)
                    floe_buf_putc(&d, '-');
                floe_buf_append(&d, v.data ? v.data : "", v.len);
            }
            floe_buf_free(&v);
        }
        if (!d.data)
            floe_buf_puts(&d, "");
        dirs[r] = floe_buf_detach(&d, NULL);
    }
    /* rows grouped by partition: sort row numbers by path, number the runs */
    size_t *order = floe_malloc((b->rows + 1) * sizeof *order);
    for (size_t r = 0; r < b->rows; r++)
        order[r] = r;
    sort_dirs = dirs;
    qsort(order, b->rows, sizeof *order, cmp_dir_rows);
    size_t *gid = floe_malloc((b->rows + 1) * sizeof *gid);
    size_t n_groups = 0;
    size_t *first = floe_malloc((b->rows + 1) * sizeof *first); /* a row of each group */
    for (size_t i = 0; i < b->rows; i++) {
        if (i == 0 || strcmp(dirs[order[i]], dirs[order[i - 1]]) != 0)
            first[n_groups++] = order[i];
        gid[order[i]] = n_groups - 1;
    }
    uint8_t *mask = floe_malloc(b->rows + 1);
    int rc = 0;
    pthread_mutex_lock(&lt->mu);
    for (size_t g = 0; g < n_groups && rc == 0; g++) {
        for (size_t q = 0; q < b->rows; q++)
            mask[q] = gid[q] == g;
        const char *dir = dirs[first[g]];
        floe_buf key = FLOE_BUF_INIT;
        if (tg->strategy == FLOE_LAKE_PARTITION_HIVE) {
            floe_buf_printf(&key, "%s%llu.", dir, (unsigned long long)floe_lake_snowflake_id());
            lower_ext(&key, tg->format);
        } else {
            const char *ph = strstr(tg->pattern, "{_partition_id}");
            floe_buf_append(&key, tg->pattern, (size_t)(ph - tg->pattern));
            floe_buf_puts(&key, dir);
            floe_buf_puts(&key, ph + strlen("{_partition_id}"));
            if ((rc = floe_lake_check_absent(tg->store, key.data)) < 0) {
                floe_buf_free(&key);
                break;
            }
        }
        rc = write_rows(t, lt, key.data, b, n_groups == 1 ? NULL : mask);
        floe_buf_free(&key);
    }
    pthread_mutex_unlock(&lt->mu);
    for (size_t r = 0; r < b->rows; r++)
        floe_free(dirs[r]);
    floe_free(dirs);
    floe_free(mask);
    floe_free(order);
    floe_free(gid);
    floe_free(first);
    return rc;
}

static int delete_one(void *vctx, const floe_objstore_entry *e)
{
    floe_lake_list_ctx *lc = vctx;
    if (lc->pattern[0] && !floe_lake_glob_match(lc->pattern, e->key))
        return 0;
    floe_lake_list_push(lc, e);
    return 0;
}

/* TRUNCATE removes the table's objects, as ClickHouse does for S3. */
static int lt_truncate(floe_table *t)
{
    lake_table *lt = t->impl;
    floe_lake_list_ctx lc = {0};
    lc.pattern = lt->target.pattern;
    int rc = floe_objstore_list(lt->target.store, "", delete_one, &lc);
    for (size_t i = 0; i < lc.n; i++) {
        if (rc == 0)
            rc = floe_objstore_delete(lt->target.store, lc.keys[i]);
        floe_free(lc.keys[i]);
    }
    floe_free(lc.keys);
    floe_free(lc.mtimes);
    return rc;
}

/* DROP TABLE leaves the objects, as ClickHouse does. */
static int lt_drop(floe_table *t)
{
    (void)t;
    return 0;
}

static void lt_free(floe_table *t)
{
    lake_table *lt = t->impl;
    if (!lt)
        return;
    floe_lake_target_free(&lt->target);
    floe_free(lt->part_cols);
    floe_free(lt->in_path);
    pthread_mutex_destroy(&lt->mu);
    floe_free(lt);
    t->impl = NULL;
}

static const floe_table_ops lake_ops = {.scan = lt_scan,
                                        .insert = lt_insert,
                                        .truncate = lt_truncate,
                                        .drop = lt_drop,
                                        .free = lt_free};

int floe_lake_table_target(floe_lake_target *out, const floe_table *t)
{
    const floe_ast *e = t->create->u.create_table.engine;
    bool azure = strcmp(e->u.func.name, "AzureBlobStorage") == 0;
    floe_arena a = FLOE_ARENA_INIT;
    floe_lake_args la;
    char *root = floe_lake_data_root(t->data_dir);
    int rc = floe_lake_parse_args(&la, e->u.func.args, e->u.func.n_args, azure, false, root, &a);
    if (rc == 0)
        rc = floe_lake_open_target(out, &la, t->create->u.create_table.partition_by != NULL);
    floe_free(root);
    floe_arena_free(&a);
    return rc;
}

int floe_lake_engine_init(floe_table *t, bool azure)
{
    (void)azure;
    lake_table *lt = floe_calloc(1, sizeof *lt);
    pthread_mutex_init(&lt->mu, NULL);
    t->impl = lt;
    t->ops = &lake_ops;
    if (floe_lake_table_target(&lt->target, t) < 0)
        return -1;
    /* _path, _file, _size, _time, as ClickHouse's S3 and Azure engines have */
    const floe_type **vt = floe_arena_alloc(&t->arena, FLOE_FILE_N_VIRTUAL * sizeof *vt);
    for (int v = 0; v < FLOE_FILE_N_VIRTUAL; v++)
        vt[v] = floe_file_virtual_type(v);
    t->n_virtual = FLOE_FILE_N_VIRTUAL;
    t->virtual_names = floe_file_virtual_names;
    t->virtual_types = vt;
    const floe_ast *pb = t->create->u.create_table.partition_by;
    if (lt->target.format && !floe_lake_is_format(lt->target.format))
        return floe_error(FLOE_ERR_UNKNOWN_FORMAT, "Unknown format %s", lt->target.format);
    if (!pb)
        return 0;
    const floe_ast *const *keys = &pb;
    size_t nk = 1;
    if (pb->kind == FLOE_AST_FUNC && strcmp(pb->u.func.name, "tuple") == 0) {
        keys = (const floe_ast *const *)pb->u.func.args;
        nk = pb->u.func.n_args;
    }
    lt->part_cols = floe_calloc(nk + 1, sizeof *lt->part_cols);
    lt->in_path = floe_calloc(t->n_cols + 1, sizeof *lt->in_path);
    for (size_t k = 0; k < nk; k++) {
        int c =
            keys[k]->kind == FLOE_AST_IDENT
                ? floe_table_find_column(t, keys[k]->u.ident.parts[keys[k]->u.ident.n_parts - 1])
                : -1;
        if (c < 0) {
            floe_buf e = FLOE_BUF_INIT;
            floe_ast_format(&e, keys[k], true);
            int rc = lt->target.strategy == FLOE_LAKE_PARTITION_HIVE
                         ? floe_error(FLOE_ERR_BAD_ARGUMENTS,
                                      "Hive partitioning expects that the partition by expression "
                                      "columns are a part of the storage columns, could not find "
                                      "'%s' in storage",
                                      e.data ? e.data : "")
                         : floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                                      "Partition key expressions (%s) of %s tables are not "
                                      "supported yet: use columns",
                                      e.data ? e.data : "", t->engine);
            floe_buf_free(&e);
            return rc;
        }
        lt->part_cols[lt->n_part++] = (size_t)c;
        if (lt->target.strategy == FLOE_LAKE_PARTITION_HIVE &&
            !lt->target.partition_columns_in_data_file)
            lt->in_path[c] = true;
    }
    if (lt->target.strategy == FLOE_LAKE_PARTITION_HIVE &&
        !lt->target.partition_columns_in_data_file) {
        size_t left = 0;
        for (size_t c = 0; c < t->n_cols; c++)
            left += !lt->in_path[c];
        if (left == 0)
            return floe_error(FLOE_ERR_INCORRECT_DATA,
                              "A hive partitioned file can't contain only partition columns. Try "
                              "reading it with `use_hive_partitioning=0` and/or "
                              "`partition_strategy != hive`");
    }
    if (lt->target.strategy == FLOE_LAKE_PARTITION_HIVE && strpbrk(lt->target.display_root, "*?{"))
        return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                          "Partition strategy hive can not be used with a globbed path");
    if (lt->target.strategy == FLOE_LAKE_PARTITION_WILDCARD &&
        !strstr(lt->target.pattern, "{_partition_id}"))
        return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                          "Partition strategy wildcard can not be used without a '_partition_id' "
                          "wildcard");
    return 0;
}

/* ---- table functions ---- */

/* s3() / azureBlobStorage(): the columns are settled when the relation is
 * made (from the structure, or the first object); each scan lists the
 * objects again, skips the partitions its WHERE rules out, and downloads
 * the rest. shape is a file() relation over no files, for names and types. */
typedef struct fn_rel {
    floe_relation *shape;
    floe_lake_target lt;
    const char *format;
    size_t n_vis, n_hidden, n_data;
    const char **names; /* n_data: visible, then hidden hive columns */
    const floe_type **types;
    bool *from_path;
    floe_file_options opts;
} fn_rel;

static int fn_scan(floe_relation *r, floe_op **out, const size_t *cols, size_t n,
                   const floe_ast *where, floe_exec_ctx *ctx)
{
    fn_rel *f = r->impl;
    floe_lake_tmp_dir *td;
    if (floe_lake_tmp_dir_new(&td) < 0)
        return -1;
    const char **pn = floe_arena_alloc(ctx->arena, (f->n_data + 1) * sizeof *pn);
    const floe_type **pt = floe_arena_alloc(ctx->arena, (f->n_data + 1) * sizeof *pt);
    size_t np = 0;
    for (size_t i = 0; i < f->n_data; i++)
        if (f->from_path[i]) {
            pn[np] = f->names[i];
            pt[np++] = f->types[i];
        }
    floe_lake_pruner pr;
    floe_lake_pruner_init(&pr, np, pn, pt, where, ctx);
    char **paths = NULL;
    size_t n_paths = 0;
    int rc = floe_lake_fetch(&paths, &n_paths, &f->lt, &pr, td, SIZE_MAX);
    floe_scope_free(&pr.sc);
    floe_relation *inner = NULL;
    if (rc == 0)
        rc = floe_file_relation_new(&inner, paths, n_paths, f->format, f->lt.compression, f->n_vis,
                                    f->n_hidden, f->names, f->types, f->from_path, td->path, NULL,
                                    &f->opts, ctx);
    if (rc == 0) {
        floe_op *op;
        rc = inner->scan(inner, &op, cols, n, where, ctx);
        inner->release(inner);
        /* file()'s relation: the virtual columns follow the visible ones */
        if (rc == 0)
            *out = floe_lake_wrap(op, td, cols, r->n_visible, f->lt.display_root);
    }
    floe_lake_tmp_dir_unref(td);
    return rc;
}

static void fn_release(floe_relation *r)
{
    fn_rel *f = r->impl;
    f->shape->release(f->shape);
    floe_lake_target_free(&f->lt);
    floe_free(f);
    floe_free(r);
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int floe_lake_table_function(floe_relation **out, const floe_ast *fn, const char *data_path,
                             floe_exec_ctx *ctx)
{
    bool azure = strcasecmp(fn->u.func.name, "azureBlobStorage") == 0;
    floe_lake_args la;
    if (floe_lake_parse_args(&la, fn->u.func.args, fn->u.func.n_args, azure, true, data_path,
                             ctx->arena) < 0)
        return -1;
    floe_lake_target lt;
    if (floe_lake_open_target(&lt, &la, false) < 0)
        return -1;
    floe_lake_tmp_dir *td = NULL;
    char **paths = NULL;
    size_t n_paths = 0;
    int rc = -1;
    if (floe_lake_tmp_dir_new(&td) < 0)
        goto done;
    /* the first object gives the columns (and the hive keys) */
    if (floe_lake_fetch(&paths, &n_paths, &lt, NULL, td, 1) < 0)
        goto done;
    const char *format = lt.format;
    if (!la.structure && n_paths == 0) {
        floe_file_no_files(format);
        goto done;
    }
    if (floe_file_resolve_format(&format, lt.format, paths, n_paths, lt.pattern, lt.compression,
                                 true) < 0)
        goto done;
    floe_file_options opts;
    floe_file_options_init(&opts);
    size_t n = 0;
    const char **names = NULL;
    const floe_type **types = NULL;
    if (la.structure) {
        if (floe_file_parse_structure(&n, &names, &types, la.structure, ctx->arena) < 0)
            goto done;
    } else if (floe_file_infer_from_paths(&n, &names, &types, &format, paths, n_paths, format,
                                          lt.compression, &opts, ctx->arena) < 0) {
        goto done;
    }
    /* hive columns of the first object's path (use_hive_partitioning) */
    size_t n_hive = 0;
    const char **hk = floe_arena_alloc(ctx->arena, 64 * sizeof *hk);
    if (n_paths > 0) {
        const char *rel = paths[0] + strlen(td->path) + 1;
        const char *last = strrchr(rel, '/');
        for (const char *p = rel; last && p < last && n_hive < 64;) {
            const char *e = memchr(p, '/', (size_t)(last - p));
            if (!e)
                e = last;
            const char *eq = memchr(p, '=', (size_t)(e - p));
            if (eq && eq > p) {
                char *key = floe_arena_strndup(ctx->arena, p, (size_t)(eq - p));
                bool dup = false;
                for (size_t i = 0; i < n && !dup; i++)
                    dup = strcmp(names[i], key) == 0;
                for (size_t i = 0; i < n_hive && !dup; i++)
                    dup = strcmp(hk[i], key) == 0;
                if (!dup)
                    hk[n_hive++] = key;
            }
            p = e + 1;
        }
        if (n_hive > 1)
            qsort(hk, n_hive, sizeof *hk, cmp_cstr);
    }
    const char **an = floe_arena_alloc(ctx->arena, (n + n_hive + 1) * sizeof *an);
    const floe_type **at = floe_arena_alloc(ctx->arena, (n + n_hive + 1) * sizeof *at);
    bool *fp = floe_arena_alloc(ctx->arena, (n + n_hive + 1) * sizeof *fp);
    for (size_t i = 0; i < n; i++) {
        an[i] = names[i];
        at[i] = types[i];
        fp[i] = false;
    }
    for (size_t i = 0; i < n_hive; i++) {
        const char *rel = paths[0] + strlen(td->path) + 1;
        const char *v = "";
        size_t len = 0;
        floe_lake_hive_value(rel, hk[i], &v, &len);
        an[n + i] = hk[i];
        at[n + i] = floe_file_infer_value_type(v, len);
        fp[n + i] = true;
    }
    size_t n_hidden = la.structure ? n_hive : 0;
    floe_relation *shape;
    char **none = floe_calloc(1, sizeof *none);
    if (floe_file_relation_new(&shape, none, 0, format, lt.compression, n + n_hive - n_hidden,
                               n_hidden, an, at, fp, NULL, NULL, &opts, ctx) < 0)
        goto done;
    floe_relation *r = floe_calloc(1, sizeof *r);
    *r = *shape;
    fn_rel *f = floe_calloc(1, sizeof *f);
    f->shape = shape;
    f->lt = lt;
    memset(&lt, 0, sizeof lt);
    f->format = floe_arena_strdup(ctx->arena, format);
    f->n_vis = n + n_hive - n_hidden;
    f->n_hidden = n_hidden;
    f->n_data = n + n_hive;
    f->names = an;
    f->types = at;
    f->from_path = fp;
    f->opts = opts;
    r->scan = fn_scan;
    r->release = fn_release;
    r->impl = f;
    *out = r;
    rc = 0;
done:
    if (paths) {
        for (size_t i = 0; i < n_paths; i++)
            floe_free(paths[i]);
        floe_free(paths);
    }
    floe_lake_tmp_dir_unref(td);
    floe_lake_target_free(&lt);
    return rc;
}

/* ---- INSERT INTO FUNCTION ---- */

/* name.N.ext: N before the first dot of the key's last segment. */
static char *numbered_key(const char *key, unsigned k)
{
    const char *base = strrchr(key, '/');
    base = base ? base + 1 : key;
    const char *dot = strchr(base, '.');
    size_t cut = dot ? (size_t)(dot - key) : strlen(key);
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_append(&b, key, cut);
    floe_buf_printf(&b, ".%u", k);
    floe_buf_puts(&b, key + cut);
    return floe_buf_detach(&b, NULL);
}

struct floe_lake_sink {
    floe_arena arena;
    floe_lake_target lt;
    size_t n;
    const char **names;
    const floe_type **types;
    floe_lake_obj_writer ow;
    bool open;
};

int floe_lake_sink_open(floe_lake_sink **out, const floe_ast *fn, const char *data_path, size_t n,
                        const char *const *names, const floe_type *const *types,
                        const floe_lake_sink_options *opts, floe_exec_ctx *ctx)
{
    (void)ctx;
    bool azure = strcasecmp(fn->u.func.name, "azureBlobStorage") == 0;
    floe_lake_sink *s = floe_calloc(1, sizeof *s);
    floe_lake_args la;
    if (floe_lake_parse_args(&la, fn->u.func.args, fn->u.func.n_args, azure, true, data_path,
                             &s->arena) < 0 ||
        floe_lake_open_target(&s->lt, &la, false) < 0)
        goto fail;
    if (!s->lt.format) {
        /* the format from the key's extension */
        const char *dot = strrchr(s->lt.pattern, '.');
        static const char *const ext[][2] = {{".parquet", "Parquet"},   {".csv", "CSV"},
                                             {".tsv", "TSV"},           {".json", "JSON"},
                                             {".jsonl", "JSONEachRow"}, {".ndjson", "JSONEachRow"}};
        for (size_t i = 0; dot && i < sizeof ext / sizeof ext[0]; i++)
            if (strcasecmp(dot, ext[i][0]) == 0)
                s->lt.format = floe_strdup(ext[i][1]);
    }
    if (floe_lake_check_writable(&s->lt) < 0)
        goto fail;
    if (!s->lt.pattern[0] || strpbrk(s->lt.pattern, "*?{")) {
        floe_error(FLOE_ERR_DATABASE_ACCESS_DENIED,
                   "S3 key '%s' contains globs, so the table is in readonly mode", s->lt.pattern);
        goto fail;
    }
    if (la.structure) {
        size_t k;
        const char **nv;
        const floe_type **tv;
        if (floe_file_parse_structure(&k, &nv, &tv, la.structure, &s->arena) < 0)
            goto fail;
        s->n = k;
        s->names = nv;
        s->types = tv;
    } else if (names) {
        s->n = n;
        s->names = floe_arena_alloc(&s->arena, (n + 1) * sizeof *s->names);
        s->types = floe_arena_alloc(&s->arena, (n + 1) * sizeof *s->types);
        for (size_t i = 0; i < n; i++) {
            s->names[i] = floe_arena_strdup(&s->arena, names[i]);
            s->types[i] = types[i];
        }
    } else {
        floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                   "INSERT INTO FUNCTION %s without a structure argument needs a SELECT",
                   fn->u.func.name);
        goto fail;
    }
    unsigned flags = FLOE_OBJSTORE_NO_OVERWRITE;
    char *key = floe_strdup(s->lt.pattern);
    if (opts && opts->truncate_on_insert) {
        flags = 0;
    } else if (opts && opts->create_new_file_on_insert) {
        for (unsigned k = 1;; k++) {
            int exists = 0;
            if (floe_objstore_head(&exists, NULL, s->lt.store, key) < 0) {
                floe_free(key);
                goto fail;
            }
            if (!exists)
                break;
            floe_free(key);
            key = numbered_key(s->lt.pattern, k);
        }
    } else if (floe_lake_check_absent(s->lt.store, key) < 0) {
        floe_free(key);
        goto fail;
    }
    int orc = floe_lake_obj_open(&s->ow, s->lt.store, key, flags, s->lt.format, s->lt.compression,
                                 s->n, s->names, s->types);
    floe_free(key);
    if (orc < 0)
        goto fail;
    s->open = true;
    *out = s;
    return 0;
fail:
    floe_lake_sink_free(s);
    return -1;
}

void floe_lake_sink_columns(const floe_lake_sink *s, size_t *n, const char *const **names,
                            const floe_type *const **types)
{
    *n = s->n;
    *names = s->names;
    *types = s->types;
}

int floe_lake_sink_write(floe_lake_sink *s, const floe_block *b)
{
    if (b->n_cols != s->n)
        return floe_error(FLOE_ERR_NUMBER_OF_COLUMNS_DOESNT_MATCH,
                          "Number of columns doesn't match (source: %zu and result: %zu)",
                          b->n_cols, s->n);
    return floe_output_format_write(s->ow.out, b);
}

int floe_lake_sink_finish(floe_lake_sink *s)
{
    s->open = false;
    return floe_lake_obj_finish(&s->ow);
}

void floe_lake_sink_free(floe_lake_sink *s)
{
    if (!s)
        return;
    if (s->open)
        floe_lake_obj_abort(&s->ow);
    floe_lake_target_free(&s->lt);
    floe_arena_free(&s->arena);
    floe_free(s);
}
