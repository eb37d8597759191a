"""The plugin's remarks, read from clang's optimization record (YAML), not
from the diagnostics' text: each remark's `Name` is its key, "Mined" for a
core and the refusal key otherwise (the first argument of refuse("Key", ...)
in passes/), and `Function` is the wrapper's symbol.

    clang-N ... -fpass-plugin=... -fsave-optimization-record=yaml \\
        -foptimization-record-passes=pyunbox

writes <output>.opt.yaml next to the object with -c, and <input stem>.opt.yaml
in the working directory when one command compiles and links. Reading it
needs PyYAML (Debian's python3-yaml, which llvm-N-tools depends on).
"""
import re
from dataclasses import dataclass
from pathlib import Path

RECORD_FLAGS = ["-fsave-optimization-record=yaml", "-foptimization-record-passes=pyunbox"]
MINED = "Mined"  # the key of the remark that names a core
# Arguments in the record only, after the message's (ore::setExtraArgs in
# CoreMinerPass.cpp): the module of the function's table ("" where no
# PyModuleDef names the table: a type's methods).
EXTRA_ARGS = ("Module",)


@dataclass
class Remark:
    kind: str       # "Passed" (a core), "Missed" (no core), "Analysis"
    key: str        # the remark's Name: MINED or a refusal key
    function: str   # the wrapper's symbol
    python_name: str
    message: str    # what -Rpass=pyunbox prints
    detail: str     # the message after the function's name: the reason of a refusal
    file: str = None
    line: int = None
    module: str = None  # the table's module, "" for a table no PyModuleDef names


def _loader():
    import yaml
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):
        pass
    # Every document is tagged with its kind: !Passed, !Missed, !Analysis, ...
    Loader.add_multi_constructor(
        "!", lambda loader, tag, node: dict(loader.construct_mapping(node, deep=True),
                                            Kind=tag))
    return Loader


# The pass names the function first: "core for 'inc' (METH_O): ...",
# "no core for 'f': <reason>".
_SUBJECT = re.compile(r"core for '(?P<name>[^']*)'(?:: )?")


def parse(text):
    """The pyunbox remarks of one optimization record's text."""
    import yaml
    remarks = []
    for doc in yaml.load_all(text, Loader=_loader()):
        if not doc or doc.get("Pass") != "pyunbox":
            continue
        # Each argument is a one-entry mapping ({String: ...} or a named value);
        # their values, in order, are the message, up to the extra ones.
        args = [(key, value) for arg in doc.get("Args", []) for key, value in arg.items()]
        extra = {key: value for key, value in args if key in EXTRA_ARGS}
        message = "".join(str(value) for key, value in args if key not in EXTRA_ARGS)
        subject = _SUBJECT.search(message)
        loc = doc.get("DebugLoc") or {}
        remarks.append(Remark(
            kind=doc["Kind"], key=doc["Name"], function=doc.get("Function"),
            python_name=subject.group("name") if subject else None, message=message,
            detail=message[subject.end():] if subject else message,
            file=loc.get("File"), line=loc.get("Line"),
            module=None if extra.get("Module") is None else str(extra["Module"])))
    return remarks


def read(paths):
    """The pyunbox remarks of optimization record files, in order."""
    remarks = []
    for path in paths:
        remarks += parse(Path(path).read_text(errors="replace"))
    return remarks


# How the pass says a core it mined at the start of the pipeline was dropped
# when its record was written (RecordEmitter.cpp: a string argument's bytes
# kept or written; docs/PASS.md, "String parameters").
DROPPED_AFTER_ALL = "' after all: "


def decided(remarks):
    """The remarks without the "Mined" ones that a later remark withdrew: a
    "no core for 'f' after all: ..." drops the last "Mined" remark on the
    same wrapper and name before it, and stands for that function instead.
    Every other remark stays, one per PyMethodDef entry (a wrapper in two
    tables under one name has two)."""
    withdrawn = set()
    for i, r in enumerate(remarks):
        if r.kind == "Missed" and DROPPED_AFTER_ALL in r.message:
            mined = [k for k in range(i) if k not in withdrawn and remarks[k].key == MINED
                     and (remarks[k].function, remarks[k].python_name) == (r.function, r.python_name)]
            if mined:
                withdrawn.add(mined[-1])
    return [r for i, r in enumerate(remarks) if i not in withdrawn]
