#!/usr/bin/env bash
# Storage policies: three disks (directories) and two policies declared in a
# ClickHouse-style config.xml given to `floe local --config-file`. Checks the
# configuration's errors, system.disks and system.storage_policies, where
# parts land (system.parts.disk_name and path, and the files on disk),
# MOVE PART|PARTITION TO DISK|VOLUME and every error ClickHouse gives for it
# (codes as chDB gives them for the same configuration), restarts, DETACH /
# ATTACH / FREEZE / OPTIMIZE / mutations / partition operations between
# tables on moved parts, and crash safety of a move (SIGKILL mid-copy, and
# the states a crash can leave, rebuilt by hand).
# When chDB is installed beside this script (npm install in
# tests/integration), or FLOE_CHDB names its node module directory, the
# error codes are also checked against it, with the same config.xml.
# Usage: tests/integration/storage_policy.sh [path/to/floe]
set -u
here=$(cd "$(dirname "$0")" && pwd)
floe="${1:-${FLOE_BIN:-$here/../../build/floe}}"
if [ ! -x "$floe" ]; then
    echo "floe binary not found: $floe"
    exit 1
fi
floe=$(cd "$(dirname "$floe")" && pwd)/$(basename "$floe")
work=$(mktemp -d "${TMPDIR:-/tmp}/floe-policy.XXXXXX")
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

data=$work/data
d1=$work/disks/d1
d2=$work/disks/d2
d3=$work/disks/d3
conf=$work/config.xml
cat >"$conf" <<EOF
<?xml version="1.0"?>
<clickhouse>
    <logger><level>trace</level></logger>
    <storage_configuration>
        <disks>
            <d1><path>$d1/</path></d1>
            <d2><type>local</type><path>$d2/</path><keep_free_space_bytes>1024</keep_free_space_bytes></d2>
            <d3><path>$d3/</path></d3>
        </disks>
        <policies>
            <tiered>
                <volumes>
                    <hot><disk>d1</disk></hot>
                    <cold><disk>d2</disk><disk>d3</disk><some_unknown_key>1</some_unknown_key></cold>
                </volumes>
                <move_factor>0.2</move_factor>
            </tiered>
            <solo>
                <volumes><main><disk>d1</disk></main></volumes>
            </solo>
            <spread>
                <volumes><main><disk>d2</disk><disk>d3</disk></main></volumes>
            </spread>
        </policies>
    </storage_configuration>
</clickhouse>
EOF

q() { # sql: one floe process (a restart every time)
    "$floe" local --path "$data" --config-file "$conf" -q "$1" 2>&1
}
err() { # sql: the error's name, or "ok"
    local out
    out=$("$floe" local --path "$data" --config-file "$conf" -q "$1" 2>&1) && {
        echo ok
        return
    }
    echo "$out" | sed -n 's/^Code: [0-9]*\. DB::Exception: .*(\([A-Z_]*\))$/\1/p' | tail -1
}
parts() { # table: name and disk of its active parts
    q "SELECT name, disk_name FROM system.parts WHERE table = '$1' AND active ORDER BY name"
}

# ---- the configuration ----

bad_conf() { # name config-text expected-error
    printf '%s' "$2" >"$work/bad.xml"
    local out
    out=$("$floe" local --path "$work/bad_data" --config-file "$work/bad.xml" -q "SELECT 1" 2>&1)
    check "bad config: $1" "$(echo "$out" | sed -n 's/.*(\([A-Z_]*\))$/\1/p')" "$3"
}
bad_conf "a path without the final /" \
    "<clickhouse><storage_configuration><disks><x><path>$work/x</path></x></disks></storage_configuration></clickhouse>" \
    UNKNOWN_ELEMENT_IN_CONFIG
bad_conf "a volume of an unknown disk" \
    "<clickhouse><storage_configuration><policies><p><volumes><v><disk>nodisk</disk></v></volumes></p></policies></storage_configuration></clickhouse>" \
    UNKNOWN_DISK
bad_conf "a policy without volumes" \
    "<clickhouse><storage_configuration><policies><p><volumes></volumes></p></policies></storage_configuration></clickhouse>" \
    NO_ELEMENTS_IN_CONFIG
bad_conf "a path for the default disk" \
    "<clickhouse><storage_configuration><disks><default><path>$work/x/</path></default></disks></storage_configuration></clickhouse>" \
    UNKNOWN_ELEMENT_IN_CONFIG
bad_conf "an unsupported disk type" \
    "<clickhouse><storage_configuration><disks><s><type>s3</type></s></disks></storage_configuration></clickhouse>" \
    UNKNOWN_ELEMENT_IN_CONFIG
bad_conf "not XML" "<clickhouse><storage_configuration>" BAD_ARGUMENTS
out=$("$floe" local --path "$work/bad_data" --config-file "$work/none.xml" -q "SELECT 1" 2>&1)
check "a missing config file" "$(echo "$out" | sed -n 's/.*(\([A-Z_]*\))$/\1/p')" FILE_DOESNT_EXIST
"$floe" local --path "$work/bad_data" --config-file "$work/none.xml" -q "SELECT 1" >/dev/null 2>&1
check "a bad config fails the start" "$?" "107"

check "system.disks" "$(q "SELECT name, path, keep_free_space, type, total_space > 0 FROM system.disks")" \
    "d1	$d1/	0	Local	1
d2	$d2/	1024	Local	1
d3	$d3/	0	Local	1
default	$data/	0	Local	1"
check "system.storage_policies" "$(q "SELECT * FROM system.storage_policies")" \
    "default	default	1	['default']	JBOD	0	0	0	1	ROUND_ROBIN
solo	main	1	['d1']	JBOD	0	0.1	0	1	ROUND_ROBIN
spread	main	1	['d2','d3']	JBOD	0	0.1	0	1	ROUND_ROBIN
tiered	hot	1	['d1']	JBOD	0	0.2	0	1	ROUND_ROBIN
tiered	cold	2	['d2','d3']	JBOD	0	0.2	0	1	ROUND_ROBIN"

# ---- tables on the policy's disks ----

schema="(d Date, id UInt64, s String) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id"
q "CREATE TABLE t $schema SETTINGS storage_policy = 'tiered', old_parts_lifetime = 0;
   CREATE TABLE t2 $schema SETTINGS storage_policy = 'tiered';
   CREATE TABLE u $schema SETTINGS storage_policy = 'solo';
   CREATE TABLE w $schema;
   SYSTEM STOP MERGES t;
   INSERT INTO t SELECT toDate('2020-01-01') + number % 40, number, toString(number) FROM numbers(10000);
   INSERT INTO t SELECT toDate('2020-01-01') + number % 20, number + 10000, 'x' FROM numbers(500)" >/dev/null
check "an unknown policy" "$(err "CREATE TABLE bad $schema SETTINGS storage_policy = 'nonexistent'")" UNKNOWN_POLICY
check "nothing of the refused table on disk" "$(find "$data/data" "$work/disks" -name bad)" ""
check "storage_policy must be a string" "$(err "CREATE TABLE bad $schema SETTINGS storage_policy = 1")" BAD_ARGUMENTS
check "system.tables.storage_policy" \
    "$(q "SELECT name, storage_policy, data_paths FROM system.tables WHERE database = 'default' ORDER BY name")" \
    "t	tiered	['$d1/data/default/t','$d2/data/default/t','$d3/data/default/t']
t2	tiered	['$d1/data/default/t2','$d2/data/default/t2','$d3/data/default/t2']
u	solo	['$d1/data/default/u']
w	default	['$data/data/default/w']"
sums="SELECT count(), sum(id), sum(cityHash64(s)) FROM t"
before=$(q "$sums")
check "new parts go to the first volume's disk" "$(parts t)" "202001_1_1_0	d1
202001_3_3_0	d1
202002_2_2_0	d1"
check "system.parts.path" "$(q "SELECT path FROM system.parts WHERE table = 't' AND name = '202002_2_2_0'")" \
    "$d1/data/default/t/202002_2_2_0/"
check "the part's files are on d1" "$(ls "$d1/data/default/t/202002_2_2_0" | grep -c '\.bin$')" "3"

# ---- moves ----

check "MOVE PART TO DISK" "$(err "ALTER TABLE t MOVE PART '202002_2_2_0' TO DISK 'd3'")" ok
check "moved part" "$(parts t)" "202001_1_1_0	d1
202001_3_3_0	d1
202002_2_2_0	d3"
check "its path" "$(q "SELECT path FROM system.parts WHERE table = 't' AND name = '202002_2_2_0'")" \
    "$d3/data/default/t/202002_2_2_0/"
check "its files are on d3" "$(ls "$d3/data/default/t/202002_2_2_0" | grep -c '\.bin$\|^checksums.txt$')" "4"
check "the old copy left d1" "$(ls "$d1/data/default/t")" "202001_1_1_0
202001_3_3_0
detached"
check "no moving/ leftovers" "$(ls "$d3/data/default/t/moving" 2>/dev/null)" ""
check "MOVE PARTITION TO VOLUME" "$(err "ALTER TABLE t MOVE PARTITION 202001 TO VOLUME 'cold'")" ok
check "a volume's disks take the parts in turn" "$(parts t)" "202001_1_1_0	d2
202001_3_3_0	d3
202002_2_2_0	d3"
check "rows after the moves" "$(q "$sums")" "$before"
check "a read sees the parts on both disks" \
    "$(q "SELECT _part, count() FROM t GROUP BY _part ORDER BY _part")" "202001_1_1_0	7750
202001_3_3_0	500
202002_2_2_0	2250"
check "part_log records the moves" \
    "$(q "SYSTEM FLUSH LOGS; SELECT count() FROM system.part_log WHERE table = 't' AND event_type = 'MovePart'")" "3"

# the errors, as ClickHouse gives them (checked against chDB below)
errors=(
    "ALTER TABLE t MOVE PART '202001_1_1_0' TO DISK 'd2'|UNKNOWN_DISK"
    "ALTER TABLE t MOVE PART '202001_1_1_0' TO VOLUME 'cold'|UNKNOWN_DISK"
    "ALTER TABLE t MOVE PARTITION 202001 TO VOLUME 'cold'|UNKNOWN_DISK"
    "ALTER TABLE t MOVE PART '202001_1_1_0' TO DISK 'default'|UNKNOWN_DISK"
    "ALTER TABLE t MOVE PART '202001_1_1_0' TO DISK 'nodisk'|UNKNOWN_DISK"
    "ALTER TABLE t MOVE PART '202001_1_1_0' TO VOLUME 'novolume'|UNKNOWN_VOLUME"
    "ALTER TABLE t MOVE PARTITION 202001 TO VOLUME 'default'|UNKNOWN_VOLUME"
    "ALTER TABLE t MOVE PART '202001_9_9_0' TO DISK 'd1'|NO_SUCH_DATA_PART"
    "ALTER TABLE t MOVE PART '202001_9_9_0' TO DISK 'nodisk'|NO_SUCH_DATA_PART"
    "ALTER TABLE t MOVE PART 'bad_name' TO DISK 'd1'|BAD_DATA_PART_NAME"
    "ALTER TABLE t MOVE PARTITION 202009 TO VOLUME 'hot'|NO_SUCH_DATA_PART"
    "ALTER TABLE t MOVE PARTITION 202009 TO DISK 'd1'|UNKNOWN_DISK"
    "ALTER TABLE t MOVE PARTITION 202001 TO DISK 'nodisk'|UNKNOWN_DISK"
    "ALTER TABLE t MOVE PARTITION 202001 TO VOLUME 'novolume'|UNKNOWN_VOLUME"
    "ALTER TABLE w MOVE PARTITION 202001 TO DISK 'd1'|UNKNOWN_DISK"
    "ALTER TABLE u ATTACH PARTITION 202001 FROM t|ok"
    "ALTER TABLE w REPLACE PARTITION 202001 FROM t|BAD_ARGUMENTS"
    "ALTER TABLE t MOVE PARTITION 202001 TO TABLE w|UNKNOWN_POLICY"
    "ALTER TABLE t MOVE PARTITION 202001 TO TABLE u|UNKNOWN_POLICY"
)
for e in "${errors[@]}"; do
    check "error of: ${e%|*}" "$(err "${e%|*}")" "${e#*|}"
done
check "parts stay where they were after the errors" "$(parts t)" "202001_1_1_0	d2
202001_3_3_0	d3
202002_2_2_0	d3"
check "ATTACH PARTITION FROM a disk the policy lacks copies to its first disk" "$(parts u)" \
    "202001_1_1_0	d1
202001_2_2_0	d1"
check "the copies' rows" "$(q "SELECT count(), sum(id) FROM u")" \
    "$(q "SELECT count(), sum(id) FROM t WHERE toYYYYMM(d) = 202001")"
check "the copies are not hard links" "$(stat -c %h "$d1/data/default/u/202001_1_1_0/id.bin")" "1"

# ---- a restart finds every part on its disk; without the policy, no start ----

snapshot=$(q "SELECT name, disk_name, path, rows FROM system.parts WHERE table = 't' ORDER BY name")
check "after a restart" "$(q "SELECT name, disk_name, path, rows FROM system.parts WHERE table = 't' ORDER BY name")" "$snapshot"
out=$("$floe" local --path "$data" -q "SELECT 1" 2>&1)
check "a table whose policy the configuration lacks" "$(echo "$out" | sed -n 's/.*(\([A-Z_]*\))$/\1/p')" UNKNOWN_POLICY

# ---- DETACH / ATTACH, FREEZE, OPTIMIZE, mutations on moved parts ----

q "ALTER TABLE t DETACH PART '202001_3_3_0'" >/dev/null
check "DETACH: detached/ on the part's disk" "$(ls "$d3/data/default/t/detached")" "202001_3_3_0"
check "system.detached_parts.disk" \
    "$(q "SELECT name, disk, path FROM system.detached_parts WHERE table = 't'")" \
    "202001_3_3_0	d3	$d3/data/default/t/detached/202001_3_3_0"
q "ALTER TABLE t ATTACH PART '202001_3_3_0'" >/dev/null
# (a new process numbers blocks from the parts it finds, so the part gets
# its old number back)
check "ATTACH: the part stays on its disk" "$(parts t)" "202001_1_1_0	d2
202001_3_3_0	d3
202002_2_2_0	d3"
q "ALTER TABLE t DETACH PARTITION 202001; ALTER TABLE t ATTACH PARTITION 202001" >/dev/null
check "DETACH / ATTACH PARTITION over two disks" "$(parts t)" "202001_4_4_0	d2
202001_5_5_0	d3
202002_2_2_0	d3"
check "DROP DETACHED on another disk" \
    "$(q "ALTER TABLE t DETACH PART '202002_2_2_0'; ALTER TABLE t DROP DETACHED PART '202002_2_2_0' SETTINGS allow_drop_detached = 1; SELECT count() FROM system.detached_parts WHERE table = 't'")" "0"
q "INSERT INTO t SELECT toDate('2020-02-01') + number % 20, number + 20000, toString(number) FROM numbers(6000)" >/dev/null
check "rows" "$(q "SELECT count() FROM t")" "14250"
before=$(q "$sums")

q "ALTER TABLE t FREEZE" >/dev/null
check "FREEZE: shadow on each part's disk" \
    "$(cd "$work/disks" && find . -path '*shadow*' -name checksums.txt | sort)" \
    "./d1/shadow/1/data/default/t/202002_6_6_0/checksums.txt
./d2/shadow/1/data/default/t/202001_4_4_0/checksums.txt
./d3/shadow/1/data/default/t/202001_5_5_0/checksums.txt"
check "FREEZE: hard links" "$(stat -c %i "$d3/shadow/1/data/default/t/202001_5_5_0/id.bin")" \
    "$(stat -c %i "$d3/data/default/t/202001_5_5_0/id.bin")"
check "increment.txt in the data directory" "$(cat "$data/shadow/increment.txt")" "1"
q "ALTER TABLE t UNFREEZE WITH NAME '1'" >/dev/null
check "UNFREEZE on every disk" "$(cd "$work/disks" && find . -path '*shadow*' -name checksums.txt | wc -l)" "0"

q "SYSTEM START MERGES t; OPTIMIZE TABLE t FINAL" >/dev/null
check "OPTIMIZE: a merge stays on the furthest volume of its parts" "$(parts t)" "202001_4_5_1	d2
202002_6_6_1	d1"
check "rows after OPTIMIZE" "$(q "$sums")" "$before"
q "ALTER TABLE t MOVE PARTITION 202002 TO DISK 'd3'" >/dev/null
left=$(q "SELECT countIf(id % 10 != 0) FROM t")
q "ALTER TABLE t DELETE WHERE id % 10 = 0 SETTINGS mutations_sync = 2" >/dev/null
check "a mutation keeps each part on its disk" "$(parts t)" "202001_4_5_1_7	d2
202002_6_6_1_7	d3"
check "rows after the mutation" "$(q "SELECT count() FROM t")" "$left"
check "the mutated parts' files" "$(ls -d "$d2/data/default/t/202001_4_5_1_7" "$d3/data/default/t/202002_6_6_1_7" | wc -l)" "2"

q "ALTER TABLE t ADD COLUMN n UInt16 DEFAULT 7; ALTER TABLE t MOVE PARTITION 202001 TO DISK 'd3';
   INSERT INTO t SELECT toDate('2020-01-01'), 90000, 'n', 8" >/dev/null
check "ALTER of columns: the parts stay on their disks" "$(parts t)" "202001_4_5_1_7	d3
202001_8_8_0	d1
202002_6_6_1_7	d3"
check "ALTER of columns: reads" "$(q "SELECT n, count() FROM t GROUP BY n ORDER BY n")" "7	$left
8	1"
check "ALTER of columns leaves no scratch directory on any disk" "$(find "$work" -name '.alter_*')" ""
q "ALTER TABLE t DROP COLUMN n; ALTER TABLE t DELETE WHERE id = 90000 SETTINGS mutations_sync = 2;
   ALTER TABLE t MOVE PARTITION 202001 TO DISK 'd2'" >/dev/null
check "DROP COLUMN and a mutation over parts on two disks" "$(parts t)" "202001_4_5_1_10	d2
202001_8_8_0_10	d2
202002_6_6_1_10	d3"

# ---- partition operations between tables of one policy ----

before=$(q "SELECT count(), sum(id) FROM t WHERE toYYYYMM(d) = 202001")
q "ALTER TABLE t2 ATTACH PARTITION 202001 FROM t" >/dev/null
check "ATTACH PARTITION FROM: hard links on the same disk" "$(parts t2)" "202001_1_1_1	d2
202001_2_2_0	d2"
check "ATTACH PARTITION FROM: rows" "$(q "SELECT count(), sum(id) FROM t2")" "$before"
check "ATTACH PARTITION FROM: hard links" "$(stat -c %i "$d2/data/default/t2/202001_1_1_1/id.bin")" \
    "$(stat -c %i "$d2/data/default/t/202001_4_5_1_10/id.bin")"
q "ALTER TABLE t MOVE PARTITION 202002 TO TABLE t2" >/dev/null
check "MOVE PARTITION TO TABLE" "$(parts t2)" "202001_1_1_1	d2
202001_2_2_0	d2
202002_3_3_1	d3"
q "ALTER TABLE t2 MOVE PARTITION 202001 TO DISK 'd1'" >/dev/null
q "ALTER TABLE u REPLACE PARTITION 202001 FROM t2" >/dev/null
check "REPLACE PARTITION FROM a part on a disk both policies have" "$(parts u)" "202001_4_4_1	d1
202001_5_5_0	d1"

# ---- crash safety ----

# the states a kill can leave, made by hand: a copy in moving/, a whole
# second copy (killed between the rename and the old copy's removal), a
# removal that did not finish
mkdir -p "$d1/data/default/t2/moving"
cp -r "$d3/data/default/t2/202002_3_3_1" "$d1/data/default/t2/moving/"
cp -r "$d3/data/default/t2/202002_3_3_1" "$d2/data/default/t2/"
cp -r "$d1/data/default/t2/202001_1_1_1" "$d3/data/default/t2/delete_tmp_202001_1_1_1"
check "one copy of each part after a restart" \
    "$(q "SELECT name, count() FROM system.parts WHERE table = 't2' GROUP BY name ORDER BY name")" \
    "202001_1_1_1	1
202001_2_2_0	1
202002_3_3_1	1"
check "the second copy is gone" "$(ls "$d2/data/default/t2" "$d3/data/default/t2" | grep -c 2020)" "1"
check "moving/ and delete_tmp_ are cleaned" \
    "$(ls "$d1/data/default/t2/moving" "$d3/data/default/t2" 2>/dev/null | grep -c 'moving\|delete_tmp')" "0"
check "rows after the crash states" "$(q "SELECT count() FROM t2")" "$left"

q "CREATE TABLE big (id UInt64, s String) ENGINE = MergeTree ORDER BY id SETTINGS storage_policy = 'tiered';
   INSERT INTO big SELECT number, repeat(toString(number), 20) FROM numbers(3000000);
   OPTIMIZE TABLE big FINAL" >/dev/null
part=$(q "SELECT name FROM system.parts WHERE table = 'big' AND active")
expect=$(q "SELECT count(), sum(id) FROM big")
disks=(d2 d3 d1)
for i in 1 2 3 4 5 6; do
    target=${disks[$((i % 3))]}
    delay=$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.3f", 0.01 + rand() * 0.15 }')
    "$floe" local --path "$data" --config-file "$conf" \
        -q "ALTER TABLE big MOVE PART '$part' TO DISK '$target'" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    got=$(q "SELECT count(), sum(id), (SELECT count() FROM system.parts WHERE table = 'big' AND active) FROM big")
    check "kill during a move (round $i): one whole part" "$got" "$expect	1"
    check "kill during a move (round $i): no copy or leftover elsewhere" \
        "$(find "$d1/data/default/big" "$d2/data/default/big" "$d3/data/default/big" -mindepth 1 -maxdepth 2 \
            -type d -printf '%f\n' 2>/dev/null | grep -c 'all_\|tmp\|moving')" "1"
done
check "no part was found broken" \
    "$(ls "$d1/data/default/big/detached" "$d2/data/default/big/detached" "$d3/data/default/big/detached" 2>/dev/null | grep -c broken)" "0"

# ---- a first volume of two disks takes new parts in turn ----

q "CREATE TABLE rr (a UInt32) ENGINE = MergeTree ORDER BY a SETTINGS storage_policy = 'spread';
   SYSTEM STOP MERGES rr;
   INSERT INTO rr VALUES (1); INSERT INTO rr VALUES (2); INSERT INTO rr VALUES (3)" >/dev/null
check "round robin over the first volume's disks" "$(parts rr)" "all_1_1_0	d2
all_2_2_0	d3
all_3_3_0	d2"
check "round robin: the files" "$(ls "$d2/data/default/rr" "$d3/data/default/rr" | grep -c all_)" "3"
q "DROP TABLE rr" >/dev/null

# ---- DROP leaves no directory on any disk ----

q "DROP TABLE t; DROP TABLE t2; DROP TABLE big" >/dev/null
check "DROP TABLE removes the table on every disk" \
    "$(ls -d "$d1/data/default/t" "$d2/data/default/t" "$d3/data/default/t" "$d3/data/default/t2" "$data/data/default/t" 2>/dev/null)" ""
q "CREATE DATABASE db2; CREATE TABLE db2.x (a Int32) ENGINE = MergeTree ORDER BY a SETTINGS storage_policy = 'tiered';
   INSERT INTO db2.x VALUES (1); ALTER TABLE db2.x MOVE PART 'all_1_1_0' TO DISK 'd3'" >/dev/null
check "a table of another database" "$(q "SELECT database, name, disk_name FROM system.parts WHERE table = 'x'")" "db2	all_1_1_0	d3"
q "DROP DATABASE db2" >/dev/null
check "DROP DATABASE removes its tables on every disk" "$(find "$work/disks" -name db2)" ""

# ---- the same errors from ClickHouse (chDB), when it is installed ----

chdb="${FLOE_CHDB:-$here/node_modules/chdb}"
if [ -d "$chdb" ]; then
    ch=$work/ch
    mkdir -p "$ch"
    sed "s#$work/disks/#$ch/disks/#g" "$conf" >"$ch/config.xml"
    cat >"$ch/errors.cjs" <<'EOF'
// chDB reads config.xml from the current directory, as clickhouse-local does
const chdb = require(process.argv[2]);
const s = new chdb.Session(process.argv[3]);
const run = (q) => { try { s.query(q); return 'ok'; } catch (e) { const m = String(e.message).match(/\(([A-Z_]+)\)\s*$/); return m ? m[1] : String(e.message); } };
const schema = "(d Date, id UInt64, s String) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id";
run(`CREATE TABLE t ${schema} SETTINGS storage_policy = 'tiered'`);
run(`CREATE TABLE u ${schema} SETTINGS storage_policy = 'solo'`);
run(`CREATE TABLE w ${schema}`);
run("INSERT INTO t SELECT toDate('2020-01-01') + number % 40, number, toString(number) FROM numbers(10000)");
run("INSERT INTO t SELECT toDate('2020-01-01') + number % 20, number + 10000, 'x' FROM numbers(500)");
run("ALTER TABLE t MOVE PARTITION 202001 TO DISK 'd2'");
const out = [];
for (const line of require('fs').readFileSync(0, 'utf8').split('\n').filter(Boolean))
    out.push(run(line.split('|')[0]));
console.log(out.join('\n'));
EOF
    got=$(printf '%s\n' "${errors[@]}" | (cd "$ch" && node errors.cjs "$chdb" "$ch/data"))
    check "the error codes are ClickHouse's" "$got" "$(printf '%s\n' "${errors[@]}" | sed 's/.*|//')"
else
    echo "chDB not installed beside the test: the comparison with ClickHouse is skipped"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
