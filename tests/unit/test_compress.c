// FLOE_UNIT_DEPS: base hash compress
/*
 * Codecs and ClickHouse compressed blocks. The block tests read parts that
 * ClickHouse 26.7 wrote (tests/unit/data/compress, see its README), check the
 * values, the marks and every hash in checksums.txt, and write the same
 * columns again with floe's writer expecting the same bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/error.h"
#include "base/io.h"
#include "base/mem.h"
#include "base/varint.h"
#include "compress/ch_block.h"
#include "compress/codec.h"
#include "hash/city.h"

static char data_dir[4096];

static void load(floe_buf *out, const char *part, const char *file)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/%s/%s", data_dir, part, file);
    char *p;
    size_t n;
    if (floe_read_file(&p, &n, path) < 0)
        fail_msg("cannot read %s", path);
    floe_buf_clear(out);
    floe_buf_append(out, p, n);
    floe_free(p);
}

static uint64_t get_u64(const char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* ---- codecs ---- */

static const floe_codec all_codecs[] = {
    {FLOE_CODEC_NONE, FLOE_CODEC_DEFAULT_LEVEL},
    {FLOE_CODEC_LZ4, FLOE_CODEC_DEFAULT_LEVEL},
    {FLOE_CODEC_LZ4HC, FLOE_CODEC_DEFAULT_LEVEL},
    {FLOE_CODEC_LZ4HC, 3},
    {FLOE_CODEC_ZSTD, FLOE_CODEC_DEFAULT_LEVEL},
    {FLOE_CODEC_ZSTD, 9},
    {FLOE_CODEC_ZSTD, -5},
    {FLOE_CODEC_SNAPPY, FLOE_CODEC_DEFAULT_LEVEL},
    {FLOE_CODEC_GZIP, FLOE_CODEC_DEFAULT_LEVEL},
    {FLOE_CODEC_GZIP, 1},
    {FLOE_CODEC_BROTLI, FLOE_CODEC_DEFAULT_LEVEL},
    {FLOE_CODEC_BROTLI, 1},
};

static void fill_inputs(floe_buf *in, size_t kind, size_t n)
{
    floe_buf_clear(in);
    floe_buf_reserve(in, n);
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < n; i++) {
        char c;
        if (kind == 0) {
            c = (char)('a' + i % 7); /* compressible */
        } else {
            x ^= x << 13; /* xorshift: incompressible */
            x ^= x >> 7;
            x ^= x << 17;
            c = (char)x;
        }
        in->data[i] = c;
    }
    in->len = n;
}

static void test_codec_roundtrip(void **state)
{
    size_t sizes[] = {0, 1, 5, 100, 4096, 65536, 1 << 20};
    floe_buf in = FLOE_BUF_INIT, out = FLOE_BUF_INIT;
    char *back = floe_malloc((1 << 20) + 1);
    for (size_t ci = 0; ci < sizeof all_codecs / sizeof all_codecs[0]; ci++) {
        const floe_codec *c = &all_codecs[ci];
        for (size_t kind = 0; kind < 2; kind++) {
            for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
                size_t n = sizes[si];
                fill_inputs(&in, kind, n);
                floe_buf_clear(&out);
                floe_buf_append(&out, "pre", 3); /* compress appends */
                assert_int_equal(floe_codec_compress(&out, c, in.data, n), 0);
                assert_memory_equal(out.data, "pre", 3);
                size_t clen = out.len - 3;
                assert_true(clen <= floe_codec_bound(c, n));
                if (kind == 0 && n >= 4096 && c->method != FLOE_CODEC_NONE)
                    assert_true(clen < n / 4);
                assert_int_equal(floe_codec_decompress(c, back, n, out.data + 3, clen), 0);
                if (n)
                    assert_memory_equal(back, in.data, n);
                /* The caller's size must be exact. */
                if (floe_codec_decompress(c, back, n + 1, out.data + 3, clen) != -1)
                    fail_msg("%s accepted a too-large size for %zu bytes",
                             floe_codec_method_name(c->method), n);
                assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_DECOMPRESS);
                if (n > 0 && floe_codec_decompress(c, back, n - 1, out.data + 3, clen) != -1)
                    fail_msg("%s accepted a too-small size for %zu bytes",
                             floe_codec_method_name(c->method), n);
            }
        }
    }
    floe_free(back);
    floe_buf_free(&in);
    floe_buf_free(&out);
    floe_codec_thread_cleanup();
}

static void test_codec_formats(void **state)
{
    floe_buf out = FLOE_BUF_INIT;
    const char text[] = "hello hello hello hello hello";
    /* GZIP is gzip-framed (magic 1f 8b, deflate), as Parquet requires. */
    floe_codec gz = floe_codec_make(FLOE_CODEC_GZIP, FLOE_CODEC_DEFAULT_LEVEL);
    assert_int_equal(floe_codec_compress(&out, &gz, text, sizeof text - 1), 0);
    assert_int_equal((unsigned char)out.data[0], 0x1f);
    assert_int_equal((unsigned char)out.data[1], 0x8b);
    assert_int_equal((unsigned char)out.data[2], 8);
    /* Two gzip members back to back decode as their concatenation. */
    size_t one = out.len;
    assert_int_equal(floe_codec_compress(&out, &gz, text, sizeof text - 1), 0);
    char back[2 * sizeof text];
    assert_int_equal(floe_codec_decompress(&gz, back, 2 * (sizeof text - 1), out.data, out.len), 0);
    assert_memory_equal(back + sizeof text - 1, text, sizeof text - 1);
    /* Truncated gzip fails. */
    assert_int_equal(floe_codec_decompress(&gz, back, sizeof text - 1, out.data, one - 3), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_DECOMPRESS);

    /* Snappy raw format starts with the uncompressed length as a varint. */
    floe_codec sn = floe_codec_make(FLOE_CODEC_SNAPPY, FLOE_CODEC_DEFAULT_LEVEL);
    floe_buf_clear(&out);
    assert_int_equal(floe_codec_compress(&out, &sn, text, sizeof text - 1), 0);
    assert_int_equal((unsigned char)out.data[0], sizeof text - 1);

    /* ZSTD is a zstd frame (magic 28 b5 2f fd). */
    floe_codec zs = floe_codec_make(FLOE_CODEC_ZSTD, FLOE_CODEC_DEFAULT_LEVEL);
    floe_buf_clear(&out);
    assert_int_equal(floe_codec_compress(&out, &zs, text, sizeof text - 1), 0);
    assert_memory_equal(out.data, "\x28\xb5\x2f\xfd", 4);

    /* LZ4_HADOOP: BE32 sizes then a raw LZ4 block; a raw block alone and
     * several frames also decode. */
    floe_codec lh = floe_codec_make(FLOE_CODEC_LZ4_HADOOP, FLOE_CODEC_DEFAULT_LEVEL);
    floe_codec lr = floe_codec_make(FLOE_CODEC_LZ4, FLOE_CODEC_DEFAULT_LEVEL);
    floe_buf_clear(&out);
    assert_int_equal(floe_codec_compress(&out, &lh, text, sizeof text - 1), 0);
    assert_memory_equal(out.data, "\0\0\0\x1d", 4); /* 29 bytes, big-endian */
    assert_int_equal(((unsigned char)out.data[6] << 8 | (unsigned char)out.data[7]) + 8, out.len);
    assert_int_equal(floe_codec_compress(&out, &lh, "xyz", 3), 0);
    assert_int_equal(floe_codec_decompress(&lh, back, sizeof text - 1 + 3, out.data, out.len), 0);
    assert_memory_equal(back, text, sizeof text - 1);
    assert_memory_equal(back + sizeof text - 1, "xyz", 3);
    floe_buf_clear(&out);
    assert_int_equal(floe_codec_compress(&out, &lr, text, sizeof text - 1), 0);
    memset(back, 0, sizeof back);
    assert_int_equal(floe_codec_decompress(&lh, back, sizeof text - 1, out.data, out.len), 0);
    assert_memory_equal(back, text, sizeof text - 1);

    /* Garbage does not decode. */
    floe_codec lz = floe_codec_make(FLOE_CODEC_LZ4, FLOE_CODEC_DEFAULT_LEVEL);
    floe_codec br = floe_codec_make(FLOE_CODEC_BROTLI, FLOE_CODEC_DEFAULT_LEVEL);
    const char junk[] = "\xff\xff\xff\xff\x00\x13\x37 definitely not compressed";
    const floe_codec *cs[] = {&gz, &sn, &zs, &lz, &br, &lh};
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(floe_codec_decompress(cs[i], back, 20, junk, sizeof junk - 1), -1);
        assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_DECOMPRESS);
    }
    floe_buf_free(&out);
}

static void test_codec_parse(void **state)
{
    floe_codec c;
    char desc[64];
    assert_int_equal(floe_codec_parse(&c, "ZSTD(3)"), 0);
    assert_int_equal(c.method, FLOE_CODEC_ZSTD);
    assert_int_equal(c.level, 3);
    floe_codec_describe(desc, sizeof desc, &c);
    assert_string_equal(desc, "ZSTD(3)");
    assert_int_equal(floe_codec_parse(&c, "zstd"), 0);
    floe_codec_describe(desc, sizeof desc, &c);
    assert_string_equal(desc, "ZSTD(1)"); /* ClickHouse's CODEC(ZSTD) is level 1 */
    assert_int_equal(floe_codec_parse(&c, "LZ4"), 0);
    floe_codec_describe(desc, sizeof desc, &c);
    assert_string_equal(desc, "LZ4");
    assert_int_equal(floe_codec_parse(&c, "LZ4HC"), 0);
    floe_codec_describe(desc, sizeof desc, &c);
    assert_string_equal(desc, "LZ4HC(0)");
    assert_int_equal(floe_codec_parse(&c, "lz4_raw"), 0);
    assert_int_equal(c.method, FLOE_CODEC_LZ4);
    assert_int_equal(floe_codec_parse(&c, "uncompressed"), 0);
    assert_int_equal(c.method, FLOE_CODEC_NONE);
    assert_int_equal(floe_codec_parse(&c, "Brotli"), 0);
    assert_int_equal(c.method, FLOE_CODEC_BROTLI);
    assert_int_equal(floe_codec_parse(&c, "snappy"), 0);
    assert_int_equal(floe_codec_parse(&c, "gzip(9)"), 0);
    assert_int_equal(c.level, 9);
    assert_int_equal(floe_codec_parse(&c, "Foo"), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_UNKNOWN_CODEC);
    assert_string_equal(floe_error_message(), "Unknown codec family: Foo");
    assert_int_equal(floe_codec_parse(&c, "ZSTD(x)"), -1);
}

/* ---- ClickHouse blocks ---- */

/* Reads a whole compressed stream with the streaming reader. */
static void read_stream(floe_buf *out, const floe_buf *file)
{
    floe_chblock_reader r;
    floe_chblock_reader_init_mem(&r, file->data, file->len);
    floe_buf_clear(out);
    for (;;) {
        const char *p;
        size_t avail;
        assert_int_equal(floe_chblock_reader_peek(&r, &p, &avail), 0);
        if (avail == 0)
            break;
        floe_buf_append(out, p, avail);
        floe_chblock_reader_advance(&r, avail);
    }
    floe_chblock_reader_free(&r);
}

static void test_read_clickhouse_columns(void **state)
{
    floe_buf file = FLOE_BUF_INIT, data = FLOE_BUF_INIT, sizes = FLOE_BUF_INIT;
    const char *cols[] = {"a.bin", "z.bin", "h.bin"};
    for (int c = 0; c < 3; c++) {
        load(&file, "part_f", cols[c]);
        read_stream(&data, &file);
        assert_int_equal(data.len, 6000 * 8);
        for (uint64_t i = 0; i < 6000; i++) {
            uint64_t want = c == 0 ? i : c == 1 ? i * 7 : i % 1000;
            if (get_u64(data.data + i * 8) != want)
                fail_msg("%s row %llu", cols[c], (unsigned long long)i);
        }
        /* The one-shot decoder agrees. */
        floe_buf all = FLOE_BUF_INIT;
        assert_int_equal(floe_chblock_decompress_all(&all, file.data, file.len), 0);
        assert_int_equal(all.len, data.len);
        assert_memory_equal(all.data, data.data, data.len);
        floe_buf_free(&all);
    }
    /* String: bytes in s.bin, UInt64 sizes in s.size.bin. */
    load(&file, "part_f", "s.size.bin");
    read_stream(&sizes, &file);
    assert_int_equal(sizes.len, 6000 * 8);
    load(&file, "part_f", "s.bin");
    read_stream(&data, &file);
    size_t off = 0;
    for (uint64_t i = 0; i < 6000; i++) {
        char want[32];
        int wn = snprintf(want, sizeof want, "v%llu", (unsigned long long)i);
        assert_int_equal(get_u64(sizes.data + i * 8), (uint64_t)wn);
        assert_true(off + (size_t)wn <= data.len);
        assert_memory_equal(data.data + off, want, (size_t)wn);
        off += (size_t)wn;
    }
    assert_int_equal(off, data.len);
    floe_buf_free(&file);
    floe_buf_free(&data);
    floe_buf_free(&sizes);
}

/* part_rows: 135 NONE blocks, each one string of the test pattern; every
 * checksum is verified by the reader. */
static void test_read_none_blocks(void **state)
{
    floe_buf file = FLOE_BUF_INIT;
    load(&file, "part_rows", "s.bin");
    size_t off = 0, blocks = 0;
    while (off < file.len) {
        floe_chblock_header h;
        assert_int_equal(floe_chblock_parse_header(&h, file.data + off, file.len - off), 0);
        assert_int_equal(h.method, FLOE_CH_METHOD_NONE);
        assert_int_equal(h.compressed_size, h.decompressed_size + 9);
        unsigned char *dst = floe_malloc(h.decompressed_size);
        assert_int_equal(floe_chblock_decompress(dst, &h, file.data + off), 0);
        for (size_t i = 0; i < h.decompressed_size; i++)
            assert_int_equal(dst[i], (i * 7 + 3) % 256);
        floe_free(dst);
        off += 16 + h.compressed_size;
        blocks++;
    }
    assert_int_equal(blocks, 135);
    floe_buf_free(&file);
}

/* Rewrites a column granule by granule (a mark before each granule, as the
 * part writer does) with ClickHouse's settings of part_f. */
static void write_column(floe_buf *out, floe_buf *marks, floe_chblock_writer *w,
                         const floe_codec *codec, const char *data, const size_t *granule_bytes,
                         size_t granules)
{
    floe_chblock_writer_options opts = FLOE_CHBLOCK_WRITER_OPTIONS_INIT;
    opts.codec = *codec;
    opts.min_block = 16384;
    opts.max_block = 20000;
    floe_buf_clear(out);
    floe_buf_clear(marks);
    assert_int_equal(floe_chblock_writer_init(w, floe_sink_buf(out), &opts), 0);
    size_t off = 0;
    for (size_t g = 0; g < granules; g++) {
        uint64_t m[2];
        assert_int_equal(floe_chblock_writer_mark(w, &m[0], &m[1]), 0);
        floe_buf_append(marks, m, sizeof m);
        /* Feed in uneven pieces: the cut points must not depend on them. */
        size_t left = granule_bytes[g];
        while (left > 0) {
            size_t k = left < 777 ? left : 777;
            assert_int_equal(floe_chblock_writer_write(w, data + off, k), 0);
            off += k;
            left -= k;
        }
    }
    assert_int_equal(floe_chblock_writer_flush(w), 0);
}

static void test_write_identical(void **state)
{
    floe_buf file = FLOE_BUF_INIT, data = FLOE_BUF_INIT, out = FLOE_BUF_INIT;
    floe_buf marks = FLOE_BUF_INIT, ch_marks = FLOE_BUF_INIT, mfile = FLOE_BUF_INIT;
    size_t fixed[6] = {8000, 8000, 8000, 8000, 8000, 8000};
    struct {
        const char *bin, *mrk;
        floe_codec codec;
        int must_match; /* ZSTD matches with Debian's libzstd 1.5 */
    } cols[] = {
        {"a.bin", "a.cmrk", {FLOE_CODEC_LZ4, FLOE_CODEC_DEFAULT_LEVEL}, 1},
        {"h.bin", "h.cmrk", {FLOE_CODEC_LZ4HC, 9}, 1},
        {"s.size.bin", "s.size.cmrk", {FLOE_CODEC_LZ4, FLOE_CODEC_DEFAULT_LEVEL}, 1},
        {"s.bin", "s.cmrk", {FLOE_CODEC_LZ4, FLOE_CODEC_DEFAULT_LEVEL}, 1},
        {"z.bin", "z.cmrk", {FLOE_CODEC_ZSTD, 3}, 1},
    };
    /* Granule byte sizes of s.bin: 1000 strings each. */
    size_t str_granules[6] = {0};
    for (uint64_t i = 0; i < 6000; i++) {
        char tmp[32];
        str_granules[i / 1000] += (size_t)snprintf(tmp, sizeof tmp, "v%llu", (unsigned long long)i);
    }
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        load(&file, "part_f", cols[c].bin);
        read_stream(&data, &file);
        floe_chblock_writer w;
        const size_t *gran = strcmp(cols[c].bin, "s.bin") == 0 ? str_granules : fixed;
        write_column(&out, &marks, &w, &cols[c].codec, data.data, gran, 6);
        /* Same block boundaries always; same bytes for LZ4 and LZ4HC. */
        floe_buf back = FLOE_BUF_INIT;
        assert_int_equal(floe_chblock_decompress_all(&back, out.data, out.len), 0);
        assert_int_equal(back.len, data.len);
        assert_memory_equal(back.data, data.data, data.len);
        floe_buf_free(&back);
        if (cols[c].must_match) {
            if (out.len != file.len || memcmp(out.data, file.data, file.len) != 0)
                fail_msg("%s: floe's blocks differ from ClickHouse's", cols[c].bin);
        }
        /* Marks: ClickHouse's .cmrk (non-adaptive: two UInt64 per granule,
         * itself a compressed stream) equals what the writer reported, except
         * that for ZSTD compressed offsets may differ with block sizes. */
        load(&mfile, "part_f", cols[c].mrk);
        floe_buf_clear(&ch_marks);
        assert_int_equal(floe_chblock_decompress_all(&ch_marks, mfile.data, mfile.len), 0);
        assert_int_equal(ch_marks.len, marks.len);
        for (size_t g = 0; g < 6; g++) {
            uint64_t ch_c = get_u64(ch_marks.data + g * 16),
                     ch_d = get_u64(ch_marks.data + g * 16 + 8);
            uint64_t my_c = get_u64(marks.data + g * 16), my_d = get_u64(marks.data + g * 16 + 8);
            assert_int_equal(my_d, ch_d);
            if (cols[c].must_match)
                assert_int_equal(my_c, ch_c);
        }
        /* The marks file itself: ZSTD(3) in 64 KiB blocks (marks_compression_codec,
         * marks_compress_block_size). */
        floe_buf mout = FLOE_BUF_INIT;
        floe_chblock_writer mw;
        floe_chblock_writer_options mopts = FLOE_CHBLOCK_WRITER_OPTIONS_INIT;
        mopts.codec = floe_codec_make(FLOE_CODEC_ZSTD, 3);
        mopts.max_block = 65536;
        assert_int_equal(floe_chblock_writer_init(&mw, floe_sink_buf(&mout), &mopts), 0);
        assert_int_equal(floe_chblock_writer_write(&mw, ch_marks.data, ch_marks.len), 0);
        assert_int_equal(floe_chblock_writer_flush(&mw), 0);
        assert_int_equal(mout.len, mfile.len);
        assert_memory_equal(mout.data, mfile.data, mfile.len);
        floe_chblock_writer_free(&mw);
        floe_buf_free(&mout);
        /* The writer's checksums.txt figures cover what went to the sink. */
        assert_int_equal(floe_chblock_writer_file_size(&w), out.len);
        assert_int_equal(floe_chblock_writer_uncompressed_size(&w), data.len);
        floe_city_hashing h;
        floe_city_hashing_init(&h);
        floe_city_hashing_update(&h, out.data, out.len);
        assert_true(floe_uint128_eq(floe_chblock_writer_file_hash(&w), floe_city_hashing_get(&h)));
        floe_chblock_writer_free(&w);
    }
    floe_buf_free(&file);
    floe_buf_free(&data);
    floe_buf_free(&out);
    floe_buf_free(&marks);
    floe_buf_free(&ch_marks);
    floe_buf_free(&mfile);
}

/* The default settings: 1 MiB blocks cut exactly, a granule flushed at
 * 64 KiB. */
static void test_writer_block_rule(void **state)
{
    floe_buf out = FLOE_BUF_INIT, in = FLOE_BUF_INIT;
    fill_inputs(&in, 0, 3 * 1048576 + 5000);
    floe_chblock_writer_options opts = FLOE_CHBLOCK_WRITER_OPTIONS_INIT;
    floe_chblock_writer w;
    assert_int_equal(floe_chblock_writer_init(&w, floe_sink_buf(&out), &opts), 0);
    assert_int_equal(floe_chblock_writer_write(&w, in.data, 10), 0);
    assert_int_equal(floe_chblock_writer_write(&w, in.data + 10, in.len - 10), 0);
    assert_int_equal(floe_chblock_writer_flush(&w), 0);
    size_t off = 0;
    uint32_t want[] = {1048576, 1048576, 1048576, 5000};
    for (int i = 0; i < 4; i++) {
        floe_chblock_header h;
        assert_int_equal(floe_chblock_parse_header(&h, out.data + off, out.len - off), 0);
        assert_int_equal(h.method, FLOE_CH_METHOD_LZ4);
        assert_int_equal(h.decompressed_size, want[i]);
        off += 16 + h.compressed_size;
    }
    assert_int_equal(off, out.len);
    floe_chblock_writer_free(&w);

    /* Marks: below min_compress_block_size the block keeps filling. */
    floe_buf_clear(&out);
    assert_int_equal(floe_chblock_writer_init(&w, floe_sink_buf(&out), &opts), 0);
    uint64_t mc, md;
    assert_int_equal(floe_chblock_writer_write(&w, in.data, 65535), 0);
    assert_int_equal(floe_chblock_writer_mark(&w, &mc, &md), 0);
    assert_int_equal(mc, 0);
    assert_int_equal(md, 65535);
    assert_int_equal(floe_chblock_writer_write(&w, in.data, 1), 0);
    assert_int_equal(floe_chblock_writer_mark(&w, &mc, &md), 0);
    assert_int_equal(mc, out.len);
    assert_true(mc > 0);
    assert_int_equal(md, 0);
    floe_chblock_writer_free(&w);

    /* Snappy cannot be framed. */
    opts.codec = floe_codec_make(FLOE_CODEC_SNAPPY, FLOE_CODEC_DEFAULT_LEVEL);
    assert_int_equal(floe_chblock_writer_init(&w, floe_sink_buf(&out), &opts), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_UNKNOWN_COMPRESSION_METHOD);
    floe_buf_free(&out);
    floe_buf_free(&in);
}

/* Seeks to each of ClickHouse's marks, from memory and through a file
 * descriptor, and reads the granule's first values. */
static void test_seek_marks(void **state)
{
    floe_buf file = FLOE_BUF_INIT, mfile = FLOE_BUF_INIT, marks = FLOE_BUF_INIT;
    load(&file, "part_f", "a.bin");
    load(&mfile, "part_f", "a.cmrk");
    assert_int_equal(floe_chblock_decompress_all(&marks, mfile.data, mfile.len), 0);
    char path[8192];
    snprintf(path, sizeof path, "%s/part_f/a.bin", data_dir);
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    for (int mode = 0; mode < 2; mode++) {
        floe_chblock_reader r;
        if (mode == 0)
            floe_chblock_reader_init_mem(&r, file.data, file.len);
        else
            floe_chblock_reader_init_fd(&r, fd, file.len);
        /* Backwards, to defeat any sequential luck. */
        for (int g = 5; g >= 0; g--) {
            uint64_t c = get_u64(marks.data + g * 16), d = get_u64(marks.data + g * 16 + 8);
            assert_int_equal(floe_chblock_reader_seek(&r, c, d), 0);
            /* Read the whole granule, across a block boundary when there is one. */
            for (uint64_t i = 0; i < 1000; i++) {
                uint64_t v;
                assert_int_equal(floe_chblock_reader_read(&r, &v, 8), 0);
                assert_int_equal(v, (uint64_t)g * 1000 + i);
            }
        }
        /* End of stream after the last granule. */
        uint64_t v;
        assert_int_equal(floe_chblock_reader_seek(&r, get_u64(marks.data + 5 * 16),
                                                  get_u64(marks.data + 5 * 16 + 8)),
                         0);
        for (int i = 0; i < 1000; i++)
            assert_int_equal(floe_chblock_reader_read(&r, &v, 8), 0);
        assert_int_equal(v, 5999);
        assert_int_equal(floe_chblock_reader_read(&r, &v, 8), -1);
        assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_READ_ALL_DATA);
        assert_string_equal(floe_error_message(),
                            "Cannot read all data. Bytes read: 0. Bytes expected: 8");
        /* A position past the block. */
        assert_int_equal(floe_chblock_reader_seek(&r, 0, 20001), -1);
        assert_int_equal(floe_error_code(), FLOE_ERR_SEEK_POSITION_OUT_OF_BOUND);
        assert_int_equal(floe_chblock_reader_seek(&r, 0, 20000), 0);
        assert_int_equal(floe_chblock_reader_read(&r, &v, 8), 0);
        assert_int_equal(v, 2500); /* the next block's first value */
        /* Seeking into the middle of a block's bytes fails on its header. */
        assert_int_equal(floe_chblock_reader_seek(&r, 5, 0), -1);
        floe_chblock_reader_free(&r);
    }
    close(fd);
    floe_buf_free(&file);
    floe_buf_free(&mfile);
    floe_buf_free(&marks);
}

/* checksums.txt (format 4: a text line, then one LZ4 stream of VarUInt
 * count and per file name, size, hash, is_compressed [, uncompressed size,
 * hash]) must match floe's hashes of every file in the part. */
static void check_part_checksums(const char *part)
{
    floe_buf file = FLOE_BUF_INIT, body = FLOE_BUF_INIT, f = FLOE_BUF_INIT, un = FLOE_BUF_INIT;
    load(&file, part, "checksums.txt");
    const char head[] = "checksums format version: 4\n";
    assert_memory_equal(file.data, head, sizeof head - 1);
    assert_int_equal(
        floe_chblock_decompress_all(&body, file.data + sizeof head - 1, file.len - sizeof head + 1),
        0);
    const char *p = body.data, *end = body.data + body.len;
    uint64_t count = 0;
    assert_int_equal(floe_varuint_read(&count, &p, end), 0);
    assert_true(count >= 5);
    for (uint64_t i = 0; i < count; i++) {
        uint64_t nlen = 0, size = 0;
        assert_int_equal(floe_varuint_read(&nlen, &p, end), 0);
        char name[256];
        assert_true(nlen < sizeof name);
        memcpy(name, p, nlen);
        name[nlen] = '\0';
        p += nlen;
        assert_int_equal(floe_varuint_read(&size, &p, end), 0);
        floe_uint128 hash = floe_uint128_load((const unsigned char *)p);
        p += 16;
        int compressed = *p++;
        load(&f, part, name);
        assert_int_equal(f.len, size);
        floe_city_hashing h;
        floe_city_hashing_init(&h);
        floe_city_hashing_update(&h, f.data, f.len);
        if (!floe_uint128_eq(floe_city_hashing_get(&h), hash))
            fail_msg("%s/%s: file hash differs", part, name);
        if (compressed) {
            uint64_t usize = 0;
            assert_int_equal(floe_varuint_read(&usize, &p, end), 0);
            floe_uint128 uhash = floe_uint128_load((const unsigned char *)p);
            p += 16;
            floe_buf_clear(&un);
            assert_int_equal(floe_chblock_decompress_all(&un, f.data, f.len), 0);
            assert_int_equal(un.len, usize);
            floe_city_hashing_init(&h);
            floe_city_hashing_update(&h, un.data, un.len);
            if (!floe_uint128_eq(floe_city_hashing_get(&h), uhash))
                fail_msg("%s/%s: uncompressed hash differs", part, name);
        }
    }
    assert_ptr_equal(p, end);
    floe_buf_free(&file);
    floe_buf_free(&body);
    floe_buf_free(&f);
    floe_buf_free(&un);
}

static void test_part_checksums(void **state)
{
    check_part_checksums("part_f");
    check_part_checksums("part_rows");
}

/* Corruption reports, compared with what ClickHouse printed for the same
 * damage to part_rows/s.bin (chref, SELECT sum(cityHash64(s)) FROM r). */
static void test_checksum_errors(void **state)
{
    floe_buf file = FLOE_BUF_INIT;
    floe_chblock_header h;
    unsigned char dst[64];
    load(&file, "part_rows", "s.bin");

    /* One bit of the checksum (byte 3 ^= 1). */
    file.data[3] ^= 1;
    assert_int_equal(floe_chblock_parse_header(&h, file.data, file.len), 0);
    assert_int_equal(floe_chblock_decompress(dst, &h, file.data), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_CHECKSUM_DOESNT_MATCH);
    const char *want1 = "Checksum doesn't match: corrupted data. Reference: "
                        "7ebada3eae9adcd1fd534cc8363f0579. Actual: "
                        "7ebada3eae9adcd1fd534cc8373f0579. Size of compressed block: 10. The "
                        "mismatch is caused by single bit flip in checksum. This is most likely "
                        "due to hardware failure.";
    assert_memory_equal(floe_error_message(), want1, strlen(want1));
    file.data[3] ^= 1;

    /* One bit of the data (byte 25 ^= 4). */
    file.data[25] ^= 4;
    assert_int_equal(floe_chblock_parse_header(&h, file.data, file.len), 0);
    assert_int_equal(floe_chblock_decompress(dst, &h, file.data), -1);
    const char *want2 = "Checksum doesn't match: corrupted data. Reference: "
                        "7ebada3eae9adcd1fd534cc8373f0579. Actual: "
                        "6147a2a7fe01cbad305f3135bb0e3cbc. Size of compressed block: 10. The "
                        "mismatch is caused by single bit flip in data block at byte 9, bit 2. "
                        "This is most likely due to hardware failure.";
    assert_memory_equal(floe_error_message(), want2, strlen(want2));
    file.data[25] ^= 4;

    /* Two bits of the second block's checksum (byte 30 ^= 3): no diagnosis. */
    file.data[30] ^= 3;
    floe_chblock_reader r;
    floe_chblock_reader_init_mem(&r, file.data, file.len);
    char tmp[8];
    assert_int_equal(floe_chblock_reader_read(&r, tmp, 3), -1);
    assert_string_equal(floe_error_message(),
                        "Checksum doesn't match: corrupted data. Reference: "
                        "f7f9123d5a6cceb87813022e0ff616a1. Actual: "
                        "f7f9123d5a6cceb87813022d0ff616a1. Size of compressed block: 11");
    floe_chblock_reader_free(&r);
    file.data[30] ^= 3;

    /* Header damage. */
    file.data[16] = (char)0x91;
    assert_int_equal(floe_chblock_parse_header(&h, file.data, file.len), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NOT_IMPLEMENTED);
    file.data[16] = (char)0x42;
    assert_int_equal(floe_chblock_parse_header(&h, file.data, file.len), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_UNKNOWN_COMPRESSION_METHOD);
    file.data[16] = 0x02;
    file.data[17] = 3; /* compressed size 3 < 9 */
    assert_int_equal(floe_chblock_parse_header(&h, file.data, file.len), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_CORRUPTED_DATA);
    file.data[17] = 10;
    file.data[20] = 0x50; /* compressed size > 1 GiB */
    assert_int_equal(floe_chblock_parse_header(&h, file.data, file.len), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_TOO_LARGE_SIZE_COMPRESSED);
    file.data[20] = 0;

    /* A stream cut inside a block. */
    floe_buf out = FLOE_BUF_INIT;
    assert_int_equal(floe_chblock_decompress_all(&out, file.data, 20), -1);
    floe_buf_clear(&out);
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_READ_ALL_DATA);
    assert_int_equal(floe_chblock_decompress_all(&out, file.data, 30), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_READ_ALL_DATA);
    floe_buf_clear(&out);
    assert_int_equal(floe_chblock_decompress_all(&out, file.data, 26), 0);
    assert_int_equal(out.len, 1);
    floe_buf_free(&out);
    floe_buf_free(&file);
}

/* A block written by floe reads back through the reader and has
 * ClickHouse's header layout. */
static void test_block_roundtrip(void **state)
{
    const floe_codec codecs[] = {{FLOE_CODEC_NONE, FLOE_CODEC_DEFAULT_LEVEL},
                                 {FLOE_CODEC_LZ4, FLOE_CODEC_DEFAULT_LEVEL},
                                 {FLOE_CODEC_LZ4HC, 12},
                                 {FLOE_CODEC_ZSTD, FLOE_CODEC_DEFAULT_LEVEL}};
    const uint8_t methods[] = {0x02, 0x82, 0x82, 0x90};
    floe_buf in = FLOE_BUF_INIT, out = FLOE_BUF_INIT, back = FLOE_BUF_INIT;
    fill_inputs(&in, 0, 100000);
    for (int i = 0; i < 4; i++) {
        floe_buf_clear(&out);
        assert_int_equal(floe_chblock_compress(&out, &codecs[i], in.data, in.len), 0);
        floe_chblock_header h;
        assert_int_equal(floe_chblock_parse_header(&h, out.data, out.len), 0);
        assert_int_equal(h.method, methods[i]);
        assert_int_equal(h.decompressed_size, in.len);
        assert_int_equal(16 + h.compressed_size, out.len);
        floe_uint128 sum = floe_city_hash128(out.data + 16, out.len - 16);
        assert_true(floe_uint128_eq(sum, h.checksum));
        floe_buf_clear(&back);
        assert_int_equal(floe_chblock_decompress_all(&back, out.data, out.len), 0);
        assert_int_equal(back.len, in.len);
        assert_memory_equal(back.data, in.data, in.len);
    }
    floe_buf_free(&in);
    floe_buf_free(&out);
    floe_buf_free(&back);
}

int main(void)
{
    /* The fixtures sit beside this file. */
    snprintf(data_dir, sizeof data_dir, "%s", __FILE__);
    char *slash = strrchr(data_dir, '/');
    if (slash)
        snprintf(slash, sizeof data_dir - (size_t)(slash - data_dir), "/data/compress");
    else
        snprintf(data_dir, sizeof data_dir, "tests/unit/data/compress");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codec_roundtrip),   cmocka_unit_test(test_codec_formats),
        cmocka_unit_test(test_codec_parse),       cmocka_unit_test(test_read_clickhouse_columns),
        cmocka_unit_test(test_read_none_blocks),  cmocka_unit_test(test_write_identical),
        cmocka_unit_test(test_writer_block_rule), cmocka_unit_test(test_seek_marks),
        cmocka_unit_test(test_part_checksums),    cmocka_unit_test(test_checksum_errors),
        cmocka_unit_test(test_block_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
