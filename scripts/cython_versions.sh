#!/bin/bash
# Cython 3.0, 3.1 and 3.2 for the tests, from a clone of Cython's git
# repository: the newest release of each series is exported into
# build/cython-versions/<series>/ (its pure-Python compiler runs from there,
# as ../shared/tools' 3.3.0 does). Debian has only 0.29 and this machine
# reaches no package index that has these, so a plain clone has none of
# them: test/e2e/test_cython.py then skips them, saying how to get them.
#
#   scripts/cython_versions.sh GIT_DIR       (or PYUNBOX_CYTHON_GIT=GIT_DIR)
#
# GIT_DIR is a clone of https://github.com/cython/cython (a bare one will
# do) with its tags.
set -euo pipefail
cd "$(dirname "$0")/.."
git_dir=${1:-${PYUNBOX_CYTHON_GIT:-}}
if [ -z "$git_dir" ]; then
  echo "usage: scripts/cython_versions.sh GIT_DIR (a clone of Cython's repository)" >&2
  exit 2
fi
out=${PYUNBOX_BUILD_DIR:-build}/cython-versions
mkdir -p "$out"
for series in 3.0 3.1 3.2; do
  # Releases only: 3.1.8, not 3.1.0rc2 or 3.2.3-1.
  tag=$(git -C "$git_dir" tag --list "$series.*" | grep -E "^$series\.[0-9]+$" | sort -V | tail -1)
  if [ -z "$tag" ]; then
    echo "cython_versions: no $series.x release in $git_dir" >&2
    exit 1
  fi
  rm -rf "$out/$series" "$out/$series.partial"
  mkdir -p "$out/$series.partial"
  git -C "$git_dir" archive "$tag" | tar -x -C "$out/$series.partial"
  echo "$tag" > "$out/$series.partial/PYUNBOX_VERSION"
  mv "$out/$series.partial" "$out/$series"
  echo "cython_versions: Cython $tag in $out/$series"
done
