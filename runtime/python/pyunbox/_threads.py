"""Whether this process has ever started a second Python thread.

A core whose record says memory `read` or `write` shares its extension's
state with the module's other functions, which run with the GIL held, and
cffi releases the GIL around the core's call. While the process has one
Python thread, nothing can run beside the core: no other thread exists to
take the GIL. So accelerate() rebinds such a core with a guard: its fast
path reads `started` first and takes the original function once a second
thread has been started (for good: threads that end are not counted down).

`started` becomes True in the starting thread, before the new thread exists:
every thread start goes through _thread's start functions (threading's
Thread.start too, through its own reference, which watch() also wraps). It
is a module global, so PyPy's JIT folds the read to a constant and drops the
compiled loops that relied on it when it changes.

What this cannot see: a thread that C code starts and that enters Python
through PyGILState_Ensure; and a thread started through _thread before
watch() first ran (the first accelerate() of such a core) that had not yet
taken the GIL then: _thread._count() counts a thread once it runs
(threading's Thread.start waits for that, so its threads are counted). A
program that does either passes single_threaded=False
(PYUNBOX_SINGLE_THREADED=0) to keep those cores unbound.
"""
import _thread
import sys

started = False

# _thread's functions that start a thread: the first two in every version
# (start_new is the old alias), the third since CPython 3.13.
_STARTERS = ("start_new_thread", "start_new", "start_joinable_thread")
_watching = False


def _mark(start):
    def start_thread(*args, **kw):
        global started
        started = True
        return start(*args, **kw)
    start_thread.__name__ = getattr(start, "__name__", "start_new_thread")
    start_thread.__doc__ = getattr(start, "__doc__", None)
    start_thread.__wrapped__ = start
    return start_thread


def watch():
    """Start watching (idempotent). Returns `started`: True if a thread
    other than this one has run Python already."""
    global started, _watching
    if _watching:
        return started
    _watching = True
    if _thread._count() > 0:
        started = True
    for name in _STARTERS:
        if hasattr(_thread, name):
            setattr(_thread, name, _mark(getattr(_thread, name)))
    # threading keeps its own references, taken at its import: wrap those
    # too if it is imported already (imported later, it takes the wrapped
    # ones). Its _active also counts threads C code started that asked
    # threading for their current thread.
    threading = sys.modules.get("threading")
    if threading is not None:
        for name in ("_start_new_thread", "_start_joinable_thread"):
            if hasattr(threading, name):
                setattr(threading, name, _mark(getattr(threading, name)))
        if len(getattr(threading, "_active", ())) > 1:
            started = True
    return started
