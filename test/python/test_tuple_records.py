"""Tuple results in the record (docs/FORMAT.md, "Tuple results"): return kind
TUPLE (19) and the items' count and kinds at result_kinds. The C and the
Python reader read them alike, refuse alike what is not a tuple of 2..8
scalars inside the record, and a core's cffi type takes the items' pointers
after its other parameters."""
# First: fixtures puts test/support, the package and test/e2e on sys.path.
import fixtures  # noqa: F401
import pytest

from pyunbox import _coretype, _format
from pyunbox_testkit.build import run
from test_string_kinds import c_reader, section  # noqa: F401  (c_reader: a fixture)


def test_python_reads_a_tuple_as_the_dump(tmp_path):
    path = section(tmp_path, "--ret", "tuple", "--results", "long,double,bool",
                   "--proto", "void pyunbox_core_demo_inc(long n, long *, double *, _Bool *)")
    [record] = _format.parse_section(path.read_bytes())
    assert record.return_type == "tuple"
    assert record.result_kinds == [_format.KIND["LONG"], _format.KIND["DOUBLE"], _format.KIND["BOOL"]]
    assert record.result_types == ["long", "double", "_Bool"]
    assert record.as_dict()["result_types"] == ["long", "double", "_Bool"]


def test_a_scalar_record_has_no_result_types(tmp_path):
    [record] = _format.parse_section(section(tmp_path).read_bytes())
    assert record.result_kinds == [] and "result_types" not in record.as_dict()


def test_a_tuples_core_type(tmp_path):
    path = section(tmp_path, "--ret", "tuple", "--results", "long,double")
    [record] = _format.parse_section(path.read_bytes())
    record.errors = "bail"
    t = _coretype.core_type(record)
    assert t.result is _coretype.kind_type(_format.KIND["VOID"])
    assert [a.cname for a in t.args] == ["long", "int *", "long *", "double *"]


@pytest.mark.parametrize("args,message", [
    (["--ret", "tuple", "--results", "long"],
     "a tuple of 1 items at offset {at} (2..8, inside the record's {size} bytes)"),
    (["--ret", "tuple", "--results", "long,utf8"], "kind 15 of result 1 is not a scalar kind"),
    (["--ret", "tuple", "--results", "long,void"], "kind 0 of result 1 is not a scalar kind"),
    (["--ret", "tuple"], "result_kinds at offset 0 is outside the area [88, {size})"),
])
def test_readers_refuse_alike(c_reader, tmp_path, args, message):  # noqa: F811
    path = section(tmp_path, *args)
    [c_says] = run([c_reader, path]).splitlines()
    with pytest.raises(_format.FormatError) as raised:
        _format.parse_section(path.read_bytes())
    py_says = str(raised.value)
    assert c_says.endswith(": " + py_says), (c_says, py_says)
    prefix = "record at offset 0x0: "
    head, _, tail = message.partition("{")
    assert py_says.startswith(prefix + head), py_says
