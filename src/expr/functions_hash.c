/*
 * Hash functions bit-identical to ClickHouse's FunctionsHashing: cityHash64,
 * sipHash64, sipHash128, xxHash64 (any number of arguments of any type,
 * tuples flattened, several arguments folded with each function's own
 * combine), intHash32 and intHash64. cityHash64 hashes integers and floats
 * through intHash64 of their bits (use_int_hash_for_pods), the others hash
 * the value's bytes. The primitives come from src/hash/ and libxxhash.
 */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "expr/functions_impl.h"
#include "hash/city.h"
#include "hash/hash.h"
#include "hash/siphash.h"

typedef enum hash_fn { H_CITY64, H_SIP64, H_SIP128, H_XX64 } hash_fn;

static const char *const hash_names[] = {"cityHash64", "sipHash64", "sipHash128", "xxHash64"};

/* ClickHouse's value for a call with no arguments (FunctionAnyHash). */
#define HASH_NO_ARGS 0xe28dbde7fe22e41cULL

static floe_uint128 sip128_bytes(const void *p, size_t n)
{
    return floe_siphash128(p, n);
}

static uint64_t bytes_hash64(hash_fn f, const void *p, size_t n)
{
    switch (f) {
    case H_CITY64:
        return floe_city_hash64(p, n);
    case H_SIP64:
        return floe_siphash64(p, n);
    case H_XX64:
        return XXH64(p, n, 0);
    default:
        return 0;
    }
}

static uint64_t combine64(hash_fn f, uint64_t h1, uint64_t h2)
{
    if (f == H_SIP64) {
        uint64_t both[2] = {h1, h2};
        return floe_siphash64(both, 16);
    }
    return floe_city_hash64_combine(h1, h2);
}

static floe_uint128 combine128(floe_uint128 h1, floe_uint128 h2)
{
    unsigned char both[32];
    floe_uint128_store(both, h1);
    floe_uint128_store(both + 16, h2);
    return sip128_bytes(both, 32);
}

static bool hashable(const floe_type *t)
{
    t = floe_type_base(t);
    if (t->id == FLOE_TYPE_TUPLE) {
        for (size_t i = 0; i < t->n_elems; i++)
            if (!hashable(t->elems[i]))
                return false;
        return true;
    }
    return t->id != FLOE_TYPE_ARRAY && t->id != FLOE_TYPE_NOTHING;
}

static int hash_resolve_m(hash_fn f, const floe_type **ret, const floe_func_args *args)
{
    for (size_t i = 0; i < args->n; i++)
        if (!hashable(args->types[i]))
            return floe_error(FLOE_ERR_ILLEGAL_COLUMN,
                              "Illegal column type %s of argument of function %s",
                              floe_fn_arg_base(args, i)->name, hash_names[f]);
    *ret = f == H_SIP128 ? floe_type_fixedstring(16) : floe_type_get(FLOE_TYPE_UINT64);
    return 0;
}

/* Hashes one column into h64/h128 (first: set, else combine). */
static void hash_column(hash_fn f, uint64_t *h64, floe_uint128 *h128, const floe_column *c,
                        size_t rows, bool *first)
{
    const floe_type *t = floe_type_base(c->type);
    if (t->id == FLOE_TYPE_TUPLE) {
        for (size_t k = 0; k < c->n_children; k++)
            hash_column(f, h64, h128, c->children[k], rows, first);
        return;
    }
    bool int_pod = f == H_CITY64 && (floe_fn_is_plain_number(t) || t->id == FLOE_TYPE_DATE ||
                                     t->id == FLOE_TYPE_DATE32 || t->id == FLOE_TYPE_DATETIME ||
                                     t->id == FLOE_TYPE_DATETIME64 || t->id == FLOE_TYPE_ENUM8 ||
                                     t->id == FLOE_TYPE_ENUM16);
    bool fst = *first;
    *first = false;
    for (size_t i = 0; i < rows; i++) {
        const void *p;
        size_t n;
        if (t->id == FLOE_TYPE_STRING) {
            p = floe_column_string_at(c, i, &n);
        } else {
            n = t->width;
            p = c->data + i * n;
        }
        if (f == H_SIP128) {
            floe_uint128 h = sip128_bytes(p, n);
            h128[i] = fst ? h : combine128(h128[i], h);
            continue;
        }
        uint64_t h;
        if (int_pod) {
            uint64_t bits = 0; /* the value's bytes zero-extended, as bit_cast<UInt64> */
            memcpy(&bits, p, n < 8 ? n : 8);
            h = floe_int_hash64(bits);
        } else {
            h = bytes_hash64(f, p, n);
        }
        h64[i] = fst ? h : combine64(f, h64[i], h);
    }
}

static int hash_exec_m(hash_fn f, floe_column *out, floe_column *const *args, size_t n, size_t rows)
{
    if (f == H_SIP128) {
        floe_uint128 *h = floe_malloc(rows * sizeof *h + 1);
        bool first = true;
        for (size_t k = 0; k < n; k++)
            hash_column(f, NULL, h, args[k], rows, &first);
        uint8_t *o = floe_fn_out_fixed(out, rows);
        for (size_t i = 0; i < rows; i++) {
            if (first) { /* no arguments */
                h[i].low = HASH_NO_ARGS;
                h[i].high = 0;
            }
            floe_uint128_store(o + i * 16, h[i]);
        }
        floe_free(h);
        return 0;
    }
    uint64_t *o = floe_fn_out_fixed(out, rows);
    bool first = true;
    for (size_t k = 0; k < n; k++)
        hash_column(f, o, NULL, args[k], rows, &first);
    if (first)
        for (size_t i = 0; i < rows; i++)
            o[i] = HASH_NO_ARGS;
    return 0;
}

#define HASH_FUNC(NAME, F)                                                                         \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        return hash_resolve_m(F, ret, args);                                                       \
    }                                                                                              \
    static int NAME##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,      \
                           const floe_func_ctx *ctx)                                               \
    {                                                                                              \
        return hash_exec_m(F, out, args, n, rows);                                                 \
    }
HASH_FUNC(cityHash64, H_CITY64)
HASH_FUNC(sipHash64, H_SIP64)
HASH_FUNC(sipHash128, H_SIP128)
HASH_FUNC(xxHash64, H_XX64)

/* ---- intHash32, intHash64 ---- */

static int inthash_resolve_m(const char *name, bool is64, const floe_type **ret,
                             const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 1) < 0)
        return -1;
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (!floe_type_is_integer(t) && t->id != FLOE_TYPE_BOOL && t->id != FLOE_TYPE_DATE &&
        t->id != FLOE_TYPE_DATE32 && t->id != FLOE_TYPE_DATETIME)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument of function %s", t->name, name);
    *ret = floe_type_get(is64 ? FLOE_TYPE_UINT64 : FLOE_TYPE_UINT32);
    return 0;
}

static int inthash_exec_m(bool is64, floe_column *out, floe_column *const *args, size_t rows)
{
    int64_t *v = floe_malloc(rows * 8 + 1);
    floe_fn_load(v, FLOE_FN_I64, args[0], rows);
    if (is64) {
        uint64_t *o = floe_fn_out_fixed(out, rows);
        for (size_t i = 0; i < rows; i++)
            o[i] = floe_int_hash64((uint64_t)v[i]);
    } else {
        uint32_t *o = floe_fn_out_fixed(out, rows);
        for (size_t i = 0; i < rows; i++)
            o[i] = floe_int_hash32((uint64_t)v[i]);
    }
    floe_free(v);
    return 0;
}

static int intHash32_resolve(const floe_type **ret, const floe_func_args *args,
                             const floe_func_ctx *ctx)
{
    return inthash_resolve_m("intHash32", false, ret, args);
}
static int intHash32_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                          const floe_func_ctx *ctx)
{
    return inthash_exec_m(false, out, args, rows);
}
static int intHash64_resolve(const floe_type **ret, const floe_func_args *args,
                             const floe_func_ctx *ctx)
{
    return inthash_resolve_m("intHash64", true, ret, args);
}
static int intHash64_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                          const floe_func_ctx *ctx)
{
    return inthash_exec_m(true, out, args, rows);
}

#define DN FLOE_FUNC_DEFAULT_NULLS

static const floe_scalar_func funcs[] = {
    {"cityHash64", DN, cityHash64_resolve, cityHash64_exec},
    {"sipHash64", DN, sipHash64_resolve, sipHash64_exec},
    {"sipHash128", DN, sipHash128_resolve, sipHash128_exec},
    {"xxHash64", DN, xxHash64_resolve, xxHash64_exec},
    {"intHash32", DN, intHash32_resolve, intHash32_exec},
    {"intHash64", DN, intHash64_resolve, intHash64_exec},
};

void floe_register_hash(void)
{
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++)
        floe_func_register(&funcs[i]);
}
