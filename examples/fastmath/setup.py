"""Build fastmath with the pyunbox plugin, the way any setuptools project can:
compile with LLVM 19's clang and add -fpass-plugin to the compile flags.

    /usr/bin/python3 setup.py build_ext --inplace

PYUNBOX_BUILD_DIR names the pyunbox build (default: <repo>/build).
"""
import os
import sys
from pathlib import Path

from setuptools import Extension, setup

REPO = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("PYUNBOX_BUILD_DIR", REPO / "build"))
PLUGIN = BUILD / "passes" / "libPyUnbox.so"
if not PLUGIN.is_file():
    sys.exit(f"setup.py: no pyunbox plugin at {PLUGIN}; run scripts/build.sh first")

# The plugin is built against LLVM 19 and only loads into LLVM 19's clang.
# distutils links with CC too when LDSHARED is not set.
os.environ.setdefault("CC", "clang-19")

setup(
    name="fastmath",
    version="0.1",
    ext_modules=[Extension("fastmath", ["fastmath.c"],
                           extra_compile_args=[f"-fpass-plugin={PLUGIN}"])],
)
