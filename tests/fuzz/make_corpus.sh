#!/usr/bin/env bash
# Writes the floe part of the Parquet reader's seed corpus:
# tests/fuzz/corpus/parquet_reader/floe_*.parquet. Small files (a few rows)
# with every type family, codec, nullability and nesting floe writes; the
# fuzzer mutates small inputs fastest. Usage: make_corpus.sh FLOE_BINARY
set -euo pipefail
floe=$(readlink -f "$1")
out=$(cd "$(dirname "$0")" && pwd)/corpus/parquet_reader
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
w() { # name, codec, query
    "$floe" local -q "SET output_format_parquet_compression_method = '$2';
        $3 INTO OUTFILE '$out/floe_$1.parquet' TRUNCATE FORMAT Parquet"
}
w ints_zstd zstd "SELECT toInt8(number - 3) AS i8, toInt16(number * 1000) AS i16,
    toInt32(number) - 5 AS i32, toInt64(number) * -7 AS i64, toUInt8(number) AS u8,
    toUInt16(number) AS u16, toUInt32(number) AS u32, toUInt64(number) AS u64 FROM numbers(6)"
w strings_snappy snappy "SELECT toString(number % 3) AS s, repeat('x', number) AS r,
    if(number % 2, NULL, concat('v', toString(number))) AS ns FROM numbers(7)"
w nullable_gzip gzip "SELECT if(number % 3 = 0, NULL, toInt32(number)) AS ni,
    if(number = 2, NULL, number / 3) AS nf, if(number = 1, NULL, number > 2) AS nb FROM numbers(5)"
w dates_lz4 lz4 "SELECT toDate('2020-01-01') + number AS d, toDate32('1950-01-01') + number AS d32,
    toDateTime('2021-02-03 04:05:06', 'UTC') + number AS dt,
    toDateTime64('2021-02-03 04:05:06.789', 3, 'UTC') + number AS dt3,
    toDateTime64('2021-02-03 04:05:06.789012', 6, 'UTC') AS dt6 FROM numbers(4)"
w decimal_brotli brotli "SELECT toDecimal32(number / 4, 2) AS d9, toDecimal64(-number / 3, 4) AS d18,
    toDecimal128(number * 1.5, 10) AS d38 FROM numbers(4)"
w misc_none none "SELECT toUUID('61f0c404-5cb3-11e7-907b-a6006ad3dba0') AS u,
    toFixedString(toString(number), 4) AS fs, number % 2 = 0 AS b, toFloat32(number) / 3 AS f32,
    toFloat64(number) * 1e10 AS f64, toLowCardinality(toString(number % 2)) AS lc FROM numbers(4)"
w arrays_zstd zstd "SELECT if(number % 2 = 1, [number, 1], []) AS ai,
    [toString(number), NULL] AS ans, [toString(number), 'a'] AS as FROM numbers(4)"
w tuple_snappy snappy "SELECT tuple(toInt32(number), toString(number)) AS t,
    CAST((number, [number, 1]), 'Tuple(a UInt64, b Array(UInt64))') AS tn,
    CAST(if(number = 1, NULL, (number, 'z')), 'Nullable(Tuple(x UInt64, y String))') AS nt FROM numbers(3)"
"$floe" local -q "SET output_format_parquet_row_group_size = 7;
    SELECT number AS n, number * 1000003 AS big, toString(number) AS s FROM numbers(20)
    INTO OUTFILE '$out/floe_row_groups_delta.parquet' TRUNCATE FORMAT Parquet"
w empty_zstd zstd "SELECT number AS n, toString(number) AS s FROM numbers(0)"
ls -l "$out"
