"""Whole-program mining on the third-party corpus: each project's files
(scripts/corpus/projects.json) built as one extension, once file by file
(each file's cores, as a plain build gets them) and once under full LTO
with the plugin loaded by lld at the link (PYUNBOX_LTO=full in the driver),
where a wrapper whose work is a function of another file of the project is
mined again with that function in sight (docs/PASS.md, "Whole programs
under LTO"). A side run of scripts/corpus/thirdparty.py, whose cache and
flags it uses (run that first: it fetches the sources).

  /usr/bin/python3 scripts/corpus/thirdparty_lto.py --jobs 2 [--only a,b] [--json F]

Per project: the files that compile here, the cores of the file-by-file
build and of the LTO link, and of each how many a consumer can call (cores
that need no interpreter), with the names gained and lost. -O2 throughout.
A project of several extensions links each file that defines a module
with the files that define none. A link that fails (files that are
alternatives of each other, a project the corpus compiles only in part) is
reported, not counted.
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import thirdparty as tp  # noqa: E402  (its cache, fetch, flags and tools)


def records(dump, path):
    r = tp.run([str(dump), "--json", str(path)])
    if r.returncode:
        return []
    return [(rec["python_name"], rec.get("module") or "", bool(rec.get("needs_interpreter")))
            for rec in json.loads(r.stdout)["records"]]


def defines_module(src):
    text = src.read_text(errors="replace")
    return "PyInit_" in text or "PyMODINIT_FUNC" in text


def build_project(project, root, plugin, dump, out):
    """The file-by-file and the LTO build of one project; a dict of counts.
    A project of several extensions (files that each define a module) links
    each of them with the files that define none."""
    flags = tp.flags_for(project, root, out)
    res = {"project": project["name"], "files": 0, "per_file": [], "lto": [], "link_error": None}
    modules, helpers = [], []
    for rel in tp.expand_files(project, root):
        src = root / rel
        if not src.exists():
            continue
        stem = rel.replace("/", "__")
        obj, lto_obj = out / f"{stem}.o", out / f"{stem}.lto.o"
        one = tp.run([tp.CLANG, "-O2", "-w", *flags, f"-fpass-plugin={plugin}", "-c", src, "-o", obj],
                     cwd=root)
        if one.returncode:
            continue  # does not compile here (thirdparty.py reports why)
        res["files"] += 1
        res["per_file"] += records(dump, obj)
        lto = tp.run([tp.CLANG, "-O2", "-w", *flags, "-flto=full", f"-fpass-plugin={plugin}", "-c", src,
                      "-o", lto_obj], cwd=root)
        if lto.returncode:
            res["link_error"] = f"{rel} does not compile with -flto=full: {tp.first_error(lto.stderr)}"
            return res
        (modules if defines_module(src) else helpers).append(lto_obj)
    for k, module in enumerate(modules or helpers[:1]):
        so = out / f"{project['name']}.{k}.so"
        link = tp.run([tp.CLANG, "-O2", "-fuse-ld=lld", "-flto=full", "-shared",
                       *dict.fromkeys([module, *helpers]), "-o", so, f"-Wl,--load-pass-plugin={plugin}"],
                      cwd=root)
        if link.returncode:
            res["link_error"] = tp.first_error(link.stderr)
            return res
        res["lto"] += records(dump, so)
    return res


def usable(recs):
    return sorted({f"{m}.{n}" if m else n for n, m, interp in recs if not interp})


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--only", default="", help="comma-separated project names")
    ap.add_argument("--json", default=None, help="write the results here")
    ap.add_argument("--cache", default=str(tp.CACHE))
    ap.add_argument("--plugin", default=str(tp.PLUGIN))
    ap.add_argument("--dump", default=str(tp.DUMP))
    args = ap.parse_args(argv)
    tp.use_cython("0.29")
    projects = json.loads(tp.PROJECTS.read_text())["projects"]
    if args.only:
        wanted = set(args.only.split(","))
        projects = [p for p in projects if p["name"] in wanted]
    cache = Path(args.cache).expanduser()
    roots = {}
    for p in projects:
        if "github" in p["source"]:
            root, _ = tp.fetch_github(cache, p)
            if root:
                roots[p["name"]] = Path(root)
    deb = tp.fetch_debian_all(cache, [p for p in projects if "debian" in p["source"]], False)
    roots.update({name: Path(root) for name, (root, _) in deb.items() if root})
    scratch = Path(tempfile.mkdtemp(prefix="pyunbox-thirdparty-lto-"))
    # A private copy of the plugin and dump tool: build/ may be rebuilt meanwhile.
    plugin, dump = scratch / "libPyUnbox.so", scratch / "pyunbox-dump"
    shutil.copy2(args.plugin, plugin)
    shutil.copy2(args.dump, dump)
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futs = {}
        for p in projects:
            if p["name"] not in roots or (p.get("cython") and tp.cythonize(roots[p["name"]], p)):
                continue
            out = scratch / p["name"]
            out.mkdir(parents=True)
            futs[pool.submit(build_project, p, roots[p["name"]], plugin, dump, out)] = p["name"]
        for fut in concurrent.futures.as_completed(futs):
            results.append(fut.result())
            r = results[-1]
            tp.log(f"{r['project']}: {r['files']} files, cores {len(r['per_file'])} -> {len(r['lto'])}"
                   + (f" (link: {r['link_error']})" if r["link_error"] else ""))
    results.sort(key=lambda r: r["project"])
    print("| project | files | cores, file by file (no interpreter) | cores, full LTO (no interpreter) "
          "| gained (no interpreter) | lost |")
    print("|---|---:|---:|---:|---|---|")
    totals = [0, 0, 0, 0, 0]
    for r in results:
        before, after = usable(r["per_file"]), usable(r["lto"])
        linked = r["link_error"] is None
        gained = sorted(set(after) - set(before)) if linked else []
        lost = sorted(set(before) - set(after)) if linked else []
        r.update(gained=gained, lost=lost)
        if not (r["per_file"] or r["lto"] or r["link_error"]):
            continue
        lto_cell = (f"{len(r['lto'])} ({len(after)})" if linked else f"link failed: {r['link_error'][:80]}")
        print(f"| `{r['project']}` | {r['files']} | {len(r['per_file'])} ({len(before)}) | {lto_cell} "
              f"| {', '.join(f'`{g}`' for g in gained)} | {', '.join(f'`{l}`' for l in lost)} |")
        if linked:
            for i, v in enumerate([r["files"], len(r["per_file"]), len(before), len(r["lto"]), len(after)]):
                totals[i] += v
    print(f"| **all that link** | {totals[0]} | {totals[1]} ({totals[2]}) | {totals[3]} ({totals[4]}) | | |")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
