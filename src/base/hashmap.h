/*
 * floe_hashmap: an open-addressing hash map from byte strings to uint64
 * values (an index, a pointer), for group-by keys, DISTINCT, sets and name
 * lookups. Keys are copied into the map's own storage. Not thread-safe.
 */
#ifndef FLOE_BASE_HASHMAP_H
#define FLOE_BASE_HASHMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct floe_hashmap_slot {
    uint64_t hash; /* 0 marks an empty slot (real hashes are forced non-zero) */
    uint64_t key_off;
    uint32_t key_len;
    uint64_t value;
} floe_hashmap_slot;

typedef struct floe_hashmap {
    floe_hashmap_slot *slots;
    size_t cap; /* power of two */
    size_t size;
    char *keys; /* all keys back to back */
    size_t keys_len, keys_cap;
} floe_hashmap;

#define FLOE_HASHMAP_INIT {NULL, 0, 0, NULL, 0, 0}

/* A fast 64-bit hash of bytes (not ClickHouse's; for in-memory tables only). */
uint64_t floe_hash_bytes(const void *p, size_t n);

/* Finds key; when absent inserts it with value *value. Returns true when the
 * key was inserted; *value is then unchanged, else set to the stored value. */
bool floe_hashmap_get_or_insert(floe_hashmap *m, const void *key, size_t len, uint64_t *value);
/* Looks up key: true and *value when present. */
bool floe_hashmap_get(const floe_hashmap *m, const void *key, size_t len, uint64_t *value);
/* Sets key's value, inserting when absent. */
void floe_hashmap_put(floe_hashmap *m, const void *key, size_t len, uint64_t value);
void floe_hashmap_free(floe_hashmap *m);

#endif
