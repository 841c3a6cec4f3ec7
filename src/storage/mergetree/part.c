/*
 * Loading parts and reading their column streams (see part.h). A column is
 * read by decompressing its .bin stream and decoding rows values; Nullable
 * columns add the .null stream.
 */
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

static int load_marks(floe_part *p)
{
    if (p->n_cols == 0)
        return 0;
    floe_buf file = FLOE_BUF_INIT;
    floe_escape_file_name(&file, p->col_names[0]);
    floe_buf_puts(&file, ".mrk2");
    char *text = NULL;
    size_t len = 0;
    int rc = read_part_file(&text, &len, p->dir, file.data);
    floe_buf_free(&file);
    if (rc < 0)
        return -1;
    size_t n = len / 24;
    p->granule_rows = floe_calloc(n + 1, sizeof *p->granule_rows);
    uint64_t total = 0;
    p->marks = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t rows;
        memcpy(&rows, text + i * 24 + 16, 8);
        if (rows == 0 && i + 1 == n)
            break; /* the final mark */
        p->granule_rows[p->marks++] = rows;
        total += rows;
    }
    floe_free(text);
    if (total != p->rows)
        return floe_error(FLOE_ERR_CORRUPTED_DATA,
                          "Marks of part %s count %llu rows, count.txt says %llu", p->name,
                          (unsigned long long)total, (unsigned long long)p->rows);
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
    if (load_marks(p) < 0)
        goto done;
    /* serialization.json: floe reads the default (dense, single-stream)
     * serialisations; parts that use others are refused, not misread */
    {
        char path[4096];
        snprintf(path, sizeof path, "%s/serialization.json", dir);
        if (access(path, F_OK) == 0) {
            if (read_part_file(&text, &len, dir, "serialization.json") < 0)
                goto done;
            if (strstr(text, "\"kind\":\"Sparse\"")) {
                floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                           "Part %s uses sparse serialization, which floe cannot read yet "
                           "(write it with ratio_of_defaults_for_sparse_serialization = 1)",
                           name);
                goto done;
            }
            if (strstr(text, "\"string\":1")) {
                floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                           "Part %s stores strings with a separate size stream, which floe "
                           "cannot read yet (write it with string_serialization_version = "
                           "'single_stream')",
                           name);
                goto done;
            }
            floe_free(text);
            text = NULL;
        }
    }
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
        if (slash && snprintf(away, sizeof away, "%.*s/delete_tmp_%s", (int)(slash - p->dir),
                              p->dir, slash + 1) < (int)sizeof away &&
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

static int read_stream(floe_buf *out, const floe_part *p, const char *stream)
{
    char *raw = NULL;
    size_t len = 0;
    floe_buf file = FLOE_BUF_INIT;
    floe_buf_printf(&file, "%s.bin", stream);
    int rc = read_part_file(&raw, &len, p->dir, file.data);
    if (rc == 0) {
        rc = floe_chblock_decompress_all(out, raw, len);
        if (rc < 0)
            floe_error_prefix("While reading %s of part %s", file.data, p->name);
    }
    floe_buf_free(&file);
    floe_free(raw);
    return rc;
}

int floe_part_read_column(floe_column **out, const floe_part *p, size_t idx)
{
    const floe_type *t = p->col_types[idx];
    if (!floe_binary_supported(t))
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Reading columns of type %s from parts is "
                          "not supported yet",
                          t->name);
    floe_buf esc = FLOE_BUF_INIT;
    floe_escape_file_name(&esc, p->col_names[idx]);
    floe_buf data = FLOE_BUF_INIT;
    floe_column *c = floe_column_new(t);
    int rc = -1;
    if (read_stream(&data, p, esc.data) < 0)
        goto done;
    size_t used = 0;
    if (floe_binary_read_values(c, data.data ? data.data : "", data.len, (size_t)p->rows, &used) <
        0)
        goto done;
    if (c->rows != p->rows) {
        floe_error(FLOE_ERR_CANNOT_READ_ALL_DATA,
                   "Cannot read all data of column %s in part %s: %zu of %llu rows",
                   p->col_names[idx], p->name, c->rows, (unsigned long long)p->rows);
        goto done;
    }
    if (floe_type_is_nullable(t)) {
        floe_buf nulls = FLOE_BUF_INIT;
        floe_buf nf = FLOE_BUF_INIT;
        floe_buf_printf(&nf, "%s.null", esc.data);
        int r = read_stream(&nulls, p, nf.data);
        if (r == 0)
            r = floe_binary_read_nulls(c, 0, nulls.data ? nulls.data : "", nulls.len, c->rows);
        floe_buf_free(&nulls);
        floe_buf_free(&nf);
        if (r < 0)
            goto done;
    }
    *out = c;
    c = NULL;
    rc = 0;
done:
    floe_column_free(c);
    floe_buf_free(&esc);
    floe_buf_free(&data);
    return rc;
}

/* ---- streaming column reader ---- */

typedef struct stream_reader {
    int fd;
    floe_chblock_reader r;
    uint64_t *marks; /* 3 per mark: compressed offset, offset in block, rows */
    size_t n_marks;
} stream_reader;

struct floe_part_reader {
    const floe_part *p;
    const floe_type *type;
    stream_reader vals;
    stream_reader nulls;
    bool nullable;
    size_t next_granule; /* where the streams are positioned, SIZE_MAX: unknown */
};

static int stream_open(stream_reader *s, const floe_part *p, const char *stream)
{
    s->fd = -1;
    char path[4096 + 256];
    char *marks = NULL;
    size_t len = 0;
    floe_buf f = FLOE_BUF_INIT;
    floe_buf_printf(&f, "%s.mrk2", stream);
    int rc = read_part_file(&marks, &len, p->dir, f.data);
    floe_buf_free(&f);
    if (rc < 0)
        return -1;
    s->marks = (uint64_t *)(void *)marks;
    s->n_marks = len / 24;
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

static int stream_seek(stream_reader *s, size_t granule)
{
    if (granule >= s->n_marks)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Granule %zu past the marks", granule);
    return floe_chblock_reader_seek(&s->r, s->marks[granule * 3], s->marks[granule * 3 + 1]);
}

int floe_part_reader_open(floe_part_reader **out, const floe_part *p, size_t idx)
{
    const floe_type *t = p->col_types[idx];
    if (!floe_binary_supported(t))
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Reading columns of type %s from parts is "
                                                    "not supported yet",
                          t->name);
    floe_part_reader *r = floe_calloc(1, sizeof *r);
    r->p = p;
    r->type = t;
    r->vals.fd = r->nulls.fd = -1;
    r->nullable = floe_type_is_nullable(t);
    r->next_granule = SIZE_MAX;
    floe_buf esc = FLOE_BUF_INIT;
    floe_escape_file_name(&esc, p->col_names[idx]);
    int rc = stream_open(&r->vals, p, esc.data);
    if (rc == 0 && r->nullable) {
        floe_buf_puts(&esc, ".null");
        rc = stream_open(&r->nulls, p, esc.data);
    }
    floe_buf_free(&esc);
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
    stream_close(&r->vals);
    if (r->nullable)
        stream_close(&r->nulls);
    floe_free(r);
}

/* Reads rows values of the column's type from the stream into c. */
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
    for (size_t i = 0; i < rows; i++) {
        const char *p;
        size_t avail;
        if (floe_chblock_reader_peek(rd, &p, &avail) < 0)
            return -1;
        uint64_t len = 0;
        /* fast path: length and bytes inside the loaded block */
        const char *s = p, *e = p + avail;
        if (avail && floe_uleb128_read(&len, &s, e) == 0 && (uint64_t)(e - s) >= len) {
            floe_column_push_string(c, s, (size_t)len);
            floe_chblock_reader_advance(rd, (size_t)(s - p) + (size_t)len);
            continue;
        }
        floe_error_clear();
        /* slow path: across a block boundary */
        len = 0;
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
    }
    return 0;
}

int floe_part_reader_read(floe_part_reader *r, floe_column *c, size_t first, size_t n)
{
    if (first + n > r->p->marks)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Granules %zu..%zu past the part's %llu",
                          first, first + n, (unsigned long long)r->p->marks);
    if (n == 0)
        return 0;
    if (r->next_granule != first) {
        if (stream_seek(&r->vals, first) < 0)
            return -1;
        if (r->nullable && stream_seek(&r->nulls, first) < 0)
            return -1;
    }
    size_t rows = 0;
    for (size_t g = first; g < first + n; g++)
        rows += (size_t)r->p->granule_rows[g];
    size_t start = c->rows;
    if (read_values(&r->vals.r, c, rows) < 0)
        return floe_error_prefix("While reading column %s of part %s", c->type->name,
                                 r->p->name);
    if (r->nullable) {
        if (floe_chblock_reader_read(&r->nulls.r, c->nulls + start, rows) < 0)
            return -1;
    }
    r->next_granule = first + n;
    return 0;
}
