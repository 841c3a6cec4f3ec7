/*
 * The Wide part writer (see part_writer.h). Granule boundaries are chosen
 * once for the whole block and shared by every column; each column stream
 * takes a mark at each granule start and a final mark at its end.
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
#include "compress/ch_block.h"
#include "storage/mergetree/checksums.h"
#include "storage/mergetree/part_writer.h"
#include "storage/mergetree/skip_index.h"
#include "types/binary.h"

const floe_type *floe_part_stored_type(const floe_type *t)
{
    return t->id == FLOE_TYPE_LOWCARDINALITY && t->inner->id != FLOE_TYPE_NULLABLE ? t->inner : t;
}

void floe_escape_file_name(floe_buf *out, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '_') {
            floe_buf_putc(out, (char)c);
        } else {
            floe_buf_putc(out, '%');
            floe_buf_putc(out, hex[c >> 4]);
            floe_buf_putc(out, hex[c & 15]);
        }
    }
}

typedef struct part_ctx {
    const char *dir;
    floe_checksums sums;
    uint64_t compressed, uncompressed;
} part_ctx;

static int write_all_fd(const char *path, const void *p, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot open file %s: %s", path,
                          strerror(errno));
    floe_sink s = floe_sink_fd(fd);
    int rc = floe_sink_write(&s, p, n);
    if (rc == 0 && fsync(fd) < 0)
        rc = floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot fsync %s: %s", path,
                        strerror(errno));
    close(fd);
    return rc;
}

/* A small file of the part; listed in checksums.txt when checked. */
static int small_file(part_ctx *pc, const char *name, const void *p, size_t n, bool checked)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", pc->dir, name);
    if (write_all_fd(path, p, n) < 0)
        return -1;
    if (checked)
        floe_checksums_add_bytes(&pc->sums, name, p, n);
    return 0;
}

/* One stream: <file><ext> (.bin, or a skip index's .idx/.idx2) and
 * <file>.mrk2. */
typedef struct stream {
    char *file; /* escaped name without extension */
    const char *ext;
    int fd;
    floe_chblock_writer w;
    floe_buf marks;
    floe_buf scratch;
} stream;

static int stream_open_ext(stream *s, part_ctx *pc, const char *file, const char *ext,
                           const floe_codec *codec)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->file = floe_strdup(file);
    s->ext = ext;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s%s", pc->dir, file, ext);
    s->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (s->fd < 0)
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot open file %s: %s", path,
                          strerror(errno));
    floe_chblock_writer_options o = FLOE_CHBLOCK_WRITER_OPTIONS_INIT;
    o.codec = *codec;
    return floe_chblock_writer_init(&s->w, floe_sink_fd(s->fd), &o);
}

static int stream_open(stream *s, part_ctx *pc, const char *file, const floe_codec *codec)
{
    return stream_open_ext(s, pc, file, ".bin", codec);
}

static int stream_mark(stream *s, uint64_t rows)
{
    uint64_t m[3];
    if (floe_chblock_writer_mark(&s->w, &m[0], &m[1]) < 0)
        return -1;
    m[2] = rows;
    floe_buf_append(&s->marks, m, sizeof m);
    return 0;
}

static int stream_close(stream *s, part_ctx *pc)
{
    int rc = floe_chblock_writer_flush(&s->w);
    if (rc == 0 && fsync(s->fd) < 0)
        rc = floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot fsync %s%s", s->file,
                        s->ext);
    if (rc == 0) {
        char name[4096];
        snprintf(name, sizeof name, "%s%s", s->file, s->ext);
        floe_checksums_add_compressed(&pc->sums, name, floe_chblock_writer_file_size(&s->w),
                                      floe_chblock_writer_file_hash(&s->w),
                                      floe_chblock_writer_uncompressed_size(&s->w),
                                      floe_chblock_writer_uncompressed_hash(&s->w));
        pc->compressed += floe_chblock_writer_file_size(&s->w);
        pc->uncompressed += floe_chblock_writer_uncompressed_size(&s->w);
        snprintf(name, sizeof name, "%s.mrk2", s->file);
        rc = small_file(pc, name, s->marks.data ? s->marks.data : "", s->marks.len, true);
    }
    return rc;
}

static void stream_free(stream *s)
{
    if (s->fd >= 0)
        close(s->fd);
    floe_chblock_writer_free(&s->w);
    floe_buf_free(&s->marks);
    floe_buf_free(&s->scratch);
    floe_free(s->file);
}

/* Granule sizes: index_granularity rows, fewer when rows are large. */
static size_t granule_rows(const floe_block *b, const floe_part_write_options *o)
{
    size_t bytes = 0;
    for (size_t c = 0; c < b->n_cols; c++)
        bytes += floe_column_bytes(b->cols[c]);
    size_t g = o->index_granularity ? o->index_granularity : 8192;
    if (b->rows && bytes && o->index_granularity_bytes) {
        size_t per_row = bytes / b->rows;
        if (per_row == 0)
            per_row = 1;
        size_t by_bytes = o->index_granularity_bytes / per_row;
        if (by_bytes < 1)
            by_bytes = 1;
        if (by_bytes < g)
            g = by_bytes;
    }
    return g;
}

static int write_column(part_ctx *pc, const floe_column *c, const char *name,
                        const floe_codec *codec, size_t granule)
{
    floe_buf file = FLOE_BUF_INIT;
    floe_escape_file_name(&file, name);
    bool nullable = floe_type_is_nullable(c->type);
    stream vals, nulls;
    int rc = -1;
    memset(&nulls, 0, sizeof nulls);
    nulls.fd = -1;
    vals.fd = -1;
    vals.file = NULL;
    if (stream_open(&vals, pc, file.data, codec) < 0)
        goto done;
    if (nullable) {
        floe_buf nf = FLOE_BUF_INIT;
        floe_buf_printf(&nf, "%s.null", file.data);
        int r = stream_open(&nulls, pc, nf.data, codec);
        floe_buf_free(&nf);
        if (r < 0)
            goto done;
    }
    for (size_t from = 0; from < c->rows; from += granule) {
        size_t n = c->rows - from < granule ? c->rows - from : granule;
        if (stream_mark(&vals, n) < 0)
            goto done;
        floe_buf_clear(&vals.scratch);
        floe_binary_write_values(&vals.scratch, c, from, n);
        if (floe_chblock_writer_write(&vals.w, vals.scratch.data, vals.scratch.len) < 0)
            goto done;
        if (nullable) {
            if (stream_mark(&nulls, n) < 0)
                goto done;
            floe_buf_clear(&nulls.scratch);
            floe_binary_write_nulls(&nulls.scratch, c, from, n);
            if (floe_chblock_writer_write(&nulls.w, nulls.scratch.data, nulls.scratch.len) < 0)
                goto done;
        }
    }
    if (stream_mark(&vals, 0) < 0 || stream_close(&vals, pc) < 0)
        goto done;
    if (nullable && (stream_mark(&nulls, 0) < 0 || stream_close(&nulls, pc) < 0))
        goto done;
    rc = 0;
done:
    stream_free(&vals);
    if (nullable)
        stream_free(&nulls);
    floe_buf_free(&file);
    return rc;
}

/* A data-skipping index: one index granule per `granularity` data granules
 * (granule_rows[0..n_granules) rows each), each behind a mark (ClickHouse
 * writes no final mark for these). */
static int write_skip_index(part_ctx *pc, const floe_part_skip_index *ix,
                            const uint64_t *granule_rows, size_t n_granules,
                            const floe_codec *codec)
{
    floe_buf file = FLOE_BUF_INIT;
    floe_skip_file_name(&file, ix->def->name, "");
    stream s;
    int rc = stream_open_ext(&s, pc, file.data, floe_skip_extension(ix->def->kind), codec);
    size_t span = (size_t)ix->def->granularity, from = 0;
    for (size_t g = 0; rc == 0 && g < n_granules; g += span) {
        size_t n = 0;
        for (size_t k = g; k < g + span && k < n_granules; k++)
            n += (size_t)granule_rows[k];
        if (n == 0 || (rc = stream_mark(&s, 1)) < 0)
            break;
        floe_buf_clear(&s.scratch);
        floe_skip_granule_write(&s.scratch, ix, from, n);
        rc = floe_chblock_writer_write(&s.w, s.scratch.data, s.scratch.len);
        from += n;
    }
    if (rc == 0)
        rc = stream_close(&s, pc);
    stream_free(&s);
    floe_buf_free(&file);
    return rc;
}

int floe_part_add_skip_index(const char *dir, const floe_part_skip_index *ix,
                             const uint64_t *granule_rows, size_t n_granules,
                             const floe_codec *codec)
{
    part_ctx pc;
    memset(&pc, 0, sizeof pc);
    pc.dir = dir;
    int rc = floe_checksums_load(&pc.sums, dir);
    if (rc == 0)
        rc = write_skip_index(&pc, ix, granule_rows, n_granules, codec);
    if (rc == 0)
        rc = floe_checksums_store(&pc.sums, dir);
    floe_checksums_free(&pc.sums);
    return rc;
}

static size_t count_defaults(const floe_column *c)
{
    size_t n = 0;
    const floe_type *b = floe_type_base(c->type);
    if (b->id == FLOE_TYPE_STRING) {
        for (size_t i = 0; i < c->rows; i++) {
            size_t len;
            floe_column_string_at(c, i, &len);
            n += len == 0;
        }
        return n;
    }
    size_t w = b->width;
    for (size_t i = 0; i < c->rows; i++) {
        const uint8_t *p = c->data + i * w;
        bool zero = true;
        for (size_t k = 0; k < w && zero; k++)
            zero = p[k] == 0;
        n += zero;
    }
    return n;
}

static void json_string(floe_buf *out, const char *s)
{
    floe_buf_putc(out, '"');
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') {
            floe_buf_putc(out, '\\');
            floe_buf_putc(out, (char)ch);
        } else if (ch < 0x20) {
            floe_buf_printf(out, "\\u%04x", ch);
        } else {
            floe_buf_putc(out, (char)ch);
        }
    }
    floe_buf_putc(out, '"');
}

/* Min and max of rows of c, as two-row column (NULLs skipped). */
static floe_column *min_max(const floe_column *c)
{
    size_t lo = SIZE_MAX, hi = SIZE_MAX;
    for (size_t i = 0; i < c->rows; i++) {
        if (floe_column_is_null(c, i))
            continue;
        if (lo == SIZE_MAX || floe_column_compare(c, i, c, lo, true) < 0)
            lo = i;
        if (hi == SIZE_MAX || floe_column_compare(c, i, c, hi, true) > 0)
            hi = i;
    }
    floe_column *r = floe_column_new(floe_type_strip_nullable(c->type));
    if (lo == SIZE_MAX)
        return r;
    floe_column *view = floe_column_slice(c, lo, 1);
    floe_column *view2 = floe_column_slice(c, hi, 1);
    /* push through the non-nullable type */
    view->type = r->type;
    view2->type = r->type;
    floe_column_push_from(r, view, 0);
    floe_column_push_from(r, view2, 0);
    view->type = c->type;
    view2->type = c->type;
    floe_column_free(view);
    floe_column_free(view2);
    return r;
}

int floe_part_write(floe_part_written *out, const char *tmp_dir, const char *final_dir,
                    const floe_block *b, const char *const *names,
                    const floe_type *const *table_types, const floe_partition_key *key,
                    floe_column *const *key_vals, floe_column *const *pk, size_t n_pk,
                    const floe_part_write_options *opts)
{
    part_ctx pc;
    memset(&pc, 0, sizeof pc);
    const floe_type **types = floe_calloc(b->n_cols + 1, sizeof *types);
    for (size_t c = 0; c < b->n_cols; c++)
        types[c] = floe_part_stored_type(table_types[c]);
    pc.dir = tmp_dir;
    floe_buf buf = FLOE_BUF_INIT;
    int rc = -1;
    if (mkdir(tmp_dir, 0755) < 0) {
        floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot create directory %s: %s", tmp_dir,
                   strerror(errno));
        floe_free(types);
        return -1;
    }
    for (size_t c = 0; c < b->n_cols; c++)
        if (!floe_binary_supported(types[c])) {
            floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                       "Column %s of type %s cannot be stored in a MergeTree part yet", names[c],
                       types[c]->name);
            goto done;
        }
    size_t granule = granule_rows(b, opts);
    for (size_t c = 0; c < b->n_cols; c++) {
        const floe_codec *codec = opts->codecs ? &opts->codecs[c] : &opts->default_codec;
        if (write_column(&pc, b->cols[c], names[c], codec, granule) < 0)
            goto done;
    }
    uint64_t marks = b->rows ? (b->rows + granule - 1) / granule : 0;
    if (opts->n_skip) {
        uint64_t *rows = floe_malloc((marks + 1) * sizeof *rows);
        for (uint64_t g = 0; g < marks; g++)
            rows[g] = g + 1 < marks ? granule : b->rows - g * granule;
        int r = 0;
        for (size_t i = 0; i < opts->n_skip && r == 0; i++)
            r = write_skip_index(&pc, &opts->skip[i], rows, (size_t)marks, &opts->default_codec);
        floe_free(rows);
        if (r < 0)
            goto done;
    }
    /* primary.idx: the key at each granule's first row, and at the last row */
    floe_buf_clear(&buf);
    if (n_pk && b->rows) {
        for (size_t from = 0; from < b->rows; from += granule)
            for (size_t k = 0; k < n_pk; k++)
                floe_binary_write_values(&buf, pk[k], from, 1);
        for (size_t k = 0; k < n_pk; k++)
            floe_binary_write_values(&buf, pk[k], b->rows - 1, 1);
    }
    if (small_file(&pc, "primary.idx", buf.data ? buf.data : "", buf.len, true) < 0)
        goto done;
    floe_buf_clear(&buf);
    floe_buf_u64(&buf, b->rows);
    if (small_file(&pc, "count.txt", buf.data, buf.len, true) < 0)
        goto done;
    if (key->n) {
        floe_buf_clear(&buf);
        floe_partition_serialize(&buf, key, key_vals, 0);
        if (small_file(&pc, "partition.dat", buf.data ? buf.data : "", buf.len, true) < 0)
            goto done;
        for (size_t i = 0; i < key->n_minmax; i++) {
            size_t col = key->minmax_cols[i];
            floe_column *mm = min_max(b->cols[col]);
            floe_buf_clear(&buf);
            floe_binary_write_values(&buf, mm, 0, mm->rows);
            floe_column_free(mm);
            floe_buf fname = FLOE_BUF_INIT;
            floe_buf_puts(&fname, "minmax_");
            floe_escape_file_name(&fname, names[col]);
            floe_buf_puts(&fname, ".idx");
            int r = small_file(&pc, fname.data, buf.data ? buf.data : "", buf.len, true);
            floe_buf_free(&fname);
            if (r < 0)
                goto done;
        }
    }
    /* serialization.json (version 0: every column in the default serialization) */
    floe_buf_clear(&buf);
    floe_buf_puts(&buf, "{\"columns\":[");
    bool first = true;
    for (size_t c = 0; c < b->n_cols; c++) {
        if (floe_type_is_nullable(types[c]))
            continue;
        if (!first)
            floe_buf_putc(&buf, ',');
        first = false;
        floe_buf_puts(&buf, "{\"kind\":\"Default\",\"name\":");
        json_string(&buf, names[c]);
        floe_buf_printf(&buf, ",\"num_defaults\":%zu,\"num_rows\":%zu}", count_defaults(b->cols[c]),
                        b->rows);
    }
    floe_buf_puts(&buf, "],\"version\":0}");
    if (small_file(&pc, "serialization.json", buf.data, buf.len, true) < 0)
        goto done;
    /* unchecked metadata files */
    floe_buf_clear(&buf);
    floe_buf_printf(&buf, "columns format version: 1\n%zu columns:\n", b->n_cols);
    for (size_t c = 0; c < b->n_cols; c++) {
        floe_buf_putc(&buf, '`');
        for (const char *p = names[c]; *p; p++) {
            if (*p == '`' || *p == '\\')
                floe_buf_putc(&buf, '\\');
            floe_buf_putc(&buf, *p);
        }
        floe_buf_printf(&buf, "` %s\n", types[c]->name);
    }
    if (small_file(&pc, "columns.txt", buf.data, buf.len, false) < 0)
        goto done;
    floe_buf_clear(&buf);
    floe_buf_printf(&buf, "columns substreams version: 1\n%zu columns:\n", b->n_cols);
    for (size_t c = 0; c < b->n_cols; c++) {
        floe_buf esc = FLOE_BUF_INIT;
        floe_escape_file_name(&esc, names[c]);
        bool nullable = floe_type_is_nullable(types[c]);
        floe_buf_printf(&buf, "%d substreams for column `%s`:\n", nullable ? 2 : 1, names[c]);
        if (nullable)
            floe_buf_printf(&buf, "\t%s.null\n", esc.data);
        floe_buf_printf(&buf, "\t%s\n", esc.data);
        floe_buf_free(&esc);
    }
    if (small_file(&pc, "columns_substreams.txt", buf.data, buf.len, false) < 0)
        goto done;
    floe_buf_clear(&buf);
    char codec_text[64];
    floe_codec_describe(codec_text, sizeof codec_text, &opts->default_codec);
    floe_buf_printf(&buf, "CODEC(%s)", codec_text);
    if (small_file(&pc, "default_compression_codec.txt", buf.data, buf.len, false) < 0)
        goto done;
    if (small_file(&pc, "metadata_version.txt", "0", 1, false) < 0)
        goto done;
    floe_buf_clear(&buf);
    if (floe_checksums_serialize(&buf, &pc.sums) < 0 ||
        small_file(&pc, "checksums.txt", buf.data, buf.len, false) < 0)
        goto done;
    floe_fs_fsync_dir(tmp_dir);
    if (rename(tmp_dir, final_dir) < 0) {
        floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot rename %s to %s: %s", tmp_dir, final_dir,
                   strerror(errno));
        goto done;
    }
    {
        char parent[4096];
        snprintf(parent, sizeof parent, "%s", final_dir);
        char *slash = strrchr(parent, '/');
        if (slash) {
            *slash = '\0';
            floe_fs_fsync_dir(parent);
        }
    }
    memset(out, 0, sizeof *out);
    out->rows = b->rows;
    out->marks = marks;
    for (size_t i = 0; i < pc.sums.n; i++)
        out->bytes_on_disk += pc.sums.files[i].file_size;
    out->compressed_bytes = pc.compressed;
    out->uncompressed_bytes = pc.uncompressed;
    out->hash_of_all_files = floe_checksums_total(&pc.sums);
    rc = 0;
done:
    if (rc < 0) {
        /* best effort: leftovers of tmp_* go at the next start-up anyway */
        floe_fs_remove_tree(tmp_dir);
    }
    floe_checksums_free(&pc.sums);
    floe_buf_free(&buf);
    floe_free(types);
    return rc;
}
