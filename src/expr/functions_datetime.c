/*
 * Date and time functions: field extractors (toYear ... toSecond,
 * toYYYYMM...), truncations (toMonday, toStartOf*), toUnixTimestamp,
 * formatDateTime, now/today/yesterday, dateDiff, the addX and subtractX
 * families, and toTimeZone. A DateTime is read in its type's zone, else an explicit zone
 * argument, else the session zone; the calendar and zone arithmetic is
 * types/datetime.h's.
 */
#include <stdio.h>
#include <strings.h>
#include <time.h>

#include "base/buf.h"
#include "expr/functions_impl.h"
#include "types/cast.h"
#include "types/datetime.h"

static bool is_dt(const floe_type *t)
{
    return floe_type_is_date_or_time(t);
}

static bool is_day_type(const floe_type *t)
{
    return t->id == FLOE_TYPE_DATE || t->id == FLOE_TYPE_DATE32;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* The zone a value of type t is read in: the explicit zone argument, else
 * the type's, else the session's. */
static int zone_of(const floe_tz **tz, const floe_type *t, const char *explicit_tz,
                   const floe_func_ctx *ctx)
{
    const char *name = explicit_tz ? explicit_tz : t->tz ? t->tz : ctx ? ctx->session_tz : NULL;
    return floe_tz_get(tz, name);
}

/* The constant zone argument i (NULL when absent); validated. */
static int tz_arg(const char **out, const char *fname, const floe_func_args *args, size_t i,
                  char *buf, size_t bufsize)
{
    *out = NULL;
    if (i >= args->n)
        return 0;
    size_t len;
    const char *p = floe_fn_const_string(args, i, &len);
    if (!p)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of %zu argument of function %s. Expected const String",
                          args->types[i]->name, i + 1, fname);
    if (len >= bufsize)
        len = bufsize - 1;
    memcpy(buf, p, len);
    buf[len] = 0;
    const floe_tz *z;
    if (floe_tz_get(&z, buf) < 0)
        return -1;
    *out = floe_tz_name(z);
    return 0;
}

/* The zone string of argument i at exec time (a constant, expanded). */
static const char *tz_from_column(const floe_column *c, char *buf, size_t bufsize)
{
    size_t len;
    if (!c || c->rows == 0 || floe_type_base(c->type)->id != FLOE_TYPE_STRING)
        return NULL;
    const char *p = floe_column_string_at(c, 0, &len);
    if (len >= bufsize)
        len = bufsize - 1;
    memcpy(buf, p, len);
    buf[len] = 0;
    return buf;
}

/* Local fields of row i of c (Date, Date32, DateTime, DateTime64); *frac
 * gets DateTime64's sub-second ticks (0 otherwise). */
static void local_at(floe_local_time *lt, int64_t *frac, const floe_column *c, size_t i,
                     const floe_tz *tz)
{
    const floe_type *t = floe_type_base(c->type);
    *frac = 0;
    switch (t->id) {
    case FLOE_TYPE_DATE:
    case FLOE_TYPE_DATE32: {
        int32_t d = t->id == FLOE_TYPE_DATE ? (int32_t)((const uint16_t *)(const void *)c->data)[i]
                                            : ((const int32_t *)(const void *)c->data)[i];
        memset(lt, 0, sizeof *lt);
        lt->day_num = d;
        floe_civil_from_days(&lt->year, &lt->month, &lt->day, d);
        lt->day_of_week = floe_day_of_week(d);
        lt->day_of_year = floe_day_of_year(d);
        break;
    }
    case FLOE_TYPE_DATETIME:
        floe_tz_local(lt, tz, (int64_t)((const uint32_t *)(const void *)c->data)[i]);
        break;
    case FLOE_TYPE_DATETIME64: {
        int64_t ticks = ((const int64_t *)(const void *)c->data)[i];
        int64_t scale = (int64_t)floe_fn_pow10_i128(t->precision);
        int64_t s = floor_div(ticks, scale);
        *frac = ticks - s * scale;
        floe_tz_local(lt, tz, s);
        break;
    }
    default:
        memset(lt, 0, sizeof *lt);
    }
}

/* Seconds since the epoch of row i (Date: local midnight in tz). */
static int64_t seconds_at(const floe_column *c, size_t i, const floe_tz *tz)
{
    const floe_type *t = floe_type_base(c->type);
    switch (t->id) {
    case FLOE_TYPE_DATE:
        return floe_tz_day_start(tz, ((const uint16_t *)(const void *)c->data)[i]);
    case FLOE_TYPE_DATE32:
        return floe_tz_day_start(tz, ((const int32_t *)(const void *)c->data)[i]);
    case FLOE_TYPE_DATETIME:
        return ((const uint32_t *)(const void *)c->data)[i];
    case FLOE_TYPE_DATETIME64:
        return floor_div(((const int64_t *)(const void *)c->data)[i],
                         (int64_t)floe_fn_pow10_i128(t->precision));
    default:
        return 0;
    }
}

/* ISO 8601 week number and week-based year of a day. */
static void iso_week(int *week, int *year, int32_t day)
{
    int32_t thursday = floe_day_monday(day) + 3;
    int y, m, d;
    floe_civil_from_days(&y, &m, &d, thursday);
    *year = y;
    *week = (thursday - floe_days_from_civil(y, 1, 1)) / 7 + 1;
}

/* ---- extractors and truncations ---- */

typedef enum dt_fn {
    F_YEAR,
    F_QUARTER,
    F_MONTH,
    F_DAY_OF_MONTH,
    F_DAY_OF_WEEK,
    F_DAY_OF_YEAR,
    F_HOUR,
    F_MINUTE,
    F_SECOND,
    F_YYYYMM,
    F_YYYYMMDD,
    F_YYYYMMDDHHMMSS,
    F_MONDAY,
    F_START_MONTH,
    F_START_QUARTER,
    F_START_YEAR,
    F_START_DAY,
    F_START_HOUR,
    F_START_MINUTE,
    F_START_5MIN,
    F_START_10MIN,
    F_START_15MIN,
    F_UNIX_TS,
    F_DATE_OF,
    F_START_WEEK,
    F_WEEK,
    F_ISO_WEEK,
    F_ISO_YEAR,
    F_LAST_DAY_MONTH,
    F_REL_YEAR,
    F_REL_MONTH,
    F_REL_WEEK,
    F_REL_DAY,
    F_REL_HOUR,
    F_REL_MINUTE,
    F_REL_SECOND,
} dt_fn;

typedef struct dt_desc {
    const char *name;
    dt_fn fn;
    floe_type_id ret; /* FLOE_TYPE_DATETIME: keeps the argument's zone */
    bool needs_time;  /* not defined on Date / Date32 */
} dt_desc;

static const dt_desc dt_descs[] = {
    {"toYear", F_YEAR, FLOE_TYPE_UINT16, false},
    {"toQuarter", F_QUARTER, FLOE_TYPE_UINT8, false},
    {"toMonth", F_MONTH, FLOE_TYPE_UINT8, false},
    {"toDayOfMonth", F_DAY_OF_MONTH, FLOE_TYPE_UINT8, false},
    {"toDayOfWeek", F_DAY_OF_WEEK, FLOE_TYPE_UINT8, false},
    {"toDayOfYear", F_DAY_OF_YEAR, FLOE_TYPE_UINT16, false},
    {"toHour", F_HOUR, FLOE_TYPE_UINT8, true},
    {"toMinute", F_MINUTE, FLOE_TYPE_UINT8, true},
    {"toSecond", F_SECOND, FLOE_TYPE_UINT8, true},
    {"toYYYYMM", F_YYYYMM, FLOE_TYPE_UINT32, false},
    {"toYYYYMMDD", F_YYYYMMDD, FLOE_TYPE_UINT32, false},
    {"toYYYYMMDDhhmmss", F_YYYYMMDDHHMMSS, FLOE_TYPE_UINT64, false},
    {"toMonday", F_MONDAY, FLOE_TYPE_DATE, false},
    {"toStartOfMonth", F_START_MONTH, FLOE_TYPE_DATE, false},
    {"toStartOfQuarter", F_START_QUARTER, FLOE_TYPE_DATE, false},
    {"toStartOfYear", F_START_YEAR, FLOE_TYPE_DATE, false},
    {"toStartOfDay", F_START_DAY, FLOE_TYPE_DATETIME, false},
    {"toStartOfHour", F_START_HOUR, FLOE_TYPE_DATETIME, true},
    {"toStartOfMinute", F_START_MINUTE, FLOE_TYPE_DATETIME, true},
    {"toStartOfFiveMinutes", F_START_5MIN, FLOE_TYPE_DATETIME, true},
    {"toStartOfTenMinutes", F_START_10MIN, FLOE_TYPE_DATETIME, true},
    {"toStartOfFifteenMinutes", F_START_15MIN, FLOE_TYPE_DATETIME, true},
    {"toUnixTimestamp", F_UNIX_TS, FLOE_TYPE_UINT32, false},
    {"toStartOfWeek", F_START_WEEK, FLOE_TYPE_DATE, false},
    {"toWeek", F_WEEK, FLOE_TYPE_UINT8, false},
    {"toISOWeek", F_ISO_WEEK, FLOE_TYPE_UINT8, false},
    {"toISOYear", F_ISO_YEAR, FLOE_TYPE_UINT16, false},
    {"toLastDayOfMonth", F_LAST_DAY_MONTH, FLOE_TYPE_DATE, false},
    {"toRelativeYearNum", F_REL_YEAR, FLOE_TYPE_UINT16, false},
    {"toRelativeMonthNum", F_REL_MONTH, FLOE_TYPE_UINT32, false},
    {"toRelativeWeekNum", F_REL_WEEK, FLOE_TYPE_UINT32, false},
    {"toRelativeDayNum", F_REL_DAY, FLOE_TYPE_UINT32, false},
    {"toRelativeHourNum", F_REL_HOUR, FLOE_TYPE_UINT32, false},
    {"toRelativeMinuteNum", F_REL_MINUTE, FLOE_TYPE_UINT32, false},
    {"toRelativeSecondNum", F_REL_SECOND, FLOE_TYPE_UINT32, false},
};

/* Functions whose second argument may be a week mode before the zone. */
static bool has_mode_arg(dt_fn f)
{
    return f == F_DAY_OF_WEEK || f == F_START_WEEK || f == F_WEEK;
}

static int dt_resolve_d(const dt_desc *d, const floe_type **ret, const floe_func_args *args,
                        const floe_func_ctx *ctx)
{
    size_t max_args = has_mode_arg(d->fn) ? 3 : 2;
    if (args->n < 1 || args->n > max_args)
        return floe_fn_err_argc(d->name, args->n, has_mode_arg(d->fn) ? "1, 2 or 3" : "1 or 2");
    const floe_type *t = floe_fn_arg_base(args, 0);
    bool string_ok = d->fn == F_UNIX_TS && floe_type_is_string(t);
    if (!is_dt(t) && !string_ok)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument of function %s. Should be Date, Date32, "
                          "DateTime, DateTime64 or Interval",
                          t->name, d->name);
    if (d->needs_time && is_day_type(t))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal argument of type %s for function %s", t->name, d->name);
    char buf[256];
    const char *tz = NULL;
    size_t tz_pos = has_mode_arg(d->fn) ? 2 : 1;
    if (has_mode_arg(d->fn) && args->n >= 2 && !floe_type_is_integer(floe_fn_arg_base(args, 1)))
        tz_pos = 1;
    if (d->fn == F_WEEK && args->n >= 2 && floe_type_is_integer(floe_fn_arg_base(args, 1))) {
        int64_t mode;
        if (floe_fn_const_int(args, 1, &mode) && mode != 0 && mode != 3)
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED, "toWeek mode %lld is not supported",
                              (long long)mode);
    }
    if (tz_arg(&tz, d->name, args, tz_pos, buf, sizeof buf) < 0)
        return -1;
    if (d->ret == FLOE_TYPE_DATETIME)
        *ret = floe_type_datetime(tz ? tz : t->tz);
    else
        *ret = floe_type_get(d->ret);
    return 0;
}

static int dt_exec_d(const dt_desc *d, floe_column *out, floe_column *const *args, size_t n,
                     size_t rows, const floe_func_ctx *ctx)
{
    const floe_column *c = args[0];
    floe_column *conv = NULL;
    char buf[256];
    const char *explicit_tz = NULL;
    size_t tz_pos = has_mode_arg(d->fn) ? 2 : 1;
    int64_t mode = 0;
    if (has_mode_arg(d->fn) && n >= 2) {
        if (floe_type_is_integer(floe_type_base(args[1]->type))) {
            if (rows)
                floe_fn_load(&mode, FLOE_FN_I64, args[1], 1);
        } else {
            tz_pos = 1;
        }
    }
    if (n > tz_pos)
        explicit_tz = tz_from_column(args[tz_pos], buf, sizeof buf);
    if (floe_type_is_string(floe_type_base(c->type))) {
        if (floe_cast_column(&conv, c, floe_type_datetime(explicit_tz), FLOE_CAST_THROW,
                             ctx ? ctx->session_tz : NULL) < 0)
            return -1;
        c = conv;
    }
    const floe_type *t = floe_type_base(c->type);
    const floe_tz *tz;
    if (zone_of(&tz, t, explicit_tz, ctx) < 0) {
        floe_column_free(conv);
        return -1;
    }
    int64_t *v = floe_malloc(rows * 8 + 1);
    for (size_t i = 0; i < rows; i++) {
        floe_local_time lt;
        int64_t frac;
        local_at(&lt, &frac, c, i, tz);
        int32_t sod = lt.hour * 3600 + lt.minute * 60 + lt.second;
        switch (d->fn) {
        case F_YEAR:
            v[i] = lt.year;
            break;
        case F_QUARTER:
            v[i] = (lt.month - 1) / 3 + 1;
            break;
        case F_MONTH:
            v[i] = lt.month;
            break;
        case F_DAY_OF_MONTH:
            v[i] = lt.day;
            break;
        case F_DAY_OF_WEEK:
            /* mode 0/2: Monday = 1 .. Sunday = 7; 1/3: Monday = 0 .. 6;
             * 4..7 count from Sunday */
            switch (mode & 7) {
            case 1:
            case 3:
                v[i] = lt.day_of_week - 1;
                break;
            case 4:
            case 6:
                v[i] = lt.day_of_week % 7 + 1;
                break;
            case 5:
            case 7:
                v[i] = lt.day_of_week % 7;
                break;
            default:
                v[i] = lt.day_of_week;
            }
            break;
        case F_DAY_OF_YEAR:
            v[i] = lt.day_of_year;
            break;
        case F_HOUR:
            v[i] = lt.hour;
            break;
        case F_MINUTE:
            v[i] = lt.minute;
            break;
        case F_SECOND:
            v[i] = lt.second;
            break;
        case F_YYYYMM:
            v[i] = lt.year * 100 + lt.month;
            break;
        case F_YYYYMMDD:
            v[i] = (int64_t)lt.year * 10000 + lt.month * 100 + lt.day;
            break;
        case F_YYYYMMDDHHMMSS:
            v[i] = ((int64_t)lt.year * 10000 + lt.month * 100 + lt.day) * 1000000 +
                   lt.hour * 10000 + lt.minute * 100 + lt.second;
            break;
        case F_MONDAY:
            v[i] = floe_day_monday(lt.day_num);
            break;
        case F_START_MONTH:
            v[i] = floe_day_start_of_month(lt.day_num);
            break;
        case F_START_QUARTER:
            v[i] = floe_day_start_of_quarter(lt.day_num);
            break;
        case F_START_YEAR:
            v[i] = floe_day_start_of_year(lt.day_num);
            break;
        case F_START_DAY:
            v[i] = floe_tz_day_start(tz, lt.day_num);
            break;
        case F_START_HOUR:
            v[i] = floe_tz_make(tz, lt.day_num, sod - sod % 3600);
            break;
        case F_START_MINUTE:
            v[i] = seconds_at(c, i, tz) - lt.second;
            break;
        case F_START_5MIN:
            v[i] = floe_tz_make(tz, lt.day_num, sod - sod % 300);
            break;
        case F_START_10MIN:
            v[i] = floe_tz_make(tz, lt.day_num, sod - sod % 600);
            break;
        case F_START_15MIN:
            v[i] = floe_tz_make(tz, lt.day_num, sod - sod % 900);
            break;
        case F_UNIX_TS:
            v[i] = seconds_at(c, i, tz);
            break;
        case F_DATE_OF:
        case F_REL_DAY:
            v[i] = lt.day_num;
            break;
        case F_START_WEEK:
            /* odd modes start weeks on Monday, even ones on Sunday */
            v[i] = (mode & 1) ? floe_day_monday(lt.day_num) : lt.day_num - lt.day_of_week % 7;
            break;
        case F_WEEK:
            if ((mode & 7) == 3) {
                int w, y;
                iso_week(&w, &y, lt.day_num);
                v[i] = w;
            } else {
                /* mode 0: weeks start on Sunday; days before the year's
                 * first Sunday are week 0 */
                int32_t jan1 = floe_days_from_civil(lt.year, 1, 1);
                int32_t first_sunday = jan1 + (7 - floe_day_of_week(jan1) % 7) % 7;
                v[i] = lt.day_num < first_sunday ? 0 : (lt.day_num - first_sunday) / 7 + 1;
            }
            break;
        case F_ISO_WEEK:
        case F_ISO_YEAR: {
            int w, y;
            iso_week(&w, &y, lt.day_num);
            v[i] = d->fn == F_ISO_WEEK ? w : y;
            break;
        }
        case F_LAST_DAY_MONTH:
            v[i] = floe_days_from_civil(lt.year, lt.month, floe_days_in_month(lt.year, lt.month));
            break;
        case F_REL_YEAR:
            v[i] = lt.year;
            break;
        case F_REL_MONTH:
            v[i] = (int64_t)lt.year * 12 + lt.month;
            break;
        case F_REL_WEEK:
            v[i] = floor_div(floe_day_monday(lt.day_num) + 8, 7);
            break;
        case F_REL_HOUR:
            v[i] = floor_div(seconds_at(c, i, tz), 3600);
            break;
        case F_REL_MINUTE:
            v[i] = floor_div(seconds_at(c, i, tz), 60);
            break;
        case F_REL_SECOND:
            v[i] = seconds_at(c, i, tz);
            break;
        }
    }
    if (floe_type_base(out->type)->id == FLOE_TYPE_DATE)
        for (size_t i = 0; i < rows; i++)
            v[i] = v[i] < 0 ? 0 : v[i] > FLOE_DATE_MAX_DAY ? FLOE_DATE_MAX_DAY : v[i];
    floe_fn_store(out, v, FLOE_FN_I64, rows);
    floe_free(v);
    floe_column_free(conv);
    return 0;
}

#define DT_FUNC(IDX, NAME)                                                                         \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        return dt_resolve_d(&dt_descs[IDX], ret, args, ctx);                                       \
    }                                                                                              \
    static int NAME##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,      \
                           const floe_func_ctx *ctx)                                               \
    {                                                                                              \
        return dt_exec_d(&dt_descs[IDX], out, args, n, rows, ctx);                                 \
    }

DT_FUNC(0, toYear)
DT_FUNC(1, toQuarter)
DT_FUNC(2, toMonth)
DT_FUNC(3, toDayOfMonth)
DT_FUNC(4, toDayOfWeek)
DT_FUNC(5, toDayOfYear)
DT_FUNC(6, toHour)
DT_FUNC(7, toMinute)
DT_FUNC(8, toSecond)
DT_FUNC(9, toYYYYMM)
DT_FUNC(10, toYYYYMMDD)
DT_FUNC(11, toYYYYMMDDhhmmss)
DT_FUNC(12, toMonday)
DT_FUNC(13, toStartOfMonth)
DT_FUNC(14, toStartOfQuarter)
DT_FUNC(15, toStartOfYear)
DT_FUNC(16, toStartOfDay)
DT_FUNC(17, toStartOfHour)
DT_FUNC(18, toStartOfMinute)
DT_FUNC(19, toStartOfFiveMinutes)
DT_FUNC(20, toStartOfTenMinutes)
DT_FUNC(21, toStartOfFifteenMinutes)
DT_FUNC(22, toUnixTimestamp)
DT_FUNC(23, toStartOfWeek)
DT_FUNC(24, toWeek)
DT_FUNC(25, toISOWeek)
DT_FUNC(26, toISOYear)
DT_FUNC(27, toLastDayOfMonth)
DT_FUNC(28, toRelativeYearNum)
DT_FUNC(29, toRelativeMonthNum)
DT_FUNC(30, toRelativeWeekNum)
DT_FUNC(31, toRelativeDayNum)
DT_FUNC(32, toRelativeHourNum)
DT_FUNC(33, toRelativeMinuteNum)
DT_FUNC(34, toRelativeSecondNum)

/* ---- now, today, yesterday ---- */

static int now_resolve(const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)
{
    if (args->n > 1)
        return floe_fn_err_argc("now", args->n, "0 or 1");
    char buf[256];
    const char *tz = NULL;
    if (tz_arg(&tz, "now", args, 0, buf, sizeof buf) < 0)
        return -1;
    *ret = floe_type_datetime(tz);
    return 0;
}

static int now_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                    const floe_func_ctx *ctx)
{
    uint32_t *o = floe_fn_out_fixed(out, rows);
    uint32_t v = (uint32_t)(ctx ? ctx->now : 0);
    for (size_t i = 0; i < rows; i++)
        o[i] = v;
    return 0;
}

static int today_resolve_m(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 0) < 0)
        return -1;
    *ret = floe_type_get(FLOE_TYPE_DATE);
    return 0;
}

static int today_exec_m(int back, floe_column *out, size_t rows, const floe_func_ctx *ctx)
{
    const floe_tz *tz;
    if (floe_tz_get(&tz, ctx ? ctx->session_tz : NULL) < 0)
        return -1;
    uint16_t *o = floe_fn_out_fixed(out, rows);
    uint16_t d = (uint16_t)(floe_tz_day(tz, ctx ? ctx->now : 0) - back);
    for (size_t i = 0; i < rows; i++)
        o[i] = d;
    return 0;
}

static int today_resolve(const floe_type **ret, const floe_func_args *args,
                         const floe_func_ctx *ctx)
{
    return today_resolve_m("today", ret, args);
}
static int today_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                      const floe_func_ctx *ctx)
{
    return today_exec_m(0, out, rows, ctx);
}
static int yesterday_resolve(const floe_type **ret, const floe_func_args *args,
                             const floe_func_ctx *ctx)
{
    return today_resolve_m("yesterday", ret, args);
}
static int yesterday_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                          const floe_func_ctx *ctx)
{
    return today_exec_m(1, out, rows, ctx);
}

/* ---- toTimeZone ---- */

static int toTimeZone_resolve(const floe_type **ret, const floe_func_args *args,
                              const floe_func_ctx *ctx)
{
    if (floe_fn_check_argc("toTimeZone", args, 2) < 0)
        return -1;
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (t->id != FLOE_TYPE_DATETIME && t->id != FLOE_TYPE_DATETIME64)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument of function toTimezone. Should be DateTime "
                          "or DateTime64",
                          t->name);
    char buf[256];
    const char *tz;
    if (tz_arg(&tz, "toTimeZone", args, 1, buf, sizeof buf) < 0)
        return -1;
    *ret = t->id == FLOE_TYPE_DATETIME ? floe_type_datetime(tz)
                                       : floe_type_datetime64(t->precision, tz);
    return 0;
}

static int toTimeZone_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                           const floe_func_ctx *ctx)
{
    size_t w = out->type->width;
    void *o = floe_fn_out_fixed(out, rows);
    memcpy(o, args[0]->data, rows * w);
    return 0;
}

/* ---- add*, subtract* ---- */

typedef enum unit {
    U_SECOND,
    U_MINUTE,
    U_HOUR,
    U_DAY,
    U_WEEK,
    U_MONTH,
    U_QUARTER,
    U_YEAR,
} unit;

static const int64_t unit_seconds[] = {1, 60, 3600, 86400, 604800};

static int add_resolve_m(const char *name, unit u, const floe_type **ret,
                         const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 2) < 0)
        return -1;
    const floe_type *t = floe_fn_arg_base(args, 0), *k = floe_fn_arg_base(args, 1);
    if (!is_dt(t))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of first argument of function %s. Should be a date or a "
                          "date with time",
                          t->name, name);
    if (!floe_fn_is_plain_number(k))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of second argument of function %s", k->name, name);
    if (is_day_type(t) && u < U_DAY)
        *ret = t->id == FLOE_TYPE_DATE ? floe_type_datetime(NULL) : floe_type_datetime64(3, NULL);
    else
        *ret = t;
    return 0;
}

static int add_exec_m(unit u, int sign, floe_column *out, floe_column *const *args, size_t rows,
                      const floe_func_ctx *ctx)
{
    const floe_column *c = args[0];
    const floe_type *t = floe_type_base(c->type), *rt = floe_type_base(out->type);
    const floe_tz *tz;
    if (zone_of(&tz, rt, NULL, ctx) < 0)
        return -1;
    int64_t *k = floe_malloc(rows * 8 + 1), *v = floe_malloc(rows * 8 + 1);
    floe_fn_load(k, FLOE_FN_I64, args[1], rows);
    if (is_day_type(t) && (u == U_DAY || u == U_WEEK)) {
        /* day numbers: plain addition */
        floe_fn_load(v, FLOE_FN_I64, c, rows);
        int64_t per = u == U_WEEK ? 7 : 1;
        for (size_t i = 0; i < rows; i++)
            v[i] += k[i] * sign * per;
        goto store;
    }
    for (size_t i = 0; i < rows; i++) {
        int64_t delta = k[i] * sign;
        floe_local_time lt;
        int64_t frac;
        if (u >= U_MONTH) {
            local_at(&lt, &frac, c, i, tz);
            int64_t months = delta * (u == U_YEAR ? 12 : u == U_QUARTER ? 3 : 1);
            int64_t m0 = (int64_t)lt.year * 12 + (lt.month - 1) + months;
            int y = (int)floor_div(m0, 12), m = (int)(m0 - (int64_t)y * 12) + 1;
            int dim = floe_days_in_month(y, m);
            int32_t day = floe_days_from_civil(y, m, lt.day < dim ? lt.day : dim);
            if (is_day_type(t)) {
                v[i] = day;
            } else {
                int64_t s = floe_tz_make(tz, day, lt.hour * 3600 + lt.minute * 60 + lt.second);
                if (t->id == FLOE_TYPE_DATETIME64)
                    s = s * (int64_t)floe_fn_pow10_i128(t->precision) + frac;
                v[i] = s;
            }
            continue;
        }
        int64_t secs = delta * unit_seconds[u];
        if (is_day_type(t)) {
            int64_t s = seconds_at(c, i, tz) + secs;
            v[i] = rt->id == FLOE_TYPE_DATETIME64 ? s * 1000 : s;
        } else if (t->id == FLOE_TYPE_DATETIME64) {
            v[i] = ((const int64_t *)(const void *)c->data)[i] +
                   secs * (int64_t)floe_fn_pow10_i128(t->precision);
        } else {
            v[i] = (int64_t)((const uint32_t *)(const void *)c->data)[i] + secs;
        }
    }
store:
    floe_fn_store(out, v, FLOE_FN_I64, rows);
    floe_free(k);
    floe_free(v);
    return 0;
}

#define ADD_FUNC(NAME, U, SIGN)                                                                    \
    static int NAME##_resolve(const floe_type **ret, const floe_func_args *args,                   \
                              const floe_func_ctx *ctx)                                            \
    {                                                                                              \
        return add_resolve_m(#NAME, U, ret, args);                                                 \
    }                                                                                              \
    static int NAME##_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,      \
                           const floe_func_ctx *ctx)                                               \
    {                                                                                              \
        return add_exec_m(U, SIGN, out, args, rows, ctx);                                          \
    }
ADD_FUNC(addSeconds, U_SECOND, 1)
ADD_FUNC(addMinutes, U_MINUTE, 1)
ADD_FUNC(addHours, U_HOUR, 1)
ADD_FUNC(addDays, U_DAY, 1)
ADD_FUNC(addWeeks, U_WEEK, 1)
ADD_FUNC(addMonths, U_MONTH, 1)
ADD_FUNC(addQuarters, U_QUARTER, 1)
ADD_FUNC(addYears, U_YEAR, 1)
ADD_FUNC(subtractSeconds, U_SECOND, -1)
ADD_FUNC(subtractMinutes, U_MINUTE, -1)
ADD_FUNC(subtractHours, U_HOUR, -1)
ADD_FUNC(subtractDays, U_DAY, -1)
ADD_FUNC(subtractWeeks, U_WEEK, -1)
ADD_FUNC(subtractMonths, U_MONTH, -1)
ADD_FUNC(subtractQuarters, U_QUARTER, -1)
ADD_FUNC(subtractYears, U_YEAR, -1)

/* ---- dateDiff(unit, a, b[, tz]) ---- */

static int parse_unit(unit *u, const char *p, size_t n)
{
    static const struct {
        const char *name;
        unit u;
    } names[] = {
        {"second", U_SECOND},   {"seconds", U_SECOND},   {"ss", U_SECOND},  {"s", U_SECOND},
        {"minute", U_MINUTE},   {"minutes", U_MINUTE},   {"mi", U_MINUTE},  {"n", U_MINUTE},
        {"hour", U_HOUR},       {"hours", U_HOUR},       {"hh", U_HOUR},    {"h", U_HOUR},
        {"day", U_DAY},         {"days", U_DAY},         {"dd", U_DAY},     {"d", U_DAY},
        {"week", U_WEEK},       {"weeks", U_WEEK},       {"wk", U_WEEK},    {"ww", U_WEEK},
        {"month", U_MONTH},     {"months", U_MONTH},     {"mm", U_MONTH},   {"m", U_MONTH},
        {"quarter", U_QUARTER}, {"quarters", U_QUARTER}, {"qq", U_QUARTER}, {"q", U_QUARTER},
        {"year", U_YEAR},       {"years", U_YEAR},       {"yyyy", U_YEAR},  {"yy", U_YEAR},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == n && strncasecmp(names[i].name, p, n) == 0) {
            *u = names[i].u;
            return 0;
        }
    return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Function dateDiff does not support '%.*s' unit",
                      (int)n, p);
}

static int dateDiff_resolve(const floe_type **ret, const floe_func_args *args,
                            const floe_func_ctx *ctx)
{
    if (args->n < 3 || args->n > 4)
        return floe_fn_err_arg_count("dateDiff", 3, 1, args->n);
    size_t len;
    const char *p = floe_fn_const_string(args, 0, &len);
    if (!p)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "First argument for function dateDiff (unit) must be String");
    unit u;
    if (parse_unit(&u, p, len) < 0)
        return -1;
    for (size_t i = 1; i < 3; i++)
        if (!is_dt(floe_fn_arg_base(args, i)))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal type %s of %s argument of function dateDiff. Should be a "
                              "date or a date with time",
                              floe_fn_arg_base(args, i)->name, i == 1 ? "second" : "third");
    char buf[256];
    const char *tz;
    if (tz_arg(&tz, "dateDiff", args, 3, buf, sizeof buf) < 0)
        return -1;
    *ret = floe_type_get(FLOE_TYPE_INT64);
    return 0;
}

/* The unit count of row i since a fixed origin, in zone tz. */
static int64_t relative_num(unit u, const floe_column *c, size_t i, const floe_tz *tz)
{
    floe_local_time lt;
    int64_t frac;
    local_at(&lt, &frac, c, i, tz);
    switch (u) {
    case U_SECOND:
        return seconds_at(c, i, tz);
    case U_MINUTE:
        return floor_div(seconds_at(c, i, tz) + floe_tz_offset(tz, seconds_at(c, i, tz)), 60);
    case U_HOUR:
        return floor_div(seconds_at(c, i, tz) + floe_tz_offset(tz, seconds_at(c, i, tz)), 3600);
    case U_DAY:
        return lt.day_num;
    case U_WEEK:
        return floor_div(floe_day_monday(lt.day_num) + 3, 7); /* 1970-01-01 was a Thursday */
    case U_MONTH:
        return (int64_t)lt.year * 12 + lt.month;
    case U_QUARTER:
        return (int64_t)lt.year * 4 + (lt.month - 1) / 3;
    case U_YEAR:
        return lt.year;
    }
    return 0;
}

static int dateDiff_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                         const floe_func_ctx *ctx)
{
    if (rows == 0) {
        floe_fn_out_fixed(out, 0);
        return 0;
    }
    size_t len;
    const char *p = floe_column_string_at(args[0], 0, &len);
    unit u;
    if (parse_unit(&u, p, len) < 0)
        return -1;
    char buf[256];
    const char *explicit_tz = n > 3 ? tz_from_column(args[3], buf, sizeof buf) : NULL;
    const floe_tz *tza, *tzb;
    if (zone_of(&tza, floe_type_base(args[1]->type), explicit_tz, ctx) < 0 ||
        zone_of(&tzb, floe_type_base(args[2]->type), explicit_tz, ctx) < 0)
        return -1;
    int64_t *o = floe_fn_out_fixed(out, rows);
    for (size_t i = 0; i < rows; i++)
        o[i] = relative_num(u, args[2], i, tzb) - relative_num(u, args[1], i, tza);
    return 0;
}

/* ---- dateTrunc(unit, t[, tz]) ----
 * Units up to a day give a DateTime (DateTime64(0) for a DateTime64; a
 * Date allows only 'day'); week and longer give a Date (Date32 for a
 * DateTime64 or Date32). */

static int trunc_unit(unit *u, const char *p, size_t n)
{
    static const struct {
        const char *name;
        unit u;
    } names[] = {{"second", U_SECOND},   {"minute", U_MINUTE}, {"hour", U_HOUR},
                 {"day", U_DAY},         {"week", U_WEEK},     {"month", U_MONTH},
                 {"quarter", U_QUARTER}, {"year", U_YEAR}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == n && strncasecmp(names[i].name, p, n) == 0) {
            *u = names[i].u;
            return 0;
        }
    return floe_error(FLOE_ERR_BAD_ARGUMENTS, "%.*s doesn't look like datepart name in dateTrunc",
                      (int)n, p);
}

static int dateTrunc_resolve(const floe_type **ret, const floe_func_args *args,
                             const floe_func_ctx *ctx)
{
    if (args->n < 2 || args->n > 3)
        return floe_fn_err_arg_count("dateTrunc", 2, 1, args->n);
    size_t len;
    const char *p = floe_fn_const_string(args, 0, &len);
    if (!p)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "First argument for function dateTrunc must be constant String");
    unit u;
    if (trunc_unit(&u, p, len) < 0)
        return -1;
    const floe_type *t = floe_fn_arg_base(args, 1);
    if (!is_dt(t) || (is_day_type(t) && u < U_DAY))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument for function dateTrunc", t->name);
    char buf[256];
    const char *tz = NULL;
    if (tz_arg(&tz, "dateTrunc", args, 2, buf, sizeof buf) < 0)
        return -1;
    bool wide = t->id == FLOE_TYPE_DATETIME64 || t->id == FLOE_TYPE_DATE32;
    if (u >= U_WEEK)
        *ret = floe_type_get(wide ? FLOE_TYPE_DATE32 : FLOE_TYPE_DATE);
    else if (t->id == FLOE_TYPE_DATETIME64)
        *ret = floe_type_datetime64(0, tz ? tz : t->tz);
    else
        *ret = floe_type_datetime(tz ? tz : t->tz);
    return 0;
}

static int dateTrunc_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                          const floe_func_ctx *ctx)
{
    if (rows == 0) {
        floe_fn_out_fixed(out, 0);
        return 0;
    }
    size_t len;
    const char *p = floe_column_string_at(args[0], 0, &len);
    unit u;
    if (trunc_unit(&u, p, len) < 0)
        return -1;
    char buf[256];
    const char *explicit_tz = n > 2 ? tz_from_column(args[2], buf, sizeof buf) : NULL;
    const floe_column *c = args[1];
    const floe_tz *tz;
    if (zone_of(&tz, floe_type_base(c->type), explicit_tz, ctx) < 0)
        return -1;
    int64_t *v = floe_malloc(rows * 8 + 1);
    for (size_t i = 0; i < rows; i++) {
        floe_local_time lt;
        int64_t frac;
        local_at(&lt, &frac, c, i, tz);
        int32_t sod = lt.hour * 3600 + lt.minute * 60 + lt.second;
        switch (u) {
        case U_SECOND:
            v[i] = seconds_at(c, i, tz);
            break;
        case U_MINUTE:
            v[i] = floe_tz_make(tz, lt.day_num, sod - sod % 60);
            break;
        case U_HOUR:
            v[i] = floe_tz_make(tz, lt.day_num, sod - sod % 3600);
            break;
        case U_DAY:
            v[i] = floe_tz_day_start(tz, lt.day_num);
            break;
        case U_WEEK:
            v[i] = floe_day_monday(lt.day_num);
            break;
        case U_MONTH:
            v[i] = floe_day_start_of_month(lt.day_num);
            break;
        case U_QUARTER:
            v[i] = floe_day_start_of_quarter(lt.day_num);
            break;
        case U_YEAR:
            v[i] = floe_day_start_of_year(lt.day_num);
            break;
        }
    }
    floe_fn_store(out, v, FLOE_FN_I64, rows);
    floe_free(v);
    return 0;
}

/* ---- now64([precision[, tz]]) ---- */

static int now64_resolve(const floe_type **ret, const floe_func_args *args,
                         const floe_func_ctx *ctx)
{
    if (args->n > 2)
        return floe_fn_err_argc("now64", args->n, "0, 1 or 2");
    int64_t p = 3;
    if (args->n >= 1 && !floe_fn_const_int(args, 0, &p))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of argument of function now64", args->types[0]->name);
    if (p < 0 || p > 9)
        return floe_error(FLOE_ERR_ARGUMENT_OUT_OF_BOUND,
                          "Scale %lld is out of bounds (max scale: 9)", (long long)p);
    char buf[256];
    const char *tz = NULL;
    if (tz_arg(&tz, "now64", args, 1, buf, sizeof buf) < 0)
        return -1;
    *ret = floe_type_datetime64((uint8_t)p, tz);
    return 0;
}

static int now64_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                      const floe_func_ctx *ctx)
{
    const floe_type *t = floe_type_base(out->type);
    /* the statement's second, with the clock's fraction of it */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t scale = (int64_t)floe_fn_pow10_i128(t->precision);
    int64_t frac = t->precision <= 9 ? (int64_t)ts.tv_nsec / (1000000000 / scale) : 0;
    int64_t v = (ctx ? ctx->now : (int64_t)ts.tv_sec) * scale + frac;
    int64_t *o = floe_fn_out_fixed(out, rows);
    for (size_t i = 0; i < rows; i++)
        o[i] = v;
    return 0;
}

/* ---- toUnixTimestamp64Milli (and Second, Micro, Nano), fromUnixTimestamp64* ---- */

static int ts64_to_resolve_m(const char *name, const floe_type **ret, const floe_func_args *args)
{
    if (floe_fn_check_argc(name, args, 1) < 0)
        return -1;
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (t->id != FLOE_TYPE_DATETIME64)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "A value of illegal type was provided as 1st argument 'value' to "
                          "function '%s'. Expected: DateTime64, got: %s",
                          name, t->name);
    *ret = floe_type_get(FLOE_TYPE_INT64);
    return 0;
}

/* Ticks of 10^-p seconds rescaled to 10^-target (truncating). */
static int ts64_to_exec_m(int target, floe_column *out, floe_column *const *args, size_t rows)
{
    const floe_type *t = floe_type_base(args[0]->type);
    const int64_t *x = (const int64_t *)(const void *)args[0]->data;
    int64_t *o = floe_fn_out_fixed(out, rows);
    int p = t->precision;
    if (target >= p) {
        int64_t m = (int64_t)floe_fn_pow10_i128((unsigned)(target - p));
        for (size_t i = 0; i < rows; i++)
            o[i] = (int64_t)((uint64_t)x[i] * (uint64_t)m);
    } else {
        int64_t d = (int64_t)floe_fn_pow10_i128((unsigned)(p - target));
        for (size_t i = 0; i < rows; i++)
            o[i] = x[i] / d;
    }
    return 0;
}

static int ts64_from_resolve_m(const char *name, int precision, const floe_type **ret,
                               const floe_func_args *args)
{
    if (args->n < 1 || args->n > 2)
        return floe_fn_err_argc(name, args->n, "1 or 2");
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (!floe_type_is_integer(t))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "The first argument for function %s must be integer", name);
    char buf[256];
    const char *tz = NULL;
    if (tz_arg(&tz, name, args, 1, buf, sizeof buf) < 0)
        return -1;
    *ret = floe_type_datetime64((uint8_t)precision, tz);
    return 0;
}

static int ts64_from_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                          const floe_func_ctx *ctx)
{
    int64_t *v = floe_malloc(rows * 8 + 1);
    floe_fn_load(v, FLOE_FN_I64, args[0], rows);
    floe_fn_store(out, v, FLOE_FN_I64, rows);
    floe_free(v);
    return 0;
}

#define TS64_FUNCS(SUFFIX, P)                                                                      \
    static int toUnixTimestamp64##SUFFIX##_resolve(                                                \
        const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)               \
    {                                                                                              \
        return ts64_to_resolve_m("toUnixTimestamp64" #SUFFIX, ret, args);                          \
    }                                                                                              \
    static int toUnixTimestamp64##SUFFIX##_exec(floe_column *out, floe_column *const *args,        \
                                                size_t n, size_t rows, const floe_func_ctx *ctx)   \
    {                                                                                              \
        return ts64_to_exec_m(P, out, args, rows);                                                 \
    }                                                                                              \
    static int fromUnixTimestamp64##SUFFIX##_resolve(                                              \
        const floe_type **ret, const floe_func_args *args, const floe_func_ctx *ctx)               \
    {                                                                                              \
        return ts64_from_resolve_m("fromUnixTimestamp64" #SUFFIX, P, ret, args);                   \
    }
TS64_FUNCS(Second, 0)
TS64_FUNCS(Milli, 3)
TS64_FUNCS(Micro, 6)
TS64_FUNCS(Nano, 9)

/* ---- toIntervalX: floe has no Interval type yet ---- */

static int interval_resolve(const floe_type **ret, const floe_func_args *args,
                            const floe_func_ctx *ctx)
{
    return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                      "Interval types are not supported yet; use addSeconds ... addYears or "
                      "subtractSeconds ... subtractYears instead of INTERVAL arithmetic");
}

static int interval_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                         const floe_func_ctx *ctx)
{
    return interval_resolve(NULL, NULL, ctx);
}

/* ---- formatDateTime ---- */

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
static const char *const day_names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};

static int check_format(const char *f, size_t n, const floe_type *t)
{
    for (size_t i = 0; i < n; i++) {
        if (f[i] != '%')
            continue;
        if (i + 1 >= n)
            return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                              "Sign '%%' is the last in format, if you need it, use '%%%%'");
        char c = f[++i];
        if (strchr("abcCdDefFgGhHiIjklmMnpQrRsSTtuVwWyYz%", c) == NULL) {
            if (c == 'x')
                return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                                  "format is not supported for YEAR for week (Mon-Sun)");
            if (c == 'v')
                return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                                  "format is not supported for WEEK (Mon-Sun)");
            return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                              "Incorrect syntax '%%%c', symbol is not supported '%c' for function "
                              "formatDateTime",
                              c, c);
        }
        if (c == 'z' && is_day_type(t))
            return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                              "Illegal argument of type %s for function timezoneOffset", t->name);
    }
    return 0;
}

static int formatDateTime_resolve(const floe_type **ret, const floe_func_args *args,
                                  const floe_func_ctx *ctx)
{
    if (args->n < 2 || args->n > 3)
        return floe_fn_err_argc("formatDateTime", args->n, "2 or 3");
    const floe_type *t = floe_fn_arg_base(args, 0);
    if (!is_dt(t))
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of first argument of function formatDateTime. Should be "
                          "a date or a date with time",
                          t->name);
    if (floe_fn_arg_base(args, 1)->id != FLOE_TYPE_STRING)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of second argument of function formatDateTime. Must be "
                          "String",
                          floe_fn_arg_base(args, 1)->name);
    if (args->n == 3 && floe_fn_arg_base(args, 2)->id != FLOE_TYPE_STRING)
        return floe_error(FLOE_ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                          "Illegal type %s of third argument of function formatDateTime. Must be "
                          "String",
                          floe_fn_arg_base(args, 2)->name);
    size_t len;
    const char *f = floe_fn_const_string(args, 1, &len);
    if (!f && args->consts)
        return floe_error(FLOE_ERR_ILLEGAL_COLUMN,
                          "Illegal column of second ('format') argument of function "
                          "formatDateTime. Must be constant string.");
    if (f && check_format(f, len, t) < 0)
        return -1;
    char buf[256];
    const char *tz;
    if (tz_arg(&tz, "formatDateTime", args, 2, buf, sizeof buf) < 0)
        return -1;
    *ret = floe_type_get(FLOE_TYPE_STRING);
    return 0;
}

static void put2(floe_buf *b, int v)
{
    floe_buf_putc(b, (char)('0' + v / 10 % 10));
    floe_buf_putc(b, (char)('0' + v % 10));
}

static void put_n(floe_buf *b, int64_t v, int width)
{
    char tmp[24];
    snprintf(tmp, sizeof tmp, "%0*lld", width, (long long)v);
    floe_buf_puts(b, tmp);
}

static void format_row(floe_buf *b, const char *f, size_t n, const floe_local_time *lt,
                       int64_t frac, int precision, const floe_tz *tz, int64_t secs)
{
    for (size_t i = 0; i < n; i++) {
        if (f[i] != '%' || i + 1 >= n) {
            floe_buf_putc(b, f[i]);
            continue;
        }
        char c = f[++i];
        int h12 = lt->hour % 12 == 0 ? 12 : lt->hour % 12;
        switch (c) {
        case 'a':
            floe_buf_append(b, day_names[lt->day_of_week - 1], 3);
            break;
        case 'b':
            floe_buf_append(b, month_names[lt->month - 1], 3);
            break;
        case 'c':
        case 'm':
            put2(b, lt->month);
            break;
        case 'C':
            put2(b, lt->year / 100);
            break;
        case 'd':
            put2(b, lt->day);
            break;
        case 'D':
            put2(b, lt->month);
            floe_buf_putc(b, '/');
            put2(b, lt->day);
            floe_buf_putc(b, '/');
            put2(b, lt->year % 100);
            break;
        case 'e':
            put_n(b, lt->day, 1);
            break;
        case 'f': {
            /* microseconds, six digits: the fraction scaled to 10^-6 */
            int64_t us = frac;
            for (int p = precision; p < 6; p++)
                us *= 10;
            for (int p = precision; p > 6; p--)
                us /= 10;
            put_n(b, us, 6);
            break;
        }
        case 'F':
            put_n(b, lt->year, 4);
            floe_buf_putc(b, '-');
            put2(b, lt->month);
            floe_buf_putc(b, '-');
            put2(b, lt->day);
            break;
        case 'g':
        case 'G': {
            int w, y;
            iso_week(&w, &y, lt->day_num);
            if (c == 'g')
                put2(b, y % 100);
            else
                put_n(b, y, 4);
            break;
        }
        case 'h':
        case 'I':
        case 'l':
            put2(b, h12);
            break;
        case 'H':
        case 'k':
            put2(b, lt->hour);
            break;
        case 'i':
            put2(b, lt->minute);
            break;
        case 'j':
            put_n(b, lt->day_of_year, 3);
            break;
        case 'M':
            floe_buf_puts(b, month_names[lt->month - 1]);
            break;
        case 'n':
            floe_buf_putc(b, '\n');
            break;
        case 'p':
            floe_buf_puts(b, lt->hour < 12 ? "AM" : "PM");
            break;
        case 'Q':
            put_n(b, (lt->month - 1) / 3 + 1, 1);
            break;
        case 'r':
            put2(b, h12);
            floe_buf_putc(b, ':');
            put2(b, lt->minute);
            floe_buf_puts(b, lt->hour < 12 ? " AM" : " PM");
            break;
        case 'R':
            put2(b, lt->hour);
            floe_buf_putc(b, ':');
            put2(b, lt->minute);
            break;
        case 's':
        case 'S':
            put2(b, lt->second);
            break;
        case 't':
            floe_buf_putc(b, '\t');
            break;
        case 'T':
            put2(b, lt->hour);
            floe_buf_putc(b, ':');
            put2(b, lt->minute);
            floe_buf_putc(b, ':');
            put2(b, lt->second);
            break;
        case 'u':
            put_n(b, lt->day_of_week, 1);
            break;
        case 'V': {
            int w, y;
            iso_week(&w, &y, lt->day_num);
            put2(b, w);
            break;
        }
        case 'w':
            put_n(b, lt->day_of_week % 7, 1);
            break;
        case 'W':
            floe_buf_puts(b, day_names[lt->day_of_week - 1]);
            break;
        case 'y':
            put2(b, lt->year % 100);
            break;
        case 'Y':
            put_n(b, lt->year, 4);
            break;
        case 'z': {
            int32_t off = floe_tz_offset(tz, secs);
            floe_buf_putc(b, off < 0 ? '-' : '+');
            if (off < 0)
                off = -off;
            put2(b, off / 3600);
            put2(b, off / 60 % 60);
            break;
        }
        case '%':
            floe_buf_putc(b, '%');
            break;
        default:
            floe_buf_putc(b, '%');
            floe_buf_putc(b, c);
        }
    }
}

static int formatDateTime_exec(floe_column *out, floe_column *const *args, size_t n, size_t rows,
                               const floe_func_ctx *ctx)
{
    const floe_column *c = args[0];
    const floe_type *t = floe_type_base(c->type);
    char buf[256];
    const char *explicit_tz = n > 2 ? tz_from_column(args[2], buf, sizeof buf) : NULL;
    const floe_tz *tz;
    if (zone_of(&tz, t, explicit_tz, ctx) < 0)
        return -1;
    floe_buf b = FLOE_BUF_INIT;
    floe_fn_str_begin(out, rows, rows * 20);
    int precision = t->id == FLOE_TYPE_DATETIME64 ? t->precision : 0;
    for (size_t i = 0; i < rows; i++) {
        size_t fl;
        const char *f = floe_column_string_at(args[1], i, &fl);
        if (i == 0 && check_format(f, fl, t) < 0) {
            floe_buf_free(&b);
            return -1;
        }
        floe_local_time lt;
        int64_t frac;
        local_at(&lt, &frac, c, i, tz);
        floe_buf_clear(&b);
        format_row(&b, f, fl, &lt, frac, precision, tz, is_day_type(t) ? 0 : seconds_at(c, i, tz));
        floe_fn_str_push(out, b.data ? b.data : "", b.len);
    }
    floe_buf_free(&b);
    return 0;
}

#define DN FLOE_FUNC_DEFAULT_NULLS
#define CI FLOE_FUNC_CASE_INSENSITIVE

static const floe_scalar_func funcs[] = {
    {"toYear", DN, toYear_resolve, toYear_exec},
    {"YEAR", DN | CI, toYear_resolve, toYear_exec},
    {"toQuarter", DN, toQuarter_resolve, toQuarter_exec},
    {"QUARTER", DN | CI, toQuarter_resolve, toQuarter_exec},
    {"toMonth", DN, toMonth_resolve, toMonth_exec},
    {"MONTH", DN | CI, toMonth_resolve, toMonth_exec},
    {"toDayOfMonth", DN, toDayOfMonth_resolve, toDayOfMonth_exec},
    {"DAY", DN | CI, toDayOfMonth_resolve, toDayOfMonth_exec},
    {"DAYOFMONTH", DN | CI, toDayOfMonth_resolve, toDayOfMonth_exec},
    {"toDayOfWeek", DN, toDayOfWeek_resolve, toDayOfWeek_exec},
    {"DAYOFWEEK", DN | CI, toDayOfWeek_resolve, toDayOfWeek_exec},
    {"toDayOfYear", DN, toDayOfYear_resolve, toDayOfYear_exec},
    {"DAYOFYEAR", DN | CI, toDayOfYear_resolve, toDayOfYear_exec},
    {"toHour", DN, toHour_resolve, toHour_exec},
    {"HOUR", DN | CI, toHour_resolve, toHour_exec},
    {"toMinute", DN, toMinute_resolve, toMinute_exec},
    {"MINUTE", DN | CI, toMinute_resolve, toMinute_exec},
    {"toSecond", DN, toSecond_resolve, toSecond_exec},
    {"SECOND", DN | CI, toSecond_resolve, toSecond_exec},
    {"toYYYYMM", DN, toYYYYMM_resolve, toYYYYMM_exec},
    {"toYYYYMMDD", DN, toYYYYMMDD_resolve, toYYYYMMDD_exec},
    {"toYYYYMMDDhhmmss", DN, toYYYYMMDDhhmmss_resolve, toYYYYMMDDhhmmss_exec},
    {"toMonday", DN, toMonday_resolve, toMonday_exec},
    {"toStartOfMonth", DN, toStartOfMonth_resolve, toStartOfMonth_exec},
    {"toStartOfQuarter", DN, toStartOfQuarter_resolve, toStartOfQuarter_exec},
    {"toStartOfYear", DN, toStartOfYear_resolve, toStartOfYear_exec},
    {"toStartOfDay", DN, toStartOfDay_resolve, toStartOfDay_exec},
    {"toStartOfHour", DN, toStartOfHour_resolve, toStartOfHour_exec},
    {"toStartOfMinute", DN, toStartOfMinute_resolve, toStartOfMinute_exec},
    {"toStartOfFiveMinutes", DN, toStartOfFiveMinutes_resolve, toStartOfFiveMinutes_exec},
    {"toStartOfTenMinutes", DN, toStartOfTenMinutes_resolve, toStartOfTenMinutes_exec},
    {"toStartOfFifteenMinutes", DN, toStartOfFifteenMinutes_resolve, toStartOfFifteenMinutes_exec},
    {"toUnixTimestamp", DN, toUnixTimestamp_resolve, toUnixTimestamp_exec},
    {"toStartOfWeek", DN, toStartOfWeek_resolve, toStartOfWeek_exec},
    {"toWeek", DN, toWeek_resolve, toWeek_exec},
    {"WEEK", DN | CI, toWeek_resolve, toWeek_exec},
    {"toISOWeek", DN, toISOWeek_resolve, toISOWeek_exec},
    {"toISOYear", DN, toISOYear_resolve, toISOYear_exec},
    {"toLastDayOfMonth", DN, toLastDayOfMonth_resolve, toLastDayOfMonth_exec},
    {"LAST_DAY", DN | CI, toLastDayOfMonth_resolve, toLastDayOfMonth_exec},
    {"toRelativeYearNum", DN, toRelativeYearNum_resolve, toRelativeYearNum_exec},
    {"toRelativeMonthNum", DN, toRelativeMonthNum_resolve, toRelativeMonthNum_exec},
    {"toRelativeWeekNum", DN, toRelativeWeekNum_resolve, toRelativeWeekNum_exec},
    {"toRelativeDayNum", DN, toRelativeDayNum_resolve, toRelativeDayNum_exec},
    {"toRelativeHourNum", DN, toRelativeHourNum_resolve, toRelativeHourNum_exec},
    {"toRelativeMinuteNum", DN, toRelativeMinuteNum_resolve, toRelativeMinuteNum_exec},
    {"toRelativeSecondNum", DN, toRelativeSecondNum_resolve, toRelativeSecondNum_exec},
    {"now", FLOE_FUNC_NONDETERMINISTIC | CI, now_resolve, now_exec},
    {"now64", FLOE_FUNC_NONDETERMINISTIC | CI, now64_resolve, now64_exec},
    {"dateTrunc", DN | CI, dateTrunc_resolve, dateTrunc_exec},
    {"toIntervalNanosecond", 0, interval_resolve, interval_exec},
    {"toIntervalMicrosecond", 0, interval_resolve, interval_exec},
    {"toIntervalMillisecond", 0, interval_resolve, interval_exec},
    {"toIntervalSecond", 0, interval_resolve, interval_exec},
    {"toIntervalMinute", 0, interval_resolve, interval_exec},
    {"toIntervalHour", 0, interval_resolve, interval_exec},
    {"toIntervalDay", 0, interval_resolve, interval_exec},
    {"toIntervalWeek", 0, interval_resolve, interval_exec},
    {"toIntervalMonth", 0, interval_resolve, interval_exec},
    {"toIntervalQuarter", 0, interval_resolve, interval_exec},
    {"toIntervalYear", 0, interval_resolve, interval_exec},
    {"toUnixTimestamp64Second", DN, toUnixTimestamp64Second_resolve, toUnixTimestamp64Second_exec},
    {"toUnixTimestamp64Milli", DN, toUnixTimestamp64Milli_resolve, toUnixTimestamp64Milli_exec},
    {"toUnixTimestamp64Micro", DN, toUnixTimestamp64Micro_resolve, toUnixTimestamp64Micro_exec},
    {"toUnixTimestamp64Nano", DN, toUnixTimestamp64Nano_resolve, toUnixTimestamp64Nano_exec},
    {"fromUnixTimestamp64Second", DN, fromUnixTimestamp64Second_resolve, ts64_from_exec},
    {"fromUnixTimestamp64Milli", DN, fromUnixTimestamp64Milli_resolve, ts64_from_exec},
    {"fromUnixTimestamp64Micro", DN, fromUnixTimestamp64Micro_resolve, ts64_from_exec},
    {"fromUnixTimestamp64Nano", DN, fromUnixTimestamp64Nano_resolve, ts64_from_exec},
    {"date_trunc", DN | CI, dateTrunc_resolve, dateTrunc_exec},
    {"today", FLOE_FUNC_NONDETERMINISTIC | CI, today_resolve, today_exec},
    {"yesterday", FLOE_FUNC_NONDETERMINISTIC, yesterday_resolve, yesterday_exec},
    {"toTimeZone", DN, toTimeZone_resolve, toTimeZone_exec},
    {"dateDiff", DN | CI, dateDiff_resolve, dateDiff_exec},
    {"date_diff", DN | CI, dateDiff_resolve, dateDiff_exec},
    {"formatDateTime", DN, formatDateTime_resolve, formatDateTime_exec},
    {"DATE_FORMAT", DN | CI, formatDateTime_resolve, formatDateTime_exec},
    {"addSeconds", DN, addSeconds_resolve, addSeconds_exec},
    {"addMinutes", DN, addMinutes_resolve, addMinutes_exec},
    {"addHours", DN, addHours_resolve, addHours_exec},
    {"addDays", DN, addDays_resolve, addDays_exec},
    {"addWeeks", DN, addWeeks_resolve, addWeeks_exec},
    {"addMonths", DN, addMonths_resolve, addMonths_exec},
    {"addQuarters", DN, addQuarters_resolve, addQuarters_exec},
    {"addYears", DN, addYears_resolve, addYears_exec},
    {"subtractSeconds", DN, subtractSeconds_resolve, subtractSeconds_exec},
    {"subtractMinutes", DN, subtractMinutes_resolve, subtractMinutes_exec},
    {"subtractHours", DN, subtractHours_resolve, subtractHours_exec},
    {"subtractDays", DN, subtractDays_resolve, subtractDays_exec},
    {"subtractWeeks", DN, subtractWeeks_resolve, subtractWeeks_exec},
    {"subtractMonths", DN, subtractMonths_resolve, subtractMonths_exec},
    {"subtractQuarters", DN, subtractQuarters_resolve, subtractQuarters_exec},
    {"subtractYears", DN, subtractYears_resolve, subtractYears_exec},
};

void floe_register_datetime(void)
{
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++)
        floe_func_register(&funcs[i]);
}
