/*
 * JOIN: [INNER|LEFT|RIGHT|FULL] [ALL] JOIN ... ON/USING and CROSS (comma)
 * joins. Both sides are read whole; the right side is hashed on the
 * equality keys found in ON (or USING), conditions left over filter the
 * joined rows. Unmatched rows of an outer join get the other side's default
 * values, as ClickHouse does without join_use_nulls.
 */
#include <stdint.h>
#include <string.h>

#include "base/error.h"
#include "base/hashmap.h"
#include "base/mem.h"
#include "exec/op.h"
#include "types/cast.h"

#define NONE SIZE_MAX

typedef struct side {
    floe_relation *rel;
    floe_block *b;
    const char **quals; /* per column */
    floe_scope sc;
} side;

/* Reads every column of r into one block. */
static int collect(side *s, floe_exec_ctx *ctx)
{
    floe_relation *r = s->rel;
    size_t *cols = floe_arena_alloc(ctx->arena, (r->n_cols ? r->n_cols : 1) * sizeof *cols);
    for (size_t i = 0; i < r->n_cols; i++)
        cols[i] = i;
    floe_op *op;
    if (r->scan(r, &op, cols, r->n_cols, NULL, ctx) < 0)
        return -1;
    floe_block *all = floe_block_new();
    for (size_t c = 0; c < op->n_cols; c++)
        floe_block_add(all, op->names[c], floe_column_new(op->types[c]));
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
    s->b = all;
    s->quals = floe_arena_alloc(ctx->arena, (r->n_cols ? r->n_cols : 1) * sizeof *s->quals);
    for (size_t i = 0; i < r->n_cols; i++)
        s->quals[i] = r->quals && r->quals[i] ? r->quals[i] : r->qual;
    s->sc.n_cols = r->n_cols;
    s->sc.names = r->names;
    s->sc.types = r->types;
    s->sc.quals = s->quals;
    s->sc.fctx = &ctx->fctx;
    s->sc.arena = ctx->arena;
    return 0;
}

/* Which sides an expression's identifiers come from: bit 1 left, 2 right,
 * 4 unknown. */
static int ident_side(const side *l, const side *r, const floe_ast *e)
{
    const char **parts = e->u.ident.parts;
    size_t n = e->u.ident.n_parts;
    const side *sides[2] = {l, r};
    for (int k = 0; k < 2; k++) {
        const side *s = sides[k];
        for (size_t i = 0; i < s->rel->n_cols; i++) {
            if (n == 1 && strcmp(s->rel->names[i], parts[0]) == 0)
                return 1 << k;
            if (n >= 2 && strcmp(s->rel->names[i], parts[n - 1]) == 0 && s->quals[i] &&
                strcmp(s->quals[i], parts[n - 2]) == 0)
                return 1 << k;
        }
    }
    return 4;
}

static int expr_sides(const side *l, const side *r, const floe_ast *e)
{
    if (!e)
        return 0;
    if (e->kind == FLOE_AST_IDENT)
        return ident_side(l, r, e);
    if (e->kind == FLOE_AST_SUBQUERY)
        return 4;
    if (e->kind != FLOE_AST_FUNC)
        return 0;
    int m = 0;
    for (size_t i = 0; i < e->u.func.n_args; i++)
        m |= expr_sides(l, r, e->u.func.args[i]);
    return m;
}

typedef struct keys {
    floe_column **l, **r; /* evaluated and cast to a common type */
    size_t n, cap;
} keys;

/* Evaluates a key on each side and casts both to their common type. */
static int add_key(keys *k, side *l, side *r, const floe_ast *le, const floe_ast *re,
                   floe_exec_ctx *ctx)
{
    floe_expr *xl, *xr;
    if (floe_expr_compile(&xl, &l->sc, le) < 0 || floe_expr_compile(&xr, &r->sc, re) < 0)
        return -1;
    const floe_type *ts[2] = {xl->type, xr->type}, *common;
    if (floe_common_type(&common, ts, 2) < 0)
        return -1;
    floe_column *cl = NULL, *cr = NULL, *vl = NULL, *vr = NULL;
    bool ol = false, orr = false;
    int rc = -1;
    if (floe_expr_eval(&vl, &ol, xl, l->b, &ctx->fctx) < 0)
        goto done;
    if (floe_expr_eval(&vr, &orr, xr, r->b, &ctx->fctx) < 0)
        goto done;
    if (floe_cast_column(&cl, vl, common, FLOE_CAST_THROW, ctx->fctx.session_tz) < 0)
        goto done;
    if (floe_cast_column(&cr, vr, common, FLOE_CAST_THROW, ctx->fctx.session_tz) < 0)
        goto done;
    if (k->n == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 4;
        k->l = floe_realloc(k->l, k->cap * sizeof *k->l);
        k->r = floe_realloc(k->r, k->cap * sizeof *k->r);
    }
    k->l[k->n] = cl;
    k->r[k->n] = cr;
    k->n++;
    cl = cr = NULL;
    rc = 0;
done:
    if (ol)
        floe_column_free(vl);
    if (orr)
        floe_column_free(vr);
    floe_column_free(cl);
    floe_column_free(cr);
    return rc;
}

static void keys_free(keys *k)
{
    for (size_t i = 0; i < k->n; i++) {
        floe_column_free(k->l[i]);
        floe_column_free(k->r[i]);
    }
    floe_free(k->l);
    floe_free(k->r);
}

/* The key bytes of row i; false when a key is NULL (never matches). */
static bool row_key(floe_buf *b, floe_column **cols, size_t n, size_t i)
{
    floe_buf_clear(b);
    for (size_t k = 0; k < n; k++) {
        if (floe_column_is_null(cols[k], i))
            return false;
        floe_exec_row_key(b, cols[k], i);
    }
    return true;
}

typedef struct pairs {
    size_t *l, *r;
    size_t n, cap;
} pairs;

static void pair_add(pairs *p, size_t l, size_t r)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        p->l = floe_realloc(p->l, p->cap * sizeof *p->l);
        p->r = floe_realloc(p->r, p->cap * sizeof *p->r);
    }
    p->l[p->n] = l;
    p->r[p->n] = r;
    p->n++;
}

/* Column c permuted by idx, NONE giving the type's default. */
static floe_column *gather(const floe_column *c, const size_t *idx, size_t n)
{
    bool any_none = false;
    for (size_t i = 0; i < n && !any_none; i++)
        any_none = idx[i] == NONE;
    if (!any_none)
        return floe_column_permute(c, idx, n);
    floe_column *ext = floe_column_clone(c);
    floe_column_push_default(ext);
    size_t def = c->rows;
    size_t *p = floe_malloc((n ? n : 1) * sizeof *p);
    for (size_t i = 0; i < n; i++)
        p[i] = idx[i] == NONE ? def : idx[i];
    floe_column *r = floe_column_permute(ext, p, n);
    floe_free(p);
    floe_column_free(ext);
    return r;
}

static bool is_using_col(const floe_ast *j, const char *name)
{
    for (size_t i = 0; i < j->u.join.n_using; i++) {
        const floe_ast *u = j->u.join.using_[i];
        if (u->kind == FLOE_AST_IDENT && u->u.ident.n_parts == 1 &&
            strcmp(u->u.ident.parts[0], name) == 0)
            return true;
    }
    return false;
}

/* Replaces the rows of *col (a USING column from the left) whose left
 * row is missing with the right side's value of that column. */
static int using_from_right(floe_column **col, const side *r, const char *name, const pairs *pr)
{
    size_t rc = 0;
    while (rc < r->rel->n_cols && strcmp(r->rel->names[rc], name) != 0)
        rc++;
    if (rc == r->rel->n_cols)
        return 0;
    floe_column *rv = NULL;
    if (floe_cast_column(&rv, r->b->cols[rc], (*col)->type, FLOE_CAST_THROW, NULL) < 0)
        return -1;
    floe_column *n = floe_column_new((*col)->type);
    for (size_t i = 0; i < pr->n; i++) {
        if (pr->l[i] == NONE)
            floe_column_push_from(n, rv, pr->r[i]);
        else
            floe_column_push_from(n, *col, i);
    }
    floe_column_free(rv);
    floe_column_free(*col);
    *col = n;
    return 0;
}

/* Splits ON into equality keys between the sides and the rest. */
static int split_on(keys *k, const floe_ast ***rest, size_t *n_rest, side *l, side *r,
                    const floe_ast *on, floe_exec_ctx *ctx)
{
    if (on->kind == FLOE_AST_FUNC && strcmp(on->u.func.name, "and") == 0) {
        for (size_t i = 0; i < on->u.func.n_args; i++)
            if (split_on(k, rest, n_rest, l, r, on->u.func.args[i], ctx) < 0)
                return -1;
        return 0;
    }
    if (on->kind == FLOE_AST_FUNC && strcmp(on->u.func.name, "equals") == 0 &&
        on->u.func.n_args == 2) {
        const floe_ast *a = on->u.func.args[0], *b = on->u.func.args[1];
        int sa = expr_sides(l, r, a), sb = expr_sides(l, r, b);
        if (sa == 1 && sb == 2)
            return add_key(k, l, r, a, b, ctx);
        if (sa == 2 && sb == 1)
            return add_key(k, l, r, b, a, ctx);
    }
    const floe_ast **more = floe_arena_alloc(ctx->arena, (*n_rest + 1) * sizeof *more);
    if (*n_rest)
        memcpy(more, *rest, *n_rest * sizeof *more);
    more[(*n_rest)++] = on;
    *rest = more;
    return 0;
}

int floe_exec_join(floe_relation **out, floe_relation *left, floe_relation *right,
                   const floe_ast *j, floe_exec_ctx *ctx)
{
    side l = {0}, r = {0};
    l.rel = left;
    r.rel = right;
    keys k = {0};
    pairs pr = {0};
    floe_hashmap map = FLOE_HASHMAP_INIT;
    size_t *next = NULL;
    uint8_t *r_matched = NULL;
    floe_buf kb = FLOE_BUF_INIT;
    const floe_ast **rest = NULL;
    size_t n_rest = 0;
    floe_block *res = NULL;
    int rc = -1;
    floe_join_kind kind = j->u.join.kind;

    if (j->u.join.strictness != FLOE_JOIN_UNSPECIFIED && j->u.join.strictness != FLOE_JOIN_ALL) {
        floe_error(FLOE_ERR_NOT_IMPLEMENTED, "ANY, SEMI, ANTI and ASOF JOIN are not supported");
        goto done;
    }
    if (collect(&l, ctx) < 0 || collect(&r, ctx) < 0)
        goto done;

    if (kind != FLOE_JOIN_CROSS) {
        if (j->u.join.n_using) {
            for (size_t i = 0; i < j->u.join.n_using; i++) {
                const floe_ast *u = j->u.join.using_[i];
                if (floe_expr_compile(&(floe_expr *){0}, &l.sc, u) < 0 ||
                    floe_expr_compile(&(floe_expr *){0}, &r.sc, u) < 0)
                    goto done;
                if (add_key(&k, &l, &r, u, u, ctx) < 0)
                    goto done;
            }
        } else if (j->u.join.on) {
            if (split_on(&k, &rest, &n_rest, &l, &r, j->u.join.on, ctx) < 0)
                goto done;
        }
        if (n_rest && kind != FLOE_JOIN_INNER) {
            floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                       "Outer JOIN ON conditions other than equalities are not supported");
            goto done;
        }
    }

    /* Pairs of matching rows, left rows in order, right matches in order. */
    size_t nl = l.b->rows, nr = r.b->rows;
    r_matched = floe_calloc(nr ? nr : 1, 1);
    if (k.n == 0) {
        for (size_t i = 0; i < nl; i++)
            for (size_t m = 0; m < nr; m++)
                pair_add(&pr, i, m);
        memset(r_matched, 1, nr);
    } else {
        next = floe_malloc((nr ? nr : 1) * sizeof *next);
        for (size_t m = nr; m-- > 0;) {
            next[m] = NONE;
            if (!row_key(&kb, k.r, k.n, m))
                continue;
            uint64_t head = m;
            if (!floe_hashmap_get_or_insert(&map, kb.data ? kb.data : "", kb.len, &head)) {
                next[m] = head;
                floe_hashmap_put(&map, kb.data ? kb.data : "", kb.len, m);
            }
        }
        for (size_t i = 0; i < nl; i++) {
            uint64_t head;
            bool found = row_key(&kb, k.l, k.n, i) &&
                         floe_hashmap_get(&map, kb.data ? kb.data : "", kb.len, &head);
            if (found) {
                for (size_t m = head; m != NONE; m = next[m]) {
                    pair_add(&pr, i, m);
                    r_matched[m] = 1;
                }
            } else if (kind == FLOE_JOIN_LEFT || kind == FLOE_JOIN_FULL) {
                pair_add(&pr, i, NONE);
            }
        }
        if (kind == FLOE_JOIN_RIGHT || kind == FLOE_JOIN_FULL)
            for (size_t m = 0; m < nr; m++)
                if (!r_matched[m])
                    pair_add(&pr, NONE, m);
    }

    /* The joined relation: left visible, right visible (USING columns once),
     * then the hidden ones; right names clashing with left ones are
     * qualified (b.x), as ClickHouse names them. */
    size_t ncols = left->n_cols + right->n_cols;
    size_t *order = floe_arena_alloc(ctx->arena, (ncols ? ncols : 1) * sizeof *order);
    size_t no = 0, n_visible = 0;
    for (size_t i = 0; i < left->n_visible; i++)
        order[no++] = i;
    for (size_t i = 0; i < right->n_visible; i++)
        if (!is_using_col(j, right->names[i]))
            order[no++] = left->n_cols + i;
    n_visible = no;
    for (size_t i = left->n_visible; i < left->n_cols; i++)
        order[no++] = i;
    for (size_t i = 0; i < right->n_cols; i++)
        if (i >= right->n_visible || is_using_col(j, right->names[i]))
            order[no++] = left->n_cols + i;
    res = floe_block_new();
    const char **quals = floe_arena_alloc(ctx->arena, (ncols ? ncols : 1) * sizeof *quals);
    for (size_t o = 0; o < no; o++) {
        size_t c = order[o];
        bool is_left = c < left->n_cols;
        const side *s = is_left ? &l : &r;
        size_t ci = is_left ? c : c - left->n_cols;
        const char *name = s->rel->names[ci];
        floe_buf nb = FLOE_BUF_INIT;
        bool clash = false;
        if (!is_left)
            for (size_t i = 0; i < left->n_cols; i++)
                clash |= strcmp(left->names[i], name) == 0;
        if (clash && s->quals[ci])
            floe_buf_printf(&nb, "%s.%s", s->quals[ci], name);
        else
            floe_buf_puts(&nb, name);
        floe_column *col = gather(s->b->cols[ci], is_left ? pr.l : pr.r, pr.n);
        if (is_left && o < n_visible && is_using_col(j, name) &&
            (kind == FLOE_JOIN_RIGHT || kind == FLOE_JOIN_FULL)) {
            /* a right row without a match shows its own USING key */
            int rc2 = using_from_right(&col, &r, name, &pr);
            if (rc2 < 0) {
                floe_column_free(col);
                goto done;
            }
        }
        floe_block_add(res, nb.data, col);
        floe_buf_free(&nb);
        quals[o] = s->quals[ci];
    }
    res->rows = pr.n;

    /* Conditions other than the keys filter the joined rows (INNER). */
    if (n_rest) {
        floe_scope sc = {0};
        sc.n_cols = res->n_cols;
        sc.names = (const char *const *)res->names;
        const floe_type **types = floe_arena_alloc(ctx->arena, (no ? no : 1) * sizeof *types);
        for (size_t c = 0; c < res->n_cols; c++)
            types[c] = res->cols[c]->type;
        sc.types = types;
        sc.quals = quals;
        sc.fctx = &ctx->fctx;
        sc.arena = ctx->arena;
        sc.clause = "JOIN ON";
        for (size_t i = 0; i < n_rest; i++) {
            floe_expr *pred;
            floe_column *m = NULL;
            bool owned = false;
            if (floe_expr_compile(&pred, &sc, rest[i]) < 0 ||
                floe_expr_eval(&m, &owned, pred, res, &ctx->fctx) < 0) {
                floe_scope_free(&sc);
                goto done;
            }
            uint8_t *mask = floe_malloc(res->rows ? res->rows : 1);
            size_t keep = 0, w = floe_type_base(m->type)->width;
            for (size_t row = 0; row < res->rows; row++) {
                uint8_t nz = 0;
                for (size_t b = 0; b < w; b++)
                    nz |= m->data[row * w + b];
                mask[row] = nz && !floe_column_is_null(m, row);
                keep += mask[row];
            }
            if (owned)
                floe_column_free(m);
            floe_block *f = floe_exec_block_filter(res, mask, keep);
            floe_free(mask);
            floe_block_free(res);
            res = f;
        }
        floe_scope_free(&sc);
    }

    floe_relation *rel = floe_relation_from_block(res, ctx);
    res = NULL;
    rel->n_visible = n_visible;
    rel->quals = quals;
    *out = rel;
    rc = 0;
done:
    floe_block_free(res);
    floe_buf_free(&kb);
    floe_free(pr.l);
    floe_free(pr.r);
    floe_free(next);
    floe_free(r_matched);
    floe_hashmap_free(&map);
    keys_free(&k);
    floe_scope_free(&l.sc);
    floe_scope_free(&r.sc);
    floe_block_free(l.b);
    floe_block_free(r.b);
    left->release(left);
    right->release(right);
    return rc;
}
