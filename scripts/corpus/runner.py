"""Runs inside a fresh /usr/bin/python3 with the rebuilt modules in place of
the installed ones (built-in or not), then either runs CPython's own tests
for a module or compares every core of a module with its wrapper.

    runner.py MINED_DIR MODULES tests TEST_MODULE...
    runner.py MINED_DIR MODULES accelerated-tests TEST_MODULE...
    runner.py MINED_DIR MODULES cores MODULE DUMP_JSON

accelerated-tests runs the tests after pyunbox.accelerate(module,
force=True) on each module, as a PyPy program gets its functions (cores
that touch the module's state stay the originals: the tests may use
threads): the fast paths must pass CPython's own tests.

MODULES is a comma-separated list of module names served from MINED_DIR.
The last stdout line is "CORPUS-RESULT <json>".
"""
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys

SUFFIX = ".cpython-311-x86_64-linux-gnu.so"
# The helpers the test suites share (core calls, comparison, C types).
SUPPORT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "support")
PACKAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "runtime", "python")


# Modules that reference interpreter internals Debian's python3.11 does not
# export, only on paths that never run (posix_shim.c says which): bind lazily.
LAZY = {"posix"}


class LazyBindingLoader(importlib.machinery.ExtensionFileLoader):
    def create_module(self, spec):
        flags = sys.getdlopenflags()
        sys.setdlopenflags((flags & ~os.RTLD_NOW) | os.RTLD_LAZY)
        try:
            return super().create_module(spec)
        finally:
            sys.setdlopenflags(flags)


class RebuiltFinder(importlib.abc.MetaPathFinder):
    """At sys.meta_path[0], ahead of BuiltinImporter: the rebuilt .so wins."""

    def __init__(self, directory, names):
        self.paths = {n: os.path.join(directory, n + SUFFIX) for n in names}

    def find_spec(self, name, path=None, target=None):
        if name not in self.paths or not os.path.exists(self.paths[name]):
            return None
        kind = LazyBindingLoader if name in LAZY else importlib.machinery.ExtensionFileLoader
        loader = kind(name, self.paths[name])
        return importlib.util.spec_from_file_location(name, self.paths[name], loader=loader)


def install(directory, names):
    finder = RebuiltFinder(directory, names)
    sys.meta_path.insert(0, finder)
    # Some are imported at startup (posix by os): import them again through the
    # hook. Not one that is the rebuilt one already (sitecustomize installed
    # it): a single-phase module imported again is a copy of the first whose
    # functions still belong to the first (their __self__), which
    # accelerate() then does not take for the copy's own.
    for n in names:
        if getattr(sys.modules.get(n), "__file__", None) != finder.paths[n]:
            sys.modules.pop(n, None)
    files = install.files = {}
    for n in names:
        try:
            files[n] = importlib.import_module(n).__file__
        except Exception as e:  # reported, not fatal: the caller decides
            files[n] = f"<not loaded: {type(e).__name__}: {e}>"
    if "posix" in names and "posix" in sys.modules:
        # os took its functions and types from the built-in posix at startup
        # (`from posix import *`) and filed them in supports_dir_fd & co.: run
        # it again, as importing it after the rebuilt posix would, so that
        # os.sched_param is the type the rebuilt posix_spawn checks for.
        importlib.reload(os)
    return finder, files


def report(result):
    sys.stdout.flush()
    print("CORPUS-RESULT " + json.dumps(result), flush=True)


def verify(finder, names, result):
    """Which file each module in use came from; ok when all are the rebuilt ones."""
    used = {n: getattr(sys.modules.get(n), "__file__", None) for n in names}
    result["module_files"] = used
    result["load_errors"] = {n: e for n, e in getattr(install, "files", {}).items()
                             if e.startswith("<not loaded")}
    result["rebuilt_in_use"] = all(used[n] == finder.paths[n] for n in names)
    for n in names:
        print(f"corpus: {n} in use: {used[n]}", flush=True)


def accelerate(names, result):
    """pyunbox.accelerate(force=True) on each module; what it rebound."""
    sys.path.insert(0, PACKAGE)
    import pyunbox
    sys.path.remove(PACKAGE)
    result["accelerated"], result["guarded"] = {}, {}
    for n in names:
        report = pyunbox.accelerate(sys.modules[n], force=True)
        result["accelerated"][n] = sorted(report.rebound)
        result["guarded"][n] = sorted(report.guarded)
        print(f"corpus: {n}: {len(report.rebound)} functions accelerated "
              f"({len(report.guarded)} guarded)", flush=True)


def run_tests(finder, names, test_modules, accelerated=False):
    import unittest
    from test import support
    support.use_resources = []  # as `python -m test` without -u: no cpu/network/... tests
    result = {"tests": test_modules}
    verify(finder, names, result)
    if not result["rebuilt_in_use"]:
        return report(dict(result, not_loaded=True))
    if accelerated:
        accelerate(names, result)
    suite = unittest.TestSuite()
    for t in test_modules:
        suite.addTests(unittest.defaultTestLoader.loadTestsFromName(t))
    r = unittest.TextTestRunner(stream=sys.stderr, verbosity=1).run(suite)
    verify(finder, names, result)  # still ours after the run
    if accelerated:
        # Whether the guarded cores (state) were called to the end, or the
        # tests started a thread and their functions' later calls went to
        # the originals.
        from pyunbox import _threads
        result["thread_started"] = _threads.started
    result.update(run=r.testsRun, failures=len(r.failures), errors=len(r.errors),
                  skipped=len(r.skipped), expected_failures=len(r.expectedFailures),
                  unexpected_successes=len(r.unexpectedSuccesses),
                  failed_tests=[str(t) for t, _ in r.failures + r.errors])
    report(result)


def check_cores(finder, names, module_name, dump_path, examples):
    import itertools
    from hypothesis import given, settings, strategies as st, HealthCheck
    sys.path.insert(0, SUPPORT)
    from pyunbox_testkit.cores import Bailed, by_parameters, core_function, mismatch
    from pyunbox_testkit.kinds import edge_values, strategy
    records = json.load(open(dump_path))["records"]
    result = {"module": module_name, "functions": []}
    verify(finder, [module_name], result)
    if not result["rebuilt_in_use"]:
        return report(dict(result, not_loaded=True))
    module = sys.modules[module_name]
    for record in records:
        name = record["python_name"]
        entry = {"name": name, "prototype": record["c_prototype"], "errors": record["errors"],
                 "memory": record["memory"], "calls": 0, "bails": 0, "mismatches": []}
        result["functions"].append(entry)
        wrapper = getattr(module, name, None)
        if wrapper is None:
            entry["skipped"] = "no module attribute of that name (a type's method?)"
            continue
        if record["memory"] == "write":
            entry["skipped"] = "writes the module's state: calls are not independent"
            continue
        core = core_function(finder.paths[module_name], record)
        # The core takes every parameter in order; the wrapper, those it
        # takes by name only (a format's '$') by name.
        wrapper = by_parameters(wrapper, record)
        params = record["param_kinds"]

        def one(args):
            entry["calls"] += 1
            problem = mismatch(core, wrapper, record, args)
            if problem is None and record["errors"] == "bail":
                try:
                    core(*args)
                except Bailed:
                    entry["bails"] += 1
            return problem

        edges = itertools.islice(itertools.product(*(edge_values(k) for k in params)), 5000)
        for args in edges:
            problem = one(tuple(args))
            if problem:
                entry["mismatches"].append(problem)

        @settings(max_examples=examples, database=None, deadline=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(st.tuples(*(strategy(k) for k in params)))
        def random_inputs(args):
            problem = one(args)
            assert problem is None, problem

        if params:
            try:
                random_inputs()
            except AssertionError as e:
                entry["mismatches"].append("hypothesis, shrunk: " + str(e).splitlines()[0])
    report(result)


def main(argv):
    directory, names = argv[0], argv[1].split(",")
    finder, files = install(directory, names)
    for n, f in files.items():
        print(f"corpus: {n} loaded from {f}", flush=True)
    if argv[2] in ("tests", "accelerated-tests"):
        run_tests(finder, names, argv[3:], accelerated=argv[2] == "accelerated-tests")
    elif argv[2] == "cores":
        check_cores(finder, names, argv[3], argv[4], int(argv[5]))
    else:
        raise SystemExit(f"unknown command {argv[2]}")


if __name__ == "__main__":
    main(sys.argv[1:])
