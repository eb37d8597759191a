"""Shared by the app drivers (they run on PyPy): load a program of the pinned
project, apply the documented edits, run it as __main__."""
import builtins
import sys
import types


def edited(path, edits):
    """The text of `path` with each (old, new, count) edit applied; each `old`
    must occur exactly `count` times, so a different upstream file fails
    loudly instead of running something else."""
    with open(path) as f:
        text = f.read()
    for old, new, count in edits:
        found = text.count(old)
        if found != count:
            raise SystemExit(f"{path}: expected {old!r} {count} times, found {found}")
        text = text.replace(old, new)
    return text


def run_program(path, text, argv):
    """Run `text` (the program at `path`, edited) as `python path argv...` runs
    it: in the namespace of a module `__main__` (a module's dict, as PyPy's JIT
    treats globals; a plain dict would make every global lookup a dict lookup),
    with sys.argv = argv."""
    sys.argv = list(argv)
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = builtins
    sys.modules["__main__"] = main
    exec(compile(text, path, "exec"), main.__dict__)
