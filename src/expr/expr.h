/*
 * Compiled expressions: an AST expression bound to the columns of a block,
 * with every function resolved and every type known, then evaluated a block
 * at a time. Constant subtrees are folded at compile time.
 */
#ifndef FLOE_EXPR_EXPR_H
#define FLOE_EXPR_EXPR_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/hashmap.h"
#include "expr/function.h"
#include "sql/ast.h"
#include "types/column.h"

typedef enum floe_expr_kind {
    FLOE_EXPR_INPUT, /* a column of the input block */
    FLOE_EXPR_CONST, /* one value */
    FLOE_EXPR_CALL,  /* a scalar function of sub-expressions */
    FLOE_EXPR_IN,    /* x [NOT] IN set */
} floe_expr_kind;

/*
 * Invariants: type is the result type; INPUT has input < the scope's column
 * count; CONST has value, a one-row column of type; CALL has fn and args,
 * and when null_wrap is set fn saw the arguments with Nullable stripped and
 * returned fn_type, which the evaluator wraps into type = Nullable(fn_type).
 * Nodes live in the compiling arena; value and set are owned by the node
 * and released by floe_expr_free.
 */
typedef struct floe_expr floe_expr;
struct floe_expr {
    floe_expr_kind kind;
    const floe_type *type;
    size_t input;
    floe_column *value;
    const floe_scalar_func *fn;
    floe_expr **args;
    size_t n_args;
    bool null_wrap;
    const floe_type *fn_type;
    /* IN */
    floe_hashmap *set;
    bool negate;
    const floe_type *set_type; /* the type values are converted to before lookup */
    floe_expr *next_free;      /* chain of nodes owning memory, for floe_expr_free */
};

typedef struct floe_scope floe_scope;

/* Where names come from while compiling. */
struct floe_scope {
    size_t n_cols;
    const char *const *names;
    const floe_type *const *types;
    /* Table names or aliases that qualify the columns (t.x): NULL entries
     * when unknown. Matching a qualified identifier checks the last part
     * against names and the qualifier against quals. */
    const char *const *quals;
    /* Before resolving any non-identifier node, match its column name
     * against names (after aggregation: keys and aggregates are columns). */
    bool match_subtrees;
    /* Alias lookup: the expression a SELECT alias stands for, or NULL. */
    const floe_ast *(*find_alias)(void *ctx, const char *name);
    void *alias_ctx;
    /* Runs a subquery (IN (SELECT ...), scalar subqueries) into one block
     * holding all its rows; NULL when subqueries are not allowed here. */
    int (*run_subquery)(void *ctx, const floe_ast *query, floe_block **out);
    void *subquery_ctx;
    const floe_func_ctx *fctx;
    floe_arena *arena;
    /* The query whose scope this is, for error messages ("In scope ..."). */
    const floe_ast *query;
    /* After aggregation: the scope before it, so that a column used outside
     * aggregates and keys is reported as NOT_AN_AGGREGATE. */
    const floe_scope *pre_agg;
    /* Where the expression sits, for ILLEGAL_AGGREGATION ("WHERE"). */
    const char *clause;
    /* Head of the chain of nodes that own memory (floe_expr_free). */
    floe_expr *owned;
    /* Aliases being expanded: their names resolve to columns, not to
     * themselves (SELECT a + 1 AS a). */
    const char *expanding[64];
    int depth;
};

/* Compiles e against sc. Errors: UNKNOWN_IDENTIFIER, UNKNOWN_FUNCTION,
 * ILLEGAL_AGGREGATION (an aggregate where none is allowed), and whatever
 * the functions' resolve reports. */
int floe_expr_compile(floe_expr **out, floe_scope *sc, const floe_ast *e);

/* Evaluates e over block in. *out is a column of in->rows rows; *owned says
 * whether the caller must free it (an INPUT expression returns the block's
 * own column). */
int floe_expr_eval(floe_column **out, bool *owned, const floe_expr *e, const floe_block *in,
                   const floe_func_ctx *ctx);

/* Evaluates a constant expression (no inputs) to a one-row column the caller
 * frees. */
int floe_expr_eval_const(floe_column **out, const floe_expr *e, const floe_func_ctx *ctx);

/* Releases what the compiled nodes of sc own (constant values, sets). */
void floe_scope_free(floe_scope *sc);

/* True when the AST contains an aggregate function call (not inside a
 * subquery). */
bool floe_ast_has_aggregate(const floe_ast *e);

#endif
