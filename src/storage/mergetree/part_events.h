/*
 * What happens to parts, as events for system.part_log: the storage layer
 * reports them through a hook the layer above installs (the storage layer
 * cannot write to a table itself). Events of tables in the `system`
 * database are not reported.
 */
#ifndef FLOE_STORAGE_MERGETREE_PART_EVENTS_H
#define FLOE_STORAGE_MERGETREE_PART_EVENTS_H

#include <stdint.h>

/* ClickHouse's part_log event_type values; ExportPart is floe's (and
 * Altinity's) addition. */
typedef enum floe_part_event_type {
    FLOE_PART_EVENT_NEW = 1,
    FLOE_PART_EVENT_MERGE = 2,
    FLOE_PART_EVENT_DOWNLOAD = 3,
    FLOE_PART_EVENT_REMOVE = 4,
    FLOE_PART_EVENT_MUTATE = 5,
    FLOE_PART_EVENT_MOVE = 6,
    FLOE_PART_EVENT_EXPORT = 9,
} floe_part_event_type;

typedef struct floe_part_event {
    floe_part_event_type type;
    const char *database, *table, *part_name, *partition_id, *partition;
    const char *path;   /* the part's directory, or an export's destination */
    int64_t start_us;   /* when the work began (floe_clock_realtime_us) */
    uint64_t duration_ms;
    uint64_t rows, size_in_bytes, read_rows, read_bytes, peak_memory_usage;
    uint16_t error;        /* the error code, 0 on success */
    const char *exception; /* the error's text, "" on success */
} floe_part_event;

typedef void (*floe_part_event_hook)(const floe_part_event *e);
/* Installs the hook (NULL: events are dropped). */
void floe_part_events_set_hook(floe_part_event_hook hook);
/* Reports e when a hook is installed and e's table is not a system one. */
void floe_part_event_emit(const floe_part_event *e);

struct floe_mt;
struct floe_part;
/* Reports an event about part p of m's table (built from the part). */
void floe_mt_part_event(struct floe_mt *m, floe_part_event_type type, const struct floe_part *p,
                        int64_t start_us, uint64_t read_rows, uint64_t read_bytes);

#endif
