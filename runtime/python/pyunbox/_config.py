"""`pyunbox config`: where the plugin and its clang are, and the flags that
load the plugin, for builds that add them by hand (README, "pyunbox config")."""
import sys

from . import _locate


def add_parser(sub):
    p = sub.add_parser("config", help="print the flags and paths to build with the plugin",
                       description="Without options: every value with its name. "
                       "The plugin is searched as the README's \"Install\" says; "
                       "PYUNBOX_PLUGIN, PYUNBOX_BUILD_DIR, PYUNBOX_LLVM_MAJOR and "
                       "PYUNBOX_CLANG choose.")
    for flag, what in [("--cflags", "compile flags that load the plugin (-fpass-plugin=...)"),
                       ("--cc", "the clang the plugin loads into"),
                       ("--cxx", "that clang's C++ driver"),
                       ("--driver", "the pyunbox-cc driver, when installed or built"),
                       ("--plugin", "the plugin's path"),
                       ("--llvm-major", "the plugin's LLVM major"),
                       ("--runtime", "the C runtime library (libpyunbox_runtime.so)")]:
        p.add_argument(flag, action="append_const", const=flag[2:].replace("-", "_"),
                       dest="values", help=what)
    p.set_defaults(run=config)


def _values():
    plugin, major = _locate.plugin()
    driver = _locate.driver()
    return {
        "cflags": lambda: f"-fpass-plugin={plugin}",
        "cc": lambda: _locate.clang(major),
        "cxx": lambda: _locate.clang(major, cxx=True),
        "driver": lambda: str(driver) if driver else "(none)",
        "plugin": lambda: str(plugin),
        "llvm_major": lambda: str(major),
        "runtime": lambda: str(_locate.runtime()),
    }


def config(args):
    try:
        values = _values()
        if args.values:
            for name in args.values:
                print(values[name]())
        else:
            for name, value in values.items():
                print(f"{name}: {value()}")
    except _locate.NotFound as e:
        print(e, file=sys.stderr)
        return 1
    return 0
