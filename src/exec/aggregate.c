/*
 * GROUP BY and aggregation without keys. Without keys every block folds into
 * one state per function through add_single. With keys, a hash table maps
 * each key's bytes to its group, whose states sit side by side in one arena
 * slot; each function then adds a whole block through per-row state
 * pointers. The result is produced when the child is drained.
 */
#include <string.h>

#include "base/error.h"
#include "base/hashmap.h"
#include "base/mem.h"
#include "exec/op.h"

typedef struct agg_op {
    floe_op op;
    floe_op *child;
    size_t n_keys;
    floe_expr **keys;
    size_t n_aggs;
    floe_agg_call *aggs;
    floe_func_args *fargs; /* per aggregate: its argument types */
    size_t *offsets;       /* per aggregate: its state's offset in a group's slot */
    size_t slot_size;
    floe_arena states;
    char **groups; /* slot of each group */
    size_t n_groups, cap_groups;
    floe_column **key_cols; /* key values of each group, in group order */
    floe_hashmap map;
    floe_block *result;
    size_t pos;
    bool done;
} agg_op;

static char *new_slot(agg_op *a)
{
    char *slot = floe_arena_alloc(&a->states, a->slot_size ? a->slot_size : 1);
    for (size_t i = 0; i < a->n_aggs; i++)
        a->aggs[i].fn->init(slot + a->offsets[i], &a->fargs[i]);
    FLOE_GROW(a->groups, a->cap_groups, a->n_groups + 1);
    a->groups[a->n_groups++] = slot;
    return slot;
}

static int eval_args(agg_op *a, size_t i, const floe_block *b, floe_column **cols, bool *owned)
{
    for (size_t k = 0; k < a->aggs[i].n_args; k++)
        if (floe_expr_eval(&cols[k], &owned[k], a->aggs[i].args[k], b, &a->op.ctx->fctx) < 0) {
            for (size_t j = 0; j < k; j++)
                if (owned[j])
                    floe_column_free(cols[j]);
            return -1;
        }
    return 0;
}

static void free_args(floe_agg_call *c, floe_column **cols, bool *owned)
{
    for (size_t k = 0; k < c->n_args; k++)
        if (owned[k])
            floe_column_free(cols[k]);
}

static int consume(agg_op *a, const floe_block *b)
{
    size_t rows = b->rows;
    char **places = NULL;
    size_t nk = a->n_keys ? a->n_keys : 1;
    floe_column **kc = floe_calloc(nk, sizeof *kc);
    bool *kown = floe_calloc(nk, sizeof *kown);
    int rc = -1;
    size_t n_keys_eval = 0;
    if (a->n_keys) {
        places = floe_malloc((rows ? rows : 1) * sizeof *places);
        for (; n_keys_eval < a->n_keys; n_keys_eval++)
            if (floe_expr_eval(&kc[n_keys_eval], &kown[n_keys_eval], a->keys[n_keys_eval], b,
                               &a->op.ctx->fctx) < 0)
                goto done;
        floe_buf key = FLOE_BUF_INIT;
        for (size_t r = 0; r < rows; r++) {
            floe_buf_clear(&key);
            for (size_t k = 0; k < a->n_keys; k++)
                floe_exec_row_key(&key, kc[k], r);
            uint64_t g = a->n_groups;
            if (floe_hashmap_get_or_insert(&a->map, key.data ? key.data : "", key.len, &g)) {
                new_slot(a);
                for (size_t k = 0; k < a->n_keys; k++)
                    floe_column_push_from(a->key_cols[k], kc[k], r);
            }
            places[r] = a->groups[g];
        }
        floe_buf_free(&key);
    } else if (a->n_groups == 0) {
        new_slot(a);
    }
    for (size_t i = 0; i < a->n_aggs; i++) {
        floe_agg_call *c = &a->aggs[i];
        size_t na = c->n_args ? c->n_args : 1;
        floe_column **cols = floe_calloc(na, sizeof *cols);
        bool *owned = floe_calloc(na, sizeof *owned);
        if (eval_args(a, i, b, cols, owned) < 0) {
            floe_free(cols);
            floe_free(owned);
            goto done;
        }
        if (a->n_keys)
            c->fn->add(places, a->offsets[i], cols, rows, &a->fargs[i]);
        else if (c->fn->add_single)
            c->fn->add_single(a->groups[0] + a->offsets[i], cols, rows, &a->fargs[i]);
        else {
            char **one = floe_malloc((rows ? rows : 1) * sizeof *one);
            for (size_t r = 0; r < rows; r++)
                one[r] = a->groups[0];
            c->fn->add(one, a->offsets[i], cols, rows, &a->fargs[i]);
            floe_free(one);
        }
        free_args(c, cols, owned);
        floe_free(cols);
        floe_free(owned);
    }
    rc = 0;
done:
    for (size_t k = 0; k < n_keys_eval; k++)
        if (kown[k])
            floe_column_free(kc[k]);
    floe_free(kc);
    floe_free(kown);
    floe_free(places);
    return rc;
}

static int finish(agg_op *a)
{
    if (a->n_keys == 0 && a->n_groups == 0)
        new_slot(a);
    floe_block *r = floe_block_new();
    for (size_t k = 0; k < a->n_keys; k++) {
        floe_block_add(r, a->op.names[k], a->key_cols[k]);
        a->key_cols[k] = NULL;
    }
    for (size_t i = 0; i < a->n_aggs; i++) {
        floe_column *c = floe_column_new(a->aggs[i].ret);
        floe_column_reserve(c, a->n_groups, 0);
        for (size_t g = 0; g < a->n_groups; g++)
            if (a->aggs[i].fn->result(c, a->groups[g] + a->offsets[i], &a->fargs[i]) < 0) {
                floe_column_free(c);
                floe_block_free(r);
                return -1;
            }
        floe_block_add(r, a->op.names[a->n_keys + i], c);
    }
    r->rows = a->n_groups;
    a->result = r;
    return 0;
}

static int agg_next(floe_op *op, floe_block **out)
{
    agg_op *a = (agg_op *)op;
    if (!a->done) {
        for (;;) {
            floe_block *b = NULL;
            if (a->child->next(a->child, &b) < 0)
                return -1;
            if (!b)
                break;
            int rc = floe_exec_check_cancel(op->ctx);
            if (rc == 0)
                rc = consume(a, b);
            floe_block_free(b);
            if (rc < 0)
                return -1;
        }
        a->done = true;
        if (finish(a) < 0)
            return -1;
    }
    if (!a->result || a->pos >= a->result->rows) {
        *out = NULL;
        return 0;
    }
    size_t bs = op->ctx->settings.max_block_size ? op->ctx->settings.max_block_size : 65409;
    size_t n = a->result->rows - a->pos;
    if (n > bs)
        n = bs;
    floe_block *r = floe_block_new();
    for (size_t c = 0; c < a->result->n_cols; c++)
        floe_block_add(r, a->result->names[c], floe_column_slice(a->result->cols[c], a->pos, n));
    r->rows = n;
    a->pos += n;
    *out = r;
    return 0;
}

static void agg_free(floe_op *op)
{
    agg_op *a = (agg_op *)op;
    a->child->free(a->child);
    for (size_t g = 0; g < a->n_groups; g++)
        for (size_t i = 0; i < a->n_aggs; i++)
            if (a->aggs[i].fn->destroy)
                a->aggs[i].fn->destroy(a->groups[g] + a->offsets[i]);
    floe_arena_free(&a->states);
    floe_free(a->groups);
    for (size_t k = 0; k < a->n_keys; k++)
        floe_column_free(a->key_cols[k]);
    floe_free(a->key_cols);
    floe_free(a->fargs);
    floe_free(a->offsets);
    floe_hashmap_free(&a->map);
    floe_block_free(a->result);
    floe_free(a);
}

floe_op *floe_op_aggregate(floe_op *child, size_t n_keys, floe_expr **keys, const char **key_names,
                           size_t n_aggs, floe_agg_call *aggs, floe_exec_ctx *ctx)
{
    agg_op *a = floe_calloc(1, sizeof *a);
    a->op.ctx = ctx;
    a->op.n_cols = n_keys + n_aggs;
    size_t n = a->op.n_cols ? a->op.n_cols : 1;
    a->op.names = floe_arena_alloc(ctx->arena, n * sizeof *a->op.names);
    a->op.types = floe_arena_alloc(ctx->arena, n * sizeof *a->op.types);
    a->key_cols = floe_calloc(n_keys ? n_keys : 1, sizeof *a->key_cols);
    for (size_t k = 0; k < n_keys; k++) {
        a->op.names[k] = key_names[k];
        a->op.types[k] = keys[k]->type;
        a->key_cols[k] = floe_column_new(keys[k]->type);
    }
    a->fargs = floe_calloc(n_aggs ? n_aggs : 1, sizeof *a->fargs);
    a->offsets = floe_calloc(n_aggs ? n_aggs : 1, sizeof *a->offsets);
    size_t off = 0;
    for (size_t i = 0; i < n_aggs; i++) {
        a->op.names[n_keys + i] = aggs[i].name;
        a->op.types[n_keys + i] = aggs[i].ret;
        a->fargs[i].n = aggs[i].n_args;
        a->fargs[i].types = aggs[i].arg_types;
        size_t al = aggs[i].fn->state_align ? aggs[i].fn->state_align : 8;
        if (al > 16)
            al = 16;
        off = (off + al - 1) / al * al;
        a->offsets[i] = off;
        off += aggs[i].fn->state_size;
    }
    a->slot_size = (off + 15) & ~(size_t)15;
    a->op.next = agg_next;
    a->op.free = agg_free;
    a->child = child;
    a->n_keys = n_keys;
    a->keys = keys;
    a->n_aggs = n_aggs;
    a->aggs = aggs;
    return &a->op;
}
