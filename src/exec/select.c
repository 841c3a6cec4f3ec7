/*
 * The SELECT planner: binds a SELECT (or UNION) to its source and builds the
 * operator tree — scan, WHERE, aggregation, HAVING, projection, DISTINCT,
 * ORDER BY, LIMIT — resolving names as ClickHouse's analyzer does: SELECT
 * and WITH aliases are visible in every clause, positional arguments in
 * GROUP BY and ORDER BY, and after aggregation only keys and aggregates.
 */
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "exec/op.h"
#include "types/cast.h"

typedef struct planner {
    floe_exec_ctx *ctx;
    const floe_ast *q;
    const floe_ast *const *with;
    size_t n_with;
    const floe_ast **exprs; /* SELECT list with * expanded */
    size_t n_exprs;
    floe_relation *rel;
} planner;

static const floe_ast *find_alias(void *vp, const char *name)
{
    planner *p = vp;
    for (size_t i = 0; i < p->n_exprs; i++)
        if (p->exprs[i]->alias && strcmp(p->exprs[i]->alias, name) == 0)
            return p->exprs[i];
    for (size_t i = 0; i < p->n_with; i++)
        if (p->with[i]->alias && strcmp(p->with[i]->alias, name) == 0)
            return p->with[i];
    return NULL;
}

static int run_subquery(void *vp, const floe_ast *q, floe_block **out)
{
    planner *p = vp;
    return floe_select_collect(out, q, p->ctx);
}

/* The CTE called name: the query's own WITH first, then the enclosing
 * queries' (ctx->with_stack holds the SELECTs being planned). */
static const floe_ast *find_cte(const planner *p, const char *name)
{
    for (size_t i = 0; i < p->n_with; i++)
        if (p->with[i]->kind == FLOE_AST_SUBQUERY && p->with[i]->alias &&
            strcmp(p->with[i]->alias, name) == 0)
            return p->with[i]->u.subquery.query;
    const floe_exec_ctx *ctx = p->ctx;
    for (size_t k = ctx->n_with_stack; k-- > 0;) {
        const floe_ast *q = ctx->with_stack[k];
        if (q == p->q)
            continue;
        for (size_t i = 0; i < q->u.select.n_with; i++) {
            const floe_ast *w = q->u.select.with[i];
            if (w->kind == FLOE_AST_SUBQUERY && w->alias && strcmp(w->alias, name) == 0)
                return w->u.subquery.query;
        }
    }
    return NULL;
}

static int open_source(planner *p, floe_relation **out, const floe_ast *from)
{
    floe_exec_ctx *ctx = p->ctx;
    if (!from) {
        *out = floe_exec_one_row(ctx);
        return 0;
    }
    switch (from->kind) {
    case FLOE_AST_TABLE: {
        const floe_ast *cte = from->u.table.db ? NULL : find_cte(p, from->u.table.name);
        if (cte) {
            floe_op *op;
            if (floe_select_plan(&op, cte, ctx) < 0)
                return -1;
            *out = floe_relation_from_op(op, ctx);
            (*out)->qual = from->alias ? from->alias : from->u.table.name;
            return 0;
        }
        if (!ctx->open_table)
            return floe_error(FLOE_ERR_UNKNOWN_TABLE, "Table %s does not exist",
                              from->u.table.name);
        if (ctx->open_table(ctx->env, out, from->u.table.db, from->u.table.name, ctx) < 0)
            return -1;
        if (from->alias)
            (*out)->qual = from->alias;
        return 0;
    }
    case FLOE_AST_FUNC: {
        int r = floe_exec_table_function(out, from, ctx);
        if (r < 0)
            return -1;
        if (r == 0) {
            if (!ctx->open_table_function)
                return floe_error(FLOE_ERR_UNKNOWN_FUNCTION, "Unknown table function %s",
                                  from->u.func.name);
            if (ctx->open_table_function(ctx->env, out, from, ctx) < 0)
                return -1;
        }
        (*out)->qual = from->alias;
        return 0;
    }
    case FLOE_AST_SUBQUERY: {
        floe_op *op;
        if (floe_select_plan(&op, from->u.subquery.query, ctx) < 0)
            return -1;
        *out = floe_relation_from_op(op, ctx);
        (*out)->qual = from->alias;
        return 0;
    }
    case FLOE_AST_JOIN: {
        if (from->u.join.kind == FLOE_JOIN_ARRAY || from->u.join.kind == FLOE_JOIN_PASTE)
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "ARRAY JOIN and PASTE JOIN are not "
                                                        "supported yet");
        floe_relation *l = NULL, *r = NULL;
        if (open_source(p, &l, from->u.join.left) < 0)
            return -1;
        if (open_source(p, &r, from->u.join.right) < 0) {
            l->release(l);
            return -1;
        }
        return floe_exec_join(out, l, r, from, ctx);
    }
    default:
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Unexpected FROM element %s",
                          floe_ast_kind_name(from->kind));
    }
}

/* ---- which relation columns the query reads ---- */

static void mark_idents(planner *p, const floe_ast *e, bool *used, int depth);

static void mark_name(planner *p, const char *name, bool *used)
{
    for (size_t i = 0; i < p->rel->n_cols; i++)
        if (strcmp(p->rel->names[i], name) == 0)
            used[i] = true;
}

static void mark_list(planner *p, floe_ast *const *list, size_t n, bool *used, int depth)
{
    for (size_t i = 0; i < n; i++)
        mark_idents(p, list[i], used, depth);
}

static void mark_idents(planner *p, const floe_ast *e, bool *used, int depth)
{
    if (!e || depth > 200)
        return;
    switch (e->kind) {
    case FLOE_AST_IDENT: {
        size_t n = e->u.ident.n_parts;
        mark_name(p, e->u.ident.parts[n - 1], used);
        if (n > 1) {
            floe_buf full = FLOE_BUF_INIT;
            for (size_t i = 0; i < n; i++) {
                if (i)
                    floe_buf_putc(&full, '.');
                floe_buf_puts(&full, e->u.ident.parts[i]);
            }
            mark_name(p, full.data, used);
            floe_buf_free(&full);
        }
        if (n == 1) {
            const floe_ast *a = find_alias(p, e->u.ident.parts[0]);
            if (a && a != e)
                mark_idents(p, a, used, depth + 1);
        }
        break;
    }
    case FLOE_AST_FUNC:
        mark_list(p, e->u.func.args, e->u.func.n_args, used, depth + 1);
        break;
    case FLOE_AST_ORDER_ITEM:
        mark_idents(p, e->u.order.expr, used, depth + 1);
        break;
    case FLOE_AST_SUBQUERY: {
        /* correlated references are not supported; nothing to read here */
        break;
    }
    default:
        break;
    }
}

/* ---- constants ---- */

static int const_u64(uint64_t *out, const floe_ast *e, floe_exec_ctx *ctx, const char *what)
{
    floe_scope sc = {0};
    sc.fctx = &ctx->fctx;
    sc.arena = ctx->arena;
    floe_expr *x;
    floe_column *v = NULL;
    int rc = -1;
    if (floe_expr_compile(&x, &sc, e) < 0) {
        if (floe_error_code() == FLOE_ERR_UNKNOWN_IDENTIFIER) {
            floe_buf b = FLOE_BUF_INIT;
            floe_ast_format(&b, e, true);
            floe_error(FLOE_ERR_INVALID_LIMIT_EXPRESSION,
                       "%s expression must be constant with numeric type. Actual: %s", what,
                       b.data ? b.data : "");
            floe_buf_free(&b);
        }
        goto done;
    }
    if (x->kind != FLOE_EXPR_CONST || !floe_type_is_integer(floe_type_base(x->type))) {
        floe_error(FLOE_ERR_INVALID_LIMIT_EXPRESSION,
                   "The value %s of %s expression is not representable as UInt64", x->type->name,
                   what);
        goto done;
    }
    if (floe_cast_column(&v, x->value, floe_type_get(FLOE_TYPE_UINT64), FLOE_CAST_THROW, NULL) < 0)
        goto done;
    *out = FLOE_COL_DATA(v, uint64_t)[0];
    rc = 0;
done:
    floe_column_free(v);
    floe_scope_free(&sc);
    return rc;
}

/* A positional reference (ORDER BY 2) to a SELECT expression, or e itself. */
static const floe_ast *positional(const planner *p, const floe_ast *e)
{
    if (!p->ctx->settings.enable_positional_arguments || e->kind != FLOE_AST_LITERAL)
        return e;
    const floe_value *v = &e->u.lit.value;
    if (v->is_null || !floe_type_is_integer(v->type) || floe_type_is_signed(v->type))
        return e;
    if (v->v.u >= 1 && v->v.u <= p->n_exprs)
        return p->exprs[v->v.u - 1];
    return e;
}

/* An IDENT naming a SELECT alias stands for the aliased expression. */
static const floe_ast *unalias(planner *p, const floe_ast *e)
{
    for (int i = 0; i < 8 && e->kind == FLOE_AST_IDENT && e->u.ident.n_parts == 1; i++) {
        const floe_ast *a = find_alias(p, e->u.ident.parts[0]);
        if (!a || a == e)
            break;
        e = a;
    }
    return e;
}

/* ---- aggregates ---- */

typedef struct agg_list {
    const floe_ast **nodes;
    size_t n, cap;
    bool window; /* a window function was seen */
} agg_list;

static void collect_aggs(planner *p, const floe_ast *e, agg_list *l, int depth)
{
    if (!e || depth > 200)
        return;
    if (e->kind == FLOE_AST_IDENT && e->u.ident.n_parts == 1) {
        const floe_ast *a = find_alias(p, e->u.ident.parts[0]);
        if (a && a != e)
            collect_aggs(p, a, l, depth + 1);
        return;
    }
    if (e->kind == FLOE_AST_ORDER_ITEM) {
        collect_aggs(p, e->u.order.expr, l, depth + 1);
        return;
    }
    if (e->kind != FLOE_AST_FUNC)
        return;
    if (e->u.func.over || e->u.func.over_name) {
        l->window = true; /* window functions are not run */
        return;
    }
    if (floe_func_is_aggregate(e->u.func.name) || strcmp(e->u.func.name, "countDistinct") == 0 ||
        (e->u.func.distinct && strcmp(e->u.func.name, "count") == 0)) {
        for (size_t i = 0; i < l->n; i++)
            if (l->nodes[i] == e)
                return;
        FLOE_GROW(l->nodes, l->cap, l->n + 1);
        l->nodes[l->n++] = e;
        return;
    }
    for (size_t i = 0; i < e->u.func.n_args; i++)
        collect_aggs(p, e->u.func.args[i], l, depth + 1);
}

static int build_agg_call(planner *p, floe_agg_call *c, const floe_ast *e, floe_scope *sc,
                          const char *name)
{
    const char *fname = e->u.func.name;
    if (strcmp(fname, "countDistinct") == 0)
        fname = "uniqExact"; /* count_distinct_implementation */
    if (e->u.func.distinct) {
        /* f(DISTINCT x) is the -Distinct combinator, count's is uniqExact */
        size_t fl = strlen(fname);
        if (strcmp(fname, "count") == 0 || strcmp(fname, "uniqExact") == 0) {
            fname = "uniqExact";
        } else if (fl < 8 || strcmp(fname + fl - 8, "Distinct") != 0) {
            char *d = floe_arena_alloc(p->ctx->arena, fl + 9);
            memcpy(d, fname, fl);
            memcpy(d + fl, "Distinct", 9);
            if (!floe_agg_find(d))
                return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "%s(DISTINCT ...) is not supported",
                                  fname);
            fname = d;
        }
    }
    if (e->u.func.n_params)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Parametric aggregate function %s is not "
                          "supported yet",
                          fname);
    const floe_agg_func *fn = floe_agg_find(fname);
    if (!fn)
        return floe_error(FLOE_ERR_UNKNOWN_AGGREGATE_FUNCTION, "Unknown aggregate function %s",
                          fname);
    size_t n = e->u.func.n_args;
    if (n == 1 && e->u.func.args[0]->kind == FLOE_AST_ASTERISK && strcmp(fn->name, "count") == 0)
        n = 0;
    c->fn = fn;
    c->name = name;
    c->n_args = n;
    c->args = floe_arena_alloc(p->ctx->arena, (n ? n : 1) * sizeof *c->args);
    c->arg_types = floe_arena_alloc(p->ctx->arena, (n ? n : 1) * sizeof *c->arg_types);
    for (size_t i = 0; i < n; i++) {
        const floe_ast *a = e->u.func.args[i];
        if (floe_ast_has_aggregate(a))
            return floe_error(FLOE_ERR_ILLEGAL_AGGREGATION,
                              "Aggregate function %s is found inside another aggregate function "
                              "in query",
                              name);
        if (floe_expr_compile(&c->args[i], sc, a) < 0)
            return -1;
        c->arg_types[i] = c->args[i]->type;
    }
    floe_func_args fa = {n, c->arg_types, NULL};
    const floe_column **consts = floe_arena_alloc(p->ctx->arena, (n ? n : 1) * sizeof *consts);
    fa.consts = consts;
    return fn->resolve(&c->ret, &fa, NULL, 0);
}

/* A WHERE, PREWHERE or HAVING condition must be a number (or NULL). */
static int check_filter(const floe_expr *pred, const char *clause, const floe_ast *q)
{
    const floe_type *t = floe_type_base(pred->type);
    if (floe_type_is_integer(t) || floe_type_is_float(t) || t->id == FLOE_TYPE_BOOL ||
        t->id == FLOE_TYPE_NOTHING)
        return 0;
    floe_buf b = FLOE_BUF_INIT;
    floe_ast_format(&b, q, true);
    floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_COLUMN_FOR_FILTER,
               "Invalid type for filter in %s: %s. In query %s", clause, pred->type->name,
               b.data ? b.data : "");
    floe_buf_free(&b);
    return -1;
}

/* ---- the SELECT itself ---- */

static int expand_select_list(planner *p)
{
    const floe_ast *q = p->q;
    size_t cap = q->u.select.n_exprs + p->rel->n_cols + 1;
    p->exprs = floe_arena_alloc(p->ctx->arena, cap * sizeof *p->exprs);
    p->n_exprs = 0;
    for (size_t i = 0; i < q->u.select.n_exprs; i++) {
        const floe_ast *e = q->u.select.exprs[i];
        if (e->kind != FLOE_AST_ASTERISK) {
            p->exprs[p->n_exprs++] = e;
            continue;
        }
        if (e->u.asterisk.columns_regex || e->u.asterisk.n_columns_list ||
            e->u.asterisk.n_replace || e->u.asterisk.except_regex)
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "COLUMNS matchers are not supported yet");
        if (p->n_exprs + p->rel->n_visible >= cap) {
            const floe_ast **more =
                floe_arena_alloc(p->ctx->arena, (cap + p->rel->n_visible) * sizeof *more);
            memcpy(more, p->exprs, p->n_exprs * sizeof *more);
            p->exprs = more;
            cap += p->rel->n_visible;
        }
        for (size_t c = 0; c < p->rel->n_visible; c++) {
            bool skip = false;
            for (size_t k = 0; k < e->u.asterisk.n_except; k++)
                if (strcmp(e->u.asterisk.except[k], p->rel->names[c]) == 0)
                    skip = true;
            if (skip)
                continue;
            floe_ast *id = floe_ast_new(p->ctx->arena, FLOE_AST_IDENT, e->pos, e->end);
            id->u.ident.parts = floe_arena_alloc(p->ctx->arena, sizeof(char *));
            id->u.ident.parts[0] = p->rel->names[c];
            id->u.ident.n_parts = 1;
            p->exprs[p->n_exprs++] = id;
        }
    }
    return 0;
}

/* Two different SELECT expressions under one alias are an error. */
static int check_aliases(const planner *p)
{
    for (size_t i = 0; i < p->n_exprs; i++) {
        const char *a = p->exprs[i]->alias;
        if (!a)
            continue;
        for (size_t j = i + 1; j < p->n_exprs; j++) {
            if (!p->exprs[j]->alias || strcmp(p->exprs[j]->alias, a) != 0)
                continue;
            floe_buf x = FLOE_BUF_INIT, y = FLOE_BUF_INIT;
            floe_ast_column_name(&x, p->exprs[i]);
            floe_ast_column_name(&y, p->exprs[j]);
            bool same = x.len == y.len && (x.len == 0 || memcmp(x.data, y.data, x.len) == 0);
            int rc = 0;
            if (!same)
                rc = floe_error(FLOE_ERR_MULTIPLE_EXPRESSIONS_FOR_ALIAS,
                                "Multiple expressions %s AS %s and %s AS %s for alias %s",
                                y.data ? y.data : "", a, x.data ? x.data : "", a, a);
            floe_buf_free(&x);
            floe_buf_free(&y);
            if (rc < 0)
                return -1;
        }
    }
    return 0;
}

static const char *expr_name(floe_arena *a, const floe_ast *e)
{
    if (e->alias)
        return e->alias;
    floe_buf b = FLOE_BUF_INIT;
    floe_ast_column_name(&b, e);
    const char *s = floe_arena_strdup(a, b.data ? b.data : "");
    floe_buf_free(&b);
    return s;
}

static int plan_one(floe_op **out, const floe_ast *q, floe_exec_ctx *ctx)
{
    planner p = {0};
    p.ctx = ctx;
    p.q = q;
    p.with = (const floe_ast *const *)q->u.select.with;
    p.n_with = q->u.select.n_with;
    floe_op *op = NULL;
    floe_scope *pre = floe_arena_alloc(ctx->arena, sizeof *pre);
    floe_scope *post = NULL;
    int rc = -1;
    bool *used = NULL;

    if (ctx->n_with_stack >= 64)
        return floe_error(FLOE_ERR_TOO_DEEP_RECURSION, "Too deep subqueries or CTE references");
    FLOE_GROW(ctx->with_stack, ctx->cap_with_stack, ctx->n_with_stack + 1);
    ctx->with_stack[ctx->n_with_stack++] = q;
    if (open_source(&p, &p.rel, q->u.select.from) < 0) {
        ctx->n_with_stack--;
        return -1;
    }
    if (expand_select_list(&p) < 0 || check_aliases(&p) < 0)
        goto done;
    /* ORDER BY ALL: every SELECT expression, in order, as the one item says */
    floe_ast **order_by = q->u.select.order_by;
    size_t n_order_by = q->u.select.n_order_by;
    if (q->u.select.order_by_all && n_order_by == 1) {
        const floe_ast *tmpl = order_by[0];
        order_by = floe_arena_alloc(ctx->arena, (p.n_exprs ? p.n_exprs : 1) * sizeof *order_by);
        for (size_t i = 0; i < p.n_exprs; i++) {
            floe_ast *o = floe_arena_alloc(ctx->arena, sizeof *o);
            *o = *tmpl;
            o->u.order.expr = (floe_ast *)p.exprs[i];
            order_by[i] = o;
        }
        n_order_by = p.n_exprs;
    }

    /* Columns to read. */
    used = floe_calloc(p.rel->n_cols + 1, sizeof *used);
    mark_list(&p, (floe_ast *const *)p.exprs, p.n_exprs, used, 0);
    mark_idents(&p, q->u.select.where, used, 0);
    mark_idents(&p, q->u.select.prewhere, used, 0);
    mark_list(&p, q->u.select.group_by, q->u.select.n_group_by, used, 0);
    mark_idents(&p, q->u.select.having, used, 0);
    mark_list(&p, order_by, n_order_by, used, 0);
    mark_list(&p, q->u.select.limit_by, q->u.select.n_limit_by, used, 0);
    size_t n_read = 0;
    size_t *cols = floe_arena_alloc(ctx->arena, (p.rel->n_cols + 1) * sizeof *cols);
    for (size_t i = 0; i < p.rel->n_cols; i++)
        if (used[i])
            cols[n_read++] = i;
    const floe_ast *where = q->u.select.where;
    if (p.rel->scan(p.rel, &op, cols, n_read, where, ctx) < 0)
        goto done;

    pre->n_cols = n_read;
    pre->names = op->names;
    pre->types = op->types;
    const char **quals = floe_arena_alloc(ctx->arena, (n_read + 1) * sizeof *quals);
    for (size_t i = 0; i < n_read; i++)
        quals[i] = p.rel->quals ? p.rel->quals[cols[i]] : p.rel->qual;
    pre->quals = quals;
    pre->find_alias = find_alias;
    pre->alias_ctx = &p;
    pre->run_subquery = run_subquery;
    pre->subquery_ctx = &p;
    pre->fctx = &ctx->fctx;
    pre->arena = ctx->arena;
    pre->query = q;
    floe_scope *sc = pre;

    /* WHERE and PREWHERE */
    const floe_ast *conds[2] = {q->u.select.prewhere, q->u.select.where};
    const char *clause_names[2] = {"PREWHERE", "WHERE"};
    for (int i = 0; i < 2; i++) {
        if (!conds[i])
            continue;
        floe_expr *pred;
        pre->clause = clause_names[i];
        if (floe_expr_compile(&pred, pre, conds[i]) < 0 ||
            check_filter(pred, clause_names[i], q) < 0)
            goto done;
        op = floe_op_filter(op, pred);
    }

    /* Aggregation */
    agg_list aggs = {0};
    for (size_t i = 0; i < p.n_exprs; i++)
        collect_aggs(&p, p.exprs[i], &aggs, 0);
    collect_aggs(&p, q->u.select.having, &aggs, 0);
    for (size_t i = 0; i < n_order_by; i++)
        collect_aggs(&p, order_by[i], &aggs, 0);
    /* GROUP BY ALL: every SELECT expression without an aggregate */
    const floe_ast *const *group_by = (const floe_ast *const *)q->u.select.group_by;
    size_t n_group_by = q->u.select.n_group_by;
    if (q->u.select.group_by_all) {
        const floe_ast **g = floe_arena_alloc(ctx->arena, (p.n_exprs ? p.n_exprs : 1) * sizeof *g);
        n_group_by = 0;
        for (size_t i = 0; i < p.n_exprs; i++)
            if (!floe_ast_has_aggregate(unalias(&p, p.exprs[i])))
                g[n_group_by++] = p.exprs[i];
        group_by = g;
    }
    bool aggregate = aggs.n > 0 || n_group_by > 0 || q->u.select.group_by_all;
    if (aggs.window || q->u.select.n_windows) {
        floe_free(aggs.nodes);
        floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Window functions are not supported yet");
        goto done;
    }
    if (q->u.select.with_rollup || q->u.select.with_cube || q->u.select.with_totals ||
        q->u.select.grouping_sets) {
        floe_free(aggs.nodes);
        floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                   "ROLLUP, CUBE, GROUPING SETS and WITH TOTALS are not supported yet");
        goto done;
    }
    if (aggregate) {
        size_t nk = n_group_by;
        floe_expr **keys = floe_arena_alloc(ctx->arena, (nk ? nk : 1) * sizeof *keys);
        const char **key_names = floe_arena_alloc(ctx->arena, (nk ? nk : 1) * sizeof *key_names);
        pre->clause = "GROUP BY";
        for (size_t i = 0; i < nk; i++) {
            const floe_ast *k = unalias(&p, positional(&p, group_by[i]));
            if (floe_ast_has_aggregate(k)) {
                floe_free(aggs.nodes);
                floe_error(FLOE_ERR_ILLEGAL_AGGREGATION,
                           "Aggregate function %s is found in GROUP BY in query",
                           expr_name(ctx->arena, k));
                goto done;
            }
            floe_buf b = FLOE_BUF_INIT;
            floe_ast_column_name(&b, k);
            key_names[i] = floe_arena_strdup(ctx->arena, b.data ? b.data : "");
            floe_buf_free(&b);
            if (floe_expr_compile(&keys[i], pre, k) < 0) {
                floe_free(aggs.nodes);
                goto done;
            }
        }
        floe_agg_call *calls = floe_arena_alloc(ctx->arena, (aggs.n ? aggs.n : 1) * sizeof *calls);
        size_t n_calls = 0;
        pre->clause = "aggregate function arguments";
        for (size_t i = 0; i < aggs.n; i++) {
            floe_buf b = FLOE_BUF_INIT;
            floe_ast_column_name(&b, aggs.nodes[i]);
            const char *name = floe_arena_strdup(ctx->arena, b.data ? b.data : "");
            floe_buf_free(&b);
            bool dup = false;
            for (size_t j = 0; j < n_calls; j++)
                if (strcmp(calls[j].name, name) == 0)
                    dup = true;
            if (dup)
                continue;
            if (build_agg_call(&p, &calls[n_calls], aggs.nodes[i], pre, name) < 0) {
                floe_free(aggs.nodes);
                goto done;
            }
            n_calls++;
        }
        floe_free(aggs.nodes);
        op = floe_op_aggregate(op, nk, keys, key_names, n_calls, calls, ctx);
        post = floe_arena_alloc(ctx->arena, sizeof *post);
        *post = *pre;
        post->owned = NULL;
        post->n_cols = op->n_cols;
        post->names = op->names;
        post->types = op->types;
        post->quals = NULL;
        post->match_subtrees = true;
        post->pre_agg = pre;
        post->clause = NULL;
        sc = post;
        if (q->u.select.having) {
            floe_expr *pred;
            if (floe_expr_compile(&pred, post, q->u.select.having) < 0 ||
                check_filter(pred, "HAVING", q) < 0)
                goto done;
            op = floe_op_filter(op, pred);
        }
    } else {
        floe_free(aggs.nodes);
        if (q->u.select.having) {
            /* without aggregation HAVING filters rows as WHERE does */
            floe_expr *pred;
            pre->clause = "HAVING";
            if (floe_expr_compile(&pred, pre, q->u.select.having) < 0 ||
                check_filter(pred, "HAVING", q) < 0)
                goto done;
            op = floe_op_filter(op, pred);
        }
    }

    /* Projection: the SELECT list, then ORDER BY keys as hidden columns. */
    size_t n_order = n_order_by;
    size_t n_lby = q->u.select.n_limit_by;
    size_t n_out = p.n_exprs + n_order + n_lby;
    floe_expr **exprs = floe_arena_alloc(ctx->arena, (n_out ? n_out : 1) * sizeof *exprs);
    const char **names = floe_arena_alloc(ctx->arena, (n_out ? n_out : 1) * sizeof *names);
    sc->clause = "SELECT";
    for (size_t i = 0; i < p.n_exprs; i++) {
        /* the expression itself, not its alias: compiling an aliased
         * identifier must not loop back to the same alias */
        const char *alias = p.exprs[i]->alias;
        if (alias && sc->depth < 64)
            sc->expanding[sc->depth++] = alias;
        int crc = floe_expr_compile(&exprs[i], sc, p.exprs[i]);
        if (alias && sc->depth > 0)
            sc->depth--;
        if (crc < 0)
            goto done;
        names[i] = expr_name(ctx->arena, p.exprs[i]);
        /* a.x is named after the column it reads: x, or b.x for a joined
         * column whose name clashes */
        if (!p.exprs[i]->alias && p.exprs[i]->kind == FLOE_AST_IDENT &&
            p.exprs[i]->u.ident.n_parts > 1 && exprs[i]->kind == FLOE_EXPR_INPUT && sc == pre)
            names[i] = sc->names[exprs[i]->input];
    }
    size_t *sort_cols = floe_arena_alloc(ctx->arena, (n_order ? n_order : 1) * sizeof(size_t));
    bool *desc = floe_arena_alloc(ctx->arena, (n_order ? n_order : 1) * sizeof(bool));
    bool *nulls_first = floe_arena_alloc(ctx->arena, (n_order ? n_order : 1) * sizeof(bool));
    sc->clause = "ORDER BY";
    for (size_t i = 0; i < n_order; i++) {
        const floe_ast *item = order_by[i];
        const floe_ast *e = positional(&p, item->u.order.expr);
        if (item->u.order.with_fill || item->u.order.collate) {
            floe_error(FLOE_ERR_NOT_IMPLEMENTED, "ORDER BY ... WITH FILL and COLLATE are not "
                                                 "supported yet");
            goto done;
        }
        if (floe_expr_compile(&exprs[p.n_exprs + i], sc, e) < 0)
            goto done;
        char tmp[32];
        snprintf(tmp, sizeof tmp, "__order_%zu", i);
        names[p.n_exprs + i] = floe_arena_strdup(ctx->arena, tmp);
        sort_cols[i] = p.n_exprs + i;
        desc[i] = item->u.order.desc;
        nulls_first[i] = item->u.order.nulls_first == 1;
    }
    size_t *lby_cols = floe_arena_alloc(ctx->arena, (n_lby ? n_lby : 1) * sizeof(size_t));
    sc->clause = "LIMIT BY";
    for (size_t i = 0; i < n_lby; i++) {
        const floe_ast *e = positional(&p, q->u.select.limit_by[i]);
        size_t at = p.n_exprs + n_order + i;
        if (floe_expr_compile(&exprs[at], sc, e) < 0)
            goto done;
        char tmp[32];
        snprintf(tmp, sizeof tmp, "__limit_by_%zu", i);
        names[at] = floe_arena_strdup(ctx->arena, tmp);
        lby_cols[i] = at;
    }
    op = floe_op_project(op, n_out, exprs, names);

    if (q->u.select.distinct) {
        if (q->u.select.n_distinct_on) {
            floe_error(FLOE_ERR_NOT_IMPLEMENTED, "DISTINCT ON is not supported yet");
            goto done;
        }
        op = floe_op_distinct(op, p.n_exprs);
    }

    uint64_t limit = UINT64_MAX, offset = 0;
    if (q->u.select.limit && const_u64(&limit, q->u.select.limit, ctx, "LIMIT") < 0)
        goto done;
    if (q->u.select.offset && const_u64(&offset, q->u.select.offset, ctx, "OFFSET") < 0)
        goto done;
    uint64_t lby_limit = 0, lby_offset = 0;
    if (n_lby && const_u64(&lby_limit, q->u.select.limit_by_length, ctx, "LIMIT") < 0)
        goto done;
    if (n_lby && q->u.select.limit_by_offset &&
        const_u64(&lby_offset, q->u.select.limit_by_offset, ctx, "OFFSET") < 0)
        goto done;
    if (q->u.select.limit_with_ties && !n_order) {
        floe_error(FLOE_ERR_LOGICAL_ERROR, "Can not use WITH TIES without ORDER BY");
        goto done;
    }
    floe_op *sort_op = NULL;
    if (n_order) {
        uint64_t hint = limit == UINT64_MAX || n_lby || q->u.select.limit_with_ties ||
                                offset > UINT64_MAX - limit
                            ? 0
                            : limit + offset;
        op = floe_op_sort(op, n_order, sort_cols, desc, nulls_first, hint);
        sort_op = op;
    }
    if (n_lby)
        op = floe_op_limit_by(op, lby_limit, lby_offset, n_lby, lby_cols);
    if (q->u.select.limit_with_ties)
        op = floe_op_limit_with_ties(op, limit, offset, n_order, sort_cols);
    else if (q->u.select.limit || q->u.select.offset)
        op = floe_op_limit(op, limit, offset,
                           sort_op && !n_lby ? FLOE_LIMIT_COUNT_SORT
                           : aggregate       ? FLOE_LIMIT_COUNT_ALL
                                             : FLOE_LIMIT_COUNT_STREAM,
                           sort_op ? floe_op_sort_rows_in(sort_op) : NULL);
    if (n_order || n_lby)
        op = floe_op_take_columns(op, p.n_exprs);
    rc = 0;
done:
    floe_free(used);
    ctx->n_with_stack--;
    if (rc < 0) {
        if (op)
            op->free(op);
        op = NULL;
    }
    /* The relation's scan holds what it needs; release the relation. The
     * scopes' constants are owned by the statement: keep them until the
     * statement ends by chaining them into the context's arena lifetime. */
    p.rel->release(p.rel);
    floe_exec_keep_scope(ctx, pre);
    if (post)
        floe_exec_keep_scope(ctx, post);
    *out = op;
    return rc;
}

/* a EXCEPT b, a INTERSECT b: b is collected, a streams through. */
static int plan_setop(floe_op **out, const floe_ast *query, floe_exec_ctx *ctx)
{
    floe_union_mode m = query->u.union_.modes[0];
    floe_op *l = NULL, *r = NULL;
    floe_block *rb = NULL;
    int rc = -1;
    if (floe_select_plan(&l, query->u.union_.items[0], ctx) < 0)
        return -1;
    if (floe_select_plan(&r, query->u.union_.items[1], ctx) < 0)
        goto done;
    if (l->n_cols != r->n_cols) {
        floe_error(FLOE_ERR_INTERSECT_OR_EXCEPT_RESULT_STRUCTURES_MISMATCH,
                   "Different number of columns in %s elements: %zu and %zu",
                   m <= FLOE_UNION_EXCEPT_DISTINCT ? "EXCEPT" : "INTERSECT", l->n_cols, r->n_cols);
        goto done;
    }
    size_t nc = l->n_cols;
    const floe_type **types = floe_arena_alloc(ctx->arena, (nc ? nc : 1) * sizeof *types);
    for (size_t c = 0; c < nc; c++) {
        const floe_type *pair[2] = {l->types[c], r->types[c]};
        if (floe_common_type(&types[c], pair, 2) < 0)
            goto done;
    }
    /* both sides in the common types */
    floe_op *one[1] = {l};
    l = floe_op_union(one, 1, types, ctx);
    one[0] = r;
    r = floe_op_union(one, 1, types, ctx);
    rb = floe_block_new();
    for (size_t c = 0; c < nc; c++)
        floe_block_add(rb, r->names[c], floe_column_new(types[c]));
    for (;;) {
        floe_block *b = NULL;
        if (r->next(r, &b) < 0)
            goto done;
        if (!b)
            break;
        for (size_t c = 0; c < nc; c++)
            floe_column_append_range(rb->cols[c], b->cols[c], 0, b->rows);
        rb->rows += b->rows;
        floe_block_free(b);
    }
    *out = floe_op_setop(l, rb, m == FLOE_UNION_EXCEPT_ALL || m == FLOE_UNION_EXCEPT_DISTINCT,
                         m == FLOE_UNION_EXCEPT_DISTINCT || m == FLOE_UNION_INTERSECT_DISTINCT);
    l = NULL;
    rc = 0;
done:
    if (l)
        l->free(l);
    if (r)
        r->free(r);
    floe_block_free(rb);
    return rc;
}

int floe_select_plan(floe_op **out, const floe_ast *query, floe_exec_ctx *ctx)
{
    if (query->kind == FLOE_AST_SELECT)
        return plan_one(out, query, ctx);
    if (query->kind == FLOE_AST_SUBQUERY)
        return floe_select_plan(out, query->u.subquery.query, ctx);
    if (query->kind != FLOE_AST_UNION)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Not a query: %s",
                          floe_ast_kind_name(query->kind));
    size_t n = query->u.union_.n_items;
    if (n == 2 && query->u.union_.modes[0] >= FLOE_UNION_EXCEPT_ALL)
        return plan_setop(out, query, ctx);
    floe_op **ops = floe_calloc(n ? n : 1, sizeof *ops);
    int rc = -1;
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            floe_union_mode m = query->u.union_.modes[i - 1];
            if (m == FLOE_UNION_UNSPECIFIED) {
                if (ctx->settings.union_default_mode == 1)
                    m = FLOE_UNION_ALL;
                else if (ctx->settings.union_default_mode == 2)
                    m = FLOE_UNION_DISTINCT;
            }
            if (m == FLOE_UNION_UNSPECIFIED) {
                floe_buf b = FLOE_BUF_INIT;
                floe_ast_format(&b, query, true);
                floe_error(FLOE_ERR_EXPECTED_ALL_OR_DISTINCT,
                           "Expected ALL or DISTINCT in SelectWithUnion query, because setting "
                           "(union_default_mode) is empty: While processing %s",
                           b.data ? b.data : "");
                floe_buf_free(&b);
                goto done;
            }
            if (m != FLOE_UNION_ALL && m != FLOE_UNION_DISTINCT) {
                floe_error(FLOE_ERR_NOT_IMPLEMENTED, "EXCEPT and INTERSECT are not supported yet");
                goto done;
            }
        }
        if (floe_select_plan(&ops[i], query->u.union_.items[i], ctx) < 0)
            goto done;
        if (ops[i]->n_cols != ops[0]->n_cols) {
            floe_error(FLOE_ERR_UNION_ALL_RESULT_STRUCTURE_MISMATCH,
                       "Different number of columns in UNION elements: %zu and %zu", ops[0]->n_cols,
                       ops[i]->n_cols);
            goto done;
        }
    }
    size_t nc = ops[0]->n_cols;
    const floe_type **types = floe_arena_alloc(ctx->arena, (nc ? nc : 1) * sizeof *types);
    const floe_type **col = floe_malloc((n ? n : 1) * sizeof *col);
    for (size_t c = 0; c < nc; c++) {
        for (size_t i = 0; i < n; i++)
            col[i] = ops[i]->types[c];
        if (floe_common_type(&types[c], col, n) < 0) {
            floe_free(col);
            goto done;
        }
    }
    floe_free(col);
    floe_op *u = floe_op_union(ops, n, types, ctx);
    memset(ops, 0, n * sizeof *ops);
    /* DISTINCT anywhere in the chain: the simple rule for the chains that
     * matter (all ALL, all DISTINCT, or DISTINCT last). */
    bool distinct = false;
    for (size_t i = 0; i + 1 < n; i++) {
        floe_union_mode m = query->u.union_.modes[i];
        if (m == FLOE_UNION_DISTINCT ||
            (m == FLOE_UNION_UNSPECIFIED && ctx->settings.union_default_mode == 2))
            distinct = true;
    }
    if (distinct)
        u = floe_op_distinct(u, nc);
    *out = u;
    rc = 0;
done:
    for (size_t i = 0; i < n; i++)
        if (ops[i])
            ops[i]->free(ops[i]);
    floe_free(ops);
    return rc;
}

int floe_select_collect(floe_block **out, const floe_ast *query, floe_exec_ctx *ctx)
{
    floe_op *op;
    if (floe_select_plan(&op, query, ctx) < 0)
        return -1;
    floe_block *all = floe_block_new();
    for (size_t c = 0; c < op->n_cols; c++)
        floe_block_add(all, op->names[c], floe_column_new(op->types[c]));
    all->rows = 0;
    for (;;) {
        floe_block *b = NULL;
        if (op->next(op, &b) < 0) {
            op->free(op);
            floe_block_free(all);
            return -1;
        }
        if (!b)
            break;
        for (size_t c = 0; c < all->n_cols; c++)
            floe_column_append_range(all->cols[c], b->cols[c], 0, b->rows);
        all->rows += b->rows;
        floe_block_free(b);
    }
    op->free(op);
    *out = all;
    return 0;
}
