// FLOE_UNIT_DEPS: base types
/*
 * Float text: ClickHouse's layout of the shortest round-trip digits (values
 * from chref: SELECT 1e15, 1e21, toFloat32(1/3), ... and random bit patterns
 * through reinterpretAsFloat64), the round-trip and shortness properties on
 * many random values, and parsing with ClickHouse's error codes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "types/float_text.h"

typedef struct f64_case {
    uint64_t bits;
    const char *text;
} f64_case;

typedef struct f32_case {
    uint32_t bits;
    const char *text;
} f32_case;

/* chref: SELECT reinterpretAsUInt64(x), x FROM (SELECT
 * reinterpretAsFloat64(rand64(number)) x FROM numbers(200000)) (and decimal-
 * looking and integer-valued variants, and the Float32 equivalents). */
static const f64_case f64_cases[] = {
    {UINT64_C(0xce533cfd604c09a1), "-2.074647828330297e69"},
    {UINT64_C(0x5778ee3827d672a2), "2.3982262295316117e113"},
    {UINT64_C(0xfc172d955bc7f77c), "-5.6469368901308236e289"},
    {UINT64_C(0x331bf80740eba605), "1.6997133527614604e-62"},
    {UINT64_C(0xa8fb4cb31c7fbf0a), "-2.8379061182929803e-111"},
    {UINT64_C(0x2e1e18c09de555c2), "1.512933988169127e-86"},
    {UINT64_C(0xb5adfc38ce51cb76), "-4.007174803966443e-50"},
    {UINT64_C(0x724af6ccf89537e1), "3.595935506406932e242"},
    {UINT64_C(0x172975a23439fb5a), "4.2573840256103384e-197"},
    {UINT64_C(0xbcffeac2d83165c8), "-7.0870055582223185e-15"},
    {UINT64_C(0xad4ace0c2da646f5), "-1.6448453560590652e-90"},
    {UINT64_C(0xdd7df12c5d1e019b), "-2.2820228218325614e142"},
    {UINT64_C(0xadb9699244a0f88a), "-1.9960286156183346e-88"},
    {UINT64_C(0x7ef0370165b8a9d8), "2.779898798216799e303"},
    {UINT64_C(0xd3fdbae1ad3d2f29), "-3.968931719242957e96"},
    {UINT64_C(0x639fde6de7bda116), "7.697401422294354e171"},
    {UINT64_C(0xe5b2c8d989041785), "-7.794686286472708e181"},
    {UINT64_C(0x26dfc00d06f501cb), "1.9211806732210342e-121"},
    {UINT64_C(0xe8a842a721687e4c), "-1.4167867420421605e196"},
    {UINT64_C(0x524fb7d194b17e5a), "3.154823830137803e88"},
    {UINT64_C(0x31907bddde103a79), "5.970899736867942e-70"},
    {UINT64_C(0xdb31e53dbf256be6), "-1.9847294735782173e131"},
    {UINT64_C(0xebe4d1e2dd68a3bf), "-5.47576673907707e211"},
    {UINT64_C(0xc7bb97e6c0f375f6), "-3.6677872953194994e37"},
    {UINT64_C(0x29da9b786fb7e7f1), "4.531713694915675e-107"},
    {UINT64_C(0xb38981fd9b04fbb2), "-1.9841909940650068e-60"},
    {UINT64_C(0x18b8743e4005d002), "1.3721259494817494e-189"},
    {UINT64_C(0xe22d2d79be01cdf7), "-8.401131653691448e164"},
    {UINT64_C(0xc9fefce0550f5524), "-2.8305448481788048e48"},
    {UINT64_C(0xf58aa34ea228f282), "-1.5998769774526869e258"},
    {UINT64_C(0xfdd353c0796c10a6), "-1.2639900914307626e298"},
    {UINT64_C(0x56333f769045da09), "1.7658015452306264e107"},
    {UINT64_C(0x58f6e420c59904e6), "3.694412805803483e120"},
    {UINT64_C(0xec0cc711b12a1a05), "-3.027483180657147e212"},
    {UINT64_C(0xb00a68056fcf75db), "-2.850619279379717e-77"},
    {UINT64_C(0x05e9a1b1fbca9b7c), "3.530125426750885e-280"},
    {UINT64_C(0x072ec262d047c9e1), "4.4421241573852083e-274"},
    {UINT64_C(0xb9655233abd1c02e), "-3.285035739730685e-32"},
    {UINT64_C(0x7c9550d847278688), "1.3294666608918647e292"},
    {UINT64_C(0x79926442e3232c5d), "4.0752720846941195e277"},
    {UINT64_C(0x4112be963d70a3d7), "307109.56"},
    {UINT64_C(0xc0ede81d2f1a9fbe), "-61248.912"},
    {UINT64_C(0x3b8694ca6bed89c8), "5.9771975e-22"},
    {UINT64_C(0xc0f5b038f5c28f5c), "-88835.56"},
    {UINT64_C(0xbc61cc41fd6afe4d), "-7.718600899999999e-18"},
    {UINT64_C(0xbe25cbfba7ba088d), "-2.5374825e-9"},
    {UINT64_C(0xbd71144c3184c58c), "-9.708451e-13"},
    {UINT64_C(0x3bf62fbb23649fe2), "7.5170614e-20"},
    {UINT64_C(0xbd653aebbee9038c), "-6.0339743e-13"},
    {UINT64_C(0x40edfc8c51eb851f), "61412.385"},
    {UINT64_C(0x3d5e95de44fc99a2), "4.34645e-13"},
    {UINT64_C(0x3fb5de32361952c9), "0.085421694"},
    {UINT64_C(0x3f73953cbbe8bbfb), "0.0047809956"},
    {UINT64_C(0xbf9e0998c9d4b99a), "-0.029333484"},
    {UINT64_C(0xc114d05070a3d70a), "-341012.11"},
    {UINT64_C(0x3c30182278c1d180), "8.7247245e-19"},
    {UINT64_C(0xc0153f3bbb97f123), "-5.3117513"},
    {UINT64_C(0x3b7d4c3c1a92a4c5), "3.8775305000000003e-22"},
    {UINT64_C(0x4073e172e48e8a72), "318.09055"},
    {UINT64_C(0xc0b9c22189374bc7), "-6594.131"},
    {UINT64_C(0x406841f7e3d1cc10), "194.06151"},
    {UINT64_C(0xbd2e8f9ccc04a4fb), "-5.4287217e-14"},
    {UINT64_C(0xbf53378a4edbacd0), "-0.0011729098"},
    {UINT64_C(0xbe70b0482a6a835d), "-6.2169884e-8"},
    {UINT64_C(0xbcc1b60b5870f93c), "-4.9158207e-16"},
    {UINT64_C(0x42bf5562a805c892), "34451587859912.57"},
    {UINT64_C(0x42b156554c1548cb), "19062495909192.793"},
    {UINT64_C(0x435d6a79936953c4), "33119378885398290"},
    {UINT64_C(0x4346226e02741490), "12460610741086496"},
    {UINT64_C(0x42fb914f787e6833), "484974680073859.2"},
    {UINT64_C(0x43674effc537c6be), "52486279173912050"},
    {UINT64_C(0x42b2b791d66df85d), "20579635064312.363"},
    {UINT64_C(0x435f03c98c725ac6), "34919553830578970"},
    {UINT64_C(0x4316f5542e37d287), "1615547847275681.8"},
    {UINT64_C(0x42a8439501f53179), "13339270904472.736"},
    {UINT64_C(0x4352ef4a35130a43), "21318606311401740"},
    {UINT64_C(0x43989bf79bf64d1e), "443320781881165700"},
    {UINT64_C(0x436b450b459e83e4), "61405912689286940"},
    {UINT64_C(0x42bf971e37040a75), "34733907444746.457"},
    {UINT64_C(0x430e992df15c6ac7), "1076583987907928.9"},
};

static const f32_case f32_cases[] = {
    {0x8b24b7f1u, "-3.1723633e-32"},
    {0xb5b5af99u, "-0.0000013536657"},
    {0x22d9def4u, "5.905403e-18"},
    {0x1e4f35c0u, "1.0969604e-20"},
    {0x6ce1b3e4u, "2.1828626e27"},
    {0x9f188b69u, "-3.230257e-20"},
    {0x8e07825au, "-1.6702797e-30"},
    {0x220f1e45u, "1.9396138e-18"},
    {0x1bab67c2u, "2.835663e-22"},
    {0xbaa390b4u, "-0.0012479038"},
    {0x9f654fdeu, "-4.85587e-20"},
    {0xb6e31c03u, "-0.000006768388"},
    {0xd30b8157u, "-599170400000"},
    {0x30204524u, "5.8305916e-10"},
    {0x7585f0abu, "3.3957852e32"},
    {0x4dd9641cu, "455902080"},
    {0xe053aef3u, "-61013585000000000000"},
    {0x76b5650cu, "1.839561e33"},
    {0x0a8a4a8bu, "1.3316957e-32"},
    {0x938771a3u, "-3.4190846e-27"},
    {0x14fd0f05u, "2.5552396e-26"},
    {0xcd19ac7au, "-161138600"},
    {0xdcb230beu, "-401249100000000000"},
    {0x99584f96u, "-1.11830105e-23"},
    {0x4cf08870u, "126108540"},
    {0x1ac26358u, "8.039702e-23"},
    {0x26045555u, "4.5912346e-16"},
    {0x2d9c9d87u, "1.7805103e-11"},
    {0x2ecd10b4u, "9.325288e-11"},
    {0x4b117c6cu, "9534572"},
    {0x226b205fu, "3.1865576e-18"},
    {0x2ccb6124u, "5.780392e-12"},
    {0x48de8d04u, "455784.12"},
    {0x2ff7c453u, "4.5068535e-10"},
    {0x35568ef9u, "7.9929265e-7"},
    {0x3567ec80u, "8.639836e-7"},
    {0x1c56b5f7u, "7.1041844e-22"},
    {0x1e9106bfu, "1.5355262e-20"},
    {0x47083cb1u, "34876.69"},
    {0x45deadc3u, "7125.72"},
};

static double from_bits64(uint64_t b)
{
    double d;
    memcpy(&d, &b, 8);
    return d;
}

static float from_bits32(uint32_t b)
{
    float f;
    memcpy(&f, &b, 4);
    return f;
}

static void check64(double x, const char *want)
{
    char out[FLOE_FLOAT_TEXT_MAX + 1];
    size_t n = floe_float64_format(out, x);
    out[n] = '\0';
    if (strcmp(out, want) != 0)
        fail_msg("float64 %.17g: got %s, want %s", x, out, want);
}

static void check32(float x, const char *want)
{
    char out[FLOE_FLOAT_TEXT_MAX + 1];
    size_t n = floe_float32_format(out, x);
    out[n] = '\0';
    if (strcmp(out, want) != 0)
        fail_msg("float32 %.9g: got %s, want %s", (double)x, out, want);
}

/* chref: SELECT 1e15, 1e16, 1e20, 1e21, 1e22, 1e-5, 1.23e-5, toFloat32(1/3),
 * 1/3, 0.1, 1.5e-7, 0.0001, -0., 1/0, -1/0, 0/0, ... */
static void test_layout(void **state)
{
    (void)state;
    check64(1e15, "1000000000000000");
    check64(1e16, "10000000000000000");
    check64(1e20, "100000000000000000000");
    check64(1e21, "1e21");
    check64(1e22, "1e22");
    check64(2e21, "2e21");
    check64(1.2345e21, "1.2345e21");
    check64(12345678901234567890123.0, "1.2345678901234568e22");
    check64(1e-5, "0.00001");
    check64(1.23e-5, "0.0000123");
    check64(1.0 / 3, "0.3333333333333333");
    check64(0.1, "0.1");
    check64(1.5e-7, "1.5e-7");
    check64(1e-7, "1e-7");
    check64(1e-6, "0.000001");
    check64(1.5e-6, "0.0000015");
    check64(1.234e-7, "1.234e-7");
    check64(0.0001, "0.0001");
    check64(0.001234, "0.001234");
    check64(-0.0, "-0");
    check64(0.0, "0");
    check64(1.0 / 0.0, "inf");
    check64(-1.0 / 0.0, "-inf");
    check64(0.0 / 0.0, "nan");
    check64(-(0.0 / 0.0), "nan");
    check64(1234567890000000.0, "1234567890000000");
    check64(5e-324, "5e-324");
    check64(1.7976931348623157e308, "1.7976931348623157e308");
    check64(2.2250738585072014e-308, "2.2250738585072014e-308");
    check64(1e100, "1e100");
    check64(1.5e-100, "1.5e-100");
    check64(1e-300, "1e-300");
    check64(123.456, "123.456");
    check64(1.2345678e20, "123456780000000000000");
    check64(1.5e17, "150000000000000000");
    check64(9.3e18, "9300000000000000000");
    check64(1.8446744073709552e19, "18446744073709552000");
    check64(2.5e20, "250000000000000000000");
    check64(123456789.123, "123456789.123");
    check64(0.000123456, "0.000123456");
    check64(1.0000000000000002, "1.0000000000000002");
    check64(4.35, "4.35");
    check64(9007199254740992.0, "9007199254740992");
    check64(18014398509481988.0, "18014398509481988");
    check64(123456789012345680.0, "123456789012345680");
    check64(6917529027641082000.0, "6917529027641082000");
    check64(-42.0, "-42");

    check32(1.0f / 3, "0.33333334");
    check32(0.1f, "0.1");
    check32(16777216.0f, "16777216");
    check32(33554450.0f, "33554450");
    check32(1e10f, "10000000000");
    check32(1.17549435e-38f, "1.1754944e-38");
    check32(1e-45f, "1e-45");
    check32(123456.7f, "123456.7");
    check32(9.999e20f, "999900000000000000000");
    check32(1e21f, "1e21");
    check32(1e20f, "100000000000000000000");
    check32(1e-7f, "1e-7");
    check32(1e-5f, "0.00001");
    check32(3.4028235e38f, "3.4028235e38");
    check32(-0.0f, "-0");
}

static void test_chref_random(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof f64_cases / sizeof f64_cases[0]; i++)
        check64(from_bits64(f64_cases[i].bits), f64_cases[i].text);
    for (size_t i = 0; i < sizeof f32_cases / sizeof f32_cases[0]; i++)
        check32(from_bits32(f32_cases[i].bits), f32_cases[i].text);
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* The fewest significant digits that read back as x, by brute force. */
static int min_digits64(double x)
{
    char buf[64];
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, x);
        if (strtod(buf, NULL) == x)
            return p;
    }
    return 17;
}

static int min_digits32(float x)
{
    char buf[64];
    for (int p = 1; p <= 9; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, (double)x);
        if (strtof(buf, NULL) == x)
            return p;
    }
    return 9;
}

static int digit_count(uint64_t v)
{
    int n = 0;
    do {
        n++;
        v /= 10;
    } while (v);
    return n;
}

/* Every finite value reads back exactly, and with no more digits than the
 * shortest form has. */
static void test_round_trip(void **state)
{
    (void)state;
    char out[FLOE_FLOAT_TEXT_MAX];
    for (int i = 0; i < 200000; i++) {
        double x = from_bits64(rng());
        if (x != x)
            continue;
        size_t n = floe_float64_format(out, x);
        double y;
        if (floe_float64_parse(&y, out, n) != 0 || memcmp(&x, &y, 8) != 0)
            fail_msg("float64 %.17g -> %.*s does not read back", x, (int)n, out);
        if (i % 10 == 0 && x != 0 && x - x == 0) {
            uint64_t d;
            int e;
            floe_float64_shortest(&d, &e, x < 0 ? -x : x);
            if (digit_count(d) > min_digits64(x))
                fail_msg("float64 %.17g: %d digits, %d suffice", x, digit_count(d),
                         min_digits64(x));
        }
    }
    for (int i = 0; i < 200000; i++) {
        float x = from_bits32((uint32_t)rng());
        if (x != x)
            continue;
        size_t n = floe_float32_format(out, x);
        float y;
        if (floe_float32_parse(&y, out, n) != 0 || memcmp(&x, &y, 4) != 0)
            fail_msg("float32 %.9g -> %.*s does not read back", (double)x, (int)n, out);
        if (i % 10 == 0 && x != 0 && x - x == 0) {
            uint64_t d;
            int e;
            floe_float32_shortest(&d, &e, x < 0 ? -x : x);
            if (digit_count(d) > min_digits32(x))
                fail_msg("float32 %.9g: %d digits, %d suffice", (double)x, digit_count(d),
                         min_digits32(x));
        }
    }
    /* Powers of two and their neighbours, where the gap below halves. */
    for (int e = -1074; e < 1024; e++) {
        double x = __builtin_ldexp(1.0, e);
        double xs[3] = {x, __builtin_nextafter(x, 0), __builtin_nextafter(x, 1e308)};
        for (int k = 0; k < 3; k++) {
            size_t n = floe_float64_format(out, xs[k]);
            double y;
            if (floe_float64_parse(&y, out, n) != 0 || y != xs[k])
                fail_msg("2^%d: %.*s does not read back", e, (int)n, out);
        }
    }
}

static void test_parse(void **state)
{
    (void)state;
    double d;
    float f;
    assert_int_equal(floe_float64_parse(&d, "1.5", 3), 0);
    assert_true(d == 1.5);
    assert_int_equal(floe_float64_parse(&d, "-.5e1", 5), 0);
    assert_true(d == -5);
    assert_int_equal(floe_float64_parse(&d, "Infinity", 8), 0);
    assert_true(d > 1e308);
    assert_int_equal(floe_float64_parse(&d, "-inf", 4), 0);
    assert_true(d < -1e308);
    assert_int_equal(floe_float64_parse(&d, "NaN", 3), 0);
    assert_true(d != d);
    assert_int_equal(floe_float64_parse(&d, "0.1000000000000000055511151231257827", 36), 0);
    assert_true(d == 0.1);
    assert_int_equal(floe_float64_parse(&d, "123456789012345678901234567890", 30), 0);
    assert_true(d == 123456789012345678901234567890.0);
    assert_int_equal(floe_float64_parse(&d, "2.2250738585072011e-308", 23), 0);
    assert_true(d == 2.2250738585072011e-308);
    assert_int_equal(floe_float32_parse(&f, "0.1", 3), 0);
    assert_true(f == 0.1f);
    /* Rounded once, to float: not through double. */
    assert_int_equal(floe_float32_parse(&f, "1.00000005960464477550", 22), 0);
    assert_true(f == 1.00000011920928955078125f);

    /* chref: toFloat64('abc') -> 72, toFloat64('1 ') -> 6 */
    assert_int_not_equal(floe_float64_parse(&d, "abc", 3), 0);
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_PARSE_NUMBER);
    assert_string_equal(floe_error_message(),
                        "Cannot read floating point value here: abc: Cannot parse Float64 from "
                        "String");
    assert_int_not_equal(floe_float64_parse(&d, "1 ", 2), 0);
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_PARSE_TEXT);
    assert_string_equal(floe_error_message(), "Cannot parse string '1 ' as Float64: syntax error "
                                              "at position 1 (parsed just '1')");
    assert_int_not_equal(floe_float32_parse(&f, "", 0), 0);
    assert_int_equal(floe_error_code(), FLOE_ERR_CANNOT_PARSE_NUMBER);
    assert_int_not_equal(floe_float64_parse(&d, "+", 1), 0);
    assert_int_not_equal(floe_float64_parse(&d, ".", 1), 0);
    assert_int_not_equal(floe_float64_parse(&d, "1e", 2), 0);
    assert_int_not_equal(floe_float64_parse(&d, "1_000", 5), 0);

    /* The scanner reads a prefix and says how long it was. */
    assert_int_equal(floe_float64_scan(&d, "12.5,7", 6), 4);
    assert_true(d == 12.5);
    assert_int_equal(floe_float64_scan(&d, "x", 1), 0);
}

static void test_buf(void **state)
{
    (void)state;
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_float64(&b, 0.1);
    floe_buf_putc(&b, ' ');
    floe_buf_float32(&b, 0.1f);
    floe_buf_putc(&b, ' ');
    floe_buf_float64(&b, -2.5e-300);
    assert_string_equal(b.data, "0.1 0.1 -2.5e-300");
    floe_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),     cmocka_unit_test(test_chref_random),
        cmocka_unit_test(test_round_trip), cmocka_unit_test(test_parse),
        cmocka_unit_test(test_buf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
