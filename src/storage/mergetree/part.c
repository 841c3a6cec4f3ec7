/*
 * Loading parts and reading their column streams (see part.h). A column is
 * read by decompressing its .bin stream and decoding rows values; Nullable
 * columns add the .null stream.
 */
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
    nl = memchr(s, '\n', (size_t)(end - s));
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
    if (p->remove_on_free)
        floe_fs_remove_tree(p->dir);
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
