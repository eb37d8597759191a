"""An extension whose wrappers take strings (PyArg_ParseTuple's s, s#, y, y#,
and the Py_buffer units s* and y*) and exports hand-written cores of them,
with the records the pass would write for them (docs/FORMAT.md, "String
kinds"): the fast path of each is compared with its real wrapper, on CPython
(test_string_kinds.py) and on PyPy (pypy/pypy_accelerate.py), without
depending on what the pass mines."""
# First: the testkit puts the pyunbox package on sys.path.
from pyunbox_testkit.build import build_extension, interpreter_paths, load_module
from pyunbox import _coretype, _loaded, fastpath
from pyunbox._format import KIND, PARAM_ANY_BUFFER, PARAM_DEFAULT, PARAM_KEYWORD, \
    PARAM_NONE_IS_NULL, PARAM_OPTIONAL, PARAM_POSITIONAL, make_record

MODULE = "strmod"
SOURCE = r"""
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* FNV-1a of the bytes: any change of content or length changes it. */
static long weigh(const char *p, Py_ssize_t n) {
  unsigned long h = 14695981039346656037ul;
  for (Py_ssize_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)p[i]) * 1099511628211ul;
  return (long)(h >> 1);
}

/* The cores. */
long text_core(const char *p) { return weigh(p, (Py_ssize_t)strlen(p)); }
long sized_core(const char *p, Py_ssize_t n) { return weigh(p, n); }
long mix_core(const char *a, const char *b, Py_ssize_t nb, long k, int *bail) {
  if (k < 0) {
    *bail = 1;
    return 0;
  }
  return weigh(a, (Py_ssize_t)strlen(a)) ^ weigh(b, nb) ^ k;
}
long tail_core(long n, const char *s) { return weigh(s, (Py_ssize_t)strlen(s)) + n; }
/* z and z#: None is NULL (and a length of 0). */
long maybe_core(const char *p) { return p ? weigh(p, (Py_ssize_t)strlen(p)) : -7; }
long maybe_sized_core(const char *p, Py_ssize_t n) { return p ? weigh(p, n) : -7 - n; }
long tag_core(long k, const char *p, Py_ssize_t n) { return p ? weigh(p, n) ^ k : k - 7 - n; }

/* The wrappers. */
#define ONE(name, format, core, ...)                                  \
  static PyObject *name(PyObject *self, PyObject *args) {             \
    const char *p;                                                    \
    Py_ssize_t n;                                                     \
    if (!PyArg_ParseTuple(args, format, __VA_ARGS__)) return NULL;    \
    (void)n;                                                          \
    return PyLong_FromLong(core);                                     \
  }
ONE(text, "s:text", text_core(p), &p)
ONE(sized, "s#:sized", sized_core(p, n), &p, &n)
ONE(raw, "y:raw", text_core(p), &p)
ONE(raw_sized, "y#:raw_sized", sized_core(p, n), &p, &n)
ONE(maybe, "z:maybe", maybe_core(p), &p)
ONE(maybe_sized, "z#:maybe_sized", maybe_sized_core(p, n), &p, &n)

/* Any bytes-like object (and for s* a str): the core gets the buffer's bytes
 * and length, as for y# and s#, and no Py_buffer to release. */
#define BUFFER(name, format)                                          \
  static PyObject *name(PyObject *self, PyObject *args) {             \
    Py_buffer b;                                                      \
    if (!PyArg_ParseTuple(args, format, &b)) return NULL;             \
    long r = sized_core(b.buf, b.len);                                \
    PyBuffer_Release(&b);                                             \
    return PyLong_FromLong(r);                                        \
  }
BUFFER(buffer, "y*:buffer")
BUFFER(text_buffer, "s*:text_buffer")

static PyObject *mix(PyObject *self, PyObject *args, PyObject *kw) {
  static char *kwlist[] = {"a", "b", "k", NULL};
  const char *a, *b;
  Py_ssize_t nb;
  long k = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "ss#|l:mix", kwlist, &a, &b, &nb, &k))
    return NULL;
  if (k < 0) {
    PyErr_SetString(PyExc_ValueError, "k must not be negative");
    return NULL;
  }
  return PyLong_FromLong(weigh(a, (Py_ssize_t)strlen(a)) ^ weigh(b, nb) ^ k);
}

/* An optional z# that is NULL (and 0) where omitted: None's default. */
static PyObject *tag(PyObject *self, PyObject *args, PyObject *kw) {
  static char *kwlist[] = {"k", "tag", NULL};
  long k;
  const char *p = NULL;
  Py_ssize_t n = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "l|z#:tag", kwlist, &k, &p, &n))
    return NULL;
  return PyLong_FromLong(tag_core(k, p, n));
}

static PyObject *tail(PyObject *self, PyObject *args) {
  long n;
  const char *s = "default";
  if (!PyArg_ParseTuple(args, "l|y:tail", &n, &s)) return NULL;
  return PyLong_FromLong(tail_core(n, s));
}

static PyMethodDef methods[] = {
    {"text", text, METH_VARARGS, NULL},         {"sized", sized, METH_VARARGS, NULL},
    {"raw", raw, METH_VARARGS, NULL},           {"raw_sized", raw_sized, METH_VARARGS, NULL},
    {"buffer", buffer, METH_VARARGS, NULL},     {"text_buffer", text_buffer, METH_VARARGS, NULL},
    {"mix", (PyCFunction)(void (*)(void))mix, METH_VARARGS | METH_KEYWORDS, NULL},
    {"tail", tail, METH_VARARGS, NULL},         {"maybe", maybe, METH_VARARGS, NULL},
    {"maybe_sized", maybe_sized, METH_VARARGS, NULL},
    {"tag", (PyCFunction)(void (*)(void))tag, METH_VARARGS | METH_KEYWORDS, NULL}, {NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "strmod", NULL, -1, methods};
PyMODINIT_FUNC PyInit_strmod(void) { return PyModule_Create(&def); }
"""

POS, BOTH = PARAM_POSITIONAL, PARAM_POSITIONAL | PARAM_KEYWORD
LONG = KIND["LONG"]


def _record(name, core, prototype, kinds, names=None, flags=None, defaults=None, errors=0,
            meth_flags=1):
    return make_record(
        python_name=name, core_symbol=core, wrapper_symbol=name, module=MODULE,
        c_prototype=prototype, param_names=names or [""] * len(kinds), param_kinds=kinds,
        return_kind=LONG, convention=4, meth_flags=meth_flags, effects=0, memory=0,
        errors=errors, core_address=0, wrapper_address=0, version=1,
        param_flags=flags or [POS] * len(kinds), param_defaults=defaults or [0] * len(kinds))


RECORDS = {
    "text": _record("text", "text_core", "long text_core(const char *)", [KIND["UTF8"]]),
    "sized": _record("sized", "sized_core", "long sized_core(const char *, Py_ssize_t)",
                     [KIND["UTF8_SIZE"]]),
    "raw": _record("raw", "text_core", "long text_core(const char *)", [KIND["BYTES"]]),
    "raw_sized": _record("raw_sized", "sized_core", "long sized_core(const char *, Py_ssize_t)",
                         [KIND["BYTES_SIZE"]]),
    # y* and s*: the kinds of y# and s#, whose fast paths they keep; every
    # other buffer is the wrapper's.
    "buffer": _record("buffer", "sized_core", "long sized_core(const char *, Py_ssize_t)",
                      [KIND["BYTES_SIZE"]], flags=[POS | PARAM_ANY_BUFFER]),
    "text_buffer": _record("text_buffer", "sized_core",
                           "long sized_core(const char *, Py_ssize_t)", [KIND["UTF8_SIZE"]],
                           flags=[POS | PARAM_ANY_BUFFER]),
    # Keywords, a default after two strings, and a bail.
    "mix": _record("mix", "mix_core",
                   "long mix_core(const char *a, const char *b, Py_ssize_t, long k, int *)",
                   [KIND["UTF8"], KIND["UTF8_SIZE"], LONG], names=["a", "b", "k"],
                   flags=[BOTH, BOTH, BOTH | PARAM_OPTIONAL | PARAM_DEFAULT],
                   defaults=[0, 0, 1], errors=1, meth_flags=3),
    # An optional string: no default (a string never has one), so a call
    # that omits it is the wrapper's.
    "tail": _record("tail", "tail_core", "long tail_core(long, const char *)",
                    [LONG, KIND["BYTES"]], flags=[POS, POS | PARAM_OPTIONAL]),
    # z and z#: s and s# that also take None, for which the core gets NULL.
    "maybe": _record("maybe", "maybe_core", "long maybe_core(const char *)", [KIND["UTF8"]],
                     flags=[POS | PARAM_NONE_IS_NULL]),
    "maybe_sized": _record("maybe_sized", "maybe_sized_core",
                           "long maybe_sized_core(const char *, Py_ssize_t)", [KIND["UTF8_SIZE"]],
                           flags=[POS | PARAM_NONE_IS_NULL]),
    # An optional z# whose default is None: an omitted one is NULL and 0.
    "tag": _record("tag", "tag_core", "long tag_core(long k, const char *tag, Py_ssize_t)",
                   [LONG, KIND["UTF8_SIZE"]], names=["k", "tag"],
                   flags=[BOTH, BOTH | PARAM_OPTIONAL | PARAM_DEFAULT | PARAM_NONE_IS_NULL],
                   meth_flags=3),
}
# The records of one string parameter each, whose fast path takes_core() says.
SINGLE = ["text", "sized", "raw", "raw_sized", "buffer", "text_buffer", "maybe", "maybe_sized"]


class StrSub(str):
    pass


class BytesSub(bytes):
    pass


# Arguments for a string parameter: those a fast path takes, and those only
# the wrapper may judge (a subclass, a buffer, a NUL where the core would stop
# at it, a lone surrogate that has no UTF-8, other types).
VALUES = ["", "abc", "é日\U0001f600", "x" * 300, "a\0b", "\ud800", b"", b"abc", b"\xff\xfe",
          b"a\0b", bytearray(b"abc"), memoryview(b"abc"), StrSub("abc"), BytesSub(b"abc"),
          None, 5, 2.5]


# Calls of mix(a, b, k=1) that its core takes, and those the wrapper gets.
MIX_CORE_CALLS = [(("abc", b"x\0y"), {}), (("é", "日", 7), {}), ((), {"a": "a", "b": b""}),
                  (("a",), {"b": "b", "k": 3}), (("a", "b"), {"k": 0})]
MIX_WRAPPER_CALLS = [(("a", "b", -1), {}),  # the core bails
                     (("a\0", "b"), {}), (("a", "\ud800"), {}), ((b"a", "b"), {}),
                     (("a",), {}), (("a", "b", "1"), {}), (("a",), {"b": "b", "c": 1}),
                     (("a", "b"), {"a": "a"}), (("a", "b", 1, 2), {})]


# Calls of tag(k, tag=None) that its core takes (an omitted tag too), and
# those the wrapper gets.
TAG_CORE_CALLS = [((3,), {}), ((3, None), {}), ((3, "é"), {}), ((3, b"a\0b"), {}), ((), {"k": 3}),
                  ((3,), {"tag": "x"}), ((), {"k": -1, "tag": None}), ((1 << 40,), {})]
TAG_WRAPPER_CALLS = [((3, bytearray(b"x")), {}), (("3",), {}), ((3,), {"tag": 5}),
                     ((3, "\ud800"), {}), ((), {"tag": "x"}), ((3, "a", 1), {}), ((), {}),
                     ((3,), {"k": 3}), ((1 << 70,), {})]
# Each record's calls of both sorts.
KEYWORD_CALLS = {"mix": (MIX_CORE_CALLS, MIX_WRAPPER_CALLS), "tag": (TAG_CORE_CALLS, TAG_WRAPPER_CALLS)}


def takes_core(record, value):
    """Whether the fast path passes `value` to the core of a record of one
    string parameter (docs/RUNTIME.md): an exact str with UTF-8, an exact
    bytes, no NUL where the core gets no length, and None where the wrapper
    takes it (NULL). PARAM_ANY_BUFFER changes nothing here."""
    kind = record.param_kinds[0]
    if value is None:
        return record.param_none_is_null[0]
    sized = kind in (KIND["UTF8_SIZE"], KIND["BYTES_SIZE"])
    if type(value) is str and kind in (KIND["UTF8"], KIND["UTF8_SIZE"]):
        return (sized or "\0" not in value) and _has_utf8(value)
    return type(value) is bytes and kind != KIND["UTF8"] and (sized or b"\0" not in value)


def _has_utf8(text):
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def build(directory, python):
    """strmod built (without the plugin) for `python` in `directory`."""
    suffix = interpreter_paths(python)[1]
    source = directory / "strmod.c"
    source.write_text(SOURCE)
    return build_extension([source], directory / f"{MODULE}{suffix}", python, plugin=False)


def load(path, package):
    return load_module(path, f"{package}.{MODULE}")


def fast_path(module, path, name):
    """(fast, original, slow): accelerate()'s fast path of module.<name> on
    its core in `path`; each call it makes of the original is appended to
    slow."""
    record = RECORDS[name]
    original = getattr(module, name)
    slow = []

    def spy(*args, **kwargs):
        slow.append((args, kwargs))
        return original(*args, **kwargs)

    new_bail = _coretype.new_flag if record.errors == "bail" else None
    core = _loaded.library(str(path)).function(record)
    return fastpath.make_fast(record, core, spy, new_bail), original, slow
