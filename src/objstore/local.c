/*
 * The local-directory backend: keys are paths under the root directory.
 * Writers fill a temporary ".tmp_" file beside the target, fsync it and
 * rename it into place (without replacing, for NO_OVERWRITE), so a reader
 * never sees half a file; abort unlinks it. Listing walks the tree.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/error.h"
#include "base/fs.h"
#include "base/mem.h"
#include "objstore/objstore_int.h"

#define TMP_PREFIX ".tmp_"

typedef struct local_store {
    floe_objstore base;
    char *dir; /* no trailing '/' (except for "/" itself) */
} local_store;

/* Keys must stay inside the root: no "..", no empty or "." segment games. */
static int key_path(char **out, const local_store *s, const char *key)
{
    *out = NULL;
    const char *k = key;
    while (*k == '/')
        k++;
    for (const char *seg = k; *seg;) {
        size_t n = strcspn(seg, "/");
        if (n == 2 && seg[0] == '.' && seg[1] == '.')
            return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Key '%s' leads outside the directory %s",
                              key, s->dir);
        seg += n;
        while (*seg == '/')
            seg++;
    }
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_puts(&b, s->dir);
    if (b.len && b.data[b.len - 1] != '/')
        floe_buf_putc(&b, '/');
    floe_buf_puts(&b, k);
    *out = floe_buf_detach(&b, NULL);
    return 0;
}

static int local_create_root(floe_objstore *base)
{
    local_store *s = (local_store *)base;
    return floe_fs_mkdir_p(s->dir);
}

static int local_head(int *exists, floe_objstore_stat *st, floe_objstore *base, const char *key)
{
    local_store *s = (local_store *)base;
    char *path;
    if (key_path(&path, s, key) < 0)
        return -1;
    struct stat sb;
    int rc = 0;
    if (stat(path, &sb) < 0) {
        if (errno != ENOENT && errno != ENOTDIR)
            rc = floe_error(FLOE_ERR_CANNOT_STAT, "Cannot stat file %s: %s", path, strerror(errno));
        *exists = 0;
    } else if (S_ISREG(sb.st_mode)) {
        *exists = 1;
        st->size = (uint64_t)sb.st_size;
        st->mtime = (int64_t)sb.st_mtime;
    }
    floe_free(path);
    return rc;
}

static int local_get(floe_objstore *base, const char *key, uint64_t offset, uint64_t len,
                     const floe_sink *sink)
{
    local_store *s = (local_store *)base;
    char *path;
    char *chunk = NULL;
    int fd = -1, rc = -1;
    if (key_path(&path, s, key) < 0)
        return -1;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            floe_error(FLOE_ERR_FILE_DOESNT_EXIST, "File %s doesn't exist", path);
        else
            floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot open file %s: %s", path, strerror(errno));
        goto done;
    }
    struct stat sb;
    if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
        floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot read %s: not a regular file", path);
        goto done;
    }
    uint64_t size = (uint64_t)sb.st_size;
    uint64_t end = offset >= size ? offset : (len > size - offset ? size : offset + len);
    size_t cap = 1u << 20;
    chunk = floe_malloc(cap);
    for (uint64_t pos = offset; pos < end;) {
        size_t want = end - pos < cap ? (size_t)(end - pos) : cap;
        ssize_t r = pread(fd, chunk, want, (off_t)pos);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            floe_error(FLOE_ERR_CANNOT_READ_FROM_FILE_DESCRIPTOR, "Cannot read from file %s: %s",
                       path, strerror(errno));
            goto done;
        }
        if (r == 0)
            break; /* truncated under us: give what there is */
        if (floe_sink_write(sink, chunk, (size_t)r) < 0)
            goto done;
        pos += (uint64_t)r;
    }
    rc = 0;
done:
    if (fd >= 0)
        close(fd);
    floe_free(chunk);
    floe_free(path);
    return rc;
}

static int local_del(floe_objstore *base, const char *key)
{
    local_store *s = (local_store *)base;
    char *path;
    if (key_path(&path, s, key) < 0)
        return -1;
    int rc = 0;
    if (unlink(path) < 0 && errno != ENOENT && errno != ENOTDIR)
        rc = floe_error(FLOE_ERR_CANNOT_UNLINK, "Cannot unlink file %s: %s", path, strerror(errno));
    floe_free(path);
    return rc;
}

/* ---- listing --------------------------------------------------------------*/

typedef struct entry {
    char *key;
    uint64_t size;
    int64_t mtime;
} entry;

typedef struct walk_state {
    entry *v;
    size_t n, cap;
    const char *prefix;
} walk_state;

static int walk_dir(walk_state *ws, const char *abs, const char *rel, int depth)
{
    if (depth > 128)
        return 0;
    DIR *d = opendir(abs);
    if (!d) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot open directory %s: %s", abs,
                          strerror(errno));
    }
    struct dirent *e;
    int rc = 0;
    floe_buf a = FLOE_BUF_INIT, r = FLOE_BUF_INIT;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
            !strncmp(e->d_name, TMP_PREFIX, strlen(TMP_PREFIX)))
            continue;
        floe_buf_clear(&a);
        floe_buf_clear(&r);
        floe_buf_printf(&a, "%s/%s", abs, e->d_name);
        if (rel[0])
            floe_buf_printf(&r, "%s/%s", rel, e->d_name);
        else
            floe_buf_puts(&r, e->d_name);
        /* prune subtrees that cannot hold a key with the prefix */
        size_t pl = strlen(ws->prefix);
        size_t cmp = r.len < pl ? r.len : pl;
        if (strncmp(r.data, ws->prefix, cmp))
            continue;
        struct stat sb;
        if (stat(a.data, &sb) < 0)
            continue; /* vanished or a dangling link */
        if (S_ISDIR(sb.st_mode)) {
            if (walk_dir(ws, a.data, r.data, depth + 1) < 0) {
                rc = -1;
                break;
            }
        } else if (S_ISREG(sb.st_mode) && r.len >= pl) {
            FLOE_GROW(ws->v, ws->cap, ws->n + 1);
            ws->v[ws->n].key = floe_strdup(r.data);
            ws->v[ws->n].size = (uint64_t)sb.st_size;
            ws->v[ws->n].mtime = (int64_t)sb.st_mtime;
            ws->n++;
        }
    }
    closedir(d);
    floe_buf_free(&a);
    floe_buf_free(&r);
    return rc;
}

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

static int local_list(floe_objstore *base, const char *prefix, floe_objstore_list_fn fn, void *ctx)
{
    local_store *s = (local_store *)base;
    walk_state ws = {NULL, 0, 0, prefix};
    int rc = walk_dir(&ws, s->dir, "", 0);
    if (rc == 0) {
        if (ws.n > 1)
            qsort(ws.v, ws.n, sizeof *ws.v, entry_cmp);
        for (size_t i = 0; i < ws.n; i++) {
            floe_objstore_entry e = {ws.v[i].key, ws.v[i].size, ws.v[i].mtime};
            rc = fn(ctx, &e);
            if (rc)
                break;
        }
    }
    for (size_t i = 0; i < ws.n; i++)
        floe_free(ws.v[i].key);
    floe_free(ws.v);
    return rc;
}

/* ---- writer ---------------------------------------------------------------*/

typedef struct local_writer {
    floe_objstore_writer base;
    char *path;
    char *tmp;
    char *dir;
    int fd;
    unsigned flags;
    int failed;
    floe_buf buf; /* small writes are gathered into 1 MiB writes */
} local_writer;

#define LOCAL_BUF (1u << 20)

static int flush_buf(local_writer *w)
{
    const char *p = w->buf.data;
    size_t n = w->buf.len;
    while (n) {
        ssize_t r = write(w->fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            w->failed = 1;
            return floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR,
                              "Cannot write to file %s: %s", w->tmp, strerror(errno));
        }
        p += r;
        n -= (size_t)r;
    }
    floe_buf_clear(&w->buf);
    return 0;
}

static int lw_write(floe_objstore_writer *base, const void *p, size_t n)
{
    local_writer *w = (local_writer *)base;
    if (w->failed)
        return floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR,
                          "Cannot write to file %s: an earlier write failed", w->tmp);
    if (atomic_load(&w->base.cancelled)) {
        w->failed = 1;
        return floe_error(FLOE_ERR_QUERY_WAS_CANCELLED, "Writing %s was cancelled", w->path);
    }
    w->base.bytes += n;
    if (w->buf.len + n > LOCAL_BUF && flush_buf(w) < 0)
        return -1;
    if (n >= LOCAL_BUF) {
        floe_buf tmp = w->buf;
        w->buf.data = (char *)p;
        w->buf.len = n;
        int rc = flush_buf(w);
        w->buf = tmp;
        return rc;
    }
    floe_buf_append(&w->buf, p, n);
    return 0;
}

static void lw_free(local_writer *w)
{
    if (w->fd >= 0)
        close(w->fd);
    floe_buf_free(&w->buf);
    floe_free(w->path);
    floe_free(w->tmp);
    floe_free(w->dir);
    floe_free(w);
}

static void lw_abort(floe_objstore_writer *base)
{
    local_writer *w = (local_writer *)base;
    if (w->fd >= 0) {
        close(w->fd);
        w->fd = -1;
    }
    unlink(w->tmp);
    lw_free(w);
}

static int place_file(local_writer *w)
{
    if (!(w->flags & FLOE_OBJSTORE_NO_OVERWRITE)) {
        if (rename(w->tmp, w->path) == 0)
            return 0;
        return floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot rename %s to %s: %s",
                          w->tmp, w->path, strerror(errno));
    }
#ifdef RENAME_NOREPLACE
    if (renameat2(AT_FDCWD, w->tmp, AT_FDCWD, w->path, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno == EEXIST)
        return floe_error(FLOE_ERR_FILE_ALREADY_EXISTS, "File %s already exists", w->path);
    if (errno != EINVAL && errno != ENOSYS)
        return floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot rename %s to %s: %s",
                          w->tmp, w->path, strerror(errno));
#endif
    /* file systems without RENAME_NOREPLACE: link fails atomically if taken */
    if (link(w->tmp, w->path) == 0) {
        unlink(w->tmp);
        return 0;
    }
    if (errno == EEXIST)
        return floe_error(FLOE_ERR_FILE_ALREADY_EXISTS, "File %s already exists", w->path);
    return floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot link %s to %s: %s", w->tmp,
                      w->path, strerror(errno));
}

static int lw_finish(floe_objstore_writer *base)
{
    local_writer *w = (local_writer *)base;
    if (atomic_load(&w->base.cancelled)) {
        floe_error(FLOE_ERR_QUERY_WAS_CANCELLED, "Writing %s was cancelled", w->path);
        goto fail;
    }
    if (w->failed) {
        floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR,
                   "Cannot finish file %s: an earlier write failed", w->path);
        goto fail;
    }
    if (flush_buf(w) < 0)
        goto fail;
    if (fsync(w->fd) < 0) {
        floe_error(FLOE_ERR_CANNOT_FSYNC, "Cannot fsync file %s: %s", w->tmp, strerror(errno));
        goto fail;
    }
    if (close(w->fd) < 0) {
        w->fd = -1;
        floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot close file %s: %s", w->tmp,
                   strerror(errno));
        goto fail;
    }
    w->fd = -1;
    if (place_file(w) < 0)
        goto fail;
    floe_fs_fsync_dir(w->dir);
    lw_free(w);
    return 0;
fail:
    if (w->fd >= 0) {
        close(w->fd);
        w->fd = -1;
    }
    unlink(w->tmp);
    lw_free(w);
    return -1;
}

static const floe_objstore_writer_vt local_writer_vt = {lw_write, lw_finish, lw_abort};

static int local_open_writer(floe_objstore_writer **out, floe_objstore *base, const char *key,
                             unsigned flags)
{
    local_store *s = (local_store *)base;
    char *path;
    if (key_path(&path, s, key) < 0)
        return -1;
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    if (!name[0]) {
        floe_free(path);
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Key '%s' names a directory", key);
    }
    local_writer *w = floe_calloc(1, sizeof *w);
    w->base.vt = &local_writer_vt;
    w->fd = -1;
    w->flags = flags;
    w->path = path;
    w->dir = slash ? floe_strndup(path, (size_t)(slash - path)) : floe_strdup(".");
    if (!w->dir[0]) {
        floe_free(w->dir);
        w->dir = floe_strdup("/");
    }
    if (floe_fs_mkdir_p(w->dir) < 0)
        goto fail;
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid() ^ (unsigned)(uintptr_t)w;
    for (int attempt = 0; attempt < 16 && w->fd < 0; attempt++) {
        floe_buf t = FLOE_BUF_INIT;
        floe_buf_printf(&t, "%s/" TMP_PREFIX "%s.%d.%08x", w->dir, name, (int)getpid(),
                        rand_r(&seed));
        floe_free(w->tmp);
        w->tmp = floe_buf_detach(&t, NULL);
        w->fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (w->fd < 0 && errno != EEXIST)
            break;
    }
    if (w->fd < 0) {
        floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot create file %s: %s", w->tmp, strerror(errno));
        goto fail;
    }
    *out = &w->base;
    return 0;
fail:
    lw_free(w);
    return -1;
}

static int local_put(floe_objstore *s, const char *key, const void *data, size_t len)
{
    floe_objstore_writer *w;
    if (local_open_writer(&w, s, key, 0) < 0)
        return -1;
    if (lw_write(w, data, len) < 0) {
        lw_abort(w);
        return -1;
    }
    return lw_finish(w);
}

static char *local_location(const floe_objstore *base, const char *key)
{
    const local_store *s = (const local_store *)base;
    char *path;
    if (key_path(&path, s, key) < 0)
        return floe_strdup(s->dir);
    return path;
}

static void local_free(floe_objstore *base)
{
    local_store *s = (local_store *)base;
    floe_free(s->dir);
    floe_free(s);
}

/* ---- sweeping what dead writers left ---------------------------------------*/

/* The pid in ".tmp_<name>.<pid>.<8 hex>", or 0 when the name is not ours. */
static long tmp_owner(const char *name)
{
    size_t n = strlen(name);
    if (strncmp(name, TMP_PREFIX, strlen(TMP_PREFIX)) || n < strlen(TMP_PREFIX) + 12)
        return 0;
    const char *rnd = name + n - 8;
    if (rnd[-1] != '.')
        return 0;
    const char *end = rnd - 1, *p = end;
    while (p > name && p[-1] >= '0' && p[-1] <= '9')
        p--;
    if (p == end || p[-1] != '.')
        return 0;
    return strtol(p, NULL, 10);
}

static int sweep_dir(uint64_t *removed, const char *abs, const char *rel, const char *prefix,
                     int depth)
{
    if (depth > 128)
        return 0;
    DIR *d = opendir(abs);
    if (!d)
        return 0;
    struct dirent *e;
    floe_buf a = FLOE_BUF_INIT, r = FLOE_BUF_INIT;
    size_t pl = strlen(prefix);
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        floe_buf_clear(&a);
        floe_buf_clear(&r);
        floe_buf_printf(&a, "%s/%s", abs, e->d_name);
        if (rel[0])
            floe_buf_printf(&r, "%s/%s", rel, e->d_name);
        else
            floe_buf_puts(&r, e->d_name);
        long pid = tmp_owner(e->d_name);
        if (pid > 0) {
            /* the temporary of a key under the prefix: its directory's part
             * of the key matches */
            if (strncmp(rel, prefix, strlen(rel) < pl ? strlen(rel) : pl))
                continue;
            if (kill((pid_t)pid, 0) < 0 && errno == ESRCH && unlink(a.data) == 0)
                (*removed)++;
            continue;
        }
        size_t cmp = r.len < pl ? r.len : pl;
        if (strncmp(r.data, prefix, cmp))
            continue;
        struct stat sb;
        if (lstat(a.data, &sb) == 0 && S_ISDIR(sb.st_mode))
            sweep_dir(removed, a.data, r.data, prefix, depth + 1);
    }
    closedir(d);
    floe_buf_free(&a);
    floe_buf_free(&r);
    return 0;
}

static int local_sweep(uint64_t *removed, floe_objstore *base, const char *prefix)
{
    local_store *s = (local_store *)base;
    return sweep_dir(removed, s->dir, "", prefix, 0);
}

static const floe_objstore_vt local_vt = {
    local_create_root, local_put,         local_head,     local_get,  local_del,
    local_list,        local_open_writer, local_location, local_free, local_sweep,
};

int floe_objstore_local_open(floe_objstore **out, const char *dir, const floe_objstore_options *o)
{
    if (!dir[0])
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Local object storage directory is empty");
    local_store *s = floe_calloc(1, sizeof *s);
    s->base.vt = &local_vt;
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    s->dir = floe_strndup(dir, n);
    s->base.describe = floe_strdup(s->dir);
    *out = &s->base;
    return 0;
}
