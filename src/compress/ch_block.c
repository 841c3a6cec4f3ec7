/*
 * ClickHouse's compressed blocks: framing one block, checking and decoding
 * it, and the streaming writer (CompressedWriteBuffer with the part writer's
 * min/max block rule) and reader (CompressedReadBufferFromFile with seeks to
 * marks) built on that.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/mem.h"
#include "compress/ch_block.h"

/* Blocks up to this size are searched for a single flipped bit when their
 * checksum fails, as ClickHouse does (it searches blocks under 1 MiB; floe
 * stops lower because the search costs size^2 hashing). */
#define BIT_FLIP_SEARCH_LIMIT 4096

static const char hardware_failure_message[] =
    "This is most likely due to hardware failure. If you receive broken data over network and the "
    "error does not repeat every time, this can be caused by bad RAM on network interface "
    "controller or bad controller itself or bad RAM on network switches or bad CPU on network "
    "switches (look at the logs on related network switches; note that TCP checksums don't help) "
    "or bad RAM on host (look at dmesg or kern.log for enormous amount of EDAC errors, "
    "ECC-related reports, Machine Check Exceptions, mcelog; note that ECC memory can fail if the "
    "number of errors is huge) or bad CPU on host. If you read data from disk, this can be caused "
    "by disk bit rot. This exception protects ClickHouse from data corruption due to hardware "
    "failures";

static inline uint32_t load_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void store_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

int floe_chblock_method_byte(uint8_t *out, const floe_codec *c)
{
    switch (c->method) {
    case FLOE_CODEC_NONE:
        *out = FLOE_CH_METHOD_NONE;
        return 0;
    case FLOE_CODEC_LZ4:
    case FLOE_CODEC_LZ4HC:
        *out = FLOE_CH_METHOD_LZ4;
        return 0;
    case FLOE_CODEC_ZSTD:
        *out = FLOE_CH_METHOD_ZSTD;
        return 0;
    default:
        return floe_error(FLOE_ERR_UNKNOWN_COMPRESSION_METHOD,
                          "Codec %s cannot be used for ClickHouse compressed blocks",
                          floe_codec_method_name(c->method));
    }
}

int floe_chblock_compress(floe_buf *out, const floe_codec *c, const void *src, size_t n)
{
    uint8_t method = 0;
    if (floe_chblock_method_byte(&method, c) < 0)
        return -1;
    size_t bound = floe_codec_bound(c, n);
    if (bound + FLOE_CHBLOCK_HEADER_SIZE > UINT32_MAX)
        return floe_error(FLOE_ERR_CANNOT_COMPRESS, "Block of %zu bytes is too large to compress",
                          n);
    floe_buf_reserve(out, FLOE_CHBLOCK_OVERHEAD + bound);
    unsigned char *block = (unsigned char *)out->data + out->len;
    size_t written;
    if (floe_codec_compress_to(&written, c, block + FLOE_CHBLOCK_OVERHEAD, src, n) < 0)
        return -1;
    unsigned char *header = block + FLOE_CHBLOCK_CHECKSUM_SIZE;
    header[0] = method;
    store_u32(header + 1, (uint32_t)(written + FLOE_CHBLOCK_HEADER_SIZE));
    store_u32(header + 5, (uint32_t)n);
    floe_uint128_store(block, floe_city_hash128(header, written + FLOE_CHBLOCK_HEADER_SIZE));
    out->len += FLOE_CHBLOCK_OVERHEAD + written;
    out->data[out->len] = '\0';
    return 0;
}

static int method_codec(floe_codec *c, uint8_t method)
{
    switch (method) {
    case FLOE_CH_METHOD_NONE:
        *c = floe_codec_make(FLOE_CODEC_NONE, FLOE_CODEC_DEFAULT_LEVEL);
        return 0;
    case FLOE_CH_METHOD_LZ4:
        *c = floe_codec_make(FLOE_CODEC_LZ4, FLOE_CODEC_DEFAULT_LEVEL);
        return 0;
    case FLOE_CH_METHOD_ZSTD:
        *c = floe_codec_make(FLOE_CODEC_ZSTD, FLOE_CODEC_DEFAULT_LEVEL);
        return 0;
    case FLOE_CH_METHOD_MULTIPLE:
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Compressed blocks with a chain of codecs (method byte 0x91) are not "
                          "supported");
    default:
        /* 0x92.. are Delta, T64, DoubleDelta, Gorilla, AES, FPC, GCD, ... */
        if (method >= 0x92 && method <= 0x9f)
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                              "Compression codec with method byte 0x%02x is not supported", method);
        return floe_error(FLOE_ERR_UNKNOWN_COMPRESSION_METHOD, "Unknown codec family code: %u",
                          method);
    }
}

int floe_chblock_parse_header(floe_chblock_header *h, const void *p, size_t avail)
{
    const unsigned char *s = p;
    if (avail < FLOE_CHBLOCK_OVERHEAD)
        return floe_error(FLOE_ERR_CANNOT_READ_ALL_DATA,
                          "Cannot read all data. Bytes read: %zu. Bytes expected: %d", avail,
                          FLOE_CHBLOCK_OVERHEAD);
    h->checksum = floe_uint128_load(s);
    h->method = s[16];
    h->compressed_size = load_u32(s + 17);
    h->decompressed_size = load_u32(s + 21);
    floe_codec c;
    if (method_codec(&c, h->method) < 0)
        return -1;
    if (h->compressed_size > FLOE_CHBLOCK_MAX_COMPRESSED_SIZE)
        return floe_error(FLOE_ERR_TOO_LARGE_SIZE_COMPRESSED,
                          "Too large size_compressed_without_checksum: %" PRIu32
                          ". Most likely corrupted data",
                          h->compressed_size);
    if (h->compressed_size < FLOE_CHBLOCK_HEADER_SIZE)
        return floe_error(FLOE_ERR_CORRUPTED_DATA,
                          "Can't decompress data: the compressed data size (%" PRIu32
                          ", this should include header size) is less than the header size (%d)",
                          h->compressed_size, FLOE_CHBLOCK_HEADER_SIZE);
    return 0;
}

static int checksum_error(const floe_chblock_header *h, const unsigned char *data,
                          floe_uint128 actual)
{
    floe_uint128 want = h->checksum;
    size_t size = h->compressed_size;
    const char *extra = "";
    size_t flip_byte = 0, flip_bit = 0;
    int found_in_data = 0;

    if (size <= BIT_FLIP_SEARCH_LIMIT) {
        unsigned char tmp[BIT_FLIP_SEARCH_LIMIT];
        memcpy(tmp, data, size);
        for (size_t bit = 0; bit < size * 8 && !found_in_data; bit++) {
            tmp[bit / 8] ^= (unsigned char)(1u << (bit % 8));
            if (floe_uint128_eq(floe_city_hash128(tmp, size), want)) {
                found_in_data = 1;
                flip_byte = bit / 8;
                flip_bit = bit % 8;
            }
            tmp[bit / 8] ^= (unsigned char)(1u << (bit % 8));
        }
    }
    int diff =
        __builtin_popcountll(want.low ^ actual.low) + __builtin_popcountll(want.high ^ actual.high);
    if (!found_in_data && diff == 1)
        extra = ". The mismatch is caused by single bit flip in checksum. ";

    if (found_in_data)
        return floe_error(FLOE_ERR_CHECKSUM_DOESNT_MATCH,
                          "Checksum doesn't match: corrupted data. Reference: %016" PRIx64
                          "%016" PRIx64 ". Actual: %016" PRIx64 "%016" PRIx64
                          ". Size of compressed block: %zu. The mismatch is caused by single bit "
                          "flip in data block at byte %zu, bit %zu. %s",
                          want.high, want.low, actual.high, actual.low, size, flip_byte, flip_bit,
                          hardware_failure_message);
    return floe_error(FLOE_ERR_CHECKSUM_DOESNT_MATCH,
                      "Checksum doesn't match: corrupted data. Reference: %016" PRIx64 "%016" PRIx64
                      ". Actual: %016" PRIx64 "%016" PRIx64 ". Size of compressed block: %zu%s%s",
                      want.high, want.low, actual.high, actual.low, size, extra,
                      *extra ? hardware_failure_message : "");
}

static int verify_checksum(const floe_chblock_header *h, const unsigned char *block)
{
    const unsigned char *data = block + FLOE_CHBLOCK_CHECKSUM_SIZE;
    floe_uint128 actual = floe_city_hash128(data, h->compressed_size);
    if (floe_uint128_eq(actual, h->checksum))
        return 0;
    return checksum_error(h, data, actual);
}

/* Decodes a block whose checksum was verified. */
static int decode(void *dst, const floe_chblock_header *h, const unsigned char *block)
{
    floe_codec c;
    if (method_codec(&c, h->method) < 0)
        return -1;
    return floe_codec_decompress(&c, dst, h->decompressed_size, block + FLOE_CHBLOCK_OVERHEAD,
                                 h->compressed_size - FLOE_CHBLOCK_HEADER_SIZE);
}

int floe_chblock_decompress(void *dst, const floe_chblock_header *h, const void *block)
{
    if (verify_checksum(h, block) < 0)
        return -1;
    return decode(dst, h, block);
}

int floe_chblock_decompress_all(floe_buf *out, const void *p, size_t n)
{
    const unsigned char *s = p;
    size_t off = 0;
    while (off < n) {
        floe_chblock_header h;
        if (floe_chblock_parse_header(&h, s + off, n - off) < 0)
            return -1;
        size_t total = FLOE_CHBLOCK_CHECKSUM_SIZE + (size_t)h.compressed_size;
        if (total > n - off)
            return floe_error(FLOE_ERR_CANNOT_READ_ALL_DATA,
                              "Cannot read all data. Bytes read: %zu. Bytes expected: %zu", n - off,
                              total);
        floe_buf_reserve(out, h.decompressed_size);
        if (floe_chblock_decompress(out->data + out->len, &h, s + off) < 0)
            return -1;
        out->len += h.decompressed_size;
        out->data[out->len] = '\0';
        off += total;
    }
    return 0;
}

/* ---- writer ---- */

int floe_chblock_writer_init(floe_chblock_writer *w, floe_sink sink,
                             const floe_chblock_writer_options *opts)
{
    memset(w, 0, sizeof *w);
    if (floe_chblock_method_byte(&w->method, &opts->codec) < 0)
        return -1;
    w->sink = sink;
    w->opts = *opts;
    if (w->opts.max_block == 0)
        w->opts.max_block = FLOE_CH_MAX_COMPRESS_BLOCK_SIZE;
    floe_city_hashing_init(&w->file_hash);
    floe_city_hashing_init(&w->uncompressed_hash);
    return 0;
}

static int emit_block(floe_chblock_writer *w, const void *src, size_t n)
{
    floe_buf_clear(&w->frame);
    if (floe_chblock_compress(&w->frame, &w->opts.codec, src, n) < 0)
        return -1;
    floe_city_hashing_update(&w->file_hash, w->frame.data, w->frame.len);
    w->compressed_bytes += w->frame.len;
    return floe_sink_write(&w->sink, w->frame.data, w->frame.len);
}

int floe_chblock_writer_write(floe_chblock_writer *w, const void *p, size_t n)
{
    const char *s = p;
    size_t max = w->opts.max_block;
    floe_city_hashing_update(&w->uncompressed_hash, s, n);
    while (n > 0) {
        if (w->pending.len == 0 && n >= max) {
            /* A whole block straight from the caller's memory. */
            if (emit_block(w, s, max) < 0)
                return -1;
            s += max;
            n -= max;
            continue;
        }
        size_t take = max - w->pending.len;
        if (take > n)
            take = n;
        floe_buf_append(&w->pending, s, take);
        s += take;
        n -= take;
        if (w->pending.len == max) {
            if (emit_block(w, w->pending.data, w->pending.len) < 0)
                return -1;
            floe_buf_clear(&w->pending);
        }
    }
    return 0;
}

int floe_chblock_writer_flush(floe_chblock_writer *w)
{
    if (w->pending.len == 0)
        return 0;
    int rc = emit_block(w, w->pending.data, w->pending.len);
    floe_buf_clear(&w->pending);
    return rc;
}

int floe_chblock_writer_mark(floe_chblock_writer *w, uint64_t *offset_in_compressed_file,
                             uint64_t *offset_in_decompressed_block)
{
    if (w->pending.len >= w->opts.min_block && floe_chblock_writer_flush(w) < 0)
        return -1;
    *offset_in_compressed_file = w->compressed_bytes;
    *offset_in_decompressed_block = w->pending.len;
    return 0;
}

uint64_t floe_chblock_writer_file_size(const floe_chblock_writer *w)
{
    return w->compressed_bytes;
}

floe_uint128 floe_chblock_writer_file_hash(const floe_chblock_writer *w)
{
    return floe_city_hashing_get(&w->file_hash);
}

uint64_t floe_chblock_writer_uncompressed_size(const floe_chblock_writer *w)
{
    return w->uncompressed_hash.count;
}

floe_uint128 floe_chblock_writer_uncompressed_hash(const floe_chblock_writer *w)
{
    return floe_city_hashing_get(&w->uncompressed_hash);
}

void floe_chblock_writer_free(floe_chblock_writer *w)
{
    floe_buf_free(&w->pending);
    floe_buf_free(&w->frame);
}

/* ---- reader ---- */

static void reader_reset(floe_chblock_reader *r)
{
    memset(r, 0, sizeof *r);
    r->fd = -1;
    r->block_off = UINT64_MAX;
}

void floe_chblock_reader_init_mem(floe_chblock_reader *r, const void *p, size_t n)
{
    reader_reset(r);
    r->mem = p;
    r->size = n;
}

void floe_chblock_reader_init_fd(floe_chblock_reader *r, int fd, uint64_t size)
{
    reader_reset(r);
    r->fd = fd;
    r->size = size;
}

void floe_chblock_reader_free(floe_chblock_reader *r)
{
    floe_buf_free(&r->raw);
    floe_buf_free(&r->block);
    r->data = NULL;
    r->len = r->pos = 0;
}

static int pread_all(int fd, void *dst, size_t n, uint64_t off)
{
    char *d = dst;
    while (n > 0) {
        ssize_t got = pread(fd, d, n, (off_t)off);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return floe_error(FLOE_ERR_CANNOT_READ_FROM_FILE_DESCRIPTOR,
                              "Cannot read from file descriptor: %s", strerror(errno));
        if (got == 0)
            return floe_error(FLOE_ERR_CANNOT_READ_ALL_DATA,
                              "Cannot read all data. Bytes read: 0. Bytes expected: %zu", n);
        d += got;
        n -= (size_t)got;
        off += (uint64_t)got;
    }
    return 0;
}

/* Loads, verifies and decodes the block starting at compressed offset off
 * (off < size). */
static int load_block(floe_chblock_reader *r, uint64_t off)
{
    r->block_off = UINT64_MAX; /* invalid until the block is fully loaded */
    r->data = NULL;
    r->len = r->pos = 0;
    uint64_t left = r->size - off;
    const unsigned char *block = NULL;
    floe_chblock_header h;
    if (r->mem) {
        block = r->mem + off;
        if (floe_chblock_parse_header(&h, block, left < SIZE_MAX ? (size_t)left : SIZE_MAX) < 0)
            return -1;
    } else {
        floe_buf_clear(&r->raw);
        floe_buf_reserve(&r->raw, FLOE_CHBLOCK_OVERHEAD);
        size_t head = left < FLOE_CHBLOCK_OVERHEAD ? (size_t)left : FLOE_CHBLOCK_OVERHEAD;
        if (pread_all(r->fd, r->raw.data, head, off) < 0)
            return -1;
        if (floe_chblock_parse_header(&h, r->raw.data, head) < 0)
            return -1;
    }
    uint64_t total = FLOE_CHBLOCK_CHECKSUM_SIZE + (uint64_t)h.compressed_size;
    if (total > left)
        return floe_error(FLOE_ERR_CANNOT_READ_ALL_DATA,
                          "Cannot read all data. Bytes read: %" PRIu64 ". Bytes expected: %" PRIu64,
                          left, total);
    if (!r->mem) {
        floe_buf_reserve(&r->raw, (size_t)total);
        if (pread_all(r->fd, r->raw.data + FLOE_CHBLOCK_OVERHEAD,
                      (size_t)total - FLOE_CHBLOCK_OVERHEAD, off + FLOE_CHBLOCK_OVERHEAD) < 0)
            return -1;
        r->raw.len = (size_t)total;
        block = (const unsigned char *)r->raw.data;
    }
    if (verify_checksum(&h, block) < 0)
        return -1;
    if (h.method == FLOE_CH_METHOD_NONE) {
        /* The data is stored as is: read it in place. */
        if (h.compressed_size - FLOE_CHBLOCK_HEADER_SIZE != h.decompressed_size)
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS,
                              "Cannot decompress: uncompressed data is %" PRIu32
                              " bytes, expected %" PRIu32,
                              h.compressed_size - FLOE_CHBLOCK_HEADER_SIZE, h.decompressed_size);
        r->data = (const char *)block + FLOE_CHBLOCK_OVERHEAD;
    } else {
        floe_buf_clear(&r->block);
        floe_buf_reserve(&r->block, h.decompressed_size);
        if (decode(r->block.data, &h, block) < 0)
            return -1;
        r->block.len = h.decompressed_size;
        r->data = r->block.data;
    }
    r->len = h.decompressed_size;
    r->block_off = off;
    r->next_off = off + total;
    return 0;
}

int floe_chblock_reader_seek(floe_chblock_reader *r, uint64_t offset_in_compressed_file,
                             uint64_t offset_in_decompressed_block)
{
    if (offset_in_compressed_file != r->block_off) {
        if (offset_in_compressed_file > r->size)
            return floe_error(FLOE_ERR_SEEK_POSITION_OUT_OF_BOUND,
                              "Seek position is beyond the end of file (pos: %" PRIu64
                              ", file size: %" PRIu64 ")",
                              offset_in_compressed_file, r->size);
        if (offset_in_compressed_file == r->size) {
            /* The end of the stream: an empty block there. */
            r->block_off = r->next_off = r->size;
            r->data = NULL;
            r->len = r->pos = 0;
        } else if (load_block(r, offset_in_compressed_file) < 0) {
            return -1;
        }
    }
    if (offset_in_decompressed_block > r->len)
        return floe_error(FLOE_ERR_SEEK_POSITION_OUT_OF_BOUND,
                          "Seek position is beyond the decompressed block (pos: %" PRIu64
                          ", block size: %zu)",
                          offset_in_decompressed_block, r->len);
    r->pos = (size_t)offset_in_decompressed_block;
    return 0;
}

int floe_chblock_reader_peek(floe_chblock_reader *r, const char **p, size_t *avail)
{
    while (r->pos >= r->len) {
        uint64_t next = r->next_off;
        if (next >= r->size) {
            *p = NULL;
            *avail = 0;
            return 0;
        }
        if (load_block(r, next) < 0)
            return -1;
    }
    *p = r->data + r->pos;
    *avail = r->len - r->pos;
    return 0;
}

int floe_chblock_reader_read_some(floe_chblock_reader *r, void *dst, size_t n, size_t *got)
{
    char *d = dst;
    size_t done = 0;
    while (done < n) {
        const char *p;
        size_t avail;
        if (floe_chblock_reader_peek(r, &p, &avail) < 0)
            return -1;
        if (avail == 0)
            break;
        size_t k = avail < n - done ? avail : n - done;
        memcpy(d + done, p, k);
        r->pos += k;
        done += k;
    }
    *got = done;
    return 0;
}

int floe_chblock_reader_read(floe_chblock_reader *r, void *dst, size_t n)
{
    size_t got;
    if (floe_chblock_reader_read_some(r, dst, n, &got) < 0)
        return -1;
    if (got != n)
        return floe_error(FLOE_ERR_CANNOT_READ_ALL_DATA,
                          "Cannot read all data. Bytes read: %zu. Bytes expected: %zu", got, n);
    return 0;
}
