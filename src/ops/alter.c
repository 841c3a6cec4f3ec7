/*
 * The ALTER TABLE dispatcher (see alter.h). Commands run in order; a
 * failing command stops the statement (the ones before it have happened,
 * as in ClickHouse).
 */
#include <string.h>

#include "base/error.h"
#include "base/mem.h"
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

/* ---- names checked before a multi-command ALTER runs ---- */

typedef struct name_set {
    const char **v;
    size_t n, cap;
} name_set;

static int name_find(const name_set *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], name) == 0)
            return (int)i;
    return -1;
}

static void name_add(name_set *s, const char *name)
{
    FLOE_GROW(s->v, s->cap, s->n + 1);
    s->v[s->n++] = name;
}

static int missing(const char *how, const char *name, const char *what)
{
    return floe_error(FLOE_ERR_NOT_FOUND_COLUMN_IN_BLOCK, "Wrong column%s. Cannot find column `%s` to %s",
                      how, name, what);
}

/* The column commands of one ALTER run one after another, each publishing
 * its change; so that a bad command changes nothing, the names they use
 * are followed through all of them first, with ClickHouse's errors. */
static int check_column_names(const floe_table *t, const floe_ast *stmt)
{
    if (stmt->u.alter.n_cmds < 2)
        return 0;
    name_set cols = {0}, targets = {0};
    for (size_t c = 0; c < t->n_cols; c++)
        name_add(&cols, t->cols[c].name);
    int rc = 0;
    for (size_t i = 0; i < stmt->u.alter.n_cmds && rc == 0; i++) {
        const floe_ast *cmd = stmt->u.alter.cmds[i];
        const char *name = cmd->u.alter_cmd.name;
        bool if_exists = cmd->u.alter_cmd.if_exists;
        switch (cmd->u.alter_cmd.type) {
        case FLOE_ALTER_ADD_COLUMN: {
            const char *n = cmd->u.alter_cmd.column->u.column.name;
            if (name_find(&cols, n) < 0)
                name_add(&cols, n);
            else if (!cmd->u.alter_cmd.if_not_exists)
                rc = floe_error(FLOE_ERR_DUPLICATE_COLUMN,
                                "Cannot add column `%s`: column with this name already exists", n);
            break;
        }
        case FLOE_ALTER_DROP_COLUMN: {
            int k = name_find(&cols, name);
            if (k >= 0)
                cols.v[k] = cols.v[--cols.n];
            else if (!if_exists)
                rc = missing(" name", name, "drop");
            break;
        }
        case FLOE_ALTER_CLEAR_COLUMN:
            if (name_find(&cols, name) < 0 && !if_exists)
                rc = missing(" name", name, "drop");
            break;
        case FLOE_ALTER_COMMENT_COLUMN:
            if (name_find(&cols, name) < 0 && !if_exists)
                rc = missing(" name", name, "comment");
            break;
        case FLOE_ALTER_MODIFY_COLUMN: {
            const floe_ast *nc = cmd->u.alter_cmd.column;
            const char *n = nc ? nc->u.column.name : name;
            if (name_find(&cols, n) < 0 && !if_exists)
                rc = missing("", n, "modify");
            break;
        }
        case FLOE_ALTER_RENAME_COLUMN: {
            const char *to = cmd->u.alter_cmd.new_name;
            int k = name_find(&cols, name);
            if (name_find(&targets, name) >= 0)
                rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                                "Transitive renames in a single ALTER query are not allowed "
                                "(don't make sense)");
            else if (k < 0) {
                if (!if_exists)
                    rc = missing(" name", name, "rename");
            } else if (name_find(&cols, to) >= 0) {
                rc = floe_error(FLOE_ERR_DUPLICATE_COLUMN,
                                "Cannot rename to `%s`: column with this name already exists", to);
            } else {
                cols.v[k] = to;
                name_add(&targets, to);
            }
            break;
        }
        default:
            break;
        }
    }
    floe_free(cols.v);
    floe_free(targets.v);
    return rc;
}

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
    if (rc == 0)
        rc = check_column_names(t, stmt);
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
