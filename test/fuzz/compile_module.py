"""Build one generated module the way Python builds extensions (-fwrapv
-fPIC -shared), with and without the plugin, at -O0 and -O2, and find what
went wrong in the compiler: crashes, verifier failures, internal errors.

The plugin build is split in two so that the IR after the pass can be
verified: clang-19 -S -emit-llvm with the plugin (the frontend, the whole
pipeline and pyunbox), `opt -passes=verify` on that IR (Debian's LLVM has no
assertions, so nothing else verifies it), then code generation of the same IR
(-disable-llvm-passes: no pass runs twice). Remarks go to stderr
(-Rpass-missed/-Rpass) and to a YAML record file for their keys.
"""
import os
import re
import signal
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "e2e"))
from builds import CLANG, OPT  # noqa: E402  (clang-19 and LLVM 19's opt)

PY_INCLUDE = sysconfig.get_paths()["include"]
OPT_LEVELS = ("O0", "O2")
COMPILE_TIMEOUT = 300  # seconds; a hang counts as a crash


def base_flags(opt):
    return [f"-{opt}", "-Wall", "-fwrapv", "-fPIC", f"-I{PY_INCLUDE}"]


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


def build_opt(source, outdir, plugin, opt):
    """Both builds of `source` at one -O level; failures classified."""
    outdir = Path(outdir)
    stem = f"{opt}"
    b = OptBuild(opt, outdir / f"plain_{stem}.so", outdir / f"plugin_{stem}.so")
    flags = base_flags(opt)
    b.steps["plain"] = run([CLANG, *flags, "-shared", source, "-o", b.plain_so], outdir)
    ll = outdir / f"plugin_{stem}.ll"
    yaml = outdir / f"plugin_{stem}.remarks.yaml"
    b.steps["plugin_ir"] = ir = run(
        [CLANG, *flags, f"-fpass-plugin={plugin}", "-Rpass-missed=pyunbox", "-Rpass=pyunbox",
         "-fsave-optimization-record", f"-foptimization-record-file={yaml}",
         "-foptimization-record-passes=pyunbox", "-S", "-emit-llvm", source, "-o", ll], outdir)
    (outdir / f"plugin_{stem}.remarks.txt").write_text(ir.stderr)
    plain_ok = b.steps["plain"].rc == 0
    if not plain_ok:
        b.failures.append(("build", "plain build failed: " + b.steps["plain"].stderr[-2000:]))
    if ir.rc != 0:
        if plain_ok or ir.signalled:
            b.failures.append(("crash", ir.describe() + "\n" + crash_text(ir.stderr)))
        return b
    b.remarks = read_remarks(yaml)
    for detail in internal_errors(ir.stderr, b.remarks):
        b.failures.append(("internal", detail))
    b.steps["verify"] = v = run([OPT, "-passes=verify", "-disable-output", ll], outdir)
    if v.rc != 0:
        b.failures.append(("verifier", v.describe() + "\n" + v.stderr[-4000:]))
        return b
    b.steps["plugin_so"] = cg = run([CLANG, f"-{opt}", "-fPIC", "-shared", "-Xclang",
                                     "-disable-llvm-passes", ll, "-o", b.plugin_so], outdir)
    if cg.rc != 0:
        b.failures.append(("crash", "code generation of the plugin's IR: " + cg.describe()
                           + "\n" + cg.stderr[-4000:]))
    return b


def build_all(source, outdir, plugin, opts=OPT_LEVELS):
    os.makedirs(outdir, exist_ok=True)
    return {opt: build_opt(Path(source).resolve(), outdir, plugin, opt) for opt in opts}
