/*
 * Test driver for the Parquet writer: reads RowBinaryWithNamesAndTypes on
 * stdin (as ClickHouse prints it), turns it into blocks and writes them with
 * floe_parquet_writer to the file named on the command line, with the
 * writer's options from flags. parquet_readers.sh compares what independent
 * readers see in the result with ClickHouse's own Parquet file of the same
 * query.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "base/error.h"
#include "base/io.h"
#include "base/mem.h"
#include "parquet/reader.h"
#include "parquet/writer.h"
#include "types/column.h"
#include "types/type.h"

/* stdin through a refilling buffer, so large inputs stream. */
typedef struct input {
    uint8_t *buf;
    size_t cap, pos, len;
    bool eof;
} input;

/* Makes n bytes available at buf + pos; false at a clean end of input. */
static int fill(input *in, size_t n)
{
    while (in->len - in->pos < n && !in->eof) {
        if (in->pos > 0) {
            memmove(in->buf, in->buf + in->pos, in->len - in->pos);
            in->len -= in->pos;
            in->pos = 0;
        }
        if (in->len + n > in->cap || in->cap - in->len < 65536) {
            in->cap = (in->len + n + 65536) * 2;
            in->buf = floe_realloc(in->buf, in->cap);
        }
        ssize_t got = read(0, in->buf + in->len, in->cap - in->len);
        if (got <= 0)
            in->eof = true;
        else
            in->len += (size_t)got;
    }
    return in->len - in->pos >= n ? 0 : -1;
}

static bool at_end(input *in)
{
    return fill(in, 1) < 0;
}

static int need(input *in, size_t n)
{
    if (fill(in, n) < 0) {
        fprintf(stderr, "parquet_gen: truncated input\n");
        return -1;
    }
    return 0;
}

static int varint(input *in, uint64_t *v)
{
    uint64_t x = 0;
    for (int s = 0; s < 64; s += 7) {
        if (need(in, 1) < 0)
            return -1;
        uint8_t b = in->buf[in->pos++];
        x |= (uint64_t)(b & 0x7f) << s;
        if (!(b & 0x80)) {
            *v = x;
            return 0;
        }
    }
    return -1;
}

static int read_string(input *in, const uint8_t **p, size_t *n)
{
    uint64_t len;
    if (varint(in, &len) < 0 || need(in, len) < 0)
        return -1;
    *p = in->buf + in->pos;
    *n = (size_t)len;
    in->pos += len;
    return 0;
}

/* Reads one value of type t (the column's type, maybe Nullable or
 * LowCardinality) and appends it to c. */
static int read_value(input *in, floe_column *c, const floe_type *t)
{
    if (t->id == FLOE_TYPE_LOWCARDINALITY)
        return read_value(in, c, t->inner);
    if (t->id == FLOE_TYPE_NULLABLE) {
        if (need(in, 1) < 0)
            return -1;
        if (in->buf[in->pos++]) {
            floe_column_push_null(c);
            return 0;
        }
        return read_value(in, c, t->inner);
    }
    if (t->id == FLOE_TYPE_TUPLE) {
        floe_column_reserve(c, 1, 0);
        for (size_t k = 0; k < t->n_elems; k++)
            if (read_value(in, c->children[k], t->elems[k]) < 0)
                return -1;
        c->rows++;
        return 0;
    }
    if (t->id == FLOE_TYPE_ARRAY) {
        uint64_t n;
        if (varint(in, &n) < 0)
            return -1;
        floe_column *child = c->children[0];
        for (uint64_t i = 0; i < n; i++)
            if (read_value(in, child, t->inner) < 0)
                return -1;
        floe_column_reserve(c, 1, 0);
        c->offsets[c->rows++] = child->rows;
        return 0;
    }
    if (t->id == FLOE_TYPE_STRING) {
        const uint8_t *p;
        size_t n;
        if (read_string(in, &p, &n) < 0)
            return -1;
        floe_column_push_string(c, (const char *)p, n);
        return 0;
    }
    if (t->width == 0) {
        fprintf(stderr, "parquet_gen: type %s not supported\n", t->name);
        return -1;
    }
    if (need(in, t->width) < 0)
        return -1;
    if (t->id == FLOE_TYPE_FIXEDSTRING)
        floe_column_push_string(c, (const char *)in->buf + in->pos, t->width);
    else
        floe_column_push_fixed(c, in->buf + in->pos);
    in->pos += t->width;
    return 0;
}

static void put_varint(floe_buf *b, uint64_t v)
{
    while (v >= 0x80) {
        floe_buf_putc(b, (char)(v | 0x80));
        v >>= 7;
    }
    floe_buf_putc(b, (char)v);
}

static void put_string(floe_buf *b, const char *p, size_t n)
{
    put_varint(b, n);
    floe_buf_append(b, p, n);
}

/* Row `row` of c in RowBinary. */
static void put_value(floe_buf *out, const floe_column *c, size_t row)
{
    const floe_type *t = floe_type_base(c->type);
    if (c->nulls) {
        floe_buf_putc(out, (char)c->nulls[row]);
        if (c->nulls[row])
            return;
    }
    if (t->id == FLOE_TYPE_TUPLE) {
        for (size_t k = 0; k < c->n_children; k++)
            put_value(out, c->children[k], row);
    } else if (t->id == FLOE_TYPE_ARRAY) {
        uint64_t s = row ? c->offsets[row - 1] : 0;
        put_varint(out, c->offsets[row] - s);
        for (uint64_t e = s; e < c->offsets[row]; e++)
            put_value(out, c->children[0], (size_t)e);
    } else if (c->offsets) {
        size_t l;
        const char *p = floe_column_string_at(c, row, &l);
        put_string(out, p, l);
    } else {
        floe_buf_append(out, floe_column_fixed_at(c, row), c->type->width);
    }
}

/* -R: reads a Parquet file with floe's reader and prints it as
 * RowBinaryWithNamesAndTypes, to compare byte for byte with ClickHouse. */
static int read_mode(const char *path)
{
    char *data;
    size_t len;
    if (floe_read_file(&data, &len, path) < 0) {
        fprintf(stderr, "%s\n", floe_error_message());
        return 1;
    }
    floe_parquet_reader *r = NULL;
    int rc = floe_parquet_reader_open(&r, data, len);
    floe_buf out = FLOE_BUF_INIT;
    if (rc == 0) {
        size_t n = floe_parquet_reader_n_columns(r);
        put_varint(&out, n);
        for (size_t i = 0; i < n; i++) {
            const char *name = floe_parquet_reader_column_name(r, i);
            put_string(&out, name, strlen(name));
        }
        for (size_t i = 0; i < n; i++) {
            const char *t = floe_parquet_reader_column_type(r, i)->name;
            put_string(&out, t, strlen(t));
        }
        for (size_t g = 0; rc == 0 && g < floe_parquet_reader_n_row_groups(r); g++) {
            floe_block *b;
            rc = floe_parquet_reader_read_row_group(r, g, &b);
            if (rc < 0)
                break;
            for (size_t row = 0; row < b->rows; row++)
                for (size_t i = 0; i < n; i++)
                    put_value(&out, b->cols[i], row);
            floe_block_free(b);
        }
    }
    if (rc < 0) {
        char msg[1024];
        floe_error_format(msg, sizeof msg);
        fprintf(stderr, "%s\n", msg);
    } else {
        fwrite(out.data, 1, out.len, stdout);
    }
    floe_buf_free(&out);
    floe_parquet_reader_free(r);
    floe_free(data);
    return rc < 0 ? 1 : 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* A field of /proc/self/status in KiB (VmRSS, VmHWM); 0 if unknown. */
static long status_kib(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    long v = 0;
    size_t n = strlen(field);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':')
            v = atol(line + n + 1);
    fclose(f);
    return v;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: parquet_gen [-c codec] [-l level] [-r rg_rows] [-b rg_bytes] "
            "[-p page_size] [-d 0|1] [-D dict_max] [-x 0|1] [-t threads] [-B block_rows] [-T] "
            "[-k key=value] [-s col,desc,nulls_first] [-F 0|1 bloom filters on plain chunks] "
            "[-M] OUT < rowbinary\n"
            "       -T prints the time spent in the writer; -M reads all input before writing,\n"
            "       so that none of the writer's threads' work hides behind the input's parsing\n"
            "       parquet_gen -R FILE > rowbinary\n");
    exit(2);
}

int main(int argc, char **argv)
{
    floe_parquet_options o = FLOE_PARQUET_OPTIONS_INIT;
    floe_parquet_kv kv[8];
    floe_parquet_sorting_column sorting[8];
    size_t block_rows = 65409;
    bool timing = false, materialize = false;
    double writer_secs = 0, writer_cpu = 0;
    int opt;
    while ((opt = getopt(argc, argv, "c:l:r:b:p:d:D:x:t:B:k:s:S:TMR:F:")) != -1) {
        switch (opt) {
        case 'c':
            if (floe_parquet_codec_parse(&o.codec, optarg) < 0) {
                fprintf(stderr, "%s\n", floe_error_message());
                return 2;
            }
            break;
        case 'l':
            o.level = atoi(optarg);
            break;
        case 'r':
            o.row_group_rows = strtoull(optarg, NULL, 10);
            break;
        case 'b':
            o.row_group_bytes = strtoull(optarg, NULL, 10);
            break;
        case 'p':
            o.page_size = strtoull(optarg, NULL, 10);
            break;
        case 'd':
            o.dictionary = atoi(optarg) != 0;
            break;
        case 'D':
            o.dictionary_max_bytes = strtoull(optarg, NULL, 10);
            break;
        case 'x':
            o.delta = atoi(optarg) != 0;
            break;
        case 'S':
            o.statistics = atoi(optarg) != 0;
            break;
        case 't':
            o.max_threads = (unsigned)atoi(optarg);
            break;
        case 'T':
            timing = true;
            break;
        case 'M':
            materialize = true;
            break;
        case 'F':
            o.bloom_filter_plain = atoi(optarg) != 0;
            break;
        case 'R':
            return read_mode(optarg);
        case 'B':
            block_rows = strtoull(optarg, NULL, 10);
            break;
        case 'k': {
            if (o.n_kv == 8)
                usage();
            char *eq = strchr(optarg, '=');
            if (eq)
                *eq = '\0';
            kv[o.n_kv].key = optarg;
            kv[o.n_kv].value = eq ? eq + 1 : NULL;
            o.n_kv++;
            o.kv = kv;
            break;
        }
        case 's': {
            if (o.n_sorting == 8)
                usage();
            unsigned col, desc, nf;
            if (sscanf(optarg, "%u,%u,%u", &col, &desc, &nf) != 3)
                usage();
            sorting[o.n_sorting] = (floe_parquet_sorting_column){col, desc != 0, nf != 0};
            o.n_sorting++;
            o.sorting = sorting;
            break;
        }
        default:
            usage();
        }
    }
    if (optind + 1 != argc || block_rows == 0)
        usage();

    input in = {0};
    uint64_t n_cols;
    if (varint(&in, &n_cols) < 0)
        return 1;
    char **names = floe_calloc(n_cols + 1, sizeof *names);
    const floe_type **types = floe_calloc(n_cols + 1, sizeof *types);
    for (uint64_t i = 0; i < n_cols; i++) {
        const uint8_t *p;
        size_t n;
        if (read_string(&in, &p, &n) < 0)
            return 1;
        names[i] = floe_strndup((const char *)p, n);
    }
    for (uint64_t i = 0; i < n_cols; i++) {
        const uint8_t *p;
        size_t n;
        if (read_string(&in, &p, &n) < 0)
            return 1;
        if (floe_type_parse(&types[i], (const char *)p, n) < 0) {
            fprintf(stderr, "parquet_gen: %s\n", floe_error_message());
            return 1;
        }
    }

    int fd = open(argv[optind], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        perror(argv[optind]);
        return 1;
    }
    floe_parquet_writer *w = NULL;
    floe_block **blocks = NULL;
    size_t n_blocks = 0, next_block = 0;
    long base_kib = 0;
    if (materialize) {
        size_t cap = 0;
        while (!at_end(&in)) {
            floe_block *b = floe_block_new();
            for (uint64_t i = 0; i < n_cols; i++)
                floe_block_add(b, names[i], floe_column_new(types[i]));
            size_t rows = 0;
            while (rows < block_rows && !at_end(&in)) {
                for (uint64_t i = 0; i < n_cols; i++)
                    if (read_value(&in, b->cols[i], types[i]) < 0)
                        return 1;
                rows++;
            }
            b->rows = rows;
            if (n_blocks == cap) {
                cap = cap ? cap * 2 : 64;
                blocks = floe_realloc(blocks, cap * sizeof *blocks);
            }
            blocks[n_blocks++] = b;
        }
        base_kib = status_kib("VmRSS");
    }
    int rc = floe_parquet_writer_new(&w, n_cols, (const char *const *)names, types, &o,
                                     floe_sink_fd(fd));
    while (rc == 0 && (materialize ? next_block < n_blocks : !at_end(&in))) {
        if (materialize) {
            floe_block *b = blocks[next_block++];
            double t0 = now(), c0 = cpu_now();
            rc = floe_parquet_writer_add_block(w, b);
            writer_secs += now() - t0;
            writer_cpu += cpu_now() - c0;
            continue;
        }
        floe_block *b = floe_block_new();
        for (uint64_t i = 0; i < n_cols; i++)
            floe_block_add(b, names[i], floe_column_new(types[i]));
        size_t rows = 0;
        while (rows < block_rows && !at_end(&in)) {
            for (uint64_t i = 0; i < n_cols; i++)
                if (read_value(&in, b->cols[i], types[i]) < 0)
                    return 1;
            rows++;
        }
        b->rows = rows;
        double t0 = now(), c0 = cpu_now();
        rc = floe_parquet_writer_add_block(w, b);
        writer_secs += now() - t0;
        writer_cpu += cpu_now() - c0;
        floe_block_free(b);
    }
    if (rc == 0) {
        double t0 = now(), c0 = cpu_now();
        rc = floe_parquet_writer_finish(w);
        writer_secs += now() - t0;
        writer_cpu += cpu_now() - c0;
    }
    if (timing && materialize) {
        /* The input's blocks stay resident: the writer's peak is what the
         * process gained above them. */
        fprintf(stderr, "writer: %.3f s wall, %.3f s CPU, max RSS %ld MiB over the input's\n",
                writer_secs, writer_cpu, (status_kib("VmHWM") - base_kib) / 1024);
    } else if (timing) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr, "writer: %.3f s wall, %.3f s CPU, max RSS %ld MiB\n", writer_secs,
                writer_cpu, ru.ru_maxrss / 1024);
    }
    for (size_t i = 0; i < n_blocks; i++)
        floe_block_free(blocks[i]);
    floe_free(blocks);
    if (rc < 0) {
        char msg[1024];
        floe_error_format(msg, sizeof msg);
        fprintf(stderr, "%s\n", msg);
    }
    floe_parquet_writer_free(w);
    close(fd);
    for (uint64_t i = 0; i < n_cols; i++)
        floe_free(names[i]);
    floe_free(names);
    floe_free(types);
    floe_free(in.buf);
    return rc < 0 ? 1 : 0;
}
