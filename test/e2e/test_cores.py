"""(c) Every core, called through ctypes with the prototype its record gives,
equals its wrapper: on edge values and on random values of its C types (of a
string kind: str or bytes as its wrapper takes them, the core their bytes).

Only values of the C types are generated: values the wrapper would reject
have no core input. For the masking format codes (k K I H) the wrapper agrees
with the core on that range too."""
import itertools

import pytest
from hypothesis import given, strategies as st

from expected import INTERP, MINED
from pyunbox_testkit.cores import by_parameters, mismatch
from pyunbox_testkit.kinds import edge_values, strategy
from pyunbox_testkit.outcome import outcome, through_vectorcall


def core_and_wrapper(plugin, name):
    assert name in plugin.records, f"{name}: no core in {plugin.tag}"
    record = plugin.records[name]
    wrapper = by_parameters(getattr(plugin.module, name), record)
    if name in INTERP:
        # Their cores do what CPython does after a builtin returns, as
        # PyObject_Vectorcall reports it (the interpreter loop's own calls
        # report a NULL without an exception with another message).
        wrapper = through_vectorcall(wrapper)
    return plugin.core(name), wrapper, record


def assert_core_equals_wrapper(core, wrapper, record, args):
    problem = mismatch(core, wrapper, record, args)
    assert problem is None, f"{record['python_name']}: {problem}"


@pytest.mark.parametrize("name", sorted(MINED))
def test_core_edges(plugin, name):
    core, wrapper, record = core_and_wrapper(plugin, name)
    for args in itertools.product(*(edge_values(k) for k in record["param_kinds"])):
        assert_core_equals_wrapper(core, wrapper, record, args)


@pytest.mark.parametrize("name", sorted(MINED))
def test_core_random(plugin, name):
    core, wrapper, record = core_and_wrapper(plugin, name)

    @given(st.tuples(*(strategy(k) for k in record["param_kinds"])))
    def check(args):
        assert_core_equals_wrapper(core, wrapper, record, args)

    check()


@pytest.mark.parametrize("name", sorted(INTERP))
def test_interpreter_cores_count_references_as_wrappers(plugin, name):
    """A core that keeps reference counting releases the singleton its wrapper
    would have returned: its calls leave None's, True's and False's counts
    where they were, as the wrapper's calls do once their results are dropped.
    A reference too many or too few per call would move them by thousands."""
    import sys
    core, _, _ = core_and_wrapper(plugin, name)
    singletons = (None, True, False)

    def moved(fn):
        for k in range(-3, 3):  # settle the registry's entries first
            outcome(fn, k)
        before = [sys.getrefcount(s) for s in singletons]
        for k in range(-2000, 2000):
            outcome(fn, k)
        return [sys.getrefcount(s) - b for s, b in zip(singletons, before)]

    assert all(abs(d) < 10 for d in moved(core))
