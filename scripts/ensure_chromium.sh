#!/usr/bin/env bash
# Make sure Debian's chromium is installed for the browser tests (idempotent).
# Exits non-zero, loudly, when it is missing and cannot be installed: the browser
# tests must fail rather than be skipped.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_chromium: chromium is missing and apt-get is not available;" \
         "install Debian's chromium package to run the browser tests" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "ensure_chromium: installing Debian's chromium for the browser tests" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
command -v chromium >/dev/null 2>&1 || {
    echo "ensure_chromium: chromium is still missing after apt-get install" >&2
    exit 1
}
