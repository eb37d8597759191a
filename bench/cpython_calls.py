"""CPython: the wrappers' call time with test/e2e/shapes.c built without and
with the plugin (the promise: the same speed, within 2%).

    /usr/bin/python3 bench/cpython_calls.py [--json FILE]

Both builds are loaded into one process. Each round times every function in
both builds with timeit, the two builds alternating and their order swapped
every round; the statistic is the median over the rounds of the per-round
ratio plugin / plain, so that drift of the machine cancels out.

A control runs alongside: a second copy of the plain build (the same file,
loaded from another path) against the first. The plugin leaves the wrappers'
machine code unchanged, so a difference the control also shows is the
machine (noise, where each copy lands in memory), not the plugin.
"""
import shutil
import argparse
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import timeit
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "test" / "python")]

from extbuild import MODULE, build_shapes  # noqa: E402

QUICK = bool(os.environ.get("PYUNBOX_BENCH_QUICK"))
ROUNDS = 3 if QUICK else 20
NUMBER = 20_000 if QUICK else 200_000  # calls per timing (about 10-20 ms)

# name -> (shape, call statement)
CALLS = {
    "inc": ("METH_O, long -> long", "f(12345)"),
    "fc_mix": ("METH_FASTCALL, (long, long) -> long", "f(12345, 7)"),
    "va_hypot2": ("METH_VARARGS, (double, double) -> double", "f(3.0, 4.0)"),
    "is_even": ("METH_O, long -> bool", "f(12345)"),
    "check_long": ("METH_O, long -> None", "f(12345)"),
    "safe_div": ("METH_VARARGS, (long, long) -> long, raises on b == 0", "f(12345, 7)"),
}


def load(path, tag):
    spec = importlib.util.spec_from_file_location(MODULE, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.__tag__ = tag
    return module


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    print(f"CPython {sys.version.split()[0]}: shapes.c wrappers built without vs with the "
          f"plugin, {ROUNDS} alternating rounds of {NUMBER} calls")
    with tempfile.TemporaryDirectory() as tmp:
        for d in ("plain", "plugin", "control"):
            (Path(tmp) / d).mkdir()
        plain_so = build_shapes(Path(tmp) / "plain", plugin=False)
        plain = load(plain_so, "plain")
        mined = load(build_shapes(Path(tmp) / "plugin", plugin=True), "plugin")
        control = load(shutil.copy(plain_so, Path(tmp) / "control"), "control")
        sizes = {"plain": os.path.getsize(plain.__file__),
                 "plugin": os.path.getsize(mined.__file__)}
        timers = {(name, m.__tag__): timeit.Timer(stmt, globals={"f": getattr(m, name)})
                  for name, (_, stmt) in CALLS.items() for m in (plain, mined, control)}
        for (name, _), t in timers.items():  # the same answer from both builds
            assert eval(CALLS[name][1], {"f": getattr(plain, name)}) == \
                eval(CALLS[name][1], {"f": getattr(mined, name)})
            t.timeit(NUMBER // 10)  # warm up
        ns = {key: [] for key in timers}
        for r in range(ROUNDS):
            order = (("plain", "plugin", "control") if r % 2 == 0
                     else ("control", "plugin", "plain"))
            for name in CALLS:
                for tag in order:
                    ns[name, tag].append(timers[name, tag].timeit(NUMBER) / NUMBER * 1e9)
    results = []
    print(f"  {'function':12} {'plain ns':>9} {'plugin ns':>10} {'median ratio':>13} "
          f"{'control ratio':>14}")
    for name, (shape, stmt) in CALLS.items():
        ratios = [b / a for a, b in zip(ns[name, "plain"], ns[name, "plugin"])]
        controls = [c / a for a, c in zip(ns[name, "plain"], ns[name, "control"])]
        row = {"function": name, "shape": shape, "call": stmt,
               "ns_plain": statistics.median(ns[name, "plain"]),
               "ns_plugin": statistics.median(ns[name, "plugin"]),
               "ratio_median": statistics.median(ratios),
               "ratio_min": min(ratios), "ratio_max": max(ratios),
               # plain copy / plain: what the same code measures as here
               "control_ratio_median": statistics.median(controls)}
        results.append(row)
        print(f"  {name:12} {row['ns_plain']:9.2f} {row['ns_plugin']:10.2f} "
              f"{row['ratio_median']:13.4f} {row['control_ratio_median']:14.4f}")
    worst = max(abs(r["ratio_median"] - 1) for r in results)
    control = max(abs(r["control_ratio_median"] - 1) for r in results)
    print(f"  largest median difference: {worst * 100:.2f}% (promise: within 2%); "
          f"control (plain vs a copy of plain): {control * 100:.2f}%")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rounds": ROUNDS, "number": NUMBER, "statistic": "median of per-round "
                       "ratio plugin/plain", "so_bytes": sizes, "functions": results,
                       "largest_difference": worst, "largest_control_difference": control,
                       "promise_holds": worst <= 0.02},
                      f, indent=2)


if __name__ == "__main__":
    main()
