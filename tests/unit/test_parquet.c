// FLOE_UNIT_DEPS: base hash compress types parquet
/*
 * Parquet encodings and writer: byte-exact RLE/bit-packing hybrid, PLAIN
 * booleans and DELTA_BINARY_PACKED against the examples of Encodings.md,
 * round trips over many shapes, the dictionary builder, and files written
 * by floe_parquet_writer read back through the metadata parser (footer,
 * statistics in the right order, sorting columns, key-value metadata, page
 * index, page headers, thread-count independence, type errors).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>

#include "base/error.h"
#include "base/io.h"
#include "parquet/bloom.h"
#include "parquet/encoding.h"
#include "parquet/meta.h"
#include "parquet/reader.h"
#include "parquet/writer.h"
#include "types/column.h"
#include "types/type.h"

static void expect_bytes(const floe_buf *b, const uint8_t *want, size_t n)
{
    assert_int_equal(b->len, n);
    assert_memory_equal(b->data, want, n);
}

/* --- RLE / bit-packing hybrid --- */

static void test_rle_exact(void **state)
{
    floe_buf b = FLOE_BUF_INIT;
    /* Encodings.md: 0..7 at bit width 3 bit-pack to 0x88 0xC6 0xFA. */
    uint32_t seq[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    floe_parquet_rle_encode(&b, seq, 8, 3);
    static const uint8_t want1[] = {0x03, 0x88, 0xc6, 0xfa};
    expect_bytes(&b, want1, sizeof want1);

    /* A run: header count << 1, then the value in ceil(width / 8) bytes. */
    floe_buf_clear(&b);
    uint32_t run[300];
    for (int i = 0; i < 300; i++)
        run[i] = 0x1234;
    floe_parquet_rle_encode(&b, run, 300, 13);
    static const uint8_t want2[] = {0xd8, 0x04, 0x34, 0x12};
    expect_bytes(&b, want2, sizeof want2);

    /* Eight literals then a run of 20. */
    floe_buf_clear(&b);
    uint32_t mixed[28] = {1, 2, 3, 4, 5, 6, 7, 0};
    for (int i = 8; i < 28; i++)
        mixed[i] = 9;
    floe_parquet_rle_encode(&b, mixed, 28, 4);
    static const uint8_t want3[] = {0x03, 0x21, 0x43, 0x65, 0x07, 0x28, 0x09};
    expect_bytes(&b, want3, sizeof want3);

    /* Three literals and a run of 10: the run lends 5 values to fill the
     * group and what is left (5) is too short to be a run. */
    floe_buf_clear(&b);
    uint32_t short_run[13] = {1, 2, 3, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
    floe_parquet_rle_encode(&b, short_run, 13, 3);
    assert_int_equal((uint8_t)b.data[0], 0x05); /* 2 groups, bit-packed */
    assert_int_equal(b.len, 1 + 2 * 3);

    /* Definition levels from a null map (level = !null). */
    floe_buf_clear(&b);
    uint8_t nulls[10] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    floe_parquet_rle_encode_bits(&b, nulls, 10, true);
    /* A run of nine 1s, then one literal 0 padded to a group. */
    static const uint8_t want4[] = {0x12, 0x01, 0x03, 0x00};
    expect_bytes(&b, want4, sizeof want4);

    /* Levels one per byte at width 2: the same as the uint32 encoder. */
    uint8_t lv[20] = {2, 2, 1, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 1, 2, 1, 0};
    uint32_t lv32[20];
    for (int i = 0; i < 20; i++)
        lv32[i] = lv[i];
    floe_buf a = FLOE_BUF_INIT;
    floe_buf_clear(&b);
    floe_parquet_rle_encode_u8(&b, lv, 20, 2);
    floe_parquet_rle_encode(&a, lv32, 20, 2);
    expect_bytes(&b, (const uint8_t *)a.data, a.len);
    floe_buf_free(&a);
    floe_buf_free(&b);
}

static void rle_round_trip(const uint32_t *v, size_t n, int width)
{
    floe_buf b = FLOE_BUF_INIT;
    floe_parquet_rle_encode(&b, v, n, width);
    uint32_t *out = calloc(n + 1, sizeof *out);
    size_t used = 0;
    assert_int_equal(floe_parquet_rle_decode(out, n, (const uint8_t *)b.data, b.len, width, &used),
                     0);
    assert_int_equal(used, b.len);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(out[i], v[i]);
    free(out);
    floe_buf_free(&b);
}

static void test_rle_round_trip(void **state)
{
    srand(7);
    size_t n = 5000;
    uint32_t *v = malloc(n * sizeof *v);
    for (int width = 1; width <= 32; width++) {
        uint64_t max = width == 32 ? UINT32_MAX : ((1ull << width) - 1);
        for (int shape = 0; shape < 4; shape++) {
            size_t i = 0;
            while (i < n) {
                size_t len = shape == 0   ? 1
                             : shape == 1 ? (size_t)(rand() % 20 + 1)
                             : shape == 2 ? (size_t)(rand() % 3 + 6)
                                          : (size_t)(rand() % 600);
                uint32_t x = (uint32_t)(((uint64_t)rand() << 16 ^ (uint64_t)rand()) % (max + 1));
                for (size_t k = 0; k < len && i < n; k++)
                    v[i++] = x;
            }
            size_t lens[] = {0, 1, 7, 8, 9, 15, 16, 17, 503, 504, 505, 1009, n};
            for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++)
                rle_round_trip(v, lens[l], width);
        }
    }
    free(v);

    /* Truncated input fails. */
    uint32_t seq[8] = {0, 1, 2, 3, 4, 5, 6, 7}, out[8];
    floe_buf b = FLOE_BUF_INIT;
    floe_parquet_rle_encode(&b, seq, 8, 3);
    assert_int_equal(floe_parquet_rle_decode(out, 8, (const uint8_t *)b.data, b.len - 1, 3, NULL),
                     -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_INCORRECT_DATA);
    floe_buf_free(&b);
}

/* --- PLAIN booleans, DELTA_BINARY_PACKED --- */

static void test_plain_bool(void **state)
{
    floe_buf b = FLOE_BUF_INIT;
    uint8_t v[9] = {1, 0, 1, 1, 0, 0, 0, 0, 1};
    floe_parquet_plain_bool(&b, v, 9);
    static const uint8_t want[] = {0x0d, 0x01};
    expect_bytes(&b, want, sizeof want);
    floe_buf_free(&b);
}

static void test_delta_exact(void **state)
{
    /* Encodings.md example 1: 1 2 3 4 5 -> header (128, 4, 5, first 1),
     * block min delta 1 and four zero bit widths, no miniblock bodies. */
    floe_buf b = FLOE_BUF_INIT;
    int32_t v[5] = {1, 2, 3, 4, 5};
    floe_parquet_delta_encode_i32(&b, v, 5);
    static const uint8_t want[] = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0};
    expect_bytes(&b, want, sizeof want);

    /* Example 2: 7 5 3 1 2 3 4 5: deltas -2 -2 -2 1 1 1 1, min -2, so
     * offsets 0 0 0 3 3 3 3 in one miniblock of width 2 (32 values, 8 bytes). */
    floe_buf_clear(&b);
    int64_t w[8] = {7, 5, 3, 1, 2, 3, 4, 5};
    floe_parquet_delta_encode_i64(&b, w, 8);
    static const uint8_t want2[] = {0x80, 0x01, 0x04, 0x08, 0x0e, 0x03, 0x02, 0x00, 0x00,
                                    0x00, 0xc0, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    expect_bytes(&b, want2, sizeof want2);
    floe_buf_free(&b);
}

static void test_delta_round_trip(void **state)
{
    size_t n = 3000;
    int64_t *v = malloc(n * sizeof *v), *out = malloc(n * sizeof *out);
    int32_t *v32 = malloc(n * sizeof *v32), *out32 = malloc(n * sizeof *out32);
    srand(11);
    for (int shape = 0; shape < 4; shape++) {
        for (size_t i = 0; i < n; i++) {
            uint64_t r = (uint64_t)rand() << 33 ^ (uint64_t)rand() << 11 ^ (uint64_t)rand();
            v[i] = shape == 0   ? (int64_t)i * 3
                   : shape == 1 ? (int64_t)r
                   : shape == 2 ? (i % 2 ? INT64_MIN : INT64_MAX)
                                : (int64_t)(r % 100) - 50;
            v32[i] = shape == 2 ? (i % 2 ? INT32_MIN : INT32_MAX) : (int32_t)v[i];
        }
        size_t lens[] = {0, 1, 2, 33, 128, 129, 257, n};
        for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++) {
            floe_buf b = FLOE_BUF_INIT;
            floe_parquet_delta_encode_i64(&b, v, lens[l]);
            size_t used;
            assert_int_equal(
                floe_parquet_delta_decode(out, lens[l], 8, (const uint8_t *)b.data, b.len, &used),
                0);
            assert_int_equal(used, b.len);
            assert_memory_equal(out, v, lens[l] * 8);
            floe_buf_clear(&b);
            floe_parquet_delta_encode_i32(&b, v32, lens[l]);
            assert_int_equal(
                floe_parquet_delta_decode(out32, lens[l], 4, (const uint8_t *)b.data, b.len, &used),
                0);
            assert_int_equal(used, b.len);
            assert_memory_equal(out32, v32, lens[l] * 4);
            floe_buf_free(&b);
        }
    }
    free(v);
    free(out);
    free(v32);
    free(out32);
}

/* --- dictionary --- */

static void test_dict(void **state)
{
    floe_parquet_dict d;
    floe_parquet_dict_init(&d, 8);
    uint64_t vals[6] = {5, 7, 5, 5, 9, 7};
    uint32_t idx[6];
    assert_true(floe_parquet_dict_add_fixed(&d, (const uint8_t *)vals, 6, idx, 1 << 20));
    assert_int_equal(d.n, 3);
    uint32_t want[6] = {0, 1, 0, 0, 2, 1};
    assert_memory_equal(idx, want, sizeof want);
    uint64_t dv[3] = {5, 7, 9};
    assert_int_equal(d.values.len, 24);
    assert_memory_equal(d.values.data, dv, 24);
    /* Many distinct values: the table grows and keeps every index right. */
    floe_parquet_dict_reset(&d, 4);
    uint32_t *many = malloc(100000 * sizeof *many), *mi = malloc(100000 * sizeof *mi);
    for (uint32_t i = 0; i < 100000; i++)
        many[i] = (i * 2654435761u) % 30011;
    assert_true(floe_parquet_dict_add_fixed(&d, (const uint8_t *)many, 100000, mi, 1 << 20));
    assert_int_equal(d.n, 30011);
    for (uint32_t i = 0; i < 100000; i++)
        assert_memory_equal(d.values.data + (size_t)mi[i] * 4, &many[i], 4);
    /* Over the limit: false. */
    floe_parquet_dict_reset(&d, 4);
    assert_false(floe_parquet_dict_add_fixed(&d, (const uint8_t *)many, 100000, mi, 1000));
    free(many);
    free(mi);

    /* Byte arrays: PLAIN dictionary body with 4-byte lengths. */
    floe_parquet_dict_reset(&d, 0);
    const char *data = "abbabc";
    uint64_t ends[5] = {1, 3, 4, 4, 6}; /* "a" "bb" "a" "" "bc" */
    uint32_t bi[5];
    assert_true(floe_parquet_dict_add_bytes(&d, (const uint8_t *)data, ends, 0, 5, bi, 1 << 20));
    uint32_t bwant[5] = {0, 1, 0, 2, 3};
    assert_memory_equal(bi, bwant, sizeof bwant);
    static const uint8_t body[] = {1, 0, 0, 0, 'a', 2, 0, 0, 0,   'b', 'b',
                                   0, 0, 0, 0, 2,   0, 0, 0, 'b', 'c'};
    expect_bytes(&d.values, body, sizeof body);
    floe_parquet_dict_free(&d);
}

/* --- Bloom filters --- */

static void test_bloom(void **state)
{
    /* XXH64 reference values (seed 0). */
    assert_true(floe_parquet_xxh64("", 0, 0) == 0xef46db3751d8e999ull);
    assert_true(floe_parquet_xxh64("a", 1, 0) == 0xd24ec4f1a98c6e5bull);
    assert_true(floe_parquet_xxh64("abc", 3, 0) == 0x44bc2cf5ad770999ull);
    const char *long_in = "0123456789abcdef0123456789abcdef0123456789";
    assert_true(floe_parquet_xxh64(long_in, strlen(long_in), 0) == 0xa76190c3acf08a1cull);

    floe_parquet_bloom f;
    floe_parquet_bloom_init(&f, 10000, 10.5);
    assert_int_equal(f.n_blocks * 32, 16384); /* 13125 bytes rounded up */
    for (uint64_t i = 0; i < 10000; i++)
        floe_parquet_bloom_insert(&f, floe_parquet_xxh64(&i, 8, 0));
    for (uint64_t i = 0; i < 10000; i++)
        assert_true(floe_parquet_bloom_check(&f, floe_parquet_xxh64(&i, 8, 0)));
    int fp = 0;
    for (uint64_t i = 10000; i < 20000; i++)
        fp += floe_parquet_bloom_check(&f, floe_parquet_xxh64(&i, 8, 0));
    assert_true(fp < 300); /* about 1% expected */
    floe_buf b = FLOE_BUF_INIT;
    floe_parquet_bloom_serialize(&b, &f);
    /* header: numBytes 16384 (zigzag varint 0x80 0x80 0x02), three unions */
    static const uint8_t head[] = {0x15, 0x80, 0x80, 0x02, 0x1c, 0x1c, 0x00, 0x00, 0x1c,
                                   0x1c, 0x00, 0x00, 0x1c, 0x1c, 0x00, 0x00, 0x00};
    assert_int_equal(b.len, sizeof head + 16384);
    assert_memory_equal(b.data, head, sizeof head);
    floe_buf_free(&b);
    floe_parquet_bloom_free(&f);
}

/* --- writer --- */

typedef struct file_out {
    floe_buf buf;
    floe_parquet_meta *meta;
} file_out;

static floe_block *make_block(size_t from, size_t n)
{
    floe_block *b = floe_block_new();
    floe_column *u32 = floe_column_new(floe_type_get(FLOE_TYPE_UINT32));
    floe_column *s = floe_column_new(floe_type_nullable(floe_type_get(FLOE_TYPE_STRING)));
    floe_column *f = floe_column_new(floe_type_get(FLOE_TYPE_FLOAT64));
    floe_column *i8 = floe_column_new(floe_type_get(FLOE_TYPE_INT8));
    for (size_t r = from; r < from + n; r++) {
        uint32_t u = r % 2 ? 0xffffffffu - (uint32_t)r : (uint32_t)r; /* both halves of uint32 */
        floe_column_push_fixed(u32, &u);
        if (r % 5 == 0) {
            floe_column_push_null(s);
        } else {
            char tmp[32];
            int l = snprintf(tmp, sizeof tmp, "%c%zu", r % 3 ? 'b' : '\xc3', r % 50);
            floe_column_push_string(s, tmp, (size_t)l);
        }
        double x = r % 7 == 0 ? NAN : r % 11 == 0 ? -0.0 : (double)r - 100;
        floe_column_push_fixed(f, &x);
        int8_t y = (int8_t)(r % 256 - 128);
        floe_column_push_fixed(i8, &y);
    }
    floe_block_add(b, "u", u32);
    floe_block_add(b, "s", s);
    floe_block_add(b, "f", f);
    floe_block_add(b, "i", i8);
    b->rows = n;
    return b;
}

static void write_file(file_out *out, const floe_parquet_options *o, size_t rows)
{
    const char *names[] = {"u", "s", "f", "i"};
    const floe_type *types[] = {floe_type_get(FLOE_TYPE_UINT32),
                                floe_type_nullable(floe_type_get(FLOE_TYPE_STRING)),
                                floe_type_get(FLOE_TYPE_FLOAT64), floe_type_get(FLOE_TYPE_INT8)};
    memset(out, 0, sizeof *out);
    floe_parquet_writer *w = NULL;
    assert_int_equal(floe_parquet_writer_new(&w, 4, names, types, o, floe_sink_buf(&out->buf)), 0);
    for (size_t r = 0; r < rows; r += 1000) {
        floe_block *b = make_block(r, rows - r < 1000 ? rows - r : 1000);
        assert_int_equal(floe_parquet_writer_add_block(w, b), 0);
        floe_block_free(b);
    }
    assert_int_equal(floe_parquet_writer_finish(w), 0);
    assert_int_equal(floe_parquet_writer_bytes(w), out->buf.len);
    floe_parquet_writer_free(w);
    assert_int_equal(floe_parquet_meta_from_file(&out->meta, out->buf.data, out->buf.len), 0);
}

static void free_file(file_out *out)
{
    floe_parquet_meta_free(out->meta);
    floe_buf_free(&out->buf);
}

static bool bytes_eq(floe_parquet_bytes b, const void *p, size_t n)
{
    return b.p && b.n == n && memcmp(b.p, p, n) == 0;
}

static void test_writer_footer(void **state)
{
    floe_parquet_kv kv[2] = {{"origin", "test"}, {"bare", NULL}};
    floe_parquet_sorting_column sort[1] = {{2, true, false}};
    floe_parquet_options o = FLOE_PARQUET_OPTIONS_INIT;
    o.row_group_rows = 2500;
    o.page_size = 1000;
    o.kv = kv;
    o.n_kv = 2;
    o.sorting = sort;
    o.n_sorting = 1;
    file_out f;
    write_file(&f, &o, 6000);
    const floe_parquet_meta *m = f.meta;
    assert_int_equal(m->version, 2);
    assert_int_equal(m->num_rows, 6000);
    assert_int_equal(m->n_schema, 5);
    assert_true(bytes_eq(m->schema[0].name, "schema", 6));
    assert_int_equal(m->schema[0].num_children, 4);
    /* UInt32: INT32 with INTEGER(32, unsigned) and UINT_32. */
    assert_int_equal(m->schema[1].type, 1);
    assert_int_equal(m->schema[1].repetition, 0);
    assert_int_equal(m->schema[1].logical, 10);
    assert_int_equal(m->schema[1].int_bits, 32);
    assert_false(m->schema[1].int_signed);
    assert_int_equal(m->schema[1].converted, 13);
    /* Nullable(String): OPTIONAL BYTE_ARRAY, STRING, UTF8. */
    assert_int_equal(m->schema[2].type, 6);
    assert_int_equal(m->schema[2].repetition, 1);
    assert_int_equal(m->schema[2].logical, 1);
    assert_int_equal(m->schema[2].converted, 0);
    /* Int8: INTEGER(8, signed), INT_8. */
    assert_int_equal(m->schema[4].int_bits, 8);
    assert_true(m->schema[4].int_signed);
    assert_int_equal(m->schema[4].converted, 15);
    assert_int_equal(m->n_column_orders, 4);
    char want_by[64];
    snprintf(want_by, sizeof want_by, "floe version %s", FLOE_VERSION);
    assert_true(bytes_eq(m->created_by, want_by, strlen(want_by)));
    assert_int_equal(m->n_kv, 2);
    assert_true(bytes_eq(m->kv[0].key, "origin", 6));
    assert_true(bytes_eq(m->kv[0].value, "test", 4));
    assert_true(bytes_eq(m->kv[1].key, "bare", 4));
    assert_null(m->kv[1].value.p);

    assert_int_equal(m->n_row_groups, 3);
    int64_t rows[3] = {2500, 2500, 1000};
    for (size_t g = 0; g < 3; g++) {
        const floe_parquet_row_group *rg = &m->row_groups[g];
        assert_int_equal(rg->num_rows, rows[g]);
        assert_int_equal(rg->ordinal, (int)g);
        assert_int_equal(rg->n_sorting, 1);
        assert_int_equal(rg->sorting[0].column, 2);
        assert_true(rg->sorting[0].descending);
        assert_false(rg->sorting[0].nulls_first);
        assert_int_equal(rg->n_columns, 4);
        int64_t sum = 0;
        for (size_t c = 0; c < 4; c++) {
            const floe_parquet_column_meta *cm = &rg->columns[c];
            assert_int_equal(cm->codec, 6);
            assert_int_equal(cm->num_values, rows[g]);
            sum += cm->total_compressed;
            /* Walk the chunk's pages: headers parse and sizes add up; the
             * offset index lists exactly the data pages. */
            int64_t start =
                cm->dictionary_page_offset >= 0 ? cm->dictionary_page_offset : cm->data_page_offset;
            if (c == 0)
                assert_int_equal(start, rg->file_offset);
            floe_parquet_page_index pi = {0};
            assert_true(cm->offset_index_offset > 0);
            assert_int_equal(floe_parquet_offset_index_parse(
                                 &pi, (const uint8_t *)f.buf.data + cm->offset_index_offset,
                                 (size_t)cm->offset_index_length),
                             0);
            int64_t pos = start, values = 0;
            size_t data_pages = 0;
            while (pos < start + cm->total_compressed) {
                floe_parquet_page_header h;
                size_t used;
                assert_int_equal(floe_parquet_page_header_parse(
                                     &h, (const uint8_t *)f.buf.data + pos,
                                     (size_t)(start + cm->total_compressed - pos), &used),
                                 0);
                if (h.type == 0) {
                    assert_true(data_pages < pi.n_locations);
                    assert_int_equal(pi.locations[data_pages].offset, pos);
                    assert_int_equal(pi.locations[data_pages].compressed_page_size,
                                     (int32_t)used + h.compressed_size);
                    assert_int_equal(pi.locations[data_pages].first_row_index, values);
                    values += h.num_values;
                    data_pages++;
                } else {
                    assert_int_equal(h.type, 2);
                    assert_int_equal(pos, cm->dictionary_page_offset);
                }
                pos += (int64_t)used + h.compressed_size;
            }
            assert_int_equal(pos, start + cm->total_compressed);
            assert_int_equal(values, rows[g]);
            assert_int_equal(data_pages, pi.n_locations);
            if (c == 0)
                assert_true(data_pages > 1); /* page_size 1000 cuts 2500 UInt32s */
            floe_parquet_page_index_free(&pi);
        }
        assert_int_equal(rg->total_compressed_size, sum);
    }
    free_file(&f);
}

static void test_writer_statistics(void **state)
{
    floe_parquet_options o = FLOE_PARQUET_OPTIONS_INIT;
    o.page_size = 512;
    file_out f;
    write_file(&f, &o, 3000);
    const floe_parquet_row_group *rg = &f.meta->row_groups[0];
    /* UInt32: unsigned order, no deprecated signed min/max. */
    const floe_parquet_statistics *s = &rg->columns[0].stats;
    uint32_t mn = 0, mx = 0xffffffffu - 1;
    assert_true(bytes_eq(s->min_value, &mn, 4));
    assert_true(bytes_eq(s->max_value, &mx, 4));
    assert_null(s->min.p);
    assert_true(s->has_null_count);
    assert_int_equal(s->null_count, 0);
    /* Nullable(String): byte-wise order ('\xc3' sorts after 'b'). */
    s = &rg->columns[1].stats;
    assert_int_equal(s->null_count, 600);
    assert_true(bytes_eq(s->min_value, "b1", 2));
    assert_true(bytes_eq(s->max_value,
                         "\xc3"
                         "9",
                         2));
    /* Float64: NaN left out (row 0 is NaN, so the minimum is row 1's). */
    s = &rg->columns[2].stats;
    double fmn = -99, fmx = 2899;
    assert_true(bytes_eq(s->min_value, &fmn, 8));
    assert_true(bytes_eq(s->max_value, &fmx, 8));
    assert_true(bytes_eq(s->min, &fmn, 8)); /* signed order: deprecated fields too */
    /* Int8 stored as INT32. */
    s = &rg->columns[3].stats;
    int32_t imn = -128, imx = 127;
    assert_true(bytes_eq(s->min_value, &imn, 4));
    assert_true(bytes_eq(s->max_value, &imx, 4));

    /* Column index of the UInt32 column: one entry per page, bounds inside
     * the chunk's, null counts zero. */
    const floe_parquet_column_meta *cm = &rg->columns[0];
    floe_parquet_page_index pi = {0};
    assert_true(cm->column_index_offset > 0);
    assert_int_equal(
        floe_parquet_column_index_parse(&pi, (const uint8_t *)f.buf.data + cm->column_index_offset,
                                        (size_t)cm->column_index_length),
        0);
    assert_true(pi.n_pages > 1);
    for (size_t p = 0; p < pi.n_pages; p++) {
        assert_false(pi.null_pages[p]);
        assert_int_equal(pi.null_counts[p], 0);
        uint32_t a, b;
        memcpy(&a, pi.min_values[p].p, 4);
        memcpy(&b, pi.max_values[p].p, 4);
        assert_true(a <= b);
    }
    floe_parquet_page_index_free(&pi);
    free_file(&f);
}

/* Pages are encoded on any thread and row groups in the background, but
 * the file must be the one a single thread writes; small pages make many
 * per chunk, so that pages of one chunk run at once, and a small
 * row_group_bytes makes row groups too large to encode in the background. */
static void test_writer_threads_identical(void **state)
{
    struct {
        size_t page_size;
        uint64_t row_group_bytes;
    } configs[] = {{1u << 20, 512u << 20}, {512, 512u << 20}, {1u << 20, 40000}};
    for (size_t k = 0; k < sizeof configs / sizeof configs[0]; k++) {
        floe_parquet_options o = FLOE_PARQUET_OPTIONS_INIT;
        o.row_group_rows = 1500;
        o.page_size = configs[k].page_size;
        o.row_group_bytes = configs[k].row_group_bytes;
        file_out one;
        write_file(&one, &o, 5000);
        assert_true(one.meta->n_row_groups >= 4);
        for (size_t r = 0; r < one.meta->n_row_groups; r++) {
            /* A row group starts where its first chunk does. */
            const floe_parquet_row_group *rg = &one.meta->row_groups[r];
            const floe_parquet_column_meta *c0 = &rg->columns[0];
            int64_t start =
                c0->dictionary_page_offset >= 0 ? c0->dictionary_page_offset : c0->data_page_offset;
            assert_int_equal(rg->file_offset, start);
        }
        for (unsigned t = 2; t <= 4; t += 2) {
            o.max_threads = t;
            file_out many;
            write_file(&many, &o, 5000);
            assert_int_equal(one.buf.len, many.buf.len);
            assert_memory_equal(one.buf.data, many.buf.data, one.buf.len);
            free_file(&many);
        }
        free_file(&one);
    }
}

static void test_writer_fallback_and_codecs(void **state)
{
    floe_parquet_codec codecs[] = {FLOE_PARQUET_UNCOMPRESSED, FLOE_PARQUET_SNAPPY,
                                   FLOE_PARQUET_GZIP,         FLOE_PARQUET_BROTLI,
                                   FLOE_PARQUET_ZSTD,         FLOE_PARQUET_LZ4_RAW};
    for (size_t k = 0; k < sizeof codecs / sizeof codecs[0]; k++) {
        floe_parquet_options o = FLOE_PARQUET_OPTIONS_INIT;
        o.codec = codecs[k];
        o.dictionary_max_bytes = 64; /* the UInt32 column cannot keep a dictionary */
        file_out f;
        write_file(&f, &o, 2000);
        const floe_parquet_column_meta *cm = &f.meta->row_groups[0].columns[0];
        assert_int_equal(cm->codec, (int)codecs[k]);
        assert_int_equal(cm->dictionary_page_offset, -1);
        for (int e = 0; e < cm->n_encodings; e++)
            assert_int_not_equal(cm->encodings[e], 8);
        /* Int8 column (256 values of 4 bytes > 64) also plain; nothing fits. */
        free_file(&f);
    }
    floe_parquet_codec c;
    assert_int_equal(floe_parquet_codec_parse(&c, "LZ4"), 0);
    assert_int_equal(c, FLOE_PARQUET_LZ4_RAW);
    assert_int_equal(floe_parquet_codec_parse(&c, "none"), 0);
    assert_int_equal(c, FLOE_PARQUET_UNCOMPRESSED);
    assert_int_equal(floe_parquet_codec_parse(&c, "lzo"), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_BAD_ARGUMENTS);
}

static void test_writer_empty_and_errors(void **state)
{
    floe_parquet_options o = FLOE_PARQUET_OPTIONS_INIT;
    file_out f;
    write_file(&f, &o, 0);
    assert_int_equal(f.meta->num_rows, 0);
    assert_int_equal(f.meta->n_row_groups, 0);
    assert_int_equal(f.meta->n_schema, 5);
    free_file(&f);

    floe_buf buf = FLOE_BUF_INIT;
    floe_parquet_writer *w = NULL;
    const char *names[] = {"n"};
    const floe_type *nothing[] = {floe_type_nullable(floe_type_get(FLOE_TYPE_NOTHING))};
    assert_int_equal(floe_parquet_writer_new(&w, 1, names, nothing, &o, floe_sink_buf(&buf)), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_UNKNOWN_TYPE);
    assert_string_equal(floe_error_message(), "Internal type 'Nothing' of column 'n' is not "
                                              "supported for conversion into Parquet data format");
    floe_parquet_writer_free(w);
    w = NULL;
    const floe_type *arr[] = {floe_type_array(floe_type_array(floe_type_get(FLOE_TYPE_UINT8)))};
    assert_int_equal(floe_parquet_writer_new(&w, 1, names, arr, &o, floe_sink_buf(&buf)), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NOT_IMPLEMENTED);
    floe_parquet_writer_free(w);
    floe_buf_free(&buf);
}

/* --- reader --- */

static void test_reader_round_trip(void **state)
{
    for (int variant = 0; variant < 3; variant++) {
        floe_parquet_options o = FLOE_PARQUET_OPTIONS_INIT;
        o.row_group_rows = 1700;
        o.page_size = 700;
        if (variant == 1) {
            o.dictionary = false;
            o.codec = FLOE_PARQUET_SNAPPY;
        } else if (variant == 2) {
            o.dictionary = false;
            o.delta = true;
            o.codec = FLOE_PARQUET_UNCOMPRESSED;
        }
        file_out f;
        write_file(&f, &o, 4000);
        floe_parquet_reader *r = NULL;
        assert_int_equal(floe_parquet_reader_open(&r, f.buf.data, f.buf.len), 0);
        assert_int_equal(floe_parquet_reader_n_columns(r), 4);
        assert_int_equal(floe_parquet_reader_n_rows(r), 4000);
        assert_string_equal(floe_parquet_reader_column_name(r, 1), "s");
        assert_ptr_equal(floe_parquet_reader_column_type(r, 0), floe_type_get(FLOE_TYPE_UINT32));
        assert_ptr_equal(floe_parquet_reader_column_type(r, 1),
                         floe_type_nullable(floe_type_get(FLOE_TYPE_STRING)));
        assert_ptr_equal(floe_parquet_reader_column_type(r, 3), floe_type_get(FLOE_TYPE_INT8));
        size_t row = 0;
        for (size_t g = 0; g < floe_parquet_reader_n_row_groups(r); g++) {
            floe_block *got;
            assert_int_equal(floe_parquet_reader_read_row_group(r, g, &got), 0);
            floe_block *want = make_block(row, got->rows);
            for (size_t c = 0; c < 4; c++)
                for (size_t i = 0; i < got->rows; i++)
                    assert_int_equal(floe_column_compare(got->cols[c], i, want->cols[c], i, true),
                                     0);
            row += got->rows;
            floe_block_free(got);
            floe_block_free(want);
        }
        assert_int_equal(row, 4000);
        floe_parquet_reader_free(r);
        free_file(&f);
    }
}

/* Array(Nullable(Int32)) and a Tuple: the LIST and group schema, leaf
 * paths, level counts, and the rows read back. */
static void test_writer_nested(void **state)
{
    const floe_type *ni = floe_type_nullable(floe_type_get(FLOE_TYPE_INT32));
    const floe_type *elems[2] = {floe_type_get(FLOE_TYPE_UINT8), floe_type_get(FLOE_TYPE_STRING)};
    const char *enames[2] = {"p", NULL};
    const char *names[] = {"a", "t"};
    const floe_type *types[] = {floe_type_array(ni), floe_type_tuple(elems, enames, 2)};
    floe_buf buf = FLOE_BUF_INIT;
    floe_parquet_writer *w = NULL;
    floe_parquet_options o = FLOE_PARQUET_OPTIONS_INIT;
    assert_int_equal(floe_parquet_writer_new(&w, 2, names, types, &o, floe_sink_buf(&buf)), 0);
    floe_block *b = floe_block_new();
    floe_column *a = floe_column_new(types[0]), *t = floe_column_new(types[1]);
    /* rows: [1, NULL], [], [3] */
    int32_t one = 1, three = 3;
    floe_column_push_fixed(a->children[0], &one);
    floe_column_push_null(a->children[0]);
    floe_column_push_fixed(a->children[0], &three);
    floe_column_reserve(a, 3, 0);
    a->offsets[0] = 2;
    a->offsets[1] = 2;
    a->offsets[2] = 3;
    a->rows = 3;
    floe_column_reserve(t, 3, 0);
    for (uint8_t i = 0; i < 3; i++) {
        floe_column_push_fixed(t->children[0], &i);
        floe_column_push_string(t->children[1], "xyz", i);
    }
    t->rows = 3;
    floe_block_add(b, "a", a);
    floe_block_add(b, "t", t);
    b->rows = 3;
    assert_int_equal(floe_parquet_writer_add_block(w, b), 0);
    assert_int_equal(floe_parquet_writer_finish(w), 0);
    floe_parquet_writer_free(w);

    floe_parquet_meta *m;
    assert_int_equal(floe_parquet_meta_from_file(&m, buf.data, buf.len), 0);
    assert_int_equal(m->n_schema, 7); /* root, a, list, element, t, p, 2 */
    assert_int_equal(m->schema[0].num_children, 2);
    assert_int_equal(m->schema[1].converted, 3);
    assert_int_equal(m->schema[1].logical, 3);
    assert_int_equal(m->schema[2].repetition, 2);
    assert_true(bytes_eq(m->schema[3].name, "element", 7));
    assert_int_equal(m->schema[3].repetition, 1);
    assert_int_equal(m->schema[4].num_children, 2);
    assert_true(bytes_eq(m->schema[6].name, "2", 1));
    const floe_parquet_row_group *rg = &m->row_groups[0];
    assert_int_equal(rg->n_columns, 3);
    assert_int_equal(rg->columns[0].num_values, 4); /* three elements and one empty list */
    assert_int_equal(rg->columns[0].n_path, 3);
    assert_int_equal(rg->columns[1].n_path, 2);
    assert_true(bytes_eq(rg->columns[1].path, "t", 1));
    floe_parquet_meta_free(m);

    floe_parquet_reader *r = NULL;
    assert_int_equal(floe_parquet_reader_open(&r, buf.data, buf.len), 0);
    assert_int_equal(floe_parquet_reader_n_columns(r), 2);
    floe_block *got;
    assert_int_equal(floe_parquet_reader_read_row_group(r, 0, &got), 0);
    for (size_t c = 0; c < 2; c++)
        for (size_t i = 0; i < 3; i++)
            assert_int_equal(floe_column_compare(got->cols[c], i, b->cols[c], i, true), 0);
    floe_block_free(got);
    floe_block_free(b);
    floe_parquet_reader_free(r);

    /* Damaged copies of this nested file fail cleanly too (ASan). */
    char *copy = malloc(buf.len);
    srand(5);
    for (int round = 0; round < 3000; round++) {
        memcpy(copy, buf.data, buf.len);
        for (int k = 0; k < 1 + round % 3; k++)
            copy[(size_t)rand() % buf.len] ^= (char)(1 << (rand() % 8));
        floe_parquet_reader *d = NULL;
        int rc = floe_parquet_reader_open(&d, copy, buf.len);
        for (size_t g = 0; rc == 0 && g < floe_parquet_reader_n_row_groups(d); g++) {
            floe_block *x = NULL;
            rc = floe_parquet_reader_read_row_group(d, g, &x);
            floe_block_free(x);
        }
        floe_parquet_reader_free(d);
    }
    free(copy);
    floe_buf_free(&buf);
}

/* A Nullable block column into a REQUIRED file column: NULL rows are
 * written as the default their slot holds. */
static void test_writer_nullable_into_required(void **state)
{
    floe_buf buf = FLOE_BUF_INIT;
    floe_parquet_writer *w = NULL;
    const char *names[] = {"x"};
    const floe_type *types[] = {floe_type_get(FLOE_TYPE_UINT8)};
    floe_parquet_options o = FLOE_PARQUET_OPTIONS_INIT;
    assert_int_equal(floe_parquet_writer_new(&w, 1, names, types, &o, floe_sink_buf(&buf)), 0);
    floe_block *b = floe_block_new();
    floe_column *c = floe_column_new(floe_type_nullable(floe_type_get(FLOE_TYPE_UINT8)));
    uint8_t v = 7;
    floe_column_push_fixed(c, &v);
    floe_column_push_null(c);
    floe_column_push_fixed(c, &v);
    floe_block_add(b, "x", c);
    b->rows = 3;
    assert_int_equal(floe_parquet_writer_add_block(w, b), 0);
    assert_int_equal(floe_parquet_writer_finish(w), 0);
    floe_block_free(b);
    floe_parquet_writer_free(w);
    floe_parquet_reader *r = NULL;
    assert_int_equal(floe_parquet_reader_open(&r, buf.data, buf.len), 0);
    floe_block *got;
    assert_int_equal(floe_parquet_reader_read_row_group(r, 0, &got), 0);
    assert_int_equal(got->rows, 3);
    assert_null(got->cols[0]->nulls);
    assert_memory_equal(got->cols[0]->data, "\x07\x00\x07", 3);
    floe_block_free(got);
    floe_parquet_reader_free(r);
    floe_buf_free(&buf);
}

/* Damaged files fail with an error, never a crash (run under ASan). */
static void test_reader_damaged(void **state)
{
    floe_parquet_options o = FLOE_PARQUET_OPTIONS_INIT;
    o.row_group_rows = 700;
    file_out f;
    write_file(&f, &o, 1500);
    srand(3);
    char *copy = malloc(f.buf.len);
    int failures = 0;
    for (int round = 0; round < 400; round++) {
        memcpy(copy, f.buf.data, f.buf.len);
        size_t len = f.buf.len;
        if (round % 4 == 0) {
            len = (size_t)rand() % f.buf.len;
        } else {
            for (int k = 0; k < 1 + round % 5; k++)
                copy[(size_t)rand() % len] ^= (char)(1 << (rand() % 8));
        }
        floe_parquet_reader *r = NULL;
        int rc = floe_parquet_reader_open(&r, copy, len);
        for (size_t g = 0; rc == 0 && g < floe_parquet_reader_n_row_groups(r); g++) {
            floe_block *b = NULL;
            rc = floe_parquet_reader_read_row_group(r, g, &b);
            floe_block_free(b);
        }
        if (rc < 0) {
            failures++;
            assert_true(floe_error_code() != 0);
        }
        floe_parquet_reader_free(r);
    }
    assert_true(failures > 100); /* truncations at least */
    free(copy);
    free_file(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rle_exact),
        cmocka_unit_test(test_rle_round_trip),
        cmocka_unit_test(test_plain_bool),
        cmocka_unit_test(test_delta_exact),
        cmocka_unit_test(test_delta_round_trip),
        cmocka_unit_test(test_dict),
        cmocka_unit_test(test_bloom),
        cmocka_unit_test(test_writer_footer),
        cmocka_unit_test(test_writer_statistics),
        cmocka_unit_test(test_writer_threads_identical),
        cmocka_unit_test(test_writer_fallback_and_codecs),
        cmocka_unit_test(test_writer_empty_and_errors),
        cmocka_unit_test(test_reader_round_trip),
        cmocka_unit_test(test_writer_nullable_into_required),
        cmocka_unit_test(test_writer_nested),
        cmocka_unit_test(test_reader_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
