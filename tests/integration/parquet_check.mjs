// Parquet interoperability check, run by parquet_readers.sh.
//
// For each case, ClickHouse (chDB) runs a query twice: once printing
// RowBinaryWithNamesAndTypes, which floe's writer (parquet_gen) turns into a
// Parquet file, and once writing its own Parquet file. Three independent
// readers -- DuckDB, arrow-rs (parquet-wasm) and ClickHouse itself -- then
// read both files, and what they see must be identical: same schema, same
// values, NULLs, NaNs and extremes included.
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { query as chQuery } from 'chdb';
import { DuckDBInstance } from '@duckdb/node-api';
import * as wasm from 'parquet-wasm/node';
import { tableFromIPC } from 'apache-arrow';

const gen = process.argv[2];
const dir = process.argv[3];
const only = process.argv[4];
mkdirSync(dir, { recursive: true });

const allTypes = (n) => `
SELECT
  toUInt8(number % 256) AS u8,
  toUInt16(number * 7 % 65536) AS u16,
  toUInt32(if(number % 4 = 0, 4294967295, number * 2654435761 % 4294967296)) AS u32,
  toUInt64(if(number % 5 = 0, 18446744073709551615, number * 1000003)) AS u64,
  toInt8(number % 256 - 128) AS i8,
  toInt16(if(number % 6 = 0, -32768, number * 13 % 32768)) AS i16,
  toInt32(if(number % 7 = 0, -2147483648, if(number % 7 = 1, 2147483647, number * -13))) AS i32,
  toInt64(if(number % 9 = 0, -9223372036854775808, if(number % 9 = 1, 9223372036854775807, number * -1000000007))) AS i64,
  toFloat32(multiIf(number % 11 = 0, nan, number % 13 = 0, inf, number % 17 = 0, -inf, number % 19 = 0, -0., number / 3)) AS f32,
  toFloat64(multiIf(number % 11 = 3, nan, number % 13 = 3, inf, number % 17 = 3, -inf, number % 19 = 3, -0., number / 7 - 100)) AS f64,
  number % 3 = 0 AS b,
  multiIf(number % 10 = 0, '', number % 10 = 1, 'üñí\\0côdé', concat(repeat('x', number % 20), toString(number))) AS s,
  toFixedString(toString(number % 1000), 4) AS fs,
  toDate(number * 37 % 40000) AS d,
  toDate32(toInt32(number * 101 % 100000) - 25567) AS d32,
  toDateTime(number * 86413 % 4294967295, 'UTC') AS dt,
  toDateTime64(number * 1234567 - 500000000, 3, 'UTC') AS dt3,
  toDateTime64(number * 1234567, 6, 'UTC') AS dt6,
  toDateTime64(number * 123456789, 9, 'UTC') AS dt9,
  toDateTime64(number * 100, 0, 'UTC') AS dt0,
  toDateTime64(number * 100, 5, 'UTC') AS dt5,
  toDecimal32(toInt64(number) * 37 - 5000, 2) AS dec32,
  toDecimal64(toInt64(number) * -1234567 + 7, 6) AS dec64,
  toDecimal128(toInt64(number) * 1234567891 - 99, 20) AS dec128,
  toUUID(concat(lpad(hex(number), 8, '0'), '-0000-4000-8000-', lpad(hex(number * 12345), 12, '0'))) AS uuid,
  CAST(multiIf(number % 3 = 0, 'neg', number % 3 = 1, 'a', 'b'), 'Enum8(\\'neg\\' = -128, \\'a\\' = 1, \\'b\\' = 127)') AS e8,
  CAST(if(number % 2 = 0, 'x', 'y'), 'Enum16(\\'x\\' = -1000, \\'y\\' = 1000)') AS e16,
  toLowCardinality(toString(number % 7)) AS lc,
  if(number % 3 = 0, NULL, number) AS n_u64,
  if(number % 4 = 1, NULL, toString(number)) AS n_s,
  if(number % 5 = 2, NULL, number / 3) AS n_f64,
  toLowCardinality(if(number % 6 = 0, NULL, toString(number % 5))) AS n_lc,
  if(number % 2 = 0, NULL, toDecimal64(number, 3)) AS n_dec,
  if(number % 3 = 1, NULL, toDateTime64(number, 3, 'UTC')) AS n_dt3,
  if(number % 4 = 0, NULL, toDate(number)) AS n_d,
  if(number % 5 = 0, NULL, number % 2 = 1) AS n_b,
  if(number % 2 = 1, NULL, toUUID('00112233-4455-6677-8899-aabbccddeeff')) AS n_uuid,
  if(number % 3 = 2, NULL, toFixedString('ab', 2)) AS n_fs,
  if(number % 2 = 0, NULL, CAST('a', 'Enum8(\\'a\\' = 1)')) AS n_e8,
  CAST(NULL, 'Nullable(Int32)') AS all_null
FROM numbers(${n})`;

const nums = (n) => `SELECT number AS id, toUInt32(number % 1000) AS k, toString(number % 77) AS s,
  toDateTime(1600000000 + number, 'UTC') AS t, number / 7 AS f FROM numbers(${n})`;

const arrays = (n) => `SELECT number AS id,
  arrayMap(x -> toUInt32(x * 7), range(number % 5)) AS a_u32,
  arrayMap(x -> if(x % 3 = 1, NULL, toString(x)), range(number % 4)) AS a_ns,
  arrayMap(x -> toFloat64(x) / 3, range(number % 3)) AS a_f64,
  if(number % 2 = 0, [], ['', 'x', repeat('y', number % 7)]) AS a_s,
  arrayMap(x -> toDateTime64(x, 3, 'UTC'), range(number % 2)) AS a_dt,
  arrayMap(x -> toDecimal64(x, 2) - 3, range(number % 3)) AS a_dec
FROM numbers(${n})`;

const tuples = (n) => `SELECT number AS id,
  tuple(toUInt8(number % 200), toString(number)) AS t,
  CAST((number % 3, arrayMap(x -> toUInt16(x), range(number % 4)), if(number % 5 = 0, NULL, 'v' || toString(number))),
       'Tuple(a UInt64, b Array(UInt16), c Nullable(String))') AS n,
  arrayMap(x -> if(x = 1, NULL, x * 1.5), range(number % 3)) AS a_nf
FROM numbers(${n})`;

// [name, query, parquet_gen flags, ClickHouse settings for its own file]
const cases = [
  ['types_0rows', allTypes(0), []],
  ['types_1row', allTypes(1), []],
  ['types_3000', allTypes(3000), []],
  ['types_rowgroups', allTypes(3000), ['-r', '700', '-p', '512', '-B', '333']],
  ['types_plain', allTypes(2000), ['-d', '0', '-x', '0']],
  ['types_delta', allTypes(2000), ['-d', '0', '-x', '1']],
  ['types_dict_fallback', allTypes(2000), ['-D', '300', '-p', '2000']],
  ['types_threads', allTypes(5000), ['-t', '4', '-r', '1500']],
  ['codec_none', allTypes(500), ['-c', 'none']],
  ['codec_snappy', allTypes(500), ['-c', 'snappy']],
  ['codec_gzip', allTypes(500), ['-c', 'gzip']],
  ['codec_brotli', allTypes(500), ['-c', 'brotli']],
  ['codec_lz4', allTypes(500), ['-c', 'lz4']],
  ['codec_zstd9', allTypes(500), ['-c', 'zstd', '-l', '9']],
  ['nums_pages', nums(200000), ['-p', '4096', '-r', '50000', '-F', '1']],
  ['nums_delta', nums(100000), ['-d', '0', '-x', '1', '-p', '65536']],
  ['arrays', arrays(3000), ['-p', '700', '-r', '1100']],
  ['arrays_plain', arrays(500), ['-d', '0', '-c', 'snappy']],
  ['arrays_tuples', tuples(2000), ['-p', '900', '-r', '700', '-t', '3']],
  ['kv_sorting', nums(1000), ['-k', 'origin=floe', '-k', 'empty', '-s', '0,0,1', '-s', '3,1,0']],
];

const duck = await (await DuckDBInstance.create(':memory:')).connect();
async function duckRows(sql) {
  const r = await duck.runAndReadAll(sql);
  return JSON.stringify(r.getRowObjectsJson());
}

let failed = 0;
function check(name, what, got, want) {
  if (got !== want) {
    failed++;
    let at = 0;
    while (at < got.length && got[at] === want[at]) at++;
    const from = Math.max(0, at - 200);
    console.log(`FAIL ${name}: ${what} (first difference at ${at})`);
    console.log(`  floe:       ${got.slice(from, at + 300)}`);
    console.log(`  ClickHouse: ${want.slice(from, at + 300)}`);
    return false;
  }
  return true;
}

for (const [name, q, flags] of cases) {
  if (only && name !== only) continue;
  try {
    await runCase(name, q, flags);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message.split('\n')[0]}`);
  }
}
process.exit(failed ? 1 : 0);

async function runCase(name, q, flags) {
  const bin = `${dir}/${name}.bin`, ours = `${dir}/${name}.parquet`, ref = `${dir}/${name}.ch.parquet`;
  chQuery(`${q} INTO OUTFILE '${bin}' TRUNCATE FORMAT RowBinaryWithNamesAndTypes`, 'TSV');
  chQuery(`${q} INTO OUTFILE '${ref}' TRUNCATE FORMAT Parquet`, 'TSV');
  execFileSync(gen, [...flags, ours], { input: readFileSync(bin), stdio: ['pipe', 'inherit', 'inherit'] });

  let ok = true;
  // DuckDB: schema and values.
  const schemaCols = 'name, type, type_length, repetition_type, num_children, converted_type, scale, precision, logical_type';
  ok &= check(name, 'DuckDB schema',
    await duckRows(`SELECT ${schemaCols} FROM parquet_schema('${ours}')`),
    await duckRows(`SELECT ${schemaCols} FROM parquet_schema('${ref}')`));
  ok &= check(name, 'DuckDB values',
    await duckRows(`SELECT * FROM '${ours}'`), await duckRows(`SELECT * FROM '${ref}'`));
  // arrow-rs: the Arrow IPC stream of each file.
  const arrow = (f) => {
    const t = tableFromIPC(wasm.readParquet(readFileSync(f)).intoIPCStream());
    const fields = t.schema.fields.map((x) => `${x.name}: ${x.type} ${x.nullable}`).join(', ');
    const plain = (k, v) => typeof v === 'bigint' ? v.toString()
      : ArrayBuffer.isView(v) ? Array.from(v).join(':') : v;
    return fields + '\n' + JSON.stringify(t.toArray().map((r) => r.toJSON()), plain);
  };
  ok &= check(name, 'parquet-wasm (arrow-rs) values', arrow(ours), arrow(ref));
  // ClickHouse: types, values, and a filtered read that can use the page index.
  const ch = (f, where = '') => chQuery(`SELECT * FROM file('${f}') ${where} SETTINGS max_threads = 1,
    input_format_parquet_preserve_order = 1, input_format_parquet_filter_push_down = 1`, 'TSVWithNamesAndTypes');
  ok &= check(name, 'ClickHouse values', ch(ours), ch(ref));
  if (name === 'nums_pages') {
    // Bloom filters (here on every chunk, -F 1), probed by DuckDB: never
    // excluding a row group that has the value, excluding those that do not.
    const probe = async (col, v) => duckRows(`SELECT bool_or(bloom_filter_excludes) AS any_ex,
      bool_and(bloom_filter_excludes) AS all_ex FROM parquet_bloom_probe('${ours}', '${col}', ${v})`);
    ok &= check(name, 'bloom present', await probe('s', "'5'"), JSON.stringify([{ any_ex: false, all_ex: false }]));
    ok &= check(name, 'bloom absent', await probe('s', "'nope'"), JSON.stringify([{ any_ex: true, all_ex: true }]));
    ok &= check(name, 'bloom id', await duckRows(`SELECT count(*) FILTER (WHERE NOT bloom_filter_excludes) AS kept
      FROM parquet_bloom_probe('${ours}', 'id', 12345)`), JSON.stringify([{ kept: '1' }]));
  }
  if (name.startsWith('nums')) {
    const filt = 'WHERE id BETWEEN 12345 AND 12400 OR s = \'5\'';
    ok &= check(name, 'ClickHouse filtered', ch(ours, filt), ch(ref, filt));
  }
  // floe's own reader: RowBinaryWithNamesAndTypes of what it reads must be
  // ClickHouse's byte for byte -- for floe's file, ClickHouse's file, and a
  // file DuckDB writes from ClickHouse's.
  // A DuckDB file in Parquet v2 (data pages v2, DELTA_LENGTH_BYTE_ARRAY,
  // BYTE_STREAM_SPLIT, DELTA_BINARY_PACKED) is compared with ClickHouse
  // reading DuckDB's v1 file of the same data: ClickHouse itself misreads
  // DuckDB's INT32 DELTA_BINARY_PACKED pages whose differences overflow 32 bits.
  const files = [[ours, ours], [ref, ref]];
  if (!name.startsWith('codec_')) {
    const duckFile = `${dir}/${name}.duck.parquet`, duckV2 = `${dir}/${name}.duck2.parquet`;
    await duck.run(`COPY (SELECT * FROM '${ref}') TO '${duckFile}' (FORMAT parquet)`);
    await duck.run(`COPY (SELECT * FROM '${ref}') TO '${duckV2}' (FORMAT parquet, PARQUET_VERSION V2)`);
    files.push([duckFile, duckFile], [duckV2, duckFile]);
  }
  if (name === 'types_3000') {
    // arrow-rs writing the deprecated LZ4 codec (Hadoop framing).
    const lz4 = `${dir}/${name}.lz4.parquet`;
    const props = new wasm.WriterPropertiesBuilder().setCompression(wasm.Compression.LZ4).build();
    writeFileSync(lz4, wasm.writeParquet(wasm.readParquet(readFileSync(ref)), props));
    files.push([lz4, lz4]);
  }
  for (const [f, chFile] of files) {
    const chBin = `${f}.ch.bin`;
    chQuery(`SELECT * FROM file('${chFile}') INTO OUTFILE '${chBin}' TRUNCATE FORMAT RowBinaryWithNamesAndTypes
      SETTINGS max_threads = 1, input_format_parquet_preserve_order = 1`, 'TSV');
    const mine = execFileSync(gen, ['-R', f], { maxBuffer: 1 << 30 });
    ok &= check(name, `floe reader on ${f.slice(dir.length + 1)}`, mine.toString('base64'),
      readFileSync(chBin).toString('base64'));
  }
  if (name === 'types_threads') {
    // The same file with one thread: byte-identical.
    const one = `${dir}/${name}.1.parquet`;
    execFileSync(gen, ['-t', '1', '-r', '1500', one], { input: readFileSync(bin) });
    ok &= check(name, 'threads vs single thread bytes',
      readFileSync(ours).toString('base64'), readFileSync(one).toString('base64'));
  }
  if (name.startsWith('codec_')) {
    const want = { none: 'UNCOMPRESSED', snappy: 'SNAPPY', gzip: 'GZIP', brotli: 'BROTLI', lz4: 'LZ4_RAW', zstd9: 'ZSTD' }[name.slice(6)];
    ok &= check(name, 'codec', await duckRows(`SELECT DISTINCT compression FROM parquet_metadata('${ours}')`),
      JSON.stringify([{ compression: want }]));
  }
  if (name === 'types_rowgroups') {
    ok &= check(name, 'row groups', await duckRows(`SELECT count(*) AS n, sum(row_group_num_rows) AS rows FROM parquet_metadata('${ours}') WHERE column_id = 0`),
      JSON.stringify([{ n: '5', rows: '3000' }]));
  }
  if (name === 'kv_sorting') {
    ok &= check(name, 'key-value metadata',
      await duckRows(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${ours}') ORDER BY k`),
      JSON.stringify([{ k: 'empty', v: '' }, { k: 'origin', v: 'floe' }]));
    ok &= check(name, 'created_by', await duckRows(`SELECT created_by FROM parquet_file_metadata('${ours}')`),
      JSON.stringify([{ created_by: `floe version ${process.env.FLOE_VERSION || '0.1.0'}` }]));
  }
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
}
