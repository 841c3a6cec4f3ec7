// FLOE_UNIT_DEPS: base objstore
/*
 * Object storage: Signature V4 against AWS's documented examples (the
 * signing-key example, S3's "GET Object" example, the test suite's
 * get-vanilla-query-order-key-case), Azure SharedKey strings to sign built as
 * Microsoft's docs describe with signatures checked by an independent HMAC,
 * the XML walker, URL handling, the chunked writer over a fake backend
 * (foreground and background uploads, failures, abort), and the local
 * backend end to end. Network backends are exercised by the integration
 * scripts against s3rver and Azurite.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/error.h"
#include "base/fs.h"
#include "base/mem.h"
#include "objstore/objstore.h"
#include "objstore/objstore_int.h"

static void hex(char *out, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", p[i]);
}

/* ---- Signature V4 ---------------------------------------------------------*/

static void test_sigv4_signing_key(void **state)
{
    /* AWS General Reference, "Examples of how to derive a signing key" */
    unsigned char key[32];
    char h[65];
    floe_sigv4_signing_key(key, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1",
                           "iam");
    hex(h, key, 32);
    assert_string_equal(h, "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

static void test_sigv4_s3_get_object_example(void **state)
{
    /* Amazon S3 API reference, "Signature calculations for the Authorization
     * header", Example: GET Object (first 10 bytes of test.txt) */
    floe_sig_header h[] = {
        {"Host", "examplebucket.s3.amazonaws.com"},
        {"Range", "bytes=0-9"},
        {"x-amz-content-sha256",
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"x-amz-date", "20130524T000000Z"},
    };
    floe_sigv4_input in = {"GET",
                           "/test.txt",
                           NULL,
                           0,
                           h,
                           4,
                           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                           "20130524T000000Z",
                           "us-east-1",
                           "s3",
                           "AKIAIOSFODNN7EXAMPLE",
                           "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"};
    floe_buf auth = FLOE_BUF_INIT, cr = FLOE_BUF_INIT, sts = FLOE_BUF_INIT;
    floe_sigv4_sign(&auth, &cr, &sts, &in);
    assert_string_equal(cr.data,
                        "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
                        "x-amz-content-sha256:"
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                        "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-"
                        "date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_string_equal(sts.data,
                        "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/"
                        "aws4_request\n"
                        "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
    assert_string_equal(
        auth.data, "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                   "aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                   "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    floe_buf_free(&auth);
    floe_buf_free(&cr);
    floe_buf_free(&sts);
}

static void test_sigv4_query_order(void **state)
{
    /* AWS SigV4 test suite: get-vanilla-query-order-key-case
     * (GET /?Param2=value2&Param1=value1) */
    floe_sig_header h[] = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}};
    floe_sig_param p[] = {{"Param2", "value2"}, {"Param1", "value1"}};
    floe_sigv4_input in = {"GET",
                           "/",
                           p,
                           2,
                           h,
                           2,
                           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                           "20150830T123600Z",
                           "us-east-1",
                           "service",
                           "AKIDEXAMPLE",
                           "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"};
    floe_buf auth = FLOE_BUF_INIT, cr = FLOE_BUF_INIT;
    floe_sigv4_sign(&auth, &cr, NULL, &in);
    assert_string_equal(cr.data,
                        "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\n"
                        "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_string_equal(
        auth.data, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                   "aws4_request,SignedHeaders=host;x-amz-date,"
                   "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    floe_buf_free(&auth);
    floe_buf_free(&cr);
}

static void test_sigv4_canonical_forms(void **state)
{
    /* empty-valued parameters keep their '=', values are percent-encoded
     * (space as %20, '/' encoded), header values trimmed and inner spaces
     * collapsed, names lower-cased and sorted */
    floe_sig_header h[] = {{"X-Amz-Meta-B", "  two   words  "},
                           {"host", "127.0.0.1:9000"},
                           {"x-amz-date", "20240101T000000Z"}};
    floe_sig_param p[] = {{"uploads", ""}, {"prefix", "a b/c"}, {"continuation-token", "x+y="}};
    floe_sigv4_input in = {
        "POST",      "/bkt/k%20ey", p,    3,   h, 3, "UNSIGNED-PAYLOAD", "20240101T000000Z",
        "us-east-1", "s3",          "AK", "SK"};
    floe_buf auth = FLOE_BUF_INIT, cr = FLOE_BUF_INIT;
    floe_sigv4_sign(&auth, &cr, NULL, &in);
    assert_string_equal(cr.data, "POST\n/bkt/k%20ey\n"
                                 "continuation-token=x%2By%3D&prefix=a%20b%2Fc&uploads=\n"
                                 "host:127.0.0.1:9000\nx-amz-date:20240101T000000Z\n"
                                 "x-amz-meta-b:two words\n\nhost;x-amz-date;x-amz-meta-b\n"
                                 "UNSIGNED-PAYLOAD");
    /* the secret never shows in what is sent */
    assert_null(strstr(auth.data, "SK,"));
    assert_non_null(strstr(auth.data, "Credential=AK/20240101/us-east-1/s3/aws4_request"));
    floe_buf_free(&auth);
    floe_buf_free(&cr);
}

/* ---- Azure SharedKey ------------------------------------------------------*/

#define DEV_KEY                                                                                    \
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

static void test_sharedkey_put_block(void **state)
{
    floe_buf key = FLOE_BUF_INIT;
    assert_int_equal(floe_base64_decode(&key, DEV_KEY, strlen(DEV_KEY)), 0);
    assert_int_equal(key.len, 64);
    floe_sig_header h[] = {{"x-ms-version", "2021-08-06"},
                           {"x-ms-date", "Mon, 23 Nov 2026 15:00:00 GMT"},
                           {"Content-Length", "1024"}};
    floe_sig_param p[] = {{"comp", "block"}, {"blockid", "ZmxvZTAxMjM0NTY3ODlhYi0wMDAwMDAx"}};
    floe_sharedkey_input in = {"PUT",
                               "devstoreaccount1",
                               "/devstoreaccount1/cont/dir/my%20file.bin",
                               p,
                               2,
                               h,
                               3,
                               (const unsigned char *)key.data,
                               key.len};
    floe_buf auth = FLOE_BUF_INIT, sts = FLOE_BUF_INIT;
    floe_sharedkey_sign(&auth, &sts, &in);
    assert_string_equal(sts.data,
                        "PUT\n\n\n1024\n\n\n\n\n\n\n\n\nx-ms-date:Mon, 23 Nov 2026 15:00:00 GMT\n"
                        "x-ms-version:2021-08-06\n"
                        "/devstoreaccount1/devstoreaccount1/cont/dir/my%20file.bin\n"
                        "blockid:ZmxvZTAxMjM0NTY3ODlhYi0wMDAwMDAx\ncomp:block");
    /* HMAC-SHA256 of that string under the key, computed independently */
    assert_string_equal(auth.data,
                        "SharedKey devstoreaccount1:o3YC/5ZyG+dmlbkOln2wzqlz7NhNcIf8NhOs2IlR070=");
    floe_buf_free(&auth);
    floe_buf_free(&sts);
    floe_buf_free(&key);
}

static void test_sharedkey_repeated_params(void **state)
{
    /* Microsoft's canonicalized-resource example: parameters sorted by name,
     * a repeated one's values sorted and joined with commas; a zero
     * Content-Length is signed as empty */
    floe_buf key = FLOE_BUF_INIT;
    floe_base64_decode(&key, DEV_KEY, strlen(DEV_KEY));
    floe_sig_header h[] = {{"x-ms-date", "Mon, 23 Nov 2026 15:00:00 GMT"},
                           {"x-ms-version", "2021-08-06"},
                           {"Content-Length", "0"}};
    floe_sig_param p[] = {{"restype", "container"},
                          {"comp", "list"},
                          {"include", "snapshots"},
                          {"include", "metadata"},
                          {"include", "uncommittedblobs"}};
    floe_sharedkey_input in = {
        "GET", "myaccount", "/mycontainer", p, 5, h, 3, (const unsigned char *)key.data, key.len};
    floe_buf auth = FLOE_BUF_INIT, sts = FLOE_BUF_INIT;
    floe_sharedkey_sign(&auth, &sts, &in);
    assert_string_equal(sts.data,
                        "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Mon, 23 Nov 2026 15:00:00 "
                        "GMT\nx-ms-version:2021-08-06\n/myaccount/mycontainer\ncomp:list\n"
                        "include:metadata,snapshots,uncommittedblobs\nrestype:container");
    assert_string_equal(auth.data,
                        "SharedKey myaccount:tUq5mJKCj5JXjhWFFg3KgnU830PejvSqPth7Pf++s+U=");
    floe_buf_free(&auth);
    floe_buf_free(&sts);
    floe_buf_free(&key);
}

/* ---- helpers --------------------------------------------------------------*/

static void test_encodings(void **state)
{
    floe_buf b = FLOE_BUF_INIT;
    floe_uri_encode(&b, "a b/c~d_e.f-g*h+é", strlen("a b/c~d_e.f-g*h+é"), 1);
    assert_string_equal(b.data, "a%20b/c~d_e.f-g%2Ah%2B%C3%A9");
    floe_buf_clear(&b);
    floe_uri_decode(&b, "a%20b%2fc%zz%4", strlen("a%20b%2fc%zz%4"));
    assert_string_equal(b.data, "a b/c%zz%4");
    floe_buf_clear(&b);
    floe_base64_encode(&b, "floe", 4);
    assert_string_equal(b.data, "ZmxvZQ==");
    floe_buf_clear(&b);
    assert_int_equal(floe_base64_decode(&b, "ZmxvZQ==", 8), 0);
    assert_int_equal(b.len, 4);
    assert_memory_equal(b.data, "floe", 4);
    floe_buf_clear(&b);
    assert_int_equal(floe_base64_decode(&b, "Zmx", 3), -1);
    floe_buf_free(&b);

    char d[30], a[17];
    floe_http_date(d, 1369353600); /* 2013-05-24 00:00:00 UTC, a Friday */
    assert_string_equal(d, "Fri, 24 May 2013 00:00:00 GMT");
    floe_amz_date(a, 1369353600);
    assert_string_equal(a, "20130524T000000Z");
    char sh[65];
    floe_sha256_hex(sh, "", 0);
    assert_string_equal(sh, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    char *s, *au, *p;
    assert_int_equal(floe_url_split(&s, &au, &p, "HTTP://Host.Example:9000/Bkt/a%20b?x=1"), 0);
    assert_string_equal(s, "http");
    assert_string_equal(au, "host.example:9000");
    assert_string_equal(p, "/Bkt/a%20b");
    floe_free(s);
    floe_free(au);
    floe_free(p);
    assert_int_equal(floe_url_split(&s, &au, &p, "no-scheme"), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_BAD_ARGUMENTS);
    assert_int_equal(floe_url_split(&s, &au, &p, "http://user:pw@host/b"), -1);
    assert_null(strstr(floe_error_message(), "pw"));
}

struct xml_seen {
    floe_buf log;
};

static void xml_cb(void *ctx, const char *path, const char *text, size_t len)
{
    struct xml_seen *x = ctx;
    floe_buf_printf(&x->log, "%s=%.*s;", path, (int)len, text);
}

static void test_xml_walk(void **state)
{
    const char *doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                      "<IsTruncated>true</IsTruncated><Contents><Key>a&amp;b/c.txt</Key>"
                      "<Size>12</Size></Contents><NextContinuationToken>tok</NextContinuationToken>"
                      "</ListBucketResult>";
    struct xml_seen x = {FLOE_BUF_INIT};
    assert_int_equal(floe_xml_walk(doc, strlen(doc), xml_cb, &x, FLOE_ERR_S3_ERROR), 0);
    assert_string_equal(x.log.data,
                        "ListBucketResult/IsTruncated=true;ListBucketResult/Contents/Key=a&b/c.txt;"
                        "ListBucketResult/Contents/Size=12;ListBucketResult/Contents=;"
                        "ListBucketResult/NextContinuationToken=tok;ListBucketResult=;");
    floe_buf_clear(&x.log);
    assert_int_equal(floe_xml_walk("<a><b></a>", 10, xml_cb, &x, FLOE_ERR_S3_ERROR), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_S3_ERROR);
    floe_buf_free(&x.log);
    floe_buf e = FLOE_BUF_INIT;
    floe_xml_escape(&e, "\"a\"<&>'");
    assert_string_equal(e.data, "&quot;a&quot;&lt;&amp;&gt;&apos;");
    floe_buf_free(&e);
}

/* ---- opening --------------------------------------------------------------*/

static void test_open_kinds(void **state)
{
    floe_objstore *s;
    floe_objstore_options o = FLOE_OBJSTORE_OPTIONS_INIT;

    o.url = "https://my-bucket.s3.eu-west-1.amazonaws.com/exports/t1";
    o.access_key_id = "AKID";
    o.secret_access_key = "TOPSECRET";
    assert_int_equal(floe_objstore_open(&s, &o), 0);
    assert_int_equal(floe_objstore_kind_of(s), FLOE_OBJSTORE_S3);
    assert_string_equal(floe_objstore_describe(s),
                        "https://my-bucket.s3.eu-west-1.amazonaws.com/exports/t1/");
    char *l = floe_objstore_location(s, "k=1/a b.parquet");
    assert_string_equal(
        l, "https://my-bucket.s3.eu-west-1.amazonaws.com/exports/t1/k%3D1/a%20b.parquet");
    floe_free(l);
    floe_objstore_free(s);

    o.url = "http://127.0.0.1:9000/bkt/pre%20fix";
    assert_int_equal(floe_objstore_open(&s, &o), 0);
    assert_string_equal(floe_objstore_describe(s), "http://127.0.0.1:9000/bkt/pre fix/");
    l = floe_objstore_location(s, "x");
    assert_string_equal(l, "http://127.0.0.1:9000/bkt/pre%20fix/x");
    floe_free(l);
    floe_objstore_free(s);

    o.prefix = "/sub/dir";
    assert_int_equal(floe_objstore_open(&s, &o), 0);
    assert_string_equal(floe_objstore_describe(s), "http://127.0.0.1:9000/bkt/pre fix/sub/dir/");
    floe_objstore_free(s);
    o.prefix = NULL;

    o.url = "http://127.0.0.1:9000/";
    assert_int_equal(floe_objstore_open(&s, &o), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_BAD_ARGUMENTS);
    assert_null(strstr(floe_error_message(), "TOPSECRET"));

    o.url = "ftp://host/x";
    assert_int_equal(floe_objstore_open(&s, &o), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_UNSUPPORTED_URI_SCHEME);

    o.url = "file:///tmp/some%20dir/";
    assert_int_equal(floe_objstore_open(&s, &o), 0);
    assert_int_equal(floe_objstore_kind_of(s), FLOE_OBJSTORE_LOCAL);
    assert_string_equal(floe_objstore_describe(s), "/tmp/some dir");
    floe_objstore_free(s);
    o.prefix = "k=1";
    assert_int_equal(floe_objstore_open(&s, &o), 0);
    assert_string_equal(floe_objstore_describe(s), "/tmp/some dir/k=1");
    floe_objstore_free(s);
    o.prefix = "../up";
    assert_int_equal(floe_objstore_open(&s, &o), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_BAD_ARGUMENTS);
    o.prefix = NULL;

    o = (floe_objstore_options)FLOE_OBJSTORE_OPTIONS_INIT;
    o.connection_string =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" DEV_KEY
        ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
    o.container = "cont";
    o.prefix = "dir";
    assert_int_equal(floe_objstore_open(&s, &o), 0);
    assert_int_equal(floe_objstore_kind_of(s), FLOE_OBJSTORE_AZURE);
    assert_string_equal(floe_objstore_describe(s),
                        "http://127.0.0.1:10000/devstoreaccount1/cont/dir/");
    floe_objstore_free(s);

    o.connection_string = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" DEV_KEY
                          ";EndpointSuffix=core.windows.net";
    o.prefix = NULL;
    assert_int_equal(floe_objstore_open(&s, &o), 0);
    assert_string_equal(floe_objstore_describe(s), "https://acct.blob.core.windows.net/cont/");
    floe_objstore_free(s);

    o.connection_string = "AccountName=acct;AccountKey=not base64!";
    assert_int_equal(floe_objstore_open(&s, &o), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_BAD_ARGUMENTS);
    assert_null(strstr(floe_error_message(), "base64!"));

    o.connection_string = NULL;
    o.url = "https://acct.blob.core.windows.net";
    o.account_name = "acct";
    o.account_key = DEV_KEY;
    o.container = NULL;
    assert_int_equal(floe_objstore_open(&s, &o), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_BAD_ARGUMENTS);
    o.container = "c";
    assert_int_equal(floe_objstore_open(&s, &o), 0);
    assert_int_equal(floe_objstore_kind_of(s), FLOE_OBJSTORE_AZURE);
    floe_objstore_free(s);
}

static void test_network_error(void **state)
{
    /* nothing listens on port 1: NETWORK_ERROR after the retries, quickly,
     * with no secret in the message */
    floe_objstore *s;
    floe_objstore_options o = FLOE_OBJSTORE_OPTIONS_INIT;
    o.url = "http://127.0.0.1:1/bkt";
    o.access_key_id = "AKID";
    o.secret_access_key = "TOPSECRET";
    o.max_retries = 2;
    o.retry_initial_ms = 1;
    assert_int_equal(floe_objstore_open(&s, &o), 0);
    int exists = 7;
    assert_int_equal(floe_objstore_head(&exists, NULL, s, "k"), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NETWORK_ERROR);
    assert_int_equal(exists, 0);
    assert_null(strstr(floe_error_message(), "TOPSECRET"));
    floe_objstore_writer *w;
    assert_int_equal(floe_objstore_open_writer(&w, s, "k", 0), 0);
    assert_int_equal(floe_objstore_writer_write(w, "abc", 3), 0);
    assert_int_equal(floe_objstore_writer_finish(w), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_NETWORK_ERROR);
    floe_objstore_free(s);
}

/* ---- the chunked writer over a fake backend -------------------------------*/

typedef struct fake {
    floe_buf object; /* what commit or put_whole made visible */
    floe_buf chunks[1024];
    unsigned nchunks_seen;
    int begun, aborted, committed, whole, fail_at, exists;
    size_t max_chunk;
} fake;

static int f_put_whole(void *ctx, const void *p, size_t n)
{
    fake *f = ctx;
    f->whole++;
    floe_buf_append(&f->object, p, n);
    return 0;
}
static int f_begin(void *ctx)
{
    ((fake *)ctx)->begun++;
    return 0;
}
static pthread_mutex_t fake_mu = PTHREAD_MUTEX_INITIALIZER;

static int f_upload(void *ctx, unsigned idx, const void *p, size_t n)
{
    fake *f = ctx;
    pthread_mutex_lock(&fake_mu);
    int rc = 0;
    if (f->fail_at && (int)idx + 1 == f->fail_at) {
        rc = floe_error(FLOE_ERR_S3_ERROR, "part %u refused", idx + 1);
    } else {
        assert_true(idx < 1024);
        floe_buf_append(&f->chunks[idx], p, n);
        if (n > f->max_chunk)
            f->max_chunk = n;
        f->nchunks_seen++;
    }
    pthread_mutex_unlock(&fake_mu);
    return rc;
}
static int f_commit(void *ctx, unsigned n)
{
    fake *f = ctx;
    for (unsigned i = 0; i < n; i++)
        floe_buf_append(&f->object, f->chunks[i].data, f->chunks[i].len);
    f->committed++;
    return 0;
}
static void f_abort(void *ctx)
{
    ((fake *)ctx)->aborted++;
}
static int f_exists(void *ctx, int *e)
{
    *e = ((fake *)ctx)->exists;
    return 0;
}

static const floe_chunk_ops fake_ops = {f_put_whole, f_begin,  f_upload, f_commit,
                                        f_abort,     f_exists, NULL};

static void fake_free(fake *f)
{
    floe_buf_free(&f->object);
    for (int i = 0; i < 1024; i++)
        floe_buf_free(&f->chunks[i]);
}

static void run_chunked(int background)
{
    unsigned char data[10000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 7 + 1);

    /* a small object: one put_whole, no multipart */
    fake f = {0};
    floe_objstore_writer *w = floe_chunk_writer_new(&fake_ops, &f, 1000, background, 0, "t");
    assert_int_equal(floe_objstore_writer_write(w, data, 999), 0);
    assert_int_equal(floe_objstore_writer_finish(w), 0);
    assert_int_equal(f.whole, 1);
    assert_int_equal(f.begun, 0);
    assert_int_equal(f.object.len, 999);
    fake_free(&f);

    /* several chunks, written in uneven pieces */
    memset(&f, 0, sizeof f);
    w = floe_chunk_writer_new(&fake_ops, &f, 1000, background, 0, "t");
    for (size_t off = 0; off < 4500;) {
        size_t n = off % 3 == 0 ? 333 : 777;
        if (n > 4500 - off)
            n = 4500 - off;
        assert_int_equal(floe_objstore_writer_write(w, data + off, n), 0);
        off += n;
    }
    assert_int_equal(floe_objstore_writer_bytes(w), 4500);
    assert_int_equal(floe_objstore_writer_finish(w), 0);
    assert_int_equal(f.begun, 1);
    assert_int_equal(f.committed, 1);
    assert_int_equal(f.nchunks_seen, 5);
    assert_int_equal(f.max_chunk, 1000);
    assert_int_equal(f.aborted, 0);
    assert_int_equal(f.object.len, 4500);
    assert_memory_equal(f.object.data, data, 4500);
    fake_free(&f);

    /* a failing part: the failure surfaces (now or at finish), the upload is
     * aborted and nothing is committed */
    memset(&f, 0, sizeof f);
    f.fail_at = 2;
    w = floe_chunk_writer_new(&fake_ops, &f, 1000, background, 0, "t");
    int rc = 0;
    for (size_t off = 0; off < 6000 && rc == 0; off += 500)
        rc = floe_objstore_writer_write(w, data + off, 500);
    assert_int_equal(floe_objstore_writer_finish(w), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_S3_ERROR);
    assert_non_null(strstr(floe_error_message(), "part 2 refused"));
    assert_int_equal(f.aborted, 1);
    assert_int_equal(f.committed, 0);
    fake_free(&f);

    /* abort after parts went up */
    memset(&f, 0, sizeof f);
    w = floe_chunk_writer_new(&fake_ops, &f, 1000, background, 0, "t");
    assert_int_equal(floe_objstore_writer_write(w, data, 2500), 0);
    floe_objstore_writer_abort(w);
    assert_int_equal(f.aborted, 1);
    assert_int_equal(f.committed, 0);
    fake_free(&f);

    /* NO_OVERWRITE over an existing key: FILE_ALREADY_EXISTS, aborted */
    memset(&f, 0, sizeof f);
    f.exists = 1;
    w = floe_chunk_writer_new(&fake_ops, &f, 1000, background, FLOE_OBJSTORE_NO_OVERWRITE, "t");
    assert_int_equal(floe_objstore_writer_write(w, data, 2500), 0);
    assert_int_equal(floe_objstore_writer_finish(w), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_FILE_ALREADY_EXISTS);
    assert_int_equal(f.aborted, 1);
    assert_int_equal(f.committed, 0);
    fake_free(&f);
}

static void test_chunked_part_growth(void **state)
{
    /* after 500 parts the part size doubles */
    static fake f;
    memset(&f, 0, sizeof f);
    unsigned char data[5045];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 13 + 5);
    floe_objstore_writer *w = floe_chunk_writer_new(&fake_ops, &f, 10, 1, 0, "t");
    for (size_t off = 0; off < sizeof data; off += 5)
        assert_int_equal(floe_objstore_writer_write(w, data + off, 5), 0);
    assert_int_equal(floe_objstore_writer_finish(w), 0);
    assert_int_equal(f.nchunks_seen, 503);
    assert_int_equal(f.chunks[499].len, 10);
    assert_int_equal(f.chunks[500].len, 20);
    assert_int_equal(f.chunks[502].len, 5);
    assert_int_equal(f.object.len, sizeof data);
    assert_memory_equal(f.object.data, data, sizeof data);
    fake_free(&f);
}

static void test_chunked_foreground(void **state)
{
    run_chunked(0);
}

static void test_chunked_background(void **state)
{
    run_chunked(1);
    run_chunked(3);
}

static void test_chunked_cancel(void **state)
{
    static fake f;
    memset(&f, 0, sizeof f);
    char data[2500] = {0};
    floe_objstore_writer *w = floe_chunk_writer_new(&fake_ops, &f, 1000, 1, 0, "t");
    assert_int_equal(floe_objstore_writer_write(w, data, 2500), 0);
    floe_objstore_writer_cancel(w);
    assert_int_equal(floe_objstore_writer_write(w, data, 10), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_QUERY_WAS_CANCELLED);
    assert_int_equal(floe_objstore_writer_finish(w), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_QUERY_WAS_CANCELLED);
    assert_int_equal(f.aborted, 1);
    assert_int_equal(f.committed, 0);
    fake_free(&f);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *cancel_later(void *w)
{
    struct timespec ts = {0, 300 * 1000000L};
    nanosleep(&ts, NULL);
    floe_objstore_writer_cancel(w);
    return NULL;
}

/* A server that accepts connections (the kernel does, from the backlog) and
 * never answers: an upload to it hangs until cancelled. */
static void test_cancel_stops_a_hanging_upload(void **state)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(fd, 16), 0);
    socklen_t al = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &al);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/bkt", ntohs(a.sin_port));

    floe_objstore *s;
    floe_objstore_options o = FLOE_OBJSTORE_OPTIONS_INIT;
    o.url = url;
    o.no_sign = 1;
    o.s3_min_upload_part_size = 1000;
    assert_int_equal(floe_objstore_open(&s, &o), 0);
    floe_objstore_writer *w;
    assert_int_equal(floe_objstore_open_writer(&w, s, "k", 0), 0);
    char data[1500] = {0};
    double t0 = now_s();
    /* the first part starts CreateMultipartUpload on this thread, which
     * hangs; another thread cancels it */
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, cancel_later, w), 0);
    assert_int_equal(floe_objstore_writer_write(w, data, sizeof data), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_QUERY_WAS_CANCELLED);
    pthread_join(th, NULL);
    assert_true(now_s() - t0 >= 0.2);
    floe_objstore_writer_abort(w);
    assert_true(now_s() - t0 < 5);
    floe_objstore_free(s);
    close(fd);
}

/* ---- the local backend ----------------------------------------------------*/

static int collect(void *ctx, const floe_objstore_entry *e)
{
    floe_buf_printf(ctx, "%s:%llu;", e->key, (unsigned long long)e->size);
    return 0;
}

static void test_local_backend(void **state)
{
    char dir[] = "/tmp/floe-objstore-unit.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char root[256];
    snprintf(root, sizeof root, "%s/root", dir);
    floe_objstore_options o = FLOE_OBJSTORE_OPTIONS_INIT;
    o.url = root;
    floe_objstore *s;
    assert_int_equal(floe_objstore_open(&s, &o), 0);
    assert_int_equal(floe_objstore_create_root(s), 0);

    assert_int_equal(floe_objstore_put(s, "k=1/a.txt", "hello", 5), 0);
    assert_int_equal(floe_objstore_put(s, "k=2/b.txt", "", 0), 0);
    assert_int_equal(floe_objstore_put(s, "top.txt", "0123456789", 10), 0);

    int exists;
    floe_objstore_stat st;
    assert_int_equal(floe_objstore_head(&exists, &st, s, "k=1/a.txt"), 0);
    assert_int_equal(exists, 1);
    assert_int_equal(st.size, 5);
    assert_true(st.mtime > 0);
    assert_int_equal(floe_objstore_head(&exists, &st, s, "k=1"), 0);
    assert_int_equal(exists, 0); /* a directory is no object */
    assert_int_equal(floe_objstore_head(&exists, NULL, s, "none/x"), 0);
    assert_int_equal(exists, 0);

    floe_buf b = FLOE_BUF_INIT;
    assert_int_equal(floe_objstore_get_buf(&b, s, "top.txt", 2, 3), 0);
    assert_string_equal(b.data, "234");
    floe_buf_clear(&b);
    assert_int_equal(floe_objstore_get_buf(&b, s, "top.txt", 8, FLOE_OBJSTORE_TO_END), 0);
    assert_string_equal(b.data, "89");
    floe_buf_clear(&b);
    assert_int_equal(floe_objstore_get_buf(&b, s, "top.txt", 8, 100), 0);
    assert_string_equal(b.data, "89");
    floe_buf_clear(&b);
    assert_int_equal(floe_objstore_get_buf(&b, s, "top.txt", 20, 5), 0);
    assert_int_equal(b.len, 0);
    assert_int_equal(floe_objstore_get_buf(&b, s, "missing", 0, FLOE_OBJSTORE_TO_END), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_FILE_DOESNT_EXIST);
    assert_int_equal(floe_objstore_get_buf(&b, s, "../x", 0, 1), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_BAD_ARGUMENTS);
    assert_int_equal(floe_objstore_put(s, "a/../../x", "x", 1), -1);

    /* a streaming writer: invisible (and unlisted) until finish */
    floe_objstore_writer *w;
    assert_int_equal(floe_objstore_open_writer(&w, s, "k=1/big.bin", 0), 0);
    char chunk[70000];
    memset(chunk, 'z', sizeof chunk);
    for (int i = 0; i < 40; i++)
        assert_int_equal(floe_objstore_writer_write(w, chunk, i % 2 ? sizeof chunk : 10), 0);
    assert_int_equal(floe_objstore_head(&exists, NULL, s, "k=1/big.bin"), 0);
    assert_int_equal(exists, 0);
    floe_buf_clear(&b);
    assert_int_equal(floe_objstore_list(s, "", collect, &b), 0);
    assert_string_equal(b.data, "k=1/a.txt:5;k=2/b.txt:0;top.txt:10;");
    assert_int_equal(floe_objstore_writer_finish(w), 0);
    assert_int_equal(floe_objstore_head(&exists, &st, s, "k=1/big.bin"), 0);
    assert_int_equal(exists, 1);
    assert_int_equal(st.size, 20 * 70000 + 20 * 10);

    /* abort leaves nothing, not even the temporary file */
    assert_int_equal(floe_objstore_open_writer(&w, s, "k=3/gone.bin", 0), 0);
    assert_int_equal(floe_objstore_writer_write(w, "abc", 3), 0);
    floe_objstore_writer_abort(w);
    char k3[300];
    snprintf(k3, sizeof k3, "%s/k=3", root);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", k3);
    assert_int_equal(system(cmd), 0);

    /* cancel: later writes fail, finish fails and removes the temporary */
    assert_int_equal(floe_objstore_open_writer(&w, s, "k=3/cancelled.bin", 0), 0);
    assert_int_equal(floe_objstore_writer_write(w, "abc", 3), 0);
    floe_objstore_writer_cancel(w);
    assert_int_equal(floe_objstore_writer_write(w, "abc", 3), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_QUERY_WAS_CANCELLED);
    assert_int_equal(floe_objstore_writer_finish(w), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_QUERY_WAS_CANCELLED);
    assert_int_equal(system(cmd), 0);

    /* NO_OVERWRITE */
    assert_int_equal(floe_objstore_open_writer(&w, s, "top.txt", FLOE_OBJSTORE_NO_OVERWRITE), 0);
    assert_int_equal(floe_objstore_writer_write(w, "new", 3), 0);
    assert_int_equal(floe_objstore_writer_finish(w), -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_FILE_ALREADY_EXISTS);
    floe_buf_clear(&b);
    assert_int_equal(floe_objstore_get_buf(&b, s, "top.txt", 0, FLOE_OBJSTORE_TO_END), 0);
    assert_string_equal(b.data, "0123456789");
    assert_int_equal(floe_objstore_open_writer(&w, s, "new.txt", FLOE_OBJSTORE_NO_OVERWRITE), 0);
    assert_int_equal(floe_objstore_writer_write(w, "new", 3), 0);
    assert_int_equal(floe_objstore_writer_finish(w), 0);

    /* listing with prefixes */
    floe_buf_clear(&b);
    assert_int_equal(floe_objstore_list(s, "k=1/", collect, &b), 0);
    assert_string_equal(b.data, "k=1/a.txt:5;k=1/big.bin:1400200;");
    floe_buf_clear(&b);
    assert_int_equal(floe_objstore_list(s, "k", collect, &b), 0);
    assert_string_equal(b.data, "k=1/a.txt:5;k=1/big.bin:1400200;k=2/b.txt:0;");
    floe_buf_clear(&b);
    assert_int_equal(floe_objstore_list(s, "zzz", collect, &b), 0);
    assert_null(b.data && b.len ? b.data : NULL);

    assert_int_equal(floe_objstore_delete(s, "k=1/a.txt"), 0);
    assert_int_equal(floe_objstore_delete(s, "k=1/a.txt"), 0); /* missing: fine */
    floe_buf_clear(&b);
    assert_int_equal(floe_objstore_list(s, "k=1", collect, &b), 0);
    assert_string_equal(b.data, "k=1/big.bin:1400200;");

    /* a writer whose process dies leaves its temporary file; sweep removes
     * it, and only it: a live writer's temporary stays */
    pid_t child = fork();
    if (child == 0) {
        floe_objstore_writer *cw;
        if (floe_objstore_open_writer(&cw, s, "k=4/dead.bin", 0) == 0)
            floe_objstore_writer_write(cw, "partial", 7);
        _exit(0); /* as if killed: neither finish nor abort */
    }
    int status;
    waitpid(child, &status, 0);
    assert_int_equal(floe_objstore_open_writer(&w, s, "k=4/live.bin", 0), 0);
    assert_int_equal(floe_objstore_writer_write(w, "x", 1), 0);
    snprintf(cmd, sizeof cmd, "ls -A '%s/k=4' | grep -c '^.tmp_'", root);
    FILE *pf = popen(cmd, "r");
    int ntmp = 0;
    assert_int_equal(fscanf(pf, "%d", &ntmp), 1);
    pclose(pf);
    assert_int_equal(ntmp, 2);
    uint64_t removed = 99;
    assert_int_equal(floe_objstore_sweep(&removed, s, "k=3"), 0);
    assert_int_equal(removed, 0); /* another prefix */
    assert_int_equal(floe_objstore_sweep(&removed, s, ""), 0);
    assert_int_equal(removed, 1);
    assert_int_equal(floe_objstore_writer_finish(w), 0);
    floe_buf_clear(&b);
    assert_int_equal(floe_objstore_list(s, "k=4", collect, &b), 0);
    assert_string_equal(b.data, "k=4/live.bin:1;");
    snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s/k=4')\" = live.bin", root);
    assert_int_equal(system(cmd), 0);

    floe_buf_free(&b);
    floe_objstore_free(s);
    floe_fs_remove_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sigv4_signing_key),
        cmocka_unit_test(test_sigv4_s3_get_object_example),
        cmocka_unit_test(test_sigv4_query_order),
        cmocka_unit_test(test_sigv4_canonical_forms),
        cmocka_unit_test(test_sharedkey_put_block),
        cmocka_unit_test(test_sharedkey_repeated_params),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_xml_walk),
        cmocka_unit_test(test_open_kinds),
        cmocka_unit_test(test_network_error),
        cmocka_unit_test(test_chunked_foreground),
        cmocka_unit_test(test_chunked_background),
        cmocka_unit_test(test_chunked_part_growth),
        cmocka_unit_test(test_chunked_cancel),
        cmocka_unit_test(test_cancel_stops_a_hanging_upload),
        cmocka_unit_test(test_local_backend),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
