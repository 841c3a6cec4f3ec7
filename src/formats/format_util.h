/*
 * Helpers shared by the row formats in src/formats/ (not a public interface):
 * output buffering, text of column names, display width of UTF-8 text, and
 * the row formats' vtables that format.c lists. Implemented in format.c.
 */
#ifndef FLOE_FORMATS_FORMAT_UTIL_H
#define FLOE_FORMATS_FORMAT_UTIL_H

#include "formats/format_impl.h"

/* Output is gathered in a floe_buf and handed to the sink in chunks of about
 * this size, so a sink sees few large writes. */
#define FLOE_FMT_FLUSH_BYTES (1u << 20)

/* Writes out's bytes to sink when there are at least FLOE_FMT_FLUSH_BYTES of
 * them (or any, when force), then empties out. */
int floe_fmt_flush(floe_buf *out, const floe_sink *sink, bool force);

/* A String column holding n strings (for escaping names and type names with
 * floe_text_write, which owns every escaping rule). Caller frees. */
floe_column *floe_fmt_string_column(const char *const *s, size_t n);
/* The type names of types as a String column. Caller frees. */
floe_column *floe_fmt_type_name_column(const floe_type *const *types, size_t n);

/* Display width of UTF-8 text on a terminal as ClickHouse computes it: ASCII
 * printable 1, wide East Asian and emoji 2, combining and control 0, a tab
 * to the next multiple of 8 counted from prefix, ANSI escapes 0. */
size_t floe_fmt_display_width(const char *p, size_t n, size_t prefix);
/* The number of bytes of p that fit in `limit` display columns. */
size_t floe_fmt_bytes_before_width(const char *p, size_t n, size_t prefix, size_t limit);

/* Appends a double the way ClickHouse prints Float64 in JSON statistics
 * (shortest text that reads back the same, no exponent for usual values). */
void floe_fmt_put_double(floe_buf *out, double v);

/* Whether t is a Tuple with a name for every element. */
bool floe_fmt_tuple_is_named(const floe_type *t);
/* Appends row `row` of c as indented JSON the way ClickHouse's JSON pretty
 * printing lays it out: tuples (objects when named) and arrays of tuples or
 * arrays over several lines, one element per line at indent + 1 units,
 * other values as floe_text_write's JSON. The outermost closing bracket goes
 * at top_close units, nested ones at their own indent. */
void floe_fmt_json_pretty(floe_buf *out, const floe_column *c, size_t row, size_t indent, char unit,
                          size_t top_close, const floe_text_options *o);

/* Whether Pretty aligns values of t to the right (numbers, decimals, dates). */
bool floe_fmt_align_right(const floe_type *t);
/* Whether t (without Nullable/LowCardinality) is a number (integer, float,
 * decimal; not Bool), for the readable-number tip. */
bool floe_fmt_is_number(const floe_type *t);
/* Row `row` of a numeric column as a double (for the tip). */
double floe_fmt_number_at(const floe_column *c, size_t row);

/* Row formats. */
extern const floe_output_vtable floe_tsv_output_vtable;
extern const floe_output_vtable floe_tsv_names_output_vtable;
extern const floe_output_vtable floe_tsv_names_types_output_vtable;
extern const floe_output_vtable floe_tsv_raw_output_vtable;
extern const floe_output_vtable floe_tsv_raw_names_output_vtable;
extern const floe_output_vtable floe_tsv_raw_names_types_output_vtable;
extern const floe_output_vtable floe_csv_output_vtable;
extern const floe_output_vtable floe_csv_names_output_vtable;
extern const floe_output_vtable floe_csv_names_types_output_vtable;
extern const floe_output_vtable floe_values_output_vtable;
extern const floe_output_vtable floe_null_output_vtable;
extern const floe_output_vtable floe_rawblob_output_vtable;
extern const floe_output_vtable floe_markdown_output_vtable;
extern const floe_output_vtable floe_json_each_row_output_vtable;
extern const floe_output_vtable floe_json_compact_each_row_output_vtable;
extern const floe_output_vtable floe_json_strings_each_row_output_vtable;
extern const floe_output_vtable floe_json_compact_each_row_names_output_vtable;
extern const floe_output_vtable floe_json_compact_each_row_names_types_output_vtable;
extern const floe_output_vtable floe_json_compact_strings_each_row_output_vtable;
extern const floe_output_vtable floe_json_compact_strings_each_row_names_output_vtable;
extern const floe_output_vtable floe_json_compact_strings_each_row_names_types_output_vtable;
extern const floe_output_vtable floe_json_output_vtable;
extern const floe_output_vtable floe_json_compact_output_vtable;
extern const floe_output_vtable floe_json_strings_output_vtable;
extern const floe_output_vtable floe_json_compact_strings_output_vtable;
extern const floe_output_vtable floe_pretty_output_vtable;
extern const floe_output_vtable floe_pretty_compact_output_vtable;
extern const floe_output_vtable floe_pretty_space_output_vtable;
extern const floe_output_vtable floe_pretty_mono_output_vtable;
extern const floe_output_vtable floe_pretty_compact_mono_output_vtable;
extern const floe_output_vtable floe_pretty_space_mono_output_vtable;
extern const floe_output_vtable floe_pretty_no_escapes_output_vtable;
extern const floe_output_vtable floe_pretty_compact_no_escapes_output_vtable;
extern const floe_output_vtable floe_pretty_space_no_escapes_output_vtable;
extern const floe_output_vtable floe_vertical_output_vtable;

extern const floe_input_vtable floe_tsv_input_vtable;
extern const floe_input_vtable floe_tsv_names_input_vtable;
extern const floe_input_vtable floe_tsv_names_types_input_vtable;
extern const floe_input_vtable floe_tsv_raw_input_vtable;
extern const floe_input_vtable floe_csv_input_vtable;
extern const floe_input_vtable floe_csv_names_input_vtable;
extern const floe_input_vtable floe_csv_names_types_input_vtable;
extern const floe_input_vtable floe_values_input_vtable;
extern const floe_input_vtable floe_rawblob_input_vtable;
extern const floe_input_vtable floe_json_each_row_input_vtable;
extern const floe_input_vtable floe_json_compact_each_row_input_vtable;
extern const floe_input_vtable floe_json_compact_each_row_names_input_vtable;
extern const floe_input_vtable floe_json_compact_each_row_names_types_input_vtable;
extern const floe_input_vtable floe_tsv_raw_names_input_vtable;
extern const floe_input_vtable floe_tsv_raw_names_types_input_vtable;

#endif
