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


def loop(source, f):
    module = types.ModuleType("bench_loop")
    module.f = f
    exec(source, module.__dict__)
    return module.run


def py_inc(n):
    return n + 1


def py_mix(a, b):
    return a * 31 + b


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


def measure(label, source, capi, accelerated, core, pure):
    variants = [("C-API call", capi, N_CAPI), ("accelerated", accelerated, N),
                ("direct cffi call of the core", core, N), ("pure-Python function", pure, N)]
    # The same result from every variant, or the comparison means nothing.
    results = {name: loop(source, f)(1000) for name, f, _ in variants}
    assert len(set(results.values())) == 1, results
    ns = {name: best_ns(loop(source, f), n) for name, f, n in variants}
    print(f"\n{label}")
    for name, _, _ in variants:
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
        inc, mix = shapes.inc, shapes.fc_mix
        core_inc, core_mix = pyunbox.core(inc), pyunbox.core(mix)
        report = pyunbox.accelerate(shapes)
        assert {"inc", "fc_mix"} <= set(report.rebound), report
        measure("inc: METH_O, long -> long", LOOP_1, inc, shapes.inc, core_inc, py_inc)
        measure("fc_mix: METH_FASTCALL, (long, long) -> long", LOOP_2, mix, shapes.fc_mix,
                core_mix, py_mix)


if __name__ == "__main__":
    main()
