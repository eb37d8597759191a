"""Build fastmath with the pyunbox plugin, the way any setuptools project can:
compile with pyunbox-cc, the driver that runs the plugin's clang with the
plugin loaded, and leave everything else to setuptools.

    pip install --no-build-isolation .          # or: python3 setup.py build_ext --inplace
    CC=pyunbox-cc pip install --no-build-isolation .   # the same, said outright

Without CC, this file finds the driver with the pyunbox package's locator
(an installed pyunbox, else this checkout's build/: `pyunbox config`). A CC
that is not a pyunbox driver is used as given, with a warning: its build has
no records.
"""
import os
import sys
from pathlib import Path

from setuptools import Extension, setup


def pyunbox_driver():
    """pyunbox-cc from an installed pyunbox package, else from this checkout's."""
    try:
        from pyunbox import _locate
    except ImportError:
        sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "runtime" / "python"))
        from pyunbox import _locate
    driver = _locate.driver()
    if driver is None:
        sys.exit("setup.py: no pyunbox-cc found (install pyunbox, or build it: "
                 "scripts/build.sh); or set CC to one")
    return str(driver)


cc = os.environ.get("CC")
if cc is None:
    # setuptools links with CC too (LDSHARED follows CC): the driver loads the
    # plugin only where it compiles.
    os.environ["CC"] = cc = pyunbox_driver()
    print(f"setup.py: compiling with {cc}", file=sys.stderr)
elif not any(os.path.basename(word).startswith("pyunbox-c") for word in cc.split()):
    print(f"setup.py: warning: CC={cc} from the environment is not pyunbox-cc: "
          "fastmath is built without the pyunbox plugin (no records)", file=sys.stderr)
else:
    print(f"setup.py: compiling with CC={cc}", file=sys.stderr)

setup(
    name="fastmath",
    version="0.1",
    ext_modules=[Extension("fastmath", ["fastmath.c"])],
)
