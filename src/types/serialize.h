/*
 * Values as text, byte-exact with ClickHouse: how each type prints inside
 * each family of formats, and how a value is parsed from text.
 */
#ifndef FLOE_TYPES_SERIALIZE_H
#define FLOE_TYPES_SERIALIZE_H

#include <stddef.h>

#include "base/buf.h"
#include "types/column.h"

/* The escaping rules of a family of formats. PLAIN is the value as
 * toString() gives it (TSVRaw, Pretty, Vertical); TSV escapes \t \n \\ and
 * prints NULL as \N; CSV quotes strings with "" doubling and prints NULL as
 * \N; JSON quotes strings (and 64-bit integers when asked) and prints null;
 * QUOTED is the Values format and SQL literals ('str', NULL). */
typedef enum floe_text_style {
    FLOE_TEXT_PLAIN,
    FLOE_TEXT_TSV,
    FLOE_TEXT_CSV,
    FLOE_TEXT_JSON,
    FLOE_TEXT_QUOTED,
} floe_text_style;

/* Text settings that change how values print (ClickHouse's format settings). */
typedef struct floe_text_options {
    bool json_quote_64bit_integers; /* output_format_json_quote_64bit_integers, default 0 (26.7) */
    bool json_quote_decimals;       /* output_format_json_quote_decimals, default 0 */
    bool json_quote_denormals;      /* output_format_json_quote_denormals, default 0 */
    const char *session_tz;         /* zone for DateTime without one; NULL = UTC */
    bool decimal_trailing_zeros;    /* output_format_decimal_trailing_zeros, default 0 */
} floe_text_options;

#define FLOE_TEXT_OPTIONS_INIT {false, false, false, NULL, false}

/* Appends row `row` of c to out in the given style. */
void floe_text_write(floe_buf *out, const floe_column *c, size_t row, floe_text_style style,
                     const floe_text_options *opts);

/* Parses p[0..len) — one whole value, already unescaped by the format — and
 * appends it to c. For a Nullable column, the caller recognises NULL (\N,
 * NULL) and calls floe_column_push_null itself. Errors with ClickHouse's
 * codes: CANNOT_PARSE_TEXT, CANNOT_PARSE_NUMBER, CANNOT_PARSE_DATE,
 * CANNOT_PARSE_DATETIME, ... and c unchanged. */
int floe_text_parse(floe_column *c, const char *p, size_t len, const floe_text_options *opts);

#endif
