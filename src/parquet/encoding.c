/*
 * Parquet encodings: the RLE/bit-packing hybrid, PLAIN booleans,
 * DELTA_BINARY_PACKED and the dictionary builder. These are the writer's
 * inner loops: they run over whole arrays, never call through pointers per
 * value and allocate only when a buffer or table grows.
 */
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "parquet/encoding.h"
#include "parquet/thrift.h"

/* Bit-packs count values (LSB first, each < 2^width, width <= 32) into
 * slots * width bits at dst, zero-padding past count; slots is a multiple
 * of 8 so the result is whole bytes. Returns the end. Whole 32-bit words
 * leave the accumulator at a time. */
static inline uint8_t *pack_bits(uint8_t *dst, const uint32_t *v, size_t count, size_t slots,
                                 int width)
{
    uint64_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < slots; i++) {
        acc |= (uint64_t)(i < count ? v[i] : 0) << bits;
        bits += width;
        if (bits >= 32) {
            uint32_t word = (uint32_t)acc;
            memcpy(dst, &word, 4);
            dst += 4;
            acc >>= 32;
            bits -= 32;
        }
    }
    for (; bits > 0; bits -= 8) {
        *dst++ = (uint8_t)acc;
        acc >>= 8;
    }
    return dst;
}

static void pack32(floe_buf *out, const uint32_t *v, size_t count, size_t slots, int width)
{
    size_t nbytes = slots * (size_t)width / 8;
    floe_buf_reserve(out, nbytes + 8);
    pack_bits((uint8_t *)out->data + out->len, v, count, slots, width);
    out->len += nbytes;
    out->data[out->len] = '\0';
}

static void pack64(floe_buf *out, const uint64_t *v, size_t count, size_t slots, int width)
{
    size_t nbytes = slots * (size_t)width / 8;
    floe_buf_reserve(out, nbytes + 16);
    uint8_t *dst = (uint8_t *)out->data + out->len;
    if (width <= 32) {
        /* Every value fits 32 bits: the 64-bit accumulator suffices. */
        uint64_t acc = 0;
        int bits = 0;
        for (size_t i = 0; i < slots; i++) {
            acc |= (i < count ? v[i] : 0) << bits;
            bits += width;
            if (bits >= 32) {
                uint32_t word = (uint32_t)acc;
                memcpy(dst, &word, 4);
                dst += 4;
                acc >>= 32;
                bits -= 32;
            }
        }
        for (; bits > 0; bits -= 8) {
            *dst++ = (uint8_t)acc;
            acc >>= 8;
        }
        out->len += nbytes;
        out->data[out->len] = '\0';
        return;
    }
    unsigned __int128 acc = 0;
    int bits = 0;
    for (size_t i = 0; i < slots; i++) {
        unsigned __int128 x = i < count ? v[i] : 0;
        acc |= x << bits;
        bits += width;
        while (bits >= 8) {
            *dst++ = (uint8_t)acc;
            acc >>= 8;
            bits -= 8;
        }
    }
    out->len += nbytes;
    out->data[out->len] = '\0';
}

static void put_rle_run(floe_buf *out, uint32_t value, size_t count, int width)
{
    floe_thrift_put_varint(out, (uint64_t)count << 1);
    int nbytes = (width + 7) / 8;
    for (int i = 0; i < nbytes; i++)
        floe_buf_putc(out, (char)(value >> (8 * i)));
}

/* Literal runs are cut into pieces of at most 63 groups, as Arrow writes
 * them, so every header fits in one byte. */
#define MAX_LITERAL (63 * 8)

static void put_literal(floe_buf *out, const uint32_t *v, size_t count, int width)
{
    while (count > 0) {
        size_t take = count < MAX_LITERAL ? count : MAX_LITERAL;
        size_t groups = (take + 7) / 8;
        floe_thrift_put_varint(out, (groups << 1) | 1);
        pack32(out, v, take, groups * 8, width);
        v += take;
        count -= take;
    }
}

/*
 * The hybrid encoder. lit marks the start of pending literal values; a run
 * of at least 8 equal values ends the literal part, which first borrows
 * values from the run to reach a multiple of 8 (only the last literal part
 * of the stream may end mid-group). VAL(i) reads value i as uint32.
 */
#define RLE_ENCODE_BODY(VAL, LITERAL)                                                              \
    size_t pos = 0, lit = 0;                                                                       \
    while (pos < n) {                                                                              \
        uint32_t x = VAL(pos);                                                                     \
        size_t end = pos + 1;                                                                      \
        while (end < n && VAL(end) == x)                                                           \
            end++;                                                                                 \
        size_t run = end - pos;                                                                    \
        if (run >= 8) {                                                                            \
            size_t pending = pos - lit;                                                            \
            size_t pad = (8 - pending % 8) % 8;                                                    \
            if (pending > 0) {                                                                     \
                if (run - pad < 8) {                                                               \
                    pos = end;                                                                     \
                    continue;                                                                      \
                }                                                                                  \
                LITERAL(lit, pending + pad);                                                       \
                pos += pad;                                                                        \
                run -= pad;                                                                        \
            }                                                                                      \
            put_rle_run(out, x, run, bit_width);                                                   \
            lit = end;                                                                             \
        }                                                                                          \
        pos = end;                                                                                 \
    }                                                                                              \
    if (lit < n)                                                                                   \
        LITERAL(lit, n - lit);

void floe_parquet_rle_encode(floe_buf *out, const uint32_t *v, size_t n, int bit_width)
{
    if (bit_width == 0) {
        /* Every value is 0: one run (readers still want a run for n > 0). */
        if (n)
            put_rle_run(out, 0, n, 0);
        return;
    }
#define VAL32(i)           v[i]
#define LIT32(from, count) put_literal(out, v + (from), (count), bit_width)
    RLE_ENCODE_BODY(VAL32, LIT32)
#undef VAL32
#undef LIT32
}

static void put_literal_bits(floe_buf *out, const uint8_t *v, size_t count, bool invert)
{
    uint32_t tmp[MAX_LITERAL];
    while (count > 0) {
        size_t take = count < MAX_LITERAL ? count : MAX_LITERAL;
        for (size_t i = 0; i < take; i++)
            tmp[i] = (v[i] != 0) ^ invert;
        put_literal(out, tmp, take, 1);
        v += take;
        count -= take;
    }
}

void floe_parquet_rle_encode_bits(floe_buf *out, const uint8_t *v, size_t n, bool invert)
{
    int bit_width = 1;
#define VALB(i)           ((uint32_t)((v[i] != 0) ^ invert))
#define LITB(from, count) put_literal_bits(out, v + (from), (count), invert)
    RLE_ENCODE_BODY(VALB, LITB)
#undef VALB
#undef LITB
}

static void put_literal_u8(floe_buf *out, const uint8_t *v, size_t count, int width)
{
    uint32_t tmp[MAX_LITERAL];
    while (count > 0) {
        size_t take = count < MAX_LITERAL ? count : MAX_LITERAL;
        for (size_t i = 0; i < take; i++)
            tmp[i] = v[i];
        put_literal(out, tmp, take, width);
        v += take;
        count -= take;
    }
}

void floe_parquet_rle_encode_u8(floe_buf *out, const uint8_t *v, size_t n, int bit_width)
{
    if (bit_width == 0) {
        if (n)
            put_rle_run(out, 0, n, 0);
        return;
    }
#define VALU8(i)           ((uint32_t)v[i])
#define LITU8(from, count) put_literal_u8(out, v + (from), (count), bit_width)
    RLE_ENCODE_BODY(VALU8, LITU8)
#undef VALU8
#undef LITU8
}

static int short_input(void)
{
    return floe_error(FLOE_ERR_INCORRECT_DATA, "Parquet page data is truncated");
}

static int get_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
    uint64_t x = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*p >= end)
            return short_input();
        uint8_t b = *(*p)++;
        x |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *v = x;
            return 0;
        }
    }
    return short_input();
}

/* Reads count values of width bits from p (LSB first), from bit offset 0. */
static void unpack(uint64_t *dst, size_t count, const uint8_t *p, int width)
{
    size_t bitpos = 0;
    uint64_t mask = width == 64 ? UINT64_MAX : (((uint64_t)1 << width) - 1);
    for (size_t i = 0; i < count; i++) {
        unsigned __int128 acc = 0;
        size_t byte = bitpos / 8;
        int shift = (int)(bitpos % 8);
        int need = (shift + width + 7) / 8;
        for (int k = 0; k < need; k++)
            acc |= (unsigned __int128)p[byte + k] << (8 * k);
        dst[i] = (uint64_t)(acc >> shift) & mask;
        bitpos += (size_t)width;
    }
}

int floe_parquet_rle_decode(uint32_t *out, size_t n, const uint8_t *p, size_t len, int bit_width,
                            size_t *used)
{
    const uint8_t *start = p, *end = p + len;
    size_t got = 0;
    int vbytes = (bit_width + 7) / 8;
    while (got < n) {
        uint64_t h;
        if (get_varint(&p, end, &h) < 0)
            return -1;
        if (h & 1) {
            uint64_t groups = h >> 1;
            size_t nbytes = (size_t)groups * (size_t)bit_width;
            if (groups > (uint64_t)len || nbytes > (size_t)(end - p))
                return short_input();
            size_t count = (size_t)groups * 8;
            uint64_t tmp[64];
            size_t done = 0;
            while (done < count) {
                size_t take = count - done < 64 ? count - done : 64;
                unpack(tmp, take, p + done * (size_t)bit_width / 8, bit_width);
                for (size_t i = 0; i < take && got < n; i++)
                    out[got++] = (uint32_t)tmp[i];
                done += take;
            }
            p += nbytes;
        } else {
            uint64_t count = h >> 1;
            if ((size_t)(end - p) < (size_t)vbytes)
                return short_input();
            uint32_t x = 0;
            for (int i = 0; i < vbytes; i++)
                x |= (uint32_t)p[i] << (8 * i);
            p += vbytes;
            if (count == 0)
                return floe_error(FLOE_ERR_INCORRECT_DATA, "Empty RLE run in Parquet data");
            for (uint64_t i = 0; i < count && got < n; i++)
                out[got++] = x;
        }
    }
    if (used)
        *used = (size_t)(p - start);
    return 0;
}

void floe_parquet_plain_bool(floe_buf *out, const uint8_t *v, size_t n)
{
    size_t nbytes = (n + 7) / 8;
    floe_buf_reserve(out, nbytes);
    uint8_t *dst = (uint8_t *)out->data + out->len;
    memset(dst, 0, nbytes);
    for (size_t i = 0; i < n; i++)
        dst[i / 8] |= (uint8_t)((v[i] != 0) << (i % 8));
    out->len += nbytes;
    out->data[out->len] = '\0';
}

/* --- DELTA_BINARY_PACKED --- */

#define DELTA_BLOCK      128
#define DELTA_MINIBLOCKS 4
#define DELTA_MINI       (DELTA_BLOCK / DELTA_MINIBLOCKS)

/* Writes one block of n <= 128 deltas, given as unsigned offsets from
 * min_delta already. */
static void delta_block(floe_buf *out, int64_t min_delta, const uint64_t *adj, size_t n)
{
    floe_thrift_put_varint(out, floe_zigzag64(min_delta));
    int widths[DELTA_MINIBLOCKS];
    for (int m = 0; m < DELTA_MINIBLOCKS; m++) {
        size_t from = (size_t)m * DELTA_MINI;
        size_t to = n < from + DELTA_MINI ? n : from + DELTA_MINI;
        uint64_t or = 0;
        for (size_t i = from; i < to; i++)
            or |= adj[i];
        widths[m] = floe_parquet_bit_width(or);
        floe_buf_putc(out, (char)widths[m]);
    }
    for (int m = 0; m < DELTA_MINIBLOCKS && (size_t)m * DELTA_MINI < n; m++) {
        size_t from = (size_t)m * DELTA_MINI;
        size_t cnt = n - from < DELTA_MINI ? n - from : DELTA_MINI;
        if (widths[m])
            pack64(out, adj + from, cnt, DELTA_MINI, widths[m]);
    }
}

#define DELTA_ENCODE_BODY(T, UT)                                                                   \
    floe_thrift_put_varint(out, DELTA_BLOCK);                                                      \
    floe_thrift_put_varint(out, DELTA_MINIBLOCKS);                                                 \
    floe_thrift_put_varint(out, n);                                                                \
    floe_thrift_put_varint(out, floe_zigzag64(n ? (int64_t)v[0] : 0));                             \
    uint64_t adj[DELTA_BLOCK];                                                                     \
    T deltas[DELTA_BLOCK];                                                                         \
    for (size_t i = 1; i < n; i += DELTA_BLOCK) {                                                  \
        size_t cnt = n - i < DELTA_BLOCK ? n - i : DELTA_BLOCK;                                    \
        /* Three simple passes rather than one with a branch: each                                 \
         * vectorises. */                                                                          \
        for (size_t k = 0; k < cnt; k++)                                                           \
            deltas[k] = (T)((UT)v[i + k] - (UT)v[i + k - 1]);                                      \
        T mn = deltas[0];                                                                          \
        for (size_t k = 1; k < cnt; k++)                                                           \
            mn = deltas[k] < mn ? deltas[k] : mn;                                                  \
        for (size_t k = 0; k < cnt; k++)                                                           \
            adj[k] = (UT)((UT)deltas[k] - (UT)mn);                                                 \
        delta_block(out, (int64_t)mn, adj, cnt);                                                   \
    }

void floe_parquet_delta_encode_i32(floe_buf *out, const int32_t *v, size_t n)
{
    DELTA_ENCODE_BODY(int32_t, uint32_t)
}

void floe_parquet_delta_encode_i64(floe_buf *out, const int64_t *v, size_t n)
{
    DELTA_ENCODE_BODY(int64_t, uint64_t)
}

int floe_parquet_delta_decode(void *out, size_t n, int width, const uint8_t *p, size_t len,
                              size_t *used)
{
    const uint8_t *start = p, *end = p + len;
    uint64_t block, minis, total, first;
    if (get_varint(&p, end, &block) < 0 || get_varint(&p, end, &minis) < 0 ||
        get_varint(&p, end, &total) < 0 || get_varint(&p, end, &first) < 0)
        return -1;
    if (block == 0 || block % 128 || minis == 0 || block % minis || (block / minis) % 32 ||
        total < n)
        return floe_error(FLOE_ERR_INCORRECT_DATA, "Bad DELTA_BINARY_PACKED header");
    uint64_t mini = block / minis;
    uint64_t cur = (uint64_t)floe_unzigzag64(first);
    size_t got = 0;
    uint64_t tmp[64];
#define EMIT(x)                                                                                    \
    do {                                                                                           \
        if (width == 4)                                                                            \
            ((int32_t *)out)[got] = (int32_t)(uint32_t)(x);                                        \
        else                                                                                       \
            ((int64_t *)out)[got] = (int64_t)(x);                                                  \
        got++;                                                                                     \
    } while (0)
    if (n)
        EMIT(cur);
    while (got < n) {
        uint64_t zmin;
        if (get_varint(&p, end, &zmin) < 0)
            return -1;
        uint64_t mn = (uint64_t)floe_unzigzag64(zmin);
        if ((uint64_t)(end - p) < minis)
            return short_input();
        const uint8_t *widths = p;
        p += minis;
        for (uint64_t m = 0; m < minis && got < n; m++) {
            int w = widths[m];
            if (w > 64)
                return floe_error(FLOE_ERR_INCORRECT_DATA, "Bad DELTA_BINARY_PACKED width");
            /* mini * w can pass 2^64 for a huge block size: compare in bits */
            if (w && mini > (uint64_t)(end - p) * 8 / (uint64_t)w)
                return short_input();
            size_t nbytes = (size_t)mini * (size_t)w / 8;
            for (uint64_t done = 0; done < mini && got < n; done += 64) {
                size_t take = mini - done < 64 ? (size_t)(mini - done) : 64;
                if (w)
                    unpack(tmp, take, p + done * (uint64_t)w / 8, w);
                else
                    memset(tmp, 0, take * sizeof tmp[0]);
                for (size_t i = 0; i < take && got < n; i++) {
                    cur += tmp[i] + mn;
                    EMIT(cur);
                }
            }
            p += nbytes;
        }
    }
#undef EMIT
    if (used)
        *used = (size_t)(p - start);
    return 0;
}

/* --- dictionary --- */

#define K1 0x9E3779B97F4A7C15ull
#define K2 0xC2B2AE3D27D4EB4Full
#define K3 0x165667B19E3779F9ull

static inline uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static inline uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= K2;
    h ^= h >> 29;
    return h;
}

static inline uint64_t load64(const uint8_t *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

static inline uint32_t load32(const uint8_t *p)
{
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
}

/* The last partial word is read as overlapping loads (whole words from the
 * end, or the first, middle and last bytes) instead of a variable-length
 * copy, which would be a call per value. */
uint64_t floe_parquet_hash_bytes(const void *p, size_t n)
{
    const uint8_t *s = p;
    uint64_t h = (uint64_t)n * K1;
    if (n >= 8) {
        size_t left = n;
        while (left > 8) {
            h = rotl(h ^ (load64(s) * K2), 31) * K1;
            s += 8;
            left -= 8;
        }
        h = rotl(h ^ (load64((const uint8_t *)p + n - 8) * K2), 31) * K1;
    } else if (n >= 4) {
        uint64_t w = load32(s) | (uint64_t)load32(s + n - 4) << 32;
        h = rotl(h ^ (w * K2), 31) * K1;
    } else if (n > 0) {
        uint64_t w = s[0] | (uint64_t)s[n / 2] << 8 | (uint64_t)s[n - 1] << 16;
        h = rotl(h ^ (w * K2), 31) * K1;
    }
    return mix64(h ^ K3);
}

/* Equality of two byte strings of length n, short ones without a call. */
static inline bool bytes_eq(const uint8_t *a, const uint8_t *b, size_t n)
{
    if (n >= 8 && n <= 16)
        return load64(a) == load64(b) && load64(a + n - 8) == load64(b + n - 8);
    if (n >= 4 && n < 8)
        return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
    if (n < 4)
        return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
    return memcmp(a, b, n) == 0;
}

static inline uint64_t hash_u64(uint64_t x)
{
    return mix64(x * K1);
}

void floe_parquet_dict_init(floe_parquet_dict *d, size_t width)
{
    memset(d, 0, sizeof *d);
    d->width = width;
}

/* Words per slot: 8-byte values keep theirs beside the entry word. */
static inline size_t slot_words(size_t width)
{
    return width == 8 ? 2 : 1;
}

void floe_parquet_dict_reset(floe_parquet_dict *d, size_t width)
{
    if ((width == 0) != (d->width == 0) || slot_words(width) != slot_words(d->width)) {
        /* Another kind of table: drop it, the right one is made on use. */
        floe_free(d->slots);
        floe_free(d->bslots);
        d->slots = NULL;
        d->bslots = NULL;
        d->mask = 0;
    }
    d->width = width;
    d->n = 0;
    floe_buf_clear(&d->values);
    if (d->slots)
        memset(d->slots, 0, (d->mask + 1) * slot_words(width) * sizeof d->slots[0]);
    if (d->bslots)
        memset(d->bslots, 0, (d->mask + 1) * sizeof d->bslots[0]);
}

void floe_parquet_dict_free(floe_parquet_dict *d)
{
    floe_buf_free(&d->values);
    floe_free(d->slots);
    floe_free(d->bslots);
    memset(d, 0, sizeof *d);
}

/* A slot: entry index + 1 in the low half, the hash's high half above it,
 * so most mismatches are seen without touching the values. */
static inline uint64_t slot_make(uint32_t e, uint64_t h)
{
    return (h & 0xffffffff00000000ull) | e;
}

static inline bool slot_tag_is(uint64_t slot, uint64_t h)
{
    return (slot >> 32) == (h >> 32);
}

static uint64_t fixed_hash(const floe_parquet_dict *d, const uint8_t *p)
{
    if (d->width == 4) {
        uint32_t x;
        memcpy(&x, p, 4);
        return hash_u64(x);
    }
    if (d->width == 8) {
        uint64_t x;
        memcpy(&x, p, 8);
        return hash_u64(x);
    }
    return floe_parquet_hash_bytes(p, d->width);
}

/* Makes room for one more entry: keeps the load at most one half. */
static void ensure_room(floe_parquet_dict *d)
{
    bool have = d->width ? d->slots != NULL : d->bslots != NULL;
    if (have && (size_t)(d->n + 1) * 2 <= d->mask + 1)
        return;
    size_t cap = have ? (d->mask + 1) * 2 : 1024;
    d->mask = cap - 1;
    if (d->width) {
        size_t words = slot_words(d->width);
        floe_free(d->slots);
        d->slots = floe_calloc(cap * words, sizeof d->slots[0]);
        for (uint32_t i = 0; i < d->n; i++) {
            const uint8_t *v = (const uint8_t *)d->values.data + (size_t)i * d->width;
            uint64_t h = fixed_hash(d, v);
            size_t s = h & d->mask;
            while (d->slots[s * words])
                s = (s + 1) & d->mask;
            if (d->width == 4) {
                uint32_t x;
                memcpy(&x, v, 4);
                d->slots[s] = (uint64_t)x << 32 | (i + 1);
            } else {
                d->slots[s * words] = slot_make(i + 1, h);
                if (words == 2)
                    memcpy(&d->slots[2 * s + 1], v, 8);
            }
        }
        return;
    }
    floe_free(d->bslots);
    d->bslots = floe_calloc(cap, sizeof d->bslots[0]);
    uint64_t off = 0;
    for (uint32_t i = 0; i < d->n; i++) {
        const uint8_t *p = (const uint8_t *)d->values.data + off;
        uint32_t l;
        memcpy(&l, p, 4);
        uint64_t h = floe_parquet_hash_bytes(p + 4, l);
        size_t s = h & d->mask;
        while (d->bslots[s].e)
            s = (s + 1) & d->mask;
        d->bslots[s] = (floe_parquet_bslot){(uint32_t)(h >> 32), i + 1, off};
        off += 4 + (uint64_t)l;
    }
}

/* A value equal to the one before it takes its index without a lookup:
 * sorted and clustered columns (dates, keys) are mostly such runs. The
 * others are hashed DICT_BATCH at a time, their slots prefetched, then
 * looked up. */
#define DICT_BATCH 16
#define DICT_AHEAD 16

/* KEY_IS(s, sl, x): slot s (sl) holds x; SET_SLOT(s, e, x, h) fills it.
 * The slots of the value DICT_AHEAD places on are prefetched while this
 * one is looked up (ring holds the hashes in between). */
#define DICT_FIXED_LOOP(T, W, KEY_IS, SET_SLOT)                                                    \
    uint64_t ring[DICT_AHEAD];                                                                     \
    for (size_t k = 0; k < DICT_AHEAD && k < n; k++) {                                             \
        T x;                                                                                       \
        memcpy(&x, vals + k * sizeof(T), sizeof(T));                                               \
        ring[k] = hash_u64(x);                                                                     \
        __builtin_prefetch(&d->slots[(ring[k] & d->mask) * (W)]);                                  \
    }                                                                                              \
    for (size_t i = 0; i < n; i++) {                                                               \
        uint64_t h = ring[i % DICT_AHEAD];                                                         \
        if (i + DICT_AHEAD < n) {                                                                  \
            T y;                                                                                   \
            memcpy(&y, vals + (i + DICT_AHEAD) * sizeof(T), sizeof(T));                            \
            uint64_t hy = hash_u64(y);                                                             \
            ring[i % DICT_AHEAD] = hy;                                                             \
            __builtin_prefetch(&d->slots[(hy & d->mask) * (W)]);                                   \
        }                                                                                          \
        T x;                                                                                       \
        memcpy(&x, vals + i * sizeof(T), sizeof(T));                                               \
        if (i > 0) {                                                                               \
            T prev;                                                                                \
            memcpy(&prev, vals + (i - 1) * sizeof(T), sizeof(T));                                  \
            if (x == prev) {                                                                       \
                idx[i] = idx[i - 1];                                                               \
                continue;                                                                          \
            }                                                                                      \
        }                                                                                          \
        size_t s = h & d->mask;                                                                    \
        uint32_t e;                                                                                \
        for (;;) {                                                                                 \
            uint64_t sl = d->slots[s * (W)];                                                       \
            e = (uint32_t)sl;                                                                      \
            if (!e || KEY_IS(s, sl, x))                                                            \
                break;                                                                             \
            s = (s + 1) & d->mask;                                                                 \
        }                                                                                          \
        if (!e) {                                                                                  \
            if (d->values.len + sizeof(T) > max_bytes)                                             \
                return false;                                                                      \
            floe_buf_append(&d->values, &x, sizeof(T));                                            \
            e = ++d->n;                                                                            \
            SET_SLOT(s, e, x, h);                                                                  \
            if ((size_t)(d->n + 1) * 2 > d->mask + 1)                                              \
                ensure_room(d);                                                                    \
        }                                                                                          \
        idx[i] = e - 1;                                                                            \
    }

#define KEY_IN_SLOT(s, sl, x)       ((uint32_t)((sl) >> 32) == (x))
#define SET_KEY_IN_SLOT(s, e, x, h) (d->slots[s] = (uint64_t)(x) << 32 | (e))
#define KEY_BESIDE(s, sl, x)        (d->slots[2 * (s) + 1] == (x))
#define SET_KEY_BESIDE(s, e, x, h)                                                                 \
    (d->slots[2 * (s)] = slot_make(e, h), d->slots[2 * (s) + 1] = (x))

bool floe_parquet_dict_add_fixed(floe_parquet_dict *d, const uint8_t *vals, size_t n, uint32_t *idx,
                                 size_t max_bytes)
{
    ensure_room(d);
    if (d->width == 4) {
        DICT_FIXED_LOOP(uint32_t, 1, KEY_IN_SLOT, SET_KEY_IN_SLOT)
        return true;
    }
    if (d->width == 8) {
        DICT_FIXED_LOOP(uint64_t, 2, KEY_BESIDE, SET_KEY_BESIDE)
        return true;
    }
    size_t w = d->width;
    for (size_t i = 0; i < n; i++) {
        const uint8_t *x = vals + i * w;
        uint64_t h = floe_parquet_hash_bytes(x, w);
        size_t s = h & d->mask;
        uint32_t e;
        for (;;) {
            uint64_t sl = d->slots[s];
            e = (uint32_t)sl;
            if (!e ||
                (slot_tag_is(sl, h) && memcmp(d->values.data + (size_t)(e - 1) * w, x, w) == 0))
                break;
            s = (s + 1) & d->mask;
        }
        if (!e) {
            if (d->values.len + w > max_bytes)
                return false;
            floe_buf_append(&d->values, x, w);
            e = ++d->n;
            d->slots[s] = slot_make(e, h);
            ensure_room(d);
        }
        idx[i] = e - 1;
    }
    return true;
}

bool floe_parquet_dict_add_bytes(floe_parquet_dict *d, const uint8_t *data, const uint64_t *ends,
                                 uint64_t base, size_t n, uint32_t *idx, size_t max_bytes)
{
    ensure_room(d);
    uint64_t hashes[DICT_BATCH];
    for (size_t b0 = 0; b0 < n; b0 += DICT_BATCH) {
        size_t bn = n - b0 < DICT_BATCH ? n - b0 : DICT_BATCH;
        for (size_t k = 0; k < bn; k++) {
            size_t i = b0 + k;
            uint64_t st = i ? ends[i - 1] : base;
            hashes[k] = floe_parquet_hash_bytes(data + st, (size_t)(ends[i] - st));
            __builtin_prefetch(&d->bslots[hashes[k] & d->mask]);
        }
        for (size_t k = 0; k < bn; k++) {
            size_t i = b0 + k;
            uint64_t st = i ? ends[i - 1] : base;
            const uint8_t *x = data + st;
            size_t len = (size_t)(ends[i] - st);
            uint64_t h = hashes[k];
            uint32_t tag = (uint32_t)(h >> 32);
            size_t s = h & d->mask;
            uint32_t e;
            for (;;) {
                const floe_parquet_bslot *sl = &d->bslots[s];
                e = sl->e;
                if (!e)
                    break;
                if (sl->tag == tag) {
                    const uint8_t *p = (const uint8_t *)d->values.data + sl->off;
                    uint32_t l;
                    memcpy(&l, p, 4);
                    if (l == len && bytes_eq(p + 4, x, len))
                        break;
                }
                s = (s + 1) & d->mask;
            }
            if (!e) {
                if (d->values.len + 4 + len > max_bytes)
                    return false;
                uint64_t off = d->values.len;
                uint32_t l = (uint32_t)len;
                floe_buf_reserve(&d->values, 4 + len);
                memcpy(d->values.data + d->values.len, &l, 4);
                memcpy(d->values.data + d->values.len + 4, x, len);
                d->values.len += 4 + len;
                d->values.data[d->values.len] = '\0';
                e = ++d->n;
                d->bslots[s] = (floe_parquet_bslot){tag, e, off};
                ensure_room(d);
            }
            idx[i] = e - 1;
        }
    }
    return true;
}
