/*
 * The S3 backend: path-style and virtual-hosted URLs, Signature V4 (or
 * unsigned for NOSIGN), retries with backoff on 5xx, SlowDown and connection
 * errors. Objects go up with PutObject or a multipart upload aborted on any
 * failure; listings follow ListObjectsV2 continuation tokens; ranged GETs
 * resume where a broken transfer stopped.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/error.h"
#include "base/mem.h"
#include "objstore/objstore_int.h"

#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define MAX_PARTS    10000u
/* bodies up to this size are signed with their real SHA-256; larger ones
 * (upload parts) with UNSIGNED-PAYLOAD, which S3 accepts and saves a pass */
#define HASHED_BODY_MAX (1u << 20)

typedef struct s3_store {
    floe_objstore base;
    char *scheme;    /* http or https */
    char *authority; /* host[:port] as in the URL: the Host header */
    char *bucket;
    char *root; /* key prefix, decoded; "" or ends with '/' */
    int virtual_hosted;
    /* the signing region: from the options or the URL, corrected from the
     * service's answers (AuthorizationHeaderMalformed names the bucket's) */
    pthread_mutex_t region_mu;
    char region[64];
    char *access_key;
    char *secret;
    char *token;
    int no_sign;
} s3_store;

/* The full key of a key relative to the root. */
static char *full_key(const s3_store *s, const char *key)
{
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_puts(&b, s->root);
    while (*key == '/')
        key++;
    floe_buf_puts(&b, key);
    return floe_buf_detach(&b, NULL);
}

/* The encoded path of an object (key NULL: the bucket). */
static void object_path(floe_buf *out, const s3_store *s, const char *key)
{
    if (!s->virtual_hosted) {
        floe_buf_putc(out, '/');
        floe_uri_encode(out, s->bucket, strlen(s->bucket), 0);
    }
    if (key) {
        floe_buf_putc(out, '/');
        floe_uri_encode(out, key, strlen(key), 1);
    } else if (s->virtual_hosted) {
        floe_buf_putc(out, '/');
    }
}

typedef struct s3_call {
    const char *method;
    const char *key; /* full key, NULL for bucket requests */
    const floe_sig_param *params;
    size_t nparams;
    const char *range; /* "bytes=a-b" or NULL */
    const void *body;
    size_t body_len;
    const floe_sink *sink;
    const char *what;               /* "reading", "writing", ... for messages */
    uint64_t range_from, range_len; /* the range asked for, when range is set */
    const atomic_int *cancel;       /* a writer's cancel flag, or NULL */
    int if_none_match;              /* create only: If-None-Match: *, 412 = exists */
} s3_call;

/* One signed attempt. */
static int s3_attempt(floe_http_resp *resp, s3_store *s, const s3_call *c)
{
    floe_buf path = FLOE_BUF_INIT, url = FLOE_BUF_INIT, auth = FLOE_BUF_INIT;
    object_path(&path, s, c->key);
    floe_buf_printf(&url, "%s://%s%s", s->scheme, s->authority, path.data);
    for (size_t i = 0; i < c->nparams; i++) {
        floe_buf_putc(&url, i ? '&' : '?');
        floe_uri_encode(&url, c->params[i].name, strlen(c->params[i].name), 0);
        const char *v = c->params[i].value;
        if (v) {
            floe_buf_putc(&url, '=');
            floe_uri_encode(&url, v, strlen(v), 0);
        }
    }

    char amz_date[17];
    floe_amz_date(amz_date, (int64_t)time(NULL));
    char payload[65];
    if (c->body_len > HASHED_BODY_MAX)
        snprintf(payload, sizeof payload, "UNSIGNED-PAYLOAD");
    else if (c->body_len)
        floe_sha256_hex(payload, c->body, c->body_len);
    else
        snprintf(payload, sizeof payload, EMPTY_SHA256);

    floe_sig_header sh[8];
    size_t nsh = 0;
    sh[nsh++] = (floe_sig_header){"host", s->authority};
    sh[nsh++] = (floe_sig_header){"x-amz-date", amz_date};
    sh[nsh++] = (floe_sig_header){"x-amz-content-sha256", payload};
    if (c->range)
        sh[nsh++] = (floe_sig_header){"range", c->range};
    if (s->token && s->token[0])
        sh[nsh++] = (floe_sig_header){"x-amz-security-token", s->token};
    if (c->if_none_match)
        sh[nsh++] = (floe_sig_header){"if-none-match", "*"};

    /* the headers as sent */
    floe_buf hb[8];
    const char *hv[9];
    size_t nh = 0;
    for (size_t i = 0; i < nsh; i++) {
        hb[i] = (floe_buf)FLOE_BUF_INIT;
        floe_buf_printf(&hb[i], "%s: %s", sh[i].name, sh[i].value);
        hv[nh++] = hb[i].data;
    }
    if (!s->no_sign) {
        floe_sig_param *sp = floe_calloc(c->nparams ? c->nparams : 1, sizeof *sp);
        for (size_t i = 0; i < c->nparams; i++)
            sp[i] = c->params[i];
        char region[64];
        pthread_mutex_lock(&s->region_mu);
        memcpy(region, s->region, sizeof region);
        pthread_mutex_unlock(&s->region_mu);
        floe_sigv4_input in = {c->method, path.data, sp,   c->nparams,    sh,       nsh, payload,
                               amz_date,  region,    "s3", s->access_key, s->secret};
        floe_buf_puts(&auth, "Authorization: ");
        floe_sigv4_sign(&auth, NULL, NULL, &in);
        hv[nh++] = auth.data;
        floe_free(sp);
    }
    hv[nh] = NULL;

    floe_http_req req = {c->method, url.data,      hv,           c->body,  c->body_len,
                         c->sink,   c->range_from, c->range_len, c->cancel};
    int rc = floe_http_perform(resp, &s->base.http, &req);
    for (size_t i = 0; i < nsh; i++)
        floe_buf_free(&hb[i]);
    if (auth.data)
        memset(auth.data, 0, auth.len);
    floe_buf_free(&auth);
    floe_buf_free(&path);
    floe_buf_free(&url);
    return rc;
}

typedef struct s3_err {
    char code[128];
    char message[512];
    char region[64];
} s3_err;

static void err_xml(void *ctx, const char *path, const char *text, size_t len)
{
    s3_err *e = ctx;
    if (!strcmp(path, "Error/Code"))
        snprintf(e->code, sizeof e->code, "%.*s", (int)len, text);
    else if (!strcmp(path, "Error/Message"))
        snprintf(e->message, sizeof e->message, "%.*s", (int)len, text);
    else if (!strcmp(path, "Error/Region"))
        snprintf(e->region, sizeof e->region, "%.*s", (int)len, text);
}

static void parse_error(s3_err *e, const floe_http_resp *resp)
{
    e->code[0] = e->message[0] = e->region[0] = '\0';
    if (resp->body.len &&
        floe_xml_walk(resp->body.data, resp->body.len, err_xml, e, FLOE_ERR_S3_ERROR) < 0)
        floe_error_clear();
    if (!e->code[0]) {
        /* HEAD and some proxies answer without a body */
        const char *code = resp->status == 404   ? "NoSuchKey"
                           : resp->status == 403 ? "AccessDenied"
                           : resp->status == 503 ? "SlowDown"
                           : resp->status == 400 ? "BadRequest"
                                                 : "UnknownError";
        snprintf(e->code, sizeof e->code, "%s", code);
    }
    if (!e->message[0])
        snprintf(e->message, sizeof e->message, "HTTP status %ld", resp->status);
}

/* The error for a failed request: S3_ERROR with S3's code and message,
 * NETWORK_ERROR when no answer came. */
static int s3_fail(s3_store *s, const floe_http_resp *resp, int rc, const s3_call *c)
{
    if (resp->sink_failed)
        return -1; /* the sink's own error is in the slot */
    char ctx[1024];
    if (c->key)
        snprintf(ctx, sizeof ctx, "while %s key: %s, bucket: %s", c->what, c->key, s->bucket);
    else
        snprintf(ctx, sizeof ctx, "while %s bucket: %s", c->what, s->bucket);
    if (rc < 0)
        return floe_error(FLOE_ERR_NETWORK_ERROR, "Cannot reach S3 at %s://%s: %s, %s", s->scheme,
                          s->authority, resp->curl_error[0] ? resp->curl_error : "no response",
                          ctx);
    s3_err e;
    parse_error(&e, resp);
    return floe_error(FLOE_ERR_S3_ERROR, "%s (%s, HTTP %ld): %s", e.message, e.code, resp->status,
                      ctx);
}

/* A 200 answer to CompleteMultipartUpload / CopyObject can still carry an
 * <Error> document. */
static int body_is_error(const floe_http_resp *resp)
{
    return resp->body.len && memmem(resp->body.data, resp->body.len, "<Error>", 7) &&
           !memmem(resp->body.data, resp->body.len, "CompleteMultipartUploadResult", 29);
}

/* When an answer says the bucket lives in another region than the one the
 * request was signed for, switch to it. Returns 1 when the region changed. */
static int learn_region(s3_store *s, const floe_http_resp *resp)
{
    if (resp->status != 400 && resp->status != 301 && resp->status != 403)
        return 0;
    char region[64];
    snprintf(region, sizeof region, "%s", resp->bucket_region);
    if (!region[0]) {
        s3_err e;
        parse_error(&e, resp);
        if (strcmp(e.code, "AuthorizationHeaderMalformed") && strcmp(e.code, "PermanentRedirect"))
            return 0;
        snprintf(region, sizeof region, "%s", e.region);
    }
    if (!region[0])
        return 0;
    int changed = 0;
    pthread_mutex_lock(&s->region_mu);
    if (strcmp(s->region, region)) {
        snprintf(s->region, sizeof s->region, "%s", region);
        changed = 1;
    }
    pthread_mutex_unlock(&s->region_mu);
    return changed;
}

/* A request with retries; ok_status lists extra statuses that are not
 * failures (0-terminated). Returns 0 with resp filled, or -1. */
static int s3_request(floe_http_resp *resp, s3_store *s, const s3_call *c, const long *ok_status)
{
    int rc = -1, wait = 0, relearned = 0;
    for (int attempt = 0;; attempt++) {
        if (wait)
            floe_http_backoff(&s->base.http, attempt);
        wait = 1;
        rc = s3_attempt(resp, s, c);
        if (floe_http_cancelled(c->cancel))
            return floe_error(FLOE_ERR_QUERY_WAS_CANCELLED, "Upload of key %s was cancelled",
                              c->key ? c->key : "");
        if (rc == 0 && !relearned && learn_region(s, resp)) {
            /* signed for the wrong region: once more, at once, not a retry */
            relearned = 1;
            wait = 0;
            attempt--;
            continue;
        }
        if (rc == 0 && resp->status >= 200 && resp->status < 300 && !body_is_error(resp))
            return 0;
        if (rc == 0 && ok_status)
            for (const long *o = ok_status; *o; o++)
                if (resp->status == *o)
                    return 0;
        int retry = floe_http_retryable(rc, resp) ||
                    (rc == 0 && body_is_error(resp) &&
                     (memmem(resp->body.data, resp->body.len, "InternalError", 13) ||
                      memmem(resp->body.data, resp->body.len, "SlowDown", 8)));
        if (!retry || attempt >= s->base.http.max_retries)
            break;
    }
    if (rc == 0 && c->if_none_match && resp->status == 412)
        return floe_error(FLOE_ERR_FILE_ALREADY_EXISTS, "Object %s already exists in bucket %s",
                          c->key ? c->key : "", s->bucket);
    return s3_fail(s, resp, rc, c);
}

/* ---- operations -----------------------------------------------------------*/

static int s3_create_root(floe_objstore *base)
{
    s3_store *s = (s3_store *)base;
    floe_http_resp resp = {0};
    floe_buf body = FLOE_BUF_INIT;
    char region[64];
    pthread_mutex_lock(&s->region_mu);
    memcpy(region, s->region, sizeof region);
    pthread_mutex_unlock(&s->region_mu);
    if (strcmp(region, "us-east-1"))
        floe_buf_printf(
            &body,
            "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/"
            "\"><LocationConstraint>%s</LocationConstraint></CreateBucketConfiguration>",
            region);
    s3_call c = {"PUT", NULL, NULL, 0, NULL, body.data, body.len, NULL, "creating"};
    static const long ok[] = {409, 0};
    int rc = s3_request(&resp, s, &c, ok);
    if (rc == 0 && resp.status == 409) {
        s3_err e;
        parse_error(&e, &resp);
        if (strcmp(e.code, "BucketAlreadyOwnedByYou") && strcmp(e.code, "BucketAlreadyExists"))
            rc = s3_fail(s, &resp, 0, &c);
    }
    floe_http_resp_free(&resp);
    floe_buf_free(&body);
    return rc;
}

static int put_object(s3_store *s, const char *fkey, const void *data, size_t len,
                      const atomic_int *cancel, int if_none_match)
{
    floe_http_resp resp = {0};
    s3_call c = {"PUT", fkey,      NULL, 0, NULL,   data,         len,
                 NULL,  "writing", 0,    0, cancel, if_none_match};
    int rc = s3_request(&resp, s, &c, NULL);
    floe_http_resp_free(&resp);
    return rc;
}

static int s3_put(floe_objstore *base, const char *key, const void *data, size_t len)
{
    s3_store *s = (s3_store *)base;
    char *fkey = full_key(s, key);
    int rc = put_object(s, fkey, data, len, NULL, 0);
    floe_free(fkey);
    return rc;
}

static int head_object(int *exists, floe_objstore_stat *st, s3_store *s, const char *fkey)
{
    floe_http_resp resp = {0};
    s3_call c = {"HEAD", fkey, NULL, 0, NULL, NULL, 0, NULL, "checking"};
    static const long ok[] = {404, 0};
    int rc = s3_request(&resp, s, &c, ok);
    if (rc == 0) {
        *exists = resp.status != 404;
        if (*exists && st) {
            st->size = resp.content_length;
            st->mtime = resp.last_modified;
        }
    }
    floe_http_resp_free(&resp);
    return rc;
}

static int s3_head(int *exists, floe_objstore_stat *st, floe_objstore *base, const char *key)
{
    s3_store *s = (s3_store *)base;
    char *fkey = full_key(s, key);
    int rc = head_object(exists, st, s, fkey);
    floe_free(fkey);
    return rc;
}

static int s3_get(floe_objstore *base, const char *key, uint64_t offset, uint64_t len,
                  const floe_sink *sink)
{
    s3_store *s = (s3_store *)base;
    char *fkey = full_key(s, key);
    floe_http_resp resp = {0};
    int rc = -1;
    uint64_t done = 0; /* bytes delivered over all attempts */
    int wait = 0, relearned = 0;
    for (int attempt = 0;; attempt++) {
        if (wait)
            floe_http_backoff(&s->base.http, attempt);
        wait = 1;
        char range[96];
        uint64_t from = offset + done;
        int ranged = from > 0 || len != FLOE_OBJSTORE_TO_END;
        if (len == FLOE_OBJSTORE_TO_END)
            snprintf(range, sizeof range, "bytes=%llu-", (unsigned long long)from);
        else
            snprintf(range, sizeof range, "bytes=%llu-%llu", (unsigned long long)from,
                     (unsigned long long)(offset + len - 1));
        uint64_t rlen = !ranged ? 0 : len == FLOE_OBJSTORE_TO_END ? UINT64_MAX - from : len - done;
        s3_call c = {"GET", fkey,      NULL, 0,   ranged ? range : NULL, NULL, 0,
                     sink,  "reading", from, rlen};
        rc = s3_attempt(&resp, s, &c);
        done += resp.delivered;
        if (rc == 0 && !relearned && learn_region(s, &resp)) {
            relearned = 1;
            wait = 0;
            attempt--;
            continue;
        }
        if (rc == 0 && resp.status >= 200 && resp.status < 300) {
            rc = 0;
            break;
        }
        if (rc == 0 && resp.status == 416) {
            /* the range starts at or past the end: nothing to read */
            rc = 0;
            break;
        }
        if (!floe_http_retryable(rc, &resp) || attempt >= s->base.http.max_retries) {
            if (rc == 0 && resp.status == 404) {
                s3_err e;
                parse_error(&e, &resp);
                if (!strcmp(e.code, "NoSuchKey")) {
                    rc = floe_error(FLOE_ERR_FILE_DOESNT_EXIST,
                                    "%s (NoSuchKey, HTTP 404): while reading key: %s, bucket: %s",
                                    e.message, fkey, s->bucket);
                    break;
                }
            }
            rc = s3_fail(s, &resp, rc, &c);
            break;
        }
        if (len != FLOE_OBJSTORE_TO_END && done >= len) {
            rc = 0;
            break;
        }
    }
    floe_http_resp_free(&resp);
    floe_free(fkey);
    return rc;
}

static int s3_del(floe_objstore *base, const char *key)
{
    s3_store *s = (s3_store *)base;
    char *fkey = full_key(s, key);
    floe_http_resp resp = {0};
    s3_call c = {"DELETE", fkey, NULL, 0, NULL, NULL, 0, NULL, "deleting"};
    static const long ok[] = {404, 0};
    int rc = s3_request(&resp, s, &c, ok);
    if (rc == 0 && resp.status == 404) {
        s3_err e;
        parse_error(&e, &resp);
        if (strcmp(e.code, "NoSuchKey"))
            rc = s3_fail(s, &resp, 0, &c);
    }
    floe_http_resp_free(&resp);
    floe_free(fkey);
    return rc;
}

/* ---- listing --------------------------------------------------------------*/

typedef struct list_page {
    floe_objstore_entry *v;
    size_t n, cap;
    char *key;
    uint64_t size;
    int64_t mtime;
    int truncated;
    char *next;
} list_page;

static int64_t parse_iso8601(const char *t)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (sscanf(t, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec) != 6)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (int64_t)timegm(&tm);
}

static void list_xml(void *ctx, const char *path, const char *text, size_t len)
{
    list_page *p = ctx;
    if (!strcmp(path, "ListBucketResult/Contents/Key")) {
        floe_free(p->key);
        p->key = floe_strndup(text, len);
    } else if (!strcmp(path, "ListBucketResult/Contents/Size")) {
        p->size = strtoull(text, NULL, 10);
    } else if (!strcmp(path, "ListBucketResult/Contents/LastModified")) {
        p->mtime = parse_iso8601(text);
    } else if (!strcmp(path, "ListBucketResult/Contents")) {
        if (p->key) {
            FLOE_GROW(p->v, p->cap, p->n + 1);
            p->v[p->n++] = (floe_objstore_entry){p->key, p->size, p->mtime};
            p->key = NULL;
        }
        p->size = 0;
        p->mtime = 0;
    } else if (!strcmp(path, "ListBucketResult/IsTruncated")) {
        p->truncated = len == 4 && !strncmp(text, "true", 4);
    } else if (!strcmp(path, "ListBucketResult/NextContinuationToken")) {
        floe_free(p->next);
        p->next = floe_strndup(text, len);
    }
}

static void page_clear(list_page *p)
{
    for (size_t i = 0; i < p->n; i++)
        floe_free((char *)p->v[i].key);
    p->n = 0;
    floe_free(p->key);
    p->key = NULL;
    p->truncated = 0;
    floe_free(p->next);
    p->next = NULL;
}

static int s3_list(floe_objstore *base, const char *prefix, floe_objstore_list_fn fn, void *ctx)
{
    s3_store *s = (s3_store *)base;
    char *fprefix = full_key(s, prefix);
    size_t rootlen = strlen(s->root);
    char *token = NULL;
    char maxkeys[32];
    snprintf(maxkeys, sizeof maxkeys, "%d", s->base.list_page_size);
    list_page page = {0};
    floe_http_resp resp = {0};
    int rc = 0;
    for (;;) {
        floe_sig_param params[4];
        size_t np = 0;
        params[np++] = (floe_sig_param){"list-type", "2"};
        if (fprefix[0])
            params[np++] = (floe_sig_param){"prefix", fprefix};
        if (token)
            params[np++] = (floe_sig_param){"continuation-token", token};
        if (s->base.list_page_size)
            params[np++] = (floe_sig_param){"max-keys", maxkeys};
        s3_call c = {"GET", NULL, params, np, NULL, NULL, 0, NULL, "listing"};
        if ((rc = s3_request(&resp, s, &c, NULL)) < 0)
            break;
        page_clear(&page);
        if ((rc = floe_xml_walk(resp.body.data ? resp.body.data : "", resp.body.len, list_xml,
                                &page, FLOE_ERR_S3_ERROR)) < 0)
            break;
        for (size_t i = 0; i < page.n && !rc; i++) {
            floe_objstore_entry e = page.v[i];
            if (strncmp(e.key, s->root, rootlen))
                continue;
            e.key += rootlen;
            rc = fn(ctx, &e);
        }
        if (rc || !page.truncated)
            break;
        if (!page.next || !page.next[0]) {
            rc = floe_error(FLOE_ERR_S3_ERROR,
                            "ListObjectsV2 answered IsTruncated without NextContinuationToken, "
                            "bucket: %s",
                            s->bucket);
            break;
        }
        floe_free(token);
        token = page.next;
        page.next = NULL;
    }
    page_clear(&page);
    floe_free(page.v);
    floe_free(token);
    floe_free(fprefix);
    floe_http_resp_free(&resp);
    return rc;
}

/* ---- multipart uploads ----------------------------------------------------*/

typedef struct s3_upload {
    s3_store *s;
    char *key; /* full key */
    char *upload_id;
    const atomic_int *cancel; /* the writer's */
    int no_overwrite;
    pthread_mutex_t mu; /* etags: parts upload on several threads */
    char **etags;       /* per part, set by upload (possibly on the upload thread) */
    size_t cap;
} s3_upload;

static void upload_id_xml(void *ctx, const char *path, const char *text, size_t len)
{
    s3_upload *u = ctx;
    if (!strcmp(path, "InitiateMultipartUploadResult/UploadId")) {
        floe_free(u->upload_id);
        u->upload_id = floe_strndup(text, len);
    }
}

static int up_put_whole(void *ctx, const void *p, size_t n)
{
    s3_upload *u = ctx;
    return put_object(u->s, u->key, p, n, u->cancel, u->no_overwrite);
}

static int up_begin(void *ctx)
{
    s3_upload *u = ctx;
    floe_http_resp resp = {0};
    floe_sig_param params[] = {{"uploads", ""}};
    s3_call c = {"POST", u->key, params,   1, NULL, NULL, 0, NULL, "starting a multipart upload of",
                 0,      0,      u->cancel};
    int rc = s3_request(&resp, u->s, &c, NULL);
    if (rc == 0)
        rc = floe_xml_walk(resp.body.data ? resp.body.data : "", resp.body.len, upload_id_xml, u,
                           FLOE_ERR_S3_ERROR);
    if (rc == 0 && (!u->upload_id || !u->upload_id[0]))
        rc = floe_error(FLOE_ERR_S3_ERROR,
                        "CreateMultipartUpload answered without an UploadId, key: %s, bucket: %s",
                        u->key, u->s->bucket);
    floe_http_resp_free(&resp);
    return rc;
}

static int up_upload(void *ctx, unsigned idx, const void *p, size_t n)
{
    s3_upload *u = ctx;
    if (idx >= MAX_PARTS)
        return floe_error(FLOE_ERR_S3_ERROR,
                          "Multipart upload of key %s needs more than %u parts; raise "
                          "s3_min_upload_part_size",
                          u->key, MAX_PARTS);
    char partno[16];
    snprintf(partno, sizeof partno, "%u", idx + 1);
    floe_sig_param params[] = {{"partNumber", partno}, {"uploadId", u->upload_id}};
    floe_http_resp resp = {0};
    s3_call c = {"PUT", u->key, params,   2, NULL, p, n, NULL, "uploading a part of",
                 0,     0,      u->cancel};
    int rc = s3_request(&resp, u->s, &c, NULL);
    if (rc == 0 && !resp.etag[0])
        rc = floe_error(FLOE_ERR_S3_ERROR, "UploadPart answered without an ETag, key: %s", u->key);
    if (rc == 0) {
        pthread_mutex_lock(&u->mu);
        size_t old = u->cap;
        FLOE_GROW(u->etags, u->cap, (size_t)idx + 1);
        memset(u->etags + old, 0, (u->cap - old) * sizeof *u->etags);
        floe_free(u->etags[idx]);
        u->etags[idx] = floe_strdup(resp.etag);
        pthread_mutex_unlock(&u->mu);
    }
    floe_http_resp_free(&resp);
    return rc;
}

static int up_commit(void *ctx, unsigned nchunks)
{
    s3_upload *u = ctx;
    floe_buf body = FLOE_BUF_INIT;
    floe_buf_puts(&body, "<CompleteMultipartUpload "
                         "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
    for (unsigned i = 0; i < nchunks; i++) {
        if (i >= u->cap || !u->etags[i]) {
            floe_buf_free(&body);
            return floe_error(FLOE_ERR_LOGICAL_ERROR, "Part %u of key %s has no ETag", i + 1,
                              u->key);
        }
        floe_buf_printf(&body, "<Part><PartNumber>%u</PartNumber><ETag>", i + 1);
        floe_xml_escape(&body, u->etags[i]);
        floe_buf_puts(&body, "</ETag></Part>");
    }
    floe_buf_puts(&body, "</CompleteMultipartUpload>");
    floe_sig_param params[] = {{"uploadId", u->upload_id}};
    floe_http_resp resp = {0};
    s3_call c = {"POST",
                 u->key,
                 params,
                 1,
                 NULL,
                 body.data,
                 body.len,
                 NULL,
                 "completing a multipart upload of",
                 0,
                 0,
                 NULL,
                 u->no_overwrite};
    int rc = s3_request(&resp, u->s, &c, NULL);
    floe_http_resp_free(&resp);
    floe_buf_free(&body);
    return rc;
}

static void up_abort(void *ctx)
{
    s3_upload *u = ctx;
    if (!u->upload_id)
        return;
    floe_sig_param params[] = {{"uploadId", u->upload_id}};
    floe_http_resp resp = {0};
    s3_call c = {
        "DELETE", u->key, params, 1, NULL, NULL, 0, NULL, "aborting a multipart upload of"};
    static const long ok[] = {404, 0};
    /* best effort: the caller reports the failure that led here */
    (void)s3_request(&resp, u->s, &c, ok);
    floe_http_resp_free(&resp);
}

static int up_exists(void *ctx, int *exists)
{
    s3_upload *u = ctx;
    return head_object(exists, NULL, u->s, u->key);
}

static void up_free(void *ctx)
{
    s3_upload *u = ctx;
    for (size_t i = 0; i < u->cap; i++)
        floe_free(u->etags[i]);
    floe_free(u->etags);
    pthread_mutex_destroy(&u->mu);
    floe_free(u->upload_id);
    floe_free(u->key);
    floe_free(u);
}

static const floe_chunk_ops s3_chunk_ops = {up_put_whole, up_begin,  up_upload, up_commit,
                                            up_abort,     up_exists, up_free};

static int s3_open_writer(floe_objstore_writer **out, floe_objstore *base, const char *key,
                          unsigned flags)
{
    s3_store *s = (s3_store *)base;
    s3_upload *u = floe_calloc(1, sizeof *u);
    pthread_mutex_init(&u->mu, NULL);
    u->s = s;
    u->key = full_key(s, key);
    char what[1024];
    snprintf(what, sizeof what, "%s in bucket %s", u->key, s->bucket);
    *out = floe_chunk_writer_new(&s3_chunk_ops, u, s->base.part_size, s->base.background_upload,
                                 flags, what);
    u->cancel = floe_chunk_writer_cancel_flag(*out);
    u->no_overwrite = (flags & FLOE_OBJSTORE_NO_OVERWRITE) != 0;
    return 0;
}

static char *s3_location(const floe_objstore *base, const char *key)
{
    const s3_store *s = (const s3_store *)base;
    char *fkey = full_key(s, key);
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_printf(&b, "%s://%s", s->scheme, s->authority);
    object_path(&b, s, fkey);
    floe_free(fkey);
    return floe_buf_detach(&b, NULL);
}

static void s3_free(floe_objstore *base)
{
    s3_store *s = (s3_store *)base;
    floe_free(s->scheme);
    floe_free(s->authority);
    floe_free(s->bucket);
    floe_free(s->root);
    pthread_mutex_destroy(&s->region_mu);
    floe_free(s->access_key);
    if (s->secret) {
        memset(s->secret, 0, strlen(s->secret));
        floe_free(s->secret);
    }
    if (s->token) {
        memset(s->token, 0, strlen(s->token));
        floe_free(s->token);
    }
    floe_free(s);
}

static const floe_objstore_vt s3_vt = {
    s3_create_root, s3_put,         s3_head,     s3_get,  s3_del,
    s3_list,        s3_open_writer, s3_location, s3_free, NULL,
};

/* ---- opening --------------------------------------------------------------*/

/* For *.amazonaws.com hosts: the bucket of a virtual-hosted URL (NULL for
 * path-style) and the region named in the host (NULL for none). */
static void parse_aws_host(const char *host, char **bucket, char **region)
{
    *bucket = *region = NULL;
    size_t hl = strcspn(host, ":");
    static const char suffix[] = ".amazonaws.com";
    size_t sl = sizeof suffix - 1;
    if (hl < sl || strncmp(host + hl - sl, suffix, sl))
        return;
    /* labels before the suffix */
    char *h = floe_strndup(host, hl - sl);
    char *labels[64];
    size_t n = 0;
    for (char *save = NULL, *t = strtok_r(h, ".", &save); t && n < 64;
         t = strtok_r(NULL, ".", &save))
        labels[n++] = t;
    for (size_t i = 0; i < n; i++) {
        int is_s3 = !strcmp(labels[i], "s3");
        int is_s3dash = !strncmp(labels[i], "s3-", 3);
        if (!is_s3 && !is_s3dash)
            continue;
        if (i > 0) {
            floe_buf b = FLOE_BUF_INIT;
            for (size_t j = 0; j < i; j++) {
                if (j)
                    floe_buf_putc(&b, '.');
                floe_buf_puts(&b, labels[j]);
            }
            *bucket = floe_buf_detach(&b, NULL);
        }
        if (is_s3dash && strcmp(labels[i], "s3-external-1"))
            *region = floe_strdup(labels[i] + 3);
        else if (i + 1 < n) {
            size_t r = i + 1;
            if (!strcmp(labels[r], "dualstack") && r + 1 < n)
                r++;
            *region = floe_strdup(labels[r]);
        }
        break;
    }
    floe_free(h);
}

int floe_objstore_s3_open(floe_objstore **out, const floe_objstore_options *o)
{
    char *scheme = NULL, *authority = NULL, *path = NULL, *vbucket = NULL, *hregion = NULL;
    floe_buf dpath = FLOE_BUF_INIT;
    s3_store *s = NULL;
    int rc = -1;
    if (!o->url || floe_url_split(&scheme, &authority, &path, o->url) < 0) {
        if (!o->url)
            floe_error(FLOE_ERR_BAD_ARGUMENTS, "S3 URL is missing");
        goto done;
    }
    if (strcmp(scheme, "http") && strcmp(scheme, "https")) {
        floe_error(FLOE_ERR_UNSUPPORTED_URI_SCHEME, "Unsupported scheme in S3 URL: %s", scheme);
        goto done;
    }
    if (!o->no_sign && (!o->access_key_id || !o->access_key_id[0]) !=
                           (!o->secret_access_key || !o->secret_access_key[0])) {
        floe_error(FLOE_ERR_BAD_ARGUMENTS,
                   "S3 credentials need both an access key id and a secret access key");
        goto done;
    }
    parse_aws_host(authority, &vbucket, &hregion);
    floe_uri_decode(&dpath, path, strlen(path));
    s = floe_calloc(1, sizeof *s);
    s->base.vt = &s3_vt;
    pthread_mutex_init(&s->region_mu, NULL);
    s->scheme = scheme;
    s->authority = authority;
    scheme = authority = NULL;
    const char *p = dpath.data;
    while (*p == '/')
        p++;
    if (vbucket) {
        s->virtual_hosted = 1;
        s->bucket = vbucket;
        vbucket = NULL;
    } else {
        size_t bl = strcspn(p, "/");
        if (!bl) {
            floe_error(FLOE_ERR_BAD_ARGUMENTS, "S3 URL names no bucket: %s://%s%s", s->scheme,
                       s->authority, path);
            goto done;
        }
        s->bucket = floe_strndup(p, bl);
        p += bl;
        while (*p == '/')
            p++;
    }
    floe_buf root = FLOE_BUF_INIT;
    floe_buf_puts(&root, p);
    if (root.len && root.data[root.len - 1] != '/')
        floe_buf_putc(&root, '/');
    /* options.prefix goes below the URL's path */
    const char *pre = o->prefix ? o->prefix : "";
    while (*pre == '/')
        pre++;
    floe_buf_puts(&root, pre);
    if (root.len && root.data[root.len - 1] != '/')
        floe_buf_putc(&root, '/');
    s->root = root.data ? floe_buf_detach(&root, NULL) : floe_strdup("");
    snprintf(s->region, sizeof s->region, "%s",
             o->region && o->region[0] ? o->region
             : hregion                 ? hregion
                                       : "us-east-1");
    s->no_sign = o->no_sign || !o->access_key_id || !o->access_key_id[0];
    s->access_key = floe_strdup(o->access_key_id ? o->access_key_id : "");
    s->secret = floe_strdup(o->secret_access_key ? o->secret_access_key : "");
    s->token = o->session_token ? floe_strdup(o->session_token) : NULL;
    floe_buf d = FLOE_BUF_INIT;
    floe_buf_printf(&d, "%s://%s", s->scheme, s->authority);
    if (!s->virtual_hosted)
        floe_buf_printf(&d, "/%s", s->bucket);
    floe_buf_printf(&d, "/%s", s->root);
    s->base.describe = floe_buf_detach(&d, NULL);
    *out = &s->base;
    s = NULL;
    rc = 0;
done:
    if (s)
        s3_free(&s->base);
    floe_free(scheme);
    floe_free(authority);
    floe_free(path);
    floe_free(vbucket);
    floe_free(hregion);
    floe_buf_free(&dpath);
    return rc;
}
