"""CPython: the wrappers' call time with test/e2e/shapes.c built without and
with the plugin (the promise: the same speed, within 2%).

    /usr/bin/python3 bench/cpython_calls.py [--json FILE]

Both builds are loaded into one process. Each round times every function in
both builds with timeit, the two builds alternating and their order swapped
every round; a process's figure is the median over its rounds of the
per-round ratio plugin / plain, so that drift of the machine cancels out.

Where a .so lands in memory moves the same machine code's speed by several
percent, the same way for the whole life of a process. So the rounds run in
PROCESSES fresh processes (each loads the builds anew, at new addresses), and
the statistic is the median over the processes.

A control runs alongside: a second copy of the plain build (the same file,
loaded from another path) against the first. The plugin leaves the wrappers'
machine code unchanged, so a difference the control also shows is the
machine (noise, where each copy lands in memory), not the plugin.
"""
import subprocess
import sysconfig
import shutil
import argparse
import json
import os
import statistics
import sys
import tempfile
import timeit
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "test" / "support")]

from pyunbox_testkit.build import build_shapes, load_module  # noqa: E402
from pyunbox_testkit.paths import SHAPES_MODULE  # noqa: E402

QUICK = bool(os.environ.get("PYUNBOX_BENCH_QUICK"))
ROUNDS = 3 if QUICK else 6  # per process
PROCESSES = 1 if QUICK else 25
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
    module = load_module(path, SHAPES_MODULE)
    module.__tag__ = tag
    return module


# The file name of the builds, the same in each directory.
SO_NAME = SHAPES_MODULE + (sysconfig.get_config_var("EXT_SUFFIX") or ".so")


def measure(tmp):
    """One process's rounds: {name: (plain ns, plugin ns, ratio, control ratio)},
    medians over its rounds."""
    plain = load(Path(tmp) / "plain" / SO_NAME, "plain")
    mined = load(Path(tmp) / "plugin" / SO_NAME, "plugin")
    control = load(Path(tmp) / "control" / SO_NAME, "control")
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
    return {name: (statistics.median(ns[name, "plain"]), statistics.median(ns[name, "plugin"]),
                   statistics.median(b / a for a, b in zip(ns[name, "plain"], ns[name, "plugin"])),
                   statistics.median(c / a for a, c in zip(ns[name, "plain"], ns[name, "control"])))
            for name in CALLS}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # a directory with the builds
    args = parser.parse_args()
    if args.child:
        print("CHILD " + json.dumps(measure(args.child)))
        return
    print(f"CPython {sys.version.split()[0]}: shapes.c wrappers built without vs with the "
          f"plugin, {PROCESSES} processes of {ROUNDS} alternating rounds of {NUMBER} calls")
    with tempfile.TemporaryDirectory() as tmp:
        for d in ("plain", "plugin", "control"):
            (Path(tmp) / d).mkdir()
        plain_so = build_shapes(Path(tmp) / "plain", plugin=False)
        build_shapes(Path(tmp) / "plugin", plugin=True)
        shutil.copy(plain_so, Path(tmp) / "control")
        sizes = {"plain": os.path.getsize(plain_so),
                 "plugin": os.path.getsize(Path(tmp) / "plugin" / SO_NAME)}
        runs = []
        for _ in range(PROCESSES):
            out = subprocess.run([sys.executable, __file__, "--child", tmp], check=True,
                                 capture_output=True, text=True).stdout
            runs.append(json.loads(out.split("CHILD ", 1)[1]))
    results = []
    print(f"  {'function':12} {'plain ns':>9} {'plugin ns':>10} {'median ratio':>13} "
          f"{'control ratio':>14}")
    for name, (shape, stmt) in CALLS.items():
        ratios = [run[name][2] for run in runs]
        controls = [run[name][3] for run in runs]
        row = {"function": name, "shape": shape, "call": stmt,
               "ns_plain": statistics.median(run[name][0] for run in runs),
               "ns_plugin": statistics.median(run[name][1] for run in runs),
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
            json.dump({"rounds": ROUNDS, "processes": PROCESSES, "number": NUMBER,
                       "statistic": "median over processes of the median per-round "
                       "ratio plugin/plain", "so_bytes": sizes, "functions": results,
                       "largest_difference": worst, "largest_control_difference": control,
                       "promise_holds": worst <= 0.02},
                      f, indent=2)


if __name__ == "__main__":
    main()
