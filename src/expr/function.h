/*
 * The interface between the expression evaluator and the functions it calls.
 * A scalar function resolves its result type from its argument types (and
 * the values of constant arguments), then runs over whole columns. An
 * aggregate function keeps a fixed-size state per group. Functions register
 * in one registry, looked up by name (case-insensitively where ClickHouse
 * is case-insensitive).
 */
#ifndef FLOE_EXPR_FUNCTION_H
#define FLOE_EXPR_FUNCTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "types/column.h"
#include "types/type.h"

/* What a call knows of its surroundings. */
typedef struct floe_func_ctx {
    const char *session_tz; /* session_timezone, NULL for UTC */
    int64_t now;            /* now() for this statement, seconds since epoch */
    const char *database;   /* the session's current database; NULL: "default" */
} floe_func_ctx;

/*
 * Argument information passed to resolve: types[i] is argument i's type;
 * consts[i] is a one-row column holding its value when argument i is a
 * constant expression (a literal, or a function of literals), else NULL.
 * Functions whose result type depends on an argument's value (CAST,
 * toDecimal32(x, S), toDateTime(x, 'tz')) read it from consts.
 */
typedef struct floe_func_args {
    size_t n;
    const floe_type *const *types;
    const floe_column *const *consts;
} floe_func_args;

enum {
    /* The framework handles NULLs: resolve and exec see the arguments with
     * Nullable stripped; the result is Nullable(ret) when any argument is
     * Nullable, and NULL where any argument is NULL. A bare NULL argument
     * (Nullable(Nothing)) makes the whole result NULL. Functions that look at
     * NULLs themselves (isNull, coalesce, if, ...) leave this off. */
    FLOE_FUNC_DEFAULT_NULLS = 1 << 0,
    /* Result differs between calls with the same arguments (now(), rand()):
     * never folded into a constant. */
    FLOE_FUNC_NONDETERMINISTIC = 1 << 1,
    /* Name matches case-insensitively (ClickHouse's CaseInsensitive). */
    FLOE_FUNC_CASE_INSENSITIVE = 1 << 2,
};

typedef struct floe_scalar_func floe_scalar_func;
struct floe_scalar_func {
    const char *name;
    unsigned flags;
    /* Checks the arguments and sets *ret. Errors: NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
     * ILLEGAL_TYPE_OF_ARGUMENT, ... with ClickHouse's messages. */
    int (*resolve)(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx);
    /* Computes rows values into out, an empty column of the resolved type.
     * args[i] has rows rows (constants are already expanded) and the types
     * resolve saw. Errors: division by zero, bad values (CANNOT_PARSE_*). */
    int (*exec)(floe_column *out, floe_column *const *args, size_t n_args, size_t rows,
                const floe_func_ctx *ctx);
};

/*
 * Aggregate functions. The state is state_size bytes at state_align,
 * created by init and destroyed by destroy (which frees what the state
 * allocated; may be NULL when the state owns nothing).
 * add: for each row i, adds row i of args to places[i] (+ place_offset).
 * add_single: adds rows [0, rows) to one state (no GROUP BY); fast path.
 * merge: folds src into dst (two states of this function).
 * result: appends the state's result to out (a column of the resolved type).
 * Parametric functions (quantile(0.5)(x)) get params; others NULL, 0.
 * The -If combinator and count(DISTINCT x) are built on these by the registry
 * (countIf, sumIf, minIf, maxIf, uniqExact), so they have their own entries.
 * NULL arguments: rows where any argument is NULL are skipped, and the result
 * type follows ClickHouse (count ignores NULLs; sum(Nullable(T)) is
 * Nullable(...) NULL when no non-NULL row was seen) — the function handles it.
 */
typedef struct floe_agg_func floe_agg_func;
struct floe_agg_func {
    const char *name;
    unsigned flags;
    int (*resolve)(const floe_type **ret, const floe_func_args *args, const floe_column *params,
                   size_t n_params);
    size_t state_size;
    size_t state_align;
    /* fn: this function; resolved argument types in args (set up once). */
    void (*init)(void *state, const floe_func_args *args);
    void (*add)(char **places, size_t place_offset, floe_column *const *args, size_t rows,
                const floe_func_args *types);
    void (*add_single)(void *state, floe_column *const *args, size_t rows,
                       const floe_func_args *types);
    void (*merge)(void *dst, const void *src, const floe_func_args *types);
    int (*result)(floe_column *out, void *state, const floe_func_args *types);
    void (*destroy)(void *state);
};

/* Lookup; NULL when there is no such function (callers raise UNKNOWN_FUNCTION
 * with ClickHouse's message). */
const floe_scalar_func *floe_func_find(const char *name);
const floe_agg_func *floe_agg_find(const char *name);
/* True when name is an aggregate function (used while analysing SELECT). */
bool floe_func_is_aggregate(const char *name);

/* Registration, called once at start-up by each functions_*.c file's
 * registrar, listed in function_registry.c. */
void floe_func_register(const floe_scalar_func *f);
void floe_agg_register(const floe_agg_func *f);
/* Registers every built-in function; idempotent and thread-safe. */
void floe_functions_init(void);

/* Common result-type rules shared by functions and by the evaluator. */
/* ClickHouse's type for a + b, a - b, a * b over numbers (e.g. UInt8 + UInt8 ->
 * UInt16, Int32 + UInt32 -> Int64, integer / integer -> Float64). op is one
 * of '+', '-', '*', '/'. */
int floe_arith_result_type(const floe_type **ret, char op, const floe_type *a, const floe_type *b);
#endif
