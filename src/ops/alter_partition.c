/*
 * ALTER TABLE partition and part operations. The commands are recognised
 * here; each is carried out by the engine (src/storage/mergetree/).
 */
#include "base/error.h"
#include "ops/alter.h"

bool floe_ops_is_partition_command(const floe_ast *cmd)
{
    switch (cmd->u.alter_cmd.type) {
    case FLOE_ALTER_DROP_PARTITION:
    case FLOE_ALTER_DROP_DETACHED_PARTITION:
    case FLOE_ALTER_DETACH_PARTITION:
    case FLOE_ALTER_ATTACH_PARTITION:
    case FLOE_ALTER_FORGET_PARTITION:
    case FLOE_ALTER_REPLACE_PARTITION:
    case FLOE_ALTER_MOVE_PARTITION:
    case FLOE_ALTER_FREEZE:
    case FLOE_ALTER_UNFREEZE:
    case FLOE_ALTER_FETCH_PARTITION:
    case FLOE_ALTER_REWRITE_PARTS:
    case FLOE_ALTER_CLEAR_INDEX:
        return true;
    case FLOE_ALTER_CLEAR_COLUMN:
        return cmd->u.alter_cmd.partition != NULL;
    default:
        return false;
    }
}

int floe_ops_alter_partition(floe_stmt *st, floe_table *t, const floe_ast *cmd)
{
    (void)st;
    (void)t;
    return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Partition operations are not implemented yet");
}
