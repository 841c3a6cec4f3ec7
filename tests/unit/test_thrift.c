// FLOE_UNIT_DEPS: base hash compress types parquet
/*
 * Thrift compact protocol: byte-exact encodings from the specification's
 * rules (short and long field headers, zigzag varints, bools in headers,
 * list headers short and long), and decoding of the same bytes back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "parquet/thrift.h"

static void expect_bytes(const floe_buf *b, const uint8_t *want, size_t n)
{
    assert_int_equal(b->len, n);
    assert_memory_equal(b->data, want, n);
}

static void test_field_headers(void **state)
{
    floe_buf b = FLOE_BUF_INIT;
    floe_thrift_writer w;
    floe_thrift_writer_init(&w, &b);
    floe_thrift_struct_begin(&w);
    floe_thrift_field_i32(&w, 1, 1);        /* 0x15 0x02 */
    floe_thrift_field_bool(&w, 2, true);    /* 0x11 */
    floe_thrift_field_bool(&w, 3, false);   /* 0x12 */
    floe_thrift_field_i64(&w, 4, -1);       /* 0x16 0x01 */
    floe_thrift_field_i32(&w, 20, 300);     /* delta 16: long form 0x05 0x28, 600 = 0xd8 0x04 */
    floe_thrift_field_string(&w, 21, "ab"); /* 0x18 0x02 'a' 'b' */
    floe_thrift_field_i8(&w, 22, -2);       /* 0x13 0xfe */
    floe_thrift_field_i16(&w, 5, 3);        /* id goes down: long form 0x04 0x0a 0x06 */
    floe_thrift_struct_end(&w);             /* 0x00 */
    static const uint8_t want[] = {0x15, 0x02, 0x11, 0x12, 0x16, 0x01, 0x05, 0x28, 0xd8, 0x04,
                                   0x18, 0x02, 'a',  'b',  0x13, 0xfe, 0x04, 0x0a, 0x06, 0x00};
    expect_bytes(&b, want, sizeof want);
    floe_buf_free(&b);
}

static void test_nested_and_lists(void **state)
{
    floe_buf b = FLOE_BUF_INIT;
    floe_thrift_writer w;
    floe_thrift_writer_init(&w, &b);
    floe_thrift_struct_begin(&w);
    floe_thrift_field_struct_begin(&w, 1); /* 0x1c */
    floe_thrift_field_i32(&w, 1, 5);       /* 0x15 0x0a */
    floe_thrift_struct_end(&w);            /* 0x00 */
    floe_thrift_field_i32(&w, 2, -3);      /* delta from 1 in the outer struct: 0x15 0x05 */
    floe_thrift_field_list_begin(&w, 3, FLOE_THRIFT_I32, 3); /* 0x19 0x35 */
    floe_thrift_write_i32(&w, 1);
    floe_thrift_write_i32(&w, 2);
    floe_thrift_write_i32(&w, -64);                                /* 127 = 0x7f */
    floe_thrift_field_list_begin(&w, 4, FLOE_THRIFT_BOOL_TRUE, 2); /* 0x19 0x21 */
    floe_thrift_write_bool(&w, true);
    floe_thrift_write_bool(&w, false);
    floe_thrift_field_double(&w, 5, 1.0); /* 0x17 then little-endian bits */
    floe_thrift_struct_end(&w);
    static const uint8_t want[] = {0x1c, 0x15, 0x0a, 0x00, 0x15, 0x05, 0x19, 0x35, 0x02,
                                   0x04, 0x7f, 0x19, 0x21, 0x01, 0x00, 0x17, 0,    0,
                                   0,    0,    0,    0,    0xf0, 0x3f, 0x00};
    expect_bytes(&b, want, sizeof want);
    floe_buf_free(&b);
}

static void test_long_list(void **state)
{
    floe_buf b = FLOE_BUF_INIT;
    floe_thrift_writer w;
    floe_thrift_writer_init(&w, &b);
    floe_thrift_struct_begin(&w);
    floe_thrift_field_list_begin(&w, 1, FLOE_THRIFT_STRUCT, 20); /* 0x19 0xfc 0x14 */
    for (int i = 0; i < 20; i++) {
        floe_thrift_struct_begin(&w);
        floe_thrift_field_i64(&w, 1, i); /* 0x16 zigzag(i) */
        floe_thrift_struct_end(&w);
    }
    floe_thrift_struct_end(&w);
    assert_int_equal(b.len, 3 + 20 * 3 + 1); /* each element: header, value, stop */
    assert_memory_equal(b.data, "\x19\xfc\x14\x16\x00\x00\x16\x02\x00", 9);

    /* Decode it back. */
    floe_thrift_reader r;
    floe_thrift_reader_init(&r, b.data, b.len);
    int16_t id;
    int type, et;
    uint32_t n;
    assert_int_equal(floe_thrift_read_struct_begin(&r), 0);
    assert_int_equal(floe_thrift_read_field(&r, &id, &type), 0);
    assert_int_equal(id, 1);
    assert_int_equal(type, FLOE_THRIFT_LIST);
    assert_int_equal(floe_thrift_read_list_begin(&r, &et, &n), 0);
    assert_int_equal(et, FLOE_THRIFT_STRUCT);
    assert_int_equal(n, 20);
    for (uint32_t i = 0; i < n; i++) {
        int64_t v;
        assert_int_equal(floe_thrift_read_struct_begin(&r), 0);
        assert_int_equal(floe_thrift_read_field(&r, &id, &type), 0);
        assert_int_equal(type, FLOE_THRIFT_I64);
        assert_int_equal(floe_thrift_read_i64(&r, &v), 0);
        assert_int_equal(v, i);
        assert_int_equal(floe_thrift_read_field(&r, &id, &type), 0);
        assert_int_equal(type, FLOE_THRIFT_STOP);
    }
    assert_int_equal(floe_thrift_read_field(&r, &id, &type), 0);
    assert_int_equal(type, FLOE_THRIFT_STOP);
    assert_ptr_equal(r.p, r.end);
    floe_buf_free(&b);
}

static void test_decode_and_skip(void **state)
{
    floe_buf b = FLOE_BUF_INIT;
    floe_thrift_writer w;
    floe_thrift_writer_init(&w, &b);
    floe_thrift_struct_begin(&w);
    floe_thrift_field_bool(&w, 1, true);
    floe_thrift_field_struct_begin(&w, 2); /* skipped by the reader below */
    floe_thrift_field_list_begin(&w, 1, FLOE_THRIFT_BINARY, 2);
    floe_thrift_write_binary(&w, "xy", 2);
    floe_thrift_write_binary(&w, "", 0);
    floe_thrift_field_double(&w, 2, 2.5);
    floe_thrift_field_list_begin(&w, 3, FLOE_THRIFT_BOOL_TRUE, 1);
    floe_thrift_write_bool(&w, true);
    floe_thrift_struct_end(&w);
    floe_thrift_field_i64(&w, 300, INT64_MIN);
    floe_thrift_field_binary(&w, 301, "hello", 5);
    floe_thrift_field_bool(&w, 302, false);
    floe_thrift_struct_end(&w);

    floe_thrift_reader r;
    floe_thrift_reader_init(&r, b.data, b.len);
    int16_t id;
    int type;
    assert_int_equal(floe_thrift_read_struct_begin(&r), 0);
    assert_int_equal(floe_thrift_read_field(&r, &id, &type), 0);
    assert_int_equal(id, 1);
    assert_int_equal(type, FLOE_THRIFT_BOOL_TRUE);
    assert_true(r.bool_value);
    assert_int_equal(floe_thrift_read_field(&r, &id, &type), 0);
    assert_int_equal(id, 2);
    assert_int_equal(type, FLOE_THRIFT_STRUCT);
    assert_int_equal(floe_thrift_skip(&r, type), 0);
    assert_int_equal(floe_thrift_read_field(&r, &id, &type), 0);
    assert_int_equal(id, 300);
    int64_t v;
    assert_int_equal(floe_thrift_read_i64(&r, &v), 0);
    assert_true(v == INT64_MIN);
    assert_int_equal(floe_thrift_read_field(&r, &id, &type), 0);
    assert_int_equal(id, 301);
    const uint8_t *p;
    size_t n;
    assert_int_equal(floe_thrift_read_binary(&r, &p, &n), 0);
    assert_int_equal(n, 5);
    assert_memory_equal(p, "hello", 5);
    assert_int_equal(floe_thrift_read_field(&r, &id, &type), 0);
    assert_int_equal(id, 302);
    assert_false(r.bool_value);
    assert_int_equal(floe_thrift_read_field(&r, &id, &type), 0);
    assert_int_equal(type, FLOE_THRIFT_STOP);
    assert_ptr_equal(r.p, r.end);

    /* Every truncation of the input fails cleanly with INCORRECT_DATA. */
    for (size_t cut = 0; cut < b.len; cut++) {
        floe_thrift_reader_init(&r, b.data, cut);
        int rc = floe_thrift_skip(&r, FLOE_THRIFT_STRUCT);
        assert_int_equal(rc, -1);
        assert_int_equal(floe_error_code(), FLOE_ERR_INCORRECT_DATA);
    }
    floe_buf_free(&b);
}

static void test_varint_limits(void **state)
{
    floe_buf b = FLOE_BUF_INIT;
    floe_thrift_put_varint(&b, UINT64_MAX);
    assert_int_equal(b.len, 10);
    assert_memory_equal(b.data, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 10);
    assert_true(floe_zigzag64(INT64_MIN) == UINT64_MAX);
    assert_true(floe_zigzag64(INT64_MAX) == UINT64_MAX - 1);
    assert_true(floe_unzigzag64(UINT64_MAX) == INT64_MIN);
    floe_thrift_reader r;
    floe_thrift_reader_init(&r, b.data, b.len);
    uint64_t u;
    assert_int_equal(floe_thrift_read_varint(&r, &u), 0);
    assert_true(u == UINT64_MAX);
    /* An over-long varint is rejected. */
    static const uint8_t bad[11] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                    0xff, 0xff, 0xff, 0xff, 0x01};
    floe_thrift_reader_init(&r, bad, sizeof bad);
    assert_int_equal(floe_thrift_read_varint(&r, &u), -1);
    floe_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_field_headers), cmocka_unit_test(test_nested_and_lists),
        cmocka_unit_test(test_long_list),     cmocka_unit_test(test_decode_and_skip),
        cmocka_unit_test(test_varint_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
