"""`import pyunbox.auto`: accelerate every C extension module, those imported
from now on and those already imported (PyPy; on CPython accelerate() changes
nothing, so neither does this).

A meta path finder in front of the others asks them for the spec; when the
loader is an ExtensionFileLoader, it is replaced by a subclass that runs
accelerate() after the module is initialized. An extension module imported
before pyunbox.auto is accelerated when the hook is installed: a program whose
`import pyunbox.auto` is not its first line gets the same functions rebound
(names it already bound with `from mod import f` stay the originals, which is
correct, only not faster). An error in accelerate() never breaks the import:
it is kept in `errors`. `reports` holds each Report.

Without touching code: PYUNBOX_AUTO=1 makes `import pyunbox` import this, so a
`sitecustomize.py` with `import pyunbox` (or `python -c "import pyunbox.auto; ..."`)
turns it on for a whole program. Cores that read or write the extension's
state are called only while the process has one Python thread (accelerate's
single_threaded=None); PYUNBOX_SINGLE_THREADED=1 says the program never calls
an extension from two threads at once (always called), =0 that C code of its
own may call into Python from its threads (never called).
"""
import _thread
import os
import sys
from importlib.machinery import ExtensionFileLoader

from .fastpath import accelerate

reports = {}  # module name -> Report
errors = {}   # module name -> the exception accelerate() raised


def _accelerate(module):
    try:
        reports[module.__name__] = accelerate(module, **options())
    except Exception as e:  # never break an import over an optimization
        errors[module.__name__] = e


class AcceleratingLoader(ExtensionFileLoader):
    def exec_module(self, module):
        super().exec_module(module)
        _accelerate(module)


def options():
    """accelerate()'s keyword arguments from the environment."""
    return {"single_threaded": {"1": True, "0": False}.get(
        os.environ.get("PYUNBOX_SINGLE_THREADED"))}


class AcceleratingFinder:
    # threading.local itself; importing threading costs PyPy 8 ms at start.
    _busy = _thread._local()

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if getattr(cls._busy, "active", False):
            return None
        cls._busy.active = True
        try:
            for finder in sys.meta_path:
                if finder is cls or not hasattr(finder, "find_spec"):
                    continue
                spec = finder.find_spec(name, path, target)
                if spec is not None:
                    break
            else:
                return None
        finally:
            cls._busy.active = False
        if type(spec.loader) is ExtensionFileLoader:
            spec.loader = AcceleratingLoader(spec.loader.name, spec.loader.path)
        return spec


def install():
    if AcceleratingFinder not in sys.meta_path:
        sys.meta_path.insert(0, AcceleratingFinder)
        # By the module's own name: one under two keys is accelerated once.
        for module in list(sys.modules.values()):
            loader = getattr(getattr(module, "__spec__", None), "loader", None)
            if isinstance(loader, ExtensionFileLoader) and module.__name__ not in reports \
                    and module.__name__ not in errors:
                _accelerate(module)


def uninstall():
    if AcceleratingFinder in sys.meta_path:
        sys.meta_path.remove(AcceleratingFinder)


install()
