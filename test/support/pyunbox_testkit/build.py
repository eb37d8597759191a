"""Compile an extension with or without the plugin, load it, read its records.

The loader looks up PyInit_<last component of the import name>, so loading
one file as "<package>.e2e_shapes" under a different package each time keeps
several builds of one module apart in one interpreter.
"""
import functools
import importlib.util
import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .paths import CLANG, CPYTHON, DUMP, PLUGIN, SHAPES, SHAPES_MODULE, require_plugin

# PyPy's C API lacks _PyLong_AsInt: pypy_compat.h declares it (force-included)
# and pypy_compat.c defines it with CPython's behaviour, so the pass sees the
# call it knows and makes the same cores as for CPython.
PYPY_COMPAT = Path(__file__).resolve().parent.parent  # test/support


def run(cmd, **kwargs):
    """Run a tool; on failure raise with its output, so the caller says why."""
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n"
                           f"{proc.stdout}{proc.stderr}")
    return proc.stdout


@functools.lru_cache(maxsize=None)
def interpreter_paths(python):
    """(include dir, extension suffix) of an interpreter."""
    out = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['include']); "
                             "print(sysconfig.get_config_var('EXT_SUFFIX'))"])
    include, suffix = out.split("\n")[:2]
    return include, suffix


def compile_flags(opt, plugin, include=None):
    """The flags of a build of an extension for `include` (default: this
    interpreter's headers) at -<opt>, with or without the plugin."""
    if include is None:
        import sysconfig
        include = sysconfig.get_paths()["include"]
    flags = [f"-{opt}", "-Wall", "-fPIC", f"-I{include}"]
    if plugin:
        flags.append(f"-fpass-plugin={PLUGIN}")
    return flags


def build_extension(sources, out, python=CPYTHON, opt="O2", plugin=True, flags=()):
    """Compile C sources into the extension `out` for `python`'s headers."""
    if plugin:
        require_plugin()
    include, _ = interpreter_paths(python)
    extra = []
    if "pypy" in include:
        extra = ["-include", PYPY_COMPAT / "pypy_compat.h", PYPY_COMPAT / "pypy_compat.c"]
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    run([CLANG, *compile_flags(opt, plugin, include), *flags, "-shared", *sources, *extra,
         "-o", out])
    return Path(out)


def build_shapes(outdir, python=CPYTHON, opt="O2", plugin=True):
    """test/e2e/shapes.c for `python`, as outdir/e2e_shapes<EXT_SUFFIX>: the
    name `import e2e_shapes` finds with outdir on sys.path."""
    _, suffix = interpreter_paths(python)
    return build_extension([SHAPES], Path(outdir) / f"{SHAPES_MODULE}{suffix}", python, opt,
                           plugin)


def load_module(path, import_name):
    """Load the extension at `path` as `import_name` ("package.module")."""
    spec = importlib.util.spec_from_file_location(import_name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_copy(path, directory, package):
    """A fresh module from a copy of `path` in `directory` (a new path is a
    new dlopen, so new module state), imported as <package>.<module>."""
    copy = Path(directory) / Path(path).name
    copy.parent.mkdir(parents=True)
    shutil.copy(path, copy)
    return load_module(copy, f"{package}.{Path(path).name.split('.')[0]}")


def dump_records(path):
    """The records of a .so as `pyunbox-dump --json` gives them."""
    return json.loads(run([DUMP, "--json", path]))["records"]


@dataclass
class Build:
    """One loaded build of an extension and, with the plugin, its records."""
    tag: str      # e.g. "plugin_O2"
    path: Path
    plugin: bool
    module: object = None
    records: dict = field(default_factory=dict)  # python_name -> dump record

    def core(self, name):
        """The core of `name`, callable from Python (cores.core_function)."""
        from .cores import core_function
        return core_function(self.path, self.records[name])


def records_by_name(path):
    """{python_name: record}; two records of one name are an error here."""
    records = {}
    for record in dump_records(path):
        name = record["python_name"]
        if name in records:
            raise RuntimeError(f"{path}: two records for {name}")
        records[name] = record
    return records


def make_build(outdir, opt, plugin):
    """shapes.c built at -<opt> with or without the plugin, loaded."""
    tag = f"{'plugin' if plugin else 'plain'}_{opt}"
    path = build_shapes(Path(outdir) / tag, opt=opt, plugin=plugin)
    module = load_module(path, f"pyunbox_e2e_{tag}.{SHAPES_MODULE}")
    return Build(tag, path, plugin, module, records_by_name(path) if plugin else {})
