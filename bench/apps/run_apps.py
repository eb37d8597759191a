"""Real programs, end to end on stock PyPy: each drives a real open-source C
extension's functions in a hot loop, with the project's own example, test or
benchmark as the workload (bench/apps/pins.json; each driver says what it
changed and why).

    /usr/bin/python3 bench/apps/run_apps.py [--json FILE] [--only noise,...] [--rounds N]

For each app: the pinned source comes from the third-party cache (or the local
mirror, as scripts/thirdparty.sh gets it); its extensions are built twice for
PyPy 7.3.11 (pypy3's headers and extension suffix, the flags of the project's
own setup.py, -O2 -fwrapv): without the plugin and with it. Then the program
runs in fresh pypy3 processes, (a) on the plain build and (b) on the plugin
build with `import pyunbox.auto` as its first line (bench/apps/launch.py:
the same process otherwise), alternating a/b and b/a, ROUNDS rounds; each
process is timed end to end by the wall clock (start, imports, the work,
writing its output, exit) and the best of the rounds counts. Every run's
output (the files it writes and its stdout) must be byte-identical to the
first plain run's. Then one untimed `diag` run counts the calls that missed
the fast path and how they were made (launch.py).

Reported per app: functions in the extension modules, how many were rebound
(pyunbox.auto's reports), the reason for each of the rest, the compiler's
reason where the plugin made no core (-Rpass-missed=pyunbox), and the misses.
PYUNBOX_BENCH_QUICK=1: tiny scale, one round (a smoke test; numbers mean nothing).
The package under test is runtime/python (PYTHONPATH; PYUNBOX_PACKAGE_DIR
overrides it) and the plugin that of PYUNBOX_BUILD_DIR (default build/), so a
re-run measures the current pass and accelerate(). The programs import a
byte-compiled copy of it, as pip and Debian install a package: compiling its
sources again in every process would cost PyPy about 10 ms that an installed
pyunbox does not (the programs' own files are compiled in every mode alike).
"""
import argparse
import functools
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(REPO / "test" / "support"), str(REPO / "scripts" / "corpus")]
from pyunbox_testkit.paths import CLANG, DUMP, PACKAGE_DIR, PLUGIN, PYPY, require_plugin  # noqa: E402
import thirdparty  # noqa: E402  (the pinned-source cache that scripts/thirdparty.sh fills)

QUICK = bool(os.environ.get("PYUNBOX_BENCH_QUICK"))
# The pyunbox package the programs import (default: this checkout's runtime/python).
PACKAGE = Path(os.environ.get("PYUNBOX_PACKAGE_DIR", PACKAGE_DIR))
ROUNDS = 1 if QUICK else 5
PINS = HERE / "pins.json"
CFLAGS = ["-O2", "-fwrapv", "-fPIC", "-shared", "-Wno-everything"]


@functools.lru_cache(maxsize=None)
def pypy_paths():
    out = subprocess.run([PYPY, "-c", "import sysconfig; print(sysconfig.get_paths()['include']);"
                          " print(sysconfig.get_config_var('EXT_SUFFIX'))"],
                         capture_output=True, text=True, check=True).stdout.split()
    return out[0], out[1]


def source_dir(app):
    src = app["source"]
    if "github" in src:
        root, why = thirdparty.fetch_github(thirdparty.CACHE, {"source": src})
    else:
        root, why = thirdparty.fetch_debian_all(thirdparty.CACHE, [{"name": app["name"], "source": src}],
                                                True)[app["name"]]
    if root is None:
        raise SystemExit(f"{app['name']}: {why}")
    return Path(root)


def build(app, root, dest, plugin):
    """The app's extensions (and its Python files) under dest, importable with
    dest on sys.path. With the plugin, returns {module: {"missed": {function:
    the -Rpass-missed reason}, "records": pyunbox-dump's records}}."""
    include, suffix = pypy_paths()
    remarks = {}
    for target, rel in app.get("python_files", {}).items():
        (dest / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(root / rel, dest / target)
    for module, sources in app["extensions"].items():
        out = dest / (module.replace(".", "/") + suffix)
        out.parent.mkdir(parents=True, exist_ok=True)
        cmd = [CLANG, *CFLAGS, *app.get("cflags", []), f"-I{include}",
               *[f"-I{root / d}" for d in app.get("include_dirs", ["."])],
               *[str(root / s) for s in sources], "-o", str(out)]
        # A module whose functions do their work in another of its files
        # (farmhash: python-farmhash.cc calls farmhash.cc) is built under
        # full LTO, plain and with the plugin alike (what pyunbox-cc does
        # with PYUNBOX_LTO=full); with the plugin, lld mines it again.
        if app.get("lto"):
            cmd[1:1] = ["-flto=full", "-fuse-ld=lld"]
            if plugin:
                cmd[1:1] = [f"-Wl,--load-pass-plugin={PLUGIN}"]
        if plugin:
            cmd[1:1] = [f"-fpass-plugin={PLUGIN}", "-Rpass=pyunbox", "-Rpass-missed=pyunbox"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode:
            raise SystemExit(f"{app['name']}: build of {module} failed:\n{proc.stderr[-3000:]}")
        if plugin:
            remarks[module] = {m.group("miss"): m.group("reason")
                               for m in thirdparty.REMARK.finditer(proc.stderr) if m.group("miss")}
            remarks[module] = {"missed": remarks[module],
                               "records": json.loads(subprocess.run(
                                   [DUMP, "--json", str(out)], capture_output=True, text=True,
                                   check=True).stdout)["records"]}
    return remarks


@functools.lru_cache(maxsize=None)
def installed_package(scratch):
    """A copy of the package under test, byte-compiled for PyPy."""
    dest = Path(scratch) / "package"
    shutil.copytree(PACKAGE / "pyunbox", dest / "pyunbox",
                    ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([PYPY, "-m", "compileall", "-q", str(dest / "pyunbox")], check=True,
                   env=dict(os.environ, PYTHONDONTWRITEBYTECODE=""))
    return dest


def run_once(app, mode, build_dir, root, scratch, scale):
    """One process: (seconds, {file name: bytes} written + stdout, report)."""
    out = Path(tempfile.mkdtemp(dir=scratch, prefix=f"{mode}-"))
    report = out.parent / (out.name + ".report.json")
    package = installed_package(str(scratch))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(build_dir), str(package)]),
               PYTHONHASHSEED="0")
    env.pop("PYUNBOX_AUTO", None)
    cmd = [PYPY, str(HERE / "launch.py"), mode, str(report), str(HERE / app["program"]),
           str(root), str(out), str(scale)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env, cwd=out)
    seconds = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode:
        raise SystemExit(f"{app['name']} ({mode}) exited {proc.returncode}:\n"
                         f"{proc.stderr.decode(errors='replace')[-3000:]}")
    outputs = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    outputs["<stdout>"] = proc.stdout
    rep = json.loads(report.read_text()) if report.exists() else None
    shutil.rmtree(out)
    return (seconds, cpu), outputs, rep


def summarize_calls(calls):
    """The fast path's misses from a diag run, per function that was called."""
    out = {}
    for name, c in sorted(calls.items()):
        if not c["calls"]:
            continue
        slow = sum(c["slow"].values())
        out[name] = {"calls": c["calls"], "fast": c["calls"] - slow, "slow": slow,
                     "slow_shapes": dict(sorted(c["slow"].items(), key=lambda kv: -kv[1]))}
    return out


def measure(app, rounds, scratch):
    name = app["name"]
    scale = app["quick_scale" if QUICK else "scale"]
    root = source_dir(app)
    builds = {}
    mined = {}
    for variant, plugin in (("plain", False), ("plugin", True)):
        dest = Path(scratch) / name / variant
        r = build(app, root, dest, plugin)
        builds[variant] = dest
        if plugin:
            mined = r
    times = {"plain": [], "auto": []}
    cpu = {"plain": [], "auto": []}
    outputs = []  # (mode, outputs) of every run
    report = None
    for i in range(rounds):
        order = ("plain", "auto") if i % 2 == 0 else ("auto", "plain")
        for mode in order:
            s, out, rep = run_once(app, mode, builds["plain" if mode == "plain" else "plugin"],
                                   root, scratch, scale)
            times[mode].append(s[0])
            cpu[mode].append(s[1])
            outputs.append((mode, out))
            report = rep or report
    reference = next(out for mode, out in outputs if mode == "plain")
    identical = all(out == reference for _, out in outputs)
    # The misses, from one untimed run at a tenth of the scale (not in QUICK).
    diag = {} if QUICK else run_once(app, "diag", builds["plugin"], root, scratch,
                                     max(1, scale // 10))[2]
    rebound, skipped = {}, {}
    for module, rep in sorted(report["reports"].items()):
        for fn, proto in rep["rebound"].items():
            rebound[f"{module}.{fn}"] = proto
        for fn, why in rep["skipped"].items():
            skipped[f"{module}.{fn}"] = why
    cores_made = {f"{m}.{rec['python_name']}": rec["c_prototype"]
                  for m, r in mined.items() for rec in r["records"]}
    # Under LTO a function the compile missed may have its core from the link.
    not_mined = {f"{m}.{fn}": why for m, r in mined.items() for fn, why in r["missed"].items()
                 if f"{m}.{fn}" not in cores_made}
    plain, acc = min(times["plain"]), min(times["auto"])
    return {"name": name, "program": app["program"], "workload": app["workload"],
            "source": app["source"], "scale": scale, "rounds": rounds,
            "seconds": times, "plain_s": plain, "accelerated_s": acc, "speedup": plain / acc,
            # CPU time (user + system) of the same processes: on a shared machine
            # the wall clock also counts waiting for a core.
            "cpu_seconds": cpu, "plain_cpu_s": min(cpu["plain"]),
            "accelerated_cpu_s": min(cpu["auto"]),
            "cpu_speedup": min(cpu["plain"]) / min(cpu["auto"]),
            "identical_output": identical,
            "output_files": sorted(k for k in reference if k != "<stdout>"),
            "functions": len(rebound) + len(skipped), "accelerated": len(rebound),
            "rebound": rebound, "not_accelerated": skipped, "no_core_remarks": not_mined,
            "cores_made": cores_made,
            "cores": sum(len(r["records"]) for r in mined.values()),
            "auto_errors": report.get("errors", {}),
            "calls": summarize_calls(diag.get("calls", {}))}


def startup(rounds, scratch):
    """The fixed cost of a process: the empty program, plain and with
    `import pyunbox.auto` (no extension imported), alternating, best of."""
    empty = {"name": "nothing", "program": "nothing.py"}
    best = {"plain": [], "auto": []}
    for i in range(rounds if QUICK else max(rounds, 3)):
        for mode in (("plain", "auto") if i % 2 == 0 else ("auto", "plain")):
            (seconds, _), _, _ = run_once(empty, mode, scratch, scratch, scratch, 0)
            best[mode].append(seconds)
    return {"plain_s": min(best["plain"]), "auto_s": min(best["auto"]), "seconds": best}


def speedup_without_start(result, empty):
    """The speedup of the work alone: each side's time less the empty
    program's in the same mode (the interpreter's start, and with
    pyunbox.auto the import of it), or None where that leaves nothing."""
    plain = result["plain_s"] - empty["plain_s"]
    auto = result["accelerated_s"] - empty["auto_s"]
    return plain / auto if plain > 0 and auto > 0 else None


def table(results):
    lines = [f"  {'app':11} {'workload':50} {'plain s':>8} {'auto s':>8} {'speedup':>8} "
             f"{'(CPU)':>7} {'w/o start':>9} {'same output':>11} {'functions':>9} "
             f"{'accelerated':>11}"]
    for r in results:
        work = r.get("speedup_without_start")
        lines.append(f"  {r['name']:11} {r['workload'][:50]:50} {r['plain_s']:8.3f} "
                     f"{r['accelerated_s']:8.3f} {r['speedup']:7.2f}x {r['cpu_speedup']:6.2f}x "
                     f"{f'{work:.2f}x' if work else '-':>9} "
                     f"{'yes' if r['identical_output'] else 'NO':>11} {r['functions']:9} "
                     f"{r['accelerated']:11}")
    for r in results:
        for module, err in r["auto_errors"].items():
            lines.append(f"  {r['name']}: accelerate({module}) raised {err}")
        reasons = {}  # the same reason once, with the functions it applies to
        for fn, why in sorted(r["not_accelerated"].items()):
            extra = r["no_core_remarks"].get(fn)
            if why.startswith("no core") and fn in r["cores_made"]:
                extra = f"yet the plugin made a core: {r['cores_made'][fn]}"
            reasons.setdefault(why + (f" ({extra})" if extra else ""), []).append(fn)
        for why, fns in reasons.items():
            lines.append(f"  {r['name']}: not accelerated: {', '.join(fns)}: {why}")
        for fn, c in r["calls"].items():
            if c["slow"]:
                shapes = "; ".join(f"{n}x {s}" for s, n in list(c["slow_shapes"].items())[:3])
                lines.append(f"  {r['name']}: {fn}: {c['slow']} of {c['calls']} calls missed "
                             f"the fast path: {shapes}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--only", help="comma-separated app names")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()
    require_plugin()
    apps = json.loads(PINS.read_text())["apps"]
    if args.only:
        apps = [a for a in apps if a["name"] in args.only.split(",")]
    results, failed = [], []
    with tempfile.TemporaryDirectory(prefix="pyunbox-apps-") as scratch:
        fixed = startup(args.rounds, scratch)
        print(f"the empty program: {fixed['plain_s']:.3f} s, with import pyunbox.auto "
              f"{fixed['auto_s']:.3f} s", flush=True)
        for app in apps:
            print(f"{app['name']}: {app['workload']} ...", flush=True)
            try:
                results.append(measure(app, args.rounds, scratch))
            except SystemExit as e:  # one app that cannot run does not stop the others
                print(f"  FAILED: {e}", flush=True)
                failed.append({"name": app["name"], "error": str(e)[-2000:]})
                continue
            r = results[-1]
            r["speedup_without_start"] = speedup_without_start(r, fixed)
            print(f"  plain {r['plain_s']:.3f} s, with pyunbox.auto {r['accelerated_s']:.3f} s: "
                  f"{r['speedup']:.2f}x; identical output: {r['identical_output']}; "
                  f"{r['accelerated']} of {r['functions']} functions accelerated", flush=True)
    print("\nReal programs on PyPy, end to end (best of "
          f"{args.rounds}; plain build vs plugin build + import pyunbox.auto)")
    print(table(results))
    print(f"  the empty program (the fixed cost of a process): {fixed['plain_s']:.3f} s, "
          f"with import pyunbox.auto {fixed['auto_s']:.3f} s")
    for f in failed:
        print(f"  {f['name']}: FAILED, not measured: {f['error'].splitlines()[0] if f['error'] else ''}")
    if args.json:
        Path(args.json).write_text(json.dumps({"quick": QUICK, "rounds": args.rounds,
                                               "plugin": str(PLUGIN), "package": str(PACKAGE),
                                               "empty_program": fixed,
                                               "apps": results, "failed": failed},
                                              indent=2) + "\n")


if __name__ == "__main__":
    main()
