/*
 * Expressions: operator precedence as in ClickHouse's
 * ExpressionListParsers.cpp (lambda < ?: < OR < AND < NOT < IS NULL <
 * BETWEEN < comparison/LIKE/IN < || < + - < * / % < unary - < . [] ::),
 * desugared into function calls; literals typed as ClickHouse types them;
 * the SETTINGS list and partition expressions shared by many statements.
 */
#include "sql/parser_int.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "types/type.h"

/* Words that cannot be a bare alias (ClickHouse's ParserAlias list and the
 * operators; chref accepts SELECT 1 comment, 1 ttl, 1 desc, ... as aliases). */
static const char *const restricted_alias[] = {
    "ALL",       "ANTI",   "ANY",   "ARRAY",    "AS",      "ASOF",   "BETWEEN",     "CROSS",
    "FINAL",     "FORMAT", "FROM",  "FULL",     "GLOBAL",  "GROUP",  "HAVING",      "ILIKE",
    "INNER",     "INTO",   "JOIN",  "LEFT",     "LIKE",    "LIMIT",  "NOT",         "OFFSET",
    "ON",        "ONLY",   "ORDER", "PREWHERE", "RIGHT",   "SAMPLE", "SEMI",        "SETTINGS",
    "UNION",     "USING",  "WHERE", "WINDOW",   "QUALIFY", "WITH",   "INTERPOLATE", "EXCEPT",
    "INTERSECT", "PASTE",  "FETCH", "ELSE",     "AND",     "OR",     "IN",          "IS",
    "PARALLEL",  "REGEXP", "DIV",   "MOD",      NULL};

bool floe_p_can_be_bare_alias(floe_parser *p)
{
    const floe_token *t = floe_p_tok(p, 0);
    if (t->type == FLOE_TK_QUOTED_IDENT)
        return true;
    if (t->type != FLOE_TK_BAREWORD)
        return false;
    for (size_t k = 0; restricted_alias[k]; k++)
        if (floe_p_is_kw(p, 0, restricted_alias[k]))
            return false;
    return true;
}

bool floe_p_is_select_start(floe_parser *p, size_t k)
{
    return floe_p_is_kw(p, k, "SELECT") || floe_p_is_kw(p, k, "WITH");
}

/* ---- node builders ---- */

floe_ast *floe_p_mk_func(floe_parser *p, const char *name, uint32_t pos, bool op)
{
    floe_ast *f = floe_p_new(p, FLOE_AST_FUNC, pos);
    f->u.func.name = name;
    f->u.func.is_operator = op;
    return f;
}

floe_ast *floe_p_mk_func1(floe_parser *p, const char *name, floe_ast *a, bool op)
{
    floe_ast *f = floe_p_mk_func(p, name, a->pos, op);
    f->u.func.args = floe_arena_alloc(p->a, sizeof(floe_ast *));
    f->u.func.args[0] = a;
    f->u.func.n_args = 1;
    f->end = a->end;
    return f;
}

static floe_ast *mk_func2(floe_parser *p, const char *name, floe_ast *a, floe_ast *b, bool op)
{
    floe_ast *f = floe_p_mk_func(p, name, a->pos, op);
    f->u.func.args = floe_arena_alloc(p->a, 2 * sizeof(floe_ast *));
    f->u.func.args[0] = a;
    f->u.func.args[1] = b;
    f->u.func.n_args = 2;
    f->end = b->end > a->end ? b->end : a->end;
    return f;
}

void floe_p_set_args(floe_ast *f, floe_avec *v)
{
    f->u.func.args = v->v;
    f->u.func.n_args = v->n;
}

static floe_ast *mk_string(floe_parser *p, const char *s, uint32_t pos, uint32_t end)
{
    floe_ast *l = floe_p_new(p, FLOE_AST_LITERAL, pos);
    l->end = end;
    l->u.lit.value.type = floe_type_get(FLOE_TYPE_STRING);
    l->u.lit.value.v.s.ptr = s;
    l->u.lit.value.v.s.len = strlen(s);
    return l;
}

static floe_ast *mk_string_n(floe_parser *p, const char *s, size_t n, uint32_t pos, uint32_t end)
{
    floe_ast *l = mk_string(p, "", pos, end);
    l->u.lit.value.v.s.ptr = floe_arena_strndup(p->a, s, n);
    l->u.lit.value.v.s.len = n;
    return l;
}

static floe_ast *mk_uint(floe_parser *p, uint64_t v, uint32_t pos)
{
    floe_ast *l = floe_p_new(p, FLOE_AST_LITERAL, pos);
    floe_type_id id = v <= 0xFF          ? FLOE_TYPE_UINT8
                      : v <= 0xFFFF      ? FLOE_TYPE_UINT16
                      : v <= 0xFFFFFFFFu ? FLOE_TYPE_UINT32
                                         : FLOE_TYPE_UINT64;
    l->u.lit.value.type = floe_type_get(id);
    l->u.lit.value.v.u = v;
    return l;
}

static floe_ast *mk_int(floe_parser *p, int64_t v, uint32_t pos)
{
    floe_ast *l = floe_p_new(p, FLOE_AST_LITERAL, pos);
    floe_type_id id = v >= -128            ? FLOE_TYPE_INT8
                      : v >= -32768        ? FLOE_TYPE_INT16
                      : v >= -2147483648LL ? FLOE_TYPE_INT32
                                           : FLOE_TYPE_INT64;
    l->u.lit.value.type = floe_type_get(id);
    l->u.lit.value.v.i = v;
    return l;
}

static floe_ast *mk_float(floe_parser *p, double v, uint32_t pos)
{
    floe_ast *l = floe_p_new(p, FLOE_AST_LITERAL, pos);
    l->u.lit.value.type = floe_type_get(FLOE_TYPE_FLOAT64);
    l->u.lit.value.v.f = v;
    return l;
}

floe_ast *floe_p_mk_ident1(floe_parser *p, const char *name, uint32_t pos, uint32_t end)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_IDENT, pos);
    e->end = end;
    const char **parts = floe_arena_alloc(p->a, sizeof *parts);
    parts[0] = name;
    e->u.ident.parts = parts;
    e->u.ident.n_parts = 1;
    return e;
}

/* ---- numbers ---- */

/* Parses the number token t (with a leading minus when neg) into a
 * literal node typed as ClickHouse types it. */
static floe_ast *number_literal(floe_parser *p, const floe_token *t, bool neg, uint32_t pos)
{
    char buf[128];
    size_t n = t->end - t->begin, o = 0;
    const char *s = p->sql + t->begin;
    for (size_t k = 0; k < n && o + 1 < sizeof buf; k++)
        if (s[k] != '_')
            buf[o++] = s[k];
    buf[o] = '\0';
    bool hex = o > 2 && buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X');
    bool bin = o > 2 && buf[0] == '0' && (buf[1] == 'b' || buf[1] == 'B');
    bool is_float = false;
    for (size_t k = 0; k < o; k++) {
        char c = buf[k];
        if (c == '.' || (!hex && (c == 'e' || c == 'E')) || (hex && (c == 'p' || c == 'P')))
            is_float = true;
    }
    floe_ast *l;
    if (is_float) {
        double d = strtod(buf, NULL);
        l = mk_float(p, neg ? -d : d, pos);
    } else {
        errno = 0;
        char *end;
        unsigned long long u;
        if (bin)
            u = strtoull(buf + 2, &end, 2);
        else if (hex)
            u = strtoull(buf + 2, &end, 16);
        else
            u = strtoull(buf, &end, 10);
        if (errno == ERANGE) {
            double d = hex ? strtod(buf, NULL) : strtod(buf, NULL);
            l = mk_float(p, neg ? -d : d, pos);
        } else if (!neg || u == 0) {
            l = mk_uint(p, u, pos);
        } else if (u <= (1ULL << 63)) {
            l = mk_int(p, (int64_t)(0 - u), pos);
        } else {
            l = mk_float(p, -(double)u, pos);
        }
    }
    l->end = t->end;
    return l;
}

static bool is_inf_nan(floe_parser *p, size_t k)
{
    return floe_p_is_kw(p, k, "inf") || floe_p_is_kw(p, k, "infinity") || floe_p_is_kw(p, k, "nan");
}

static floe_ast *inf_nan_literal(floe_parser *p, bool neg, uint32_t pos)
{
    bool nan = floe_p_is_kw(p, 0, "nan");
    floe_p_advance(p);
    double d = nan ? NAN : INFINITY;
    floe_ast *l = mk_float(p, neg ? -d : d, pos);
    floe_p_finish(p, l);
    return l;
}

/* ---- expression grammar ---- */

static floe_ast *ternary(floe_parser *p);
static floe_ast *or_expr(floe_parser *p);
static floe_ast *unary(floe_parser *p);
static floe_ast *primary(floe_parser *p);

/* An expression list inside brackets up to close (already past the opener). */
static bool bracket_list(floe_parser *p, floe_avec *out, floe_token_type close)
{
    if (floe_p_accept(p, close, NULL))
        return true;
    do {
        floe_ast *e = floe_p_expr_alias(p, false);
        if (!e)
            return false;
        floe_p_push_ast(p, out, e);
    } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
    return floe_p_expect(p, close, close == FLOE_TK_RPAREN ? "closing bracket" : "']'");
}

floe_ast *floe_p_expr(floe_parser *p)
{
    if (!floe_p_enter(p))
        return NULL;
    uint32_t pos = floe_p_pos(p);
    floe_ast *e = ternary(p);
    if (e && floe_p_is(p, 0, FLOE_TK_ARROW)) {
        /* x -> body, (x, y) -> body */
        floe_avec params = {0};
        if (e->kind == FLOE_AST_IDENT && e->u.ident.n_parts == 1) {
            *(const char **)floe_p_push(p, &params, sizeof(char *)) = e->u.ident.parts[0];
        } else if (e->kind == FLOE_AST_FUNC && strcmp(e->u.func.name, "tuple") == 0 &&
                   e->u.func.is_operator) {
            for (size_t k = 0; k < e->u.func.n_args; k++) {
                floe_ast *a = e->u.func.args[k];
                if (a->kind != FLOE_AST_IDENT || a->u.ident.n_parts != 1) {
                    floe_p_leave(p);
                    return floe_p_fail(p, NULL);
                }
                *(const char **)floe_p_push(p, &params, sizeof(char *)) = a->u.ident.parts[0];
            }
        } else {
            floe_p_leave(p);
            return e;
        }
        floe_p_advance(p);
        floe_ast *l = floe_p_new(p, FLOE_AST_LAMBDA, pos);
        l->u.lambda.params = params.v;
        l->u.lambda.n_params = params.n;
        if (!(l->u.lambda.body = floe_p_expr(p))) {
            floe_p_leave(p);
            return NULL;
        }
        floe_p_finish(p, l);
        e = l;
    }
    floe_p_leave(p);
    return e;
}

static floe_ast *ternary(floe_parser *p)
{
    floe_ast *c = or_expr(p);
    if (!c || !floe_p_is(p, 0, FLOE_TK_QUESTION))
        return c;
    floe_p_advance(p);
    floe_ast *a = ternary(p);
    if (!a)
        return NULL;
    if (!floe_p_expect(p, FLOE_TK_COLON, "':'"))
        return NULL;
    floe_ast *b = ternary(p);
    if (!b)
        return NULL;
    floe_ast *f = floe_p_mk_func(p, "if", c->pos, true);
    floe_avec v = {0};
    floe_p_push_ast(p, &v, c);
    floe_p_push_ast(p, &v, a);
    floe_p_push_ast(p, &v, b);
    floe_p_set_args(f, &v);
    floe_p_finish(p, f);
    return f;
}

static floe_ast *not_expr(floe_parser *p);

static floe_ast *and_expr(floe_parser *p)
{
    floe_ast *e = not_expr(p);
    if (!e || !floe_p_is_kw(p, 0, "AND"))
        return e;
    floe_avec v = {0};
    floe_p_push_ast(p, &v, e);
    while (floe_p_accept_kw(p, "AND")) {
        floe_ast *r = not_expr(p);
        if (!r)
            return NULL;
        floe_p_push_ast(p, &v, r);
    }
    floe_ast *f = floe_p_mk_func(p, "and", e->pos, true);
    floe_p_set_args(f, &v);
    floe_p_finish(p, f);
    return f;
}

static floe_ast *or_expr(floe_parser *p)
{
    floe_ast *e = and_expr(p);
    if (!e || !floe_p_is_kw(p, 0, "OR"))
        return e;
    floe_avec v = {0};
    floe_p_push_ast(p, &v, e);
    while (floe_p_accept_kw(p, "OR")) {
        floe_ast *r = and_expr(p);
        if (!r)
            return NULL;
        floe_p_push_ast(p, &v, r);
    }
    floe_ast *f = floe_p_mk_func(p, "or", e->pos, true);
    floe_p_set_args(f, &v);
    floe_p_finish(p, f);
    return f;
}

static floe_ast *isnull_expr(floe_parser *p);

static floe_ast *not_expr(floe_parser *p)
{
    if (floe_p_is_kw(p, 0, "NOT")) {
        uint32_t pos = floe_p_pos(p);
        floe_p_advance(p);
        if (!floe_p_enter(p))
            return NULL;
        floe_ast *a = not_expr(p);
        floe_p_leave(p);
        if (!a)
            return NULL;
        floe_ast *f = floe_p_mk_func1(p, "not", a, true);
        f->pos = pos;
        return f;
    }
    return isnull_expr(p);
}

static floe_ast *between_expr(floe_parser *p);

static floe_ast *isnull_expr(floe_parser *p)
{
    floe_ast *e = between_expr(p);
    while (e) {
        if (floe_p_accept_kw(p, "IS NULL")) {
            e = floe_p_mk_func1(p, "isNull", e, true);
        } else if (floe_p_accept_kw(p, "IS NOT NULL")) {
            e = floe_p_mk_func1(p, "isNotNull", e, true);
        } else if (floe_p_accept_kw(p, "IS NOT DISTINCT FROM")) {
            floe_ast *r = between_expr(p);
            if (!r)
                return NULL;
            e = mk_func2(p, "isNotDistinctFrom", e, r, true);
        } else if (floe_p_accept_kw(p, "IS DISTINCT FROM")) {
            floe_ast *r = between_expr(p);
            if (!r)
                return NULL;
            e = mk_func2(p, "isDistinctFrom", e, r, true);
        } else if (floe_p_is_kw(p, 0, "IS") &&
                   (floe_p_is_kw(p, 1, "TRUE") || floe_p_is_kw(p, 1, "FALSE") ||
                    (floe_p_is_kw(p, 1, "NOT") &&
                     (floe_p_is_kw(p, 2, "TRUE") || floe_p_is_kw(p, 2, "FALSE"))))) {
            /* x IS [NOT] TRUE|FALSE: isNotDistinctFrom / isDistinctFrom with a Bool */
            floe_p_advance(p);
            bool neg = floe_p_accept_kw(p, "NOT");
            const floe_token *t = floe_p_tok(p, 0);
            floe_ast *b = floe_p_new(p, FLOE_AST_LITERAL, t->begin);
            b->end = t->end;
            b->u.lit.value.type = floe_type_get(FLOE_TYPE_BOOL);
            b->u.lit.value.v.u = floe_p_is_kw(p, 0, "TRUE");
            floe_p_advance(p);
            e = mk_func2(p, neg ? "isDistinctFrom" : "isNotDistinctFrom", e, b, true);
        } else if (floe_p_accept_kw(p, "IS UNKNOWN")) {
            e = floe_p_mk_func1(p, "isNull", e, true);
        } else if (floe_p_accept_kw(p, "IS NOT UNKNOWN")) {
            e = floe_p_mk_func1(p, "isNotNull", e, true);
        } else if (floe_p_accept_kw(p, "AT TIME ZONE")) {
            floe_ast *z = between_expr(p);
            if (!z)
                return NULL;
            e = mk_func2(p, "toTimeZone", e, z, true);
        } else {
            break;
        }
        floe_p_finish(p, e);
    }
    return e;
}

static floe_ast *cmp_expr(floe_parser *p);

static floe_ast *between_expr(floe_parser *p)
{
    floe_ast *e = cmp_expr(p);
    if (!e)
        return NULL;
    bool neg = false;
    if (floe_p_accept_kw(p, "BETWEEN") || (neg = floe_p_accept_kw(p, "NOT BETWEEN"))) {
        floe_ast *lo = cmp_expr(p);
        if (!lo)
            return NULL;
        if (!floe_p_expect_kw(p, "AND"))
            return NULL;
        floe_ast *hi = cmp_expr(p);
        if (!hi)
            return NULL;
        floe_ast *f;
        if (!neg)
            f = mk_func2(p, "and", mk_func2(p, "greaterOrEquals", e, lo, true),
                         mk_func2(p, "lessOrEquals", e, hi, true), true);
        else
            f = mk_func2(p, "or", mk_func2(p, "less", e, lo, true),
                         mk_func2(p, "greater", e, hi, true), true);
        f->pos = e->pos;
        floe_p_finish(p, f);
        return f;
    }
    return e;
}

static floe_ast *concat_expr(floe_parser *p);

static floe_ast *cmp_expr(floe_parser *p)
{
    floe_ast *e = concat_expr(p);
    while (e) {
        const char *fn = NULL;
        floe_token_type t = floe_p_tok(p, 0)->type;
        switch (t) {
        case FLOE_TK_EQUALS:
            fn = "equals";
            break;
        case FLOE_TK_NOT_EQUALS:
            fn = "notEquals";
            break;
        case FLOE_TK_LESS:
            fn = "less";
            break;
        case FLOE_TK_GREATER:
            fn = "greater";
            break;
        case FLOE_TK_LESS_OR_EQUALS:
            fn = "lessOrEquals";
            break;
        case FLOE_TK_GREATER_OR_EQUALS:
            fn = "greaterOrEquals";
            break;
        case FLOE_TK_SPACESHIP:
            fn = "isNotDistinctFrom";
            break;
        default:
            break;
        }
        if (fn) {
            floe_p_advance(p);
        } else if (floe_p_is_kw(p, 0, "IN") && floe_p_is_kw(p, 1, "PARTITION")) {
            break; /* UPDATE a = b IN PARTITION p: not the IN operator */
        } else if (floe_p_accept_kw(p, "LIKE")) {
            fn = "like";
        } else if (floe_p_accept_kw(p, "ILIKE")) {
            fn = "ilike";
        } else if (floe_p_accept_kw(p, "NOT LIKE")) {
            fn = "notLike";
        } else if (floe_p_accept_kw(p, "NOT ILIKE")) {
            fn = "notILike";
        } else if (floe_p_accept_kw(p, "REGEXP")) {
            fn = "match";
        } else if (floe_p_accept_kw(p, "IN")) {
            fn = "in";
        } else if (floe_p_accept_kw(p, "NOT IN")) {
            fn = "notIn";
        } else if (floe_p_accept_kw(p, "GLOBAL IN")) {
            fn = "globalIn";
        } else if (floe_p_accept_kw(p, "GLOBAL NOT IN")) {
            fn = "globalNotIn";
        } else {
            break;
        }
        floe_ast *r = concat_expr(p);
        if (!r)
            return NULL;
        e = mk_func2(p, fn, e, r, true);
    }
    return e;
}

static floe_ast *add_expr(floe_parser *p);

static floe_ast *concat_expr(floe_parser *p)
{
    floe_ast *e = add_expr(p);
    if (!e || !floe_p_is(p, 0, FLOE_TK_CONCAT))
        return e;
    floe_avec v = {0};
    floe_p_push_ast(p, &v, e);
    while (floe_p_accept(p, FLOE_TK_CONCAT, NULL)) {
        floe_ast *r = add_expr(p);
        if (!r)
            return NULL;
        floe_p_push_ast(p, &v, r);
    }
    floe_ast *f = floe_p_mk_func(p, "concat", e->pos, true);
    floe_p_set_args(f, &v);
    floe_p_finish(p, f);
    return f;
}

static floe_ast *mul_expr(floe_parser *p);

static floe_ast *add_expr(floe_parser *p)
{
    floe_ast *e = mul_expr(p);
    while (e) {
        const char *fn;
        if (floe_p_is(p, 0, FLOE_TK_PLUS))
            fn = "plus";
        else if (floe_p_is(p, 0, FLOE_TK_MINUS))
            fn = "minus";
        else
            break;
        floe_p_advance(p);
        floe_ast *r = mul_expr(p);
        if (!r)
            return NULL;
        e = mk_func2(p, fn, e, r, true);
    }
    return e;
}

static floe_ast *mul_expr(floe_parser *p)
{
    floe_ast *e = unary(p);
    while (e) {
        const char *fn;
        if (floe_p_is(p, 0, FLOE_TK_ASTERISK))
            fn = "multiply";
        else if (floe_p_is(p, 0, FLOE_TK_SLASH))
            fn = "divide";
        else if (floe_p_is(p, 0, FLOE_TK_PERCENT) || floe_p_is_kw(p, 0, "MOD"))
            fn = "modulo";
        else if (floe_p_is_kw(p, 0, "DIV"))
            fn = "intDiv";
        else
            break;
        floe_p_advance(p);
        floe_ast *r = unary(p);
        if (!r)
            return NULL;
        e = mk_func2(p, fn, e, r, true);
    }
    return e;
}

static floe_ast *postfix(floe_parser *p, floe_ast *e);

static floe_ast *unary(floe_parser *p)
{
    if (floe_p_is(p, 0, FLOE_TK_MINUS)) {
        uint32_t pos = floe_p_pos(p);
        /* -<number> is one literal, as ClickHouse's ParserNumber reads it */
        if (floe_p_is(p, 1, FLOE_TK_NUMBER)) {
            floe_p_advance(p);
            const floe_token *t = floe_p_tok(p, 0);
            floe_ast *l = number_literal(p, t, true, pos);
            floe_p_advance(p);
            return postfix(p, l);
        }
        if (is_inf_nan(p, 1) && !floe_p_is(p, 2, FLOE_TK_LPAREN)) {
            floe_p_advance(p);
            return postfix(p, inf_nan_literal(p, true, pos));
        }
        floe_p_advance(p);
        if (!floe_p_enter(p))
            return NULL;
        floe_ast *a = unary(p);
        floe_p_leave(p);
        if (!a)
            return NULL;
        floe_ast *f = floe_p_mk_func1(p, "negate", a, true);
        f->pos = pos;
        return f;
    }
    if (floe_p_is(p, 0, FLOE_TK_PLUS)) {
        /* unary plus does nothing: +1 is 1 */
        floe_p_advance(p);
        if (!floe_p_enter(p))
            return NULL;
        floe_ast *a = unary(p);
        floe_p_leave(p);
        return a;
    }
    if (floe_p_is_kw(p, 0, "NOT")) {
        /* NOT as an operand (1 + NOT 0): binds like NOT, covering what follows */
        return not_expr(p);
    }
    floe_ast *e = primary(p);
    if (!e)
        return NULL;
    return postfix(p, e);
}

/* Normalised text of a type name between token indexes (for x::T and
 * CAST(x AS T)): ClickHouse prints the parsed type back, which puts ", "
 * between arguments and single spaces between words. */
static const char *type_text(floe_parser *p, size_t from, size_t to)
{
    floe_buf b = FLOE_BUF_INIT;
    for (size_t k = from; k < to; k++) {
        const floe_token *t = &p->toks[k];
        const floe_token *prev = k > from ? &p->toks[k - 1] : NULL;
        if (t->type == FLOE_TK_COMMA) {
            floe_buf_puts(&b, ", ");
            continue;
        }
        if (t->type == FLOE_TK_EQUALS) {
            floe_buf_puts(&b, " = ");
            continue;
        }
        if (prev && prev->type != FLOE_TK_COMMA && prev->type != FLOE_TK_LPAREN &&
            prev->type != FLOE_TK_EQUALS && t->type != FLOE_TK_RPAREN && t->type != FLOE_TK_LPAREN)
            floe_buf_putc(&b, ' ');
        floe_buf_append(&b, p->sql + t->begin, t->end - t->begin);
    }
    const char *s = floe_arena_strndup(p->a, b.data ? b.data : "", b.len);
    floe_buf_free(&b);
    return s;
}

/* Skips a data type: Name [(args)] where args nest; returns its text. */
const char *floe_p_type_text(floe_parser *p)
{
    size_t from = p->i;
    if (!floe_p_is_ident_start(p, 0))
        return floe_p_fail(p, "data type");
    floe_p_advance(p);
    /* multi-word types: DOUBLE PRECISION, CHAR VARYING, ... */
    while (floe_p_is(p, 0, FLOE_TK_BAREWORD) &&
           (floe_p_is_kw(p, 0, "PRECISION") || floe_p_is_kw(p, 0, "VARYING") ||
            floe_p_is_kw(p, 0, "UNSIGNED") || floe_p_is_kw(p, 0, "SIGNED") ||
            floe_p_is_kw(p, 0, "LARGE") || floe_p_is_kw(p, 0, "OBJECT") ||
            floe_p_is_kw(p, 0, "ZONE") || floe_p_is_kw(p, 0, "TIME") ||
            floe_p_is_kw(p, 0, "VARCHAR")))
        floe_p_advance(p);
    if (floe_p_is(p, 0, FLOE_TK_LPAREN)) {
        int depth = 0;
        do {
            const floe_token *t = floe_p_tok(p, 0);
            if (t->type == FLOE_TK_LPAREN)
                depth++;
            else if (t->type == FLOE_TK_RPAREN)
                depth--;
            else if (t->type == FLOE_TK_EOF || floe_token_is_error(t->type))
                return floe_p_fail(p, "closing bracket");
            floe_p_advance(p);
        } while (depth > 0);
    }
    return type_text(p, from, p->i);
}

static floe_ast *cast_of(floe_parser *p, floe_ast *e, const char *type, uint32_t tpos,
                         uint32_t tend)
{
    floe_ast *t = mk_string(p, type, tpos, tend);
    floe_ast *f = mk_func2(p, "CAST", e, t, true);
    return f;
}

static floe_ast *postfix(floe_parser *p, floe_ast *e)
{
    while (e) {
        if (floe_p_is(p, 0, FLOE_TK_DOT)) {
            const floe_token *t = floe_p_tok(p, 1);
            if (t->type == FLOE_TK_NUMBER) {
                floe_p_advance(p);
                floe_ast *idx = number_literal(p, t, false, t->begin);
                floe_p_advance(p);
                e = mk_func2(p, "tupleElement", e, idx, true);
            } else if (t->type == FLOE_TK_BAREWORD || t->type == FLOE_TK_QUOTED_IDENT) {
                floe_p_advance(p);
                floe_ast *name = mk_string(p, floe_p_unquote(p, t), t->begin, t->end);
                floe_p_advance(p);
                e = mk_func2(p, "tupleElement", e, name, true);
            } else if (t->type == FLOE_TK_ASTERISK) {
                break;
            } else {
                floe_p_advance(p);
                return floe_p_fail(p, "identifier");
            }
        } else if (floe_p_is(p, 0, FLOE_TK_LBRACKET)) {
            floe_p_advance(p);
            floe_ast *idx = floe_p_expr(p);
            if (!idx)
                return NULL;
            if (!floe_p_expect(p, FLOE_TK_RBRACKET, "']'"))
                return NULL;
            e = mk_func2(p, "arrayElement", e, idx, true);
            floe_p_finish(p, e);
        } else if (floe_p_is(p, 0, FLOE_TK_DOUBLE_COLON)) {
            floe_p_advance(p);
            uint32_t tpos = floe_p_pos(p);
            const char *type = floe_p_type_text(p);
            if (!type)
                return NULL;
            /* a literal written before :: is cast from its text, as
             * ClickHouse's ParserCastOperator does: 1::Int8 is CAST('1', 'Int8') */
            const char *lt = p->sql + e->pos;
            if (*lt == '-')
                lt++;
            while (lt < p->sql + e->end && (*lt == ' ' || *lt == '\t' || *lt == '\n'))
                lt++;
            if (e->kind == FLOE_AST_LITERAL && !e->u.lit.value.is_null &&
                floe_type_base(e->u.lit.value.type)->id != FLOE_TYPE_STRING &&
                floe_type_base(e->u.lit.value.type)->id != FLOE_TYPE_BOOL &&
                ((*lt >= '0' && *lt <= '9') || *lt == '.')) {
                e = mk_string_n(p, p->sql + e->pos, e->end - e->pos, e->pos, e->end);
            } else if (e->kind == FLOE_AST_FUNC && e->u.func.is_operator &&
                       (strcmp(e->u.func.name, "array") == 0 ||
                        strcmp(e->u.func.name, "tuple") == 0) &&
                       (e->u.func.n_args > 0 || strcmp(e->u.func.name, "array") == 0)) {
                bool all_lit = true;
                for (size_t k = 0; k < e->u.func.n_args; k++)
                    if (e->u.func.args[k]->kind != FLOE_AST_LITERAL)
                        all_lit = false;
                if (all_lit)
                    e = mk_string_n(p, p->sql + e->pos, e->end - e->pos, e->pos, e->end);
            }
            e = cast_of(p, e, type, tpos, p->last_end);
            floe_p_finish(p, e);
        } else {
            break;
        }
    }
    return e;
}

static const char *interval_unit(floe_parser *p)
{
    static const struct {
        const char *word;
        const char *fn;
    } units[] = {
        {"NANOSECOND", "toIntervalNanosecond"},
        {"NANOSECONDS", "toIntervalNanosecond"},
        {"NS", "toIntervalNanosecond"},
        {"MICROSECOND", "toIntervalMicrosecond"},
        {"MICROSECONDS", "toIntervalMicrosecond"},
        {"MCS", "toIntervalMicrosecond"},
        {"MILLISECOND", "toIntervalMillisecond"},
        {"MILLISECONDS", "toIntervalMillisecond"},
        {"MS", "toIntervalMillisecond"},
        {"SECOND", "toIntervalSecond"},
        {"SECONDS", "toIntervalSecond"},
        {"SQL_TSI_SECOND", "toIntervalSecond"},
        {"SS", "toIntervalSecond"},
        {"S", "toIntervalSecond"},
        {"MINUTE", "toIntervalMinute"},
        {"MINUTES", "toIntervalMinute"},
        {"SQL_TSI_MINUTE", "toIntervalMinute"},
        {"MI", "toIntervalMinute"},
        {"N", "toIntervalMinute"},
        {"HOUR", "toIntervalHour"},
        {"HOURS", "toIntervalHour"},
        {"SQL_TSI_HOUR", "toIntervalHour"},
        {"HH", "toIntervalHour"},
        {"H", "toIntervalHour"},
        {"DAY", "toIntervalDay"},
        {"DAYS", "toIntervalDay"},
        {"SQL_TSI_DAY", "toIntervalDay"},
        {"DD", "toIntervalDay"},
        {"D", "toIntervalDay"},
        {"WEEK", "toIntervalWeek"},
        {"WEEKS", "toIntervalWeek"},
        {"SQL_TSI_WEEK", "toIntervalWeek"},
        {"WK", "toIntervalWeek"},
        {"WW", "toIntervalWeek"},
        {"MONTH", "toIntervalMonth"},
        {"MONTHS", "toIntervalMonth"},
        {"SQL_TSI_MONTH", "toIntervalMonth"},
        {"MM", "toIntervalMonth"},
        {"M", "toIntervalMonth"},
        {"QUARTER", "toIntervalQuarter"},
        {"QUARTERS", "toIntervalQuarter"},
        {"SQL_TSI_QUARTER", "toIntervalQuarter"},
        {"QQ", "toIntervalQuarter"},
        {"Q", "toIntervalQuarter"},
        {"YEAR", "toIntervalYear"},
        {"YEARS", "toIntervalYear"},
        {"SQL_TSI_YEAR", "toIntervalYear"},
        {"YYYY", "toIntervalYear"},
        {"YY", "toIntervalYear"},
    };
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
        if (floe_p_is_kw(p, 0, units[k].word)) {
            floe_p_advance(p);
            return units[k].fn;
        }
    return NULL;
}

/* INTERVAL starts an interval only when a value follows; `SELECT interval
 * FROM t` names a column. */
static bool interval_ahead(floe_parser *p)
{
    const floe_token *t = floe_p_tok(p, 1);
    switch (t->type) {
    case FLOE_TK_NUMBER:
    case FLOE_TK_STRING:
    case FLOE_TK_MINUS:
    case FLOE_TK_LBRACE:
    case FLOE_TK_LPAREN:
        return true;
    case FLOE_TK_BAREWORD:
    case FLOE_TK_QUOTED_IDENT:
        /* INTERVAL x DAY: a value then a unit */
        return !floe_p_is(p, 2, FLOE_TK_COMMA) && !floe_p_is(p, 2, FLOE_TK_EOF) &&
               !floe_p_is(p, 2, FLOE_TK_RPAREN) && !floe_p_is(p, 2, FLOE_TK_SEMICOLON) &&
               !floe_p_is_kw(p, 1, "FROM") && !floe_p_is_kw(p, 1, "AS") &&
               !floe_p_is_kw(p, 1, "WHERE");
    default:
        return false;
    }
}

static floe_ast *parse_interval(floe_parser *p, uint32_t pos)
{
    /* INTERVAL '1 day' */
    if (floe_p_is(p, 0, FLOE_TK_STRING)) {
        const floe_token *t = floe_p_tok(p, 0);
        char *s = floe_p_unquote(p, t);
        char *sp = strchr(s, ' ');
        if (sp && !floe_p_is(p, 1, FLOE_TK_BAREWORD)) {
            *sp = '\0';
            const char *unit = sp + 1;
            while (*unit == ' ')
                unit++;
            floe_lexer lx;
            floe_lexer_init(&lx, s, strlen(s), 0);
            floe_token nt = floe_lexer_next(&lx);
            static const char *const words[] = {
                "NANOSECOND", "MICROSECOND", "MILLISECOND", "SECOND",  "MINUTE", "HOUR",
                "DAY",        "WEEK",        "MONTH",       "QUARTER", "YEAR",   NULL};
            static const char *const fns[] = {
                "toIntervalNanosecond", "toIntervalMicrosecond", "toIntervalMillisecond",
                "toIntervalSecond",     "toIntervalMinute",      "toIntervalHour",
                "toIntervalDay",        "toIntervalWeek",        "toIntervalMonth",
                "toIntervalQuarter",    "toIntervalYear"};
            for (size_t k = 0; words[k]; k++) {
                size_t wl = strlen(words[k]);
                size_t ul = strlen(unit);
                if ((ul == wl || (ul == wl + 1 && (unit[wl] == 's' || unit[wl] == 'S'))) &&
                    strncasecmp(unit, words[k], wl) == 0 && nt.type == FLOE_TK_NUMBER &&
                    nt.end == strlen(s)) {
                    floe_p_advance(p);
                    floe_parser np;
                    memset(&np, 0, sizeof np);
                    np.a = p->a;
                    np.sql = s;
                    np.len = strlen(s);
                    floe_ast *num = number_literal(&np, &nt, false, t->begin);
                    num->pos = t->begin;
                    num->end = t->end;
                    floe_ast *f = floe_p_mk_func1(p, fns[k], num, true);
                    f->pos = pos;
                    floe_p_finish(p, f);
                    return f;
                }
            }
        }
    }
    floe_ast *v = unary(p);
    if (!v)
        return NULL;
    const char *fn = interval_unit(p);
    if (!fn)
        return floe_p_fail(p, "interval unit");
    floe_ast *f = floe_p_mk_func1(p, fn, v, true);
    f->pos = pos;
    floe_p_finish(p, f);
    return f;
}

static floe_ast *parse_case(floe_parser *p, uint32_t pos)
{
    floe_avec v = {0};
    floe_ast *subject = NULL;
    if (!floe_p_is_kw(p, 0, "WHEN")) {
        if (!(subject = floe_p_expr(p)))
            return NULL;
        floe_p_push_ast(p, &v, subject);
    }
    bool any = false;
    while (floe_p_accept_kw(p, "WHEN")) {
        floe_ast *c = floe_p_expr(p);
        if (!c || !floe_p_expect_kw(p, "THEN"))
            return NULL;
        floe_ast *r = floe_p_expr(p);
        if (!r)
            return NULL;
        floe_p_push_ast(p, &v, c);
        floe_p_push_ast(p, &v, r);
        any = true;
    }
    if (!any)
        return floe_p_fail(p, "WHEN");
    if (floe_p_accept_kw(p, "ELSE")) {
        floe_ast *r = floe_p_expr(p);
        if (!r)
            return NULL;
        floe_p_push_ast(p, &v, r);
    } else {
        floe_ast *n = floe_p_new(p, FLOE_AST_LITERAL, p->last_end);
        n->end = p->last_end;
        n->u.lit.value.type = floe_type_nullable(floe_type_get(FLOE_TYPE_NOTHING));
        n->u.lit.value.is_null = true;
        floe_p_push_ast(p, &v, n);
    }
    if (!floe_p_expect_kw(p, "END"))
        return NULL;
    floe_ast *f = floe_p_mk_func(p, subject ? "caseWithExpression" : "multiIf", pos, true);
    floe_p_set_args(f, &v);
    floe_p_finish(p, f);
    return f;
}

static floe_ast *parse_cast(floe_parser *p, uint32_t pos)
{
    /* CAST(x AS T) or CAST(x, 'T') */
    floe_p_advance(p); /* ( */
    floe_ast *x = floe_p_expr(p);
    if (!x)
        return NULL;
    floe_ast *f;
    if (floe_p_accept_kw(p, "AS")) {
        uint32_t tpos = floe_p_pos(p);
        const char *type = floe_p_type_text(p);
        if (!type)
            return NULL;
        f = cast_of(p, x, type, tpos, p->last_end);
    } else if (floe_p_accept(p, FLOE_TK_COMMA, "AS")) {
        floe_ast *t = floe_p_expr(p);
        if (!t)
            return NULL;
        f = mk_func2(p, "CAST", x, t, false);
    } else {
        return floe_p_fail(p, NULL);
    }
    if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
        return NULL;
    f->pos = pos;
    f->u.func.is_operator = false;
    floe_p_finish(p, f);
    return f;
}

static floe_ast *parse_extract(floe_parser *p, uint32_t pos)
{
    static const struct {
        const char *word;
        const char *fn;
    } parts[] = {
        {"NANOSECOND", "toNanosecond"},
        {"MICROSECOND", "toMicrosecond"},
        {"MILLISECOND", "toMillisecond"},
        {"SECOND", "toSecond"},
        {"MINUTE", "toMinute"},
        {"HOUR", "toHour"},
        {"DAY", "toDayOfMonth"},
        {"WEEK", "toISOWeek"},
        {"MONTH", "toMonth"},
        {"QUARTER", "toQuarter"},
        {"YEAR", "toYear"},
    };
    for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
        if (floe_p_is_kw(p, 1, parts[k].word) && floe_p_is_kw(p, 2, "FROM")) {
            floe_p_advance(p);
            floe_p_advance(p);
            floe_p_advance(p);
            floe_ast *x = floe_p_expr(p);
            if (!x || !floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
                return NULL;
            floe_ast *f = floe_p_mk_func1(p, parts[k].fn, x, true);
            f->pos = pos;
            floe_p_finish(p, f);
            return f;
        }
    }
    return floe_p_function_call(p, "extract", pos);
}

/* OVER (PARTITION BY ... ORDER BY ... frame) or OVER name. */
floe_ast *floe_p_window_spec(floe_parser *p)
{
    uint32_t pos = floe_p_pos(p);
    if (!floe_p_expect(p, FLOE_TK_LPAREN, "opening bracket"))
        return NULL;
    floe_ast *w = floe_p_new(p, FLOE_AST_SELECT, pos);
    if (floe_p_is_ident_start(p, 0) && !floe_p_is_kw(p, 0, "PARTITION") &&
        !floe_p_is_kw(p, 0, "ORDER") && !floe_p_is_kw(p, 0, "ROWS") &&
        !floe_p_is_kw(p, 0, "RANGE")) {
        w->alias = floe_p_ident(p, NULL); /* base window name */
    }
    if (floe_p_accept_kw(p, "PARTITION BY")) {
        floe_avec v = {0};
        if (!floe_p_expr_list(p, &v, false))
            return NULL;
        w->u.select.group_by = v.v;
        w->u.select.n_group_by = v.n;
    }
    if (floe_p_accept_kw(p, "ORDER BY")) {
        floe_avec v = {0};
        do {
            floe_ast *o = floe_p_new(p, FLOE_AST_ORDER_ITEM, floe_p_pos(p));
            if (!(o->u.order.expr = floe_p_expr(p)))
                return NULL;
            o->u.order.nulls_first = -1;
            if (floe_p_accept_kw(p, "DESC") || floe_p_accept_kw(p, "DESCENDING"))
                o->u.order.desc = true;
            else if (!floe_p_accept_kw(p, "ASC"))
                floe_p_accept_kw(p, "ASCENDING");
            if (floe_p_accept_kw(p, "NULLS FIRST"))
                o->u.order.nulls_first = 1;
            else if (floe_p_accept_kw(p, "NULLS LAST"))
                o->u.order.nulls_first = 0;
            floe_p_finish(p, o);
            floe_p_push_ast(p, &v, o);
        } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
        w->u.select.order_by = v.v;
        w->u.select.n_order_by = v.n;
    }
    /* the frame is kept only as text extent: skip to the closing bracket */
    int depth = 1;
    while (depth > 0) {
        const floe_token *t = floe_p_tok(p, 0);
        if (t->type == FLOE_TK_EOF || floe_token_is_error(t->type))
            return floe_p_fail(p, "closing bracket");
        if (t->type == FLOE_TK_LPAREN)
            depth++;
        else if (t->type == FLOE_TK_RPAREN)
            depth--;
        floe_p_advance(p);
    }
    floe_p_finish(p, w);
    return w;
}

/* name(args) [(args)] [FILTER (WHERE c)] [OVER ...], at the opening bracket. */
floe_ast *floe_p_function_call(floe_parser *p, const char *name, uint32_t pos)
{
    floe_ast *f = floe_p_mk_func(p, name, pos, false);
    if (!floe_p_expect(p, FLOE_TK_LPAREN, "opening bracket"))
        return NULL;
    if (!floe_p_enter(p))
        return NULL;
    bool distinct = false;
    if (floe_p_is_kw(p, 0, "DISTINCT") && !floe_p_is(p, 1, FLOE_TK_RPAREN) &&
        !floe_p_is(p, 1, FLOE_TK_COMMA)) {
        floe_p_advance(p);
        distinct = true;
    } else if (floe_p_is_kw(p, 0, "ALL") && !floe_p_is(p, 1, FLOE_TK_RPAREN) &&
               !floe_p_is(p, 1, FLOE_TK_COMMA)) {
        floe_p_advance(p);
    }
    floe_avec args = {0};
    if (!bracket_list(p, &args, FLOE_TK_RPAREN)) {
        floe_p_leave(p);
        return NULL;
    }
    if (floe_p_is(p, 0, FLOE_TK_LPAREN)) {
        /* parametric: the first list was the parameters */
        f->u.func.params = args.v;
        f->u.func.n_params = args.n;
        f->u.func.has_params = true;
        floe_p_advance(p);
        if (floe_p_is_kw(p, 0, "DISTINCT") && !floe_p_is(p, 1, FLOE_TK_RPAREN)) {
            floe_p_advance(p);
            distinct = true;
        }
        floe_avec a2 = {0};
        if (!bracket_list(p, &a2, FLOE_TK_RPAREN)) {
            floe_p_leave(p);
            return NULL;
        }
        args = a2;
    }
    floe_p_leave(p);
    /* count(*) is count() */
    if (args.n == 1 && ((floe_ast **)args.v)[0]->kind == FLOE_AST_ASTERISK &&
        !((floe_ast **)args.v)[0]->u.asterisk.qualifier && strcasecmp(name, "count") == 0) {
        args.n = 0;
        f->u.func.star = true;
    }
    floe_p_set_args(f, &args);
    if (distinct) {
        size_t n = strlen(name);
        char *nn = floe_arena_alloc(p->a, n + 9);
        memcpy(nn, name, n);
        memcpy(nn + n, "Distinct", 9);
        f->u.func.name = nn;
        f->u.func.distinct = true;
    }
    if (floe_p_is_kw(p, 0, "FILTER") && floe_p_is(p, 1, FLOE_TK_LPAREN)) {
        floe_p_advance(p);
        floe_p_advance(p);
        if (!floe_p_expect_kw(p, "WHERE"))
            return NULL;
        floe_ast *c = floe_p_expr(p);
        if (!c || !floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
            return NULL;
        size_t n = strlen(f->u.func.name);
        char *nn = floe_arena_alloc(p->a, n + 3);
        memcpy(nn, f->u.func.name, n);
        memcpy(nn + n, "If", 3);
        f->u.func.name = nn;
        floe_avec a3 = {0};
        for (size_t k = 0; k < f->u.func.n_args; k++)
            floe_p_push_ast(p, &a3, f->u.func.args[k]);
        floe_p_push_ast(p, &a3, c);
        floe_p_set_args(f, &a3);
    }
    if (floe_p_is_kw(p, 0, "RESPECT") || floe_p_is_kw(p, 0, "IGNORE")) {
        if (floe_p_is_kw(p, 1, "NULLS")) {
            bool ignore = floe_p_is_kw(p, 0, "IGNORE");
            floe_p_advance(p);
            floe_p_advance(p);
            if (ignore) {
                /* ClickHouse's ...IgnoreNulls? the name gets no suffix for
                 * RESPECT; IGNORE NULLS is the default for aggregates */
            } else {
                size_t n = strlen(f->u.func.name);
                char *nn = floe_arena_alloc(p->a, n + 13);
                memcpy(nn, f->u.func.name, n);
                memcpy(nn + n, "_respect_nulls", 15 - 2);
                nn[n + 12] = '\0';
                f->u.func.name = nn;
            }
        }
    }
    if (floe_p_accept_kw(p, "OVER")) {
        if (floe_p_is(p, 0, FLOE_TK_LPAREN)) {
            if (!(f->u.func.over = floe_p_window_spec(p)))
                return NULL;
        } else if (!(f->u.func.over_name = floe_p_ident(p, "window name"))) {
            return NULL;
        }
    }
    floe_p_finish(p, f);
    return f;
}

/* Unit words of dateAdd / dateDiff: the interval function and the unit
 * name dateDiff takes. */
static const char *unit_word(floe_parser *p, const char **diff_name)
{
    static const struct {
        const char *word, *fn, *unit;
    } units[] = {
        {"NANOSECOND", "toIntervalNanosecond", "nanosecond"},
        {"MICROSECOND", "toIntervalMicrosecond", "microsecond"},
        {"MILLISECOND", "toIntervalMillisecond", "millisecond"},
        {"SECOND", "toIntervalSecond", "second"},
        {"SS", "toIntervalSecond", "second"},
        {"S", "toIntervalSecond", "second"},
        {"MINUTE", "toIntervalMinute", "minute"},
        {"MI", "toIntervalMinute", "minute"},
        {"N", "toIntervalMinute", "minute"},
        {"HOUR", "toIntervalHour", "hour"},
        {"HH", "toIntervalHour", "hour"},
        {"H", "toIntervalHour", "hour"},
        {"DAY", "toIntervalDay", "day"},
        {"DD", "toIntervalDay", "day"},
        {"D", "toIntervalDay", "day"},
        {"WEEK", "toIntervalWeek", "week"},
        {"WK", "toIntervalWeek", "week"},
        {"WW", "toIntervalWeek", "week"},
        {"MONTH", "toIntervalMonth", "month"},
        {"MM", "toIntervalMonth", "month"},
        {"M", "toIntervalMonth", "month"},
        {"QUARTER", "toIntervalQuarter", "quarter"},
        {"QQ", "toIntervalQuarter", "quarter"},
        {"Q", "toIntervalQuarter", "quarter"},
        {"YEAR", "toIntervalYear", "year"},
        {"YYYY", "toIntervalYear", "year"},
        {"YY", "toIntervalYear", "year"},
    };
    if (!floe_p_is(p, 1, FLOE_TK_COMMA))
        return NULL;
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
        if (floe_p_is_kw(p, 0, units[k].word)) {
            floe_p_advance(p);
            floe_p_advance(p); /* the comma */
            if (diff_name)
                *diff_name = units[k].unit;
            return units[k].fn;
        }
    return NULL;
}

static bool name_is(const char *name, const char *const *names)
{
    for (size_t k = 0; names[k]; k++)
        if (strcasecmp(name, names[k]) == 0)
            return true;
    return false;
}

/*
 * Function forms ClickHouse's parser rewrites: SUBSTRING(s FROM a FOR b),
 * POSITION(a IN b), TRIM([BOTH|LEADING|TRAILING] [c] FROM s), ltrim/rtrim,
 * dateAdd(UNIT, n, d) / dateSub / dateDiff(UNIT, a, b) and their aliases.
 * At the opening bracket; returns NULL with *handled false for any other
 * function.
 */
static floe_ast *special_call(floe_parser *p, const char *name, uint32_t pos, bool *handled)
{
    static const char *const adds[] = {
        "dateAdd", "date_add", "timestampAdd", "timestamp_add", "TIMESTAMPADD", "DATEADD", NULL};
    static const char *const subs[] = {
        "dateSub", "date_sub", "timestampSub", "timestamp_sub", "TIMESTAMPSUB", "DATESUB", NULL};
    static const char *const diffs[] = {
        "dateDiff", "date_diff", "timestampDiff", "timestamp_diff", "TIMESTAMPDIFF",
        "DATEDIFF", NULL};
    *handled = true;
    floe_ast *f = NULL;
    if (strcasecmp(name, "substring") == 0) {
        floe_p_advance(p);
        floe_ast *x = floe_p_expr(p);
        if (!x)
            return NULL;
        floe_avec v = {0};
        floe_p_push_ast(p, &v, x);
        if (floe_p_accept_kw(p, "FROM")) {
            floe_ast *a = floe_p_expr(p);
            if (!a)
                return NULL;
            floe_p_push_ast(p, &v, a);
            if (floe_p_accept_kw(p, "FOR")) {
                floe_ast *b = floe_p_expr(p);
                if (!b)
                    return NULL;
                floe_p_push_ast(p, &v, b);
            }
        } else {
            while (floe_p_accept(p, FLOE_TK_COMMA, NULL)) {
                floe_ast *a = floe_p_expr(p);
                if (!a)
                    return NULL;
                floe_p_push_ast(p, &v, a);
            }
        }
        if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
            return NULL;
        f = floe_p_mk_func(p, "substring", pos, false);
        floe_p_set_args(f, &v);
    } else if (strcasecmp(name, "trim") == 0 || strcasecmp(name, "ltrim") == 0 ||
               strcasecmp(name, "rtrim") == 0) {
        const char *fn = strcasecmp(name, "ltrim") == 0   ? "trimLeft"
                         : strcasecmp(name, "rtrim") == 0 ? "trimRight"
                                                          : "trimBoth";
        floe_p_advance(p);
        floe_ast *chars = NULL;
        if (strcasecmp(name, "trim") == 0 &&
            (floe_p_is_kw(p, 0, "BOTH") || floe_p_is_kw(p, 0, "LEADING") ||
             floe_p_is_kw(p, 0, "TRAILING"))) {
            fn = floe_p_is_kw(p, 0, "BOTH")      ? "trimBoth"
                 : floe_p_is_kw(p, 0, "LEADING") ? "trimLeft"
                                                 : "trimRight";
            floe_p_advance(p);
            if (!floe_p_is_kw(p, 0, "FROM") && !(chars = floe_p_expr(p)))
                return NULL;
            if (!floe_p_expect_kw(p, "FROM"))
                return NULL;
        }
        floe_ast *x = floe_p_expr(p);
        if (!x)
            return NULL;
        floe_avec v = {0};
        floe_p_push_ast(p, &v, x);
        if (chars)
            floe_p_push_ast(p, &v, chars);
        while (floe_p_accept(p, FLOE_TK_COMMA, NULL)) {
            floe_ast *a = floe_p_expr(p);
            if (!a)
                return NULL;
            floe_p_push_ast(p, &v, a);
        }
        if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
            return NULL;
        f = floe_p_mk_func(p, fn, pos, false);
        floe_p_set_args(f, &v);
    } else if (name_is(name, adds) || name_is(name, subs)) {
        bool add = name_is(name, adds);
        size_t save = p->i;
        uint32_t save_end = p->last_end;
        floe_p_advance(p);
        const char *ifn = unit_word(p, NULL);
        floe_ast *a, *b;
        if (ifn) {
            floe_ast *n = floe_p_expr(p);
            if (!n || !floe_p_expect(p, FLOE_TK_COMMA, "Comma"))
                return NULL;
            floe_ast *d = floe_p_expr(p);
            if (!d || !floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
                return NULL;
            a = d;
            b = floe_p_mk_func1(p, ifn, n, true);
        } else {
            /* dateAdd(d, INTERVAL 1 DAY) is plus(d, ...); other forms are calls */
            p->i = save;
            p->last_end = save_end;
            floe_ast *call = floe_p_function_call(p, name, pos);
            if (!call || call->u.func.n_args != 2 || call->u.func.has_params)
                return call;
            a = call->u.func.args[0];
            b = call->u.func.args[1];
        }
        f = floe_p_mk_func(p, add ? "plus" : "minus", pos, true);
        floe_avec v = {0};
        floe_p_push_ast(p, &v, a);
        floe_p_push_ast(p, &v, b);
        floe_p_set_args(f, &v);
    } else if (name_is(name, diffs)) {
        size_t save = p->i;
        uint32_t save_end = p->last_end;
        floe_p_advance(p);
        const char *unit = NULL;
        if (!unit_word(p, &unit)) {
            p->i = save;
            p->last_end = save_end;
            return floe_p_function_call(p, name, pos);
        }
        uint32_t upos = p->toks[p->i - 2].begin, uend = p->toks[p->i - 2].end;
        floe_ast *u = floe_p_new(p, FLOE_AST_LITERAL, upos);
        u->end = uend;
        u->u.lit.value.type = floe_type_get(FLOE_TYPE_STRING);
        u->u.lit.value.v.s.ptr = unit;
        u->u.lit.value.v.s.len = strlen(unit);
        floe_avec v = {0};
        floe_p_push_ast(p, &v, u);
        do {
            floe_ast *a = floe_p_expr(p);
            if (!a)
                return NULL;
            floe_p_push_ast(p, &v, a);
        } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
        if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
            return NULL;
        f = floe_p_mk_func(p, "dateDiff", pos, false);
        floe_p_set_args(f, &v);
    } else if (strcasecmp(name, "position") == 0) {
        floe_ast *call = floe_p_function_call(p, name, pos);
        if (call && call->u.func.n_args == 1 && !call->u.func.has_params) {
            floe_ast *in = call->u.func.args[0];
            if (in->kind == FLOE_AST_FUNC && in->u.func.is_operator && !in->alias &&
                strcmp(in->u.func.name, "in") == 0 && in->u.func.n_args == 2) {
                /* POSITION(needle IN haystack) is position(haystack, needle) */
                floe_avec v = {0};
                floe_p_push_ast(p, &v, in->u.func.args[1]);
                floe_p_push_ast(p, &v, in->u.func.args[0]);
                floe_p_set_args(call, &v);
                call->u.func.name = "position";
            }
        }
        return call;
    } else {
        *handled = false;
        return NULL;
    }
    floe_p_finish(p, f);
    return f;
}

/* COLUMNS('re') / COLUMNS(a, b) after the word COLUMNS. */
static floe_ast *columns_matcher(floe_parser *p, floe_ast *a)
{
    floe_p_advance(p); /* ( */
    if (floe_p_is(p, 0, FLOE_TK_STRING) && floe_p_is(p, 1, FLOE_TK_RPAREN)) {
        a->u.asterisk.columns_regex = floe_p_string(p, NULL);
        floe_p_advance(p);
    } else {
        floe_avec v = {0};
        if (!bracket_list(p, &v, FLOE_TK_RPAREN))
            return NULL;
        a->u.asterisk.columns_list = v.v;
        a->u.asterisk.n_columns_list = v.n;
    }
    return a;
}

/* * EXCEPT (...) / REPLACE (...) / APPLY after an asterisk or matcher. */
static floe_ast *asterisk_modifiers(floe_parser *p, floe_ast *a)
{
    for (;;) {
        if (floe_p_accept_kw(p, "EXCEPT")) {
            floe_p_accept_kw(p, "STRICT");
            if (floe_p_is(p, 0, FLOE_TK_STRING)) {
                a->u.asterisk.except_regex = floe_p_string(p, NULL);
                continue;
            }
            bool paren = floe_p_accept(p, FLOE_TK_LPAREN, NULL);
            if (paren && floe_p_is(p, 0, FLOE_TK_STRING)) {
                a->u.asterisk.except_regex = floe_p_string(p, NULL);
                if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
                    return NULL;
                continue;
            }
            floe_avec v = {0};
            do {
                const char *n = floe_p_ident(p, NULL);
                if (!n)
                    return NULL;
                *(const char **)floe_p_push(p, &v, sizeof(char *)) = n;
            } while (paren && floe_p_accept(p, FLOE_TK_COMMA, NULL));
            if (paren && !floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
                return NULL;
            a->u.asterisk.except = v.v;
            a->u.asterisk.n_except = v.n;
        } else if (floe_p_is_kw(p, 0, "REPLACE") &&
                   (floe_p_is(p, 1, FLOE_TK_LPAREN) || floe_p_is_ident_start(p, 1))) {
            floe_p_advance(p);
            floe_p_accept_kw(p, "STRICT");
            bool paren = floe_p_accept(p, FLOE_TK_LPAREN, NULL);
            floe_avec v = {0};
            do {
                floe_ast *e = floe_p_expr(p);
                if (!e || !floe_p_expect_kw(p, "AS"))
                    return NULL;
                if (!(e->alias = floe_p_ident(p, NULL)))
                    return NULL;
                floe_p_push_ast(p, &v, e);
            } while (paren && floe_p_accept(p, FLOE_TK_COMMA, NULL));
            if (paren && !floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
                return NULL;
            a->u.asterisk.replace = v.v;
            a->u.asterisk.n_replace = v.n;
        } else {
            break;
        }
    }
    floe_p_finish(p, a);
    return a;
}

/* Identifier, compound identifier, qualified asterisk or function call. */
floe_ast *floe_p_func_or_ident(floe_parser *p)
{
    uint32_t pos = floe_p_pos(p);
    if (floe_p_is(p, 0, FLOE_TK_ASTERISK)) {
        floe_p_advance(p);
        floe_ast *a = floe_p_new(p, FLOE_AST_ASTERISK, pos);
        return asterisk_modifiers(p, a);
    }
    const floe_token *t = floe_p_tok(p, 0);
    if (t->type != FLOE_TK_BAREWORD && t->type != FLOE_TK_QUOTED_IDENT)
        return floe_p_fail(p, "identifier");
    bool quoted = t->type == FLOE_TK_QUOTED_IDENT;
    const char *first = floe_p_unquote(p, t);
    floe_p_advance(p);
    if (!quoted && floe_p_is(p, 0, FLOE_TK_LPAREN)) {
        if (strcasecmp(first, "COLUMNS") == 0) {
            floe_ast *a = floe_p_new(p, FLOE_AST_ASTERISK, pos);
            if (!columns_matcher(p, a))
                return NULL;
            return asterisk_modifiers(p, a);
        }
        bool handled;
        floe_ast *sp = special_call(p, first, pos, &handled);
        if (handled)
            return sp;
        return floe_p_function_call(p, first, pos);
    }
    floe_avec parts = {0};
    *(const char **)floe_p_push(p, &parts, sizeof(char *)) = first;
    while (floe_p_is(p, 0, FLOE_TK_DOT)) {
        const floe_token *n = floe_p_tok(p, 1);
        if (n->type == FLOE_TK_BAREWORD || n->type == FLOE_TK_QUOTED_IDENT) {
            floe_p_advance(p);
            *(const char **)floe_p_push(p, &parts, sizeof(char *)) = floe_p_unquote(p, n);
            floe_p_advance(p);
        } else if (n->type == FLOE_TK_ASTERISK) {
            floe_p_advance(p);
            floe_p_advance(p);
            floe_ast *a = floe_p_new(p, FLOE_AST_ASTERISK, pos);
            a->u.asterisk.qualifier = parts.v;
            a->u.asterisk.n_qualifier = parts.n;
            return asterisk_modifiers(p, a);
        } else {
            break;
        }
    }
    /* t.COLUMNS('re') */
    floe_ast *e = floe_p_new(p, FLOE_AST_IDENT, pos);
    e->u.ident.parts = parts.v;
    e->u.ident.n_parts = parts.n;
    floe_p_finish(p, e);
    return e;
}

static floe_ast *paren_expr_inner(floe_parser *p, uint32_t pos);

static floe_ast *paren_expr(floe_parser *p, uint32_t pos)
{
    if (!floe_p_depth_push(p, FLOE_PARSER_BRACKET_DEPTH))
        return NULL;
    floe_ast *e = paren_expr_inner(p, pos);
    floe_p_depth_pop(p, FLOE_PARSER_BRACKET_DEPTH);
    return e;
}

static floe_ast *paren_expr_inner(floe_parser *p, uint32_t pos)
{
    floe_p_advance(p); /* ( */
    if (floe_p_is_select_start(p, 0) || floe_p_is_kw(p, 0, "EXPLAIN")) {
        floe_ast *s = floe_p_new(p, FLOE_AST_SUBQUERY, pos);
        if (!(s->u.subquery.query = floe_p_select_union(p)))
            return NULL;
        if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
            return NULL;
        floe_p_finish(p, s);
        return s;
    }
    if (floe_p_accept(p, FLOE_TK_RPAREN, NULL)) {
        floe_ast *f = floe_p_mk_func(p, "tuple", pos, true);
        floe_p_finish(p, f);
        return f;
    }
    floe_avec v = {0};
    bool comma = false;
    do {
        if (comma && floe_p_is(p, 0, FLOE_TK_RPAREN))
            break; /* (1,) */
        floe_ast *e = floe_p_expr_alias(p, false);
        if (!e)
            return NULL;
        floe_p_push_ast(p, &v, e);
    } while ((comma = floe_p_accept(p, FLOE_TK_COMMA, NULL)));
    if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
        return NULL;
    if (v.n == 1 && !comma) {
        floe_ast *e = ((floe_ast **)v.v)[0];
        e->parenthesized = true;
        return e;
    }
    floe_ast *f = floe_p_mk_func(p, "tuple", pos, true);
    floe_p_set_args(f, &v);
    floe_p_finish(p, f);
    return f;
}

static floe_ast *primary(floe_parser *p)
{
    if (!floe_p_enter(p))
        return NULL;
    floe_ast *r = NULL;
    const floe_token *t = floe_p_tok(p, 0);
    uint32_t pos = t->begin;
    switch (t->type) {
    case FLOE_TK_NUMBER:
        r = number_literal(p, t, false, pos);
        floe_p_advance(p);
        break;
    case FLOE_TK_STRING:
    case FLOE_TK_HEREDOC: {
        size_t n;
        const char *s = floe_p_unquote_n(p, t, &n); /* may hold NUL bytes ('\0') */
        r = mk_string(p, s, pos, t->end);
        r->u.lit.value.v.s.len = n;
        floe_p_advance(p);
        break;
    }
    case FLOE_TK_LPAREN:
        r = paren_expr(p, pos);
        break;
    case FLOE_TK_LBRACKET: {
        floe_p_advance(p);
        floe_avec v = {0};
        if (!bracket_list(p, &v, FLOE_TK_RBRACKET))
            break;
        r = floe_p_mk_func(p, "array", pos, true);
        floe_p_set_args(r, &v);
        floe_p_finish(p, r);
        break;
    }
    case FLOE_TK_LBRACE: {
        /* {name:Type} query parameter */
        floe_p_advance(p);
        const char *name = floe_p_ident(p, "identifier");
        if (!name || !floe_p_expect(p, FLOE_TK_COLON, "':'"))
            break;
        const char *type = floe_p_type_text(p);
        if (!type || !floe_p_expect(p, FLOE_TK_RBRACE, "'}'"))
            break;
        r = floe_p_new(p, FLOE_AST_QUERY_PARAM, pos);
        r->u.param.name = name;
        r->u.param.type = type;
        floe_p_finish(p, r);
        break;
    }
    case FLOE_TK_ASTERISK:
        r = floe_p_func_or_ident(p);
        break;
    case FLOE_TK_QUOTED_IDENT:
        r = floe_p_func_or_ident(p);
        break;
    case FLOE_TK_BAREWORD:
        if (floe_p_is_kw(p, 0, "NULL") && !floe_p_is(p, 1, FLOE_TK_LPAREN)) {
            r = floe_p_new(p, FLOE_AST_LITERAL, pos);
            r->u.lit.value.type = floe_type_nullable(floe_type_get(FLOE_TYPE_NOTHING));
            r->u.lit.value.is_null = true;
            floe_p_advance(p);
            floe_p_finish(p, r);
        } else if ((floe_p_is_kw(p, 0, "TRUE") || floe_p_is_kw(p, 0, "FALSE")) &&
                   !floe_p_is(p, 1, FLOE_TK_LPAREN)) {
            r = floe_p_new(p, FLOE_AST_LITERAL, pos);
            r->u.lit.value.type = floe_type_get(FLOE_TYPE_BOOL);
            r->u.lit.value.v.u = floe_p_is_kw(p, 0, "TRUE");
            floe_p_advance(p);
            floe_p_finish(p, r);
        } else if (is_inf_nan(p, 0) && !floe_p_is(p, 1, FLOE_TK_LPAREN) &&
                   !floe_p_is(p, 1, FLOE_TK_DOT)) {
            r = inf_nan_literal(p, false, pos);
        } else if (floe_p_is_kw(p, 0, "CASE") && !floe_p_is(p, 1, FLOE_TK_LPAREN)) {
            floe_p_advance(p);
            r = parse_case(p, pos);
        } else if (floe_p_is_kw(p, 0, "CAST") && floe_p_is(p, 1, FLOE_TK_LPAREN)) {
            floe_p_advance(p);
            r = parse_cast(p, pos);
        } else if (floe_p_is_kw(p, 0, "EXTRACT") && floe_p_is(p, 1, FLOE_TK_LPAREN)) {
            floe_p_advance(p);
            r = parse_extract(p, pos);
        } else if (floe_p_is_kw(p, 0, "INTERVAL") && interval_ahead(p)) {
            floe_p_advance(p);
            r = parse_interval(p, pos);
        } else if ((floe_p_is_kw(p, 0, "DATE") || floe_p_is_kw(p, 0, "TIMESTAMP")) &&
                   floe_p_is(p, 1, FLOE_TK_STRING)) {
            const char *fn = floe_p_is_kw(p, 0, "DATE") ? "toDate" : "toDateTime";
            floe_p_advance(p);
            const floe_token *s = floe_p_tok(p, 0);
            floe_ast *str = mk_string(p, floe_p_unquote(p, s), s->begin, s->end);
            floe_p_advance(p);
            r = floe_p_mk_func1(p, fn, str, true);
            r->pos = pos;
            floe_p_finish(p, r);
        } else if (floe_p_is_kw(p, 0, "EXISTS") && floe_p_is(p, 1, FLOE_TK_LPAREN) &&
                   floe_p_is_select_start(p, 2)) {
            floe_p_advance(p);
            floe_ast *sub = paren_expr(p, floe_p_pos(p));
            if (sub) {
                r = floe_p_mk_func1(p, "exists", sub, true);
                r->pos = pos;
                floe_p_finish(p, r);
            }
        } else {
            r = floe_p_func_or_ident(p);
        }
        break;
    default:
        floe_p_fail(p, "expression");
        break;
    }
    floe_p_leave(p);
    return r;
}

floe_ast *floe_p_expr_alias(floe_parser *p, bool bare_alias)
{
    floe_ast *e = floe_p_expr(p);
    if (!e)
        return NULL;
    if (floe_p_accept_kw(p, "AS")) {
        if (!(e->alias = floe_p_ident(p, "alias")))
            return NULL;
    } else if (bare_alias && floe_p_can_be_bare_alias(p)) {
        e->alias = floe_p_ident(p, NULL);
    } else {
        floe_p_expected(p, "alias");
    }
    return e;
}

bool floe_p_expr_list(floe_parser *p, floe_avec *out, bool bare_alias)
{
    do {
        floe_ast *e = floe_p_expr_alias(p, bare_alias);
        if (!e)
            return false;
        floe_p_push_ast(p, out, e);
    } while (floe_p_accept(p, FLOE_TK_COMMA, "Comma"));
    return true;
}

/* A literal value for SETTINGS and SET: a number (signed), string, NULL,
 * bool, or an array/tuple/map of those; any expression is accepted and
 * left for the caller to evaluate. */
floe_ast *floe_p_literal_value(floe_parser *p)
{
    if (floe_p_is(p, 0, FLOE_TK_LBRACE)) {
        /* map literal {'k': v, ...} */
        uint32_t pos = floe_p_pos(p);
        floe_p_advance(p);
        floe_avec v = {0};
        if (!floe_p_is(p, 0, FLOE_TK_RBRACE)) {
            do {
                floe_ast *k = floe_p_expr(p);
                if (!k || !floe_p_expect(p, FLOE_TK_COLON, "':'"))
                    return NULL;
                floe_ast *val = floe_p_expr(p);
                if (!val)
                    return NULL;
                floe_p_push_ast(p, &v, k);
                floe_p_push_ast(p, &v, val);
            } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
        }
        if (!floe_p_expect(p, FLOE_TK_RBRACE, "'}'"))
            return NULL;
        floe_ast *f = floe_p_mk_func(p, "map", pos, true);
        floe_p_set_args(f, &v);
        floe_p_finish(p, f);
        return f;
    }
    return unary(p);
}

bool floe_p_settings(floe_parser *p, floe_ast_setting **out, size_t *n)
{
    floe_avec v = {0};
    if (*n) {
        for (size_t k = 0; k < *n; k++)
            *(floe_ast_setting *)floe_p_push(p, &v, sizeof(floe_ast_setting)) = (*out)[k];
    }
    do {
        floe_ast_setting *s = floe_p_push(p, &v, sizeof *s);
        s->pos = floe_p_pos(p);
        if (!(s->name = floe_p_ident(p, "setting name")))
            return false;
        if (!floe_p_expect(p, FLOE_TK_EQUALS, "="))
            return false;
        if (floe_p_is_kw(p, 0, "DEFAULT") && !floe_p_is(p, 1, FLOE_TK_LPAREN)) {
            s->value = floe_p_mk_ident1(p, "DEFAULT", floe_p_pos(p), floe_p_tok(p, 0)->end);
            floe_p_advance(p);
        } else if (!(s->value = floe_p_literal_value(p))) {
            return false;
        }
    } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
    *out = v.v;
    *n = v.n;
    return true;
}

floe_ast *floe_p_partition(floe_parser *p)
{
    uint32_t pos = floe_p_pos(p);
    floe_ast *e = floe_p_new(p, FLOE_AST_PARTITION, pos);
    if (floe_p_accept_kw(p, "PART")) {
        e->u.partition.kind = FLOE_PARTITION_PART;
        if (!(e->u.partition.name = floe_p_string(p, "part name")))
            return NULL;
    } else if (floe_p_accept_kw(p, "PARTITION")) {
        if (floe_p_accept_kw(p, "ALL")) {
            e->u.partition.kind = FLOE_PARTITION_ALL;
        } else if (floe_p_is_kw(p, 0, "ID") && floe_p_is(p, 1, FLOE_TK_STRING)) {
            floe_p_advance(p);
            e->u.partition.kind = FLOE_PARTITION_ID;
            e->u.partition.name = floe_p_string(p, NULL);
        } else {
            e->u.partition.kind = FLOE_PARTITION_EXPR;
            if (!(e->u.partition.expr = floe_p_expr(p)))
                return NULL;
        }
    } else {
        return floe_p_fail(p, "PARTITION");
    }
    floe_p_finish(p, e);
    return e;
}
