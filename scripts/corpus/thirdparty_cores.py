#!/usr/bin/python3
"""Calls the third-party cores: each file of scripts/thirdparty.sh's results
(its JSON) that got cores at -O2 and is a module of its own is linked into an
extension, imported, and every core of a module-level function is compared
with its wrapper (pyunbox_testkit's core_function and mismatch, as the
CPython corpus compares them) on:
  1. each edge value of each C type, one parameter at a time, the others at
     an ordinary value (1, 0.5, True, "abc" or b"abc");
  2. RANDOM_TUPLES tuples drawn from the edge values of every parameter at
     once (seeded by the function's name): every parameter varies, and every
     pair of values meets about as often.
The calls run in a forked child, PER_CALL_S at most per tuple and
SECONDS_PER_CORE per core. A tuple that runs longer, or crashes the child, is
run again on the wrapper alone: where the wrapper alone does the same (a loop
of INT_MAX octaves, a division by zero in the project's C), the tuple is left
out, and in step 2 so is every tuple with that parameter's value; where the
wrapper alone returns, the core hung or crashed, and that is a mismatch. The
wrapper is called as C code calls it (PyObject_Vectorcall), so that one that
returns a value with an exception set raises SystemError there and then. A
core that writes the module's state is called, like its wrapper, in a fork of
its own for each tuple: both start from the same state (their results are
compared; the state after them is not). Where a core differs from its
wrapper, the wrapper is called three more times, each in a fork from the same
state: if those calls disagree among themselves (a clock), the tuple is left
out, not a mismatch.

A file that does not link or import alone is built again with its project's
other files (without the plugin: the records stay the file's own); one that
still does not (it needs the project's libraries or Python package) is listed
as not checked, with the reason; so is a core whose function is a type's
method.

    /usr/bin/python3 scripts/corpus/thirdparty_cores.py RESULTS.json [--only noise,fastrand] [--jobs 2]

Prints one line per project and exits 1 on a mismatch.
"""
import argparse
import concurrent.futures
import faulthandler
import json
import multiprocessing
import multiprocessing.connection
import os
import pickle
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(HERE), str(REPO / "test" / "support")]
import thirdparty  # noqa: E402  (flags_for, the projects' pins)
from pyunbox_testkit.build import dump_records, load_module  # noqa: E402
from pyunbox_testkit.cores import by_parameters, core_function, mismatch, outcomes_differ  # noqa: E402
from pyunbox_testkit.outcome import outcome, through_vectorcall  # noqa: E402
from pyunbox import _loaded as pyunbox_loaded  # noqa: E402  (which record a function's is)
from pyunbox_testkit.kinds import edge_values  # noqa: E402
from pyunbox_testkit.paths import CLANG, LLVM_BIN, PLUGIN  # noqa: E402
from pyunbox._format import KINDS, STRING_KINDS  # noqa: E402  (the package: paths put it on sys.path)

NM = str(LLVM_BIN / "llvm-nm")

RANDOM_TUPLES = 2000
PER_CALL_S = 2          # a wrapper and core call on one tuple, at most
SECONDS_PER_CORE = 120  # all of one core's tuples, at most


def init_name(so, dynamic=True):
    """The X of the PyInit_X the extension (or object) exports (macros such
    as pygame's MODINIT_DEFINE spell it), or None."""
    syms = subprocess.run([NM, *(["-D"] if dynamic else []), "--defined-only", str(so)],
                          capture_output=True, text=True).stdout
    m = re.search(r"\bPyInit_(\w+)$", syms, re.M)
    return m.group(1) if m else None


def project_objects(project, root, scratch):
    """The project's files, each compiled without the plugin (once per
    project): {relative path: (object, the PyInit_ name it defines or None)}.
    A file that does not compile here is left out."""
    objects = {}
    flags = thirdparty.flags_for(project, root, scratch)
    for rel in thirdparty.expand_files(project, root):
        obj = scratch / "objects" / project["name"] / (rel.replace("/", "__") + ".o")
        if not obj.exists():
            obj.parent.mkdir(parents=True, exist_ok=True)
            if subprocess.run([CLANG, "-O2", "-w", *flags, "-c", str(root / rel), "-o", str(obj)],
                              cwd=root, capture_output=True).returncode:
                continue
        objects[rel] = (obj, init_name(obj, dynamic=False))
    return objects


def build_and_import(project, root, rel, scratch):
    """(module, so, None) for the file built with the plugin into an
    extension and imported, or (None, None, why not). First the file alone;
    if it does not link, has no PyInit_ or does not import, then with its
    project's other files (built without the plugin, so the records are
    still this file's): those that define no PyInit_, or, for a file that
    defines none itself, all of them (the first PyInit_ names the module)."""
    src = root / rel
    flags = thirdparty.flags_for(project, root, scratch)
    why = None
    for attempt in ("alone", "with its project's other files"):
        extra = []
        if attempt != "alone":
            objects = project_objects(project, root, scratch)
            own = objects.pop(rel, (None, None))[1]
            extra = [str(o) for o, init in objects.values() if own is None or init is None]
            if not extra:
                break
        so = scratch / f"{project['name']}-{Path(rel).stem}-{len(extra)}.so"
        built = subprocess.run([CLANG, "-O2", "-w", f"-fpass-plugin={PLUGIN}", *flags, "-shared",
                                str(src), *extra, "-o", str(so), *project.get("link", []), "-lm"],
                               cwd=root, capture_output=True, text=True)
        if built.returncode:
            first = next((l for l in built.stderr.splitlines() if "error" in l), "link failed")
            why = f"does not link {attempt}: {first.strip()[:120]}"
            continue
        name = init_name(so)
        if not name:
            why = f"no PyInit_ function {attempt}"
            continue
        try:
            return load_module(so, name), so, None
        except Exception as e:  # noqa: BLE001  (any import failure is a reason)
            why = f"does not import {attempt}: {e!r:.120}"
    return None, None, why


def check_file(project, root, rel, records, scratch):
    """(checked, mismatches, tuples, not_checked) for one file's cores:
    tuples is {"compared": n, "left_out": [why, ...]} over its checked cores."""
    module, so, why = build_and_import(project, root, rel, scratch)
    if module is None:
        return 0, [], NO_TUPLES, [(r["python_name"], why) for r in records]
    checked, mismatches, not_checked = 0, [], []
    tuples = {"compared": 0, "left_out": []}
    # This build's records, every field (Cython's classes may share a method
    # name: each record is taken once, by itself).
    wanted = {r["python_name"] for r in records}
    for record in (r for r in dump_records(so) if r["python_name"] in wanted):
        wrapper = getattr(module, record["python_name"], None)
        if wrapper is not None and not record["module"]:
            # No module's table holds it (Cython 3's functions have a
            # PyMethodDef each): the module's function of that name is this
            # record's where the runtime finds this record for it.
            found, _ = pyunbox_loaded.record_of(wrapper, module)
            if found is None or found.core_symbol != record["core_symbol"]:
                wrapper = None
        wrapper = wrapper and by_parameters(wrapper, record)
        if wrapper is None:
            not_checked.append((record["python_name"], "not a module-level function"))
            continue
        # As C code calls it: a wrapper that returns a value with an exception
        # set (fastrand's do, for bad arguments) raises SystemError then,
        # instead of leaving the exception to surface at a later call.
        result = check_core(so, record, through_vectorcall(wrapper))
        mismatches += [f"{project['name']}.{record['python_name']}: {m}" for m in result["mismatches"]]
        if result["compared"] == 0 and not result["mismatches"]:
            not_checked.append((record["python_name"], result["left_out"][0] if result["left_out"]
                                else "no tuple compared"))
            continue
        checked += 1
        tuples["compared"] += result["compared"]
        tuples["left_out"] += [f"{record['python_name']}: {why}" for why in result["left_out"]]
    return checked, mismatches, tuples, not_checked


NO_TUPLES = {"compared": 0, "left_out": []}

SLOW, DIED = "slow", "died"


def ordinary_value(kind):
    """A value of the kind that no edge case is about (of a string kind,
    what its wrapper takes: a str where it takes one, else a bytes)."""
    string = STRING_KINDS.get(kind)
    if string is not None:
        return "abc" if string.takes_str else b"abc"
    if KINDS[kind] in ("double", "float"):
        return 0.5
    return True if KINDS[kind] == "_Bool" else 1


def parameter_values(record):
    """Each parameter's edge values; None too where its wrapper takes it
    (a "z" unit: the core gets NULL)."""
    none_is_null = record.get("param_none_is_null") or [False] * len(record["param_kinds"])
    return [edge_values(k) + [None] * nullable
            for k, nullable in zip(record["param_kinds"], none_is_null)]


def one_at_a_time(kinds, values):
    """[(args, (i, value))]: each edge value of parameter i (values[i]), the
    others ordinary."""
    base = [ordinary_value(k) for k in kinds]
    return [(tuple(base[:i] + [v] + base[i + 1:]), (i, v))
            for i, vs in enumerate(values) for v in vs]


def drawn(values, count, seed):
    """count tuples, each parameter's value drawn from its list."""
    rng = random.Random(seed)
    return [tuple(rng.choice(vs) for vs in values) for _ in range(count)] if values else []


# Where a child that makes calls keeps its pipe to its parent: a function
# may be handed any int as a file descriptor (linuxfd's eventfd_write(fd, n),
# pysendfile's sendfile(out, in, ...)), and the edge values drawn are small
# or past any descriptor. Every other descriptor the child inherited (the
# pool's pipes to the main process among them) is closed, and 0, 1 and 2 are
# /dev/null: no call reaches a pipe this run depends on.
CALLS_PIPE_FD = 1021
OUTCOME_PIPE_FD = 1020


def quarantine_descriptors(keep, at):
    """In a child about to make calls: keep's descriptor moved to at, every
    other closed, 0-2 on /dev/null. Returns at."""
    os.dup2(keep, at)
    os.closerange(3, at)
    os.closerange(at + 1, os.sysconf("SC_OPEN_MAX"))
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
    return at


def run_tuples(so, record, wrapper, tuples, deadline, per_call=None, wrapper_only=False):
    """{index: None | mismatch text | SLOW | DIED} for the tuples run before
    the deadline (wrapper_only: None where the wrapper returns or raises). A
    forked child makes the calls and says when it starts each tuple; one that
    says nothing for per_call seconds, or dies, is killed, its tuple marked,
    and a new child goes on from the next tuple."""
    per_call = per_call or PER_CALL_S
    verdicts, start = {}, 0
    fork = multiprocessing.get_context("fork")
    while start < len(tuples) and time.time() < deadline:
        reader, writer = fork.Pipe(duplex=False)

        def calls(first=start):
            faulthandler.disable()  # a crash here is expected, and reported by the parent
            out = multiprocessing.connection.Connection(
                quarantine_descriptors(writer.fileno(), CALLS_PIPE_FD), readable=False)
            core = None if wrapper_only else core_function(so, record)
            for k in range(first, len(tuples)):
                out.send(("start", k))
                if wrapper_only:
                    outcome(wrapper, *tuples[k])
                    out.send(("done", k, None))
                elif record["memory"] == "write":
                    want = isolated_outcome(wrapper, tuples[k], per_call)
                    got = isolated_outcome(core, tuples[k], per_call)
                    if DIED in (want, got):
                        os._exit(1)  # as if the calls had crashed here: the parent sees to it
                    out.send(("done", k, outcomes_differ(want, got, record, tuples[k])))
                else:
                    out.send(("done", k, mismatch(core, wrapper, record, tuples[k])))
            out.send(("end",))

        child = fork.Process(target=calls)
        child.start()
        writer.close()  # the child's end only: its death is then an EOF here
        current, finished = start, False
        while time.time() < deadline:
            if not reader.poll(per_call):
                verdicts[current] = SLOW
                break
            try:
                message = reader.recv()
            except EOFError:
                verdicts[current] = DIED
                break
            if message[0] == "start":
                current = message[1]
            elif message[0] == "done":
                verdicts[message[1]] = message[2]
            else:
                finished = True
                break
        child.kill()
        child.join()
        reader.close()
        if finished:
            break
        start = current + 1
    return verdicts


def isolated_outcome(fn, args, per_call):
    """outcome(fn, *args) in a fork of this process, DIED if the fork dies
    (or runs over ten times per_call). For a core that writes its module's
    state: what the call writes goes with the fork, so the wrapper's call
    and the core's start from the same state (their results are compared;
    the state after them is not)."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        writer = quarantine_descriptors(writer, OUTCOME_PIPE_FD)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)  # no orphan outlives its parent's wait
        signal.setitimer(signal.ITIMER_REAL, 10 * per_call + 1)
        try:
            data = pickle.dumps(outcome(fn, *args))
        except Exception as e:  # noqa: BLE001  (an exception type that does not pickle)
            data = pickle.dumps(("raised", RuntimeError, f"unpicklable outcome: {e!r}"))
        os.write(writer, data)
        os._exit(0)
    os.close(writer)
    chunks = []
    while chunk := os.read(reader, 65536):
        chunks.append(chunk)
    os.close(reader)
    _, status = os.waitpid(pid, 0)
    return pickle.loads(b"".join(chunks)) if status == 0 and chunks else DIED


def wrapper_varies(wrapper, record, args, calls=3):
    """Whether the wrapper's own calls on args, each in a fork from this same
    state, disagree (a clock, an address, a random source): a core cannot be
    compared with that, only left out. Asked only where the core differed."""
    first = isolated_outcome(wrapper, args, PER_CALL_S)
    for _ in range(calls - 1):
        again = isolated_outcome(wrapper, args, PER_CALL_S)
        if DIED in (first, again):
            return False
        if outcomes_differ(first, again, record, args):
            return True
    return False


def one_again(so, record, wrapper, args, **how):
    """run_tuples on one tuple: its verdict (SLOW if there was no time)."""
    return run_tuples(so, record, wrapper, [args], time.time() + 3 * (how.get("per_call") or PER_CALL_S),
                      **how).get(0, SLOW)


def check_core(so, record, wrapper):
    """{"compared", "mismatches", "left_out"} for one core against its wrapper."""
    deadline = time.time() + SECONDS_PER_CORE
    params = record["param_kinds"]
    result = {"compared": 0, "mismatches": [], "left_out": []}
    excluded = set()  # (parameter, value) pairs on which the wrapper alone hangs or dies

    def settle(tuples, verdicts, tags=None):
        for k, verdict in sorted(verdicts.items()):
            args = tuples[k]
            if verdict in (SLOW, DIED) and time.time() > deadline + SECONDS_PER_CORE:
                result["left_out"].append(f"args={args!r}: {verdict}, no time left to tell why")
                continue
            if verdict in (SLOW, DIED):
                # The wrapper alone on that tuple: its own doing, or the core's?
                alone = one_again(so, record, wrapper, args, wrapper_only=True)
                if alone in (SLOW, DIED):
                    result["left_out"].append(
                        f"args={args!r}: the wrapper alone "
                        + (f"runs over {PER_CALL_S} s" if alone == SLOW else "crashes"))
                    if tags:
                        excluded.add(tags[k])
                    continue
                if verdict == SLOW:  # both together may just be slow: ten times the time
                    verdict = one_again(so, record, wrapper, args, per_call=10 * PER_CALL_S)
                if verdict in (SLOW, DIED):
                    result["mismatches"].append(
                        f"args={args!r}: the wrapper alone returns or raises, the core "
                        + (f"runs over {10 * PER_CALL_S} s" if verdict == SLOW else "crashes"))
                    continue
            if verdict and wrapper_varies(wrapper, record, args):
                result["left_out"].append(f"args={args!r}: the wrapper alone gives different "
                                          "results on identical calls from the same state")
                continue
            result["compared"] += 1
            if verdict:
                result["mismatches"].append(verdict)

    edges = parameter_values(record)
    tagged = one_at_a_time(params, edges) if params else [((), None)]
    tuples = [args for args, _ in tagged]
    verdicts = run_tuples(so, record, wrapper, tuples, deadline)
    settle(tuples, verdicts, [tag for _, tag in tagged])
    values = [[v for v in vs if (i, v) not in excluded] for i, vs in enumerate(edges)]
    if all(values) and params:
        tuples = drawn(values, RANDOM_TUPLES, record["python_name"])
        verdicts = run_tuples(so, record, wrapper, tuples, deadline)
        settle(tuples, verdicts)
    if time.time() >= deadline:
        result["left_out"].append(f"stopped after {SECONDS_PER_CORE} s "
                                  f"({result['compared']} tuples compared)")
    return result


def check_project(entry, project, scratch):
    """One project's cores: {"cores", "checked", "tuples", "left_out": [why, ...],
    "mismatches": [...], "not_checked": [(name, why), ...]}."""
    root = Path(entry["root"])
    result = {"cores": 0, "checked": 0, "tuples": 0, "left_out": [], "mismatches": [],
              "not_checked": []}
    for f in entry.get("files", []):
        records = f.get("levels", {}).get("O2", {}).get("core_records", [])
        if not records:
            continue
        result["cores"] += len(records)
        c, mm, tuples, nc = check_file(project, root, f["file"], records, scratch)
        result["checked"] += c
        result["tuples"] += tuples["compared"]
        result["left_out"] += tuples["left_out"]
        result["mismatches"] += mm
        result["not_checked"] += nc
    return result


def _check_project_in(args):
    """check_project in a worker of check_all's pool, with a scratch folder
    of the project's own."""
    entry, project, scratch = args
    scratch = Path(scratch) / project["name"]
    scratch.mkdir(parents=True, exist_ok=True)
    return check_project(entry, project, scratch)


def check_all(out, only=(), say=print, jobs=1):
    """Checks every project's cores in thirdparty.sh's results `out`:
    {"cores", "checked", "tuples", "left_out", "mismatches": [...]}; says a
    line per project, in the results' order. With jobs > 1, that many
    projects are checked at once, each in a process of its own (its calls
    still run in forks of that process, as with one job)."""
    # The pins as they are now (link flags may have been added since the run).
    pins = {p["name"]: p for p in json.loads(thirdparty.PROJECTS.read_text())["projects"]}
    entries = [e for e in out["projects"]
               if not e.get("skipped") and (not only or e["name"] in only)
               and any(f.get("levels", {}).get("O2", {}).get("core_records")
                       for f in e.get("files", []))]
    total = {"cores": 0, "checked": 0, "tuples": 0, "left_out": 0, "mismatches": []}
    with tempfile.TemporaryDirectory(prefix="pyunbox-tp-cores-") as tmp:
        work = [(e, pins[e["name"]], tmp) for e in entries]
        if jobs > 1:
            pool = concurrent.futures.ProcessPoolExecutor(
                jobs, mp_context=multiprocessing.get_context("fork"))
            results = pool.map(_check_project_in, work)
        else:
            pool, results = None, map(_check_project_in, work)
        try:
            for entry, r in zip(entries, results):
                total["cores"] += r["cores"]
                total["checked"] += r["checked"]
                total["tuples"] += r["tuples"]
                total["left_out"] += len(r["left_out"])
                total["mismatches"] += r["mismatches"]
                left_out, not_checked = r["left_out"], r["not_checked"]
                reasons = sorted({why for _, why in not_checked})
                say(f"{entry['name']}: {r['cores']} cores, {r['checked']} checked on {r['tuples']} tuples"
                    + (f" ({len(left_out)} left out, e.g. {left_out[0][:160]})" if left_out else "")
                    + (f"; not checked: {len(not_checked)} ({'; '.join(reasons)[:300]})"
                       if not_checked else ""))
        finally:
            if pool:
                pool.shutdown(cancel_futures=True)
    for m in total["mismatches"]:
        say("MISMATCH " + m)
    say(f"all: {total['cores']} cores, {total['checked']} checked against their wrappers on "
        f"{total['tuples']} tuples ({total['left_out']} left out), "
        f"{len(total['mismatches'])} mismatches")
    return total


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", help="scripts/thirdparty.sh's --json output")
    ap.add_argument("--only", default="", help="comma-separated project names")
    ap.add_argument("--jobs", type=int, default=1, help="projects checked at once")
    args = ap.parse_args(argv)
    out = json.loads(Path(args.results).read_text())
    total = check_all(out, {n for n in args.only.split(",") if n}, jobs=args.jobs)
    return 1 if total["mismatches"] else 0


if __name__ == "__main__":
    sys.exit(main())
