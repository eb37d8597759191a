#!/usr/bin/env bash
# The pyunbox fuzzer (test/fuzz/README.md): random extension modules built
# with and without the plugin at -O0 and -O2, verified, imported and compared;
# failures reduced into test/fuzz/regressions/.
#
#   scripts/fuzz.sh [--seed S] [--modules N] [--jobs J] [--out DIR] [fuzz.py options]
#
# Progress on stderr, the summary and coverage table on stdout, DIR/summary.json.
# Exits non-zero if anything failed. Builds first if build/ has no plugin.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/passes/libPyUnbox.so ] && [ -f build/runtime/pyunbox-dump ] || scripts/build.sh
# Debian's interpreter: another python3 without Debian's packages may come first.
exec /usr/bin/python3 test/fuzz/fuzz.py "$@"
