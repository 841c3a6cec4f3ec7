/*
 * Open addressing with linear probing; the table doubles at 50% load. Keys
 * live in one growing byte array so a map of a million short keys is two
 * allocations, not a million.
 */
#include <string.h>

#include "base/hashmap.h"
#include "base/mem.h"

static inline uint64_t mix(uint64_t a, uint64_t b)
{
    unsigned __int128 r = (unsigned __int128)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

uint64_t floe_hash_bytes(const void *p, size_t n)
{
    const uint8_t *s = p;
    const uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull,
                   k2 = 0x8ebc6af09c88c6e3ull;
    uint64_t h = k0 ^ (n * k1);
    while (n >= 16) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + 8, 8);
        h = mix(a ^ k1, b ^ h);
        s += 16;
        n -= 16;
    }
    uint64_t a = 0, b = 0;
    if (n >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
    } else if (n) {
        uint8_t t[8] = {0};
        memcpy(t, s, n);
        memcpy(&a, t, 8);
    }
    h = mix(a ^ k2, b ^ h ^ k1);
    return mix(h, k2) | 1; /* never 0: 0 marks an empty slot */
}

static void rehash(floe_hashmap *m, size_t cap)
{
    floe_hashmap_slot *old = m->slots;
    size_t oldcap = m->cap;
    m->slots = floe_calloc(cap, sizeof *m->slots);
    m->cap = cap;
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].hash)
            continue;
        size_t j = old[i].hash & (cap - 1);
        while (m->slots[j].hash)
            j = (j + 1) & (cap - 1);
        m->slots[j] = old[i];
    }
    floe_free(old);
}

static floe_hashmap_slot *find(const floe_hashmap *m, const void *key, size_t len, uint64_t h)
{
    size_t j = h & (m->cap - 1);
    for (;;) {
        floe_hashmap_slot *s = &m->slots[j];
        if (!s->hash)
            return s;
        if (s->hash == h && s->key_len == len && memcmp(m->keys + s->key_off, key, len) == 0)
            return s;
        j = (j + 1) & (m->cap - 1);
    }
}

bool floe_hashmap_get_or_insert(floe_hashmap *m, const void *key, size_t len, uint64_t *value)
{
    if (2 * (m->size + 1) > m->cap)
        rehash(m, m->cap ? m->cap * 2 : 16);
    uint64_t h = floe_hash_bytes(key, len);
    floe_hashmap_slot *s = find(m, key, len, h);
    if (s->hash) {
        *value = s->value;
        return false;
    }
    if (m->keys_len + len > m->keys_cap) {
        size_t c = m->keys_cap ? m->keys_cap : 256;
        while (c < m->keys_len + len)
            c *= 2;
        m->keys = floe_realloc(m->keys, c);
        m->keys_cap = c;
    }
    if (len)
        memcpy(m->keys + m->keys_len, key, len);
    s->hash = h;
    s->key_off = m->keys_len;
    s->key_len = (uint32_t)len;
    s->value = *value;
    m->keys_len += len;
    m->size++;
    return true;
}

bool floe_hashmap_get(const floe_hashmap *m, const void *key, size_t len, uint64_t *value)
{
    if (!m->cap)
        return false;
    floe_hashmap_slot *s = find(m, key, len, floe_hash_bytes(key, len));
    if (!s->hash)
        return false;
    *value = s->value;
    return true;
}

void floe_hashmap_put(floe_hashmap *m, const void *key, size_t len, uint64_t value)
{
    uint64_t v = value;
    if (!floe_hashmap_get_or_insert(m, key, len, &v)) {
        floe_hashmap_slot *s = find(m, key, len, floe_hash_bytes(key, len));
        s->value = value;
    }
}

void floe_hashmap_free(floe_hashmap *m)
{
    floe_free(m->slots);
    floe_free(m->keys);
    memset(m, 0, sizeof *m);
}
