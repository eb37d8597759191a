"""C types of cores, built from a record's kinds with cffi's backend.

A record says its core's type kind by kind (format.h's enum pyunbox_kind), so
the type needs no C parser: cffi.FFI.cdef() runs pycparser, which costs PyPy
about 50 ms to build once and a few more per declaration, at every start of a
program that imports an accelerated module. The backend's types are the ones
cffi.FFI() would make from the record's c_prototype (test_core.py checks
that), and a function loaded with them is the object `ffi.dlopen(...).f` is.
"""
import _cffi_backend as _backend

from . import _format

# Py_ssize_t is a typedef cffi does not know; ssize_t is the same type.
_BACKEND_NAME = {"Py_ssize_t": "ssize_t"}


def kind_type(spelling):
    """The cffi type of one of format.h's kinds, by its C spelling."""
    if spelling == "void":
        return _backend.new_void_type()
    if spelling not in _format.KINDS:
        raise ValueError(f"{spelling!r} is not a record kind")
    return _backend.new_primitive_type(_BACKEND_NAME.get(spelling, spelling))


INT_PTR = _backend.new_pointer_type(kind_type("int"))
_UINTPTR = _backend.new_primitive_type("uintptr_t")
_UINTPTR_PTR = _backend.new_pointer_type(_UINTPTR)
_CHAR_PTR = _backend.new_pointer_type(_backend.new_primitive_type("char"))
_ANY_FUNCTION = _backend.new_function_type((), kind_type("void"), 0, _backend.FFI_DEFAULT_ABI)


def core_type(record):
    """The pointer-to-function type of a record's core: its parameters, then
    the `int *` bail flag where errors is "bail" (the c_prototype's order)."""
    params = [kind_type(p) for p in record.param_types]
    if record.errors == "bail":
        params.append(INT_PTR)
    return _backend.new_function_type(tuple(params), kind_type(record.return_type), 0,
                                      _backend.FFI_DEFAULT_ABI)


def new_flag():
    """A zeroed `int *` of its own, for a bail flag."""
    return _backend.newp(INT_PTR, None)


class Library:
    """A loaded shared object, opened as ffi.dlopen opens it."""

    def __init__(self, path):
        self._lib = _backend.load_library(path, 0)

    def function(self, ctype, symbol):
        return self._lib.load_function(ctype, symbol)

    def address(self, symbol):
        """The run-time address of a symbol, or None where there is none."""
        try:
            entry = self._lib.load_function(_ANY_FUNCTION, symbol)
        except (AttributeError, KeyError, OSError):
            return None
        return int(_backend.cast(_UINTPTR, entry))


def words(address, count):
    """`count` pointer-sized unsigned words at an address."""
    p = _backend.cast(_UINTPTR_PTR, address)
    return [int(p[i]) for i in range(count)]


def read_bytes(address, size):
    return _backend.buffer(_backend.cast(_CHAR_PTR, address), size)[:]
