/*
 * Where file() looks: a path under user_files made absolute and normalised,
 * confined to user_files (also through symlinks), and expanded by
 * ClickHouse's globs into a sorted list of files; plus the format and the
 * compression a file name implies.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/error.h"
#include "base/mem.h"
#include "storage/lake/file.h"

typedef struct path_list {
    char **v;
    size_t n, cap;
} path_list;

static void list_add(path_list *l, const char *p)
{
    FLOE_GROW(l->v, l->cap, l->n + 1);
    l->v[l->n++] = floe_strdup(p);
}

static void list_free(path_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        floe_free(l->v[i]);
    floe_free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

static bool has_glob(const char *s)
{
    return strpbrk(s, "*?{") != NULL;
}

/* Lexical normalisation of an absolute path: collapses //, . and .. (a ..
 * at the root stays at the root, as std::filesystem does). */
static char *normalize(const char *abs)
{
    size_t len = strlen(abs);
    char *out = floe_malloc(len + 2);
    size_t o = 0;
    const char *p = abs;
    while (*p) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 1 && p[0] == '.') {
            /* skip */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--; /* the slash */
        } else {
            out[o++] = '/';
            memcpy(out + o, p, n);
            o += n;
        }
        p += n;
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = '\0';
    return out;
}

static bool starts_with_dir(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return true;
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

static int not_inside(const char *path, const char *root)
{
    return floe_error(FLOE_ERR_DATABASE_ACCESS_DENIED, "File `%s` is not inside `%s`", path, root);
}

/* Checks that path, symlinks resolved, stays inside root. A path that does
 * not exist yet (an INSERT's new file) is judged by its deepest existing
 * ancestor, so a symlinked directory cannot lead a new file out. */
static int check_real(const char *path, const char *root)
{
    char *p = floe_strdup(path);
    char *real = NULL;
    for (;;) {
        real = realpath(p, NULL);
        if (real)
            break;
        char *slash = strrchr(p, '/');
        if (!slash || slash == p)
            break;
        *slash = '\0';
    }
    int rc = !real || starts_with_dir(real, root) ? 0 : not_inside(path, root);
    free(real);
    floe_free(p);
    return rc;
}

/* ---- glob matching: one path segment ---- */

static const char *match_brace(const char *p)
{
    int depth = 0;
    for (; *p; p++) {
        if (*p == '{')
            depth++;
        else if (*p == '}' && --depth == 0)
            return p;
    }
    return NULL;
}

static bool parse_range(const char *p, size_t n, long long *lo, long long *hi, int *width)
{
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if (p[i] == '.' && p[i + 1] == '.') {
            dots = p + i;
            break;
        }
    if (!dots || dots == p || dots + 2 >= p + n)
        return false;
    for (const char *q = p; q < dots; q++)
        if (*q < '0' || *q > '9')
            return false;
    for (const char *q = dots + 2; q < p + n; q++)
        if (*q < '0' || *q > '9')
            return false;
    *lo = strtoll(p, NULL, 10);
    *hi = strtoll(dots + 2, NULL, 10);
    size_t wl = (size_t)(dots - p), wh = (size_t)(p + n - dots - 2);
    /* {01..10}: zero padded to the bounds' width when one starts with 0 */
    *width = ((p[0] == '0' && wl > 1) || (dots[2] == '0' && wh > 1)) ? (int)(wl > wh ? wl : wh) : 0;
    if (*lo > *hi) {
        long long t = *lo;
        *lo = *hi;
        *hi = t;
    }
    return true;
}

static bool glob_match_at(const char *g, const char *s)
{
    for (;;) {
        switch (*g) {
        case '\0':
            return *s == '\0';
        case '*':
            while (*g == '*')
                g++;
            for (const char *t = s;; t++) {
                if (glob_match_at(g, t))
                    return true;
                if (!*t)
                    return false;
            }
        case '?':
            if (!*s)
                return false;
            g++;
            s++;
            continue;
        case '{': {
            const char *end = match_brace(g);
            if (!end)
                break; /* a literal '{' */
            const char *body = g + 1;
            size_t blen = (size_t)(end - body);
            const char *rest = end + 1;
            long long lo, hi;
            int width;
            if (parse_range(body, blen, &lo, &hi, &width)) {
                char num[32];
                for (long long v = lo; v <= hi; v++) {
                    int k = snprintf(num, sizeof num, "%0*lld", width, v);
                    if (strncmp(s, num, (size_t)k) == 0 && glob_match_at(rest, s + k))
                        return true;
                }
                return false;
            }
            /* alternatives, split at top-level commas; each may hold globs */
            size_t rlen = strlen(rest);
            const char *a = body;
            int depth = 0;
            for (const char *q = body;; q++) {
                if (q < end && *q == '{')
                    depth++;
                else if (q < end && *q == '}')
                    depth--;
                if (q == end || (*q == ',' && depth == 0)) {
                    size_t alen = (size_t)(q - a);
                    char *alt = floe_malloc(alen + rlen + 1);
                    memcpy(alt, a, alen);
                    memcpy(alt + alen, rest, rlen + 1);
                    bool ok = glob_match_at(alt, s);
                    floe_free(alt);
                    if (ok)
                        return true;
                    if (q == end)
                        return false;
                    a = q + 1;
                }
            }
        }
        default:
            break;
        }
        if (*g != *s)
            return false;
        g++;
        s++;
    }
}

bool floe_file_glob_match(const char *glob, const char *name)
{
    return glob_match_at(glob, name);
}

/* ---- directory walk ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Matches segs[0..n) below dir (an existing directory path without a
 * trailing slash), adding regular files to out. */
static void walk(path_list *out, const char *dir, char **segs, size_t n)
{
    if (n == 0)
        return;
    const char *seg = segs[0];
    bool last = n == 1;
    if (!has_glob(seg)) {
        size_t len = strlen(dir) + strlen(seg) + 2;
        char *p = floe_malloc(len);
        snprintf(p, len, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, seg);
        struct stat st;
        if (stat(p, &st) == 0) {
            if (last && S_ISREG(st.st_mode))
                list_add(out, p);
            else if (!last && S_ISDIR(st.st_mode))
                walk(out, p, segs + 1, n - 1);
        }
        floe_free(p);
        return;
    }
    bool recursive = strcmp(seg, "**") == 0;
    if (recursive && !last)
        walk(out, dir, segs + 1, n - 1); /* ** as no directory at all */
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    path_list names = {0};
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        list_add(&names, e->d_name);
    }
    closedir(d);
    for (size_t i = 0; i < names.n; i++) {
        const char *name = names.v[i];
        size_t len = strlen(dir) + strlen(name) + 2;
        char *p = floe_malloc(len);
        snprintf(p, len, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, name);
        struct stat st;
        if (stat(p, &st) == 0) {
            if (recursive) {
                /* ** is any number of directories; last, every file below */
                if (S_ISDIR(st.st_mode))
                    walk(out, p, segs, n);
                else if (last && S_ISREG(st.st_mode))
                    list_add(out, p);
            } else if (glob_match_at(seg, name)) {
                if (last && S_ISREG(st.st_mode))
                    list_add(out, p);
                else if (!last && S_ISDIR(st.st_mode))
                    walk(out, p, segs + 1, n - 1);
            }
        }
        floe_free(p);
    }
    list_free(&names);
}

int floe_file_expand(char ***paths, size_t *n, bool *has_globs, const char *root_in,
                     const char *path)
{
    char *root = realpath(root_in, NULL);
    char *pattern = NULL;
    char **segs = NULL;
    path_list out = {0};
    int rc = -1;
    if (!root) {
        floe_error(FLOE_ERR_CANNOT_STAT, "Cannot stat user files directory %s: %s", root_in,
                   strerror(errno));
        goto done;
    }
    {
        size_t len = strlen(root) + strlen(path) + 2;
        char *abs = floe_malloc(len);
        if (path[0] == '/')
            snprintf(abs, len, "%s", path);
        else
            snprintf(abs, len, "%s/%s", root, path);
        pattern = normalize(abs);
        floe_free(abs);
    }
    if (!starts_with_dir(pattern, root)) {
        not_inside(pattern, root);
        goto done;
    }
    *has_globs = false;
    struct stat st;
    if (!has_glob(pattern)) {
        if (stat(pattern, &st) == 0 && S_ISDIR(st.st_mode)) {
            *has_globs = true;
            /* the regular files in the directory */
            char *star = "*";
            walk(&out, pattern, &star, 1);
        } else {
            list_add(&out, pattern);
        }
    } else {
        *has_globs = true;
        /* the directory part before the first segment with a glob */
        const char *g = strpbrk(pattern, "*?{");
        const char *slash = g;
        while (slash > pattern && *slash != '/')
            slash--;
        char *base = floe_strndup(pattern, (size_t)(slash - pattern));
        if (!*base) {
            floe_free(base);
            base = floe_strdup("/");
        }
        size_t n_segs = 0, cap = 0;
        char *rest = floe_strdup(slash + 1);
        for (char *tok = strtok(rest, "/"); tok; tok = strtok(NULL, "/")) {
            FLOE_GROW(segs, cap, n_segs + 1);
            segs[n_segs++] = tok;
        }
        if (stat(base, &st) == 0 && S_ISDIR(st.st_mode))
            walk(&out, base, segs, n_segs);
        floe_free(base);
        floe_free(segs);
        segs = NULL;
        floe_free(rest);
    }
    if (out.n > 1)
        qsort(out.v, out.n, sizeof *out.v, cmp_str);
    for (size_t i = 0; i < out.n; i++)
        if (check_real(out.v[i], root) < 0)
            goto done;
    *paths = out.v;
    *n = out.n;
    out.v = NULL;
    out.n = 0;
    rc = 0;
done:
    list_free(&out);
    floe_free(segs);
    floe_free(pattern);
    free(root);
    return rc;
}

/* ---- formats and compression by name ---- */

typedef struct ext_entry {
    const char *ext;
    const char *value;
} ext_entry;

/* ClickHouse's registered compression extensions (chooseCompressionMethod). */
static const ext_entry compression_exts[] = {
    {"gz", "gzip"},  {"gzip", "gzip"}, {"deflate", "deflate"}, {"br", "br"},   {"xz", "xz"},
    {"zst", "zstd"}, {"zstd", "zstd"}, {"lz4", "lz4"},         {"bz2", "bz2"}, {"snappy", "snappy"},
};

/* Extensions the formats register (FormatFactory::registerFileExtension). */
static const ext_entry format_exts[] = {
    {"csv", "CSV"},         {"tsv", "TSV"},           {"parquet", "Parquet"},
    {"json", "JSON"},       {"jsonl", "JSONEachRow"}, {"ndjson", "JSONEachRow"},
    {"native", "Native"},   {"values", "Values"},     {"tskv", "TSKV"},
    {"md", "Markdown"},     {"xml", "XML"},           {"avro", "Avro"},
    {"orc", "ORC"},         {"arrow", "Arrow"},       {"bson", "BSONEachRow"},
    {"npy", "Npy"},         {"sqlite", "SQLInsert"},  {"pb", "Protobuf"},
    {"capnp", "CapnProto"}, {"msgpack", "MsgPack"},
};

static const char *last_ext(const char *name, size_t len, size_t *dot)
{
    for (size_t i = len; i > 0; i--) {
        if (name[i - 1] == '/')
            return NULL;
        if (name[i - 1] == '.') {
            *dot = i - 1;
            return name + i;
        }
    }
    return NULL;
}

static const char *ext_lookup(const ext_entry *t, size_t n, const char *ext, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(t[i].ext) == len && strncasecmp(t[i].ext, ext, len) == 0)
            return t[i].value;
    return NULL;
}

const char *floe_file_format_from_name(const char *path)
{
    size_t len = strlen(path), dot = 0;
    const char *ext = last_ext(path, len, &dot);
    if (!ext)
        return NULL;
    if (ext_lookup(compression_exts, sizeof compression_exts / sizeof compression_exts[0], ext,
                   len - dot - 1)) {
        len = dot;
        ext = last_ext(path, len, &dot);
        if (!ext)
            return NULL;
    }
    return ext_lookup(format_exts, sizeof format_exts / sizeof format_exts[0], ext, len - dot - 1);
}

int floe_file_compression(const char **out, const char *path, const char *hint)
{
    *out = NULL;
    if (hint && *hint && strcasecmp(hint, "auto") != 0) {
        if (strcasecmp(hint, "none") == 0)
            return 0;
        for (size_t i = 0; i < sizeof compression_exts / sizeof compression_exts[0]; i++)
            if (strcasecmp(hint, compression_exts[i].ext) == 0 ||
                strcasecmp(hint, compression_exts[i].value) == 0) {
                *out = compression_exts[i].value;
                return 0;
            }
        return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                          "Unknown compression method '%s'. Only 'auto', 'none', 'gzip', "
                          "'deflate', 'br', 'xz', 'zstd', 'lz4', 'bz2', 'snappy' are supported "
                          "as compression methods",
                          hint);
    }
    size_t len = strlen(path), dot = 0;
    const char *ext = last_ext(path, len, &dot);
    if (ext)
        *out = ext_lookup(compression_exts, sizeof compression_exts / sizeof compression_exts[0],
                          ext, len - dot - 1);
    return 0;
}
