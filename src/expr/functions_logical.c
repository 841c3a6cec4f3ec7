/*
 * Logical functions: and, or (two or more arguments, ClickHouse's ternary
 * logic where NULL AND 0 is 0 and NULL OR 1 is 1), xor and not. Values are
 * mapped to ternary codes (0 false, 1 NULL, 2 true) so that AND is the
 * minimum and OR the maximum, one vectorisable loop per argument.
 */
#include "expr/functions_impl.h"

static bool logical_arg_ok(const floe_type *t)
{
    return floe_fn_is_plain_number(t) || floe_type_is_decimal(t) || t->id == FLOE_TYPE_NOTHING;
}

static int andor_resolve(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (args->n < 2)
        return floe_error(
            FLOE_FN_ERR_TOO_FEW_ARGUMENTS,
            "Number of arguments for function \"%s\" should be at least 2: passed %zu", name,
            args->n);
    bool nullable = false, all_bool = true;
    for (size_t i = 0; i < args->n; i++) {
        const floe_type *t = floe_fn_arg_base(args, i);
        if (!logical_arg_ok(t))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type (%s) of %zu argument of function %s", t->name, i + 1,
                              name);
        nullable |= floe_type_is_nullable(args->types[i]);
        all_bool &= t->id == FLOE_TYPE_BOOL;
    }
    const floe_type *r = floe_type_get(all_bool ? FLOE_TYPE_BOOL : FLOE_TYPE_UINT8);
    *ret = nullable ? floe_type_nullable(r) : r;
    return 0;
}

/* Ternary code of each row: 0 false, 1 NULL, 2 true. */
static void ternary(uint8_t *t, const floe_column *c, size_t rows)
{
    floe_fn_truth(t, c, rows);
    if (floe_type_base(c->type)->id == FLOE_TYPE_NOTHING) {
        memset(t, 1, rows);
        return;
    }
    if (c->nulls)
        for (size_t i = 0; i < rows; i++)
            t[i] = c->nulls[i] ? 1 : (uint8_t)(t[i] * 2);
    else
        for (size_t i = 0; i < rows; i++)
            t[i] = (uint8_t)(t[i] * 2);
}

static int andor_exec(bool is_and, floe_column *out, floe_column *const *args, size_t n,
                      size_t rows)
{
    uint8_t *acc = floe_malloc(rows + 1), *t = floe_malloc(rows + 1);
    ternary(acc, args[0], rows);
    for (size_t k = 1; k < n; k++) {
        ternary(t, args[k], rows);
        if (is_and)
            for (size_t i = 0; i < rows; i++)
                acc[i] = t[i] < acc[i] ? t[i] : acc[i];
        else
            for (size_t i = 0; i < rows; i++)
                acc[i] = t[i] > acc[i] ? t[i] : acc[i];
    }
    uint8_t *r = floe_fn_out_fixed(out, rows);
    uint8_t *nulls = floe_fn_out_nulls(out);
    for (size_t i = 0; i < rows; i++)
        r[i] = acc[i] == 2;
    if (nulls)
        for (size_t i = 0; i < rows; i++)
            nulls[i] = acc[i] == 1;
    floe_free(acc);
    floe_free(t);
    return 0;
}

static int and_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    return andor_resolve("and", ret, args);
}
static int and_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                    const floe_func_ctx *ctx)
{
    return andor_exec(true, out, args, n, rows);
}
static int or_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    return andor_resolve("or", ret, args);
}
static int or_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                   const floe_func_ctx *ctx)
{
    return andor_exec(false, out, args, n, rows);
}

/* xor: NULLs are handled by the framework (any NULL makes the row NULL). */
static int xor_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    if (args->n < 2)
        return floe_error(
            FLOE_FN_ERR_TOO_FEW_ARGUMENTS,
            "Number of arguments for function \"xor\" should be at least 2: passed %zu", args->n);
    for (size_t i = 0; i < args->n; i++) {
        const floe_type *t = floe_fn_arg_base(args, i);
        if (!logical_arg_ok(t))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type (%s) of %zu argument of function xor", t->name, i + 1);
    }
    *ret = floe_type_get(FLOE_TYPE_UINT8);
    return 0;
}

static int xor_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                    const floe_func_ctx *ctx)
{
    uint8_t *r = floe_fn_out_fixed(out, rows), *t = floe_malloc(rows + 1);
    floe_fn_truth(r, args[0], rows);
    for (size_t k = 1; k < n; k++) {
        floe_fn_truth(t, args[k], rows);
        for (size_t i = 0; i < rows; i++)
            r[i] ^= t[i];
    }
    floe_free(t);
    return 0;
}

static int not_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("not", args, 1) < 0)
        return -1;
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (!logical_arg_ok(t))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type (%s) of argument of function not", t->name);
    *ret = floe_type_get(t->id == FLOE_TYPE_BOOL ? FLOE_TYPE_BOOL : FLOE_TYPE_UINT8);
    return 0;
}

static int not_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                    const floe_func_ctx *ctx)
{
    uint8_t *r = floe_fn_out_fixed(out, rows);
    floe_fn_truth(r, args[0], rows);
    for (size_t i = 0; i < rows; i++)
        r[i] ^= 1;
    return 0;
}

static const floe_scalar_func and_func = {"and", 0, and_resolve, and_exec};
static const floe_scalar_func or_func = {"or", 0, or_resolve, or_exec};
static const floe_scalar_func xor_func = {"xor", FLOE_FUNC_DEFAULT_NULLS, xor_resolve, xor_exec};
static const floe_scalar_func not_func = {"not", FLOE_FUNC_DEFAULT_NULLS, not_resolve, not_exec};

void floe_register_logical(void)
{
    floe_func_register(&and_func);
    floe_func_register(&or_func);
    floe_func_register(&xor_func);
    floe_func_register(&not_func);
}
