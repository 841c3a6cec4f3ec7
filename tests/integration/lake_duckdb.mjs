// Runs one query through DuckDB for the lake integration tests and prints
// the rows as TSV; an error goes to stderr, exit status 1.
//   node lake_duckdb.mjs "SQL"
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/node-api');
try {
  const db = await (await duckdb.DuckDBInstance.create(':memory:')).connect();
  const reader = await db.runAndReadAll(process.argv[2]);
  for (const row of reader.getRows())
    process.stdout.write(row.map((v) => (v === null ? '\\N' : String(v))).join('\t') + '\n');
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
