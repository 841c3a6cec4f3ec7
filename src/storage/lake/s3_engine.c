/*
 * ENGINE = S3(url | named_collection, [access_key_id, secret_access_key |
 * NOSIGN], format, [compression], [partition_strategy],
 * [partition_columns_in_data_file]) or with key = value arguments. The
 * work is shared with AzureBlobStorage in lake_common.c.
 */
#include "storage/lake/lake_common.h"

int floe_s3_engine_init(floe_table *t, const floe_ast *engine)
{
    (void)engine;
    return floe_lake_engine_init(t, false);
}
