/*
 * The part event hook (see part_events.h).
 */
#include <stdatomic.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "storage/mergetree/mergetree_int.h"
#include "storage/mergetree/part.h"
#include "storage/mergetree/part_events.h"

static _Atomic(floe_part_event_hook) hook;

void floe_part_events_set_hook(floe_part_event_hook h)
{
    atomic_store(&hook, h);
}

void floe_part_event_emit(const floe_part_event *e)
{
    floe_part_event_hook h = atomic_load(&hook);
    if (h && e->database && strcmp(e->database, "system") != 0)
        h(e);
}

void floe_mt_part_event(floe_mt *m, floe_part_event_type type, const floe_part *p,
                        int64_t start_us, uint64_t read_rows, uint64_t read_bytes)
{
    if (!atomic_load(&hook) || strcmp(m->t->db, "system") == 0)
        return;
    floe_buf partition = FLOE_BUF_INIT;
    floe_partition_text(&partition, &m->pkey, p->partition, 0);
    floe_part_event e = {0};
    e.type = type;
    e.database = m->t->db;
    e.table = m->t->name;
    e.part_name = p->name;
    e.partition_id = p->info.partition_id;
    e.partition = partition.data ? partition.data : "";
    e.path = p->dir;
    int64_t now = floe_clock_realtime_us();
    e.start_us = start_us ? start_us : now;
    e.duration_ms = (uint64_t)(now - e.start_us) / 1000;
    e.rows = p->rows;
    e.size_in_bytes = p->bytes_on_disk;
    e.read_rows = read_rows;
    e.read_bytes = read_bytes;
    e.exception = "";
    floe_part_event_emit(&e);
    floe_buf_free(&partition);
}
