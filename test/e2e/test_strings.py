"""Wrappers that take a str's or a bytes' bytes (strings.c: PyArg_ParseTuple's
"s", "s#", "y", "y#", and "z", "z#" that also take None, with keywords, an
optional string, METH_O): the pass
gives each a core of `const char *` (and the length for '#'), records the
string kinds, and every core equals its wrapper on texts and bytes of every
sort (empty, non-ASCII, with NULs, lone surrogates) and on the wrong types;
accelerate(force=True) then gives the original's results and exceptions,
messages included, for every call shape. The C library's functions a core
hands the bytes to (strlen, strcmp, memchr, strchr, strstr) are known by what
C says of them, and the others (strncpy) by what LLVM infers of them at -O2,
at -O0 too, where their declarations are bare; memchr's
result, a pointer into the bytes, is used as an offset only, and so is the
result of a helper of the file's own that returns one (StringBytes.h)."""
import sys
from pathlib import Path

import pytest

import pyunbox
from pyunbox_testkit import remarks
from pyunbox_testkit.build import compile_flags, load_module, records_by_name, run
from pyunbox_testkit.cores import by_parameters, core_function, mismatch
from pyunbox_testkit.outcome import outcome, parity_problems
from pyunbox_testkit.paths import CLANG

SOURCE = Path(__file__).resolve().parent / "strings.c"
MODULE = "e2e_strings"

# name: (convention, return type, kinds, names)
UTF8, UTF8_SIZE, BYTES, BYTES_SIZE = 15, 16, 17, 18
CORES = {
    "fnv": ("METH_VARARGS", "unsigned long", [UTF8_SIZE]),
    "seeded": ("METH_VARARGS", "unsigned long", [UTF8_SIZE, 8]),
    "length": ("METH_VARARGS", "Py_ssize_t", [UTF8]),
    "count": ("METH_VARARGS", "long", [BYTES_SIZE, 5]),
    "first": ("METH_VARARGS", "long", [BYTES]),
    "mode": ("METH_VARARGS", "long", [UTF8]),
    "repeat": ("METH_VARARGS", "Py_ssize_t", [UTF8_SIZE, 5]),
    "joined": ("METH_VARARGS", "Py_ssize_t", [BYTES_SIZE, UTF8]),
    "weight": ("METH_O", "long", [UTF8_SIZE]),
    "plain_len": ("METH_VARARGS", "long", [BYTES_SIZE]),
    "maybe_fnv": ("METH_VARARGS", "unsigned long", [UTF8_SIZE]),
    "maybe_len": ("METH_VARARGS", "long", [UTF8]),
    "tagged": ("METH_VARARGS", "long", [UTF8, UTF8]),
    "tag_size": ("METH_VARARGS", "unsigned long", [7, UTF8_SIZE]),
    # A bytes read by hand (PyBytes_AS_STRING, PyBytes_GET_SIZE, ...).
    "bytes_fnv": ("METH_O", "unsigned long", [BYTES_SIZE]),
    "bytes_seeded": ("METH_FASTCALL", "unsigned long", [BYTES_SIZE, 8]),
    # A bytes or a str, each by hand, proven the same: UTF8_SIZE.
    "text_or_bytes": ("METH_O", "unsigned long", [UTF8_SIZE]),
    "text_hash": ("METH_FASTCALL", "unsigned long", [UTF8_SIZE]),
    "keyed_text": ("METH_FASTCALL", "unsigned long", [UTF8_SIZE, UTF8_SIZE]),
    "buffer_text": ("METH_O", "unsigned long", [UTF8_SIZE]),
    "c_length": ("METH_O", "long", [BYTES]),
    # The C library's searches, their result an offset.
    "find": ("METH_VARARGS", "Py_ssize_t", [UTF8_SIZE, 5]),
    "fields": ("METH_VARARGS", "long", [UTF8]),
    "where": ("METH_VARARGS", "Py_ssize_t", [BYTES, UTF8]),
    "not_offset": ("METH_VARARGS", "Py_ssize_t", [UTF8_SIZE, 5]),
    # A helper of the file's own that returns a pointer into the bytes.
    "words": ("METH_VARARGS", "long", [BYTES_SIZE]),
    "indent": ("METH_VARARGS", "Py_ssize_t", [UTF8]),
    # The C library's strncpy into a buffer of its own.
    "clipped": ("METH_VARARGS", "unsigned long", [UTF8]),
    # The C library's strtol without an end pointer, which reads the locale.
    "hex_value": ("METH_VARARGS", "long", [UTF8]),
}
# Memory "read" (the locale): accelerate() calls their cores while one thread
# runs Python; the tests pass single_threaded=True, so that a thread another
# test started in this process does not send their calls to the originals.
READS = {"hex_value"}
# "z#" and "z": None too, for which the core gets NULL (PARAM_NONE_IS_NULL).
NONE_IS_NULL = {"maybe_fnv": [True], "maybe_len": [True], "tagged": [False, True],
                "tag_size": [False, True]}
# An optional "z" or "z#" that was NULL (and 0) before the parse: omitted,
# it is None (PARAM_DEFAULT, param_default_is_none).
DEFAULT_NONE = {"tagged", "tag_size"}
# '#' in the plain PyArg_ParseTuple: a core that bails below CPython 3.13,
# where the wrapper raises SystemError.
GATED = {"plain_len"}

TEXTS = ["", "a", "fast", "slow", "hello world", "héllo", "日本語", "a\0b", "\0",
         "\ud800", "x" * 1000, "\U0001f600", " \t indented  text ",
         # Numbers for strtol: a sign and a prefix, and one past a long.
         " -0x1F", "f" * 20]
BYTESES = [b"", b"a", b"fast", b"\xff\xfe", b"a\0b", b"\0", b"y" * 1000, b"  two\t words\t"]
OTHERS = [bytearray(b"ab"), memoryview(b"ab"), None, 1, 2.5, ["a"], type("S", (str,), {})("sub"),
          type("B", (bytes,), {})(b"sub")]
VALUES = TEXTS + BYTESES + OTHERS
INTS = [0, 1, 97, -1, 1 << 40, None, "1"]


@pytest.fixture(scope="module", params=["O0", "O2"])
def build(request, tmp_path_factory):
    """(opt, the .so, its remarks)."""
    opt = request.param
    out = tmp_path_factory.mktemp(f"strings_{opt}")
    so = out / f"{MODULE}.so"
    run([CLANG, *compile_flags(opt, True), *remarks.RECORD_FLAGS, "-c", SOURCE, "-o", out / "s.o"])
    run([CLANG, "-shared", out / "s.o", "-o", so])
    return opt, so, remarks.read([out / "s.opt.yaml"])


def calls(kinds):
    """Positional calls with every value at every position (the others
    fixed to a good one)."""
    good = [b"abc" if k in (BYTES, BYTES_SIZE) else "abc" if k in (UTF8, UTF8_SIZE) else 3
            for k in kinds]
    for position, kind in enumerate(kinds):
        for value in (VALUES if kind >= UTF8 else INTS):
            args = list(good)
            args[position] = value
            yield tuple(args)


def test_records(build):
    opt, path, _ = build
    records = records_by_name(path)
    expected = CORES
    got = {n: (r["convention"], r["return_type"], r["param_kinds"]) for n, r in records.items()}
    assert got == expected
    for name, record in records.items():
        # At -O0 too, where fnv_bytes reads the bytes through the pointer it
        # keeps in its own variable (docs/FORMAT.md, "memory").
        assert record["memory"] == ("read" if name in READS else "none")
        assert not record["needs_interpreter"]
        if name in GATED:
            assert record["errors"] == "bail"
        assert not any(d is not None for d, k in zip(record["param_defaults"], record["param_kinds"])
                       if k >= UTF8), "a string parameter has no default but None's (null)"
        assert record.get("param_none_is_null") == NONE_IS_NULL.get(name)
        assert record.get("param_default_is_none") == ([False, True] if name in DEFAULT_NONE else None)
    if "joined" in records:
        assert records["joined"]["param_optional"] == [False, True]
    for name in DEFAULT_NONE:
        assert records[name]["param_optional"] == [False, True]
    # nargs 1 leaves the seed at 0: an optional parameter with its default.
    assert records["bytes_seeded"]["param_optional"] == [False, True]
    assert records["bytes_seeded"]["param_defaults"] == [None, 0]


def test_cores_equal_wrappers(build):
    opt, path, _ = build
    module = load_module(path, f"pyunbox_strings_{opt}.{MODULE}")
    problems = []
    for name, record in records_by_name(path).items():
        core = core_function(path, record)
        wrapper = by_parameters(getattr(module, name), record)
        for args in calls(record["param_kinds"]):
            # The core takes what the wrapper accepts: a str or a bytes, or
            # None as NULL (a consumer's fast path checks the rest).
            nullable = record.get("param_none_is_null") or [False] * len(args)
            if not all(type(a) in (str, bytes) or (a is None and z) if k >= UTF8 else type(a) is int
                       for a, k, z in zip(args, record["param_kinds"], nullable)):
                continue
            if outcome(wrapper, *args)[0] != "returned":
                continue  # the consumer sends such calls to the wrapper
            why = mismatch(core, wrapper, record, args)
            if why:
                problems.append(f"{name}{args!r}: {why}")
    assert not problems, "\n".join(problems[:20])


def test_accelerate_parity(build):
    opt, path, _ = build
    originals = load_module(path, f"pyunbox_strings_orig_{opt}.{MODULE}")
    module = load_module(path, f"pyunbox_strings_fast_{opt}.{MODULE}")
    report = pyunbox.accelerate(module, force=True, single_threaded=True)
    assert set(report.rebound) == set(CORES), report
    problems = []
    for name, (_, _, kinds) in CORES.items():
        want, got = getattr(originals, name), getattr(module, name)
        shapes = [(args, {}) for args in calls(kinds)]
        shapes += [((), {}), (("abc", 1, 2, 3), {})]
        if name == "repeat":
            shapes += [(("abc",), {"times": 3}), ((), {"data": "abc"}), ((), {"data": b"ab", "times": 2}),
                       (("abc",), {"data": "x"}), (("abc",), {"nosuch": 1}), ((b"\0",), {})]
        if name == "bytes_seeded":
            shapes += [((b"abc",), {}), ((b"abc", -1), {}), ((b"abc", 1 << 64), {})]
        if name in ("seeded", "joined"):
            shapes += [((b"abc" if name == "joined" else "abc",), {})]
        if name == "tagged":
            shapes += [(("abc",), {}), (("abc",), {"errors": None}), ((), {"text": "é", "errors": "x"}),
                       ((), {"errors": "x"}), (("abc",), {"text": "x"}), (("a\0b",), {})]
        if name == "tag_size":
            shapes += [((3,), {}), ((-1 << 63,), {}), ((3.5,), {}), ((3,), {"_1": None})]
        problems += parity_problems(name, want, got, shapes, _unpackaged)
    assert not problems, "\n".join(problems[:20])


def _unpackaged(text):
    """A message as if neither load had its package's name."""
    return text.replace("pyunbox_strings_orig_", "pyunbox_strings_").replace("pyunbox_strings_fast_",
                                                                              "pyunbox_strings_")


def test_no_core_dropped_for_its_bytes(build):
    """No core is withdrawn for what it does with its bytes, at -O0 either:
    the C library's functions are known by what C says of them, the file's
    own helpers by the check of their parameters, the rest of the C library
by the attributes LLVM gives its declarations at -O2 (strncpy)."""
    opt, _, found = build
    dropped = {r.python_name for r in found if r.key == "ArgumentEscapes" and "after all" in r.message}
    assert dropped == set()


def test_good_calls_take_the_core(build, monkeypatch):
    """A str or a bytes the unit accepts goes to the core, never to the
    original (counted); the wrong type, a NUL where "s" or "y" forbids it, a
    lone surrogate, an omitted string go to the original."""
    opt, path, _ = build
    if opt != "O2":
        pytest.skip("every core is at -O2")
    from pyunbox import fastpath
    reached = []
    make_fast = fastpath.make_fast

    def counting(record, core, original, *args, **kwargs):
        def counted(*a, **kw):
            reached.append(record.python_name)
            return original(*a, **kw)
        return make_fast(record, core, counted, *args, **kwargs)
    monkeypatch.setattr(fastpath, "make_fast", counting)
    module = load_module(path, f"pyunbox_strings_count.{MODULE}")
    pyunbox.accelerate(module, force=True, single_threaded=True)
    fast = [("fnv", ("héllo",), {}), ("fnv", (b"a\0b",), {}), ("fnv", ("a\0b",), {}),
            ("seeded", ("abc",), {}), ("seeded", (b"abc", 3), {}), ("length", ("日本",), {}),
            ("count", (b"banana", 97), {}), ("first", (b"z",), {}), ("mode", ("slow",), {}),
            ("repeat", ("ab",), {"times": 3}), ("repeat", (), {"data": b"ab"}),
            ("joined", (b"ab", "--"), {}), ("weight", ("abc",), {}), ("maybe_fnv", (None,), {}),
            ("maybe_fnv", (b"a\0b",), {}), ("maybe_len", (None,), {}), ("maybe_len", ("ab",), {}),
            ("tagged", ("abc",), {}), ("tagged", ("abc",), {"errors": "strict"}),
            ("tagged", (), {"text": "abc", "errors": None}), ("tag_size", (3,), {}),
            ("tag_size", (3, b"ab"), {}), ("bytes_fnv", (b"a\0b",), {}),
            ("bytes_seeded", (b"abc",), {}), ("bytes_seeded", (b"abc", 7), {}),
            ("text_or_bytes", (b"ab",), {}), ("c_length", (b"abc",), {}),
            ("text_or_bytes", ("ab",), {}), ("text_or_bytes", ("日本語",), {}),
            ("text_hash", (b"a\0b",), {}), ("text_hash", ("héllo",), {}),
            ("keyed_text", ("key", b"text"), {}), ("keyed_text", (b"key", "t\0xt"), {}),
            ("buffer_text", ("héllo",), {}), ("buffer_text", (b"a\0b",), {}),
            ("find", ("a,b", 44), {}), ("find", (b"a\0b", 0), {}), ("fields", ("a,b,c",), {}),
            ("where", (b"haystack", "st"), {}), ("not_offset", ("a,b", 44), {}), ("words", (b" a  bc\td ",), {}),
            ("indent", ("  \tx",), {}), ("clipped", ("héllo wörld",), {}),
            ("hex_value", ("-7fz",), {})]
    for name, args, kwargs in fast:
        getattr(module, name)(*args, **kwargs)
    assert reached == []
    gated = [("plain_len", (b"banana",), {})]
    for name, args, kwargs in gated:
        outcome(getattr(module, name), *args, **kwargs)
    assert reached == ([] if sys.version_info >= (3, 13) else [n for n, _, _ in gated])
    reached.clear()
    slow = [("length", ("a\0b",), {}), ("first", (b"a\0b",), {}), ("fnv", ("\ud800",), {}),
            ("count", (bytearray(b"a"), 97), {}), ("first", ("z",), {}), ("length", (b"z",), {}),
            ("mode", ("other",), {}), ("joined", (b"ab",), {}), ("maybe_len", (b"ab",), {}),
            ("maybe_len", ("a\0b",), {}), ("maybe_fnv", (bytearray(b"a"),), {}),
            ("tagged", (), {"errors": "x"}), ("tag_size", (3,), {"_1": None}),
            ("bytes_fnv", ("ab",), {}), ("text_or_bytes", ("\ud800",), {}),
            ("text_hash", (bytearray(b"ab"),), {}), ("text_hash", (type("S", (str,), {})("ab"),), {}),
            ("keyed_text", ("k" * 9, "t"), {}), ("keyed_text", ("k", "\udfff"), {}),
            ("buffer_text", (memoryview(b"ab"),), {}), ("buffer_text", ("\ud800",), {}),
            ("c_length", (b"a\0b",), {}), ("bytes_seeded", (bytearray(b"a"),), {})]
    for name, args, kwargs in slow:
        outcome(getattr(module, name), *args, **kwargs)
    assert reached == [name for name, _, _ in slow]
