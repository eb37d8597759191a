"""Records and cores of a loaded extension module.

Records come from the C runtime when it is there: on CPython it is asked with
a function's ml_meth (read from the PyCFunctionObject with ctypes). PyPy's
cpyext does not expose a builtin function's PyMethodDef, so there the address
is the object's own `pyunbox_sigs_bounds` (dlopen of the module's __file__
returns the already loaded object). Without the C runtime the same bounds give
the section's bytes in memory, read by the pure-Python reader."""
import functools
import importlib.machinery
import os
import struct
import sys
import types

import _cffi_backend as _backend  # cffi's C part, without its C parser

from . import _coretype, _format, _runtime

PYPY = sys.implementation.name == "pypy"
_PTR = struct.calcsize("P")


class _Library:
    """One loaded .so, opened as ffi.dlopen opens it: its records' bounds and
    its cores as cffi functions. The cores' types come from the records'
    kinds (_coretype), not from cffi's C parser; `ffi` is made on first use,
    for callers that want one."""

    def __init__(self, path):
        self.path = path
        self._lib = _backend.load_library(path, 0)
        self._functions = {}
        self._ffi = None

    @property
    def ffi(self):
        if self._ffi is None:
            import cffi
            self._ffi = cffi.FFI()
            # Py_ssize_t appears in prototypes; cffi knows ssize_t.
            self._ffi.cdef("typedef ssize_t Py_ssize_t;")
        return self._ffi

    def bounds_address(self):
        """Run-time address of this object's pyunbox_sigs_bounds, or None."""
        try:
            entry = self._lib.load_function(_coretype.ANY_FUNCTION, _format.BOUNDS_SYMBOL)
        except (AttributeError, KeyError, OSError):
            return None  # no records in this object
        return int(_backend.cast(_coretype.UINTPTR, entry))

    def records_from_memory(self):
        bounds = self.bounds_address()
        if bounds is None:
            return []
        # struct pyunbox_bounds { const void *start; const void *stop; }
        words = _backend.cast(_coretype.UINTPTR_PTR, bounds)
        start, stop = int(words[0]), int(words[1])
        if stop < start:
            raise _format.FormatError(f"{self.path}: section bounds are reversed")
        data = _backend.buffer(_backend.cast(_coretype.CHAR_PTR, start), stop - start)[:]
        return _format.parse_section(data, start)

    def function(self, record):
        """The core as a cffi function object of the record's C type."""
        fn = self._functions.get(record.core_symbol)
        if fn is None:
            fn = self._lib.load_function(_coretype.core_type(record), record.core_symbol)
            self._functions[record.core_symbol] = fn
        return fn


_libraries = {}


def library(path):
    path = os.path.realpath(path)
    if path not in _libraries:
        _libraries[path] = _Library(path)
    return _libraries[path]


def module_file(module):
    path = getattr(module, "__file__", None)
    if not path or not os.path.isfile(path):
        raise ValueError(f"{module.__name__} has no shared object file (__file__ is {path!r})")
    return path


def is_cython_function(obj):
    """Cython's function type (every def of Cython 3, 0.29's with binding):
    `cython_function_or_method`, of its shared module `_cython_<version>`
    from 3.0 on; 0.29's type name has no module, so Python says `builtins`.
    Its object starts as a PyCFunctionObject does (outside the limited API),
    so its m_ml is the PyMethodDef of its wrapper, as a builtin function's."""
    cls = type(obj)
    return cls.__name__ == "cython_function_or_method" and (
        cls.__module__.startswith("_cython_") or cls.__module__ == "builtins")


def is_extension_function(obj):
    """A function implemented by a PyMethodDef of a C extension: a builtin
    function, or Cython's. PyPy's own builtins are `builtin_function`;
    cpyext's are `builtin_function_or_method`."""
    if is_cython_function(obj):
        return True
    if PYPY:
        cls = type(obj)
        return cls.__name__ == "builtin_function_or_method" and cls.__module__ == "builtins"
    return type(obj) is types.BuiltinFunctionType


def is_extension_method(obj):
    """A method of a C extension's type: unbound (`Type.meth`, a method
    descriptor) or bound to an instance (`obj.meth`)."""
    cls = type(obj)
    # Unbound everywhere; bound on PyPy (CPython's is a builtin function).
    if cls.__name__ in ("method_descriptor", "builtin method") and cls.__module__ == "builtins":
        return True
    return is_extension_function(obj) and not is_cython_function(obj) and \
        not isinstance(getattr(obj, "__self__", None), types.ModuleType)


def method_def(func):
    """CPython: the PyMethodDef* of a builtin function or bound method
    (PyCFunctionObject.m_ml, the field after PyObject_HEAD), or of a method
    descriptor (PyMethodDescrObject.d_method, after PyDescr_COMMON's head,
    d_type, d_name and d_qualname)."""
    import ctypes  # CPython only; its import costs PyPy's start
    offset = 5 * _PTR if type(func) is types.MethodDescriptorType else 2 * _PTR
    return ctypes.c_void_p.from_address(id(func) + offset).value


def ml_meth(func):
    """CPython: the C function of a builtin function (PyMethodDef.ml_meth)."""
    import ctypes
    return ctypes.c_void_p.from_address(method_def(func) + _PTR).value


def _own_functions(module):
    """The module's functions defined by its C code (their __self__ is it)."""
    return [v for v in vars(module).values()
            if is_extension_function(v) and getattr(v, "__self__", None) is module]


def records(module):
    """All records of the .so a module was loaded from, addresses at run time."""
    path = module_file(module)
    # On PyPy the runtime would answer from the object's bounds, which the
    # Python reader reads as well; loading it costs a second parse of C
    # declarations at start.
    if not PYPY and _runtime.library() is not None:
        functions = _own_functions(module)
        address = ml_meth(functions[0]) if functions else None
        if address is None:
            address = library(path).bounds_address()
        if address is None:
            return []
        try:
            return _runtime.object_cores(address)
        except RuntimeError:
            pass  # the runtime could not answer: read the memory ourselves
    return library(path).records_from_memory()


@functools.lru_cache(maxsize=None)
def _records_in_file(path):
    try:
        from . import _elf
        return len(_elf.records(path))
    except Exception:  # an unreadable file says nothing more
        return 0


def why_no_records(module):
    """Why records(module) found none: the file has none, or it has records
    that the loaded object does not show (their bounds symbol, like the
    cores, kept local: a linker version script with `local: *;`, or
    --exclude-libs), which a consumer then cannot call either."""
    in_file = _records_in_file(module_file(module))
    if not in_file:
        return "this module has no pyunbox records (built without the plugin, or the pass made no core)"
    return (f"its file has {in_file} pyunbox records, but its symbols are not exported "
            f"({_format.BOUNDS_SYMBOL} and the cores are local: a linker version script "
            "with `local: *;`?): export `pyunbox_*` as well")


def short_name(name):
    return name.rpartition(".")[2]


def owner_type(func):
    """The type whose method an extension function is (the one that defines
    it, not a subclass of an instance's), or None for a module's function."""
    owner = getattr(func, "__objclass__", None)  # unbound: Type.meth
    if owner is not None:
        return owner
    bound = getattr(func, "__self__", None)
    if bound is None:
        # Cython's functions have no __self__; their one-entry tables name
        # no type (nor does a record of theirs).
        if is_cython_function(func):
            return None
        # A module's function names its module (PyCFunction_NewEx's module
        # name; PyPy's cpyext gives it no __self__). A static method's names
        # none: only then is there a type to search for.
        if getattr(func, "__module__", None) is not None:
            return None
        return _static_method_owner(func)
    if isinstance(bound, types.ModuleType):
        return None
    # A class method is bound to its type, any other to an instance.
    cls = bound if isinstance(bound, type) else type(bound)
    for klass in cls.__mro__:
        if func.__name__ in vars(klass):
            return klass
    return cls


def _static_method_owner(func):
    """The type of a loaded module that holds func as a static method
    (METH_STATIC: the function object knows neither its type nor its module),
    or None."""
    import sys
    for module in list(sys.modules.values()):
        # sys.modules may hold any object (None for a failed import).
        for value in list(getattr(module, "__dict__", {}).values()):
            if isinstance(value, type):
                held = vars(value).get(func.__name__)
                if isinstance(held, staticmethod) and held.__func__ is func:
                    return value
    return None


def names_type(tp_name, cls):
    """Whether a record's type (a tp_name, "mod.Type" or "Type") is cls."""
    module, _, name = tp_name.rpartition(".")
    return name == cls.__name__ and (not module or short_name(module) ==
                                     short_name(getattr(cls, "__module__", "") or ""))


def record_of(func, module, module_records=None):
    """(record, None) of an extension function of `module` or a method of one
    of its types, or (None, why not)."""
    if not is_extension_function(func) and not is_extension_method(func):
        return None, "not a builtin function or method of a C extension"
    recs = module_records if module_records is not None else records(module)
    if not recs:
        return None, why_no_records(module)
    name = func.__name__
    # The records of this .so with the function's name; the module they name
    # is the PyModuleDef's m_name, which an importer may not use (PyPy names
    # the module by its import name, _jump for m_name "jump").
    named = [r for r in recs if r.python_name == name]
    # A record names the type of a method whose table it found: never take a
    # record of another type, or a method's for a module's function.
    owner = owner_type(func)
    if owner is None:
        named = [r for r in named if not r.type]
    else:
        named = ([r for r in named if r.type and names_type(r.type, owner)]
                 or [r for r in named if not r.type])
    candidates = [r for r in named if r.module in ("", short_name(module.__name__))] or named
    if not PYPY and candidates:
        # The PyMethodDef says which C function this object calls.
        meth = ml_meth(func)
        candidates = [r for r in candidates if r.wrapper_addr == meth]
    if not candidates:
        return None, "no core: the pass made none (-Rpass-missed=pyunbox says why)"
    if len(candidates) > 1:
        return None, f"{len(candidates)} records named {name!r}: ambiguous"
    return candidates[0], None


def module_of(func):
    """The module whose C code defines an extension function, or the type
    whose method it is."""
    module = getattr(func, "__self__", None)
    if isinstance(module, types.ModuleType):
        return module
    import sys
    # A method: its type's module (unbound: __objclass__; bound: __self__'s type).
    owner = owner_type(func)
    name = getattr(owner, "__module__", None) if owner is not None else None
    name = name or getattr(func, "__module__", None) or ""
    module = sys.modules.get(name)
    if module is None:
        # A type named by its module's own name ("isal_zlib._GzipReader")
        # where the module is imported inside a package (isal.isal_zlib):
        # the one extension module of that last name that has its record.
        found = [sub for sub_name, sub in list(sys.modules.items())
                 if name and sub_name.endswith("." + name) and _is_shared_object(sub)
                 and record_of(func, sub)[0] is not None]
        if len(found) == 1:
            return found[0]
        raise ValueError(f"cannot tell which module defines {func!r}; pass module=")
    if not _is_shared_object(module):
        # A type named for its package ("kiwisolver.Strength") whose C code is
        # one of the package's extension modules (kiwisolver._cext).
        for sub_name, sub in list(sys.modules.items()):
            if sub_name.startswith(name + ".") and _is_shared_object(sub) and \
                    record_of(func, sub)[0] is not None:
                return sub
    return module


def _is_shared_object(module):
    path = getattr(module, "__file__", None) or ""
    return path.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
