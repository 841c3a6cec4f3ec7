/*
 * Split-block Bloom filters and the XXH64 hash they use. Block choice is
 * the high half of the hash times the block count; the low half, multiplied
 * by eight odd salts, picks one bit in each of the block's eight words.
 */
#include <string.h>

#include "base/mem.h"
#include "parquet/bloom.h"
#include "parquet/thrift.h"

#define P1 0x9E3779B185EBCA87ull
#define P2 0xC2B2AE3D27D4EB4Full
#define P3 0x165667B19E3779F9ull
#define P4 0x85EBCA77C2B2AE63ull
#define P5 0x27D4EB2F165667C5ull

static inline uint64_t rotl64(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static inline uint64_t rd64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline uint64_t xround(uint64_t acc, uint64_t input)
{
    acc += input * P2;
    acc = rotl64(acc, 31);
    return acc * P1;
}

static inline uint64_t xmerge(uint64_t acc, uint64_t val)
{
    acc ^= xround(0, val);
    return acc * P1 + P4;
}

uint64_t floe_parquet_xxh64(const void *data, size_t n, uint64_t seed)
{
    const uint8_t *p = data, *end = p + n;
    uint64_t h;
    if (n >= 32) {
        uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
        const uint8_t *limit = end - 32;
        do {
            v1 = xround(v1, rd64(p));
            v2 = xround(v2, rd64(p + 8));
            v3 = xround(v3, rd64(p + 16));
            v4 = xround(v4, rd64(p + 24));
            p += 32;
        } while (p <= limit);
        h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
        h = xmerge(h, v1);
        h = xmerge(h, v2);
        h = xmerge(h, v3);
        h = xmerge(h, v4);
    } else {
        h = seed + P5;
    }
    h += (uint64_t)n;
    while (end - p >= 8) {
        h ^= xround(0, rd64(p));
        h = rotl64(h, 27) * P1 + P4;
        p += 8;
    }
    if (end - p >= 4) {
        h ^= (uint64_t)rd32(p) * P1;
        h = rotl64(h, 23) * P2 + P3;
        p += 4;
    }
    while (p < end) {
        h ^= (uint64_t)*p++ * P5;
        h = rotl64(h, 11) * P1;
    }
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    h ^= h >> 32;
    return h;
}

static const uint32_t salt[8] = {0x47b6137bu, 0x44974d91u, 0x8824ad5bu, 0xa2b7289du,
                                 0x705495c7u, 0x2df1424bu, 0x9efc4947u, 0x5c6bfb31u};

void floe_parquet_bloom_init(floe_parquet_bloom *b, uint64_t ndv, double bits_per_value)
{
    double want = (double)ndv * bits_per_value / 8.0;
    size_t bytes = 32;
    while ((double)bytes < want && bytes < (128u << 20))
        bytes *= 2;
    b->n_blocks = bytes / 32;
    b->words = floe_calloc(b->n_blocks * 8, sizeof *b->words);
}

void floe_parquet_bloom_free(floe_parquet_bloom *b)
{
    floe_free(b->words);
    b->words = NULL;
    b->n_blocks = 0;
}

static inline uint32_t *block_of(const floe_parquet_bloom *b, uint64_t hash)
{
    size_t i = (size_t)(((hash >> 32) * (uint64_t)b->n_blocks) >> 32);
    return b->words + i * 8;
}

void floe_parquet_bloom_insert(floe_parquet_bloom *b, uint64_t hash)
{
    uint32_t *w = block_of(b, hash);
    uint32_t key = (uint32_t)hash;
    for (int i = 0; i < 8; i++)
        w[i] |= 1u << ((key * salt[i]) >> 27);
}

bool floe_parquet_bloom_check(const floe_parquet_bloom *b, uint64_t hash)
{
    const uint32_t *w = block_of(b, hash);
    uint32_t key = (uint32_t)hash;
    for (int i = 0; i < 8; i++)
        if (!(w[i] & (1u << ((key * salt[i]) >> 27))))
            return false;
    return true;
}

void floe_parquet_bloom_serialize(floe_buf *out, const floe_parquet_bloom *b)
{
    floe_thrift_writer t;
    floe_thrift_writer_init(&t, out);
    floe_thrift_struct_begin(&t);
    floe_thrift_field_i32(&t, 1, (int32_t)(b->n_blocks * 32));
    floe_thrift_field_struct_begin(&t, 2); /* algorithm: BLOCK */
    floe_thrift_field_struct_begin(&t, 1);
    floe_thrift_struct_end(&t);
    floe_thrift_struct_end(&t);
    floe_thrift_field_struct_begin(&t, 3); /* hash: XXHASH */
    floe_thrift_field_struct_begin(&t, 1);
    floe_thrift_struct_end(&t);
    floe_thrift_struct_end(&t);
    floe_thrift_field_struct_begin(&t, 4); /* compression: UNCOMPRESSED */
    floe_thrift_field_struct_begin(&t, 1);
    floe_thrift_struct_end(&t);
    floe_thrift_struct_end(&t);
    floe_thrift_struct_end(&t);
    size_t n = b->n_blocks * 8;
    floe_buf_reserve(out, n * 4);
    uint8_t *dst = (uint8_t *)out->data + out->len;
    for (size_t i = 0; i < n; i++) {
        uint32_t v = b->words[i];
        dst[4 * i] = (uint8_t)v;
        dst[4 * i + 1] = (uint8_t)(v >> 8);
        dst[4 * i + 2] = (uint8_t)(v >> 16);
        dst[4 * i + 3] = (uint8_t)(v >> 24);
    }
    out->len += n * 4;
    out->data[out->len] = '\0';
}
