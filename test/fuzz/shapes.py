"""The shape space the generator draws from: C scalar types, the ways a
wrapper unboxes its arguments (calling conventions, parsers, unboxers), the
ways it boxes its result, its error paths and the near misses pyunbox must
refuse. gen.py picks from these tables; summary.py counts by their names.

Every name here is a coverage axis value, so keep them short and stable.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class CType:
    spelling: str   # C spelling in generated code
    bits: int
    signed: bool
    is_float: bool = False
    min_macro: str = ""   # the <limits.h> names, for edge constants
    max_macro: str = ""


CTYPES = {
    "uchar": CType("unsigned char", 8, False, max_macro="UCHAR_MAX"),
    "short": CType("short", 16, True, min_macro="SHRT_MIN", max_macro="SHRT_MAX"),
    "ushort": CType("unsigned short", 16, False, max_macro="USHRT_MAX"),
    "int": CType("int", 32, True, min_macro="INT_MIN", max_macro="INT_MAX"),
    "uint": CType("unsigned int", 32, False, max_macro="UINT_MAX"),
    "long": CType("long", 64, True, min_macro="LONG_MIN", max_macro="LONG_MAX"),
    "ulong": CType("unsigned long", 64, False, max_macro="ULONG_MAX"),
    "llong": CType("long long", 64, True, min_macro="LLONG_MIN", max_macro="LLONG_MAX"),
    "ullong": CType("unsigned long long", 64, False, max_macro="ULLONG_MAX"),
    "ssize": CType("Py_ssize_t", 64, True, min_macro="PY_SSIZE_T_MIN", max_macro="PY_SSIZE_T_MAX"),
    "size": CType("size_t", 64, False, max_macro="SIZE_MAX"),
    "float": CType("float", 32, True, is_float=True),
    "double": CType("double", 64, True, is_float=True),
}
INT_TYPES = [t for t, c in CTYPES.items() if not c.is_float]
# Types the body computes in; narrow types come in through parameters only.
WORK_TYPES = ["int", "uint", "long", "ulong", "llong", "ullong", "ssize", "double"]

# PyArg_ParseTuple's numeric codes: code -> C type of the out-variable.
# "p" stores an int that is 0 or 1 (a bool parameter).
PARSE_CODES = {
    "b": "uchar", "B": "uchar", "h": "short", "H": "ushort", "i": "int",
    "I": "uint", "l": "long", "k": "ulong", "L": "llong", "K": "ullong",
    "n": "ssize", "f": "float", "d": "double", "p": "int",
}

# PyArg_ParseTuple's string units: unit -> its record kind's name
# (docs/FORMAT.md, "String kinds"). The wrapper gets a `const char *` to the
# argument's bytes (a str's UTF-8, a bytes' buffer), with '#' their length in a
# Py_ssize_t (the module defines PY_SSIZE_T_CLEAN) and no NUL at their end
# promised; without '#' they end at a NUL. A string unit has no default.
# "y*" and "s*" fill a Py_buffer (any bytes-like object; "s*" also a str's
# UTF-8) whose buf and len the wrapper reads, then releases: the core takes
# them as for "y#" and "s#", and the record flags the parameter
# PYUNBOX_PARAM_ANY_BUFFER.
STRING_UNITS = {"s": "UTF8", "s#": "UTF8_SIZE", "y": "BYTES", "y#": "BYTES_SIZE",
                "s*": "UTF8_SIZE", "y*": "BYTES_SIZE", "z": "UTF8", "z#": "UTF8_SIZE"}
BUFFER_UNITS = {"s*", "y*"}
# "z" and "z#" also take None, for which the pointer is NULL (and the length
# 0): the record's PARAM_NONE_IS_NULL.
NONE_UNITS = {"z", "z#"}

# A bytes argument read by hand, no parser (mmh3's, xxhash's way): not units
# of a format, but named as such in the manifest, with the kind the record
# gives. "bytes#" reads the bytes and their count (BYTES_SIZE; UTF8_SIZE
# where a str's way gives its UTF-8 and their count, "OrStr"); "bytes" the
# bytes only, up to their NUL (BYTES: its fast path passes no NUL).
HAND_BYTES = {"bytes#": "BYTES_SIZE", "bytes": "BYTES"}
# How the wrapper makes sure of its bytes first: PyBytes_Check,
# PyBytes_CheckExact, a bytes-or-str dispatch (a str's UTF-8 by
# PyUnicode_AsUTF8AndSize, where the count is read), or none, the functions
# raising themselves (PyBytes_AsString's NULL, PyBytes_Size's -1), or
# PyBytes_AsStringAndSize into the variables (NULL for the length of "bytes",
# which raises for a NUL in them).
HAND_BYTES_CHECKS = ["Check", "CheckExact", "OrStr", "Calls", "Into"]
# The str's way of "OrStr" (either test exact or not, either way first; the
# str first, maybe PyObject_CheckBuffer before the bytes' test):
# whether it is proven to do with the str's UTF-8 what the bytes' way does
# with the bytes (UTF8_SIZE) or not (BYTES_SIZE). "utf8": its UTF-8 and their
# length (PyUnicode_AsUTF8AndSize); "points_first": mmh3's, the length in
# code points stored first and overwritten; "points": the length in code
# points with PyUnicode_AsUTF8; "plus_one": one byte more.
OR_STR_WAYS = {"utf8": True, "points_first": True, "points": False, "plus_one": False}


def sized(unit):
    """Whether a string unit gives the bytes' length ('#' and '*')."""
    return unit[-1:] in "#*"


# What a wrapper computes from a string parameter's bytes, a scalar that
# reaches its result. "helper" and "helper_ni" (noinline) pass them to a static
# function that only reads them, whose parameter is checked as the core's is;
# the C library's calls are known by what C says of them. So each has a core
# at -O0 as at -O2. "memchr" and "strchr" (with a variant in the coverage:
# _loop, _last, _sub) use their result, a pointer into the bytes, as an
# offset; so does "skip" (variant _loop: where the next one starts), of a
# noinline static function that returns one. "ctype" classifies each byte
# with <ctype.h> (isalpha, toupper: the locale's tables, memory "read");
# "strncpy" copies the first bytes into a buffer of the core's own (what LLVM
# infers of strncpy, asked at -O0 too) and hashes the buffer; "parse" reads a
# number (atoi, strtol with no end pointer: memory "read", the locale).
BYTES_USES = {
    True: ["len", "first", "sum", "hash", "count", "memchr", "memcmp", "helper",
           "helper_ni", "skip", "ctype"],       # with a length ("s#", "y#")
    False: ["len", "strlen", "first", "sum", "hash", "count", "strchr", "strcmp",
            "helper", "helper_ni", "skip", "ctype", "strncpy", "parse"],   # up to the NUL ("s", "y")
}


@dataclass(frozen=True)
class Unboxer:
    call: str        # C function; the argument object is its first argument
    ctype: str       # key of CTYPES for the variable
    failed: str      # C condition on {v} meaning "maybe an error"
    overflow: bool = False  # takes an int *overflow second argument
    exact_fast_path: bool = False  # PyFloat_CheckExact(o) ? PyFloat_AS_DOUBLE(o) : call(o)


# Not C functions: the dispatches on the argument's type that gen.py writes
# (the float's value by PyFloat_AsDouble, or read with PyFloat_AS_DOUBLE).
FLOAT_OR_INT = "<float or int>"
FLOAT_OR_INT_READ = "<float read or int>"

UNBOXERS = {
    "AsLong": Unboxer("PyLong_AsLong", "long", "{v} == -1 && PyErr_Occurred()"),
    "AsLongLong": Unboxer("PyLong_AsLongLong", "llong", "{v} == -1 && PyErr_Occurred()"),
    "AsSsize_t": Unboxer("PyLong_AsSsize_t", "ssize", "{v} == -1 && PyErr_Occurred()"),
    "AsInt": Unboxer("_PyLong_AsInt", "int", "{v} == -1 && PyErr_Occurred()"),
    "AsUnsignedLong": Unboxer("PyLong_AsUnsignedLong", "ulong",
                              "{v} == (unsigned long)-1 && PyErr_Occurred()"),
    "AsUnsignedLongMask": Unboxer("PyLong_AsUnsignedLongMask", "ulong",
                                  "{v} == (unsigned long)-1 && PyErr_Occurred()"),
    "AsUnsignedLongLong": Unboxer("PyLong_AsUnsignedLongLong", "ullong",
                                  "{v} == (unsigned long long)-1 && PyErr_Occurred()"),
    "AsUnsignedLongLongMask": Unboxer("PyLong_AsUnsignedLongLongMask", "ullong",
                                      "{v} == (unsigned long long)-1 && PyErr_Occurred()"),
    "AsSize_t": Unboxer("PyLong_AsSize_t", "size", "{v} == (size_t)-1 && PyErr_Occurred()"),
    "AsDouble": Unboxer("PyFloat_AsDouble", "double", "{v} == -1.0 && PyErr_Occurred()"),
    # SWIG_AsVal_double's way (gen.py writes it out): PyFloat_AsDouble for a
    # float, PyLong_AsDouble for an int, TypeError for anything else.
    "FloatOrInt": Unboxer(FLOAT_OR_INT, "double", "{v} == -1.0 && PyErr_Occurred()"),
    # The same with the float's value read directly (kiwisolver's
    # convert_to_double).
    "FloatOrIntRead": Unboxer(FLOAT_OR_INT_READ, "double", "{v} == -1.0 && PyErr_Occurred()"),
    # Argument Clinic's and hand-written code's inline fast path for an exact
    # float (with PyPy's headers an inline type compare and a call).
    "FloatFast": Unboxer("PyFloat_AsDouble", "double", "{v} == -1.0 && PyErr_Occurred()",
                         exact_fast_path=True),
    "IsTrue": Unboxer("PyObject_IsTrue", "int", "{v} < 0"),
    "AsLongAndOverflow": Unboxer("PyLong_AsLongAndOverflow", "long",
                                 "{v} == -1 && PyErr_Occurred()", overflow=True),
    "AsLongLongAndOverflow": Unboxer("PyLong_AsLongLongAndOverflow", "llong",
                                     "{v} == -1 && PyErr_Occurred()", overflow=True),
}

# How the arguments arrive and are unboxed.
CONVENTIONS = [
    "noargs",          # METH_NOARGS
    "o",               # METH_O, one unboxer
    "varargs",         # METH_VARARGS, PyArg_ParseTuple
    "varargs_kw",      # METH_VARARGS | METH_KEYWORDS, PyArg_ParseTupleAndKeywords
    "fastcall",        # METH_FASTCALL, if (nargs != N) TypeError
    "fastcall_check",  # METH_FASTCALL, _PyArg_CheckPositional (maybe optionals)
    "fastcall_loop",   # METH_FASTCALL, unboxing args[i] in a loop (n or nargs rounds)
]


@dataclass(frozen=True)
class Boxer:
    ctype: str   # type of the boxed expression ("" for none/bool forms)
    form: str    # C returning statement(s), with {e} the expression


BOXERS = {
    "FromLong": Boxer("long", "return PyLong_FromLong({e});"),
    "FromLongLong": Boxer("llong", "return PyLong_FromLongLong({e});"),
    "FromSsize_t": Boxer("ssize", "return PyLong_FromSsize_t({e});"),
    "FromSize_t": Boxer("size", "return PyLong_FromSize_t({e});"),
    "FromUnsignedLong": Boxer("ulong", "return PyLong_FromUnsignedLong({e});"),
    "FromUnsignedLongLong": Boxer("ullong", "return PyLong_FromUnsignedLongLong({e});"),
    "FromDouble": Boxer("double", "return PyFloat_FromDouble({e});"),
    "BoolFromLong": Boxer("long", "return PyBool_FromLong({e});"),
    "RETURN_BOOL": Boxer("int", "if ({e})\n        Py_RETURN_TRUE;\n    Py_RETURN_FALSE;"),
    "RETURN_NONE": Boxer("", "Py_RETURN_NONE;"),
    "INCREF_None": Boxer("", "Py_INCREF(Py_None);\n    return Py_None;"),
    "BuildValue": Boxer("", ""),   # one scalar code or a tuple of 2..3, see BUILDVALUE_CODES
}
# Py_BuildValue's scalar codes -> the C type of the vararg (after promotion
# rules: b B h H are passed as int).
BUILDVALUE_CODES = {
    "i": "int", "I": "uint", "l": "long", "k": "ulong", "L": "llong", "K": "ullong",
    "n": "ssize", "d": "double", "f": "double", "b": "int", "B": "int", "h": "int", "H": "int",
}
# The boxer of each C type an item of a tuple made item by item has
# (PyTuple_New, then PyTuple_SET_ITEM or PyTuple_SetItem).
ITEM_BOXERS = {
    "long": "PyLong_FromLong", "llong": "PyLong_FromLongLong", "ssize": "PyLong_FromSsize_t",
    "size": "PyLong_FromSize_t", "ulong": "PyLong_FromUnsignedLong",
    "ullong": "PyLong_FromUnsignedLongLong", "double": "PyFloat_FromDouble",
    # True or False: PyBool_FromLong, or (gen.py's stored style) the
    # singleton chosen by a select and referenced.
    "int": "PyBool_FromLong",
}

# How the function may raise for well-typed arguments.
ERROR_PATHS = [
    "none",            # never raises for well-typed arguments
    "range_before",    # range check -> ValueError, before any effect (bail)
    "format_before",   # PyErr_Format(OverflowError, "%ld", v) before any effect (bail)
    "zero_div",        # ZeroDivisionError for a zero divisor (bail)
    "errno",           # errno after a libm call -> PyErr_SetFromErrno (bail)
    "raise_after_state",  # module state written, then a raise (pyerr)
    "validated_setter",   # parse an int, ValueError for a bad one, store it, None
                          # (known defect a: rewriteReturns)
    "format_bytes",    # PyErr_Format(ValueError, "%.20s", s) of an "s"/"y" unit (bail)
]

# Body features (each may or may not appear; counted as coverage).
FEATURES = ["branch", "loop", "helper", "libm", "libc", "state_read", "state_write"]

# Near misses: each must get no record.
NEAR_MISSES = [
    "escape_store",     # the argument object is stored in a static
    "escape_call",      # the argument object goes to a function through a pointer
    "self_use",         # the function reads self
    "return_arg",       # returns its argument object
    "return_tuple",     # returns a tuple of one scalar
    "none_or_number",   # None on one path, a number on another
    "bytes_store",      # a string unit's pointer stored in a (volatile) static
    "bytes_call",       # a string unit's pointer passed through a function pointer
    "bytes_view_field",  # a "y*"/"s*" unit's view read at another field than buf and len
]
