"""pyunbox-cc and pyunbox-c++ from the build tree (build/bin, generated from
cmake/pyunbox-cc.in): the plugin loads where clang compiles, everything else
passes through, and a clang of another LLVM is refused in one line before it
runs. test/install tests the installed drivers."""
import glob
import json
import os
import subprocess
import sysconfig
from pathlib import Path

import pytest

from pyunbox_testkit.paths import BUILD_DIR, DUMP, REPO

CC = BUILD_DIR / "bin" / "pyunbox-cc"
CXX = BUILD_DIR / "bin" / "pyunbox-c++"
FASTMATH = REPO / "examples" / "fastmath" / "fastmath.c"
PYINC = sysconfig.get_paths()["include"]


def plugin_major():
    named = glob.glob(str(BUILD_DIR / "passes" / "libPyUnbox-*.so"))
    assert len(named) == 1, named
    return int(Path(named[0]).stem.split("-")[1])


def other_clang():
    """A clang of another LLVM major than the plugin's (Debian's default clang is 14)."""
    for candidate in ["/usr/bin/clang-14", "/usr/bin/clang-19", "/usr/bin/clang-15", "/usr/bin/clang-16"]:
        if os.access(candidate, os.X_OK) and not candidate.endswith(f"-{plugin_major()}"):
            return candidate
    pytest.skip("no clang of another LLVM major installed")


def driver(*args, tool=CC, env=None, cwd=None):
    return subprocess.run([str(tool), *map(str, args)], capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})), cwd=cwd)


def test_refuses_another_llvm_in_one_line(tmp_path):
    r = driver("-c", FASTMATH, f"-I{PYINC}", "-o", tmp_path / "x.o",
               env={"PYUNBOX_CLANG": other_clang(), "TMPDIR": str(tmp_path)})
    assert r.returncode == 1
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert f"is for LLVM {plugin_major()}" in lines[0] and "PYUNBOX_CLANG" in lines[0]
    assert not (tmp_path / "x.o").exists()
    assert not list(tmp_path.glob("*.sh")), "clang ran and left a crash reproducer"


def test_version_passes_through():
    r = driver("--version")
    assert r.returncode == 0 and f"clang version {plugin_major()}." in r.stdout


def test_pyunbox_version_names_plugin_and_clang():
    r = driver("--pyunbox-version")
    assert r.returncode == 0, r.stderr
    assert f"libPyUnbox-{plugin_major()}.so (LLVM {plugin_major()})" in r.stdout
    assert "clang version" in r.stdout


@pytest.mark.parametrize("args", [["-E"], ["-M"], ["-fsyntax-only"]])
def test_no_codegen_runs_without_the_plugin(args):
    r = driver("-###", *args, f"-I{PYINC}", FASTMATH)
    assert r.returncode == 0, r.stderr
    assert "-fpass-plugin" not in r.stderr


def test_link_only_runs_without_the_plugin(tmp_path):
    # setuptools links with CC (LDSHARED follows it): no "argument unused".
    obj = tmp_path / "x.o"
    assert driver("-c", "-fPIC", f"-I{PYINC}", FASTMATH, "-o", obj).returncode == 0
    r = driver("-Werror", "-shared", obj, "-o", tmp_path / "x.so")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert "-fpass-plugin" not in driver("-###", "-shared", obj, "-o", tmp_path / "x.so").stderr


def test_compile_loads_the_plugin_once():
    r = driver("-###", "-c", FASTMATH)
    assert r.stderr.count("-fpass-plugin") == 1
    plugin = BUILD_DIR / "passes" / f"libPyUnbox-{plugin_major()}.so"
    r = driver("-###", f"-fpass-plugin={plugin}", "-c", FASTMATH)
    assert r.stderr.count("-fpass-plugin") == 1, "a plugin given by hand is loaded once"


def test_builds_an_extension_with_records(tmp_path):
    so = tmp_path / "fastmath.so"
    r = driver("-O2", "-fwrapv", "-fPIC", "-shared", f"-I{PYINC}", FASTMATH, "-o", so)
    assert r.returncode == 0, r.stderr
    names = {rec["python_name"] for rec in json.loads(
        subprocess.check_output([str(DUMP), "--json", str(so)]))["records"]}
    assert {"gcd", "clamp"} <= names


def test_cxx_twin_compiles_cpp_with_the_plugin(tmp_path):
    src = tmp_path / "x.cpp"
    src.write_text("#include <vector>\nint f() { return std::vector<int>(3).size(); }\n")
    r = driver("-###", "-c", src, tool=CXX)
    assert "-fpass-plugin" in r.stderr and '"c++"' in r.stderr
    assert driver("-c", src, "-o", tmp_path / "x.o", tool=CXX).returncode == 0


LTO_INPUTS = REPO / "test" / "lit" / "Inputs" / "lto"


def records_of(so):
    return {rec["python_name"]: rec for rec in json.loads(
        subprocess.check_output([str(DUMP), "--json", str(so)]))["records"]}


def test_lto_full_mines_the_whole_program(tmp_path):
    # PYUNBOX_LTO=full: the compiles make bitcode, the link runs lld with the
    # plugin, and the wrappers whose work is in another file get the cores a
    # single file would (setuptools' steps: compile each file, link with CC).
    env = {"PYUNBOX_LTO": "full"}
    objs = []
    for src in ["calls_other_file.c", "helpers.c"]:
        objs.append(tmp_path / (src + ".o"))
        r = driver("-O2", "-fPIC", f"-I{PYINC}", "-c", LTO_INPUTS / src, "-o", objs[-1], env=env)
        assert r.returncode == 0, r.stderr
        assert objs[-1].read_bytes()[:2] == b"BC", "a full-LTO compile writes bitcode"
    so = tmp_path / "otherfile.so"
    r = driver("-shared", *objs, "-o", so, env=env)
    assert r.returncode == 0, r.stderr
    recs = records_of(so)
    assert recs["mix"]["needs_interpreter"] is False and recs["mix"]["memory"] == "none"
    assert recs["digest"]["needs_interpreter"] is False
    assert recs["scale"]["needs_interpreter"] is True  # its work is outside the link
    # Without it, each file's own: 'digest' has none, 'mix' needs the interpreter.
    plain = tmp_path / "plain.so"
    r = driver("-O2", "-fPIC", "-shared", f"-I{PYINC}", *(LTO_INPUTS / s for s in
               ["calls_other_file.c", "helpers.c"]), "-o", plain)
    assert r.returncode == 0, r.stderr
    recs = records_of(plain)
    assert "digest" not in recs and recs["mix"]["needs_interpreter"] is True


def test_lto_link_lines_load_the_plugin_in_lld(tmp_path):
    # A link, also one clang only prints (-###) or runs verbosely (-v), gets
    # lld with the plugin; a compile gets -flto=full and no linker flags.
    env = {"PYUNBOX_LTO": "full"}
    obj = tmp_path / "x.o"
    obj.write_bytes(b"")
    for extra in (["-###"], ["-###", "-v"]):
        r = driver(*extra, "-shared", obj, "-o", tmp_path / "x.so", env=env)
        assert "--load-pass-plugin=" in r.stderr and "ld.lld" in r.stderr, r.stderr
    r = driver("-###", "-c", FASTMATH, f"-I{PYINC}", env=env)
    assert "-flto=full" in r.stderr and "--load-pass-plugin" not in r.stderr, r.stderr


def test_lto_refuses_an_unknown_mode_in_one_line(tmp_path):
    r = driver("-c", FASTMATH, f"-I{PYINC}", "-o", tmp_path / "x.o", env={"PYUNBOX_LTO": "thin"})
    assert r.returncode == 1 and len(r.stderr.splitlines()) == 1, r.stderr
    assert "PYUNBOX_LTO=thin" in r.stderr and not (tmp_path / "x.o").exists()
