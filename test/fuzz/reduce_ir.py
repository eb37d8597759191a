"""For a compiler crash: reduce the IR the pass sees with llvm-reduce (the
build dir's LLVM),
after reduce.py has cut the C source down.

    /usr/bin/python3 test/fuzz/reduce_ir.py REPRO.c [-O2] [--plugin P] [-o OUT.ll]

The IR is clang's before any pass runs (-Xclang -disable-llvm-passes, at the
failing -O level), and the interestingness test is `opt` running the default
pipeline of that level with the plugin loaded (it adds itself to it) and
crashing with the same first pyunbox frame as the C reproducer. The reduced
IR goes next to the C file as NAME.ll unless -o says otherwise; run it with

    /usr/lib/llvm-N/bin/opt -load-pass-plugin=build/passes/libPyUnbox.so \\
        -passes='default<O2>' -disable-output NAME.ll
"""
import argparse
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from compile_module import CLANG, PY_INCLUDE, crash_text  # noqa: E402
from pyunbox_testkit.paths import OPT  # noqa: E402  (the build dir's LLVM; test/support is on the path via compile_module)
from reduce import crash_signature  # noqa: E402

LLVM_REDUCE = str(Path(OPT).parent / "llvm-reduce")
LLVM_DIS = str(Path(OPT).parent / "llvm-dis")

TEST_SCRIPT = """#!/bin/sh
# llvm-reduce's interestingness test: opt with the plugin crashes the same way.
# Through textual IR: the crash can depend on the use-list order, which
# reading bitcode (llvm-reduce may hand over bitcode) sets differently.
if [ "$(head -c 2 "$1")" = "BC" ]; then {llvm_dis} "$1" -o "$1.txt.ll" || exit 1; else cp "$1" "$1.txt.ll"; fi
{opt} -load-pass-plugin={plugin} -passes='default<{level}>' -disable-output "$1.txt.ll" 2> "$1.err"
/usr/bin/python3 - "$1.err" <<'EOF'
import sys
sys.path.insert(0, {here!r})
from compile_module import crash_text
from reduce import crash_signature
err = open(sys.argv[1], errors="replace").read()
sys.exit(0 if "PLEASE submit" in err and crash_signature(crash_text(err)) == {signature!r} else 1)
EOF
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("source")
    ap.add_argument("opt", nargs="?", default="-O2")
    ap.add_argument("--plugin", default=str(HERE.parent.parent / "build/passes/libPyUnbox.so"))
    ap.add_argument("-o", dest="out")
    args = ap.parse_args()
    level = args.opt.lstrip("-")
    work = Path(tempfile.mkdtemp(prefix="fzreduce-ir"))
    pre = work / "pre.ll"
    subprocess.run([CLANG, f"-{level}", "-fwrapv", "-fPIC", f"-I{PY_INCLUDE}", "-Xclang",
                    "-disable-llvm-passes", "-S", "-emit-llvm", args.source, "-o", str(pre)],
                   check=True)
    first = subprocess.run([OPT, f"-load-pass-plugin={args.plugin}", f"-passes=default<{level}>",
                            "-disable-output", str(pre)], capture_output=True, text=True)
    if "PLEASE submit" not in first.stderr:
        sys.exit(f"opt does not crash on the IR of {args.source} (exit {first.returncode})")
    signature = crash_signature(crash_text(first.stderr))
    print(f"crash: {signature}")
    test = work / "interesting.sh"
    test.write_text(TEST_SCRIPT.format(opt=shlex.quote(OPT), llvm_dis=shlex.quote(LLVM_DIS), plugin=shlex.quote(args.plugin),
                                       level=level, here=str(HERE), signature=signature))
    test.chmod(0o755)
    out = Path(args.out) if args.out else Path(args.source).with_suffix(".ll")
    subprocess.run([LLVM_REDUCE, f"--test={test}", str(pre), "-o", str(out)], check=True,
                   cwd=work)
    print(f"reduced IR: {out} ({len(out.read_text().splitlines())} lines, "
          f"from {len(pre.read_text().splitlines())})")


if __name__ == "__main__":
    main()
