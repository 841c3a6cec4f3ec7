/*
 * The background thread behind background.h. Tables are held weakly: the
 * thread takes a reference only while the table's count is above zero
 * (a compare-and-swap), so a table being freed is never revived.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "compress/codec.h"
#include "storage/mergetree/background.h"

typedef struct bg_entry {
    floe_table *t;
    floe_bg_step_fn step;
    bool merges_stopped;
} bg_entry;

static pthread_mutex_t bg_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t bg_cv = PTHREAD_COND_INITIALIZER;
static bg_entry *entries;
static size_t n_entries, cap_entries;
static bool running, stopping, all_stopped;
static pthread_t thread;

static bool try_ref(floe_table *t)
{
    int r = atomic_load(&t->refs);
    while (r > 0)
        if (atomic_compare_exchange_weak(&t->refs, &r, r + 1))
            return true;
    return false;
}

static void *bg_main(void *arg)
{
    (void)arg;
    size_t next = 0;
    pthread_mutex_lock(&bg_mu);
    while (!stopping) {
        floe_table *t = NULL;
        floe_bg_step_fn step = NULL;
        if (n_entries) {
            next %= n_entries;
            if (try_ref(entries[next].t)) {
                t = entries[next].t;
                step = entries[next].step;
            }
            next++;
        }
        int did = 0;
        if (t) {
            pthread_mutex_unlock(&bg_mu);
            did = step(t);
            floe_table_unref(t); /* may free t, which unregisters under bg_mu */
            pthread_mutex_lock(&bg_mu);
        }
        if (did > 0 || (n_entries && next < n_entries))
            continue;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 300 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&bg_cv, &bg_mu, &ts);
    }
    pthread_mutex_unlock(&bg_mu);
    floe_codec_thread_cleanup(); /* the codec contexts merges and mutations made */
    return NULL;
}

void floe_bg_register(floe_table *t, floe_bg_step_fn step)
{
    pthread_mutex_lock(&bg_mu);
    /* a table object that replaces another (an ALTER) keeps its stopped
     * merges */
    bool stopped = false;
    for (size_t i = 0; i < n_entries; i++)
        if (entries[i].merges_stopped && t->db && t->name && entries[i].t->db &&
            entries[i].t->name && strcmp(entries[i].t->db, t->db) == 0 &&
            strcmp(entries[i].t->name, t->name) == 0)
            stopped = true;
    FLOE_GROW(entries, cap_entries, n_entries + 1);
    entries[n_entries++] = (bg_entry){t, step, stopped};
    if (!running) {
        stopping = false;
        if (pthread_create(&thread, NULL, bg_main, NULL) == 0)
            running = true;
    }
    pthread_mutex_unlock(&bg_mu);
}

void floe_bg_unregister(floe_table *t)
{
    pthread_mutex_lock(&bg_mu);
    for (size_t i = 0; i < n_entries; i++)
        if (entries[i].t == t) {
            entries[i] = entries[--n_entries];
            break;
        }
    pthread_mutex_unlock(&bg_mu);
}

void floe_bg_set_merges(floe_table *t, bool enabled)
{
    pthread_mutex_lock(&bg_mu);
    if (!t)
        all_stopped = !enabled;
    for (size_t i = 0; i < n_entries; i++)
        if (!t || entries[i].t == t)
            entries[i].merges_stopped = !enabled;
    pthread_mutex_unlock(&bg_mu);
}

bool floe_bg_merges_enabled(const floe_table *t)
{
    pthread_mutex_lock(&bg_mu);
    bool r = !all_stopped;
    for (size_t i = 0; i < n_entries; i++)
        if (entries[i].t == t && entries[i].merges_stopped)
            r = false;
    pthread_mutex_unlock(&bg_mu);
    return r;
}

void floe_bg_shutdown(void)
{
    pthread_mutex_lock(&bg_mu);
    if (!running) {
        pthread_mutex_unlock(&bg_mu);
        return;
    }
    stopping = true;
    pthread_cond_broadcast(&bg_cv);
    pthread_mutex_unlock(&bg_mu);
    pthread_join(thread, NULL);
    pthread_mutex_lock(&bg_mu);
    running = false;
    if (n_entries == 0) {
        floe_free(entries);
        entries = NULL;
        cap_entries = 0;
    }
    pthread_mutex_unlock(&bg_mu);
}
