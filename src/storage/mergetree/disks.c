/*
 * Disks and storage policies (see disks.h): building the configuration,
 * checking it as ClickHouse does at start-up, and looking names up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "base/error.h"
#include "base/fs.h"
#include "base/mem.h"
#include "storage/mergetree/disks.h"

floe_storage_config *floe_storage_config_new(void)
{
    return floe_calloc(1, sizeof(floe_storage_config));
}

static void volume_free(floe_volume *v)
{
    for (size_t i = 0; i < v->n_disks; i++)
        floe_free(v->disk_names[i]);
    floe_free(v->disk_names);
    floe_free(v->disks);
    floe_free(v->name);
    floe_free(v);
}

void floe_storage_config_free(floe_storage_config *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_disks; i++) {
        floe_free(c->disks[i]->name);
        floe_free(c->disks[i]->path);
        floe_free(c->disks[i]);
    }
    floe_free(c->disks);
    for (size_t i = 0; i < c->n_policies; i++) {
        floe_storage_policy *p = c->policies[i];
        for (size_t j = 0; j < p->n_volumes; j++)
            volume_free(p->volumes[j]);
        floe_free(p->volumes);
        floe_free(p->name);
        floe_free(p);
    }
    floe_free(c->policies);
    floe_free(c);
}

int floe_storage_config_add_disk(floe_disk **out, floe_storage_config *c, const char *name,
                                 const char *path)
{
    if (floe_storage_config_disk(c, name))
        return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_IN_CONFIG, "Disk %s is declared twice", name);
    if (path && strcmp(name, "default") == 0)
        return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_IN_CONFIG,
                          "\"default\" disk path should be provided in <path> not it "
                          "<storage_configuration>");
    if (path && (!*path || path[strlen(path) - 1] != '/'))
        return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_IN_CONFIG, "Disk path must end with /. Disk %s",
                          name);
    if (path && path[0] != '/')
        return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_IN_CONFIG,
                          "Disk path must be absolute. Disk %s, path %s", name, path);
    floe_disk *d = floe_calloc(1, sizeof *d);
    d->name = floe_strdup(name);
    d->path = path ? floe_strdup(path) : NULL;
    FLOE_GROW(c->disks, c->cap_disks, c->n_disks + 1);
    c->disks[c->n_disks++] = d;
    if (out)
        *out = d;
    return 0;
}

int floe_storage_config_add_policy(floe_storage_policy **out, floe_storage_config *c,
                                   const char *name)
{
    if (floe_storage_config_policy(c, name))
        return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_IN_CONFIG, "Storage policy %s is declared twice",
                          name);
    floe_storage_policy *p = floe_calloc(1, sizeof *p);
    p->name = floe_strdup(name);
    p->move_factor = 0.1f;
    FLOE_GROW(c->policies, c->cap_policies, c->n_policies + 1);
    c->policies[c->n_policies++] = p;
    *out = p;
    return 0;
}

floe_volume *floe_storage_policy_add_volume(floe_storage_policy *p, const char *name)
{
    floe_volume *v = floe_calloc(1, sizeof *v);
    v->name = floe_strdup(name);
    v->perform_ttl_move_on_insert = true;
    FLOE_GROW(p->volumes, p->cap_volumes, p->n_volumes + 1);
    p->volumes[p->n_volumes++] = v;
    return v;
}

void floe_volume_add_disk(floe_volume *v, const char *disk_name)
{
    if (v->n_disks + 1 > v->cap_disks) {
        size_t cap = v->cap_disks;
        FLOE_GROW(v->disk_names, cap, v->n_disks + 1);
        v->disks = floe_realloc(v->disks, cap * sizeof *v->disks);
        v->cap_disks = cap;
    }
    v->disk_names[v->n_disks] = floe_strdup(disk_name);
    v->disks[v->n_disks++] = NULL;
}

static int disk_cmp(const void *x, const void *y)
{
    return strcmp((*(floe_disk *const *)x)->name, (*(floe_disk *const *)y)->name);
}

static int policy_cmp(const void *x, const void *y)
{
    return strcmp((*(floe_storage_policy *const *)x)->name,
                  (*(floe_storage_policy *const *)y)->name);
}

int floe_storage_config_finish(floe_storage_config *c, const char *root)
{
    floe_disk *def = (floe_disk *)floe_storage_config_disk(c, "default");
    if (!def && floe_storage_config_add_disk(&def, c, "default", NULL) < 0)
        return -1;
    size_t rl = strlen(root);
    def->path = floe_realloc(def->path, rl + 2);
    memcpy(def->path, root, rl + 1);
    if (rl == 0 || root[rl - 1] != '/')
        strcat(def->path, "/");
    for (size_t i = 0; i < c->n_disks; i++) {
        if (!c->disks[i]->path) { /* ClickHouse's default: <path>/disks/<name>/ */
            size_t n = strlen(def->path) + strlen(c->disks[i]->name) + 8;
            c->disks[i]->path = floe_malloc(n);
            snprintf(c->disks[i]->path, n, "%sdisks/%s/", def->path, c->disks[i]->name);
        }
        if (c->disks[i] != def && strcmp(c->disks[i]->path, def->path) == 0)
            return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_IN_CONFIG,
                              "Disk path ('%s') cannot be equal to <path>. Use <default> disk "
                              "instead.",
                              def->path);
        if (floe_fs_mkdir_p(c->disks[i]->path) < 0)
            return -1;
    }
    if (!floe_storage_config_policy(c, "default")) {
        floe_storage_policy *p;
        if (floe_storage_config_add_policy(&p, c, "default") < 0)
            return -1;
        p->move_factor = 0;
        floe_volume_add_disk(floe_storage_policy_add_volume(p, "default"), "default");
    }
    for (size_t i = 0; i < c->n_policies; i++) {
        floe_storage_policy *p = c->policies[i];
        if (p->n_volumes == 0)
            return floe_error(FLOE_ERR_NO_ELEMENTS_IN_CONFIG,
                              "Storage policy `%s` must contain at least one volume", p->name);
        for (size_t j = 0; j < p->n_volumes; j++) {
            floe_volume *v = p->volumes[j];
            for (size_t k = 0; k < j; k++)
                if (strcmp(p->volumes[k]->name, v->name) == 0)
                    return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_IN_CONFIG,
                                      "Volume %s is declared twice in storage policy `%s`", v->name,
                                      p->name);
            if (v->n_disks == 0)
                return floe_error(FLOE_ERR_NO_ELEMENTS_IN_CONFIG,
                                  "Volume %s must contain at least one disk", v->name);
            for (size_t k = 0; k < v->n_disks; k++) {
                v->disks[k] = floe_storage_config_disk(c, v->disk_names[k]);
                if (!v->disks[k])
                    return floe_error(FLOE_ERR_UNKNOWN_DISK, "Unknown disk %s.", v->disk_names[k]);
                /* a disk belongs to one volume of a policy */
                for (size_t a = 0; a <= j; a++)
                    for (size_t b = 0; b < (a == j ? k : p->volumes[a]->n_disks); b++)
                        if (p->volumes[a]->disks[b] == v->disks[k])
                            return floe_error(FLOE_ERR_UNKNOWN_ELEMENT_IN_CONFIG,
                                              "Disk %s appears twice in storage policy `%s`",
                                              v->disks[k]->name, p->name);
            }
        }
    }
    qsort(c->disks, c->n_disks, sizeof *c->disks, disk_cmp);
    qsort(c->policies, c->n_policies, sizeof *c->policies, policy_cmp);
    return 0;
}

floe_storage_config *floe_storage_config_default(const char *root)
{
    floe_storage_config *c = floe_storage_config_new();
    if (floe_storage_config_finish(c, root) < 0) {
        floe_error_clear();
    }
    return c;
}

const floe_disk *floe_storage_config_disk(const floe_storage_config *c, const char *name)
{
    for (size_t i = 0; c && i < c->n_disks; i++)
        if (strcmp(c->disks[i]->name, name) == 0)
            return c->disks[i];
    return NULL;
}

const floe_storage_policy *floe_storage_config_policy(const floe_storage_config *c,
                                                      const char *name)
{
    for (size_t i = 0; c && i < c->n_policies; i++)
        if (strcmp(c->policies[i]->name, name) == 0)
            return c->policies[i];
    return NULL;
}

const floe_volume *floe_storage_policy_volume(const floe_storage_policy *p, const char *name)
{
    for (size_t i = 0; i < p->n_volumes; i++)
        if (strcmp(p->volumes[i]->name, name) == 0)
            return p->volumes[i];
    return NULL;
}

int floe_storage_policy_volume_of(const floe_storage_policy *p, const floe_disk *d)
{
    for (size_t i = 0; i < p->n_volumes; i++)
        for (size_t k = 0; k < p->volumes[i]->n_disks; k++)
            if (p->volumes[i]->disks[k] == d)
                return (int)i;
    return -1;
}

bool floe_storage_policy_covers(const floe_storage_policy *dst, const floe_storage_policy *src)
{
    if (dst == src)
        return true;
    for (size_t i = 0; i < src->n_volumes; i++)
        for (size_t k = 0; k < src->volumes[i]->n_disks; k++)
            if (floe_storage_policy_volume_of(dst, src->volumes[i]->disks[k]) < 0)
                return false;
    return true;
}

void floe_disk_space(const floe_disk *d, uint64_t *free_bytes, uint64_t *total_bytes)
{
    struct statvfs vfs;
    *free_bytes = *total_bytes = 0;
    if (d->path && statvfs(d->path, &vfs) == 0) {
        *free_bytes = (uint64_t)vfs.f_bavail * vfs.f_frsize;
        *total_bytes = (uint64_t)vfs.f_blocks * vfs.f_frsize;
    }
}
