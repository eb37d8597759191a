"""Fixtures: test/e2e/shapes.c built with the plugin for CPython, once per
session; each test that changes a module gets its own copy of the .so (a new
path is a new dlopen, so a new module with the original functions).

Test modules import these (`from fixtures import shapes, shapes_so`): a
conftest.py here would replace test/e2e's in sys.modules, whose tests import
from it, when both suites run in one pytest."""
import importlib.util
import itertools
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
for path in (REPO / "runtime" / "python", REPO / "test" / "e2e", HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from extbuild import MODULE, build_shapes  # noqa: E402

_copies = itertools.count()


@pytest.fixture(scope="session")
def shapes_so(tmp_path_factory):
    return build_shapes(tmp_path_factory.mktemp("cpython"))


def load(path, package):
    spec = importlib.util.spec_from_file_location(f"{package}.{MODULE}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def shapes(shapes_so, tmp_path):
    """A freshly loaded copy of the CPython build."""
    copy = tmp_path / f"copy{next(_copies)}" / shapes_so.name
    copy.parent.mkdir()
    shutil.copy(shapes_so, copy)
    return load(copy, f"pyunbox_pytest_{copy.parent.name}")
