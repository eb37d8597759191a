"""The Cython compilers tests build .pyx files with.

Debian's cython3 (0.29) is always there (scripts/setup.sh installs it).
Cython 3.3.0, what users who install Cython today get, is not packaged: its
pure-Python compiler comes from the shared tools
(../shared/tools/cython-3.3.0.tar.gz beside the checkout, or the folder
PYUNBOX_SHARED_TOOLS names) and is unpacked once into the build directory.
Cython 3.0, 3.1 and 3.2 (the newest release of each) are exported from a
clone of Cython's git repository into build/cython-versions/ by
scripts/cython_versions.sh. A plain clone has neither: then the tests that
need them skip, saying so.

    python3 -m pyunbox_testkit.cython 3.3   prints the command, or nothing
"""
import os
import sys
import tarfile
from pathlib import Path

from .paths import BUILD_DIR, CPYTHON, REPO

TOOLS = Path(os.environ.get("PYUNBOX_SHARED_TOOLS", REPO.parent / "shared" / "tools"))
CYTHON3_VERSION = "3.3.0"
CYTHON3_TARBALL = TOOLS / f"cython-{CYTHON3_VERSION}.tar.gz"
VERSIONS = ("0.29", "3.0", "3.1", "3.2", "3.3")  # the compilers, by the version a test names
EXPORTED = ("3.0", "3.1", "3.2")  # by scripts/cython_versions.sh
EXPORTS = BUILD_DIR / "cython-versions"


def missing_reason(version):
    """Why a compiler is not available, or None."""
    if version == "3.3" and not CYTHON3_TARBALL.is_file():
        return (f"Cython {CYTHON3_VERSION} is not here: no {CYTHON3_TARBALL} "
                "(the shared tools beside the checkout; set PYUNBOX_SHARED_TOOLS)")
    if version in EXPORTED and not (EXPORTS / version / "cython.py").is_file():
        return (f"Cython {version} is not here: no {EXPORTS / version} "
                "(scripts/cython_versions.sh exports it from a clone of Cython's repository)")
    return None


def command(version):
    """The command that runs a compiler ("0.29", "3.0" ... "3.3"), or None if it is missing."""
    if version == "0.29":
        return ["cython3"]
    if missing_reason(version):
        return None
    if version in EXPORTED:
        return [CPYTHON, "-W", "ignore", str(EXPORTS / version / "cython.py")]
    root = BUILD_DIR / f"cython-{CYTHON3_VERSION}"
    script = root / f"cython-{CYTHON3_VERSION}" / "cython.py"
    if not script.is_file():
        partial = root.with_name(root.name + f".{os.getpid()}")
        partial.mkdir(parents=True, exist_ok=True)
        with tarfile.open(CYTHON3_TARBALL) as tar:
            tar.extractall(partial)
        try:
            partial.rename(root)  # whole or not at all, if tests race
        except OSError:
            pass
    # Its pure-Python compiler imports optional packages (pythran) that warn
    # on import; the warnings are not the test's.
    return [CPYTHON, "-W", "ignore", str(script)]


if __name__ == "__main__":
    cmd = command(sys.argv[1] if len(sys.argv) > 1 else "3.3")
    if cmd:
        print(" ".join(cmd))
