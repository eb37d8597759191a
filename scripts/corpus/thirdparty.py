#!/usr/bin/python3
"""Real code nobody here wrote: the C extension sources of third-party
projects (scripts/corpus/projects.json, each pinned) compiled with the pyunbox
plugin at -O0 and -O2. docs/THIRDPARTY.md says what it measures.

  scripts/thirdparty.sh                  fetch what is missing, compile, print the table
  scripts/thirdparty.sh --jobs 2 --only noise,mmh3 --json out.json --write-doc

For each file: a plain compile (no plugin) decides whether it compiles here at
all; then, at each level, the plugin build (-S -emit-llvm, remarks to stderr
and a YAML record), the verifier on its IR (opt -passes=verify), code
generation of that IR (llc) and pyunbox-dump --json on the object. A crash is
a plugin build (or the code generation of its IR) that fails where the plain
build succeeds. Every crash, internal error and verifier failure gets a
preprocessed reproducer under --findings (default /tmp/corpus-findings).

Sources live in a cache outside git (--cache, default ~/.cache/pyunbox-thirdparty):
GitHub pins are read from the local mirror (/work/.mirror/OWNER+NAME/, or
$PYUNBOX_MIRROR) and skipped with "source not available here" otherwise;
Debian pins come from `apt-get source PKG=VERSION` with a deb-src entry that
is there only for the fetch.
"""
import argparse
import collections
import concurrent.futures
import datetime
import glob
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
# The build dir's (PYUNBOX_BUILD_DIR) plugin and the LLVM it was
# configured with (its plugin loads into that clang only): with an LLVM 22
# build dir, the corpus is compiled by clang-22 with that build's plugin.
sys.path.insert(0, str(REPO / "test" / "support"))
from pyunbox_testkit.paths import CLANG, DUMP, LLVM_BIN, PLUGIN  # noqa: E402
PROJECTS = HERE / "projects.json"
CACHE = Path(os.environ.get("PYUNBOX_THIRDPARTY_CACHE",
                            Path.home() / ".cache" / "pyunbox-thirdparty"))
MIRROR = Path(os.environ.get("PYUNBOX_MIRROR", "/work/.mirror"))
FINDINGS = Path("/tmp/corpus-findings")
# C++ sources: clang's driver compiles them as C++ by their suffix (only a
# link needs clang++'s libstdc++, which thirdparty_cores gets from "link").
CXX_SUFFIXES = (".cpp", ".cc", ".cxx")
OPT = str(LLVM_BIN / "opt")
LLC = str(LLVM_BIN / "llc")
PY_INCLUDE = "/usr/include/python3.11"
LEVELS = ("O0", "O2")
EXTRA_CFLAGS = []  # --cflags: e.g. -g, for a side run
PYTHON_INCLUDE = [PY_INCLUDE]  # --python-include: e.g. /usr/include/pypy3.9 (PyPy's cpyext spelling)
TIMEOUT = 900  # seconds for one compiler run
DEB_SRC_ENTRY = Path("/etc/apt/sources.list.d/pyunbox-thirdparty-src.sources")
DEB_SRC_TEXT = ("Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\n"
                "Components: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n")
# -Rpass / -Rpass-missed lines of the plugin (scripts/corpus/corpus.py reads the same).
REMARK = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):\d+: remark: "
                    r"(?:core for '(?P<core>[^']+)' \((?P<conv>[\w|]+)\): (?P<proto>.*?)"
                    r"|no core for '(?P<miss>[^']+)': (?P<reason>.*?)) \[-Rpass", re.M)

_print_lock = threading.Lock()


def log(msg):
    with _print_lock:
        print(f"thirdparty: {msg}", flush=True)


def run(cmd, cwd=None, timeout=TIMEOUT, **kw):
    """subprocess.run that never raises for a failing or hanging command."""
    try:
        return subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True,
                              text=True, errors="replace", timeout=timeout, **kw)
    except subprocess.TimeoutExpired as e:
        return subprocess.CompletedProcess(e.cmd, -999, e.stdout or "", f"timeout after {timeout}s")


def root_prefix():
    return [] if os.geteuid() == 0 else ["sudo"]


# 1. Sources ------------------------------------------------------------------

def source_label(src):
    if "github" in src:
        return f"github {src['github']}@{src['commit'][:12]}"
    return f"debian {src['debian']}={src['version']}"


def github_dir(cache, src):
    return cache / "github" / f"{src['github'].replace('/', '+')}@{src['commit']}"


def debian_dir(cache, src):
    return cache / "debian" / f"{src['debian']}_{src['version']}"


def debian_root(d):
    """The tree apt-get source unpacked into d (the one directory in it)."""
    if not d.is_dir():
        return None
    subs = [p for p in d.iterdir() if p.is_dir() and not p.name.endswith(".tmp")]
    return subs[0] if len(subs) == 1 else None


def mirror_git_dir(repo):
    base = MIRROR / repo.replace("/", "+")
    for cand in [base / "repo", base / "repo" / ".git", base]:
        if (cand / "HEAD").exists() and (cand / "objects").is_dir():
            return cand
    if base.is_dir():
        for head in sorted(base.glob("*/HEAD")):
            return head.parent
    return None


def fetch_github(cache, project):
    src = project["source"]
    dest = github_dir(cache, src)
    if (dest / ".pyunbox-complete").exists():
        return dest, None
    git_dir = mirror_git_dir(src["github"])
    if git_dir is None:
        return None, f"source not available here (no mirror of {src['github']} under {MIRROR})"
    if run(["git", "--git-dir", git_dir, "cat-file", "-e", src["commit"] + "^{commit}"]).returncode:
        return None, f"source not available here (commit {src['commit']} not in {git_dir})"
    tmp = dest.with_name(dest.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    paths = project.get("archive_paths", [])
    archive = subprocess.Popen(["git", "--git-dir", str(git_dir), "archive", src["commit"], *paths],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    untar = subprocess.run(["tar", "-x", "-C", str(tmp)], stdin=archive.stdout, capture_output=True)
    archive.stdout.close()
    err = archive.stderr.read().decode(errors="replace")
    if archive.wait() or untar.returncode:
        shutil.rmtree(tmp, ignore_errors=True)
        return None, f"source not available here (git archive failed: {err.strip()[:200]})"
    (tmp / ".pyunbox-complete").write_text(f"{src['github']}@{src['commit']}\n")
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    return dest, None


def fetch_debian_all(cache, projects, allow_fetch):
    """{name: (root, problem)} for the Debian pins; fetches the missing ones with
    one deb-src entry that is removed again afterwards."""
    out, missing = {}, []
    for p in projects:
        root = debian_root(debian_dir(cache, p["source"]))
        if root is not None:
            out[p["name"]] = (root, None)
        else:
            missing.append(p)
    if not missing:
        return out
    if not allow_fetch:
        for p in missing:
            out[p["name"]] = (None, "source not fetched (--no-fetch)")
        return out
    if not shutil.which("dpkg-source"):
        run(root_prefix() + ["apt-get", "install", "-y", "dpkg-dev"],
            env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        subprocess.run(root_prefix() + ["tee", str(DEB_SRC_ENTRY)], input=DEB_SRC_TEXT.encode(),
                       stdout=subprocess.DEVNULL, check=True)
        log("apt-get update (with a deb-src entry for the moment)")
        run(root_prefix() + ["apt-get", "update"], env=env)
        for p in missing:
            src = p["source"]
            d = debian_dir(cache, src)
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir(parents=True)
            r = run(["apt-get", "source", f"{src['debian']}={src['version']}"], cwd=d, env=env)
            root = debian_root(d)
            if r.returncode or root is None:
                why = "tarball missing on the mirror" if "404" in r.stdout + r.stderr else \
                    (r.stderr.strip().splitlines() or ["apt-get source failed"])[-1]
                out[p["name"]] = (None, f"source not available here ({src['debian']}={src['version']}: {why})")
                shutil.rmtree(d, ignore_errors=True)
            else:
                out[p["name"]] = (root, None)
    finally:
        subprocess.run(root_prefix() + ["rm", "-f", str(DEB_SRC_ENTRY)])
        log("apt-get update (deb-src entry removed)")
        run(root_prefix() + ["apt-get", "update"], env=env)
    return out


def install_apt(projects, allow):
    wanted = sorted({a for p in projects for a in p.get("apt", [])})
    missing = []
    for pkg in wanted:
        r = run(["dpkg-query", "-W", "-f", "${Status}", pkg])
        if "install ok installed" not in r.stdout:
            missing.append(pkg)
    if not missing:
        return
    if not allow:
        log(f"not installing {' '.join(missing)} (--no-install): their projects' files may not compile here")
        return
    log(f"apt-get install {' '.join(missing)}")
    r = run(root_prefix() + ["apt-get", "install", "-y", "-q", *missing],
            env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"), timeout=1800)
    if r.returncode:
        log(f"apt-get install failed ({r.stderr.strip()[-300:]}); going on without")


CYTHON = ["cython3"]  # --cython: which Cython makes the .c files
CYTHON_VERSION = ["0.29"]  # and its version, as --cython names it


def cython_command(version):
    """The command of Cython 0.29 (Debian's cython3) or 3.3 (the shared tools'
    Cython 3.3.0, as the tests find it: test/support/pyunbox_testkit/cython.py),
    or (None, why not)."""
    sys.path.insert(0, str(REPO / "test" / "support"))
    from pyunbox_testkit import cython  # noqa: E402
    command = cython.command(version) if version in cython.VERSIONS else None
    if command is None:
        return None, cython.missing_reason(version) or "versions: " + ", ".join(cython.VERSIONS)
    return command, None


def use_cython(version):
    """--cython 0.29 or 3.3: the Cython that makes the .c files."""
    command, why = cython_command(version)
    if command is None:
        raise SystemExit(f"thirdparty: no Cython {version} here: {why}")
    CYTHON[:] = command
    CYTHON_VERSION[:] = [version]


def cython_version(command=None):
    command = command or CYTHON
    r = run([*command, "--version"])
    return (r.stdout + r.stderr).strip() or f"{command[0]} not found"


def cythonize(root, project):
    """Generates the project's .c files from its .pyx with the chosen Cython,
    in the cache next to the .pyx (again where another Cython made them:
    a stamp beside each says which); None, or why it could not."""
    # A project whose build needs Cython 3 (its .pyx do not compile with
    # 0.29) names it: that one, whatever --cython says.
    wanted = project.get("cython_version", CYTHON_VERSION[0])
    command, why = (CYTHON, None) if wanted == CYTHON_VERSION[0] else cython_command(wanted)
    if command is None:
        return f"not compilable here (Cython {wanted}: {why})"
    if not shutil.which(command[0]):
        return f"not compilable here ({command[0]} not installed)"
    version = cython_version(command)
    for item in project["cython"]:
        pyx, _, target = item.partition("=>")
        out = root / target if target else (root / pyx).with_suffix(".c")
        stamp = out.with_name(out.name + ".cython")
        if out.exists() and stamp.exists() and stamp.read_text() == version:
            continue
        # the project's own options (-I, --cplus), and those only Cython 3 knows (-X cpow=True)
        extra = project.get("cython_args", []) + \
            (project.get("cython3_args", []) if wanted != "0.29" else [])
        r = run([*command, "-3", *extra, pyx, "-o", str(out) + ".tmp"], cwd=root)
        if r.returncode:
            return f"{version} failed on {pyx}: {first_error(r.stderr + r.stdout)}"
        os.replace(str(out) + ".tmp", out)
        stamp.write_text(version)
    return None


# 2. Compiling ----------------------------------------------------------------

def flags_for(project, root, scratch):
    flags = ["-fwrapv", "-fPIC", f"-I{PYTHON_INCLUDE[0]}"]
    if project.get("config_headers"):
        cfg = scratch / "config" / project["name"]
        cfg.mkdir(parents=True, exist_ok=True)
        for name, text in project["config_headers"].items():
            (cfg / name).write_text(text)
        flags.append(f"-I{cfg}")
    for inc in project.get("include_dirs", []):
        flags.append(f"-I{inc if os.path.isabs(inc) else root / inc}")
    flags += [f"-D{d}" for d in project.get("defines", [])]
    return flags + EXTRA_CFLAGS


def expand_files(project, root):
    files = []
    for pattern in project["files"]:
        hits = sorted(glob.glob(str(root / pattern)))
        files += [os.path.relpath(h, root) for h in hits] or [pattern]  # a missing file stays listed
    return list(dict.fromkeys(files))


# Arguments in the record only, not in the message (test/support/
# pyunbox_testkit/remarks.py says the same): the table's module.
EXTRA_ARGS = ("Module",)


def parse_yaml_remarks(text):
    """[(kind, name, function, message, module)] of the pyunbox remarks in a
    -fsave-optimization-record file; module is None where the remark has none."""
    out = []
    for doc in re.split(r"^--- ", text, flags=re.M):
        m = re.match(r"!(\w+)", doc)
        if not m or not re.search(r"^Pass:\s+'?pyunbox'?\s*$", doc, re.M):
            continue
        name = re.search(r"^Name:\s+'?([\w.-]+)'?", doc, re.M)
        func = re.search(r"^Function:\s+'?([^'\n]+)'?", doc, re.M)
        args = [(k, q.replace("''", "'") if q else u.strip())
                for k, q, u in re.findall(r"^\s+- (\w+):\s+(?:'((?:[^']|'')*)'|(.*))$", doc, re.M)]
        msg = "".join(v for k, v in args if k not in EXTRA_ARGS)
        module = next((v for k, v in args if k == "Module"), None)
        out.append((m.group(1), name.group(1) if name else "?", func.group(1) if func else "?", msg,
                    module))
    return out


def decided(remarks):
    """The remarks without the "Mined" ones a later "no core for 'f' after
    all: ..." withdrew (the last one on the same wrapper and name before it),
    as pyunbox_testkit.remarks.decided does for the CPython corpus; one
    remark per PyMethodDef entry otherwise."""
    def subject(func, msg):
        m = re.search(r"core for '([^']*)'", msg)
        return func, m.group(1) if m else None
    withdrawn = set()
    for i, (kind, _, func, msg, _) in enumerate(remarks):
        if kind == "Missed" and "' after all: " in msg:
            mined = [k for k in range(i) if k not in withdrawn and remarks[k][0] == "Passed"
                     and subject(remarks[k][2], remarks[k][3]) == subject(func, msg)]
            if mined:
                withdrawn.add(mined[-1])
    return [r for i, r in enumerate(remarks) if i not in withdrawn]


def first_error(stderr):
    for line in stderr.splitlines():
        if "error:" in line or "fatal" in line.lower():
            return line.strip()[:300]
    lines = [l for l in stderr.splitlines() if l.strip()]
    return (lines[-1] if lines else "").strip()[:300]


def crash_kind(proc):
    if proc.returncode == -999:
        return "timeout"
    m = re.search(r"failed with exit code (\d+)", proc.stderr)
    if proc.returncode < 0 or (m and int(m.group(1)) >= 128) or "Stack dump" in proc.stderr \
            or "due to signal" in proc.stderr or "PLEASE submit a bug report" in proc.stderr:
        return "signal"
    return "error"


def crash_site(stderr):
    """The innermost stack frame in the plugin's own source, when there is a stack dump."""
    for line in stderr.splitlines():
        m = re.match(r"\s*#\d+ 0x[0-9a-f]+ (.*?) (/\S*passes/\S+)$", line)
        if m:
            name = m.group(1)
            return f"{name[:120]} {m.group(2).rsplit('/', 2)[-2]}/{m.group(2).rsplit('/', 1)[-1]}"
    return None


def save_finding(findings, project, rel, level, kind, cmd, cwd, flags, src_path, stderr, extra=""):
    d = findings / project["name"] / f"{Path(rel).stem}-{level}-{kind}"
    d.mkdir(parents=True, exist_ok=True)
    pre = run([CLANG, "-E", *flags, src_path], cwd=cwd)
    # Preprocessed C++ is .ii: clang reads a .i file as C.
    preprocessed = "preprocessed.ii" if Path(src_path).suffix in CXX_SUFFIXES else "preprocessed.i"
    (d / preprocessed).write_text(pre.stdout)
    (d / "stderr.txt").write_text(stderr + ("\n" + extra if extra else ""))
    repro = [c if not str(c).endswith("libPyUnbox.so") else str(PLUGIN) for c in cmd]
    (d / "command.sh").write_text(
        "#!/bin/sh\n# " + f"{project['name']} {project['version']} ({source_label(project['source'])}): {rel} at -{level}: {kind}\n"
        f"# original, from {cwd}:\n# " + " ".join(shlex.quote(str(c)) for c in repro) + "\n"
        "# on the preprocessed file:\n"
        + " ".join(shlex.quote(str(c)) for c in [CLANG, f"-{level}", "-fwrapv", "-fPIC", *EXTRA_CFLAGS,
                                                  f"-fpass-plugin={PLUGIN}",
                                                  "-Rpass=pyunbox", "-Rpass-missed=pyunbox", "-S", "-emit-llvm",
                                                  "-o", "/tmp/out.ll"]) + f" \"$(dirname \"$0\")/{preprocessed}\"\n")
    return str(d)


def compile_file(ctx, project, root, rel):
    """Everything about one file; runs in a worker thread."""
    src = root / rel
    tag = f"{project['name']}/{rel}"
    work = ctx["scratch"] / "out" / project["name"] / rel.replace("/", "__")
    work.mkdir(parents=True, exist_ok=True)
    flags = flags_for(project, root, ctx["scratch"])
    res = {"file": rel, "levels": {}}
    if not src.exists():
        res.update(compiles=False, why=f"no such file {rel} in the source")
        return res
    plain = run([CLANG, "-fsyntax-only", "-w", *flags, src], cwd=root)
    if plain.returncode:
        res.update(compiles=False, why=first_error(plain.stderr).replace(f"{root}/", ""))
        return res
    res["compiles"] = True
    for level in ctx["levels"]:
        lv = res["levels"][level] = {"crash": None, "internal_errors": [], "verifier": None,
                                     "wrappers": 0, "mined": 0, "missed": {}, "cores": 0, "findings": []}
        ll, obj, yaml = work / f"{level}.ll", work / f"{level}.o", work / f"{level}.opt.yaml"
        cmd = [CLANG, f"-{level}", *flags, f"-fpass-plugin={ctx['plugin']}",
               "-Rpass=pyunbox", "-Rpass-missed=pyunbox", "-fsave-optimization-record",
               f"-foptimization-record-file={yaml}", "-foptimization-record-passes=pyunbox",
               "-S", "-emit-llvm", "-o", ll, src]
        t0 = time.monotonic()
        built = run(cmd, cwd=root)
        lv["seconds"] = round(time.monotonic() - t0, 2)
        (work / f"{level}.stderr").write_text(built.stderr)
        if built.returncode:
            same_plain = run([CLANG, f"-{level}", "-w", *flags, "-c", "-o", "/dev/null", src], cwd=root)
            if same_plain.returncode:  # not the plugin's doing
                lv["not_compilable"] = first_error(same_plain.stderr).replace(f"{root}/", "")
                continue
            lv["crash"] = {"stage": "compile", "kind": crash_kind(built), "rc": built.returncode,
                           "message": first_error(built.stderr), "site": crash_site(built.stderr)}
            lv["findings"].append(save_finding(ctx["findings"], project, rel, level, "crash", cmd, root,
                                               flags, src, built.stderr))
            log(f"CRASH {tag} -{level}: {lv['crash']['message']}")
            continue
        remarks = parse_yaml_remarks(yaml.read_text(errors="replace")) if yaml.exists() else []
        if not remarks:  # no YAML (older clang?): the -Rpass lines
            for m in REMARK.finditer(built.stderr):
                remarks.append(("Passed", "Mined", m["core"], m["proto"], None) if m["core"]
                               else ("Missed", "?", m["miss"], m["reason"], None))
        remarks = decided(remarks)
        lv["remarks"] = [{"kind": k, "key": n, "function": f, "message": m, "module": mod}
                         for k, n, f, m, mod in remarks]
        for kind, name, func, msg, _ in remarks:
            if kind == "Passed":
                lv["mined"] += 1
                lv["wrappers"] += 1
            elif kind == "Missed":
                lv["wrappers"] += 1
                lv["missed"][name] = lv["missed"].get(name, 0) + 1
                if name == "InternalError":
                    lv["internal_errors"].append(f"{func}: {msg}")
        if lv["internal_errors"]:
            lv["findings"].append(save_finding(ctx["findings"], project, rel, level, "internal-error", cmd,
                                               root, flags, src, built.stderr,
                                               "\n".join(lv["internal_errors"])))
            log(f"INTERNAL ERROR {tag} -{level}: {lv['internal_errors'][0][:200]}")
        ver = run([OPT, "-passes=verify", "-disable-output", ll])
        if ver.returncode:
            lv["verifier"] = first_error(ver.stderr)
            lv["findings"].append(save_finding(ctx["findings"], project, rel, level, "verifier", cmd, root,
                                               flags, src, ver.stderr))
            log(f"VERIFIER {tag} -{level}: {lv['verifier']}")
            continue
        # llc knows -O0 to -O3 only: clang's -Os and -Oz generate code as -O2 does.
        cg_level = "O2" if level in ("Os", "Oz") else level
        cg = run([LLC, f"-{cg_level}", "-relocation-model=pic", "-filetype=obj", "-o", obj, ll])
        if cg.returncode:
            same_plain = run([CLANG, f"-{level}", "-w", *flags, "-c", "-o", "/dev/null", src], cwd=root)
            if same_plain.returncode:  # e.g. inline asm that needs -O2's constants: not the plugin's doing
                lv["not_compilable"] = first_error(same_plain.stderr).replace(f"{root}/", "")
                continue
            lv["crash"] = {"stage": "codegen", "kind": crash_kind(cg), "rc": cg.returncode,
                           "message": first_error(cg.stderr)}
            lv["findings"].append(save_finding(ctx["findings"], project, rel, level, "codegen", cmd, root,
                                               flags, src, cg.stderr))
            log(f"CRASH (codegen of the plugin's IR) {tag} -{level}: {lv['crash']['message']}")
            continue
        dump = run([ctx["dump"], "--json", obj])
        try:
            records = json.loads(dump.stdout)["records"] if dump.returncode == 0 else []
            lv["cores"] = len(records)
            lv["core_names"] = [r.get("python_name") for r in records]
            lv["core_records"] = [{"python_name": r.get("python_name"), "module": r.get("module"),
                                   "needs_interpreter": r.get("needs_interpreter")} for r in records]
        except (ValueError, KeyError):
            lv["dump_error"] = first_error(dump.stderr or dump.stdout)
            lv["cores"] = lv["mined"]
    if not ctx["keep"]:
        shutil.rmtree(work, ignore_errors=True)
    return res


# 3. Summing up ---------------------------------------------------------------

def summarize(project, result, levels):
    files = result.get("files", [])
    # A file compiles here when the plain build succeeds at every level.
    ok = [f for f in files if f.get("compiles")
          and not any(lv.get("not_compilable") for lv in f.get("levels", {}).values())]
    s = {"files": len(files), "compiles": len(ok), "not_compilable": len(files) - len(ok)}
    for level in levels:
        lvs = [f["levels"][level] for f in files if level in f.get("levels", {})]
        s[level] = {
            "crashes": sum(1 for l in lvs if l["crash"]),
            "internal_errors": sum(len(l["internal_errors"]) for l in lvs),
            "verifier_failures": sum(1 for l in lvs if l["verifier"]),
            "wrappers": sum(l["wrappers"] for l in lvs),
            "mined": sum(l["mined"] for l in lvs),
            "cores": sum(l["cores"] for l in lvs),
            "not_compilable_at_level": sum(1 for l in lvs if l.get("not_compilable")),
        }
    return s


def pair(s, levels, key):
    return "/".join(str(s[l][key]) for l in levels)


def table(results, levels, markdown=False):
    head = ["project", "version", "source", "files", "compiles", "not compilable here",
            "crashes", "internal errors", "verifier failures", "wrappers seen", "cores"]
    rows = []
    tot = collections.Counter()
    for r in results:
        if r.get("skipped"):
            rows.append([r["name"], r["version"], r["source"], "–", "–", "–", "–", "–", "–", "–",
                         "– (" + r["skipped"] + ")"])
            continue
        s = r["summary"]
        rows.append([r["name"], r["version"], r["source"], s["files"], s["compiles"], s["not_compilable"],
                     pair(s, levels, "crashes"), pair(s, levels, "internal_errors"),
                     pair(s, levels, "verifier_failures"), pair(s, levels, "wrappers"),
                     pair(s, levels, "cores")])
        for k in ("files", "compiles", "not_compilable"):
            tot[k] += s[k]
        for l in levels:
            for k in ("crashes", "internal_errors", "verifier_failures", "wrappers", "cores"):
                tot[(l, k)] += s[l][k]
    done = [r for r in results if not r.get("skipped")]
    t = {"files": tot["files"], "compiles": tot["compiles"], "not_compilable": tot["not_compilable"]}
    for l in levels:
        t[l] = {k: tot[(l, k)] for k in ("crashes", "internal_errors", "verifier_failures", "wrappers", "cores")}
    rows.append([f"all ({len(done)} projects)", "", "", t["files"], t["compiles"], t["not_compilable"],
                 pair(t, levels, "crashes"), pair(t, levels, "internal_errors"),
                 pair(t, levels, "verifier_failures"), pair(t, levels, "wrappers"), pair(t, levels, "cores")])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|---|---|---|" + "---:|" * (len(head) - 3)]
        for i, row in enumerate(rows):
            cells = [str(c) for c in row]
            if i == len(rows) - 1:
                cells = [f"**{c}**" if c else c for c in cells]
            else:
                cells[0] = f"`{cells[0]}`"
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines), t
    widths = [max(len(str(row[i])) for row in [head] + rows) for i in range(len(head))]
    fmt = lambda row: "  ".join(str(c).ljust(w) if i < 3 else str(c).rjust(w)
                                for i, (c, w) in enumerate(zip(row, widths)))
    return "\n".join([fmt(head), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]), t


def refusal_keys(results, levels):
    keys = {l: collections.Counter() for l in levels}
    for r in results:
        for f in r.get("files", []):
            for l, lv in f.get("levels", {}).items():
                keys[l].update(lv["missed"])
    return keys


# What the mining table counts (docs/CORPUS.md, "Third-party extensions").
CORPUS_BEGIN = "<!-- thirdparty: generated by scripts/thirdparty.sh --write-corpus -->"
CORPUS_END = "<!-- thirdparty: end -->"


def object_keys():
    """The refusal keys that say an argument or the result is an object
    (scripts/corpus/source.py's OBJECT_KEYS, the CPython corpus's rule)."""
    sys.path.insert(0, str(HERE))
    import source  # noqa: E402
    return source.OBJECT_KEYS


def mining(project_result, level):
    """The module-level functions of one project at one level: how many,
    how many have an all-scalar signature (eligible), how many are mined and
    usable without the interpreter, and why the other eligible ones are not."""
    keys = object_keys()
    m = {"functions": 0, "module_level": 0, "elsewhere": 0, "eligible": 0, "mined": 0,
         "no_interpreter": 0, "reasons": collections.Counter()}
    for f in project_result.get("files", []):
        lv = f.get("levels", {}).get(level)
        if not lv or lv.get("not_compilable") or lv.get("crash"):
            continue
        free = {r["python_name"] for r in lv.get("core_records", []) if not r["needs_interpreter"]}
        for r in lv.get("remarks", []):
            if r["kind"] not in ("Passed", "Missed"):
                continue
            m["functions"] += 1
            if not r.get("module"):
                continue  # a type's method, or a table no PyModuleDef names
            m["module_level"] += 1
            mined = r["kind"] == "Passed"
            if not mined and r["key"] == "NotDefined":
                m["elsewhere"] += 1  # its signature is not known here
                continue
            if not mined and r["key"] in keys:
                continue  # an argument or the result is an object
            m["eligible"] += 1
            if mined:
                m["mined"] += 1
                python_name = re.match(r"core for '([^']*)'", r["message"])
                m["no_interpreter"] += bool(python_name and python_name.group(1) in free)
            else:
                m["reasons"][r["key"]] += 1
    return m


def corpus_section(out, checked, level="O2"):
    """The third-party part of docs/CORPUS.md, between its markers; checked:
    thirdparty_cores.check_all's totals."""
    rows, tot = [], collections.Counter()
    reasons_all = collections.Counter()
    for r in out["projects"]:
        if r.get("skipped"):
            continue
        m = mining(r, level)
        for k in ("functions", "module_level", "elsewhere", "eligible", "mined", "no_interpreter"):
            tot[k] += m[k]
        reasons_all.update(m["reasons"])
        share = f"{100 * m['mined'] // m['eligible']}%" if m["eligible"] else "–"
        reasons = ", ".join(f"`{k}` {n}" for k, n in m["reasons"].most_common()) or "–"
        rows.append(f"| `{r['name']}` | {r['version']} | {m['functions']} | {m['module_level']} | "
                    f"{m['elsewhere']} | {m['eligible']} | {m['mined']} | {share} | "
                    f"{m['no_interpreter']} | {reasons} |")
    share = f"{100 * tot['mined'] // tot['eligible']}%" if tot["eligible"] else "–"
    rows.append(f"| **all** | | {tot['functions']} | {tot['module_level']} | {tot['elsewhere']} | "
                f"{tot['eligible']} | "
                f"{tot['mined']} | {share} | {tot['no_interpreter']} | "
                + (", ".join(f"`{k}` {n}" for k, n in reasons_all.most_common()) or "–") + " |")
    return "\n".join([
        CORPUS_BEGIN,
        "## Third-party extensions",
        "",
        f"The projects of `scripts/corpus/projects.json` (docs/THIRDPARTY.md: pins, what compiles "
        f"here), compiled with the plugin at `-{level}` by `scripts/thirdparty.sh`; ran on "
        f"{out['date']} at commit `{out['commit']}`: {out['clang']}; {out['cython']} (for the "
        "Cython projects). No CPython tests run here; the counts are the plugin's remarks and "
        "records. The cores of the files that link and import alone are called and compared "
        "with their wrappers (`scripts/corpus/thirdparty_cores.py`, by the CPython corpus's "
        "rules; most third-party files need their project's other files or libraries for "
        f"that): {checked['checked']} of {checked['cores']} cores checked on "
        f"{checked['tuples']:,} argument tuples ({checked['left_out']} left out, where the wrapper "
        f"alone crashes, runs over 2 s or disagrees with itself), "
        f"{len(checked['mismatches'])} mismatches.",
        "",
        "| project | version | functions | module-level | defined in another file | eligible | mined | "
        "mined/eligible | usable without the interpreter | why the other eligible ones are not mined |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
        *rows,
        "",
        "- **functions**: one per remark of the plugin (every function of every `PyMethodDef` table).",
        "- **module-level**: the function's table is a `PyModuleDef`'s (the remark's `Module` "
        "argument in the optimization record); types' methods and tables added at import "
        "(`PyModule_AddFunctions`) are not counted further, nor are Cython's functions (each in a "
        "one-entry table of its own, which does not say whether it is a module's or a class's).",
        "- **defined in another file**: refused `NotDefined` where its table is compiled; its "
        "signature is not known here. A full-LTO link with the plugin mines them "
        "(docs/PASS.md, \"Whole programs under LTO\"); this run compiles each file alone.",
        "- **eligible**: the Python signature is all C scalars, by the CPython corpus's rule for "
        "hand-written functions: mined, or refused for a reason that is not about an object "
        "argument or result (`scripts/corpus/source.py`'s `OBJECT_KEYS`).",
        "- **usable without the interpreter**: mined, and the record says `needs_interpreter: no` "
        "(Numba and other callers without the GIL can call it).",
        CORPUS_END,
    ])


def write_corpus(path, out, jobs=1):
    """Puts the third-party section into docs/CORPUS.md, in place of the one
    there; jobs: projects whose cores are checked at once."""
    path = Path(path)
    text = path.read_text() if path.exists() else ""
    import thirdparty_cores  # noqa: E402  (imports this module: here, not at the top)
    checked = thirdparty_cores.check_all(out, say=log, jobs=jobs)
    section = corpus_section(out, checked)
    if CORPUS_BEGIN in text and CORPUS_END in text:
        head, rest = text.split(CORPUS_BEGIN, 1)
        text = head + section + rest.split(CORPUS_END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)
    log(f"wrote the third-party section of {path}")


def write_doc(path, out, levels):
    md, tot = table(out["projects"], levels, markdown=True)
    keys = out["refusal_keys"]
    lines = [
        "# Third-party C extensions compiled with pyunbox",
        "",
        "<!-- Generated by scripts/thirdparty.sh --write-doc, except the KEPT section. -->",
        "",
        "Real code nobody here wrote: the C extension sources of third-party projects, each pinned "
        "to a version (`scripts/corpus/projects.json`), compiled with the plugin at "
        + " and ".join(f"`-{l}`" for l in levels) + " (always `-fwrapv -fPIC -I/usr/include/python3.11`, "
        "the project's own include dirs and defines, `-Rpass=pyunbox -Rpass-missed=pyunbox`, remarks saved "
        "with `-fsave-optimization-record`). The promise checked here is the one of issue 12: "
        "the plugin never breaks a build (0 crashes), never leaves invalid IR (0 verifier failures), "
        "and never shows an internal error.",
        "",
        "## Run it",
        "",
        "```sh",
        "scripts/thirdparty.sh                    # setup + build, fetch what is missing, compile all, print the table",
        "scripts/thirdparty.sh --jobs 2 --json results.json",
        "scripts/thirdparty.sh --only noise,mmh3  # some projects",
        "scripts/thirdparty.sh --write-doc        # also rewrite this file",
        "scripts/thirdparty.sh --cflags=-g --findings /tmp/corpus-findings/with-g   # a side run",
        "scripts/thirdparty.sh --python-include /usr/include/pypy3.9               # PyPy's headers",
        "scripts/thirdparty.sh --cython 3.3 --only frozenlist,msgpack,pyyaml,yarl  # the Cython projects through Cython 3.3",
        "/usr/bin/python3 scripts/corpus/thirdparty_cores.py ~/.cache/pyunbox-thirdparty/results.json --jobs 2  # call the cores, two projects at once",
        "```",
        "",
        "`thirdparty_cores.py` links each file that got cores into an extension of its own (with the "
        "project's `link` flags; if it does not link or import alone, with its project's other files, "
        "built without the plugin), imports it, and compares every core of a module-level function with "
        "its wrapper: on each edge value of each C type with the other parameters at an ordinary "
        "value, then on 2,000 tuples drawn from the edge values of every parameter at once. A tuple "
        "on which the calls run over 2 s or crash is tried on the wrapper alone: where the wrapper "
        "does the same (noise's `pnoise1` divides by zero for `lacunarity` 0.5 and `repeat` 1), it is "
        "left out and counted; where the wrapper alone returns, the core is at fault, a mismatch. "
        "A core that writes the module's state and its wrapper are called each in a fork of its own, "
        "from the same state (results compared, not the state after). Where a core differs from its "
        "wrapper, the wrapper is called three more times, each in a fork from the same state: if "
        "those calls disagree among themselves (yappi's `get_clock_time` reads a clock), the tuple is "
        "left out, not a mismatch. Files that need their "
        "project's libraries or Python package, and types' methods, are listed as not checked, with "
        "the reason.",
        "",
        "The Cython projects' `.c` files are made by Debian's `cython3` (0.29) unless `--cython 3.3` "
        "asks for Cython 3.3.0 from the shared tools (`../shared/tools/cython-3.3.0.tar.gz`, as "
        "`test/support/pyunbox_testkit/cython.py` finds it); a project whose build needs Cython 3 "
        "(`cython_version` in its entry) gets 3.3 either way. A stamp beside each generated file says "
        "which Cython made it, so switching regenerates.",
        "",
        "`PYUNBOX_THIRDPARTY_NO_BUILD=1` skips setup and build. "
        "The compiler, `opt` and `llc` are those of the LLVM the build dir was configured with "
        "(`build/`: LLVM 19, whose `clang-19` the steps below name); `PYUNBOX_BUILD_DIR=DIR` with a build "
        "for another LLVM compiles the corpus with that LLVM's clang and that build's plugin. "
        "The sources go to a cache outside git (`~/.cache/pyunbox-thirdparty`, or `--cache DIR`): "
        "GitHub pins are read from the local mirror "
        "of public repositories (`/work/.mirror/OWNER+NAME/`, or `$PYUNBOX_MIRROR`; a project whose "
        "repository is not there is listed with \"source not available here\"), Debian pins are fetched "
        "with `apt-get source PKG=VERSION` through a `deb-src` entry for bookworm that is added for the "
        "fetch and removed again. Headers a project needs from Debian (`apt` in projects.json) are "
        "installed when missing (`--no-install` to not). The run copies the plugin and `pyunbox-dump` "
        "into its temporary directory first, so that a rebuild of `build/` during the run changes nothing. "
        "The JSON output (`--json`, default `CACHE/results.json`) has every file's outcome at each level "
        "and every remark of the plugin (key, function, message). The exit status is non-zero when "
        "there is a crash, an internal error or a verifier failure.",
        "",
        "For each file of a project:",
        "",
        "1. **compiles**: a plain `clang-19 -fsyntax-only` with the same flags and no plugin. A file that "
        "fails here is **not compilable here** (a missing library header, a configure step that is not "
        "run, a Python version it does not support) and is not counted further; so is a file whose "
        "plain `-OX -c` build fails at one level (checked wherever the plugin build fails).",
        "2. at each level, the plugin build: `clang-19 -OX -fpass-plugin=libPyUnbox.so -S -emit-llvm` "
        "with the remarks. A **crash** is this build failing (a signal or a non-zero exit) where the "
        "same plain build (`-OX -c`, no plugin) succeeds, or `llc` failing on the IR it produced; "
        "a reproducer (`clang-19 -E` output and the exact command) is saved under "
        "`/tmp/corpus-findings/PROJECT/FILE-LEVEL-KIND/`.",
        "3. **verifier failures**: `opt -passes=verify` on that IR.",
        "4. **internal errors**: remarks with key `InternalError` (\"please report this\").",
        "5. **wrappers seen**: the plugin's remarks on `PyMethodDef` functions (one `Mined` or one missed "
        "remark each); **cores**: records of `pyunbox-dump --json` on the object made from that IR.",
        "",
        "Cells with two numbers are " + " / ".join(f"`-{l}`" for l in levels) + ".",
        "",
        "## Results",
        "",
        f"Ran on {out['date']} at commit `{out['commit']}` (plugin built {out.get('plugin_built', '?')}): "
        f"{out['clang']}; {out['cython']} "
        "(for the Cython projects; 3.3.0 for those whose entry names it); " f"{out['platform']}. "
        f"{out['seconds']:.0f} s with {out['jobs']} jobs.",
        "",
        md,
        "",
    ]
    for l in levels:
        top = keys[l].most_common(15)
        lines.append(f"Top refusal keys at `-{l}` (missed remarks over the whole corpus): "
                     + ", ".join(f"`{k}` {n}" for k, n in top) + ".")
        lines.append("")
    problems = [(r["name"], f["file"], l, lv) for r in out["projects"] for f in r.get("files", [])
                for l, lv in f.get("levels", {}).items()
                if lv["crash"] or lv["internal_errors"] or lv["verifier"]]
    lines += ["## Crashes, internal errors and verifier failures of this run", ""]
    if not problems:
        lines.append("None.")
    for name, rel, l, lv in problems:
        what = []
        if lv["crash"]:
            what.append(f"crash ({lv['crash']['stage']}, {lv['crash']['kind']}): {lv['crash']['message']}"
                        + (f" in `{lv['crash']['site']}`" if lv['crash'].get('site') else ""))
        if lv["verifier"]:
            what.append(f"verifier: {lv['verifier']}")
        for e in lv["internal_errors"]:
            what.append(f"internal error in {e}")
        lines.append(f"- `{name}` `{rel}` `-{l}`: " + "; ".join(w.replace("|", "\\|") for w in what))
    lines.append("")
    nc = [(r["name"], f["file"], f.get("why", "")) for r in out["projects"] for f in r.get("files", [])
          if not f.get("compiles")]
    nc += [(r["name"], f["file"], f"at -{l} only: " + lv["not_compilable"])
           for r in out["projects"] for f in r.get("files", []) for l, lv in f.get("levels", {}).items()
           if lv.get("not_compilable")]
    lines += ["## Not compilable here", ""]
    lines += [f"- `{n}` `{f}`: {w}" for n, f, w in nc] or ["None."]
    lines += ["", "## Pins", "", "| project | version | source | files | include dirs | defines |",
              "|---|---|---|---|---|---|"]
    for p in out["pins"]:
        src = p["source"]
        where = (f"github `{src['github']}` @ `{src['commit']}`" if "github" in src
                 else f"Debian source `{src['debian']}={src['version']}`")
        lines.append(f"| `{p['name']}` | {p['version']} | {where} | "
                     + ", ".join(f"`{f}`" for f in p["files"]) + " | "
                     + ", ".join(f"`{i}`" for i in p.get("include_dirs", [])) + " | "
                     + ", ".join(f"`{d}`" for d in p.get("defines", [])).replace("|", "\\|") + " |")
    notes = [p for p in out["pins"] if p.get("note") or p.get("config_headers") or p.get("apt")]
    if notes:
        lines += ["", "Notes:", ""]
        for p in notes:
            bits = []
            if p.get("note"):
                bits.append(p["note"])
            if p.get("apt"):
                bits.append("Debian packages it needs: " + ", ".join(f"`{a}`" for a in p["apt"]))
            if p.get("config_headers"):
                bits.append("a generated " + ", ".join(f"`{h}`" for h in p["config_headers"])
                            + " (written by the script in place of the project's configure step)")
            lines.append(f"- `{p['name']}`: " + "; ".join(bits) + ".")
    # A hand-written section (the defects found so far) survives regeneration.
    kept = "<!-- BEGIN KEPT: written by hand, kept by --write-doc -->\n## Defects found by this corpus\n\n" \
           "<!-- END KEPT -->"
    if Path(path).exists():
        m = re.search(r"<!-- BEGIN KEPT.*?<!-- END KEPT -->", Path(path).read_text(), re.S)
        if m:
            kept = m.group(0)
    at = lines.index("## Crashes, internal errors and verifier failures of this run")
    lines[at:at] = [kept, ""]
    Path(path).write_text("\n".join(lines) + "\n")


# 4. Main -----------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 2, help="parallel compiles (default: all cores)")
    ap.add_argument("--only", default="", help="comma-separated project names")
    ap.add_argument("--levels", default=",".join(LEVELS), help="default O0,O2")
    ap.add_argument("--json", default=None, help="write the results here (default: CACHE/results.json)")
    ap.add_argument("--cache", default=str(CACHE), help=f"source cache outside git (default {CACHE})")
    ap.add_argument("--findings", default=str(FINDINGS), help=f"reproducers go here (default {FINDINGS})")
    ap.add_argument("--plugin", default=str(PLUGIN))
    ap.add_argument("--dump", default=str(DUMP))
    ap.add_argument("--cflags", default="", help="more flags for every compile, e.g. --cflags=-g (a side run)")
    ap.add_argument("--python-include", default=PY_INCLUDE,
                    help=f"the Python headers (default {PY_INCLUDE}; /usr/include/pypy3.9 for PyPy's)")
    ap.add_argument("--cython", default="0.29",
                    help="the Cython that makes the Cython projects' .c files: 0.29 "
                         "(Debian's cython3, the default) or 3.3 (../shared/tools)")
    ap.add_argument("--no-fetch", action="store_true", help="use the cache only")
    ap.add_argument("--no-install", action="store_true", help="do not apt-get install missing headers")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory (IR, objects, remarks)")
    ap.add_argument("--write-corpus", nargs="?", const=str(REPO / "docs" / "CORPUS.md"), default=None,
                    help="put the mining table into docs/CORPUS.md (or this file), after calling the "
                         "cores (thirdparty_cores.py, --jobs projects at once)")
    ap.add_argument("--write-doc", nargs="?", const=str(REPO / "docs" / "THIRDPARTY.md"), default=None,
                    help="write docs/THIRDPARTY.md (or the given path) from this run")
    args = ap.parse_args(argv)
    levels = [l.strip().lstrip("-") for l in args.levels.split(",") if l.strip()]
    EXTRA_CFLAGS[:] = shlex.split(args.cflags)
    PYTHON_INCLUDE[0] = args.python_include
    use_cython(args.cython)
    cache = Path(args.cache).expanduser()
    cache.mkdir(parents=True, exist_ok=True)
    config = json.loads(PROJECTS.read_text())
    projects = config["projects"]
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {p["name"] for p in projects}
        if unknown:
            raise SystemExit(f"thirdparty: unknown project(s): {', '.join(sorted(unknown))}")
        projects = [p for p in projects if p["name"] in wanted]

    # A private copy of the plugin and dump tool: build/ may be rebuilt meanwhile.
    scratch = Path(tempfile.mkdtemp(prefix="pyunbox-thirdparty-"))
    for tool in (args.plugin, args.dump):
        for _ in range(60):
            if Path(tool).exists():
                break
            log(f"waiting for {tool} (build/ being rebuilt?)")
            time.sleep(10)
        else:
            raise SystemExit(f"thirdparty: {tool} does not exist: build first (scripts/build.sh)")
    plugin_built = datetime.datetime.fromtimestamp(Path(args.plugin).stat().st_mtime, datetime.timezone.utc) \
        .strftime("%Y-%m-%d %H:%M UTC")
    plugin = scratch / "libPyUnbox.so"
    dump = scratch / "pyunbox-dump"
    shutil.copy2(args.plugin, plugin)
    shutil.copy2(args.dump, dump)
    for tool in (CLANG, OPT, LLC):
        if not shutil.which(tool):
            raise SystemExit(f"thirdparty: {tool} not found (scripts/setup.sh installs it)")

    t0 = time.monotonic()
    install_apt(projects, not args.no_install)
    roots, skipped = {}, {}
    for p in projects:
        if "github" in p["source"]:
            root, why = fetch_github(cache, p)
            if root is None and not args.no_fetch:
                pass
            (roots if root else skipped)[p["name"]] = root or why
    deb = fetch_debian_all(cache, [p for p in projects if "debian" in p["source"]], not args.no_fetch)
    for name, (root, why) in deb.items():
        (roots if root else skipped)[name] = root or why
    for p in projects:
        if p["name"] in roots and p.get("cython"):
            why = cythonize(Path(roots[p["name"]]), p)
            if why:
                skipped[p["name"]] = why
                del roots[p["name"]]
    for name, why in skipped.items():
        log(f"{name}: {why}")

    ctx = {"scratch": scratch, "plugin": plugin, "dump": dump, "levels": levels,
           "findings": Path(args.findings), "keep": args.keep}
    tasks = []
    for p in projects:
        if p["name"] in roots:
            root = Path(roots[p["name"]])
            for rel in expand_files(p, root):
                size = (root / rel).stat().st_size if (root / rel).exists() else 0
                tasks.append((size, p, root, rel))
    tasks.sort(key=lambda t: -t[0])  # big files first: better packing
    per_file = {}
    log(f"{len(tasks)} files of {len(roots)} projects, levels {', '.join(levels)}, {args.jobs} jobs; "
        f"plugin copied to {plugin}")
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futs = {pool.submit(compile_file, ctx, p, root, rel): (p["name"], rel) for _, p, root, rel in tasks}
        for i, fut in enumerate(concurrent.futures.as_completed(futs), 1):
            name, rel = futs[fut]
            try:
                res = fut.result()
            except Exception as e:  # a bug of this script: say so, keep going
                res = {"file": rel, "compiles": False, "why": f"thirdparty.py error: {type(e).__name__}: {e}",
                       "levels": {}}
            per_file[(name, rel)] = res
            if res.get("compiles"):
                bits = ", ".join(f"-{l} {lv['cores']}/{lv['wrappers']} cores"
                                 + (" CRASH" if lv["crash"] else "") + (" IE" if lv["internal_errors"] else "")
                                 + (" VERIFIER" if lv["verifier"] else "")
                                 for l, lv in res["levels"].items())
            else:
                bits = "not compilable here: " + res.get("why", "")[:160]
            log(f"[{i}/{len(tasks)}] {name}/{rel}: {bits}")

    results = []
    for p in projects:
        entry = {"name": p["name"], "version": p["version"], "source": source_label(p["source"])}
        if p["name"] not in roots:
            entry["skipped"] = skipped.get(p["name"], "source not available here")
        else:
            root = Path(roots[p["name"]])
            entry["root"] = str(root)
            entry["files"] = [per_file[(p["name"], rel)] for rel in expand_files(p, root)]
            entry["summary"] = summarize(p, entry, levels)
        results.append(entry)
    keys = refusal_keys(results, levels)
    commit = run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"]).stdout.strip()
    clang_v = run([CLANG, "--version"]).stdout.splitlines()[0]
    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    out = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
           "commit": commit, "clang": clang_v, "cython": cython_version(),
           "platform": f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} CPUs",
           "jobs": args.jobs, "levels": levels, "cflags": EXTRA_CFLAGS, "python_include": PYTHON_INCLUDE[0], "seconds": time.monotonic() - t0,
           "plugin": args.plugin, "plugin_built": plugin_built, "projects": results,
           "refusal_keys": {l: dict(keys[l].most_common()) for l in levels},
           "pins": projects}
    text, tot = table(results, levels)
    print()
    print(text)
    print()
    for l in levels:
        print(f"top refusal keys at -{l}: " + ", ".join(f"{k} {n}" for k, n in keys[l].most_common(12)))
    json_path = Path(args.json) if args.json else cache / "results.json"
    json_path.write_text(json.dumps(out, indent=1, default=str))
    print(f"thirdparty: results in {json_path}")
    if args.write_doc:
        write_doc(args.write_doc, dict(out, refusal_keys=keys), levels)
        print(f"thirdparty: wrote {args.write_doc}")
    if args.write_corpus:
        write_corpus(args.write_corpus, out, jobs=args.jobs)
    if args.keep:
        print(f"thirdparty: kept {scratch}")
    else:
        shutil.rmtree(scratch, ignore_errors=True)
    bad = sum(tot[l]["crashes"] + tot[l]["verifier_failures"] + tot[l]["internal_errors"] for l in levels)
    print(f"thirdparty: {len([r for r in results if not r.get('skipped')])} projects, {tot['files']} files, "
          f"{tot['compiles']} compile here; crashes {pair(tot, levels, 'crashes')}, internal errors "
          f"{pair(tot, levels, 'internal_errors')}, verifier failures {pair(tot, levels, 'verifier_failures')}, "
          f"cores {pair(tot, levels, 'cores')}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
