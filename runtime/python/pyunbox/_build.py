"""Where the CMake build's outputs are: $PYUNBOX_BUILD_DIR, else build/ of
the checkout this package lives in (runtime/python/pyunbox -> ../../../build)."""
import os
from pathlib import Path


def build_dir():
    env = os.environ.get("PYUNBOX_BUILD_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "build"


def artifact(relative):
    """The path of a build output, or None when it is not there."""
    path = build_dir() / relative
    return path if path.is_file() else None
