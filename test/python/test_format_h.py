"""The package's copy of the record format (pyunbox/_format.py, and the cffi
declarations of pyunbox/_runtime.py) equals include/pyunbox/format.h and
runtime.h, the source of truth. clang lists the structs' fields
(-fdump-record-layouts) and a C program compiled against the headers prints
every field's offset and size and every PYUNBOX_* constant of format.h, and
links the C reader to print the names it gives kinds, conventions, memory and
errors. The package keeps its own copy so that it works installed without the
repository; test/lit's mkrecord.py and pyunbox_testkit use the package's."""
# First: fixtures puts test/support, the package and test/e2e on sys.path.
import fixtures  # noqa: F401
import json
import re
import struct

import pytest

from pyunbox import _format, _runtime
from pyunbox_testkit.build import run
from pyunbox_testkit.paths import BUILD_DIR, CLANG, INCLUDE_DIR

FORMAT_H = INCLUDE_DIR / "pyunbox" / "format.h"
READER = BUILD_DIR / "runtime" / "libpyunbox_reader.a"


def header_constants():
    """The names of the macros with a value and the enumerators of format.h."""
    text = re.sub(r"/\*.*?\*/", "", FORMAT_H.read_text(), flags=re.S)
    names = re.findall(r"^#define[ \t]+(PYUNBOX_\w+)[ \t]+\S", text, re.M)
    names += re.findall(r"\b(PYUNBOX_\w+)\s*=", text)
    return names


STRUCTS = ("pyunbox_record", "pyunbox_core")


def struct_fields(tmp):
    """{struct: [field, ...]} in order, as clang lays the structs out."""
    probe = tmp / "probe.c"
    probe.write_text('#include "pyunbox/runtime.h"\n' + "".join(
        f"int size_{s} = sizeof(struct {s});\n" for s in STRUCTS))
    dump = run([CLANG, "-fsyntax-only", "-Xclang", "-fdump-record-layouts", f"-I{INCLUDE_DIR}",
                probe])
    fields = {}
    for block in dump.split("*** Dumping AST Record Layout")[1:]:
        struct_name = re.search(r"\|\s*struct (\w+)", block).group(1)
        # "  40 |   const char *[32] param_names": a field at the top level.
        fields[struct_name] = re.findall(r"^\s*\d+ \|   (?! )[^\n]*?(\w+)$", block, re.M)
    return fields


def program(constants, fields):
    """C that prints one JSON object: what the compiler and the C reader say."""
    lines = ['#include <stddef.h>', '#include <stdio.h>', '#include "pyunbox/format.h"',
             '#include "pyunbox/reader.h"', '#include "pyunbox/runtime.h"',
             'static const char *sep = "{";',
             'static void show_int(const char *k, long long v) '
             '{ printf("%s\\"%s\\": %lld", sep, k, v); sep = ", "; }',
             'static void show_str(const char *k, const char *v) {',
             '  printf(v ? "%s\\"%s\\": \\"%s\\"" : "%s\\"%s\\": null", sep, k, v); sep = ", "; }',
             '#define SHOW(k, x) _Generic((x), char *: show_str, const char *: show_str, '
             'default: show_int)(k, x)',
             'int main(void) {']
    for name in constants:
        lines.append(f'  SHOW("{name}", {name});')
    for struct_name, names in fields.items():
        lines.append(f'  SHOW("sizeof({struct_name})", sizeof(struct {struct_name}));')
        for name in names:
            lines.append(f'  SHOW("{struct_name}.{name}", offsetof(struct {struct_name}, {name}));')
            lines.append(f'  SHOW("sizeof({struct_name}.{name})", '
                         f'sizeof(((struct {struct_name} *)0)->{name}));')
    lines.append('  SHOW("PYUNBOX_HEADER_SIZE_V1", PYUNBOX_HEADER_SIZE_V1);')
    lines.append('  SHOW("PYUNBOX_RT_ERR_SECTION", PYUNBOX_RT_ERR_SECTION);')
    # One past the last value of each: the reader's NULL.
    for function, last in (("pyunbox_kind_c_name", len(_format.KINDS)),
                           ("pyunbox_convention_name", max(_format.CONVENTIONS) + 1),
                           ("pyunbox_memory_name", len(_format.MEMORY)),
                           ("pyunbox_errors_name", len(_format.ERRORS))):
        lines.append(f'  for (unsigned v = 0; v <= {last}; v++) {{ char k[64]; '
                     f'snprintf(k, sizeof k, "{function}(%u)", v); SHOW(k, {function}(v)); }}')
    lines += ['  printf("}\\n");', '  return 0;', '}']
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def c(tmp_path_factory):
    """{key: value} as the headers and the C reader have them; "fields": the
    structs' fields in order."""
    if not READER.is_file():
        pytest.fail(f"{READER} not found: build first (scripts/build.sh)")
    tmp = tmp_path_factory.mktemp("format_h")
    fields = struct_fields(tmp)
    assert set(fields) == set(STRUCTS), fields
    (tmp / "layout.c").write_text(program(header_constants(), fields))
    run([CLANG, "-std=c11", "-Wall", "-Werror", f"-I{INCLUDE_DIR}", tmp / "layout.c", READER,
         "-o", tmp / "layout"])
    return dict(json.loads(run([tmp / "layout"])), fields=fields)


def test_every_header_field_at_its_offset(c):
    assert [name for name, _ in _format.HEADER_FIELDS] == c["fields"]["pyunbox_record"]
    for name, code in _format.HEADER_FIELDS:
        assert (c[f"pyunbox_record.{name}"], c[f"sizeof(pyunbox_record.{name})"]) == \
            (_format.OFFSETS[name], struct.calcsize("<" + code)), name
    assert _format.HEADER_SIZE == c["sizeof(pyunbox_record)"] == c["PYUNBOX_TYPE_HEADER_SIZE"]
    assert _format.PARAMS_HEADER_SIZE == c["PYUNBOX_PARAMS_HEADER_SIZE"] == \
        _format.OFFSETS["type_name"]
    assert _format.BASE_HEADER_SIZE == c["PYUNBOX_HEADER_SIZE_V1"] == \
        c["PYUNBOX_BASE_HEADER_SIZE"] == _format.OFFSETS["param_flags"]


def test_every_constant_mirrored(c):
    """Each PYUNBOX_* macro and enumerator of format.h has its value here."""
    scalars = {"PYUNBOX_SECTION": _format.SECTION, "PYUNBOX_BOUNDS_SYMBOL": _format.BOUNDS_SYMBOL,
               "PYUNBOX_MAGIC": _format.MAGIC, "PYUNBOX_VERSION": _format.VERSION,
               "PYUNBOX_ALIGN": _format.ALIGN, "PYUNBOX_MAX_PARAMS": _format.MAX_PARAMS,
               "PYUNBOX_EFFECT_NEEDS_INTERPRETER": _format.EFFECT_NEEDS_INTERPRETER,
               "PYUNBOX_PARAM_POSITIONAL": _format.PARAM_POSITIONAL,
               "PYUNBOX_PARAM_KEYWORD": _format.PARAM_KEYWORD,
               "PYUNBOX_PARAM_OPTIONAL": _format.PARAM_OPTIONAL,
               "PYUNBOX_PARAM_DEFAULT": _format.PARAM_DEFAULT,
               "PYUNBOX_PARAM_ANY_BUFFER": _format.PARAM_ANY_BUFFER,
               "PYUNBOX_PARAM_NONE_IS_NULL": _format.PARAM_NONE_IS_NULL,
               "PYUNBOX_PARAM_KNOWN_BITS": _format.PARAM_KNOWN_BITS,
               "PYUNBOX_BASE_HEADER_SIZE": _format.BASE_HEADER_SIZE,
               "PYUNBOX_PARAMS_HEADER_SIZE": _format.PARAMS_HEADER_SIZE,
               "PYUNBOX_TYPE_HEADER_SIZE": _format.TYPE_HEADER_SIZE,
               "PYUNBOX_KIND_LAST": len(_format.KINDS) - 1,
               "PYUNBOX_KIND_LAST_SCALAR": _format.KIND_LAST_SCALAR,
               "PYUNBOX_KIND_LAST_PARAM": _format.KIND_LAST_PARAM,
               "PYUNBOX_MAX_RESULTS": _format.MAX_RESULTS,
               "PYUNBOX_ERRORS_LAST": len(_format.ERRORS) - 1}
    enums = {"PYUNBOX_KIND_": [name for name, _ in _format.KIND_TABLE],
             "PYUNBOX_CONV_": {v: n[len("METH_"):] for v, n in _format.CONVENTIONS.items()},
             "PYUNBOX_MEMORY_": [n.upper() for n in _format.MEMORY],
             "PYUNBOX_ERRORS_": [n.upper() for n in _format.ERRORS]}
    seen = {prefix: set() for prefix in enums}
    for name in header_constants():
        value = c[name]
        if name in scalars:
            assert value == scalars[name], name
            continue
        prefix = next((p for p in enums if name.startswith(p)), None)
        assert prefix, f"format.h defines {name}, which pyunbox/_format.py does not mirror"
        names = enums[prefix]
        assert (value in names if isinstance(names, dict) else 0 <= value < len(names)) \
            and names[value] == name[len(prefix):], f"{name} = {value} in format.h"
        seen[prefix].add(value)
    for prefix, names in enums.items():
        values = set(names) if isinstance(names, dict) else set(range(len(names)))
        assert seen[prefix] == values, f"values of {prefix}* not in format.h: " \
            f"{sorted(values - seen[prefix])}"


def test_names_are_the_c_readers(c):
    """The spellings pyunbox-dump prints come from the C reader."""
    def names(function, count):
        return [c[f"{function}({v})"] for v in range(count + 1)]
    assert names("pyunbox_kind_c_name", len(_format.KINDS)) == [*_format.KINDS, None]
    top = max(_format.CONVENTIONS)
    assert names("pyunbox_convention_name", top + 1) == \
        [_format.CONVENTIONS.get(v) for v in range(top + 2)]
    assert names("pyunbox_memory_name", len(_format.MEMORY)) == [*_format.MEMORY, None]
    assert names("pyunbox_errors_name", len(_format.ERRORS)) == [*_format.ERRORS, None]


def test_runtime_declarations_match_runtime_h(c):
    ffi = _runtime.ffi
    fields = ffi.typeof("struct pyunbox_core").fields
    assert [name for name, _ in fields] == c["fields"]["pyunbox_core"]
    for name, field in fields:
        assert (c[f"pyunbox_core.{name}"], c[f"sizeof(pyunbox_core.{name})"]) == \
            (field.offset, ffi.sizeof(field.type)), name
    assert c["sizeof(pyunbox_core)"] == ffi.sizeof("struct pyunbox_core")
    assert c["PYUNBOX_RT_ERR_SECTION"] == _runtime.ERR_SECTION
