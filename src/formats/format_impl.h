/*
 * What a format implements, for the files in src/formats/ (not for users of
 * formats, who use format.h). Each format file defines its vtable(s) and
 * format.c lists them by name.
 */
#ifndef FLOE_FORMATS_FORMAT_IMPL_H
#define FLOE_FORMATS_FORMAT_IMPL_H

#include "formats/format.h"

typedef struct floe_output_vtable {
    const char *name; /* ClickHouse's name, e.g. "TabSeparated" */
    /* Sets *state; names/types/settings stay valid until free. */
    int (*start)(void **state, size_t n_cols, const char *const *names,
                 const floe_type *const *types, const floe_format_settings *settings,
                 floe_sink sink);
    int (*write)(void *state, const floe_block *b);
    int (*finish)(void *state, const floe_query_stats *stats);
    void (*free)(void *state);
} floe_output_vtable;

typedef struct floe_input_vtable {
    const char *name;
    int (*start)(void **state, size_t n_cols, const char *const *names,
                 const floe_type *const *types, const floe_format_settings *settings,
                 floe_source src);
    int (*read)(void *state, floe_block **out, size_t max_rows);
    void (*free)(void *state);
} floe_input_vtable;

/* Parquet, defined in src/formats/parquet_format.c over src/parquet/. */
extern const floe_output_vtable floe_parquet_output_vtable;
extern const floe_input_vtable floe_parquet_input_vtable;

#endif
