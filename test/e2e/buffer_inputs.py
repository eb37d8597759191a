"""buffers.c's cores and the arguments its parity tests pass, for the
CPython tests (test_buffers.py) and the PyPy suite (pypy/pypy_accelerate.py,
which has no pytest or hypothesis to import)."""
import array

BOOL, INT, UINT, LONG, ULONG, LONGLONG, UTF8_SIZE, BYTES_SIZE = 1, 5, 6, 7, 8, 9, 16, 18
# name: (convention, return type, kinds, any buffer)
CORES = {
    "crc": ("METH_VARARGS", "unsigned long", [BYTES_SIZE, UINT], [True, False]),
    "digest": ("METH_VARARGS", "long", [UTF8_SIZE, LONGLONG, BOOL], [True, False, False]),
    "weight": ("METH_VARARGS", "long", [BYTES_SIZE], [True]),
    "count": ("METH_FASTCALL", "Py_ssize_t", [BYTES_SIZE, INT], [True, False]),
    # hashlib.h's PyUnicode_Check and PyObject_CheckBuffer: facts of a bytes.
    "hashlib_sum": ("METH_FASTCALL", "unsigned long", [BYTES_SIZE, ULONG], [True, False]),
    "scaled_sum": ("METH_FASTCALL", "long", [BYTES_SIZE, INT], [True, False]),
    "contiguous": ("METH_VARARGS", "_Bool", [BYTES_SIZE], [True]),
    "is_readonly": ("METH_VARARGS", "_Bool", [BYTES_SIZE], [True]),
    "layout": ("METH_FASTCALL", "long", [BYTES_SIZE], [True]),
    "object_view": ("METH_VARARGS", "long", [BYTES_SIZE, LONG], [True, False]),
}

BYTESES = [b"", b"a", b"\0", b"\xff\xfe", b"hello world", b"y" * 5000, bytes(range(256))]
TEXTS = ["", "a", "h\u00e9llo", "\u65e5\u672c", "a\0b", "\ud800", "x" * 5000]
OTHERS = [bytearray(b"ab"), memoryview(b"abc"), memoryview(b"abcdef")[::2], array.array("I", [1, 2]),
          type("B", (bytes,), {})(b"sub"), type("S", (str,), {})("sub"), None, 1, 2.5, ["a"]]
NUMBERS = [0, 1, 97, 255, 256, -1, 1 << 31, 1 << 32, (1 << 32) - 1, 1 << 40, -(1 << 63), True, None, "1",
           2.5]


def calls(kinds, values):
    """Positional calls with every value at every position (the others fixed
    to a good one)."""
    good = [b"abc" if k >= UTF8_SIZE else 3 for k in kinds]
    for position, kind in enumerate(kinds):
        for value in (values if kind >= UTF8_SIZE else NUMBERS):
            args = list(good)
            args[position] = value
            yield tuple(args)
