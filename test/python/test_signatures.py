"""signatures() of files and loaded modules, python -m pyunbox inspect."""
# First: fixtures puts test/support, the package and test/e2e on sys.path.
from fixtures import shapes, shapes_so  # noqa: F401 (fixtures)
import json
import shutil
import struct
import subprocess
import sys

import pytest

import pyunbox
from pyunbox import _elf, _format, _runtime
from expected import MINED
from pyunbox_testkit.paths import DUMP, PACKAGE_DIR

PY = sys.executable


def dump(path):
    return json.loads(subprocess.check_output([str(DUMP), "--json", str(path)]))["records"]


def test_file_records_equal_pyunbox_dump(shapes_so):
    records = pyunbox.signatures(shapes_so)
    assert [r.as_dict() for r in records] == dump(shapes_so)
    assert set(MINED) <= {r.python_name for r in records}


def test_record_fields(shapes_so):
    inc = {r.python_name: r for r in pyunbox.signatures(shapes_so)}["inc"]
    assert inc.c_prototype == "long pyunbox_core_e2e_shapes_inc(long)"
    assert (inc.return_type, inc.param_types, inc.param_names) == ("long", ["long"], [None])
    assert (inc.convention, inc.needs_interpreter, inc.memory, inc.errors) == \
        ("METH_O", False, "none", "none")
    assert inc.module == "e2e_shapes" and inc.format_version == 1


def test_loaded_module_records_match_the_file(shapes, shapes_so):
    loaded = pyunbox.signatures(shapes)
    from_file = pyunbox.signatures(shapes_so)
    strip = ("core_address", "wrapper_address")
    assert [{k: v for k, v in r.as_dict().items() if k not in strip} for r in loaded] == \
        [{k: v for k, v in r.as_dict().items() if k not in strip} for r in from_file]
    # Run-time addresses: the same distance between core and wrapper as in the file.
    for a, b in zip(loaded, from_file):
        assert a.core_addr - a.wrapper_addr == b.core_addr - b.wrapper_addr


def test_loaded_module_without_the_c_runtime(shapes, monkeypatch):
    """The fallback: the section read from memory through pyunbox_sigs_bounds."""
    expected = pyunbox.signatures(shapes)
    monkeypatch.setattr(_runtime, "library", lambda: None)
    assert pyunbox.signatures(shapes) == expected


@pytest.mark.skipif(_runtime.library() is None, reason="libpyunbox_runtime.so not built")
def test_c_runtime_and_python_reader_agree(shapes):
    from pyunbox import _loaded
    from_runtime = _loaded.records(shapes)
    from_memory = _loaded.library(shapes.__file__).records_from_memory()
    assert from_runtime == from_memory


def _section_offset(path):
    """File offset of the pyunbox_sigs section."""
    data = path.read_bytes()
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    headers = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
               for i in range(shnum)]
    names = data[headers[shstrndx][4]:]
    for h in headers:
        if names[h[0]:names.index(b"\0", h[0])] == b"pyunbox_sigs":
            return h[4]
    raise AssertionError("no section")


@pytest.mark.parametrize("field,value,message", [
    ("magic", b"XXXX", "bad magic"),
    ("version", b"\x02\x00", "written by a newer pyunbox (format version 2, "
                             "this reader knows up to 1)"),
    ("record_size", b"\x01\x00\x00\x00", "record_size 1 is not a multiple of 8"),
    ("errors", b"\x07", "errors 7 is not one of 0..2"),
    ("effects", b"\x80", "unknown effect bits 0x80"),
])
def test_corrupt_or_newer_section_reads_nothing(shapes_so, tmp_path, field, value, message):
    bad = tmp_path / "bad.so"
    shutil.copy(shapes_so, bad)
    data = bytearray(bad.read_bytes())
    at = _section_offset(bad) + _format.OFFSETS[field]  # in the first record
    data[at:at + len(value)] = value
    bad.write_bytes(bytes(data))
    with pytest.raises(pyunbox.FormatError, match="record at offset 0x0: " + _re(message)):
        pyunbox.signatures(bad)


def _re(text):
    import re
    return re.escape(text)


def test_not_elf(tmp_path):
    path = tmp_path / "x.so"
    path.write_bytes(b"hello")
    with pytest.raises(pyunbox.FormatError, match="not an ELF file"):
        pyunbox.signatures(path)


def test_file_without_records(tmp_path):
    from pyunbox_testkit.build import build_shapes
    plain = build_shapes(tmp_path, plugin=False)
    assert pyunbox.signatures(plain) == []


def test_padding_and_truncation():
    records_bytes = b"\0" * 16
    assert _format.parse_section(records_bytes) == []
    with pytest.raises(pyunbox.FormatError, match="stray bytes"):
        _format.parse_section(b"\0" * 8 + b"\1\0\0")


def run_cli(*args):
    env_path = str(PACKAGE_DIR)
    return subprocess.run([PY, "-m", "pyunbox", *args], capture_output=True, text=True,
                          env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"})


def test_inspect_json_is_the_dump(shapes_so):
    proc = run_cli("inspect", "--json", str(shapes_so))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["records"] == dump(shapes_so)


def test_inspect_table(shapes_so):
    proc = run_cli("inspect", str(shapes_so))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == f"{shapes_so}: {len(dump(shapes_so))} records"
    assert lines[1].split() == ["python", "name", "C", "prototype", "convention",
                                "needs_interpreter", "memory", "errors"]
    rows = {line.split()[0]: line.split() for line in lines[2:] if line.strip()}
    assert rows["e2e_shapes.inc"] == ["e2e_shapes.inc", "long", "pyunbox_core_e2e_shapes_inc(long)",
                                      "METH_O", "no", "none", "none"]


def test_inspect_corrupt_file_fails_clearly(tmp_path):
    path = tmp_path / "x.so"
    path.write_bytes(b"\x7fELF")
    proc = run_cli("inspect", str(path))
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("pyunbox: ")
