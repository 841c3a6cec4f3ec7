/*
 * Floats as text, as ClickHouse prints and reads them: the shortest decimal
 * that reads back to the same value (Ryu), laid out the way ClickHouse lays
 * it out (0.00001, 1e-7, 100000000000000000000, 1e21, inf, -inf, nan, -0),
 * and parsing that accepts what ClickHouse's readFloatText accepts.
 */
#ifndef FLOE_TYPES_FLOAT_TEXT_H
#define FLOE_TYPES_FLOAT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* The longest text either writer produces ("-2.2250738585072014e-308" is 24). */
#define FLOE_FLOAT_TEXT_MAX 32

/* Writes x into out (room for FLOE_FLOAT_TEXT_MAX bytes, no terminator
 * written) and returns the length. Float32 values are printed as Float32
 * (toFloat32(0.1) prints 0.1, not 0.10000000149011612). */
size_t floe_float64_format(char *out, double x);
size_t floe_float32_format(char *out, float x);

/* The same, appended to b. */
void floe_buf_float64(floe_buf *b, double x);
void floe_buf_float32(floe_buf *b, float x);

/* The shortest round-trip digits of a finite, non-zero |x|: *digits is the
 * decimal significand (no trailing zeros) and the value is digits * 10^*exp10.
 * Exposed for formats with their own layout (and for tests). */
void floe_float64_shortest(uint64_t *digits, int *exp10, double x);
void floe_float32_shortest(uint64_t *digits, int *exp10, float x);

/* Parses the whole of p[0..len) as a float: an optional sign, digits with an
 * optional point and exponent (1.5, .5, 5., 1e+3), or inf / infinity / nan in
 * any case. Correctly rounded (Float32 is rounded once, directly to float).
 * Errors as ClickHouse's toFloat64 gives them: CANNOT_PARSE_NUMBER when no
 * number starts the text, CANNOT_PARSE_TEXT when something follows it. */
int floe_float64_parse(double *out, const char *p, size_t len);
int floe_float32_parse(float *out, const char *p, size_t len);

/* The length of the longest float prefix of p[0..len) and its value, without
 * recording errors; 0 when no number starts p. For formats that read a value
 * out of a longer text. */
size_t floe_float64_scan(double *out, const char *p, size_t len);
size_t floe_float32_scan(float *out, const char *p, size_t len);

#endif
