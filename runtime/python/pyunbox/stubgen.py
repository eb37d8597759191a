"""`.pyi` stubs from the mined signatures: one `def` per function with a core.

Parameter types are what the unboxers accept: integer kinds take `int`
(also objects with __index__, which typing spells `int` too), float kinds
`float` (which accepts int in typing), `_Bool` any object (PyObject_IsTrue),
string kinds what their format unit takes (UTF8 `str`, UTF8_SIZE
`str | bytes`, BYTES and BYTES_SIZE `bytes`; with PARAM_ANY_BUFFER, a `y*` or
`s*` unit, also any bytes-like object, spelled as the buffers a checker knows
without 3.12's collections.abc.Buffer: BYTES_SIZE
`bytes | bytearray | memoryview`, UTF8_SIZE `str | bytes | bytearray |
memoryview`; with PARAM_NONE_IS_NULL, a `z` unit, also `None`); return kinds: integers -> int, float/double -> float,
_Bool -> bool, void -> None. Each parameter is declared as the function
takes it: positional-only ones before `/` (named `__a<i>` where the record
has no name), keyword-only ones after `*`, optional ones with their default
(`None` for a `z` unit that stands for None where omitted, `...` where it is
not a constant), so that every call the function accepts
type-checks and calls of the wrong arity or with unknown keywords do not."""
import math

from . import _format

_RETURN_TYPES = {"void": "None", "_Bool": "bool", "float": "float", "double": "float"}
_PARAM_TYPES = {"_Bool": "object", "float": "float", "double": "float"}


def python_type(spelling):
    return _RETURN_TYPES.get(spelling, "int")


def result_type(record):
    """What the function returns: a tuple's items' types, or one."""
    if record.return_kind == _format.KIND["TUPLE"]:
        return f"tuple[{', '.join(python_type(t) for t in record.result_types)}]"
    return python_type(record.return_type)


def parameter_type(kind, any_buffer=False, none_is_null=False):
    string = _format.STRING_KINDS.get(kind)
    if string is not None:
        return " | ".join(t for t, takes in (("str", string.takes_str),
                                              ("bytes", string.takes_bytes),
                                              ("bytearray", any_buffer),
                                              ("memoryview", any_buffer),
                                              ("None", none_is_null)) if takes)
    return _PARAM_TYPES.get(_format.KINDS[kind], "int")


def _default_text(value):
    if isinstance(value, float) and not math.isfinite(value):
        return "..."  # inf and nan have no literal
    return repr(value)


def stub_line(record):
    names = record.param_names
    given = [n for n in names if n]
    named = len(set(given)) == len(given) and all(
        n for n, p in zip(names, record.param_passing) if p != "positional-only")
    if not named and "keyword-only" in record.param_passing:
        # A parameter only a name can pass, and no usable name: not a
        # signature a def can spell (accelerate() refuses the record too).
        return (f"def {record.python_name}(*args: Any, **kwargs: Any) -> "
                f"{result_type(record)}: ...")
    params, slash, star = [], False, False
    for i, kind in enumerate(record.param_kinds):
        keyword = named and record.param_passing[i] != "positional-only"
        if keyword and not slash and params:
            params.append("/")
        slash = slash or keyword
        if keyword and not star and record.param_passing[i] == "keyword-only":
            params.append("*")
            star = True
        name = names[i] if named and names[i] else f"__a{i}"
        takes = parameter_type(kind, record.param_any_buffer[i], record.param_none_is_null[i])
        text = f"{name}: {takes}"
        if record.param_optional[i]:
            default = record.param_defaults[i]
            text += " = " + ("None" if record.param_default_is_none[i] else
                             "..." if default is None else _default_text(default))
        params.append(text)
    if params and not slash:
        params.append("/")
    return (f"def {record.python_name}({', '.join(params)}) -> "
            f"{result_type(record)}: ...")


def stub(module_name, records, other_functions=()):
    """The text of the .pyi: typed defs for the functions with a core, untyped
    ones for `other_functions` (names), and a module __getattr__ so that the
    module's other attributes stay visible to type checkers."""
    lines = [f'"""Stubs for {module_name}, from the signatures pyunbox mined '
             '(python -m pyunbox stubgen)."""', "from typing import Any", ""]
    typed = {}
    for record in records:
        # Two records with one name come from two tables (a type's method):
        # which is the module function is not known here, so neither is typed.
        typed[record.python_name] = None if record.python_name in typed else record
    for name in sorted(set(typed) | set(other_functions)):
        record = typed.get(name)
        if record is not None:
            lines.append(stub_line(record))
        elif name in other_functions:
            lines.append(f"def {name}(*args: Any, **kwargs: Any) -> Any: ...")
    lines.append("def __getattr__(name: str) -> Any: ...")
    return "\n".join(lines) + "\n"
