/*
 * ALTER TABLE partition and part operations: the PARTITION or PART clause
 * is resolved to a partition ID (with ClickHouse's checks), the other
 * table of ATTACH/REPLACE ... FROM and MOVE ... TO TABLE is looked up, and
 * the engine (src/storage/mergetree/partition_ops.c) does the work.
 */
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/mem.h"
#include "ops/alter.h"
#include "storage/mergetree/mergetree.h"
#include "storage/mergetree/partition_ops.h"

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
    case FLOE_ALTER_MATERIALIZE_INDEX:
        return true;
    case FLOE_ALTER_CLEAR_COLUMN:
        return cmd->u.alter_cmd.partition != NULL;
    default:
        return false;
    }
}

/* Commands that take PARTITION ALL (ClickHouse refuses it elsewhere). */
static bool all_allowed(const floe_ast *cmd)
{
    switch (cmd->u.alter_cmd.type) {
    case FLOE_ALTER_DROP_PARTITION:
    case FLOE_ALTER_DROP_DETACHED_PARTITION:
    case FLOE_ALTER_DETACH_PARTITION:
    case FLOE_ALTER_ATTACH_PARTITION:
        return true;
    default:
        return false;
    }
}

/* Commands ClickHouse runs as mutations (their checks word things apart). */
static bool is_mutation(const floe_ast *cmd)
{
    floe_alter_type t = cmd->u.alter_cmd.type;
    return t == FLOE_ALTER_REWRITE_PARTS || t == FLOE_ALTER_CLEAR_COLUMN ||
           t == FLOE_ALTER_CLEAR_INDEX || t == FLOE_ALTER_MATERIALIZE_INDEX;
}

/* Resolves the command's PARTITION/PART clause into sel (id: storage for
 * the partition ID). */
static int resolve(floe_part_selector *sel, char *id, size_t id_size, floe_table *t,
                   const floe_ast *cmd)
{
    const floe_ast *p = cmd->u.alter_cmd.partition;
    memset(sel, 0, sizeof *sel);
    switch (p->u.partition.kind) {
    case FLOE_PARTITION_PART:
        sel->part_name = p->u.partition.name;
        return 0;
    case FLOE_PARTITION_ALL:
        if (!all_allowed(cmd))
            return floe_error(FLOE_ERR_SUPPORT_IS_DISABLED,
                              is_mutation(cmd)
                                  ? "Only Support DROP/DETACH/ATTACH PARTITION ALL currently"
                                  : "Only support DROP/DETACH/ATTACH PARTITION ALL currently");
        sel->all = true;
        return 0;
    case FLOE_PARTITION_ID:
    case FLOE_PARTITION_EXPR:
        break;
    }
    if (floe_mt_partition_id(t, p, id, id_size) < 0)
        return -1;
    sel->partition_id = id;
    return 0;
}

/* The other table of ... FROM t / TO TABLE t (a reference in *out). */
static int other_table(floe_table **out, floe_stmt *st, const floe_ast_qname *q)
{
    const char *db = q->db ? q->db : st->session->database;
    return floe_catalog_get_table(out, st->session->db->catalog, db, q->name);
}

static int from_table(floe_stmt *st, floe_table *t, const floe_ast *cmd,
                      const floe_part_selector *sel, bool replace)
{
    floe_table *src;
    if (other_table(&src, st, &cmd->u.alter_cmd.from_table) < 0)
        return -1;
    int rc;
    if (!floe_mergetree_is(src))
        rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                        "Cannot replace partition from table %s.%s with storage %s to table "
                        "%s.%s",
                        src->db, src->name, src->engine, t->db, t->name);
    else
        rc = floe_mt_replace_from(
            t, src, sel, replace,
            floe_settings_bool(st->settings, "allow_replace_partition_from_empty_source"));
    floe_table_unref(src);
    return rc;
}

static int move_partition(floe_stmt *st, floe_table *t, const floe_ast *cmd,
                          const floe_part_selector *sel)
{
    if (cmd->u.alter_cmd.to_disk || cmd->u.alter_cmd.to_volume)
        return floe_mt_move_to_disk(t, sel, cmd->u.alter_cmd.to_disk, cmd->u.alter_cmd.to_volume);
    if (sel->part_name) /* ClickHouse's grammar has no MOVE PART ... TO TABLE */
        return floe_error(FLOE_ERR_SYNTAX_ERROR,
                          "MOVE PART can only move to a DISK, VOLUME or SHARD, not TO TABLE");
    floe_table *dst;
    if (other_table(&dst, st, &cmd->u.alter_cmd.to_table) < 0)
        return -1;
    int rc;
    if (!floe_mergetree_is(dst))
        rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                        "Cannot move partition from table %s.%s to table %s.%s with storage %s",
                        t->db, t->name, dst->db, dst->name, dst->engine);
    else
        rc = floe_mt_move_to_table(t, dst, sel);
    floe_table_unref(dst);
    return rc;
}

/* A mutation command's text as system.mutations shows it ("CLEAR COLUMN s
 * IN PARTITION 202001"); the caller frees it. */
static char *mutation_text(const floe_ast *cmd)
{
    floe_buf b = FLOE_BUF_INIT;
    switch (cmd->u.alter_cmd.type) {
    case FLOE_ALTER_REWRITE_PARTS:
        floe_buf_puts(&b, "REWRITE PARTS");
        break;
    case FLOE_ALTER_CLEAR_COLUMN:
        floe_buf_printf(&b, "CLEAR COLUMN %s%s", cmd->u.alter_cmd.if_exists ? "IF EXISTS " : "",
                        cmd->u.alter_cmd.name);
        break;
    case FLOE_ALTER_MATERIALIZE_INDEX:
        floe_buf_printf(&b, "MATERIALIZE INDEX %s%s",
                        cmd->u.alter_cmd.if_exists ? "IF EXISTS " : "", cmd->u.alter_cmd.name);
        break;
    default:
        floe_buf_printf(&b, "CLEAR INDEX %s%s", cmd->u.alter_cmd.if_exists ? "IF EXISTS " : "",
                        cmd->u.alter_cmd.name);
        break;
    }
    const floe_ast *p = cmd->u.alter_cmd.partition;
    if (p) {
        floe_buf_puts(&b, " IN PARTITION ");
        if (p->u.partition.kind == FLOE_PARTITION_ID)
            floe_buf_printf(&b, "ID '%s'", p->u.partition.name);
        else
            floe_ast_format(&b, p->u.partition.expr, true);
    }
    return floe_buf_detach(&b, NULL);
}

static int mutation(floe_table *t, const floe_ast *cmd, const floe_part_selector *sel,
                    int clear_col)
{
    char *text = mutation_text(cmd);
    int rc = floe_mt_rewrite_parts(t, sel, clear_col, text);
    floe_free(text);
    return rc;
}

int floe_ops_alter_partition(floe_stmt *st, floe_table *t, const floe_ast *cmd)
{
    floe_alter_type type = cmd->u.alter_cmd.type;
    if (!floe_mergetree_is(t) || !t->ops->partition_id)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "Table engine %s doesn't support partitioning",
                          t->engine);
    floe_part_selector sel;
    char id[256];
    bool has_sel = cmd->u.alter_cmd.partition != NULL;
    if (has_sel && resolve(&sel, id, sizeof id, t, cmd) < 0)
        return -1;
    if (type == FLOE_ALTER_FETCH_PARTITION)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "FETCH PARTITION is not supported by storage %s", t->engine);
    const char *root = st->session->db->path;
    switch (type) {
    case FLOE_ALTER_DROP_PARTITION:
        return floe_mt_drop_parts(t, &sel, false);
    case FLOE_ALTER_DETACH_PARTITION:
        return floe_mt_drop_parts(t, &sel, true);
    case FLOE_ALTER_DROP_DETACHED_PARTITION:
        if (!floe_settings_bool(st->settings, "allow_drop_detached"))
            return floe_error(FLOE_ERR_SUPPORT_IS_DISABLED,
                              "Cannot execute query: DROP DETACHED PART is disabled (see "
                              "allow_drop_detached setting)");
        return floe_mt_drop_detached(t, &sel);
    case FLOE_ALTER_ATTACH_PARTITION:
        if (cmd->u.alter_cmd.from_table.name)
            return from_table(st, t, cmd, &sel, false);
        return floe_mt_attach_detached(t, &sel);
    case FLOE_ALTER_REPLACE_PARTITION:
        return from_table(st, t, cmd, &sel, true);
    case FLOE_ALTER_MOVE_PARTITION:
        return move_partition(st, t, cmd, &sel);
    case FLOE_ALTER_FORGET_PARTITION:
        if (!sel.partition_id)
            return floe_error(FLOE_ERR_BAD_ARGUMENTS, "FORGET PARTITION takes a partition");
        return floe_mt_forget_partition(t, sel.partition_id);
    case FLOE_ALTER_FREEZE:
        return floe_mt_freeze(t, root, has_sel ? &sel : NULL, cmd->u.alter_cmd.with_name);
    case FLOE_ALTER_UNFREEZE:
        if (!cmd->u.alter_cmd.with_name)
            return floe_error(FLOE_ERR_BAD_ARGUMENTS, "UNFREEZE needs WITH NAME");
        return floe_mt_unfreeze(t, root, has_sel ? &sel : NULL, cmd->u.alter_cmd.with_name);
    case FLOE_ALTER_REWRITE_PARTS:
        return mutation(t, cmd, has_sel ? &sel : NULL, -1);
    case FLOE_ALTER_CLEAR_COLUMN: {
        int col = floe_table_find_column(t, cmd->u.alter_cmd.name);
        if (col < 0) {
            if (cmd->u.alter_cmd.if_exists)
                return 0;
            return floe_error(FLOE_ERR_NOT_FOUND_COLUMN_IN_BLOCK,
                              "Wrong column name. Cannot find column `%s` to drop",
                              cmd->u.alter_cmd.name);
        }
        return mutation(t, cmd, &sel, col);
    }
    case FLOE_ALTER_CLEAR_INDEX:
    case FLOE_ALTER_MATERIALIZE_INDEX: {
        /* as in ClickHouse, an index the table does not have still makes a
         * mutation (every part linked under its version) */
        bool known = false;
        for (size_t i = 0; i < t->create->u.create_table.n_indexes && !known; i++)
            known = strcmp(t->create->u.create_table.indexes[i]->u.index.name,
                           cmd->u.alter_cmd.name) == 0;
        char *text = mutation_text(cmd);
        int rc = known ? floe_mt_index_parts(t, has_sel ? &sel : NULL, cmd->u.alter_cmd.name,
                                             type == FLOE_ALTER_MATERIALIZE_INDEX, text)
                       : floe_mt_rewrite_parts(t, has_sel ? &sel : NULL, FLOE_MT_LINK_ONLY, text);
        floe_free(text);
        return rc;
    }
    default:
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Not a partition command");
    }
}
