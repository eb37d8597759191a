"""Call a function and describe what happened, so two calls can be compared
exactly: the same type and value, or the same exception type and message."""
import ctypes
import math


def same_value(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        # Any NaN equals any NaN (IEEE leaves payload and sign open); zeros
        # must agree in sign.
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    if isinstance(a, complex):
        # Part by part, as floats (Cython 3's `x ** y` of doubles returns
        # (nan+nanj) for some).
        return same_value(a.real, b.real) and same_value(a.imag, b.imag)
    if isinstance(a, tuple):
        # Item by item (a tuple result's).
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    return a == b


def outcome(fn, *args, **kwargs):
    try:
        return ("returned", fn(*args, **kwargs))
    except Exception as e:  # every exception is part of the behaviour
        return ("raised", type(e), str(e))


def same_outcome(a, b):
    if a[0] != b[0]:
        return False
    if a[0] == "returned":
        return same_value(a[1], b[1])
    return a[1] is b[1] and a[2] == b[2]


def parity_problems(name, original, accelerated, shapes, same_text=lambda text: text):
    """What differs between calling `original` and `accelerated` with each
    (args, kwargs) of `shapes`: results, their types, exceptions and their
    messages, a message read through `same_text` first (two loads of one
    module differ in their package's name, which a message may name)."""
    problems = []
    for args, kwargs in shapes:
        a, b = (_read(outcome(fn, *args, **kwargs), same_text) for fn in (original, accelerated))
        if not same_outcome(a, b):
            problems.append(f"{name}(*{args!r}, **{kwargs!r}): original {a!r}, accelerated {b!r}")
    return problems


def _read(result, same_text):
    return result if result[0] != "raised" else result[:2] + (same_text(result[2]),)


def through_vectorcall(fn):
    """fn called as C code calls it, through PyObject_Vectorcall, which checks
    the result as _Py_CheckFunctionResult does (a NULL without an exception,
    or a value with one, becomes a SystemError naming fn). CPython only."""
    vectorcall = ctypes.pythonapi.PyObject_Vectorcall
    vectorcall.restype = ctypes.py_object
    vectorcall.argtypes = [ctypes.py_object, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]

    def call(*args):
        array = (ctypes.py_object * max(len(args), 1))(*args)
        return vectorcall(fn, ctypes.cast(array, ctypes.c_void_p), len(args), None)
    return call
