/*
 * Tuples and NULL handling: tuple, tupleElement, isNull, isNotNull,
 * coalesce, ifNull, nullIf, toNullable, assumeNotNull, and the pass-through
 * functions materialize, identity and ignore. All of them look at NULLs
 * themselves (no FLOE_FUNC_DEFAULT_NULLS).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "expr/functions_impl.h"
#include "types/cast.h"

/* A view of c with Nullable stripped (no null map); shares c's arrays. */
static floe_column strip_view(const floe_column *c)
{
    floe_column v = *c;
    v.type = floe_type_strip_nullable(c->type);
    v.nulls = NULL;
    return v;
}

static void copy_into(floe_column *out, const floe_column *src, size_t rows)
{
    floe_column_append_range(out, src, 0, rows);
}

/* ---- tuple, tupleElement ---- */

static int tuple_resolve(const floe_type **ret, const floe_func_args *args,
                         const floe_func_ctx *ctx)
{
    *ret = floe_type_tuple(args->types, NULL, args->n);
    return 0;
}

static int tuple_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                      const floe_func_ctx *ctx)
{
    for (size_t k = 0; k < n && k < out->n_children; k++)
        copy_into(out->children[k], args[k], rows);
    floe_column_reserve(out, rows, 0);
    out->rows = rows;
    return 0;
}

/* The 0-based element index tupleElement refers to. */
static int element_index(size_t *idx, const floe_func_args *args)
{
    const floe_type *t = floe_fn_arg_base(args, 0);
    int64_t i;
    size_t len;
    const char *name;
    if (floe_fn_const_int(args, 1, &i)) {
        if (i < 1 || (uint64_t)i > t->n_elems)
            return floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND,
                              "Tuple doesn't have element with index '%lld'", (long long)i);
        *idx = (size_t)(i - 1);
        return 0;
    }
    if ((name = floe_fn_const_string(args, 1, &len))) {
        for (size_t k = 0; k < t->n_elems; k++)
            if (t->elem_names && t->elem_names[k] && strlen(t->elem_names[k]) == len &&
                memcmp(t->elem_names[k], name, len) == 0) {
                *idx = k;
                return 0;
            }
        /* unnamed elements answer to their 1-based position as a name */
        char *end;
        char *copy = floe_strndup(name, len);
        long v = strtol(copy, &end, 10);
        bool numeric = *copy && !*end;
        floe_free(copy);
        if (numeric && v >= 1 && (size_t)v <= t->n_elems && !t->elem_names) {
            *idx = (size_t)(v - 1);
            return 0;
        }
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Tuple doesn't have element with name '%.*s'",
                          (int)len, name);
    }
    return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                      "Second argument to tupleElement must be a constant UInt or String");
}

static int tuple_element_resolve(const floe_type **ret, const floe_func_args *args,
                                 const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc_range("tupleElement", args, 2, 3, "2 or 3") < 0)
        return -1;
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (t->id != FLOE_TYPE_TUPLE)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "First argument for function tupleElement must be Tuple, "
                          "Nullable(Tuple), QBit, JSON or array of these. Actual %s",
                          t->name);
    size_t idx = 0;
    if (element_index(&idx, args) < 0)
        return -1;
    *ret = t->elems[idx];
    return 0;
}

static int tuple_element_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                              const floe_func_ctx *ctx)
{
    const floe_type *t = floe_type_base(args[0]->type);
    size_t idx = 0;
    /* the index (validated by resolve) from the constant argument */
    if (floe_type_base(args[1]->type)->id != FLOE_TYPE_STRING && args[1]->rows) {
        int64_t i;
        floe_fn_load(&i, FLOE_FN_I64, args[1], 1);
        if (i >= 1 && (uint64_t)i <= t->n_elems)
            idx = (size_t)(i - 1);
    } else if (args[1]->rows) {
        size_t len;
        const char *name = floe_column_string_at(args[1], 0, &len);
        for (size_t k = 0; k < t->n_elems; k++)
            if (t->elem_names && t->elem_names[k] && strlen(t->elem_names[k]) == len &&
                memcmp(t->elem_names[k], name, len) == 0)
                idx = k;
    }
    if (idx >= args[0]->n_children)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "tupleElement: bad element index");
    copy_into(out, args[0]->children[idx], rows);
    return 0;
}

/* ---- isNull, isNotNull ---- */

static int isnull_resolve_named(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 1) < 0)
        return -1;
    *ret = floe_type_get(FLOE_TYPE_UINT8);
    return 0;
}

static int isnull_exec_common(bool want_null, floe_column *out, floe_column *const *args,
                              size_t rows)
{
    uint8_t *r = floe_fn_out_fixed(out, rows);
    const floe_column *c = args[0];
    if (floe_type_base(c->type)->id == FLOE_TYPE_NOTHING)
        memset(r, want_null, rows);
    else if (c->nulls)
        for (size_t i = 0; i < rows; i++)
            r[i] = (uint8_t)(c->nulls[i] ? want_null : !want_null);
    else
        memset(r, !want_null, rows);
    return 0;
}

static int isNull_resolve(const floe_type **ret, const floe_func_args *args,
                          const floe_func_ctx *ctx)
{
    return isnull_resolve_named("isNull", ret, args);
}
static int isNull_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                       const floe_func_ctx *ctx)
{
    return isnull_exec_common(true, out, args, rows);
}
static int isNotNull_resolve(const floe_type **ret, const floe_func_args *args,
                             const floe_func_ctx *ctx)
{
    return isnull_resolve_named("isNotNull", ret, args);
}
static int isNotNull_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                          const floe_func_ctx *ctx)
{
    return isnull_exec_common(false, out, args, rows);
}

/* ---- coalesce, ifNull ---- */

/* Result: the common type of the arguments with Nullable stripped (bare
 * NULLs skipped), Nullable unless some argument is not Nullable. */
static int coalesce_type(const floe_type **ret, const floe_func_args *args)
{
    const floe_type **ts = floe_malloc((args->n + 1) * sizeof *ts);
    size_t k = 0;
    bool nullable = true;
    for (size_t i = 0; i < args->n; i++) {
        const floe_type *t = args->types[i];
        if (floe_type_base(t)->id == FLOE_TYPE_NOTHING)
            continue;
        if (!floe_type_is_nullable(t))
            nullable = false;
        ts[k++] = floe_type_strip_nullable(t);
    }
    int rc = 0;
    if (k == 0) {
        *ret = floe_type_nullable(floe_type_get(FLOE_TYPE_NOTHING));
    } else if ((rc = floe_common_type(ret, ts, k)) == 0 && nullable) {
        *ret = floe_type_nullable(*ret);
    }
    floe_free(ts);
    return rc;
}

static int coalesce_resolve(const floe_type **ret, const floe_func_args *args,
                            const floe_func_ctx *ctx)
{
    return coalesce_type(ret, args);
}

static int coalesce_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                         const floe_func_ctx *ctx)
{
    const floe_type *R = out->type;
    if (floe_type_base(R)->id == FLOE_TYPE_NOTHING) {
        for (size_t i = 0; i < rows; i++)
            floe_column_push_null(out);
        return 0;
    }
    const floe_type *NR = floe_type_nullable(floe_type_strip_nullable(R));
    floe_column **conv = floe_calloc(n + 1, sizeof *conv);
    size_t *pick = floe_malloc(rows * sizeof *pick + 1);
    size_t nc = 0;
    int rc = 0;
    for (size_t k = 0; k < n; k++) {
        if (floe_type_base(args[k]->type)->id == FLOE_TYPE_NOTHING)
            continue;
        if ((rc = floe_cast_column(&conv[nc], args[k], NR, FLOE_CAST_THROW,
                                   ctx ? ctx->session_tz : NULL)) < 0)
            goto done;
        nc++;
    }
    for (size_t i = 0; i < rows; i++) {
        pick[i] = nc;
        for (size_t k = 0; k < nc; k++)
            if (!floe_column_is_null(conv[k], i)) {
                pick[i] = k;
                break;
            }
    }
    bool out_nullable = floe_type_is_nullable(R);
    for (size_t i = 0; i < rows; i++) {
        if (pick[i] == nc) {
            if (out_nullable)
                floe_column_push_null(out);
            else
                floe_column_push_default(out);
        } else if (out_nullable) {
            floe_column_push_from(out, conv[pick[i]], i);
        } else {
            floe_column v = strip_view(conv[pick[i]]);
            floe_column_push_from(out, &v, i);
        }
    }
done:
    for (size_t k = 0; k < nc; k++)
        floe_column_free(conv[k]);
    floe_free(conv);
    floe_free(pick);
    return rc;
}

static int ifNull_resolve(const floe_type **ret, const floe_func_args *args,
                          const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("ifNull", args, 2) < 0)
        return -1;
    return coalesce_type(ret, args);
}

/* ---- nullIf(a, b): NULL where a = b, else a ---- */

static int nullIf_resolve(const floe_type **ret, const floe_func_args *args,
                          const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("nullIf", args, 2) < 0)
        return -1;
    const floe_type *a = args->types[0];
    if (floe_type_base(a)->id == FLOE_TYPE_NOTHING) {
        *ret = a;
        return 0;
    }
    if (floe_type_base(args->types[1])->id != FLOE_TYPE_NOTHING) {
        const floe_scalar_func *eq = floe_func_find("equals");
        const floe_type *pair[2] = {floe_type_strip_nullable(a),
                                    floe_type_strip_nullable(args->types[1])};
        const floe_type *r;
        floe_func_args ea = {2, pair, NULL};
        if (eq->resolve(&r, &ea, ctx) < 0)
            return -1;
    }
    *ret = floe_type_nullable(a);
    return 0;
}

static int nullIf_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                       const floe_func_ctx *ctx)
{
    if (floe_type_base(args[0]->type)->id == FLOE_TYPE_NOTHING) {
        for (size_t i = 0; i < rows; i++)
            floe_column_push_null(out);
        return 0;
    }
    uint8_t *eqm = floe_calloc(rows + 1, 1);
    if (floe_type_base(args[1]->type)->id != FLOE_TYPE_NOTHING) {
        const floe_scalar_func *eq = floe_func_find("equals");
        floe_column a = strip_view(args[0]), b = strip_view(args[1]);
        floe_column *pair[2] = {&a, &b};
        floe_column *res = floe_column_new(floe_type_get(FLOE_TYPE_UINT8));
        if (eq->exec(res, pair, 2, rows, ctx) < 0) {
            floe_column_free(res);
            floe_free(eqm);
            return -1;
        }
        for (size_t i = 0; i < rows; i++)
            eqm[i] = res->data[i] && !floe_column_is_null(args[0], i) &&
                     !floe_column_is_null(args[1], i);
        floe_column_free(res);
    }
    copy_into(out, args[0], rows);
    for (size_t i = 0; i < rows; i++)
        if (eqm[i])
            out->nulls[i] = 1;
    floe_free(eqm);
    return 0;
}

/* ---- toNullable, assumeNotNull, materialize, identity, ignore ---- */

static int toNullable_resolve(const floe_type **ret, const floe_func_args *args,
                              const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("toNullable", args, 1) < 0)
        return -1;
    *ret = floe_type_nullable(args->types[0]);
    return 0;
}

static int pass_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                     const floe_func_ctx *ctx)
{
    copy_into(out, args[0], rows);
    return 0;
}

static int assumeNotNull_resolve(const floe_type **ret, const floe_func_args *args,
                                 const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("assumeNotNull", args, 1) < 0)
        return -1;
    *ret = floe_type_strip_nullable(args->types[0]);
    return 0;
}

static int assumeNotNull_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                              const floe_func_ctx *ctx)
{
    if (floe_type_base(args[0]->type)->id == FLOE_TYPE_NOTHING) {
        if (rows == 0)
            return 0;
        return floe_error(FLOE_ERR_ILLEGAL_COLUMN,
                          "Cannot create non-empty column with type Nothing");
    }
    floe_column v = strip_view(args[0]);
    copy_into(out, &v, rows);
    return 0;
}

static int materialize_resolve(const floe_type **ret, const floe_func_args *args,
                               const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("materialize", args, 1) < 0)
        return -1;
    *ret = args->types[0];
    return 0;
}

static int identity_resolve(const floe_type **ret, const floe_func_args *args,
                            const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("identity", args, 1) < 0)
        return -1;
    *ret = args->types[0];
    return 0;
}

static int ignore_resolve(const floe_type **ret, const floe_func_args *args,
                          const floe_func_ctx *ctx)
{
    *ret = floe_type_get(FLOE_TYPE_UINT8);
    return 0;
}

static int ignore_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                       const floe_func_ctx *ctx)
{
    memset(floe_fn_out_fixed(out, rows), 0, rows);
    return 0;
}


/* sleep(seconds): waits once per block (at most 3 s), returns 0s. */
static int sleep_resolve(const floe_type **ret, const floe_func_args *args,
                         const floe_func_ctx *ctx)
{
    (void)ctx;
    if (floe_fn_check_argc("sleep", args, 1) < 0)
        return -1;
    const floe_type *t = floe_fn_arg_base(args, 0);
    floe_fn_kind k = floe_fn_is_plain_number(t) ? floe_fn_kind_of(t) : FLOE_FN_I64;
    if (!floe_fn_is_plain_number(t) || k == FLOE_FN_I64 || k == FLOE_FN_I128)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "A value of illegal type was provided as 1st argument 'seconds' to "
                          "function 'sleep'. Expected: UInt* or Float*, got: %s",
                          t->name);
    if (!args->consts || !args->consts[0])
        return floe_error(FLOE_ERR_ILLEGAL_COLUMN, "The argument of function sleep must be constant");
    *ret = floe_type_get(FLOE_TYPE_UINT8);
    return 0;
}

static int sleep_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                      const floe_func_ctx *ctx)
{
    (void)n;
    (void)ctx;
    double sec = 0;
    if (rows) {
        floe_fn_load(&sec, FLOE_FN_F64, args[0], 1);
        uint64_t us = (uint64_t)(sec * 1e6);
        if (us > 3000000)
            return floe_error(FLOE_ERR_TOO_SLOW,
                              "The maximum sleep time is 3000000 microseconds. Requested: %llu "
                              "microseconds",
                              (unsigned long long)us);
        struct timespec ts = {(time_t)(us / 1000000), (long)(us % 1000000) * 1000};
        while (nanosleep(&ts, &ts) != 0)
            ;
    }
    memset(floe_fn_out_fixed(out, rows), 0, rows);
    return 0;
}

/* currentDatabase() (also database()): the session's database. */
static int currentDatabase_resolve(const floe_type **ret, const floe_func_args *args,
                                   const floe_func_ctx *ctx)
{
    (void)ctx;
    if (floe_fn_check_argc("currentDatabase", args, 0) < 0)
        return -1;
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static int currentDatabase_exec(floe_column *out, floe_column *const *args, size_t n,
                                size_t rows, const floe_func_ctx *ctx)
{
    (void)args;
    (void)n;
    const char *db = ctx && ctx->database ? ctx->database : "default";
    size_t len = strlen(db);
    floe_fn_str_begin(out, rows, rows * len);
    for (size_t i = 0; i < rows; i++)
        floe_fn_str_push(out, db, len);
    return 0;
}

static const floe_scalar_func funcs[] = {
    {"tuple", 0, tuple_resolve, tuple_exec},
    {"tupleElement", 0, tuple_element_resolve, tuple_element_exec},
    {"isNull", FLOE_FUNC_CASE_INSENSITIVE, isNull_resolve, isNull_exec},
    {"isNotNull", FLOE_FUNC_CASE_INSENSITIVE, isNotNull_resolve, isNotNull_exec},
    {"coalesce", FLOE_FUNC_CASE_INSENSITIVE, coalesce_resolve, coalesce_exec},
    {"ifNull", FLOE_FUNC_CASE_INSENSITIVE, ifNull_resolve, coalesce_exec},
    {"nullIf", FLOE_FUNC_CASE_INSENSITIVE, nullIf_resolve, nullIf_exec},
    {"toNullable", 0, toNullable_resolve, pass_exec},
    {"assumeNotNull", 0, assumeNotNull_resolve, assumeNotNull_exec},
    {"materialize", 0, materialize_resolve, pass_exec},
    {"identity", 0, identity_resolve, pass_exec},
    {"ignore", 0, ignore_resolve, ignore_exec},
    {"sleep", 0, sleep_resolve, sleep_exec},
    {"currentDatabase", 0, currentDatabase_resolve, currentDatabase_exec},
    {"database", FLOE_FUNC_CASE_INSENSITIVE, currentDatabase_resolve, currentDatabase_exec},
};

void floe_register_tuple_null(void)
{
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++)
        floe_func_register(&funcs[i]);
}
