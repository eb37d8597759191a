"""Wrappers that take a bytes-like object's buffer (buffers.c: "y*" and "s*",
a Py_buffer whose buf and len they read and release, in crc32c's and mmh3's
shapes, and Argument Clinic's PyObject_GetBuffer of one, audioop's; the
constant fields of a bytes' view, readonly, ndim, itemsize and the pointers
not asked for): the pass gives each a core of the buffer's bytes and length, records
kind BYTES_SIZE or UTF8_SIZE with PYUNBOX_PARAM_ANY_BUFFER, and every core
equals its wrapper on the bytes (and texts, for "s*") a fast path passes it;
accelerate(force=True) then gives the original's results and exceptions,
messages included, for every call shape: other bytes-like objects
(bytearray, memoryview, array), a buffer that is not contiguous, keywords,
omitted arguments, wrong types. Reading the bytes is no memory effect, at
-O0 too, where crc_update reads them through a pointer it keeps in a
variable."""
from pathlib import Path

import pytest

import pyunbox
from buffer_inputs import BYTESES, CORES, OTHERS, TEXTS, UTF8_SIZE, calls
from pyunbox_testkit import remarks
from pyunbox_testkit.build import compile_flags, load_module, records_by_name, run
from pyunbox_testkit.cores import core_function, mismatch
from pyunbox_testkit.outcome import outcome, parity_problems
from pyunbox_testkit.paths import CLANG

SOURCE = Path(__file__).resolve().parent / "buffers.c"
MODULE = "e2e_buffers"


@pytest.fixture(scope="module", params=["O0", "O2"])
def build(request, tmp_path_factory):
    """(opt, the .so, its remarks)."""
    opt = request.param
    out = tmp_path_factory.mktemp(f"buffers_{opt}")
    so = out / f"{MODULE}.so"
    run([CLANG, *compile_flags(opt, True), *remarks.RECORD_FLAGS, "-c", SOURCE, "-o", out / "b.o"])
    run([CLANG, "-shared", out / "b.o", "-o", so])
    return opt, so, remarks.read([out / "b.opt.yaml"])


def test_records(build):
    opt, path, _ = build
    records = records_by_name(path)
    got = {n: (r["convention"], r["return_type"], r["param_kinds"], r["param_any_buffer"])
           for n, r in records.items()}
    assert got == CORES
    for name, record in records.items():
        assert record["memory"] == "none"
        assert not record["needs_interpreter"]


def test_cores_equal_wrappers(build):
    opt, path, _ = build
    module = load_module(path, f"pyunbox_buffers_{opt}.{MODULE}")
    problems = []
    for name, record in records_by_name(path).items():
        core = core_function(path, record)
        wrapper = getattr(module, name)
        kinds = record["param_kinds"]
        for args in calls(kinds, BYTESES + TEXTS):
            # A fast path passes an exact bytes, or for "s*" an exact str,
            # and ints; the rest goes to the wrapper.
            if not all(type(a) in ((str, bytes) if k == UTF8_SIZE else (bytes,)) if k >= UTF8_SIZE
                       else type(a) is int for a, k in zip(args, kinds)):
                continue
            if outcome(wrapper, *args)[0] != "returned":
                continue  # the consumer sends such calls to the wrapper
            why = mismatch(core, wrapper, record, args)
            if why:
                problems.append(f"{name}{args!r}: {why}")
    assert not problems, "\n".join(problems[:20])


def test_accelerate_parity(build):
    opt, path, _ = build
    originals = load_module(path, f"pyunbox_buffers_orig_{opt}.{MODULE}")
    module = load_module(path, f"pyunbox_buffers_fast_{opt}.{MODULE}")
    report = pyunbox.accelerate(module, force=True)
    assert set(report.rebound) == set(CORES), report
    problems = []
    for name, (_, _, kinds, _) in CORES.items():
        want, got = getattr(originals, name), getattr(module, name)
        shapes = [(args, {}) for args in calls(kinds, BYTESES + TEXTS + OTHERS)]
        shapes += [((), {}), ((b"a", 1, 2, 3), {})]
        if name == "crc":
            shapes += [((), {"data": b"abc"}), ((b"abc",), {"value": 5}), ((), {"data": b"x", "value": 1 << 33}),
                       ((), {"data": bytearray(b"abc"), "value": 5}), ((b"abc",), {"data": b"x"}),
                       ((b"abc",), {"nosuch": 1})]
        if name == "digest":
            shapes += [(("abc",), {"seed": 7}), ((), {"key": b"abc", "signed": False}), (("abc", 1 << 32), {}),
                       ((b"abc",), {"seed": -1}), ((memoryview(b"abc"),), {"signed": []}), (("abc",), {"signed": 0})]
        problems += parity_problems(name, want, got, shapes, _unpackaged)
    assert not problems, "\n".join(problems[:20])


def _unpackaged(text):
    """A message as if neither load had its package's name."""
    return text.replace("pyunbox_buffers_orig_", "pyunbox_buffers_").replace("pyunbox_buffers_fast_",
                                                                              "pyunbox_buffers_")
