/*
 * The interactive prompt of `floe local`, on libedit: reads statements the
 * way clickhouse-local's LineReader does (Enter sends; a trailing '\' or an
 * open quote continues; with --multiline only ';' or '\G' ends the input),
 * keeps history in ~/.floe-local-history, and lets Ctrl-C cancel the running
 * statement or drop the line being typed.
 */
#include <errno.h>
#include <histedit.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "base/mem.h"

static char *current_prompt;

static char *prompt_fn(EditLine *el)
{
    (void)el;
    return current_prompt;
}

/* More typed or pasted input is already waiting (ClickHouse's
 * hasInputData): keep collecting lines before running anything. */
static bool has_input_data(void)
{
    struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN);
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

static void rtrim(floe_buf *b)
{
    while (b->len > 0 && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\t' ||
                          b->data[b->len - 1] == '\n' || b->data[b->len - 1] == '\r'))
        b->len--;
    if (b->data)
        b->data[b->len] = '\0';
}

/* ClickHouse's exit words, compared after trimming spaces and ';'. */
static bool is_exit(const char *s, size_t len)
{
    while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == ';')) {
        s++;
        len--;
    }
    while (len > 0 &&
           (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == ';'))
        len--;
    static const char *const words[] = {"exit", "quit", "logout", "q", "Q", "\\q"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == len && memcmp(words[i], s, len) == 0)
            return true;
    return false;
}

/* Replaces a leading \l, \d or \c by the statement it stands for. */
static void expand_alias(floe_buf *input)
{
    static const struct {
        const char *alias, *command;
    } aliases[] = {{"\\l", "SHOW DATABASES"}, {"\\d", "SHOW TABLES"}, {"\\c", "USE"}};
    size_t start = 0;
    while (start < input->len && (input->data[start] == ' ' || input->data[start] == '\t'))
        start++;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        size_t n = strlen(aliases[i].alias);
        if (input->len - start < n || memcmp(input->data + start, aliases[i].alias, n) != 0)
            continue;
        size_t after = start + n;
        if (after < input->len && input->data[after] != ' ' && input->data[after] != '\t' &&
            input->data[after] != '\n')
            continue;
        floe_buf out = FLOE_BUF_INIT;
        floe_buf_puts(&out, aliases[i].command);
        floe_buf_append(&out, input->data + after, input->len - after);
        floe_buf_free(input);
        *input = out;
        return;
    }
}

/* Reads one input (one or more lines) into *out. Returns 1 with input, 0 at
 * end of input (Ctrl-D on an empty line). */
static int read_input(EditLine *el, floe_buf *out, bool multiline, char *first_prompt)
{
    static char second_prompt[] = ":-] ";
    floe_buf_clear(out);
    bool need_next = false;
    for (;;) {
        current_prompt = need_next ? second_prompt : first_prompt;
        int count = 0;
        errno = 0;
        const char *line = el_gets(el, &count);
        if (!line) {
            if (count == -1 && errno == EINTR) {
                /* Ctrl-C at the prompt: drop what was typed. */
                fputc('\n', stdout);
                fflush(stdout);
                floe_buf_clear(out);
                need_next = false;
                floe_cli_interrupts = 0;
                continue;
            }
            fputc('\n', stdout);
            return out->len > 0;
        }
        floe_buf in = FLOE_BUF_INIT;
        floe_buf_puts(&in, line);
        rtrim(&in);
        if (in.len == 0) {
            floe_buf_free(&in);
            if (out->len > 0 && !multiline && !has_input_data() &&
                !floe_cli_is_open(out->data, out->len))
                return 1;
            if (out->len > 0)
                floe_buf_putc(out, '\n'); /* keep blank lines inside open quotes */
            continue;
        }
        bool extender = ends_with(in.data, in.len, "\\");
        bool delimiter = ends_with(in.data, in.len, ";") || ends_with(in.data, in.len, "\\G");
        if (extender) {
            in.len--;
            rtrim(&in);
        }
        if (out->len > 0)
            floe_buf_putc(out, '\n');
        floe_buf_append(out, in.data ? in.data : "", in.len);
        floe_buf_free(&in);
        bool open = floe_cli_is_open(out->data, out->len);
        need_next = extender || open || (multiline && !delimiter) || has_input_data();
        if (!need_next)
            return 1;
    }
}

static char *default_history_path(void)
{
    const char *home = getenv("HOME");
    if (!home || !*home)
        return NULL;
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_printf(&b, "%s/.floe-local-history", home);
    size_t len;
    return floe_buf_detach(&b, &len);
}

int floe_cli_repl(floe_cli *c, bool multiline, const char *history_file, const char *prompt)
{
    char *history_path = history_file ? floe_strdup(history_file) : default_history_path();
    floe_buf prompt_buf = FLOE_BUF_INIT;
    /* ClickHouse's appendSmileyIfNeeded. */
    if (!prompt || !*prompt)
        floe_buf_puts(&prompt_buf, "floe :) ");
    else if (ends_with(prompt, strlen(prompt), ":) "))
        floe_buf_puts(&prompt_buf, prompt);
    else
        floe_buf_printf(&prompt_buf, "%s :) ", prompt);

    printf("floe local version %s.\n\n", floe_version());
    fflush(stdout);

    HistEvent ev;
    History *hist = history_init();
    history(hist, &ev, H_SETSIZE, 1000000);
    if (history_path) {
        FILE *f = fopen(history_path, "a"); /* create it, as ClickHouse does */
        if (f)
            fclose(f);
        history(hist, &ev, H_LOAD, history_path);
    }
    EditLine *el = el_init("floe", stdin, stdout, stderr);
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_PROMPT, prompt_fn);
    el_set(el, EL_HIST, history, hist);
    el_set(el, EL_SIGNAL, 0);
    el_source(el, NULL);

    const char *base_format = c->format;
    floe_buf input = FLOE_BUF_INIT;
    floe_buf last = FLOE_BUF_INIT;
    floe_buf prev_history = FLOE_BUF_INIT;
    while (read_input(el, &input, multiline, prompt_buf.data)) {
        if (input.len == 0)
            continue;
        if (input.data[0] != ' ' &&
            (prev_history.len != input.len || memcmp(prev_history.data, input.data, input.len))) {
            history(hist, &ev, H_ENTER, input.data);
            if (history_path)
                history(hist, &ev, H_SAVE, history_path);
            floe_buf_clear(&prev_history);
            floe_buf_append(&prev_history, input.data, input.len);
        }
        if (is_exit(input.data, input.len))
            break;
        /* "." and "/" repeat the last input. */
        if ((input.len == 1 && (input.data[0] == '.' || input.data[0] == '/')) && last.len) {
            floe_buf_clear(&input);
            floe_buf_append(&input, last.data, last.len);
        }
        floe_buf_clear(&last);
        floe_buf_append(&last, input.data, input.len);

        c->format = base_format;
        if (ends_with(input.data, input.len, "\\G")) {
            input.len -= 2;
            c->format = "Vertical";
        } else if (ends_with(input.data, input.len, "\\G;")) {
            input.len -= 3;
            c->format = "Vertical";
        }
        if (input.data)
            input.data[input.len] = '\0';
        expand_alias(&input);
        floe_cli_run_text(c, input.data ? input.data : "", input.len);
        c->format = base_format;
    }
    printf("Bye.\n");
    fflush(stdout);

    el_end(el);
    history_end(hist);
    floe_buf_free(&input);
    floe_buf_free(&last);
    floe_buf_free(&prev_history);
    floe_buf_free(&prompt_buf);
    floe_free(history_path);
    return 0;
}
