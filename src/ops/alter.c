/*
 * The ALTER TABLE dispatcher (see alter.h). Commands run in order; a
 * failing command stops the statement (the ones before it have happened,
 * as in ClickHouse).
 */
#include <string.h>

#include "base/error.h"
#include "ops/alter.h"

static const char *command_name(floe_alter_type t)
{
    switch (t) {
    case FLOE_ALTER_ADD_COLUMN:
        return "ADD COLUMN";
    case FLOE_ALTER_DROP_COLUMN:
        return "DROP COLUMN";
    case FLOE_ALTER_MODIFY_COLUMN:
        return "MODIFY COLUMN";
    case FLOE_ALTER_RENAME_COLUMN:
        return "RENAME COLUMN";
    case FLOE_ALTER_COMMENT_COLUMN:
        return "COMMENT COLUMN";
    case FLOE_ALTER_MATERIALIZE_COLUMN:
        return "MATERIALIZE COLUMN";
    case FLOE_ALTER_UPDATE:
        return "UPDATE";
    case FLOE_ALTER_DELETE:
        return "DELETE";
    case FLOE_ALTER_EXPORT_PART:
        return "EXPORT PART";
    case FLOE_ALTER_EXPORT_PARTITION:
        return "EXPORT PARTITION";
    case FLOE_ALTER_CONVERT_PARTITION:
        return "CONVERT PARTITION";
    case FLOE_ALTER_MODIFY_SETTING:
        return "MODIFY SETTING";
    case FLOE_ALTER_MODIFY_TTL:
        return "MODIFY TTL";
    default:
        return "this ALTER command";
    }
}

/* Column changes and mutations, when their file is linked. */
__attribute__((weak)) int floe_ops_alter_columns(floe_stmt *st, floe_table *t,
                                                 const floe_ast *cmd);
/* EXPORT PART / EXPORT PARTITION / CONVERT PARTITION, when linked. */
__attribute__((weak)) int floe_ops_alter_export(floe_stmt *st, floe_table *t,
                                                const floe_ast *cmd);

int floe_ops_alter(floe_stmt *st, const floe_ast *stmt)
{
    if (stmt->u.alter.temporary)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "ALTER of temporary tables is not supported");
    const char *db = stmt->u.alter.db ? stmt->u.alter.db : st->session->database;
    floe_table *t;
    if (floe_catalog_is_builtin_database(db))
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "ALTER of system tables is not supported");
    if (floe_catalog_get_table(&t, st->session->db->catalog, db, stmt->u.alter.name) < 0)
        return -1;
    int rc = floe_settings_apply(st->settings, stmt->u.alter.settings, stmt->u.alter.n_settings);
    for (size_t i = 0; i < stmt->u.alter.n_cmds && rc == 0; i++) {
        const floe_ast *cmd = stmt->u.alter.cmds[i];
        floe_alter_type type = cmd->u.alter_cmd.type;
        if (floe_ops_is_partition_command(cmd)) {
            rc = floe_ops_alter_partition(st, t, cmd);
        } else if (type == FLOE_ALTER_EXPORT_PART || type == FLOE_ALTER_EXPORT_PARTITION ||
                   type == FLOE_ALTER_CONVERT_PARTITION) {
            rc = floe_ops_alter_export ? floe_ops_alter_export(st, t, cmd)
                                       : floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                                                    "%s is not implemented yet",
                                                    command_name(type));
        } else {
            rc = floe_ops_alter_columns ? floe_ops_alter_columns(st, t, cmd)
                                        : floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                                                     "ALTER TABLE ... %s is not implemented yet",
                                                     command_name(type));
        }
    }
    floe_table_unref(t);
    return rc;
}
