// Parts written by floe are attached by ClickHouse (chDB), and parts written
// by ClickHouse are read by floe: both sides must return the same rows, and
// each uses the other's data-skipping indices to skip granules. ClickHouse
// writes once with the settings of floe's own format (Wide, uncompressed
// marks) and once with its defaults (Compact parts, compressed marks,
// primary.cidx, strings with a .size stream, sparse columns).
// Usage: node mergetree_interop.mjs FLOE_BIN WORKDIR
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const chdb = require('chdb');
const [floe, work] = process.argv.slice(2);
let passed = 0, failed = 0;
const check = (name, got, want) => {
  if (got === want) { passed++; return; }
  failed++;
  console.log(`FAIL ${name}\n--- want\n${want}\n--- got\n${got}`);
};
const runFloe = (dir, sql) =>
  execFileSync(floe, ['local', '--path', dir, '-q', sql], { encoding: 'utf8', maxBuffer: 1 << 30 });

const schema = `(id UInt64, i8 Int8, u16 UInt16, i32 Int32, i64 Int64, f32 Float32, f64 Float64,
  s String, fs FixedString(3), d Date, dt DateTime('UTC'), n Nullable(Int32), ns Nullable(String),
  dec Decimal(10, 3), b Bool,
  INDEX i_i32 i32 TYPE minmax GRANULARITY 1, INDEX i_s s TYPE set(300) GRANULARITY 2,
  INDEX i_mix (d, ns) TYPE minmax GRANULARITY 1)`;
const granularity = 'index_granularity = 256';
const rows = `SELECT number AS id, toInt8(number % 200 - 100), toUInt16(number * 7), toInt32(number) - 1000,
  toInt64(number) * -1000000007, toFloat32(number / 7), number / 3, concat('s', toString(number)),
  toFixedString(toString(number % 1000), 3), toDate('2020-01-01') + number % 400,
  toDateTime('2021-06-01 00:00:00', 'UTC') + number * 37, if(number % 3 = 0, NULL, toInt32(number)),
  if(number % 5 = 0, NULL, toString(number * 2)), toDecimal32(number / 8, 3), number % 2 = 0
  FROM numbers(20000)`;
const ordered = 'SELECT * FROM t ORDER BY id FORMAT TSV';

// floe -> ClickHouse
const floeDir = path.join(work, 'floe');
runFloe(floeDir, `CREATE TABLE t ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id
  SETTINGS ${granularity};
  INSERT INTO t ${rows}`);
const floeRows = runFloe(floeDir, ordered);
const ch = new chdb.Session(path.join(work, 'ch'));
ch.query(`CREATE TABLE t ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id
  SETTINGS ${granularity}`);
const chData = ch.query("SELECT arrayJoin(data_paths) FROM system.tables WHERE name = 't'", 'TSVRaw').trim();
const floeTable = path.join(floeDir, 'data', 'default', 't');
const parts = fs.readdirSync(floeTable).filter((p) => /^\d+_\d+_\d+_\d+$/.test(p)).sort();
fs.mkdirSync(path.join(chData, 'detached'), { recursive: true });
for (const p of parts) {
  fs.cpSync(path.join(floeTable, p), path.join(chData, 'detached', p), { recursive: true });
  ch.query(`ALTER TABLE t ATTACH PART '${p}'`);
}
check('ClickHouse reads the parts floe wrote', ch.query(ordered), floeRows);
check('row count', ch.query('SELECT count() FROM t', 'TSV'), '20000\n');
// ClickHouse reads floe's skp_idx files: EXPLAIN shows the granules each skips
const skipQueries = [
  ['i_i32', 'i32 > 18900'], ['i_s', "s = 's12345'"], ['i_mix', "d > '2019-12-31' AND ns < '1'"]];
const explainGranules = (sess, idx, cond) => {
  const plan = sess.query(`EXPLAIN indexes = 1 SELECT count() FROM t WHERE ${cond}`, 'TSVRaw');
  const at = plan.indexOf(`Name: ${idx}`);
  const m = at < 0 ? null : /Granules: (\d+)\/(\d+)/.exec(plan.slice(at));
  return m ? [Number(m[1]), Number(m[2])] : null;
};
for (const [idx, cond] of skipQueries) {
  const g = explainGranules(ch, idx, cond);
  check(`ClickHouse skips granules with floe's ${idx}`, g !== null && g[0] < g[1], true);
  check(`ClickHouse's answer over floe's ${idx}`, ch.query(`SELECT count(), sum(id) FROM t WHERE ${cond}`, 'TSV'),
    runFloe(floeDir, `SELECT count(), sum(id) FROM t WHERE ${cond}`));
}

// ClickHouse -> floe
ch.query(`CREATE TABLE c ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id
  SETTINGS ${granularity}, min_bytes_for_wide_part = 0, compress_marks = 0, compress_primary_key = 0,
  string_serialization_version = 'single_stream', serialization_info_version = 'basic',
  ratio_of_defaults_for_sparse_serialization = 1`);
ch.query(`INSERT INTO c ${rows}`);
ch.query('OPTIMIZE TABLE c FINAL');
const chRows = ch.query('SELECT * FROM c ORDER BY id', 'TSV');
const cData = ch.query("SELECT arrayJoin(data_paths) FROM system.tables WHERE name = 'c'", 'TSVRaw').trim();
const cParts = ch.query("SELECT name FROM system.parts WHERE table = 'c' AND active ORDER BY name", 'TSVRaw')
  .trim().split('\n');
const floe2 = path.join(work, 'floe2');
runFloe(floe2, `CREATE TABLE t ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id
  SETTINGS ${granularity}`);
for (const p of cParts)
  fs.cpSync(path.join(cData, p), path.join(floe2, 'data', 'default', 't', p), { recursive: true });
check('floe reads the parts ClickHouse wrote', runFloe(floe2, ordered), chRows);
check('floe sees ClickHouse part names',
  runFloe(floe2, "SELECT name FROM system.parts WHERE table = 't' ORDER BY name").trim(), cParts.join('\n'));
// floe reads ClickHouse's skp_idx files: it reads no more granules than
// ClickHouse does (max_rows_to_read fails the query otherwise)
for (const [idx, cond] of skipQueries) {
  const plan = ch.query(`EXPLAIN indexes = 1 SELECT count() FROM c WHERE ${cond}`, 'TSVRaw');
  const at = plan.indexOf(`Name: ${idx}`);
  const m = /Granules: (\d+)\/(\d+)/.exec(plan.slice(at));
  const limit = Math.max(1, Number(m[1]) * 256);
  let got;
  try {
    got = runFloe(floe2, `SELECT count(), sum(id) FROM t WHERE ${cond}
      SETTINGS force_data_skipping_indices = '${idx}', max_rows_to_read = ${limit}`);
  } catch (e) { got = String(e.stderr || e); }
  check(`floe skips granules with ClickHouse's ${idx}`, got,
    ch.query(`SELECT count(), sum(id) FROM c WHERE ${cond}`, 'TSV'));
}
// ClickHouse -> floe with ClickHouse's default settings: small parts are
// Compact (data.bin, data.cmrk4), and min_bytes_for_wide_part = 0 alone gives
// Wide parts with .cmrk2 marks; both have primary.cidx, strings with a .size
// stream, and sparse serialization for the mostly-default columns of the
// second insert
const sparseRows = `SELECT number + 100000 AS id, if(number % 23 = 0, 5, 0), 0, 0, 0, 0, 0,
  if(number % 17 = 0, 'x', ''), '', toDate('2020-03-01') + number % 50,
  toDateTime('2021-06-01 00:00:00', 'UTC'), if(number % 4 = 0, NULL, 0), NULL,
  toDecimal32(0, 3), number % 31 = 0
  FROM numbers(3000)`;
const workDir = (name) => path.join(work, name);
for (const [tname, extra, partType] of [
  ['dc', '', 'Compact'], ['dw', ', min_bytes_for_wide_part = 0', 'Wide'],
  // sparse Nullable columns (no null map: the rows left out are NULL)
  ['dn', ", nullable_serialization_version = 'allow_sparse'", 'Compact']]) {
  ch.query(`CREATE TABLE ${tname} ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id
    SETTINGS ${granularity}${extra}`);
  ch.query(`INSERT INTO ${tname} ${rows}`);
  ch.query(`INSERT INTO ${tname} ${sparseRows}`);
  const types = ch.query(`SELECT DISTINCT part_type FROM system.parts WHERE table = '${tname}'`, 'TSVRaw');
  check(`ClickHouse wrote ${partType} parts for ${tname}`, types, `${partType}\n`);
  const sparse = ch.query(`SELECT count() > 0 FROM system.parts_columns WHERE table = '${tname}'
    AND serialization_kind = 'Sparse'`, 'TSVRaw');
  check(`ClickHouse wrote sparse columns for ${tname}`, sparse, '1\n');
  const data = ch.query(`SELECT arrayJoin(data_paths) FROM system.tables WHERE name = '${tname}'`, 'TSVRaw').trim();
  const names = ch.query(`SELECT name FROM system.parts WHERE table = '${tname}' AND active ORDER BY name`,
    'TSVRaw').trim().split('\n');
  const dir = workDir(`floe_${tname}`);
  runFloe(dir, `CREATE TABLE t ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id
    SETTINGS ${granularity}`);
  for (const p of names)
    fs.cpSync(path.join(data, p), path.join(dir, 'data', 'default', 't', p), { recursive: true });
  const want = ch.query(`SELECT * FROM ${tname} ORDER BY id`, 'TSV');
  check(`floe's system.parts shows ${partType} parts`,
    runFloe(dir, "SELECT DISTINCT part_type FROM system.parts WHERE table = 't'"), `${partType}\n`);
  check(`floe reads ClickHouse's default ${partType} parts`, runFloe(dir, ordered), want);
  const cond = "id BETWEEN 5000 AND 9000 OR s = 'x'";
  check(`floe reads granules of ClickHouse's default ${partType} parts`,
    runFloe(dir, `SELECT count(), sum(id), sum(i8), countIf(n IS NULL), sum(length(ns)) FROM t WHERE ${cond}`),
    ch.query(`SELECT count(), sum(id), sum(i8), countIf(n IS NULL), sum(length(ns)) FROM ${tname} WHERE ${cond}`, 'TSV'));
  // primary.cidx prunes granules: floe reads no more granules than
  // ClickHouse keeps with its primary key
  const pkCond = 'id BETWEEN 5000 AND 5100';
  const pkPlan = ch.query(`EXPLAIN indexes = 1 SELECT count() FROM ${tname} WHERE ${pkCond}`, 'TSVRaw');
  const pkKept = /Granules: (\d+)\/(\d+)/.exec(pkPlan.slice(pkPlan.indexOf('PrimaryKey')));
  let pruned;
  try {
    pruned = runFloe(dir, `SELECT count() FROM t WHERE ${pkCond}
      SETTINGS max_rows_to_read = ${Number(pkKept[1]) * 256}`);
  } catch (e) { pruned = String(e.stderr || e); }
  check(`floe prunes with primary.cidx of ${partType} parts`, Number(pkKept[1]) < Number(pkKept[2]) && pruned, '101\n');
  // ClickHouse's data-skipping indices of default parts (.cmrk4 / .cmrk2 marks)
  for (const [idx, cond] of skipQueries) {
    const plan = ch.query(`EXPLAIN indexes = 1 SELECT count() FROM ${tname} WHERE ${cond}`, 'TSVRaw');
    const m = /Granules: (\d+)\/(\d+)/.exec(plan.slice(plan.indexOf(`Name: ${idx}`)));
    let got;
    try {
      got = runFloe(dir, `SELECT count(), sum(id) FROM t WHERE ${cond}
        SETTINGS force_data_skipping_indices = '${idx}', max_rows_to_read = ${Math.max(1, Number(m[1]) * 256)}`);
    } catch (e) { got = String(e.stderr || e); }
    check(`floe skips granules of default ${partType} parts with ClickHouse's ${idx}`, got,
      ch.query(`SELECT count(), sum(id) FROM ${tname} WHERE ${cond}`, 'TSV'));
  }
  // merges and mutations read the parts whole and write Wide parts
  runFloe(dir, 'OPTIMIZE TABLE t FINAL');
  check(`floe merges ClickHouse's default ${partType} parts`, runFloe(dir, ordered), want);
  check(`one Wide part per partition after floe's merge of ${tname}`,
    runFloe(dir, `SELECT count() = uniqExact(partition_id), countIf(part_type != 'Wide') FROM system.parts
      WHERE table = 't' AND active`), '1\t0\n');
  const update = "ALTER TABLE t UPDATE i32 = i32 + 1, s = concat(s, '!') WHERE id % 7 = 0";
  const dir2 = workDir(`floe_${tname}_mut`);
  runFloe(dir2, `CREATE TABLE t ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id
    SETTINGS ${granularity}`);
  for (const p of names)
    fs.cpSync(path.join(data, p), path.join(dir2, 'data', 'default', 't', p), { recursive: true });
  runFloe(dir2, `${update} SETTINGS mutations_sync = 1`);
  ch.query(`${update.replace('TABLE t', `TABLE ${tname}`)} SETTINGS mutations_sync = 1`);
  check(`floe mutates ClickHouse's default ${partType} parts`, runFloe(dir2, ordered),
    ch.query(`SELECT * FROM ${tname} ORDER BY id`, 'TSV'));
  // ATTACH PART of a default part copied into detached/
  const one = ch.query(`SELECT name, partition_id FROM system.parts WHERE table = '${tname}' AND active
    AND partition_id = '202003' ORDER BY name LIMIT 1`, 'TSVRaw').trim().split('\t');
  const dir3 = workDir(`floe_${tname}_attach`);
  runFloe(dir3, `CREATE TABLE t ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id
    SETTINGS ${granularity}`);
  fs.mkdirSync(path.join(dir3, 'data', 'default', 't', 'detached'), { recursive: true });
  fs.cpSync(path.join(data, one[0]), path.join(dir3, 'data', 'default', 't', 'detached', one[0]),
    { recursive: true });
  runFloe(dir3, `ALTER TABLE t ATTACH PART '${one[0]}'`);
  const attached = ch.query(`SELECT * FROM ${tname} WHERE _part = '${one[0]}' ORDER BY id`, 'TSV');
  check(`floe attaches a default ${partType} part from detached/`,
    attached.length > 0 && runFloe(dir3, ordered) === attached, true);
  // an index floe adds to that part has marks of the part's type
  // (.cmrk4/.cmrk2), where ClickHouse looks for them
  runFloe(dir3, `ALTER TABLE t ADD INDEX i_new i64 TYPE minmax GRANULARITY 1;
    ALTER TABLE t MATERIALIZE INDEX i_new SETTINGS mutations_sync = 1`);
  const mutated = runFloe(dir3, "SELECT name FROM system.parts WHERE table = 't' AND active").trim();
  const back = `back_${tname}`;
  ch.query(`CREATE TABLE ${back} ${schema.replace(/\)$/, ', INDEX i_new i64 TYPE minmax GRANULARITY 1)')}
    ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id SETTINGS ${granularity}`);
  const backData = ch.query(`SELECT arrayJoin(data_paths) FROM system.tables WHERE name = '${back}'`,
    'TSVRaw').trim();
  fs.mkdirSync(path.join(backData, 'detached'), { recursive: true });
  fs.cpSync(path.join(dir3, 'data', 'default', 't', mutated), path.join(backData, 'detached', mutated),
    { recursive: true });
  ch.query(`ALTER TABLE ${back} ATTACH PART '${mutated}'`);
  const newCond = 'i64 > -50000000000';
  check(`ClickHouse uses the index floe added to a default ${partType} part`,
    ch.query(`SELECT count(), sum(id) FROM ${back} WHERE ${newCond}
      SETTINGS force_data_skipping_indices = 'i_new'`, 'TSV'),
    ch.query(`SELECT count(), sum(id) FROM ${tname} WHERE _part = '${one[0]}' AND ${newCond}`, 'TSV'));
  check(`CHECK TABLE of that part in ClickHouse`,
    ch.query(`CHECK TABLE ${back}`, 'TSVRaw').split('\t')[1], '1');
}
ch.cleanup?.();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
