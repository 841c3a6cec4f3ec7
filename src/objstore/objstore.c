/*
 * The front of the object-storage layer: decides from the description which
 * backend serves a store (local directory, S3, Azure Blob), copies the
 * common options, and dispatches every operation through the backend's
 * vtable. Also the URL helpers the backends share.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/mem.h"
#include "objstore/objstore_int.h"

static int starts_with_ci(const char *s, const char *p)
{
    return !strncasecmp(s, p, strlen(p));
}

int floe_objstore_open(floe_objstore **out, const floe_objstore_options *o)
{
    *out = NULL;
    floe_objstore_kind kind = o->kind;
    const char *url = o->url ? o->url : "";
    if (!kind) {
        if (o->connection_string && o->connection_string[0])
            kind = FLOE_OBJSTORE_AZURE;
        else if (starts_with_ci(url, "file://") || (url[0] && !strstr(url, "://")))
            kind = FLOE_OBJSTORE_LOCAL;
        else if (starts_with_ci(url, "http://") || starts_with_ci(url, "https://"))
            kind = o->account_name && o->account_name[0] ? FLOE_OBJSTORE_AZURE : FLOE_OBJSTORE_S3;
        else if (!url[0])
            return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Object storage URL is empty");
        else
            return floe_error(FLOE_ERR_UNSUPPORTED_URI_SCHEME,
                              "Unsupported scheme in object storage URL: %.*s",
                              (int)(strstr(url, "://") - url), url);
    }
    int rc;
    switch (kind) {
    case FLOE_OBJSTORE_LOCAL: {
        const char *dir = url;
        if (starts_with_ci(url, "file://")) {
            dir = url + 7;
            /* file://localhost/abs is the same as file:///abs */
            if (starts_with_ci(dir, "localhost/"))
                dir += 9;
            if (dir[0] != '/')
                return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                                  "A file:// URL must name an absolute directory: %s", url);
        }
        floe_buf path = FLOE_BUF_INIT;
        floe_uri_decode(&path, dir, strlen(dir));
        if (o->prefix && o->prefix[0]) {
            const char *pre = o->prefix;
            while (*pre == '/')
                pre++;
            if (strstr(pre, "..")) {
                floe_buf_free(&path);
                return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Prefix '%s' leads outside the directory",
                                  o->prefix);
            }
            if (path.len && path.data[path.len - 1] != '/')
                floe_buf_putc(&path, '/');
            floe_buf_puts(&path, pre);
        }
        rc = floe_objstore_local_open(out, path.data ? path.data : "", o);
        floe_buf_free(&path);
        break;
    }
    case FLOE_OBJSTORE_S3:
        rc = floe_objstore_s3_open(out, o);
        break;
    case FLOE_OBJSTORE_AZURE:
        rc = floe_objstore_azure_open(out, o);
        break;
    default:
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Unknown object storage kind %d", (int)kind);
    }
    if (rc < 0)
        return rc;
    floe_objstore *s = *out;
    s->kind = kind;
    s->http.max_retries = o->max_retries >= 0 ? o->max_retries : 0;
    s->http.retry_initial_ms = o->retry_initial_ms > 0 ? o->retry_initial_ms : 100;
    s->http.connect_timeout_ms = o->connect_timeout_ms > 0 ? o->connect_timeout_ms : 10000;
    s->http.low_speed_time_s = o->low_speed_time_s > 0 ? o->low_speed_time_s : 30;
    s->http.request_timeout_ms = o->request_timeout_ms > 0 ? o->request_timeout_ms : 0;
    s->http.pool = kind == FLOE_OBJSTORE_LOCAL ? NULL : floe_http_pool_new();
    uint64_t part =
        kind == FLOE_OBJSTORE_AZURE ? o->azure_min_upload_part_size : o->s3_min_upload_part_size;
    s->part_size = part ? part : FLOE_OBJSTORE_DEFAULT_PART_SIZE;
    s->background_upload =
        o->background_upload ? (o->max_inflight_parts > 0 ? o->max_inflight_parts : 1) : 0;
    s->list_page_size = o->list_page_size > 0 ? o->list_page_size : 0;
    return 0;
}

void floe_objstore_free(floe_objstore *s)
{
    if (!s)
        return;
    floe_free(s->describe);
    floe_http_pool_free(s->http.pool);
    s->vt->free(s);
}

floe_objstore_kind floe_objstore_kind_of(const floe_objstore *s)
{
    return s->kind;
}

const char *floe_objstore_describe(const floe_objstore *s)
{
    return s->describe;
}

char *floe_objstore_location(const floe_objstore *s, const char *key)
{
    return s->vt->location(s, key);
}

int floe_objstore_create_root(floe_objstore *s)
{
    return s->vt->create_root(s);
}

static int check_key(const char *key)
{
    if (!key || !key[0])
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Object key is empty");
    return 0;
}

int floe_objstore_put(floe_objstore *s, const char *key, const void *data, size_t len)
{
    if (check_key(key) < 0)
        return -1;
    return s->vt->put(s, key, data, len);
}

int floe_objstore_head(int *exists, floe_objstore_stat *st, floe_objstore *s, const char *key)
{
    floe_objstore_stat tmp;
    *exists = 0;
    if (check_key(key) < 0)
        return -1;
    memset(&tmp, 0, sizeof tmp);
    int rc = s->vt->head(exists, &tmp, s, key);
    if (st)
        *st = tmp;
    return rc;
}

int floe_objstore_get(floe_objstore *s, const char *key, uint64_t offset, uint64_t len,
                      const floe_sink *sink)
{
    if (check_key(key) < 0)
        return -1;
    if (len == 0)
        return 0;
    return s->vt->get(s, key, offset, len, sink);
}

int floe_objstore_get_buf(floe_buf *out, floe_objstore *s, const char *key, uint64_t offset,
                          uint64_t len)
{
    floe_sink sink = floe_sink_buf(out);
    return floe_objstore_get(s, key, offset, len, &sink);
}

int floe_objstore_delete(floe_objstore *s, const char *key)
{
    if (check_key(key) < 0)
        return -1;
    return s->vt->del(s, key);
}

int floe_objstore_list(floe_objstore *s, const char *prefix, floe_objstore_list_fn fn, void *ctx)
{
    return s->vt->list(s, prefix ? prefix : "", fn, ctx);
}

int floe_objstore_sweep(uint64_t *removed, floe_objstore *s, const char *prefix)
{
    uint64_t n = 0;
    int rc = s->vt->sweep ? s->vt->sweep(&n, s, prefix ? prefix : "") : 0;
    if (removed)
        *removed = n;
    return rc;
}

int floe_objstore_open_writer(floe_objstore_writer **out, floe_objstore *s, const char *key,
                              unsigned flags)
{
    *out = NULL;
    if (check_key(key) < 0)
        return -1;
    return s->vt->open_writer(out, s, key, flags);
}

int floe_objstore_writer_write(floe_objstore_writer *w, const void *p, size_t n)
{
    if (!n)
        return 0;
    return w->vt->write(w, p, n);
}

int floe_objstore_writer_finish(floe_objstore_writer *w)
{
    return w->vt->finish(w);
}

void floe_objstore_writer_abort(floe_objstore_writer *w)
{
    if (!w)
        return;
    atomic_store(&w->cancelled, 1);
    w->vt->abort(w);
}

void floe_objstore_writer_cancel(floe_objstore_writer *w)
{
    atomic_store(&w->cancelled, 1);
}

uint64_t floe_objstore_writer_bytes(const floe_objstore_writer *w)
{
    return w->bytes;
}

static int writer_sink_write(void *ctx, const void *p, size_t n)
{
    return floe_objstore_writer_write(ctx, p, n);
}

floe_sink floe_objstore_writer_sink(floe_objstore_writer *w)
{
    floe_sink s = {writer_sink_write, w};
    return s;
}

/* ---- URL helpers ----------------------------------------------------------*/

int floe_url_split(char **scheme, char **authority, char **path, const char *url)
{
    *scheme = *authority = *path = NULL;
    const char *sep = strstr(url, "://");
    if (!sep || sep == url)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Bad URL: %s", url);
    const char *a = sep + 3;
    size_t al = strcspn(a, "/?#");
    if (!al)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Bad URL (no host): %s", url);
    if (memchr(a, '@', al))
        return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                          "Credentials inside the URL are not supported; pass them as arguments");
    const char *p = a + al;
    size_t pl = *p == '/' ? strcspn(p, "?#") : 0;
    *scheme = floe_strndup(url, (size_t)(sep - url));
    *authority = floe_strndup(a, al);
    *path = floe_strndup(p, pl);
    for (char *c = *scheme; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    for (char *c = *authority; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return 0;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void floe_uri_decode(floe_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            floe_buf_putc(out, (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
            i += 2;
        } else {
            floe_buf_putc(out, s[i]);
        }
    }
    if (!out->data)
        floe_buf_puts(out, "");
}
