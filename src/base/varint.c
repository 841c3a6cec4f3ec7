/*
 * The error paths of varint.h, kept out of line so the inline encoders and
 * decoders stay small in the loops that call them.
 */
#include <inttypes.h>
#include <stddef.h>

#include "base/error.h"
#include "base/varint.h"

int floe_varint_eof_error(void)
{
    return floe_error(FLOE_ERR_ATTEMPT_TO_READ_AFTER_EOF, "Attempt to read after eof");
}

int floe_varint_overlong_error(void)
{
    return floe_error(FLOE_ERR_INCORRECT_DATA, "Variable-length integer is longer than 64 bits");
}

int floe_varint_too_large_error(uint64_t x)
{
    return floe_error(FLOE_ERR_BAD_ARGUMENTS, "Value %" PRIu64 " is too large for VarInt encoding",
                      x);
}
