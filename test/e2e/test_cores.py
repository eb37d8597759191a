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
from expected import BAILS, MINED
from outcome import outcome, same_outcome


def core_and_wrapper(plugin, name):
    assert name in plugin.records, f"{name}: no core in {plugin.tag}"
    record = plugin.records[name]
    return plugin.core(name), getattr(plugin.module, name), record["param_types"]


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
