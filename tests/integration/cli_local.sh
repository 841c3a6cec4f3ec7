#!/usr/bin/env bash
# Tests of the `floe local` command line against clickhouse-local's
# behaviour: option parsing, -q with several statements, scripts from stdin
# and files, stdin as INSERT data, errors and exit statuses, --ignore-error,
# --testmode hints both ways, formats, --path, the other subcommands, and the
# interactive prompt (through `script`, which gives it a terminal).
# Usage: tests/integration/cli_local.sh [path/to/floe]
# Prints one line per failure and "N passed, N failed"; exits 1 on failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
floe="${1:-${FLOE_BIN:-$here/../../build/floe}}"
if [ ! -x "$floe" ]; then
    echo "floe binary not found: $floe"
    exit 1
fi
floe=$(cd "$(dirname "$floe")" && pwd)/$(basename "$floe")
work=$(mktemp -d "${TMPDIR:-/tmp}/floe-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0
failed=0

fail() {
    failed=$((failed + 1))
    echo "FAIL: $1"
    shift
    for line in "$@"; do
        printf '    %s\n' "$line"
    done
}

# t NAME RC STDOUT STDERR ARGS...: runs floe ARGS with stdin from $IN
# (default /dev/null) and compares the exit status, stdout byte for byte and
# stderr: exactly, or as a glob when STDERR starts with '~'.
t() {
    local name=$1 want_rc=$2 want_out=$3 want_err=$4
    shift 4
    "$floe" "$@" <"${IN:-/dev/null}" >"$work/.out" 2>"$work/.err"
    local rc=$?
    local out err
    out=$(cat "$work/.out"; echo x)
    out=${out%x}
    err=$(cat "$work/.err"; echo x)
    err=${err%x}
    local ok=1
    [ "$rc" = "$want_rc" ] || ok=0
    [ "$out" = "$want_out" ] || ok=0
    if [ "${want_err:0:1}" = "~" ]; then
        # [[ == ]] matches extended globs: make parentheses literal.
        local pattern=${want_err:1}
        pattern=${pattern//(/\\(}
        pattern=${pattern//)/\\)}
        [[ $err == $pattern ]] || ok=0
    else
        [ "$err" = "$want_err" ] || ok=0
    fi
    if [ $ok = 1 ]; then
        passed=$((passed + 1))
    else
        fail "$name" "exit status $rc (want $want_rc)" "stdout: $(printf %q "$out")" \
            "  want: $(printf %q "$want_out")" "stderr: $(printf %q "$err")" \
            "  want: $(printf %q "$want_err")"
    fi
}

# ---- statements from -q ----
t q-multi 0 $'1\n2\n' "" local -q "SELECT 1; SELECT 2"
t q-repeated 0 $'1\n2\n' "" local -q "SELECT 1" -q "SELECT 2"
t q-equals 0 $'3\n' "" local --query="SELECT 3"
t q-attached 0 $'3\n' "" local "-qSELECT 3"
t q-positional 0 $'4\n' "" local "SELECT 4"
t q-semicolon-in-string 0 $'a;b\n2\n' "" local -q "SELECT 'a;b'; SELECT 2"
t q-trailing-semicolons 0 $'1\n' "" local -q $'SELECT 1;; -- done\n'
t q-only-comments 0 "" "" local -q $'-- nothing\n/* here */'
t q-multiline-statement 0 $'1\t2\n' "" local -q $'SELECT\n  1,\n  2\n;'

# ---- formats ----
t format-default-tsv 0 $'1\ta\n' "" local -q "SELECT 1 AS x, 'a' AS s"
t format-f 0 $'1,"a"\n' "" local -f CSV -q "SELECT 1 AS x, 'a' AS s"
t format-long 0 $'1,"a"\n' "" local --format=CSV -q "SELECT 1 AS x, 'a' AS s"
t format-output-format-wins 0 $'{"x":1,"s":"a"}\n' "" local --format CSV --output-format JSONEachRow -q "SELECT 1 AS x, 'a' AS s"
t format-clause-wins 0 $'1\ta\n' "" local -f CSV -q "SELECT 1 AS x, 'a' AS s FORMAT TSV"
t format-vertical 0 $'Row 1:\n──────\nx: 1\ns: a\n' "" local -E -q "SELECT 1 AS x, 'a' AS s"

# The default format follows the extension of the file stdout goes to.
"$floe" local -q "SELECT 1 AS x, 'a' AS s" </dev/null >"$work/result.csv" 2>/dev/null
if [ "$(cat "$work/result.csv")" = '1,"a"' ]; then
    passed=$((passed + 1))
else
    fail "format-from-stdout-file-name" "got: $(cat "$work/result.csv")"
fi
"$floe" local -q "SELECT 1 AS x, 'a' AS s" </dev/null >"$work/result.txt" 2>/dev/null
if [ "$(cat "$work/result.txt")" = $'1\ta' ]; then
    passed=$((passed + 1))
else
    fail "format-from-unknown-extension" "got: $(cat "$work/result.txt")"
fi

# ---- errors and exit statuses ----
t error-stops 47 $'1\n' "~Code: 47. DB::Exception: *(UNKNOWN_IDENTIFIER)"$'\n' local -q "SELECT 1; SELECT x; SELECT 2"
t error-unknown-table 60 "" "~Code: 60. DB::Exception: *(UNKNOWN_TABLE)"$'\n' local -q "SELECT * FROM no_such_table"
t error-syntax 62 "" "~Code: 62. DB::Exception: Syntax error*(SYNTAX_ERROR)"$'\n' local -q "SELEC 1"
t ignore-error 0 $'1\n2\n' "" local --ignore-error -q "SELECT 1; SELECT x; SELECT 2"
t ignore-error-syntax 0 $'1\n3\n' "~*Syntax error*" local --ignore-error -q "SELECT 1; SELEC 2; SELECT 3"

# ---- statements from stdin and files ----
printf 'SELECT 1;\nSELECT 2;\n' >"$work/script.sql"
IN="$work/script.sql" t stdin-script 0 $'1\n2\n' "" local
printf 'SELECT 1;\nSELECT x;\nSELECT 2;\n' >"$work/bad.sql"
IN="$work/bad.sql" t stdin-script-error 47 $'1\n' "~Code: 47. *(UNKNOWN_IDENTIFIER)"$'\n' local
printf 'SELECT 5;\n' >"$work/five.sql"
t queries-file 0 $'1\n2\n' "" local --queries-file "$work/script.sql"
t queries-file-repeated 0 $'1\n2\n5\n' "" local --queries-file "$work/script.sql" --queries-file "$work/five.sql"
IN="$work/five.sql" t queries-file-stdin 0 $'5\n' "" local --queries-file -
t queries-file-missing 107 "" "~Code: 107. DB::Exception: *(FILE_DOESNT_EXIST)"$'\n' local --queries-file "$work/no-such-file.sql"
t query-and-file 36 "" $'Code: 36. DB::Exception: Options \'--query\' and \'--queries-file\' cannot be specified at the same time. (BAD_ARGUMENTS)\n' \
    local -q "SELECT 1" --queries-file "$work/five.sql"

# ---- INSERT data ----
create="CREATE TABLE t (n UInt8, s String) ENGINE = MergeTree ORDER BY n"
printf '2\ty\n1\tx\n' >"$work/data.tsv"
# The INSERT must end its text: anything after FORMAT X would be inline data
# (and "FORMAT X;" is a syntax error), as in ClickHouse's parser.
IN="$work/data.tsv" t stdin-insert-data 0 $'1\tx\n2\ty\n' "" local -q "$create; INSERT INTO t FORMAT TSV" -q "SELECT * FROM t ORDER BY n"
IN="$work/data.tsv" t stdin-insert-data-path 0 "" "" local --path "$work/d2" -q "$create; INSERT INTO t FORMAT TSV"
t stdin-insert-data-path-check 0 $'2\n' "" local --path "$work/d2" -q "SELECT count() FROM t"
t stdin-insert-empty 108 "" "~Code: 108. DB::Exception: No data to insert*(NO_DATA_TO_INSERT)"$'\n' local -q "$create; INSERT INTO t FORMAT TSV"
t insert-values-inline 0 $'1\tx\n2\ty\n' "" local -q "$create; INSERT INTO t VALUES (2, 'y'), (1, 'x'); SELECT * FROM t ORDER BY n"
t insert-tsv-inline 0 $'2\n' "" local -q "$create; INSERT INTO t FORMAT TSV"$'\n1\tx\n2\ty\n\n'"SELECT count() FROM t"
printf '%s;\nINSERT INTO t FORMAT TSV\n' "$create" >"$work/insert.sql"
IN="$work/insert.sql" t stdin-script-insert-no-data 108 "" "~Code: 108. *(NO_DATA_TO_INSERT)"$'\n' local

# ---- data directory ----
t path-create 0 "" "" local --path "$work/data" -q "$create; INSERT INTO t VALUES (1, 'x')"
t path-reopen 0 $'1\tx\n' "" local --path "$work/data" -q "SELECT * FROM t"
if [ -d "$work/data/metadata" ]; then passed=$((passed + 1)); else fail "path-layout" "no $work/data/metadata"; fi
t path-empty 36 "" "~Code: 36. DB::Exception: Cannot work with empty storage path*(BAD_ARGUMENTS)"$'\n' local --path "" -q "SELECT 1"
mkdir -p "$work/tmp"
TMPDIR="$work/tmp" "$floe" local -q "$create; INSERT INTO t VALUES (1, 'x')" </dev/null >/dev/null 2>&1
if [ -z "$(ls -A "$work/tmp")" ]; then passed=$((passed + 1)); else fail "temp-dir-removed" "left: $(ls -A "$work/tmp")"; fi

# ---- database and settings ----
t database-setup 0 "" "" local --path "$work/dbs" -q "CREATE DATABASE d1; CREATE TABLE d1.t (n UInt8) ENGINE = MergeTree ORDER BY n; INSERT INTO d1.t VALUES (7)"
t database-short 0 $'7\n' "" local --path "$work/dbs" -d d1 -q "SELECT * FROM t"
t database-long 0 $'7\n' "" local --path "$work/dbs" --database=d1 -q "SELECT * FROM t"
t database-unknown 81 "" "~Code: 81. DB::Exception: *(UNKNOWN_DATABASE)"$'\n' local -d no_such_db -q "SELECT 1"
t setting-equals 0 $'1;"a"\n' "" local --format_csv_delimiter=';' -f CSV -q "SELECT 1 AS x, 'a' AS s"
t setting-space 0 $'1;"a"\n' "" local --format_csv_delimiter ';' -f CSV -q "SELECT 1 AS x, 'a' AS s"
t setting-before-option 0 $'1\n' "" local --max_threads -q "SELECT 1"
t ignored-client-flags 0 $'1\n' "" local --stacktrace --progress=tty --log-level trace -n -A -q "SELECT 1"
t setting-unknown 115 "" "~Code: 115. DB::Exception: *(UNKNOWN_SETTING)"$'\n' local --no_such_setting_in_floe=1 -q "SELECT 1"

# ---- option errors, help, version, other subcommands ----
t missing-argument 36 "" $'Bad arguments: the required argument for option \'--query\' is missing\n' local -q
t unknown-short-option 36 "" $'Bad arguments: unrecognised option \'-Z\'\n' local -Z
t version 0 "floe version $("$floe" --version | sed 's/^floe version //')"$'\n' "" local --version
t version-top 0 "$("$floe" local --version)"$'\n' "" --version
"$floe" --version | grep -Eq '^floe version [0-9]+\.[0-9]+\.[0-9]+$' && passed=$((passed + 1)) || fail "version-text" "$("$floe" --version)"
"$floe" local --help 2>&1 | grep -q -- '--queries-file' && passed=$((passed + 1)) || fail "help"
t server 1 "" $'Code: 48. DB::Exception: floe server is not implemented yet. (NOT_IMPLEMENTED)\n' server
t client 1 "" $'Code: 48. DB::Exception: floe client is not implemented yet. (NOT_IMPLEMENTED)\n' client
t no-subcommand 1 "" "~usage: floe <command>*" 
t unknown-subcommand 1 "" "~floe: unknown command 'frobnicate'*" frobnicate

# ---- --testmode hints ----
cat >"$work/hints_ok.sql" <<'EOF'
-- a hint in a leading comment { serverError 60 } does not apply to errors
SELECT 1;
SELECT x; -- { serverError UNKNOWN_IDENTIFIER }
SELECT x; -- { serverError 60, 47 }
SELECT * FROM no_such_table; -- { serverError UNKNOWN_TABLE }
SELECT y -- { serverError 47 }
;
SELEC 1; -- { clientError SYNTAX_ERROR }
SELECT 2;
-- trailing comment
EOF
t testmode-expected-errors 0 $'1\n2\n' "" local --testmode --queries-file "$work/hints_ok.sql"
t testmode-short 0 $'1\n2\n' "" local -T --queries-file "$work/hints_ok.sql"

printf 'SELECT 1; -- { serverError 60 }\nSELECT 2;\n' >"$work/hint_success.sql"
t testmode-unexpected-success 1 $'1\n2\n' \
    $'The query succeeded but the server error \'60\' was expected (query: SELECT 1; -- { serverError 60 }).\n' \
    local --testmode --queries-file "$work/hint_success.sql"
# stdout and stderr into one file (as tests/run_query_test.sh does): each
# statement's results come before the complaint about it.
"$floe" local --testmode --queries-file "$work/hint_success.sql" </dev/null >"$work/merged.out" 2>&1
want=$'1\nThe query succeeded but the server error \'60\' was expected (query: SELECT 1; -- { serverError 60 }).\n2\n'
if [ "$(cat "$work/merged.out"; echo x)" = "${want}x" ]; then
    passed=$((passed + 1))
else
    fail "testmode-merged-order" "got: $(cat "$work/merged.out")"
fi
printf 'SELECT 1; -- { serverError 60, 81 }\n' >"$work/hint_success2.sql"
t testmode-unexpected-success-list 1 $'1\n' \
    $'The query succeeded but the server error \'[60, 81]\' was expected (query: SELECT 1; -- { serverError 60, 81 }).\n' \
    local --testmode --queries-file "$work/hint_success2.sql"
printf 'SELECT 1; -- { clientError 62 }\n' >"$work/hint_success3.sql"
t testmode-unexpected-success-client 1 $'1\n' \
    $'The query succeeded but the client error \'62\' was expected (query: SELECT 1; -- { clientError 62 }).\n' \
    local --testmode --queries-file "$work/hint_success3.sql"

printf 'SELECT 1;\nSELECT x; -- { serverError 60 }\nSELECT 2;\n' >"$work/hint_wrong.sql"
t testmode-wrong-error 47 $'1\n' \
    "~Expected server error code: 60 but got: 47 (query: SELECT x; -- { serverError 60 }).
Code: 47. DB::Exception: *(UNKNOWN_IDENTIFIER)"$'\n' \
    local --testmode --queries-file "$work/hint_wrong.sql"
printf -- '-- { serverError 47 }\nSELECT x;\n' >"$work/hint_leading.sql"
t testmode-leading-hint-ignored 47 "" "~Code: 47. DB::Exception: *(UNKNOWN_IDENTIFIER)"$'\n' \
    local --testmode --queries-file "$work/hint_leading.sql"
t testmode-off-hints-ignored 47 $'1\n' "~Code: 47. DB::Exception: *(UNKNOWN_IDENTIFIER)"$'\n' \
    local --queries-file "$work/hints_ok.sql"

cat >"$work/echo.sql" <<'EOF'
SELECT 1;
-- { echoOn }
SELECT 2; -- two
SELECT x; -- { serverError 47 }
-- { echoOff }
SELECT 3;
EOF
t testmode-echo 0 $'1\n-- { echoOn }\nSELECT 2; -- two\n2\nSELECT x; -- { serverError 47 }\n3\n' "" \
    local --testmode --queries-file "$work/echo.sql"
t echo-option 0 $'SELECT 1;\n1\nSELECT 2\n2\n' "" local --echo -q "SELECT 1; SELECT 2"

# The SQL test runner on a passing and a failing pair.
mkdir -p "$work/qt"
printf 'SELECT 1;\nSELECT x; -- { serverError UNKNOWN_IDENTIFIER }\nSELECT 2;\n' >"$work/qt/00001_ok.sql"
printf '1\n2\n' >"$work/qt/00001_ok.reference"
cp "$work/qt/00001_ok.sql" "$work/qt/00002_bad.sql"
printf '1\n3\n' >"$work/qt/00002_bad.reference"
if "$here/../run_query_test.sh" "$floe" "$work/qt/00001_ok.sql" >/dev/null 2>&1; then
    passed=$((passed + 1))
else
    fail "run-query-test-pass" "$("$here/../run_query_test.sh" "$floe" "$work/qt/00001_ok.sql" 2>&1 | head -5)"
fi
if "$here/../run_query_test.sh" "$floe" "$work/qt/00002_bad.sql" >/dev/null 2>&1; then
    fail "run-query-test-fail" "a wrong reference passed"
else
    passed=$((passed + 1))
fi

# ---- output to a closed pipe: quiet stop ----
"$floe" local -q "SELECT number FROM system.numbers LIMIT 3000000" </dev/null 2>"$work/pipe.err" | head -1 >"$work/pipe.out"
if [ "$(cat "$work/pipe.out")" = "0" ] && [ ! -s "$work/pipe.err" ]; then
    passed=$((passed + 1))
else
    fail "broken-pipe" "stdout: $(cat "$work/pipe.out")" "stderr: $(head -c 300 "$work/pipe.err")"
fi

# ---- interactive prompt through a terminal (util-linux script) ----
if command -v script >/dev/null 2>&1; then
    mkdir -p "$work/home"
    {
        sleep 1
        printf 'SELECT 1\n'
        sleep 1
        printf 'SELECT x;\n'
        sleep 1
        printf "SELECT 'a\n"
        sleep 0.5
        printf "b' AS s\n"
        sleep 1
        printf 'exit\n'
        sleep 1
    } | HOME="$work/home" TERM=dumb script -qec "$floe local" /dev/null >"$work/repl.out" 2>&1
    # Without carriage returns and colours (Pretty formats colour on a terminal).
    repl=$(tr -d '\r' <"$work/repl.out" | sed 's/\x1b\[[0-9;]*m//g')
    check_repl() {
        if printf '%s' "$repl" | grep -qF -- "$2"; then
            passed=$((passed + 1))
        else
            fail "$1" "missing: $2" "output: $(printf '%s' "$repl" | head -40)"
        fi
    }
    check_repl repl-prompt "floe :) "
    check_repl repl-pretty "1. │ 1 │"
    check_repl repl-summary "1 row in set. Elapsed: "
    check_repl repl-exception "Received exception:"
    check_repl repl-error "Code: 47. DB::Exception: "
    check_repl repl-continuation ":-] "
    check_repl repl-multiline-string "1. │ a"
    check_repl repl-bye "Bye."
    if grep -q 'SELECT' "$work/home/.floe-local-history" 2>/dev/null; then
        passed=$((passed + 1))
    else
        fail "repl-history" "no ~/.floe-local-history with the statements"
    fi
fi

# ---- settings from the configuration file (top level, <profiles><default>) ----
cat >"$work/cfg.xml" <<'XML'
<clickhouse>
  <background_export_pool_size>3</background_export_pool_size>
  <max_exports_bandwidth_for_server>1000000</max_exports_bandwidth_for_server>
  <logger><level>trace</level></logger>
  <profiles><default><max_threads>1</max_threads></default></profiles>
</clickhouse>
XML
t config-settings 0 $'background_export_pool_size\t3\nmax_exports_bandwidth_for_server\t1000000\nmax_threads\t1\n' "" \
    local --config-file "$work/cfg.xml" -q "SELECT name, value FROM system.settings WHERE name IN
    ('background_export_pool_size', 'max_exports_bandwidth_for_server', 'max_threads') ORDER BY name"
t config-statement-overrides 0 $'2\n' "" local --config-file "$work/cfg.xml" \
    -q "SELECT value FROM system.settings WHERE name = 'max_threads' SETTINGS max_threads = 2"
# the configured cap throttles an export that sets nothing itself (400 kB at 1 MB/s)
t config-export-throttled 0 $'1\n' "" local --config-file "$work/cfg.xml" --path "$work/cfgdata" -q "
    CREATE TABLE s (a UInt64) ENGINE = MergeTree ORDER BY a; INSERT INTO s SELECT number FROM numbers(50000);
    CREATE TABLE d (a UInt64) ENGINE = File(Parquet);
    ALTER TABLE s EXPORT PART 'all_1_1_0' TO TABLE d SETTINGS allow_experimental_export_merge_tree_part = 1;
    SELECT sleep(1) FORMAT Null; SELECT sleep(1) FORMAT Null;
    SELECT value > 0 FROM system.events WHERE event = 'ExportsThrottlerSleepMicroseconds'" 
echo '<clickhouse><max_threads>abc</max_threads></clickhouse>' >"$work/bad.xml"
t config-bad-setting 27 "" "~*(CANNOT_PARSE_INPUT_ASSERTION_FAILED)*" local --config-file "$work/bad.xml" -q "SELECT 1"

# INTO OUTFILE appears whole or not at all: a query failing midway leaves no
# file, the old contents under TRUNCATE, the old size under APPEND, and no
# temporary file beside it; without TRUNCATE an existing file is an error.
boom="SELECT intDiv(1, toInt64(number) - 70000) FROM numbers(100000)"
mkdir -p "$work/out"
t outfile-fail-new 153 "" "~*(ILLEGAL_DIVISION)*" local -q "$boom INTO OUTFILE '$work/out/a.parquet' FORMAT Parquet SETTINGS max_block_size = 1000"
[ ! -e "$work/out/a.parquet" ] && passed=$((passed + 1)) || fail "outfile-fail-new: a partial file was left"
t outfile-new 0 "" "" local -q "SELECT 1 INTO OUTFILE '$work/out/a.tsv'"
t outfile-exists 76 "" "~*exists, consider using APPEND or TRUNCATE*(CANNOT_OPEN_FILE)*" local -q "SELECT 2 INTO OUTFILE '$work/out/a.tsv'"
t outfile-fail-truncate 153 "" "~*(ILLEGAL_DIVISION)*" local -q "$boom INTO OUTFILE '$work/out/a.tsv' TRUNCATE SETTINGS max_block_size = 1000"
t outfile-fail-append 153 "" "~*(ILLEGAL_DIVISION)*" local -q "$boom INTO OUTFILE '$work/out/a.tsv' APPEND SETTINGS max_block_size = 1000"
[ "$(cat "$work/out/a.tsv")" = "1" ] && passed=$((passed + 1)) || fail "outfile: failed TRUNCATE/APPEND changed the file" "$(head -c 200 "$work/out/a.tsv")"
t outfile-append 0 "" "" local -q "SELECT 2 INTO OUTFILE '$work/out/a.tsv' APPEND"
t outfile-truncate 0 "" "" local -q "SELECT 3 INTO OUTFILE '$work/out/a.tsv' TRUNCATE"
[ "$(cat "$work/out/a.tsv")" = "3" ] && passed=$((passed + 1)) || fail "outfile: TRUNCATE result" "$(cat "$work/out/a.tsv")"
ln -s "$work/out/a.tsv" "$work/out/link.tsv"
t outfile-symlink 0 "" "" local -q "SELECT 4 INTO OUTFILE '$work/out/link.tsv' TRUNCATE"
[ -L "$work/out/link.tsv" ] && [ "$(cat "$work/out/a.tsv")" = "4" ] && passed=$((passed + 1)) ||
    fail "outfile: a symbolic link was not written through"
left=$(ls -A "$work/out" | grep -v '^a.tsv$' | grep -v '^link.tsv$')
[ -z "$left" ] && passed=$((passed + 1)) || fail "outfile: files left behind" "$left"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
