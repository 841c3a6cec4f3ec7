// EXPORT PART into File(Parquet) tables, for every shape of partition key:
// each exported file is read back by DuckDB and by ClickHouse (chDB) and
// must equal the part's rows in floe, row for row, in order.
// With --s3 ENDPOINT S3DIR the destinations are S3 tables on an s3rver
// keeping its objects in S3DIR (bucket `bkt`): DuckDB reads the stored
// objects, ClickHouse reads them through s3() from the server.
// With --azure CONNECTION_STRING OBJSTORE_CLI they are AzureBlobStorage
// tables in container `cont`: the blobs are listed and downloaded with
// floe's objstore client for DuckDB, ClickHouse reads them through
// azureBlobStorage().
// Usage: node export_local.mjs FLOE_BIN WORKDIR [--s3 ENDPOINT S3DIR | --azure CONN CLI]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/node-api');
const chdb = require('chdb');
const [floe, work, mode, ep, s3dir] = process.argv.slice(2);
const s3 = mode === '--s3';
const azure = mode === '--azure';
const [azConn, azCli] = azure ? [ep, s3dir] : [];
const remote = s3 || azure;
const data = path.join(work, 'floe');
let passed = 0, failed = 0;
const check = (name, got, want) => {
  if (got === want) { passed++; return; }
  failed++;
  if (failed <= 5)
    console.log(`FAIL ${name}\n--- want (${want.length} bytes)\n${want.slice(0, 300)}\n--- got (${got.length} bytes)\n${got.slice(0, 300)}`);
  else
    console.log(`FAIL ${name}`);
};
const run = (sql) =>
  execFileSync(floe, ['local', '--path', data, '-q', sql], { encoding: 'utf8', maxBuffer: 1 << 30 });

const cols = 'id UInt64, k Int32, s String, d Date, ts DateTime(\'UTC\')';
const rows = `SELECT number, toInt32(number % 7) - 3, concat('s', toString(number % 5)),
  toDate('2020-01-01') + number % 70, toDateTime('2021-03-01 00:00:00', 'UTC') + (number % 4) * 3607 FROM numbers(30000)`;
const keys = {
  int: 'k', date: 'd', datetime: 'ts', string: 's', yyyymm: 'toYYYYMM(d)', tuple: '(k, s)', none: null,
};
// object-storage tables with the hive strategy take only columns as keys (as in ClickHouse)
if (remote) delete keys.yyyymm;
const dstEngine = (name) => s3
  ? `S3('${ep}/bkt/dst_${name}/', 'S3RVER', 'S3RVER', 'Parquet', partition_strategy = 'hive')`
  : azure
    ? `AzureBlobStorage('${azConn}', 'cont', 'dst_${name}/', 'Parquet', partition_strategy = 'hive')`
    : 'File(Parquet)';
const azRun = (...args) =>
  execFileSync(azCli, ['--conn', azConn, '--container', 'cont', ...args], { maxBuffer: 1 << 30 });
const setup = [];
for (const [name, key] of Object.entries(keys)) {
  const pb = key ? ` PARTITION BY ${key}` : '';
  setup.push(`CREATE TABLE src_${name} (${cols}) ENGINE = MergeTree${pb} ORDER BY (s, id)`);
  setup.push(`CREATE TABLE dst_${name} (${cols}) ENGINE = ${dstEngine(name)}${pb}`);
  setup.push(`INSERT INTO src_${name} ${rows}`);
}
run(setup.join(';\n'));
const exportAll = [];
for (const name of Object.keys(keys)) {
  for (const part of run(`SELECT name FROM system.parts WHERE table = 'src_${name}' AND active ORDER BY name`).trim().split('\n'))
    exportAll.push(`ALTER TABLE src_${name} EXPORT PART '${part}' TO TABLE dst_${name} SETTINGS allow_experimental_export_merge_tree_part = 1`);
}
run(exportAll.join(';\n'));

const db = await (await duckdb.DuckDBInstance.create(':memory:')).connect();
const ch = new chdb.Session(path.join(work, 'ch'));
const fmtRow = (r) => r.join('\t');
for (const [name, key] of Object.entries(keys)) {
  let root = s3 ? path.join(s3dir, 'bkt', `dst_${name}`) : path.join(data, 'data', 'default', `dst_${name}`);
  if (azure) {
    // the blobs, downloaded under their keys so the hive path stays
    root = path.join(work, 'az', `dst_${name}`);
    for (const line of String(azRun('list', `dst_${name}/`)).trim().split('\n').filter(Boolean)) {
      const key = line.split('\t')[0];
      fs.mkdirSync(path.dirname(path.join(work, 'az', key)), { recursive: true });
      fs.writeFileSync(path.join(work, 'az', key), azRun('get', key));
    }
  }
  const parts = run(`SELECT name, hash_of_all_files, partition FROM system.parts WHERE table = 'src_${name}' AND active ORDER BY name`)
    .trim().split('\n').map((l) => l.split('\t'));
  const files = [];
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else files.push(p); } };
  walk(root);
  // s3rver keeps object K as the file K._S3rver_object (and K._S3rver_metadata.json)
  if (s3) {
    const objs = files.filter((f) => f.endsWith('._S3rver_object'));
    files.length = 0;
    files.push(...objs);
  }
  const fileName = (f) => path.basename(f).replace(/\._S3rver_object$/, '');
  check(`${name}: one file per part`, String(files.filter((f) => fileName(f).endsWith('.parquet')).length), String(parts.length));
  check(`${name}: no temporary files`, files.filter((f) => fileName(f).startsWith('.tmp')).join(','), '');
  for (const [part, hash] of parts) {
    const file = files.find((f) => fileName(f) === `${part}_${hash.toUpperCase()}.parquet`);
    if (!file) { failed++; console.log(`FAIL ${name}: no file for part ${part}`); continue; }
    const want = run(`SELECT id, k, s, d, ts FROM src_${name} WHERE _part = '${part}' FORMAT TSV`);
    // DuckDB, partition columns from the hive path
    const duck = await db.runAndReadAll(`SELECT CAST(id AS VARCHAR), CAST(k AS VARCHAR), s,
      strftime(CAST(d AS DATE), '%Y-%m-%d'), strftime(CAST(ts AS TIMESTAMP), '%Y-%m-%d %H:%M:%S')
      FROM read_parquet('${file}', hive_partitioning = ${key ? 'true' : 'false'}, hive_types_autocast = false)`);
    check(`${name} ${part}: DuckDB`, duck.getRows().map(fmtRow).join('\n') + '\n', want);
    // ClickHouse reads the columns that are in the file
    const inFile = run(`SELECT name FROM system.columns WHERE table = 'src_${name}' ORDER BY position`).trim().split('\n')
      .filter((c) => !(key === c || (key === '(k, s)' && (c === 'k' || c === 's'))));
    // ClickHouse reads Parquet TIMESTAMP_MILLIS as DateTime64(3) and DATE as Date32, as it
    // does for its own files: convert back to the source types
    const conv = { ts: "toDateTime(ts, 'UTC')", d: 'toDate(d)' };
    const source = s3
      ? `s3('${ep}/bkt/dst_${name}/**/${fileName(file)}', 'S3RVER', 'S3RVER', 'Parquet')`
      : azure
        ? `azureBlobStorage('${azConn}', 'cont', '${path.relative(path.join(work, 'az'), file)}', 'Parquet')`
        : `file('${file}', Parquet)`;
    const chOut = String(ch.query(`SELECT ${inFile.map((c) => conv[c] ?? c).join(', ')} FROM ${source} FORMAT TSV`));
    const wantIn = run(`SELECT ${inFile.join(', ')} FROM src_${name} WHERE _part = '${part}' FORMAT TSV`);
    check(`${name} ${part}: ClickHouse`, chOut, wantIn);
  }
}
if (remote) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
// errors: same table, not enabled, missing part, duplicate file
const err = (sql) => { try { run(sql); return 'no error'; } catch (e) { return String(e.stderr).match(/\(([A-Z_]+)\)/)?.[1] ?? String(e.stderr); } };
check('export disabled', err("ALTER TABLE src_int EXPORT PART 'x' TO TABLE dst_int"), 'SUPPORT_IS_DISABLED');
check('same table', err("ALTER TABLE src_int EXPORT PART 'x' TO TABLE src_int SETTINGS allow_experimental_export_merge_tree_part = 1"), 'BAD_ARGUMENTS');
check('missing part', err("ALTER TABLE src_int EXPORT PART 'nope_1_1_0' TO TABLE dst_int SETTINGS allow_experimental_export_merge_tree_part = 1"), 'NO_SUCH_DATA_PART');
check('different structure', err(`CREATE TABLE other (id UInt64) ENGINE = File(Parquet); ALTER TABLE src_none EXPORT PART 'all_1_1_0' TO TABLE other SETTINGS allow_experimental_export_merge_tree_part = 1`), 'INCOMPATIBLE_COLUMNS');
check('MergeTree destination', err("ALTER TABLE src_none EXPORT PART 'all_1_1_0' TO TABLE src_int SETTINGS allow_experimental_export_merge_tree_part = 1"), 'NOT_IMPLEMENTED');
const before = run("SELECT value FROM system.events WHERE event = 'PartsExportDuplicated'");
run("ALTER TABLE src_none EXPORT PART 'all_1_1_0' TO TABLE dst_none SETTINGS allow_experimental_export_merge_tree_part = 1");
check('duplicate export leaves the file', String(fs.readdirSync(path.join(data, 'data', 'default', 'dst_none')).length), '1');
run("ALTER TABLE src_none EXPORT PART 'all_1_1_0' TO TABLE dst_none SETTINGS allow_experimental_export_merge_tree_part = 1, export_merge_tree_part_overwrite_file_if_exists = 1");
check('overwrite keeps one file', String(fs.readdirSync(path.join(data, 'data', 'default', 'dst_none')).length), '1');
void before;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
