/*
 * libFuzzer target for the Parquet reader. The input is a whole file; it
 * goes through what SELECT * FROM file('x.parquet') does: the reader infers
 * the columns (footer, schema), every row group is decoded into a block,
 * then the Parquet input format reads the file again into those columns.
 * Any input must end in blocks or in a floe error, never in a crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/error.h"
#include "base/io.h"
#include "base/mem.h"
#include "formats/format.h"
#include "parquet/reader.h"
#include "types/column.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input format over the reader's own columns, as file() reads them. */
static void read_as_format(const floe_parquet_reader *r, const uint8_t *data, size_t size)
{
    size_t n = floe_parquet_reader_n_columns(r);
    const char **names = floe_calloc(n ? n : 1, sizeof *names);
    const floe_type **types = floe_calloc(n ? n : 1, sizeof *types);
    for (size_t i = 0; i < n; i++) {
        names[i] = floe_parquet_reader_column_name(r, i);
        types[i] = floe_parquet_reader_column_type(r, i);
    }
    floe_format_settings settings;
    floe_format_settings_init(&settings);
    floe_mem_source_state st;
    floe_source src = floe_source_mem(&st, (const char *)data, size);
    floe_input_format *f = NULL;
    if (floe_input_format_new(&f, "Parquet", n, names, types, &settings, src) == 0) {
        for (;;) {
            floe_block *b = NULL;
            if (floe_input_format_read(f, &b, 65409) < 0 || !b)
                break;
            floe_block_free(b);
        }
    }
    floe_input_format_free(f);
    floe_free(names);
    floe_free(types);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    floe_error_clear();
    floe_parquet_reader *r = NULL;
    int rc = floe_parquet_reader_open(&r, data, size);
    for (size_t g = 0; rc == 0 && g < floe_parquet_reader_n_row_groups(r); g++) {
        floe_block *b = NULL;
        rc = floe_parquet_reader_read_row_group(r, g, &b);
        floe_block_free(b);
    }
    if (rc == 0)
        read_as_format(r, data, size);
    floe_parquet_reader_free(r);
    /* Whatever failed must have said why with a code; the error stays in
     * the slot for the replay driver to print. */
    if (rc < 0 && floe_error_code() == 0)
        abort();
    return 0;
}
