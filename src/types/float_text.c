/*
 * Shortest round-trip float printing (Ryu, Ulf Adams 2018, reimplemented
 * over 128-bit arithmetic, one core for Float64 and Float32) and float
 * parsing. The layout rules are ClickHouse's: plain digits while the decimal
 * point sits within 21 places left of it and 6 places right of it, else
 * d.ddde±x without a '+'. Exact integers below 2^53 (2^24) print directly.
 */
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "types/float_text.h"

/* ---- Ryu tables, computed once ----------------------------------------
 * pow5[i]     = 5^i scaled to exactly POW5_BITS bits (top bits of 5^i)
 * pow5_inv[i] = floor(2^(bitlen(5^i) - 1 + POW5_INV_BITS) / 5^i) + 1
 * Both are 128-bit, stored low word first. */

#define POW5_BITS      125
#define POW5_INV_BITS  125
#define POW5_COUNT     326
#define POW5_INV_COUNT 342
#define BIG_LIMBS      32 /* 5^341 < 2^800, 2^(792+125) < 2^1024 */

static uint64_t pow5_tab[POW5_COUNT][2];
static uint64_t pow5_inv_tab[POW5_INV_COUNT][2];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;
static int tables_ready; /* set (release) once the tables are filled */

typedef struct big {
    uint32_t w[BIG_LIMBS]; /* little-endian limbs */
} big;

static int big_bitlen(const big *b)
{
    for (int i = BIG_LIMBS - 1; i >= 0; i--)
        if (b->w[i])
            return i * 32 + 32 - __builtin_clz(b->w[i]);
    return 0;
}

static int big_bit(const big *b, int k)
{
    return (b->w[k / 32] >> (k % 32)) & 1;
}

static void big_mul_small(big *b, uint32_t m)
{
    uint64_t carry = 0;
    for (int i = 0; i < BIG_LIMBS; i++) {
        uint64_t v = (uint64_t)b->w[i] * m + carry;
        b->w[i] = (uint32_t)v;
        carry = v >> 32;
    }
}

/* The comparisons and shifts below look at the low n limbs only: the
 * callers know how long their numbers are. */
static int big_cmp(const big *a, const big *b, int n)
{
    for (int i = n - 1; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

static void big_sub(big *a, const big *b, int n)
{
    int64_t borrow = 0;
    for (int i = 0; i < n; i++) {
        int64_t v = (int64_t)a->w[i] - b->w[i] - borrow;
        borrow = v < 0;
        a->w[i] = (uint32_t)(v + (borrow ? ((int64_t)1 << 32) : 0));
    }
}

static void big_shl1(big *b, int n)
{
    for (int i = n - 1; i > 0; i--)
        b->w[i] = (b->w[i] << 1) | (b->w[i - 1] >> 31);
    b->w[0] <<= 1;
}

/* The bits [lo, lo + 128) of b as a 128-bit number (lo may be negative:
 * the value is then shifted left). */
static unsigned __int128 big_bits(const big *b, int lo)
{
    unsigned __int128 r = 0;
    for (int k = 127; k >= 0; k--) {
        int pos = lo + k;
        r <<= 1;
        if (pos >= 0 && pos < BIG_LIMBS * 32)
            r |= (unsigned)big_bit(b, pos);
    }
    return r;
}

static void tables_init(void)
{
    big p5;
    memset(&p5, 0, sizeof p5);
    p5.w[0] = 1;
    for (int i = 0; i < POW5_INV_COUNT; i++) {
        int len = big_bitlen(&p5);
        if (i < POW5_COUNT) {
            unsigned __int128 v = big_bits(&p5, len - POW5_BITS);
            pow5_tab[i][0] = (uint64_t)v;
            pow5_tab[i][1] = (uint64_t)(v >> 64);
        }
        /* Long division of 2^(len - 1 + POW5_INV_BITS) by 5^i: the running
         * remainder starts at 2^(len - 1), below the divisor for i > 0. */
        unsigned __int128 q = 0;
        if (i == 0) {
            q = (unsigned __int128)1 << POW5_INV_BITS;
        } else {
            big r;
            memset(&r, 0, sizeof r);
            r.w[(len - 1) / 32] = 1u << ((len - 1) % 32);
            /* r < 2 * 5^i always, so one limb past 5^i's length suffices. */
            int n = len / 32 + 2;
            for (int k = 0; k < POW5_INV_BITS; k++) {
                big_shl1(&r, n);
                q <<= 1;
                if (big_cmp(&r, &p5, n) >= 0) {
                    big_sub(&r, &p5, n);
                    q |= 1;
                }
            }
        }
        q += 1;
        pow5_inv_tab[i][0] = (uint64_t)q;
        pow5_inv_tab[i][1] = (uint64_t)(q >> 64);
        big_mul_small(&p5, 5);
    }
    __atomic_store_n(&tables_ready, 1, __ATOMIC_RELEASE);
}

/* The tables, filled on first use; after that a single load. */
static inline void tables_need(void)
{
    if (!__atomic_load_n(&tables_ready, __ATOMIC_ACQUIRE))
        pthread_once(&tables_once, tables_init);
}

/* ---- Ryu core -------------------------------------------------------- */

static inline uint32_t pow5bits(int32_t e)
{
    return (((uint32_t)e * 1217359u) >> 19) + 1;
}
static inline uint32_t log10_pow2(int32_t e)
{
    return ((uint32_t)e * 78913u) >> 18;
}
static inline uint32_t log10_pow5(int32_t e)
{
    return ((uint32_t)e * 732923u) >> 20;
}

static inline uint32_t pow5_factor(uint64_t v)
{
    uint32_t n = 0;
    while (v % 5 == 0) {
        v /= 5;
        n++;
    }
    return n;
}

static inline bool multiple_of_pow5(uint64_t v, uint32_t p)
{
    return pow5_factor(v) >= p;
}

static inline bool multiple_of_pow2(uint64_t v, uint32_t p)
{
    return (v & ((1ull << p) - 1)) == 0;
}

static inline uint64_t mul_shift(uint64_t m, const uint64_t *mul, int32_t j)
{
    unsigned __int128 b0 = (unsigned __int128)m * mul[0];
    unsigned __int128 b2 = (unsigned __int128)m * mul[1];
    return (uint64_t)(((b0 >> 64) + b2) >> (j - 64));
}

/* m2 * 2^e2 is the value; mm_shift tells whether the gap below is the full
 * ulp (1) or half of it (0, at a power of two). */
static void ryu(uint64_t *out_digits, int *out_exp, uint64_t m2, int32_t e2, bool mm_shift)
{
    bool accept_bounds = (m2 & 1) == 0;
    uint64_t mv = 4 * m2;
    uint64_t vr, vp, vm;
    int32_t e10;
    bool vm_tz = false, vr_tz = false;

    e2 -= 2;
    if (e2 >= 0) {
        uint32_t q = log10_pow2(e2) - (e2 > 3);
        e10 = (int32_t)q;
        int32_t k = POW5_INV_BITS + (int32_t)pow5bits((int32_t)q) - 1;
        int32_t i = -e2 + (int32_t)q + k;
        vr = mul_shift(mv, pow5_inv_tab[q], i);
        vp = mul_shift(mv + 2, pow5_inv_tab[q], i);
        vm = mul_shift(mv - 1 - mm_shift, pow5_inv_tab[q], i);
        if (q <= 21) {
            if (mv % 5 == 0)
                vr_tz = multiple_of_pow5(mv, q);
            else if (accept_bounds)
                vm_tz = multiple_of_pow5(mv - 1 - mm_shift, q);
            else
                vp -= multiple_of_pow5(mv + 2, q);
        }
    } else {
        uint32_t q = log10_pow5(-e2) - (-e2 > 1);
        e10 = (int32_t)q + e2;
        int32_t i = -e2 - (int32_t)q;
        int32_t k = (int32_t)pow5bits(i) - POW5_BITS;
        int32_t j = (int32_t)q - k;
        vr = mul_shift(mv, pow5_tab[i], j);
        vp = mul_shift(mv + 2, pow5_tab[i], j);
        vm = mul_shift(mv - 1 - mm_shift, pow5_tab[i], j);
        if (q <= 1) {
            vr_tz = true;
            if (accept_bounds)
                vm_tz = mm_shift;
            else
                --vp;
        } else if (q < 63) {
            vr_tz = multiple_of_pow2(mv, q);
        }
    }

    int32_t removed = 0;
    uint32_t last = 0;
    uint64_t output;
    if (vm_tz || vr_tz) {
        /* Rare: exact values near the bounds need the trailing-zero care. */
        for (;;) {
            uint64_t vpd = vp / 10, vmd = vm / 10;
            if (vpd <= vmd)
                break;
            uint32_t vmr = (uint32_t)(vm - 10 * vmd);
            uint64_t vrd = vr / 10;
            uint32_t vrr = (uint32_t)(vr - 10 * vrd);
            vm_tz &= vmr == 0;
            vr_tz &= last == 0;
            last = vrr;
            vr = vrd;
            vp = vpd;
            vm = vmd;
            ++removed;
        }
        if (vm_tz) {
            for (;;) {
                uint64_t vmd = vm / 10;
                uint32_t vmr = (uint32_t)(vm - 10 * vmd);
                if (vmr != 0)
                    break;
                uint64_t vpd = vp / 10, vrd = vr / 10;
                uint32_t vrr = (uint32_t)(vr - 10 * vrd);
                vr_tz &= last == 0;
                last = vrr;
                vr = vrd;
                vp = vpd;
                vm = vmd;
                ++removed;
            }
        }
        if (vr_tz && last == 5 && vr % 2 == 0)
            last = 4; /* exactly halfway: round to even */
        output = vr + ((vr == vm && (!accept_bounds || !vm_tz)) || last >= 5);
    } else {
        bool round_up = false;
        /* Short outputs drop many digits: four at a time first. */
        for (;;) {
            uint64_t vpd = vp / 10000, vmd = vm / 10000;
            if (vpd <= vmd)
                break;
            uint64_t vrd = vr / 10000;
            uint32_t vrr = (uint32_t)(vr - 10000 * vrd);
            round_up = vrr >= 5000;
            vr = vrd;
            vp = vpd;
            vm = vmd;
            removed += 4;
        }
        uint64_t vpd100 = vp / 100, vmd100 = vm / 100;
        if (vpd100 > vmd100) {
            uint64_t vrd100 = vr / 100;
            uint32_t vrr = (uint32_t)(vr - 100 * vrd100);
            round_up = vrr >= 50;
            vr = vrd100;
            vp = vpd100;
            vm = vmd100;
            removed += 2;
        }
        for (;;) {
            uint64_t vpd = vp / 10, vmd = vm / 10;
            if (vpd <= vmd)
                break;
            uint64_t vrd = vr / 10;
            uint32_t vrr = (uint32_t)(vr - 10 * vrd);
            round_up = vrr >= 5;
            vr = vrd;
            vp = vpd;
            vm = vmd;
            ++removed;
        }
        output = vr + (vr == vm || round_up);
    }
    int exp = e10 + removed;
    while (output % 10 == 0) {
        output /= 10;
        exp++;
    }
    *out_digits = output;
    *out_exp = exp;
}

void floe_float64_shortest(uint64_t *digits, int *exp10, double x)
{
    tables_need();
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    uint64_t mant = bits & ((1ull << 52) - 1);
    uint32_t e = (uint32_t)((bits >> 52) & 0x7ff);
    uint64_t m2;
    int32_t e2;
    if (e == 0) {
        m2 = mant;
        e2 = 1 - 1023 - 52;
    } else {
        m2 = mant | (1ull << 52);
        e2 = (int32_t)e - 1023 - 52;
    }
    ryu(digits, exp10, m2, e2, mant != 0 || e <= 1);
}

void floe_float32_shortest(uint64_t *digits, int *exp10, float x)
{
    tables_need();
    uint32_t bits;
    memcpy(&bits, &x, sizeof bits);
    uint32_t mant = bits & ((1u << 23) - 1);
    uint32_t e = (bits >> 23) & 0xff;
    uint64_t m2;
    int32_t e2;
    if (e == 0) {
        m2 = mant;
        e2 = 1 - 127 - 23;
    } else {
        m2 = mant | (1u << 23);
        e2 = (int32_t)e - 127 - 23;
    }
    ryu(digits, exp10, m2, e2, mant != 0 || e <= 1);
}

/* ---- layout ------------------------------------------------------------ */

static const char digit_pairs[201] = "00010203040506070809"
                                     "10111213141516171819"
                                     "20212223242526272829"
                                     "30313233343536373839"
                                     "40414243444546474849"
                                     "50515253545556575859"
                                     "60616263646566676869"
                                     "70717273747576777879"
                                     "80818283848586878889"
                                     "90919293949596979899";

static inline int decimal_len(uint64_t v)
{
    int n = 1;
    while (v >= 10000) {
        v /= 10000;
        n += 4;
    }
    if (v >= 1000)
        return n + 3;
    if (v >= 100)
        return n + 2;
    if (v >= 10)
        return n + 1;
    return n;
}

/* Writes the n = decimal_len(v) digits of v at out[0..n). */
static inline void write_digits(char *out, uint64_t v, int n)
{
    char *p = out + n;
    while (v >= 100) {
        uint64_t q = v / 100;
        unsigned r = (unsigned)(v - q * 100);
        p -= 2;
        memcpy(p, digit_pairs + 2 * r, 2);
        v = q;
    }
    if (v >= 10) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * v, 2);
    } else {
        *--p = (char)('0' + v);
    }
}

static const uint64_t pow10_tab[20] = {1ull,
                                       10ull,
                                       100ull,
                                       1000ull,
                                       10000ull,
                                       100000ull,
                                       1000000ull,
                                       10000000ull,
                                       100000000ull,
                                       1000000000ull,
                                       10000000000ull,
                                       100000000000ull,
                                       1000000000000ull,
                                       10000000000000ull,
                                       100000000000000ull,
                                       1000000000000000ull,
                                       10000000000000000ull,
                                       100000000000000000ull,
                                       1000000000000000000ull,
                                       10000000000000000000ull};

static size_t layout(char *out, bool neg, uint64_t digits, int exp10)
{
    char *p = out;
    if (neg)
        *p++ = '-';
    int k = decimal_len(digits);
    int n = k + exp10; /* position of the decimal point */
    if (k <= n && n <= 21) {
        write_digits(p, digits, k);
        memset(p + k, '0', (size_t)(n - k));
        p += n;
    } else if (0 < n && n <= 21) {
        /* k <= 17 here, so k - n < 17 and the split fits 64 bits. */
        uint64_t scale = pow10_tab[k - n];
        uint64_t ip = digits / scale, fp = digits - ip * scale;
        write_digits(p, ip, n);
        p[n] = '.';
        int fl = decimal_len(fp);
        memset(p + n + 1, '0', (size_t)(k - n - fl));
        write_digits(p + k + 1 - fl, fp, fl);
        p += k + 1;
    } else if (-6 < n && n <= 0) {
        *p++ = '0';
        *p++ = '.';
        memset(p, '0', (size_t)-n);
        p += -n;
        write_digits(p, digits, k);
        p += k;
    } else {
        char tmp[24];
        write_digits(tmp, digits, k);
        *p++ = tmp[0];
        if (k > 1) {
            *p++ = '.';
            memcpy(p, tmp + 1, (size_t)(k - 1));
            p += k - 1;
        }
        *p++ = 'e';
        int e = n - 1;
        if (e < 0) {
            *p++ = '-';
            e = -e;
        }
        int el = decimal_len((uint64_t)e);
        write_digits(p, (uint64_t)e, el);
        p += el;
    }
    return (size_t)(p - out);
}

static size_t special(char *out, double x, bool *done)
{
    *done = true;
    if (isnan(x)) {
        memcpy(out, "nan", 3);
        return 3;
    }
    if (isinf(x)) {
        if (x < 0) {
            memcpy(out, "-inf", 4);
            return 4;
        }
        memcpy(out, "inf", 3);
        return 3;
    }
    if (x == 0) {
        if (signbit(x)) {
            memcpy(out, "-0", 2);
            return 2;
        }
        out[0] = '0';
        return 1;
    }
    *done = false;
    return 0;
}

static size_t write_integer(char *out, bool neg, uint64_t v)
{
    char *p = out;
    if (neg)
        *p++ = '-';
    int n = decimal_len(v);
    write_digits(p, v, n);
    return (size_t)(p + n - out);
}

size_t floe_float64_format(char *out, double x)
{
    bool done;
    size_t n = special(out, x, &done);
    if (done)
        return n;
    bool neg = x < 0;
    double a = neg ? -x : x;
    /* Integers below 2^53 have a unique, exact shortest form: themselves. */
    if (a < 9007199254740992.0) {
        uint64_t v = (uint64_t)a;
        if ((double)v == a)
            return write_integer(out, neg, v);
    }
    uint64_t digits;
    int exp10;
    floe_float64_shortest(&digits, &exp10, a);
    return layout(out, neg, digits, exp10);
}

size_t floe_float32_format(char *out, float x)
{
    bool done;
    size_t n = special(out, (double)x, &done);
    if (done)
        return n;
    bool neg = x < 0;
    float a = neg ? -x : x;
    if (a < 16777216.0f) {
        uint32_t v = (uint32_t)a;
        if ((float)v == a)
            return write_integer(out, neg, v);
    }
    uint64_t digits;
    int exp10;
    floe_float32_shortest(&digits, &exp10, a);
    return layout(out, neg, digits, exp10);
}

void floe_buf_float64(floe_buf *b, double x)
{
    floe_buf_reserve(b, FLOE_FLOAT_TEXT_MAX);
    b->len += floe_float64_format(b->data + b->len, x);
    b->data[b->len] = '\0';
}

void floe_buf_float32(floe_buf *b, float x)
{
    floe_buf_reserve(b, FLOE_FLOAT_TEXT_MAX);
    b->len += floe_float32_format(b->data + b->len, x);
    b->data[b->len] = '\0';
}

/* ---- parsing ------------------------------------------------------------ */

static const double exact_pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static bool match_word(const char *p, size_t len, const char *w)
{
    size_t n = strlen(w);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((p[i] | 0x20) != w[i])
            return false;
    return true;
}

/* The syntax of a float: returns the length of the prefix that is one (0 for
 * none) and fills the parts the fast path needs. */
typedef struct float_scan {
    bool neg;
    int special;    /* 0 number, 1 inf, 2 nan */
    uint64_t mant;  /* the first 19 significant digits */
    int sig_digits; /* significant digits seen (may exceed 19) */
    int exp10;      /* value = mant * 10^exp10 when sig_digits <= 19 */
} float_scan;

static size_t scan_float(float_scan *s, const char *p, size_t len)
{
    size_t i = 0;
    s->neg = false;
    s->special = 0;
    s->mant = 0;
    s->sig_digits = 0;
    s->exp10 = 0;
    if (i < len && (p[i] == '-' || p[i] == '+')) {
        s->neg = p[i] == '-';
        i++;
    }
    if (i < len && (p[i] | 0x20) == 'i') {
        if (!match_word(p + i, len - i, "inf"))
            return 0;
        s->special = 1;
        i += 3;
        if (match_word(p + i, len - i, "inity"))
            i += 5;
        return i;
    }
    if (i < len && (p[i] | 0x20) == 'n') {
        if (!match_word(p + i, len - i, "nan"))
            return 0;
        s->special = 2;
        return i + 3;
    }
    bool any = false;
    int dropped = 0; /* integer digits beyond the 19 kept */
    while (i < len && p[i] >= '0' && p[i] <= '9') {
        any = true;
        if (s->mant == 0 && p[i] == '0') {
            i++;
            continue;
        }
        if (s->sig_digits < 19)
            s->mant = s->mant * 10 + (uint64_t)(p[i] - '0');
        else
            dropped++;
        s->sig_digits++;
        i++;
    }
    if (i < len && p[i] == '.') {
        size_t j = i + 1;
        while (j < len && p[j] >= '0' && p[j] <= '9') {
            any = true;
            if (s->mant == 0 && p[j] == '0') {
                s->exp10--;
                j++;
                continue;
            }
            if (s->sig_digits < 19) {
                s->mant = s->mant * 10 + (uint64_t)(p[j] - '0');
                s->exp10--;
            }
            s->sig_digits++;
            j++;
        }
        if (any)
            i = j;
    }
    if (!any)
        return 0;
    s->exp10 += dropped;
    if (i < len && (p[i] | 0x20) == 'e') {
        size_t j = i + 1;
        bool eneg = false;
        if (j < len && (p[j] == '-' || p[j] == '+')) {
            eneg = p[j] == '-';
            j++;
        }
        if (j < len && p[j] >= '0' && p[j] <= '9') {
            int e = 0;
            while (j < len && p[j] >= '0' && p[j] <= '9') {
                if (e < 100000)
                    e = e * 10 + (p[j] - '0');
                j++;
            }
            s->exp10 += eneg ? -e : e;
            i = j;
        }
    }
    return i;
}

/* strtod/strtof on a NUL-terminated copy of p[0..n). */
static double slow_parse(const char *p, size_t n, bool single, float *f)
{
    char small[128];
    char *tmp = n < sizeof small ? small : malloc(n + 1);
    memcpy(tmp, p, n);
    tmp[n] = '\0';
    double d = 0;
    if (single)
        *f = strtof(tmp, NULL);
    else
        d = strtod(tmp, NULL);
    if (tmp != small)
        free(tmp);
    return d;
}

size_t floe_float64_scan(double *out, const char *p, size_t len)
{
    float_scan s;
    size_t n = scan_float(&s, p, len);
    if (n == 0)
        return 0;
    double v;
    if (s.special == 1) {
        v = INFINITY;
    } else if (s.special == 2) {
        v = NAN;
    } else if (s.mant == 0) {
        v = 0;
    } else if (s.sig_digits <= 19 && s.mant <= (1ull << 53) && s.exp10 >= -22 && s.exp10 <= 22) {
        /* Clinger's fast path: both operands exact, one rounding. */
        v = (double)s.mant;
        v = s.exp10 < 0 ? v / exact_pow10[-s.exp10] : v * exact_pow10[s.exp10];
    } else {
        *out = slow_parse(p, n, false, NULL);
        return n;
    }
    *out = s.neg ? -v : v;
    return n;
}

size_t floe_float32_scan(float *out, const char *p, size_t len)
{
    float_scan s;
    size_t n = scan_float(&s, p, len);
    if (n == 0)
        return 0;
    float v;
    if (s.special == 1) {
        v = INFINITY;
    } else if (s.special == 2) {
        v = NAN;
    } else if (s.mant == 0) {
        v = 0;
    } else if (s.sig_digits <= 19 && s.mant <= (1ull << 24) && s.exp10 >= -10 && s.exp10 <= 10) {
        v = (float)s.mant;
        float pw = (float)exact_pow10[s.exp10 < 0 ? -s.exp10 : s.exp10];
        v = s.exp10 < 0 ? v / pw : v * pw;
    } else {
        slow_parse(p, n, true, out);
        return n;
    }
    *out = s.neg ? -v : v;
    return n;
}

static int parse_error(const char *p, size_t len, size_t n, const char *type)
{
    if (n == 0)
        return floe_error(
            FLOE_ERR_CANNOT_PARSE_NUMBER,
            "Cannot read floating point value here: %.*s: Cannot parse %s from String", (int)len, p,
            type);
    return floe_error(FLOE_ERR_CANNOT_PARSE_TEXT,
                      "Cannot parse string '%.*s' as %s: syntax error at position %zu (parsed "
                      "just '%.*s')",
                      (int)len, p, type, n, (int)n, p);
}

int floe_float64_parse(double *out, const char *p, size_t len)
{
    size_t n = floe_float64_scan(out, p, len);
    if (n == 0 || n != len)
        return parse_error(p, len, n, "Float64");
    return 0;
}

int floe_float32_parse(float *out, const char *p, size_t len)
{
    size_t n = floe_float32_scan(out, p, len);
    if (n == 0 || n != len)
        return parse_error(p, len, n, "Float32");
    return 0;
}
