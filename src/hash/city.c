/*
 * CityHash v1.0.2 (Geoff Pike and Jyrki Alakuijala's algorithm, as frozen in
 * ClickHouse's contrib/cityhash102), written for floe from the published
 * algorithm, plus ClickHouse's block-chained file checksum built on it.
 * Little-endian loads only: floe targets little-endian machines.
 */
#include <string.h>

#include "hash/city.h"

static const uint64_t k0 = 0xc3a5c85c97cb3127ULL;
static const uint64_t k1 = 0xb492b66fbe98f273ULL;
static const uint64_t k2 = 0x9ae16a3b2f90404fULL;
static const uint64_t k3 = 0xc949d7c7509e6557ULL;

typedef struct pair64 {
    uint64_t first, second;
} pair64;

static inline uint64_t fetch64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline uint32_t fetch32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* Right rotation; a shift of 0 returns val unchanged. */
static inline uint64_t rotate(uint64_t val, int shift)
{
    return shift == 0 ? val : ((val >> shift) | (val << (64 - shift)));
}

/* Right rotation by 1..63. */
static inline uint64_t rotate1(uint64_t val, int shift)
{
    return (val >> shift) | (val << (64 - shift));
}

static inline uint64_t shift_mix(uint64_t val)
{
    return val ^ (val >> 47);
}

static inline uint64_t hash_len16(uint64_t u, uint64_t v)
{
    floe_uint128 x = {u, v};
    return floe_city_hash128to64(x);
}

static uint64_t hash_len0to16(const unsigned char *s, size_t len)
{
    if (len > 8) {
        uint64_t a = fetch64(s);
        uint64_t b = fetch64(s + len - 8);
        return hash_len16(a, rotate1(b + len, (int)len)) ^ b;
    }
    if (len >= 4) {
        uint64_t a = fetch32(s);
        return hash_len16(len + (a << 3), fetch32(s + len - 4));
    }
    if (len > 0) {
        uint8_t a = s[0];
        uint8_t b = s[len >> 1];
        uint8_t c = s[len - 1];
        uint32_t y = (uint32_t)a + ((uint32_t)b << 8);
        uint32_t z = (uint32_t)len + ((uint32_t)c << 2);
        return shift_mix(y * k2 ^ z * k3) * k2;
    }
    return k2;
}

static uint64_t hash_len17to32(const unsigned char *s, size_t len)
{
    uint64_t a = fetch64(s) * k1;
    uint64_t b = fetch64(s + 8);
    uint64_t c = fetch64(s + len - 8) * k2;
    uint64_t d = fetch64(s + len - 16) * k0;
    return hash_len16(rotate(a - b, 43) + rotate(c, 30) + d, a + rotate(b ^ k3, 20) - c + len);
}

static inline pair64 weak_hash_len32_with_seeds6(uint64_t w, uint64_t x, uint64_t y, uint64_t z,
                                                 uint64_t a, uint64_t b)
{
    a += w;
    b = rotate(b + a + z, 21);
    uint64_t c = a;
    a += x;
    a += y;
    b += rotate(a, 44);
    pair64 r = {a + z, b + c};
    return r;
}

static inline pair64 weak_hash_len32_with_seeds(const unsigned char *s, uint64_t a, uint64_t b)
{
    return weak_hash_len32_with_seeds6(fetch64(s), fetch64(s + 8), fetch64(s + 16), fetch64(s + 24),
                                       a, b);
}

static uint64_t hash_len33to64(const unsigned char *s, size_t len)
{
    uint64_t z = fetch64(s + 24);
    uint64_t a = fetch64(s) + (len + fetch64(s + len - 16)) * k0;
    uint64_t b = rotate(a + z, 52);
    uint64_t c = rotate(a, 37);
    a += fetch64(s + 8);
    c += rotate(a, 7);
    a += fetch64(s + 16);
    uint64_t vf = a + z;
    uint64_t vs = b + rotate(a, 31) + c;
    a = fetch64(s + 16) + fetch64(s + len - 32);
    z = fetch64(s + len - 8);
    b = rotate(a + z, 52);
    c = rotate(a, 37);
    a += fetch64(s + len - 24);
    c += rotate(a, 7);
    a += fetch64(s + len - 16);
    uint64_t wf = a + z;
    uint64_t ws = b + rotate(a, 31) + c;
    uint64_t r = shift_mix((vf + ws) * k2 + (wf + vs) * k0);
    return shift_mix(r * k0 + vs) * k2;
}

uint64_t floe_city_hash64(const void *p, size_t len)
{
    const unsigned char *s = p;
    if (len <= 32) {
        if (len <= 16)
            return hash_len0to16(s, len);
        return hash_len17to32(s, len);
    }
    if (len <= 64)
        return hash_len33to64(s, len);

    /* Over 64 bytes: hash the end first, then loop over 64-byte chunks
     * keeping 56 bytes of state (v, w, x, y, z). */
    uint64_t x = fetch64(s);
    uint64_t y = fetch64(s + len - 16) ^ k1;
    uint64_t z = fetch64(s + len - 56) ^ k0;
    pair64 v = weak_hash_len32_with_seeds(s + len - 64, len, y);
    pair64 w = weak_hash_len32_with_seeds(s + len - 32, len * k1, k0);
    z += shift_mix(v.second) * k1;
    x = rotate(z + x, 39) * k1;
    y = rotate(y, 33) * k1;

    len = (len - 1) & ~(size_t)63;
    do {
        x = rotate(x + y + v.first + fetch64(s + 16), 37) * k1;
        y = rotate(y + v.second + fetch64(s + 48), 42) * k1;
        x ^= w.second;
        y ^= v.first;
        z = rotate(z ^ w.first, 33);
        v = weak_hash_len32_with_seeds(s, v.second * k1, x + w.first);
        w = weak_hash_len32_with_seeds(s + 32, z + w.second, y);
        uint64_t t = z;
        z = x;
        x = t;
        s += 64;
        len -= 64;
    } while (len != 0);
    return hash_len16(hash_len16(v.first, w.first) + shift_mix(y) * k1 + z,
                      hash_len16(v.second, w.second) + x);
}

uint64_t floe_city_hash64_with_seeds(const void *p, size_t n, uint64_t seed0, uint64_t seed1)
{
    return hash_len16(floe_city_hash64(p, n) - seed0, seed1);
}

uint64_t floe_city_hash64_with_seed(const void *p, size_t n, uint64_t seed)
{
    return floe_city_hash64_with_seeds(p, n, k2, seed);
}

/* CityHash128's helper for inputs under 128 bytes (City and Murmur mixed). */
static floe_uint128 city_murmur(const unsigned char *s, size_t len, floe_uint128 seed)
{
    uint64_t a = seed.low;
    uint64_t b = seed.high;
    uint64_t c = 0;
    uint64_t d = 0;
    long l = (long)len - 16;
    if (l <= 0) {
        a = shift_mix(a * k1) * k1;
        c = b * k1 + hash_len0to16(s, len);
        d = shift_mix(a + (len >= 8 ? fetch64(s) : c));
    } else {
        c = hash_len16(fetch64(s + len - 8) + k1, a);
        d = hash_len16(b + len, c + fetch64(s + len - 16));
        a += d;
        do {
            a ^= shift_mix(fetch64(s) * k1) * k1;
            a *= k1;
            b ^= a;
            c ^= shift_mix(fetch64(s + 8) * k1) * k1;
            c *= k1;
            d ^= c;
            s += 16;
            l -= 16;
        } while (l > 0);
    }
    a = hash_len16(a, c);
    b = hash_len16(d, b);
    floe_uint128 r = {a ^ b, hash_len16(b, a)};
    return r;
}

floe_uint128 floe_city_hash128_with_seed(const void *p, size_t len, floe_uint128 seed)
{
    const unsigned char *s = p;
    if (len < 128)
        return city_murmur(s, len, seed);

    pair64 v, w;
    uint64_t x = seed.low;
    uint64_t y = seed.high;
    uint64_t z = len * k1;
    v.first = rotate(y ^ k1, 49) * k1 + fetch64(s);
    v.second = rotate(v.first, 42) * k1 + fetch64(s + 8);
    w.first = rotate(y + z, 35) * k1 + x;
    w.second = rotate(x + fetch64(s + 88), 53) * k1;

    /* The CityHash64 inner loop, two chunks per iteration. */
    do {
        for (int half = 0; half < 2; half++) {
            x = rotate(x + y + v.first + fetch64(s + 16), 37) * k1;
            y = rotate(y + v.second + fetch64(s + 48), 42) * k1;
            x ^= w.second;
            y ^= v.first;
            z = rotate(z ^ w.first, 33);
            v = weak_hash_len32_with_seeds(s, v.second * k1, x + w.first);
            w = weak_hash_len32_with_seeds(s + 32, z + w.second, y);
            uint64_t t = z;
            z = x;
            x = t;
            s += 64;
        }
        len -= 128;
    } while (len >= 128);
    y += rotate(w.first, 37) * k0 + z;
    x += rotate(v.first + z, 49) * k0;
    /* Up to four 32-byte chunks from the end of the tail. */
    for (size_t tail_done = 0; tail_done < len;) {
        tail_done += 32;
        y = rotate(y - x, 42) * k0 + v.second;
        w.first += fetch64(s + len - tail_done + 16);
        x = rotate(x, 49) * k0 + w.first;
        w.first += v.first;
        v = weak_hash_len32_with_seeds(s + len - tail_done, v.first, v.second);
    }
    x = hash_len16(x, v.first);
    y = hash_len16(y, w.first);
    floe_uint128 r = {hash_len16(x + v.second, w.second) + y,
                      hash_len16(x + w.second, y + v.second)};
    return r;
}

floe_uint128 floe_city_hash128(const void *p, size_t len)
{
    const unsigned char *s = p;
    floe_uint128 seed;
    if (len >= 16) {
        seed.low = fetch64(s) ^ k3;
        seed.high = fetch64(s + 8);
        return floe_city_hash128_with_seed(s + 16, len - 16, seed);
    }
    if (len >= 8) {
        seed.low = fetch64(s) ^ (len * k0);
        seed.high = fetch64(s + len - 8) ^ k1;
        return floe_city_hash128_with_seed(NULL, 0, seed);
    }
    seed.low = k0;
    seed.high = k1;
    return floe_city_hash128_with_seed(s, len, seed);
}

void floe_city_hashing_init(floe_city_hashing *h)
{
    h->state.low = h->state.high = 0;
    h->pos = 0;
    h->count = 0;
}

void floe_city_hashing_update(floe_city_hashing *h, const void *p, size_t n)
{
    const unsigned char *s = p;
    h->count += n;
    if (h->pos + n < FLOE_CITY_HASHING_BLOCK) {
        if (n)
            memcpy(h->block + h->pos, s, n);
        h->pos += n;
        return;
    }
    if (h->pos) {
        size_t take = FLOE_CITY_HASHING_BLOCK - h->pos;
        memcpy(h->block + h->pos, s, take);
        h->state = floe_city_hash128_with_seed(h->block, FLOE_CITY_HASHING_BLOCK, h->state);
        s += take;
        n -= take;
        h->pos = 0;
    }
    while (n >= FLOE_CITY_HASHING_BLOCK) {
        h->state = floe_city_hash128_with_seed(s, FLOE_CITY_HASHING_BLOCK, h->state);
        s += FLOE_CITY_HASHING_BLOCK;
        n -= FLOE_CITY_HASHING_BLOCK;
    }
    if (n)
        memcpy(h->block, s, n);
    h->pos = n;
}

floe_uint128 floe_city_hashing_get(const floe_city_hashing *h)
{
    if (h->pos)
        return floe_city_hash128_with_seed(h->block, h->pos, h->state);
    return h->state;
}
