/*
 * The syntax tree of a SQL statement. One node type, floe_ast, tagged by
 * kind, with a union of per-kind parts. Operators are already desugared into
 * function calls the way ClickHouse's parser does it (a + b is plus(a, b)),
 * so later layers see only functions. Every node, string and array of a tree
 * lives in the floe_arena the parser was given and dies with it.
 */
#ifndef FLOE_SQL_AST_H
#define FLOE_SQL_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "types/value.h"

typedef enum floe_ast_kind {
    /* expressions */
    FLOE_AST_LITERAL,
    FLOE_AST_IDENT,
    FLOE_AST_ASTERISK,
    FLOE_AST_FUNC,
    FLOE_AST_LAMBDA,
    FLOE_AST_SUBQUERY,
    FLOE_AST_QUERY_PARAM, /* {name:Type} */

    /* parts of statements */
    FLOE_AST_SELECT,
    FLOE_AST_UNION,
    FLOE_AST_TABLE,      /* [db.]table [FINAL] [SAMPLE ...] in FROM, alias in ->alias */
    FLOE_AST_JOIN,       /* left JOIN right ON/USING; FROM a, b is a CROSS (comma) join */
    FLOE_AST_ORDER_ITEM, /* expr [ASC|DESC] [NULLS FIRST|LAST] [COLLATE 'x'] [WITH FILL ...] */
    FLOE_AST_PARTITION,  /* ALL, ID 'x', an expression, or PART 'name' */
    FLOE_AST_COLUMN_DEF,
    FLOE_AST_INDEX_DEF,
    FLOE_AST_PROJECTION_DEF,
    FLOE_AST_CONSTRAINT_DEF,
    FLOE_AST_ALTER_CMD,

    /* statements */
    FLOE_AST_CREATE_DATABASE,
    FLOE_AST_CREATE_TABLE, /* also CREATE VIEW / MATERIALIZED VIEW (is_view) */
    FLOE_AST_DROP,         /* DROP/DETACH DATABASE|TABLE|VIEW|DICTIONARY|NAMED COLLECTION */
    FLOE_AST_ATTACH, /* ATTACH TABLE|DATABASE name (short form; the full form is CREATE_TABLE with
                        attach) */
    FLOE_AST_RENAME, /* RENAME TABLE / EXCHANGE TABLES */
    FLOE_AST_TRUNCATE,
    FLOE_AST_EXISTS,
    FLOE_AST_DESCRIBE,
    FLOE_AST_SHOW_CREATE,
    FLOE_AST_SHOW_TABLES,
    FLOE_AST_SHOW_DATABASES,
    FLOE_AST_SHOW_PARTITIONS,
    FLOE_AST_SHOW_OTHER, /* SHOW PROCESSLIST, SHOW SETTINGS ... kept as words */
    FLOE_AST_USE,
    FLOE_AST_SET,
    FLOE_AST_INSERT,
    FLOE_AST_DELETE, /* lightweight DELETE FROM t WHERE ... */
    FLOE_AST_OPTIMIZE,
    FLOE_AST_SYSTEM,
    FLOE_AST_KILL,
    FLOE_AST_CREATE_NAMED_COLLECTION,
    FLOE_AST_ALTER_NAMED_COLLECTION,
    FLOE_AST_COPY,
    FLOE_AST_CHECK,
    FLOE_AST_EXPLAIN,
    FLOE_AST_ALTER,

    FLOE_AST_KIND_COUNT
} floe_ast_kind;

typedef struct floe_ast floe_ast;

/* `name = value` in SETTINGS, SET, ENGINE SETTINGS, MODIFY SETTING, EXPLAIN
 * settings. value is a LITERAL in almost all cases (ClickHouse also allows
 * an identifier or DEFAULT: then an IDENT node). */
typedef struct floe_ast_setting {
    const char *name;
    floe_ast *value;
    uint32_t pos; /* of the name */
} floe_ast_setting;

/* Statement-level output clauses of a query: FORMAT, INTO OUTFILE and a
 * SETTINGS clause that follows them. Kept on the statement root only. */
typedef struct floe_ast_output {
    const char *format;  /* FORMAT name, NULL if absent */
    const char *outfile; /* INTO OUTFILE 'f', NULL if absent */
    bool outfile_append;
    bool outfile_truncate;
    const char *outfile_compression; /* COMPRESSION 'x' */
    floe_ast_setting *settings;      /* SETTINGS after FORMAT / at the very end */
    size_t n_settings;
} floe_ast_output;

typedef enum floe_join_kind {
    FLOE_JOIN_INNER,
    FLOE_JOIN_LEFT,
    FLOE_JOIN_RIGHT,
    FLOE_JOIN_FULL,
    FLOE_JOIN_CROSS, /* CROSS JOIN, or comma */
    FLOE_JOIN_PASTE,
    FLOE_JOIN_ARRAY, /* [LEFT] ARRAY JOIN list: right is NULL, exprs in using */
} floe_join_kind;

typedef enum floe_join_strictness {
    FLOE_JOIN_UNSPECIFIED,
    FLOE_JOIN_ANY,
    FLOE_JOIN_ALL,
    FLOE_JOIN_ASOF,
    FLOE_JOIN_SEMI,
    FLOE_JOIN_ANTI,
} floe_join_strictness;

typedef enum floe_union_mode {
    FLOE_UNION_UNSPECIFIED, /* bare UNION: union_default_mode decides */
    FLOE_UNION_ALL,
    FLOE_UNION_DISTINCT,
    FLOE_UNION_EXCEPT_ALL, /* EXCEPT [ALL] */
    FLOE_UNION_EXCEPT_DISTINCT,
    FLOE_UNION_INTERSECT_ALL, /* INTERSECT [ALL] */
    FLOE_UNION_INTERSECT_DISTINCT,
} floe_union_mode;

typedef enum floe_column_default_kind {
    FLOE_COLUMN_NO_DEFAULT,
    FLOE_COLUMN_DEFAULT,
    FLOE_COLUMN_MATERIALIZED,
    FLOE_COLUMN_ALIAS,
    FLOE_COLUMN_EPHEMERAL, /* expr may be NULL: EPHEMERAL without expression */
} floe_column_default_kind;

typedef enum floe_partition_kind {
    FLOE_PARTITION_EXPR, /* expr: a literal, tuple(...), or any expression */
    FLOE_PARTITION_ALL,  /* PARTITION ALL */
    FLOE_PARTITION_ID,   /* PARTITION ID 'id': name */
    FLOE_PARTITION_PART, /* PART 'name': name */
} floe_partition_kind;

/* What DROP, EXISTS, SHOW CREATE, ATTACH and TRUNCATE act on. */
typedef enum floe_object_kind {
    FLOE_OBJECT_NONE, /* not written (EXISTS t, SHOW CREATE t mean a table) */
    FLOE_OBJECT_TABLE,
    FLOE_OBJECT_DATABASE,
    FLOE_OBJECT_VIEW,
    FLOE_OBJECT_DICTIONARY,
    FLOE_OBJECT_NAMED_COLLECTION,
} floe_object_kind;

typedef enum floe_alter_type {
    FLOE_ALTER_ADD_COLUMN,         /* column, if_not_exists, after / first */
    FLOE_ALTER_DROP_COLUMN,        /* name, if_exists, partition (DROP COLUMN x IN PARTITION p) */
    FLOE_ALTER_MODIFY_COLUMN,      /* column (type may be NULL), if_exists, after/first,
                                      remove_property (MODIFY COLUMN x REMOVE DEFAULT),
                                      settings (MODIFY COLUMN x MODIFY SETTING ...),
                                      reset_names (RESET SETTING) */
    FLOE_ALTER_RENAME_COLUMN,      /* name, new_name, if_exists */
    FLOE_ALTER_COMMENT_COLUMN,     /* name, comment, if_exists */
    FLOE_ALTER_CLEAR_COLUMN,       /* name, if_exists, partition */
    FLOE_ALTER_MATERIALIZE_COLUMN, /* name, partition */
    FLOE_ALTER_ADD_INDEX,          /* index (INDEX_DEF), if_not_exists, after/first */
    FLOE_ALTER_DROP_INDEX,         /* name, if_exists */
    FLOE_ALTER_CLEAR_INDEX,        /* name, if_exists, partition */
    FLOE_ALTER_MATERIALIZE_INDEX,  /* name, if_exists, partition */
    FLOE_ALTER_ADD_PROJECTION,     /* projection (PROJECTION_DEF), if_not_exists */
    FLOE_ALTER_DROP_PROJECTION,    /* name, if_exists */
    FLOE_ALTER_CLEAR_PROJECTION,   /* name, if_exists, partition */
    FLOE_ALTER_MATERIALIZE_PROJECTION, /* name, partition */
    FLOE_ALTER_ADD_CONSTRAINT,         /* constraint, if_not_exists */
    FLOE_ALTER_DROP_CONSTRAINT,        /* name, if_exists */
    FLOE_ALTER_MODIFY_ORDER_BY,        /* expr */
    FLOE_ALTER_MODIFY_SAMPLE_BY,       /* expr */
    FLOE_ALTER_REMOVE_SAMPLE_BY,
    FLOE_ALTER_MODIFY_SETTING, /* settings */
    FLOE_ALTER_RESET_SETTING,  /* reset_names */
    FLOE_ALTER_MODIFY_TTL,     /* exprs (TTL elements) */
    FLOE_ALTER_REMOVE_TTL,
    FLOE_ALTER_MATERIALIZE_TTL,         /* partition */
    FLOE_ALTER_MODIFY_COMMENT,          /* comment (table comment) */
    FLOE_ALTER_UPDATE,                  /* assignments, partition, expr (WHERE) */
    FLOE_ALTER_DELETE,                  /* partition, expr (WHERE) */
    FLOE_ALTER_DROP_PARTITION,          /* partition (PARTITION or PART) */
    FLOE_ALTER_DROP_DETACHED_PARTITION, /* partition (PARTITION or PART) */
    FLOE_ALTER_DETACH_PARTITION,        /* partition (PARTITION or PART) */
    FLOE_ALTER_ATTACH_PARTITION,        /* partition; from_table set for ATTACH ... FROM t */
    FLOE_ALTER_FORGET_PARTITION,        /* partition */
    FLOE_ALTER_REPLACE_PARTITION,       /* partition, from_db/from_table */
    FLOE_ALTER_MOVE_PARTITION,     /* partition; to_table set (TO TABLE), or to_disk/to_volume */
    FLOE_ALTER_FREEZE,             /* partition may be NULL (FREEZE all), with_name */
    FLOE_ALTER_UNFREEZE,           /* partition may be NULL, with_name */
    FLOE_ALTER_FETCH_PARTITION,    /* partition (PARTITION or PART), from_path */
    FLOE_ALTER_REWRITE_PARTS,      /* partition may be NULL */
    FLOE_ALTER_EXPORT_PART,        /* partition (PART 'name'), to_db/to_table */
    FLOE_ALTER_EXPORT_PARTITION,   /* partition, to_db/to_table */
    FLOE_ALTER_CONVERT_PARTITION,  /* partition, convert_format ("PARQUET", "NATIVE") */
    FLOE_ALTER_APPLY_DELETED_MASK, /* partition may be NULL */
    FLOE_ALTER_MODIFY_QUERY,       /* select */
} floe_alter_type;

/* A name in [db.]name position; db NULL means the current database. */
typedef struct floe_ast_qname {
    const char *db;
    const char *name;
} floe_ast_qname;

/*
 * A node. pos/end is the byte range [pos, end) in the text given to the
 * parser (offsets from the start of that text, not of the statement).
 * alias is set by `AS alias` (or a bare alias) after an expression or a
 * table, NULL if none. Lists are arrays of node pointers with a count; an
 * absent list has count 0 (the pointer may then be NULL).
 */
struct floe_ast {
    floe_ast_kind kind;
    uint32_t pos, end;
    const char *alias;
    bool parenthesized; /* written in brackets: (a); kept for formatting */
    /* statement roots only: FORMAT / INTO OUTFILE / trailing SETTINGS, or NULL */
    floe_ast_output *output;

    union {
        /* LITERAL. The value is typed as ClickHouse types literals: UInt8..
         * UInt64 for non-negative integers, Int8..Int64 for negative ones (a
         * leading minus is folded in), Float64 for decimals, exponents, inf,
         * nan and integers beyond 64 bits, String (unescaped, arena-owned),
         * Bool, Nullable(Nothing) for NULL (is_null set). */
        struct {
            floe_value value;
        } lit;

        /* IDENT: a.b.c -> parts {"a","b","c"}; quotes removed. */
        struct {
            const char **parts;
            size_t n_parts;
        } ident;

        /* ASTERISK: *, t.*, COLUMNS('re'), each with optional EXCEPT/REPLACE. */
        struct {
            const char **qualifier; /* t.* -> {"t"}; NULL for a bare * */
            size_t n_qualifier;
            const char *columns_regex; /* COLUMNS('re'): the regex; NULL otherwise */
            floe_ast **columns_list;   /* COLUMNS(a, b) */
            size_t n_columns_list;
            const char **except; /* * EXCEPT (a, b) */
            size_t n_except;
            const char *except_regex; /* * EXCEPT('re') */
            floe_ast **replace;       /* * REPLACE (expr AS name): alias holds the name */
            size_t n_replace;
        } asterisk;

        /* FUNC: name(args) or name(params)(args). As in ClickHouse's parser:
         * f(DISTINCT x) is named fDistinct (distinct also set), f(x) FILTER
         * (WHERE c) is fIf(x, c), count(*) has no args (star set), GLOBAL IN
         * is globalIn, tuples and arrays written with brackets are tuple(...)
         * and array(...) calls with is_operator (literals are not folded
         * into one tuple literal), x::T and CAST(x AS T) are CAST(x, 'T')
         * with a literal x cast from its text (1::Int8 is CAST('1', 'Int8')),
         * SUBSTRING(s FROM a FOR b), POSITION(a IN b), TRIM(... FROM s),
         * dateAdd(UNIT, n, d) and dateDiff(UNIT, a, b) are rewritten to
         * substring, position(b, a), trimBoth/Left/Right, plus/minus with
         * toIntervalUnit, and dateDiff('unit', a, b). */
        struct {
            const char *name; /* as written, or the operator's function name */
            floe_ast **args;
            size_t n_args;
            floe_ast **params; /* quantile(0.5)(x): params {0.5}; NULL when not parametric */
            size_t n_params;
            bool distinct;         /* count(DISTINCT x) */
            bool is_operator;      /* desugared from operator syntax (a + b, [a], (a, b), x::T) */
            bool no_empty_args;    /* ENGINE = Memory written without parentheses */
            bool has_params;       /* params list written, even if empty: f()(x) */
            bool star;             /* count(*): args are empty, kept for formatting */
            floe_ast *over;        /* window: OVER (...) as a SELECT-less spec; NULL */
            const char *over_name; /* OVER w */
        } func;

        /* LAMBDA: (x, y) -> body. */
        struct {
            const char **params;
            size_t n_params;
            floe_ast *body;
        } lambda;

        /* SUBQUERY: ( SELECT ... ) used as expression, in FROM or IN. */
        struct {
            floe_ast *query; /* SELECT or UNION */
        } subquery;

        /* QUERY_PARAM: {name:Type}. */
        struct {
            const char *name;
            const char *type;
        } param;

        struct {
            floe_ast **with; /* each an expression with alias, or a SUBQUERY with alias (CTE) */
            size_t n_with;
            bool distinct;
            floe_ast **distinct_on; /* as written; also rewritten into LIMIT 1 BY */
            size_t n_distinct_on;
            floe_ast *top; /* SELECT TOP n */
            bool top_with_ties;
            floe_ast **exprs;
            size_t n_exprs;
            floe_ast *from;          /* TABLE, FUNC (table function), SUBQUERY or JOIN tree; NULL */
            floe_ast *sample;        /* SAMPLE k (on the table, kept here) */
            floe_ast *sample_offset; /* SAMPLE k OFFSET m */
            floe_ast *prewhere;
            floe_ast *where;
            floe_ast **group_by;
            size_t n_group_by;
            bool group_by_all;
            bool grouping_sets; /* GROUPING SETS ((a), (b)): group_by items are tuple() FUNCs */
            bool with_rollup;
            bool with_cube;
            bool with_totals;
            floe_ast *having;
            floe_ast *qualify;
            floe_ast **windows; /* WINDOW w AS (...): FUNC-less specs, alias = name */
            size_t n_windows;
            floe_ast **order_by; /* ORDER_ITEM nodes */
            size_t n_order_by;
            bool order_by_all;
            bool interpolate; /* WITH FILL ... INTERPOLATE: list in interpolate_list */
            floe_ast **interpolate_list;
            size_t n_interpolate_list;
            floe_ast *limit_by_length; /* LIMIT n [OFFSET m] BY exprs */
            floe_ast *limit_by_offset;
            floe_ast **limit_by;
            size_t n_limit_by;
            floe_ast *limit; /* LIMIT n / LIMIT m, n / FETCH FIRST n ROWS */
            floe_ast *offset;
            bool limit_with_ties;
            floe_ast_setting *settings; /* SETTINGS in the SELECT itself */
            size_t n_settings;
        } select;

        /* UNION: items are SELECT, UNION (parenthesised) or SUBQUERY nodes;
         * modes[i] joins items[i] and items[i + 1]. */
        struct {
            floe_ast **items;
            size_t n_items;
            floe_union_mode *modes;
        } union_;

        struct {
            const char *db; /* NULL: current database */
            const char *name;
            bool final;
        } table;

        struct {
            floe_ast *left;
            floe_ast *right; /* NULL for ARRAY JOIN */
            floe_join_kind kind;
            floe_join_strictness strictness;
            bool global;
            bool comma;      /* FROM a, b */
            bool left_array; /* LEFT ARRAY JOIN */
            floe_ast *on;
            floe_ast **using_; /* USING (a, b) as IDENTs; ARRAY JOIN expressions */
            size_t n_using;
        } join;

        struct {
            floe_ast *expr;
            bool desc;
            int8_t nulls_first; /* -1 unspecified, 0 NULLS LAST, 1 NULLS FIRST */
            const char *collate;
            bool with_fill;
            floe_ast *fill_from, *fill_to, *fill_step, *fill_staleness;
        } order;

        struct {
            floe_partition_kind kind;
            const char *name; /* ID 'x' or PART 'x' */
            floe_ast *expr;
        } partition;

        /* COLUMN_DEF: name [type] [NULL|NOT NULL] [DEFAULT|MATERIALIZED|ALIAS|EPHEMERAL e]
         * [COMMENT 'c'] [CODEC(...)] [STATISTICS(...)] [TTL e] [SETTINGS (...)]. */
        struct {
            const char *name;
            const char *type;     /* the type's text as written (whitespace kept);
                                     NULL when omitted. The executor parses it with
                                     floe_type_parse and should store the canonical
                                     name back here before formatting metadata. */
            int8_t null_modifier; /* -1 none, 0 NOT NULL, 1 NULL */
            floe_column_default_kind default_kind;
            floe_ast *default_expr;
            floe_ast **codec; /* CODEC(ZSTD(1), Delta): FUNC nodes */
            size_t n_codec;
            floe_ast **statistics; /* STATISTICS(tdigest, minmax) */
            size_t n_statistics;
            const char *comment;
            floe_ast *ttl;
            bool primary_key; /* `x UInt8 PRIMARY KEY` */
            floe_ast_setting *settings;
            size_t n_settings;
        } column;

        /* INDEX_DEF: INDEX name expr TYPE type(args) [GRANULARITY n]. */
        struct {
            const char *name;
            floe_ast *expr;
            floe_ast *type; /* FUNC (minmax written bare has no_empty_args) */
            uint64_t granularity;
            bool has_granularity;
        } index;

        /* PROJECTION_DEF: PROJECTION name (SELECT ...). */
        struct {
            const char *name;
            floe_ast *query; /* a SELECT (FROM omitted) */
        } projection;

        /* CONSTRAINT_DEF: CONSTRAINT name CHECK|ASSUME expr. */
        struct {
            const char *name;
            floe_ast *expr;
            bool assume;
        } constraint;

        struct {
            floe_alter_type type;
            floe_ast *column; /* COLUMN_DEF for ADD/MODIFY COLUMN */
            floe_ast *index;  /* INDEX_DEF for ADD INDEX */
            floe_ast *projection;
            floe_ast *constraint;
            const char *name; /* the column/index/projection/constraint acted on */
            const char *new_name;
            bool if_exists;
            bool if_not_exists;
            const char *after;           /* AFTER col */
            bool first;                  /* FIRST */
            const char *remove_property; /* MODIFY COLUMN x REMOVE DEFAULT|CODEC|COMMENT|TTL|... */
            floe_ast *partition;         /* PARTITION node (kind PART for PART 'x') */
            floe_ast_qname from_table;   /* ATTACH/REPLACE PARTITION ... FROM [db.]t */
            floe_ast_qname to_table;     /* MOVE PARTITION ... TO TABLE, EXPORT ... TO TABLE */
            const char *to_disk;         /* MOVE ... TO DISK 'x' */
            const char *to_volume;       /* MOVE ... TO VOLUME 'x' */
            const char *with_name;       /* FREEZE/UNFREEZE WITH NAME 'x' */
            const char *from_path;       /* FETCH ... FROM 'path' */
            const char *comment;
            const char *convert_format; /* CONVERT PARTITION p TO PARQUET -> "PARQUET" */
            floe_ast *expr;             /* WHERE of UPDATE/DELETE; MODIFY ORDER BY / SAMPLE BY */
            floe_ast **exprs;           /* MODIFY TTL elements */
            size_t n_exprs;
            floe_ast_setting *assignments; /* UPDATE a = e, ...: name + value */
            size_t n_assignments;
            floe_ast_setting *settings; /* MODIFY SETTING; EXPORT ... SETTINGS */
            size_t n_settings;
            const char **reset_names; /* RESET SETTING a, b */
            size_t n_reset_names;
            floe_ast *select; /* MODIFY QUERY */
        } alter_cmd;

        struct {
            const char *name;
            bool if_not_exists;
            floe_ast *engine; /* FUNC, or NULL */
            const char *comment;
            floe_ast_setting *settings;
            size_t n_settings;
        } create_database;

        struct {
            const char *db;
            const char *name;
            bool attach; /* ATTACH TABLE ... (full definition, as in metadata files) */
            bool or_replace;
            bool replace; /* REPLACE TABLE */
            bool temporary;
            bool if_not_exists;
            bool is_view;
            bool is_materialized_view;
            const char *uuid;   /* UUID 'x' */
            floe_ast **columns; /* COLUMN_DEF */
            size_t n_columns;
            floe_ast **indexes; /* INDEX_DEF */
            size_t n_indexes;
            floe_ast **projections;
            size_t n_projections;
            floe_ast **constraints;
            size_t n_constraints;
            floe_ast *primary_key_in_columns; /* PRIMARY KEY (a, b) inside the column list */
            floe_ast *engine;                 /* FUNC, NULL if no ENGINE clause */
            floe_ast *partition_by;
            floe_ast *primary_key;
            floe_ast *order_by;
            floe_ast *sample_by;
            floe_ast **ttl;
            size_t n_ttl;
            floe_ast_setting *settings;
            size_t n_settings;
            const char *comment;
            floe_ast_qname as_table; /* AS [db.]other; name NULL if absent */
            floe_ast *as_function;   /* AS table_function(...) */
            floe_ast *as_select;     /* AS SELECT ... (SELECT or UNION) */
            bool empty_as;           /* EMPTY AS SELECT ... */
            floe_ast_qname to_table; /* MATERIALIZED VIEW ... TO t */
            bool populate;
        } create_table;

        struct {
            floe_object_kind what;
            bool detach; /* DETACH instead of DROP */
            bool permanently;
            bool if_exists;
            bool temporary;
            bool sync;
            const char *db; /* for DATABASE: NULL; the database name is in name */
            const char *name;
            /* every name of DROP TABLE a, db.b (the first is db/name too) */
            floe_ast_qname *names;
            size_t n_names;
        } drop;

        struct {
            floe_object_kind what;
            const char *db;
            const char *name;
            bool if_not_exists;
        } attach;

        /* RENAME TABLE a TO b, c TO d / EXCHANGE TABLES a AND b /
         * RENAME DATABASE a TO b. */
        struct {
            floe_ast_qname *from;
            floe_ast_qname *to;
            size_t n;
            bool exchange;
            bool database;
            bool dictionary;
            bool if_exists;
        } rename;

        struct {
            const char *db;
            const char *name;
            bool if_exists;
            bool temporary;
            bool all_tables; /* TRUNCATE ALL TABLES FROM db: db set, name NULL */
        } truncate;

        struct {
            floe_object_kind what;
            bool temporary;
            const char *db;
            const char *name;
        } exists;

        struct {
            floe_ast *target; /* TABLE node, FUNC (table function) or SUBQUERY */
        } describe;

        struct {
            floe_object_kind what;
            bool temporary;
            const char *db;
            const char *name;
        } show_create;

        /* SHOW [FULL] [TEMPORARY] TABLES [FROM|IN db] [[NOT] [I]LIKE 'p'] [LIMIT n];
         * SHOW DATABASES [[NOT] [I]LIKE 'p'] [LIMIT n]. */
        struct {
            const char *db;
            const char *like;
            bool not_like;
            bool ilike;
            floe_ast *where;
            floe_ast *limit;
            bool temporary;
            bool full;
        } show;

        struct {
            const char *db;
            const char *name;
        } show_partitions;

        struct {
            const char **words; /* upper-cased keywords / names as written */
            size_t n_words;
        } show_other;

        struct {
            const char *db;
        } use;

        struct {
            floe_ast_setting *settings;
            size_t n_settings;
        } set;

        /*
         * INSERT INTO [TABLE] [db.]t [(cols)] [SETTINGS ...] VALUES ... |
         * FORMAT name data | SELECT ...; or INSERT INTO FUNCTION f(...).
         * For inline data, data_pos..data_end is its byte range in the text
         * given to the parser (VALUES: right after the keyword; FORMAT: after
         * the format name and one whitespace character).
         */
        struct {
            const char *db;
            const char *name;
            floe_ast *function; /* INSERT INTO FUNCTION: the FUNC node; name NULL */
            floe_ast **columns; /* IDENT or ASTERISK / COLUMNS matcher nodes */
            size_t n_columns;
            floe_ast_setting *settings;
            size_t n_settings;
            const char *format; /* "Values" for VALUES, the FORMAT name, NULL for SELECT */
            bool has_data;      /* inline data follows (VALUES, or FORMAT with data) */
            uint32_t data_pos, data_end;
            floe_ast *select;   /* INSERT ... SELECT: SELECT or UNION */
            const char *infile; /* FROM INFILE 'f' */
            const char *infile_compression;
            floe_ast *partition_by; /* INSERT INTO FUNCTION ... PARTITION BY e */
        } insert;

        struct {
            const char *db;
            const char *name;
            floe_ast *where;
            floe_ast *partition; /* DELETE FROM t IN PARTITION p WHERE ... */
            floe_ast_setting *settings;
            size_t n_settings;
        } delete_;

        struct {
            const char *db;
            const char *name;
            floe_ast *partition;
            bool final;
            bool deduplicate;
            floe_ast **deduplicate_by;
            size_t n_deduplicate_by;
            bool cleanup;
        } optimize;

        /* SYSTEM words [db.table]: words are the keywords upper-cased
         * ("STOP", "MERGES"); db/name the table when one follows. */
        struct {
            const char **words;
            size_t n_words;
            const char *db;
            const char *name;
        } system;

        /* KILL MUTATION|QUERY|EXPORT WHERE e [SYNC|ASYNC|TEST]. */
        struct {
            const char *what; /* "MUTATION", "QUERY", "PART_MOVE_TO_SHARD", "EXPORT" */
            floe_ast *where;
            int mode; /* 0 unspecified, 1 SYNC, 2 ASYNC, 3 TEST */
        } kill;

        /* CREATE NAMED COLLECTION [IF NOT EXISTS] n AS k = v [[NOT] OVERRIDABLE], ...
         * ALTER NAMED COLLECTION [IF EXISTS] n [SET k = v [[NOT] OVERRIDABLE], ...]
         * [DELETE k, ...]. overridable[i]: -1 unspecified, 0 NOT OVERRIDABLE,
         * 1 OVERRIDABLE. */
        struct {
            const char *name;
            bool if_not_exists;
            bool if_exists;
            floe_ast_setting *items;
            int8_t *overridable;
            size_t n_items;
            const char **delete_keys;
            size_t n_delete_keys;
        } named_collection;

        /* COPY t TO 'dest' [WITH opt value ...] (QuestDB): source is a TABLE
         * node or a SUBQUERY; options are name/value pairs (value an IDENT for
         * a bare word, else a LITERAL; NULL for a flag with no value). */
        struct {
            floe_ast *source;
            const char *dest;
            floe_ast_setting *options;
            size_t n_options;
            bool from; /* COPY t FROM 'file' (import) */
        } copy;

        struct {
            const char *db;
            const char *name;
            floe_ast *partition; /* PARTITION node (or PART), NULL */
            floe_ast_setting *settings;
            size_t n_settings;
        } check;

        /* EXPLAIN [AST|SYNTAX|QUERY TREE|PLAN|PIPELINE|ESTIMATE|TABLE OVERRIDE]
         * [settings] statement. */
        struct {
            const char *what; /* "PLAN" when unspecified */
            floe_ast_setting *settings;
            size_t n_settings;
            floe_ast *stmt;
        } explain;

        struct {
            const char *db;
            const char *name;
            bool temporary;
            floe_ast **cmds; /* ALTER_CMD nodes */
            size_t n_cmds;
            floe_ast_setting *settings;
            size_t n_settings;
        } alter;
    } u;
};

/* The node kind's name ("SELECT", "FUNC"), for debugging and error text. */
const char *floe_ast_kind_name(floe_ast_kind kind);

/* Allocates a zeroed node of kind in the arena (used by the parser and by
 * later layers that build rewritten trees). */
floe_ast *floe_ast_new(floe_arena *a, floe_ast_kind kind, uint32_t pos, uint32_t end);

/*
 * The name ClickHouse (analyzer on) gives an unaliased SELECT expression
 * column: `number`, `plus(number, 1)`, `'abc'`, `-1`, `count()`,
 * `quantile(0.5)(x)`, `CAST(x, 'String')`, `tuple(1, 2)`. Ignores e->alias at
 * the top level; nested aliases are printed as ClickHouse prints them.
 * Appends to out.
 */
void floe_ast_column_name(floe_buf *out, const floe_ast *e);
/* The same, numbering scalar subqueries _subquery_1, _subquery_2, ... across
 * calls through *subquery_counter (start it at 0 for each SELECT). */
void floe_ast_column_name_n(floe_buf *out, const floe_ast *e, unsigned *subquery_counter);
/* The analyzer drops table qualifiers from names (SELECT t.number FROM
 * numbers(1) AS t is named number, t.number + 1 is plus(number, 1)); only
 * name resolution knows which leading parts of an identifier are a table or
 * database. qualifier, when given, returns how many leading parts of the
 * IDENT node to leave out. subquery_counter may be NULL (count from 0). */
typedef size_t (*floe_ast_qualifier_fn)(void *arg, const floe_ast *ident);
void floe_ast_column_name_ex(floe_buf *out, const floe_ast *e, unsigned *subquery_counter,
                             floe_ast_qualifier_fn qualifier, void *arg);

/*
 * ClickHouse's text of a statement or expression (formatAST): one_line gives
 * the single-line form, else the multi-line form used by SHOW CREATE TABLE
 * and metadata files. Appends to out.
 */
void floe_ast_format(floe_buf *out, const floe_ast *stmt, bool one_line);

#endif
