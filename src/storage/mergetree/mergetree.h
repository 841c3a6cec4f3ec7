/*
 * What the MergeTree engine shows to the layers below it (system tables,
 * partition operations, exports) beyond the generic table interface.
 */
#ifndef FLOE_STORAGE_MERGETREE_MERGETREE_H
#define FLOE_STORAGE_MERGETREE_MERGETREE_H

#include <stdbool.h>
#include <stddef.h>

#include "storage/mergetree/part.h"
#include "storage/table.h"

/* True when t is a MergeTree table. */
bool floe_mergetree_is(const floe_table *t);
/* The table's parts (active ones, and outdated ones too when asked), each
 * referenced: unref each and free the array. Sorted by partition and block. */
floe_part **floe_mergetree_parts(floe_table *t, size_t *n, bool with_outdated);
/* The partition key, for reading partition values. */
const floe_partition_key *floe_mergetree_partition_key(const floe_table *t);

#endif
