/*
 * Printing trees back as text: the names ClickHouse's analyzer gives
 * unaliased SELECT columns (plus(number, 1)), and ClickHouse's formatAST
 * text of expressions and statements, one-line or the multi-line form that
 * SHOW CREATE TABLE prints and metadata files keep.
 */
#include "sql/ast.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "types/float_text.h"
#include "types/type.h"

/* ---- literals ---- */

static void quote_string(floe_buf *out, const char *s, size_t n, char q)
{
    floe_buf_putc(out, q);
    for (size_t k = 0; k < n; k++) {
        char c = s[k];
        switch (c) {
        case '\b':
            floe_buf_puts(out, "\\b");
            break;
        case '\f':
            floe_buf_puts(out, "\\f");
            break;
        case '\n':
            floe_buf_puts(out, "\\n");
            break;
        case '\r':
            floe_buf_puts(out, "\\r");
            break;
        case '\t':
            floe_buf_puts(out, "\\t");
            break;
        case '\0':
            floe_buf_puts(out, "\\0");
            break;
        case '\\':
            floe_buf_puts(out, "\\\\");
            break;
        default:
            if (c == q)
                floe_buf_putc(out, '\\');
            floe_buf_putc(out, c);
        }
    }
    floe_buf_putc(out, q);
}

static bool needs_backquote(const char *s)
{
    if (!s[0] || isdigit((unsigned char)s[0]))
        return true;
    for (const char *c = s; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '_')
            return true;
    return false;
}

static void ident(floe_buf *out, const char *s, bool always)
{
    if (always || needs_backquote(s))
        quote_string(out, s, strlen(s), '`');
    else
        floe_buf_puts(out, s);
}

static void float_text(floe_buf *out, double d)
{
    char tmp[FLOE_FLOAT_TEXT_MAX + 2];
    size_t n = floe_float64_format(tmp, d);
    bool integral = true;
    for (size_t k = 0; k < n; k++)
        if (!(isdigit((unsigned char)tmp[k]) || tmp[k] == '-'))
            integral = false;
    floe_buf_append(out, tmp, n);
    if (integral)
        floe_buf_putc(out, '.');
}

static void literal(floe_buf *out, const floe_value *v, bool as_float)
{
    if (v->is_null || !v->type) {
        floe_buf_puts(out, "NULL");
        return;
    }
    const floe_type *t = floe_type_base(v->type);
    switch (t->id) {
    case FLOE_TYPE_NOTHING:
        floe_buf_puts(out, "NULL");
        break;
    case FLOE_TYPE_BOOL:
        floe_buf_puts(out, v->v.u ? "true" : "false");
        break;
    case FLOE_TYPE_UINT8:
    case FLOE_TYPE_UINT16:
    case FLOE_TYPE_UINT32:
    case FLOE_TYPE_UINT64:
        if (as_float)
            float_text(out, (double)v->v.u);
        else
            floe_buf_u64(out, v->v.u);
        break;
    case FLOE_TYPE_INT8:
    case FLOE_TYPE_INT16:
    case FLOE_TYPE_INT32:
    case FLOE_TYPE_INT64:
        if (as_float)
            float_text(out, (double)v->v.i);
        else
            floe_buf_i64(out, v->v.i);
        break;
    case FLOE_TYPE_FLOAT32:
    case FLOE_TYPE_FLOAT64:
        float_text(out, v->v.f);
        break;
    case FLOE_TYPE_STRING:
    case FLOE_TYPE_FIXEDSTRING:
        quote_string(out, v->v.s.ptr, v->v.s.len, '\'');
        break;
    default:
        floe_buf_puts(out, "?");
        break;
    }
}

static bool is_float_literal(const floe_ast *e)
{
    return e->kind == FLOE_AST_LITERAL && !e->u.lit.value.is_null && e->u.lit.value.type &&
           floe_type_is_float(floe_type_base(e->u.lit.value.type));
}

/* [1.5, 2] prints as [1.5, 2.]: a literal array's elements share a type. */
static bool is_array_call(const floe_ast *e)
{
    return e->kind == FLOE_AST_FUNC && e->u.func.is_operator && !e->alias &&
           !e->u.func.has_params && strcmp(e->u.func.name, "array") == 0;
}

/* Whether a bracketed array (with the arrays nested in it) holds a float
 * literal: its numbers then all print as floats ([[1.5], [2.]]). */
static bool array_has_float(const floe_ast *e)
{
    for (size_t k = 0; k < e->u.func.n_args; k++) {
        const floe_ast *a = e->u.func.args[k];
        if (is_float_literal(a) || (is_array_call(a) && array_has_float(a)))
            return true;
    }
    return false;
}

/* ---- column names ---- */

typedef struct cn_ctx {
    unsigned *subq;
    floe_ast_qualifier_fn qualifier;
    void *arg;
} cn_ctx;

static void colname(floe_buf *out, const floe_ast *e, cn_ctx *c, bool top, bool as_float);

static void colname_list(floe_buf *out, floe_ast *const *v, size_t n, cn_ctx *c, bool as_float)
{
    for (size_t k = 0; k < n; k++) {
        if (k)
            floe_buf_puts(out, ", ");
        if (as_float && v[k]->kind == FLOE_AST_LITERAL && !v[k]->alias)
            literal(out, &v[k]->u.lit.value, true);
        else
            colname(out, v[k], c, false, as_float && is_array_call(v[k]));
    }
}

static void colname(floe_buf *out, const floe_ast *e, cn_ctx *c, bool top, bool as_float)
{
    if (!top && e->alias && e->kind != FLOE_AST_SUBQUERY) {
        floe_buf_puts(out, e->alias);
        return;
    }
    switch (e->kind) {
    case FLOE_AST_LITERAL:
        literal(out, &e->u.lit.value, false);
        break;
    case FLOE_AST_IDENT: {
        size_t skip = c->qualifier ? c->qualifier(c->arg, e) : 0;
        if (skip >= e->u.ident.n_parts)
            skip = 0;
        for (size_t k = skip; k < e->u.ident.n_parts; k++) {
            if (k > skip)
                floe_buf_putc(out, '.');
            floe_buf_puts(out, e->u.ident.parts[k]);
        }
        break;
    }
    case FLOE_AST_ASTERISK:
        for (size_t k = 0; k < e->u.asterisk.n_qualifier; k++) {
            floe_buf_puts(out, e->u.asterisk.qualifier[k]);
            floe_buf_putc(out, '.');
        }
        floe_buf_putc(out, '*');
        break;
    case FLOE_AST_QUERY_PARAM:
        floe_buf_printf(out, "{%s:%s}", e->u.param.name, e->u.param.type);
        break;
    case FLOE_AST_SUBQUERY:
        floe_buf_printf(out, "_subquery_%u", ++*c->subq);
        break;
    case FLOE_AST_LAMBDA:
        floe_buf_puts(out, "lambda(tuple(");
        for (size_t k = 0; k < e->u.lambda.n_params; k++) {
            if (k)
                floe_buf_puts(out, ", ");
            floe_buf_puts(out, e->u.lambda.params[k]);
        }
        floe_buf_puts(out, "), ");
        colname(out, e->u.lambda.body, c, false, false);
        floe_buf_putc(out, ')');
        break;
    case FLOE_AST_FUNC:
        if (strcmp(e->u.func.name, "tuple") == 0 && !e->u.func.has_params) {
            floe_buf_putc(out, '(');
            colname_list(out, e->u.func.args, e->u.func.n_args, c, false);
            floe_buf_putc(out, ')');
            break;
        }
        if (strcmp(e->u.func.name, "array") == 0 && !e->u.func.has_params) {
            floe_buf_putc(out, '[');
            colname_list(out, e->u.func.args, e->u.func.n_args, c, as_float || array_has_float(e));
            floe_buf_putc(out, ']');
            break;
        }
        floe_buf_puts(out, e->u.func.name);
        if (e->u.func.has_params || e->u.func.n_params) {
            floe_buf_putc(out, '(');
            colname_list(out, e->u.func.params, e->u.func.n_params, c, false);
            floe_buf_putc(out, ')');
        }
        floe_buf_putc(out, '(');
        colname_list(out, e->u.func.args, e->u.func.n_args, c, false);
        floe_buf_putc(out, ')');
        if (e->u.func.over || e->u.func.over_name) {
            floe_buf_puts(out, " OVER ");
            if (e->u.func.over_name) {
                floe_buf_puts(out, e->u.func.over_name);
            } else {
                const floe_ast *w = e->u.func.over;
                floe_buf_putc(out, '(');
                bool sp = false;
                if (w->u.select.n_group_by) {
                    floe_buf_puts(out, "PARTITION BY ");
                    colname_list(out, w->u.select.group_by, w->u.select.n_group_by, c, false);
                    sp = true;
                }
                if (w->u.select.n_order_by) {
                    if (sp)
                        floe_buf_putc(out, ' ');
                    floe_buf_puts(out, "ORDER BY ");
                    for (size_t k = 0; k < w->u.select.n_order_by; k++) {
                        const floe_ast *o = w->u.select.order_by[k];
                        if (k)
                            floe_buf_puts(out, ", ");
                        colname(out, o->u.order.expr, c, false, false);
                        floe_buf_puts(out, o->u.order.desc ? " DESC" : " ASC");
                    }
                }
                floe_buf_putc(out, ')');
            }
        }
        break;
    default:
        floe_buf_puts(out, floe_ast_kind_name(e->kind));
        break;
    }
}

void floe_ast_column_name_ex(floe_buf *out, const floe_ast *e, unsigned *subquery_counter,
                             floe_ast_qualifier_fn qualifier, void *arg)
{
    unsigned n = 0;
    cn_ctx c = {subquery_counter ? subquery_counter : &n, qualifier, arg};
    colname(out, e, &c, true, false);
}

void floe_ast_column_name_n(floe_buf *out, const floe_ast *e, unsigned *subquery_counter)
{
    floe_ast_column_name_ex(out, e, subquery_counter, NULL, NULL);
}

void floe_ast_column_name(floe_buf *out, const floe_ast *e)
{
    floe_ast_column_name_ex(out, e, NULL, NULL, NULL);
}

/* ---- formatAST: expressions ---- */

typedef struct fmt {
    floe_buf *out;
    bool one_line;
    int indent;
    bool projection;  /* a projection's ORDER BY is a plain expression list */
    bool float_array; /* inside an array literal whose numbers print as floats */
} fmt;

static void fexpr(fmt *f, const floe_ast *e, bool parens);
static void fquery(fmt *f, const floe_ast *q);
static void ftable_expr(fmt *f, const floe_ast *t);

static void nl(fmt *f)
{
    if (f->one_line) {
        floe_buf_putc(f->out, ' ');
        return;
    }
    floe_buf_putc(f->out, '\n');
    for (int k = 0; k < f->indent; k++)
        floe_buf_puts(f->out, "    ");
}

static void flist(fmt *f, floe_ast *const *v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (k)
            floe_buf_puts(f->out, ", ");
        fexpr(f, v[k], false);
    }
}

static const char *binary_op(const char *name)
{
    static const char *const ops[][2] = {
        {"plus", " + "},
        {"minus", " - "},
        {"multiply", " * "},
        {"divide", " / "},
        {"modulo", " % "},
        {"equals", " = "},
        {"notEquals", " != "},
        {"less", " < "},
        {"greater", " > "},
        {"lessOrEquals", " <= "},
        {"greaterOrEquals", " >= "},
        {"like", " LIKE "},
        {"notLike", " NOT LIKE "},
        {"ilike", " ILIKE "},
        {"notILike", " NOT ILIKE "},
        {"in", " IN "},
        {"notIn", " NOT IN "},
        {"globalIn", " GLOBAL IN "},
        {"globalNotIn", " GLOBAL NOT IN "},
        {"isNotDistinctFrom", " <=> "},
        {"isDistinctFrom", " IS DISTINCT FROM "},
    };
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++)
        if (strcmp(name, ops[k][0]) == 0)
            return ops[k][1];
    return NULL;
}

static bool is_operator_node(const floe_ast *e)
{
    if (e->kind == FLOE_AST_LAMBDA)
        return true;
    if (e->kind != FLOE_AST_FUNC || !e->u.func.is_operator)
        return false;
    const char *n = e->u.func.name;
    if (e->u.func.n_args == 2 &&
        (binary_op(n) || strcmp(n, "arrayElement") == 0 || strcmp(n, "tupleElement") == 0))
        return true;
    if ((strcmp(n, "and") == 0 || strcmp(n, "or") == 0) && e->u.func.n_args >= 2)
        return true;
    if ((strcmp(n, "not") == 0 || strcmp(n, "negate") == 0 || strcmp(n, "isNull") == 0 ||
         strcmp(n, "isNotNull") == 0) &&
        e->u.func.n_args == 1)
        return true;
    return false;
}

/* An operand of an operator: operators and aliased expressions in brackets. */
static void farg(fmt *f, const floe_ast *a)
{
    fexpr(f, a, is_operator_node(a) || (a->alias && a->kind != FLOE_AST_SUBQUERY));
}

static void ffunc(fmt *f, const floe_ast *e)
{
    floe_buf *out = f->out;
    const char *n = e->u.func.name;
    size_t na = e->u.func.n_args;
    floe_ast *const *a = e->u.func.args;
    if (e->u.func.is_operator) {
        const char *op = binary_op(n);
        if (op && na == 2) {
            farg(f, a[0]);
            floe_buf_puts(out, op);
            if ((strcmp(n, "in") == 0 || strcmp(n, "notIn") == 0 || strcmp(n, "globalIn") == 0 ||
                 strcmp(n, "globalNotIn") == 0) &&
                a[1]->kind == FLOE_AST_FUNC && strcmp(a[1]->u.func.name, "tuple") == 0 &&
                a[1]->u.func.is_operator && !a[1]->alias) {
                fexpr(f, a[1], false);
                return;
            }
            /* 1 - -1: a negative literal needs no brackets */
            farg(f, a[1]);
            return;
        }
        if ((strcmp(n, "and") == 0 || strcmp(n, "or") == 0) && na >= 2) {
            for (size_t k = 0; k < na; k++) {
                if (k)
                    floe_buf_puts(out, strcmp(n, "and") == 0 ? " AND " : " OR ");
                farg(f, a[k]);
            }
            return;
        }
        if (strcmp(n, "negate") == 0 && na == 1) {
            floe_buf_putc(out, '-');
            bool neg_lit = a[0]->kind == FLOE_AST_LITERAL && a[0]->u.lit.value.type &&
                           !a[0]->u.lit.value.is_null &&
                           ((floe_type_is_signed(floe_type_base(a[0]->u.lit.value.type)) &&
                             a[0]->u.lit.value.v.i < 0) ||
                            (floe_type_is_float(floe_type_base(a[0]->u.lit.value.type)) &&
                             a[0]->u.lit.value.v.f < 0));
            /* -(1): a literal after a minus was bracketed, or it would be one literal */
            fexpr(f, a[0],
                  is_operator_node(a[0]) || neg_lit || a[0]->kind == FLOE_AST_LITERAL ||
                      a[0]->alias);
            return;
        }
        if (strcmp(n, "not") == 0 && na == 1) {
            floe_buf_puts(out, "NOT ");
            fexpr(f, a[0], is_operator_node(a[0]) || a[0]->parenthesized || a[0]->alias);
            return;
        }
        if ((strcmp(n, "isNull") == 0 || strcmp(n, "isNotNull") == 0) && na == 1) {
            farg(f, a[0]);
            floe_buf_puts(out, strcmp(n, "isNull") == 0 ? " IS NULL" : " IS NOT NULL");
            return;
        }
        if (strcmp(n, "arrayElement") == 0 && na == 2) {
            farg(f, a[0]);
            floe_buf_putc(out, '[');
            fexpr(f, a[1], false);
            floe_buf_putc(out, ']');
            return;
        }
        if (strcmp(n, "tupleElement") == 0 && na == 2 && a[1]->kind == FLOE_AST_LITERAL &&
            !a[1]->u.lit.value.is_null &&
            floe_type_is_integer(floe_type_base(a[1]->u.lit.value.type))) {
            farg(f, a[0]);
            floe_buf_putc(out, '.');
            fexpr(f, a[1], false);
            return;
        }
        if (strcmp(n, "tuple") == 0 && na >= 2) {
            floe_buf_putc(out, '(');
            flist(f, a, na);
            floe_buf_putc(out, ')');
            return;
        }
        if (strcmp(n, "array") == 0) {
            /* literals print as written here; column names unify them */
            floe_buf_putc(out, '[');
            flist(f, a, na);
            floe_buf_putc(out, ']');
            return;
        }
    }
    ident(out, n, false);
    if (e->u.func.has_params || e->u.func.n_params) {
        floe_buf_putc(out, '(');
        flist(f, e->u.func.params, e->u.func.n_params);
        floe_buf_putc(out, ')');
    }
    if (e->u.func.no_empty_args && na == 0)
        return;
    floe_buf_putc(out, '(');
    if (e->u.func.star)
        floe_buf_putc(out, '*');
    flist(f, a, na);
    floe_buf_putc(out, ')');
    if (e->u.func.over_name) {
        floe_buf_puts(out, " OVER ");
        floe_buf_puts(out, e->u.func.over_name);
    } else if (e->u.func.over) {
        const floe_ast *w = e->u.func.over;
        floe_buf_puts(out, " OVER (");
        bool sp = false;
        if (w->u.select.n_group_by) {
            floe_buf_puts(out, "PARTITION BY ");
            flist(f, w->u.select.group_by, w->u.select.n_group_by);
            sp = true;
        }
        if (w->u.select.n_order_by) {
            if (sp)
                floe_buf_putc(out, ' ');
            floe_buf_puts(out, "ORDER BY ");
            flist(f, w->u.select.order_by, w->u.select.n_order_by);
        }
        floe_buf_putc(out, ')');
    }
}

static void fexpr(fmt *f, const floe_ast *e, bool parens)
{
    floe_buf *out = f->out;
    bool wrap = parens;
    if (wrap)
        floe_buf_putc(out, '(');
    switch (e->kind) {
    case FLOE_AST_LITERAL:
        literal(out, &e->u.lit.value, false);
        break;
    case FLOE_AST_IDENT:
        for (size_t k = 0; k < e->u.ident.n_parts; k++) {
            if (k)
                floe_buf_putc(out, '.');
            ident(out, e->u.ident.parts[k], false);
        }
        break;
    case FLOE_AST_ASTERISK:
        for (size_t k = 0; k < e->u.asterisk.n_qualifier; k++) {
            ident(out, e->u.asterisk.qualifier[k], false);
            floe_buf_putc(out, '.');
        }
        if (e->u.asterisk.columns_regex) {
            floe_buf_puts(out, "COLUMNS(");
            quote_string(out, e->u.asterisk.columns_regex, strlen(e->u.asterisk.columns_regex),
                         '\'');
            floe_buf_putc(out, ')');
        } else if (e->u.asterisk.n_columns_list) {
            floe_buf_puts(out, "COLUMNS(");
            flist(f, e->u.asterisk.columns_list, e->u.asterisk.n_columns_list);
            floe_buf_putc(out, ')');
        } else {
            floe_buf_putc(out, '*');
        }
        if (e->u.asterisk.n_except) {
            floe_buf_puts(out, " EXCEPT ");
            if (e->u.asterisk.n_except > 1)
                floe_buf_putc(out, '(');
            for (size_t k = 0; k < e->u.asterisk.n_except; k++) {
                if (k)
                    floe_buf_puts(out, ", ");
                ident(out, e->u.asterisk.except[k], false);
            }
            if (e->u.asterisk.n_except > 1)
                floe_buf_putc(out, ')');
        }
        if (e->u.asterisk.except_regex) {
            floe_buf_puts(out, " EXCEPT(");
            quote_string(out, e->u.asterisk.except_regex, strlen(e->u.asterisk.except_regex), '\'');
            floe_buf_putc(out, ')');
        }
        if (e->u.asterisk.n_replace) {
            floe_buf_puts(out, " REPLACE (");
            flist(f, e->u.asterisk.replace, e->u.asterisk.n_replace);
            floe_buf_putc(out, ')');
        }
        break;
    case FLOE_AST_FUNC:
        ffunc(f, e);
        break;
    case FLOE_AST_LAMBDA:
        if (e->u.lambda.n_params == 1) {
            ident(out, e->u.lambda.params[0], false);
        } else {
            floe_buf_putc(out, '(');
            for (size_t k = 0; k < e->u.lambda.n_params; k++) {
                if (k)
                    floe_buf_puts(out, ", ");
                ident(out, e->u.lambda.params[k], false);
            }
            floe_buf_putc(out, ')');
        }
        floe_buf_puts(out, " -> ");
        farg(f, e->u.lambda.body);
        break;
    case FLOE_AST_SUBQUERY: {
        floe_buf_putc(out, '(');
        fmt sub = *f;
        sub.one_line = true;
        fquery(&sub, e->u.subquery.query);
        floe_buf_putc(out, ')');
        break;
    }
    case FLOE_AST_QUERY_PARAM:
        floe_buf_printf(out, "{%s:%s}", e->u.param.name, e->u.param.type);
        break;
    case FLOE_AST_TABLE:
        if (e->u.table.db) {
            ident(out, e->u.table.db, false);
            floe_buf_putc(out, '.');
        }
        ident(out, e->u.table.name, false);
        break;
    case FLOE_AST_ORDER_ITEM:
        fexpr(f, e->u.order.expr, false);
        if (f->projection)
            break;
        floe_buf_puts(out, e->u.order.desc ? " DESC" : " ASC");
        if (e->u.order.nulls_first >= 0)
            floe_buf_puts(out, e->u.order.nulls_first ? " NULLS FIRST" : " NULLS LAST");
        if (e->u.order.collate) {
            floe_buf_puts(out, " COLLATE ");
            quote_string(out, e->u.order.collate, strlen(e->u.order.collate), '\'');
        }
        if (e->u.order.with_fill) {
            floe_buf_puts(out, " WITH FILL");
            if (e->u.order.fill_from) {
                floe_buf_puts(out, " FROM ");
                fexpr(f, e->u.order.fill_from, false);
            }
            if (e->u.order.fill_to) {
                floe_buf_puts(out, " TO ");
                fexpr(f, e->u.order.fill_to, false);
            }
            if (e->u.order.fill_step) {
                floe_buf_puts(out, " STEP ");
                fexpr(f, e->u.order.fill_step, false);
            }
        }
        break;
    case FLOE_AST_PARTITION:
        switch (e->u.partition.kind) {
        case FLOE_PARTITION_ALL:
            floe_buf_puts(out, "ALL");
            break;
        case FLOE_PARTITION_ID:
            floe_buf_puts(out, "ID ");
            quote_string(out, e->u.partition.name, strlen(e->u.partition.name), '\'');
            break;
        case FLOE_PARTITION_PART:
            quote_string(out, e->u.partition.name, strlen(e->u.partition.name), '\'');
            break;
        case FLOE_PARTITION_EXPR:
            fexpr(f, e->u.partition.expr, false);
            break;
        }
        break;
    case FLOE_AST_SELECT:
    case FLOE_AST_UNION:
        fquery(f, e);
        break;
    case FLOE_AST_JOIN:
        ftable_expr(f, e);
        break;
    default:
        if (e->kind >= FLOE_AST_CREATE_DATABASE)
            floe_ast_format(out, e, f->one_line);
        else
            floe_buf_puts(out, floe_ast_kind_name(e->kind));
        break;
    }
    if (e->alias && e->kind != FLOE_AST_TABLE) {
        floe_buf_puts(out, " AS ");
        ident(out, e->alias, false);
    }
    if (wrap)
        floe_buf_putc(out, ')');
}

/* ---- SELECT ---- */

static void settings_list(fmt *f, const floe_ast_setting *s, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (k)
            floe_buf_puts(f->out, ", ");
        floe_buf_puts(f->out, s[k].name);
        floe_buf_puts(f->out, " = ");
        if (s[k].value)
            fexpr(f, s[k].value, false);
    }
}

/* A clause keyword at the start of a line, then its list: on one line
 * when it has one element, else one element per indented line. */
static void clause_list(fmt *f, const char *kw, floe_ast *const *v, size_t n)
{
    nl(f);
    floe_buf_puts(f->out, kw);
    if (f->one_line || n == 1) {
        floe_buf_putc(f->out, ' ');
        flist(f, v, n);
        return;
    }
    f->indent++;
    for (size_t k = 0; k < n; k++) {
        if (k)
            floe_buf_putc(f->out, ',');
        nl(f);
        fexpr(f, v[k], false);
    }
    f->indent--;
}

static void ftable_expr(fmt *f, const floe_ast *t)
{
    floe_buf *out = f->out;
    if (t->kind == FLOE_AST_JOIN) {
        ftable_expr(f, t->u.join.left);
        if (t->u.join.comma) {
            floe_buf_puts(out, ", ");
            ftable_expr(f, t->u.join.right);
            return;
        }
        nl(f);
        if (t->u.join.kind == FLOE_JOIN_ARRAY) {
            floe_buf_puts(out, t->u.join.left_array ? "LEFT ARRAY JOIN " : "ARRAY JOIN ");
            flist(f, t->u.join.using_, t->u.join.n_using);
            return;
        }
        if (t->u.join.global)
            floe_buf_puts(out, "GLOBAL ");
        static const char *const strict[] = {"", "ANY ", "ALL ", "ASOF ", "SEMI ", "ANTI "};
        static const char *const kinds[] = {"INNER ", "LEFT ",  "RIGHT ", "FULL ",
                                            "CROSS ", "PASTE ", ""};
        floe_buf_puts(out, strict[t->u.join.strictness]);
        floe_buf_puts(out, kinds[t->u.join.kind]);
        floe_buf_puts(out, "JOIN ");
        ftable_expr(f, t->u.join.right);
        if (t->u.join.on) {
            floe_buf_puts(out, " ON ");
            fexpr(f, t->u.join.on, false);
        } else if (t->u.join.n_using) {
            floe_buf_puts(out, " USING (");
            flist(f, t->u.join.using_, t->u.join.n_using);
            floe_buf_putc(out, ')');
        }
        return;
    }
    fexpr(f, t, false);
    if (t->kind == FLOE_AST_TABLE && t->alias) {
        floe_buf_puts(out, " AS ");
        ident(out, t->alias, false);
    }
    if (t->kind == FLOE_AST_TABLE && t->u.table.final) {
        nl(f);
        floe_buf_puts(out, "FINAL");
    }
}

/* SAMPLE 0.1 prints as 1 / 10: ClickHouse keeps the ratio as a fraction of
 * the decimal digits written. */
static void sample_ratio(fmt *f, const floe_ast *e)
{
    if (e->kind == FLOE_AST_LITERAL && !e->u.lit.value.is_null && e->u.lit.value.type &&
        floe_type_is_float(floe_type_base(e->u.lit.value.type)) && e->u.lit.value.v.f > 0 &&
        e->u.lit.value.v.f < 1e15) {
        uint64_t digits;
        int exp10;
        floe_float64_shortest(&digits, &exp10, e->u.lit.value.v.f);
        if (exp10 >= 0) {
            for (int k = 0; k < exp10; k++)
                digits *= 10;
            floe_buf_u64(f->out, digits);
        } else {
            floe_buf_u64(f->out, digits);
            floe_buf_puts(f->out, " / 1");
            for (int k = 0; k < -exp10; k++)
                floe_buf_putc(f->out, '0');
        }
        return;
    }
    fexpr(f, e, false);
}

static void window_body(fmt *f, const floe_ast *w)
{
    floe_buf *out = f->out;
    floe_buf_putc(out, '(');
    bool sp = false;
    if (w->u.select.n_group_by) {
        floe_buf_puts(out, "PARTITION BY ");
        flist(f, w->u.select.group_by, w->u.select.n_group_by);
        sp = true;
    }
    if (w->u.select.n_order_by) {
        if (sp)
            floe_buf_putc(out, ' ');
        floe_buf_puts(out, "ORDER BY ");
        flist(f, w->u.select.order_by, w->u.select.n_order_by);
    }
    floe_buf_putc(out, ')');
}

/* A SELECT list item: ClickHouse brackets a lambda that is not the first
 * item (SELECT 1, (x -> 1)). */
static void select_item(fmt *f, const floe_ast *e, size_t k)
{
    if (k > 0 && e->kind == FLOE_AST_LAMBDA && e->alias) {
        /* (x -> 1) AS l: the alias stays outside the brackets */
        floe_ast copy = *e;
        copy.alias = NULL;
        floe_buf_putc(f->out, '(');
        fexpr(f, &copy, false);
        floe_buf_puts(f->out, ") AS ");
        ident(f->out, e->alias, false);
        return;
    }
    fexpr(f, e, k > 0 && e->kind == FLOE_AST_LAMBDA);
}

static void select_list(fmt *f, floe_ast *const *v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (k)
            floe_buf_puts(f->out, ", ");
        select_item(f, v[k], k);
    }
}

static void fselect(fmt *f, const floe_ast *s)
{
    floe_buf *out = f->out;
    if (s->u.select.n_with) {
        floe_buf_puts(out, "WITH ");
        for (size_t k = 0; k < s->u.select.n_with; k++) {
            const floe_ast *w = s->u.select.with[k];
            if (k)
                floe_buf_puts(out, ", ");
            if (w->kind == FLOE_AST_SUBQUERY) {
                ident(out, w->alias, false);
                floe_buf_puts(out, " AS (");
                fmt sub = *f;
                sub.one_line = true;
                fquery(&sub, w->u.subquery.query);
                floe_buf_putc(out, ')');
            } else {
                fexpr(f, w, false);
            }
        }
        nl(f);
    }
    floe_buf_puts(out, "SELECT");
    if (s->u.select.distinct)
        floe_buf_puts(out, " DISTINCT");
    if (f->one_line || s->u.select.n_exprs == 1) {
        floe_buf_putc(out, ' ');
        select_list(f, s->u.select.exprs, s->u.select.n_exprs);
    } else {
        f->indent++;
        for (size_t k = 0; k < s->u.select.n_exprs; k++) {
            if (k)
                floe_buf_putc(out, ',');
            nl(f);
            select_item(f, s->u.select.exprs[k], k);
        }
        f->indent--;
    }
    if (s->u.select.from) {
        nl(f);
        floe_buf_puts(out, "FROM ");
        ftable_expr(f, s->u.select.from);
        if (s->u.select.sample) {
            floe_buf_puts(out, " SAMPLE ");
            sample_ratio(f, s->u.select.sample);
            if (s->u.select.sample_offset) {
                floe_buf_puts(out, " OFFSET ");
                sample_ratio(f, s->u.select.sample_offset);
            }
        }
    }
    if (s->u.select.prewhere) {
        nl(f);
        floe_buf_puts(out, "PREWHERE ");
        fexpr(f, s->u.select.prewhere, false);
    }
    if (s->u.select.where) {
        nl(f);
        floe_buf_puts(out, "WHERE ");
        fexpr(f, s->u.select.where, false);
    }
    if (s->u.select.group_by_all) {
        nl(f);
        floe_buf_puts(out, "GROUP BY ALL");
    } else if (s->u.select.n_group_by) {
        clause_list(f, "GROUP BY", s->u.select.group_by, s->u.select.n_group_by);
    }
    if (s->u.select.with_rollup || s->u.select.with_cube || s->u.select.with_totals) {
        const char *w = s->u.select.with_rollup ? "WITH ROLLUP"
                        : s->u.select.with_cube ? "WITH CUBE"
                                                : NULL;
        if (w) {
            f->indent++;
            nl(f);
            floe_buf_puts(out, w);
            f->indent--;
        }
        if (s->u.select.with_totals) {
            f->indent++;
            nl(f);
            floe_buf_puts(out, "WITH TOTALS");
            f->indent--;
        }
    }
    if (s->u.select.having) {
        nl(f);
        floe_buf_puts(out, "HAVING ");
        fexpr(f, s->u.select.having, false);
    }
    if (s->u.select.n_windows) {
        nl(f);
        floe_buf_puts(out, "WINDOW ");
        for (size_t k = 0; k < s->u.select.n_windows; k++) {
            if (k)
                floe_buf_puts(out, ", ");
            ident(out, s->u.select.windows[k]->alias, false);
            floe_buf_puts(out, " AS ");
            window_body(f, s->u.select.windows[k]);
        }
    }
    if (s->u.select.qualify) {
        nl(f);
        floe_buf_puts(out, "QUALIFY ");
        fexpr(f, s->u.select.qualify, false);
    }
    if (s->u.select.order_by_all) {
        nl(f);
        floe_buf_puts(out, "ORDER BY ALL");
        const floe_ast *o = s->u.select.order_by[0];
        if (o->u.order.desc)
            floe_buf_puts(out, " DESC");
    } else if (s->u.select.n_order_by) {
        clause_list(f, "ORDER BY", s->u.select.order_by, s->u.select.n_order_by);
    }
    if (s->u.select.n_limit_by) {
        nl(f);
        floe_buf_puts(out, "LIMIT ");
        if (s->u.select.limit_by_offset) {
            fexpr(f, s->u.select.limit_by_offset, false);
            floe_buf_puts(out, ", ");
        }
        fexpr(f, s->u.select.limit_by_length, false);
        floe_buf_puts(out, " BY ");
        flist(f, s->u.select.limit_by, s->u.select.n_limit_by);
    }
    if (s->u.select.limit) {
        nl(f);
        floe_buf_puts(out, "LIMIT ");
        if (s->u.select.offset) {
            fexpr(f, s->u.select.offset, false);
            floe_buf_puts(out, ", ");
        }
        fexpr(f, s->u.select.limit, false);
        if (s->u.select.limit_with_ties)
            floe_buf_puts(out, " WITH TIES");
    } else if (s->u.select.offset) {
        nl(f);
        floe_buf_puts(out, "OFFSET ");
        fexpr(f, s->u.select.offset, false);
    }
    if (s->u.select.n_settings) {
        nl(f);
        floe_buf_puts(out, "SETTINGS ");
        settings_list(f, s->u.select.settings, s->u.select.n_settings);
    }
}

static void fquery(fmt *f, const floe_ast *q)
{
    if (q->kind == FLOE_AST_SELECT) {
        fselect(f, q);
        return;
    }
    if (q->kind == FLOE_AST_UNION) {
        static const char *const modes[] = {"UNION",      "UNION ALL", "UNION DISTINCT",
                                            "EXCEPT ALL", "EXCEPT",    "INTERSECT ALL",
                                            "INTERSECT"};
        for (size_t k = 0; k < q->u.union_.n_items; k++) {
            if (k) {
                nl(f);
                floe_buf_puts(f->out, modes[q->u.union_.modes[k - 1]]);
                nl(f);
            }
            const floe_ast *it = q->u.union_.items[k];
            if (it->kind == FLOE_AST_SUBQUERY) {
                floe_buf_putc(f->out, '(');
                fquery(f, it->u.subquery.query);
                floe_buf_putc(f->out, ')');
            } else {
                fquery(f, it);
            }
        }
        return;
    }
    floe_ast_format(f->out, q, f->one_line);
}

/* ---- data types ---- */

/* Writes a type's text; in the multi-line form a Tuple with named elements
 * puts each element on its own line, as ClickHouse 26 prints it. */
static void ftype(fmt *f, const char *t)
{
    if (strstr(t, "Tuple()")) {
        /* an empty Tuple prints as its bare name */
        floe_buf tmp = FLOE_BUF_INIT;
        for (const char *x = t; *x;) {
            if (strncmp(x, "Tuple()", 7) == 0) {
                floe_buf_puts(&tmp, "Tuple");
                x += 7;
            } else {
                floe_buf_putc(&tmp, *x++);
            }
        }
        fmt g = *f;
        ftype(&g, tmp.data);
        floe_buf_free(&tmp);
        return;
    }
    if (f->one_line || !strstr(t, "Tuple(")) {
        floe_buf_puts(f->out, t);
        return;
    }
    const char *s = t;
    int depth_base = f->indent;
    int extra = 0;
    /* a stack of whether each open bracket is a named tuple */
    bool named[64];
    int d = 0;
    while (*s) {
        if (strncmp(s, "Tuple(", 6) == 0 && d < 63) {
            /* a Tuple of two or more elements prints one per line */
            bool is_named = false;
            int dd = 0;
            for (const char *x = s + 6; *x && dd >= 0; x++) {
                if (*x == '(')
                    dd++;
                else if (*x == ')')
                    dd--;
                else if (*x == ',' && dd == 0) {
                    is_named = true;
                    break;
                } else if (*x == '\'') {
                    for (x++; *x && *x != '\''; x++)
                        if (*x == '\\' && x[1])
                            x++;
                    if (!*x)
                        break;
                }
            }
            floe_buf_puts(f->out, "Tuple(");
            named[d++] = is_named;
            s += 6;
            if (is_named) {
                extra++;
                floe_buf_putc(f->out, '\n');
                for (int k = 0; k < depth_base + extra; k++)
                    floe_buf_puts(f->out, "    ");
            }
            continue;
        }
        char c = *s;
        if (c == '(' && d < 63) {
            named[d++] = false;
        } else if (c == ')' && d > 0) {
            if (named[--d])
                extra--;
        } else if (c == ',' && d > 0 && named[d - 1]) {
            floe_buf_puts(f->out, ",\n");
            for (int k = 0; k < depth_base + extra; k++)
                floe_buf_puts(f->out, "    ");
            s++;
            while (*s == ' ')
                s++;
            continue;
        }
        floe_buf_putc(f->out, c);
        s++;
    }
}

/* ---- DDL ---- */

static void fcolumn(fmt *f, const floe_ast *c)
{
    floe_buf *out = f->out;
    ident(out, c->u.column.name, true);
    if (c->u.column.type) {
        floe_buf_putc(out, ' ');
        ftype(f, c->u.column.type);
    }
    if (c->u.column.null_modifier == 0)
        floe_buf_puts(out, " NOT NULL");
    else if (c->u.column.null_modifier == 1)
        floe_buf_puts(out, " NULL");
    static const char *const kinds[] = {"", " DEFAULT", " MATERIALIZED", " ALIAS", " EPHEMERAL"};
    if (c->u.column.default_kind != FLOE_COLUMN_NO_DEFAULT) {
        floe_buf_puts(out, kinds[c->u.column.default_kind]);
        if (c->u.column.default_expr) {
            floe_buf_putc(out, ' ');
            fexpr(f, c->u.column.default_expr, false);
        }
    }
    if (c->u.column.comment) {
        floe_buf_puts(out, " COMMENT ");
        quote_string(out, c->u.column.comment, strlen(c->u.column.comment), '\'');
    }
    if (c->u.column.n_codec) {
        floe_buf_puts(out, " CODEC(");
        flist(f, c->u.column.codec, c->u.column.n_codec);
        floe_buf_putc(out, ')');
    }
    if (c->u.column.n_statistics) {
        floe_buf_puts(out, " STATISTICS(");
        flist(f, c->u.column.statistics, c->u.column.n_statistics);
        floe_buf_putc(out, ')');
    }
    if (c->u.column.ttl) {
        floe_buf_puts(out, " TTL ");
        fexpr(f, c->u.column.ttl, false);
    }
    if (c->u.column.primary_key)
        floe_buf_puts(out, " PRIMARY KEY");
    if (c->u.column.n_settings) {
        floe_buf_puts(out, " SETTINGS (");
        settings_list(f, c->u.column.settings, c->u.column.n_settings);
        floe_buf_putc(out, ')');
    }
}

static void findex(fmt *f, const floe_ast *x)
{
    floe_buf *out = f->out;
    floe_buf_puts(out, "INDEX ");
    ident(out, x->u.index.name, false);
    floe_buf_putc(out, ' ');
    fexpr(f, x->u.index.expr, false);
    floe_buf_puts(out, " TYPE ");
    fexpr(f, x->u.index.type, false);
    floe_buf_printf(out, " GRANULARITY %llu",
                    (unsigned long long)(x->u.index.has_granularity ? x->u.index.granularity : 1));
}

static void qname(floe_buf *out, const char *db, const char *name)
{
    if (db) {
        ident(out, db, false);
        floe_buf_putc(out, '.');
    }
    ident(out, name, false);
}

static void fcreate_table(fmt *f, const floe_ast *e)
{
    floe_buf *out = f->out;
    floe_buf_puts(out, e->u.create_table.attach    ? "ATTACH "
                       : e->u.create_table.replace ? "REPLACE "
                                                   : "CREATE ");
    if (e->u.create_table.or_replace)
        floe_buf_puts(out, "OR REPLACE ");
    if (e->u.create_table.temporary)
        floe_buf_puts(out, "TEMPORARY ");
    if (e->u.create_table.is_materialized_view)
        floe_buf_puts(out, "MATERIALIZED VIEW ");
    else if (e->u.create_table.is_view)
        floe_buf_puts(out, "VIEW ");
    else
        floe_buf_puts(out, "TABLE ");
    if (e->u.create_table.if_not_exists)
        floe_buf_puts(out, "IF NOT EXISTS ");
    qname(out, e->u.create_table.db, e->u.create_table.name);
    if (e->u.create_table.uuid) {
        floe_buf_puts(out, " UUID ");
        quote_string(out, e->u.create_table.uuid, strlen(e->u.create_table.uuid), '\'');
    }
    if (e->u.create_table.to_table.name) {
        floe_buf_puts(out, " TO ");
        qname(out, e->u.create_table.to_table.db, e->u.create_table.to_table.name);
    }
    size_t n_elems = e->u.create_table.n_columns + e->u.create_table.n_indexes +
                     e->u.create_table.n_constraints + e->u.create_table.n_projections +
                     (e->u.create_table.primary_key_in_columns != NULL);
    if (n_elems) {
        if (f->one_line) {
            floe_buf_puts(out, " (");
        } else {
            nl(f);
            floe_buf_putc(out, '(');
        }
        f->indent++;
        size_t k = 0;
#define SEP()                                                                                      \
    do {                                                                                           \
        if (k++)                                                                                   \
            floe_buf_putc(out, ',');                                                               \
        if (f->one_line) {                                                                         \
            if (k > 1)                                                                             \
                floe_buf_putc(out, ' ');                                                           \
        } else                                                                                     \
            nl(f);                                                                                 \
    } while (0)
        for (size_t i = 0; i < e->u.create_table.n_columns; i++) {
            SEP();
            fcolumn(f, e->u.create_table.columns[i]);
        }
        for (size_t i = 0; i < e->u.create_table.n_indexes; i++) {
            SEP();
            findex(f, e->u.create_table.indexes[i]);
        }
        for (size_t i = 0; i < e->u.create_table.n_constraints; i++) {
            const floe_ast *c = e->u.create_table.constraints[i];
            SEP();
            floe_buf_puts(out, "CONSTRAINT ");
            ident(out, c->u.constraint.name, false);
            floe_buf_puts(out, c->u.constraint.assume ? " ASSUME " : " CHECK ");
            fexpr(f, c->u.constraint.expr, false);
        }
        for (size_t i = 0; i < e->u.create_table.n_projections; i++) {
            const floe_ast *pj = e->u.create_table.projections[i];
            SEP();
            floe_buf_puts(out, "PROJECTION ");
            ident(out, pj->u.projection.name, false);
            f->projection = true;
            if (f->one_line) {
                floe_buf_puts(out, " (");
                fquery(f, pj->u.projection.query);
                floe_buf_putc(out, ')');
            } else {
                nl(f);
                floe_buf_putc(out, '(');
                f->indent++;
                nl(f);
                fquery(f, pj->u.projection.query);
                f->indent--;
                nl(f);
                floe_buf_putc(out, ')');
            }
            f->projection = false;
        }
        if (e->u.create_table.primary_key_in_columns) {
            SEP();
            floe_buf_puts(out, "PRIMARY KEY ");
            fexpr(f, e->u.create_table.primary_key_in_columns, false);
        }
#undef SEP
        f->indent--;
        if (!f->one_line)
            nl(f);
        floe_buf_putc(out, ')');
    }
    if (e->u.create_table.as_table.name) {
        floe_buf_puts(out, " AS ");
        qname(out, e->u.create_table.as_table.db, e->u.create_table.as_table.name);
    }
    if (e->u.create_table.as_function) {
        floe_buf_puts(out, " AS ");
        fexpr(f, e->u.create_table.as_function, false);
    }
    if (e->u.create_table.engine) {
        nl(f);
        floe_buf_puts(out, "ENGINE = ");
        const floe_ast *en = e->u.create_table.engine;
        if (en->u.func.n_args == 0) {
            ident(out, en->u.func.name, false);
        } else {
            fexpr(f, en, false);
        }
    }
    if (e->u.create_table.partition_by) {
        nl(f);
        floe_buf_puts(out, "PARTITION BY ");
        fexpr(f, e->u.create_table.partition_by, false);
    }
    if (e->u.create_table.primary_key) {
        nl(f);
        floe_buf_puts(out, "PRIMARY KEY ");
        fexpr(f, e->u.create_table.primary_key, false);
    }
    if (e->u.create_table.order_by) {
        nl(f);
        floe_buf_puts(out, "ORDER BY ");
        fexpr(f, e->u.create_table.order_by, false);
    }
    if (e->u.create_table.sample_by) {
        nl(f);
        floe_buf_puts(out, "SAMPLE BY ");
        fexpr(f, e->u.create_table.sample_by, false);
    }
    if (e->u.create_table.n_ttl) {
        nl(f);
        floe_buf_puts(out, "TTL ");
        flist(f, e->u.create_table.ttl, e->u.create_table.n_ttl);
    }
    if (e->u.create_table.n_settings) {
        nl(f);
        floe_buf_puts(out, "SETTINGS ");
        settings_list(f, e->u.create_table.settings, e->u.create_table.n_settings);
    }
    if (e->u.create_table.populate)
        floe_buf_puts(out, " POPULATE");
    if (e->u.create_table.as_select) {
        if (e->u.create_table.is_view && !f->one_line) {
            nl(f);
            floe_buf_puts(out, "AS ");
        } else {
            floe_buf_puts(out, e->u.create_table.empty_as ? " EMPTY AS " : " AS ");
        }
        fquery(f, e->u.create_table.as_select);
    }
    if (e->u.create_table.comment) {
        nl(f);
        floe_buf_puts(out, "COMMENT ");
        quote_string(out, e->u.create_table.comment, strlen(e->u.create_table.comment), '\'');
    }
}

static const char *object_word(floe_object_kind k)
{
    switch (k) {
    case FLOE_OBJECT_DATABASE:
        return "DATABASE";
    case FLOE_OBJECT_VIEW:
        return "VIEW";
    case FLOE_OBJECT_DICTIONARY:
        return "DICTIONARY";
    case FLOE_OBJECT_NAMED_COLLECTION:
        return "NAMED COLLECTION";
    default:
        return "TABLE";
    }
}

static void fpartition(fmt *f, const floe_ast *p)
{
    floe_buf_puts(f->out, p->u.partition.kind == FLOE_PARTITION_PART ? "PART " : "PARTITION ");
    fexpr(f, p, false);
}

static void after_first(floe_buf *out, const floe_ast *c)
{
    /* as ClickHouse prints them: "FIRST " with a space, AFTER n.a unquoted */
    if (c->u.alter_cmd.first) {
        floe_buf_puts(out, " FIRST ");
    } else if (c->u.alter_cmd.after) {
        floe_buf_puts(out, " AFTER ");
        const char *a = c->u.alter_cmd.after;
        for (const char *dot; (dot = strchr(a, '.')) != NULL; a = dot + 1) {
            char part[256];
            size_t n = (size_t)(dot - a) < sizeof part - 1 ? (size_t)(dot - a) : sizeof part - 1;
            memcpy(part, a, n);
            part[n] = '\0';
            ident(out, part, false);
            floe_buf_putc(out, '.');
        }
        ident(out, a, false);
    }
}

static void falter_cmd(fmt *f, const floe_ast *c)
{
    floe_buf *out = f->out;
    const char *name = c->u.alter_cmd.name;
    switch (c->u.alter_cmd.type) {
    case FLOE_ALTER_ADD_COLUMN:
        floe_buf_puts(out, "ADD COLUMN ");
        if (c->u.alter_cmd.if_not_exists)
            floe_buf_puts(out, "IF NOT EXISTS ");
        fcolumn(f, c->u.alter_cmd.column);
        after_first(out, c);
        break;
    case FLOE_ALTER_DROP_COLUMN:
        floe_buf_puts(out, "DROP COLUMN ");
        if (c->u.alter_cmd.if_exists)
            floe_buf_puts(out, "IF EXISTS ");
        ident(out, name, false);
        break;
    case FLOE_ALTER_MODIFY_COLUMN:
        floe_buf_puts(out, "MODIFY COLUMN ");
        if (c->u.alter_cmd.if_exists)
            floe_buf_puts(out, "IF EXISTS ");
        if (c->u.alter_cmd.remove_property) {
            ident(out, name, true);
            floe_buf_puts(out, " REMOVE ");
            floe_buf_puts(out, c->u.alter_cmd.remove_property);
        } else if (c->u.alter_cmd.column) {
            fcolumn(f, c->u.alter_cmd.column);
            after_first(out, c);
        } else {
            ident(out, name, false);
        }
        break;
    case FLOE_ALTER_RENAME_COLUMN:
        floe_buf_puts(out, "RENAME COLUMN ");
        if (c->u.alter_cmd.if_exists)
            floe_buf_puts(out, "IF EXISTS ");
        ident(out, name, false);
        floe_buf_puts(out, " TO ");
        ident(out, c->u.alter_cmd.new_name, false);
        break;
    case FLOE_ALTER_COMMENT_COLUMN:
        floe_buf_puts(out, "COMMENT COLUMN ");
        ident(out, name, false);
        floe_buf_putc(out, ' ');
        quote_string(out, c->u.alter_cmd.comment, strlen(c->u.alter_cmd.comment), '\'');
        break;
    case FLOE_ALTER_ADD_INDEX:
        floe_buf_puts(out, "ADD ");
        findex(f, c->u.alter_cmd.index);
        break;
    case FLOE_ALTER_DROP_INDEX:
        floe_buf_puts(out, "DROP INDEX ");
        ident(out, name, false);
        break;
    case FLOE_ALTER_MODIFY_ORDER_BY:
        floe_buf_puts(out, "MODIFY ORDER BY ");
        fexpr(f, c->u.alter_cmd.expr, false);
        break;
    case FLOE_ALTER_MODIFY_SETTING:
        floe_buf_puts(out, "MODIFY SETTING ");
        settings_list(f, c->u.alter_cmd.settings, c->u.alter_cmd.n_settings);
        break;
    case FLOE_ALTER_MODIFY_TTL:
        floe_buf_puts(out, "MODIFY TTL ");
        flist(f, c->u.alter_cmd.exprs, c->u.alter_cmd.n_exprs);
        break;
    case FLOE_ALTER_REMOVE_TTL:
        floe_buf_puts(out, "REMOVE TTL");
        break;
    case FLOE_ALTER_MODIFY_COMMENT:
        floe_buf_puts(out, "MODIFY COMMENT ");
        quote_string(out, c->u.alter_cmd.comment, strlen(c->u.alter_cmd.comment), '\'');
        break;
    case FLOE_ALTER_UPDATE:
        floe_buf_puts(out, "UPDATE  ");
        settings_list(f, c->u.alter_cmd.assignments, c->u.alter_cmd.n_assignments);
        if (c->u.alter_cmd.partition) {
            floe_buf_puts(out, " IN ");
            fpartition(f, c->u.alter_cmd.partition);
        }
        floe_buf_puts(out, " WHERE ");
        fexpr(f, c->u.alter_cmd.expr, false);
        break;
    case FLOE_ALTER_DELETE:
        floe_buf_puts(out, "DELETE");
        if (c->u.alter_cmd.partition) {
            floe_buf_puts(out, " IN ");
            fpartition(f, c->u.alter_cmd.partition);
        }
        floe_buf_puts(out, " WHERE ");
        fexpr(f, c->u.alter_cmd.expr, false);
        break;
    case FLOE_ALTER_DROP_PARTITION:
        floe_buf_puts(out, "DROP ");
        fpartition(f, c->u.alter_cmd.partition);
        break;
    case FLOE_ALTER_DROP_DETACHED_PARTITION:
        floe_buf_puts(out, "DROP DETACHED ");
        fpartition(f, c->u.alter_cmd.partition);
        break;
    case FLOE_ALTER_DETACH_PARTITION:
        floe_buf_puts(out, "DETACH ");
        fpartition(f, c->u.alter_cmd.partition);
        break;
    case FLOE_ALTER_ATTACH_PARTITION:
        floe_buf_puts(out, "ATTACH ");
        fpartition(f, c->u.alter_cmd.partition);
        if (c->u.alter_cmd.from_table.name) {
            floe_buf_puts(out, " FROM ");
            qname(out, c->u.alter_cmd.from_table.db, c->u.alter_cmd.from_table.name);
        }
        break;
    case FLOE_ALTER_REPLACE_PARTITION:
        floe_buf_puts(out, "REPLACE ");
        fpartition(f, c->u.alter_cmd.partition);
        floe_buf_puts(out, " FROM ");
        qname(out, c->u.alter_cmd.from_table.db, c->u.alter_cmd.from_table.name);
        break;
    case FLOE_ALTER_MOVE_PARTITION:
        floe_buf_puts(out, "MOVE ");
        fpartition(f, c->u.alter_cmd.partition);
        if (c->u.alter_cmd.to_table.name) {
            floe_buf_puts(out, " TO TABLE ");
            qname(out, c->u.alter_cmd.to_table.db, c->u.alter_cmd.to_table.name);
        } else {
            const char *t =
                c->u.alter_cmd.to_disk ? c->u.alter_cmd.to_disk : c->u.alter_cmd.to_volume;
            floe_buf_puts(out, c->u.alter_cmd.to_disk ? " TO DISK " : " TO VOLUME ");
            quote_string(out, t, strlen(t), '\'');
        }
        break;
    case FLOE_ALTER_FREEZE:
    case FLOE_ALTER_UNFREEZE:
        floe_buf_puts(out, c->u.alter_cmd.type == FLOE_ALTER_FREEZE ? "FREEZE" : "UNFREEZE");
        if (c->u.alter_cmd.partition) {
            floe_buf_putc(out, ' ');
            fpartition(f, c->u.alter_cmd.partition);
        }
        if (c->u.alter_cmd.with_name) {
            floe_buf_puts(out, " WITH NAME ");
            quote_string(out, c->u.alter_cmd.with_name, strlen(c->u.alter_cmd.with_name), '\'');
        }
        break;
    case FLOE_ALTER_CLEAR_COLUMN:
    case FLOE_ALTER_MATERIALIZE_COLUMN:
    case FLOE_ALTER_CLEAR_INDEX:
    case FLOE_ALTER_MATERIALIZE_INDEX:
    case FLOE_ALTER_DROP_PROJECTION:
    case FLOE_ALTER_CLEAR_PROJECTION:
    case FLOE_ALTER_MATERIALIZE_PROJECTION:
    case FLOE_ALTER_DROP_CONSTRAINT: {
        static const struct {
            floe_alter_type t;
            const char *word;
        } words[] = {
            {FLOE_ALTER_CLEAR_COLUMN, "CLEAR COLUMN "},
            {FLOE_ALTER_MATERIALIZE_COLUMN, "MATERIALIZE COLUMN "},
            {FLOE_ALTER_CLEAR_INDEX, "CLEAR INDEX "},
            {FLOE_ALTER_MATERIALIZE_INDEX, "MATERIALIZE INDEX "},
            {FLOE_ALTER_DROP_PROJECTION, "DROP PROJECTION "},
            {FLOE_ALTER_CLEAR_PROJECTION, "CLEAR PROJECTION "},
            {FLOE_ALTER_MATERIALIZE_PROJECTION, "MATERIALIZE PROJECTION "},
            {FLOE_ALTER_DROP_CONSTRAINT, "DROP CONSTRAINT "},
        };
        for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
            if (words[k].t == c->u.alter_cmd.type)
                floe_buf_puts(out, words[k].word);
        if (c->u.alter_cmd.if_exists)
            floe_buf_puts(out, "IF EXISTS ");
        ident(out, name, false);
        if (c->u.alter_cmd.partition) {
            floe_buf_puts(out, " IN ");
            fpartition(f, c->u.alter_cmd.partition);
        }
        break;
    }
    case FLOE_ALTER_ADD_PROJECTION:
        floe_buf_puts(out, "ADD PROJECTION ");
        if (c->u.alter_cmd.if_not_exists)
            floe_buf_puts(out, "IF NOT EXISTS ");
        ident(out, name, false);
        floe_buf_puts(out, " (");
        f->projection = true;
        fquery(f, c->u.alter_cmd.projection->u.projection.query);
        f->projection = false;
        floe_buf_putc(out, ')');
        break;
    case FLOE_ALTER_ADD_CONSTRAINT:
        floe_buf_puts(out, "ADD CONSTRAINT ");
        if (c->u.alter_cmd.if_not_exists)
            floe_buf_puts(out, "IF NOT EXISTS ");
        ident(out, name, false);
        floe_buf_puts(out, c->u.alter_cmd.constraint->u.constraint.assume ? " ASSUME " : " CHECK ");
        fexpr(f, c->u.alter_cmd.constraint->u.constraint.expr, false);
        break;
    case FLOE_ALTER_MODIFY_SAMPLE_BY:
        floe_buf_puts(out, "MODIFY SAMPLE BY ");
        fexpr(f, c->u.alter_cmd.expr, false);
        break;
    case FLOE_ALTER_REMOVE_SAMPLE_BY:
        floe_buf_puts(out, "REMOVE SAMPLE BY");
        break;
    case FLOE_ALTER_RESET_SETTING:
        floe_buf_puts(out, "RESET SETTING  ");
        for (size_t k = 0; k < c->u.alter_cmd.n_reset_names; k++) {
            if (k)
                floe_buf_puts(out, ", ");
            floe_buf_puts(out, c->u.alter_cmd.reset_names[k]);
        }
        break;
    case FLOE_ALTER_MATERIALIZE_TTL:
        floe_buf_puts(out, "MATERIALIZE TTL");
        if (c->u.alter_cmd.partition) {
            floe_buf_puts(out, " IN ");
            fpartition(f, c->u.alter_cmd.partition);
        }
        break;
    case FLOE_ALTER_FORGET_PARTITION:
        floe_buf_puts(out, "FORGET ");
        fpartition(f, c->u.alter_cmd.partition);
        break;
    case FLOE_ALTER_FETCH_PARTITION:
        floe_buf_puts(out, "FETCH ");
        fpartition(f, c->u.alter_cmd.partition);
        floe_buf_puts(out, " FROM ");
        quote_string(out, c->u.alter_cmd.from_path, strlen(c->u.alter_cmd.from_path), '\'');
        break;
    case FLOE_ALTER_REWRITE_PARTS:
    case FLOE_ALTER_APPLY_DELETED_MASK:
        floe_buf_puts(out, c->u.alter_cmd.type == FLOE_ALTER_REWRITE_PARTS ? "REWRITE PARTS"
                                                                           : "APPLY DELETED MASK");
        if (c->u.alter_cmd.partition) {
            floe_buf_puts(out, " IN ");
            fpartition(f, c->u.alter_cmd.partition);
        }
        break;
    case FLOE_ALTER_EXPORT_PART:
    case FLOE_ALTER_EXPORT_PARTITION:
        floe_buf_puts(out, "EXPORT ");
        fpartition(f, c->u.alter_cmd.partition);
        floe_buf_puts(out, " TO TABLE ");
        qname(out, c->u.alter_cmd.to_table.db, c->u.alter_cmd.to_table.name);
        break;
    case FLOE_ALTER_CONVERT_PARTITION:
        floe_buf_puts(out, "CONVERT ");
        fpartition(f, c->u.alter_cmd.partition);
        floe_buf_puts(out, " TO ");
        floe_buf_puts(out, c->u.alter_cmd.convert_format);
        break;
    case FLOE_ALTER_MODIFY_QUERY:
        floe_buf_puts(out, "MODIFY QUERY ");
        fquery(f, c->u.alter_cmd.select);
        break;
    }
}

void floe_ast_format(floe_buf *out, const floe_ast *e, bool one_line)
{
    fmt f = {out, one_line, 0, false};
    switch (e->kind) {
    case FLOE_AST_SELECT:
    case FLOE_AST_UNION:
        fquery(&f, e);
        break;
    case FLOE_AST_CREATE_TABLE:
        fcreate_table(&f, e);
        break;
    case FLOE_AST_CREATE_DATABASE:
        floe_buf_puts(out, "CREATE DATABASE ");
        if (e->u.create_database.if_not_exists)
            floe_buf_puts(out, "IF NOT EXISTS ");
        ident(out, e->u.create_database.name, false);
        if (e->u.create_database.engine) {
            nl(&f);
            floe_buf_puts(out, "ENGINE = ");
            fexpr(&f, e->u.create_database.engine, false);
        }
        if (e->u.create_database.n_settings) {
            nl(&f);
            floe_buf_puts(out, "SETTINGS ");
            settings_list(&f, e->u.create_database.settings, e->u.create_database.n_settings);
        }
        if (e->u.create_database.comment) {
            nl(&f);
            floe_buf_puts(out, "COMMENT ");
            quote_string(out, e->u.create_database.comment, strlen(e->u.create_database.comment),
                         '\'');
        }
        break;
    case FLOE_AST_DROP:
        floe_buf_puts(out, e->u.drop.detach ? "DETACH " : "DROP ");
        if (e->u.drop.temporary)
            floe_buf_puts(out, "TEMPORARY ");
        floe_buf_puts(out, object_word(e->u.drop.what));
        floe_buf_putc(out, ' ');
        if (e->u.drop.if_exists)
            floe_buf_puts(out, "IF EXISTS ");
        if (e->u.drop.n_names > 1) {
            for (size_t k = 0; k < e->u.drop.n_names; k++) {
                if (k)
                    floe_buf_puts(out, ", ");
                qname(out, e->u.drop.names[k].db, e->u.drop.names[k].name);
            }
        } else {
            qname(out, e->u.drop.db, e->u.drop.name);
        }
        if (e->u.drop.permanently)
            floe_buf_puts(out, " PERMANENTLY");
        if (e->u.drop.sync)
            floe_buf_puts(out, " SYNC");
        break;
    case FLOE_AST_TRUNCATE:
        floe_buf_puts(out, "TRUNCATE TABLE ");
        if (e->u.truncate.if_exists)
            floe_buf_puts(out, "IF EXISTS ");
        qname(out, e->u.truncate.db, e->u.truncate.name);
        break;
    case FLOE_AST_RENAME:
        floe_buf_puts(out, e->u.rename.exchange   ? "EXCHANGE TABLES "
                           : e->u.rename.database ? "RENAME DATABASE "
                                                  : "RENAME TABLE ");
        for (size_t k = 0; k < e->u.rename.n; k++) {
            if (k)
                floe_buf_puts(out, ", ");
            qname(out, e->u.rename.from[k].db, e->u.rename.from[k].name);
            floe_buf_puts(out, e->u.rename.exchange ? " AND " : " TO ");
            qname(out, e->u.rename.to[k].db, e->u.rename.to[k].name);
        }
        break;
    case FLOE_AST_USE:
        floe_buf_puts(out, "USE ");
        ident(out, e->u.use.db, false);
        break;
    case FLOE_AST_SET:
        floe_buf_puts(out, "SET ");
        settings_list(&f, e->u.set.settings, e->u.set.n_settings);
        break;
    case FLOE_AST_ALTER:
        floe_buf_puts(out, "ALTER TABLE ");
        qname(out, e->u.alter.db, e->u.alter.name);
        /* each command in brackets, as ClickHouse prints them */
        f.indent++;
        for (size_t k = 0; k < e->u.alter.n_cmds; k++) {
            if (k)
                floe_buf_putc(out, ',');
            nl(&f);
            floe_buf_putc(out, '(');
            falter_cmd(&f, e->u.alter.cmds[k]);
            floe_buf_putc(out, ')');
        }
        f.indent--;
        if (e->u.alter.n_settings) {
            nl(&f);
            floe_buf_puts(out, "SETTINGS ");
            settings_list(&f, e->u.alter.settings, e->u.alter.n_settings);
        }
        break;
    case FLOE_AST_OPTIMIZE:
        floe_buf_puts(out, "OPTIMIZE TABLE ");
        qname(out, e->u.optimize.db, e->u.optimize.name);
        if (e->u.optimize.partition) {
            floe_buf_putc(out, ' ');
            fpartition(&f, e->u.optimize.partition);
        }
        if (e->u.optimize.final)
            floe_buf_puts(out, " FINAL");
        if (e->u.optimize.deduplicate)
            floe_buf_puts(out, " DEDUPLICATE");
        break;
    case FLOE_AST_EXPLAIN:
        floe_buf_puts(out, "EXPLAIN ");
        if (strcmp(e->u.explain.what, "PLAN") != 0) {
            floe_buf_puts(out, e->u.explain.what);
            floe_buf_putc(out, ' ');
        }
        if (e->u.explain.n_settings) {
            settings_list(&f, e->u.explain.settings, e->u.explain.n_settings);
            floe_buf_putc(out, ' ');
        }
        floe_ast_format(out, e->u.explain.stmt, one_line);
        break;
    case FLOE_AST_INSERT:
        floe_buf_puts(out, "INSERT INTO ");
        if (e->u.insert.function) {
            floe_buf_puts(out, "FUNCTION ");
            fexpr(&f, e->u.insert.function, false);
        } else {
            qname(out, e->u.insert.db, e->u.insert.name);
        }
        if (e->u.insert.n_columns) {
            floe_buf_puts(out, " (");
            flist(&f, e->u.insert.columns, e->u.insert.n_columns);
            floe_buf_putc(out, ')');
        }
        if (e->u.insert.select) {
            floe_buf_putc(out, ' ');
            fquery(&f, e->u.insert.select);
        } else if (e->u.insert.format) {
            floe_buf_puts(out, " FORMAT ");
            floe_buf_puts(out, e->u.insert.format);
        }
        break;
    case FLOE_AST_DESCRIBE:
        floe_buf_puts(out, "DESCRIBE TABLE ");
        fexpr(&f, e->u.describe.target, false);
        break;
    case FLOE_AST_EXISTS:
    case FLOE_AST_SHOW_CREATE: {
        bool ex = e->kind == FLOE_AST_EXISTS;
        floe_object_kind w = ex ? e->u.exists.what : e->u.show_create.what;
        floe_buf_puts(out, ex ? "EXISTS " : "SHOW CREATE ");
        if (ex ? e->u.exists.temporary : e->u.show_create.temporary)
            floe_buf_puts(out, "TEMPORARY ");
        floe_buf_puts(out, object_word(w));
        floe_buf_putc(out, ' ');
        qname(out, ex ? e->u.exists.db : e->u.show_create.db,
              ex ? e->u.exists.name : e->u.show_create.name);
        break;
    }
    case FLOE_AST_SHOW_TABLES:
    case FLOE_AST_SHOW_DATABASES:
        floe_buf_puts(out, e->kind == FLOE_AST_SHOW_TABLES ? "SHOW TABLES" : "SHOW DATABASES");
        if (e->u.show.db) {
            floe_buf_puts(out, " FROM ");
            ident(out, e->u.show.db, false);
        }
        if (e->u.show.like) {
            floe_buf_puts(out, e->u.show.not_like ? " NOT" : "");
            floe_buf_puts(out, e->u.show.ilike ? " ILIKE " : " LIKE ");
            quote_string(out, e->u.show.like, strlen(e->u.show.like), '\'');
        }
        if (e->u.show.limit) {
            floe_buf_puts(out, " LIMIT ");
            fexpr(&f, e->u.show.limit, false);
        }
        break;
    case FLOE_AST_SHOW_PARTITIONS:
        floe_buf_puts(out, "SHOW PARTITIONS FROM ");
        qname(out, e->u.show_partitions.db, e->u.show_partitions.name);
        break;
    case FLOE_AST_DELETE:
        floe_buf_puts(out, "DELETE FROM ");
        qname(out, e->u.delete_.db, e->u.delete_.name);
        if (e->u.delete_.partition) {
            floe_buf_puts(out, " IN ");
            fpartition(&f, e->u.delete_.partition);
        }
        floe_buf_puts(out, " WHERE ");
        fexpr(&f, e->u.delete_.where, false);
        break;
    case FLOE_AST_SYSTEM:
        floe_buf_puts(out, "SYSTEM");
        for (size_t k = 0; k < e->u.system.n_words; k++) {
            floe_buf_putc(out, ' ');
            floe_buf_puts(out, e->u.system.words[k]);
        }
        if (e->u.system.name) {
            floe_buf_putc(out, ' ');
            qname(out, e->u.system.db, e->u.system.name);
        }
        break;
    case FLOE_AST_KILL:
        floe_buf_printf(out, "KILL %s WHERE ", e->u.kill.what);
        fexpr(&f, e->u.kill.where, false);
        {
            static const char *const modes[] = {"", " SYNC", " ASYNC", " TEST"};
            if (e->u.kill.mode >= 0 && e->u.kill.mode <= 3)
                floe_buf_puts(out, modes[e->u.kill.mode]);
        }
        break;
    case FLOE_AST_CHECK:
        floe_buf_puts(out, "CHECK TABLE ");
        qname(out, e->u.check.db, e->u.check.name);
        if (e->u.check.partition) {
            floe_buf_putc(out, ' ');
            fpartition(&f, e->u.check.partition);
        }
        break;
    case FLOE_AST_JOIN:
        ftable_expr(&f, e);
        break;
    default:
        if (e->kind < FLOE_AST_CREATE_DATABASE)
            fexpr(&f, e, false);
        else
            floe_buf_puts(out, floe_ast_kind_name(e->kind));
        break;
    }
}
