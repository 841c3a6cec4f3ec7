/*
 * The file() table function: arguments, the relation FROM reads (structure
 * given or inferred, virtual columns), the scan that reads the matched files
 * one after another through the input formats, and the insert sink that
 * writes a temporary file and renames it into place.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/fs.h"
#include "base/mem.h"
#include "expr/expr.h"
#include "parquet/reader.h"
#include "sql/parser.h"
#include "storage/lake/file_codec.h"
#include "storage/lake/file_int.h"
#include "types/cast.h"

void floe_file_options_init(floe_file_options *o)
{
    memset(o, 0, sizeof *o);
    floe_format_settings_init(&o->format);
    o->infer_max_rows = 25000;
    o->infer_max_bytes = 32u << 20;
    o->use_hive_partitioning = true;
    o->make_nullable = 3;
    o->csv_detect_header = o->tsv_detect_header = true;
    o->csv_best_effort = o->tsv_best_effort = true;
    o->try_infer_integers = o->try_infer_dates = o->try_infer_datetimes = true;
}

/* ---- arguments ---- */

/* A constant String argument: a literal, or a constant expression. */
static int const_string(const char **out, const floe_ast *e, floe_exec_ctx *ctx)
{
    if (e->kind == FLOE_AST_LITERAL) {
        const floe_value *v = &e->u.lit.value;
        if (!v->is_null && floe_type_base(v->type)->id == FLOE_TYPE_STRING) {
            *out = floe_arena_strndup(ctx->arena, v->v.s.ptr, v->v.s.len);
            return 0;
        }
    } else if (e->kind == FLOE_AST_IDENT && e->u.ident.n_parts == 1) {
        /* ENGINE = File(CSV): a bare name */
        *out = e->u.ident.parts[0];
        return 0;
    } else {
        floe_scope sc = {0};
        sc.fctx = &ctx->fctx;
        sc.arena = ctx->arena;
        floe_expr *x;
        int rc = floe_expr_compile(&x, &sc, e);
        bool ok = rc == 0 && x->kind == FLOE_EXPR_CONST && x->value &&
                  floe_type_base(x->value->type)->id == FLOE_TYPE_STRING &&
                  !floe_column_is_null(x->value, 0);
        if (ok) {
            size_t len;
            const char *s = floe_column_string_at(x->value, 0, &len);
            *out = floe_arena_strndup(ctx->arena, s, len);
        }
        floe_scope_free(&sc);
        if (rc < 0)
            return -1;
        if (ok)
            return 0;
    }
    floe_buf b = FLOE_BUF_INIT;
    floe_ast_format(&b, e, true);
    int rc = floe_error(FLOE_ERR_BAD_ARGUMENTS,
                        "Table function 'file' requires constant String arguments, got %s",
                        b.data ? b.data : "");
    floe_buf_free(&b);
    return rc;
}

int floe_file_args_parse(floe_file_args *fa, const floe_ast *fn, floe_exec_ctx *ctx)
{
    memset(fa, 0, sizeof *fa);
    /* INSERT INTO FUNCTION file(...) (a, b) parses as a parametric call:
     * the arguments are then the parameters, the column list the rest */
    floe_ast *const *args = fn->u.func.has_params ? fn->u.func.params : fn->u.func.args;
    size_t n = fn->u.func.has_params ? fn->u.func.n_params : fn->u.func.n_args;
    if (n < 1 || n > 4)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "The signature of table function file shall be the following:\n"
                          " - filename\n"
                          " - filename, format\n"
                          " - filename, format, structure\n"
                          " - filename, format, structure, compression_method\n");
    const char **slots[4] = {&fa->path, &fa->format, &fa->structure, &fa->compression};
    for (size_t i = 0; i < n; i++)
        if (const_string(slots[i], args[i], ctx) < 0)
            return -1;
    if (fa->format && strcasecmp(fa->format, "auto") == 0)
        fa->format = NULL;
    if (fa->structure && strcasecmp(fa->structure, "auto") == 0)
        fa->structure = NULL;
    return 0;
}

int floe_file_parse_structure(size_t *n, const char ***names, const floe_type ***types,
                              const char *structure, floe_arena *a)
{
    floe_buf sql = FLOE_BUF_INIT;
    floe_buf_printf(&sql, "CREATE TABLE _file_structure (%s) ENGINE = Memory", structure);
    floe_arena pa = FLOE_ARENA_INIT;
    floe_ast *stmt = NULL;
    size_t used = 0;
    int rc = floe_sql_parse(&stmt, &used, &pa, sql.data, sql.len, NULL);
    if (rc == 0 && (!stmt || stmt->kind != FLOE_AST_CREATE_TABLE))
        rc = floe_error(FLOE_ERR_SYNTAX_ERROR, "Cannot parse the structure '%s'", structure);
    if (rc < 0) {
        floe_error_prefix("Cannot parse the structure '%s'", structure);
        goto done;
    }
    size_t k = stmt->u.create_table.n_columns;
    const char **nv = floe_arena_alloc(a, (k + 1) * sizeof *nv);
    const floe_type **tv = floe_arena_alloc(a, (k + 1) * sizeof *tv);
    for (size_t i = 0; i < k; i++) {
        const floe_ast *c = stmt->u.create_table.columns[i];
        if (!c->u.column.type) {
            rc = floe_error(FLOE_ERR_SYNTAX_ERROR,
                            "Syntax error (columns declaration list): column %s in the "
                            "structure '%s' has no data type",
                            c->u.column.name, structure);
            goto done;
        }
        nv[i] = floe_arena_strdup(a, c->u.column.name);
        if ((rc = floe_type_parse(&tv[i], c->u.column.type, strlen(c->u.column.type))) < 0)
            goto done;
    }
    *n = k;
    *names = nv;
    *types = tv;
done:
    floe_arena_free(&pa);
    floe_buf_free(&sql);
    return rc;
}

/* ---- opening one file for reading ---- */

int floe_file_reader_open(floe_file_reader *r, const char *path, const char *compression)
{
    memset(r, 0, sizeof *r);
    r->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0) {
        if (errno == ENOENT)
            return floe_error(FLOE_ERR_FILE_DOESNT_EXIST, "File %s doesn't exist", path);
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot open file %s: %s", path,
                          strerror(errno));
    }
    struct stat st;
    if (fstat(r->fd, &st) == 0) {
        r->size = (uint64_t)st.st_size;
        r->mtime = st.st_mtime;
    }
    if (compression) {
        if (floe_file_codec_reader(&r->codec, &r->src, r->fd, compression) < 0) {
            floe_file_reader_close(r);
            return -1;
        }
    } else {
        r->src = floe_source_fd(r->fd);
    }
    return 0;
}

void floe_file_reader_close(floe_file_reader *r)
{
    floe_file_codec_free(r->codec);
    r->codec = NULL;
    if (r->fd >= 0)
        close(r->fd);
    r->fd = -1;
}

/* Reads up to max bytes of a file (decompressed) for inference. */
static int read_prefix(char **out, size_t *len, bool *complete, const char *path,
                       const char *compression, uint64_t max)
{
    floe_file_reader r;
    if (floe_file_reader_open(&r, path, compression) < 0)
        return -1;
    floe_buf b = FLOE_BUF_INIT;
    *complete = false;
    int rc = 0;
    while (b.len < max) {
        size_t want = max - b.len < (64u << 10) ? (size_t)(max - b.len) : (64u << 10);
        floe_buf_reserve(&b, want);
        size_t got = 0;
        if ((rc = r.src.read(r.src.ctx, b.data + b.len, want, &got)) < 0)
            break;
        if (got == 0) {
            *complete = true;
            break;
        }
        b.len += got;
    }
    floe_file_reader_close(&r);
    if (rc < 0) {
        floe_buf_free(&b);
        return -1;
    }
    *len = b.len;
    *out = b.data ? b.data : floe_calloc(1, 1);
    return 0;
}

/* The columns of a Parquet file, as the reader maps its schema. */
static int parquet_schema(size_t *n, const char ***names, const floe_type ***types,
                          const char *data, size_t len, const char *path, floe_arena *a)
{
    floe_parquet_reader *r = NULL;
    if (floe_parquet_reader_open(&r, data, len) < 0) {
        floe_parquet_reader_free(r);
        return floe_error_prefix("The table structure cannot be extracted from a Parquet format "
                                 "file %s",
                                 path);
    }
    size_t k = floe_parquet_reader_n_columns(r);
    const char **nv = floe_arena_alloc(a, (k + 1) * sizeof *nv);
    const floe_type **tv = floe_arena_alloc(a, (k + 1) * sizeof *tv);
    for (size_t i = 0; i < k; i++) {
        nv[i] = floe_arena_strdup(a, floe_parquet_reader_column_name(r, i));
        tv[i] = floe_parquet_reader_column_type(r, i);
    }
    floe_parquet_reader_free(r);
    *n = k;
    *names = nv;
    *types = tv;
    return 0;
}

int floe_file_no_files(const char *format)
{
    if (!format)
        return floe_error(FLOE_ERR_CANNOT_EXTRACT_TABLE_STRUCTURE,
                          "The data format cannot be detected by the contents of the files, "
                          "because there are no files with provided path. You can specify the "
                          "format manually");
    return floe_error(FLOE_ERR_CANNOT_EXTRACT_TABLE_STRUCTURE,
                      "The table structure cannot be extracted from a %s format file, because "
                      "there are no files with provided path. You can specify table structure "
                      "manually",
                      format);
}

int floe_file_infer_from_paths(size_t *n, const char ***names, const floe_type ***types,
                               const char **read_format, char *const *paths, size_t n_paths,
                               const char *format, const char *compression_hint,
                               const floe_file_options *opts, floe_arena *a)
{
    if (n_paths == 0)
        return floe_file_no_files(format);
    for (size_t i = 0; i < n_paths; i++) {
        struct stat st;
        if (stat(paths[i], &st) < 0) {
            int e = errno;
            return floe_error(FLOE_ERR_CANNOT_STAT,
                              "Cannot stat file %s: , errno: %d, strerror: %s: The table "
                              "structure cannot be extracted from a %s format file. You can "
                              "specify the structure manually: (in file/uri %s)",
                              paths[i], e, strerror(e), format, paths[i]);
        }
        if (st.st_size == 0)
            continue; /* empty files say nothing about the schema */
        const char *comp;
        if (floe_file_compression(&comp, paths[i], compression_hint) < 0)
            return -1;
        char *data = NULL;
        size_t len = 0;
        bool complete = false;
        bool parquet = strcmp(format, "Parquet") == 0;
        /* Parquet's schema is in its footer: the whole file is read */
        if (read_prefix(&data, &len, &complete, paths[i], comp,
                        parquet ? UINT64_MAX : opts->infer_max_bytes) < 0)
            return -1;
        int rc = parquet ? parquet_schema(n, names, types, data, len, paths[i], a)
                         : floe_file_infer_schema(n, names, types, read_format, format, data, len,
                                                  complete, opts, a);
        floe_free(data);
        return rc;
    }
    return floe_error(FLOE_ERR_CANNOT_EXTRACT_TABLE_STRUCTURE,
                      "The table structure cannot be extracted from a %s format file, because "
                      "all files are empty. You can specify the format manually",
                      format);
}

/* ---- hive partitioning ---- */

/* The value of key in path's <key>=<value> directories below root (the
 * deepest one wins); false when there is none. */
static bool hive_lookup(const char *path, const char *root, const char *key, const char **v,
                        size_t *len)
{
    const char *p = path;
    size_t rl = root ? strlen(root) : 0;
    if (root && strncmp(path, root, rl) == 0 && path[rl] == '/')
        p = path + rl + 1;
    const char *last = strrchr(p, '/');
    bool found = false;
    size_t kl = strlen(key);
    while (last && p < last) {
        const char *e = memchr(p, '/', (size_t)(last - p));
        if (!e)
            e = last;
        if ((size_t)(e - p) > kl && strncmp(p, key, kl) == 0 && p[kl] == '=') {
            *v = p + kl + 1;
            *len = (size_t)(e - *v);
            found = true;
        }
        p = e + 1;
    }
    return found;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of path's <key>=<value> directories below root that are not
 * among names[0..n), sorted, with types inferred from their values. */
static void hive_keys(size_t *n_out, const char ***keys, const floe_type ***types, const char *path,
                      const char *root, size_t n, const char *const *names, floe_arena *a)
{
    const char *p = path;
    size_t rl = root ? strlen(root) : 0;
    if (root && strncmp(path, root, rl) == 0 && path[rl] == '/')
        p = path + rl + 1;
    const char *last = strrchr(p, '/');
    size_t cap = 1;
    for (const char *q = p; last && q < last; q++)
        cap += *q == '/';
    const char **kv = floe_arena_alloc(a, (cap + 1) * sizeof *kv);
    size_t k = 0;
    while (last && p < last) {
        const char *e = memchr(p, '/', (size_t)(last - p));
        if (!e)
            e = last;
        const char *eq = memchr(p, '=', (size_t)(e - p));
        if (eq && eq > p) {
            char *key = floe_arena_strndup(a, p, (size_t)(eq - p));
            bool dup = false;
            for (size_t i = 0; i < n && !dup; i++)
                dup = strcmp(names[i], key) == 0;
            for (size_t i = 0; i < k && !dup; i++)
                dup = strcmp(kv[i], key) == 0;
            if (!dup)
                kv[k++] = key;
        }
        p = e + 1;
    }
    if (k > 1)
        qsort(kv, k, sizeof *kv, cmp_cstr);
    const floe_type **tv = floe_arena_alloc(a, (k + 1) * sizeof *tv);
    for (size_t i = 0; i < k; i++) {
        const char *v = "";
        size_t len = 0;
        hive_lookup(path, root, kv[i], &v, &len);
        tv[i] = floe_file_infer_value_type(v, len);
    }
    *n_out = k;
    *keys = kv;
    *types = tv;
}

/* ---- the relation and its scan ---- */

/* What a relation and its scans share (scans may outlive the relation). */
/*
 * Data columns are the visible ones, then hidden hive columns (which sit
 * after the four virtual columns in the relation). A data column either
 * comes from the file (read_pos[i] is its place among the columns the
 * format reads) or, from_path[i], from the file's <name>=<value>
 * directories below hive_root.
 */
typedef struct file_src {
    atomic_int refs;
    char **paths;
    size_t n_paths;
    char *format;
    char *compression; /* the hint: NULL / "auto" / a method */
    size_t n_cols;     /* visible columns */
    size_t n_data;     /* visible and hidden hive columns */
    char **names;
    const floe_type **types;
    uint8_t *from_path;
    size_t n_read;
    const char **read_names;
    const floe_type **read_types;
    size_t *read_pos;
    char *hive_root;
    floe_file_options opts;
} file_src;

static void src_unref(file_src *s)
{
    if (!s || atomic_fetch_sub(&s->refs, 1) != 1)
        return;
    for (size_t i = 0; i < s->n_paths; i++)
        floe_free(s->paths[i]);
    floe_free(s->paths);
    for (size_t i = 0; i < s->n_data; i++)
        floe_free(s->names[i]);
    floe_free(s->names);
    floe_free(s->types);
    floe_free(s->from_path);
    floe_free(s->read_names);
    floe_free(s->read_types);
    floe_free(s->read_pos);
    floe_free(s->hive_root);
    floe_free(s->format);
    floe_free(s->compression);
    floe_free(s);
}

enum { VIRT_PATH, VIRT_FILE, VIRT_SIZE, VIRT_TIME, N_VIRT };
const char *const floe_file_virtual_names[FLOE_FILE_N_VIRTUAL] = {"_path", "_file", "_size",
                                                                  "_time"};
#define virt_names floe_file_virtual_names

const floe_type *floe_file_virtual_type(int v)
{
    switch (v) {
    case VIRT_PATH:
    case VIRT_FILE:
        return floe_type_lowcardinality(floe_type_get(FLOE_TYPE_STRING));
    case VIRT_SIZE:
        return floe_type_nullable(floe_type_get(FLOE_TYPE_UINT64));
    default:
        return floe_type_nullable(floe_type_datetime(NULL));
    }
}

typedef struct file_scan {
    floe_op op;
    file_src *src;
    size_t *cols;
    size_t next_file;
    const char *cur_path;
    floe_file_reader rd;
    bool open;
    floe_input_format *in;
    floe_column **hive; /* n_data: this file's one-row path values (from_path columns) */
} file_scan;

static void scan_close_file(file_scan *s)
{
    floe_input_format_free(s->in);
    s->in = NULL;
    for (size_t i = 0; s->hive && i < s->src->n_data; i++) {
        floe_column_free(s->hive[i]);
        s->hive[i] = NULL;
    }
    if (s->open)
        floe_file_reader_close(&s->rd);
    s->open = false;
}

/* Parses the current file's path values of the from_path columns. */
static int hive_values(file_scan *s, const char *path)
{
    file_src *src = s->src;
    floe_text_options to = FLOE_TEXT_OPTIONS_INIT;
    for (size_t i = 0; i < src->n_data; i++) {
        if (!src->from_path[i])
            continue;
        if (!s->hive)
            s->hive = floe_calloc(src->n_data, sizeof *s->hive);
        floe_column *c = floe_column_new(src->types[i]);
        const char *v;
        size_t len;
        if (!hive_lookup(path, src->hive_root, src->names[i], &v, &len)) {
            if (floe_type_is_nullable(src->types[i]))
                floe_column_push_null(c);
            else
                floe_column_push_default(c);
        } else if (floe_text_parse(c, v, len, &to) < 0) {
            floe_column_free(c);
            return floe_error_prefix("Cannot parse the value of partition column %s in path %s",
                                     src->names[i], path);
        }
        s->hive[i] = c;
    }
    return 0;
}

/* Opens the next file to read; *done when there is none. */
static int scan_open_next(file_scan *s, bool *done)
{
    file_src *src = s->src;
    for (;;) {
        if (s->next_file >= src->n_paths) {
            *done = true;
            return 0;
        }
        const char *path = src->paths[s->next_file++];
        struct stat st;
        if (stat(path, &st) < 0 && errno == ENOENT && src->opts.empty_if_not_exists)
            continue;
        const char *comp;
        if (floe_file_compression(&comp, path, src->compression) < 0)
            return -1;
        if (floe_file_reader_open(&s->rd, path, comp) < 0)
            return -1;
        s->open = true;
        if (s->rd.size == 0 && src->opts.skip_empty_files) {
            scan_close_file(s);
            continue;
        }
        const char *fmt = src->format;
        if (strcmp(fmt, "CSV") == 0 || strcmp(fmt, "TSV") == 0 ||
            strcmp(fmt, "TabSeparated") == 0) {
            /* a header row naming the columns is skipped, as ClickHouse does */
            char *head = NULL;
            size_t hlen = 0;
            bool complete;
            if (read_prefix(&head, &hlen, &complete, path, comp, 64u << 10) < 0) {
                scan_close_file(s);
                return -1;
            }
            fmt = floe_file_read_format(fmt, head, hlen, src->n_read, src->read_names,
                                        src->read_types, &src->opts);
            floe_free(head);
        }
        if (floe_input_format_new(&s->in, fmt, src->n_read, src->read_names, src->read_types,
                                  &src->opts.format, s->rd.src) < 0) {
            scan_close_file(s);
            return -1;
        }
        if (hive_values(s, path) < 0) {
            scan_close_file(s);
            return -1;
        }
        s->cur_path = path;
        *done = false;
        return 0;
    }
}

static floe_column *virt_column(const file_scan *s, int v, size_t rows)
{
    floe_column *c = floe_column_new(floe_file_virtual_type(v));
    floe_column_reserve(c, rows, 0);
    const char *path = s->cur_path;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    uint64_t size = s->rd.size;
    uint32_t t = (uint32_t)s->rd.mtime;
    for (size_t i = 0; i < rows; i++) {
        switch (v) {
        case VIRT_PATH:
            floe_column_push_string(c, path, strlen(path));
            break;
        case VIRT_FILE:
            floe_column_push_string(c, base, strlen(base));
            break;
        case VIRT_SIZE:
            floe_column_push_fixed(c, &size);
            break;
        default:
            floe_column_push_fixed(c, &t);
        }
    }
    return c;
}

static int scan_next(floe_op *op, floe_block **out)
{
    file_scan *s = (file_scan *)op;
    file_src *src = s->src;
    size_t bs = op->ctx->settings.max_block_size ? op->ctx->settings.max_block_size : 65409;
    for (;;) {
        if (floe_exec_check_cancel(op->ctx) < 0)
            return -1;
        if (!s->in) {
            bool done;
            if (scan_open_next(s, &done) < 0)
                return -1;
            if (done) {
                *out = NULL;
                return 0;
            }
        }
        floe_block *b = NULL;
        if (floe_input_format_read(s->in, &b, bs) < 0) {
            floe_error_prefix("While reading file %s", s->cur_path);
            return -1;
        }
        if (!b) {
            scan_close_file(s);
            continue;
        }
        floe_block *r = floe_block_new();
        for (size_t i = 0; i < op->n_cols; i++) {
            size_t c = s->cols[i];
            floe_column *col;
            if (c >= src->n_cols && c < src->n_cols + N_VIRT) {
                col = virt_column(s, (int)(c - src->n_cols), b->rows);
            } else {
                size_t d = c < src->n_cols ? c : c - N_VIRT;
                if (src->from_path[d]) {
                    col = floe_column_replicate_row(s->hive[d], 0, b->rows);
                } else {
                    size_t k = src->read_pos[d];
                    bool later = false;
                    for (size_t j = i + 1; j < op->n_cols; j++)
                        later |= s->cols[j] == c;
                    if (later || !b->cols[k]) {
                        col = floe_column_clone(b->cols[k]);
                    } else {
                        col = b->cols[k];
                        b->cols[k] = NULL;
                    }
                }
            }
            op->ctx->bytes_read += floe_column_bytes(col);
            floe_block_add(r, op->names[i], col);
        }
        r->rows = b->rows;
        op->ctx->rows_read += b->rows;
        floe_block_free(b); /* columns handed over are NULL in it */
        *out = r;
        return 0;
    }
}

static void scan_free(floe_op *op)
{
    file_scan *s = (file_scan *)op;
    scan_close_file(s);
    floe_free(s->hive);
    src_unref(s->src);
    floe_free(s->cols);
    floe_free(s);
}

static int rel_scan(floe_relation *r, floe_op **out, const size_t *cols, size_t n,
                    const floe_ast *where, floe_exec_ctx *ctx)
{
    file_src *src = r->impl;
    file_scan *s = floe_calloc(1, sizeof *s);
    atomic_fetch_add(&src->refs, 1);
    s->src = src;
    s->rd.fd = -1;
    s->op.ctx = ctx;
    s->op.n_cols = n;
    s->op.names = floe_arena_alloc(ctx->arena, (n + 1) * sizeof *s->op.names);
    s->op.types = floe_arena_alloc(ctx->arena, (n + 1) * sizeof *s->op.types);
    s->cols = floe_malloc((n + 1) * sizeof *s->cols);
    for (size_t i = 0; i < n; i++) {
        s->cols[i] = cols[i];
        s->op.names[i] = r->names[cols[i]];
        s->op.types[i] = r->types[cols[i]];
    }
    s->op.next = scan_next;
    s->op.free = scan_free;
    *out = &s->op;
    return 0;
}

static void rel_release(floe_relation *r)
{
    src_unref(r->impl);
    floe_free(r);
}

int floe_file_relation_new(floe_relation **out, char **paths, size_t n_paths, const char *format,
                           const char *compression, size_t n_cols, size_t n_hidden,
                           const char *const *names, const floe_type *const *types,
                           const bool *from_path, const char *hive_root, const char *qual,
                           const floe_file_options *opts, floe_exec_ctx *ctx)
{
    file_src *src = floe_calloc(1, sizeof *src);
    atomic_init(&src->refs, 1);
    src->paths = paths;
    src->n_paths = n_paths;
    src->format = floe_strdup(format);
    src->compression = compression ? floe_strdup(compression) : NULL;
    src->n_cols = n_cols;
    size_t nd = src->n_data = n_cols + n_hidden;
    src->names = floe_calloc(nd + 1, sizeof *src->names);
    src->types = floe_calloc(nd + 1, sizeof *src->types);
    src->from_path = floe_calloc(nd + 1, 1);
    src->read_names = floe_calloc(nd + 1, sizeof *src->read_names);
    src->read_types = floe_calloc(nd + 1, sizeof *src->read_types);
    src->read_pos = floe_calloc(nd + 1, sizeof *src->read_pos);
    for (size_t i = 0; i < nd; i++) {
        src->names[i] = floe_strdup(names[i]);
        src->types[i] = types[i];
        src->from_path[i] = from_path && from_path[i];
        if (!src->from_path[i]) {
            src->read_pos[i] = src->n_read;
            src->read_names[src->n_read] = src->names[i];
            src->read_types[src->n_read++] = types[i];
        }
    }
    src->hive_root = hive_root ? floe_strdup(hive_root) : NULL;
    if (opts)
        src->opts = *opts;
    else
        floe_file_options_init(&src->opts);
    floe_relation *r = floe_calloc(1, sizeof *r);
    r->n_visible = n_cols;
    r->n_cols = nd + N_VIRT;
    r->names = floe_arena_alloc(ctx->arena, (r->n_cols + 1) * sizeof *r->names);
    r->types = floe_arena_alloc(ctx->arena, (r->n_cols + 1) * sizeof *r->types);
    for (size_t i = 0; i < nd; i++) {
        size_t k = i < n_cols ? i : i + N_VIRT;
        r->names[k] = floe_arena_strdup(ctx->arena, names[i]);
        r->types[k] = types[i];
    }
    for (int v = 0; v < N_VIRT; v++) {
        r->names[n_cols + (size_t)v] = virt_names[v];
        r->types[n_cols + (size_t)v] = floe_file_virtual_type(v);
    }
    r->qual = qual ? floe_arena_strdup(ctx->arena, qual) : NULL;
    r->scan = rel_scan;
    r->release = rel_release;
    r->impl = src;
    *out = r;
    return 0;
}

static void free_paths(char **paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        floe_free(paths[i]);
    floe_free(paths);
}

/* Formats ClickHouse can only write. */
static bool output_only(const char *format)
{
    static const char *const names[] = {"Markdown", "MD",        "XML",       "Vertical",
                                        "Null",     "SQLInsert", "Prometheus"};
    if (strncmp(format, "Pretty", 6) == 0)
        return true;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(format, names[i]) == 0)
            return true;
    return false;
}

/*
 * The format of a file with no telling name, from its first bytes: the
 * Parquet magic, a JSON object (JSONEachRow), a tab in the first line (TSV),
 * else CSV. ClickHouse instead tries every format's schema reader in turn;
 * these four cover what such files hold in practice.
 */
static int detect_format(const char **out, char *const *paths, size_t n_paths,
                         const char *compression_hint)
{
    for (size_t i = 0; i < n_paths; i++) {
        struct stat st;
        if (stat(paths[i], &st) < 0) {
            int e = errno;
            return floe_error(FLOE_ERR_CANNOT_STAT,
                              "Cannot stat file %s: , errno: %d, strerror: %s: The data format "
                              "cannot be detected by the contents of the files. You can specify "
                              "the format manually: (in file/uri %s)",
                              paths[i], e, strerror(e), paths[i]);
        }
        if (st.st_size == 0)
            continue;
        const char *comp;
        if (floe_file_compression(&comp, paths[i], compression_hint) < 0)
            return -1;
        char *data = NULL;
        size_t len = 0;
        bool complete;
        if (read_prefix(&data, &len, &complete, paths[i], comp, 64u << 10) < 0)
            return -1;
        size_t k = 0;
        while (k < len && (data[k] == ' ' || data[k] == '\t' || data[k] == '\n' || data[k] == '\r'))
            k++;
        const char *eol = memchr(data, '\n', len);
        size_t line = eol ? (size_t)(eol - data) : len;
        if (len >= 4 && memcmp(data, "PAR1", 4) == 0)
            *out = "Parquet";
        else if (k < len && (data[k] == '{' || (data[k] == '[' && memchr(data + k, '{', len - k))))
            *out = "JSONEachRow";
        else if (memchr(data, '\t', line))
            *out = "TSV";
        else
            *out = "CSV";
        floe_free(data);
        return 0;
    }
    return floe_error(FLOE_ERR_CANNOT_DETECT_FORMAT,
                      "The data format cannot be detected by the contents of the files, "
                      "because all files are empty. You can specify table structure manually");
}

int floe_file_resolve_format(const char **out, const char *format, char *const *paths,
                             size_t n_paths, const char *path_arg, const char *compression_hint,
                             bool input)
{
    if (!format) {
        for (size_t i = 0; i < n_paths && !format; i++)
            format = floe_file_format_from_name(paths[i]);
        if (!format)
            format = floe_file_format_from_name(path_arg);
        if (!format && detect_format(&format, paths, n_paths, compression_hint) < 0)
            return -1;
    }
    bool in = floe_input_format_exists(format), out_ok = floe_output_format_exists(format);
    if (!in && !out_ok)
        return floe_error(FLOE_ERR_UNKNOWN_FORMAT, "Unknown format %s", format);
    if (input && !in) {
        if (output_only(format))
            return floe_error(FLOE_ERR_FORMAT_IS_NOT_SUITABLE_FOR_INPUT,
                              "Format %s is not suitable for input", format);
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Reading format %s is not supported yet",
                          format);
    }
    if (!input && !out_ok)
        return floe_error(FLOE_ERR_FORMAT_IS_NOT_SUITABLE_FOR_OUTPUT,
                          "Format %s is not suitable for output", format);
    *out = format;
    return 0;
}

int floe_file_table_function(floe_relation **out, const floe_ast *fn, const char *user_files_dir,
                             const floe_file_options *opts_in, floe_exec_ctx *ctx)
{
    floe_file_options defaults;
    const floe_file_options *opts = opts_in;
    if (!opts) {
        floe_file_options_init(&defaults);
        opts = &defaults;
    }
    floe_file_args fa;
    if (floe_file_args_parse(&fa, fn, ctx) < 0)
        return -1;
    char **paths = NULL;
    size_t n_paths = 0;
    bool has_globs = false;
    if (floe_file_expand(&paths, &n_paths, &has_globs, user_files_dir, fa.path) < 0)
        return -1;
    const char *format;
    size_t n = 0;
    const char **names = NULL;
    const floe_type **types = NULL;
    if (!fa.structure && n_paths == 0) {
        /* ClickHouse knows no format from a name until some file matches */
        floe_file_no_files(fa.format);
        goto fail;
    }
    if (floe_file_resolve_format(&format, fa.format, paths, n_paths, fa.path, fa.compression,
                                 true) < 0)
        goto fail;
    if (fa.structure) {
        if (floe_file_parse_structure(&n, &names, &types, fa.structure, ctx->arena) < 0)
            goto fail;
    } else {
        /* a plain path that does not exist has nothing to infer from */
        if (floe_file_infer_from_paths(&n, &names, &types, &format, paths, n_paths, format,
                                       fa.compression, opts, ctx->arena) < 0)
            goto fail;
    }
    if (fa.compression) {
        const char *m;
        if (floe_file_compression(&m, fa.path, fa.compression) < 0)
            goto fail;
    }
    {
        /* use_hive_partitioning: the first file's <key>=<value> directories
         * give columns, visible with an inferred structure, else hidden */
        char *root = realpath(user_files_dir, NULL);
        size_t n_hive = 0, n_hidden = 0;
        const char **hn = NULL;
        const floe_type **ht = NULL;
        if (opts->use_hive_partitioning && n_paths > 0)
            hive_keys(&n_hive, &hn, &ht, paths[0], root, n, names, ctx->arena);
        free(root);
        const char **an = floe_arena_alloc(ctx->arena, (n + n_hive + 1) * sizeof *an);
        const floe_type **at = floe_arena_alloc(ctx->arena, (n + n_hive + 1) * sizeof *at);
        bool *fp = floe_arena_alloc(ctx->arena, (n + n_hive + 1) * sizeof *fp);
        for (size_t i = 0; i < n; i++) {
            an[i] = names[i];
            at[i] = types[i];
        }
        for (size_t i = 0; i < n_hive; i++) {
            an[n + i] = hn[i];
            at[n + i] = ht[i];
            fp[n + i] = true;
        }
        if (fa.structure)
            n_hidden = n_hive;
        char *hroot = realpath(user_files_dir, NULL);
        int rc = floe_file_relation_new(out, paths, n_paths, format, fa.compression,
                                        n + n_hive - n_hidden, n_hidden, an, at, fp, hroot, NULL,
                                        opts, ctx);
        free(hroot);
        return rc;
    }
fail:
    free_paths(paths, n_paths);
    return -1;
}

/* ---- INSERT INTO FUNCTION file(...) ---- */

struct floe_file_sink {
    floe_arena arena;
    size_t n_cols;
    const char **names;
    const floe_type **types;
    char *target;
    char *tmp;
    int fd;
    floe_sink out_sink;
    floe_file_codec *codec;
    floe_output_format *out;
    const char *session_tz;
    bool finished;
};

/* Formats that cannot be appended to (ClickHouse marks them so). */
static bool format_appends(const char *format)
{
    static const char *const no[] = {"Parquet", "JSON",        "JSONStrings", "XML", "ORC",
                                     "Arrow",   "ArrowStream", "Avro",        "Npy"};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (strcmp(no[i], format) == 0)
            return false;
    return true;
}

/* The same format without its header rows, for appending to a non-empty
 * file (ClickHouse writes no prefix then). */
static const char *without_header(const char *format)
{
    static const char *const map[][2] = {
        {"CSVWithNames", "CSV"},
        {"CSVWithNamesAndTypes", "CSV"},
        {"TSVWithNames", "TSV"},
        {"TSVWithNamesAndTypes", "TSV"},
        {"TabSeparatedWithNames", "TSV"},
        {"TabSeparatedWithNamesAndTypes", "TSV"},
        {"TSVRawWithNames", "TSVRaw"},
        {"TSVRawWithNamesAndTypes", "TSVRaw"},
        {"TabSeparatedRawWithNames", "TSVRaw"},
        {"TabSeparatedRawWithNamesAndTypes", "TSVRaw"},
        {"RawWithNames", "TSVRaw"},
        {"RawWithNamesAndTypes", "TSVRaw"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], format) == 0)
            return map[i][1];
    return format;
}

static int mkdirs(const char *path)
{
    char *p = floe_strdup(path);
    int rc = 0;
    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(p, 0755) < 0 && errno != EEXIST) {
            rc = floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot create directory %s: %s", p,
                            strerror(errno));
            break;
        }
        *s = '/';
    }
    floe_free(p);
    return rc;
}

/* name.N.ext for engine_file_allow_create_multiple_files: the number goes
 * before the first dot of the file name. */
static char *numbered_name(const char *path, unsigned k)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strchr(base, '.');
    size_t cut = dot ? (size_t)(dot - path) : strlen(path);
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_append(&b, path, cut);
    floe_buf_printf(&b, ".%u", k);
    floe_buf_puts(&b, path + cut);
    return floe_buf_detach(&b, NULL);
}

static int cast_into(floe_column **out, const floe_column *c, const floe_type *to, const char *tz)
{
    if (c->type == to) {
        *out = NULL;
        return 0;
    }
    return floe_cast_column(out, c, to, FLOE_CAST_THROW, tz);
}

int floe_file_sink_begin(floe_file_sink **out, const char *target, const char *format,
                         const char *compression, size_t n_cols, const char *const *names,
                         const floe_type *const *types, const floe_file_options *opts,
                         const char *session_tz)
{
    floe_file_sink *s = floe_calloc(1, sizeof *s);
    s->fd = -1;
    s->session_tz = session_tz;
    s->n_cols = n_cols;
    s->names = floe_arena_alloc(&s->arena, (n_cols + 1) * sizeof *s->names);
    s->types = floe_arena_alloc(&s->arena, (n_cols + 1) * sizeof *s->types);
    for (size_t i = 0; i < n_cols; i++) {
        s->names[i] = floe_arena_strdup(&s->arena, names[i]);
        s->types[i] = types[i];
    }
    char *path = floe_strdup(target);
    const char *fmt = format;
    bool append = false;
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            floe_error(FLOE_ERR_INCORRECT_FILE_NAME, "File %s must not be a directory", path);
            goto fail;
        }
        if (st.st_size > 0 && !opts->truncate_on_insert) {
            if (format_appends(format)) {
                append = true;
                fmt = without_header(format);
            } else if (opts->allow_create_multiple_files) {
                for (unsigned k = 1;; k++) {
                    char *cand = numbered_name(target, k);
                    if (stat(cand, &st) < 0) {
                        floe_free(path);
                        path = cand;
                        break;
                    }
                    floe_free(cand);
                }
            } else {
                floe_error(FLOE_ERR_CANNOT_APPEND_TO_FILE,
                           "File %s already exists and data cannot be appended to this file as "
                           "the %s format doesn't support appends. You can enable truncate on "
                           "insertion with the `engine_file_truncate_on_insert` setting, or you "
                           "can configure ClickHouse to create a new file on each insert by "
                           "enabling the setting `engine_file_allow_create_multiple_files`",
                           path, format);
                goto fail;
            }
        }
    }
    if (mkdirs(path) < 0)
        goto fail;
    {
        const char *slash = strrchr(path, '/');
        floe_buf t = FLOE_BUF_INIT;
        floe_buf_append(&t, path, (size_t)(slash - path) + 1);
        floe_buf_printf(&t, ".tmp_insert_%s.XXXXXX", slash + 1);
        s->tmp = floe_buf_detach(&t, NULL);
    }
    s->fd = mkostemp(s->tmp, O_CLOEXEC);
    if (s->fd < 0) {
        floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot create file %s: %s", s->tmp, strerror(errno));
        floe_free(s->tmp);
        s->tmp = NULL;
        goto fail;
    }
    fchmod(s->fd, 0644);
    s->target = path;
    path = NULL;
    /* copy-then-rename append: the old bytes first (compressed files get a
     * new gzip member / zstd frame after them) */
    if (append && floe_fs_copy_into(s->fd, s->target) < 0)
        goto fail;
    if (compression) {
        if (floe_file_codec_writer(&s->codec, &s->out_sink, s->fd, compression, 0) < 0)
            goto fail;
    } else {
        s->out_sink = floe_sink_fd(s->fd);
    }
    if (floe_output_format_new(&s->out, fmt, n_cols, (const char *const *)s->names, s->types,
                               &opts->format, s->out_sink) < 0)
        goto fail;
    *out = s;
    return 0;
fail:
    floe_free(path);
    floe_file_sink_free(s);
    return -1;
}

int floe_file_sink_open(floe_file_sink **out, const floe_ast *fn, const char *user_files_dir,
                        size_t n_src, const char *const *src_names,
                        const floe_type *const *src_types, const floe_file_options *opts_in,
                        floe_exec_ctx *ctx)
{
    floe_file_options defaults;
    const floe_file_options *opts = opts_in;
    if (!opts) {
        floe_file_options_init(&defaults);
        opts = &defaults;
    }
    floe_file_args fa;
    if (floe_file_args_parse(&fa, fn, ctx) < 0)
        return -1;
    char **paths = NULL;
    size_t n_paths = 0;
    bool has_globs = false;
    int rc = -1;
    if (floe_file_expand(&paths, &n_paths, &has_globs, user_files_dir, fa.path) < 0)
        return -1;
    if (has_globs || n_paths != 1) {
        struct stat st;
        if (n_paths == 0 && stat(fa.path, &st) == 0 && S_ISDIR(st.st_mode))
            floe_error(FLOE_ERR_INCORRECT_FILE_NAME, "File %s must not be a directory", fa.path);
        else
            floe_error(FLOE_ERR_INCORRECT_FILE_NAME,
                       "Cannot insert into %s: a path with globs or a directory names no single "
                       "file",
                       fa.path);
        goto done;
    }
    const char *format, *compression;
    if (floe_file_resolve_format(&format, fa.format, paths, n_paths, fa.path, fa.compression,
                                 false) < 0)
        goto done;
    if (floe_file_compression(&compression, paths[0], fa.compression) < 0)
        goto done;
    size_t n = 0;
    const char *const *names = NULL;
    const floe_type *const *types = NULL;
    if (fa.structure) {
        const char **nv;
        const floe_type **tv;
        if (floe_file_parse_structure(&n, &nv, &tv, fa.structure, ctx->arena) < 0)
            goto done;
        names = nv;
        types = tv;
    } else if (src_names) {
        n = n_src;
        names = src_names;
        types = src_types;
    } else {
        const char **nv;
        const floe_type **tv;
        if (!floe_input_format_exists(format)) {
            floe_error(FLOE_ERR_CANNOT_EXTRACT_TABLE_STRUCTURE,
                       "The table structure cannot be extracted from a %s format file. You can "
                       "specify the structure manually",
                       format);
            goto done;
        }
        if (floe_file_infer_from_paths(&n, &nv, &tv, NULL, paths, n_paths, format, fa.compression,
                                       opts, ctx->arena) < 0)
            goto done;
        names = nv;
        types = tv;
    }
    rc = floe_file_sink_begin(out, paths[0], format, compression, n, names, types, opts,
                              ctx->fctx.session_tz);
done:
    free_paths(paths, n_paths);
    return rc;
}

void floe_file_sink_columns(const floe_file_sink *s, size_t *n, const char *const **names,
                            const floe_type *const **types)
{
    *n = s->n_cols;
    *names = (const char *const *)s->names;
    *types = (const floe_type *const *)s->types;
}

int floe_file_sink_write(floe_file_sink *s, const floe_block *b)
{
    if (b->n_cols != s->n_cols)
        return floe_error(FLOE_ERR_NUMBER_OF_COLUMNS_DOESNT_MATCH,
                          "Number of columns doesn't match (source: %zu and result: %zu)",
                          b->n_cols, s->n_cols);
    floe_block *conv = floe_block_new();
    int rc = 0;
    for (size_t i = 0; i < b->n_cols && rc == 0; i++) {
        floe_column *c = NULL;
        if ((rc = cast_into(&c, b->cols[i], s->types[i], s->session_tz)) < 0)
            break;
        floe_block_add(conv, s->names[i], c ? c : floe_column_clone(b->cols[i]));
    }
    conv->rows = b->rows;
    if (rc == 0)
        rc = floe_output_format_write(s->out, conv);
    floe_block_free(conv);
    return rc;
}

int floe_file_sink_finish(floe_file_sink *s)
{
    if (floe_output_format_finish(s->out, NULL) < 0)
        return -1;
    if (s->codec && floe_file_codec_finish(s->codec) < 0)
        return -1;
    if (fsync(s->fd) < 0)
        return floe_error(FLOE_ERR_CANNOT_FSYNC, "Cannot fsync file %s: %s", s->tmp,
                          strerror(errno));
    close(s->fd);
    s->fd = -1;
    if (rename(s->tmp, s->target) < 0)
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot rename %s to %s: %s", s->tmp,
                          s->target, strerror(errno));
    s->finished = true;
    return 0;
}

void floe_file_sink_free(floe_file_sink *s)
{
    if (!s)
        return;
    floe_output_format_free(s->out);
    floe_file_codec_free(s->codec);
    if (s->fd >= 0)
        close(s->fd);
    if (s->tmp && !s->finished)
        unlink(s->tmp);
    floe_free(s->tmp);
    floe_free(s->target);
    floe_arena_free(&s->arena);
    floe_free(s);
}
