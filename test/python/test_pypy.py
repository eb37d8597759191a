"""Runs the PyPy suite (test/python/pypy, unittest: PyPy has no pytest here)
in one pypy3 process and reports each of its tests as a test of this suite."""
import re
import shutil
import subprocess
import unittest
from pathlib import Path

import pytest

PYPY_DIR = Path(__file__).resolve().parent / "pypy"
PYPY = shutil.which("pypy3")
MODULES = ["pypy_accelerate"]  # not test_*: pytest must not collect it


def _test_ids():
    """unittest ids of the PyPy suite ("module.Class.test"), found by loading
    it here (importing it needs nothing PyPy-specific)."""
    import sys
    sys.path.insert(0, str(PYPY_DIR))
    try:
        suite = unittest.TestLoader().loadTestsFromNames(MODULES)
    finally:
        sys.path.remove(str(PYPY_DIR))
    ids = []

    def walk(s):
        for t in s:
            walk(t) if isinstance(t, unittest.TestSuite) else ids.append(t.id())
    walk(suite)
    return ids


@pytest.fixture(scope="session")
def pypy_run():
    if PYPY is None:
        pytest.fail("pypy3 not found: scripts/setup.sh installs it")
    proc = subprocess.run([PYPY, "-m", "unittest", "-v", *MODULES], cwd=PYPY_DIR,
                          capture_output=True, text=True, timeout=900)
    results = {}
    # "test_x (module.Class) ... ok"; subTest failures name the test too.
    for name, where, status in re.findall(r"^(\w+) \(([\w.]+)\)(?: \[.*?\])?.*? \.\.\. (\w+)",
                                          proc.stderr, re.M):
        key = f"{where}.{name}"
        if results.get(key, "ok") == "ok":
            results[key] = status
    for block in re.findall(r"^(?:FAIL|ERROR): (\w+) \(([\w.]+)\)", proc.stderr, re.M):
        results[f"{block[1]}.{block[0]}"] = "FAIL"
    return proc, results


@pytest.mark.parametrize("test_id", _test_ids())
def test_on_pypy(pypy_run, test_id):
    proc, results = pypy_run
    status = results.get(test_id)
    if status == "skipped":
        # "test_x (module.Class) ... skipped 'why'": the reason the suite gave
        # (Cython 3.3 where the shared tools are not beside the checkout).
        name, where = test_id.rsplit(".", 1)[1], test_id.rsplit(".", 1)[0]
        why = re.search(rf"^{name} \({re.escape(where)}\).*? \.\.\. skipped '(.*)'$", proc.stderr, re.M)
        pytest.skip(f"skipped on PyPy: {why.group(1) if why else 'no reason given'}")
    if status != "ok":
        pytest.fail(f"{test_id}: {status or 'did not run'}\n{proc.stderr[-6000:]}",
                    pytrace=False)


def test_pypy_suite_exit_code(pypy_run):
    proc, _ = pypy_run
    assert proc.returncode == 0, proc.stderr[-6000:]
