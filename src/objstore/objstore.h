/*
 * Object storage behind one interface: a local directory, S3 (Signature V4,
 * path-style or virtual-hosted URLs) and Azure Blob Storage (SharedKey). A
 * floe_objstore is opened from a URL or a connection string and names a root
 * (directory, bucket + prefix, container + prefix); every key passed to the
 * operations is relative to that root. The backend is chosen at run time
 * behind a vtable, the way curl chooses its TLS backend.
 *
 * Thread safety: a store may be used by many threads at once (each request
 * has its own connection); a writer belongs to one thread at a time.
 *
 * Errors (ClickHouse's codes): S3_ERROR for S3 API errors (the S3 code and
 * message in the text, e.g. "NoSuchBucket"), AZURE_BLOB_STORAGE_ERROR for
 * Azure's, ACCESS_DENIED when credentials are refused (403), NETWORK_ERROR
 * when the peer cannot be reached or a request times out after its retries,
 * BAD_ARGUMENTS / UNSUPPORTED_URI_SCHEME for descriptions that cannot be
 * opened, FILE_DOESNT_EXIST when a get names a missing object, and the usual
 * file codes for the local backend. Secrets never appear in any message.
 */
#ifndef FLOE_OBJSTORE_OBJSTORE_H
#define FLOE_OBJSTORE_OBJSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/io.h"

typedef struct floe_objstore floe_objstore;
typedef struct floe_objstore_writer floe_objstore_writer;

typedef enum floe_objstore_kind {
    FLOE_OBJSTORE_LOCAL = 1,
    FLOE_OBJSTORE_S3 = 2,
    FLOE_OBJSTORE_AZURE = 3,
} floe_objstore_kind;

/*
 * How to open a store. Strings are borrowed for the duration of
 * floe_objstore_open only (the store copies what it keeps).
 *
 * kind 0 means "decide from the description":
 *   - connection_string set                         -> Azure
 *   - url "file:///abs/dir" or a path without "://" -> local directory
 *   - url "http(s)://..." with account_name set     -> Azure (storage account URL)
 *   - any other "http(s)://..."                     -> S3
 *
 * S3 URLs: path-style "http(s)://host[:port]/bucket[/prefix]" and
 * virtual-hosted "https://bucket.s3[.-]region.amazonaws.com[/prefix]"
 * ("https://bucket.s3.amazonaws.com" is region us-east-1). The region is
 * taken from region when set, else from a virtual-hosted or
 * "s3.region.amazonaws.com" host, else us-east-1.
 *
 * Azure: connection_string with DefaultEndpointsProtocol, AccountName,
 * AccountKey and BlobEndpoint (Azurite's "http://127.0.0.1:10000/devstoreaccount1")
 * or EndpointSuffix, plus container; or url as a storage account URL
 * ("https://acct.blob.core.windows.net", "http://127.0.0.1:10000/devstoreaccount1")
 * with account_name and account_key, plus container.
 *
 * prefix (optional, any kind) puts the root below the URL's path, the
 * directory or the container: "exports/t1" makes key "a.parquet" the object
 * "exports/t1/a.parquet".
 */
typedef struct floe_objstore_options {
    floe_objstore_kind kind; /* 0: from the description */
    const char *url;
    /* S3 */
    const char *access_key_id;     /* NULL or "" with no_sign: anonymous */
    const char *secret_access_key; /* never printed */
    const char *session_token;     /* optional, sent as x-amz-security-token */
    const char *region;            /* NULL: from the URL, else us-east-1 */
    int no_sign;                   /* NOSIGN: requests are sent unsigned */
    /* Azure */
    const char *connection_string;
    const char *container;
    const char *account_name;
    const char *account_key; /* base64, never printed */
    const char *prefix;      /* a root below the URL's path / directory / container */
    /* uploads */
    uint64_t s3_min_upload_part_size;    /* bytes per multipart part; >= 5 MiB on AWS */
    uint64_t azure_min_upload_part_size; /* bytes per Put Block */
    int background_upload;               /* 1: parts upload on threads while the
                                            producer fills the next one */
    int max_inflight_parts;              /* parts uploading at once (memory: one
                                            more part than this) */
    /* requests */
    int max_retries;         /* retries after a 5xx, SlowDown or connection error */
    long retry_initial_ms;   /* first backoff; doubles per retry */
    long connect_timeout_ms; /* per connection attempt */
    long low_speed_time_s;   /* abort a transfer slower than 1 byte/s for this long */
    long request_timeout_ms; /* whole request; 0 for none */
    int list_page_size;      /* keys per ListObjectsV2 / List Blobs page; 0: the service's */
} floe_objstore_options;

#define FLOE_OBJSTORE_DEFAULT_PART_SIZE (16ull << 20)

#define FLOE_OBJSTORE_OPTIONS_INIT                                                                 \
    {                                                                                              \
        .kind = 0, .s3_min_upload_part_size = FLOE_OBJSTORE_DEFAULT_PART_SIZE,                     \
        .azure_min_upload_part_size = FLOE_OBJSTORE_DEFAULT_PART_SIZE, .background_upload = 1,     \
        .max_inflight_parts = 4, .max_retries = 5, .retry_initial_ms = 100,                        \
        .connect_timeout_ms = 10000, .low_speed_time_s = 30, .request_timeout_ms = 0,              \
    }

/* Opens a store; *out is freed with floe_objstore_free. Nothing is contacted
 * here (the first request reports an unreachable endpoint). */
int floe_objstore_open(floe_objstore **out, const floe_objstore_options *opts);
void floe_objstore_free(floe_objstore *s);

floe_objstore_kind floe_objstore_kind_of(const floe_objstore *s);
/* A description of the root without credentials, for messages and system
 * tables: "/abs/dir", "http://127.0.0.1:9000/bucket/prefix",
 * "http://127.0.0.1:10000/devstoreaccount1/container/prefix". Owned by s. */
const char *floe_objstore_describe(const floe_objstore *s);
/* The full location of key in the same form (floe_free it). */
char *floe_objstore_location(const floe_objstore *s, const char *key);

/* Creates the root: the directory, the bucket (PUT Bucket) or the container
 * (Create Container). One that exists already is not an error. */
int floe_objstore_create_root(floe_objstore *s);

/* Writes a whole object (replacing one of the same key). */
int floe_objstore_put(floe_objstore *s, const char *key, const void *data, size_t len);

/* Object metadata. mtime is seconds since the epoch (0 when unknown). */
typedef struct floe_objstore_stat {
    uint64_t size;
    int64_t mtime;
} floe_objstore_stat;

/* *exists = 0 (and 0 returned) for a missing key; st may be NULL. */
int floe_objstore_head(int *exists, floe_objstore_stat *st, floe_objstore *s, const char *key);

/* Reads len bytes from offset (len = FLOE_OBJSTORE_TO_END for the rest) into
 * sink. A range past the end is clamped to the object. */
#define FLOE_OBJSTORE_TO_END UINT64_MAX
int floe_objstore_get(floe_objstore *s, const char *key, uint64_t offset, uint64_t len,
                      const floe_sink *sink);
/* The same into a buffer (appended to out). */
int floe_objstore_get_buf(floe_buf *out, floe_objstore *s, const char *key, uint64_t offset,
                          uint64_t len);

/* Removes an object; a missing key is not an error. */
int floe_objstore_delete(floe_objstore *s, const char *key);

/* One listed object. key is relative to the store's root; valid during the
 * callback only. */
typedef struct floe_objstore_entry {
    const char *key;
    uint64_t size;
    int64_t mtime;
} floe_objstore_entry;

/* Calls fn for every object whose key starts with prefix ("" for all),
 * following continuation tokens / markers until the listing ends. The local
 * backend walks directories recursively (keys use '/'; temporary files of
 * unfinished writers are skipped) and reports keys in sorted order; S3 and
 * Azure report them in the service's order (lexicographic). fn returning
 * non-zero stops the listing and that value is returned. */
typedef int (*floe_objstore_list_fn)(void *ctx, const floe_objstore_entry *e);
int floe_objstore_list(floe_objstore *s, const char *prefix, floe_objstore_list_fn fn, void *ctx);

/* Removes what writers in processes that died (SIGKILL, power loss) left
 * under prefix: the local backend's temporary files whose writing process no
 * longer runs on this host. *removed (may be NULL) counts them. For S3 and
 * Azure nothing is visible to remove (an unfinished multipart upload or
 * uncommitted blocks are not objects; the service expires them) and this
 * returns 0. */
int floe_objstore_sweep(uint64_t *removed, floe_objstore *s, const char *prefix);

/*
 * Streaming writer: open, write any number of times, then finish (the
 * object appears whole, atomically) or abort (nothing is left). Both finish
 * and abort free the writer, whatever they return; a writer that fails in
 * write must still be finished or aborted (finish then fails, and cleans up).
 *
 *   local: a temporary file ".tmp_<name>.<pid>.<random>" in the target
 *          directory (created as needed), fsync, rename onto the key; abort
 *          unlinks it (floe_objstore_sweep, if the process died).
 *   S3:    objects smaller than one part go up with one PUT on finish;
 *          larger ones are a multipart upload, each part uploaded as soon as
 *          it fills (on a background thread with background_upload), and
 *          AbortMultipartUpload on abort or any failure. The part size
 *          doubles every 500 parts (up to 5 GiB), as ClickHouse's does.
 *   Azure: Put Block per full chunk, Put Block List on finish; abort leaves
 *          only uncommitted blocks, which the service discards.
 *
 * FLOE_OBJSTORE_NO_OVERWRITE makes finish fail with FILE_ALREADY_EXISTS
 * (after cleaning up) when the key exists. Atomic for the local backend
 * (rename without replace) and Azure (If-None-Match: * on Put Blob / Put
 * Block List); S3 checks with HEAD before committing and also sends
 * If-None-Match: *, which AWS honours (412) and older servers ignore.
 */
#define FLOE_OBJSTORE_NO_OVERWRITE 1u
int floe_objstore_open_writer(floe_objstore_writer **out, floe_objstore *s, const char *key,
                              unsigned flags);
int floe_objstore_writer_write(floe_objstore_writer *w, const void *p, size_t n);
int floe_objstore_writer_finish(floe_objstore_writer *w);
void floe_objstore_writer_abort(floe_objstore_writer *w);
/* Stops the writer from any thread: requests in flight end at once, and
 * write and finish fail with QUERY_WAS_CANCELLED. The owner still calls
 * floe_objstore_writer_abort (which cancels by itself too). */
void floe_objstore_writer_cancel(floe_objstore_writer *w);
/* Bytes accepted by write so far. */
uint64_t floe_objstore_writer_bytes(const floe_objstore_writer *w);
/* A floe_sink whose write is floe_objstore_writer_write on w. */
floe_sink floe_objstore_writer_sink(floe_objstore_writer *w);

#endif
