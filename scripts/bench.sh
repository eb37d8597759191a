#!/usr/bin/env bash
# The benchmarks (bench/README.md): PyPy calls, CPython call time and Numba,
# compile time and .so size, with and without the plugin, and real programs of
# third-party projects on PyPy end to end (bench/apps/: their pinned sources
# come from the local mirror, as for scripts/thirdparty.sh). One command from a
# clean clone; 20-35 minutes on 2 cores. Prints a table and writes
# bench/results.json and bench/results.png.
#   scripts/bench.sh                      the full run
#   PYUNBOX_BENCH_QUICK=1 scripts/bench.sh   a few seconds, numbers meaningless
# Not part of scripts/test.sh: it measures, it does not check.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
scripts/build.sh >/dev/null
# CPython's mathmodule.c and posixmodule.c, through the corpus tool's one fetch.
/usr/bin/python3 -c 'import sys; sys.path.insert(0, "scripts/corpus"); import corpus; corpus.fetch_source()'
exec /usr/bin/python3 bench/run_all.py "$@"
