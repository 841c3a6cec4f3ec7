/*
 * Evaluation of compiled expressions over a block: inputs are borrowed,
 * constants expanded to the block's length, function calls run over whole
 * columns, with ClickHouse's default NULL handling done here once for every
 * function that asks for it.
 */
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "expr/expr.h"

/* A non-owning view of a Nullable column as its inner type. */
static floe_column *strip_view(const floe_column *c)
{
    floe_column *v = floe_malloc(sizeof *v);
    *v = *c;
    v->type = floe_type_base(c->type);
    v->nulls = NULL;
    return v;
}

static void set_key(floe_buf *key, const floe_column *c, size_t i)
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
        for (size_t k = 0; k < c->n_children; k++) {
            floe_buf part = FLOE_BUF_INIT;
            set_key(&part, c->children[k], i);
            uint32_t len = (uint32_t)part.len;
            floe_buf_append(key, &len, sizeof len);
            floe_buf_append(key, part.data, part.len);
            floe_buf_free(&part);
        }
    }
}

static int eval_in(floe_column **out, const floe_expr *e, const floe_block *in,
                   const floe_func_ctx *ctx)
{
    floe_column *x;
    bool owned;
    if (floe_expr_eval(&x, &owned, e->args[0], in, ctx) < 0)
        return -1;
    floe_column *r = floe_column_new(e->type);
    floe_column_reserve(r, in->rows, 0);
    uint8_t *res = r->data;
    floe_buf key = FLOE_BUF_INIT;
    const floe_type *xb = floe_type_base(x->type);
    for (size_t i = 0; i < in->rows; i++) {
        uint64_t v;
        if (floe_column_is_null(x, i)) {
            res[i] = 0;
            r->nulls[i] = 1;
            continue;
        }
        if (xb->width && xb->id != FLOE_TYPE_TUPLE) {
            res[i] =
                floe_hashmap_get(e->set, floe_column_fixed_at(x, i), xb->width, &v) ^ e->negate;
        } else {
            set_key(&key, x, i);
            res[i] = floe_hashmap_get(e->set, key.data ? key.data : "", key.len, &v) ^ e->negate;
        }
        if (r->nulls)
            r->nulls[i] = 0;
    }
    r->rows = in->rows;
    r->data_len = in->rows;
    floe_buf_free(&key);
    if (owned)
        floe_column_free(x);
    *out = r;
    return 0;
}

static int eval_call(floe_column **out, const floe_expr *e, const floe_block *in, size_t rows,
                     const floe_func_ctx *ctx)
{
    size_t n = e->n_args;
    floe_column **args = floe_calloc(n ? n : 1, sizeof *args);
    bool *owned = floe_calloc(n ? n : 1, sizeof *owned);
    floe_column **views = floe_calloc(n ? n : 1, sizeof *views);
    uint8_t *nulls = NULL;
    floe_column *r = NULL;
    int rc = -1;
    /* functions see LowCardinality(T) as T, except those that report the
     * type itself */
    bool keep_lc =
        strcmp(e->fn->name, "toTypeName") == 0 || strcmp(e->fn->name, "toColumnTypeName") == 0;
    for (size_t i = 0; i < n; i++) {
        if (in) {
            if (floe_expr_eval(&args[i], &owned[i], e->args[i], in, ctx) < 0)
                goto done;
        } else {
            /* constant folding: every argument is a one-row constant */
            args[i] = e->args[i]->value;
            owned[i] = false;
        }
        views[i] = args[i];
        if (e->null_wrap && floe_type_is_nullable(args[i]->type)) {
            if (args[i]->nulls) {
                if (!nulls)
                    nulls = floe_calloc(rows ? rows : 1, 1);
                for (size_t k = 0; k < rows; k++)
                    nulls[k] |= args[i]->nulls[k];
            }
            views[i] = strip_view(args[i]);
        } else if (args[i]->type->id == FLOE_TYPE_LOWCARDINALITY && !keep_lc) {
            /* LowCardinality(T) seen as T: a Nullable T keeps its null map */
            floe_column *v = floe_malloc(sizeof *v);
            *v = *args[i];
            v->type = args[i]->type->inner;
            if (!floe_type_is_nullable(v->type))
                v->nulls = NULL;
            views[i] = v;
        }
    }
    r = floe_column_new(e->fn_type);
    if (e->fn->exec(r, views, n, rows, ctx) < 0) {
        floe_column_free(r);
        r = NULL;
        goto done;
    }
    if (r->rows != rows) {
        floe_error(FLOE_ERR_LOGICAL_ERROR, "Function %s returned %zu rows instead of %zu",
                   e->fn->name, r->rows, rows);
        floe_column_free(r);
        r = NULL;
        goto done;
    }
    if (e->null_wrap) {
        r->type = e->type;
        r->nulls = floe_calloc(r->cap ? r->cap : 1, 1);
        if (nulls)
            memcpy(r->nulls, nulls, rows);
    }
    rc = 0;
done:
    for (size_t i = 0; i < n; i++) {
        if (views[i] && views[i] != args[i])
            floe_free(views[i]);
        if (owned[i])
            floe_column_free(args[i]);
    }
    floe_free(args);
    floe_free(owned);
    floe_free(views);
    floe_free(nulls);
    *out = r;
    return rc;
}

int floe_expr_eval(floe_column **out, bool *owned, const floe_expr *e, const floe_block *in,
                   const floe_func_ctx *ctx)
{
    switch (e->kind) {
    case FLOE_EXPR_INPUT:
        *out = in->cols[e->input];
        *owned = false;
        return 0;
    case FLOE_EXPR_CONST:
        *out = floe_column_replicate_row(e->value, 0, in->rows);
        *owned = true;
        return 0;
    case FLOE_EXPR_CALL:
        *owned = true;
        return eval_call(out, e, in, in->rows, ctx);
    case FLOE_EXPR_IN:
        *owned = true;
        return eval_in(out, e, in, ctx);
    }
    return floe_error(FLOE_ERR_LOGICAL_ERROR, "Unknown expression kind");
}

int floe_expr_eval_const(floe_column **out, const floe_expr *e, const floe_func_ctx *ctx)
{
    if (e->kind == FLOE_EXPR_CONST) {
        *out = floe_column_clone(e->value);
        return 0;
    }
    if (e->kind == FLOE_EXPR_CALL) {
        for (size_t i = 0; i < e->n_args; i++)
            if (e->args[i]->kind != FLOE_EXPR_CONST)
                return floe_error(FLOE_ERR_LOGICAL_ERROR, "Expression is not constant");
        return eval_call(out, e, NULL, 1, ctx);
    }
    return floe_error(FLOE_ERR_LOGICAL_ERROR, "Expression is not constant");
}
