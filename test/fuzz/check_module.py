"""Run the builds of one generated module and compare them; runs in a
subprocess of the harness, so that a crash of an extension or a core costs
one module's check, never the run.

    /usr/bin/python3 test/fuzz/check_module.py      # reads jobs, one JSON per line

A job names the directory with plain_<O>.so and plugin_<O>.so, the module's
manifest (gen.py) and the plugin builds' records (pyunbox-dump --json).
Three comparisons, at each -O level:

- wrapper: every function of the plugin build against the plain build, on the
  same inputs in the same order (good and bad values, wrong arities,
  keywords): the same value or the same exception type and message, and the
  same module state afterwards (read through the generated _state()). A
  string unit's parameter (the manifest's "py": "string", its "kind") gets
  its kind's edge values and str, bytes, buffers and wrong types
  (STRING_VALUES).
- core: every core, called through ctypes as its record says, against its
  wrapper in the plugin build, on edge and random values of the recorded C
  types only (a core promises nothing for others; a string kind's are the
  str or bytes its wrapper takes, the core gets their bytes); first, its
  record's string parameters must have their units' kinds, and
  param_any_buffer exactly for "y*" and "s*". The wrapper's result
  unboxed must equal the core's; a bail must coincide with the wrapper
  raising and leave the state untouched; a pyerr core raises the same
  exception. State: the wrapper runs first, the state is restored with
  _set_state(), then the core runs, and both end states must agree.
- accelerated: pyunbox.accelerate(force=True) on the plugin build, as a
  PyPy program gets it (one thread here, so the fast paths of cores that
  write the module state call them; a thread started before is an error of
  the harness's, not a pass); every rebound function against the plain
  build's on the wrapper calls and on keyword shapes (every argument by
  name, a positional prefix and names, one optional by name past omitted
  ones, a name given twice, an unknown name): the same value or exception
  type and message, and the same module state afterwards. A function whose
  record a PyPy program can use and that accelerate() does not rebind is a
  mismatch too (a record the consumer cannot find is a core lost).

A function without a record is no failure (the pass may refuse any wrapper;
a string's bytes passed to a helper at -O0 drop its core); only a near miss
with one is (harness.py).

On PyPy (fuzz.py --python pypy3) the cores that need the interpreter are
not called (ctypes cannot call them as cpyext would; accelerate() never
rebinds them); the rest is the same.

Answers one JSON line per job: counts and mismatches.
"""
import array
import importlib.machinery
import importlib.util
import itertools
import json
import math
import os
import random
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "support"))
from pyunbox_testkit import cpyext  # noqa: E402
from pyunbox_testkit.build import Build  # noqa: E402
from pyunbox_testkit.cores import Bailed, by_parameters  # noqa: E402
from pyunbox_testkit.kinds import edge_values, f32, int_range, kind_of  # noqa: E402
from pyunbox_testkit.outcome import outcome, same_outcome, same_value, through_vectorcall  # noqa: E402
from pyunbox_testkit.paths import PACKAGE_DIR  # noqa: E402

sys.path.insert(0, str(PACKAGE_DIR))
import pyunbox  # noqa: E402
from pyunbox import _threads  # noqa: E402
from pyunbox._format import KIND as KIND_BY_NAME, KINDS, STRING_KINDS  # noqa: E402

# gen.py's type keys -> their kinds (enum pyunbox_kind, pyunbox_testkit.kinds' keys),
# by the C spellings pyunbox-dump prints.
KIND = {key: kind_of(spelling) for key, spelling in {
    "uchar": "unsigned char", "short": "short", "ushort": "unsigned short",
    "int": "int", "uint": "unsigned int", "long": "long", "ulong": "unsigned long",
    "llong": "long long", "ullong": "unsigned long long", "ssize": "Py_ssize_t",
    "size": "unsigned long", "float": "float", "double": "double"}.items()}
MAX_REPORTED = 3       # mismatches kept per function and kind (all are counted)
PYPY = sys.implementation.name == "pypy"
_loaded = itertools.count()


def load(path, module_name, package):
    """Both builds of a level load under one name: messages name the module.
    The loader is named: PyPy takes only its own suffix for an extension."""
    name = f"{package}.{module_name}"
    spec = importlib.util.spec_from_file_location(
        name, path, loader=importlib.machinery.ExtensionFileLoader(name, str(path)))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- values ------------------------------------------------------------------------
# Pieces of a string kind's random values: ASCII, UTF-8 of 2, 3 and 4 bytes,
# and what a number is read from (a sign, digits, a base's prefix).
_PIECES = ["a", "Z", " ", "é", "日", "\U0001f600", "-", "0", "7", "x"]


def random_string(rng, string):
    """A random argument of a string kind: a str or a bytes as its wrapper
    takes them, a NUL only where the core gets the length."""
    pieces = _PIECES + (["\0"] if string.sized else [])
    text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
    if string.takes_str and (not string.takes_bytes or rng.random() < 0.5):
        return text
    data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 12)))
    return data if string.sized else data.replace(b"\0", b"")


def random_value(rng, kind):
    """A random value of a kind, biased to edges and to special floats."""
    if kind in STRING_KINDS:
        return random_string(rng, STRING_KINDS[kind])
    spelling = KINDS[kind]
    if spelling == "_Bool":
        return rng.random() < 0.5
    if spelling in ("double", "float"):
        r = rng.random()
        if r < 0.3:
            x = struct.unpack("d", rng.getrandbits(64).to_bytes(8, "little"))[0]
        elif r < 0.6:
            x = rng.uniform(-1, 1) * 10.0 ** rng.randint(-40, 40)
        elif r < 0.8:
            x = float(rng.randint(-1000, 1000))
        else:
            x = rng.choice([0.0, -0.0, math.inf, -math.inf, math.nan, 0.5, -1.0, 1e308])
        return f32(x) if spelling == "float" else x
    lo, hi = int_range(kind)
    r = rng.random()
    if r < 0.35:
        return rng.randint(lo, hi)
    if r < 0.6:
        return max(lo, min(hi, rng.randint(-300, 300)))
    if r < 0.8:
        return rng.choice([lo + rng.randint(0, 3), hi - rng.randint(0, 3)])
    v = (1 << rng.randint(0, hi.bit_length())) + rng.randint(-1, 1)  # powers of two
    if lo < 0 and rng.random() < 0.5:
        v = -v
    return max(lo, min(hi, v))


def core_inputs(rng, kinds, n_random, max_edges, none_is_null=None):
    """Edge and random values of the kinds; None too for a "z" unit's
    parameter (none_is_null), which the core gets as NULL."""
    nullable = none_is_null or [False] * len(kinds)
    edges = [edge_values(k) + [None] * z for k, z in zip(kinds, nullable)]
    combos = list(itertools.islice(itertools.product(*edges), 5000))
    if len(combos) > max_edges:
        combos = rng.sample(combos, max_edges)
    combos += [tuple(None if z and rng.random() < 0.2 else random_value(rng, k)
                     for k, z in zip(kinds, nullable)) for _ in range(n_random)]
    return combos


BAD_VALUES = [None, "7", b"x", 2.5, -0.0, math.nan, 1 << 64, -(1 << 63) - 1, 10 ** 30, True, [], 1j]


class _Str(str):
    pass


class _Bytes(bytes):
    pass


# A string unit's arguments besides its kind's edge values: str and bytes
# either unit may refuse (a NUL, a lone surrogate: no UTF-8), buffers "s#" and
# "y#" take but no fast path does (memoryview), writable ones only "s*" and
# "y*" take (bytearray, array), a non-contiguous one no unit takes (a
# BufferError for "s*" and "y*"), subclasses, and wrong types.
STRING_VALUES = ["", "a", "\u00e9t\u00e9", "a\0b", "\0", "\ud800", "x\udcff", _Str("ab"),
                 b"", b"ab", b"a\0b", b"\xff\x00", _Bytes(b"ab"), bytearray(b"ab"),
                 memoryview(b"ab"), memoryview(b"abcdef")[::2], array.array("b", [97, 0, 98]),
                 0, 7, None, 2.5]


def wrapper_pool(param):
    if param["py"] == "string":
        values = STRING_VALUES
        if PYPY and param.get("reads_readonly"):
            values = [v for v in values if cpyext.sure_of_readonly(v)]
        return edge_values(KIND_BY_NAME[param["kind"]]) + values
    if param["py"] == "bool":
        return [True, False, 0, 1, -7, 0.0, 2.5, "", "x", None, []]
    if param["py"] == "float":
        return edge_values(kind_of("double")) + [7, -3, True, 1 << 1100, None, "x"]
    kind = KIND[param["ctype"]]
    lo, hi = int_range(kind)
    return edge_values(kind) + [lo - 1, hi + 1]


def wrapper_inputs(rng, fn, n_random):
    """(args, kwargs) calls: typed and bad values, wrong arities, keywords."""
    params = fn["params"]
    pools = [wrapper_pool(p) for p in params]
    calls = []
    for _ in range(n_random if params else 2):
        args = tuple(rng.choice(pool) if rng.random() < 0.8 else rng.choice(BAD_VALUES)
                     for pool in pools)
        calls.append((args, {}))
    calls.append((tuple(p[0] for p in pools) + (1,), {}))          # one too many
    if params:
        calls.append((tuple(p[0] for p in pools[:fn["min_args"] - 1]), {}))  # too few
        calls.append((tuple(rng.choice(p) for p in pools[:fn["min_args"]]), {}))  # optionals off
    if fn.get("keywords") and params:
        *pos, last = [rng.choice(p) for p in pools]
        calls.append((tuple(pos), {params[-1]["name"]: last}))
        calls.append((tuple(pos), {"nope": last}))
    return calls


def keyword_inputs(rng, fn):
    """(args, kwargs) calls that name their arguments; for a function that
    takes no keywords each is a TypeError the fast path must raise as the
    original does."""
    params = fn["params"]
    if not params:
        return [((), {"nope": 1})]
    names = [p["name"] for p in params]
    values = [rng.choice(wrapper_pool(p)) if rng.random() < 0.85 else rng.choice(BAD_VALUES)
              for p in params]
    order = rng.sample(range(len(params)), len(params))
    given = rng.randint(0, len(params))
    calls = [((), {names[i]: values[i] for i in order}),
             (tuple(values[:given]), {names[i]: values[i] for i in range(given, len(params))})]
    required = fn["min_args"]
    if required < len(params):  # one optional by name, those before it omitted
        j = rng.randint(required, len(params) - 1)
        calls.append((tuple(values[:required]), {names[j]: values[j]}))
    twice = rng.randrange(len(params))
    calls.append((tuple(values[:twice + 1]), {names[twice]: values[twice]}))
    calls.append((tuple(values[:required]), {"nope": values[0]}))
    return calls


def py_arg(value, kind):
    return bool(value) if KINDS[kind] == "_Bool" else value


# -- comparisons ---------------------------------------------------------------------
class Report:
    def __init__(self):
        self.wrapper = 0
        self.core = 0
        self.accelerated = 0
        self.mismatches = []
        self.counts = {}

    def mismatch(self, kind, opt, fn, args, want, got, why):
        key = (kind, opt, fn)
        self.counts[key] = self.counts.get(key, 0) + 1
        if self.counts[key] <= MAX_REPORTED:
            self.mismatches.append({"kind": kind, "opt": opt, "function": fn, "args": repr(args),
                                    "want": repr(want), "got": repr(got), "why": why})


def same_deep(a, b):
    """outcome.same_outcome, and tuples (the near misses' results) item by item."""
    if a[0] == b[0] == "returned" and isinstance(a[1], tuple) and isinstance(b[1], tuple):
        return len(a[1]) == len(b[1]) and all(
            same_outcome(("returned", x), ("returned", y)) for x, y in zip(a[1], b[1]))
    return same_outcome(a, b)


def same_state(a, b):
    return a[0] == "returned" and b[0] == "returned" and len(a[1]) == len(b[1]) and \
        all(same_value(x, y) for x, y in zip(a[1], b[1]))


def compare_calls(report, kind, opt, plain, plugin, name, calls, what):
    """The plugin module's `name` against the plain build's on each call:
    the same outcome, and the same module state after it."""
    for args, kwargs in calls:
        want = outcome(getattr(plain, name), *args, **kwargs)
        got = outcome(getattr(plugin, name), *args, **kwargs)
        setattr(report, kind, getattr(report, kind) + 1)
        if not same_deep(want, got):
            report.mismatch(kind, opt, name, (args, kwargs), want, got,
                            f"{what} differs from the plain build's")
            continue
        sw, sg = outcome(plain._state), outcome(plugin._state)
        if not same_state(sw, sg):
            report.mismatch(kind, opt, name, (args, kwargs), sw, sg,
                            f"module state differs after the call of the {what}")
            outcome(plugin._set_state, *sw[1])


def compare_wrappers(report, opt, plain, plugin, manifest, rng, n_random):
    for fn in manifest["functions"]:
        compare_calls(report, "wrapper", opt, plain, plugin, fn["name"],
                      wrapper_inputs(rng, fn, n_random), "plugin build's wrapper")


def usable_on_pypy(record):
    """A record accelerate() takes on PyPy (state cores while one thread runs)."""
    return record["errors"] in ("none", "bail") and not record["needs_interpreter"]


def compare_accelerated(report, opt, plain, plugin, manifest, records, rng, n_random, d):
    for module in (plain, plugin):
        outcome(module._set_state, 0, 0.0, 0, 0)
    # The default: cores that write the module state are guarded, and
    # with a second thread started every call of theirs would be the
    # original's, comparing nothing.
    if _threads.watch():
        raise RuntimeError("check_module: a second Python thread has run; the "
                           "accelerated state cores would never be called")
    rebound = pyunbox.accelerate(plugin, force=True)
    try:
        for name, record in sorted(records.items()):
            if usable_on_pypy(record) and name not in rebound.rebound:
                report.mismatch("accelerated", opt, name, (), record["c_prototype"],
                                rebound.skipped.get(name),
                                "accelerate() did not rebind a function with a usable core")
        for fn in manifest["functions"]:
            name = fn["name"]
            if name not in rebound.rebound:
                continue
            (d / "checking.txt").write_text(f"{opt} accelerated:{name}")
            compare_calls(report, "accelerated", opt, plain, plugin, name,
                          wrapper_inputs(rng, fn, n_random) + keyword_inputs(rng, fn),
                          "accelerated function")
    finally:
        pyunbox.restore(plugin)


def compare_record(report, opt, fn, record):
    """The record's string parameters against the manifest's units: the
    unit's kind, PYUNBOX_PARAM_ANY_BUFFER exactly for "y*" and "s*",
    PYUNBOX_PARAM_NONE_IS_NULL exactly for "z" and "z#", and None as the
    default (param_default_is_none) only for an optional one whose pointer
    was NULL before the parse (not for each: a default the record cannot use,
    before a later parameter without one, is left out)."""
    kinds = record["param_kinds"]
    flags = [record.get(name) or [False] * len(kinds)
             for name in ("param_any_buffer", "param_none_is_null", "param_default_is_none")]
    want = [(KIND_BY_NAME[p["kind"]], p["unit"].endswith("*"), p["unit"].startswith("z"),
             bool(p.get("default_none"))) if p["py"] == "string" else (None, False, False, False)
            for p in fn["params"]]
    got = [(k if k in STRING_KINDS else None, *map(bool, f)) for k, *f in zip(kinds, *flags)]
    exact = [w[:3] for w in want] == [g[:3] for g in got]
    none_default_allowed = all(w[3] or not g[3] for w, g in zip(want, got))
    if len(kinds) != len(fn["params"]) or not exact or not none_default_allowed:
        report.mismatch("core", opt, fn["name"], (), want, got,
                        "record's string kinds or flags differ from the units'")


def compare_core(report, opt, build, name, record, rng, n_random, max_edges):
    module = build.module
    wrapper = by_parameters(getattr(module, name), record)
    if record["needs_interpreter"]:
        wrapper = through_vectorcall(wrapper)  # checks the result as a C caller does
    core = build.core(name)
    kinds = record["param_kinds"]
    for args in core_inputs(rng, kinds, n_random, max_edges, record.get("param_none_is_null")):
        py_args = tuple(py_arg(v, k) for v, k in zip(args, kinds))
        before = outcome(module._state)
        want = outcome(wrapper, *py_args)
        after_wrapper = outcome(module._state)
        outcome(module._set_state, *before[1])
        got = outcome(core, *args)
        after_core = outcome(module._state)
        report.core += 1
        if got[0] == "raised" and got[1] is Bailed:
            if record["errors"] != "bail":
                why = "core bailed but its record says errors=" + record["errors"]
            elif want[0] != "raised":
                why = "core bailed where the wrapper returned"
            elif not same_state(before, after_core):
                why = "core changed module state before bailing"
            else:
                outcome(module._set_state, *after_wrapper[1])  # the caller re-runs the wrapper
                continue
            report.mismatch("core", opt, name, args, want, got, why)
        elif not same_outcome(want, got):
            why = "core does not bail where the wrapper raises" if want[0] == "raised" \
                else "core's result differs from the wrapper's"
            report.mismatch("core", opt, name, args, want, got, why)
        elif not same_state(after_wrapper, after_core):
            report.mismatch("core", opt, name, args, after_wrapper, after_core,
                            "module state after the core differs from after the wrapper")
        outcome(module._set_state, *after_wrapper[1])


def check(job):
    manifest = json.loads(Path(job["manifest"]).read_text())
    report = Report()
    d = Path(job["dir"])
    for opt in job["opts"]:
        rng = random.Random(f"{manifest['seed']}:{opt}")
        try:
            package = f"fzck{next(_loaded)}"
            plain = load(d / f"plain_{opt}.so", manifest["module"], package)
            plugin = load(d / f"plugin_{opt}.so", manifest["module"], package)
        except Exception as e:  # a module that does not import is a failure to report
            report.mismatch("load", opt, "<module>", (), None, repr(e), "import failed")
            continue
        (d / "checking.txt").write_text(f"{opt} wrappers")
        compare_wrappers(report, opt, plain, plugin, manifest, rng, job["wrapper_inputs"])
        records = job["records"].get(opt, {})
        build = Build(f"plugin_{opt}", d / f"plugin_{opt}.so", True, plugin, records)
        for fn in manifest["functions"]:
            if fn["name"] in records:
                compare_record(report, opt, fn, records[fn["name"]])
        for name, record in sorted(records.items()):
            if not hasattr(plugin, name) or record["needs_interpreter"] and PYPY:
                continue
            # Should a core kill this process, the harness reads who it was.
            (d / "checking.txt").write_text(f"{opt} {name}")
            outcome(plugin._set_state, 0, 0.0, 0, 0)
            compare_core(report, opt, build, name, record, rng, job["core_inputs"],
                         job["core_edges"])
        compare_accelerated(report, opt, plain, plugin, manifest, records, rng,
                            job["wrapper_inputs"], d)
    return {"wrapper_comparisons": report.wrapper, "core_comparisons": report.core,
            "accelerated_comparisons": report.accelerated,
            "mismatches": report.mismatches,
            "mismatch_count": sum(report.counts.values())}


def main():
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # anything an extension prints goes to stderr, not the protocol
    for line in sys.stdin:
        try:
            result = check(json.loads(line))
        except Exception as e:
            import traceback
            result = {"error": f"{e!r}\n{traceback.format_exc()}"}
        out.write(json.dumps(result) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
