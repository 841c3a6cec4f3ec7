/*
 * The Memory and Null engines. Memory keeps inserted blocks as they are,
 * each immutable and reference-counted, so a scan takes a snapshot of the
 * list and reads on while inserts and TRUNCATE go ahead. Null keeps nothing.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "storage/table.h"

typedef struct mem_block {
    atomic_int refs;
    floe_block *b;
} mem_block;

typedef struct mem_table {
    pthread_mutex_t mu;
    mem_block **blocks;
    size_t n, cap;
} mem_table;

static void block_unref(mem_block *mb)
{
    if (atomic_fetch_sub(&mb->refs, 1) == 1) {
        floe_block_free(mb->b);
        floe_free(mb);
    }
}

typedef struct mem_scan {
    floe_op op;
    mem_block **snap;
    size_t n, pos;
    size_t *cols;
} mem_scan;

static int scan_next(floe_op *op, floe_block **out)
{
    mem_scan *s = (mem_scan *)op;
    if (floe_exec_check_cancel(op->ctx) < 0)
        return -1;
    while (s->pos < s->n && s->snap[s->pos]->b->rows == 0)
        s->pos++;
    if (s->pos >= s->n) {
        *out = NULL;
        return 0;
    }
    const floe_block *src = s->snap[s->pos++]->b;
    floe_block *r = floe_block_new();
    uint64_t bytes = 0;
    for (size_t i = 0; i < op->n_cols; i++) {
        floe_column *c = floe_column_clone(src->cols[s->cols[i]]);
        bytes += floe_column_bytes(c);
        floe_block_add(r, op->names[i], c);
    }
    r->rows = src->rows;
    if (floe_exec_add_read(op->ctx, src->rows, bytes) < 0) {
        floe_block_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

static void scan_free(floe_op *op)
{
    mem_scan *s = (mem_scan *)op;
    for (size_t i = 0; i < s->n; i++)
        block_unref(s->snap[i]);
    floe_free(s->snap);
    floe_free(s->cols);
    floe_free(s);
}

static int mem_scan_open(floe_table *t, floe_op **out, const size_t *cols, size_t n,
                         const floe_ast *where, floe_exec_ctx *ctx)
{
    mem_table *m = t->impl;
    mem_scan *s = floe_calloc(1, sizeof *s);
    s->op.ctx = ctx;
    s->op.n_cols = n;
    s->op.names = floe_arena_alloc(ctx->arena, (n + 1) * sizeof *s->op.names);
    s->op.types = floe_arena_alloc(ctx->arena, (n + 1) * sizeof *s->op.types);
    s->cols = floe_malloc((n + 1) * sizeof *s->cols);
    for (size_t i = 0; i < n; i++) {
        s->op.names[i] = floe_arena_strdup(ctx->arena, t->cols[cols[i]].name);
        s->op.types[i] = t->cols[cols[i]].type;
        s->cols[i] = cols[i];
    }
    s->op.next = scan_next;
    s->op.free = scan_free;
    pthread_mutex_lock(&m->mu);
    s->snap = floe_malloc((m->n + 1) * sizeof *s->snap);
    for (size_t i = 0; i < m->n; i++) {
        atomic_fetch_add(&m->blocks[i]->refs, 1);
        s->snap[i] = m->blocks[i];
    }
    s->n = m->n;
    pthread_mutex_unlock(&m->mu);
    *out = &s->op;
    return 0;
}

static int mem_insert(floe_table *t, const floe_block *b)
{
    mem_table *m = t->impl;
    mem_block *mb = floe_malloc(sizeof *mb);
    atomic_init(&mb->refs, 1);
    mb->b = floe_block_new();
    for (size_t i = 0; i < b->n_cols; i++)
        floe_block_add(mb->b, b->names[i], floe_column_clone(b->cols[i]));
    mb->b->rows = b->rows;
    pthread_mutex_lock(&m->mu);
    FLOE_GROW(m->blocks, m->cap, m->n + 1);
    m->blocks[m->n++] = mb;
    pthread_mutex_unlock(&m->mu);
    return 0;
}

static int mem_truncate(floe_table *t)
{
    mem_table *m = t->impl;
    pthread_mutex_lock(&m->mu);
    for (size_t i = 0; i < m->n; i++)
        block_unref(m->blocks[i]);
    m->n = 0;
    pthread_mutex_unlock(&m->mu);
    return 0;
}

static int mem_drop(floe_table *t)
{
    return mem_truncate(t);
}

static void mem_free(floe_table *t)
{
    mem_table *m = t->impl;
    if (!m)
        return;
    mem_truncate(t);
    floe_free(m->blocks);
    pthread_mutex_destroy(&m->mu);
    floe_free(m);
    t->impl = NULL;
}

static const floe_table_ops memory_ops = {mem_scan_open, mem_insert, mem_truncate, mem_drop,
                                          mem_free};

int floe_memory_engine_init(floe_table *t, const floe_ast *engine)
{
    if (engine && engine->u.func.n_args)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Engine Memory doesn't support any arguments (%zu given)",
                          engine->u.func.n_args);
    mem_table *m = floe_calloc(1, sizeof *m);
    pthread_mutex_init(&m->mu, NULL);
    t->impl = m;
    t->ops = &memory_ops;
    return 0;
}

/* ---- Null ---- */

static int null_scan_next(floe_op *op, floe_block **out)
{
    *out = NULL;
    return 0;
}

static void null_scan_free(floe_op *op)
{
    floe_free(op);
}

static int null_scan(floe_table *t, floe_op **out, const size_t *cols, size_t n,
                     const floe_ast *where, floe_exec_ctx *ctx)
{
    floe_op *op = floe_calloc(1, sizeof *op);
    op->ctx = ctx;
    op->n_cols = n;
    op->names = floe_arena_alloc(ctx->arena, (n + 1) * sizeof *op->names);
    op->types = floe_arena_alloc(ctx->arena, (n + 1) * sizeof *op->types);
    for (size_t i = 0; i < n; i++) {
        op->names[i] = floe_arena_strdup(ctx->arena, t->cols[cols[i]].name);
        op->types[i] = t->cols[cols[i]].type;
    }
    op->next = null_scan_next;
    op->free = null_scan_free;
    *out = op;
    return 0;
}

static int null_insert(floe_table *t, const floe_block *b)
{
    return 0;
}

static int null_truncate(floe_table *t)
{
    return 0;
}

static const floe_table_ops null_ops = {null_scan, null_insert, null_truncate, null_truncate,
                                        NULL};

int floe_null_engine_init(floe_table *t, const floe_ast *engine)
{
    if (engine && engine->u.func.n_args)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Engine Null doesn't support any arguments (%zu given)",
                          engine->u.func.n_args);
    t->ops = &null_ops;
    return 0;
}
