/*
 * General-purpose codecs behind one interface: NONE, LZ4 (raw block, which
 * is also Parquet's LZ4_RAW), LZ4HC, ZSTD, Snappy (raw, as Parquet uses it),
 * GZIP (deflate in gzip framing, as Parquet wants) and Brotli. MergeTree uses
 * NONE, LZ4, LZ4HC and ZSTD through ch_block.h; Parquet uses the rest
 * directly. A codec is a plain value (method + level); the library contexts
 * behind it (ZSTD, zlib, LZ4HC state) are kept per thread and reused, so a
 * call allocates nothing once a thread is warm.
 */
#ifndef FLOE_COMPRESS_CODEC_H
#define FLOE_COMPRESS_CODEC_H

#include <limits.h>
#include <stddef.h>

#include "base/buf.h"

typedef enum floe_codec_method {
    FLOE_CODEC_NONE = 0,
    FLOE_CODEC_LZ4,
    FLOE_CODEC_LZ4HC,
    FLOE_CODEC_ZSTD,
    FLOE_CODEC_SNAPPY,
    FLOE_CODEC_GZIP,
    FLOE_CODEC_BROTLI,
    /* Parquet's deprecated LZ4 (codec 5): LZ4 blocks in Hadoop framing, each
     * preceded by big-endian 32-bit uncompressed and compressed sizes.
     * Decompression falls back to a raw LZ4 block, as Arrow's reader does,
     * since some writers put raw blocks under that codec. */
    FLOE_CODEC_LZ4_HADOOP,
} floe_codec_method;

/* The method's default level: ZSTD 1 (ClickHouse's CODEC(ZSTD)), LZ4HC 9
 * (CODEC(LZ4HC) passes 0, which LZ4 turns into 9), GZIP 6 (zlib's default),
 * BROTLI 8 (Arrow's Parquet default); ignored by NONE, LZ4 and SNAPPY. Any
 * other value is passed to the library as given. */
#define FLOE_CODEC_DEFAULT_LEVEL INT_MIN

typedef struct floe_codec {
    floe_codec_method method;
    int level;
} floe_codec;

static inline floe_codec floe_codec_make(floe_codec_method method, int level)
{
    floe_codec c = {method, level};
    return c;
}

/* "NONE", "LZ4", "LZ4HC", "ZSTD", "SNAPPY", "GZIP", "BROTLI", "LZ4_HADOOP". */
const char *floe_codec_method_name(floe_codec_method m);

/* Parses a codec as written in CODEC(...) or a Parquet compression setting:
 * a method name, case-insensitive ("zstd", "LZ4HC", "none", "uncompressed",
 * "lz4_raw", "gzip", "snappy", "brotli"), optionally followed by "(level)".
 * Error: UNKNOWN_CODEC "Unknown codec family: NAME". */
int floe_codec_parse(floe_codec *out, const char *text);

/* Writes the ClickHouse description, e.g. "LZ4", "ZSTD(1)", "LZ4HC(9)"
 * (as in default_compression_codec.txt without "CODEC()"), into out. */
void floe_codec_describe(char *out, size_t size, const floe_codec *c);

/* The largest compressed size of n input bytes. */
size_t floe_codec_bound(const floe_codec *c, size_t n);

/* Compresses src[0..n) into dst, which must hold floe_codec_bound(c, n)
 * bytes; stores the compressed size in *written. Error: CANNOT_COMPRESS. */
int floe_codec_compress_to(size_t *written, const floe_codec *c, void *dst, const void *src,
                           size_t n);

/* Appends the compressed form of src[0..n) to out (which keeps its earlier
 * bytes). Error: CANNOT_COMPRESS. */
int floe_codec_compress(floe_buf *out, const floe_codec *c, const void *src, size_t n);

/* Decompresses src[0..n) into dst, which the caller sized from metadata
 * (ClickHouse's block header, Parquet's page header): the data must decode
 * to exactly dst_size bytes. Error: CANNOT_DECOMPRESS. */
int floe_codec_decompress(const floe_codec *c, void *dst, size_t dst_size, const void *src,
                          size_t n);

/* Frees this thread's cached library contexts (call before a worker thread
 * exits; harmless if none were made). */
void floe_codec_thread_cleanup(void);

#endif
