// FLOE_UNIT_DEPS: base hash compress types sql expr exec formats parquet objstore storage catalog
/*
 * The lake engines' shared pieces that need no peer: the EXPORT
 * destination of S3, AzureBlobStorage and File tables
 * (floe_lake_resolve_destination), secrets masked in engine clauses as
 * ClickHouse masks them (expected texts from chref's SHOW CREATE TABLE), and
 * named collections on disk (create, alter, drop, lookup, masked query,
 * ClickHouse's error codes and messages).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/error.h"
#include "base/fs.h"
#include "base/mem.h"
#include "catalog/named_collections.h"
#include "sql/parser.h"
#include "storage/lake/lake_common.h"

static char dir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/floe-lake-unit-XXXXXX");
    assert_non_null(mkdtemp(dir));
    floe_lake_set_collection_lookup(floe_named_collection_kv);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    floe_fs_remove_tree(dir);
    return 0;
}

static floe_ast *parse(floe_arena *a, const char *sql)
{
    floe_ast *stmt = NULL;
    size_t used = 0;
    floe_parse_options po = FLOE_PARSE_OPTIONS_INIT;
    assert_int_equal(floe_sql_parse(&stmt, &used, a, sql, strlen(sql), &po), 0);
    assert_non_null(stmt);
    return stmt;
}

/* Creates the table of a CREATE TABLE statement in DIR/data/default/<name>. */
static int make_table(floe_table **t, floe_arena *a, const char *sql)
{
    floe_ast *c = parse(a, sql);
    c->u.create_table.db = "default";
    char dd[512];
    snprintf(dd, sizeof dd, "%s/data/default/%s", dir, c->u.create_table.name);
    return floe_table_create(t, c, "default", dd);
}

static void test_destination_s3(void **state)
{
    (void)state;
    floe_arena a = FLOE_ARENA_INIT;
    floe_table *t;
    assert_int_equal(make_table(&t, &a,
                                "CREATE TABLE d (a Int32, k UInt8) ENGINE = "
                                "S3('http://127.0.0.1:9/bkt/root/', 'AK', 'SK', 'Parquet') "
                                "PARTITION BY k"),
                     0);
    floe_lake_destination d;
    assert_int_equal(floe_lake_resolve_destination(&d, t), 0);
    assert_int_equal(floe_objstore_kind_of(d.store), FLOE_OBJSTORE_S3);
    assert_string_equal(floe_objstore_describe(d.store), "http://127.0.0.1:9/bkt/root/");
    assert_string_equal(d.root, "");
    assert_string_equal(d.format, "Parquet");
    assert_int_equal(d.strategy, FLOE_LAKE_PARTITION_HIVE);
    assert_false(d.partition_columns_in_data_file);
    floe_lake_destination_free(&d);
    floe_table_unref(t);

    assert_int_equal(make_table(&t, &a,
                                "CREATE TABLE d2 (a Int32, k UInt8) ENGINE = "
                                "S3('http://127.0.0.1:9/bkt/r2', NOSIGN, 'Parquet', 'none', "
                                "'hive', 1) PARTITION BY k"),
                     0);
    assert_int_equal(floe_lake_resolve_destination(&d, t), 0);
    assert_string_equal(floe_objstore_describe(d.store), "http://127.0.0.1:9/bkt/r2/");
    assert_true(d.partition_columns_in_data_file);
    floe_lake_destination_free(&d);
    floe_table_unref(t);

    /* key = value arguments */
    assert_int_equal(make_table(&t, &a,
                                "CREATE TABLE d3 (a Int32, k UInt8) ENGINE = "
                                "S3('http://127.0.0.1:9/bkt/r3', format = Parquet, "
                                "partition_strategy = 'hive', partition_columns_in_data_file = 1) "
                                "PARTITION BY k"),
                     0);
    assert_int_equal(floe_lake_resolve_destination(&d, t), 0);
    assert_string_equal(floe_objstore_describe(d.store), "http://127.0.0.1:9/bkt/r3/");
    assert_true(d.partition_columns_in_data_file);
    floe_lake_destination_free(&d);
    floe_table_unref(t);

    /* no PARTITION BY: files go to the directory of the path */
    assert_int_equal(make_table(&t, &a,
                                "CREATE TABLE d4 (a Int32) ENGINE = "
                                "S3('http://127.0.0.1:9/bkt/x.parquet', 'Parquet')"),
                     0);
    assert_int_equal(floe_lake_resolve_destination(&d, t), 0);
    assert_string_equal(floe_objstore_describe(d.store), "http://127.0.0.1:9/bkt/");
    assert_int_equal(d.strategy, FLOE_LAKE_PARTITION_NONE);
    floe_lake_destination_free(&d);
    floe_table_unref(t);

    /* the wildcard strategy is no export destination */
    assert_int_equal(make_table(&t, &a,
                                "CREATE TABLE d5 (a Int32, k UInt8) ENGINE = "
                                "S3('http://127.0.0.1:9/bkt/w/{_partition_id}.csv', 'CSV', "
                                "'none', 'wildcard') PARTITION BY k"),
                     0);
    assert_int_equal(floe_lake_resolve_destination(&d, t), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NOT_IMPLEMENTED);
    floe_table_unref(t);
    floe_arena_free(&a);
}

static void test_destination_azure_and_file(void **state)
{
    (void)state;
    floe_arena a = FLOE_ARENA_INIT;
    floe_table *t;
    assert_int_equal(make_table(&t, &a,
                                "CREATE TABLE az (a Int32, k UInt8) ENGINE = AzureBlobStorage("
                                "'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                                "AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;'"
                                ", 'cont', 'exp/', 'Parquet') PARTITION BY k"),
                     0);
    floe_lake_destination d;
    assert_int_equal(floe_lake_resolve_destination(&d, t), 0);
    assert_int_equal(floe_objstore_kind_of(d.store), FLOE_OBJSTORE_AZURE);
    assert_string_equal(floe_objstore_describe(d.store),
                        "http://127.0.0.1:9/devstoreaccount1/cont/exp/");
    assert_int_equal(d.strategy, FLOE_LAKE_PARTITION_HIVE);
    floe_lake_destination_free(&d);
    floe_table_unref(t);

    assert_int_equal(make_table(&t, &a,
                                "CREATE TABLE f (a Int32, k UInt8) ENGINE = File(Parquet) "
                                "PARTITION BY k"),
                     0);
    assert_int_equal(floe_lake_resolve_destination(&d, t), 0);
    assert_int_equal(floe_objstore_kind_of(d.store), FLOE_OBJSTORE_LOCAL);
    char want[512];
    snprintf(want, sizeof want, "%s/data/default/f", dir);
    assert_string_equal(floe_objstore_describe(d.store), want);
    assert_string_equal(d.format, "Parquet");
    assert_int_equal(d.strategy, FLOE_LAKE_PARTITION_HIVE);
    floe_lake_destination_free(&d);
    floe_table_unref(t);

    assert_int_equal(make_table(&t, &a, "CREATE TABLE m (a Int32) ENGINE = Memory"), 0);
    assert_int_equal(floe_lake_resolve_destination(&d, t), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NOT_IMPLEMENTED);
    floe_table_unref(t);
    floe_arena_free(&a);
}

static void check_masked(const char *engine_sql, const char *want)
{
    floe_arena a = FLOE_ARENA_INIT;
    floe_buf sql = FLOE_BUF_INIT;
    floe_buf_printf(&sql, "CREATE TABLE x (a Int32) ENGINE = %s", engine_sql);
    floe_ast *c = parse(&a, sql.data);
    floe_ast *m = floe_lake_masked_engine(c->u.create_table.engine, &a);
    floe_buf got = FLOE_BUF_INIT;
    floe_ast_format(&got, m, true);
    assert_string_equal(got.data, want);
    floe_buf_free(&got);
    floe_buf_free(&sql);
    floe_arena_free(&a);
}

static void test_masking(void **state)
{
    (void)state;
    /* chref: SHOW CREATE TABLE of the same engines */
    check_masked("S3('http://h/b/d/', 'AKIA', 'SECRETX', 'Parquet')",
                 "S3('http://h/b/d/', 'AKIA', '[HIDDEN]', 'Parquet')");
    check_masked("S3('http://h/b/d/', 'Parquet', 'gzip')",
                 "S3('http://h/b/d/', 'Parquet', 'gzip')");
    check_masked("S3('http://h/b/d/', NOSIGN, 'Parquet')",
                 "S3('http://h/b/d/', NOSIGN, 'Parquet')");
    check_masked("S3('http://h/b/d/', format = 'Parquet', access_key_id = 'AK', "
                 "secret_access_key = 'SK')",
                 "S3('http://h/b/d/', format = 'Parquet', access_key_id = 'AK', "
                 "secret_access_key = '[HIDDEN]')");
    check_masked("AzureBlobStorage('DefaultEndpointsProtocol=http;AccountName=acc;AccountKey=S3cr;"
                 "BlobEndpoint=http://h/acc;', 'cont', 'p/', 'CSV')",
                 "AzureBlobStorage('DefaultEndpointsProtocol=http;AccountName=acc;"
                 "AccountKey=[HIDDEN];BlobEndpoint=http://h/acc;', 'cont', 'p/', 'CSV')");
    check_masked("AzureBlobStorage('http://h/acc', 'cont', 'p/', 'acc', 'S3cr', 'CSV')",
                 "AzureBlobStorage('http://h/acc', 'cont', 'p/', 'acc', '[HIDDEN]', 'CSV')");
    check_masked("MergeTree ORDER BY a", "MergeTree");
}

static void test_named_collections(void **state)
{
    (void)state;
    floe_arena a = FLOE_ARENA_INIT;
    assert_int_equal(
        floe_named_collection_create(
            dir,
            parse(&a, "CREATE NAMED COLLECTION nc1 AS url = 'http://x/y', "
                      "access_key_id = 'AK', secret_access_key = 'SK' NOT OVERRIDABLE, n = 5")),
        0);
    assert_int_equal(
        floe_named_collection_create(dir, parse(&a, "CREATE NAMED COLLECTION nc1 AS a = 1")), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NAMED_COLLECTION_ALREADY_EXISTS);
    assert_string_equal(floe_error_message(), "A named collection `nc1` already exists");
    assert_int_equal(floe_named_collection_create(
                         dir, parse(&a, "CREATE NAMED COLLECTION IF NOT EXISTS nc1 AS a = 1")),
                     0);

    floe_named_collection *c;
    assert_int_equal(floe_named_collection_get(&c, dir, "nc1"), 0);
    assert_int_equal(c->n, 4);
    assert_string_equal(floe_named_collection_value(c, "url"), "http://x/y");
    assert_string_equal(floe_named_collection_value(c, "n"), "5");
    assert_null(floe_named_collection_value(c, "a"));
    floe_buf q = FLOE_BUF_INIT;
    floe_named_collection_masked_query(&q, c);
    /* chref: SELECT create_query FROM system.named_collections */
    assert_string_equal(q.data, "CREATE NAMED COLLECTION nc1 AS access_key_id = '[HIDDEN]', "
                                "n = '[HIDDEN]', secret_access_key = '[HIDDEN]' NOT OVERRIDABLE, "
                                "url = '[HIDDEN]'");
    floe_buf_free(&q);
    floe_named_collection_free(c);

    assert_int_equal(
        floe_named_collection_alter(dir, parse(&a, "ALTER NAMED COLLECTION nc1 SET n = 'six' "
                                                   "DELETE url")),
        0);
    size_t n;
    char **keys, **values;
    bool *ov;
    assert_int_equal(floe_named_collection_kv(&n, &keys, &values, &ov, dir, "nc1"), 0);
    assert_int_equal(n, 3);
    assert_string_equal(keys[1], "n");
    assert_string_equal(values[1], "six");
    assert_true(ov[1]);
    assert_string_equal(keys[2], "secret_access_key");
    assert_false(ov[2]);
    floe_free(ov);
    for (size_t i = 0; i < n; i++) {
        floe_free(keys[i]);
        floe_free(values[i]);
    }
    floe_free(keys);
    floe_free(values);

    assert_int_equal(
        floe_named_collection_alter(dir, parse(&a, "ALTER NAMED COLLECTION nc1 DELETE nokey")), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_BAD_ARGUMENTS);
    assert_string_equal(floe_error_message(),
                        "Cannot delete key `nokey` because it does not exist in collection");
    assert_int_equal(
        floe_named_collection_alter(dir, parse(&a, "ALTER NAMED COLLECTION zz SET a = 1")), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NAMED_COLLECTION_DOESNT_EXIST);
    assert_string_equal(floe_error_message(),
                        "Cannot update collection `zz`, because it doesn't exist");
    assert_int_equal(floe_named_collection_alter(
                         dir, parse(&a, "ALTER NAMED COLLECTION IF EXISTS zz SET a = 1")),
                     0);

    /* a name that is not a plain identifier round-trips through its file */
    assert_int_equal(floe_named_collection_create(
                         dir, parse(&a, "CREATE NAMED COLLECTION `a b/c` AS k = 'it''s'")),
                     0);
    floe_named_collection **all;
    assert_int_equal(floe_named_collection_list(&all, &n, dir), 0);
    assert_int_equal(n, 2);
    assert_string_equal(all[0]->name, "a b/c");
    assert_string_equal(floe_named_collection_value(all[0], "k"), "it's");
    assert_string_equal(all[1]->name, "nc1");
    for (size_t i = 0; i < n; i++)
        floe_named_collection_free(all[i]);
    floe_free(all);

    assert_int_equal(floe_named_collection_drop(dir, NULL, "zz", false), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NAMED_COLLECTION_DOESNT_EXIST);
    assert_string_equal(floe_error_message(),
                        "Cannot remove collection `zz`, because it doesn't exist");
    assert_int_equal(floe_named_collection_drop(dir, NULL, "zz", true), 0);
    assert_int_equal(floe_named_collection_drop(dir, NULL, "nc1", false), 0);
    assert_int_equal(floe_named_collection_get(&c, dir, "nc1"), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NAMED_COLLECTION_DOESNT_EXIST);
    floe_arena_free(&a);
}

/* An engine naming a collection takes its keys, key = value overriding. */
static void test_engine_from_collection(void **state)
{
    (void)state;
    floe_arena a = FLOE_ARENA_INIT;
    assert_int_equal(floe_named_collection_create(
                         dir, parse(&a, "CREATE NAMED COLLECTION s3c AS url = 'http://127.0.0.1:9/"
                                        "bkt/', access_key_id = 'AK', secret_access_key = 'SK', "
                                        "format = 'CSV'")),
                     0);
    floe_table *t;
    assert_int_equal(make_table(&t, &a,
                                "CREATE TABLE nc (a Int32, k UInt8) ENGINE = S3(s3c, filename = "
                                "'data', format = Parquet, partition_strategy = 'hive') "
                                "PARTITION BY k"),
                     0);
    floe_lake_destination d;
    assert_int_equal(floe_lake_resolve_destination(&d, t), 0);
    assert_string_equal(floe_objstore_describe(d.store), "http://127.0.0.1:9/bkt/data/");
    assert_string_equal(d.format, "Parquet");
    floe_lake_destination_free(&d);
    floe_table_unref(t);
    assert_int_equal(
        make_table(&t, &a, "CREATE TABLE nc2 (a Int32) ENGINE = S3(nope, format = Parquet)"), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NAMED_COLLECTION_DOESNT_EXIST);
    floe_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_destination_s3),
        cmocka_unit_test(test_destination_azure_and_file),
        cmocka_unit_test(test_masking),
        cmocka_unit_test(test_named_collections),
        cmocka_unit_test(test_engine_from_collection),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
