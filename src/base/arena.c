/*
 * Chunked bump allocator behind arena.h. Large requests get a chunk of their
 * own so that small ones keep filling the current chunk.
 */
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"

#define ARENA_CHUNK 8192

struct floe_arena_chunk {
    floe_arena_chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char mem[];
};

void *floe_arena_alloc(floe_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    floe_arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;
        floe_arena_chunk *nc = floe_malloc(sizeof *nc + size);
        nc->used = 0;
        nc->size = size;
        if (c && size != ARENA_CHUNK) {
            /* keep filling the current chunk: put the big one behind it */
            nc->next = c->next;
            c->next = nc;
        } else {
            nc->next = c;
            a->head = nc;
        }
        c = nc;
    }
    void *p = c->mem + c->used;
    c->used += n;
    a->total += n;
    memset(p, 0, n);
    return p;
}

char *floe_arena_strdup(floe_arena *a, const char *s)
{
    return floe_arena_strndup(a, s, strlen(s));
}

char *floe_arena_strndup(floe_arena *a, const char *s, size_t n)
{
    char *p = floe_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void *floe_arena_memdup(floe_arena *a, const void *p, size_t n)
{
    void *q = floe_arena_alloc(a, n);
    memcpy(q, p, n);
    return q;
}

void floe_arena_free(floe_arena *a)
{
    floe_arena_chunk *c = a->head;
    while (c) {
        floe_arena_chunk *n = c->next;
        floe_free(c);
        c = n;
    }
    a->head = NULL;
    a->total = 0;
}

void floe_arena_take(floe_arena *dst, floe_arena *src)
{
    if (!src->head)
        return;
    if (!dst->head) {
        dst->head = src->head;
    } else {
        /* behind dst's current chunk, so dst keeps filling it */
        floe_arena_chunk *tail = src->head;
        while (tail->next)
            tail = tail->next;
        tail->next = dst->head->next;
        dst->head->next = src->head;
    }
    dst->total += src->total;
    src->head = NULL;
    src->total = 0;
}
