/*
 * The codecs of codec.h over the Debian libraries (liblz4, libzstd,
 * libsnappy, zlib, libbrotli). Each call is one-shot over whole buffers;
 * contexts that are costly to make (ZSTD, zlib streams, the LZ4HC state) are
 * cached per thread and reset between calls.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <lz4.h>
#include <lz4hc.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include "base/error.h"
#include "base/mem.h"
#include "compress/codec.h"

static __thread ZSTD_CCtx *tl_zcctx;
static __thread ZSTD_DCtx *tl_zdctx;
static __thread void *tl_lz4hc_state;
static __thread z_stream *tl_deflate;
static __thread int tl_deflate_level;
static __thread z_stream *tl_inflate;

static void store_be32(void *p, uint32_t v)
{
    unsigned char *b = p;
    b[0] = (unsigned char)(v >> 24);
    b[1] = (unsigned char)(v >> 16);
    b[2] = (unsigned char)(v >> 8);
    b[3] = (unsigned char)v;
}

static uint32_t load_be32(const unsigned char *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | (uint32_t)b[3];
}

const char *floe_codec_method_name(floe_codec_method m)
{
    switch (m) {
    case FLOE_CODEC_NONE:
        return "NONE";
    case FLOE_CODEC_LZ4:
        return "LZ4";
    case FLOE_CODEC_LZ4HC:
        return "LZ4HC";
    case FLOE_CODEC_ZSTD:
        return "ZSTD";
    case FLOE_CODEC_SNAPPY:
        return "SNAPPY";
    case FLOE_CODEC_GZIP:
        return "GZIP";
    case FLOE_CODEC_BROTLI:
        return "BROTLI";
    case FLOE_CODEC_LZ4_HADOOP:
        return "LZ4_HADOOP";
    }
    return "UNKNOWN";
}

static int effective_level(const floe_codec *c)
{
    if (c->level != FLOE_CODEC_DEFAULT_LEVEL)
        return c->level;
    switch (c->method) {
    case FLOE_CODEC_ZSTD:
        return 1;
    case FLOE_CODEC_LZ4HC:
        return LZ4HC_CLEVEL_DEFAULT;
    case FLOE_CODEC_GZIP:
        return 6; /* zlib's Z_DEFAULT_COMPRESSION */
    case FLOE_CODEC_BROTLI:
        return 8;
    default:
        return 0;
    }
}

int floe_codec_parse(floe_codec *out, const char *text)
{
    static const struct {
        const char *name;
        floe_codec_method m;
    } names[] = {
        {"NONE", FLOE_CODEC_NONE},     {"UNCOMPRESSED", FLOE_CODEC_NONE},
        {"LZ4", FLOE_CODEC_LZ4},       {"LZ4_RAW", FLOE_CODEC_LZ4},
        {"LZ4HC", FLOE_CODEC_LZ4HC},   {"ZSTD", FLOE_CODEC_ZSTD},
        {"SNAPPY", FLOE_CODEC_SNAPPY}, {"GZIP", FLOE_CODEC_GZIP},
        {"BROTLI", FLOE_CODEC_BROTLI},
    };
    const char *paren = strchr(text, '(');
    size_t len = paren ? (size_t)(paren - text) : strlen(text);
    while (len > 0 && isspace((unsigned char)text[len - 1]))
        len--;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strlen(names[i].name) != len || strncasecmp(names[i].name, text, len) != 0)
            continue;
        out->method = names[i].m;
        out->level = FLOE_CODEC_DEFAULT_LEVEL;
        if (paren) {
            char *end;
            long v = strtol(paren + 1, &end, 10);
            while (isspace((unsigned char)*end))
                end++;
            if (end == paren + 1 || *end != ')' || end[1] != '\0')
                return floe_error(FLOE_ERR_UNKNOWN_CODEC, "Cannot parse codec level in '%s'", text);
            out->level = (int)v;
        }
        return 0;
    }
    return floe_error(FLOE_ERR_UNKNOWN_CODEC, "Unknown codec family: %.*s", (int)len, text);
}

void floe_codec_describe(char *out, size_t size, const floe_codec *c)
{
    const char *name = floe_codec_method_name(c->method);
    if (c->method == FLOE_CODEC_ZSTD || c->method == FLOE_CODEC_LZ4HC ||
        c->method == FLOE_CODEC_GZIP || c->method == FLOE_CODEC_BROTLI) {
        int level = c->level;
        if (level == FLOE_CODEC_DEFAULT_LEVEL)
            level = c->method == FLOE_CODEC_LZ4HC ? 0 : effective_level(c);
        snprintf(out, size, "%s(%d)", name, level);
    } else {
        snprintf(out, size, "%s", name);
    }
}

size_t floe_codec_bound(const floe_codec *c, size_t n)
{
    switch (c->method) {
    case FLOE_CODEC_NONE:
        return n;
    case FLOE_CODEC_LZ4:
    case FLOE_CODEC_LZ4HC:
        /* LZ4_COMPRESSBOUND without its int limit. */
        return n + n / 255 + 16;
    case FLOE_CODEC_LZ4_HADOOP:
        return 8 + n + n / 255 + 16;
    case FLOE_CODEC_ZSTD:
        return ZSTD_compressBound(n);
    case FLOE_CODEC_SNAPPY:
        return snappy_max_compressed_length(n);
    case FLOE_CODEC_GZIP:
        /* compressBound is for the 6-byte zlib wrapper; gzip's is 18. */
        return compressBound((uLong)n) + 12 + 64;
    case FLOE_CODEC_BROTLI:
        return BrotliEncoderMaxCompressedSize(n) ? BrotliEncoderMaxCompressedSize(n) : n + 1024;
    }
    return n;
}

static int compress_lz4(size_t *written, void *dst, const void *src, size_t n)
{
    if (n > LZ4_MAX_INPUT_SIZE)
        return floe_error(FLOE_ERR_CANNOT_COMPRESS, "Cannot compress %zu bytes with LZ4", n);
    int r = LZ4_compress_default(src, dst, (int)n, LZ4_compressBound((int)n));
    if (r <= 0 && n > 0)
        return floe_error(FLOE_ERR_CANNOT_COMPRESS, "Cannot compress with LZ4");
    *written = (size_t)r;
    return 0;
}

static int compress_lz4hc(size_t *written, int level, void *dst, const void *src, size_t n)
{
    if (n > LZ4_MAX_INPUT_SIZE)
        return floe_error(FLOE_ERR_CANNOT_COMPRESS, "Cannot compress %zu bytes with LZ4HC", n);
    if (!tl_lz4hc_state)
        tl_lz4hc_state = floe_malloc((size_t)LZ4_sizeofStateHC());
    int r = LZ4_compress_HC_extStateHC(tl_lz4hc_state, src, dst, (int)n, LZ4_compressBound((int)n),
                                       level);
    if (r <= 0 && n > 0)
        return floe_error(FLOE_ERR_CANNOT_COMPRESS, "Cannot LZ4_compress_HC");
    *written = (size_t)r;
    return 0;
}

static int compress_zstd(size_t *written, int level, void *dst, const void *src, size_t n)
{
    if (!tl_zcctx)
        tl_zcctx = ZSTD_createCCtx();
    ZSTD_CCtx_reset(tl_zcctx, ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(tl_zcctx, ZSTD_c_compressionLevel, level);
    size_t r = ZSTD_compress2(tl_zcctx, dst, ZSTD_compressBound(n), src, n);
    if (ZSTD_isError(r))
        return floe_error(FLOE_ERR_CANNOT_COMPRESS, "Cannot compress block with ZSTD: %s",
                          ZSTD_getErrorName(r));
    *written = r;
    return 0;
}

static int compress_gzip(size_t *written, int level, void *dst, size_t cap, const void *src,
                         size_t n)
{
    if (tl_deflate && tl_deflate_level != level) {
        deflateEnd(tl_deflate);
        floe_free(tl_deflate);
        tl_deflate = NULL;
    }
    if (!tl_deflate) {
        tl_deflate = floe_calloc(1, sizeof *tl_deflate);
        /* windowBits 15 + 16: deflate with a gzip header and trailer. */
        if (deflateInit2(tl_deflate, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
            floe_free(tl_deflate);
            tl_deflate = NULL;
            return floe_error(FLOE_ERR_CANNOT_COMPRESS, "Cannot initialise gzip level %d", level);
        }
        tl_deflate_level = level;
    } else {
        deflateReset(tl_deflate);
    }
    z_stream *z = tl_deflate;
    z->next_in = (Bytef *)src;
    z->next_out = dst;
    size_t in_left = n, out_left = cap;
    int rc;
    do {
        /* avail_* are 32-bit: feed huge buffers in slices. */
        uInt in_now = in_left > (1u << 30) ? (1u << 30) : (uInt)in_left;
        uInt out_now = out_left > (1u << 30) ? (1u << 30) : (uInt)out_left;
        z->avail_in = in_now;
        z->avail_out = out_now;
        rc = deflate(z, in_now == in_left ? Z_FINISH : Z_NO_FLUSH);
        in_left -= in_now - z->avail_in;
        out_left -= out_now - z->avail_out;
        if (rc == Z_STREAM_ERROR || (rc == Z_BUF_ERROR && out_left == 0))
            return floe_error(FLOE_ERR_CANNOT_COMPRESS, "Cannot compress with gzip");
    } while (rc != Z_STREAM_END);
    *written = cap - out_left;
    return 0;
}

static int compress_brotli(size_t *written, int level, void *dst, size_t cap, const void *src,
                           size_t n)
{
    size_t out = cap;
    if (!BrotliEncoderCompress(level, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, n, src, &out,
                               dst))
        return floe_error(FLOE_ERR_CANNOT_COMPRESS, "Cannot compress with Brotli");
    *written = out;
    return 0;
}

int floe_codec_compress_to(size_t *written, const floe_codec *c, void *dst, const void *src,
                           size_t n)
{
    int level = effective_level(c);
    size_t cap = floe_codec_bound(c, n);
    switch (c->method) {
    case FLOE_CODEC_NONE:
        if (n)
            memcpy(dst, src, n);
        *written = n;
        return 0;
    case FLOE_CODEC_LZ4:
        return compress_lz4(written, dst, src, n);
    case FLOE_CODEC_LZ4HC:
        return compress_lz4hc(written, level, dst, src, n);
    case FLOE_CODEC_ZSTD:
        return compress_zstd(written, level, dst, src, n);
    case FLOE_CODEC_SNAPPY: {
        size_t out = cap;
        if (snappy_compress(src, n, dst, &out) != SNAPPY_OK)
            return floe_error(FLOE_ERR_CANNOT_COMPRESS, "Cannot compress with Snappy");
        *written = out;
        return 0;
    }
    case FLOE_CODEC_GZIP:
        return compress_gzip(written, level, dst, cap, src, n);
    case FLOE_CODEC_BROTLI:
        return compress_brotli(written, level, dst, cap, src, n);
    case FLOE_CODEC_LZ4_HADOOP: {
        size_t body;
        if (compress_lz4(&body, (char *)dst + 8, src, n) < 0)
            return -1;
        store_be32(dst, (uint32_t)n);
        store_be32((char *)dst + 4, (uint32_t)body);
        *written = 8 + body;
        return 0;
    }
    }
    return floe_error(FLOE_ERR_CANNOT_COMPRESS, "Unknown codec method %d", (int)c->method);
}

int floe_codec_compress(floe_buf *out, const floe_codec *c, const void *src, size_t n)
{
    size_t written = 0;
    floe_buf_reserve(out, floe_codec_bound(c, n));
    if (floe_codec_compress_to(&written, c, out->data + out->len, src, n) < 0) {
        out->data[out->len] = '\0';
        return -1;
    }
    out->len += written;
    out->data[out->len] = '\0';
    return 0;
}

/* Hadoop framing: frames of [BE32 uncompressed][BE32 compressed][LZ4 block]
 * until the input ends. Returns 0 only if the frames decode to exactly
 * dst_size bytes; sets no error (the caller falls back to a raw block). */
static int try_lz4_hadoop(void *dst, size_t dst_size, const void *src, size_t n)
{
    const unsigned char *in = src, *in_end = in + n;
    char *out = dst;
    size_t out_left = dst_size;
    while (in < in_end) {
        if (in_end - in < 8)
            return -1;
        uint32_t usize = load_be32(in), csize = load_be32(in + 4);
        in += 8;
        if (csize > (size_t)(in_end - in) || usize > out_left || csize > INT32_MAX ||
            usize > INT32_MAX)
            return -1;
        int r = LZ4_decompress_safe((const char *)in, out, (int)csize, (int)usize);
        if (r < 0 || (uint32_t)r != usize)
            return -1;
        in += csize;
        out += usize;
        out_left -= usize;
    }
    return out_left == 0 ? 0 : -1;
}

static int decompress_gzip(void *dst, size_t dst_size, const void *src, size_t n)
{
    if (!tl_inflate) {
        tl_inflate = floe_calloc(1, sizeof *tl_inflate);
        /* windowBits 15 + 32: accept gzip or zlib headers. */
        if (inflateInit2(tl_inflate, 15 + 32) != Z_OK) {
            floe_free(tl_inflate);
            tl_inflate = NULL;
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS, "Cannot initialise gzip decoder");
        }
    } else {
        inflateReset(tl_inflate);
    }
    z_stream *z = tl_inflate;
    const unsigned char *in = src, *in_end = in + n;
    unsigned char *out = dst, *out_end = out + dst_size;
    /* A gzip stream may hold several members back to back. */
    for (;;) {
        size_t in_left = (size_t)(in_end - in), out_left = (size_t)(out_end - out);
        uInt in_now = in_left > (1u << 30) ? (1u << 30) : (uInt)in_left;
        uInt out_now = out_left > (1u << 30) ? (1u << 30) : (uInt)out_left;
        z->next_in = (Bytef *)in;
        z->avail_in = in_now;
        z->next_out = out;
        z->avail_out = out_now;
        int rc = inflate(z, Z_NO_FLUSH);
        in += in_now - z->avail_in;
        out += out_now - z->avail_out;
        if (rc == Z_STREAM_END) {
            if (in == in_end)
                break;
            inflateReset(z); /* the next member */
            continue;
        }
        int progress = z->avail_in != in_now || z->avail_out != out_now;
        if (rc == Z_OK && progress)
            continue;
        const char *why = z->msg           ? z->msg
                          : out == out_end ? "more data than expected"
                                           : "unexpected end of data";
        return floe_error(FLOE_ERR_CANNOT_DECOMPRESS, "Cannot decompress gzip data: %s", why);
    }
    if (out != out_end)
        return floe_error(FLOE_ERR_CANNOT_DECOMPRESS,
                          "Cannot decompress gzip data: got %zu bytes, expected %zu",
                          (size_t)(out - (unsigned char *)dst), dst_size);
    return 0;
}

int floe_codec_decompress(const floe_codec *c, void *dst, size_t dst_size, const void *src,
                          size_t n)
{
    switch (c->method) {
    case FLOE_CODEC_NONE:
        if (n != dst_size)
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS,
                              "Cannot decompress: uncompressed data is %zu bytes, expected %zu", n,
                              dst_size);
        if (n)
            memcpy(dst, src, n);
        return 0;
    case FLOE_CODEC_LZ4:
    case FLOE_CODEC_LZ4HC: {
        if (n > INT32_MAX || dst_size > INT32_MAX)
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS, "Cannot decompress LZ4-encoded data");
        int r = LZ4_decompress_safe(src, dst, (int)n, (int)dst_size);
        if (r < 0 || (size_t)r != dst_size)
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS, "Cannot decompress LZ4-encoded data");
        return 0;
    }
    case FLOE_CODEC_ZSTD: {
        if (!tl_zdctx)
            tl_zdctx = ZSTD_createDCtx();
        size_t r = ZSTD_decompressDCtx(tl_zdctx, dst, dst_size, src, n);
        if (ZSTD_isError(r))
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS, "Cannot decompress ZSTD-encoded data: %s",
                              ZSTD_getErrorName(r));
        if (r != dst_size)
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS,
                              "Cannot decompress ZSTD-encoded data: got %zu bytes, expected %zu", r,
                              dst_size);
        return 0;
    }
    case FLOE_CODEC_SNAPPY: {
        size_t len = 0;
        if (snappy_uncompressed_length(src, n, &len) != SNAPPY_OK || len != dst_size)
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS,
                              "Cannot decompress Snappy data: bad uncompressed length");
        size_t out = dst_size;
        if (snappy_uncompress(src, n, dst, &out) != SNAPPY_OK || out != dst_size)
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS, "Cannot decompress Snappy data");
        return 0;
    }
    case FLOE_CODEC_GZIP:
        return decompress_gzip(dst, dst_size, src, n);
    case FLOE_CODEC_LZ4_HADOOP: {
        if (try_lz4_hadoop(dst, dst_size, src, n) == 0)
            return 0;
        if (n > INT32_MAX || dst_size > INT32_MAX)
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS, "Cannot decompress LZ4-encoded data");
        int r = LZ4_decompress_safe(src, dst, (int)n, (int)dst_size);
        if (r < 0 || (size_t)r != dst_size)
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS, "Cannot decompress LZ4-encoded data");
        return 0;
    }
    case FLOE_CODEC_BROTLI: {
        size_t out = dst_size;
        if (BrotliDecoderDecompress(n, src, &out, dst) != BROTLI_DECODER_RESULT_SUCCESS)
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS, "Cannot decompress Brotli data");
        if (out != dst_size)
            return floe_error(FLOE_ERR_CANNOT_DECOMPRESS,
                              "Cannot decompress Brotli data: got %zu bytes, expected %zu", out,
                              dst_size);
        return 0;
    }
    }
    return floe_error(FLOE_ERR_CANNOT_DECOMPRESS, "Unknown codec method %d", (int)c->method);
}

void floe_codec_thread_cleanup(void)
{
    ZSTD_freeCCtx(tl_zcctx);
    tl_zcctx = NULL;
    ZSTD_freeDCtx(tl_zdctx);
    tl_zdctx = NULL;
    floe_free(tl_lz4hc_state);
    tl_lz4hc_state = NULL;
    if (tl_deflate) {
        deflateEnd(tl_deflate);
        floe_free(tl_deflate);
        tl_deflate = NULL;
    }
    if (tl_inflate) {
        inflateEnd(tl_inflate);
        floe_free(tl_inflate);
        tl_inflate = NULL;
    }
}
