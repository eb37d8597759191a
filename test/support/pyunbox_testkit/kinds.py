"""The C types a core can take or return (enum pyunbox_kind): their ctypes,
ranges, edge values and hypothesis strategies, keyed by the C spellings that
pyunbox-dump prints (pyunbox._format.KINDS)."""
import ctypes
import math
import struct

from . import paths  # noqa: F401  (puts the pyunbox package on sys.path)
from pyunbox._format import KIND_TABLE

# By the kind's name in format.h (PYUNBOX_KIND_<name>): a kind added there
# and not here fails at import, not in a test far away.
_CTYPE_OF_KIND = {
    "VOID": None, "BOOL": ctypes.c_bool, "UCHAR": ctypes.c_ubyte,
    "SHORT": ctypes.c_short, "USHORT": ctypes.c_ushort, "INT": ctypes.c_int,
    "UINT": ctypes.c_uint, "LONG": ctypes.c_long, "ULONG": ctypes.c_ulong,
    "LONGLONG": ctypes.c_longlong, "ULONGLONG": ctypes.c_ulonglong,
    "SSIZE_T": ctypes.c_ssize_t, "FLOAT": ctypes.c_float, "DOUBLE": ctypes.c_double,
    "SCHAR": ctypes.c_byte,
}
CTYPES = {spelling: _CTYPE_OF_KIND[name] for name, spelling in KIND_TABLE}
FLOATS = {"float", "double"}


def int_range(spelling):
    ctype = CTYPES[spelling]
    bits = 8 * ctypes.sizeof(ctype)
    if ctype(-1).value < 0:
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1


def f32(x):
    """x rounded to the nearest float32, as a Python float."""
    return struct.unpack("f", struct.pack("f", x))[0]


def edge_values(spelling):
    inf, nan = math.inf, math.nan
    if spelling == "_Bool":
        return [False, True]
    if spelling == "double":
        return [0.0, -0.0, 1.0, -1.0, 0.5, 1e-300, -1e300, 5e-324, -5e-324,
                1.7976931348623157e308, -1.7976931348623157e308, inf, -inf, nan]
    if spelling == "float":
        return [0.0, -0.0, 1.0, -1.0, f32(0.1), 1.401298464324817e-45,
                1.1754943508222875e-38, 3.4028234663852886e38,
                -3.4028234663852886e38, inf, -inf, nan]
    lo, hi = int_range(spelling)
    values = {lo, lo + 1, hi - 1, hi, 0, 1, 2, 7, 255, 256, hi // 2, hi // 2 + 1}
    if lo < 0:
        values |= {-1, -2, lo // 2}
    return sorted(v for v in values if lo <= v <= hi)


def strategy(spelling):
    """A hypothesis strategy for the values of a C type."""
    from hypothesis import strategies as st
    if spelling == "_Bool":
        return st.booleans()
    if spelling == "double":
        return st.floats(allow_nan=True, allow_infinity=True)
    if spelling == "float":
        return st.floats(width=32, allow_nan=True, allow_infinity=True)
    lo, hi = int_range(spelling)
    return st.integers(min_value=lo, max_value=hi)
