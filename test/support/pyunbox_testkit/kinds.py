"""The C types a core can take or return (enum pyunbox_kind): their ctypes,
ranges, edge values and hypothesis strategies, by kind: the enum's value, as
a record's param_kinds has it (pyunbox-dump --json, pyunbox.Record). A
spelling of param_types may stand for two kinds (UTF8 and BYTES are both
"const char *"); kind_of() reads the unique ones (return_type's).

A string kind's values are the wrapper's arguments (a str or a bytes);
c_arguments() makes the core's of one (its bytes, and their length)."""
import ctypes
import math
import struct

from . import paths  # noqa: F401  (puts the pyunbox package on sys.path)
from pyunbox._format import KIND_TABLE, KINDS, SIZED_KINDS, STRING_KINDS

# By the kind's name in format.h (PYUNBOX_KIND_<name>): a kind added there
# and not here fails at import, not in a test far away. A string kind's is its
# pointer's (c_argtypes adds a _SIZE kind's length).
_CTYPE_OF_KIND = {
    "VOID": None, "BOOL": ctypes.c_bool, "UCHAR": ctypes.c_ubyte,
    "SHORT": ctypes.c_short, "USHORT": ctypes.c_ushort, "INT": ctypes.c_int,
    "UINT": ctypes.c_uint, "LONG": ctypes.c_long, "ULONG": ctypes.c_ulong,
    "LONGLONG": ctypes.c_longlong, "ULONGLONG": ctypes.c_ulonglong,
    "SSIZE_T": ctypes.c_ssize_t, "FLOAT": ctypes.c_float, "DOUBLE": ctypes.c_double,
    "SCHAR": ctypes.c_byte, "UTF8": ctypes.c_char_p, "UTF8_SIZE": ctypes.c_char_p,
    "BYTES": ctypes.c_char_p, "BYTES_SIZE": ctypes.c_char_p,
    # A tuple: the core returns void, its items through pointers.
    "TUPLE": None,
}
CTYPES = {kind: _CTYPE_OF_KIND[name] for kind, (name, _) in enumerate(KIND_TABLE)}


def kind_of(spelling):
    """The kind a C spelling names, where it names one (every return kind's
    does; "const char *" names two)."""
    kinds = [kind for kind, s in enumerate(KINDS) if s == spelling]
    if len(kinds) != 1:
        raise ValueError(f"{spelling!r} spells {len(kinds)} kinds: take the record's param_kinds")
    return kinds[0]


def c_argtypes(kind):
    """The ctypes of the C parameters one parameter of the kind is."""
    return [CTYPES[kind]] + ([ctypes.c_ssize_t] if kind in SIZED_KINDS else [])


def c_arguments(kind, value):
    """The core's arguments for the wrapper's argument `value`: itself, or
    for a string kind its bytes (a str's UTF-8) and, for a _SIZE kind, their
    length (ctypes passes a bytes' own NUL-terminated buffer); for None
    (a "z" unit's) NULL and 0."""
    if kind not in STRING_KINDS:
        return (value,)
    if value is None:
        return (None, 0) if kind in SIZED_KINDS else (None,)
    data = value.encode() if isinstance(value, str) else value
    return (data, len(data)) if kind in SIZED_KINDS else (data,)


def int_range(kind):
    ctype = CTYPES[kind]
    bits = 8 * ctypes.sizeof(ctype)
    if ctype(-1).value < 0:
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1


def f32(x):
    """x rounded to the nearest float32, as a Python float."""
    return struct.unpack("f", struct.pack("f", x))[0]


# A string kind's edge values: empty, ASCII, UTF-8 of 2, 3 and 4 bytes, long;
# bytes that are no UTF-8; a NUL only where the core gets the length (a
# NUL-terminated kind's wrapper refuses it, so its core has no such input).
_TEXTS = ["", "a", "hello, world", "é", "naïve café", "日本語", "\U0001f600", "x" * 1000]
_BYTES = [b"", b"a", b"hello", b"\xff\xfe", b"\x80", bytes(range(1, 256))]
_TEXTS_WITH_NUL = ["\0", "a\0b", "é\0"]
_BYTES_WITH_NUL = [b"\0", b"a\0b", bytes(range(256))]


def _string_edge_values(string):
    values = []
    if string.takes_str:
        values += _TEXTS + (_TEXTS_WITH_NUL if string.sized else [])
    if string.takes_bytes:
        values += _BYTES + (_BYTES_WITH_NUL if string.sized else [])
    return values


def edge_values(kind):
    inf, nan = math.inf, math.nan
    if kind in STRING_KINDS:
        return _string_edge_values(STRING_KINDS[kind])
    spelling = KINDS[kind]
    if spelling == "_Bool":
        return [False, True]
    if spelling == "double":
        return [0.0, -0.0, 1.0, -1.0, 0.5, 1e-300, -1e300, 5e-324, -5e-324,
                1.7976931348623157e308, -1.7976931348623157e308, inf, -inf, nan]
    if spelling == "float":
        return [0.0, -0.0, 1.0, -1.0, f32(0.1), 1.401298464324817e-45,
                1.1754943508222875e-38, 3.4028234663852886e38,
                -3.4028234663852886e38, inf, -inf, nan]
    lo, hi = int_range(kind)
    values = {lo, lo + 1, hi - 1, hi, 0, 1, 2, 7, 255, 256, hi // 2, hi // 2 + 1}
    if lo < 0:
        values |= {-1, -2, lo // 2}
    return sorted(v for v in values if lo <= v <= hi)


def strategy(kind):
    """A hypothesis strategy for the values of a kind."""
    from hypothesis import strategies as st
    string = STRING_KINDS.get(kind)
    if string is not None:
        # st.text() has no surrogates (a str without UTF-8 is no core input).
        texts, binary = st.text(), st.binary()
        if not string.sized:
            texts = texts.map(lambda t: t.replace("\0", ""))
            binary = binary.map(lambda b: b.replace(b"\0", b""))
        return st.one_of(*([texts] if string.takes_str else []),
                         *([binary] if string.takes_bytes else []))
    spelling = KINDS[kind]
    if spelling == "_Bool":
        return st.booleans()
    if spelling == "double":
        return st.floats(allow_nan=True, allow_infinity=True)
    if spelling == "float":
        return st.floats(width=32, allow_nan=True, allow_infinity=True)
    lo, hi = int_range(kind)
    return st.integers(min_value=lo, max_value=hi)
