"""Totals and the coverage table of a fuzz run, from the per-module results
of harness.check_seed: printed at the end of scripts/fuzz.sh and written as
JSON.

Coverage is counted per axis of the shape space (shapes.py): how many
functions were generated with each value, how many got a core at -O0 and
-O2, and which refusal keys (-Rpass-missed remark names) the rest got. A
cross table convention x error path shows combinations.
"""
import collections
import json

FAILURE_KINDS = ("crash", "verifier", "internal", "mismatch")
AXES = ("conv", "unbox", "bytes", "ret", "error", "features", "near_miss")


def axis_values(shape, axis):
    v = shape.get(axis)
    if v is None:
        return ["-"] if axis in ("near_miss",) else []
    return v if isinstance(v, list) else [str(v)]


class Summary:
    def __init__(self):
        self.modules = 0
        self.functions = 0
        self.compiles = 0
        self.wrapper_comparisons = 0
        self.core_comparisons = 0
        self.accelerated_comparisons = 0
        self.failures = collections.Counter()
        self.failure_list = []   # (seed, module, failure dict, workdir)
        self.cores = collections.Counter()     # opt -> functions with a core
        self.coverage = collections.defaultdict(lambda: collections.Counter())
        self.refusals = collections.Counter()  # remark key -> count (at -O2)
        self.cross = collections.Counter()     # (conv, error, "gen"/"O2") -> count
        self.bad_modules = 0
        self.errors_kinds = collections.Counter()  # (opt, errors) -> cores

    def add(self, result):
        self.modules += 1
        self.compiles += result["compiles"]
        self.wrapper_comparisons += result["wrapper_comparisons"]
        self.core_comparisons += result["core_comparisons"]
        self.accelerated_comparisons += result.get("accelerated_comparisons", 0)
        if result["failures"]:
            self.bad_modules += 1
        for f in result["failures"]:
            self.failures[f["kind"]] += 1
            self.failure_list.append({"seed": result["seed"], "module": result["module"],
                                      "workdir": result.get("workdir"), **f})
        for opt, recs in result["records"].items():
            for name, rec in recs.items():
                if not name.startswith("_"):
                    self.errors_kinds[(opt, rec["errors"])] += 1
        missed = {opt: {fn: key for kind, key, fn in remarks if kind == "Missed"}
                  for opt, remarks in result.get("remarks", {}).items()}
        for fn in result.get("functions", []):
            self.functions += 1
            got = {opt: fn["name"] in recs for opt, recs in result["records"].items()}
            for opt, ok in got.items():
                self.cores[opt] += ok
            refusal = missed.get("O2", {}).get(fn["cname"])
            if refusal and not got.get("O2"):
                self.refusals[refusal] += 1
            for axis in AXES:
                for value in axis_values(fn["shape"], axis):
                    c = self.coverage[(axis, value)]
                    c["generated"] += 1
                    for opt, ok in got.items():
                        c[f"cores_{opt}"] += ok
                    if refusal and not got.get("O2"):
                        c[f"refused:{refusal}"] += 1
            conv, err = fn["shape"].get("conv"), fn["shape"].get("error")
            if fn["shape"].get("near_miss"):
                err = "near_miss"
            self.cross[(conv, err, "gen")] += 1
            self.cross[(conv, err, "O2")] += bool(got.get("O2"))

    def totals(self):
        return {"modules": self.modules, "functions": self.functions, "compiles": self.compiles,
                "wrapper_comparisons": self.wrapper_comparisons,
                "core_comparisons": self.core_comparisons,
                "accelerated_comparisons": self.accelerated_comparisons,
                "comparisons": (self.wrapper_comparisons + self.core_comparisons
                                + self.accelerated_comparisons),
                "crashes": self.failures["crash"], "verifier_failures": self.failures["verifier"],
                "internal_errors": self.failures["internal"],
                "mismatches": self.failures["mismatch"],
                "build_failures": self.failures["build"],
                "modules_with_failures": self.bad_modules,
                "cores": dict(self.cores),
                "cores_by_errors": {f"{o} {e}": n for (o, e), n in sorted(self.errors_kinds.items())}}

    def failed(self):
        return any(self.failures[k] for k in FAILURE_KINDS + ("build",))

    def to_json(self, extra=None):
        cov = {f"{axis}={value}": dict(c) for (axis, value), c in sorted(self.coverage.items())}
        cross = {f"{c}|{e}|{k}": n for (c, e, k), n in sorted(self.cross.items(), key=str)}
        return json.dumps({"totals": self.totals(), "coverage": cov, "cross_conv_error": cross,
                           "refusal_keys_O2": dict(self.refusals.most_common()),
                           "failures": self.failure_list[:500], **(extra or {})}, indent=1)

    def table(self):
        t = self.totals()
        lines = ["",
                 f"modules {t['modules']}, functions {t['functions']}, compiles {t['compiles']}, "
                 f"comparisons {t['comparisons']} (cores {t['core_comparisons']}, "
                 f"wrappers {t['wrapper_comparisons']}, "
                 f"accelerated {t['accelerated_comparisons']})",
                 f"crashes {t['crashes']}, verifier failures {t['verifier_failures']}, "
                 f"internal errors {t['internal_errors']}, mismatches {t['mismatches']}"
                 + (f", plain build failures {t['build_failures']}" if t["build_failures"] else ""),
                 f"cores: -O0 {self.cores['O0']}, -O2 {self.cores['O2']} of {self.functions} functions; "
                 "by errors: " + ", ".join(f"-{o} {e} {n}" for (o, e), n in sorted(self.errors_kinds.items())),
                 "", f"{'axis':<10} {'value':<24} {'generated':>9} {'core O0':>8} {'core O2':>8}  "
                     "top refusal keys (-O2)"]
        for (axis, value), c in sorted(self.coverage.items()):
            keys = sorted(((n, k[len("refused:"):]) for k, n in c.items()
                           if k.startswith("refused:")), reverse=True)[:3]
            lines.append(f"{axis:<10} {value:<24} {c['generated']:>9} {c['cores_O0']:>8} "
                         f"{c['cores_O2']:>8}  " + ", ".join(f"{k} {n}" for n, k in keys))
        convs = sorted({c for c, _, _ in self.cross})
        errs = sorted({e for _, e, _ in self.cross}, key=str)
        lines += ["", "convention x error path: cores at -O2 / generated",
                  f"{'':<16}" + "".join(f"{str(e)[:14]:>15}" for e in errs)]
        for c in convs:
            cells = "".join(f"{self.cross[(c, e, 'O2')]:>7}/{self.cross[(c, e, 'gen')]:<7}"
                            for e in errs)
            lines.append(f"{str(c):<16}{cells}")
        lines += ["", "refusal keys at -O2: " + ", ".join(
            f"{k} {n}" for k, n in self.refusals.most_common())]
        return "\n".join(lines)
