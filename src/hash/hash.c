/*
 * The byte and text forms of floe_uint128, shared by CityHash checksums
 * (16 bytes on disk) and SipHash partition IDs (32 hex digits).
 */
#include <string.h>

#include "hash/hash.h"

void floe_uint128_store(unsigned char out[16], floe_uint128 v)
{
    for (int i = 0; i < 8; i++) {
        out[i] = (unsigned char)(v.low >> (8 * i));
        out[8 + i] = (unsigned char)(v.high >> (8 * i));
    }
}

floe_uint128 floe_uint128_load(const unsigned char in[16])
{
    floe_uint128 v = {0, 0};
    for (int i = 0; i < 8; i++) {
        v.low |= (uint64_t)in[i] << (8 * i);
        v.high |= (uint64_t)in[8 + i] << (8 * i);
    }
    return v;
}

void floe_uint128_hex(char out[33], floe_uint128 v)
{
    static const char digits[] = "0123456789abcdef";
    unsigned char b[16];
    floe_uint128_store(b, v);
    for (int i = 0; i < 16; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[32] = '\0';
}
