/*
 * ENGINE = AzureBlobStorage(connection_string | storage_account_url,
 * container, blobpath, [account_name, account_key], format, [compression],
 * [partition_strategy], [partition_columns_in_data_file]) or key = value
 * arguments / a named collection. The work is shared with S3 in
 * lake_common.c.
 */
#include "storage/lake/lake_common.h"

int floe_azure_engine_init(floe_table *t, const floe_ast *engine)
{
    (void)engine;
    return floe_lake_engine_init(t, true);
}
