/*
 * The parser's driver: token access with ClickHouse's error-position rule
 * (the furthest token looked at), syntax error messages, statement dispatch,
 * the smaller statements (DROP, SHOW, SET, INSERT, SYSTEM, ...), INSERT
 * inline data boundaries and script splitting.
 */
#include "sql/parser_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/mem.h"

/* ---- token access ---- */

const floe_token *floe_p_tok(floe_parser *p, size_t k)
{
    size_t idx = p->i + k;
    while (idx >= p->n_toks) {
        floe_token t;
        if (p->n_toks && (p->toks[p->n_toks - 1].type == FLOE_TK_EOF ||
                          p->toks[p->n_toks - 1].type == FLOE_TK_ERR_MAX_QUERY_SIZE)) {
            t = p->toks[p->n_toks - 1];
        } else if (p->stop_lexing) {
            t.type = FLOE_TK_EOF;
            t.begin = t.end = (uint32_t)p->lx.pos;
        } else {
            t = floe_lexer_next(&p->lx);
        }
        if (p->n_toks == p->cap_toks) {
            size_t nc = p->cap_toks ? p->cap_toks * 2 : 64;
            floe_token *nt = floe_arena_alloc(p->a, nc * sizeof *nt);
            if (p->n_toks)
                memcpy(nt, p->toks, p->n_toks * sizeof *nt);
            p->toks = nt;
            p->cap_toks = nc;
        }
        p->toks[p->n_toks++] = t;
    }
    if (idx > p->max_i)
        p->max_i = idx;
    return &p->toks[idx];
}

void floe_p_advance(floe_parser *p)
{
    const floe_token *t = floe_p_tok(p, 0);
    if (t->type == FLOE_TK_EOF)
        return;
    p->last_end = t->end;
    p->i++;
}

uint32_t floe_p_pos(floe_parser *p)
{
    return floe_p_tok(p, 0)->begin;
}

bool floe_p_is(floe_parser *p, size_t k, floe_token_type t)
{
    return floe_p_tok(p, k)->type == t;
}

bool floe_p_is_kw(floe_parser *p, size_t k, const char *word)
{
    const floe_token *t = floe_p_tok(p, k);
    size_t n = strlen(word);
    return t->type == FLOE_TK_BAREWORD && t->end - t->begin == n &&
           strncasecmp(p->sql + t->begin, word, n) == 0;
}

void floe_p_expected(floe_parser *p, const char *what)
{
    if (p->i < p->expected_at)
        return;
    if (p->i > p->expected_at) {
        p->expected_at = p->i;
        p->n_expected = 0;
    }
    for (size_t k = 0; k < p->n_expected; k++)
        if (strcmp(p->expected[k], what) == 0)
            return;
    if (p->n_expected < FLOE_PARSER_MAX_EXPECTED)
        p->expected[p->n_expected++] = what;
}

bool floe_p_accept(floe_parser *p, floe_token_type t, const char *what)
{
    if (floe_p_is(p, 0, t)) {
        floe_p_advance(p);
        return true;
    }
    if (what)
        floe_p_expected(p, what);
    return false;
}

/* words: one or more keywords separated by single spaces ("ORDER BY"). */
bool floe_p_accept_kw(floe_parser *p, const char *words)
{
    size_t k = 0;
    const char *w = words;
    char buf[64];
    while (*w) {
        const char *sp = strchr(w, ' ');
        size_t n = sp ? (size_t)(sp - w) : strlen(w);
        if (n >= sizeof buf)
            n = sizeof buf - 1;
        memcpy(buf, w, n);
        buf[n] = '\0';
        if (!floe_p_is_kw(p, k, buf)) {
            /* the expectation is recorded where the mismatch is */
            p->i += k;
            floe_p_expected(p, words);
            p->i -= k;
            return false;
        }
        k++;
        w += n;
        while (*w == ' ')
            w++;
    }
    while (k--)
        floe_p_advance(p);
    return true;
}

void *floe_p_fail(floe_parser *p, const char *what)
{
    if (what)
        floe_p_expected(p, what);
    p->failed = true;
    return NULL;
}

bool floe_p_expect(floe_parser *p, floe_token_type t, const char *what)
{
    if (floe_p_accept(p, t, what))
        return true;
    floe_p_fail(p, NULL);
    return false;
}

bool floe_p_expect_kw(floe_parser *p, const char *words)
{
    if (floe_p_accept_kw(p, words))
        return true;
    floe_p_fail(p, NULL);
    return false;
}

static bool too_deep(floe_parser *p)
{
    if (!p->fatal)
        floe_error(FLOE_ERR_TOO_DEEP_RECURSION,
                   "Maximum parse depth (%zu) exceeded. Consider rising max_parser_depth parameter",
                   p->max_depth ? p->max_depth : (size_t)FLOE_PARSER_MAX_FRAMES);
    p->fatal = true;
    p->failed = true;
    return false;
}

bool floe_p_enter(floe_parser *p)
{
    if (++p->frames > FLOE_PARSER_MAX_FRAMES)
        return too_deep(p);
    return true;
}

bool floe_p_depth_push(floe_parser *p, size_t units)
{
    p->depth += units;
    if (p->max_depth && p->depth > p->max_depth)
        return too_deep(p);
    return true;
}

floe_ast *floe_p_new(floe_parser *p, floe_ast_kind kind, uint32_t pos)
{
    return floe_ast_new(p->a, kind, pos, pos);
}

void floe_p_finish(floe_parser *p, floe_ast *e)
{
    if (p->last_end > e->pos)
        e->end = p->last_end;
}

void *floe_p_push(floe_parser *p, floe_avec *v, size_t elem)
{
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 4;
        void *nv = floe_arena_alloc(p->a, nc * elem);
        if (v->n)
            memcpy(nv, v->v, v->n * elem);
        v->v = nv;
        v->cap = nc;
    }
    return (char *)v->v + elem * v->n++;
}

void floe_p_push_ast(floe_parser *p, floe_avec *v, floe_ast *e)
{
    *(floe_ast **)floe_p_push(p, v, sizeof(floe_ast *)) = e;
}

/* ---- names and strings ---- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The text of a string literal, quoted identifier, heredoc or hex/binary
 * string, unescaped as ClickHouse's readQuotedString does; barewords as
 * they are. */
char *floe_p_unquote(floe_parser *p, const floe_token *t)
{
    size_t len;
    return floe_p_unquote_n(p, t, &len);
}

char *floe_p_unquote_n(floe_parser *p, const floe_token *t, size_t *len)
{
    const char *s = p->sql + t->begin;
    size_t n = t->end - t->begin;
    if (t->type != FLOE_TK_STRING && t->type != FLOE_TK_QUOTED_IDENT && t->type != FLOE_TK_HEREDOC) {
        *len = n;
        return floe_arena_strndup(p->a, s, n);
    }
    if (t->type == FLOE_TK_HEREDOC) {
        const char *close = memchr(s + 1, '$', n - 1);
        size_t tag = (size_t)(close - s) + 1;
        *len = n - 2 * tag;
        return floe_arena_strndup(p->a, s + tag, n - 2 * tag);
    }
    char *out = floe_arena_alloc(p->a, n + 1);
    size_t o = 0;
    if (s[0] != '\'' && s[0] != '"' && s[0] != '`') {
        /* x'..' or b'..' */
        bool hex = s[0] == 'x' || s[0] == 'X';
        const char *d = s + 2, *e = s + n - 1;
        if (hex) {
            size_t digits = (size_t)(e - d);
            size_t k = 0;
            if (digits % 2) {
                out[o++] = (char)hexval(d[0]);
                k = 1;
            }
            for (; k + 1 < digits; k += 2)
                out[o++] = (char)(hexval(d[k]) * 16 + hexval(d[k + 1]));
        } else {
            size_t bits = (size_t)(e - d);
            size_t first = bits % 8;
            unsigned v = 0;
            size_t k = 0;
            if (first) {
                for (; k < first; k++)
                    v = v * 2 + (unsigned)(d[k] - '0');
                out[o++] = (char)v;
            }
            while (k < bits) {
                v = 0;
                for (size_t j = 0; j < 8; j++, k++)
                    v = v * 2 + (unsigned)(d[k] - '0');
                out[o++] = (char)v;
            }
        }
        out[o] = '\0';
        *len = o;
        return out;
    }
    char q = s[0];
    for (size_t k = 1; k + 1 < n; k++) {
        char c = s[k];
        if (c == q && k + 2 < n && s[k + 1] == q) {
            out[o++] = q;
            k++;
            continue;
        }
        if (c != '\\' || k + 2 >= n) {
            out[o++] = c;
            continue;
        }
        char e = s[++k];
        char d;
        switch (e) {
        case 'b':
            d = '\b';
            break;
        case 'f':
            d = '\f';
            break;
        case 'n':
            d = '\n';
            break;
        case 'r':
            d = '\r';
            break;
        case 't':
            d = '\t';
            break;
        case '0':
            d = '\0';
            break;
        case 'a':
            d = '\a';
            break;
        case 'v':
            d = '\v';
            break;
        case 'x':
            if (k + 2 < n - 1 && hexval(s[k + 1]) >= 0 && hexval(s[k + 2]) >= 0) {
                out[o++] = (char)(hexval(s[k + 1]) * 16 + hexval(s[k + 2]));
                k += 2;
                continue;
            }
            d = 'x';
            break;
        default:
            d = e;
            break;
        }
        if (d != '\\' && d != '\'' && d != '"' && d != '`' && d != '/' && d != '=' &&
            !((unsigned char)d < 32 || d == 127))
            out[o++] = '\\';
        out[o++] = d;
    }
    out[o] = '\0';
    *len = o;
    return out;
}

bool floe_p_is_ident_start(floe_parser *p, size_t k)
{
    floe_token_type t = floe_p_tok(p, k)->type;
    return t == FLOE_TK_BAREWORD || t == FLOE_TK_QUOTED_IDENT;
}

const char *floe_p_ident(floe_parser *p, const char *what)
{
    const floe_token *t = floe_p_tok(p, 0);
    if (t->type != FLOE_TK_BAREWORD && t->type != FLOE_TK_QUOTED_IDENT)
        return floe_p_fail(p, what ? what : "identifier");
    char *s = floe_p_unquote(p, t);
    floe_p_advance(p);
    return s;
}

bool floe_p_qname(floe_parser *p, floe_ast_qname *out, const char *what)
{
    const char *a = floe_p_ident(p, what);
    if (!a)
        return false;
    out->db = NULL;
    out->name = a;
    if (floe_p_accept(p, FLOE_TK_DOT, NULL)) {
        const char *b = floe_p_ident(p, what);
        if (!b)
            return false;
        out->db = a;
        out->name = b;
    }
    return true;
}

const char *floe_p_string(floe_parser *p, const char *what)
{
    const floe_token *t = floe_p_tok(p, 0);
    if (t->type != FLOE_TK_STRING && t->type != FLOE_TK_HEREDOC)
        return floe_p_fail(p, what ? what : "string literal");
    char *s = floe_p_unquote(p, t);
    floe_p_advance(p);
    return s;
}

bool floe_p_u64(floe_parser *p, uint64_t *out, const char *what)
{
    const floe_token *t = floe_p_tok(p, 0);
    if (t->type != FLOE_TK_NUMBER) {
        floe_p_fail(p, what ? what : "number");
        return false;
    }
    char buf[32];
    size_t n = t->end - t->begin, o = 0;
    for (size_t k = 0; k < n && o + 1 < sizeof buf; k++)
        if (p->sql[t->begin + k] != '_')
            buf[o++] = p->sql[t->begin + k];
    buf[o] = '\0';
    char *end;
    *out = strtoull(buf, &end, 0);
    if (*end) {
        floe_p_fail(p, what ? what : "number");
        return false;
    }
    floe_p_advance(p);
    return true;
}

/* ---- small statements ---- */

static floe_object_kind object_kind(floe_parser *p)
{
    if (floe_p_accept_kw(p, "TABLE"))
        return FLOE_OBJECT_TABLE;
    if (floe_p_accept_kw(p, "DATABASE"))
        return FLOE_OBJECT_DATABASE;
    if (floe_p_accept_kw(p, "VIEW"))
        return FLOE_OBJECT_VIEW;
    if (floe_p_accept_kw(p, "DICTIONARY"))
        return FLOE_OBJECT_DICTIONARY;
    if (floe_p_accept_kw(p, "NAMED COLLECTION"))
        return FLOE_OBJECT_NAMED_COLLECTION;
    return FLOE_OBJECT_NONE;
}

static void skip_on_cluster(floe_parser *p)
{
    if (floe_p_accept_kw(p, "ON CLUSTER")) {
        if (floe_p_is(p, 0, FLOE_TK_STRING))
            floe_p_string(p, NULL);
        else
            floe_p_ident(p, "cluster name");
    }
}

static floe_ast *parse_drop(floe_parser *p, uint32_t pos, bool detach)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_DROP, pos);
    e->u.drop.detach = detach;
    if (floe_p_accept_kw(p, "TEMPORARY")) {
        e->u.drop.temporary = true;
    }
    e->u.drop.what = object_kind(p);
    if (e->u.drop.what == FLOE_OBJECT_NONE) {
        if (e->u.drop.temporary)
            e->u.drop.what = FLOE_OBJECT_TABLE;
        else
            return floe_p_fail(p, "TABLE");
    }
    if (floe_p_accept_kw(p, "IF EXISTS"))
        e->u.drop.if_exists = true;
    if (e->u.drop.what == FLOE_OBJECT_DATABASE || e->u.drop.what == FLOE_OBJECT_NAMED_COLLECTION) {
        if (!(e->u.drop.name = floe_p_ident(p, NULL)))
            return NULL;
    } else {
        floe_avec names = {0};
        do {
            floe_ast_qname *q = floe_p_push(p, &names, sizeof *q);
            if (!floe_p_qname(p, q, NULL))
                return NULL;
        } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
        e->u.drop.names = names.v;
        e->u.drop.n_names = names.n;
        e->u.drop.db = e->u.drop.names[0].db;
        e->u.drop.name = e->u.drop.names[0].name;
    }
    if (!e->u.drop.n_names) {
        e->u.drop.names = floe_arena_alloc(p->a, sizeof *e->u.drop.names);
        e->u.drop.names[0].name = e->u.drop.name;
        e->u.drop.n_names = 1;
    }
    skip_on_cluster(p);
    if (detach && floe_p_accept_kw(p, "PERMANENTLY"))
        e->u.drop.permanently = true;
    if (floe_p_accept_kw(p, "SYNC"))
        e->u.drop.sync = true;
    return e;
}

static floe_ast *parse_truncate(floe_parser *p, uint32_t pos)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_TRUNCATE, pos);
    if (floe_p_accept_kw(p, "ALL TABLES")) {
        e->u.truncate.all_tables = true;
        if (floe_p_accept_kw(p, "IF EXISTS"))
            e->u.truncate.if_exists = true;
        if (!floe_p_accept_kw(p, "FROM") && !floe_p_accept_kw(p, "IN"))
            return floe_p_fail(p, NULL);
        if (!(e->u.truncate.db = floe_p_ident(p, NULL)))
            return NULL;
        return e;
    }
    if (floe_p_accept_kw(p, "TEMPORARY"))
        e->u.truncate.temporary = true;
    floe_p_accept_kw(p, "TABLE");
    if (floe_p_accept_kw(p, "IF EXISTS"))
        e->u.truncate.if_exists = true;
    floe_ast_qname q;
    if (!floe_p_qname(p, &q, NULL))
        return NULL;
    e->u.truncate.db = q.db;
    e->u.truncate.name = q.name;
    skip_on_cluster(p);
    return e;
}

static floe_ast *parse_rename(floe_parser *p, uint32_t pos, bool exchange)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_RENAME, pos);
    e->u.rename.exchange = exchange;
    if (exchange) {
        if (!floe_p_accept_kw(p, "TABLES") && !floe_p_accept_kw(p, "DICTIONARIES"))
            return floe_p_fail(p, NULL);
    } else if (floe_p_accept_kw(p, "DATABASE")) {
        e->u.rename.database = true;
    } else if (floe_p_accept_kw(p, "DICTIONARY")) {
        e->u.rename.dictionary = true;
    } else if (!floe_p_accept_kw(p, "TABLE")) {
        return floe_p_fail(p, NULL);
    }
    if (floe_p_accept_kw(p, "IF EXISTS"))
        e->u.rename.if_exists = true;
    floe_avec from = {0}, to = {0};
    do {
        floe_ast_qname *a = floe_p_push(p, &from, sizeof *a);
        floe_ast_qname *b = floe_p_push(p, &to, sizeof *b);
        if (e->u.rename.database) {
            if (!(a->name = floe_p_ident(p, NULL)))
                return NULL;
        } else if (!floe_p_qname(p, a, NULL)) {
            return NULL;
        }
        if (!floe_p_expect_kw(p, exchange ? "AND" : "TO"))
            return NULL;
        if (e->u.rename.database) {
            if (!(b->name = floe_p_ident(p, NULL)))
                return NULL;
        } else if (!floe_p_qname(p, b, NULL)) {
            return NULL;
        }
    } while (!exchange && floe_p_accept(p, FLOE_TK_COMMA, NULL));
    e->u.rename.from = from.v;
    e->u.rename.to = to.v;
    e->u.rename.n = from.n;
    skip_on_cluster(p);
    return e;
}

static floe_ast *parse_exists(floe_parser *p, uint32_t pos)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_EXISTS, pos);
    if (floe_p_accept_kw(p, "TEMPORARY"))
        e->u.exists.temporary = true;
    e->u.exists.what = object_kind(p);
    if (e->u.exists.what == FLOE_OBJECT_DATABASE) {
        if (!(e->u.exists.name = floe_p_ident(p, NULL)))
            return NULL;
    } else {
        floe_ast_qname q;
        if (!floe_p_qname(p, &q, NULL))
            return NULL;
        e->u.exists.db = q.db;
        e->u.exists.name = q.name;
    }
    return e;
}

static floe_ast *parse_describe(floe_parser *p, uint32_t pos)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_DESCRIBE, pos);
    floe_p_accept_kw(p, "TABLE");
    floe_ast *t = floe_p_table_or_func(p);
    if (!t)
        return NULL;
    e->u.describe.target = t;
    return e;
}

static floe_ast *parse_show(floe_parser *p, uint32_t pos)
{
    if (floe_p_accept_kw(p, "CREATE")) {
        floe_ast *e = floe_p_new(p, FLOE_AST_SHOW_CREATE, pos);
        if (floe_p_accept_kw(p, "TEMPORARY"))
            e->u.show_create.temporary = true;
        e->u.show_create.what = object_kind(p);
        if (e->u.show_create.what == FLOE_OBJECT_DATABASE ||
            e->u.show_create.what == FLOE_OBJECT_NAMED_COLLECTION) {
            if (!(e->u.show_create.name = floe_p_ident(p, NULL)))
                return NULL;
        } else {
            floe_ast_qname q;
            if (!floe_p_qname(p, &q, NULL))
                return NULL;
            e->u.show_create.db = q.db;
            e->u.show_create.name = q.name;
        }
        return e;
    }
    if (floe_p_accept_kw(p, "PARTITIONS")) {
        floe_ast *e = floe_p_new(p, FLOE_AST_SHOW_PARTITIONS, pos);
        if (!floe_p_expect_kw(p, "FROM"))
            return NULL;
        floe_ast_qname q;
        if (!floe_p_qname(p, &q, NULL))
            return NULL;
        e->u.show_partitions.db = q.db;
        e->u.show_partitions.name = q.name;
        return e;
    }
    bool full = floe_p_accept_kw(p, "FULL");
    bool temporary = floe_p_accept_kw(p, "TEMPORARY");
    floe_ast *e = NULL;
    if (floe_p_accept_kw(p, "TABLES")) {
        e = floe_p_new(p, FLOE_AST_SHOW_TABLES, pos);
        if (floe_p_accept_kw(p, "FROM") || floe_p_accept_kw(p, "IN")) {
            if (!(e->u.show.db = floe_p_ident(p, NULL)))
                return NULL;
        }
    } else if (!temporary && floe_p_accept_kw(p, "DATABASES")) {
        e = floe_p_new(p, FLOE_AST_SHOW_DATABASES, pos);
    }
    if (e) {
        e->u.show.full = full;
        e->u.show.temporary = temporary;
        if (floe_p_accept_kw(p, "NOT"))
            e->u.show.not_like = true;
        if (floe_p_accept_kw(p, "LIKE") || (e->u.show.ilike = floe_p_accept_kw(p, "ILIKE"))) {
            if (!(e->u.show.like = floe_p_string(p, NULL)))
                return NULL;
        } else if (e->u.show.not_like) {
            return floe_p_fail(p, "LIKE");
        } else if (floe_p_accept_kw(p, "WHERE")) {
            if (!(e->u.show.where = floe_p_expr(p)))
                return NULL;
        }
        if (floe_p_accept_kw(p, "LIMIT")) {
            if (!(e->u.show.limit = floe_p_expr(p)))
                return NULL;
        }
        return e;
    }
    /* other SHOW forms: keep the words up to the end of the statement */
    e = floe_p_new(p, FLOE_AST_SHOW_OTHER, pos);
    floe_avec words = {0};
    if (full)
        *(const char **)floe_p_push(p, &words, sizeof(char *)) = "FULL";
    if (temporary)
        *(const char **)floe_p_push(p, &words, sizeof(char *)) = "TEMPORARY";
    while (!floe_p_is(p, 0, FLOE_TK_EOF) && !floe_p_is(p, 0, FLOE_TK_SEMICOLON) &&
           !floe_p_is_kw(p, 0, "FORMAT") && !floe_p_is_kw(p, 0, "INTO")) {
        const floe_token *t = floe_p_tok(p, 0);
        char *w = floe_p_unquote(p, t);
        if (t->type == FLOE_TK_BAREWORD)
            for (char *c = w; *c; c++)
                *c = (char)toupper((unsigned char)*c);
        *(const char **)floe_p_push(p, &words, sizeof(char *)) = w;
        floe_p_advance(p);
    }
    if (!words.n)
        return floe_p_fail(p, "TABLES");
    e->u.show_other.words = words.v;
    e->u.show_other.n_words = words.n;
    return e;
}

static floe_ast *parse_set(floe_parser *p, uint32_t pos)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_SET, pos);
    floe_avec v = {0};
    do {
        floe_ast_setting *s = floe_p_push(p, &v, sizeof *s);
        s->pos = floe_p_pos(p);
        if (!(s->name = floe_p_ident(p, NULL)))
            return NULL;
        if (!floe_p_expect(p, FLOE_TK_EQUALS, "="))
            return NULL;
        if (floe_p_is_kw(p, 0, "DEFAULT")) {
            uint32_t dp = floe_p_pos(p);
            floe_ast *d = floe_p_new(p, FLOE_AST_IDENT, dp);
            const char **parts = floe_arena_alloc(p->a, sizeof *parts);
            parts[0] = "DEFAULT";
            d->u.ident.parts = parts;
            d->u.ident.n_parts = 1;
            floe_p_advance(p);
            floe_p_finish(p, d);
            s->value = d;
        } else if (!(s->value = floe_p_literal_value(p))) {
            return NULL;
        }
    } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
    e->u.set.settings = v.v;
    e->u.set.n_settings = v.n;
    return e;
}

static floe_ast *parse_use(floe_parser *p, uint32_t pos)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_USE, pos);
    floe_p_accept_kw(p, "DATABASE");
    if (!(e->u.use.db = floe_p_ident(p, "identifier")))
        return NULL;
    return e;
}

/* Where VALUES data ends: the ';' outside quotes and brackets, or the end. */
static size_t values_end(const char *s, size_t pos, size_t len)
{
    int depth = 0;
    while (pos < len) {
        char c = s[pos];
        if (c == '\'' || c == '"' || c == '`') {
            pos++;
            while (pos < len && s[pos] != c) {
                if (s[pos] == '\\')
                    pos++;
                pos++;
            }
            pos++;
            continue;
        }
        if (c == '(' || c == '[' || c == '{')
            depth++;
        else if (c == ')' || c == ']' || c == '}')
            depth--;
        else if (c == ';' && depth <= 0)
            return pos;
        pos++;
    }
    return len;
}

/* FORMAT name and the inline data after it (at the FORMAT keyword). */
static floe_ast *format_data(floe_parser *p, floe_ast *e)
{
    floe_p_advance(p);
    const floe_token *ft = floe_p_tok(p, 0);
    if (ft->type != FLOE_TK_BAREWORD && ft->type != FLOE_TK_QUOTED_IDENT)
        return floe_p_fail(p, "format name");
    size_t d = ft->end;
    e->u.insert.format = floe_p_unquote(p, ft);
    p->stop_lexing = true;
    floe_p_advance(p);
    if (d < p->len && p->sql[d] == ';') {
        /* no data: FORMAT name; */
        e->u.insert.data_pos = e->u.insert.data_end = (uint32_t)d;
        return e;
    }
    while (d < p->len && (p->sql[d] == ' ' || p->sql[d] == '\t' || p->sql[d] == '\f'))
        d++;
    if (d < p->len && p->sql[d] == '\r')
        d++;
    if (d < p->len && p->sql[d] == '\n')
        d++;
    size_t end = p->len;
    if (p->opts && p->opts->multi_statement) {
        /* In a script: data written on the FORMAT line ends with that
         * line (clickhouse-client's multi-query rule, what ClickHouse's
         * own .sql tests rely on: "FORMAT CSV 1,2" then ";" on the next
         * line); data that starts on the next line runs to the first
         * empty line (what chref does), the newline ending its last row
         * included. */
        bool same_line = d > 0 && p->sql[d - 1] != '\n';
        if (same_line) {
            const char *nl = memchr(p->sql + d, '\n', p->len - d);
            if (nl)
                end = (size_t)(nl - p->sql);
        } else {
            for (size_t q = d; q < p->len; q++) {
                if (p->sql[q] != '\n')
                    continue;
                size_t r = q + 1;
                if (r < p->len && p->sql[r] == '\r')
                    r++;
                if (r < p->len && p->sql[r] == '\n') {
                    end = q + 1;
                    break;
                }
            }
            /* an empty first line: no data */
            if (d < p->len && p->sql[d] == '\n')
                end = d;
        }
    }
    e->u.insert.data_pos = (uint32_t)d;
    e->u.insert.data_end = (uint32_t)end;
    e->u.insert.has_data = end > d;
    return e;
}

static floe_ast *parse_insert(floe_parser *p, uint32_t pos)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_INSERT, pos);
    floe_p_accept_kw(p, "TABLE");
    if (floe_p_accept_kw(p, "FUNCTION")) {
        uint32_t fp = floe_p_pos(p);
        const char *name = floe_p_ident(p, "table function");
        if (!name)
            return NULL;
        if (!floe_p_is(p, 0, FLOE_TK_LPAREN))
            return floe_p_fail(p, "opening bracket");
        if (!(e->u.insert.function = floe_p_function_call(p, name, fp)))
            return NULL;
        if (floe_p_accept_kw(p, "PARTITION BY")) {
            if (!(e->u.insert.partition_by = floe_p_expr(p)))
                return NULL;
        }
    } else {
        floe_ast_qname q;
        if (!floe_p_qname(p, &q, "table"))
            return NULL;
        e->u.insert.db = q.db;
        e->u.insert.name = q.name;
    }
    if (floe_p_accept(p, FLOE_TK_LPAREN, NULL)) {
        floe_avec cols = {0};
        if (!floe_p_is(p, 0, FLOE_TK_RPAREN)) {
            do {
                floe_ast *c = floe_p_func_or_ident(p);
                if (!c)
                    return NULL;
                floe_p_push_ast(p, &cols, c);
            } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
        }
        if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
            return NULL;
        e->u.insert.columns = cols.v;
        e->u.insert.n_columns = cols.n;
    }
    if (floe_p_accept_kw(p, "SETTINGS")) {
        if (!floe_p_settings(p, &e->u.insert.settings, &e->u.insert.n_settings))
            return NULL;
    }
    if (floe_p_is_kw(p, 0, "VALUES")) {
        const floe_token *vt = floe_p_tok(p, 0);
        /* data starts at the next significant character after VALUES */
        size_t d = vt->end;
        p->stop_lexing = true;
        floe_p_advance(p);
        floe_lexer probe;
        floe_lexer_init(&probe, p->sql, p->len, 0);
        probe.pos = d;
        probe.prev_type = FLOE_TK_BAREWORD;
        floe_token nt = floe_lexer_next(&probe);
        d = nt.begin;
        e->u.insert.format = "Values";
        e->u.insert.data_pos = (uint32_t)d;
        e->u.insert.data_end = (uint32_t)values_end(p->sql, d, p->len);
        e->u.insert.has_data = e->u.insert.data_end > e->u.insert.data_pos;
        return e;
    }
    if (floe_p_accept_kw(p, "FROM INFILE")) {
        if (!(e->u.insert.infile = floe_p_string(p, NULL)))
            return NULL;
        if (floe_p_accept_kw(p, "COMPRESSION")) {
            if (!(e->u.insert.infile_compression = floe_p_string(p, NULL)))
                return NULL;
        }
        if (floe_p_accept_kw(p, "SETTINGS")) {
            if (!floe_p_settings(p, &e->u.insert.settings, &e->u.insert.n_settings))
                return NULL;
        }
        if (floe_p_accept_kw(p, "FORMAT")) {
            if (!(e->u.insert.format = floe_p_ident(p, "format name")))
                return NULL;
        }
        return e;
    }
    if (floe_p_is_kw(p, 0, "FORMAT"))
        return format_data(p, e);
    if (floe_p_is_select_start(p, 0) || floe_p_is(p, 0, FLOE_TK_LPAREN)) {
        if (!(e->u.insert.select = floe_p_select_union(p)))
            return NULL;
        /* INSERT ... SELECT ... FROM input(...) FORMAT name data */
        if (floe_p_is_kw(p, 0, "FORMAT"))
            return format_data(p, e);
        return e;
    }
    return floe_p_fail(p, "VALUES");
}

static floe_ast *parse_delete(floe_parser *p, uint32_t pos)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_DELETE, pos);
    floe_ast_qname q;
    if (!floe_p_qname(p, &q, "table"))
        return NULL;
    e->u.delete_.db = q.db;
    e->u.delete_.name = q.name;
    skip_on_cluster(p);
    if (floe_p_accept_kw(p, "IN")) {
        if (!(e->u.delete_.partition = floe_p_partition(p)))
            return NULL;
    }
    if (!floe_p_expect_kw(p, "WHERE"))
        return NULL;
    if (!(e->u.delete_.where = floe_p_expr(p)))
        return NULL;
    if (floe_p_accept_kw(p, "SETTINGS")) {
        if (!floe_p_settings(p, &e->u.delete_.settings, &e->u.delete_.n_settings))
            return NULL;
    }
    return e;
}

static floe_ast *parse_optimize(floe_parser *p, uint32_t pos)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_OPTIMIZE, pos);
    if (!floe_p_expect_kw(p, "TABLE"))
        return NULL;
    floe_ast_qname q;
    if (!floe_p_qname(p, &q, "table"))
        return NULL;
    e->u.optimize.db = q.db;
    e->u.optimize.name = q.name;
    skip_on_cluster(p);
    if (floe_p_is_kw(p, 0, "PARTITION")) {
        if (!(e->u.optimize.partition = floe_p_partition(p)))
            return NULL;
    }
    if (floe_p_accept_kw(p, "FINAL"))
        e->u.optimize.final = true;
    if (floe_p_accept_kw(p, "FORCE"))
        e->u.optimize.final = true;
    if (floe_p_accept_kw(p, "DEDUPLICATE")) {
        e->u.optimize.deduplicate = true;
        if (floe_p_accept_kw(p, "BY")) {
            floe_avec v = {0};
            if (!floe_p_expr_list(p, &v, false))
                return NULL;
            e->u.optimize.deduplicate_by = v.v;
            e->u.optimize.n_deduplicate_by = v.n;
        }
    }
    if (floe_p_accept_kw(p, "CLEANUP"))
        e->u.optimize.cleanup = true;
    return e;
}

static floe_ast *parse_system(floe_parser *p, uint32_t pos)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_SYSTEM, pos);
    floe_avec words = {0};
    while (floe_p_is(p, 0, FLOE_TK_BAREWORD) && !floe_p_is_kw(p, 0, "ON") &&
           !floe_p_is_kw(p, 0, "FORMAT") && !floe_p_is_kw(p, 0, "SETTINGS")) {
        /* a name after the action words: [db.]table */
        if (words.n >= 2 && (floe_p_is(p, 1, FLOE_TK_DOT) || floe_p_is(p, 1, FLOE_TK_EOF) ||
                             floe_p_is(p, 1, FLOE_TK_SEMICOLON))) {
            bool known = false;
            static const char *const tails[] = {"MERGES", "TTL",     "MOVES", "FETCHES",   "SENDS",
                                                "QUEUES", "REPLICA", "CACHE", "MUTATIONS", "LOGS",
                                                "VIEWS",  "VIEW",    NULL};
            for (size_t k = 0; tails[k]; k++)
                if (floe_p_is_kw(p, 0, tails[k]) && !floe_p_is(p, 1, FLOE_TK_DOT))
                    known = true;
            if (!known)
                break;
        }
        const floe_token *t = floe_p_tok(p, 0);
        char *w = floe_p_unquote(p, t);
        for (char *c = w; *c; c++)
            *c = (char)toupper((unsigned char)*c);
        *(const char **)floe_p_push(p, &words, sizeof(char *)) = w;
        floe_p_advance(p);
    }
    if (!words.n)
        return floe_p_fail(p, "SYSTEM query");
    e->u.system.words = words.v;
    e->u.system.n_words = words.n;
    skip_on_cluster(p);
    if (floe_p_is_ident_start(p, 0)) {
        floe_ast_qname q;
        if (!floe_p_qname(p, &q, NULL))
            return NULL;
        e->u.system.db = q.db;
        e->u.system.name = q.name;
    }
    return e;
}

static floe_ast *parse_kill(floe_parser *p, uint32_t pos)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_KILL, pos);
    if (floe_p_accept_kw(p, "MUTATION"))
        e->u.kill.what = "MUTATION";
    else if (floe_p_accept_kw(p, "QUERY"))
        e->u.kill.what = "QUERY";
    else if (floe_p_accept_kw(p, "PART_MOVE_TO_SHARD"))
        e->u.kill.what = "PART_MOVE_TO_SHARD";
    else if (floe_p_accept_kw(p, "EXPORT"))
        e->u.kill.what = "EXPORT";
    else
        return floe_p_fail(p, "MUTATION");
    skip_on_cluster(p);
    if (!floe_p_expect_kw(p, "WHERE"))
        return NULL;
    if (!(e->u.kill.where = floe_p_expr(p)))
        return NULL;
    if (floe_p_accept_kw(p, "SYNC"))
        e->u.kill.mode = 1;
    else if (floe_p_accept_kw(p, "ASYNC"))
        e->u.kill.mode = 2;
    else if (floe_p_accept_kw(p, "TEST"))
        e->u.kill.mode = 3;
    return e;
}

/* k = v [[NOT] OVERRIDABLE], ... */
static bool named_collection_items(floe_parser *p, floe_ast *e)
{
    floe_avec items = {0}, ov = {0};
    do {
        floe_ast_setting *s = floe_p_push(p, &items, sizeof *s);
        int8_t *o = floe_p_push(p, &ov, sizeof *o);
        s->pos = floe_p_pos(p);
        if (!(s->name = floe_p_ident(p, NULL)))
            return false;
        if (!floe_p_expect(p, FLOE_TK_EQUALS, "="))
            return false;
        if (!(s->value = floe_p_literal_value(p)))
            return false;
        *o = -1;
        if (floe_p_accept_kw(p, "NOT OVERRIDABLE"))
            *o = 0;
        else if (floe_p_accept_kw(p, "OVERRIDABLE"))
            *o = 1;
    } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
    e->u.named_collection.items = items.v;
    e->u.named_collection.overridable = ov.v;
    e->u.named_collection.n_items = items.n;
    return true;
}

static floe_ast *parse_named_collection(floe_parser *p, uint32_t pos, bool create)
{
    floe_ast *e = floe_p_new(
        p, create ? FLOE_AST_CREATE_NAMED_COLLECTION : FLOE_AST_ALTER_NAMED_COLLECTION, pos);
    if (create && floe_p_accept_kw(p, "IF NOT EXISTS"))
        e->u.named_collection.if_not_exists = true;
    if (!create && floe_p_accept_kw(p, "IF EXISTS"))
        e->u.named_collection.if_exists = true;
    if (!(e->u.named_collection.name = floe_p_ident(p, NULL)))
        return NULL;
    skip_on_cluster(p);
    if (create) {
        if (!floe_p_expect_kw(p, "AS"))
            return NULL;
        if (!named_collection_items(p, e))
            return NULL;
        return e;
    }
    bool any = false;
    if (floe_p_accept_kw(p, "SET")) {
        if (!named_collection_items(p, e))
            return NULL;
        any = true;
    }
    if (floe_p_accept_kw(p, "DELETE")) {
        floe_avec keys = {0};
        do {
            const char *k = floe_p_ident(p, NULL);
            if (!k)
                return NULL;
            *(const char **)floe_p_push(p, &keys, sizeof(char *)) = k;
        } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
        e->u.named_collection.delete_keys = keys.v;
        e->u.named_collection.n_delete_keys = keys.n;
        any = true;
    }
    if (!any)
        return floe_p_fail(p, "SET");
    return e;
}

static floe_ast *parse_copy(floe_parser *p, uint32_t pos)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_COPY, pos);
    if (floe_p_is(p, 0, FLOE_TK_LPAREN)) {
        uint32_t sp = floe_p_pos(p);
        floe_p_advance(p);
        floe_ast *sub = floe_p_new(p, FLOE_AST_SUBQUERY, sp);
        if (!(sub->u.subquery.query = floe_p_select_union(p)))
            return NULL;
        if (!floe_p_expect(p, FLOE_TK_RPAREN, "closing bracket"))
            return NULL;
        floe_p_finish(p, sub);
        e->u.copy.source = sub;
    } else {
        uint32_t tp = floe_p_pos(p);
        floe_ast_qname q;
        if (!floe_p_qname(p, &q, "table"))
            return NULL;
        floe_ast *t = floe_p_new(p, FLOE_AST_TABLE, tp);
        t->u.table.db = q.db;
        t->u.table.name = q.name;
        floe_p_finish(p, t);
        e->u.copy.source = t;
    }
    if (floe_p_accept_kw(p, "FROM"))
        e->u.copy.from = true;
    else if (!floe_p_expect_kw(p, "TO"))
        return NULL;
    if (!(e->u.copy.dest = floe_p_string(p, NULL)))
        return NULL;
    if (floe_p_accept_kw(p, "WITH")) {
        floe_avec opts = {0};
        while (floe_p_is(p, 0, FLOE_TK_BAREWORD) && !floe_p_is_kw(p, 0, "SETTINGS")) {
            floe_ast_setting *s = floe_p_push(p, &opts, sizeof *s);
            s->pos = floe_p_pos(p);
            char *n = floe_p_unquote(p, floe_p_tok(p, 0));
            for (char *c = n; *c; c++)
                *c = (char)toupper((unsigned char)*c);
            s->name = n;
            floe_p_advance(p);
            floe_p_accept(p, FLOE_TK_EQUALS, NULL);
            const floe_token *t = floe_p_tok(p, 0);
            if (t->type == FLOE_TK_STRING || t->type == FLOE_TK_NUMBER ||
                t->type == FLOE_TK_MINUS || floe_p_is_kw(p, 0, "true") ||
                floe_p_is_kw(p, 0, "false")) {
                if (!(s->value = floe_p_literal_value(p)))
                    return NULL;
            } else if (t->type == FLOE_TK_BAREWORD && !floe_p_is(p, 1, FLOE_TK_EQUALS) &&
                       !(floe_p_is(p, 1, FLOE_TK_BAREWORD) && floe_p_is(p, 2, FLOE_TK_EQUALS))) {
                /* a bare word value (FORMAT PARQUET); a following word that
                 * is itself followed by a value is the next option */
                floe_ast *v = floe_p_new(p, FLOE_AST_IDENT, t->begin);
                const char **parts = floe_arena_alloc(p->a, sizeof *parts);
                parts[0] = floe_p_unquote(p, t);
                v->u.ident.parts = parts;
                v->u.ident.n_parts = 1;
                floe_p_advance(p);
                floe_p_finish(p, v);
                s->value = v;
            }
        }
        e->u.copy.options = opts.v;
        e->u.copy.n_options = opts.n;
    }
    return e;
}

static floe_ast *parse_check(floe_parser *p, uint32_t pos)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_CHECK, pos);
    if (!floe_p_expect_kw(p, "TABLE"))
        return NULL;
    floe_ast_qname q;
    if (!floe_p_qname(p, &q, "table"))
        return NULL;
    e->u.check.db = q.db;
    e->u.check.name = q.name;
    if (floe_p_is_kw(p, 0, "PARTITION") || floe_p_is_kw(p, 0, "PART")) {
        if (!(e->u.check.partition = floe_p_partition(p)))
            return NULL;
    }
    if (floe_p_accept_kw(p, "SETTINGS")) {
        if (!floe_p_settings(p, &e->u.check.settings, &e->u.check.n_settings))
            return NULL;
    }
    return e;
}

static floe_ast *parse_explain(floe_parser *p, uint32_t pos)
{
    floe_ast *e = floe_p_new(p, FLOE_AST_EXPLAIN, pos);
    static const char *const kinds[] = {
        "QUERY TREE",          "AST", "SYNTAX", "PLAN", "PIPELINE", "ESTIMATE", "TABLE OVERRIDE",
        "CURRENT TRANSACTION", NULL};
    e->u.explain.what = "PLAN";
    for (size_t k = 0; kinds[k]; k++)
        if (floe_p_accept_kw(p, kinds[k])) {
            e->u.explain.what = kinds[k];
            break;
        }
    /* EXPLAIN settings: name = value, ... before the statement */
    if (floe_p_is(p, 0, FLOE_TK_BAREWORD) && floe_p_is(p, 1, FLOE_TK_EQUALS)) {
        floe_avec v = {0};
        do {
            floe_ast_setting *s = floe_p_push(p, &v, sizeof *s);
            s->pos = floe_p_pos(p);
            if (!(s->name = floe_p_ident(p, NULL)))
                return NULL;
            if (!floe_p_expect(p, FLOE_TK_EQUALS, "="))
                return NULL;
            if (!(s->value = floe_p_literal_value(p)))
                return NULL;
        } while (floe_p_accept(p, FLOE_TK_COMMA, NULL));
        e->u.explain.settings = v.v;
        e->u.explain.n_settings = v.n;
    }
    if (!(e->u.explain.stmt = floe_p_statement(p)))
        return NULL;
    return e;
}

static floe_ast *parse_attach(floe_parser *p, uint32_t pos)
{
    /* ATTACH TABLE t (...) ENGINE ... is a full definition; ATTACH TABLE t
     * alone re-attaches a detached table. */
    size_t save_i = p->i - 1; /* at ATTACH: the full form is parsed as CREATE */
    uint32_t save_end = p->last_end;
    floe_ast *e = floe_p_new(p, FLOE_AST_ATTACH, pos);
    e->u.attach.what = object_kind(p);
    if (e->u.attach.what == FLOE_OBJECT_NONE)
        e->u.attach.what = FLOE_OBJECT_TABLE;
    if (floe_p_accept_kw(p, "IF NOT EXISTS"))
        e->u.attach.if_not_exists = true;
    if (e->u.attach.what == FLOE_OBJECT_DATABASE) {
        if (!(e->u.attach.name = floe_p_ident(p, NULL)))
            return NULL;
    } else {
        floe_ast_qname q;
        if (!floe_p_qname(p, &q, NULL))
            return NULL;
        e->u.attach.db = q.db;
        e->u.attach.name = q.name;
    }
    skip_on_cluster(p);
    if (floe_p_is(p, 0, FLOE_TK_EOF) || floe_p_is(p, 0, FLOE_TK_SEMICOLON))
        return e;
    p->i = save_i;
    p->last_end = save_end;
    floe_ast *c = floe_p_create(p);
    if (!c)
        return NULL;
    c->pos = pos;
    if (c->kind == FLOE_AST_CREATE_TABLE)
        c->u.create_table.attach = true;
    return c;
}

floe_ast *floe_p_statement(floe_parser *p)
{
    uint32_t pos = floe_p_pos(p);
    floe_ast *e = NULL;
    if (floe_p_is_select_start(p, 0) || floe_p_is(p, 0, FLOE_TK_LPAREN)) {
        e = floe_p_select_union(p);
    } else if (floe_p_accept_kw(p, "INSERT INTO")) {
        e = parse_insert(p, pos);
    } else if (floe_p_accept_kw(p, "CREATE NAMED COLLECTION")) {
        e = parse_named_collection(p, pos, true);
    } else if (floe_p_accept_kw(p, "ALTER NAMED COLLECTION")) {
        e = parse_named_collection(p, pos, false);
    } else if (floe_p_is_kw(p, 0, "CREATE") || floe_p_is_kw(p, 0, "REPLACE")) {
        e = floe_p_create(p);
    } else if (floe_p_is_kw(p, 0, "ALTER")) {
        e = floe_p_alter(p);
    } else if (floe_p_accept_kw(p, "DROP")) {
        e = parse_drop(p, pos, false);
    } else if (floe_p_accept_kw(p, "DETACH")) {
        e = parse_drop(p, pos, true);
    } else if (floe_p_accept_kw(p, "ATTACH")) {
        e = parse_attach(p, pos);
    } else if (floe_p_accept_kw(p, "RENAME")) {
        e = parse_rename(p, pos, false);
    } else if (floe_p_accept_kw(p, "EXCHANGE")) {
        e = parse_rename(p, pos, true);
    } else if (floe_p_accept_kw(p, "TRUNCATE")) {
        e = parse_truncate(p, pos);
    } else if (floe_p_accept_kw(p, "EXISTS")) {
        e = parse_exists(p, pos);
    } else if (floe_p_accept_kw(p, "DESCRIBE") || floe_p_accept_kw(p, "DESC")) {
        e = parse_describe(p, pos);
    } else if (floe_p_accept_kw(p, "SHOW")) {
        e = parse_show(p, pos);
    } else if (floe_p_accept_kw(p, "USE")) {
        e = parse_use(p, pos);
    } else if (floe_p_accept_kw(p, "SET")) {
        e = parse_set(p, pos);
    } else if (floe_p_accept_kw(p, "DELETE FROM")) {
        e = parse_delete(p, pos);
    } else if (floe_p_accept_kw(p, "OPTIMIZE")) {
        e = parse_optimize(p, pos);
    } else if (floe_p_accept_kw(p, "SYSTEM")) {
        e = parse_system(p, pos);
    } else if (floe_p_accept_kw(p, "KILL")) {
        e = parse_kill(p, pos);
    } else if (floe_p_accept_kw(p, "COPY")) {
        e = parse_copy(p, pos);
    } else if (floe_p_accept_kw(p, "CHECK")) {
        e = parse_check(p, pos);
    } else if (floe_p_accept_kw(p, "EXPLAIN")) {
        e = parse_explain(p, pos);
    } else {
        static const char *const starts[] = {"SELECT", "INSERT INTO", "CREATE", "ALTER", "DROP",
                                             "SHOW",   "DESCRIBE",    "USE",    "SET",   NULL};
        for (size_t k = 0; starts[k]; k++)
            floe_p_expected(p, starts[k]);
        return floe_p_fail(p, NULL);
    }
    if (!e)
        return NULL;
    if (e->kind != FLOE_AST_SELECT && e->kind != FLOE_AST_UNION && e->kind != FLOE_AST_INSERT) {
        e->pos = pos;
        floe_p_finish(p, e);
    }
    /* FORMAT / INTO OUTFILE / SETTINGS on statements that produce output;
     * EXPLAIN's output clauses were read by its inner statement: they
     * belong to the EXPLAIN */
    if (e->kind == FLOE_AST_EXPLAIN && e->u.explain.stmt->output && !e->output) {
        e->output = e->u.explain.stmt->output;
        e->u.explain.stmt->output = NULL;
    }
    if (e->kind != FLOE_AST_INSERT)
        floe_p_output(p, e);
    if (p->failed)
        return NULL;
    return e;
}

/* ---- errors ---- */

static void line_col(const char *s, size_t pos, size_t *line, size_t *col)
{
    size_t l = 1, begin = 0;
    for (size_t k = 0; k < pos; k++)
        if (s[k] == '\n') {
            l++;
            begin = k + 1;
        }
    *line = l;
    *col = pos - begin + 1;
}

/* Bytes of s[0..n) that make up at most max UTF-8 characters. */
static size_t utf8_prefix(const char *s, size_t n, size_t max)
{
    size_t chars = 0, k = 0;
    while (k < n && chars < max) {
        unsigned char c = (unsigned char)s[k];
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (k + len > n)
            len = n - k;
        k += len;
        chars++;
    }
    return k;
}

/* "failed at position N (tok) (line L, col C): rest. " into b. begin/end
 * delimit the statement's text. */
static void common_message(floe_buf *b, const char *sql, size_t begin, size_t end,
                           const floe_token *t)
{
    floe_buf_printf(b, "Syntax error: failed at position %zu", (size_t)t->begin - begin + 1);
    if (t->type == FLOE_TK_EOF || t->type == FLOE_TK_SEMICOLON) {
        floe_buf_puts(b, " (end of query)");
    } else {
        size_t n = t->end - t->begin;
        size_t show = utf8_prefix(sql + t->begin, n, 160);
        floe_buf_puts(b, " (");
        floe_buf_append(b, sql + t->begin, show);
        floe_buf_puts(b, show < n ? "...)" : ")");
    }
    const char *nl = memchr(sql + begin, '\n', end - begin);
    if (nl && (size_t)(nl - sql) + 1 < end) {
        size_t line, col;
        line_col(sql + begin, t->begin - begin, &line, &col);
        floe_buf_printf(b, " (line %zu, col %zu)", line, col);
    }
    size_t from = t->begin < end ? t->begin : end;
    size_t total = end - from;
    size_t show = utf8_prefix(sql + from, total, 160);
    floe_buf_puts(b, ": ");
    floe_buf_append(b, sql + from, show);
    floe_buf_puts(b, show < total ? "... " : ". ");
}

static int report_error(floe_parser *p, size_t begin)
{
    if (p->fatal)
        return -1;
    /* the statement's end: the first ';' or the end of input after the
     * furthest token looked at (scanning must not move max_i); a lexical
     * error's message runs past other bad tokens, a syntax error's stops
     * at them, as in ClickHouse's tryParseQuery */
    size_t max_i = p->max_i;
    size_t save_i = p->i;
    bool lexical = floe_token_is_error(p->toks[max_i].type);
    p->i = max_i;
    size_t j = 0;
    for (;; j++) {
        floe_token_type ty = floe_p_tok(p, j)->type;
        if (ty == FLOE_TK_EOF || ty == FLOE_TK_SEMICOLON || ty == FLOE_TK_ERR_MAX_QUERY_SIZE)
            break;
        if (!lexical && floe_token_is_error(ty))
            break;
    }
    const floe_token *stop = floe_p_tok(p, j);
    size_t end = stop->type == FLOE_TK_SEMICOLON ? stop->begin : stop->end;
    p->i = save_i;
    p->max_i = max_i;
    floe_token t_copy = p->toks[max_i];
    const floe_token *t = &t_copy;
    /* the client sends the query without trailing whitespace: the end of
     * the query is reported where its text ends */
    if (t->type == FLOE_TK_EOF || stop->type == FLOE_TK_EOF) {
        size_t tl = p->len;
        while (tl > begin && (p->sql[tl - 1] == ' ' || p->sql[tl - 1] == '\t' ||
                              p->sql[tl - 1] == '\n' || p->sql[tl - 1] == '\r'))
            tl--;
        if (t->type == FLOE_TK_EOF)
            t_copy.begin = t_copy.end = (uint32_t)tl;
        if (end > tl && tl >= t->end)
            end = tl;
    }

    floe_buf b = FLOE_BUF_INIT;
    if (floe_token_is_error(t->type)) {
        if (t->type == FLOE_TK_ERR_MAX_QUERY_SIZE)
            floe_buf_puts(&b, "Max query size exceeded (can be increased with the "
                              "`max_query_size` setting): ");
        else
            floe_buf_printf(&b, "%s: ", floe_token_error_text(t->type));
        common_message(&b, p->sql, begin, end > t->end ? end : t->end, t);
        /* the message ends with ". " and ClickHouse adds "." after it */
        b.len--;
        b.data[b.len] = '\0';
        floe_error(FLOE_ERR_SYNTAX_ERROR, "%s ", b.data);
        floe_buf_free(&b);
        return -1;
    }

    /* unmatched brackets within the statement */
    {
        floe_token stack[64];
        size_t depth = 0, overflow = 0;
        bool bad = false;
        size_t save = p->i;
        p->i = 0;
        for (size_t q = 0;; q++) {
            const floe_token *x = floe_p_tok(p, q);
            if (x->type == FLOE_TK_EOF || x->type == FLOE_TK_SEMICOLON ||
                floe_token_is_error(x->type))
                break;
            if (x->type == FLOE_TK_LPAREN || x->type == FLOE_TK_LBRACKET) {
                if (depth < 64)
                    stack[depth++] = *x;
                else
                    overflow++;
            } else if (x->type == FLOE_TK_RPAREN || x->type == FLOE_TK_RBRACKET) {
                if (overflow) {
                    overflow--;
                    continue;
                }
                floe_token_type want =
                    x->type == FLOE_TK_RPAREN ? FLOE_TK_LPAREN : FLOE_TK_LBRACKET;
                if (depth && stack[depth - 1].type == want) {
                    depth--;
                } else {
                    if (depth < 64)
                        stack[depth++] = *x;
                    bad = true;
                    break;
                }
            }
        }
        p->i = save;
        p->max_i = max_i;
        if (bad || depth) {
            common_message(&b, p->sql, begin, end, &stack[0]);
            floe_buf_puts(&b, "Unmatched parentheses: ");
            for (size_t q = 0; q < depth; q++)
                floe_buf_append(&b, p->sql + stack[q].begin, stack[q].end - stack[q].begin);
            floe_error(FLOE_ERR_SYNTAX_ERROR, "%s", b.data);
            floe_buf_free(&b);
            return -1;
        }
    }

    common_message(&b, p->sql, begin, end, t);
    if (p->expected_at == p->max_i && p->n_expected) {
        floe_buf_puts(&b, "Expected ");
        if (p->n_expected > 1)
            floe_buf_puts(&b, "one of: ");
        for (size_t q = 0; q < p->n_expected; q++) {
            if (q)
                floe_buf_puts(&b, ", ");
            floe_buf_puts(&b, p->expected[q]);
        }
    } else {
        /* drop the trailing ". " */
        b.len -= 2;
        b.data[b.len] = '\0';
    }
    floe_error(FLOE_ERR_SYNTAX_ERROR, "%s", b.data);
    floe_buf_free(&b);
    return -1;
}

static void parser_init(floe_parser *p, floe_arena *a, const char *sql, size_t len,
                        const floe_parse_options *opts)
{
    memset(p, 0, sizeof *p);
    p->a = a;
    p->sql = sql;
    p->len = len;
    p->opts = opts;
    p->max_depth = opts->max_parser_depth;
    p->depth = FLOE_PARSER_BASE_DEPTH;
    floe_lexer_init(&p->lx, sql, len, opts->max_query_size);
}

int floe_sql_parse(floe_ast **out, size_t *consumed, floe_arena *a, const char *sql, size_t len,
                   const floe_parse_options *opts)
{
    floe_parse_options defaults = FLOE_PARSE_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    *out = NULL;
    *consumed = 0;
    floe_parser p;
    parser_init(&p, a, sql, len, opts);

    const floe_token *first = floe_p_tok(&p, 0);
    if (first->type == FLOE_TK_EOF) {
        *consumed = len;
        return 0;
    }
    if (first->type == FLOE_TK_SEMICOLON) {
        *consumed = first->end;
        return 0;
    }
    size_t begin = 0;

    /* ClickHouse's shortcut: a lexical error anywhere in the statement is
     * reported before parsing (INSERT INTO is exempt: its data is not SQL) */
    if (!(floe_p_is_kw(&p, 0, "INSERT") && floe_p_is_kw(&p, 1, "INTO"))) {
        size_t k = 0;
        for (;; k++) {
            const floe_token *t = floe_p_tok(&p, k);
            if (t->type == FLOE_TK_EOF || t->type == FLOE_TK_SEMICOLON)
                break;
            if (floe_token_is_error(t->type)) {
                p.max_i = k;
                return report_error(&p, begin);
            }
        }
        p.max_i = 0;
    }

    floe_ast *stmt = floe_p_statement(&p);
    if (!stmt)
        return report_error(&p, begin);

    if (stmt->kind == FLOE_AST_INSERT && stmt->u.insert.format &&
        (stmt->u.insert.has_data || stmt->u.insert.data_pos)) {
        size_t end = stmt->u.insert.data_end;
        stmt->end = (uint32_t)end;
        if (end < len && sql[end] == ';')
            end++;
        *consumed = end;
        *out = stmt;
        return 0;
    }

    const floe_token *t = floe_p_tok(&p, 0);
    if (t->type != FLOE_TK_EOF && t->type != FLOE_TK_SEMICOLON) {
        floe_p_expected(&p, "end of query");
        return report_error(&p, begin);
    }
    *consumed = t->type == FLOE_TK_SEMICOLON ? t->end : len;
    *out = stmt;
    return 0;
}

int floe_sql_parse_expr(floe_ast **out, floe_arena *a, const char *sql, size_t len)
{
    floe_parse_options opts = FLOE_PARSE_OPTIONS_INIT;
    opts.max_query_size = 0;
    floe_parser p;
    parser_init(&p, a, sql, len, &opts);
    *out = NULL;
    floe_ast *e = floe_p_expr_alias(&p, false);
    if (!e)
        return report_error(&p, 0);
    if (!floe_p_is(&p, 0, FLOE_TK_EOF)) {
        floe_p_expected(&p, "end of query");
        return report_error(&p, 0);
    }
    *out = e;
    return 0;
}

int floe_sql_split(size_t *stmt_len, const char *sql, size_t len, const floe_parse_options *opts)
{
    floe_parse_options defaults = FLOE_PARSE_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    floe_lexer lx;
    floe_lexer_init(&lx, sql, len, 0);
    *stmt_len = len;
    floe_token prev1 = {FLOE_TK_EOF, 0, 0};
    bool insert = false, first = true;
    for (;;) {
        floe_token t = floe_lexer_next(&lx);
        if (t.type == FLOE_TK_EOF)
            return 0;
        if (floe_token_is_error(t.type) && t.type != FLOE_TK_ERR &&
            t.type != FLOE_TK_ERR_EXCLAMATION && t.type != FLOE_TK_ERR_WRONG_NUMBER)
            return floe_error(FLOE_ERR_SYNTAX_ERROR, "%s at position %u",
                              floe_token_error_text(t.type), t.begin + 1);
        if (first && t.type == FLOE_TK_BAREWORD && t.end - t.begin == 6 &&
            strncasecmp(sql + t.begin, "INSERT", 6) == 0)
            insert = true;
        first = false;
        if (t.type == FLOE_TK_SEMICOLON) {
            *stmt_len = t.end;
            return 0;
        }
        if (insert && t.type == FLOE_TK_BAREWORD) {
            bool values = t.end - t.begin == 6 && strncasecmp(sql + t.begin, "VALUES", 6) == 0;
            bool fmt = prev1.type == FLOE_TK_BAREWORD && prev1.end - prev1.begin == 6 &&
                       strncasecmp(sql + prev1.begin, "FORMAT", 6) == 0;
            if (values || fmt) {
                /* let the parser find where the data ends */
                floe_arena a = FLOE_ARENA_INIT;
                floe_ast *st;
                size_t used;
                int rc = floe_sql_parse(&st, &used, &a, sql, len, opts);
                floe_arena_free(&a);
                if (rc < 0)
                    return rc;
                *stmt_len = used;
                return 0;
            }
        }
        prev1 = t;
    }
}
