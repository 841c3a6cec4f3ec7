#!/usr/bin/env bash
# Azure Blob client against Azurite on a loopback port (which checks SharedKey
# signatures): container creation, Put Blob, Get Blob Properties, whole and
# ranged Get Blob, the streaming writer as Put Block + Put Block List (blocks
# uploaded on a background thread and on the caller's), abort (nothing
# committed), List Blobs across markers, delete, NO_OVERWRITE, the storage
# account URL form, errors (bad key, no container, no server), retries
# through a proxy that answers 503, resets connections and cuts a read short,
# and a block that keeps failing. ClickHouse (chDB's azureBlobStorage())
# checks what is stored.
# Usage: tests/integration/objstore_azure.sh
source "$(dirname "$0")/objstore_lib.bash"
build_cli
install_peers

port=$(free_port)
mkdir -p "$work/az"
start_bg azpid node "$here/node_modules/azurite/dist/src/blob/main.js" --blobHost 127.0.0.1 \
    --blobPort "$port" -l "$work/az" --silent --skipApiVersionCheck --disableTelemetry
wait_port "$port"
account=devstoreaccount1
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
conn_for() { echo "DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$1/$account;"; }
conn=$(conn_for "$port")
AZ=("$cli" --conn "$conn" --container cont --prefix root)
MB=$((1024 * 1024))
azq() { # ClickHouse's reading of a path under the container
    chdb "SELECT $2 FROM azureBlobStorage('$conn', 'cont', '$1', 'RawBLOB')"
}

# --- container and small blobs
"${AZ[@]}" create-root && "${AZ[@]}" create-root && ok "create container (twice)" || bad "create container"
printf 'a,b\n1,hello\n2,world\n' >"$work/small.csv"
"${AZ[@]}" put t/small.csv "$work/small.csv" && ok "put blob" || bad "put blob"
expect "head size" "exists 20" "$("${AZ[@]}" head t/small.csv)"
expect "head missing" "missing" "$("${AZ[@]}" head t/none.csv)"
expect "get whole" "$(cat "$work/small.csv")" "$("${AZ[@]}" get t/small.csv)"
expect "get range" "1,hel" "$("${AZ[@]}" get t/small.csv 4 5)"
expect "get range past end" "world" "$("${AZ[@]}" get t/small.csv 14 100 | head -c 5)"
expect "get range at end is empty" "" "$("${AZ[@]}" get t/small.csv 20 10)"
expect "ClickHouse reads the blob" "$(printf '1\thello\n2\tworld')" \
    "$(chdb "SELECT * FROM azureBlobStorage('$conn', 'cont', 'root/t/small.csv', 'CSVWithNames') ORDER BY a")"
expect_error "get missing blob" "Code: 107." "${AZ[@]}" get t/none.csv

# --- block uploads through a logging proxy
pport=$(free_port)
start_proxy proxy1 "$pport" "$port" pass "$work/proxy1.log"
P=("$cli" --conn "$(conn_for "$pport")" --container cont --prefix root)
head -c $((5 * MB + 12345)) /dev/urandom >"$work/big.bin"
want_md5=$(md5sum "$work/big.bin" | cut -c1-32 | tr a-f A-F)
for mode in bg fg; do
    extra=()
    [ $mode = fg ] && extra=(--no-bg)
    out=$("${P[@]}" "${extra[@]}" --part-size $MB write "big-$mode.bin" "$work/big.bin" 65536)
    expect "block write ($mode)" "wrote $((5 * MB + 12345))" "$out"
    expect "6 blocks, one block list ($mode)" "6 1" \
        "$(grep -c "^PUT /$account/cont/root/big-$mode.bin?comp=block&blockid=" "$work/proxy1.log") $(grep -c "^PUT /$account/cont/root/big-$mode.bin?comp=blocklist" "$work/proxy1.log")"
    expect "ClickHouse reads the block blob ($mode)" "$((5 * MB + 12345))	$want_md5" \
        "$(azq "root/big-$mode.bin" "length(raw_blob), hex(MD5(raw_blob))")"
done
expect "ranged get across a block boundary" "$(tail -c +$((MB - 99)) "$work/big.bin" | head -c 200 | md5sum)" \
    "$("${AZ[@]}" get big-bg.bin $((MB - 100)) 200 | md5sum)"
expect "get to the end" "$(tail -c +$((MB * 2 + 1)) "$work/big.bin" | md5sum)" \
    "$("${AZ[@]}" get big-bg.bin $((MB * 2)) | md5sum)"
echo tiny >"$work/tiny.txt"
"${P[@]}" write tiny.txt "$work/tiny.txt" >/dev/null
expect "a small blob is one Put Blob" "1 0" \
    "$(grep -c "^PUT /$account/cont/root/tiny.txt$" "$work/proxy1.log") $(grep -c "^PUT /$account/cont/root/tiny.txt?" "$work/proxy1.log")"

# --- abort: blocks uploaded, never committed
expect "writer abort" "aborted after 3000000" "$("${P[@]}" --no-bg --part-size $MB gen-abort aborted.bin 3000000)"
expect "blocks were uploaded, no block list" "2 0" \
    "$(grep -c "^PUT /$account/cont/root/aborted.bin?comp=block&" "$work/proxy1.log") $(grep -c "^PUT /$account/cont/root/aborted.bin?comp=blocklist" "$work/proxy1.log")"
expect "aborted blob is not there" "missing" "$("${AZ[@]}" head aborted.bin)"
if "${AZ[@]}" list | grep -q aborted; then bad "aborted blob not listed"; else ok "aborted blob not listed"; fi
stop_pid "$proxy1"

# --- listing across markers
"${AZ[@]}" fill many/k 250 && ok "250 small blobs" || bad "fill"
got=$("${AZ[@]}" --page-size 100 list many/ | cut -f1)
expect "list across 3 pages" "250 250 many/k00000 many/k00249" \
    "$(echo "$got" | wc -l) $(echo "$got" | sort -u | wc -l) $(echo "$got" | head -1) $(echo "$got" | tail -1)"
expect "ClickHouse counts the same blobs" "250" "$(azq 'root/many/*' 'count()')"
expect "list shows sizes relative to the prefix" "t/small.csv	20" "$("${AZ[@]}" list t/)"

# --- names with characters that need encoding (hive-style paths)
odd='odd/k=a b+c/é&x=1.txt'
"${AZ[@]}" put "$odd" "$work/small.csv" && ok "put an odd name" || bad "put an odd name"
expect "odd name listed as written" "$odd	20" "$("${AZ[@]}" list odd/)"
expect "odd name read back" "$(cat "$work/small.csv")" "$("${AZ[@]}" get "$odd")"

# --- delete, NO_OVERWRITE
"${AZ[@]}" del t/small.csv && "${AZ[@]}" del t/small.csv && ok "delete (twice)" || bad "delete"
expect "deleted blob is gone" "missing" "$("${AZ[@]}" head t/small.csv)"
echo first >"$work/first.txt"
"${AZ[@]}" put-new once.txt "$work/first.txt" >/dev/null && ok "NO_OVERWRITE on a new blob" || bad "NO_OVERWRITE new"
expect_error "NO_OVERWRITE on an existing blob" "(FILE_ALREADY_EXISTS)" "${AZ[@]}" put-new once.txt "$work/small.csv"
expect_error "NO_OVERWRITE of blocks on an existing blob" "(FILE_ALREADY_EXISTS)" "${AZ[@]}" --part-size $MB put-new once.txt "$work/big.bin"
expect "existing blob kept" "first" "$("${AZ[@]}" get once.txt)"
"${AZ[@]}" --part-size $MB put-new once-big.bin "$work/big.bin" >/dev/null && ok "NO_OVERWRITE of blocks on a new blob" || bad "NO_OVERWRITE blocks new"
expect "new blob whole" "$(md5sum <"$work/big.bin")" "$("${AZ[@]}" get once-big.bin | md5sum)"

# --- what ClickHouse writes, floe reads; the storage account URL form
chdb "INSERT INTO FUNCTION azureBlobStorage('$conn', 'cont', 'root/from_ch.csv', 'CSV', 'none', 'n UInt32') SELECT number FROM numbers(1000)" &&
    expect "reads ClickHouse's blob" "$(seq 0 999)" "$("${AZ[@]}" get from_ch.csv)" || bad "ClickHouse insert"
expect "storage account URL with account name and key" "once.txt	6" \
    "$("$cli" --url "http://127.0.0.1:$port/$account" --account "$account" --account-key "$key" --container cont --prefix root list once.)"

# --- errors
badkey=$(printf 'Very-Secret-Value-0123456789abcd' | base64)
err=$("$cli" --conn "DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$badkey;BlobEndpoint=http://127.0.0.1:$port/$account;" --container cont list 2>&1 || true)
if [[ "$err" == *"Code: 500."*"(AZURE_BLOB_STORAGE_ERROR)"* ]] && [[ "$err" != *"$badkey"* ]]; then
    ok "wrong account key: AZURE_BLOB_STORAGE_ERROR, no key in the message"
else bad "wrong account key" "$err"; fi
expect_error "no such container (head)" "ContainerNotFound" "$cli" --conn "$conn" --container nocont head x
expect_error "no such container (put)" "ContainerNotFound" "$cli" --conn "$conn" --container nocont put x "$work/first.txt"
dead=$(free_port)
expect_error "no server: NETWORK_ERROR" "(NETWORK_ERROR)" "$cli" --conn "$(conn_for "$dead")" --container cont --retries 1 put x "$work/first.txt"

# --- retries through a flaky proxy
fport=$(free_port)
start_proxy proxy2 "$fport" "$port" flaky "$work/proxy2.log"
F=("$cli" --conn "$(conn_for "$fport")" --container cont --prefix root --retries 8)
expect "block write through 503s and resets" "wrote $((5 * MB + 12345))" \
    "$("${F[@]}" --part-size $MB write flaky.bin "$work/big.bin" 65536)"
expect "what arrived is whole" "$(md5sum <"$work/big.bin")" "$("${AZ[@]}" get flaky.bin | md5sum)"
expect "read resumed after a cut transfer" "$(md5sum <"$work/big.bin")" "$("${F[@]}" get big-bg.bin | md5sum)"
expect "list and head through 503s" "250 exists 3890" \
    "$("${F[@]}" --page-size 100 list many/ | wc -l) $("${F[@]}" head from_ch.csv)"
stop_pid "$proxy2"

# --- a block that keeps failing: the writer fails, nothing is committed
xport=$(free_port)
start_proxy proxy3 "$xport" "$port" failpart "$work/proxy3.log"
X=("$cli" --conn "$(conn_for "$xport")" --container cont --prefix root --retries 2)
expect_error "failing block fails the writer" "InternalError" "${X[@]}" --part-size $MB write failed.bin "$work/big.bin"
expect "failed blob is not there" "missing" "$("${AZ[@]}" head failed.bin)"
expect "no block list was sent" "0" "$(grep -c "comp=blocklist" "$work/proxy3.log")"
stop_pid "$proxy3"

finish
