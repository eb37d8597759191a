"""(a) The plugin never changes a wrapper: every wrapper of the plugin build
gives exactly what the plain build gives, good inputs and bad."""
import itertools

import pytest
from hypothesis import given, strategies as st

from expected import ALL, ARITY, INTERP
from inputs import BAG, any_value
from pyunbox_testkit.outcome import outcome, same_outcome, through_vectorcall
from pyunbox_testkit.paths import SHAPES_MODULE


def module_functions(module):
    return {n for n in dir(module) if type(getattr(module, n)).__name__ == "builtin_function_or_method"}


def test_expected_names_match_module(plain):
    assert module_functions(plain.module) == set(ALL)


# A few hand-computed results: the reference build itself is what we think.
KNOWN = [
    ("answer", (), 42), ("inc", (41,), 42), ("inc", ((1 << 63) - 1,), -(1 << 63)),
    ("is_even", (-4,), True), ("is_prime", (97,), True), ("long_identity", (-5,), -5),
    ("truth_not", ([],), True), ("check_long", (3,), None),
    ("fc_mix", (1, 2), 33), ("va_hypot2", (3.0, 4.0), 25.0), ("va_uchar", (255,), 256),
    ("va_ushort", (-1,), 0), ("va_pred", ("",), True), ("va_float", (1e39,), float("inf")),
]


@pytest.mark.parametrize("name,args,result", KNOWN)
def test_reference_values(plain, name, args, result):
    got = getattr(plain.module, name)(*args)
    assert type(got) is type(result) and got == result


def argument_tuples(arity):
    """Every BAG value in every position (pairs: the full product), plus
    calls with one argument too few and one too many."""
    yield from itertools.product(BAG, repeat=arity)
    if arity:
        yield tuple(BAG[:arity - 1])
    yield tuple(BAG[:arity + 1])


def call(build, name, args, kwargs):
    """Messages name the function by its import name, which differs per build."""
    fn = getattr(build.module, name)
    if name in INTERP and not kwargs:
        # Some of them return a value with an exception set, which only a
        # checked call (PyObject_Vectorcall's) reports where it happens.
        fn = through_vectorcall(fn)
    result = outcome(fn, *args, **kwargs)
    if result[0] == "raised":
        result = result[:2] + (result[2].replace(build.module.__name__, SHAPES_MODULE),)
    return result


def assert_same(plain, plugin, name, args, kwargs=None):
    kwargs = kwargs or {}
    want, got = call(plain, name, args, kwargs), call(plugin, name, args, kwargs)
    assert same_outcome(want, got), f"{name}{args!r} {kwargs}: plain {want!r}, plugin {got!r}"


@pytest.mark.parametrize("name", ALL)
def test_wrapper_same_on_bag(plain, plugin, name):
    for args in argument_tuples(ARITY[name]):
        assert_same(plain, plugin, name, args)
    assert_same(plain, plugin, name, (1,) * ARITY[name], {"x": 1})


@pytest.mark.parametrize("name", ALL)
def test_wrapper_same_random(plain, plugin, name):
    arity = ARITY[name]

    # Mostly the right number of arguments, sometimes not.
    @given(st.one_of(st.lists(any_value, min_size=arity, max_size=arity),
                     st.lists(any_value, max_size=3)))
    def check(args):
        assert_same(plain, plugin, name, tuple(args))

    check()
