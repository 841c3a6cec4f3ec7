/*
 * Queries: SELECT with all its clauses (WITH, DISTINCT, FROM with joins and
 * ARRAY JOIN, PREWHERE, WHERE, GROUP BY modifiers, HAVING, WINDOW, QUALIFY,
 * ORDER BY with WITH FILL, LIMIT BY, LIMIT/OFFSET/FETCH, SETTINGS), UNION /
 * EXCEPT / INTERSECT chains, and the FORMAT / INTO OUTFILE clauses.
 */
#include "sql/parser_int.h"

#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "types/type.h"

/* ---- FROM ---- */

static bool table_alias_and_modifiers(floe_parser *p, floe_ast *t)
{
    if (floe_p_accept_kw(p, "AS")) {
        if (!(t->alias = floe_p_ident(p, "alias")))
            return false;
    } else if (floe_p_can_be_bare_alias(p)) {
        t->alias = floe_p_ident(p, NULL);
    }
    if (t->kind == FLOE_AST_TABLE && floe_p_accept_kw(p, "FINAL"))
        t->u.table.final = true;
    floe_p_finish(p, t);
    return true;
}

floe_ast *floe_p_table_or_func(floe_parser *p)
{
    uint32_t pos = floe_p_pos(p);
    floe_ast *t;
    if (floe_p_is(p, 0, FLOE_TK_LPAREN)) {
        floe_p_advance(p);
        if (!floe_p_is_select_start(p, 0) && !floe_p_is(p, 0, FLOE_TK_LPAREN))
            return floe_p_fail(p, "SELECT subquery");
        t = floe_p_new(p, FLOE_AST_SUBQUERY, pos);
        if (!(t->u.subquery.query = floe_p_select_union(p)))
            return NULL;
        if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
            return NULL;
    } else {
        const char *a = floe_p_ident(p, "table");
        if (!a)
            return NULL;
        if (floe_p_is(p, 0, FLOE_TK_LPAREN)) {
            t = floe_p_function_call(p, a, pos);
            if (!t)
                return NULL;
        } else {
            t = floe_p_new(p, FLOE_AST_TABLE, pos);
            t->u.table.name = a;
            if (floe_p_accept(p, FLOE_TK_DOT, NULL)) {
                t->u.table.db = a;
                if (!(t->u.table.name = floe_p_ident(p, "table")))
                    return NULL;
            }
        }
    }
    floe_p_finish(p, t);
    if (!table_alias_and_modifiers(p, t))
        return NULL;
    return t;
}

static floe_ast *from_clause(floe_parser *p, floe_ast *sel)
{
    floe_ast *left = floe_p_table_or_func(p);
    if (!left)
        return NULL;
    if (floe_p_accept_kw(p, "SAMPLE")) {
        if (!(sel->u.select.sample = floe_p_expr(p)))
            return NULL;
        if (floe_p_accept_kw(p, "OFFSET")) {
            if (!(sel->u.select.sample_offset = floe_p_expr(p)))
                return NULL;
        }
    }
    for (;;) {
        floe_join_kind kind = FLOE_JOIN_INNER;
        floe_join_strictness strict = FLOE_JOIN_UNSPECIFIED;
        bool global = false, comma = false, array = false, left_array = false;
        size_t save_i = p->i;
        uint32_t save_end = p->last_end;
        if (floe_p_accept(p, FLOE_TK_COMMA, NULL)) {
            kind = FLOE_JOIN_CROSS;
            comma = true;
        } else if (floe_p_accept_kw(p, "ARRAY JOIN")) {
            array = true;
        } else if (floe_p_accept_kw(p, "LEFT ARRAY JOIN")) {
            array = left_array = true;
        } else {
            if (floe_p_accept_kw(p, "GLOBAL"))
                global = true;
            else
                floe_p_accept_kw(p, "LOCAL");
            for (int round = 0; round < 2; round++) {
                if (strict == FLOE_JOIN_UNSPECIFIED) {
                    if (floe_p_accept_kw(p, "ANY"))
                        strict = FLOE_JOIN_ANY;
                    else if (floe_p_accept_kw(p, "ALL"))
                        strict = FLOE_JOIN_ALL;
                    else if (floe_p_accept_kw(p, "ASOF"))
                        strict = FLOE_JOIN_ASOF;
                    else if (floe_p_accept_kw(p, "SEMI"))
                        strict = FLOE_JOIN_SEMI;
                    else if (floe_p_accept_kw(p, "ANTI"))
                        strict = FLOE_JOIN_ANTI;
                }
                if (round == 0) {
                    if (floe_p_accept_kw(p, "INNER"))
                        kind = FLOE_JOIN_INNER;
                    else if (floe_p_accept_kw(p, "LEFT"))
                        kind = FLOE_JOIN_LEFT;
                    else if (floe_p_accept_kw(p, "RIGHT"))
                        kind = FLOE_JOIN_RIGHT;
                    else if (floe_p_accept_kw(p, "FULL"))
                        kind = FLOE_JOIN_FULL;
                    else if (floe_p_accept_kw(p, "CROSS"))
                        kind = FLOE_JOIN_CROSS;
                    else if (floe_p_accept_kw(p, "PASTE"))
                        kind = FLOE_JOIN_PASTE;
                    floe_p_accept_kw(p, "OUTER");
                }
            }
            if (!floe_p_accept_kw(p, "JOIN")) {
                if (p->i != save_i) {
                    if (p->failed)
                        return NULL;
                    p->i = save_i;
                    p->last_end = save_end;
                }
                break;
            }
        }
        floe_ast *j = floe_p_new(p, FLOE_AST_JOIN, left->pos);
        j->u.join.left = left;
        j->u.join.kind = array ? FLOE_JOIN_ARRAY : kind;
        j->u.join.strictness = strict;
        j->u.join.global = global;
        j->u.join.comma = comma;
        j->u.join.left_array = left_array;
        if (array) {
            floe_avec v = {0};
            if (!floe_p_expr_list(p, &v, true))
                return NULL;
            j->u.join.using_ = v.v;
            j->u.join.n_using = v.n;
        } else {
            if (!(j->u.join.right = floe_p_table_or_func(p)))
                return NULL;
            if (!comma && kind != FLOE_JOIN_CROSS && kind != FLOE_JOIN_PASTE) {
                if (floe_p_accept_kw(p, "ON")) {
                    if (!(j->u.join.on = floe_p_expr(p)))
                        return NULL;
                } else if (floe_p_accept_kw(p, "USING")) {
                    floe_avec v = {0};
                    bool paren = floe_p_accept(p, FLOE_TK_LPAREN, NULL);
                    if (!floe_p_expr_list(p, &v, false))
                        return NULL;
                    if (paren && !floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
                        return NULL;
                    j->u.join.using_ = v.v;
                    j->u.join.n_using = v.n;
                } else {
                    return floe_p_fail(p, "ON");
                }
            }
        }
        floe_p_finish(p, j);
        left = j;
    }
    return left;
}

/* ---- SELECT ---- */

static bool order_items(floe_parser *p, floe_avec *v)
{
    do {
        floe_ast *o = floe_p_new(p, FLOE_AST_ORDER_ITEM, floe_p_pos(p));
        if (!(o->u.order.expr = floe_p_expr_alias(p, false)))
            return false;
        o->u.order.nulls_first = -1;
        if (floe_p_accept_kw(p, "DESC") || floe_p_accept_kw(p, "DESCENDING"))
            o->u.order.desc = true;
        else if (!floe_p_accept_kw(p, "ASC"))
            floe_p_accept_kw(p, "ASCENDING");
        if (floe_p_accept_kw(p, "NULLS FIRST"))
            o->u.order.nulls_first = 1;
        else if (floe_p_accept_kw(p, "NULLS LAST"))
            o->u.order.nulls_first = 0;
        if (floe_p_accept_kw(p, "COLLATE")) {
            if (!(o->u.order.collate = floe_p_string(p, "string literal")))
                return false;
        }
        if (floe_p_accept_kw(p, "WITH FILL")) {
            o->u.order.with_fill = true;
            if (floe_p_accept_kw(p, "FROM") && !(o->u.order.fill_from = floe_p_expr(p)))
                return false;
            if (floe_p_accept_kw(p, "TO") && !(o->u.order.fill_to = floe_p_expr(p)))
                return false;
            if (floe_p_accept_kw(p, "STEP") && !(o->u.order.fill_step = floe_p_expr(p)))
                return false;
            if (floe_p_accept_kw(p, "STALENESS") && !(o->u.order.fill_staleness = floe_p_expr(p)))
                return false;
        }
        floe_p_finish(p, o);
        floe_p_push_ast(p, v, o);
    } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
    return true;
}

static floe_ast *select_query(floe_parser *p)
{
    uint32_t pos = floe_p_pos(p);
    floe_ast *s = floe_p_new(p, FLOE_AST_SELECT, pos);
    if (floe_p_accept_kw(p, "WITH")) {
        floe_avec v = {0};
        do {
            /* name AS (subquery) or expr AS name */
            if (floe_p_is_ident_start(p, 0) && floe_p_is_kw(p, 1, "AS") &&
                floe_p_is(p, 2, FLOE_TK_LPAREN) && floe_p_is_select_start(p, 3)) {
                const char *name = floe_p_ident(p, NULL);
                floe_p_advance(p); /* AS */
                uint32_t sp = floe_p_pos(p);
                floe_p_advance(p); /* ( */
                floe_ast *sub = floe_p_new(p, FLOE_AST_SUBQUERY, sp);
                if (!(sub->u.subquery.query = floe_p_select_union(p)))
                    return NULL;
                if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
                    return NULL;
                floe_p_finish(p, sub);
                sub->alias = name;
                floe_p_push_ast(p, &v, sub);
            } else {
                floe_ast *e = floe_p_expr_alias(p, false);
                if (!e)
                    return NULL;
                floe_p_push_ast(p, &v, e);
            }
        } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
        s->u.select.with = v.v;
        s->u.select.n_with = v.n;
    }
    if (!floe_p_expect_kw(p, "SELECT"))
        return NULL;
    if (floe_p_accept_kw(p, "DISTINCT ON")) {
        s->u.select.distinct = true;
        floe_avec v = {0};
        if (!floe_p_expect(p, FLOE_TK_LPAREN, "opening bracket"))
            return NULL;
        if (!floe_p_expr_list(p, &v, false) || !floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
            return NULL;
        s->u.select.distinct_on = v.v;
        s->u.select.n_distinct_on = v.n;
    } else if (floe_p_accept_kw(p, "DISTINCT")) {
        s->u.select.distinct = true;
    } else {
        floe_p_accept_kw(p, "ALL");
    }
    if (floe_p_accept_kw(p, "TOP")) {
        bool paren = floe_p_accept(p, FLOE_TK_LPAREN, NULL);
        if (!(s->u.select.top = floe_p_expr(p)))
            return NULL;
        if (paren && !floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
            return NULL;
        if (floe_p_accept_kw(p, "WITH TIES"))
            s->u.select.top_with_ties = true;
    }
    floe_avec exprs = {0};
    if (!floe_p_expr_list(p, &exprs, true))
        return NULL;
    s->u.select.exprs = exprs.v;
    s->u.select.n_exprs = exprs.n;
    if (floe_p_accept_kw(p, "FROM")) {
        if (!(s->u.select.from = from_clause(p, s)))
            return NULL;
    }
    if (floe_p_accept_kw(p, "PREWHERE") && !(s->u.select.prewhere = floe_p_expr(p)))
        return NULL;
    if (floe_p_accept_kw(p, "WHERE") && !(s->u.select.where = floe_p_expr(p)))
        return NULL;
    if (floe_p_accept_kw(p, "GROUP BY")) {
        if (floe_p_is_kw(p, 0, "ALL") && !floe_p_is(p, 1, FLOE_TK_LPAREN)) {
            floe_p_advance(p);
            s->u.select.group_by_all = true;
        } else if (floe_p_accept_kw(p, "GROUPING SETS")) {
            s->u.select.grouping_sets = true;
            if (!floe_p_expect(p, FLOE_TK_LPAREN, "opening bracket"))
                return NULL;
            floe_avec v = {0};
            do {
                uint32_t gp = floe_p_pos(p);
                floe_ast *g;
                if (floe_p_accept(p, FLOE_TK_LPAREN, NULL)) {
                    floe_avec items = {0};
                    if (!floe_p_is(p, 0, FLOE_TK_RPAREN) && !floe_p_expr_list(p, &items, false))
                        return NULL;
                    if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
                        return NULL;
                    g = floe_p_mk_func(p, "tuple", gp, true);
                    floe_p_set_args(g, &items);
                } else {
                    floe_ast *x = floe_p_expr(p);
                    if (!x)
                        return NULL;
                    g = floe_p_mk_func1(p, "tuple", x, true);
                }
                floe_p_finish(p, g);
                floe_p_push_ast(p, &v, g);
            } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
            if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
                return NULL;
            s->u.select.group_by = v.v;
            s->u.select.n_group_by = v.n;
        } else if ((floe_p_is_kw(p, 0, "ROLLUP") || floe_p_is_kw(p, 0, "CUBE")) &&
                   floe_p_is(p, 1, FLOE_TK_LPAREN)) {
            if (floe_p_is_kw(p, 0, "ROLLUP"))
                s->u.select.with_rollup = true;
            else
                s->u.select.with_cube = true;
            floe_p_advance(p);
            floe_p_advance(p);
            floe_avec v = {0};
            if (!floe_p_expr_list(p, &v, false) ||
                !floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
                return NULL;
            s->u.select.group_by = v.v;
            s->u.select.n_group_by = v.n;
        } else {
            floe_avec v = {0};
            if (!floe_p_expr_list(p, &v, false))
                return NULL;
            s->u.select.group_by = v.v;
            s->u.select.n_group_by = v.n;
        }
        if (floe_p_accept_kw(p, "WITH ROLLUP"))
            s->u.select.with_rollup = true;
        else if (floe_p_accept_kw(p, "WITH CUBE"))
            s->u.select.with_cube = true;
    }
    if (floe_p_accept_kw(p, "WITH TOTALS"))
        s->u.select.with_totals = true;
    if (floe_p_accept_kw(p, "HAVING") && !(s->u.select.having = floe_p_expr(p)))
        return NULL;
    if (floe_p_accept_kw(p, "WINDOW")) {
        floe_avec v = {0};
        do {
            const char *name = floe_p_ident(p, "window name");
            if (!name || !floe_p_expect_kw(p, "AS"))
                return NULL;
            floe_ast *w = floe_p_window_spec(p);
            if (!w)
                return NULL;
            w->alias = name;
            floe_p_push_ast(p, &v, w);
        } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
        s->u.select.windows = v.v;
        s->u.select.n_windows = v.n;
    }
    if (floe_p_accept_kw(p, "QUALIFY") && !(s->u.select.qualify = floe_p_expr(p)))
        return NULL;
    if (floe_p_accept_kw(p, "ORDER BY")) {
        if (floe_p_is_kw(p, 0, "ALL") && !floe_p_is(p, 1, FLOE_TK_LPAREN) &&
            !floe_p_is(p, 1, FLOE_TK_COMMA)) {
            floe_p_advance(p);
            s->u.select.order_by_all = true;
            floe_ast *o = floe_p_new(p, FLOE_AST_ORDER_ITEM, p->last_end);
            o->u.order.nulls_first = -1;
            if (floe_p_accept_kw(p, "DESC") || floe_p_accept_kw(p, "DESCENDING"))
                o->u.order.desc = true;
            else
                floe_p_accept_kw(p, "ASC");
            if (floe_p_accept_kw(p, "NULLS FIRST"))
                o->u.order.nulls_first = 1;
            else if (floe_p_accept_kw(p, "NULLS LAST"))
                o->u.order.nulls_first = 0;
            floe_avec v = {0};
            floe_p_push_ast(p, &v, o);
            s->u.select.order_by = v.v;
            s->u.select.n_order_by = v.n;
        } else {
            floe_avec v = {0};
            if (!order_items(p, &v))
                return NULL;
            s->u.select.order_by = v.v;
            s->u.select.n_order_by = v.n;
        }
        if (floe_p_accept_kw(p, "INTERPOLATE")) {
            s->u.select.interpolate = true;
            if (floe_p_accept(p, FLOE_TK_LPAREN, NULL)) {
                floe_avec v = {0};
                if (!floe_p_is(p, 0, FLOE_TK_RPAREN)) {
                    do {
                        uint32_t ip = floe_p_pos(p);
                        const char *col = floe_p_ident(p, NULL);
                        if (!col)
                            return NULL;
                        floe_ast *e;
                        if (floe_p_accept_kw(p, "AS")) {
                            if (!(e = floe_p_expr(p)))
                                return NULL;
                        } else {
                            e = floe_p_mk_ident1(p, col, ip, p->last_end);
                        }
                        e->alias = col;
                        floe_p_push_ast(p, &v, e);
                    } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
                }
                if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
                    return NULL;
                s->u.select.interpolate_list = v.v;
                s->u.select.n_interpolate_list = v.n;
            }
        }
    }
    /* LIMIT n [OFFSET m] BY ..., then LIMIT ... */
    for (int round = 0; round < 2; round++) {
        if (!floe_p_accept_kw(p, "LIMIT"))
            break;
        floe_ast *a = floe_p_expr(p);
        if (!a)
            return NULL;
        floe_ast *lim = a, *off = NULL;
        if (floe_p_accept(p, FLOE_TK_COMMA, NULL)) {
            off = a;
            if (!(lim = floe_p_expr(p)))
                return NULL;
        } else if (floe_p_accept_kw(p, "OFFSET")) {
            if (!(off = floe_p_expr(p)))
                return NULL;
        }
        if (round == 0 && floe_p_accept_kw(p, "BY")) {
            floe_avec v = {0};
            if (!floe_p_expr_list(p, &v, false))
                return NULL;
            s->u.select.limit_by_length = lim;
            s->u.select.limit_by_offset = off;
            s->u.select.limit_by = v.v;
            s->u.select.n_limit_by = v.n;
            continue;
        }
        s->u.select.limit = lim;
        s->u.select.offset = off;
        if (floe_p_accept_kw(p, "WITH TIES"))
            s->u.select.limit_with_ties = true;
        break;
    }
    if (!s->u.select.offset && floe_p_accept_kw(p, "OFFSET")) {
        if (!(s->u.select.offset = floe_p_expr(p)))
            return NULL;
        if (!floe_p_accept_kw(p, "ROWS"))
            floe_p_accept_kw(p, "ROW");
        if (floe_p_accept_kw(p, "FETCH")) {
            if (!floe_p_accept_kw(p, "FIRST") && !floe_p_expect_kw(p, "NEXT"))
                return NULL;
            if (!(s->u.select.limit = floe_p_expr(p)))
                return NULL;
            if (!floe_p_accept_kw(p, "ROWS") && !floe_p_expect_kw(p, "ROW"))
                return NULL;
            if (floe_p_accept_kw(p, "WITH TIES"))
                s->u.select.limit_with_ties = true;
            else if (!floe_p_expect_kw(p, "ONLY"))
                return NULL;
        }
    }
    if (floe_p_accept_kw(p, "SETTINGS")) {
        if (!floe_p_settings(p, &s->u.select.settings, &s->u.select.n_settings))
            return NULL;
    }
    if (s->u.select.n_distinct_on) {
        /* DISTINCT ON (a) is LIMIT 1 BY a, as ClickHouse's parser rewrites it */
        if (s->u.select.n_limit_by) {
            floe_error(FLOE_ERR_SYNTAX_ERROR, "Can not use DISTINCT ON alongside LIMIT BY");
            p->fatal = true;
            p->failed = true;
            return NULL;
        }
        floe_ast *one = floe_p_new(p, FLOE_AST_LITERAL, s->pos);
        one->end = s->pos;
        one->u.lit.value.type = floe_type_get(FLOE_TYPE_UINT8);
        one->u.lit.value.v.u = 1;
        s->u.select.limit_by_length = one;
        s->u.select.limit_by = s->u.select.distinct_on;
        s->u.select.n_limit_by = s->u.select.n_distinct_on;
        s->u.select.distinct = false;
    }
    floe_p_finish(p, s);
    return s;
}

static floe_ast *union_element(floe_parser *p)
{
    if (floe_p_is(p, 0, FLOE_TK_LPAREN)) {
        uint32_t pos = floe_p_pos(p);
        floe_p_advance(p);
        if (!floe_p_enter(p))
            return NULL;
        if (!floe_p_depth_push(p, FLOE_PARSER_BRACKET_DEPTH)) {
            floe_p_leave(p);
            return NULL;
        }
        floe_ast *q = floe_p_select_union(p);
        floe_p_depth_pop(p, FLOE_PARSER_BRACKET_DEPTH);
        floe_p_leave(p);
        if (!q || !floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
            return NULL;
        floe_ast *s = floe_p_new(p, FLOE_AST_SUBQUERY, pos);
        s->u.subquery.query = q;
        floe_p_finish(p, s);
        return s;
    }
    return select_query(p);
}

floe_ast *floe_p_select_union(floe_parser *p)
{
    uint32_t pos = floe_p_pos(p);
    floe_ast *first = union_element(p);
    if (!first)
        return NULL;
    floe_avec items = {0}, modes = {0};
    floe_p_push_ast(p, &items, first);
    for (;;) {
        floe_union_mode m;
        if (floe_p_accept_kw(p, "UNION ALL"))
            m = FLOE_UNION_ALL;
        else if (floe_p_accept_kw(p, "UNION DISTINCT"))
            m = FLOE_UNION_DISTINCT;
        else if (floe_p_accept_kw(p, "UNION"))
            m = FLOE_UNION_UNSPECIFIED;
        else if (floe_p_accept_kw(p, "EXCEPT ALL"))
            m = FLOE_UNION_EXCEPT_ALL;
        else if (floe_p_accept_kw(p, "EXCEPT DISTINCT") || floe_p_accept_kw(p, "EXCEPT"))
            m = FLOE_UNION_EXCEPT_DISTINCT;
        else if (floe_p_accept_kw(p, "INTERSECT ALL"))
            m = FLOE_UNION_INTERSECT_ALL;
        else if (floe_p_accept_kw(p, "INTERSECT DISTINCT") || floe_p_accept_kw(p, "INTERSECT"))
            m = FLOE_UNION_INTERSECT_DISTINCT;
        else
            break;
        floe_ast *next = union_element(p);
        if (!next)
            return NULL;
        *(floe_union_mode *)floe_p_push(p, &modes, sizeof(floe_union_mode)) = m;
        floe_p_push_ast(p, &items, next);
    }
    if (items.n == 1) {
        /* (SELECT ...) alone is just the query */
        if (first->kind == FLOE_AST_SUBQUERY)
            return first->u.subquery.query;
        return first;
    }
    floe_ast *u = floe_p_new(p, FLOE_AST_UNION, pos);
    u->u.union_.items = items.v;
    u->u.union_.n_items = items.n;
    u->u.union_.modes = modes.v;
    floe_p_finish(p, u);
    return u;
}

void floe_p_output(floe_parser *p, floe_ast *stmt)
{
    floe_ast_output *o = stmt->output;
    for (;;) {
        if (floe_p_accept_kw(p, "INTO OUTFILE")) {
            if (!o)
                o = floe_arena_alloc(p->a, sizeof *o);
            if (!(o->outfile = floe_p_string(p, "file name")))
                return;
            if (floe_p_accept_kw(p, "APPEND"))
                o->outfile_append = true;
            else if (floe_p_accept_kw(p, "TRUNCATE"))
                o->outfile_truncate = true;
            if (floe_p_accept_kw(p, "COMPRESSION")) {
                if (!(o->outfile_compression = floe_p_string(p, NULL)))
                    return;
                if (floe_p_accept_kw(p, "LEVEL"))
                    floe_p_literal_value(p);
            }
        } else if (floe_p_accept_kw(p, "FORMAT")) {
            if (!o)
                o = floe_arena_alloc(p->a, sizeof *o);
            if (!(o->format = floe_p_ident(p, "format name")))
                return;
        } else if (floe_p_accept_kw(p, "SETTINGS")) {
            if (!o)
                o = floe_arena_alloc(p->a, sizeof *o);
            if (!floe_p_settings(p, &o->settings, &o->n_settings))
                return;
        } else {
            break;
        }
    }
    stmt->output = o;
}
