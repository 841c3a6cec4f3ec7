/*
 * The Parquet writer: blocks in, a Parquet file out through a floe_sink.
 * Streaming: it buffers one row group (bounded by rows and bytes), then
 * encodes its column chunks page by page, writes them and forgets the
 * values; the footer, page index and statistics are written by finish.
 * With max_threads > 1 the pages are encoded on that many threads, the
 * caller's included, and a full row group of at most half row_group_bytes
 * is encoded in the background while the next one fills (so two row groups
 * are buffered); the bytes are the same as with one thread. Types map to Parquet as
 * ClickHouse maps them (see writer.c), Array(T) as the three-level LIST and
 * Tuple as a group, one leaf column per element.
 */
#ifndef FLOE_PARQUET_WRITER_H
#define FLOE_PARQUET_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/io.h"
#include "types/column.h"
#include "types/type.h"

/* Parquet's CompressionCodec numbers. */
typedef enum floe_parquet_codec {
    FLOE_PARQUET_UNCOMPRESSED = 0,
    FLOE_PARQUET_SNAPPY = 1,
    FLOE_PARQUET_GZIP = 2,
    FLOE_PARQUET_BROTLI = 4,
    FLOE_PARQUET_ZSTD = 6,
    FLOE_PARQUET_LZ4_RAW = 7,
} floe_parquet_codec;

/* Parses ClickHouse's names for output_format_parquet_compression_method
 * (none, snappy, zstd, lz4, gzip, brotli; also lz4_raw, uncompressed),
 * case-insensitively. Error: BAD_ARGUMENTS. */
int floe_parquet_codec_parse(floe_parquet_codec *out, const char *name);

typedef struct floe_parquet_kv {
    const char *key;
    const char *value; /* may be NULL: the key without a value */
} floe_parquet_kv;

typedef struct floe_parquet_sorting_column {
    uint32_t column; /* index among the writer's columns (a Tuple: its first element) */
    bool descending;
    bool nulls_first;
} floe_parquet_sorting_column;

/* Pointers in the options are copied by floe_parquet_writer_new. */
typedef struct floe_parquet_options {
    floe_parquet_codec codec;
    int level;                   /* codec level; 0 for the codec's default */
    uint64_t row_group_rows;     /* a row group ends at this many rows... */
    uint64_t row_group_bytes;    /* ...or once this many bytes are buffered */
    size_t page_size;            /* target uncompressed size of a data page */
    bool dictionary;             /* try RLE_DICTIONARY for each column chunk */
    size_t dictionary_max_bytes; /* past this a chunk falls back to PLAIN */
    bool delta;                  /* DELTA_BINARY_PACKED for plain integers when smaller and
                                    DELTA_LENGTH_BYTE_ARRAY for strings without a dictionary */
    bool statistics;             /* chunk statistics and the page index */
    const char *created_by;      /* NULL: "floe version " FLOE_VERSION */
    const floe_parquet_kv *kv;   /* file key-value metadata */
    size_t n_kv;
    const floe_parquet_sorting_column *sorting; /* written into every row group */
    size_t n_sorting;
    unsigned max_threads; /* threads encoding pages, the caller's included; 0 or 1: only it */
    /* Split-block Bloom filters for dictionary-encoded column chunks, and
     * with bloom_filter_plain also for the others (about 1.3 bytes per
     * value there: ClickHouse writes them, DuckDB does not). */
    bool bloom_filter;
    double bloom_bits_per_value;
    bool bloom_filter_plain;
} floe_parquet_options;

#define FLOE_PARQUET_OPTIONS_INIT                                                                  \
    {                                                                                              \
        FLOE_PARQUET_ZSTD, 3, 1000000, 512u << 20, 1u << 20, true, 1u << 20, true, true, NULL,     \
            NULL, 0, NULL, 0, 1, true, 10.5, false                                                 \
    }

typedef struct floe_parquet_writer floe_parquet_writer;

/* Starts a file with these columns; writes the leading magic to sink.
 * names, types and opts are copied. Errors: UNKNOWN_TYPE for Nothing (as
 * ClickHouse), NOT_IMPLEMENTED for deeper nesting (Array of Array or Tuple,
 * Tuple of Tuple), BAD_ARGUMENTS for bad options, or the sink's error. Free
 * *out with floe_parquet_writer_free in every case where it was set. */
int floe_parquet_writer_new(floe_parquet_writer **out, size_t n_cols, const char *const *names,
                            const floe_type *const *types, const floe_parquet_options *opts,
                            floe_sink sink);
/* Appends the rows of b (its columns in the order and types given at
 * creation); writes row groups as they fill (with threads, the previous
 * one's pages as they are done: an error in them is reported by a later
 * call). */
int floe_parquet_writer_add_block(floe_parquet_writer *w, const floe_block *b);
/* Writes the last row group, the page index and the footer. Call once. */
int floe_parquet_writer_finish(floe_parquet_writer *w);
/* Bytes written to the sink so far. */
uint64_t floe_parquet_writer_bytes(const floe_parquet_writer *w);
/* Bytes the writer holds for the row groups it is filling and encoding
 * (column buffers and the staging buffer), for memory accounting. */
uint64_t floe_parquet_writer_memory(const floe_parquet_writer *w);
void floe_parquet_writer_free(floe_parquet_writer *w);

#endif
