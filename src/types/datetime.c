/*
 * Calendar and time-zone arithmetic. A zone is read from its TZif file
 * (v2+ 64-bit data, the POSIX rule in the footer extended to 2300) and
 * turned into ClickHouse's DateLUT: for each local day from 1900-01-01 the
 * instant it starts and the one offset change it may hold, quantised to 15
 * minutes as ClickHouse quantises it. Every lookup is then O(1).
 */
#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/error.h"
#include "base/mem.h"
#include "types/datetime.h"

/* ---- calendar ---------------------------------------------------------- */

static inline int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

bool floe_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int floe_days_in_month(int year, int month)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && floe_is_leap_year(year))
        return 29;
    return dm[month - 1];
}

/* Howard Hinnant's days_from_civil / civil_from_days (400-year eras). */
int32_t floe_days_from_civil(int year, int month, int day)
{
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned mp = (unsigned)(month + (month > 2 ? -3 : 9));
    unsigned doy = (153 * mp + 2) / 5 + (unsigned)day - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int32_t)doe - 719468;
}

void floe_civil_from_days(int *year, int *month, int *day, int32_t days)
{
    int32_t z = days + 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = (int)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    *year = y + (m <= 2);
    *month = (int)m;
    *day = (int)d;
}

bool floe_civil_valid(int year, int month, int day)
{
    return month >= 1 && month <= 12 && day >= 1 && day <= floe_days_in_month(year, month);
}

int floe_day_of_week(int32_t days)
{
    /* 1970-01-01 was a Thursday. */
    int r = (int)((days % 7 + 7 + 3) % 7);
    return r + 1;
}

int floe_day_of_year(int32_t days)
{
    int y, m, d;
    floe_civil_from_days(&y, &m, &d, days);
    return days - floe_days_from_civil(y, 1, 1) + 1;
}

int32_t floe_day_start_of_month(int32_t days)
{
    int y, m, d;
    floe_civil_from_days(&y, &m, &d, days);
    return days - (d - 1);
}

int32_t floe_day_start_of_quarter(int32_t days)
{
    int y, m, d;
    floe_civil_from_days(&y, &m, &d, days);
    return floe_days_from_civil(y, (m - 1) / 3 * 3 + 1, 1);
}

int32_t floe_day_start_of_year(int32_t days)
{
    int y, m, d;
    floe_civil_from_days(&y, &m, &d, days);
    return floe_days_from_civil(y, 1, 1);
}

int32_t floe_day_monday(int32_t days)
{
    return days - (floe_day_of_week(days) - 1);
}

/* ---- zones ----------------------------------------------------------- */

/* The day table covers ClickHouse's DateLUT range: DAY_COUNT days from
 * 1900-01-01. */
#define DAY_MIN       (-25567)
#define DAY_COUNT     0x23C00
#define CHANGE_FACTOR 900
/* ClickHouse fills its table through 2300-01-01 (the first day of year
 * 2300) and answers later times from cctz; so does floe, from the rule. */
#define TABLE_DAYS (120530 - DAY_MIN) /* index of 2300-01-01 */

/* One local day. Invariant: start(i) = (DAY_MIN + i) * 86400 + start_off is
 * the instant the day begins and increases with i; the wall clock jumps by
 * amount * 900 s at change_at * 900 s (elapsed) after the start. */
typedef struct tz_day {
    int32_t start_off;
    uint8_t change_at;
    int8_t amount;
} tz_day;

typedef struct tz_type {
    int32_t off;
    uint8_t isdst;
    char abbr[16];
} tz_type;

/* A zone as the TZif file (and its footer rule) describes it. */
typedef struct posix_date {
    char kind;    /* 'J' (1..365, no Feb 29), 'n' (0..365), 'M' */
    int a, b, c;  /* J/n: a = day; M: a = month, b = week, c = weekday */
    int32_t time; /* seconds after local midnight (may be negative or > 1 day) */
} posix_date;

typedef struct posix_tz {
    char std[16], dst[16];
    int32_t std_off, dst_off; /* east of UTC, seconds */
    bool has_dst;
    posix_date start, end;
} posix_tz;

typedef struct tz_rules tz_rules;
struct tz_rules {
    tz_type *types;
    size_t n_types, cap_types;
    int64_t *times; /* transition instants, increasing */
    uint8_t *idx;   /* type index after each transition */
    size_t n, cap;
    posix_tz footer; /* the rule after the last transition, when has_rule */
    bool has_rule;
};

/* Beyond the day table (before 1900, after 2300) a zone answers as cctz
 * does: the first offset before it, the footer's rule (or the last offset)
 * after it. */
struct floe_tz {
    char *name;
    bool fixed; /* one offset at all times: no table */
    int32_t fixed_offset;
    tz_day *days;       /* DAY_COUNT entries unless fixed */
    int64_t *pre_times; /* transitions before the table, increasing */
    int32_t *pre_offs;  /* the offset from each of them on */
    size_t n_pre;
    int32_t before_offset; /* before the first transition */
    int32_t after_offset;
    bool has_rule;
    posix_tz rule;
    struct floe_tz *next;
};

static void rules_free(tz_rules *r)
{
    floe_free(r->types);
    floe_free(r->times);
    floe_free(r->idx);
}

static uint8_t rules_type(tz_rules *r, int32_t off, bool isdst, const char *abbr)
{
    for (size_t i = 0; i < r->n_types; i++)
        if (r->types[i].off == off && r->types[i].isdst == isdst &&
            strcmp(r->types[i].abbr, abbr) == 0)
            return (uint8_t)i;
    FLOE_GROW(r->types, r->cap_types, r->n_types + 1);
    tz_type *t = &r->types[r->n_types];
    t->off = off;
    t->isdst = isdst;
    snprintf(t->abbr, sizeof t->abbr, "%s", abbr);
    return (uint8_t)r->n_types++;
}

static void rules_push(tz_rules *r, int64_t t, uint8_t type)
{
    FLOE_GROW(r->times, r->cap, r->n + 1);
    size_t cap = r->cap;
    r->idx = floe_realloc(r->idx, cap);
    r->times[r->n] = t;
    r->idx[r->n] = type;
    r->n++;
}

static uint32_t be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static int64_t be64(const uint8_t *p)
{
    return (int64_t)(((uint64_t)be32(p) << 32) | be32(p + 4));
}

/* ---- POSIX TZ strings (the TZif footer) ---- */

static const char *posix_name(const char *p, char *out, size_t cap)
{
    size_t n = 0;
    if (*p == '<') {
        p++;
        while (*p && *p != '>') {
            if (n + 1 < cap)
                out[n++] = *p;
            p++;
        }
        if (*p != '>')
            return NULL;
        p++;
    } else {
        while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
            if (n + 1 < cap)
                out[n++] = *p;
            p++;
        }
    }
    out[n] = '\0';
    return n ? p : NULL;
}

/* [+-]hh[:mm[:ss]] as seconds. */
static const char *posix_hms(const char *p, int32_t *out)
{
    int sign = 1;
    if (*p == '+' || *p == '-') {
        sign = *p == '-' ? -1 : 1;
        p++;
    }
    if (*p < '0' || *p > '9')
        return NULL;
    int32_t v[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) {
        if (k > 0) {
            if (*p != ':')
                break;
            p++;
        }
        if (*p < '0' || *p > '9')
            return NULL;
        while (*p >= '0' && *p <= '9')
            v[k] = v[k] * 10 + (*p++ - '0');
    }
    *out = sign * (v[0] * 3600 + v[1] * 60 + v[2]);
    return p;
}

static const char *posix_rule_date(const char *p, posix_date *d)
{
    d->time = 7200;
    if (*p == 'M') {
        d->kind = 'M';
        p++;
        int *f[3] = {&d->a, &d->b, &d->c};
        for (int k = 0; k < 3; k++) {
            if (k && *p++ != '.')
                return NULL;
            if (*p < '0' || *p > '9')
                return NULL;
            *f[k] = 0;
            while (*p >= '0' && *p <= '9')
                *f[k] = *f[k] * 10 + (*p++ - '0');
        }
    } else {
        d->kind = 'n';
        if (*p == 'J') {
            d->kind = 'J';
            p++;
        }
        if (*p < '0' || *p > '9')
            return NULL;
        d->a = 0;
        while (*p >= '0' && *p <= '9')
            d->a = d->a * 10 + (*p++ - '0');
    }
    if (*p == '/')
        p = posix_hms(p + 1, &d->time);
    return p;
}

static bool posix_parse(posix_tz *z, const char *p)
{
    memset(z, 0, sizeof *z);
    int32_t v;
    if (!(p = posix_name(p, z->std, sizeof z->std)) || !(p = posix_hms(p, &v)))
        return false;
    z->std_off = -v;
    if (!*p)
        return true;
    if (!(p = posix_name(p, z->dst, sizeof z->dst)))
        return false;
    z->has_dst = true;
    z->dst_off = z->std_off + 3600;
    if (*p && *p != ',') {
        if (!(p = posix_hms(p, &v)))
            return false;
        z->dst_off = -v;
    }
    if (*p != ',') {
        /* No rule: the US rules were POSIX's default. */
        z->start = (posix_date){'M', 3, 2, 0, 7200};
        z->end = (posix_date){'M', 11, 1, 0, 7200};
        return *p == '\0';
    }
    if (!(p = posix_rule_date(p + 1, &z->start)) || *p != ',')
        return false;
    if (!(p = posix_rule_date(p + 1, &z->end)))
        return false;
    return *p == '\0';
}

/* The instant (UTC) a rule date falls on in year, given the offset in force
 * before it. */
static int64_t posix_instant(const posix_date *d, int year, int32_t off_before)
{
    int32_t day;
    if (d->kind == 'J') {
        day = floe_days_from_civil(year, 1, 1) + d->a - 1;
        if (floe_is_leap_year(year) && d->a >= 60)
            day++;
    } else if (d->kind == 'n') {
        day = floe_days_from_civil(year, 1, 1) + d->a;
    } else {
        int32_t first = floe_days_from_civil(year, d->a, 1);
        int dow = floe_day_of_week(first) % 7; /* 0 = Sunday */
        day = first + (d->c - dow + 7) % 7 + 7 * (d->b - 1);
        int32_t last = first + floe_days_in_month(year, d->a) - 1;
        while (day > last)
            day -= 7;
    }
    return (int64_t)day * 86400 + d->time - off_before;
}

/* Appends the transitions the footer rule gives after the file's last one,
 * up to the end of the day table. */
static void rules_extend(tz_rules *r, const char *footer)
{
    posix_tz z;
    if (!posix_parse(&z, footer) || !z.has_dst)
        return;
    r->footer = z;
    r->has_rule = true;
    uint8_t std = rules_type(r, z.std_off, false, z.std);
    uint8_t dst = rules_type(r, z.dst_off, true, z.dst);
    int64_t last = r->n ? r->times[r->n - 1] : INT64_MIN;
    int y0 = 1900;
    if (r->n) {
        int y, m, d;
        floe_civil_from_days(&y, &m, &d, (int32_t)floor_div(last, 86400));
        y0 = y;
    }
    for (int y = y0; y <= 2302; y++) {
        int64_t s = posix_instant(&z.start, y, z.std_off);
        int64_t e = posix_instant(&z.end, y, z.dst_off);
        int64_t t1 = s < e ? s : e, t2 = s < e ? e : s;
        uint8_t k1 = s < e ? dst : std, k2 = s < e ? std : dst;
        if (t1 > last) {
            rules_push(r, t1, k1);
            last = t1;
        }
        if (t2 > last) {
            rules_push(r, t2, k2);
            last = t2;
        }
    }
}

static bool tzif_parse(tz_rules *r, const uint8_t *p, size_t len)
{
    if (len < 44 || memcmp(p, "TZif", 4) != 0)
        return false;
    int version = p[4];
    const uint8_t *h = p;
    size_t tsize = 4;
    size_t pos = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pos + 44 > len || memcmp(h, "TZif", 4) != 0)
            return false;
        uint32_t isut = be32(h + 20), isstd = be32(h + 24), leap = be32(h + 28),
                 timecnt = be32(h + 32), typecnt = be32(h + 36), charcnt = be32(h + 40);
        size_t body =
            timecnt * tsize + timecnt + typecnt * 6 + charcnt + leap * (tsize + 4) + isstd + isut;
        if (pos + 44 + body > len || typecnt == 0 || typecnt > 255)
            return false;
        if (pass == 0 && version >= '2') {
            pos += 44 + body;
            h = p + pos;
            tsize = 8;
            continue;
        }
        const uint8_t *d = h + 44;
        const uint8_t *tt = d, *ti = d + timecnt * tsize, *ty = ti + timecnt;
        const uint8_t *ch = ty + typecnt * 6;
        for (uint32_t i = 0; i < typecnt; i++) {
            const uint8_t *e = ty + i * 6;
            char abbr[16] = "";
            if (e[5] < charcnt)
                snprintf(abbr, sizeof abbr, "%.*s", (int)(charcnt - e[5]), (const char *)ch + e[5]);
            /* Keep the file's numbering: push every type, duplicates too. */
            FLOE_GROW(r->types, r->cap_types, r->n_types + 1);
            tz_type *t = &r->types[r->n_types++];
            t->off = (int32_t)be32(e);
            t->isdst = e[4];
            memcpy(t->abbr, abbr, sizeof abbr);
        }
        for (uint32_t i = 0; i < timecnt; i++) {
            int64_t t = tsize == 8 ? be64(tt + 8 * i) : (int64_t)(int32_t)be32(tt + 4 * i);
            if (ti[i] >= typecnt)
                return false;
            if (r->n && t <= r->times[r->n - 1])
                continue;
            rules_push(r, t, ti[i]);
        }
        pos += 44 + body;
        if (tsize == 8 && pos < len && p[pos] == '\n') {
            const uint8_t *e = memchr(p + pos + 1, '\n', len - pos - 1);
            if (e) {
                char footer[128];
                size_t n = (size_t)(e - (p + pos + 1));
                if (n < sizeof footer) {
                    memcpy(footer, p + pos + 1, n);
                    footer[n] = '\0';
                    rules_extend(r, footer);
                }
            }
        }
        return true;
    }
    return false;
}

/* ---- cctz-style queries on the rules ---- */

static const tz_type *type_before(const tz_rules *r, size_t i)
{
    return i == 0 ? &r->types[0] : &r->types[r->idx[i - 1]];
}

static bool types_equiv(const tz_type *a, const tz_type *b)
{
    return a->off == b->off && a->isdst == b->isdst && strcmp(a->abbr, b->abbr) == 0;
}

/* The first transition after t that changes something, as
 * (instant, civil time before, civil time after). */
static bool next_transition(const tz_rules *r, int64_t t, int64_t *from, int64_t *to)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->times[mid] <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < r->n; i++) {
        const tz_type *a = type_before(r, i), *b = &r->types[r->idx[i]];
        if (types_equiv(a, b))
            continue;
        *from = r->times[i] + a->off;
        *to = r->times[i] + b->off;
        return true;
    }
    return false;
}

/* The instant a local day starts (ClickHouse's lookupTz over cctz's
 * lookup of civil midnight): the single match, the earlier of a repeated
 * midnight unless the repetition reaches into the previous day, or the
 * pre-transition reading of a skipped midnight. */
static int64_t day_start(const tz_rules *r, int32_t day)
{
    int64_t L = (int64_t)day * 86400;
    /* The last transition whose civil span starts at or before L. */
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int32_t a = type_before(r, mid)->off, b = r->types[r->idx[mid]].off;
        if (r->times[mid] + (a < b ? a : b) <= L)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return L - r->types[0].off;
    size_t i = lo - 1;
    int32_t a = type_before(r, i)->off, b = r->types[r->idx[i]].off;
    int64_t T = r->times[i];
    int64_t hi_civil = T + (a > b ? a : b);
    if (L < hi_civil && a != b) {
        int64_t pre = L - a, post = L - b;
        return T < post ? post : pre;
    }
    return L - b;
}

static void build_days(floe_tz *z, const tz_rules *r)
{
    z->days = floe_malloc(sizeof(tz_day) * DAY_COUNT);
    int32_t date = DAY_MIN;
    int64_t start = 0;
    int64_t next_date = INT64_MIN;
    for (size_t i = 0; i < DAY_COUNT; i++, date++, start += 86400) {
        tz_day *e = &z->days[i];
        e->change_at = 0;
        e->amount = 0;
        if (date >= next_date) {
            start = day_start(r, date);
            int64_t from, to;
            if (next_transition(r, start - 1, &from, &to)) {
                int64_t fday = floor_div(from, 86400), tday = floor_div(to, 86400);
                if ((fday == date || tday == date) && from != to) {
                    /* ClickHouse keeps these as UInt8 and Int8 in 15-minute
                     * units; keep the same truncations. */
                    uint8_t at = (uint8_t)((from - (int64_t)date * 86400) / CHANGE_FACTOR);
                    int8_t amount = (int8_t)((to - from) / CHANGE_FACTOR);
                    if (amount > 96)
                        amount = 96;
                    else if (amount < -96)
                        amount = -96;
                    if (at + amount < 0)
                        at = (uint8_t)-amount;
                    e->change_at = at;
                    e->amount = amount;
                }
                next_date = fday < tday ? fday : tday;
            } else {
                next_date = INT64_MAX;
            }
        }
        e->start_off = (int32_t)(start - (int64_t)date * 86400);
    }
}

/* ---- the registry ---- */

static floe_tz utc_zone = {.name = (char *)"UTC", .fixed = true};
static floe_tz *zones;
static pthread_mutex_t zones_lock = PTHREAD_MUTEX_INITIALIZER;

const floe_tz *floe_tz_utc(void)
{
    return &utc_zone;
}

const char *floe_tz_name(const floe_tz *tz)
{
    return tz->name;
}

/* cctz's fixed-offset names: "Fixed/UTC+hh:mm:ss". */
static bool fixed_name(const char *name, int32_t *off)
{
    const char *pre = "Fixed/UTC";
    size_t n = strlen(pre);
    if (strncmp(name, pre, n) != 0)
        return false;
    const char *p = name + n;
    if (*p == '\0') {
        *off = 0;
        return true;
    }
    if ((p[0] != '+' && p[0] != '-') || strlen(p) != 9 || p[3] != ':' || p[6] != ':')
        return false;
    int v[3];
    for (int k = 0; k < 3; k++) {
        char a = p[1 + 3 * k], b = p[2 + 3 * k];
        if (a < '0' || a > '9' || b < '0' || b > '9')
            return false;
        v[k] = (a - '0') * 10 + (b - '0');
    }
    if (v[0] > 24 || v[1] > 59 || v[2] > 59)
        return false;
    *off = (p[0] == '-' ? -1 : 1) * (v[0] * 3600 + v[1] * 60 + v[2]);
    return true;
}

static bool safe_name(const char *name)
{
    if (name[0] == '/' || name[0] == '.' || strlen(name) > 200)
        return false;
    for (const char *p = name; *p; p++) {
        char c = *p;
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '/' || c == '_' || c == '-' || c == '+';
        if (!ok)
            return false;
        if (c == '/' && (p[1] == '/' || p[1] == '.' || p[1] == '\0'))
            return false;
    }
    return true;
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    uint8_t *buf = floe_malloc(cap);
    for (;;) {
        if (n == cap) {
            if (cap >= (1u << 22))
                break;
            cap *= 2;
            buf = floe_realloc(buf, cap);
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        if (k == 0)
            break;
        n += k;
    }
    fclose(f);
    *len = n;
    return buf;
}

static inline int64_t entry_start(const floe_tz *tz, size_t i)
{
    return ((int64_t)DAY_MIN + (int64_t)i) * 86400 + tz->days[i].start_off;
}

static floe_tz *load_zone(const char *name)
{
    floe_tz *z = floe_calloc(1, sizeof *z);
    z->name = floe_strdup(name);
    int32_t off;
    if (fixed_name(name, &off)) {
        z->fixed = true;
        z->fixed_offset = off;
        return z;
    }
    if (!safe_name(name))
        goto fail;
    const char *dir = getenv("TZDIR");
    if (!dir || !*dir)
        dir = "/usr/share/zoneinfo";
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len = 0;
    uint8_t *data = read_file(path, &len);
    if (!data)
        goto fail;
    tz_rules r;
    memset(&r, 0, sizeof r);
    bool ok = tzif_parse(&r, data, len);
    floe_free(data);
    if (!ok) {
        rules_free(&r);
        goto fail;
    }
    bool one_offset = true;
    for (size_t i = 0; i < r.n; i++)
        if (r.types[r.idx[i]].off != r.types[0].off)
            one_offset = false;
    if (one_offset) {
        z->fixed = true;
        z->fixed_offset = r.types[0].off;
    } else {
        build_days(z, &r);
        z->before_offset = r.types[0].off;
        z->after_offset = r.n ? r.types[r.idx[r.n - 1]].off : r.types[0].off;
        int64_t table_start = entry_start(z, 0);
        while (z->n_pre < r.n && r.times[z->n_pre] < table_start)
            z->n_pre++;
        z->pre_times = floe_malloc((z->n_pre + 1) * sizeof *z->pre_times);
        z->pre_offs = floe_malloc((z->n_pre + 1) * sizeof *z->pre_offs);
        for (size_t i = 0; i < z->n_pre; i++) {
            z->pre_times[i] = r.times[i];
            z->pre_offs[i] = r.types[r.idx[i]].off;
        }
        z->has_rule = r.has_rule;
        z->rule = r.footer;
    }
    rules_free(&r);
    return z;
fail:
    floe_free(z->name);
    floe_free(z);
    return NULL;
}

int floe_tz_get(const floe_tz **out, const char *name)
{
    if (!name || !*name) {
        *out = &utc_zone;
        return 0;
    }
    pthread_mutex_lock(&zones_lock);
    floe_tz *z;
    for (z = zones; z; z = z->next)
        if (strcmp(z->name, name) == 0)
            break;
    if (!z) {
        z = load_zone(name);
        if (z) {
            z->next = zones;
            zones = z;
        }
    }
    pthread_mutex_unlock(&zones_lock);
    if (!z)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Cannot load time zone %s", name);
    *out = z;
    return 0;
}

/* ---- lookups ---- */

/* The table index of the local day holding t (clamped to the table). */
static inline size_t find_index(const floe_tz *tz, int64_t t)
{
    int64_t g = floor_div(t, 86400) - DAY_MIN;
    if (g < 0)
        return 0;
    if (g >= DAY_COUNT)
        return DAY_COUNT - 1;
    size_t i = (size_t)g;
    while (i + 1 < DAY_COUNT && t >= entry_start(tz, i + 1))
        i++;
    while (i > 0 && t < entry_start(tz, i))
        i--;
    return i;
}

/* The offset in force at t when t lies outside the day table (true), from
 * the zone's first offset before it and its rule or last offset after it. */
static int32_t offset_before_table(const floe_tz *tz, int64_t t)
{
    size_t lo = 0, hi = tz->n_pre;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (tz->pre_times[mid] <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? tz->pre_offs[lo - 1] : tz->before_offset;
}

static bool outside_offset(const floe_tz *tz, int64_t t, int32_t *off)
{
    if (t < entry_start(tz, 0)) {
        *off = offset_before_table(tz, t);
        return true;
    }
    if (t < entry_start(tz, TABLE_DAYS + 1))
        return false;
    *off = tz->after_offset;
    if (tz->has_rule) {
        const posix_tz *z = &tz->rule;
        int y, m, d;
        floe_civil_from_days(&y, &m, &d, (int32_t)floor_div(t, 86400));
        int64_t s = posix_instant(&z->start, y, z->std_off);
        int64_t e = posix_instant(&z->end, y, z->dst_off);
        bool dst = s < e ? (t >= s && t < e) : !(t >= e && t < s);
        *off = dst ? z->dst_off : z->std_off;
    }
    return true;
}

/* The instant of local seconds l before the table (two rounds find the
 * offset in force there). */
static int64_t before_table_make(const floe_tz *tz, int64_t l)
{
    int64_t t = l - offset_before_table(tz, l - tz->before_offset);
    return l - offset_before_table(tz, t);
}

/* The instant of local seconds l (since the epoch) beyond the table's end:
 * a time in a gap counts on from before it, a repeated time takes the
 * earlier instant (as inside the table). */
static int64_t after_table_make(const floe_tz *tz, int64_t l)
{
    if (!tz->has_rule)
        return l - tz->after_offset;
    int32_t a = tz->rule.std_off, b = tz->rule.dst_off, oa, ob;
    int64_t ta = l - a, tb = l - b;
    outside_offset(tz, ta, &oa);
    outside_offset(tz, tb, &ob);
    bool va = oa == a, vb = ob == b;
    if (va && vb)
        return ta > tb ? ta : tb; /* cctz past ClickHouse's LUT: the later one */
    if (vb)
        return tb;
    if (va)
        return ta;
    /* In the gap: read with the offset before the change. */
    int32_t before;
    outside_offset(tz, (ta < tb ? ta : tb) - 86400 / 4, &before);
    return l - before;
}

int32_t floe_tz_time_of_day(const floe_tz *tz, int64_t t, int32_t *day)
{
    int32_t off;
    if (tz->fixed || outside_offset(tz, t, &off)) {
        int64_t l = t + (tz->fixed ? tz->fixed_offset : off);
        int64_t d = floor_div(l, 86400);
        *day = (int32_t)d;
        return (int32_t)(l - d * 86400);
    }
    size_t i = find_index(tz, t);
    const tz_day *e = &tz->days[i];
    int64_t s = t - entry_start(tz, i);
    if (s >= (int64_t)e->change_at * CHANGE_FACTOR)
        s += (int64_t)e->amount * CHANGE_FACTOR;
    if (s < 0)
        s = 0;
    if (s > 86399)
        s = 86399;
    *day = DAY_MIN + (int32_t)i;
    return (int32_t)s;
}

int32_t floe_tz_day(const floe_tz *tz, int64_t t)
{
    int32_t off;
    if (tz->fixed)
        return (int32_t)floor_div(t + tz->fixed_offset, 86400);
    if (outside_offset(tz, t, &off))
        return (int32_t)floor_div(t + off, 86400);
    return DAY_MIN + (int32_t)find_index(tz, t);
}

void floe_tz_local(floe_local_time *out, const floe_tz *tz, int64_t t)
{
    int32_t day;
    int32_t s = floe_tz_time_of_day(tz, t, &day);
    out->day_num = day;
    floe_civil_from_days(&out->year, &out->month, &out->day, day);
    out->hour = s / 3600;
    out->minute = s / 60 % 60;
    out->second = s % 60;
    out->day_of_week = floe_day_of_week(day);
    out->day_of_year = day - floe_days_from_civil(out->year, 1, 1) + 1;
}

int64_t floe_tz_day_start(const floe_tz *tz, int32_t day)
{
    if (tz->fixed)
        return (int64_t)day * 86400 - tz->fixed_offset;
    int64_t i = (int64_t)day - DAY_MIN;
    if (i < 0)
        return before_table_make(tz, (int64_t)day * 86400);
    if (i > TABLE_DAYS)
        return after_table_make(tz, (int64_t)day * 86400);
    return entry_start(tz, (size_t)i);
}

int64_t floe_tz_make(const floe_tz *tz, int32_t day, int32_t seconds_of_day)
{
    if (tz->fixed)
        return (int64_t)day * 86400 + seconds_of_day - tz->fixed_offset;
    int64_t i = (int64_t)day - DAY_MIN;
    if (i < 0)
        return before_table_make(tz, (int64_t)day * 86400 + seconds_of_day);
    if (i > TABLE_DAYS)
        return after_table_make(tz, (int64_t)day * 86400 + seconds_of_day);
    const tz_day *e = &tz->days[i];
    int64_t s = seconds_of_day;
    if (s >= (int64_t)e->change_at * CHANGE_FACTOR)
        s -= (int64_t)e->amount * CHANGE_FACTOR;
    return entry_start(tz, (size_t)i) + s;
}

int32_t floe_tz_offset(const floe_tz *tz, int64_t t)
{
    if (tz->fixed)
        return tz->fixed_offset;
    int32_t day;
    int32_t s = floe_tz_time_of_day(tz, t, &day);
    return (int32_t)((int64_t)day * 86400 + s - t);
}

/* ---- best-effort date-time text ------------------------------------------ */

static bool month_from_alpha(const char *a, int *month)
{
    static const char names[12][4] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int m = 0; m < 12; m++)
        if (strncasecmp(a, names[m], 3) == 0) {
            *month = m + 1;
            return true;
        }
    return false;
}

/* Whole month and weekday names ("March", not "Married"). */
static bool full_name(const char *w, size_t n)
{
    static const char *const names[] = {
        "january", "february",  "march",    "april",    "june",     "july",
        "august",  "september", "october",  "november", "december", "monday",
        "tuesday", "wednesday", "thursday", "friday",   "saturday", "sunday"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strlen(names[k]) == n && strncasecmp(w, names[k], n) == 0)
            return true;
    return false;
}

typedef struct be_reader {
    const char *p;
    size_t len, pos;
} be_reader;

static size_t be_digits(be_reader *r, char *out, size_t max)
{
    size_t n = 0;
    while (r->pos < r->len && r->p[r->pos] >= '0' && r->p[r->pos] <= '9' && n < max)
        out[n++] = (char)(r->p[r->pos++] - '0');
    return n;
}

static size_t be_alpha(be_reader *r, char *out, size_t max)
{
    size_t n = 0;
    while (r->pos < r->len && isalpha((unsigned char)r->p[r->pos]) && n < max)
        out[n++] = r->p[r->pos++];
    return n;
}

static bool be_char(be_reader *r, char c)
{
    if (r->pos < r->len && r->p[r->pos] == c) {
        r->pos++;
        return true;
    }
    return false;
}

static int64_t be_number(const char *d, size_t n)
{
    int64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + d[i];
    return v;
}

#define BE_FAIL(...)                                                                               \
    do {                                                                                           \
        snprintf(why, why_size, __VA_ARGS__);                                                      \
        return -1;                                                                                 \
    } while (0)

int floe_datetime_best_effort(floe_datetime_text *out, size_t *consumed, const char *p, size_t len,
                              const floe_tz *tz, bool us_style, bool stamp_fraction, char *why,
                              size_t why_size)
{
    be_reader r = {p, len, 0};
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    bool has_time = false, has_fraction = false, has_offset = false, offset_negative = false;
    int offset_hour = 0, offset_minute = 0;
    bool is_am = false, is_pm = false, comma_between = false;
    char digits[19];
    size_t nd;

    memset(out, 0, sizeof *out);
    while (r.pos < r.len) {
        if ((year && !has_time) || (!year && has_time)) {
            if (be_char(&r, ',')) {
                comma_between = true;
                if (r.pos >= r.len)
                    break;
            }
        }
        nd = 0;
        if (!year || !has_time) {
            nd = be_digits(&r, digits, sizeof digits);
            if (nd == 13 && !year && !has_time) {
                /* a unix timestamp in milliseconds */
                out->seconds = be_number(digits, 10);
                out->fraction = be_number(digits + 10, 3);
                out->fraction_digits = 3;
                *consumed = r.pos;
                return 0;
            }
            if ((nd == 10 || nd == 9) && !year && !has_time) {
                out->seconds = be_number(digits, nd);
                if (stamp_fraction && be_char(&r, '.')) {
                    size_t f = be_digits(&r, digits, 18);
                    while (r.pos < r.len && r.p[r.pos] >= '0' && r.p[r.pos] <= '9')
                        r.pos++;
                    out->fraction = be_number(digits, f);
                    out->fraction_digits = (int)f;
                }
                *consumed = r.pos;
                return 0;
            }
            if (nd == 14 && !year && !has_time) {
                year = (int)be_number(digits, 4);
                month = (int)be_number(digits + 4, 2);
                day = (int)be_number(digits + 6, 2);
                hour = (int)be_number(digits + 8, 2);
                minute = (int)be_number(digits + 10, 2);
                second = (int)be_number(digits + 12, 2);
                has_time = true;
            } else if (nd == 8 && !year) {
                year = (int)be_number(digits, 4);
                month = (int)be_number(digits + 4, 2);
                day = (int)be_number(digits + 6, 2);
            } else if (nd == 6) {
                if (!year && !month) {
                    year = (int)be_number(digits, 4);
                    month = (int)be_number(digits + 4, 2);
                } else if (!has_time) {
                    hour = (int)be_number(digits, 2);
                    minute = (int)be_number(digits + 2, 2);
                    second = (int)be_number(digits + 4, 2);
                    has_time = true;
                } else {
                    BE_FAIL("ambiguous 6 digits, it can be YYYYMM or hhmmss");
                }
            } else if (nd == 4 && !year) {
                /* YYYY, YYYY*MM, YYYY*MM*DD with one-digit parts allowed */
                year = (int)be_number(digits, 4);
                if (r.pos < r.len) {
                    char delim = r.p[r.pos];
                    if ((unsigned char)delim < 0x20 || delim == ',' || delim == ';' ||
                        delim == '\'' || delim == '"')
                        break;
                    if (month)
                        continue;
                    r.pos++;
                    nd = be_digits(&r, digits, sizeof digits);
                    if (nd == 2 || nd == 1)
                        month = (int)be_number(digits, nd);
                    else if (delim == ' ')
                        continue;
                    else
                        BE_FAIL("unexpected number of decimal digits after year: %zu", nd);
                    if (!day && be_char(&r, delim)) {
                        nd = be_digits(&r, digits, sizeof digits);
                        if (nd == 2 || nd == 1)
                            day = (int)be_number(digits, nd);
                        else if (delim == ' ')
                            continue;
                        else
                            BE_FAIL("unexpected number of decimal digits after year and month: %zu",
                                    nd);
                    }
                }
            } else if (nd == 2 || nd == 1) {
                int v = (int)be_number(digits, nd);
                if (be_char(&r, ':')) {
                    if (has_time)
                        BE_FAIL("time component is duplicated");
                    hour = v;
                    has_time = true;
                    nd = be_digits(&r, digits, sizeof digits);
                    if (nd == 2 || nd == 1)
                        minute = (int)be_number(digits, nd);
                    else
                        BE_FAIL("unexpected number of decimal digits after hour: %zu", nd);
                    if (be_char(&r, ':')) {
                        nd = be_digits(&r, digits, sizeof digits);
                        if (nd == 2 || nd == 1)
                            second = (int)be_number(digits, nd);
                        else
                            BE_FAIL("unexpected number of decimal digits after hour and minute: "
                                    "%zu",
                                    nd);
                    }
                } else if (be_char(&r, ',')) {
                    if (month && !day)
                        day = v;
                } else if (be_char(&r, '/') || be_char(&r, '.') || be_char(&r, '-')) {
                    if (day)
                        BE_FAIL("day of month is duplicated");
                    if (month)
                        BE_FAIL("month is duplicated");
                    if (us_style) {
                        month = v;
                        nd = be_digits(&r, digits, sizeof digits);
                        if (nd == 2 || nd == 1)
                            day = (int)be_number(digits, nd);
                        else
                            BE_FAIL("unexpected number of decimal digits after month: %zu", nd);
                    } else {
                        day = v;
                        nd = be_digits(&r, digits, sizeof digits);
                        if (nd == 2 || nd == 1) {
                            month = (int)be_number(digits, nd);
                        } else if (nd == 0) {
                            char alpha[9];
                            size_t na = be_alpha(&r, alpha, sizeof alpha);
                            if (na < 3)
                                BE_FAIL("unexpected number of alphabetical characters after day "
                                        "of month: %zu",
                                        na);
                            if (!month_from_alpha(alpha, &month))
                                BE_FAIL("alphabetical characters after day of month don't look "
                                        "like month: %.3s",
                                        alpha);
                            if (r.pos < r.len && isalpha((unsigned char)r.p[r.pos]))
                                BE_FAIL("unexpected word");
                            if (na > 3 && !full_name(alpha, na))
                                BE_FAIL("unexpected word");
                        } else {
                            BE_FAIL("unexpected number of decimal digits after day of month: %zu",
                                    nd);
                        }
                    }
                    if (month > 12) {
                        int t = month;
                        month = day;
                        day = t;
                    }
                    if (be_char(&r, '/') || be_char(&r, '.') || be_char(&r, '-')) {
                        if (year)
                            BE_FAIL("year component is duplicated");
                        nd = be_digits(&r, digits, sizeof digits);
                        if (nd == 4) {
                            year = (int)be_number(digits, 4);
                        } else if (nd == 2) {
                            year = (int)be_number(digits, 2);
                            year += year >= 70 ? 1900 : 2000;
                        } else {
                            BE_FAIL("unexpected number of decimal digits after day of month and "
                                    "month: %zu",
                                    nd);
                        }
                    }
                } else {
                    if (day)
                        hour = v;
                    else
                        day = v;
                }
            } else if (nd != 0) {
                BE_FAIL("unexpected number of decimal digits: %zu", nd);
            }
        }
        if (nd != 0)
            continue;
        if (r.pos >= r.len)
            break;
        char c = r.p[r.pos];
        if (c == ' ' || (c == 'T' && year && !has_time)) {
            r.pos++;
        } else if (c == 'Z') {
            r.pos++;
            has_offset = true;
        } else if (c == '.') {
            if (!has_time)
                BE_FAIL("unexpected point symbol");
            if (has_fraction)
                BE_FAIL("duplicate fractional part");
            has_fraction = true;
            r.pos++;
            size_t f = be_digits(&r, digits, 18);
            while (r.pos < r.len && r.p[r.pos] >= '0' && r.p[r.pos] <= '9')
                r.pos++;
            out->fraction = be_number(digits, f);
            out->fraction_digits = (int)f;
        } else if (c == '+' || c == '-') {
            r.pos++;
            nd = be_digits(&r, digits, sizeof digits);
            if (nd == 6 && !has_time && year && month && day) {
                hour = (int)be_number(digits, 2);
                minute = (int)be_number(digits + 2, 2);
                second = (int)be_number(digits + 4, 2);
                has_time = true;
            } else {
                has_offset = true;
                offset_negative = c == '-';
                if (nd == 4) {
                    offset_hour = (int)be_number(digits, 2);
                    offset_minute = (int)be_number(digits + 2, 2);
                } else if (nd == 3) {
                    offset_hour = (int)be_number(digits, 1);
                    offset_minute = (int)be_number(digits + 1, 2);
                } else if (nd == 2 || nd == 1) {
                    offset_hour = (int)be_number(digits, nd);
                } else {
                    BE_FAIL("unexpected number of decimal digits for time zone offset: %zu", nd);
                }
                if (nd < 3 && be_char(&r, ':')) {
                    nd = be_digits(&r, digits, sizeof digits);
                    if (nd == 2 || nd == 1)
                        offset_minute = (int)be_number(digits, nd);
                    else
                        BE_FAIL("unexpected number of decimal digits for time zone offset in "
                                "minutes: %zu",
                                nd);
                }
            }
        } else {
            char alpha[3];
            size_t na = be_alpha(&r, alpha, sizeof alpha);
            if (na == 0)
                break;
            if (na == 1)
                BE_FAIL("unexpected alphabetical character");
            if (na == 2) {
                if ((alpha[1] | 0x20) != 'm')
                    BE_FAIL("unexpected word");
                if ((alpha[0] | 0x20) == 'a')
                    is_am = true;
                else if ((alpha[0] | 0x20) == 'p')
                    is_pm = true;
                else
                    BE_FAIL("unexpected word");
            } else {
                static const char *const weekdays[] = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};
                bool weekday = false;
                if (month_from_alpha(alpha, &month)) {
                } else if (strncasecmp(alpha, "UTC", 3) == 0 || strncasecmp(alpha, "GMT", 3) == 0) {
                    has_offset = true;
                } else if (strncasecmp(alpha, "MSK", 3) == 0) {
                    has_offset = true;
                    offset_hour = 3;
                } else if (strncasecmp(alpha, "MSD", 3) == 0) {
                    has_offset = true;
                    offset_hour = 4;
                } else {
                    for (int k = 0; k < 7; k++)
                        if (strncasecmp(alpha, weekdays[k], 3) == 0)
                            weekday = true;
                    if (!weekday)
                        BE_FAIL("unexpected word");
                }
                char word[10];
                memcpy(word, alpha, 3);
                size_t rest = be_alpha(&r, word + 3, 7);
                if (r.pos < r.len && isalpha((unsigned char)r.p[r.pos]))
                    BE_FAIL("unexpected word");
                if (rest > 0 && !full_name(word, 3 + rest))
                    BE_FAIL("unexpected word");
                if (weekday)
                    be_char(&r, ',');
            }
        }
    }

    if (comma_between && (!has_time || !year || !month || !day))
        BE_FAIL("unexpected word after Date");
    if (!year && !month && !day && !has_time)
        BE_FAIL("neither Date nor Time was parsed successfully");
    if (!day)
        day = 1;
    if (!month)
        month = 1;
    if (!year) {
        /* The current year, or the previous one for a day still to come
         * (syslog's "Mar  3 01:33:48"). */
        int32_t today = floe_tz_day(tz, (int64_t)time(NULL));
        int cy, cm, cd;
        floe_civil_from_days(&cy, &cm, &cd, today);
        bool ok = floe_civil_valid(cy, month, day);
        year = ok && floe_days_from_civil(cy, month, day) <= today ? cy : cy - 1;
    }
    if (!floe_civil_valid(year, month, day))
        BE_FAIL("unexpected date: %d-%d-%d", year, month, day);
    if (is_am && hour == 12)
        hour = 0;
    if (is_pm && hour < 12)
        hour += 12;
    int32_t dn = floe_days_from_civil(year, month, day);
    int32_t sod = hour * 3600 + minute * 60 + second;
    if (has_offset) {
        int32_t off = offset_hour * 3600 + offset_minute * 60;
        out->seconds = (int64_t)dn * 86400 + sod + (offset_negative ? off : -off);
    } else {
        out->seconds = floe_tz_make(tz, dn, sod);
    }
    *consumed = r.pos;
    return 0;
}
