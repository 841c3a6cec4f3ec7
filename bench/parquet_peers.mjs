// The reference side of bench/parquet.sh: one system writes its benchmark
// table to a Parquet file with ZSTD on one thread, and the time of that
// statement alone is printed (seconds). Run under /usr/bin/time for the
// process's peak memory.
//   node parquet_peers.mjs clickhouse SESSION_DIR OUT.parquet
//   node parquet_peers.mjs duckdb SOURCE.parquet OUT.parquet
//   node parquet_peers.mjs count FILE.parquet...   (rows of each file, by DuckDB)
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tests', 'integration', 'x.js'));
const [mode, ...args] = process.argv.slice(2);
const quote = (s) => "'" + s.replaceAll("'", "''") + "'";

async function duck() {
  const { DuckDBInstance } = require('@duckdb/node-api');
  return (await DuckDBInstance.create(':memory:')).connect();
}

if (mode === 'clickhouse') {
  const chdb = require('chdb');
  const s = new chdb.Session(args[0]);
  const t0 = performance.now();
  s.query(`SELECT * FROM bench INTO OUTFILE ${quote(args[1])} TRUNCATE FORMAT Parquet
           SETTINGS max_threads = 1, output_format_parquet_compression_method = 'zstd'`, 'TSV');
  console.log(((performance.now() - t0) / 1000).toFixed(3));
} else if (mode === 'duckdb') {
  const c = await duck();
  await c.run('SET threads = 1');
  await c.run(`CREATE TABLE bench AS SELECT * FROM read_parquet(${quote(args[0])})`);
  const t0 = performance.now();
  await c.run(`COPY bench TO ${quote(args[1])} (FORMAT parquet, COMPRESSION zstd)`);
  console.log(((performance.now() - t0) / 1000).toFixed(3));
} else if (mode === 'count') {
  const c = await duck();
  for (const f of args) {
    const r = await c.runAndReadAll(`SELECT count(*) FROM read_parquet(${quote(f)})`);
    console.log(String(r.getRows()[0][0]));
  }
} else {
  console.error('usage: parquet_peers.mjs clickhouse|duckdb|count ...');
  process.exit(2);
}
