/*
 * Encoding one column chunk: dictionary (RLE_DICTIONARY with a PLAIN
 * dictionary page, falling back to PLAIN for the whole chunk when the
 * dictionary outgrows its limit), data pages v1 cut at the page size,
 * compression, page CRCs, and min/max/null counts per page and per chunk
 * for the statistics and the page index. Planning is one step per chunk;
 * each page is then encoded on its own, so pages can run in parallel.
 */
#include <math.h>
#include <string.h>
#include <zlib.h>

#include "base/error.h"
#include "base/mem.h"
#include "compress/codec.h"
#include "parquet/bloom.h"
#include "parquet/chunk.h"
#include "parquet/thrift.h"

void floe_parquet_scratch_free(floe_parquet_scratch *s)
{
    floe_free(s->seen);
    floe_free(s->lens);
    floe_buf_free(&s->body);
    floe_buf_free(&s->levels);
    floe_buf_free(&s->alt);
    memset(s, 0, sizeof *s);
}

void floe_parquet_colenc_free(floe_parquet_colenc *e)
{
    floe_parquet_dict_free(&e->dict);
    floe_free(e->idx);
    for (size_t i = 0; i < e->pages_cap; i++) {
        floe_parquet_pagebuf *p = &e->pages[i];
        floe_buf_free(&p->head);
        floe_buf_free(&p->payload);
        floe_buf_free(&p->bounds);
        floe_free(p->err_msg);
    }
    floe_free(e->pages);
    memset(e, 0, sizeof *e);
}

void floe_parquet_chunk_free(floe_parquet_chunk *c)
{
    floe_buf_free(&c->bloom);
    floe_buf_free(&c->stats);
    floe_free(c->pages);
    memset(c, 0, sizeof *c);
}

int floe_parquet_compress(floe_buf *out, const void *in, size_t n, const floe_parquet_options *opts)
{
    floe_codec_method m;
    switch (opts->codec) {
    case FLOE_PARQUET_SNAPPY:
        m = FLOE_CODEC_SNAPPY;
        break;
    case FLOE_PARQUET_GZIP:
        m = FLOE_CODEC_GZIP;
        break;
    case FLOE_PARQUET_BROTLI:
        m = FLOE_CODEC_BROTLI;
        break;
    case FLOE_PARQUET_ZSTD:
        m = FLOE_CODEC_ZSTD;
        break;
    case FLOE_PARQUET_LZ4_RAW:
        m = FLOE_CODEC_LZ4;
        break;
    default:
        m = FLOE_CODEC_NONE;
        break;
    }
    floe_codec c = floe_codec_make(m, opts->level ? opts->level : FLOE_CODEC_DEFAULT_LEVEL);
    return floe_codec_compress(out, &c, in, n);
}

/* --- statistics --- */

static int cmp_bytes(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    if (alen >= 8 && blen >= 8) {
        /* Most pairs differ in their first 8 bytes: compare them as one
         * big-endian word before calling memcmp. */
        uint64_t x, y;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        if (x != y)
            return __builtin_bswap64(x) < __builtin_bswap64(y) ? -1 : 1;
    }
    size_t n = alen < blen ? alen : blen;
    int c = n ? memcmp(a, b, n) : 0;
    if (c)
        return c;
    return alen < blen ? -1 : alen > blen;
}

static int cmp_decimal_be(const uint8_t *a, const uint8_t *b, size_t n)
{
    if (n == 0)
        return 0;
    if (a[0] != b[0])
        return (int8_t)a[0] < (int8_t)b[0] ? -1 : 1;
    return n > 1 ? memcmp(a + 1, b + 1, n - 1) : 0;
}

#define CMP_AS(T)                                                                                  \
    do {                                                                                           \
        T x, y;                                                                                    \
        memcpy(&x, a, sizeof x);                                                                   \
        memcpy(&y, b, sizeof y);                                                                   \
        return (x > y) - (x < y);                                                                  \
    } while (0)

int floe_parquet_stat_compare(floe_parquet_order order, const uint8_t *a, size_t alen,
                              const uint8_t *b, size_t blen)
{
    switch (order) {
    case PQ_ORDER_S32:
        CMP_AS(int32_t);
    case PQ_ORDER_U32:
        CMP_AS(uint32_t);
    case PQ_ORDER_S64:
        CMP_AS(int64_t);
    case PQ_ORDER_U64:
        CMP_AS(uint64_t);
    case PQ_ORDER_F32:
        CMP_AS(float);
    case PQ_ORDER_F64:
        CMP_AS(double);
    case PQ_ORDER_BOOL:
        return (a[0] > b[0]) - (a[0] < b[0]);
    case PQ_ORDER_DECIMAL_BE:
        return cmp_decimal_be(a, b, alen);
    case PQ_ORDER_BYTES:
    default:
        return cmp_bytes(a, alen, b, blen);
    }
}

/* Min and max of the integers a[0..n), as raw bytes. */
#define INT_MINMAX(T)                                                                              \
    do {                                                                                           \
        const T *a = (const T *)(const void *)base;                                                \
        T mn = a[0], mx = a[0];                                                                    \
        for (size_t i = 1; i < n; i++) {                                                           \
            mn = a[i] < mn ? a[i] : mn;                                                            \
            mx = a[i] > mx ? a[i] : mx;                                                            \
        }                                                                                          \
        memcpy(minb, &mn, sizeof mn);                                                              \
        memcpy(maxb, &mx, sizeof mx);                                                              \
        *len = sizeof(T);                                                                          \
        return true;                                                                               \
    } while (0)

/* Floats: NaN is left out; a zero minimum is written as -0.0 and a zero
 * maximum as +0.0 (parquet.thrift's rules for TYPE_ORDER). */
#define FLOAT_MINMAX(T)                                                                            \
    do {                                                                                           \
        const T *a = (const T *)(const void *)base;                                                \
        T mn = INFINITY, mx = -INFINITY;                                                           \
        bool any = false;                                                                          \
        for (size_t i = 0; i < n; i++) {                                                           \
            T x = a[i];                                                                            \
            if (x != x)                                                                            \
                continue;                                                                          \
            any = true;                                                                            \
            mn = x < mn ? x : mn;                                                                  \
            mx = x > mx ? x : mx;                                                                  \
        }                                                                                          \
        if (!any)                                                                                  \
            return false;                                                                          \
        if (mn == 0)                                                                               \
            mn = (T)-0.0;                                                                          \
        if (mx == 0)                                                                               \
            mx = (T)0.0;                                                                           \
        memcpy(minb, &mn, sizeof mn);                                                              \
        memcpy(maxb, &mx, sizeof mx);                                                              \
        *len = sizeof(T);                                                                          \
        return true;                                                                               \
    } while (0)

/* Fixed-width min/max of n values starting at base into minb/maxb (up to
 * 16 bytes each, *len set); false when there is no non-NaN value. */
static bool fixed_minmax(const floe_parquet_colspec *sp, const uint8_t *base, size_t n,
                         uint8_t *minb, uint8_t *maxb, size_t *len)
{
    if (n == 0)
        return false;
    switch (sp->order) {
    case PQ_ORDER_S32:
        INT_MINMAX(int32_t);
    case PQ_ORDER_U32:
        INT_MINMAX(uint32_t);
    case PQ_ORDER_S64:
        INT_MINMAX(int64_t);
    case PQ_ORDER_U64:
        INT_MINMAX(uint64_t);
    case PQ_ORDER_F32:
        FLOAT_MINMAX(float);
    case PQ_ORDER_F64:
        FLOAT_MINMAX(double);
    case PQ_ORDER_BOOL:
        INT_MINMAX(uint8_t);
    default: {
        size_t w = sp->width;
        const uint8_t *mn = base, *mx = base;
        for (size_t i = 1; i < n; i++) {
            const uint8_t *x = base + i * w;
            if (floe_parquet_stat_compare(sp->order, x, w, mn, w) < 0)
                mn = x;
            if (floe_parquet_stat_compare(sp->order, x, w, mx, w) > 0)
                mx = x;
        }
        memcpy(minb, mn, w);
        memcpy(maxb, mx, w);
        *len = w;
        return true;
    }
    }
}

/* Largest min/max value kept for a byte array; a page or chunk whose
 * bounds are longer has none (Arrow's max_statistics_size). */
#define MAX_STAT_LEN 4096

static void set_bounds(floe_parquet_pagebuf *p, const void *mn, size_t mnl, const void *mx,
                       size_t mxl)
{
    floe_buf_clear(&p->bounds);
    floe_buf_reserve(&p->bounds, mnl + mxl);
    floe_buf_append(&p->bounds, mn, mnl);
    floe_buf_append(&p->bounds, mx, mxl);
    p->min_len = mnl;
    p->max_len = mxl;
    p->has_minmax = true;
}

/* The page's min and max (values v0..v1 of b) into p->bounds. */
static void page_minmax(floe_parquet_pagebuf *p, const floe_parquet_colspec *sp,
                        const floe_parquet_colbuf *b, size_t v0, size_t v1)
{
    p->has_minmax = false;
    if (v1 == v0)
        return;
    if (sp->phys == PQ_BYTE_ARRAY) {
        const uint8_t *data = (const uint8_t *)b->vals.data;
        uint64_t s = v0 ? b->ends[v0 - 1] : 0;
        const uint8_t *mn = data + s, *mx = mn;
        size_t mnl = (size_t)(b->ends[v0] - s), mxl = mnl;
        for (size_t i = v0 + 1; i < v1; i++) {
            uint64_t st = b->ends[i - 1];
            const uint8_t *x = data + st;
            size_t l = (size_t)(b->ends[i] - st);
            if (cmp_bytes(x, l, mn, mnl) < 0) {
                mn = x;
                mnl = l;
            } else if (cmp_bytes(x, l, mx, mxl) > 0) {
                mx = x;
                mxl = l;
            }
        }
        if (mnl > MAX_STAT_LEN || mxl > MAX_STAT_LEN)
            return;
        set_bounds(p, mn, mnl, mx, mxl);
        return;
    }
    uint8_t minb[16], maxb[16];
    size_t len = 0;
    if (!fixed_minmax(sp, (const uint8_t *)b->vals.data + v0 * sp->width, v1 - v0, minb, maxb,
                      &len))
        return;
    set_bounds(p, minb, len, maxb, len);
}

/* The same for a dictionary-encoded byte-array page: the bounds of the
 * distinct entries it uses, found by marking them first, which compares
 * each distinct string once instead of every value. */
static void page_minmax_dict(floe_parquet_pagebuf *pb, const floe_parquet_dict *d,
                             const uint32_t *idx, size_t n, floe_parquet_scratch *s)
{
    pb->has_minmax = false;
    if (n == 0)
        return;
    size_t nbytes = ((size_t)d->n + 7) / 8;
    if (nbytes > s->seen_cap)
        FLOE_GROW(s->seen, s->seen_cap, nbytes);
    memset(s->seen, 0, nbytes);
    for (size_t i = 0; i < n; i++)
        s->seen[idx[i] >> 3] |= (uint8_t)(1u << (idx[i] & 7));
    const uint8_t *p = (const uint8_t *)d->values.data;
    const uint8_t *mn = NULL, *mx = NULL;
    size_t mnl = 0, mxl = 0;
    for (uint32_t e = 0; e < d->n; e++) {
        uint32_t l;
        memcpy(&l, p, 4);
        const uint8_t *x = p + 4;
        p += 4 + (size_t)l;
        if (!(s->seen[e >> 3] & (1u << (e & 7))))
            continue;
        if (!mn || cmp_bytes(x, l, mn, mnl) < 0) {
            mn = x;
            mnl = l;
        }
        if (!mx || cmp_bytes(x, l, mx, mxl) > 0) {
            mx = x;
            mxl = l;
        }
    }
    if (mnl > MAX_STAT_LEN || mxl > MAX_STAT_LEN)
        return;
    set_bounds(pb, mn, mnl, mx, mxl);
}

/* Folds the pages' bounds into the chunk's (kept at the start of stats:
 * the chunk's values are copied in front once all pages are known) and
 * decides the column index's boundary order. */
static void finish_stats(floe_parquet_chunk *c, const floe_parquet_colspec *sp)
{
    const uint8_t *s = (const uint8_t *)c->stats.data;
    const floe_parquet_page *mn = NULL, *mx = NULL;
    bool asc = true, desc = true, all_pages_ok = true;
    const floe_parquet_page *prev = NULL;
    for (size_t i = 0; i < c->n_pages; i++) {
        const floe_parquet_page *p = &c->pages[i];
        if (!p->has_minmax) {
            /* An all-NULL page is fine for the index; one with values but
             * no bounds (all NaN, or too long) is not. */
            if (p->null_count != p->entries)
                all_pages_ok = false;
            continue;
        }
        if (!mn || floe_parquet_stat_compare(sp->order, s + p->min_off, p->min_len, s + mn->min_off,
                                             mn->min_len) < 0)
            mn = p;
        if (!mx || floe_parquet_stat_compare(sp->order, s + p->max_off, p->max_len, s + mx->max_off,
                                             mx->max_len) > 0)
            mx = p;
        if (prev) {
            int cmin = floe_parquet_stat_compare(sp->order, s + p->min_off, p->min_len,
                                                 s + prev->min_off, prev->min_len);
            int cmax = floe_parquet_stat_compare(sp->order, s + p->max_off, p->max_len,
                                                 s + prev->max_off, prev->max_len);
            if (cmin < 0 || cmax < 0)
                asc = false;
            if (cmin > 0 || cmax > 0)
                desc = false;
        }
        prev = p;
    }
    c->column_index = all_pages_ok && c->n_pages > 0;
    c->boundary_order = asc ? 1 : desc ? 2 : 0;
    /* A chunk with some all-NaN pages still has a true min/max from the
     * others; one whose only values are NaN (or overlong) has none. */
    c->has_minmax = mn != NULL;
    bool missing = false;
    for (size_t i = 0; i < c->n_pages; i++) {
        if (!c->pages[i].has_minmax && c->pages[i].null_count != c->pages[i].entries &&
            sp->phys == PQ_BYTE_ARRAY)
            missing = true; /* an overlong value somewhere: the true bounds are unknown */
    }
    if (missing)
        c->has_minmax = false;
    if (c->has_minmax) {
        floe_buf head = FLOE_BUF_INIT;
        floe_buf_reserve(&head, mn->min_len + mx->max_len + c->stats.len);
        floe_buf_append(&head, s + mn->min_off, mn->min_len);
        floe_buf_append(&head, s + mx->max_off, mx->max_len);
        size_t shift = head.len;
        floe_buf_append(&head, c->stats.data, c->stats.len);
        for (size_t i = 0; i < c->n_pages; i++) {
            c->pages[i].min_off += shift;
            c->pages[i].max_off += shift;
        }
        c->min_len = mn->min_len;
        c->max_len = mx->max_len;
        floe_buf_free(&c->stats);
        c->stats = head;
    }
}

/* --- pages --- */

static void put_u32le(floe_buf *b, uint32_t v)
{
    uint8_t x[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    floe_buf_append(b, x, 4);
}

/* Compresses body into p->payload and writes p's header. */
static int emit_page(floe_parquet_pagebuf *p, const floe_parquet_options *opts, int page_type,
                     uint32_t num_values, int encoding, const void *body, size_t body_len)
{
    floe_buf_clear(&p->payload);
    if (opts->codec != FLOE_PARQUET_UNCOMPRESSED) {
        if (floe_parquet_compress(&p->payload, body, body_len, opts) < 0)
            return -1;
    } else {
        floe_buf_append(&p->payload, body, body_len);
    }
    size_t plen = p->payload.len;
    if (body_len > INT32_MAX || plen > INT32_MAX)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Parquet page is too large");
    uint32_t crc = (uint32_t)crc32(0L, (const Bytef *)p->payload.data, (uInt)plen);
    floe_buf_clear(&p->head);
    floe_thrift_writer w;
    floe_thrift_writer_init(&w, &p->head);
    floe_thrift_struct_begin(&w);
    floe_thrift_field_i32(&w, 1, page_type);
    floe_thrift_field_i32(&w, 2, (int32_t)body_len);
    floe_thrift_field_i32(&w, 3, (int32_t)plen);
    floe_thrift_field_i32(&w, 4, (int32_t)crc);
    if (page_type == PQ_PAGE_DATA) {
        floe_thrift_field_struct_begin(&w, 5);
        floe_thrift_field_i32(&w, 1, (int32_t)num_values);
        floe_thrift_field_i32(&w, 2, encoding);
        floe_thrift_field_i32(&w, 3, PQ_ENC_RLE);
        floe_thrift_field_i32(&w, 4, PQ_ENC_RLE);
        floe_thrift_struct_end(&w);
    } else {
        floe_thrift_field_struct_begin(&w, 7);
        floe_thrift_field_i32(&w, 1, (int32_t)num_values);
        floe_thrift_field_i32(&w, 2, PQ_ENC_PLAIN);
        floe_thrift_struct_end(&w);
    }
    floe_thrift_struct_end(&w);
    p->body_len = body_len;
    p->enc = encoding;
    return 0;
}

/* Appends PLAIN values v0..v1 to out. */
static void plain_values(floe_buf *out, const floe_parquet_colspec *sp,
                         const floe_parquet_colbuf *b, size_t v0, size_t v1)
{
    if (sp->phys == PQ_BOOLEAN) {
        floe_parquet_plain_bool(out, (const uint8_t *)b->vals.data + v0, v1 - v0);
    } else if (sp->phys == PQ_BYTE_ARRAY) {
        if (v1 == v0)
            return;
        uint64_t start = v0 ? b->ends[v0 - 1] : 0;
        uint64_t total = b->ends[v1 - 1] - start;
        floe_buf_reserve(out, (size_t)total + 4 * (v1 - v0));
        uint8_t *dst = (uint8_t *)out->data + out->len;
        const uint8_t *src = (const uint8_t *)b->vals.data;
        uint64_t prev = start;
        for (size_t i = v0; i < v1; i++) {
            uint32_t l = (uint32_t)(b->ends[i] - prev);
            memcpy(dst, &l, 4);
            memcpy(dst + 4, src + prev, l);
            dst += 4 + l;
            prev = b->ends[i];
        }
        out->len = (size_t)(dst - (uint8_t *)out->data);
        out->data[out->len] = '\0';
    } else {
        floe_buf_append(out, b->vals.data + v0 * sp->width, (v1 - v0) * sp->width);
    }
}

#define MAX_PAGE_ROWS (1u << 24)

/* Where the next page ends: rows r0.. and values v0.. (non-NULL rows
 * only), stopping once the estimated encoded size reaches the page size.
 * bits is the size of one value when fixed, 0 for PLAIN byte arrays. */
static void next_page(const floe_parquet_colspec *sp, const floe_parquet_colbuf *b, size_t rows,
                      size_t r0, size_t v0, uint64_t bits, size_t page_size, size_t *r1, size_t *v1)
{
    uint64_t limit = (uint64_t)page_size * 8;
    size_t r = r0, v = v0;
    /* num_values is an i32 in the page header; stay well inside it. */
    if (rows - r0 > MAX_PAGE_ROWS)
        rows = r0 + MAX_PAGE_ROWS;
    if (bits) {
        uint64_t max_vals = limit / bits;
        if (max_vals == 0)
            max_vals = 1;
        if (!sp->optional) {
            size_t take = rows - r0 < max_vals ? rows - r0 : (size_t)max_vals;
            *r1 = r0 + take;
            *v1 = v0 + take;
            return;
        }
        while (r < rows && (v - v0 < max_vals)) {
            v += !b->nulls[r];
            r++;
        }
        /* Take the NULLs that follow too: they cost nothing in values. */
        while (r < rows && b->nulls[r])
            r++;
    } else {
        uint64_t acc = 0;
        while (r < rows && acc < limit) {
            if (!sp->optional || !b->nulls[r]) {
                uint64_t st = v ? b->ends[v - 1] : 0;
                acc += (4 + (b->ends[v] - st)) * 8;
                v++;
            } else {
                acc += 1;
            }
            r++;
        }
    }
    *r1 = r;
    *v1 = v;
}

/* The same for an Array's leaf, over level entries: a page ends only where
 * a row starts (repetition level 0), as the page index requires. */
static void next_page_repeated(const floe_parquet_colspec *sp, const floe_parquet_colbuf *b,
                               size_t n, size_t r0, size_t v0, uint64_t bits, size_t page_size,
                               size_t *r1, size_t *v1)
{
    uint64_t limit = (uint64_t)page_size * 8, acc = 0;
    size_t r = r0, v = v0;
    while (r < n) {
        if (r > r0 && b->reps[r] == 0 && (acc >= limit || r - r0 >= MAX_PAGE_ROWS))
            break;
        if (b->defs[r] == sp->max_def) {
            if (bits) {
                acc += bits;
            } else {
                uint64_t st = v ? b->ends[v - 1] : 0;
                acc += (4 + (b->ends[v] - st)) * 8;
            }
            v++;
        } else {
            acc += 1;
        }
        r++;
    }
    *r1 = r;
    *v1 = v;
}

/* The chunk's Bloom filter over the XXH64 of every distinct value's PLAIN
 * bytes (lengths excluded): the dictionary's entries when there is one,
 * else every value. */
static void build_bloom(floe_parquet_chunk *c, const floe_parquet_colspec *sp,
                        const floe_parquet_colbuf *b, const floe_parquet_dict *d,
                        double bits_per_value)
{
    floe_parquet_bloom f;
    floe_parquet_bloom_init(&f, d ? d->n : b->n_vals, bits_per_value);
    if (d && sp->phys == PQ_BYTE_ARRAY) {
        const uint8_t *p = (const uint8_t *)d->values.data;
        for (uint32_t e = 0; e < d->n; e++) {
            uint32_t l;
            memcpy(&l, p, 4);
            floe_parquet_bloom_insert(&f, floe_parquet_xxh64(p + 4, l, 0));
            p += 4 + (size_t)l;
        }
    } else if (d) {
        for (uint32_t e = 0; e < d->n; e++)
            floe_parquet_bloom_insert(
                &f, floe_parquet_xxh64(d->values.data + (size_t)e * sp->width, sp->width, 0));
    } else if (sp->phys == PQ_BYTE_ARRAY) {
        const uint8_t *data = (const uint8_t *)b->vals.data;
        uint64_t prev = 0;
        for (size_t i = 0; i < b->n_vals; i++) {
            floe_parquet_bloom_insert(
                &f, floe_parquet_xxh64(data + prev, (size_t)(b->ends[i] - prev), 0));
            prev = b->ends[i];
        }
    } else {
        for (size_t i = 0; i < b->n_vals; i++)
            floe_parquet_bloom_insert(
                &f, floe_parquet_xxh64(b->vals.data + i * sp->width, sp->width, 0));
    }
    floe_parquet_bloom_serialize(&c->bloom, &f);
    floe_parquet_bloom_free(&f);
}

/* Where the dictionary looks at how fast it grows: after the first
 * DICT_PROBE values, and again after DICT_PROBE2. */
#define DICT_PROBE  8192
#define DICT_PROBE2 65536

/* Distinct values expected among total values when seen of the first n
 * were distinct, taking them as drawn uniformly from D values: solves
 * D (1 - e^(-n/D)) = seen for D. Skewed data repeat more in their first
 * values than uniform data with as many distinct ones, so this errs
 * towards keeping the dictionary. */
static double expected_distinct(double n, double seen, double total)
{
    if (seen >= n)
        return total;
    double lo = seen, hi = seen * 2;
    while (hi * -expm1(-n / hi) < seen)
        hi *= 2;
    for (int i = 0; i < 64; i++) {
        double mid = (lo + hi) / 2;
        if (mid * -expm1(-n / mid) < seen)
            lo = mid;
        else
            hi = mid;
    }
    return hi * -expm1(-total / hi);
}

/* Builds the chunk's dictionary into e->dict and the indices into e->idx;
 * false when it would pass max_bytes. At each probe point the dictionary's
 * final size is projected from its growth so far, and a chunk projected
 * past twice the limit (at the first probe) or 1.25 times (at the second,
 * from eight times as many values) gives up at once instead of filling the
 * dictionary up to the limit first (a column of a million random ints in
 * 1..10^6 did that in every row group). */
static bool dict_encode(floe_parquet_colenc *e, const floe_parquet_colspec *sp,
                        const floe_parquet_colbuf *b, size_t nv, size_t max_bytes)
{
    floe_parquet_dict *d = &e->dict;
    const uint8_t *vals = (const uint8_t *)b->vals.data;
    size_t done = 0;
    while (done < nv) {
        size_t stop = done < DICT_PROBE ? DICT_PROBE : done < DICT_PROBE2 ? DICT_PROBE2 : nv;
        size_t n = (stop < nv ? stop : nv) - done;
        bool ok =
            sp->phys == PQ_BYTE_ARRAY
                ? floe_parquet_dict_add_bytes(d, vals, b->ends + done, done ? b->ends[done - 1] : 0,
                                              n, e->idx + done, max_bytes)
                : floe_parquet_dict_add_fixed(d, vals + done * sp->width, n, e->idx + done,
                                              max_bytes);
        if (!ok)
            return false;
        done += n;
        if (done < nv && d->n > 0) {
            double per_entry = (double)d->values.len / (double)d->n;
            double projected =
                per_entry * expected_distinct((double)done, (double)d->n, (double)nv);
            if (projected > (done < DICT_PROBE2 ? 2.0 : 1.25) * (double)max_bytes)
                return false;
        }
    }
    return true;
}

static floe_parquet_pagebuf *new_page(floe_parquet_colenc *e)
{
    if (e->n_pages == e->pages_cap) {
        size_t old = e->pages_cap;
        FLOE_GROW(e->pages, e->pages_cap, e->n_pages + 1);
        memset(e->pages + old, 0, (e->pages_cap - old) * sizeof e->pages[0]);
    }
    floe_parquet_pagebuf *p = &e->pages[e->n_pages++];
    p->is_dict = false;
    p->has_minmax = false;
    p->err_code = 0;
    return p;
}

int floe_parquet_chunk_plan(floe_parquet_chunk *c, floe_parquet_colenc *e,
                            const floe_parquet_colspec *sp, const floe_parquet_colbuf *b,
                            size_t rows, const floe_parquet_options *opts)
{
    c->num_values = rows;
    size_t nv = b->n_vals;
    c->null_count = rows - nv;
    e->n_pages = 0;
    e->dict_ok = false;
    e->bw = 0;

    /* Dictionary over the whole chunk, or PLAIN if it grows too large. */
    floe_parquet_dict *d = &e->dict;
    if (opts->dictionary && sp->phys != PQ_BOOLEAN && nv > 0) {
        if (nv > e->idx_cap)
            FLOE_GROW(e->idx, e->idx_cap, nv);
        floe_parquet_dict_reset(d, sp->width);
        e->dict_ok = dict_encode(e, sp, b, nv, opts->dictionary_max_bytes);
        if (e->dict_ok) {
            e->bw = floe_parquet_bit_width(d->n - 1);
            if (e->bw == 0)
                e->bw = 1; /* some readers reject bit width 0 */
            c->has_dict = true;
            new_page(e)->is_dict = true;
        }
    }

    uint64_t bits = e->dict_ok                  ? (uint64_t)e->bw
                    : sp->phys == PQ_BOOLEAN    ? 1
                    : sp->phys == PQ_BYTE_ARRAY ? 0
                                                : (uint64_t)sp->width * 8;
    size_t r0 = 0, v0 = 0;
    uint64_t row_no = 0; /* rows before r0 (differs from r0 for repeated columns) */
    do {
        size_t r1, v1;
        if (sp->repeated)
            next_page_repeated(sp, b, rows, r0, v0, bits, opts->page_size, &r1, &v1);
        else
            next_page(sp, b, rows, r0, v0, bits, opts->page_size, &r1, &v1);
        floe_parquet_pagebuf *p = new_page(e);
        p->r0 = r0;
        p->r1 = r1;
        p->v0 = v0;
        p->v1 = v1;
        p->first_row = row_no;
        if (sp->repeated) {
            for (size_t k = r0; k < r1; k++)
                row_no += b->reps[k] == 0;
        } else {
            row_no += r1 - r0;
        }
        r0 = r1;
        v0 = v1;
    } while (r0 < rows);

    if (opts->bloom_filter && sp->phys != PQ_BOOLEAN && nv > 0 &&
        (e->dict_ok || opts->bloom_filter_plain))
        build_bloom(c, sp, b, e->dict_ok ? d : NULL, opts->bloom_bits_per_value);
    return 0;
}

int floe_parquet_page_encode(floe_parquet_pagebuf *p, const floe_parquet_colenc *e,
                             const floe_parquet_colspec *sp, const floe_parquet_colbuf *b,
                             const floe_parquet_options *opts, floe_parquet_scratch *s)
{
    const floe_parquet_dict *d = &e->dict;
    if (p->is_dict)
        return emit_page(p, opts, PQ_PAGE_DICTIONARY, d->n, PQ_ENC_PLAIN, d->values.data,
                         d->values.len);
    size_t r0 = p->r0, r1 = p->r1, v0 = p->v0, v1 = p->v1;
    int bw = e->bw;
    floe_buf_clear(&s->body);
    if (sp->repeated) {
        /* v1 pages: repetition levels, then definition levels, each
         * RLE with a 4-byte length. */
        floe_buf_clear(&s->levels);
        floe_parquet_rle_encode_u8(&s->levels, b->reps + r0, r1 - r0, 1);
        put_u32le(&s->body, (uint32_t)s->levels.len);
        floe_buf_append(&s->body, s->levels.data, s->levels.len);
        floe_buf_clear(&s->levels);
        floe_parquet_rle_encode_u8(&s->levels, b->defs + r0, r1 - r0,
                                   floe_parquet_bit_width(sp->max_def));
        put_u32le(&s->body, (uint32_t)s->levels.len);
        floe_buf_append(&s->body, s->levels.data, s->levels.len);
    } else if (sp->optional) {
        floe_buf_clear(&s->levels);
        floe_parquet_rle_encode_bits(&s->levels, b->nulls + r0, r1 - r0, true);
        put_u32le(&s->body, (uint32_t)s->levels.len);
        floe_buf_append(&s->body, s->levels.data, s->levels.len);
    }
    int enc = PQ_ENC_PLAIN;
    /* A page of a REQUIRED column in PLAIN is the buffered values as
     * they are: compressed from where they lie. */
    const void *body;
    size_t body_len;
    bool direct = false;
    if (e->dict_ok) {
        floe_buf_putc(&s->body, (char)bw);
        floe_parquet_rle_encode(&s->body, e->idx + v0, v1 - v0, bw);
        enc = PQ_ENC_RLE_DICTIONARY;
    } else if (opts->delta && (sp->phys == PQ_INT32 || sp->phys == PQ_INT64) && v1 > v0) {
        floe_buf_clear(&s->alt);
        const void *vp = b->vals.data + v0 * sp->width;
        if (sp->phys == PQ_INT32)
            floe_parquet_delta_encode_i32(&s->alt, vp, v1 - v0);
        else
            floe_parquet_delta_encode_i64(&s->alt, vp, v1 - v0);
        if (s->alt.len < (v1 - v0) * sp->width) {
            floe_buf_append(&s->body, s->alt.data, s->alt.len);
            enc = PQ_ENC_DELTA_BINARY_PACKED;
        } else {
            direct = !sp->optional && !sp->repeated;
            if (!direct)
                plain_values(&s->body, sp, b, v0, v1);
        }
    } else if (opts->delta && sp->phys == PQ_BYTE_ARRAY && v1 > v0) {
        /* DELTA_LENGTH_BYTE_ARRAY: the lengths delta-packed, then the
         * bytes back to back, as one copy. */
        size_t nv = v1 - v0;
        if (nv > s->lens_cap)
            FLOE_GROW(s->lens, s->lens_cap, nv);
        int32_t *lens = s->lens;
        uint64_t prev = v0 ? b->ends[v0 - 1] : 0, first = prev;
        for (size_t i = 0; i < nv; i++) {
            lens[i] = (int32_t)(b->ends[v0 + i] - prev);
            prev = b->ends[v0 + i];
        }
        floe_parquet_delta_encode_i32(&s->body, lens, nv);
        floe_buf_append(&s->body, b->vals.data + first, (size_t)(prev - first));
        enc = PQ_ENC_DELTA_LENGTH_BYTE_ARRAY;
    } else {
        direct =
            !sp->optional && !sp->repeated && sp->phys != PQ_BOOLEAN && sp->phys != PQ_BYTE_ARRAY;
        if (!direct)
            plain_values(&s->body, sp, b, v0, v1);
    }
    if (direct) {
        body = b->vals.data + v0 * sp->width;
        body_len = (v1 - v0) * sp->width;
    } else {
        body = s->body.data;
        body_len = s->body.len;
    }
    p->has_minmax = false;
    if (opts->statistics) {
        if (e->dict_ok && sp->phys == PQ_BYTE_ARRAY && (v1 - v0) >= d->n / 4)
            page_minmax_dict(p, d, e->idx + v0, v1 - v0, s);
        else
            page_minmax(p, sp, b, v0, v1);
    }
    return emit_page(p, opts, PQ_PAGE_DATA, (uint32_t)(r1 - r0), enc, body, body_len);
}

void floe_parquet_chunk_add_page(floe_parquet_chunk *c, const floe_parquet_pagebuf *p,
                                 const floe_parquet_colspec *sp)
{
    uint64_t size = p->head.len + p->payload.len;
    if (p->is_dict) {
        c->total += size;
        c->uncompressed += p->head.len + p->body_len;
        c->data_offset = c->total;
        return;
    }
    if (c->n_pages == c->pages_cap)
        FLOE_GROW(c->pages, c->pages_cap, c->n_pages + 1);
    floe_parquet_page *pg = &c->pages[c->n_pages++];
    memset(pg, 0, sizeof *pg);
    pg->offset = c->total;
    pg->size = (uint32_t)size;
    pg->first_row = p->first_row;
    pg->entries = p->r1 - p->r0;
    pg->null_count = (p->r1 - p->r0) - (p->v1 - p->v0);
    if (p->has_minmax) {
        pg->has_minmax = true;
        pg->min_off = c->stats.len;
        pg->min_len = p->min_len;
        pg->max_off = c->stats.len + p->min_len;
        pg->max_len = p->max_len;
        floe_buf_append(&c->stats, p->bounds.data, p->min_len + p->max_len);
    }
    if (sp->repeated || sp->optional)
        c->enc_rle = true;
    if (p->enc == PQ_ENC_PLAIN)
        c->enc_plain = true;
    else if (p->enc == PQ_ENC_DELTA_BINARY_PACKED)
        c->enc_delta = true;
    else if (p->enc == PQ_ENC_DELTA_LENGTH_BYTE_ARRAY)
        c->enc_dlba = true;
    c->total += size;
    c->uncompressed += p->head.len + p->body_len;
}

void floe_parquet_chunk_finish(floe_parquet_chunk *c, const floe_parquet_colspec *sp,
                               const floe_parquet_options *opts)
{
    c->compressed = c->total;
    if (opts->statistics)
        finish_stats(c, sp);
}
