/*
 * include/floe.h: data directories, sessions and the statement dispatcher.
 * Each floe_exec parses one statement into a per-statement arena, applies
 * its SETTINGS over the session's, runs it, and reports rows and time.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/mem.h"
#include "expr/function.h"
#include "catalog/named_collections.h"
#include "catalog/storage_config.h"
#include "catalog/system_tables.h"
#include "ops/alter.h"
#include "ops/export.h"
#include "ops/part_log.h"
#include "ops/internal.h"
#include "storage/lake/lake_common.h"
#include "storage/mergetree/background.h"
#include "sql/parser.h"

const char *floe_version(void)
{
    return FLOE_VERSION;
}

int floe_last_error_code(void)
{
    return floe_error_code();
}

const char *floe_last_error_name(void)
{
    return floe_errcode_name(floe_error_code());
}

const char *floe_last_error_message(void)
{
    return floe_error_message();
}

void floe_last_error_format(char *out, size_t size)
{
    floe_error_format(out, size);
}

int floe_open(floe_db **out, const char *path)
{
    return floe_open_with(out, path, NULL);
}

int floe_open_with(floe_db **out, const char *path, const floe_open_options *opts)
{
    floe_functions_init();
    floe_ops_export_register_system();
    floe_part_log_start();
    floe_lake_set_collection_lookup(floe_named_collection_kv);
    floe_db *db = floe_calloc(1, sizeof *db);
    if (!path) {
        const char *tmp = getenv("TMPDIR");
        char tmpl[4096];
        snprintf(tmpl, sizeof tmpl, "%s/floe-local-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(tmpl)) {
            floe_free(db);
            return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot create a temporary directory: %s",
                              strerror(errno));
        }
        db->path = floe_strdup(tmpl);
        db->temporary = true;
    } else {
        if (mkdir(path, 0755) < 0 && errno != EEXIST) {
            floe_free(db);
            return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot create directory %s: %s", path,
                              strerror(errno));
        }
        char *abs = realpath(path, NULL);
        db->path = floe_strdup(abs ? abs : path);
        free(abs);
    }
    floe_storage_config *storage = NULL;
    int crc = 0;
    db->defaults = floe_settings_new();
    if (opts && opts->config_file)
        crc = floe_config_load(&storage, db->defaults, opts->config_file, db->path);
    else if (opts && opts->config_xml)
        crc = floe_config_parse(&storage, db->defaults, opts->config_xml,
                                strlen(opts->config_xml), db->path, "text");
    if (crc < 0 || floe_catalog_open(&db->catalog, db->path, storage) < 0) {
        floe_close(db);
        return -1;
    }
    *out = db;
    return 0;
}

void floe_close(floe_db *db)
{
    if (!db)
        return;
    floe_ops_export_wait_all();
    floe_bg_shutdown(); /* lets a merge in flight finish */
    /* a temporary directory goes away: its log is not worth writing */
    if (db->catalog && !db->temporary && floe_part_log_flush(db->catalog, false) < 0) {
        char msg[1024];
        floe_error_format(msg, sizeof msg);
        fprintf(stderr, "floe: cannot write system.part_log: %s\n", msg);
        floe_error_clear();
    }
    floe_bg_shutdown(); /* system.part_log, loaded just now, registered again */
    floe_catalog_free(db->catalog);
    floe_settings_free(db->defaults);
    if (db->temporary)
        floe_fs_remove_tree(db->path);
    floe_free(db->path);
    floe_free(db);
}

void floe_cancel_exports(void)
{
    floe_ops_export_cancel_all();
}

const char *floe_db_path(const floe_db *db)
{
    return db->path;
}

int floe_session_new(floe_session **out, floe_db *db)
{
    floe_session *s = floe_calloc(1, sizeof *s);
    s->db = db;
    s->database = floe_strdup("default");
    s->settings = db->defaults ? floe_settings_copy(db->defaults) : floe_settings_new();
    *out = s;
    return 0;
}

void floe_session_free(floe_session *s)
{
    if (!s)
        return;
    floe_settings_free(s->settings);
    floe_free(s->database);
    floe_free(s);
}

int floe_session_set(floe_session *s, const char *name, const char *value)
{
    return floe_settings_set(s->settings, name, value);
}

const char *floe_session_database(const floe_session *s)
{
    return s->database;
}

void floe_session_cancel(floe_session *s)
{
    s->cancel = 1;
}

/* ---- name resolution for SELECT ---- */

static int open_table(void *env, floe_relation **out, const char *db, const char *name,
                      floe_exec_ctx *ctx)
{
    floe_stmt *st = env;
    floe_catalog *cat = st->session->db->catalog;
    const char *d = db ? db : st->session->database;
    if (strcmp(d, "system") == 0 || (!db && strcmp(name, "one") == 0 && 0)) {
        if (strcmp(name, "one") == 0) {
            *out = floe_exec_one_row(ctx);
            return 0;
        }
        if (strcmp(name, "numbers") == 0 || strcmp(name, "numbers_mt") == 0 ||
            strcmp(name, "zeros") == 0) {
            /* the infinite system tables: a huge count stands for infinity */
            floe_arena *a = ctx->arena;
            floe_ast *fn = floe_ast_new(a, FLOE_AST_FUNC, 0, 0);
            fn->u.func.name = strcmp(name, "zeros") == 0 ? "zeros" : "numbers";
            fn->u.func.args = floe_arena_alloc(a, sizeof(floe_ast *));
            fn->u.func.n_args = 1;
            floe_ast *lit = floe_ast_new(a, FLOE_AST_LITERAL, 0, 0);
            lit->u.lit.value.type = floe_type_get(FLOE_TYPE_UINT64);
            lit->u.lit.value.v.u = UINT64_MAX;
            fn->u.func.args[0] = lit;
            return floe_exec_table_function(out, fn, ctx) < 0 ? -1 : 0;
        }
        if (strcmp(name, "part_log") == 0) {
            floe_table *t;
            if (floe_part_log_flush(cat, true) < 0 ||
                floe_catalog_get_table(&t, cat, "system", name) < 0)
                return -1;
            *out = floe_table_relation(t, ctx);
            floe_table_unref(t);
            return 0;
        }
        floe_system_env env = {cat, st->settings, st->session->db->path};
        return floe_system_table_open(out, &env, name, ctx);
    }
    if (floe_catalog_is_builtin_database(d))
        return floe_error(FLOE_ERR_UNKNOWN_TABLE, "Table %s.%s does not exist", d, name);
    floe_table *t;
    if (floe_catalog_get_table(&t, cat, d, name) < 0)
        return -1;
    *out = floe_table_relation(t, ctx);
    floe_table_unref(t);
    return 0;
}

void floe_ops_file_options(floe_file_options *o, const floe_stmt *st)
{
    floe_file_options_init(o);
    floe_ops_format_settings(&o->format, st);
    const floe_settings *s = st->settings;
    o->truncate_on_insert = floe_settings_bool(s, "engine_file_truncate_on_insert");
    o->allow_create_multiple_files = floe_settings_bool(s, "engine_file_allow_create_multiple_files");
    o->skip_empty_files = floe_settings_bool(s, "engine_file_skip_empty_files");
    o->empty_if_not_exists = floe_settings_bool(s, "engine_file_empty_if_not_exists");
    o->infer_max_rows = floe_settings_u64(s, "input_format_max_rows_to_read_for_schema_inference");
    o->infer_max_bytes =
        floe_settings_u64(s, "input_format_max_bytes_to_read_for_schema_inference");
}

void floe_ops_user_files(char *out, size_t size, const floe_stmt *st)
{
    snprintf(out, size, "%s/user_files", st->session->db->path);
}

static int open_table_function(void *env, floe_relation **out, const floe_ast *fn,
                               floe_exec_ctx *ctx)
{
    floe_stmt *st = env;
    if (strcmp(fn->u.func.name, "file") == 0) {
        floe_file_options o;
        floe_ops_file_options(&o, st);
        char dir[4096];
        floe_ops_user_files(dir, sizeof dir, st);
        return floe_file_table_function(out, fn, dir, &o, ctx);
    }
    if (strcmp(fn->u.func.name, "s3") == 0 || strcmp(fn->u.func.name, "azureBlobStorage") == 0)
        return floe_lake_table_function(out, fn, st->session->db->path, ctx);
    return floe_error(FLOE_ERR_UNKNOWN_FUNCTION, "Unknown table function %s", fn->u.func.name);
}

/* ---- statements ---- */

static int apply_settings(floe_stmt *st, const floe_ast_setting *set, size_t n)
{
    return floe_settings_apply(st->settings, set, n);
}

static int run_select(floe_stmt *st, const floe_ast *stmt)
{
    floe_op *op;
    if (floe_select_plan(&op, stmt, &st->ctx) < 0)
        return -1;
    int rc = floe_ops_output(st, op, stmt);
    op->free(op);
    return rc;
}

static const char *db_or_current(floe_stmt *st, const char *db)
{
    return db ? db : st->session->database;
}

static floe_block *one_string_column(const char *name, char **values, size_t n)
{
    floe_block *b = floe_block_new();
    floe_column *c = floe_column_new(floe_type_get(FLOE_TYPE_STRING));
    for (size_t i = 0; i < n; i++)
        floe_column_push_string(c, values[i], strlen(values[i]));
    floe_block_add(b, name, c);
    b->rows = n;
    return b;
}

static bool like_match(const char *s, const char *p, bool ci)
{
    /* LIKE with % and _ ; backslash escapes */
    while (*p) {
        if (*p == '%') {
            while (*p == '%')
                p++;
            if (!*p)
                return true;
            for (; *s; s++)
                if (like_match(s, p, ci))
                    return true;
            return false;
        }
        if (!*s)
            return false;
        char pc = *p, sc = *s;
        if (pc == '\\' && p[1]) {
            pc = *++p;
        } else if (pc == '_') {
            p++;
            s++;
            continue;
        }
        if (ci && pc >= 'A' && pc <= 'Z')
            pc = (char)(pc + 32);
        if (ci && sc >= 'A' && sc <= 'Z')
            sc = (char)(sc + 32);
        if (pc != sc)
            return false;
        p++;
        s++;
    }
    return !*s;
}

static int run_show(floe_stmt *st, const floe_ast *stmt, bool tables)
{
    floe_catalog *cat = st->session->db->catalog;
    char **names = NULL;
    size_t n = 0;
    if (tables) {
        const char *db = db_or_current(st, stmt->u.show.db);
        if (!floe_catalog_has_database(cat, db) && !floe_catalog_is_builtin_database(db))
            return floe_error(FLOE_ERR_UNKNOWN_DATABASE, "Database %s does not exist", db);
        if (floe_catalog_list_tables(cat, db, &names, &n) < 0)
            return -1;
    } else if (floe_catalog_list_databases(cat, &names, &n) < 0) {
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        bool keep = true;
        if (stmt->u.show.like)
            keep = like_match(names[i], stmt->u.show.like, stmt->u.show.ilike) !=
                   stmt->u.show.not_like;
        if (keep)
            names[k++] = names[i];
        else
            floe_free(names[i]);
    }
    int rc = -1;
    if (stmt->u.show.where) {
        floe_error(FLOE_ERR_NOT_IMPLEMENTED, "SHOW ... WHERE is not supported yet");
        goto done;
    }
    if (stmt->u.show.limit) {
        const floe_value *lv = &stmt->u.show.limit->u.lit.value;
        if (stmt->u.show.limit->kind != FLOE_AST_LITERAL || lv->is_null ||
            !floe_type_is_integer(lv->type) || floe_type_is_signed(lv->type)) {
            floe_error(FLOE_ERR_NOT_IMPLEMENTED, "SHOW ... LIMIT takes a number");
            goto done;
        }
        while (k > lv->v.u)
            floe_free(names[--k]);
    }
    rc = floe_ops_output_block(st, one_string_column("name", names, k), stmt);
done:
    for (size_t i = 0; i < k; i++)
        floe_free(names[i]);
    floe_free(names);
    return rc;
}

static int get_table(floe_table **out, floe_stmt *st, const char *db, const char *name)
{
    const char *d = db_or_current(st, db);
    if (floe_catalog_is_builtin_database(d))
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "System tables are not supported yet: %s.%s",
                          d, name);
    return floe_catalog_get_table(out, st->session->db->catalog, d, name);
}

static void format_default(floe_buf *b, const floe_ast *e)
{
    if (e)
        floe_ast_format(b, e, true);
}

static int run_describe(floe_stmt *st, const floe_ast *stmt)
{
    const floe_ast *target = stmt->u.describe.target;
    floe_block *b = floe_block_new();
    const char *cols[] = {"name",    "type",           "default_type",  "default_expression",
                          "comment", "codec_expression", "ttl_expression"};
    floe_column *c[7];
    for (int i = 0; i < 7; i++)
        c[i] = floe_column_new(floe_type_get(FLOE_TYPE_STRING));
    int rc = -1;
    if (target->kind == FLOE_AST_TABLE) {
        floe_table *t;
        if (get_table(&t, st, target->u.table.db, target->u.table.name) < 0)
            goto done;
        static const char *kinds[] = {"", "DEFAULT", "MATERIALIZED", "ALIAS", "EPHEMERAL"};
        for (size_t i = 0; i < t->n_cols; i++) {
            const floe_table_column *tc = &t->cols[i];
            floe_buf d = FLOE_BUF_INIT, codec = FLOE_BUF_INIT;
            format_default(&d, tc->default_expr);
            const floe_ast *def = t->create->u.create_table.columns[i];
            for (size_t k = 0; k < def->u.column.n_codec; k++) {
                if (k)
                    floe_buf_puts(&codec, ", ");
                floe_ast_format(&codec, def->u.column.codec[k], true);
            }
            floe_column_push_string(c[0], tc->name, strlen(tc->name));
            floe_column_push_string(c[1], tc->type->name, strlen(tc->type->name));
            const char *k = kinds[tc->default_kind];
            floe_column_push_string(c[2], k, strlen(k));
            floe_column_push_string(c[3], d.data ? d.data : "", d.len);
            const char *cm = tc->comment ? tc->comment : "";
            floe_column_push_string(c[4], cm, strlen(cm));
            floe_column_push_string(c[5], codec.data ? codec.data : "", codec.len);
            floe_column_push_string(c[6], "", 0);
            floe_buf_free(&d);
            floe_buf_free(&codec);
        }
        floe_table_unref(t);
    } else {
        /* a table function or a subquery: describe what it produces */
        floe_op *op = NULL;
        const floe_ast *q = target;
        floe_ast *sel = NULL;
        if (target->kind != FLOE_AST_SUBQUERY) {
            sel = floe_ast_new(&st->arena, FLOE_AST_SELECT, target->pos, target->end);
            floe_ast *star = floe_ast_new(&st->arena, FLOE_AST_ASTERISK, target->pos, target->end);
            sel->u.select.exprs = floe_arena_alloc(&st->arena, sizeof(floe_ast *));
            sel->u.select.exprs[0] = star;
            sel->u.select.n_exprs = 1;
            sel->u.select.from = (floe_ast *)target;
            q = sel;
        }
        if (floe_select_plan(&op, q, &st->ctx) < 0)
            goto done;
        for (size_t i = 0; i < op->n_cols; i++) {
            floe_column_push_string(c[0], op->names[i], strlen(op->names[i]));
            floe_column_push_string(c[1], op->types[i]->name, strlen(op->types[i]->name));
            for (int k = 2; k < 7; k++)
                floe_column_push_string(c[k], "", 0);
        }
        op->free(op);
    }
    for (int i = 0; i < 7; i++) {
        floe_block_add(b, cols[i], c[i]);
        c[i] = NULL;
    }
    return floe_ops_output_block(st, b, stmt);
done:
    for (int i = 0; i < 7; i++)
        floe_column_free(c[i]);
    floe_block_free(b);
    return rc;
}

static int run_show_create(floe_stmt *st, const floe_ast *stmt)
{
    floe_buf text = FLOE_BUF_INIT;
    if (stmt->u.show_create.what == FLOE_OBJECT_DATABASE) {
        const char *db = stmt->u.show_create.name;
        if (!floe_catalog_has_database(st->session->db->catalog, db))
            return floe_error(FLOE_ERR_UNKNOWN_DATABASE, "Database %s does not exist", db);
        /* clickhouse-local's default database is an Overlay, shown without
         * an engine */
        if (strcmp(db, "default") == 0)
            floe_buf_printf(&text, "CREATE DATABASE %s", db);
        else
            floe_buf_printf(&text, "CREATE DATABASE %s\nENGINE = Atomic", db);
    } else {
        floe_table *t;
        const char *db = db_or_current(st, stmt->u.show_create.db);
        floe_catalog *cat = st->session->db->catalog;
        if (floe_catalog_has_database(cat, db)) {
            /* a missing table of an existing database has no metadata */
            if (floe_catalog_get_table(&t, cat, db, stmt->u.show_create.name) < 0) {
                floe_error_clear();
                if (strcmp(db, "default") == 0)
                    return floe_error(FLOE_ERR_CANNOT_GET_CREATE_TABLE_QUERY,
                                      "There is no metadata of table `%s` in database `%s` "
                                      "(engine Overlay)",
                                      stmt->u.show_create.name, db);
                return floe_error(FLOE_ERR_CANNOT_GET_CREATE_TABLE_QUERY,
                                  "Table `%s` doesn't exist", stmt->u.show_create.name);
            }
            floe_table_unref(t);
        }
        if (get_table(&t, st, stmt->u.show_create.db, stmt->u.show_create.name) < 0)
            return -1;
        floe_ast copy = *t->create;
        copy.u.create_table.attach = false;
        copy.u.create_table.db = t->db;
        copy.u.create_table.name = t->name;
        copy.u.create_table.engine = floe_lake_masked_engine(copy.u.create_table.engine, &st->arena);
        floe_ast_format(&text, &copy, false);
        floe_table_unref(t);
    }
    char *v = text.data ? text.data : "";
    int rc = floe_ops_output_block(st, one_string_column("statement", &v, 1), stmt);
    floe_buf_free(&text);
    return rc;
}

static int run_exists(floe_stmt *st, const floe_ast *stmt)
{
    floe_catalog *cat = st->session->db->catalog;
    uint8_t r = 0;
    if (stmt->u.exists.what == FLOE_OBJECT_DATABASE) {
        r = floe_catalog_has_database(cat, stmt->u.exists.name) ||
            floe_catalog_is_builtin_database(stmt->u.exists.name);
    } else {
        floe_table *t;
        const char *db = db_or_current(st, stmt->u.exists.db);
        floe_relation *rel = NULL;
        if (floe_catalog_is_builtin_database(db)) {
            /* system tables exist when they open */
            if (open_table(st, &rel, db, stmt->u.exists.name, &st->ctx) == 0) {
                r = 1;
                rel->release(rel);
            } else {
                floe_error_clear();
            }
        } else if (floe_catalog_get_table(&t, cat, db, stmt->u.exists.name) == 0) {
            r = 1;
            floe_table_unref(t);
        } else {
            floe_error_clear();
        }
    }
    floe_block *b = floe_block_new();
    floe_column *c = floe_column_new(floe_type_get(FLOE_TYPE_UINT8));
    floe_column_push_fixed(c, &r);
    floe_block_add(b, "result", c);
    return floe_ops_output_block(st, b, stmt);
}

/* Writes each column's type back in ClickHouse's canonical spelling (INT ->
 * Int32, `x T NULL` -> Nullable(T)), as metadata and SHOW CREATE show it. */
static int canonical_types(floe_stmt *st, floe_ast *stmt)
{
    for (size_t i = 0; i < stmt->u.create_table.n_columns; i++) {
        floe_ast *c = stmt->u.create_table.columns[i];
        if (!c->u.column.type)
            continue;
        const floe_type *t;
        if (floe_type_parse(&t, c->u.column.type, strlen(c->u.column.type)) < 0)
            return -1;
        if (c->u.column.null_modifier == 1)
            t = floe_type_nullable(t);
        c->u.column.null_modifier = -1;
        c->u.column.type = t->name;
    }
    return 0;
}

/* ClickHouse's defaults written into the definition, as SHOW CREATE shows
 * them: ENGINE = MergeTree when none is given, ORDER BY tuple() when a
 * MergeTree has no sorting key, SETTINGS index_granularity = 8192. */
static void normalize_engine(floe_stmt *st, floe_ast *stmt)
{
    floe_arena *a = &st->arena;
    if (!stmt->u.create_table.engine && !stmt->u.create_table.as_table.name) {
        floe_ast *e = floe_ast_new(a, FLOE_AST_FUNC, stmt->pos, stmt->pos);
        e->u.func.name = "MergeTree";
        e->u.func.no_empty_args = true;
        stmt->u.create_table.engine = e;
    }
    const floe_ast *e = stmt->u.create_table.engine;
    if (!e || strcmp(e->u.func.name, "MergeTree") != 0)
        return;
    if (!stmt->u.create_table.order_by) {
        floe_ast *o = floe_ast_new(a, FLOE_AST_FUNC, stmt->pos, stmt->pos);
        o->u.func.name = "tuple";
        stmt->u.create_table.order_by = stmt->u.create_table.primary_key
                                            ? stmt->u.create_table.primary_key
                                            : o;
    }
    for (size_t i = 0; i < stmt->u.create_table.n_settings; i++)
        if (strcmp(stmt->u.create_table.settings[i].name, "index_granularity") == 0)
            return;
    size_t n = stmt->u.create_table.n_settings;
    floe_ast_setting *set = floe_arena_alloc(a, (n + 1) * sizeof *set);
    if (n)
        memcpy(set, stmt->u.create_table.settings, n * sizeof *set);
    floe_ast *v = floe_ast_new(a, FLOE_AST_LITERAL, stmt->pos, stmt->pos);
    v->u.lit.value.type = floe_type_get(FLOE_TYPE_UINT16);
    v->u.lit.value.v.u = 8192;
    set[n].name = "index_granularity";
    set[n].value = v;
    stmt->u.create_table.settings = set;
    stmt->u.create_table.n_settings = n + 1;
}

static int run_create_table(floe_stmt *st, floe_ast *stmt)
{
    const char *db = db_or_current(st, stmt->u.create_table.db);
    if (canonical_types(st, stmt) < 0)
        return -1;
    normalize_engine(st, stmt);
    if (stmt->u.create_table.is_view || stmt->u.create_table.is_materialized_view)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Views are not supported yet");
    if (stmt->u.create_table.temporary)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Temporary tables are not supported yet");
    if (stmt->u.create_table.as_select || stmt->u.create_table.as_function)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "CREATE TABLE ... AS SELECT and AS table_function() are not supported "
                          "yet");
    if (stmt->u.create_table.or_replace || stmt->u.create_table.replace)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "CREATE OR REPLACE TABLE is not supported yet");
    if (stmt->u.create_table.as_table.name) {
        floe_table *src;
        if (get_table(&src, st, stmt->u.create_table.as_table.db,
                      stmt->u.create_table.as_table.name) < 0)
            return -1;
        const floe_ast *sc = src->create;
        stmt->u.create_table.columns = sc->u.create_table.columns;
        stmt->u.create_table.n_columns = sc->u.create_table.n_columns;
        stmt->u.create_table.indexes = sc->u.create_table.indexes;
        stmt->u.create_table.n_indexes = sc->u.create_table.n_indexes;
        if (!stmt->u.create_table.engine) {
            stmt->u.create_table.engine = sc->u.create_table.engine;
            stmt->u.create_table.partition_by = sc->u.create_table.partition_by;
            stmt->u.create_table.order_by = sc->u.create_table.order_by;
            stmt->u.create_table.primary_key = sc->u.create_table.primary_key;
            stmt->u.create_table.settings = sc->u.create_table.settings;
            stmt->u.create_table.n_settings = sc->u.create_table.n_settings;
        }
        stmt->u.create_table.as_table.name = NULL;
        stmt->u.create_table.as_table.db = NULL;
        int rc = floe_catalog_create_table(st->session->db->catalog, stmt, db);
        floe_table_unref(src);
        return rc;
    }
    return floe_catalog_create_table(st->session->db->catalog, stmt, db);
}

static int run_drop(floe_stmt *st, const floe_ast *stmt)
{
    floe_catalog *cat = st->session->db->catalog;
    if (stmt->u.drop.detach)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "DETACH TABLE is not supported yet");
    switch (stmt->u.drop.what) {
    case FLOE_OBJECT_DATABASE: {
        int rc = floe_catalog_drop_database(cat, stmt->u.drop.name, stmt->u.drop.if_exists);
        if (rc == 0 && strcmp(st->session->database, stmt->u.drop.name) == 0) {
            /* ClickHouse keeps the name; later statements fail with UNKNOWN_DATABASE */
        }
        return rc;
    }
    case FLOE_OBJECT_NAMED_COLLECTION:
        return floe_named_collection_drop(st->session->db->path, cat, stmt->u.drop.name,
                                          stmt->u.drop.if_exists);
    case FLOE_OBJECT_TABLE:
    case FLOE_OBJECT_NONE:
        return floe_catalog_drop_table(cat, db_or_current(st, stmt->u.drop.db), stmt->u.drop.name,
                                       stmt->u.drop.if_exists);
    default:
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "DROP of this kind is not supported yet");
    }
}

static int run_rename(floe_stmt *st, const floe_ast *stmt)
{
    if (stmt->u.rename.exchange || stmt->u.rename.database || stmt->u.rename.dictionary)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "EXCHANGE and RENAME DATABASE/DICTIONARY are not supported yet");
    for (size_t i = 0; i < stmt->u.rename.n; i++) {
        const floe_ast_qname *f = &stmt->u.rename.from[i], *t = &stmt->u.rename.to[i];
        if (floe_catalog_rename_table(st->session->db->catalog, db_or_current(st, f->db), f->name,
                                      db_or_current(st, t->db), t->name) < 0)
            return -1;
    }
    return 0;
}

static int run_truncate(floe_stmt *st, const floe_ast *stmt)
{
    if (stmt->u.truncate.all_tables)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "TRUNCATE ALL TABLES is not supported yet");
    floe_table *t;
    if (get_table(&t, st, stmt->u.truncate.db, stmt->u.truncate.name) < 0) {
        if (stmt->u.truncate.if_exists && floe_error_code() == FLOE_ERR_UNKNOWN_TABLE) {
            floe_error_clear();
            return 0;
        }
        return -1;
    }
    int rc = t->ops->truncate(t);
    floe_table_unref(t);
    return rc;
}

static int run_optimize(floe_stmt *st, const floe_ast *stmt)
{
    floe_table *t;
    if (get_table(&t, st, stmt->u.optimize.db, stmt->u.optimize.name) < 0)
        return -1;
    int rc = 0;
    char id[160];
    const char *pid = NULL;
    if (stmt->u.optimize.deduplicate || stmt->u.optimize.cleanup) {
        rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                        "OPTIMIZE ... DEDUPLICATE and CLEANUP are not supported yet");
        goto done;
    }
    if (stmt->u.optimize.partition) {
        const floe_ast *p = stmt->u.optimize.partition;
        if (!t->ops->partition_id) {
            rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Table engine %s doesn't support partitions",
                            t->engine);
            goto done;
        }
        if (p->u.partition.kind == FLOE_PARTITION_ALL ||
            p->u.partition.kind == FLOE_PARTITION_PART) {
            rc = floe_error(FLOE_ERR_SYNTAX_ERROR, "OPTIMIZE takes PARTITION expr or PARTITION ID");
            goto done;
        }
        if ((rc = t->ops->partition_id(t, p, id, sizeof id)) < 0)
            goto done;
        pid = id;
    }
    if (t->ops->optimize)
        rc = t->ops->optimize(t, pid, stmt->u.optimize.final);
done:
    floe_table_unref(t);
    return rc;
}

static int run_system(floe_stmt *st, const floe_ast *stmt)
{
    const char *const *w = stmt->u.system.words;
    size_t n = stmt->u.system.n_words;
    bool stop = n == 2 && strcmp(w[0], "STOP") == 0 && strcmp(w[1], "MERGES") == 0;
    bool start = n == 2 && strcmp(w[0], "START") == 0 && strcmp(w[1], "MERGES") == 0;
    if (n == 2 && strcmp(w[0], "FLUSH") == 0 && strcmp(w[1], "LOGS") == 0)
        return floe_part_log_flush(st->session->db->catalog, true);
    if (!stop && !start) {
        floe_buf b = FLOE_BUF_INIT;
        for (size_t i = 0; i < n; i++) {
            if (i)
                floe_buf_putc(&b, ' ');
            floe_buf_puts(&b, w[i]);
        }
        int rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED, "SYSTEM %s is not supported yet",
                            b.data ? b.data : "");
        floe_buf_free(&b);
        return rc;
    }
    if (!stmt->u.system.name) {
        floe_bg_set_merges(NULL, start);
        return 0;
    }
    floe_table *t;
    if (get_table(&t, st, stmt->u.system.db, stmt->u.system.name) < 0)
        return -1;
    floe_bg_set_merges(t, start);
    floe_table_unref(t);
    return 0;
}

static int run_use(floe_stmt *st, const floe_ast *stmt)
{
    const char *db = stmt->u.use.db;
    if (!floe_catalog_has_database(st->session->db->catalog, db) &&
        !floe_catalog_is_builtin_database(db))
        return floe_error(FLOE_ERR_UNKNOWN_DATABASE, "Database %s does not exist", db);
    floe_free(st->session->database);
    st->session->database = floe_strdup(db);
    return 0;
}

static int run_set(floe_stmt *st, const floe_ast *stmt)
{
    return floe_settings_apply(st->session->settings, stmt->u.set.settings,
                               stmt->u.set.n_settings);
}

static int dispatch(floe_stmt *st, floe_ast *stmt)
{
    switch (stmt->kind) {
    case FLOE_AST_SELECT:
    case FLOE_AST_UNION:
        return run_select(st, stmt);
    case FLOE_AST_CREATE_DATABASE:
        if (stmt->u.create_database.engine &&
            strcmp(stmt->u.create_database.engine->u.func.name, "Atomic") != 0 &&
            strcmp(stmt->u.create_database.engine->u.func.name, "Ordinary") != 0)
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Database engine %s is not supported",
                              stmt->u.create_database.engine->u.func.name);
        return floe_catalog_create_database(st->session->db->catalog,
                                            stmt->u.create_database.name,
                                            stmt->u.create_database.if_not_exists);
    case FLOE_AST_CREATE_TABLE:
        return run_create_table(st, stmt);
    case FLOE_AST_DROP:
        return run_drop(st, stmt);
    case FLOE_AST_RENAME:
        return run_rename(st, stmt);
    case FLOE_AST_TRUNCATE:
        return run_truncate(st, stmt);
    case FLOE_AST_EXISTS:
        return run_exists(st, stmt);
    case FLOE_AST_DESCRIBE:
        return run_describe(st, stmt);
    case FLOE_AST_SHOW_CREATE:
        return run_show_create(st, stmt);
    case FLOE_AST_SHOW_TABLES:
        return run_show(st, stmt, true);
    case FLOE_AST_SHOW_DATABASES:
        return run_show(st, stmt, false);
    case FLOE_AST_USE:
        return run_use(st, stmt);
    case FLOE_AST_SET:
        return run_set(st, stmt);
    case FLOE_AST_INSERT:
        return floe_ops_insert(st, stmt);
    case FLOE_AST_OPTIMIZE:
        return run_optimize(st, stmt);
    case FLOE_AST_SYSTEM:
        return run_system(st, stmt);
    case FLOE_AST_ALTER:
        return floe_ops_alter(st, stmt);
    case FLOE_AST_DELETE:
        return floe_ops_delete(st, stmt);
    case FLOE_AST_KILL:
        if (strcasecmp(stmt->u.kill.what, "EXPORT") == 0)
            return floe_ops_kill_export(st, stmt);
        return floe_ops_kill(st, stmt);
    case FLOE_AST_CREATE_NAMED_COLLECTION:
        return floe_named_collection_create(st->session->db->path, stmt);
    case FLOE_AST_ALTER_NAMED_COLLECTION:
        return floe_named_collection_alter(st->session->db->path, stmt);
    default:
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "%s statements are not implemented yet",
                          floe_ast_kind_name(stmt->kind));
    }
}

static void fill_exec_ctx(floe_stmt *st)
{
    floe_exec_ctx *c = &st->ctx;
    c->arena = &st->arena;
    c->cancel = &st->session->cancel;
    c->current_db = st->session->database;
    c->open_table = open_table;
    c->open_table_function = open_table_function;
    c->env = st;
    c->settings.max_block_size = floe_settings_u64(st->settings, "max_block_size");
    c->settings.max_threads = (unsigned)floe_settings_u64(st->settings, "max_threads");
    c->settings.max_rows_to_read = floe_settings_u64(st->settings, "max_rows_to_read");
    c->settings.use_skip_indexes = floe_settings_bool(st->settings, "use_skip_indexes");
    c->settings.force_data_skipping_indices =
        floe_settings_changed(st->settings, "force_data_skipping_indices")
            ? floe_settings_str(st->settings, "force_data_skipping_indices")
            : NULL;
    c->settings.ignore_data_skipping_indices =
        floe_settings_changed(st->settings, "ignore_data_skipping_indices")
            ? floe_settings_str(st->settings, "ignore_data_skipping_indices")
            : NULL;
    c->settings.enable_positional_arguments =
        floe_settings_bool(st->settings, "enable_positional_arguments");
    const char *um = floe_settings_str(st->settings, "union_default_mode");
    c->settings.union_default_mode =
        !um || !*um ? 0 : (strcasecmp(um, "ALL") == 0 ? 1 : (strcasecmp(um, "DISTINCT") == 0 ? 2 : 0));
    const char *tz = floe_settings_str(st->settings, "session_timezone");
    c->fctx.session_tz = tz && *tz ? tz : NULL;
    c->fctx.now = (int64_t)time(NULL);
    c->fctx.database = st->session->database;
}

/* Rows of system.part_log waiting in memory that a statement's end writes. */
#define PART_LOG_FLUSH_ROWS 1024

static pthread_rwlock_t structure_lock;
static pthread_once_t structure_once = PTHREAD_ONCE_INIT;

static void structure_init(void)
{
    pthread_rwlockattr_t a;
    pthread_rwlockattr_init(&a);
    pthread_rwlockattr_setkind_np(&a, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    pthread_rwlock_init(&structure_lock, &a);
    pthread_rwlockattr_destroy(&a);
}

void floe_ops_structure_lock(bool exclusive)
{
    pthread_once(&structure_once, structure_init);
    if (exclusive)
        pthread_rwlock_wrlock(&structure_lock);
    else
        pthread_rwlock_rdlock(&structure_lock);
}

void floe_ops_structure_unlock(void)
{
    pthread_rwlock_unlock(&structure_lock);
}

/* How a statement holds the structure lock: 0 not at all (a column ALTER
 * takes it itself to publish), 1 shared, 2 exclusive. */
static int structure_mode(const floe_ast *stmt)
{
    switch (stmt->kind) {
    case FLOE_AST_DROP:
    case FLOE_AST_RENAME:
    case FLOE_AST_TRUNCATE:
        return 2;
    case FLOE_AST_ALTER:
        /* FREEZE waits for the queries running when it comes (and holds
         * new ones back) so the shadow copy is taken between queries */
        for (size_t i = 0; i < stmt->u.alter.n_cmds; i++)
            if (stmt->u.alter.cmds[i]->u.alter_cmd.type == FLOE_ALTER_FREEZE)
                return 2;
        for (size_t i = 0; i < stmt->u.alter.n_cmds; i++)
            switch (stmt->u.alter.cmds[i]->u.alter_cmd.type) {
            case FLOE_ALTER_ADD_COLUMN:
            case FLOE_ALTER_DROP_COLUMN:
            case FLOE_ALTER_MODIFY_COLUMN:
            case FLOE_ALTER_RENAME_COLUMN:
            case FLOE_ALTER_COMMENT_COLUMN:
            case FLOE_ALTER_ADD_INDEX:
            case FLOE_ALTER_DROP_INDEX:
                return 0;
            default:
                break;
            }
        return 1;
    default:
        return 1;
    }
}

int floe_exec(floe_session *s, const char *sql, size_t len, size_t *consumed, bool multi_statement,
              const floe_exec_options *opts, floe_exec_stats *stats)
{
    static const floe_exec_options no_opts = FLOE_EXEC_OPTIONS_INIT;
    floe_stmt st;
    memset(&st, 0, sizeof st);
    st.session = s;
    st.opts = opts ? opts : &no_opts;
    st.sql = sql;
    st.sql_len = len;
    st.started = floe_clock_seconds();
    s->cancel = 0;
    floe_error_clear();
    floe_parse_options po = FLOE_PARSE_OPTIONS_INIT;
    po.multi_statement = multi_statement;
    po.max_query_size = floe_settings_u64(s->settings, "max_query_size");
    po.max_parser_depth = floe_settings_u64(s->settings, "max_parser_depth");
    floe_ast *stmt = NULL;
    size_t used = 0;
    int rc = floe_sql_parse(&stmt, &used, &st.arena, sql, len, &po);
    if (consumed) {
        *consumed = used;
        if (rc < 0) {
            /* skip the broken statement up to its ';' so a script goes on */
            size_t stmt_len = len;
            int saved = floe_error_code();
            char msg[4096];
            snprintf(msg, sizeof msg, "%s", floe_error_message());
            if (floe_sql_split(&stmt_len, sql, len, &po) < 0)
                stmt_len = len;
            floe_error(saved, "%s", msg);
            *consumed = stmt_len ? stmt_len : len;
        }
    }
    if (rc < 0 || !stmt)
        goto done;
    st.settings = floe_settings_copy(s->settings);
    if (stmt->kind == FLOE_AST_SELECT &&
        (rc = apply_settings(&st, stmt->u.select.settings, stmt->u.select.n_settings)) < 0)
        goto done;
    if (stmt->kind == FLOE_AST_INSERT &&
        (rc = apply_settings(&st, stmt->u.insert.settings, stmt->u.insert.n_settings)) < 0)
        goto done;
    if (stmt->output &&
        (rc = apply_settings(&st, stmt->output->settings, stmt->output->n_settings)) < 0)
        goto done;
    fill_exec_ctx(&st);
    int mode = structure_mode(stmt);
    if (mode)
        floe_ops_structure_lock(mode == 2);
    rc = dispatch(&st, stmt);
    if (mode)
        floe_ops_structure_unlock();
    /* the log's rows wait in memory: a long session writes them now and then */
    if (floe_part_log_pending() >= PART_LOG_FLUSH_ROWS) {
        int saved = rc < 0 ? floe_error_code() : 0;
        char msg[4096] = "";
        if (saved)
            snprintf(msg, sizeof msg, "%s", floe_error_message());
        if (floe_part_log_flush(s->db->catalog, false) < 0) {
            char err[1024];
            floe_error_format(err, sizeof err);
            fprintf(stderr, "floe: cannot write system.part_log: %s\n", err);
            floe_error_clear();
        }
        if (saved)
            floe_error(saved, "%s", msg);
    }
done:
    if (stats) {
        stats->rows_read = st.ctx.rows_read;
        stats->bytes_read = st.ctx.bytes_read;
        stats->result_rows = st.result_rows;
        stats->elapsed = floe_clock_seconds() - st.started;
    }
    floe_exec_ctx_release(&st.ctx);
    if (st.settings)
        floe_settings_free(st.settings);
    floe_arena_free(&st.arena);
    if (s->cancel && rc == 0) {
        /* the statement finished before it noticed */
    }
    return rc < 0 ? -1 : 0;
}
