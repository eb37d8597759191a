#!/usr/bin/env bash
# CI's LLVM matrix (issue #15), after scripts/test.sh's full suites on the
# default LLVM in build/: build every other supported major into build-N
# (a fresh configure with -DLLVM_DIR) and run there lit, the GoogleTest
# suites (ctest without lit) and the e2e suite; then check that every major
# writes the same records as the default one (scripts/llvm_matrix_records.py).
#
#   scripts/test_llvm_matrix.sh RESULTS_DIR [MAJOR...]
#
# Writes into RESULTS_DIR one JUnit report per suite and major (lit-15.xml,
# ctest-15.xml, e2e-15.xml, ..., records-matrix.xml), llvm-matrix.suites (the
# SUITE=REPORT:RC arguments for scripts/count_results.py, one a line: a
# report a failed build never wrote counts as a failure) and
# llvm-matrix-times.txt (seconds per step: what the matrix adds to CI).
# PYUNBOX_MATRIX_E2E: the pytest arguments of the e2e run (default test/e2e).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=/usr/bin/python3
RESULTS=${1:?usage: scripts/test_llvm_matrix.sh RESULTS_DIR [MAJOR...]}
shift
mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd)

# The majors, as CMakeLists.txt lists them.
cmake_list() { sed -n "s/^set($1 \\(.*\\))\$/\\1/p" CMakeLists.txt; }
DEFAULT=$(cmake_list PYUNBOX_DEFAULT_LLVM_MAJOR)
if (($#)); then
  MAJORS=("$@")
else
  MAJORS=()
  for m in $(cmake_list PYUNBOX_SUPPORTED_LLVM_MAJORS); do
    [[ $m == "$DEFAULT" ]] || MAJORS+=("$m")
  done
fi
read -r -a E2E_ARGS <<< "${PYUNBOX_MATRIX_E2E:-test/e2e}"

declare -A RC
SUITES=()
for m in "${MAJORS[@]}"; do SUITES+=("lit-$m" "ctest-$m" "e2e-$m"); done
SUITES+=(records-matrix)
# Until a suite has run, it stands as failed: a run cut short counts so.
write_suites() {
  for s in "${SUITES[@]}"; do echo "$s=$RESULTS/$s.xml:${RC[$s]:-1}"; done > "$RESULTS/llvm-matrix.suites"
}
write_suites
: > "$RESULTS/llvm-matrix-times.txt"
timed() { # timed LABEL COMMAND...: runs it, notes its seconds, returns its status
  local label=$1 start=$SECONDS rc
  shift
  "$@"
  rc=$?
  echo "$label $((SECONDS - start))s rc=$rc" | tee -a "$RESULTS/llvm-matrix-times.txt"
  return $rc
}
json_field() { "$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$@"; }

for m in "${MAJORS[@]}"; do
  B=$ROOT/build-$m
  echo "== LLVM $m: $B"
  if ! timed "build-$m" bash -c "cmake -S . -B '$B' -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
         -DLLVM_DIR=/usr/lib/llvm-$m/lib/cmake/llvm >/dev/null && cmake --build '$B'"; then
    echo "test_llvm_matrix: LLVM $m did not build; its suites count as failed"
    continue
  fi
  timed "lit-$m" "$PY" "$(json_field "$B/pyunbox-llvm.json" lit)" -sv "$B/test/lit" \
    --xunit-xml-output="$RESULTS/lit-$m.xml"
  RC[lit-$m]=$?
  timed "ctest-$m" ctest --test-dir "$B" -E '^lit$' --output-on-failure \
    --output-junit "$RESULTS/ctest-$m.xml"
  RC[ctest-$m]=$?
  PYUNBOX_BUILD_DIR=$B timed "e2e-$m" "$PY" -m pytest "${E2E_ARGS[@]}" -q -p no:cacheprovider \
    --junitxml="$RESULTS/e2e-$m.xml"
  RC[e2e-$m]=$?
  write_suites
done

BUILDS=("$ROOT/build")
for m in "${MAJORS[@]}"; do BUILDS+=("$ROOT/build-$m"); done
timed records-matrix "$PY" scripts/llvm_matrix_records.py --junit "$RESULTS/records-matrix.xml" "${BUILDS[@]}"
RC[records-matrix]=$?
write_suites
