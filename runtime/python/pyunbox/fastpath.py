"""accelerate(module): rebind an extension's functions to direct cffi calls of
their cores, with exactly the Python-visible behaviour of the originals.

Each rebound function is Python code generated from its record, compiled at
the function's first call (make_fast). It takes the fast path only for calls
whose outcome it knows without asking the interpreter: the call shapes the
record describes (positional arguments up to the recorded number, keywords by
the recorded names where the parameter takes them, omitted optional arguments
where the record has their default), each argument of an exact builtin type
whose value every unboxer of the recorded C type accepts unchanged (of a
string kind: an exact str, as its UTF-8, or bytes; docs/RUNTIME.md). Every
other call (and a `bail`) goes to the original function with exactly the
arguments it was given, which computes or raises exactly as before. PyPy's
JIT sees through the generated function: no introspection per call.
"""
import _thread
import struct
import sys
import types

from . import _coretype, _format, _loaded, _threads

PYPY = sys.implementation.name == "pypy"

# Integer kinds: the C range that every unboxer of that kind accepts and
# returns unchanged for an exact int. Unsigned kinds start at 0 even where a
# masking code ('B', 'H', 'I', 'k', 'K') would accept negative values: those
# calls go to the wrapper. The sizes are struct's native codes' (ctypes is
# slow to import on PyPy).
_SIGNED = {"signed char": "b", "short": "h", "int": "i", "long": "l", "long long": "q",
           "Py_ssize_t": "n"}
_UNSIGNED = {"unsigned char": "B", "unsigned short": "H", "unsigned int": "I",
             "unsigned long": "L", "unsigned long long": "Q"}


def int_range(spelling):
    if spelling in _SIGNED:
        bits = 8 * struct.calcsize(_SIGNED[spelling])
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << (8 * struct.calcsize(_UNSIGNED[spelling]))) - 1


# Below 2**1023 every int converts to a finite double, rounded exactly as
# PyFloat_AsDouble (PyLong_AsDouble) rounds it; larger ones go to the wrapper,
# which raises OverflowError where it must.
_FLOAT_INT_LIMIT = 1 << 1023
# The range of a machine word, the ints PyPy compares without big integers.
_WORD_MAX = sys.maxsize
_WORD_MIN = -sys.maxsize - 1


def _in_range(a, lo, hi, strict=False):
    """The test lo <= a <= hi (lo < a < hi if strict). PyPy compares an int
    with a bound past the machine word as big integers, an allocation per
    call: the range clipped to the word is tested first (it lies inside the
    range, so `clipped or full` is the full test), and a machine-word int
    is decided by it."""
    op = "<" if strict else "<="
    test = f"{lo} {op} {a} {op} {hi}"
    if lo >= _WORD_MIN and hi <= _WORD_MAX:
        return test
    low = f"{lo} {op}" if lo >= _WORD_MIN else f"{_WORD_MIN} <="
    high = f"{op} {hi}" if hi <= _WORD_MAX else f"<= {_WORD_MAX}"
    return f"({low} {a} {high} or {test})"


def _convert(i, kind, slow, none_is_null=False):
    """Statements that set x<i> from v<i> or return the slow path."""
    a, x = f"v{i}", f"x{i}"
    if kind in _format.STRING_KINDS:
        return _convert_string(a, x, _format.STRING_KINDS[kind], slow, none_is_null)
    spelling = _format.KINDS[kind]
    if spelling in ("double", "float"):
        # A float parameter gets the same double; cffi rounds it to float as
        # the 'f' code's C cast does.
        limit = _in_range(a, -_FLOAT_INT_LIMIT, _FLOAT_INT_LIMIT, strict=True)
        return [f"t = type({a})",
                f"if t is float: {x} = {a}",
                f"elif t is int and {limit}: {x} = float({a})",
                f"else: return {slow}"]
    if spelling == "_Bool":
        # PyObject_IsTrue and 'p': exact bools and ints only.
        return [f"t = type({a})",
                f"if t is bool: {x} = {a}",
                f"elif t is int: {x} = {a} != 0",
                f"else: return {slow}"]
    lo, hi = int_range(spelling)
    return [f"if type({a}) is not int or not {_in_range(a, lo, hi)}: return {slow}",
            f"{x} = {a}"]


def _convert_string(a, x, string, slow, none_is_null=False):
    """A string kind's argument (docs/FORMAT.md, "String kinds"): an exact
    bytes as it is (cffi passes its own buffer), an exact str as its UTF-8,
    and None as NULL where the wrapper takes it ("z": PARAM_NONE_IS_NULL).
    Without a length the core reads up to the first NUL, so an argument that
    holds one is the original's to refuse (ValueError); so is a str with a
    lone surrogate, which has no UTF-8 (encode() raises)."""
    def nul_free(nul):
        return "" if string.sized else f" and {nul!r} not in {a}"
    is_bytes, is_str = "t is bytes" + nul_free(b"\0"), "t is str" + nul_free("\0")
    lines = [f"t = type({a})"]
    if string.takes_bytes:
        lines.append(f"if {is_bytes}: {x} = {a}")
    if string.takes_str:
        lines += [f"{'elif' if string.takes_bytes else 'if'} {is_str}:",
                  f"    try: {x} = {a}.encode()",
                  f"    except UnicodeEncodeError: return {slow}"]
    if none_is_null:
        lines.append(f"elif {a} is None: {x} = _NULL")
    lines.append(f"else: return {slow}")
    return lines


def _core_arguments(record):
    """The core's arguments: x<i> per parameter, and its length after the
    pointer of a _SIZE string kind."""
    args = []
    for i, kind in enumerate(record.param_kinds):
        args.append(f"x{i}")
        if kind in _format.SIZED_KINDS:
            # None's NULL has a length of 0, as "z#" stores.
            args.append(f"0 if x{i} is _NULL else len(x{i})" if record.param_none_is_null[i]
                        else f"len(x{i})")
    return args


def _parameter(record, i, slow):
    """Statements that set x<i> from argument v<i>, or from the default where
    it was omitted (_M), or return the slow path."""
    default = record.param_defaults[i] if record.param_optional[i] else None
    lines = [f"if v{i} is _M:"]
    # The default is the namespace's _D<i> (a float's repr may not be Python:
    # inf), or None's NULL for a "z" that stands for None where omitted.
    if record.param_default_is_none[i]:
        lines.append(f"    x{i} = _NULL")
    else:
        lines.append(f"    return {slow}" if default is None else f"    x{i} = _D{i}")
    lines.append("else:")
    lines += ["    " + line for line in _convert(i, record.param_kinds[i], slow,
                                                   record.param_none_is_null[i])]
    return lines


def _keywords(record, slow):
    """Statements that take keyword arguments by their recorded names into
    v<i>; a name given twice, or one the record does not know, is the slow
    path's (the original raises its own TypeError)."""
    lines = ["if kw:", "    n = 0"]
    for i, (name, passing) in enumerate(zip(record.param_names, record.param_passing)):
        if not name or passing == "positional-only":
            continue
        lines += [f"    w = kw.get({name!r}, _M)",
                  "    if w is not _M:",
                  f"        if v{i} is not _M: return {slow}",
                  f"        v{i} = w",
                  "        n += 1"]
    lines.append(f"    if n != len(kw): return {slow}")
    return lines


def fast_source(record, guarded=False):
    """The Python source of the fast callable of one record: every call shape
    the record describes (omitted optional arguments with defaults, keywords
    by name) takes the core; every other call goes to the original exactly as
    it was made. Guarded, the core is called only while the process has one
    Python thread."""
    # The function is _fast in its own namespace whatever the C name is (any
    # string in a PyMethodDef, possibly one of the namespace's own names);
    # make_fast names the function object.
    name = "_fast"
    n = len(record.param_types)
    # _self: the fast path is its object's __call__ (make_fast says why).
    if n == 0:
        return "\n".join([
            f"def {name}(_self, /, *rest, **kw):",
            "    if rest or kw: return _orig(*rest, **kw)",
            "    " + _call_and_return(record, [], "_orig()", guarded),
        ])
    # Keyword-only parameters (the last ones: refusal() checks) have no
    # position: a call gives them by name or omits them, and an argument
    # past the positional ones is the original's to refuse.
    positional = sum(1 for p in record.param_passing if p != "keyword-only")
    params = [f"a{i}" for i in range(positional)]
    slow = f"_slow({''.join(p + ', ' for p in params)}rest, kw)"
    head = "".join(f", {p}=_M" for p in params)
    lines = [f"def {name}(_self{head}, /, *rest, **kw):",
             f"    if rest: return {slow}"]
    lines += [f"    v{i} = a{i}" if i < positional else f"    v{i} = _M" for i in range(n)]
    if any(p != "positional-only" and nm for p, nm in zip(record.param_passing, record.param_names)):
        lines += ["    " + line for line in _keywords(record, slow)]
    else:
        lines.append(f"    if kw: return {slow}")
    for i in range(n):
        lines += ["    " + line for line in _parameter(record, i, slow)]
    lines.append("    " + _call_and_return(record, _core_arguments(record), slow, guarded))
    # The original call again, as it was made: positional arguments fill
    # from the left, so those given are the ones before the first _M.
    lines += ["", f"def _slow({''.join(p + ', ' for p in params)}rest, kw):"]
    for given in range(positional):
        args = ", ".join(params[:given])
        lines += [f"    if a{given} is _M:",
                  f"        return _orig({args}{', ' if given else ''}**kw) if kw else _orig({args})"]
    # Without extras, a plain call: PyPy's JIT calls through *rest, **kw slower.
    args = "".join(p + ", " for p in params)
    lines.append(f"    if rest or kw: return _orig({args}*rest, **kw)")
    lines.append(f"    return _orig({', '.join(params)})")
    return "\n".join(lines)


def _call_and_return(record, args, slow, guarded=False):
    # A core that shares its extension's state runs only while the process
    # has one Python thread (_threads says why); the test is a constant to
    # PyPy's JIT. It comes last, right before the call.
    lines = [f"if _threads.started: return {slow}"] if guarded else []
    # What the core writes besides its result, its last C parameters: the
    # bail flag, then a tuple's item cells. One set per thread (cffi runs the
    # core without the GIL, so threads must not share them, and fresh ones
    # per call cost an allocation each). The thread of the first call, the
    # one that runs the program's loop as a rule, keeps its set in a global
    # (_own_written): comparing thread idents is a constant-time test PyPy's
    # JIT compiles to almost nothing, where a thread-local lookup costs as
    # much as the core's call. At any time one live thread at most has the
    # first caller's ident (an ident is reused only after its thread ended),
    # so no two threads ever write the same set, however they were started.
    cells = [f"c{k}" for k in range(len(record.result_kinds))]
    bail = ["bail"] if record.errors == "bail" else []
    written = bail + cells
    if written:
        # One object is kept as it is (a bail flag alone), more as a tuple.
        names = ", ".join(written) + ("," if len(written) > 1 else "")
        lines += ["if _get_ident() == _first_caller:", f"    {names} = _own_written",
                  "else:", "    try:", f"        {names} = _tls.written",
                  "    except AttributeError:",
                  f"        {names} = _tls.written = _new_written()"]
    if cells:
        result = f"({''.join(c + '[0], ' for c in cells)})"
    else:
        result = "None" if record.return_type == "void" else "r"
    if bail:
        lines += ["bail[0] = 0",
                  f"r = _core({', '.join(args + written)})",
                  f"if bail[0]: return {slow}", f"return {result}"]
    elif result == "r":
        lines.append(f"return _core({', '.join(args)})")
    else:
        lines += [f"_core({', '.join(args + cells)})", f"return {result}"]
    return "\n    ".join(lines)


# The __call__ accelerate() binds before the first call: it compiles the fast
# path (about 1.7 ms on PyPy, for every function of every module imported)
# only for the functions a program calls, then becomes it. Its globals are the
# fast path's namespace, so the compiled code can take its place.
_STUB = compile("def _fast(_self, /, *args, **kw):\n    return _first_call(args, kw)\n",
                "<pyunbox fast>", "exec")


class FastFunction:
    """What accelerate() puts in place of an extension function: called, it
    runs the fast path (its class's __call__, one class per function).

    Not a Python function: a function stored as a class attribute becomes a
    method (`class T: f = math.isclose` then `T().f(a, b)` passes the
    instance), an extension function does not, and neither does this. Its
    repr, pickling and copies are the original's: a name in its module."""

    def __repr__(self):
        return repr(self.__pyunbox_original__)

    def __reduce__(self):
        return self.__qualname__


def make_fast(record, core, original, new_bail=None, guarded=False):
    """The fast callable. Its code is generated from the record and compiled
    at the first call: until then it is a stub that does exactly that, and
    then runs the call. Guarded, it calls the core only while the process has
    one Python thread (_threads)."""
    # A module's dict, not a plain one: PyPy's JIT folds reads of module
    # globals to constants (a plain dict costs a lookup per call, 4x slower).
    namespace = types.ModuleType(f"pyunbox.fast.{record.python_name}").__dict__
    def new_written():
        written = ((new_bail(),) if new_bail else ()) + _coretype.new_result_cells(record)
        return written[0] if len(written) == 1 else written

    namespace.update(_core=core, _orig=original, _M=object(), _new_written=new_written,
                     _tls=_thread._local(), _get_ident=_thread.get_ident,
                     _NULL=_coretype.NULL_CHAR_PTR, _threads=_threads)
    namespace.update((f"_D{i}", d) for i, d in enumerate(record.param_defaults))

    def first_call(args, kw):
        if call.__code__ is stub_code:  # not yet (another thread may have)
            try:
                # The calling thread's own set of what the core writes
                # (_call_and_return says why); set once, in one step.
                if "_first_caller" not in namespace:
                    namespace.update(_first_caller=_thread.get_ident(),
                                     _own_written=new_written())
                exec(compile(fast_source(record, guarded), f"<pyunbox fast {record.python_name}>",
                             "exec"), namespace)
            except Exception as e:
                # A fault of pyunbox's, found at a user's call (not at
                # accelerate(), which reports its own): the function stays
                # the original's, and the error is kept for a look.
                fast.__pyunbox_error__ = e
                namespace["_first_call"] = lambda args, kw: original(*args, **kw)
                return original(*args, **kw)
            compiled = namespace["_fast"]
            # The __call__ of the object callers hold becomes the compiled
            # function: the same globals, code (under the record's name) and
            # defaults.
            call.__defaults__ = compiled.__defaults__
            call.__kwdefaults__ = compiled.__kwdefaults__
            call.__code__ = compiled.__code__.replace(co_name=record.python_name)
        return fast(*args, **kw)

    namespace["_first_call"] = first_call
    exec(_STUB, namespace)
    call = namespace.pop("_fast")
    stub_code = call.__code__
    # A class per function: PyPy's JIT calls an instance of a class whose
    # __call__ is a constant as fast as the function itself.
    fast = type(record.python_name, (FastFunction,), {"__call__": call})()
    fast.__name__ = record.python_name
    fast.__qualname__ = original.__qualname__ if hasattr(original, "__qualname__") \
        else record.python_name
    fast.__module__ = original.__module__
    fast.__doc__ = original.__doc__
    # What else an extension function shows (test_capi reads both).
    for attr in ("__self__", "__text_signature__"):
        if hasattr(original, attr):
            setattr(fast, attr, getattr(original, attr))
    fast.__wrapped__ = original
    fast.__pyunbox_original__ = original
    fast.__pyunbox_record__ = record
    return fast


def refusal(record, single_threaded=None):
    """Why a record's core cannot stand in for its function here, or None.
    single_threaded: accelerate()'s (False refuses a core that shares its
    extension's state; None and True take it)."""
    if record.needs_interpreter or record.errors == "pyerr":
        return "the core needs the interpreter (errors pyerr or NEEDS_INTERPRETER)"
    if record.errors not in ("none", "bail"):
        return f"errors {record.errors!r} is not understood"
    if record.convention == "METH_O" and len(record.param_types) != 1 or \
            record.convention == "METH_NOARGS" and record.param_types:
        return f"{record.convention} with {len(record.param_types)} parameters"
    passing = record.param_passing
    keyword_only = [i for i, p in enumerate(passing) if p == "keyword-only"]
    if keyword_only and (keyword_only[0] + len(keyword_only) != len(passing)
                         or not all(record.param_names[i] for i in keyword_only)):
        return ("a keyword-only parameter before a positional one, or without a name: "
                "no call takes that signature")
    if record.memory != "none" and single_threaded is False:
        return (f"memory {record.memory}: the core relies on the GIL like its wrapper, "
                "and cffi releases the GIL around calls (single_threaded=False: not "
                "even while the process has one thread)")
    return None


# Why a record of the module's own functions is no module attribute's.
UNREACHED = ("no function of the module is this core's wrapper: a specialization of a "
             "Cython fused def, which Cython's dispatcher picks by the arguments' types "
             "(accelerate() does not rebind a dispatcher), or a function the module does "
             "not expose by this name")


class Report:
    """What accelerate() did: `rebound` maps names to records, `skipped` names
    to the reason, `active` is False when nothing was tried (CPython).
    `guarded` names the rebound functions whose cores are called only while
    the process has one Python thread.
    `unreached` maps the names of the module's records (not a type's methods)
    that no module function's wrapper is to the reason: their cores exist,
    and accelerate() does not call them."""

    def __init__(self, module, active):
        self.module = module.__name__
        self.active = active
        self.rebound = {}
        self.skipped = {}
        self.unreached = {}
        self.guarded = set()

    def __bool__(self):
        return bool(self.rebound)

    def __str__(self):
        head = (f"pyunbox.accelerate({self.module}): {len(self.rebound)} rebound, "
                f"{len(self.skipped)} not")
        if self.unreached:
            head += f", {len(self.unreached)} cores no module function reaches"
        lines = [head]
        lines += [f"  + {name:24} {rec.c_prototype}"
                  + ("  (while one thread runs Python)" if name in self.guarded else "")
                  for name, rec in sorted(self.rebound.items())]
        lines += [f"  - {name:24} {why}" for name, why in sorted(self.skipped.items())]
        lines += [f"  ? {name:24} {why}" for name, why in sorted(self.unreached.items())]
        return "\n".join(lines)

    __repr__ = __str__


def accelerate(module, *, force=False, single_threaded=None):
    """Rebind the module's functions whose cores need no interpreter.

    On PyPy this is the point: a C-API call costs hundreds of nanoseconds, a
    cffi call a few. On CPython the C-API call is already the fast path, so
    nothing changes unless force=True. Returns a Report.

    A core whose record says memory read or write shares the extension's
    state, and cffi releases the GIL around its call: by default
    (single_threaded=None) it is called only while the process has one
    Python thread (_threads), and its function is in the report's `guarded`;
    single_threaded=True says no two threads ever call the module at once
    (no guard); False keeps those functions the originals."""
    active = PYPY or force
    report = Report(module, active)
    functions = {}
    for attr, value in vars(module).items():
        if hasattr(value, "__pyunbox_original__"):
            report.skipped[attr] = "already accelerated"
        elif _loaded.is_extension_function(value) and _is_own(value, module):
            functions[attr] = value
    if not active:
        for attr in functions:
            report.skipped[attr] = ("CPython: the C-API call is already the fast path "
                                    "(force=True rebinds anyway)")
        return report
    if not functions and report.skipped:
        return report  # accelerated before, and reported then
    try:
        records = _loaded.records(module)
        library = _loaded.library(_loaded.module_file(module)) if functions else None
    except (ValueError, OSError, _format.FormatError) as e:
        # A built-in module (no .so), or a corrupt section: nothing to rebind.
        for attr in functions:
            report.skipped[attr] = f"no records: {e}"
        return report
    reached = set()
    for attr, func in functions.items():
        record, why = _loaded.record_of(func, module, records)
        reached.add(id(record))
        why = why or refusal(record, single_threaded)
        if why:
            report.skipped[attr] = why
            continue
        # A bail flag is made once per thread and function.
        new_bail = _coretype.new_flag if record.errors == "bail" else None
        guarded = record.memory != "none" and single_threaded is None
        if guarded:
            _threads.watch()
            report.guarded.add(attr)
        setattr(module, attr, make_fast(record, library.function(record), func, new_bail,
                                        guarded))
        report.rebound[attr] = record
    # The module's own records whose wrapper no attribute is (matched by
    # name, as record_of does: an attribute accelerated before is its
    # original's).
    names = {f.__name__ for f in functions.values()}
    names |= {getattr(v, "__pyunbox_original__").__name__ for v in vars(module).values()
              if hasattr(v, "__pyunbox_original__")}
    own = (record for record in records if not record.type and id(record) not in reached
           and record.module in ("", _loaded.short_name(module.__name__)))
    for record in own:
        if record.python_name not in names:
            report.unreached[record.python_name] = UNREACHED
    return report


def _is_own(func, module):
    if _loaded.is_cython_function(func):
        # Its namespace is its module's. (On PyPy its __module__ names
        # Cython's shared module, _cython_3_3_0..., and it has no __self__.)
        return getattr(func, "__globals__", None) is vars(module)
    owner = getattr(func, "__self__", None)
    if owner is not None:
        return owner is module
    # PyPy's cpyext, where a function may have no __self__: its __module__
    # is its PyModuleDef's m_name, which may be the last part of the name
    # the module was imported as (`_speedups` of `pkg._speedups`).
    named = getattr(func, "__module__", None)
    return isinstance(named, str) and (named == module.__name__ or
                                       module.__name__.endswith("." + named))


def restore(module):
    """Undo accelerate(): put the original functions back. Returns their names."""
    names = []
    for attr, value in list(vars(module).items()):
        original = getattr(value, "__pyunbox_original__", None)
        if original is not None:
            setattr(module, attr, original)
            names.append(attr)
    return names
