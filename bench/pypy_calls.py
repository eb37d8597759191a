"""Calls per second on stock PyPy: an extension function through the C API
(cpyext), the same function after pyunbox.accelerate(), its core called
directly through cffi, and a pure-Python function doing the same work.
Everything is measured side by side in one run; the ratios are what counts.

    pypy3 bench/pypy_calls.py [--json FILE]   (builds test/e2e/shapes.c with the plugin)

Each variant runs in its own loop function, compiled from the same source
into its own module, so that PyPy's JIT traces each separately and sees the
callee as a constant; each loop runs REPEATS times and the best run counts.
"""
import argparse
import json
import os
import platform
import sys
import tempfile
import time
import types
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "test" / "support")]

from pyunbox_testkit.build import build_shapes, load_module  # noqa: E402  (first: the package's path)
from pyunbox_testkit.paths import SHAPES_MODULE  # noqa: E402
import pyunbox  # noqa: E402

QUICK = bool(os.environ.get("PYUNBOX_BENCH_QUICK"))
N = int(os.environ.get("PYUNBOX_BENCH_N", 20_000 if QUICK else 10_000_000))
N_CAPI = N // 20  # the C-API calls are slow; fewer of them measure as well
REPEATS = 2 if QUICK else 5

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

LOOP_2F = """
def run(n):
    s = 0.0
    for i in range(n):
        s += f(i * 0.5, 1.5)
    return s
"""
# A function returning None: called for its effect (here: the check alone).
LOOP_NONE = """
def run(n):
    s = 0
    for i in range(n):
        if f(i) is None:
            s += 1
    return s
"""

# A tuple's core stores its items in cells, its last arguments (FORMAT.md,
# "Tuple results").
LOOP_PAIR = """
def run(n):
    s = 0
    for i in range(n):
        a, b = f(i, 7)
        s += a - b
    return s
"""
LOOP_PAIR_CORE = """
def run(n):
    s = 0
    for i in range(n):
        f(i, 7, c0, c1)
        s += c0[0] - c1[0]
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


def summing(call, zero="0"):
    """The source of a loop summing `call` (an expression of i) n times."""
    return f"""
def run(n):
    s = {zero}
    for i in range(n):
        s += {call}
    return s
"""


# Call shapes of kw_affine(x, scale=2.0, shift=1) (METH_VARARGS | METH_KEYWORDS):
# optional arguments omitted, and one by keyword; the core always takes all.
LOOP_DEFAULTS = summing("f(i * 0.5)", "0.0")
LOOP_DEFAULTS_CORE = summing("f(i * 0.5, 2.0, 1)", "0.0")
LOOP_KEYWORD = summing("f(i * 0.5, shift=3)", "0.0")
LOOP_KEYWORD_CORE = summing("f(i * 0.5, 2.0, 3)", "0.0")
# Calls that miss the fast path (an argument of another type than the core's
# exact ones: a bool for a long): they go to the original function.
LOOP_MISS_1 = summing("f(i % 3 == 0)")
LOOP_MISS_KEYWORD = summing("f(i * 0.5, shift=i % 3 == 0)", "0.0")


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


def py_hypot2(a, b):
    return a * a + b * b


def py_is_even(n):
    return n % 2 == 0


def py_check_long(n):
    if not -2**63 <= n < 2**63:
        raise OverflowError("Python int too large to convert to C long")


def py_div(a, b):
    if b == 0:
        raise ZeroDivisionError("integer division by zero")
    return a // b  # the same as C's for the non-negative inputs measured


def py_pair(a, b):
    return (b, a)


def py_affine(x, scale=2.0, shift=1):
    return x * scale + float(shift)


def load_shapes(outdir):
    return load_module(build_shapes(outdir, sys.executable), SHAPES_MODULE)


def best_ns(run, n):
    best = float("inf")
    for _ in range(REPEATS):
        t = time.perf_counter()
        run(n)
        best = min(best, (time.perf_counter() - t) / n * 1e9)
    return best


def measure(func, label, source, capi, accelerated, core, pure, core_source=None, **names):
    variants = [("C-API call", capi, N_CAPI, source), ("accelerated", accelerated, N, source),
                ("direct cffi call of the core", core, N, core_source or source),
                ("pure-Python function", pure, N, source)]
    # The same result from every variant, or the comparison means nothing.
    results = {name: loop(src, f, **names)(1000) for name, f, _, src in variants}
    assert len(set(results.values())) == 1, results
    ns = {name: best_ns(loop(src, f, **names), n) for name, f, n, src in variants}
    print(f"\n{func}: {label}")
    for name, *_ in variants:
        print(f"  {name:30} {ns[name]:8.2f} ns/call")
    capi, acc, cffi_ = ns["C-API call"], ns["accelerated"], ns["direct cffi call of the core"]
    print(f"  accelerated vs C-API:          {capi / acc:6.1f}x faster")
    print(f"  accelerated vs direct cffi:    {acc / cffi_:6.2f}x the time")
    print(f"  accelerated vs pure Python:    {acc / ns['pure-Python function']:6.2f}x the time")
    keys = {"C-API call": "capi", "accelerated": "accelerated",
            "direct cffi call of the core": "cffi", "pure-Python function": "pure"}
    return {"function": func, "label": label,
            "ns_per_call": {keys[k]: v for k, v in ns.items()},
            # Ratios to the C-API call: how many times faster than it.
            "speedup_vs_capi": {keys[k]: capi / v for k, v in ns.items()},
            "accelerated_vs_cffi": acc / cffi_}


def measure_miss(func, label, source, capi, accelerated):
    """A call the fast path does not take: what it costs on top of the
    original's C-API call (target: at most 1.1x)."""
    assert loop(source, capi)(1000) == loop(source, accelerated)(1000)
    ns = {"capi": best_ns(loop(source, capi), N_CAPI),
          "accelerated": best_ns(loop(source, accelerated), N_CAPI)}
    print(f"\n{func}: {label}")
    print(f"  {'C-API call':30} {ns['capi']:8.2f} ns/call")
    print(f"  {'accelerated, missing':30} {ns['accelerated']:8.2f} ns/call")
    print(f"  missed call vs C-API:          {ns['accelerated'] / ns['capi']:6.2f}x the time")
    return {"function": func, "label": label, "ns_per_call": ns, "miss": True,
            "miss_vs_capi": ns["accelerated"] / ns["capi"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    if platform.python_implementation() != "PyPy":
        sys.exit("run this with pypy3")
    print(f"{platform.python_implementation()} {sys.version.split()[0]} "
          f"({sys.version.splitlines()[-1].strip()}), {platform.machine()}, N={N}")
    with tempfile.TemporaryDirectory() as tmp:
        shapes = load_shapes(tmp)
        capi = {name: getattr(shapes, name) for name in
                ("inc", "fc_mix", "va_hypot2", "is_even", "check_long", "safe_div",
                 "kw_affine", "pair")}
        core = {name: pyunbox.core(f) for name, f in capi.items()}
        flag = pyunbox.core_ffi(capi["safe_div"]).new("int *", 0)
        cells = [pyunbox.core_ffi(capi["pair"]).new("long *") for _ in range(2)]
        report = pyunbox.accelerate(shapes)
        assert set(capi) <= set(report.rebound), report
        results = [
            measure("inc", "METH_O, long -> long", LOOP_1, capi["inc"], shapes.inc,
                    core["inc"], py_inc),
            measure("fc_mix", "METH_FASTCALL, (long, long) -> long", LOOP_2, capi["fc_mix"],
                    shapes.fc_mix, core["fc_mix"], py_mix),
            measure("va_hypot2", "METH_VARARGS, (double, double) -> double", LOOP_2F,
                    capi["va_hypot2"], shapes.va_hypot2, core["va_hypot2"], py_hypot2),
            measure("is_even", "METH_O, long -> bool", LOOP_1, capi["is_even"],
                    shapes.is_even, core["is_even"], py_is_even),
            measure("check_long", "METH_O, long -> None", LOOP_NONE, capi["check_long"],
                    shapes.check_long, core["check_long"], py_check_long),
            # Raises on b == 0; measured where it does not, so the core never bails.
            measure("safe_div", "METH_VARARGS, (long, long) -> long, may raise",
                    LOOP_2, capi["safe_div"], shapes.safe_div, core["safe_div"], py_div,
                    core_source=LOOP_2_BAIL, flag=flag),
            measure("kw_affine", "METH_VARARGS | METH_KEYWORDS, f(x): 2 defaults",
                    LOOP_DEFAULTS, capi["kw_affine"], shapes.kw_affine, core["kw_affine"],
                    py_affine, core_source=LOOP_DEFAULTS_CORE),
            measure("kw_affine", "METH_VARARGS | METH_KEYWORDS, f(x, shift=3): a keyword",
                    LOOP_KEYWORD, capi["kw_affine"], shapes.kw_affine, core["kw_affine"],
                    py_affine, core_source=LOOP_KEYWORD_CORE),
            measure("pair", "METH_VARARGS, (long, long) -> a tuple (long, long)", LOOP_PAIR,
                    capi["pair"], shapes.pair, core["pair"], py_pair,
                    core_source=LOOP_PAIR_CORE, c0=cells[0], c1=cells[1]),
            measure_miss("inc", "missed: a bool for a long (METH_O)", LOOP_MISS_1,
                         capi["inc"], shapes.inc),
            measure_miss("kw_affine", "missed: a keyword bool for a long", LOOP_MISS_KEYWORD,
                         capi["kw_affine"], shapes.kw_affine),
        ]
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"interpreter": f"PyPy {sys.version.split()[0]} "
                                      f"({sys.version.splitlines()[-1].strip()})",
                       "n": N, "n_capi": N_CAPI, "repeats": REPEATS, "statistic": "best",
                       "functions": results}, f, indent=2)


if __name__ == "__main__":
    main()
