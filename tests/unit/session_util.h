/*
 * Helpers for unit tests that drive floe through floe.h sessions: run a
 * script and keep the last statement's output, and make and remove a
 * scratch data directory. Include after <cmocka.h> and "floe.h".
 */
#ifndef FLOE_TESTS_SESSION_UTIL_H
#define FLOE_TESTS_SESSION_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct out_buf {
    char text[512];
    size_t len;
} out_buf;

static int collect(void *ctx, const void *data, size_t len)
{
    out_buf *o = ctx;
    if (o->len + len >= sizeof o->text)
        len = sizeof o->text - 1 - o->len;
    memcpy(o->text + o->len, data, len);
    o->len += len;
    o->text[o->len] = '\0';
    return 0;
}

/* Runs every statement of sql (printing the error of one that fails);
 * out (may be NULL) gets the output of the last. */
static int run(floe_session *s, const char *sql, out_buf *out)
{
    floe_exec_options opts = FLOE_EXEC_OPTIONS_INIT;
    out_buf local;
    if (!out)
        out = &local;
    out->len = 0;
    out->text[0] = '\0';
    opts.output = collect;
    opts.output_ctx = out;
    size_t len = strlen(sql), pos = 0;
    while (pos < len) {
        size_t used = 0;
        out->len = 0;
        out->text[0] = '\0';
        if (floe_exec(s, sql + pos, len - pos, &used, true, &opts, NULL) < 0) {
            char err[1024];
            floe_last_error_format(err, sizeof err);
            fprintf(stderr, "%s\n  in: %.*s\n", err, (int)(len - pos), sql + pos);
            return -1;
        }
        if (used == 0)
            break;
        pos += used;
    }
    return 0;
}

/* A new directory /tmp/<prefix>.XXXXXX (the caller frees the name). */
static char *tmp_dir(const char *prefix)
{
    char templ[256];
    snprintf(templ, sizeof templ, "/tmp/%s.XXXXXX", prefix);
    char *d = mkdtemp(templ);
    assert_non_null(d);
    return strdup(d);
}

static void remove_dir(const char *d)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
    assert_int_equal(system(cmd), 0);
}

#endif
