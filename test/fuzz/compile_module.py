"""Build one generated module the way Python builds extensions (-fwrapv
-fPIC -shared), with and without the plugin, at -O0 and -O2, and find what
went wrong in the compiler: crashes, verifier failures, internal errors.

The plugin build is one clang run (the build dir's LLVM) with the plugin and
-fverify-intermediate-code (clang 17 and later; VERIFY_IR): Debian's LLVM has
no assertions and its clang skips the verifier unless asked, so the IR after
the whole pipeline (pyunbox included) is verified before code generation. Remarks go to stderr
(-Rpass-missed/-Rpass) and to a YAML record file for their keys.

For PyPy (`fuzz.py --python pypy3`) the builds use PyPy's headers, and the
one function of CPython's C API the generator calls that PyPy's cpyext lacks,
_PyLong_AsInt, comes from test/support/pypy_compat (declared by a forced
include, defined in an object linked into every build), as the e2e suite
builds its shapes for PyPy: the pass sees the call it knows.

Both builds include a precompiled header of the module's prelude (the leading
#define and #include lines, compiled with the same flags): the same tokens
as the source, parsed once per run instead of four times per module. A
module whose prelude differs gets its own header; the source is unchanged,
so its own directives then find their guards already set. Each build is
compiled (-c) and then linked by the very command clang's driver runs for
`-shared` (read once from `clang -###`): a second driver process per build
would cost more than the compile.
"""
import functools
import hashlib
import os
import re
import shlex
import signal
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "support"))
from pyunbox_testkit.paths import CLANG, LLVM_MAJOR  # noqa: E402  (the build dir's LLVM)

# The driver flag that keeps LLVM's verifier on after every pass (Debian's
# clang, built without assertions, turns it off) is clang 17's: clang 15 and
# 16 refuse it, and there the only IR check is the plugin's own: it verifies
# each core it outlines (a broken one is an InternalError, not a core).
VERIFY_IR = ["-fverify-intermediate-code"] if LLVM_MAJOR >= 17 else []

PY_INCLUDE = sysconfig.get_paths()["include"]
OPT_LEVELS = ("O0", "O2")
COMPILE_TIMEOUT = 300  # seconds; a hang counts as a crash
PYPY_COMPAT = HERE.parent / "support"  # pypy_compat.h and .c


@dataclass(frozen=True)
class Target:
    """The interpreter the builds are for: its headers, flags every compile
    adds, objects every link adds (and their sources, for a reproducer's
    command)."""
    include: str = PY_INCLUDE
    compile_extra: tuple = ()
    link_extra: tuple = ()
    link_sources: tuple = ()


CPYTHON_TARGET = Target()


def target_for(python, workdir):
    """The Target of interpreter `python`; for PyPy the compat object is
    compiled into `workdir` once."""
    out = subprocess.run([python, "-c", "import sys, sysconfig; print(sysconfig.get_paths()"
                          "['include']); print(sys.implementation.name)"],
                         capture_output=True, text=True, check=True).stdout.split()
    include, implementation = out[0], out[1]
    if implementation != "pypy":
        return Target(include)
    obj = Path(workdir) / "pypy_compat.o"
    source = PYPY_COMPAT / "pypy_compat.c"
    Path(workdir).mkdir(parents=True, exist_ok=True)
    subprocess.run([CLANG, "-O2", "-fPIC", f"-I{include}", "-c", source, "-o", obj],
                   check=True, capture_output=True)
    return Target(include, ("-include", str(PYPY_COMPAT / "pypy_compat.h")), (str(obj),),
                  (str(source),))


def base_flags(opt, target=CPYTHON_TARGET):
    return [f"-{opt}", "-Wall", "-fwrapv", "-fPIC", f"-I{target.include}",
            *target.compile_extra]


@dataclass
class Step:
    cmd: list
    rc: int
    stderr: str

    @property
    def signalled(self):
        return self.rc < 0 or self.rc in (134, 139) or "PLEASE submit a bug report" in self.stderr

    def describe(self):
        sig = ""
        if self.rc < 0:
            sig = f" (signal {signal.Signals(-self.rc).name})"
        return f"`{' '.join(self.cmd)}` exited {self.rc}{sig}"


def run(cmd, cwd):
    cmd = [str(c) for c in cmd]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd,
                              timeout=COMPILE_TIMEOUT, errors="replace")
        return Step(cmd, proc.returncode, proc.stderr)
    except subprocess.TimeoutExpired:
        return Step(cmd, -int(signal.SIGKILL), "timeout")


REMARK = re.compile(r"^--- !(\w+)\nPass:\s+pyunbox\nName:\s+(\w+)\n(?:.*\n)*?Function:\s+(\S+)",
                    re.M)


def read_remarks(yaml_path):
    """(kind, key, C function) of each pyunbox remark, e.g. ("Missed", "SelfUsed", "fz_f3")."""
    try:
        text = Path(yaml_path).read_text(errors="replace")
    except OSError:
        return []
    return [m.groups() for m in REMARK.finditer(text)]


@dataclass
class OptBuild:
    opt: str
    plain_so: Path
    plugin_so: Path
    steps: dict = field(default_factory=dict)   # name -> Step
    remarks: list = field(default_factory=list)  # (kind, key, cfunction)
    failures: list = field(default_factory=list)  # (kind, detail): crash/verifier/internal/build

    @property
    def ok(self):
        return self.plain_so.exists() and self.plugin_so.exists()


def crash_text(stderr):
    """The backtrace if there is one (from clang's "PLEASE submit"), else the end."""
    at = stderr.find("PLEASE submit a bug report")
    return stderr[at:at + 8000] if at >= 0 else stderr[-4000:]


def internal_errors(stderr, remarks):
    found = [f"InternalError remark in {fn}" for kind, key, fn in remarks if key == "InternalError"]
    for line in stderr.splitlines():
        if "please report this" in line or "InternalError" in line:
            found.append(line.strip())
    return found


VERIFIER_FAILED = ("Broken module found", "Broken function found")


def prelude(source_text):
    """The leading preprocessor lines of a module (after its comment)."""
    lines, body = [], source_text
    if body.startswith("/*"):
        body = body[body.index("*/") + 2:]
    for line in body.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith(("#define", "#include")):
            break
        lines.append(line)
    text = "\n".join(lines).strip()
    return text + "\n" if "#include" in text else None


@functools.lru_cache(maxsize=None)
def headers_stamp(include_dir):
    """The newest mtime of the headers under an include dir. A PCH records
    the mtimes of the headers it was built from, and clang refuses it once
    one changed ("has been modified since the precompiled header was
    built"): an interpreter's updated headers must make a new PCH, not fail
    every build of a cache kept from before the update."""
    newest = 0
    for root, _, files in os.walk(include_dir):
        for name in files:
            try:
                newest = max(newest, os.stat(os.path.join(root, name)).st_mtime_ns)
            except OSError:
                pass
    return str(newest)


def precompiled_prelude(source, cache, opt):
    """A PCH of `source`'s prelude with the flags of `opt`, built once per
    cache (atomically: several workers share it); None if there is none."""
    text = prelude(Path(source).read_text(errors="replace"))
    if text is None or cache is None:
        return None
    flags = base_flags(opt)
    stamps = [headers_stamp(f[2:]) for f in flags if f.startswith("-I")]
    key = hashlib.sha1("\0".join([text, CLANG, *flags, *stamps]).encode()).hexdigest()[:16]
    pch = Path(cache) / f"prelude-{key}.pch"
    if not pch.exists():
        Path(cache).mkdir(parents=True, exist_ok=True)
        # Each worker's own header: a PCH remembers its header's mtime, and
        # a second worker rewriting a shared one would make the first's PCH
        # stale under a build that is using it ("has been modified since
        # the precompiled header was built").
        header = Path(cache) / f"prelude-{key}.{os.getpid()}.h"
        if not header.exists():
            header.write_text(text)
        tmp = pch.with_suffix(f".{os.getpid()}.tmp")
        step = run([CLANG, *flags, "-x", "c-header", header, "-o", tmp], cache)
        if step.rc != 0:
            return None  # compile without it: the builds will say what is wrong
        os.replace(tmp, pch)
    return pch


@functools.lru_cache(maxsize=None)
def link_template():
    """The linker command clang's driver runs for `-shared IN.o -o OUT.so`
    (the input must exist for the driver to plan the link)."""
    with tempfile.TemporaryDirectory() as tmp:
        obj = Path(tmp) / "IN.o"
        obj.touch()
        proc = subprocess.run([CLANG, "-###", "-shared", obj, "-o", "OUT.so"],
                              capture_output=True, text=True, check=True)
        cmd = shlex.split(proc.stderr.strip().splitlines()[-1])
        return [{str(obj): "IN.o"}.get(a, a) for a in cmd]


def build_so(compile_flags, source, so, cwd, link_extra=()):
    """Compile to an object, then link it as the driver would: one Step."""
    obj = so.with_suffix(".o")
    step = run([CLANG, *compile_flags, "-c", source, "-o", obj], cwd)
    if step.rc != 0:
        return step
    link = []
    for a in link_template():
        link += [obj, *link_extra] if a == "IN.o" else [so] if a == "OUT.so" else [a]
    link = run(link, cwd)
    obj.unlink(missing_ok=True)
    if link.rc != 0:
        return Step(link.cmd, link.rc, step.stderr + link.stderr)
    return step


def build_opt(source, outdir, plugin, opt, pch_cache=None, target=CPYTHON_TARGET):
    """Both builds of `source` at one -O level; failures classified."""
    outdir = Path(outdir)
    stem = f"{opt}"
    b = OptBuild(opt, outdir / f"plain_{stem}.so", outdir / f"plugin_{stem}.so")
    flags = base_flags(opt, target)
    # The precompiled prelude is built for this interpreter's headers only
    # (and would not mix with PyPy's forced include).
    pch = precompiled_prelude(source, pch_cache, opt) if target == CPYTHON_TARGET else None
    if pch:
        flags += ["-include-pch", str(pch)]
    b.steps["plain"] = build_so(flags, source, b.plain_so, outdir, target.link_extra)
    yaml = outdir / f"plugin_{stem}.remarks.yaml"
    b.steps["plugin"] = step = build_so(
        [*flags, f"-fpass-plugin={plugin}", *VERIFY_IR,
         "-Rpass-missed=pyunbox", "-Rpass=pyunbox",
         "-fsave-optimization-record", f"-foptimization-record-file={yaml}",
         "-foptimization-record-passes=pyunbox"], source, b.plugin_so, outdir,
        target.link_extra)
    (outdir / f"plugin_{stem}.remarks.txt").write_text(step.stderr)
    plain_ok = b.steps["plain"].rc == 0
    if not plain_ok:
        b.failures.append(("build", "plain build failed: " + b.steps["plain"].stderr[-2000:]))
    if step.rc != 0:
        if any(m in step.stderr for m in VERIFIER_FAILED):
            b.failures.append(("verifier", step.describe() + "\n" + step.stderr[-4000:]))
        elif plain_ok or step.signalled:
            b.failures.append(("crash", step.describe() + "\n" + crash_text(step.stderr)))
        return b
    b.remarks = read_remarks(yaml)
    for detail in internal_errors(step.stderr, b.remarks):
        b.failures.append(("internal", detail))
    return b


def build_all(source, outdir, plugin, opts=OPT_LEVELS, pch_cache=None, target=CPYTHON_TARGET):
    os.makedirs(outdir, exist_ok=True)
    return {opt: build_opt(Path(source).resolve(), outdir, plugin, opt, pch_cache, target)
            for opt in opts}
