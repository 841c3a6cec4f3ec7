/*
 * `floe local`: clickhouse-local over the public API. Parses the command
 * line, opens the data directory (a temporary one without --path), then runs
 * -q texts, --queries-file files or stdin as scripts, or starts the REPL.
 * The script runner here follows ClickHouse's client: test hints, echo,
 * errors that stop the run with the error code as exit status.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "base/clock.h"
#include "base/error.h"
#include "base/io.h"
#include "base/mem.h"

/* Result bytes are written to stdout in pieces of about this size. */
#define OUT_FLUSH_SIZE (1u << 20)

floe_session *volatile floe_cli_running;
volatile sig_atomic_t floe_cli_interrupts;
/* True while the REPL runs: a SIGINT outside a statement then only
 * interrupts the line being typed. */
static volatile sig_atomic_t repl_mode;
/* True while floe_close waits for queued exports: the first Ctrl-C cancels
 * them (they clean up), a second one ends the process. */
static volatile sig_atomic_t closing;

static void on_sigint(int sig)
{
    (void)sig;
    floe_cli_interrupts++;
    floe_session *s = floe_cli_running;
    if (s) {
        floe_session_cancel(s);
        return;
    }
    if (closing == 1) {
        closing = 2;
        floe_cancel_exports();
        return;
    }
    if (!repl_mode || closing) {
        signal(SIGINT, SIG_DFL);
        raise(SIGINT);
    }
}

void floe_cli_install_sigint(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: el_gets returns on Ctrl-C */
    sigaction(SIGINT, &sa, NULL);
}

int floe_cli_exit_status(int code)
{
    return (code & 0xff) ? (code & 0xff) : 1;
}

static void write_all(int fd, const char *p, size_t n, bool *failed)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            if (failed)
                *failed = true;
            return;
        }
        p += w;
        n -= (size_t)w;
    }
}

void floe_cli_print_last_error(void)
{
    char msg[8192];
    floe_last_error_format(msg, sizeof msg - 1);
    size_t n = strlen(msg);
    msg[n] = '\n'; /* room was kept for it */
    write_all(STDERR_FILENO, msg, n + 1, NULL);
}

void floe_cli_flush(floe_cli *c)
{
    if (c->out.len == 0)
        return;
    bool failed = false;
    write_all(STDOUT_FILENO, c->out.data, c->out.len, &failed);
    if (failed)
        c->out_failed = true;
    floe_buf_clear(&c->out);
}

/* Statement output: buffer, and write out when the buffer is big (unless
 * the statement's echo must still go in front). */
typedef struct stmt_out {
    floe_cli *c;
    bool hold;          /* keep everything until the statement ends */
    bool flushed;       /* some of this statement's bytes were written already */
    bool any;           /* the statement produced result bytes */
    bool want_query_id; /* REPL: "Query id:" goes before the first bytes */
} stmt_out;

static void append_query_id(floe_buf *out);

static int on_output(void *ctx, const void *data, size_t len)
{
    stmt_out *so = ctx;
    floe_cli *c = so->c;
    if (so->want_query_id) {
        so->want_query_id = false;
        append_query_id(&c->out);
    }
    if (len)
        so->any = true;
    floe_buf_append(&c->out, data, len);
    if (!so->hold && c->out.len >= OUT_FLUSH_SIZE) {
        int saved = errno;
        floe_cli_flush(c);
        so->flushed = true;
        if (c->out_failed) {
            int e = errno;
            errno = saved;
            return floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR,
                              "Cannot write to file (fd = 1), errno: %d, strerror: %s", e,
                              strerror(e));
        }
    }
    return 0;
}

/* INSERT data from stdin. ClickHouse's client raises NO_DATA_TO_INSERT when
 * an INSERT without inline data finds stdin empty (or the session is
 * interactive); otherwise it streams stdin to the statement. */
static int on_input(void *ctx, void *buf, size_t len, size_t *got)
{
    floe_cli *c = ctx;
    *got = 0;
    bool first = !c->input_read_this_statement;
    c->input_read_this_statement = true;
    if (c->interactive || (first && c->input_eof))
        return floe_error(FLOE_ERR_NO_DATA_TO_INSERT, "No data to insert");
    if (c->input_eof)
        return 0;
    for (;;) {
        ssize_t r = read(STDIN_FILENO, buf, len);
        if (r < 0) {
            if (errno == EINTR) {
                if (floe_cli_interrupts)
                    return floe_error(FLOE_ERR_QUERY_WAS_CANCELLED, "Query was cancelled");
                continue;
            }
            return floe_error(FLOE_ERR_CANNOT_READ_FROM_FILE_DESCRIPTOR,
                              "Cannot read from file (fd = 0), errno: %d, strerror: %s", errno,
                              strerror(errno));
        }
        if (r == 0) {
            c->input_eof = true;
            if (first)
                return floe_error(FLOE_ERR_NO_DATA_TO_INSERT, "No data to insert");
        }
        *got = (size_t)r;
        return 0;
    }
}

/* ClickHouse's formatReadable: divide by 1000 while it helps, two decimals. */
static void readable(floe_buf *b, double v, const char *const *units, size_t n)
{
    size_t i = 0;
    while (i + 1 < n && (v >= 1000 || v <= -1000)) {
        v /= 1000;
        i++;
    }
    floe_buf_printf(b, "%.2f%s", v, units[i]);
}

static void readable_quantity(floe_buf *b, double v)
{
    static const char *const units[] = {"",         " thousand", " million",
                                        " billion", " trillion", " quadrillion"};
    readable(b, v, units, sizeof units / sizeof units[0]);
}

static void readable_size(floe_buf *b, double v)
{
    static const char *const units[] = {" B",  " KB", " MB", " GB", " TB",
                                        " PB", " EB", " ZB", " YB"};
    readable(b, v, units, sizeof units / sizeof units[0]);
}

/* The REPL's summary after a statement (ClientBase::processParsedSingleQuery
 * and ProgressIndication::writeFinalProgress). */
static void print_summary(floe_cli *c, const floe_exec_stats *st, double elapsed, bool failed)
{
    floe_buf *b = &c->out;
    floe_buf_putc(b, '\n');
    if (!failed || st->result_rows != 0)
        floe_buf_printf(b, "%llu row%s in set. ", (unsigned long long)st->result_rows,
                        st->result_rows == 1 ? "" : "s");
    floe_buf_printf(b, "Elapsed: %.3f sec. ", elapsed);
    if (st->rows_read >= 1000) {
        floe_buf_puts(b, "Processed ");
        readable_quantity(b, (double)st->rows_read);
        floe_buf_puts(b, " rows, ");
        readable_size(b, (double)st->bytes_read);
        if (elapsed > 0) {
            floe_buf_puts(b, " (");
            readable_quantity(b, (double)st->rows_read / elapsed);
            floe_buf_puts(b, " rows/s., ");
            readable_size(b, (double)st->bytes_read / elapsed);
            floe_buf_puts(b, "/s.)");
        } else {
            floe_buf_puts(b, ". ");
        }
    }
    floe_buf_puts(b, "\n\n");
    floe_cli_flush(c);
}

/* The REPL's "Query id: <uuid>" line (a random UUID v4, as ClickHouse
 * generates one per query). */
static void append_query_id(floe_buf *out)
{
    unsigned char u[16];
    FILE *f = fopen("/dev/urandom", "rb");
    if (!f || fread(u, 1, sizeof u, f) != sizeof u) {
        uint64_t t = (uint64_t)(floe_clock_seconds() * 1e9) ^ (uint64_t)getpid();
        for (int i = 0; i < 16; i++)
            u[i] = (unsigned char)(t >> ((i % 8) * 8)) ^ (unsigned char)(i * 37);
    }
    if (f)
        fclose(f);
    u[6] = (unsigned char)((u[6] & 0x0f) | 0x40);
    u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);
    floe_buf_puts(out, "\nQuery id: ");
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            floe_buf_putc(out, '-');
        floe_buf_printf(out, "%02x", u[i]);
    }
    floe_buf_puts(out, "\n\n");
}

static bool code_in(int code, const int *codes, int n)
{
    for (int i = 0; i < n; i++)
        if (codes[i] == code)
            return true;
    return false;
}

static void print_stderr_buf(floe_buf *b)
{
    write_all(STDERR_FILENO, b->data ? b->data : "", b->len, NULL);
}

/* Checks a --testmode hint against the outcome (code 0: success). Returns
 * true when the outcome is what the hint expects (no hint and success, or an
 * expected error). Prints ClickHouse's complaint otherwise. */
static bool check_hint(floe_cli *c, const floe_cli_hint *h, int code, const char *q, size_t qlen)
{
    floe_buf m = FLOE_BUF_INIT;
    bool ok = true;
    bool has_s = h->nserver > 0, has_c = h->nclient > 0;
    /* floe cannot tell the parser's errors from execution errors the way
     * ClickHouse's client and server can, so a code listed in either list
     * is accepted. */
    if (code) {
        if (!has_s && !has_c) {
            ok = false; /* no diagnostics: the error itself is printed */
        } else if (code_in(code, h->server, h->nserver) || code_in(code, h->client, h->nclient)) {
            ok = true;
        } else {
            ok = false;
            if (has_s && has_c) {
                floe_buf_puts(&m, "Expected one of the server error codes '");
                floe_cli_hint_codes(&m, h->server, h->nserver);
                floe_buf_printf(&m, "' but got '%d' (query: ", code);
            } else if (has_s) {
                floe_buf_puts(&m, "Expected server error code: ");
                floe_cli_hint_codes(&m, h->server, h->nserver);
                floe_buf_printf(&m, " but got: %d (query: ", code);
            } else {
                floe_buf_puts(&m, "Expected client error code '");
                floe_cli_hint_codes(&m, h->client, h->nclient);
                floe_buf_printf(&m, "' but got '%d' (query: ", code);
            }
        }
    } else if (has_s || has_c) {
        ok = false;
        if (has_s && has_c) {
            floe_buf_puts(&m, "The query succeeded but server or client errors '");
            floe_cli_hint_codes(&m, h->server, h->nserver);
            floe_buf_puts(&m, "' were expected (query: ");
        } else if (has_c) {
            floe_buf_puts(&m, "The query succeeded but the client error '");
            floe_cli_hint_codes(&m, h->client, h->nclient);
            floe_buf_puts(&m, "' was expected (query: ");
        } else {
            floe_buf_puts(&m, "The query succeeded but the server error '");
            floe_cli_hint_codes(&m, h->server, h->nserver);
            floe_buf_puts(&m, "' was expected (query: ");
        }
        c->hint_failed = true;
    }
    if (m.len) {
        floe_buf_append(&m, q, qlen);
        floe_buf_puts(&m, ").\n");
        print_stderr_buf(&m);
    }
    floe_buf_free(&m);
    return ok;
}

/* Reports a failed statement the way clickhouse-local does in the current
 * mode. Returns -1 when the run must stop. */
static int report_error(floe_cli *c, int code, const char *formatted, const char *message,
                        const floe_exec_stats *st, double elapsed)
{
    floe_buf m = FLOE_BUF_INIT;
    int rc = 0;
    if (c->interactive) {
        if (code == FLOE_ERR_SYNTAX_ERROR) {
            floe_buf_printf(&m, "\n%s\n\n", message);
        } else if (code == FLOE_ERR_QUERY_WAS_CANCELLED && floe_cli_interrupts) {
            floe_buf_puts(&c->out, "Cancelling query.\nQuery was cancelled.\n");
            print_summary(c, st, elapsed, false);
        } else {
            print_summary(c, st, elapsed, true);
            floe_buf_printf(&m, "Received exception:\n%s\n\n", formatted);
        }
        rc = -1; /* the rest of this input is dropped, the REPL goes on */
    } else if (c->ignore_error) {
        if (code == FLOE_ERR_SYNTAX_ERROR)
            floe_buf_printf(&m, "\n%s\n\n", message);
    } else {
        floe_buf_printf(&m, "%s\n", formatted);
        c->exit_status = floe_cli_exit_status(code);
        rc = -1;
    }
    if (m.len)
        print_stderr_buf(&m);
    floe_buf_free(&m);
    return rc;
}

int floe_cli_run_text(floe_cli *c, const char *sql, size_t len)
{
    size_t pos = 0;
    char *formatted = floe_malloc(8192);
    char *message = NULL;
    int rc = 0;
    for (;;) {
        while (pos < len && (sql[pos] == ' ' || sql[pos] == '\t' || sql[pos] == '\n' ||
                             sql[pos] == '\r' || sql[pos] == '\f' || sql[pos] == '\v'))
            pos++;
        /* Only comments left: nothing more to run. */
        if (floe_cli_skip_insignificant(sql, len, pos) >= len)
            break;
        if (!c->interactive && floe_cli_interrupts)
            break;

        /* Echo is decided before running, from a guess at the statement's
         * end (the first ';' outside quotes and the comment after it). */
        size_t guess_end = floe_cli_adjust_end(sql, len, floe_cli_next_semicolon(sql, len, pos));
        floe_cli_hint guess;
        floe_cli_hint_parse(&guess, sql + pos, guess_end - pos);
        bool echo_possible = c->echo || guess.echo == 1;

        stmt_out so = {.c = c, .hold = echo_possible, .want_query_id = c->interactive};
        floe_exec_options opts = FLOE_EXEC_OPTIONS_INIT;
        opts.output = on_output;
        opts.output_ctx = &so;
        opts.input = on_input;
        opts.input_ctx = c;
        opts.default_format = c->format;
        opts.output_is_terminal = c->output_is_terminal;
        floe_exec_stats st;
        memset(&st, 0, sizeof st);
        size_t consumed = 0;
        c->input_read_this_statement = false;
        if (c->interactive)
            floe_cli_interrupts = 0; /* a Ctrl-C at the prompt is not this statement's */

        size_t out_start = c->out.len;
        double t0 = floe_clock_seconds();
        floe_cli_running = c->session;
        int erc = floe_exec(c->session, sql + pos, len - pos, &consumed, true, &opts, &st);
        floe_cli_running = NULL;
        double elapsed = floe_clock_seconds() - t0;

        if (c->out_failed) {
            /* stdout is gone (a closed pipe): stop quietly, like a shell tool. */
            rc = -1;
            c->exit_status = 1;
            break;
        }
        int code = 0;
        if (erc < 0) {
            code = floe_last_error_code();
            if (code == 0)
                code = 1;
            floe_last_error_format(formatted, 8192);
            floe_free(message);
            message = floe_strdup(floe_last_error_message());
        }
        if (consumed > len - pos)
            consumed = len - pos;
        /* Whitespace after the statement belongs to no one: the trailing
         * comment search starts right after the statement's last token. */
        while (consumed > 0 && (sql[pos + consumed - 1] == ' ' || sql[pos + consumed - 1] == '\t' ||
                                sql[pos + consumed - 1] == '\n' || sql[pos + consumed - 1] == '\r'))
            consumed--;
        size_t stmt_end;
        if (consumed > 0)
            stmt_end = floe_cli_adjust_end(sql, len, pos + consumed);
        else if (erc < 0 && c->ignore_error && !c->testmode)
            stmt_end = floe_cli_next_semicolon(sql, len, pos);
        else
            stmt_end = guess_end;
        if (stmt_end <= pos)
            stmt_end = len; /* never loop on the same text */

        const char *q = sql + pos;
        size_t qlen = stmt_end - pos;
        floe_cli_hint hint;
        floe_cli_hint_parse(&hint, q, qlen);
        if (hint.echo >= 0)
            c->echo = hint.echo == 1;
        bool echo_now = (hint.echo >= 0) ? hint.echo == 1 : c->echo;
        /* A statement that did not parse gets no query id (ClickHouse parses
         * before it makes one). */
        if (so.want_query_id && code != FLOE_ERR_SYNTAX_ERROR)
            append_query_id(&c->out);
        if (echo_now && !so.flushed) {
            /* Put the statement in front of its results. */
            floe_buf tail = FLOE_BUF_INIT;
            if (c->out.len > out_start)
                floe_buf_append(&tail, c->out.data + out_start, c->out.len - out_start);
            c->out.len = out_start;
            floe_buf_append(&c->out, q, qlen);
            floe_buf_putc(&c->out, '\n');
            floe_buf_append(&c->out, tail.data, tail.len);
            floe_buf_free(&tail);
        }

        /* Results go out before any complaint about them. */
        if (!c->interactive)
            floe_cli_flush(c);
        bool hint_ok = true;
        if (c->testmode && !c->interactive)
            hint_ok = check_hint(c, &hint, code, q, qlen);
        else
            hint_ok = code == 0;

        if (code == 0) {
            if (c->interactive) {
                if (!so.any)
                    floe_buf_puts(&c->out, "Ok.\n");
                print_summary(c, &st, elapsed, false);
            }
            floe_cli_flush(c);
        } else if (hint_ok) {
            floe_cli_flush(c); /* an expected error: nothing to say */
        } else {
            floe_cli_flush(c);
            if (report_error(c, code, formatted, message, &st, elapsed) < 0) {
                rc = -1;
                break;
            }
        }
        if (!c->interactive && c->print_time) {
            char t[64];
            int n = snprintf(t, sizeof t, "%.3f\n", elapsed);
            write_all(STDERR_FILENO, t, (size_t)n, NULL);
        }
        if (c->out_failed) {
            c->exit_status = 1;
            rc = -1;
            break;
        }
        pos = stmt_end;
    }
    floe_free(formatted);
    floe_free(message);
    return rc;
}

/* ---- command line ---- */

typedef struct setting_arg {
    const char *name; /* points into argv, not NUL-terminated at '=' */
    size_t name_len;
    const char *value;
} setting_arg;

typedef struct local_args {
    const char *path;
    bool has_path;
    const char *config_file;
    const char **queries;
    size_t nqueries, cap_queries;
    const char **files;
    size_t nfiles, cap_files;
    const char *format;
    const char *output_format;
    bool vertical;
    const char *database;
    bool ignore_error, testmode, echo, multiline, interactive, print_time;
    bool help, version;
    const char *prompt;
    const char *history_file;
    setting_arg *settings;
    size_t nsettings, cap_settings;
} local_args;

static const char local_usage[] =
    "usage: floe local [options] [query]\n"
    "\n"
    "Runs SQL over a floe data directory in this process, like clickhouse-local.\n"
    "Without --query or --queries-file, statements are read from stdin, or an\n"
    "interactive prompt starts when stdin is a terminal.\n"
    "\n"
    "Options:\n"
    "  --help                  print this help and exit\n"
    "  -V, --version           print the version and exit\n"
    "  --path DIR              data directory (created if needed); without it a\n"
    "                          temporary directory is used and removed at exit\n"
    "  -C, --config-file FILE  configuration (ClickHouse's XML: disks and storage\n"
    "                          policies under <storage_configuration>); --config too\n"
    "  -q, --query SQL         statements separated by ';' (can be repeated); stdin,\n"
    "                          if not a terminal, is then the data of INSERT ... FORMAT\n"
    "  --queries-file FILE     file with statements (can be repeated)\n"
    "  -d, --database DB       current database\n"
    "  -f, --format FORMAT     default output format\n"
    "  --output-format FORMAT  default output format (preferred over --format)\n"
    "  -E, --vertical          same as --format=Vertical\n"
    "  --ignore-error          do not stop at a failed statement\n"
    "  -T, --testmode          honour test hints -- { serverError X } / { clientError X }\n"
    "  --echo                  print each statement before its result\n"
    "  -t, --time              print each statement's execution time to stderr\n"
    "  -m, --multiline         interactive: a statement ends at ';', not at Enter\n"
    "  -n, --multiquery        obsolete, does nothing\n"
    "  --interactive           run the queries, then start the interactive prompt\n"
    "  --prompt TEXT           interactive prompt\n"
    "  --history_file FILE     interactive history (default ~/.floe-local-history)\n"
    "  --NAME=VALUE, --NAME VALUE\n"
    "                          any other long option sets the setting NAME\n";

static void push_str(const char ***arr, size_t *n, size_t *cap, const char *s)
{
    FLOE_GROW(*arr, *cap, *n + 1);
    (*arr)[(*n)++] = s;
}

static int bad_arguments(const char *fmt, const char *arg)
{
    fprintf(stderr, "Bad arguments: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    return FLOE_ERR_BAD_ARGUMENTS;
}

/* Long options of `floe local` that take a value, by name. */
static const char **long_value_slot(local_args *a, const char *name, size_t len, int *list)
{
    *list = 0;
#define OPT(str) (len == sizeof(str) - 1 && memcmp(name, str, len) == 0)
    if (OPT("query")) {
        *list = 1;
        return NULL;
    }
    if (OPT("queries-file")) {
        *list = 2;
        return NULL;
    }
    if (OPT("path")) {
        a->has_path = true;
        return &a->path;
    }
    if (OPT("config-file") || OPT("config"))
        return &a->config_file;
    if (OPT("format"))
        return &a->format;
    if (OPT("output-format"))
        return &a->output_format;
    if (OPT("database"))
        return &a->database;
    if (OPT("prompt"))
        return &a->prompt;
    if (OPT("history_file"))
        return &a->history_file;
#undef OPT
    return NULL;
}

/* clickhouse-local options with a value that only tune its display or
 * logging: accepted and ignored. */
static bool ignored_value_option(const char *name, size_t len)
{
    static const char *const names[] = {"log-level",
                                        "logger.level",
                                        "logger.log",
                                        "logger.console",
                                        "highlight",
                                        "hilite",
                                        "history_max_entries",
                                        "suggestion_limit",
                                        "memory-usage",
                                        "progress",
                                        "progress-table",
                                        "enable-progress-table-toggle",
                                        "server_logs_file",
                                        "query_id",
                                        "max_memory_usage_in_client"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
            return true;
    return false;
}

/* Flags without a value; returns false when name is not one. */
static bool long_flag(local_args *a, const char *name, size_t len)
{
#define OPT(str) (len == sizeof(str) - 1 && memcmp(name, str, len) == 0)
    if (OPT("help"))
        a->help = true;
    else if (OPT("version"))
        a->version = true;
    else if (OPT("ignore-error"))
        a->ignore_error = true;
    else if (OPT("testmode"))
        a->testmode = true;
    else if (OPT("echo") || OPT("verbose"))
        a->echo = true;
    else if (OPT("multiline"))
        a->multiline = true;
    else if (OPT("multiquery"))
        ;
    else if (OPT("vertical"))
        a->vertical = true;
    else if (OPT("time"))
        a->print_time = true;
    else if (OPT("interactive"))
        a->interactive = true;
    else if (OPT("stacktrace") || OPT("no-system-tables") || OPT("only-system-tables") ||
             OPT("disable_suggestion") || OPT("wait_for_suggestions_to_load") ||
             OPT("hardware-utilization") || OPT("print-profile-events") || OPT("processed-rows") ||
             OPT("progress") || OPT("progress-table"))
        ; /* clickhouse-local's display and start-up flags: nothing to do here */
    else
        return false;
#undef OPT
    return true;
}

/* Parses argv[first..argc). Returns 0, or an exit status after printing
 * ClickHouse's "Bad arguments: ..." line. */
static int parse_args(local_args *a, int argc, char **argv, int first)
{
    for (int i = first; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] == '-' && arg[1] == '-' && arg[2] != '\0') {
            const char *name = arg + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            if (!eq && long_flag(a, name, len))
                continue;
            if (ignored_value_option(name, len)) {
                if (!eq && i + 1 < argc && argv[i + 1][0] != '-')
                    i++;
                continue;
            }
            int list;
            const char **slot = long_value_slot(a, name, len, &list);
            const char *value = NULL;
            if (eq) {
                value = eq + 1;
            } else if (slot || list) {
                if (i + 1 >= argc)
                    return bad_arguments("the required argument for option '%s' is missing", arg);
                value = argv[++i];
            }
            if (list == 1) {
                push_str(&a->queries, &a->nqueries, &a->cap_queries, value);
            } else if (list == 2) {
                push_str(&a->files, &a->nfiles, &a->cap_files, value);
                /* --queries-file f1 f2 ...: following plain arguments too. */
                while (!eq && i + 1 < argc && argv[i + 1][0] != '-')
                    push_str(&a->files, &a->nfiles, &a->cap_files, argv[++i]);
            } else if (slot) {
                *slot = value;
            } else {
                /* Any other long option is a setting. */
                if (len == 0)
                    return bad_arguments("unrecognised option '%s'", arg);
                if (!eq) {
                    /* A setting followed by another option (or nothing) is a
                     * boolean switched on: --allow_x -q ... */
                    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
                    if (!next || (next[0] == '-' && next[1] != '\0' &&
                                  !isdigit((unsigned char)next[1]) && next[1] != '.'))
                        value = "1";
                    else
                        value = argv[++i];
                }
                FLOE_GROW(a->settings, a->cap_settings, a->nsettings + 1);
                a->settings[a->nsettings++] = (setting_arg){name, len, value};
            }
            continue;
        }
        if (arg[0] == '-' && arg[1] != '\0' && arg[1] != '-') {
            char opt = arg[1];
            const char *attached = arg[2] ? arg + 2 : NULL;
            const char **slot = NULL;
            int list = 0;
            switch (opt) {
            case 'q':
                list = 1;
                break;
            case 'd':
                slot = &a->database;
                break;
            case 'f':
                slot = &a->format;
                break;
            case 'C':
                slot = &a->config_file;
                break;
            case 'V':
                a->version = true;
                continue;
            case 'E':
                a->vertical = true;
                continue;
            case 'T':
                a->testmode = true;
                continue;
            case 't':
                a->print_time = true;
                continue;
            case 'm':
                a->multiline = true;
                continue;
            case 'n':
            case 'A':
                continue;
            case 'h':
                a->help = true;
                continue;
            default:
                return bad_arguments("unrecognised option '%s'", arg);
            }
            const char *value = attached;
            if (!value) {
                /* boost::program_options names the long form. */
                const char *long_name = opt == 'q'   ? "--query"
                                        : opt == 'd' ? "--database"
                                        : opt == 'C' ? "--config-file"
                                                     : "--format";
                if (i + 1 >= argc)
                    return bad_arguments("the required argument for option '%s' is missing",
                                         long_name);
                value = argv[++i];
            }
            if (list == 1)
                push_str(&a->queries, &a->nqueries, &a->cap_queries, value);
            else
                *slot = value;
            continue;
        }
        /* A positional argument is the query when --query is not given. */
        if (a->nqueries == 0) {
            push_str(&a->queries, &a->nqueries, &a->cap_queries, arg);
            continue;
        }
        return bad_arguments("positional option '%s' cannot be used together with --query", arg);
    }
    return 0;
}

static void free_args(local_args *a)
{
    floe_free(a->queries);
    floe_free(a->files);
    floe_free(a->settings);
}

/* Prints the error in the thread's slot and returns its exit status. */
static int fail_with_last_error(void)
{
    floe_cli_print_last_error();
    return floe_cli_exit_status(floe_last_error_code());
}

/* Reads all of stdin into *out (floe_free it). */
static int read_stdin(char **out, size_t *len)
{
    floe_buf b = FLOE_BUF_INIT;
    char chunk[65536];
    for (;;) {
        ssize_t r = read(STDIN_FILENO, chunk, sizeof chunk);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            floe_buf_free(&b);
            return floe_error(FLOE_ERR_CANNOT_READ_FROM_FILE_DESCRIPTOR,
                              "Cannot read from file (fd = 0), errno: %d, strerror: %s", errno,
                              strerror(errno));
        }
        if (r == 0)
            break;
        floe_buf_append(&b, chunk, (size_t)r);
    }
    if (!b.data)
        floe_buf_reserve(&b, 1);
    *out = floe_buf_detach(&b, len);
    return 0;
}

/* Runs `USE db` so that -d behaves as ClickHouse's default database. */
static int use_database(floe_cli *c, const char *db)
{
    floe_buf q = FLOE_BUF_INIT;
    floe_buf_puts(&q, "USE `");
    for (const char *p = db; *p; p++) {
        if (*p == '`' || *p == '\\')
            floe_buf_putc(&q, '\\');
        floe_buf_putc(&q, *p);
    }
    floe_buf_putc(&q, '`');
    size_t consumed = 0;
    floe_exec_options opts = FLOE_EXEC_OPTIONS_INIT;
    int rc = floe_exec(c->session, q.data, q.len, &consumed, false, &opts, NULL);
    floe_buf_free(&q);
    return rc;
}

/* ClickHouse picks the default output format from the name of the file
 * stdout is redirected to (FormatFactory::tryGetFormatFromFileName): the
 * extension is a format name or one of the registered extensions. NULL when
 * stdout is not a regular file or the extension says nothing. */
static const char *format_from_stdout_name(void)
{
    static const char *const formats[] = {"TabSeparated",
                                          "TSV",
                                          "TSVWithNames",
                                          "TSVWithNamesAndTypes",
                                          "CSV",
                                          "CSVWithNames",
                                          "JSON",
                                          "JSONEachRow",
                                          "JSONCompact",
                                          "JSONLines",
                                          "NDJSON",
                                          "Values",
                                          "Vertical",
                                          "Pretty",
                                          "PrettyCompact",
                                          "Markdown",
                                          "Native",
                                          "Parquet",
                                          "XML",
                                          "RawBLOB",
                                          "TabSeparatedWithNames"};
    struct stat sb;
    if (fstat(STDOUT_FILENO, &sb) != 0 || !S_ISREG(sb.st_mode))
        return NULL;
    char name[4096];
    ssize_t n = readlink("/proc/self/fd/1", name, sizeof name - 1);
    if (n <= 0)
        return NULL;
    name[n] = '\0';
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return NULL;
    const char *ext = dot + 1;
    if (strcasecmp(ext, "ndjson") == 0 || strcasecmp(ext, "jsonl") == 0)
        return "JSONEachRow";
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcasecmp(ext, formats[i]) == 0)
            return formats[i];
    return NULL;
}

/* The non-interactive part: -q texts, files, or stdin. */
static int run_batch(floe_cli *c, const local_args *a)
{
    for (size_t i = 0; i < a->nqueries; i++)
        if (floe_cli_run_text(c, a->queries[i], strlen(a->queries[i])) < 0)
            return -1;
    for (size_t i = 0; i < a->nfiles; i++) {
        char *text;
        size_t len;
        bool from_stdin = strcmp(a->files[i], "-") == 0;
        if (from_stdin ? read_stdin(&text, &len) < 0
                       : floe_read_file(&text, &len, a->files[i]) < 0) {
            c->exit_status = fail_with_last_error();
            return -1;
        }
        if (from_stdin)
            c->input_eof = true;
        int rc = floe_cli_run_text(c, text, len);
        floe_free(text);
        if (rc < 0)
            return -1;
    }
    if (a->nqueries == 0 && a->nfiles == 0) {
        char *text;
        size_t len;
        if (read_stdin(&text, &len) < 0) {
            c->exit_status = fail_with_last_error();
            return -1;
        }
        c->input_eof = true; /* the script was stdin: no INSERT data left */
        int rc = floe_cli_run_text(c, text, len);
        floe_free(text);
        if (rc < 0)
            return -1;
    }
    return 0;
}

int floe_cli_local_main(int argc, char **argv)
{
    local_args a;
    memset(&a, 0, sizeof a);
    floe_cli c;
    memset(&c, 0, sizeof c);
    int status = parse_args(&a, argc, argv, 0);
    if (status)
        goto done;
    if (a.help) {
        fputs(local_usage, stdout);
        goto done;
    }
    if (a.version) {
        printf("floe version %s\n", floe_version());
        goto done;
    }
    if (a.nqueries && a.nfiles) {
        floe_error(FLOE_ERR_BAD_ARGUMENTS,
                   "Options '--query' and '--queries-file' cannot be specified at the same time");
        status = fail_with_last_error();
        goto done;
    }
    if (a.has_path && a.path[strspn(a.path, " \t\n\r\f\v")] == '\0') {
        floe_error(FLOE_ERR_BAD_ARGUMENTS,
                   "Cannot work with empty storage path that is explicitly specified by the "
                   "--path option. Please check the program options and correct the --path");
        status = fail_with_last_error();
        goto done;
    }

    bool stdin_tty = isatty(STDIN_FILENO);
    bool has_queries = a.nqueries > 0 || a.nfiles > 0;
    bool interactive = stdin_tty && (a.interactive || !has_queries);
    bool delayed_interactive = interactive && a.interactive && has_queries;

    signal(SIGPIPE, SIG_IGN);
    floe_open_options oo = FLOE_OPEN_OPTIONS_INIT;
    oo.config_file = a.config_file;
    if (floe_open_with(&c.db, a.has_path ? a.path : NULL, &oo) < 0) {
        status = fail_with_last_error();
        goto done;
    }
    if (floe_session_new(&c.session, c.db) < 0) {
        status = fail_with_last_error();
        goto done;
    }
    for (size_t i = 0; i < a.nsettings; i++) {
        char *name = floe_strndup(a.settings[i].name, a.settings[i].name_len);
        int rc = floe_session_set(c.session, name, a.settings[i].value);
        floe_free(name);
        if (rc < 0) {
            status = fail_with_last_error();
            goto done;
        }
    }
    if (a.database && use_database(&c, a.database) < 0) {
        status = fail_with_last_error();
        goto done;
    }

    if (a.output_format)
        c.format = a.output_format;
    else if (a.format)
        c.format = a.format;
    else if (a.vertical)
        c.format = "Vertical";
    else if ((c.format = format_from_stdout_name()) != NULL)
        ;
    else if (interactive)
        c.format = "PrettyCompact";
    else
        c.format = NULL; /* TabSeparated */
    c.output_is_terminal = isatty(STDOUT_FILENO);
    c.testmode = a.testmode;
    c.print_time = a.print_time;
    floe_cli_install_sigint();

    if (!interactive || delayed_interactive) {
        c.interactive = false;
        c.ignore_error = a.ignore_error;
        c.echo = a.echo;
        if (run_batch(&c, &a) < 0 || !interactive) {
            status = c.exit_status;
            goto done;
        }
    }
    c.interactive = true;
    c.ignore_error = false;
    c.echo = false;
    repl_mode = 1;
    status = floe_cli_repl(&c, a.multiline, a.history_file, a.prompt);

done:
    if (status == 0 && c.hint_failed)
        status = 1;
    floe_cli_flush(&c);
    floe_buf_free(&c.out);
    if (c.session)
        floe_session_free(c.session);
    if (c.db) {
        closing = 1;
        floe_close(c.db);
    }
    free_args(&a);
    return status;
}
