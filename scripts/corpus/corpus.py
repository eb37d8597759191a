#!/usr/bin/python3
"""The corpus run: CPython 3.11's own extension modules rebuilt with the
pyunbox plugin (docs/CORPUS.md says what it measures and how to read it).

  scripts/corpus.sh            all modules, then the third-party projects
                               (scripts/thirdparty.sh); writes docs/CORPUS.md
  scripts/corpus.sh --quick    math, cmath and _statistics; writes build/corpus/CORPUS-quick.md
                               and a JUnit report for scripts/test.sh
"""
import argparse
import concurrent.futures
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(HERE), str(REPO / "test" / "support")]
import report  # noqa: E402
import source  # noqa: E402
from pyunbox_testkit import build as extbuild, remarks  # noqa: E402
from pyunbox_testkit.paths import BUILD_DIR, CLANG, CPYTHON as PY, DUMP, PLUGIN  # noqa: E402

OUT = BUILD_DIR / "corpus"
CORPUS_SRC = REPO / ".corpus"
PACKAGE, VERSION = "python3.11", "3.11.2-6+deb12u8"
SRC_DIR_NAME = "python3.11-3.11.2"
SUFFIX = ".cpython-311-x86_64-linux-gnu.so"

# name -> (sources under Modules/, extra flags, CPython test modules)
MODULES = {
    "math": (["mathmodule.c"], [], ["test.test_math"]),
    "cmath": (["cmathmodule.c"], [], ["test.test_cmath"]),
    "_statistics": (["_statisticsmodule.c"], [], ["test.test_statistics"]),
    "_struct": (["_struct.c"], [], ["test.test_struct"]),
    "_random": (["_randommodule.c"], [], ["test.test_random"]),
    "select": (["selectmodule.c"], [], ["test.test_select"]),
    "xxlimited": (["xxlimited.c"], [], ["test.test_xxlimited"]),
    "audioop": (["audioop.c"], [], ["test.test_audioop"]),
    "resource": (["resource.c"], [], ["test.test_resource"]),
    "mmap": (["mmapmodule.c"], [], ["test.test_mmap"]),
    "_testcapi": (["_testcapimodule.c"], [], ["test.test_capi"]),
    # Debian's interpreter lacks a few internal symbols posix uses: see posix_shim.c.
    "posix": (["posixmodule.c", HERE / "posix_shim.c"], ["-Wl,-z,lazy"], ["test.test_posix"]),
}
# Built plain only, so that test_xxlimited (which imports both) can run.
HELPERS = {"xxlimited_35": (["xxlimited_35.c"], [], [])}
QUICK = ["math", "cmath", "_statistics"]  # the modules of issue 5's CPython tests

def log(msg):
    print(f"corpus: {msg}", flush=True)


def sh(cmd, **kw):
    log("$ " + " ".join(map(str, cmd)))
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


# 1. The source ---------------------------------------------------------------

def fetch_source():
    """Debian's exact source of the installed interpreter, into .corpus/."""
    src = CORPUS_SRC / SRC_DIR_NAME
    if (src / "Modules" / "mathmodule.c").exists():
        log(f"source present: {src}")
        return src
    root = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if not shutil.which("dpkg-source"):  # apt-get source unpacks with it
        sh(root + ["apt-get", "install", "-y", "dpkg-dev"], env=env)
    entry = Path("/etc/apt/sources.list.d/pyunbox-corpus-src.sources")
    text = ("Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\n"
            "Components: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n")
    CORPUS_SRC.mkdir(exist_ok=True)
    try:
        sh(root + ["tee", str(entry)], input=text.encode(), stdout=subprocess.DEVNULL)
        sh(root + ["apt-get", "update"], env=env)
        sh(["apt-get", "source", f"{PACKAGE}={VERSION}"], cwd=CORPUS_SRC, env=env)
    finally:
        # The entry is there for a moment only.
        subprocess.run(root + ["rm", "-f", str(entry)])
        subprocess.run(root + ["apt-get", "update"], env=env)
    if not (src / "Modules" / "mathmodule.c").exists():
        raise SystemExit(f"corpus: apt-get source did not unpack {src}")
    return src


def installed_interpreter_packages():
    """{package: version} of the installed binary packages of python3.11."""
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version} ${Source}\n"],
                         capture_output=True, text=True).stdout
    pkgs = {}
    for line in out.splitlines():
        name, version, *source = line.split()
        if (source[:1] or [name])[0].split()[0] == PACKAGE or name == PACKAGE:
            pkgs[name] = version
    return pkgs


def match_interpreter():
    """CPython's tests come from the source, so the interpreter that runs them
    must be the same version: where Debian's installed python3.11 is another
    (security) version, install the source's, package by package."""
    pkgs = installed_interpreter_packages()
    stale = sorted(p for p, v in pkgs.items() if v != VERSION)
    if not stale:
        log(f"interpreter: {PACKAGE} {VERSION}, as the source")
        return
    root = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    log(f"interpreter: {', '.join(f'{p} {pkgs[p]}' for p in stale)}; installing {VERSION}, "
        "the source's version, so that its tests test this interpreter")
    sh(root + ["apt-get", "install", "-y", "--allow-downgrades"] +
       [f"{p}={VERSION}" for p in stale], env=env)


# 2. The builds ---------------------------------------------------------------

def compile_flags(src):
    return ["-O2", "-fPIC", "-shared", "-DNDEBUG", "-DPy_BUILD_CORE_MODULE",
            f"-I{src}/Include", f"-I{src}/Include/internal", "-I/usr/include/python3.11",
            f"-I{src}/Modules"]


def build_one(src, name, spec, mined):
    """One module, plain or with the plugin. The plugin's remarks go to
    clang's optimization record: one <source>.opt.yaml per source file in
    the build's remarks directory (clang writes it to its working directory)."""
    sources, extra, _ = spec
    kind = "mined" if mined else "plain"
    out = OUT / kind / (name + SUFFIX)
    out.parent.mkdir(parents=True, exist_ok=True)
    record_dir = OUT / "remarks" / name
    cmd = [CLANG, *compile_flags(src), *extra, *[src / "Modules" / s for s in sources],
           "-o", out, "-lm"]
    if mined:
        # -Rpass: the remarks also in the build log, for people.
        cmd += [f"-fpass-plugin={PLUGIN}", "-Rpass=pyunbox", "-Rpass-missed=pyunbox",
                *remarks.RECORD_FLAGS]
        shutil.rmtree(record_dir, ignore_errors=True)
        record_dir.mkdir(parents=True)
    t0 = time.monotonic()
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True,
                       cwd=record_dir if mined else None)
    return {"ok": p.returncode == 0, "rc": p.returncode, "stderr": p.stderr,
            "seconds": time.monotonic() - t0, "path": str(out),
            "remarks": sorted(map(str, record_dir.glob("*.opt.yaml"))) if mined else [],
            "command": " ".join(map(str, cmd))}


def functions_of(remark_list, records):
    """One entry per PyMethodDef function the plugin remarked on: mined, or
    refused with the remark's key (its reason is kept for people to read)."""
    by_wrapper = {(r["python_name"], r["wrapper_symbol"]): r for r in records}
    funcs = []
    for r in remark_list:
        if r.kind not in ("Passed", "Missed") or r.python_name is None:
            continue  # an analysis note on a core made, or not about one function
        mined = r.key == remarks.MINED
        record = by_wrapper.get((r.python_name, r.function)) if mined else None
        funcs.append({"name": r.python_name, "wrapper": r.function, "mined": mined,
                      "key": None if mined else r.key,
                      "convention": record and record["convention"],
                      "prototype": record and record["c_prototype"],
                      "reason": None if mined else r.detail})
    return funcs


def analyse_module(src, name, mined_build, records):
    info = source.analyse([src / "Modules" / s for s in MODULES[name][0]
                           if not Path(s).is_absolute()])
    funcs = functions_of(remarks.decided(remarks.read(mined_build["remarks"])), records)
    for f in funcs:
        f["eligible"], f["basis"] = source.eligibility(
            info, f["name"], f["wrapper"], f["mined"], f["key"])
    return funcs


def dump_records(path):
    """(records, None), or (None, why) when pyunbox-dump refuses the file."""
    try:
        return extbuild.dump_records(path), None
    except RuntimeError as e:
        return None, str(e).strip()


# 3-5. Runs under the import hook ---------------------------------------------

def hook_env(src, names, kind="mined"):
    """PYTHONPATH with a sitecustomize that puts the rebuilt modules first
    (also in child interpreters the tests start) and the source's `test`."""
    hook = OUT / "hook"
    hook.mkdir(parents=True, exist_ok=True)
    (hook / "sitecustomize.py").write_text(
        "# Written by scripts/corpus/corpus.py: rebuilt modules ahead of the built-in ones.\n"
        "import os, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})\n"
        "import runner\n"
        "runner.install(os.environ['PYUNBOX_CORPUS_DIR'], os.environ['PYUNBOX_CORPUS_MODULES'].split(','))\n"
        "sys.path.pop(0)\n")
    testlib = OUT / "testlib"
    testlib.mkdir(parents=True, exist_ok=True)
    link = testlib / "test"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(src / "Lib" / "test")
    env = dict(os.environ)
    env.update(PYTHONPATH=f"{hook}:{testlib}", PYUNBOX_CORPUS_DIR=str(OUT / kind),
               PYUNBOX_CORPUS_MODULES=",".join(names),
               HYPOTHESIS_STORAGE_DIRECTORY=str(OUT / "hypothesis"))
    env.pop("PYTHONHOME", None)
    return env


def run_runner(env, names, args, cwd, timeout):
    cmd = [PY, str(HERE / "runner.py"), env["PYUNBOX_CORPUS_DIR"],
           ",".join(names), *args]
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
        out, err, rc = p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        err, rc = f"timed out after {timeout}s", "timeout"
    result = None
    for line in out.splitlines():
        if line.startswith("CORPUS-RESULT "):
            result = json.loads(line[len("CORPUS-RESULT "):])
    return {"rc": rc, "result": result, "stdout": out, "stderr": err,
            "seconds": time.monotonic() - t0}


def run_cpython_tests(env, name, work, kind, command="tests"):
    tests = MODULES[name][2]
    cwd = work / f"tests-{kind}-{name}"
    shutil.rmtree(cwd, ignore_errors=True)
    cwd.mkdir(parents=True)
    names = [name] + (["xxlimited_35"] if name == "xxlimited" else [])
    r = run_runner(env, names, [command, *tests], cwd, timeout=1800)
    (OUT / "logs" / f"tests-{kind}-{name}.log").write_text(r["stdout"] + "\n" + r["stderr"])
    return r


def check_cores(env, name, records, examples, work):
    dump = OUT / "logs" / f"records-{name}.json"
    dump.write_text(json.dumps({"records": records}))
    cwd = work / f"cores-{name}"
    cwd.mkdir(parents=True, exist_ok=True)
    r = run_runner(env, [name], ["cores", name, str(dump), str(examples)], cwd, timeout=1800)
    (OUT / "logs" / f"cores-{name}.log").write_text(r["stdout"] + "\n" + r["stderr"])
    return r


# The run ---------------------------------------------------------------------

def machine():
    clang = subprocess.run([CLANG, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"date": datetime.date.today().isoformat(), "clang": clang,
            "python": subprocess.run([PY, "-c", "import sys; print(sys.version.split()[0])"],
                                     capture_output=True, text=True).stdout.strip(),
            "machine": f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} CPUs",
            "commit": subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                     capture_output=True, text=True).stdout.strip()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK)}")
    ap.add_argument("--modules", help="comma-separated subset")
    ap.add_argument("--source", help="an unpacked python3.11 source tree (skips the fetch)")
    ap.add_argument("--examples", type=int, default=300, help="random inputs per core")
    ap.add_argument("--junit", help="write a JUnit report here")
    ap.add_argument("--no-thirdparty", action="store_true",
                    help="without the third-party projects (a full run adds their table)")
    ap.add_argument("--doc", help="write the report here (default: docs/CORPUS.md, "
                                  "build/corpus/CORPUS-quick.md with --quick)")
    args = ap.parse_args()
    names = QUICK if args.quick else list(MODULES)
    if args.modules:
        names = args.modules.split(",")
    for path, what in ((PLUGIN, "the plugin"), (DUMP, "pyunbox-dump")):
        if not path.exists():
            raise SystemExit(f"corpus: {what} not found at {path}; run scripts/build.sh")
    src = Path(args.source).resolve() if args.source else fetch_source()
    if not args.quick and not args.modules and not args.source:
        match_interpreter()
    t_start = time.monotonic()
    for d in ("plain", "mined", "logs", "remarks"):
        shutil.rmtree(OUT / d, ignore_errors=True)
        (OUT / d).mkdir(parents=True)
    work = OUT / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()

    jobs = [(n, MODULES[n], m) for n in names for m in (False, True)]
    if "xxlimited" in names:
        jobs += [(n, s, m) for n, s in HELPERS.items() for m in (False, True)]
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 4) as pool:
        built = dict(zip([(n, m) for n, _, m in jobs],
                         pool.map(lambda j: build_one(src, *j), jobs)))
    for (n, m), b in built.items():
        (OUT / "logs" / f"build-{'mined' if m else 'plain'}-{n}.log").write_text(
            b["command"] + "\n" + b["stderr"])
        log(f"built {'mined' if m else 'plain'} {n}: {'ok' if b['ok'] else 'FAILED'} "
            f"({b['seconds']:.1f}s)")

    env = hook_env(src, names)
    plain_env = hook_env(src, names, "plain")
    modules = {}
    for n in names:
        mod = {"name": n, "plain_build": built[(n, False)]["ok"],
               "mined_build": built[(n, True)]["ok"], "functions": [], "records": [],
               "compile_seconds": {k: built[(n, m)]["seconds"] for k, m in (("plain", False), ("mined", True))}}
        modules[n] = mod
        if not mod["mined_build"]:
            mod["build_error"] = built[(n, True)]["stderr"][-2000:]
            continue
        mod["records"], mod["dump_error"] = dump_records(built[(n, True)]["path"])
        mod["records"] = mod["records"] or []
        mod["functions"] = analyse_module(src, n, built[(n, True)], mod["records"])

    def tests_and_cores(n):
        mod = modules[n]
        if not mod["mined_build"]:
            return
        log(f"CPython tests for {n} ...")
        mod["tests"] = run_cpython_tests(env, n, work, "mined")
        # The same tests on the build without the plugin tell the plugin's
        # failures from the environment's (Debian's interpreter is not the source's build).
        mod["plain_tests"] = run_cpython_tests(plain_env, n, work, "plain")
        # And with the plugin build's functions accelerated, as on PyPy.
        mod["accelerated_tests"] = run_cpython_tests(env, n, work, "accelerated",
                                                     "accelerated-tests")
        log(f"core checks for {n} ...")
        mod["cores"] = check_cores(env, n, mod["records"], args.examples, work)
        log(f"{n} done")

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(tests_and_cores, names))

    meta = machine()
    meta["seconds"] = time.monotonic() - t_start
    meta["command"] = "scripts/corpus.sh" + (" --quick" if args.quick else "")
    meta["source"] = f"Debian {PACKAGE} {VERSION} (apt-get source)"
    meta["interpreter_packages"] = installed_interpreter_packages()
    summary = report.summarise(modules)
    doc = Path(args.doc) if args.doc else (OUT / "CORPUS-quick.md" if args.quick or args.modules
                                           else REPO / "docs" / "CORPUS.md")
    doc.write_text(report.markdown(modules, summary, meta))
    (OUT / "results.json").write_text(json.dumps({"meta": meta, "modules": modules}, default=str,
                                                 indent=1))
    if args.junit:
        report.junit(modules, args.junit)
    print(report.console(modules, summary))
    log(f"wrote {doc}")
    third = 0
    if not (args.quick or args.modules or args.no_thirdparty):
        # The third-party projects (scripts/thirdparty.sh, docs/THIRDPARTY.md):
        # their mining table goes into the same document.
        log("third-party projects ...")
        third = subprocess.run([sys.executable, str(HERE / "thirdparty.py"), "--jobs",
                                str(os.cpu_count() or 2), "--write-corpus", str(doc)]).returncode
    return 0 if summary["ok"] and third == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
