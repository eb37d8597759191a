"""Shared by the app drivers (they run on PyPy): load a program of the pinned
project, apply the documented edits, run it as __main__."""
import sys


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
    """Run `text` (the program at `path`, edited) as __main__ with sys.argv = argv."""
    sys.argv = list(argv)
    code = compile(text, path, "exec")
    exec(code, {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__})
