/*
 * How a part lays out its columns on disk, as ClickHouse writes them: Wide
 * (a .bin per substream, marks .mrk2 or compressed .cmrk2) or Compact (all
 * columns in data.bin, marks data.mrk3/.cmrk3, or .mrk4/.cmrk4 with a mark
 * per substream), and each column's substreams: null map, sparse offsets,
 * string sizes, values. part.c reads columns through this description.
 */
#ifndef FLOE_STORAGE_MERGETREE_PART_FORMAT_H
#define FLOE_STORAGE_MERGETREE_PART_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "storage/mergetree/checksums.h"

typedef struct floe_part floe_part;

/* A column's substreams in the order ClickHouse writes them in a granule
 * (and lists them in columns_substreams.txt). */
typedef enum floe_substream_kind {
    FLOE_SUBSTREAM_NULL,   /* <col>.null: one byte per row, 1 = NULL */
    FLOE_SUBSTREAM_SPARSE, /* <col>.sparse.idx: varint runs of defaults */
    FLOE_SUBSTREAM_SIZE,   /* <col>.size: UInt64 length per string */
    FLOE_SUBSTREAM_VALUES, /* <col>: the values */
} floe_substream_kind;

#define FLOE_PART_MAX_SUBSTREAMS 4

typedef struct floe_part_column_format {
    floe_substream_kind subs[FLOE_PART_MAX_SUBSTREAMS];
    size_t n_subs;
    size_t first_mark; /* Compact .mrk4: the mark of subs[0] in a mark row */
    bool sparse;       /* serialization.json kind "Sparse"; a sparse Nullable
                          has no null map: rows without a value are NULL */
    bool size_stream;  /* a String with a .size substream */
    bool unsupported;  /* a type floe does not read from parts (subs unknown) */
} floe_part_column_format;

/*
 * Invariants: compact_marks holds n_mark_rows rows of marks_per_row
 * (offset in data.bin, offset in the decompressed block) pairs followed by
 * the granule's rows; cols has the part's n_cols entries.
 */
typedef struct floe_part_format {
    bool compact;
    bool compressed_marks;
    bool mark_per_substream; /* Compact .mrk4/.cmrk4 */
    bool substreams_listed;  /* the part has columns_substreams.txt */
    char mark_ext[8];        /* "mrk2", "cmrk2", "mrk3", "cmrk3", "mrk4", "cmrk4" */
    floe_part_column_format *cols;
    size_t marks_per_row; /* Compact: marks in a mark row */
    uint64_t *compact_marks;
    size_t n_mark_rows;
} floe_part_format;

/* Works out p's format from its file list (sums), serialization.json and
 * columns_substreams.txt; p's columns must be parsed. Compact marks are
 * loaded. Errors: NOT_IMPLEMENTED for layouts floe cannot read (non-adaptive
 * marks, unknown serialisations), CORRUPTED_DATA,
 * NO_FILE_IN_DATA_PART. */
int floe_part_format_load(floe_part_format **out, const floe_part *p, const floe_checksums *sums);
void floe_part_format_free(floe_part_format *f);

/* The file name (without extension) of substream `sub` of column col:
 * the escaped column name and .null, .sparse.idx or .size. */
void floe_part_format_stream_name(floe_buf *out, const floe_part *p, size_t col, size_t sub);

/* Reads marks file `file` of p whole, decompressed when the part's marks
 * are compressed. */
int floe_part_format_read_marks(floe_buf *out, const floe_part *p, const char *file);

#endif
