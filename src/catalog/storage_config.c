/*
 * Reads <storage_configuration> from a ClickHouse-style XML configuration
 * (see storage_config.h): expat builds a small element tree, which is then
 * walked for disks, policies, volumes and their settings.
 */
#include <errno.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/io.h"
#include "base/mem.h"
#include "catalog/storage_config.h"
#include "sql/settings.h"

typedef struct xnode {
    char *name;
    floe_buf text;
    struct xnode **kids;
    size_t n, cap;
    struct xnode *parent;
} xnode;

typedef struct xtree {
    xnode *root, *cur;
} xtree;

static void xnode_free(xnode *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->n; i++)
        xnode_free(x->kids[i]);
    floe_free(x->kids);
    floe_buf_free(&x->text);
    floe_free(x->name);
    floe_free(x);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    xtree *t = ud;
    xnode *x = floe_calloc(1, sizeof *x);
    x->name = floe_strdup(name);
    x->parent = t->cur;
    if (t->cur) {
        FLOE_GROW(t->cur->kids, t->cur->cap, t->cur->n + 1);
        t->cur->kids[t->cur->n++] = x;
    } else if (!t->root) {
        t->root = x;
    }
    t->cur = x;
    (void)attrs;
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    xtree *t = ud;
    if (t->cur)
        t->cur = t->cur->parent;
    (void)name;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    xtree *t = ud;
    if (t->cur)
        floe_buf_append(&t->cur->text, s, (size_t)len);
}

static const xnode *child(const xnode *x, const char *name)
{
    for (size_t i = 0; x && i < x->n; i++)
        if (strcmp(x->kids[i]->name, name) == 0)
            return x->kids[i];
    return NULL;
}

/* The element's text without surrounding white space, in buf. */
static const char *text_of(const xnode *x, char *buf, size_t size)
{
    const char *s = x->text.data ? x->text.data : "";
    size_t len = x->text.len;
    while (len && strchr(" \t\r\n", *s)) {
        s++;
        len--;
    }
    while (len && strchr(" \t\r\n", s[len - 1]))
        len--;
    snprintf(buf, size, "%.*s", (int)len, s);
    return buf;
}

static bool text_bool(const xnode *x)
{
    char v[64];
    text_of(x, v, sizeof v);
    return strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0;
}

/* <keep_free_space_bytes> and friends: a number, optionally with a unit. */
static int text_u64(uint64_t *out, const xnode *x, const char *what)
{
    char v[64], *end;
    text_of(x, v, sizeof v);
    errno = 0;
    double d = strtod(v, &end);
    if (end == v || errno)
        return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_IN_CONFIG, "Bad value '%s' of %s", v, what);
    while (*end == ' ')
        end++;
    static const struct {
        const char *unit;
        double mul;
    } units[] = {{"", 1},
                 {"B", 1},
                 {"K", 1e3},
                 {"KB", 1e3},
                 {"M", 1e6},
                 {"MB", 1e6},
                 {"G", 1e9},
                 {"GB", 1e9},
                 {"T", 1e12},
                 {"TB", 1e12},
                 {"KiB", 1024.0},
                 {"MiB", 1048576.0},
                 {"GiB", 1073741824.0},
                 {"TiB", 1099511627776.0}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcasecmp(end, units[i].unit) == 0) {
            *out = (uint64_t)(d * units[i].mul);
            return 0;
        }
    return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_IN_CONFIG, "Bad value '%s' of %s", v, what);
}

static int read_disks(floe_storage_config *c, const xnode *disks)
{
    char buf[4096];
    for (size_t i = 0; disks && i < disks->n; i++) {
        const xnode *d = disks->kids[i];
        const xnode *type = child(d, "type"), *path = child(d, "path");
        if (type && strcmp(text_of(type, buf, sizeof buf), "local") != 0)
            return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_IN_CONFIG,
                              "Disk %s: disk type '%s' is not supported (floe has local disks "
                              "only)",
                              d->name, buf);
        floe_disk *disk;
        if (floe_storage_config_add_disk(&disk, c, d->name,
                                         path ? text_of(path, buf, sizeof buf) : NULL) < 0)
            return -1;
        const xnode *keep = child(d, "keep_free_space_bytes");
        if (keep && text_u64(&disk->keep_free_space, keep, "keep_free_space_bytes") < 0)
            return -1;
    }
    return 0;
}

static int read_volume(floe_storage_policy *p, const xnode *x)
{
    char buf[256];
    floe_volume *v = floe_storage_policy_add_volume(p, x->name);
    for (size_t i = 0; i < x->n; i++) {
        const xnode *k = x->kids[i];
        if (strcmp(k->name, "disk") == 0) {
            floe_volume_add_disk(v, text_of(k, buf, sizeof buf));
        } else if (strcmp(k->name, "max_data_part_size_bytes") == 0) {
            if (text_u64(&v->max_data_part_size, k, k->name) < 0)
                return -1;
        } else if (strcmp(k->name, "prefer_not_to_merge") == 0) {
            v->prefer_not_to_merge = text_bool(k);
        } else if (strcmp(k->name, "perform_ttl_move_on_insert") == 0) {
            v->perform_ttl_move_on_insert = text_bool(k);
        } else if (strcmp(k->name, "load_balancing") == 0) {
            text_of(k, buf, sizeof buf);
            if (strcmp(buf, "least_used") == 0)
                v->least_used = true;
            else if (strcmp(buf, "round_robin") != 0)
                return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_IN_CONFIG,
                                  "'%s' is not a valid load_balancing value", buf);
        }
    }
    return 0;
}

static int read_policies(floe_storage_config *c, const xnode *policies)
{
    char buf[64];
    for (size_t i = 0; policies && i < policies->n; i++) {
        const xnode *x = policies->kids[i];
        floe_storage_policy *p;
        if (floe_storage_config_add_policy(&p, c, x->name) < 0)
            return -1;
        const xnode *mf = child(x, "move_factor");
        if (mf) {
            char *end;
            p->move_factor = strtof(text_of(mf, buf, sizeof buf), &end);
            if (end == buf || *end || p->move_factor < 0 || p->move_factor > 1)
                return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_IN_CONFIG,
                                  "Storage policy %s: move_factor must be in [0, 1]", x->name);
        }
        const xnode *vols = child(x, "volumes");
        for (size_t j = 0; vols && j < vols->n; j++)
            if (read_volume(p, vols->kids[j]) < 0)
                return -1;
    }
    return 0;
}

/* Settings given in the configuration: top-level elements named as
 * settings (server settings such as background_export_pool_size) and
 * <profiles><default>; other elements are not settings and are skipped. */
static int read_settings(floe_settings *out, const xnode *root)
{
    const xnode *lists[2] = {root, child(child(root, "profiles"), "default")};
    char buf[4096];
    for (size_t l = 0; l < 2; l++)
        for (size_t i = 0; lists[l] && i < lists[l]->n; i++) {
            const xnode *x = lists[l]->kids[i];
            size_t idx;
            if (x->n || floe_settings_find(&idx, x->name) < 0) {
                floe_error_clear();
                continue;
            }
            if (floe_settings_set(out, x->name, text_of(x, buf, sizeof buf)) < 0)
                return -1;
        }
    return 0;
}

static int parse_config(floe_storage_config **out, floe_settings *settings, const char *xml,
                        size_t len, const char *root, const char *what);

int floe_storage_config_parse(floe_storage_config **out, const char *xml, size_t len,
                              const char *root, const char *what)
{
    return parse_config(out, NULL, xml, len, root, what);
}

int floe_config_parse(floe_storage_config **out, floe_settings *settings, const char *xml,
                      size_t len, const char *root, const char *what)
{
    return parse_config(out, settings, xml, len, root, what);
}

static int parse_config(floe_storage_config **out, floe_settings *settings, const char *xml,
                        size_t len, const char *root, const char *what)
{
    xtree t = {NULL, NULL};
    floe_storage_config *c = floe_storage_config_new();
    int rc = 0;
    if (xml) {
        XML_Parser p = XML_ParserCreate("UTF-8");
        XML_SetUserData(p, &t);
        XML_SetElementHandler(p, on_start, on_end);
        XML_SetCharacterDataHandler(p, on_text);
        if (XML_Parse(p, xml, (int)len, 1) == XML_STATUS_ERROR)
            rc = floe_error(FLOE_ERR_BAD_ARGUMENTS, "Cannot parse configuration %s at line %lu: %s",
                            what, (unsigned long)XML_GetCurrentLineNumber(p),
                            XML_ErrorString(XML_GetErrorCode(p)));
        XML_ParserFree(p);
    }
    const xnode *sc = child(t.root, "storage_configuration");
    if (rc == 0 && settings)
        rc = read_settings(settings, t.root);
    if (rc == 0)
        rc = read_disks(c, child(sc, "disks"));
    if (rc == 0)
        rc = read_policies(c, child(sc, "policies"));
    if (rc == 0)
        rc = floe_storage_config_finish(c, root);
    xnode_free(t.root);
    if (rc < 0) {
        if (what) {
            char msg[2048];
            snprintf(msg, sizeof msg, "%s", floe_error_message());
            floe_error(floe_error_code(), "%s (in configuration %s)", msg, what);
        }
        floe_storage_config_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

int floe_config_load(floe_storage_config **out, floe_settings *settings, const char *path,
                     const char *root)
{
    char *text = NULL;
    size_t len = 0;
    if (floe_read_file(&text, &len, path) < 0) {
        char msg[2048];
        snprintf(msg, sizeof msg, "%s", floe_error_message());
        return floe_error(FLOE_ERR_FILE_DOESNT_EXIST, "Cannot read configuration file %s: %s", path,
                          msg);
    }
    int rc = parse_config(out, settings, text, len, root, path);
    floe_free(text);
    return rc;
}

int floe_storage_config_load(floe_storage_config **out, const char *path, const char *root)
{
    return floe_config_load(out, NULL, path, root);
}
