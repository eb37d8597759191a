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


def kind_type(kind):
    """The cffi type of a kind a core may return (0..KIND_LAST_SCALAR)."""
    if not 0 <= kind <= _format.KIND_LAST_SCALAR:
        raise ValueError(f"kind {kind!r} is not one a core may return "
                         f"(0..{_format.KIND_LAST_SCALAR})")
    spelling = _format.KINDS[kind]
    if spelling == "void":
        return _backend.new_void_type()
    return _backend.new_primitive_type(_BACKEND_NAME.get(spelling, spelling))


# A string kind's pointer, also for reading a loaded object's memory. cffi has
# no const: it makes `char *` of the prototype's `const char *`, and passes a
# bytes object as a pointer to its own buffer (NUL-terminated).
CHAR_PTR = _backend.new_pointer_type(_backend.new_primitive_type("char"))
# What a core gets for None where its wrapper takes it ("z").
NULL_CHAR_PTR = _backend.cast(CHAR_PTR, 0)
_SSIZE_T = kind_type(_format.KIND["SSIZE_T"])


def param_types(kind):
    """The cffi types of the C parameters one parameter of a kind is: its
    type, or for a string kind the pointer (and the length, for a _SIZE one)."""
    if kind in _format.STRING_KINDS:
        return (CHAR_PTR, _SSIZE_T) if kind in _format.SIZED_KINDS else (CHAR_PTR,)
    if kind == _format.KIND["VOID"]:
        raise ValueError("void is not a parameter's kind")
    return (kind_type(kind),)


INT_PTR = _backend.new_pointer_type(kind_type(_format.KIND["INT"]))
# For reading a loaded object's memory: its records' bounds and section.
UINTPTR = _backend.new_primitive_type("uintptr_t")
UINTPTR_PTR = _backend.new_pointer_type(UINTPTR)
# A type to load any symbol with: only its address is used.
ANY_FUNCTION = _backend.new_function_type((), kind_type(_format.KIND["VOID"]), 0,
                                          _backend.FFI_DEFAULT_ABI)


def result_pointer_types(record):
    """A tuple's items' pointer types, the core's last parameters (none for
    another result)."""
    return tuple(_backend.new_pointer_type(kind_type(k)) for k in record.result_kinds)


def core_type(record):
    """The pointer-to-function type of a record's core: its parameters' C
    parameters, then the `int *` bail flag where errors is "bail", then a
    tuple's item pointers (the c_prototype's order)."""
    params = [t for kind in record.param_kinds for t in param_types(kind)]
    if record.errors == "bail":
        params.append(INT_PTR)
    params += result_pointer_types(record)
    tuple_result = record.return_kind == _format.KIND["TUPLE"]
    returns = kind_type(_format.KIND["VOID"] if tuple_result else record.return_kind)
    return _backend.new_function_type(tuple(params), returns, 0, _backend.FFI_DEFAULT_ABI)


def new_result_cells(record):
    """A tuple's item cells of their own (one per item, zeroed), for the
    core's last parameters."""
    return tuple(_backend.newp(t, None) for t in result_pointer_types(record))


def new_flag():
    """A zeroed `int *` of its own, for a bail flag."""
    return _backend.newp(INT_PTR, None)
