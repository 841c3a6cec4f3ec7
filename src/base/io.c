/*
 * Sinks and sources over buffers and file descriptors; whole-file helpers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/io.h"
#include "base/mem.h"

static int buf_write(void *ctx, const void *p, size_t n)
{
    floe_buf_append(ctx, p, n);
    return 0;
}

floe_sink floe_sink_buf(floe_buf *b)
{
    floe_sink s = {buf_write, b};
    return s;
}

static int fd_write(void *ctx, const void *p, size_t n)
{
    int fd = (int)(intptr_t)ctx;
    const char *c = p;
    while (n) {
        ssize_t w = write(fd, c, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR,
                              "Cannot write to file descriptor %d: %s", fd, strerror(errno));
        }
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

floe_sink floe_sink_fd(int fd)
{
    floe_sink s = {fd_write, (void *)(intptr_t)fd};
    return s;
}

static int mem_read(void *ctx, void *p, size_t n, size_t *got)
{
    floe_mem_source_state *st = ctx;
    size_t left = st->len - st->pos;
    if (n > left)
        n = left;
    memcpy(p, st->p + st->pos, n);
    st->pos += n;
    *got = n;
    return 0;
}

floe_source floe_source_mem(floe_mem_source_state *st, const char *p, size_t len)
{
    st->p = p;
    st->len = len;
    st->pos = 0;
    floe_source s = {mem_read, st};
    return s;
}

static int fd_read(void *ctx, void *p, size_t n, size_t *got)
{
    int fd = (int)(intptr_t)ctx;
    for (;;) {
        ssize_t r = read(fd, p, n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return floe_error(FLOE_ERR_CANNOT_READ_FROM_FILE_DESCRIPTOR,
                              "Cannot read from file descriptor %d: %s", fd, strerror(errno));
        }
        *got = (size_t)r;
        return 0;
    }
}

floe_source floe_source_fd(int fd)
{
    floe_source s = {fd_read, (void *)(intptr_t)fd};
    return s;
}

int floe_read_file(char **out, size_t *len, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return floe_error(FLOE_ERR_FILE_DOESNT_EXIST, "File %s doesn't exist", path);
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot open file %s: %s", path,
                          strerror(errno));
    }
    floe_buf b = FLOE_BUF_INIT;
    floe_source src = floe_source_fd(fd);
    for (;;) {
        floe_buf_reserve(&b, 65536);
        size_t got = 0;
        if (src.read(src.ctx, b.data + b.len, 65536, &got) < 0) {
            close(fd);
            floe_buf_free(&b);
            return floe_error_prefix("While reading %s", path);
        }
        if (!got)
            break;
        b.len += got;
        b.data[b.len] = '\0';
    }
    close(fd);
    if (!b.data)
        floe_buf_reserve(&b, 0);
    *out = floe_buf_detach(&b, len);
    return 0;
}

int floe_write_file_atomic(const char *path, const void *data, size_t len)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot open file %s: %s", tmp,
                          strerror(errno));
    floe_sink s = floe_sink_fd(fd);
    if (floe_sink_write(&s, data, len) < 0 || fsync(fd) < 0) {
        close(fd);
        unlink(tmp);
        return floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot write file %s", tmp);
    }
    close(fd);
    if (rename(tmp, path) < 0) {
        unlink(tmp);
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot rename %s to %s: %s", tmp, path,
                          strerror(errno));
    }
    return 0;
}
