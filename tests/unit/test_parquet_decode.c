// FLOE_UNIT_DEPS: base hash compress types parquet
/*
 * Decoders given hostile input: headers whose numbers overflow when
 * multiplied, nesting deeper than the stack, found by reading the code the
 * fuzzer exercises
 * (tests/fuzz/). Each input sits in a buffer of exactly its size, so the
 * sanitizer build sees any read past it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "parquet/encoding.h"
#include "parquet/meta.h"

/* A block of 2^61 values in one miniblock of width 8: mini * width wraps
 * to 0 bytes in 64 bits, which once passed the bounds check. */
static void test_delta_huge_block(void **state)
{
    (void)state;
    static const uint8_t bytes[] = {
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, /* block size 2^61 */
        0x01,                                                 /* one miniblock */
        0x03,                                                 /* three values */
        0x00,                                                 /* first value 0 */
        0x00,                                                 /* min delta 0 */
        0x08,                                                 /* width 8 */
        0x01, 0x02,
    };
    uint8_t *in = malloc(sizeof bytes);
    memcpy(in, bytes, sizeof bytes);
    int64_t out[3];
    floe_error_clear();
    assert_int_equal(floe_parquet_delta_decode(out, 3, 8, in, sizeof bytes, NULL), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_INCORRECT_DATA);
    free(in);
}

/* A footer whose unknown field is a list of lists of lists...: skipping it
 * once recursed once per byte, so a megabyte of footer overflowed the
 * stack. */
static void test_thrift_deep_lists(void **state)
{
    (void)state;
    size_t depth = 1u << 20;
    uint8_t *in = malloc(depth + 2);
    in[0] = 0xf9;                /* field 15, a list */
    memset(in + 1, 0x19, depth); /* one element, itself a list */
    in[depth + 1] = 0x00;
    floe_parquet_meta *m = NULL;
    floe_error_clear();
    assert_int_equal(floe_parquet_meta_parse(&m, in, depth + 2), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_INCORRECT_DATA);
    floe_parquet_meta_free(m);
    free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_delta_huge_block),
        cmocka_unit_test(test_thrift_deep_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
