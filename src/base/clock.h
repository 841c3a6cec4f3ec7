/*
 * Clocks: a monotonic one for durations, the wall clock for timestamps.
 */
#ifndef FLOE_BASE_CLOCK_H
#define FLOE_BASE_CLOCK_H

#include <stdint.h>

/* Seconds on the monotonic clock (for measuring how long something took). */
double floe_clock_seconds(void);
/* Microseconds since the epoch on the wall clock. */
int64_t floe_clock_realtime_us(void);

#endif
