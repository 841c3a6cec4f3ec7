#!/usr/bin/env bash
# The AzureBlobStorage table engine and the azureBlobStorage() table function
# against Azurite on a loopback port: connection-string and account-URL
# forms, named collections with key = value overrides, hive-partitioned
# INSERT and SELECT with pruning, INSERT INTO FUNCTION, AccountKey and
# account_key masked in SHOW CREATE TABLE. ClickHouse (chDB's
# azureBlobStorage()) reads what floe writes and writes what floe reads.
# Usage: tests/integration/lake_azure.sh [FLOE_BIN]
source "$(dirname "$0")/objstore_lib.bash"
set +e
floe="${1:-${FLOE_BIN:-$root/build/floe}}"
build_cli
install_peers

port=$(free_port)
mkdir -p "$work/az"
start_bg azpid node "$here/node_modules/azurite/dist/src/blob/main.js" --blobHost 127.0.0.1 \
    --blobPort "$port" -l "$work/az" --silent --skipApiVersionCheck --disableTelemetry
wait_port "$port"
account=devstoreaccount1
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
conn="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$port/$account;"
aurl="http://127.0.0.1:$port/$account"
"$cli" --conn "$conn" --container cont create-root || bad "create container"
data="$work/floe"
q() { "$floe" local --path "$data" -q "$1"; }
blobs() { "$cli" --conn "$conn" --container cont list "$1" | awk '{print $1}' | sort; }

# --- engine with a connection string, hive partitions
q "CREATE TABLE az (a Int32, s String, d Date) ENGINE = AzureBlobStorage('$conn', 'cont', 'tbl', 'Parquet') PARTITION BY (s, d)" &&
    ok "CREATE TABLE ... ENGINE = AzureBlobStorage" || bad "CREATE AzureBlobStorage table"
q "INSERT INTO az VALUES (1, 'p', '2024-05-01'), (2, 'q', '2024-05-02'), (3, 'p', '2024-05-01')" && ok "INSERT" || bad "INSERT"
names=$(blobs tbl/)
expect "one blob per partition" "2" "$(echo "$names" | wc -l)"
expect "blobs named <root>/<key>=<value>/<snowflake id>.parquet" "" \
    "$(echo "$names" | grep -Ev '^tbl/s=[pq]/d=2024-05-0[12]/[0-9]{19}\.parquet$')"
want=$(printf '1\tp\t2024-05-01\n2\tq\t2024-05-02\n3\tp\t2024-05-01')
expect "SELECT reads every blob" "$want" "$(q "SELECT * FROM az ORDER BY a")"
expect "ClickHouse reads the blobs (hive columns)" "$want" \
    "$(chdb "SELECT a, s, d FROM azureBlobStorage('$conn', 'cont', 'tbl/**.parquet', 'Parquet') ORDER BY a")"
expect "_path and _file as ClickHouse shows them" \
    "$(chdb "SELECT a, _path, _file FROM azureBlobStorage('$conn', 'cont', 'tbl/**.parquet', 'Parquet') ORDER BY a")" \
    "$(q "SELECT a, _path, _file FROM az ORDER BY a")"
expect "SHOW CREATE TABLE hides AccountKey" \
    "CREATE TABLE default.az\n(\n    \`a\` Int32,\n    \`s\` String,\n    \`d\` Date\n)\nENGINE = AzureBlobStorage(\\'DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=[HIDDEN];BlobEndpoint=$aurl;\\', \\'cont\\', \\'tbl\\', \\'Parquet\\')\nPARTITION BY (s, d)" \
    "$(q "SHOW CREATE TABLE az")"

# --- pruning
printf 'junk' >"$work/junk"
"$cli" --conn "$conn" --container cont put "tbl/s=z/d=2024-05-03/junk.parquet" "$work/junk" >/dev/null
expect "WHERE on a partition column skips the broken partition" "$(printf '2\tq')" "$(q "SELECT a, s FROM az WHERE s = 'q'")"
expect_error "a full scan reads it (and fails)" "INCORRECT_DATA" q "SELECT count() FROM az"
"$cli" --conn "$conn" --container cont del "tbl/s=z/d=2024-05-03/junk.parquet" >/dev/null

# --- account URL with account_name and account_key
q "CREATE TABLE az2 (a Int32, s String, d Date) ENGINE = AzureBlobStorage('$aurl', 'cont', 'tbl', '$account', '$key', 'Parquet') PARTITION BY (s, d)" &&
    expect "the storage-account-URL form reads the same blobs" "3" "$(q "SELECT count() FROM az2")" ||
    bad "AzureBlobStorage(url, container, path, account_name, account_key, format)"
expect "SHOW CREATE TABLE hides account_key" "0" "$(q "SHOW CREATE TABLE az2" | grep -c "$key")"
expect "and shows [HIDDEN] in its place" "1" "$(q "SHOW CREATE TABLE az2" | grep -c "\\\\'$account\\\\', \\\\'\[HIDDEN\]\\\\'")"

# --- named collection
q "CREATE NAMED COLLECTION azc AS connection_string = '$conn', container = 'cont'" && ok "CREATE NAMED COLLECTION (Azure)" || bad "named collection"
expect "no secret in system.named_collections" "0" "$(q "SELECT * FROM system.named_collections" | grep -c "$key")"
q "CREATE TABLE az3 (a UInt64, k UInt8) ENGINE = AzureBlobStorage(azc, blob_path = 'nc', format = 'Parquet', partition_strategy = 'hive') PARTITION BY k" &&
    q "INSERT INTO az3 SELECT number, number % 4 FROM numbers(40)" && ok "AzureBlobStorage(named_collection, key = value) INSERT" ||
    bad "AzureBlobStorage(named_collection, ...)"
expect "reads back" "$(printf '0\t10\t180\n3\t10\t210')" "$(q "SELECT k, count(), sum(a) FROM az3 WHERE k IN (0, 3) GROUP BY k ORDER BY k")"
expect "ClickHouse agrees" "$(printf '0\t10\t180\n3\t10\t210')" \
    "$(chdb "SELECT k, count(), sum(a) FROM azureBlobStorage('$conn', 'cont', 'nc/**.parquet', 'Parquet') WHERE k IN (0, 3) GROUP BY k ORDER BY k")"

# --- what ClickHouse writes, floe reads
chdb "INSERT INTO FUNCTION azureBlobStorage('$conn', 'cont', 'chw/', 'Parquet', 'auto', 'hive', 0, 'a UInt32, k UInt8') PARTITION BY k SELECT number, number % 2 FROM numbers(10)" ||
    bad "chDB hive insert"
q "CREATE TABLE chw (a UInt32, k UInt8) ENGINE = AzureBlobStorage('$conn', 'cont', 'chw', 'Parquet') PARTITION BY k"
expect "floe reads ClickHouse's hive blobs" "$(printf '0\t5\t20\n1\t5\t25')" "$(q "SELECT k, count(), sum(a) FROM chw GROUP BY k ORDER BY k")"

# --- table function and INSERT INTO FUNCTION
expect "azureBlobStorage() with a glob, hive columns inferred" "$(printf '1\tp\t2024-05-01')" \
    "$(q "SELECT a, s, d FROM azureBlobStorage('$conn', 'cont', 'tbl/**.parquet', 'Parquet') ORDER BY a LIMIT 1")"
expect "azureBlobStorage(named_collection, ...)" "40" \
    "$(q "SELECT count() FROM azureBlobStorage(azc, blob_path = 'nc/**.parquet', format = 'Parquet')")"
q "INSERT INTO FUNCTION azureBlobStorage('$conn', 'cont', 'plain/x.csv', 'CSV') SELECT number, 'w' FROM numbers(3)" &&
    expect "INSERT INTO FUNCTION azureBlobStorage, read by ClickHouse" "$(printf '0\tw\n1\tw\n2\tw')" \
        "$(chdb "SELECT * FROM azureBlobStorage('$conn', 'cont', 'plain/x.csv', 'CSV', 'auto', 'a UInt8, b String')")" ||
    bad "INSERT INTO FUNCTION azureBlobStorage"
expect_error "INSERT INTO FUNCTION over an existing blob" "(BAD_ARGUMENTS)" \
    q "INSERT INTO FUNCTION azureBlobStorage('$conn', 'cont', 'plain/x.csv', 'CSV') SELECT 1"
q "SET azure_create_new_file_on_insert = 1; INSERT INTO FUNCTION azureBlobStorage('$conn', 'cont', 'plain/x.csv', 'CSV') SELECT 9, 'n'" &&
    expect "azure_create_new_file_on_insert names x.1.csv" "$(printf '9\tn')" \
        "$(chdb "SELECT * FROM azureBlobStorage('$conn', 'cont', 'plain/x.1.csv', 'CSV', 'auto', 'a UInt8, b String')")" ||
    bad "azure_create_new_file_on_insert"
q "SET azure_truncate_on_insert = 1; INSERT INTO FUNCTION azureBlobStorage('$conn', 'cont', 'plain/x.csv', 'CSV') SELECT 8, 't'" &&
    expect "azure_truncate_on_insert replaces the blob" "$(printf '8\tt')" \
        "$(chdb "SELECT * FROM azureBlobStorage('$conn', 'cont', 'plain/x.csv', 'CSV', 'auto', 'a UInt8, b String')")" ||
    bad "azure_truncate_on_insert"
expect_error "a missing container: AZURE_BLOB_STORAGE_ERROR" "(AZURE_BLOB_STORAGE_ERROR)" \
    q "SELECT * FROM azureBlobStorage('$conn', 'nocont', 'x.csv', 'CSV', 'auto', 'a UInt8')"
finish
