"""Arguments for the parity tests, good and bad, without hypothesis (PyPy has
none here): edge values of every C type, other types, objects with
__index__/__float__/__bool__ (also raising ones), subclasses."""
import math

from odd_objects import (BadBool, BadFloat, BadIndex, FloatLike, FloatSub, HugeIndex,  # noqa: F401
                         Index, IntSub)
from pyunbox_testkit.outcome import outcome, same_outcome


def _ints():
    values = {0, 1, -1, 2, 7, 1000, 10**30, -10**30, 1 << 100, 1 << 1023, -(1 << 1023),
              (1 << 1024) - 1, 1 << 1024, 10**400}
    for bits in (8, 16, 32, 64):
        for v in (1 << (bits - 1), 1 << bits):
            values |= {v, v - 1, v + 1, -v, -v - 1, -v + 1}
    return sorted(values)


INTS = _ints()
FLOATS = [0.0, -0.0, 1.5, -2.5, 0.1, 1e308, -1e308, 3.4028234663852886e38, 3.5e38,
          1e-310, 5e-324, math.inf, -math.inf, math.nan]
OTHERS = [True, False, None, "7", b"x", [], (), 1j, Index(), HugeIndex(), FloatLike(),
          BadIndex(), BadFloat(), BadBool(), IntSub(3), IntSub(-(1 << 63)), FloatSub(2.0)]
BAG = INTS + FLOATS + OTHERS
# For two-argument functions: every pair of a smaller bag.
SMALL = [0, -1, 7, (1 << 63) - 1, 1 << 63, -(1 << 63) - 1, 2.5, -0.0, math.nan, True,
         None, "7", Index(), FloatLike(), BadIndex(), IntSub(3)]


def calls(arity):
    """(args, kwargs) of the calls to try on a function of that arity: every
    value at every position, other arities, and keywords."""
    if arity == 1:
        yield from (((v,), {}) for v in BAG)
    elif arity == 2:
        yield from (((a, b), {}) for a in SMALL for b in SMALL)
        yield from (((v, 1), {}) for v in BAG)
        yield from (((1, v), {}) for v in BAG)
    else:
        yield (), {}
    for n in range(4):
        if n != arity:
            yield tuple(range(1, n + 1)), {}
    yield (1,) * arity, {"x": 1}
    yield (), {"a": 1}
    yield (1,) * arity, {}


def keyword_calls(names, arity):
    """Calls that omit trailing arguments and pass others by name (names:
    the parameter names, None where positional-only): every split of the
    parameters into a positional prefix, keywords and omitted ones, with good
    and bad values, plus names given twice and unknown names."""
    values = [1, 2.5, -3, True, None, "7", 1 << 70, IntSub(4)]
    for given in range(arity + 1):
        for value in values:
            args = (value,) + (1,) * (given - 1) if given else ()
            yield args, {}
            for k in range(given, arity):
                if names[k]:
                    yield args, {names[k]: value}
                    yield (1,) * given, {names[k]: value, **{n: 2 for n in names[k + 1:] if n}}
    for k, name in enumerate(names):
        if name:
            yield (1,) * (k + 1), {name: 5}              # given twice
            yield (), {name: 1, "nosuch": 2}              # an unknown name
            yield (), {n: 3 for n in names if n}          # all by name


def mismatches(original, fast, arity, names=None):
    """Every call on which fast and original differ, described."""
    bad = []
    extra = keyword_calls(names or [None] * arity, arity) if arity else ()
    for args, kwargs in [*calls(arity), *extra]:
        want, got = outcome(original, *args, **kwargs), outcome(fast, *args, **kwargs)
        if not same_outcome(want, got):
            bad.append(f"{original.__name__}(*{args!r}, **{kwargs!r}): "
                       f"original {want!r}, accelerated {got!r}")
    return bad
