/*
 * Internals shared by the parser's files (parser.c: driver, errors and
 * statements; parser_expr.c: expressions; parser_select.c: SELECT and
 * UNION; parser_ddl.c: CREATE and ALTER). Not for use outside src/sql/.
 */
#ifndef FLOE_SQL_PARSER_INT_H
#define FLOE_SQL_PARSER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sql/ast.h"
#include "sql/lexer.h"
#include "sql/parser.h"

#define FLOE_PARSER_MAX_EXPECTED 48
/* Nesting is measured two ways. depth follows ClickHouse's max_parser_depth
 * accounting where it shows: a bracketed expression or subquery costs 5
 * units and a statement starts at 12, so SELECT with 197 nested brackets
 * parses and 198 fail as in ClickHouse; function calls and arrays cost
 * nothing there (ClickHouse limits them later, by max_ast_depth). frames
 * counts the parser's own recursion and stops it before the C stack runs
 * out, whatever the settings. */
#define FLOE_PARSER_BASE_DEPTH    12
#define FLOE_PARSER_BRACKET_DEPTH 5
#define FLOE_PARSER_MAX_FRAMES    4000

/*
 * Parser state. Tokens are lexed on demand into toks; i is the current
 * token; max_i the furthest token ever looked at, which is where a syntax
 * error is reported (ClickHouse's rule). A parse function returns NULL (or
 * false) after setting failed; nothing is retried after a failure.
 */
typedef struct floe_parser {
    floe_arena *a;
    const char *sql;
    size_t len;
    floe_lexer lx;
    floe_token *toks;
    size_t n_toks, cap_toks;
    size_t i;
    size_t max_i;
    uint32_t last_end; /* end of the last consumed token */
    const char *expected[FLOE_PARSER_MAX_EXPECTED];
    size_t n_expected;
    size_t expected_at;
    size_t depth, max_depth; /* ClickHouse's units, see above */
    size_t frames;
    bool failed;
    bool fatal;       /* the error slot already holds a non-syntax error */
    bool stop_lexing; /* INSERT data reached: do not lex past it */
    const floe_parse_options *opts;
} floe_parser;

/* An arena-backed growable array. */
typedef struct floe_avec {
    void *v;
    size_t n, cap;
} floe_avec;

void *floe_p_push(floe_parser *p, floe_avec *v, size_t elem);
void floe_p_push_ast(floe_parser *p, floe_avec *v, floe_ast *e);

const floe_token *floe_p_tok(floe_parser *p, size_t k);
void floe_p_advance(floe_parser *p);
bool floe_p_is(floe_parser *p, size_t k, floe_token_type t);
bool floe_p_is_kw(floe_parser *p, size_t k, const char *word);
bool floe_p_accept(floe_parser *p, floe_token_type t, const char *what);
bool floe_p_accept_kw(floe_parser *p, const char *words);
bool floe_p_expect(floe_parser *p, floe_token_type t, const char *what);
bool floe_p_expect_kw(floe_parser *p, const char *words);
void floe_p_expected(floe_parser *p, const char *what);
void *floe_p_fail(floe_parser *p, const char *what);
floe_ast *floe_p_new(floe_parser *p, floe_ast_kind kind, uint32_t pos);
void floe_p_finish(floe_parser *p, floe_ast *e);
uint32_t floe_p_pos(floe_parser *p);

/* Identifiers, names and literals. */
const char *floe_p_ident(floe_parser *p, const char *what);
bool floe_p_qname(floe_parser *p, floe_ast_qname *out, const char *what);
const char *floe_p_string(floe_parser *p, const char *what);
bool floe_p_is_ident_start(floe_parser *p, size_t k);
char *floe_p_unquote(floe_parser *p, const floe_token *t);
/* The same, with the length (a string literal may hold NUL bytes). */
char *floe_p_unquote_n(floe_parser *p, const floe_token *t, size_t *len);
bool floe_p_u64(floe_parser *p, uint64_t *out, const char *what);

/* Expressions and queries (parser_expr.c). */
floe_ast *floe_p_expr(floe_parser *p);
floe_ast *floe_p_expr_alias(floe_parser *p, bool bare_alias);
bool floe_p_expr_list(floe_parser *p, floe_avec *out, bool bare_alias);
floe_ast *floe_p_select_union(floe_parser *p);
bool floe_p_is_select_start(floe_parser *p, size_t k);
floe_ast *floe_p_table_or_func(floe_parser *p);
bool floe_p_settings(floe_parser *p, floe_ast_setting **out, size_t *n);
floe_ast *floe_p_literal_value(floe_parser *p);
floe_ast *floe_p_function_call(floe_parser *p, const char *name, uint32_t pos);
floe_ast *floe_p_partition(floe_parser *p);
void floe_p_output(floe_parser *p, floe_ast *stmt);
floe_ast *floe_p_func_or_ident(floe_parser *p);

/* Node builders and helpers shared by parser_expr.c and parser_select.c. */
bool floe_p_can_be_bare_alias(floe_parser *p);
floe_ast *floe_p_mk_func(floe_parser *p, const char *name, uint32_t pos, bool op);
floe_ast *floe_p_mk_func1(floe_parser *p, const char *name, floe_ast *a, bool op);
void floe_p_set_args(floe_ast *f, floe_avec *v);
floe_ast *floe_p_mk_ident1(floe_parser *p, const char *name, uint32_t pos, uint32_t end);
floe_ast *floe_p_window_spec(floe_parser *p);

/* DDL (parser_ddl.c). */
floe_ast *floe_p_create(floe_parser *p);
floe_ast *floe_p_alter(floe_parser *p);
floe_ast *floe_p_column_def(floe_parser *p, bool type_required);
floe_ast *floe_p_index_def(floe_parser *p);
const char *floe_p_type_text(floe_parser *p);

/* Statements (parser.c). */
floe_ast *floe_p_statement(floe_parser *p);

bool floe_p_enter(floe_parser *p);
static inline void floe_p_leave(floe_parser *p)
{
    p->frames--;
}
bool floe_p_depth_push(floe_parser *p, size_t units);
static inline void floe_p_depth_pop(floe_parser *p, size_t units)
{
    p->depth -= units;
}

#endif
