"""The string kinds (docs/FORMAT.md, "String kinds": UTF8, UTF8_SIZE, BYTES,
BYTES_SIZE): the C and the Python reader take them for parameters only,
refuse a default on one but None's (PARAM_DEFAULT of 0 with
PARAM_NONE_IS_NULL), take PARAM_ANY_BUFFER (y*, s*) on a _SIZE one only and
PARAM_NONE_IS_NULL (z, z#) on a UTF8 one only,
and agree on every message; a core's cffi type has a pointer per string and
its length after a _SIZE one; the fast path passes an exact str (its UTF-8)
or bytes to the core and every other argument to the real wrapper
(string_cores.py: PyArg_ParseTuple's s, s#, y, y#, y*, s*); stubs type them
as the wrappers take them."""
# First: fixtures puts test/support, the package and test/e2e on sys.path.
import fixtures  # noqa: F401
import json
import subprocess
import sys

import cffi
import pytest

import string_cores
from pyunbox import _coretype, _elf, _format
from pyunbox.stubgen import stub, stub_line
from pyunbox_testkit.build import run
from pyunbox_testkit.outcome import outcome, same_outcome
from pyunbox_testkit.paths import BUILD_DIR, CLANG, CPYTHON, DUMP, INCLUDE_DIR, LLVM_BIN, REPO
from string_cores import RECORDS, VALUES

MKRECORD = REPO / "test" / "lit" / "Inputs" / "dump" / "mkrecord.py"
READER = BUILD_DIR / "runtime" / "libpyunbox_reader.a"

# The C reader on a section's bytes: each parameter's kind, spelling, default
# text and flags, or the error.
C_READER = r"""
#include <stdio.h>
#include "pyunbox/reader.h"

int main(int argc, char **argv) {
  static unsigned char buf[1 << 16];
  FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
  if (!f)
    return 2;
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  struct pyunbox_reader r;
  struct pyunbox_record_view v;
  int rc;
  pyunbox_reader_init(&r, buf, n);
  while ((rc = pyunbox_reader_next(&r, &v)) == PYUNBOX_READER_RECORD)
    for (unsigned i = 0; i < v.param_count; i++) {
      char def[40];
      printf("%u %s|%s|0x%02x\n", v.param_kinds[i], pyunbox_kind_c_name(v.param_kinds[i]),
             pyunbox_param_default_text(&v, i, def, sizeof def), v.param_flags[i]);
    }
  if (rc < 0)
    printf("error %s: %s\n", pyunbox_reader_error(rc), pyunbox_reader_message(&r));
  return 0;
}
"""


@pytest.fixture(scope="module")
def c_reader(tmp_path_factory):
    if not READER.is_file():
        pytest.fail(f"{READER} not found: build first (scripts/build.sh)")
    tmp = tmp_path_factory.mktemp("reader")
    (tmp / "read.c").write_text(C_READER)
    run([CLANG, "-std=c11", "-Wall", "-Werror", f"-I{INCLUDE_DIR}", tmp / "read.c", READER,
         "-o", tmp / "read"])
    return tmp / "read"


def section(tmp_path, *args):
    """The bytes of one record that mkrecord.py writes (lit's dump tests' tool)."""
    out = tmp_path / "section.bin"
    run([sys.executable, MKRECORD, out, *args])
    return out


ALL_STRINGS = ["--params", "utf8:s,utf8_size:t,bytes:b,bytes_size:,long:n",
               "--param-flags", "3,7,1,1,15", "--defaults", "0,0,0,0,5",
               "--proto", "long f(const char *s, const char *t, Py_ssize_t, const char *b, "
                          "const char *, Py_ssize_t, long n)"]


def test_readers_take_string_parameters(c_reader, tmp_path):
    path = section(tmp_path, *ALL_STRINGS)
    assert run([c_reader, path]).splitlines() == [
        "15 const char *|?|0x03", "16 const char *, Py_ssize_t|?|0x07",
        "17 const char *|?|0x01", "18 const char *, Py_ssize_t|?|0x01", "7 long|5|0x0f"]
    [record] = _format.parse_section(path.read_bytes())
    assert record.param_kinds == [15, 16, 17, 18, 7]
    assert record.param_types == ["const char *", "const char *, Py_ssize_t", "const char *",
                                  "const char *, Py_ssize_t", "long"]
    # An optional string without a default (the only kind a string has).
    assert record.param_optional == [False, True, False, False, True]
    assert record.param_defaults == [None, None, None, None, 5]
    assert record.param_any_buffer == [False] * 5 and "param_any_buffer" not in record.as_dict()


ANY_BUFFER = ["--params", "long:n,bytes_size:data,utf8_size:text", "--param-flags",
              "3,0x13,0x17", "--proto", "long f(long n, const char *data, Py_ssize_t, "
                                        "const char *text, Py_ssize_t)"]


def test_readers_take_any_buffer_on_sized_strings(c_reader, tmp_path):
    """y* and s* are recorded as BYTES_SIZE and UTF8_SIZE with ANY_BUFFER."""
    path = section(tmp_path, *ANY_BUFFER)
    assert run([c_reader, path]).splitlines() == [
        "7 long|?|0x03", "18 const char *, Py_ssize_t|?|0x13",
        "16 const char *, Py_ssize_t|?|0x17"]
    [record] = _format.parse_section(path.read_bytes())
    assert record.param_kinds == [7, 18, 16]
    assert record.param_any_buffer == [False, True, True]
    assert record.param_optional == [False, False, True]


NONE_IS_NULL = ["--params", "utf8:name,utf8_size:text", "--param-flags", "0x23,0x33",
                "--proto", "long f(const char *name, const char *text, Py_ssize_t)"]


def test_readers_take_none_as_null_on_utf8_strings(c_reader, tmp_path):
    """z and z# are recorded as UTF8 and UTF8_SIZE with NONE_IS_NULL (with
    ANY_BUFFER too: a z* would be that)."""
    path = section(tmp_path, *NONE_IS_NULL)
    assert run([c_reader, path]).splitlines() == [
        "15 const char *|?|0x23", "16 const char *, Py_ssize_t|?|0x33"]
    [record] = _format.parse_section(path.read_bytes())
    assert record.param_none_is_null == [True, True]
    assert record.param_any_buffer == [False, True]
    assert record.param_default_is_none == [False, False]


DEFAULT_NONE = ["--params", "long:n,utf8:errors,utf8_size:tag", "--param-flags", "0x3,0x2f,0x2f",
                "--defaults", "0,0,0",
                "--proto", "long f(long n, const char *errors, const char *tag, Py_ssize_t)"]


def test_readers_take_none_as_the_default_of_none_is_null_strings(c_reader, tmp_path):
    """An optional z or z# that stands for None where omitted (the wrapper's
    `const char *errors = NULL;`): DEFAULT with 0, which the C reader writes
    as NULL and the Python one as param_default_is_none (its param_defaults
    entry None, as where there is none)."""
    path = section(tmp_path, *DEFAULT_NONE)
    assert run([c_reader, path]).splitlines() == [
        "7 long|?|0x03", "15 const char *|NULL|0x2f", "16 const char *, Py_ssize_t|NULL|0x2f"]
    [record] = _format.parse_section(path.read_bytes())
    assert record.param_default_is_none == [False, True, True]
    assert record.param_defaults == [None, None, None]
    assert record.param_optional == [False, True, True]
    assert stub_line(record) == ("def inc(n: int, errors: str | None = None, "
                                 "tag: str | bytes | None = None) -> int: ...")


def test_any_buffer_prints_as_pyunbox_dump_does(tmp_path):
    """param_any_buffer, last and only where a parameter has the flag, in
    python -m pyunbox inspect --json as in pyunbox-dump --json."""
    base, obj = tmp_path / "base.o", tmp_path / "record.o"
    (tmp_path / "empty.c").write_text("int pyunbox_test_empty;\n")
    run([CLANG, "-c", tmp_path / "empty.c", "-o", base])
    for args, any_buffer, none_is_null in ((ANY_BUFFER, [False, True, True], None),
                                           (ALL_STRINGS, None, None),
                                           (NONE_IS_NULL, [False, True], [True, True]),
                                           (DEFAULT_NONE, None, [False, True, True])):
        run([LLVM_BIN / "llvm-objcopy", "--add-section",
             f"{_format.SECTION}={section(tmp_path, *args)}", base, obj])
        [dumped] = json.loads(run([DUMP, "--json", obj]))["records"]
        [record] = _elf.records(obj)
        mine = record.as_dict()
        # A relocatable .o: the dump has no addresses, the section's offsets.
        for key in ("core_address", "wrapper_address"):
            del dumped[key], mine[key]
        assert list(mine.items()) == list(dumped.items())
        assert dumped.get("param_any_buffer") == any_buffer
        assert dumped.get("param_none_is_null") == none_is_null
        assert dumped.get("param_default_is_none") == (none_is_null if args is DEFAULT_NONE else None)


@pytest.mark.parametrize("args,message", [
    (["--set", "return_kind=15"],
     "return kind 15 (const char *) is a parameter-only kind: a core returns 0..14 or 19 "
     "(a tuple)"),
    (["--set", "return_kind=18"],
     "return kind 18 (const char *, Py_ssize_t) is a parameter-only kind: a core returns "
     "0..14 or 19 (a tuple)"),
    (["--set", "return_kind=20"], "return kind 20 is not a known kind (0..19)"),
    (["--params", "long:n,bytes_size:b", "--param-flags", "1,0xd"],
     "parameter 1 of kind 18 (const char *, Py_ssize_t) has a default, which a string "
     "parameter has only as None (NONE_IS_NULL, 0)"),
    (["--params", "utf8:s", "--param-flags", "0xf"],
     "parameter 0 of kind 15 (const char *) has a default, which a string parameter has only "
     "as None (NONE_IS_NULL, 0)"),
    # None's default is 0: any other is an address.
    (["--params", "utf8:s", "--param-flags", "0x2f", "--defaults", "1"],
     "parameter 0 of kind 15 (const char *) has a default, which a string parameter has only "
     "as None (NONE_IS_NULL, 0)"),
    (["--params", "long:n,19:x"], "kind 19 of parameter 1 is not a value kind"),
    # ANY_BUFFER (y*, s*) on what is not a _SIZE string, and a bit beyond it.
    (["--params", "long:n,bytes:b", "--param-flags", "1,0x11"],
     "parameter 1 of kind 17 (const char *) takes any buffer, which only a UTF8_SIZE or "
     "BYTES_SIZE parameter does"),
    (["--params", "utf8:s", "--param-flags", "0x13"],
     "parameter 0 of kind 15 (const char *) takes any buffer, which only a UTF8_SIZE or "
     "BYTES_SIZE parameter does"),
    (["--params", "double:x", "--param-flags", "0x11"],
     "parameter 0 of kind 13 (double) takes any buffer, which only a UTF8_SIZE or "
     "BYTES_SIZE parameter does"),
    (["--params", "bytes_size:b", "--param-flags", "0x41"],
     "flags 0x41 of parameter 0: unknown bits, a default of a required parameter, or no "
     "way to pass it"),
    # NONE_IS_NULL ("z", "z#") on what is not a UTF8 or UTF8_SIZE string.
    (["--params", "long:n,bytes:b", "--param-flags", "1,0x21"],
     "parameter 1 of kind 17 (const char *) takes None as NULL, which only a UTF8 or "
     "UTF8_SIZE parameter does"),
    (["--params", "bytes_size:b", "--param-flags", "0x21"],
     "parameter 0 of kind 18 (const char *, Py_ssize_t) takes None as NULL, which only a UTF8 "
     "or UTF8_SIZE parameter does"),
    (["--params", "long:n", "--param-flags", "0x21"],
     "parameter 0 of kind 7 (long) takes None as NULL, which only a UTF8 or UTF8_SIZE "
     "parameter does"),
])
def test_readers_refuse_alike(c_reader, tmp_path, args, message):
    path = section(tmp_path, *args)
    [c_says] = run([c_reader, path]).splitlines()
    assert c_says.endswith(": record at offset 0x0: " + message), c_says
    with pytest.raises(_format.FormatError) as raised:
        _format.parse_section(path.read_bytes())
    assert str(raised.value) == "record at offset 0x0: " + message


def test_the_c_reader_names_the_string_default_error(c_reader, tmp_path):
    path = section(tmp_path, "--params", "bytes:b", "--param-flags", "0xf")
    assert run([c_reader, path]).startswith("error a string parameter with a default other than None: ")


def test_the_c_reader_names_the_any_buffer_error(c_reader, tmp_path):
    path = section(tmp_path, "--params", "long:n", "--param-flags", "0x11")
    assert run([c_reader, path]).startswith("error invalid parameter flags: ")


def test_core_types_are_the_prototypes():
    """cffi has no const: it parses a prototype's `const char *` as `char *`,
    the type _coretype gives a string, so the types built from the kinds are
    exactly what cffi makes of c_prototype."""
    ffi = cffi.FFI()
    ffi.cdef("typedef ssize_t Py_ssize_t;")
    assert ffi.typeof("const char *") is ffi.typeof("char *") is _coretype.CHAR_PTR
    for record in RECORDS.values():
        pointer = record.c_prototype.replace(f" {record.core_symbol}(", " (*)(", 1)
        assert _coretype.core_type(record) is ffi.typeof(pointer), record.c_prototype
    assert _coretype.core_type(RECORDS["mix"]).cname == "long(*)(char *, char *, ssize_t, long, int *)"
    for kind in _format.STRING_KINDS:
        with pytest.raises(ValueError, match="not one a core may return"):
            _coretype.kind_type(kind)


@pytest.fixture(scope="module")
def strmod(tmp_path_factory):
    path = string_cores.build(tmp_path_factory.mktemp("strmod"), CPYTHON)
    return string_cores.load(path, "pyunbox_strings"), path


@pytest.mark.parametrize("name", string_cores.SINGLE)
def test_fast_path_of_one_string(strmod, name):
    fast, original, slow = string_cores.fast_path(*strmod, name)
    for value in VALUES:
        slow.clear()
        want, got = outcome(original, value), outcome(fast, value)
        assert same_outcome(want, got), (value, want, got)
        assert (not slow) == string_cores.takes_core(RECORDS[name], value), (value, slow)


@pytest.mark.parametrize("name", sorted(string_cores.KEYWORD_CALLS))
def test_fast_path_with_keywords_a_default_and_a_bail(strmod, name):
    """mix: keywords, a default after two strings, a bail; tag: an omitted
    z# is None (NULL and 0), by position or by name."""
    fast, original, slow = string_cores.fast_path(*strmod, name)
    core_calls, wrapper_calls = string_cores.KEYWORD_CALLS[name]
    for calls, to_core in ((core_calls, True), (wrapper_calls, False)):
        for args, kwargs in calls:
            slow.clear()
            want, got = outcome(original, *args, **kwargs), outcome(fast, *args, **kwargs)
            assert same_outcome(want, got), (args, kwargs, want, got)
            assert (not slow) == to_core, (args, kwargs, slow)


def test_an_omitted_string_is_the_wrappers(strmod):
    fast, original, slow = string_cores.fast_path(*strmod, "tail")
    assert fast(5, b"xy") == original(5, b"xy") and not slow
    assert fast(5) == original(5) and slow == [((5,), {})]


def test_stub_types():
    for name, spelled in [("text", "str"), ("sized", "str | bytes"), ("raw", "bytes"),
                          ("raw_sized", "bytes"), ("buffer", "bytes | bytearray | memoryview"),
                          ("text_buffer", "str | bytes | bytearray | memoryview"),
                          ("maybe", "str | None"), ("maybe_sized", "str | bytes | None")]:
        assert stub_line(RECORDS[name]) == f"def {name}(__a0: {spelled}, /) -> int: ..."
    assert stub_line(RECORDS["mix"]) == "def mix(a: str, b: str | bytes, k: int = 1) -> int: ..."
    assert stub_line(RECORDS["tail"]) == "def tail(__a0: int, __a1: bytes = ..., /) -> int: ..."
    assert stub_line(RECORDS["tag"]) == "def tag(k: int, tag: str | bytes | None = None) -> int: ..."


def test_stubs_type_check_with_mypy(strmod, tmp_path):
    """Calls the wrappers accept type-check against the stub, and a str where
    bytes are taken (or bytes where a str), or a buffer where only a y#
    takes it, is flagged (Debian's python3-mypy): the wrappers raise
    TypeError for those."""
    (tmp_path / "strmod.pyi").write_text(stub("strmod", RECORDS.values()))
    good = ['text("a")', 'sized("a")', 'sized(b"a")', 'raw(b"a")', 'raw_sized(b"")',
            'mix("a", b"b")', 'mix(a="a", b="b", k=2)', 'tail(1)', 'tail(1, b"x")',
            'buffer(b"x")', 'buffer(bytearray(b"x"))', 'buffer(memoryview(b"x"))',
            'text_buffer("x")', 'text_buffer(bytearray(b"x"))',
            'text_buffer(memoryview(b"x"))', 'maybe(None)', 'maybe("x")', 'maybe_sized(None)',
            'maybe_sized(b"x")']
    bad = ['text(b"a")', 'raw("a")', 'raw_sized("a")', 'mix(b"a", "b")', 'tail(1, "x")',
           'buffer(3)', 'buffer("x")', 'text_buffer(3)', 'raw_sized(bytearray(b"x"))',
           'maybe(b"x")', 'text(None)']
    for call in good:
        eval(f"m.{call}", {"m": strmod[0]})
    for call in bad:
        with pytest.raises(TypeError):
            eval(f"m.{call}", {"m": strmod[0]})
    (tmp_path / "calls.py").write_text("import strmod as m\n" + "".join(
        f"m.{call}\n" for call in good + bad))
    # Without bytes' promotions (hidden flags of mypy 1.0, --strict-bytes
    # later): else mypy takes any bytearray or memoryview for a bytes.
    checked = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental",
                              "--cache-dir=/dev/null", "--disable-bytearray-promotion",
                              "--disable-memoryview-promotion", str(tmp_path / "calls.py")],
                             capture_output=True, text=True, cwd=tmp_path,
                             env={"MYPYPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    lines = {int(line.split(":")[1]) for line in checked.stdout.splitlines()
             if ": error:" in line}
    assert lines == set(range(2 + len(good), 2 + len(good) + len(bad))), checked.stdout
