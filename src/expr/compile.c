/*
 * Binding and type-checking: turns an AST expression into a floe_expr tree
 * over the columns of a scope, resolving identifiers (SELECT aliases first,
 * as ClickHouse's analyzer does), functions and IN sets, and folding
 * constant subtrees into values.
 */
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "expr/expr.h"
#include "types/cast.h"
#include "types/value.h"

static int compile(floe_expr **out, floe_scope *sc, const floe_ast *e);

static floe_expr *new_node(floe_scope *sc, floe_expr_kind kind)
{
    floe_expr *x = floe_arena_alloc(sc->arena, sizeof *x);
    x->kind = kind;
    return x;
}

static void own(floe_scope *sc, floe_expr *x)
{
    x->next_free = sc->owned;
    sc->owned = x;
}

void floe_scope_free(floe_scope *sc)
{
    for (floe_expr *x = sc->owned; x; x = x->next_free) {
        floe_column_free(x->value);
        x->value = NULL;
        if (x->set) {
            floe_hashmap_free(x->set);
            floe_free(x->set);
            x->set = NULL;
        }
    }
    sc->owned = NULL;
}

static const char *scope_text(floe_scope *sc, floe_buf *b)
{
    if (!sc->query)
        return "";
    floe_ast_format(b, sc->query, true);
    return b->data ? b->data : "";
}

static int find_column(const floe_scope *sc, const char *name, const char *qual)
{
    for (size_t i = 0; i < sc->n_cols; i++) {
        if (strcmp(sc->names[i], name) != 0)
            continue;
        if (qual && (!sc->quals || !sc->quals[i] || strcmp(sc->quals[i], qual) != 0))
            continue;
        return (int)i;
    }
    return -1;
}

static floe_expr *input_node(floe_scope *sc, int idx)
{
    floe_expr *x = new_node(sc, FLOE_EXPR_INPUT);
    x->input = (size_t)idx;
    x->type = sc->types[idx];
    return x;
}

static floe_expr *const_node(floe_scope *sc, floe_column *value)
{
    floe_expr *x = new_node(sc, FLOE_EXPR_CONST);
    x->value = value;
    x->type = value->type;
    own(sc, x);
    return x;
}

static bool expanding(const floe_scope *sc, const char *name)
{
    for (int i = 0; i < sc->depth; i++)
        if (strcmp(sc->expanding[i], name) == 0)
            return true;
    return false;
}

static int compile_ident(floe_expr **out, floe_scope *sc, const floe_ast *e)
{
    const char **parts = e->u.ident.parts;
    size_t n = e->u.ident.n_parts;
    floe_buf full = FLOE_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            floe_buf_putc(&full, '.');
        floe_buf_puts(&full, parts[i]);
    }
    int rc = 0;
    if (n == 1 && sc->find_alias && !expanding(sc, parts[0])) {
        const floe_ast *a = sc->find_alias(sc->alias_ctx, parts[0]);
        if (a && sc->depth < 64) {
            sc->expanding[sc->depth++] = parts[0];
            rc = compile(out, sc, a);
            sc->depth--;
            goto done;
        }
    }
    int idx = find_column(sc, full.data, NULL);
    if (idx < 0 && n >= 2)
        idx = find_column(sc, parts[n - 1], parts[n - 2]);
    if (idx < 0 && sc->pre_agg &&
        (find_column(sc->pre_agg, full.data, NULL) >= 0 ||
         (n >= 2 && find_column(sc->pre_agg, parts[n - 1], parts[n - 2]) >= 0))) {
        floe_buf q = FLOE_BUF_INIT;
        rc = floe_error(FLOE_ERR_NOT_AN_AGGREGATE,
                        "Column '%s' is not under aggregate function and not in GROUP BY keys. "
                        "In query %s",
                        full.data, scope_text(sc, &q));
        floe_buf_free(&q);
        goto done;
    }
    if (idx < 0) {
        floe_buf q = FLOE_BUF_INIT;
        rc = floe_error(FLOE_ERR_UNKNOWN_IDENTIFIER,
                        "Unknown expression identifier `%s` in scope %s", full.data,
                        scope_text(sc, &q));
        floe_buf_free(&q);
        goto done;
    }
    *out = input_node(sc, idx);
done:
    floe_buf_free(&full);
    return rc;
}

static int compile_literal(floe_expr **out, floe_scope *sc, const floe_ast *e)
{
    const floe_value *v = &e->u.lit.value;
    floe_column *c = floe_column_new(v->type);
    if (v->is_null)
        floe_column_push_null(c);
    else
        floe_value_push(c, v);
    *out = const_node(sc, c);
    return 0;
}

/* Appends the bytes that identify row i of c (after conversion to the set
 * type) to key: raw fixed-width bytes or the string's bytes. */
static void row_key(floe_buf *key, const floe_column *c, size_t i)
{
    floe_buf_clear(key);
    const floe_type *b = floe_type_base(c->type);
    if (b->id == FLOE_TYPE_STRING) {
        size_t len;
        const char *p = floe_column_string_at(c, i, &len);
        floe_buf_append(key, p, len);
    } else if (b->width) {
        floe_buf_append(key, floe_column_fixed_at(c, i), b->width);
    } else {
        /* tuples and arrays: their text is unique enough for set membership */
        for (size_t k = 0; k < c->n_children; k++) {
            floe_buf part = FLOE_BUF_INIT;
            row_key(&part, c->children[k], i);
            uint32_t len = (uint32_t)part.len;
            floe_buf_append(key, &len, sizeof len);
            floe_buf_append(key, part.data, part.len);
            floe_buf_free(&part);
        }
    }
}

/* Adds the values of column vals (any type convertible to set_type) to the
 * set; values that do not convert are skipped, as ClickHouse skips them. */
static int fill_set(floe_expr *x, const floe_column *vals, const floe_func_ctx *fctx)
{
    floe_column *conv = NULL;
    const floe_type *to = floe_type_nullable(x->set_type);
    if (floe_cast_column(&conv, vals, to, FLOE_CAST_OR_NULL, fctx ? fctx->session_tz : NULL) < 0)
        return -1;
    floe_buf key = FLOE_BUF_INIT;
    for (size_t i = 0; i < conv->rows; i++) {
        if (floe_column_is_null(conv, i))
            continue;
        row_key(&key, conv, i);
        uint64_t one = 1;
        floe_hashmap_get_or_insert(x->set, key.data ? key.data : "", key.len, &one);
    }
    floe_buf_free(&key);
    floe_column_free(conv);
    return 0;
}

static bool is_nothing_null(const floe_type *t)
{
    return t->id == FLOE_TYPE_NULLABLE && t->inner->id == FLOE_TYPE_NOTHING;
}

/* The columns of b as one Tuple column (named after b's columns), for
 * (a, b) IN (SELECT x, y ...) and scalar subqueries of several columns. */
static floe_column *block_as_tuple(const floe_block *b)
{
    const floe_type **types = floe_malloc((b->n_cols ? b->n_cols : 1) * sizeof *types);
    for (size_t c = 0; c < b->n_cols; c++)
        types[c] = b->cols[c]->type;
    const floe_type *t = floe_type_tuple(types, (const char *const *)b->names, b->n_cols);
    floe_free(types);
    floe_column *r = floe_column_new(t);
    for (size_t c = 0; c < b->n_cols; c++) {
        floe_column_free(r->children[c]);
        r->children[c] = floe_column_clone(b->cols[c]);
    }
    r->rows = r->cap = b->rows;
    return r;
}

/* True when e is a tuple literal or tuple(...) call. */
static bool is_tuple_ast(const floe_ast *e)
{
    if (e->kind == FLOE_AST_FUNC)
        return strcmp(e->u.func.name, "tuple") == 0;
    if (e->kind == FLOE_AST_LITERAL)
        return !e->u.lit.value.is_null && e->u.lit.value.type &&
               floe_type_base(e->u.lit.value.type)->id == FLOE_TYPE_TUPLE;
    return false;
}

static int compile_in(floe_expr **out, floe_scope *sc, const floe_ast *e, bool negate)
{
    if (e->u.func.n_args != 2)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Number of arguments for function %s doesn't match: passed %zu, "
                          "should be 2",
                          e->u.func.name, e->u.func.n_args);
    floe_expr *lhs;
    if (compile(&lhs, sc, e->u.func.args[0]) < 0)
        return -1;
    if (is_nothing_null(lhs->type)) {
        /* NULL IN (...) is NULL */
        floe_column *c = floe_column_new(lhs->type);
        floe_column_push_null(c);
        *out = const_node(sc, c);
        return 0;
    }
    floe_expr *x = new_node(sc, FLOE_EXPR_IN);
    own(sc, x);
    x->set = floe_calloc(1, sizeof *x->set);
    x->negate = negate;
    x->set_type = floe_type_base(lhs->type);
    x->args = floe_arena_alloc(sc->arena, sizeof *x->args);
    x->args[0] = lhs;
    x->n_args = 1;
    x->type = floe_type_get(FLOE_TYPE_UINT8);
    if (floe_type_is_nullable(lhs->type))
        x->type = floe_type_nullable(x->type);
    const floe_ast *rhs = e->u.func.args[1];
    const floe_ast *subq = rhs->kind == FLOE_AST_SUBQUERY ? rhs->u.subquery.query : NULL;
    if (rhs->kind == FLOE_AST_IDENT && rhs->u.ident.n_parts <= 2 && sc->run_subquery &&
        find_column(sc, rhs->u.ident.parts[rhs->u.ident.n_parts - 1], NULL) < 0) {
        /* x IN t: the rows of table (or CTE) t */
        floe_ast *from = floe_ast_new(sc->arena, FLOE_AST_TABLE, rhs->pos, rhs->end);
        from->u.table.db = rhs->u.ident.n_parts == 2 ? rhs->u.ident.parts[0] : NULL;
        from->u.table.name = rhs->u.ident.parts[rhs->u.ident.n_parts - 1];
        floe_ast *sel = floe_ast_new(sc->arena, FLOE_AST_SELECT, rhs->pos, rhs->end);
        sel->u.select.exprs = floe_arena_alloc(sc->arena, sizeof(floe_ast *));
        sel->u.select.exprs[0] = floe_ast_new(sc->arena, FLOE_AST_ASTERISK, rhs->pos, rhs->end);
        sel->u.select.n_exprs = 1;
        sel->u.select.from = from;
        subq = sel;
    }
    int rc = 0;
    if (subq) {
        if (!sc->run_subquery)
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Subqueries are not supported here");
        floe_block *b = NULL;
        if (sc->run_subquery(sc->subquery_ctx, subq, &b) < 0) {
            if (rhs->kind == FLOE_AST_IDENT && floe_error_code() == FLOE_ERR_UNKNOWN_TABLE) {
                floe_buf q = FLOE_BUF_INIT, n = FLOE_BUF_INIT;
                floe_ast_format(&n, rhs, true);
                floe_error(FLOE_ERR_UNKNOWN_IDENTIFIER,
                           "Unknown expression or table expression identifier `%s` in scope %s",
                           n.data ? n.data : "", scope_text(sc, &q));
                floe_buf_free(&q);
                floe_buf_free(&n);
            }
            return -1;
        }
        const floe_type *lb = floe_type_base(lhs->type);
        size_t n_left = lb->id == FLOE_TYPE_TUPLE && b->n_cols > 1 ? lb->n_elems : 1;
        if (b->n_cols != n_left) {
            size_t n_right = b->n_cols;
            floe_block_free(b);
            return floe_error(FLOE_ERR_NUMBER_OF_COLUMNS_DOESNT_MATCH,
                              "Number of columns in section IN doesn't match. %zu at left, %zu "
                              "at right.",
                              n_left, n_right);
        }
        if (b->n_cols > 1) {
            floe_column *t = block_as_tuple(b);
            rc = fill_set(x, t, sc->fctx);
            floe_column_free(t);
        } else {
            rc = fill_set(x, b->cols[0], sc->fctx);
        }
        floe_block_free(b);
    } else {
        /* A constant: a tuple of values (x IN (1, 2)), or one value. */
        const floe_ast *const *items = (const floe_ast *const *)&rhs;
        size_t n_items = 1;
        bool expand = rhs->kind == FLOE_AST_FUNC && strcmp(rhs->u.func.name, "tuple") == 0;
        if (expand && floe_type_base(lhs->type)->id == FLOE_TYPE_TUPLE) {
            /* (a, b) IN ((1, 2), (3, 4)): a set of tuples; (a, b) IN (1, 2) is one */
            for (size_t i = 0; i < rhs->u.func.n_args; i++)
                if (!is_tuple_ast(rhs->u.func.args[i]))
                    expand = false;
        }
        if (expand) {
            items = (const floe_ast *const *)rhs->u.func.args;
            n_items = rhs->u.func.n_args;
        }
        for (size_t i = 0; i < n_items && rc == 0; i++) {
            floe_expr *v;
            if (compile(&v, sc, items[i]) < 0)
                return -1;
            if (v->kind != FLOE_EXPR_CONST)
                return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                                  "Function %s with a non-constant set is not supported",
                                  e->u.func.name);
            rc = fill_set(x, v->value, sc->fctx);
        }
    }
    if (rc < 0)
        return -1;
    *out = x;
    return 0;
}

static int compile_func(floe_expr **out, floe_scope *sc, const floe_ast *e)
{
    const char *name = e->u.func.name;
    if (strcmp(name, "in") == 0 || strcmp(name, "globalIn") == 0)
        return compile_in(out, sc, e, false);
    if (strcmp(name, "notIn") == 0 || strcmp(name, "globalNotIn") == 0)
        return compile_in(out, sc, e, true);
    const floe_scalar_func *fn = floe_func_find(name);
    if (!fn) {
        floe_buf q = FLOE_BUF_INIT;
        int rc;
        if (floe_func_is_aggregate(name)) {
            floe_buf n = FLOE_BUF_INIT;
            floe_ast_column_name(&n, e);
            rc = floe_error(FLOE_ERR_ILLEGAL_AGGREGATION,
                            "Aggregate function %s is found in %s in query", n.data,
                            sc->clause ? sc->clause : "WHERE");
            floe_buf_free(&n);
        } else {
            rc = floe_error(FLOE_ERR_UNKNOWN_FUNCTION,
                            "Function with name `%s` does not exist. In scope %s", name,
                            scope_text(sc, &q));
        }
        floe_buf_free(&q);
        return rc;
    }
    size_t n = e->u.func.n_args;
    floe_expr **args = floe_arena_alloc(sc->arena, (n ? n : 1) * sizeof *args);
    const floe_type **types = floe_arena_alloc(sc->arena, (n ? n : 1) * sizeof *types);
    const floe_column **consts = floe_arena_alloc(sc->arena, (n ? n : 1) * sizeof *consts);
    bool all_const = true, any_nullable = false, bare_null = false;
    for (size_t i = 0; i < n; i++) {
        if (compile(&args[i], sc, e->u.func.args[i]) < 0)
            return -1;
        types[i] = args[i]->type;
        consts[i] = args[i]->kind == FLOE_EXPR_CONST ? args[i]->value : NULL;
        all_const &= args[i]->kind == FLOE_EXPR_CONST;
        any_nullable |= floe_type_is_nullable(types[i]);
        bare_null |= is_nothing_null(types[i]);
    }
    floe_expr *x = new_node(sc, FLOE_EXPR_CALL);
    x->fn = fn;
    x->args = args;
    x->n_args = n;
    bool default_nulls = (fn->flags & FLOE_FUNC_DEFAULT_NULLS) != 0;
    if (default_nulls && bare_null) {
        floe_column *c = floe_column_new(floe_type_nullable(floe_type_get(FLOE_TYPE_NOTHING)));
        floe_column_push_null(c);
        *out = const_node(sc, c);
        return 0;
    }
    if (default_nulls && any_nullable) {
        const floe_type **stripped = floe_arena_alloc(sc->arena, (n ? n : 1) * sizeof *stripped);
        for (size_t i = 0; i < n; i++)
            stripped[i] = floe_type_base(types[i]);
        types = stripped;
    }
    floe_func_args fa = {n, types, consts};
    const floe_type *ret = NULL;
    if (fn->resolve(&ret, &fa, sc->fctx) < 0)
        return -1;
    x->fn_type = ret;
    x->type = ret;
    if (default_nulls && any_nullable && !floe_type_is_nullable(ret) &&
        ret->id != FLOE_TYPE_NOTHING) {
        x->null_wrap = true;
        x->type = floe_type_nullable(ret);
    }
    if (all_const && !(fn->flags & FLOE_FUNC_NONDETERMINISTIC)) {
        floe_column *v = NULL;
        if (floe_expr_eval_const(&v, x, sc->fctx) < 0)
            return -1;
        *out = const_node(sc, v);
        return 0;
    }
    *out = x;
    return 0;
}

static int compile_subquery(floe_expr **out, floe_scope *sc, const floe_ast *e)
{
    if (!sc->run_subquery)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Scalar subqueries are not supported here");
    floe_block *b = NULL;
    if (sc->run_subquery(sc->subquery_ctx, e->u.subquery.query, &b) < 0)
        return -1;
    int rc = 0;
    if (b->n_cols > 1) {
        /* several columns: one Tuple value */
        floe_column *t = block_as_tuple(b);
        floe_block_free(b);
        b = floe_block_new();
        floe_block_add(b, "tuple", t);
        b->rows = t->rows;
    }
    if (b->rows > 1) {
        rc = floe_error(FLOE_ERR_INCORRECT_RESULT_OF_SCALAR_SUBQUERY,
                        "Scalar subquery returned more than one row");
    } else if (b->rows == 0) {
        floe_column *c = floe_column_new(floe_type_nullable(b->cols[0]->type));
        floe_column_push_null(c);
        *out = const_node(sc, c);
    } else {
        *out = const_node(sc, floe_column_clone(b->cols[0]));
    }
    floe_block_free(b);
    return rc;
}

static int compile(floe_expr **out, floe_scope *sc, const floe_ast *e)
{
    if (sc->match_subtrees && e->kind != FLOE_AST_LITERAL && e->kind != FLOE_AST_IDENT) {
        floe_buf name = FLOE_BUF_INIT;
        floe_ast_column_name(&name, e);
        int idx = find_column(sc, name.data ? name.data : "", NULL);
        floe_buf_free(&name);
        if (idx >= 0) {
            *out = input_node(sc, idx);
            return 0;
        }
    }
    switch (e->kind) {
    case FLOE_AST_LITERAL:
        return compile_literal(out, sc, e);
    case FLOE_AST_IDENT:
        return compile_ident(out, sc, e);
    case FLOE_AST_FUNC:
        return compile_func(out, sc, e);
    case FLOE_AST_SUBQUERY:
        return compile_subquery(out, sc, e);
    case FLOE_AST_ASTERISK:
        return floe_error(FLOE_ERR_UNSUPPORTED_METHOD, "Asterisk is not allowed here");
    default:
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Expression of kind %s is not supported",
                          floe_ast_kind_name(e->kind));
    }
}

int floe_expr_compile(floe_expr **out, floe_scope *sc, const floe_ast *e)
{
    return compile(out, sc, e);
}

bool floe_ast_has_aggregate(const floe_ast *e)
{
    if (!e)
        return false;
    if (e->kind != FLOE_AST_FUNC)
        return false;
    if (floe_func_is_aggregate(e->u.func.name))
        return true;
    for (size_t i = 0; i < e->u.func.n_args; i++)
        if (floe_ast_has_aggregate(e->u.func.args[i]))
            return true;
    return false;
}
