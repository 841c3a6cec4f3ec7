/*
 * ClickHouse's compressed-block framing, as CompressedWriteBuffer writes it
 * and CompressedReadBufferBase reads it (.bin files, compressed marks
 * .cmrk2, primary.cidx, the body of checksums.txt). One block is
 *
 *   16 bytes  CityHash128 v1.0.2 of the next (compressed_size) bytes, as
 *             .low then .high, each little-endian (floe_uint128_store)
 *    1 byte   method: 0x02 NONE, 0x82 LZ4 (LZ4HC writes it too), 0x90 ZSTD
 *    4 bytes  compressed_size, little-endian, counting this 9-byte header
 *    4 bytes  decompressed_size, little-endian
 *    ...      compressed_size - 9 bytes of codec output
 *
 * Codec chains (method 0x91 Multiple, e.g. CODEC(Delta, ZSTD)) and the
 * specialised codecs (Delta, DoubleDelta, Gorilla, T64, FPC, GCD, encryption)
 * are not implemented: reading them fails with NOT_IMPLEMENTED.
 */
#ifndef FLOE_COMPRESS_CH_BLOCK_H
#define FLOE_COMPRESS_CH_BLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/io.h"
#include "compress/codec.h"
#include "hash/city.h"

#define FLOE_CHBLOCK_CHECKSUM_SIZE 16
#define FLOE_CHBLOCK_HEADER_SIZE   9
/* Bytes in front of the codec output: checksum + header. */
#define FLOE_CHBLOCK_OVERHEAD 25
/* ClickHouse's DBMS_MAX_COMPRESSED_SIZE: larger blocks are rejected. */
#define FLOE_CHBLOCK_MAX_COMPRESSED_SIZE 0x40000000u

#define FLOE_CH_METHOD_NONE     0x02
#define FLOE_CH_METHOD_LZ4      0x82
#define FLOE_CH_METHOD_ZSTD     0x90
#define FLOE_CH_METHOD_MULTIPLE 0x91

/* ClickHouse's max_compress_block_size and min_compress_block_size. */
#define FLOE_CH_MAX_COMPRESS_BLOCK_SIZE 1048576
#define FLOE_CH_MIN_COMPRESS_BLOCK_SIZE 65536

/* The method byte a codec writes; error UNKNOWN_COMPRESSION_METHOD for the
 * codecs MergeTree cannot frame (Snappy, GZIP, Brotli). */
int floe_chblock_method_byte(uint8_t *out, const floe_codec *c);

/* Appends one complete block (checksum, header, data) holding src[0..n)
 * compressed with c. n must fit in 32 bits with the header. Errors:
 * CANNOT_COMPRESS, UNKNOWN_COMPRESSION_METHOD. */
int floe_chblock_compress(floe_buf *out, const floe_codec *c, const void *src, size_t n);

typedef struct floe_chblock_header {
    floe_uint128 checksum;
    uint8_t method;
    uint32_t compressed_size; /* with the 9-byte header, without the checksum */
    uint32_t decompressed_size;
} floe_chblock_header;

/* Parses the 25 bytes at p (avail must be >= 25) and checks the sizes as
 * ClickHouse does. Errors: TOO_LARGE_SIZE_COMPRESSED, CORRUPTED_DATA,
 * NOT_IMPLEMENTED (codec chains and special codecs),
 * UNKNOWN_COMPRESSION_METHOD. */
int floe_chblock_parse_header(floe_chblock_header *h, const void *p, size_t avail);

/* Verifies the checksum of a block whose header is h and whose bytes start
 * at block (the checksum's first byte; 16 + h->compressed_size bytes), then
 * decompresses it into dst (h->decompressed_size bytes). Errors:
 * CHECKSUM_DOESNT_MATCH with ClickHouse's message, CANNOT_DECOMPRESS. */
int floe_chblock_decompress(void *dst, const floe_chblock_header *h, const void *block);

/* Decodes every block of an in-memory stream (a whole .cmrk2, primary.cidx
 * or checksums.txt body) and appends the data to out. Errors as above, and
 * CANNOT_READ_ALL_DATA when the stream ends inside a block. */
int floe_chblock_decompress_all(floe_buf *out, const void *p, size_t n);

/*
 * Writer: a CompressedWriteBuffer over a sink. Bytes are gathered into a
 * block of max_block bytes; a full block is compressed and written, so a
 * long run of writes is cut at exactly every max_block bytes, as
 * ClickHouse cuts it. floe_chblock_writer_mark gives the part writer's
 * granule boundary: if at least min_block bytes are pending they are
 * flushed first (MergeTreeDataPartWriterWide writes a mark that way), so a
 * mark points at a block start whenever the block is big enough.
 *
 * The writer also keeps the two checksums.txt needs for a .bin file: the
 * HashingWriteBuffer hash of the bytes given to the sink (file_size,
 * file_hash) and of the uncompressed bytes (uncompressed_size,
 * uncompressed_hash).
 */
typedef struct floe_chblock_writer_options {
    floe_codec codec;
    size_t max_block; /* max_compress_block_size */
    size_t min_block; /* min_compress_block_size */
} floe_chblock_writer_options;

#define FLOE_CHBLOCK_WRITER_OPTIONS_INIT                                                           \
    {                                                                                              \
        {FLOE_CODEC_LZ4, FLOE_CODEC_DEFAULT_LEVEL}, FLOE_CH_MAX_COMPRESS_BLOCK_SIZE,               \
            FLOE_CH_MIN_COMPRESS_BLOCK_SIZE                                                        \
    }

/* Invariant: pending.len < opts.max_block between calls. */
typedef struct floe_chblock_writer {
    floe_sink sink;
    floe_chblock_writer_options opts;
    uint8_t method;
    floe_buf pending;          /* uncompressed bytes of the block being filled */
    floe_buf frame;            /* one framed block, reused */
    uint64_t compressed_bytes; /* bytes given to the sink: a mark's offset_in_compressed_file */
    floe_city_hashing file_hash;
    floe_city_hashing uncompressed_hash;
} floe_chblock_writer;

/* The writer keeps sink (not owned). Error: UNKNOWN_COMPRESSION_METHOD. */
int floe_chblock_writer_init(floe_chblock_writer *w, floe_sink sink,
                             const floe_chblock_writer_options *opts);
int floe_chblock_writer_write(floe_chblock_writer *w, const void *p, size_t n);
/* Flushes the pending block if it holds >= min_block bytes, then gives the
 * position of the next byte: (compressed offset of its block, offset in the
 * decompressed block). */
int floe_chblock_writer_mark(floe_chblock_writer *w, uint64_t *offset_in_compressed_file,
                             uint64_t *offset_in_decompressed_block);
/* Writes the pending bytes as a block now (no-op when none are pending). */
int floe_chblock_writer_flush(floe_chblock_writer *w);
/* Sizes and hashes for checksums.txt; call after the final flush. */
uint64_t floe_chblock_writer_file_size(const floe_chblock_writer *w);
floe_uint128 floe_chblock_writer_file_hash(const floe_chblock_writer *w);
uint64_t floe_chblock_writer_uncompressed_size(const floe_chblock_writer *w);
floe_uint128 floe_chblock_writer_uncompressed_hash(const floe_chblock_writer *w);
/* Frees the buffers; pending bytes not flushed are dropped. */
void floe_chblock_writer_free(floe_chblock_writer *w);

/*
 * Reader: a CompressedReadBufferFromFile over memory (a mapped or loaded
 * file) or over a file descriptor read with pread, with seeks to marks.
 * Every block's checksum is verified before it is decompressed.
 */
typedef struct floe_chblock_reader {
    const unsigned char *mem; /* the whole stream, when reading memory (not owned) */
    int fd;                   /* otherwise this descriptor (not owned) */
    uint64_t size;            /* bytes in the stream */
    uint64_t block_off;       /* compressed offset of the loaded block, or UINT64_MAX */
    uint64_t next_off;        /* compressed offset of the block after it */
    floe_buf raw;             /* the compressed block, when read from fd */
    floe_buf block;           /* decompressed data of the loaded block */
    const char *data;         /* the loaded block's data (into block, or mem for NONE) */
    size_t len;               /* its size */
    size_t pos;               /* read position in it */
} floe_chblock_reader;

void floe_chblock_reader_init_mem(floe_chblock_reader *r, const void *p, size_t n);
void floe_chblock_reader_init_fd(floe_chblock_reader *r, int fd, uint64_t size);
void floe_chblock_reader_free(floe_chblock_reader *r);

/* Positions the reader at a mark. Reuses the loaded block when the
 * compressed offset is the same. Errors: SEEK_POSITION_OUT_OF_BOUND (offset
 * beyond the block, or compressed offset beyond the stream), and the block
 * errors. */
int floe_chblock_reader_seek(floe_chblock_reader *r, uint64_t offset_in_compressed_file,
                             uint64_t offset_in_decompressed_block);

/* Gives the unread bytes of the current block, loading the next block when
 * the current one is used up; *avail == 0 means end of stream. Zero-copy:
 * *p stays valid until the next call on r. */
int floe_chblock_reader_peek(floe_chblock_reader *r, const char **p, size_t *avail);
/* Consumes n bytes of what peek returned (n <= avail). */
static inline void floe_chblock_reader_advance(floe_chblock_reader *r, size_t n)
{
    r->pos += n;
}

/* Reads exactly n bytes into dst. Error: CANNOT_READ_ALL_DATA when the
 * stream ends first. */
int floe_chblock_reader_read(floe_chblock_reader *r, void *dst, size_t n);
/* Reads up to n bytes, stopping only at the end of the stream. */
int floe_chblock_reader_read_some(floe_chblock_reader *r, void *dst, size_t n, size_t *got);

#endif
