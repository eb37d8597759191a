"""A core called through ctypes with the C signature its record gives, and
compared with its wrapper (docs/FORMAT.md says how each `errors` reports)."""
import ctypes

from .kinds import CTYPES, STRING_KINDS, c_argtypes, c_arguments, kind_of
from .outcome import outcome, same_outcome


class Bailed(Exception):
    """The core set *bail: the wrapper raises for these arguments, or returns
    an object no C scalar stands for (a complex)."""


def core_function(path, record):
    """The core of `record` (a pyunbox-dump --json record) in the .so at
    `path`, as a Python callable taking the wrapper's arguments (a string
    kind's str or bytes becomes its C arguments): a `bail` core raises Bailed
    where it bails; a `pyerr` core raises what it left set (PyDLL checks for
    it); a tuple's core returns the tuple of what it stored through its last
    parameters."""
    # A core that needs the interpreter must be called with the GIL held.
    lib = (ctypes.PyDLL if record["needs_interpreter"] else ctypes.CDLL)(str(path))
    fn = lib[record["core_symbol"]]
    kinds = record["param_kinds"]
    fn.restype = CTYPES[kind_of(record["return_type"])]
    fn.argtypes = [t for kind in kinds for t in c_argtypes(kind)]
    if record["errors"] not in ("none", "pyerr", "bail"):
        raise ValueError(f"errors convention {record['errors']!r} is not known here")
    if record["errors"] == "bail":
        fn.argtypes.append(ctypes.POINTER(ctypes.c_int))
    items = [CTYPES[kind_of(t)] for t in record.get("result_types", [])]
    fn.argtypes += [ctypes.POINTER(t) for t in items]
    if record["errors"] != "bail" and not items and not any(kind in STRING_KINDS for kind in kinds):
        return fn

    def call(*args):
        c_args = [a for kind, value in zip(kinds, args) for a in c_arguments(kind, value)]
        cells = [t() for t in items]
        bail = ctypes.c_int(0)  # the caller clears the flag; the core sets it
        if record["errors"] == "bail":
            c_args.append(ctypes.byref(bail))
        value = fn(*c_args, *(ctypes.byref(c) for c in cells))
        if bail.value:
            raise Bailed()
        return tuple(c.value for c in cells) if items else value
    return call


def by_parameters(wrapper, record):
    """The wrapper called as its core is, with one argument per parameter in
    order: those the record passes by name only (a format's '$') go by name."""
    names = record.get("param_names") or []
    by_name = [k for k, p in enumerate(record.get("param_passing") or []) if p == "keyword-only"]
    if not by_name:
        return wrapper

    def call(*args):
        positional = [a for k, a in enumerate(args) if k not in by_name]
        return wrapper(*positional, **{names[k]: args[k] for k in by_name if k < len(args)})
    call.__name__ = getattr(wrapper, "__name__", "wrapper")
    return call


def mismatch(core, wrapper, record, args):
    """None when the core agrees with the wrapper on args, else what differs.
    A bail agrees exactly where the wrapper raises or returns an object that
    is no C scalar's (the caller then runs the wrapper, which does so)."""
    return outcomes_differ(outcome(wrapper, *args), outcome(core, *args), record, args)


def outcomes_differ(want, got, record, args):
    """mismatch() on the outcomes of the wrapper's and the core's calls."""
    if got[0] == "raised" and got[1] is Bailed:
        if record["errors"] != "bail":
            return f"args={args!r}: core bailed, but its record says errors {record['errors']!r}"
        if want[0] == "raised" or not isinstance(want[1], (int, float, type(None))):
            return None
        return f"args={args!r}: core bailed, wrapper {want!r}"
    if not same_outcome(want, got):
        return f"args={args!r}: wrapper {want!r}, core {got!r}"
    return None
