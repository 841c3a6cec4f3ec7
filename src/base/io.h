/*
 * Byte sinks and sources: the seam between code that produces or consumes
 * bytes (formats, Parquet, part files) and where the bytes go (a file
 * descriptor, a buffer, an object-storage upload).
 */
#ifndef FLOE_BASE_IO_H
#define FLOE_BASE_IO_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* A sink takes bytes in order. write returns 0 or a negative status with the
 * error slot set. */
typedef struct floe_sink {
    int (*write)(void *ctx, const void *p, size_t n);
    void *ctx;
} floe_sink;

static inline int floe_sink_write(const floe_sink *s, const void *p, size_t n)
{
    return n ? s->write(s->ctx, p, n) : 0;
}

/* A sink appending to a floe_buf (ctx is the floe_buf *). */
floe_sink floe_sink_buf(floe_buf *b);
/* A sink writing to a file descriptor (ctx is the fd cast through intptr_t). */
floe_sink floe_sink_fd(int fd);

/* A source gives bytes in order: read stores up to n bytes in p and their
 * count in *got; *got == 0 means end of input. */
typedef struct floe_source {
    int (*read)(void *ctx, void *p, size_t n, size_t *got);
    void *ctx;
} floe_source;

/* A source over memory the caller keeps alive (ctx points at the state). */
typedef struct floe_mem_source_state {
    const char *p;
    size_t len, pos;
} floe_mem_source_state;
floe_source floe_source_mem(floe_mem_source_state *st, const char *p, size_t len);
floe_source floe_source_fd(int fd);

/* Reads a whole file into *out (floe_free it). Errors: CANNOT_OPEN_FILE,
 * FILE_DOESNT_EXIST, CANNOT_READ_FROM_FILE_DESCRIPTOR. */
int floe_read_file(char **out, size_t *len, const char *path);
/* Writes data to path atomically: a temporary file beside it, fsync, rename. */
int floe_write_file_atomic(const char *path, const void *data, size_t len);

#endif
