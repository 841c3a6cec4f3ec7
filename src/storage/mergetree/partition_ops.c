/*
 * Partition and part operations on MergeTree tables (see partition_ops.h).
 * Parts are immutable, so moving one between the table, detached/, another
 * table or a shadow/ backup is a directory of hard links, never a copy. The
 * parts an operation works on are reserved first (marked `merging`, after
 * waiting for running merges), so no merge takes them meanwhile.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/io.h"
#include "base/mem.h"
#include "storage/mergetree/checksums.h"
#include "storage/mergetree/mergetree.h"
#include "storage/mergetree/mergetree_int.h"
#include "storage/mergetree/part_events.h"
#include "storage/mergetree/mutations.h"
#include "storage/mergetree/part.h"
#include "storage/mergetree/part_writer.h"
#include "storage/mergetree/partition_ops.h"
#include "types/cast.h"
#include "types/value.h"

/* Prefixes ClickHouse gives detached parts to say why they are there. */
static const char *const detach_reasons[] = {"broken",
                                             "unexpected",
                                             "noquorum",
                                             "ignored",
                                             "broken-on-start",
                                             "clone",
                                             "attaching",
                                             "deleting",
                                             "tmp-fetch",
                                             "covered-by-broken",
                                             "merge-not-byte-identical",
                                             "mutate-not-byte-identical",
                                             "broken-from-backup",
                                             NULL};

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static bool part_matches(const floe_part *p, const floe_part_selector *sel)
{
    if (sel->all)
        return true;
    if (sel->part_name)
        return strcmp(p->name, sel->part_name) == 0;
    return strcmp(p->info.partition_id, sel->partition_id) == 0;
}

/* Reserves the active parts sel names: waits until none of them is being
 * merged, then marks them merging and references them (*out: an array the
 * caller passes to floe_mt_release_parts). */
void floe_mt_reserve_parts(floe_mt *m, const floe_part_selector *sel, floe_part ***out, size_t *n)
{
    for (;;) {
        pthread_mutex_lock(&m->mu);
        bool busy = false;
        size_t k = 0;
        floe_part **r = floe_malloc((m->n_parts + 1) * sizeof *r);
        for (size_t i = 0; i < m->n_parts; i++) {
            floe_part *p = m->parts[i];
            if (p->state != FLOE_PART_ACTIVE || !part_matches(p, sel))
                continue;
            busy |= p->merging;
            r[k++] = p;
        }
        if (!busy) {
            for (size_t i = 0; i < k; i++) {
                r[i]->merging = true;
                floe_part_ref(r[i]);
            }
            pthread_mutex_unlock(&m->mu);
            qsort(r, k, sizeof *r, floe_mt_part_cmp);
            *out = r;
            *n = k;
            return;
        }
        pthread_mutex_unlock(&m->mu);
        floe_free(r);
        sleep_ms(5);
    }
}

/* Under mu: parts leave the working set at once (no old_parts_lifetime, as
 * ClickHouse's DROP/DETACH); they stay on disk while queries hold them. */
static void outdate_locked(floe_part **parts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        parts[i]->state = FLOE_PART_OUTDATED;
        parts[i]->remove_time = 0;
    }
}

void floe_mt_release_parts(floe_mt *m, floe_part **parts, size_t n, bool outdate)
{
    pthread_mutex_lock(&m->mu);
    if (outdate)
        outdate_locked(parts, n);
    for (size_t i = 0; i < n; i++)
        parts[i]->merging = false;
    pthread_mutex_unlock(&m->mu);
    for (size_t i = 0; i < n; i++)
        floe_part_unref(parts[i]);
    floe_free(parts);
    if (outdate) {
        pthread_mutex_lock(&m->mu);
        floe_mt_cleanup_outdated(m, false);
        pthread_mutex_unlock(&m->mu);
    }
}

/* Loads the part in dir as a part of m (checksums verified when asked). */
static int load_part(floe_mt *m, floe_part **out, const char *dir, const char *name, bool verify)
{
    if (floe_part_load(out, dir, name, &m->pkey, verify) < 0)
        return -1;
    if (m->pkey.n && floe_part_load_minmax(*out, &m->pkey, m->names, m->types) < 0) {
        floe_part_unref(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

static bool name_is_safe(const char *name)
{
    return *name && !strchr(name, '/') && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/* The reason prefix of a detached part's name ("broken" in
 * broken_202001_1_1_0), or NULL when it has none. */
static const char *reason_of(const char *name, size_t *len)
{
    for (size_t i = 0; detach_reasons[i]; i++) {
        size_t n = strlen(detach_reasons[i]);
        if (strncmp(name, detach_reasons[i], n) == 0 && name[n] == '_') {
            *len = n;
            return detach_reasons[i];
        }
    }
    return NULL;
}

static int bad_part_name(const char *name)
{
    return floe_error(FLOE_ERR_BAD_DATA_PART_NAME, "Unexpected part name: %s for format version: 1",
                      name);
}

/* ---- DETACH / DROP ---- */

/* home/detached/<name>, or <name>_tryN when that is taken (as ClickHouse);
 * home is the table's directory on the part's disk. */
static void detached_path(char *out, size_t size, const char *home, const char *name)
{
    struct stat st;
    for (int i = 0; i < 1000; i++) {
        if (i == 0)
            snprintf(out, size, "%s/detached/%s", home, name);
        else
            snprintf(out, size, "%s/detached/%s_try%d", home, name, i);
        if (lstat(out, &st) < 0)
            return;
    }
}

int floe_mt_drop_parts(floe_table *t, const floe_part_selector *sel, bool detach)
{
    floe_mt *m = floe_mt_of(t);
    floe_part_info info;
    if (sel->part_name && floe_part_info_parse(&info, sel->part_name) < 0)
        return bad_part_name(sel->part_name);
    floe_part **parts;
    size_t n;
    floe_mt_reserve_parts(m, sel, &parts, &n);
    if (sel->part_name && n == 0) {
        floe_mt_release_parts(m, parts, n, false);
        return floe_error(FLOE_ERR_NO_SUCH_DATA_PART, "No part %s in committed state",
                          sel->part_name);
    }
    int rc = 0;
    if (detach && n) {
        /* each part goes to detached/ on its own disk (hard links) */
        char dir[4096 + 16];
        char **made = floe_calloc(n + 1, sizeof *made);
        for (size_t i = 0; i < n && rc == 0; i++) {
            char dst[4096 + 256];
            const char *home = floe_mt_part_home(m, parts[i]);
            snprintf(dir, sizeof dir, "%s/detached", home);
            if ((rc = floe_fs_mkdir_p(dir)) < 0)
                break;
            detached_path(dst, sizeof dst, home, parts[i]->name);
            made[i] = floe_strdup(dst);
            rc = floe_fs_clone_tree(parts[i]->dir, dst, FLOE_FS_LINK);
            floe_fs_fsync_dir(dir);
        }
        /* all or nothing: the parts stay in the table when a clone fails */
        for (size_t i = 0; i < n; i++) {
            if (rc < 0 && made[i])
                floe_fs_remove_tree(made[i]);
            floe_free(made[i]);
        }
        floe_free(made);
    }
    floe_mt_release_parts(m, parts, n, rc == 0);
    return rc;
}

/* ---- detached/ ---- */

static uint64_t tree_bytes(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return 0;
    if (!S_ISDIR(st.st_mode))
        return (uint64_t)st.st_size;
    uint64_t total = 0;
    DIR *d = opendir(path);
    if (!d)
        return 0;
    struct dirent *e;
    char sub[4096 + 256];
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        total += tree_bytes(sub);
    }
    closedir(d);
    return total;
}

static int detached_cmp(const void *x, const void *y)
{
    const floe_detached_part *a = x, *b = y;
    return strcmp(a->name, b->name);
}

/* Appends the entries of home/detached (home: the table's directory on
 * disk) to r[0..*k). */
static void list_detached_dir(floe_detached_part **r, size_t *k, size_t *cap, const char *home,
                              const floe_disk *disk)
{
    char dir[4096 + 16];
    snprintf(dir, sizeof dir, "%s/detached", home);
    DIR *d = opendir(dir);
    if (!d)
        return; /* nothing detached there yet */
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        FLOE_GROW(*r, *cap, *k + 1);
        floe_detached_part *p = &(*r)[(*k)++];
        memset(p, 0, sizeof *p);
        p->name = floe_strdup(e->d_name);
        p->disk = disk ? disk->name : "default";
        p->home = floe_strdup(home);
        char path[4096 + 512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        p->path = floe_strdup(path);
        size_t rl = 0;
        const char *reason = reason_of(e->d_name, &rl);
        const char *rest = reason ? e->d_name + rl + 1 : e->d_name;
        floe_part_info info;
        if (floe_part_info_parse(&info, rest) == 0) {
            p->valid = true;
            snprintf(p->reason, sizeof p->reason, "%s", reason ? reason : "");
            snprintf(p->partition_id, sizeof p->partition_id, "%s", info.partition_id);
            p->min_block = info.min_block;
            p->max_block = info.max_block;
            p->level = info.level;
        } else {
            floe_error_clear();
        }
        struct stat st;
        if (stat(path, &st) == 0)
            p->modification_time = st.st_mtime;
        p->bytes_on_disk = tree_bytes(path);
    }
    closedir(d);
}

int floe_mt_detached_list(floe_table *t, floe_detached_part **out, size_t *n)
{
    floe_mt *m = floe_mt_of(t);
    floe_detached_part *r = NULL;
    size_t k = 0, cap = 0;
    for (size_t i = 0; i < m->n_disks; i++)
        list_detached_dir(&r, &k, &cap, m->disk_dirs[i], m->disks[i]);
    if (k)
        qsort(r, k, sizeof *r, detached_cmp);
    *out = r;
    *n = k;
    return 0;
}

void floe_mt_detached_free(floe_detached_part *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        floe_free(d[i].name);
        floe_free(d[i].path);
        floe_free(d[i].home);
    }
    floe_free(d);
}

/* The table's directory on the disk whose detached/ holds name (path: that
 * entry), NULL when none does. */
static const char *find_detached(floe_mt *m, const char *name, char *path, size_t size)
{
    struct stat st;
    for (size_t i = 0; i < m->n_disks; i++) {
        snprintf(path, size, "%s/detached/%s", m->disk_dirs[i], name);
        if (lstat(path, &st) == 0)
            return m->disk_dirs[i];
    }
    return NULL;
}

int floe_mt_drop_detached(floe_table *t, const floe_part_selector *sel)
{
    floe_mt *m = floe_mt_of(t);
    char path[4096 + 256];
    if (sel->part_name) {
        const char *name = sel->part_name;
        if (!name_is_safe(name))
            return floe_error(FLOE_ERR_INCORRECT_FILE_NAME, "Invalid part name '%s'", name);
        size_t rl;
        const char *reason = reason_of(name, &rl);
        if (reason && (!strcmp(reason, "attaching") || !strcmp(reason, "deleting")))
            return floe_error(FLOE_ERR_BAD_DATA_PART_NAME,
                              "Cannot drop part %s: most likely it is used by another DROP or "
                              "ATTACH query",
                              name);
        if (!find_detached(m, name, path, sizeof path))
            return floe_error(FLOE_ERR_BAD_DATA_PART_NAME, "Detached part \"%s\" not found", name);
        if (floe_fs_remove_tree(path) < 0)
            return floe_error(FLOE_ERR_CANNOT_UNLINK, "Cannot remove %s: %s", path,
                              strerror(errno));
        return 0;
    }
    floe_detached_part *list;
    size_t n;
    if (floe_mt_detached_list(t, &list, &n) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const floe_detached_part *p = &list[i];
        if (!p->valid || !strcmp(p->reason, "attaching") || !strcmp(p->reason, "deleting"))
            continue;
        if (!sel->all && strcmp(p->partition_id, sel->partition_id) != 0)
            continue;
        if (floe_fs_remove_tree(p->path) < 0)
            rc = floe_error(FLOE_ERR_CANNOT_UNLINK, "Cannot remove %s: %s", p->path,
                            strerror(errno));
    }
    floe_mt_detached_free(list, n);
    return rc;
}

/* ---- ATTACH from detached/ ---- */

typedef struct attaching {
    char *name;     /* the name in detached/ */
    char *tmp_path; /* detached/attaching_<name> while being attached */
    floe_part *part;
    char *home; /* the table's directory on the disk it is on: it stays there */
} attaching;

static int attaching_cmp(const void *x, const void *y)
{
    const attaching *a = x, *b = y;
    int r = strcmp(a->part->info.partition_id, b->part->info.partition_id);
    if (r)
        return r;
    if (a->part->info.min_block != b->part->info.min_block)
        return a->part->info.min_block < b->part->info.min_block ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* Loads and verifies detached/<name> under the name attaching_<name>. */
static int attach_load(floe_mt *m, attaching *a)
{
    char from[4096 + 256], to[4096 + 256];
    snprintf(from, sizeof from, "%s/detached/%s", a->home, a->name);
    snprintf(to, sizeof to, "%s/detached/attaching_%s", a->home, a->name);
    if (rename(from, to) < 0)
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot rename %s to %s: %s", from, to,
                          strerror(errno));
    a->tmp_path = floe_strdup(to);
    char cols[4096 + 300];
    snprintf(cols, sizeof cols, "%s/columns.txt", to);
    if (access(cols, F_OK) < 0)
        return floe_error(FLOE_ERR_NO_FILE_IN_DATA_PART, "No columns in part %s: Part is empty",
                          a->name);
    if (load_part(m, &a->part, to, a->name, true) < 0)
        return -1;
    /* partition.dat must be a value of this table's key that names the
     * part's partition (a part of another table's key is refused here) */
    char id[128];
    floe_partition_id(id, sizeof id, &m->pkey, a->part->partition, 0);
    if (strcmp(id, a->part->info.partition_id) != 0)
        return floe_error(FLOE_ERR_CORRUPTED_DATA,
                          "While loading part %s/: calculated partition ID: %s differs from "
                          "partition ID in part name: %s",
                          to, id, a->part->info.partition_id);
    return 0;
}

static void attach_undo(floe_mt *m, attaching *a)
{
    if (a->part)
        floe_part_unref(a->part);
    a->part = NULL;
    if (a->tmp_path) {
        char back[4096 + 256];
        snprintf(back, sizeof back, "%s/detached/%s", a->home, a->name);
        rename(a->tmp_path, back);
    }
}

int floe_mt_attach_detached(floe_table *t, const floe_part_selector *sel)
{
    floe_mt *m = floe_mt_of(t);
    attaching *list = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    if (sel->part_name) {
        const char *name = sel->part_name;
        floe_part_info info;
        size_t rl;
        if (!name_is_safe(name) || reason_of(name, &rl) || floe_part_info_parse(&info, name) < 0)
            return bad_part_name(name);
        char path[4096 + 256];
        const char *home = find_detached(m, name, path, sizeof path);
        if (!home)
            return floe_error(FLOE_ERR_BAD_DATA_PART_NAME, "Detached part \"%s\" not found", name);
        FLOE_GROW(list, cap, 1);
        list[n++] = (attaching){floe_strdup(name), NULL, NULL, floe_strdup(home)};
    } else {
        floe_detached_part *d;
        size_t nd;
        if (floe_mt_detached_list(t, &d, &nd) < 0)
            return -1;
        for (size_t i = 0; i < nd; i++) {
            if (!d[i].valid || d[i].reason[0])
                continue;
            if (!sel->all && strcmp(d[i].partition_id, sel->partition_id) != 0)
                continue;
            FLOE_GROW(list, cap, n + 1);
            list[n++] = (attaching){floe_strdup(d[i].name), NULL, NULL, floe_strdup(d[i].home)};
        }
        floe_mt_detached_free(d, nd);
    }
    /* every part is checked before any is attached */
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = attach_load(m, &list[i]);
    if (rc == 0 && n) {
        qsort(list, n, sizeof *list, attaching_cmp);
        int64_t *blocks = floe_malloc(n * sizeof *blocks);
        pthread_mutex_lock(&m->mu);
        for (size_t i = 0; i < n; i++)
            blocks[i] = m->next_block++;
        pthread_mutex_unlock(&m->mu);
        floe_part **ready = floe_calloc(n + 1, sizeof *ready);
        for (size_t i = 0; i < n && rc == 0; i++) {
            floe_part_info info = list[i].part->info;
            info.min_block = info.max_block = blocks[i];
            info.level = 0;
            info.mutation = 0;
            char name[256], final[4096];
            floe_part_info_name(name, sizeof name, &info);
            snprintf(final, sizeof final, "%s/%s", list[i].home, name);
            floe_part_unref(list[i].part);
            list[i].part = NULL;
            if (rename(list[i].tmp_path, final) < 0) {
                rc = floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot rename %s to %s: %s",
                                list[i].tmp_path, final, strerror(errno));
                break;
            }
            floe_free(list[i].tmp_path);
            list[i].tmp_path = NULL;
            rc = load_part(m, &ready[i], final, name, false);
        }
        /* the parts that made it are attached; ClickHouse's ATTACH is not
         * atomic across parts either */
        pthread_mutex_lock(&m->mu);
        for (size_t i = 0; i < n; i++)
            if (ready[i])
                floe_mt_add_part(m, ready[i]);
        pthread_mutex_unlock(&m->mu);
        floe_free(ready);
        floe_free(blocks);
    }
    for (size_t i = 0; i < n; i++) {
        attach_undo(m, &list[i]);
        floe_free(list[i].name);
        floe_free(list[i].tmp_path);
        floe_free(list[i].home);
    }
    floe_free(list);
    return rc;
}

/* ---- sharing parts between tables ---- */

static bool same_exprs(const floe_ast *const *a, size_t na, const floe_ast *const *b, size_t nb)
{
    if (na != nb)
        return false;
    bool same = true;
    for (size_t i = 0; i < na && same; i++) {
        floe_buf x = FLOE_BUF_INIT, y = FLOE_BUF_INIT;
        floe_ast_column_name(&x, a[i]);
        floe_ast_column_name(&y, b[i]);
        same = x.data && y.data && strcmp(x.data, y.data) == 0;
        floe_buf_free(&x);
        floe_buf_free(&y);
    }
    return same;
}

static bool same_ast_text(const floe_ast *a, const floe_ast *b)
{
    if (!a || !b)
        return a == b;
    return same_exprs(&a, 1, &b, 1);
}

/* Every data-skipping index of src exists in dst with the same definition
 * (dst may have more). */
static bool has_source_indices(floe_table *dst, floe_table *src)
{
    const floe_ast *dc = dst->create, *sc = src->create;
    for (size_t i = 0; i < sc->u.create_table.n_indexes; i++) {
        const floe_ast *si = sc->u.create_table.indexes[i];
        bool found = false;
        for (size_t j = 0; j < dc->u.create_table.n_indexes && !found; j++) {
            const floe_ast *di = dc->u.create_table.indexes[j];
            found = strcmp(si->u.index.name, di->u.index.name) == 0 &&
                    same_ast_text(si->u.index.expr, di->u.index.expr) &&
                    same_ast_text(si->u.index.type, di->u.index.type) &&
                    si->u.index.granularity == di->u.index.granularity;
        }
        if (!found)
            return false;
    }
    return true;
}

int floe_mt_check_compatible(floe_table *dst, floe_table *src)
{
    floe_mt *d = floe_mt_of(dst), *s = floe_mt_of(src);
    bool same = dst->n_cols == src->n_cols;
    for (size_t i = 0; i < dst->n_cols && same; i++)
        same = strcmp(dst->cols[i].name, src->cols[i].name) == 0 &&
               strcmp(dst->cols[i].type->name, src->cols[i].type->name) == 0;
    if (!same)
        return floe_error(FLOE_ERR_INCOMPATIBLE_COLUMNS, "Tables have different structure");
    if (!same_exprs(d->sort_exprs, d->n_sort, s->sort_exprs, s->n_sort))
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Tables have different ordering");
    if (!same_exprs(d->pkey.exprs, d->pkey.n, s->pkey.exprs, s->pkey.n))
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Tables have different partition key");
    if (!same_exprs(d->primary_exprs, d->n_primary, s->primary_exprs, s->n_primary))
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Tables have different primary key");
    if (!has_source_indices(dst, src))
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Tables have different secondary indices");
    return 0;
}

/* Hard-linked copies of parts[0..n) in dst, named with blocks[i] and the
 * source level (not yet in dst's list). */
static int clone_into(floe_mt *dst, floe_mt *src, floe_part **parts, size_t n,
                      const int64_t *blocks, floe_part **out, bool copy_ok)
{
    int rc = 0;
    /* hard links stay on their disk: a part on a disk dst's policy lacks is
     * copied to dst's first disk (ATTACH FROM, copy_ok) or refused
     * (REPLACE), as ClickHouse does */
    const char **homes = floe_calloc(n + 1, sizeof *homes);
    bool *copy = floe_calloc(n + 1, sizeof *copy);
    for (size_t i = 0; i < n && rc == 0; i++) {
        int di = floe_mt_part_disk(src, parts[i]);
        homes[i] = di < 0 ? dst->dir : floe_mt_disk_dir(dst, src->disks[di]);
        if (!homes[i] && copy_ok) {
            homes[i] = floe_mt_new_part_dir(dst);
            copy[i] = true;
        }
        if (!homes[i])
            rc = floe_error(FLOE_ERR_BAD_ARGUMENTS,
                            "Could not clone and load part '%s/' because disk does not belong "
                            "to storage policy",
                            parts[i]->dir);
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        floe_part_info info = parts[i]->info;
        info.min_block = info.max_block = blocks[i];
        info.mutation = 0;
        char name[256], tmp[4096], final[4096];
        floe_part_info_name(name, sizeof name, &info);
        snprintf(tmp, sizeof tmp, "%s/tmp_replace_from_%s", homes[i], name);
        snprintf(final, sizeof final, "%s/%s", homes[i], name);
        floe_fs_remove_tree(tmp);
        if ((rc = floe_fs_mkdir_p(homes[i])) < 0)
            break;
        rc = floe_fs_clone_tree(parts[i]->dir, tmp, copy[i] ? FLOE_FS_COPY : FLOE_FS_LINK);
        if (rc < 0) {
            floe_fs_remove_tree(tmp);
            break;
        }
        if (rename(tmp, final) < 0) {
            rc = floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot rename %s to %s: %s", tmp, final,
                            strerror(errno));
            floe_fs_remove_tree(tmp);
            break;
        }
        if ((rc = load_part(dst, &out[i], final, name, false)) < 0)
            floe_fs_remove_tree(final);
    }
    if (rc < 0)
        for (size_t i = 0; i < n; i++)
            if (out[i]) {
                out[i]->remove_on_free = true;
                floe_part_unref(out[i]);
                out[i] = NULL;
            }
    floe_free(homes);
    floe_free(copy);
    return rc;
}

int floe_mt_replace_from(floe_table *dst, floe_table *src, const floe_part_selector *sel,
                         bool replace, bool allow_empty)
{
    floe_mt *d = floe_mt_of(dst), *s = floe_mt_of(src);
    if (floe_mt_check_compatible(dst, src) < 0)
        return -1;
    size_t n;
    floe_part **all = floe_mt_snapshot(s, &n, false);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (part_matches(all[i], sel))
            all[k++] = all[i];
        else
            floe_part_unref(all[i]);
    }
    n = k;
    int rc = 0;
    if (replace && n == 0 && !allow_empty) {
        rc = floe_error(FLOE_ERR_BAD_ARGUMENTS,
                        "Source table %s.%s has no parts in partition %s: refusing `REPLACE "
                        "PARTITION` because it would silently drop the destination partition's "
                        "data. Set `allow_replace_partition_from_empty_source = 1` to restore the "
                        "previous behavior, or use `ALTER TABLE ... DROP PARTITION` if you intend "
                        "to drop the destination data",
                        src->db, src->name, sel->partition_id ? sel->partition_id : "");
        goto done;
    }
    /* REPLACE: dst's parts of the partition are held until the swap */
    floe_part **old = NULL;
    size_t n_old = 0;
    if (replace)
        floe_mt_reserve_parts(d, sel, &old, &n_old);
    int64_t *blocks = floe_malloc((n + 1) * sizeof *blocks);
    pthread_mutex_lock(&d->mu);
    if (replace)
        d->next_block++; /* the drop range's number, as ClickHouse takes one */
    for (size_t i = 0; i < n; i++)
        blocks[i] = d->next_block++;
    pthread_mutex_unlock(&d->mu);
    floe_part **fresh = floe_calloc(n + 1, sizeof *fresh);
    rc = clone_into(d, s, all, n, blocks, fresh, !replace);
    if (rc == 0) {
        /* one step: a reader sees the old set or the new one */
        pthread_mutex_lock(&d->mu);
        if (replace)
            outdate_locked(old, n_old);
        for (size_t i = 0; i < n; i++)
            floe_mt_add_part(d, fresh[i]);
        pthread_mutex_unlock(&d->mu);
    }
    if (replace)
        floe_mt_release_parts(d, old, n_old, false);
    if (rc == 0 && replace) {
        pthread_mutex_lock(&d->mu);
        floe_mt_cleanup_outdated(d, false);
        pthread_mutex_unlock(&d->mu);
    }
    floe_free(fresh);
    floe_free(blocks);
done:
    for (size_t i = 0; i < n; i++)
        floe_part_unref(all[i]);
    floe_free(all);
    return rc;
}

int floe_mt_move_to_table(floe_table *src, floe_table *dst, const floe_part_selector *sel)
{
    floe_mt *d = floe_mt_of(dst), *s = floe_mt_of(src);
    if (!floe_storage_policy_covers(d->policy, s->policy))
        return floe_error(FLOE_ERR_UNKNOWN_POLICY,
                          "Destination table %s.%s should have the same storage policy of source "
                          "table, or the policies must be compatible for partition operations "
                          "%s.%s. %s.%s: %s, %s.%s: %s",
                          dst->db, dst->name, src->db, src->name, src->db, src->name,
                          s->policy->name, dst->db, dst->name, d->policy->name);
    if (floe_mt_check_compatible(dst, src) < 0)
        return -1;
    floe_part **parts;
    size_t n;
    floe_mt_reserve_parts(s, sel, &parts, &n);
    int64_t *blocks = floe_malloc((n + 1) * sizeof *blocks);
    pthread_mutex_lock(&d->mu);
    for (size_t i = 0; i < n; i++)
        blocks[i] = d->next_block++;
    pthread_mutex_unlock(&d->mu);
    floe_part **fresh = floe_calloc(n + 1, sizeof *fresh);
    int64_t started = floe_clock_realtime_us();
    int rc = clone_into(d, s, parts, n, blocks, fresh, false);
    if (rc == 0) {
        pthread_mutex_lock(&d->mu);
        for (size_t i = 0; i < n; i++) {
            floe_mt_add_part(d, fresh[i]);
            floe_mt_part_event(d, FLOE_PART_EVENT_MOVE, fresh[i], started, parts[i]->rows, 0);
        }
        pthread_mutex_unlock(&d->mu);
    }
    floe_mt_release_parts(s, parts, n, rc == 0);
    floe_free(fresh);
    floe_free(blocks);
    return rc;
}

/* ---- FREEZE / UNFREEZE ---- */

/* The next number of root/shadow/increment.txt. */
static int next_increment(uint64_t *out, const char *shadow)
{
    char path[4096 + 32];
    snprintf(path, sizeof path, "%s/increment.txt", shadow);
    uint64_t v = 0;
    char *text = NULL;
    size_t len;
    if (floe_read_file(&text, &len, path) == 0) {
        v = strtoull(text, NULL, 10);
        floe_free(text);
    } else {
        floe_error_clear();
    }
    v++;
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%llu\n", (unsigned long long)v);
    if (floe_write_file_atomic(path, buf, (size_t)n) < 0)
        return -1;
    *out = v;
    return 0;
}

/* root/shadow/<backup>/<the table's data path relative to root> */
/* root/shadow/<backup>/<the table's data path relative to root>, where
 * root is the disk's directory (disk: an index into m->disks; -1 or the
 * default disk: the data directory root): a backup's hard links stay on
 * the disk of their part, as in ClickHouse. */
static void shadow_table_dir(char *out, size_t size, floe_mt *m, int disk, const char *root,
                             const char *backup)
{
    const char *home = m->dir;
    char base[4096];
    snprintf(base, sizeof base, "%s", root);
    if (disk >= 0) {
        home = m->disk_dirs[disk];
        if (strcmp(m->disks[disk]->name, "default") != 0)
            snprintf(base, sizeof base, "%s", m->disks[disk]->path);
    }
    size_t bl = strlen(base);
    while (bl > 1 && base[bl - 1] == '/')
        base[--bl] = '\0';
    const char *rel = home;
    if (strncmp(home, base, bl) == 0 && home[bl] == '/')
        rel = home + bl + 1;
    while (*rel == '/')
        rel++;
    snprintf(out, size, "%s/shadow/%s/%s", base, backup, rel);
}

int floe_mt_freeze(floe_table *t, const char *root, const floe_part_selector *sel,
                   const char *with_name)
{
    floe_mt *m = floe_mt_of(t);
    char shadow[4096];
    snprintf(shadow, sizeof shadow, "%s/shadow", root);
    if (floe_fs_mkdir_p(shadow) < 0)
        return -1;
    uint64_t num;
    if (next_increment(&num, shadow) < 0)
        return -1;
    floe_buf backup = FLOE_BUF_INIT;
    if (with_name)
        floe_escape_file_name(&backup, with_name);
    else
        floe_buf_printf(&backup, "%llu", (unsigned long long)num);
    size_t n;
    floe_part **parts = floe_mt_snapshot(m, &n, false);
    char dir[4096];
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (sel && !part_matches(parts[i], sel))
            continue;
        shadow_table_dir(dir, sizeof dir, m, floe_mt_part_disk(m, parts[i]), root, backup.data);
        if ((rc = floe_fs_mkdir_p(dir)) < 0)
            break;
        char dst[4096 + 256];
        snprintf(dst, sizeof dst, "%s/%s", dir, parts[i]->name);
        rc = floe_fs_clone_tree(parts[i]->dir, dst, FLOE_FS_LINK_READONLY);
    }
    for (size_t i = 0; i < n; i++)
        floe_part_unref(parts[i]);
    floe_free(parts);
    floe_buf_free(&backup);
    return rc;
}

/* UNFREEZE in one disk's shadow/ (dir: the table's directory there). */
static int unfreeze_dir(const char *dir, const floe_part_selector *sel)
{
    if (!sel || sel->all)
        return floe_fs_remove_tree(dir) < 0
                   ? floe_error(FLOE_ERR_CANNOT_UNLINK, "Cannot remove %s", dir)
                   : 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) && rc == 0) {
        floe_part_info info;
        if (floe_part_info_parse(&info, e->d_name) < 0) {
            floe_error_clear();
            continue;
        }
        bool match = sel->part_name ? strcmp(e->d_name, sel->part_name) == 0
                                    : strcmp(info.partition_id, sel->partition_id) == 0;
        if (!match)
            continue;
        char path[4096 + 256];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (floe_fs_remove_tree(path) < 0)
            rc = floe_error(FLOE_ERR_CANNOT_UNLINK, "Cannot remove %s", path);
    }
    closedir(d);
    return rc;
}

int floe_mt_unfreeze(floe_table *t, const char *root, const floe_part_selector *sel,
                     const char *with_name)
{
    floe_mt *m = floe_mt_of(t);
    floe_buf backup = FLOE_BUF_INIT;
    floe_escape_file_name(&backup, with_name);
    char dir[4096];
    int rc = 0;
    for (size_t i = 0; i < m->n_disks && rc == 0; i++) {
        shadow_table_dir(dir, sizeof dir, m, (int)i, root, backup.data);
        rc = unfreeze_dir(dir, sel);
    }
    floe_buf_free(&backup);
    return rc;
}

/* ---- FORGET ---- */

int floe_mt_forget_partition(floe_table *t, const char *partition_id)
{
    floe_mt *m = floe_mt_of(t);
    bool any = false;
    pthread_mutex_lock(&m->mu);
    for (size_t i = 0; i < m->n_parts && !any; i++)
        any = m->parts[i]->state == FLOE_PART_ACTIVE &&
              strcmp(m->parts[i]->info.partition_id, partition_id) == 0;
    pthread_mutex_unlock(&m->mu);
    if (any)
        return floe_error(FLOE_ERR_CANNOT_FORGET_PARTITION, "Partition %s is not empty",
                          partition_id);
    return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "FORGET PARTITION is not supported by storage %s",
                      t->engine);
}

/* ---- REWRITE PARTS / CLEAR COLUMN ---- */

static bool ast_uses_column(const floe_ast *e, const char *name)
{
    if (!e)
        return false;
    if (e->kind == FLOE_AST_IDENT)
        return strcmp(e->u.ident.parts[e->u.ident.n_parts - 1], name) == 0;
    if (e->kind == FLOE_AST_FUNC)
        for (size_t i = 0; i < e->u.func.n_args; i++)
            if (ast_uses_column(e->u.func.args[i], name))
                return true;
    return false;
}

static bool is_key_column(floe_mt *m, const char *name)
{
    for (size_t i = 0; i < m->pkey.n; i++)
        if (ast_uses_column(m->pkey.exprs[i], name))
            return true;
    for (size_t i = 0; i < m->n_sort; i++)
        if (ast_uses_column(m->sort_exprs[i], name))
            return true;
    for (size_t i = 0; i < m->n_primary; i++)
        if (ast_uses_column(m->primary_exprs[i], name))
            return true;
    return false;
}

/* The values of table column col for b's rows: its DEFAULT expression, or
 * the type's default. */
static int default_column(floe_column **out, floe_mt *m, const floe_block *b, size_t col)
{
    const floe_table_column *tc = &m->t->cols[col];
    const floe_type *type = m->types[col];
    if (tc->default_expr &&
        (tc->default_kind == FLOE_COLUMN_DEFAULT || tc->default_kind == FLOE_COLUMN_MATERIALIZED)) {
        floe_column **v;
        const floe_ast *e = tc->default_expr;
        if (floe_mt_eval_exprs(&v, m, &e, 1, b) < 0)
            return -1;
        floe_column *c = v[0];
        floe_free(v);
        if (c->rows != b->rows) { /* a constant: one value for every row */
            floe_column *r = floe_column_replicate_row(c, 0, b->rows);
            floe_column_free(c);
            c = r;
        }
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
    floe_column *c = floe_column_new(type);
    floe_column_reserve(c, b->rows, 0);
    for (size_t i = 0; i < b->rows; i++) {
        if (floe_type_is_nullable(type))
            floe_column_push_null(c);
        else
            floe_column_push_default(c);
    }
    *out = c;
    return 0;
}

/* Writes part p again with the table's current columns and settings as
 * info (clear_col >= 0: that column reset to its default). */
static int rewrite_part(floe_mt *m, floe_part **out, floe_part *p, const floe_part_info *info,
                        int clear_col)
{
    int rc = 0;
    floe_block *b = floe_block_new();
    for (size_t c = 0; c < m->t->n_cols && rc == 0; c++) {
        floe_column *col = NULL;
        if ((rc = floe_mt_read_column(&col, m, p, c)) == 0)
            floe_block_add(b, m->names[c], col);
    }
    b->rows = (size_t)p->rows;
    floe_column **pk = NULL;
    if (rc == 0 && clear_col >= 0) {
        floe_column *d = NULL;
        if ((rc = default_column(&d, m, b, (size_t)clear_col)) == 0) {
            floe_column_free(b->cols[clear_col]);
            b->cols[clear_col] = d;
        }
    }
    if (rc == 0 && m->n_primary)
        rc = floe_mt_eval_exprs(&pk, m, m->primary_exprs, m->n_primary, b);
    char name[256], tmp[4096], final[4096];
    floe_part_info_name(name, sizeof name, info);
    const char *home = floe_mt_part_home(m, p); /* the result stays on p's disk */
    snprintf(tmp, sizeof tmp, "%s/tmp_mut_%s", home, name);
    snprintf(final, sizeof final, "%s/%s", home, name);
    if (rc == 0) {
        floe_part_written w;
        floe_part_write_options wo = m->wopts;
        floe_part_skip_index *skip = NULL;
        rc = floe_mt_skip_eval(&skip, &wo.n_skip, m, b);
        wo.skip = skip;
        if (rc == 0)
            rc = floe_part_write(&w, tmp, final, b, m->names, m->types, &m->pkey, p->partition,
                                 pk, m->n_primary, &wo);
        floe_mt_skip_free(skip, wo.n_skip);
    }
    if (rc == 0)
        rc = load_part(m, out, final, name, false);
    floe_mt_free_cols(pk, m->n_primary);
    floe_block_free(b);
    return rc;
}

/* Removes data-skipping index `name`'s files from the part directory dir
 * (a fresh hard-linked copy: checksums.txt is written anew, not through
 * the link). */
static int strip_index(const char *dir, const char *name)
{
    floe_buf base = FLOE_BUF_INIT;
    floe_skip_file_name(&base, name, "");
    static const char *const exts[] = {".idx",   ".idx2", ".mrk",   ".mrk2", ".cmrk",
                                       ".cmrk2", ".mrk3", ".cmrk3", ".mrk4", ".cmrk4"};
    char path[4096 + 512], file[512];
    floe_checksums sums = {0};
    int rc = floe_checksums_load(&sums, dir);
    bool changed = false;
    for (size_t i = 0; rc == 0 && i < sizeof exts / sizeof *exts; i++) {
        snprintf(file, sizeof file, "%s%s", base.data, exts[i]);
        changed = floe_checksums_remove(&sums, file) || changed;
        snprintf(path, sizeof path, "%s/%s", dir, file);
        if (unlink(path) < 0 && errno != ENOENT)
            rc = floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot remove %s: %s", path,
                            strerror(errno));
    }
    if (rc == 0 && changed)
        rc = floe_checksums_store(&sums, dir);
    floe_checksums_free(&sums);
    floe_buf_free(&base);
    return rc;
}

/* Builds data-skipping index `name` of the table into dir, a hard-linked
 * copy of part p (an index floe does not build: nothing). */
static int build_index(floe_mt *m, const char *dir, const floe_part *p, const char *name)
{
    const floe_skip_def *d = NULL;
    for (size_t i = 0; i < m->n_skip && !d; i++)
        if (strcmp(m->skip[i].name, name) == 0)
            d = &m->skip[i];
    if (!d || d->kind == FLOE_SKIP_UNBUILT || !p->rows)
        return 0;
    floe_block *b = floe_block_new();
    int rc = 0;
    for (size_t c = 0; c < m->t->n_cols && rc == 0; c++) {
        floe_column *col = NULL;
        if ((rc = floe_mt_read_column(&col, m, p, c)) == 0)
            floe_block_add(b, m->names[c], col);
    }
    b->rows = (size_t)p->rows;
    floe_part_skip_index ix;
    if (rc == 0 && (rc = floe_mt_skip_eval_one(&ix, m, d, b)) == 0) {
        rc = floe_part_add_skip_index(dir, &ix, p->granule_rows, (size_t)p->marks,
                                      &m->wopts.default_codec);
        if (rc == 0)
            rc = floe_part_convert_index_marks(dir, p, name);
        floe_mt_free_cols(ix.cols, d->n_elems);
    }
    floe_block_free(b);
    return rc;
}

static int rewrite_parts(floe_table *t, const floe_part_selector *sel, int clear_col,
                         const char *index, bool build, const char *command);

int floe_mt_rewrite_parts(floe_table *t, const floe_part_selector *sel, int clear_col,
                          const char *command)
{
    return rewrite_parts(t, sel, clear_col, NULL, false, command);
}

int floe_mt_index_parts(floe_table *t, const floe_part_selector *sel, const char *name,
                        bool materialize, const char *command)
{
    return rewrite_parts(t, sel, FLOE_MT_LINK_ONLY, name, materialize, command);
}

static int rewrite_parts(floe_table *t, const floe_part_selector *sel, int clear_col,
                         const char *index, bool build, const char *command)
{
    floe_mt *m = floe_mt_of(t);
    if (clear_col >= 0 && is_key_column(m, m->names[clear_col]))
        return floe_error(FLOE_ERR_ALTER_OF_COLUMN_IS_FORBIDDEN,
                          "Trying to ALTER DROP key %s column which is a part of key expression",
                          m->names[clear_col]);
    /* mutations queued before this one apply first: once the parts carry
     * the new version, the runner would take them as done */
    floe_mutation_info *muts = NULL;
    size_t n_muts = 0;
    if (floe_mergetree_mutations(&muts, &n_muts, t) < 0)
        return -1;
    int wrc = 0;
    for (size_t i = 0; i < n_muts && wrc == 0; i++)
        if (!muts[i].is_done && !muts[i].is_killed)
            wrc = floe_mergetree_mutation_wait(t, muts[i].number);
    floe_mutation_infos_free(muts, n_muts);
    if (wrc < 0)
        return -1;
    /* a mutation: every part takes the new version; the selected ones are
     * rewritten, the others linked under their new names */
    floe_part_selector every = {true, NULL, NULL};
    floe_part **parts;
    size_t n;
    floe_mt_reserve_parts(m, &every, &parts, &n);
    /* recorded as mutation_<N>.txt: the runner takes it as done once every
     * part carries N, and applies it to parts inserted meanwhile */
    int64_t version;
    if (floe_mergetree_mutate(&version, t, command, sel && !sel->all ? sel->partition_id : NULL) <
        0) {
        floe_mt_release_parts(m, parts, n, false);
        return -1;
    }
    floe_part **fresh = floe_calloc(n + 1, sizeof *fresh);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        floe_part_info info = parts[i]->info;
        info.mutation = version;
        bool selected = !sel || part_matches(parts[i], sel);
        if (clear_col != FLOE_MT_LINK_ONLY && selected) {
            rc = rewrite_part(m, &fresh[i], parts[i], &info, clear_col);
            continue;
        }
        char name[256], tmp[4096], final[4096];
        floe_part_info_name(name, sizeof name, &info);
        const char *home = floe_mt_part_home(m, parts[i]);
        snprintf(tmp, sizeof tmp, "%s/tmp_clone_%s", home, name);
        snprintf(final, sizeof final, "%s/%s", home, name);
        if ((rc = floe_fs_clone_tree(parts[i]->dir, tmp, FLOE_FS_LINK)) < 0)
            break;
        /* the index's old files go; MATERIALIZE writes them anew */
        if (index && selected &&
            ((rc = strip_index(tmp, index)) < 0 ||
             (build && (rc = build_index(m, tmp, parts[i], index)) < 0))) {
            floe_fs_remove_tree(tmp);
            break;
        }
        if (rename(tmp, final) < 0) {
            rc = floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot rename %s to %s: %s", tmp, final,
                            strerror(errno));
            break;
        }
        rc = load_part(m, &fresh[i], final, name, false);
    }
    time_t now = time(NULL);
    pthread_mutex_lock(&m->mu);
    if (rc == 0) {
        for (size_t i = 0; i < n; i++) {
            parts[i]->state = FLOE_PART_OUTDATED;
            parts[i]->remove_time = now;
            floe_mt_add_part(m, fresh[i]);
        }
    }
    pthread_mutex_unlock(&m->mu);
    if (rc < 0)
        for (size_t i = 0; i < n; i++)
            if (fresh[i]) {
                fresh[i]->remove_on_free = true;
                floe_part_unref(fresh[i]);
            }
    floe_free(fresh);
    floe_mt_release_parts(m, parts, n, false);
    return rc;
}

/* ---- partition expressions ---- */

/* The range of an integer-valued type for a partition value, false when t
 * is not one. */
static bool int_range(const floe_type *t, __int128 *lo, __int128 *hi)
{
    switch (t->id) {
    case FLOE_TYPE_DATE:
        *lo = 0;
        *hi = 65535;
        return true;
    case FLOE_TYPE_DATE32:
        *lo = -25567;
        *hi = 120529;
        return true;
    case FLOE_TYPE_DATETIME:
        *lo = 0;
        *hi = UINT32_MAX;
        return true;
    default:
        break;
    }
    if (!floe_type_is_integer(t) || t->width > 8)
        return false;
    unsigned bits = (unsigned)t->width * 8;
    if (floe_type_is_signed(t)) {
        *lo = -((__int128)1 << (bits - 1));
        *hi = ((__int128)1 << (bits - 1)) - 1;
    } else {
        *lo = 0;
        *hi = ((__int128)1 << bits) - 1;
    }
    return true;
}

/* Converts a constant (one row) to the key element's type as ClickHouse
 * converts partition literals: integers must fit, strings must parse. */
static int convert_value(floe_column **out, const floe_column *v, const floe_type *to)
{
    const floe_type *src = floe_type_base(v->type), *dst = floe_type_base(to);
    floe_value val;
    floe_value_from_column(&val, v, 0);
    __int128 lo, hi;
    if (!val.is_null && floe_type_is_integer(src) && src->width <= 8 && int_range(dst, &lo, &hi)) {
        __int128 x = floe_type_is_signed(src) ? (__int128)val.v.i : (__int128)val.v.u;
        if (x < lo || x > hi) {
            char text[48];
            if (floe_type_is_signed(src))
                snprintf(text, sizeof text, "%lld", (long long)val.v.i);
            else
                snprintf(text, sizeof text, "%llu", (unsigned long long)val.v.u);
            return floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND,
                              "Cannot convert value '%s': it cannot be represented as %s", text,
                              to->name);
        }
    }
    if (floe_cast_column(out, v, to, FLOE_CAST_THROW, NULL) == 0)
        return 0;
    if (!val.is_null && floe_type_is_string(src)) {
        if (floe_type_is_numeric(dst))
            return floe_error(FLOE_ERR_TYPE_MISMATCH, "Cannot convert string '%.*s' to type %s",
                              (int)val.v.s.len, val.v.s.ptr, to->name);
        return floe_error(floe_error_code(), "%s: while converting '%.*s' to %s",
                          floe_error_message(), (int)val.v.s.len, val.v.s.ptr, to->name);
    }
    return -1;
}

int floe_mt_partition_id(floe_table *t, const floe_ast *partition, char *out, size_t size)
{
    floe_mt *m = floe_mt_of(t);
    if (partition->u.partition.kind == FLOE_PARTITION_ID) {
        const char *id = partition->u.partition.name;
        if (!id[0] || strchr(id, '_'))
            return floe_error(FLOE_ERR_INVALID_PARTITION_VALUE, "Invalid partition format: %s", id);
        snprintf(out, size, "%s", id);
        return 0;
    }
    if (partition->u.partition.kind != FLOE_PARTITION_EXPR)
        return floe_error(FLOE_ERR_LOGICAL_ERROR, "Not a partition expression");
    const floe_ast *e = partition->u.partition.expr;
    const floe_ast *const *elems = &e;
    size_t n = 1;
    if (e->kind == FLOE_AST_FUNC && strcmp(e->u.func.name, "tuple") == 0) {
        elems = (const floe_ast *const *)e->u.func.args;
        n = e->u.func.n_args;
    }
    if (n != m->pkey.n)
        return floe_error(FLOE_ERR_INVALID_PARTITION_VALUE,
                          "Wrong number of fields in the partition expression: %zu, must be: %zu",
                          n, m->pkey.n);
    if (n == 0) {
        snprintf(out, size, "all");
        return 0;
    }
    floe_arena a = FLOE_ARENA_INIT;
    floe_scope sc = {0};
    floe_func_ctx fctx = {NULL, (int64_t)time(NULL)};
    sc.fctx = &fctx;
    sc.arena = &a;
    floe_column **vals = floe_calloc(n + 1, sizeof *vals);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        floe_expr *x;
        if ((rc = floe_expr_compile(&x, &sc, elems[i])) < 0)
            break;
        if (x->kind != FLOE_EXPR_CONST) {
            rc = floe_error(FLOE_ERR_INVALID_PARTITION_VALUE,
                            "Partition expression must be constant");
            break;
        }
        rc = convert_value(&vals[i], x->value, m->pkey.types[i]);
    }
    if (rc == 0)
        floe_partition_id(out, size, &m->pkey, vals, 0);
    floe_mt_free_cols(vals, n);
    floe_scope_free(&sc);
    floe_arena_free(&a);
    return rc;
}
