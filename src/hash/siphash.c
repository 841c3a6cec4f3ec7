/*
 * SipHash-2-4, streaming, bit-exact with ClickHouse's SipHash class: two
 * compression rounds per 8-byte word, the byte count mod 256 in the top byte
 * of the last word, four finalisation rounds, and ClickHouse's 64- and 128-bit
 * ways of folding the state.
 */
#include <string.h>

#include "hash/siphash.h"

#define ROTL(x, b) (((x) << (b)) | ((x) >> (64 - (b))))

#define SIPROUND                                                                                   \
    do {                                                                                           \
        v0 += v1;                                                                                  \
        v1 = ROTL(v1, 13);                                                                         \
        v1 ^= v0;                                                                                  \
        v0 = ROTL(v0, 32);                                                                         \
        v2 += v3;                                                                                  \
        v3 = ROTL(v3, 16);                                                                         \
        v3 ^= v2;                                                                                  \
        v0 += v3;                                                                                  \
        v3 = ROTL(v3, 21);                                                                         \
        v3 ^= v0;                                                                                  \
        v2 += v1;                                                                                  \
        v1 = ROTL(v1, 17);                                                                         \
        v1 ^= v2;                                                                                  \
        v2 = ROTL(v2, 32);                                                                         \
    } while (0)

void floe_siphash_init(floe_siphash *h, uint64_t k0, uint64_t k1)
{
    h->v0 = 0x736f6d6570736575ULL ^ k0;
    h->v1 = 0x646f72616e646f6dULL ^ k1;
    h->v2 = 0x6c7967656e657261ULL ^ k0;
    h->v3 = 0x7465646279746573ULL ^ k1;
    h->cnt = 0;
    h->tail = 0;
}

void floe_siphash_update(floe_siphash *h, const void *p, size_t n)
{
    const unsigned char *s = p;
    const unsigned char *end = s + n;
    uint64_t v0 = h->v0, v1 = h->v1, v2 = h->v2, v3 = h->v3;
    uint64_t cnt = h->cnt;
    uint64_t word = h->tail;

    /* Complete the word a previous update left unfinished. */
    if (cnt & 7) {
        while ((cnt & 7) && s < end) {
            word |= (uint64_t)*s << (8 * (cnt & 7));
            s++;
            cnt++;
        }
        if (cnt & 7) {
            h->cnt = cnt;
            h->tail = word;
            return;
        }
        v3 ^= word;
        SIPROUND;
        SIPROUND;
        v0 ^= word;
    }

    cnt += (uint64_t)(end - s);
    while (end - s >= 8) {
        memcpy(&word, s, 8);
        v3 ^= word;
        SIPROUND;
        SIPROUND;
        v0 ^= word;
        s += 8;
    }
    word = 0;
    for (int i = 0; s + i < end; i++)
        word |= (uint64_t)s[i] << (8 * i);

    h->v0 = v0;
    h->v1 = v1;
    h->v2 = v2;
    h->v3 = v3;
    h->cnt = cnt;
    h->tail = word;
}

static void finalize(floe_siphash *h)
{
    uint64_t v0 = h->v0, v1 = h->v1, v2 = h->v2, v3 = h->v3;
    uint64_t word = h->tail | ((h->cnt & 0xff) << 56);
    v3 ^= word;
    SIPROUND;
    SIPROUND;
    v0 ^= word;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    h->v0 = v0;
    h->v1 = v1;
    h->v2 = v2;
    h->v3 = v3;
}

uint64_t floe_siphash_final64(floe_siphash *h)
{
    finalize(h);
    return h->v0 ^ h->v1 ^ h->v2 ^ h->v3;
}

floe_uint128 floe_siphash_final128(floe_siphash *h)
{
    finalize(h);
    floe_uint128 r = {h->v0 ^ h->v1, h->v2 ^ h->v3};
    return r;
}

uint64_t floe_siphash64(const void *p, size_t n)
{
    floe_siphash h;
    floe_siphash_init(&h, 0, 0);
    floe_siphash_update(&h, p, n);
    return floe_siphash_final64(&h);
}

floe_uint128 floe_siphash128(const void *p, size_t n)
{
    floe_siphash h;
    floe_siphash_init(&h, 0, 0);
    floe_siphash_update(&h, p, n);
    return floe_siphash_final128(&h);
}

uint64_t floe_siphash64_combine(uint64_t h1, uint64_t h2)
{
    uint64_t both[2] = {h1, h2};
    return floe_siphash64(both, sizeof both);
}

floe_uint128 floe_siphash128_combine(floe_uint128 h1, floe_uint128 h2)
{
    unsigned char both[32];
    floe_uint128_store(both, h1);
    floe_uint128_store(both + 16, h2);
    return floe_siphash128(both, sizeof both);
}
