"""pyunbox inspect FILE.so [--json]   the records of a file (like pyunbox-dump)
pyunbox stubgen MODULE|FILE [-o DIR] write MODULE.pyi from the mined signatures
pyunbox config [--cflags|--cc|...]   where the plugin is, and the flags that load it

(`python -m pyunbox` is the same command.)
"""
import argparse
import importlib
import importlib.util
import json
import os
import sys

from . import signatures
from ._config import add_parser as add_config_parser
from ._format import FormatError
from ._loaded import is_extension_function
from .stubgen import stub


def inspect(args):
    try:
        records = signatures(args.file)
    except (OSError, FormatError) as e:
        print(f"pyunbox: {e}", file=sys.stderr)
        return 1
    if args.json:
        body = ",\n".join("  " + json.dumps(r.as_dict()) for r in records)
        print('{"records": [\n' + body + "\n]}" if records else '{"records": []}')
        return 0
    print(f"{args.file}: {len(records)} record{'s' if len(records) != 1 else ''}")
    if records:
        rows = [("python name", "C prototype", "convention", "needs_interpreter",
                 "memory", "errors")]
        rows += [(f"{r.module}.{r.python_name}" if r.module else r.python_name, r.c_prototype,
                  r.convention, "yes" if r.needs_interpreter else "no", r.memory, r.errors)
                 for r in records]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            print("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    return 0


def _import(name_or_path):
    """A module by its name, or the extension at a path (its name is the
    file's, up to the first dot: PyInit_<name>)."""
    if not os.path.isfile(name_or_path):
        return importlib.import_module(name_or_path)
    name = os.path.basename(name_or_path).split(".")[0]
    spec = importlib.util.spec_from_file_location(name, os.path.abspath(name_or_path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def stubgen(args):
    try:
        module = _import(args.module)
        records = signatures(module)
    except (ImportError, OSError, ValueError, FormatError) as e:
        print(f"pyunbox: stubgen {args.module}: {e}", file=sys.stderr)
        return 1
    functions = [name for name, value in vars(module).items()
                 if not name.startswith("_") and is_extension_function(value)]
    mined = {r.python_name for r in records}
    text = stub(module.__name__, [r for r in records if r.python_name in functions],
                [name for name in functions if name not in mined])
    os.makedirs(args.output, exist_ok=True)
    path = os.path.join(args.output, module.__name__.rpartition(".")[2] + ".pyi")
    with open(path, "w") as f:
        f.write(text)
    print(f"wrote {path}")
    return 0


def prog_name():
    """`pyunbox` as the console script, `python -m pyunbox` as a module."""
    if os.path.basename(sys.argv[0]) == "__main__.py":
        return f"{os.path.basename(sys.executable) or 'python'} -m pyunbox"
    return "pyunbox"


def main(argv=None):
    try:
        status = run(argv)
        sys.stdout.flush()  # here, not at exit where no handler is left
        return status
    except BrokenPipeError:
        # `pyunbox inspect x.so | head`: the reader left; stop quietly. stdout
        # goes to /dev/null so the interpreter's final flush fails no more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def run(argv=None):
    parser = argparse.ArgumentParser(prog=prog_name())
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("inspect", help="print the records of a .so or .o file")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="as pyunbox-dump --json")
    p.set_defaults(run=inspect)
    p = sub.add_parser("stubgen", help="write MODULE.pyi from the mined signatures")
    p.add_argument("module", help="an importable extension module, or the path of its file")
    p.add_argument("-o", "--output", default=".", help="directory (default: .)")
    p.set_defaults(run=stubgen)
    add_config_parser(sub)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
