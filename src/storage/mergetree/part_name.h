/*
 * Part names: <partition_id>_<min_block>_<max_block>_<level>[_<mutation>],
 * as MergeTreePartInfo spells and orders them.
 */
#ifndef FLOE_STORAGE_MERGETREE_PART_NAME_H
#define FLOE_STORAGE_MERGETREE_PART_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct floe_part_info {
    char partition_id[128];
    int64_t min_block;
    int64_t max_block;
    uint32_t level;
    int64_t mutation; /* 0 when the name has no mutation version */
} floe_part_info;

/* Parses a part directory name; BAD_DATA_PART_NAME when it is not one. */
int floe_part_info_parse(floe_part_info *out, const char *name);
/* Writes the name into out (size >= 160). */
void floe_part_info_name(char *out, size_t size, const floe_part_info *p);
/* True when a covers b: same partition and a's block range contains b's
 * (with a's level and mutation at least b's). */
bool floe_part_info_contains(const floe_part_info *a, const floe_part_info *b);

#endif
