"""pyunbox: call the unboxed cores that the pyunbox pass mined from a C
extension (records in its `pyunbox_sigs` section, docs/FORMAT.md).

    signatures(module_or_path)  the records, as pyunbox-dump --json has them
    signatures(func)            the record of one function or method, in a list
    core(func)                  a cffi function calling func's core directly
    accelerate(module)          PyPy: rebind functions to their cores
    restore(module)             undo accelerate()

`import pyunbox.auto` (or PYUNBOX_AUTO=1 and `import pyunbox`) accelerates every
extension module imported afterwards, and those already imported.
"""
import os
import types

from . import _loaded
from ._format import FormatError, Record
from .fastpath import FastFunction, Report, accelerate, restore

__all__ = ["signatures", "core", "accelerate", "restore", "Record", "Report", "FormatError"]
__version__ = "0.1.0"


def _original(func):
    """The extension function an accelerated one stands for (after
    accelerate() or `import pyunbox.auto`, `mod.f` is the FastFunction)."""
    return func.__pyunbox_original__ if isinstance(func, FastFunction) else func


def signatures(module_or_path, module=None):
    """The records of an extension: a loaded module (read from memory, code
    addresses at run time) or the path of a .so/.o (read from the file, no
    code run; addresses as in the file). Of an extension's function or a
    type's method (Type.meth, obj.meth): a list of its one record, or an
    empty one where it has no core (`module=` says which module defines it,
    where its names do not). Raises FormatError for a corrupt or
    newer-version section."""
    if isinstance(module_or_path, types.ModuleType):
        return _loaded.records(module_or_path)
    module_or_path = _original(module_or_path)
    if _loaded.is_extension_function(module_or_path) or \
            _loaded.is_extension_method(module_or_path):
        record, _ = _loaded.record_of(module_or_path, module or _loaded.module_of(module_or_path))
        return [record] if record is not None else []
    from . import _elf  # files only: its imports are not every program's
    return _elf.records(module_or_path)


def core(func, module=None):
    """A cffi function object that calls the core of extension function
    `func` directly: `core(mod.inc)(41) == 42`. Usable in Numba @njit code.

    Its C signature is the record's c_prototype. A string parameter is a
    `char *`: pass a bytes (a str's .encode()), and its len() after it for a
    _SIZE kind (docs/RUNTIME.md, "String parameters"). A core with errors "bail"
    takes one more argument, an `int *` (from Python: ffi.new("int *"); from
    Numba: ffi.from_buffer of a 1-element int32 array) that the caller zeroes
    and checks after the call: 1 means "call the original function instead".
    A core of a function that returns a tuple returns None and takes, last,
    one pointer per item (ffi.new("long *"), ...), which it fills.
    cffi calls run without the GIL: a core with memory "read" or "write" must
    not run while another thread uses the same extension."""
    func = _original(func)
    module = module or _loaded.module_of(func)
    record, why = _loaded.record_of(func, module)
    if record is None:
        raise ValueError(f"{getattr(func, '__name__', func)!r}: {why}")
    if record.needs_interpreter:
        raise ValueError(f"{record.python_name}: its core needs the interpreter "
                         "(it must be called with the GIL held; cffi releases it)")
    return _loaded.library(_loaded.module_file(module)).function(record)


def core_ffi(func, module=None):
    """A cffi.FFI to use with core(func), e.g. for ffi.new("int *") or
    ffi.from_buffer (one per .so; the core's type is one of the backend's
    types that every FFI shares)."""
    func = _original(func)
    module = module or _loaded.module_of(func)
    return _loaded.library(_loaded.module_file(module)).ffi


if os.environ.get("PYUNBOX_AUTO") == "1":
    from . import auto  # noqa: F401  (installs the import hook)
