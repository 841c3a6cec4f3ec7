/*
 * The Thrift compact protocol, as Parquet uses it for page headers, the
 * footer and the page index: an encoder that appends to a floe_buf and a
 * decoder over a memory range. Only the parts Parquet needs: structs,
 * unions, lists, i8/i16/i32/i64, double, binary and bool (no maps, sets or
 * messages; a decoder skips them if met).
 */
#ifndef FLOE_PARQUET_THRIFT_H
#define FLOE_PARQUET_THRIFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* Compact protocol type codes (field headers; list headers use the same
 * codes, except that a bool element is FLOE_THRIFT_BOOL_TRUE). */
enum {
    FLOE_THRIFT_STOP = 0,
    FLOE_THRIFT_BOOL_TRUE = 1,
    FLOE_THRIFT_BOOL_FALSE = 2,
    FLOE_THRIFT_I8 = 3,
    FLOE_THRIFT_I16 = 4,
    FLOE_THRIFT_I32 = 5,
    FLOE_THRIFT_I64 = 6,
    FLOE_THRIFT_DOUBLE = 7,
    FLOE_THRIFT_BINARY = 8,
    FLOE_THRIFT_LIST = 9,
    FLOE_THRIFT_SET = 10,
    FLOE_THRIFT_MAP = 11,
    FLOE_THRIFT_STRUCT = 12,
};

#define FLOE_THRIFT_MAX_DEPTH 32

/*
 * Encoder. Invariant: last_id[depth] is the id of the last field written in
 * the innermost open struct (0 before its first field); fields of one struct
 * must be written in increasing id order for the short header form to apply
 * (any order is still valid, it just takes the long form).
 */
typedef struct floe_thrift_writer {
    floe_buf *out; /* not owned */
    int depth;
    int16_t last_id[FLOE_THRIFT_MAX_DEPTH];
} floe_thrift_writer;

void floe_thrift_writer_init(floe_thrift_writer *w, floe_buf *out);

/* Fields of the innermost open struct. */
void floe_thrift_field_bool(floe_thrift_writer *w, int16_t id, bool v);
void floe_thrift_field_i8(floe_thrift_writer *w, int16_t id, int8_t v);
void floe_thrift_field_i16(floe_thrift_writer *w, int16_t id, int16_t v);
void floe_thrift_field_i32(floe_thrift_writer *w, int16_t id, int32_t v);
void floe_thrift_field_i64(floe_thrift_writer *w, int16_t id, int64_t v);
void floe_thrift_field_double(floe_thrift_writer *w, int16_t id, double v);
void floe_thrift_field_binary(floe_thrift_writer *w, int16_t id, const void *p, size_t n);
void floe_thrift_field_string(floe_thrift_writer *w, int16_t id, const char *s);
/* Opens a struct-valued field (also a union member); close it with
 * floe_thrift_struct_end. */
void floe_thrift_field_struct_begin(floe_thrift_writer *w, int16_t id);
/* A list-valued field with n elements of elem_type; the elements follow
 * (floe_thrift_write_* or floe_thrift_struct_begin/end per element). */
void floe_thrift_field_list_begin(floe_thrift_writer *w, int16_t id, int elem_type, uint32_t n);

/* A struct that is not a field value: the top-level struct or a list
 * element. */
void floe_thrift_struct_begin(floe_thrift_writer *w);
/* Writes the stop byte of the innermost struct and closes it. */
void floe_thrift_struct_end(floe_thrift_writer *w);

/* Bare values (list elements). */
void floe_thrift_write_bool(floe_thrift_writer *w, bool v);
void floe_thrift_write_i32(floe_thrift_writer *w, int32_t v);
void floe_thrift_write_i64(floe_thrift_writer *w, int64_t v);
void floe_thrift_write_binary(floe_thrift_writer *w, const void *p, size_t n);

/* ULEB128 varint and zigzag helpers, shared with the Parquet encodings. */
void floe_thrift_put_varint(floe_buf *b, uint64_t v);
static inline uint64_t floe_zigzag64(int64_t v)
{
    return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}
static inline int64_t floe_unzigzag64(uint64_t v)
{
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

/*
 * Decoder. Every read returns 0 or, on malformed or truncated input, -1
 * with INCORRECT_DATA in the error slot. Invariant as for the writer:
 * last_id[depth] is the last field id read in the innermost struct.
 */
typedef struct floe_thrift_reader {
    const uint8_t *p;
    const uint8_t *end;
    int depth;
    int16_t last_id[FLOE_THRIFT_MAX_DEPTH];
    bool bool_value; /* the value of the bool field just read by read_field */
} floe_thrift_reader;

void floe_thrift_reader_init(floe_thrift_reader *r, const void *p, size_t n);

/* Enters a struct (top level, list element or struct field just read). */
int floe_thrift_read_struct_begin(floe_thrift_reader *r);
/* Reads the next field header of the innermost struct: *type is
 * FLOE_THRIFT_STOP at its end (the struct is then closed), and for a bool
 * field *type is FLOE_THRIFT_BOOL_TRUE and the value is in r->bool_value. */
int floe_thrift_read_field(floe_thrift_reader *r, int16_t *id, int *type);
int floe_thrift_read_bool(floe_thrift_reader *r, bool *v); /* list element */
int floe_thrift_read_i8(floe_thrift_reader *r, int8_t *v);
int floe_thrift_read_i16(floe_thrift_reader *r, int16_t *v);
int floe_thrift_read_i32(floe_thrift_reader *r, int32_t *v);
int floe_thrift_read_i64(floe_thrift_reader *r, int64_t *v);
int floe_thrift_read_double(floe_thrift_reader *r, double *v);
/* *p points into the input (not copied). */
int floe_thrift_read_binary(floe_thrift_reader *r, const uint8_t **p, size_t *n);
int floe_thrift_read_list_begin(floe_thrift_reader *r, int *elem_type, uint32_t *n);
/* Skips a value of the given type (as returned by read_field or a list
 * header), nested structs and containers included. */
int floe_thrift_skip(floe_thrift_reader *r, int type);
int floe_thrift_read_varint(floe_thrift_reader *r, uint64_t *v);

#endif
