// Runs SQL statements through chDB (ClickHouse) in a session directory and
// prints their output: the reference side of the benchmarks.
// Usage: node chdb_run.mjs SESSION_DIR "SQL;SQL;..."
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tests', 'integration', 'x.js'));
const chdb = require('chdb');
const [dir, sql] = process.argv.slice(2);
const s = new chdb.Session(dir);
for (const q of sql.split(';').map((x) => x.trim()).filter(Boolean)) {
  const r = s.query(q, 'TSV');
  if (r) process.stdout.write(String(r));
}
