/*
 * system.* tables (see system_tables.h). Each is a block filled at open
 * time through a small row builder: a table lists its columns as
 * ClickHouse's (name, type) pairs, and a filler pushes one value per column
 * per row; columns it does not fill get the type's default.
 */
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

#include "base/error.h"
#include "base/mem.h"
#include "catalog/named_collections.h"
#include "catalog/system_tables.h"
#include "storage/lake/lake_common.h"
#include "storage/mergetree/mergetree.h"
#include "storage/mergetree/part_format.h"
#include "storage/mergetree/mutations.h"
#include "storage/mergetree/partition_ops.h"
#include "types/serialize.h"

typedef struct sys_builder {
    floe_block *b;
    size_t col; /* next column of the current row */
} sys_builder;

static int builder_init(sys_builder *sb, const char *const *spec)
{
    sb->b = floe_block_new();
    for (size_t i = 0; spec[i]; i += 2) {
        const floe_type *t;
        if (floe_type_parse(&t, spec[i + 1], strlen(spec[i + 1])) < 0) {
            floe_block_free(sb->b);
            return -1;
        }
        floe_block_add(sb->b, spec[i], floe_column_new(t));
    }
    sb->b->rows = 0;
    sb->col = 0;
    return 0;
}

static floe_column *next_col(sys_builder *sb)
{
    return sb->b->cols[sb->col++];
}

static void put_str(sys_builder *sb, const char *s)
{
    floe_column *c = next_col(sb);
    floe_column_push_string(c, s ? s : "", s ? strlen(s) : 0);
}

static void put_u64(sys_builder *sb, uint64_t v)
{
    floe_column *c = next_col(sb);
    const floe_type *b = floe_type_base(c->type);
    switch (b->width) {
    case 1: {
        uint8_t x = (uint8_t)v;
        floe_column_push_fixed(c, &x);
        break;
    }
    case 2: {
        uint16_t x = (uint16_t)v;
        floe_column_push_fixed(c, &x);
        break;
    }
    case 4: {
        uint32_t x = (uint32_t)v;
        floe_column_push_fixed(c, &x);
        break;
    }
    default:
        floe_column_push_fixed(c, &v);
    }
}

static void put_default(sys_builder *sb)
{
    floe_column *c = next_col(sb);
    if (floe_type_is_nullable(c->type))
        floe_column_push_null(c);
    else
        floe_column_push_default(c);
}

/* Ends a row: columns left unfilled get defaults. */
static void end_row(sys_builder *sb)
{
    while (sb->col < sb->b->n_cols)
        put_default(sb);
    sb->col = 0;
    sb->b->rows++;
}

static int finish(floe_relation **out, sys_builder *sb, floe_exec_ctx *ctx)
{
    *out = floe_relation_from_block(sb->b, ctx);
    (*out)->qual = NULL;
    return 0;
}

static char **list_dbs(const floe_system_env *env, size_t *n)
{
    char **names = NULL;
    if (floe_catalog_list_databases(env->catalog, &names, n) < 0) {
        floe_error_clear();
        *n = 0;
        return NULL;
    }
    return names;
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        floe_free(names[i]);
    floe_free(names);
}

/* ---- system.databases ---- */

static const char *const databases_spec[] = {
    "name", "String", "engine", "String", "data_path", "String", "metadata_path", "String",
    "uuid", "UUID", "engine_full", "String", "comment", "String", "is_external", "UInt8",
    "database", "String", NULL};

/* Calls fn for every table of every database (errors opening one skip
 * it, as a system table lists what it can). */
typedef struct sys_args {
    const floe_system_env *env;
    floe_exec_ctx *ctx;
} sys_args;

static void each_table(const floe_system_env *env, floe_exec_ctx *ctx,
                       void (*fn)(sys_builder *, floe_table *, const sys_args *), sys_builder *sb)
{
    sys_args args = {env, ctx};
    size_t n_db;
    char **dbs = list_dbs(env, &n_db);
    for (size_t d = 0; d < n_db; d++) {
        size_t n_t = 0;
        char **tables = NULL;
        if (floe_catalog_list_tables(env->catalog, dbs[d], &tables, &n_t) < 0) {
            floe_error_clear();
            continue;
        }
        for (size_t i = 0; i < n_t; i++) {
            floe_table *t;
            if (floe_catalog_get_table(&t, env->catalog, dbs[d], tables[i]) < 0) {
                floe_error_clear();
                continue;
            }
            fn(sb, t, &args);
            floe_table_unref(t);
        }
        free_names(tables, n_t);
    }
    free_names(dbs, n_db);
}

static int sys_databases(floe_relation **out, const floe_system_env *env, floe_exec_ctx *ctx)
{
    sys_builder sb;
    if (builder_init(&sb, databases_spec) < 0)
        return -1;
    size_t n;
    char **names = list_dbs(env, &n);
    for (size_t i = 0; i < n; i++) {
        bool builtin = floe_catalog_is_builtin_database(names[i]);
        const char *engine = builtin ? "Memory" : "Atomic";
        char path[4096];
        put_str(&sb, names[i]);
        put_str(&sb, engine);
        snprintf(path, sizeof path, "%s/data/%s/", env->data_path, names[i]);
        put_str(&sb, path);
        snprintf(path, sizeof path, "%s/metadata/%s/", env->data_path, names[i]);
        put_str(&sb, path);
        put_default(&sb);
        put_str(&sb, engine);
        put_str(&sb, "");
        put_u64(&sb, 0);
        put_str(&sb, names[i]);
        end_row(&sb);
    }
    free_names(names, n);
    return finish(out, &sb, ctx);
}

static void put_array_col(floe_column *c, char *const *strs, size_t n);
static void put_array(sys_builder *sb, char *const *strs, const int64_t *ints, size_t n);

/* ---- system.tables ---- */

static const char *const tables_spec[] = {
    "database", "String", "name", "String", "uuid", "UUID", "engine", "String",
    "is_temporary", "UInt8", "data_paths", "Array(String)", "metadata_path", "String",
    "metadata_modification_time", "DateTime", "metadata_version", "Int32",
    "dependencies_database", "Array(String)", "dependencies_table", "Array(String)",
    "create_table_query", "String", "engine_full", "String", "as_select", "String",
    "partition_key", "String", "sorting_key", "String", "primary_key", "String",
    "sampling_key", "String", "storage_policy", "String", "total_rows", "Nullable(UInt64)",
    "total_bytes", "Nullable(UInt64)", "total_bytes_uncompressed", "Nullable(UInt64)", "parts",
    "Nullable(UInt64)", "active_parts", "Nullable(UInt64)", "total_marks", "Nullable(UInt64)",
    "comment", "String", "has_own_data", "UInt8", "table", "String", NULL};

static void put_ast(sys_builder *sb, const floe_ast *e)
{
    floe_buf b = FLOE_BUF_INIT;
    if (e)
        floe_ast_format(&b, e, true);
    put_str(sb, b.data ? b.data : "");
    floe_buf_free(&b);
}

/* ClickHouse shows keys without the outer tuple(): "a, b". */
static void put_key(sys_builder *sb, const floe_ast *e)
{
    if (e && e->kind == FLOE_AST_FUNC && strcmp(e->u.func.name, "tuple") == 0) {
        floe_buf b = FLOE_BUF_INIT;
        for (size_t i = 0; i < e->u.func.n_args; i++) {
            if (i)
                floe_buf_puts(&b, ", ");
            floe_ast_format(&b, e->u.func.args[i], true);
        }
        put_str(sb, b.data ? b.data : "");
        floe_buf_free(&b);
        return;
    }
    put_ast(sb, e);
}

static void put_nullable_u64(sys_builder *sb, bool has, uint64_t v)
{
    floe_column *c = next_col(sb);
    if (has)
        floe_column_push_fixed(c, &v);
    else
        floe_column_push_null(c);
}

static void tables_rows(sys_builder *sb, floe_table *t, const sys_args *a)
{
    const floe_ast *ct = t->create;
    {
        /* secrets in S3 / AzureBlobStorage engine clauses: '[HIDDEN]' */
        floe_ast *masked = floe_arena_alloc(a->ctx->arena, sizeof *masked);
        *masked = *ct;
        masked->u.create_table.engine =
            floe_lake_masked_engine(ct->u.create_table.engine, a->ctx->arena);
        ct = masked;
    }
    bool mt = floe_mergetree_is(t);
    uint64_t rows = 0, bytes = 0, ubytes = 0, marks = 0;
    size_t n_parts = 0;
    if (mt) {
        floe_part **parts = floe_mergetree_parts(t, &n_parts, false);
        for (size_t k = 0; k < n_parts; k++) {
            rows += parts[k]->rows;
            bytes += parts[k]->bytes_on_disk;
            ubytes += parts[k]->uncompressed_bytes;
            marks += parts[k]->marks + 1;
            floe_part_unref(parts[k]);
        }
        floe_free(parts);
    }
    char path[4096];
    put_str(sb, t->db);
    put_str(sb, t->name);
    put_default(sb);
    put_str(sb, t->engine);
    put_u64(sb, 0);
    floe_column *dp = next_col(sb);
    const char *const *ddirs;
    size_t n_ddirs = floe_mergetree_is(t) ? floe_mergetree_disk_dirs(t, &ddirs, NULL) : 0;
    if (n_ddirs) {
        /* its directory on every disk of its storage policy */
        put_array_col(dp, (char *const *)ddirs, n_ddirs);
    } else if (t->data_dir) {
        floe_column_push_default(dp);
        dp->rows--;
        /* an Array(String) of one path */
        floe_column *el = dp->children[0];
        floe_column_push_string(el, t->data_dir, strlen(t->data_dir));
        dp->offsets[dp->rows] = el->rows;
        dp->rows++;
    } else {
        floe_column_push_default(dp);
    }
    snprintf(path, sizeof path, "%s/metadata/%s/%s.sql", a->env->data_path, t->db, t->name);
    put_str(sb, path);
    put_default(sb);
    put_default(sb);
    put_default(sb);
    put_default(sb);
    {
        floe_ast copy = *ct;
        copy.u.create_table.attach = false;
        copy.u.create_table.db = t->db;
        copy.u.create_table.name = t->name;
        put_ast(sb, &copy);
    }
    {
        /* engine_full: the engine clause and the keys after it */
        floe_buf b = FLOE_BUF_INIT;
        floe_ast_format(&b, ct->u.create_table.engine, true);
        if (ct->u.create_table.partition_by) {
            floe_buf_puts(&b, " PARTITION BY ");
            floe_ast_format(&b, ct->u.create_table.partition_by, true);
        }
        if (ct->u.create_table.primary_key) {
            floe_buf_puts(&b, " PRIMARY KEY ");
            floe_ast_format(&b, ct->u.create_table.primary_key, true);
        }
        if (ct->u.create_table.order_by) {
            floe_buf_puts(&b, " ORDER BY ");
            floe_ast_format(&b, ct->u.create_table.order_by, true);
        }
        for (size_t k = 0; k < ct->u.create_table.n_settings; k++) {
            floe_buf_puts(&b, k ? ", " : " SETTINGS ");
            floe_buf_printf(&b, "%s = ", ct->u.create_table.settings[k].name);
            floe_ast_format(&b, ct->u.create_table.settings[k].value, true);
        }
        put_str(sb, b.data ? b.data : "");
        floe_buf_free(&b);
    }
    put_str(sb, "");
    put_key(sb, ct->u.create_table.partition_by);
    put_key(sb, ct->u.create_table.order_by);
    put_key(sb, ct->u.create_table.primary_key ? ct->u.create_table.primary_key
                                                : ct->u.create_table.order_by);
    put_key(sb, ct->u.create_table.sample_by);
    put_str(sb, mt ? floe_mergetree_storage_policy(t) : "");
    bool has = mt || strcmp(t->engine, "Memory") == 0;
    put_nullable_u64(sb, has, rows);
    put_nullable_u64(sb, has, bytes);
    put_nullable_u64(sb, mt, ubytes);
    put_nullable_u64(sb, mt, n_parts);
    put_nullable_u64(sb, mt, n_parts);
    put_nullable_u64(sb, mt, marks);
    put_str(sb, ct->u.create_table.comment ? ct->u.create_table.comment : "");
    put_u64(sb, 1);
    put_str(sb, t->name);
    end_row(sb);
}

static int sys_tables(floe_relation **out, const floe_system_env *env, floe_exec_ctx *ctx)
{
    sys_builder sb;
    if (builder_init(&sb, tables_spec) < 0)
        return -1;
    each_table(env, ctx, tables_rows, &sb);
    return finish(out, &sb, ctx);
}

/* ---- system.columns ---- */

static const char *const columns_spec[] = {
    "database", "String", "table", "String", "name", "String", "type", "String", "position",
    "UInt64", "default_kind", "String", "default_expression", "String", "data_compressed_bytes",
    "UInt64", "data_uncompressed_bytes", "UInt64", "marks_bytes", "UInt64", "comment", "String",
    "is_in_partition_key", "UInt8", "is_in_sorting_key", "UInt8", "is_in_primary_key", "UInt8",
    "is_in_sampling_key", "UInt8", "compression_codec", "String", "character_octet_length",
    "Nullable(UInt64)", "numeric_precision", "Nullable(UInt64)", "numeric_precision_radix",
    "Nullable(UInt64)", "numeric_scale", "Nullable(UInt64)", "datetime_precision",
    "Nullable(UInt64)", "serialization_hint", "Nullable(String)", "statistics", "String",
    "column", "String", NULL};

static bool ast_mentions(const floe_ast *e, const char *name)
{
    if (!e)
        return false;
    if (e->kind == FLOE_AST_IDENT)
        return strcmp(e->u.ident.parts[e->u.ident.n_parts - 1], name) == 0;
    if (e->kind == FLOE_AST_FUNC)
        for (size_t i = 0; i < e->u.func.n_args; i++)
            if (ast_mentions(e->u.func.args[i], name))
                return true;
    return false;
}

static void columns_rows(sys_builder *sb, floe_table *t, const sys_args *a)
{
    static const char *kinds[] = {"", "DEFAULT", "MATERIALIZED", "ALIAS", "EPHEMERAL"};
    const floe_ast *ct = t->create;
    const floe_ast *pk =
        ct->u.create_table.primary_key ? ct->u.create_table.primary_key
                                       : ct->u.create_table.order_by;
    for (size_t c = 0; c < t->n_cols; c++) {
        const floe_table_column *tc = &t->cols[c];
        const floe_ast *def = ct->u.create_table.columns[c];
        put_str(sb, t->db);
        put_str(sb, t->name);
        put_str(sb, tc->name);
        put_str(sb, tc->type->name);
        put_u64(sb, c + 1);
        put_str(sb, kinds[tc->default_kind]);
        put_ast(sb, tc->default_expr);
        put_u64(sb, 0);
        put_u64(sb, 0);
        put_u64(sb, 0);
        put_str(sb, tc->comment);
        put_u64(sb, ast_mentions(ct->u.create_table.partition_by, tc->name));
        put_u64(sb, ast_mentions(ct->u.create_table.order_by, tc->name));
        put_u64(sb, ast_mentions(pk, tc->name));
        put_u64(sb, ast_mentions(ct->u.create_table.sample_by, tc->name));
        floe_buf codec = FLOE_BUF_INIT;
        if (def->u.column.n_codec) {
            floe_buf_puts(&codec, "CODEC(");
            for (size_t k = 0; k < def->u.column.n_codec; k++) {
                if (k)
                    floe_buf_puts(&codec, ", ");
                floe_ast_format(&codec, def->u.column.codec[k], true);
            }
            floe_buf_putc(&codec, ')');
        }
        put_str(sb, codec.data ? codec.data : "");
        floe_buf_free(&codec);
        end_row(sb);
    }
}

static int sys_columns(floe_relation **out, const floe_system_env *env, floe_exec_ctx *ctx)
{
    sys_builder sb;
    if (builder_init(&sb, columns_spec) < 0)
        return -1;
    each_table(env, ctx, columns_rows, &sb);
    return finish(out, &sb, ctx);
}

/* ---- system.parts ---- */

static const char *const parts_spec[] = {
    "partition", "String", "name", "String", "uuid", "UUID", "part_type", "String", "active",
    "UInt8", "marks", "UInt64", "rows", "UInt64", "files", "UInt64", "bytes_on_disk", "UInt64",
    "data_compressed_bytes", "UInt64", "data_uncompressed_bytes", "UInt64", "primary_key_size",
    "UInt64", "marks_bytes", "UInt64", "secondary_indices_compressed_bytes", "UInt64",
    "secondary_indices_uncompressed_bytes", "UInt64", "secondary_indices_marks_bytes", "UInt64",
    "modification_time", "DateTime", "remove_time", "DateTime", "refcount", "UInt32",
    "min_date", "Date", "max_date", "Date", "min_time", "DateTime", "max_time", "DateTime",
    "partition_id", "String", "min_block_number", "Int64", "max_block_number", "Int64", "level",
    "UInt32", "data_version", "UInt64", "primary_key_bytes_in_memory", "UInt64",
    "primary_key_bytes_in_memory_allocated", "UInt64", "index_granularity_bytes_in_memory",
    "UInt64", "index_granularity_bytes_in_memory_allocated", "UInt64", "is_frozen", "UInt8",
    "database", "String", "table", "String", "engine", "String", "disk_name", "String", "path",
    "String", "hash_of_all_files", "String", "hash_of_uncompressed_files", "String",
    "uncompressed_hash_of_compressed_files", "String", "delete_ttl_info_min", "DateTime",
    "delete_ttl_info_max", "DateTime", "default_compression_codec", "String", "projections",
    "Array(String)", "visible", "UInt8", "has_lightweight_delete", "UInt8", "removal_state",
    "String", "bytes", "UInt64", "marks_size", "UInt64", "part_name", "String", NULL};

static void parts_rows(sys_builder *sb, floe_table *t, const sys_args *a)
{
    if (!floe_mergetree_is(t))
        return;
    const floe_partition_key *key = floe_mergetree_partition_key(t);
    size_t n_parts;
    floe_part **parts = floe_mergetree_parts(t, &n_parts, true);
    for (size_t k = 0; k < n_parts; k++) {
        floe_part *p = parts[k];
        floe_buf text = FLOE_BUF_INIT;
        floe_partition_text(&text, key, p->partition, 0);
        put_str(sb, text.data ? text.data : "");
        floe_buf_free(&text);
        put_str(sb, p->name);
        put_default(sb);
        put_str(sb, p->format && p->format->compact ? "Compact" : "Wide");
        put_u64(sb, p->state == FLOE_PART_ACTIVE);
        put_u64(sb, p->marks + 1); /* with the final mark, as ClickHouse counts */
        put_u64(sb, p->rows);
        put_default(sb); /* files */
        put_u64(sb, p->bytes_on_disk);
        put_u64(sb, p->compressed_bytes);
        put_u64(sb, p->uncompressed_bytes);
        for (int z = 0; z < 5; z++)
            put_default(sb);
        put_u64(sb, (uint64_t)p->modification_time);
        put_u64(sb, (uint64_t)p->remove_time);
        put_u64(sb, (uint64_t)atomic_load(&p->refs) - 1);
        for (int z = 0; z < 4; z++)
            put_default(sb);
        put_str(sb, p->info.partition_id);
        put_u64(sb, (uint64_t)p->info.min_block);
        put_u64(sb, (uint64_t)p->info.max_block);
        put_u64(sb, p->info.level);
        put_u64(sb, (uint64_t)(p->info.mutation ? p->info.mutation : p->info.min_block));
        for (int z = 0; z < 4; z++)
            put_default(sb);
        put_u64(sb, 0);
        put_str(sb, t->db);
        put_str(sb, t->name);
        put_str(sb, t->engine);
        put_str(sb, floe_mergetree_part_disk_name(t, p));
        char path[4096];
        snprintf(path, sizeof path, "%s/", p->dir);
        put_str(sb, path);
        char hex[40];
        snprintf(hex, sizeof hex, "%016llx%016llx",
                 (unsigned long long)p->hash_of_all_files.high,
                 (unsigned long long)p->hash_of_all_files.low);
        put_str(sb, hex);
        put_default(sb);
        put_default(sb);
        put_default(sb);
        put_default(sb);
        put_str(sb, "LZ4");
        put_default(sb);
        put_u64(sb, p->state == FLOE_PART_ACTIVE);
        put_u64(sb, 0);
        put_str(sb, "Cleanup thread hasn't seen this part yet");
        put_u64(sb, p->bytes_on_disk);
        put_default(sb);
        put_str(sb, p->name);
        end_row(sb);
        floe_part_unref(p);
    }
    floe_free(parts);
}

static int sys_parts(floe_relation **out, const floe_system_env *env, floe_exec_ctx *ctx)
{
    sys_builder sb;
    if (builder_init(&sb, parts_spec) < 0)
        return -1;
    each_table(env, ctx, parts_rows, &sb);
    return finish(out, &sb, ctx);
}

/* ---- system.settings ---- */

static const char *const settings_spec[] = {
    "name", "String", "value", "String", "changed", "UInt8", "description", "String", "min",
    "Nullable(String)", "max", "Nullable(String)", "disallowed_values", "Array(String)",
    "readonly", "UInt8", "type", "String", "default", "String", "alias_for", "String",
    "is_obsolete", "UInt8", "tier",
    "Enum8('Production' = 0, 'Obsolete' = 4, 'Experimental' = 8, 'Beta' = 12)", NULL};

static int sys_settings(floe_relation **out, const floe_system_env *env, floe_exec_ctx *ctx)
{
    sys_builder sb;
    if (builder_init(&sb, settings_spec) < 0)
        return -1;
    size_t n = floe_settings_count();
    floe_buf v = FLOE_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const floe_setting_info *info = floe_settings_info(i);
        put_str(&sb, info->name);
        floe_buf_clear(&v);
        floe_settings_value_text(&v, env->settings, i);
        put_str(&sb, v.data ? v.data : "");
        put_u64(&sb, floe_settings_changed_at(env->settings, i));
        put_str(&sb, info->description);
        put_default(&sb);
        put_default(&sb);
        put_default(&sb);
        put_u64(&sb, 0);
        put_str(&sb, info->type);
        put_str(&sb, info->default_text);
        put_str(&sb, info->alias_for);
        end_row(&sb);
    }
    floe_buf_free(&v);
    return finish(out, &sb, ctx);
}

/* ---- system.disks ---- */

static const char *const disks_spec[] = {
    "name", "String", "path", "String", "free_space", "UInt64", "total_space", "UInt64",
    "unreserved_space", "UInt64", "keep_free_space", "UInt64", "type", "String",
    "object_storage_type", "String", "metadata_type", "String", "is_encrypted", "UInt8",
    "is_read_only", "UInt8", "is_write_once", "UInt8", "is_remote", "UInt8", "is_broken",
    "UInt8", "cache_path", "String", NULL};

static int sys_disks(floe_relation **out, const floe_system_env *env, floe_exec_ctx *ctx)
{
    sys_builder sb;
    if (builder_init(&sb, disks_spec) < 0)
        return -1;
    const floe_storage_config *sc = floe_catalog_storage(env->catalog);
    for (size_t i = 0; i < sc->n_disks; i++) {
        const floe_disk *d = sc->disks[i];
        uint64_t free_b, total;
        floe_disk_space(d, &free_b, &total);
        uint64_t unreserved = free_b > d->keep_free_space ? free_b - d->keep_free_space : 0;
        put_str(&sb, d->name);
        put_str(&sb, d->path);
        put_u64(&sb, free_b);
        put_u64(&sb, total);
        put_u64(&sb, unreserved);
        put_u64(&sb, d->keep_free_space);
        put_str(&sb, "Local");
        put_str(&sb, "None");
        put_str(&sb, "None");
        end_row(&sb);
    }
    return finish(out, &sb, ctx);
}

/* ---- system.storage_policies ---- */

static const char *const storage_policies_spec[] = {
    "policy_name", "String", "volume_name", "String", "volume_priority", "UInt64", "disks",
    "Array(String)", "volume_type", "Enum8('JBOD' = 0, 'SINGLE_DISK' = 1, 'UNKNOWN' = 2)",
    "max_data_part_size", "UInt64", "move_factor", "Float32", "prefer_not_to_merge", "UInt8",
    "perform_ttl_move_on_insert", "UInt8", "load_balancing",
    "Enum8('ROUND_ROBIN' = 0, 'LEAST_USED' = 1)", NULL};

static int sys_storage_policies(floe_relation **out, const floe_system_env *env,
                                floe_exec_ctx *ctx)
{
    sys_builder sb;
    if (builder_init(&sb, storage_policies_spec) < 0)
        return -1;
    const floe_storage_config *sc = floe_catalog_storage(env->catalog);
    for (size_t i = 0; i < sc->n_policies; i++) {
        const floe_storage_policy *p = sc->policies[i];
        for (size_t j = 0; j < p->n_volumes; j++) {
            const floe_volume *v = p->volumes[j];
            put_str(&sb, p->name);
            put_str(&sb, v->name);
            put_u64(&sb, j + 1);
            put_array(&sb, v->disk_names, NULL, v->n_disks);
            put_u64(&sb, 0); /* JBOD */
            put_u64(&sb, v->max_data_part_size);
            float mf = p->move_factor;
            floe_column_push_fixed(next_col(&sb), &mf);
            put_u64(&sb, v->prefer_not_to_merge);
            put_u64(&sb, v->perform_ttl_move_on_insert);
            put_u64(&sb, v->least_used);
            end_row(&sb);
        }
    }
    return finish(out, &sb, ctx);
}

/* ---- system.merges: the merges running in this process ---- */

static const char *const merges_spec[] = {
    "database", "String", "table", "String", "elapsed", "Float64", "progress", "Float64",
    "num_parts", "UInt64", "source_part_names", "Array(String)", "result_part_name", "String",
    "source_part_paths", "Array(String)", "result_part_path", "String", "partition_id", "String",
    "partition", "String", "is_mutation", "UInt8", "total_size_bytes_compressed", "UInt64",
    "total_size_bytes_uncompressed", "UInt64", "total_size_marks", "UInt64",
    "bytes_read_uncompressed", "UInt64", "rows_read", "UInt64", "bytes_written_uncompressed",
    "UInt64", "rows_written", "UInt64", "columns_written", "UInt64", "memory_usage", "UInt64",
    "thread_id", "UInt64", "merge_type", "String", "merge_algorithm", "String", NULL};

static void put_array(sys_builder *sb, char *const *strs, const int64_t *ints, size_t n);
static void put_f64(sys_builder *sb, double v);

static int sys_merges(floe_relation **out, const floe_system_env *env, floe_exec_ctx *ctx)
{
    sys_builder sb;
    if (builder_init(&sb, merges_spec) < 0)
        return -1;
    size_t n = 0;
    floe_merge_status *v = floe_mergetree_merges(&n);
    for (size_t i = 0; i < n; i++) {
        const floe_merge_status *s = &v[i];
        put_str(&sb, s->database);
        put_str(&sb, s->table);
        put_f64(&sb, s->elapsed);
        put_f64(&sb, s->progress);
        put_u64(&sb, s->num_parts);
        put_array(&sb, s->source_part_names, NULL, s->num_parts);
        put_str(&sb, s->result_part_name);
        put_array(&sb, s->source_part_paths, NULL, s->num_parts);
        put_str(&sb, s->result_part_path);
        put_str(&sb, s->partition_id);
        put_str(&sb, s->partition);
        put_u64(&sb, 0); /* is_mutation */
        put_u64(&sb, s->total_size_bytes_compressed);
        put_u64(&sb, s->total_size_bytes_uncompressed);
        put_u64(&sb, s->total_size_marks);
        put_u64(&sb, s->bytes_read_uncompressed);
        put_u64(&sb, s->rows_read);
        put_u64(&sb, 0); /* bytes_written_uncompressed: written at the end */
        put_u64(&sb, 0); /* rows_written */
        put_u64(&sb, 0); /* columns_written */
        put_u64(&sb, s->bytes_read_uncompressed); /* memory_usage: the rows held */
        put_u64(&sb, 0); /* thread_id */
        put_str(&sb, "Regular");
        put_str(&sb, "Horizontal");
        end_row(&sb);
    }
    floe_merge_statuses_free(v, n);
    return finish(out, &sb, ctx);
}

static floe_system_providers providers;

void floe_system_set_providers(const floe_system_providers *p)
{
    providers = *p;
}

/* ---- system.exports ---- */

static const char *const exports_spec[] = {
    "source_database", "String", "source_table", "String", "destination_database", "String",
    "destination_table", "String", "create_time", "DateTime", "part_name", "String",
    "destination_file_path", "String", "elapsed", "Float64", "rows_read", "UInt64",
    "total_rows_to_read", "UInt64", "total_size_bytes_compressed", "UInt64",
    "total_size_bytes_uncompressed", "UInt64", "bytes_read_uncompressed", "UInt64",
    "memory_usage", "UInt64", "peak_memory_usage", "UInt64", NULL};

static void put_f64(sys_builder *sb, double v)
{
    floe_column *c = next_col(sb);
    floe_column_push_fixed(c, &v);
}

static int sys_exports(floe_relation **out, const floe_system_env *env, floe_exec_ctx *ctx)
{
    sys_builder sb;
    if (builder_init(&sb, exports_spec) < 0)
        return -1;
    size_t n = 0;
    floe_system_export_row *rows = providers.exports ? providers.exports(&n) : NULL;
    for (size_t i = 0; i < n; i++) {
        const floe_system_export_row *r = &rows[i];
        put_str(&sb, r->source_database);
        put_str(&sb, r->source_table);
        put_str(&sb, r->destination_database);
        put_str(&sb, r->destination_table);
        put_u64(&sb, (uint64_t)r->create_time);
        put_str(&sb, r->part_name);
        put_str(&sb, r->destination_file_path);
        put_f64(&sb, r->elapsed);
        put_u64(&sb, r->rows_read);
        put_u64(&sb, r->total_rows_to_read);
        put_u64(&sb, r->total_size_bytes_compressed);
        put_u64(&sb, r->total_size_bytes_uncompressed);
        put_u64(&sb, r->bytes_read_uncompressed);
        put_u64(&sb, r->memory_usage);
        put_u64(&sb, r->peak_memory_usage);
        end_row(&sb);
    }
    floe_free(rows);
    return finish(out, &sb, ctx);
}

/* ---- system.events and system.metrics ---- */

static int counters_table(floe_relation **out, const char *first, const char *type,
                          size_t (*fn)(floe_system_counter *, size_t), floe_exec_ctx *ctx)
{
    const char *spec[] = {first, "String", "value", type, "description", "String", "name",
                          "String", NULL};
    sys_builder sb;
    if (builder_init(&sb, spec) < 0)
        return -1;
    floe_system_counter c[64];
    size_t n = fn ? fn(c, 64) : 0;
    for (size_t i = 0; i < n; i++) {
        put_str(&sb, c[i].name);
        put_u64(&sb, (uint64_t)c[i].value);
        put_str(&sb, c[i].description);
        put_str(&sb, c[i].name);
        end_row(&sb);
    }
    return finish(out, &sb, ctx);
}

static int sys_events(floe_relation **out, const floe_system_env *env, floe_exec_ctx *ctx)
{
    return counters_table(out, "event", "UInt64", providers.events, ctx);
}

static int sys_metrics(floe_relation **out, const floe_system_env *env, floe_exec_ctx *ctx)
{
    return counters_table(out, "metric", "Int64", providers.metrics, ctx);
}

/* ---- system.detached_parts ---- */

static const char *const detached_parts_spec[] = {
    "database", "String", "table", "String", "partition_id", "Nullable(String)", "name", "String",
    "bytes_on_disk", "UInt64", "modification_time", "DateTime", "disk", "String", "path",
    "String", "reason", "Nullable(String)", "min_block_number", "Nullable(Int64)",
    "max_block_number", "Nullable(Int64)", "level", "Nullable(UInt32)", NULL};

static void put_nullable_i64(sys_builder *sb, bool has, int64_t v)
{
    floe_column *c = sb->b->cols[sb->col];
    if (!has) {
        put_default(sb);
        return;
    }
    sb->col++;
    const floe_type *b = floe_type_base(c->type);
    if (b->width == 4) {
        uint32_t x = (uint32_t)v;
        floe_column_push_fixed(c, &x);
    } else {
        floe_column_push_fixed(c, &v);
    }
}

static void detached_parts_rows(sys_builder *sb, floe_table *t, const sys_args *a)
{
    floe_detached_part *list = NULL;
    size_t n = 0;
    if (floe_mergetree_is(t) && floe_mt_detached_list(t, &list, &n) < 0) {
        floe_error_clear();
        n = 0;
    }
    for (size_t k = 0; k < n; k++) {
        const floe_detached_part *p = &list[k];
        put_str(sb, t->db);
        put_str(sb, t->name);
        if (p->valid)
            put_str(sb, p->partition_id);
        else
            put_default(sb);
        put_str(sb, p->name);
        put_u64(sb, p->bytes_on_disk);
        put_u64(sb, (uint64_t)p->modification_time);
        put_str(sb, p->disk);
        put_str(sb, p->path);
        if (p->valid)
            put_str(sb, p->reason);
        else
            put_default(sb);
        put_nullable_i64(sb, p->valid, p->min_block);
        put_nullable_i64(sb, p->valid, p->max_block);
        put_nullable_i64(sb, p->valid, p->level);
        end_row(sb);
    }
    floe_mt_detached_free(list, n);
}

static int sys_detached_parts(floe_relation **out, const floe_system_env *env,
                              floe_exec_ctx *ctx)
{
    sys_builder sb;
    if (builder_init(&sb, detached_parts_spec) < 0)
        return -1;
    each_table(env, ctx, detached_parts_rows, &sb);
    return finish(out, &sb, ctx);
}

/* ---- system.named_collections: values masked as ClickHouse masks them
 * (display_secrets_in_show_and_select is off). ClickHouse's collection is
 * Map(String, String); floe has no Map type yet, so it is that map's text
 * in a String. ---- */

static const char *const named_collections_spec[] = {
    "name", "String", "collection", "String", "source", "String", "create_query", "String", NULL};

static int sys_named_collections(floe_relation **out, const floe_system_env *env,
                                 floe_exec_ctx *ctx)
{
    sys_builder sb;
    if (builder_init(&sb, named_collections_spec) < 0)
        return -1;
    floe_named_collection **v = NULL;
    size_t n = 0;
    if (floe_named_collection_list(&v, &n, env->data_path) < 0) {
        floe_block_free(sb.b);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        put_str(&sb, v[i]->name);
        floe_buf m = FLOE_BUF_INIT;
        floe_buf_putc(&m, '{');
        for (size_t k = 0; k < v[i]->n; k++) {
            floe_buf_puts(&m, k ? ",'" : "'");
            for (const char *p = v[i]->keys[k]; *p; p++) {
                if (*p == '\'' || *p == '\\')
                    floe_buf_putc(&m, '\\');
                floe_buf_putc(&m, *p);
            }
            floe_buf_puts(&m, "':'[HIDDEN]'");
        }
        floe_buf_putc(&m, '}');
        put_str(&sb, m.data);
        floe_buf_free(&m);
        put_str(&sb, "SQL");
        floe_buf q = FLOE_BUF_INIT;
        floe_named_collection_masked_query(&q, v[i]);
        put_str(&sb, q.data);
        floe_buf_free(&q);
        end_row(&sb);
    }
    for (size_t i = 0; i < n; i++)
        floe_named_collection_free(v[i]);
    floe_free(v);
    return finish(out, &sb, ctx);
}

/* ---- system.mutations (parts_postpone_reasons is Map(String, String) in
 * ClickHouse; floe has no Map type yet, so it is the map's text) ---- */

/* clang-format off */
static const char *const mutations_spec[] = {
    "database", "String", "table", "String", "mutation_id", "String", "command", "String",
    "create_time", "DateTime", "block_numbers.partition_id", "Array(String)",
    "block_numbers.number", "Array(Int64)", "parts_in_progress_names", "Array(String)",
    "parts_to_do_names", "Array(String)", "parts_to_do", "Int64", "parts_postpone_reasons",
    "String", "is_done", "UInt8", "is_killed", "UInt8", "latest_failed_part", "String",
    "latest_fail_time", "DateTime", "latest_fail_reason", "String",
    "latest_fail_error_code_name", "String", NULL};
/* clang-format on */

/* An Array(String) or Array(Int64) value of n elements (strs or ints). */
/* An Array(String) value of n elements appended to column c. */
static void put_array_col(floe_column *c, char *const *strs, size_t n)
{
    floe_column_push_default(c);
    c->rows--;
    floe_column *el = c->children[0];
    for (size_t i = 0; i < n; i++)
        floe_column_push_string(el, strs[i], strlen(strs[i]));
    c->offsets[c->rows] = el->rows;
    c->rows++;
}

static void put_array(sys_builder *sb, char *const *strs, const int64_t *ints, size_t n)
{
    floe_column *c = next_col(sb);
    floe_column_push_default(c);
    c->rows--;
    floe_column *el = c->children[0];
    for (size_t i = 0; i < n; i++) {
        if (strs)
            floe_column_push_string(el, strs[i], strlen(strs[i]));
        else
            floe_column_push_fixed(el, &ints[i]);
    }
    c->offsets[c->rows] = el->rows;
    c->rows++;
}

static void mutations_rows(sys_builder *sb, floe_table *t, const sys_args *a)
{
    floe_mutation_info *v = NULL;
    size_t n = 0;
    if (floe_mergetree_is(t))
        floe_mergetree_mutations(&v, &n, t);
    for (size_t k = 0; k < n; k++) {
        const floe_mutation_info *r = &v[k];
        put_str(sb, t->db);
        put_str(sb, t->name);
        put_str(sb, r->mutation_id);
        put_str(sb, r->command);
        put_u64(sb, (uint64_t)r->create_time);
        /* ClickHouse lists '' here for a non-replicated table's
         * mutations, IN PARTITION or not */
        char *no_partition[] = {""};
        put_array(sb, no_partition, NULL, 1);
        put_array(sb, NULL, &r->number, 1);
        put_array(sb, NULL, NULL, 0);
        put_array(sb, r->parts_to_do, NULL, r->n_parts_to_do);
        put_u64(sb, r->n_parts_to_do);
        put_str(sb, "{}");
        put_u64(sb, r->is_done);
        put_u64(sb, r->is_killed);
        put_str(sb, r->latest_failed_part);
        put_u64(sb, (uint64_t)r->latest_fail_time);
        put_str(sb, r->latest_fail_reason);
        put_str(sb, r->latest_fail_error_code_name);
        end_row(sb);
    }
    floe_mutation_infos_free(v, n);
}

static int sys_mutations(floe_relation **out, const floe_system_env *env, floe_exec_ctx *ctx)
{
    sys_builder sb;
    if (builder_init(&sb, mutations_spec) < 0)
        return -1;
    each_table(env, ctx, mutations_rows, &sb);
    return finish(out, &sb, ctx);
}


/* clang-format off */
static const char *const skipping_indices_spec[] = {
    "database", "String", "table", "String", "name", "String", "type", "String",
    "type_full", "String", "expr", "String",
    "creation", "Enum8('Explicit' = 0, 'Implicit' = 1)", "granularity", "UInt64",
    "data_compressed_bytes", "UInt64", "data_uncompressed_bytes", "UInt64",
    "marks_bytes", "UInt64", NULL};
/* clang-format on */

static void skipping_indices_rows(sys_builder *sb, floe_table *t, const sys_args *a)
{
    if (!floe_mergetree_is(t))
        return;
    size_t n;
    const floe_skip_def *defs = floe_mergetree_skip_indices(t, &n);
    uint64_t(*sizes)[3] = floe_calloc(n + 1, sizeof *sizes);
    floe_mergetree_skip_sizes(t, sizes);
    for (size_t i = 0; i < n; i++) {
        const floe_skip_def *d = &defs[i];
        put_str(sb, t->db);
        put_str(sb, t->name);
        put_str(sb, d->name);
        put_str(sb, d->type_name);
        put_str(sb, d->type_full);
        put_str(sb, d->expr_text);
        put_u64(sb, 0); /* Explicit */
        put_u64(sb, d->granularity);
        for (int k = 0; k < 3; k++)
            put_u64(sb, sizes[i][k]);
        end_row(sb);
    }
    floe_free(sizes);
}

static int sys_data_skipping_indices(floe_relation **out, const floe_system_env *env,
                                     floe_exec_ctx *ctx)
{
    sys_builder sb;
    if (builder_init(&sb, skipping_indices_spec) < 0)
        return -1;
    each_table(env, ctx, skipping_indices_rows, &sb);
    return finish(out, &sb, ctx);
}

int floe_system_table_open(floe_relation **out, const floe_system_env *env, const char *name,
                           floe_exec_ctx *ctx)
{
    static const struct {
        const char *name;
        int (*open)(floe_relation **, const floe_system_env *, floe_exec_ctx *);
    } tables[] = {
        {"databases", sys_databases}, {"tables", sys_tables}, {"columns", sys_columns},
        {"parts", sys_parts},         {"settings", sys_settings}, {"disks", sys_disks},
        {"storage_policies", sys_storage_policies},
        {"merges", sys_merges},       {"exports", sys_exports},   {"events", sys_events},
        {"metrics", sys_metrics},
        {"detached_parts", sys_detached_parts},
        {"named_collections", sys_named_collections},
        {"mutations", sys_mutations},
        {"data_skipping_indices", sys_data_skipping_indices},
    };
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        if (strcmp(tables[i].name, name) == 0)
            return tables[i].open(out, env, ctx);
    return floe_error(FLOE_ERR_UNKNOWN_TABLE, "Table system.%s does not exist", name);
}
