/*
 * ORDER BY: gathers the child's rows, sorts a permutation by the key columns
 * (ClickHouse's order: NULLs and NaNs on the NULLS side, NaN nearer the
 * numbers), and hands the rows out in blocks. Stable, so equal keys keep
 * their input order.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "exec/op.h"

typedef struct sort_key {
    size_t col;
    bool desc;
    bool nulls_first;
} sort_key;

typedef struct sort_op {
    floe_op op;
    floe_op *child;
    size_t n_keys;
    sort_key *keys;
    uint64_t limit_hint;
    floe_block *all; /* every row, sorted once the child is drained */
    size_t pos;
    bool done_reading;
    uint64_t rows_in;
} sort_op;

typedef struct sort_ctx {
    const floe_block *b;
    const sort_key *keys;
    size_t n_keys;
} sort_ctx;

/* -1 smaller than every number, 0 a number, 1 NaN, 2 NULL — before the
 * NULLS FIRST flip. */
static int value_class(const floe_column *c, size_t row)
{
    if (c->nulls && c->nulls[row])
        return 2;
    const floe_type *t = floe_type_base(c->type);
    if (t->id == FLOE_TYPE_FLOAT64) {
        double v;
        memcpy(&v, c->data + row * 8, 8);
        return isnan(v) ? 1 : 0;
    }
    if (t->id == FLOE_TYPE_FLOAT32) {
        float v;
        memcpy(&v, c->data + row * 4, 4);
        return isnan(v) ? 1 : 0;
    }
    return 0;
}

static int compare_rows(size_t a, size_t b, const sort_ctx *sc)
{
    for (size_t k = 0; k < sc->n_keys; k++) {
        const sort_key *key = &sc->keys[k];
        const floe_column *c = sc->b->cols[key->col];
        int ca = value_class(c, a), cb = value_class(c, b);
        if (ca || cb) {
            if (ca != cb) {
                int r = ca < cb ? -1 : 1;
                return key->nulls_first ? -r : r;
            }
            continue;
        }
        int r = floe_column_compare(c, a, c, b, true);
        if (r)
            return key->desc ? -r : r;
    }
    return (a > b) - (a < b);
}

static int qsort_cmp(const void *x, const void *y, void *ctx)
{
    return compare_rows(*(const size_t *)x, *(const size_t *)y, ctx);
}

static int gather(sort_op *s)
{
    floe_block *all = NULL;
    for (;;) {
        floe_block *b = NULL;
        if (s->child->next(s->child, &b) < 0) {
            floe_block_free(all);
            return -1;
        }
        if (!b)
            break;
        if (floe_exec_check_cancel(s->op.ctx) < 0) {
            floe_block_free(b);
            floe_block_free(all);
            return -1;
        }
        if (!all) {
            all = b;
            continue;
        }
        for (size_t c = 0; c < all->n_cols; c++)
            floe_column_append_range(all->cols[c], b->cols[c], 0, b->rows);
        all->rows += b->rows;
        floe_block_free(b);
    }
    s->done_reading = true;
    s->rows_in = all ? all->rows : 0;
    if (!all)
        return 0;
    size_t n = all->rows;
    size_t *perm = floe_malloc((n ? n : 1) * sizeof *perm);
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    sort_ctx sc = {all, s->keys, s->n_keys};
    qsort_r(perm, n, sizeof *perm, qsort_cmp, &sc);
    if (s->limit_hint && s->limit_hint < n)
        n = (size_t)s->limit_hint;
    floe_block *sorted = floe_block_new();
    for (size_t c = 0; c < all->n_cols; c++)
        floe_block_add(sorted, all->names[c], floe_column_permute(all->cols[c], perm, n));
    sorted->rows = n;
    floe_free(perm);
    floe_block_free(all);
    s->all = sorted;
    return 0;
}

static int sort_next(floe_op *op, floe_block **out)
{
    sort_op *s = (sort_op *)op;
    if (!s->done_reading && gather(s) < 0)
        return -1;
    if (!s->all || s->pos >= s->all->rows) {
        *out = NULL;
        return 0;
    }
    size_t bs = op->ctx->settings.max_block_size ? op->ctx->settings.max_block_size : 65409;
    size_t n = s->all->rows - s->pos;
    if (n > bs)
        n = bs;
    floe_block *r = floe_block_new();
    for (size_t c = 0; c < s->all->n_cols; c++)
        floe_block_add(r, s->all->names[c], floe_column_slice(s->all->cols[c], s->pos, n));
    r->rows = n;
    s->pos += n;
    *out = r;
    return 0;
}

static void sort_free(floe_op *op)
{
    sort_op *s = (sort_op *)op;
    s->child->free(s->child);
    floe_block_free(s->all);
    floe_free(s->keys);
    floe_free(s);
}

const uint64_t *floe_op_sort_rows_in(const floe_op *sort)
{
    return &((const sort_op *)sort)->rows_in;
}

floe_op *floe_op_sort(floe_op *child, size_t n_keys, const size_t *keys, const bool *desc,
                      const bool *nulls_first, uint64_t limit_hint)
{
    sort_op *s = floe_calloc(1, sizeof *s);
    s->op = *child;
    s->op.next = sort_next;
    s->op.free = sort_free;
    s->child = child;
    s->n_keys = n_keys;
    s->keys = floe_malloc((n_keys ? n_keys : 1) * sizeof *s->keys);
    for (size_t i = 0; i < n_keys; i++) {
        s->keys[i].col = keys[i];
        s->keys[i].desc = desc[i];
        s->keys[i].nulls_first = nulls_first[i];
    }
    s->limit_hint = limit_hint;
    return &s->op;
}
