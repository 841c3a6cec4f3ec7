/*
 * Disks and storage policies: where a MergeTree table's parts may live, as
 * ClickHouse's <storage_configuration> declares them. A disk is a local
 * directory; a volume an ordered list of disks; a policy an ordered list of
 * volumes, the first of which takes new parts. The `default` disk is the
 * data directory and the `default` policy its single volume; the
 * configuration (catalog/storage_config.c) adds the others.
 */
#ifndef FLOE_STORAGE_MERGETREE_DISKS_H
#define FLOE_STORAGE_MERGETREE_DISKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct floe_disk {
    char *name;
    char *path; /* absolute, ends with '/' */
    uint64_t keep_free_space;
} floe_disk;

/* disk_names are what the configuration said; disks[] is resolved from them
 * by floe_storage_config_finish. */
typedef struct floe_volume {
    char *name;
    char **disk_names;
    const floe_disk **disks;
    size_t n_disks, cap_disks;
    uint64_t max_data_part_size; /* 0: no limit */
    bool prefer_not_to_merge;
    bool perform_ttl_move_on_insert;
    bool least_used; /* load_balancing: least_used (else round_robin) */
} floe_volume;

typedef struct floe_storage_policy {
    char *name;
    floe_volume **volumes; /* in priority order */
    size_t n_volumes, cap_volumes;
    float move_factor;
} floe_storage_policy;

/*
 * Every disk and policy of a data directory. Invariant after
 * floe_storage_config_finish: names are unique, both lists are sorted by
 * name (as system.disks and system.storage_policies list them), the
 * `default` disk and policy exist, every volume has a disk and every policy
 * a volume. Immutable from then on: tables and parts keep pointers into it,
 * so it lives as long as the catalog.
 */
typedef struct floe_storage_config {
    floe_disk **disks;
    size_t n_disks, cap_disks;
    floe_storage_policy **policies;
    size_t n_policies, cap_policies;
} floe_storage_config;

floe_storage_config *floe_storage_config_new(void);
void floe_storage_config_free(floe_storage_config *c);
/* Builders for the configuration's reader; the config owns what they
 * return. path NULL: the `default` disk's (the data directory). Errors:
 * UNKNOWN_ELEMENT_IN_CONFIG (a name given twice, a path without the final
 * '/', a path for `default`). */
int floe_storage_config_add_disk(floe_disk **out, floe_storage_config *c, const char *name,
                                 const char *path);
int floe_storage_config_add_policy(floe_storage_policy **out, floe_storage_config *c,
                                   const char *name);
floe_volume *floe_storage_policy_add_volume(floe_storage_policy *p, const char *name);
void floe_volume_add_disk(floe_volume *v, const char *disk_name);
/* Completes the configuration for the data directory root: the `default`
 * disk (root) and policy when the configuration did not declare them,
 * volumes' disks resolved, disk directories created. Errors: UNKNOWN_DISK,
 * NO_ELEMENTS_IN_CONFIG (a policy without volumes or a volume without
 * disks), CANNOT_OPEN_FILE. */
int floe_storage_config_finish(floe_storage_config *c, const char *root);
/* A configuration of the default disk and policy only, for root. */
floe_storage_config *floe_storage_config_default(const char *root);

const floe_disk *floe_storage_config_disk(const floe_storage_config *c, const char *name);
const floe_storage_policy *floe_storage_config_policy(const floe_storage_config *c,
                                                      const char *name);
const floe_volume *floe_storage_policy_volume(const floe_storage_policy *p, const char *name);
/* Index of the volume holding disk d in p, -1 when none does. */
int floe_storage_policy_volume_of(const floe_storage_policy *p, const floe_disk *d);
/* True when every disk of src is a disk of dst (parts of a src table can be
 * hard-linked into a dst table). */
bool floe_storage_policy_covers(const floe_storage_policy *dst, const floe_storage_policy *src);
/* Free and total bytes of the file system the disk is on (0 when unknown). */
void floe_disk_space(const floe_disk *d, uint64_t *free_bytes, uint64_t *total_bytes);

#endif
