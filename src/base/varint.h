/*
 * Variable-length integers. Two flavours of the same LEB128 byte layout
 * (7 bits a byte, low group first, high bit = more bytes follow):
 *
 * - floe_varuint_*: ClickHouse's VarUInt (IO/VarInt.h), used in checksums.txt,
 *   Native, String lengths in RowBinary. At most 9 bytes, so only values up
 *   to FLOE_VARUINT_MAX = 2^63-1 round-trip; writing a larger value fails
 *   with BAD_ARGUMENTS as ClickHouse does, and reading stops after the 9th
 *   byte whatever its high bit says (ClickHouse's behaviour).
 * - floe_uleb128_*: full 64-bit unsigned LEB128 (up to 10 bytes), for the
 *   Thrift compact protocol and Parquet's RLE/bit-packed headers; with the
 *   zigzag mappings the compact protocol uses for signed numbers.
 *
 * Readers take a cursor (*p) and the end of the readable bytes, never read
 * past end, and advance *p only on success.
 */
#ifndef FLOE_BASE_VARINT_H
#define FLOE_BASE_VARINT_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define FLOE_VARUINT_MAX       ((UINT64_C(1) << 63) - 1)
#define FLOE_VARUINT_MAX_BYTES 9
#define FLOE_ULEB128_MAX_BYTES 10

/* Encoded length of x in LEB128 (1..10); for x <= FLOE_VARUINT_MAX this is
 * also ClickHouse's getLengthOfVarUInt. */
static inline size_t floe_uleb128_len(uint64_t x)
{
    size_t n = 1;
    while (x >= 0x80) {
        x >>= 7;
        n++;
    }
    return n;
}

/* Writes x to out (room for 10 bytes needed); returns the bytes written. */
static inline size_t floe_uleb128_encode(unsigned char *out, uint64_t x)
{
    size_t n = 0;
    while (x >= 0x80) {
        out[n++] = (unsigned char)(x | 0x80);
        x >>= 7;
    }
    out[n++] = (unsigned char)x;
    return n;
}

/* Appends x to b. */
static inline void floe_uleb128_write(floe_buf *b, uint64_t x)
{
    floe_buf_reserve(b, FLOE_ULEB128_MAX_BYTES);
    b->len += floe_uleb128_encode((unsigned char *)b->data + b->len, x);
    b->data[b->len] = '\0';
}

/* Error paths (out of line, they set the error slot and return -1). */
int floe_varint_eof_error(void);
int floe_varint_overlong_error(void);
int floe_varint_too_large_error(uint64_t x);

/* Reads a full 64-bit LEB128. Errors: ATTEMPT_TO_READ_AFTER_EOF when the
 * bytes end inside the number, INCORRECT_DATA when it runs past 10 bytes or
 * overflows 64 bits. */
static inline int floe_uleb128_read(uint64_t *x, const char **p, const char *end)
{
    const unsigned char *s = (const unsigned char *)*p;
    const unsigned char *e = (const unsigned char *)end;
    uint64_t v = 0;
    for (int i = 0; i < FLOE_ULEB128_MAX_BYTES; i++) {
        if (s == e)
            return floe_varint_eof_error();
        uint64_t byte = *s++;
        if (i == 9 && byte > 1)
            return floe_varint_overlong_error();
        v |= (byte & 0x7F) << (7 * i);
        if (!(byte & 0x80)) {
            *x = v;
            *p = (const char *)s;
            return 0;
        }
    }
    return floe_varint_overlong_error();
}

/* ClickHouse's writeVarUInt. Error: BAD_ARGUMENTS "Value N is too large for
 * VarInt encoding" for x > FLOE_VARUINT_MAX. */
static inline int floe_varuint_write(floe_buf *b, uint64_t x)
{
    if (x > FLOE_VARUINT_MAX)
        return floe_varint_too_large_error(x);
    floe_uleb128_write(b, x);
    return 0;
}

/* ClickHouse's readVarUInt from memory. Error: ATTEMPT_TO_READ_AFTER_EOF. */
static inline int floe_varuint_read(uint64_t *x, const char **p, const char *end)
{
    const unsigned char *s = (const unsigned char *)*p;
    const unsigned char *e = (const unsigned char *)end;
    uint64_t v = 0;
    for (int i = 0; i < FLOE_VARUINT_MAX_BYTES; i++) {
        if (s == e)
            return floe_varint_eof_error();
        uint64_t byte = *s++;
        v |= (byte & 0x7F) << (7 * i);
        if (!(byte & 0x80))
            break;
    }
    *x = v;
    *p = (const char *)s;
    return 0;
}

/* Zigzag: 0, -1, 1, -2, ... -> 0, 1, 2, 3, ... (Thrift compact i16/i32/i64,
 * ClickHouse's writeVarInt). */
static inline uint64_t floe_zigzag_encode64(int64_t v)
{
    return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}
static inline int64_t floe_zigzag_decode64(uint64_t v)
{
    return (int64_t)((v >> 1) ^ (~(v & 1) + 1));
}
static inline uint32_t floe_zigzag_encode32(int32_t v)
{
    return ((uint32_t)v << 1) ^ (uint32_t)(v >> 31);
}
static inline int32_t floe_zigzag_decode32(uint32_t v)
{
    return (int32_t)((v >> 1) ^ (~(v & 1) + 1));
}

/* ClickHouse's writeVarInt / readVarInt: zigzag, then VarUInt. */
static inline int floe_varint_write(floe_buf *b, int64_t v)
{
    return floe_varuint_write(b, floe_zigzag_encode64(v));
}
static inline int floe_varint_read(int64_t *v, const char **p, const char *end)
{
    uint64_t u = 0;
    if (floe_varuint_read(&u, p, end) < 0)
        return -1;
    *v = floe_zigzag_decode64(u);
    return 0;
}

#endif
