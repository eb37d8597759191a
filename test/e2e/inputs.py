"""Python arguments for the wrapper tests: good and bad values of every sort a
caller can pass. The same objects go to both builds, so reprs that contain an
address compare equal."""
import math

from hypothesis import strategies as st


class Index:
    def __index__(self):
        return 5


class HugeIndex:
    def __index__(self):
        return 1 << 70


class FloatLike:
    def __float__(self):
        return 2.5


class BadIndex:
    def __index__(self):
        raise RuntimeError("BadIndex.__index__")


class BadFloat:
    def __float__(self):
        raise RuntimeError("BadFloat.__float__")


class BadBool:
    def __bool__(self):
        raise RuntimeError("BadBool.__bool__")


class IntSub(int):
    pass


class FloatSub(float):
    pass


def _int_edges():
    values = {0, 1, -1, 2, 10**30, -10**30, 1 << 100}
    for bits in (8, 16, 32, 64):
        for v in (1 << (bits - 1), 1 << bits):
            values |= {v, v - 1, -v, -v - 1}
    return sorted(values)


BAG = _int_edges() + [
    0.0, -0.0, 1.5, -2.5, 1e308, -1e308, 3.5e38, 1e-310, math.inf, -math.inf, math.nan,
    True, False, None, "7", b"x", [], (), 1j,
    Index(), HugeIndex(), FloatLike(), BadIndex(), BadFloat(), BadBool(),
    IntSub(3), IntSub(-(1 << 63)), FloatSub(2.0),
]

any_value = st.one_of(
    st.integers(),
    st.integers(min_value=-(1 << 65), max_value=1 << 65),
    st.floats(),
    st.booleans(),
    st.none(),
    st.text(max_size=3),
    st.sampled_from(BAG),
)
