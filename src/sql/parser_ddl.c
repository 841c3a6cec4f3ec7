/*
 * DDL: CREATE DATABASE / TABLE / VIEW / MATERIALIZED VIEW with column,
 * index, projection and constraint definitions and the storage clauses,
 * and ALTER TABLE with ClickHouse's column, index, setting, TTL, mutation
 * and partition commands (plus EXPORT and CONVERT PARTITION).
 */
#include "sql/parser_int.h"

#include <string.h>
#include <strings.h>

#include "base/error.h"

static void skip_on_cluster(floe_parser *p)
{
    if (floe_p_accept_kw(p, "ON CLUSTER")) {
        if (floe_p_is(p, 0, FLOE_TK_STRING))
            floe_p_string(p, NULL);
        else
            floe_p_ident(p, "cluster name");
    }
}

/* A column name: an identifier, or a compound one for a Nested column's
 * element (n.a), kept joined by dots as ClickHouse names such columns. */
static const char *column_name(floe_parser *p)
{
    const char *first = floe_p_ident(p, "identifier");
    if (!first || !floe_p_is(p, 0, FLOE_TK_DOT) || !floe_p_is_ident_start(p, 1))
        return first;
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_puts(&b, first);
    while (floe_p_is(p, 0, FLOE_TK_DOT) && floe_p_is_ident_start(p, 1)) {
        floe_p_advance(p);
        floe_buf_putc(&b, '.');
        floe_buf_puts(&b, floe_p_ident(p, NULL));
    }
    const char *r = floe_arena_strndup(p->a, b.data, b.len);
    floe_buf_free(&b);
    return r;
}

/* Name[(args)] as a FUNC node: engines, codecs, index types. */
static floe_ast *func_maybe_bare(floe_parser *p, const char *what)
{
    uint32_t pos = floe_p_pos(p);
    const char *name = floe_p_ident(p, what);
    if (!name)
        return NULL;
    if (floe_p_is(p, 0, FLOE_TK_LPAREN))
        return floe_p_function_call(p, name, pos);
    floe_ast *f = floe_p_new(p, FLOE_AST_FUNC, pos);
    f->u.func.name = name;
    f->u.func.no_empty_args = true;
    floe_p_finish(p, f);
    return f;
}

static bool is_column_keyword(floe_parser *p)
{
    static const char *const words[] = {
        "DEFAULT", "MATERIALIZED", "ALIAS",   "EPHEMERAL", "COMMENT",        "CODEC",
        "TTL",     "STATISTICS",   "PRIMARY", "SETTINGS",  "AUTO_INCREMENT", NULL};
    for (size_t k = 0; words[k]; k++)
        if (floe_p_is_kw(p, 0, words[k]))
            return true;
    if (floe_p_is_kw(p, 0, "NULL") || (floe_p_is_kw(p, 0, "NOT") && floe_p_is_kw(p, 1, "NULL")))
        return true;
    return false;
}

static bool codec_list(floe_parser *p, floe_ast ***out, size_t *n)
{
    if (!floe_p_expect(p, FLOE_TK_LPAREN, "opening bracket"))
        return false;
    floe_avec v = {0};
    do {
        floe_ast *c = func_maybe_bare(p, "codec");
        if (!c)
            return false;
        floe_p_push_ast(p, &v, c);
    } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
    if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
        return false;
    *out = v.v;
    *n = v.n;
    return true;
}

static bool ttl_list(floe_parser *p, floe_ast ***out, size_t *n)
{
    floe_avec v = {0};
    do {
        floe_ast *e = floe_p_expr(p);
        if (!e)
            return false;
        if (floe_p_accept_kw(p, "DELETE")) {
            /* the default action */
        } else if (floe_p_is_kw(p, 0, "TO") || floe_p_is_kw(p, 0, "RECOMPRESS") ||
                   floe_p_is_kw(p, 0, "GROUP") || floe_p_is_kw(p, 0, "WHERE")) {
            floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                       "TTL actions other than DELETE are not supported by floe");
            p->fatal = true;
            p->failed = true;
            return false;
        }
        floe_p_push_ast(p, &v, e);
    } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
    *out = v.v;
    *n = v.n;
    return true;
}

floe_ast *floe_p_column_def(floe_parser *p, bool type_required)
{
    uint32_t pos = floe_p_pos(p);
    floe_ast *c = floe_p_new(p, FLOE_AST_COLUMN_DEF, pos);
    c->u.column.null_modifier = -1;
    if (!(c->u.column.name = column_name(p)))
        return NULL;
    if (floe_p_is_ident_start(p, 0) && !is_column_keyword(p)) {
        if (!(c->u.column.type = floe_p_type_text(p)))
            return NULL;
    } else {
        floe_p_expected(p, "data type");
    }
    for (;;) {
        if (floe_p_accept_kw(p, "NOT NULL")) {
            c->u.column.null_modifier = 0;
        } else if (floe_p_is_kw(p, 0, "NULL")) {
            floe_p_advance(p);
            c->u.column.null_modifier = 1;
        } else if (floe_p_accept_kw(p, "DEFAULT")) {
            c->u.column.default_kind = FLOE_COLUMN_DEFAULT;
            if (!(c->u.column.default_expr = floe_p_expr(p)))
                return NULL;
        } else if (floe_p_accept_kw(p, "MATERIALIZED")) {
            c->u.column.default_kind = FLOE_COLUMN_MATERIALIZED;
            if (!(c->u.column.default_expr = floe_p_expr(p)))
                return NULL;
        } else if (floe_p_accept_kw(p, "ALIAS")) {
            c->u.column.default_kind = FLOE_COLUMN_ALIAS;
            if (!(c->u.column.default_expr = floe_p_expr(p)))
                return NULL;
        } else if (floe_p_accept_kw(p, "EPHEMERAL")) {
            c->u.column.default_kind = FLOE_COLUMN_EPHEMERAL;
            if (!floe_p_is(p, 0, FLOE_TK_COMMA) && !floe_p_is(p, 0, FLOE_TK_RPAREN) &&
                !floe_p_is(p, 0, FLOE_TK_EOF) && !is_column_keyword(p)) {
                if (!(c->u.column.default_expr = floe_p_expr(p)))
                    return NULL;
            }
        } else if (floe_p_accept_kw(p, "COMMENT")) {
            if (!(c->u.column.comment = floe_p_string(p, NULL)))
                return NULL;
        } else if (floe_p_accept_kw(p, "CODEC")) {
            if (!codec_list(p, &c->u.column.codec, &c->u.column.n_codec))
                return NULL;
        } else if (floe_p_accept_kw(p, "STATISTICS")) {
            if (!codec_list(p, &c->u.column.statistics, &c->u.column.n_statistics))
                return NULL;
        } else if (floe_p_accept_kw(p, "TTL")) {
            if (!(c->u.column.ttl = floe_p_expr(p)))
                return NULL;
        } else if (floe_p_accept_kw(p, "PRIMARY KEY")) {
            c->u.column.primary_key = true;
        } else if (floe_p_accept_kw(p, "SETTINGS")) {
            bool paren = floe_p_accept(p, FLOE_TK_LPAREN, NULL);
            if (!floe_p_settings(p, &c->u.column.settings, &c->u.column.n_settings))
                return NULL;
            if (paren && !floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
                return NULL;
        } else {
            break;
        }
    }
    if (type_required && !c->u.column.type && c->u.column.default_kind == FLOE_COLUMN_NO_DEFAULT)
        return floe_p_fail(p, "data type");
    floe_p_finish(p, c);
    return c;
}

floe_ast *floe_p_index_def(floe_parser *p)
{
    floe_ast *x = floe_p_new(p, FLOE_AST_INDEX_DEF, floe_p_pos(p));
    if (!(x->u.index.name = floe_p_ident(p, NULL)))
        return NULL;
    if (!(x->u.index.expr = floe_p_expr(p)))
        return NULL;
    if (!floe_p_expect_kw(p, "TYPE"))
        return NULL;
    if (!(x->u.index.type = func_maybe_bare(p, "index type")))
        return NULL;
    if (floe_p_accept_kw(p, "GRANULARITY")) {
        if (!floe_p_u64(p, &x->u.index.granularity, NULL))
            return NULL;
        x->u.index.has_granularity = true;
    }
    floe_p_finish(p, x);
    return x;
}

static floe_ast *projection_def(floe_parser *p)
{
    floe_ast *x = floe_p_new(p, FLOE_AST_PROJECTION_DEF, floe_p_pos(p));
    if (!(x->u.projection.name = floe_p_ident(p, NULL)))
        return NULL;
    if (!floe_p_expect(p, FLOE_TK_LPAREN, "opening bracket"))
        return NULL;
    if (!(x->u.projection.query = floe_p_select_union(p)))
        return NULL;
    if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
        return NULL;
    floe_p_finish(p, x);
    return x;
}

static floe_ast *constraint_def(floe_parser *p)
{
    floe_ast *x = floe_p_new(p, FLOE_AST_CONSTRAINT_DEF, floe_p_pos(p));
    if (!(x->u.constraint.name = floe_p_ident(p, NULL)))
        return NULL;
    if (floe_p_accept_kw(p, "ASSUME"))
        x->u.constraint.assume = true;
    else if (!floe_p_expect_kw(p, "CHECK"))
        return NULL;
    if (!(x->u.constraint.expr = floe_p_expr(p)))
        return NULL;
    floe_p_finish(p, x);
    return x;
}

/* INDEX name expr TYPE t: an element starting with INDEX is an index only
 * when TYPE follows in it (a column may be called index). */
static bool index_ahead(floe_parser *p)
{
    int depth = 0;
    for (size_t k = 2;; k++) {
        const floe_token *t = floe_p_tok(p, k);
        if (t->type == FLOE_TK_EOF || floe_token_is_error(t->type))
            return false;
        if (t->type == FLOE_TK_LPAREN || t->type == FLOE_TK_LBRACKET)
            depth++;
        else if (t->type == FLOE_TK_RPAREN || t->type == FLOE_TK_RBRACKET) {
            if (depth-- == 0)
                return false;
        } else if (depth == 0 && t->type == FLOE_TK_COMMA)
            return false;
        else if (depth == 0 && floe_p_is_kw(p, k, "TYPE"))
            return true;
    }
}

static bool table_elements(floe_parser *p, floe_ast *e)
{
    floe_avec cols = {0}, idx = {0}, proj = {0}, cons = {0};
    do {
        if (floe_p_is_kw(p, 0, "INDEX") && floe_p_is_ident_start(p, 1) && index_ahead(p)) {
            floe_p_advance(p);
            floe_ast *x = floe_p_index_def(p);
            if (!x)
                return false;
            floe_p_push_ast(p, &idx, x);
        } else if (floe_p_is_kw(p, 0, "PROJECTION") && floe_p_is_ident_start(p, 1) &&
                   floe_p_is(p, 2, FLOE_TK_LPAREN) && floe_p_is_select_start(p, 3)) {
            floe_p_advance(p);
            floe_ast *x = projection_def(p);
            if (!x)
                return false;
            floe_p_push_ast(p, &proj, x);
        } else if (floe_p_is_kw(p, 0, "CONSTRAINT") && floe_p_is_ident_start(p, 1) &&
                   (floe_p_is_kw(p, 2, "CHECK") || floe_p_is_kw(p, 2, "ASSUME"))) {
            floe_p_advance(p);
            floe_ast *x = constraint_def(p);
            if (!x)
                return false;
            floe_p_push_ast(p, &cons, x);
        } else if (floe_p_is_kw(p, 0, "PRIMARY") && floe_p_is_kw(p, 1, "KEY")) {
            floe_p_advance(p);
            floe_p_advance(p);
            floe_ast *k = floe_p_expr(p);
            if (!k)
                return false;
            e->u.create_table.primary_key_in_columns = k;
        } else {
            floe_ast *c = floe_p_column_def(p, true);
            if (!c)
                return false;
            floe_p_push_ast(p, &cols, c);
        }
    } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
    if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
        return false;
    e->u.create_table.columns = cols.v;
    e->u.create_table.n_columns = cols.n;
    e->u.create_table.indexes = idx.v;
    e->u.create_table.n_indexes = idx.n;
    e->u.create_table.projections = proj.v;
    e->u.create_table.n_projections = proj.n;
    e->u.create_table.constraints = cons.v;
    e->u.create_table.n_constraints = cons.n;
    return true;
}

/* ENGINE = X(...) PARTITION BY ... ORDER BY ... etc., in any order. */
static bool storage_clauses(floe_parser *p, floe_ast *e)
{
    for (;;) {
        if (floe_p_accept_kw(p, "ENGINE")) {
            floe_p_accept(p, FLOE_TK_EQUALS, NULL);
            if (!(e->u.create_table.engine = func_maybe_bare(p, "engine name")))
                return false;
        } else if (floe_p_accept_kw(p, "PARTITION BY")) {
            if (!(e->u.create_table.partition_by = floe_p_expr(p)))
                return false;
        } else if (floe_p_accept_kw(p, "PRIMARY KEY")) {
            if (!(e->u.create_table.primary_key = floe_p_expr(p)))
                return false;
        } else if (floe_p_accept_kw(p, "ORDER BY")) {
            if (!(e->u.create_table.order_by = floe_p_expr(p)))
                return false;
        } else if (floe_p_accept_kw(p, "SAMPLE BY")) {
            if (!(e->u.create_table.sample_by = floe_p_expr(p)))
                return false;
        } else if (floe_p_accept_kw(p, "TTL")) {
            if (!ttl_list(p, &e->u.create_table.ttl, &e->u.create_table.n_ttl))
                return false;
        } else if (floe_p_accept_kw(p, "SETTINGS")) {
            if (!floe_p_settings(p, &e->u.create_table.settings, &e->u.create_table.n_settings))
                return false;
        } else if (floe_p_accept_kw(p, "COMMENT")) {
            if (!(e->u.create_table.comment = floe_p_string(p, NULL)))
                return false;
        } else {
            return true;
        }
    }
}

static floe_ast *create_database(floe_parser *p, uint32_t pos)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_CREATE_DATABASE, pos);
    if (floe_p_accept_kw(p, "IF NOT EXISTS"))
        e->u.create_database.if_not_exists = true;
    if (!(e->u.create_database.name = floe_p_ident(p, NULL)))
        return NULL;
    skip_on_cluster(p);
    for (;;) {
        if (floe_p_accept_kw(p, "ENGINE")) {
            floe_p_accept(p, FLOE_TK_EQUALS, NULL);
            if (!(e->u.create_database.engine = func_maybe_bare(p, "engine name")))
                return NULL;
        } else if (floe_p_accept_kw(p, "SETTINGS")) {
            if (!floe_p_settings(p, &e->u.create_database.settings,
                                 &e->u.create_database.n_settings))
                return NULL;
        } else if (floe_p_accept_kw(p, "COMMENT")) {
            if (!(e->u.create_database.comment = floe_p_string(p, NULL)))
                return NULL;
        } else {
            break;
        }
    }
    return e;
}

floe_ast *floe_p_create(floe_parser *p)
{
    uint32_t pos = floe_p_pos(p);
    floe_ast *e = floe_p_new(p, FLOE_AST_CREATE_TABLE, pos);
    if (floe_p_accept_kw(p, "REPLACE")) {
        e->u.create_table.replace = true;
    } else {
        if (!floe_p_accept_kw(p, "ATTACH") && !floe_p_expect_kw(p, "CREATE"))
            return NULL;
        if (floe_p_accept_kw(p, "OR REPLACE"))
            e->u.create_table.or_replace = true;
    }
    if (!e->u.create_table.or_replace && !e->u.create_table.replace &&
        floe_p_accept_kw(p, "DATABASE"))
        return create_database(p, pos);
    if (floe_p_accept_kw(p, "TEMPORARY"))
        e->u.create_table.temporary = true;
    if (floe_p_accept_kw(p, "MATERIALIZED VIEW")) {
        e->u.create_table.is_view = e->u.create_table.is_materialized_view = true;
    } else if (floe_p_accept_kw(p, "VIEW")) {
        e->u.create_table.is_view = true;
    } else if (!floe_p_accept_kw(p, "TABLE")) {
        return floe_p_fail(p, "TABLE");
    }
    if (floe_p_accept_kw(p, "IF NOT EXISTS"))
        e->u.create_table.if_not_exists = true;
    floe_ast_qname q;
    if (!floe_p_qname(p, &q, NULL))
        return NULL;
    e->u.create_table.db = q.db;
    e->u.create_table.name = q.name;
    if (floe_p_accept_kw(p, "UUID")) {
        if (!(e->u.create_table.uuid = floe_p_string(p, NULL)))
            return NULL;
    }
    skip_on_cluster(p);
    if (e->u.create_table.is_materialized_view && floe_p_accept_kw(p, "TO")) {
        if (!floe_p_qname(p, &e->u.create_table.to_table, NULL))
            return NULL;
    }
    if (floe_p_accept(p, FLOE_TK_LPAREN, NULL)) {
        if (!table_elements(p, e))
            return NULL;
    }
    if (!storage_clauses(p, e))
        return NULL;
    if (e->u.create_table.is_materialized_view && floe_p_accept_kw(p, "POPULATE"))
        e->u.create_table.populate = true;
    if (floe_p_accept_kw(p, "EMPTY")) {
        e->u.create_table.empty_as = true;
        if (!floe_p_expect_kw(p, "AS"))
            return NULL;
        if (!(e->u.create_table.as_select = floe_p_select_union(p)))
            return NULL;
    } else if (floe_p_accept_kw(p, "AS")) {
        if (floe_p_is_select_start(p, 0) || floe_p_is(p, 0, FLOE_TK_LPAREN)) {
            if (!(e->u.create_table.as_select = floe_p_select_union(p)))
                return NULL;
        } else {
            uint32_t fpos = floe_p_pos(p);
            floe_ast_qname aq;
            if (!floe_p_qname(p, &aq, "table"))
                return NULL;
            if (!aq.db && floe_p_is(p, 0, FLOE_TK_LPAREN)) {
                if (!(e->u.create_table.as_function = floe_p_function_call(p, aq.name, fpos)))
                    return NULL;
            } else {
                e->u.create_table.as_table = aq;
                if (!storage_clauses(p, e))
                    return NULL;
            }
        }
    }
    if (floe_p_accept_kw(p, "COMMENT")) {
        if (!(e->u.create_table.comment = floe_p_string(p, NULL)))
            return NULL;
    }
    return e;
}

/* ---- ALTER ---- */

static floe_ast *new_cmd(floe_parser *p, floe_alter_type type, uint32_t pos)
{
    floe_ast *c = floe_p_new(p, FLOE_AST_ALTER_CMD, pos);
    c->u.alter_cmd.type = type;
    return c;
}

static bool after_first(floe_parser *p, floe_ast *c)
{
    if (floe_p_accept_kw(p, "FIRST")) {
        c->u.alter_cmd.first = true;
    } else if (floe_p_accept_kw(p, "AFTER")) {
        if (!(c->u.alter_cmd.after = column_name(p)))
            return false;
    }
    return true;
}

static bool in_partition(floe_parser *p, floe_ast *c)
{
    if (floe_p_is_kw(p, 0, "IN") && floe_p_is_kw(p, 1, "PARTITION")) {
        floe_p_advance(p);
        if (!(c->u.alter_cmd.partition = floe_p_partition(p)))
            return false;
    } else if (floe_p_is_kw(p, 0, "IN")) {
        p->i++;
        floe_p_expected(p, "PARTITION");
        p->i--;
    } else {
        floe_p_expected(p, "IN PARTITION");
    }
    return true;
}

static bool if_exists(floe_parser *p, floe_ast *c)
{
    if (floe_p_accept_kw(p, "IF EXISTS"))
        c->u.alter_cmd.if_exists = true;
    return true;
}

static bool if_not_exists(floe_parser *p, floe_ast *c)
{
    if (floe_p_accept_kw(p, "IF NOT EXISTS"))
        c->u.alter_cmd.if_not_exists = true;
    return true;
}

/* PARTITION p | PART 'x' */
static bool partition_or_part(floe_parser *p, floe_ast *c)
{
    if (!floe_p_is_kw(p, 0, "PARTITION") && !floe_p_is_kw(p, 0, "PART"))
        return floe_p_fail(p, "PARTITION"), false;
    return (c->u.alter_cmd.partition = floe_p_partition(p)) != NULL;
}

static bool qname_after(floe_parser *p, floe_ast_qname *q)
{
    return floe_p_qname(p, q, "table");
}

static floe_ast *alter_command(floe_parser *p)
{
    uint32_t pos = floe_p_pos(p);
    floe_ast *c;
    if (floe_p_accept_kw(p, "ADD COLUMN")) {
        c = new_cmd(p, FLOE_ALTER_ADD_COLUMN, pos);
        if_not_exists(p, c);
        if (!(c->u.alter_cmd.column = floe_p_column_def(p, false)) || !after_first(p, c))
            return NULL;
    } else if (floe_p_accept_kw(p, "DROP COLUMN")) {
        c = new_cmd(p, FLOE_ALTER_DROP_COLUMN, pos);
        if_exists(p, c);
        if (!(c->u.alter_cmd.name = column_name(p)) || !in_partition(p, c))
            return NULL;
    } else if (floe_p_accept_kw(p, "MODIFY COLUMN")) {
        c = new_cmd(p, FLOE_ALTER_MODIFY_COLUMN, pos);
        if_exists(p, c);
        if (floe_p_is_ident_start(p, 0) && floe_p_is_kw(p, 1, "REMOVE")) {
            floe_ast *col = floe_p_new(p, FLOE_AST_COLUMN_DEF, floe_p_pos(p));
            col->u.column.null_modifier = -1;
            col->u.column.name = column_name(p);
            c->u.alter_cmd.name = col->u.column.name;
            c->u.alter_cmd.column = col;
            floe_p_advance(p);
            static const char *const props[] = {
                "DEFAULT", "MATERIALIZED", "ALIAS",    "EPHEMERAL",  "COMMENT",
                "CODEC",   "TTL",          "SETTINGS", "STATISTICS", NULL};
            for (size_t k = 0; props[k]; k++)
                if (floe_p_accept_kw(p, props[k])) {
                    c->u.alter_cmd.remove_property = props[k];
                    break;
                }
            if (!c->u.alter_cmd.remove_property)
                return floe_p_fail(p, "DEFAULT");
        } else if (floe_p_is_ident_start(p, 0) && floe_p_is_kw(p, 1, "MODIFY") &&
                   floe_p_is_kw(p, 2, "SETTING")) {
            c->u.alter_cmd.name = column_name(p);
            floe_p_advance(p);
            floe_p_advance(p);
            if (!floe_p_settings(p, &c->u.alter_cmd.settings, &c->u.alter_cmd.n_settings))
                return NULL;
        } else if (floe_p_is_ident_start(p, 0) && floe_p_is_kw(p, 1, "RESET") &&
                   floe_p_is_kw(p, 2, "SETTING")) {
            c->u.alter_cmd.name = column_name(p);
            floe_p_advance(p);
            floe_p_advance(p);
            floe_avec v = {0};
            do {
                const char *n = floe_p_ident(p, NULL);
                if (!n)
                    return NULL;
                *(const char **)floe_p_push(p, &v, sizeof(char *)) = n;
            } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
            c->u.alter_cmd.reset_names = v.v;
            c->u.alter_cmd.n_reset_names = v.n;
        } else {
            if (!(c->u.alter_cmd.column = floe_p_column_def(p, false)) || !after_first(p, c))
                return NULL;
            c->u.alter_cmd.name = c->u.alter_cmd.column->u.column.name;
        }
    } else if (floe_p_accept_kw(p, "RENAME COLUMN")) {
        c = new_cmd(p, FLOE_ALTER_RENAME_COLUMN, pos);
        if_exists(p, c);
        if (!(c->u.alter_cmd.name = column_name(p)) || !floe_p_expect_kw(p, "TO") ||
            !(c->u.alter_cmd.new_name = column_name(p)))
            return NULL;
    } else if (floe_p_accept_kw(p, "COMMENT COLUMN")) {
        c = new_cmd(p, FLOE_ALTER_COMMENT_COLUMN, pos);
        if_exists(p, c);
        if (!(c->u.alter_cmd.name = column_name(p)) ||
            !(c->u.alter_cmd.comment = floe_p_string(p, NULL)))
            return NULL;
    } else if (floe_p_accept_kw(p, "CLEAR COLUMN")) {
        c = new_cmd(p, FLOE_ALTER_CLEAR_COLUMN, pos);
        if_exists(p, c);
        if (!(c->u.alter_cmd.name = column_name(p)) || !in_partition(p, c))
            return NULL;
    } else if (floe_p_accept_kw(p, "MATERIALIZE COLUMN")) {
        c = new_cmd(p, FLOE_ALTER_MATERIALIZE_COLUMN, pos);
        if (!(c->u.alter_cmd.name = column_name(p)) || !in_partition(p, c))
            return NULL;
    } else if (floe_p_accept_kw(p, "ADD INDEX")) {
        c = new_cmd(p, FLOE_ALTER_ADD_INDEX, pos);
        if_not_exists(p, c);
        if (!(c->u.alter_cmd.index = floe_p_index_def(p)) || !after_first(p, c))
            return NULL;
        c->u.alter_cmd.name = c->u.alter_cmd.index->u.index.name;
    } else if (floe_p_accept_kw(p, "DROP INDEX")) {
        c = new_cmd(p, FLOE_ALTER_DROP_INDEX, pos);
        if_exists(p, c);
        if (!(c->u.alter_cmd.name = floe_p_ident(p, NULL)))
            return NULL;
    } else if (floe_p_accept_kw(p, "CLEAR INDEX")) {
        c = new_cmd(p, FLOE_ALTER_CLEAR_INDEX, pos);
        if_exists(p, c);
        if (!(c->u.alter_cmd.name = floe_p_ident(p, NULL)) || !in_partition(p, c))
            return NULL;
    } else if (floe_p_accept_kw(p, "MATERIALIZE INDEX")) {
        c = new_cmd(p, FLOE_ALTER_MATERIALIZE_INDEX, pos);
        if_exists(p, c);
        if (!(c->u.alter_cmd.name = floe_p_ident(p, NULL)) || !in_partition(p, c))
            return NULL;
    } else if (floe_p_accept_kw(p, "ADD PROJECTION")) {
        c = new_cmd(p, FLOE_ALTER_ADD_PROJECTION, pos);
        if_not_exists(p, c);
        if (!(c->u.alter_cmd.projection = projection_def(p)))
            return NULL;
        c->u.alter_cmd.name = c->u.alter_cmd.projection->u.projection.name;
    } else if (floe_p_accept_kw(p, "DROP PROJECTION")) {
        c = new_cmd(p, FLOE_ALTER_DROP_PROJECTION, pos);
        if_exists(p, c);
        if (!(c->u.alter_cmd.name = floe_p_ident(p, NULL)))
            return NULL;
    } else if (floe_p_accept_kw(p, "CLEAR PROJECTION")) {
        c = new_cmd(p, FLOE_ALTER_CLEAR_PROJECTION, pos);
        if_exists(p, c);
        if (!(c->u.alter_cmd.name = floe_p_ident(p, NULL)) || !in_partition(p, c))
            return NULL;
    } else if (floe_p_accept_kw(p, "MATERIALIZE PROJECTION")) {
        c = new_cmd(p, FLOE_ALTER_MATERIALIZE_PROJECTION, pos);
        if_exists(p, c);
        if (!(c->u.alter_cmd.name = floe_p_ident(p, NULL)) || !in_partition(p, c))
            return NULL;
    } else if (floe_p_accept_kw(p, "ADD CONSTRAINT")) {
        c = new_cmd(p, FLOE_ALTER_ADD_CONSTRAINT, pos);
        if_not_exists(p, c);
        if (!(c->u.alter_cmd.constraint = constraint_def(p)))
            return NULL;
        c->u.alter_cmd.name = c->u.alter_cmd.constraint->u.constraint.name;
    } else if (floe_p_accept_kw(p, "DROP CONSTRAINT")) {
        c = new_cmd(p, FLOE_ALTER_DROP_CONSTRAINT, pos);
        if_exists(p, c);
        if (!(c->u.alter_cmd.name = floe_p_ident(p, NULL)))
            return NULL;
    } else if (floe_p_accept_kw(p, "MODIFY ORDER BY")) {
        c = new_cmd(p, FLOE_ALTER_MODIFY_ORDER_BY, pos);
        if (!(c->u.alter_cmd.expr = floe_p_expr(p)))
            return NULL;
    } else if (floe_p_accept_kw(p, "MODIFY SAMPLE BY")) {
        c = new_cmd(p, FLOE_ALTER_MODIFY_SAMPLE_BY, pos);
        if (!(c->u.alter_cmd.expr = floe_p_expr(p)))
            return NULL;
    } else if (floe_p_accept_kw(p, "REMOVE SAMPLE BY")) {
        c = new_cmd(p, FLOE_ALTER_REMOVE_SAMPLE_BY, pos);
    } else if (floe_p_accept_kw(p, "MODIFY SETTING")) {
        c = new_cmd(p, FLOE_ALTER_MODIFY_SETTING, pos);
        if (!floe_p_settings(p, &c->u.alter_cmd.settings, &c->u.alter_cmd.n_settings))
            return NULL;
    } else if (floe_p_accept_kw(p, "RESET SETTING")) {
        c = new_cmd(p, FLOE_ALTER_RESET_SETTING, pos);
        floe_avec v = {0};
        do {
            const char *n = floe_p_ident(p, NULL);
            if (!n)
                return NULL;
            *(const char **)floe_p_push(p, &v, sizeof(char *)) = n;
        } while (floe_p_is(p, 0, FLOE_TK_COMMA) && floe_p_is_ident_start(p, 1) &&
                 !floe_p_is(p, 2, FLOE_TK_BAREWORD) && floe_p_accept(p, FLOE_TK_COMMA, NULL));
        c->u.alter_cmd.reset_names = v.v;
        c->u.alter_cmd.n_reset_names = v.n;
    } else if (floe_p_accept_kw(p, "MODIFY TTL")) {
        c = new_cmd(p, FLOE_ALTER_MODIFY_TTL, pos);
        if (!ttl_list(p, &c->u.alter_cmd.exprs, &c->u.alter_cmd.n_exprs))
            return NULL;
    } else if (floe_p_accept_kw(p, "REMOVE TTL")) {
        c = new_cmd(p, FLOE_ALTER_REMOVE_TTL, pos);
    } else if (floe_p_accept_kw(p, "MATERIALIZE TTL")) {
        c = new_cmd(p, FLOE_ALTER_MATERIALIZE_TTL, pos);
        if (!in_partition(p, c))
            return NULL;
    } else if (floe_p_accept_kw(p, "MODIFY COMMENT")) {
        c = new_cmd(p, FLOE_ALTER_MODIFY_COMMENT, pos);
        if (!(c->u.alter_cmd.comment = floe_p_string(p, NULL)))
            return NULL;
    } else if (floe_p_accept_kw(p, "MODIFY QUERY")) {
        c = new_cmd(p, FLOE_ALTER_MODIFY_QUERY, pos);
        if (!(c->u.alter_cmd.select = floe_p_select_union(p)))
            return NULL;
    } else if (floe_p_accept_kw(p, "UPDATE")) {
        c = new_cmd(p, FLOE_ALTER_UPDATE, pos);
        floe_avec v = {0};
        do {
            floe_ast_setting *s = floe_p_push(p, &v, sizeof *s);
            s->pos = floe_p_pos(p);
            if (!(s->name = column_name(p)) || !floe_p_expect(p, FLOE_TK_EQUALS, "=") ||
                !(s->value = floe_p_expr(p)))
                return NULL;
        } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
        c->u.alter_cmd.assignments = v.v;
        c->u.alter_cmd.n_assignments = v.n;
        if (!in_partition(p, c) || !floe_p_expect_kw(p, "WHERE") ||
            !(c->u.alter_cmd.expr = floe_p_expr(p)))
            return NULL;
    } else if (floe_p_accept_kw(p, "DELETE")) {
        c = new_cmd(p, FLOE_ALTER_DELETE, pos);
        if (!in_partition(p, c) || !floe_p_expect_kw(p, "WHERE") ||
            !(c->u.alter_cmd.expr = floe_p_expr(p)))
            return NULL;
    } else if (floe_p_accept_kw(p, "DROP DETACHED")) {
        c = new_cmd(p, FLOE_ALTER_DROP_DETACHED_PARTITION, pos);
        if (!partition_or_part(p, c))
            return NULL;
    } else if (floe_p_is_kw(p, 0, "DROP") &&
               (floe_p_is_kw(p, 1, "PARTITION") || floe_p_is_kw(p, 1, "PART"))) {
        floe_p_advance(p);
        c = new_cmd(p, FLOE_ALTER_DROP_PARTITION, pos);
        if (!partition_or_part(p, c))
            return NULL;
    } else if (floe_p_accept_kw(p, "DETACH")) {
        c = new_cmd(p, FLOE_ALTER_DETACH_PARTITION, pos);
        if (!partition_or_part(p, c))
            return NULL;
    } else if (floe_p_accept_kw(p, "FORGET")) {
        c = new_cmd(p, FLOE_ALTER_FORGET_PARTITION, pos);
        if (!partition_or_part(p, c))
            return NULL;
    } else if (floe_p_accept_kw(p, "ATTACH")) {
        c = new_cmd(p, FLOE_ALTER_ATTACH_PARTITION, pos);
        if (!partition_or_part(p, c))
            return NULL;
        if (floe_p_accept_kw(p, "FROM") && !qname_after(p, &c->u.alter_cmd.from_table))
            return NULL;
    } else if (floe_p_accept_kw(p, "REPLACE")) {
        c = new_cmd(p, FLOE_ALTER_REPLACE_PARTITION, pos);
        if (!partition_or_part(p, c) || !floe_p_expect_kw(p, "FROM") ||
            !qname_after(p, &c->u.alter_cmd.from_table))
            return NULL;
    } else if (floe_p_accept_kw(p, "MOVE")) {
        c = new_cmd(p, FLOE_ALTER_MOVE_PARTITION, pos);
        if (!partition_or_part(p, c) || !floe_p_expect_kw(p, "TO"))
            return NULL;
        if (floe_p_accept_kw(p, "TABLE")) {
            if (!qname_after(p, &c->u.alter_cmd.to_table))
                return NULL;
        } else if (floe_p_accept_kw(p, "DISK")) {
            if (!(c->u.alter_cmd.to_disk = floe_p_string(p, NULL)))
                return NULL;
        } else if (floe_p_accept_kw(p, "VOLUME")) {
            if (!(c->u.alter_cmd.to_volume = floe_p_string(p, NULL)))
                return NULL;
        } else if (floe_p_accept_kw(p, "SHARD")) {
            return floe_p_fail(p, "TABLE");
        } else {
            return floe_p_fail(p, "TABLE");
        }
    } else if (floe_p_accept_kw(p, "FREEZE") || floe_p_is_kw(p, 0, "UNFREEZE")) {
        bool unfreeze = floe_p_accept_kw(p, "UNFREEZE");
        c = new_cmd(p, unfreeze ? FLOE_ALTER_UNFREEZE : FLOE_ALTER_FREEZE, pos);
        if (floe_p_is_kw(p, 0, "PARTITION") && !partition_or_part(p, c))
            return NULL;
        if (floe_p_accept_kw(p, "WITH NAME")) {
            if (!(c->u.alter_cmd.with_name = floe_p_string(p, NULL)))
                return NULL;
        } else if (unfreeze) {
            return floe_p_fail(p, "WITH NAME");
        }
    } else if (floe_p_accept_kw(p, "FETCH")) {
        c = new_cmd(p, FLOE_ALTER_FETCH_PARTITION, pos);
        if (!partition_or_part(p, c) || !floe_p_expect_kw(p, "FROM") ||
            !(c->u.alter_cmd.from_path = floe_p_string(p, NULL)))
            return NULL;
    } else if (floe_p_accept_kw(p, "REWRITE PARTS")) {
        c = new_cmd(p, FLOE_ALTER_REWRITE_PARTS, pos);
        if (!in_partition(p, c))
            return NULL;
    } else if (floe_p_accept_kw(p, "APPLY DELETED MASK")) {
        c = new_cmd(p, FLOE_ALTER_APPLY_DELETED_MASK, pos);
        if (!in_partition(p, c))
            return NULL;
    } else if (floe_p_is_kw(p, 0, "EXPORT") &&
               (floe_p_is_kw(p, 1, "PART") || floe_p_is_kw(p, 1, "PARTITION"))) {
        floe_p_advance(p);
        bool part = floe_p_is_kw(p, 0, "PART");
        c = new_cmd(p, part ? FLOE_ALTER_EXPORT_PART : FLOE_ALTER_EXPORT_PARTITION, pos);
        if (!partition_or_part(p, c) || !floe_p_expect_kw(p, "TO"))
            return NULL;
        floe_p_accept_kw(p, "TABLE");
        if (!qname_after(p, &c->u.alter_cmd.to_table))
            return NULL;
    } else if (floe_p_accept_kw(p, "CONVERT")) {
        c = new_cmd(p, FLOE_ALTER_CONVERT_PARTITION, pos);
        if (!partition_or_part(p, c) || !floe_p_expect_kw(p, "TO"))
            return NULL;
        const char *fmt = floe_p_ident(p, "format name");
        if (!fmt)
            return NULL;
        char *up = floe_arena_strdup(p->a, fmt);
        for (char *x = up; *x; x++)
            if (*x >= 'a' && *x <= 'z')
                *x = (char)(*x - 'a' + 'A');
        c->u.alter_cmd.convert_format = up;
    } else {
        static const char *const starts[] = {"ADD COLUMN",
                                             "DROP COLUMN",
                                             "MODIFY COLUMN",
                                             "RENAME COLUMN",
                                             "COMMENT COLUMN",
                                             "CLEAR COLUMN",
                                             "ADD INDEX",
                                             "DROP INDEX",
                                             "MODIFY ORDER BY",
                                             "MODIFY SETTING",
                                             "MODIFY TTL",
                                             "UPDATE",
                                             "DELETE",
                                             "DROP PARTITION",
                                             "DETACH PARTITION",
                                             "ATTACH PARTITION",
                                             "REPLACE PARTITION",
                                             "MOVE PARTITION",
                                             "FREEZE",
                                             NULL};
        for (size_t k = 0; starts[k]; k++)
            floe_p_expected(p, starts[k]);
        return floe_p_fail(p, NULL);
    }
    floe_p_finish(p, c);
    /* EXPORT ... SETTINGS k = v belongs to the command in ClickHouse's parser */
    return c;
}

floe_ast *floe_p_alter(floe_parser *p)
{
    uint32_t pos = floe_p_pos(p);
    if (!floe_p_expect_kw(p, "ALTER"))
        return NULL;
    floe_ast *e = floe_p_new(p, FLOE_AST_ALTER, pos);
    if (floe_p_accept_kw(p, "TEMPORARY"))
        e->u.alter.temporary = true;
    if (!floe_p_expect_kw(p, "TABLE"))
        return NULL;
    floe_ast_qname q;
    if (!floe_p_qname(p, &q, "table"))
        return NULL;
    e->u.alter.db = q.db;
    e->u.alter.name = q.name;
    skip_on_cluster(p);
    floe_avec cmds = {0};
    do {
        floe_ast *c = alter_command(p);
        if (!c)
            return NULL;
        floe_p_push_ast(p, &cmds, c);
    } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
    e->u.alter.cmds = cmds.v;
    e->u.alter.n_cmds = cmds.n;
    if (floe_p_accept_kw(p, "SETTINGS")) {
        if (!floe_p_settings(p, &e->u.alter.settings, &e->u.alter.n_settings))
            return NULL;
    }
    return e;
}
