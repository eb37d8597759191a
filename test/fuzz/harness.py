"""One module through the whole check: generate (or read) it, build it four
ways (compile_module.py), read its records, run the comparisons in a checker
subprocess (check_module.py), and say what failed.

A failure is one of: crash (the plugin build fails where the plain build
works, or any signal), verifier (the IR after the pass is invalid), internal
(an InternalError remark, "please report this"), mismatch (a core, a
plugin-build wrapper or an accelerated function differs, a near miss got a record, a build does not
import, or the checker process died).
"""
import json
import os
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

from compile_module import CPYTHON_TARGET, OPT_LEVELS, build_all, target_for
import gen

HERE = Path(__file__).resolve().parent
PYTHON = "/usr/bin/python3"  # Debian's interpreter, with its packages
CHECK_TIMEOUT = 300


class Checker:
    """A long-lived check_module.py subprocess (on the interpreter the
    modules are built for); restarted after it dies."""

    def __init__(self, python=PYTHON):
        self.python = python
        self.proc = None
        self.jobs = 0

    def start(self):
        self.proc = subprocess.Popen([self.python, str(HERE / "check_module.py")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        self.jobs = 0

    def stop(self):
        if self.proc:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def check(self, job):
        # A fresh process now and then: every module loaded stays loaded.
        if self.proc is None or self.proc.poll() is not None or self.jobs >= 200:
            self.stop()
            self.start()
        self.jobs += 1
        try:
            self.proc.stdin.write(json.dumps(job) + "\n")
            self.proc.stdin.flush()
            ready, _, _ = select.select([self.proc.stdout], [], [], CHECK_TIMEOUT)
            line = self.proc.stdout.readline() if ready else ""
        except (BrokenPipeError, OSError):
            line = ""
        if not line:
            self.proc.kill()
            rc = self.proc.wait()
            self.proc = None
            return {"died": f"checker exited {rc}" if ready else "checker timed out"}
        return json.loads(line)


def dump_records(dump, so):
    proc = subprocess.run([str(dump), "--json", str(so)], capture_output=True, text=True)
    if proc.returncode != 0:
        return None, f"exited {proc.returncode}: {proc.stderr}"
    return {r["python_name"]: r for r in json.loads(proc.stdout)["records"]}, None


def check_source(source, manifest, workdir, tools, checker, settings, opts=OPT_LEVELS):
    """Everything about one module; returns a JSON-serializable result."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "manifest.json").write_text(json.dumps(manifest))
    builds = build_all(source, workdir, tools["plugin"], opts, tools.get("pch_cache"),
                       tools.get("target", CPYTHON_TARGET))
    result = {"seed": manifest["seed"], "module": manifest["module"], "failures": [],
              "compiles": 0, "wrapper_comparisons": 0, "core_comparisons": 0,
              "accelerated_comparisons": 0,
              "records": {}, "remarks": {}}
    all_records = {}
    for opt, b in builds.items():
        result["compiles"] += len([s for s in b.steps if s in ("plain", "plugin")])
        for kind, detail in b.failures:
            result["failures"].append({"kind": kind, "opt": opt, "function": None,
                                       "detail": detail})
        result["remarks"][opt] = [list(r) for r in b.remarks]
        if not b.ok:
            continue
        records, err = dump_records(tools["dump"], b.plugin_so)
        if records is None:
            result["failures"].append({"kind": "mismatch", "opt": opt, "function": None,
                                       "detail": "pyunbox-dump failed: " + err})
            continue
        all_records[opt] = records
        result["records"][opt] = {n: {"errors": r["errors"],
                                      "needs_interpreter": r["needs_interpreter"],
                                      "prototype": r["c_prototype"]} for n, r in records.items()}
        for fn in manifest["functions"]:
            if fn["expect"] == "refuse" and fn["name"] in records:
                result["failures"].append({
                    "kind": "mismatch", "opt": opt, "function": fn["name"],
                    "detail": f"near miss {fn['shape'].get('near_miss')} got a core: "
                              f"{records[fn['name']]['c_prototype']}"})
    if all_records:
        answer = checker.check({"dir": str(workdir), "manifest": str(workdir / "manifest.json"),
                                "opts": sorted(all_records), "records": all_records,
                                **settings})
        if "died" in answer or "error" in answer:
            opt = fn = None
            if "died" in answer and (workdir / "checking.txt").exists():
                opt, fn = (workdir / "checking.txt").read_text().split()
                fn = None if fn == "wrappers" else fn
            if fn and fn.startswith("accelerated:"):
                fn = fn[len("accelerated:"):]
                what = f"the accelerated {fn}"
            else:
                what = f"the core of {fn}" if fn else "the wrappers"
            result["failures"].append({"kind": "mismatch", "opt": opt, "function": fn,
                                       "detail": f"checking crashed in {what}: " +
                                       answer.get("died", answer.get("error", ""))})
        else:
            result["wrapper_comparisons"] = answer["wrapper_comparisons"]
            result["core_comparisons"] = answer["core_comparisons"]
            result["accelerated_comparisons"] = answer["accelerated_comparisons"]
            for m in answer["mismatches"]:
                result["failures"].append({
                    "kind": "mismatch", "opt": m["opt"], "function": m["function"],
                    "detail": f"{m['why']}: {m['function']}{m['args']}: "
                              f"wrapper {m['want']}, got {m['got']}"})
            if answer["mismatch_count"] > len(answer["mismatches"]):
                result["more_mismatches"] = answer["mismatch_count"] - len(answer["mismatches"])
    return result


def check_seed(seed, root, tools, checker, settings, keep_passing=False):
    manifest = gen.generate(seed)
    workdir = Path(root) / manifest["module"]
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / f"{manifest['module']}.c"
    source.write_text(gen.render(manifest, gen.manifest_comment(manifest)))
    result = check_source(source, manifest, workdir, tools, checker, settings)
    result["functions"] = [{"name": f["name"], "cname": f["cname"], "shape": f["shape"],
                            "expect": f["expect"]} for f in manifest["functions"]]
    if not result["failures"] and not keep_passing:
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        result["workdir"] = str(workdir)
    return result


def check_regression(path, root, tools, checker, settings):
    """A reduced reproducer from regressions/: rebuilt and checked as a module,
    with the manifest its header carries."""
    text = Path(path).read_text()
    manifest = gen.read_manifest_comment(text)
    workdir = Path(root) / f"regression_{Path(path).stem}"
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / Path(path).name
    source.write_text(text)
    result = check_source(source, manifest, workdir, tools, checker, settings)
    result.update(regression=True, module=str(path), functions=[])
    if not result["failures"]:
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        result["workdir"] = str(workdir)
    return result


def copy_tools(build_dir, dest, python=PYTHON):
    """The plugin and dump tool, copied: build/ may be rebuilt during a run;
    and what a build for `python` needs (compile_module.Target)."""
    # The modules are compiled by the clang of PYUNBOX_BUILD_DIR's LLVM: a
    # plugin built for another LLVM does not load into it, and every build
    # would count as a crash.
    from pyunbox_testkit.paths import CLANG, LLVM_MAJOR
    try:
        major = json.loads((Path(build_dir) / "pyunbox-llvm.json").read_text())["llvm_major"]
    except (OSError, ValueError, KeyError):
        major = None
    if major is not None and major != LLVM_MAJOR:
        raise SystemExit(f"{build_dir} is a build for LLVM {major}, and this run's clang is "
                         f"{CLANG} (LLVM {LLVM_MAJOR}): set PYUNBOX_BUILD_DIR={build_dir}, "
                         "which selects both")
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    tools = {}
    for key, rel in (("plugin", "passes/libPyUnbox.so"), ("dump", "runtime/pyunbox-dump")):
        src = Path(build_dir) / rel
        if not src.is_file():
            raise SystemExit(f"{src} not found: build first (scripts/build.sh)")
        shutil.copy2(src, dest / src.name)
        tools[key] = dest / src.name
    tools["pch_cache"] = dest / "pch"
    tools["python"] = python
    tools["target"] = target_for(python, dest)
    return tools


# A regression reduced on another interpreter than PYTHON says so in its
# header (reduce.write_regression); the smoke test checks it there.
REGRESSION_PYTHON = re.compile(r"^ \* python: (\S+)$", re.M)


def regression_python_line(python):
    """The header line that names the interpreter (REGRESSION_PYTHON reads it)."""
    return f" * python: {python}"


def regression_python(text):
    """The interpreter a regression file is checked on: the one it was
    reduced on (a command name or path), PYTHON unless its header names one."""
    m = REGRESSION_PYTHON.search(text)
    return m.group(1) if m else PYTHON


if __name__ == "__main__":
    # harness.py SEED [WORKDIR]: check one module and print the result.
    import tempfile
    seed = int(sys.argv[1])
    root = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="fz"))
    tools = copy_tools(os.environ.get("PYUNBOX_BUILD_DIR", HERE.parent.parent / "build"),
                       root / "tools")
    c = Checker()
    print(json.dumps(check_seed(seed, root, tools, c,
                                {"wrapper_inputs": 12, "core_inputs": 60, "core_edges": 120},
                                keep_passing=True), indent=1))
    c.stop()
