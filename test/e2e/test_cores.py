"""(c) Every core, called through ctypes with the prototype its record gives,
equals its wrapper: on edge values and on random values of its C types.

Only values of the C types are generated: values the wrapper would reject
have no core input. For the masking format codes (k K I H) the wrapper agrees
with the core on that range too."""
import itertools

import pytest
from hypothesis import given, strategies as st

from ctypes_kinds import edge_values, strategy
from builds import Bailed
from expected import BAILS, INTERP, MINED
from outcome import outcome, same_outcome, through_vectorcall


def core_and_wrapper(plugin, name):
    assert name in plugin.records, f"{name}: no core in {plugin.tag}"
    record = plugin.records[name]
    wrapper = getattr(plugin.module, name)
    if name in INTERP:
        # Their cores do what CPython does after a builtin returns, as
        # PyObject_Vectorcall reports it (the interpreter loop's own calls
        # report a NULL without an exception with another message).
        wrapper = through_vectorcall(wrapper)
    return plugin.core(name), wrapper, record["param_types"]


def assert_core_equals_wrapper(core, wrapper, name, args):
    want = outcome(wrapper, *args)
    got = outcome(core, *args)
    if got[0] == "raised" and got[1] is Bailed:
        # A bail is right exactly where the wrapper raises (the caller then
        # runs the wrapper, which raises the exact exception).
        assert name in BAILS, f"{name}{args!r}: core bailed but its record says it cannot"
        assert want[0] == "raised", f"{name}{args!r}: core bailed, wrapper returned {want!r}"
        return
    assert same_outcome(want, got), f"{name}{args!r}: wrapper {want!r}, core {got!r}"


@pytest.mark.parametrize("name", sorted(MINED))
def test_core_edges(plugin, name):
    core, wrapper, params = core_and_wrapper(plugin, name)
    for args in itertools.product(*(edge_values(t) for t in params)):
        assert_core_equals_wrapper(core, wrapper, name, args)


@pytest.mark.parametrize("name", sorted(MINED))
def test_core_random(plugin, name):
    core, wrapper, params = core_and_wrapper(plugin, name)

    @given(st.tuples(*(strategy(t) for t in params)))
    def check(args):
        assert_core_equals_wrapper(core, wrapper, name, args)

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
