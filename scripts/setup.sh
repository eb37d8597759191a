#!/usr/bin/env bash
# Install what pyunbox needs on Debian bookworm, with apt only (no PyPI).
# Idempotent: asks apt only for the packages that are missing, and not at all
# when nothing is, so it is cheap to call from every other script.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every LLVM major the build supports, as CMakeLists.txt lists them: 19 is the
# default build, the others CI's matrix (scripts/test_llvm_matrix.sh). LLVM 22
# comes from bookworm-security, which Debian's default apt sources include.
LLVM_MAJORS=$(sed -n 's/^set(PYUNBOX_SUPPORTED_LLVM_MAJORS \(.*\))$/\1/p' CMakeLists.txt)
[[ -n "$LLVM_MAJORS" ]] || { echo "setup: no PYUNBOX_SUPPORTED_LLVM_MAJORS in CMakeLists.txt" >&2; exit 1; }

# The complete list, in one place. Why each is here:
PACKAGES=(
  cmake ninja-build g++              # the build
  libgtest-dev                       # unit tests
  python3 python3-dev                # the interpreter and Python.h for extensions
  python3-pytest python3-hypothesis  # e2e suite, property-based
  python3-cffi                       # consumers of the cores
  python3-yaml                       # the optimization records (remark keys) the tests and corpus read
  pypy3 pypy3-dev                    # PyPy and its cpyext headers: accelerate(), test/python
  python3-numba                      # @njit calling cores (test/python, bench/)
  python3-setuptools                 # builds examples/ with the plugin
  python3-matplotlib                 # bench/results.png (scripts/bench.sh)
  valgrind                           # bench/compile_time.py counts instructions (callgrind)
  cython3                            # Cython-generated wrappers (test/lit/cython)
  swig                               # SWIG-generated wrappers (test/e2e/test_swig.py)
  libc6-dev-i386                     # a real -m32 build gets no cores and still builds (test/lit/refusals/unsupported-target.c)
  python3-mypy                       # type-checks the stubs stubgen writes (test/python/test_stubgen.py)
  # scripts/test_install.sh: the .deb, the package pip-installed, the examples
  python3-pip python3-venv           # pip install runtime/python (CPython venv, pypy3 -m pip)
  meson python3-mesonpy              # examples/fastmath-meson
  pkg-config                         # pyunbox.pc
)
for N in $LLVM_MAJORS; do
  PACKAGES+=(
    "llvm-$N-dev"                    # LLVMConfig.cmake and headers for the plugin
    "clang-$N"                       # compiles extensions with -fpass-plugin
    "llvm-$N-tools"                  # lit, FileCheck, not
    "lld-$N"                         # ld.lld for the linking tests
  )
done

# CPython's newer headers (3.13, 3.14, 3.15) from Debian's newer suites, for
# the compile-only tests in test/lit/headers: after the packages below on a
# fresh machine (it needs python3 and dpkg-deb), never fatal.
fetch_python_headers() {
  /usr/bin/python3 scripts/python_headers.py || echo "setup: newer Python headers not fetched" >&2
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  # "install ok installed" only: a removed package leaves a config-files entry.
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#PACKAGES[@]} packages present"
  fetch_python_headers
  exit 0
fi

SUDO=()
((EUID == 0)) || SUDO=(sudo)
echo "setup: installing ${missing[*]}"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fetch_python_headers
