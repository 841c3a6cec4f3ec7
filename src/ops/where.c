/*
 * A statement's condition over rows the statement gathered itself (KILL
 * MUTATION, KILL EXPORT): see floe_ops_where_mask in internal.h.
 */
#include <time.h>

#include "base/arena.h"
#include "base/mem.h"
#include "expr/expr.h"
#include "ops/internal.h"

int floe_ops_where_mask(uint8_t **mask, const floe_ast *where, const floe_block *b,
                        const char *const *names, const floe_type *const *types)
{
    floe_arena a = FLOE_ARENA_INIT;
    floe_scope sc = {0};
    floe_func_ctx fctx = {NULL, (int64_t)time(NULL)};
    sc.n_cols = b->n_cols;
    sc.names = names;
    sc.types = types;
    sc.fctx = &fctx;
    sc.arena = &a;
    floe_expr *e = NULL;
    floe_column *cond = NULL;
    bool owned = false;
    int rc = floe_expr_compile(&e, &sc, where);
    if (rc == 0)
        rc = floe_expr_eval(&cond, &owned, e, b, &fctx);
    if (rc == 0) {
        uint8_t *m = floe_calloc(b->rows + 1, 1);
        size_t w = floe_type_base(cond->type)->width;
        for (size_t r = 0; r < b->rows && w; r++) {
            size_t cr = cond->rows == b->rows ? r : 0; /* a constant has one row */
            if (cond->nulls && cond->nulls[cr])
                continue;
            for (size_t k = 0; k < w; k++)
                m[r] |= cond->data[cr * w + k] != 0;
        }
        *mask = m;
    }
    if (owned)
        floe_column_free(cond);
    floe_scope_free(&sc);
    floe_arena_free(&a);
    return rc;
}
