/*
 * Parquet file metadata as read from a footer (FileMetaData and what it
 * holds: schema, row groups, column chunks, statistics, key-value pairs)
 * and the page index structures. The parsed form keeps pointers into a copy
 * of the footer bytes it owns; everything is freed by floe_parquet_meta_free.
 */
#ifndef FLOE_PARQUET_META_H
#define FLOE_PARQUET_META_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct floe_parquet_bytes {
    const uint8_t *p; /* NULL when absent */
    size_t n;
} floe_parquet_bytes;

typedef struct floe_parquet_schema_elem {
    int type;        /* physical type, -1 for a group */
    int type_length; /* FIXED_LEN_BYTE_ARRAY length, -1 when absent */
    int repetition;  /* 0 required, 1 optional, 2 repeated; -1 for the root */
    floe_parquet_bytes name;
    int num_children; /* -1 for a leaf */
    int converted;    /* ConvertedType, -1 when absent */
    int scale, precision;
    int logical;  /* LogicalType union field id, 0 when absent */
    int int_bits; /* INTEGER */
    bool int_signed;
    int time_unit;                /* TIMESTAMP/TIME: 1 millis, 2 micros, 3 nanos */
    bool utc;                     /* TIMESTAMP/TIME isAdjustedToUTC */
    int dec_scale, dec_precision; /* DECIMAL logical type */
} floe_parquet_schema_elem;

typedef struct floe_parquet_statistics {
    floe_parquet_bytes max, min;             /* deprecated signed-order fields */
    floe_parquet_bytes max_value, min_value; /* in the column order */
    bool has_null_count;
    int64_t null_count;
} floe_parquet_statistics;

typedef struct floe_parquet_column_meta {
    int type;
    int encodings[16];
    int n_encodings;
    floe_parquet_bytes path; /* first path element (floe writes flat schemas) */
    int n_path;
    int codec;
    int64_t num_values;
    int64_t total_uncompressed, total_compressed;
    int64_t data_page_offset;
    int64_t dictionary_page_offset; /* -1 when absent */
    bool has_statistics;
    floe_parquet_statistics stats;
    int64_t offset_index_offset, column_index_offset; /* -1 when absent */
    int64_t bloom_filter_offset;                      /* -1 when absent */
    int32_t bloom_filter_length;
    int32_t offset_index_length, column_index_length;
} floe_parquet_column_meta;

typedef struct floe_parquet_sorting {
    int32_t column;
    bool descending, nulls_first;
} floe_parquet_sorting;

typedef struct floe_parquet_row_group {
    floe_parquet_column_meta *columns;
    size_t n_columns;
    int64_t total_byte_size;
    int64_t num_rows;
    floe_parquet_sorting *sorting;
    size_t n_sorting;
    int64_t file_offset, total_compressed_size; /* -1 when absent */
    int ordinal;
} floe_parquet_row_group;

typedef struct floe_parquet_key_value {
    floe_parquet_bytes key, value;
} floe_parquet_key_value;

typedef struct floe_parquet_meta {
    uint8_t *footer; /* owned copy; every floe_parquet_bytes points into it */
    size_t footer_len;
    int version;
    floe_parquet_schema_elem *schema;
    size_t n_schema;
    int64_t num_rows;
    floe_parquet_row_group *row_groups;
    size_t n_row_groups;
    floe_parquet_key_value *kv;
    size_t n_kv;
    floe_parquet_bytes created_by;
    int n_column_orders;
} floe_parquet_meta;

/* Parses the Thrift FileMetaData in footer[0..len) (copied). Error:
 * INCORRECT_DATA. Free *out with floe_parquet_meta_free (also on error). */
int floe_parquet_meta_parse(floe_parquet_meta **out, const void *footer, size_t len);
/* Finds the footer of a whole file in memory (checks both magics and the
 * length) and parses it. */
int floe_parquet_meta_from_file(floe_parquet_meta **out, const void *file, size_t len);
void floe_parquet_meta_free(floe_parquet_meta *m);

/* A page header's fields the reader uses. */
typedef struct floe_parquet_page_header {
    int type;
    int32_t uncompressed_size, compressed_size;
    bool has_crc;
    int32_t crc;
    int32_t num_values;
    int encoding;
    int def_encoding, rep_encoding;
    bool is_sorted;
    /* DATA_PAGE_V2 only: */
    int32_t num_nulls, num_rows;
    int32_t def_levels_len, rep_levels_len;
    bool is_compressed; /* true unless the header says otherwise */
} floe_parquet_page_header;

/* Parses a PageHeader at p (up to len bytes), storing its size in *used. */
int floe_parquet_page_header_parse(floe_parquet_page_header *h, const uint8_t *p, size_t len,
                                   size_t *used);

/* The page index of one column chunk. Lists point into the caller's bytes
 * except the arrays, which are owned (free with floe_parquet_page_index_free). */
typedef struct floe_parquet_page_location {
    int64_t offset;
    int32_t compressed_page_size;
    int64_t first_row_index;
} floe_parquet_page_location;

typedef struct floe_parquet_page_index {
    floe_parquet_page_location *locations;
    size_t n_locations;
    bool *null_pages;
    floe_parquet_bytes *min_values, *max_values;
    int64_t *null_counts;
    size_t n_pages; /* entries in the ColumnIndex lists (0 when none parsed) */
    int boundary_order;
} floe_parquet_page_index;

int floe_parquet_offset_index_parse(floe_parquet_page_index *pi, const uint8_t *p, size_t len);
int floe_parquet_column_index_parse(floe_parquet_page_index *pi, const uint8_t *p, size_t len);
void floe_parquet_page_index_free(floe_parquet_page_index *pi);

#endif
