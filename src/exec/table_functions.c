/*
 * The table functions that need nothing below the exec layer: numbers(N),
 * numbers(start, count[, step]), zeros(N), and the one-row relation behind a
 * SELECT without FROM (system.one). They generate blocks on demand, so
 * numbers(1000000000) runs in constant memory.
 */
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "exec/op.h"
#include "types/cast.h"

typedef struct gen_rel {
    int kind; /* 0 numbers, 1 zeros, 2 one */
    uint64_t start, count, step;
} gen_rel;

typedef struct gen_op {
    floe_op op;
    gen_rel g;
    uint64_t pos;
} gen_op;

static int gen_next(floe_op *op, floe_block **out)
{
    gen_op *s = (gen_op *)op;
    if (floe_exec_check_cancel(op->ctx) < 0)
        return -1;
    if (s->pos >= s->g.count) {
        *out = NULL;
        return 0;
    }
    size_t bs = op->ctx->settings.max_block_size ? op->ctx->settings.max_block_size : 65409;
    uint64_t n = s->g.count - s->pos;
    if (n > bs)
        n = bs;
    floe_block *b = floe_block_new();
    if (op->n_cols == 0) {
        b->rows = (size_t)n;
    } else {
        floe_column *c = floe_column_new(op->types[0]);
        floe_column_reserve(c, (size_t)n, 0);
        if (s->g.kind == 0) {
            uint64_t *d = FLOE_COL_DATA(c, uint64_t);
            uint64_t v = s->g.start + s->pos * s->g.step;
            for (uint64_t i = 0; i < n; i++, v += s->g.step)
                d[i] = v;
        } else {
            memset(c->data, 0, (size_t)n);
        }
        c->rows = (size_t)n;
        c->data_len = (size_t)n * c->type->width;
        floe_block_add(b, op->names[0], c);
    }
    s->pos += n;
    if (floe_exec_add_read(op->ctx, n, n * (s->g.kind == 0 ? 8 : 1)) < 0) {
        floe_block_free(b);
        return -1;
    }
    *out = b;
    return 0;
}

static void gen_free(floe_op *op)
{
    floe_free(op);
}

static int gen_scan(floe_relation *r, floe_op **out, const size_t *cols, size_t n,
                    const floe_ast *where, floe_exec_ctx *ctx)
{
    gen_op *s = floe_calloc(1, sizeof *s);
    s->g = *(gen_rel *)r->impl;
    s->op.ctx = ctx;
    /* the relation has one column; a scan asks for it or for nothing
     * (count()), never for it twice */
    s->op.n_cols = n ? 1 : 0;
    s->op.names = r->names;
    s->op.types = r->types;
    s->op.next = gen_next;
    s->op.free = gen_free;
    *out = &s->op;
    return 0;
}

static void gen_release(floe_relation *r)
{
    floe_free(r->impl);
    floe_free(r);
}

static floe_relation *gen_relation(gen_rel g, const char *col, floe_type_id type,
                                   floe_exec_ctx *ctx)
{
    floe_relation *r = floe_calloc(1, sizeof *r);
    gen_rel *impl = floe_malloc(sizeof *impl);
    *impl = g;
    r->n_cols = r->n_visible = 1;
    r->names = floe_arena_alloc(ctx->arena, sizeof *r->names);
    r->types = floe_arena_alloc(ctx->arena, sizeof *r->types);
    r->names[0] = col;
    r->types[0] = floe_type_get(type);
    r->scan = gen_scan;
    r->release = gen_release;
    r->impl = impl;
    return r;
}

/* Evaluates a constant argument of a table function as UInt64. */
static int const_u64(uint64_t *out, const floe_ast *arg, const char *fn, floe_exec_ctx *ctx)
{
    floe_scope sc = {0};
    sc.fctx = &ctx->fctx;
    sc.arena = ctx->arena;
    floe_expr *e;
    int rc = -1;
    floe_column *v = NULL;
    if (floe_expr_compile(&e, &sc, arg) < 0)
        goto done;
    if (e->kind != FLOE_EXPR_CONST || !floe_type_is_integer(floe_type_base(e->type))) {
        floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                   "Illegal type %s of argument of table function %s", e->type->name, fn);
        goto done;
    }
    if (floe_cast_column(&v, e->value, floe_type_get(FLOE_TYPE_UINT64), FLOE_CAST_THROW, NULL) < 0)
        goto done;
    *out = FLOE_COL_DATA(v, uint64_t)[0];
    rc = 0;
done:
    floe_column_free(v);
    floe_scope_free(&sc);
    return rc;
}

int floe_exec_table_function(floe_relation **out, const floe_ast *fn, floe_exec_ctx *ctx)
{
    const char *name = fn->u.func.name;
    size_t n = fn->u.func.n_args;
    gen_rel g = {0, 0, 0, 1};
    if (strcmp(name, "numbers") == 0 || strcmp(name, "numbers_mt") == 0) {
        if (n > 3)
            return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                              "Table function 'numbers' requires 'limit' or 'offset, limit' or "
                              "'offset, limit, step'");
        uint64_t a[3] = {0, 0, 1};
        for (size_t i = 0; i < n; i++)
            if (const_u64(&a[i], fn->u.func.args[i], name, ctx) < 0)
                return -1;
        if (n == 0) {
            g.count = UINT64_MAX; /* numbers(): system.numbers, without end */
        } else if (n == 1) {
            g.count = a[0];
        } else {
            g.start = a[0];
            g.count = a[1];
            if (n == 3) {
                if (a[2] == 0)
                    return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                                      "Table function 'numbers' requires step to be a positive "
                                      "number");
                g.step = a[2];
                g.count = (a[1] + a[2] - 1) / a[2];
            }
        }
        *out = gen_relation(g, "number", FLOE_TYPE_UINT64, ctx);
        return 1;
    }
    if (strcmp(name, "zeros") == 0 || strcmp(name, "zeros_mt") == 0) {
        if (n > 1)
            return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                              "Table function 'zeros' requires 'length'.");
        g.kind = 1;
        g.count = UINT64_MAX; /* zeros(): system.zeros, without end */
        if (n == 1 && const_u64(&g.count, fn->u.func.args[0], name, ctx) < 0)
            return -1;
        *out = gen_relation(g, "zero", FLOE_TYPE_UINT8, ctx);
        return 1;
    }
    return 0;
}

floe_relation *floe_exec_one_row(floe_exec_ctx *ctx)
{
    gen_rel g = {1, 0, 1, 1};
    return gen_relation(g, "dummy", FLOE_TYPE_UINT8, ctx);
}
