/*
 * Internals shared by the object-storage backends: the vtable every backend
 * fills, the HTTP layer over libcurl (timeouts, retries, error capture), the
 * request signers (S3 Signature V4, Azure SharedKey), a small XML walker over
 * expat, and the chunked writer that S3 and Azure uploads share.
 */
#ifndef FLOE_OBJSTORE_OBJSTORE_INT_H
#define FLOE_OBJSTORE_OBJSTORE_INT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/io.h"
#include "objstore/objstore.h"

/* ---- backends ---------------------------------------------------------- */

typedef struct floe_objstore_vt {
    int (*create_root)(floe_objstore *s);
    int (*put)(floe_objstore *s, const char *key, const void *data, size_t len);
    int (*head)(int *exists, floe_objstore_stat *st, floe_objstore *s, const char *key);
    int (*get)(floe_objstore *s, const char *key, uint64_t offset, uint64_t len,
               const floe_sink *sink);
    int (*del)(floe_objstore *s, const char *key);
    int (*list)(floe_objstore *s, const char *prefix, floe_objstore_list_fn fn, void *ctx);
    int (*open_writer)(floe_objstore_writer **out, floe_objstore *s, const char *key,
                       unsigned flags);
    char *(*location)(const floe_objstore *s, const char *key);
    void (*free)(floe_objstore *s);
    int (*sweep)(uint64_t *removed, floe_objstore *s, const char *prefix); /* may be NULL */
} floe_objstore_vt;

/* Idle libcurl handles of a store, reused so requests keep their
 * connections (and TLS sessions) alive. */
typedef struct floe_http_pool floe_http_pool;
floe_http_pool *floe_http_pool_new(void);
void floe_http_pool_free(floe_http_pool *p);

/* Settings every HTTP request of a store follows (copied from the options). */
typedef struct floe_http_cfg {
    floe_http_pool *pool; /* owned by the store; NULL: a new handle per request */
    int max_retries;
    long retry_initial_ms;
    long connect_timeout_ms;
    long low_speed_time_s;
    long request_timeout_ms;
} floe_http_cfg;

/* The common head of every store; backends embed it first. */
struct floe_objstore {
    const floe_objstore_vt *vt;
    floe_objstore_kind kind;
    char *describe; /* root without credentials; owned */
    floe_http_cfg http;
    uint64_t part_size;
    int background_upload; /* chunks in flight at once, 0: on the caller's thread */
    int list_page_size;
};

typedef struct floe_objstore_writer_vt {
    int (*write)(floe_objstore_writer *w, const void *p, size_t n);
    int (*finish)(floe_objstore_writer *w); /* frees w */
    void (*abort)(floe_objstore_writer *w); /* frees w */
} floe_objstore_writer_vt;

struct floe_objstore_writer {
    const floe_objstore_writer_vt *vt;
    uint64_t bytes;
    atomic_int cancelled; /* set by floe_objstore_writer_cancel, from any thread */
};

int floe_objstore_local_open(floe_objstore **out, const char *dir, const floe_objstore_options *o);
int floe_objstore_s3_open(floe_objstore **out, const floe_objstore_options *o);
int floe_objstore_azure_open(floe_objstore **out, const floe_objstore_options *o);

/* ---- chunked uploads (S3 multipart, Azure blocks) ---------------------- */

/* What a backend does for one upload. upload may run on a background
 * thread (and so records its failure in that thread's error slot, which the
 * writer carries back to the producer). */
typedef struct floe_chunk_ops {
    /* Small object: the whole content in one request. */
    int (*put_whole)(void *ctx, const void *p, size_t n);
    /* Before the first chunk (S3: CreateMultipartUpload). May be NULL. */
    int (*begin)(void *ctx);
    /* Chunk number idx (0-based) of the object. */
    int (*upload)(void *ctx, unsigned idx, const void *p, size_t n);
    /* After the last chunk: make the object visible. */
    int (*commit)(void *ctx, unsigned nchunks);
    /* After begin, on any failure or abort (S3: AbortMultipartUpload). May be NULL. */
    void (*abort)(void *ctx);
    /* NO_OVERWRITE: *exists = whether the key is there now, checked before
     * committing. May be NULL when put_whole and commit are conditional. */
    int (*exists)(void *ctx, int *exists);
    void (*free)(void *ctx);
} floe_chunk_ops;

/* A writer buffering chunk_size bytes at a time, with up to inflight chunks
 * uploading on background threads at once (0: upload on the caller's
 * thread; upload must then be safe to call concurrently for distinct
 * chunks). ctx is owned by it (freed through ops->free). */
floe_objstore_writer *floe_chunk_writer_new(const floe_chunk_ops *ops, void *ctx,
                                            uint64_t chunk_size, int inflight, unsigned flags,
                                            const char *what);

/* The writer's cancel flag, for the backend's requests to watch. */
const atomic_int *floe_chunk_writer_cancel_flag(floe_objstore_writer *w);

/* ---- HTTP ----------------------------------------------------------------*/

typedef struct floe_http_req {
    const char *method; /* GET, PUT, POST, DELETE, HEAD */
    const char *url;
    const char *const *headers; /* "Name: value", NULL-terminated; may be NULL */
    const void *body;
    size_t body_len;
    const floe_sink *sink; /* 2xx GET bodies go here when set, else to resp->body */
    /* A ranged GET (range_len 0: none). A server that ignores Range and
     * answers 200 with the whole object gets its bytes cut to the range. */
    uint64_t range_from, range_len;
    /* when set and non-zero, the transfer stops at once (curl_code
     * CURLE_ABORTED_BY_CALLBACK) */
    const atomic_int *cancel;
} floe_http_req;

typedef struct floe_http_resp {
    long status;   /* 0 when no response arrived */
    int curl_code; /* CURLcode of the transfer */
    char curl_error[256];
    floe_buf body;      /* the body of an error, or of a 2xx without sink */
    uint64_t delivered; /* bytes handed to the sink */
    int sink_failed;    /* the sink returned an error (slot set) */
    char etag[128];
    char ms_error_code[128]; /* Azure x-ms-error-code */
    char bucket_region[64];  /* S3 x-amz-bucket-region */
    uint64_t content_length;
    int has_content_length;
    int64_t last_modified;
    char content_range[128];
} floe_http_resp;

void floe_http_resp_free(floe_http_resp *r);
/* One attempt (no retries). Returns 0 when a response arrived (any status),
 * -1 on a transfer failure (resp->curl_code/curl_error say which) or when
 * the sink failed (resp->sink_failed, error slot set). */
int floe_http_perform(floe_http_resp *resp, const floe_http_cfg *cfg, const floe_http_req *req);
/* Whether the outcome of an attempt deserves a retry: connection-level
 * failures, 5xx, 429. */
int floe_http_retryable(int rc, const floe_http_resp *resp);
/* Sleeps before retry number attempt (1-based): initial * 2^(attempt-1), capped. */
void floe_http_backoff(const floe_http_cfg *cfg, int attempt);
/* Whether a request with this cancel flag was cancelled. */
static inline int floe_http_cancelled(const atomic_int *cancel)
{
    return cancel && atomic_load(cancel);
}
/* Records NETWORK_ERROR for a failed transfer ("what" names the operation). */
int floe_http_network_error(const floe_http_resp *resp, const char *what);

/* Splits "scheme://authority/path?query" (query dropped). scheme and
 * authority are lower-cased copies; path starts with '/' or is "". All three
 * are floe_free'd by the caller. Returns -1 (BAD_ARGUMENTS) when malformed. */
int floe_url_split(char **scheme, char **authority, char **path, const char *url);
/* Percent-decodes s into out; '+' is kept. */
void floe_uri_decode(floe_buf *out, const char *s, size_t n);

/* Percent-encodes s (RFC 3986 unreserved kept; '/' kept when keep_slash). */
void floe_uri_encode(floe_buf *out, const char *s, size_t n, int keep_slash);

/* ---- crypto helpers and signers ----------------------------------------- */

void floe_sha256_hex(char out[65], const void *p, size_t n);
void floe_hmac_sha256(unsigned char out[32], const void *key, size_t klen, const void *msg,
                      size_t mlen);
void floe_base64_encode(floe_buf *out, const void *p, size_t n);
/* Returns -1 on malformed input. */
int floe_base64_decode(floe_buf *out, const char *s, size_t n);
/* "20130524T000000Z" for t (UTC). */
void floe_amz_date(char out[17], int64_t t);
/* "Fri, 24 May 2013 00:00:00 GMT" for t. */
void floe_http_date(char out[30], int64_t t);

/* A header for signing: name as sent; value trimmed by the signer. */
typedef struct floe_sig_header {
    const char *name;
    const char *value;
} floe_sig_header;

typedef struct floe_sig_param {
    const char *name; /* decoded */
    const char *value;
} floe_sig_param;

/*
 * AWS Signature Version 4. canonical_uri is the already-encoded path as
 * sent; params are decoded (the signer encodes and sorts them); headers are
 * all the headers to sign (at least host and x-amz-date). Fills
 * canonical_request / string_to_sign when not NULL (for tests) and writes the
 * Authorization header value into auth.
 */
typedef struct floe_sigv4_input {
    const char *method;
    const char *canonical_uri;
    const floe_sig_param *params;
    size_t nparams;
    const floe_sig_header *headers;
    size_t nheaders;
    const char *payload_hash; /* hex or "UNSIGNED-PAYLOAD" */
    const char *amz_date;     /* 20130524T000000Z */
    const char *region;
    const char *service; /* "s3" */
    const char *access_key_id;
    const char *secret_access_key;
} floe_sigv4_input;

void floe_sigv4_signing_key(unsigned char out[32], const char *secret, const char *date8,
                            const char *region, const char *service);
void floe_sigv4_sign(floe_buf *auth, floe_buf *canonical_request, floe_buf *string_to_sign,
                     const floe_sigv4_input *in);

/*
 * Azure SharedKey (version 2009-09-19 and later). canonical_path is the
 * URL's encoded path ("/devstoreaccount1/container/blob" for Azurite,
 * "/container/blob" for *.blob.core.windows.net); params decoded. headers
 * include the standard ones that are set (Content-Length, Content-Type,
 * Range, ...) and every x-ms-*. Writes "SharedKey account:signature".
 */
typedef struct floe_sharedkey_input {
    const char *method;
    const char *account;
    const char *canonical_path;
    const floe_sig_param *params;
    size_t nparams;
    const floe_sig_header *headers;
    size_t nheaders;
    const unsigned char *key; /* decoded account key */
    size_t key_len;
} floe_sharedkey_input;

void floe_sharedkey_sign(floe_buf *auth, floe_buf *string_to_sign, const floe_sharedkey_input *in);

/* ---- XML ------------------------------------------------------------------*/

/* Called at the end of every element with its path from the root
 * ("ListBucketResult/Contents/Key") and its text content. */
typedef void (*floe_xml_fn)(void *ctx, const char *path, const char *text, size_t len);
/* Returns -1 (error slot: CANNOT_PARSE_TEXT... as code) on malformed XML. */
int floe_xml_walk(const char *doc, size_t len, floe_xml_fn fn, void *ctx, int errcode);

/* Escapes &, <, >, ", ' for XML text. */
void floe_xml_escape(floe_buf *out, const char *s);

#endif
