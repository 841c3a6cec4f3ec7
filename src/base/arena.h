/*
 * floe_arena: per-query memory. Allocations are bump-pointer carves from
 * chunks and are all released together by floe_arena_free; nothing allocated
 * here is freed one by one. Used for ASTs, compiled expressions and scalar
 * values that live exactly as long as a statement.
 */
#ifndef FLOE_BASE_ARENA_H
#define FLOE_BASE_ARENA_H

#include <stddef.h>

typedef struct floe_arena_chunk floe_arena_chunk;

typedef struct floe_arena {
    floe_arena_chunk *head;
    size_t total; /* bytes handed out, for accounting */
} floe_arena;

#define FLOE_ARENA_INIT {NULL, 0}

/* Returns zeroed memory aligned to 16 bytes; never NULL. */
void *floe_arena_alloc(floe_arena *a, size_t n);
char *floe_arena_strdup(floe_arena *a, const char *s);
char *floe_arena_strndup(floe_arena *a, const char *s, size_t n);
void *floe_arena_memdup(floe_arena *a, const void *p, size_t n);
void floe_arena_free(floe_arena *a);
/* Moves every allocation of src into dst (they now die with dst); src is
 * left empty. */
void floe_arena_take(floe_arena *dst, floe_arena *src);

#endif
