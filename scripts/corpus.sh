#!/usr/bin/env bash
# The corpus run (docs/CORPUS.md): CPython 3.11's own extension modules rebuilt
# with the plugin, their remarks counted, CPython's tests for them run and every
# core compared with its wrapper. One command from a clean clone:
#   scripts/corpus.sh            all modules, writes docs/CORPUS.md
#   scripts/corpus.sh --quick    math, cmath and _statistics (what scripts/test.sh runs)
# Other options: scripts/corpus.sh --help. Exits non-zero on a failed build,
# a failing CPython test, a crash or a core/wrapper mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."
# setup and build are cheap when there is nothing to do; test.sh has run them.
if [[ -z "${PYUNBOX_CORPUS_NO_BUILD:-}" ]]; then
  scripts/setup.sh >/dev/null
  scripts/build.sh >/dev/null
fi
# Debian's interpreter: the one whose source is fetched and whose modules are replaced.
exec /usr/bin/python3 scripts/corpus/corpus.py "$@"
