/*
 * The Parquet reader: a whole file in memory in, one block per row group
 * out. Column types are inferred from the schema as ClickHouse infers them
 * (INT(8, true) -> Int8, DATE -> Date32, TIMESTAMP(MILLIS) ->
 * DateTime64(3, 'UTC'), OPTIONAL -> Nullable, LIST -> Array, group ->
 * Tuple, ...). One level of nesting: lists of primitives, groups of
 * primitives and lists; deeper nesting and maps are NOT_IMPLEMENTED. Reads
 * data pages v1 and v2 in PLAIN, RLE_DICTIONARY/PLAIN_DICTIONARY, RLE
 * (booleans), DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
 * DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT, with every codec the compress
 * layer has.
 */
#ifndef FLOE_PARQUET_READER_H
#define FLOE_PARQUET_READER_H

#include <stddef.h>
#include <stdint.h>

#include "types/column.h"
#include "types/type.h"

typedef struct floe_parquet_reader floe_parquet_reader;

/* Opens the file data[0..len), which the caller keeps alive and unchanged
 * until floe_parquet_reader_free. Errors: INCORRECT_DATA for a malformed
 * file, NOT_IMPLEMENTED for schemas floe cannot read. Free *out with
 * floe_parquet_reader_free in every case where it was set. */
int floe_parquet_reader_open(floe_parquet_reader **out, const void *data, size_t len);
/* Top-level columns (a Tuple counts once). */
size_t floe_parquet_reader_n_columns(const floe_parquet_reader *r);
const char *floe_parquet_reader_column_name(const floe_parquet_reader *r, size_t i);
const floe_type *floe_parquet_reader_column_type(const floe_parquet_reader *r, size_t i);
size_t floe_parquet_reader_n_row_groups(const floe_parquet_reader *r);
uint64_t floe_parquet_reader_n_rows(const floe_parquet_reader *r);
/* Decodes row group g into *out (a new block with every column; the caller
 * frees it). Errors: INCORRECT_DATA for malformed pages, and for a row group
 * that would take more than max(1 GiB, 1024 x the file's size) to decode
 * (the sizes and counts in a file are claims: see charge() in reader.c). */
int floe_parquet_reader_read_row_group(floe_parquet_reader *r, size_t g, floe_block **out);
void floe_parquet_reader_free(floe_parquet_reader *r);

#endif
