"""Python arguments for the wrapper tests: good and bad values of every sort a
caller can pass. The same objects go to both builds, so reprs that contain an
address compare equal."""
import math

from hypothesis import strategies as st


from odd_objects import (BadBool, BadFloat, BadIndex, FloatLike, FloatSub, HugeIndex,  # noqa: F401
                         Index, IntSub)


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
