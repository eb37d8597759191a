"""pyunbox as a user has it: the .deb installed (/usr), the Python package
pip-installed into a venv, and no checkout build. scripts/test_install.sh
sets this up and runs these tests from a temporary directory; every build
here uses installed paths only, and the examples are copies.

PYUNBOX_TEST_WORK   the temporary directory (copies of examples/, outputs)
PYUNBOX_TEST_PYPY_SITE   where pypy3 -m pip installed the package, if it did
"""
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

WORK = Path(os.environ["PYUNBOX_TEST_WORK"])
PREFIX = Path("/usr")
DUMP = PREFIX / "bin" / "pyunbox-dump"
CC = PREFIX / "bin" / "pyunbox-cc"
CXX = PREFIX / "bin" / "pyunbox-c++"
VENV_BIN = Path(sys.executable).parent  # the venv the package was installed into
PYINC = sysconfig.get_paths()["include"]


def run(*args, env=None, cwd=None, check=True):
    """Run a command; `env` adds variables to ours (None removes one)."""
    merged = dict(os.environ, **(env or {}))
    merged = {k: v for k, v in merged.items() if v is not None}
    return subprocess.run([str(a) for a in args], env=merged, cwd=cwd, check=check,
                          capture_output=True, text=True)


def records(path):
    return json.loads(run(DUMP, "--json", path).stdout)["records"]


def installed_plugin():
    found = sorted((PREFIX / "lib" / "pyunbox").glob("libPyUnbox-*.so"))
    assert found, "the .deb installed no plugin"
    return found[-1]


def test_package_is_the_installed_one():
    import pyunbox
    assert Path(pyunbox.__file__).is_relative_to(VENV_BIN.parent)
    assert "PYUNBOX_BUILD_DIR" not in os.environ


def test_driver_says_what_it_uses():
    out = run(CC, "--pyunbox-version").stdout
    assert f"plugin: {installed_plugin()} (LLVM " in out
    assert "clang version" in out


def test_driver_named_by_major():
    major = installed_plugin().stem.split("-")[1]
    for driver in (CC, CXX):
        out = run(f"{driver}-{major}", "--pyunbox-version").stdout
        assert f"(LLVM {major})" in out


def test_driver_builds_an_extension_with_records(tmp_path):
    so = tmp_path / "fastmath.so"
    run(CC, "-O2", "-fwrapv", "-fPIC", "-shared", f"-I{PYINC}", WORK / "fastmath" / "fastmath.c", "-o", so)
    assert {r["python_name"] for r in records(so)} >= {"gcd", "clamp"}


def test_cxx_twin_builds_cpp(tmp_path):
    src = tmp_path / "twice.cpp"
    src.write_text(
        '#include <Python.h>\n'
        'static PyObject *twice(PyObject *, PyObject *arg) {\n'
        '  long n = PyLong_AsLong(arg);\n'
        '  if (n == -1 && PyErr_Occurred()) return nullptr;\n'
        '  return PyLong_FromLong(n * 2);\n}\n'
        'static PyMethodDef methods[] = {{"twice", twice, METH_O, nullptr}, {nullptr, nullptr, 0, nullptr}};\n'
        'static PyModuleDef def = {PyModuleDef_HEAD_INIT, "twice", nullptr, -1, methods};\n'
        'PyMODINIT_FUNC PyInit_twice(void) { return PyModule_Create(&def); }\n')
    so = tmp_path / "twice.so"
    run(CXX, "-O2", "-fwrapv", "-fPIC", "-shared", f"-I{PYINC}", src, "-o", so)
    assert [r["python_name"] for r in records(so)] == ["twice"]


def test_python_package_finds_installed_files(tmp_path):
    so = tmp_path / ("fastmath" + sysconfig.get_config_var("EXT_SUFFIX"))
    run(CC, "-O2", "-fwrapv", "-fPIC", "-shared", f"-I{PYINC}", WORK / "fastmath" / "fastmath.c", "-o", so)
    out = run(sys.executable, "-c",
              "import fastmath, pyunbox, pyunbox._runtime as rt, pyunbox._locate as lo\n"
              "assert rt.library() is not None, rt.load_error()\n"
              "print(lo.runtime())\n"
              "print(sorted(r.python_name for r in pyunbox.signatures(fastmath)))",
              cwd=tmp_path).stdout.splitlines()
    assert out[0].startswith("/usr/lib/") and out[0].endswith("libpyunbox_runtime.so")
    assert "gcd" in out[1]


def test_console_script():
    out = run(VENV_BIN / "pyunbox", "--help").stdout
    assert out.startswith("usage: pyunbox ")
    assert run(VENV_BIN / "pyunbox", "config", "--cflags").stdout.strip() == \
        f"-fpass-plugin={installed_plugin()}"
    cc = run(VENV_BIN / "pyunbox", "config", "--cc").stdout.strip()
    assert f"clang version {installed_plugin().stem.split('-')[1]}" in run(cc, "--version").stdout


def test_pkg_config():
    flags = run("pkg-config", "--cflags", "pyunbox").stdout.split()
    assert f"-fpass-plugin={installed_plugin()}" in flags


def wheel_records(wheel_dir):
    wheels = list(Path(wheel_dir).glob("fastmath-*.whl"))
    assert len(wheels) == 1, wheels
    with zipfile.ZipFile(wheels[0]) as z:
        names = [n for n in z.namelist() if n.endswith(".so")]
        assert len(names) == 1, names
        z.extract(names[0], wheel_dir)
    return records(Path(wheel_dir) / names[0])


def pip_wheel(project, out, env):
    return run(VENV_BIN / "pip", "wheel", "--no-build-isolation", "--no-index", "--no-deps",
               "-w", out, project, env=env)


@pytest.mark.parametrize("cc", ["pyunbox-cc", None])
def test_setuptools_pyproject(tmp_path, cc):
    # Without CC, setup.py finds the driver itself (the pyunbox package's locator).
    project = tmp_path / "fastmath"
    shutil.copytree(WORK / "fastmath", project)
    result = pip_wheel(project, tmp_path / "out", {"CC": cc})
    assert {r["python_name"] for r in wheel_records(tmp_path / "out")} >= {"gcd", "clamp"}, result.stderr


def test_setuptools_warns_about_another_cc(tmp_path):
    out = run(sys.executable, "setup.py", "-q", "build_ext", "--build-lib", tmp_path / "lib",
              "--build-temp", tmp_path / "tmp", env={"CC": "gcc"}, cwd=WORK / "fastmath")
    assert "CC=gcc from the environment is not pyunbox-cc" in out.stderr


def test_meson_python(tmp_path):
    pip_wheel(WORK / "fastmath-meson", tmp_path / "out", {"CC": "pyunbox-cc"})
    assert {r["python_name"] for r in wheel_records(tmp_path / "out")} >= {"gcd", "clamp"}


def cmake_configure(build, cc):
    return run("cmake", "-S", WORK / "fastmath-cmake", "-B", build, "-G", "Ninja",
               env={"CC": cc}, check=False)


def test_cmake_find_package(tmp_path):
    cc = run(VENV_BIN / "pyunbox", "config", "--cc").stdout.strip()
    configured = cmake_configure(tmp_path / "b", cc)
    assert configured.returncode == 0, configured.stderr
    run("cmake", "--build", tmp_path / "b")
    so, = (tmp_path / "b").glob("fastmath*.so")
    assert {r["python_name"] for r in records(so)} >= {"gcd", "clamp"}


def test_cmake_refuses_another_compiler(tmp_path):
    configured = cmake_configure(tmp_path / "b", "gcc")
    assert configured.returncode != 0
    assert "loads only into clang" in " ".join(configured.stderr.split())  # CMake wraps lines


@pytest.mark.skipif(not os.environ.get("PYUNBOX_TEST_PYPY_SITE"), reason="pypy3 -m pip not available")
def test_pypy_package_finds_installed_files():
    out = run("pypy3", "-c",
              "import pyunbox._locate as lo, pyunbox._runtime as rt\n"
              "assert rt.library() is not None, rt.load_error()\n"
              "print(lo.plugin()[0])",
              env={"PYTHONPATH": os.environ["PYUNBOX_TEST_PYPY_SITE"]}, cwd=WORK).stdout
    assert out.strip() == str(installed_plugin())
