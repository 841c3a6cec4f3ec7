/*
 * The input formats' byte reader (private to src/formats/): a buffer over a
 * floe_source refilled as it drains, so input of any size streams through
 * a fixed amount of memory, plus the pieces every row parser shares (target
 * columns, header-to-column mapping, error context with row numbers).
 */
#ifndef FLOE_FORMATS_IN_READER_H
#define FLOE_FORMATS_IN_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/format_util.h"

#define FLOE_RD_BUF (64u << 10)

/* Invariant: pos <= end <= cap; bytes [pos, end) are unread; eof is set
 * once the source returned 0 bytes and nothing is left. */
typedef struct floe_rd {
    floe_source src;
    char *buf;
    size_t cap, pos, end;
    bool eof;
    bool failed;      /* the source reported an error (in the error slot) */
    uint64_t refills; /* counts refills: a saved pos is valid while this is unchanged */
} floe_rd;

void floe_rd_init(floe_rd *r, floe_source src);
void floe_rd_free(floe_rd *r);
/* Reads more bytes when none are left; false at end of input or on a source
 * error (then r->failed). */
bool floe_rd_refill(floe_rd *r);

/* The next byte, or -1 at end of input. */
static inline int floe_rd_peek(floe_rd *r)
{
    if (r->pos < r->end)
        return (unsigned char)r->buf[r->pos];
    if (!floe_rd_refill(r))
        return -1;
    return (unsigned char)r->buf[r->pos];
}

static inline void floe_rd_skip(floe_rd *r)
{
    r->pos++;
}

/* Skips a UTF-8 byte order mark at the current position, if there is one
 * (ClickHouse does before JSON rows and before a header line). */
void floe_rd_skip_bom(floe_rd *r);

/* Skips ASCII whitespace; returns the next byte (-1 at end). */
int floe_rd_skip_ws(floe_rd *r);

/* Records CANNOT_PARSE_INPUT_ASSERTION_FAILED: "Cannot parse input: expected
 * 'X' before: '...'" (or "at end of stream.") with the row number. */
int floe_rd_expected(floe_rd *r, const char *what, uint64_t row);
/* The same, quoting p[0..n) (text already taken from the input) before the
 * unread input. */
int floe_rd_expected_after(floe_rd *r, const char *what, const char *p, size_t n, uint64_t row);
/* Appends a printable excerpt of the unread input, escaped as ClickHouse
 * shows it in messages. */
void floe_rd_excerpt(floe_rd *r, floe_buf *out);
/* Rewrites the current error as "message: (at row N)" keeping its code. */
int floe_rd_at_row(uint64_t row);

/*
 * The columns a parser fills. file_to_col maps the i-th field of a row (a
 * header column, a JSON key) to a target column, -1 to skip it; seen marks
 * the targets a row has set so the rest get defaults.
 */
typedef struct floe_rd_target {
    size_t n_cols;
    const char *const *names;
    const floe_type *const *types;
    const floe_format_settings *s;
    floe_block *block; /* the block being filled */
    uint8_t *seen;
} floe_rd_target;

void floe_rd_target_init(floe_rd_target *t, size_t n_cols, const char *const *names,
                         const floe_type *const *types, const floe_format_settings *s);
void floe_rd_target_free(floe_rd_target *t);
/* Starts a new block (the previous one belongs to whoever took it). */
void floe_rd_target_new_block(floe_rd_target *t);
/* Index of the target column called name (len bytes), or -1. */
int floe_rd_target_find(const floe_rd_target *t, const char *name, size_t len);
/* Fills every column the row did not set with its default (NULL for
 * Nullable), and clears seen. */
void floe_rd_target_finish_row(floe_rd_target *t);
/* Appends the default of c's type: NULL for Nullable, else the zero value. */
void floe_rd_push_default(floe_column *c);
/* Parses text into c through floe_text_parse, with the column named in the
 * error. */
int floe_rd_parse_value(floe_rd_target *t, size_t col, floe_column *c, const char *p, size_t n);
/* Hands the block to the caller: NULL when it has no rows (and frees it). */
floe_block *floe_rd_target_take(floe_rd_target *t);

#endif
