/*
 * EXPORT PART and EXPORT PARTITION (see export.h). The statement checks
 * everything it can before anything runs, then queues one task per part on
 * the export pool and returns; a task reads the part (which it holds a
 * reference to, so a merge or DROP can't take it away), writes Parquet into
 * a temporary file beside the destination and renames it into place.
 *
 * The pool is server-wide: background_export_pool_size workers take tasks,
 * and max_exports_bandwidth_for_server caps how fast all of them together
 * read parts (both set by the statement that queues exports). KILL EXPORT
 * WHERE cond cancels queued and running exports; a cancelled export leaves
 * nothing at its destination.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/mem.h"
#include "exec/read_ahead.h"
#include "ops/alter.h"
#include "ops/export.h"
#include "ops/part_log.h"
#include "objstore/objstore.h"
#include "parquet/writer.h"
#include "storage/lake/lake_common.h"
#include "storage/mergetree/mergetree.h"
#include "storage/mergetree/mergetree_int.h"
#include "storage/mergetree/mutations.h"
#include "types/cast.h"
#include "types/serialize.h"

#define EXPORT_POOL_MAX 64

typedef struct export_task {
    struct export_task *next;
    floe_table *src, *dst; /* referenced */
    floe_part *part;       /* referenced */
    floe_objstore *store;  /* the destination's storage (owned) */
    char *key;             /* the file's key in it: hive path and file name */
    bool overwrite;
    size_t n_cols;
    size_t *cols; /* source table columns written to the file */
    floe_parquet_options popts;
    floe_parquet_sorting_column *sorting;
    floe_export_status status;
    double started;
    uint64_t id;           /* sequence number: tells tasks apart after they end */
    uint64_t file_bytes;   /* the size of the file written */
    atomic_bool cancelled; /* KILL EXPORT asked this one to stop */
} export_task;

static pthread_mutex_t ex_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ex_cv = PTHREAD_COND_INITIALIZER;      /* work or shutdown */
static pthread_cond_t ex_idle_cv = PTHREAD_COND_INITIALIZER; /* a task finished */
static export_task *queue_head, *queue_tail;
static export_task *running[EXPORT_POOL_MAX];
static size_t n_queued;
static size_t n_workers;
static size_t pool_size = 2; /* workers with a slot below it take tasks */
static uint64_t next_id;
static floe_export_counters counters;
/* Set from a signal handler (Ctrl-C): every export stops. */
static atomic_bool cancel_all;
/* The throttle on what all exports read together: bytes per second (0 =
 * none) and what was read since the exports started running. */
static uint64_t thr_rate;
static double thr_start;
static uint64_t thr_bytes;

static void task_free(export_task *t)
{
    if (!t)
        return;
    floe_part_unref(t->part);
    floe_table_unref(t->src);
    floe_table_unref(t->dst);
    floe_objstore_free(t->store);
    floe_free(t->key);
    floe_free(t->cols);
    floe_free(t->sorting);
    floe_free(t);
}

/* Percent-encodes what is not safe in a path segment. */
static void path_escape(floe_buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '_' || c == '-' || c == '.' || c == '(' || c == ')' || c == ',' || c == ' ')
            floe_buf_putc(out, (char)c);
        else {
            floe_buf_putc(out, '%');
            floe_buf_putc(out, hex[c >> 4]);
            floe_buf_putc(out, hex[c & 15]);
        }
    }
}

/* ---- the work ---- */

static int check_cancelled(export_task *t)
{
    if (atomic_load(&t->cancelled) || atomic_load(&cancel_all))
        return floe_error(FLOE_ERR_QUERY_WAS_CANCELLED, "Export of part %s was cancelled",
                          t->part->name);
    return 0;
}

/* Counts bytes read against max_exports_bandwidth_for_server and sleeps
 * until reading them fits the rate (waking for cancellation). */
static int throttle(export_task *t, uint64_t bytes)
{
    pthread_mutex_lock(&ex_mu);
    double wait = 0;
    if (thr_rate) {
        double now = floe_clock_seconds();
        if (thr_start == 0)
            thr_start = now;
        thr_bytes += bytes;
        counters.throttler_bytes += bytes;
        wait = (double)thr_bytes / (double)thr_rate - (now - thr_start);
        if (wait > 0)
            counters.throttler_sleep_us += (uint64_t)(wait * 1e6);
    }
    pthread_mutex_unlock(&ex_mu);
    while (wait > 0) {
        if (check_cancelled(t) < 0)
            return -1;
        double step = wait < 0.05 ? wait : 0.05;
        struct timespec ts = {0, (long)(step * 1e9)};
        nanosleep(&ts, NULL);
        wait -= step;
    }
    return check_cancelled(t);
}

/*
 * Reading ahead: a thread reads the part's granules (applying pending
 * mutations), PREFETCH_DEPTH blocks ahead, while the export's own thread
 * encodes Parquet, so reading and encoding overlap.
 */
#define PREFETCH_DEPTH    2
#define PREFETCH_GRANULES 8

typedef struct prefetch {
    export_task *t;
    floe_mt *m;
    floe_part_reader **readers;
    const size_t *rcols;
    const char **names;
    const floe_type **types;
    size_t n_read;
    const floe_mt_pending *pending;
    const char **out_names;
    size_t next_granule;
} prefetch;

/* The next PREFETCH_GRANULES granules as the block the file takes (the
 * producer, on the reading thread). */
static int read_block(void *ctx, floe_block **out, uint64_t *bytes)
{
    prefetch *pf = ctx;
    export_task *t = pf->t;
    const floe_part *p = t->part;
    *out = NULL;
    *bytes = 0;
    if (pf->next_granule >= p->marks)
        return 0;
    if (check_cancelled(t) < 0)
        return -1;
    size_t g = pf->next_granule;
    size_t n = p->marks - g < PREFETCH_GRANULES ? (size_t)p->marks - g : PREFETCH_GRANULES;
    pf->next_granule += n;
    floe_block *b = NULL;
    if (floe_mt_read_batch(&b, bytes, pf->m, t->part, 0, pf->readers, pf->rcols, pf->names,
                           pf->types, pf->n_read, g, n) < 0)
        return -1;
    if (pf->pending) {
        if (floe_mt_pending_apply(pf->pending, pf->m, b) < 0) {
            floe_block_free(b);
            return -1;
        }
        /* the written columns, taken out of the whole row set */
        floe_block *ob = floe_block_new();
        for (size_t i = 0; i < t->n_cols; i++) {
            floe_block_add(ob, pf->out_names[i], b->cols[t->cols[i]]);
            b->cols[t->cols[i]] = NULL;
        }
        ob->rows = b->rows;
        floe_block_free(b);
        b = ob;
    }
    *out = b;
    return 0;
}

static int write_export(export_task *t)
{
    floe_mt *m = floe_mt_of(t->src);
    floe_objstore_writer *ow = NULL;
    if (!t->overwrite) {
        int exists = 0;
        floe_objstore_stat st;
        if (floe_objstore_head(&exists, &st, t->store, t->key) < 0)
            return -1;
        if (exists) {
            pthread_mutex_lock(&ex_mu);
            counters.duplicated++;
            pthread_mutex_unlock(&ex_mu);
            return floe_error(FLOE_ERR_FILE_ALREADY_EXISTS,
                              "File %s already exists (set export_merge_tree_part_overwrite_file_"
                              "if_exists = 1 to overwrite it)",
                              t->status.destination_file_path);
        }
    }
    /* what an export killed earlier left in this directory goes first */
    {
        const char *slash = strrchr(t->key, '/');
        char *prefix = floe_strndup(t->key, slash ? (size_t)(slash - t->key + 1) : 0);
        if (floe_objstore_sweep(NULL, t->store, prefix) < 0)
            floe_error_clear();
        floe_free(prefix);
    }
    if (floe_objstore_open_writer(&ow, t->store, t->key,
                                  t->overwrite ? 0 : FLOE_OBJSTORE_NO_OVERWRITE) < 0)
        return -1;
    floe_parquet_writer *w = NULL;
    /* mutations the part has not taken yet are applied to what is read:
     * then every column is read (their conditions may name any) */
    floe_mt_pending *pending = NULL;
    size_t n_all = t->src->n_cols;
    size_t *all_cols = floe_calloc(n_all + 1, sizeof *all_cols);
    for (size_t c = 0; c < n_all; c++)
        all_cols[c] = c;
    floe_part_reader **readers = floe_calloc(n_all + 1, sizeof *readers);
    const char **names = floe_calloc(n_all + 1, sizeof *names);
    const floe_type **types = floe_calloc(n_all + 1, sizeof *types);
    const char **out_names = floe_calloc(t->n_cols + 1, sizeof *out_names);
    const floe_type **out_types = floe_calloc(t->n_cols + 1, sizeof *out_types);
    int rc = -1;
    if (floe_mt_pending_get(&pending, m, t->part) < 0)
        goto done;
    const size_t *rcols = pending ? all_cols : t->cols;
    size_t n_read = pending ? n_all : t->n_cols;
    for (size_t i = 0; i < n_read; i++) {
        names[i] = t->src->cols[rcols[i]].name;
        types[i] = t->src->cols[rcols[i]].type;
    }
    for (size_t i = 0; i < t->n_cols; i++) {
        out_names[i] = t->src->cols[t->cols[i]].name;
        out_types[i] = t->src->cols[t->cols[i]].type;
    }
    if (floe_mt_open_readers(readers, m, t->part, rcols, n_read) < 0)
        goto done;
    if (floe_parquet_writer_new(&w, t->n_cols, out_names, out_types, &t->popts,
                                floe_objstore_writer_sink(ow)) < 0)
        goto done;
    /* batches of granules read ahead on a second thread: memory holds
     * PREFETCH_DEPTH + 1 batches plus the writer's row group */
    prefetch pf = {t, m, readers, rcols, names, types, n_read, pending, out_names, 0};
    floe_ahead *ahead = NULL;
    if (floe_ahead_start(&ahead, PREFETCH_DEPTH, read_block, &pf) < 0)
        goto done;
    size_t done_rows = 0;
    int xrc = 0;
    for (;;) {
        floe_block *b = NULL;
        uint64_t bytes = 0;
        if ((xrc = check_cancelled(t)) < 0 || (xrc = floe_ahead_next(ahead, &b, &bytes)) < 0 || !b)
            break;
        done_rows += b->rows;
        uint64_t batch_memory = 0;
        for (size_t c = 0; c < b->n_cols; c++)
            batch_memory += floe_column_bytes(b->cols[c]);
        xrc = floe_parquet_writer_add_block(w, b);
        floe_block_free(b);
        if (xrc < 0)
            break;
        pthread_mutex_lock(&ex_mu);
        t->status.rows_read = done_rows;
        t->status.bytes_read_uncompressed += bytes;
        t->status.elapsed = floe_clock_seconds() - t->started;
        /* what the export holds: the batches read ahead and a row group */
        t->status.memory_usage =
            (PREFETCH_DEPTH + 1) * batch_memory + floe_parquet_writer_memory(w);
        if (t->status.memory_usage > t->status.peak_memory_usage)
            t->status.peak_memory_usage = t->status.memory_usage;
        pthread_mutex_unlock(&ex_mu);
        if ((xrc = throttle(t, bytes)) < 0)
            break;
    }
    floe_ahead_stop(ahead);
    if (xrc < 0)
        goto done;
    if (floe_parquet_writer_finish(w) < 0)
        goto done;
    t->file_bytes = floe_objstore_writer_bytes(ow);
    /* the object appears whole or not at all: rename for a local file, the
     * multipart commit for S3, the block list for Azure */
    if (floe_objstore_writer_finish(ow) < 0) {
        ow = NULL;
        goto done;
    }
    ow = NULL;
    rc = 0;
done:
    floe_parquet_writer_free(w);
    if (ow)
        floe_objstore_writer_abort(ow);
    for (size_t i = 0; i < n_all; i++)
        floe_part_reader_free(readers[i]);
    floe_free(readers);
    floe_free(names);
    floe_free(types);
    floe_free(out_names);
    floe_free(out_types);
    floe_free(all_cols);
    floe_mt_pending_free(pending);
    return rc;
}

/* The part_log row of a finished export; msg is the error's text or "". */
static void log_export(export_task *t, int64_t started_us, int code, const char *msg)
{
    floe_buf partition = FLOE_BUF_INIT;
    floe_partition_text(&partition, floe_mergetree_partition_key(t->src), t->part->partition, 0);
    floe_part_event e = {0};
    e.type = FLOE_PART_EVENT_EXPORT;
    e.database = t->src->db;
    e.table = t->src->name;
    e.part_name = t->part->name;
    e.partition_id = t->part->info.partition_id;
    e.partition = partition.data ? partition.data : "";
    e.path = t->status.destination_file_path;
    e.start_us = started_us;
    e.duration_ms = (uint64_t)(floe_clock_realtime_us() - started_us) / 1000;
    e.rows = t->status.rows_read;
    e.size_in_bytes = t->file_bytes;
    e.read_rows = t->status.rows_read;
    e.read_bytes = t->status.bytes_read_uncompressed;
    e.peak_memory_usage = t->status.peak_memory_usage;
    e.error = (uint16_t)code;
    e.exception = msg;
    floe_part_event_emit(&e);
    floe_buf_free(&partition);
}

static void *worker(void *arg)
{
    size_t slot = (size_t)(uintptr_t)arg;
    pthread_mutex_lock(&ex_mu);
    for (;;) {
        while (!queue_head || slot >= pool_size)
            pthread_cond_wait(&ex_cv, &ex_mu);
        export_task *t = queue_head;
        queue_head = t->next;
        if (!queue_head)
            queue_tail = NULL;
        running[slot] = t;
        if (counters.running == 0) {
            /* the throttle counts from when exports start running again */
            thr_start = 0;
            thr_bytes = 0;
        }
        counters.running++;
        t->started = floe_clock_seconds();
        pthread_mutex_unlock(&ex_mu);
        int64_t started_us = floe_clock_realtime_us();
        int rc = write_export(t);
        if (rc < 0) {
            char msg[4096];
            floe_error_format(msg, sizeof msg);
            fprintf(stderr, "floe: export of part %s to %s.%s failed: %s\n", t->part->name,
                    t->dst->db, t->dst->name, msg);
            log_export(t, started_us, floe_error_code(), msg);
            floe_error_clear();
        } else {
            log_export(t, started_us, 0, "");
        }
        pthread_mutex_lock(&ex_mu);
        counters.running--;
        counters.total_ms += (uint64_t)((floe_clock_seconds() - t->started) * 1000);
        if (rc < 0 && (atomic_load(&t->cancelled) || atomic_load(&cancel_all)))
            counters.cancelled++;
        if (rc < 0)
            counters.failures++;
        else
            counters.exports++;
        running[slot] = NULL;
        n_queued--;
        pthread_cond_broadcast(&ex_idle_cv);
        pthread_mutex_unlock(&ex_mu);
        task_free(t);
        pthread_mutex_lock(&ex_mu);
    }
    return NULL;
}

/* Queues t; the pool takes size workers and the throttle rate bytes/s
 * from now on. */
static void enqueue(export_task *t, size_t size, uint64_t rate)
{
    pthread_mutex_lock(&ex_mu);
    pool_size = size < 1 ? 1 : size > EXPORT_POOL_MAX ? EXPORT_POOL_MAX : size;
    if (rate != thr_rate) {
        thr_rate = rate;
        thr_start = 0;
        thr_bytes = 0;
    }
    t->id = ++next_id;
    while (n_workers < pool_size) {
        pthread_t th;
        if (pthread_create(&th, NULL, worker, (void *)(uintptr_t)n_workers) != 0)
            break;
        pthread_detach(th);
        n_workers++;
    }
    t->next = NULL;
    if (queue_tail)
        queue_tail->next = t;
    else
        queue_head = t;
    queue_tail = t;
    n_queued++;
    pthread_cond_broadcast(&ex_cv);
    pthread_mutex_unlock(&ex_mu);
}

void floe_ops_export_wait_all(void)
{
    pthread_mutex_lock(&ex_mu);
    while (n_queued)
        pthread_cond_wait(&ex_idle_cv, &ex_mu);
    atomic_store(&cancel_all, false);
    pthread_mutex_unlock(&ex_mu);
}

void floe_ops_export_cancel_all(void)
{
    atomic_store(&cancel_all, true);
}

floe_export_status *floe_ops_exports_list(size_t *n)
{
    pthread_mutex_lock(&ex_mu);
    floe_export_status *r = floe_calloc(EXPORT_POOL_MAX + 1, sizeof *r);
    size_t k = 0;
    for (size_t i = 0; i < EXPORT_POOL_MAX; i++)
        if (running[i]) {
            r[k] = running[i]->status;
            r[k].elapsed = floe_clock_seconds() - running[i]->started;
            k++;
        }
    pthread_mutex_unlock(&ex_mu);
    *n = k;
    return r;
}

void floe_ops_export_counters(floe_export_counters *out)
{
    pthread_mutex_lock(&ex_mu);
    *out = counters;
    pthread_mutex_unlock(&ex_mu);
}

/* ---- checks and planning ---- */

static bool same_text(const floe_ast *a, const floe_ast *b)
{
    if (!a || !b)
        return !a && !b;
    floe_buf x = FLOE_BUF_INIT, y = FLOE_BUF_INIT;
    floe_ast_format(&x, a, true);
    floe_ast_format(&y, b, true);
    bool r = x.len == y.len && (x.len == 0 || memcmp(x.data, y.data, x.len) == 0);
    floe_buf_free(&x);
    floe_buf_free(&y);
    return r;
}

/* Is the destination a table exports can write to (File, S3 or
 * AzureBlobStorage with Parquet files and hive partitioning)? */
static int check_destination(const floe_table *dst)
{
    floe_lake_destination d;
    if (floe_lake_resolve_destination(&d, dst) < 0)
        return -1;
    int rc = 0;
    if (strcasecmp(d.format, "Parquet") != 0)
        rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                        "Exports write Parquet; destination table %s.%s has format %s", dst->db,
                        dst->name, d.format);
    else if (d.strategy == FLOE_LAKE_PARTITION_WILDCARD)
        rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                        "Destination storage %s does not support MergeTree parts or uses "
                        "unsupported partitioning",
                        dst->engine);
    floe_lake_destination_free(&d);
    return rc;
}

/* The i-th column that is stored (not ALIAS), or NULL past the last. */
static const floe_table_column *physical(const floe_table *t, size_t i)
{
    for (size_t c = 0; c < t->n_cols; c++)
        if (t->cols[c].default_kind != FLOE_COLUMN_ALIAS && i-- == 0)
            return &t->cols[c];
    return NULL;
}

static int check_structure(const floe_table *src, const floe_table *dst)
{
    /* the physical columns match in name, type and order */
    bool same = true;
    for (size_t i = 0; same; i++) {
        const floe_table_column *a = physical(src, i), *b = physical(dst, i);
        if (!a || !b) {
            same = !a && !b;
            break;
        }
        same = strcmp(a->name, b->name) == 0 && a->type == b->type;
    }
    if (!same)
        return floe_error(FLOE_ERR_INCOMPATIBLE_COLUMNS,
                          "Tables have different structure: %s.%s and %s.%s", src->db, src->name,
                          dst->db, dst->name);
    if (!same_text(src->create->u.create_table.partition_by,
                   dst->create->u.create_table.partition_by))
        return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                          "Tables have different partition key: %s.%s and %s.%s", src->db,
                          src->name, dst->db, dst->name);
    return 0;
}

static bool already_exporting(const floe_part *p, const floe_table *dst)
{
    bool r = false;
    pthread_mutex_lock(&ex_mu);
    for (export_task *t = queue_head; t && !r; t = t->next)
        r = t->dst == dst && strcmp(t->part->name, p->name) == 0;
    for (size_t i = 0; i < EXPORT_POOL_MAX && !r; i++)
        r = running[i] && running[i]->dst == dst && strcmp(running[i]->part->name, p->name) == 0;
    pthread_mutex_unlock(&ex_mu);
    return r;
}

/* Builds the task of exporting part p (referenced by the caller) of src to dst. */
static export_task *plan_task(floe_stmt *st, floe_table *src, floe_table *dst, floe_part *p,
                              floe_lake_destination *d)
{
    const floe_partition_key *key = floe_mergetree_partition_key(src);
    export_task *t = floe_calloc(1, sizeof *t);
    t->store = d->store;
    d->store = NULL;
    floe_table_ref(src);
    floe_table_ref(dst);
    floe_part_ref(p);
    t->src = src;
    t->dst = dst;
    t->part = p;
    t->overwrite =
        floe_settings_bool(st->settings, "export_merge_tree_part_overwrite_file_if_exists");
    /* hive path: <key>=<value>/ per key element; plain key columns stay out
     * of the file */
    floe_buf dir = FLOE_BUF_INIT;
    floe_buf_puts(&dir, d->root ? d->root : "");
    bool *in_path = floe_calloc(src->n_cols + 1, sizeof *in_path);
    floe_text_options to = FLOE_TEXT_OPTIONS_INIT;
    for (size_t k = 0; k < key->n; k++) {
        floe_buf name = FLOE_BUF_INIT, value = FLOE_BUF_INIT;
        floe_ast_column_name(&name, key->exprs[k]);
        floe_text_write(&value, p->partition[k], 0, FLOE_TEXT_PLAIN, &to);
        path_escape(&dir, name.data ? name.data : "", name.len);
        floe_buf_putc(&dir, '=');
        path_escape(&dir, value.data ? value.data : "", value.len);
        floe_buf_putc(&dir, '/');
        if (key->exprs[k]->kind == FLOE_AST_IDENT && !d->partition_columns_in_data_file) {
            int c = floe_table_find_column(src, key->exprs[k]->u.ident.parts[0]);
            if (c >= 0)
                in_path[c] = true;
        }
        floe_buf_free(&name);
        floe_buf_free(&value);
    }
    floe_buf_printf(&dir, "%s_%016llX%016llX.parquet", p->name,
                    (unsigned long long)p->hash_of_all_files.high,
                    (unsigned long long)p->hash_of_all_files.low);
    t->key = floe_buf_detach(&dir, NULL);
    t->cols = floe_malloc((src->n_cols + 1) * sizeof *t->cols);
    for (size_t c = 0; c < src->n_cols; c++)
        if (!in_path[c] && src->cols[c].default_kind != FLOE_COLUMN_ALIAS)
            t->cols[t->n_cols++] = c;
    floe_free(in_path);
    /* Parquet settings; row groups made of whole granules */
    floe_parquet_options po = FLOE_PARQUET_OPTIONS_INIT;
    const char *codec = floe_settings_str(st->settings, "output_format_parquet_compression_method");
    if (codec && floe_parquet_codec_parse(&po.codec, codec) < 0)
        floe_error_clear();
    po.level = (int)floe_settings_u64(st->settings, "output_format_compression_level");
    uint64_t rg = floe_settings_u64(st->settings, "output_format_parquet_row_group_size");
    uint64_t granule = p->marks ? p->granule_rows[0] : 8192;
    if (granule && rg > granule)
        rg = rg / granule * granule;
    po.row_group_rows = rg ? rg : po.row_group_rows;
    uint64_t rgb = floe_settings_u64(st->settings, "output_format_parquet_row_group_size_bytes");
    if (rgb)
        po.row_group_bytes = rgb;
    po.max_threads = st->ctx.settings.max_threads;
    /* sorting_columns: the ORDER BY prefix made of plain written columns */
    const floe_ast *ob = src->create->u.create_table.order_by;
    const floe_ast *const *keys = &ob;
    size_t n_keys = ob ? 1 : 0;
    if (ob && ob->kind == FLOE_AST_FUNC && strcmp(ob->u.func.name, "tuple") == 0) {
        keys = (const floe_ast *const *)ob->u.func.args;
        n_keys = ob->u.func.n_args;
    }
    t->sorting = floe_calloc(n_keys + 1, sizeof *t->sorting);
    size_t ns = 0;
    for (size_t k = 0; k < n_keys; k++) {
        if (keys[k]->kind != FLOE_AST_IDENT)
            break;
        int c = floe_table_find_column(src, keys[k]->u.ident.parts[0]);
        size_t pos = SIZE_MAX;
        for (size_t i = 0; i < t->n_cols; i++)
            if (c >= 0 && t->cols[i] == (size_t)c)
                pos = i;
        if (pos == SIZE_MAX)
            break;
        t->sorting[ns].column = (uint32_t)pos;
        t->sorting[ns].descending = false;
        t->sorting[ns].nulls_first = false;
        ns++;
    }
    po.sorting = t->sorting;
    po.n_sorting = ns;
    t->popts = po;
    /* status */
    floe_export_status *s = &t->status;
    snprintf(s->source_database, sizeof s->source_database, "%s", src->db);
    snprintf(s->source_table, sizeof s->source_table, "%s", src->name);
    snprintf(s->destination_database, sizeof s->destination_database, "%s", dst->db);
    snprintf(s->destination_table, sizeof s->destination_table, "%s", dst->name);
    snprintf(s->part_name, sizeof s->part_name, "%s", p->name);
    char *loc = floe_objstore_location(t->store, t->key);
    snprintf(s->destination_file_path, sizeof s->destination_file_path, "%s", loc ? loc : t->key);
    floe_free(loc);
    s->create_time = (int64_t)time(NULL);
    s->total_rows_to_read = p->rows;
    s->total_size_bytes_compressed = p->compressed_bytes;
    s->total_size_bytes_uncompressed = p->uncompressed_bytes;
    return t;
}

int floe_ops_alter_export(floe_stmt *st, floe_table *src, const floe_ast *cmd)
{
    if (cmd->u.alter_cmd.type == FLOE_ALTER_CONVERT_PARTITION)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "CONVERT PARTITION is not implemented yet");
    if (!floe_settings_bool(st->settings, "allow_experimental_export_merge_tree_part"))
        return floe_error(FLOE_ERR_SUPPORT_IS_DISABLED,
                          "Exporting merge tree part is experimental. Set "
                          "`allow_experimental_export_merge_tree_part` setting to enable it");
    if (!floe_mergetree_is(src))
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Table %s.%s is not a MergeTree table: only MergeTree parts can be "
                          "exported",
                          src->db, src->name);
    if (floe_settings_u64(st->settings, "export_merge_tree_part_max_bytes_per_file") ||
        floe_settings_u64(st->settings, "export_merge_tree_part_max_rows_per_file"))
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Splitting an exported part into several files "
                          "(export_merge_tree_part_max_bytes_per_file, "
                          "export_merge_tree_part_max_rows_per_file) is not implemented");
    const floe_ast_qname *to = &cmd->u.alter_cmd.to_table;
    const char *db = to->db ? to->db : st->session->database;
    floe_table *dst = NULL;
    if (floe_catalog_get_table(&dst, st->session->db->catalog, db, to->name) < 0)
        return -1;
    int rc = -1;
    floe_part **parts = NULL;
    size_t n_parts = 0;
    export_task **tasks = NULL;
    if (dst == src) {
        floe_error(FLOE_ERR_BAD_ARGUMENTS, "Exporting to the same table is not allowed");
        goto done;
    }
    if (check_destination(dst) < 0 || check_structure(src, dst) < 0)
        goto done;
    size_t n_all;
    floe_part **all = floe_mergetree_parts(src, &n_all, false);
    parts = floe_calloc(n_all + 1, sizeof *parts);
    const floe_ast *pn = cmd->u.alter_cmd.partition;
    if (cmd->u.alter_cmd.type == FLOE_ALTER_EXPORT_PART) {
        const char *name = pn ? pn->u.partition.name : NULL;
        for (size_t i = 0; i < n_all; i++)
            if (name && strcmp(all[i]->name, name) == 0)
                parts[n_parts++] = all[i];
            else
                floe_part_unref(all[i]);
        if (n_parts == 0) {
            floe_error(FLOE_ERR_NO_SUCH_DATA_PART,
                       "No such data part '%s' to export in table "
                       "%s.%s",
                       name ? name : "", src->db, src->name);
            floe_free(all);
            goto done;
        }
    } else {
        char id[160] = "";
        bool all_parts = pn && pn->u.partition.kind == FLOE_PARTITION_ALL;
        if (!all_parts && src->ops->partition_id(src, pn, id, sizeof id) < 0) {
            for (size_t i = 0; i < n_all; i++)
                floe_part_unref(all[i]);
            floe_free(all);
            goto done;
        }
        for (size_t i = 0; i < n_all; i++)
            if (all_parts || strcmp(all[i]->info.partition_id, id) == 0)
                parts[n_parts++] = all[i];
            else
                floe_part_unref(all[i]);
    }
    floe_free(all);
    for (size_t i = 0; i < n_parts; i++)
        if (already_exporting(parts[i], dst)) {
            floe_error(FLOE_ERR_BAD_ARGUMENTS,
                       "Data part '%s' is already being exported to table %s.%s", parts[i]->name,
                       dst->db, dst->name);
            goto done;
        }
    tasks = floe_calloc(n_parts + 1, sizeof *tasks);
    for (size_t i = 0; i < n_parts; i++) {
        floe_lake_destination d;
        if (floe_lake_resolve_destination(&d, dst) < 0) {
            for (size_t k = 0; k < i; k++)
                task_free(tasks[k]);
            goto done;
        }
        tasks[i] = plan_task(st, src, dst, parts[i], &d);
        floe_lake_destination_free(&d);
    }
    size_t size = (size_t)floe_settings_u64(st->settings, "background_export_pool_size");
    uint64_t rate = floe_settings_u64(st->settings, "max_exports_bandwidth_for_server");
    for (size_t i = 0; i < n_parts; i++)
        enqueue(tasks[i], size, rate);
    rc = 0;
done:
    for (size_t i = 0; i < n_parts; i++)
        floe_part_unref(parts[i]);
    floe_free(parts);
    floe_free(tasks);
    floe_table_unref(dst);
    return rc;
}

/* ---- KILL EXPORT ---- */

static const char *const kill_names[] = {
    "source_database",   "source_table", "destination_database",
    "destination_table", "part_name",    "destination_file_path"};
enum { KILL_COLS = 6 };

static void kill_add_row(floe_block *b, const export_task *t)
{
    const floe_export_status *s = &t->status;
    const char *v[KILL_COLS] = {s->source_database,   s->source_table, s->destination_database,
                                s->destination_table, s->part_name,    s->destination_file_path};
    for (size_t c = 0; c < KILL_COLS; c++)
        floe_column_push_string(b->cols[c], v[c], strlen(v[c]));
    b->rows++;
}

/* Is the export with this id still running? */
static bool id_running(uint64_t id)
{
    for (size_t i = 0; i < EXPORT_POOL_MAX; i++)
        if (running[i] && running[i]->id == id)
            return true;
    return false;
}

int floe_ops_kill_export(floe_stmt *st, const floe_ast *stmt)
{
    int mode = stmt->u.kill.mode; /* 1 SYNC, 3 TEST */
    const floe_type *str = floe_type_get(FLOE_TYPE_STRING);
    const floe_type *types[KILL_COLS];
    floe_block *all = floe_block_new();
    for (size_t c = 0; c < KILL_COLS; c++) {
        types[c] = str;
        floe_block_add(all, kill_names[c], floe_column_new(str));
    }
    all->rows = 0;
    export_task **tasks = NULL, *removed = NULL;
    uint64_t *waiting = NULL;
    uint8_t *mask = NULL;
    size_t n_waiting = 0;
    floe_block *out = NULL;
    /* the exports as they are now: queued first, then running; what the
     * condition picks is cancelled under the same lock */
    pthread_mutex_lock(&ex_mu);
    tasks = floe_calloc(n_queued + EXPORT_POOL_MAX + 1, sizeof *tasks);
    size_t n = 0;
    for (export_task *t = queue_head; t; t = t->next)
        tasks[n++] = t;
    size_t n_in_queue = n;
    for (size_t i = 0; i < EXPORT_POOL_MAX; i++)
        if (running[i])
            tasks[n++] = running[i];
    for (size_t i = 0; i < n; i++)
        kill_add_row(all, tasks[i]);
    int rc = floe_ops_where_mask(&mask, stmt->u.kill.where, all, kill_names, types);
    if (rc < 0) {
        pthread_mutex_unlock(&ex_mu);
        goto done;
    }
    out = floe_block_new();
    const char *out_names[] = {"kill_status", "source_database", "source_table", "part_name",
                               "destination_file_path"};
    for (size_t c = 0; c < 5; c++)
        floe_block_add(out, out_names[c], floe_column_new(str));
    out->rows = 0;
    waiting = floe_calloc(n + 1, sizeof *waiting);
    for (size_t r = 0; r < n; r++) {
        if (!mask[r])
            continue;
        export_task *t = tasks[r];
        const char *status = "cant_cancel";
        if (mode != 3 && r < n_in_queue) {
            /* a queued export simply leaves the queue */
            export_task **pp = &queue_head, *prev = NULL;
            while (*pp != t) {
                prev = *pp;
                pp = &(*pp)->next;
            }
            *pp = t->next;
            if (queue_tail == t)
                queue_tail = prev;
            t->next = removed;
            removed = t;
            n_queued--;
            counters.cancelled++;
            counters.failures++;
            status = "finished";
        } else if (mode != 3) {
            atomic_store(&t->cancelled, true);
            waiting[n_waiting++] = t->id;
            status = mode == 1 ? "finished" : "waiting";
        }
        const floe_export_status *s = &t->status;
        const char *v[5] = {status, s->source_database, s->source_table, s->part_name,
                            s->destination_file_path};
        for (size_t c = 0; c < 5; c++)
            floe_column_push_string(out->cols[c], v[c], strlen(v[c]));
        out->rows++;
    }
    pthread_cond_broadcast(&ex_idle_cv);
    /* SYNC waits until the cancelled exports have cleaned up */
    for (size_t i = 0; mode == 1 && i < n_waiting; i++)
        while (id_running(waiting[i]))
            pthread_cond_wait(&ex_idle_cv, &ex_mu);
    pthread_mutex_unlock(&ex_mu);
    while (removed) {
        export_task *t = removed;
        removed = t->next;
        /* logged with the error a running export stops with */
        char msg[1024];
        atomic_store(&t->cancelled, true);
        check_cancelled(t);
        floe_error_format(msg, sizeof msg);
        floe_error_clear();
        log_export(t, floe_clock_realtime_us(), FLOE_ERR_QUERY_WAS_CANCELLED, msg);
        task_free(t);
    }
    /* like KILL MUTATION, nothing is printed when nothing matched */
    if (out->rows) {
        rc = floe_ops_output_block(st, out, stmt);
        out = NULL;
    }
done:
    floe_free(mask);
    floe_free(tasks);
    floe_free(waiting);
    floe_block_free(out);
    floe_block_free(all);
    return rc;
}

static size_t export_events(floe_system_counter *out, size_t max)
{
    floe_export_counters c;
    floe_ops_export_counters(&c);
    floe_system_counter all[] = {
        {"PartsExports", (int64_t)c.exports, "Number of successful part exports."},
        {"PartsExportFailures", (int64_t)c.failures, "Number of failed part exports."},
        {"PartsExportDuplicated", (int64_t)c.duplicated,
         "Number of part exports that failed because the target already exists."},
        {"PartsExportTotalMilliseconds", (int64_t)c.total_ms,
         "Total time spent on part exports, in milliseconds."},
        {"PartsExportCancelled", (int64_t)c.cancelled,
         "Number of part exports stopped by KILL EXPORT or Ctrl-C."},
        {"ExportsThrottlerBytes", (int64_t)c.throttler_bytes,
         "Bytes read by exports while max_exports_bandwidth_for_server was set."},
        {"ExportsThrottlerSleepMicroseconds", (int64_t)c.throttler_sleep_us,
         "Total time exports slept to keep to max_exports_bandwidth_for_server."},
    };
    size_t n = 0;
    for (size_t i = 0; i < sizeof all / sizeof all[0] && n < max; i++)
        if (all[i].value)
            out[n++] = all[i];
    return n;
}

static size_t export_metrics(floe_system_counter *out, size_t max)
{
    floe_export_counters c;
    floe_ops_export_counters(&c);
    if (max == 0)
        return 0;
    out[0] = (floe_system_counter){"Export", c.running, "Number of exports being executed."};
    return 1;
}

void floe_ops_export_register_system(void)
{
    floe_system_providers p = {floe_ops_exports_list, export_events, export_metrics};
    floe_system_set_providers(&p);
}
