/*
 * The chunked writer S3 multipart uploads and Azure block uploads share: the
 * producer fills one chunk while earlier ones upload on background threads
 * (a bounded number in flight), a small object goes up in one request at
 * finish, and any failure or abort calls the backend's abort so nothing
 * partial stays at the destination.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "objstore/objstore_int.h"

#define GROW_EVERY 500u
#define MAX_CHUNK  (5ull << 30)

/* Invariant: chunks 0..nchunks-1 have been handed out: uploaded, or held by
 * a job that is queued or running; cur holds bytes of chunk nchunks. At most
 * njobs chunks are in flight, each on its own upload thread, so memory stays
 * at (njobs + 1) chunks. Once failed is set every call fails with the
 * recorded error. err_code, err_msg, jobs and the bg_ fields are guarded by
 * mu while threads run. */
#define MAX_JOBS 16

typedef struct job {
    floe_buf buf;
    unsigned idx;
    int state; /* JOB_FREE, JOB_QUEUED, JOB_RUNNING */
} job;

enum { JOB_FREE, JOB_QUEUED, JOB_RUNNING };

typedef struct chunk_writer {
    floe_objstore_writer base;
    const floe_chunk_ops *ops;
    void *ctx;
    uint64_t chunk_size;
    int njobs; /* 0: chunks upload on the producer's thread */
    unsigned flags;
    char *what;
    floe_buf cur;
    unsigned nchunks;
    int begun;
    int failed;
    int err_code;
    char err_msg[2048];

    pthread_mutex_t mu;
    pthread_cond_t cv;
    job jobs[MAX_JOBS];
    pthread_t threads[MAX_JOBS];
    int nthreads;
    int stop;
    int bg_failed; /* err_code / err_msg hold an upload thread's error */
} chunk_writer;

/* Copies this thread's error into the writer; the caller holds mu (an
 * upload thread) or no upload thread runs. */
static void remember_error_locked(chunk_writer *w)
{
    w->err_code = floe_error_code() ? floe_error_code() : FLOE_ERR_LOGICAL_ERROR;
    snprintf(w->err_msg, sizeof w->err_msg, "%s", floe_error_message());
}

/* The same from the producer, while upload threads may run. */
static void remember_error(chunk_writer *w)
{
    pthread_mutex_lock(&w->mu);
    remember_error_locked(w);
    pthread_mutex_unlock(&w->mu);
}

static int raise_error(chunk_writer *w)
{
    pthread_mutex_lock(&w->mu);
    floe_error(w->err_code, "%s", w->err_msg);
    pthread_mutex_unlock(&w->mu);
    return -1;
}

/* The queued job with the lowest chunk number, or NULL. Caller holds mu. */
static job *next_queued(chunk_writer *w)
{
    job *best = NULL;
    for (int i = 0; i < w->njobs; i++)
        if (w->jobs[i].state == JOB_QUEUED && (!best || w->jobs[i].idx < best->idx))
            best = &w->jobs[i];
    return best;
}

static void *upload_thread(void *arg)
{
    chunk_writer *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        job *j;
        while (!(j = next_queued(w)) && !w->stop)
            pthread_cond_wait(&w->cv, &w->mu);
        if (!j)
            break;
        j->state = JOB_RUNNING;
        int skip = w->bg_failed; /* after a failure the rest is moot */
        pthread_mutex_unlock(&w->mu);
        int rc = skip ? 0 : w->ops->upload(w->ctx, j->idx, j->buf.data, j->buf.len);
        pthread_mutex_lock(&w->mu);
        if (rc < 0 && !w->bg_failed) {
            remember_error_locked(w);
            w->bg_failed = 1;
        }
        floe_buf_clear(&j->buf);
        j->state = JOB_FREE;
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

static int busy_jobs(const chunk_writer *w)
{
    int n = 0;
    for (int i = 0; i < w->njobs; i++)
        n += w->jobs[i].state != JOB_FREE;
    return n;
}

/* Waits until no chunk is in flight. Returns -1 when an upload failed. */
static int wait_idle(chunk_writer *w)
{
    if (!w->nthreads)
        return 0;
    pthread_mutex_lock(&w->mu);
    while (busy_jobs(w))
        pthread_cond_wait(&w->cv, &w->mu);
    int failed = w->bg_failed;
    pthread_mutex_unlock(&w->mu);
    return failed ? -1 : 0;
}

static void stop_threads(chunk_writer *w)
{
    if (!w->nthreads)
        return;
    pthread_mutex_lock(&w->mu);
    w->stop = 1;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    for (int i = 0; i < w->nthreads; i++)
        pthread_join(w->threads[i], NULL);
    w->nthreads = 0;
}

/* Hands cur out as chunk nchunks. */
static int flush_chunk(chunk_writer *w)
{
    if (!w->begun) {
        if (w->ops->begin && w->ops->begin(w->ctx) < 0)
            goto fail;
        w->begun = 1;
    }
    if (!w->njobs) {
        if (w->ops->upload(w->ctx, w->nchunks, w->cur.data, w->cur.len) < 0)
            goto fail;
        w->nchunks++;
        floe_buf_clear(&w->cur);
        return 0;
    }
    pthread_mutex_lock(&w->mu);
    job *free_job = NULL;
    for (;;) {
        if (w->bg_failed)
            break;
        for (int i = 0; i < w->njobs && !free_job; i++)
            if (w->jobs[i].state == JOB_FREE)
                free_job = &w->jobs[i];
        if (free_job)
            break;
        pthread_cond_wait(&w->cv, &w->mu);
    }
    if (!free_job) {
        pthread_mutex_unlock(&w->mu);
        w->failed = 1;
        return raise_error(w);
    }
    /* one more thread while fewer run than chunks may be in flight */
    if (w->nthreads < w->njobs && busy_jobs(w) >= w->nthreads) {
        if (pthread_create(&w->threads[w->nthreads], NULL, upload_thread, w) == 0)
            w->nthreads++;
        else if (!w->nthreads) {
            /* no thread at all: upload on this one from now on */
            pthread_mutex_unlock(&w->mu);
            w->njobs = 0;
            return flush_chunk(w);
        }
    }
    floe_buf tmp = free_job->buf;
    free_job->buf = w->cur;
    w->cur = tmp;
    floe_buf_clear(&w->cur);
    free_job->idx = w->nchunks++;
    free_job->state = JOB_QUEUED;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    return 0;
fail:
    remember_error(w);
    w->failed = 1;
    return -1;
}

static int cancelled_error(chunk_writer *w)
{
    floe_error(FLOE_ERR_QUERY_WAS_CANCELLED, "Upload of %s was cancelled", w->what);
    remember_error(w);
    w->failed = 1;
    return -1;
}

static int cw_write(floe_objstore_writer *base, const void *p, size_t n)
{
    chunk_writer *w = (chunk_writer *)base;
    if (w->failed)
        return raise_error(w);
    if (atomic_load(&w->base.cancelled))
        return cancelled_error(w);
    const char *c = p;
    while (n) {
        size_t room = (size_t)(w->chunk_size - w->cur.len);
        size_t take = n < room ? n : room;
        if (!w->cur.cap)
            floe_buf_reserve(&w->cur, (size_t)w->chunk_size);
        floe_buf_append(&w->cur, c, take);
        c += take;
        n -= take;
        w->base.bytes += take;
        if (w->cur.len == w->chunk_size) {
            if (flush_chunk(w) < 0)
                return -1;
            /* as ClickHouse does (s3_upload_part_size_multiply_factor and
             * _parts_count_threshold): big objects get bigger parts so
             * they stay within S3's 10,000 parts */
            if (w->nchunks % GROW_EVERY == 0 && w->chunk_size < MAX_CHUNK)
                w->chunk_size = w->chunk_size * 2 < MAX_CHUNK ? w->chunk_size * 2 : MAX_CHUNK;
        }
    }
    return 0;
}

static void cw_free(chunk_writer *w)
{
    stop_threads(w);
    if (w->ops->free)
        w->ops->free(w->ctx);
    floe_buf_free(&w->cur);
    for (int i = 0; i < MAX_JOBS; i++)
        floe_buf_free(&w->jobs[i].buf);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    floe_free(w->what);
    floe_free(w);
}

static void cw_abort(floe_objstore_writer *base)
{
    chunk_writer *w = (chunk_writer *)base;
    stop_threads(w);
    if (w->begun && w->ops->abort)
        w->ops->abort(w->ctx);
    cw_free(w);
}

static int check_no_overwrite(chunk_writer *w)
{
    /* a backend without exists makes its commit conditional instead */
    if (!(w->flags & FLOE_OBJSTORE_NO_OVERWRITE) || !w->ops->exists)
        return 0;
    int exists = 0;
    if (w->ops->exists(w->ctx, &exists) < 0)
        return -1;
    if (exists)
        return floe_error(FLOE_ERR_FILE_ALREADY_EXISTS, "Object %s already exists", w->what);
    return 0;
}

static int cw_finish(floe_objstore_writer *base)
{
    chunk_writer *w = (chunk_writer *)base;
    int rc = -1;
    if (w->failed) {
        raise_error(w);
        goto fail;
    }
    if (atomic_load(&w->base.cancelled)) {
        cancelled_error(w);
        goto fail;
    }
    if (!w->begun) {
        if (check_no_overwrite(w) < 0)
            goto fail;
        if (w->ops->put_whole(w->ctx, w->cur.data ? w->cur.data : "", w->cur.len) < 0)
            goto fail;
        cw_free(w);
        return 0;
    }
    if (w->cur.len && flush_chunk(w) < 0)
        goto fail;
    if (wait_idle(w) < 0) {
        raise_error(w);
        goto fail;
    }
    stop_threads(w);
    if (check_no_overwrite(w) < 0)
        goto fail;
    if (w->ops->commit(w->ctx, w->nchunks) < 0)
        goto fail;
    cw_free(w);
    return 0;
fail:
    /* keep the error of the failure, not of the cleanup */
    remember_error(w);
    stop_threads(w);
    if (w->begun && w->ops->abort)
        w->ops->abort(w->ctx);
    floe_error(w->err_code, "%s", w->err_msg);
    cw_free(w);
    return rc;
}

static const floe_objstore_writer_vt chunk_writer_vt = {cw_write, cw_finish, cw_abort};

const atomic_int *floe_chunk_writer_cancel_flag(floe_objstore_writer *w)
{
    return &w->cancelled;
}

floe_objstore_writer *floe_chunk_writer_new(const floe_chunk_ops *ops, void *ctx,
                                            uint64_t chunk_size, int inflight, unsigned flags,
                                            const char *what)
{
    chunk_writer *w = floe_calloc(1, sizeof *w);
    w->base.vt = &chunk_writer_vt;
    w->ops = ops;
    w->ctx = ctx;
    w->chunk_size = chunk_size ? chunk_size : FLOE_OBJSTORE_DEFAULT_PART_SIZE;
    w->njobs = inflight < 0 ? 0 : inflight > MAX_JOBS ? MAX_JOBS : inflight;
    w->flags = flags;
    w->what = floe_strdup(what);
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    return &w->base;
}
