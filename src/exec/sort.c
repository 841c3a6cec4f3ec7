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

/* Sorts b's rows and keeps the first n (stable: ties keep input order). */
static floe_block *sort_block(floe_block *b, const sort_op *s, size_t keep)
{
    size_t n = b->rows;
    size_t *perm = floe_malloc((n ? n : 1) * sizeof *perm);
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    sort_ctx sc = {b, s->keys, s->n_keys};
    qsort_r(perm, n, sizeof *perm, qsort_cmp, &sc);
    if (keep < n)
        n = keep;
    floe_block *sorted = floe_block_new();
    for (size_t c = 0; c < b->n_cols; c++)
        floe_block_add(sorted, b->names[c], floe_column_permute(b->cols[c], perm, n));
    sorted->rows = n;
    floe_free(perm);
    floe_block_free(b);
    return sorted;
}

/* ---- ORDER BY ... LIMIT n: a heap of the best n rows ----
 * Blocks are appended to one block; heap[] holds the row numbers of the n
 * best rows so far with the worst at the root. When the block grows past
 * 2n + 65536 rows it is compacted to the heap's rows (in input order, so
 * ties still resolve by arrival). Memory stays bounded by the limit. */

typedef struct topn {
    size_t *heap;
    size_t n, cap;
    sort_ctx sc;
} topn;

static void heap_down(topn *t, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, w = i;
        if (l < t->n && compare_rows(t->heap[l], t->heap[w], &t->sc) > 0)
            w = l;
        if (r < t->n && compare_rows(t->heap[r], t->heap[w], &t->sc) > 0)
            w = r;
        if (w == i)
            return;
        size_t x = t->heap[i];
        t->heap[i] = t->heap[w];
        t->heap[w] = x;
        i = w;
    }
}

static void heap_up(topn *t, size_t i)
{
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (compare_rows(t->heap[i], t->heap[p], &t->sc) <= 0)
            return;
        size_t x = t->heap[i];
        t->heap[i] = t->heap[p];
        t->heap[p] = x;
        i = p;
    }
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* Keeps only the heap's rows of all, renumbering the heap. */
static floe_block *topn_compact(topn *t, floe_block *all)
{
    size_t *rows = floe_malloc((t->n ? t->n : 1) * sizeof *rows);
    memcpy(rows, t->heap, t->n * sizeof *rows);
    qsort(rows, t->n, sizeof *rows, cmp_size);
    floe_block *c = floe_block_new();
    for (size_t k = 0; k < all->n_cols; k++)
        floe_block_add(c, all->names[k], floe_column_permute(all->cols[k], rows, t->n));
    c->rows = t->n;
    floe_block_free(all);
    floe_free(rows);
    t->sc.b = c;
    /* the renumbered rows keep their order: rebuild the heap */
    for (size_t i = 0; i < t->n; i++)
        t->heap[i] = i;
    for (size_t i = t->n / 2; i-- > 0;)
        heap_down(t, i);
    return c;
}

static int gather_topn(sort_op *s)
{
    topn t = {0};
    t.cap = (size_t)s->limit_hint;
    t.heap = floe_malloc(t.cap * sizeof *t.heap);
    t.sc.keys = s->keys;
    t.sc.n_keys = s->n_keys;
    floe_block *all = NULL;
    s->rows_in = 0;
    for (;;) {
        floe_block *b = NULL;
        if (s->child->next(s->child, &b) < 0)
            goto fail;
        if (!b)
            break;
        if (floe_exec_check_cancel(s->op.ctx) < 0) {
            floe_block_free(b);
            goto fail;
        }
        s->rows_in += b->rows;
        size_t from = all ? all->rows : 0;
        if (!all) {
            all = b;
        } else {
            for (size_t c = 0; c < all->n_cols; c++)
                floe_column_append_range(all->cols[c], b->cols[c], 0, b->rows);
            all->rows += b->rows;
            floe_block_free(b);
        }
        t.sc.b = all;
        for (size_t i = from; i < all->rows; i++) {
            if (t.n < t.cap) {
                t.heap[t.n++] = i;
                heap_up(&t, t.n - 1);
            } else if (compare_rows(i, t.heap[0], &t.sc) < 0) {
                t.heap[0] = i;
                heap_down(&t, 0);
            }
        }
        if (all->rows >= 2 * t.cap + 65536)
            all = topn_compact(&t, all);
    }
    s->done_reading = true;
    if (all) {
        all = topn_compact(&t, all);
        s->all = sort_block(all, s, all->rows);
    }
    floe_free(t.heap);
    return 0;
fail:
    floe_block_free(all);
    floe_free(t.heap);
    return -1;
}

static int gather(sort_op *s)
{
    if (s->limit_hint && s->limit_hint <= 1000000)
        return gather_topn(s);
    floe_block *all = NULL;
    s->rows_in = 0;
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
        s->rows_in += b->rows;
        if (!all) {
            all = b;
        } else {
            for (size_t c = 0; c < all->n_cols; c++)
                floe_column_append_range(all->cols[c], b->cols[c], 0, b->rows);
            all->rows += b->rows;
            floe_block_free(b);
        }
    }
    s->done_reading = true;
    if (!all)
        return 0;
    s->all = sort_block(all, s, s->limit_hint ? (size_t)s->limit_hint : all->rows);
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
