/*
 * Request signing for object storage: AWS Signature Version 4 (canonical
 * request, string to sign, the HMAC-SHA256 signing-key chain) and Azure's
 * SharedKey, with the SHA-256, HMAC and base64 helpers they need (OpenSSL's
 * libcrypto). Pure functions of their inputs, so unit tests can check them
 * against the documented examples.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include "base/mem.h"
#include "objstore/objstore_int.h"

static const char hexdigits[] = "0123456789abcdef";

static void to_hex(char *out, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hexdigits[p[i] >> 4];
        out[2 * i + 1] = hexdigits[p[i] & 15];
    }
    out[2 * n] = '\0';
}

void floe_sha256_hex(char out[65], const void *p, size_t n)
{
    unsigned char md[32];
    SHA256(p, n, md);
    to_hex(out, md, 32);
}

void floe_hmac_sha256(unsigned char out[32], const void *key, size_t klen, const void *msg,
                      size_t mlen)
{
    unsigned int len = 32;
    HMAC(EVP_sha256(), key, (int)klen, msg, mlen, out, &len);
}

void floe_base64_encode(floe_buf *out, const void *p, size_t n)
{
    size_t need = 4 * ((n + 2) / 3);
    floe_buf_reserve(out, need + 1);
    int w = EVP_EncodeBlock((unsigned char *)out->data + out->len, p, (int)n);
    out->len += (size_t)w;
    out->data[out->len] = '\0';
}

int floe_base64_decode(floe_buf *out, const char *s, size_t n)
{
    if (n % 4)
        return -1;
    floe_buf_reserve(out, n / 4 * 3 + 1);
    int w =
        EVP_DecodeBlock((unsigned char *)out->data + out->len, (const unsigned char *)s, (int)n);
    if (w < 0)
        return -1;
    /* EVP_DecodeBlock counts the padding as zero bytes */
    if (n >= 1 && s[n - 1] == '=')
        w--;
    if (n >= 2 && s[n - 2] == '=')
        w--;
    out->len += (size_t)w;
    out->data[out->len] = '\0';
    return 0;
}

void floe_amz_date(char out[17], int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

void floe_http_date(char out[30], int64_t t)
{
    static const char *days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    char tmp[96];
    snprintf(tmp, sizeof tmp, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday], tm.tm_mday,
             months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    snprintf(out, 30, "%.29s", tmp);
}

/* ---- Signature V4 ---------------------------------------------------------*/

typedef struct kv {
    char *name;
    char *value;
} kv;

static int kv_cmp(const void *a, const void *b)
{
    const kv *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->value, y->value);
}

static void kv_free(kv *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        floe_free(v[i].name);
        floe_free(v[i].value);
    }
    floe_free(v);
}

/* Header values for signing: leading/trailing spaces removed and inner runs
 * of spaces collapsed to one. */
static char *trim_value(const char *v)
{
    floe_buf b = FLOE_BUF_INIT;
    while (*v == ' ' || *v == '\t')
        v++;
    int space = 0;
    for (; *v; v++) {
        if (*v == ' ' || *v == '\t') {
            space = 1;
            continue;
        }
        if (space && b.len)
            floe_buf_putc(&b, ' ');
        space = 0;
        floe_buf_putc(&b, *v);
    }
    if (!b.data)
        floe_buf_puts(&b, "");
    return floe_buf_detach(&b, NULL);
}

static char *lower_dup(const char *s)
{
    char *d = floe_strdup(s);
    for (char *p = d; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return d;
}

void floe_sigv4_signing_key(unsigned char out[32], const char *secret, const char *date8,
                            const char *region, const char *service)
{
    floe_buf k = FLOE_BUF_INIT;
    floe_buf_puts(&k, "AWS4");
    floe_buf_puts(&k, secret);
    unsigned char a[32], b[32];
    floe_hmac_sha256(a, k.data, k.len, date8, strlen(date8));
    floe_hmac_sha256(b, a, 32, region, strlen(region));
    floe_hmac_sha256(a, b, 32, service, strlen(service));
    floe_hmac_sha256(out, a, 32, "aws4_request", 12);
    /* the secret must not linger in freed memory */
    memset(k.data, 0, k.len);
    floe_buf_free(&k);
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
}

void floe_sigv4_sign(floe_buf *auth, floe_buf *canonical_request, floe_buf *string_to_sign,
                     const floe_sigv4_input *in)
{
    floe_buf cr = FLOE_BUF_INIT, sts = FLOE_BUF_INIT, signed_headers = FLOE_BUF_INIT;

    /* canonical request */
    floe_buf_puts(&cr, in->method);
    floe_buf_putc(&cr, '\n');
    floe_buf_puts(&cr, in->canonical_uri[0] ? in->canonical_uri : "/");
    floe_buf_putc(&cr, '\n');

    kv *params = floe_calloc(in->nparams ? in->nparams : 1, sizeof *params);
    for (size_t i = 0; i < in->nparams; i++) {
        floe_buf n = FLOE_BUF_INIT, v = FLOE_BUF_INIT;
        floe_uri_encode(&n, in->params[i].name, strlen(in->params[i].name), 0);
        const char *val = in->params[i].value ? in->params[i].value : "";
        floe_uri_encode(&v, val, strlen(val), 0);
        floe_buf_puts(&n, "");
        floe_buf_puts(&v, "");
        params[i].name = floe_buf_detach(&n, NULL);
        params[i].value = floe_buf_detach(&v, NULL);
    }
    qsort(params, in->nparams, sizeof *params, kv_cmp);
    for (size_t i = 0; i < in->nparams; i++) {
        if (i)
            floe_buf_putc(&cr, '&');
        floe_buf_puts(&cr, params[i].name);
        floe_buf_putc(&cr, '=');
        floe_buf_puts(&cr, params[i].value);
    }
    floe_buf_putc(&cr, '\n');

    kv *hdrs = floe_calloc(in->nheaders ? in->nheaders : 1, sizeof *hdrs);
    for (size_t i = 0; i < in->nheaders; i++) {
        hdrs[i].name = lower_dup(in->headers[i].name);
        hdrs[i].value = trim_value(in->headers[i].value);
    }
    qsort(hdrs, in->nheaders, sizeof *hdrs, kv_cmp);
    for (size_t i = 0; i < in->nheaders; i++) {
        /* repeated names join their values with commas */
        if (i && !strcmp(hdrs[i].name, hdrs[i - 1].name)) {
            cr.len--; /* drop the newline */
            floe_buf_putc(&cr, ',');
            floe_buf_puts(&cr, hdrs[i].value);
            floe_buf_putc(&cr, '\n');
            continue;
        }
        floe_buf_puts(&cr, hdrs[i].name);
        floe_buf_putc(&cr, ':');
        floe_buf_puts(&cr, hdrs[i].value);
        floe_buf_putc(&cr, '\n');
        if (signed_headers.len)
            floe_buf_putc(&signed_headers, ';');
        floe_buf_puts(&signed_headers, hdrs[i].name);
    }
    floe_buf_putc(&cr, '\n');
    floe_buf_puts(&cr, signed_headers.data ? signed_headers.data : "");
    floe_buf_putc(&cr, '\n');
    floe_buf_puts(&cr, in->payload_hash);

    /* string to sign */
    char date8[9];
    memcpy(date8, in->amz_date, 8);
    date8[8] = '\0';
    char crhash[65];
    floe_sha256_hex(crhash, cr.data, cr.len);
    floe_buf_printf(&sts, "AWS4-HMAC-SHA256\n%s\n%s/%s/%s/aws4_request\n%s", in->amz_date, date8,
                    in->region, in->service, crhash);

    unsigned char key[32], sig[32];
    floe_sigv4_signing_key(key, in->secret_access_key, date8, in->region, in->service);
    floe_hmac_sha256(sig, key, 32, sts.data, sts.len);
    memset(key, 0, sizeof key);
    char sighex[65];
    to_hex(sighex, sig, 32);

    floe_buf_printf(auth,
                    "AWS4-HMAC-SHA256 Credential=%s/%s/%s/%s/aws4_request,SignedHeaders=%s,"
                    "Signature=%s",
                    in->access_key_id, date8, in->region, in->service,
                    signed_headers.data ? signed_headers.data : "", sighex);

    if (canonical_request)
        floe_buf_append(canonical_request, cr.data, cr.len);
    if (string_to_sign)
        floe_buf_append(string_to_sign, sts.data, sts.len);
    kv_free(params, in->nparams);
    kv_free(hdrs, in->nheaders);
    floe_buf_free(&cr);
    floe_buf_free(&sts);
    floe_buf_free(&signed_headers);
}

/* ---- Azure SharedKey ------------------------------------------------------*/

static const char *find_header(const floe_sharedkey_input *in, const char *name)
{
    for (size_t i = 0; i < in->nheaders; i++)
        if (!strcasecmp(in->headers[i].name, name))
            return in->headers[i].value;
    return NULL;
}

void floe_sharedkey_sign(floe_buf *auth, floe_buf *string_to_sign, const floe_sharedkey_input *in)
{
    /* the standard headers, in the order the string to sign lists them */
    static const char *standard[] = {"Content-Encoding",
                                     "Content-Language",
                                     "Content-Length",
                                     "Content-MD5",
                                     "Content-Type",
                                     "Date",
                                     "If-Modified-Since",
                                     "If-Match",
                                     "If-None-Match",
                                     "If-Unmodified-Since",
                                     "Range"};
    floe_buf sts = FLOE_BUF_INIT;
    floe_buf_puts(&sts, in->method);
    floe_buf_putc(&sts, '\n');
    for (size_t i = 0; i < sizeof standard / sizeof *standard; i++) {
        const char *v = find_header(in, standard[i]);
        /* since version 2015-02-21 a zero Content-Length is signed as empty */
        if (v && !strcasecmp(standard[i], "Content-Length") && !strcmp(v, "0"))
            v = NULL;
        if (v)
            floe_buf_puts(&sts, v);
        floe_buf_putc(&sts, '\n');
    }

    /* canonicalized headers: every x-ms-*, lower-cased, sorted */
    size_t nms = 0;
    kv *ms = floe_calloc(in->nheaders ? in->nheaders : 1, sizeof *ms);
    for (size_t i = 0; i < in->nheaders; i++) {
        if (strncasecmp(in->headers[i].name, "x-ms-", 5))
            continue;
        ms[nms].name = lower_dup(in->headers[i].name);
        ms[nms].value = trim_value(in->headers[i].value);
        nms++;
    }
    qsort(ms, nms, sizeof *ms, kv_cmp);
    for (size_t i = 0; i < nms; i++)
        floe_buf_printf(&sts, "%s:%s\n", ms[i].name, ms[i].value);

    /* canonicalized resource: /account/path, then parameters sorted by
     * lower-cased name, one per line */
    floe_buf_printf(&sts, "/%s%s", in->account, in->canonical_path);
    kv *ps = floe_calloc(in->nparams ? in->nparams : 1, sizeof *ps);
    for (size_t i = 0; i < in->nparams; i++) {
        ps[i].name = lower_dup(in->params[i].name);
        ps[i].value = floe_strdup(in->params[i].value ? in->params[i].value : "");
    }
    qsort(ps, in->nparams, sizeof *ps, kv_cmp);
    for (size_t i = 0; i < in->nparams; i++) {
        if (i && !strcmp(ps[i].name, ps[i - 1].name)) {
            floe_buf_printf(&sts, ",%s", ps[i].value);
            continue;
        }
        floe_buf_printf(&sts, "\n%s:%s", ps[i].name, ps[i].value);
    }

    unsigned char sig[32];
    floe_hmac_sha256(sig, in->key, in->key_len, sts.data, sts.len);
    floe_buf_printf(auth, "SharedKey %s:", in->account);
    floe_base64_encode(auth, sig, 32);
    if (string_to_sign)
        floe_buf_append(string_to_sign, sts.data, sts.len);
    kv_free(ms, nms);
    kv_free(ps, in->nparams);
    floe_buf_free(&sts);
}
