"""Compile shapes.c with and without the plugin, import it, read its records.

Each build gets its own file and its own import name (the loader looks up
PyInit_<last component>, so "pyunbox_e2e_<tag>.e2e_shapes" finds the one init
function while keeping the four modules apart in one interpreter).
"""
import ctypes
import importlib.util
import json
import os
import shutil
import subprocess
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BUILD_DIR = Path(os.environ.get("PYUNBOX_BUILD_DIR", REPO / "build"))
PLUGIN = BUILD_DIR / "passes" / "libPyUnbox.so"
DUMP = BUILD_DIR / "runtime" / "pyunbox-dump"
LLVM_BIN = Path("/usr/lib/llvm-19/bin")
CLANG = shutil.which("clang-19") or str(LLVM_BIN / "clang")
OPT = str(LLVM_BIN / "opt")  # Debian's plain "opt" on PATH may be another LLVM
SOURCE = HERE / "shapes.c"
MODULE = "e2e_shapes"


def compile_flags(opt, plugin):
    flags = [f"-{opt}", "-Wall", "-fPIC", f"-I{sysconfig.get_paths()['include']}"]
    if plugin:
        flags.append(f"-fpass-plugin={PLUGIN}")
    return flags


def run(cmd):
    """Run a tool; on failure raise with its stderr so the test says why."""
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n"
                           f"{proc.stdout}{proc.stderr}")
    return proc.stdout


def require_plugin():
    """The plugin and dump tool are the thing under test: missing is a failure."""
    for path, what in ((PLUGIN, "plugin"), (DUMP, "pyunbox-dump")):
        if not path.is_file():
            raise RuntimeError(f"{what} not found at {path}: build first "
                               "(scripts/build.sh) or set PYUNBOX_BUILD_DIR")


@dataclass
class Build:
    tag: str      # e.g. "plugin_O2"
    path: Path
    plugin: bool
    module: object = None
    records: dict = field(default_factory=dict)  # python_name -> dump record

    def core(self, name):
        """The core of `name` as a ctypes function typed from its record."""
        from ctypes_kinds import CTYPES
        record = self.records[name]
        # A core that needs the interpreter must be called with the GIL held.
        lib = (ctypes.PyDLL if record["needs_interpreter"] else ctypes.CDLL)(str(self.path))
        fn = lib[record["core_symbol"]]
        fn.restype = CTYPES[record["return_type"]]
        fn.argtypes = [CTYPES[t] for t in record["param_types"]]
        if record["errors"] != "bail":
            return fn
        fn.argtypes.append(ctypes.POINTER(ctypes.c_int))

        def call_with_bail(*args):
            # docs/FORMAT.md: the caller clears the flag; the core sets it
            # where the wrapper raises.
            bail = ctypes.c_int(0)
            result = fn(*args, ctypes.byref(bail))
            if bail.value:
                raise Bailed()
            return result
        return call_with_bail


class Bailed(Exception):
    """A core said: the wrapper raises for these arguments."""


def dump_records(path):
    return json.loads(run([DUMP, "--json", path]))["records"]


def make_build(outdir, opt, plugin):
    tag = f"{'plugin' if plugin else 'plain'}_{opt}"
    if plugin:
        require_plugin()
    path = Path(outdir) / f"{tag}.so"
    run([CLANG, *compile_flags(opt, plugin), "-shared", SOURCE, "-o", path])
    spec = importlib.util.spec_from_file_location(f"pyunbox_e2e_{tag}.{MODULE}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    build = Build(tag, path, plugin, module)
    if plugin:
        for record in dump_records(path):
            name = record["python_name"]
            if name in build.records:
                raise RuntimeError(f"{tag}: two records for {name}")
            build.records[name] = record
    return build
