#!/usr/bin/env bash
# The whole test suite: a release build and an ASan+UBSan build, each running
# the unit and SQL tests through ctest. Prints ctest's summary last.
set -uo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --test
jobs=$(nproc)
status=0
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null &&
    cmake --build build -j"$jobs" >/dev/null || { echo "build failed"; cmake --build build 2>&1 | tail -40; exit 1; }
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DFLOE_SANITIZE=ON >/dev/null &&
    cmake --build build-asan -j"$jobs" >/dev/null || { echo "sanitizer build failed"; cmake --build build-asan 2>&1 | tail -40; exit 1; }
echo "== sanitizer build (ASan + UBSan)"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest -j"$jobs" -LE integration --output-on-failure) || status=1
echo "== release build"
(cd build && ctest -j"$jobs" --output-on-failure) || status=1
exit $status
