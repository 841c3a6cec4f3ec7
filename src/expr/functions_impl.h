/*
 * Private helpers shared by the function library (functions_*.c, agg_*.c
 * and function_registry.c): argument checks with ClickHouse's messages,
 * output-column preparation, and numeric loaders that turn a column of any
 * numeric layout into one of a few computing representations with one
 * switch per call (never per value). Not used outside src/expr/.
 */
#ifndef FLOE_EXPR_FUNCTIONS_IMPL_H
#define FLOE_EXPR_FUNCTIONS_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "expr/function.h"
#include "types/column.h"
#include "types/type.h"

/* Registrars, one per functions_*.c / agg_*.c file, called by
 * floe_functions_init. */
void floe_register_arithmetic(void);
void floe_register_comparison(void);
void floe_register_logical(void);
void floe_register_conditional(void);
void floe_register_conversion(void);
void floe_register_datetime(void);
void floe_register_string(void);
void floe_register_hash(void);
void floe_register_math(void);
void floe_register_tuple_null(void);
void floe_register_bit(void);
void floe_register_array(void);
void floe_register_regex(void);
void floe_register_string_more(void);
void floe_register_aggregates(void);
void floe_register_agg_uniq(void);
void floe_register_agg_collect(void);

/* The representation a numeric kernel computes in. */
typedef enum floe_fn_kind {
    FLOE_FN_U64,  /* uint64_t */
    FLOE_FN_I64,  /* int64_t */
    FLOE_FN_F64,  /* double */
    FLOE_FN_I128, /* __int128 */
    FLOE_FN_LD,   /* long double: exact for every 64-bit integer, for mixed int/float compares */
} floe_fn_kind;

size_t floe_fn_kind_size(floe_fn_kind k);

/* ClickHouse's TOO_FEW_ARGUMENTS_FOR_FUNCTION (35); errcodes.h names 35
 * differently at the time of writing, so the number is used directly. */
#define FLOE_FN_ERR_TOO_FEW_ARGUMENTS 35

/* Truth of each row of a numeric column (nonzero), into r. */
void floe_fn_truth(uint8_t *r, const floe_column *c, size_t rows);

/* "Number of arguments for function NAME doesn't match: passed N, should be M". */
int floe_fn_err_argc(const char *name, size_t passed, const char *should);
/* Checks args->n == n with the message above. */
int floe_fn_check_argc(const char *name, const floe_func_args *args, size_t n);
/* Checks lo <= args->n <= hi; `should` is ClickHouse's wording ("2 or 3"). */
int floe_fn_check_argc_range(const char *name, const floe_func_args *args, size_t lo, size_t hi,
                             const char *should);
/* ClickHouse's FunctionArgumentDescriptors wording: "An incorrect number of
 * arguments was specified for function 'NAME'. Expected ..." */
int floe_fn_err_arg_count(const char *name, size_t expected, size_t optional, size_t got);
/* "Illegal type T of argument N of function NAME" (N 1-based). */
int floe_fn_err_arg_type(const char *name, const floe_type *t, size_t argno);

/* The layout type of argument i: Nullable and LowCardinality stripped. */
static inline const floe_type *floe_fn_arg_base(const floe_func_args *a, size_t i)
{
    return floe_type_base(a->types[i]);
}

/* True for the types arithmetic treats as plain numbers: integers, floats,
 * Bool (as UInt8). */
bool floe_fn_is_plain_number(const floe_type *t);
/* For a plain number or integer-backed type (Date, DateTime, Enum,
 * Decimal32/64...): the computing kind its values load into without loss. */
floe_fn_kind floe_fn_kind_of(const floe_type *t);

/* Loads n values of c (any fixed-width numeric layout: integers, floats,
 * Bool, Date, Date32, DateTime, DateTime64, Enum, Decimal's raw integers)
 * converted to kind k into dst (n * floe_fn_kind_size(k) bytes). */
void floe_fn_load(void *dst, floe_fn_kind k, const floe_column *c, size_t n);
/* Stores n values of kind k from src into out (a fixed-width numeric column
 * of the same layout rules), converting as C casts do, and sets its rows.
 * out must be empty. */
void floe_fn_store(floe_column *out, const void *src, floe_fn_kind k, size_t n);
/* When c's values already are of kind k (same C type), a pointer to them;
 * else NULL. */
const void *floe_fn_direct(const floe_column *c, floe_fn_kind k);
/* True when the fixed-width column c holds the same bytes on every row
 * (the evaluator hands constants over expanded); a cheap read-only pass
 * that lets kernels switch to their scalar form. */
bool floe_fn_is_constant(const floe_column *c, size_t rows);

/* Division by a run-time constant through a multiply (Granlund-Montgomery,
 * as libdivide does): floe_fn_fastdiv_make(d) for d > 0, then floe_fn_fastdiv_q. */
typedef struct floe_fn_fastdiv {
    uint64_t m;
    uint64_t d;
    int shift;
    int pow2; /* d is a power of two: a plain shift */
} floe_fn_fastdiv;

floe_fn_fastdiv floe_fn_fastdiv_make(uint64_t d);
static inline uint64_t floe_fn_fastdiv_q(uint64_t x, const floe_fn_fastdiv *f)
{
    if (f->pow2)
        return x >> f->shift;
    uint64_t t1 = (uint64_t)(((unsigned __int128)f->m * x) >> 64);
    return (t1 + ((x - t1) >> 1)) >> f->shift;
}

/* Prepares an empty fixed-width column for rows values written directly:
 * returns the data pointer and sets rows/data_len (and zeroes nulls). */
void *floe_fn_out_fixed(floe_column *out, size_t rows);
/* For a Nullable result: the null map after floe_fn_out_fixed or string writes
 * (allocated to rows entries, zeroed by floe_fn_out_fixed). */
uint8_t *floe_fn_out_nulls(floe_column *out);

/* A string builder over an empty String column: reserve, then append one
 * value at a time. */
void floe_fn_str_begin(floe_column *out, size_t rows, size_t bytes_hint);
/* Appends bytes to the current value without finishing it. */
void floe_fn_str_add(floe_column *out, const void *p, size_t n);
/* Finishes the current value (may be empty). */
void floe_fn_str_end(floe_column *out);
static inline void floe_fn_str_push(floe_column *out, const void *p, size_t n)
{
    floe_fn_str_add(out, p, n);
    floe_fn_str_end(out);
}

/* The constant string of argument i (NULL when not a constant String). */
const char *floe_fn_const_string(const floe_func_args *a, size_t i, size_t *len);
/* The constant integer value of argument i; false when it is not a constant
 * integer. */
bool floe_fn_const_int(const floe_func_args *a, size_t i, int64_t *out);

/* Runs BODY(T) with T the C type of layout id `id`. */
#define FLOE_FN_SWITCH_SRC(id, BODY)                                                               \
    switch (id) {                                                                                  \
    case FLOE_TYPE_UINT8:                                                                          \
    case FLOE_TYPE_BOOL:                                                                           \
        BODY(uint8_t);                                                                             \
        break;                                                                                     \
    case FLOE_TYPE_UINT16:                                                                         \
    case FLOE_TYPE_DATE:                                                                           \
        BODY(uint16_t);                                                                            \
        break;                                                                                     \
    case FLOE_TYPE_UINT32:                                                                         \
    case FLOE_TYPE_DATETIME:                                                                       \
        BODY(uint32_t);                                                                            \
        break;                                                                                     \
    case FLOE_TYPE_UINT64:                                                                         \
        BODY(uint64_t);                                                                            \
        break;                                                                                     \
    case FLOE_TYPE_INT8:                                                                           \
    case FLOE_TYPE_ENUM8:                                                                          \
        BODY(int8_t);                                                                              \
        break;                                                                                     \
    case FLOE_TYPE_INT16:                                                                          \
    case FLOE_TYPE_ENUM16:                                                                         \
        BODY(int16_t);                                                                             \
        break;                                                                                     \
    case FLOE_TYPE_INT32:                                                                          \
    case FLOE_TYPE_DATE32:                                                                         \
    case FLOE_TYPE_DECIMAL32:                                                                      \
        BODY(int32_t);                                                                             \
        break;                                                                                     \
    case FLOE_TYPE_INT64:                                                                          \
    case FLOE_TYPE_DATETIME64:                                                                     \
    case FLOE_TYPE_DECIMAL64:                                                                      \
        BODY(int64_t);                                                                             \
        break;                                                                                     \
    case FLOE_TYPE_FLOAT32:                                                                        \
        BODY(float);                                                                               \
        break;                                                                                     \
    case FLOE_TYPE_FLOAT64:                                                                        \
        BODY(double);                                                                              \
        break;                                                                                     \
    case FLOE_TYPE_DECIMAL128:                                                                     \
        BODY(__int128);                                                                            \
        break;                                                                                     \
    default:                                                                                       \
        break;                                                                                     \
    }

/* Powers of ten as __int128, 0 <= s <= 38. */
__int128 floe_fn_pow10_i128(unsigned s);

#endif
