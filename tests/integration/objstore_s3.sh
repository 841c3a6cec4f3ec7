#!/usr/bin/env bash
# S3 client against s3rver on a loopback port: bucket creation, put, head,
# whole and ranged get, the streaming writer as a multipart upload (parts
# uploaded on a background thread and on the caller's), abort (nothing left,
# AbortMultipartUpload sent), listing across continuation tokens, delete,
# NO_OVERWRITE, errors (NoSuchBucket, unknown key id, no server), retries
# through a proxy that answers SlowDown, resets connections and cuts a read
# short, and cleanup when a part keeps failing. ClickHouse (chDB's s3()) and
# plain HTTP check what is stored.
# Usage: tests/integration/objstore_s3.sh
source "$(dirname "$0")/objstore_lib.bash"
build_cli
install_peers

port=$(free_port)
mkdir -p "$work/s3"
# s3rver's continuation tokens use DES, which Node 17+ keeps in the legacy provider
start_bg s3pid node --openssl-legacy-provider "$here/node_modules/s3rver/bin/s3rver.js" -d "$work/s3" -a 127.0.0.1 -p "$port" -s
wait_port "$port"
ep="http://127.0.0.1:$port"
secret="S3RVER"
S3=("$cli" --url "$ep/bkt/root" --key S3RVER --secret "$secret")
MB5=$((5 * 1024 * 1024))

# --- buckets and small objects
"${S3[@]}" create-root && "${S3[@]}" create-root && ok "create bucket (twice)" || bad "create bucket"
printf 'a,b\n1,hello\n2,world\n' >"$work/small.csv"
"${S3[@]}" put t/small.csv "$work/small.csv" && ok "put" || bad "put"
expect "head size" "exists 20" "$("${S3[@]}" head t/small.csv)"
expect "head missing" "missing" "$("${S3[@]}" head t/none.csv)"
expect "get whole" "$(cat "$work/small.csv")" "$("${S3[@]}" get t/small.csv)"
expect "get range" "1,hel" "$("${S3[@]}" get t/small.csv 4 5)"
expect "get range past end" "world" "$("${S3[@]}" get t/small.csv 14 100 | head -c 5)"
expect "get range at end is empty" "" "$("${S3[@]}" get t/small.csv 20 10)"
expect "ClickHouse reads the put object" "$(printf '1\thello\n2\tworld')" \
    "$(chdb "SELECT * FROM s3('$ep/bkt/root/t/small.csv', 'S3RVER', '$secret', 'CSVWithNames') ORDER BY a")"
expect_error "get missing key" "Code: 107." "${S3[@]}" get t/none.csv
expect "NOSIGN read (s3rver allows anonymous reads)" "1,hel" "$("$cli" --url "$ep/bkt/root" --nosign get t/small.csv 4 5)"

# --- multipart uploads, through a proxy that logs the requests
pport=$(free_port)
start_proxy proxy1 "$pport" "$port" pass "$work/proxy1.log"
P=("$cli" --url "http://127.0.0.1:$pport/bkt/root" --key S3RVER --secret "$secret")
head -c $((13 * 1024 * 1024 + 12345)) /dev/urandom >"$work/big.bin"
want_md5=$(md5sum "$work/big.bin" | cut -c1-32 | tr a-f A-F)
for mode in bg fg; do
    extra=()
    [ $mode = fg ] && extra=(--no-bg)
    out=$("${P[@]}" "${extra[@]}" --part-size $MB5 write "big-$mode.bin" "$work/big.bin" 65536)
    expect "multipart write ($mode)" "wrote $((13 * 1024 * 1024 + 12345))" "$out"
    expect "3 parts, one create, one complete ($mode)" "3 1 1" \
        "$(grep -c "^PUT /bkt/root/big-$mode.bin?partNumber=[123]&uploadId=" "$work/proxy1.log") $(grep -c "^POST /bkt/root/big-$mode.bin?uploads" "$work/proxy1.log") $(grep -c "^POST /bkt/root/big-$mode.bin?uploadId=" "$work/proxy1.log")"
    expect "ClickHouse reads the multipart object ($mode)" "$((13 * 1024 * 1024 + 12345))	$want_md5" \
        "$(chdb "SELECT length(raw_blob), hex(MD5(raw_blob)) FROM s3('$ep/bkt/root/big-$mode.bin', 'S3RVER', '$secret', 'RawBLOB')")"
done
expect "ranged get across a part boundary" "$(tail -c +$((MB5 - 99)) "$work/big.bin" | head -c 200 | md5sum)" \
    "$("${S3[@]}" get big-bg.bin $((MB5 - 100)) 200 | md5sum)"
expect "get to the end" "$(tail -c +$((MB5 * 2 + 1)) "$work/big.bin" | md5sum)" \
    "$("${S3[@]}" get big-bg.bin $((MB5 * 2)) | md5sum)"
"${P[@]}" --part-size $MB5 write exact.bin <(head -c $((MB5 * 2)) "$work/big.bin") 1000000 >/dev/null
expect "object of exactly two parts" "$(head -c $((MB5 * 2)) "$work/big.bin" | md5sum) 2" \
    "$("${S3[@]}" get exact.bin | md5sum) $(grep -c "^PUT /bkt/root/exact.bin?partNumber=" "$work/proxy1.log")"
echo tiny >"$work/tiny.txt"
"${P[@]}" write tiny.txt "$work/tiny.txt" >/dev/null
expect "a small object is one PutObject" "1 0" \
    "$(grep -c "^PUT /bkt/root/tiny.txt$" "$work/proxy1.log") $(grep -c "^POST /bkt/root/tiny.txt" "$work/proxy1.log")"

# --- abort
expect "writer abort" "aborted after 12000000" "$("${P[@]}" --part-size $MB5 gen-abort aborted.bin 12000000)"
expect "aborted object is not there" "missing" "$("${S3[@]}" head aborted.bin)"
if grep -q "^DELETE /bkt/root/aborted.bin?uploadId=" "$work/proxy1.log"; then ok "AbortMultipartUpload sent"; else bad "AbortMultipartUpload sent" "$(cat "$work/proxy1.log")"; fi
if "${S3[@]}" list | grep -q aborted; then bad "aborted object not listed"; else ok "aborted object not listed"; fi
stop_pid "$proxy1"

# --- listing with continuation
"${S3[@]}" fill many/k 250 && ok "250 small objects" || bad "fill"
got=$("${S3[@]}" --page-size 100 list many/ | cut -f1)
expect "list across 3 pages" "250 250 many/k00000 many/k00249" \
    "$(echo "$got" | wc -l) $(echo "$got" | sort -u | wc -l) $(echo "$got" | head -1) $(echo "$got" | tail -1)"
"${S3[@]}" fill more/k 1050 && ok "1050 more objects" || bad "fill more"
expect "service page size (1000) continued" "1050" "$("${S3[@]}" list more/ | wc -l)"
expect "plain HTTP listing is truncated at 1000" "true" \
    "$(curl -sf "$ep/bkt?list-type=2&prefix=root/more/" | sed -n 's/.*<IsTruncated>\([a-z]*\)<.*/\1/p')"
expect "list shows sizes relative to the root" "t/small.csv	20" "$("${S3[@]}" list t/)"

# --- keys with characters that need encoding (hive-style paths)
odd='odd/k=a b+c/é&x=1.txt'
"${S3[@]}" put "$odd" "$work/small.csv" && ok "put an odd key" || bad "put an odd key"
expect "odd key listed as written" "$odd	20" "$("${S3[@]}" list odd/)"
expect "odd key read back" "$(cat "$work/small.csv")" "$("${S3[@]}" get "$odd")"
expect "odd key over plain HTTP" "200" \
    "$(curl -s -o /dev/null -w '%{http_code}' "$ep/bkt/root/odd/k%3Da%20b%2Bc/%C3%A9%26x%3D1.txt")"

# --- delete, NO_OVERWRITE
"${S3[@]}" del t/small.csv && "${S3[@]}" del t/small.csv && ok "delete (twice)" || bad "delete"
expect "deleted object is gone" "missing" "$("${S3[@]}" head t/small.csv)"
expect "gone for plain HTTP too" "404" "$(curl -s -o /dev/null -w '%{http_code}' "$ep/bkt/root/t/small.csv")"
echo first >"$work/first.txt"
"${S3[@]}" put-new once.txt "$work/first.txt" >/dev/null && ok "NO_OVERWRITE on a new key" || bad "NO_OVERWRITE new"
expect_error "NO_OVERWRITE on an existing key" "(FILE_ALREADY_EXISTS)" "${S3[@]}" put-new once.txt "$work/small.csv"
expect_error "NO_OVERWRITE of a multipart upload on an existing key" "(FILE_ALREADY_EXISTS)" "${S3[@]}" --part-size $MB5 put-new once.txt "$work/big.bin"
expect "existing object kept" "first" "$("${S3[@]}" get once.txt)"

# --- what ClickHouse writes, floe reads
chdb "INSERT INTO FUNCTION s3('$ep/bkt/root/from_ch.csv', 'S3RVER', '$secret', 'CSV', 'n UInt32') SELECT number FROM numbers(1000)" &&
    expect "reads ClickHouse's object" "$(seq 0 999)" "$("${S3[@]}" get from_ch.csv)" || bad "ClickHouse insert"

# --- errors
expect_error "no such bucket" "NoSuchBucket" "$cli" --url "$ep/nobucket" --key S3RVER --secret "$secret" list
expect_error "no such bucket is S3_ERROR" "(S3_ERROR)" "$cli" --url "$ep/nobucket" --key S3RVER --secret "$secret" put k "$work/first.txt"
err=$("$cli" --url "$ep/bkt" --key NOTAKEY --secret "Very-Secret-Value" list 2>&1 || true)
if [[ "$err" == *"Code: 499."*InvalidAccessKeyId*"(S3_ERROR)"* ]] && [[ "$err" != *Very-Secret-Value* ]]; then
    ok "unknown access key: S3_ERROR, no secret in the message"
else bad "unknown access key" "$err"; fi
dead=$(free_port)
err=$("$cli" --url "http://127.0.0.1:$dead/bkt" --key S3RVER --secret "Very-Secret-Value" --retries 2 gen x.bin 100 2>&1 || true)
if [[ "$err" == *"Code: 210."*"(NETWORK_ERROR)"* ]] && [[ "$err" != *Very-Secret-Value* ]]; then
    ok "no server: NETWORK_ERROR"
else bad "no server" "$err"; fi

# --- retries through a flaky proxy: SlowDown, resets, a cut read
fport=$(free_port)
start_proxy proxy2 "$fport" "$port" flaky "$work/proxy2.log"
F=("$cli" --url "http://127.0.0.1:$fport/bkt/root" --key S3RVER --secret "$secret" --retries 8)
expect "multipart write through SlowDown and resets" "wrote $((13 * 1024 * 1024 + 12345))" \
    "$("${F[@]}" --part-size $MB5 write flaky.bin "$work/big.bin" 65536)"
expect "what arrived is whole" "$(md5sum <"$work/big.bin")" "$("${S3[@]}" get flaky.bin | md5sum)"
expect "read resumed after a cut transfer" "$(md5sum <"$work/big.bin")" "$("${F[@]}" get big-bg.bin | md5sum)"
expect "list and head through SlowDown" "1050 exists 3890" \
    "$("${F[@]}" --page-size 400 list more/ | wc -l) $("${F[@]}" head from_ch.csv)"
expect_error "retries are bounded" "(S3_ERROR)" "$cli" --url "http://127.0.0.1:$fport/bkt/root" --key S3RVER --secret "$secret" --retries 0 head x
stop_pid "$proxy2"

# --- a part that keeps failing: the writer fails, the upload is aborted
xport=$(free_port)
start_proxy proxy3 "$xport" "$port" failpart "$work/proxy3.log"
X=("$cli" --url "http://127.0.0.1:$xport/bkt/root" --key S3RVER --secret "$secret" --retries 2)
expect_error "failing part fails the writer" "InternalError" "${X[@]}" --part-size $MB5 write failed.bin "$work/big.bin"
expect "failed object is not there" "missing" "$("${S3[@]}" head failed.bin)"
if grep -q "^DELETE /bkt/root/failed.bin?uploadId=" "$work/proxy3.log"; then ok "AbortMultipartUpload after the failure"; else bad "abort after failure" "$(cat "$work/proxy3.log")"; fi
stop_pid "$proxy3"

# --- a server that ignores Range: the client keeps only the range
nport=$(free_port)
start_proxy proxy5 "$nport" "$port" norange "$work/proxy5.log"
N=("$cli" --url "http://127.0.0.1:$nport/bkt/root" --key S3RVER --secret "$secret")
expect "range kept when the server answers 200" "$(tail -c +$((MB5 - 99)) "$work/big.bin" | head -c 200 | md5sum)" \
    "$("${N[@]}" get big-bg.bin $((MB5 - 100)) 200 | md5sum)"
expect "open range kept when the server answers 200" "$(tail -c +$((MB5 * 2 + 1)) "$work/big.bin" | md5sum)" \
    "$("${N[@]}" get big-bg.bin $((MB5 * 2)) | md5sum)"
stop_pid "$proxy5"

# --- a bucket in another region than the URL says: the client follows
rport=$(free_port)
start_proxy proxy6 "$rport" "$port" region "$work/proxy6.log"
R=("$cli" --url "http://127.0.0.1:$rport/bkt/root" --key S3RVER --secret "$secret" --retries 0)
expect "region learnt from AuthorizationHeaderMalformed (get)" "first" "$("${R[@]}" get once.txt)"
expect "once rejected, then signed for eu-central-1" "2" "$(grep -c "^GET /bkt/root/once.txt$" "$work/proxy6.log")"
expect "region learnt (multipart write, list)" "wrote $((13 * 1024 * 1024 + 12345)) 1" \
    "$("${R[@]}" --part-size $MB5 write region.bin "$work/big.bin") $("${R[@]}" list region | wc -l)"
expect "only the first request of a store is rejected" "2 3" \
    "$(grep -c "^POST /bkt/root/region.bin?uploads" "$work/proxy6.log") $(grep -c "^PUT /bkt/root/region.bin?partNumber=" "$work/proxy6.log")"
expect "region learnt (ranged read)" "$(tail -c +$((MB5 - 99)) "$work/big.bin" | head -c 200 | md5sum)" \
    "$("${R[@]}" get region.bin $((MB5 - 100)) 200 | md5sum)"
expect "the object is whole" "$(md5sum <"$work/big.bin")" "$("${S3[@]}" get region.bin | md5sum)"
stop_pid "$proxy6"

# --- the server dies mid-upload
dport=$(free_port)
start_proxy proxy4 "$dport" "$port" down "$work/proxy4.log"
expect_error "destination down: NETWORK_ERROR" "(NETWORK_ERROR)" "$cli" --url "http://127.0.0.1:$dport/bkt/root" --key S3RVER --secret "$secret" --retries 1 --part-size $MB5 write down.bin "$work/big.bin"
stop_pid "$proxy4"

finish
