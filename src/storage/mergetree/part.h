/*
 * A loaded data part: what its files say (rows, granules, columns, partition
 * value, minmax ranges, checksums) and reading its columns back. A part is
 * immutable and reference-counted; the table's part list holds one
 * reference, every running scan or export another.
 */
#ifndef FLOE_STORAGE_MERGETREE_PART_H
#define FLOE_STORAGE_MERGETREE_PART_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "hash/hash.h"
#include "storage/mergetree/part_name.h"
#include "storage/mergetree/partition.h"
#include "types/column.h"

typedef enum floe_part_state {
    FLOE_PART_ACTIVE,
    FLOE_PART_OUTDATED,
} floe_part_state;

typedef struct floe_part {
    atomic_int refs;
    char *name;
    char *dir; /* absolute path of the part directory */
    floe_part_info info;
    uint64_t rows;
    uint64_t marks;
    uint64_t *granule_rows; /* rows of each granule (marks entries) */
    size_t n_cols;
    char **col_names;
    const floe_type **col_types;
    floe_column **partition; /* one-row columns, key->n of them */
    floe_column **minmax;    /* per minmax column: 2 rows (min, max), 0 when all NULL;
                                NULL until floe_part_load_minmax */
    size_t n_minmax;
    uint64_t bytes_on_disk;
    uint64_t compressed_bytes;
    uint64_t uncompressed_bytes;
    floe_uint128 hash_of_all_files;
    time_t modification_time;
    /* under the table's mutex */
    floe_part_state state;
    time_t remove_time;
    bool remove_on_free; /* the last unref removes the directory */
    bool merging;        /* a merge has taken it (under the table's mutex) */
    /* the first primary-key column at each mark (marks + 1 rows, the last
     * the part's last row), or NULL: for granule pruning */
    floe_column *primary_first;
    /* Wide or Compact, mark type, each column's substreams (part_format.h) */
    struct floe_part_format *format;
} floe_part;

/* Loads the part in dir (named name) for a table with partition key key:
 * columns.txt, count.txt, marks, partition.dat, minmax indices,
 * checksums.txt; with verify, every file is checked against its checksum.
 * Errors: the file's (NO_FILE_IN_DATA_PART, CHECKSUM_DOESNT_MATCH, ...). */
int floe_part_load(floe_part **out, const char *dir, const char *name,
                   const floe_partition_key *key, bool verify);
/* Reads the part's primary index whole: primary.idx, or primary.cidx
 * decompressed. Caller frees *out with floe_free. */
int floe_part_read_primary(char **out, size_t *len, const floe_part *p);
/* After floe added data-skipping index `index` (its .mrk2 marks) to dir, a
 * copy of part p: rewrites the marks in p's mark type (.cmrk2, .cmrk4, ...),
 * where ClickHouse looks for them, and updates checksums.txt. A part with
 * .mrk2 marks is left as it is. */
int floe_part_convert_index_marks(const char *dir, const floe_part *p, const char *index);
/* Reads minmax_<col>.idx for the key's minmax columns (names and types are
 * the table's columns) into p->minmax. */
int floe_part_load_minmax(floe_part *p, const floe_partition_key *key, const char *const *names,
                          const floe_type *const *types);
void floe_part_ref(floe_part *p);
void floe_part_unref(floe_part *p);
/* Index of a column in the part, -1 when the part does not have it. */
int floe_part_find_column(const floe_part *p, const char *name);
/* Reads the whole column `idx` of the part into *out (a new column of the
 * part's type for it). */
int floe_part_read_column(floe_column **out, const floe_part *p, size_t idx);

/*
 * Streaming reads of one column of a part, granule by granule: each of the
 * column's substreams (<col>.bin, .null.bin, .size.bin, .sparse.idx.bin of
 * a Wide part, or its stretches of a Compact part's data.bin) is read
 * through its marks, one compressed block in memory at a time, so a scan
 * or an export never holds more than the granules it asked for.
 */
typedef struct floe_part_reader floe_part_reader;

/* Opens column idx of part p (the part must outlive the reader). */
int floe_part_reader_open(floe_part_reader **out, const floe_part *p, size_t idx);
/* Appends the rows of granules [first, first + n) to c (a column of the
 * part's type for the column). */
int floe_part_reader_read(floe_part_reader *r, floe_column *c, size_t first, size_t n);
void floe_part_reader_free(floe_part_reader *r);

#endif
