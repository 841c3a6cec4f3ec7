/*
 * The HTTP layer of the object-storage clients: one libcurl transfer per
 * attempt (pooled handles, so connections live on) with the store's timeouts,
 * 2xx bodies streamed to a sink, error bodies and a few response headers
 * captured, cancellation, and the retry policy. Backends sign and retry
 * around it.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "base/error.h"
#include "base/mem.h"
#include "objstore/objstore_int.h"

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_init(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

#define POOL_MAX 16

struct floe_http_pool {
    pthread_mutex_t mu;
    CURL *idle[POOL_MAX];
    int n;
};

floe_http_pool *floe_http_pool_new(void)
{
    floe_http_pool *p = floe_calloc(1, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    return p;
}

void floe_http_pool_free(floe_http_pool *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->n; i++)
        curl_easy_cleanup(p->idle[i]);
    pthread_mutex_destroy(&p->mu);
    floe_free(p);
}

static CURL *pool_take(floe_http_pool *p)
{
    CURL *c = NULL;
    if (p) {
        pthread_mutex_lock(&p->mu);
        if (p->n)
            c = p->idle[--p->n];
        pthread_mutex_unlock(&p->mu);
    }
    /* a pooled handle was reset when given back: options gone, live
     * connections and caches kept */
    return c ? c : curl_easy_init();
}

static void pool_give(floe_http_pool *p, CURL *c)
{
    /* drops the options pointing at this request's stack (error buffer,
     * callbacks' data) before the handle waits in the pool */
    curl_easy_reset(c);
    if (p) {
        pthread_mutex_lock(&p->mu);
        if (p->n < POOL_MAX) {
            p->idle[p->n++] = c;
            c = NULL;
        }
        pthread_mutex_unlock(&p->mu);
    }
    if (c)
        curl_easy_cleanup(c);
}

void floe_http_resp_free(floe_http_resp *r)
{
    floe_buf_free(&r->body);
}

typedef struct xfer {
    CURL *curl;
    floe_http_resp *resp;
    const floe_sink *sink;
    uint64_t pos;         /* body bytes seen */
    uint64_t skip, limit; /* for a 200 answer to a ranged request */
} xfer;

static size_t on_body(char *p, size_t size, size_t nmemb, void *ud)
{
    xfer *x = ud;
    size_t n = size * nmemb;
    long status = 0;
    curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &status);
    if (x->sink && status >= 200 && status < 300) {
        const char *d = p;
        size_t m = n;
        if (status == 200 && x->limit) {
            /* the whole object came back: keep only [skip, skip + limit) */
            uint64_t from = x->pos, to = x->pos + n;
            uint64_t lo = from > x->skip ? from : x->skip;
            uint64_t hi = to < x->skip + x->limit ? to : x->skip + x->limit;
            d = p + (lo - from);
            m = hi > lo ? (size_t)(hi - lo) : 0;
        }
        x->pos += n;
        if (m && floe_sink_write(x->sink, d, m) < 0) {
            x->resp->sink_failed = 1;
            return 0; /* aborts the transfer */
        }
        x->resp->delivered += m;
        return n;
    }
    /* error bodies are small; never keep an unbounded one */
    if (x->resp->body.len < (64u << 20))
        floe_buf_append(&x->resp->body, p, n);
    return n;
}

static void copy_value(char *dst, size_t cap, const char *v, size_t n)
{
    while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
        n--;
    while (n && *v == ' ') {
        v++;
        n--;
    }
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, v, n);
    dst[n] = '\0';
}

static size_t on_header(char *p, size_t size, size_t nmemb, void *ud)
{
    xfer *x = ud;
    size_t n = size * nmemb;
    floe_http_resp *r = x->resp;
    const char *colon = memchr(p, ':', n);
    if (!colon)
        return n;
    size_t nl = (size_t)(colon - p);
    const char *v = colon + 1;
    size_t vl = n - nl - 1;
    char tmp[256];
#define IS(name) (nl == strlen(name) && !strncasecmp(p, name, nl))
    if (IS("ETag")) {
        copy_value(r->etag, sizeof r->etag, v, vl);
    } else if (IS("x-amz-bucket-region")) {
        copy_value(r->bucket_region, sizeof r->bucket_region, v, vl);
    } else if (IS("x-ms-error-code")) {
        copy_value(r->ms_error_code, sizeof r->ms_error_code, v, vl);
    } else if (IS("Content-Length")) {
        copy_value(tmp, sizeof tmp, v, vl);
        r->content_length = strtoull(tmp, NULL, 10);
        r->has_content_length = 1;
    } else if (IS("Last-Modified")) {
        copy_value(tmp, sizeof tmp, v, vl);
        time_t t = curl_getdate(tmp, NULL);
        r->last_modified = t > 0 ? (int64_t)t : 0;
    } else if (IS("Content-Range")) {
        copy_value(r->content_range, sizeof r->content_range, v, vl);
    }
#undef IS
    return n;
}

static int on_progress(void *ud, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    return floe_http_cancelled(ud) ? 1 : 0;
}

int floe_http_perform(floe_http_resp *resp, const floe_http_cfg *cfg, const floe_http_req *req)
{
    pthread_once(&curl_once, curl_init);
    floe_buf_clear(&resp->body);
    resp->status = 0;
    resp->curl_code = 0;
    resp->curl_error[0] = '\0';
    resp->delivered = 0;
    resp->sink_failed = 0;
    resp->etag[0] = '\0';
    resp->ms_error_code[0] = '\0';
    resp->bucket_region[0] = '\0';
    resp->content_length = 0;
    resp->has_content_length = 0;
    resp->last_modified = 0;
    resp->content_range[0] = '\0';

    CURL *c = pool_take(cfg->pool);
    if (!c) {
        resp->curl_code = CURLE_FAILED_INIT;
        snprintf(resp->curl_error, sizeof resp->curl_error, "cannot initialise libcurl");
        return -1;
    }
    struct curl_slist *hl = NULL;
    xfer x = {c, resp, req->sink, 0, req->range_from, req->range_len};
    char errbuf[CURL_ERROR_SIZE];
    errbuf[0] = '\0';

    curl_easy_setopt(c, CURLOPT_URL, req->url);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, cfg->connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, cfg->low_speed_time_s);
    if (cfg->request_timeout_ms > 0)
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, cfg->request_timeout_ms);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &x);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &x);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
    if (req->cancel) {
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, (void *)req->cancel);
    }

    if (!strcmp(req->method, "HEAD")) {
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    } else if (!strcmp(req->method, "GET")) {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req->method);
        if (strcmp(req->method, "DELETE")) {
            /* PUT and POST send their body (possibly empty) as it is */
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->body ? req->body : "");
        }
    }
    /* curl must not add headers that were not signed */
    hl = curl_slist_append(hl, "Expect:");
    hl = curl_slist_append(hl, "Accept:");
    int has_ct = 0;
    for (const char *const *h = req->headers; h && *h; h++) {
        hl = curl_slist_append(hl, *h);
        if (!strncasecmp(*h, "Content-Type:", 13))
            has_ct = 1;
    }
    if (!has_ct)
        hl = curl_slist_append(hl, "Content-Type:");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);

    CURLcode rc = curl_easy_perform(c);
    resp->curl_code = (int)rc;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->status);
    if (rc != CURLE_OK)
        snprintf(resp->curl_error, sizeof resp->curl_error, "%s",
                 errbuf[0] ? errbuf : curl_easy_strerror(rc));
    curl_slist_free_all(hl);
    pool_give(cfg->pool, c);
    if (rc != CURLE_OK) {
        if (!resp->sink_failed)
            resp->status = resp->status ? resp->status : 0;
        return -1;
    }
    return 0;
}

int floe_http_retryable(int rc, const floe_http_resp *resp)
{
    if (resp->sink_failed)
        return 0;
    if (rc < 0)
        return 1; /* connection refused, reset, timed out, ... */
    return resp->status >= 500 || resp->status == 429;
}

void floe_http_backoff(const floe_http_cfg *cfg, int attempt)
{
    long ms = cfg->retry_initial_ms;
    for (int i = 1; i < attempt && ms < 10000; i++)
        ms *= 2;
    if (ms > 10000)
        ms = 10000;
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

int floe_http_network_error(const floe_http_resp *resp, const char *what)
{
    return floe_error(FLOE_ERR_NETWORK_ERROR, "%s failed: %s", what,
                      resp->curl_error[0] ? resp->curl_error : "no response");
}

void floe_uri_encode(floe_buf *out, const char *s, size_t n, int keep_slash)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && keep_slash)) {
            floe_buf_putc(out, (char)c);
        } else {
            floe_buf_putc(out, '%');
            floe_buf_putc(out, hex[c >> 4]);
            floe_buf_putc(out, hex[c & 15]);
        }
    }
}
