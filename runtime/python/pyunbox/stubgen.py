"""`.pyi` stubs from the mined signatures: one `def` per function with a core.

Kinds map to Python types: integers -> int, float/double -> float,
_Bool -> bool, void -> None. Parameter names come from the record; where a
name is unknown all parameters are positional-only (`__a0`, ..., then `/`),
which is what the C function accepts anyway."""
_PYTHON_TYPES = {"void": "None", "_Bool": "bool", "float": "float", "double": "float"}


def python_type(spelling):
    return _PYTHON_TYPES.get(spelling, "int")


def stub_line(record):
    types = [python_type(t) for t in record.param_types]
    names = record.param_names
    if all(names) and len(set(names)) == len(names):
        # Named in C, but the wrapper takes positional arguments only.
        params = [f"{n}: {t}" for n, t in zip(names, types)] + ["/"]
    else:
        params = [f"__a{i}: {t}" for i, t in enumerate(types)] + ["/"]
    if not types:
        params = []
    return (f"def {record.python_name}({', '.join(params)}) -> "
            f"{python_type(record.return_type)}: ...")


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
