/*
 * Heap allocation. floe treats running out of memory as fatal (as Redis
 * does): these never return NULL, so callers need no failure path for them.
 * Memory limits for queries are enforced above this, by accounting.
 */
#ifndef FLOE_BASE_MEM_H
#define FLOE_BASE_MEM_H

#include <stddef.h>

void *floe_malloc(size_t n);
void *floe_calloc(size_t count, size_t size);
void *floe_realloc(void *p, size_t n);
char *floe_strdup(const char *s);
char *floe_strndup(const char *s, size_t n);
void floe_free(void *p);

/* Grows *p (an array of elem-sized items with capacity *cap) so that it holds
 * at least need items, doubling; new items are not zeroed. */
void floe_grow(void **p, size_t *cap, size_t need, size_t elem);
#define FLOE_GROW(ptr, cap, need) floe_grow((void **)&(ptr), &(cap), (need), sizeof *(ptr))

#endif
