/*
 * Reading ahead on a thread of its own: a ring of at most depth blocks
 * between the producer's thread and the caller.
 */
#include "exec/read_ahead.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "compress/codec.h"

/* Invariants (under mu): blocks[head .. head + count) (mod depth) are
 * queued in order; done once the producer has returned its last block or
 * failed (err_code then set); stop once the caller gives up. */
struct floe_ahead {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t th;
    floe_ahead_fn fn;
    void *ctx;
    floe_block **blocks;
    uint64_t *bytes;
    size_t depth, head, count;
    bool done, stop;
    int err_code;
    char err_msg[1024];
};

static void *ahead_main(void *arg)
{
    floe_ahead *a = arg;
    int rc = 0;
    for (;;) {
        floe_block *b = NULL;
        uint64_t bytes = 0;
        if ((rc = a->fn(a->ctx, &b, &bytes)) < 0 || !b)
            break;
        pthread_mutex_lock(&a->mu);
        while (a->count == a->depth && !a->stop)
            pthread_cond_wait(&a->cv, &a->mu);
        if (a->stop) {
            pthread_mutex_unlock(&a->mu);
            floe_block_free(b);
            break;
        }
        size_t slot = (a->head + a->count) % a->depth;
        a->blocks[slot] = b;
        a->bytes[slot] = bytes;
        a->count++;
        pthread_cond_broadcast(&a->cv);
        pthread_mutex_unlock(&a->mu);
    }
    pthread_mutex_lock(&a->mu);
    if (rc < 0) {
        a->err_code = floe_error_code() ? floe_error_code() : FLOE_ERR_LOGICAL_ERROR;
        snprintf(a->err_msg, sizeof a->err_msg, "%s", floe_error_message());
    }
    a->done = true;
    pthread_cond_broadcast(&a->cv);
    pthread_mutex_unlock(&a->mu);
    floe_codec_thread_cleanup(); /* the codec contexts the reads made */
    return NULL;
}

int floe_ahead_start(floe_ahead **out, size_t depth, floe_ahead_fn fn, void *ctx)
{
    floe_ahead *a = floe_calloc(1, sizeof *a);
    a->depth = depth ? depth : 1;
    a->blocks = floe_calloc(a->depth, sizeof *a->blocks);
    a->bytes = floe_calloc(a->depth, sizeof *a->bytes);
    a->fn = fn;
    a->ctx = ctx;
    pthread_mutex_init(&a->mu, NULL);
    pthread_cond_init(&a->cv, NULL);
    if (pthread_create(&a->th, NULL, ahead_main, a) != 0) {
        pthread_cond_destroy(&a->cv);
        pthread_mutex_destroy(&a->mu);
        floe_free(a->blocks);
        floe_free(a->bytes);
        floe_free(a);
        return floe_error(FLOE_ERR_CANNOT_ALLOCATE_MEMORY, "Cannot start a thread to read ahead");
    }
    *out = a;
    return 0;
}

int floe_ahead_next(floe_ahead *a, floe_block **out, uint64_t *bytes)
{
    pthread_mutex_lock(&a->mu);
    while (a->count == 0 && !a->done)
        pthread_cond_wait(&a->cv, &a->mu);
    *out = NULL;
    int rc = 0;
    if (a->count) {
        *out = a->blocks[a->head];
        if (bytes)
            *bytes = a->bytes[a->head];
        a->blocks[a->head] = NULL;
        a->head = (a->head + 1) % a->depth;
        a->count--;
        pthread_cond_broadcast(&a->cv);
    } else if (a->err_code) {
        rc = floe_error(a->err_code, "%s", a->err_msg);
    }
    pthread_mutex_unlock(&a->mu);
    return rc;
}

void floe_ahead_stop(floe_ahead *a)
{
    if (!a)
        return;
    pthread_mutex_lock(&a->mu);
    a->stop = true;
    pthread_cond_broadcast(&a->cv);
    pthread_mutex_unlock(&a->mu);
    pthread_join(a->th, NULL);
    for (size_t i = 0; i < a->depth; i++)
        floe_block_free(a->blocks[i]);
    pthread_cond_destroy(&a->cv);
    pthread_mutex_destroy(&a->mu);
    floe_free(a->blocks);
    floe_free(a->bytes);
    floe_free(a);
}

int floe_ahead_op_next(void *op, floe_block **out, uint64_t *bytes)
{
    floe_op *o = op;
    *bytes = 0;
    return o->next(o, out);
}
