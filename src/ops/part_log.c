/*
 * system.part_log: what happened to parts (see part_log.h). Events arrive
 * from any thread through the storage layer's hook or from exports, wait
 * in memory, and are written to the MergeTree table system.part_log when
 * the log is flushed.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
#include "catalog/catalog.h"
#include "ops/part_log.h"
#include "storage/table.h"
#include "types/column.h"

/* ClickHouse's columns, with floe's ExportPart among the event types. */
static const char create_text[] =
    "CREATE TABLE part_log (event_type Enum8('NewPart' = 1, 'MergeParts' = 2, "
    "'DownloadPart' = 3, 'RemovePart' = 4, 'MutatePart' = 5, 'MovePart' = 6, "
    "'MergePartsStart' = 7, 'MutatePartStart' = 8, 'ExportPart' = 9), event_date Date, "
    "event_time DateTime, event_time_microseconds DateTime64(6), duration_ms UInt64, "
    "database String, table String, part_name String, partition_id String, partition String, "
    "path_on_disk String, rows UInt64, size_in_bytes UInt64, read_rows UInt64, "
    "read_bytes UInt64, peak_memory_usage UInt64, error UInt16, exception String) "
    "ENGINE = MergeTree PARTITION BY toYYYYMM(event_date) ORDER BY (event_date, event_time)";

enum { N_COLS = 18 };

typedef struct event_row {
    int8_t type;
    int64_t time_us;
    uint64_t nums[7]; /* duration_ms, rows, size_in_bytes, read_rows, read_bytes, peak, error */
    char *strs[7];    /* database, table, part_name, partition_id, partition, path, exception */
} event_row;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static event_row *rows;
static size_t n_rows, cap_rows;
/* one flush at a time, so rows are written in the order they came */
static pthread_mutex_t flush_mu = PTHREAD_MUTEX_INITIALIZER;

static void on_event(const floe_part_event *e)
{
    event_row r = {0};
    r.type = (int8_t)e->type;
    r.time_us = e->start_us + (int64_t)e->duration_ms * 1000;
    uint64_t nums[7] = {e->duration_ms, e->rows,      e->size_in_bytes,   e->read_rows,
                        e->read_bytes,  e->peak_memory_usage, e->error};
    memcpy(r.nums, nums, sizeof nums);
    const char *strs[7] = {e->database,  e->table, e->part_name, e->partition_id,
                           e->partition, e->path,  e->exception};
    for (size_t i = 0; i < 7; i++)
        r.strs[i] = floe_strdup(strs[i] ? strs[i] : "");
    pthread_mutex_lock(&mu);
    FLOE_GROW(rows, cap_rows, n_rows + 1);
    rows[n_rows++] = r;
    pthread_mutex_unlock(&mu);
}

void floe_part_log_start(void)
{
    floe_part_events_set_hook(on_event);
}

size_t floe_part_log_pending(void)
{
    pthread_mutex_lock(&mu);
    size_t n = n_rows;
    pthread_mutex_unlock(&mu);
    return n;
}

int floe_part_log_flush(floe_catalog *cat, bool create)
{
    pthread_mutex_lock(&flush_mu);
    pthread_mutex_lock(&mu);
    event_row *v = rows;
    size_t n = n_rows;
    rows = NULL;
    n_rows = cap_rows = 0;
    pthread_mutex_unlock(&mu);
    floe_table *t = NULL;
    int rc = 0;
    if (n || create)
        rc = floe_catalog_system_table(&t, cat, "part_log", create_text);
    if (rc == 0 && n) {
        floe_block *b = floe_block_new();
        for (size_t c = 0; c < t->n_cols; c++)
            floe_block_add(b, t->cols[c].name, floe_column_new(t->cols[c].type));
        b->rows = 0;
        if (t->n_cols != N_COLS) {
            rc = floe_error(FLOE_ERR_INCOMPATIBLE_COLUMNS,
                            "system.part_log has %zu columns, not the %d floe writes; rename or "
                            "drop its metadata to start a new one",
                            t->n_cols, N_COLS);
        }
        for (size_t i = 0; i < n && rc == 0; i++) {
            const event_row *r = &v[i];
            int64_t secs = r->time_us / 1000000;
            uint16_t day = (uint16_t)(secs / 86400);
            uint32_t time32 = (uint32_t)secs;
            floe_column_push_fixed(b->cols[0], &r->type);
            floe_column_push_fixed(b->cols[1], &day);
            floe_column_push_fixed(b->cols[2], &time32);
            floe_column_push_fixed(b->cols[3], &r->time_us);
            floe_column_push_fixed(b->cols[4], &r->nums[0]);
            for (size_t s = 0; s < 6; s++)
                floe_column_push_string(b->cols[5 + s], r->strs[s], strlen(r->strs[s]));
            for (size_t k = 1; k <= 5; k++)
                floe_column_push_fixed(b->cols[10 + k], &r->nums[k]);
            uint16_t err = (uint16_t)r->nums[6];
            floe_column_push_fixed(b->cols[16], &err);
            floe_column_push_string(b->cols[17], r->strs[6], strlen(r->strs[6]));
            b->rows++;
        }
        if (rc == 0)
            rc = t->ops->insert(t, b);
        floe_block_free(b);
    }
    if (t)
        floe_table_unref(t);
    for (size_t i = 0; i < n; i++)
        for (size_t s = 0; s < 7; s++)
            floe_free(v[i].strs[s]);
    floe_free(v);
    pthread_mutex_unlock(&flush_mu);
    return rc;
}
