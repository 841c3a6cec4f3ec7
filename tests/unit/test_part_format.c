// FLOE_UNIT_DEPS: base hash compress types sql expr exec formats parquet objstore storage catalog
// ops
/*
 * Reading the part layouts ClickHouse 26.7 writes by default
 * (tests/unit/data/part_format, see its README): Compact parts with .cmrk4
 * and .mrk3 marks, a Wide part with .cmrk2 marks, primary.cidx, strings
 * with a .size stream, sparse columns. Every column is read whole and
 * granule by granule and checked against the values the INSERT wrote;
 * damaged copies must fail with the right error, never give wrong rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/error.h"
#include "base/fs.h"
#include "base/io.h"
#include "base/mem.h"
#include "compress/ch_block.h"
#include "storage/mergetree/part.h"
#include "storage/mergetree/part_format.h"

static char data_dir[4096];
static const floe_partition_key no_key = {0};

#define ROWS      200
#define GRANULE   16
#define GRANULES  13 /* 12 of 16 rows and one of 8 */
#define N_COLUMNS 7  /* id, z, s, t, n, ns, f */

/* The INSERT of the README, value by value: a printed value, "\N" for NULL. */
static void expected(char *out, size_t cap, size_t col, uint64_t i)
{
    switch (col) {
    case 0: /* id */
        snprintf(out, cap, "%llu", (unsigned long long)i);
        break;
    case 1: /* z: sparse */
        snprintf(out, cap, "%llu", (unsigned long long)(i % 50 == 7 ? i : 0));
        break;
    case 2: /* s: sparse String */
        snprintf(out, cap, "%s", i % 40 == 3 ? "x" : "");
        break;
    case 3: /* t: String with a .size stream */
        snprintf(out, cap, "%llu", (unsigned long long)(i * 7));
        break;
    case 4: /* n: Nullable(Int32) */
        if (i % 3 == 1)
            snprintf(out, cap, "%llu", (unsigned long long)i);
        else
            snprintf(out, cap, "\\N");
        break;
    case 5: /* ns: Nullable(String) */
        if (i % 5 == 2)
            snprintf(out, cap, "%llu", (unsigned long long)i);
        else
            snprintf(out, cap, "\\N");
        break;
    default: /* f: sparse FixedString(2) */
        if (i % 45 == 0)
            snprintf(out, cap, "ab");
        else
            snprintf(out, cap, "%c%c", 0, 0); /* printed as two NULs, compared by length */
        break;
    }
}

/* Row r of column c printed the way expected() prints it. */
static void actual(char *out, size_t cap, const floe_column *c, size_t r)
{
    if (floe_column_is_null(c, r)) {
        snprintf(out, cap, "\\N");
        return;
    }
    const floe_type *b = floe_type_base(c->type);
    if (b->id == FLOE_TYPE_STRING) {
        size_t len;
        const char *s = floe_column_string_at(c, r, &len);
        snprintf(out, cap, "%.*s", (int)len, s);
        return;
    }
    if (b->id == FLOE_TYPE_FIXEDSTRING) {
        const uint8_t *p = floe_column_fixed_at(c, r);
        snprintf(out, cap, "%c%c", p[0], p[1]);
        return;
    }
    uint64_t v = 0;
    memcpy(&v, floe_column_fixed_at(c, r), b->width);
    if (b->width == 4 && (v & 0x80000000u) && b->id != FLOE_TYPE_UINT32)
        v |= 0xffffffff00000000ull;
    snprintf(out, cap, "%llu", (unsigned long long)v);
}

static void check_rows(const floe_column *c, size_t col, uint64_t first_row, size_t rows)
{
    assert_int_equal(c->rows, rows);
    for (size_t r = 0; r < rows; r++) {
        char want[64], got[64];
        expected(want, sizeof want, col, first_row + r);
        actual(got, sizeof got, c, r);
        if (col == 6 ? memcmp(want, got, 2) != 0 : strcmp(want, got) != 0)
            fail_msg("column %zu row %llu: got '%s', want '%s'", col,
                     (unsigned long long)(first_row + r), got, want);
    }
}

static floe_part *load_fixture(const char *name)
{
    char dir[8192];
    snprintf(dir, sizeof dir, "%s/%s", data_dir, name);
    floe_part *p = NULL;
    if (floe_part_load(&p, dir, "all_1_1_0", &no_key, true) < 0)
        fail_msg("loading %s: %s", name, floe_error_message());
    return p;
}

static void read_fixture(const char *name, bool compact, bool compressed, bool per_substream)
{
    floe_part *p = load_fixture(name);
    assert_int_equal(p->rows, ROWS);
    assert_int_equal(p->marks, GRANULES);
    for (size_t g = 0; g < GRANULES; g++)
        assert_int_equal(p->granule_rows[g], g + 1 < GRANULES ? GRANULE : ROWS % GRANULE);
    assert_int_equal(p->n_cols, N_COLUMNS);
    assert_true(p->format->compact == compact);
    assert_true(p->format->compressed_marks == compressed);
    assert_true(p->format->mark_per_substream == per_substream);
    /* z, s and f are mostly defaults: ClickHouse made them sparse */
    assert_true(p->format->cols[1].sparse && p->format->cols[2].sparse &&
                p->format->cols[6].sparse);
    assert_false(p->format->cols[0].sparse || p->format->cols[3].sparse);
    assert_true(p->format->cols[3].size_stream && p->format->cols[5].size_stream);
    for (size_t c = 0; c < N_COLUMNS; c++) {
        floe_column *col = NULL;
        if (floe_part_read_column(&col, p, c) < 0)
            fail_msg("%s column %zu: %s", name, c, floe_error_message());
        check_rows(col, c, 0, ROWS);
        floe_column_free(col);
        /* granules 5..7, then back to 2..3, then on to 4 and the last */
        floe_part_reader *r = NULL;
        assert_int_equal(floe_part_reader_open(&r, p, c), 0);
        static const size_t ranges[][2] = {{5, 3}, {2, 2}, {4, 1}, {12, 1}};
        for (size_t k = 0; k < 4; k++) {
            col = floe_column_new(p->col_types[c]);
            if (floe_part_reader_read(r, col, ranges[k][0], ranges[k][1]) < 0)
                fail_msg("%s column %zu: %s", name, c, floe_error_message());
            size_t rows = ranges[k][0] == 12 ? ROWS % GRANULE : ranges[k][1] * GRANULE;
            check_rows(col, c, ranges[k][0] * GRANULE, rows);
            floe_column_free(col);
        }
        floe_part_reader_free(r);
    }
    /* the primary index: id at each granule's first row, and the last row */
    char *idx = NULL;
    size_t len = 0;
    assert_int_equal(floe_part_read_primary(&idx, &len, p), 0);
    assert_int_equal(len, (GRANULES + 1) * 8);
    for (size_t g = 0; g <= GRANULES; g++) {
        uint64_t v;
        memcpy(&v, idx + g * 8, 8);
        assert_int_equal(v, g < GRANULES ? g * GRANULE : ROWS - 1);
    }
    floe_free(idx);
    floe_part_unref(p);
}

static void test_compact_cmrk4(void **state)
{
    (void)state;
    read_fixture("c4", true, true, true);
}

static void test_compact_mrk3(void **state)
{
    (void)state;
    read_fixture("c3", true, false, false);
}

static void test_wide_cmrk2(void **state)
{
    (void)state;
    read_fixture("w", false, true, false);
}

/* ---- damaged copies ---- */

static char scratch[4096];

/* Copies fixture name into a fresh directory; returns its path. */
static const char *copy_fixture(const char *name)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(scratch, sizeof scratch, "%s/floe-unit-part-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(scratch))
        fail_msg("mkdtemp");
    char from[8192], to[8192];
    snprintf(from, sizeof from, "%s/%s", data_dir, name);
    DIR *d = opendir(from);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p;
        size_t n;
        snprintf(from, sizeof from, "%s/%s/%s", data_dir, name, e->d_name);
        snprintf(to, sizeof to, "%s/%s", scratch, e->d_name);
        assert_int_equal(floe_read_file(&p, &n, from), 0);
        assert_int_equal(floe_write_file_atomic(to, p, n), 0);
        floe_free(p);
    }
    closedir(d);
    return scratch;
}

static void put_file(const char *dir, const char *name, const void *p, size_t n)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(floe_write_file_atomic(path, p, n), 0);
}

static void replace_in_file(const char *dir, const char *name, const char *from, const char *to)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *p;
    size_t n;
    assert_int_equal(floe_read_file(&p, &n, path), 0);
    char *at = strstr(p, from);
    assert_non_null(at);
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_append(&b, p, (size_t)(at - p));
    floe_buf_puts(&b, to);
    floe_buf_puts(&b, at + strlen(from));
    put_file(dir, name, b.data, b.len);
    floe_buf_free(&b);
    floe_free(p);
}

static int load_dir(floe_part **p, const char *dir)
{
    *p = NULL;
    return floe_part_load(p, dir, "all_1_1_0", &no_key, false);
}

static void test_unknown_serialization(void **state)
{
    (void)state;
    const char *dir = copy_fixture("c4");
    floe_part *p;
    replace_in_file(dir, "serialization.json", "\"kind\":\"Default\"", "\"kind\":\"Detached\"");
    assert_int_equal(load_dir(&p, dir), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NOT_IMPLEMENTED);
    floe_fs_remove_tree(dir);
    copy_fixture("w");
    replace_in_file(scratch, "serialization.json", "\"string\":1", "\"string\":2");
    assert_int_equal(load_dir(&p, scratch), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NOT_IMPLEMENTED);
    floe_fs_remove_tree(scratch);
}

static void test_damaged_marks(void **state)
{
    (void)state;
    floe_part *p;
    /* .mrk3 cut inside a mark row */
    const char *dir = copy_fixture("c3");
    char path[8192];
    snprintf(path, sizeof path, "%s/data.mrk3", dir);
    char *m;
    size_t n;
    assert_int_equal(floe_read_file(&m, &n, path), 0);
    put_file(dir, "data.mrk3", m, n - 8);
    floe_free(m);
    assert_int_equal(load_dir(&p, dir), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_CORRUPTED_DATA);
    floe_fs_remove_tree(dir);
    /* a flipped byte in compressed marks: the block checksum catches it */
    dir = copy_fixture("c4");
    snprintf(path, sizeof path, "%s/data.cmrk4", dir);
    assert_int_equal(floe_read_file(&m, &n, path), 0);
    m[n - 3] ^= 0x40;
    put_file(dir, "data.cmrk4", m, n);
    floe_free(m);
    assert_int_equal(load_dir(&p, dir), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_CHECKSUM_DOESNT_MATCH);
    floe_fs_remove_tree(dir);
}

/* columns.txt cut inside a name, or counting more columns than it holds;
 * granule rows that add up to count.txt only by wrapping around */
static void test_damaged_metadata(void **state)
{
    (void)state;
    floe_part *p;
    const char *dir = copy_fixture("c3");
    static const char *const bad[] = {
        "columns format version: 1\n7 columns:\n`id` UInt64\n`z",
        "columns format version: 1\n99999999999999 columns:\n`id` UInt64\n",
    };
    for (size_t i = 0; i < 2; i++) {
        put_file(dir, "columns.txt", bad[i], strlen(bad[i]));
        assert_int_equal(load_dir(&p, dir), -1);
        assert_int_equal(floe_error_code(), FLOE_ERR_CORRUPTED_DATA);
    }
    floe_fs_remove_tree(dir);
    dir = copy_fixture("c3");
    char path[8192];
    snprintf(path, sizeof path, "%s/data.mrk3", dir);
    char *m;
    size_t n;
    assert_int_equal(floe_read_file(&m, &n, path), 0);
    const size_t row = (2 * N_COLUMNS + 1) * 8; /* a .mrk3 mark row */
    for (size_t g = 0; g < 2; g++) {
        uint64_t rows = GRANULE + (1ull << 63);
        memcpy(m + g * row + row - 8, &rows, 8);
    }
    put_file(dir, "data.mrk3", m, n);
    floe_free(m);
    assert_int_equal(load_dir(&p, dir), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_CORRUPTED_DATA);
    floe_fs_remove_tree(dir);
}

static void test_damaged_sparse_offsets(void **state)
{
    (void)state;
    /* z.sparse.idx.bin whose first run is longer than the granule */
    const char *dir = copy_fixture("w");
    unsigned char run[10];
    uint64_t v = 1000 | (1ull << 62);
    size_t k = 0;
    do {
        run[k] = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            run[k] |= 0x80;
        k++;
    } while (v);
    floe_buf bin = FLOE_BUF_INIT;
    floe_codec none = {FLOE_CODEC_NONE, FLOE_CODEC_DEFAULT_LEVEL};
    assert_int_equal(floe_chblock_compress(&bin, &none, run, k), 0);
    put_file(dir, "z.sparse.idx.bin", bin.data, bin.len);
    floe_buf_free(&bin);
    floe_part *p;
    assert_int_equal(load_dir(&p, dir), 0);
    floe_column *c = NULL;
    assert_int_equal(floe_part_read_column(&c, p, 1), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_CORRUPTED_DATA);
    assert_null(c);
    /* the other columns still read */
    assert_int_equal(floe_part_read_column(&c, p, 3), 0);
    check_rows(c, 3, 0, ROWS);
    floe_column_free(c);
    floe_part_unref(p);
    floe_fs_remove_tree(dir);
}

/* A column of a type floe does not read from parts: the part loads (its
 * substreams counted from columns_substreams.txt), reading it is refused,
 * the columns after it read right. */
static void test_unsupported_column(void **state)
{
    (void)state;
    const char *dir = copy_fixture("c4");
    replace_in_file(dir, "columns.txt", "`t` String", "`t` LowCardinality(String)");
    floe_part *p;
    if (load_dir(&p, dir) < 0)
        fail_msg("%s", floe_error_message());
    floe_column *c = NULL;
    assert_int_equal(floe_part_read_column(&c, p, 3), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NOT_IMPLEMENTED);
    for (size_t col = 4; col < N_COLUMNS; col++) {
        assert_int_equal(floe_part_read_column(&c, p, col), 0);
        check_rows(c, col, 0, ROWS);
        floe_column_free(c);
    }
    floe_part_unref(p);
    floe_fs_remove_tree(dir);
}

int main(void)
{
    /* The fixtures sit beside this file. */
    snprintf(data_dir, sizeof data_dir, "%s", __FILE__);
    char *slash = strrchr(data_dir, '/');
    if (slash)
        snprintf(slash, sizeof data_dir - (size_t)(slash - data_dir), "/data/part_format");
    else
        snprintf(data_dir, sizeof data_dir, "tests/unit/data/part_format");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compact_cmrk4),      cmocka_unit_test(test_compact_mrk3),
        cmocka_unit_test(test_wide_cmrk2),         cmocka_unit_test(test_unknown_serialization),
        cmocka_unit_test(test_damaged_marks),      cmocka_unit_test(test_damaged_sparse_offsets),
        cmocka_unit_test(test_unsupported_column), cmocka_unit_test(test_damaged_metadata),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
