/*
 * Mutations of MergeTree tables (see mutations.h): the queue and its files,
 * the part rewrite that applies UPDATE / DELETE / column rewrites, the
 * runner shared by the background thread and synchronous ALTERs, and the
 * hand-over of a table's state to the object an ALTER builds.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/io.h"
#include "base/mem.h"
#include "expr/expr.h"
#include "sql/parser.h"
#include "storage/mergetree/mergetree.h"
#include "storage/mergetree/mergetree_int.h"
#include "storage/mergetree/mutations.h"
#include "storage/mergetree/part_events.h"
#include "types/cast.h"

/* One queued or finished mutation. cmd points into arena. */
typedef struct mutation {
    int64_t version;
    char *command; /* without the brackets, unescaped */
    time_t create_time;
    char *partition_id; /* NULL: every partition */
    floe_arena arena;
    floe_ast *cmd; /* the ALTER_CMD parsed from command */
    bool killed;
    char *fail_part;
    time_t fail_time;
    char *fail_reason;
    char *fail_code;
} mutation;

/*
 * Invariants: list is in version order; list and the fail fields change
 * under the table's mu; a runner holds run_mu for the whole of a part
 * rewrite, and so does whoever removes an entry (KILL, trimming), so a
 * runner's mutation pointers stay valid.
 */
typedef struct floe_mt_mutations floe_mt_mutations;
struct floe_mt_mutations {
    pthread_mutex_t run_mu;
    mutation **list;
    size_t n, cap;
    uint64_t keep; /* finished_mutations_to_keep */
};

static void mutation_free(mutation *mu)
{
    if (!mu)
        return;
    floe_free(mu->command);
    floe_free(mu->partition_id);
    floe_free(mu->fail_part);
    floe_free(mu->fail_reason);
    floe_free(mu->fail_code);
    floe_arena_free(&mu->arena);
    floe_free(mu);
}

static int64_t data_version(const floe_part *p)
{
    return p->info.mutation ? p->info.mutation : p->info.min_block;
}

static bool affects(const mutation *mu, const floe_part *p)
{
    return !mu->partition_id || strcmp(mu->partition_id, p->info.partition_id) == 0;
}

/* Under mu. */
static bool part_needs(const mutation *mu, const floe_part *p)
{
    /* a part of another partition still takes the version (ClickHouse
     * renames it too), its data unchanged */
    return p->state == FLOE_PART_ACTIVE && data_version(p) < mu->version;
}

/* Under mu. */
static bool is_done(floe_mt *m, const mutation *mu)
{
    if (mu->killed)
        return false;
    for (size_t i = 0; i < m->n_parts; i++)
        if (part_needs(mu, m->parts[i]))
            return false;
    return true;
}

static void file_path(char *out, size_t size, const floe_mt *m, int64_t version)
{
    snprintf(out, size, "%s/mutation_%lld.txt", m->dir, (long long)version);
}

/* ClickHouse's escaped text (writeEscapedString). */
static void put_escaped(floe_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\\':
            floe_buf_puts(b, "\\\\");
            break;
        case '\'':
            floe_buf_puts(b, "\\'");
            break;
        case '\n':
            floe_buf_puts(b, "\\n");
            break;
        case '\t':
            floe_buf_puts(b, "\\t");
            break;
        case '\r':
            floe_buf_puts(b, "\\r");
            break;
        default:
            floe_buf_putc(b, *s);
        }
    }
}

static char *unescape(const char *s, size_t n)
{
    floe_buf b = FLOE_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < n) {
            c = s[++i];
            c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c == '0' ? '\0' : c;
        }
        floe_buf_putc(&b, c);
    }
    floe_buf_putc(&b, '\0');
    return floe_buf_detach(&b, NULL);
}

/* Parses command into mu->cmd and resolves its partition. */
static int parse_command(mutation *mu, floe_mt *m)
{
    floe_buf sql = FLOE_BUF_INIT;
    floe_buf_puts(&sql, "ALTER TABLE _mutation ");
    floe_buf_puts(&sql, mu->command);
    floe_ast *stmt = NULL;
    size_t used = 0;
    int rc = floe_sql_parse(&stmt, &used, &mu->arena, sql.data, sql.len, NULL);
    floe_buf_free(&sql);
    if (rc < 0)
        return -1;
    if (!stmt || stmt->kind != FLOE_AST_ALTER || stmt->u.alter.n_cmds != 1)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Cannot read mutation command: %s", mu->command);
    mu->cmd = stmt->u.alter.cmds[0];
    const floe_ast *part = mu->cmd->u.alter_cmd.partition;
    if (part && !mu->partition_id) {
        char id[256];
        if (m->t->ops->partition_id(m->t, part, id, sizeof id) < 0)
            return -1;
        mu->partition_id = floe_strdup(id);
    }
    return 0;
}

static int load_file(mutation **out, floe_mt *m, const char *path, int64_t version)
{
    char *text = NULL;
    size_t len = 0;
    if (floe_read_file(&text, &len, path) < 0)
        return -1;
    mutation *mu = floe_calloc(1, sizeof *mu);
    mu->version = version;
    int rc = -1;
    const char *p = text, *end = text + len;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (strncmp(p, "format version: 1\n", 18) != 0)
        goto bad;
    p += 18;
    if (strncmp(p, "create time: ", 13) != 0)
        goto bad;
    p += 13;
    if (sscanf(p, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec) != 6)
        goto bad;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    mu->create_time = mktime(&tm);
    p = memchr(p, '\n', (size_t)(end - p));
    if (!p || strncmp(p + 1, "commands: ", 10) != 0)
        goto bad;
    p += 11;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl)
        nl = end;
    /* "(cmd)": the brackets ClickHouse writes around each command */
    const char *s = p, *e = nl;
    if (e > s && *s == '(' && e[-1] == ')') {
        s++;
        e--;
    }
    mu->command = unescape(s, (size_t)(e - s));
    if (parse_command(mu, m) < 0)
        goto fail;
    rc = 0;
    goto fail;
bad:
    floe_error(FLOE_ERR_CORRUPTED_DATA, "Cannot parse mutation file %s", path);
fail:
    floe_free(text);
    if (rc < 0) {
        mutation_free(mu);
        return -1;
    }
    *out = mu;
    return 0;
}

static int cmp_mutation(const void *x, const void *y)
{
    const mutation *a = *(mutation *const *)x, *b = *(mutation *const *)y;
    return (a->version > b->version) - (a->version < b->version);
}

static uint64_t setting_keep(const floe_table *t)
{
    const floe_ast *ct = t->create;
    for (size_t i = 0; i < ct->u.create_table.n_settings; i++) {
        const floe_ast_setting *s = &ct->u.create_table.settings[i];
        if (strcmp(s->name, "finished_mutations_to_keep") == 0 && s->value &&
            s->value->kind == FLOE_AST_LITERAL && !s->value->u.lit.value.is_null &&
            floe_type_is_integer(s->value->u.lit.value.type))
            return s->value->u.lit.value.v.u;
    }
    return 100;
}

int floe_mt_mutations_open(floe_mt *m)
{
    floe_mt_mutations *mm = floe_calloc(1, sizeof *mm);
    pthread_mutex_init(&mm->run_mu, NULL);
    mm->keep = setting_keep(m->t);
    m->mut = mm;
    DIR *d = opendir(m->dir);
    if (!d)
        return 0;
    struct dirent *e;
    char path[4096 + 256];
    int rc = 0;
    while ((e = readdir(d)) && rc == 0) {
        long long v = 0;
        char tail[8] = "";
        if (strncmp(e->d_name, "tmp_mutation_", 13) == 0) {
            snprintf(path, sizeof path, "%s/%s", m->dir, e->d_name);
            unlink(path); /* never committed */
            continue;
        }
        if (sscanf(e->d_name, "mutation_%lld%7s", &v, tail) != 2 || strcmp(tail, ".txt") != 0 ||
            v <= 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", m->dir, e->d_name);
        mutation *mu = NULL;
        if (load_file(&mu, m, path, v) < 0) {
            fprintf(stderr, "floe: %s\n", floe_error_message());
            floe_error_clear();
            continue;
        }
        FLOE_GROW(mm->list, mm->cap, mm->n + 1);
        mm->list[mm->n++] = mu;
        if (v >= m->next_block)
            m->next_block = v + 1;
    }
    closedir(d);
    if (mm->n > 1)
        qsort(mm->list, mm->n, sizeof *mm->list, cmp_mutation);
    for (size_t i = 0; i < m->n_parts; i++)
        if (m->parts[i]->info.mutation >= m->next_block)
            m->next_block = m->parts[i]->info.mutation + 1;
    return rc;
}

void floe_mt_mutations_free(floe_mt *m)
{
    floe_mt_mutations *mm = m->mut;
    if (!mm)
        return;
    for (size_t i = 0; i < mm->n; i++)
        mutation_free(mm->list[i]);
    floe_free(mm->list);
    pthread_mutex_destroy(&mm->run_mu);
    floe_free(mm);
    m->mut = NULL;
}

/* ---- applying commands to a block ---- */

/* Rows where c (a WHERE result) is true and not NULL. */
static uint8_t *to_mask(const floe_column *c, size_t rows)
{
    uint8_t *mask = floe_calloc(rows + 1, 1);
    const floe_type *base = floe_type_base(c->type);
    size_t w = base->width;
    for (size_t r = 0; r < rows && r < c->rows; r++) {
        if (c->nulls && c->nulls[r])
            continue;
        if (w == 0)
            continue;
        const uint8_t *v = c->data + r * w;
        for (size_t k = 0; k < w; k++)
            if (v[k]) {
                mask[r] = 1;
                break;
            }
    }
    return mask;
}

static int eval_one(floe_column **out, floe_mt *m, const floe_ast *e, const floe_block *b)
{
    floe_column **cols = NULL;
    if (floe_mt_eval_exprs(&cols, m, &e, 1, b) < 0)
        return -1;
    *out = cols[0];
    floe_free(cols);
    return 0;
}

static int cast_to(floe_column **c, const floe_type *type)
{
    if ((*c)->type == type)
        return 0;
    floe_column *conv = NULL;
    if (floe_cast_column(&conv, *c, type, FLOE_CAST_THROW, NULL) < 0)
        return -1;
    floe_column_free(*c);
    *c = conv;
    return 0;
}

static int apply_update(floe_mt *m, floe_block *b, const floe_ast *cmd)
{
    floe_column *where = NULL;
    if (eval_one(&where, m, cmd->u.alter_cmd.expr, b) < 0)
        return -1;
    uint8_t *mask = to_mask(where, b->rows);
    floe_column_free(where);
    size_t n = cmd->u.alter_cmd.n_assignments;
    floe_column **vals = floe_calloc(n + 1, sizeof *vals);
    int rc = 0;
    /* every new value from the old row, before any column changes */
    for (size_t i = 0; i < n && rc == 0; i++) {
        const floe_ast_setting *a = &cmd->u.alter_cmd.assignments[i];
        int col = floe_block_find(b, a->name);
        if (col < 0) {
            rc = floe_error(FLOE_ERR_NO_SUCH_COLUMN_IN_TABLE, "There is no column `%s` in table",
                            a->name);
            break;
        }
        if ((rc = eval_one(&vals[i], m, a->value, b)) == 0)
            rc = cast_to(&vals[i], b->cols[col]->type);
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        int col = floe_block_find(b, cmd->u.alter_cmd.assignments[i].name);
        floe_column *old = b->cols[col];
        floe_column *nc = floe_column_new(old->type);
        floe_column_reserve(nc, b->rows, 0);
        for (size_t r = 0; r < b->rows; r++)
            floe_column_push_from(nc, mask[r] ? vals[i] : old, r);
        floe_column_free(old);
        b->cols[col] = nc;
    }
    floe_mt_free_cols(vals, n);
    floe_free(mask);
    return rc;
}

static int apply_delete(floe_mt *m, floe_block *b, const floe_ast *cmd)
{
    floe_column *where = NULL;
    if (eval_one(&where, m, cmd->u.alter_cmd.expr, b) < 0)
        return -1;
    uint8_t *mask = to_mask(where, b->rows);
    floe_column_free(where);
    size_t kept = 0;
    for (size_t r = 0; r < b->rows; r++) {
        mask[r] = !mask[r];
        kept += mask[r];
    }
    if (kept != b->rows)
        for (size_t c = 0; c < b->n_cols; c++) {
            /* nothing kept: empty columns (filter writes one row past an
             * empty result) */
            floe_column *f =
                kept ? floe_column_filter(b->cols[c], mask) : floe_column_new(b->cols[c]->type);
            floe_column_free(b->cols[c]);
            b->cols[c] = f;
        }
    b->rows = kept;
    floe_free(mask);
    return 0;
}

/* MATERIALIZE COLUMN c: recomputes a DEFAULT/MATERIALIZED column. */
static int apply_materialize(floe_mt *m, floe_block *b, const floe_ast *cmd)
{
    int col = floe_block_find(b, cmd->u.alter_cmd.name);
    if (col < 0)
        return 0;
    const floe_table_column *tc = &m->t->cols[col];
    if (!tc->default_expr)
        return 0;
    floe_column *v = NULL;
    if (eval_one(&v, m, tc->default_expr, b) < 0 || cast_to(&v, tc->type) < 0) {
        floe_column_free(v);
        return -1;
    }
    floe_column_free(b->cols[col]);
    b->cols[col] = v;
    return 0;
}

/* CLEAR COLUMN c: the column's default for every row. */
static int apply_clear(floe_mt *m, floe_block *b, const floe_ast *cmd)
{
    int col = floe_block_find(b, cmd->u.alter_cmd.name);
    if (col < 0)
        return 0;
    const floe_table_column *tc = &m->t->cols[col];
    floe_column *v = NULL;
    if (tc->default_expr) {
        if (eval_one(&v, m, tc->default_expr, b) < 0 || cast_to(&v, tc->type) < 0) {
            floe_column_free(v);
            return -1;
        }
        if (v->rows != b->rows) {
            floe_column *r = floe_column_replicate_row(v, 0, b->rows);
            floe_column_free(v);
            v = r;
        }
    } else {
        v = floe_column_new(tc->type);
        floe_column_reserve(v, b->rows, 0);
        for (size_t r = 0; r < b->rows; r++) {
            if (floe_type_is_nullable(tc->type))
                floe_column_push_null(v);
            else
                floe_column_push_default(v);
        }
    }
    floe_column_free(b->cols[col]);
    b->cols[col] = v;
    return 0;
}

static int apply(floe_mt *m, floe_block *b, const floe_ast *cmd)
{
    switch (cmd->u.alter_cmd.type) {
    case FLOE_ALTER_UPDATE:
        /* DELETE FROM's UPDATE _row_exists = 0: floe removes the rows */
        if (cmd->u.alter_cmd.n_assignments == 1 &&
            strcmp(cmd->u.alter_cmd.assignments[0].name, "_row_exists") == 0 &&
            floe_block_find(b, "_row_exists") < 0)
            return apply_delete(m, b, cmd);
        return apply_update(m, b, cmd);
    case FLOE_ALTER_DELETE:
        return apply_delete(m, b, cmd);
    case FLOE_ALTER_MATERIALIZE_COLUMN:
        return apply_materialize(m, b, cmd);
    case FLOE_ALTER_CLEAR_COLUMN:
        return apply_clear(m, b, cmd);
    default:
        /* DROP COLUMN, MODIFY COLUMN: reading the part with the table's
         * current columns and writing it back is the whole change */
        return 0;
    }
}

static floe_column *default_column(const floe_type *type, size_t rows)
{
    floe_column *c = floe_column_new(type);
    floe_column_reserve(c, rows, 0);
    for (size_t r = 0; r < rows; r++) {
        if (floe_type_is_nullable(type))
            floe_column_push_null(c);
        else
            floe_column_push_default(c);
    }
    return c;
}

/* True when none of ms[0..n) changes part p: each is an UPDATE or DELETE of
 * another partition and the part already has the table's columns. */
static bool unchanged_by(const floe_mt *m, const floe_part *p, mutation **ms, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        floe_alter_type ty = ms[i]->cmd->u.alter_cmd.type;
        if ((ty != FLOE_ALTER_UPDATE && ty != FLOE_ALTER_DELETE) || affects(ms[i], p))
            return false;
    }
    if (p->n_cols != m->t->n_cols)
        return false;
    for (size_t c = 0; c < p->n_cols; c++)
        if (strcmp(p->col_names[c], m->names[c]) != 0 || p->col_types[c] != m->types[c])
            return false;
    return true;
}

/* The part's files hard-linked under the name with the new version (as
 * ClickHouse does for a part a mutation leaves unchanged). */
static int link_part(floe_part **out, floe_mt *m, const floe_part *p, int64_t version)
{
    floe_part_info info = p->info;
    info.mutation = version;
    char name[256], tmp[4096], final[4096];
    floe_part_info_name(name, sizeof name, &info);
    const char *home = floe_mt_part_home(m, p); /* links stay on the part's disk */
    snprintf(tmp, sizeof tmp, "%s/tmp_mut_%s", home, name);
    snprintf(final, sizeof final, "%s/%s", home, name);
    floe_fs_remove_tree(tmp);
    int rc = floe_fs_clone_tree(p->dir, tmp, FLOE_FS_LINK);
    if (rc == 0 && rename(tmp, final) < 0)
        rc = floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot rename %s: %s", tmp, strerror(errno));
    if (rc < 0) {
        floe_fs_remove_tree(tmp);
        return -1;
    }
    floe_fs_fsync_dir(home);
    if (floe_part_load(out, final, name, &m->pkey, false) < 0)
        return -1;
    if (m->pkey.n && floe_part_load_minmax(*out, &m->pkey, m->names, m->types) < 0) {
        floe_part_unref(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

/* Rewrites part p through mutations ms[0..n) into *out (NULL when every row
 * was deleted). */
static int rewrite(floe_part **out, floe_mt *m, floe_part *p, mutation **ms, size_t n,
                   int64_t version)
{
    *out = NULL;
    if (unchanged_by(m, p, ms, n)) {
        if (link_part(out, m, p, version) == 0)
            return 0;
        floe_error_clear(); /* rewritten instead */
    }
    floe_block *b = floe_block_new();
    int rc = 0;
    bool *missing = floe_calloc(m->t->n_cols + 1, sizeof *missing);
    for (size_t c = 0; c < m->t->n_cols && rc == 0; c++) {
        floe_column *col = NULL;
        /* a column renamed by one of the mutations: read its old files */
        const char *src = m->names[c];
        for (size_t i = n; i-- > 0;) {
            const floe_ast *k = ms[i]->cmd;
            if (k->u.alter_cmd.type == FLOE_ALTER_RENAME_COLUMN &&
                strcmp(k->u.alter_cmd.new_name, src) == 0)
                src = k->u.alter_cmd.name;
        }
        int idx = floe_part_find_column(p, m->names[c]);
        if (idx < 0 && src != m->names[c])
            idx = floe_part_find_column(p, src);
        if (idx >= 0) {
            if ((rc = floe_part_read_column(&col, p, (size_t)idx)) == 0 &&
                (rc = cast_to(&col, m->types[c])) < 0)
                floe_column_free(col);
        } else {
            /* filled below, once every stored column is there */
            col = default_column(m->types[c], (size_t)p->rows);
            missing[c] = true;
        }
        if (rc == 0)
            floe_block_add(b, m->names[c], col);
    }
    b->rows = (size_t)p->rows;
    for (size_t c = 0; c < m->t->n_cols && rc == 0; c++) {
        const floe_table_column *tc = &m->t->cols[c];
        if (!missing[c] || !tc->default_expr)
            continue;
        floe_column *v = NULL;
        if ((rc = eval_one(&v, m, tc->default_expr, b)) == 0 && (rc = cast_to(&v, tc->type)) == 0) {
            if (v->rows != b->rows) {
                floe_column *r = floe_column_replicate_row(v, 0, b->rows);
                floe_column_free(v);
                v = r;
            }
            floe_column_free(b->cols[c]);
            b->cols[c] = v;
        } else {
            floe_column_free(v);
        }
    }
    floe_free(missing);

    for (size_t i = 0; i < n && rc == 0; i++)
        if (affects(ms[i], p))
            rc = apply(m, b, ms[i]->cmd);
    /* a part whose rows were all deleted stays, empty, as in ClickHouse */
    if (rc == 0)
        /* the mutated part stays on the disk of its source */
        rc = floe_mt_write_part_in(m, out, floe_mt_part_home(m, p), b, p->partition,
                                   p->info.partition_id, p->info.min_block, p->info.max_block,
                                   p->info.level, version, "tmp_mut_");
    floe_block_free(b);
    return rc;
}

/* ---- pending mutations for readers ---- */

struct floe_mt_pending {
    mutation **list;
    size_t n;
};

void floe_mt_pending_free(floe_mt_pending *pm)
{
    if (!pm)
        return;
    for (size_t i = 0; i < pm->n; i++)
        mutation_free(pm->list[i]);
    floe_free(pm->list);
    floe_free(pm);
}

int floe_mt_pending_get(floe_mt_pending **out, floe_mt *m, const floe_part *p)
{
    *out = NULL;
    floe_mt_pending *pm = floe_calloc(1, sizeof *pm);
    pthread_mutex_lock(&m->mu);
    floe_mt_mutations *mm = m->mut;
    size_t n = mm ? mm->n : 0;
    pm->list = floe_calloc(n + 1, sizeof *pm->list);
    for (size_t i = 0; i < n; i++) {
        const mutation *mu = mm->list[i];
        if (mu->killed || !affects(mu, p) || data_version(p) >= mu->version)
            continue;
        /* a copy of its own: the original may be trimmed or killed */
        mutation *c = floe_calloc(1, sizeof *c);
        c->version = mu->version;
        c->command = floe_strdup(mu->command);
        c->partition_id = mu->partition_id ? floe_strdup(mu->partition_id) : NULL;
        pm->list[pm->n++] = c;
    }
    pthread_mutex_unlock(&m->mu);
    int rc = 0;
    for (size_t i = 0; i < pm->n && rc == 0; i++) {
        if ((rc = parse_command(pm->list[i], m)) < 0)
            break;
        if (pm->list[i]->cmd->u.alter_cmd.type == FLOE_ALTER_RENAME_COLUMN)
            rc = floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                            "Part %s has a pending mutation (%s) that renames a column: wait for "
                            "it to finish before reading the part this way",
                            p->name, pm->list[i]->command);
    }
    if (rc < 0 || pm->n == 0) {
        floe_mt_pending_free(pm);
        return rc;
    }
    *out = pm;
    return 0;
}

int floe_mt_pending_apply(const floe_mt_pending *pm, floe_mt *m, floe_block *b)
{
    for (size_t i = 0; i < pm->n; i++)
        if (apply(m, b, pm->list[i]->cmd) < 0)
            return -1;
    return 0;
}

/* Under mu (and run_mu): drops the oldest finished mutations beyond keep. */
static void trim_finished(floe_mt *m)
{
    floe_mt_mutations *mm = m->mut;
    size_t done = 0;
    for (size_t i = 0; i < mm->n; i++)
        done += is_done(m, mm->list[i]);
    size_t k = 0;
    for (size_t i = 0; i < mm->n; i++) {
        mutation *mu = mm->list[i];
        if (done > mm->keep && is_done(m, mu)) {
            char path[4096 + 64];
            file_path(path, sizeof path, m, mu->version);
            unlink(path);
            mutation_free(mu);
            done--;
            continue;
        }
        mm->list[k++] = mu;
    }
    mm->n = k;
}

/* Rewrites one part for the oldest pending mutation with version <= upto.
 * 1: a part was rewritten; 0: nothing to do now; -1: the rewrite failed
 * (recorded on the mutation). */
static int run_step(floe_mt *m, int64_t upto)
{
    floe_mt_mutations *mm = m->mut;
    if (!mm)
        return 0;
    pthread_mutex_lock(&mm->run_mu);
    pthread_mutex_lock(&m->mu);
    floe_part *p = NULL;
    mutation *first = NULL;
    for (size_t i = 0; i < mm->n && !p && !m->retired; i++) {
        mutation *mu = mm->list[i];
        if (mu->killed || mu->version > upto)
            continue;
        for (size_t j = 0; j < m->n_parts; j++)
            if (!m->parts[j]->merging && part_needs(mu, m->parts[j])) {
                p = m->parts[j];
                first = mu;
                break;
            }
    }
    if (!p) {
        pthread_mutex_unlock(&m->mu);
        pthread_mutex_unlock(&mm->run_mu);
        return 0;
    }
    /* every later mutation applies in the same rewrite, as ClickHouse does */
    mutation **ms = floe_malloc((mm->n + 1) * sizeof *ms);
    size_t n = 0;
    int64_t version = 0;
    for (size_t i = 0; i < mm->n; i++)
        if (!mm->list[i]->killed && mm->list[i]->version > data_version(p)) {
            ms[n++] = mm->list[i];
            version = mm->list[i]->version;
        }
    p->merging = true;
    floe_part_ref(p);
    pthread_mutex_unlock(&m->mu);

    floe_part *np = NULL;
    int64_t started = floe_clock_realtime_us();
    int rc = rewrite(&np, m, p, ms, n, version);
    char reason[4096] = "";
    if (rc < 0) {
        floe_error_format(reason, sizeof reason);
        rc = -1;
    }
    int code = floe_error_code();
    pthread_mutex_lock(&m->mu);
    p->merging = false;
    if (rc == 0) {
        p->state = FLOE_PART_OUTDATED;
        p->remove_time = time(NULL);
        if (np) {
            floe_mt_add_part(m, np);
            floe_mt_part_event(m, FLOE_PART_EVENT_MUTATE, np, started, p->rows,
                               p->uncompressed_bytes);
        }
        floe_free(first->fail_part);
        floe_free(first->fail_reason);
        floe_free(first->fail_code);
        first->fail_part = first->fail_reason = first->fail_code = NULL;
        first->fail_time = 0;
        trim_finished(m);
        rc = 1;
    } else {
        floe_free(first->fail_part);
        floe_free(first->fail_reason);
        floe_free(first->fail_code);
        first->fail_part = floe_strdup(p->name);
        first->fail_reason = floe_strdup(reason);
        first->fail_code = floe_strdup(floe_errcode_name(code));
        first->fail_time = time(NULL);
    }
    pthread_mutex_unlock(&m->mu);
    floe_part_unref(p);
    floe_free(ms);
    pthread_mutex_unlock(&mm->run_mu);
    return rc;
}

int floe_mt_mutations_step(floe_mt *m)
{
    int rc = run_step(m, INT64_MAX);
    if (rc < 0) {
        floe_error_clear();
        return 0; /* retried at the next round, not at once */
    }
    return rc;
}

void floe_mt_mutations_settle(floe_mt *m)
{
    while (run_step(m, INT64_MAX) > 0)
        ;
    floe_error_clear();
}

/* ---- defaults of columns a part lacks ---- */

/* Reads column c of part p as the table's type: all of it (n_granules 0)
 * or granules [first, first + n_granules). */
static int read_stored(floe_column **out, floe_mt *m, const floe_part *p, size_t c, size_t first,
                       size_t n_granules)
{
    if (n_granules == 0)
        return floe_mt_read_column(out, m, p, c);
    int idx = floe_part_find_column(p, m->names[c]);
    floe_part_reader *r = NULL;
    if (floe_part_reader_open(&r, p, (size_t)idx) < 0)
        return -1;
    floe_column *col = floe_column_new(p->col_types[idx]);
    int rc = floe_part_reader_read(r, col, first, n_granules);
    floe_part_reader_free(r);
    if (rc == 0)
        rc = cast_to(&col, m->types[c]);
    if (rc < 0) {
        floe_column_free(col);
        return -1;
    }
    *out = col;
    return 0;
}

static int read_default(floe_column **out, floe_mt *m, const floe_part *p, size_t table_col,
                        size_t first, size_t n_granules, size_t rows)
{
    const floe_table_column *tc = &m->t->cols[table_col];
    floe_buf text = FLOE_BUF_INIT;
    floe_ast_column_name(&text, tc->default_expr);
    floe_block *b = floe_block_new();
    int rc = 0;
    /* the columns the expression may name (a textual over-approximation);
     * the others stay empty, the expression never reads them */
    for (size_t c = 0; c < m->t->n_cols && rc == 0; c++) {
        floe_column *col = NULL;
        bool named = c != table_col && text.data && strstr(text.data, m->names[c]);
        if (named && floe_part_find_column(p, m->names[c]) >= 0)
            rc = read_stored(&col, m, p, c, first, n_granules);
        else if (named)
            col = default_column(m->types[c], rows);
        else
            col = floe_column_new(m->types[c]);
        if (rc == 0)
            floe_block_add(b, m->names[c], col);
    }
    floe_buf_free(&text);
    b->rows = rows;
    floe_column *v = NULL;
    if (rc == 0 && (rc = eval_one(&v, m, tc->default_expr, b)) == 0 &&
        (rc = cast_to(&v, tc->type)) < 0) {
        floe_column_free(v);
        v = NULL;
    }
    floe_block_free(b);
    if (rc < 0)
        return -1;
    if (v->rows != rows) {
        /* a constant evaluated to one row */
        floe_column *r = floe_column_replicate_row(v, 0, rows);
        floe_column_free(v);
        v = r;
    }
    *out = v;
    return 0;
}

int floe_mt_read_default(floe_column **out, floe_mt *m, const floe_part *p, size_t table_col)
{
    return read_default(out, m, p, table_col, 0, 0, (size_t)p->rows);
}

int floe_mt_read_default_range(floe_column **out, floe_mt *m, const floe_part *p, size_t table_col,
                               size_t first, size_t n_granules, size_t rows)
{
    return read_default(out, m, p, table_col, first, n_granules, rows);
}

/* ---- ALTER's hand-over ---- */

int floe_mergetree_adopt(floe_table *new_t, floe_table *old)
{
    floe_mt *m = new_t->impl, *o = old->impl;
    floe_mt_mutations *om = o->mut;
    if (om)
        pthread_mutex_lock(&om->run_mu);
    pthread_mutex_lock(&o->mu);
    for (;;) {
        bool busy = false;
        for (size_t i = 0; i < o->n_parts; i++)
            busy |= o->parts[i]->merging;
        if (!busy)
            break;
        pthread_mutex_unlock(&o->mu);
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
        pthread_mutex_lock(&o->mu);
    }
    pthread_mutex_lock(&m->mu);
    for (size_t i = 0; i < m->n_parts; i++)
        floe_part_unref(m->parts[i]);
    floe_free(m->parts);
    m->parts = o->parts;
    m->n_parts = o->n_parts;
    m->cap_parts = o->cap_parts;
    o->parts = NULL;
    o->n_parts = o->cap_parts = 0;
    if (o->next_block > m->next_block)
        m->next_block = o->next_block;
    floe_mt_mutations *scratch = m->mut;
    m->mut = om;
    o->mut = NULL;
    if (om)
        om->keep = setting_keep(new_t);
    o->retired = true;
    floe_mt_disks_adopt(m, o);
    floe_free(m->dir);
    m->dir = floe_strdup(o->dir);
    floe_free(new_t->data_dir);
    new_t->data_dir = floe_strdup(old->data_dir);
    pthread_mutex_unlock(&m->mu);
    pthread_mutex_unlock(&o->mu);
    if (om)
        pthread_mutex_unlock(&om->run_mu);
    if (scratch) {
        floe_mt tmp;
        memset(&tmp, 0, sizeof tmp);
        tmp.mut = scratch;
        floe_mt_mutations_free(&tmp);
    }
    if (!m->mut) {
        floe_mt_mutations *mm = floe_calloc(1, sizeof *mm);
        pthread_mutex_init(&mm->run_mu, NULL);
        mm->keep = setting_keep(new_t);
        m->mut = mm;
    }
    return 0;
}

/* ---- queueing, waiting, listing, killing ---- */

/* Compiles the command's expressions against the table, so an unknown
 * column or function fails the ALTER instead of every later rewrite. */
static int validate(floe_mt *m, const mutation *mu)
{
    const floe_ast *cmd = mu->cmd;
    if (cmd->u.alter_cmd.type != FLOE_ALTER_UPDATE && cmd->u.alter_cmd.type != FLOE_ALTER_DELETE)
        return 0;
    floe_arena a = FLOE_ARENA_INIT;
    floe_scope sc = {0};
    floe_func_ctx fctx = {NULL, (int64_t)time(NULL)};
    sc.n_cols = m->t->n_cols;
    sc.names = m->names;
    sc.types = m->types;
    sc.fctx = &fctx;
    sc.arena = &a;
    floe_expr *e;
    int rc = floe_expr_compile(&e, &sc, cmd->u.alter_cmd.expr);
    bool row_exists = cmd->u.alter_cmd.n_assignments == 1 &&
                      strcmp(cmd->u.alter_cmd.assignments[0].name, "_row_exists") == 0;
    for (size_t i = 0; i < cmd->u.alter_cmd.n_assignments && rc == 0 && !row_exists; i++)
        rc = floe_expr_compile(&e, &sc, cmd->u.alter_cmd.assignments[i].value);
    floe_scope_free(&sc);
    floe_arena_free(&a);
    return rc;
}

int floe_mergetree_mutate(int64_t *version, floe_table *t, const char *command,
                          const char *partition_id)
{
    floe_mt *m = t->impl;
    floe_mt_mutations *mm = m->mut;
    mutation *mu = floe_calloc(1, sizeof *mu);
    mu->command = floe_strdup(command);
    mu->create_time = time(NULL);
    mu->partition_id = partition_id ? floe_strdup(partition_id) : NULL;
    if (parse_command(mu, m) < 0 || validate(m, mu) < 0) {
        mutation_free(mu);
        return -1;
    }
    pthread_mutex_lock(&m->mu);
    mu->version = m->next_block++;
    pthread_mutex_unlock(&m->mu);
    struct tm tm;
    localtime_r(&mu->create_time, &tm);
    floe_buf b = FLOE_BUF_INIT;
    floe_buf_printf(&b,
                    "format version: 1\ncreate time: %04d-%02d-%02d %02d:%02d:%02d\ncommands: (",
                    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    put_escaped(&b, command);
    floe_buf_puts(&b, ")\n");
    char path[4096 + 64];
    file_path(path, sizeof path, m, mu->version);
    int rc = floe_write_file_atomic(path, b.data, b.len);
    floe_buf_free(&b);
    if (rc < 0) {
        mutation_free(mu);
        return -1;
    }
    pthread_mutex_lock(&m->mu);
    FLOE_GROW(mm->list, mm->cap, mm->n + 1);
    mm->list[mm->n++] = mu;
    pthread_mutex_unlock(&m->mu);
    *version = mu->version;
    return 0;
}

int floe_mergetree_mutation_wait(floe_table *t, int64_t version)
{
    floe_mt *m = t->impl;
    floe_mt_mutations *mm = m->mut;
    for (;;) {
        pthread_mutex_lock(&m->mu);
        mutation *mu = NULL;
        bool earlier_done = true;
        for (size_t i = 0; i < mm->n; i++) {
            if (mm->list[i]->version == version)
                mu = mm->list[i];
            else if (mm->list[i]->version < version && !mm->list[i]->killed &&
                     !is_done(m, mm->list[i]))
                earlier_done = false;
        }
        bool done = !mu || (is_done(m, mu) && earlier_done);
        bool killed = mu && mu->killed;
        pthread_mutex_unlock(&m->mu);
        if (killed)
            return floe_error(FLOE_ERR_ABORTED, "Mutation mutation_%lld.txt was killed",
                              (long long)version);
        if (done)
            return 0;
        int rc = run_step(m, version);
        if (rc < 0) {
            pthread_mutex_lock(&m->mu);
            const mutation *f = NULL;
            for (size_t i = 0; i < mm->n; i++)
                if (mm->list[i]->fail_reason && mm->list[i]->version <= version) {
                    f = mm->list[i];
                    break;
                }
            char msg[8192];
            snprintf(msg, sizeof msg,
                     "Exception happened during execution of mutation 'mutation_%lld.txt' with "
                     "part '%s' reason: '%s'. This error maybe retryable or not. In case of "
                     "unretryable error, mutation can be killed with KILL MUTATION query",
                     f ? (long long)f->version : (long long)version,
                     f && f->fail_part ? f->fail_part : "", f ? f->fail_reason : "");
            pthread_mutex_unlock(&m->mu);
            return floe_error(FLOE_ERR_UNFINISHED, "%s", msg);
        }
        if (rc == 0) {
            /* a part is busy in a merge: wait for it */
            struct timespec ts = {0, 10 * 1000000L};
            nanosleep(&ts, NULL);
        }
    }
}

int floe_mergetree_mutations(floe_mutation_info **out, size_t *n, floe_table *t)
{
    floe_mt *m = t->impl;
    floe_mt_mutations *mm = m->mut;
    pthread_mutex_lock(&m->mu);
    size_t cnt = mm ? mm->n : 0;
    floe_mutation_info *v = floe_calloc(cnt + 1, sizeof *v);
    for (size_t i = 0; i < cnt; i++) {
        const mutation *mu = mm->list[i];
        floe_mutation_info *r = &v[i];
        snprintf(r->mutation_id, sizeof r->mutation_id, "mutation_%lld.txt",
                 (long long)mu->version);
        floe_buf b = FLOE_BUF_INIT;
        floe_buf_printf(&b, "(%s)", mu->command);
        floe_buf_putc(&b, '\0');
        r->command = floe_buf_detach(&b, NULL);
        r->create_time = mu->create_time;
        r->partition_id = floe_strdup(mu->partition_id ? mu->partition_id : "");
        r->number = mu->version;
        r->parts_to_do = floe_calloc(m->n_parts + 1, sizeof *r->parts_to_do);
        for (size_t j = 0; j < m->n_parts; j++)
            if (!mu->killed && part_needs(mu, m->parts[j]))
                r->parts_to_do[r->n_parts_to_do++] = floe_strdup(m->parts[j]->name);
        r->is_done = is_done(m, mu);
        r->is_killed = mu->killed;
        r->latest_failed_part = floe_strdup(mu->fail_part ? mu->fail_part : "");
        r->latest_fail_time = mu->fail_time;
        r->latest_fail_reason = floe_strdup(mu->fail_reason ? mu->fail_reason : "");
        r->latest_fail_error_code_name = floe_strdup(mu->fail_code ? mu->fail_code : "");
    }
    pthread_mutex_unlock(&m->mu);
    *out = v;
    *n = cnt;
    return 0;
}

void floe_mutation_infos_free(floe_mutation_info *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++) {
        floe_free(v[i].command);
        floe_free(v[i].partition_id);
        for (size_t j = 0; j < v[i].n_parts_to_do; j++)
            floe_free(v[i].parts_to_do[j]);
        floe_free(v[i].parts_to_do);
        floe_free(v[i].latest_failed_part);
        floe_free(v[i].latest_fail_reason);
        floe_free(v[i].latest_fail_error_code_name);
    }
    floe_free(v);
}

int floe_mergetree_kill_mutation(floe_table *t, const char *mutation_id)
{
    floe_mt *m = t->impl;
    floe_mt_mutations *mm = m->mut;
    if (!mm)
        return 0;
    pthread_mutex_lock(&mm->run_mu);
    pthread_mutex_lock(&m->mu);
    int found = 0;
    for (size_t i = 0; i < mm->n; i++) {
        char id[64];
        snprintf(id, sizeof id, "mutation_%lld.txt", (long long)mm->list[i]->version);
        if (strcmp(id, mutation_id) != 0)
            continue;
        char path[4096 + 64];
        file_path(path, sizeof path, m, mm->list[i]->version);
        unlink(path);
        mutation_free(mm->list[i]);
        memmove(&mm->list[i], &mm->list[i + 1], (mm->n - i - 1) * sizeof *mm->list);
        mm->n--;
        found = 1;
        break;
    }
    pthread_mutex_unlock(&m->mu);
    pthread_mutex_unlock(&mm->run_mu);
    return found;
}
