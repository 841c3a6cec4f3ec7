/*
 * Allocation wrappers: the one place that decides what out-of-memory means.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static void oom(size_t n)
{
    fprintf(stderr, "floe: out of memory allocating %zu bytes\n", n);
    abort();
}

void *floe_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *floe_calloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        oom(count * size);
    return p;
}

void *floe_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *floe_strdup(const char *s)
{
    return floe_strndup(s, strlen(s));
}

char *floe_strndup(const char *s, size_t n)
{
    char *p = floe_malloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void floe_free(void *p)
{
    free(p);
}

void floe_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 8;
    while (c < need)
        c *= 2;
    *p = floe_realloc(*p, c * elem);
    *cap = c;
}
