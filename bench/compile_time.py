"""Compile time and size: `clang-19 -O2 -c` without and with the plugin, on
CPython 3.11's mathmodule.c and posixmodule.c (the corpus source, see
scripts/corpus.sh) and on generated extensions of N wrapper functions
(bench/gen_wrappers.py), to show that the cost per function stays flat.

    /usr/bin/python3 bench/compile_time.py [--json FILE] [--sizes 500,5000,50000]

The two builds alternate, their order swapped every round; the statistic is
the median over the rounds of the per-round ratio plugin / plain of the
compiler's CPU time (user + system, from the kernel: steadier than wall time
on a busy machine), next to the median times themselves. One extra build with
-ftime-report says how much of the difference is the pyunbox passes
themselves and how much is the rest of the pipeline compiling the cores they
add. Each object is then linked into a .so (not timed) for its size.

Where valgrind is installed, one more build of each kind runs under callgrind
(real modules and files of up to COUNT_MAX functions): the number of
instructions the compiler executes, and of them the pyunbox passes'. Unlike
CPU time, that count is the same on every run, so it still tells the builds
apart on a busy machine.
"""
import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO / "scripts" / "corpus"), str(REPO / "test" / "support")]

import gen_wrappers  # noqa: E402
from corpus import CORPUS_SRC, SRC_DIR_NAME, compile_flags  # noqa: E402
from pyunbox_testkit.paths import CLANG, PLUGIN  # noqa: E402

QUICK = bool(os.environ.get("PYUNBOX_BENCH_QUICK"))
PY_INCLUDE = "/usr/include/python3.11"
# The real modules, and how many alternating rounds each gets.
REAL = {"mathmodule.c": 9, "posixmodule.c": 7}
# Generated sizes and their rounds: a 50,000-function file takes minutes per build.
GENERATED = {50: 1, 200: 1} if QUICK else {500: 7, 5000: 3, 50000: 1}
# Above this many functions the extra -ftime-report build is skipped (too slow).
TIME_REPORT_MAX = 5000
# Above this many functions the callgrind builds are skipped (about 50x slower).
COUNT_MAX = 500
VALGRIND = shutil.which("valgrind")
PYUNBOX_PASSES = ("pyunbox::CoreMinerPass::run(", "pyunbox::RecordEmitterPass::run(")


def compile_once(cmd):
    """(wall seconds, CPU seconds) of one compiler run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        # Leave out -ftime-report's tables: the diagnostics are what matters.
        said = [line for line in proc.stderr.splitlines()
                if line and not line.startswith((" ", "="))]
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n"
                           + "\n".join(said[-40:]))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stderr


def pass_seconds(report):
    """(seconds in the pyunbox passes, seconds of the whole compile) of a
    -ftime-report, user + system time."""
    passes = 0.0
    for line in report.splitlines():
        if "pyunbox::" in line:
            passes += float(re.findall(r"([\d.]+)\s*\(\s*[\d.]+%\)", line)[2])
    frontend = report.split("Clang front-end time report")[1]
    total = float(re.search(r"Total Execution Time: ([\d.]+) seconds", frontend).group(1))
    return passes, total


def instructions(cmd, tmp):
    """(instructions the compiler executes, of them inside the pyunbox passes),
    counted by callgrind over the driver and the cc1 process it starts."""
    out = Path(tempfile.mkdtemp(dir=tmp))
    subprocess.run([VALGRIND, "--tool=callgrind", "--trace-children=yes",
                    f"--callgrind-out-file={out}/cg.%p", *map(str, cmd)],
                   capture_output=True, check=True)
    total = passes = 0
    for profile in out.glob("cg.*"):
        total += int(re.search(r"^totals: (\d+)", profile.read_text(errors="replace"),
                               re.M).group(1))
        report = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100",
                                 str(profile)], capture_output=True, text=True,
                                check=True).stdout
        for name in PYUNBOX_PASSES:
            # A function can be listed twice (with and without its source file).
            counts = [int(line.split()[0].replace(",", ""))
                      for line in report.splitlines() if name in line]
            passes += max(counts, default=0)
    shutil.rmtree(out)
    return total, passes


def text_bytes(path):
    out = subprocess.run(["size", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[1].split()
    return int(out[0])


def count_cores(path):
    out = subprocess.run(["nm", "--defined-only", str(path)], capture_output=True,
                         text=True, check=True).stdout
    return sum(1 for line in out.splitlines() if " pyunbox_core_" in line)


def measure(name, source, flags, rounds, n_wrappers, tmp, time_report=True, count=True):
    objs = {tag: Path(tmp) / f"{name}.{tag}.o" for tag in ("plain", "plugin")}
    cmds = {tag: [CLANG, *flags, "-c", str(source), "-o", str(objs[tag])]
            for tag in objs}
    cmds["plugin"].append(f"-fpass-plugin={PLUGIN}")
    wall = {"plain": [], "plugin": []}
    cpu = {"plain": [], "plugin": []}
    for r in range(rounds):
        for tag in (("plain", "plugin") if r % 2 == 0 else ("plugin", "plain")):
            w, c, _ = compile_once(cmds[tag])
            wall[tag].append(w)
            cpu[tag].append(c)
        print(f"    round {r + 1}/{rounds}: plain {cpu['plain'][-1]:.2f} s, "
              f"plugin {cpu['plugin'][-1]:.2f} s CPU", flush=True)
    row = {"name": name, "n_wrappers": n_wrappers or None, "rounds": rounds,
           "cpu_plain": statistics.median(cpu["plain"]),
           "cpu_plugin": statistics.median(cpu["plugin"]),
           "wall_plain": statistics.median(wall["plain"]),
           "wall_plugin": statistics.median(wall["plugin"]),
           "overhead": statistics.median(b / a for a, b in zip(cpu["plain"], cpu["plugin"])) - 1,
           "cores": count_cores(objs["plugin"]),
           "text_plain": text_bytes(objs["plain"]), "text_plugin": text_bytes(objs["plugin"])}
    if time_report:
        _, _, report = compile_once(cmds["plugin"] + ["-ftime-report"])
        # What the passes cost by themselves, as a share of the whole compile;
        # the rest of the overhead is the pipeline compiling the cores they add.
        row["pass_seconds"], total = pass_seconds(report)
        row["pass_share"] = row["pass_seconds"] / total
    if count and VALGRIND and not QUICK:
        plain, _ = instructions(cmds["plain"], tmp)
        plugin, passes = instructions(cmds["plugin"], tmp)
        row.update(instr_plain=plain, instr_plugin=plugin,
                   instr_overhead=plugin / plain - 1, instr_passes=passes / plain)
    for tag, obj in objs.items():
        so = obj.with_suffix(".so")
        subprocess.run([CLANG, "-shared", str(obj), "-o", str(so), "-lm"], check=True)
        row[f"so_{tag}"] = os.path.getsize(so)
    if n_wrappers:
        row["us_per_wrapper_plain"] = row["cpu_plain"] / n_wrappers * 1e6
        row["us_per_wrapper_plugin"] = row["cpu_plugin"] / n_wrappers * 1e6
    pass_text = (f"{row['pass_share'] * 100:.1f}%" if "pass_share" in row
                 else "not measured at this size")
    print(f"  {name}: plain {row['cpu_plain']:.3f} s, plugin {row['cpu_plugin']:.3f} s CPU "
          f"(median of {rounds}), overhead {row['overhead'] * 100:+.1f}%, "
          f"{row['cores']} cores, passes alone {pass_text}, .so {row['so_plain']} -> {row['so_plugin']} bytes",
          flush=True)
    if "instr_plain" in row:
        print(f"  {name}: instructions {row['instr_plain'] / 1e9:.3f} G -> "
              f"{row['instr_plugin'] / 1e9:.3f} G ({row['instr_overhead'] * 100:+.1f}%; "
              f"the pyunbox passes {row['instr_passes'] * 100:+.1f}%, compiling the "
              f"cores {(row['instr_overhead'] - row['instr_passes']) * 100:+.1f}%)", flush=True)
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--sizes", help="generated sizes, comma-separated "
                        f"(default {','.join(map(str, GENERATED))})")
    args = parser.parse_args()
    sizes = ({int(s): GENERATED.get(int(s), 1) for s in args.sizes.split(",")}
             if args.sizes else GENERATED)
    src = CORPUS_SRC / SRC_DIR_NAME
    real, generated = [], []
    with tempfile.TemporaryDirectory() as tmp:
        if (src / "Modules" / "mathmodule.c").exists():
            flags = [f for f in compile_flags(src) if f != "-shared"]
            for filename, rounds in REAL.items():
                if QUICK and filename != "mathmodule.c":
                    continue
                print(f"  compiling {filename} ({1 if QUICK else rounds} rounds)", flush=True)
                real.append(measure(filename, src / "Modules" / filename, flags,
                                    1 if QUICK else rounds, None, tmp))
        else:
            print(f"  {src} missing (scripts/corpus.sh fetches it): real modules skipped")
        for n, rounds in sizes.items():
            source = Path(tmp) / f"gen{n}.c"
            gen_wrappers.generate(n, source)
            print(f"  compiling gen{n}.c ({rounds} rounds)", flush=True)
            generated.append(measure(f"gen{n}.c", source,
                                     ["-O2", "-fPIC", f"-I{PY_INCLUDE}"], rounds, n, tmp,
                                     time_report=n <= TIME_REPORT_MAX,
                                     count=n <= COUNT_MAX))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"compiler": CLANG, "flags": "-O2 -c (corpus flags for the real modules)",
                       "statistic": "median of per-round CPU-time ratio plugin/plain",
                       "real_modules": real, "generated": generated}, f, indent=2)


if __name__ == "__main__":
    main()
