"""C types of cores, built from a record's kinds with cffi's backend.

A record says its core's type kind by kind (format.h's enum pyunbox_kind), so
the type needs no C parser: cffi.FFI.cdef() runs pycparser, which costs PyPy
about 50 ms to build once and a few more per declaration, at every start of a
program that imports an accelerated module. The backend's types are the ones
cffi.FFI() would make from the record's c_prototype (test_core.py checks
that), and a function loaded with them (_loaded) is the object
`ffi.dlopen(...).f` is.
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
# For reading a loaded object's memory: its records' bounds and section.
UINTPTR = _backend.new_primitive_type("uintptr_t")
UINTPTR_PTR = _backend.new_pointer_type(UINTPTR)
CHAR_PTR = _backend.new_pointer_type(_backend.new_primitive_type("char"))
# A type to load any symbol with: only its address is used.
ANY_FUNCTION = _backend.new_function_type((), kind_type("void"), 0, _backend.FFI_DEFAULT_ABI)


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
