#!/usr/bin/env bash
# Builds floe (release with debug info) into build/; prints only errors.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null || cmake --build build 2>&1 | grep -E "error|Error" | head -40
test -x build/floe
