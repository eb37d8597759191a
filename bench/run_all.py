"""Runs every benchmark in bench/, each with its interpreter, and writes
bench/results.json, bench/results.png and a table (scripts/bench.sh calls it).

    /usr/bin/python3 bench/run_all.py [--out DIR]

PYUNBOX_BENCH_QUICK=1 makes every part tiny (a smoke test: a few seconds,
numbers meaningless). The last part, bench/apps/run_apps.py, runs real
programs of third-party projects on PyPy end to end, without and with
`import pyunbox.auto`. The promises checked: a CPython wrapper's call time
within 2% with the plugin, compile time within 3% on real modules.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "test" / "support")]
from pyunbox_testkit.paths import CLANG, CPYTHON, PYPY  # noqa: E402

QUICK = bool(os.environ.get("PYUNBOX_BENCH_QUICK"))
CALL_PROMISE = 0.02     # CPython wrapper call time, plugin vs plain
COMPILE_PROMISE = 0.03  # compile time on real modules

PARTS = [  # (key, interpreter, script)
    ("pypy", PYPY, "pypy_calls.py"),
    ("cpython", CPYTHON, "cpython_calls.py"),
    ("numba", CPYTHON, "numba_calls.py"),
    ("compile", CPYTHON, "compile_time.py"),
    ("apps", CPYTHON, "apps/run_apps.py"),  # real programs on PyPy, end to end
]


def first_line(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return None


def git_commit():
    """The commit measured, with "-dirty" when passes/ or include/ differ from it."""
    repo = HERE.parent
    head = first_line(["git", "-C", str(repo), "rev-parse", "HEAD"])
    dirty = subprocess.run(["git", "-C", str(repo), "diff", "--quiet", "HEAD", "--",
                            "passes", "include"]).returncode != 0
    return f"{head}-dirty" if dirty else head


def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"cpu": cpu, "cores": os.cpu_count(), "load_average": os.getloadavg(),
            "kernel": platform.release(), "machine": platform.machine(),
            "python": first_line([CPYTHON, "-VV"]), "pypy": first_line([PYPY, "-VV"]),
            "clang": first_line([CLANG, "--version"]),
            "commit": git_commit(),
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "quick": QUICK}


def run_parts(tmp):
    results = {}
    for key, interpreter, script in PARTS:
        out = Path(tmp) / f"{key}.json"
        print(f"\n=== {script} ({Path(interpreter).name})", flush=True)
        subprocess.run([interpreter, str(HERE / script), "--json", str(out)], check=True)
        results[key] = json.loads(out.read_text())
    return results


def table(r):
    lines = ["", "PyPy: ns per call (times faster than the C-API call)",
             f"  {'function':11} {'shape':44} {'C API':>8} {'accelerated':>16} "
             f"{'direct cffi':>16} {'pure Python':>16} {'acc/cffi':>9}"]
    for f in r["pypy"]["functions"]:
        ns = f["ns_per_call"]
        if f.get("miss"):  # a call the fast path does not take: its cost over the original's
            lines.append(f"  {f['function']:11} {f['label']:44} {ns['capi']:8.1f} "
                         f"{ns['accelerated']:7.1f} ({f['miss_vs_capi']:.2f}x the C-API call)")
            continue
        x = f["speedup_vs_capi"]
        cells = [f"{ns[k]:7.1f} ({x[k]:5.1f}x)" for k in ("accelerated", "cffi", "pure")]
        lines.append(f"  {f['function']:11} {f['label']:44} {ns['capi']:8.1f} "
                     + " ".join(f"{c:>16}" for c in cells) + f" {f['accelerated_vs_cffi']:8.2f}x")
    cp = r["cpython"]
    lines += ["", f"CPython: wrapper call time, shapes.c without vs with the plugin "
                  f"(median over {cp.get('processes', 1)} processes of the median of {cp['rounds']} alternating rounds each)",
              f"  {'function':11} {'plain ns':>9} {'plugin ns':>10} {'ratio':>7} "
              f"{'control (plain copy / plain)':>29}"]
    for f in cp["functions"]:
        lines.append(f"  {f['function']:11} {f['ns_plain']:9.2f} {f['ns_plugin']:10.2f} "
                     f"{f['ratio_median']:7.4f} {f['control_ratio_median']:29.4f}")
    nb = r["numba"]
    lines += ["", f"Numba: {nb['loop_body']}: CPython loop calling the extension "
                  f"{nb['ns_per_iteration']['cpython_extension']:.1f} ns, @njit loop calling the "
                  f"cores {nb['ns_per_iteration']['numba_cores']:.2f} ns: {nb['speedup']:.1f}x"]
    lines += ["", "Compile time (clang-19 -O2 -c, CPU s, median) and .so size",
              f"  {'source':16} {'rounds':>6} {'plain s':>8} {'plugin s':>9} {'overhead':>9} "
              f"{'passes':>7} {'us/fn plain':>12} {'us/fn plugin':>13} {'cores':>6} "
              f"{'.so plain':>10} {'.so plugin':>11}"]
    for row in r["compile"]["real_modules"] + r["compile"]["generated"]:
        per = (f"{row['us_per_wrapper_plain']:12.0f} {row['us_per_wrapper_plugin']:13.0f}"
               if row.get("n_wrappers") else f"{'':12} {'':13}")
        share = f"{row['pass_share'] * 100:6.1f}%" if "pass_share" in row else f"{'-':>7}"
        lines.append(f"  {row['name']:16} {row['rounds']:6} {row['cpu_plain']:8.2f} "
                     f"{row['cpu_plugin']:9.2f} {row['overhead'] * 100:+8.1f}% {share} {per} "
                     f"{row['cores']:6} {row['so_plain']:10} {row['so_plugin']:11}")
    s = cp["so_bytes"]
    lines.append(f"  shapes.c .so: {s['plain']} -> {s['plugin']} bytes")
    counted = [row for row in r["compile"]["real_modules"] + r["compile"]["generated"]
               if "instr_plain" in row]
    if counted:
        lines += ["", "Instructions the compiler executes (callgrind: the same on every run)",
                  f"  {'source':16} {'plain':>9} {'plugin':>9} {'overhead':>9} "
                  f"{'passes':>8} {'cores':>8}"]
        for row in counted:
            lines.append(f"  {row['name']:16} {row['instr_plain'] / 1e9:8.3f}G "
                         f"{row['instr_plugin'] / 1e9:8.3f}G {row['instr_overhead'] * 100:+8.1f}% "
                         f"{row['instr_passes'] * 100:+7.1f}% "
                         f"{(row['instr_overhead'] - row['instr_passes']) * 100:+7.1f}%")
    apps = r.get("apps", {}).get("apps", [])
    if apps or r.get("apps", {}).get("failed"):
        lines += ["", f"Real programs on PyPy, end to end (wall clock, best of {r['apps']['rounds']}): "
                      "plain build vs plugin build + `import pyunbox.auto`",
                  f"  {'program':12} {'workload':44} {'plain s':>8} {'auto s':>8} {'speedup':>8} "
                  f"{'w/o start':>9} {'same output':>11} {'accelerated':>12}"]
        for a in apps:
            # The speedup less each side's empty program (run_apps.speedup_without_start).
            work = a.get("speedup_without_start")
            lines.append(f"  {a['name']:12} {a['workload'][:44]:44} {a['plain_s']:8.2f} "
                         f"{a['accelerated_s']:8.2f} {a['speedup']:7.2f}x "
                         f"{f'{work:.2f}x' if work else '-':>9} "
                         f"{'yes' if a['identical_output'] else 'NO':>11} "
                         f"{a['accelerated']:>5} of {a['functions']:<3}")
        if "empty_program" in r["apps"]:
            e = r["apps"]["empty_program"]
            lines.append(f"  {'(empty)':12} {'the fixed cost of a process':44} {e['plain_s']:8.2f} "
                         f"{e['auto_s']:8.2f}")
        for f in r["apps"].get("failed", []):
            lines.append(f"  {f['name']}: FAILED, not measured ({f['error'].splitlines()[0]})")
        for a in apps:
            for fn, c in a["calls"].items():
                if c["slow"]:
                    shape = next(iter(c["slow_shapes"]))
                    lines.append(f"  {a['name']}: {fn}: {c['slow']} of {c['calls']} calls missed "
                                 f"the fast path (most: {shape})")
    lines += ["", "Promises"] + [f"  {p['what']}: {'holds' if p['holds'] else 'DOES NOT HOLD'} "
                                 f"({p['measured']})" for p in r["promises"]]
    return "\n".join(lines)


def promises(r):
    worst = max(r["cpython"]["functions"], key=lambda f: abs(f["ratio_median"] - 1))
    out = [{"what": "CPython wrapper call time within 2% with the plugin",
            "holds": abs(worst["ratio_median"] - 1) <= CALL_PROMISE,
            "measured": f"largest median difference {(worst['ratio_median'] - 1) * 100:+.2f}% "
                        f"({worst['function']}); the control, plain against a copy of "
                        f"itself, differs by up to "
                        f"{r['cpython']['largest_control_difference'] * 100:.2f}%"}]
    real = r["compile"]["real_modules"]
    if real:
        worst = max(real, key=lambda m: m["overhead"])
        out.append({"what": "compile time under 3% overhead on real modules",
                    "holds": worst["overhead"] < COMPILE_PROMISE,
                    "measured": ", ".join(
                        f"{m['name']} {m['overhead'] * 100:+.1f}% CPU time"
                        + (f", {m['instr_overhead'] * 100:+.1f}% instructions"
                           if "instr_overhead" in m else "")
                        for m in real)})
    return out


def plot(r, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    apps = r.get("apps", {}).get("apps", [])
    fig, ax = plt.subplots(3 if apps else 2, 2, figsize=(13, 13.5 if apps else 9))
    quick = " (QUICK: not meaningful)" if r["machine"]["quick"] else ""
    fig.suptitle(f"pyunbox benchmarks{quick}: {r['machine']['cpu']}, "
                 f"{r['machine']['cores']} cores, {r['machine']['date'][:10]}", fontsize=11)

    a = ax[0][0]
    funcs = [f for f in r["pypy"]["functions"] if not f.get("miss")]
    kinds = [("capi", "C-API call"), ("accelerated", "accelerated"),
             ("cffi", "direct cffi call"), ("pure", "pure Python")]
    width = 0.2
    for k, (key, label) in enumerate(kinds):
        a.bar([i + (k - 1.5) * width for i in range(len(funcs))],
              [f["ns_per_call"][key] for f in funcs], width, label=label)
    a.set_yscale("log")
    a.set_xticks(range(len(funcs)), [f["function"] for f in funcs], fontsize=8)
    a.set_ylabel("ns per call (log)")
    a.set_title("PyPy 7.3.11: one call, four ways", fontsize=10)
    a.legend(fontsize=8)

    a = ax[0][1]
    cp = r["cpython"]["functions"]
    a.bar(range(len(cp)), [(f["ratio_median"] - 1) * 100 for f in cp], color="tab:gray",
          label="with plugin / without")
    a.plot(range(len(cp)), [(f["control_ratio_median"] - 1) * 100 for f in cp], "D",
           color="tab:blue", label="control: a copy of the plain build / plain")
    a.legend(fontsize=8)
    a.errorbar(range(len(cp)), [(f["ratio_median"] - 1) * 100 for f in cp],
               yerr=[[(f["ratio_median"] - f["ratio_min"]) * 100 for f in cp],
                     [(f["ratio_max"] - f["ratio_median"]) * 100 for f in cp]],
               fmt="none", color="black", capsize=3)
    for y in (-2, 2):
        a.axhline(y, color="tab:red", linestyle="--", linewidth=1)
    a.set_xticks(range(len(cp)), [f["function"] for f in cp], fontsize=8)
    a.set_ylabel("plugin vs plain call time, %")
    a.set_title("CPython: wrapper call time with the plugin (median, min-max; "
                "promise ±2%)", fontsize=10)

    a = ax[1][0]
    gen = r["compile"]["generated"]
    ns_ = [g["n_wrappers"] for g in gen]
    a.plot(ns_, [g["us_per_wrapper_plain"] for g in gen], "o-", label="without plugin")
    a.plot(ns_, [g["us_per_wrapper_plugin"] for g in gen], "o-", label="with plugin")
    for g in gen:
        a.annotate(f"{g['overhead'] * 100:+.0f}%", (g["n_wrappers"], g["us_per_wrapper_plugin"]),
                   textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
    a.set_xscale("log")
    a.set_ylim(bottom=0)
    a.set_xlabel("wrapper functions in the file")
    a.set_ylabel("compile CPU µs per wrapper")
    a.set_title("Compile time per function, generated extensions", fontsize=10)
    a.legend(fontsize=8)

    a = ax[1][1]
    rows = r["compile"]["real_modules"] + gen
    names = [m["name"].replace("module.c", "").replace(".c", "") for m in rows]
    a.bar([i - 0.2 for i in range(len(rows))], [m["overhead"] * 100 for m in rows], 0.4,
          label="compile time")
    a.bar([i + 0.2 for i in range(len(rows))],
          [(m["so_plugin"] / m["so_plain"] - 1) * 100 for m in rows], 0.4, label=".so size")
    a.axhline(3, color="tab:red", linestyle="--", linewidth=1, label="3% (compile promise)")
    a.set_xticks(range(len(rows)), names, fontsize=8)
    a.set_ylabel("with plugin vs without, %")
    a.set_title("Compile time and .so size overhead", fontsize=10)
    a.legend(fontsize=8)

    if apps:
        a = ax[2][0]
        xs = range(len(apps))
        a.bar([i - 0.2 for i in xs], [p["plain_s"] for p in apps], 0.4, label="plain build")
        a.bar([i + 0.2 for i in xs], [p["accelerated_s"] for p in apps], 0.4,
              label="plugin build + import pyunbox.auto")
        for i, p in enumerate(apps):
            a.annotate(f"{p['speedup']:.2f}x" + ("" if p["identical_output"] else " (output differs!)"),
                       (i + 0.2, p["accelerated_s"]), textcoords="offset points", xytext=(0, 4),
                       ha="center", fontsize=8)
        a.set_xticks(list(xs), [p["name"] for p in apps], fontsize=8)
        a.set_ylabel("seconds, end to end (best)")
        a.set_title("Real programs on PyPy (target: 5x faster, same output)", fontsize=10)
        a.legend(fontsize=8)

        a = ax[2][1]
        acc = [p["accelerated"] for p in apps]
        rest = [p["functions"] - p["accelerated"] for p in apps]
        a.bar(list(xs), acc, 0.5, label="accelerated", color="tab:green")
        a.bar(list(xs), rest, 0.5, bottom=acc, label="not accelerated", color="tab:gray")
        a.set_xticks(list(xs), [p["name"] for p in apps], fontsize=8)
        for i, p in enumerate(apps):  # of the calls of rebound functions, how many took the fast path
            total = sum(c["calls"] for c in p["calls"].values())
            if total:
                fast = sum(c["fast"] for c in p["calls"].values())
                a.annotate(f"{fast / total:.0%} of calls fast", (i, acc[i] + rest[i]),
                           textcoords="offset points", xytext=(0, 4), ha="center", fontsize=8)
        a.set_ylabel("functions of the extension")
        a.set_title("Functions rebound by pyunbox.auto (and calls that took the fast path)",
                    fontsize=10)
        a.legend(fontsize=8)

    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(HERE), help="where results.json/.png go")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    start = machine()
    with tempfile.TemporaryDirectory() as tmp:
        results = {"machine": start, **run_parts(tmp)}
    results["machine"]["load_average_end"] = os.getloadavg()
    results["promises"] = promises(results)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    plot(results, out / "results.png")
    m = results["machine"]
    print(f"\n{m['cpu']}, {m['cores']} cores, load {m['load_average'][0]:.2f} at start, "
          f"{m['date']}, commit {m['commit']}\n{m['python']}; {m['pypy']}; {m['clang']}")
    print(table(results))
    print(f"\nwrote {out / 'results.json'} and {out / 'results.png'}")


if __name__ == "__main__":
    main()
