/*
 * uniqExact (and uniqExactIf): the exact number of distinct values, also
 * what count(DISTINCT x) becomes; uniq, ClickHouse's BJKST estimate; and
 * the -Distinct combinator. The state points to an open-addressing
 * set of 128-bit keys: a fixed-width value up to 16 bytes is its own key;
 * strings and several arguments are keyed by their 128-bit SipHash, as
 * ClickHouse keys them.
 */
#include <math.h>

#include "expr/functions_impl.h"
#include "hash/city.h"
#include "hash/hash.h"
#include "hash/siphash.h"

/* Invariant: cap is a power of two (or 0), size < cap * 3/4; the all-zero
 * key is kept out of the table (has_zero), so a zero slot is empty. Values
 * of up to 8 bytes use the narrow table k64 (half the memory, so fewer
 * cache misses); everything else the 128-bit keys. A set uses one of the
 * two, decided by its function's argument types. */
typedef struct key_set {
    floe_uint128 *keys;
    uint64_t *k64;
    size_t cap;
    size_t size;
    bool has_zero;
} key_set;

typedef struct uniq_state {
    key_set *set;
} uniq_state;

static inline size_t key_hash(floe_uint128 k)
{
    return (size_t)floe_int_hash64_raw(k.low ^ floe_int_hash64_raw(k.high + 0x9E3779B97F4A7C15ULL));
}

static bool set_insert(key_set *s, floe_uint128 k);

static void set_grow(key_set *s)
{
    size_t old_cap = s->cap;
    floe_uint128 *old = s->keys;
    s->cap = old_cap ? old_cap * 2 : 16;
    s->keys = floe_calloc(s->cap, sizeof *s->keys);
    s->size = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].low || old[i].high)
            set_insert(s, old[i]);
    floe_free(old);
}

/* Adds k; true when it was not there yet. */
static bool set_insert(key_set *s, floe_uint128 k)
{
    if (!k.low && !k.high) {
        bool added = !s->has_zero;
        s->has_zero = true;
        return added;
    }
    if ((s->size + 1) * 4 > s->cap * 3)
        set_grow(s);
    size_t mask = s->cap - 1;
    for (size_t i = key_hash(k) & mask;; i = (i + 1) & mask) {
        floe_uint128 *slot = &s->keys[i];
        if (!slot->low && !slot->high) {
            *slot = k;
            s->size++;
            return true;
        }
        if (slot->low == k.low && slot->high == k.high)
            return false;
    }
}

static bool set_insert64(key_set *s, uint64_t k);

static void set_grow64(key_set *s)
{
    size_t old_cap = s->cap;
    uint64_t *old = s->k64;
    s->cap = old_cap ? old_cap * 2 : 16;
    s->k64 = floe_calloc(s->cap, sizeof *s->k64);
    s->size = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i])
            set_insert64(s, old[i]);
    floe_free(old);
}

static bool set_insert64(key_set *s, uint64_t k)
{
    if (!k) {
        bool added = !s->has_zero;
        s->has_zero = true;
        return added;
    }
    if ((s->size + 1) * 4 > s->cap * 3)
        set_grow64(s);
    size_t mask = s->cap - 1;
    for (size_t i = (size_t)floe_int_hash64_raw(k) & mask;; i = (i + 1) & mask) {
        if (!s->k64[i]) {
            s->k64[i] = k;
            s->size++;
            return true;
        }
        if (s->k64[i] == k)
            return false;
    }
}

/* True when the rows of args (nv value arguments) key into the narrow table. */
static bool narrow_keys(floe_column *const *args, size_t nv)
{
    const floe_type *t = floe_type_base(args[0]->type);
    return nv == 1 && t->width > 0 && t->width <= 8 && t->id != FLOE_TYPE_TUPLE &&
           t->id != FLOE_TYPE_ARRAY;
}

/* The values' bytes zero-extended to 64 bits. */
static void make_keys64(uint64_t *keys, const floe_column *c, size_t rows)
{
    size_t w = floe_type_base(c->type)->width;
    switch (w) {
    case 1:
        for (size_t i = 0; i < rows; i++)
            keys[i] = c->data[i];
        break;
    case 2:
        for (size_t i = 0; i < rows; i++)
            keys[i] = ((const uint16_t *)(const void *)c->data)[i];
        break;
    case 4:
        for (size_t i = 0; i < rows; i++)
            keys[i] = ((const uint32_t *)(const void *)c->data)[i];
        break;
    case 8:
        memcpy(keys, c->data, rows * 8);
        break;
    default:
        for (size_t i = 0; i < rows; i++) {
            keys[i] = 0;
            memcpy(&keys[i], c->data + i * w, w);
        }
    }
}

static key_set *state_set(uniq_state *st)
{
    if (!st->set)
        st->set = floe_calloc(1, sizeof *st->set);
    return st->set;
}

static int uniqExact_resolve(const floe_type **ret, const floe_func_args *args,
                             const floe_column *params, size_t n_params)
{
    if (args->n < 1)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Incorrect number of arguments for aggregate function uniqExact");
    *ret = floe_type_get(FLOE_TYPE_UINT64);
    return 0;
}

static void uniqExact_init(void *st, const floe_func_args *args)
{
    ((uniq_state *)st)->set = NULL;
}

static void uniqExact_destroy(void *st)
{
    uniq_state *s = st;
    if (s->set) {
        floe_free(s->set->keys);
        floe_free(s->set->k64);
        floe_free(s->set);
        s->set = NULL;
    }
}

/* Feeds row i of c into a SipHash (strings with their length, as
 * ClickHouse's updateHashWithValue does). */
static void hash_value(floe_siphash *h, const floe_column *c, size_t i)
{
    const floe_type *t = floe_type_base(c->type);
    if (t->id == FLOE_TYPE_STRING) {
        size_t len;
        const char *p = floe_column_string_at(c, i, &len);
        uint64_t l = len;
        floe_siphash_update(h, &l, 8);
        floe_siphash_update(h, p, len);
    } else if (t->id == FLOE_TYPE_TUPLE) {
        for (size_t k = 0; k < c->n_children; k++)
            hash_value(h, c->children[k], i);
    } else if (t->id == FLOE_TYPE_ARRAY) {
        uint64_t from = i ? c->offsets[i - 1] : 0, to = c->offsets[i];
        uint64_t n = to - from;
        floe_siphash_update(h, &n, 8);
        for (uint64_t j = from; j < to; j++)
            hash_value(h, c->children[0], j);
    } else if (t->width) {
        floe_siphash_update(h, c->data + i * t->width, t->width);
    }
    if (c->nulls) {
        uint8_t n = c->nulls[i];
        floe_siphash_update(h, &n, 1);
    }
}

/* The keys of rows [0, rows) into keys[]. */
static void make_keys(floe_uint128 *keys, floe_column *const *args, size_t nv, size_t rows)
{
    const floe_type *t = floe_type_base(args[0]->type);
    if (nv == 1 && t->width > 0 && t->width <= 16 && t->id != FLOE_TYPE_TUPLE &&
        t->id != FLOE_TYPE_ARRAY) {
        size_t w = t->width;
        const uint8_t *p = args[0]->data;
        for (size_t i = 0; i < rows; i++) {
            keys[i].low = keys[i].high = 0;
            memcpy(&keys[i], p + i * w, w);
        }
        return;
    }
    for (size_t i = 0; i < rows; i++) {
        floe_siphash h;
        floe_siphash_init(&h, 0, 0);
        for (size_t k = 0; k < nv; k++)
            hash_value(&h, args[k], i);
        keys[i] = floe_siphash_final128(&h);
    }
}

/* Rows with a NULL in any value argument are skipped; cond (may be NULL)
 * is the -If condition. */
static uint8_t *uniq_mask(floe_column *const *args, size_t nv, const floe_column *cond, size_t rows)
{
    bool need = cond != NULL;
    for (size_t k = 0; k < nv; k++)
        need |= args[k]->nulls != NULL;
    if (!need)
        return NULL;
    uint8_t *m = floe_malloc(rows + 1);
    memset(m, 1, rows);
    if (cond) {
        floe_fn_truth(m, cond, rows);
        if (cond->nulls)
            for (size_t i = 0; i < rows; i++)
                m[i] &= (uint8_t)!cond->nulls[i];
    }
    for (size_t k = 0; k < nv; k++)
        if (args[k]->nulls)
            for (size_t i = 0; i < rows; i++)
                m[i] &= (uint8_t)!args[k]->nulls[i];
    return m;
}

static void uniq_add_nv(char **places, size_t off, floe_column *const *args, size_t rows, size_t nv,
                        const floe_column *cond)
{
    uint8_t *m = uniq_mask(args, nv, cond, rows);
    if (narrow_keys(args, nv)) {
        uint64_t *k = floe_malloc(rows * 8 + 1);
        make_keys64(k, args[0], rows);
        for (size_t i = 0; i < rows; i++)
            if (!m || m[i])
                set_insert64(state_set((uniq_state *)(void *)(places[i] + off)), k[i]);
        floe_free(k);
        floe_free(m);
        return;
    }
    floe_uint128 *keys = floe_malloc(rows * sizeof *keys + 1);
    make_keys(keys, args, nv, rows);
    for (size_t i = 0; i < rows; i++)
        if (!m || m[i])
            set_insert(state_set((uniq_state *)(void *)(places[i] + off)), keys[i]);
    floe_free(keys);
    floe_free(m);
}

static void uniq_single_nv(void *st, floe_column *const *args, size_t rows, size_t nv,
                           const floe_column *cond)
{
    uint8_t *m = uniq_mask(args, nv, cond, rows);
    if (narrow_keys(args, nv)) {
        uint64_t *k = floe_malloc(rows * 8 + 1);
        make_keys64(k, args[0], rows);
        key_set *s = state_set(st);
        for (size_t i = 0; i < rows; i++)
            if (!m || m[i])
                set_insert64(s, k[i]);
        floe_free(k);
        floe_free(m);
        return;
    }
    floe_uint128 *keys = floe_malloc(rows * sizeof *keys + 1);
    make_keys(keys, args, nv, rows);
    key_set *s = state_set(st);
    for (size_t i = 0; i < rows; i++)
        if (!m || m[i])
            set_insert(s, keys[i]);
    floe_free(keys);
    floe_free(m);
}

static void uniqExact_add(char **places, size_t off, floe_column *const *args, size_t rows,
                          const floe_func_args *types)
{
    uniq_add_nv(places, off, args, rows, types->n, NULL);
}

static void uniqExact_single(void *st, floe_column *const *args, size_t rows,
                             const floe_func_args *types)
{
    uniq_single_nv(st, args, rows, types->n, NULL);
}

static void uniqExactIf_add(char **places, size_t off, floe_column *const *args, size_t rows,
                            const floe_func_args *types)
{
    uniq_add_nv(places, off, args, rows, types->n - 1, args[types->n - 1]);
}

static void uniqExactIf_single(void *st, floe_column *const *args, size_t rows,
                               const floe_func_args *types)
{
    uniq_single_nv(st, args, rows, types->n - 1, args[types->n - 1]);
}

static int uniqExactIf_resolve(const floe_type **ret, const floe_func_args *args,
                               const floe_column *params, size_t n_params)
{
    if (args->n == 0)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Incorrect number of arguments for aggregate function with If suffix");
    {
        const floe_type *c = floe_type_base(args->types[args->n - 1]);
        if (c->id != FLOE_TYPE_UINT8 && c->id != FLOE_TYPE_BOOL && c->id != FLOE_TYPE_NOTHING)
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type %s of last argument for aggregate function with If "
                              "suffix",
                              c->name);
    }
    floe_func_args b = {args->n ? args->n - 1 : 0, args->types, args->consts};
    return uniqExact_resolve(ret, &b, params, n_params);
}

static void uniqExact_merge(void *dst, const void *src, const floe_func_args *types)
{
    const key_set *s = ((const uniq_state *)src)->set;
    if (!s)
        return;
    key_set *d = state_set(dst);
    if (s->k64) {
        if (s->has_zero)
            set_insert64(d, 0);
        for (size_t i = 0; i < s->cap; i++)
            if (s->k64[i])
                set_insert64(d, s->k64[i]);
        return;
    }
    if (s->has_zero)
        set_insert(d, (floe_uint128){0, 0});
    for (size_t i = 0; s->keys && i < s->cap; i++)
        if (s->keys[i].low || s->keys[i].high)
            set_insert(d, s->keys[i]);
}

static int uniqExact_result(floe_column *out, void *st, const floe_func_args *types)
{
    const key_set *s = ((uniq_state *)st)->set;
    uint64_t n = s ? s->size + (s->has_zero ? 1 : 0) : 0;
    floe_column_push_fixed(out, &n);
    return 0;
}

static const floe_agg_func uniqExact_agg = {"uniqExact",          0,
                                            uniqExact_resolve,    sizeof(uniq_state),
                                            _Alignof(uniq_state), uniqExact_init,
                                            uniqExact_add,        uniqExact_single,
                                            uniqExact_merge,      uniqExact_result,
                                            uniqExact_destroy};
static const floe_agg_func uniqExactIf_agg = {"uniqExactIf",        0,
                                              uniqExactIf_resolve,  sizeof(uniq_state),
                                              _Alignof(uniq_state), uniqExact_init,
                                              uniqExactIf_add,      uniqExactIf_single,
                                              uniqExact_merge,      uniqExact_result,
                                              uniqExact_destroy};

/* ---- uniq: ClickHouse's UniquesHashSet (BJKST) estimate ----
 * Each value becomes a UInt64 (the integer itself, a float's bits, a
 * string's CityHash64), then the low 32 bits of its intHash64
 * (DefaultHash<UInt64>). Only hashes divisible by
 * 2^skip_degree are kept; when more than 65536 are kept, skip_degree grows
 * and the set is thinned. The final state depends only on the values seen,
 * so the estimate matches ClickHouse's whatever the insertion order. */

#define UNIQ_MAX_SIZE 65536u

/* Invariant: every stored hash is nonzero and divisible by 2^skip; size
 * counts them plus has_zero; cap is a power of two with size <= cap / 2. */
typedef struct uniq_set {
    uint32_t *buf;
    uint32_t cap;
    uint32_t size;
    uint8_t skip;
    bool has_zero;
} uniq_set;

typedef struct uniq_approx_state {
    uniq_set *set;
} uniq_approx_state;

static bool uset_good(const uniq_set *s, uint32_t h)
{
    return h == ((h >> s->skip) << s->skip);
}

static void uset_put(uniq_set *s, uint32_t h)
{
    uint32_t mask = s->cap - 1;
    for (uint32_t i = (h * 2654435761u) >> 7 & mask;; i = (i + 1) & mask) {
        if (!s->buf[i]) {
            s->buf[i] = h;
            s->size++;
            return;
        }
        if (s->buf[i] == h)
            return;
    }
}

static void uset_rebuild(uniq_set *s, uint32_t new_cap)
{
    uint32_t *old = s->buf, old_cap = s->cap;
    s->buf = floe_calloc(new_cap, sizeof *s->buf);
    s->cap = new_cap;
    s->size = s->has_zero ? 1 : 0;
    for (uint32_t i = 0; i < old_cap; i++)
        if (old[i] && uset_good(s, old[i]))
            uset_put(s, old[i]);
    floe_free(old);
}

static void uset_insert(uniq_set *s, uint32_t h)
{
    if (!uset_good(s, h))
        return;
    if (h == 0) {
        s->size += !s->has_zero;
        s->has_zero = true;
    } else {
        if (!s->cap)
            uset_rebuild(s, 16);
        uset_put(s, h);
    }
    while (s->size > UNIQ_MAX_SIZE) {
        s->skip++;
        uset_rebuild(s, s->cap);
    }
    if (s->cap && s->size * 2 > s->cap)
        uset_rebuild(s, s->cap * 2);
}

/* SSE4.2's crc32 instruction over 8 bytes from an all-ones start
 * (ClickHouse's intHashCRC32), in software. */
static uint32_t crc32c_u64(uint64_t x)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (int b = 0; b < 8; b++) {
        crc ^= (uint8_t)(x >> (8 * b));
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1)));
    }
    return crc;
}

static uint64_t uset_estimate(const uniq_set *s)
{
    if (!s)
        return 0;
    if (s->skip == 0)
        return s->size;
    uint64_t res = (uint64_t)s->size << s->skip;
    res += crc32c_u64(s->size) & ((1ULL << s->skip) - 1);
    const uint64_t p32 = 1ULL << 32;
    if (res >= p32)
        res = p32 - 1;
    return (uint64_t)llround((double)p32 * (log((double)p32) - log((double)(p32 - res))));
}

static bool uniq_type_ok(const floe_type *t)
{
    t = floe_type_base(t);
    return t->id == FLOE_TYPE_STRING || t->id == FLOE_TYPE_FIXEDSTRING ||
           (t->width > 0 && t->width <= 8 && t->id != FLOE_TYPE_TUPLE &&
            t->id != FLOE_TYPE_ARRAY) ||
           t->id == FLOE_TYPE_NOTHING;
}

static int uniq_resolve(const floe_type **ret, const floe_func_args *args,
                        const floe_column *params, size_t n_params)
{
    if (args->n < 1)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Incorrect number of arguments for aggregate function uniq");
    if (args->n > 1)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "uniq of several arguments is not supported");
    if (!uniq_type_ok(args->types[0]))
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "uniq of %s is not supported",
                          args->types[0]->name);
    *ret = floe_type_get(FLOE_TYPE_UINT64);
    return 0;
}

/* The UInt64 each row contributes (AggregateFunctionUniqTraits::hash). */
static void uniq_values(uint64_t *v, const floe_column *c, size_t rows)
{
    const floe_type *t = floe_type_base(c->type);
    if (t->id == FLOE_TYPE_STRING) {
        for (size_t i = 0; i < rows; i++) {
            size_t len;
            const char *p = floe_column_string_at(c, i, &len);
            v[i] = floe_city_hash64(p, len);
        }
    } else if (t->id == FLOE_TYPE_FIXEDSTRING) {
        for (size_t i = 0; i < rows; i++)
            v[i] = floe_city_hash64(c->data + i * t->n, t->n);
    } else if (t->id == FLOE_TYPE_FLOAT64) {
        const double *d = (const double *)(const void *)c->data;
        /* by bits: ClickHouse 26.7 counts -0 apart from 0 */
        for (size_t i = 0; i < rows; i++)
            memcpy(&v[i], &d[i], 8);
    } else if (t->id == FLOE_TYPE_FLOAT32) {
        const float *d = (const float *)(const void *)c->data;
        for (size_t i = 0; i < rows; i++) {
            uint32_t b;
            memcpy(&b, &d[i], 4);
            v[i] = b;
        }
    } else if (t->id == FLOE_TYPE_NOTHING) {
        memset(v, 0, rows * 8);
    } else {
        /* integers widen as C++ converts them to UInt64 (sign-extended) */
        floe_fn_load(v, floe_type_is_signed(t) ? FLOE_FN_I64 : FLOE_FN_U64, c, rows);
    }
}

static uniq_set *uniq_state_set(uniq_approx_state *st)
{
    if (!st->set)
        st->set = floe_calloc(1, sizeof *st->set);
    return st->set;
}

static void uniq_add_common(char **places, size_t off, uniq_approx_state *single,
                            floe_column *const *args, size_t rows, const floe_column *cond)
{
    uint64_t *v = floe_malloc(rows * 8 + 1);
    uint8_t *m = uniq_mask(args, 1, cond, rows);
    bool nothing = floe_type_base(args[0]->type)->id == FLOE_TYPE_NOTHING;
    uniq_values(v, args[0], rows);
    for (size_t i = 0; i < rows; i++) {
        if ((m && !m[i]) || nothing)
            continue;
        uniq_approx_state *st = single ? single : (uniq_approx_state *)(void *)(places[i] + off);
        uset_insert(uniq_state_set(st), (uint32_t)floe_int_hash64_raw(v[i]));
    }
    floe_free(v);
    floe_free(m);
}

static void uniq_init(void *st, const floe_func_args *args)
{
    ((uniq_approx_state *)st)->set = NULL;
}

static void uniq_destroy(void *st)
{
    uniq_approx_state *s = st;
    if (s->set) {
        floe_free(s->set->buf);
        floe_free(s->set);
        s->set = NULL;
    }
}

static void uniq_add(char **places, size_t off, floe_column *const *args, size_t rows,
                     const floe_func_args *types)
{
    uniq_add_common(places, off, NULL, args, rows, NULL);
}

static void uniq_single(void *st, floe_column *const *args, size_t rows,
                        const floe_func_args *types)
{
    uniq_add_common(NULL, 0, st, args, rows, NULL);
}

static void uniqIf_add(char **places, size_t off, floe_column *const *args, size_t rows,
                       const floe_func_args *types)
{
    uniq_add_common(places, off, NULL, args, rows, args[types->n - 1]);
}

static void uniqIf_single(void *st, floe_column *const *args, size_t rows,
                          const floe_func_args *types)
{
    uniq_add_common(NULL, 0, st, args, rows, args[types->n - 1]);
}

static int uniqIf_resolve(const floe_type **ret, const floe_func_args *args,
                          const floe_column *params, size_t n_params)
{
    if (args->n == 0)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Incorrect number of arguments for aggregate function with If suffix");
    {
        const floe_type *c = floe_type_base(args->types[args->n - 1]);
        if (c->id != FLOE_TYPE_UINT8 && c->id != FLOE_TYPE_BOOL && c->id != FLOE_TYPE_NOTHING)
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type %s of last argument for aggregate function with If "
                              "suffix",
                              c->name);
    }
    floe_func_args b = {args->n ? args->n - 1 : 0, args->types, args->consts};
    return uniq_resolve(ret, &b, params, n_params);
}

static void uniq_merge(void *dst, const void *src, const floe_func_args *types)
{
    const uniq_set *s = ((const uniq_approx_state *)src)->set;
    if (!s)
        return;
    uniq_set *d = uniq_state_set(dst);
    /* the merged state thins to the larger degree first, as ClickHouse's */
    if (s->skip > d->skip) {
        d->skip = s->skip;
        if (d->cap)
            uset_rebuild(d, d->cap);
        else
            d->size = d->has_zero ? 1 : 0;
    }
    if (s->has_zero)
        uset_insert(d, 0);
    for (uint32_t i = 0; i < s->cap; i++)
        if (s->buf[i])
            uset_insert(d, s->buf[i]);
}

static int uniq_result(floe_column *out, void *st, const floe_func_args *types)
{
    uint64_t n = uset_estimate(((uniq_approx_state *)st)->set);
    floe_column_push_fixed(out, &n);
    return 0;
}

static const floe_agg_func uniq_agg = {"uniq",
                                       0,
                                       uniq_resolve,
                                       sizeof(uniq_approx_state),
                                       _Alignof(uniq_approx_state),
                                       uniq_init,
                                       uniq_add,
                                       uniq_single,
                                       uniq_merge,
                                       uniq_result,
                                       uniq_destroy};
static const floe_agg_func uniqIf_agg = {"uniqIf",
                                         0,
                                         uniqIf_resolve,
                                         sizeof(uniq_approx_state),
                                         _Alignof(uniq_approx_state),
                                         uniq_init,
                                         uniqIf_add,
                                         uniqIf_single,
                                         uniq_merge,
                                         uniq_result,
                                         uniq_destroy};

/* ---- the -Distinct combinator (sumDistinct, avgDistinct, ...) ----
 * The state keeps the set of keys seen and one copy of each distinct row of
 * the arguments; the result runs the base function over those rows. */

typedef struct distinct_state {
    key_set *set;
    floe_column **vals; /* one column per argument, created on first add */
} distinct_state;

static void distinct_init(void *st, const floe_func_args *args)
{
    memset(st, 0, sizeof(distinct_state));
}

static void distinct_destroy_n(distinct_state *s, size_t n)
{
    if (s->set) {
        floe_free(s->set->keys);
        floe_free(s->set->k64);
        floe_free(s->set);
    }
    if (s->vals) {
        for (size_t k = 0; k < n; k++)
            floe_column_free(s->vals[k]);
        floe_free(s->vals);
    }
    memset(s, 0, sizeof *s);
}

static void distinct_push(distinct_state *s, floe_column *const *args, size_t n, size_t row)
{
    if (!s->vals) {
        s->vals = floe_calloc(n + 1, sizeof *s->vals); /* NULL-terminated */
        for (size_t k = 0; k < n; k++)
            s->vals[k] = floe_column_new(args[k]->type);
    }
    for (size_t k = 0; k < n; k++)
        floe_column_push_from(s->vals[k], args[k], row);
}

static void distinct_add_rows(char **places, size_t off, distinct_state *single,
                              floe_column *const *args, size_t rows, size_t n)
{
    floe_uint128 *keys = floe_malloc(rows * sizeof *keys + 1);
    uint8_t *m = uniq_mask(args, n, NULL, rows);
    make_keys(keys, args, n, rows);
    for (size_t i = 0; i < rows; i++) {
        if (m && !m[i])
            continue;
        distinct_state *s = single ? single : (distinct_state *)(void *)(places[i] + off);
        if (!s->set)
            s->set = floe_calloc(1, sizeof *s->set);
        if (set_insert(s->set, keys[i]))
            distinct_push(s, args, n, i);
    }
    floe_free(keys);
    floe_free(m);
}

static void distinct_merge_n(void *dst, const void *src, size_t n)
{
    const distinct_state *s = src;
    if (!s->vals || !s->vals[0] || n == 0)
        return;
    size_t rows = s->vals[0]->rows;
    distinct_add_rows(NULL, 0, dst, s->vals, rows, n);
}

static int distinct_result_base(const char *base, floe_column *out, void *st,
                                const floe_func_args *types)
{
    const floe_agg_func *fn = floe_agg_find(base);
    distinct_state *s = st;
    void *inner = floe_calloc(1, fn->state_size + 16);
    void *al = (void *)(((uintptr_t)inner + 15) & ~(uintptr_t)15);
    fn->init(al, types);
    if (s->vals && s->vals[0])
        fn->add_single(al, s->vals, s->vals[0]->rows, types);
    int rc = fn->result(out, al, types);
    if (fn->destroy)
        fn->destroy(al);
    floe_free(inner);
    return rc;
}

/* destroy gets no argument types: vals is allocated with a NULL entry
 * after the last column, so the count is found from it. */
static void distinct_destroy(void *st)
{
    distinct_state *s = st;
    size_t n = 0;
    if (s->vals)
        while (s->vals[n])
            n++;
    distinct_destroy_n(s, n);
}

#define DISTINCT_AGG(BASE)                                                                         \
    static int BASE##Distinct_resolve(const floe_type **ret, const floe_func_args *args,           \
                                      const floe_column *params, size_t n_params)                  \
    {                                                                                              \
        return floe_agg_find(#BASE)->resolve(ret, args, params, n_params);                         \
    }                                                                                              \
    static void BASE##Distinct_add(char **places, size_t off, floe_column *const *args,            \
                                   size_t rows, const floe_func_args *types)                       \
    {                                                                                              \
        distinct_add_rows(places, off, NULL, args, rows, types->n);                                \
    }                                                                                              \
    static void BASE##Distinct_single(void *st, floe_column *const *args, size_t rows,             \
                                      const floe_func_args *types)                                 \
    {                                                                                              \
        distinct_add_rows(NULL, 0, st, args, rows, types->n);                                      \
    }                                                                                              \
    static void BASE##Distinct_merge(void *dst, const void *src, const floe_func_args *types)      \
    {                                                                                              \
        distinct_merge_n(dst, src, types->n);                                                      \
    }                                                                                              \
    static int BASE##Distinct_result(floe_column *out, void *st, const floe_func_args *types)      \
    {                                                                                              \
        return distinct_result_base(#BASE, out, st, types);                                        \
    }                                                                                              \
    static const floe_agg_func BASE##Distinct_agg = {                                              \
        #BASE "Distinct",         0,                                                               \
        BASE##Distinct_resolve,   sizeof(distinct_state),                                          \
        _Alignof(distinct_state), distinct_init,                                                   \
        BASE##Distinct_add,       BASE##Distinct_single,                                           \
        BASE##Distinct_merge,     BASE##Distinct_result,                                           \
        distinct_destroy};

DISTINCT_AGG(sum)
DISTINCT_AGG(avg)
DISTINCT_AGG(min)
DISTINCT_AGG(max)
DISTINCT_AGG(any)

/* countDistinct is ClickHouse's name that count_distinct_implementation
 * (uniqExact) stands behind. */
static const floe_agg_func countDistinct_agg = {"countDistinct",      0,
                                                uniqExact_resolve,    sizeof(uniq_state),
                                                _Alignof(uniq_state), uniqExact_init,
                                                uniqExact_add,        uniqExact_single,
                                                uniqExact_merge,      uniqExact_result,
                                                uniqExact_destroy};

void floe_register_agg_uniq(void)
{
    floe_agg_register(&uniqExact_agg);
    floe_agg_register(&uniqExactIf_agg);
    floe_agg_register(&countDistinct_agg);
    floe_agg_register(&uniq_agg);
    floe_agg_register(&uniqIf_agg);
    const floe_agg_func *distinct[] = {&sumDistinct_agg, &avgDistinct_agg, &minDistinct_agg,
                                       &maxDistinct_agg, &anyDistinct_agg};
    for (size_t i = 0; i < sizeof distinct / sizeof distinct[0]; i++)
        floe_agg_register(distinct[i]);
}
