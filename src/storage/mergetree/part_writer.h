/*
 * Writing one data part in ClickHouse's Wide format: per column a .bin
 * stream of compressed blocks and .mrk2 marks (plus .null streams for
 * Nullable), primary.idx, count.txt, columns.txt, partition.dat,
 * minmax_<col>.idx, serialization.json, checksums.txt. The part is written
 * under a temporary directory, fsynced, and renamed into place, so it is
 * either whole or absent.
 */
#ifndef FLOE_STORAGE_MERGETREE_PART_WRITER_H
#define FLOE_STORAGE_MERGETREE_PART_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "compress/codec.h"
#include "hash/hash.h"
#include "storage/mergetree/partition.h"
#include "types/column.h"

struct floe_part_skip_index;

typedef struct floe_part_write_options {
    size_t index_granularity;       /* rows per granule at most: 8192 */
    size_t index_granularity_bytes; /* bytes per granule at most: 10 MiB */
    floe_codec default_codec;       /* LZ4 */
    const floe_codec *codecs;       /* per column, or NULL: default_codec for all */
    /* data-skipping indices to write (skip_index.h), evaluated over the rows */
    const struct floe_part_skip_index *skip;
    size_t n_skip;
} floe_part_write_options;

#define FLOE_PART_WRITE_OPTIONS_INIT                                                               \
    {                                                                                              \
        8192, 10 * 1024 * 1024, {FLOE_CODEC_LZ4, FLOE_CODEC_DEFAULT_LEVEL}, NULL, NULL, 0         \
    }

/* What a written part is, for the table's part list. */
typedef struct floe_part_written {
    uint64_t rows;
    uint64_t marks;
    uint64_t bytes_on_disk;
    uint64_t compressed_bytes;
    uint64_t uncompressed_bytes;
    floe_uint128 hash_of_all_files;
} floe_part_written;

/* Writes block b (rows already sorted; columns names/types, table order) as
 * the part directory final_dir, through tmp_dir. key/key_vals give the
 * partition (key_vals row 0; ignored when key->n == 0); pk holds the primary
 * key columns evaluated over b (n_pk of them). */
int floe_part_write(floe_part_written *out, const char *tmp_dir, const char *final_dir,
                    const floe_block *b, const char *const *names, const floe_type *const *types,
                    const floe_partition_key *key, floe_column *const *key_vals,
                    floe_column *const *pk, size_t n_pk, const floe_part_write_options *opts);

/* Writes data-skipping index ix (evaluated over every row of the part)
 * into the part directory dir, whose granules hold granule_rows[i] rows,
 * and records its files in dir's checksums.txt (written anew). */
int floe_part_add_skip_index(const char *dir, const struct floe_part_skip_index *ix,
                             const uint64_t *granule_rows, size_t n_granules,
                             const floe_codec *codec);

/* The type a part stores a table column of type t as: LowCardinality(T) of
 * a non-Nullable T is stored as T (the same bytes; reads cast back, floe
 * writes no dictionary streams); other types as themselves. */
const floe_type *floe_part_stored_type(const floe_type *t);

/* ClickHouse's escapeForFileName: bytes other than [A-Za-z0-9_] as %XX. */
void floe_escape_file_name(floe_buf *out, const char *name);

#endif
