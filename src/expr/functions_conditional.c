/*
 * Conditionals: if, multiIf and caseWithExpression (CASE x WHEN ...). The
 * result is the common supertype of the branches (floe_common_type); each
 * branch is cast to it once, then one selection pass picks, per row, the
 * branch its conditions chose. A NULL condition counts as false.
 */
#include "expr/functions_impl.h"
#include "types/cast.h"

static bool is_cond_type(const floe_type *t)
{
    return t->id == FLOE_TYPE_UINT8 || t->id == FLOE_TYPE_BOOL || t->id == FLOE_TYPE_NOTHING;
}

/* Truth of a condition column with NULL as false. */
static void cond_truth(uint8_t *r, const floe_column *c, size_t rows)
{
    floe_fn_truth(r, c, rows);
    if (c->nulls)
        for (size_t i = 0; i < rows; i++)
            r[i] &= (uint8_t)!c->nulls[i];
}

/* Builds out (empty, of type R) choosing row i from branch[idx[i]], all
 * branches already of type R. */
static void select_rows(floe_column *out, floe_column *const *branch, const uint32_t *idx,
                        size_t rows)
{
    const floe_type *b = floe_type_base(out->type);
    if (b->id == FLOE_TYPE_STRING) {
        size_t bytes = 0;
        for (size_t i = 0; i < rows; i++) {
            size_t len;
            floe_column_string_at(branch[idx[i]], i, &len);
            bytes += len;
        }
        floe_fn_str_begin(out, rows, bytes);
        for (size_t i = 0; i < rows; i++) {
            size_t len;
            const char *p = floe_column_string_at(branch[idx[i]], i, &len);
            floe_fn_str_push(out, p, len);
        }
    } else if (b->width > 0 && b->id != FLOE_TYPE_TUPLE && b->id != FLOE_TYPE_ARRAY) {
        uint8_t *r = floe_fn_out_fixed(out, rows);
        size_t w = b->width;
#define SEL(T)                                                                                     \
    do {                                                                                           \
        T *d = (T *)(void *)r;                                                                     \
        for (size_t i = 0; i < rows; i++)                                                          \
            d[i] = ((const T *)(const void *)branch[idx[i]]->data)[i];                             \
    } while (0)
        switch (w) {
        case 1:
            SEL(uint8_t);
            break;
        case 2:
            SEL(uint16_t);
            break;
        case 4:
            SEL(uint32_t);
            break;
        case 8:
            SEL(uint64_t);
            break;
        default:
            for (size_t i = 0; i < rows; i++)
                memcpy(r + i * w, branch[idx[i]]->data + i * w, w);
        }
#undef SEL
    } else {
        for (size_t i = 0; i < rows; i++)
            floe_column_push_from(out, branch[idx[i]], i);
        return;
    }
    if (out->nulls)
        for (size_t i = 0; i < rows; i++)
            out->nulls[i] = floe_column_is_null(branch[idx[i]], i);
}

/* Casts each branch to R (or borrows it when already of type R); cast[k]
 * holds what must be freed. */
static int cast_branches(floe_column **views, floe_column **cast, floe_column *const *src, size_t n,
                         const floe_type *R, const floe_func_ctx *ctx)
{
    for (size_t k = 0; k < n; k++) {
        cast[k] = NULL;
        if (src[k]->type == R) {
            views[k] = src[k];
            continue;
        }
        if (floe_cast_column(&cast[k], src[k], R, FLOE_CAST_THROW, ctx ? ctx->session_tz : NULL) <
            0)
            return -1;
        views[k] = cast[k];
    }
    return 0;
}

static int branches_exec(floe_column *out, floe_column *const *branches, size_t nb,
                         const uint32_t *idx, size_t rows, const floe_func_ctx *ctx)
{
    floe_column **views = floe_calloc(nb, sizeof *views), **cast = floe_calloc(nb, sizeof *cast);
    int rc = cast_branches(views, cast, branches, nb, out->type, ctx);
    if (rc == 0)
        select_rows(out, views, idx, rows);
    for (size_t k = 0; k < nb; k++)
        floe_column_free(cast[k]);
    floe_free(views);
    floe_free(cast);
    return rc;
}

/* ---- if ---- */

static int if_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("if", args, 3) < 0)
        return -1;
    const floe_type *c = floe_fn_arg_base(args, 0);
    if (!is_cond_type(c))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of first argument (condition) of function if. Must be "
                          "UInt8",
                          c->name);
    const floe_type *ts[2] = {args->types[1], args->types[2]};
    return floe_common_type(ret, ts, 2);
}

static int if_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                   const floe_func_ctx *ctx)
{
    uint8_t *t = floe_malloc(rows + 1);
    uint32_t *idx = floe_malloc(rows * sizeof *idx + 1);
    cond_truth(t, args[0], rows);
    for (size_t i = 0; i < rows; i++)
        idx[i] = t[i] ? 0 : 1;
    int rc = branches_exec(out, args + 1, 2, idx, rows, ctx);
    floe_free(t);
    floe_free(idx);
    return rc;
}

/* ---- multiIf(c1, t1, c2, t2, ..., else) ---- */

static int multiif_resolve(const floe_type **ret, const floe_func_args *args,
                           const floe_func_ctx *ctx)
{
    if (args->n < 3 || args->n % 2 == 0)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Invalid number of arguments for function multiIf");
    size_t nb = args->n / 2 + 1;
    const floe_type **ts = floe_malloc(nb * sizeof *ts);
    for (size_t k = 0; k + 1 < args->n; k += 2) {
        const floe_type *c = floe_fn_arg_base(args, k);
        if (!is_cond_type(c)) {
            floe_free(ts);
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type %s of argument (condition) of function multiIf. Must "
                              "be UInt8",
                              c->name);
        }
        ts[k / 2] = args->types[k + 1];
    }
    ts[nb - 1] = args->types[args->n - 1];
    int rc = floe_common_type(ret, ts, nb);
    floe_free(ts);
    return rc;
}

static int multiif_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                        const floe_func_ctx *ctx)
{
    size_t nb = n / 2 + 1;
    uint32_t *idx = floe_malloc(rows * sizeof *idx + 1);
    uint8_t *t = floe_malloc(rows + 1);
    floe_column **branches = floe_malloc(nb * sizeof *branches);
    for (size_t i = 0; i < rows; i++)
        idx[i] = (uint32_t)(nb - 1);
    /* later conditions first, so the first true one wins */
    for (size_t k = nb - 1; k-- > 0;) {
        cond_truth(t, args[2 * k], rows);
        for (size_t i = 0; i < rows; i++)
            idx[i] = t[i] ? (uint32_t)k : idx[i];
        branches[k] = args[2 * k + 1];
    }
    branches[nb - 1] = args[n - 1];
    int rc = branches_exec(out, branches, nb, idx, rows, ctx);
    floe_free(idx);
    floe_free(t);
    floe_free(branches);
    return rc;
}

/* ---- caseWithExpression(x, w1, t1, ..., else) ---- */

static int case_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    if (args->n < 4 || args->n % 2 != 0)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                          "Function caseWithExpression expects an even number of arguments: "
                          "(expr, when1, then1, ..., else)");
    const floe_scalar_func *eq = floe_func_find("equals");
    size_t nb = (args->n - 2) / 2 + 1;
    const floe_type **ts = floe_malloc(nb * sizeof *ts);
    int rc = 0;
    for (size_t k = 1; k + 1 < args->n; k += 2) {
        const floe_type *pair[2] = {floe_type_strip_nullable(args->types[0]),
                                    floe_type_strip_nullable(args->types[k])};
        const floe_column *pc[2] = {NULL, NULL};
        floe_func_args ea = {2, pair, pc};
        const floe_type *r;
        if (pair[1]->id != FLOE_TYPE_NOTHING && (rc = eq->resolve(&r, &ea, ctx)) < 0)
            goto done;
        ts[k / 2] = args->types[k + 1];
    }
    ts[nb - 1] = args->types[args->n - 1];
    rc = floe_common_type(ret, ts, nb);
done:
    floe_free(ts);
    return rc;
}

/* A view of c without its null map (Nullable stripped); shares c's arrays. */
static floe_column strip_view(const floe_column *c)
{
    floe_column v = *c;
    v.type = floe_type_strip_nullable(c->type);
    v.nulls = NULL;
    return v;
}

static int case_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                     const floe_func_ctx *ctx)
{
    const floe_scalar_func *eq = floe_func_find("equals");
    size_t nb = (n - 2) / 2 + 1;
    uint32_t *idx = floe_malloc(rows * sizeof *idx + 1);
    floe_column **branches = floe_malloc(nb * sizeof *branches);
    floe_column *res = floe_column_new(floe_type_get(FLOE_TYPE_UINT8));
    int rc = 0;
    for (size_t i = 0; i < rows; i++)
        idx[i] = (uint32_t)(nb - 1);
    floe_column xv = strip_view(args[0]);
    for (size_t k = nb - 1; k-- > 0;) {
        floe_column *w = args[1 + 2 * k];
        branches[k] = args[2 + 2 * k];
        if (floe_type_base(w->type)->id == FLOE_TYPE_NOTHING)
            continue; /* WHEN NULL never matches */
        floe_column wv = strip_view(w);
        floe_column *pair[2] = {&xv, &wv};
        floe_column_clear(res);
        if ((rc = eq->exec(res, pair, 2, rows, ctx)) < 0)
            goto done;
        const uint8_t *m = res->data;
        for (size_t i = 0; i < rows; i++) {
            bool hit = m[i] && !floe_column_is_null(args[0], i) && !floe_column_is_null(w, i);
            idx[i] = hit ? (uint32_t)k : idx[i];
        }
    }
    branches[nb - 1] = args[n - 1];
    rc = branches_exec(out, branches, nb, idx, rows, ctx);
done:
    floe_column_free(res);
    floe_free(idx);
    floe_free(branches);
    return rc;
}

static const floe_scalar_func if_func = {"if", FLOE_FUNC_CASE_INSENSITIVE, if_resolve, if_exec};
static const floe_scalar_func multiif_func = {"multiIf", 0, multiif_resolve, multiif_exec};
static const floe_scalar_func case_func = {"caseWithExpression", 0, case_resolve, case_exec};

void floe_register_conditional(void)
{
    floe_func_register(&if_func);
    floe_func_register(&multiif_func);
    floe_func_register(&case_func);
}
