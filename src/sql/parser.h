/*
 * The SQL parser: text in, floe_ast out (see sql/ast.h). One statement per
 * call, so a caller loops over a script; inline INSERT data is located, not
 * parsed. Errors follow ClickHouse's text: "Syntax error: failed at position
 * N (near) (line L, col C): rest. Expected one of: ..." (SYNTAX_ERROR).
 */
#ifndef FLOE_SQL_PARSER_H
#define FLOE_SQL_PARSER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "sql/ast.h"

typedef struct floe_parse_options {
    size_t max_query_size;   /* bytes of query text before inline data; 0 = no limit */
    size_t max_parser_depth; /* nesting limit (see parser_int.h); 0 = no limit */
    /* When false, INSERT ... FORMAT data runs to the end of the input (one
     * query, as clickhouse-client sends it). When true (a multi-statement
     * script): data written on the FORMAT line ends at the end of that line
     * (clickhouse-client's multi-query rule, which ClickHouse's .sql tests
     * rely on: "INSERT INTO t FORMAT CSV 1,2" then ";" on the next line);
     * data that starts on the line after FORMAT runs to the first empty line
     * (chref's behaviour: "FORMAT TSV\n1\ta\n2\tb\n\nSELECT ..." inserts two
     * rows, then runs the SELECT) or to the end of the input. VALUES data
     * always ends at the ';' outside quotes and brackets. */
    bool multi_statement;
} floe_parse_options;

/* ClickHouse's defaults: max_query_size 262144, max_parser_depth 1000. */
#define FLOE_PARSE_OPTIONS_INIT                                                                    \
    {                                                                                              \
        262144, 1000, false                                                                        \
    }

/*
 * Parses one statement starting at sql (leading whitespace and comments are
 * skipped). *out is the statement, allocated in a; NULL when the input holds
 * only whitespace, comments and at most a ';' (then returns 0 and *consumed
 * covers it). *consumed is the number of bytes used, including the ';' that
 * ends the statement if present, and, for INSERT with inline data, the data.
 * opts may be NULL (defaults). Positions in the tree and in error messages
 * count from sql. Errors: SYNTAX_ERROR (62; also for max_query_size, as
 * ClickHouse reports it: "Max query size exceeded (can be increased with the
 * `max_query_size` setting): Syntax error: ..."), TOO_DEEP_RECURSION (306;
 * max_parser_depth counted as ClickHouse does for brackets),
 * NOT_IMPLEMENTED (48) for TTL actions other than DELETE. The "Expected
 * one of" list is floe's own, not ClickHouse's.
 */
int floe_sql_parse(floe_ast **out, size_t *consumed, floe_arena *a, const char *sql, size_t len,
                   const floe_parse_options *opts);

/* Parses a standalone expression (a default expression, a partition key
 * from a metadata file): the whole text must be one expression, optionally
 * with an alias. */
int floe_sql_parse_expr(floe_ast **out, floe_arena *a, const char *sql, size_t len);

/*
 * Splits a script: sets *stmt_len to the length of the first statement
 * starting at sql (after skipping nothing: leading whitespace counts), up to
 * and including its ';', or the rest of the input. Understands quotes,
 * comments, and INSERT inline data the way floe_sql_parse does. Returns 0,
 * or -1 with SYNTAX_ERROR for an unterminated quote or comment.
 */
int floe_sql_split(size_t *stmt_len, const char *sql, size_t len, const floe_parse_options *opts);

#endif
