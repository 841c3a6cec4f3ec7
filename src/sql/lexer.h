/*
 * The SQL lexer: splits query text into tokens the way ClickHouse's Lexer
 * does (same token boundaries, so syntax error positions agree). Tokens
 * point into the text; nothing is copied or unescaped here.
 */
#ifndef FLOE_SQL_LEXER_H
#define FLOE_SQL_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum floe_token_type {
    FLOE_TK_EOF,
    FLOE_TK_BAREWORD,     /* identifiers and keywords */
    FLOE_TK_NUMBER,       /* 1, 1.5, 1e10, 0x1F, 0b101, .5, inf/nan are barewords */
    FLOE_TK_STRING,       /* '...' */
    FLOE_TK_QUOTED_IDENT, /* `...` or "..." */
    FLOE_TK_HEREDOC,      /* $tag$...$tag$ */
    FLOE_TK_LPAREN,       /* ( */
    FLOE_TK_RPAREN,       /* ) */
    FLOE_TK_LBRACKET,     /* [ */
    FLOE_TK_RBRACKET,     /* ] */
    FLOE_TK_LBRACE,       /* { */
    FLOE_TK_RBRACE,       /* } */
    FLOE_TK_COMMA,
    FLOE_TK_SEMICOLON,
    FLOE_TK_DOT,
    FLOE_TK_ASTERISK,
    FLOE_TK_PLUS,
    FLOE_TK_MINUS,
    FLOE_TK_SLASH,
    FLOE_TK_PERCENT,
    FLOE_TK_ARROW,        /* -> */
    FLOE_TK_QUESTION,     /* ? */
    FLOE_TK_COLON,        /* : */
    FLOE_TK_DOUBLE_COLON, /* :: */
    FLOE_TK_EQUALS,       /* = or == */
    FLOE_TK_NOT_EQUALS,   /* != or <> */
    FLOE_TK_LESS,
    FLOE_TK_GREATER,
    FLOE_TK_LESS_OR_EQUALS,
    FLOE_TK_GREATER_OR_EQUALS,
    FLOE_TK_SPACESHIP, /* <=> */
    FLOE_TK_CONCAT,    /* || */
    FLOE_TK_CARET,     /* ^ */
    FLOE_TK_AT,        /* @ */
    FLOE_TK_DOUBLE_AT, /* @@ */
    FLOE_TK_DOLLAR,    /* a lone $ */
    FLOE_TK_PIPE,      /* a lone | (only meaningful in few places) */
    /* errors: the lexer keeps going after them, the parser reports them */
    FLOE_TK_ERR_SINGLE_QUOTE,
    FLOE_TK_ERR_DOUBLE_QUOTE,
    FLOE_TK_ERR_BACK_QUOTE,
    FLOE_TK_ERR_COMMENT,
    FLOE_TK_ERR_EXCLAMATION,
    FLOE_TK_ERR_WRONG_NUMBER,
    FLOE_TK_ERR_MAX_QUERY_SIZE,
    FLOE_TK_ERR, /* unrecognized character */
} floe_token_type;

typedef struct floe_token {
    floe_token_type type;
    uint32_t begin, end; /* byte offsets in the text */
} floe_token;

typedef struct floe_lexer {
    const char *text;
    size_t len;
    size_t pos;
    size_t max_pos;            /* a token ending past this is ERR_MAX_QUERY_SIZE; 0: no limit */
    floe_token_type prev_type; /* last significant token (x.1.1 is x . 1 . 1) */
} floe_lexer;

void floe_lexer_init(floe_lexer *lx, const char *text, size_t len, size_t max_query_size);
/* The next significant token (whitespace and comments skipped). */
floe_token floe_lexer_next(floe_lexer *lx);

static inline bool floe_token_is_error(floe_token_type t)
{
    return t >= FLOE_TK_ERR_SINGLE_QUOTE;
}
/* ClickHouse's description of an error token ("Single quoted string is not closed"). */
const char *floe_token_error_text(floe_token_type t);
/* The token type's name, for tests and debugging. */
const char *floe_token_type_name(floe_token_type t);

#endif
