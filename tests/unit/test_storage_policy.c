// FLOE_UNIT_DEPS: base hash compress types sql expr exec formats parquet objstore storage catalog ops
/*
 * Storage policies through the library: the configuration given as text in
 * floe_open_options (and its errors), and MOVE PART|PARTITION TO DISK
 * running in a loop between two disks while readers count rows and merges
 * run: a reader sees every row every time (the swap is one step), and the
 * table ends with every part on one disk and nothing left on the other.
 */
#include <dirent.h>
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
#include "catalog/storage_config.h"
#include "base/error.h"

static char *config_text(const char *dir)
{
    char *xml = malloc(4096);
    snprintf(xml, 4096,
             "<clickhouse><storage_configuration><disks>"
             "<fast><path>%s/fast/</path></fast><slow><path>%s/slow/</path></slow>"
             "</disks><policies><two><volumes><a><disk>fast</disk></a><b><disk>slow</disk></b>"
             "</volumes></two></policies></storage_configuration></clickhouse>",
             dir, dir);
    return xml;
}

static void test_config_errors(void **state)
{
    (void)state;
    char *dir = tmp_dir("floe-policy-unit");
    floe_storage_config *c = NULL;
    static const struct {
        const char *xml;
        const char *error;
    } bad[] = {
        {"<clickhouse><storage_configuration><disks><x><path>/tmp/x</path></x></disks>"
         "</storage_configuration></clickhouse>",
         "UNKNOWN_ELEMENT_IN_CONFIG"},
        {"<clickhouse><storage_configuration><policies><p><volumes><v><disk>nodisk</disk></v>"
         "</volumes></p></policies></storage_configuration></clickhouse>",
         "UNKNOWN_DISK"},
        {"<clickhouse><storage_configuration><policies><p><volumes/></p></policies>"
         "</storage_configuration></clickhouse>",
         "NO_ELEMENTS_IN_CONFIG"},
        {"<clickhouse><storage_configuration><policies><p><volumes><v/></volumes></p></policies>"
         "</storage_configuration></clickhouse>",
         "NO_ELEMENTS_IN_CONFIG"},
        {"<clickhouse><storage_configuration><disks><x><path>relative/</path></x></disks>"
         "</storage_configuration></clickhouse>",
         "UNKNOWN_ELEMENT_IN_CONFIG"},
        {"<clickhouse>", "BAD_ARGUMENTS"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(floe_storage_config_parse(&c, bad[i].xml, strlen(bad[i].xml), dir, "test"),
                         -1);
        assert_string_equal(floe_last_error_name(), bad[i].error);
    }
    /* nothing but unknown elements: the default disk and policy */
    const char *other = "<clickhouse><logger><level>debug</level></logger></clickhouse>";
    assert_int_equal(floe_storage_config_parse(&c, other, strlen(other), dir, "test"), 0);
    assert_int_equal(c->n_disks, 1);
    assert_int_equal(c->n_policies, 1);
    assert_string_equal(c->policies[0]->volumes[0]->disks[0]->name, "default");
    floe_storage_config_free(c);
    /* a disk without a path: <path>/disks/<name>/, as in ClickHouse */
    const char *nopath = "<clickhouse><storage_configuration><disks><z/></disks>"
                         "</storage_configuration></clickhouse>";
    assert_int_equal(floe_storage_config_parse(&c, nopath, strlen(nopath), dir, "test"), 0);
    char want[512];
    snprintf(want, sizeof want, "%s/disks/z/", dir);
    assert_string_equal(c->disks[1]->path, want);
    floe_storage_config_free(c);

    floe_db *db = NULL;
    floe_open_options oo = FLOE_OPEN_OPTIONS_INIT;
    oo.config_xml = bad[1].xml;
    assert_int_equal(floe_open_with(&db, dir, &oo), -1);
    assert_string_equal(floe_last_error_name(), "UNKNOWN_DISK");
    remove_dir(dir);
    free(dir);
}

typedef struct shared {
    floe_db *db;
    volatile int stop;
    int bad, errors;
    long reads;
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
        int rc = run(s, "SELECT count(), sum(x) FROM t", &o);
        pthread_mutex_lock(&sh->mu);
        sh->reads++;
        if (rc < 0) {
            char err[1024];
            floe_last_error_format(err, sizeof err);
            fprintf(stderr, "reader: %s\n", err);
            sh->errors++;
        } else if (strcmp(o.text, "4000\t7998000\n") != 0) {
            fprintf(stderr, "reader saw %s", o.text);
            sh->bad++;
        }
        pthread_mutex_unlock(&sh->mu);
    }
    floe_session_free(s);
    return NULL;
}

static int count_entries(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strncmp(e->d_name, "all_", 4) == 0;
    closedir(d);
    return n;
}

static void test_moves_with_readers(void **state)
{
    (void)state;
    char *dir = tmp_dir("floe-policy-unit");
    char *xml = config_text(dir);
    shared sh = {0};
    pthread_mutex_init(&sh.mu, NULL);
    floe_open_options oo = FLOE_OPEN_OPTIONS_INIT;
    oo.config_xml = xml;
    char data[512];
    snprintf(data, sizeof data, "%s/data", dir);
    assert_int_equal(floe_open_with(&sh.db, data, &oo), 0);
    floe_session *s;
    assert_int_equal(floe_session_new(&s, sh.db), 0);
    out_buf o;
    assert_int_equal(run(s,
                         "SELECT policy_name, volume_name, disks FROM system.storage_policies "
                         "WHERE policy_name = 'two'",
                         &o),
                     0);
    assert_string_equal(o.text, "two\ta\t['fast']\ntwo\tb\t['slow']\n");
    assert_int_equal(run(s,
                         "CREATE TABLE t (x UInt64) ENGINE = MergeTree ORDER BY x "
                         "SETTINGS storage_policy = 'two', old_parts_lifetime = 0;"
                         "INSERT INTO t SELECT number FROM numbers(1000);"
                         "INSERT INTO t SELECT number + 1000 FROM numbers(1000);"
                         "INSERT INTO t SELECT number + 2000 FROM numbers(1000);"
                         "INSERT INTO t SELECT number + 3000 FROM numbers(1000);",
                         NULL),
                     0);
    pthread_t th[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&th[i], NULL, reader, &sh);
    int failed = 0;
    for (int i = 0; i < 60 && !failed; i++) {
        const char *sql = i % 2 ? "ALTER TABLE t MOVE PARTITION tuple() TO DISK 'fast'"
                                : "ALTER TABLE t MOVE PARTITION tuple() TO VOLUME 'b'";
        /* a merge may have made every part one already there */
        if (run(s, sql, NULL) < 0 && strcmp(floe_last_error_name(), "UNKNOWN_DISK") != 0) {
            char err[1024];
            floe_last_error_format(err, sizeof err);
            fprintf(stderr, "move: %s\n", err);
            failed = 1;
        }
        if (i == 20)
            run(s, "OPTIMIZE TABLE t FINAL", NULL);
    }
    sh.stop = 1;
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    assert_int_equal(failed, 0);
    assert_int_equal(sh.errors, 0);
    assert_int_equal(sh.bad, 0);
    assert_true(sh.reads > 0);
    run(s, "ALTER TABLE t MOVE PARTITION tuple() TO DISK 'slow'", NULL);
    assert_int_equal(run(s,
                         "SELECT DISTINCT disk_name FROM system.parts WHERE table = 't' AND "
                         "active",
                         &o),
                     0);
    assert_string_equal(o.text, "slow\n");
    floe_session_free(s);
    floe_close(sh.db);
    /* every old copy is gone from the other disk once nobody reads it */
    char path[600];
    snprintf(path, sizeof path, "%s/fast/data/default/t", dir);
    assert_int_equal(count_entries(path), 0);
    snprintf(path, sizeof path, "%s/slow/data/default/t", dir);
    assert_true(count_entries(path) >= 1);
    /* a reopen finds the parts on the slow disk */
    assert_int_equal(floe_open_with(&sh.db, data, &oo), 0);
    assert_int_equal(floe_session_new(&s, sh.db), 0);
    assert_int_equal(run(s, "SELECT count(), sum(x), min(_part) != '' FROM t", &o), 0);
    assert_string_equal(o.text, "4000\t7998000\t1\n");
    floe_session_free(s);
    floe_close(sh.db);
    pthread_mutex_destroy(&sh.mu);
    remove_dir(dir);
    free(xml);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_errors),
        cmocka_unit_test(test_moves_with_readers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
