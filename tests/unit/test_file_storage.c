// FLOE_UNIT_DEPS: base hash compress types sql expr exec formats parquet objstore storage
/*
 * file() and File: glob matching and expansion, confinement to user_files
 * (.. and symlinks), formats by extension, schema inference (expected
 * schemas from ClickHouse 26.7 via chref `DESCRIBE format(...)`), reading,
 * the insert sink (append, refusal, truncate, multiple files, nothing left
 * behind on failure) and the File engine.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/error.h"
#include "base/io.h"
#include "base/mem.h"
#include "sql/parser.h"
#include "storage/lake/file.h"
#include "types/serialize.h"

static char root[256];
static char root_real[1024];

static void put(const char *rel, const char *text)
{
    char p[1024];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    /* parent directories */
    for (char *s = strchr(p + strlen(root) + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        mkdir(p, 0755);
        *s = '/';
    }
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *slurp(const char *rel)
{
    char p[1024];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    char *data = NULL;
    size_t len = 0;
    if (floe_read_file(&data, &len, p) < 0)
        return NULL;
    return data;
}

static int setup(void **state)
{
    snprintf(root, sizeof root, "/tmp/floe-test-file-XXXXXX");
    assert_non_null(mkdtemp(root));
    char *real = realpath(root, NULL);
    assert_non_null(real);
    snprintf(root_real, sizeof root_real, "%s", real);
    free(real);
    return 0;
}

static int teardown(void **state)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- globs ---- */

static void test_glob_match(void **state)
{
    assert_true(floe_file_glob_match("*.csv", "a.csv"));
    assert_true(floe_file_glob_match("*.csv", ".csv"));
    assert_false(floe_file_glob_match("*.csv", "a.tsv"));
    assert_true(floe_file_glob_match("a?c", "abc"));
    assert_false(floe_file_glob_match("a?c", "ac"));
    assert_true(floe_file_glob_match("{a,bb}.csv", "bb.csv"));
    assert_false(floe_file_glob_match("{a,bb}.csv", "b.csv"));
    assert_true(floe_file_glob_match("{x*,y}.csv", "xyz.csv"));
    assert_true(floe_file_glob_match("f{1..3}", "f2"));
    assert_false(floe_file_glob_match("f{1..3}", "f4"));
    assert_true(floe_file_glob_match("f{1..12}", "f10"));
    assert_false(floe_file_glob_match("f{1..12}", "f01"));
    assert_true(floe_file_glob_match("f{01..10}", "f03"));
    assert_false(floe_file_glob_match("f{01..10}", "f3"));
    assert_true(floe_file_glob_match("f{3..1}", "f2")); /* reversed bounds */
    assert_true(floe_file_glob_match("a{b,c{d,e}}f", "acef"));
    assert_true(floe_file_glob_match("x{", "x{")); /* unbalanced: literal */
}

static void expect_paths(const char *pattern, const char *const *want, size_t n_want)
{
    char **paths = NULL;
    size_t n = 0;
    bool globs;
    assert_int_equal(floe_file_expand(&paths, &n, &globs, root, pattern), 0);
    if (n != n_want) {
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "  got %s\n", paths[i]);
    }
    assert_int_equal(n, n_want);
    for (size_t i = 0; i < n; i++) {
        char w[2200];
        snprintf(w, sizeof w, "%s/%s", root_real, want[i]);
        assert_string_equal(paths[i], w);
        floe_free(paths[i]);
    }
    floe_free(paths);
}

static void test_expand(void **state)
{
    put("a.csv", "1\n");
    put("b.csv", "2\n");
    put("c.tsv", "3\n");
    put("sub/c.csv", "4\n");
    put("sub/d/e.csv", "5\n");
    put("sub/d/f/g.csv", "6\n");
    put("x1.tsv", "");
    put("x2.tsv", "");
    put("x10.tsv", "");
    {
        const char *w[] = {"a.csv", "b.csv"};
        expect_paths("*.csv", w, 2);
        expect_paths("{b,a}.csv", w, 2); /* sorted */
        expect_paths("./sub/../?.csv", w, 2);
    }
    {
        const char *w[] = {"x1.tsv", "x2.tsv"};
        expect_paths("x{1..9}.tsv", w, 2);
    }
    {
        const char *w[] = {"x1.tsv", "x10.tsv", "x2.tsv"};
        expect_paths("x*.tsv", w, 3);
    }
    {
        const char *w[] = {"sub/d/e.csv"};
        expect_paths("sub/*/*.csv", w, 1);
        expect_paths("s?b/{d,q}/e.csv", w, 1);
    }
    {
        const char *w[] = {"sub/c.csv", "sub/d/e.csv", "sub/d/f/g.csv"};
        expect_paths("sub/**/*.csv", w, 3);
        expect_paths("sub/**", w, 3);
    }
    {
        /* a directory lists the files directly in it */
        const char *w[] = {"sub/c.csv"};
        expect_paths("sub", w, 1);
    }
    {
        /* a plain path is returned even when missing; absolute inside is fine */
        const char *w[] = {"nope.csv"};
        expect_paths("nope.csv", w, 1);
        char abs[1100];
        snprintf(abs, sizeof abs, "%s/nope.csv", root_real);
        expect_paths(abs, w, 1);
    }
    expect_paths("*.parquet", NULL, 0);
}

static void expect_denied(const char *pattern, const char *shown)
{
    char **paths = NULL;
    size_t n = 0;
    bool globs;
    assert_int_equal(floe_file_expand(&paths, &n, &globs, root, pattern), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_DATABASE_ACCESS_DENIED);
    char msg[2048];
    snprintf(msg, sizeof msg, "File `%s` is not inside `%s`", shown, root_real);
    assert_string_equal(floe_error_message(), msg);
}

static void test_confinement(void **state)
{
    char parent[1024];
    snprintf(parent, sizeof parent, "%s", root_real);
    *strrchr(parent, '/') = '\0';
    char shown[4200];
    snprintf(shown, sizeof shown, "%s/x.csv", parent);
    expect_denied("../x.csv", shown);
    expect_denied("sub/../../x.csv", shown);
    expect_denied("/etc/passwd", "/etc/passwd");
    /* a sibling sharing the prefix is outside */
    snprintf(shown, sizeof shown, "%s-other/a.csv", root_real);
    expect_denied(shown, shown);
    /* symlinks that lead out */
    char link[1024];
    snprintf(link, sizeof link, "%s/out.csv", root);
    assert_int_equal(symlink("/etc/hostname", link), 0);
    snprintf(shown, sizeof shown, "%s/out.csv", root_real);
    expect_denied("out.csv", shown);
    expect_denied("o*.csv", shown);
    snprintf(link, sizeof link, "%s/outdir", root);
    assert_int_equal(symlink("/etc", link), 0);
    snprintf(shown, sizeof shown, "%s/outdir/hostname", root_real);
    expect_denied("outdir/hostname", shown);
    snprintf(shown, sizeof shown, "%s/outdir/new/x.csv", root_real);
    expect_denied("outdir/new/x.csv", shown); /* not there yet: judged by outdir */
    /* a symlink inside user_files is fine */
    snprintf(link, sizeof link, "%s/in.csv", root);
    assert_int_equal(symlink("a.csv", link), 0);
    const char *w[] = {"in.csv"};
    expect_paths("in.csv", w, 1);
    unlink(link);
    snprintf(link, sizeof link, "%s/out.csv", root);
    unlink(link);
    snprintf(link, sizeof link, "%s/outdir", root);
    unlink(link);
}

static void test_format_names(void **state)
{
    assert_string_equal(floe_file_format_from_name("/x/a.csv"), "CSV");
    assert_string_equal(floe_file_format_from_name("/x/a.CSV"), "CSV");
    assert_string_equal(floe_file_format_from_name("a.tsv.gz"), "TSV");
    assert_string_equal(floe_file_format_from_name("a.parquet"), "Parquet");
    assert_string_equal(floe_file_format_from_name("a.json"), "JSON");
    assert_string_equal(floe_file_format_from_name("a.jsonl"), "JSONEachRow");
    assert_string_equal(floe_file_format_from_name("a.ndjson.zst"), "JSONEachRow");
    assert_string_equal(floe_file_format_from_name("a.values"), "Values");
    assert_null(floe_file_format_from_name("a.txt"));
    assert_null(floe_file_format_from_name("a"));
    assert_null(floe_file_format_from_name("d.csv/a"));
    assert_null(floe_file_format_from_name("a.gz"));
    const char *m;
    assert_int_equal(floe_file_compression(&m, "a.csv.gz", NULL), 0);
    assert_string_equal(m, "gzip");
    assert_int_equal(floe_file_compression(&m, "a.csv.ZST", "auto"), 0);
    assert_string_equal(m, "zstd");
    assert_int_equal(floe_file_compression(&m, "a.csv.gz", "none"), 0);
    assert_null(m);
    assert_int_equal(floe_file_compression(&m, "a.csv", "gz"), 0);
    assert_string_equal(m, "gzip");
    assert_int_equal(floe_file_compression(&m, "a.csv", NULL), 0);
    assert_null(m);
    assert_int_equal(floe_file_compression(&m, "a.csv", "rar"), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NOT_IMPLEMENTED);
    assert_string_equal(floe_error_message(),
                        "Unknown compression method 'rar'. Only 'auto', 'none', 'gzip', "
                        "'deflate', 'br', 'xz', 'zstd', 'lz4', 'bz2', 'snappy' are supported as "
                        "compression methods");
}

/* ---- inference ---- */

static char *schema_of(const char *format, const char *data)
{
    floe_arena a = FLOE_ARENA_INIT;
    size_t n;
    const char **names;
    const floe_type **types;
    if (floe_file_infer_schema(&n, &names, &types, NULL, format, data, strlen(data), true, NULL,
                               &a) < 0) {
        floe_arena_free(&a);
        return NULL;
    }
    floe_buf b = FLOE_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        floe_buf_printf(&b, "%s%s %s", i ? ", " : "", names[i], types[i]->name);
    floe_arena_free(&a);
    return floe_buf_detach(&b, NULL);
}

static void expect_schema(const char *format, const char *data, const char *want)
{
    char *got = schema_of(format, data);
    if (!got)
        fail_msg("%s: %s", format, floe_error_message());
    if (strcmp(got, want) != 0)
        fail_msg("%s %s:\n got: %s\nwant: %s", format, data, got, want);
    floe_free(got);
}

static void test_infer_csv(void **state)
{
    expect_schema("CSV", "1,2.5,abc,2020-01-01,2020-01-01 10:00:00,true,\\N,\"x\",\n",
                  "c1 Nullable(Int64), c2 Nullable(Float64), c3 Nullable(String), "
                  "c4 Nullable(Date), c5 Nullable(DateTime), c6 Nullable(Bool), "
                  "c7 Nullable(String), c8 Nullable(String), c9 Nullable(String)");
    expect_schema("CSV", "1\n2.5\n", "c1 Nullable(Float64)");
    expect_schema("CSV", "1\nabc\n", "c1 Nullable(String)");
    expect_schema("CSV", "\\N\n\\N\n", "c1 Nullable(String)");
    expect_schema("CSV", "1e5,0x1F,-3,18446744073709551615,18446744073709551616,nan,inf",
                  "c1 Nullable(String), c2 Nullable(String), c3 Nullable(Int64), "
                  "c4 Nullable(UInt64), c5 Nullable(Float64), c6 Nullable(Float64), "
                  "c7 Nullable(Float64)");
    expect_schema("CSV", "\"1\",\"2020-01-01\",\"[1,2]\",[1,2],\"(1,2)\",{\"a\":1}",
                  "c1 Nullable(String), c2 Nullable(Date), c3 Array(Nullable(Int64)), "
                  "c4 Nullable(String), c5 Nullable(String), c6 Nullable(String), "
                  "c7 Nullable(String)");
    expect_schema("CSV", "2020-01-01\n2020-01-01 10:00:00\n", "c1 Nullable(DateTime)");
    expect_schema("CSV", "2020-01-01 10:00:00\n2020-01-01 10:00:00.5\n",
                  "c1 Nullable(DateTime64(9))");
    expect_schema("CSV", "2020-01-01\n1\n", "c1 Nullable(String)");
    expect_schema("CSV", "true\n1\n", "c1 Nullable(String)");
    expect_schema("CSV", "true\nfalse\n\\N\n", "c1 Nullable(Bool)");
    expect_schema("CSV", "True,FALSE,t,yes",
                  "c1 Nullable(String), c2 Nullable(String), c3 Nullable(String), "
                  "c4 Nullable(String)");
    expect_schema("CSV",
                  "\"true\",\"abc\",\"[1,'a']\",\"['a','b']\",\"[[1,2],[]]\",\"[]\",\"[1,2.5]\","
                  "\"[1,NULL]\"",
                  "c1 Nullable(String), c2 Nullable(String), c3 Nullable(String), "
                  "c4 Array(Nullable(String)), c5 Array(Array(Nullable(Int64))), "
                  "c6 Nullable(String), c7 Array(Nullable(Float64)), c8 Array(Nullable(Int64))");
    expect_schema("CSV",
                  "0123,00,0,-0,+1,1.,.5,-inf,NaN, 5 ,9223372036854775808,"
                  "-9223372036854775809",
                  "c1 Nullable(Int64), c2 Nullable(Int64), c3 Nullable(Int64), "
                  "c4 Nullable(Int64), c5 Nullable(Int64), c6 Nullable(Float64), "
                  "c7 Nullable(Float64), c8 Nullable(Float64), c9 Nullable(Float64), "
                  "c10 Nullable(Int64), c11 Nullable(UInt64), c12 Nullable(Float64)");
    expect_schema("CSV", "2020-01-01 10:00:00.123,10:00:00,2020-01-01T10:00:00,01/02/2020",
                  "c1 Nullable(DateTime64(9)), c2 Nullable(String), c3 Nullable(DateTime), "
                  "c4 Nullable(DateTime)");
    expect_schema("CSV", "a b, c ,  1  ",
                  "c1 Nullable(String), c2 Nullable(String), c3 Nullable(Int64)");
    expect_schema("CSVWithNames", "a,b\n1,x\n", "a Nullable(Int64), b Nullable(String)");
    expect_schema("CSVWithNamesAndTypes", "a,b\nUInt8,String\n1,x\n", "a UInt8, b String");
    /* an empty field tells nothing; another row decides */
    expect_schema("CSV", ",x\n5,\n", "c1 Nullable(Int64), c2 Nullable(String)");
    /* header detection (input_format_csv_detect_header) */
    expect_schema("CSV", "a,b\n1,x", "a Nullable(Int64), b Nullable(String)");
    expect_schema("CSV", "a,b\nc,d", "c1 Nullable(String), c2 Nullable(String)");
    expect_schema("CSV", "a,1\n1,2", "c1 Nullable(String), c2 Nullable(Int64)");
    expect_schema("CSV", "a,b", "c1 Nullable(String), c2 Nullable(String)");
    expect_schema("CSV", "a,b\nUInt8,String\n1,x", "a UInt8, b String");
    expect_schema("CSV", "x\n1\n2.5\nabc", "x Nullable(String)");
    expect_schema("CSV", "\"a\",\"b\"\n1,2", "a Nullable(Int64), b Nullable(Int64)");
    expect_schema("TSV", "x\ty\n2020-01-01\tq", "x Nullable(Date), y Nullable(String)");
    assert_null(schema_of("CSV", "a,a\n1,2"));
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_EXTRACT_TABLE_STRUCTURE);
    assert_non_null(
        strstr(floe_error_message(), "Duplicate column name found while schema inference: \"a\""));
    /* the format that reads the data as inferred skips detected headers */
    {
        const char *in[] = {"a,b\n1,x", "a,b\nUInt8,String\n1,x", "1,2"};
        const char *fmt[] = {"CSV", "CSV", "CSV"};
        const char *want[] = {"CSVWithNames", "CSVWithNamesAndTypes", "CSV"};
        for (int k = 0; k < 3; k++) {
            floe_arena a = FLOE_ARENA_INIT;
            size_t n;
            const char **names, *rf = NULL;
            const floe_type **types;
            assert_int_equal(floe_file_infer_schema(&n, &names, &types, &rf, fmt[k], in[k],
                                                    strlen(in[k]), true, NULL, &a),
                             0);
            assert_string_equal(rf, want[k]);
            floe_arena_free(&a);
        }
    }
    /* Int64 with UInt64 is UInt64 in CSV, whatever the sign */
    expect_schema("CSV", "18446744073709551615\n-1", "c1 Nullable(UInt64)");
    expect_schema("CSV", "1,-1\n2,18446744073709551615", "c1 Nullable(Int64), c2 Nullable(UInt64)");
    expect_schema("CSV", "2020-02-30,2020-13-01,2020-1-1 1:2:3,2020-01-01 25:00:00",
                  "c1 Nullable(Date), c2 Nullable(String), c3 Nullable(DateTime), "
                  "c4 Nullable(DateTime)");
    expect_schema("CSV", "15/03/2021,2021/03/15,20210315,2021.03.15",
                  "c1 Nullable(DateTime), c2 Nullable(Date), c3 Nullable(Int64), "
                  "c4 Nullable(String)");
    assert_null(schema_of("CSV", ""));
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_EXTRACT_TABLE_STRUCTURE);
}

static void expect_schema_opts(const char *format, const char *data, const char *want,
                               const floe_file_options *o)
{
    floe_arena a = FLOE_ARENA_INIT;
    size_t n;
    const char **names;
    const floe_type **types;
    if (floe_file_infer_schema(&n, &names, &types, NULL, format, data, strlen(data), true, o, &a) <
        0)
        fail_msg("%s: %s", format, floe_error_message());
    floe_buf b = FLOE_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        floe_buf_printf(&b, "%s%s %s", i ? ", " : "", names[i], types[i]->name);
    floe_arena_free(&a);
    if (strcmp(b.data, want) != 0)
        fail_msg("%s %s:\n got: %s\nwant: %s", format, data, b.data, want);
    floe_buf_free(&b);
}

/* The inference settings, each against chref with the setting changed. */
static void test_infer_settings(void **state)
{
    floe_file_options o;
    floe_file_options_init(&o);
    o.make_nullable = 0;
    expect_schema_opts("CSV", "1,\\N,\"[1,2]\",a",
                       "c1 Int64, c2 String, c3 Array(Int64), c4 String", &o);
    expect_schema_opts("JSONEachRow", "{\"a\":[1,null],\"b\":null}", "a Array(Int64), b String",
                       &o);
    floe_file_options_init(&o);
    o.csv_detect_header = false;
    expect_schema_opts("CSV", "a,b\n1,x", "c1 Nullable(String), c2 Nullable(String)", &o);
    floe_file_options_init(&o);
    o.try_infer_integers = o.try_infer_dates = o.try_infer_datetimes = false;
    expect_schema_opts("CSV", "1,2020-01-01,2020-01-01 00:00:00,1.5",
                       "c1 Nullable(Float64), c2 Nullable(String), c3 Nullable(String), "
                       "c4 Nullable(Float64)",
                       &o);
    floe_file_options_init(&o);
    o.try_infer_dates = false;
    expect_schema_opts("CSV", "2020-01-01,2020-01-01 00:00:00",
                       "c1 Nullable(DateTime), c2 Nullable(DateTime)", &o);
    floe_file_options_init(&o);
    o.try_infer_datetimes = false;
    expect_schema_opts("CSV", "2020-01-01,2020-01-01 00:00:00",
                       "c1 Nullable(Date), c2 Nullable(String)", &o);
    floe_file_options_init(&o);
    o.try_infer_exponent_floats = true;
    expect_schema_opts("CSV", "1e5,2", "c1 Nullable(Float64), c2 Nullable(Int64)", &o);
    floe_file_options_init(&o);
    o.csv_best_effort = false;
    expect_schema_opts("CSV", "1,a", "c1 Nullable(String), c2 Nullable(String)", &o);
    floe_file_options_init(&o);
    o.tsv_best_effort = false;
    expect_schema_opts("TSV", "1\ta", "c1 Nullable(String), c2 Nullable(String)", &o);
}

static void test_infer_tsv(void **state)
{
    expect_schema("TSV", "1\t2.5\tabc\t2020-01-01\t2020-01-01 10:00:00.123\ttrue\t\\N\t[1,2]\t\t\n",
                  "c1 Nullable(Int64), c2 Nullable(Float64), c3 Nullable(String), "
                  "c4 Nullable(Date), c5 Nullable(DateTime64(9)), c6 Nullable(Bool), "
                  "c7 Nullable(String), c8 Array(Nullable(Int64)), c9 Nullable(String), "
                  "c10 Nullable(String)");
    expect_schema("TSV", "0123\t00\t0\t-0\t+1\t1.\t.5\t1e3\t1E-3\t-inf\tNaN\n",
                  "c1 Nullable(String), c2 Nullable(String), c3 Nullable(Int64), "
                  "c4 Nullable(Int64), c5 Nullable(Int64), c6 Nullable(Float64), "
                  "c7 Nullable(Float64), c8 Nullable(String), c9 Nullable(String), "
                  "c10 Nullable(String), c11 Nullable(Float64)");
    expect_schema("TSV", "[1,2]\t(1,2)\t['a']\t2020-13-45\t2020-1-1\t20200101\t1.5.5\n",
                  "c1 Array(Nullable(Int64)), c2 Tuple(Nullable(Int64), Nullable(Int64)), "
                  "c3 Array(Nullable(String)), c4 Nullable(String), c5 Nullable(Date), "
                  "c6 Nullable(Int64), c7 Nullable(String)");
    expect_schema("TSVWithNames", "a\tb\n1\tx\n", "a Nullable(Int64), b Nullable(String)");
    expect_schema("TabSeparatedWithNamesAndTypes", "a\tb\nInt32\tArray(String)\n1\t[]\n",
                  "a Int32, b Array(String)");
}

static void test_infer_json(void **state)
{
    expect_schema("JSONEachRow",
                  "{\"a\":1,\"b\":\"x\",\"c\":1.5,\"d\":true,\"e\":null,\"f\":[1,2],"
                  "\"g\":\"2020-01-01\",\"h\":{\"k\":1}}\n{\"a\":2,\"z\":3}\n",
                  "a Nullable(Int64), b Nullable(String), c Nullable(Float64), d Nullable(Bool), "
                  "e Nullable(String), f Array(Nullable(Int64)), g Nullable(Date), "
                  "h Tuple(k Nullable(Int64)), z Nullable(Int64)");
    expect_schema("JSONEachRow", "{\"a\":1}\n{\"a\":1.5}", "a Nullable(Float64)");
    expect_schema("JSONEachRow", "{\"a\":1}\n{\"a\":\"x\"}", "a Nullable(String)");
    expect_schema("JSONEachRow", "{\"a\":true}\n{\"a\":1}", "a Nullable(Int64)");
    expect_schema("JSONEachRow", "{\"a\":true}\n{\"a\":\"x\"}", "a Nullable(String)");
    expect_schema("JSONEachRow", "{\"a\":[]}\n{\"a\":null}", "a Array(Nullable(String))");
    expect_schema("JSONEachRow", "{\"a\":\"2020-01-01\"}\n{\"a\":\"2020-01-01 00:00:01\"}",
                  "a Nullable(DateTime)");
    expect_schema("JSONEachRow", "{\"a\":1e5, \"b\":18446744073709551615, \"c\":-1, \"d\":{}}",
                  "a Nullable(Float64), b Nullable(UInt64), c Nullable(Int64), "
                  "d Nullable(String)");
    expect_schema("JSONEachRow", "{\"a\":{\"x\":1}}\n{\"a\":{\"y\":\"s\"}}",
                  "a Tuple(x Nullable(Int64), y Nullable(String))");
    expect_schema("NDJSON", "[{\"a\":1},\n{\"a\":2}]", "a Nullable(Int64)");
    expect_schema("JSONEachRow", "{\"a\":[1,true]}", "a Array(Nullable(Int64))");
    expect_schema("JSONEachRow", "{\"a\":[true,\"x\"]}", "a Array(Nullable(String))");
    expect_schema("JSONEachRow", "{\"a\":[null,\"x\"]}", "a Array(Nullable(String))");
    expect_schema("JSONEachRow", "{\"a\":[[1],[1.5]]}", "a Array(Array(Nullable(Float64)))");
    expect_schema("JSONEachRow", "{\"a\":[\"2020-01-01\",\"2020-01-01 00:00:00\"]}",
                  "a Array(Nullable(DateTime))");
    assert_null(schema_of("JSONEachRow", "{\"a\":[1,\"x\"]}"));
    assert_int_equal(floe_error_code(), FLOE_ERR_NOT_IMPLEMENTED);
    expect_schema("JSONEachRow", "{\"a\":1}\n{\"a\":18446744073709551615}", "a Nullable(UInt64)");
    assert_null(schema_of("JSONEachRow", "{\"a\":18446744073709551615}\n{\"a\":-1}"));
    assert_non_null(strstr(floe_error_message(), "Automatically defined type Int64 for column 'a' "
                                                 "in row 1 differs from type defined by previous "
                                                 "rows: UInt64"));
    expect_schema("JSONEachRow", "{\"a\":[{\"x\":1},{\"y\":2}]}",
                  "a Array(Tuple(x Nullable(Int64), y Nullable(Int64)))");
    expect_schema("JSONEachRow", "{\"a\":1}\n{\"a\":true}\n{\"a\":1.5}", "a Nullable(Float64)");
    assert_null(schema_of("JSONEachRow", "{\"a\":[1]}\n{\"a\":\"x\"}"));
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_EXTRACT_TABLE_STRUCTURE);
    assert_non_null(strstr(floe_error_message(),
                           "Automatically defined type String for column 'a' in row 1 differs "
                           "from type defined by previous rows: Array(Int64)"));
    assert_null(schema_of("Parquet", "PAR1"));
    assert_int_equal(floe_error_code(), FLOE_ERR_NOT_IMPLEMENTED);
}

/* ---- reading through the table function ---- */

typedef struct stmt {
    floe_arena arena;
    floe_exec_ctx ctx;
} stmt;

static void stmt_init(stmt *s)
{
    memset(s, 0, sizeof *s);
    s->ctx.arena = &s->arena;
    s->ctx.settings.max_block_size = 65409;
    s->ctx.settings.max_threads = 1;
}

static void stmt_free(stmt *s)
{
    floe_exec_ctx_release(&s->ctx);
    floe_arena_free(&s->arena);
}

static floe_ast *call(stmt *s, const char *text)
{
    floe_ast *e = NULL;
    assert_int_equal(floe_sql_parse_expr(&e, &s->arena, text, strlen(text)), 0);
    return e;
}

/* Runs SELECT of the given relation columns and returns rows as TSV. */
static char *read_all(const char *fn_text, const char *const *cols, size_t n_cols,
                      const floe_file_options *opts)
{
    stmt s;
    stmt_init(&s);
    floe_relation *r = NULL;
    if (floe_file_table_function(&r, call(&s, fn_text), root, opts, &s.ctx) < 0) {
        stmt_free(&s);
        return NULL;
    }
    size_t idx[16];
    size_t n = 0;
    for (size_t i = 0; i < n_cols; i++)
        for (size_t j = 0; j < r->n_cols; j++)
            if (strcmp(r->names[j], cols[i]) == 0)
                idx[n++] = j;
    assert_int_equal(n, n_cols);
    floe_op *op = NULL;
    floe_buf out = FLOE_BUF_INIT;
    int rc = r->scan(r, &op, idx, n, NULL, &s.ctx);
    r->release(r);
    floe_text_options to = FLOE_TEXT_OPTIONS_INIT;
    while (rc == 0) {
        floe_block *b = NULL;
        if ((rc = op->next(op, &b)) < 0 || !b)
            break;
        for (size_t row = 0; row < b->rows; row++)
            for (size_t c = 0; c < b->n_cols; c++) {
                floe_text_write(&out, b->cols[c], row, FLOE_TEXT_TSV, &to);
                floe_buf_putc(&out, c + 1 < b->n_cols ? '\t' : '\n');
            }
        floe_block_free(b);
    }
    if (op)
        op->free(op);
    stmt_free(&s);
    if (rc < 0) {
        floe_buf_free(&out);
        return NULL;
    }
    return out.data ? floe_buf_detach(&out, NULL) : floe_strdup("");
}

static void test_read(void **state)
{
    put("r/1.csv", "1,a\n2,b\n");
    put("r/2.csv", "3,\"c,d\"\n");
    put("r/3.csv", "");
    const char *cols[] = {"c1", "c2", "_file"};
    char *got = read_all("file('r/*.csv')", cols, 3, NULL);
    assert_non_null(got);
    assert_string_equal(got, "1\ta\t1.csv\n2\tb\t1.csv\n3\tc,d\t2.csv\n");
    floe_free(got);
    /* given structure; a column twice; _path and _size */
    const char *cols2[] = {"s", "n", "n", "_size"};
    got = read_all("file('r/1.csv', 'CSV', 'n UInt8, s String')", cols2, 4, NULL);
    assert_non_null(got);
    assert_string_equal(got, "a\t1\t1\t8\nb\t2\t2\t8\n");
    floe_free(got);
    char want[3000];
    const char *cols3[] = {"_path"};
    got = read_all("file('r/2.csv', 'CSV', 'n UInt8, s String')", cols3, 1, NULL);
    snprintf(want, sizeof want, "%s/r/2.csv\n", root_real);
    assert_string_equal(got, want);
    floe_free(got);
    /* JSONEachRow by extension, inferred */
    put("r/j.ndjson", "{\"x\":1,\"y\":[1,2]}\n{\"x\":null,\"y\":[]}\n");
    const char *cols4[] = {"x", "y"};
    got = read_all("file('r/j.ndjson')", cols4, 2, NULL);
    assert_string_equal(got, "1\t[1,2]\n\\N\t[]\n");
    floe_free(got);
    /* a first row naming the given columns is skipped; other rows are data
     * (chref: SELECT * FROM file('h.csv', 'CSV', 'id UInt8, name String')) */
    put("r/h.csv", "id,name\n1,ann\n");
    const char *cid[] = {"id", "name"};
    got = read_all("file('r/h.csv', 'CSV', 'id UInt8, name String')", cid, 2, NULL);
    assert_string_equal(got, "1\tann\n");
    floe_free(got);
    const char *cab2[] = {"a", "b"};
    got = read_all("file('r/h.csv', 'CSV', 'a String, b String')", cab2, 2, NULL);
    assert_string_equal(got, "id\tname\n1\tann\n");
    floe_free(got);
    put("r/ht.tsv", "id\tname\nUInt8\tString\n1\tann\n");
    got = read_all("file('r/ht.tsv', 'TSV', 'id UInt8, name String')", cid, 2, NULL);
    assert_string_equal(got, "1\tann\n");
    floe_free(got);
    /* errors */
    assert_null(read_all("file('r/nope.csv', 'CSV', 'a String')", cols3, 1, NULL));
    assert_int_equal(floe_error_code(), FLOE_ERR_FILE_DOESNT_EXIST);
    snprintf(want, sizeof want, "File %s/r/nope.csv doesn't exist", root_real);
    assert_string_equal(floe_error_message(), want);
    assert_null(read_all("file('r/nope.csv')", cols3, 1, NULL));
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_STAT);
    snprintf(want, sizeof want,
             "Cannot stat file %s/r/nope.csv: , errno: 2, strerror: No such file or directory: "
             "The table structure cannot be extracted from a CSV format file. You can specify "
             "the structure manually: (in file/uri %s/r/nope.csv)",
             root_real, root_real);
    assert_string_equal(floe_error_message(), want);
    assert_null(read_all("file('r/none*.csv')", cols3, 1, NULL));
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_EXTRACT_TABLE_STRUCTURE);
    assert_string_equal(floe_error_message(),
                        "The data format cannot be detected by the contents of the files, because "
                        "there are no files with provided path. You can specify the format "
                        "manually");
    assert_null(read_all("file('r/none*.csv', 'CSV')", cols3, 1, NULL));
    assert_string_equal(floe_error_message(),
                        "The table structure cannot be extracted from a CSV format file, because "
                        "there are no files with provided path. You can specify table structure "
                        "manually");
    got = read_all("file('r/none*.csv', 'CSV', 'a String')", cols3, 1, NULL);
    assert_string_equal(got, "");
    floe_free(got);
    assert_null(read_all("file('r/1.csv', 'Foo')", cols3, 1, NULL));
    assert_int_equal(floe_error_code(), FLOE_ERR_UNKNOWN_FORMAT);
    assert_null(read_all("file('r/1.csv', 'Markdown', 'a String')", cols3, 1, NULL));
    assert_int_equal(floe_error_code(), FLOE_ERR_FORMAT_IS_NOT_SUITABLE_FOR_INPUT);
    assert_string_equal(floe_error_message(), "Format Markdown is not suitable for input");
    assert_null(read_all("file('r/1.txt')", cols3, 1, NULL));
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_STAT);
    put("r/empty.txt", "");
    assert_null(read_all("file('r/empty.txt')", cols3, 1, NULL));
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_DETECT_FORMAT);
    assert_null(read_all("file('r/1.csv', 'JSON')", cols3, 1, NULL));
    assert_int_equal(floe_error_code(), FLOE_ERR_NOT_IMPLEMENTED);
    /* no telling name: the format from the bytes (chref DESCRIBE file('f1') etc.) */
    put("d/f1", "1,a\n2,b\n");
    put("d/f2", "1\ta\n2\tb\n");
    put("d/f3", "{\"x\":1}\n{\"x\":2}\n");
    put("d/f5", "a,b\n1,2\n");
    const char *c12[] = {"c1", "c2"};
    got = read_all("file('d/f1')", c12, 2, NULL);
    assert_string_equal(got, "1\ta\n2\tb\n");
    floe_free(got);
    got = read_all("file('d/f2')", c12, 2, NULL);
    assert_string_equal(got, "1\ta\n2\tb\n");
    floe_free(got);
    const char *cx[] = {"x"};
    got = read_all("file('d/f3')", cx, 1, NULL);
    assert_string_equal(got, "1\n2\n");
    floe_free(got);
    const char *cab[] = {"a", "b"};
    got = read_all("file('d/f5')", cab, 2, NULL);
    assert_string_equal(got, "1\t2\n");
    floe_free(got);
    assert_null(read_all("file('../r/1.csv')", cols3, 1, NULL));
    assert_int_equal(floe_error_code(), FLOE_ERR_DATABASE_ACCESS_DENIED);
    assert_null(read_all("file()", cols3, 1, NULL));
    assert_int_equal(floe_error_code(), FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH);
    assert_string_equal(floe_error_message(),
                        "The signature of table function file shall be the following:\n"
                        " - filename\n - filename, format\n - filename, format, structure\n"
                        " - filename, format, structure, compression_method\n");
    assert_null(read_all("file('r/1.csv', 'CSV', 'x')", cols3, 1, NULL));
    assert_int_equal(floe_error_code(), FLOE_ERR_SYNTAX_ERROR);
    assert_null(read_all("file('r/1.csv', 'CSV', 'x Foo')", cols3, 1, NULL));
    assert_int_equal(floe_error_code(), FLOE_ERR_UNKNOWN_TYPE);
    /* a parse error names the file */
    put("r/bad.csv", "x\n");
    assert_null(read_all("file('r/bad.csv', 'CSV', 'a UInt8')", cols3, 1, NULL));
    assert_non_null(strstr(floe_error_message(), "bad.csv"));
}

/* Hive directories: columns from <key>=<value> segments (chref: reading
 * h/y=2020/m=1/d.csv and h/y=2021/m=2/d.csv gives c1, c2, m, y; m, y Int64). */
static void test_hive(void **state)
{
    put("h/y=2020/m=1/d.csv", "1,a\n");
    put("h/y=2021/m=2/d.csv", "2,b\n");
    put("h2/k=x/d=2020-01-02/f.csv", "1\n");
    stmt s;
    stmt_init(&s);
    floe_relation *r = NULL;
    assert_int_equal(
        floe_file_table_function(&r, call(&s, "file('h/**/*.csv')"), root, NULL, &s.ctx), 0);
    assert_int_equal(r->n_visible, 4);
    assert_string_equal(r->names[2], "m");
    assert_string_equal(r->names[3], "y");
    assert_string_equal(r->types[3]->name, "Int64");
    r->release(r);
    /* with a given structure they are virtual, after _path.._time */
    assert_int_equal(
        floe_file_table_function(&r, call(&s, "file('h/**/*.csv', 'CSV', 'a UInt8, b String')"),
                                 root, NULL, &s.ctx),
        0);
    assert_int_equal(r->n_visible, 2);
    assert_int_equal(r->n_cols, 8);
    assert_string_equal(r->names[6], "m");
    r->release(r);
    assert_int_equal(
        floe_file_table_function(&r, call(&s, "file('h2/**/*.csv')"), root, NULL, &s.ctx), 0);
    assert_string_equal(r->names[1], "d");
    assert_string_equal(r->types[1]->name, "Date");
    assert_string_equal(r->names[2], "k");
    assert_string_equal(r->types[2]->name, "LowCardinality(String)");
    r->release(r);
    floe_file_options o;
    floe_file_options_init(&o);
    o.use_hive_partitioning = false;
    assert_int_equal(floe_file_table_function(&r, call(&s, "file('h/**/*.csv')"), root, &o, &s.ctx),
                     0);
    assert_int_equal(r->n_visible, 2);
    r->release(r);
    stmt_free(&s);
    const char *cols[] = {"c1", "c2", "m", "y"};
    char *got = read_all("file('h/**/*.csv')", cols, 4, NULL);
    assert_string_equal(got, "1\ta\t1\t2020\n2\tb\t2\t2021\n");
    floe_free(got);
    const char *cols2[] = {"a", "y"};
    got = read_all("file('h/**/*.csv', 'CSV', 'a UInt8, b String')", cols2, 2, NULL);
    assert_string_equal(got, "1\t2020\n2\t2021\n");
    floe_free(got);
    /* a value that does not parse as the column's type */
    put("h3/n=1/f.csv", "1\n");
    put("h3/n=x/f.csv", "2\n");
    const char *cols3[] = {"n"};
    assert_null(read_all("file('h3/**/*.csv')", cols3, 1, NULL));
    assert_non_null(strstr(floe_error_message(), "partition column n"));
}

/* ---- writing ---- */

static floe_block *block2(int64_t a, const char *b)
{
    floe_block *blk = floe_block_new();
    floe_column *c1 = floe_column_new(floe_type_get(FLOE_TYPE_INT64));
    floe_column *c2 = floe_column_new(floe_type_get(FLOE_TYPE_STRING));
    floe_column_push_fixed(c1, &a);
    floe_column_push_string(c2, b, strlen(b));
    floe_block_add(blk, "a", c1);
    floe_block_add(blk, "b", c2);
    blk->rows = 1;
    return blk;
}

static int insert(const char *fn_text, int64_t a, const char *b, const floe_file_options *opts)
{
    stmt s;
    stmt_init(&s);
    const char *names[] = {"a", "b"};
    const floe_type *types[] = {floe_type_get(FLOE_TYPE_INT64), floe_type_get(FLOE_TYPE_STRING)};
    floe_file_sink *sink = NULL;
    int rc = floe_file_sink_open(&sink, call(&s, fn_text), root, 2, names, types, opts, &s.ctx);
    floe_block *blk = block2(a, b);
    if (rc == 0)
        rc = floe_file_sink_write(sink, blk);
    if (rc == 0)
        rc = floe_file_sink_finish(sink);
    floe_block_free(blk);
    floe_file_sink_free(sink);
    stmt_free(&s);
    return rc;
}

static size_t count_entries(const char *rel)
{
    char p[1024];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    char **paths = NULL;
    size_t n = 0;
    bool g;
    char pat[1100];
    snprintf(pat, sizeof pat, "%s/.*", rel);
    assert_int_equal(floe_file_expand(&paths, &n, &g, root, pat), 0);
    for (size_t i = 0; i < n; i++)
        floe_free(paths[i]);
    floe_free(paths);
    return n;
}

static void test_insert(void **state)
{
    assert_int_equal(insert("file('w/x/a.csv')", 1, "p", NULL), 0);
    assert_int_equal(insert("file('w/x/a.csv')", 2, "q", NULL), 0);
    char *got = slurp("w/x/a.csv");
    assert_string_equal(got, "1,\"p\"\n2,\"q\"\n");
    floe_free(got);
    /* with a structure: cast (300 wraps to 44 in UInt8, as CAST does) */
    assert_int_equal(insert("file('w/x/a.csv', 'CSV', 'n UInt8, s String')", 300, "r", NULL), 0);
    got = slurp("w/x/a.csv");
    assert_string_equal(got, "1,\"p\"\n2,\"q\"\n44,\"r\"\n");
    floe_free(got);
    /* header formats write the header only into an empty file */
    assert_int_equal(insert("file('w/h.csv', 'CSVWithNames')", 1, "p", NULL), 0);
    assert_int_equal(insert("file('w/h.csv', 'CSVWithNames')", 2, "q", NULL), 0);
    got = slurp("w/h.csv");
    assert_string_equal(got, "\"a\",\"b\"\n1,\"p\"\n2,\"q\"\n");
    floe_free(got);
    /* Parquet does not append */
    assert_int_equal(insert("file('w/p.parquet')", 1, "p", NULL), 0);
    char *first = slurp("w/p.parquet");
    assert_int_equal(insert("file('w/p.parquet')", 2, "q", NULL), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_APPEND_TO_FILE);
    char want[2048];
    snprintf(want, sizeof want,
             "File %s/w/p.parquet already exists and data cannot be appended to this file as the "
             "Parquet format doesn't support appends. You can enable truncate on insertion with "
             "the `engine_file_truncate_on_insert` setting, or you can configure ClickHouse to "
             "create a new file on each insert by enabling the setting "
             "`engine_file_allow_create_multiple_files`",
             root_real);
    assert_string_equal(floe_error_message(), want);
    got = slurp("w/p.parquet");
    assert_memory_equal(got, first, 4);
    floe_free(got);
    floe_free(first);
    floe_file_options o;
    floe_file_options_init(&o);
    o.allow_create_multiple_files = true;
    assert_int_equal(insert("file('w/p.parquet')", 2, "q", &o), 0);
    assert_int_equal(insert("file('w/p.parquet')", 3, "s", &o), 0);
    {
        const char *w[] = {"w/p.1.parquet", "w/p.2.parquet", "w/p.parquet"};
        expect_paths("w/*.parquet", w, 3);
    }
    /* Parquet's schema comes from the file */
    {
        const char *cols[] = {"a", "b", "_file"};
        got = read_all("file('w/p*.parquet')", cols, 3, NULL);
        if (!got)
            fail_msg("%s", floe_error_message());
        assert_string_equal(got, "2\tq\tp.1.parquet\n3\ts\tp.2.parquet\n1\tp\tp.parquet\n");
        floe_free(got);
    }
    o.allow_create_multiple_files = false;
    o.truncate_on_insert = true;
    assert_int_equal(insert("file('w/x/a.csv')", 9, "z", &o), 0);
    got = slurp("w/x/a.csv");
    assert_string_equal(got, "9,\"z\"\n");
    floe_free(got);
    /* a failed write leaves the old file and no temporary file */
    {
        stmt s;
        stmt_init(&s);
        floe_file_sink *sink = NULL;
        assert_int_equal(floe_file_sink_open(&sink, call(&s, "file('w/x/a.csv', 'CSV', 'n UInt8')"),
                                             root, 0, NULL, NULL, NULL, &s.ctx),
                         0);
        size_t n;
        const char *const *names;
        const floe_type *const *types;
        floe_file_sink_columns(sink, &n, &names, &types);
        assert_int_equal(n, 1);
        assert_string_equal(names[0], "n");
        floe_block *blk = block2(5, "x");
        assert_int_equal(floe_file_sink_write(sink, blk), -1);
        assert_int_equal(floe_error_code(), FLOE_ERR_NUMBER_OF_COLUMNS_DOESNT_MATCH);
        floe_block_free(blk);
        floe_file_sink_free(sink);
        stmt_free(&s);
        got = slurp("w/x/a.csv");
        assert_string_equal(got, "9,\"z\"\n");
        floe_free(got);
        assert_int_equal(count_entries("w/x"), 0);
    }
    /* INSERT ... VALUES with no structure takes the existing file's */
    {
        stmt s;
        stmt_init(&s);
        floe_file_sink *sink = NULL;
        assert_int_equal(floe_file_sink_open(&sink, call(&s, "file('w/x/a.csv')"), root, 0, NULL,
                                             NULL, NULL, &s.ctx),
                         0);
        size_t n;
        const char *const *names;
        const floe_type *const *types;
        floe_file_sink_columns(sink, &n, &names, &types);
        assert_int_equal(n, 2);
        assert_string_equal(types[0]->name, "Nullable(Int64)");
        floe_file_sink_free(sink);
        assert_int_equal(floe_file_sink_open(&sink, call(&s, "file('w/x/new.csv')"), root, 0, NULL,
                                             NULL, NULL, &s.ctx),
                         -1);
        assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_STAT);
        stmt_free(&s);
    }
    /* gzip and zstd, appended as new members */
    assert_int_equal(insert("file('w/c.csv.gz')", 1, "p", NULL), 0);
    assert_int_equal(insert("file('w/c.csv.gz')", 2, "q", NULL), 0);
    assert_int_equal(insert("file('w/c.tsv.zst')", 3, "r", NULL), 0);
    assert_int_equal(insert("file('w/c.tsv.zst')", 4, "s", NULL), 0);
    const char *cols[] = {"c1", "c2"};
    got = read_all("file('w/c.csv.gz')", cols, 2, NULL);
    assert_string_equal(got, "1\tp\n2\tq\n");
    floe_free(got);
    got = read_all("file('w/c.tsv.zst')", cols, 2, NULL);
    assert_string_equal(got, "3\tr\n4\ts\n");
    floe_free(got);
    /* outside user_files, globs */
    assert_int_equal(insert("file('../w.csv')", 1, "p", NULL), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_DATABASE_ACCESS_DENIED);
    assert_int_equal(insert("file('w/*.csv')", 1, "p", NULL), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_INCORRECT_FILE_NAME);
}

/* ---- the File engine ---- */

static floe_table *create_table(const char *sql, const char *data_dir)
{
    floe_arena *a = floe_calloc(1, sizeof *a);
    floe_ast *stmt = NULL;
    size_t used = 0;
    assert_int_equal(floe_sql_parse(&stmt, &used, a, sql, strlen(sql), NULL), 0);
    floe_table *t = NULL;
    int rc = floe_table_create(&t, stmt, "default", data_dir);
    if (rc < 0) {
        floe_arena_free(a);
        floe_free(a);
        return NULL;
    }
    floe_arena_take(&t->arena, a);
    floe_free(a);
    return t;
}

static char *scan_table(floe_table *t)
{
    stmt s;
    stmt_init(&s);
    size_t cols[8];
    for (size_t i = 0; i < t->n_cols; i++)
        cols[i] = i;
    floe_op *op = NULL;
    floe_buf out = FLOE_BUF_INIT;
    int rc = t->ops->scan(t, &op, cols, t->n_cols, NULL, &s.ctx);
    floe_text_options to = FLOE_TEXT_OPTIONS_INIT;
    while (rc == 0) {
        floe_block *b = NULL;
        if ((rc = op->next(op, &b)) < 0 || !b)
            break;
        for (size_t row = 0; row < b->rows; row++)
            for (size_t c = 0; c < b->n_cols; c++) {
                floe_text_write(&out, b->cols[c], row, FLOE_TEXT_TSV, &to);
                floe_buf_putc(&out, c + 1 < b->n_cols ? '\t' : '\n');
            }
        floe_block_free(b);
    }
    if (op)
        op->free(op);
    stmt_free(&s);
    assert_int_equal(rc, 0);
    return out.data ? floe_buf_detach(&out, NULL) : floe_strdup("");
}

static void test_engine(void **state)
{
    /* DIR/data/default/t with DIR/user_files = root */
    char dir[1024], data_dir[1200];
    snprintf(dir, sizeof dir, "%s-dir", root);
    mkdir(dir, 0755);
    snprintf(data_dir, sizeof data_dir, "%s/data", dir);
    mkdir(data_dir, 0755);
    snprintf(data_dir, sizeof data_dir, "%s/user_files", dir);
    assert_int_equal(symlink(root, data_dir), 0);
    snprintf(data_dir, sizeof data_dir, "%s/data/default/t", dir);

    floe_table *t = create_table("CREATE TABLE t (a Int64, b String) ENGINE = File(CSV)", data_dir);
    assert_non_null(t);
    /* no data file yet: ClickHouse's FILE_DOESNT_EXIST */
    {
        stmt s;
        stmt_init(&s);
        size_t cols[] = {0, 1};
        floe_op *op = NULL;
        assert_int_equal(t->ops->scan(t, &op, cols, 2, NULL, &s.ctx), -1);
        assert_int_equal(floe_error_code(), FLOE_ERR_FILE_DOESNT_EXIST);
        stmt_free(&s);
    }
    char *got;
    floe_block *b = block2(1, "x");
    assert_int_equal(t->ops->insert(t, b), 0);
    floe_block_free(b);
    b = block2(2, "y");
    assert_int_equal(t->ops->insert(t, b), 0);
    floe_block_free(b);
    got = scan_table(t);
    assert_string_equal(got, "1\tx\n2\ty\n");
    floe_free(got);
    /* virtual columns */
    {
        assert_int_equal(t->n_virtual, 4);
        assert_string_equal(t->virtual_names[1], "_file");
        stmt s;
        stmt_init(&s);
        size_t cols[] = {0, 3, 1};
        floe_op *op = NULL;
        assert_int_equal(t->ops->scan(t, &op, cols, 3, NULL, &s.ctx), 0);
        assert_string_equal(op->names[1], "_file");
        assert_string_equal(op->types[1]->name, "LowCardinality(String)");
        floe_block *blk = NULL;
        assert_int_equal(op->next(op, &blk), 0);
        assert_int_equal(blk->rows, 2);
        size_t len;
        const char *v = floe_column_string_at(blk->cols[1], 1, &len);
        assert_int_equal(len, 8);
        assert_memory_equal(v, "data.CSV", 8);
        floe_block_free(blk);
        op->free(op);
        stmt_free(&s);
    }
    char p[1400];
    snprintf(p, sizeof p, "%s/data.CSV", data_dir);
    char *data = NULL;
    size_t len;
    assert_int_equal(floe_read_file(&data, &len, p), 0);
    assert_string_equal(data, "1,\"x\"\n2,\"y\"\n");
    floe_free(data);
    assert_int_equal(t->ops->truncate(t), 0);
    got = scan_table(t);
    assert_string_equal(got, "");
    floe_free(got);
    assert_int_equal(t->ops->drop(t), 0);
    struct stat st;
    assert_int_equal(stat(data_dir, &st), -1);
    floe_table_unref(t);

    /* Parquet: one insert into an empty table, then CANNOT_APPEND_TO_FILE */
    t = create_table("CREATE TABLE t (a Int64, b String) ENGINE = File(Parquet)", data_dir);
    assert_non_null(t);
    b = block2(1, "x");
    assert_int_equal(t->ops->insert(t, b), 0);
    assert_int_equal(t->ops->insert(t, b), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_APPEND_TO_FILE);
    floe_block_free(b);
    t->ops->drop(t);
    floe_table_unref(t);

    /* PARTITION BY: every file below the table's directory, key columns
     * from the hive path (the layout EXPORT PART writes) */
    t = create_table("CREATE TABLE t (a Int64, y UInt16, b String) ENGINE = File(CSV) "
                     "PARTITION BY y",
                     data_dir);
    assert_non_null(t);
    got = scan_table(t);
    assert_string_equal(got, "");
    floe_free(got);
    b = block2(1, "x");
    assert_int_equal(t->ops->insert(t, b), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NOT_IMPLEMENTED);
    floe_block_free(b);
    {
        char p2[6000];
        snprintf(p2, sizeof p2,
                 "mkdir -p '%s/y=2020' '%s/y=2021' && printf '1,\"p\"\\n' > "
                 "'%s/y=2020/a.csv' && printf '2,\"q\"\\n' > '%s/y=2021/b.csv'",
                 data_dir, data_dir, data_dir, data_dir);
        assert_int_equal(system(p2), 0);
    }
    got = scan_table(t);
    assert_string_equal(got, "1\t2020\tp\n2\t2021\tq\n");
    floe_free(got);
    assert_int_equal(t->ops->drop(t), 0);
    assert_int_equal(stat(data_dir, &st), -1); /* DROP removes the partition directories */
    floe_table_unref(t);
    {
        char p2[6000];
        snprintf(p2, sizeof p2, "rm -rf '%s'", data_dir);
        assert_int_equal(system(p2), 0);
    }

    /* a path under user_files */
    t = create_table("CREATE TABLE t (a Int64, b String) ENGINE = File('TSV', 'e/t.tsv')",
                     data_dir);
    assert_non_null(t);
    b = block2(7, "q");
    assert_int_equal(t->ops->insert(t, b), 0);
    floe_block_free(b);
    got = slurp("e/t.tsv");
    assert_string_equal(got, "7\tq\n");
    floe_free(got);
    assert_int_equal(t->ops->drop(t), 0);
    got = slurp("e/t.tsv"); /* DROP leaves the user's file */
    assert_non_null(got);
    floe_free(got);
    floe_table_unref(t);

    assert_null(
        create_table("CREATE TABLE t (a Int64) ENGINE = File('TSV', '../x.tsv')", data_dir));
    assert_int_equal(floe_error_code(), FLOE_ERR_DATABASE_ACCESS_DENIED);
    assert_null(create_table("CREATE TABLE t (a Int64) ENGINE = File(Foo)", data_dir));
    assert_int_equal(floe_error_code(), FLOE_ERR_UNKNOWN_FORMAT);
    assert_string_equal(floe_error_message(), "Unknown format Foo");
    assert_null(create_table("CREATE TABLE t (a Int64) ENGINE = File()", data_dir));
    assert_int_equal(floe_error_code(), FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH);
    assert_string_equal(floe_error_message(),
                        "Storage File requires from 1 to 3 arguments: name of used format, "
                        "source and compression_method");
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glob_match),     cmocka_unit_test(test_expand),
        cmocka_unit_test(test_confinement),    cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_infer_csv),      cmocka_unit_test(test_infer_tsv),
        cmocka_unit_test(test_infer_settings), cmocka_unit_test(test_hive),
        cmocka_unit_test(test_infer_json),     cmocka_unit_test(test_read),
        cmocka_unit_test(test_insert),         cmocka_unit_test(test_engine),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
