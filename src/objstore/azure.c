/*
 * The Azure Blob Storage backend: a container named by a connection string or
 * a storage account URL, requests signed with SharedKey (or carrying a SAS
 * token). Large objects go up as blocks (Put Block) made visible at once by
 * Put Block List; aborting never commits them and the service discards them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "base/error.h"
#include "base/mem.h"
#include "objstore/objstore_int.h"

#define AZURE_VERSION "2021-08-06"
#define MAX_BLOCKS    50000u

typedef struct az_store {
    floe_objstore base;
    char *origin;    /* scheme://host[:port] */
    char *base_path; /* encoded path of the account endpoint: "" or "/devstoreaccount1" */
    char *account;
    unsigned char *key;
    size_t key_len;
    char *sas; /* SAS token (without '?') instead of a key, or NULL */
    char *container;
    char *root; /* "" or ends with '/' */
} az_store;

static char *full_key(const az_store *s, const char *key)
{
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_puts(&b, s->root);
    while (*key == '/')
        key++;
    floe_buf_puts(&b, key);
    return floe_buf_detach(&b, NULL);
}

typedef struct az_call {
    const char *method;
    const char *blob; /* full blob name, NULL for container requests */
    const floe_sig_param *params;
    size_t nparams;
    const char *range; /* x-ms-range value or NULL */
    const char *blob_type;
    const void *body;
    size_t body_len;
    const floe_sink *sink;
    const char *what;
    uint64_t range_from, range_len; /* the range asked for, when range is set */
    const atomic_int *cancel;       /* a writer's cancel flag, or NULL */
    int if_none_match;              /* create only: If-None-Match: *, 409/412 = exists */
} az_call;

static int az_attempt(floe_http_resp *resp, az_store *s, const az_call *c)
{
    floe_buf path = FLOE_BUF_INIT, url = FLOE_BUF_INIT, auth = FLOE_BUF_INIT;
    floe_buf_puts(&path, s->base_path);
    floe_buf_putc(&path, '/');
    floe_uri_encode(&path, s->container, strlen(s->container), 0);
    if (c->blob) {
        floe_buf_putc(&path, '/');
        floe_uri_encode(&path, c->blob, strlen(c->blob), 1);
    }
    floe_buf_printf(&url, "%s%s", s->origin, path.data);
    for (size_t i = 0; i < c->nparams; i++) {
        floe_buf_putc(&url, i ? '&' : '?');
        floe_uri_encode(&url, c->params[i].name, strlen(c->params[i].name), 0);
        floe_buf_putc(&url, '=');
        const char *v = c->params[i].value ? c->params[i].value : "";
        floe_uri_encode(&url, v, strlen(v), 0);
    }
    if (s->sas)
        floe_buf_printf(&url, "%c%s", c->nparams ? '&' : '?', s->sas);

    char date[30], clen[24];
    floe_http_date(date, (int64_t)time(NULL));
    snprintf(clen, sizeof clen, "%zu", c->body_len);
    floe_sig_header sh[8];
    size_t nsh = 0;
    sh[nsh++] = (floe_sig_header){"x-ms-date", date};
    sh[nsh++] = (floe_sig_header){"x-ms-version", AZURE_VERSION};
    if (c->range)
        sh[nsh++] = (floe_sig_header){"x-ms-range", c->range};
    if (c->blob_type)
        sh[nsh++] = (floe_sig_header){"x-ms-blob-type", c->blob_type};
    if (c->if_none_match)
        sh[nsh++] = (floe_sig_header){"If-None-Match", "*"};
    size_t nsent = nsh;
    int has_body = !strcmp(c->method, "PUT") || !strcmp(c->method, "POST");
    if (has_body)
        sh[nsh++] = (floe_sig_header){"Content-Length", clen};

    floe_buf hb[8];
    const char *hv[9];
    size_t nh = 0;
    for (size_t i = 0; i < nsent; i++) {
        hb[i] = (floe_buf)FLOE_BUF_INIT;
        floe_buf_printf(&hb[i], "%s: %s", sh[i].name, sh[i].value);
        hv[nh++] = hb[i].data;
    }
    if (!s->sas) {
        floe_sharedkey_input in = {c->method, s->account, path.data, c->params, c->nparams,
                                   sh,        nsh,        s->key,    s->key_len};
        floe_buf_puts(&auth, "Authorization: ");
        floe_sharedkey_sign(&auth, NULL, &in);
        hv[nh++] = auth.data;
    }
    hv[nh] = NULL;
    floe_http_req req = {c->method, url.data,      hv,           c->body,  c->body_len,
                         c->sink,   c->range_from, c->range_len, c->cancel};
    int rc = floe_http_perform(resp, &s->base.http, &req);
    for (size_t i = 0; i < nsent; i++)
        floe_buf_free(&hb[i]);
    floe_buf_free(&auth);
    floe_buf_free(&path);
    /* a SAS token is a secret too */
    if (url.data)
        memset(url.data, 0, url.len);
    floe_buf_free(&url);
    return rc;
}

typedef struct az_err {
    char code[128];
    char message[512];
} az_err;

static void err_xml(void *ctx, const char *path, const char *text, size_t len)
{
    az_err *e = ctx;
    if (!strcmp(path, "Error/Code")) {
        snprintf(e->code, sizeof e->code, "%.*s", (int)len, text);
    } else if (!strcmp(path, "Error/Message")) {
        /* the message goes on with "RequestId:...\nTime:..." lines */
        size_t n = strcspn(text, "\r\n");
        snprintf(e->message, sizeof e->message, "%.*s", (int)(n < len ? n : len), text);
    }
}

static void parse_error(az_err *e, const floe_http_resp *resp)
{
    e->code[0] = e->message[0] = '\0';
    if (resp->body.len && floe_xml_walk(resp->body.data, resp->body.len, err_xml, e,
                                        FLOE_ERR_AZURE_BLOB_STORAGE_ERROR) < 0)
        floe_error_clear();
    if (!e->code[0])
        snprintf(e->code, sizeof e->code, "%s",
                 resp->ms_error_code[0] ? resp->ms_error_code : "UnknownError");
    if (!e->message[0]) {
        /* HEAD answers carry only the code */
        const char *m = !strcmp(e->code, "ContainerNotFound")
                            ? "The specified container does not exist"
                        : !strcmp(e->code, "BlobNotFound") ? "The specified blob does not exist"
                                                           : NULL;
        if (m)
            snprintf(e->message, sizeof e->message, "%s", m);
        else
            snprintf(e->message, sizeof e->message, "HTTP status %ld", resp->status);
    }
}

static int az_fail(az_store *s, const floe_http_resp *resp, int rc, const az_call *c)
{
    if (resp->sink_failed)
        return -1;
    char ctx[1024];
    if (c->blob)
        snprintf(ctx, sizeof ctx, "while %s blob: %s, container: %s", c->what, c->blob,
                 s->container);
    else
        snprintf(ctx, sizeof ctx, "while %s container: %s", c->what, s->container);
    if (rc < 0)
        return floe_error(FLOE_ERR_NETWORK_ERROR, "Cannot reach Azure Blob Storage at %s: %s, %s",
                          s->origin, resp->curl_error[0] ? resp->curl_error : "no response", ctx);
    az_err e;
    parse_error(&e, resp);
    return floe_error(FLOE_ERR_AZURE_BLOB_STORAGE_ERROR, "%s (%s, HTTP %ld): %s", e.message, e.code,
                      resp->status, ctx);
}

static int az_request(floe_http_resp *resp, az_store *s, const az_call *c, const long *ok_status)
{
    int rc = -1;
    for (int attempt = 0;; attempt++) {
        if (attempt)
            floe_http_backoff(&s->base.http, attempt);
        rc = az_attempt(resp, s, c);
        if (floe_http_cancelled(c->cancel))
            return floe_error(FLOE_ERR_QUERY_WAS_CANCELLED, "Upload of blob %s was cancelled",
                              c->blob ? c->blob : "");
        if (rc == 0 && resp->status >= 200 && resp->status < 300)
            return 0;
        if (rc == 0 && ok_status)
            for (const long *o = ok_status; *o; o++)
                if (resp->status == *o)
                    return 0;
        if (!floe_http_retryable(rc, resp) || attempt >= s->base.http.max_retries)
            break;
    }
    if (rc == 0 && c->if_none_match && (resp->status == 412 || resp->status == 409)) {
        az_err e;
        parse_error(&e, resp);
        if (resp->status == 412 || !strcmp(e.code, "BlobAlreadyExists"))
            return floe_error(FLOE_ERR_FILE_ALREADY_EXISTS,
                              "Blob %s already exists in container %s", c->blob ? c->blob : "",
                              s->container);
    }
    return az_fail(s, resp, rc, c);
}

/* ---- operations -----------------------------------------------------------*/

static int az_create_root(floe_objstore *base)
{
    az_store *s = (az_store *)base;
    floe_sig_param params[] = {{"restype", "container"}};
    az_call c = {"PUT", NULL, params, 1, NULL, NULL, NULL, 0, NULL, "creating"};
    floe_http_resp resp = {0};
    static const long ok[] = {409, 0};
    int rc = az_request(&resp, s, &c, ok);
    if (rc == 0 && resp.status == 409) {
        az_err e;
        parse_error(&e, &resp);
        if (strcmp(e.code, "ContainerAlreadyExists"))
            rc = az_fail(s, &resp, 0, &c);
    }
    floe_http_resp_free(&resp);
    return rc;
}

static int put_blob(az_store *s, const char *blob, const void *data, size_t len,
                    const atomic_int *cancel, int if_none_match)
{
    az_call c = {"PUT", blob, NULL,      0, NULL, "BlockBlob", data,
                 len,   NULL, "writing", 0, 0,    cancel,      if_none_match};
    floe_http_resp resp = {0};
    int rc = az_request(&resp, s, &c, NULL);
    floe_http_resp_free(&resp);
    return rc;
}

static int az_put(floe_objstore *base, const char *key, const void *data, size_t len)
{
    az_store *s = (az_store *)base;
    char *blob = full_key(s, key);
    int rc = put_blob(s, blob, data, len, NULL, 0);
    floe_free(blob);
    return rc;
}

static int head_blob(int *exists, floe_objstore_stat *st, az_store *s, const char *blob)
{
    az_call c = {"HEAD", blob, NULL, 0, NULL, NULL, NULL, 0, NULL, "checking"};
    floe_http_resp resp = {0};
    static const long ok[] = {404, 0};
    int rc = az_request(&resp, s, &c, ok);
    /* a HEAD has no body, but says in a header whether the container is missing */
    if (rc == 0 && resp.status == 404 && resp.ms_error_code[0] &&
        strcmp(resp.ms_error_code, "BlobNotFound"))
        rc = az_fail(s, &resp, 0, &c);
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

static int az_head(int *exists, floe_objstore_stat *st, floe_objstore *base, const char *key)
{
    az_store *s = (az_store *)base;
    char *blob = full_key(s, key);
    int rc = head_blob(exists, st, s, blob);
    floe_free(blob);
    return rc;
}

static int az_get(floe_objstore *base, const char *key, uint64_t offset, uint64_t len,
                  const floe_sink *sink)
{
    az_store *s = (az_store *)base;
    char *blob = full_key(s, key);
    floe_http_resp resp = {0};
    int rc = -1;
    uint64_t done = 0;
    for (int attempt = 0;; attempt++) {
        if (attempt)
            floe_http_backoff(&s->base.http, attempt);
        char range[96];
        uint64_t from = offset + done;
        int ranged = from > 0 || len != FLOE_OBJSTORE_TO_END;
        if (len == FLOE_OBJSTORE_TO_END)
            snprintf(range, sizeof range, "bytes=%llu-", (unsigned long long)from);
        else
            snprintf(range, sizeof range, "bytes=%llu-%llu", (unsigned long long)from,
                     (unsigned long long)(offset + len - 1));
        uint64_t rlen = !ranged ? 0 : len == FLOE_OBJSTORE_TO_END ? UINT64_MAX - from : len - done;
        az_call c = {"GET", blob,      NULL, 0,   ranged ? range : NULL, NULL, NULL, 0,
                     sink,  "reading", from, rlen};
        rc = az_attempt(&resp, s, &c);
        done += resp.delivered;
        if (rc == 0 && resp.status >= 200 && resp.status < 300) {
            rc = 0;
            break;
        }
        if (rc == 0 && resp.status == 416) {
            rc = 0;
            break;
        }
        if (!floe_http_retryable(rc, &resp) || attempt >= s->base.http.max_retries) {
            if (rc == 0 && resp.status == 404) {
                az_err e;
                parse_error(&e, &resp);
                if (!strcmp(e.code, "BlobNotFound")) {
                    rc = floe_error(FLOE_ERR_FILE_DOESNT_EXIST,
                                    "%s (BlobNotFound, HTTP 404): while reading blob: %s, "
                                    "container: %s",
                                    e.message, blob, s->container);
                    break;
                }
            }
            rc = az_fail(s, &resp, rc, &c);
            break;
        }
        if (len != FLOE_OBJSTORE_TO_END && done >= len) {
            rc = 0;
            break;
        }
    }
    floe_http_resp_free(&resp);
    floe_free(blob);
    return rc;
}

static int az_del(floe_objstore *base, const char *key)
{
    az_store *s = (az_store *)base;
    char *blob = full_key(s, key);
    az_call c = {"DELETE", blob, NULL, 0, NULL, NULL, NULL, 0, NULL, "deleting"};
    floe_http_resp resp = {0};
    static const long ok[] = {404, 0};
    int rc = az_request(&resp, s, &c, ok);
    if (rc == 0 && resp.status == 404) {
        az_err e;
        parse_error(&e, &resp);
        if (strcmp(e.code, "BlobNotFound"))
            rc = az_fail(s, &resp, 0, &c);
    }
    floe_http_resp_free(&resp);
    floe_free(blob);
    return rc;
}

/* ---- listing --------------------------------------------------------------*/

typedef struct list_page {
    floe_objstore_entry *v;
    size_t n, cap;
    char *name;
    uint64_t size;
    int64_t mtime;
    char *next;
} list_page;

static void list_xml(void *ctx, const char *path, const char *text, size_t len)
{
    list_page *p = ctx;
    if (!strcmp(path, "EnumerationResults/Blobs/Blob/Name")) {
        floe_free(p->name);
        p->name = floe_strndup(text, len);
    } else if (!strcmp(path, "EnumerationResults/Blobs/Blob/Properties/Content-Length")) {
        p->size = strtoull(text, NULL, 10);
    } else if (!strcmp(path, "EnumerationResults/Blobs/Blob/Properties/Last-Modified")) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.*s", (int)len, text);
        time_t t = curl_getdate(tmp, NULL);
        p->mtime = t > 0 ? (int64_t)t : 0;
    } else if (!strcmp(path, "EnumerationResults/Blobs/Blob")) {
        if (p->name) {
            FLOE_GROW(p->v, p->cap, p->n + 1);
            p->v[p->n++] = (floe_objstore_entry){p->name, p->size, p->mtime};
            p->name = NULL;
        }
        p->size = 0;
        p->mtime = 0;
    } else if (!strcmp(path, "EnumerationResults/NextMarker")) {
        floe_free(p->next);
        p->next = floe_strndup(text, len);
    }
}

static void page_clear(list_page *p)
{
    for (size_t i = 0; i < p->n; i++)
        floe_free((char *)p->v[i].key);
    p->n = 0;
    floe_free(p->name);
    p->name = NULL;
    floe_free(p->next);
    p->next = NULL;
}

static int az_list(floe_objstore *base, const char *prefix, floe_objstore_list_fn fn, void *ctx)
{
    az_store *s = (az_store *)base;
    char *fprefix = full_key(s, prefix);
    size_t rootlen = strlen(s->root);
    char *marker = NULL;
    char maxres[32];
    snprintf(maxres, sizeof maxres, "%d", s->base.list_page_size);
    list_page page = {0};
    floe_http_resp resp = {0};
    int rc = 0;
    for (;;) {
        floe_sig_param params[5];
        size_t np = 0;
        params[np++] = (floe_sig_param){"restype", "container"};
        params[np++] = (floe_sig_param){"comp", "list"};
        if (fprefix[0])
            params[np++] = (floe_sig_param){"prefix", fprefix};
        if (marker)
            params[np++] = (floe_sig_param){"marker", marker};
        if (s->base.list_page_size)
            params[np++] = (floe_sig_param){"maxresults", maxres};
        az_call c = {"GET", NULL, params, np, NULL, NULL, NULL, 0, NULL, "listing"};
        if ((rc = az_request(&resp, s, &c, NULL)) < 0)
            break;
        page_clear(&page);
        if ((rc = floe_xml_walk(resp.body.data ? resp.body.data : "", resp.body.len, list_xml,
                                &page, FLOE_ERR_AZURE_BLOB_STORAGE_ERROR)) < 0)
            break;
        for (size_t i = 0; i < page.n && !rc; i++) {
            floe_objstore_entry e = page.v[i];
            if (strncmp(e.key, s->root, rootlen))
                continue;
            e.key += rootlen;
            rc = fn(ctx, &e);
        }
        if (rc || !page.next || !page.next[0])
            break;
        floe_free(marker);
        marker = page.next;
        page.next = NULL;
    }
    page_clear(&page);
    floe_free(page.v);
    floe_free(marker);
    floe_free(fprefix);
    floe_http_resp_free(&resp);
    return rc;
}

/* ---- block uploads --------------------------------------------------------*/

typedef struct az_upload {
    az_store *s;
    char *blob;
    const atomic_int *cancel; /* the writer's */
    int no_overwrite;
    char tag[13]; /* random per writer, so concurrent writers' blocks differ */
} az_upload;

/* Block ids: base64 of 24 bytes "floe" + tag + "-" + 7 digits; all the same
 * length, as Put Block List requires. */
static void block_id(floe_buf *out, const az_upload *u, unsigned idx)
{
    char raw[32];
    snprintf(raw, sizeof raw, "floe%.12s-%07u", u->tag, idx);
    floe_base64_encode(out, raw, 24);
}

static int bu_put_whole(void *ctx, const void *p, size_t n)
{
    az_upload *u = ctx;
    return put_blob(u->s, u->blob, p, n, u->cancel, u->no_overwrite);
}

static int bu_upload(void *ctx, unsigned idx, const void *p, size_t n)
{
    az_upload *u = ctx;
    if (idx >= MAX_BLOCKS)
        return floe_error(FLOE_ERR_AZURE_BLOB_STORAGE_ERROR,
                          "Blob %s needs more than %u blocks; raise azure_min_upload_part_size",
                          u->blob, MAX_BLOCKS);
    floe_buf id = FLOE_BUF_INIT;
    block_id(&id, u, idx);
    floe_sig_param params[] = {{"comp", "block"}, {"blockid", id.data}};
    az_call c = {"PUT", u->blob, params,   2, NULL, NULL, p, n, NULL, "uploading a block of",
                 0,     0,       u->cancel};
    floe_http_resp resp = {0};
    int rc = az_request(&resp, u->s, &c, NULL);
    floe_http_resp_free(&resp);
    floe_buf_free(&id);
    return rc;
}

static int bu_commit(void *ctx, unsigned nchunks)
{
    az_upload *u = ctx;
    floe_buf body = FLOE_BUF_INIT;
    floe_buf_puts(&body, "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
    for (unsigned i = 0; i < nchunks; i++) {
        floe_buf_puts(&body, "<Latest>");
        block_id(&body, u, i);
        floe_buf_puts(&body, "</Latest>");
    }
    floe_buf_puts(&body, "</BlockList>");
    floe_sig_param params[] = {{"comp", "blocklist"}};
    az_call c = {"PUT",     u->blob,
                 params,    1,
                 NULL,      NULL,
                 body.data, body.len,
                 NULL,      "committing the blocks of",
                 0,         0,
                 NULL,      u->no_overwrite};
    floe_http_resp resp = {0};
    int rc = az_request(&resp, u->s, &c, NULL);
    floe_http_resp_free(&resp);
    floe_buf_free(&body);
    return rc;
}

static void bu_free(void *ctx)
{
    az_upload *u = ctx;
    floe_free(u->blob);
    floe_free(u);
}

/* abort: nothing to do, uncommitted blocks expire; NO_OVERWRITE: Put Blob
 * and Put Block List carry If-None-Match: *, atomic at the service */
static const floe_chunk_ops az_chunk_ops = {bu_put_whole, NULL, bu_upload, bu_commit,
                                            NULL,         NULL, bu_free};

static int az_open_writer(floe_objstore_writer **out, floe_objstore *base, const char *key,
                          unsigned flags)
{
    az_store *s = (az_store *)base;
    az_upload *u = floe_calloc(1, sizeof *u);
    u->s = s;
    u->blob = full_key(s, key);
    unsigned char rnd[6];
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned seed = (unsigned)ts.tv_nsec ^ (unsigned)ts.tv_sec ^ (unsigned)(uintptr_t)u;
    for (int i = 0; i < 6; i++)
        rnd[i] = (unsigned char)rand_r(&seed);
    for (int i = 0; i < 6; i++)
        snprintf(u->tag + 2 * i, 3, "%02x", rnd[i]);
    char what[1024];
    snprintf(what, sizeof what, "%s in container %s", u->blob, s->container);
    *out = floe_chunk_writer_new(&az_chunk_ops, u, s->base.part_size, s->base.background_upload,
                                 flags, what);
    u->cancel = floe_chunk_writer_cancel_flag(*out);
    u->no_overwrite = (flags & FLOE_OBJSTORE_NO_OVERWRITE) != 0;
    return 0;
}

static char *az_location(const floe_objstore *base, const char *key)
{
    const az_store *s = (const az_store *)base;
    char *blob = full_key(s, key);
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_printf(&b, "%s%s/", s->origin, s->base_path);
    floe_uri_encode(&b, s->container, strlen(s->container), 0);
    floe_buf_putc(&b, '/');
    floe_uri_encode(&b, blob, strlen(blob), 1);
    floe_free(blob);
    return floe_buf_detach(&b, NULL);
}

static void az_free(floe_objstore *base)
{
    az_store *s = (az_store *)base;
    floe_free(s->origin);
    floe_free(s->base_path);
    floe_free(s->account);
    if (s->key) {
        memset(s->key, 0, s->key_len);
        floe_free(s->key);
    }
    if (s->sas) {
        memset(s->sas, 0, strlen(s->sas));
        floe_free(s->sas);
    }
    floe_free(s->container);
    floe_free(s->root);
    floe_free(s);
}

static const floe_objstore_vt az_vt = {
    az_create_root, az_put,         az_head,     az_get,  az_del,
    az_list,        az_open_writer, az_location, az_free, NULL,
};

/* ---- opening --------------------------------------------------------------*/

/* Azurite's well-known development account. */
#define DEV_ACCOUNT "devstoreaccount1"
#define DEV_KEY                                                                                    \
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

typedef struct conn {
    char *protocol, *account, *key, *endpoint, *suffix, *sas;
    int dev;
} conn;

static void conn_free(conn *c)
{
    floe_free(c->protocol);
    floe_free(c->account);
    if (c->key) {
        memset(c->key, 0, strlen(c->key));
        floe_free(c->key);
    }
    floe_free(c->endpoint);
    floe_free(c->suffix);
    if (c->sas) {
        memset(c->sas, 0, strlen(c->sas));
        floe_free(c->sas);
    }
}

static int parse_connection_string(conn *c, const char *cs)
{
    memset(c, 0, sizeof *c);
    const char *p = cs;
    while (*p) {
        size_t n = strcspn(p, ";");
        const char *eq = memchr(p, '=', n);
        if (n && !eq) {
            conn_free(c);
            return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                              "Azure connection string has a part without '=' (parts are "
                              "Name=value separated by ';')");
        }
        if (eq) {
            size_t kl = (size_t)(eq - p);
            char *v = floe_strndup(eq + 1, n - kl - 1);
            char **slot = NULL;
#define K(name) (kl == strlen(name) && !strncasecmp(p, name, kl))
            if (K("DefaultEndpointsProtocol"))
                slot = &c->protocol;
            else if (K("AccountName"))
                slot = &c->account;
            else if (K("AccountKey"))
                slot = &c->key;
            else if (K("BlobEndpoint"))
                slot = &c->endpoint;
            else if (K("EndpointSuffix"))
                slot = &c->suffix;
            else if (K("SharedAccessSignature"))
                slot = &c->sas;
            else if (K("UseDevelopmentStorage"))
                c->dev = !strcasecmp(v, "true");
#undef K
            if (slot) {
                floe_free(*slot);
                *slot = v;
            } else {
                floe_free(v);
            }
        }
        p += n;
        if (*p == ';')
            p++;
    }
    if (c->dev) {
        if (!c->account)
            c->account = floe_strdup(DEV_ACCOUNT);
        if (!c->key && !c->sas)
            c->key = floe_strdup(DEV_KEY);
        if (!c->endpoint)
            c->endpoint = floe_strdup("http://127.0.0.1:10000/" DEV_ACCOUNT);
    }
    return 0;
}

int floe_objstore_azure_open(floe_objstore **out, const floe_objstore_options *o)
{
    conn c;
    memset(&c, 0, sizeof c);
    az_store *s = NULL;
    char *scheme = NULL, *authority = NULL, *path = NULL;
    floe_buf endpoint = FLOE_BUF_INIT, keybuf = FLOE_BUF_INIT;
    int rc = -1;
    if (o->connection_string && o->connection_string[0]) {
        if (parse_connection_string(&c, o->connection_string) < 0)
            goto done;
        if (c.endpoint) {
            floe_buf_puts(&endpoint, c.endpoint);
        } else if (c.account) {
            floe_buf_printf(&endpoint, "%s://%s.blob.%s", c.protocol ? c.protocol : "https",
                            c.account, c.suffix ? c.suffix : "core.windows.net");
        } else {
            floe_error(FLOE_ERR_BAD_ARGUMENTS,
                       "Azure connection string needs BlobEndpoint or AccountName");
            goto done;
        }
    } else {
        if (!o->url || !o->url[0]) {
            floe_error(FLOE_ERR_BAD_ARGUMENTS,
                       "Azure Blob Storage needs a connection string or a storage account URL");
            goto done;
        }
        floe_buf_puts(&endpoint, o->url);
        c.account = o->account_name ? floe_strdup(o->account_name) : NULL;
        c.key = o->account_key ? floe_strdup(o->account_key) : NULL;
        /* a storage account URL may carry a SAS token as its query */
        const char *q = strchr(o->url, '?');
        if (q && q[1]) {
            c.sas = floe_strdup(q + 1);
            endpoint.len = (size_t)(q - o->url);
            endpoint.data[endpoint.len] = '\0';
        }
    }
    if (!o->container || !o->container[0]) {
        floe_error(FLOE_ERR_BAD_ARGUMENTS, "Azure Blob Storage needs a container name");
        goto done;
    }
    if (floe_url_split(&scheme, &authority, &path, endpoint.data) < 0)
        goto done;
    if (strcmp(scheme, "http") && strcmp(scheme, "https")) {
        floe_error(FLOE_ERR_UNSUPPORTED_URI_SCHEME, "Unsupported scheme in Azure endpoint: %s",
                   scheme);
        goto done;
    }
    if (!c.account) {
        /* https://ACCOUNT.blob.core.windows.net */
        size_t l = strcspn(authority, ".:");
        if (authority[l] == '.')
            c.account = floe_strndup(authority, l);
    }
    if (!c.account || !c.account[0]) {
        floe_error(FLOE_ERR_BAD_ARGUMENTS, "Azure Blob Storage needs an account name");
        goto done;
    }
    if (!c.sas) {
        if (!c.key || !c.key[0]) {
            floe_error(FLOE_ERR_BAD_ARGUMENTS, "Azure Blob Storage needs an account key");
            goto done;
        }
        if (floe_base64_decode(&keybuf, c.key, strlen(c.key)) < 0 || !keybuf.len) {
            floe_error(FLOE_ERR_BAD_ARGUMENTS, "Azure account key is not valid base64");
            goto done;
        }
    }
    s = floe_calloc(1, sizeof *s);
    s->base.vt = &az_vt;
    floe_buf origin = FLOE_BUF_INIT;
    floe_buf_printf(&origin, "%s://%s", scheme, authority);
    s->origin = floe_buf_detach(&origin, NULL);
    size_t pl = strlen(path);
    while (pl && path[pl - 1] == '/')
        pl--;
    s->base_path = floe_strndup(path, pl);
    s->account = c.account;
    c.account = NULL;
    if (c.sas) {
        s->sas = floe_strdup(c.sas[0] == '?' ? c.sas + 1 : c.sas);
    } else {
        s->key_len = keybuf.len;
        s->key = (unsigned char *)floe_buf_detach(&keybuf, NULL);
    }
    s->container = floe_strdup(o->container);
    floe_buf root = FLOE_BUF_INIT;
    const char *pre = o->prefix ? o->prefix : "";
    while (*pre == '/')
        pre++;
    floe_buf_puts(&root, pre);
    if (root.len && root.data[root.len - 1] != '/')
        floe_buf_putc(&root, '/');
    s->root = root.data ? floe_buf_detach(&root, NULL) : floe_strdup("");
    floe_buf d = FLOE_BUF_INIT;
    floe_buf_printf(&d, "%s%s/%s/%s", s->origin, s->base_path, s->container, s->root);
    s->base.describe = floe_buf_detach(&d, NULL);
    *out = &s->base;
    rc = 0;
done:
    conn_free(&c);
    floe_free(scheme);
    floe_free(authority);
    floe_free(path);
    floe_buf_free(&endpoint);
    if (keybuf.data)
        memset(keybuf.data, 0, keybuf.len);
    floe_buf_free(&keybuf);
    return rc;
}
