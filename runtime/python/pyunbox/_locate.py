"""Where the plugin, the C runtime, the drivers and the matching clang are.

Search order: what the user names (PYUNBOX_PLUGIN, PYUNBOX_RUNTIME,
PYUNBOX_CLANG, PYUNBOX_BUILD_DIR), the checkout's build/, the install prefixes
(that of a pyunbox-cc on PATH, sys.prefix, then layout.json's list), and for
the runtime the dynamic linker's cache (ldconfig). The layout of a build tree
and of an install is layout.json's, the file CMake installs by. A search that
finds nothing raises NotFound naming every place it looked.
"""
import json
import os
import re
import shutil
import sys
import sysconfig
from pathlib import Path

from . import _build

LAYOUT = json.loads(Path(__file__).with_name("layout.json").read_text())
_PLUGIN_NAME = re.compile(re.escape(LAYOUT["plugin_name"]).replace(r"\{major\}", "([0-9]+)") + "$")


class NotFound(LookupError):
    def __init__(self, what, looked, hint):
        self.looked = looked
        places = "\n".join(f"  {place}" for place in looked) or "  (nowhere)"
        super().__init__(f"pyunbox: no {what} found; looked in:\n{places}\n{hint}")


def prefixes():
    """Install prefixes to search, in order, without repeats."""
    found = []
    driver = shutil.which(LAYOUT["driver_cc"])
    if driver:
        found.append(Path(driver).resolve().parent.parent)
    found.append(Path(sys.prefix))
    found += [Path(p) for p in LAYOUT["search_prefixes"]]
    return list(dict.fromkeys(found))


def plugin_major(path):
    """The LLVM major in a plugin's name (libPyUnbox-19.so -> 19), or None."""
    m = _PLUGIN_NAME.match(Path(path).name)
    return int(m.group(1)) if m else None


def _plugin_dirs():
    return ([d / LAYOUT["build_plugin_dir"] for d in _build.build_dirs()]
            + [p / LAYOUT["plugin_dir"] for p in prefixes()])


def plugin(major=None):
    """(path, LLVM major) of the plugin to use: PYUNBOX_PLUGIN, else the first
    directory's newest major (or `major`, or $PYUNBOX_LLVM_MAJOR)."""
    major = major or (int(os.environ["PYUNBOX_LLVM_MAJOR"]) if os.environ.get("PYUNBOX_LLVM_MAJOR") else None)
    env = os.environ.get("PYUNBOX_PLUGIN")
    if env:
        if not Path(env).is_file():
            raise NotFound("pyunbox plugin", [f"{env} (PYUNBOX_PLUGIN)"], "Fix PYUNBOX_PLUGIN.")
        if plugin_major(env) is None and major is None:
            raise NotFound("LLVM major for the plugin", [f"{env} (PYUNBOX_PLUGIN)"],
                           "Name it libPyUnbox-<major>.so or set PYUNBOX_LLVM_MAJOR.")
        return Path(env), plugin_major(env) or major
    pattern = LAYOUT["plugin_name"].format(major=major if major else "*")
    looked = []
    for directory in _plugin_dirs():
        looked.append(str(directory / pattern))
        found = sorted((p for p in directory.glob(pattern) if plugin_major(p) is not None),
                       key=plugin_major, reverse=True)
        if found:
            return found[0], plugin_major(found[0])
    raise NotFound("pyunbox plugin", looked,
                   "Build pyunbox (scripts/build.sh), install it (cmake --install, the .deb), "
                   "or set PYUNBOX_PLUGIN or PYUNBOX_BUILD_DIR.")


def runtime():
    """The C runtime library: a path, or a bare name the dynamic linker finds."""
    name = LAYOUT["runtime_name"]
    env = os.environ.get("PYUNBOX_RUNTIME")
    if env:
        if not Path(env).is_file():
            raise NotFound("C runtime", [f"{env} (PYUNBOX_RUNTIME)"], "Fix PYUNBOX_RUNTIME.")
        return Path(env)
    libdirs = ["lib/" + (sysconfig.get_config_var("MULTIARCH") or ""), "lib", "lib64"]
    candidates = ([d / LAYOUT["build_runtime_dir"] / name for d in _build.build_dirs()]
                  + [p / libdir / name for p in prefixes() for libdir in libdirs])
    looked = []
    for path in dict.fromkeys(candidates):
        looked.append(str(path))
        if path.is_file():
            return path
    looked.append("the dynamic linker's cache (ldconfig -p)")
    import ctypes.util  # only here: slow to import on PyPy
    soname = ctypes.util.find_library(name[len("lib"):-len(".so")])
    if soname:
        return soname
    raise NotFound(f"C runtime ({name})", looked,
                   "Build or install pyunbox, or set PYUNBOX_RUNTIME; loaded modules are "
                   "read without it (slower, same records).")


def clang(major, cxx=False):
    """The clang of LLVM `major`: PYUNBOX_CLANG, Debian's /usr/lib/llvm-N, or clang-N on PATH."""
    env = os.environ.get("PYUNBOX_CLANG")
    if env and not cxx:
        return env
    name = "clang++" if cxx else "clang"
    candidates = [f"/usr/lib/llvm-{major}/bin/{name}", shutil.which(f"{name}-{major}")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise NotFound(f"{name} for LLVM {major}", [c for c in candidates if c] + [f"{name}-{major} on PATH"],
                   f"Install clang-{major} or set PYUNBOX_CLANG.")


def driver(cxx=False):
    """The first pyunbox-cc (or pyunbox-c++) in the build trees and prefixes, or None."""
    name = LAYOUT["driver_cxx" if cxx else "driver_cc"]
    dirs = ([d / LAYOUT["build_driver_dir"] for d in _build.build_dirs()]
            + [p / "bin" for p in prefixes()])
    for directory in dirs:
        if (directory / name).is_file():
            return directory / name
    return None
