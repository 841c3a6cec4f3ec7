/*
 * FORMAT Parquet: the format interface over src/parquet/. Output uses the
 * writer with ClickHouse's output_format_parquet_* settings (compression
 * method and level, row group rows and bytes) and max_threads; input reads
 * the whole file, then hands out its row groups in blocks, matching the
 * target's columns by name and casting where the types differ.
 */
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "formats/format_impl.h"
#include "parquet/reader.h"
#include "parquet/writer.h"
#include "types/cast.h"

static int parquet_start(void **state, size_t n_cols, const char *const *names,
                         const floe_type *const *types, const floe_format_settings *settings,
                         floe_sink sink)
{
    floe_parquet_options o = FLOE_PARQUET_OPTIONS_INIT;
    if (settings) {
        if (settings->parquet_compression &&
            floe_parquet_codec_parse(&o.codec, settings->parquet_compression) < 0)
            return -1;
        o.level = settings->parquet_compression_level;
        if (settings->parquet_row_group_rows)
            o.row_group_rows = settings->parquet_row_group_rows;
        if (settings->parquet_row_group_bytes)
            o.row_group_bytes = settings->parquet_row_group_bytes;
        o.max_threads = settings->max_threads;
    }
    floe_parquet_writer *w = NULL;
    if (floe_parquet_writer_new(&w, n_cols, names, types, &o, sink) < 0) {
        floe_parquet_writer_free(w);
        return -1;
    }
    *state = w;
    return 0;
}

static int parquet_write(void *state, const floe_block *b)
{
    return floe_parquet_writer_add_block(state, b);
}

static int parquet_finish(void *state, const floe_query_stats *stats)
{
    (void)stats;
    return floe_parquet_writer_finish(state);
}

static void parquet_free(void *state)
{
    floe_parquet_writer_free(state);
}

const floe_output_vtable floe_parquet_output_vtable = {
    "Parquet", parquet_start, parquet_write, parquet_finish, parquet_free,
};

/*
 * Input. Invariant: block holds row group next_group - 1 (or nothing), and
 * its rows [pos, block->rows) are still to be returned; map[i] is the file
 * column for target column i, -1 when the file has none (defaults).
 */
typedef struct parquet_in {
    char *data;
    size_t len;
    floe_parquet_reader *reader;
    size_t n_cols;
    const char *const *names;
    const floe_type *const *types;
    long *map;
    floe_block *block;
    size_t pos;
    size_t next_group;
    const char *session_tz;
} parquet_in;

static void parquet_in_free(void *state)
{
    parquet_in *in = state;
    if (!in)
        return;
    floe_block_free(in->block);
    floe_parquet_reader_free(in->reader);
    floe_free(in->data);
    floe_free(in->map);
    floe_free(in);
}

static int parquet_in_start(void **state, size_t n_cols, const char *const *names,
                            const floe_type *const *types, const floe_format_settings *settings,
                            floe_source src)
{
    parquet_in *in = floe_calloc(1, sizeof *in);
    in->n_cols = n_cols;
    in->names = names;
    in->types = types;
    in->session_tz = settings ? settings->text.session_tz : NULL;
    floe_buf all = FLOE_BUF_INIT;
    for (;;) {
        floe_buf_reserve(&all, 1 << 16);
        size_t got = 0;
        if (src.read(src.ctx, all.data + all.len, all.cap - all.len - 1, &got) < 0) {
            floe_buf_free(&all);
            parquet_in_free(in);
            return -1;
        }
        if (got == 0)
            break;
        all.len += got;
    }
    in->data = floe_buf_detach(&all, &in->len);
    if (floe_parquet_reader_open(&in->reader, in->data, in->len) < 0) {
        parquet_in_free(in);
        return -1;
    }
    in->map = floe_calloc(n_cols ? n_cols : 1, sizeof *in->map);
    size_t nf = floe_parquet_reader_n_columns(in->reader);
    for (size_t i = 0; i < n_cols; i++) {
        in->map[i] = -1;
        for (size_t k = 0; k < nf; k++)
            if (strcmp(names[i], floe_parquet_reader_column_name(in->reader, k)) == 0)
                in->map[i] = (long)k;
    }
    *state = in;
    return 0;
}

/* Column i of the output for rows [from, from + n) of the cached block. */
static int take_column(floe_column **out, parquet_in *in, size_t i, size_t from, size_t n)
{
    const floe_type *to = in->types[i];
    if (in->map[i] < 0) {
        floe_column *c = floe_column_new(to);
        floe_column_reserve(c, n, 0);
        for (size_t k = 0; k < n; k++)
            floe_column_push_default(c);
        *out = c;
        return 0;
    }
    floe_column *part = floe_column_slice(in->block->cols[in->map[i]], from, n);
    const floe_type *have = part->type;
    if (have == to) {
        *out = part;
        return 0;
    }
    /* LowCardinality adds nothing to the layout: retype instead of casting. */
    if (floe_type_base(have) == floe_type_base(to) &&
        floe_type_is_nullable(have) == floe_type_is_nullable(to)) {
        part->type = to;
        *out = part;
        return 0;
    }
    int rc = floe_cast_column(out, part, to, FLOE_CAST_THROW, in->session_tz);
    floe_column_free(part);
    return rc;
}

static int parquet_in_read(void *state, floe_block **out, size_t max_rows)
{
    parquet_in *in = state;
    *out = NULL;
    while (!in->block || in->pos >= in->block->rows) {
        floe_block_free(in->block);
        in->block = NULL;
        in->pos = 0;
        if (in->next_group >= floe_parquet_reader_n_row_groups(in->reader))
            return 0;
        if (floe_parquet_reader_read_row_group(in->reader, in->next_group++, &in->block) < 0)
            return -1;
    }
    size_t n = in->block->rows - in->pos;
    if (max_rows && n > max_rows)
        n = max_rows;
    floe_block *b = floe_block_new();
    for (size_t i = 0; i < in->n_cols; i++) {
        floe_column *c;
        if (take_column(&c, in, i, in->pos, n) < 0) {
            floe_block_free(b);
            return -1;
        }
        floe_block_add(b, in->names[i], c);
    }
    b->rows = n;
    in->pos += n;
    *out = b;
    return 0;
}

const floe_input_vtable floe_parquet_input_vtable = {
    "Parquet",
    parquet_in_start,
    parquet_in_read,
    parquet_in_free,
};
