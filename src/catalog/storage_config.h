/*
 * The data directory's configuration file, in ClickHouse's XML shape:
 * <clickhouse><storage_configuration> declares disks and storage policies
 * (storage/mergetree/disks.h); settings may be given at the top level or
 * under <profiles><default>. Elements floe does not know are ignored, so
 * a ClickHouse server's config.xml can be given as it is.
 */
#ifndef FLOE_CATALOG_STORAGE_CONFIG_H
#define FLOE_CATALOG_STORAGE_CONFIG_H

#include <stddef.h>

#include "storage/mergetree/disks.h"

/* Reads the configuration text xml[0..len) (NULL: none) for the data
 * directory root into *out (finished; floe_storage_config_free). what names
 * the source in error messages. Errors: CANNOT_PARSE_XML... as BAD_ARGUMENTS,
 * UNKNOWN_ELEMENT_IN_CONFIG, NO_ELEMENTS_IN_CONFIG, UNKNOWN_DISK. */
int floe_storage_config_parse(floe_storage_config **out, const char *xml, size_t len,
                              const char *root, const char *what);
/* floe_storage_config_parse of a file. Errors: FILE_DOESNT_EXIST, and the
 * above. */
int floe_storage_config_load(floe_storage_config **out, const char *path, const char *root);

/* The whole configuration: storage as above, and into settings (not NULL)
 * the settings it gives, as top-level elements (server settings such as
 * background_export_pool_size, max_exports_bandwidth_for_server) or under
 * <profiles><default>. Errors as above, and a setting's bad value. */
struct floe_settings;
int floe_config_parse(floe_storage_config **out, struct floe_settings *settings, const char *xml,
                      size_t len, const char *root, const char *what);
int floe_config_load(floe_storage_config **out, struct floe_settings *settings, const char *path,
                     const char *root);

#endif
