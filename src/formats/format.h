/*
 * Input and output formats: blocks to bytes and bytes to blocks, byte-exact
 * with ClickHouse for the same data. Formats are looked up by name
 * (case-sensitive, as ClickHouse's are, with its aliases: TSV, TabSeparated,
 * ...). Row formats and Parquet share this one interface.
 */
#ifndef FLOE_FORMATS_FORMAT_H
#define FLOE_FORMATS_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/io.h"
#include "types/column.h"
#include "types/serialize.h"

/* Settings the formats read (ClickHouse's names in comments). */
typedef struct floe_format_settings {
    floe_text_options text;
    uint64_t pretty_max_rows;           /* output_format_pretty_max_rows, 10000 */
    uint64_t pretty_max_column_pad_width; /* output_format_pretty_max_column_pad_width, 250 */
    uint64_t pretty_max_value_width;    /* output_format_pretty_max_value_width, 10000 */
    bool pretty_color;                  /* output_format_pretty_color: false when not a terminal */
    char csv_delimiter;                 /* format_csv_delimiter, ',' */
    bool input_skip_unknown_fields;     /* input_format_skip_unknown_fields, 1 */
    bool write_statistics;              /* output_format_write_statistics, 1 (JSON) */
    /* Parquet (output_format_parquet_*) */
    const char *parquet_compression;    /* output_format_parquet_compression_method, "zstd" */
    int parquet_compression_level;      /* output_format_compression_level, 3 */
    uint64_t parquet_row_group_rows;    /* output_format_parquet_row_group_size, 1000000 */
    uint64_t parquet_row_group_bytes;   /* output_format_parquet_row_group_size_bytes, 512 MiB */
    unsigned max_threads;
    /* Row formats (defaults: ClickHouse 26.7's, set by floe_format_settings_init) */
    bool pretty_row_numbers;              /* output_format_pretty_row_numbers, 1 */
    uint64_t pretty_squash_consecutive_ms; /* output_format_pretty_squash_consecutive_ms, 50 */
    uint64_t pretty_squash_max_wait_ms;   /* output_format_pretty_squash_max_wait_ms, 1000 */
    uint64_t pretty_number_tip_threshold; /* ..._single_large_number_tip_threshold, 1000000 */
    bool pretty_footer_names;             /* output_format_pretty_display_footer_column_names, 1 */
    uint64_t pretty_footer_names_min_rows; /* ..._display_footer_column_names_min_rows, 50 */
    bool pretty_fallback_to_vertical;     /* output_format_pretty_fallback_to_vertical, 1 */
    uint64_t pretty_name_cut_to;          /* output_format_pretty_max_column_name_width_cut_to, 24 */
    uint64_t pretty_name_min_chars_to_cut; /* ..._max_column_name_width_min_chars_to_cut, 4 */
    bool pretty_multiline_fields;         /* output_format_pretty_multiline_fields, 1 */
    bool csv_empty_as_default;            /* input_format_csv_empty_as_default, 1 */
    bool tsv_empty_as_default;            /* input_format_tsv_empty_as_default, 0 */
    /* Terminal output (the REPL sets these; ClickHouse's "auto" means a terminal) */
    bool pretty_glue_chunks;              /* output_format_pretty_glue_chunks, on a terminal */
    unsigned pretty_terminal_width;       /* columns of the terminal, 0 when not a terminal */
    bool pretty_ascii;                    /* output_format_pretty_grid_charset = 'ASCII' */
} floe_format_settings;

void floe_format_settings_init(floe_format_settings *s);

/* Figures some formats print at the end (JSON's "statistics"). */
typedef struct floe_query_stats {
    double elapsed;      /* seconds */
    uint64_t rows_read;
    uint64_t bytes_read;
    uint64_t rows_before_limit; /* JSON rows_before_limit_at_least, when has_rows_before_limit */
    bool has_rows_before_limit;
} floe_query_stats;

typedef struct floe_output_format floe_output_format;

/* Starts writing a result with these columns to sink. names and types are
 * copied. Error: UNKNOWN_FORMAT ("Unknown output format X"). */
int floe_output_format_new(floe_output_format **out, const char *format_name, size_t n_cols,
                           const char *const *names, const floe_type *const *types,
                           const floe_format_settings *settings, floe_sink sink);
/* Writes the rows of a block (its columns in the order given at creation). */
int floe_output_format_write(floe_output_format *f, const floe_block *b);
/* Writes the end (JSON's closing, totals, statistics) and flushes. */
int floe_output_format_finish(floe_output_format *f, const floe_query_stats *stats);
void floe_output_format_free(floe_output_format *f);
/* True when name is a known output format. */
bool floe_output_format_exists(const char *format_name);

typedef struct floe_input_format floe_input_format;

/* Reads rows of these columns (the INSERT's target columns) from src.
 * Formats with a header (CSVWithNames, TSVWithNames) map header names to the
 * given columns (missing columns get defaults); JSONEachRow maps keys.
 * Errors: UNKNOWN_FORMAT. */
int floe_input_format_new(floe_input_format **out, const char *format_name, size_t n_cols,
                          const char *const *names, const floe_type *const *types,
                          const floe_format_settings *settings, floe_source src);
/* Reads up to max_rows rows into *out (a new block, caller frees; NULL at the
 * end of input). Parse errors carry ClickHouse's code and the row number. */
int floe_input_format_read(floe_input_format *f, floe_block **out, size_t max_rows);
void floe_input_format_free(floe_input_format *f);
bool floe_input_format_exists(const char *format_name);

#endif
