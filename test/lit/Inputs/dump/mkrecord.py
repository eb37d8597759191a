"""Writes one pyunbox record (format.h, version 1 layout with the parameter
table and the method's type; --header-size 72 for a record as first written,
80 for one with the parameter table only) as raw bytes, with
knobs to corrupt it, so that lit tests can put exact bytes into an ELF section
(llvm-objcopy --add-section) without depending on the pass.

  mkrecord.py OUT [--name inc] [--params long:n,double:] [--param-flags 3,13]
              [--defaults 0,7] [--set FIELD=VALUE] ...

A kind is its format.h name in lower case (long, utf8_size, ...) or a number
(19:n, a kind this version does not define). --param-flags writes each
parameter's byte as given, known bits or not (0x10 is ANY_BUFFER).
"""
import argparse
import codecs
import importlib.util
import struct
from pathlib import Path


def _load_format():
    """The layout from the pyunbox package's _format.py (checked against
    include/pyunbox/format.h by test/python/test_format_h.py), loaded alone:
    the package itself needs cffi."""
    path = Path(__file__).resolve().parents[4] / "runtime" / "python" / "pyunbox" / "_format.py"
    spec = importlib.util.spec_from_file_location("pyunbox_format", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_format = _load_format()
MAGIC = _format.MAGIC
HEADER_V1 = _format.HEADER_SIZE
# Kinds by their format.h names in lower case: "long", "ssize_t", ...
KINDS = {name.lower(): value for value, (name, _) in enumerate(_format.KIND_TABLE)}


def kind(text):
    return KINDS[text] if text in KINDS else int(text, 0)
# Field name -> (struct format, offset) in the version 1 header.
FIELDS = {name: ("<" + code, _format.OFFSETS[name])
          for name, code in _format.HEADER_FIELDS if name != "reserved"}


def raw(text):
    """A string argument as bytes; backslash escapes (\\xff) give any byte."""
    return codecs.escape_decode(text.encode())[0]


def build(a):
    params = [p.split(":", 1) for p in a.params.split(",")] if a.params else []
    header_size = a.header_size
    area = bytearray()
    offsets = {}

    def put(field, data):
        offsets[field] = header_size + len(area)
        area.extend(data)

    put("param_kinds", bytes(kind(k) for k, _ in params))
    # The table first, so that --unterminated's prototype still ends the record.
    if header_size >= _format.PARAMS_HEADER_SIZE:
        # A named parameter by position or keyword, an unnamed one by position.
        flags = [int(f, 0) for f in a.param_flags.split(",")] if a.param_flags else \
            [_format.PARAM_POSITIONAL | (_format.PARAM_KEYWORD if n else 0) for _, n in params]
        defaults = [int(d, 0) for d in a.defaults.split(",")] if a.defaults else [0] * len(params)
        put("param_flags", bytes(flags))
        while (header_size + len(area)) % 8:
            area.append(0)
        put("param_defaults", struct.pack(f"<{len(defaults)}Q", *(d & (2**64 - 1) for d in defaults)))

    put("python_name", raw(a.name) + b"\0")
    put("core_symbol", raw(a.core) + b"\0")
    put("wrapper_symbol", raw(a.wrapper) + b"\0")
    put("module_name", raw(a.module) + b"\0")
    if header_size >= _format.TYPE_HEADER_SIZE:
        put("type_name", raw(a.type) + b"\0")
    put("param_names", b"".join(raw(n) + b"\0" for _, n in params))
    if a.results:
        results = [kind(k) for k in a.results.split(",")]
        put("result_kinds", bytes([len(results)] + results))
    proto = raw(a.proto)
    # --unterminated: the prototype runs to the end of the record without a NUL.
    put("c_prototype", proto if a.unterminated else proto + b"\0")
    while (header_size + len(area)) % 8:
        area.append(ord("x") if a.unterminated else 0)
    values = dict(magic=MAGIC, version=1, header_size=header_size,
                  record_size=header_size + len(area), meth_flags=a.flags,
                  wrapper_offset=0, core_offset=0, convention=a.conv,
                  return_kind=kind(a.ret), param_count=len(params),
                  effects=a.effects, memory=a.memory, errors=0, **offsets)
    for item in a.set:
        key, value = item.split("=", 1)
        values[key] = int(value, 0)
    header = bytearray(header_size)
    # Bytes of a future header extension: an old reader must skip them.
    header[HEADER_V1:] = b"\xaa" * (header_size - HEADER_V1)
    for key, (fmt, off) in FIELDS.items():
        if off + struct.calcsize(fmt) <= header_size:  # a shorter, older header ends before
            struct.pack_into(fmt, header, off, values.get(key, 0))
    return bytes(header + area)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("out")
    p.add_argument("--name", default="inc")
    p.add_argument("--core", default="pyunbox_core_demo_inc")
    p.add_argument("--wrapper", default="demo_inc")
    p.add_argument("--module", default="demo")
    p.add_argument("--type", default="", help="the method's type (tp_name)")
    p.add_argument("--proto", default="long pyunbox_core_demo_inc(long n)")
    p.add_argument("--params", default="long:n", help="kind:name,... (name may be empty)")
    p.add_argument("--ret", default="long")
    p.add_argument("--conv", type=int, default=2)
    p.add_argument("--flags", type=int, default=0x8)
    p.add_argument("--effects", type=int, default=0)
    p.add_argument("--memory", type=int, default=0)
    p.add_argument("--header-size", type=int, default=HEADER_V1)
    p.add_argument("--param-flags", help="PYUNBOX_PARAM_* bits of each parameter, comma-separated")
    p.add_argument("--defaults", help="each parameter's default as an integer (its 8 bytes)")
    p.add_argument("--results", help="a tuple result's item kinds, comma-separated (--ret tuple)")
    p.add_argument("--unterminated", action="store_true")
    p.add_argument("--set", action="append", default=[], help="FIELD=VALUE after layout")
    p.add_argument("--pad", type=int, default=0, help="zero bytes appended after the record")
    p.add_argument("--truncate", type=int, help="keep only this many bytes")
    a = p.parse_args()
    data = build(a) + bytes(a.pad)
    if a.truncate is not None:
        data = data[:a.truncate]
    with open(a.out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
