// Runs one query through ClickHouse (chDB) for the object-storage integration
// tests and prints the result as TSV; an error goes to stderr, exit status 1.
//   node objstore_chdb.mjs "SQL"
import { query } from 'chdb';

try {
  process.stdout.write(query(process.argv[2], 'TSV'));
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
