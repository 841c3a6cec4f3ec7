/*
 * Internals shared by the `floe` command's files: the SQL text scanner the
 * command line needs without a parser (statement ends, comments, test hints),
 * the state of one `floe local` run, and the script runner that loops
 * floe_exec over a text. Nothing here leaves src/cli/.
 */
#ifndef FLOE_CLI_H
#define FLOE_CLI_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floe.h"
#include "base/buf.h"

/* ---- scanner (script.c) ---- */

/* Token kinds the command line distinguishes. */
enum {
    FLOE_CLI_TOK_END,
    FLOE_CLI_TOK_SPACE,
    FLOE_CLI_TOK_COMMENT,
    FLOE_CLI_TOK_SEMICOLON,
    FLOE_CLI_TOK_OTHER, /* words, numbers, quoted strings and identifiers, operators */
};

/* Scans the token starting at p[pos] (pos < len): returns its kind and sets
 * *end past it. An unterminated quote or comment runs to len and sets
 * *unterminated (may be NULL). */
int floe_cli_token(const char *p, size_t len, size_t pos, size_t *end, bool *unterminated);
/* Offset of the first token other than space and comments at or after pos,
 * len when there is none. */
size_t floe_cli_skip_insignificant(const char *p, size_t len, size_t pos);
/* Offset just past the first ';' outside quotes and comments at or after pos,
 * len when there is none: where a statement that failed to parse ends. */
size_t floe_cli_next_semicolon(const char *p, size_t len, size_t pos);
/* ClickHouse's adjustQueryEnd: moves end over further ';' tokens, then over
 * the rest of the line when the next statement starts on a later line (so a
 * same-line trailing comment belongs to the statement before it). */
size_t floe_cli_adjust_end(const char *p, size_t len, size_t end);
/* True when p[0..len) ends inside a quote or a comment that is not closed
 * ("--" comments close at the end of the line). */
bool floe_cli_is_open(const char *p, size_t len);

/* Test hints in comments: `-- { serverError 60, UNKNOWN_TABLE }`,
 * `-- { clientError SYNTAX_ERROR }`, `-- { echo }`, `-- { echoOn }`,
 * `-- { echoOff }`. Error hints in comments that precede the statement's
 * first token are ignored (as ClickHouse does). */
#define FLOE_CLI_MAX_HINT_CODES 16
typedef struct floe_cli_hint {
    int server[FLOE_CLI_MAX_HINT_CODES];
    int nserver;
    int client[FLOE_CLI_MAX_HINT_CODES];
    int nclient;
    int echo; /* -1 no echo hint, 0 echoOff, 1 echo/echoOn */
} floe_cli_hint;

/* Collects the hints in the comments of p[0..len). */
void floe_cli_hint_parse(floe_cli_hint *out, const char *p, size_t len);
/* ClickHouse's code for an error name, 0 when floe does not know the name. */
int floe_cli_errcode_by_name(const char *name, size_t len);
/* Appends a code list as ClickHouse prints it: "60" or "[60, 81]". */
void floe_cli_hint_codes(floe_buf *b, const int *codes, int n);

/* ---- one `floe local` run (local.c) ---- */

typedef struct floe_cli {
    floe_db *db;
    floe_session *session;
    const char *format; /* default output format; NULL is TabSeparated */
    bool interactive;
    bool testmode;
    bool ignore_error;
    bool echo;
    bool output_is_terminal;
    bool print_time; /* --time: elapsed seconds on stderr per statement */
    /* Result bytes waiting for stdout (flushed after each statement). */
    floe_buf out;
    bool out_failed;
    /* stdin as INSERT data: whether this statement has read from it yet. */
    bool input_read_this_statement;
    bool input_eof;
    /* Set when a --testmode hint was not met: exit non-zero at the end. */
    bool hint_failed;
    /* Exit status for an error that stopped the run (0 none). */
    int exit_status;
} floe_cli;

/* Runs every statement of sql[0..len) (a -q text, a file, stdin or one REPL
 * input) with ClickHouse's client rules: hints, echo, errors. Returns 0 to go
 * on, -1 when an error stopped the run (c->exit_status is then set). */
int floe_cli_run_text(floe_cli *c, const char *sql, size_t len);
/* Writes the buffered result bytes to stdout. */
void floe_cli_flush(floe_cli *c);
/* Exit status ClickHouse uses for an error code: code modulo 256, 1 if 0. */
int floe_cli_exit_status(int code);
/* Prints floe_last_error_format()'s text and a newline to stderr. */
void floe_cli_print_last_error(void);

/* The session a SIGINT cancels while a statement runs (NULL otherwise). */
extern floe_session *volatile floe_cli_running;
/* Count of SIGINTs received; the REPL reads and clears it. */
extern volatile sig_atomic_t floe_cli_interrupts;
/* Installs the SIGINT handler (no SA_RESTART, so a read at the prompt stops). */
void floe_cli_install_sigint(void);

/* ---- subcommands ---- */

int floe_cli_local_main(int argc, char **argv);
/* The interactive loop over c (repl.c); returns the exit status. */
int floe_cli_repl(floe_cli *c, bool multiline, const char *history_file, const char *prompt);

#endif
