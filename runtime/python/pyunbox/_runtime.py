"""The C runtime (include/pyunbox/runtime.h, libpyunbox_runtime.so) through
cffi's ABI mode: records of a loaded .so, read from memory by the runtime."""
import warnings

from ._format import MAX_PARAMS, MAX_RESULTS, VERSION, FormatError, make_record

# The declarations of include/pyunbox/runtime.h (test/python/test_format_h.py
# checks the struct's layout and ERR_SECTION against the header).
_CDEF = f"""
struct pyunbox_core {{
  const char *python_name;
  const char *core_symbol;
  const char *wrapper_symbol;
  const char *module_name;
  const char *c_prototype;
  const char *param_names[{MAX_PARAMS}];
  uint8_t param_kinds[{MAX_PARAMS}];
  unsigned param_count;
  unsigned return_kind;
  unsigned convention;
  unsigned meth_flags;
  unsigned effects;
  unsigned memory;
  unsigned errors;
  void *core;
  void *wrapper;
  uint8_t param_flags[{MAX_PARAMS}];
  uint64_t param_defaults[{MAX_PARAMS}];
  const char *type_name;
  unsigned result_count;
  uint8_t result_kinds[{MAX_RESULTS}];
}};
int pyunbox_lookup(const void *ml_meth, const struct pyunbox_core **out);
int pyunbox_lookup_methoddef(const void *method_def, const struct pyunbox_core **out);
int pyunbox_object_cores(const void *address, const struct pyunbox_core **cores,
                         size_t *count);
const char *pyunbox_runtime_error(void);
"""
ERR_SECTION = -3  # PYUNBOX_RT_ERR_SECTION: corrupt or newer, never misread

_ffi = None
_lib = None
_load_error = None


def _get_ffi():
    # Built on first use: importing cffi and parsing the declarations cost
    # PyPy a tenth of a second at start, which a program that never asks the
    # runtime saves (on PyPy, accelerate() never does).
    global _ffi
    if _ffi is None:
        import cffi
        _ffi = cffi.FFI()
        _ffi.cdef(_CDEF)
    return _ffi


def __getattr__(name):
    if name == "ffi":
        return _get_ffi()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def library():
    """The loaded runtime, or None (then `load_error()` says why, and a
    warning said it once: records of loaded modules are then read from
    memory by Python, which is slower)."""
    global _lib, _load_error
    if _lib is None and _load_error is None:
        from . import _locate
        try:
            path = _locate.runtime()
            _lib = _get_ffi().dlopen(str(path))
        except (_locate.NotFound, OSError) as e:
            _load_error = f"C runtime not available: {e}"
            warnings.warn(_load_error, RuntimeWarning, stacklevel=2)
    return _lib


def load_error():
    return _load_error


def _text(ptr):
    ffi = _get_ffi()
    return ffi.string(ptr).decode("utf-8") if ptr != ffi.NULL else ""


def _record(core):
    ffi = _get_ffi()
    count = core.param_count
    return make_record(
        python_name=_text(core.python_name), core_symbol=_text(core.core_symbol),
        wrapper_symbol=_text(core.wrapper_symbol), module=_text(core.module_name),
        type_name=_text(core.type_name),
        c_prototype=_text(core.c_prototype),
        param_names=[_text(core.param_names[i]) for i in range(count)],
        param_kinds=[core.param_kinds[i] for i in range(count)],
        return_kind=core.return_kind, convention=core.convention,
        meth_flags=core.meth_flags, effects=core.effects, memory=core.memory,
        errors=core.errors,
        param_flags=[core.param_flags[i] for i in range(count)],
        param_defaults=[core.param_defaults[i] for i in range(count)],
        result_kinds=[core.result_kinds[i] for i in range(core.result_count)],
        core_address=int(ffi.cast("uintptr_t", core.core)),
        wrapper_address=int(ffi.cast("uintptr_t", core.wrapper)),
        # The runtime validated the record against the version it knows,
        # which is the only version there is.
        version=VERSION)


def object_cores(address):
    """Records of the loaded object containing `address` (an int)."""
    lib, ffi = library(), _get_ffi()
    cores = ffi.new("const struct pyunbox_core **")
    count = ffi.new("size_t *")
    rc = lib.pyunbox_object_cores(ffi.cast("void *", address), cores, count)
    if rc == ERR_SECTION:
        raise FormatError(_text(lib.pyunbox_runtime_error()))
    if rc < 0:
        raise RuntimeError(_text(lib.pyunbox_runtime_error()))
    return [_record(cores[0][i]) for i in range(count[0])]
