/*
 * The SELECT pipeline's operators: pull-based iterators that hand blocks
 * from sources (table scans, table functions, subqueries) through filters,
 * projections, aggregation, sorting and limits. The execution context
 * carries what a statement needs from the layers below (table lookup),
 * which register callbacks here instead of being called from here.
 */
#ifndef FLOE_EXEC_OP_H
#define FLOE_EXEC_OP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "expr/expr.h"
#include "sql/ast.h"
#include "types/column.h"

typedef struct floe_exec_ctx floe_exec_ctx;
typedef struct floe_op floe_op;
typedef struct floe_relation floe_relation;

/*
 * An operator. names/types describe every block it returns (names and
 * types live in the statement's arena). next sets *out to a new block the
 * caller frees, or NULL at the end. free releases the operator and its
 * children.
 */
struct floe_op {
    size_t n_cols;
    const char **names;
    const floe_type **types;
    int (*next)(floe_op *op, floe_block **out);
    void (*free)(floe_op *op);
    floe_exec_ctx *ctx;
};

/*
 * Something FROM can read: a table, a table function's result, a subquery.
 * Columns [0, n_visible) are what `*` expands to; the rest are virtual
 * (_part, _partition_id). scan opens an operator producing the columns
 * cols[0..n) in that order; where (may be NULL) is the query's WHERE for
 * pruning — the scan may skip data it proves cannot match, never more.
 */
struct floe_relation {
    size_t n_cols;
    size_t n_visible;
    const char **names;
    const floe_type **types;
    const char *qual;   /* table name, for t.col */
    const char **quals; /* per column (joins), or NULL: every column is qual's */
    int (*scan)(floe_relation *r, floe_op **out, const size_t *cols, size_t n,
                const floe_ast *where, floe_exec_ctx *ctx);
    void (*release)(floe_relation *r);
    void *impl;
};

/* Settings the pipeline reads, filled by the statement runner. */
typedef struct floe_exec_settings {
    size_t max_block_size; /* 65409 */
    unsigned max_threads;
    bool enable_positional_arguments; /* 1 */
    int union_default_mode;           /* 0 none (error), 1 ALL, 2 DISTINCT */
    uint64_t max_rows_to_read;        /* 0: no limit */
    bool use_skip_indexes;            /* 1 */
    /* index-name lists, NULL when not set */
    const char *force_data_skipping_indices;
    const char *ignore_data_skipping_indices;
} floe_exec_settings;

struct floe_exec_ctx {
    floe_arena *arena;
    floe_func_ctx fctx;
    floe_exec_settings settings;
    const volatile int *cancel; /* non-zero: stop with QUERY_WAS_CANCELLED */
    uint64_t rows_read;         /* sources add what they read */
    uint64_t bytes_read;
    const char *current_db;
    /* Table lookup, provided by the catalog. */
    int (*open_table)(void *env, floe_relation **out, const char *db, const char *name,
                      floe_exec_ctx *ctx);
    /* Table functions the exec layer does not know (file, s3, ...). */
    int (*open_table_function)(void *env, floe_relation **out, const floe_ast *fn,
                               floe_exec_ctx *ctx);
    void *env;
    /* Scopes whose compiled constants live until the statement ends. */
    floe_scope **scopes;
    size_t n_scopes, cap_scopes;
    /* WITH lists of the queries being planned, innermost last: a CTE is
     * visible in the queries nested in the one defining it. */
    const floe_ast **with_stack;
    size_t n_with_stack, cap_with_stack;
    /* Rows a LIMIT saw before cutting (JSON's rows_before_limit_at_least). */
    uint64_t rows_before_limit;
    bool has_rows_before_limit;
};

/* Plans a SELECT or UNION into an operator tree. */
int floe_select_plan(floe_op **out, const floe_ast *query, floe_exec_ctx *ctx);
/* Runs a query to completion into one block (subqueries). */
int floe_select_collect(floe_block **out, const floe_ast *query, floe_exec_ctx *ctx);

/* Operators (each takes ownership of its child). */
floe_op *floe_op_filter(floe_op *child, floe_expr *pred);
floe_op *floe_op_project(floe_op *child, size_t n, floe_expr **exprs, const char **names);
/* LIMIT; it reports rows_before_limit to the context as ClickHouse counts
 * them: FLOE_LIMIT_COUNT_STREAM min(rows seen, offset + limit) over a stream,
 * FLOE_LIMIT_COUNT_ALL every row of a materialised input (aggregation),
 * FLOE_LIMIT_COUNT_SORT the rows a sort below consumed (sort_rows). */
enum { FLOE_LIMIT_COUNT_STREAM, FLOE_LIMIT_COUNT_ALL, FLOE_LIMIT_COUNT_SORT };
floe_op *floe_op_limit(floe_op *child, uint64_t limit, uint64_t offset, int count_mode,
                       const uint64_t *sort_rows);
floe_op *floe_op_distinct(floe_op *child, size_t n_key_cols);
/* LIMIT limit OFFSET offset WITH TIES over rows sorted on columns keys. */
floe_op *floe_op_limit_with_ties(floe_op *child, uint64_t limit, uint64_t offset, size_t n_keys,
                                 const size_t *keys);
/* LIMIT limit OFFSET offset BY the columns keys. */
floe_op *floe_op_limit_by(floe_op *child, uint64_t limit, uint64_t offset, size_t n_keys,
                          const size_t *keys);
/* Sorts by the given columns of the child's blocks; desc[i], nulls_first[i]. */
floe_op *floe_op_sort(floe_op *child, size_t n_keys, const size_t *keys, const bool *desc,
                      const bool *nulls_first, uint64_t limit_hint);
/* The number of rows a sort operator consumed (valid once it has output). */
const uint64_t *floe_op_sort_rows_in(const floe_op *sort);
/* The rows of b where mask[i] is non-zero; keep is how many there are. */
floe_block *floe_exec_block_filter(const floe_block *b, const uint8_t *mask, size_t keep);
/* EXCEPT (except) or INTERSECT of child's rows with right's (same column
 * types), ALL (multiset) or DISTINCT. right is read at creation. */
floe_op *floe_op_setop(floe_op *child, const floe_block *right, bool except, bool distinct);
/* Keeps the first n columns. */
floe_op *floe_op_take_columns(floe_op *child, size_t n);
/* Concatenates children's outputs (same column count), casting to types. */
floe_op *floe_op_union(floe_op **children, size_t n, const floe_type **types, floe_exec_ctx *ctx);
/* A relation over one already-built block (owned). */
floe_relation *floe_relation_from_block(floe_block *b, floe_exec_ctx *ctx);
/* A relation reading an operator once. */
floe_relation *floe_relation_from_op(floe_op *op, floe_exec_ctx *ctx);

/* Aggregation: keys are computed by key_exprs, aggregates by calls. */
typedef struct floe_agg_call {
    const floe_agg_func *fn;
    floe_expr **args;
    size_t n_args;
    const floe_type **arg_types;
    const floe_type *ret;
    floe_column *params;
    size_t n_params;
    const char *name;
} floe_agg_call;

floe_op *floe_op_aggregate(floe_op *child, size_t n_keys, floe_expr **keys, const char **key_names,
                           size_t n_aggs, floe_agg_call *aggs, floe_exec_ctx *ctx);

/* Joins two relations as the JOIN node j says (ON/USING; INNER, LEFT,
 * RIGHT, FULL, CROSS). Releases left and right. */
int floe_exec_join(floe_relation **out, floe_relation *left, floe_relation *right,
                   const floe_ast *j, floe_exec_ctx *ctx);

/* Table functions known to the exec layer (numbers, zeros, one). Returns 1
 * and *out when name is one of them, 0 when not. */
int floe_exec_table_function(floe_relation **out, const floe_ast *fn, floe_exec_ctx *ctx);
/* system.one: one row, column dummy UInt8 = 0 (SELECT without FROM). */
floe_relation *floe_exec_one_row(floe_exec_ctx *ctx);

/* Appends a self-delimiting encoding of row i of c to key (group and
 * DISTINCT keys: equal values give equal bytes, NULL distinct from all). */
void floe_exec_row_key(floe_buf *key, const floe_column *c, size_t i);

/* Keeps sc alive until floe_exec_ctx_release (compiled expressions of a
 * running pipeline point into it). */
void floe_exec_keep_scope(floe_exec_ctx *ctx, floe_scope *sc);
/* Frees what the context holds (scopes); the arena is the caller's. */
void floe_exec_ctx_release(floe_exec_ctx *ctx);

/* Counts rows and bytes a source read, checking max_rows_to_read
 * (TOO_MANY_ROWS). */
int floe_exec_add_read(floe_exec_ctx *ctx, uint64_t rows, uint64_t bytes);

/* Checks the cancel flag. */
int floe_exec_check_cancel(floe_exec_ctx *ctx);

#endif
