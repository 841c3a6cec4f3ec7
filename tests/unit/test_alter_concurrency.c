// FLOE_UNIT_DEPS: base hash compress types sql expr exec formats parquet objstore storage catalog ops
/*
 * Column changes under concurrency: INSERTs running while ALTER ADD / DROP
 * COLUMN swap the table's definition lose no rows (the structure lock makes
 * the swap wait for running statements), also after a restart; a SELECT
 * running during the ALTERs never fails.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "floe.h"

typedef struct out_buf {
    char text[256];
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

/* Runs every statement of sql; returns the output of the last. */
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

typedef struct shared {
    floe_db *db;
    volatile int stop;
    int errors;
    long inserted;
    pthread_mutex_t mu;
} shared;

static void *inserter(void *arg)
{
    shared *sh = arg;
    floe_session *s;
    if (floe_session_new(&s, sh->db) < 0)
        return NULL;
    for (int i = 0; i < 40; i++) {
        int rc = run(s, "INSERT INTO t (k) SELECT number FROM numbers(1000)", NULL);
        pthread_mutex_lock(&sh->mu);
        if (rc < 0)
            sh->errors++;
        else
            sh->inserted += 1000;
        pthread_mutex_unlock(&sh->mu);
    }
    floe_session_free(s);
    return NULL;
}

static void *reader(void *arg)
{
    shared *sh = arg;
    floe_session *s;
    if (floe_session_new(&s, sh->db) < 0)
        return NULL;
    out_buf o;
    while (!sh->stop) {
        int rc = run(s, "SELECT count(), sum(k) >= 0 FROM t", &o);
        if (rc < 0) {
            pthread_mutex_lock(&sh->mu);
            sh->errors++;
            pthread_mutex_unlock(&sh->mu);
        }
    }
    floe_session_free(s);
    return NULL;
}

static char *tmp_dir(void)
{
    char templ[] = "/tmp/floe-altercc.XXXXXX";
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

static void test_inserts_during_column_changes(void **state)
{
    (void)state;
    char *dir = tmp_dir();
    shared sh = {0};
    pthread_mutex_init(&sh.mu, NULL);
    assert_int_equal(floe_open(&sh.db, dir), 0);
    floe_session *s;
    assert_int_equal(floe_session_new(&s, sh.db), 0);
    assert_int_equal(run(s, "CREATE TABLE t (k UInt64) ENGINE = MergeTree ORDER BY k", NULL), 0);
    pthread_t ins[2], rd;
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&ins[i], NULL, inserter, &sh), 0);
    assert_int_equal(pthread_create(&rd, NULL, reader, &sh), 0);
    int failed = 0;
    for (int i = 0; i < 30 && !failed; i++)
        failed = run(s,
                     i % 2 ? "ALTER TABLE t DROP COLUMN c"
                           : "ALTER TABLE t ADD COLUMN c UInt8 DEFAULT 7",
                     NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(ins[i], NULL);
    sh.stop = 1;
    pthread_join(rd, NULL);
    assert_int_equal(failed, 0);
    assert_int_equal(sh.errors, 0);
    assert_int_equal(sh.inserted, 80000);
    out_buf o;
    assert_int_equal(run(s, "SELECT count() FROM t", &o), 0);
    assert_string_equal(o.text, "80000\n");
    floe_session_free(s);
    floe_close(sh.db);
    /* and after a restart */
    assert_int_equal(floe_open(&sh.db, dir), 0);
    assert_int_equal(floe_session_new(&s, sh.db), 0);
    assert_int_equal(run(s, "SELECT count() FROM t", &o), 0);
    assert_string_equal(o.text, "80000\n");
    floe_session_free(s);
    floe_close(sh.db);
    pthread_mutex_destroy(&sh.mu);
    remove_dir(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inserts_during_column_changes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
