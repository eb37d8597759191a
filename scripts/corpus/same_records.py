"""Do two builds of the plugin make the same cores? Each of the corpus's
CPython modules (corpus.MODULES) is built with both, and the records
(the raw bytes of the pyunbox_sigs section and pyunbox-dump --json) and the
remarks (every -Rpass/-Rpass-missed line) are compared. A refactoring of
the pass must leave the records identical; a remark may change on purpose
(a better reason), so remarks that differ are listed, and fail the run only
with --strict.

    /usr/bin/python3 scripts/corpus/same_records.py OLD.so NEW.so [--source DIR] [--strict]

Exits 1 if a record differs (or, with --strict, a remark), and says what.
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402  (MODULES, compile_flags, fetch_source)

OBJCOPY = "/usr/lib/llvm-19/bin/llvm-objcopy"


def build(plugin, src, name, spec, out):
    sources, extra, _ = spec
    so = out / f"{name}.so"
    cmd = [corpus.CLANG, *corpus.compile_flags(src), *extra,
           *[src / "Modules" / s for s in sources], "-o", so, "-lm",
           f"-fpass-plugin={plugin}", "-Rpass=pyunbox", "-Rpass-missed=pyunbox"]
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=out)
    if p.returncode:
        raise SystemExit(f"{name}: build with {plugin} failed:\n{p.stderr[-3000:]}")
    remarks = sorted(line.split("remark: ", 1)[1] for line in p.stderr.splitlines()
                     if "remark: " in line)
    section = out / f"{name}.sigs"
    # No section (a module without cores) reads as no bytes.
    subprocess.run([OBJCOPY, f"--dump-section=pyunbox_sigs={section}", str(so), "/dev/null"],
                   capture_output=True)
    dump = subprocess.run([str(corpus.DUMP), "--json", str(so)], check=True,
                          capture_output=True, text=True).stdout
    return {"section": section.read_bytes() if section.exists() else b"", "dump": json.loads(dump), "remarks": remarks}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--source", help="an unpacked python3.11 source tree (default: fetch)")
    ap.add_argument("--strict", action="store_true", help="fail on a remark that differs too")
    args = ap.parse_args()
    src = Path(args.source) if args.source else corpus.fetch_source()
    differ = 0
    cores = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, spec in corpus.MODULES.items():
            got = {}
            for which in ("old", "new"):
                out = Path(tmp) / which
                out.mkdir(exist_ok=True)
                got[which] = build(Path(getattr(args, which)).resolve(), src, name, spec, out)
            old, new = got["old"], got["new"]
            n = len(new["dump"]["records"])
            cores += n
            same = {k: old[k] == new[k] for k in ("section", "dump", "remarks")}
            print(f"{name:12} {n:3} records  " +
                  "  ".join(f"{k} {'same' if v else 'DIFFER'}" for k, v in same.items()))
            if not (same["section"] and same["dump"] and (same["remarks"] or not args.strict)):
                differ += 1
            if not same["remarks"]:
                for line in sorted(set(old["remarks"]) ^ set(new["remarks"])):
                    print(("  old: " if line in old["remarks"] else "  new: ") + line)
    print(f"{len(corpus.MODULES)} modules, {cores} records, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
