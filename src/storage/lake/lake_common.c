/*
 * The object-storage side of the lake engines (see lake_common.h):
 * arguments and named collections, the target store, glob matching and
 * listing with hive pruning, reading (objects are downloaded into a
 * private temporary directory and read with file()'s relation, which gives
 * every format, compression and hive column it knows), writing objects,
 * masking secrets, and EXPORT destinations. The engines and table
 * functions built on these are in lake_table.c.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "base/error.h"
#include "base/fs.h"
#include "base/mem.h"
#include "expr/expr.h"
#include "storage/lake/file_int.h"
#include "storage/lake/lake_common.h"
#include "storage/lake/lake_int.h"
#include "types/serialize.h"

/* ---- arguments ---- */

static char *arg_text(const floe_ast *e, floe_arena *a)
{
    if (e->kind == FLOE_AST_LITERAL && !e->u.lit.value.is_null &&
        floe_type_base(e->u.lit.value.type)->id == FLOE_TYPE_STRING)
        return floe_arena_strndup(a, e->u.lit.value.v.s.ptr, e->u.lit.value.v.s.len);
    if (e->kind == FLOE_AST_IDENT)
        return floe_arena_strdup(a, e->u.ident.parts[e->u.ident.n_parts - 1]);
    floe_buf b = FLOE_BUF_INIT;
    floe_ast_format(&b, e, true);
    char *r = floe_arena_strndup(a, b.data ? b.data : "", b.len);
    floe_buf_free(&b);
    return r;
}

static bool is_kv(const floe_ast *e)
{
    return e->kind == FLOE_AST_FUNC && strcmp(e->u.func.name, "equals") == 0 &&
           e->u.func.n_args == 2 && e->u.func.args[0]->kind == FLOE_AST_IDENT;
}

static bool truthy(const char *v)
{
    return strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0;
}

static int set_key(floe_lake_args *la, const char *k, const char *v, const char *what)
{
    if (strcasecmp(k, "url") == 0 || strcasecmp(k, "storage_account_url") == 0)
        la->url = v;
    else if (strcasecmp(k, "filename") == 0)
        la->filename = v;
    else if (strcasecmp(k, "access_key_id") == 0 || strcasecmp(k, "aws_access_key_id") == 0)
        la->access_key_id = v;
    else if (strcasecmp(k, "secret_access_key") == 0 || strcasecmp(k, "aws_secret_access_key") == 0)
        la->secret_access_key = v;
    else if (strcasecmp(k, "session_token") == 0)
        la->session_token = v;
    else if (strcasecmp(k, "no_sign") == 0 || strcasecmp(k, "nosign") == 0)
        la->no_sign = truthy(v);
    else if (strcasecmp(k, "connection_string") == 0)
        la->connection_string = v;
    else if (strcasecmp(k, "container") == 0)
        la->container = v;
    else if (strcasecmp(k, "blob_path") == 0 || strcasecmp(k, "blobpath") == 0)
        la->blob_path = v;
    else if (strcasecmp(k, "account_name") == 0)
        la->account_name = v;
    else if (strcasecmp(k, "account_key") == 0)
        la->account_key = v;
    else if (strcasecmp(k, "format") == 0)
        la->format = v;
    else if (strcasecmp(k, "compression") == 0 || strcasecmp(k, "compression_method") == 0)
        la->compression = v;
    else if (strcasecmp(k, "structure") == 0)
        la->structure = v;
    else if (strcasecmp(k, "partition_strategy") == 0)
        la->partition_strategy = v;
    else if (strcasecmp(k, "partition_columns_in_data_file") == 0)
        la->pcols_in_file = truthy(v);
    else if (strcasecmp(k, "region") == 0 || strcasecmp(k, "use_environment_credentials") == 0)
        ; /* accepted; the region comes from the URL */
    else
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Unexpected key-value argument '%s' for %s", k,
                          what);
    return 0;
}

bool floe_lake_is_format(const char *s)
{
    return strcasecmp(s, "auto") == 0 || floe_input_format_exists(s) ||
           floe_output_format_exists(s);
}

static const char *nonauto(const char *s)
{
    return s && strcasecmp(s, "auto") != 0 && strcasecmp(s, "none") != 0 ? s : NULL;
}

static _Atomic(floe_lake_collection_fn) collection_lookup;

void floe_lake_set_collection_lookup(floe_lake_collection_fn fn)
{
    atomic_store(&collection_lookup, fn);
}

/* The data directory from DIR/data/<db>/<table>. */
char *floe_lake_data_root(const char *data_dir)
{
    if (!data_dir)
        return NULL;
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

/* args of an engine clause or table function call. function: structure
 * follows format positionally (s3(url, [creds,] format, structure, compression)). */
int floe_lake_parse_args(floe_lake_args *la, floe_ast *const *args, size_t n, bool azure,
                         bool function, const char *data_path, floe_arena *a)
{
    memset(la, 0, sizeof *la);
    la->azure = azure;
    la->pcols_in_file = -1;
    const char *what = azure ? "AzureBlobStorage" : "S3";
    if (n == 0)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Storage %s requires 1 to 8 arguments", what);
    size_t first_kv = 0;
    while (first_kv < n && !is_kv(args[first_kv]))
        first_kv++;
    size_t i = 0;
    if (args[0]->kind == FLOE_AST_IDENT && args[0]->u.ident.n_parts == 1) {
        /* a named collection, then key = value overrides */
        if (!data_path)
            return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Named collections need a data directory");
        floe_lake_collection_fn lookup = atomic_load(&collection_lookup);
        if (!lookup)
            return floe_error(FLOE_ERR_NAMED_COLLECTION_DOESNT_EXIST,
                              "There is no named collection `%s`", args[0]->u.ident.parts[0]);
        size_t nkv = 0;
        char **keys = NULL, **values = NULL;
        bool *ov = NULL;
        if (lookup(&nkv, &keys, &values, &ov, data_path, args[0]->u.ident.parts[0]) < 0)
            return -1;
        int rc = 0;
        for (size_t k = 0; k < nkv; k++) {
            if (rc == 0)
                rc = set_key(la, keys[k], floe_arena_strdup(a, values[k]), what);
            /* a NOT OVERRIDABLE key may not be given again as key = value */
            for (size_t j = 1; rc == 0 && !ov[k] && j < n; j++) {
                const floe_ast *x = args[j];
                if (is_kv(x) &&
                    strcasecmp(
                        x->u.func.args[0]->u.ident.parts[x->u.func.args[0]->u.ident.n_parts - 1],
                        keys[k]) == 0)
                    rc = floe_error(FLOE_ERR_BAD_ARGUMENTS, "Override not allowed for '%s'",
                                    keys[k]);
            }
            floe_free(keys[k]);
            floe_free(values[k]);
        }
        floe_free(keys);
        floe_free(values);
        floe_free(ov);
        if (rc < 0)
            return -1;
        i = 1;
        if (first_kv != 1 && n > 1) {
            for (size_t k = 1; k < n; k++)
                if (!is_kv(args[k]))
                    return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                                      "Only key-value arguments may follow a named collection");
        }
    } else {
        const char *v[16] = {0};
        size_t m = first_kv < 16 ? first_kv : 16;
        for (size_t k = 0; k < m; k++)
            v[k] = arg_text(args[k], a);
        size_t p = 0;
        if (!azure) {
            la->url = v[p++];
            if (p < m && strcasecmp(v[p], "NOSIGN") == 0) {
                la->no_sign = true;
                p++;
            } else if (p + 1 < m && !floe_lake_is_format(v[p])) {
                la->access_key_id = v[p++];
                la->secret_access_key = v[p++];
            }
        } else {
            if (m < 3)
                return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                                  "Storage AzureBlobStorage requires 3 to 8 arguments: "
                                  "connection_string|storage_account_url, container_name, "
                                  "blobpath, [account_name, account_key, format, compression, "
                                  "partition_strategy, partition_columns_in_data_file]");
            if (strstr(v[0], "://") && !strstr(v[0], "AccountName=")) {
                la->url = v[0];
                if (m >= 5 && !floe_lake_is_format(v[3])) {
                    la->account_name = v[3];
                    la->account_key = v[4];
                    p = 5;
                } else {
                    p = 3;
                }
            } else {
                la->connection_string = v[0];
                p = 3;
            }
            la->container = v[1];
            la->blob_path = v[2];
        }
        if (p < m)
            la->format = v[p++];
        if (function && !azure && p < m)
            la->structure = v[p++];
        if (p < m)
            la->compression = v[p++];
        if (function && azure && p < m &&
            (strcasecmp(v[p], "hive") == 0 || strcasecmp(v[p], "wildcard") == 0)) {
            /* azureBlobStorage(..., format, compression, strategy, in_file, structure) */
            la->partition_strategy = v[p++];
            if (p < m)
                la->pcols_in_file = truthy(v[p++]);
        }
        if (function && azure && p < m)
            la->structure = v[p++];
        if (!function && p < m)
            la->partition_strategy = v[p++];
        if (!function && p < m)
            la->pcols_in_file = truthy(v[p++]);
        if (p < m)
            return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                              "Too many arguments for %s", what);
        i = first_kv;
    }
    for (; i < n; i++) {
        if (!is_kv(args[i]))
            return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                              "Positional arguments cannot follow key-value arguments");
        const floe_ast *k = args[i]->u.func.args[0];
        if (set_key(la, k->u.ident.parts[k->u.ident.n_parts - 1],
                    arg_text(args[i]->u.func.args[1], a), what) < 0)
            return -1;
    }
    if (!azure && !la->url)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Storage S3 requires a url");
    if (azure && (!la->container || (!la->connection_string && !la->url)))
        return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                          "Storage AzureBlobStorage requires a connection_string or "
                          "storage_account_url and a container");
    if (la->partition_strategy && strcasecmp(la->partition_strategy, "hive") != 0 &&
        strcasecmp(la->partition_strategy, "wildcard") != 0)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Partition strategy %s is not supported",
                          la->partition_strategy);
    return 0;
}

static bool is_glob_char(char c)
{
    return c == '*' || c == '?' || c == '{';
}

/* Splits "dir/part/name*" at the last '/' before the first glob (or the
 * last '/' of all): *dir_len bytes of directory, the rest is the pattern. */
static size_t split_dir(const char *path, size_t from)
{
    size_t n = strlen(path), g = n;
    for (size_t i = from; i < n; i++)
        if (is_glob_char(path[i])) {
            g = i;
            break;
        }
    size_t cut = from;
    for (size_t i = from; i < g; i++)
        if (path[i] == '/')
            cut = i;
    return cut;
}

/* Opens the store of la; whole_root: the path is the table's root directory
 * (hive), else its last segment (or the glob part) is the pattern. */
int floe_lake_open_target(floe_lake_target *out, const floe_lake_args *la, bool partitioned)
{
    memset(out, 0, sizeof *out);
    floe_objstore_options o = FLOE_OBJSTORE_OPTIONS_INIT;
    floe_buf path = FLOE_BUF_INIT;
    out->format = nonauto(la->format) ? floe_strdup(la->format) : NULL;
    out->compression = nonauto(la->compression) ? floe_strdup(la->compression) : NULL;
    out->partition_columns_in_data_file = la->pcols_in_file == 1;
    if (partitioned) {
        if (la->partition_strategy)
            out->strategy = strcasecmp(la->partition_strategy, "hive") == 0
                                ? FLOE_LAKE_PARTITION_HIVE
                                : FLOE_LAKE_PARTITION_WILDCARD;
        else
            out->strategy = FLOE_LAKE_PARTITION_HIVE;
    }
    bool hive = out->strategy == FLOE_LAKE_PARTITION_HIVE;
    const char *p = la->azure ? (la->blob_path ? la->blob_path : "") : la->url;
    floe_buf_puts(&path, p);
    if (la->filename) {
        if (path.len && path.data[path.len - 1] != '/')
            floe_buf_putc(&path, '/');
        floe_buf_puts(&path, la->filename);
    }
    if (!path.data)
        floe_buf_puts(&path, "");
    if (strstr(path.data, "{_partition_id}") && !la->partition_strategy && partitioned) {
        out->strategy = FLOE_LAKE_PARTITION_WILDCARD;
        hive = false;
    }
    size_t from = 0;
    if (!la->azure) {
        const char *s = strstr(path.data, "://");
        from = s ? (size_t)(s - path.data) + 3 : 0;
        const char *slash = strchr(path.data + from, '/'); /* host ends */
        from = slash ? (size_t)(slash - path.data) + 1 : path.len;
        const char *b2 = strchr(path.data + from, '/'); /* bucket ends */
        from = b2 ? (size_t)(b2 - path.data) : path.len;
    }
    size_t cut;
    if (hive) {
        cut = path.len;
        while (cut > from && path.data[cut - 1] == '/')
            cut--;
        out->pattern = floe_strdup("");
    } else {
        cut = split_dir(path.data, from);
        if (cut < from)
            cut = from;
        const char *rest = path.data + cut;
        while (*rest == '/')
            rest++;
        out->pattern = floe_strdup(rest);
    }
    char *dir = floe_strndup(path.data, cut);
    {
        floe_buf d = FLOE_BUF_INIT;
        if (la->azure) {
            floe_buf_puts(&d, la->container);
            floe_buf_putc(&d, '/');
            floe_buf_puts(&d, dir);
        } else {
            const char *h = strstr(dir, "://");
            const char *b = h ? strchr(h + 3, '/') : NULL;
            floe_buf_puts(&d, b ? b + 1 : "");
        }
        if (d.len && d.data[d.len - 1] != '/')
            floe_buf_putc(&d, '/');
        if (!d.data)
            floe_buf_puts(&d, "");
        out->display_root = floe_buf_detach(&d, NULL);
    }
    int rc;
    if (la->azure) {
        o.kind = FLOE_OBJSTORE_AZURE;
        o.connection_string = la->connection_string;
        o.url = la->url;
        o.container = la->container;
        o.account_name = la->account_name;
        o.account_key = la->account_key;
        o.prefix = dir;
    } else {
        o.kind = FLOE_OBJSTORE_S3;
        o.url = dir;
        o.access_key_id = la->access_key_id;
        o.secret_access_key = la->secret_access_key;
        o.session_token = la->session_token;
        o.no_sign = la->no_sign || !la->access_key_id;
    }
    rc = floe_objstore_open(&out->store, &o);
    floe_free(dir);
    floe_buf_free(&path);
    if (rc < 0) {
        floe_lake_target_free(out);
        return -1;
    }
    return 0;
}

void floe_lake_target_free(floe_lake_target *t)
{
    floe_objstore_free(t->store);
    floe_free(t->pattern);
    floe_free(t->format);
    floe_free(t->compression);
    floe_free(t->display_root);
    memset(t, 0, sizeof *t);
}

/* ---- globs ---- */

/* {a,b} and {N..M} at p (p[0] == '{', close at the matching '}'). */
static bool brace_match(const char *p, const char *close, const char *s)
{
    const char *body = p + 1;
    size_t blen = (size_t)(close - body);
    const char *dots = NULL;
    for (const char *q = body; q + 1 < close; q++)
        if (q[0] == '.' && q[1] == '.')
            dots = q;
    floe_buf alt = FLOE_BUF_INIT;
    bool ok = false;
    if (dots && !memchr(body, ',', blen)) {
        char *e1, *e2;
        long a = strtol(body, &e1, 10), b = strtol(dots + 2, &e2, 10);
        if (e1 == dots && e2 == close) {
            size_t width = (size_t)(dots - body);
            bool pad = width > 1 && body[0] == '0';
            for (long v = a < b ? a : b; v <= (a < b ? b : a) && !ok; v++) {
                alt.len = 0;
                if (pad)
                    floe_buf_printf(&alt, "%0*ld", (int)width, v);
                else
                    floe_buf_printf(&alt, "%ld", v);
                floe_buf_puts(&alt, close + 1);
                ok = floe_lake_glob_match(alt.data, s);
            }
            floe_buf_free(&alt);
            return ok;
        }
    }
    const char *q = body;
    while (q <= close && !ok) {
        const char *e = memchr(q, ',', (size_t)(close - q));
        if (!e)
            e = close;
        alt.len = 0;
        floe_buf_append(&alt, q, (size_t)(e - q));
        floe_buf_puts(&alt, close + 1);
        ok = floe_lake_glob_match(alt.data ? alt.data : "", s);
        q = e + 1;
    }
    floe_buf_free(&alt);
    return ok;
}

bool floe_lake_glob_match(const char *p, const char *s)
{
    while (*p) {
        if (p[0] == '*' && p[1] == '*') {
            p += 2;
            for (;; s++) {
                if (floe_lake_glob_match(p, s))
                    return true;
                if (!*s)
                    return false;
            }
        }
        if (*p == '*') {
            p++;
            for (;; s++) {
                if (floe_lake_glob_match(p, s))
                    return true;
                if (!*s || *s == '/')
                    return false;
            }
        }
        if (*p == '?') {
            if (!*s || *s == '/')
                return false;
            p++;
            s++;
            continue;
        }
        if (*p == '{') {
            const char *close = strchr(p, '}');
            if (close)
                return brace_match(p, close, s);
        }
        if (*p != *s)
            return false;
        p++;
        s++;
    }
    return !*s;
}

/* ---- temporary directories shared by a relation and its scans ---- */

int floe_lake_tmp_dir_new(floe_lake_tmp_dir **out)
{
    const char *base = getenv("TMPDIR");
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_printf(&b, "%s/floe-lake-XXXXXX", base && *base ? base : "/tmp");
    char *p = floe_buf_detach(&b, NULL);
    if (!mkdtemp(p)) {
        int rc = floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot create a temporary directory: %s",
                            strerror(errno));
        floe_free(p);
        return rc;
    }
    floe_lake_tmp_dir *t = floe_calloc(1, sizeof *t);
    atomic_init(&t->refs, 1);
    t->path = p;
    *out = t;
    return 0;
}

void floe_lake_tmp_dir_unref(floe_lake_tmp_dir *t)
{
    if (!t || atomic_fetch_sub(&t->refs, 1) != 1)
        return;
    floe_fs_remove_tree(t->path);
    floe_free(t->path);
    floe_free(t);
}

/* A scan over downloaded copies: keeps the directory alive and shows
 * _path as the object's (bucket/key), not the copy's. is_path[i]: output
 * column i is _path. */
typedef struct wrap_op {
    floe_op op;
    floe_op *inner;
    floe_lake_tmp_dir *td;
    bool *is_path;
    char *display_root;
} wrap_op;

static int wrap_next(floe_op *op, floe_block **out)
{
    wrap_op *w = (wrap_op *)op;
    if (w->inner->next(w->inner, out) < 0)
        return -1;
    floe_block *b = *out;
    size_t skip = strlen(w->td->path) + 1;
    for (size_t i = 0; b && i < b->n_cols; i++) {
        if (!w->is_path[i])
            continue;
        floe_column *old = b->cols[i];
        floe_column *c = floe_column_new(old->type);
        floe_buf v = FLOE_BUF_INIT;
        for (size_t r = 0; r < b->rows; r++) {
            size_t len;
            const char *p = floe_column_string_at(old, r, &len);
            v.len = 0;
            floe_buf_puts(&v, w->display_root);
            if (len >= skip)
                floe_buf_append(&v, p + skip, len - skip);
            floe_column_push_string(c, v.data, v.len);
        }
        floe_buf_free(&v);
        floe_column_free(old);
        b->cols[i] = c;
    }
    return 0;
}

static void wrap_free(floe_op *op)
{
    wrap_op *w = (wrap_op *)op;
    w->inner->free(w->inner);
    floe_lake_tmp_dir_unref(w->td);
    floe_free(w->is_path);
    floe_free(w->display_root);
    floe_free(w);
}

/* path_col: the relation's index of _path (SIZE_MAX: none). */
floe_op *floe_lake_wrap(floe_op *inner, floe_lake_tmp_dir *td, const size_t *cols, size_t path_col,
                        const char *display_root)
{
    wrap_op *w = floe_calloc(1, sizeof *w);
    w->op = *inner;
    w->op.next = wrap_next;
    w->op.free = wrap_free;
    w->inner = inner;
    atomic_fetch_add(&td->refs, 1);
    w->td = td;
    w->is_path = floe_calloc(inner->n_cols + 1, sizeof *w->is_path);
    for (size_t i = 0; i < inner->n_cols; i++)
        w->is_path[i] = cols[i] == path_col;
    w->display_root = floe_strdup(display_root);
    return &w->op;
}

/* ---- listing, pruning and downloading ---- */

/* The value of key in rel's <key>=<value> directories (deepest wins). */
bool floe_lake_hive_value(const char *rel, const char *key, const char **v, size_t *len)
{
    const char *last = strrchr(rel, '/');
    size_t kl = strlen(key);
    bool found = false;
    const char *p = rel;
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

/* Compiles every AND-conjunct of where that names partition columns only
 * (the others fail to compile against this scope and are left to the
 * filter above the scan). */
void floe_lake_pruner_init(floe_lake_pruner *pr, size_t n, const char **names,
                           const floe_type **types, const floe_ast *where, floe_exec_ctx *ctx)
{
    memset(pr, 0, sizeof *pr);
    pr->n_cols = n;
    pr->names = names;
    pr->types = types;
    pr->ctx = ctx;
    if (!where || n == 0)
        return;
    pr->sc.n_cols = n;
    pr->sc.names = names;
    pr->sc.types = types;
    pr->sc.fctx = &ctx->fctx;
    pr->sc.arena = ctx->arena;
    size_t cap = 8;
    pr->preds = floe_arena_alloc(ctx->arena, cap * sizeof *pr->preds);
    const floe_ast *stack[64];
    size_t sp = 0;
    stack[sp++] = where;
    while (sp) {
        const floe_ast *e = stack[--sp];
        if (e->kind == FLOE_AST_FUNC && strcmp(e->u.func.name, "and") == 0) {
            for (size_t i = 0; i < e->u.func.n_args && sp < 64; i++)
                stack[sp++] = e->u.func.args[i];
            continue;
        }
        floe_expr *x = NULL;
        if (floe_expr_compile(&x, &pr->sc, e) < 0) {
            floe_error_clear();
            continue;
        }
        if (pr->n_preds == cap) {
            floe_expr **bigger = floe_arena_alloc(ctx->arena, 2 * cap * sizeof *bigger);
            memcpy(bigger, pr->preds, cap * sizeof *bigger);
            pr->preds = bigger;
            cap *= 2;
        }
        pr->preds[pr->n_preds++] = x;
    }
}

/* False when the partition values in rel's path make a conjunct false. */
static bool pruner_keep(floe_lake_pruner *pr, const char *rel)
{
    if (pr->n_preds == 0)
        return true;
    floe_block *b = floe_block_new();
    floe_text_options to = FLOE_TEXT_OPTIONS_INIT;
    bool keep = true;
    for (size_t i = 0; i < pr->n_cols; i++) {
        floe_column *c = floe_column_new(pr->types[i]);
        const char *v;
        size_t len;
        /* an escaped value is read as its path text (file()'s reading):
         * leave it to the filter rather than risk dropping a match */
        if (!floe_lake_hive_value(rel, pr->names[i], &v, &len) || memchr(v, '%', len) ||
            floe_text_parse(c, v, len, &to) < 0) {
            floe_error_clear();
            floe_column_free(c);
            floe_block_free(b);
            return true; /* cannot tell */
        }
        floe_block_add(b, pr->names[i], c);
    }
    b->rows = 1;
    for (size_t i = 0; i < pr->n_preds && keep; i++) {
        floe_column *r = NULL;
        bool owned = false;
        if (floe_expr_eval(&r, &owned, pr->preds[i], b, &pr->ctx->fctx) < 0) {
            floe_error_clear();
            continue;
        }
        if (floe_column_is_null(r, 0))
            keep = false;
        else {
            const floe_type *bt = floe_type_base(r->type);
            const floe_column *inner = r;
            if (floe_type_is_nullable(r->type) && r->children)
                inner = r->children[0];
            if (bt->width == 1)
                keep = *floe_column_fixed_at(inner, 0) != 0;
        }
        if (owned)
            floe_column_free(r);
    }
    floe_block_free(b);
    return keep;
}

void floe_lake_list_push(floe_lake_list_ctx *lc, const floe_objstore_entry *e)
{
    if (lc->n == lc->cap) {
        lc->cap = lc->cap ? lc->cap * 2 : 16;
        lc->keys = floe_realloc(lc->keys, lc->cap * sizeof *lc->keys);
        lc->mtimes = floe_realloc(lc->mtimes, lc->cap * sizeof *lc->mtimes);
    }
    lc->mtimes[lc->n] = e->mtime;
    lc->keys[lc->n++] = floe_strdup(e->key);
}

static int list_one(void *vctx, const floe_objstore_entry *e)
{
    floe_lake_list_ctx *lc = vctx;
    const char *base = strrchr(e->key, '/');
    base = base ? base + 1 : e->key;
    if (base[0] == '.' || base[0] == '\0')
        return 0;
    if (lc->pattern[0] && !floe_lake_glob_match(lc->pattern, e->key))
        return 0;
    if (lc->pr && !pruner_keep(lc->pr, e->key))
        return 0;
    floe_lake_list_push(lc, e);
    return 0;
}

/* Lists the target's objects (glob and pruning applied), downloads them
 * into td, and returns their local paths (sorted by key). */
int floe_lake_fetch(char ***paths, size_t *n_paths, floe_lake_target *lt, floe_lake_pruner *pr,
                    floe_lake_tmp_dir *td, size_t limit)
{
    floe_lake_list_ctx lc = {0};
    lc.pattern = lt->pattern;
    lc.pr = pr;
    size_t lit = 0;
    while (lt->pattern[lit] && !is_glob_char(lt->pattern[lit]))
        lit++;
    char *prefix = floe_strndup(lt->pattern, lit);
    int rc = floe_objstore_list(lt->store, prefix, list_one, &lc);
    floe_free(prefix);
    char **out = floe_calloc(lc.n + 1, sizeof *out);
    size_t k = 0;
    /* the services list in key order already; the local store too */
    for (size_t i = 0; i < lc.n && i < limit && rc == 0; i++) {
        floe_buf p = FLOE_BUF_INIT;
        floe_buf_printf(&p, "%s/%s", td->path, lc.keys[i]);
        char *local = floe_buf_detach(&p, NULL);
        char *slash = strrchr(local, '/');
        *slash = '\0';
        rc = floe_fs_mkdir_p(local);
        *slash = '/';
        int fd = -1;
        if (rc == 0) {
            fd = open(local, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
            if (fd < 0)
                rc = floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot create %s: %s", local,
                                strerror(errno));
        }
        if (rc == 0) {
            floe_sink sk = floe_sink_fd(fd);
            rc = floe_objstore_get(lt->store, lc.keys[i], 0, FLOE_OBJSTORE_TO_END, &sk);
        }
        if (rc == 0 && lc.mtimes[i] > 0) {
            /* _time is the object's modification time */
            struct timespec ts[2] = {{lc.mtimes[i], 0}, {lc.mtimes[i], 0}};
            futimens(fd, ts);
        }
        if (fd >= 0)
            close(fd);
        out[k++] = local;
    }
    for (size_t i = 0; i < lc.n; i++)
        floe_free(lc.keys[i]);
    floe_free(lc.keys);
    floe_free(lc.mtimes);
    if (rc < 0) {
        for (size_t i = 0; i < k; i++)
            floe_free(out[i]);
        floe_free(out);
        return -1;
    }
    *paths = out;
    *n_paths = k;
    return 0;
}

/* ---- writing ---- */

/* A Snowflake ID as ClickHouse's generateSnowflakeID makes them: ms since
 * the Unix epoch << 22 | machine << 12 | sequence. */
uint64_t floe_lake_snowflake_id(void)
{
    static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    static uint64_t last_ms, seq;
    struct timeval tv;
    gettimeofday(&tv, NULL);
    uint64_t ms = (uint64_t)tv.tv_sec * 1000 + (uint64_t)tv.tv_usec / 1000;
    pthread_mutex_lock(&mu);
    if (ms <= last_ms) {
        ms = last_ms;
        if (++seq >= 4096) {
            seq = 0;
            ms++;
        }
    } else {
        seq = 0;
    }
    last_ms = ms;
    uint64_t id = (ms << 22) | (((uint64_t)getpid() & 1023) << 12) | seq;
    pthread_mutex_unlock(&mu);
    return id;
}

int floe_lake_check_absent(floe_objstore *s, const char *key)
{
    int exists = 0;
    if (floe_objstore_head(&exists, NULL, s, key) < 0)
        return -1;
    if (exists) {
        char *loc = floe_objstore_location(s, key);
        int rc = floe_error(FLOE_ERR_BAD_ARGUMENTS,
                            "Object %s already exists. If you want to overwrite it, enable "
                            "setting s3_truncate_on_insert, if you want to create a new file on "
                            "each insert, enable setting s3_create_new_file_on_insert",
                            loc);
        floe_free(loc);
        return rc;
    }
    return 0;
}

/* An object being written: output format over a store writer. */

int floe_lake_obj_open(floe_lake_obj_writer *ow, floe_objstore *s, const char *key, unsigned flags,
                       const char *format, const char *compression, size_t n,
                       const char *const *names, const floe_type *const *types)
{
    memset(ow, 0, sizeof *ow);
    ow->fd = -1;
    const char *method = NULL;
    if (floe_file_compression(&method, key, compression) < 0)
        return -1;
    if (floe_objstore_open_writer(&ow->w, s, key, flags) < 0)
        return -1;
    floe_sink sink = floe_objstore_writer_sink(ow->w);
    if (method) {
        const char *base = getenv("TMPDIR");
        floe_buf b = FLOE_BUF_INIT;
        floe_buf_printf(&b, "%s/floe-lake-z-XXXXXX", base && *base ? base : "/tmp");
        ow->fd = mkostemp(b.data, O_CLOEXEC);
        if (ow->fd >= 0)
            unlink(b.data);
        floe_buf_free(&b);
        if (ow->fd < 0) {
            floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot create a temporary file: %s",
                       strerror(errno));
            goto fail;
        }
        if (floe_file_codec_writer(&ow->codec, &sink, ow->fd, method, 0) < 0)
            goto fail;
    }
    floe_format_settings fs;
    floe_format_settings_init(&fs);
    if (floe_output_format_new(&ow->out, format, n, names, types, &fs, sink) < 0)
        goto fail;
    return 0;
fail:
    floe_file_codec_free(ow->codec);
    if (ow->fd >= 0)
        close(ow->fd);
    floe_objstore_writer_abort(ow->w);
    memset(ow, 0, sizeof *ow);
    return -1;
}

/* Uploads the compressed temporary file. */
static int obj_upload(floe_lake_obj_writer *ow)
{
    if (lseek(ow->fd, 0, SEEK_SET) < 0)
        return floe_error(FLOE_ERR_CANNOT_READ_FROM_FILE_DESCRIPTOR,
                          "Cannot read a temporary file: %s", strerror(errno));
    char buf[1 << 16];
    for (;;) {
        ssize_t r = read(ow->fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return floe_error(FLOE_ERR_CANNOT_READ_FROM_FILE_DESCRIPTOR,
                              "Cannot read a temporary file: %s", strerror(errno));
        if (r == 0)
            return 0;
        if (floe_objstore_writer_write(ow->w, buf, (size_t)r) < 0)
            return -1;
    }
}

int floe_lake_obj_finish(floe_lake_obj_writer *ow)
{
    int rc = floe_output_format_finish(ow->out, NULL);
    floe_output_format_free(ow->out);
    ow->out = NULL;
    if (rc == 0 && ow->codec)
        rc = floe_file_codec_finish(ow->codec);
    if (rc == 0 && ow->fd >= 0)
        rc = obj_upload(ow);
    floe_file_codec_free(ow->codec);
    ow->codec = NULL;
    if (ow->fd >= 0)
        close(ow->fd);
    ow->fd = -1;
    if (rc < 0) {
        floe_objstore_writer_abort(ow->w);
        ow->w = NULL;
        return -1;
    }
    rc = floe_objstore_writer_finish(ow->w);
    ow->w = NULL;
    return rc;
}

void floe_lake_obj_abort(floe_lake_obj_writer *ow)
{
    floe_output_format_free(ow->out);
    floe_file_codec_free(ow->codec);
    if (ow->fd >= 0)
        close(ow->fd);
    if (ow->w)
        floe_objstore_writer_abort(ow->w);
    memset(ow, 0, sizeof *ow);
    ow->fd = -1;
}

int floe_lake_check_writable(const floe_lake_target *lt)
{
    if (!lt->format)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Cannot write without a format argument");
    if (!floe_output_format_exists(lt->format))
        return floe_error(FLOE_ERR_UNKNOWN_FORMAT, "Unknown output format %s", lt->format);
    const char *m;
    return floe_file_compression(&m, "", lt->compression);
}

/* ---- masking ---- */

static floe_ast *hidden_literal(floe_arena *a, const floe_ast *like)
{
    floe_ast *l = floe_arena_alloc(a, sizeof *l);
    *l = *like;
    l->kind = FLOE_AST_LITERAL;
    memset(&l->u, 0, sizeof l->u);
    l->u.lit.value.type = floe_type_get(FLOE_TYPE_STRING);
    l->u.lit.value.v.s.ptr = "[HIDDEN]";
    l->u.lit.value.v.s.len = 8;
    return l;
}

/* A connection string with AccountKey=...; replaced. */
static floe_ast *masked_conn(floe_arena *a, const floe_ast *e)
{
    if (e->kind != FLOE_AST_LITERAL || e->u.lit.value.is_null ||
        floe_type_base(e->u.lit.value.type)->id != FLOE_TYPE_STRING)
        return (floe_ast *)e;
    const char *s = e->u.lit.value.v.s.ptr;
    size_t len = e->u.lit.value.v.s.len;
    const char *k = strstr(s, "AccountKey=");
    if (!k)
        return (floe_ast *)e;
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_append(&b, s, (size_t)(k - s) + 11);
    floe_buf_puts(&b, "[HIDDEN]");
    const char *end = memchr(k, ';', len - (size_t)(k - s));
    if (end)
        floe_buf_append(&b, end, len - (size_t)(end - s));
    floe_ast *l = floe_arena_alloc(a, sizeof *l);
    *l = *e;
    l->u.lit.value.v.s.ptr = floe_arena_strndup(a, b.data, b.len);
    l->u.lit.value.v.s.len = b.len;
    floe_buf_free(&b);
    return l;
}

floe_ast *floe_lake_masked_engine(const floe_ast *engine, floe_arena *a)
{
    if (!engine || engine->kind != FLOE_AST_FUNC)
        return (floe_ast *)engine;
    bool s3 = strcmp(engine->u.func.name, "S3") == 0 || strcmp(engine->u.func.name, "s3") == 0;
    bool az = strcmp(engine->u.func.name, "AzureBlobStorage") == 0 ||
              strcmp(engine->u.func.name, "azureBlobStorage") == 0;
    if (!s3 && !az)
        return (floe_ast *)engine;
    size_t n = engine->u.func.n_args;
    floe_ast *c = floe_arena_alloc(a, sizeof *c);
    *c = *engine;
    c->u.func.args = floe_arena_alloc(a, (n + 1) * sizeof *c->u.func.args);
    size_t first_kv = 0;
    while (first_kv < n && !is_kv(engine->u.func.args[first_kv]))
        first_kv++;
    for (size_t i = 0; i < n; i++) {
        floe_ast *x = engine->u.func.args[i];
        if (is_kv(x)) {
            const floe_ast *k = x->u.func.args[0];
            const char *kn = k->u.ident.parts[k->u.ident.n_parts - 1];
            if (strcasecmp(kn, "secret_access_key") == 0 ||
                strcasecmp(kn, "aws_secret_access_key") == 0 ||
                strcasecmp(kn, "account_key") == 0 || strcasecmp(kn, "connection_string") == 0) {
                floe_ast *kv = floe_arena_alloc(a, sizeof *kv);
                *kv = *x;
                kv->u.func.args = floe_arena_alloc(a, 2 * sizeof *kv->u.func.args);
                kv->u.func.args[0] = x->u.func.args[0];
                kv->u.func.args[1] = strcasecmp(kn, "connection_string") == 0
                                         ? masked_conn(a, x->u.func.args[1])
                                         : hidden_literal(a, x->u.func.args[1]);
                x = kv;
            }
        } else if (s3 && first_kv >= 3 && i == 2 &&
                   engine->u.func.args[0]->kind != FLOE_AST_IDENT) {
            floe_arena tmp = FLOE_ARENA_INIT;
            const char *v1 = arg_text(engine->u.func.args[1], &tmp);
            if (!floe_lake_is_format(v1) && strcasecmp(v1, "NOSIGN") != 0)
                x = hidden_literal(a, x);
            floe_arena_free(&tmp);
        } else if (az && i == 0) {
            x = masked_conn(a, x);
        } else if (az && i == 4 && first_kv >= 5) {
            floe_arena tmp = FLOE_ARENA_INIT;
            const char *v0 = arg_text(engine->u.func.args[0], &tmp);
            const char *v3 = arg_text(engine->u.func.args[3], &tmp);
            if (strstr(v0, "://") && !strstr(v0, "AccountName=") && !floe_lake_is_format(v3))
                x = hidden_literal(a, x);
            floe_arena_free(&tmp);
        }
        c->u.func.args[i] = x;
    }
    return c;
}

/* ---- EXPORT destinations ---- */

int floe_lake_resolve_destination(floe_lake_destination *out, const floe_table *t)
{
    memset(out, 0, sizeof *out);
    if (strcmp(t->engine, "S3") == 0 || strcmp(t->engine, "AzureBlobStorage") == 0) {
        floe_lake_target lt;
        if (floe_lake_table_target(&lt, t) < 0)
            return -1;
        /* an unpartitioned table takes its files at the root */
        if (lt.strategy != FLOE_LAKE_PARTITION_HIVE &&
            !(lt.strategy == FLOE_LAKE_PARTITION_NONE && !t->create->u.create_table.partition_by)) {
            floe_lake_target_free(&lt);
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                              "Exports to %s tables need PARTITION BY with partition_strategy "
                              "'hive'",
                              t->engine);
        }
        out->store = lt.store;
        out->root = floe_strdup("");
        out->format = lt.format ? lt.format : floe_strdup("Parquet");
        out->strategy = lt.strategy;
        out->partition_columns_in_data_file = lt.partition_columns_in_data_file;
        lt.store = NULL;
        lt.format = NULL;
        floe_lake_target_free(&lt);
        return 0;
    }
    if (strcmp(t->engine, "File") == 0) {
        const floe_ast *e = t->create->u.create_table.engine;
        if (!e || e->u.func.n_args < 1 || !t->data_dir)
            return floe_error(FLOE_ERR_BAD_ARGUMENTS, "File table %s has no format", t->name);
        floe_arena a = FLOE_ARENA_INIT;
        const char *fmt = arg_text(e->u.func.args[0], &a);
        floe_objstore_options o = FLOE_OBJSTORE_OPTIONS_INIT;
        o.kind = FLOE_OBJSTORE_LOCAL;
        char *root = NULL;
        if (e->u.func.n_args >= 2 && !is_kv(e->u.func.args[1])) {
            char *dr = floe_lake_data_root(t->data_dir);
            floe_buf b = FLOE_BUF_INIT;
            floe_buf_printf(&b, "%s/user_files/%s", dr ? dr : "", arg_text(e->u.func.args[1], &a));
            floe_free(dr);
            root = floe_buf_detach(&b, NULL);
        } else {
            root = floe_strdup(t->data_dir);
        }
        o.url = root;
        int rc = floe_objstore_open(&out->store, &o);
        floe_free(root);
        if (rc == 0) {
            out->root = floe_strdup("");
            out->format = floe_strdup(fmt);
            out->strategy = t->create->u.create_table.partition_by ? FLOE_LAKE_PARTITION_HIVE
                                                                   : FLOE_LAKE_PARTITION_NONE;
            for (size_t i = 1; i < e->u.func.n_args; i++)
                if (is_kv(e->u.func.args[i])) {
                    const floe_ast *k = e->u.func.args[i]->u.func.args[0];
                    const char *kn = k->u.ident.parts[k->u.ident.n_parts - 1];
                    const char *v = arg_text(e->u.func.args[i]->u.func.args[1], &a);
                    if (strcasecmp(kn, "partition_strategy") == 0 && strcasecmp(v, "wildcard") == 0)
                        out->strategy = FLOE_LAKE_PARTITION_WILDCARD;
                    else if (strcasecmp(kn, "partition_columns_in_data_file") == 0)
                        out->partition_columns_in_data_file = truthy(v);
                }
        }
        floe_arena_free(&a);
        return rc;
    }
    return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                      "Destination storage %s does not support MergeTree parts or uses "
                      "unsupported partitioning",
                      t->engine);
}

void floe_lake_destination_free(floe_lake_destination *d)
{
    floe_objstore_free(d->store);
    floe_free(d->root);
    floe_free(d->format);
    memset(d, 0, sizeof *d);
}
