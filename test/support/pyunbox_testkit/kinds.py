"""The C types a core can take or return: their ctypes, ranges, edge values
and hypothesis strategies, keyed by the C spellings pyunbox-dump prints."""
import ctypes
import math
import struct

CTYPES = {
    "void": None,
    "_Bool": ctypes.c_bool,
    "unsigned char": ctypes.c_ubyte,
    "short": ctypes.c_short,
    "unsigned short": ctypes.c_ushort,
    "int": ctypes.c_int,
    "unsigned int": ctypes.c_uint,
    "long": ctypes.c_long,
    "unsigned long": ctypes.c_ulong,
    "long long": ctypes.c_longlong,
    "unsigned long long": ctypes.c_ulonglong,
    "Py_ssize_t": ctypes.c_ssize_t,
    "float": ctypes.c_float,
    "double": ctypes.c_double,
}
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
