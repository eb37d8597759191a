#!/usr/bin/env bash
# pyunbox as a user gets it: package build/ with cpack, install the .deb with
# apt, pip-install the Python package into a fresh venv (and for PyPy), then
# run test/install from a temporary directory: the examples built with the
# installed driver, pkg-config and CMake package, the records read by the
# installed pyunbox-dump and Python package. Nothing there uses build/.
# Reuses build/ (scripts/build.sh is a no-op after scripts/test.sh's build).
#
# Usage: scripts/test_install.sh [--junit FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=/usr/bin/python3  # Debian's: its setuptools and meson-python build the examples
junit=()
if [[ ${1:-} == --junit ]]; then
  junit=(--junitxml="$2")
fi
SUDO=()
((EUID == 0)) || SUDO=(sudo)

work=$(mktemp -d /tmp/pyunbox-install.XXXXXX)
trap 'rm -rf "$work"' EXIT

scripts/build.sh >/dev/null
echo "test_install: cpack -G DEB"
(cd build && cpack -G DEB -B "$work/deb" >/dev/null)
deb=$(ls "$work"/deb/pyunbox_*.deb)
echo "test_install: apt-get install $(basename "$deb")"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --reinstall "$deb" >/dev/null

# No PyPI: Debian's setuptools from the system site, nothing downloaded. From
# a copy: setuptools writes build/ and an egg-info next to the sources.
echo "test_install: pip install runtime/python (CPython venv, PyPy --target)"
cp -r runtime/python "$work/pyunbox-python"
find "$work/pyunbox-python" -name __pycache__ -prune -exec rm -rf {} +
"$PY" -m venv --system-site-packages "$work/venv"
"$work/venv/bin/pip" install -q --root-user-action=ignore --no-build-isolation --no-index "$work/pyunbox-python"
pypy_site=
if command -v pypy3 >/dev/null && pypy3 -m pip --version >/dev/null 2>&1; then
  pypy3 -m pip install -q --root-user-action=ignore --no-build-isolation --no-index --target "$work/pypy-site" \
    "$work/pyunbox-python" && pypy_site=$work/pypy-site
fi

# Copies of the examples: their builds write next to their sources.
cp -r examples/fastmath examples/fastmath-meson examples/fastmath-cmake "$work/"
rm -rf "$work"/fastmath/build "$work"/fastmath/*.egg-info

cd "$work"
env -u PYUNBOX_BUILD_DIR -u PYTHONPATH PATH="$work/venv/bin:$PATH" \
  PYUNBOX_TEST_WORK="$work" PYUNBOX_TEST_PYPY_SITE="$pypy_site" \
  "$work/venv/bin/python" -m pytest -q -p no:cacheprovider --rootdir "$ROOT/test/install" \
  "$ROOT/test/install" "${junit[@]}"
