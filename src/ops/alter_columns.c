/*
 * ALTER TABLE column changes and mutations: ADD / DROP / MODIFY / RENAME /
 * COMMENT / CLEAR / MATERIALIZE COLUMN, UPDATE and DELETE. A column change
 * builds the new CREATE statement and has the catalog swap the table
 * (floe_catalog_alter_table); changes that touch data (DROP, RENAME, a type
 * change, CLEAR, MATERIALIZE, UPDATE, DELETE) then queue a mutation, which
 * the statement waits for when mutations_sync > 0.
 */
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/error.h"
#include "base/mem.h"
#include "catalog/catalog.h"
#include "expr/expr.h"
#include "ops/alter.h"
#include "storage/mergetree/mergetree.h"
#include "storage/mergetree/partition_ops.h"
#include "storage/mergetree/mergetree_int.h"
#include "storage/mergetree/mutations.h"
#include "types/cast.h"
#include "types/type.h"

int floe_ops_alter_columns(floe_stmt *st, floe_table *t, const floe_ast *cmd);

static bool names_column(const floe_ast *e, const char *name)
{
    if (!e)
        return false;
    if (e->kind == FLOE_AST_IDENT)
        return strcmp(e->u.ident.parts[e->u.ident.n_parts - 1], name) == 0;
    if (e->kind == FLOE_AST_FUNC)
        for (size_t i = 0; i < e->u.func.n_args; i++)
            if (names_column(e->u.func.args[i], name))
                return true;
    return false;
}

/* True when the column is part of the partition key, sorting key or
 * primary key. */
static bool is_key_column(const floe_table *t, const char *name)
{
    const floe_ast *ct = t->create;
    return names_column(ct->u.create_table.partition_by, name) ||
           names_column(ct->u.create_table.order_by, name) ||
           names_column(ct->u.create_table.primary_key, name);
}

static void put_ident(floe_buf *b, const char *name, bool always)
{
    bool plain = !always && name[0] && !(name[0] >= '0' && name[0] <= '9');
    for (const char *p = name; *p && plain; p++)
        plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                *p == '_';
    if (plain) {
        floe_buf_puts(b, name);
        return;
    }
    floe_buf_putc(b, '`');
    for (const char *p = name; *p; p++) {
        if (*p == '`' || *p == '\\')
            floe_buf_putc(b, '\\');
        floe_buf_putc(b, *p);
    }
    floe_buf_putc(b, '`');
}

/* The table's definition with its column and index lists replaced. */
typedef struct new_def {
    floe_arena arena;
    floe_ast create;
    floe_ast **cols;
    size_t n;
    floe_ast **idx;
    size_t n_idx;
} new_def;

static void def_init(new_def *d, const floe_table *t)
{
    memset(d, 0, sizeof *d);
    d->create = *t->create;
    d->n = t->create->u.create_table.n_columns;
    d->cols = floe_arena_alloc(&d->arena, (d->n + 2) * sizeof *d->cols);
    memcpy(d->cols, t->create->u.create_table.columns, d->n * sizeof *d->cols);
    d->n_idx = t->create->u.create_table.n_indexes;
    d->idx = floe_arena_alloc(&d->arena, (d->n_idx + 2) * sizeof *d->idx);
    if (d->n_idx)
        memcpy(d->idx, t->create->u.create_table.indexes, d->n_idx * sizeof *d->idx);
}

static int idx_find(const new_def *d, const char *name)
{
    for (size_t i = 0; i < d->n_idx; i++)
        if (strcmp(d->idx[i]->u.index.name, name) == 0)
            return (int)i;
    return -1;
}

static int def_find(const new_def *d, const char *name)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->cols[i]->u.column.name, name) == 0)
            return (int)i;
    return -1;
}

static void def_remove(new_def *d, size_t i)
{
    memmove(&d->cols[i], &d->cols[i + 1], (d->n - i - 1) * sizeof *d->cols);
    d->n--;
}

/* Inserts c at position pos. */
static void def_insert(new_def *d, size_t pos, floe_ast *c)
{
    memmove(&d->cols[pos + 1], &d->cols[pos], (d->n - pos) * sizeof *d->cols);
    d->cols[pos] = c;
    d->n++;
}

/* Where AFTER / FIRST put a column (d without it); -1 with the error. */
static int position(const new_def *d, const floe_ast *cmd)
{
    if (cmd->u.alter_cmd.first)
        return 0;
    if (cmd->u.alter_cmd.after) {
        int a = def_find(d, cmd->u.alter_cmd.after);
        if (a < 0)
            return floe_error(FLOE_ERR_NO_SUCH_COLUMN_IN_TABLE,
                              "Wrong column name. Cannot find column %s to insert after",
                              cmd->u.alter_cmd.after);
        return a + 1;
    }
    return (int)d->n;
}

static floe_ast *copy_col(new_def *d, const floe_ast *c)
{
    floe_ast *r = floe_arena_alloc(&d->arena, sizeof *r);
    *r = *c;
    return r;
}

/* e with every reference to column `from` renamed to `to` (changed nodes
 * copied into the arena, the rest shared). */
static floe_ast *rename_refs(floe_arena *a, floe_ast *e, const char *from, const char *to)
{
    if (!e)
        return e;
    if (e->kind == FLOE_AST_IDENT && e->u.ident.n_parts == 1 &&
        strcmp(e->u.ident.parts[0], from) == 0) {
        floe_ast *r = floe_arena_alloc(a, sizeof *r);
        *r = *e;
        const char **parts = floe_arena_alloc(a, sizeof *parts);
        parts[0] = floe_arena_strdup(a, to);
        r->u.ident.parts = (void *)parts;
        return r;
    }
    if (e->kind != FLOE_AST_FUNC || e->u.func.n_args == 0)
        return e;
    floe_ast **args = floe_arena_alloc(a, e->u.func.n_args * sizeof *args);
    bool changed = false;
    for (size_t i = 0; i < e->u.func.n_args; i++) {
        args[i] = rename_refs(a, e->u.func.args[i], from, to);
        changed |= args[i] != e->u.func.args[i];
    }
    if (!changed)
        return e;
    floe_ast *r = floe_arena_alloc(a, sizeof *r);
    *r = *e;
    r->u.func.args = args;
    return r;
}

/* Canonical type name (checked), stored back in the definition. */
static int check_type(new_def *d, floe_ast *c, const floe_type **out)
{
    const char *tn = c->u.column.type;
    if (!tn)
        return 0;
    const floe_type *ty;
    if (floe_type_parse(&ty, tn, strlen(tn)) < 0)
        return -1;
    c->u.column.type = floe_arena_strdup(&d->arena, ty->name);
    if (out)
        *out = ty;
    return 0;
}

/* Can every value of column name, in every active part of t, be converted
 * to type_name? Checked before a type change is published, so that one that
 * would fail leaves the table as it was (readable, with its old type)
 * instead of queueing a mutation that fails (ClickHouse's way, which
 * leaves the table unreadable until the type is changed back). */
static int convertible(floe_stmt *st, floe_table *t, const char *name, const char *type_name)
{
    if (!floe_mergetree_is(t))
        return 0;
    const floe_type *to;
    if (floe_type_parse(&to, type_name, strlen(type_name)) < 0)
        return -1;
    int col = floe_table_find_column(t, name);
    if (col < 0)
        return 0;
    size_t n = 0;
    floe_part **parts = floe_mergetree_parts(t, &n, false);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        floe_column *v = NULL, *conv = NULL;
        if (rc == 0 && (rc = floe_mt_read_column(&v, floe_mt_of(t), parts[i], (size_t)col)) == 0 &&
            (rc = floe_cast_column(&conv, v, to, FLOE_CAST_THROW, st->ctx.fctx.session_tz)) < 0)
            floe_error_prefix("Cannot change column %s to %s: a value in part %s does not "
                              "convert; nothing was changed",
                              name, type_name, parts[i]->name);
        floe_column_free(v);
        floe_column_free(conv);
        floe_part_unref(parts[i]);
    }
    floe_free(parts);
    return rc;
}

/* Publishes the new definition; *nt gets the new table object. */
static int publish(floe_table **nt, floe_stmt *st, const floe_table *t, new_def *d)
{
    d->create.u.create_table.columns = d->cols;
    d->create.u.create_table.n_columns = d->n;
    d->create.u.create_table.indexes = d->idx;
    d->create.u.create_table.n_indexes = d->n_idx;
    /* running statements finish first; new ones wait for the swap */
    floe_ops_structure_lock(true);
    int rc = floe_catalog_alter_table(nt, st->session->db->catalog, t->db, t->name, &d->create);
    floe_ops_structure_unlock();
    return rc;
}

static int mutate(floe_stmt *st, floe_table *t, const char *command, const char *partition_id)
{
    int64_t version;
    if (floe_mergetree_mutate(&version, t, command, partition_id) < 0)
        return -1;
    if (floe_settings_u64(st->settings, "mutations_sync") == 0)
        return 0;
    return floe_mergetree_mutation_wait(t, version);
}

static int partition_of(char *out, size_t size, floe_table *t, const floe_ast *cmd)
{
    const floe_ast *p = cmd->u.alter_cmd.partition;
    if (!p)
        return 0;
    if (p->u.partition.kind == FLOE_PARTITION_ALL || p->u.partition.kind == FLOE_PARTITION_PART)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Only PARTITION expr and PARTITION ID are supported here");
    return t->ops->partition_id(t, p, out, size);
}

static void put_partition(floe_buf *b, const floe_ast *cmd)
{
    if (!cmd->u.alter_cmd.partition)
        return;
    floe_buf_puts(b, " IN PARTITION ");
    const floe_ast *p = cmd->u.alter_cmd.partition;
    if (p->u.partition.kind == FLOE_PARTITION_ID) {
        floe_buf_puts(b, "ID '");
        floe_buf_puts(b, p->u.partition.name);
        floe_buf_putc(b, '\'');
    } else {
        floe_ast_format(b, p->u.partition.expr, true);
    }
}

static int run_update_delete(floe_stmt *st, floe_table *t, const floe_ast *cmd)
{
    bool update = cmd->u.alter_cmd.type == FLOE_ALTER_UPDATE;
    floe_buf b = FLOE_BUF_INIT;
    int rc = 0;
    floe_buf_puts(&b, update ? "UPDATE " : "DELETE");
    for (size_t i = 0; update && i < cmd->u.alter_cmd.n_assignments; i++) {
        const floe_ast_setting *a = &cmd->u.alter_cmd.assignments[i];
        int c = floe_table_find_column(t, a->name);
        if (c < 0) {
            rc = floe_error(FLOE_ERR_NO_SUCH_COLUMN_IN_TABLE, "There is no column `%s` in table",
                            a->name);
            goto done;
        }
        if (is_key_column(t, a->name)) {
            rc =
                floe_error(FLOE_ERR_CANNOT_UPDATE_COLUMN, "Cannot UPDATE key column `%s`", a->name);
            goto done;
        }
        if (i)
            floe_buf_puts(&b, ", ");
        put_ident(&b, a->name, false);
        floe_buf_puts(&b, " = ");
        floe_ast_format(&b, a->value, true);
    }
    char pid[256];
    if ((rc = partition_of(pid, sizeof pid, t, cmd)) < 0)
        goto done;
    put_partition(&b, cmd);
    floe_buf_puts(&b, " WHERE ");
    floe_ast_format(&b, cmd->u.alter_cmd.expr, true);
    floe_buf_putc(&b, '\0');
    rc = mutate(st, t, b.data, cmd->u.alter_cmd.partition ? pid : NULL);
done:
    floe_buf_free(&b);
    return rc;
}

static int not_found(const char *what, const char *name)
{
    return floe_error(FLOE_ERR_NOT_FOUND_COLUMN_IN_BLOCK,
                      "Wrong column name. Cannot find column `%s` to %s", name, what);
}

int floe_ops_alter_columns(floe_stmt *st, floe_table *t_in, const floe_ast *cmd)
{
    floe_alter_type type = cmd->u.alter_cmd.type;
    /* an earlier command of the statement may have replaced the table */
    floe_table *t = NULL, *nt = NULL;
    if (floe_catalog_get_table(&t, st->session->db->catalog, t_in->db, t_in->name) < 0)
        return -1;
    int rc = 0;
    new_def d;
    def_init(&d, t);
    floe_buf text = FLOE_BUF_INIT;
    const char *name = cmd->u.alter_cmd.name;
    int idx = name ? def_find(&d, name) : -1;
    if (!floe_mergetree_is(t) && type != FLOE_ALTER_COMMENT_COLUMN) {
        rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED, "ALTER of columns of %s tables is not supported",
                        t->engine);
        goto done;
    }
    switch (type) {
    case FLOE_ALTER_ADD_COLUMN: {
        floe_ast *c = copy_col(&d, cmd->u.alter_cmd.column);
        if (def_find(&d, c->u.column.name) >= 0) {
            if (!cmd->u.alter_cmd.if_not_exists)
                rc = floe_error(FLOE_ERR_DUPLICATE_COLUMN,
                                "Cannot add column `%s`: column with this name already exists",
                                c->u.column.name);
            goto done;
        }
        if ((rc = check_type(&d, c, NULL)) < 0)
            goto done;
        int pos = position(&d, cmd);
        if (pos < 0) {
            rc = -1;
            goto done;
        }
        def_insert(&d, (size_t)pos, c);
        rc = publish(&nt, st, t, &d);
        break;
    }
    case FLOE_ALTER_DROP_COLUMN:
        if (cmd->u.alter_cmd.partition) {
            rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED, "DROP COLUMN ... IN PARTITION is not "
                                                      "supported; use CLEAR COLUMN");
            goto done;
        }
        if (idx < 0) {
            if (!cmd->u.alter_cmd.if_exists)
                rc = not_found("drop", name);
            goto done;
        }
        for (size_t i = 0; i < d.n; i++)
            if ((int)i != idx && names_column(d.cols[i]->u.column.default_expr, name)) {
                rc = floe_error(FLOE_ERR_ILLEGAL_COLUMN,
                                "Cannot drop column `%s`, because column `%s` depends on it", name,
                                d.cols[i]->u.column.name);
                goto done;
            }
        if (is_key_column(t, name)) {
            rc = floe_error(FLOE_ERR_UNKNOWN_IDENTIFIER,
                            "Missing columns: '%s' while processing the table's key "
                            "expressions",
                            name);
            goto done;
        }
        if (d.n == 1) {
            rc = floe_error(FLOE_ERR_BAD_ARGUMENTS, "Cannot DROP or CLEAR all columns");
            goto done;
        }
        def_remove(&d, (size_t)idx);
        if ((rc = publish(&nt, st, t, &d)) < 0)
            goto done;
        floe_buf_puts(&text, "DROP COLUMN ");
        put_ident(&text, name, false);
        floe_buf_putc(&text, '\0');
        rc = mutate(st, nt, text.data, NULL);
        break;
    case FLOE_ALTER_RENAME_COLUMN: {
        const char *to = cmd->u.alter_cmd.new_name;
        if (idx < 0) {
            if (!cmd->u.alter_cmd.if_exists)
                rc = not_found("rename", name);
            goto done;
        }
        if (def_find(&d, to) >= 0) {
            rc = floe_error(FLOE_ERR_DUPLICATE_COLUMN,
                            "Cannot rename to `%s`: column with this name already exists", to);
            goto done;
        }
        if (is_key_column(t, name)) {
            rc = floe_error(FLOE_ERR_ALTER_OF_COLUMN_IS_FORBIDDEN,
                            "Trying to ALTER RENAME key %s column which is a part of key "
                            "expression",
                            name);
            goto done;
        }
        floe_ast *c = copy_col(&d, d.cols[idx]);
        c->u.column.name = floe_arena_strdup(&d.arena, to);
        d.cols[idx] = c;
        /* defaults that name the column follow it, as in ClickHouse */
        for (size_t i = 0; i < d.n; i++) {
            floe_ast *e = d.cols[i]->u.column.default_expr;
            floe_ast *r = rename_refs(&d.arena, e, name, to);
            if (r != e) {
                floe_ast *cc = copy_col(&d, d.cols[i]);
                cc->u.column.default_expr = r;
                d.cols[i] = cc;
            }
        }
        if ((rc = publish(&nt, st, t, &d)) < 0)
            goto done;
        floe_buf_puts(&text, "RENAME COLUMN ");
        put_ident(&text, name, false);
        floe_buf_puts(&text, " TO ");
        put_ident(&text, to, false);
        floe_buf_putc(&text, '\0');
        rc = mutate(st, nt, text.data, NULL);
        break;
    }
    case FLOE_ALTER_COMMENT_COLUMN: {
        if (idx < 0) {
            if (!cmd->u.alter_cmd.if_exists)
                rc = not_found("comment", name);
            goto done;
        }
        floe_ast *c = copy_col(&d, d.cols[idx]);
        c->u.column.comment = cmd->u.alter_cmd.comment && cmd->u.alter_cmd.comment[0]
                                  ? cmd->u.alter_cmd.comment
                                  : NULL;
        d.cols[idx] = c;
        rc = publish(&nt, st, t, &d);
        break;
    }
    case FLOE_ALTER_MODIFY_COLUMN: {
        /* a type change whose values do not all convert is refused before
         * anything changes (see convertible) */
        const floe_ast *nc = cmd->u.alter_cmd.column;
        const char *cname = nc ? nc->u.column.name : name;
        idx = def_find(&d, cname);
        if (idx < 0) {
            if (!cmd->u.alter_cmd.if_exists)
                rc = floe_error(FLOE_ERR_NOT_FOUND_COLUMN_IN_BLOCK,
                                "Wrong column. Cannot find column `%s` to modify", cname);
            goto done;
        }
        floe_ast *c = copy_col(&d, d.cols[idx]);
        const char *rp = cmd->u.alter_cmd.remove_property;
        bool retype = false;
        if (rp) {
            if (strcasecmp(rp, "DEFAULT") == 0 || strcasecmp(rp, "MATERIALIZED") == 0 ||
                strcasecmp(rp, "ALIAS") == 0) {
                c->u.column.default_kind = FLOE_COLUMN_NO_DEFAULT;
                c->u.column.default_expr = NULL;
            } else if (strcasecmp(rp, "COMMENT") == 0) {
                c->u.column.comment = NULL;
            } else if (strcasecmp(rp, "CODEC") == 0) {
                c->u.column.codec = NULL;
                c->u.column.n_codec = 0;
            } else if (strcasecmp(rp, "TTL") == 0) {
                c->u.column.ttl = NULL;
            } else {
                rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED, "MODIFY COLUMN ... REMOVE %s", rp);
                goto done;
            }
        } else if (nc) {
            if (nc->u.column.type) {
                const floe_type *ty = NULL;
                c->u.column.type = nc->u.column.type;
                if ((rc = check_type(&d, c, &ty)) < 0)
                    goto done;
                const floe_type *old = t->cols[floe_table_find_column(t, cname)].type;
                if (ty != old) {
                    if (is_key_column(t, cname)) {
                        rc = floe_error(FLOE_ERR_ALTER_OF_COLUMN_IS_FORBIDDEN,
                                        "ALTER of key column %s from type %s to type %s is not "
                                        "safe because it can change the representation of "
                                        "primary key",
                                        cname, old->name, ty->name);
                        goto done;
                    }
                    retype = true;
                }
            }
            if (nc->u.column.default_kind != FLOE_COLUMN_NO_DEFAULT) {
                c->u.column.default_kind = nc->u.column.default_kind;
                c->u.column.default_expr = nc->u.column.default_expr;
            }
            if (nc->u.column.comment)
                c->u.column.comment = nc->u.column.comment;
            if (nc->u.column.n_codec) {
                c->u.column.codec = nc->u.column.codec;
                c->u.column.n_codec = nc->u.column.n_codec;
            }
            if (nc->u.column.ttl)
                c->u.column.ttl = nc->u.column.ttl;
        }
        if (retype && (rc = convertible(st, t, cname, c->u.column.type)) < 0)
            goto done;
        def_remove(&d, (size_t)idx);
        int pos = (cmd->u.alter_cmd.first || cmd->u.alter_cmd.after) ? position(&d, cmd) : idx;
        if (pos < 0) {
            rc = -1;
            goto done;
        }
        def_insert(&d, (size_t)pos, c);
        if ((rc = publish(&nt, st, t, &d)) < 0 || !retype)
            goto done;
        floe_buf_puts(&text, "MODIFY COLUMN ");
        put_ident(&text, cname, true);
        floe_buf_putc(&text, ' ');
        floe_buf_puts(&text, c->u.column.type);
        floe_buf_putc(&text, '\0');
        rc = mutate(st, nt, text.data, NULL);
        break;
    }
    case FLOE_ALTER_CLEAR_COLUMN:
    case FLOE_ALTER_MATERIALIZE_COLUMN: {
        bool clear = type == FLOE_ALTER_CLEAR_COLUMN;
        if (idx < 0) {
            if (!cmd->u.alter_cmd.if_exists)
                rc = clear ? not_found("clear", name)
                           : floe_error(FLOE_ERR_NO_SUCH_COLUMN_IN_TABLE,
                                        "There is no column %s in table", name);
            goto done;
        }
        if (clear && is_key_column(t, name)) {
            rc = floe_error(FLOE_ERR_ILLEGAL_COLUMN, "Cannot clear key column %s", name);
            goto done;
        }
        char pid[256];
        if ((rc = partition_of(pid, sizeof pid, t, cmd)) < 0)
            goto done;
        floe_buf_puts(&text, clear ? "CLEAR COLUMN " : "MATERIALIZE COLUMN ");
        put_ident(&text, name, false);
        put_partition(&text, cmd);
        floe_buf_putc(&text, '\0');
        rc = mutate(st, t, text.data, cmd->u.alter_cmd.partition ? pid : NULL);
        break;
    }
    case FLOE_ALTER_UPDATE:
    case FLOE_ALTER_DELETE:
        rc = run_update_delete(st, t, cmd);
        break;
    case FLOE_ALTER_ADD_INDEX: {
        const floe_ast *ix = cmd->u.alter_cmd.index;
        if (idx_find(&d, ix->u.index.name) >= 0) {
            if (!cmd->u.alter_cmd.if_not_exists)
                rc = floe_error(FLOE_ERR_ILLEGAL_COLUMN,
                                "Cannot add index %s: index with this name already exists",
                                ix->u.index.name);
            goto done;
        }
        size_t pos = d.n_idx;
        if (cmd->u.alter_cmd.first) {
            pos = 0;
        } else if (cmd->u.alter_cmd.after) {
            int a = idx_find(&d, cmd->u.alter_cmd.after);
            if (a < 0) {
                rc = floe_error(FLOE_ERR_BAD_ARGUMENTS,
                                "Wrong index name. Cannot find index `%s` to insert after",
                                cmd->u.alter_cmd.after);
                goto done;
            }
            pos = (size_t)a + 1;
        }
        memmove(&d.idx[pos + 1], &d.idx[pos], (d.n_idx - pos) * sizeof *d.idx);
        d.idx[pos] = (floe_ast *)ix;
        d.n_idx++;
        /* parts written from now on have it; MATERIALIZE INDEX builds it in
         * the others */
        rc = publish(&nt, st, t, &d);
        break;
    }
    case FLOE_ALTER_DROP_INDEX: {
        int k = idx_find(&d, name);
        if (k < 0 && !cmd->u.alter_cmd.if_exists) {
            rc = floe_error(FLOE_ERR_BAD_ARGUMENTS,
                            "Wrong index name. Cannot find index `%s` to drop", name);
            goto done;
        }
        floe_buf_printf(&text, "DROP INDEX %s%s", k < 0 ? "IF EXISTS " : "", name);
        floe_buf_putc(&text, '\0');
        if (k < 0) { /* ClickHouse still records the mutation */
            rc = floe_mt_rewrite_parts(t, NULL, FLOE_MT_LINK_ONLY, text.data);
            goto done;
        }
        memmove(&d.idx[k], &d.idx[k + 1], (d.n_idx - (size_t)k - 1) * sizeof *d.idx);
        d.n_idx--;
        if ((rc = publish(&nt, st, t, &d)) < 0)
            goto done;
        rc = floe_mt_index_parts(nt, NULL, name, false, text.data);
        break;
    }
    default:
        rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED, "This ALTER command is not supported yet");
        break;
    }
done:
    floe_buf_free(&text);
    floe_arena_free(&d.arena);
    if (nt)
        floe_table_unref(nt);
    floe_table_unref(t);
    return rc;
}

/* ---- KILL MUTATION WHERE cond ---- */

int floe_ops_kill(floe_stmt *st, const floe_ast *stmt);

/* The columns of system.mutations a KILL's condition may name. */
static const char *const kill_names[] = {
    "database",  "table",       "mutation_id",        "command",           "is_done",
    "is_killed", "parts_to_do", "latest_failed_part", "latest_fail_reason"};
enum { KILL_COLS = 9 };

static void kill_add_rows(floe_block *b, floe_table *t)
{
    floe_mutation_info *v = NULL;
    size_t n = 0;
    floe_mergetree_mutations(&v, &n, t);
    for (size_t i = 0; i < n; i++) {
        const char *strs[] = {t->db, t->name, v[i].mutation_id,        v[i].command,           NULL,
                              NULL,  NULL,    v[i].latest_failed_part, v[i].latest_fail_reason};
        for (size_t c = 0; c < KILL_COLS; c++) {
            if (strs[c]) {
                floe_column_push_string(b->cols[c], strs[c], strlen(strs[c]));
            } else if (c == 6) {
                int64_t x = (int64_t)v[i].n_parts_to_do;
                floe_column_push_fixed(b->cols[c], &x);
            } else {
                uint8_t x = c == 4 ? v[i].is_done : v[i].is_killed;
                floe_column_push_fixed(b->cols[c], &x);
            }
        }
        b->rows++;
    }
    floe_mutation_infos_free(v, n);
}

int floe_ops_kill(floe_stmt *st, const floe_ast *stmt)
{
    if (strcasecmp(stmt->u.kill.what, "MUTATION") != 0)
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "KILL %s is not supported", stmt->u.kill.what);
    floe_catalog *cat = st->session->db->catalog;
    const floe_type *types[KILL_COLS];
    for (size_t c = 0; c < KILL_COLS; c++)
        types[c] = floe_type_get(c == 4 || c == 5 ? FLOE_TYPE_UINT8
                                 : c == 6         ? FLOE_TYPE_INT64
                                                  : FLOE_TYPE_STRING);
    floe_block *all = floe_block_new();
    for (size_t c = 0; c < KILL_COLS; c++)
        floe_block_add(all, kill_names[c], floe_column_new(types[c]));
    all->rows = 0;
    char **dbs = NULL, **tables = NULL;
    size_t n_db = 0, n_t = 0;
    int rc = floe_catalog_list_databases(cat, &dbs, &n_db);
    for (size_t d = 0; d < n_db && rc == 0; d++) {
        if (floe_catalog_is_builtin_database(dbs[d]) ||
            floe_catalog_list_tables(cat, dbs[d], &tables, &n_t) < 0) {
            floe_error_clear();
            continue;
        }
        for (size_t i = 0; i < n_t; i++) {
            floe_table *t;
            if (floe_catalog_get_table(&t, cat, dbs[d], tables[i]) < 0) {
                floe_error_clear();
                continue;
            }
            if (floe_mergetree_is(t))
                kill_add_rows(all, t);
            floe_table_unref(t);
        }
        for (size_t i = 0; i < n_t; i++)
            floe_free(tables[i]);
        floe_free(tables);
    }
    for (size_t d = 0; d < n_db; d++)
        floe_free(dbs[d]);
    floe_free(dbs);
    /* the rows the condition picks */
    uint8_t *mask = NULL;
    floe_block *out = NULL;
    if (rc == 0)
        rc = floe_ops_where_mask(&mask, stmt->u.kill.where, all, kill_names, types);
    if (rc < 0)
        goto done;
    const char *out_names[] = {"kill_status", "database", "table", "mutation_id", "command"};
    out = floe_block_new();
    for (size_t c = 0; c < 5; c++)
        floe_block_add(out, out_names[c], floe_column_new(floe_type_get(FLOE_TYPE_STRING)));
    out->rows = 0;
    for (size_t r = 0; r < all->rows; r++) {
        if (!mask[r])
            continue;
        size_t l0, l1, l2, l3;
        const char *db = floe_column_string_at(all->cols[0], r, &l0);
        const char *tn = floe_column_string_at(all->cols[1], r, &l1);
        const char *id = floe_column_string_at(all->cols[2], r, &l2);
        const char *cm = floe_column_string_at(all->cols[3], r, &l3);
        char *dbz = floe_strndup(db, l0), *tz = floe_strndup(tn, l1), *idz = floe_strndup(id, l2);
        floe_table *t = NULL;
        if (floe_catalog_get_table(&t, cat, dbz, tz) == 0) {
            floe_mergetree_kill_mutation(t, idz);
            floe_table_unref(t);
        }
        floe_error_clear();
        /* the mutation is stopped at once; ClickHouse reports a
         * non-replicated kill as waiting */
        const char *status = stmt->u.kill.mode == 3 ? "cant_cancel" : "waiting";
        floe_column_push_string(out->cols[0], status, strlen(status));
        floe_column_push_string(out->cols[1], db, l0);
        floe_column_push_string(out->cols[2], tn, l1);
        floe_column_push_string(out->cols[3], id, l2);
        floe_column_push_string(out->cols[4], cm, l3);
        out->rows++;
        floe_free(dbz);
        floe_free(tz);
        floe_free(idz);
    }
    /* ClickHouse prints nothing at all when no mutation matched */
    if (out->rows) {
        rc = floe_ops_output_block(st, out, stmt);
        out = NULL;
    }
done:
    floe_free(mask);
    floe_block_free(out);
    floe_block_free(all);
    return rc;
}

/* ---- lightweight DELETE FROM t [IN PARTITION p] WHERE cond ----
 * Queued as ClickHouse queues it (UPDATE _row_exists = 0 WHERE cond), but
 * the rewrite removes the rows instead of masking them: what SELECT sees is
 * the same, system.parts counts only the rows left. */

int floe_ops_delete(floe_stmt *st, const floe_ast *stmt)
{
    const char *db = stmt->u.delete_.db ? stmt->u.delete_.db : st->session->database;
    floe_table *t;
    if (floe_catalog_get_table(&t, st->session->db->catalog, db, stmt->u.delete_.name) < 0)
        return -1;
    int rc =
        floe_settings_apply(st->settings, stmt->u.delete_.settings, stmt->u.delete_.n_settings);
    floe_buf b = FLOE_BUF_INIT;
    char pid[256];
    if (rc < 0)
        goto done;
    if (!floe_mergetree_is(t)) {
        rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED, "DELETE FROM %s tables is not supported",
                        t->engine);
        goto done;
    }
    floe_ast cmd;
    memset(&cmd, 0, sizeof cmd);
    cmd.kind = FLOE_AST_ALTER_CMD;
    cmd.u.alter_cmd.type = FLOE_ALTER_DELETE;
    cmd.u.alter_cmd.partition = stmt->u.delete_.partition;
    if ((rc = partition_of(pid, sizeof pid, t, &cmd)) < 0)
        goto done;
    floe_buf_puts(&b, "UPDATE _row_exists = 0");
    put_partition(&b, &cmd);
    floe_buf_puts(&b, " WHERE ");
    floe_ast_format(&b, stmt->u.delete_.where, true);
    floe_buf_putc(&b, '\0');
    int64_t version;
    if ((rc = floe_mergetree_mutate(&version, t, b.data, cmd.u.alter_cmd.partition ? pid : NULL)) <
        0)
        goto done;
    if (floe_settings_u64(st->settings, "lightweight_deletes_sync") > 0)
        rc = floe_mergetree_mutation_wait(t, version);
done:
    floe_buf_free(&b);
    floe_table_unref(t);
    return rc;
}
