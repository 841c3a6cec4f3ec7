/*
 * SipHash-2-4 as ClickHouse implements it (src/Common/SipHash.h): streaming,
 * with a 64-bit result (v0^v1^v2^v3) and ClickHouse's own 128-bit result
 * (v0^v1, v2^v3), which is not the reference SipHash-128 (sipHash128Reference).
 *
 * - sipHash64(s) and sipHash128(s) of one String argument are the hash of the
 *   string's bytes with key (0, 0): floe_siphash64 / floe_siphash128.
 * - A hashed partition ID (MergeTreePartition::getID) feeds every key value's
 *   field hash into one state, in order, and prints final128 with
 *   floe_uint128_hex (32 lowercase hex digits). What "field hash" means per
 *   type (a type byte, then the value; strings as length then bytes) belongs
 *   to the partition code, not here.
 */
#ifndef FLOE_HASH_SIPHASH_H
#define FLOE_HASH_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

#include "hash/hash.h"

/* Invariant: tail holds the (cnt & 7) bytes not yet mixed in, in its low
 * bytes, the rest zero. */
typedef struct floe_siphash {
    uint64_t v0, v1, v2, v3;
    uint64_t cnt;  /* bytes fed so far */
    uint64_t tail; /* pending bytes, little-endian */
} floe_siphash;

/* Key (k0, k1); ClickHouse's functions use (0, 0). */
void floe_siphash_init(floe_siphash *h, uint64_t k0, uint64_t k1);
void floe_siphash_update(floe_siphash *h, const void *p, size_t n);
/* Finalising consumes the state: call one final function, once. */
uint64_t floe_siphash_final64(floe_siphash *h);
floe_uint128 floe_siphash_final128(floe_siphash *h);

/* Feeds an integer as ClickHouse's update(const T &) does: its
 * little-endian bytes. */
static inline void floe_siphash_update_u8(floe_siphash *h, uint8_t v)
{
    floe_siphash_update(h, &v, 1);
}
static inline void floe_siphash_update_u64(floe_siphash *h, uint64_t v)
{
    floe_siphash_update(h, &v, 8);
}

uint64_t floe_siphash64(const void *p, size_t n);
floe_uint128 floe_siphash128(const void *p, size_t n);

/* How sipHash64(a, b, ...) and sipHash128(a, b, ...) fold the hash of each
 * further argument into the running one (FunctionsHashing.h combineHashes):
 * the hash of the two results' bytes, running hash first. */
uint64_t floe_siphash64_combine(uint64_t h1, uint64_t h2);
floe_uint128 floe_siphash128_combine(floe_uint128 h1, floe_uint128 h2);

#endif
