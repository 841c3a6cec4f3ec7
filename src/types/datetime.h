/*
 * Calendar and time-zone arithmetic, with ClickHouse's rules. Day numbers
 * count days since 1970-01-01 in the proleptic Gregorian calendar (negative
 * before it); timestamps are seconds since the epoch (UTC). Zones come from
 * the system tz database (TZif files under $TZDIR or /usr/share/zoneinfo)
 * and behave as ClickHouse's DateLUT does: one table entry per local day
 * from 1900-01-01 to 2300-01-01, at most one offset change per day, local
 * times in a gap or an overlap resolved the way ClickHouse resolves them;
 * outside that range, as cctz does (the zone's history, then its rule).
 */
#ifndef FLOE_TYPES_DATETIME_H
#define FLOE_TYPES_DATETIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The ranges of the types, as day numbers and timestamps. */
#define FLOE_DATE_MAX_DAY   65535        /* Date: 1970-01-01 .. 2149-06-06 */
#define FLOE_DATE32_MIN_DAY (-25567)     /* Date32: 1900-01-01 */
#define FLOE_DATE32_MAX_DAY 120529       /* Date32: 2299-12-31 */
#define FLOE_DATETIME_MAX   4294967295LL /* DateTime: 2106-02-07 06:28:15 UTC */

/* ---- calendar (no zone) ---- */

bool floe_is_leap_year(int year);
int floe_days_in_month(int year, int month); /* month 1..12 */
/* Day number of a civil date; month and day are not checked (day 0 or 32
 * count on from the month's start, as the formula gives). */
int32_t floe_days_from_civil(int year, int month, int day);
void floe_civil_from_days(int *year, int *month, int *day, int32_t days);
/* True for a real date (month 1..12, day within the month). */
bool floe_civil_valid(int year, int month, int day);
int floe_day_of_week(int32_t days); /* 1 = Monday .. 7 = Sunday */
int floe_day_of_year(int32_t days); /* 1 .. 366 */

/* First day of the month, quarter, year, and the Monday starting the ISO
 * week, of a day number. */
int32_t floe_day_start_of_month(int32_t days);
int32_t floe_day_start_of_quarter(int32_t days);
int32_t floe_day_start_of_year(int32_t days);
int32_t floe_day_monday(int32_t days);

/* ---- time zones ---- */

typedef struct floe_tz floe_tz;

/* The zone called name (an IANA name such as "Europe/Berlin", "UTC",
 * "EST5EDT", or cctz's "Fixed/UTC+03:00:00"). Zones are loaded once and
 * cached for the life of the process (thread-safe); the pointer is never
 * freed. name NULL or "" is UTC. Error: BAD_ARGUMENTS
 * "Cannot load time zone <name>". */
int floe_tz_get(const floe_tz **out, const char *name);
/* The UTC zone (never fails). */
const floe_tz *floe_tz_utc(void);
/* The name the zone was loaded under. */
const char *floe_tz_name(const floe_tz *tz);

/* A timestamp's fields in a zone. */
typedef struct floe_local_time {
    int32_t day_num; /* the local date as a day number */
    int year, month, day;
    int hour, minute, second;
    int day_of_week; /* 1 = Monday .. 7 = Sunday */
    int day_of_year; /* 1 .. 366 */
} floe_local_time;

void floe_tz_local(floe_local_time *out, const floe_tz *tz, int64_t t);
/* The local date of t (toDate). */
int32_t floe_tz_day(const floe_tz *tz, int64_t t);
/* The wall-clock seconds since local midnight of t (0 .. 86399, as
 * ClickHouse's toHour/toMinute/toSecond see them); *day gets the local date. */
int32_t floe_tz_time_of_day(const floe_tz *tz, int64_t t, int32_t *day);
/* The instant a local day starts (toStartOfDay). */
int64_t floe_tz_day_start(const floe_tz *tz, int32_t day);
/* The instant of a local wall-clock time: seconds_of_day after midnight of
 * day. A time skipped by a forward change counts on from before the change
 * (02:30 on a 02:00->03:00 day is 03:30); a repeated time takes the first
 * (earlier) instant. */
int64_t floe_tz_make(const floe_tz *tz, int32_t day, int32_t seconds_of_day);
/* Local time minus UTC at t, in seconds. */
int32_t floe_tz_offset(const floe_tz *tz, int64_t t);

/* ---- date-time text ---- */

/* A date-time read from text: the instant, and the sub-second digits as
 * written (fraction_digits of them, at most 18). */
typedef struct floe_datetime_text {
    int64_t seconds;
    int64_t fraction;
    int fraction_digits;
} floe_datetime_text;

/* Reads a date-time the way ClickHouse's parseDateTimeBestEffort does: ISO
 * 8601 (2020-01-02T03:04:05.123+01:00), RFC 2822 (Tue, 02 Jan 2020 03:04:05
 * GMT), DD/MM/YYYY (MM/DD/YYYY when us_style), DD Mon YYYY, Mon DD, YYYY,
 * AM/PM, YYYYMMDD[hhmmss], YYYYMM, unix timestamps of 9, 10 or 13 digits
 * (with a .fraction after 9 or 10 only when stamp_fraction: DateTime64); a
 * missing year is this year (or last year for a day still to come), a
 * missing month or day is 1; local times are in tz. Reads as far as it
 * understands and sets *consumed; the caller decides whether what follows
 * is an error. On failure returns -1 and writes ClickHouse's reason (the
 * text after "Cannot read DateTime: ") into why; the thread's error slot is
 * not touched. */
int floe_datetime_best_effort(floe_datetime_text *out, size_t *consumed, const char *p, size_t len,
                              const floe_tz *tz, bool us_style, bool stamp_fraction, char *why,
                              size_t why_size);

#endif
