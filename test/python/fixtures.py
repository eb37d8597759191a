"""Fixtures: test/e2e/shapes.c built with the plugin for CPython, once per
session; each test that changes a module gets its own copy of the .so (a new
path is a new dlopen, so a new module with the original functions).

Test modules import these (`from fixtures import shapes, shapes_so`): a
conftest.py here would replace test/e2e's in sys.modules, whose tests import
from it, when both suites run in one pytest. Importing this module also puts
the shared helpers (test/support), the pyunbox package and test/e2e (expected
results, odd objects) on sys.path."""
import itertools
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
for path in (HERE.parent / "support", HERE.parent / "e2e", HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from pyunbox_testkit.build import build_shapes, load_copy  # noqa: E402  (also: the package's path)

_copies = itertools.count()


@pytest.fixture(scope="session")
def shapes_so(tmp_path_factory):
    return build_shapes(tmp_path_factory.mktemp("cpython"))


@pytest.fixture
def shapes(shapes_so, tmp_path):
    """A freshly loaded copy of the CPython build."""
    directory = tmp_path / f"copy{next(_copies)}"
    return load_copy(shapes_so, directory, f"pyunbox_pytest_{directory.name}")
