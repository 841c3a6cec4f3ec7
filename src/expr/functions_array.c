/*
 * The array functions the SQL syntax produces and the most common ones over
 * them: array (the [a, b, ...] literal), arrayElement (a[i]: 1-based,
 * negative from the end, default outside), has, and splitByChar /
 * splitByString. length, empty and notEmpty accept arrays in
 * functions_string.c. An array column is offsets plus one element column.
 */
#include "expr/functions_impl.h"
#include "types/cast.h"

/* Finishes row `rows` of an array column whose elements were pushed into
 * children[0]. */
static void array_end_row(floe_column *out)
{
    floe_column_reserve(out, 1, 0);
    out->offsets[out->rows] = out->children[0]->rows;
    if (out->nulls)
        out->nulls[out->rows] = 0;
    out->rows++;
}

static int array_resolve(const floe_type **ret, const floe_func_args *args,
                         const floe_func_ctx *ctx)
{
    const floe_type *elem;
    if (args->n == 0)
        elem = floe_type_get(FLOE_TYPE_NOTHING);
    else if (floe_common_type(&elem, args->types, args->n) < 0)
        return -1;
    *ret = floe_type_array(elem);
    return 0;
}

static int array_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                      const floe_func_ctx *ctx)
{
    const floe_type *elem = floe_type_base(out->type)->inner;
    floe_column **conv = floe_calloc(n + 1, sizeof *conv);
    const floe_column **src = floe_calloc(n + 1, sizeof *src);
    int rc = 0;
    for (size_t k = 0; k < n; k++) {
        if (args[k]->type == elem) {
            src[k] = args[k];
            continue;
        }
        if ((rc = floe_cast_column(&conv[k], args[k], elem, FLOE_CAST_THROW,
                                   ctx ? ctx->session_tz : NULL)) < 0)
            goto done;
        src[k] = conv[k];
    }
    floe_column_reserve(out->children[0], rows * n, 0);
    for (size_t i = 0; i < rows; i++) {
        for (size_t k = 0; k < n; k++)
            floe_column_push_from(out->children[0], src[k], i);
        array_end_row(out);
    }
done:
    for (size_t k = 0; k < n; k++)
        floe_column_free(conv[k]);
    floe_free(conv);
    floe_free(src);
    return rc;
}

static int arrayElement_resolve(const floe_type **ret, const floe_func_args *args,
                                const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("arrayElement", args, 2) < 0)
        return -1;
    const floe_type *a = floe_fn_arg_base(args, 0), *i = floe_fn_arg_base(args, 1);
    if (a->id != FLOE_TYPE_ARRAY)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "First argument for function 'arrayElement' must be array, got '%s' "
                          "instead",
                          a->name);
    if (!floe_type_is_integer(i))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Second argument for function 'arrayElement' must be integer, got '%s' "
                          "instead",
                          i->name);
    *ret = a->inner;
    return 0;
}

static int arrayElement_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                             const floe_func_ctx *ctx)
{
    const floe_column *a = args[0], *child = a->children[0];
    int64_t *idx = floe_malloc(rows * 8 + 1);
    floe_fn_load(idx, FLOE_FN_I64, args[1], rows);
    for (size_t i = 0; i < rows; i++) {
        uint64_t from = i ? a->offsets[i - 1] : 0, to = a->offsets[i];
        int64_t len = (int64_t)(to - from), k = idx[i];
        int64_t pos = k > 0 ? k - 1 : k < 0 ? len + k : -1;
        if (pos < 0 || pos >= len)
            floe_column_push_default(out);
        else
            floe_column_push_from(out, child, (size_t)(from + (uint64_t)pos));
    }
    floe_free(idx);
    return 0;
}

static int has_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("has", args, 2) < 0)
        return -1;
    const floe_type *a = floe_fn_arg_base(args, 0);
    if (a->id != FLOE_TYPE_ARRAY)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "First argument for function has must be an array. Actual %s", a->name);
    *ret = floe_type_get(FLOE_TYPE_UINT8);
    return 0;
}

static int has_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                    const floe_func_ctx *ctx)
{
    const floe_column *a = args[0], *child = a->children[0];
    floe_column *x = NULL;
    uint8_t *r = floe_fn_out_fixed(out, rows);
    if (floe_type_base(args[1]->type)->id == FLOE_TYPE_NOTHING ||
        floe_type_base(child->type)->id == FLOE_TYPE_NOTHING) {
        /* has(arr, NULL) finds NULL elements; an empty-typed array has none */
        for (size_t i = 0; i < rows; i++) {
            uint64_t from = i ? a->offsets[i - 1] : 0, to = a->offsets[i];
            r[i] = 0;
            for (uint64_t j = from; j < to && !r[i]; j++)
                r[i] = floe_column_is_null(child, j) && floe_column_is_null(args[1], i);
        }
        return 0;
    }
    /* the needle in the element type; a value that does not convert is
     * not in the array */
    const floe_type *nt = floe_type_nullable(floe_type_strip_nullable(child->type));
    if (floe_cast_column(&x, args[1], nt, FLOE_CAST_OR_NULL, ctx ? ctx->session_tz : NULL) < 0)
        return -1;
    floe_column cv = *child;
    cv.type = nt;
    uint8_t *zero = NULL;
    if (!cv.nulls) {
        zero = floe_calloc(child->rows + 1, 1);
        cv.nulls = zero;
    }
    for (size_t i = 0; i < rows; i++) {
        uint64_t from = i ? a->offsets[i - 1] : 0, to = a->offsets[i];
        bool hit = false;
        bool x_null = floe_column_is_null(x, i) && !floe_column_is_null(args[1], i);
        for (uint64_t j = from; j < to && !hit && !x_null; j++)
            hit = floe_column_compare(&cv, (size_t)j, x, i, true) == 0;
        r[i] = hit;
    }
    floe_free(zero);
    floe_column_free(x);
    return 0;
}

/* ---- splitByChar(sep, s), splitByString(sep, s) ---- */

static int split_resolve_m(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc_range(name, args, 2, 3, "2 or 3") < 0)
        return -1;
    for (size_t i = 0; i < 2; i++)
        if (floe_fn_arg_base(args, i)->id != FLOE_TYPE_STRING)
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type %s of argument of function %s",
                              floe_fn_arg_base(args, i)->name, name);
    size_t len;
    const char *sep = floe_fn_const_string(args, 0, &len);
    if (sep && strcmp(name, "splitByChar") == 0 && len != 1)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Illegal separator for function splitByChar. "
                                                  "Must be exactly one byte");
    *ret = floe_type_array(floe_type_get(FLOE_TYPE_STRING));
    return 0;
}

static int split_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows)
{
    floe_column *child = out->children[0];
    int64_t *limit = NULL;
    if (n == 3) {
        limit = floe_malloc(rows * 8 + 1);
        floe_fn_load(limit, FLOE_FN_I64, args[2], rows);
    }
    for (size_t i = 0; i < rows; i++) {
        size_t sl, hl;
        const char *sep = floe_column_string_at(args[0], i, &sl);
        const char *h = floe_column_string_at(args[1], i, &hl);
        int64_t max_parts = limit && limit[i] > 0 ? limit[i] : INT64_MAX, parts = 0;
        if (sl == 0) {
            /* an empty separator splits into single bytes */
            for (size_t k = 0; k < hl && parts < max_parts; k++, parts++)
                floe_column_push_string(child, h + k, 1);
        } else {
            size_t pos = 0;
            while (parts < max_parts) {
                const char *f = memmem(h + pos, hl - pos, sep, sl);
                if (!f || parts + 1 == max_parts) {
                    if (parts + 1 == max_parts && f) {
                        floe_column_push_string(child, h + pos, (size_t)(f - (h + pos)));
                    } else {
                        floe_column_push_string(child, h + pos, hl - pos);
                    }
                    parts++;
                    break;
                }
                floe_column_push_string(child, h + pos, (size_t)(f - (h + pos)));
                parts++;
                pos = (size_t)(f - h) + sl;
            }
        }
        array_end_row(out);
    }
    floe_free(limit);
    return 0;
}

static int splitByChar_resolve(const floe_type **ret, const floe_func_args *args,
                               const floe_func_ctx *ctx)
{
    return split_resolve_m("splitByChar", ret, args);
}
static int splitByString_resolve(const floe_type **ret, const floe_func_args *args,
                                 const floe_func_ctx *ctx)
{
    return split_resolve_m("splitByString", ret, args);
}
static int split_exec_f(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                        const floe_func_ctx *ctx)
{
    return split_exec(out, args, n, rows);
}

#define DN FLOE_FUNC_DEFAULT_NULLS

static const floe_scalar_func funcs[] = {
    {"array", 0, array_resolve, array_exec},
    {"arrayElement", DN, arrayElement_resolve, arrayElement_exec},
    {"has", 0, has_resolve, has_exec},
    {"splitByChar", DN, splitByChar_resolve, split_exec_f},
    {"splitByString", DN, splitByString_resolve, split_exec_f},
};

void floe_register_array(void)
{
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++)
        floe_func_register(&funcs[i]);
}
