/*
 * Parsing and printing part names, and the containment rule that tells which
 * parts a merged part replaces.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "storage/mergetree/part_name.h"

static bool parse_num(int64_t *out, const char *s, const char *end)
{
    if (s == end || (end - s) > 19)
        return false;
    int64_t v = 0;
    for (const char *p = s; p < end; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (*p - '0');
    }
    *out = v;
    return true;
}

int floe_part_info_parse(floe_part_info *out, const char *name)
{
    /* partition IDs are digits and '-', 32 hex digits, or "all": never '_' */
    const char *us = strchr(name, '_');
    if (!us || us == name || (size_t)(us - name) >= sizeof out->partition_id)
        goto bad;
    memcpy(out->partition_id, name, (size_t)(us - name));
    out->partition_id[us - name] = '\0';
    int64_t nums[4];
    size_t k = 0;
    const char *s = us + 1;
    for (;;) {
        const char *e = strchr(s, '_');
        if (!e)
            e = s + strlen(s);
        if (k == 4 || !parse_num(&nums[k], s, e))
            goto bad;
        k++;
        if (!*e)
            break;
        s = e + 1;
    }
    if (k < 3)
        goto bad;
    out->min_block = nums[0];
    out->max_block = nums[1];
    out->level = (uint32_t)nums[2];
    out->mutation = k == 4 ? nums[3] : 0;
    if (out->min_block > out->max_block)
        goto bad;
    return 0;
bad:
    return floe_error(FLOE_ERR_BAD_DATA_PART_NAME, "Unexpected part name: %s", name);
}

void floe_part_info_name(char *out, size_t size, const floe_part_info *p)
{
    if (p->mutation)
        snprintf(out, size, "%s_%lld_%lld_%u_%lld", p->partition_id, (long long)p->min_block,
                 (long long)p->max_block, p->level, (long long)p->mutation);
    else
        snprintf(out, size, "%s_%lld_%lld_%u", p->partition_id, (long long)p->min_block,
                 (long long)p->max_block, p->level);
}

bool floe_part_info_contains(const floe_part_info *a, const floe_part_info *b)
{
    return strcmp(a->partition_id, b->partition_id) == 0 && a->min_block <= b->min_block &&
           a->max_block >= b->max_block && a->level >= b->level && a->mutation >= b->mutation;
}
