// FLOE_UNIT_DEPS: base hash compress types sql expr exec formats parquet objstore storage catalog ops
/*
 * Partition operations under concurrency: REPLACE PARTITION swaps a
 * partition's part set in one step, so readers counting rows while it runs
 * in a loop see the old set or the new one, never a mix; DETACH/ATTACH
 * racing with readers never fails a reader; FREEZE waits for the query
 * running when it starts.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "floe.h"
#include "session_util.h"

typedef struct shared {
    floe_db *db;
    volatile int stop;
    int bad;    /* counts seen that are no whole set */
    int errors; /* failed reader statements */
    long reads;
    const long *allowed;
    size_t n_allowed;
    pthread_mutex_t mu;
} shared;

static void *reader(void *arg)
{
    shared *sh = arg;
    floe_session *s;
    if (floe_session_new(&s, sh->db) < 0)
        return NULL;
    out_buf o;
    while (!sh->stop) {
        int rc = run(s, "SELECT count() FROM dst WHERE p = 1", &o);
        long n = rc == 0 ? strtol(o.text, NULL, 10) : -1;
        bool ok = false;
        for (size_t i = 0; i < sh->n_allowed; i++)
            ok |= n == sh->allowed[i];
        pthread_mutex_lock(&sh->mu);
        sh->reads++;
        if (rc < 0)
            sh->errors++;
        else if (!ok) {
            sh->bad++;
            fprintf(stderr, "reader saw %ld rows\n", n);
        }
        pthread_mutex_unlock(&sh->mu);
    }
    floe_session_free(s);
    return NULL;
}

static void test_replace_is_atomic(void **state)
{
    (void)state;
    char *dir = tmp_dir("floe-partops");
    shared sh = {0};
    pthread_mutex_init(&sh.mu, NULL);
    assert_int_equal(floe_open(&sh.db, dir), 0);
    floe_session *s;
    assert_int_equal(floe_session_new(&s, sh.db), 0);
    /* three sets of partition 1, each of several parts, with distinct sums */
    assert_int_equal(
        run(s,
            "CREATE TABLE dst (p UInt8, x UInt64) ENGINE = MergeTree PARTITION BY p ORDER BY x;"
            "CREATE TABLE a (p UInt8, x UInt64) ENGINE = MergeTree PARTITION BY p ORDER BY x;"
            "CREATE TABLE b (p UInt8, x UInt64) ENGINE = MergeTree PARTITION BY p ORDER BY x;"
            "SYSTEM STOP MERGES;"
            "INSERT INTO dst SELECT 1, number FROM numbers(2);"
            "INSERT INTO dst SELECT 1, number FROM numbers(3);"
            "INSERT INTO dst SELECT 2, number FROM numbers(100);"
            "INSERT INTO a SELECT 1, number FROM numbers(4);"
            "INSERT INTO a SELECT 1, number FROM numbers(6);"
            "INSERT INTO a SELECT 1, number FROM numbers(7);"
            "INSERT INTO b SELECT 1, number FROM numbers(8);"
            "INSERT INTO b SELECT 1, number FROM numbers(12);",
            NULL),
        0);
    static const long allowed[] = {5, 17, 20};
    sh.allowed = allowed;
    sh.n_allowed = 3;
    pthread_t th[3];
    for (int i = 0; i < 3; i++)
        assert_int_equal(pthread_create(&th[i], NULL, reader, &sh), 0);
    int failed = 0;
    for (int i = 0; i < 150 && !failed; i++)
        failed = run(s,
                     i % 2 ? "ALTER TABLE dst REPLACE PARTITION 1 FROM b"
                           : "ALTER TABLE dst REPLACE PARTITION 1 FROM a",
                     NULL);
    sh.stop = 1;
    for (int i = 0; i < 3; i++)
        pthread_join(th[i], NULL);
    assert_int_equal(failed, 0);
    assert_int_equal(sh.errors, 0);
    assert_int_equal(sh.bad, 0);
    assert_true(sh.reads > 0);
    out_buf o;
    assert_int_equal(run(s, "SELECT count() FROM dst", &o), 0);
    assert_string_equal(o.text, "120\n"); /* b's 20 rows and partition 2's 100 */
    assert_int_equal(run(s, "SELECT count() FROM a", &o), 0);
    assert_string_equal(o.text, "17\n");
    floe_session_free(s);
    floe_close(sh.db);
    pthread_mutex_destroy(&sh.mu);
    remove_dir(dir);
    free(dir);
}

/* DETACH and ATTACH in a loop: a reader sees the whole partition or none. */
static void test_detach_attach_with_readers(void **state)
{
    (void)state;
    char *dir = tmp_dir("floe-partops");
    shared sh = {0};
    pthread_mutex_init(&sh.mu, NULL);
    assert_int_equal(floe_open(&sh.db, dir), 0);
    floe_session *s;
    assert_int_equal(floe_session_new(&s, sh.db), 0);
    assert_int_equal(
        run(s,
            "CREATE TABLE dst (p UInt8, x UInt64) ENGINE = MergeTree PARTITION BY p ORDER BY x;"
            "SYSTEM STOP MERGES;"
            "INSERT INTO dst SELECT 1, number FROM numbers(1000);",
            NULL),
        0);
    static const long allowed[] = {0, 1000};
    sh.allowed = allowed;
    sh.n_allowed = 2;
    pthread_t th[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&th[i], NULL, reader, &sh), 0);
    int failed = 0;
    for (int i = 0; i < 100 && !failed; i++)
        failed = run(
            s, i % 2 ? "ALTER TABLE dst ATTACH PARTITION 1" : "ALTER TABLE dst DETACH PARTITION 1",
            NULL);
    sh.stop = 1;
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    assert_int_equal(failed, 0);
    assert_int_equal(sh.errors, 0);
    assert_int_equal(sh.bad, 0);
    out_buf o;
    assert_int_equal(run(s, "SELECT count(), sum(x) FROM dst", &o), 0);
    assert_string_equal(o.text, "1000\t499500\n");
    assert_int_equal(run(s, "SELECT count() FROM system.detached_parts", &o), 0);
    assert_string_equal(o.text, "0\n");
    floe_session_free(s);
    floe_close(sh.db);
    pthread_mutex_destroy(&sh.mu);
    remove_dir(dir);
    free(dir);
}

typedef struct slow_query {
    floe_db *db;
    double ended;
    int rc;
} slow_query;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *run_slow(void *arg)
{
    slow_query *q = arg;
    floe_session *s;
    q->rc = -1;
    if (floe_session_new(&s, q->db) < 0)
        return NULL;
    q->rc = run(s, "SELECT sleep(1), count() FROM dst", NULL);
    q->ended = now_s();
    floe_session_free(s);
    return NULL;
}

static void test_freeze_waits_for_queries(void **state)
{
    (void)state;
    char *dir = tmp_dir("floe-partops");
    slow_query q = {0};
    assert_int_equal(floe_open(&q.db, dir), 0);
    floe_session *s;
    assert_int_equal(floe_session_new(&s, q.db), 0);
    assert_int_equal(run(s,
                         "CREATE TABLE dst (p UInt8, x UInt64) ENGINE = MergeTree PARTITION BY p "
                         "ORDER BY x;"
                         "INSERT INTO dst SELECT 1, number FROM numbers(10);",
                         NULL),
                     0);
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, run_slow, &q), 0);
    struct timespec pause = {0, 300 * 1000 * 1000};
    nanosleep(&pause, NULL); /* the query is running */
    assert_int_equal(run(s, "ALTER TABLE dst FREEZE WITH NAME 'w'", NULL), 0);
    double frozen = now_s();
    pthread_join(th, NULL);
    assert_int_equal(q.rc, 0);
    assert_true(q.ended > 0 && frozen >= q.ended);
    floe_session_free(s);
    floe_close(q.db);
    remove_dir(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replace_is_atomic),
        cmocka_unit_test(test_detach_attach_with_readers),
        cmocka_unit_test(test_freeze_waits_for_queries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
