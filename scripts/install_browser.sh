#!/usr/bin/env bash
# Installs what the browser tests need: Debian's Chromium + chromedriver (apt) and the
# playwright Python package (into the project venv). Idempotent: does nothing when both are present.
# Playwright's own browser download is never used: the tests drive /usr/bin/chromium.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PY" ] || PY="$(command -v python3)"

if [ ! -x /usr/bin/chromium ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
fi
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo 'not installed')"

if ! "$PY" -c "import playwright" 2>/dev/null; then
    "$PY" -m pip install -q playwright
fi
echo "playwright: $("$PY" -c 'import importlib.metadata as m; print(m.version("playwright"))')"
