/*
 * CityHash v1.0.2, the version ClickHouse froze in contrib/cityhash102 (the
 * 128-bit function changed in 1.0.3). CityHash128 is the checksum of every
 * compressed block and of every file in checksums.txt; CityHash64 is the SQL
 * function cityHash64 of a single String argument.
 */
#ifndef FLOE_HASH_CITY_H
#define FLOE_HASH_CITY_H

#include <stddef.h>
#include <stdint.h>

#include "hash/hash.h"

uint64_t floe_city_hash64(const void *p, size_t n);
uint64_t floe_city_hash64_with_seed(const void *p, size_t n, uint64_t seed);
uint64_t floe_city_hash64_with_seeds(const void *p, size_t n, uint64_t seed0, uint64_t seed1);

/* CityHash128: .low is CityHash's `first`, .high its `second`. */
floe_uint128 floe_city_hash128(const void *p, size_t n);
floe_uint128 floe_city_hash128_with_seed(const void *p, size_t n, floe_uint128 seed);

/* CityHash's Hash128to64 (ClickHouse combines the hashes of several
 * arguments of cityHash64 with it). */
static inline uint64_t floe_city_hash128to64(floe_uint128 x)
{
    const uint64_t mul = 0x9ddfea08eb382d69ULL;
    uint64_t a = (x.low ^ x.high) * mul;
    a ^= (a >> 47);
    uint64_t b = (x.high ^ a) * mul;
    b ^= (b >> 47);
    b *= mul;
    return b;
}

/* How cityHash64(a, b, ...) folds the hash of each further argument into the
 * running one: Hash128to64 of {running, next}. */
static inline uint64_t floe_city_hash64_combine(uint64_t h1, uint64_t h2)
{
    floe_uint128 x = {h1, h2};
    return floe_city_hash128to64(x);
}

/*
 * ClickHouse's HashingWriteBuffer / HashingReadBuffer checksum (the file_hash
 * of checksums.txt): the input is cut into 2,048-byte blocks and the state is
 * CityHash128WithSeed(block, 2048, state) starting from {0, 0}; a final
 * partial block is hashed the same way with its own length, and an empty
 * input hashes to {0, 0}. Feed bytes in any pieces; the result does not
 * depend on how they were cut.
 */
#define FLOE_CITY_HASHING_BLOCK 2048

typedef struct floe_city_hashing {
    floe_uint128 state;
    size_t pos;     /* bytes buffered in block, always < FLOE_CITY_HASHING_BLOCK */
    uint64_t count; /* bytes fed in total */
    unsigned char block[FLOE_CITY_HASHING_BLOCK];
} floe_city_hashing;

void floe_city_hashing_init(floe_city_hashing *h);
void floe_city_hashing_update(floe_city_hashing *h, const void *p, size_t n);
/* Does not change h: more bytes may follow. */
floe_uint128 floe_city_hashing_get(const floe_city_hashing *h);

#endif
