#!/usr/bin/env bash
# The S3 table engine, the s3() table function, INSERT INTO FUNCTION s3 and
# named collections against s3rver on a loopback port: hive-partitioned
# INSERT and SELECT (object names as ClickHouse gives them), pruning of
# partitions by WHERE, key = value and named-collection arguments, NOSIGN,
# the wildcard strategy, secrets masked in SHOW CREATE TABLE and
# system.named_collections, ClickHouse's error codes. What floe writes is
# read back by ClickHouse (chDB's s3()) and by DuckDB (read_parquet with
# hive partitioning over s3rver's files); what ClickHouse writes is read by
# floe.
# Usage: tests/integration/lake_s3.sh [FLOE_BIN]
source "$(dirname "$0")/objstore_lib.bash"
set +e
floe="${1:-${FLOE_BIN:-$root/build/floe}}"
install_peers

port=$(free_port)
mkdir -p "$work/s3"
start_bg s3pid node --openssl-legacy-provider "$here/node_modules/s3rver/bin/s3rver.js" -d "$work/s3" -a 127.0.0.1 -p "$port" -s
wait_port "$port"
ep="http://127.0.0.1:$port"
curl -fs -X PUT "$ep/bkt" >/dev/null || bad "create bucket"
data="$work/floe"
q() { "$floe" local --path "$data" -q "$1"; }
duck() { node "$here/lake_duckdb.mjs" "$1"; }
# s3rver keeps object K as K._S3rver_object under its directory
objects() { (cd "$work/s3/bkt" && find "$1" -name '*._S3rver_object' | sed 's/._S3rver_object$//' | sort); }

# --- named collections
q "CREATE NAMED COLLECTION s3c AS url = '$ep/bkt/', access_key_id = 'S3RVER', secret_access_key = 'S3RVER' NOT OVERRIDABLE" &&
    ok "CREATE NAMED COLLECTION" || bad "CREATE NAMED COLLECTION"
expect "system.named_collections masks every value" \
    "$(printf "s3c\tSQL\tCREATE NAMED COLLECTION s3c AS access_key_id = \\\\'[HIDDEN]\\\\', secret_access_key = \\\\'[HIDDEN]\\\\' NOT OVERRIDABLE, url = \\\\'[HIDDEN]\\\\'")" \
    "$(q "SELECT name, source, create_query FROM system.named_collections")"
expect "no secret in system.named_collections" "0" \
    "$(q "SELECT count() FROM system.named_collections WHERE collection LIKE '%S3RVER%' OR create_query LIKE '%S3RVER%' OR collection NOT LIKE '%[HIDDEN]%'")"
expect_error "CREATE twice: 670" "Code: 670. DB::Exception: A named collection \`s3c\` already exists. (NAMED_COLLECTION_ALREADY_EXISTS)" \
    q "CREATE NAMED COLLECTION s3c AS a = 1"
q "CREATE NAMED COLLECTION IF NOT EXISTS s3c AS a = 1" && ok "CREATE IF NOT EXISTS of an existing one" || bad "CREATE IF NOT EXISTS"
q "CREATE NAMED COLLECTION IF NOT EXISTS tmp1 AS x = 1; ALTER NAMED COLLECTION tmp1 SET y = 'q' DELETE x" && ok "ALTER SET / DELETE" || bad "ALTER"
expect "after ALTER (IF NOT EXISTS kept, as ClickHouse shows it)" \
    "CREATE NAMED COLLECTION IF NOT EXISTS tmp1 AS y = \\'[HIDDEN]\\'" \
    "$(q "SELECT create_query FROM system.named_collections WHERE name = 'tmp1'")"
expect_error "ALTER of a missing collection: 669" "Code: 669. DB::Exception: Cannot update collection \`zz\`, because it doesn't exist. (NAMED_COLLECTION_DOESNT_EXIST)" \
    q "ALTER NAMED COLLECTION zz SET a = 1"
expect_error "DROP of a missing collection: 669" "Code: 669. DB::Exception: Cannot remove collection \`zz\`, because it doesn't exist. (NAMED_COLLECTION_DOESNT_EXIST)" \
    q "DROP NAMED COLLECTION zz"
expect_error "ALTER DELETE of a missing key: 36" "Code: 36. DB::Exception: Cannot delete key \`nokey\` because it does not exist in collection. (BAD_ARGUMENTS)" \
    q "ALTER NAMED COLLECTION tmp1 DELETE nokey"
q "DROP NAMED COLLECTION IF EXISTS zz; DROP NAMED COLLECTION tmp1" && ok "DROP [IF EXISTS]" || bad "DROP"
expect "collections after DROP" "s3c" "$(q "SELECT name FROM system.named_collections")"

# --- S3 engine, positional credentials, hive partitions on two keys
q "CREATE TABLE t (a Int32, b String, d Date) ENGINE = S3('$ep/bkt/tbl/', 'S3RVER', 'S3RVER', 'Parquet') PARTITION BY (b, d)" &&
    ok "CREATE TABLE ... ENGINE = S3" || bad "CREATE S3 table"
q "INSERT INTO t VALUES (1, 'x', '2024-01-01'), (2, 'y y', '2024-01-02'), (3, 'x', '2024-01-01')" && ok "INSERT" || bad "INSERT"
q "INSERT INTO t VALUES (4, 'x', '2024-01-01')" && ok "second INSERT" || bad "second INSERT"
keys=$(objects tbl)
expect "one object per partition and INSERT" "3" "$(echo "$keys" | wc -l)"
bad_names=$(echo "$keys" | grep -Ev '^tbl/b=(x|y y)/d=2024-01-0[12]/[0-9]{19}\.parquet$')
expect "objects named <root>/<key>=<value>/<snowflake id>.parquet" "" "$bad_names"
first=$(echo "$keys" | head -1 | sed 's#.*/##; s#\.parquet##')
expect "the id is a Snowflake ID of now" "1" "$(q "SELECT abs(dateDiff('second', toDateTime(intDiv($first, 4194304000)), now())) < 600")"
want=$(printf '1\tx\t2024-01-01\n2\ty y\t2024-01-02\n3\tx\t2024-01-01\n4\tx\t2024-01-01')
expect "SELECT reads every object" "$want" "$(q "SELECT * FROM t ORDER BY a")"
expect "ClickHouse reads the objects (s3(), hive columns)" "$want" \
    "$(chdb "SELECT a, b, d FROM s3('$ep/bkt/tbl/**.parquet', 'S3RVER', 'S3RVER', 'Parquet') ORDER BY a")"
expect "DuckDB reads the objects (hive_partitioning)" "$want" \
    "$(duck "SELECT a, b, d FROM read_parquet('$work/s3/bkt/tbl/**/*._S3rver_object', hive_partitioning = true) ORDER BY a")"
expect "partition columns are not in the files" "a" \
    "$(duck "SELECT name FROM parquet_schema('$(find "$work/s3/bkt/tbl" -name '*._S3rver_object' | head -1)') WHERE name != 'schema'")"
expect "SHOW CREATE TABLE hides the secret" \
    "CREATE TABLE default.t\n(\n    \`a\` Int32,\n    \`b\` String,\n    \`d\` Date\n)\nENGINE = S3(\\'$ep/bkt/tbl/\\', \\'S3RVER\\', \\'[HIDDEN]\\', \\'Parquet\\')\nPARTITION BY (b, d)" \
    "$(q "SHOW CREATE TABLE t")"

q "CREATE TABLE sec (a UInt8, b String) ENGINE = S3('$ep/bkt/sec/', 'SOMEKEY', 'TOPSECRET', 'Parquet') PARTITION BY a"
expect "system.tables hides the secret (create_table_query, engine_full)" "0 2" \
    "$(q "SELECT countIf(create_table_query LIKE '%TOPSECRET%' OR engine_full LIKE '%TOPSECRET%'), countIf(create_table_query LIKE '%[HIDDEN]%') + countIf(engine_full LIKE '%[HIDDEN]%') FROM system.tables WHERE name = 'sec'" | tr '\t' ' ')"
expect "SHOW CREATE TABLE hides it" "0 1" "$(q "SHOW CREATE TABLE sec" | grep -c TOPSECRET) $(q "SHOW CREATE TABLE sec" | grep -c HIDDEN)"

# --- partition values in paths as ClickHouse writes them: unescaped
q "CREATE TABLE esc (a UInt32, k String) ENGINE = S3('$ep/bkt/esc/', 'S3RVER', 'S3RVER', 'Parquet') PARTITION BY k" &&
    q "INSERT INTO esc VALUES (0, 'a b'), (1, 'e=f'), (2, 'g%h'), (3, 'ü')" || bad "INSERT odd partition values"
expect "odd values in object names as ClickHouse writes them" "$(printf 'esc/k=a b\nesc/k=e=f\nesc/k=g%%h\nesc/k=ü')" \
    "$(objects esc | sed 's#/[0-9]*\.parquet##')"
expect "ClickHouse reads them back" "$(printf '0\ta b\n1\te=f\n2\tg%%h\n3\tü')" \
    "$(chdb "SELECT a, k FROM s3('$ep/bkt/esc/**.parquet', 'S3RVER', 'S3RVER', 'Parquet') ORDER BY a")"
expect "and floe, pruning included" "$(printf '0\ta b\n2\tg%%h')" "$(q "SELECT * FROM esc WHERE k IN ('a b', 'g%h') ORDER BY a")"

# --- pruning: a broken object in another partition is never read
echo 'not parquet' | curl -fs -X PUT --data-binary @- "$ep/bkt/tbl/b=z/d=2024-01-03/broken.parquet" >/dev/null
expect "WHERE on partition columns prunes the broken partition" "$(printf '2\ty y')" \
    "$(q "SELECT a, b FROM t WHERE b = 'y y' AND d >= '2024-01-02'")"
expect "IN on a partition column prunes too" "3" "$(q "SELECT count() FROM t WHERE b IN ('x')")"
expect_error "a full scan reads it (and fails)" "INCORRECT_DATA" q "SELECT count() FROM t"
curl -fs -X DELETE "$ep/bkt/tbl/b=z/d=2024-01-03/broken.parquet" >/dev/null

# --- named collection with key = value overrides
q "CREATE TABLE t2 (a UInt64, k UInt8) ENGINE = S3(s3c, filename = 'kv', format = Parquet, partition_strategy = 'hive') PARTITION BY k" &&
    ok "S3(named_collection, key = value)" || bad "S3(named_collection, ...)"
q "INSERT INTO t2 SELECT number, number % 3 FROM numbers(100)" && ok "INSERT ... SELECT" || bad "INSERT SELECT into t2"
expect "named-collection table reads back" "$(printf '0\t34\t1683\n1\t33\t1617\n2\t33\t1650')" \
    "$(q "SELECT k, count(), sum(a) FROM t2 GROUP BY k ORDER BY k")"
expect "objects under filename" "$(printf 'kv/k=0\nkv/k=1\nkv/k=2')" "$(objects kv | sed 's#/[0-9]*\.parquet##')"
expect "ClickHouse agrees" "$(printf '0\t34\t1683\n1\t33\t1617\n2\t33\t1650')" \
    "$(chdb "SELECT k, count(), sum(a) FROM s3('$ep/bkt/kv/**.parquet', 'S3RVER', 'S3RVER', 'Parquet') GROUP BY k ORDER BY k")"
expect "SHOW CREATE TABLE of a named-collection table" \
    "CREATE TABLE default.t2\n(\n    \`a\` UInt64,\n    \`k\` UInt8\n)\nENGINE = S3(s3c, filename = \\'kv\\', format = Parquet, partition_strategy = \\'hive\\')\nPARTITION BY k" \
    "$(q "SHOW CREATE TABLE t2")"
q "CREATE TABLE t3 (a UInt64, k UInt8) ENGINE = S3('$ep/bkt/kv', format = 'Parquet', access_key_id = 'S3RVER', secret_access_key = 'S3RVER') PARTITION BY k" &&
    expect "SHOW CREATE TABLE hides secret_access_key = ..." "1" "$(q "SHOW CREATE TABLE t3" | grep -c "secret_access_key = \\\\'\[HIDDEN\]\\\\'")" ||
    bad "S3(url, key = value)"
expect "key = value table reads the same objects" "100" "$(q "SELECT count() FROM t3")"
expect_error "a NOT OVERRIDABLE key cannot be overridden (chref's message)" "Code: 36. DB::Exception: Override not allowed for 'secret_access_key'. (BAD_ARGUMENTS)" \
    q "SELECT count() FROM s3(s3c, filename = 'kv/**.parquet', format = 'Parquet', secret_access_key = 'other')"
expect_error "DROP of a collection tables use: 769 (chref's message)" "Code: 769. DB::Exception: Named collection \`s3c\` is used by tables: default.t2. (NAMED_COLLECTION_IS_USED)" \
    q "DROP NAMED COLLECTION s3c"
expect_error "an unknown collection: 669" "(NAMED_COLLECTION_DOESNT_EXIST)" \
    q "CREATE TABLE t4 (a UInt64) ENGINE = S3(nope, format = Parquet)"

# --- what ClickHouse writes with the hive strategy, floe reads
chdb "INSERT INTO FUNCTION s3('$ep/bkt/chw/', 'S3RVER', 'S3RVER', 'Parquet', 'a UInt32, k UInt8', partition_strategy = 'hive') PARTITION BY k SELECT number, number % 2 FROM numbers(10)" ||
    bad "chDB hive insert"
q "CREATE TABLE chw (a UInt32, k UInt8) ENGINE = S3('$ep/bkt/chw/', 'S3RVER', 'S3RVER', 'Parquet') PARTITION BY k"
expect "floe reads ClickHouse's hive objects" "$(printf '0\t5\t20\n1\t5\t25')" \
    "$(q "SELECT k, count(), sum(a) FROM chw GROUP BY k ORDER BY k")"
expect "and prunes them" "5" "$(q "SELECT count() FROM chw WHERE k = 1")"

expect "virtual columns _path, _file, _size as ClickHouse shows them" \
    "$(chdb "SELECT a, _path, _file, _size FROM s3('$ep/bkt/kv/**.parquet', 'S3RVER', 'S3RVER', 'Parquet') ORDER BY a LIMIT 3")" \
    "$(q "SELECT a, _path, _file, _size FROM t2 ORDER BY a LIMIT 3")"
expect "_time is the object's time" "1" "$(q "SELECT min(_time) > now() - 3600 AND max(_time) <= now() FROM t2")"

# --- the s3() table function
expect "s3() with a glob, hive column inferred" "$(printf '0\t0\n1\t1\n2\t2')" \
    "$(q "SELECT a, k FROM s3('$ep/bkt/kv/**.parquet', 'S3RVER', 'S3RVER', 'Parquet') ORDER BY a LIMIT 3")"
expect "s3(named_collection, filename = ...)" "100" \
    "$(q "SELECT count() FROM s3(s3c, filename = 'kv/k={0..2}/*.parquet', format = 'Parquet')")"
expect "s3(): _path as ClickHouse shows it" \
    "$(chdb "SELECT a, _path, _file FROM s3('$ep/bkt/kv/**.parquet', 'S3RVER', 'S3RVER', 'Parquet') ORDER BY a LIMIT 3")" \
    "$(q "SELECT a, _path, _file FROM s3('$ep/bkt/kv/**.parquet', 'S3RVER', 'S3RVER', 'Parquet') ORDER BY a LIMIT 3")"
expect "s3() with a structure" "$(printf '0\n3')" \
    "$(q "SELECT a FROM s3('$ep/bkt/kv/k=0/*.parquet', 'S3RVER', 'S3RVER', 'Parquet', 'a UInt64') ORDER BY a LIMIT 2")"
echo 'not parquet' | curl -fs -X PUT --data-binary @- "$ep/bkt/kv/k=9/broken.parquet" >/dev/null
expect "s3() prunes hive partitions by WHERE too" "33" \
    "$(q "SELECT count() FROM s3('$ep/bkt/kv/**.parquet', 'S3RVER', 'S3RVER', 'Parquet') WHERE k = 2")"
expect_error "and reads them without it" "INCORRECT_DATA" \
    q "SELECT count() FROM s3('$ep/bkt/kv/**.parquet', 'S3RVER', 'S3RVER', 'Parquet')"
curl -fs -X DELETE "$ep/bkt/kv/k=9/broken.parquet" >/dev/null
expect_error "s3() matching nothing" "(CANNOT_EXTRACT_TABLE_STRUCTURE)" \
    q "SELECT * FROM s3('$ep/bkt/none/*.parquet', 'S3RVER', 'S3RVER', 'Parquet')"

# --- INSERT INTO FUNCTION s3
q "INSERT INTO FUNCTION s3('$ep/bkt/plain/x.csv', 'S3RVER', 'S3RVER', 'CSV') SELECT number, concat('v', toString(number)) FROM numbers(3)" &&
    ok "INSERT INTO FUNCTION s3 ... SELECT" || bad "INSERT INTO FUNCTION s3"
expect "ClickHouse reads it" "$(printf '0\tv0\n1\tv1\n2\tv2')" \
    "$(chdb "SELECT * FROM s3('$ep/bkt/plain/x.csv', 'S3RVER', 'S3RVER', 'CSV', 'a UInt8, b String')")"
q "INSERT INTO FUNCTION s3('$ep/bkt/plain/y.tsv', 'S3RVER', 'S3RVER', 'TSV', 'a UInt8, b String') VALUES (7, 'seven')" &&
    expect "INSERT INTO FUNCTION s3 ... VALUES" "$(printf '7\tseven')" \
        "$(chdb "SELECT * FROM s3('$ep/bkt/plain/y.tsv', 'S3RVER', 'S3RVER', 'TSV', 'a UInt8, b String')")" ||
    bad "INSERT INTO FUNCTION ... VALUES"
expect_error "INSERT INTO FUNCTION over an existing object: 36" "(BAD_ARGUMENTS)" \
    q "INSERT INTO FUNCTION s3('$ep/bkt/plain/x.csv', 'S3RVER', 'S3RVER', 'CSV') SELECT 1"

q "SET s3_create_new_file_on_insert = 1; INSERT INTO FUNCTION s3('$ep/bkt/plain/x.csv', 'S3RVER', 'S3RVER', 'CSV') SELECT 10, 'n1'; INSERT INTO FUNCTION s3('$ep/bkt/plain/x.csv', 'S3RVER', 'S3RVER', 'CSV') SELECT 11, 'n2'" ||
    bad "s3_create_new_file_on_insert"
expect "s3_create_new_file_on_insert names x.1.csv, x.2.csv" "$(printf 'plain/x.1.csv\nplain/x.2.csv\nplain/x.csv')" "$(objects plain | grep 'plain/x')"
expect "ClickHouse reads the new one" "$(printf '11\tn2')" \
    "$(chdb "SELECT * FROM s3('$ep/bkt/plain/x.2.csv', 'S3RVER', 'S3RVER', 'CSV', 'a UInt8, b String')")"
q "SET s3_truncate_on_insert = 1; INSERT INTO FUNCTION s3('$ep/bkt/plain/x.1.csv', 'S3RVER', 'S3RVER', 'CSV') SELECT 12, 't'" ||
    bad "s3_truncate_on_insert"
expect "s3_truncate_on_insert replaces the object" "$(printf '12\tt')" \
    "$(chdb "SELECT * FROM s3('$ep/bkt/plain/x.1.csv', 'S3RVER', 'S3RVER', 'CSV', 'a UInt8, b String')")"
for k in x.1.csv x.2.csv; do curl -fs -X DELETE "$ep/bkt/plain/$k" >/dev/null; done

# --- compressed objects: from the name or the compression argument
q "INSERT INTO FUNCTION s3('$ep/bkt/z/a.csv.gz', 'S3RVER', 'S3RVER', 'CSV') SELECT number, 'x' FROM numbers(3)" &&
    expect "gzip from the .gz name, read by ClickHouse" "$(printf '0\tx\n1\tx\n2\tx')" \
        "$(chdb "SELECT * FROM s3('$ep/bkt/z/a.csv.gz', 'S3RVER', 'S3RVER', 'CSV', 'a UInt8, b String')")" ||
    bad "INSERT INTO FUNCTION s3 ... .gz"
q "CREATE TABLE zt (a UInt32, k UInt8) ENGINE = S3('$ep/bkt/zt/', 'S3RVER', 'S3RVER', 'CSV', 'zstd') PARTITION BY k" &&
    q "INSERT INTO zt SELECT number, number % 2 FROM numbers(6)" || bad "zstd engine INSERT"
expect "zstd objects named <id>.csv as ClickHouse names them" "2" "$(objects zt | grep -cE '^zt/k=[01]/[0-9]{19}\.csv$')"
expect "ClickHouse reads the zstd objects" "$(printf '0\n2\n4')" \
    "$(chdb "SELECT a FROM s3('$ep/bkt/zt/k=0/*.csv', 'S3RVER', 'S3RVER', 'CSV', 'a UInt32', 'zstd') ORDER BY a")"
expect "floe reads them back" "$(printf '1\t1\n3\t1\n5\t1')" "$(q "SELECT * FROM zt WHERE k = 1 ORDER BY a")"

# --- a table without PARTITION BY is one object; NOSIGN
q "CREATE TABLE one (a UInt8, b String) ENGINE = S3('$ep/bkt/plain/x.csv', NOSIGN, 'CSV')" &&
    expect "S3(url, NOSIGN, format) reads the object" "$(printf '0\tv0\n1\tv1\n2\tv2')" "$(q "SELECT * FROM one")" ||
    bad "S3 NOSIGN"
expect_error "INSERT into an existing object: 36" "(BAD_ARGUMENTS)" q "INSERT INTO one VALUES (9, 'z')"
q "CREATE TABLE glob (a UInt8, b String) ENGINE = S3('$ep/bkt/plain/*.csv', 'S3RVER', 'S3RVER', 'CSV')"
expect "a glob path reads every match" "3" "$(q "SELECT count() FROM glob")"
expect_error "a glob path is read-only" "(DATABASE_ACCESS_DENIED)" q "INSERT INTO glob VALUES (1, 'a')"

# --- the wildcard strategy
q "CREATE TABLE wc (a UInt32, k UInt8) ENGINE = S3('$ep/bkt/wc/part_{_partition_id}.csv', 'S3RVER', 'S3RVER', 'CSV', 'none', 'wildcard') PARTITION BY k" &&
    q "INSERT INTO wc SELECT number, number % 2 FROM numbers(6)" && ok "wildcard INSERT" || bad "wildcard INSERT"
expect "one object per partition value" "$(printf 'wc/part_0.csv\nwc/part_1.csv')" "$(objects wc)"
expect "ClickHouse reads them" "$(printf '0\t0\n2\t0\n4\t0')" \
    "$(chdb "SELECT * FROM s3('$ep/bkt/wc/part_0.csv', 'S3RVER', 'S3RVER', 'CSV', 'a UInt32, k UInt8')")"

# --- errors
# (messages and codes from chref's CREATE TABLE of the same engines)
expect_error "unknown partition strategy" "Code: 36. DB::Exception: Partition strategy sideways is not supported. (BAD_ARGUMENTS)" \
    q "CREATE TABLE e1 (a UInt8, b UInt8) ENGINE = S3('$ep/bkt/e/', 'S3RVER', 'S3RVER', 'Parquet', 'none', 'sideways') PARTITION BY a"
expect_error "hive with only partition columns" "Code: 117. DB::Exception: A hive partitioned file can't contain only partition columns. Try reading it with \`use_hive_partitioning=0\` and/or \`partition_strategy != hive\`. (INCORRECT_DATA)" \
    q "CREATE TABLE e2 (a UInt8) ENGINE = S3('$ep/bkt/e/', 'Parquet', partition_strategy = 'hive') PARTITION BY a"
expect_error "hive with an expression key" "Code: 36. DB::Exception: Hive partitioning expects that the partition by expression columns are a part of the storage columns, could not find 'toString(a)' in storage. (BAD_ARGUMENTS)" \
    q "CREATE TABLE e3 (a UInt8, b String) ENGINE = S3('$ep/bkt/e/', 'Parquet', partition_strategy = 'hive') PARTITION BY toString(a)"
expect_error "hive with a glob" "Code: 36. DB::Exception: Partition strategy hive can not be used with a globbed path. (BAD_ARGUMENTS)" \
    q "CREATE TABLE e4 (a UInt8, b String) ENGINE = S3('$ep/bkt/x/*.csv', 'CSV', partition_strategy = 'hive') PARTITION BY a"
expect_error "wildcard without {_partition_id}" "Code: 36. DB::Exception: Partition strategy wildcard can not be used without a '_partition_id' wildcard. (BAD_ARGUMENTS)" \
    q "CREATE TABLE e5 (a UInt8, b String) ENGINE = S3('$ep/bkt/x.csv', 'CSV', partition_strategy = 'wildcard') PARTITION BY a"
expect_error "a missing bucket: S3_ERROR without the secret" "(S3_ERROR)" \
    q "SELECT * FROM s3('$ep/nobucket/x.csv', 'S3RVER', 'S3RVER', 'CSV', 'a UInt8')"
"$floe" local --path "$data" -q "SELECT * FROM s3('$ep/nobucket/x.csv', 'S3RVER', 'TOPSECRET', 'CSV', 'a UInt8')" 2>"$work/err.txt"
expect "no secret in the error" "0" "$(grep -c TOPSECRET "$work/err.txt")"
q "DROP TABLE t" && expect "DROP TABLE leaves the objects" "3" "$(objects tbl | wc -l)"
q "TRUNCATE TABLE t2" && expect "TRUNCATE removes the table's objects" "0" "$(objects kv | wc -l)"
finish
