"""Fixtures: the four builds of shapes.c (plain and plugin, -O0 and -O2),
compiled once per session into a temporary directory."""
import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# The helpers every suite shares (test/support/pyunbox_testkit).
_SUPPORT = str(Path(__file__).resolve().parent.parent / "support")
if _SUPPORT not in sys.path:
    sys.path.insert(0, _SUPPORT)
from pyunbox_testkit.build import make_build  # noqa: E402
from pyunbox_testkit.paths import BUILD_DIR  # noqa: E402

# Hypothesis caches data (even with no example database) under .hypothesis in
# the working directory; keep it in the build tree. Read lazily, so this is early enough.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(BUILD_DIR / "e2e-hypothesis"))

# No example database in the source tree; no per-example deadline (the first
# calls into a freshly loaded .so are slow, and that is not what we test).
settings.register_profile("pyunbox", database=None, deadline=None, max_examples=300)
settings.load_profile("pyunbox")

OPT_LEVELS = ["O0", "O2"]


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("e2e_builds")


_builds = {}


def get_build(build_dir, opt, plugin):
    """Compile on first use; a failed build fails every test that needs it."""
    key = (opt, plugin)
    if key not in _builds:
        try:
            _builds[key] = make_build(build_dir, opt, plugin)
        except Exception as e:
            _builds[key] = e
            pytest.fail(f"build {key} failed: {e}", pytrace=False)
    if isinstance(_builds[key], Exception):
        # The first test that needed it showed the compiler's output.
        pytest.fail(f"build {key} failed (the first error above says why)", pytrace=False)
    return _builds[key]


@pytest.fixture(params=OPT_LEVELS)
def opt(request):
    return request.param


@pytest.fixture
def plain(build_dir, opt):
    return get_build(build_dir, opt, plugin=False)


@pytest.fixture
def plugin(build_dir, opt):
    return get_build(build_dir, opt, plugin=True)
