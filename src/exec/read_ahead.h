/*
 * Reading ahead: a thread runs a producer of blocks (an operator tree, or a
 * part's granules) into a bounded queue while the caller consumes them, so
 * that producing and consuming overlap on two cores. The producer runs only
 * on that thread from its first block to its last; the caller sees its
 * blocks in order, and its error with its code and message (errors are
 * thread-local).
 */
#ifndef FLOE_EXEC_READ_AHEAD_H
#define FLOE_EXEC_READ_AHEAD_H

#include <stddef.h>
#include <stdint.h>

#include "exec/op.h"
#include "types/column.h"

/* Makes the next block (*out NULL at the end) and says how many bytes it
 * read for it; 0, or -1 with the error set. */
typedef int (*floe_ahead_fn)(void *ctx, floe_block **out, uint64_t *bytes);

typedef struct floe_ahead floe_ahead;

/* Starts the thread, which keeps at most depth blocks queued. Errors:
 * CANNOT_ALLOCATE_MEMORY when no thread can be made. */
int floe_ahead_start(floe_ahead **out, size_t depth, floe_ahead_fn fn, void *ctx);
/* The next block in order (*out NULL once the producer has ended), the
 * bytes it read; or -1 with the producer's error. Waits while the queue is
 * empty. */
int floe_ahead_next(floe_ahead *a, floe_block **out, uint64_t *bytes);
/* Stops the producer at its next block, waits for its thread and frees
 * what is queued. NULL is allowed. */
void floe_ahead_stop(floe_ahead *a);

/* A producer running an operator: ctx is the floe_op. */
int floe_ahead_op_next(void *op, floe_block **out, uint64_t *bytes);

#endif
