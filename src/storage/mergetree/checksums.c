/*
 * checksums.txt reading, writing and verification (see checksums.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/io.h"
#include "base/mem.h"
#include "base/varint.h"
#include "compress/ch_block.h"
#include "hash/city.h"
#include "hash/siphash.h"
#include "storage/mergetree/checksums.h"

static floe_checksum *slot(floe_checksums *c, const char *name)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int r = strcmp(c->files[mid].name, name);
        if (r == 0)
            return &c->files[mid];
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    FLOE_GROW(c->files, c->cap, c->n + 1);
    memmove(&c->files[lo + 1], &c->files[lo], (c->n - lo) * sizeof *c->files);
    c->n++;
    memset(&c->files[lo], 0, sizeof c->files[lo]);
    c->files[lo].name = floe_strdup(name);
    return &c->files[lo];
}

void floe_checksums_add(floe_checksums *c, const char *name, uint64_t size, floe_uint128 hash)
{
    floe_checksum *s = slot(c, name);
    s->file_size = size;
    s->file_hash = hash;
    s->is_compressed = false;
}

bool floe_checksums_remove(floe_checksums *c, const char *name)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->files[i].name, name) == 0) {
            floe_free(c->files[i].name);
            memmove(&c->files[i], &c->files[i + 1], (c->n - i - 1) * sizeof *c->files);
            c->n--;
            return true;
        }
    return false;
}

void floe_checksums_add_compressed(floe_checksums *c, const char *name, uint64_t size,
                                   floe_uint128 hash, uint64_t uncompressed_size,
                                   floe_uint128 uncompressed_hash)
{
    floe_checksum *s = slot(c, name);
    s->file_size = size;
    s->file_hash = hash;
    s->is_compressed = true;
    s->uncompressed_size = uncompressed_size;
    s->uncompressed_hash = uncompressed_hash;
}

void floe_checksums_add_bytes(floe_checksums *c, const char *name, const void *p, size_t n)
{
    floe_city_hashing h;
    floe_city_hashing_init(&h);
    floe_city_hashing_update(&h, p, n);
    floe_checksums_add(c, name, n, floe_city_hashing_get(&h));
}

const floe_checksum *floe_checksums_find(const floe_checksums *c, const char *name)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->files[i].name, name) == 0)
            return &c->files[i];
    return NULL;
}

void floe_checksums_free(floe_checksums *c)
{
    for (size_t i = 0; i < c->n; i++)
        floe_free(c->files[i].name);
    floe_free(c->files);
    memset(c, 0, sizeof *c);
}

static void put_u128(floe_buf *b, floe_uint128 v)
{
    unsigned char t[16];
    floe_uint128_store(t, v);
    floe_buf_append(b, t, 16);
}

int floe_checksums_serialize(floe_buf *out, const floe_checksums *c)
{
    floe_buf body = FLOE_BUF_INIT;
    floe_varuint_write(&body, c->n);
    for (size_t i = 0; i < c->n; i++) {
        const floe_checksum *s = &c->files[i];
        size_t len = strlen(s->name);
        floe_varuint_write(&body, len);
        floe_buf_append(&body, s->name, len);
        floe_varuint_write(&body, s->file_size);
        put_u128(&body, s->file_hash);
        floe_buf_putc(&body, s->is_compressed ? 1 : 0);
        if (s->is_compressed) {
            floe_varuint_write(&body, s->uncompressed_size);
            put_u128(&body, s->uncompressed_hash);
        }
    }
    floe_buf_puts(out, "checksums format version: 4\n");
    floe_codec lz4 = {FLOE_CODEC_LZ4, FLOE_CODEC_DEFAULT_LEVEL};
    int rc = floe_chblock_compress(out, &lz4, body.data ? body.data : "", body.len);
    floe_buf_free(&body);
    return rc;
}

static int corrupted(const char *what)
{
    return floe_error(FLOE_ERR_CORRUPTED_DATA, "Cannot parse checksums.txt: %s", what);
}

int floe_checksums_parse(floe_checksums *out, const char *p, size_t n)
{
    static const char head[] = "checksums format version: ";
    memset(out, 0, sizeof *out);
    if (n < sizeof head - 1 || memcmp(p, head, sizeof head - 1) != 0)
        return corrupted("no header");
    const char *s = p + sizeof head - 1, *end = p + n;
    int version = 0;
    while (s < end && *s >= '0' && *s <= '9')
        version = version * 10 + (*s++ - '0');
    if (s >= end || *s != '\n')
        return corrupted("bad header");
    s++;
    floe_buf body = FLOE_BUF_INIT;
    if (version == 4) {
        if (floe_chblock_decompress_all(&body, s, (size_t)(end - s)) < 0)
            return -1;
    } else if (version == 3) {
        floe_buf_append(&body, s, (size_t)(end - s));
    } else {
        return floe_error(FLOE_ERR_UNKNOWN_FORMAT, "Bad checksums format version: %d", version);
    }
    const char *q = body.data ? body.data : "", *qe = q + body.len;
    uint64_t count = 0;
    int rc = -1;
    if (floe_varuint_read(&count, &q, qe) < 0)
        goto done;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t len = 0, size = 0, usize = 0;
        if (floe_varuint_read(&len, &q, qe) < 0 || len > (uint64_t)(qe - q)) {
            corrupted("truncated name");
            goto done;
        }
        char *name = floe_strndup(q, (size_t)len);
        q += len;
        if (floe_varuint_read(&size, &q, qe) < 0 || qe - q < 17) {
            floe_free(name);
            corrupted("truncated entry");
            goto done;
        }
        floe_uint128 h = floe_uint128_load((const unsigned char *)q);
        q += 16;
        bool comp = *q++ != 0;
        if (comp) {
            if (floe_varuint_read(&usize, &q, qe) < 0 || qe - q < 16) {
                floe_free(name);
                corrupted("truncated entry");
                goto done;
            }
            floe_uint128 uh = floe_uint128_load((const unsigned char *)q);
            q += 16;
            floe_checksums_add_compressed(out, name, size, h, usize, uh);
        } else {
            floe_checksums_add(out, name, size, h);
        }
        floe_free(name);
    }
    rc = 0;
done:
    floe_buf_free(&body);
    if (rc < 0)
        floe_checksums_free(out);
    return rc;
}

floe_uint128 floe_checksums_total(const floe_checksums *c)
{
    floe_siphash h;
    floe_siphash_init(&h, 0, 0);
    for (size_t i = 0; i < c->n; i++) {
        uint64_t len = strlen(c->files[i].name);
        floe_siphash_update_u64(&h, len);
        floe_siphash_update(&h, c->files[i].name, len);
        unsigned char t[16];
        floe_uint128_store(t, c->files[i].file_hash);
        floe_siphash_update(&h, t, 16);
    }
    return floe_siphash_final128(&h);
}

int floe_checksums_verify(const floe_checksums *c, const char *dir)
{
    char path[4096];
    char *buf = floe_malloc(1 << 20);
    int rc = 0;
    for (size_t i = 0; i < c->n && rc == 0; i++) {
        const floe_checksum *s = &c->files[i];
        snprintf(path, sizeof path, "%s/%s", dir, s->name);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            rc = floe_error(FLOE_ERR_NO_FILE_IN_DATA_PART, "No file %s in data part", s->name);
            break;
        }
        floe_city_hashing h;
        floe_city_hashing_init(&h);
        uint64_t total = 0;
        for (;;) {
            ssize_t r = read(fd, buf, 1 << 20);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            floe_city_hashing_update(&h, buf, (size_t)r);
            total += (uint64_t)r;
        }
        close(fd);
        if (total != s->file_size)
            rc = floe_error(FLOE_ERR_BAD_SIZE_OF_FILE_IN_DATA_PART,
                            "%s has unexpected size: %llu instead of %llu", path,
                            (unsigned long long)total, (unsigned long long)s->file_size);
        else if (!floe_uint128_eq(floe_city_hashing_get(&h), s->file_hash))
            rc = floe_error(FLOE_ERR_CHECKSUM_DOESNT_MATCH,
                            "Checksum mismatch for file %s in data part", s->name);
    }
    floe_free(buf);
    return rc;
}

int floe_checksums_load(floe_checksums *out, const char *dir)
{
    char path[4096 + 16];
    snprintf(path, sizeof path, "%s/checksums.txt", dir);
    char *text = NULL;
    size_t len = 0;
    int rc = floe_read_file(&text, &len, path);
    if (rc == 0)
        rc = floe_checksums_parse(out, text, len);
    floe_free(text);
    return rc;
}

int floe_checksums_store(const floe_checksums *c, const char *dir)
{
    char path[4096 + 16];
    snprintf(path, sizeof path, "%s/checksums.txt", dir);
    floe_buf out = FLOE_BUF_INIT;
    int rc = floe_checksums_serialize(&out, c);
    if (rc == 0)
        rc = floe_write_file_atomic(path, out.data, out.len);
    floe_buf_free(&out);
    return rc;
}
