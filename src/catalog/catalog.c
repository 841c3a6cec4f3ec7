/*
 * Databases and tables in memory and on disk. Every change writes the
 * metadata file first (atomically) and publishes the change in memory after,
 * under the catalog mutex, so a crash leaves either the old or the new
 * definition on disk.
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
#include "sql/parser.h"
#include "storage/mergetree/mergetree.h"
#include "storage/mergetree/mutations.h"

typedef struct cat_db {
    char *name;
    floe_table **tables;
    size_t n, cap;
} cat_db;

struct floe_catalog {
    pthread_mutex_t mu;
    char *path;
    floe_storage_config *storage;
    cat_db *dbs;
    size_t n, cap;
};

static const char *builtin_dbs[] = {"INFORMATION_SCHEMA", "information_schema", "system"};

bool floe_catalog_is_builtin_database(const char *db)
{
    for (size_t i = 0; i < sizeof builtin_dbs / sizeof builtin_dbs[0]; i++)
        if (strcmp(builtin_dbs[i], db) == 0)
            return true;
    return false;
}

static cat_db *find_db(floe_catalog *c, const char *name)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->dbs[i].name, name) == 0)
            return &c->dbs[i];
    return NULL;
}

static int find_table(cat_db *d, const char *name)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->tables[i]->name, name) == 0)
            return (int)i;
    return -1;
}

static void add_db(floe_catalog *c, const char *name)
{
    FLOE_GROW(c->dbs, c->cap, c->n + 1);
    memset(&c->dbs[c->n], 0, sizeof c->dbs[c->n]);
    c->dbs[c->n].name = floe_strdup(name);
    c->n++;
}

static void db_path(char *out, size_t size, const floe_catalog *c, const char *kind,
                    const char *db, const char *table, const char *suffix)
{
    if (table)
        snprintf(out, size, "%s/%s/%s/%s%s", c->path, kind, db, table, suffix);
    else
        snprintf(out, size, "%s/%s/%s%s", c->path, kind, db, suffix);
}

/* Parses a stored or given CREATE/ATTACH TABLE statement text into a table. */
static int table_from_text(floe_table **out, floe_catalog *c, const char *db, const char *text,
                           size_t len)
{
    floe_arena a = FLOE_ARENA_INIT;
    floe_ast *stmt = NULL;
    size_t used = 0;
    if (floe_sql_parse(&stmt, &used, &a, text, len, NULL) < 0) {
        floe_arena_free(&a);
        return -1;
    }
    if (!stmt || stmt->kind != FLOE_AST_CREATE_TABLE) {
        floe_arena_free(&a);
        return floe_error(FLOE_ERR_INCORRECT_QUERY, "Metadata is not a table definition");
    }
    stmt->u.create_table.db = floe_arena_strdup(&a, db);
    char dir[4096];
    db_path(dir, sizeof dir, c, "data", db, stmt->u.create_table.name, "");
    floe_table *t = NULL;
    if (floe_table_create_in(&t, stmt, db, dir, c->storage) < 0) {
        floe_arena_free(&a);
        return -1;
    }
    /* the table owns the statement: move the arena into it */
    floe_arena_take(&t->arena, &a);
    *out = t;
    return 0;
}

static char *attach_text(const floe_ast *create_in, floe_arena *a, const char *db,
                         size_t *len)
{
    floe_ast copy = *create_in;
    /* stored as CREATE TABLE: the same text SHOW CREATE TABLE gives */
    copy.u.create_table.attach = false;
    copy.u.create_table.if_not_exists = false;
    copy.u.create_table.or_replace = false;
    copy.u.create_table.db = NULL;
    copy.output = NULL;
    (void)a;
    (void)db;
    floe_buf b = FLOE_BUF_INIT;
    floe_ast_format(&b, &copy, false);
    floe_buf_putc(&b, '\n');
    return floe_buf_detach(&b, len);
}

const floe_storage_config *floe_catalog_storage(const floe_catalog *c)
{
    return c->storage;
}

int floe_catalog_open(floe_catalog **out, const char *path, floe_storage_config *storage)
{
    floe_catalog *c = floe_calloc(1, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    c->path = floe_strdup(path);
    c->storage = storage ? storage : floe_storage_config_default(path);
    char p[4096];
    int rc = -1;
    snprintf(p, sizeof p, "%s/metadata", path);
    if (floe_fs_mkdir_p(p) < 0)
        goto done;
    snprintf(p, sizeof p, "%s/data", path);
    if (floe_fs_mkdir_p(p) < 0)
        goto done;
    snprintf(p, sizeof p, "%s/user_files", path);
    if (floe_fs_mkdir_p(p) < 0)
        goto done;
    snprintf(p, sizeof p, "%s/metadata", path);
    DIR *d = opendir(p);
    if (!d) {
        floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot open directory %s", p);
        goto done;
    }
    struct dirent *e;
    char **names = NULL;
    size_t n_names = 0, cap_names = 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".sql") == 0) {
            FLOE_GROW(names, cap_names, n_names + 1);
            names[n_names++] = floe_strndup(e->d_name, l - 4);
        }
    }
    closedir(d);
    bool has_default = false;
    for (size_t i = 0; i < n_names; i++) {
        add_db(c, names[i]);
        has_default |= strcmp(names[i], "default") == 0;
    }
    for (size_t i = 0; i < n_names; i++)
        floe_free(names[i]);
    floe_free(names);
    if (!has_default && floe_catalog_create_database(c, "default", true) < 0)
        goto done;
    for (size_t i = 0; i < c->n; i++) {
        cat_db *db = &c->dbs[i];
        db_path(p, sizeof p, c, "metadata", db->name, NULL, "");
        floe_fs_mkdir_p(p);
        DIR *td = opendir(p);
        if (!td)
            continue;
        while ((e = readdir(td))) {
            size_t l = strlen(e->d_name);
            if (l <= 4 || strcmp(e->d_name + l - 4, ".sql") != 0)
                continue;
            char file[4096 + 512];
            snprintf(file, sizeof file, "%s/%s", p, e->d_name);
            char *text = NULL;
            size_t len = 0;
            floe_table *t = NULL;
            if (floe_read_file(&text, &len, file) < 0 ||
                table_from_text(&t, c, db->name, text, len) < 0) {
                floe_free(text);
                closedir(td);
                floe_error_prefix("Cannot attach table from metadata file %s", file);
                goto done;
            }
            floe_free(text);
            FLOE_GROW(db->tables, db->cap, db->n + 1);
            db->tables[db->n++] = t;
        }
        closedir(td);
    }
    rc = 0;
done:
    if (rc < 0) {
        floe_catalog_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

void floe_catalog_free(floe_catalog *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        for (size_t j = 0; j < c->dbs[i].n; j++)
            floe_table_unref(c->dbs[i].tables[j]);
        floe_free(c->dbs[i].tables);
        floe_free(c->dbs[i].name);
    }
    floe_free(c->dbs);
    floe_free(c->path);
    floe_storage_config_free(c->storage);
    pthread_mutex_destroy(&c->mu);
    floe_free(c);
}

int floe_catalog_get_table(floe_table **out, floe_catalog *c, const char *db, const char *name)
{
    pthread_mutex_lock(&c->mu);
    cat_db *d = find_db(c, db);
    int rc = 0;
    if (!d) {
        rc = floe_error(FLOE_ERR_UNKNOWN_DATABASE, "Database %s does not exist", db);
    } else {
        int i = find_table(d, name);
        if (i < 0) {
            rc = floe_error(FLOE_ERR_UNKNOWN_TABLE, "Table %s.%s does not exist", db, name);
        } else {
            *out = d->tables[i];
            floe_table_ref(*out);
        }
    }
    pthread_mutex_unlock(&c->mu);
    return rc;
}

int floe_catalog_system_table(floe_table **out, floe_catalog *c, const char *name,
                              const char *create_text)
{
    pthread_mutex_lock(&c->mu);
    int rc = 0;
    char *text = NULL;
    size_t len = 0;
    cat_db *d = find_db(c, "system");
    if (!d) {
        add_db(c, "system");
        d = &c->dbs[c->n - 1];
    }
    int i = find_table(d, name);
    if (i >= 0) {
        *out = d->tables[i];
        floe_table_ref(*out);
        goto done;
    }
    char p[4096];
    db_path(p, sizeof p, c, "metadata", "system", NULL, "");
    if ((rc = floe_fs_mkdir_p(p)) < 0)
        goto done;
    db_path(p, sizeof p, c, "data", "system", name, "");
    if ((rc = floe_fs_mkdir_p(p)) < 0)
        goto done;
    db_path(p, sizeof p, c, "metadata", "system", name, ".sql");
    if (floe_read_file(&text, &len, p) < 0) {
        floe_error_clear();
        text = floe_strdup(create_text);
        len = strlen(text);
        if ((rc = floe_write_file_atomic(p, text, len)) < 0)
            goto done;
    }
    floe_table *t = NULL;
    if ((rc = table_from_text(&t, c, "system", text, len)) < 0)
        goto done;
    FLOE_GROW(d->tables, d->cap, d->n + 1);
    d->tables[d->n++] = t;
    floe_table_ref(t);
    *out = t;
done:
    pthread_mutex_unlock(&c->mu);
    floe_free(text);
    return rc;
}

bool floe_catalog_has_database(floe_catalog *c, const char *db)
{
    pthread_mutex_lock(&c->mu);
    bool r = find_db(c, db) != NULL;
    pthread_mutex_unlock(&c->mu);
    return r;
}

int floe_catalog_create_database(floe_catalog *c, const char *name, bool if_not_exists)
{
    if (floe_catalog_is_builtin_database(name)) {
        if (if_not_exists)
            return 0;
        return floe_error(FLOE_ERR_DATABASE_ALREADY_EXISTS, "Database %s already exists", name);
    }
    pthread_mutex_lock(&c->mu);
    int rc = 0;
    if (find_db(c, name)) {
        if (!if_not_exists)
            rc = floe_error(FLOE_ERR_DATABASE_ALREADY_EXISTS, "Database %s already exists", name);
        goto done;
    }
    char p[4096];
    db_path(p, sizeof p, c, "metadata", name, NULL, "");
    if ((rc = floe_fs_mkdir_p(p)) < 0)
        goto done;
    db_path(p, sizeof p, c, "data", name, NULL, "");
    if ((rc = floe_fs_mkdir_p(p)) < 0)
        goto done;
    db_path(p, sizeof p, c, "metadata", name, NULL, ".sql");
    char text[1024];
    int len = snprintf(text, sizeof text, "ATTACH DATABASE `%s`\nENGINE = Atomic\n", name);
    if ((rc = floe_write_file_atomic(p, text, (size_t)len)) < 0)
        goto done;
    add_db(c, name);
done:
    pthread_mutex_unlock(&c->mu);
    return rc;
}

int floe_catalog_drop_database(floe_catalog *c, const char *name, bool if_exists)
{
    if (floe_catalog_is_builtin_database(name))
        return floe_error(FLOE_ERR_DATABASE_ACCESS_DENIED, "Cannot drop system database %s",
                          name);
    pthread_mutex_lock(&c->mu);
    int rc = 0;
    cat_db *d = find_db(c, name);
    if (!d) {
        if (!if_exists)
            rc = floe_error(FLOE_ERR_UNKNOWN_DATABASE, "Database %s does not exist", name);
        goto done;
    }
    char p[4096];
    for (size_t j = 0; j < d->n; j++) {
        floe_table *t = d->tables[j];
        if (t->ops->drop)
            t->ops->drop(t);
        floe_table_unref(t);
    }
    floe_free(d->tables);
    db_path(p, sizeof p, c, "metadata", name, NULL, ".sql");
    unlink(p);
    db_path(p, sizeof p, c, "metadata", name, NULL, "");
    floe_fs_remove_tree(p);
    db_path(p, sizeof p, c, "data", name, NULL, "");
    floe_fs_remove_tree(p);
    floe_free(d->name);
    size_t idx = (size_t)(d - c->dbs);
    memmove(&c->dbs[idx], &c->dbs[idx + 1], (c->n - idx - 1) * sizeof *c->dbs);
    c->n--;
done:
    pthread_mutex_unlock(&c->mu);
    return rc;
}

int floe_catalog_create_table(floe_catalog *c, const floe_ast *create, const char *db)
{
    const char *name = create->u.create_table.name;
    if (floe_catalog_is_builtin_database(db))
        return floe_error(FLOE_ERR_DATABASE_ACCESS_DENIED,
                          "Cannot create tables in system database %s", db);
    pthread_mutex_lock(&c->mu);
    int rc = 0;
    char *text = NULL;
    floe_table *t = NULL;
    cat_db *d = find_db(c, db);
    if (!d) {
        rc = floe_error(FLOE_ERR_UNKNOWN_DATABASE, "Database %s does not exist", db);
        goto done;
    }
    if (find_table(d, name) >= 0) {
        if (!create->u.create_table.if_not_exists)
            rc = floe_error(FLOE_ERR_TABLE_ALREADY_EXISTS, "Table %s.%s already exists", db,
                            name);
        goto done;
    }
    size_t len = 0;
    text = attach_text(create, NULL, db, &len);
    /* Build the table from the text that will be stored, so what runs now is
     * exactly what a restart loads. */
    if ((rc = table_from_text(&t, c, db, text, len)) < 0)
        goto done;
    char p[4096];
    db_path(p, sizeof p, c, "data", db, name, "");
    if ((rc = floe_fs_mkdir_p(p)) < 0)
        goto done;
    db_path(p, sizeof p, c, "metadata", db, name, ".sql");
    if ((rc = floe_write_file_atomic(p, text, len)) < 0)
        goto done;
    FLOE_GROW(d->tables, d->cap, d->n + 1);
    d->tables[d->n++] = t;
    t = NULL;
done:
    pthread_mutex_unlock(&c->mu);
    if (t)
        floe_table_unref(t);
    floe_free(text);
    return rc;
}

int floe_catalog_drop_table(floe_catalog *c, const char *db, const char *name, bool if_exists)
{
    pthread_mutex_lock(&c->mu);
    int rc = 0;
    cat_db *d = find_db(c, db);
    if (!d) {
        if (!if_exists)
            rc = floe_error(FLOE_ERR_UNKNOWN_DATABASE, "Database %s does not exist", db);
        goto done;
    }
    int i = find_table(d, name);
    if (i < 0) {
        if (!if_exists)
            rc = floe_error(FLOE_ERR_UNKNOWN_TABLE, "Table %s.%s does not exist", db, name);
        goto done;
    }
    floe_table *t = d->tables[i];
    char p[4096];
    db_path(p, sizeof p, c, "metadata", db, name, ".sql");
    unlink(p);
    if (t->ops->drop)
        t->ops->drop(t);
    db_path(p, sizeof p, c, "data", db, name, "");
    floe_fs_remove_tree(p);
    memmove(&d->tables[i], &d->tables[i + 1], (d->n - (size_t)i - 1) * sizeof *d->tables);
    d->n--;
    floe_table_unref(t);
done:
    pthread_mutex_unlock(&c->mu);
    return rc;
}

int floe_catalog_rename_table(floe_catalog *c, const char *db, const char *name,
                              const char *to_db, const char *to_name)
{
    pthread_mutex_lock(&c->mu);
    int rc = 0;
    char *text = NULL;
    floe_table *nt = NULL;
    cat_db *d = find_db(c, db), *td = find_db(c, to_db);
    if (!d || !td) {
        rc = floe_error(FLOE_ERR_UNKNOWN_DATABASE, "Database %s does not exist", d ? to_db : db);
        goto done;
    }
    int i = find_table(d, name);
    if (i < 0) {
        rc = floe_error(FLOE_ERR_UNKNOWN_TABLE, "Table %s.%s does not exist", db, name);
        goto done;
    }
    if (find_table(td, to_name) >= 0) {
        rc = floe_error(FLOE_ERR_TABLE_ALREADY_EXISTS, "Table %s.%s already exists", to_db,
                        to_name);
        goto done;
    }
    floe_table *t = d->tables[i];
    if (strcmp(t->engine, "Memory") == 0 || strcmp(t->engine, "Null") == 0) {
        /* data lives in memory: rename in place */
        floe_ast copy = *t->create;
        copy.u.create_table.name = to_name;
        size_t len = 0;
        text = attach_text(&copy, NULL, to_db, &len);
        char p[4096], q[4096];
        db_path(q, sizeof q, c, "metadata", to_db, to_name, ".sql");
        if ((rc = floe_write_file_atomic(q, text, len)) < 0)
            goto done;
        db_path(p, sizeof p, c, "metadata", db, name, ".sql");
        unlink(p);
        db_path(p, sizeof p, c, "data", db, name, "");
        db_path(q, sizeof q, c, "data", to_db, to_name, "");
        rename(p, q);
        floe_free(t->name);
        t->name = floe_strdup(to_name);
        floe_free(t->db);
        t->db = floe_strdup(to_db);
        t->create->u.create_table.name = floe_arena_strdup(&t->arena, to_name);
        t->create->u.create_table.db = floe_arena_strdup(&t->arena, to_db);
        memmove(&d->tables[i], &d->tables[i + 1], (d->n - (size_t)i - 1) * sizeof *d->tables);
        d->n--;
        FLOE_GROW(td->tables, td->cap, td->n + 1);
        td->tables[td->n++] = t;
    } else {
        rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED, "RENAME of %s tables is not supported yet",
                        t->engine);
    }
done:
    pthread_mutex_unlock(&c->mu);
    if (nt)
        floe_table_unref(nt);
    floe_free(text);
    return rc;
}

/* ALTER of a table's definition: the new object is built over an empty
 * scratch directory (so nothing is loaded twice and no directory has two
 * owners), the metadata file is rewritten, then the new object takes over
 * the old one's data (floe_mergetree_adopt) and replaces it in the list. */
int floe_catalog_alter_table(floe_table **out, floe_catalog *c, const char *db, const char *name,
                             const floe_ast *new_create)
{
    pthread_mutex_lock(&c->mu);
    int rc = 0;
    char *text = NULL;
    floe_table *nt = NULL;
    char scratch[4096] = "";
    cat_db *d = find_db(c, db);
    if (!d) {
        rc = floe_error(FLOE_ERR_UNKNOWN_DATABASE, "Database %s does not exist", db);
        goto done;
    }
    int i = find_table(d, name);
    if (i < 0) {
        rc = floe_error(FLOE_ERR_UNKNOWN_TABLE, "Table %s.%s does not exist", db, name);
        goto done;
    }
    floe_table *old = d->tables[i];
    if (!floe_mergetree_is(old)) {
        rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED, "ALTER of columns of %s tables is not supported",
                        old->engine);
        goto done;
    }
    size_t len = 0;
    text = attach_text(new_create, NULL, db, &len);
    floe_arena a = FLOE_ARENA_INIT;
    floe_ast *stmt = NULL;
    size_t used = 0;
    if ((rc = floe_sql_parse(&stmt, &used, &a, text, len, NULL)) < 0 || !stmt ||
        stmt->kind != FLOE_AST_CREATE_TABLE) {
        floe_arena_free(&a);
        if (rc == 0)
            rc = floe_error(FLOE_ERR_LOGICAL_ERROR, "ALTER produced no table definition");
        goto done;
    }
    stmt->u.create_table.db = floe_arena_strdup(&a, db);
    db_path(scratch, sizeof scratch, c, "data", db, ".alter_", name);
    floe_fs_remove_tree(scratch);
    if ((rc = floe_table_create_in(&nt, stmt, db, scratch, c->storage)) < 0) {
        nt = NULL;
        floe_arena_free(&a);
        goto done;
    }
    floe_arena_take(&nt->arena, &a);
    char p[4096];
    db_path(p, sizeof p, c, "metadata", db, name, ".sql");
    if ((rc = floe_write_file_atomic(p, text, len)) < 0)
        goto done;
    floe_mergetree_adopt(nt, old);
    d->tables[i] = nt; /* the list takes the creation reference */
    floe_table_unref(old);
    floe_table_ref(nt);
    *out = nt;
    nt = NULL;
done:
    pthread_mutex_unlock(&c->mu);
    if (nt)
        floe_table_unref(nt);
    if (scratch[0])
        floe_fs_remove_tree(scratch);
    floe_free(text);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int floe_catalog_list_databases(floe_catalog *c, char ***names, size_t *n)
{
    pthread_mutex_lock(&c->mu);
    size_t nb = sizeof builtin_dbs / sizeof builtin_dbs[0];
    char **r = floe_malloc((c->n + nb + 1) * sizeof *r);
    size_t k = 0;
    for (size_t i = 0; i < nb; i++)
        r[k++] = floe_strdup(builtin_dbs[i]);
    for (size_t i = 0; i < c->n; i++)
        if (!floe_catalog_is_builtin_database(c->dbs[i].name))
            r[k++] = floe_strdup(c->dbs[i].name);
    pthread_mutex_unlock(&c->mu);
    qsort(r, k, sizeof *r, cmp_str);
    *names = r;
    *n = k;
    return 0;
}

int floe_catalog_list_tables(floe_catalog *c, const char *db, char ***names, size_t *n)
{
    pthread_mutex_lock(&c->mu);
    cat_db *d = find_db(c, db);
    if (!d) {
        pthread_mutex_unlock(&c->mu);
        if (floe_catalog_is_builtin_database(db)) {
            *names = floe_malloc(sizeof **names);
            *n = 0;
            return 0;
        }
        return floe_error(FLOE_ERR_UNKNOWN_DATABASE, "Database %s does not exist", db);
    }
    char **r = floe_malloc((d->n + 1) * sizeof *r);
    for (size_t i = 0; i < d->n; i++)
        r[i] = floe_strdup(d->tables[i]->name);
    size_t k = d->n;
    pthread_mutex_unlock(&c->mu);
    qsort(r, k, sizeof *r, cmp_str);
    *names = r;
    *n = k;
    return 0;
}
