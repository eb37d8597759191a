"""Which CMake build trees to look in: $PYUNBOX_BUILD_DIR, then build/ of the
checkout this package lives in (runtime/python/pyunbox -> ../../../build),
when it does live in one (an installed copy does not)."""
import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def checkout_build_dir():
    """build/ of the checkout holding this package, or None when installed."""
    root = _PACKAGE.parents[2]
    if (root / "runtime" / "python" / "pyunbox") == _PACKAGE and (root / "CMakeLists.txt").is_file():
        return root / "build"
    return None


def build_dirs():
    """The build trees to search, the user's first."""
    dirs = []
    env = os.environ.get("PYUNBOX_BUILD_DIR")
    if env:
        dirs.append(Path(env))
    checkout = checkout_build_dir()
    if checkout is not None and checkout not in dirs:
        dirs.append(checkout)
    return dirs


def build_dir():
    """The first build tree to search (kept for callers that want one)."""
    dirs = build_dirs()
    return dirs[0] if dirs else None
