#!/usr/bin/env bash
# Install, build, run every suite (lit and GoogleTest through ctest, then the
# e2e and test/python pytest suites, which start the PyPy suite, then the
# corpus's quick part, the fuzzer's smoke, then lit, GoogleTest and e2e on
# the other LLVM majors), and end with
# one line: "N passed, N failed".
# Exits non-zero if anything failed. Suites keep running after a failure so the
# count covers everything.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# Debian's interpreter: another python3 without Debian's packages may come first.
PY=/usr/bin/python3
RESULTS=$ROOT/build/test-results

# Nothing can be counted without a build: report the failed step as one failure.
step() {
  if ! "$@"; then
    echo "test.sh: '$*' failed"
    echo "0 passed, 1 failed"
    exit 1
  fi
}
step scripts/setup.sh
step scripts/build.sh
rm -rf "$RESULTS" && mkdir -p "$RESULTS"

# lit reads extra options from LIT_OPTS, so ctest's lit run also writes a
# per-test report; ctest's own report has one case per GoogleTest test.
LIT_OPTS="--xunit-xml-output=$RESULTS/lit.xml" \
  ctest --test-dir build --output-on-failure --output-junit "$RESULTS/ctest.xml"
ctest_rc=$?

PYUNBOX_BUILD_DIR=$ROOT/build \
  "$PY" -m pytest test/e2e test/python -q -p no:cacheprovider --junitxml="$RESULTS/e2e.xml"
e2e_rc=$?

# The corpus's small part: CPython's math, cmath and _statistics rebuilt with the
# plugin, their CPython tests and core/wrapper checks (fetches the source once).
PYUNBOX_CORPUS_NO_BUILD=1 scripts/corpus.sh --quick --junit "$RESULTS/corpus.xml"
corpus_rc=$?

# The fuzzer's smoke: a fixed seed of generated modules through the harness,
# and every reduced reproducer in test/fuzz/regressions (test/fuzz/README.md).
PYUNBOX_BUILD_DIR=$ROOT/build \
  "$PY" -m pytest test/fuzz -q -p no:cacheprovider --junitxml="$RESULTS/fuzz.xml"
fuzz_rc=$?

scripts/test_install.sh --junit "$RESULTS/install.xml"; install_rc=$?  # the .deb and pip package, as a user has them

# The other supported LLVM majors, each in build-N: lit, GoogleTest, e2e, records compared.
scripts/test_llvm_matrix.sh "$RESULTS"

echo "test.sh: results"
# lit runs inside ctest, so ctest's exit code stands for both.
"$PY" scripts/count_results.py ctest="$RESULTS/ctest.xml:$ctest_rc" \
  lit="$RESULTS/lit.xml" e2e="$RESULTS/e2e.xml:$e2e_rc" \
  corpus="$RESULTS/corpus.xml:$corpus_rc" fuzz="$RESULTS/fuzz.xml:$fuzz_rc" \
  install="$RESULTS/install.xml:$install_rc" \
  $(cat "$RESULTS/llvm-matrix.suites" 2>/dev/null || echo llvm-matrix=/nonexistent:1)
