/*
 * uniqExact (and uniqExactIf): the exact number of distinct values, also
 * what count(DISTINCT x) becomes. The state points to an open-addressing
 * set of 128-bit keys: a fixed-width value up to 16 bytes is its own key;
 * strings and several arguments are keyed by their 128-bit SipHash, as
 * ClickHouse keys them.
 */
#include "expr/functions_impl.h"
#include "hash/hash.h"
#include "hash/siphash.h"

/* Invariant: cap is a power of two (or 0), size < cap * 3/4; the all-zero
 * key is kept out of the table (has_zero), so a zero slot is empty. */
typedef struct key_set {
    floe_uint128 *keys;
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

static void set_insert(key_set *s, floe_uint128 k);

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

static void set_insert(key_set *s, floe_uint128 k)
{
    if (!k.low && !k.high) {
        s->has_zero = true;
        return;
    }
    if ((s->size + 1) * 4 > s->cap * 3)
        set_grow(s);
    size_t mask = s->cap - 1;
    for (size_t i = key_hash(k) & mask;; i = (i + 1) & mask) {
        floe_uint128 *slot = &s->keys[i];
        if (!slot->low && !slot->high) {
            *slot = k;
            s->size++;
            return;
        }
        if (slot->low == k.low && slot->high == k.high)
            return;
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
        fn_truth(m, cond, rows);
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
    floe_uint128 *keys = floe_malloc(rows * sizeof *keys + 1);
    uint8_t *m = uniq_mask(args, nv, cond, rows);
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
    floe_uint128 *keys = floe_malloc(rows * sizeof *keys + 1);
    uint8_t *m = uniq_mask(args, nv, cond, rows);
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
    if (args->n >= 1) {
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
    if (s->has_zero)
        d->has_zero = true;
    for (size_t i = 0; i < s->cap; i++)
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

void floe_register_agg_uniq(void)
{
    floe_agg_register(&uniqExact_agg);
    floe_agg_register(&uniqExactIf_agg);
}
