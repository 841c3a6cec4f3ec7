/*
 * Column chunks, inside the writer: a column's buffered values for one row
 * group (already in Parquet's physical representation) and their encoding
 * into a dictionary page and data pages with statistics and page-index
 * entries. Internal to src/parquet/: writer.c drives it, one chunk per
 * column per row group: a plan (dictionary, page cuts), then its pages,
 * possibly several at once on different threads.
 */
#ifndef FLOE_PARQUET_CHUNK_H
#define FLOE_PARQUET_CHUNK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "parquet/encoding.h"
#include "parquet/writer.h"

/* Parquet's physical types, encodings and page types. */
enum {
    PQ_BOOLEAN = 0,
    PQ_INT32 = 1,
    PQ_INT64 = 2,
    PQ_FLOAT = 4,
    PQ_DOUBLE = 5,
    PQ_BYTE_ARRAY = 6,
    PQ_FLBA = 7,
};
enum {
    PQ_ENC_PLAIN = 0,
    PQ_ENC_RLE = 3,
    PQ_ENC_DELTA_BINARY_PACKED = 5,
    PQ_ENC_DELTA_LENGTH_BYTE_ARRAY = 6,
    PQ_ENC_RLE_DICTIONARY = 8,
};
enum { PQ_PAGE_DATA = 0, PQ_PAGE_DICTIONARY = 2 };

/* How min/max compare (the column order Parquet defines for the logical
 * type). */
typedef enum floe_parquet_order {
    PQ_ORDER_S32,
    PQ_ORDER_U32,
    PQ_ORDER_S64,
    PQ_ORDER_U64,
    PQ_ORDER_F32,
    PQ_ORDER_F64,
    PQ_ORDER_BOOL,
    PQ_ORDER_BYTES,      /* unsigned byte-wise, shorter prefix first */
    PQ_ORDER_DECIMAL_BE, /* big-endian two's complement, fixed length */
} floe_parquet_order;

/* What a column chunk needs to know about its column. */
typedef struct floe_parquet_colspec {
    int phys;
    uint32_t width; /* bytes per buffered value: 1 for BOOLEAN, 4, 8, n for FLBA, 0 BYTE_ARRAY */
    floe_parquet_order order;
    bool optional;
    bool legacy_minmax; /* also write Statistics.min/max (signed order) as ClickHouse does */
    bool repeated;      /* the leaf of an Array: repetition and definition levels */
    uint8_t max_def;    /* repeated only: 1, or 2 when the element is Nullable */
} floe_parquet_colspec;

/*
 * Buffered values of one column for the current row group. Only non-NULL
 * rows have values: fixed-width values back to back in vals (n_vals of
 * them); byte arrays as bytes in vals with ends[i] the end of value i.
 * nulls has one byte per row (1 = NULL) for optional columns. A repeated
 * column has instead n_levels level entries in reps and defs (an empty
 * array is one entry with definition level 0; a value has max_def).
 */
typedef struct floe_parquet_colbuf {
    floe_buf vals;
    uint64_t *ends;
    size_t ends_cap;
    uint8_t *nulls;
    size_t nulls_cap;
    size_t n_vals;
    uint8_t *reps, *defs;
    size_t n_levels, levels_cap;
} floe_parquet_colbuf;

/* A page as the page index sees it. min/max are offsets into the chunk's
 * stats buffer. */
typedef struct floe_parquet_page {
    uint64_t offset; /* from the start of the chunk */
    uint32_t size;   /* header + compressed body */
    uint64_t first_row;
    uint64_t entries; /* level entries (rows unless repeated) */
    uint64_t null_count;
    bool has_minmax; /* false for all-NULL (and all-NaN) pages */
    size_t min_off, min_len, max_off, max_len;
} floe_parquet_page;

/* An encoded column chunk as the footer and the page index see it. The
 * pages' bytes are not kept here: they are written to the file from the
 * column's floe_parquet_colenc as they are added. total is the chunk's
 * size in the file so far. */
typedef struct floe_parquet_chunk {
    uint64_t total;
    uint64_t num_values;   /* rows, NULLs included */
    uint64_t uncompressed; /* page headers + uncompressed bodies */
    uint64_t compressed;   /* total, kept for the footer */
    bool has_dict;
    uint64_t data_offset; /* of the first data page, from the chunk start */
    bool enc_plain, enc_delta, enc_dlba, enc_rle;
    uint64_t null_count;
    bool has_minmax;
    floe_buf stats; /* chunk min at 0, max after it, then the pages' values */
    size_t min_len, max_len;
    floe_parquet_page *pages;
    size_t n_pages, pages_cap;
    bool column_index; /* write a ColumnIndex (every non-NULL page has min/max) */
    int boundary_order;
    floe_buf bloom; /* BloomFilterHeader + bitset, empty when none; freed once written */
    /* Set by the writer once the chunk's place in the file is known. */
    uint64_t file_offset;
    uint64_t ci_offset, oi_offset;
    uint32_t ci_len, oi_len;
    uint64_t bloom_offset;
    uint32_t bloom_len;
} floe_parquet_chunk;

/*
 * One page of a column chunk. floe_parquet_chunk_plan decides what it holds
 * (level entries r0..r1, values v0..v1; the dictionary page when is_dict);
 * floe_parquet_page_encode fills in the rest on whichever thread runs it;
 * floe_parquet_chunk_add_page then accounts for it, in page order. The
 * buffers keep their memory from one row group to the next.
 */
typedef struct floe_parquet_pagebuf {
    bool is_dict;
    size_t r0, r1, v0, v1;
    uint64_t first_row;
    floe_buf head;     /* the Thrift PageHeader */
    floe_buf payload;  /* the body as compressed */
    uint64_t body_len; /* the body before compression */
    int enc;           /* the data page's value encoding */
    bool has_minmax;   /* false for all-NULL (and all-NaN) pages */
    floe_buf bounds;   /* min then max */
    size_t min_len, max_len;
    /* A failure in a worker thread: the code and message to re-raise. */
    int err_code;
    char *err_msg;
    bool done; /* the writer's: encoded (set under its lock) */
} floe_parquet_pagebuf;

/* A column's encoding state for the row group being written, reused across
 * row groups: the dictionary with each value's index (when dict_ok) and the
 * planned pages. Page jobs only read the dictionary and indices, so any
 * number of them may run at once once the plan is made. */
typedef struct floe_parquet_colenc {
    floe_parquet_dict dict;
    uint32_t *idx;
    size_t idx_cap;
    bool dict_ok;
    int bw; /* bit width of the indices */
    floe_parquet_pagebuf *pages;
    size_t n_pages, pages_cap;
} floe_parquet_colenc;

/* Per-thread working memory, reused across pages. */
typedef struct floe_parquet_scratch {
    uint8_t *seen; /* dictionary entries used by a page, one bit each */
    size_t seen_cap;
    int32_t *lens;
    size_t lens_cap;
    floe_buf body, levels, alt;
} floe_parquet_scratch;

void floe_parquet_scratch_free(floe_parquet_scratch *s);
void floe_parquet_colenc_free(floe_parquet_colenc *e);
void floe_parquet_chunk_free(floe_parquet_chunk *c);

/* Starts the chunk of rows rows of buf (for a repeated column:
 * buf->n_levels entries) into *c (zeroed by the caller): builds the
 * dictionary and the Bloom filter and plans the pages into e. Returns 0 or
 * -1 with the error in this thread's slot. */
int floe_parquet_chunk_plan(floe_parquet_chunk *c, floe_parquet_colenc *e,
                            const floe_parquet_colspec *spec, const floe_parquet_colbuf *buf,
                            size_t rows, const floe_parquet_options *opts);
/* Encodes and compresses page p of a planned chunk. Pages of one chunk
 * may be encoded at the same time on several threads, each with its own
 * scratch. Returns 0 or -1 with the error in this thread's slot. */
int floe_parquet_page_encode(floe_parquet_pagebuf *p, const floe_parquet_colenc *e,
                             const floe_parquet_colspec *spec, const floe_parquet_colbuf *buf,
                             const floe_parquet_options *opts, floe_parquet_scratch *s);
/* Accounts for encoded page p as the chunk's next (its bytes go to the
 * file right after the chunk's previous ones). */
void floe_parquet_chunk_add_page(floe_parquet_chunk *c, const floe_parquet_pagebuf *p,
                                 const floe_parquet_colspec *spec);
/* After the last page: the chunk's statistics and column-index order. */
void floe_parquet_chunk_finish(floe_parquet_chunk *c, const floe_parquet_colspec *spec,
                               const floe_parquet_options *opts);

/* Appends n bytes compressed with the options' codec to out. */
int floe_parquet_compress(floe_buf *out, const void *in, size_t n,
                          const floe_parquet_options *opts);

/* Compares two statistics values in the column's order: <0, 0, >0. */
int floe_parquet_stat_compare(floe_parquet_order order, const uint8_t *a, size_t alen,
                              const uint8_t *b, size_t blen);

#endif
