// FLOE_UNIT_DEPS: base
/*
 * Varints: ClickHouse's VarUInt (bytes checked against the String length
 * prefix of chref's RowBinary output), full 64-bit LEB128, zigzag, and the
 * bounds checks of the readers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "base/varint.h"

struct vec {
    uint64_t v;
    const char *hex;
};

/* chref: SELECT n, hex(formatRowNoNewline('RowBinary', repeat('a', n))):
 * the VarUInt length prefix of each string. */
static const struct vec ch_vecs[] = {
    {0, "00"},     {1, "01"},       {127, "7F"},       {128, "8001"},       {255, "FF01"},
    {300, "AC02"}, {16383, "FF7F"}, {16384, "808001"}, {1000000, "C0843D"},
};

/* Beyond what a string length can show, LEB128 by definition. */
static const struct vec big_vecs[] = {
    {UINT64_C(0x7FFFFFFF), "FFFFFFFF07"},
    {UINT64_C(0xFFFFFFFF), "FFFFFFFF0F"},
    {(UINT64_C(1) << 56) - 1, "FFFFFFFFFFFFFF7F"},
    {UINT64_C(1) << 56, "8080808080808080"
                        "01"},
    {FLOE_VARUINT_MAX, "FFFFFFFFFFFFFFFF7F"},
};

static size_t unhex(unsigned char *out, const char *hex)
{
    size_t n = 0;
    for (; hex[0] && hex[1]; hex += 2) {
        unsigned hi = (unsigned)(hex[0] <= '9' ? hex[0] - '0' : hex[0] - 'A' + 10);
        unsigned lo = (unsigned)(hex[1] <= '9' ? hex[1] - '0' : hex[1] - 'A' + 10);
        out[n++] = (unsigned char)(hi << 4 | lo);
    }
    return n;
}

static void check_roundtrip(const struct vec *v, int full64)
{
    unsigned char want[16];
    size_t wn = unhex(want, v->hex);
    floe_buf b = FLOE_BUF_INIT;
    if (full64)
        floe_uleb128_write(&b, v->v);
    else
        assert_int_equal(floe_varuint_write(&b, v->v), 0);
    assert_int_equal(b.len, wn);
    assert_memory_equal(b.data, want, wn);
    assert_int_equal(floe_uleb128_len(v->v), wn);

    /* Read back exactly, and fail on every truncation. */
    const char *p = (const char *)want;
    uint64_t got = 0;
    if (full64)
        assert_int_equal(floe_uleb128_read(&got, &p, (const char *)want + wn), 0);
    else
        assert_int_equal(floe_varuint_read(&got, &p, (const char *)want + wn), 0);
    assert_int_equal(got, v->v);
    assert_ptr_equal(p, (const char *)want + wn);
    for (size_t cut = 0; cut < wn; cut++) {
        p = (const char *)want;
        int rc = full64 ? floe_uleb128_read(&got, &p, (const char *)want + cut)
                        : floe_varuint_read(&got, &p, (const char *)want + cut);
        assert_int_equal(rc, -1);
        assert_int_equal(floe_error_code(), FLOE_ERR_ATTEMPT_TO_READ_AFTER_EOF);
        assert_ptr_equal(p, (const char *)want); /* cursor untouched */
    }
    floe_buf_free(&b);
}

static void test_varuint_clickhouse_bytes(void **state)
{
    for (size_t i = 0; i < sizeof ch_vecs / sizeof ch_vecs[0]; i++) {
        check_roundtrip(&ch_vecs[i], 0);
        check_roundtrip(&ch_vecs[i], 1);
    }
    for (size_t i = 0; i < sizeof big_vecs / sizeof big_vecs[0]; i++) {
        check_roundtrip(&big_vecs[i], 0);
        check_roundtrip(&big_vecs[i], 1);
    }
}

static void test_varuint_limits(void **state)
{
    floe_buf b = FLOE_BUF_INIT;
    assert_int_equal(floe_varuint_write(&b, FLOE_VARUINT_MAX + 1), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_BAD_ARGUMENTS);
    assert_string_equal(floe_error_message(),
                        "Value 9223372036854775808 is too large for VarInt encoding");
    assert_int_equal(b.len, 0);

    /* ClickHouse stops after 9 bytes even if the 9th says more follow. */
    const unsigned char nine[10] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x81, 0x05};
    const char *p = (const char *)nine;
    uint64_t v;
    assert_int_equal(floe_varuint_read(&v, &p, (const char *)nine + 10), 0);
    assert_int_equal(v, UINT64_C(1) << 56);
    assert_ptr_equal(p, (const char *)nine + 9);

    /* Full LEB128: UINT64_MAX takes 10 bytes; an 11th or overflow is an error. */
    floe_uleb128_write(&b, UINT64_MAX);
    assert_int_equal(b.len, 10);
    assert_int_equal((unsigned char)b.data[9], 0x01);
    p = b.data;
    assert_int_equal(floe_uleb128_read(&v, &p, b.data + b.len), 0);
    assert_int_equal(v, UINT64_MAX);
    b.data[9] = 0x02; /* bit 64 set: overflow */
    p = b.data;
    assert_int_equal(floe_uleb128_read(&v, &p, b.data + b.len), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_INCORRECT_DATA);
    const unsigned char eleven[11] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                      0xFF, 0xFF, 0xFF, 0x81, 0};
    p = (const char *)eleven;
    assert_int_equal(floe_uleb128_read(&v, &p, (const char *)eleven + 11), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_INCORRECT_DATA);
    floe_buf_free(&b);
}

static void test_zigzag(void **state)
{
    /* Thrift compact protocol spec table. */
    assert_int_equal(floe_zigzag_encode64(0), 0);
    assert_int_equal(floe_zigzag_encode64(-1), 1);
    assert_int_equal(floe_zigzag_encode64(1), 2);
    assert_int_equal(floe_zigzag_encode64(-2), 3);
    assert_int_equal(floe_zigzag_encode64(INT64_MAX), UINT64_MAX - 1);
    assert_int_equal(floe_zigzag_encode64(INT64_MIN), UINT64_MAX);
    assert_int_equal(floe_zigzag_encode32(INT32_MAX), UINT32_MAX - 1);
    assert_int_equal(floe_zigzag_encode32(INT32_MIN), UINT32_MAX);
    assert_int_equal(floe_zigzag_encode32(-3), 5);
    int64_t s64[] = {0, 1, -1, 63, -64, 64, INT64_MAX, INT64_MIN, -123456789012345LL};
    for (size_t i = 0; i < sizeof s64 / sizeof s64[0]; i++)
        assert_true(floe_zigzag_decode64(floe_zigzag_encode64(s64[i])) == s64[i]);
    int32_t s32[] = {0, 1, -1, INT32_MAX, INT32_MIN, -77};
    for (size_t i = 0; i < sizeof s32 / sizeof s32[0]; i++)
        assert_true(floe_zigzag_decode32(floe_zigzag_encode32(s32[i])) == s32[i]);

    /* ClickHouse's VarInt: zigzag then VarUInt; -64 -> 127 -> one byte. */
    floe_buf b = FLOE_BUF_INIT;
    assert_int_equal(floe_varint_write(&b, -64), 0);
    assert_int_equal(floe_varint_write(&b, 64), 0);
    assert_int_equal(b.len, 3);
    assert_int_equal((unsigned char)b.data[0], 0x7F);
    const char *p = b.data;
    int64_t v;
    assert_int_equal(floe_varint_read(&v, &p, b.data + b.len), 0);
    assert_int_equal(v, -64);
    assert_int_equal(floe_varint_read(&v, &p, b.data + b.len), 0);
    assert_int_equal(v, 64);
    assert_int_equal(floe_varint_read(&v, &p, b.data + b.len), -1);
    floe_buf_free(&b);
}

/* Every value near a 7-bit boundary survives a stream of mixed writes. */
static void test_stream(void **state)
{
    floe_buf b = FLOE_BUF_INIT;
    uint64_t vals[200];
    size_t n = 0;
    for (int bit = 0; bit < 64; bit++) {
        uint64_t x = UINT64_C(1) << bit;
        vals[n++] = x - 1;
        vals[n++] = x;
        vals[n++] = x + 1;
    }
    for (size_t i = 0; i < n; i++)
        floe_uleb128_write(&b, vals[i]);
    const char *p = b.data, *end = b.data + b.len;
    for (size_t i = 0; i < n; i++) {
        uint64_t v;
        assert_int_equal(floe_uleb128_read(&v, &p, end), 0);
        assert_int_equal(v, vals[i]);
    }
    assert_ptr_equal(p, end);
    floe_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_varuint_clickhouse_bytes),
        cmocka_unit_test(test_varuint_limits),
        cmocka_unit_test(test_zigzag),
        cmocka_unit_test(test_stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
