/*
 * Shared pieces of the hash layer: the 128-bit value the CityHash and SipHash
 * functions return, its hex form, and ClickHouse's integer hashes
 * (intHash32, intHash64 and the containers' DefaultHash).
 */
#ifndef FLOE_HASH_HASH_H
#define FLOE_HASH_HASH_H

#include <stddef.h>
#include <stdint.h>

/* A 128-bit hash. low is CityHash's `first` (ClickHouse's `low64`), high its
 * `second` (`high64`); for SipHash, low = v0^v1 and high = v2^v3.
 * ClickHouse writes such a value to disk and to FixedString(16) as low then
 * high, each little-endian: floe_uint128_store gives those 16 bytes. */
typedef struct floe_uint128 {
    uint64_t low;
    uint64_t high;
} floe_uint128;

static inline int floe_uint128_eq(floe_uint128 a, floe_uint128 b)
{
    return a.low == b.low && a.high == b.high;
}

/* The 16 on-disk bytes: low little-endian, then high little-endian. */
void floe_uint128_store(unsigned char out[16], floe_uint128 v);
floe_uint128 floe_uint128_load(const unsigned char in[16]);

/* The 16 on-disk bytes as 32 lowercase hex digits plus NUL, byte by byte
 * (what MergeTreePartition::getID prints for a hashed partition ID and what
 * hex() prints, upper-cased, for sipHash128). */
void floe_uint128_hex(char out[33], floe_uint128 v);

/* ClickHouse's Common/HashTable/Hash.h intHash64: the Murmur3 finaliser. */
static inline uint64_t floe_int_hash64_raw(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* Hash.h intHash32<salt>: Thomas Wang's 64-to-32 hash with rotations. */
static inline uint32_t floe_int_hash32_salted(uint64_t key, uint64_t salt)
{
    key ^= salt;
    key = (~key) + (key << 18);
    key = key ^ ((key >> 31) | (key << 33));
    key = key * 21;
    key = key ^ ((key >> 11) | (key << 53));
    key = key + (key << 6);
    key = key ^ ((key >> 22) | (key << 42));
    return (uint32_t)key;
}

/* The SQL function intHash32(x) (FunctionsHashing.h IntHash32Impl): the
 * salted hash with ClickHouse's fixed salt. Signed arguments are passed as
 * their two's complement value widened to 64 bits. */
static inline uint32_t floe_int_hash32(uint64_t x)
{
    return floe_int_hash32_salted(x, 0x75D9543DE018BF45ULL);
}

/* The SQL function intHash64(x) (IntHash64Impl): intHash64(x ^ salt). */
static inline uint64_t floe_int_hash64(uint64_t x)
{
    return floe_int_hash64_raw(x ^ 0x4CF2D2BAAE6DA887ULL);
}

#endif
