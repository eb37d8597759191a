"""Numba on CPython: an @njit loop calling a core through pyunbox.core()
against the CPython loop calling the extension function, side by side.

    /usr/bin/python3 bench/numba_calls.py [--json FILE]   (builds test/e2e/shapes.c with the plugin)
"""
import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "test" / "support")]

import numba  # noqa: E402

from pyunbox_testkit.build import build_shapes, load_module  # noqa: E402  (first: the package's path)
from pyunbox_testkit.paths import SHAPES_MODULE  # noqa: E402
import pyunbox  # noqa: E402

QUICK = bool(os.environ.get("PYUNBOX_BENCH_QUICK"))
N = int(os.environ.get("PYUNBOX_BENCH_N", 20_000 if QUICK else 10_000_000))
REPEATS = 2 if QUICK else 5


def best_ns(run, n):
    best = float("inf")
    for _ in range(REPEATS):
        t = time.perf_counter()
        run(n)
        best = min(best, (time.perf_counter() - t) / n * 1e9)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    print(f"CPython {sys.version.split()[0]}, Numba {numba.__version__}, N={N}")
    with tempfile.TemporaryDirectory() as tmp:
        shapes = load_module(build_shapes(tmp), SHAPES_MODULE)
        inc, mix = shapes.inc, shapes.fc_mix
        core_inc, core_mix = pyunbox.core(inc), pyunbox.core(mix)

        def cpython_loop(n):
            s = 0
            for i in range(n):
                s += mix(inc(i), 7)
            return s

        @numba.njit
        def numba_loop(n):
            s = 0
            for i in range(n):
                s += core_mix(core_inc(i), 7)
            return s

        assert cpython_loop(1000) == numba_loop(1000)
        slow = best_ns(cpython_loop, N // 10)
        fast = best_ns(numba_loop, N)
        print("loop body: fc_mix(inc(i), 7)")
        print(f"  CPython loop calling the extension  {slow:8.2f} ns/iteration")
        print(f"  Numba @njit loop calling the cores  {fast:8.2f} ns/iteration")
        print(f"  Numba vs CPython:                   {slow / fast:8.1f}x faster")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"numba": numba.__version__, "n": N, "repeats": REPEATS,
                       "statistic": "best", "loop_body": "fc_mix(inc(i), 7)",
                       "ns_per_iteration": {"cpython_extension": slow, "numba_cores": fast},
                       "speedup": slow / fast}, f, indent=2)


if __name__ == "__main__":
    main()
