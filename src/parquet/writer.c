/*
 * The Parquet writer: maps floe types to Parquet's schema as ClickHouse does,
 * converts incoming blocks into each column's physical values, cuts row
 * groups, has chunk.c plan and encode them (page by page, on a pool of
 * threads when allowed), writes the pages to the sink in file order, and
 * ends the file with the page index and the Thrift footer.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/mem.h"
#include "compress/codec.h"
#include "parquet/chunk.h"
#include "parquet/thrift.h"
#include "parquet/writer.h"

#ifndef FLOE_VERSION
#define FLOE_VERSION "0.0.0"
#endif

/* How a column's values become physical values. */
typedef enum pq_conv {
    CV_I8,       /* int8 -> INT32 */
    CV_U8,       /* uint8 -> INT32 */
    CV_I16,      /* int16 -> INT32 */
    CV_U16,      /* uint16 -> INT32 (UInt16, Date) */
    CV_COPY,     /* same bytes (32/64-bit integers, floats, Date32) */
    CV_BOOL,     /* 0/1 bytes */
    CV_DATETIME, /* uint32 seconds -> INT64 milliseconds */
    CV_DT64,     /* int64 ticks * mul -> INT64 in the timestamp unit */
    CV_STRING,   /* String -> BYTE_ARRAY */
    CV_FIXED,    /* FixedString(n) -> FIXED_LEN_BYTE_ARRAY(n) */
    CV_UUID,     /* two little-endian uint64 (high first) -> 16 big-endian bytes */
    CV_DEC_BE,   /* little-endian two's complement -> big-endian FIXED_LEN_BYTE_ARRAY */
    CV_ENUM,     /* Enum8/16 value -> its name as BYTE_ARRAY */
} pq_conv;

/* Logical type annotations written into the schema. */
typedef enum pq_logical {
    LT_NONE,
    LT_STRING,
    LT_ENUM,
    LT_DECIMAL,
    LT_DATE,
    LT_TIMESTAMP,
    LT_INT,
    LT_UUID,
} pq_logical;

/* ConvertedType numbers (parquet.thrift). */
enum {
    CT_NONE = -1,
    CT_UTF8 = 0,
    CT_ENUM = 4,
    CT_DECIMAL = 5,
    CT_DATE = 6,
    CT_TIMESTAMP_MILLIS = 9,
    CT_TIMESTAMP_MICROS = 10,
    CT_UINT_8 = 11,
    CT_INT_8 = 15,
};

/* One leaf column. For an Array(T) column, type and base describe T and
 * the values come from the Array's child column. */
typedef struct pq_column {
    char *name;
    const floe_type *type;
    const floe_type *base;
    const floe_type *given_base; /* floe_type_base of the column's own type */
    bool is_array;
    size_t src;          /* the block column the values come from */
    int elem;            /* its Tuple element, -1 when not a Tuple's */
    char *group;         /* the Tuple's name when this leaf is its first, else NULL */
    uint32_t group_size; /* the Tuple's elements, with group */
    floe_parquet_colspec spec;
    pq_conv conv;
    int64_t mul;
    /* schema */
    int converted;
    pq_logical logical;
    int int_bits;
    bool int_signed;
    int ts_unit; /* 1 millis, 2 micros, 3 nanos (TimeUnit's field ids) */
    int scale, precision;
    int16_t enum8_index[256];  /* Enum8: value + 128 -> index in base->enums, -1 if none */
    floe_parquet_colbuf buf;   /* the row group being filled */
    floe_parquet_colbuf spare; /* with threads: the row group being encoded */
    floe_parquet_colenc enc;   /* the row group being encoded */
    bool planned;              /* enc's pages are queued (under the pool's lock) */
    int err_code;              /* planning failed: the error to re-raise */
    char *err_msg;
} pq_column;

/* A unit of work on a row group: plan column col (page < 0), or encode
 * page `page` of its plan. */
typedef struct pq_task {
    uint32_t col;
    int32_t page;
} pq_task;

/*
 * The threads encoding a row group: the writer's own thread and n_tids
 * workers take tasks from one queue. Planning a column queues its pages, so
 * the queue holds every column's plan first, then pages as plans finish.
 * The writer's thread also writes pages to the sink in file order as soon
 * as the next one is done, so the sink's work overlaps the encoding.
 * Invariants (under mu): tasks[head, n_tasks) are waiting; a column's
 * planned flag and a page's done flag only go from false to true while
 * its row group is being encoded; stop only when the writer is finishing.
 */
typedef struct pq_pool {
    pthread_mutex_t mu;
    pthread_cond_t work; /* a task was queued, or stop */
    pthread_cond_t done; /* a task finished */
    pq_task *tasks;
    size_t n_tasks, head, cap;
    bool stop;
    pthread_t tids[64];
    unsigned n_tids;
} pq_pool;

typedef struct pq_rowgroup {
    floe_parquet_chunk *chunks;
    uint64_t rows;
    uint64_t file_offset;
    uint64_t uncompressed, compressed;
} pq_rowgroup;

/*
 * Columns as given (n_given, given_bases) expand into leaves (cols, n_cols):
 * one per column, one per element of a Tuple. Invariants: every leaf's
 * buffer holds exactly `rows` rows (n_vals of
 * them non-NULL); offset is the number of bytes written so far, the last
 * stage.len of them still in the staging buffer; after a failed write the
 * writer refuses further work (failed).
 */
struct floe_parquet_writer {
    floe_sink sink;
    floe_parquet_options opts;
    char *created_by;
    floe_parquet_kv *kv;
    floe_parquet_sorting_column *sorting;
    size_t n_cols;
    pq_column *cols;
    size_t n_given;
    const floe_type **given_bases;
    size_t *first_leaf; /* of each given column */
    size_t rows;
    uint64_t offset;
    pq_rowgroup *rgs;
    size_t n_rgs, cap_rgs;
    uint64_t total_rows;
    floe_parquet_scratch *scratch; /* one per thread, the writer's own first */
    unsigned n_threads;
    pq_pool pool;
    bool pool_ready;
    /* The row group being encoded, rgs[n_rgs - 1]: its pages are written up
     * to page wpage of column wcol. With threads its values are in the
     * columns' spare buffers and it is encoded while the next one fills. */
    bool encoding;
    size_t wcol, wpage;
    int write_rc;
    floe_buf stage; /* bytes counted in offset but not yet given to the sink */
    bool finished, failed;
};

int floe_parquet_codec_parse(floe_parquet_codec *out, const char *name)
{
    static const struct {
        const char *name;
        floe_parquet_codec codec;
    } names[] = {
        {"none", FLOE_PARQUET_UNCOMPRESSED}, {"uncompressed", FLOE_PARQUET_UNCOMPRESSED},
        {"snappy", FLOE_PARQUET_SNAPPY},     {"gzip", FLOE_PARQUET_GZIP},
        {"brotli", FLOE_PARQUET_BROTLI},     {"zstd", FLOE_PARQUET_ZSTD},
        {"lz4", FLOE_PARQUET_LZ4_RAW},       {"lz4_raw", FLOE_PARQUET_LZ4_RAW},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcasecmp(name, names[i].name) == 0) {
            *out = names[i].codec;
            return 0;
        }
    }
    return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Unknown Parquet compression method '%s'", name);
}

/* --- type mapping --- */

static int64_t pow10i(int p)
{
    int64_t r = 1;
    while (p-- > 0)
        r *= 10;
    return r;
}

static void set_int(pq_column *c, int phys, pq_conv conv, int bits, bool is_signed)
{
    c->spec.phys = phys;
    c->spec.width = phys == PQ_INT64 ? 8 : 4;
    c->conv = conv;
    c->spec.order = phys == PQ_INT64 ? (is_signed ? PQ_ORDER_S64 : PQ_ORDER_U64)
                                     : (is_signed ? PQ_ORDER_S32 : PQ_ORDER_U32);
    c->spec.legacy_minmax = is_signed;
    /* ClickHouse leaves Int32 and Int64 without annotation. */
    if (!(is_signed && bits >= 32)) {
        c->logical = LT_INT;
        c->int_bits = bits;
        c->int_signed = is_signed;
        int k = bits == 8 ? 0 : bits == 16 ? 1 : bits == 32 ? 2 : 3;
        c->converted = (is_signed ? CT_INT_8 : CT_UINT_8) + k;
    }
}

static int map_type(pq_column *c)
{
    const floe_type *t = c->base;
    c->spec.optional = floe_type_is_nullable(c->type);
    c->converted = CT_NONE;
    c->logical = LT_NONE;
    c->mul = 1;
    switch (t->id) {
    case FLOE_TYPE_UINT8:
        set_int(c, PQ_INT32, CV_U8, 8, false);
        break;
    case FLOE_TYPE_UINT16:
        set_int(c, PQ_INT32, CV_U16, 16, false);
        break;
    case FLOE_TYPE_UINT32:
        set_int(c, PQ_INT32, CV_COPY, 32, false);
        break;
    case FLOE_TYPE_UINT64:
        set_int(c, PQ_INT64, CV_COPY, 64, false);
        break;
    case FLOE_TYPE_INT8:
        set_int(c, PQ_INT32, CV_I8, 8, true);
        break;
    case FLOE_TYPE_INT16:
        set_int(c, PQ_INT32, CV_I16, 16, true);
        break;
    case FLOE_TYPE_INT32:
        set_int(c, PQ_INT32, CV_COPY, 32, true);
        break;
    case FLOE_TYPE_INT64:
        set_int(c, PQ_INT64, CV_COPY, 64, true);
        break;
    case FLOE_TYPE_FLOAT32:
        c->spec = (floe_parquet_colspec){PQ_FLOAT, 4, PQ_ORDER_F32, c->spec.optional, true};
        c->conv = CV_COPY;
        break;
    case FLOE_TYPE_FLOAT64:
        c->spec = (floe_parquet_colspec){PQ_DOUBLE, 8, PQ_ORDER_F64, c->spec.optional, true};
        c->conv = CV_COPY;
        break;
    case FLOE_TYPE_BOOL:
        c->spec = (floe_parquet_colspec){PQ_BOOLEAN, 1, PQ_ORDER_BOOL, c->spec.optional, false};
        c->conv = CV_BOOL;
        break;
    case FLOE_TYPE_STRING:
        c->spec = (floe_parquet_colspec){PQ_BYTE_ARRAY, 0, PQ_ORDER_BYTES, c->spec.optional, false};
        c->conv = CV_STRING;
        c->logical = LT_STRING;
        c->converted = CT_UTF8;
        break;
    case FLOE_TYPE_FIXEDSTRING:
        c->spec = (floe_parquet_colspec){PQ_FLBA, t->n, PQ_ORDER_BYTES, c->spec.optional, false};
        c->conv = CV_FIXED;
        break;
    case FLOE_TYPE_DATE:
        c->spec = (floe_parquet_colspec){PQ_INT32, 4, PQ_ORDER_S32, c->spec.optional, false};
        c->conv = CV_U16;
        c->logical = LT_DATE;
        c->converted = CT_DATE;
        break;
    case FLOE_TYPE_DATE32:
        c->spec = (floe_parquet_colspec){PQ_INT32, 4, PQ_ORDER_S32, c->spec.optional, true};
        c->conv = CV_COPY;
        c->logical = LT_DATE;
        c->converted = CT_DATE;
        break;
    case FLOE_TYPE_DATETIME:
        c->spec = (floe_parquet_colspec){PQ_INT64, 8, PQ_ORDER_S64, c->spec.optional, true};
        c->conv = CV_DATETIME;
        c->logical = LT_TIMESTAMP;
        c->ts_unit = 1;
        c->converted = CT_TIMESTAMP_MILLIS;
        break;
    case FLOE_TYPE_DATETIME64: {
        int p = t->precision;
        c->spec = (floe_parquet_colspec){PQ_INT64, 8, PQ_ORDER_S64, c->spec.optional, true};
        c->conv = CV_DT64;
        c->logical = LT_TIMESTAMP;
        if (p <= 3) {
            c->ts_unit = 1;
            c->mul = pow10i(3 - p);
            c->converted = CT_TIMESTAMP_MILLIS;
        } else if (p <= 6) {
            c->ts_unit = 2;
            c->mul = pow10i(6 - p);
            c->converted = CT_TIMESTAMP_MICROS;
        } else {
            c->ts_unit = 3;
            c->mul = pow10i(9 - p);
        }
        break;
    }
    case FLOE_TYPE_UUID:
        c->spec = (floe_parquet_colspec){PQ_FLBA, 16, PQ_ORDER_BYTES, c->spec.optional, false};
        c->conv = CV_UUID;
        c->logical = LT_UUID;
        break;
    case FLOE_TYPE_DECIMAL32:
    case FLOE_TYPE_DECIMAL64:
    case FLOE_TYPE_DECIMAL128:
        c->spec =
            (floe_parquet_colspec){PQ_FLBA, t->width, PQ_ORDER_DECIMAL_BE, c->spec.optional, false};
        c->conv = CV_DEC_BE;
        c->logical = LT_DECIMAL;
        c->converted = CT_DECIMAL;
        c->scale = t->scale;
        c->precision = t->precision;
        break;
    case FLOE_TYPE_ENUM8:
    case FLOE_TYPE_ENUM16:
        c->spec = (floe_parquet_colspec){PQ_BYTE_ARRAY, 0, PQ_ORDER_BYTES, c->spec.optional, false};
        c->conv = CV_ENUM;
        c->logical = LT_ENUM;
        c->converted = CT_ENUM;
        for (int i = 0; i < 256; i++)
            c->enum8_index[i] = -1;
        if (t->id == FLOE_TYPE_ENUM8)
            for (size_t i = 0; i < t->n_enums; i++)
                c->enum8_index[t->enums[i].value + 128] = (int16_t)i;
        break;
    case FLOE_TYPE_NOTHING:
        return floe_error(FLOE_ERR_UNKNOWN_TYPE,
                          "Internal type '%s' of column '%s' is not supported for conversion "
                          "into Parquet data format",
                          t->name, c->name);
    default:
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Writing type %s of column '%s' to Parquet is not implemented",
                          c->type->name, c->name);
    }
    return 0;
}

/* --- buffering --- */

static inline void bswap_copy(uint8_t *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = src[n - 1 - i];
}

static int enum_name(const pq_column *c, int16_t v, const char **name, size_t *len)
{
    const floe_type *t = c->base;
    long found = -1;
    if (t->id == FLOE_TYPE_ENUM8) {
        found = c->enum8_index[(int8_t)v + 128];
    } else {
        size_t lo = 0, hi = t->n_enums;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (t->enums[mid].value < v)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < t->n_enums && t->enums[lo].value == v)
            found = (long)lo;
    }
    if (found < 0)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Unexpected value %d in enum of column '%s'", v,
                          c->name);
    *name = t->enums[found].name;
    *len = strlen(*name);
    return 0;
}

static void push_end(floe_parquet_colbuf *b, uint64_t end)
{
    if (b->n_vals == b->ends_cap)
        FLOE_GROW(b->ends, b->ends_cap, b->n_vals + 1);
    b->ends[b->n_vals++] = end;
}

/* Converts rows [from, from + n) of col into c's buffer (rows_before rows
 * already buffered). */
static int ingest(pq_column *c, const floe_column *col, size_t from, size_t n, size_t rows_before)
{
    floe_parquet_colbuf *b = &c->buf;
    /* A REQUIRED column given a Nullable block column writes the defaults
     * its NULL rows hold. */
    const uint8_t *nulls = col->nulls && c->spec.optional ? col->nulls + from : NULL;
    if (c->spec.optional && !c->spec.repeated) {
        if (rows_before + n > b->nulls_cap)
            FLOE_GROW(b->nulls, b->nulls_cap, rows_before + n);
        if (nulls)
            memcpy(b->nulls + rows_before, nulls, n);
        else
            memset(b->nulls + rows_before, 0, n);
    }
    size_t in_w = c->base->width;
    const uint8_t *src = col->data + from * in_w;

    if (c->conv == CV_STRING) {
        const uint8_t *data = col->data;
        uint64_t start = from ? col->offsets[from - 1] : 0;
        if (!nulls) {
            uint64_t stop = n ? col->offsets[from + n - 1] : start;
            uint64_t base = b->vals.len;
            floe_buf_append(&b->vals, data + start, (size_t)(stop - start));
            if (b->n_vals + n > b->ends_cap)
                FLOE_GROW(b->ends, b->ends_cap, b->n_vals + n);
            uint64_t *e = b->ends + b->n_vals;
            for (size_t i = 0; i < n; i++)
                e[i] = base + (col->offsets[from + i] - start);
            b->n_vals += n;
            return 0;
        }
        for (size_t i = 0; i < n; i++) {
            uint64_t s = from + i ? col->offsets[from + i - 1] : 0;
            if (nulls[i])
                continue;
            floe_buf_append(&b->vals, data + s, (size_t)(col->offsets[from + i] - s));
            push_end(b, b->vals.len);
        }
        return 0;
    }
    if (c->conv == CV_ENUM) {
        for (size_t i = 0; i < n; i++) {
            if (nulls && nulls[i])
                continue;
            int16_t v;
            if (in_w == 1)
                v = (int8_t)src[i];
            else
                memcpy(&v, src + 2 * i, 2);
            const char *name = NULL;
            size_t len = 0;
            if (enum_name(c, v, &name, &len) < 0)
                return -1;
            floe_buf_append(&b->vals, name, len);
            push_end(b, b->vals.len);
        }
        return 0;
    }

    /* Fixed-width physical values. */
    size_t w = c->spec.width;
    size_t count = n;
    if (nulls) {
        count = 0;
        for (size_t i = 0; i < n; i++)
            count += !nulls[i];
    }
    floe_buf_reserve(&b->vals, count * w);
    uint8_t *dst = (uint8_t *)b->vals.data + b->vals.len;
    if (!nulls && (c->conv == CV_COPY || c->conv == CV_FIXED)) {
        memcpy(dst, src, n * w);
    } else {
        /* One tight loop per conversion (the switch is outside the loop):
         * s is the input value, d where its physical value goes. */
#define CONV_LOOP(BODY)                                                                            \
    do {                                                                                           \
        size_t k = 0;                                                                              \
        for (size_t i = 0; i < n; i++) {                                                           \
            if (nulls && nulls[i])                                                                 \
                continue;                                                                          \
            const uint8_t *s = src + i * in_w;                                                     \
            uint8_t *d = dst + k * w;                                                              \
            k++;                                                                                   \
            BODY;                                                                                  \
        }                                                                                          \
    } while (0)
#define WIDEN(FROM, TO, EXPR)                                                                      \
    CONV_LOOP({                                                                                    \
        FROM x;                                                                                    \
        memcpy(&x, s, sizeof x);                                                                   \
        TO v = (EXPR);                                                                             \
        memcpy(d, &v, sizeof v);                                                                   \
    })
        int64_t mul = c->mul;
        switch (c->conv) {
        case CV_I8:
            WIDEN(int8_t, int32_t, x);
            break;
        case CV_U8:
            WIDEN(uint8_t, int32_t, x);
            break;
        case CV_I16:
            WIDEN(int16_t, int32_t, x);
            break;
        case CV_U16:
            WIDEN(uint16_t, int32_t, x);
            break;
        case CV_DATETIME:
            WIDEN(uint32_t, int64_t, (int64_t)x * 1000);
            break;
        case CV_DT64:
            WIDEN(uint64_t, int64_t, (int64_t)(x * (uint64_t)mul));
            break;
        case CV_UUID:
            CONV_LOOP({
                bswap_copy(d, s, 8);
                bswap_copy(d + 8, s + 8, 8);
            });
            break;
        case CV_DEC_BE:
            CONV_LOOP(bswap_copy(d, s, w));
            break;
        case CV_BOOL:
            CONV_LOOP(d[0] = s[0] != 0);
            break;
        default:
            CONV_LOOP(memcpy(d, s, w));
            break;
        }
#undef WIDEN
#undef CONV_LOOP
    }
    b->vals.len += count * w;
    b->vals.data[b->vals.len] = '\0';
    b->n_vals += count;
    return 0;
}

/* An Array(T) column: one level entry per element (an empty array is one
 * entry with definition level 0), then T's values through ingest. */
static int ingest_array(pq_column *c, const floe_column *col, size_t from, size_t n)
{
    floe_parquet_colbuf *b = &c->buf;
    if (n == 0)
        return 0;
    const floe_column *child = col->children[0];
    uint64_t s0 = from ? col->offsets[from - 1] : 0, e0 = col->offsets[from + n - 1];
    size_t need = b->n_levels + n + (size_t)(e0 - s0);
    if (need > b->levels_cap) {
        size_t cap = b->levels_cap;
        FLOE_GROW(b->reps, cap, need);
        b->defs = floe_realloc(b->defs, cap);
        b->levels_cap = cap;
    }
    uint8_t *reps = b->reps + b->n_levels, *defs = b->defs + b->n_levels;
    size_t k = 0;
    uint8_t max_def = c->spec.max_def;
    uint64_t prev = s0;
    for (size_t r = from; r < from + n; r++) {
        uint64_t end = col->offsets[r];
        if (end == prev) {
            reps[k] = 0;
            defs[k++] = 0;
            continue;
        }
        for (uint64_t e = prev; e < end; e++) {
            reps[k] = e != prev;
            defs[k++] = child->nulls && child->nulls[e] ? (uint8_t)(max_def - 1) : max_def;
        }
        prev = end;
    }
    b->n_levels += k;
    return ingest(c, child, (size_t)s0, (size_t)(e0 - s0), 0);
}

static size_t buffered_bytes(const floe_parquet_writer *w)
{
    size_t total = 0;
    for (size_t i = 0; i < w->n_cols; i++) {
        const floe_parquet_colbuf *b = &w->cols[i].buf;
        total += b->vals.len + (w->cols[i].spec.phys == PQ_BYTE_ARRAY ? b->n_vals * 8 : 0) +
                 (w->cols[i].spec.optional ? w->rows : 0) + b->n_levels * 2;
    }
    return total;
}

/* --- writing --- */

/* Writes go through a small staging buffer so that page headers and the
 * page index do not become one sink write each; large bodies pass straight
 * through once the staged bytes are out. */
#define STAGE_MAX (64u << 10)

static int stage_flush(floe_parquet_writer *w)
{
    if (w->stage.len == 0)
        return 0;
    int rc = floe_sink_write(&w->sink, w->stage.data, w->stage.len);
    floe_buf_clear(&w->stage);
    if (rc < 0)
        w->failed = true;
    return rc;
}

static int sink_write(floe_parquet_writer *w, const void *p, size_t n)
{
    w->offset += n;
    if (w->stage.len + n <= STAGE_MAX) {
        floe_buf_append(&w->stage, p, n);
        return 0;
    }
    if (stage_flush(w) < 0)
        return -1;
    if (n <= STAGE_MAX / 4) {
        floe_buf_append(&w->stage, p, n);
        return 0;
    }
    if (floe_sink_write(&w->sink, p, n) < 0) {
        w->failed = true;
        return -1;
    }
    return 0;
}

static void push_task(pq_pool *pool, uint32_t col, int32_t page)
{
    if (pool->n_tasks == pool->cap)
        FLOE_GROW(pool->tasks, pool->cap, pool->n_tasks + 1);
    pool->tasks[pool->n_tasks++] = (pq_task){col, page};
}

/* Runs a task taken from the queue, with the lock released; a failure is
 * kept with its column or page for the writer's thread to report. */
static void run_task(floe_parquet_writer *w, pq_task t, floe_parquet_scratch *s)
{
    pq_column *c = &w->cols[t.col];
    pq_rowgroup *rg = &w->rgs[w->n_rgs - 1];
    floe_parquet_chunk *ch = &rg->chunks[t.col];
    const floe_parquet_colbuf *buf = w->n_threads > 1 ? &c->spare : &c->buf;
    int rc;
    int *code;
    char **msg;
    if (t.page < 0) {
        size_t entries = c->spec.repeated ? buf->n_levels : rg->rows;
        rc = floe_parquet_chunk_plan(ch, &c->enc, &c->spec, buf, entries, &w->opts);
        code = &c->err_code;
        msg = &c->err_msg;
    } else {
        floe_parquet_pagebuf *p = &c->enc.pages[t.page];
        rc = floe_parquet_page_encode(p, &c->enc, &c->spec, buf, &w->opts, s);
        code = &p->err_code;
        msg = &p->err_msg;
    }
    if (rc < 0) {
        *code = floe_error_code() ? floe_error_code() : FLOE_ERR_LOGICAL_ERROR;
        floe_free(*msg);
        *msg = floe_strdup(floe_error_message());
    }
}

/* Marks a finished task, under the lock: a plan queues its pages. */
static void task_done(floe_parquet_writer *w, pq_task t)
{
    pq_pool *pool = &w->pool;
    pq_column *c = &w->cols[t.col];
    if (t.page < 0) {
        if (c->err_code)
            c->enc.n_pages = 0;
        for (size_t k = 0; k < c->enc.n_pages; k++) {
            c->enc.pages[k].done = false;
            push_task(pool, t.col, (int32_t)k);
        }
        c->planned = true;
        pthread_cond_broadcast(&pool->work);
    } else {
        c->enc.pages[t.page].done = true;
    }
    pthread_cond_broadcast(&pool->done);
}

static void *worker_main(void *arg)
{
    floe_parquet_writer *w = arg;
    pq_pool *pool = &w->pool;
    pthread_mutex_lock(&pool->mu);
    unsigned me = pool->n_tids; /* scratch 1.. for the workers */
    pool->n_tids++;
    floe_parquet_scratch *s = &w->scratch[me + 1];
    for (;;) {
        while (!pool->stop && pool->head == pool->n_tasks)
            pthread_cond_wait(&pool->work, &pool->mu);
        if (pool->stop)
            break;
        pq_task t = pool->tasks[pool->head++];
        pthread_mutex_unlock(&pool->mu);
        run_task(w, t, s);
        pthread_mutex_lock(&pool->mu);
        task_done(w, t);
    }
    pthread_mutex_unlock(&pool->mu);
    floe_codec_thread_cleanup();
    return NULL;
}

/* Starts the workers on first use; fewer if threads cannot be made. */
static void pool_start(floe_parquet_writer *w)
{
    pq_pool *pool = &w->pool;
    if (w->pool_ready)
        return;
    pthread_mutex_init(&pool->mu, NULL);
    pthread_cond_init(&pool->work, NULL);
    pthread_cond_init(&pool->done, NULL);
    w->pool_ready = true;
    unsigned want = w->n_threads - 1;
    if (want > w->n_cols)
        want = (unsigned)w->n_cols; /* a column has at least one page: more would idle */
    pthread_mutex_lock(&pool->mu);
    unsigned started = 0;
    for (unsigned t = 0; t < want; t++)
        if (pthread_create(&pool->tids[started], NULL, worker_main, w) == 0)
            started++;
    /* n_tids counts workers that have picked their scratch; wait for all. */
    pthread_mutex_unlock(&pool->mu);
    for (;;) {
        pthread_mutex_lock(&pool->mu);
        bool all = pool->n_tids == started;
        pthread_mutex_unlock(&pool->mu);
        if (all)
            break;
        sched_yield();
    }
}

static void pool_stop(floe_parquet_writer *w)
{
    pq_pool *pool = &w->pool;
    if (!w->pool_ready)
        return;
    pthread_mutex_lock(&pool->mu);
    pool->stop = true;
    pthread_cond_broadcast(&pool->work);
    unsigned n = pool->n_tids;
    pthread_mutex_unlock(&pool->mu);
    for (unsigned t = 0; t < n; t++)
        pthread_join(pool->tids[t], NULL);
    pthread_mutex_destroy(&pool->mu);
    pthread_cond_destroy(&pool->work);
    pthread_cond_destroy(&pool->done);
    floe_free(pool->tasks);
    memset(pool, 0, sizeof *pool);
    w->pool_ready = false;
}

/* Writes a finished page to the sink as its chunk's next. */
static int write_page(floe_parquet_writer *w, floe_parquet_chunk *ch, const pq_column *c,
                      const floe_parquet_pagebuf *p)
{
    if (p->err_code) {
        w->failed = true;
        return floe_error(p->err_code, "%s", p->err_msg);
    }
    floe_parquet_chunk_add_page(ch, p, &c->spec);
    if (sink_write(w, p->head.data, p->head.len) < 0 ||
        sink_write(w, p->payload.data, p->payload.len) < 0)
        return -1;
    return 0;
}

/* Queues the plans of the buffered row group. With threads its buffers
 * become the spare ones first, so that the next row group can fill while
 * this one is encoded. */
static void start_row_group(floe_parquet_writer *w)
{
    if (w->n_rgs == w->cap_rgs)
        FLOE_GROW(w->rgs, w->cap_rgs, w->n_rgs + 1);
    pq_rowgroup *rg = &w->rgs[w->n_rgs++];
    memset(rg, 0, sizeof *rg);
    rg->rows = w->rows;
    rg->chunks = floe_calloc(w->n_cols ? w->n_cols : 1, sizeof(floe_parquet_chunk));
    if (w->n_threads > 1) {
        for (size_t i = 0; i < w->n_cols; i++) {
            floe_parquet_colbuf t = w->cols[i].buf;
            w->cols[i].buf = w->cols[i].spare;
            w->cols[i].spare = t;
        }
    }
    w->total_rows += w->rows;
    w->rows = 0;

    pool_start(w);
    pq_pool *pool = &w->pool;
    pthread_mutex_lock(&pool->mu);
    pool->n_tasks = pool->head = 0;
    for (size_t i = 0; i < w->n_cols; i++) {
        w->cols[i].planned = false;
        w->cols[i].err_code = 0;
        push_task(pool, (uint32_t)i, -1);
    }
    pthread_cond_broadcast(&pool->work);
    pthread_mutex_unlock(&pool->mu);
    w->encoding = true;
    w->wcol = w->wpage = 0;
    w->write_rc = 0;
}

/*
 * Writes the pages of the row group being encoded that are next in the
 * file and done. With wait, also runs its remaining tasks on this thread
 * and waits for the workers', until every page is written; then writes the
 * Bloom filters. A failure stops the writing but not the tasks: the buffers
 * they read must not change until all are finished.
 */
static int drain_row_group(floe_parquet_writer *w, bool wait)
{
    if (!w->encoding)
        return 0;
    pq_rowgroup *rg = &w->rgs[w->n_rgs - 1];
    pq_pool *pool = &w->pool;
    pthread_mutex_lock(&pool->mu);
    while (w->wcol < w->n_cols) {
        pq_column *c = &w->cols[w->wcol];
        floe_parquet_chunk *ch = &rg->chunks[w->wcol];
        if (w->wpage == 0 && c->planned && ch->total == 0) {
            ch->file_offset = w->offset;
            if (w->wcol == 0)
                rg->file_offset = w->offset;
        }
        if (c->planned && w->wpage == c->enc.n_pages) {
            if (w->write_rc == 0 && c->err_code) {
                w->failed = true;
                w->write_rc = floe_error(c->err_code, "%s", c->err_msg);
            }
            floe_parquet_chunk_finish(ch, &c->spec, &w->opts);
            rg->uncompressed += ch->uncompressed;
            rg->compressed += ch->total;
            w->wcol++;
            w->wpage = 0;
            continue;
        }
        if (c->planned && c->enc.pages[w->wpage].done) {
            pthread_mutex_unlock(&pool->mu);
            if (w->write_rc == 0)
                w->write_rc = write_page(w, ch, c, &c->enc.pages[w->wpage]);
            pthread_mutex_lock(&pool->mu);
            w->wpage++;
            continue;
        }
        if (!wait)
            break;
        if (pool->head < pool->n_tasks) {
            pq_task t = pool->tasks[pool->head++];
            pthread_mutex_unlock(&pool->mu);
            run_task(w, t, &w->scratch[0]);
            pthread_mutex_lock(&pool->mu);
            task_done(w, t);
            continue;
        }
        pthread_cond_wait(&pool->done, &pool->mu);
    }
    pthread_mutex_unlock(&pool->mu);
    if (w->wcol < w->n_cols)
        return w->write_rc;

    /* Every task is finished: the encoded buffers are free again. */
    w->encoding = false;
    for (size_t i = 0; i < w->n_cols; i++) {
        floe_parquet_colbuf *b = w->n_threads > 1 ? &w->cols[i].spare : &w->cols[i].buf;
        floe_buf_clear(&b->vals);
        b->n_vals = 0;
        b->n_levels = 0;
    }
    if (w->write_rc < 0)
        return -1;
    /* Bloom filters follow the row group's column chunks. */
    for (size_t i = 0; i < w->n_cols; i++) {
        floe_parquet_chunk *c = &rg->chunks[i];
        if (!c->bloom.len)
            continue;
        c->bloom_offset = w->offset;
        c->bloom_len = (uint32_t)c->bloom.len;
        if (sink_write(w, c->bloom.data, c->bloom.len) < 0)
            return -1;
        floe_buf_free(&c->bloom);
    }
    return stage_flush(w);
}

/* Ends the row group being filled: one thread encodes and writes it now;
 * with threads it is written once the next one is full (or at finish),
 * after the one before it, unless it holds over half of row_group_bytes:
 * then it is written now too, so that the two row groups never hold more
 * than one and a half times that. */
static int flush_row_group(floe_parquet_writer *w)
{
    if (drain_row_group(w, true) < 0)
        return -1;
    if (w->rows == 0)
        return 0;
    size_t bytes = buffered_bytes(w);
    start_row_group(w);
    if (w->n_threads > 1 && bytes <= w->opts.row_group_bytes / 2)
        return 0;
    return drain_row_group(w, true);
}

void floe_parquet_writer_free(floe_parquet_writer *w)
{
    if (!w)
        return;
    pool_stop(w);
    for (size_t i = 0; i < w->n_cols; i++) {
        pq_column *c = &w->cols[i];
        floe_free(c->name);
        floe_free(c->group);
        floe_buf_free(&c->buf.vals);
        floe_free(c->buf.ends);
        floe_free(c->buf.nulls);
        floe_free(c->buf.reps);
        floe_free(c->buf.defs);
        floe_buf_free(&c->spare.vals);
        floe_free(c->spare.ends);
        floe_free(c->spare.nulls);
        floe_free(c->spare.reps);
        floe_free(c->spare.defs);
        floe_parquet_colenc_free(&c->enc);
        floe_free(c->err_msg);
    }
    floe_free(w->cols);
    floe_free(w->given_bases);
    floe_free(w->first_leaf);
    for (size_t r = 0; r < w->n_rgs; r++) {
        for (size_t i = 0; i < w->n_cols; i++)
            floe_parquet_chunk_free(&w->rgs[r].chunks[i]);
        floe_free(w->rgs[r].chunks);
    }
    floe_free(w->rgs);
    for (unsigned t = 0; t < w->n_threads; t++)
        floe_parquet_scratch_free(&w->scratch[t]);
    floe_free(w->scratch);
    floe_free(w->created_by);
    floe_buf_free(&w->stage);
    for (size_t i = 0; i < w->opts.n_kv; i++) {
        floe_free((char *)w->kv[i].key);
        floe_free((char *)w->kv[i].value);
    }
    floe_free(w->kv);
    floe_free(w->sorting);
    floe_free(w);
}

int floe_parquet_writer_new(floe_parquet_writer **out, size_t n_cols, const char *const *names,
                            const floe_type *const *types, const floe_parquet_options *opts,
                            floe_sink sink)
{
    floe_parquet_options defaults = FLOE_PARQUET_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    floe_parquet_writer *w = floe_calloc(1, sizeof *w);
    *out = w;
    w->sink = sink;
    w->opts = *opts;
    if (w->opts.row_group_rows == 0)
        w->opts.row_group_rows = 1;
    if (w->opts.page_size == 0)
        w->opts.page_size = 1;
    w->created_by = floe_strdup(opts->created_by ? opts->created_by : "floe version " FLOE_VERSION);
    w->opts.created_by = w->created_by;
    if (opts->n_kv) {
        w->kv = floe_calloc(opts->n_kv, sizeof *w->kv);
        for (size_t i = 0; i < opts->n_kv; i++) {
            w->kv[i].key = floe_strdup(opts->kv[i].key);
            w->kv[i].value = opts->kv[i].value ? floe_strdup(opts->kv[i].value) : NULL;
        }
    }
    w->opts.kv = w->kv;
    if (opts->n_sorting) {
        w->sorting = floe_malloc(opts->n_sorting * sizeof *w->sorting);
        memcpy(w->sorting, opts->sorting, opts->n_sorting * sizeof *w->sorting);
    }
    w->opts.sorting = w->sorting;
    w->n_threads = opts->max_threads > 1 ? opts->max_threads : 1;
    if (w->n_threads > 64)
        w->n_threads = 64;
    w->scratch = floe_calloc(w->n_threads, sizeof *w->scratch);

    w->n_given = n_cols;
    w->given_bases = floe_calloc(n_cols ? n_cols : 1, sizeof *w->given_bases);
    w->first_leaf = floe_calloc(n_cols ? n_cols : 1, sizeof *w->first_leaf);
    size_t n_leaves = 0;
    for (size_t i = 0; i < n_cols; i++) {
        w->given_bases[i] = floe_type_base(types[i]);
        n_leaves += w->given_bases[i]->id == FLOE_TYPE_TUPLE ? w->given_bases[i]->n_elems : 1;
    }
    w->cols = floe_calloc(n_leaves ? n_leaves : 1, sizeof *w->cols);
    for (size_t i = 0; i < n_cols; i++) {
        const floe_type *gb = w->given_bases[i];
        w->first_leaf[i] = w->n_cols;
        if (gb->id == FLOE_TYPE_TUPLE && gb->n_elems == 0)
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                              "Writing an empty Tuple (column '%s') to Parquet is not implemented",
                              names[i]);
        size_t n_leaf = gb->id == FLOE_TYPE_TUPLE ? gb->n_elems : 1;
        for (size_t k = 0; k < n_leaf; k++) {
            pq_column *c = &w->cols[w->n_cols++];
            c->src = i;
            c->elem = -1;
            c->type = types[i];
            if (gb->id == FLOE_TYPE_TUPLE) {
                char num[24];
                snprintf(num, sizeof num, "%zu", k + 1);
                c->name =
                    floe_strdup(gb->elem_names && gb->elem_names[k] ? gb->elem_names[k] : num);
                c->elem = (int)k;
                c->type = gb->elems[k];
                if (k == 0) {
                    c->group = floe_strdup(names[i]);
                    c->group_size = (uint32_t)n_leaf;
                }
            } else {
                c->name = floe_strdup(names[i]);
            }
            c->given_base = floe_type_base(c->type);
            if (c->given_base->id == FLOE_TYPE_ARRAY) {
                c->is_array = true;
                c->type = c->given_base->inner;
            }
            c->base = floe_type_base(c->type);
            if ((c->is_array || c->elem >= 0) &&
                (c->base->id == FLOE_TYPE_ARRAY || c->base->id == FLOE_TYPE_TUPLE))
                return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                                  "Writing type %s of column '%s' to Parquet is not implemented",
                                  types[i]->name, names[i]);
            if (map_type(c) < 0)
                return -1;
            if (c->is_array) {
                c->spec.repeated = true;
                c->spec.max_def = c->spec.optional ? 2 : 1;
            }
        }
    }
    for (size_t i = 0; i < opts->n_sorting; i++) {
        if (opts->sorting[i].column >= n_cols)
            return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                              "Parquet sorting column %u is out of range (%zu columns)",
                              opts->sorting[i].column, n_cols);
        /* SortingColumn counts leaves */
        w->sorting[i].column = (uint32_t)w->first_leaf[opts->sorting[i].column];
    }
    return sink_write(w, "PAR1", 4) < 0 ? -1 : stage_flush(w);
}

int floe_parquet_writer_add_block(floe_parquet_writer *w, const floe_block *b)
{
    if (w->failed || w->finished)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Parquet writer used after failure or finish");
    if (b->n_cols != w->n_given)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Block has %zu columns, Parquet writer %zu",
                          b->n_cols, w->n_given);
    for (size_t i = 0; i < w->n_given; i++) {
        if (floe_type_base(b->cols[i]->type) != w->given_bases[i])
            return floe_error(FLOE_ERR_LOGICAL_ERROR,
                              "Column %zu has type %s in a block, %s in the Parquet writer", i,
                              b->cols[i]->type->name, w->given_bases[i]->name);
    }
    /* Pages of the row group encoding in the background go out as they
     * are done, so their buffers do not pile up. */
    if (w->encoding && drain_row_group(w, false) < 0) {
        w->failed = true;
        return -1;
    }
    size_t done = 0;
    while (done < b->rows) {
        size_t room = (size_t)(w->opts.row_group_rows - w->rows);
        size_t n = b->rows - done < room ? b->rows - done : room;
        for (size_t i = 0; i < w->n_cols; i++) {
            const pq_column *c = &w->cols[i];
            const floe_column *src = b->cols[c->src];
            if (c->elem >= 0)
                src = src->children[c->elem];
            int rc = c->is_array ? ingest_array(&w->cols[i], src, done, n)
                                 : ingest(&w->cols[i], src, done, n, w->rows);
            if (rc < 0) {
                w->failed = true;
                return -1;
            }
        }
        w->rows += n;
        done += n;
        if (w->rows >= w->opts.row_group_rows || buffered_bytes(w) >= w->opts.row_group_bytes)
            if (flush_row_group(w) < 0)
                return -1;
    }
    return 0;
}

uint64_t floe_parquet_writer_memory(const floe_parquet_writer *w)
{
    uint64_t m = w->stage.cap;
    for (size_t i = 0; i < w->n_cols; i++) {
        const floe_parquet_colbuf *b = &w->cols[i].buf;
        m += b->vals.cap + b->ends_cap * sizeof *b->ends + b->nulls_cap + 2 * b->levels_cap;
        b = &w->cols[i].spare;
        m += b->vals.cap + b->ends_cap * sizeof *b->ends + b->nulls_cap + 2 * b->levels_cap;
    }
    return m;
}

uint64_t floe_parquet_writer_bytes(const floe_parquet_writer *w)
{
    return w->offset;
}

/* --- footer --- */

static void write_statistics(floe_thrift_writer *t, const floe_parquet_chunk *c,
                             const pq_column *col)
{
    floe_thrift_field_struct_begin(t, 12);
    const uint8_t *s = (const uint8_t *)c->stats.data;
    if (c->has_minmax && col->spec.legacy_minmax) {
        floe_thrift_field_binary(t, 1, s + c->min_len, c->max_len);
        floe_thrift_field_binary(t, 2, s, c->min_len);
    }
    floe_thrift_field_i64(t, 3, (int64_t)c->null_count);
    if (c->has_minmax) {
        floe_thrift_field_binary(t, 5, s + c->min_len, c->max_len);
        floe_thrift_field_binary(t, 6, s, c->min_len);
        floe_thrift_field_bool(t, 7, true);
        floe_thrift_field_bool(t, 8, true);
    }
    floe_thrift_struct_end(t);
}

static void write_column_chunk(floe_thrift_writer *t, const floe_parquet_writer *w,
                               const floe_parquet_chunk *c, const pq_column *col)
{
    floe_thrift_struct_begin(t);
    floe_thrift_field_i64(t, 2, 0);
    floe_thrift_field_struct_begin(t, 3);
    floe_thrift_field_i32(t, 1, col->spec.phys);
    int encs[5], n_encs = 0;
    if (c->enc_rle)
        encs[n_encs++] = PQ_ENC_RLE;
    if (c->has_dict || c->enc_plain)
        encs[n_encs++] = PQ_ENC_PLAIN;
    if (c->has_dict)
        encs[n_encs++] = PQ_ENC_RLE_DICTIONARY;
    if (c->enc_delta)
        encs[n_encs++] = PQ_ENC_DELTA_BINARY_PACKED;
    if (c->enc_dlba)
        encs[n_encs++] = PQ_ENC_DELTA_LENGTH_BYTE_ARRAY;
    floe_thrift_field_list_begin(t, 2, FLOE_THRIFT_I32, (uint32_t)n_encs);
    for (int i = 0; i < n_encs; i++)
        floe_thrift_write_i32(t, encs[i]);
    uint32_t depth = (col->elem >= 0 ? 2 : 1) + (col->is_array ? 2 : 0);
    floe_thrift_field_list_begin(t, 3, FLOE_THRIFT_BINARY, depth);
    if (col->elem >= 0) {
        const char *g = w->cols[w->first_leaf[col->src]].group;
        floe_thrift_write_binary(t, g, strlen(g));
    }
    floe_thrift_write_binary(t, col->name, strlen(col->name));
    if (col->is_array) {
        floe_thrift_write_binary(t, "list", 4);
        floe_thrift_write_binary(t, "element", 7);
    }
    floe_thrift_field_i32(t, 4, w->opts.codec);
    floe_thrift_field_i64(t, 5, (int64_t)c->num_values);
    floe_thrift_field_i64(t, 6, (int64_t)c->uncompressed);
    floe_thrift_field_i64(t, 7, (int64_t)c->compressed);
    floe_thrift_field_i64(t, 9, (int64_t)(c->file_offset + c->data_offset));
    if (c->has_dict)
        floe_thrift_field_i64(t, 11, (int64_t)c->file_offset);
    if (w->opts.statistics)
        write_statistics(t, c, col);
    if (c->bloom_len) {
        floe_thrift_field_i64(t, 14, (int64_t)c->bloom_offset);
        floe_thrift_field_i32(t, 15, (int32_t)c->bloom_len);
    }
    floe_thrift_struct_end(t);
    if (c->oi_len) {
        floe_thrift_field_i64(t, 4, (int64_t)c->oi_offset);
        floe_thrift_field_i32(t, 5, (int32_t)c->oi_len);
    }
    if (c->ci_len) {
        floe_thrift_field_i64(t, 6, (int64_t)c->ci_offset);
        floe_thrift_field_i32(t, 7, (int32_t)c->ci_len);
    }
    floe_thrift_struct_end(t);
}

/* An Array(T) column is ClickHouse's three-level list: a REQUIRED group
 * annotated LIST, a REPEATED group "list", and the leaf "element". */
static void write_schema_list_groups(floe_thrift_writer *t, const pq_column *c)
{
    floe_thrift_struct_begin(t);
    floe_thrift_field_i32(t, 3, 0);
    floe_thrift_field_string(t, 4, c->name);
    floe_thrift_field_i32(t, 5, 1);
    floe_thrift_field_i32(t, 6, 3); /* ConvertedType LIST */
    floe_thrift_field_struct_begin(t, 10);
    floe_thrift_field_struct_begin(t, 3); /* ListType */
    floe_thrift_struct_end(t);
    floe_thrift_struct_end(t);
    floe_thrift_struct_end(t);
    floe_thrift_struct_begin(t);
    floe_thrift_field_i32(t, 3, 2);
    floe_thrift_field_string(t, 4, "list");
    floe_thrift_field_i32(t, 5, 1);
    floe_thrift_struct_end(t);
}

static void write_schema_leaf(floe_thrift_writer *t, const pq_column *c)
{
    if (c->group) {
        /* A Tuple: a REQUIRED group over its elements. */
        floe_thrift_struct_begin(t);
        floe_thrift_field_i32(t, 3, 0);
        floe_thrift_field_string(t, 4, c->group);
        floe_thrift_field_i32(t, 5, (int32_t)c->group_size);
        floe_thrift_struct_end(t);
    }
    if (c->is_array)
        write_schema_list_groups(t, c);
    floe_thrift_struct_begin(t);
    floe_thrift_field_i32(t, 1, c->spec.phys);
    if (c->spec.phys == PQ_FLBA)
        floe_thrift_field_i32(t, 2, (int32_t)c->spec.width);
    floe_thrift_field_i32(t, 3, c->spec.optional ? 1 : 0);
    floe_thrift_field_string(t, 4, c->is_array ? "element" : c->name);
    if (c->converted != CT_NONE)
        floe_thrift_field_i32(t, 6, c->converted);
    if (c->logical == LT_DECIMAL) {
        floe_thrift_field_i32(t, 7, c->scale);
        floe_thrift_field_i32(t, 8, c->precision);
    }
    if (c->logical != LT_NONE) {
        floe_thrift_field_struct_begin(t, 10);
        switch (c->logical) {
        case LT_STRING:
            floe_thrift_field_struct_begin(t, 1);
            break;
        case LT_ENUM:
            floe_thrift_field_struct_begin(t, 4);
            break;
        case LT_DECIMAL:
            floe_thrift_field_struct_begin(t, 5);
            floe_thrift_field_i32(t, 1, c->scale);
            floe_thrift_field_i32(t, 2, c->precision);
            break;
        case LT_DATE:
            floe_thrift_field_struct_begin(t, 6);
            break;
        case LT_TIMESTAMP:
            floe_thrift_field_struct_begin(t, 8);
            floe_thrift_field_bool(t, 1, true);
            floe_thrift_field_struct_begin(t, 2);
            floe_thrift_field_struct_begin(t, (int16_t)c->ts_unit);
            floe_thrift_struct_end(t);
            floe_thrift_struct_end(t);
            break;
        case LT_INT:
            floe_thrift_field_struct_begin(t, 10);
            floe_thrift_field_i8(t, 1, (int8_t)c->int_bits);
            floe_thrift_field_bool(t, 2, c->int_signed);
            break;
        case LT_UUID:
        default:
            floe_thrift_field_struct_begin(t, 14);
            break;
        }
        floe_thrift_struct_end(t); /* the annotation's struct */
        floe_thrift_struct_end(t); /* LogicalType */
    }
    floe_thrift_struct_end(t);
}

static int write_page_index(floe_parquet_writer *w)
{
    floe_buf b = FLOE_BUF_INIT;
    int rc = 0;
    for (size_t r = 0; r < w->n_rgs && rc == 0; r++) {
        for (size_t i = 0; i < w->n_cols && rc == 0; i++) {
            floe_parquet_chunk *c = &w->rgs[r].chunks[i];
            if (!c->column_index)
                continue;
            const uint8_t *s = (const uint8_t *)c->stats.data;
            floe_buf_clear(&b);
            floe_thrift_writer t;
            floe_thrift_writer_init(&t, &b);
            floe_thrift_struct_begin(&t);
            floe_thrift_field_list_begin(&t, 1, FLOE_THRIFT_BOOL_TRUE, (uint32_t)c->n_pages);
            for (size_t p = 0; p < c->n_pages; p++)
                floe_thrift_write_bool(&t, !c->pages[p].has_minmax);
            floe_thrift_field_list_begin(&t, 2, FLOE_THRIFT_BINARY, (uint32_t)c->n_pages);
            for (size_t p = 0; p < c->n_pages; p++)
                floe_thrift_write_binary(&t, s + c->pages[p].min_off,
                                         c->pages[p].has_minmax ? c->pages[p].min_len : 0);
            floe_thrift_field_list_begin(&t, 3, FLOE_THRIFT_BINARY, (uint32_t)c->n_pages);
            for (size_t p = 0; p < c->n_pages; p++)
                floe_thrift_write_binary(&t, s + c->pages[p].max_off,
                                         c->pages[p].has_minmax ? c->pages[p].max_len : 0);
            floe_thrift_field_i32(&t, 4, c->boundary_order);
            floe_thrift_field_list_begin(&t, 5, FLOE_THRIFT_I64, (uint32_t)c->n_pages);
            for (size_t p = 0; p < c->n_pages; p++)
                floe_thrift_write_i64(&t, (int64_t)c->pages[p].null_count);
            floe_thrift_struct_end(&t);
            c->ci_offset = w->offset;
            c->ci_len = (uint32_t)b.len;
            rc = sink_write(w, b.data, b.len);
        }
    }
    for (size_t r = 0; r < w->n_rgs && rc == 0; r++) {
        for (size_t i = 0; i < w->n_cols && rc == 0; i++) {
            floe_parquet_chunk *c = &w->rgs[r].chunks[i];
            floe_buf_clear(&b);
            floe_thrift_writer t;
            floe_thrift_writer_init(&t, &b);
            floe_thrift_struct_begin(&t);
            floe_thrift_field_list_begin(&t, 1, FLOE_THRIFT_STRUCT, (uint32_t)c->n_pages);
            for (size_t p = 0; p < c->n_pages; p++) {
                floe_thrift_struct_begin(&t);
                floe_thrift_field_i64(&t, 1, (int64_t)(c->file_offset + c->pages[p].offset));
                floe_thrift_field_i32(&t, 2, (int32_t)c->pages[p].size);
                floe_thrift_field_i64(&t, 3, (int64_t)c->pages[p].first_row);
                floe_thrift_struct_end(&t);
            }
            floe_thrift_struct_end(&t);
            c->oi_offset = w->offset;
            c->oi_len = (uint32_t)b.len;
            rc = sink_write(w, b.data, b.len);
        }
    }
    floe_buf_free(&b);
    return rc;
}

int floe_parquet_writer_finish(floe_parquet_writer *w)
{
    if (w->failed || w->finished)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Parquet writer used after failure or finish");
    int flushed = flush_row_group(w);
    if (flushed == 0)
        flushed = drain_row_group(w, true);
    pool_stop(w);
    if (flushed < 0)
        return -1;
    w->finished = true;
    if (w->opts.statistics && write_page_index(w) < 0)
        return -1;

    floe_buf b = FLOE_BUF_INIT;
    floe_thrift_writer t;
    floe_thrift_writer_init(&t, &b);
    floe_thrift_struct_begin(&t);
    floe_thrift_field_i32(&t, 1, 2);
    size_t n_schema = w->n_cols + 1;
    for (size_t i = 0; i < w->n_cols; i++)
        n_schema += (w->cols[i].is_array ? 2 : 0) + (w->cols[i].group ? 1 : 0);
    floe_thrift_field_list_begin(&t, 2, FLOE_THRIFT_STRUCT, (uint32_t)n_schema);
    floe_thrift_struct_begin(&t);
    floe_thrift_field_string(&t, 4, "schema");
    floe_thrift_field_i32(&t, 5, (int32_t)w->n_given);
    floe_thrift_struct_end(&t);
    for (size_t i = 0; i < w->n_cols; i++)
        write_schema_leaf(&t, &w->cols[i]);
    floe_thrift_field_i64(&t, 3, (int64_t)w->total_rows);
    floe_thrift_field_list_begin(&t, 4, FLOE_THRIFT_STRUCT, (uint32_t)w->n_rgs);
    for (size_t r = 0; r < w->n_rgs; r++) {
        const pq_rowgroup *rg = &w->rgs[r];
        floe_thrift_struct_begin(&t);
        floe_thrift_field_list_begin(&t, 1, FLOE_THRIFT_STRUCT, (uint32_t)w->n_cols);
        for (size_t i = 0; i < w->n_cols; i++)
            write_column_chunk(&t, w, &rg->chunks[i], &w->cols[i]);
        floe_thrift_field_i64(&t, 2, (int64_t)rg->uncompressed);
        floe_thrift_field_i64(&t, 3, (int64_t)rg->rows);
        if (w->opts.n_sorting) {
            floe_thrift_field_list_begin(&t, 4, FLOE_THRIFT_STRUCT, (uint32_t)w->opts.n_sorting);
            for (size_t k = 0; k < w->opts.n_sorting; k++) {
                floe_thrift_struct_begin(&t);
                floe_thrift_field_i32(&t, 1, (int32_t)w->sorting[k].column);
                floe_thrift_field_bool(&t, 2, w->sorting[k].descending);
                floe_thrift_field_bool(&t, 3, w->sorting[k].nulls_first);
                floe_thrift_struct_end(&t);
            }
        }
        floe_thrift_field_i64(&t, 5, (int64_t)rg->file_offset);
        floe_thrift_field_i64(&t, 6, (int64_t)rg->compressed);
        floe_thrift_field_i16(&t, 7, (int16_t)r);
        floe_thrift_struct_end(&t);
    }
    if (w->opts.n_kv) {
        floe_thrift_field_list_begin(&t, 5, FLOE_THRIFT_STRUCT, (uint32_t)w->opts.n_kv);
        for (size_t k = 0; k < w->opts.n_kv; k++) {
            floe_thrift_struct_begin(&t);
            floe_thrift_field_string(&t, 1, w->kv[k].key);
            if (w->kv[k].value)
                floe_thrift_field_string(&t, 2, w->kv[k].value);
            floe_thrift_struct_end(&t);
        }
    }
    floe_thrift_field_string(&t, 6, w->created_by);
    floe_thrift_field_list_begin(&t, 7, FLOE_THRIFT_STRUCT, (uint32_t)w->n_cols);
    for (size_t i = 0; i < w->n_cols; i++) {
        floe_thrift_struct_begin(&t);
        floe_thrift_field_struct_begin(&t, 1); /* TYPE_ORDER */
        floe_thrift_struct_end(&t);
        floe_thrift_struct_end(&t);
    }
    floe_thrift_struct_end(&t);

    uint32_t len = (uint32_t)b.len;
    uint8_t tail[8] = {(uint8_t)len,
                       (uint8_t)(len >> 8),
                       (uint8_t)(len >> 16),
                       (uint8_t)(len >> 24),
                       'P',
                       'A',
                       'R',
                       '1'};
    int rc = sink_write(w, b.data, b.len);
    if (rc == 0)
        rc = sink_write(w, tail, 8);
    if (rc == 0)
        rc = stage_flush(w);
    floe_buf_free(&b);
    return rc;
}
