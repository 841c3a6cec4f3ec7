#!/usr/bin/env bash
# EXPORT PART / EXPORT PARTITION to S3 (s3rver) and Azure Blob Storage
# (Azurite) on loopback ports: every exported object is read back by
# ClickHouse (chDB's s3() and azureBlobStorage()) and by floe through the
# destination table, and must equal the source rows; a destination that is
# down leaves nothing behind and a retry succeeds; the S3 multipart path is
# used for an object larger than one upload part.
# Every shape of partition key is exported to S3 and Azure too
# (export_local.mjs --s3, --azure).
# Usage: tests/integration/export_objstore.sh [FLOE_BIN]
source "$(dirname "$0")/objstore_lib.bash"
set +e
floe="${1:-${FLOE_BIN:-$root/build/floe}}"
build_cli
install_peers
data="$work/floe"
q() { "$floe" local --path "$data" -q "$1"; }
S="SETTINGS allow_experimental_export_merge_tree_part = 1"

q "CREATE TABLE src (id UInt64, p UInt16, s String, f Float64) ENGINE = MergeTree PARTITION BY p ORDER BY id;
   SYSTEM STOP MERGES src;
   INSERT INTO src SELECT number, number % 3, concat('v', toString(number)), number / 7 FROM numbers(60000);
   CREATE TABLE big (id UInt64, s String) ENGINE = MergeTree ORDER BY id;
   INSERT INTO big SELECT number, repeat(toString(number), 20) FROM numbers(400000)" || bad "source tables"
want=$(q "SELECT id, p, s, f FROM src ORDER BY id")

# --- S3
port=$(free_port)
mkdir -p "$work/s3"
start_bg s3pid node --openssl-legacy-provider "$here/node_modules/s3rver/bin/s3rver.js" -d "$work/s3" -a 127.0.0.1 -p "$port" -s
wait_port "$port"
ep="http://127.0.0.1:$port"
curl -fs -X PUT "$ep/bkt" >/dev/null || bad "create bucket"
q "CREATE NAMED COLLECTION s3c AS url = '$ep/bkt/exp/', access_key_id = 'S3RVER', secret_access_key = 'S3RVER';
   CREATE TABLE dst_s3 (id UInt64, p UInt16, s String, f Float64)
       ENGINE = S3(s3c, format = Parquet, partition_strategy = 'hive') PARTITION BY p" || bad "S3 destination table"
q "ALTER TABLE src EXPORT PARTITION ALL TO TABLE dst_s3 $S" && ok "EXPORT PARTITION ALL to S3" || bad "EXPORT to S3"
objs=$(cd "$work/s3/bkt" && find exp -name '*._S3rver_object' | sed 's/._S3rver_object$//' | sort)
expect "three objects, one per part, hive paths" "3" "$(echo "$objs" | grep -cE '^exp/p=[012]/[0-9]_[0-9]+_[0-9]+_0_[0-9A-F]{32}\.parquet$')"
expect "floe reads the S3 table back" "$want" "$(q "SELECT id, p, s, f FROM dst_s3 ORDER BY id")"
expect "ClickHouse reads the objects (s3())" "$want" \
    "$(chdb "SELECT id, p, s, f FROM s3('$ep/bkt/exp/**/*.parquet', 'S3RVER', 'S3RVER', 'Parquet') ORDER BY id FORMAT TSV")"
q "ALTER TABLE src EXPORT PART '0_1_1_0' TO TABLE dst_s3 $S" 2>"$work/dup.err"
grep -q "FILE_ALREADY_EXISTS" "$work/dup.err" && ok "same part again without overwrite fails" || bad "duplicate export" "$(cat "$work/dup.err")"
expect "nothing changed" "60000" "$(q "SELECT count() FROM dst_s3")"
q "ALTER TABLE src EXPORT PART '0_1_1_0' TO TABLE dst_s3 $S, export_merge_tree_part_overwrite_file_if_exists = 1" &&
    ok "overwrite" || bad "overwrite"
expect "still three objects" "3" "$(cd "$work/s3/bkt" && find exp -name '*._S3rver_object' | wc -l)"

# a large part goes up as a multipart upload (16 MiB parts)
q "CREATE TABLE dst_big (id UInt64, s String) ENGINE = S3('$ep/bkt/big/', 'S3RVER', 'S3RVER', 'Parquet')" || bad "big table"
q "ALTER TABLE big EXPORT PARTITION ALL TO TABLE dst_big $S, output_format_parquet_compression_method = 'none'" &&
    ok "export of a large part" || bad "export of a large part"
expect "large part read back" "400000	79999800000" "$(q "SELECT count(), sum(id) FROM dst_big")"

# the destination goes down: the export fails, nothing is left, a retry works
stop_pid "$s3pid"
q "CREATE TABLE dst_down (id UInt64, p UInt16, s String, f Float64)
     ENGINE = S3('$ep/bkt/down/', 'S3RVER', 'S3RVER', 'Parquet', partition_strategy = 'hive') PARTITION BY p" || bad "table for the down test"
q "ALTER TABLE src EXPORT PARTITION ALL TO TABLE dst_down $S" 2>"$work/down.err"
grep -q "export of part" "$work/down.err" && ok "export to a stopped server fails" || bad "export to a stopped server" "$(cat "$work/down.err")"
start_bg s3pid node --openssl-legacy-provider "$here/node_modules/s3rver/bin/s3rver.js" -d "$work/s3" -a 127.0.0.1 -p "$port" -s
wait_port "$port"
expect "nothing left behind" "0" "$(cd "$work/s3/bkt" && find down -name '*._S3rver_object' 2>/dev/null | wc -l)"
q "ALTER TABLE src EXPORT PARTITION ALL TO TABLE dst_down $S" && ok "retry succeeds" || bad "retry"
expect "retry wrote everything" "$want" "$(q "SELECT id, p, s, f FROM dst_down ORDER BY id")"

# the destination dies in the middle of an export (slowed down by the
# bandwidth cap): the export fails, nothing is visible there, part_log has
# the error, and a retry once the server is back succeeds
q "CREATE TABLE dst_mid (id UInt64, s String) ENGINE = S3('$ep/bkt/mid/', 'S3RVER', 'S3RVER', 'Parquet')" ||
    bad "table for the mid-export kill"
start=$(date +%s)
"$floe" local --path "$data" -q "ALTER TABLE big EXPORT PARTITION ALL TO TABLE dst_mid $S,
    output_format_parquet_compression_method = 'none', max_exports_bandwidth_for_server = 8000000" \
    2>"$work/mid.err" &
fpid=$!
sleep 2
stop_pid "$s3pid"
wait "$fpid"
grep -q "export of part" "$work/mid.err" && ok "export fails when the server dies mid-way ($(($(date +%s) - start)) s)" ||
    bad "export with the server dying mid-way" "$(cat "$work/mid.err")"
start_bg s3pid node --openssl-legacy-provider "$here/node_modules/s3rver/bin/s3rver.js" -d "$work/s3" -a 127.0.0.1 -p "$port" -s
wait_port "$port"
expect "mid-export kill: nothing visible at the destination" "0" \
    "$(cd "$work/s3/bkt" && find mid -name '*._S3rver_object' 2>/dev/null | wc -l)"
expect "mid-export kill: part_log has the failed export" "1" \
    "$(q "SELECT count() FROM system.part_log WHERE event_type = 'ExportPart' AND table = 'big' AND error != 0 AND exception != '' AND path_on_disk LIKE '%/mid/%'")"
q "ALTER TABLE big EXPORT PARTITION ALL TO TABLE dst_mid $S" && ok "mid-export kill: retry succeeds" || bad "mid-export retry"
expect "mid-export kill: retry wrote everything" "400000	79999800000" "$(q "SELECT count(), sum(id) FROM dst_mid")"

# every shape of partition key the hive strategy takes, exported to S3 and
# read back by DuckDB (the stored objects) and ClickHouse (s3()), row for row
mkdir -p "$work/shapes"
if out=$(node "$here/export_local.mjs" "$floe" "$work/shapes" --s3 "$ep" "$work/s3" 2>&1); then
    ok "S3 exports of every key shape read back: $(echo "$out" | tail -1)"
else
    bad "S3 exports of every key shape" "$out"
fi

# --- Azure
aport=$(free_port)
mkdir -p "$work/az"
start_bg azpid node "$here/node_modules/azurite/dist/src/blob/main.js" --blobHost 127.0.0.1 \
    --blobPort "$aport" -l "$work/az" --silent --skipApiVersionCheck --disableTelemetry
wait_port "$aport"
account=devstoreaccount1
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
conn="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$aport/$account;"
"$cli" --conn "$conn" --container cont create-root || bad "create container"
q "CREATE TABLE dst_az (id UInt64, p UInt16, s String, f Float64)
     ENGINE = AzureBlobStorage('$conn', 'cont', 'exp', 'Parquet', partition_strategy = 'hive') PARTITION BY p" || bad "Azure table"
q "ALTER TABLE src EXPORT PARTITION ALL TO TABLE dst_az $S" && ok "EXPORT PARTITION ALL to Azure" || bad "EXPORT to Azure"
expect "three blobs" "3" "$("$cli" --conn "$conn" --container cont list exp/ | grep -c '\.parquet')"
expect "floe reads the Azure table back" "$want" "$(q "SELECT id, p, s, f FROM dst_az ORDER BY id")"
expect "ClickHouse reads the blobs (azureBlobStorage())" "$want" \
    "$(chdb "SELECT id, p, s, f FROM azureBlobStorage('$conn', 'cont', 'exp/**/*.parquet', 'Parquet') ORDER BY id FORMAT TSV")"

# every shape of partition key exported to Azure, read back by DuckDB (the
# downloaded blobs) and ClickHouse (azureBlobStorage()), row for row
mkdir -p "$work/azshapes"
if out=$(node "$here/export_local.mjs" "$floe" "$work/azshapes" --azure "$conn" "$cli" 2>&1); then
    ok "Azure exports of every key shape read back: $(echo "$out" | tail -1)"
else
    bad "Azure exports of every key shape" "$out"
fi

# credentials refused (Azurite checks SharedKey signatures): the export
# fails with the storage's error, nothing is written, the key is not shown
badkey="QmFkS2V5QmFkS2V5QmFkS2V5QmFkS2V5QmFkS2V5QmFkS2V5QmFkS2V5QmFkS2V5QmFkS2V5QmFkS2V5QmFkS2V5QQ=="
badconn="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$badkey;BlobEndpoint=http://127.0.0.1:$aport/$account;"
q "CREATE TABLE dst_az_bad (id UInt64, p UInt16, s String, f Float64)
     ENGINE = AzureBlobStorage('$badconn', 'cont', 'bad', 'Parquet', partition_strategy = 'hive') PARTITION BY p" ||
    bad "Azure table with a wrong key"
q "ALTER TABLE src EXPORT PARTITION ALL TO TABLE dst_az_bad $S" 2>"$work/badkey.err"
grep -q "AZURE_BLOB_STORAGE_ERROR" "$work/badkey.err" && ok "a refused key fails the export" ||
    bad "export with a refused key" "$(head -3 "$work/badkey.err")"
grep -q "$badkey" "$work/badkey.err" && bad "the key appears in the error" || ok "the key is not in the error"
expect "refused key: nothing written" "0" "$("$cli" --conn "$conn" --container cont list bad/ | grep -c '\.parquet')"
finish
