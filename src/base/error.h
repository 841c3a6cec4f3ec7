/*
 * The error model. A function that can fail returns int (0 ok, <0 failure)
 * and records the ClickHouse code and message in this thread's error slot;
 * the caller either handles it or returns its own negative status, and the
 * slot travels up to the user unchanged.
 */
#ifndef FLOE_BASE_ERROR_H
#define FLOE_BASE_ERROR_H

#include <stddef.h>

#include "base/errcodes.h"

/* Records code and a printf-style message in this thread's slot (replacing
 * what was there) and returns -1, so a failure reads `return floe_error(...)`.
 * The message carries no trailing period and no code: floe_error_format adds
 * them as ClickHouse prints them. */
int floe_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prefixes the current message with printf-style context followed by ": "
 * (like ClickHouse's addMessage), keeping the code. Returns -1. */
int floe_error_prefix(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The code in this thread's slot, 0 when no error was recorded. */
int floe_error_code(void);
/* The message in this thread's slot ("" when none). Valid until the next error. */
const char *floe_error_message(void);
/* ClickHouse's name for a code ("UNKNOWN_TABLE"); "UNKNOWN_EXCEPTION" if unknown. */
const char *floe_errcode_name(int code);
void floe_error_clear(void);

/* Writes "Code: N. DB::Exception: message. (NAME)" into out (NUL-terminated,
 * truncated to size). */
void floe_error_format(char *out, size_t size);

#endif
