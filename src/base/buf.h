/*
 * floe_buf: a growable byte buffer, the one way bytes are accumulated
 * (output formats, file contents, encoded pages). data is always
 * NUL-terminated past len so it can be used as a C string.
 */
#ifndef FLOE_BASE_BUF_H
#define FLOE_BASE_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct floe_buf {
    char *data; /* NULL until the first append; owned */
    size_t len;
    size_t cap;
} floe_buf;

#define FLOE_BUF_INIT {NULL, 0, 0}

void floe_buf_free(floe_buf *b);
/* Makes room for extra more bytes after len. */
void floe_buf_reserve(floe_buf *b, size_t extra);
void floe_buf_append(floe_buf *b, const void *p, size_t n);
void floe_buf_puts(floe_buf *b, const char *s);
void floe_buf_printf(floe_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void floe_buf_u64(floe_buf *b, uint64_t v);  /* decimal text */
void floe_buf_i64(floe_buf *b, int64_t v);   /* decimal text */
/* Hands the bytes to the caller (who frees them with floe_free) and empties b. */
char *floe_buf_detach(floe_buf *b, size_t *len);

static inline void floe_buf_putc(floe_buf *b, char c)
{
    if (b->len + 2 > b->cap)
        floe_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

static inline void floe_buf_clear(floe_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

#endif
