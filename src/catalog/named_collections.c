/*
 * Named collections on disk: each is DIR/named_collections/<name>.sql, a
 * CREATE NAMED COLLECTION statement with every value as a quoted string,
 * written atomically. Reading one parses that file back; one process-wide
 * mutex orders the read-modify-write of CREATE, ALTER and DROP.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/fs.h"
#include "base/io.h"
#include "base/mem.h"
#include "catalog/catalog.h"
#include "catalog/named_collections.h"
#include "sql/parser.h"

static pthread_mutex_t nc_mu = PTHREAD_MUTEX_INITIALIZER;

static char *nc_dir(const char *data_path)
{
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_printf(&b, "%s/named_collections", data_path);
    return floe_buf_detach(&b, NULL);
}

/* File names keep [A-Za-z0-9_]; anything else is %XX, so any name is safe. */
static char *nc_file(const char *data_path, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_printf(&b, "%s/named_collections/", data_path);
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '_')
            floe_buf_putc(&b, (char)*p);
        else {
            floe_buf_putc(&b, '%');
            floe_buf_putc(&b, hex[*p >> 4]);
            floe_buf_putc(&b, hex[*p & 15]);
        }
    }
    floe_buf_puts(&b, ".sql");
    return floe_buf_detach(&b, NULL);
}

void floe_named_collection_free(floe_named_collection *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        floe_free(c->keys[i]);
        floe_free(c->values[i]);
    }
    floe_free(c->keys);
    floe_free(c->values);
    floe_free(c->overridable);
    floe_free(c->name);
    floe_free(c);
}

const char *floe_named_collection_value(const floe_named_collection *c, const char *key)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->keys[i], key) == 0)
            return c->values[i];
    return NULL;
}

/* The text of a literal value: a string's bytes, anything else as SQL
 * prints it (5, 1.5, true). */
static char *literal_text(const floe_ast *v)
{
    if (v->kind == FLOE_AST_LITERAL && !v->u.lit.value.is_null &&
        floe_type_base(v->u.lit.value.type)->id == FLOE_TYPE_STRING)
        return floe_strndup(v->u.lit.value.v.s.ptr, v->u.lit.value.v.s.len);
    floe_buf b = FLOE_BUF_INIT;
    floe_ast_format(&b, v, true);
    if (!b.data)
        return floe_strdup("");
    return floe_buf_detach(&b, NULL);
}

/* Sets key (replacing an existing one), keeping keys sorted. */
static void nc_set(floe_named_collection *c, const char *key, char *value, int8_t ov)
{
    size_t i = 0;
    while (i < c->n && strcmp(c->keys[i], key) < 0)
        i++;
    if (i < c->n && strcmp(c->keys[i], key) == 0) {
        floe_free(c->values[i]);
        c->values[i] = value;
        c->overridable[i] = ov;
        return;
    }
    c->keys = floe_realloc(c->keys, (c->n + 1) * sizeof *c->keys);
    c->values = floe_realloc(c->values, (c->n + 1) * sizeof *c->values);
    c->overridable = floe_realloc(c->overridable, (c->n + 1) * sizeof *c->overridable);
    memmove(c->keys + i + 1, c->keys + i, (c->n - i) * sizeof *c->keys);
    memmove(c->values + i + 1, c->values + i, (c->n - i) * sizeof *c->values);
    memmove(c->overridable + i + 1, c->overridable + i, (c->n - i) * sizeof *c->overridable);
    c->keys[i] = floe_strdup(key);
    c->values[i] = value;
    c->overridable[i] = ov;
    c->n++;
}

static bool nc_delete(floe_named_collection *c, const char *key)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->keys[i], key) == 0) {
            floe_free(c->keys[i]);
            floe_free(c->values[i]);
            memmove(c->keys + i, c->keys + i + 1, (c->n - i - 1) * sizeof *c->keys);
            memmove(c->values + i, c->values + i + 1, (c->n - i - 1) * sizeof *c->values);
            memmove(c->overridable + i, c->overridable + i + 1,
                    (c->n - i - 1) * sizeof *c->overridable);
            c->n--;
            return true;
        }
    return false;
}

static void quote_ident(floe_buf *out, const char *s)
{
    bool plain = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_';
    for (const char *p = s; *p && plain; p++)
        plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                *p == '_';
    if (plain) {
        floe_buf_puts(out, s);
        return;
    }
    floe_buf_putc(out, '`');
    for (const char *p = s; *p; p++) {
        if (*p == '`' || *p == '\\')
            floe_buf_putc(out, '\\');
        floe_buf_putc(out, *p);
    }
    floe_buf_putc(out, '`');
}

static void quote_string(floe_buf *out, const char *s)
{
    floe_buf_putc(out, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'' || *p == '\\')
            floe_buf_putc(out, '\\');
        floe_buf_putc(out, *p);
    }
    floe_buf_putc(out, '\'');
}

/* The statement for c; masked: every value '[HIDDEN]'. */
static void nc_query(floe_buf *out, const floe_named_collection *c, bool masked)
{
    floe_buf_puts(out, "CREATE NAMED COLLECTION ");
    if (c->if_not_exists)
        floe_buf_puts(out, "IF NOT EXISTS ");
    quote_ident(out, c->name);
    floe_buf_puts(out, " AS ");
    for (size_t i = 0; i < c->n; i++) {
        if (i)
            floe_buf_puts(out, ", ");
        quote_ident(out, c->keys[i]);
        floe_buf_puts(out, " = ");
        quote_string(out, masked ? "[HIDDEN]" : c->values[i]);
        if (c->overridable[i] == 0)
            floe_buf_puts(out, " NOT OVERRIDABLE");
        else if (c->overridable[i] == 1)
            floe_buf_puts(out, " OVERRIDABLE");
    }
}

void floe_named_collection_masked_query(floe_buf *out, const floe_named_collection *c)
{
    nc_query(out, c, true);
}

static int nc_write(const char *data_path, const floe_named_collection *c)
{
    char *dir = nc_dir(data_path);
    int rc = floe_fs_mkdir_p(dir);
    floe_free(dir);
    if (rc < 0)
        return -1;
    floe_buf q = FLOE_BUF_INIT;
    nc_query(&q, c, false);
    floe_buf_putc(&q, '\n');
    char *path = nc_file(data_path, c->name);
    rc = floe_write_file_atomic(path, q.data, q.len);
    if (rc == 0)
        chmod(path, 0600); /* it holds secrets */
    floe_free(path);
    /* the buffer held secrets */
    memset(q.data, 0, q.len);
    floe_buf_free(&q);
    return rc;
}

/* Builds a collection from a CREATE statement's items. */
static floe_named_collection *nc_from_create(const floe_ast *stmt)
{
    floe_named_collection *c = floe_calloc(1, sizeof *c);
    c->name = floe_strdup(stmt->u.named_collection.name);
    c->if_not_exists = stmt->u.named_collection.if_not_exists;
    for (size_t i = 0; i < stmt->u.named_collection.n_items; i++) {
        const floe_ast_setting *s = &stmt->u.named_collection.items[i];
        nc_set(c, s->name, literal_text(s->value), stmt->u.named_collection.overridable[i]);
    }
    return c;
}

/* Reads the file of name; *out NULL (and 0) when there is none. */
static int nc_read(floe_named_collection **out, const char *data_path, const char *name)
{
    *out = NULL;
    char *path = nc_file(data_path, name);
    char *text = NULL;
    size_t len = 0;
    struct stat st;
    if (stat(path, &st) < 0) {
        floe_free(path);
        return 0;
    }
    int rc = floe_read_file(&text, &len, path);
    if (rc < 0) {
        floe_free(path);
        return -1;
    }
    floe_arena a = FLOE_ARENA_INIT;
    floe_ast *stmt = NULL;
    size_t used = 0;
    floe_parse_options po = FLOE_PARSE_OPTIONS_INIT;
    if (floe_sql_parse(&stmt, &used, &a, text, len, &po) < 0 || !stmt ||
        stmt->kind != FLOE_AST_CREATE_NAMED_COLLECTION) {
        /* the message could quote a secret: say only which file */
        floe_error_clear();
        rc = floe_error(FLOE_ERR_CANNOT_PARSE_TEXT, "Cannot parse named collection file %s", path);
    } else {
        *out = nc_from_create(stmt);
    }
    memset(text, 0, len);
    floe_free(text);
    floe_arena_free(&a);
    floe_free(path);
    return rc;
}

int floe_named_collection_get(floe_named_collection **out, const char *data_path, const char *name)
{
    pthread_mutex_lock(&nc_mu);
    int rc = nc_read(out, data_path, name);
    pthread_mutex_unlock(&nc_mu);
    if (rc == 0 && !*out)
        return floe_error(FLOE_ERR_NAMED_COLLECTION_DOESNT_EXIST,
                          "There is no named collection `%s`", name);
    return rc;
}

static int cmp_nc(const void *a, const void *b)
{
    return strcmp((*(floe_named_collection *const *)a)->name,
                  (*(floe_named_collection *const *)b)->name);
}

/* The name a file stands for (undoing nc_file's %XX). */
static char *name_of_file(const char *f)
{
    size_t n = strlen(f) - 4;
    floe_buf b = FLOE_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (f[i] == '%' && i + 2 < n) {
            char h[3] = {f[i + 1], f[i + 2], 0};
            floe_buf_putc(&b, (char)strtol(h, NULL, 16));
            i += 2;
        } else {
            floe_buf_putc(&b, f[i]);
        }
    }
    if (!b.data)
        return floe_strdup("");
    return floe_buf_detach(&b, NULL);
}

int floe_named_collection_list(floe_named_collection ***out, size_t *n, const char *data_path)
{
    *out = NULL;
    *n = 0;
    char *dir = nc_dir(data_path);
    DIR *d = opendir(dir);
    floe_free(dir);
    if (!d)
        return 0;
    floe_named_collection **v = NULL;
    size_t k = 0;
    int rc = 0;
    pthread_mutex_lock(&nc_mu);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < 5 || strcmp(e->d_name + l - 4, ".sql") != 0)
            continue;
        char *name = name_of_file(e->d_name);
        floe_named_collection *c = NULL;
        rc = nc_read(&c, data_path, name);
        floe_free(name);
        if (rc < 0)
            break;
        if (!c)
            continue;
        v = floe_realloc(v, (k + 1) * sizeof *v);
        v[k++] = c;
    }
    pthread_mutex_unlock(&nc_mu);
    closedir(d);
    if (rc < 0) {
        for (size_t i = 0; i < k; i++)
            floe_named_collection_free(v[i]);
        floe_free(v);
        return -1;
    }
    if (k > 1)
        qsort(v, k, sizeof *v, cmp_nc);
    *out = v;
    *n = k;
    return 0;
}

int floe_named_collection_create(const char *data_path, const floe_ast *stmt)
{
    const char *name = stmt->u.named_collection.name;
    pthread_mutex_lock(&nc_mu);
    floe_named_collection *old = NULL;
    int rc = nc_read(&old, data_path, name);
    if (rc == 0 && old) {
        if (!stmt->u.named_collection.if_not_exists)
            rc = floe_error(FLOE_ERR_NAMED_COLLECTION_ALREADY_EXISTS,
                            "A named collection `%s` already exists", name);
    } else if (rc == 0) {
        floe_named_collection *c = nc_from_create(stmt);
        rc = nc_write(data_path, c);
        floe_named_collection_free(c);
    }
    floe_named_collection_free(old);
    pthread_mutex_unlock(&nc_mu);
    return rc;
}

int floe_named_collection_alter(const char *data_path, const floe_ast *stmt)
{
    const char *name = stmt->u.named_collection.name;
    pthread_mutex_lock(&nc_mu);
    floe_named_collection *c = NULL;
    int rc = nc_read(&c, data_path, name);
    if (rc < 0)
        goto done;
    if (!c) {
        if (!stmt->u.named_collection.if_exists)
            rc = floe_error(FLOE_ERR_NAMED_COLLECTION_DOESNT_EXIST,
                            "Cannot update collection `%s`, because it doesn't exist", name);
        goto done;
    }
    for (size_t i = 0; i < stmt->u.named_collection.n_items; i++) {
        const floe_ast_setting *s = &stmt->u.named_collection.items[i];
        nc_set(c, s->name, literal_text(s->value), stmt->u.named_collection.overridable[i]);
    }
    for (size_t i = 0; i < stmt->u.named_collection.n_delete_keys; i++)
        if (!nc_delete(c, stmt->u.named_collection.delete_keys[i])) {
            rc = floe_error(FLOE_ERR_BAD_ARGUMENTS,
                            "Cannot delete key `%s` because it does not exist in collection",
                            stmt->u.named_collection.delete_keys[i]);
            goto done;
        }
    rc = nc_write(data_path, c);
done:
    floe_named_collection_free(c);
    pthread_mutex_unlock(&nc_mu);
    return rc;
}

/* "db.t, db.u" for the tables whose engine names collection name first. */
static void users_of(floe_buf *out, floe_catalog *cat, const char *name)
{
    char **dbs = NULL;
    size_t n_db = 0;
    if (floe_catalog_list_databases(cat, &dbs, &n_db) < 0) {
        floe_error_clear();
        return;
    }
    for (size_t d = 0; d < n_db; d++) {
        char **tables = NULL;
        size_t n_t = 0;
        if (floe_catalog_list_tables(cat, dbs[d], &tables, &n_t) < 0)
            floe_error_clear();
        for (size_t i = 0; i < n_t; i++) {
            floe_table *t;
            if (floe_catalog_get_table(&t, cat, dbs[d], tables[i]) < 0) {
                floe_error_clear();
            } else {
                const floe_ast *e = t->create->u.create_table.engine;
                if (e && e->kind == FLOE_AST_FUNC && e->u.func.n_args > 0 &&
                    (strcmp(e->u.func.name, "S3") == 0 ||
                     strcmp(e->u.func.name, "AzureBlobStorage") == 0) &&
                    e->u.func.args[0]->kind == FLOE_AST_IDENT &&
                    e->u.func.args[0]->u.ident.n_parts == 1 &&
                    strcmp(e->u.func.args[0]->u.ident.parts[0], name) == 0)
                    floe_buf_printf(out, "%s%s.%s", out->len ? ", " : "", dbs[d], tables[i]);
                floe_table_unref(t);
            }
            floe_free(tables[i]);
        }
        floe_free(tables);
        floe_free(dbs[d]);
    }
    floe_free(dbs);
}

int floe_named_collection_drop(const char *data_path, struct floe_catalog *cat, const char *name,
                               bool if_exists)
{
    if (cat) {
        floe_buf users = FLOE_BUF_INIT;
        users_of(&users, cat, name);
        if (users.len) {
            int rc = floe_error(FLOE_ERR_NAMED_COLLECTION_IS_USED,
                                "Named collection `%s` is used by tables: %s", name, users.data);
            floe_buf_free(&users);
            return rc;
        }
    }
    pthread_mutex_lock(&nc_mu);
    char *path = nc_file(data_path, name);
    int rc = 0;
    if (unlink(path) < 0) {
        if (errno != ENOENT)
            rc = floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot remove %s: %s", path,
                            strerror(errno));
        else if (!if_exists)
            rc = floe_error(FLOE_ERR_NAMED_COLLECTION_DOESNT_EXIST,
                            "Cannot remove collection `%s`, because it doesn't exist", name);
    }
    floe_free(path);
    pthread_mutex_unlock(&nc_mu);
    return rc;
}

int floe_named_collection_kv(size_t *n, char ***keys, char ***values, bool **overridable,
                             const char *data_path, const char *name)
{
    floe_named_collection *c;
    if (floe_named_collection_get(&c, data_path, name) < 0)
        return -1;
    *n = c->n;
    *keys = c->keys;
    *values = c->values;
    *overridable = floe_malloc((c->n + 1) * sizeof **overridable);
    for (size_t i = 0; i < c->n; i++)
        (*overridable)[i] = c->overridable[i] != 0;
    c->keys = c->values = NULL;
    c->n = 0;
    floe_named_collection_free(c);
    return 0;
}
