/*
 * Growable byte buffers.
 */
#include <stdarg.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/mem.h"

void floe_buf_free(floe_buf *b)
{
    floe_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void floe_buf_reserve(floe_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t c = b->cap ? b->cap : 64;
    while (c < need)
        c *= 2;
    b->data = floe_realloc(b->data, c);
    b->cap = c;
}

void floe_buf_append(floe_buf *b, const void *p, size_t n)
{
    floe_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void floe_buf_puts(floe_buf *b, const char *s)
{
    floe_buf_append(b, s, strlen(s));
}

void floe_buf_printf(floe_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        floe_buf_append(b, tmp, (size_t)n);
        return;
    }
    floe_buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void floe_buf_u64(floe_buf *b, uint64_t v)
{
    char tmp[24];
    char *p = tmp + sizeof tmp;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    floe_buf_append(b, p, (size_t)(tmp + sizeof tmp - p));
}

void floe_buf_i64(floe_buf *b, int64_t v)
{
    if (v < 0) {
        floe_buf_putc(b, '-');
        floe_buf_u64(b, (uint64_t)0 - (uint64_t)v);
    } else {
        floe_buf_u64(b, (uint64_t)v);
    }
}

char *floe_buf_detach(floe_buf *b, size_t *len)
{
    char *p = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}
