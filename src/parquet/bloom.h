/*
 * Parquet's split-block Bloom filters (apache/parquet-format
 * BloomFilter.md): XXH64 of each value's PLAIN bytes, 256-bit blocks of
 * eight 32-bit words, one bit set per word. The writer builds one per
 * column chunk as ClickHouse does (output_format_parquet_write_bloom_filter).
 */
#ifndef FLOE_PARQUET_BLOOM_H
#define FLOE_PARQUET_BLOOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* XXH64 with the given seed (Parquet uses seed 0). */
uint64_t floe_parquet_xxh64(const void *p, size_t n, uint64_t seed);

/* A filter: n_blocks blocks of 8 words, in words (owned). */
typedef struct floe_parquet_bloom {
    uint32_t *words;
    size_t n_blocks;
} floe_parquet_bloom;

/* Sizes a filter for ndv distinct values at bits_per_value bits each,
 * rounded up to a power of two bytes between 32 bytes and 128 MiB, all
 * bits clear. */
void floe_parquet_bloom_init(floe_parquet_bloom *b, uint64_t ndv, double bits_per_value);
void floe_parquet_bloom_free(floe_parquet_bloom *b);
void floe_parquet_bloom_insert(floe_parquet_bloom *b, uint64_t hash);
bool floe_parquet_bloom_check(const floe_parquet_bloom *b, uint64_t hash);
/* Appends the BloomFilterHeader and the bitset (little-endian words). */
void floe_parquet_bloom_serialize(floe_buf *out, const floe_parquet_bloom *b);

#endif
