/*
 * The per-thread error slot behind error.h. Messages are formatted once, at
 * the point of failure; nothing here allocates.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"

#define FLOE_ERROR_MAX 4096

static _Thread_local int err_code;
static _Thread_local char err_msg[FLOE_ERROR_MAX];

int floe_error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err_msg, sizeof err_msg, fmt, ap);
    va_end(ap);
    err_code = code;
    return -1;
}

int floe_error_prefix(const char *fmt, ...)
{
    char head[1024];
    char old[FLOE_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    memcpy(old, err_msg, sizeof old);
    size_t hl = strnlen(head, sizeof head - 1);
    memcpy(err_msg, head, hl);
    memcpy(err_msg + hl, ": ", 2);
    size_t room = sizeof err_msg - hl - 3;
    size_t ol = strnlen(old, room);
    memcpy(err_msg + hl + 2, old, ol);
    err_msg[hl + 2 + ol] = '\0';
    return -1;
}

int floe_error_code(void)
{
    return err_code;
}

const char *floe_error_message(void)
{
    return err_msg;
}

void floe_error_clear(void)
{
    err_code = 0;
    err_msg[0] = '\0';
}

const char *floe_errcode_name(int code)
{
    switch (code) {
#define FLOE_ERRCODE_CASE(num, name)                                                               \
    case num:                                                                                      \
        return #name;
        FLOE_ERRCODES(FLOE_ERRCODE_CASE)
#undef FLOE_ERRCODE_CASE
    default:
        return "UNKNOWN_EXCEPTION";
    }
}

void floe_error_format(char *out, size_t size)
{
    size_t n = strlen(err_msg);
    const char *dot = (n > 0 && err_msg[n - 1] == '.') ? "" : ".";
    snprintf(out, size, "Code: %d. DB::Exception: %s%s (%s)", err_code, err_msg, dot,
             floe_errcode_name(err_code));
}
