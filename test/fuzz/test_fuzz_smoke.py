"""CI smoke of the fuzzer (scripts/test.sh): a fixed seed of generated
modules through the whole harness, on CPython and built for and checked on
PyPy, and every reduced reproducer in regressions/. Fails on any crash,
verifier failure, internal error or mismatch, and names the module's C
source (kept under the output directory) or the regression file to
reproduce it with.

PYUNBOX_FUZZ_SMOKE_MODULES changes the module count (default 200, about
2 minutes on 2 idle cores); PYUNBOX_FUZZ_PYPY_MODULES the PyPy one (default
60, 45 s: no precompiled prelude there); PYUNBOX_FUZZ_SMOKE_JOBS the processes
(default 2)."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import harness  # noqa: E402

REPO = HERE.parent.parent
BUILD_DIR = Path(os.environ.get("PYUNBOX_BUILD_DIR", REPO / "build"))
SMOKE_SEED = 7
SMOKE_MODULES = int(os.environ.get("PYUNBOX_FUZZ_SMOKE_MODULES", "200"))
PYPY_MODULES = int(os.environ.get("PYUNBOX_FUZZ_PYPY_MODULES", "60"))
JOBS = os.environ.get("PYUNBOX_FUZZ_SMOKE_JOBS", "2")
OUT = BUILD_DIR / "fuzz-smoke"
REGRESSION_FILES = sorted((HERE / "regressions").glob("*.c"))


def describe(failures):
    lines = []
    for f in failures[:20]:
        src = ""
        if f.get("workdir"):
            src = f"  reproduce with {Path(f['workdir']) / (f['module'] + '.c')}"
        lines.append(f"{f['kind']} in {f['module']} at -{f.get('opt')} {f.get('function') or ''}: "
                     f"{f['detail'][:600]}{src}")
    return "\n".join(lines)


def test_generator_is_deterministic_and_warning_free(tmp_path):
    """The same seed gives the same bytes, and the C compiles under -Wall -Werror."""
    import gen
    from compile_module import CLANG, base_flags, run
    for seed in range(SMOKE_SEED * 1000000, SMOKE_SEED * 1000000 + 10):
        text = gen.render(gen.generate(seed))
        assert text == gen.render(gen.generate(seed)), f"seed {seed} is not deterministic"
        src = tmp_path / f"m{seed}.c"
        src.write_text(text)
        step = run([CLANG, *base_flags("O0"), "-Werror", "-fsyntax-only", src], tmp_path)
        assert step.rc == 0, f"seed {seed}: {step.stderr[:2000]}"


def test_reproducer_names_the_interpreter_it_fails_on(tmp_path):
    """A reproducer reduced on PyPy says so (its name, a header line, a build
    command with PyPy's headers and compat files), and the smoke test reads
    back the interpreter to check it on; a CPython one names none."""
    import gen
    import reduce
    from compile_module import target_for
    if shutil.which("pypy3") is None:
        pytest.fail("pypy3 not found: scripts/setup.sh installs it")
    manifest = gen.generate(SMOKE_SEED * 1000000)
    failure = {"kind": "mismatch", "opt": "O2", "function": manifest["functions"][0]["name"],
               "detail": "accelerated: 1 != 2"}
    pypy = target_for("pypy3", tmp_path / "tools")
    path = reduce.write_regression(manifest, failure, SMOKE_SEED, tmp_path,
                                   {"python": "pypy3", "target": pypy})
    text = path.read_text()
    assert path.name.startswith("mismatch_pypy3_")
    assert harness.regression_python(text) == "pypy3"
    assert (f"-I{pypy.include} -include test/support/pypy_compat.h "
            "test/support/pypy_compat.c -fpass-plugin") in text
    assert gen.read_manifest_comment(text)["seed"] == manifest["seed"]
    path = reduce.write_regression(manifest, failure, SMOKE_SEED, tmp_path / "c")
    assert path.name.startswith("mismatch_7000000_")
    assert harness.regression_python(path.read_text()) == harness.PYTHON


def run_fuzz(out, modules, *extra):
    """fuzz.py on the smoke seed; its summary (failures asserted)."""
    proc = subprocess.run(
        [sys.executable, str(HERE / "fuzz.py"), "--seed", str(SMOKE_SEED),
         "--modules", str(modules), "--jobs", JOBS, "--out", str(out),
         "--build-dir", str(BUILD_DIR), "--no-regressions", "--reduce", "0", *extra],
        capture_output=True, text=True)
    summary_path = out / "summary.json"
    assert summary_path.is_file(), f"fuzz.py wrote no summary:\n{proc.stdout}\n{proc.stderr[-3000:]}"
    summary = json.loads(summary_path.read_text())
    totals = summary["totals"]
    print(proc.stdout)
    assert totals["modules"] == modules, proc.stderr[-3000:]
    assert not summary["failures"], (
        f"{totals['crashes']} crashes, {totals['verifier_failures']} verifier failures, "
        f"{totals['internal_errors']} internal errors, {totals['mismatches']} mismatches:\n"
        + describe(summary["failures"]))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return summary


# gen.py's uses of a string's bytes that call the C library.
LIBC_USES = ("strlen", "strcmp", "memcmp", "memchr", "strchr", "ctype", "strncpy", "parse")


def string_units(summary):
    """Functions with a string unit ("s", "s#", "y", "y#", "s*", "y*";
    gen.py's shape "unbox" values code_<unit> and Parse_<unit>) and those of
    them with a core at each level, from the coverage table."""
    from shapes import STRING_UNITS
    counts = {"generated": 0, "cores_O0": 0, "cores_O2": 0}
    for key, c in summary["coverage"].items():
        axis, _, value = key.partition("=")
        if axis == "unbox" and value.partition("_")[2] in STRING_UNITS:
            for k in counts:
                counts[k] += c.get(k, 0)
    return counts


def test_generated_modules():
    summary = run_fuzz(OUT, SMOKE_MODULES)
    # String parameters were made and compared, with cores at both levels:
    # the bytes read in the core's own body, by a helper of the file (its
    # parameter checked as the core's is) or by the C library (known by what
    # C says of it, at -O0 too, where LLVM has inferred no attributes).
    strings = string_units(summary)
    assert strings["cores_O0"] > 0 and strings["cores_O2"] > 0, strings
    libc = {k: c for k, c in summary["coverage"].items()
            if k.partition("=")[0] == "bytes" and k.partition("=")[2].split("_")[0] in LIBC_USES}
    assert sum(c.get("cores_O0", 0) for c in libc.values()) > 0, libc


def test_generated_modules_on_pypy():
    """The same generator, built with PyPy's headers and checked on PyPy,
    where accelerate() is for: wrappers, cores and accelerated functions."""
    pypy = shutil.which("pypy3")
    if pypy is None:
        pytest.fail("pypy3 not found: scripts/setup.sh installs it")
    summary = run_fuzz(BUILD_DIR / "fuzz-smoke-pypy", PYPY_MODULES, "--python", pypy)
    assert summary["totals"]["accelerated_comparisons"] > 0
    assert string_units(summary)["generated"] > 0


@pytest.mark.parametrize("path", REGRESSION_FILES, ids=[p.stem for p in REGRESSION_FILES])
def test_regression(path, tmp_path):
    # On the interpreter it was reduced on (a PyPy run's reproducer: PyPy).
    python = harness.regression_python(path.read_text())
    if shutil.which(python) is None:
        pytest.fail(f"{python} not found: scripts/setup.sh installs it")
    tools = harness.copy_tools(BUILD_DIR, tmp_path / "tools", python)
    checker = harness.Checker(python)
    try:
        result = harness.check_regression(path, tmp_path, tools, checker,
                                          {"wrapper_inputs": 20, "core_inputs": 200,
                                           "core_edges": 400})
    finally:
        checker.stop()
    for f in result["failures"]:
        f.setdefault("module", path.name)
    assert not result["failures"], f"{path}:\n" + describe(
        [dict(f, module=path.name, workdir=None) for f in result["failures"]])
