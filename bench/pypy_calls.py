"""Calls per second on stock PyPy: an extension function through the C API
(cpyext), the same function after pyunbox.accelerate(), its core called
directly through cffi, and a pure-Python function doing the same work.
Everything is measured side by side in one run; the ratios are what counts.

    pypy3 bench/pypy_calls.py            (builds test/e2e/shapes.c with the plugin)

Each variant runs in its own loop function, compiled from the same source
into its own module, so that PyPy's JIT traces each separately and sees the
callee as a constant; each loop runs REPEATS times and the best run counts.
"""
import importlib.util
import os
import platform
import sys
import tempfile
import time
import types
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "runtime" / "python"), str(REPO / "test" / "python")]

import pyunbox  # noqa: E402
from extbuild import MODULE, build_shapes  # noqa: E402

N = int(os.environ.get("PYUNBOX_BENCH_N", 10_000_000))
N_CAPI = N // 20  # the C-API calls are slow; fewer of them measure as well
REPEATS = 5

LOOP_1 = """
def run(n):
    s = 0
    for i in range(n):
        s += f(i)
    return s
"""
LOOP_2 = """
def run(n):
    s = 0
    for i in range(n):
        s += f(i, 7)
    return s
"""

# A bail core takes the flag as its last argument (docs/FORMAT.md).
LOOP_2_BAIL = """
def run(n):
    s = 0
    for i in range(n):
        s += f(i, 7, flag)
    return s
"""


def loop(source, f, **names):
    module = types.ModuleType("bench_loop")
    module.f = f
    module.__dict__.update(names)
    exec(source, module.__dict__)
    return module.run


def py_inc(n):
    return n + 1


def py_mix(a, b):
    return a * 31 + b


def py_div(a, b):
    if b == 0:
        raise ZeroDivisionError("integer division by zero")
    return a // b  # the same as C's for the non-negative inputs measured


def load_shapes(outdir):
    path = build_shapes(outdir, sys.executable)
    spec = importlib.util.spec_from_file_location(MODULE, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def best_ns(run, n):
    best = float("inf")
    for _ in range(REPEATS):
        t = time.perf_counter()
        run(n)
        best = min(best, (time.perf_counter() - t) / n * 1e9)
    return best


def measure(label, source, capi, accelerated, core, pure, core_source=None, **names):
    variants = [("C-API call", capi, N_CAPI, source), ("accelerated", accelerated, N, source),
                ("direct cffi call of the core", core, N, core_source or source),
                ("pure-Python function", pure, N, source)]
    # The same result from every variant, or the comparison means nothing.
    results = {name: loop(src, f, **names)(1000) for name, f, _, src in variants}
    assert len(set(results.values())) == 1, results
    ns = {name: best_ns(loop(src, f, **names), n) for name, f, n, src in variants}
    print(f"\n{label}")
    for name, *_ in variants:
        print(f"  {name:30} {ns[name]:8.2f} ns/call")
    capi, acc, cffi_ = ns["C-API call"], ns["accelerated"], ns["direct cffi call of the core"]
    print(f"  accelerated vs C-API:          {capi / acc:6.1f}x faster")
    print(f"  accelerated vs direct cffi:    {acc / cffi_:6.2f}x the time")
    print(f"  accelerated vs pure Python:    {acc / ns['pure-Python function']:6.2f}x the time")
    return capi / acc, acc / cffi_


def main():
    if platform.python_implementation() != "PyPy":
        sys.exit("run this with pypy3")
    print(f"{platform.python_implementation()} {sys.version.split()[0]} "
          f"({sys.version.splitlines()[-1].strip()}), {platform.machine()}, N={N}")
    with tempfile.TemporaryDirectory() as tmp:
        shapes = load_shapes(tmp)
        inc, mix, div = shapes.inc, shapes.fc_mix, shapes.safe_div
        core_inc, core_mix, core_div = pyunbox.core(inc), pyunbox.core(mix), pyunbox.core(div)
        flag = pyunbox.core_ffi(div).new("int *", 0)
        report = pyunbox.accelerate(shapes)
        assert {"inc", "fc_mix", "safe_div"} <= set(report.rebound), report
        measure("inc: METH_O, long -> long", LOOP_1, inc, shapes.inc, core_inc, py_inc)
        measure("fc_mix: METH_FASTCALL, (long, long) -> long", LOOP_2, mix, shapes.fc_mix,
                core_mix, py_mix)
        # Raises on b == 0; measured where it does not, so the core never bails.
        measure("safe_div: METH_VARARGS, (long, long) -> long, bails on b == 0", LOOP_2, div,
                shapes.safe_div, core_div, py_div, core_source=LOOP_2_BAIL, flag=flag)


if __name__ == "__main__":
    main()
