#!/usr/bin/env bash
# Installs everything floe needs to build and test on Debian 12: the -dev
# packages it links, the build tools, and (with --test) the npm packages the
# integration tests use as independent peers and readers.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs="build-essential cmake pkg-config git ca-certificates tzdata nodejs npm
      libzstd-dev liblz4-dev libsnappy-dev zlib1g-dev libbrotli-dev libedit-dev
      libcurl4-openssl-dev libssl-dev libmicrohttpd-dev libexpat1-dev libjansson-dev
      libcmocka-dev libxxhash-dev time"
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Node and npm may come from elsewhere than Debian on a machine that has them.
if command -v node >/dev/null && command -v npm >/dev/null; then
    missing=$(echo "$missing" | tr ' ' '\n' | grep -vx -e nodejs -e npm | tr '\n' ' ')
fi
if [ -n "${missing// /}" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq $missing >/dev/null
fi
if [ "${1:-}" = "--test" ] && [ -f tests/integration/package.json ]; then
    (cd tests/integration && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
