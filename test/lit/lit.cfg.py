# lit configuration for pyunbox: substitutions read like the commands a user types.
import os
import sys

import lit.formats

config.name = "pyunbox"
config.test_format = lit.formats.ShTest(not lit_config.isWindows)
config.suffixes = [".ll", ".c", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.pyunbox_obj_root, "test", "lit")

tools = config.llvm_tools_dir
opt = os.path.join(tools, "opt")
# The plugin as a user runs it (README, "Use"). lit replaces in list order, so
# a name comes before any name that is its prefix (%clang_pyunbox, %clang).
#   %clang_pyunbox     clang with CPython's headers and the plugin
#   %remarks           clang's flags for pyunbox's one-line remarks: cores made
#                      (-Rpass) and why not (-Rpass-missed)
#   %remarks_yaml=F    clang writes pyunbox's remarks to F as YAML, each with
#                      its key ("Name: UsesSelf")
#   %opt_pyunbox       opt with the plugin loaded (-passes= still says what runs)
#   %opt_remarks, %opt_remarks_yaml=F   the same two for opt
config.substitutions.append(("%clang_pyunbox",
                             f"{config.clang} -I{config.python_include} -fpass-plugin={config.pyunbox_plugin}"))
config.substitutions.append(("%remarks_yaml",
                             "-foptimization-record-passes=pyunbox -foptimization-record-file"))
config.substitutions.append(("%remarks", "-Rpass=pyunbox -Rpass-missed=pyunbox"))
config.substitutions.append(("%opt_pyunbox", f"{opt} -load-pass-plugin={config.pyunbox_plugin}"))
config.substitutions.append(("%opt_remarks_yaml", "-pass-remarks-filter=pyunbox -pass-remarks-output"))
config.substitutions.append(("%opt_remarks", "-pass-remarks=pyunbox -pass-remarks-missed=pyunbox"))
config.substitutions.append(("%opt", opt))
config.substitutions.append(("%clang", config.clang))
config.substitutions.append(("%plugin", config.pyunbox_plugin))
config.substitutions.append(("%dump", config.pyunbox_dump))
config.substitutions.append(("%python", config.python))
# %cython33: Cython 3.3.0 from the shared tools (pyunbox_testkit.cython, which
# unpacks it into the build once). Tests that use it say REQUIRES: cython3.3;
# without ../shared they are UNSUPPORTED, and lit's summary counts them.
# %cython (Debian's 0.29) comes after it: a prefix of it.
os.environ.setdefault("PYUNBOX_BUILD_DIR", config.pyunbox_obj_root)
sys.path.insert(0, os.path.join(config.pyunbox_src_root, "test", "support"))
from pyunbox_testkit import cython as testkit_cython  # noqa: E402
cython33 = testkit_cython.command("3.3")
if cython33:
    config.available_features.add("cython3.3")
    config.substitutions.append(("%cython33", " ".join(cython33)))
else:
    lit_config.note(testkit_cython.missing_reason("3.3") + ": its tests are UNSUPPORTED")
config.substitutions.append(("%cython", "cython3"))
config.substitutions.append(("%pyinc", config.python_include))
# PyPy's headers (pypy3-dev, which scripts/setup.sh installs): its C API's
# macros read objects inline where CPython's headers call functions.
config.substitutions.append(("%pypyinc", "/usr/include/pypy3.9"))
# Newer CPython releases' headers (scripts/python_headers.py, which
# scripts/setup.sh runs: Debian's libpython3.X-dev of trixie and sid, in one
# include directory each): %headers313 and the feature python3.13-headers,
# and so on. Where one is missing, its tests (test/lit/headers) are UNSUPPORTED.
newer_headers = os.environ.get("PYUNBOX_PYTHON_HEADERS") or os.path.join(
    os.path.expanduser("~"), ".cache", "pyunbox-python-headers")
for release in ("3.13", "3.14", "3.15"):
    include = os.path.join(newer_headers, release)
    if os.path.isfile(os.path.join(include, "Python.h")):
        config.available_features.add(f"python{release}-headers")
        config.substitutions.append((f"%headers{release.replace('.', '')}", include))
    else:
        lit_config.note(f"no CPython {release} headers in {include} (scripts/python_headers.py): "
                        "its tests are UNSUPPORTED")
config.substitutions.append(("%llvm-objcopy", os.path.join(tools, "llvm-objcopy")))
config.substitutions.append(("%llvm-readobj", os.path.join(tools, "llvm-readobj")))
config.substitutions.append(("%llvm-readelf", os.path.join(tools, "llvm-readelf")))
config.substitutions.append(("%llvm-strip", os.path.join(tools, "llvm-strip")))
config.substitutions.append(("%ld.lld", os.path.join(tools, "ld.lld")))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
# The LLVM the build is for: llvm-N (REQUIRES/UNSUPPORTED: llvm-15) gates a
# test on one major where its IR genuinely differs; test/lit/README.md lists them.
config.available_features.add(f"llvm-{config.llvm_major}")
# FileCheck, not, count: the build's LLVM's, never the default LLVM 14 ones on PATH.
config.environment["PATH"] = os.pathsep.join([tools, config.environment.get("PATH", "")])
# A 32-bit x86 C library (libc6-dev-i386, which scripts/setup.sh installs)
# and the x86-64 pyconfig.h a 32-bit one is made from: a real -m32 build
# (refusals/unsupported-target.c). CPython's pyconfig.h includes
# <i386-linux-gnu/python3.N/pyconfig.h> there.
python_dir = os.path.basename(config.python_include)  # python3.N
x86_64_pyconfig = os.path.join("/usr/include/x86_64-linux-gnu", python_dir, "pyconfig.h")
config.substitutions.append(("%x86_64_pyconfig", x86_64_pyconfig))
config.substitutions.append(("%i386_pyconfig_dir", os.path.join("i386-linux-gnu", python_dir)))
if os.path.exists("/usr/include/x86_64-linux-gnu/gnu/stubs-32.h") and os.path.exists(x86_64_pyconfig):
    config.available_features.add("i386-libc")
else:
    lit_config.note("no 32-bit C library (libc6-dev-i386) or no x86-64 pyconfig.h: the -m32 "
                    "build of refusals/unsupported-target.c is not run")
