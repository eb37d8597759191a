"""Runs one app driver on PyPy, as the plain program or with `import pyunbox.auto`.

    pypy3 bench/apps/launch.py plain|auto|diag REPORT_JSON DRIVER SRC_DIR OUT_DIR SCALE

The process is the same in every mode (this file, then the driver through
runpy); `auto` adds exactly one line before the program, `import pyunbox.auto`,
as a user would. After the program, `auto` writes pyunbox.auto's reports (what
was rebound, what was not and why) to REPORT_JSON; that is a few lines of JSON,
inside the timed process for the same reason the import is.

`diag` (never timed) also counts, for every rebound function, the calls that
reached the original C-API function instead of the core (the fast path's
misses) and how they were made: how many positional arguments of how many
parameters, which keywords, which argument types. It hooks
pyunbox.fastpath.make_fast, so it follows whatever accelerate() decides.
"""
import json
import os
import runpy
import sys

mode, report_path, driver, *driver_args = sys.argv[1:]
if mode not in ("plain", "auto", "diag"):
    sys.exit(f"launch.py: unknown mode {mode!r}")

calls = {}  # python name -> {"fast": n, "slow": {shape: n}}

if mode in ("auto", "diag"):
    if mode == "diag":
        import pyunbox.fastpath as _fastpath
        _make_fast = _fastpath.make_fast

        def _counting_make_fast(record, core, original, *a, **kw):
            name = f"{getattr(original, '__module__', '?')}.{record.python_name}"
            stats = calls.setdefault(name, {"calls": 0, "slow": {}, "params": list(
                getattr(record, "param_names", None) or []), "n_params": len(record.param_types)})

            def counted_original(*args, **kwargs):
                shape = (f"{len(args)} positional of {len(record.param_types)}"
                         + (f", keywords {sorted(kwargs)}" if kwargs else "")
                         + f", types ({', '.join(type(x).__name__ for x in args)})")
                stats["slow"][shape] = stats["slow"].get(shape, 0) + 1
                return original(*args, **kwargs)

            fast = _make_fast(record, core, counted_original, *a, **kw)

            def count_and_call(_self, *args, **kwargs):
                stats["calls"] += 1
                return fast(*args, **kwargs)

            # A FastFunction too, so that it does not become a method in a
            # class any more than the original or the fast one does.
            counted_fast = type(record.python_name, (_fastpath.FastFunction,),
                                {"__call__": count_and_call})()
            for attr in ("__pyunbox_original__", "__pyunbox_record__", "__wrapped__",
                         "__doc__", "__qualname__", "__module__", "__self__",
                         "__text_signature__"):
                if hasattr(fast, attr):
                    setattr(counted_fast, attr, getattr(fast, attr))
            counted_fast.__pyunbox_original__ = original
            counted_fast.__name__ = getattr(fast, "__name__", record.python_name)
            return counted_fast

        _fastpath.make_fast = _counting_make_fast
    import pyunbox.auto  # noqa: F401  (the one line a user adds)

sys.argv = [driver, *driver_args]
try:
    runpy.run_path(driver, run_name="__main__")
finally:
    if mode in ("auto", "diag"):
        import pyunbox.auto as _auto
        out = {"reports": {}, "errors": {m: repr(e) for m, e in _auto.errors.items()}}
        for module, rep in _auto.reports.items():
            out["reports"][module] = {
                "rebound": {n: getattr(r, "c_prototype", str(r)) for n, r in rep.rebound.items()},
                "skipped": dict(rep.skipped)}
        if mode == "diag":
            out["calls"] = calls
        with open(report_path, "w") as f:
            json.dump(out, f, indent=1)
