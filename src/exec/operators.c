/*
 * The streaming operators: filter, projection, limit, DISTINCT, union and
 * column trimming, plus relations over a ready block or an operator. Each
 * works a block at a time and holds no more than one block.
 */
#include <string.h>

#include "base/error.h"
#include "base/hashmap.h"
#include "base/mem.h"
#include "exec/op.h"
#include "types/cast.h"

int floe_exec_check_cancel(floe_exec_ctx *ctx)
{
    if (ctx->cancel && *ctx->cancel)
        return floe_error(FLOE_ERR_QUERY_WAS_CANCELLED, "Query was cancelled");
    return 0;
}

static void op_init(floe_op *op, floe_op *child, floe_exec_ctx *ctx)
{
    if (child) {
        op->n_cols = child->n_cols;
        op->names = child->names;
        op->types = child->types;
        op->ctx = child->ctx;
    } else {
        op->ctx = ctx;
    }
}

int floe_exec_add_read(floe_exec_ctx *ctx, uint64_t rows, uint64_t bytes)
{
    ctx->rows_read += rows;
    ctx->bytes_read += bytes;
    if (ctx->settings.max_rows_to_read && ctx->rows_read > ctx->settings.max_rows_to_read)
        return floe_error(FLOE_ERR_TOO_MANY_ROWS,
                          "Limit for rows (controlled by 'max_rows_to_read' setting) exceeded, "
                          "max rows: %llu, current rows: %llu",
                          (unsigned long long)ctx->settings.max_rows_to_read,
                          (unsigned long long)ctx->rows_read);
    return 0;
}

void floe_exec_keep_scope(floe_exec_ctx *ctx, floe_scope *sc)
{
    FLOE_GROW(ctx->scopes, ctx->cap_scopes, ctx->n_scopes + 1);
    ctx->scopes[ctx->n_scopes++] = sc;
}

void floe_exec_ctx_release(floe_exec_ctx *ctx)
{
    for (size_t i = 0; i < ctx->n_scopes; i++)
        floe_scope_free(ctx->scopes[i]);
    floe_free(ctx->scopes);
    ctx->scopes = NULL;
    ctx->n_scopes = ctx->cap_scopes = 0;
    floe_free(ctx->with_stack);
    ctx->with_stack = NULL;
    ctx->n_with_stack = ctx->cap_with_stack = 0;
}

/* The rows of b where mask is set (keep of them). Gathers by row number
 * rather than through floe_column_filter, which writes one value past a
 * result whose size is exactly its allocation. */
floe_block *floe_exec_block_filter(const floe_block *b, const uint8_t *mask, size_t keep)
{
    size_t *rows = floe_malloc((keep ? keep : 1) * sizeof *rows);
    size_t k = 0;
    for (size_t i = 0; i < b->rows && k < keep; i++)
        if (mask[i])
            rows[k++] = i;
    floe_block *r = floe_block_new();
    for (size_t c = 0; c < b->n_cols; c++)
        floe_block_add(r, b->names[c], floe_column_permute(b->cols[c], rows, k));
    r->rows = k;
    floe_free(rows);
    return r;
}

/* ---- filter ---- */

typedef struct filter_op {
    floe_op op;
    floe_op *child;
    floe_expr *pred;
} filter_op;

static int filter_next(floe_op *op, floe_block **out)
{
    filter_op *f = (filter_op *)op;
    for (;;) {
        floe_block *b = NULL;
        if (f->child->next(f->child, &b) < 0)
            return -1;
        if (!b) {
            *out = NULL;
            return 0;
        }
        if (floe_exec_check_cancel(op->ctx) < 0) {
            floe_block_free(b);
            return -1;
        }
        floe_column *m;
        bool owned;
        if (floe_expr_eval(&m, &owned, f->pred, b, &op->ctx->fctx) < 0) {
            floe_block_free(b);
            return -1;
        }
        size_t rows = b->rows, keep = 0;
        uint8_t *mask = floe_malloc(rows ? rows : 1);
        const floe_type *mt = floe_type_base(m->type);
        size_t w = mt->width;
        for (size_t i = 0; i < rows; i++) {
            const uint8_t *v = m->data + i * w;
            uint8_t nz = 0;
            if (mt->id == FLOE_TYPE_FLOAT64) {
                double d;
                memcpy(&d, v, sizeof d);
                nz = d != 0; /* -0.0 is false, NaN true */
            } else if (mt->id == FLOE_TYPE_FLOAT32) {
                float f;
                memcpy(&f, v, sizeof f);
                nz = f != 0;
            } else {
                for (size_t k = 0; k < w; k++)
                    nz |= v[k];
            }
            if (mt->id == FLOE_TYPE_NOTHING)
                nz = 0;
            mask[i] = nz && !(m->nulls && m->nulls[i]);
            keep += mask[i];
        }
        if (owned)
            floe_column_free(m);
        if (keep == rows) {
            floe_free(mask);
            *out = b;
            return 0;
        }
        if (keep == 0) {
            floe_free(mask);
            floe_block_free(b);
            continue;
        }
        floe_block *r = floe_exec_block_filter(b, mask, keep);
        floe_free(mask);
        floe_block_free(b);
        *out = r;
        return 0;
    }
}

static void filter_free(floe_op *op)
{
    filter_op *f = (filter_op *)op;
    f->child->free(f->child);
    floe_free(f);
}

floe_op *floe_op_filter(floe_op *child, floe_expr *pred)
{
    filter_op *f = floe_calloc(1, sizeof *f);
    op_init(&f->op, child, NULL);
    f->op.next = filter_next;
    f->op.free = filter_free;
    f->child = child;
    f->pred = pred;
    return &f->op;
}

/* ---- projection ---- */

typedef struct project_op {
    floe_op op;
    floe_op *child;
    floe_expr **exprs;
} project_op;

static int project_next(floe_op *op, floe_block **out)
{
    project_op *p = (project_op *)op;
    floe_block *b = NULL;
    if (p->child->next(p->child, &b) < 0)
        return -1;
    if (!b) {
        *out = NULL;
        return 0;
    }
    /* All expressions first, since they read the input's columns; then a
     * column taken as it is moves from the input to the result, once (a
     * second use of it is a copy). */
    floe_column **cols = floe_calloc(op->n_cols ? op->n_cols : 1, sizeof *cols);
    bool *owned = floe_calloc(op->n_cols ? op->n_cols : 1, sizeof *owned);
    int rc = 0;
    for (size_t i = 0; i < op->n_cols && rc == 0; i++)
        rc = floe_expr_eval(&cols[i], &owned[i], p->exprs[i], b, &op->ctx->fctx);
    floe_block *r = NULL;
    if (rc == 0) {
        r = floe_block_new();
        for (size_t i = 0; i < op->n_cols; i++) {
            floe_column *c = cols[i];
            if (!owned[i]) {
                size_t j = 0;
                while (j < b->n_cols && b->cols[j] != c)
                    j++;
                if (j < b->n_cols)
                    b->cols[j] = NULL;
                else
                    c = floe_column_clone(c);
                owned[i] = true;
            }
            floe_block_add(r, op->names[i], c);
        }
        r->rows = b->rows;
    } else {
        for (size_t i = 0; i < op->n_cols; i++)
            if (owned[i])
                floe_column_free(cols[i]);
    }
    floe_free(cols);
    floe_free(owned);
    floe_block_free(b);
    *out = r;
    return rc;
}

static void project_free(floe_op *op)
{
    project_op *p = (project_op *)op;
    p->child->free(p->child);
    floe_free(p);
}

floe_op *floe_op_project(floe_op *child, size_t n, floe_expr **exprs, const char **names)
{
    project_op *p = floe_calloc(1, sizeof *p);
    op_init(&p->op, child, NULL);
    p->op.n_cols = n;
    p->op.names = names;
    p->op.types = floe_arena_alloc(child->ctx->arena, (n ? n : 1) * sizeof *p->op.types);
    for (size_t i = 0; i < n; i++)
        p->op.types[i] = exprs[i]->type;
    p->op.next = project_next;
    p->op.free = project_free;
    p->child = child;
    p->exprs = exprs;
    return &p->op;
}

/* ---- limit ---- */

typedef struct limit_op {
    floe_op op;
    floe_op *child;
    uint64_t limit, offset, seen;
    int count_mode;
    const uint64_t *sort_rows;
} limit_op;

static void limit_report(limit_op *l)
{
    floe_exec_ctx *ctx = l->op.ctx;
    uint64_t stop = l->limit > UINT64_MAX - l->offset ? UINT64_MAX : l->offset + l->limit;
    if (l->count_mode == FLOE_LIMIT_COUNT_SORT && l->sort_rows)
        ctx->rows_before_limit = *l->sort_rows;
    else if (l->count_mode == FLOE_LIMIT_COUNT_ALL)
        ctx->rows_before_limit = l->seen;
    else
        ctx->rows_before_limit = l->seen < stop ? l->seen : stop;
    ctx->has_rows_before_limit = true;
}

static floe_block *block_slice(const floe_block *b, size_t from, size_t n)
{
    floe_block *r = floe_block_new();
    for (size_t c = 0; c < b->n_cols; c++)
        floe_block_add(r, b->names[c], floe_column_slice(b->cols[c], from, n));
    r->rows = n;
    return r;
}

static int limit_next(floe_op *op, floe_block **out)
{
    limit_op *l = (limit_op *)op;
    for (;;) {
        if (l->seen >= l->offset && l->seen - l->offset >= l->limit) {
            limit_report(l);
            *out = NULL;
            return 0;
        }
        floe_block *b = NULL;
        if (l->child->next(l->child, &b) < 0)
            return -1;
        if (!b) {
            limit_report(l);
            *out = NULL;
            return 0;
        }
        uint64_t start = l->seen, end = l->seen + b->rows;
        l->seen = end;
        limit_report(l);
        uint64_t stop = l->limit > UINT64_MAX - l->offset ? UINT64_MAX : l->offset + l->limit;
        uint64_t lo = start > l->offset ? start : l->offset;
        uint64_t hi = end < stop ? end : stop;
        if (lo >= hi) {
            floe_block_free(b);
            continue;
        }
        if (lo == start && hi == end) {
            *out = b;
            return 0;
        }
        *out = block_slice(b, (size_t)(lo - start), (size_t)(hi - lo));
        floe_block_free(b);
        return 0;
    }
}

static void limit_free(floe_op *op)
{
    limit_op *l = (limit_op *)op;
    l->child->free(l->child);
    floe_free(l);
}

floe_op *floe_op_limit(floe_op *child, uint64_t limit, uint64_t offset, int count_mode,
                       const uint64_t *sort_rows)
{
    limit_op *l = floe_calloc(1, sizeof *l);
    op_init(&l->op, child, NULL);
    l->op.next = limit_next;
    l->op.free = limit_free;
    l->child = child;
    l->limit = limit;
    l->offset = offset;
    l->count_mode = count_mode;
    l->sort_rows = sort_rows;
    return &l->op;
}

/* ---- LIMIT n WITH TIES: past the n-th row, rows equal to it on the keys ---- */

typedef struct ties_op {
    floe_op op;
    floe_op *child;
    uint64_t limit, offset, seen;
    size_t n_keys;
    size_t *keys;
    floe_buf last; /* key bytes of the last row within the limit */
    bool cutting;  /* the limit was reached: keep only ties of last */
    bool done;
} ties_op;

static void ties_key(floe_buf *k, const ties_op *t, const floe_block *b, size_t row)
{
    floe_buf_clear(k);
    for (size_t i = 0; i < t->n_keys; i++)
        floe_exec_row_key(k, b->cols[t->keys[i]], row);
}

static int ties_next(floe_op *op, floe_block **out)
{
    ties_op *t = (ties_op *)op;
    floe_buf k = FLOE_BUF_INIT;
    *out = NULL;
    while (!t->done) {
        floe_block *b = NULL;
        if (t->child->next(t->child, &b) < 0) {
            floe_buf_free(&k);
            return -1;
        }
        if (!b)
            break;
        uint8_t *mask = floe_calloc(b->rows ? b->rows : 1, 1);
        size_t keep = 0;
        for (size_t i = 0; i < b->rows && !t->done; i++) {
            uint64_t pos = t->seen++;
            if (pos < t->offset)
                continue;
            if (!t->cutting) {
                mask[i] = 1;
                keep++;
                if (pos - t->offset + 1 >= t->limit) {
                    t->cutting = true;
                    ties_key(&t->last, t, b, i);
                }
                continue;
            }
            ties_key(&k, t, b, i);
            if (k.len == t->last.len && memcmp(k.data, t->last.data, k.len) == 0) {
                mask[i] = 1;
                keep++;
            } else {
                t->done = true;
            }
        }
        if (keep == 0) {
            floe_free(mask);
            floe_block_free(b);
            continue;
        }
        floe_block *r = floe_exec_block_filter(b, mask, keep);
        floe_free(mask);
        floe_block_free(b);
        *out = r;
        break;
    }
    floe_buf_free(&k);
    return 0;
}

static void ties_free(floe_op *op)
{
    ties_op *t = (ties_op *)op;
    t->child->free(t->child);
    floe_buf_free(&t->last);
    floe_free(t->keys);
    floe_free(t);
}

floe_op *floe_op_limit_with_ties(floe_op *child, uint64_t limit, uint64_t offset, size_t n_keys,
                                 const size_t *keys)
{
    ties_op *t = floe_calloc(1, sizeof *t);
    op_init(&t->op, child, NULL);
    t->op.next = ties_next;
    t->op.free = ties_free;
    t->child = child;
    t->limit = limit;
    t->offset = offset;
    t->n_keys = n_keys;
    t->keys = floe_malloc((n_keys ? n_keys : 1) * sizeof *t->keys);
    memcpy(t->keys, keys, n_keys * sizeof *keys);
    t->done = limit == 0;
    return &t->op;
}

/* ---- LIMIT n [OFFSET m] BY keys: per key, rows [m, m + n) ---- */

typedef struct limit_by_op {
    floe_op op;
    floe_op *child;
    uint64_t limit, offset;
    size_t n_keys;
    size_t *keys;
    floe_hashmap counts;
} limit_by_op;

static int limit_by_next(floe_op *op, floe_block **out)
{
    limit_by_op *l = (limit_by_op *)op;
    floe_buf key = FLOE_BUF_INIT;
    *out = NULL;
    for (;;) {
        floe_block *b = NULL;
        if (l->child->next(l->child, &b) < 0) {
            floe_buf_free(&key);
            return -1;
        }
        if (!b)
            break;
        uint8_t *mask = floe_calloc(b->rows ? b->rows : 1, 1);
        size_t keep = 0;
        for (size_t i = 0; i < b->rows; i++) {
            floe_buf_clear(&key);
            for (size_t c = 0; c < l->n_keys; c++)
                floe_exec_row_key(&key, b->cols[l->keys[c]], i);
            uint64_t n = 0;
            floe_hashmap_get_or_insert(&l->counts, key.data ? key.data : "", key.len, &n);
            floe_hashmap_put(&l->counts, key.data ? key.data : "", key.len, n + 1);
            if (n >= l->offset && n - l->offset < l->limit) {
                mask[i] = 1;
                keep++;
            }
        }
        if (keep == 0) {
            floe_free(mask);
            floe_block_free(b);
            continue;
        }
        floe_block *r = floe_exec_block_filter(b, mask, keep);
        floe_free(mask);
        floe_block_free(b);
        *out = r;
        break;
    }
    floe_buf_free(&key);
    return 0;
}

static void limit_by_free(floe_op *op)
{
    limit_by_op *l = (limit_by_op *)op;
    l->child->free(l->child);
    floe_hashmap_free(&l->counts);
    floe_free(l->keys);
    floe_free(l);
}

floe_op *floe_op_limit_by(floe_op *child, uint64_t limit, uint64_t offset, size_t n_keys,
                          const size_t *keys)
{
    limit_by_op *l = floe_calloc(1, sizeof *l);
    op_init(&l->op, child, NULL);
    l->op.next = limit_by_next;
    l->op.free = limit_by_free;
    l->child = child;
    l->limit = limit;
    l->offset = offset;
    l->n_keys = n_keys;
    l->keys = floe_malloc((n_keys ? n_keys : 1) * sizeof *l->keys);
    memcpy(l->keys, keys, n_keys * sizeof *keys);
    return &l->op;
}

/* ---- DISTINCT over the first n columns ---- */

typedef struct distinct_op {
    floe_op op;
    floe_op *child;
    size_t n_keys;
    floe_hashmap seen;
} distinct_op;

/* Appends a self-delimiting encoding of row i of c to key. */
void floe_exec_row_key(floe_buf *key, const floe_column *c, size_t i)
{
    if (c->nulls) {
        floe_buf_putc(key, (char)c->nulls[i]);
        if (c->nulls[i])
            return;
    }
    const floe_type *b = floe_type_base(c->type);
    if (b->id == FLOE_TYPE_STRING) {
        size_t len;
        const char *p = floe_column_string_at(c, i, &len);
        uint64_t l64 = len;
        floe_buf_append(key, &l64, sizeof l64);
        floe_buf_append(key, p, len);
    } else if (b->id == FLOE_TYPE_TUPLE) {
        for (size_t k = 0; k < c->n_children; k++)
            floe_exec_row_key(key, c->children[k], i);
    } else if (b->id == FLOE_TYPE_ARRAY) {
        uint64_t s = i ? c->offsets[i - 1] : 0, e = c->offsets[i];
        uint64_t n = e - s;
        floe_buf_append(key, &n, sizeof n);
        for (uint64_t j = s; j < e; j++)
            floe_exec_row_key(key, c->children[0], j);
    } else if (b->width) {
        floe_buf_append(key, floe_column_fixed_at(c, i), b->width);
    }
}

static int distinct_next(floe_op *op, floe_block **out)
{
    distinct_op *d = (distinct_op *)op;
    floe_buf key = FLOE_BUF_INIT;
    for (;;) {
        floe_block *b = NULL;
        if (d->child->next(d->child, &b) < 0)
            goto fail;
        if (!b) {
            *out = NULL;
            break;
        }
        uint8_t *mask = floe_malloc(b->rows ? b->rows : 1);
        size_t keep = 0;
        for (size_t i = 0; i < b->rows; i++) {
            floe_buf_clear(&key);
            for (size_t c = 0; c < d->n_keys; c++)
                floe_exec_row_key(&key, b->cols[c], i);
            uint64_t v = 0;
            mask[i] = floe_hashmap_get_or_insert(&d->seen, key.data ? key.data : "", key.len, &v);
            keep += mask[i];
        }
        if (keep == 0) {
            floe_free(mask);
            floe_block_free(b);
            continue;
        }
        floe_block *r = floe_exec_block_filter(b, mask, keep);
        floe_free(mask);
        floe_block_free(b);
        *out = r;
        break;
    }
    floe_buf_free(&key);
    return 0;
fail:
    floe_buf_free(&key);
    return -1;
}

static void distinct_free(floe_op *op)
{
    distinct_op *d = (distinct_op *)op;
    d->child->free(d->child);
    floe_hashmap_free(&d->seen);
    floe_free(d);
}

floe_op *floe_op_distinct(floe_op *child, size_t n_key_cols)
{
    distinct_op *d = floe_calloc(1, sizeof *d);
    op_init(&d->op, child, NULL);
    d->op.next = distinct_next;
    d->op.free = distinct_free;
    d->child = child;
    d->n_keys = n_key_cols;
    return &d->op;
}

/* ---- EXCEPT / INTERSECT [ALL|DISTINCT] against a collected right side ---- */

typedef struct setop_op {
    floe_op op;
    floe_op *child;
    floe_hashmap right; /* row key -> how many rows of the right side are left */
    floe_hashmap seen;  /* DISTINCT: keys already output */
    bool except, distinct;
} setop_op;

static int setop_next(floe_op *op, floe_block **out)
{
    setop_op *s = (setop_op *)op;
    floe_buf key = FLOE_BUF_INIT;
    *out = NULL;
    for (;;) {
        floe_block *b = NULL;
        if (s->child->next(s->child, &b) < 0) {
            floe_buf_free(&key);
            return -1;
        }
        if (!b)
            break;
        uint8_t *mask = floe_calloc(b->rows ? b->rows : 1, 1);
        size_t keep = 0;
        for (size_t i = 0; i < b->rows; i++) {
            floe_buf_clear(&key);
            for (size_t c = 0; c < b->n_cols; c++)
                floe_exec_row_key(&key, b->cols[c], i);
            const char *k = key.data ? key.data : "";
            uint64_t n = 0;
            bool in_right = floe_hashmap_get(&s->right, k, key.len, &n) && n > 0;
            bool take;
            if (s->distinct) {
                take = in_right != s->except;
                if (take) {
                    uint64_t one = 1;
                    take = floe_hashmap_get_or_insert(&s->seen, k, key.len, &one);
                }
            } else {
                /* ALL: each right row cancels (EXCEPT) or admits (INTERSECT) one */
                if (in_right)
                    floe_hashmap_put(&s->right, k, key.len, n - 1);
                take = in_right != s->except;
            }
            mask[i] = take;
            keep += take;
        }
        if (keep == 0) {
            floe_free(mask);
            floe_block_free(b);
            continue;
        }
        floe_block *r = floe_exec_block_filter(b, mask, keep);
        floe_free(mask);
        floe_block_free(b);
        *out = r;
        break;
    }
    floe_buf_free(&key);
    return 0;
}

static void setop_free(floe_op *op)
{
    setop_op *s = (setop_op *)op;
    s->child->free(s->child);
    floe_hashmap_free(&s->right);
    floe_hashmap_free(&s->seen);
    floe_free(s);
}

floe_op *floe_op_setop(floe_op *child, const floe_block *right, bool except, bool distinct)
{
    setop_op *s = floe_calloc(1, sizeof *s);
    op_init(&s->op, child, NULL);
    s->op.next = setop_next;
    s->op.free = setop_free;
    s->child = child;
    s->except = except;
    s->distinct = distinct;
    floe_buf key = FLOE_BUF_INIT;
    for (size_t i = 0; i < right->rows; i++) {
        floe_buf_clear(&key);
        for (size_t c = 0; c < right->n_cols; c++)
            floe_exec_row_key(&key, right->cols[c], i);
        const char *k = key.data ? key.data : "";
        uint64_t n = 1;
        if (!floe_hashmap_get_or_insert(&s->right, k, key.len, &n))
            floe_hashmap_put(&s->right, k, key.len, n + 1);
    }
    floe_buf_free(&key);
    return &s->op;
}

/* ---- keep the first n columns ---- */

typedef struct take_op {
    floe_op op;
    floe_op *child;
} take_op;

static int take_next(floe_op *op, floe_block **out)
{
    take_op *t = (take_op *)op;
    floe_block *b = NULL;
    if (t->child->next(t->child, &b) < 0)
        return -1;
    if (b) {
        for (size_t c = op->n_cols; c < b->n_cols; c++) {
            floe_column_free(b->cols[c]);
            floe_free(b->names[c]);
        }
        if (b->n_cols > op->n_cols)
            b->n_cols = op->n_cols;
    }
    *out = b;
    return 0;
}

static void take_free(floe_op *op)
{
    take_op *t = (take_op *)op;
    t->child->free(t->child);
    floe_free(t);
}

floe_op *floe_op_take_columns(floe_op *child, size_t n)
{
    take_op *t = floe_calloc(1, sizeof *t);
    op_init(&t->op, child, NULL);
    t->op.n_cols = n;
    t->op.next = take_next;
    t->op.free = take_free;
    t->child = child;
    return &t->op;
}

/* ---- UNION ALL ---- */

typedef struct union_op {
    floe_op op;
    floe_op **children;
    size_t n, cur;
} union_op;

static int union_next(floe_op *op, floe_block **out)
{
    union_op *u = (union_op *)op;
    while (u->cur < u->n) {
        floe_op *c = u->children[u->cur];
        floe_block *b = NULL;
        if (c->next(c, &b) < 0)
            return -1;
        if (!b) {
            u->cur++;
            continue;
        }
        floe_block *r = floe_block_new();
        for (size_t i = 0; i < op->n_cols; i++) {
            floe_column *col = b->cols[i];
            if (col->type != op->types[i]) {
                floe_column *conv = NULL;
                if (floe_cast_column(&conv, col, op->types[i], FLOE_CAST_THROW,
                                     op->ctx->fctx.session_tz) < 0) {
                    floe_block_free(r);
                    floe_block_free(b);
                    return -1;
                }
                floe_block_add(r, op->names[i], conv);
            } else {
                b->cols[i] = NULL;
                floe_block_add(r, op->names[i], col);
            }
        }
        r->rows = b->rows;
        floe_block_free(b);
        *out = r;
        return 0;
    }
    *out = NULL;
    return 0;
}

static void union_free(floe_op *op)
{
    union_op *u = (union_op *)op;
    for (size_t i = 0; i < u->n; i++)
        u->children[i]->free(u->children[i]);
    floe_free(u->children);
    floe_free(u);
}

floe_op *floe_op_union(floe_op **children, size_t n, const floe_type **types, floe_exec_ctx *ctx)
{
    union_op *u = floe_calloc(1, sizeof *u);
    op_init(&u->op, children[0], ctx);
    u->op.types = types;
    u->op.next = union_next;
    u->op.free = union_free;
    u->children = floe_malloc(n * sizeof *u->children);
    memcpy(u->children, children, n * sizeof *children);
    u->n = n;
    return &u->op;
}

/* ---- relations over a block or an operator ---- */

typedef struct block_source {
    floe_op op;
    floe_block *block; /* taken from the relation: a block relation is read once */
    size_t *cols;
    size_t pos;
} block_source;

static int block_source_next(floe_op *op, floe_block **out)
{
    block_source *s = (block_source *)op;
    size_t bs = op->ctx->settings.max_block_size ? op->ctx->settings.max_block_size : 65409;
    if (s->pos >= s->block->rows) {
        *out = NULL;
        return 0;
    }
    size_t n = s->block->rows - s->pos;
    if (n > bs)
        n = bs;
    floe_block *r = floe_block_new();
    for (size_t i = 0; i < op->n_cols; i++)
        floe_block_add(r, op->names[i], floe_column_slice(s->block->cols[s->cols[i]], s->pos, n));
    r->rows = n;
    s->pos += n;
    *out = r;
    return 0;
}

static void block_source_free(floe_op *op)
{
    block_source *s = (block_source *)op;
    floe_block_free(s->block);
    floe_free(s->cols);
    floe_free(s);
}

static int block_rel_scan(floe_relation *r, floe_op **out, const size_t *cols, size_t n,
                          const floe_ast *where, floe_exec_ctx *ctx)
{
    if (!r->impl)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "A block relation was read twice");
    block_source *s = floe_calloc(1, sizeof *s);
    s->op.ctx = ctx;
    s->op.n_cols = n;
    s->op.names = floe_arena_alloc(ctx->arena, (n ? n : 1) * sizeof *s->op.names);
    s->op.types = floe_arena_alloc(ctx->arena, (n ? n : 1) * sizeof *s->op.types);
    s->cols = floe_malloc((n ? n : 1) * sizeof *s->cols);
    for (size_t i = 0; i < n; i++) {
        s->op.names[i] = r->names[cols[i]];
        s->op.types[i] = r->types[cols[i]];
        s->cols[i] = cols[i];
    }
    s->op.next = block_source_next;
    s->op.free = block_source_free;
    s->block = r->impl;
    r->impl = NULL;
    *out = &s->op;
    return 0;
}

static void block_rel_release(floe_relation *r)
{
    floe_block_free(r->impl);
    floe_free(r);
}

floe_relation *floe_relation_from_block(floe_block *b, floe_exec_ctx *ctx)
{
    floe_relation *r = floe_calloc(1, sizeof *r);
    r->n_cols = r->n_visible = b->n_cols;
    r->names = floe_arena_alloc(ctx->arena, (b->n_cols ? b->n_cols : 1) * sizeof *r->names);
    r->types = floe_arena_alloc(ctx->arena, (b->n_cols ? b->n_cols : 1) * sizeof *r->types);
    for (size_t i = 0; i < b->n_cols; i++) {
        r->names[i] = floe_arena_strdup(ctx->arena, b->names[i]);
        r->types[i] = b->cols[i]->type;
    }
    r->scan = block_rel_scan;
    r->release = block_rel_release;
    r->impl = b;
    return r;
}

typedef struct op_source {
    floe_op op;
    floe_op *child;
    size_t *cols;
} op_source;

static int op_source_next(floe_op *op, floe_block **out)
{
    op_source *s = (op_source *)op;
    floe_block *b = NULL;
    if (s->child->next(s->child, &b) < 0)
        return -1;
    if (!b) {
        *out = NULL;
        return 0;
    }
    floe_block *r = floe_block_new();
    for (size_t i = 0; i < op->n_cols; i++) {
        size_t c = s->cols[i];
        floe_block_add(r, op->names[i], b->cols[c]);
        b->cols[c] = NULL;
    }
    r->rows = b->rows;
    floe_block_free(b);
    *out = r;
    return 0;
}

static void op_source_free(floe_op *op)
{
    op_source *s = (op_source *)op;
    s->child->free(s->child);
    floe_free(s->cols);
    floe_free(s);
}

static int op_rel_scan(floe_relation *r, floe_op **out, const size_t *cols, size_t n,
                       const floe_ast *where, floe_exec_ctx *ctx)
{
    if (!r->impl)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "A subquery relation was read twice");
    /* A column selected twice would be moved out of the block twice: the
     * planner never asks for that, so duplicates are refused. */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (cols[i] == cols[j])
                return floe_error(FLOE_ERR_LOGICAL_ERROR, "Column requested twice from a scan");
    op_source *s = floe_calloc(1, sizeof *s);
    s->op.ctx = ctx;
    s->op.n_cols = n;
    s->op.names = floe_arena_alloc(ctx->arena, (n ? n : 1) * sizeof *s->op.names);
    s->op.types = floe_arena_alloc(ctx->arena, (n ? n : 1) * sizeof *s->op.types);
    s->cols = floe_malloc((n ? n : 1) * sizeof *s->cols);
    for (size_t i = 0; i < n; i++) {
        s->op.names[i] = r->names[cols[i]];
        s->op.types[i] = r->types[cols[i]];
        s->cols[i] = cols[i];
    }
    s->op.next = op_source_next;
    s->op.free = op_source_free;
    s->child = r->impl;
    r->impl = NULL;
    *out = &s->op;
    return 0;
}

static void op_rel_release(floe_relation *r)
{
    if (r->impl) {
        floe_op *op = r->impl;
        op->free(op);
    }
    floe_free(r);
}

floe_relation *floe_relation_from_op(floe_op *op, floe_exec_ctx *ctx)
{
    floe_relation *r = floe_calloc(1, sizeof *r);
    r->n_cols = r->n_visible = op->n_cols;
    r->names = op->names;
    r->types = op->types;
    r->scan = op_rel_scan;
    r->release = op_rel_release;
    r->impl = op;
    return r;
}
