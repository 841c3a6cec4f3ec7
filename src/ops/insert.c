/*
 * INSERT: rows from inline data or standard input in any input format, from
 * VALUES (literals fast, expressions through the evaluator), or from a
 * SELECT; converted to the table's column types, completed with DEFAULT and
 * MATERIALIZED values, and handed to the table only when every row parsed,
 * so a bad row inserts nothing.
 */
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "ops/internal.h"
#include "sql/parser.h"
#include "storage/lake/lake_common.h"
#include "types/cast.h"

typedef struct insert_target {
    floe_table *table;
    size_t n; /* target columns, in the order the data gives them */
    size_t *cols;
    const char **names;
    const floe_type **types;
} insert_target;

static int resolve_columns(insert_target *it, floe_stmt *st, const floe_ast *stmt)
{
    floe_table *t = it->table;
    size_t n = stmt->u.insert.n_columns;
    bool all = n == 0;
    for (size_t i = 0; i < n; i++)
        if (stmt->u.insert.columns[i]->kind == FLOE_AST_ASTERISK)
            all = true;
    it->cols = floe_arena_alloc(&st->arena, (t->n_cols + n + 1) * sizeof *it->cols);
    it->n = 0;
    if (all) {
        for (size_t i = 0; i < t->n_cols; i++)
            if (t->cols[i].default_kind != FLOE_COLUMN_MATERIALIZED &&
                t->cols[i].default_kind != FLOE_COLUMN_ALIAS)
                it->cols[it->n++] = i;
    } else {
        for (size_t i = 0; i < n; i++) {
            const floe_ast *c = stmt->u.insert.columns[i];
            const char *name = c->u.ident.parts[c->u.ident.n_parts - 1];
            int idx = floe_table_find_column(t, name);
            if (idx < 0 || t->cols[idx].default_kind == FLOE_COLUMN_ALIAS)
                return floe_error(FLOE_ERR_NO_SUCH_COLUMN_IN_TABLE,
                                  "No such column %s in table %s.%s", name, t->db, t->name);
            if (t->cols[idx].default_kind == FLOE_COLUMN_MATERIALIZED)
                return floe_error(FLOE_ERR_ILLEGAL_COLUMN,
                                  "Cannot insert column %s, because it is MATERIALIZED column",
                                  name);
            for (size_t k = 0; k < it->n; k++)
                if (it->cols[k] == (size_t)idx)
                    return floe_error(FLOE_ERR_DUPLICATE_COLUMN,
                                      "Column %s in table %s.%s specified more than once", name,
                                      t->db, t->name);
            it->cols[it->n++] = (size_t)idx;
        }
    }
    it->names = floe_arena_alloc(&st->arena, (it->n + 1) * sizeof *it->names);
    it->types = floe_arena_alloc(&st->arena, (it->n + 1) * sizeof *it->types);
    for (size_t i = 0; i < it->n; i++) {
        it->names[i] = t->cols[it->cols[i]].name;
        it->types[i] = t->cols[it->cols[i]].type;
    }
    return 0;
}

/* Turns a block of target columns into a block of every stored column. */
static int complete_block(floe_block **out, floe_stmt *st, const insert_target *it,
                          floe_block *in)
{
    floe_table *t = it->table;
    floe_block *r = floe_block_new();
    floe_column **given = floe_calloc(t->n_cols + 1, sizeof *given);
    int rc = -1;
    for (size_t i = 0; i < it->n; i++) {
        floe_column *c = in->cols[i];
        const floe_type *to = t->cols[it->cols[i]].type;
        if (c->type != to) {
            floe_column *conv = NULL;
            if (floe_cast_column(&conv, c, to, FLOE_CAST_THROW, st->ctx.fctx.session_tz) < 0)
                goto done;
            given[it->cols[i]] = conv;
        } else {
            given[it->cols[i]] = floe_column_clone(c);
        }
    }
    /* Defaults see the given columns by name, and each other: a default may
     * use a column that is itself defaulted, so they are computed in passes
     * until none is left (or none can be computed: a cycle or a bad name). */
    floe_block *scope_block = floe_block_new();
    const char **names = floe_arena_alloc(&st->arena, (t->n_cols + 1) * sizeof *names);
    const floe_type **types = floe_arena_alloc(&st->arena, (t->n_cols + 1) * sizeof *types);
    size_t ns = 0;
    for (size_t c = 0; c < t->n_cols; c++)
        if (given[c]) {
            names[ns] = t->cols[c].name;
            types[ns] = given[c]->type;
            floe_block_add(scope_block, names[ns], floe_column_clone(given[c]));
            ns++;
        }
    scope_block->rows = in->rows;
    for (size_t c = 0; c < t->n_cols; c++) {
        const floe_table_column *tc = &t->cols[c];
        if (given[c] || tc->default_expr)
            continue;
        floe_column *d = floe_column_new(tc->type);
        floe_column_reserve(d, in->rows, 0);
        for (size_t i = 0; i < in->rows; i++) {
            if (floe_type_is_nullable(tc->type))
                floe_column_push_null(d);
            else
                floe_column_push_default(d);
        }
        given[c] = d;
        names[ns] = tc->name;
        types[ns] = tc->type;
        floe_block_add(scope_block, tc->name, floe_column_clone(d));
        ns++;
    }
    for (size_t pass = 0; pass <= t->n_cols; pass++) {
        bool progress = false, pending = false;
        for (size_t c = 0; c < t->n_cols; c++) {
            const floe_table_column *tc = &t->cols[c];
            if (given[c])
                continue;
            floe_scope sc = {0};
            sc.n_cols = ns;
            sc.names = names;
            sc.types = types;
            sc.fctx = &st->ctx.fctx;
            sc.arena = &st->arena;
            floe_expr *e;
            floe_column *v = NULL, *conv = NULL;
            bool owned = false;
            int erc = floe_expr_compile(&e, &sc, tc->default_expr);
            if (erc < 0 && floe_error_code() == FLOE_ERR_UNKNOWN_IDENTIFIER &&
                pass < t->n_cols) {
                /* may depend on a default computed later in this pass */
                floe_scope_free(&sc);
                pending = true;
                continue;
            }
            if (erc == 0)
                erc = floe_expr_eval(&v, &owned, e, scope_block, &st->ctx.fctx);
            if (erc == 0 && v->type != tc->type)
                erc = floe_cast_column(&conv, v, tc->type, FLOE_CAST_THROW,
                                       st->ctx.fctx.session_tz);
            if (erc == 0) {
                given[c] = conv ? conv : (owned ? v : floe_column_clone(v));
                if (conv && owned)
                    floe_column_free(v);
            } else if (owned) {
                floe_column_free(v);
            }
            floe_scope_free(&sc);
            if (erc < 0) {
                floe_block_free(scope_block);
                goto done;
            }
            names[ns] = tc->name;
            types[ns] = tc->type;
            floe_block_add(scope_block, tc->name, floe_column_clone(given[c]));
            scope_block->rows = in->rows;
            ns++;
            progress = true;
        }
        if (!pending)
            break;
        (void)progress;
    }
    floe_block_free(scope_block);
    for (size_t c = 0; c < t->n_cols; c++) {
        floe_block_add(r, t->cols[c].name, given[c]);
        given[c] = NULL;
    }
    r->rows = in->rows;
    *out = r;
    r = NULL;
    rc = 0;
done:
    for (size_t c = 0; c < t->n_cols; c++)
        floe_column_free(given[c]);
    floe_free(given);
    floe_block_free(r);
    return rc;
}

/* Rows on their way into the table: completed blocks are squashed into
 * pending and handed to the table whenever pending reaches
 * min_insert_block_size_rows (as ClickHouse squashes), so an INSERT of up to
 * that many rows is one part per partition and memory stays bounded. */
typedef struct block_list {
    floe_table *table;
    floe_insert_settings is;
    floe_block *pending;
    uint64_t squash;
    uint64_t flushed; /* blocks already in the table */
} block_list;

static int flush_pending(block_list *l)
{
    if (!l->pending)
        return 0;
    int rc = l->table->ops->insert_with
                 ? l->table->ops->insert_with(l->table, l->pending, &l->is)
                 : l->table->ops->insert(l->table, l->pending);
    floe_block_free(l->pending);
    l->pending = NULL;
    l->flushed++;
    return rc;
}

static int add_block(block_list *l, floe_stmt *st, const insert_target *it, floe_block *in)
{
    floe_block *full = NULL;
    if (complete_block(&full, st, it, in) < 0)
        return -1;
    if (!l->pending) {
        l->pending = full;
    } else {
        for (size_t c = 0; c < full->n_cols; c++)
            floe_column_append_range(l->pending->cols[c], full->cols[c], 0, full->rows);
        l->pending->rows += full->rows;
        floe_block_free(full);
    }
    if (l->squash && l->pending->rows >= l->squash)
        return flush_pending(l);
    return 0;
}

/* ---- VALUES with expressions: one tuple at a time through the evaluator ---- */

static size_t skip_space(const char *p, size_t i, size_t len)
{
    while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
        i++;
    return i;
}

/* The index just past the ')' matching the '(' at p[i], or 0. */
static size_t match_paren(const char *p, size_t i, size_t len)
{
    int depth = 0;
    for (; i < len; i++) {
        char c = p[i];
        if (c == '\'' || c == '"' || c == '`') {
            for (i++; i < len && p[i] != c; i++)
                if (p[i] == '\\')
                    i++;
            continue;
        }
        if (c == '(' || c == '[')
            depth++;
        else if (c == ')' || c == ']') {
            if (--depth == 0)
                return i + 1;
        }
    }
    return 0;
}

static int values_by_expressions(block_list *l, floe_stmt *st, const insert_target *it,
                                 const char *p, size_t len)
{
    floe_block *b = floe_block_new();
    for (size_t c = 0; c < it->n; c++)
        floe_block_add(b, it->names[c], floe_column_new(it->types[c]));
    b->rows = 0;
    size_t i = skip_space(p, 0, len), row = 0;
    int rc = -1;
    while (i < len && p[i] != ';') {
        if (p[i] != '(') {
            floe_error(FLOE_ERR_SYNTAX_ERROR, "Cannot parse expression of type Tuple here: %.*s",
                       (int)(len - i < 40 ? len - i : 40), p + i);
            goto done;
        }
        size_t end = match_paren(p, i, len);
        if (!end) {
            floe_error(FLOE_ERR_SYNTAX_ERROR, "Unbalanced parentheses in VALUES");
            goto done;
        }
        floe_arena a = FLOE_ARENA_INIT;
        floe_ast *e = NULL;
        if (floe_sql_parse_expr(&e, &a, p + i, end - i) < 0) {
            floe_arena_free(&a);
            goto done;
        }
        floe_ast *const *items = &e;
        size_t n_items = 1;
        if (e->kind == FLOE_AST_FUNC && strcmp(e->u.func.name, "tuple") == 0 &&
            e->u.func.is_operator) {
            items = e->u.func.args;
            n_items = e->u.func.n_args;
        }
        if (n_items != it->n) {
            floe_arena_free(&a);
            floe_error(FLOE_ERR_NUMBER_OF_COLUMNS_DOESNT_MATCH,
                       "Number of columns doesn't match (source: %zu and result: %zu)", n_items,
                       it->n);
            goto done;
        }
        for (size_t c = 0; c < n_items; c++) {
            floe_scope sc = {0};
            sc.fctx = &st->ctx.fctx;
            sc.arena = &a;
            floe_expr *x;
            floe_column *v = NULL, *conv = NULL;
            int erc = floe_expr_compile(&x, &sc, items[c]);
            if (erc == 0 && x->kind != FLOE_EXPR_CONST)
                erc = floe_error(FLOE_ERR_BAD_ARGUMENTS,
                                 "Expression in VALUES is not constant (row %zu)", row + 1);
            if (erc == 0)
                erc = floe_cast_column(&conv, x->value, it->types[c], FLOE_CAST_THROW,
                                       st->ctx.fctx.session_tz);
            if (erc == 0)
                floe_column_push_from(b->cols[c], conv, 0);
            floe_column_free(v);
            floe_column_free(conv);
            floe_scope_free(&sc);
            if (erc < 0) {
                floe_arena_free(&a);
                goto done;
            }
        }
        floe_arena_free(&a);
        b->rows++;
        row++;
        i = skip_space(p, end, len);
        if (i < len && p[i] == ',')
            i = skip_space(p, i + 1, len);
    }
    rc = add_block(l, st, it, b);
done:
    floe_block_free(b);
    return rc;
}

static int read_format(block_list *l, floe_stmt *st, const insert_target *it, const char *fmt,
                       floe_source src)
{
    floe_format_settings fs;
    floe_ops_format_settings(&fs, st);
    floe_input_format *f = NULL;
    if (floe_input_format_new(&f, fmt, it->n, it->names, it->types, &fs, src) < 0)
        return -1;
    int rc = 0;
    size_t bs = st->ctx.settings.max_block_size ? st->ctx.settings.max_block_size : 65409;
    for (;;) {
        floe_block *b = NULL;
        if ((rc = floe_exec_check_cancel(&st->ctx)) < 0)
            break;
        if ((rc = floe_input_format_read(f, &b, bs)) < 0 || !b)
            break;
        rc = add_block(l, st, it, b);
        floe_block_free(b);
        if (rc < 0)
            break;
    }
    floe_input_format_free(f);
    return rc;
}

/* INSERT INTO FUNCTION file(...): rows go through a file sink, which
 * writes a temporary file and renames it into place at the end. */
static int insert_into_file(floe_stmt *st, const floe_ast *stmt)
{
    const floe_ast *fn = stmt->u.insert.function;
    floe_file_options o;
    floe_ops_file_options(&o, st);
    char dir[4096];
    floe_ops_user_files(dir, sizeof dir, st);
    floe_file_sink *sink = NULL;
    floe_op *op = NULL;
    int rc = -1;
    if (stmt->u.insert.n_columns)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "A column list in INSERT INTO FUNCTION is not supported yet");
    if (stmt->u.insert.select) {
        if (floe_select_plan(&op, stmt->u.insert.select, &st->ctx) < 0)
            return -1;
        if (floe_file_sink_open(&sink, fn, dir, op->n_cols, op->names, op->types, &o, &st->ctx) <
            0)
            goto done;
        for (;;) {
            floe_block *b = NULL;
            if (op->next(op, &b) < 0)
                goto done;
            if (!b)
                break;
            int w = floe_file_sink_write(sink, b);
            floe_block_free(b);
            if (w < 0)
                goto done;
        }
    } else {
        if (floe_file_sink_open(&sink, fn, dir, 0, NULL, NULL, &o, &st->ctx) < 0)
            goto done;
        size_t n;
        const char *const *names;
        const floe_type *const *types;
        floe_file_sink_columns(sink, &n, &names, &types);
        const char *fmt = stmt->u.insert.format ? stmt->u.insert.format : "Values";
        floe_format_settings fs;
        floe_ops_format_settings(&fs, st);
        floe_mem_source_state ms;
        floe_source src;
        if (stmt->u.insert.has_data)
            src = floe_source_mem(&ms, st->sql + stmt->u.insert.data_pos,
                                  stmt->u.insert.data_end - stmt->u.insert.data_pos);
        else if (st->opts->input)
            src = (floe_source){st->opts->input, st->opts->input_ctx};
        else
            src = floe_source_mem(&ms, "", 0);
        floe_input_format *f = NULL;
        if (floe_input_format_new(&f, fmt, n, names, types, &fs, src) < 0)
            goto done;
        for (;;) {
            floe_block *b = NULL;
            int r = floe_input_format_read(f, &b, st->ctx.settings.max_block_size);
            if (r == 0 && b)
                r = floe_file_sink_write(sink, b);
            floe_block_free(b);
            if (r < 0) {
                floe_input_format_free(f);
                goto done;
            }
            if (!b)
                break;
        }
        floe_input_format_free(f);
    }
    if (floe_file_sink_finish(sink) < 0)
        goto done;
    rc = 0;
done:
    if (op)
        op->free(op);
    floe_file_sink_free(sink);
    return rc;
}

/* INSERT INTO FUNCTION s3(...) / azureBlobStorage(...) SELECT ... or
 * VALUES: one new object, uploaded whole or not at all. */
static int insert_into_lake(floe_stmt *st, const floe_ast *stmt)
{
    const floe_ast *fn = stmt->u.insert.function;
    floe_lake_sink *sink = NULL;
    floe_op *op = NULL;
    floe_input_format *f = NULL;
    int rc = -1;
    if (stmt->u.insert.n_columns)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "A column list in INSERT INTO FUNCTION is not supported yet");
    bool az = strcmp(fn->u.func.name, "azureBlobStorage") == 0;
    floe_lake_sink_options lo = {
        floe_settings_bool(st->settings, az ? "azure_truncate_on_insert" : "s3_truncate_on_insert"),
        floe_settings_bool(st->settings, az ? "azure_create_new_file_on_insert"
                                            : "s3_create_new_file_on_insert")};
    if (stmt->u.insert.select) {
        if (floe_select_plan(&op, stmt->u.insert.select, &st->ctx) < 0)
            return -1;
        if (floe_lake_sink_open(&sink, fn, st->session->db->path, op->n_cols, op->names,
                                op->types, &lo, &st->ctx) < 0)
            goto done;
    } else {
        if (floe_lake_sink_open(&sink, fn, st->session->db->path, 0, NULL, NULL, &lo, &st->ctx) <
            0)
            goto done;
        size_t n;
        const char *const *names;
        const floe_type *const *types;
        floe_lake_sink_columns(sink, &n, &names, &types);
        floe_format_settings fs;
        floe_ops_format_settings(&fs, st);
        floe_mem_source_state ms;
        floe_source src = floe_source_mem(&ms, "", 0);
        if (stmt->u.insert.has_data)
            src = floe_source_mem(&ms, st->sql + stmt->u.insert.data_pos,
                                  stmt->u.insert.data_end - stmt->u.insert.data_pos);
        const char *fmt = stmt->u.insert.format ? stmt->u.insert.format : "Values";
        if (floe_input_format_new(&f, fmt, n, names, types, &fs, src) < 0)
            goto done;
    }
    for (;;) {
        floe_block *b = NULL;
        int r = op ? op->next(op, &b) : floe_input_format_read(f, &b, st->ctx.settings.max_block_size);
        if (r == 0 && b)
            r = floe_lake_sink_write(sink, b);
        floe_block_free(b);
        if (r < 0)
            goto done;
        if (!b)
            break;
    }
    rc = floe_lake_sink_finish(sink);
done:
    if (op)
        op->free(op);
    floe_input_format_free(f);
    floe_lake_sink_free(sink);
    return rc;
}

int floe_ops_insert(floe_stmt *st, const floe_ast *stmt)
{
    if (stmt->u.insert.function) {
        if (strcmp(stmt->u.insert.function->u.func.name, "file") == 0)
            return insert_into_file(st, stmt);
        if (strcmp(stmt->u.insert.function->u.func.name, "s3") == 0 ||
            strcmp(stmt->u.insert.function->u.func.name, "azureBlobStorage") == 0)
            return insert_into_lake(st, stmt);
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "INSERT INTO FUNCTION %s is not supported yet",
                          stmt->u.insert.function->u.func.name);
    }
    if (stmt->u.insert.infile)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "INSERT ... FROM INFILE is not supported yet");
    insert_target it = {0};
    const char *db = stmt->u.insert.db ? stmt->u.insert.db : st->session->database;
    if (floe_catalog_is_builtin_database(db))
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Cannot insert into system tables");
    if (floe_catalog_get_table(&it.table, st->session->db->catalog, db, stmt->u.insert.name) < 0)
        return -1;
    block_list l = {0};
    l.table = it.table;
    l.squash = floe_settings_u64(st->settings, "min_insert_block_size_rows");
    l.is.max_partitions_per_insert_block =
        floe_settings_u64(st->settings, "max_partitions_per_insert_block");
    l.is.throw_on_max_partitions_per_insert_block =
        floe_settings_bool(st->settings, "throw_on_max_partitions_per_insert_block");
    int rc = -1;
    if (resolve_columns(&it, st, stmt) < 0)
        goto done;
    if (stmt->u.insert.select) {
        floe_op *op;
        if (floe_select_plan(&op, stmt->u.insert.select, &st->ctx) < 0)
            goto done;
        if (op->n_cols != it.n) {
            floe_error(FLOE_ERR_NUMBER_OF_COLUMNS_DOESNT_MATCH,
                       "Number of columns doesn't match (source: %zu and result: %zu)",
                       op->n_cols, it.n);
            op->free(op);
            goto done;
        }
        for (;;) {
            floe_block *b = NULL;
            if (op->next(op, &b) < 0) {
                op->free(op);
                goto done;
            }
            if (!b)
                break;
            int arc = add_block(&l, st, &it, b);
            floe_block_free(b);
            if (arc < 0) {
                op->free(op);
                goto done;
            }
        }
        op->free(op);
    } else {
        const char *fmt = stmt->u.insert.format ? stmt->u.insert.format : "Values";
        if (!floe_input_format_exists(fmt)) {
            floe_error(FLOE_ERR_UNKNOWN_FORMAT, "Unknown input format %s", fmt);
            goto done;
        }
        if (stmt->u.insert.has_data) {
            const char *p = st->sql + stmt->u.insert.data_pos;
            size_t len = stmt->u.insert.data_end - stmt->u.insert.data_pos;
            floe_mem_source_state ms;
            floe_source src = floe_source_mem(&ms, p, len);
            if (read_format(&l, st, &it, fmt, src) < 0) {
                if (strcmp(fmt, "Values") != 0)
                    goto done;
                /* literals failed: evaluate the tuples as expressions (unless
                 * some rows already went in, which only a huge VALUES does) */
                if (l.flushed)
                    goto done;
                floe_block_free(l.pending);
                l.pending = NULL;
                floe_error_clear();
                if (values_by_expressions(&l, st, &it, p, len) < 0)
                    goto done;
            }
        } else if (st->opts->input) {
            floe_source src = {st->opts->input, st->opts->input_ctx};
            if (read_format(&l, st, &it, fmt, src) < 0)
                goto done;
        }
    }
    if (flush_pending(&l) < 0)
        goto done;
    rc = 0;
done:
    floe_block_free(l.pending);
    floe_table_unref(it.table);
    return rc;
}
