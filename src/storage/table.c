/*
 * What every table shares whatever its engine: building the definition from
 * CREATE TABLE, reference counting, and the relation SELECT reads through.
 */
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "sql/parser.h"
#include "storage/lake/lake_common.h"
#include "storage/table.h"

typedef struct engine_entry {
    const char *name;
    int (*init)(floe_table *t, const floe_ast *engine);
} engine_entry;

static const engine_entry engines[] = {
    {"Memory", floe_memory_engine_init},
    {"Null", floe_null_engine_init},
    {"MergeTree", floe_mergetree_engine_init},
    {"File", floe_file_engine_init},
    {"S3", floe_s3_engine_init},
    {"AzureBlobStorage", floe_azure_engine_init},
};

int floe_table_create(floe_table **out, const floe_ast *create, const char *db,
                      const char *data_dir)
{
    return floe_table_create_in(out, create, db, data_dir, NULL);
}

int floe_table_create_in(floe_table **out, const floe_ast *create, const char *db,
                         const char *data_dir, const struct floe_storage_config *storage)
{
    const floe_ast *engine = create->u.create_table.engine;
    const char *engine_name = engine ? engine->u.func.name : "MergeTree";
    const engine_entry *ee = NULL;
    for (size_t i = 0; i < sizeof engines / sizeof engines[0]; i++)
        if (strcmp(engines[i].name, engine_name) == 0)
            ee = &engines[i];
    if (!ee) {
        static const char *known[] = {"ReplacingMergeTree",
                                      "SummingMergeTree",
                                      "AggregatingMergeTree",
                                      "CollapsingMergeTree",
                                      "VersionedCollapsingMergeTree",
                                      "ReplicatedMergeTree",
                                      "S3",
                                      "AzureBlobStorage",
                                      "File",
                                      "Log",
                                      "TinyLog",
                                      "StripeLog",
                                      "Set",
                                      "Join",
                                      "Buffer",
                                      "Distributed",
                                      "Merge",
                                      "URL",
                                      "Dictionary"};
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            if (strcmp(known[i], engine_name) == 0)
                return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                                  "Table engine %s is not supported yet", engine_name);
        return floe_error(FLOE_ERR_UNKNOWN_STORAGE, "Unknown table engine %s", engine_name);
    }
    size_t n = create->u.create_table.n_columns;
    if (n == 0)
        return floe_error(FLOE_ERR_EMPTY_LIST_OF_COLUMNS_PASSED, "Empty list of columns passed");
    floe_table *t = floe_calloc(1, sizeof *t);
    atomic_init(&t->refs, 1);
    t->db = floe_strdup(db);
    t->name = floe_strdup(create->u.create_table.name);
    t->engine = ee->name;
    t->create = (floe_ast *)create;
    t->n_cols = n;
    t->cols = floe_arena_alloc(&t->arena, n * sizeof *t->cols);
    for (size_t i = 0; i < n; i++) {
        const floe_ast *c = create->u.create_table.columns[i];
        floe_table_column *tc = &t->cols[i];
        tc->name = floe_arena_strdup(&t->arena, c->u.column.name);
        for (size_t j = 0; j < i; j++)
            if (strcmp(t->cols[j].name, tc->name) == 0) {
                floe_table_unref(t);
                return floe_error(FLOE_ERR_DUPLICATE_COLUMN, "Column %s already exists",
                                  tc->name);
            }
        tc->default_kind = c->u.column.default_kind;
        tc->default_expr = c->u.column.default_expr;
        tc->comment = c->u.column.comment;
        if (c->u.column.type) {
            if (floe_type_parse(&tc->type, c->u.column.type, strlen(c->u.column.type)) < 0) {
                floe_table_unref(t);
                return -1;
            }
        } else {
            floe_table_unref(t);
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                              "Columns without a type (type from the default expression) are "
                              "not supported yet: %s",
                              tc->name);
        }
        if (tc->default_kind == FLOE_COLUMN_EPHEMERAL) {
            floe_table_unref(t);
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "EPHEMERAL columns are not supported yet: %s",
                              tc->name);
        }
    }
    t->data_dir = data_dir ? floe_strdup(data_dir) : NULL;
    t->storage = storage;
    if (ee->init(t, engine) < 0) {
        floe_table_unref(t);
        return -1;
    }
    *out = t;
    return 0;
}

void floe_table_ref(floe_table *t)
{
    atomic_fetch_add(&t->refs, 1);
}

void floe_table_unref(floe_table *t)
{
    if (!t || atomic_fetch_sub(&t->refs, 1) != 1)
        return;
    if (t->ops && t->ops->free)
        t->ops->free(t);
    floe_arena_free(&t->arena);
    floe_free(t->db);
    floe_free(t->name);
    floe_free(t->data_dir);
    floe_free(t);
}

int floe_table_find_column(const floe_table *t, const char *name)
{
    for (size_t i = 0; i < t->n_cols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* A table seen by SELECT: ordinary columns first (what * expands to), then
 * MATERIALIZED ones, which are read only when named. map[i] is relation
 * column i's index in the table. */
typedef struct table_rel {
    floe_table *t;
    size_t *map;
} table_rel;

static int rel_scan(floe_relation *r, floe_op **out, const size_t *cols, size_t n,
                    const floe_ast *where, floe_exec_ctx *ctx)
{
    table_rel *tr = r->impl;
    size_t *tcols = floe_arena_alloc(ctx->arena, (n + 1) * sizeof *tcols);
    for (size_t i = 0; i < n; i++)
        tcols[i] = tr->map[cols[i]];
    return tr->t->ops->scan(tr->t, out, tcols, n, where, ctx);
}

static void rel_release(floe_relation *r)
{
    table_rel *tr = r->impl;
    floe_table_unref(tr->t);
    floe_free(tr->map);
    floe_free(tr);
    floe_free(r);
}

floe_relation *floe_table_relation(floe_table *t, floe_exec_ctx *ctx)
{
    floe_relation *r = floe_calloc(1, sizeof *r);
    table_rel *tr = floe_calloc(1, sizeof *tr);
    floe_table_ref(t);
    tr->t = t;
    size_t total = t->n_cols + t->n_virtual + 1;
    tr->map = floe_malloc(total * sizeof *tr->map);
    r->names = floe_arena_alloc(ctx->arena, total * sizeof *r->names);
    r->types = floe_arena_alloc(ctx->arena, total * sizeof *r->types);
    size_t k = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < t->n_cols; i++) {
            bool hidden = t->cols[i].default_kind == FLOE_COLUMN_MATERIALIZED ||
                          t->cols[i].default_kind == FLOE_COLUMN_ALIAS;
            if (hidden != (pass == 1))
                continue;
            r->names[k] = floe_arena_strdup(ctx->arena, t->cols[i].name);
            r->types[k] = t->cols[i].type;
            tr->map[k++] = i;
        }
        if (pass == 0)
            r->n_visible = k;
    }
    for (size_t v = 0; v < t->n_virtual; v++) {
        r->names[k] = floe_arena_strdup(ctx->arena, t->virtual_names[v]);
        r->types[k] = t->virtual_types[v];
        tr->map[k++] = t->n_cols + v;
    }
    r->n_cols = k;
    r->qual = floe_arena_strdup(ctx->arena, t->name);
    r->scan = rel_scan;
    r->release = rel_release;
    r->impl = tr;
    return r;
}
