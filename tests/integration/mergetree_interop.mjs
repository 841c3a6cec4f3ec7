// Parts written by floe are attached by ClickHouse (chDB), and a Wide part
// written by ClickHouse is read by floe: both sides must return the same rows.
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
  dec Decimal(10, 3), b Bool)`;
const rows = `SELECT number AS id, toInt8(number % 200 - 100), toUInt16(number * 7), toInt32(number) - 1000,
  toInt64(number) * -1000000007, toFloat32(number / 7), number / 3, concat('s', toString(number)),
  toFixedString(toString(number % 1000), 3), toDate('2020-01-01') + number % 400,
  toDateTime('2021-06-01 00:00:00', 'UTC') + number * 37, if(number % 3 = 0, NULL, toInt32(number)),
  if(number % 5 = 0, NULL, toString(number * 2)), toDecimal32(number / 8, 3), number % 2 = 0
  FROM numbers(20000)`;
const ordered = 'SELECT * FROM t ORDER BY id FORMAT TSV';

// floe -> ClickHouse
const floeDir = path.join(work, 'floe');
runFloe(floeDir, `CREATE TABLE t ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id;
  INSERT INTO t ${rows}`);
const floeRows = runFloe(floeDir, ordered);
const ch = new chdb.Session(path.join(work, 'ch'));
ch.query(`CREATE TABLE t ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id`);
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

// ClickHouse -> floe
ch.query(`CREATE TABLE c ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id
  SETTINGS min_bytes_for_wide_part = 0, compress_marks = 0, compress_primary_key = 0,
  string_serialization_version = 'single_stream', serialization_info_version = 'basic',
  ratio_of_defaults_for_sparse_serialization = 1`);
ch.query(`INSERT INTO c ${rows}`);
ch.query('OPTIMIZE TABLE c FINAL');
const chRows = ch.query('SELECT * FROM c ORDER BY id', 'TSV');
const cData = ch.query("SELECT arrayJoin(data_paths) FROM system.tables WHERE name = 'c'", 'TSVRaw').trim();
const cParts = ch.query("SELECT name FROM system.parts WHERE table = 'c' AND active ORDER BY name", 'TSVRaw')
  .trim().split('\n');
const floe2 = path.join(work, 'floe2');
runFloe(floe2, `CREATE TABLE t ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id`);
for (const p of cParts)
  fs.cpSync(path.join(cData, p), path.join(floe2, 'data', 'default', 't', p), { recursive: true });
check('floe reads the parts ClickHouse wrote', runFloe(floe2, ordered), chRows);
check('floe sees ClickHouse part names',
  runFloe(floe2, "SELECT name FROM system.parts WHERE table = 't' ORDER BY name").trim(), cParts.join('\n'));
ch.cleanup?.();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
