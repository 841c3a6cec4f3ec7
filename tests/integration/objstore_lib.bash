# Shared by objstore_s3.sh and objstore_azure.sh (sourced; not a test itself):
# builds objstore_cli against the base and objstore layers, installs the npm
# peers, picks free loopback ports, starts and stops servers, counts checks.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# ctest passes FLOE_BIN: its build tree already holds the layers' objects.
# Run by hand, each script builds in a directory of its own (two scripts may
# run at once).
if [ -n "${FLOE_BIN:-}" ] && [ -d "$(dirname "$FLOE_BIN")/CMakeFiles/floe_objstore.dir" ]; then
    build=$(dirname "$FLOE_BIN")
    prebuilt=1
else
    build=${FLOE_OBJSTORE_BUILD:-/tmp/floe-objstore-it-$(basename "$0" .sh)}
    prebuilt=0
fi
work=$(mktemp -d /tmp/floe-objstore-it.XXXXXX)
pids=()
passed=0
failed=0

cleanup() {
    for p in "${pids[@]:-}"; do
        if [ -n "$p" ]; then
            kill "$p" 2>/dev/null || true
            wait "$p" 2>/dev/null || true
        fi
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM # the EXIT trap then stops the servers

build_cli() {
    if [ "$prebuilt" = 0 ]; then
        cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
        cmake --build "$build" --target floe_base floe_objstore -j"$(nproc)" >/dev/null
    fi
    local objs
    objs=$(find "$build/CMakeFiles/floe_base.dir" "$build/CMakeFiles/floe_objstore.dir" -name '*.o' | sort | tr '\n' ' ')
    local san=""
    grep -q '^FLOE_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null && san="-fsanitize=address,undefined"
    cc -O2 $san -Wall -Wextra -Wno-unused-parameter -D_GNU_SOURCE -I"$root/src" "$here/objstore_cli.c" $objs \
        $(pkg-config --libs libcurl libcrypto expat) -lpthread -lm -o "$work/objstore_cli"
    cli="$work/objstore_cli"
}

install_peers() {
    if [ ! -d "$here/node_modules/s3rver" ] || [ ! -d "$here/node_modules/azurite" ] ||
        [ ! -d "$here/node_modules/chdb" ]; then
        (cd "$here" && npm install --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null)
    fi
}

# A TCP port nothing listens on, from the high range.
free_port() {
    local p
    for _ in $(seq 1 50); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return
        fi
    done
    echo "no free port" >&2
    return 1
}

wait_port() {
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "nothing listens on port $1" >&2
    return 1
}

# start_bg VAR command...: runs command in the background, its pid in VAR
# and in the list stopped at exit.
start_bg() {
    local var=$1
    shift
    "$@" >"$work/$var.log" 2>&1 &
    local pid=$!
    pids+=("$pid")
    printf -v "$var" '%s' "$pid"
}

stop_pid() {
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

start_proxy() { # VAR listen target mode log
    start_bg "$1" node "$here/objstore_proxy.mjs" "$2" "$3" "$4" "$5"
    wait_port "$2"
}

ok() {
    passed=$((passed + 1))
    echo "ok   $1"
}

bad() {
    failed=$((failed + 1))
    echo "FAIL $1"
    [ -n "${2:-}" ] && printf '     %s\n' "$2" | head -20
    return 0
}

# expect NAME WANT GOT
expect() {
    if [ "$2" == "$3" ]; then ok "$1"; else bad "$1" "want: $2 | got: $3"; fi
}

# expect_error NAME CODE_TEXT command...: the command fails with that text in stderr
expect_error() {
    local name=$1 want=$2
    shift 2
    local out rc=0
    out=$("$@" 2>&1 >/dev/null) || rc=$?
    if [ $rc -ne 0 ] && [[ "$out" == *"$want"* ]]; then ok "$name"; else bad "$name" "rc=$rc: $out"; fi
}

chdb() {
    node "$here/objstore_chdb.mjs" "$1"
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
