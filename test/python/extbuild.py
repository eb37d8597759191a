"""Build test/e2e/shapes.c (unchanged) with the plugin for an interpreter:
CPython 3.11 or PyPy 3.9 (cpyext). Used by the tests and by bench/.

PyPy's C API lacks _PyLong_AsInt; pypy_compat.h declares it (force-included)
and pypy_compat.c defines it with CPython's behaviour, so the pass sees the
call it knows and makes the same cores as for CPython."""
import os
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BUILD_DIR = Path(os.environ.get("PYUNBOX_BUILD_DIR", REPO / "build"))
PLUGIN = BUILD_DIR / "passes" / "libPyUnbox.so"
DUMP = BUILD_DIR / "runtime" / "pyunbox-dump"
CLANG = shutil.which("clang-19") or "/usr/lib/llvm-19/bin/clang"
SHAPES = REPO / "test" / "e2e" / "shapes.c"
MODULE = "e2e_shapes"
CPYTHON = "/usr/bin/python3"
PYPY = shutil.which("pypy3") or "/usr/bin/pypy3"


def interpreter_paths(python):
    """(include dir, extension suffix) of an interpreter."""
    out = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['include']); "
                       "print(sysconfig.get_config_var('EXT_SUFFIX'))"],
        check=True, capture_output=True, text=True).stdout.split("\n")
    return out[0], out[1]


def build_shapes(outdir, python=CPYTHON, opt="O2", plugin=True):
    """Compile shapes.c for `python` into outdir/e2e_shapes<EXT_SUFFIX>."""
    if plugin and not PLUGIN.is_file():
        raise RuntimeError(f"plugin not found at {PLUGIN}: build first (scripts/build.sh) "
                           "or set PYUNBOX_BUILD_DIR")
    include, suffix = interpreter_paths(python)
    out = Path(outdir) / f"{MODULE}{suffix}"
    cmd = [CLANG, f"-{opt}", "-fPIC", "-shared", f"-I{include}", str(SHAPES)]
    if plugin:
        cmd.append(f"-fpass-plugin={PLUGIN}")
    if "pypy" in include:
        cmd += ["-include", str(HERE / "pypy_compat.h"), str(HERE / "pypy_compat.c")]
    cmd += ["-o", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr}")
    return out
