"""Reduce a failing generated module to a small reproducer, and write it to
regressions/NAME.c, which the smoke test rebuilds and checks on every run.

    /usr/bin/python3 test/fuzz/reduce.py SEED KIND [OPT] [FUNCTION] [--python pypy3]
        KIND: crash | verifier | internal | mismatch

Delta debugging (ddmin) keeps the failure predicate true while it removes,
first, whole functions of the module, then lines of the functions left. The
predicate rebuilds the candidate at the failing -O level only and asks for
the same kind of failure: for a crash, the same first pyunbox frame of the
backtrace (or the same message); for an internal error or a mismatch, in the
same function. Candidates that do not compile without the plugin are
rejected, so a reproducer is always valid C.

A failure of a run on another interpreter (`fuzz.py --python pypy3`) is
reduced there: the candidates are built with that interpreter's headers and
checked on it (the tools' `python` and `target`), and the reproducer's header
names the interpreter, so that the smoke test checks it on the same one.
"""
import copy
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
import gen  # noqa: E402
import harness  # noqa: E402
from compile_module import CLANG, CPYTHON_TARGET, VERIFY_IR, base_flags, build_opt, run  # noqa: E402

REGRESSIONS = HERE / "regressions"
BUDGET_S = 600   # per failure


def crash_signature(detail):
    """The first frame of the backtrace inside pyunbox, else the first frame."""
    frames = re.findall(r"^\s*#\d+ 0x[0-9a-f]+ (.+?)(?: \(/| /|$)", detail, re.M)
    for f in frames:
        if "pyunbox" in f or "/passes/" in f:
            return f.strip()
    useful = [f for f in frames if "llvm::sys::" not in f and not f.startswith("(")]
    return useful[0].strip() if useful else detail.splitlines()[0][:80]


def failure_key(f):
    if f["kind"] == "crash":
        return ("crash", crash_signature(f["detail"]))
    if f["kind"] == "mismatch":
        return ("mismatch", f.get("function"), f["detail"].split(":")[0])
    return (f["kind"], f.get("function"))


class Predicate:
    """Does a candidate manifest still fail in the same way?"""

    def __init__(self, failure, tools, workroot):
        self.failure = failure
        self.tools = tools
        self.workroot = Path(workroot)
        self.key = failure_key(failure)
        self.opt = failure.get("opt") or "O2"
        self.tests = 0
        self.target = tools.get("target", CPYTHON_TARGET)
        self.checker = harness.Checker(tools.get("python", harness.PYTHON))
        # Every test builds in the same directory: a crash of a use-after-free
        # kind can depend on the heap layout, which the paths' lengths move.
        self.dirname = "t"

    def __call__(self, manifest):
        self.tests += 1
        d = self.workroot / self.dirname
        if self.failure["kind"] == "mismatch":
            # Loaded into the checker: a path of its own per candidate (PyPy
            # cannot load a second extension from a path it loaded one from).
            d = self.workroot / f"{self.dirname}{self.tests}"
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
        src = d / f"{manifest['module']}.c"
        src.write_text(gen.render(manifest))
        # Valid C first: the reproducer must compile without the plugin.
        if run([CLANG, *base_flags(self.opt, self.target), "-fsyntax-only", src], d).rc != 0:
            return False
        kind = self.failure["kind"]
        if kind in ("crash", "verifier", "internal"):
            b = build_opt(src, d, self.tools["plugin"], self.opt, target=self.target)
            for k, detail in b.failures:
                if k != kind:
                    continue
                if kind == "crash":
                    return crash_signature(detail) == self.key[1]
                if kind == "internal":
                    fn = self.failure.get("function")
                    return fn is None or fn in detail
                return True
            return False
        result = harness.check_source(src, manifest, d, self.tools, self.checker,
                                      {"wrapper_inputs": 12, "core_inputs": 60, "core_edges": 100},
                                      opts=(self.opt,))
        return any(failure_key(f) == self.key for f in result["failures"])

    def close(self):
        self.checker.stop()


def ddmin(items, test, deadline):
    """The smallest sublist (1-minimal, within the time budget) for which test holds."""
    n = 2
    while len(items) >= 2 and time.time() < deadline:
        chunk = max(1, len(items) // n)
        reduced = False
        for start in range(0, len(items), chunk):
            candidate = items[:start] + items[start + chunk:]
            if candidate and test(candidate):
                items, n, reduced = candidate, max(n - 1, 2), True
                break
            if time.time() > deadline:
                break
        if not reduced:
            if chunk == 1:
                break
            n = min(len(items), n * 2)
    return items


def cname_of(detail):
    m = re.search(r"\bin (fz_f\d+)", detail)
    return m.group(1) if m else None


def reduce_manifest(manifest, failure, tools, budget=BUDGET_S):
    deadline = time.time() + budget
    work = Path(tempfile.mkdtemp(prefix="fzreduce"))
    pred = Predicate(failure, tools, work)
    try:
        for dirname in ("t", "tt", "ttt", "tttt", "t" * 8, "t" * 16, "t" * 24):
            pred.dirname = dirname
            if pred(manifest):
                break
        else:
            return None, pred.tests
        m = copy.deepcopy(manifest)
        # 1. functions
        keep = failure.get("function")
        if failure["kind"] == "internal" and not keep:
            c = cname_of(failure["detail"])
            keep = c[len("fz_"):] if c else None

        def with_functions(fs):
            return dict(m, functions=fs)
        fixed = [f for f in m["functions"] if f["name"] == keep]
        others = [f for f in m["functions"] if f["name"] != keep]
        if fixed:
            if pred(with_functions(fixed)):
                others = []  # the failing function alone is enough
            elif others:
                others = ddmin(others, lambda fs: pred(with_functions(fixed + fs)), deadline)
        else:
            others = ddmin(others, lambda fs: pred(with_functions(fs)), deadline)
        m = with_functions(sorted(fixed + others, key=lambda f: int(f["name"][1:])))
        # 2. lines of each function left (the head and braces stay)
        for i, f in enumerate(m["functions"]):
            lines = f["text"].rstrip("\n").split("\n")
            head, body, tail = lines[:4], lines[4:-1], lines[-1:]
            # The closing return stays: a reproducer without one is another program.
            while body and re.match(r"    (return|Py_RETURN|Py_INCREF\(Py_None)", body[-1]) \
                    and not body[-1].startswith("     "):
                tail.insert(0, body.pop())

            def with_body(b, i=i, head=head, tail=tail):
                fs = list(m["functions"])
                fs[i] = dict(fs[i], text="\n".join(head + b + tail) + "\n")
                return dict(m, functions=fs)
            body = ddmin(body, lambda b: pred(with_body(b)), deadline)
            m = with_body(body)
        return m, pred.tests
    finally:
        pred.close()
        shutil.rmtree(work, ignore_errors=True)


def reproduce_command(failure, name, tools):
    opt = failure.get("opt") or "O2"
    target = tools.get("target", CPYTHON_TARGET)
    # The target's forced includes, and the sources of the objects it links
    # (the harness builds them into its temporary tools), named as in the
    # repository.
    extra = " ".join(str(x).replace(str(REPO) + "/", "")
                     for x in target.compile_extra + target.link_sources)
    build = (f"{Path(CLANG).name} -{opt} -Wall -fwrapv -fPIC -shared -I{target.include} "
             + (extra + " " if extra else "")
             + f"-fpass-plugin=build/passes/libPyUnbox.so -Rpass-missed=pyunbox "
             f"test/fuzz/regressions/{name}.c -o /tmp/{name}.so")
    if failure["kind"] == "verifier":
        build = build.replace("-shared", " ".join([*VERIFY_IR, "-shared"]))
    check = f"/usr/bin/python3 -m pytest test/fuzz -k {name}"
    return build, check


def write_regression(manifest, failure, run_seed, directory=REGRESSIONS, tools=None):
    tools = tools or {}
    python = tools.get("python", harness.PYTHON)
    fn = failure.get("function") or "module"
    # A reproducer of another interpreter's run names it, in the file name too.
    where = "" if python == harness.PYTHON else f"{Path(python).name}_"
    name = f"{failure['kind']}_{where}{manifest['seed']}_{fn}".replace("<", "").replace(">", "")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    detail = failure["detail"].replace("*/", "* /")
    detail_lines = [ln for ln in detail.splitlines() if ln.strip()][:25]
    build, check = reproduce_command(failure, name, tools)
    header = ["/* pyunbox fuzz regression: " + f"{failure['kind']} at -{failure.get('opt') or 'O2'}"
              + (f" in {fn}" if fn != "module" else ""),
              f" * generated module seed {manifest['seed']} (gen.py {manifest['seed']}: module "
              f"{manifest['seed'] % 1000000} of fuzz.py --seed {manifest['seed'] // 1000000}), "
              "reduced by reduce.py",
              *([harness.regression_python_line(python)] if where else []),
              " * reproduce:",
              f" *   {build}",
              f" *   {check}",
              " * what failed:"]
    header += [" *   " + ln[:200] for ln in detail_lines]
    header.append(" */")
    text = gen.render(manifest, "\n".join(header) + "\n" + gen.manifest_comment(manifest))
    path = directory / f"{name}.c"
    path.write_text(text)
    return path


def reduce_failures(failures, tools, max_count, directory, run_seed):
    """Reduce up to max_count distinct failures of generated modules; returns the files."""
    seen, written = set(), []
    for f in failures:
        if len(written) >= max_count:
            break
        if not isinstance(f.get("seed"), int) or f["kind"] == "build":
            continue
        key = failure_key(f)
        if key in seen:
            continue
        seen.add(key)
        manifest = gen.generate(f["seed"])
        sys.stderr.write(f"reducing {f['kind']} of module {f['seed']} ({key}) ...\n")
        reduced, tests = reduce_manifest(manifest, f, tools)
        if reduced is None:
            sys.stderr.write("  did not reproduce; not reduced\n")
            continue
        path = write_regression(reduced, f, run_seed, directory, tools)
        sys.stderr.write(f"  {tests} tests -> {path}\n")
        written.append(path)
    return written


if __name__ == "__main__":
    import argparse
    import os
    ap = argparse.ArgumentParser(description="reduce one failure of one generated module")
    ap.add_argument("seed", type=int)
    ap.add_argument("kind", choices=("crash", "verifier", "internal", "mismatch"))
    ap.add_argument("opt", nargs="?", default="O2")
    ap.add_argument("function", nargs="?")
    ap.add_argument("--python", default=harness.PYTHON,
                    help="the interpreter the module is built for and checked on (pypy3)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="fzreduce-tools"))
    tools = harness.copy_tools(os.environ.get("PYUNBOX_BUILD_DIR", REPO / "build"), tmp,
                               args.python)
    # The failure's details come from one fresh check of the module.
    m = gen.generate(args.seed)
    checker = harness.Checker(args.python)
    res = harness.check_seed(args.seed, tmp / "m", tools, checker,
                             {"wrapper_inputs": 12, "core_inputs": 60, "core_edges": 100},
                             keep_passing=True)
    checker.stop()
    wanted = [f for f in res["failures"] if f["kind"] == args.kind
              and f.get("opt") in (args.opt, None)
              and (args.function is None or f.get("function") == args.function)]
    if not wanted:
        print(json.dumps(res["failures"], indent=1))
        sys.exit(f"module {args.seed} has no {args.kind} failure at -{args.opt}")
    print(reduce_failures([dict(wanted[0], seed=args.seed, module=m["module"])], tools, 1,
                          REGRESSIONS, args.seed))
