#!/usr/bin/python3
"""Do the LLVM majors write the same records for the same source?

    scripts/llvm_matrix_records.py [--junit OUT.xml] BUILD_DIR BUILD_DIR...

Builds each source below (-O0 and -O2, as an extension is built) with each
build dir's clang and plugin (the LLVM its pyunbox-llvm.json names) and
compares the pyunbox_sigs section with the first build dir's: the records'
bytes, with the two self-relative offsets (wrapper and core address, which
follow the code's layout and so the code generator) set to zero. Where they
differ, the `pyunbox-dump --json` records (addresses aside) are printed side
by side. One JUnit case per (source, level, build dir). Exits 1 on a mismatch.
"""
import argparse
import difflib
import json
import re
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

REPO = Path(__file__).resolve().parents[1]
SOURCES = [
    REPO / "examples" / "fastmath" / "fastmath.c",  # the README's example
    REPO / "test" / "e2e" / "shapes.c",  # one function of every shape
    REPO / "test" / "lit" / "Inputs" / "lto" / "whole.c",
    REPO / "test" / "lit" / "Inputs" / "two-functions.c",
]
LEVELS = ("O0", "O2")
SECTION = "pyunbox_sigs"
HEADER_OFFSETS = slice(16, 32)  # wrapper_offset, core_offset (docs/FORMAT.md)
ADDRESS = re.compile(r'"[a-z]*_address": "[^"]*", ')


class Build:
    def __init__(self, path):
        self.path = Path(path).resolve()
        llvm = json.loads((self.path / "pyunbox-llvm.json").read_text())
        self.major, self.clang = llvm["llvm_major"], llvm["clang"]
        self.objcopy = str(Path(llvm["llvm_bin"]) / "llvm-objcopy")
        self.plugin = self.path / "passes" / "libPyUnbox.so"
        self.dump = self.path / "runtime" / "pyunbox-dump"


def run(cmd):
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{proc.stderr}")
    return proc.stdout


def records_without_offsets(section):
    """The section's records with their offsets zeroed (padding dropped)."""
    out, at = bytearray(), 0
    while at + 8 <= len(section):
        if not any(section[at:at + 8]):
            at += 8  # zero padding between translation units
            continue
        size = int.from_bytes(section[at + 8:at + 12], "little")
        record = bytearray(section[at:at + size])
        record[HEADER_OFFSETS] = bytes(HEADER_OFFSETS.stop - HEADER_OFFSETS.start)
        out += record
        at += size or 8
    return bytes(out)


def mine(build, source, level, tmp):
    """(records' bytes without offsets, dump --json without addresses)."""
    so = tmp / f"{source.stem}-{level}-{build.major}.so"
    include = sysconfig.get_paths()["include"]
    run([build.clang, f"-{level}", "-fwrapv", "-fPIC", "-shared", f"-I{include}",
         f"-I{REPO / 'test' / 'lit' / 'Inputs'}", f"-fpass-plugin={build.plugin}", source, "-o", so])
    raw = tmp / f"{so.name}.sigs"
    run([build.objcopy, "--dump-section", f"{SECTION}={raw}", so, tmp / "discard.so"])
    text = ADDRESS.sub("", run([build.dump, "--json", so]))
    return records_without_offsets(raw.read_bytes()), text


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--junit")
    ap.add_argument("builds", nargs="+")
    args = ap.parse_args()
    builds = [Build(b) for b in args.builds]
    reference, others = builds[0], builds[1:]
    cases, failed = [], 0
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for source in SOURCES:
            for level in LEVELS:
                want = mine(reference, source, level, tmp)
                for build in others:
                    name = f"{source.name} -{level}: LLVM {build.major} vs {reference.major}"
                    try:
                        got = mine(build, source, level, tmp)
                        why = None
                        if got[0] != want[0]:
                            diff = difflib.unified_diff(want[1].split("}, {"), got[1].split("}, {"),
                                                        f"LLVM {reference.major}",
                                                        f"LLVM {build.major}", lineterm="")
                            why = "records differ:\n" + "\n".join(diff)
                    except RuntimeError as e:
                        why = str(e)
                    count = want[1].count('"python_name"')
                    if not count and not why:  # a comparison of nothing proves nothing
                        why = "no records: nothing was compared"
                    failed += why is not None
                    print(("FAIL: " if why else "same: ") + f"{name} ({count} records)" + (f"\n{why}" if why else ""))
                    cases.append((name, why))
    if args.junit:
        with open(args.junit, "w") as f:
            f.write(f'<?xml version="1.0"?>\n<testsuite name="records-matrix" tests="{len(cases)}" '
                    f'failures="{failed}">\n')
            for name, why in cases:
                body = f'<failure message="records differ">{escape(why)}</failure>' if why else ""
                f.write(f"  <testcase classname=\"records-matrix\" name={quoteattr(name)}>{body}</testcase>\n")
            f.write("</testsuite>\n")
    print(f"{len(cases) - failed} same, {failed} differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
