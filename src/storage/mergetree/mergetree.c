/*
 * The MergeTree engine: a table as a set of immutable parts in its data
 * directory. INSERT splits a block by partition, sorts each piece by the
 * sorting key and writes it as a part with the next block number; SELECT
 * reads a snapshot of the active parts; OPTIMIZE merges the parts of a
 * partition into one. Replaced parts become outdated and leave the disk when
 * the last reader lets go (or at the next start-up).
 *
 * Invariant: parts[] holds every part the table knows (active and
 * outdated), each with one reference owned by the list; it and next_block
 * change only under mu.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/hashmap.h"
#include "base/io.h"
#include "base/mem.h"
#include "storage/mergetree/background.h"
#include "storage/mergetree/checksums.h"
#include "storage/mergetree/part_events.h"
#include "storage/mergetree/mergetree.h"
#include "storage/mergetree/mergetree_int.h"
#include "storage/mergetree/mutations.h"
#include "storage/mergetree/part.h"
#include "storage/mergetree/part_writer.h"
#include "storage/mergetree/partition.h"
#include "storage/mergetree/partition_ops.h"
#include "storage/table.h"
#include "types/binary.h"
#include "types/cast.h"

static const char *const virtual_names[] = {"_part", "_part_index", "_partition_id",
                                            "_partition_value"};

/* ---- keys ---- */

static void key_elements(const floe_ast *e, const floe_ast ***out, size_t *n, floe_arena *a)
{
    *n = 0;
    *out = NULL;
    if (!e)
        return;
    if (e->kind == FLOE_AST_FUNC && strcmp(e->u.func.name, "tuple") == 0) {
        *n = e->u.func.n_args;
        *out = (const floe_ast **)e->u.func.args;
        return;
    }
    *out = floe_arena_alloc(a, sizeof **out);
    (*out)[0] = e;
    *n = 1;
}

/* Evaluates exprs over b (every table column); out[i] owned by the caller. */
int floe_mt_eval_exprs(floe_column ***out, floe_mt *m, const floe_ast *const *exprs, size_t n,
                       const floe_block *b)
{
    floe_column **cols = floe_calloc(n + 1, sizeof *cols);
    floe_arena a = FLOE_ARENA_INIT;
    floe_scope sc = {0};
    floe_func_ctx fctx = {NULL, (int64_t)time(NULL)};
    sc.n_cols = m->t->n_cols;
    sc.names = m->names;
    sc.types = m->types;
    sc.fctx = &fctx;
    sc.arena = &a;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        floe_expr *e;
        bool owned;
        floe_column *c;
        if ((rc = floe_expr_compile(&e, &sc, exprs[i])) < 0)
            break;
        if ((rc = floe_expr_eval(&c, &owned, e, b, &fctx)) < 0)
            break;
        cols[i] = owned ? c : floe_column_clone(c);
    }
    floe_scope_free(&sc);
    floe_arena_free(&a);
    if (rc < 0) {
        for (size_t i = 0; i < n; i++)
            floe_column_free(cols[i]);
        floe_free(cols);
        return -1;
    }
    *out = cols;
    return 0;
}

void floe_mt_free_cols(floe_column **cols, size_t n)
{
    if (!cols)
        return;
    for (size_t i = 0; i < n; i++)
        floe_column_free(cols[i]);
    floe_free(cols);
}

/* Sorts b's rows by the sorting key in place (stable). */
int floe_mt_skip_eval_one(floe_part_skip_index *out, floe_mt *m, const floe_skip_def *d,
                          const floe_block *b)
{
    out->def = d;
    out->cols = NULL;
    floe_column **cols = NULL;
    if (floe_mt_eval_exprs(&cols, m, d->elems, d->n_elems, b) < 0)
        return -1;
    for (size_t e = 0; e < d->n_elems; e++) {
        floe_column **c = &cols[e];
        if ((*c)->rows != b->rows) { /* a constant */
            floe_column *r = floe_column_replicate_row(*c, 0, b->rows);
            floe_column_free(*c);
            *c = r;
        }
        if ((*c)->type != d->types[e]) {
            floe_column *conv = NULL;
            int rc = floe_cast_column(&conv, *c, d->types[e], FLOE_CAST_THROW, NULL);
            floe_column_free(*c);
            *c = conv;
            if (rc < 0) {
                floe_mt_free_cols(cols, d->n_elems);
                return -1;
            }
        }
    }
    out->cols = cols;
    return 0;
}

int floe_mt_skip_eval(floe_part_skip_index **out, size_t *n, floe_mt *m, const floe_block *b)
{
    *out = NULL;
    *n = 0;
    size_t k = 0;
    for (size_t i = 0; i < m->n_skip; i++)
        k += m->skip[i].kind != FLOE_SKIP_UNBUILT;
    if (!k)
        return 0;
    floe_part_skip_index *v = floe_calloc(k, sizeof *v);
    k = 0;
    for (size_t i = 0; i < m->n_skip; i++) {
        if (m->skip[i].kind == FLOE_SKIP_UNBUILT)
            continue;
        if (floe_mt_skip_eval_one(&v[k], m, &m->skip[i], b) < 0) {
            floe_mt_skip_free(v, k);
            return -1;
        }
        k++;
    }
    *out = v;
    *n = k;
    return 0;
}

void floe_mt_skip_free(floe_part_skip_index *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].cols)
            floe_mt_free_cols(v[i].cols, v[i].def->n_elems);
    floe_free(v);
}

static int sort_block(floe_mt *m, floe_block *b)
{
    if (m->n_sort == 0 || b->rows < 2)
        return 0;
    floe_column **keys;
    if (floe_mt_eval_exprs(&keys, m, m->sort_exprs, m->n_sort, b) < 0)
        return -1;
    size_t *perm = floe_malloc(b->rows * sizeof *perm);
    bool sorted = true;
    for (size_t i = 0; i < b->rows; i++)
        perm[i] = i;
    floe_column_sort_perm(perm, b->rows, keys, m->n_sort);
    for (size_t i = 0; i < b->rows && sorted; i++)
        sorted = perm[i] == i;
    if (!sorted) {
        for (size_t c = 0; c < b->n_cols; c++) {
            floe_column *p = floe_column_permute(b->cols[c], perm, b->rows);
            floe_column_free(b->cols[c]);
            b->cols[c] = p;
        }
    }
    floe_free(perm);
    floe_mt_free_cols(keys, m->n_sort);
    return 0;
}

/* ---- the part list ---- */

void floe_mt_add_part(floe_mt *m, floe_part *p)
{
    FLOE_GROW(m->parts, m->cap_parts, m->n_parts + 1);
    m->parts[m->n_parts++] = p;
}

/* Drops outdated parts whose time has come and that nobody reads. */
void floe_mt_cleanup_outdated(floe_mt *m, bool all)
{
    time_t now = time(NULL);
    size_t k = 0;
    for (size_t i = 0; i < m->n_parts; i++) {
        floe_part *p = m->parts[i];
        if (p->state == FLOE_PART_OUTDATED &&
            (all || (uint64_t)(now - p->remove_time) >= m->old_parts_lifetime) &&
            atomic_load(&p->refs) == 1) {
            floe_mt_part_event(m, FLOE_PART_EVENT_REMOVE, p, 0, 0, 0);
            p->remove_on_free = true;
            floe_part_unref(p);
            continue;
        }
        m->parts[k++] = p;
    }
    m->n_parts = k;
}

/* Reads primary.idx's (or primary.cidx's) first column into p->primary_first (when the first
 * primary-key element is a plain column; failures just disable pruning). */
static void load_primary(floe_mt *m, floe_part *p)
{
    if (m->pk_first_col < 0 || m->n_primary == 0 || p->marks == 0)
        return;
    char *text = NULL;
    size_t len = 0;
    if (floe_part_read_primary(&text, &len, p) < 0) {
        floe_error_clear();
        return;
    }
    floe_column *first = floe_column_new(m->primary_types[0]);
    floe_column **others = floe_calloc(m->n_primary + 1, sizeof *others);
    for (size_t k = 1; k < m->n_primary; k++)
        others[k] = floe_column_new(m->primary_types[k]);
    size_t pos = 0;
    bool ok = true;
    for (uint64_t g = 0; g <= p->marks && ok; g++)
        for (size_t k = 0; k < m->n_primary && ok; k++) {
            size_t used = 0;
            floe_column *c = k == 0 ? first : others[k];
            ok = floe_binary_read_values(c, text + pos, len - pos, 1, &used) == 0 &&
                 c->rows == g + 1;
            pos += used;
        }
    for (size_t k = 1; k < m->n_primary; k++)
        floe_column_free(others[k]);
    floe_free(others);
    floe_free(text);
    floe_error_clear();
    if (ok && first->rows == p->marks + 1)
        p->primary_first = first;
    else
        floe_column_free(first);
}

int floe_mt_write_part(floe_mt *m, floe_part **out, floe_block *b, floe_column *const *key_vals,
                       const char *partition_id, int64_t min_block, int64_t max_block,
                       uint32_t level, const char *tmp_prefix)
{
    return floe_mt_write_part_v(m, out, b, key_vals, partition_id, min_block, max_block, level, 0,
                                tmp_prefix);
}

int floe_mt_write_part_v(floe_mt *m, floe_part **out, floe_block *b, floe_column *const *key_vals,
                         const char *partition_id, int64_t min_block, int64_t max_block,
                         uint32_t level, int64_t mutation, const char *tmp_prefix)
{
    return floe_mt_write_part_in(m, out, floe_mt_new_part_dir(m), b, key_vals, partition_id,
                                 min_block, max_block, level, mutation, tmp_prefix);
}

int floe_mt_write_part_in(floe_mt *m, floe_part **out, const char *dir, floe_block *b,
                          floe_column *const *key_vals, const char *partition_id,
                          int64_t min_block, int64_t max_block, uint32_t level, int64_t mutation,
                          const char *tmp_prefix)
{
    if (sort_block(m, b) < 0)
        return -1;
    floe_column **pk = NULL;
    if (m->n_primary && floe_mt_eval_exprs(&pk, m, m->primary_exprs, m->n_primary, b) < 0)
        return -1;
    floe_part_info info;
    memset(&info, 0, sizeof info);
    snprintf(info.partition_id, sizeof info.partition_id, "%s", partition_id);
    info.min_block = min_block;
    info.max_block = max_block;
    info.level = level;
    info.mutation = mutation;
    char name[256], tmp[4096], final[4096];
    floe_part_info_name(name, sizeof name, &info);
    snprintf(tmp, sizeof tmp, "%s/%s%s", dir, tmp_prefix, name);
    snprintf(final, sizeof final, "%s/%s", dir, name);
    /* ALIAS columns are computed when read, never stored */
    size_t n = b->n_cols, k = 0;
    floe_column **cols = floe_calloc(n + 1, sizeof *cols);
    char **bnames = floe_calloc(n + 1, sizeof *bnames);
    const char **names = floe_calloc(n + 1, sizeof *names);
    const floe_type **types = floe_calloc(n + 1, sizeof *types);
    for (size_t c = 0; c < n; c++) {
        if (c < m->t->n_cols && m->t->cols[c].default_kind == FLOE_COLUMN_ALIAS)
            continue;
        cols[k] = b->cols[c];
        bnames[k] = b->names[c];
        names[k] = m->names[c];
        types[k] = m->types[c];
        k++;
    }
    floe_block stored = {k, b->rows, cols, bnames};
    floe_part_written w;
    floe_part_write_options wo = m->wopts;
    floe_part_skip_index *skip = NULL;
    int rc = floe_mt_skip_eval(&skip, &wo.n_skip, m, b);
    wo.skip = skip;
    if (rc == 0)
        rc = floe_part_write(&w, tmp, final, &stored, names, types, &m->pkey, key_vals, pk,
                             m->n_primary, &wo);
    floe_mt_skip_free(skip, wo.n_skip);
    floe_free(cols);
    floe_free(bnames);
    floe_free(names);
    floe_free(types);
    floe_mt_free_cols(pk, m->n_primary);
    if (rc < 0)
        return -1;
    if (floe_part_load(out, final, name, &m->pkey, false) < 0)
        return -1;
    if (m->pkey.n && floe_part_load_minmax(*out, &m->pkey, m->names, m->types) < 0) {
        floe_part_unref(*out);
        return -1;
    }
    load_primary(m, *out);
    return 0;
}

static int mt_insert_with(floe_table *t, const floe_block *b, const floe_insert_settings *is);

static int mt_insert(floe_table *t, const floe_block *b)
{
    floe_insert_settings is = {100, true};
    return mt_insert_with(t, b, &is);
}

static int mt_insert_with(floe_table *t, const floe_block *b, const floe_insert_settings *is)
{
    floe_mt *m = t->impl;
    if (b->rows == 0)
        return 0;
    floe_column **keys = NULL;
    floe_arena a = FLOE_ARENA_INIT;
    floe_func_ctx fctx = {NULL, (int64_t)time(NULL)};
    if (m->pkey.n &&
        floe_partition_key_eval(&keys, &m->pkey, b, t->n_cols, m->names, m->types, &a, &fctx) < 0) {
        floe_arena_free(&a);
        return -1;
    }
    /* rows of each partition, in order of first appearance */
    floe_hashmap groups = FLOE_HASHMAP_INIT;
    size_t n_groups = 0, cap = 0;
    size_t **rows = NULL;
    size_t *n_rows = NULL, *first = NULL;
    size_t cap_rows_dummy = 0;
    (void)cap_rows_dummy;
    char id[128];
    for (size_t r = 0; r < b->rows; r++) {
        floe_partition_id(id, sizeof id, &m->pkey, keys, r);
        uint64_t g = n_groups;
        if (floe_hashmap_get_or_insert(&groups, id, strlen(id), &g)) {
            if (n_groups == cap) {
                cap = cap ? cap * 2 : 8;
                rows = floe_realloc(rows, cap * sizeof *rows);
                n_rows = floe_realloc(n_rows, cap * sizeof *n_rows);
                first = floe_realloc(first, cap * sizeof *first);
            }
            rows[n_groups] = floe_malloc(b->rows * sizeof **rows);
            n_rows[n_groups] = 0;
            first[n_groups] = r;
            n_groups++;
        }
        rows[g][n_rows[g]++] = r;
    }
    int rc = 0;
    if (is->max_partitions_per_insert_block && n_groups > is->max_partitions_per_insert_block &&
        is->throw_on_max_partitions_per_insert_block) {
        rc = floe_error(FLOE_ERR_TOO_MANY_PARTS,
                        "Too many partitions for single INSERT block (more than %llu). The limit "
                        "is controlled by 'max_partitions_per_insert_block' setting. Large number "
                        "of partitions is a common misconception. It will lead to severe negative "
                        "performance impact, including slow server startup, slow INSERT queries "
                        "and slow SELECT queries. Recommended total number of partitions for a "
                        "table is under 1000..10000. Please note, that partitioning is not "
                        "intended to speed up SELECT queries (ORDER BY key is sufficient to make "
                        "range queries fast). Partitions are intended for data manipulation "
                        "(DROP PARTITION, etc)",
                        (unsigned long long)is->max_partitions_per_insert_block);
    }
    for (size_t g = 0; g < n_groups && rc == 0; g++) {
        floe_block *part = floe_block_new();
        for (size_t c = 0; c < b->n_cols; c++)
            floe_block_add(part, b->names[c],
                           n_groups == 1 ? floe_column_clone(b->cols[c])
                                         : floe_column_permute(b->cols[c], rows[g], n_rows[g]));
        part->rows = n_rows[g];
        floe_column **kv = NULL;
        if (m->pkey.n) {
            kv = floe_calloc(m->pkey.n + 1, sizeof *kv);
            for (size_t k = 0; k < m->pkey.n; k++)
                kv[k] = floe_column_slice(keys[k], first[g], 1);
        }
        floe_partition_id(id, sizeof id, &m->pkey, keys, first[g]);
        pthread_mutex_lock(&m->mu);
        int64_t block = m->next_block++;
        pthread_mutex_unlock(&m->mu);
        int64_t started = floe_clock_realtime_us();
        floe_part *p = NULL;
        rc = floe_mt_write_part(m, &p, part, kv, id, block, block, 0, "tmp_insert_");
        if (rc == 0) {
            pthread_mutex_lock(&m->mu);
            floe_mt_add_part(m, p);
            floe_mt_part_event(m, FLOE_PART_EVENT_NEW, p, started, 0, 0);
            pthread_mutex_unlock(&m->mu);
        }
        floe_mt_free_cols(kv, m->pkey.n);
        floe_block_free(part);
    }
    for (size_t g = 0; g < n_groups; g++)
        floe_free(rows[g]);
    floe_free(rows);
    floe_free(n_rows);
    floe_free(first);
    floe_hashmap_free(&groups);
    floe_mt_free_cols(keys, m->pkey.n);
    floe_arena_free(&a);
    return rc;
}

/* ---- reading ---- */

/* Reads column table_col of part p as the table's type: a column the part
 * does not have (added later) reads as defaults. */
int floe_mt_read_column(floe_column **out, floe_mt *m, const floe_part *p, size_t table_col)
{
    const char *name = m->names[table_col];
    const floe_type *type = m->types[table_col];
    int idx = floe_part_find_column(p, name);
    if (idx < 0 && m->t->cols[table_col].default_expr)
        return floe_mt_read_default(out, m, p, table_col);
    if (idx < 0) {
        floe_column *c = floe_column_new(type);
        floe_column_reserve(c, (size_t)p->rows, 0);
        for (uint64_t i = 0; i < p->rows; i++) {
            if (floe_type_is_nullable(type))
                floe_column_push_null(c);
            else
                floe_column_push_default(c);
        }
        *out = c;
        return 0;
    }
    floe_column *c;
    if (floe_part_read_column(&c, p, (size_t)idx) < 0)
        return -1;
    if (c->type != type) {
        floe_column *conv = NULL;
        int rc = floe_cast_column(&conv, c, type, FLOE_CAST_THROW, NULL);
        floe_column_free(c);
        if (rc < 0)
            return -1;
        c = conv;
    }
    *out = c;
    return 0;
}

static floe_column *virtual_column(floe_mt *m, const floe_part *p, size_t part_index, size_t v,
                                   const floe_type *type, size_t rows)
{
    floe_column *c = floe_column_new(type);
    floe_column_reserve(c, rows, 0);
    if (v == 0 || v == 2) {
        const char *s = v == 0 ? p->name : p->info.partition_id;
        size_t len = strlen(s);
        for (size_t i = 0; i < rows; i++)
            floe_column_push_string(c, s, len);
    } else if (v == 1) {
        uint64_t idx = part_index;
        for (size_t i = 0; i < rows; i++)
            floe_column_push_fixed(c, &idx);
    } else {
        /* _partition_value: the key's values as a tuple */
        for (size_t k = 0; k < c->n_children && k < m->pkey.n; k++) {
            floe_column *r = floe_column_replicate_row(p->partition[k], 0, rows);
            floe_column_free(c->children[k]);
            c->children[k] = r;
        }
        c->rows = rows;
    }
    return c;
}

/*
 * A scan reads its parts one after another, a batch of granules at a time,
 * through one streaming reader per column: memory holds one batch, whatever
 * the size of the part. ranges lists, per part, the granules that may hold
 * matching rows (primary-key pruning), as (first, count) pairs.
 */
typedef struct mt_scan {
    floe_op op;
    floe_mt *m;
    floe_part **parts;
    size_t n_parts, cur;
    size_t *cols;
    /* the current part */
    floe_part_reader **readers; /* per requested column; NULL: virtual or missing */
    bool part_open;
    size_t *ranges; /* pairs */
    size_t n_ranges, range, in_range;
    struct prune_set *pk_conds;
    struct skip_use *skips; /* data-skipping indices WHERE can use */
    size_t n_skips;
} mt_scan;

#define SCAN_BATCH_GRANULES 8

static void close_part(mt_scan *s)
{
    for (size_t i = 0; s->readers && i < s->op.n_cols; i++) {
        floe_part_reader_free(s->readers[i]);
        s->readers[i] = NULL;
    }
    floe_free(s->ranges);
    s->ranges = NULL;
    s->n_ranges = s->range = s->in_range = 0;
    s->part_open = false;
}

static void plan_granules(mt_scan *s, const floe_part *p);

/* A column of rows defaults (a column the part does not have). */
static floe_column *default_column(const floe_type *type, size_t rows)
{
    floe_column *c = floe_column_new(type);
    floe_column_reserve(c, rows, 0);
    for (size_t i = 0; i < rows; i++) {
        if (floe_type_is_nullable(type))
            floe_column_push_null(c);
        else
            floe_column_push_default(c);
    }
    return c;
}

int floe_mt_open_readers(floe_part_reader **readers, floe_mt *m, const floe_part *p,
                         const size_t *cols, size_t n)
{
    size_t n_table = m->t->n_cols;
    for (size_t i = 0; i < n; i++) {
        readers[i] = NULL;
        if (cols[i] >= n_table)
            continue;
        int idx = floe_part_find_column(p, m->names[cols[i]]);
        if (idx >= 0 && floe_part_reader_open(&readers[i], p, (size_t)idx) < 0) {
            for (size_t k = 0; k < i; k++) {
                floe_part_reader_free(readers[k]);
                readers[k] = NULL;
            }
            return -1;
        }
    }
    return 0;
}

int floe_mt_read_batch(floe_block **out, uint64_t *bytes_out, floe_mt *m, const floe_part *p,
                       size_t part_index, floe_part_reader *const *readers, const size_t *cols,
                       const char *const *names, const floe_type *const *types, size_t n,
                       size_t first, size_t count)
{
    size_t rows = 0;
    for (size_t g = first; g < first + count; g++)
        rows += (size_t)p->granule_rows[g];
    floe_block *b = floe_block_new();
    uint64_t bytes = 0;
    size_t n_table = m->t->n_cols;
    for (size_t i = 0; i < n; i++) {
        floe_column *c;
        if (cols[i] >= n_table) {
            c = virtual_column(m, p, part_index, cols[i] - n_table, types[i], rows);
        } else if (!readers[i] && m->t->cols[cols[i]].default_expr) {
            /* a column added later with a DEFAULT: computed over this
             * batch's granules (mutations.c) */
            if (floe_mt_read_default_range(&c, m, p, cols[i], first, count, rows) < 0) {
                floe_block_free(b);
                return -1;
            }
        } else if (!readers[i]) {
            c = default_column(types[i], rows);
        } else {
            int idx = floe_part_find_column(p, m->names[cols[i]]);
            c = floe_column_new(p->col_types[idx]);
            if (floe_part_reader_read(readers[i], c, first, count) < 0) {
                floe_column_free(c);
                floe_block_free(b);
                return -1;
            }
            if (c->type != types[i]) {
                floe_column *conv = NULL;
                int rc = floe_cast_column(&conv, c, types[i], FLOE_CAST_THROW, NULL);
                floe_column_free(c);
                if (rc < 0) {
                    floe_block_free(b);
                    return -1;
                }
                c = conv;
            }
        }
        bytes += floe_column_bytes(c);
        floe_block_add(b, names[i], c);
    }
    b->rows = rows;
    *out = b;
    if (bytes_out)
        *bytes_out = bytes;
    return 0;
}

static int open_part(mt_scan *s)
{
    floe_part *p = s->parts[s->cur];
    if (floe_mt_open_readers(s->readers, s->m, p, s->cols, s->op.n_cols) < 0)
        return -1;
    plan_granules(s, p);
    s->part_open = true;
    return 0;
}


static int scan_next(floe_op *op, floe_block **out)
{
    mt_scan *s = (mt_scan *)op;
    for (;;) {
        if (floe_exec_check_cancel(op->ctx) < 0)
            return -1;
        if (s->cur >= s->n_parts) {
            *out = NULL;
            return 0;
        }
        if (!s->part_open && open_part(s) < 0)
            return -1;
        if (s->range >= s->n_ranges) {
            close_part(s);
            s->cur++;
            continue;
        }
        floe_part *p = s->parts[s->cur];
        size_t first = s->ranges[2 * s->range] + s->in_range;
        size_t left = s->ranges[2 * s->range + 1] - s->in_range;
        size_t n = left < SCAN_BATCH_GRANULES ? left : SCAN_BATCH_GRANULES;
        s->in_range += n;
        if (s->in_range >= s->ranges[2 * s->range + 1]) {
            s->range++;
            s->in_range = 0;
        }
        floe_block *b = NULL;
        uint64_t bytes = 0;
        if (floe_mt_read_batch(&b, &bytes, s->m, p, s->cur, s->readers, s->cols, op->names,
                               op->types, op->n_cols, first, n) < 0)
            return -1;
        size_t rows = b->rows;
        if (floe_exec_add_read(op->ctx, rows, bytes) < 0) {
            floe_block_free(b);
            return -1;
        }
        *out = b;
        return 0;
    }
}

static void free_prune_set(struct prune_set *ps);
static void free_skips(mt_scan *s);

static void scan_free(floe_op *op)
{
    mt_scan *s = (mt_scan *)op;
    close_part(s);
    for (size_t i = 0; i < s->n_parts; i++)
        floe_part_unref(s->parts[i]);
    floe_free(s->parts);
    floe_free(s->cols);
    floe_free(s->readers);
    free_prune_set(s->pk_conds);
    free_skips(s);
    floe_free(s);
}

int floe_mt_part_cmp(const void *x, const void *y)
{
    const floe_part *a = *(floe_part *const *)x, *b = *(floe_part *const *)y;
    int r = strcmp(a->info.partition_id, b->info.partition_id);
    if (r)
        return r;
    return (a->info.min_block > b->info.min_block) - (a->info.min_block < b->info.min_block);
}

/* The active (and with_outdated, the outdated) parts, referenced, in
 * (partition, block) order. */
floe_part **floe_mt_snapshot(floe_mt *m, size_t *n, bool with_outdated)
{
    pthread_mutex_lock(&m->mu);
    floe_part **r = floe_malloc((m->n_parts + 1) * sizeof *r);
    size_t k = 0;
    for (size_t i = 0; i < m->n_parts; i++)
        if (with_outdated || m->parts[i]->state == FLOE_PART_ACTIVE) {
            floe_part_ref(m->parts[i]);
            r[k++] = m->parts[i];
        }
    pthread_mutex_unlock(&m->mu);
    qsort(r, k, sizeof *r, floe_mt_part_cmp);
    *n = k;
    return r;
}

static floe_part **snapshot(floe_mt *m, size_t *n)
{
    return floe_mt_snapshot(m, n, false);
}

/* ---- partition pruning ----
 * Conditions of WHERE's top-level AND that compare a partition-key column
 * (or a partition-key expression) with a constant decide, from a part's
 * minmax index (or partition value), that no row of the part can match.
 * Anything not understood is ignored: pruning only ever skips parts that
 * cannot match. */

enum { P_EQ, P_NE, P_LT, P_LE, P_GT, P_GE, P_IN };

typedef struct prune_cond {
    int op;
    bool on_key; /* against the partition value of key element idx, else minmax idx */
    size_t idx;
    floe_column *values; /* converted to the compared column's type; IN: several rows */
} prune_cond;

typedef struct prune_set {
    prune_cond *c;
    size_t n, cap;
} prune_set;

static int op_of(const char *name)
{
    static const char *names[] = {"equals",       "notEquals", "less",
                                  "lessOrEquals", "greater",   "greaterOrEquals"};
    for (int i = 0; i < 6; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    if (strcmp(name, "in") == 0)
        return P_IN;
    return -1;
}

static int flip(int op)
{
    switch (op) {
    case P_LT:
        return P_GT;
    case P_LE:
        return P_GE;
    case P_GT:
        return P_LT;
    case P_GE:
        return P_LE;
    default:
        return op;
    }
}

/* The constant value(s) of e converted to type, or NULL. */
static floe_column *const_values(const floe_ast *e, const floe_type *type, bool list)
{
    floe_arena a = FLOE_ARENA_INIT;
    floe_scope sc = {0};
    floe_func_ctx fctx = {NULL, (int64_t)time(NULL)};
    sc.fctx = &fctx;
    sc.arena = &a;
    floe_column *r = floe_column_new(type);
    const floe_ast *const *items = &e;
    size_t n = 1;
    if (list && e->kind == FLOE_AST_FUNC && strcmp(e->u.func.name, "tuple") == 0) {
        items = (const floe_ast *const *)e->u.func.args;
        n = e->u.func.n_args;
    }
    for (size_t i = 0; i < n && r; i++) {
        floe_expr *x;
        floe_column *conv = NULL;
        if (floe_expr_compile(&x, &sc, items[i]) < 0 || x->kind != FLOE_EXPR_CONST ||
            floe_column_is_null(x->value, 0) ||
            floe_cast_column(&conv, x->value, type, FLOE_CAST_THROW, NULL) < 0) {
            floe_column_free(r);
            r = NULL;
            break;
        }
        floe_column_push_from(r, conv, 0);
        floe_column_free(conv);
    }
    floe_scope_free(&sc);
    floe_arena_free(&a);
    floe_error_clear();
    return r;
}

static bool ast_is_column(const floe_ast *e, const char *name)
{
    return e->kind == FLOE_AST_IDENT && strcmp(e->u.ident.parts[e->u.ident.n_parts - 1], name) == 0;
}

static bool same_expr(const floe_ast *a, const floe_ast *b)
{
    floe_buf x = FLOE_BUF_INIT, y = FLOE_BUF_INIT;
    floe_ast_column_name(&x, a);
    floe_ast_column_name(&y, b);
    bool r = x.data && y.data && strcmp(x.data, y.data) == 0;
    floe_buf_free(&x);
    floe_buf_free(&y);
    return r;
}

static void add_cond(prune_set *ps, int op, bool on_key, size_t idx, floe_column *v)
{
    if (!v)
        return;
    FLOE_GROW(ps->c, ps->cap, ps->n + 1);
    ps->c[ps->n++] = (prune_cond){op, on_key, idx, v};
}

/* A matcher for walk_conds: takes `col op val` (op as if col were on the
 * left) into ps when col is something it prunes by; true when it took it. */
typedef bool (*cond_matcher)(const void *arg, const floe_ast *col, const floe_ast *val, int op,
                             prune_set *ps);

/* Offers each comparison of WHERE's top-level AND to match, both ways round
 * (IN only with the column on the left). */
static void walk_conds(const floe_ast *e, cond_matcher match, const void *arg, prune_set *ps)
{
    if (!e || e->kind != FLOE_AST_FUNC)
        return;
    if (strcmp(e->u.func.name, "and") == 0) {
        for (size_t i = 0; i < e->u.func.n_args; i++)
            walk_conds(e->u.func.args[i], match, arg, ps);
        return;
    }
    int op = op_of(e->u.func.name);
    if (op < 0 || e->u.func.n_args != 2)
        return;
    for (int side = 0; side < 2; side++) {
        if (op == P_IN && side == 1)
            break;
        if (match(arg, e->u.func.args[side], e->u.func.args[1 - side], side ? flip(op) : op, ps))
            return;
    }
}

/* Partition pruning: a minmax column of the partition key, or a key
 * expression. */
static bool match_partition(const void *arg, const floe_ast *col, const floe_ast *val, int op,
                            prune_set *ps)
{
    const floe_mt *m = arg;
    for (size_t i = 0; i < m->pkey.n_minmax; i++) {
        size_t tc = m->pkey.minmax_cols[i];
        if (ast_is_column(col, m->names[tc])) {
            add_cond(ps, op, false, i,
                     const_values(val, floe_type_strip_nullable(m->types[tc]), op == P_IN));
            return true;
        }
    }
    for (size_t k = 0; k < m->pkey.n; k++)
        if (same_expr(col, m->pkey.exprs[k])) {
            add_cond(ps, op, true, k,
                     const_values(val, floe_type_strip_nullable(m->pkey.types[k]), op == P_IN));
            return true;
        }
    return false;
}

/* May some value x with lo <= x <= hi (hi NULL: no upper bound) satisfy
 * `x op v` for one of the values v (IN: any; else the first)? lo, hi and v
 * hold the same type (Nullable or not: rows compared are not NULL). */
static bool bounds_may_match(int op, const floe_column *v, const floe_column *lo, size_t lr,
                             const floe_column *hi, size_t hr)
{
    for (size_t i = 0; i < v->rows; i++) {
        int cl = floe_column_compare(v, i, lo, lr, true);
        int ch = hi ? floe_column_compare(v, i, hi, hr, true) : -1;
        switch (op) {
        case P_EQ:
        case P_IN:
            if (cl >= 0 && ch <= 0)
                return true;
            break;
        case P_NE:
            return !(hi && cl == 0 && ch == 0);
        case P_LT: /* col < v: some col below v */
            return cl > 0;
        case P_LE:
            return cl >= 0;
        case P_GT:
            return ch < 0;
        case P_GE:
            return ch <= 0;
        }
    }
    return false;
}

static bool cond_may_match(const prune_cond *c, const floe_part *p)
{
    if (c->on_key) {
        if (!p->partition || floe_column_is_null(p->partition[c->idx], 0))
            return true;
        /* a Nullable partition value compares by its data */
        return bounds_may_match(c->op, c->values, p->partition[c->idx], 0, p->partition[c->idx],
                                0);
    }
    if (!p->minmax || c->idx >= p->n_minmax)
        return true;
    if (p->minmax[c->idx]->rows < 2)
        return false; /* only NULLs: no comparison is true */
    return bounds_may_match(c->op, c->values, p->minmax[c->idx], 0, p->minmax[c->idx], 1);
}

static bool part_may_match(const prune_set *ps, const floe_part *p)
{
    for (size_t i = 0; i < ps->n; i++)
        if (!cond_may_match(&ps->c[i], p))
            return false;
    return true;
}

static void free_prune_set(prune_set *ps)
{
    if (!ps)
        return;
    for (size_t i = 0; i < ps->n; i++)
        floe_column_free(ps->c[i].values);
    floe_free(ps->c);
    floe_free(ps);
}

/* Conditions of WHERE's top-level AND on the first primary-key column. */
static bool match_pk_first(const void *arg, const floe_ast *col, const floe_ast *val, int op,
                           prune_set *ps)
{
    const floe_mt *m = arg;
    if (!ast_is_column(col, m->names[m->pk_first_col]))
        return false;
    add_cond(ps, op, false, 0,
             const_values(val, floe_type_strip_nullable(m->primary_types[0]), op == P_IN));
    return true;
}

/* A data-skipping index a scan uses: WHERE's conditions on its elements
 * (prune_cond.idx is the element). */
typedef struct skip_use {
    const floe_skip_def *def;
    prune_set conds;
} skip_use;

static void free_skips(mt_scan *s)
{
    for (size_t i = 0; i < s->n_skips; i++) {
        for (size_t k = 0; k < s->skips[i].conds.n; k++)
            floe_column_free(s->skips[i].conds.c[k].values);
        floe_free(s->skips[i].conds.c);
    }
    floe_free(s->skips);
}

static bool elem_matches(const floe_ast *col, const floe_ast *elem)
{
    if (elem->kind == FLOE_AST_IDENT)
        return ast_is_column(col, elem->u.ident.parts[elem->u.ident.n_parts - 1]);
    return same_expr(col, elem);
}

/* Granule pruning by index d: an element of its expression. */
static bool match_skip(const void *arg, const floe_ast *col, const floe_ast *val, int op,
                       prune_set *ps)
{
    const floe_skip_def *d = arg;
    for (size_t k = 0; k < d->n_elems; k++)
        if (elem_matches(col, d->elems[k])) {
            add_cond(ps, op, false, k,
                     const_values(val, floe_type_strip_nullable(d->types[k]), op == P_IN));
            return true;
        }
    return false;
}

static bool minmax_granule_may_match(const floe_skip_data *sd, const prune_set *ps, size_t g)
{
    for (size_t i = 0; i < ps->n; i++) {
        const floe_column *c = sd->minmax[ps->c[i].idx];
        size_t lo = 2 * g, hi = 2 * g + 1;
        if (floe_column_is_null(c, lo))
            return false; /* only NULLs: no comparison is true */
        if (floe_column_is_nan(c, lo) || floe_column_is_nan(c, hi))
            continue;
        /* a NULL max: the granule has NULLs, which sort last */
        if (!bounds_may_match(ps->c[i].op, ps->c[i].values, c, lo,
                              floe_column_is_null(c, hi) ? NULL : c, hi))
            return false;
    }
    return true;
}

static bool set_granule_may_match(const floe_skip_data *sd, const prune_set *ps, size_t g)
{
    if (!sd->set_known[g])
        return true;
    floe_column *const *cols = &sd->sets[g * sd->def->n_elems];
    for (size_t r = 0; r < cols[0]->rows; r++) {
        bool ok = true;
        for (size_t i = 0; i < ps->n && ok; i++) {
            const floe_column *c = cols[ps->c[i].idx];
            ok = !floe_column_is_null(c, r) &&
                 bounds_may_match(ps->c[i].op, ps->c[i].values, c, r, c, r);
        }
        if (ok)
            return true;
    }
    return false;
}

/* Clears keep[g] for the data granules of p index u proves hold no match. */
/* True when every table column e reads is in part p with the type the
 * table has now: an index file written before a column changed type (a
 * part a pending mutation has not rewritten yet) holds values of the old
 * type and is not read as the new one. */
static bool part_columns_current(const floe_mt *m, const floe_part *p, const floe_ast *e)
{
    switch (e->kind) {
    case FLOE_AST_LITERAL:
        return true;
    case FLOE_AST_IDENT: {
        int c = floe_table_find_column(m->t, e->u.ident.parts[e->u.ident.n_parts - 1]);
        if (c < 0)
            return false;
        int k = floe_part_find_column(p, m->names[c]);
        if (k < 0)
            return false;
        return p->col_types[k] == floe_part_stored_type(m->types[c]);
    }
    case FLOE_AST_FUNC:
        for (size_t i = 0; i < e->u.func.n_args; i++)
            if (!part_columns_current(m, p, e->u.func.args[i]))
                return false;
        return true;
    default:
        return false;
    }
}

static void skip_prune(const floe_mt *m, const skip_use *u, const floe_part *p, uint8_t *keep,
                       size_t marks)
{
    for (size_t e = 0; e < u->def->n_elems; e++)
        if (!part_columns_current(m, p, u->def->elems[e]))
            return;
    floe_skip_data *sd = NULL;
    if (floe_skip_data_load(&sd, p->dir, u->def) < 0) {
        floe_error_clear(); /* an unreadable index only stops skipping */
        return;
    }
    size_t span = (size_t)u->def->granularity;
    /* an index of another shape than the part's granules is not this index */
    if (!sd || sd->n_granules != (marks + span - 1) / span) {
        floe_skip_data_free(sd);
        return;
    }
    for (size_t ig = 0; ig < sd->n_granules && ig * span < marks; ig++) {
        bool may = u->def->kind == FLOE_SKIP_MINMAX ? minmax_granule_may_match(sd, &u->conds, ig)
                                                    : set_granule_may_match(sd, &u->conds, ig);
        if (may)
            continue;
        for (size_t g = ig * span; g < (ig + 1) * span && g < marks; g++)
            keep[g] = 0;
    }
    floe_skip_data_free(sd);
}

/* The granules of p the scan reads, as ranges: those the primary key and
 * the data-skipping indices do not rule out. */
static void plan_granules(mt_scan *s, const floe_part *p)
{
    size_t marks = (size_t)p->marks;
    s->ranges = floe_malloc((2 * marks + 2) * sizeof *s->ranges);
    s->n_ranges = 0;
    s->range = s->in_range = 0;
    if (!marks)
        return;
    uint8_t *keep = floe_malloc(marks);
    memset(keep, 1, marks);
    const prune_set *ps = s->pk_conds;
    const floe_column *pk = p->primary_first;
    if (ps && ps->n && pk && !floe_type_is_nullable(pk->type))
        for (size_t g = 0; g < marks; g++)
            for (size_t i = 0; i < ps->n && keep[g]; i++)
                keep[g] = bounds_may_match(ps->c[i].op, ps->c[i].values, pk, g, pk, g + 1);
    for (size_t u = 0; u < s->n_skips; u++)
        skip_prune(s->m, &s->skips[u], p, keep, marks);
    for (size_t g = 0; g < marks; g++) {
        if (!keep[g])
            continue;
        if (s->n_ranges && s->ranges[2 * (s->n_ranges - 1)] + s->ranges[2 * (s->n_ranges - 1) + 1] == g)
            s->ranges[2 * (s->n_ranges - 1) + 1]++;
        else {
            s->ranges[2 * s->n_ranges] = g;
            s->ranges[2 * s->n_ranges + 1] = 1;
            s->n_ranges++;
        }
    }
    floe_free(keep);
}

/* The next name of a list setting of index names
 * (force_/ignore_data_skipping_indices: identifiers separated by commas,
 * backquotes allowed), advancing *pp; NULL at the end. */
static const char *next_name(const char **pp, size_t *len)
{
    const char *p = *pp;
    while (*p == ' ' || *p == ',' || *p == '\t')
        p++;
    if (!*p) {
        *pp = p;
        return NULL;
    }
    const char *start = p;
    if (*p == '`') {
        start = ++p;
        while (*p && *p != '`')
            p++;
        *len = (size_t)(p - start);
        if (*p)
            p++;
    } else {
        while (*p && *p != ',' && *p != ' ' && *p != '\t')
            p++;
        *len = (size_t)(p - start);
    }
    *pp = p;
    return start;
}

static bool names_index(const char *list, const char *name)
{
    size_t len, n = strlen(name);
    for (const char *w; (w = next_name(&list, &len));)
        if (len == n && memcmp(w, name, n) == 0)
            return true;
    return false;
}

/* Picks the indices WHERE can use; checks force_data_skipping_indices. */
static int plan_skips(mt_scan *s, const floe_ast *where, const floe_exec_settings *set)
{
    floe_mt *m = s->m;
    const char *force = set->force_data_skipping_indices;
    size_t len;
    const char *q = force;
    if (force && !next_name(&q, &len))
        return floe_error(FLOE_ERR_CANNOT_PARSE_TEXT,
                          "Cannot parse string ('%s') into vector of identifiers", force);
    s->skips = floe_calloc(m->n_skip + 1, sizeof *s->skips);
    for (size_t i = 0; i < m->n_skip; i++) {
        const floe_skip_def *d = &m->skip[i];
        if (!where || !set->use_skip_indexes || d->kind == FLOE_SKIP_UNBUILT)
            continue;
        const char *ignore = set->ignore_data_skipping_indices;
        if (ignore && names_index(ignore, d->name))
            continue;
        skip_use *u = &s->skips[s->n_skips];
        u->def = d;
        walk_conds(where, match_skip, d, &u->conds);
        if (u->conds.n)
            s->n_skips++;
    }
    if (!force)
        return 0;
    /* every index named must be one the scan uses */
    for (const char *w; (w = next_name(&force, &len));) {
        bool used = false;
        for (size_t i = 0; i < s->n_skips && !used; i++)
            used = strlen(s->skips[i].def->name) == len &&
                   memcmp(s->skips[i].def->name, w, len) == 0;
        if (!used)
            return floe_error(FLOE_ERR_INDEX_NOT_USED,
                              "Index `%.*s` is not used and setting 'force_data_skipping_indices' "
                              "contains it",
                              (int)len, w);
    }
    return 0;
}

static int mt_scan_open(floe_table *t, floe_op **out, const size_t *cols, size_t n,
                        const floe_ast *where, floe_exec_ctx *ctx)
{
    floe_mt *m = t->impl;
    mt_scan *s = floe_calloc(1, sizeof *s);
    s->m = m;
    s->op.ctx = ctx;
    s->op.n_cols = n;
    s->op.names = floe_arena_alloc(ctx->arena, (n + 1) * sizeof *s->op.names);
    s->op.types = floe_arena_alloc(ctx->arena, (n + 1) * sizeof *s->op.types);
    s->cols = floe_malloc((n + 1) * sizeof *s->cols);
    for (size_t i = 0; i < n; i++) {
        s->cols[i] = cols[i];
        if (cols[i] < t->n_cols) {
            s->op.names[i] = floe_arena_strdup(ctx->arena, t->cols[cols[i]].name);
            s->op.types[i] = t->cols[cols[i]].type;
        } else {
            s->op.names[i] = t->virtual_names[cols[i] - t->n_cols];
            s->op.types[i] = t->virtual_types[cols[i] - t->n_cols];
        }
    }
    s->op.next = scan_next;
    s->op.free = scan_free;
    s->readers = floe_calloc(n + 1, sizeof *s->readers);
    s->parts = snapshot(m, &s->n_parts);
    if (plan_skips(s, where, &ctx->settings) < 0) {
        scan_free(&s->op);
        return -1;
    }
    if (where && m->pk_first_col >= 0) {
        s->pk_conds = floe_calloc(1, sizeof *s->pk_conds);
        walk_conds(where, match_pk_first, m, s->pk_conds);
    }
    if (where && m->pkey.n) {
        prune_set ps = {0};
        walk_conds(where, match_partition, m, &ps);
        size_t k = 0;
        for (size_t i = 0; i < s->n_parts; i++) {
            if (part_may_match(&ps, s->parts[i]))
                s->parts[k++] = s->parts[i];
            else
                floe_part_unref(s->parts[i]);
        }
        s->n_parts = k;
        for (size_t i = 0; i < ps.n; i++)
            floe_column_free(ps.c[i].values);
        floe_free(ps.c);
    }
    *out = &s->op;
    return 0;
}

/* ---- merges ---- */

/* The merges in flight, for system.merges: their parts are referenced by
 * the merge for as long as it is listed. */
typedef struct running_merge {
    struct running_merge *next;
    floe_mt *m;
    floe_part **sel;
    size_t n;
    char result[256];
    double started;
    uint64_t total_rows, rows_read, bytes_read;
} running_merge;

static pthread_mutex_t merges_mu = PTHREAD_MUTEX_INITIALIZER;
static running_merge *merges_head;

static void merge_listed(running_merge *r, floe_mt *m, floe_part **sel, size_t n)
{
    memset(r, 0, sizeof *r);
    r->m = m;
    r->sel = sel;
    r->n = n;
    r->started = floe_clock_seconds();
    floe_part_info info = sel[0]->info;
    for (size_t i = 0; i < n; i++) {
        const floe_part_info *pi = &sel[i]->info;
        if (pi->min_block < info.min_block)
            info.min_block = pi->min_block;
        if (pi->max_block > info.max_block)
            info.max_block = pi->max_block;
        if (pi->level > info.level)
            info.level = pi->level;
        if (pi->mutation > info.mutation)
            info.mutation = pi->mutation;
        r->total_rows += sel[i]->rows;
    }
    info.level++;
    floe_part_info_name(r->result, sizeof r->result, &info);
    pthread_mutex_lock(&merges_mu);
    r->next = merges_head;
    merges_head = r;
    pthread_mutex_unlock(&merges_mu);
}

static void merge_unlisted(running_merge *r)
{
    pthread_mutex_lock(&merges_mu);
    for (running_merge **pp = &merges_head; *pp; pp = &(*pp)->next)
        if (*pp == r) {
            *pp = r->next;
            break;
        }
    pthread_mutex_unlock(&merges_mu);
}

floe_merge_status *floe_mergetree_merges(size_t *n)
{
    pthread_mutex_lock(&merges_mu);
    size_t k = 0;
    for (running_merge *r = merges_head; r; r = r->next)
        k++;
    floe_merge_status *v = floe_calloc(k + 1, sizeof *v);
    k = 0;
    double now = floe_clock_seconds();
    for (running_merge *r = merges_head; r; r = r->next, k++) {
        floe_merge_status *s = &v[k];
        floe_mt *m = r->m;
        s->database = floe_strdup(m->t->db);
        s->table = floe_strdup(m->t->name);
        s->result_part_name = floe_strdup(r->result);
        const char *mdir = floe_mt_merge_dir(m, r->sel, r->n);
        size_t dl = strlen(mdir) + strlen(r->result) + 3;
        s->result_part_path = floe_malloc(dl);
        snprintf(s->result_part_path, dl, "%s/%s/", mdir, r->result);
        s->partition_id = floe_strdup(r->sel[0]->info.partition_id);
        floe_buf pt = FLOE_BUF_INIT;
        floe_partition_text(&pt, &m->pkey, r->sel[0]->partition, 0);
        s->partition = floe_strdup(pt.data ? pt.data : "");
        floe_buf_free(&pt);
        s->num_parts = r->n;
        s->source_part_names = floe_calloc(r->n + 1, sizeof *s->source_part_names);
        s->source_part_paths = floe_calloc(r->n + 1, sizeof *s->source_part_paths);
        for (size_t i = 0; i < r->n; i++) {
            const floe_part *p = r->sel[i];
            s->source_part_names[i] = floe_strdup(p->name);
            size_t pl = strlen(p->dir) + 2;
            s->source_part_paths[i] = floe_malloc(pl);
            snprintf(s->source_part_paths[i], pl, "%s/", p->dir);
            s->total_size_bytes_compressed += p->compressed_bytes;
            s->total_size_bytes_uncompressed += p->uncompressed_bytes;
            s->total_size_marks += p->marks;
        }
        s->elapsed = now - r->started;
        s->rows_read = r->rows_read;
        s->bytes_read_uncompressed = r->bytes_read;
        s->progress = r->total_rows ? (double)r->rows_read / (double)r->total_rows : 0;
    }
    pthread_mutex_unlock(&merges_mu);
    *n = k;
    return v;
}

void floe_merge_statuses_free(floe_merge_status *v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        floe_merge_status *s = &v[k];
        floe_free(s->database);
        floe_free(s->table);
        floe_free(s->result_part_name);
        floe_free(s->result_part_path);
        floe_free(s->partition_id);
        floe_free(s->partition);
        for (size_t i = 0; i < s->num_parts; i++) {
            floe_free(s->source_part_names[i]);
            floe_free(s->source_part_paths[i]);
        }
        floe_free(s->source_part_names);
        floe_free(s->source_part_paths);
    }
    floe_free(v);
}

/* Merges parts sel[0..n) (referenced, marked merging, one partition, in
 * block order) into one part; releases them. */
int floe_mt_merge_parts(floe_mt *m, floe_part **sel, size_t n)
{
    int rc = 0;
    int64_t started = floe_clock_realtime_us();
    uint64_t read_bytes = 0;
    running_merge listed;
    merge_listed(&listed, m, sel, n);
    floe_block *b = floe_block_new();
    for (size_t c = 0; c < m->t->n_cols; c++)
        floe_block_add(b, m->names[c], floe_column_new(m->types[c]));
    b->rows = 0;
    int64_t min_block = INT64_MAX, max_block = INT64_MIN, mutation = 0;
    uint32_t level = 0;
    for (size_t i = 0; i < n; i++) {
        floe_part *p = sel[i];
        if (p->info.mutation > mutation)
            mutation = p->info.mutation; /* the merged part keeps the data version */
        for (size_t c = 0; c < m->t->n_cols; c++) {
            floe_column *col;
            if ((rc = floe_mt_read_column(&col, m, p, c)) < 0)
                goto done;
            floe_column_append_range(b->cols[c], col, 0, col->rows);
            floe_column_free(col);
        }
        b->rows += (size_t)p->rows;
        read_bytes += p->uncompressed_bytes;
        pthread_mutex_lock(&merges_mu);
        listed.rows_read += p->rows;
        listed.bytes_read = read_bytes;
        pthread_mutex_unlock(&merges_mu);
        if (p->info.min_block < min_block)
            min_block = p->info.min_block;
        if (p->info.max_block > max_block)
            max_block = p->info.max_block;
        if (p->info.level > level)
            level = p->info.level;
    }
    floe_part *np = NULL;
    if ((rc = floe_mt_write_part_in(m, &np, floe_mt_merge_dir(m, sel, n), b, sel[0]->partition,
                                    sel[0]->info.partition_id, min_block, max_block, level + 1,
                                    mutation, "tmp_merge_")) < 0)
        goto done;
    time_t now = time(NULL);
    pthread_mutex_lock(&m->mu);
    for (size_t i = 0; i < n; i++) {
        sel[i]->state = FLOE_PART_OUTDATED;
        sel[i]->remove_time = now;
    }
    floe_mt_add_part(m, np);
    floe_mt_part_event(m, FLOE_PART_EVENT_MERGE, np, started, b->rows, read_bytes);
    pthread_mutex_unlock(&m->mu);
done:
    merge_unlisted(&listed);
    floe_block_free(b);
    pthread_mutex_lock(&m->mu);
    for (size_t i = 0; i < n; i++)
        sel[i]->merging = false;
    pthread_mutex_unlock(&m->mu);
    for (size_t i = 0; i < n; i++)
        floe_part_unref(sel[i]);
    return rc;
}

/* Under mu: the active parts of a partition in block order (not
 * referenced). *busy tells whether one of them is being merged. */
size_t floe_mt_partition_parts(floe_mt *m, const char *partition_id, floe_part **out, bool *busy)
{
    size_t n = 0;
    *busy = false;
    for (size_t i = 0; i < m->n_parts; i++) {
        floe_part *p = m->parts[i];
        if (p->state != FLOE_PART_ACTIVE || strcmp(p->info.partition_id, partition_id) != 0)
            continue;
        out[n++] = p;
        *busy |= p->merging;
    }
    qsort(out, n, sizeof *out, floe_mt_part_cmp);
    return n;
}

/* OPTIMIZE of one partition: waits for running merges there, then merges
 * every active part of it (with final, a single part too). */
static int merge_partition(floe_mt *m, const char *partition_id, bool final)
{
    floe_part **sel = NULL;
    size_t n;
    for (;;) {
        pthread_mutex_lock(&m->mu);
        floe_free(sel);
        sel = floe_malloc((m->n_parts + 1) * sizeof *sel);
        bool busy;
        n = floe_mt_partition_parts(m, partition_id, sel, &busy);
        if (!busy)
            break;
        pthread_mutex_unlock(&m->mu);
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
    }
    if (n == 0 || (n == 1 && !final)) {
        pthread_mutex_unlock(&m->mu);
        floe_free(sel);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        sel[i]->merging = true;
        floe_part_ref(sel[i]);
    }
    pthread_mutex_unlock(&m->mu);
    int rc = floe_mt_merge_parts(m, sel, n);
    floe_free(sel);
    if (rc == 0) {
        pthread_mutex_lock(&m->mu);
        floe_mt_cleanup_outdated(m, false);
        pthread_mutex_unlock(&m->mu);
    }
    return rc;
}

static int mt_optimize(floe_table *t, const char *partition_id, bool final)
{
    floe_mt *m = t->impl;
    /* a merge must not mix parts a pending mutation has and has not
     * reached: finish the mutations first */
    floe_mt_mutations_settle(m);
    if (partition_id)
        return merge_partition(m, partition_id, final);
    size_t n;
    floe_part **parts = snapshot(m, &n);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        if (i == 0 || strcmp(parts[i]->info.partition_id, parts[i - 1]->info.partition_id) != 0)
            rc = merge_partition(m, parts[i]->info.partition_id, final);
    for (size_t i = 0; i < n; i++)
        floe_part_unref(parts[i]);
    floe_free(parts);
    return rc;
}

/* Background: merge the oldest run of parts of a partition that has
 * gathered at least MERGE_MIN_PARTS, at most MERGE_MAX_PARTS at once, parts
 * no more than MERGE_MAX_RATIO times the run's smallest (size tiers, so a
 * big merged part is not rewritten for every small insert). */
#define MERGE_MIN_PARTS 5
#define MERGE_MAX_PARTS 10
#define MERGE_MAX_RATIO 8

static int mt_bg_step(floe_table *t)
{
    floe_mt *m = t->impl;
    pthread_mutex_lock(&m->mu);
    floe_mt_cleanup_outdated(m, false);
    bool retired = m->retired;
    pthread_mutex_unlock(&m->mu);
    if (retired)
        return 0;
    /* SYSTEM STOP MERGES stops background mutations too, as in ClickHouse
     * (a statement with mutations_sync > 0 still runs its own) */
    if (!floe_bg_merges_enabled(t))
        return 0;
    if (floe_mt_mutations_step(m) > 0)
        return 1;
    pthread_mutex_lock(&m->mu);
    floe_part **all = floe_malloc((m->n_parts + 1) * sizeof *all);
    floe_part **sel = floe_malloc((m->n_parts + 1) * sizeof *sel);
    size_t n_sel = 0;
    for (size_t i = 0; i < m->n_parts && n_sel == 0; i++) {
        floe_part *first = m->parts[i];
        if (first->state != FLOE_PART_ACTIVE)
            continue;
        bool busy;
        size_t n = floe_mt_partition_parts(m, first->info.partition_id, all, &busy);
        if (n < MERGE_MIN_PARTS || all[0] != first)
            continue; /* each partition once, from its first part */
        for (size_t a = 0; a + 1 < n && n_sel == 0; a++) {
            size_t b = a;
            uint64_t smallest = UINT64_MAX;
            while (b < n && b - a < MERGE_MAX_PARTS && !all[b]->merging) {
                uint64_t sz = all[b]->bytes_on_disk ? all[b]->bytes_on_disk : 1;
                if (sz < smallest)
                    smallest = sz;
                if (sz > smallest * MERGE_MAX_RATIO)
                    break;
                b++;
            }
            if (b - a >= MERGE_MIN_PARTS)
                for (size_t k = a; k < b; k++)
                    sel[n_sel++] = all[k];
        }
    }
    for (size_t i = 0; i < n_sel; i++) {
        sel[i]->merging = true;
        floe_part_ref(sel[i]);
    }
    pthread_mutex_unlock(&m->mu);
    floe_free(all);
    int did = 0;
    if (n_sel) {
        if (floe_mt_merge_parts(m, sel, n_sel) < 0) {
            fprintf(stderr, "floe: background merge in %s.%s failed: %s\n", t->db, t->name,
                    floe_error_message());
            floe_error_clear();
        } else {
            did = 1;
        }
    }
    floe_free(sel);
    return did;
}

/* ---- lifecycle ---- */

static int mt_truncate(floe_table *t)
{
    floe_mt *m = t->impl;
    time_t now = time(NULL);
    pthread_mutex_lock(&m->mu);
    for (size_t i = 0; i < m->n_parts; i++)
        if (m->parts[i]->state == FLOE_PART_ACTIVE) {
            m->parts[i]->state = FLOE_PART_OUTDATED;
            m->parts[i]->remove_time = now;
        }
    floe_mt_cleanup_outdated(m, true);
    pthread_mutex_unlock(&m->mu);
    return 0;
}

static int mt_drop(floe_table *t)
{
    int rc = mt_truncate(t);
    floe_mt_disks_drop(t->impl); /* the catalog removes dir */
    return rc;
}

static void mt_free(floe_table *t)
{
    floe_mt *m = t->impl;
    if (!m)
        return;
    floe_bg_unregister(t);
    floe_mt_mutations_free(m);
    for (size_t i = 0; i < m->n_parts; i++) {
        /* an outdated part goes from disk when its last reader lets go */
        if (m->parts[i]->state == FLOE_PART_OUTDATED)
            m->parts[i]->remove_on_free = true;
        floe_part_unref(m->parts[i]);
    }
    floe_free(m->parts);
    floe_mt_disks_free(m);
    floe_free(m->dir);
    floe_free(m->codecs);
    floe_arena_free(&m->arena);
    pthread_mutex_destroy(&m->mu);
    floe_free(m);
    t->impl = NULL;
}

/* PARTITION clauses follow the partition operations' rules (conversions,
 * ID checks, ClickHouse's errors). */
static int mt_partition_id(floe_table *t, const floe_ast *partition, char *out, size_t size)
{
    return floe_mt_partition_id(t, partition, out, size);
}

static const floe_table_ops mergetree_ops = {
    .scan = mt_scan_open,
    .insert = mt_insert,
    .truncate = mt_truncate,
    .drop = mt_drop,
    .free = mt_free,
    .optimize = mt_optimize,
    .partition_id = mt_partition_id,
    .insert_with = mt_insert_with, /* max_partitions_per_insert_block from the statement */
};

static bool is_part_dir_name(const char *name)
{
    floe_part_info info;
    if (floe_part_info_parse(&info, name) < 0) {
        floe_error_clear();
        return false;
    }
    return true;
}

/* Whether m already has a part named name (loaded from an earlier disk). */
static bool has_part_named(const floe_mt *m, const char *name)
{
    for (size_t i = 0; i < m->n_parts; i++)
        if (strcmp(m->parts[i]->name, name) == 0)
            return true;
    return false;
}

/* Loads the parts in dir, the table's directory on one of its disks. */
static int load_dir(floe_mt *m, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (errno == ENOENT && strcmp(dir, m->dir) != 0)
            return 0; /* no part has been on this disk yet */
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot open directory %s: %s", dir,
                          strerror(errno));
    }
    struct dirent *e;
    char path[4096 + 256];
    int rc = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (strncmp(e->d_name, "tmp", 3) == 0 || strncmp(e->d_name, "delete_tmp_", 11) == 0 ||
            strcmp(e->d_name, "moving") == 0) {
            /* a part, merge or move that never finished, or a removal */
            floe_fs_remove_tree(path);
            continue;
        }
        if (!is_part_dir_name(e->d_name))
            continue;
        if (has_part_named(m, e->d_name)) {
            /* a move stopped between its rename and the old copy's removal:
             * both copies are whole, the first disk's stays */
            floe_fs_remove_tree(path);
            continue;
        }
        floe_part *p;
        if (floe_part_load(&p, path, e->d_name, &m->pkey, true) < 0) {
            /* a broken part is set aside, the table goes on without it */
            char dst[4096 + 512];
            snprintf(dst, sizeof dst, "%s/detached", dir);
            floe_fs_mkdir_p(dst);
            snprintf(dst, sizeof dst, "%s/detached/broken_%s", dir, e->d_name);
            fprintf(stderr, "floe: part %s is broken and was detached: %s\n", e->d_name,
                    floe_error_message());
            floe_error_clear();
            rename(path, dst);
            continue;
        }
        if (m->pkey.n && floe_part_load_minmax(p, &m->pkey, m->names, m->types) < 0) {
            fprintf(stderr, "floe: part %s: %s\n", e->d_name, floe_error_message());
            floe_error_clear();
            floe_part_unref(p);
            continue;
        }
        load_primary(m, p);
        floe_mt_add_part(m, p);
        if (p->info.max_block >= m->next_block)
            m->next_block = p->info.max_block + 1;
    }
    closedir(d);
    return rc;
}

static int load_parts(floe_mt *m)
{
    int rc = 0;
    for (size_t i = 0; i < m->n_disks && rc == 0; i++)
        rc = load_dir(m, m->disk_dirs[i]);
    /* parts covered by another (left behind by a merge) are outdated */
    for (size_t i = 0; i < m->n_parts; i++)
        for (size_t j = 0; j < m->n_parts; j++)
            if (i != j && m->parts[j]->state == FLOE_PART_ACTIVE &&
                floe_part_info_contains(&m->parts[j]->info, &m->parts[i]->info) &&
                strcmp(m->parts[j]->name, m->parts[i]->name) != 0) {
                m->parts[i]->state = FLOE_PART_OUTDATED;
                break;
            }
    floe_mt_cleanup_outdated(m, true);
    return rc;
}

static int apply_setting(floe_mt *m, const floe_ast_setting *s)
{
    const floe_value *v =
        s->value && s->value->kind == FLOE_AST_LITERAL ? &s->value->u.lit.value : NULL;
    bool is_int =
        v && !v->is_null && floe_type_is_integer(v->type) && !floe_type_is_signed(v->type);
    if (strcmp(s->name, "index_granularity") == 0) {
        if (!is_int || v->v.u == 0)
            return floe_error(FLOE_ERR_BAD_ARGUMENTS, "index_granularity: value must be positive");
        m->wopts.index_granularity = (size_t)v->v.u;
    } else if (strcmp(s->name, "index_granularity_bytes") == 0) {
        if (!is_int)
            return floe_error(FLOE_ERR_BAD_ARGUMENTS, "index_granularity_bytes: bad value");
        m->wopts.index_granularity_bytes = (size_t)v->v.u;
    } else if (strcmp(s->name, "old_parts_lifetime") == 0) {
        if (!is_int)
            return floe_error(FLOE_ERR_BAD_ARGUMENTS, "old_parts_lifetime: bad value");
        m->old_parts_lifetime = v->v.u;
    }
    /* other MergeTree settings (min_bytes_for_wide_part, ...) are accepted:
     * floe always writes Wide parts; storage_policy is the engine init's */
    return 0;
}

/* The definition's data-skipping indices, checked, with their element
 * types from probe (no rows, every table column). */
static int init_skip_indices(floe_mt *m, const floe_block *probe)
{
    const floe_ast *ct = m->t->create;
    size_t n = ct->u.create_table.n_indexes;
    m->skip = floe_arena_alloc(&m->arena, (n + 1) * sizeof *m->skip);
    for (size_t i = 0; i < n; i++) {
        floe_skip_def *d = &m->skip[i];
        if (floe_skip_def_init(d, ct->u.create_table.indexes[i], &m->arena) < 0)
            return -1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(m->skip[j].name, d->name) == 0)
                return floe_error(FLOE_ERR_ILLEGAL_INDEX,
                                  "Duplicated index name %s is not allowed. Please use a "
                                  "different index name.",
                                  d->name);
        floe_column **cols = NULL;
        if (floe_mt_eval_exprs(&cols, m, d->elems, d->n_elems, probe) < 0)
            return -1;
        d->types = floe_arena_alloc(&m->arena, (d->n_elems + 1) * sizeof *d->types);
        for (size_t e = 0; e < d->n_elems; e++) {
            const floe_type *ty = floe_part_stored_type(cols[e]->type);
            d->types[e] = ty;
            if (!floe_binary_supported(ty))
                d->kind = FLOE_SKIP_UNBUILT;
        }
        floe_mt_free_cols(cols, d->n_elems);
        m->n_skip = i + 1;
    }
    return 0;
}

int floe_mergetree_engine_init(floe_table *t, const floe_ast *engine)
{
    if (engine && engine->u.func.n_args)
        return floe_error(FLOE_ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                          "Engine MergeTree doesn't support any arguments in this form (%zu "
                          "given)",
                          engine->u.func.n_args);
    if (!t->data_dir)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "MergeTree table without a data directory");
    floe_mt *m = floe_calloc(1, sizeof *m);
    pthread_mutex_init(&m->mu, NULL);
    m->t = t;
    m->dir = floe_strdup(t->data_dir);
    m->next_block = 1;
    m->old_parts_lifetime = 480;
    floe_part_write_options wo = FLOE_PART_WRITE_OPTIONS_INIT;
    m->wopts = wo;
    t->impl = m;
    t->ops = &mergetree_ops;
    m->names = floe_arena_alloc(&m->arena, (t->n_cols + 1) * sizeof *m->names);
    m->types = floe_arena_alloc(&m->arena, (t->n_cols + 1) * sizeof *m->types);
    m->codecs = floe_calloc(t->n_cols + 1, sizeof *m->codecs);
    bool any_codec = false;
    for (size_t i = 0; i < t->n_cols; i++) {
        m->names[i] = t->cols[i].name;
        m->types[i] = t->cols[i].type;
        m->codecs[i] = m->wopts.default_codec;
        const floe_ast *def = t->create->u.create_table.columns[i];
        if (def->u.column.n_codec == 1) {
            floe_buf b = FLOE_BUF_INIT;
            floe_ast_format(&b, def->u.column.codec[0], true);
            int r = floe_codec_parse(&m->codecs[i], b.data);
            floe_buf_free(&b);
            if (r < 0)
                return -1;
            any_codec = true;
        } else if (def->u.column.n_codec > 1) {
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                              "Chains of codecs (column %s) are not supported yet", m->names[i]);
        }
    }
    if (any_codec)
        m->wopts.codecs = m->codecs;
    const floe_ast *ct = t->create;
    const char *policy = NULL;
    for (size_t i = 0; i < ct->u.create_table.n_settings; i++) {
        const floe_ast_setting *st = &ct->u.create_table.settings[i];
        if (strcmp(st->name, "storage_policy") == 0) {
            const floe_value *v =
                st->value && st->value->kind == FLOE_AST_LITERAL ? &st->value->u.lit.value : NULL;
            if (!v || v->is_null || !floe_type_is_string(v->type))
                return floe_error(FLOE_ERR_BAD_ARGUMENTS, "storage_policy: value must be a string");
            policy = floe_arena_strndup(&m->arena, v->v.s.ptr, v->v.s.len);
        }
        if (apply_setting(m, st) < 0)
            return -1;
    }
    /* an unknown policy fails before anything is made on disk */
    if (floe_mt_disks_init(m, policy, false) < 0)
        return -1;
    floe_func_ctx fctx = {NULL, (int64_t)time(NULL)};
    if (floe_partition_key_init(&m->pkey, ct->u.create_table.partition_by, t->n_cols, m->names,
                                m->types, &m->arena, &fctx) < 0)
        return -1;
    for (size_t i = 0; i < m->pkey.n; i++)
        if (floe_type_is_float(floe_type_base(m->pkey.types[i]))) {
            floe_buf b = FLOE_BUF_INIT;
            floe_ast_column_name(&b, m->pkey.exprs[i]);
            floe_error(FLOE_ERR_BAD_ARGUMENTS, "Floating point partition key is not supported: %s",
                       b.data ? b.data : "");
            floe_buf_free(&b);
            return -1;
        }
    key_elements(ct->u.create_table.order_by, &m->sort_exprs, &m->n_sort, &m->arena);
    if (ct->u.create_table.primary_key)
        key_elements(ct->u.create_table.primary_key, &m->primary_exprs, &m->n_primary, &m->arena);
    else {
        m->primary_exprs = m->sort_exprs;
        m->n_primary = m->n_sort;
    }
    if (m->n_primary > m->n_sort)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                          "Primary key must be a prefix of the sorting key, but its length: %zu "
                          "is greater than the sorting key length: %zu",
                          m->n_primary, m->n_sort);
    m->pk_first_col = -1;
    if (m->n_primary) {
        floe_block *pb = floe_block_new();
        for (size_t c = 0; c < t->n_cols; c++)
            floe_block_add(pb, m->names[c], floe_column_new(m->types[c]));
        pb->rows = 0;
        floe_column **pcols = NULL;
        if (floe_mt_eval_exprs(&pcols, m, m->primary_exprs, m->n_primary, pb) == 0) {
            m->primary_types = floe_arena_alloc(&m->arena, m->n_primary * sizeof *m->primary_types);
            for (size_t k = 0; k < m->n_primary; k++)
                m->primary_types[k] = pcols[k]->type;
            floe_mt_free_cols(pcols, m->n_primary);
            const floe_ast *f = m->primary_exprs[0];
            if (f->kind == FLOE_AST_IDENT)
                m->pk_first_col = floe_table_find_column(t, f->u.ident.parts[f->u.ident.n_parts - 1]);
        }
        floe_error_clear();
        floe_block_free(pb);
    }
    /* check the keys compile against the columns */
    floe_block *probe = floe_block_new();
    for (size_t c = 0; c < t->n_cols; c++)
        floe_block_add(probe, m->names[c], floe_column_new(m->types[c]));
    probe->rows = 0;
    floe_column **tmp = NULL;
    int rc = floe_mt_eval_exprs(&tmp, m, m->sort_exprs, m->n_sort, probe);
    floe_mt_free_cols(tmp, m->n_sort);
    if (rc == 0)
        rc = init_skip_indices(m, probe);
    floe_block_free(probe);
    if (rc < 0)
        return -1;
    static const floe_type *vtypes[4];
    vtypes[0] = floe_type_get(FLOE_TYPE_STRING);
    vtypes[1] = floe_type_get(FLOE_TYPE_UINT64);
    vtypes[2] = floe_type_get(FLOE_TYPE_STRING);
    const floe_type **vt = floe_arena_alloc(&m->arena, 4 * sizeof *vt);
    memcpy(vt, vtypes, 3 * sizeof *vt);
    vt[3] = floe_type_tuple(m->pkey.types, NULL, m->pkey.n);
    t->n_virtual = 4;
    t->virtual_names = virtual_names;
    t->virtual_types = vt;
    if (floe_fs_mkdir_p(m->dir) < 0)
        return -1;
    {
        char det[4096 + 16];
        snprintf(det, sizeof det, "%s/detached", m->dir);
        if (floe_fs_mkdir_p(det) < 0)
            return -1;
    }
    if (floe_mt_disks_init(m, policy, true) < 0)
        return -1;
    if (load_parts(m) < 0 || floe_mt_mutations_open(m) < 0)
        return -1;
    floe_bg_register(t, mt_bg_step);
    return 0;
}

bool floe_mergetree_is(const floe_table *t)
{
    return t->ops == &mergetree_ops;
}

floe_part **floe_mergetree_parts(floe_table *t, size_t *n, bool with_outdated)
{
    return floe_mt_snapshot(t->impl, n, with_outdated);
}

const floe_partition_key *floe_mergetree_partition_key(const floe_table *t)
{
    const floe_mt *m = t->impl;
    return &m->pkey;
}

const floe_skip_def *floe_mergetree_skip_indices(const floe_table *t, size_t *n)
{
    const floe_mt *m = t->impl;
    *n = m->n_skip;
    return m->skip;
}

void floe_mergetree_skip_sizes(floe_table *t, uint64_t (*sizes)[3])
{
    floe_mt *m = t->impl;
    memset(sizes, 0, m->n_skip * sizeof *sizes);
    floe_buf *bases = floe_calloc(m->n_skip + 1, sizeof *bases);
    for (size_t i = 0; i < m->n_skip; i++)
        floe_skip_file_name(&bases[i], m->skip[i].name, ".");
    size_t n = 0;
    floe_part **parts = floe_mt_snapshot(m, &n, false);
    for (size_t p = 0; p < n; p++) {
        floe_checksums sums = {0};
        if (floe_checksums_load(&sums, parts[p]->dir) == 0)
            for (size_t k = 0; k < sums.n; k++) {
                const floe_checksum *c = &sums.files[k];
                for (size_t i = 0; i < m->n_skip; i++) {
                    if (strncmp(c->name, bases[i].data, bases[i].len) != 0)
                        continue;
                    if (strstr(c->name + bases[i].len, "mrk")) {
                        sizes[i][2] += c->file_size;
                    } else {
                        sizes[i][0] += c->file_size;
                        sizes[i][1] += c->is_compressed ? c->uncompressed_size : c->file_size;
                    }
                }
            }
        floe_error_clear();
        floe_checksums_free(&sums);
        floe_part_unref(parts[p]);
    }
    floe_free(parts);
    for (size_t i = 0; i < m->n_skip; i++)
        floe_buf_free(&bases[i]);
    floe_free(bases);
}
