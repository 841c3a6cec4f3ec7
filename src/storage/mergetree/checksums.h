/*
 * checksums.txt, format version 4: for every file of a part its size and
 * CityHash128, and for compressed .bin files the uncompressed size and hash;
 * the list is VarUInt-framed and stored in one ClickHouse compressed block.
 * Also the part's hash_of_all_files (system.parts, export file names).
 */
#ifndef FLOE_STORAGE_MERGETREE_CHECKSUMS_H
#define FLOE_STORAGE_MERGETREE_CHECKSUMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "hash/hash.h"

typedef struct floe_checksum {
    char *name;
    uint64_t file_size;
    floe_uint128 file_hash;
    bool is_compressed;
    uint64_t uncompressed_size;
    floe_uint128 uncompressed_hash;
} floe_checksum;

/* Files sorted by name (as ClickHouse's std::map keeps them). */
typedef struct floe_checksums {
    floe_checksum *files;
    size_t n, cap;
} floe_checksums;

/* Adds or replaces an entry (name copied). */
void floe_checksums_add(floe_checksums *c, const char *name, uint64_t size, floe_uint128 hash);
/* Reads and parses the checksums.txt of part directory dir. Errors: the
 * file's, and floe_checksums_parse's. */
int floe_checksums_load(floe_checksums *out, const char *dir);
/* Writes c as dir's checksums.txt through a new file renamed into place
 * (never through a hard link shared with another part). */
int floe_checksums_store(const floe_checksums *c, const char *dir);
/* Removes an entry; false when there was none. */
bool floe_checksums_remove(floe_checksums *c, const char *name);
void floe_checksums_add_compressed(floe_checksums *c, const char *name, uint64_t size,
                                   floe_uint128 hash, uint64_t uncompressed_size,
                                   floe_uint128 uncompressed_hash);
/* Adds a small file's entry by hashing its bytes. */
void floe_checksums_add_bytes(floe_checksums *c, const char *name, const void *p, size_t n);
const floe_checksum *floe_checksums_find(const floe_checksums *c, const char *name);
void floe_checksums_free(floe_checksums *c);

/* The bytes of checksums.txt. */
int floe_checksums_serialize(floe_buf *out, const floe_checksums *c);
/* Parses checksums.txt (versions 3 and 4). Errors: CORRUPTED_DATA, UNKNOWN_FORMAT. */
int floe_checksums_parse(floe_checksums *out, const char *p, size_t n);
/* SipHash128 over (name length, name, file hash) of every file, in order. */
floe_uint128 floe_checksums_total(const floe_checksums *c);
/* Checks every file in dir against the list: size and hash (files are read
 * whole). Errors: NO_FILE_IN_DATA_PART, BAD_SIZE_OF_FILE_IN_DATA_PART,
 * CHECKSUM_DOESNT_MATCH with ClickHouse's messages. */
int floe_checksums_verify(const floe_checksums *c, const char *dir);

#endif
