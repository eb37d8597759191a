"""The fuzz run: N generated modules through the harness on J processes, the
regression files too, a progress bar on stderr, a closing summary on stdout
and in OUT/summary.json, and failures reduced to reproducers.

    /usr/bin/python3 test/fuzz/fuzz.py --seed 1 --modules 200 --jobs 2 --out /tmp/fz

(scripts/fuzz.sh runs this.) Module k of a run has generator seed
SEED * 1000000 + k, so one module of any run is regenerated with
`gen.py SEED*1000000+k`. OUT keeps the modules that failed (their C, builds,
remarks); passing ones are deleted as they finish.
"""
import argparse
import dataclasses
import json
import multiprocessing
import os
import shlex
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import harness  # noqa: E402
from summary import Summary  # noqa: E402

REPO = HERE.parent.parent
REGRESSIONS = HERE / "regressions"

_worker = {}


def init_worker(root, tools, settings, python):
    _worker.update(root=root, tools=tools, settings=settings, checker=harness.Checker(python))


def work(task):
    kind, value = task
    w = _worker
    try:
        if kind == "seed":
            return harness.check_seed(value, w["root"], w["tools"], w["checker"], w["settings"])
        return harness.check_regression(Path(value), w["root"], w["tools"], w["checker"],
                                        w["settings"])
    except Exception as e:  # the harness itself failed: report it, keep going
        import traceback
        return {"seed": value, "module": str(value), "compiles": 0, "wrapper_comparisons": 0,
                "core_comparisons": 0, "accelerated_comparisons": 0, "records": {},
                "functions": [],
                "failures": [{"kind": "mismatch", "opt": None, "function": None,
                              "detail": f"harness error: {e!r}\n{traceback.format_exc()}"}]}


def progress(done, total, s, start):
    width = 30
    filled = int(width * done / max(total, 1))
    rate = done / max(time.time() - start, 1e-9)
    eta = (total - done) / rate if rate else 0
    t = s.totals()
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} modules  "
                     f"cmp {t['comparisons']}  crash {t['crashes']} verify {t['verifier_failures']} "
                     f"internal {t['internal_errors']} mismatch {t['mismatches']}  "
                     f"{rate:.2f}/s ETA {eta / 60:.0f}m ")
    sys.stderr.flush()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--modules", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default="/tmp/pyunbox-fuzz")
    ap.add_argument("--build-dir", default=os.environ.get("PYUNBOX_BUILD_DIR", REPO / "build"))
    ap.add_argument("--python", default=harness.PYTHON,
                    help="the interpreter the modules are built for and checked on "
                         "(pypy3: PyPy's headers, the checks run on PyPy)")
    ap.add_argument("--no-regressions", action="store_true",
                    help="do not check test/fuzz/regressions/*.c")
    ap.add_argument("--reduce", type=int, default=3,
                    help="reduce at most this many failures (distinct kind/function) "
                         "into test/fuzz/regressions (0: none)")
    ap.add_argument("--regressions-dir", default=REGRESSIONS)
    ap.add_argument("--wrapper-inputs", type=int, default=12,
                    help="random calls per function, plain vs plugin wrapper")
    ap.add_argument("--core-inputs", type=int, default=60,
                    help="random inputs per core, plus up to --core-edges edge combinations")
    ap.add_argument("--core-edges", type=int, default=100)
    ap.add_argument("--time-limit", type=float, default=0,
                    help="stop after this many seconds with the modules done so far (0: none)")
    ap.add_argument("--summary-every", type=int, default=50,
                    help="rewrite summary.json every N modules (a partial run has figures)")
    ap.add_argument("--cflags", default="",
                    help="compile flags both builds add (the builds users make: "
                         "'-ftrivial-auto-var-init=pattern -funique-internal-linkage-names'); "
                         "flags that need a runtime library at link time do not link; "
                         "failures are not reduced (a regression file has no flags)")
    args = ap.parse_args(argv)
    if args.cflags:
        args.reduce = 0

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tools = harness.copy_tools(args.build_dir, out / "tools", args.python)
    if args.cflags:
        target = tools["target"]
        tools["target"] = dataclasses.replace(
            target, compile_extra=target.compile_extra + tuple(shlex.split(args.cflags)))
    settings = {"wrapper_inputs": args.wrapper_inputs, "core_inputs": args.core_inputs,
                "core_edges": args.core_edges}
    tasks = [("seed", args.seed * 1000000 + k) for k in range(args.modules)]
    if not args.no_regressions:
        tasks += [("regression", str(p)) for p in sorted(Path(REGRESSIONS).glob("*.c"))]
    s = Summary()
    rs = Summary()  # the regression files, counted apart from the generated modules
    regressions = []
    start = time.time()
    stopped_early = False
    with multiprocessing.Pool(args.jobs, init_worker,
                              (out / "modules", tools, settings, args.python)) as pool:
        for done, result in enumerate(pool.imap_unordered(work, tasks), 1):
            if args.time_limit and time.time() - start > args.time_limit:
                stopped_early = True  # the pool's exit terminates the workers
                break
            if result.get("regression"):
                regressions.append(result)
                rs.add(result)
            else:
                s.add(result)
            progress(done, len(tasks), s, start)
            if done % args.summary_every == 0:
                write_summary(out, s, args, start, regressions, partial=True)
    sys.stderr.write("\n")
    if stopped_early:
        print(f"stopped after --time-limit {args.time_limit:.0f} s: {s.modules} of "
              f"{args.modules} modules done")
    for r in regressions:
        print(f"regression {Path(r['module']).name}: "
              + ("ok" if not r["failures"] else
                 f"FAILED ({', '.join(sorted({f['kind'] for f in r['failures']}))})"))
    reproducers = []
    if args.reduce and s.failure_list:
        import reduce
        reproducers = reduce.reduce_failures(s.failure_list, tools, args.reduce,
                                             Path(args.regressions_dir), args.seed)
    write_summary(out, s, args, start, regressions, reproducers=reproducers)
    print(s.table())
    print(f"\nelapsed {time.time() - start:.0f} s on {args.jobs} jobs; summary: {out / 'summary.json'}")
    for f in (s.failure_list + rs.failure_list)[:30]:
        where = f.get("workdir") or ""
        print(f"FAILED {f['kind']} {f['module']} {f.get('opt')} {f.get('function')}: "
              f"{f['detail'].splitlines()[0][:300]}  [{where}]")
    for r in reproducers:
        print(f"reproducer: {r}")
    return 1 if s.failed() or rs.failed() else 0


def write_summary(out, s, args, start, regressions, partial=False, reproducers=()):
    extra = {"seed": args.seed, "modules_requested": args.modules, "jobs": args.jobs,
             "python": args.python, "cflags": args.cflags,
             "settings": {"wrapper_inputs": args.wrapper_inputs, "core_inputs": args.core_inputs,
                          "core_edges": args.core_edges},
             "elapsed_s": round(time.time() - start, 1), "partial": partial,
             "regressions": [{"file": r["module"], "failures": len(r["failures"])}
                             for r in regressions],
             "reproducers": [str(r) for r in reproducers]}
    tmp = out / "summary.json.tmp"
    tmp.write_text(s.to_json(extra))
    tmp.replace(out / "summary.json")


if __name__ == "__main__":
    sys.exit(main())
