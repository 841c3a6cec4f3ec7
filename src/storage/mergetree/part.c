/*
 * Loading parts and reading their columns (see part.h). A column is read
 * granule by granule through the marks of its substreams (null map, sparse
 * offsets, string sizes, values) as part_format.c lays them out for Wide and
 * Compact parts; whole-column reads go through the same reader.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/fs.h"
#include "base/io.h"
#include "base/mem.h"
#include "base/varint.h"
#include "compress/ch_block.h"
#include "storage/mergetree/checksums.h"
#include "storage/mergetree/part.h"
#include "storage/mergetree/part_format.h"
#include "storage/mergetree/skip_index.h"
#include "storage/mergetree/part_writer.h"
#include "types/binary.h"

static int read_part_file(char **out, size_t *len, const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (floe_read_file(out, len, path) < 0) {
        if (floe_error_code() == FLOE_ERR_FILE_DOESNT_EXIST)
            return floe_error(FLOE_ERR_NO_FILE_IN_DATA_PART, "No file %s in data part %s", name,
                              dir);
        return -1;
    }
    return 0;
}

/* columns.txt: "columns format version: 1\nN columns:\n`name` Type\n..." */
static int parse_columns(floe_part *p, const char *text, size_t len)
{
    const char *s = text, *end = text + len;
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    if (!nl || strncmp(s, "columns format version: 1", 25) != 0)
        return floe_error(FLOE_ERR_CORRUPTED_DATA, "Bad columns.txt in part %s", p->name);
    s = nl + 1;
    size_t n = 0;
    while (s < end && *s >= '0' && *s <= '9')
        n = n * 10 + (size_t)(*s++ - '0');
    nl = s < end ? memchr(s, '\n', (size_t)(end - s)) : NULL;
    if (!nl)
        return floe_error(FLOE_ERR_CORRUPTED_DATA, "Bad columns.txt in part %s", p->name);
    s = nl + 1;
    if (n > len) /* a line per column */
        return floe_error(FLOE_ERR_CORRUPTED_DATA, "Bad columns.txt in part %s", p->name);
    p->col_names = floe_calloc(n + 1, sizeof *p->col_names);
    p->col_types = floe_calloc(n + 1, sizeof *p->col_types);
    for (size_t i = 0; i < n; i++) {
        if (s >= end || *s != '`')
            return floe_error(FLOE_ERR_CORRUPTED_DATA, "Bad columns.txt in part %s", p->name);
        s++;
        floe_buf name = FLOE_BUF_INIT;
        while (s < end && *s != '`') {
            if (*s == '\\' && s + 1 < end)
                s++;
            floe_buf_putc(&name, *s++);
        }
        if (s >= end) {
            floe_buf_free(&name);
            return floe_error(FLOE_ERR_CORRUPTED_DATA, "Bad columns.txt in part %s", p->name);
        }
        s++; /* closing backquote */
        if (s < end && *s == ' ')
            s++;
        nl = memchr(s, '\n', (size_t)(end - s));
        const char *te = nl ? nl : end;
        p->col_names[i] = floe_buf_detach(&name, NULL);
        if (!p->col_names[i])
            p->col_names[i] = floe_strdup("");
        p->n_cols = i + 1;
        if (floe_type_parse(&p->col_types[i], s, (size_t)(te - s)) < 0)
            return -1;
        s = nl ? nl + 1 : end;
    }
    return 0;
}

/* The granules' rows: from a Compact part's mark rows, or from the marks of
 * a Wide part's first column (every stream has the same granules). The
 * final mark (0 rows) is not a granule. */
static int load_marks(floe_part *p)
{
    if (p->n_cols == 0)
        return 0;
    const floe_part_format *f = p->format;
    floe_buf data = FLOE_BUF_INIT;
    size_t n, stride, at;
    const char *base;
    if (f->compact) {
        n = f->n_mark_rows;
        stride = (2 * f->marks_per_row + 1) * 8;
        at = 2 * f->marks_per_row * 8;
        base = (const char *)f->compact_marks;
    } else {
        floe_buf file = FLOE_BUF_INIT;
        floe_escape_file_name(&file, p->col_names[0]);
        floe_buf_printf(&file, ".%s", f->mark_ext);
        int rc = floe_part_format_read_marks(&data, p, file.data);
        floe_buf_free(&file);
        if (rc < 0)
            return -1;
        n = data.len / 24;
        stride = 24;
        at = 16;
        base = data.data;
    }
    p->granule_rows = floe_calloc(n + 1, sizeof *p->granule_rows);
    uint64_t total = 0;
    p->marks = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t rows;
        memcpy(&rows, base + i * stride + at, 8);
        if (rows == 0 && i + 1 == n)
            break; /* the final mark */
        if (rows > p->rows - total) {
            total = UINT64_MAX; /* more than count.txt: refused below */
            break;
        }
        p->granule_rows[p->marks++] = rows;
        total += rows;
    }
    floe_buf_free(&data);
    if (total != p->rows)
        return floe_error(FLOE_ERR_CORRUPTED_DATA,
                          "Marks of part %s count %s%llu rows, count.txt says %llu", p->name,
                          total == UINT64_MAX ? "more than " : "",
                          (unsigned long long)(total == UINT64_MAX ? p->rows : total),
                          (unsigned long long)p->rows);
    return 0;
}

int floe_part_load(floe_part **out, const char *dir, const char *name,
                   const floe_partition_key *key, bool verify)
{
    floe_part *p = floe_calloc(1, sizeof *p);
    atomic_init(&p->refs, 1);
    p->name = floe_strdup(name);
    p->dir = floe_strdup(dir);
    char *text = NULL;
    size_t len = 0;
    floe_checksums sums = {0};
    int rc = -1;
    if (floe_part_info_parse(&p->info, name) < 0)
        goto done;
    if (read_part_file(&text, &len, dir, "checksums.txt") < 0)
        goto done;
    if (floe_checksums_parse(&sums, text, len) < 0)
        goto done;
    floe_free(text);
    text = NULL;
    if (verify && floe_checksums_verify(&sums, dir) < 0)
        goto done;
    for (size_t i = 0; i < sums.n; i++) {
        p->bytes_on_disk += sums.files[i].file_size;
        if (sums.files[i].is_compressed) {
            p->compressed_bytes += sums.files[i].file_size;
            p->uncompressed_bytes += sums.files[i].uncompressed_size;
        }
    }
    p->hash_of_all_files = floe_checksums_total(&sums);
    if (read_part_file(&text, &len, dir, "count.txt") < 0)
        goto done;
    p->rows = strtoull(text, NULL, 10);
    floe_free(text);
    text = NULL;
    if (read_part_file(&text, &len, dir, "columns.txt") < 0 || parse_columns(p, text, len) < 0)
        goto done;
    floe_free(text);
    text = NULL;
    if (floe_part_format_load(&p->format, p, &sums) < 0 || load_marks(p) < 0)
        goto done;
    if (key->n) {
        if (read_part_file(&text, &len, dir, "partition.dat") < 0 ||
            floe_partition_parse(&p->partition, key, text, len) < 0)
            goto done;
        floe_free(text);
        text = NULL;
    }
    struct stat st;
    if (stat(dir, &st) == 0)
        p->modification_time = st.st_mtime;
    rc = 0;
done:
    floe_free(text);
    floe_checksums_free(&sums);
    if (rc < 0) {
        floe_error_prefix("While loading part %s", dir);
        p->partition = NULL;
        floe_part_unref(p);
        return -1;
    }
    *out = p;
    return 0;
}

int floe_part_load_minmax(floe_part *p, const floe_partition_key *key, const char *const *names,
                          const floe_type *const *types)
{
    p->minmax = floe_calloc(key->n_minmax + 1, sizeof *p->minmax);
    p->n_minmax = key->n_minmax;
    for (size_t i = 0; i < key->n_minmax; i++) {
        size_t col = key->minmax_cols[i];
        floe_buf file = FLOE_BUF_INIT;
        floe_buf_puts(&file, "minmax_");
        floe_escape_file_name(&file, names[col]);
        floe_buf_puts(&file, ".idx");
        char *text = NULL;
        size_t len = 0, used = 0;
        int rc = read_part_file(&text, &len, p->dir, file.data);
        floe_buf_free(&file);
        if (rc < 0)
            return -1;
        p->minmax[i] = floe_column_new(floe_type_strip_nullable(types[col]));
        rc = floe_binary_read_values(p->minmax[i], text, len, 2, &used);
        floe_free(text);
        if (rc < 0)
            return -1;
    }
    return 0;
}

void floe_part_ref(floe_part *p)
{
    atomic_fetch_add(&p->refs, 1);
}

void floe_part_unref(floe_part *p)
{
    if (!p || atomic_fetch_sub(&p->refs, 1) != 1)
        return;
    if (p->remove_on_free) {
        /* renamed away first, as ClickHouse does: a process killed while
         * the files go leaves a delete_tmp_ directory start-up removes,
         * never a part directory with some of its files */
        const char *slash = strrchr(p->dir, '/');
        char away[4096 + 64];
        if (slash &&
            snprintf(away, sizeof away, "%.*s/delete_tmp_%s", (int)(slash - p->dir), p->dir,
                     slash + 1) < (int)sizeof away &&
            rename(p->dir, away) == 0)
            floe_fs_remove_tree(away);
        else
            floe_fs_remove_tree(p->dir);
    }
    for (size_t i = 0; i < p->n_cols; i++)
        floe_free(p->col_names[i]);
    floe_free(p->col_names);
    floe_free(p->col_types);
    if (p->partition) {
        for (size_t i = 0; p->partition[i]; i++)
            floe_column_free(p->partition[i]);
        floe_free(p->partition);
    }
    if (p->minmax) {
        for (size_t i = 0; i < p->n_minmax; i++)
            floe_column_free(p->minmax[i]);
        floe_free(p->minmax);
    }
    floe_column_free(p->primary_first);
    floe_part_format_free(p->format);
    floe_free(p->granule_rows);
    floe_free(p->name);
    floe_free(p->dir);
    floe_free(p);
}

int floe_part_find_column(const floe_part *p, const char *name)
{
    for (size_t i = 0; i < p->n_cols; i++)
        if (strcmp(p->col_names[i], name) == 0)
            return (int)i;
    return -1;
}

int floe_part_read_primary(char **out, size_t *len, const floe_part *p)
{
    char path[4096 + 16];
    snprintf(path, sizeof path, "%s/primary.cidx", p->dir);
    if (access(path, F_OK) != 0)
        return read_part_file(out, len, p->dir, "primary.idx");
    char *raw = NULL;
    size_t n = 0;
    if (read_part_file(&raw, &n, p->dir, "primary.cidx") < 0)
        return -1;
    floe_buf data = FLOE_BUF_INIT;
    int rc = floe_chblock_decompress_all(&data, raw, n);
    floe_free(raw);
    if (rc < 0) {
        floe_buf_free(&data);
        return floe_error_prefix("While reading primary.cidx of part %s", p->name);
    }
    *len = data.len;
    *out = floe_buf_detach(&data, NULL);
    if (!*out)
        *out = floe_strdup("");
    return 0;
}

int floe_part_read_column(floe_column **out, const floe_part *p, size_t idx)
{
    floe_part_reader *r = NULL;
    if (floe_part_reader_open(&r, p, idx) < 0)
        return -1;
    floe_column *c = floe_column_new(p->col_types[idx]);
    int rc = floe_part_reader_read(r, c, 0, (size_t)p->marks);
    floe_part_reader_free(r);
    if (rc == 0 && c->rows != p->rows)
        rc = floe_error(FLOE_ERR_CANNOT_READ_ALL_DATA,
                        "Cannot read all data of column %s in part %s: %zu of %llu rows",
                        p->col_names[idx], p->name, c->rows, (unsigned long long)p->rows);
    if (rc < 0) {
        floe_column_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

/* ---- streaming column reader ---- */

/* One compressed stream: a Wide part's <stream>.bin with its marks, or a
 * Compact part's data.bin (marks in p->format). */
typedef struct stream_reader {
    int fd;
    floe_chblock_reader r;
    uint64_t *marks; /* Wide: 3 per mark: compressed offset, offset in block, rows */
    size_t n_marks;
} stream_reader;

/* Invariant: a Wide part has one stream per substream of the column, a
 * Compact part one stream (data.bin) that every substream seeks in. */
struct floe_part_reader {
    const floe_part *p;
    size_t col;
    const floe_part_column_format *cf;
    stream_reader s[FLOE_PART_MAX_SUBSTREAMS];
    size_t n_streams;
    size_t next_granule; /* where the streams are positioned, SIZE_MAX: unknown */
    /* per-granule scratch */
    uint8_t *nulls;
    uint64_t *sizes;
    uint64_t *positions; /* sparse: rows holding a value */
    size_t scratch_cap;
    floe_column *vals; /* sparse: the granule's values */
};

static int stream_open(stream_reader *s, const floe_part *p, const char *stream, bool marks)
{
    char path[4096 + 256];
    if (marks) {
        floe_buf f = FLOE_BUF_INIT, data = FLOE_BUF_INIT;
        floe_buf_printf(&f, "%s.%s", stream, p->format->mark_ext);
        int rc = floe_part_format_read_marks(&data, p, f.data);
        floe_buf_free(&f);
        if (rc < 0) {
            floe_buf_free(&data);
            return -1;
        }
        s->n_marks = data.len / 24;
        s->marks = floe_malloc(data.len ? data.len : 1);
        if (data.len)
            memcpy(s->marks, data.data, data.len);
        floe_buf_free(&data);
        if (s->n_marks < p->marks)
            return floe_error(FLOE_ERR_CORRUPTED_DATA,
                              "Marks of %s in part %s have %zu marks, the part %llu", stream,
                              p->name, s->n_marks, (unsigned long long)p->marks);
    }
    snprintf(path, sizeof path, "%s/%s.bin", p->dir, stream);
    s->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (s->fd < 0)
        return floe_error(FLOE_ERR_NO_FILE_IN_DATA_PART, "No file %s.bin in data part %s", stream,
                          p->name);
    struct stat st;
    if (fstat(s->fd, &st) < 0)
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot stat %s", path);
    floe_chblock_reader_init_fd(&s->r, s->fd, (uint64_t)st.st_size);
    return 0;
}

static void stream_close(stream_reader *s)
{
    floe_chblock_reader_free(&s->r);
    if (s->fd >= 0)
        close(s->fd);
    floe_free(s->marks);
}

int floe_part_reader_open(floe_part_reader **out, const floe_part *p, size_t idx)
{
    const floe_type *t = p->col_types[idx];
    if (!floe_binary_supported(t))
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Reading columns of type %s from parts is "
                          "not supported yet",
                          t->name);
    floe_part_reader *r = floe_calloc(1, sizeof *r);
    r->p = p;
    r->col = idx;
    r->cf = &p->format->cols[idx];
    for (size_t i = 0; i < FLOE_PART_MAX_SUBSTREAMS; i++)
        r->s[i].fd = -1;
    r->next_granule = SIZE_MAX;
    int rc = 0;
    if (p->format->compact) {
        r->n_streams = 1;
        rc = stream_open(&r->s[0], p, "data", false);
    } else {
        r->n_streams = r->cf->n_subs;
        floe_buf name = FLOE_BUF_INIT;
        for (size_t i = 0; i < r->cf->n_subs && rc == 0; i++) {
            floe_buf_clear(&name);
            floe_part_format_stream_name(&name, p, idx, i);
            rc = stream_open(&r->s[i], p, name.data, true);
        }
        floe_buf_free(&name);
    }
    if (r->cf->sparse)
        r->vals = floe_column_new(floe_type_strip_nullable(t));
    if (rc < 0) {
        floe_part_reader_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

void floe_part_reader_free(floe_part_reader *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < FLOE_PART_MAX_SUBSTREAMS; i++)
        stream_close(&r->s[i]);
    floe_free(r->nulls);
    floe_free(r->sizes);
    floe_free(r->positions);
    floe_column_free(r->vals);
    floe_free(r);
}

/* Reads rows values of the column's type from the stream into c
 * (single-stream strings: a varint length before each). */
static int read_values(floe_chblock_reader *rd, floe_column *c, size_t rows)
{
    const floe_type *b = floe_type_base(c->type);
    if (b->id != FLOE_TYPE_STRING) {
        size_t w = b->width;
        floe_column_reserve(c, rows, 0);
        if (floe_chblock_reader_read(rd, c->data + c->data_len, rows * w) < 0)
            return -1;
        c->data_len += rows * w;
        if (c->nulls)
            memset(c->nulls + c->rows, 0, rows);
        c->rows += rows;
        return 0;
    }
    floe_column_reserve(c, rows, 0);
    size_t i = 0;
    while (i < rows) {
        const char *p;
        size_t avail;
        if (floe_chblock_reader_peek(rd, &p, &avail) < 0)
            return -1;
        /* fast path: the whole strings inside the loaded block, counted
         * first so that the column grows once, by what they need */
        const unsigned char *s = (const unsigned char *)p, *e = s + avail;
        size_t n = 0, bytes = 0;
        while (i + n < rows && s < e) {
            uint64_t len = *s;
            const unsigned char *q = s + 1;
            if (len & 0x80) {
                const char *t = (const char *)s;
                if (floe_uleb128_read(&len, &t, (const char *)e) < 0) {
                    floe_error_clear();
                    break;
                }
                q = (const unsigned char *)t;
            }
            if ((uint64_t)(e - q) < len)
                break;
            s = q + len;
            bytes += (size_t)len;
            n++;
        }
        floe_column_reserve(c, 0, bytes + 16); /* 16: room for whole 16-byte copies */
        uint8_t *dst = c->data + c->data_len;
        uint64_t *ends = c->offsets + c->rows;
        s = (const unsigned char *)p;
        for (size_t k = 0; k < n; k++) {
            uint64_t len = *s++;
            if (len & 0x80) {
                const char *t = (const char *)s - 1;
                floe_uleb128_read(&len, &t, (const char *)e);
                s = (const unsigned char *)t;
            }
            if (len <= 16 && e - s >= 16)
                memcpy(dst, s, 16); /* short strings as one fixed-size copy */
            else
                memcpy(dst, s, (size_t)len);
            dst += len;
            s += len;
            ends[k] = (uint64_t)(dst - c->data);
        }
        if (c->nulls)
            memset(c->nulls + c->rows, 0, n);
        c->rows += n;
        c->data_len = (size_t)(dst - c->data);
        floe_chblock_reader_advance(rd, (size_t)((const char *)s - p));
        i += n;
        if (n > 0)
            continue;
        /* slow path: one string across a block boundary */
        uint64_t len = 0;
        for (int shift = 0;; shift += 7) {
            unsigned char byte;
            if (shift > 63 || floe_chblock_reader_read(rd, &byte, 1) < 0)
                return floe_error(FLOE_ERR_CANNOT_READ_ALL_DATA,
                                  "Cannot read all data: a string length is cut");
            len |= (uint64_t)(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                break;
        }
        if (len > (1ull << 32))
            return floe_error(FLOE_ERR_TOO_LARGE_STRING_SIZE, "Too large string size: %llu",
                              (unsigned long long)len);
        char *tmp = floe_malloc(len ? (size_t)len : 1);
        int rc = floe_chblock_reader_read(rd, tmp, (size_t)len);
        if (rc == 0)
            floe_column_push_string(c, tmp, (size_t)len);
        floe_free(tmp);
        if (rc < 0)
            return -1;
        i++;
    }
    return 0;
}

/* Strings stored as a .size stream (sizes[0..n)) and the bytes back to
 * back in the values stream. */
static int read_sized_strings(floe_chblock_reader *rd, floe_column *c, const uint64_t *sizes,
                              size_t n)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (sizes[i] > (1ull << 32))
            return floe_error(FLOE_ERR_TOO_LARGE_STRING_SIZE, "Too large string size: %llu",
                              (unsigned long long)sizes[i]);
        total += sizes[i];
    }
    if (total > rd->size * 1024 + (1u << 20)) /* far more than the stream can hold */
        return floe_error(FLOE_ERR_CORRUPTED_DATA, "String sizes add up to %llu bytes",
                          (unsigned long long)total);
    floe_column_reserve(c, n, (size_t)total);
    if (floe_chblock_reader_read(rd, c->data + c->data_len, (size_t)total) < 0)
        return -1;
    uint64_t end = c->data_len;
    for (size_t i = 0; i < n; i++) {
        end += sizes[i];
        c->offsets[c->rows + i] = end;
    }
    c->data_len = (size_t)end;
    if (c->nulls)
        memset(c->nulls + c->rows, 0, n);
    c->rows += n;
    return 0;
}

/* A varint of the sparse offsets stream. */
static int read_varint(floe_chblock_reader *rd, uint64_t *out)
{
    const char *p;
    size_t avail;
    if (floe_chblock_reader_peek(rd, &p, &avail) < 0)
        return -1;
    const char *s = p;
    if (avail && floe_uleb128_read(out, &s, p + avail) == 0) {
        floe_chblock_reader_advance(rd, (size_t)(s - p));
        return 0;
    }
    floe_error_clear(); /* across a block boundary: byte by byte */
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        unsigned char byte;
        if (floe_chblock_reader_read(rd, &byte, 1) < 0)
            return -1;
        v |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            *out = v;
            return 0;
        }
    }
    return floe_error(FLOE_ERR_CORRUPTED_DATA, "Too long varint in sparse offsets");
}

/* ClickHouse's SerializationSparse END_OF_GRANULE_FLAG. */
#define SPARSE_END_OF_GRANULE (1ull << 62)

/* The sparse offsets of one granule of rows rows: runs of defaults, each
 * followed by a value, the last run flagged as the granule's end (a
 * granule written in two pieces has two flagged runs). */
static int read_sparse_offsets(floe_chblock_reader *rd, uint64_t *positions, size_t *n, size_t rows)
{
    size_t row = 0, k = 0;
    for (;;) {
        uint64_t g = 0;
        if (read_varint(rd, &g) < 0)
            return -1;
        bool end = (g & SPARSE_END_OF_GRANULE) != 0;
        g &= ~SPARSE_END_OF_GRANULE;
        if (g > rows - row)
            return floe_error(FLOE_ERR_CORRUPTED_DATA,
                              "Sparse offsets run past the granule's %zu rows", rows);
        row += (size_t)g;
        if (end) {
            if (row == rows)
                break;
            continue;
        }
        if (row == rows)
            return floe_error(FLOE_ERR_CORRUPTED_DATA,
                              "Sparse offsets run past the granule's %zu rows", rows);
        positions[k++] = row++;
    }
    *n = k;
    return 0;
}

/* Appends rows rows to c: the defaults, with vals' values at positions. */
static void expand_sparse(floe_column *c, const floe_column *vals, const uint64_t *positions,
                          size_t n, size_t rows)
{
    const floe_type *b = floe_type_base(c->type);
    if (b->id == FLOE_TYPE_STRING) {
        floe_column_reserve(c, rows, vals->data_len);
        size_t k = 0;
        for (size_t i = 0; i < rows; i++) {
            if (k < n && positions[k] == i) {
                size_t len;
                const char *s = floe_column_string_at(vals, k++, &len);
                floe_column_push_string(c, s, len);
            } else {
                floe_column_push_string(c, "", 0);
            }
        }
        return;
    }
    size_t w = b->width;
    floe_column_reserve(c, rows, 0);
    uint8_t *dst = c->data + c->data_len;
    memset(dst, 0, rows * w);
    for (size_t k = 0; k < n; k++)
        memcpy(dst + positions[k] * w, vals->data + k * w, w);
    c->data_len += rows * w;
    c->rows += rows;
}

/* Positions the stream of substream `sub` at granule g; Wide streams read
 * on from where they are when the granules follow each other. */
static int seek_substream(floe_part_reader *r, size_t sub, size_t g, bool continuing)
{
    const floe_part_format *f = r->p->format;
    if (!f->compact) {
        stream_reader *s = &r->s[sub];
        if (continuing)
            return 0;
        if (g >= s->n_marks)
            return floe_error(FLOE_ERR_LOGICAL_ERROR, "Granule %zu past the marks", g);
        return floe_chblock_reader_seek(&s->r, s->marks[g * 3], s->marks[g * 3 + 1]);
    }
    size_t m;
    if (f->mark_per_substream)
        m = r->cf->first_mark + sub;
    else if (sub == 0)
        m = r->col; /* .mrk3: one mark per column, its substreams follow */
    else
        return 0;
    if (g >= f->n_mark_rows)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Granule %zu past the marks", g);
    const uint64_t *mark = f->compact_marks + g * (2 * f->marks_per_row + 1) + 2 * m;
    return floe_chblock_reader_seek(&r->s[0].r, mark[0], mark[1]);
}

static int read_granule(floe_part_reader *r, floe_column *c, size_t g, size_t rows)
{
    const floe_part_column_format *cf = r->cf;
    bool continuing = r->next_granule == g;
    if (rows > r->scratch_cap) {
        floe_free(r->nulls);
        floe_free(r->sizes);
        floe_free(r->positions);
        r->nulls = floe_malloc(rows);
        r->sizes = floe_malloc(rows * sizeof *r->sizes);
        r->positions = floe_malloc(rows * sizeof *r->positions);
        r->scratch_cap = rows;
    }
    size_t start = c->rows, n_vals = rows;
    bool has_nulls = false;
    for (size_t i = 0; i < cf->n_subs; i++) {
        if (seek_substream(r, i, g, continuing) < 0)
            return -1;
        floe_chblock_reader *rd = &r->s[r->p->format->compact ? 0 : i].r;
        switch (cf->subs[i]) {
        case FLOE_SUBSTREAM_NULL:
            if (floe_chblock_reader_read(rd, r->nulls, rows) < 0)
                return -1;
            has_nulls = true;
            break;
        case FLOE_SUBSTREAM_SPARSE:
            if (read_sparse_offsets(rd, r->positions, &n_vals, rows) < 0)
                return -1;
            break;
        case FLOE_SUBSTREAM_SIZE:
            if (floe_chblock_reader_read(rd, r->sizes, n_vals * sizeof *r->sizes) < 0)
                return -1;
            break;
        case FLOE_SUBSTREAM_VALUES: {
            floe_column *dst = c;
            if (cf->sparse) {
                floe_column_clear(r->vals);
                dst = r->vals;
            }
            int rc = cf->size_stream ? read_sized_strings(rd, dst, r->sizes, n_vals)
                                     : read_values(rd, dst, n_vals);
            if (rc < 0)
                return -1;
            break;
        }
        }
    }
    if (cf->sparse) {
        expand_sparse(c, r->vals, r->positions, n_vals, rows);
        if (c->nulls) { /* a sparse Nullable: the defaults are NULL */
            memset(c->nulls + start, 1, rows);
            for (size_t k = 0; k < n_vals; k++)
                c->nulls[start + r->positions[k]] = 0;
        }
    }
    if (has_nulls && c->nulls)
        memcpy(c->nulls + start, r->nulls, rows);
    return 0;
}

int floe_part_reader_read(floe_part_reader *r, floe_column *c, size_t first, size_t n)
{
    if (first + n > r->p->marks)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Granules %zu..%zu past the part's %llu", first,
                          first + n, (unsigned long long)r->p->marks);
    for (size_t g = first; g < first + n; g++) {
        if (read_granule(r, c, g, (size_t)r->p->granule_rows[g]) < 0) {
            r->next_granule = SIZE_MAX;
            return floe_error_prefix("While reading column %s of part %s", r->p->col_names[r->col],
                                     r->p->name);
        }
        r->next_granule = g + 1;
    }
    return 0;
}

/* ---- skip-index marks in the part's mark type ---- */

/* ClickHouse's marks_compression_codec ZSTD(3) and marks_compress_block_size. */
#define MARKS_CODEC_LEVEL 3
#define MARKS_BLOCK_SIZE  65536

static floe_uint128 hashing_of(const void *p, size_t n)
{
    floe_city_hashing h;
    floe_city_hashing_init(&h);
    floe_city_hashing_update(&h, p, n);
    return floe_city_hashing_get(&h);
}

int floe_part_convert_index_marks(const char *dir, const floe_part *p, const char *index)
{
    const floe_part_format *f = p->format;
    if (!f || !f->mark_ext[0] || strcmp(f->mark_ext, "mrk2") == 0)
        return 0;
    floe_buf base = FLOE_BUF_INIT;
    floe_skip_file_name(&base, index, "");
    char file[400];
    snprintf(file, sizeof file, "%s", base.data);
    floe_buf_free(&base);
    char from[4096 + 512], to[4096 + 512], name[512];
    snprintf(from, sizeof from, "%s/%s.mrk2", dir, file);
    if (access(from, F_OK) != 0)
        return 0; /* nothing built */
    snprintf(name, sizeof name, "%s.%s", file, f->mark_ext);
    snprintf(to, sizeof to, "%s/%s", dir, name);
    char *raw = NULL;
    size_t n = 0;
    floe_checksums sums = {0};
    floe_buf out = FLOE_BUF_INIT;
    int rc = floe_read_file(&raw, &n, from);
    if (rc == 0)
        rc = floe_checksums_load(&sums, dir);
    if (rc == 0 && f->compressed_marks) {
        floe_codec zstd = {FLOE_CODEC_ZSTD, MARKS_CODEC_LEVEL};
        for (size_t off = 0; off < n && rc == 0; off += MARKS_BLOCK_SIZE)
            rc = floe_chblock_compress(&out, &zstd, raw + off,
                                       n - off < MARKS_BLOCK_SIZE ? n - off : MARKS_BLOCK_SIZE);
    } else if (rc == 0) {
        floe_buf_append(&out, raw, n);
    }
    if (rc == 0)
        rc = floe_write_file_atomic(to, out.data ? out.data : "", out.len);
    if (rc == 0) {
        char old[512];
        snprintf(old, sizeof old, "%s.mrk2", file);
        floe_checksums_remove(&sums, old);
        if (f->compressed_marks)
            floe_checksums_add_compressed(&sums, name, out.len, hashing_of(out.data, out.len), n,
                                          hashing_of(raw, n));
        else
            floe_checksums_add_bytes(&sums, name, out.data, out.len);
        rc = floe_checksums_store(&sums, dir);
    }
    if (rc == 0 && unlink(from) < 0)
        rc = floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot remove %s: %s", from, strerror(errno));
    floe_free(raw);
    floe_checksums_free(&sums);
    floe_buf_free(&out);
    return rc;
}
