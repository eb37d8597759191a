#!/usr/bin/env bash
# Real code nobody here wrote (docs/THIRDPARTY.md): the C extension sources of
# the third-party projects pinned in scripts/corpus/projects.json, compiled with
# the plugin at -O0 and -O2; prints per project: files, compiles, crashes,
# internal errors, verifier failures, wrappers seen, cores. One command:
#   scripts/thirdparty.sh                 everything (fetches what is missing)
#   scripts/thirdparty.sh --jobs 2 --only noise,mmh3 --json out.json --write-doc
# Other options: scripts/thirdparty.sh --help. Exits non-zero on a crash, an
# internal error or a verifier failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# PYUNBOX_THIRDPARTY_NO_BUILD=1: use build/ as it is.
if [[ -z "${PYUNBOX_THIRDPARTY_NO_BUILD:-}" ]]; then
  scripts/setup.sh >/dev/null
  scripts/build.sh >/dev/null
fi
# Debian's interpreter (its headers are the ones compiled against).
exec /usr/bin/python3 scripts/corpus/thirdparty.py "$@"
