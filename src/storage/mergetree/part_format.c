/*
 * The on-disk layout of a part (see part_format.h): which part type and
 * mark type its files show, which serialisation each column uses
 * (serialization.json), and which substreams follow from that, checked
 * against columns_substreams.txt when the part has one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/io.h"
#include "base/mem.h"
#include "compress/ch_block.h"
#include "storage/mergetree/part.h"
#include "storage/mergetree/part_format.h"
#include "storage/mergetree/part_writer.h"
#include "types/binary.h"

static int read_file(char **out, size_t *len, const floe_part *p, const char *name)
{
    char path[4096 + 256];
    snprintf(path, sizeof path, "%s/%s", p->dir, name);
    if (floe_read_file(out, len, path) < 0) {
        if (floe_error_code() == FLOE_ERR_FILE_DOESNT_EXIST)
            return floe_error(FLOE_ERR_NO_FILE_IN_DATA_PART, "No file %s in data part %s", name,
                              p->name);
        return -1;
    }
    return 0;
}

/* Files outside checksums.txt (columns_substreams.txt is one) */
static bool exists(const floe_part *p, const char *name)
{
    char path[4096 + 256];
    snprintf(path, sizeof path, "%s/%s", p->dir, name);
    return access(path, F_OK) == 0;
}

static bool has_file(const floe_checksums *sums, const char *name)
{
    for (size_t i = 0; i < sums->n; i++)
        if (strcmp(sums->files[i].name, name) == 0)
            return true;
    return false;
}

/* The mark extension of the part's column files, from its file list. */
static int find_mark_ext(floe_part_format *f, const floe_part *p, const floe_checksums *sums)
{
    /* as ClickHouse, the part type follows from the mark extension: .mrk2
     * Wide, .mrk3/.mrk4 Compact (skip indices carry marks of the part's
     * type, but floe adds .mrk2 ones to any part: they do not count) */
    const char *ext = NULL;
    for (size_t i = 0; i < sums->n && !ext; i++) {
        const char *name = sums->files[i].name;
        if (strncmp(name, "skp_idx_", 8) == 0)
            continue;
        const char *dot = strrchr(name, '.');
        if (dot && strstr(dot, "mrk"))
            ext = dot + 1;
    }
    if (!ext) {
        if (p->n_cols == 0)
            return 0;
        return floe_error(FLOE_ERR_NO_FILE_IN_DATA_PART, "No marks file in data part %s", p->name);
    }
    snprintf(f->mark_ext, sizeof f->mark_ext, "%s", ext);
    f->compressed_marks = ext[0] == 'c';
    const char *kind = ext + (f->compressed_marks ? 4 : 3);
    if (strncmp(ext + (f->compressed_marks ? 1 : 0), "mrk", 3) != 0)
        return floe_error(FLOE_ERR_CORRUPTED_DATA, "Unknown mark file extension .%s in part %s",
                          ext, p->name);
    if (*kind == '\0')
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Part %s has non-adaptive marks (.%s), which floe cannot read", p->name,
                          ext);
    if (strcmp(kind, "2") == 0)
        return 0;
    if (strcmp(kind, "3") != 0 && strcmp(kind, "4") != 0)
        return floe_error(FLOE_ERR_CORRUPTED_DATA, "Unknown mark file extension .%s in part %s",
                          ext, p->name);
    f->compact = true;
    f->mark_per_substream = kind[0] == '4';
    char marks[32];
    snprintf(marks, sizeof marks, "data.%s", ext);
    if (!has_file(sums, "data.bin") || !has_file(sums, marks))
        return floe_error(FLOE_ERR_NO_FILE_IN_DATA_PART,
                          "No file data.bin or %s in Compact data part %s", marks, p->name);
    return 0;
}

/* Reads a JSON string starting after its opening quote into out; returns
 * the position after the closing quote, NULL when it does not end. */
static const char *json_string(floe_buf *out, const char *s, const char *end)
{
    while (s < end && *s != '"') {
        if (*s == '\\' && s + 1 < end) {
            s++;
            char c = *s;
            if (c == 'u' && end - s >= 5) {
                unsigned v = (unsigned)strtoul((char[]){s[1], s[2], s[3], s[4], 0}, NULL, 16);
                if (v < 0x80) {
                    floe_buf_putc(out, (char)v);
                } else if (v < 0x800) {
                    floe_buf_putc(out, (char)(0xC0 | (v >> 6)));
                    floe_buf_putc(out, (char)(0x80 | (v & 0x3F)));
                } else {
                    floe_buf_putc(out, (char)(0xE0 | (v >> 12)));
                    floe_buf_putc(out, (char)(0x80 | ((v >> 6) & 0x3F)));
                    floe_buf_putc(out, (char)(0x80 | (v & 0x3F)));
                }
                s += 5;
                continue;
            }
            floe_buf_putc(out, c == 'n'   ? '\n'
                               : c == 't' ? '\t'
                               : c == 'r' ? '\r'
                               : c == 'b' ? '\b'
                               : c == 'f' ? '\f'
                                          : c);
            s++;
            continue;
        }
        floe_buf_putc(out, *s++);
    }
    return s < end ? s + 1 : NULL;
}

/* The value of string key `key` in the JSON object text [s, end) (its first
 * occurrence: ClickHouse writes keys sorted, so a column's own "kind" and
 * "name" come before any nested subcolumns). */
static bool json_key(floe_buf *out, const char *s, const char *end, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":\"", key);
    size_t n = strlen(pat);
    for (; s + n <= end; s++)
        if (memcmp(s, pat, n) == 0)
            return json_string(out, s + n, end) != NULL;
    return false;
}

/* serialization.json: which columns are Sparse, whether strings carry a
 * size stream ("types_serialization_versions":{"string":1}) and whether
 * Nullable columns may be sparse ("nullable":1). */
static int parse_serialization(floe_part_format *f, const floe_part *p, const char *text,
                               size_t len, bool *size_stream, bool *sparse_nullable)
{
    const char *end = text + len;
    /* "types_serialization_versions":{"string":1,...}: String's version 1
     * (a .size stream) and Nullable's 1 (allow_sparse) are known; other
     * types must be at 0 */
    *size_stream = *sparse_nullable = false;
    const char *v = strstr(text, "\"types_serialization_versions\":{");
    const char *close = v ? memchr(v, '}', (size_t)(end - v)) : NULL;
    for (const char *t = v ? v + 32 : NULL; t && close && t < close;) {
        const char *q = memchr(t, '"', (size_t)(close - t));
        const char *qe = q ? memchr(q + 1, '"', (size_t)(close - q - 1)) : NULL;
        if (!qe || qe[1] != ':')
            break;
        long ver = strtol(qe + 2, NULL, 10);
        bool is_string = qe - q - 1 == 6 && memcmp(q + 1, "string", 6) == 0;
        bool is_nullable = qe - q - 1 == 8 && memcmp(q + 1, "nullable", 8) == 0;
        if (is_string && ver == 1)
            *size_stream = true;
        else if (is_nullable && ver == 1)
            *sparse_nullable = true;
        else if (ver != 0)
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                              "Part %s uses serialization version %ld of %.*s, which floe "
                              "cannot read",
                              p->name, ver, (int)(qe - q - 1), q + 1);
        t = qe + 2;
    }
    const char *cols = strstr(text, "\"columns\":[");
    if (!cols)
        return 0;
    const char *s = cols + 11;
    while (s < end && *s != ']') {
        if (*s != '{') {
            s++;
            continue;
        }
        /* the object's extent, minding nested objects and strings */
        const char *o = s;
        int depth = 0;
        bool in_str = false;
        for (; s < end; s++) {
            if (in_str) {
                if (*s == '\\')
                    s++;
                else if (*s == '"')
                    in_str = false;
            } else if (*s == '"') {
                in_str = true;
            } else if (*s == '{') {
                depth++;
            } else if (*s == '}' && --depth == 0) {
                s++;
                break;
            }
        }
        floe_buf kind = FLOE_BUF_INIT, name = FLOE_BUF_INIT;
        int rc = 0;
        if (!json_key(&kind, o, s, "kind") || !json_key(&name, o, s, "name")) {
            rc = floe_error(FLOE_ERR_CORRUPTED_DATA, "Bad serialization.json in part %s", p->name);
        } else {
            int col = floe_part_find_column(p, name.data ? name.data : "");
            bool sparse = strcmp(kind.data, "Sparse") == 0;
            if (!sparse && strcmp(kind.data, "Default") != 0)
                rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                                "Column %s of part %s has serialization kind %s, which floe "
                                "cannot read",
                                name.data ? name.data : "", p->name, kind.data);
            else if (col >= 0)
                f->cols[col].sparse = sparse;
        }
        floe_buf_free(&kind);
        floe_buf_free(&name);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static void stream_name(floe_buf *out, const char *col_name, const floe_part_column_format *cf,
                        size_t sub)
{
    floe_escape_file_name(out, col_name);
    switch (cf->subs[sub]) {
    case FLOE_SUBSTREAM_NULL:
        floe_buf_puts(out, ".null");
        break;
    case FLOE_SUBSTREAM_SPARSE:
        floe_buf_puts(out, ".sparse.idx");
        break;
    case FLOE_SUBSTREAM_SIZE:
        floe_buf_puts(out, ".size");
        break;
    case FLOE_SUBSTREAM_VALUES:
        break;
    }
}

void floe_part_format_stream_name(floe_buf *out, const floe_part *p, size_t col, size_t sub)
{
    stream_name(out, p->col_names[col], &p->format->cols[col], sub);
}

/* columns_substreams.txt must list the substreams floe derived, in order
 * (a .mrk4 mark row has one mark for each). */
static int check_substreams(floe_part_format *f, const floe_part *p, const char *text, size_t len)
{
    const char *s = text, *end = text + len;
    floe_buf want = FLOE_BUF_INIT;
    int rc = 0;
    const char *nl = memchr(s, '\n', len);
    if (!nl || strncmp(s, "columns substreams version: 1", 29) != 0) {
        rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                        "Part %s has a columns_substreams.txt floe cannot read", p->name);
        goto done;
    }
    s = nl + 1;
    nl = memchr(s, '\n', (size_t)(end - s));
    if (!nl || strtoull(s, NULL, 10) != p->n_cols) {
        rc = floe_error(FLOE_ERR_CORRUPTED_DATA,
                        "columns_substreams.txt of part %s does not match columns.txt", p->name);
        goto done;
    }
    s = nl + 1;
    for (size_t c = 0; c < p->n_cols && rc == 0; c++) {
        nl = memchr(s, '\n', (size_t)(end - s));
        if (!nl) {
            rc = floe_error(FLOE_ERR_CORRUPTED_DATA, "Bad columns_substreams.txt in part %s",
                            p->name);
            break;
        }
        size_t n = strtoull(s, NULL, 10);
        s = nl + 1;
        floe_part_column_format *cf = &f->cols[c];
        if (cf->unsupported)
            cf->n_subs = n;
        bool same = cf->unsupported || n == cf->n_subs;
        for (size_t k = 0; k < n && rc == 0; k++) {
            nl = memchr(s, '\n', (size_t)(end - s));
            if (!nl || *s != '\t') {
                rc = floe_error(FLOE_ERR_CORRUPTED_DATA, "Bad columns_substreams.txt in part %s",
                                p->name);
                break;
            }
            if (same && !cf->unsupported) {
                floe_buf_clear(&want);
                stream_name(&want, p->col_names[c], cf, k);
                same = (size_t)(nl - s - 1) == want.len && memcmp(s + 1, want.data, want.len) == 0;
            }
            s = nl + 1;
        }
        if (rc == 0 && !same)
            rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                            "Column %s of part %s is stored in substreams floe cannot read",
                            p->col_names[c], p->name);
    }
done:
    floe_buf_free(&want);
    return rc;
}

static int read_marks(floe_buf *out, const floe_part *p, bool compressed, const char *file)
{
    char *raw = NULL;
    size_t len = 0;
    if (read_file(&raw, &len, p, file) < 0)
        return -1;
    int rc = 0;
    if (compressed) {
        rc = floe_chblock_decompress_all(out, raw, len);
        if (rc < 0)
            floe_error_prefix("While reading marks %s of part %s", file, p->name);
    } else {
        floe_buf_append(out, raw, len);
    }
    floe_free(raw);
    return rc;
}

int floe_part_format_read_marks(floe_buf *out, const floe_part *p, const char *file)
{
    return read_marks(out, p, p->format->compressed_marks, file);
}

static int load_compact_marks(floe_part_format *f, const floe_part *p)
{
    floe_buf file = FLOE_BUF_INIT, data = FLOE_BUF_INIT;
    floe_buf_printf(&file, "data.%s", f->mark_ext);
    int rc = read_marks(&data, p, f->compressed_marks, file.data);
    size_t row = (2 * f->marks_per_row + 1) * sizeof(uint64_t);
    if (rc == 0 && data.len % row != 0)
        rc = floe_error(FLOE_ERR_CORRUPTED_DATA,
                        "Marks file %s of part %s has %zu bytes, not a multiple of %zu", file.data,
                        p->name, data.len, row);
    if (rc == 0) {
        f->n_mark_rows = data.len / row;
        f->compact_marks = floe_malloc(data.len ? data.len : 1);
        if (data.len)
            memcpy(f->compact_marks, data.data, data.len);
    }
    floe_buf_free(&file);
    floe_buf_free(&data);
    return rc;
}

int floe_part_format_load(floe_part_format **out, const floe_part *p, const floe_checksums *sums)
{
    floe_part_format *f = floe_calloc(1, sizeof *f);
    f->cols = floe_calloc(p->n_cols + 1, sizeof *f->cols);
    char *text = NULL;
    size_t len = 0;
    bool size_stream = false, sparse_nullable = false;
    int rc = find_mark_ext(f, p, sums);
    if (rc == 0 && exists(p, "serialization.json")) {
        rc = read_file(&text, &len, p, "serialization.json");
        if (rc == 0)
            rc = parse_serialization(f, p, text, len, &size_stream, &sparse_nullable);
        floe_free(text);
        text = NULL;
    }
    size_t marks = 0;
    for (size_t c = 0; c < p->n_cols && rc == 0; c++) {
        floe_part_column_format *cf = &f->cols[c];
        const floe_type *t = p->col_types[c];
        if (!floe_binary_supported(t)) {
            /* LowCardinality, Array, Tuple: reading them is refused
             * (floe_part_reader_open); the part still loads, with their
             * substreams counted from columns_substreams.txt */
            cf->unsupported = true;
            cf->subs[cf->n_subs++] = FLOE_SUBSTREAM_VALUES;
            continue;
        }
        bool nullable = floe_type_is_nullable(t);
        if (cf->sparse && nullable && !sparse_nullable) {
            rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                            "Column %s of part %s is a sparse Nullable without "
                            "nullable_serialization_version = 'allow_sparse', which floe "
                            "cannot read",
                            p->col_names[c], p->name);
            break;
        }
        cf->size_stream = size_stream && floe_type_base(t)->id == FLOE_TYPE_STRING;
        /* a sparse Nullable has no null map: the rows the sparse offsets
         * skip are the NULLs, the values are the non-NULL ones */
        if (nullable && !cf->sparse)
            cf->subs[cf->n_subs++] = FLOE_SUBSTREAM_NULL;
        if (cf->sparse)
            cf->subs[cf->n_subs++] = FLOE_SUBSTREAM_SPARSE;
        if (cf->size_stream)
            cf->subs[cf->n_subs++] = FLOE_SUBSTREAM_SIZE;
        cf->subs[cf->n_subs++] = FLOE_SUBSTREAM_VALUES;
    }
    if (rc == 0 && exists(p, "columns_substreams.txt")) {
        rc = read_file(&text, &len, p, "columns_substreams.txt");
        if (rc == 0)
            rc = check_substreams(f, p, text, len);
        f->substreams_listed = true;
        floe_free(text);
    }
    for (size_t c = 0; c < p->n_cols && rc == 0; c++) {
        f->cols[c].first_mark = marks;
        marks += f->cols[c].n_subs;
        if (f->cols[c].unsupported && f->mark_per_substream && !f->substreams_listed)
            rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                            "Column %s of part %s has substreams floe cannot count",
                            p->col_names[c], p->name);
    }
    if (rc == 0 && f->compact) {
        f->marks_per_row = f->mark_per_substream ? marks : p->n_cols;
        rc = load_compact_marks(f, p);
    }
    if (rc < 0) {
        floe_part_format_free(f);
        return -1;
    }
    *out = f;
    return 0;
}

void floe_part_format_free(floe_part_format *f)
{
    if (!f)
        return;
    floe_free(f->cols);
    floe_free(f->compact_marks);
    floe_free(f);
}
