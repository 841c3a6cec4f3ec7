/*
 * Data-skipping indices: definitions, the granule formats, and reading a
 * part's index back (see skip_index.h).
 */
#include "storage/mergetree/skip_index.h"

#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/hashmap.h"
#include "base/io.h"
#include "base/mem.h"
#include "compress/ch_block.h"
#include "storage/mergetree/part_writer.h"
#include "types/binary.h"

static const char *const known_types[] = {"hypothesis", "text",       "vector_similarity",
                                          "bloom_filter", "sparse_grams", "tokenbf_v1",
                                          "ngrambf_v1", "set",        "minmax"};

static int invalid(const char *name, const char *what)
{
    return floe_error(FLOE_ERR_INCORRECT_QUERY, "%s: When validating secondary index `%s`", what,
                      name);
}

int floe_skip_def_init(floe_skip_def *d, const floe_ast *def, floe_arena *arena)
{
    memset(d, 0, sizeof *d);
    d->name = def->u.index.name;
    const floe_ast *ty = def->u.index.type;
    d->type_name = ty->u.func.name;
    bool known = false;
    for (size_t i = 0; i < sizeof known_types / sizeof *known_types; i++)
        known = known || strcmp(d->type_name, known_types[i]) == 0;
    if (!known) {
        floe_buf b = FLOE_BUF_INIT;
        floe_buf_printf(&b, "Unknown Index type '%s'. Available index types: ", d->type_name);
        for (size_t i = 0; i < sizeof known_types / sizeof *known_types; i++)
            floe_buf_printf(&b, "%s%s", i ? ", " : "", known_types[i]);
        int rc = invalid(d->name, b.data);
        floe_buf_free(&b);
        return rc;
    }
    if (def->u.index.has_granularity && def->u.index.granularity == 0)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Index GRANULARITY must be a positive integer.");
    d->granularity = def->u.index.has_granularity ? def->u.index.granularity : 1;
    floe_buf b = FLOE_BUF_INIT;
    floe_ast_format(&b, ty, true);
    d->type_full = floe_arena_strdup(arena, b.data ? b.data : d->type_name);
    floe_buf_clear(&b);
    const floe_ast *e = def->u.index.expr;
    if (e->kind == FLOE_AST_FUNC && strcmp(e->u.func.name, "tuple") == 0 && e->u.func.n_args) {
        d->n_elems = e->u.func.n_args;
        d->elems = (const floe_ast **)e->u.func.args;
        for (size_t i = 0; i < d->n_elems; i++) {
            if (i)
                floe_buf_puts(&b, ", ");
            floe_ast_format(&b, d->elems[i], true);
        }
    } else {
        d->n_elems = 1;
        d->elems = floe_arena_alloc(arena, sizeof *d->elems);
        d->elems[0] = e;
        floe_ast_format(&b, e, true);
    }
    d->expr_text = floe_arena_strdup(arena, b.data ? b.data : "");
    floe_buf_free(&b);
    d->kind = FLOE_SKIP_UNBUILT;
    if (strcmp(d->type_name, "minmax") == 0) {
        d->kind = FLOE_SKIP_MINMAX;
    } else if (strcmp(d->type_name, "set") == 0) {
        d->kind = FLOE_SKIP_SET;
        if (ty->u.func.n_args != 1)
            return invalid(d->name, "Set index must have exactly one argument");
        const floe_ast *a = ty->u.func.args[0];
        const floe_type *lt = a->kind == FLOE_AST_LITERAL ? a->u.lit.value.type : NULL;
        if (!lt || !floe_type_is_integer(lt) || floe_type_is_signed(lt))
            return invalid(d->name, "Set index argument must be positive integer");
        d->max_rows = a->u.lit.value.v.u;
    } else if (strcmp(d->type_name, "bloom_filter") == 0 && ty->u.func.n_args > 1) {
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "BloomFilter index cannot have more than one parameter: When validating "
                          "secondary index `%s`",
                          d->name);
    }
    return 0;
}

void floe_skip_file_name(floe_buf *out, const char *name, const char *ext)
{
    floe_buf_puts(out, "skp_idx_");
    floe_escape_file_name(out, name);
    floe_buf_puts(out, ext);
}

const char *floe_skip_extension(floe_skip_kind kind)
{
    return kind == FLOE_SKIP_MINMAX ? ".idx2" : ".idx";
}

/* ---- writing ---- */

/* One value of c (row) as a Field's binary form: a null flag first for a
 * Nullable type. */
static void put_field(floe_buf *out, const floe_column *c, size_t row, bool null)
{
    bool nullable = floe_type_is_nullable(c->type);
    if (nullable)
        floe_buf_putc(out, null ? 1 : 0);
    if (null)
        return;
    floe_binary_write_values(out, c, row, 1);
}

static void minmax_granule(floe_buf *out, const floe_column *c, size_t from, size_t n)
{
    size_t lo = SIZE_MAX, hi = SIZE_MAX, nan = SIZE_MAX;
    bool nulls = false;
    for (size_t i = from; i < from + n; i++) {
        if (floe_column_is_null(c, i)) {
            nulls = true;
            continue;
        }
        if (floe_column_is_nan(c, i)) {
            nan = i;
            continue;
        }
        if (lo == SIZE_MAX || floe_column_compare(c, i, c, lo, true) < 0)
            lo = i;
        if (hi == SIZE_MAX || floe_column_compare(c, i, c, hi, true) > 0)
            hi = i;
    }
    if (lo == SIZE_MAX) /* only NULLs and NaNs */
        lo = hi = nan;
    put_field(out, c, lo, lo == SIZE_MAX);
    /* NULLs sort last: a granule with some has no upper bound */
    put_field(out, c, hi, hi == SIZE_MAX || nulls);
}

static void set_granule(floe_buf *out, const floe_part_skip_index *in, size_t from, size_t n)
{
    const floe_skip_def *d = in->def;
    floe_hashmap seen = FLOE_HASHMAP_INIT;
    size_t *rows = floe_malloc((n + 1) * sizeof *rows);
    size_t k = 0;
    floe_buf key = FLOE_BUF_INIT;
    for (size_t i = from; i < from + n; i++) {
        floe_buf_clear(&key);
        for (size_t e = 0; e < d->n_elems; e++)
            put_field(&key, in->cols[e], i, floe_column_is_null(in->cols[e], i));
        uint64_t v = k;
        if (!floe_hashmap_get_or_insert(&seen, key.data, key.len, &v))
            continue;
        rows[k++] = i;
        if (d->max_rows && k > d->max_rows)
            break;
    }
    floe_buf_free(&key);
    floe_hashmap_free(&seen);
    if (d->max_rows && k > d->max_rows)
        k = 0;
    uint64_t count = k;
    floe_buf_append(out, &count, sizeof count);
    for (size_t e = 0; e < d->n_elems && k; e++) {
        floe_column *c = floe_column_permute(in->cols[e], rows, k);
        if (floe_type_is_nullable(c->type))
            floe_binary_write_nulls(out, c, 0, k);
        floe_binary_write_values(out, c, 0, k);
        floe_column_free(c);
    }
    floe_free(rows);
}

void floe_skip_granule_write(floe_buf *out, const floe_part_skip_index *in, size_t from, size_t n)
{
    if (in->def->kind == FLOE_SKIP_SET) {
        set_granule(out, in, from, n);
        return;
    }
    for (size_t e = 0; e < in->def->n_elems; e++)
        minmax_granule(out, in->cols[e], from, n);
}

/* ---- reading ---- */

void floe_skip_data_free(floe_skip_data *s)
{
    if (!s)
        return;
    size_t ne = s->def->n_elems;
    for (size_t e = 0; s->minmax && e < ne; e++)
        floe_column_free(s->minmax[e]);
    floe_free(s->minmax);
    for (size_t i = 0; s->sets && i < s->n_granules * ne; i++)
        floe_column_free(s->sets[i]);
    floe_free(s->sets);
    floe_free(s->set_known);
    floe_free(s);
}

static int truncated(const char *file)
{
    return floe_error(FLOE_ERR_CANNOT_READ_ALL_DATA, "Cannot read all data of index file %s",
                      file);
}

/* Reads one Field (with its null flag when Nullable) into c (Nullable). */
static int get_field(floe_column *c, const floe_type *type, const char *p, size_t len,
                     size_t *used, const char *file)
{
    size_t pos = 0;
    if (floe_type_is_nullable(type)) {
        if (len < 1)
            return truncated(file);
        if (p[0]) {
            floe_column_push_null(c);
            *used = 1;
            return 0;
        }
        pos = 1;
    }
    size_t u = 0;
    size_t before = c->rows;
    if (floe_binary_read_values(c, p + pos, len - pos, 1, &u) < 0 || c->rows != before + 1)
        return truncated(file);
    *used = pos + u;
    return 0;
}

static int parse_minmax(floe_skip_data *s, const char *p, size_t len, const char *file)
{
    const floe_skip_def *d = s->def;
    s->minmax = floe_calloc(d->n_elems + 1, sizeof *s->minmax);
    for (size_t e = 0; e < d->n_elems; e++)
        s->minmax[e] = floe_column_new(floe_type_nullable(floe_type_strip_nullable(d->types[e])));
    size_t pos = 0;
    while (pos < len) {
        for (size_t e = 0; e < d->n_elems; e++)
            for (int side = 0; side < 2; side++) {
                size_t used = 0;
                if (get_field(s->minmax[e], d->types[e], p + pos, len - pos, &used, file) < 0)
                    return -1;
                pos += used;
            }
        s->n_granules++;
    }
    return 0;
}

static int parse_set(floe_skip_data *s, const char *p, size_t len, const char *file)
{
    const floe_skip_def *d = s->def;
    size_t ne = d->n_elems, cap = 0;
    size_t pos = 0;
    while (pos < len) {
        if (len - pos < 8)
            return truncated(file);
        uint64_t rows;
        memcpy(&rows, p + pos, 8);
        pos += 8;
        size_t g = s->n_granules++;
        if (s->n_granules > cap) {
            size_t nc = cap ? 2 * cap : 16;
            s->sets = floe_realloc(s->sets, nc * ne * sizeof *s->sets);
            memset(s->sets + cap * ne, 0, (nc - cap) * ne * sizeof *s->sets);
            s->set_known = floe_realloc(s->set_known, nc * sizeof *s->set_known);
            cap = nc;
        }
        s->set_known[g] = rows != 0;
        if (rows > len - pos)
            return truncated(file);
        for (size_t e = 0; e < ne && rows; e++) {
            floe_column *c = floe_column_new(d->types[e]);
            s->sets[g * ne + e] = c;
            const char *nulls = NULL;
            if (floe_type_is_nullable(d->types[e])) {
                if (len - pos < rows)
                    return truncated(file);
                nulls = p + pos;
                pos += rows;
            }
            size_t used = 0;
            if (floe_binary_read_values(c, p + pos, len - pos, rows, &used) < 0 ||
                c->rows != rows)
                return truncated(file);
            pos += used;
            if (nulls && floe_binary_read_nulls(c, 0, nulls, rows, rows) < 0)
                return -1;
        }
    }
    return 0;
}

int floe_skip_data_load(floe_skip_data **out, const char *dir, const floe_skip_def *d)
{
    *out = NULL;
    if (d->kind == FLOE_SKIP_UNBUILT)
        return 0;
    floe_buf name = FLOE_BUF_INIT;
    floe_buf_printf(&name, "%s/", dir);
    floe_skip_file_name(&name, d->name, floe_skip_extension(d->kind));
    char *raw = NULL;
    size_t n = 0;
    if (access(name.data, F_OK) != 0) {
        floe_buf_free(&name);
        return 0;
    }
    int rc = floe_read_file(&raw, &n, name.data);
    floe_buf data = FLOE_BUF_INIT;
    if (rc == 0)
        rc = floe_chblock_decompress_all(&data, raw, n);
    floe_free(raw);
    floe_skip_data *s = floe_calloc(1, sizeof *s);
    s->def = d;
    if (rc == 0) {
        const char *p = data.data ? (const char *)data.data : "";
        rc = d->kind == FLOE_SKIP_MINMAX ? parse_minmax(s, p, data.len, name.data)
                                         : parse_set(s, p, data.len, name.data);
    }
    floe_buf_free(&data);
    floe_buf_free(&name);
    if (rc < 0) {
        floe_skip_data_free(s);
        return -1;
    }
    *out = s;
    return 0;
}
