/*
 * A small walker over the XML documents S3 and Azure answer with (listings,
 * errors, upload ids), on expat: each element's end is reported with its
 * path from the root and its text, which is all those documents need.
 */
#include <string.h>

#include <expat.h>

#include "base/error.h"
#include "base/mem.h"
#include "objstore/objstore_int.h"

typedef struct walk {
    floe_buf path;  /* "A/B/C" */
    floe_buf text;  /* text of the innermost open element */
    size_t *starts; /* path length before each open element */
    size_t depth, cap;
    floe_xml_fn fn;
    void *ctx;
} walk;

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    walk *w = ud;
    FLOE_GROW(w->starts, w->cap, w->depth + 1);
    w->starts[w->depth++] = w->path.len;
    if (w->path.len)
        floe_buf_putc(&w->path, '/');
    floe_buf_puts(&w->path, name);
    floe_buf_clear(&w->text);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    walk *w = ud;
    w->fn(w->ctx, w->path.data, w->text.data ? w->text.data : "", w->text.len);
    floe_buf_clear(&w->text);
    if (w->depth) {
        w->path.len = w->starts[--w->depth];
        w->path.data[w->path.len] = '\0';
    }
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    walk *w = ud;
    floe_buf_append(&w->text, s, (size_t)len);
}

int floe_xml_walk(const char *doc, size_t len, floe_xml_fn fn, void *ctx, int errcode)
{
    walk w = {FLOE_BUF_INIT, FLOE_BUF_INIT, NULL, 0, 0, fn, ctx};
    XML_Parser p = XML_ParserCreate("UTF-8");
    int rc = 0;
    XML_SetUserData(p, &w);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    if (XML_Parse(p, doc, (int)len, 1) == XML_STATUS_ERROR)
        rc = floe_error(errcode, "Cannot parse the XML response at line %lu: %s",
                        (unsigned long)XML_GetCurrentLineNumber(p),
                        XML_ErrorString(XML_GetErrorCode(p)));
    XML_ParserFree(p);
    floe_buf_free(&w.path);
    floe_buf_free(&w.text);
    floe_free(w.starts);
    return rc;
}

void floe_xml_escape(floe_buf *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            floe_buf_puts(out, "&amp;");
            break;
        case '<':
            floe_buf_puts(out, "&lt;");
            break;
        case '>':
            floe_buf_puts(out, "&gt;");
            break;
        case '"':
            floe_buf_puts(out, "&quot;");
            break;
        case '\'':
            floe_buf_puts(out, "&apos;");
            break;
        default:
            floe_buf_putc(out, *s);
        }
    }
}
