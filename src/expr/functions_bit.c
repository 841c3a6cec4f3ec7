/*
 * Bit functions: bitAnd, bitOr, bitXor, bitNot, bitShiftLeft and
 * bitShiftRight over integers, with ClickHouse's result types (ResultOfBit:
 * the wider operand's width, signed if either is; shifts keep the first
 * operand's type). Operands load as 64-bit values and the result narrows
 * on store, which is the wrap-around of the result type.
 */
#include "expr/functions_impl.h"

typedef enum bit_op { B_AND, B_OR, B_XOR, B_SHL, B_SHR } bit_op;

static const char *const bit_names[] = {"bitAnd", "bitOr", "bitXor", "bitShiftLeft",
                                        "bitShiftRight"};

static bool bit_int(const floe_type *t)
{
    return floe_type_is_integer(t) || t->id == FLOE_TYPE_BOOL;
}

static const floe_type *int_of(bool sg, unsigned size)
{
    static const floe_type_id u[] = {FLOE_TYPE_UINT8, FLOE_TYPE_UINT16, FLOE_TYPE_UINT32,
                                     FLOE_TYPE_UINT64};
    static const floe_type_id s[] = {FLOE_TYPE_INT8, FLOE_TYPE_INT16, FLOE_TYPE_INT32,
                                     FLOE_TYPE_INT64};
    int k = size <= 1 ? 0 : size <= 2 ? 1 : size <= 4 ? 2 : 3;
    return floe_type_get(sg ? s[k] : u[k]);
}

static int bit_resolve_m(bit_op op, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(bit_names[op], args, 2) < 0)
        return -1;
    const floe_type *a = floe_fn_arg_base(args, 0), *b = floe_fn_arg_base(args, 1);
    if (!bit_int(a) || !bit_int(b))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal types %s and %s of arguments of function %s", a->name, b->name,
                          bit_names[op]);
    if (op == B_SHL || op == B_SHR) {
        *ret = a->id == FLOE_TYPE_BOOL ? floe_type_get(FLOE_TYPE_UINT8) : a;
        return 0;
    }
    unsigned wa = a->id == FLOE_TYPE_BOOL ? 1 : a->width,
             wb = b->id == FLOE_TYPE_BOOL ? 1 : b->width;
    *ret = int_of(floe_type_is_signed(a) || floe_type_is_signed(b), wa > wb ? wa : wb);
    return 0;
}

static int bit_exec_m(bit_op op, floe_column *out, floe_column *const *args, size_t rows)
{
    const floe_type *ta = floe_type_base(args[0]->type);
    int64_t *x = floe_malloc(rows * 8 + 1), *y = floe_malloc(rows * 8 + 1);
    floe_fn_load(x, FLOE_FN_I64, args[0], rows);
    floe_fn_load(y, FLOE_FN_I64, args[1], rows);
    unsigned bits = (ta->id == FLOE_TYPE_BOOL ? 1 : ta->width) * 8;
    switch (op) {
    case B_AND:
        for (size_t i = 0; i < rows; i++)
            x[i] &= y[i];
        break;
    case B_OR:
        for (size_t i = 0; i < rows; i++)
            x[i] |= y[i];
        break;
    case B_XOR:
        for (size_t i = 0; i < rows; i++)
            x[i] ^= y[i];
        break;
    case B_SHL:
        /* a shift by the width or more leaves nothing */
        for (size_t i = 0; i < rows; i++)
            x[i] = (uint64_t)y[i] >= bits ? 0 : (int64_t)((uint64_t)x[i] << y[i]);
        break;
    case B_SHR:
        if (floe_type_is_signed(ta))
            for (size_t i = 0; i < rows; i++)
                x[i] = (uint64_t)y[i] >= bits ? (x[i] < 0 ? -1 : 0) : x[i] >> y[i];
        else
            for (size_t i = 0; i < rows; i++)
                x[i] = (uint64_t)y[i] >= bits ? 0 : (int64_t)((uint64_t)x[i] >> y[i]);
        break;
    }
    floe_fn_store(out, x, FLOE_FN_I64, rows);
    floe_free(x);
    floe_free(y);
    return 0;
}

#define BIT_FUNC(NAME, OP)                                                                         \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        return bit_resolve_m(OP, ret, args);                                                       \
    }                                                                                              \
    static int NAME##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,      \
                           const floe_func_ctx *ctx)                                               \
    {                                                                                              \
        return bit_exec_m(OP, out, args, rows);                                                    \
    }
BIT_FUNC(bitAnd, B_AND)
BIT_FUNC(bitOr, B_OR)
BIT_FUNC(bitXor, B_XOR)
BIT_FUNC(bitShiftLeft, B_SHL)
BIT_FUNC(bitShiftRight, B_SHR)

static int bitNot_resolve(const floe_type **ret, const floe_func_args *args,
                          const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("bitNot", args, 1) < 0)
        return -1;
    const floe_type *a = floe_fn_arg_base(args, 0);
    if (!bit_int(a))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument of function bitNot", a->name);
    *ret = a->id == FLOE_TYPE_BOOL ? floe_type_get(FLOE_TYPE_UINT8) : a;
    return 0;
}

static int bitNot_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                       const floe_func_ctx *ctx)
{
    int64_t *x = floe_malloc(rows * 8 + 1);
    floe_fn_load(x, FLOE_FN_I64, args[0], rows);
    for (size_t i = 0; i < rows; i++)
        x[i] = ~x[i];
    floe_fn_store(out, x, FLOE_FN_I64, rows);
    floe_free(x);
    return 0;
}

#define DN FLOE_FUNC_DEFAULT_NULLS

static const floe_scalar_func funcs[] = {
    {"bitAnd", DN, bitAnd_resolve, bitAnd_exec},
    {"bitOr", DN, bitOr_resolve, bitOr_exec},
    {"bitXor", DN, bitXor_resolve, bitXor_exec},
    {"bitNot", DN, bitNot_resolve, bitNot_exec},
    {"bitShiftLeft", DN, bitShiftLeft_resolve, bitShiftLeft_exec},
    {"bitShiftRight", DN, bitShiftRight_resolve, bitShiftRight_exec},
};

void floe_register_bit(void)
{
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++)
        floe_func_register(&funcs[i]);
}
