// FLOE_UNIT_DEPS: base types
/*
 * Calendar and time zones: civil dates against day numbers, zones read from
 * the tz database with their DST changes (past, present and rule-extended
 * future), local times in gaps and overlaps resolved as ClickHouse resolves
 * them. Expected values from chref (toUnixTimestamp, toString,
 * timezoneOffset, toStartOfDay in the zone).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "base/error.h"
#include "types/datetime.h"

static void test_calendar(void **state)
{
    (void)state;
    assert_int_equal(floe_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(floe_days_from_civil(1900, 1, 1), FLOE_DATE32_MIN_DAY);
    assert_int_equal(floe_days_from_civil(2299, 12, 31), FLOE_DATE32_MAX_DAY);
    assert_int_equal(floe_days_from_civil(2149, 6, 6), FLOE_DATE_MAX_DAY);
    assert_int_equal(floe_days_from_civil(2020, 1, 2), 18263);
    /* Every day of 1600..2400 converts both ways. */
    int32_t day = floe_days_from_civil(1600, 1, 1);
    for (int y = 1600; y < 2400; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= floe_days_in_month(y, m); d++, day++) {
                int yy, mm, dd;
                assert_int_equal(floe_days_from_civil(y, m, d), day);
                floe_civil_from_days(&yy, &mm, &dd, day);
                if (yy != y || mm != m || dd != d)
                    fail_msg("day %d: %d-%d-%d, want %d-%d-%d", day, yy, mm, dd, y, m, d);
            }
    assert_true(floe_is_leap_year(2000));
    assert_false(floe_is_leap_year(1900));
    assert_true(floe_is_leap_year(2024));
    assert_int_equal(floe_days_in_month(2023, 2), 28);
    assert_true(floe_civil_valid(2020, 2, 29));
    assert_false(floe_civil_valid(2021, 2, 29));
    assert_false(floe_civil_valid(2021, 13, 1));

    /* chref: toDayOfWeek(toDate('2020-01-05')) = 7, toDayOfYear('2020-12-31')
     * = 366, toMonday = 2019-12-30, toStartOfQuarter('2020-08-15') =
     * 2020-07-01, toStartOfYear = 2020-01-01, toStartOfMonth = 2020-08-01 */
    int32_t d = floe_days_from_civil(2020, 1, 5);
    assert_int_equal(floe_day_of_week(d), 7);
    assert_int_equal(floe_day_of_week(0), 4);
    assert_int_equal(floe_day_of_week(-1), 3);
    assert_int_equal(floe_day_of_year(floe_days_from_civil(2020, 12, 31)), 366);
    assert_int_equal(floe_day_monday(d), floe_days_from_civil(2019, 12, 30));
    int32_t aug = floe_days_from_civil(2020, 8, 15);
    assert_int_equal(floe_day_start_of_quarter(aug), floe_days_from_civil(2020, 7, 1));
    assert_int_equal(floe_day_start_of_year(aug), floe_days_from_civil(2020, 1, 1));
    assert_int_equal(floe_day_start_of_month(aug), floe_days_from_civil(2020, 8, 1));
}

static const floe_tz *zone(const char *name)
{
    const floe_tz *tz = NULL;
    if (floe_tz_get(&tz, name) != 0)
        fail_msg("zone %s: %s", name, floe_error_message());
    return tz;
}

static void check_local(const char *zname, int64_t t, const char *want)
{
    floe_local_time lt;
    floe_tz_local(&lt, zone(zname), t);
    char got[32];
    snprintf(got, sizeof got, "%04d-%02d-%02d %02d:%02d:%02d", lt.year, lt.month, lt.day, lt.hour,
             lt.minute, lt.second);
    if (strcmp(got, want) != 0)
        fail_msg("%s %lld: got %s, want %s", zname, (long long)t, got, want);
}

static int64_t make(const char *zname, int y, int mo, int d, int h, int mi, int s)
{
    return floe_tz_make(zone(zname), floe_days_from_civil(y, mo, d), h * 3600 + mi * 60 + s);
}

static void test_zones(void **state)
{
    (void)state;
    /* chref: toDateTime(1700000000, zone) */
    check_local("UTC", 1700000000, "2023-11-14 22:13:20");
    check_local("EST5EDT", 1700000000, "2023-11-14 17:13:20");
    check_local("Europe/Moscow", 1700000000, "2023-11-15 01:13:20");
    check_local("America/New_York", 1700000000, "2023-11-14 17:13:20");
    check_local("Asia/Kolkata", 1700000000, "2023-11-15 03:43:20");
    check_local("Australia/Lord_Howe", 1700000000, "2023-11-15 09:13:20");
    check_local("Asia/Kathmandu", 1700000000, "2023-11-15 03:58:20");
    check_local("America/Sao_Paulo", 1700000000, "2023-11-14 19:13:20");
    check_local("Australia/Sydney", 1700000000, "2023-11-15 09:13:20");
    check_local("Fixed/UTC+03:00:00", 1700000000, "2023-11-15 01:13:20");

    /* Local midnight of 1900-01-01 and noon of 2200-07-01 and 2299-12-31
     * (chref: toUnixTimestamp64Second(toDateTime64(text, 0, zone))): local mean
     * time before standard zones, DST from the footer rule after 2037. */
    assert_int_equal(make("Europe/Moscow", 1900, 1, 1, 0, 0, 0), -2208997817LL);
    assert_int_equal(make("Asia/Kolkata", 1900, 1, 1, 0, 0, 0), -2209008070LL);
    assert_int_equal(make("America/New_York", 1900, 1, 1, 0, 0, 0), -2208970800LL);
    assert_int_equal(make("America/Sao_Paulo", 1900, 1, 1, 0, 0, 0), -2208977612LL);
    assert_int_equal(make("America/New_York", 2200, 7, 1, 12, 0, 0), 7273814400LL);
    assert_int_equal(make("America/New_York", 2200, 1, 1, 12, 0, 0), 7258179600LL);
    assert_int_equal(make("Australia/Lord_Howe", 2200, 7, 1, 12, 0, 0), 7273762200LL);
    assert_int_equal(make("Asia/Kathmandu", 2299, 12, 31, 23, 59, 59), 10413771299LL);
    assert_int_equal(make("UTC", 2299, 12, 31, 23, 59, 59), 10413791999LL);
    check_local("Europe/Moscow", -2208997817LL, "1900-01-01 00:00:00");

    /* Outside ClickHouse's table (1900-01-01 .. 2300-01-01) zones answer as
     * cctz: history before 1900 (Kolkata was on Madras time in 1888), the
     * footer rule after 2300 (chref: toString(toDateTime64(t, 0, zone)) and
     * toUnixTimestamp64Second(toDateTime64(text, 0, zone))). */
    check_local("Asia/Kolkata", -2581280610LL, "1888-03-15 06:57:40");
    check_local("Europe/Berlin", -30000000000LL, "1019-05-04 19:33:28");
    check_local("Europe/Berlin", 10414000000LL, "2300-01-03 10:46:40");
    check_local("Europe/Berlin", 10430000000LL, "2300-07-07 16:13:20");
    check_local("Europe/Berlin", 12000000000LL, "2350-04-07 23:20:00");
    assert_int_equal(make("Europe/Berlin", 1000, 1, 1, 0, 0, 0), -30610227208LL);
    assert_int_equal(make("Europe/Berlin", 2500, 6, 1, 12, 0, 0), 16738308000LL);
    assert_int_equal(make("Europe/Berlin", 2400, 6, 1, 12, 0, 0), 13582634400LL);
    /* a repeated hour past the table takes the later instant there */
    assert_int_equal(make("Europe/Berlin", 2300, 10, 28, 2, 53, 20), 10439718800LL);

    /* chref: timezoneOffset */
    assert_int_equal(floe_tz_offset(zone("Europe/Berlin"), make("UTC", 2021, 7, 1, 0, 0, 0) - 7200),
                     7200);
    assert_int_equal(floe_tz_offset(zone("Australia/Lord_Howe"), 1609459200 - 39600), 39600);
    assert_int_equal(floe_tz_offset(zone("Australia/Lord_Howe"), 1625097600 - 37800), 37800);
    assert_int_equal(floe_tz_offset(zone("UTC"), 12345), 0);

    /* The same zone object every time. */
    assert_ptr_equal(zone("Europe/Berlin"), zone("Europe/Berlin"));
    assert_ptr_equal(zone(""), floe_tz_utc());
    assert_string_equal(floe_tz_name(zone("Asia/Kolkata")), "Asia/Kolkata");
}

/* Europe/Berlin: 2021-03-28 02:00 -> 03:00 and 2021-10-31 03:00 -> 02:00.
 * chref: toUnixTimestamp(toDateTime(text, 'Europe/Berlin')) */
static void test_dst(void **state)
{
    (void)state;
    const char *b = "Europe/Berlin";
    /* a time in the gap counts on from before it */
    assert_int_equal(make(b, 2021, 3, 28, 2, 30, 0), 1616891400LL);
    assert_int_equal(make(b, 2021, 3, 28, 3, 0, 0), 1616893200LL);
    assert_int_equal(make(b, 2021, 3, 28, 1, 59, 59), 1616893199LL);
    /* a repeated time takes the first instant */
    assert_int_equal(make(b, 2021, 10, 31, 2, 30, 0), 1635640200LL);
    assert_int_equal(make(b, 2021, 10, 31, 1, 59, 59), 1635638399LL);
    assert_int_equal(make(b, 2021, 10, 31, 3, 0, 0), 1635645600LL);
    assert_int_equal(make(b, 2021, 10, 31, 2, 0, 0), 1635638400LL);
    /* both instants of 02:30 print as 02:30 */
    check_local(b, 1635640200LL, "2021-10-31 02:30:00");
    check_local(b, 1635643800LL, "2021-10-31 02:30:00");
    check_local(b, 1616893199LL, "2021-03-28 01:59:59");
    check_local(b, 1616893200LL, "2021-03-28 03:00:00");
    /* toStartOfDay on both change days */
    const floe_tz *tz = zone(b);
    assert_int_equal(floe_tz_day_start(tz, floe_tz_day(tz, 1616932800LL)), 1616886000LL);
    assert_int_equal(floe_tz_day_start(tz, floe_tz_day(tz, 1635678000LL)), 1635631200LL);
    int32_t day;
    assert_int_equal(floe_tz_time_of_day(tz, 1635643800LL, &day), 2 * 3600 + 30 * 60);
    assert_int_equal(day, floe_days_from_civil(2021, 10, 31));

    floe_local_time lt;
    floe_tz_local(&lt, tz, 1635643800LL);
    assert_int_equal(lt.day_of_week, 7);
    assert_int_equal(lt.day_of_year, 304);
    assert_int_equal(lt.day_num, day);
}

/* Every half hour through a year in a few zones: local -> UTC -> local is
 * the identity outside the changes. */
static void test_consistency(void **state)
{
    (void)state;
    const char *names[] = {"Europe/London", "America/Santiago", "Asia/Tehran", "Pacific/Chatham",
                           "Australia/Adelaide"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        const floe_tz *tz = zone(names[k]);
        for (int64_t t = 1609459200; t < 1609459200 + 366 * 86400; t += 1800) {
            int32_t day;
            int32_t s = floe_tz_time_of_day(tz, t, &day);
            int64_t back = floe_tz_make(tz, day, s);
            int32_t off = floe_tz_offset(tz, t);
            /* the instant comes back unless its wall time occurs twice */
            if (back != t && floe_tz_offset(tz, back) == off)
                fail_msg("%s %lld -> %lld", names[k], (long long)t, (long long)back);
        }
    }
}

static int64_t best_effort(const char *text, bool us, size_t *used)
{
    floe_datetime_text dt;
    char why[128];
    if (floe_datetime_best_effort(&dt, used, text, strlen(text), floe_tz_utc(), us, true, why,
                                  sizeof why) != 0)
        fail_msg("%s: %s", text, why);
    return dt.seconds;
}

/* chref: parseDateTimeBestEffortUS('02/01/2020', 'UTC') = 2020-02-01,
 * parseDateTimeBestEffort('02/01/2020', 'UTC') = 2020-01-02,
 * parseDateTimeBestEffortUS('12/31/2020 11:00 PM', 'UTC') = 2020-12-31 23:00:00 */
static void test_best_effort(void **state)
{
    (void)state;
    size_t used;
    assert_int_equal(best_effort("02/01/2020", true, &used), 1580515200LL);
    assert_int_equal(used, 10);
    assert_int_equal(best_effort("02/01/2020", false, &used), 1577923200LL);
    assert_int_equal(best_effort("12/31/2020 11:00 PM", true, &used), 1609455600LL);
    /* Reading stops where the text stops looking like a date-time. */
    assert_int_equal(best_effort("2020-01-02 03:04:05;x", false, &used), 1577934245LL);
    assert_int_equal(used, 19);
    /* A unix timestamp with a fraction. */
    floe_datetime_text dt;
    char why[128];
    assert_int_equal(floe_datetime_best_effort(&dt, &used, "1577934245.25", 13, floe_tz_utc(),
                                               false, true, why, sizeof why),
                     0);
    assert_int_equal(dt.seconds, 1577934245LL);
    assert_int_equal(dt.fraction, 25);
    assert_int_equal(dt.fraction_digits, 2);
    /* No year: this year, unless the day is still to come. */
    int32_t today = floe_tz_day(floe_tz_utc(), (int64_t)time(NULL));
    int y, m, d;
    floe_civil_from_days(&y, &m, &d, today);
    assert_int_equal(best_effort("Jan 1", false, &used),
                     (int64_t)floe_days_from_civil(y, 1, 1) * 86400);
    int64_t dec31 = best_effort("Dec 31 10:00:00", false, &used);
    int32_t want = floe_days_from_civil(m == 12 && d == 31 ? y : y - 1, 12, 31);
    assert_int_equal(dec31, (int64_t)want * 86400 + 36000);
    /* Failures say why, as ClickHouse does. */
    assert_int_equal(
        floe_datetime_best_effort(&dt, &used, "x", 1, floe_tz_utc(), false, false, why, sizeof why),
        -1);
    assert_string_equal(why, "unexpected alphabetical character");
}

static void test_unknown_zone(void **state)
{
    (void)state;
    const floe_tz *tz;
    /* chref: SELECT toDateTime(0, 'Nowhere/Foo') */
    assert_int_not_equal(floe_tz_get(&tz, "Nowhere/Foo"), 0);
    assert_int_equal(floe_error_code(), FLOE_ERR_BAD_ARGUMENTS);
    assert_string_equal(floe_error_message(), "Cannot load time zone Nowhere/Foo");
    assert_int_not_equal(floe_tz_get(&tz, "../etc/passwd"), 0);
    assert_int_not_equal(floe_tz_get(&tz, "/etc/passwd"), 0);
    assert_int_not_equal(floe_tz_get(&tz, "utc"), 0);
    assert_int_not_equal(floe_tz_get(&tz, "Europe/Berlin/"), 0);
    assert_int_not_equal(floe_tz_get(&tz, "+03:00"), 0);
    assert_int_not_equal(floe_tz_get(&tz, "Europe"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendar),     cmocka_unit_test(test_zones),
        cmocka_unit_test(test_dst),          cmocka_unit_test(test_consistency),
        cmocka_unit_test(test_unknown_zone), cmocka_unit_test(test_best_effort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
