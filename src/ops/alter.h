/*
 * ALTER TABLE: one statement, several commands, each routed to the file that
 * owns its family: partition and part operations (alter_partition.c),
 * column changes and mutations (alter_columns.c), exports (export.c).
 */
#ifndef FLOE_OPS_ALTER_H
#define FLOE_OPS_ALTER_H

#include "ops/internal.h"

int floe_ops_alter(floe_stmt *st, const floe_ast *stmt);

/* One partition/part command on table t (DETACH, DROP, ATTACH, REPLACE,
 * MOVE, FREEZE, UNFREEZE, FETCH, FORGET, DROP DETACHED, CLEAR COLUMN|INDEX
 * IN PARTITION, REWRITE PARTS, ...). */
int floe_ops_alter_partition(floe_stmt *st, floe_table *t, const floe_ast *cmd);
/* KILL MUTATION WHERE cond (alter_columns.c): stops the mutations of
 * system.mutations the condition picks; KILL QUERY is NOT_IMPLEMENTED. */
int floe_ops_kill(floe_stmt *st, const floe_ast *stmt);
/* Lightweight DELETE FROM t [IN PARTITION p] WHERE cond (alter_columns.c):
 * a mutation that removes the rows; waits when lightweight_deletes_sync > 0. */
int floe_ops_delete(floe_stmt *st, const floe_ast *stmt);
/* True when cmd belongs to floe_ops_alter_partition. */
bool floe_ops_is_partition_command(const floe_ast *cmd);

#endif
