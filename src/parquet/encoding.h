/*
 * Parquet value encodings (apache/parquet-format Encodings.md): the
 * RLE/bit-packing hybrid (definition levels, dictionary indices, booleans),
 * PLAIN booleans, DELTA_BINARY_PACKED, and the hash dictionary behind
 * RLE_DICTIONARY. Encoders append to a floe_buf; decoders read memory and
 * exist for the reader and for tests.
 */
#ifndef FLOE_PARQUET_ENCODING_H
#define FLOE_PARQUET_ENCODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* Bits needed for values up to max (0 for max 0). */
static inline int floe_parquet_bit_width(uint64_t max)
{
    return max ? 64 - __builtin_clzll(max) : 0;
}

/* Appends n values (each < 2^bit_width, bit_width <= 32) in the RLE /
 * bit-packing hybrid, without a length prefix. Runs of 8 or more equal
 * values become RLE runs; the rest is bit-packed in groups of 8 (the last
 * group zero-padded). */
void floe_parquet_rle_encode(floe_buf *out, const uint32_t *v, size_t n, int bit_width);
/* The same for 0/1 bytes (definition levels of an optional column, nulls
 * inverted when invert is true: level = !byte). */
void floe_parquet_rle_encode_bits(floe_buf *out, const uint8_t *v, size_t n, bool invert);
/* The same for levels held one per byte (values < 2^bit_width). */
void floe_parquet_rle_encode_u8(floe_buf *out, const uint8_t *v, size_t n, int bit_width);
/* Decodes n values. Error INCORRECT_DATA when the input ends first. */
int floe_parquet_rle_decode(uint32_t *out, size_t n, const uint8_t *p, size_t len, int bit_width,
                            size_t *used);

/* PLAIN booleans: 1 bit each, LSB first; v holds 0/1 bytes. */
void floe_parquet_plain_bool(floe_buf *out, const uint8_t *v, size_t n);

/* DELTA_BINARY_PACKED (block 128 values, 4 miniblocks) of n int32 or int64
 * values; differences wrap in the value's width. */
void floe_parquet_delta_encode_i32(floe_buf *out, const int32_t *v, size_t n);
void floe_parquet_delta_encode_i64(floe_buf *out, const int64_t *v, size_t n);
/* Decodes n values of width 4 or 8 bytes into out. */
int floe_parquet_delta_decode(void *out, size_t n, int width, const uint8_t *p, size_t len,
                              size_t *used);

/*
 * A dictionary under construction: distinct values in first-seen order and
 * an open-addressing table over them. values holds the dictionary page body
 * (PLAIN): fixed-width values back to back, or for byte arrays a 4-byte
 * little-endian length before each value. Invariants: the table has
 * mask + 1 slots, at most half of them used. Fixed-width dictionaries use
 * slots (entry index + 1 in the low 32 bits, 0 when empty; above it the
 * value itself for 4-byte values, else the hash's high 32 bits; 8-byte
 * values have the value as a second word), so that a lookup of a 4- or
 * 8-byte value reads one cache line and no entry of values. Byte-array ones use bslots, which also
 * hold where the entry's length prefix is in values, so a lookup reads one
 * slot and then the candidate's bytes.
 */
typedef struct floe_parquet_bslot {
    uint32_t tag; /* high 32 bits of the hash */
    uint32_t e;   /* entry index + 1; 0 when empty */
    uint64_t off; /* of the entry's length prefix in values */
} floe_parquet_bslot;

typedef struct floe_parquet_dict {
    size_t width; /* bytes per value; 0 for byte arrays */
    uint32_t n;
    floe_buf values;
    uint64_t *slots; /* two words per slot for 8-byte values */
    floe_parquet_bslot *bslots;
    size_t mask;
} floe_parquet_dict;

void floe_parquet_dict_init(floe_parquet_dict *d, size_t width);
/* Empties d for values of the given width, keeping its memory. */
void floe_parquet_dict_reset(floe_parquet_dict *d, size_t width);
void floe_parquet_dict_free(floe_parquet_dict *d);

/* Adds n fixed-width values (vals holds n * width bytes), storing each one's
 * index in idx. Stops and returns false once the dictionary body exceeds
 * max_bytes (idx is then incomplete); true when all were added. */
bool floe_parquet_dict_add_fixed(floe_parquet_dict *d, const uint8_t *vals, size_t n, uint32_t *idx,
                                 size_t max_bytes);
/* The same for byte arrays: value i is data[ends[i-1] .. ends[i]) with
 * ends[-1] taken as base. */
bool floe_parquet_dict_add_bytes(floe_parquet_dict *d, const uint8_t *data, const uint64_t *ends,
                                 uint64_t base, size_t n, uint32_t *idx, size_t max_bytes);

/* 64-bit hash of bytes (not stable across versions; for in-memory tables). */
uint64_t floe_parquet_hash_bytes(const void *p, size_t n);

#endif
