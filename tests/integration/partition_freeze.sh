#!/usr/bin/env bash
# FREEZE backups and the documented restore: FREEZE -> DROP -> copy the
# shadow into detached/ -> ATTACH gives back the same rows. Checks the
# shadow layout (shadow/<N|name>/data/<db>/<table>/<part>/, increment.txt,
# read-only hard links), UNFREEZE, and parts moving both ways between floe
# and ClickHouse (chDB): a part ClickHouse froze is attached by floe (written
# with floe's Wide format settings, and with ClickHouse's defaults: Compact
# parts, compressed marks), a part floe froze is attached by ClickHouse.
# Usage: tests/integration/partition_freeze.sh [path/to/floe]
set -u
here=$(cd "$(dirname "$0")" && pwd)
floe="${1:-${FLOE_BIN:-$here/../../build/floe}}"
if [ ! -x "$floe" ]; then
    echo "floe binary not found: $floe"
    exit 1
fi
floe=$(cd "$(dirname "$floe")" && pwd)/$(basename "$floe")
work=$(mktemp -d "${TMPDIR:-/tmp}/floe-freeze.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
passed=0
failed=0

check() { # name got want
    if [ "$2" == "$3" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        printf 'FAIL: %s\n--- want\n%s\n--- got\n%s\n' "$1" "$3" "$2"
    fi
}

q() { # dir sql
    "$floe" local --path "$1" -q "$2" 2>&1
}

dir=$work/floe
tbl=$dir/data/default/t
schema="(d Date, id UInt64, s String, n Nullable(Int32))"
q "$dir" "CREATE TABLE t $schema ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id;
  SYSTEM STOP MERGES t;
  INSERT INTO t SELECT toDate('2020-01-01') + number % 60, number, toString(number), if(number % 3 = 0, NULL, number) FROM numbers(5000);
  INSERT INTO t SELECT toDate('2020-01-01') + number % 31, number + 5000, 'x', NULL FROM numbers(100)" >/dev/null
before=$(q "$dir" "SELECT * FROM t ORDER BY id")
parts=$(q "$dir" "SELECT name FROM system.parts WHERE table = 't' AND active ORDER BY name")
check "parts before" "$parts" "202001_1_1_0
202001_3_3_0
202002_2_2_0"

q "$dir" "ALTER TABLE t FREEZE" >/dev/null
check "increment.txt after FREEZE" "$(od -An -c "$dir/shadow/increment.txt" | tr -s ' ')" " 1 \n"
check "shadow/1 holds every part" "$(ls "$dir/shadow/1/data/default/t" | sort)" "$parts"
p1=$dir/shadow/1/data/default/t/202001_1_1_0
check "shadow files are read-only" "$(stat -c %a "$p1/checksums.txt" "$p1/id.bin" | sort -u)" "444"
check "shadow files are hard links" "$(stat -c %i "$p1/id.bin")" "$(stat -c %i "$tbl/202001_1_1_0/id.bin")"
check "the table's files became read-only too" "$(stat -c %a "$tbl/202001_1_1_0/id.bin")" "444"

q "$dir" "ALTER TABLE t FREEZE PARTITION 202002 WITH NAME 'before drop'" >/dev/null
check "increment.txt counts named freezes" "$(cat "$dir/shadow/increment.txt")" "2"
check "named backup: escaped name, one partition" \
    "$(ls "$dir/shadow/before%20drop/data/default/t")" "202002_2_2_0"

# the documented restore
q "$dir" "ALTER TABLE t DROP PARTITION 202001; ALTER TABLE t DROP PARTITION 202002" >/dev/null
check "dropped" "$(q "$dir" "SELECT count() FROM t")" "0"
check "the shadow outlives the drop" "$(ls "$dir/shadow/1/data/default/t" | sort)" "$parts"
# (ClickHouse makes detached/ with the table; floe makes it on the first
# DETACH, so a restore into a table that never detached anything makes it)
mkdir -p "$tbl/detached"
cp -r "$dir"/shadow/1/data/default/t/* "$tbl/detached/"
q "$dir" "ALTER TABLE t ATTACH PARTITION 202001; ALTER TABLE t ATTACH PARTITION 202002" >/dev/null
check "restored rows" "$(q "$dir" "SELECT * FROM t ORDER BY id")" "$before"
# (a new process numbers blocks from the parts it finds, as ClickHouse does
# after a restart: none are left, so the count starts again at 1)
check "restored parts have new block numbers" \
    "$(q "$dir" "SELECT name FROM system.parts WHERE table = 't' AND active ORDER BY name")" \
    "202001_1_1_0
202001_2_2_0
202002_3_3_0"

# a damaged copy is refused before anything is attached
q "$dir" "ALTER TABLE t DETACH PARTITION 202002" >/dev/null
chmod u+w "$tbl/detached/202002_3_3_0/s.bin"
printf 'x' >>"$tbl/detached/202002_3_3_0/s.bin"
out=$(q "$dir" "ALTER TABLE t ATTACH PARTITION 202002")
case "$out" in
*BAD_SIZE_OF_FILE_IN_DATA_PART*) passed=$((passed + 1)) ;;
*) failed=$((failed + 1)) && echo "FAIL: damaged part attached: $out" ;;
esac
check "the damaged part stays detached under its name" \
    "$(q "$dir" "SELECT name FROM system.detached_parts")" "202002_3_3_0"

# a part of another partition key is refused (its partition.dat names
# another partition), and stays detached
q "$dir" "CREATE TABLE by_day $schema ENGINE = MergeTree PARTITION BY d ORDER BY id" >/dev/null
mkdir -p "$dir/data/default/by_day/detached"
cp -r "$dir/shadow/1/data/default/t/202002_2_2_0" "$dir/data/default/by_day/detached/"
out=$(q "$dir" "ALTER TABLE by_day ATTACH PART '202002_2_2_0'")
case "$out" in
*"calculated partition ID: 19841008 differs from partition ID in part name: 202002"*CORRUPTED_DATA*)
    passed=$((passed + 1)) ;;
*) failed=$((failed + 1)) && echo "FAIL: part of another key attached: $out" ;;
esac
check "the refused part stays detached" \
    "$(q "$dir" "SELECT name FROM system.detached_parts WHERE table = 'by_day'")" "202002_2_2_0"

q "$dir" "ALTER TABLE t UNFREEZE WITH NAME 'before drop'" >/dev/null
check "UNFREEZE removes the table's backup" "$(ls "$dir/shadow/before%20drop/data/default" 2>&1)" ""
q "$dir" "ALTER TABLE t UNFREEZE PARTITION 202001 WITH NAME '1'" >/dev/null
check "UNFREEZE PARTITION removes that partition" "$(ls "$dir/shadow/1/data/default/t")" "202002_2_2_0"

# ClickHouse -> floe and floe -> ClickHouse
if [ ! -d "$here/node_modules/chdb" ]; then
    (cd "$here" && npm install --no-audit --no-fund --loglevel=error >/dev/null) || exit 1
fi
dir2=$work/floe2
q "$dir2" "CREATE TABLE t $schema ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id" >/dev/null
cat >"$work/ch.mjs" <<'EOF'
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
const require = createRequire(import.meta.url);
const chdb = require(process.argv[2] + '/node_modules/chdb');
const [, , , chDir, schema, floeShadowPart, outFile] = process.argv;
const ch = new chdb.Session(chDir);
ch.query(`CREATE TABLE c ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id
  SETTINGS min_bytes_for_wide_part = 0, compress_marks = 0, compress_primary_key = 0,
  string_serialization_version = 'single_stream', serialization_info_version = 'basic',
  ratio_of_defaults_for_sparse_serialization = 1`);
ch.query(`INSERT INTO c SELECT toDate('2021-03-01') + number % 20, number, repeat('z', number % 7),
  if(number % 4 = 0, NULL, -number) FROM numbers(3000)`);
ch.query("ALTER TABLE c FREEZE WITH NAME 'for_floe'");
const rows = ch.query('SELECT * FROM c ORDER BY id', 'TSV');
const rel = ch.query("SELECT arrayJoin(data_paths) FROM system.tables WHERE name = 'c'", 'TSVRaw')
  .trim().slice(chDir.length).replace(/^\/+/, '');
const frozen = path.join(chDir, 'shadow', 'for_floe', rel);
// floe's frozen part, attached by ClickHouse
ch.query(`CREATE TABLE f ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id`);
const fData = ch.query("SELECT arrayJoin(data_paths) FROM system.tables WHERE name = 'f'", 'TSVRaw').trim();
fs.mkdirSync(path.join(fData, 'detached'), { recursive: true });
fs.cpSync(floeShadowPart, path.join(fData, 'detached', path.basename(floeShadowPart)), { recursive: true });
ch.query(`ALTER TABLE f ATTACH PART '${path.basename(floeShadowPart)}'`);
const fRows = ch.query('SELECT * FROM f ORDER BY id', 'TSV');
// a table with ClickHouse's default settings: its parts are Compact
ch.query(`CREATE TABLE dflt ${schema} ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id`);
ch.query(`INSERT INTO dflt SELECT toDate('2021-03-01') + number % 20, number, repeat('z', number % 7),
  if(number % 4 = 0, NULL, -number) FROM numbers(3000)`);
ch.query(`INSERT INTO dflt SELECT toDate('2021-03-01') + number % 20, number + 5000, '', NULL
  FROM numbers(500)`);
ch.query("ALTER TABLE dflt FREEZE WITH NAME 'defaults'");
const dRows = ch.query('SELECT * FROM dflt ORDER BY id', 'TSV');
const dTypes = ch.query("SELECT DISTINCT part_type FROM system.parts WHERE table = 'dflt'", 'TSVRaw');
const dRel = ch.query("SELECT arrayJoin(data_paths) FROM system.tables WHERE name = 'dflt'", 'TSVRaw')
  .trim().slice(chDir.length).replace(/^\/+/, '');
const dFrozen = path.join(chDir, 'shadow', 'defaults', dRel);
fs.writeFileSync(outFile, JSON.stringify({ rows, frozen, parts: fs.readdirSync(frozen), fRows,
  dRows, dTypes, dFrozen }));
EOF
node "$work/ch.mjs" "$here" "$work/ch" "$schema" "$dir/shadow/1/data/default/t/202002_2_2_0" "$work/ch.json" ||
    { echo "FAIL: chDB side"; exit 1; }
frozen=$(node -e "console.log(JSON.parse(require('fs').readFileSync('$work/ch.json')).frozen)")
chrows=$(node -e "process.stdout.write(JSON.parse(require('fs').readFileSync('$work/ch.json')).rows)")
mkdir -p "$dir2/data/default/t/detached"
for p in "$frozen"/*; do
    cp -r "$p" "$dir2/data/default/t/detached/"
done
q "$dir2" "ALTER TABLE t ATTACH PARTITION ID '202103'" >/dev/null
check "floe attaches parts ClickHouse froze" "$(q "$dir2" "SELECT * FROM t ORDER BY id")" "${chrows%$'\n'}"
# ClickHouse's default (Compact) parts from a FREEZE: shadow -> detached/ -> ATTACH
json() { node -e "process.stdout.write(JSON.parse(require('fs').readFileSync('$work/ch.json')).$1)"; }
check "ClickHouse froze Compact parts" "$(json dTypes)" "Compact"
dir3=$work/floe3
q "$dir3" "CREATE TABLE t $schema ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id" >/dev/null
mkdir -p "$dir3/data/default/t/detached"
for p in "$(json dFrozen)"/*; do
    cp -r "$p" "$dir3/data/default/t/detached/"
done
q "$dir3" "ALTER TABLE t ATTACH PARTITION ID '202103'" >/dev/null
drows=$(json dRows)
check "floe attaches default parts ClickHouse froze" "$(q "$dir3" "SELECT * FROM t ORDER BY id")" "${drows%$'\n'}"
q "$dir3" "OPTIMIZE TABLE t FINAL" >/dev/null
check "floe merges them" "$(q "$dir3" "SELECT * FROM t ORDER BY id")" "${drows%$'\n'}"
frows=$(node -e "process.stdout.write(JSON.parse(require('fs').readFileSync('$work/ch.json')).fRows)")
check "ClickHouse attaches a part floe froze" "${frows%$'\n'}" \
    "$(echo "$before" | awk -F'\t' '$1 >= "2020-02-01"')"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
