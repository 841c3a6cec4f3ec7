/*
 * FORMAT Parquet on output: the format interface over src/parquet/'s writer,
 * with ClickHouse's output_format_parquet_* settings (compression method
 * and level, row group rows and bytes) and max_threads for encoding column
 * chunks in parallel.
 */
#include "formats/format_impl.h"
#include "parquet/writer.h"

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
