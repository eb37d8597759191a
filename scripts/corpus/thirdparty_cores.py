#!/usr/bin/python3
"""Calls the third-party cores: each file of scripts/thirdparty.sh's results
(its JSON) that got cores at -O2 and is a module of its own is linked into an
extension, imported, and every core of a module-level function is compared
with its wrapper on the edge values of its C types (their product, up to
2000 tuples), as the CPython corpus checks its cores (pyunbox_testkit's
core_function and mismatch). A file that does not link or import alone (it
needs the project's other files or libraries) is listed as not checked, with
the reason; so is a core whose function is a type's method.

    /usr/bin/python3 scripts/corpus/thirdparty_cores.py RESULTS.json [--only noise,fastrand]

Prints one line per project and exits 1 on a mismatch.
"""
import argparse
import itertools
import json
import multiprocessing
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(HERE), str(REPO / "test" / "support")]
import thirdparty  # noqa: E402  (flags_for, the projects' pins)
from pyunbox_testkit.build import load_module, records_by_name  # noqa: E402
from pyunbox_testkit.cores import core_function, mismatch  # noqa: E402
from pyunbox_testkit.kinds import edge_values  # noqa: E402
from pyunbox_testkit.paths import CLANG, LLVM_BIN, PLUGIN  # noqa: E402

NM = str(LLVM_BIN / "llvm-nm")

MAX_TUPLES = 2000


def init_name(so):
    """The X of the PyInit_X the extension exports (macros such as pygame's
    MODINIT_DEFINE spell it), or None."""
    syms = subprocess.run([NM, "-D", "--defined-only", str(so)], capture_output=True, text=True).stdout
    m = re.search(r"\bPyInit_(\w+)$", syms, re.M)
    return m.group(1) if m else None


def check_file(project, root, rel, records, scratch):
    """(checked, mismatches, problems, not_checked) for one file's cores."""
    src = root / rel
    so = scratch / f"{project['name']}-{Path(rel).stem}.so"
    flags = thirdparty.flags_for(project, root, scratch)
    built = subprocess.run([CLANG, "-O2", "-w", f"-fpass-plugin={PLUGIN}", *flags, "-shared", str(src),
                            "-o", str(so), *project.get("link", []), "-lm"],
                           cwd=root, capture_output=True, text=True)
    if built.returncode:
        why = next((l for l in built.stderr.splitlines() if "error" in l), "link failed")
        return 0, [], [], [(r["python_name"], f"does not link alone: {why.strip()[:120]}") for r in records]
    name = init_name(so)
    if not name:
        return 0, [], [], [(r["python_name"], "the file defines no PyInit_ function") for r in records]
    try:
        module = load_module(so, name)
    except Exception as e:  # noqa: BLE001  (any import failure is a reason)
        return 0, [], [], [(r["python_name"], f"does not import alone: {e!r:.120}") for r in records]
    checked, mismatches, not_checked = 0, [], []
    full = records_by_name(so)  # this build's records, every field
    for record in (full.get(r["python_name"]) for r in records):
        if record is None:
            continue
        wrapper = getattr(module, record["python_name"], None) if record["module"] else None
        if wrapper is None:
            not_checked.append((record["python_name"], "not a module-level function"))
            continue
        if record["memory"] == "write":  # the CPython corpus's rule (runner.py)
            not_checked.append((record["python_name"], "writes the module's state: calls are "
                                                       "not independent"))
            continue
        verdict = compare_in_child(so, record, wrapper)
        if verdict is DIED:
            not_checked.append((record["python_name"], "the process calling them crashed (a "
                                                       "wrapper may need its project's set-up)"))
            continue
        if verdict is TIMED_OUT:
            not_checked.append((record["python_name"], f"took over {SECONDS_PER_CORE} s (both may "
                                                       "loop long on edge values, e.g. INT_MAX octaves)"))
            continue
        if verdict:
            mismatches.append(f"{project['name']}.{record['python_name']}: {verdict}")
        checked += 1
    return checked, mismatches, [], not_checked


SECONDS_PER_CORE = 60
TIMED_OUT, DIED = object(), object()


def compare_in_child(so, record, wrapper):
    """None if the core agrees with its wrapper on every edge tuple, else the
    first difference; TIMED_OUT if that takes too long. A forked child does
    the calls, so a core or wrapper that runs for ages is only given up."""
    reader, writer = multiprocessing.Pipe(duplex=False)

    def compare():
        core = core_function(so, record)
        tuples = itertools.islice(itertools.product(*(edge_values(t) for t in record["param_types"])),
                                  MAX_TUPLES)
        writer.send(next((p for p in (mismatch(core, wrapper, record, a) for a in tuples) if p), None))

    child = multiprocessing.get_context("fork").Process(target=compare)
    child.start()
    child.join(SECONDS_PER_CORE)
    if reader.poll(0):
        verdict = reader.recv()
    elif child.is_alive():
        verdict = TIMED_OUT
    else:  # the calls crashed the child: the wrapper (uninitialized) or the core
        verdict = DIED
    child.kill()
    child.join()
    return verdict


def check_all(out, only=(), say=print):
    """Checks every project's cores in thirdparty.sh's results `out`:
    {"cores", "checked", "mismatches": [...]}; says a line per project."""
    # The pins as they are now (link flags may have been added since the run).
    pins = {p["name"]: p for p in json.loads(thirdparty.PROJECTS.read_text())["projects"]}
    total = {"cores": 0, "checked": 0, "mismatches": []}
    with tempfile.TemporaryDirectory(prefix="pyunbox-tp-cores-") as tmp:
        scratch = Path(tmp)
        for entry in out["projects"]:
            if entry.get("skipped") or (only and entry["name"] not in only):
                continue
            project, root = pins[entry["name"]], Path(entry["root"])
            cores, checked, not_checked = 0, 0, []
            for f in entry.get("files", []):
                records = f.get("levels", {}).get("O2", {}).get("core_records", [])
                if not records:
                    continue
                cores += len(records)
                c, mm, _, nc = check_file(project, root, f["file"], records, scratch)
                checked += c
                total["mismatches"] += mm
                not_checked += nc
            if not cores:
                continue
            total["cores"] += cores
            total["checked"] += checked
            reasons = sorted({why for _, why in not_checked})
            say(f"{entry['name']}: {cores} cores, {checked} checked"
                + (f"; not checked: {len(not_checked)} ({'; '.join(reasons)[:300]})" if not_checked else ""))
    for m in total["mismatches"]:
        say("MISMATCH " + m)
    say(f"all: {total['cores']} cores, {total['checked']} checked against their wrappers, "
        f"{len(total['mismatches'])} mismatches")
    return total


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", help="scripts/thirdparty.sh's --json output")
    ap.add_argument("--only", default="", help="comma-separated project names")
    args = ap.parse_args(argv)
    out = json.loads(Path(args.results).read_text())
    total = check_all(out, {n for n in args.only.split(",") if n})
    return 1 if total["mismatches"] else 0


if __name__ == "__main__":
    sys.exit(main())
