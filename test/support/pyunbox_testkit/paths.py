"""Where things are: the checkout, the CMake build and the tools that test it."""
import json
import os
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
BUILD_DIR = Path(os.environ.get("PYUNBOX_BUILD_DIR", REPO / "build"))
PLUGIN = BUILD_DIR / "passes" / "libPyUnbox.so"
DUMP = BUILD_DIR / "runtime" / "pyunbox-dump"
PACKAGE_DIR = REPO / "runtime" / "python"  # the pyunbox package, importable from here
INCLUDE_DIR = REPO / "include"


def _configured_llvm():
    """The LLVM the build dir was configured with (CMake writes
    pyunbox-llvm.json): its plugin loads into that LLVM's clang and opt only.
    LLVM 19's, the default, before a build exists."""
    try:
        return json.loads((BUILD_DIR / "pyunbox-llvm.json").read_text())
    except FileNotFoundError:
        return {"llvm_major": 19, "llvm_bin": "/usr/lib/llvm-19/bin",
                "clang": shutil.which("clang-19") or "/usr/lib/llvm-19/bin/clang"}


LLVM = _configured_llvm()
LLVM_MAJOR = LLVM["llvm_major"]
LLVM_BIN = Path(LLVM["llvm_bin"])
CLANG = LLVM["clang"]
OPT = str(LLVM_BIN / "opt")  # Debian's plain "opt" on PATH may be another LLVM
CPYTHON = "/usr/bin/python3"  # Debian's, with the packages the tests use
PYPY = shutil.which("pypy3") or "/usr/bin/pypy3"
# The extension every suite builds: one function of each shape (test/e2e/expected.py).
SHAPES = REPO / "test" / "e2e" / "shapes.c"
SHAPES_MODULE = "e2e_shapes"

if str(PACKAGE_DIR) not in sys.path:
    sys.path.insert(0, str(PACKAGE_DIR))


def require_plugin():
    """The plugin and pyunbox-dump are what is tested: missing is a failure."""
    for path, what in ((PLUGIN, "plugin"), (DUMP, "pyunbox-dump")):
        if not path.is_file():
            raise RuntimeError(f"{what} not found at {path}: build first "
                               "(scripts/build.sh) or set PYUNBOX_BUILD_DIR")
