/*
 * gzip and zstd streams for local files (file_codec.h): zlib's inflate and
 * deflate with the gzip wrapper, and zstd's streaming API, over a file
 * descriptor with fixed buffers, so files of any size stream through.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "base/error.h"
#include "base/mem.h"
#include "storage/lake/file_codec.h"

#define CODEC_BUF (128u << 10)

typedef enum codec_kind { CODEC_GZIP, CODEC_ZSTD } codec_kind;

struct floe_file_codec {
    codec_kind kind;
    bool writing;
    int fd;
    unsigned char *buf; /* compressed bytes: read-ahead or output */
    size_t len, pos;
    bool eof;
    bool ended; /* the current member/frame ended */
    z_stream z;
    bool z_init;
    ZSTD_DCtx *zd;
    ZSTD_CCtx *zc;
};

static int kind_of(codec_kind *k, const char *method)
{
    if (strcmp(method, "gzip") == 0 || strcmp(method, "deflate") == 0) {
        *k = CODEC_GZIP;
        return 0;
    }
    if (strcmp(method, "zstd") == 0) {
        *k = CODEC_ZSTD;
        return 0;
    }
    return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Compression method %s is not supported yet",
                      method);
}

static int fill(floe_file_codec *c)
{
    if (c->pos < c->len || c->eof)
        return 0;
    ssize_t r;
    do
        r = read(c->fd, c->buf, CODEC_BUF);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return floe_error(FLOE_ERR_CANNOT_READ_FROM_FILE_DESCRIPTOR, "Cannot read from file: %s",
                          strerror(errno));
    c->len = (size_t)r;
    c->pos = 0;
    if (r == 0)
        c->eof = true;
    return 0;
}

static int gzip_read(floe_file_codec *c, void *p, size_t n, size_t *got)
{
    *got = 0;
    while (*got == 0) {
        if (fill(c) < 0)
            return -1;
        if (c->pos == c->len) {
            if (!c->ended && c->z.total_in > 0)
                return floe_error(FLOE_ERR_CANNOT_DECOMPRESS,
                                  "inflate failed: unexpected end of gzip data");
            return 0;
        }
        if (c->ended) {
            /* another gzip member follows */
            inflateReset(&c->z);
            c->ended = false;
        }
        c->z.next_in = c->buf + c->pos;
        c->z.avail_in = (uInt)(c->len - c->pos);
        c->z.next_out = (Bytef *)p;
        c->z.avail_out = (uInt)n;
        int r = inflate(&c->z, Z_NO_FLUSH);
        c->pos = c->len - c->z.avail_in;
        *got = n - c->z.avail_out;
        if (r == Z_STREAM_END)
            c->ended = true;
        else if (r != Z_OK && r != Z_BUF_ERROR)
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS, "inflate failed: %s",
                              c->z.msg ? c->z.msg : "corrupt gzip data");
    }
    return 0;
}

static int zstd_read(floe_file_codec *c, void *p, size_t n, size_t *got)
{
    *got = 0;
    while (*got == 0) {
        if (fill(c) < 0)
            return -1;
        if (c->pos == c->len) {
            if (!c->ended)
                return floe_error(FLOE_ERR_CANNOT_DECOMPRESS,
                                  "Zstd stream decoding failed: unexpected end of data");
            return 0;
        }
        ZSTD_inBuffer in = {c->buf, c->len, c->pos};
        ZSTD_outBuffer out = {p, n, 0};
        size_t r = ZSTD_decompressStream(c->zd, &out, &in);
        if (ZSTD_isError(r))
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS, "Zstd stream decoding failed: %s",
                              ZSTD_getErrorName(r));
        c->pos = in.pos;
        c->ended = r == 0;
        *got = out.pos;
    }
    return 0;
}

static int codec_read(void *ctx, void *p, size_t n, size_t *got)
{
    floe_file_codec *c = ctx;
    return c->kind == CODEC_GZIP ? gzip_read(c, p, n, got) : zstd_read(c, p, n, got);
}

int floe_file_codec_reader(floe_file_codec **out, floe_source *src, int fd, const char *method)
{
    codec_kind k;
    if (kind_of(&k, method) < 0)
        return -1;
    floe_file_codec *c = floe_calloc(1, sizeof *c);
    c->kind = k;
    c->fd = fd;
    c->buf = floe_malloc(CODEC_BUF);
    c->ended = true; /* an empty file is an empty stream */
    if (k == CODEC_GZIP) {
        /* 32 + MAX_WBITS: gzip or zlib header, detected */
        if (inflateInit2(&c->z, 32 + MAX_WBITS) != Z_OK) {
            floe_file_codec_free(c);
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS, "inflateInit failed");
        }
        c->z_init = true;
        c->ended = false;
    } else {
        c->zd = ZSTD_createDCtx();
    }
    src->read = codec_read;
    src->ctx = c;
    *out = c;
    return 0;
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *q = p;
    while (n > 0) {
        ssize_t w = write(fd, q, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot write to file: %s",
                              strerror(errno));
        q += w;
        n -= (size_t)w;
    }
    return 0;
}

static int gzip_push(floe_file_codec *c, const void *p, size_t n, int flush)
{
    c->z.next_in = (Bytef *)p;
    c->z.avail_in = (uInt)n;
    for (;;) {
        c->z.next_out = c->buf;
        c->z.avail_out = CODEC_BUF;
        int r = deflate(&c->z, flush);
        if (r == Z_STREAM_ERROR)
            return floe_error(FLOE_ERR_CANNOT_COMPRESS, "deflate failed");
        if (write_all(c->fd, c->buf, CODEC_BUF - c->z.avail_out) < 0)
            return -1;
        if (flush == Z_FINISH ? r == Z_STREAM_END : c->z.avail_out != 0)
            return 0;
    }
}

static int zstd_push(floe_file_codec *c, const void *p, size_t n, ZSTD_EndDirective mode)
{
    ZSTD_inBuffer in = {p, n, 0};
    for (;;) {
        ZSTD_outBuffer out = {c->buf, CODEC_BUF, 0};
        size_t r = ZSTD_compressStream2(c->zc, &out, &in, mode);
        if (ZSTD_isError(r))
            return floe_error(FLOE_ERR_CANNOT_COMPRESS, "Zstd stream encoding failed: %s",
                              ZSTD_getErrorName(r));
        if (write_all(c->fd, c->buf, out.pos) < 0)
            return -1;
        if (mode == ZSTD_e_end ? r == 0 : in.pos == in.size)
            return 0;
    }
}

static int codec_write(void *ctx, const void *p, size_t n)
{
    floe_file_codec *c = ctx;
    return c->kind == CODEC_GZIP ? gzip_push(c, p, n, Z_NO_FLUSH)
                                 : zstd_push(c, p, n, ZSTD_e_continue);
}

int floe_file_codec_writer(floe_file_codec **out, floe_sink *sink, int fd, const char *method,
                           int level)
{
    codec_kind k;
    if (kind_of(&k, method) < 0)
        return -1;
    floe_file_codec *c = floe_calloc(1, sizeof *c);
    c->kind = k;
    c->writing = true;
    c->fd = fd;
    c->buf = floe_malloc(CODEC_BUF);
    if (k == CODEC_GZIP) {
        if (deflateInit2(&c->z, level ? level : Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS,
                         8, Z_DEFAULT_STRATEGY) != Z_OK) {
            floe_file_codec_free(c);
            return floe_error(FLOE_ERR_CANNOT_COMPRESS, "deflateInit failed");
        }
        c->z_init = true;
    } else {
        c->zc = ZSTD_createCCtx();
        ZSTD_CCtx_setParameter(c->zc, ZSTD_c_compressionLevel, level ? level : 3);
    }
    sink->write = codec_write;
    sink->ctx = c;
    *out = c;
    return 0;
}

int floe_file_codec_finish(floe_file_codec *c)
{
    return c->kind == CODEC_GZIP ? gzip_push(c, NULL, 0, Z_FINISH)
                                 : zstd_push(c, NULL, 0, ZSTD_e_end);
}

void floe_file_codec_free(floe_file_codec *c)
{
    if (!c)
        return;
    if (c->z_init) {
        if (c->writing)
            deflateEnd(&c->z);
        else
            inflateEnd(&c->z);
    }
    if (c->zd)
        ZSTD_freeDCtx(c->zd);
    if (c->zc)
        ZSTD_freeCCtx(c->zc);
    floe_free(c->buf);
    floe_free(c);
}
