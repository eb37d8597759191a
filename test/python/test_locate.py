"""The package's locator (pyunbox/_locate.py) on an installed layout in a
temporary prefix, its messages when it finds nothing, and the `pyunbox`
command's config, prog name and broken pipes."""
import ctypes.util
import subprocess
import sys

import pytest

import fixtures  # noqa: F401  (puts the package on sys.path)
from fixtures import shapes_so  # noqa: F401
from pyunbox import _build, _locate, __main__ as cli
from pyunbox_testkit.paths import BUILD_DIR, CPYTHON, PACKAGE_DIR


@pytest.fixture
def prefix(tmp_path, monkeypatch):
    """An empty install prefix, the only place the locator looks."""
    for var in ("PYUNBOX_PLUGIN", "PYUNBOX_RUNTIME", "PYUNBOX_BUILD_DIR", "PYUNBOX_LLVM_MAJOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(_build, "build_dirs", lambda: [])
    monkeypatch.setattr(_locate, "prefixes", lambda: [tmp_path])
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    return tmp_path


def install(prefix, relative):
    path = prefix / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    return path


def test_finds_an_installed_layout(prefix):
    install(prefix, "lib/pyunbox/libPyUnbox-16.so")
    newest = install(prefix, "lib/pyunbox/libPyUnbox-19.so")
    runtime = install(prefix, "lib/libpyunbox_runtime.so")
    assert _locate.plugin() == (newest, 19)
    assert _locate.plugin(major=16) == (prefix / "lib/pyunbox/libPyUnbox-16.so", 16)
    assert _locate.runtime() == runtime


def test_says_where_it_looked(prefix):
    with pytest.raises(_locate.NotFound) as plugin:
        _locate.plugin()
    assert str(prefix / "lib/pyunbox/libPyUnbox-*.so") in str(plugin.value)
    with pytest.raises(_locate.NotFound) as runtime:
        _locate.runtime()
    assert str(prefix / "lib/libpyunbox_runtime.so") in str(runtime.value)
    assert "ldconfig" in str(runtime.value)


def test_explicit_plugin_wins(prefix, monkeypatch):
    install(prefix, "lib/pyunbox/libPyUnbox-19.so")
    mine = install(prefix, "elsewhere/libPyUnbox-16.so")
    monkeypatch.setenv("PYUNBOX_PLUGIN", str(mine))
    assert _locate.plugin() == (mine, 16)


def test_the_checkout_build_is_found():
    assert _locate.plugin()[0].parent == BUILD_DIR / "passes"
    assert _locate.runtime() == BUILD_DIR / "runtime" / "libpyunbox_runtime.so"


def test_config_cflags(capsys):
    assert cli.main(["config", "--cflags", "--llvm-major"]) == 0
    cflags, major = capsys.readouterr().out.split()
    assert cflags == f"-fpass-plugin={BUILD_DIR}/passes/libPyUnbox-{major}.so"


def test_config_names_the_paths_when_nothing_is_found(prefix, capsys):
    assert cli.main(["config", "--cflags"]) == 1
    assert str(prefix / "lib/pyunbox") in capsys.readouterr().err


def test_prog_name_of_the_console_script(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["/usr/local/bin/pyunbox", "--help"])
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert capsys.readouterr().out.startswith("usage: pyunbox ")


def run_module(*args, **kw):
    return subprocess.run([CPYTHON, "-m", "pyunbox", *map(str, args)], capture_output=True,
                          text=True, cwd=PACKAGE_DIR, **kw)


def test_inspect_into_a_closed_pipe(shapes_so):  # noqa: F811
    # `pyunbox inspect x.so | head -1`: no BrokenPipeError traceback.
    # The reader is gone before the first write, as with `| true`.
    inspect = subprocess.Popen([CPYTHON, "-m", "pyunbox", "inspect", str(shapes_so)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=PACKAGE_DIR)
    inspect.stdout.close()
    err = inspect.stderr.read().decode()
    inspect.wait()
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_inspect_of_a_truncated_file_names_it(shapes_so, tmp_path):  # noqa: F811
    cut = tmp_path / "cut.so"
    cut.write_bytes(shapes_so.read_bytes()[:-200])
    r = run_module("inspect", cut)
    assert r.returncode == 1
    assert r.stderr.startswith(f"pyunbox: {cut}: truncated"), r.stderr
    assert "unpack" not in r.stderr and "buffer" not in r.stderr
