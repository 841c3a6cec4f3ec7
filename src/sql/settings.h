/*
 * Query settings: ClickHouse's registry of settings (name, type, default,
 * description; generated from system.settings into settings_list.h) and
 * floe_settings, one session's values, copied per query. Setting a value
 * checks and converts it as ClickHouse does (UNKNOWN_SETTING with a
 * "Maybe you meant" hint, CANNOT_CONVERT_TYPE, CANNOT_PARSE_BOOL, ...).
 */
#ifndef FLOE_SQL_SETTINGS_H
#define FLOE_SQL_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sql/ast.h"
#include "types/value.h"

/* How a setting's value is stored. ClickHouse types map as: UInt64,
 * NonZeroUInt64, Milliseconds, MaxThreads, UInt64Auto -> U64 (MaxThreads and
 * UInt64Auto store 'auto' as 0); Int64, Int32 -> I64; Float -> F32 (kept in
 * a double, rounded to float as ClickHouse stores it); Double, Seconds ->
 * F64; Bool -> BOOL; Char, String and every other type (enums, Map,
 * Timezone, ...) -> STRING, kept as text without checking the enum's values. */
typedef enum floe_setting_kind {
    FLOE_SETTING_U64,
    FLOE_SETTING_I64,
    FLOE_SETTING_F32,
    FLOE_SETTING_F64,
    FLOE_SETTING_BOOL,
    FLOE_SETTING_STRING,
} floe_setting_kind;

typedef struct floe_setting_info {
    const char *name;
    const char *type;         /* ClickHouse's type name ("UInt64", "MaxThreads") */
    const char *default_text; /* system.settings.default */
    const char *description;
    const char *alias_for; /* "" unless the name is an alias of another setting */
    floe_setting_kind kind;
} floe_setting_info;

/* The registry, sorted by name. Static data, never freed. */
size_t floe_settings_count(void);
const floe_setting_info *floe_settings_info(size_t index);
/* Index of name (aliases resolve to their target); -1 with UNKNOWN_SETTING
 * ("Unknown setting 'x': Maybe you meant ['y']") when there is none. */
int floe_settings_find(size_t *index, const char *name);

/*
 * One set of values. Starts at the defaults; copy it for a query with
 * floe_settings_copy. Owned by the caller, freed with floe_settings_free;
 * strings returned by getters live until the value changes or the object
 * is freed.
 */
typedef struct floe_settings floe_settings;

floe_settings *floe_settings_new(void);
floe_settings *floe_settings_copy(const floe_settings *s);
void floe_settings_free(floe_settings *s);

/* Sets from text, as `SET name = 'text'` does. */
int floe_settings_set(floe_settings *s, const char *name, const char *text);
/* Sets from a literal value (UInt64/Int64/Float64/Bool/String/NULL). */
int floe_settings_set_value(floe_settings *s, const char *name, const floe_value *v);
/* Applies SET / SETTINGS items from the parser: literals (with a folded or
 * written minus), DEFAULT (reset), and arrays/tuples/maps as their text. */
int floe_settings_apply(floe_settings *s, const floe_ast_setting *items, size_t n);
/* Back to the default; changed becomes false. */
int floe_settings_reset(floe_settings *s, const char *name);

/* Getters by name; the name must be a known setting (an unknown one is a
 * programming error and aborts). Each converts from the stored kind where it
 * makes sense (a BOOL read as u64 is 0/1). */
uint64_t floe_settings_u64(const floe_settings *s, const char *name);
int64_t floe_settings_i64(const floe_settings *s, const char *name);
double floe_settings_f64(const floe_settings *s, const char *name);
bool floe_settings_bool(const floe_settings *s, const char *name);
const char *floe_settings_str(const floe_settings *s, const char *name);
bool floe_settings_changed(const floe_settings *s, const char *name);

/* For system.settings, by registry index: the value as text (ClickHouse's
 * `value` column) and whether it differs from the default. */
void floe_settings_value_text(floe_buf *out, const floe_settings *s, size_t index);
bool floe_settings_changed_at(const floe_settings *s, size_t index);

#endif
