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
#include "session_util.h"

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

static void test_inserts_during_column_changes(void **state)
{
    (void)state;
    char *dir = tmp_dir("floe-altercc");
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
