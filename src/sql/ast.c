/*
 * AST node allocation and kind names. The tree's shape is documented in
 * ast.h; printing it back (column names, SQL text) is format_ast.c.
 */
#include "sql/ast.h"

floe_ast *floe_ast_new(floe_arena *a, floe_ast_kind kind, uint32_t pos, uint32_t end)
{
    floe_ast *e = floe_arena_alloc(a, sizeof *e);
    e->kind = kind;
    e->pos = pos;
    e->end = end;
    return e;
}

const char *floe_ast_kind_name(floe_ast_kind kind)
{
    static const char *const names[FLOE_AST_KIND_COUNT] = {
        [FLOE_AST_LITERAL] = "LITERAL",
        [FLOE_AST_IDENT] = "IDENT",
        [FLOE_AST_ASTERISK] = "ASTERISK",
        [FLOE_AST_FUNC] = "FUNC",
        [FLOE_AST_LAMBDA] = "LAMBDA",
        [FLOE_AST_SUBQUERY] = "SUBQUERY",
        [FLOE_AST_QUERY_PARAM] = "QUERY_PARAM",
        [FLOE_AST_SELECT] = "SELECT",
        [FLOE_AST_UNION] = "UNION",
        [FLOE_AST_TABLE] = "TABLE",
        [FLOE_AST_JOIN] = "JOIN",
        [FLOE_AST_ORDER_ITEM] = "ORDER_ITEM",
        [FLOE_AST_PARTITION] = "PARTITION",
        [FLOE_AST_COLUMN_DEF] = "COLUMN_DEF",
        [FLOE_AST_INDEX_DEF] = "INDEX_DEF",
        [FLOE_AST_PROJECTION_DEF] = "PROJECTION_DEF",
        [FLOE_AST_CONSTRAINT_DEF] = "CONSTRAINT_DEF",
        [FLOE_AST_ALTER_CMD] = "ALTER_CMD",
        [FLOE_AST_CREATE_DATABASE] = "CREATE_DATABASE",
        [FLOE_AST_CREATE_TABLE] = "CREATE_TABLE",
        [FLOE_AST_DROP] = "DROP",
        [FLOE_AST_ATTACH] = "ATTACH",
        [FLOE_AST_RENAME] = "RENAME",
        [FLOE_AST_TRUNCATE] = "TRUNCATE",
        [FLOE_AST_EXISTS] = "EXISTS",
        [FLOE_AST_DESCRIBE] = "DESCRIBE",
        [FLOE_AST_SHOW_CREATE] = "SHOW_CREATE",
        [FLOE_AST_SHOW_TABLES] = "SHOW_TABLES",
        [FLOE_AST_SHOW_DATABASES] = "SHOW_DATABASES",
        [FLOE_AST_SHOW_PARTITIONS] = "SHOW_PARTITIONS",
        [FLOE_AST_SHOW_OTHER] = "SHOW_OTHER",
        [FLOE_AST_USE] = "USE",
        [FLOE_AST_SET] = "SET",
        [FLOE_AST_INSERT] = "INSERT",
        [FLOE_AST_DELETE] = "DELETE",
        [FLOE_AST_OPTIMIZE] = "OPTIMIZE",
        [FLOE_AST_SYSTEM] = "SYSTEM",
        [FLOE_AST_KILL] = "KILL",
        [FLOE_AST_CREATE_NAMED_COLLECTION] = "CREATE_NAMED_COLLECTION",
        [FLOE_AST_ALTER_NAMED_COLLECTION] = "ALTER_NAMED_COLLECTION",
        [FLOE_AST_COPY] = "COPY",
        [FLOE_AST_CHECK] = "CHECK",
        [FLOE_AST_EXPLAIN] = "EXPLAIN",
        [FLOE_AST_ALTER] = "ALTER",
    };
    if ((unsigned)kind < FLOE_AST_KIND_COUNT && names[kind])
        return names[kind];
    return "?";
}
