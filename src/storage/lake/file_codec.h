/*
 * Stream compression for file() and File: a source that decompresses what
 * it reads from a file descriptor and a sink that compresses what it
 * writes to one. gzip (zlib) and zstd; other methods fail with
 * NOT_IMPLEMENTED. Private to src/storage/lake/.
 */
#ifndef FLOE_STORAGE_LAKE_FILE_CODEC_H
#define FLOE_STORAGE_LAKE_FILE_CODEC_H

#include "base/io.h"

typedef struct floe_file_codec floe_file_codec;

/* A source over fd decompressing `method` ("gzip", "zstd"); concatenated
 * members/frames are read one after another. *src stays valid until
 * floe_file_codec_free. fd stays the caller's. */
int floe_file_codec_reader(floe_file_codec **out, floe_source *src, int fd, const char *method);
/* A sink compressing into fd; floe_file_codec_finish writes the end of the
 * stream. level 0 means the method's default. */
int floe_file_codec_writer(floe_file_codec **out, floe_sink *sink, int fd, const char *method,
                           int level);
int floe_file_codec_finish(floe_file_codec *c);
void floe_file_codec_free(floe_file_codec *c);

#endif
