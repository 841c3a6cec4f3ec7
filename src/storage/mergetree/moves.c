/*
 * A MergeTree table on the disks of its storage policy: its directory on
 * each disk, which disk a part is on, and MOVE PART|PARTITION TO DISK|VOLUME:
 * copy into <table dir>/moving/<name> (as ClickHouse), fsync, rename into
 * place, swap under the mutex. A crash leaves the old copy or two whole ones
 * (start-up keeps the first in policy order), never neither.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/error.h"
#include "base/fs.h"
#include "base/mem.h"
#include "storage/mergetree/mergetree.h"
#include "storage/mergetree/mergetree_int.h"
#include "storage/mergetree/part_events.h"
#include "storage/mergetree/partition_ops.h"

/* ---- the table's directories ---- */

int floe_mt_disks_init(floe_mt *m, const char *policy_name, bool make_dirs)
{
    if (m->policy) {
        if (!make_dirs)
            return 0;
        /* where new parts go exists from the start; the others when a part
         * first lands there */
        char det[4096 + 16];
        snprintf(det, sizeof det, "%s/detached", m->disk_dirs[0]);
        return floe_fs_mkdir_p(det);
    }
    const floe_storage_config *sc = m->t->storage;
    if (!sc) {
        m->own_storage = floe_storage_config_default(m->dir);
        sc = m->own_storage;
    }
    const char *name = policy_name ? policy_name : "default";
    m->policy = floe_storage_config_policy(sc, name);
    if (!m->policy)
        return floe_error(FLOE_ERR_UNKNOWN_POLICY, "Unknown storage policy `%s`", name);
    /* the table's path under a disk: its directory's under the default
     * disk's (data/<db>/<table>) */
    const floe_disk *def = floe_storage_config_disk(sc, "default");
    const char *rel = m->dir;
    size_t dl = def && def->path ? strlen(def->path) : 0;
    if (dl && strncmp(m->dir, def->path, dl) == 0)
        rel = m->dir + dl;
    else if (dl && strncmp(m->dir, def->path, dl - 1) == 0 && m->dir[dl - 1] == '/')
        rel = m->dir + dl;
    while (*rel == '/')
        rel++;
    size_t n = 0;
    for (size_t i = 0; i < m->policy->n_volumes; i++)
        n += m->policy->volumes[i]->n_disks;
    m->disks = floe_calloc(n + 1, sizeof *m->disks);
    m->disk_dirs = floe_calloc(n + 1, sizeof *m->disk_dirs);
    for (size_t i = 0; i < m->policy->n_volumes; i++)
        for (size_t k = 0; k < m->policy->volumes[i]->n_disks; k++) {
            const floe_disk *d = m->policy->volumes[i]->disks[k];
            m->disks[m->n_disks] = d;
            if (strcmp(d->name, "default") == 0) {
                m->disk_dirs[m->n_disks] = floe_strdup(m->dir);
            } else {
                size_t len = strlen(d->path) + strlen(rel) + 2;
                m->disk_dirs[m->n_disks] = floe_malloc(len);
                snprintf(m->disk_dirs[m->n_disks], len, "%s%s", d->path, rel);
            }
            m->n_disks++;
        }
    return make_dirs ? floe_mt_disks_init(m, policy_name, true) : 0;
}

void floe_mt_disks_free(floe_mt *m)
{
    for (size_t i = 0; i < m->n_disks; i++)
        floe_free(m->disk_dirs[i]);
    floe_free(m->disk_dirs);
    floe_free(m->disks);
    m->disk_dirs = NULL;
    m->disks = NULL;
    m->n_disks = 0;
    floe_storage_config_free(m->own_storage);
    m->own_storage = NULL;
}

void floe_mt_disks_drop(floe_mt *m)
{
    for (size_t i = 0; i < m->n_disks; i++) {
        if (strcmp(m->disk_dirs[i], m->dir) == 0)
            continue;
        floe_fs_remove_tree(m->disk_dirs[i]);
        /* the database's directory there goes with its last table */
        char *slash = strrchr(m->disk_dirs[i], '/');
        if (slash) {
            *slash = '\0';
            rmdir(m->disk_dirs[i]);
            *slash = '/';
        }
    }
}

void floe_mt_disks_adopt(floe_mt *m, floe_mt *o)
{
    for (size_t i = 0; i < m->n_disks; i++) {
        const char *od = floe_mt_disk_dir(o, m->disks[i]);
        if (!od || strcmp(od, m->disk_dirs[i]) == 0)
            continue;
        /* the new object's scratch directory on this disk holds nothing */
        if (strcmp(m->disk_dirs[i], m->dir) != 0)
            floe_fs_remove_tree(m->disk_dirs[i]);
        floe_free(m->disk_dirs[i]);
        m->disk_dirs[i] = floe_strdup(od);
    }
}

int floe_mt_volume_disk(floe_mt *m, const floe_volume *v)
{
    size_t pick = 0;
    if (v->n_disks > 1 && v->least_used) {
        uint64_t best = 0;
        for (size_t k = 0; k < v->n_disks; k++) {
            uint64_t free_b, total;
            floe_disk_space(v->disks[k], &free_b, &total);
            if (k == 0 || free_b > best) {
                best = free_b;
                pick = k;
            }
        }
    } else if (v->n_disks > 1) {
        pick = atomic_fetch_add(&m->next_disk, 1) % v->n_disks;
    }
    for (size_t i = 0; i < m->n_disks; i++)
        if (m->disks[i] == v->disks[pick])
            return (int)i;
    return 0;
}

const char *floe_mt_new_part_dir(floe_mt *m)
{
    if (!m->n_disks)
        return m->dir;
    const floe_volume *v = m->policy->volumes[0];
    if (v->n_disks == 1)
        return m->disk_dirs[0]; /* made by floe_mt_disks_init */
    const char *dir = m->disk_dirs[floe_mt_volume_disk(m, v)];
    floe_fs_mkdir_p(dir); /* a failure shows when the part is written */
    return dir;
}

const char *floe_mt_merge_dir(floe_mt *m, floe_part *const *parts, size_t n)
{
    int best = -1, best_volume = -1;
    for (size_t i = 0; i < n; i++) {
        int di = floe_mt_part_disk(m, parts[i]);
        int v = di < 0 ? -1 : floe_storage_policy_volume_of(m->policy, m->disks[di]);
        if (v > best_volume) {
            best_volume = v;
            best = di;
        }
    }
    return best < 0 ? floe_mt_new_part_dir(m) : m->disk_dirs[best];
}

int floe_mt_part_disk(const floe_mt *m, const floe_part *p)
{
    for (size_t i = 0; i < m->n_disks; i++) {
        size_t l = strlen(m->disk_dirs[i]);
        if (strncmp(p->dir, m->disk_dirs[i], l) == 0 && p->dir[l] == '/' &&
            !strchr(p->dir + l + 1, '/'))
            return (int)i;
    }
    return -1;
}

const char *floe_mt_part_home(const floe_mt *m, const floe_part *p)
{
    int i = floe_mt_part_disk(m, p);
    return i < 0 ? m->dir : m->disk_dirs[i];
}

const char *floe_mt_disk_dir(const floe_mt *m, const floe_disk *d)
{
    for (size_t i = 0; i < m->n_disks; i++)
        if (m->disks[i] == d)
            return m->disk_dirs[i];
    return NULL;
}

const char *floe_mergetree_part_disk_name(floe_table *t, const floe_part *p)
{
    floe_mt *m = floe_mt_of(t);
    int i = floe_mt_part_disk(m, p);
    return i < 0 ? "default" : m->disks[i]->name;
}

const char *floe_mergetree_storage_policy(floe_table *t)
{
    floe_mt *m = floe_mt_of(t);
    return m->policy ? m->policy->name : "default";
}

size_t floe_mergetree_disk_dirs(floe_table *t, const char *const **dirs,
                                const floe_disk *const **disks)
{
    floe_mt *m = floe_mt_of(t);
    *dirs = (const char *const *)m->disk_dirs;
    if (disks)
        *disks = m->disks;
    return m->n_disks;
}

/* ---- copying a part ---- */

/* Under mu: p's copy np takes p's place; p stays in the list, outdated,
 * until no query reads it (so a later move back to p's disk waits for its
 * directory). False when p is no longer active (np is dropped). */
static bool swap_part(floe_mt *m, floe_part *p, floe_part *np)
{
    if (p->state != FLOE_PART_ACTIVE)
        return false;
    p->state = FLOE_PART_OUTDATED;
    p->remove_time = 0; /* no old_parts_lifetime: the data lives on in np */
    floe_mt_add_part(m, np);
    return true;
}

/* Waits until no part of m (an old copy still read by a query) has the
 * directory path. Errors: PART_IS_TEMPORARILY_LOCKED after 30 s. */
static int wait_for_dir(floe_mt *m, const char *path, const char *name)
{
    for (int i = 0; i < 6000; i++) {
        pthread_mutex_lock(&m->mu);
        floe_mt_cleanup_outdated(m, false);
        bool busy = false;
        for (size_t k = 0; k < m->n_parts && !busy; k++)
            busy = strcmp(m->parts[k]->dir, path) == 0;
        pthread_mutex_unlock(&m->mu);
        if (!busy)
            return 0;
        struct timespec ts = {0, 5 * 1000000L};
        nanosleep(&ts, NULL);
    }
    return floe_error(FLOE_ERR_PART_IS_TEMPORARILY_LOCKED,
                      "Cannot move part %s: a query still reads its old copy at %s", name, path);
}

/* Copies part p into table directory dir (a disk's) and loads the copy. */
static int copy_part(floe_mt *m, floe_part **out, const floe_part *p, const char *dir)
{
    char moving[4096 + 16], tmp[4096 + 300], final[4096 + 300];
    snprintf(moving, sizeof moving, "%s/moving", dir);
    snprintf(tmp, sizeof tmp, "%s/%s", moving, p->name);
    snprintf(final, sizeof final, "%s/%s", dir, p->name);
    if (floe_fs_mkdir_p(moving) < 0 || wait_for_dir(m, final, p->name) < 0)
        return -1;
    floe_fs_remove_tree(tmp);
    int rc = floe_fs_clone_tree(p->dir, tmp, FLOE_FS_COPY);
    if (rc == 0) {
        /* no part has this directory (wait_for_dir): a leftover */
        floe_fs_remove_tree(final);
        floe_fs_fsync_dir(moving);
        if (rename(tmp, final) < 0)
            rc = floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot rename %s to %s: %s", tmp, final,
                            strerror(errno));
    }
    if (rc < 0) {
        floe_fs_remove_tree(tmp);
        return -1;
    }
    floe_fs_fsync_dir(dir);
    if (floe_part_load(out, final, p->name, &m->pkey, false) < 0 ||
        (m->pkey.n && floe_part_load_minmax(*out, &m->pkey, m->names, m->types) < 0)) {
        if (*out) {
            (*out)->remove_on_free = true;
            floe_part_unref(*out);
            *out = NULL;
        } else {
            floe_fs_remove_tree(final);
        }
        return -1;
    }
    /* the sparse primary index for pruning goes with the part */
    if (p->primary_first)
        (*out)->primary_first = floe_column_clone(p->primary_first);
    return 0;
}

/* ---- MOVE PARTITION|PART TO DISK|VOLUME ---- */

int floe_mt_move_to_disk(floe_table *t, const floe_part_selector *sel, const char *disk,
                         const char *volume)
{
    floe_mt *m = floe_mt_of(t);
    const char *policy = m->policy->name;
    if (sel->part_name) {
        floe_part_info info;
        if (floe_part_info_parse(&info, sel->part_name) < 0)
            return floe_error(FLOE_ERR_BAD_DATA_PART_NAME,
                              "Unexpected part name: %s for format version: 1", sel->part_name);
        bool found = false;
        pthread_mutex_lock(&m->mu);
        for (size_t i = 0; i < m->n_parts && !found; i++)
            found = m->parts[i]->state == FLOE_PART_ACTIVE &&
                    strcmp(m->parts[i]->name, sel->part_name) == 0;
        pthread_mutex_unlock(&m->mu);
        if (!found)
            return floe_error(FLOE_ERR_NO_SUCH_DATA_PART, "Part %s is not exists or not active",
                              sel->part_name);
    }
    /* the target: one disk (target_disk), or a volume's (target_volume) */
    int target_disk = -1;
    const floe_volume *target_volume = NULL;
    if (disk) {
        for (size_t i = 0; i < m->n_disks && target_disk < 0; i++)
            if (strcmp(m->disks[i]->name, disk) == 0)
                target_disk = (int)i;
        if (target_disk < 0)
            return floe_error(FLOE_ERR_UNKNOWN_DISK, "No such disk `%s` in storage policy `%s`",
                              disk, policy);
    } else {
        target_volume = floe_storage_policy_volume(m->policy, volume);
        if (!target_volume)
            return floe_error(FLOE_ERR_UNKNOWN_VOLUME, "No such volume `%s` in storage policy `%s`",
                              volume, policy);
    }
    const char *what = disk ? "disk" : "volume";
    const char *where = disk ? disk : volume;
    floe_part **parts;
    size_t n;
    floe_mt_reserve_parts(m, sel, &parts, &n);
    if (n == 0 && volume && !sel->part_name) {
        floe_mt_release_parts(m, parts, n, false);
        return floe_error(FLOE_ERR_NO_SUCH_DATA_PART,
                          "Nothing to move (check that the partition exists).");
    }
    /* parts already on the target stay */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int di = floe_mt_part_disk(m, parts[i]);
        bool there =
            di >= 0 &&
            (target_volume ? floe_storage_policy_volume_of(m->policy, m->disks[di]) ==
                                 floe_storage_policy_volume_of(m->policy, target_volume->disks[0])
                           : di == target_disk);
        if (there) {
            pthread_mutex_lock(&m->mu);
            parts[i]->merging = false;
            pthread_mutex_unlock(&m->mu);
            floe_part_unref(parts[i]);
        } else {
            parts[k++] = parts[i];
        }
    }
    n = k;
    if (n == 0) {
        floe_mt_release_parts(m, parts, n, false);
        if (sel->part_name)
            return floe_error(FLOE_ERR_UNKNOWN_DISK, "Part '%s' is already on %s '%s'",
                              sel->part_name, what, where);
        return floe_error(FLOE_ERR_UNKNOWN_DISK,
                          "All parts of partition '%s' are already on %s '%s'",
                          sel->all ? "all" : sel->partition_id, what, where);
    }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *dir =
            m->disk_dirs[target_volume ? floe_mt_volume_disk(m, target_volume) : target_disk];
        int64_t started = floe_clock_realtime_us();
        floe_part *np = NULL;
        if ((rc = copy_part(m, &np, parts[i], dir)) < 0)
            break;
        pthread_mutex_lock(&m->mu);
        bool swapped = swap_part(m, parts[i], np);
        pthread_mutex_unlock(&m->mu);
        if (!swapped) { /* dropped or replaced meanwhile: the copy goes */
            np->remove_on_free = true;
            floe_part_unref(np);
            continue;
        }
        floe_mt_part_event(m, FLOE_PART_EVENT_MOVE, np, started, np->rows, np->bytes_on_disk);
    }
    floe_mt_release_parts(m, parts, n, false);
    pthread_mutex_lock(&m->mu);
    floe_mt_cleanup_outdated(m, false);
    pthread_mutex_unlock(&m->mu);
    return rc;
}
